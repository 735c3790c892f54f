"""Partial credit: Classify, Order and Overlap score in proportion; the parts
appear in the Result, the gradebook and the feedback; ex01 q1 accepts both
groups where source 001 allows both."""

from __future__ import annotations

import csv

import pytest

from smmlib import exercises, roles
from smmlib.engine.checking import Outcome
from smmlib.engine.questions import Classify, Context, Order, Overlap
from smmlib.exercises import ex01_roles
from smmlib.grading.feedback import feedback_html, feedback_markdown
from smmlib.grading.gradebook import SubmissionResult, write_gradebook

CTX = Context("test", "tester", {})

CLASSIFY = Classify(key="q1", title="Group", groups=["paid", "organic"], points=2,
                    expected={"ad": "paid", "post": "organic", "boost": "paid", "reel": "organic",
                              "story": ("organic", "paid")})
ORDER = Order(key="q2", title="Order", steps={"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"},
              expected=["a", "b", "c", "d", "e"])
OVERLAP = Overlap(key="q3", title="Find", expected=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
                  min_precision=0.8, min_recall=0.8)


def test_classify_scores_in_proportion():
    answer = {"ad": "paid", "post": "paid", "boost": "paid", "reel": "organic", "story": "organic"}
    result = CLASSIFY.grade(answer, CTX)
    assert result.outcome is Outcome.INCORRECT
    assert result.points == pytest.approx(2 * 4 / 5) and result.max_points == 2
    assert result.parts == "4/5 items"
    assert "1 of 5 items are in the wrong group" in result.message
    assert "1.6/2 points; 4/5 items" in str(result)


def test_classify_counts_the_classified_items_when_some_are_missing():
    result = CLASSIFY.grade({"ad": "paid", "post": "organic"}, CTX)
    assert result.points == pytest.approx(2 * 2 / 5) and "3 item(s) not classified yet" in result.message


def test_classify_accepts_either_group_where_two_are_allowed():
    for group in ("organic", "paid"):
        answer = {"ad": "paid", "post": "organic", "boost": "paid", "reel": "organic", "story": group}
        result = CLASSIFY.grade(answer, CTX)
        assert result.outcome is Outcome.CORRECT and result.points == 2 and result.parts == "5/5 items"


def test_a_wrong_format_earns_nothing():
    assert CLASSIFY.grade(["paid"], CTX).points == 0
    assert ORDER.grade("abcde", CTX).points == 0
    assert OVERLAP.grade(42, CTX).points == 0


@pytest.mark.parametrize(("answer", "right"), [
    (["a", "b", "c", "d", "e"], 4),          # all four neighbouring pairs
    (["a", "b", "c", "e", "d"], 2),          # the last two swapped: a-b, b-c kept
    (["b", "c", "d", "e", "a"], 3),          # one step moved from first to last: b-c, c-d, d-e
    (["e", "d", "c", "b", "a"], 0),          # reversed
])
def test_order_credits_neighbouring_pairs(answer, right):
    result = ORDER.grade(answer, CTX)
    assert result.points == pytest.approx(right / 4)
    assert result.parts == f"{right}/4 neighbouring pairs in order"
    assert (result.outcome is Outcome.CORRECT) == (right == 4)


def test_overlap_credit_grows_towards_the_thresholds():
    # 6 of 10 found, no extras: recall 0.6 of 0.8 needed, precision 1 -> 0.75 of the point
    result = OVERLAP.grade([1, 2, 3, 4, 5, 6], CTX)
    assert result.outcome is Outcome.INCORRECT and result.points == pytest.approx(0.75)
    assert result.parts == "recall 0.60 of 0.80 needed, precision 1.00 of 0.80"
    # all 10 plus 10 extras: recall 1, precision 0.5 of 0.8 -> 0.625
    assert OVERLAP.grade(list(range(1, 21)), CTX).points == pytest.approx(0.625)
    # passing the thresholds is full marks
    passed = OVERLAP.grade([1, 2, 3, 4, 5, 6, 7, 8, 99], CTX)
    assert passed.outcome is Outcome.CORRECT and passed.points == 1
    assert OVERLAP.grade([], CTX).points == 0


def test_not_attempted_has_no_parts():
    result = CLASSIFY.grade(..., CTX)
    assert result.points == 0 and result.parts == ""


# ----------------------------------------------------------------------------- ex01 q1


def _model_answer():
    return {a: roles.ACTIVITIES[a] for a in ex01_roles.Q1_ACTIVITIES}


def test_ex01_q1_accepts_the_second_group_the_source_allows():
    assert len(ex01_roles.Q1_ALSO) == 3
    ex = exercises.start("01_roles", "ana", record=False)
    answer = _model_answer()
    for item, other in ex01_roles.Q1_ALSO.items():
        assert item in answer and other != answer[item]
        answer[item] = other
    result = ex.q1.check(answer)
    assert result.outcome is Outcome.CORRECT and result.points == 1


def test_ex01_q1_gives_a_point_per_twentieth():
    ex = exercises.start("01_roles", "ana", record=False)
    answer = _model_answer()
    answer["Write next quarter's work plan"] = "posting"
    answer["Hire a videographer for the shoot"] = "creative"
    result = ex.q1.check(answer)
    assert result.outcome is Outcome.INCORRECT
    assert result.points == pytest.approx(18 / 20) and result.parts == "18/20 items"


# ----------------------------------------------------------------------------- gradebook and feedback


def test_parts_appear_in_the_gradebook_and_the_feedback(tmp_path):
    results = [CLASSIFY.grade({"ad": "paid", "post": "paid", "boost": "paid", "reel": "organic",
                               "story": "organic"}, CTX),
               ORDER.grade(["a", "b", "c", "e", "d"], CTX)]
    sub = SubmissionResult("ana", "test", "graded", sum(r.points for r in results), 3.0, results)
    path = tmp_path / "gradebook.csv"
    write_gradebook(path, [sub], ["q1", "q2"], ["q1", "q2"])
    row = next(csv.DictReader(path.open(encoding="utf-8")))
    assert row["q1"] == "1.6" and row["q1 parts"] == "4/5 items"
    assert row["q2"] == "0.5" and row["q2 parts"] == "2/4 neighbouring pairs in order"
    assert row["score"] == "2.1"
    assert "1.6/2 (4/5 items)" in feedback_markdown(sub)
    assert "0.5/1 (2/4 neighbouring pairs in order)" in feedback_html(sub)


def test_a_result_with_parts_survives_json():
    from smmlib.engine.checking import Result

    result = ORDER.grade(["a", "b", "c", "e", "d"], CTX)
    assert Result.from_dict(result.to_dict()) == result
    old = result.to_dict()
    del old["parts"]  # a result stored before partial credit
    assert Result.from_dict(old).parts == ""
