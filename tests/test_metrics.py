"""Tests of smmlib.metrics: every formula against values worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
import warnings

import numpy as np
import pandas as pd
import pytest

from smmlib import metrics as m

# --------------------------------------------------------------------------- #
# Formulas on plain numbers                                                   #
# --------------------------------------------------------------------------- #

RATIO_CASES = [
    # (function, arguments, expected, arithmetic done by hand)
    (m.engagement_rate, (45, 1500), 0.03),  # 45 / 1500 = 0.03
    (m.engagement_rate, (120, 4000), 0.03),  # 120 / 4000 = 0.03
    (m.frequency, (3000, 1200), 2.5),  # 3000 / 1200 = 2.5
    (m.ctr, (45, 1500), 0.03),  # 45 / 1500 = 0.03
    (m.conversion_rate, (6, 120), 0.05),  # 6 / 120 = 0.05
    (m.cpm, (50, 20_000), 2.5),  # 50 / 20000 * 1000 = 0.0025 * 1000 = 2.5
    (m.cpm, (7.5, 1500), 5.0),  # 7.5 / 1500 * 1000 = 0.005 * 1000 = 5
    (m.cpc, (50, 200), 0.25),  # 50 / 200 = 0.25
    (m.cpa, (300, 12), 25.0),  # 300 / 12 = 25
    (m.cpl, (300, 40), 7.5),  # 300 / 40 = 7.5
    (m.roas, (2000, 500), 4.0),  # 2000 / 500 = 4
    (m.roi, (2000, 500), 3.0),  # (2000 - 500) / 500 = 1500 / 500 = 3
    (m.roi, (400, 500), -0.2),  # (400 - 500) / 500 = -100 / 500 = -0.2
    (m.roi, (500, 500), 0.0),  # (500 - 500) / 500 = 0
    (m.follower_growth_rate, (2000, 2150), 0.075),  # (2150 - 2000) / 2000 = 150 / 2000
    (m.follower_growth_rate, (2000, 1900), -0.05),  # (1900 - 2000) / 2000 = -100 / 2000
    (m.conversation_rate, (120, 40), 3.0),  # 120 comments / 40 posts = 3 per post (Kaushik)
    (m.amplification_rate, (30, 40), 0.75),  # 30 shares / 40 posts = 0.75 per post
    (m.applause_rate, (1500, 40), 37.5),  # 1500 likes / 40 posts = 37.5 per post
    (m.virality_rate, (12, 4000), 0.003),  # 12 / 4000 = 0.003
    (m.adjusted_video_reach, (10_000, 0.2), 8000.0),  # 10000 * (1 - 0.2) = 10000 * 0.8
    (m.adjusted_video_reach, (5000, 0.1), 4500.0),  # 5000 * (1 - 0.1) = 5000 * 0.9
    (m.adjusted_video_reach, (5000, 0.0), 5000.0),  # no repeat views: unchanged
    (m.adjusted_video_reach, (5000, 1.0), 0.0),  # all repeat views: 5000 * 0
]


@pytest.mark.parametrize(("func", "args", "expected"), RATIO_CASES,
                         ids=[f"{c[0].__name__}{c[1]}" for c in RATIO_CASES])
def test_formula_on_scalars_returns_float(func, args, expected):
    result = func(*args)
    assert type(result) is float
    assert result == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_numpy_scalars_are_numbers():
    # 45 / 1500 = 0.03, whatever the number type
    result = m.ctr(np.int64(45), np.float32(1500))
    assert type(result) is float
    assert result == pytest.approx(0.03)


def test_cpl_is_cpa_with_leads():
    assert m.cpl(300, 40) == m.cpa(300, 40)  # both 300 / 40 = 7.5


# --------------------------------------------------------------------------- #
# Series, arrays and lists                                                    #
# --------------------------------------------------------------------------- #


def test_series_in_series_out_keeps_index():
    index = pd.Index(["post_a", "post_b", "post_c"], name="post")
    clicks = pd.Series([45, 10, 0], index=index)
    impressions = pd.Series([1500, 400, 250], index=index)
    result = m.ctr(clicks, impressions)
    assert isinstance(result, pd.Series)
    assert result.index.equals(index)
    assert result.name == "ctr"
    assert result.dtype == np.float64
    # 45 / 1500 = 0.03; 10 / 400 = 0.025; 0 / 250 = 0
    np.testing.assert_allclose(result.to_numpy(), [0.03, 0.025, 0.0])


def test_series_with_scalar_broadcasts():
    spend = pd.Series([10.0, 25.0], index=[7, 3])
    result = m.cpm(spend, 5000)
    # 10 / 5000 * 1000 = 2; 25 / 5000 * 1000 = 5
    pd.testing.assert_series_equal(result, pd.Series([2.0, 5.0], index=[7, 3], name="cpm"))


def test_scalar_numerator_with_series_denominator():
    reach = pd.Series([100, 50], index=["x", "y"])
    result = m.frequency(150, reach)
    # 150 / 100 = 1.5; 150 / 50 = 3
    pd.testing.assert_series_equal(result, pd.Series([1.5, 3.0], index=["x", "y"], name="frequency"))


def test_dataframe_columns_work_together():
    df = pd.DataFrame({"revenue": [2000, 400], "cost": [500, 500]}, index=[10, 20])
    result = m.roi(df["revenue"], df["cost"])
    # (2000 - 500) / 500 = 3; (400 - 500) / 500 = -0.2
    pd.testing.assert_series_equal(result, pd.Series([3.0, -0.2], index=[10, 20], name="roi"))


def test_series_with_numpy_array_keeps_series_index():
    likes = pd.Series([20, 40], index=["a", "b"])
    result = m.applause_rate(likes, np.array([10, 8]))
    # 20 likes / 10 posts = 2; 40 / 8 = 5
    pd.testing.assert_series_equal(result, pd.Series([2.0, 5.0], index=["a", "b"], name="applause_rate"))


def test_numpy_array_in_array_out():
    result = m.cpc(np.array([50, 30]), np.array([200, 60]))
    assert isinstance(result, np.ndarray)
    # 50 / 200 = 0.25; 30 / 60 = 0.5
    np.testing.assert_allclose(result, [0.25, 0.5])


def test_list_in_array_out():
    result = m.engagement_rate([45, 12], [1500, 400])
    assert isinstance(result, np.ndarray)
    # 45 / 1500 = 0.03; 12 / 400 = 0.03
    np.testing.assert_allclose(result, [0.03, 0.03])


def test_nullable_integer_series_missing_value_is_nan():
    clicks = pd.Series([3, None], dtype="Int64")
    result = m.ctr(clicks, pd.Series([100, 100]))
    # 3 / 100 = 0.03; missing / 100 = NaN
    assert result.iloc[0] == pytest.approx(0.03)
    assert math.isnan(result.iloc[1])


def test_adjusted_video_reach_series_of_repeat_shares():
    views = pd.Series([1000, 2000], index=["v1", "v2"])
    result = m.adjusted_video_reach(views, pd.Series([0.1, 0.3], index=["v1", "v2"]))
    # 1000 * (1 - 0.1) = 900; 2000 * (1 - 0.3) = 1400
    np.testing.assert_allclose(result.to_numpy(), [900.0, 1400.0])
    assert list(result.index) == ["v1", "v2"]


def test_different_series_indexes_are_rejected():
    with pytest.raises(ValueError, match="different indexes"):
        m.ctr(pd.Series([1, 2], index=[0, 1]), pd.Series([10, 20], index=[1, 2]))


def test_different_lengths_are_rejected():
    with pytest.raises(ValueError, match="different lengths"):
        m.ctr(np.array([1, 2, 3]), np.array([10, 20]))
    with pytest.raises(ValueError, match="different lengths"):
        m.ctr(pd.Series([1, 2]), np.array([10, 20, 30]))


# --------------------------------------------------------------------------- #
# Division by zero and missing values                                         #
# --------------------------------------------------------------------------- #

ZERO_DENOMINATOR = [
    (m.engagement_rate, (5, 0)),
    (m.frequency, (5, 0)),
    (m.ctr, (5, 0)),
    (m.ctr, (0, 0)),
    (m.conversion_rate, (1, 0)),
    (m.cpm, (10, 0)),
    (m.cpc, (10, 0)),
    (m.cpa, (10, 0)),
    (m.cpl, (10, 0)),
    (m.roas, (100, 0)),
    (m.roi, (100, 0)),
    (m.follower_growth_rate, (0, 50)),
    (m.conversation_rate, (1, 0)),
    (m.amplification_rate, (1, 0)),
    (m.applause_rate, (1, 0)),
    (m.virality_rate, (1, 0)),
    (m.wilson_lower_bound, (0, 0)),
]


@pytest.mark.parametrize(("func", "args"), ZERO_DENOMINATOR,
                         ids=[f"{c[0].__name__}{c[1]}" for c in ZERO_DENOMINATOR])
def test_division_by_zero_is_nan_without_warning(func, args):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scalar = func(*args)
        series = func(pd.Series([args[0]] * 3), pd.Series([args[1]] * 3))
    assert math.isnan(scalar)
    assert series.isna().all()


def test_zero_mixed_into_a_series_only_blanks_that_row():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = m.ctr(pd.Series([5, 5, 0]), pd.Series([100, 0, 0]))
    # 5 / 100 = 0.05; 5 / 0 -> NaN; 0 / 0 -> NaN
    assert result.iloc[0] == pytest.approx(0.05)
    assert result.iloc[1:].isna().all()


def test_nan_input_propagates_as_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isnan(m.ctr(float("nan"), 100))
        assert math.isnan(m.cpm(10, np.nan))
        assert math.isnan(m.wilson_lower_bound(np.nan, 10))
        result = m.engagement_rate(pd.Series([np.nan, 10.0]), pd.Series([100.0, np.nan]))
    assert result.isna().all()


# --------------------------------------------------------------------------- #
# Bad input                                                                   #
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("func", "args", "name"),
    [
        (m.ctr, (-3, 100), "clicks"),
        (m.ctr, (3, -100), "impressions"),
        (m.cpm, (-1.5, 100), "spend"),
        (m.roas, (100, -5), "ad_spend"),
        (m.follower_growth_rate, (-10, 5), "start"),
        (m.adjusted_video_reach, (-1, 0.2), "views"),
        (m.adjusted_video_reach, (100, -0.2), "repeat_share"),
        (m.wilson_lower_bound, (-1, 10), "successes"),
    ],
)
def test_negative_values_name_the_argument(func, args, name):
    with pytest.raises(ValueError, match=rf"{func.__name__}\(\): {name} must not be negative"):
        func(*args)


def test_negative_value_in_series_reports_index_label():
    clicks = pd.Series([1, 2, -3], index=[5, 6, 7])
    with pytest.raises(ValueError, match=r"clicks must not be negative; got -3 at index 7"):
        m.ctr(clicks, 100)


def test_negative_value_in_array_reports_position():
    with pytest.raises(ValueError, match=r"spend must not be negative; got -2 at position 1"):
        m.cpc(np.array([1.0, -2.0]), 10)


def test_infinity_is_rejected():
    with pytest.raises(ValueError, match="impressions must be finite"):
        m.ctr(1, float("inf"))


@pytest.mark.parametrize("share", [1.2, 20])
def test_repeat_share_above_one_is_rejected(share):
    with pytest.raises(ValueError, match=r"repeat_share must be a fraction in \[0, 1\]"):
        m.adjusted_video_reach(1000, share)


@pytest.mark.parametrize(
    "bad",
    ["12", None, ["a", "b"], [1, "2"], dt.datetime(2024, 1, 1), dt.date(2024, 1, 1), True,
     np.bool_(False), {"clicks": 3}, pd.Series(["1", "2"]), pd.Series([True, False]),
     np.array(["1"]), pd.DataFrame({"a": [1]})],
    ids=repr,
)
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError, match=r"ctr\(\): clicks must be a number or a numeric pandas Series"):
        m.ctr(bad, 100)


def test_type_error_message_shows_the_value():
    with pytest.raises(TypeError) as info:
        m.ctr("12", 100)
    assert str(info.value) == (
        "ctr(): clicks must be a number or a numeric pandas Series, got str '12'"
    )


def test_type_error_for_the_second_argument_names_it():
    with pytest.raises(TypeError, match="impressions must be a number"):
        m.ctr(3, "100")


def test_object_series_error_suggests_to_numeric():
    with pytest.raises(TypeError, match="pd.to_numeric"):
        m.cpc(pd.Series(["1", "x"], dtype=object), 10)


# --------------------------------------------------------------------------- #
# Wilson lower bound                                                          #
# --------------------------------------------------------------------------- #

Z95 = 1.959963984540054  # standard normal quantile for 97.5 % (two-sided 95 %)


def test_wilson_one_out_of_one_by_hand():
    # p = 1, n = 1, z² = 3.841459
    # centre = 1 + 3.841459 / 2 = 2.920729
    # margin = z * sqrt(1 * 0 / 1 + 3.841459 / 4) = 1.959964 * 0.979982 = 1.920729
    # lower  = (2.920729 - 1.920729) / (1 + 3.841459) = 1 / 4.841459 = 0.206549
    assert m.wilson_lower_bound(1, 1) == pytest.approx(0.206549, abs=1e-6)
    assert m.wilson_lower_bound(1, 1) == pytest.approx(1 / (1 + Z95**2))


def test_wilson_ninety_out_of_hundred_by_hand():
    # p = 0.9, n = 100, z² = 3.841459
    # centre = 0.9 + 3.841459 / 200 = 0.919207
    # margin = 1.959964 * sqrt(0.9 * 0.1 / 100 + 3.841459 / 40000)
    #        = 1.959964 * sqrt(0.0009 + 0.0000960365) = 1.959964 * 0.0315600 = 0.0618566
    # lower  = (0.919207 - 0.0618566) / (1 + 0.0384146) = 0.857351 / 1.0384146 = 0.825634
    assert m.wilson_lower_bound(90, 100) == pytest.approx(0.825634, abs=1e-6)


def test_wilson_reverses_the_raw_rate_ranking():
    raw = m.ctr(pd.Series([1, 90], index=["lucky", "solid"]), pd.Series([1, 100], index=["lucky", "solid"]))
    cautious = m.wilson_lower_bound(pd.Series([1, 90], index=["lucky", "solid"]),
                                    pd.Series([1, 100], index=["lucky", "solid"]))
    assert raw.idxmax() == "lucky"  # 1 / 1 = 1.0 > 90 / 100 = 0.9
    assert cautious.idxmax() == "solid"  # 0.8256 > 0.2065
    assert cautious.name == "wilson_lower_bound"


def test_wilson_zero_successes_is_zero_and_all_successes_below_one():
    assert m.wilson_lower_bound(0, 10) == 0.0
    # 10 / 10: lower = 1 / (1 + z² / 10) = 1 / 1.3841459 = 0.722467
    assert m.wilson_lower_bound(10, 10) == pytest.approx(0.722467, abs=1e-6)


def test_wilson_other_confidence_by_hand():
    # 90 % confidence: z = 1.644854, z² = 2.705543; p = 0.5, n = 4
    # centre = 0.5 + 2.705543 / 8 = 0.838193
    # margin = 1.644854 * sqrt(0.25 / 4 + 2.705543 / 64) = 1.644854 * sqrt(0.104774) = 0.532418
    # lower  = (0.838193 - 0.532418) / (1 + 0.676386) = 0.305775 / 1.676386 = 0.182401
    assert m.wilson_lower_bound(2, 4, confidence=0.90) == pytest.approx(0.182401, abs=1e-5)


def test_wilson_higher_confidence_is_more_cautious():
    assert m.wilson_lower_bound(30, 100, 0.99) < m.wilson_lower_bound(30, 100, 0.95)


def test_wilson_matches_scipy_formula_independently():
    stats = pytest.importorskip("scipy.stats")
    successes = np.array([0, 1, 5, 90, 400])
    trials = np.array([3, 1, 20, 100, 1000])
    z = stats.norm.ppf(0.975)
    p = successes / trials
    expected = (p + z**2 / (2 * trials)
                - z * np.sqrt(p * (1 - p) / trials + z**2 / (4 * trials**2))) / (1 + z**2 / trials)
    np.testing.assert_allclose(m.wilson_lower_bound(successes, trials), expected, atol=1e-12)


def test_wilson_rejects_more_successes_than_trials():
    with pytest.raises(ValueError, match=r"successes must not exceed trials; got 5 > 3 at index 'b'"):
        m.wilson_lower_bound(pd.Series([1, 5], index=["a", "b"]), 3)


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1])
def test_wilson_rejects_confidence_outside_zero_one(confidence):
    with pytest.raises(ValueError, match=r"confidence \(a fraction such as 0.95\) must be greater than 0 and below 1, got "):
        m.wilson_lower_bound(1, 2, confidence=confidence)


def test_wilson_rejects_non_numeric_confidence():
    with pytest.raises(TypeError, match=r"confidence \(a fraction such as 0.95\) must be a number, got str '95%'"):
        m.wilson_lower_bound(1, 2, confidence="95%")


# --------------------------------------------------------------------------- #
# Sentiment                                                                   #
# --------------------------------------------------------------------------- #


def test_sentiment_shares_by_hand():
    labels = ["positive"] * 5 + ["negative"] * 2 + ["neutral"] * 3
    shares = m.sentiment_shares(labels)
    # 5 / 10 = 0.5; 2 / 10 = 0.2; 3 / 10 = 0.3
    assert list(shares.index) == ["positive", "negative", "neutral"]
    np.testing.assert_allclose(shares.to_numpy(), [0.5, 0.2, 0.3])
    assert shares.sum() == pytest.approx(1.0)


def test_sentiment_shares_always_has_all_three_labels():
    shares = m.sentiment_shares(["positive", "positive"])
    # 2 / 2 = 1; 0 / 2 = 0; 0 / 2 = 0
    np.testing.assert_allclose(shares.to_numpy(), [1.0, 0.0, 0.0])
    assert list(shares.index) == list(m.SENTIMENT_LABELS)


def test_sentiment_labels_are_case_insensitive_and_trimmed():
    shares = m.sentiment_shares(pd.Series(["Positive", " NEGATIVE ", "neutral", "positive"]))
    # 2 / 4 = 0.5; 1 / 4 = 0.25; 1 / 4 = 0.25
    np.testing.assert_allclose(shares.to_numpy(), [0.5, 0.25, 0.25])


def test_sentiment_empty_is_all_nan():
    assert m.sentiment_shares([]).isna().all()
    assert len(m.sentiment_shares(pd.Series([], dtype=str))) == 3
    assert math.isnan(m.net_sentiment([]))


def test_sentiment_unknown_label_lists_allowed_values():
    with pytest.raises(ValueError, match=r"'good'.*allowed values: positive, negative, neutral"):
        m.sentiment_shares(["positive", "good"])


def test_sentiment_unknown_label_in_series_reports_index():
    with pytest.raises(ValueError, match=r"at index 'm2'"):
        m.net_sentiment(pd.Series(["positive", "meh"], index=["m1", "m2"]))


@pytest.mark.parametrize("labels", ["positive", None, 42, ["positive", None], ["positive", 1]], ids=repr)
def test_sentiment_wrong_types(labels):
    with pytest.raises(TypeError):
        m.sentiment_shares(labels)


def test_net_sentiment_by_hand():
    # (2 - 1) / 4 = 0.25
    assert m.net_sentiment(["positive", "positive", "negative", "neutral"]) == pytest.approx(0.25)
    # (1 - 3) / 5 = -0.4
    assert m.net_sentiment(["positive"] + ["negative"] * 3 + ["neutral"]) == pytest.approx(-0.4)
    assert m.net_sentiment(["negative"]) == -1.0  # (0 - 1) / 1
    assert m.net_sentiment(["neutral", "neutral"]) == 0.0  # (0 - 0) / 2


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (0.0, m.STATUS_BELOW),
        (0.149, m.STATUS_BELOW),
        (0.15, m.STATUS_WITHIN),  # the band includes its ends
        (0.20, m.STATUS_WITHIN),
        (0.25, m.STATUS_WITHIN),
        (0.251, m.STATUS_ABOVE),
        (1.0, m.STATUS_ABOVE),
        (float("nan"), m.STATUS_NO_DATA),
    ],
)
def test_negative_share_status_scalar(share, expected):
    result = m.negative_share_status(share)
    assert type(result) is str
    assert result == expected


def test_negative_share_status_strings_are_the_documented_ones():
    assert (m.STATUS_BELOW, m.STATUS_WITHIN, m.STATUS_ABOVE) == (
        "below band", "within band", "above band: alert")


def test_negative_share_status_series_keeps_index():
    shares = pd.Series([0.1, 0.2, 0.3], index=["jan", "feb", "mar"])
    result = m.negative_share_status(shares)
    assert list(result.index) == ["jan", "feb", "mar"]
    assert list(result) == [m.STATUS_BELOW, m.STATUS_WITHIN, m.STATUS_ABOVE]


def test_negative_share_status_custom_band():
    assert m.negative_share_status(0.2, low=0.05, high=0.10) == m.STATUS_ABOVE


def test_negative_share_status_from_sentiment_shares():
    labels = ["negative"] * 3 + ["positive"] * 7
    share = m.sentiment_shares(labels)["negative"]  # 3 / 10 = 0.3 > 0.25
    assert m.negative_share_status(share) == m.STATUS_ABOVE


def test_negative_share_status_rejects_percentages_and_bad_bands():
    with pytest.raises(ValueError, match="share must be a fraction"):
        m.negative_share_status(20)
    with pytest.raises(ValueError, match="low must not exceed high"):
        m.negative_share_status(0.2, low=0.3, high=0.2)
    with pytest.raises(TypeError, match="share must be a number"):
        m.negative_share_status("20%")
