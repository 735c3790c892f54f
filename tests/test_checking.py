"""Answer comparison: what matches, and what each mismatch message says."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmlib.engine.checking import Outcome, Result, describe, diagnose, normalise_text


# ----------------------------------------------------------------------------- numbers
@pytest.mark.parametrize("actual", [0.05, 0.0500000001, np.float64(0.05), 1 / 20])
def test_numbers_within_tolerance_match(actual):
    assert diagnose(actual, 0.05) is None


def test_integers_and_numpy_integers_match():
    assert diagnose(np.int64(4), 4) is None
    assert diagnose(4, 4.0) is None


def test_percent_instead_of_fraction():
    assert "percentage" in diagnose(5.0, 0.05)


def test_fraction_of_a_percent():
    assert "100 times too small" in diagnose(0.0005, 0.05)


def test_swapped_numerator_and_denominator():
    # expected 45 / 1500 = 0.03; swapped 1500 / 45
    assert "swapped" in diagnose(1500 / 45, 45 / 1500)


def test_sign_error():
    assert "wrong sign" in diagnose(-0.2, 0.2)


def test_nan_answer_and_infinite_answer():
    assert "NaN" in diagnose(float("nan"), 0.3)
    assert "infinite" in diagnose(float("inf"), 0.3)


def test_expected_nan_matches_nan_only():
    assert diagnose(float("nan"), float("nan")) is None
    assert "missing value" in diagnose(0.0, float("nan"))


def test_rounded_answer_is_called_close():
    assert "don't round" in diagnose(0.0523, 0.052345)


def test_plain_wrong_number_says_direction_not_value():
    message = diagnose(0.9, 0.3)
    assert "too high" in message and "0.3" not in message


@pytest.mark.parametrize("actual, words", [
    ("0.05", "remove the quotes"),
    ("five", "Expected a number"),
    (True, "Expected a number"),
    ([0.05], "one value"),
    (pd.Series([1.0, 2.0]), "aggregate"),
    ({"a": 1}, "Expected a number"),
])
def test_wrong_types_for_numbers(actual, words):
    assert words in diagnose(actual, 0.05)


# ----------------------------------------------------------------------------- text, bool, lists
def test_text_is_normalised():
    assert normalise_text("  Paid   Social ") == "paid social"
    assert diagnose(" Paid  social", "paid social") is None
    assert "not the expected" in diagnose("organic", "paid social")
    assert "Expected text" in diagnose(3, "paid social")


def test_booleans():
    assert diagnose(np.bool_(True), True) is None
    assert "other one" in diagnose(False, True)
    assert "True or False" in diagnose("yes", True)


def test_lists_ordered_and_unordered():
    assert diagnose(["b", "a"], ["a", "b"], ordered=False) is None
    assert "order differs from position 1" in diagnose(["b", "a"], ["a", "b"])
    assert "don't belong: 'c'" in diagnose(["a", "c"], ["a", "b"])
    assert "Expected a list" in diagnose("a, b", ["a", "b"])
    assert diagnose(np.array(["a", "b"]), ["a", "b"]) is None


def test_dicts():
    assert diagnose({"a": 1.0}, {"a": 1}) is None
    assert "missing key(s) 'b'" in diagnose({"a": 1}, {"a": 1, "b": 2})
    assert diagnose({"a": 100.0}, {"a": 1.0}).startswith("For key 'a'")


# ----------------------------------------------------------------------------- Series
EXPECTED_S = pd.Series([0.02, 0.05, 0.01], index=["Link", "Photo", "Video"])


def test_series_match_with_tolerance_and_any_order_when_unordered():
    shuffled = EXPECTED_S.iloc[[2, 0, 1]] + 1e-12
    assert diagnose(shuffled, EXPECTED_S, ordered=False) is None
    assert "different order" in diagnose(shuffled, EXPECTED_S, ordered=True)


def test_series_wrong_length_and_labels():
    msg = diagnose(EXPECTED_S.iloc[:2], EXPECTED_S)
    assert "has 2 values; expected 3" in msg and "missing 'Video'" in msg
    msg = diagnose(EXPECTED_S.rename({"Video": "Status"}), EXPECTED_S)
    assert "missing 'Video'" in msg and "unexpected 'Status'" in msg


def test_series_reset_index_is_spotted():
    assert "reset_index" in diagnose(EXPECTED_S.reset_index(drop=True), EXPECTED_S)


def test_series_classic_mistakes():
    assert "percentages" in diagnose(EXPECTED_S * 100, EXPECTED_S)
    assert "swapped" in diagnose(1 / EXPECTED_S, EXPECTED_S)
    assert "wrong sign" in diagnose(-EXPECTED_S, EXPECTED_S)


def test_series_nan_left_in_and_values_off():
    with_nan = EXPECTED_S.copy()
    with_nan["Photo"] = np.nan
    msg = diagnose(with_nan, EXPECTED_S)
    assert "1 missing value(s) (NaN) left in" in msg and "'Photo'" in msg
    off = EXPECTED_S.copy()
    off["Video"] = 0.5
    assert "1 of 3 values are off; the first is at 'Video'" in diagnose(off, EXPECTED_S)


def test_series_inf_instead_of_nan():
    expected = pd.Series([0.5, np.nan])
    assert "infinite" in diagnose(pd.Series([0.5, np.inf]), expected)
    assert diagnose(pd.Series([0.5, np.nan]), expected) is None


def test_series_wrong_types():
    assert "select the column" in diagnose(EXPECTED_S.to_frame("rate"), EXPECTED_S)
    assert "keeps the labels" in diagnose([0.02, 0.05, 0.01], EXPECTED_S)
    assert "expected numbers" in diagnose(pd.Series(["a", "b", "c"], index=EXPECTED_S.index), EXPECTED_S)


# ----------------------------------------------------------------------------- DataFrame
EXPECTED_DF = pd.DataFrame({"reach": [100.0, 200.0], "clicks": [1.0, 4.0]}, index=[0, 1])


def test_frame_match():
    assert diagnose(EXPECTED_DF[["clicks", "reach"]].copy(), EXPECTED_DF) is None


def test_frame_missing_and_extra_columns():
    msg = diagnose(EXPECTED_DF.rename(columns={"clicks": "click"}), EXPECTED_DF)
    assert "missing column(s) 'clicks'" in msg and "extra column(s) 'click'" in msg


def test_frame_length_index_values():
    assert "1 rows; expected 2" in diagnose(EXPECTED_DF.iloc[:1], EXPECTED_DF)
    assert "row index" in diagnose(EXPECTED_DF.set_axis([5, 6]), EXPECTED_DF)
    wrong = EXPECTED_DF.assign(clicks=[1.0, 5.0])
    assert diagnose(wrong, EXPECTED_DF).startswith("Column 'clicks': 1 of 2 values are off")
    assert "Expected a DataFrame" in diagnose(EXPECTED_DF["reach"], EXPECTED_DF)


# ----------------------------------------------------------------------------- Result
def test_result_renders_with_symbol_and_words():
    ok = Result("q1", Outcome.CORRECT, "Well done.", 1.0, 1.0)
    bad = Result("q2", Outcome.INCORRECT, "Use `x / y`.", 0.0, 2.0)
    todo = Result("q3", Outcome.NOT_ATTEMPTED, "Replace the `...`.", 0.0, 1.0)
    assert str(ok).startswith("✓ q1 — Correct (1/1 point)")
    assert str(bad).startswith("✗ q2 — Not yet (0/2 points)")
    assert str(todo).startswith("… q3 — Not attempted")
    assert "<code>x / y</code>" in bad._repr_html_() and "Not yet" in bad._repr_html_()
    assert bad._repr_markdown_().startswith("**✗ q2 — Not yet**")
    thought = Result("q4", Outcome.CORRECT, "Recorded.", 0.0, 0.0, graded=False)
    assert "Answered (not graded automatically)" in str(thought)


def test_result_round_trips_through_dict():
    r = Result("q1", Outcome.INCORRECT, "m", 0.0, 1.0, True, "T")
    assert Result.from_dict(r.to_dict()) == r
    assert r.to_dict()["outcome"] == "incorrect"


def test_html_escapes_answers():
    r = Result("q1", Outcome.INCORRECT, "the text '<script>'", 0.0, 1.0)
    assert "<script>" not in r._repr_html_()


def test_describe():
    assert describe(None) == "None"
    assert describe(math.pi).startswith("the number 3.14159")
    assert describe(pd.DataFrame({"a": [1]})) == "a pandas DataFrame with 1 rows and 1 columns"
