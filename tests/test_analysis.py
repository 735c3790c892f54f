"""Tests of smmlib.analysis: data-quality checks, group summaries, small-number ranking."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmlib import analysis as a
from smmlib.datasets import load_dataset


@pytest.fixture
def posts() -> pd.DataFrame:
    return pd.DataFrame({
        "type": ["Photo", "Photo", "Photo", "Status", "Status"],
        "reach": [100, 200, 300, 400, 400],
        "impressions": [150, 250, 250, 800, 800],  # row 2: impressions < reach
        "comments": [1, 2, 3, 4, 4],
        "likes": pd.array([10, None, 30, 40, 40], dtype="Int64"),
        "shares": pd.array([0, 1, 2, 3, 3], dtype="Int64"),
        "total_interactions": [11, 23, 40, 47, 47],  # row 2: 3+30+2 = 35, not 40
    })


# --------------------------------------------------------------------------- #
# Data quality                                                                #
# --------------------------------------------------------------------------- #


def test_quality_checks_on_a_small_table(posts):
    assert a.missing_values(posts).to_dict() == {"likes": 1}
    assert a.duplicate_rows(posts).index.tolist() == [3, 4]  # both copies
    assert a.duplicate_rows(posts, subset=["type"]).index.tolist() == [0, 1, 2, 3, 4]
    assert a.impressions_below_reach(posts).index.tolist() == [2]
    assert a.total_mismatches(posts).index.tolist() == [2]  # row 1 has no likes: not checkable

    report = a.quality_report(posts).set_index("check")
    assert report.loc["missing values in likes", "rows"] == 1
    assert report.loc["exact duplicate rows", "rows"] == 2
    assert report.loc["impressions below reach", "status"] == "problem"
    assert report.loc["total_interactions != comments + likes + shares", "rows"] == 1
    assert report.loc["total_interactions not checkable (a part is missing)", "status"] == "cannot check"


def test_quality_report_on_a_clean_table_is_all_ok():
    clean = pd.DataFrame({"reach": [1, 2], "impressions": [1, 3]})
    report = a.quality_report(clean)
    assert report["status"].tolist() == ["ok", "ok", "ok"]
    assert report["rows"].sum() == 0


def test_quality_report_on_the_real_dataset():
    """The facts the data card states: the readme denies missing values, yet there are some."""
    df = load_dataset("facebook_metrics")
    assert a.missing_values(df).to_dict() == {"paid": 1, "likes": 1, "shares": 4}
    assert len(a.impressions_below_reach(df)) == 4
    assert a.duplicate_rows(df).empty
    assert a.total_mismatches(df).empty  # total = comments + likes + shares wherever all are known


def test_missing_column_is_named(posts):
    with pytest.raises(KeyError, match="views"):
        a.impressions_below_reach(posts, impressions="views")
    with pytest.raises(TypeError, match="DataFrame"):
        a.missing_values([1, 2])


# --------------------------------------------------------------------------- #
# Bootstrap and groups                                                        #
# --------------------------------------------------------------------------- #


def test_bootstrap_is_seeded_and_covers_the_statistic():
    values = np.arange(1, 51, dtype=float)  # median 25.5, mean 25.5
    first = a.bootstrap_ci(values, "median", seed=3)
    assert first == a.bootstrap_ci(values, "median", seed=3)
    assert first != a.bootstrap_ci(values, "median", seed=4)
    low, high = first
    assert low < 25.5 < high
    assert 15 < low and high < 36


def test_bootstrap_interval_narrows_with_more_data():
    rng = np.random.default_rng(0)
    few = rng.normal(10, 2, size=8)
    many = rng.normal(10, 2, size=800)
    width = lambda v: np.subtract(*a.bootstrap_ci(v, "mean")[::-1])  # noqa: E731
    assert width(many) < width(few) / 4


def test_bootstrap_rejects_bad_arguments():
    with pytest.raises(ValueError, match="statistic"):
        a.bootstrap_ci([1, 2], "mode")
    with pytest.raises(ValueError, match="no values"):
        a.bootstrap_ci([np.nan])
    with pytest.raises(ValueError, match="confidence"):
        a.bootstrap_ci([1, 2], confidence=95)
    with pytest.raises(ValueError, match="n_boot"):
        a.bootstrap_ci([1, 2], n_boot=10)


def test_group_summary_by_hand(posts):
    rate = posts["comments"] / posts["reach"]  # Photo: .01 .01 .01, Status: .01 .01
    table = a.group_summary(posts, "type", "reach")
    assert table.index.tolist() == ["Photo", "Status"]  # largest group first
    assert table.loc["Photo", "posts"] == 3
    assert table.loc["Photo", "mean"] == pytest.approx(200)  # (100 + 200 + 300) / 3
    assert table.loc["Status", "median"] == 400
    assert table.loc["Status", "median_low"] == table.loc["Status", "median_high"] == 400
    assert a.group_summary(posts, "type", rate)["median"].tolist() == pytest.approx([0.01, 0.01])
    likes = a.group_summary(posts, "type", "likes")  # the missing like is left out
    assert likes.loc["Photo", "posts"] == 2 and likes.loc["Photo", "mean"] == 20


def test_group_summary_rejects_a_misaligned_series(posts):
    with pytest.raises(ValueError, match="same index"):
        a.group_summary(posts, "type", pd.Series([1.0, 2.0]))
    with pytest.raises(TypeError, match="numeric"):
        a.group_summary(posts, "type", "type")


def test_compare_to_rest_by_hand(posts):
    result = a.compare_to_rest(posts, "type", "Status", "reach", statistic="mean")
    assert result["group_n"] == 2 and result["rest_n"] == 3
    assert result["group"] == 400 and result["rest"] == 200  # (100+200+300)/3
    assert result["ratio"] == pytest.approx(2.0)
    assert result["ratio_low"] <= 2.0 <= result["ratio_high"]
    with pytest.raises(ValueError, match="no row has type == 'Video'"):
        a.compare_to_rest(posts, "type", "Video", "reach")


def test_compare_measures_to_rest_table(posts):
    table = a.compare_measures_to_rest(posts, "type", "Status",
                                       {"Reach": "reach", "Comments": "comments"})
    assert table[["measure", "statistic"]].values.tolist() == [
        ["Reach", "median"], ["Reach", "mean"], ["Comments", "median"], ["Comments", "mean"]]
    reach_median = table.iloc[0]
    assert reach_median["ratio"] == pytest.approx(2.0)  # 400 / median(100, 200, 300)
    assert table.iloc[3]["ratio"] == pytest.approx(2.0)  # 4 / mean(1, 2, 3)


def test_status_draws_more_engaged_users_on_the_real_data():
    """The chapter's claim about the 500-post subset, pinned so the text stays true."""
    df = load_dataset("facebook_metrics")
    result = a.compare_to_rest(df, "type", "Status", "engaged_users")
    assert result["group_n"] == 45
    assert 2.0 < result["ratio"] < 3.5
    assert result["ratio_low"] > 1.5


