"""Tests of the Overlap question type: graded by precision and recall thresholds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmlib.engine.checking import Outcome
from smmlib.engine.questions import Bank, Overlap


def _grade(question, answer, student="s1"):
    bank = Bank(name="t_overlap", title="T", questions=[question], listed=False)
    return question.grade(answer, bank.context(student))


Q = Overlap(key="q1", title="Which days?", expected=[3, 10, 40, 77, 90], min_precision=0.8, min_recall=0.8)


def test_exact_and_near_answers_pass():
    assert _grade(Q, [3, 10, 40, 77, 90]).outcome is Outcome.CORRECT
    near = _grade(Q, [3, 10, 40, 77])  # recall 4/5 = 0.8, precision 1
    assert near.outcome is Outcome.CORRECT and "recall 0.80" in near.message


def test_too_many_false_alarms_or_misses_fail_with_both_measures():
    noisy = _grade(Q, [3, 10, 40, 77, 90, 1, 2])  # precision 5/7 = 0.71
    assert noisy.outcome is Outcome.INCORRECT
    assert "precision 0.71" in noisy.message and "false alarms" in noisy.message
    missing = _grade(Q, [3, 10, 40])  # recall 3/5 = 0.6
    assert missing.outcome is Outcome.INCORRECT and "too many items missed" in missing.message
    assert "77" not in missing.message  # never reveals the missing items


def test_answer_forms_boolean_series_array_numpy_items():
    flags = pd.Series(False, index=range(100))
    flags[[3, 10, 40, 77, 90]] = True
    assert _grade(Q, flags).outcome is Outcome.CORRECT
    assert _grade(Q, flags.to_numpy()).outcome is Outcome.CORRECT
    assert _grade(Q, np.array([3, 10, 40, 77, 90], dtype=np.int64)).outcome is Outcome.CORRECT
    assert _grade(Q, pd.Index([3, 10, 40, 77, 90])).outcome is Outcome.CORRECT
    assert _grade(Q, {3, 10, 40, 77, 90}).outcome is Outcome.CORRECT


def test_bad_answers_are_incorrect_not_errors():
    assert _grade(Q, ...).outcome is Outcome.NOT_ATTEMPTED
    assert _grade(Q, None).outcome is Outcome.INCORRECT
    wrong_type = _grade(Q, 42)
    assert wrong_type.outcome is Outcome.INCORRECT and "list of items" in wrong_type.message
    empty = _grade(Q, [])
    assert empty.outcome is Outcome.INCORRECT and "empty" in empty.message


def test_item_key_and_expected_from_context():
    dates = Overlap(key="q2", title="Dates", item_key=lambda d: pd.Timestamp(d).normalize(),
                    expected=lambda ctx: pd.to_datetime(["2025-01-06", "2025-02-01"]))
    answer = pd.Series([pd.Timestamp("2025-01-06 00:00"), pd.Timestamp("2025-02-01")])
    assert _grade(dates, answer).outcome is Outcome.CORRECT
    assert _grade(dates, ["2025-01-06", "2025-02-01"]).outcome is Outcome.CORRECT
    unreadable = _grade(dates, ["not a date"])
    assert unreadable.outcome is Outcome.INCORRECT and "could not be read" in unreadable.message


def test_nothing_to_find():
    none = Overlap(key="q3", title="None", expected=[])
    assert _grade(none, []).outcome is Outcome.CORRECT
    assert _grade(none, [1]).outcome is Outcome.INCORRECT  # precision 0


def test_thresholds_validated():
    with pytest.raises(ValueError, match="min_recall"):
        Overlap(key="q4", title="x", expected=[1], min_recall=1.5)
