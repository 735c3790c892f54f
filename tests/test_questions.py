"""Every question type: correct, wrong, not attempted and wrong-type answers;
the session (check / hint / solution), personal data and grade_answers."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from smmlib import exercises
from smmlib.engine import progress
from smmlib.engine.checking import Outcome
from smmlib.engine.questions import (
    Bank,
    Case,
    Choice,
    Classify,
    Context,
    Function,
    Order,
    Thought,
    Value,
    function_from_source,
)

CTX = Context("test", "tester", {"tiny": lambda ctx: pd.DataFrame({"reach": [100, 300]})})


def safe_rate(num, den):
    return float("nan") if den == 0 else num / den


def _stub(num, den):
    raise NotImplementedError("write your code here")


def _crashes(num, den):
    return num / den


VALUE = Value(key="q1", title="Total reach", expected=lambda ctx: int(ctx.data("tiny")["reach"].sum()))
FUNCTION = Function(key="q2", title="safe rate", answer_name="safe_rate", reference=safe_rate,
                    cases=[Case((1, 4), label="ordinary"), Case((3, 0), label="zero denominator")])
CHOICE = Choice(key="q3", title="Pick", options={"a": "A", "b": "B", "c": "C"}, correct="b",
                explanations={"a": "A is the inverse."})
MULTI = Choice(key="q4", title="Pick all", options={"a": "A", "b": "B", "c": "C"}, correct=["a", "c"],
               explanations={"b": "B is wrong because."})
CLASSIFY = Classify(key="q5", title="Group", groups=["paid", "organic"],
                    expected={"ad": "paid", "post": "organic", "boost": "paid"})
ORDER = Order(key="q6", title="Order", steps={"a": "second", "b": "first", "c": "third"},
              expected=["b", "a", "c"])
THOUGHT = Thought(key="q7", title="Why?")

# type -> (question, correct answer, wrong answer + expected words, wrong-type answer + words)
CASES = {
    "value": (VALUE, 400, (40000, "100 times"), ("400", "remove the quotes")),
    "function": (FUNCTION, safe_rate, (_crashes, "zero denominator — `safe_rate(3, 0)` — your function "
                                                 "raised ZeroDivisionError"),
                 (0.25, "Expected a function")),
    "choice": (CHOICE, "b", ("a", "A is the inverse"), (2, "option letters")),
    "multi": (MULTI, ["c", "a"], (["a", "b"], "found 1 of the 2 correct options"), ({"a": 1}, "option letters")),
    "classify": (CLASSIFY, {"ad": "paid", "post": "organic", "boost": "paid"},
                 ({"ad": "paid", "post": "paid", "boost": "paid"}, "1 of 3 items are in the wrong group, e.g. 'post'"),
                 (["paid"], "Answer with a dict")),
    "order": (ORDER, ["b", "a", "c"], (["b", "c", "a"], "step 'c' at position 2 comes too early"),
              ("bac", "list of step letters")),
    "thought": (THOUGHT, "Because a rate on four people is very uncertain.", ("ok", "at least 5 words"),
                (42, "as text in quotes")),
}


@pytest.mark.parametrize("kind", CASES)
def test_correct(kind):
    question, answer, _, _ = CASES[kind]
    result = question.grade(answer, CTX)
    assert result.outcome is Outcome.CORRECT, result.message
    assert result.points == result.max_points == (0 if kind == "thought" else 1)


@pytest.mark.parametrize("kind", CASES)
def test_wrong(kind):
    question, _, (wrong, words), _ = CASES[kind]
    result = question.grade(wrong, CTX)
    partial = {"classify": 0.6667}  # 2 of 3 items right: points in proportion
    assert result.outcome is Outcome.INCORRECT and result.points == partial.get(kind, 0)
    assert words in result.message


@pytest.mark.parametrize("kind", CASES)
def test_not_attempted(kind):
    question = CASES[kind][0]
    result = question.grade(..., CTX)
    assert result.outcome is Outcome.NOT_ATTEMPTED
    assert f"`{question.answer_name} = ...`" in result.message


@pytest.mark.parametrize("kind", CASES)
def test_wrong_type(kind):
    question, _, _, (bad, words) = CASES[kind]
    result = question.grade(bad, CTX)
    assert result.outcome is Outcome.INCORRECT
    assert words in result.message and "Traceback" not in result.message


@pytest.mark.parametrize("kind", CASES)
def test_none_gets_a_clear_message(kind):
    result = CASES[kind][0].grade(None, CTX)
    assert result.outcome is Outcome.INCORRECT
    assert "None" in result.message


def test_function_stub_and_ellipsis_body_are_not_attempted():
    assert FUNCTION.grade(_stub, CTX).outcome is Outcome.NOT_ATTEMPTED
    assert FUNCTION.grade(lambda n, d: ..., CTX).outcome is Outcome.NOT_ATTEMPTED


def test_function_names_the_failing_case_and_catches_missing_return():
    def no_return(num, den):
        num / den if den else None

    result = FUNCTION.grade(no_return, CTX)
    assert "ordinary" in result.message and "forget `return`" in result.message
    wrong_edge = FUNCTION.grade(lambda n, d: 0.0 if d == 0 else n / d, CTX)
    assert "zero denominator" in wrong_edge.message and "NaN" in wrong_edge.message


def test_function_from_source_for_the_grader():
    source = "def safe_rate(num, den):\n    return math.nan if den == 0 else num / den\n"
    assert FUNCTION.grade(source, CTX).outcome is Outcome.CORRECT
    broken = FUNCTION.grade("def safe_rate(num, den):\n    return (\n", CTX)
    assert broken.outcome is Outcome.INCORRECT and "could not run" in broken.message
    with pytest.raises(ValueError, match="no function named 'other'|does not define"):
        function_from_source("x = 1", "other")


def test_function_answer_cannot_corrupt_the_cases():
    frame_fn = Function(key="q9", title="t", reference=lambda df: int(df["a"].sum()),
                        cases=[Case((pd.DataFrame({"a": [1, 2]}),))])

    def sums_then_overwrites(df):
        total = int(df["a"].sum())
        df["a"] = 0
        return total

    assert frame_fn.grade(sums_then_overwrites, CTX).correct
    assert frame_fn.grade(sums_then_overwrites, CTX).correct  # the case itself is untouched
    assert frame_fn.cases[0].args[0]["a"].tolist() == [1, 2]


def test_choice_accepts_letter_forms_and_rejects_unknown():
    assert CHOICE.grade(" B) ", CTX).correct
    assert MULTI.grade("a, c", CTX).correct
    assert "'z' is not one of the options" in CHOICE.grade("z", CTX).message
    assert "exactly one" in CHOICE.grade(["a", "b"], CTX).message


def test_classify_accepts_group_lists():
    assert CLASSIFY.grade({"paid": ["ad", "boost"], "organic": ["post"]}, CTX).correct
    assert "not one of the groups" in CLASSIFY.grade({"ad": "earned", "post": "organic", "boost": "paid"},
                                                     CTX).message


def test_declarations_are_validated():
    with pytest.raises(ValueError, match="not among the options"):
        Choice(key="q1", title="t", options={"a": "A"}, correct="b")
    with pytest.raises(ValueError, match="each step letter once"):
        Order(key="q1", title="t", steps={"a": "x", "b": "y"}, expected=["a", "a"])
    with pytest.raises(ValueError, match="Python name"):
        Value(key="3", title="t", expected=1)
    with pytest.raises(ValueError, match="repeated question key"):
        Bank("b", "B", [VALUE, VALUE])


# ----------------------------------------------------------------------------- the session
def _progress():
    return json.loads(progress.progress_path().read_text())["exercises"]


def test_check_records_and_returns_a_result():
    ex = exercises.start("00_start_here", "tester")
    assert ex.q1.check(...).outcome is Outcome.NOT_ATTEMPTED
    assert ex.q1.check(4.5).outcome is Outcome.INCORRECT
    assert ex.q1.check(54 / 1200).correct
    rec = _progress()["00_start_here"]["questions"]["q1"]
    assert rec["outcome"] == "correct" and rec["attempts"] == 2
    assert _progress()["00_start_here"]["student_id"] == "tester"


def test_hints_are_tiered_and_recorded():
    ex = exercises.start("00_start_here", "tester")
    first, second = ex.q1.hint(), ex.q1.hint(2)
    label = ex.q1.question.label  # the heading, when the question has one
    assert first.heading == f"Hint 1 of 2 for q1 · {label}" and "hint(2)" in first.body
    assert second.heading == f"Hint 2 of 2 for q1 · {label}"
    assert "only 2 hint" in ex.q1.hint(5).heading
    assert "Ask for hint 1 to 2" in ex.q1.hint(0).body
    assert _progress()["00_start_here"]["questions"]["q1"]["hints_seen"] == 2


def test_solution_asks_to_try_first_then_reveal_is_recorded():
    ex = exercises.start("00_start_here", "tester")
    gate = ex.q1.solution()
    assert gate.heading == "Try q1 first" and "reveal=True" in gate.body
    assert "q1_answer" not in gate.body
    shown = ex.q1.solution(reveal=True)
    assert "q1_answer = 54 / 1200" in shown.body
    assert _progress()["00_start_here"]["questions"]["q1"]["solution_revealed"] is True


def test_solution_is_shown_after_an_attempt_even_after_a_restart():
    exercises.start("00_start_here", "tester").q3.check("a")
    fresh = exercises.start("00_start_here", "tester")  # a new kernel
    assert 'q3_answer = "c"' in fresh.q3.solution().body


def test_demo_is_not_recorded():
    demo = exercises.demo("tester")
    assert demo.q1.check(0.05).correct
    assert demo.q1.solution().heading == "Solution to q1"
    assert not progress.progress_path().exists()


def test_bad_student_id_and_unknown_exercise():
    with pytest.raises(TypeError, match="student_id must be non-empty text"):
        exercises.start("04_metrics", "  ")
    with pytest.raises(KeyError, match="Did you mean '04_metrics'"):
        exercises.start("04_metric", "x")


# ----------------------------------------------------------------------------- personal data
def test_same_id_same_data_and_answers_different_ids_differ():
    a1, a2, b = (exercises.start("04_metrics", sid, record=False) for sid in ("ana", "ana", "ben"))
    pd.testing.assert_frame_equal(a1.dataset("my_posts"), a2.dataset("my_posts"))
    assert not a1.dataset("my_posts").equals(b.dataset("my_posts"))
    q1 = exercises.get_bank("04_metrics").question("q1")
    assert q1.expected_value(a1.context) == q1.expected_value(a2.context)
    assert q1.expected_value(a1.context) != q1.expected_value(b.context)
    # the real dataset is the same for everyone
    q13 = exercises.get_bank("04_metrics").question("q13")
    assert q13.expected_value(a1.context) == q13.expected_value(b.context) == 4


def test_copying_a_neighbours_number_fails():
    bank = exercises.get_bank("04_metrics")
    ana_answer = bank.question("q1").expected_value(bank.context("ana"))
    results = exercises.grade_answers("04_metrics", "ben", {"q1_answer": ana_answer})
    assert results[0].outcome is Outcome.INCORRECT
    assert exercises.grade_answers("04_metrics", "ana", {"q1_answer": ana_answer})[0].correct


def test_dataset_copies_cannot_change_expected_answers():
    ex = exercises.start("04_metrics", "ana", record=False)
    posts = ex.dataset("my_posts")
    posts["reach"] = 1
    assert ex.dataset("my_posts")["reach"].sum() > len(posts)


# ----------------------------------------------------------------------------- grading entry point
def test_grade_answers_missing_is_not_attempted_and_nothing_is_recorded():
    results = exercises.grade_answers("04_metrics", "ana", {})
    assert [r.question for r in results] == [f"q{i}" for i in range(1, 18)]
    assert {r.outcome for r in results} == {Outcome.NOT_ATTEMPTED}
    assert not progress.progress_path().exists()


def test_collect_answers_turns_functions_into_source():
    from smmlib.exercises.ex04_metrics import cpl_status

    namespace = {"q1_answer": 0.1, "cpl_status": cpl_status, "unrelated": 3}
    answers = exercises.collect_answers("04_metrics", namespace)
    assert set(answers) == {"q1_answer", "cpl_status"}
    assert answers["cpl_status"].lstrip().startswith("def cpl_status")
    graded = {r.question: r for r in exercises.grade_answers("04_metrics", "ana", answers)}
    assert graded["q8"].correct


def test_function_with_an_infinite_loop_is_stopped(monkeypatch):
    import smmlib.engine.questions as questions

    monkeypatch.setattr(questions, "CASE_TIME_LIMIT", 0.2)

    def spins(num, den):
        while True:
            pass

    result = FUNCTION.grade(spins, CTX)
    assert result.outcome is Outcome.INCORRECT
    assert "did not finish within 0.2 seconds" in result.message and "loop" in result.message
    # the timer is cleared: a correct function afterwards is graded normally
    assert FUNCTION.grade(lambda n, d: math.nan if d == 0 else n / d, CTX).outcome is Outcome.CORRECT


def test_the_heading_names_the_question_in_show_hints_feedback_and_listings():
    q = Value(key="q1", title="Give the total reach.", expected=400, heading="Reach of the month",
              brief="The owner wants one number.", hints=("Add up.", "Sum the column."))
    ex = exercises.Exercise(Bank(name="t", title="T", questions=[q], listed=False), "tester", record=False)
    shown = ex.q1.show()
    assert shown.heading == "Question q1 · Reach of the month"
    assert shown.body.startswith("*The owner wants one number.*\n\n**q1.** Give the total reach.")
    assert ex.q1.hint().heading == "Hint 1 of 2 for q1 · Reach of the month"
    result = ex.q1.check(400)
    assert result.title == "Reach of the month" and "· Reach of the month" in result._repr_html_()
    assert "q1 · Reach of the month" in repr(ex) and "Give the total reach." in repr(ex.q1)
    assert VALUE.grade(400, CTX).title == "Total reach"  # no heading: the task names it