def test_engagement_variants_by_hand():
    table = pd.DataFrame({
        "platform": ["a", "a", "b"],
        "likes": [8, 18, 5], "comments": [1, 1, 0], "shares": [1, 1, 0],
        "reach": [100, 200, 50], "impressions": [200, 400, 100], "followers": [1000, 1000, 500],
    })
    result = a.engagement_variants(table, "platform")
    # a: engagements 10 and 20; by reach 0.1 and 0.1; by impressions .05 .05; by followers .01 .02
    assert result.loc["a"].tolist() == pytest.approx([2, 0.1, 0.05, 0.015])
    # b: 5 / 50, 5 / 100, 5 / 500
    assert result.loc["b"].tolist() == pytest.approx([1, 0.1, 0.05, 0.01])


# --------------------------------------------------------------------------- #
# Small numbers and monitoring                                                #
# --------------------------------------------------------------------------- #


def test_rank_by_lower_bound_puts_big_samples_first():
    table = pd.DataFrame({"post": ["lucky", "solid", "weak"], "clicks": [2, 600, 5],
                          "reach": [2, 1000, 1000]})
    ranked = a.rank_by_lower_bound(table, "clicks", "reach")
    assert ranked["post"].tolist() == ["solid", "lucky", "weak"]
    assert ranked.set_index("post").loc["lucky", "rate"] == 1.0  # 2 / 2
    # Wilson lower bound for 2 of 2 at 95 %: n/(n+z^2) = 2 / (2 + 1.96^2) = 0.3424
    assert ranked.set_index("post").loc["lucky", "lower_bound"] == pytest.approx(0.3424, abs=1e-3)


def test_weekly_sentiment_by_hand():
    mentions = pd.DataFrame({
        "date": pd.to_datetime(["2025-01-06", "2025-01-12", "2025-01-12", "2025-01-12",
                                "2025-01-13", "2025-01-14"]),
        "sentiment": ["negative", "positive", "neutral", "positive", "negative", "negative"],
    })
    table = a.weekly_sentiment(mentions)
    assert [d.strftime("%Y-%m-%d") for d in table.index] == ["2025-01-06", "2025-01-13"]  # Mondays
    assert table["mentions"].tolist() == [4, 2]  # Sunday 12th belongs to the first week
    assert table["negative"].tolist() == pytest.approx([0.25, 1.0])
    assert table["status"].tolist() == ["within band", "above band: alert"]


def test_follower_growth_summary_by_hand():
    table = pd.DataFrame({"followers": [1010, 1020, 1520, 1510],
                          "new_followers": [10, 10, 500, -10],
                          "is_bot_spike": [False, False, True, False]})
    summary = a.follower_growth_summary(table)
    assert summary["start"] == 1000  # 1010 - 10
    assert summary["growth"] == pytest.approx(0.51)  # (1510 - 1000) / 1000
    assert summary["spike_followers"] == 500
    assert summary["growth_without_spikes"] == pytest.approx(0.01)  # (1010 - 1000) / 1000


def test_percent_table_formats_only_the_fractions():
    table = pd.DataFrame({"posts": [3, 4], "rate": [0.0512, np.nan], "share": [0.5, 0.25]})
    shown = a.percent_table(table, ["rate"], digits=2)
    assert shown["rate"].tolist() == ["5.12%", "n/a"]
    assert shown["share"].tolist() == [0.5, 0.25]  # untouched
    assert a.percent_table(table)["share"].tolist() == ["50.0%", "25.0%"]
    assert table["rate"].iloc[0] == 0.0512  # the input is not modified
