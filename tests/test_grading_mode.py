"""Grading mode (the grader's sandbox): the folder's student ID whatever the
notebook typed, nothing recorded, and ``check()`` leaves the judging to the
grader, which checks the exported answers with the same ``Question.grade``."""

from __future__ import annotations

from smmlib import exercises
from smmlib.engine.checking import Result
from smmlib.engine.session import GRADING_CHECK_NOTE, GRADING_NOTE, Note


def test_grading_mode_forces_the_id_records_nothing_and_check_does_not_judge(tmp_path, monkeypatch):
    monkeypatch.setenv("SMM_STATE_DIR", str(tmp_path))
    with exercises.grading_mode("s042"):
        ex = exercises.start("04_metrics", "typed-by-the-student")
        assert ex.student_id == "s042"
        # a wrong type and a plausible number get the same note: nothing is judged here
        for answer in (0.05, "not a number", None):
            note = ex.q1.check(answer)
            assert note is GRADING_CHECK_NOTE
            assert isinstance(note, Note) and not isinstance(note, Result)
        assert "grader" in note.body
        assert ex.progress() is GRADING_NOTE
        # having called check() counts as trying: the solution note is not "try first"
        assert not ex.q1.solution().heading.startswith("Try q1 first")
    assert list(tmp_path.iterdir()) == [], "grading mode must not write progress"


def test_outside_grading_mode_check_judges_and_records(tmp_path, monkeypatch):
    monkeypatch.setenv("SMM_STATE_DIR", str(tmp_path))
    ex = exercises.start("04_metrics", "s042")
    result = ex.q1.check("not a number")
    assert isinstance(result, Result)
    assert not result.correct
    assert any(tmp_path.iterdir()), "a check outside grading mode is recorded in the progress file"


def test_the_grader_judges_what_check_no_longer_judges_in_the_child():
    """The judging moved, it did not disappear: grade_answers (what the grader
    runs on the exported answers) marks a right and a wrong answer."""
    bank = exercises.get_bank("04_metrics")
    ctx = bank.context("s042")
    q1 = bank.questions[0]
    right = q1.expected_value(ctx)
    results = {r.question: r for r in exercises.grade_answers("04_metrics", "s042", {q1.answer_name: right})}
    assert results["q1"].correct
    results = {r.question: r for r in exercises.grade_answers("04_metrics", "s042", {q1.answer_name: right * 2})}
    assert not results["q1"].correct
