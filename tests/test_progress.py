"""The progress record: written atomically, robust to damage, summarised per chapter."""

from __future__ import annotations

import json
import os

import pytest

from smmlib import exercises
from smmlib.engine import progress
from smmlib.engine.checking import Outcome, Result
from smmlib.viz import figure_problems


def _result(outcome, q="q1"):
    return Result(q, outcome, "m", 1.0 if outcome is Outcome.CORRECT else 0.0, 1.0)


def test_state_dir_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SMM_STATE_DIR", str(tmp_path / "elsewhere"))
    assert progress.progress_path() == tmp_path / "elsewhere" / "progress.json"


def test_record_and_summary_counts():
    progress.record_check("04_metrics", _result(Outcome.CORRECT, "q1"), "ana")
    progress.record_check("04_metrics", _result(Outcome.INCORRECT, "q2"), "ana")
    progress.record_check("04_metrics", _result(Outcome.NOT_ATTEMPTED, "q3"), "ana")
    table = progress.summary(exercises.BANKS).set_index("exercise")
    row = table.loc["04_metrics"]
    total = len(exercises.get_bank("04_metrics").questions)
    assert (row.correct, row.attempted, row.left, row.total) == (1, 1, total - 2, total)
    assert table.loc["00_start_here"].left == table.loc["00_start_here"].total
    assert "00_demo" not in table.index


def test_a_free_text_answer_is_recorded_as_answered_not_correct():
    ex = exercises.start("04_metrics", "ana")
    result = ex.q17.check("Four people are too few to trust a 75% rate; the bound accounts for it.")
    assert result.status == "answered" and str(result).startswith("✎ q17 — Answered")
    ex.q1.check(0.0)  # an incorrect graded answer
    rec = progress.question_record("04_metrics", "q17")
    assert rec["outcome"] == "answered" and "first_correct" not in rec
    row = progress.summary(exercises.BANKS).set_index("exercise").loc["04_metrics"]
    total = len(exercises.get_bank("04_metrics").questions)
    assert (row.correct, row.answered, row.attempted, row.left) == (0, 1, 1, total - 2)


def test_an_old_record_of_free_text_as_correct_counts_as_answered():
    progress.record_check("04_metrics", Result("q17", Outcome.CORRECT, "", 0.0, 0.0, graded=True))
    row = progress.summary(exercises.BANKS).set_index("exercise").loc["04_metrics"]
    assert (row.correct, row.answered) == (0, 1)


def test_latest_outcome_wins_and_attempts_count():
    for outcome in (Outcome.INCORRECT, Outcome.CORRECT, Outcome.NOT_ATTEMPTED):
        progress.record_check("00_start_here", _result(outcome))
    rec = progress.question_record("00_start_here", "q1")
    assert rec["attempts"] == 2 and rec["outcome"] == "not attempted" and rec["first_correct"]


def test_missing_file_starts_fresh():
    assert not progress.progress_path().exists()
    assert progress.load() == {"version": 1, "exercises": {}}


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"exercises": 3}'])
def test_corrupt_file_is_set_aside_with_a_warning(content):
    path = progress.progress_path()
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.warns(progress.ProgressWarning, match="damaged"):
        assert progress.record_check("00_start_here", _result(Outcome.CORRECT))
    assert path.with_name("progress.json.corrupt").read_text() == content
    assert json.loads(path.read_text())["exercises"]["00_start_here"]["questions"]["q1"]["outcome"] == "correct"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_unwritable_folder_warns_but_check_still_works(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("SMM_STATE_DIR", str(locked / "state"))
    try:
        ex = exercises.start("00_start_here", "ana")
        with pytest.warns(progress.ProgressWarning, match="could not save"):
            assert ex.q1.check(0.045).correct
    finally:
        locked.chmod(0o700)


def test_oserror_while_saving_warns_but_check_still_works(monkeypatch):
    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(progress.os, "replace", boom)
    ex = exercises.start("00_start_here", "ana")
    with pytest.warns(progress.ProgressWarning, match="disk full"):
        result = ex.q1.check(0.045)
    assert result.correct
    assert not list(progress.progress_path().parent.glob("*.json"))


def test_write_is_atomic_no_temp_files_left():
    progress.record_check("00_start_here", _result(Outcome.CORRECT))
    assert [p.name for p in progress.progress_path().parent.iterdir()] == ["progress.json"]


def test_view_has_a_labelled_chart_and_text():
    progress.record_check("04_metrics", _result(Outcome.CORRECT))
    view = progress.show(exercises.BANKS)
    assert figure_problems(view.figure) == []
    assert [t.name for t in view.figure.data] == ["✓ correct", "✎ answered (free text, read by a person)",
                                                  "✗ attempted, not yet correct", "… not attempted"]
    assert "04_metrics" in repr(view) and "correct" in repr(view)
