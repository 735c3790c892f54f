"""Tests of smmlib.platforms: reach arithmetic by hand, platform fit, posting time, format ranking."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmlib import platforms as pl
from smmlib import widgets as panels
from smmlib.generate import generate_posts
from smmlib.viz import figure_problems
from smmlib.widgets import panel


@pytest.fixture(autouse=True)
def _quiet_display(monkeypatch):
    # the calculators draw their charts through smmlib.widgets (SliderPanel)
    monkeypatch.setattr(panel, "display", lambda *args, **kwargs: None)


# --------------------------------------------------------------------------- reach


def test_organic_reach_share_of_the_source_example():
    assert pl.organic_reach_share(17, 862) == pytest.approx(0.019722, abs=1e-6)  # 17 / 862


def test_reach_numbers_by_hand():
    r = pl.reach_numbers(followers=5_000, organic_share=0.04, budget=30, cpm=6, frequency=2)
    assert r.organic_reach == pytest.approx(200)  # 5000 * 0.04
    assert r.paid_impressions == pytest.approx(5_000)  # 30 / 6 * 1000
    assert r.paid_reach == pytest.approx(2_500)  # 5000 / 2
    assert r.total_reach == pytest.approx(2_700)
    assert r.cost_per_person == pytest.approx(0.012)  # 30 / 2500


def test_overlap_counts_people_reached_both_ways_once():
    r = pl.reach_numbers(followers=5_000, organic_share=0.04, budget=30, cpm=6, frequency=2, overlap=0.25)
    assert r.in_both == pytest.approx(50)  # a quarter of the 200 organic viewers
    assert r.total_reach == pytest.approx(2_650)  # 200 + 2500 - 50, not the plain sum 2700
    assert "50 of them had already seen it organically" in pl.reach_summary(r)
    assert "assumed none had seen it organically" in pl.reach_summary(pl.reach_numbers(5_000, 0.04, 30, 6, 2))
    # the overlap cannot exceed the paid reach: a tiny boost adds at most its own people
    tiny = pl.reach_numbers(followers=5_000, organic_share=0.04, budget=0.006, cpm=6, overlap=1.0)
    assert tiny.total_reach == pytest.approx(200)
    with pytest.raises(ValueError, match="overlap is a fraction"):
        pl.reach_numbers(5_000, 0.04, overlap=25)


def test_no_budget_means_no_paid_reach():
    r = pl.reach_numbers(862, 0.02)
    assert r.paid_reach == 0 and math.isnan(r.cost_per_person)
    assert "no boost" in pl.reach_summary(r)


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"organic_share": 2}, ValueError, "fraction"),
    ({"cpm": 0}, ValueError, "cpm must be greater than 0"),
    ({"followers": "many"}, TypeError, "followers must be a number"),
    ({"frequency": 0.5}, ValueError, "frequency must be at least 1"),
    ({"budget": -1}, ValueError, "budget"),
])
def test_reach_numbers_bad_input(kwargs, error, words):
    args = {"followers": 1000, "organic_share": 0.05, "budget": 10, "cpm": 5}
    args.update(kwargs)
    with pytest.raises(error, match=words):
        pl.reach_numbers(**args)


def test_reach_simulator_follows_its_sliders():
    sim = panels.reach_simulator()
    before = sim.summary.value
    assert "862" in before
    sim.sliders["budget"].value = 50
    assert sim.summary.value != before
    assert sim.result.paid_reach == pytest.approx(50 / 5 * 1000 / 1.5)
    assert all(s.description for s in sim.sliders.values())
    assert figure_problems(pl.reach_figure(sim.result)) == []


# --------------------------------------------------------------------------- platform fit


def test_score_platforms_b2b_hiring_puts_linkedin_first():
    ranked = pl.score_platforms(pl.Persona(age="35-54", goal="hiring", content=["text"], b2b=True))
    assert ranked.loc[1, "platform"] == "linkedin"
    # 2 * 2 (age) + 2 (hiring) + 1 (text) + 2 (B2B) = 9
    assert ranked.loc[1, "score"] == 9
    assert "reaches decision makers" in ranked.loc[1, "reasons"]
    assert list(ranked.index) == list(range(1, len(pl.PLATFORM_PROFILES) + 1))


def test_score_platforms_teenagers_and_short_video():
    ranked = pl.score_platforms(pl.Persona(age="13-17", goal="awareness", content=["short video"]))
    top2 = set(ranked.head(2)["platform"])
    assert top2 == {"tiktok", "youtube"}  # both 2*2 + 2 + 1 = 7
    assert ranked.set_index("platform").loc["odnoklassniki", "score"] == 0  # not used outside the CIS
    assert ranked["score"].is_monotonic_decreasing


def test_persona_validation():
    with pytest.raises(ValueError, match="age must be one of"):
        pl.Persona(age="30", goal="sales")
    with pytest.raises(TypeError, match="list of formats"):
        pl.Persona(age="18-24", goal="sales", content="photo")
    with pytest.raises(ValueError, match="content format"):
        pl.Persona(age="18-24", goal="sales", content=["podcast"])
    with pytest.raises(TypeError, match="Persona"):
        pl.score_platforms({"age": "18-24"})


# --------------------------------------------------------------------------- posting time


def _posts(times, likes, reach=100, platform="x", fmt="photo"):
    n = len(times)
    return pd.DataFrame({"platform": [platform] * n, "format": [fmt] * n,
                         "timestamp": pd.to_datetime(times), "likes": likes,
                         "comments": [0] * n, "shares": [0] * n, "reach": [reach] * n})


def test_post_engagement_rate_by_hand():
    df = pd.DataFrame({"likes": [3, 5], "comments": [1, 0], "shares": [1, 0], "reach": [50, 0]})
    rate = pl.post_engagement_rate(df)
    assert rate.iloc[0] == pytest.approx(0.1)  # (3 + 1 + 1) / 50
    assert np.isnan(rate.iloc[1])


def test_posting_time_table_medians_bins_and_min_posts():
    df = _posts(["2025-01-06 09:05", "2025-01-13 10:55", "2025-01-20 11:00", "2025-01-12 23:30"],
                [2, 4, 12, 7])
    table = pl.posting_time_table(df, hour_bin=3)
    assert list(table.index) == list(pl.WEEKDAYS)
    assert list(table.columns) == [0, 3, 6, 9, 12, 15, 18, 21]
    assert table.loc["Mon", 9] == pytest.approx(0.04)  # median of 0.02, 0.04, 0.12
    assert table.loc["Sun", 21] == pytest.approx(0.07)
    assert table.isna().sum().sum() == 7 * 8 - 2
    sparse = pl.posting_time_table(df, hour_bin=3, min_posts=2)
    assert np.isnan(sparse.loc["Sun", 21]) and sparse.loc["Mon", 9] == pytest.approx(0.04)
    assert pl.posting_time_table(df, statistic="mean").loc["Mon", 9] == pytest.approx(0.02)


def test_posting_time_table_bad_input():
    df = _posts(["2025-01-06 09:05"], [1])
    with pytest.raises(ValueError, match="divides 24"):
        pl.posting_time_table(df, hour_bin=5)
    with pytest.raises(ValueError, match="no posts on platform 'tiktok'"):
        pl.posting_time_table(df, platform="tiktok")
    with pytest.raises(KeyError, match="timestamp"):
        pl.posting_time_table(df.drop(columns="timestamp"))
    with pytest.raises(ValueError, match="statistic"):
        pl.posting_time_table(df, statistic="max")


def test_heatmap_figure_is_labelled_and_uses_cividis():
    posts = generate_posts(seed=0)
    table = pl.posting_time_table(posts, platform="instagram", hour_bin=3)
    fig = pl.heatmap_figure(table, "Instagram", hour_bin=3)
    assert figure_problems(fig) == []
    assert fig.data[0].x[0] == "00-03"
    assert fig.data[0].colorscale[0][1] == "#00224e"  # cividis starts dark blue


def test_best_posting_hour_by_hand_and_min_posts():
    df = _posts(["2025-01-06 09:00", "2025-01-07 09:30", "2025-01-08 20:00", "2025-01-09 20:10",
                 "2025-01-10 06:00"], [2, 4, 6, 10, 50])
    # 9 h: median 0.03; 20 h: median 0.08; 6 h: one lucky post (0.5) that min_posts=2 excludes
    assert pl.best_posting_hour(df, min_posts=2).to_dict() == {"x": 20}
    assert pl.best_posting_hour(df, min_posts=1).to_dict() == {"x": 6}
    with pytest.raises(ValueError, match="no hour with 3 posts"):
        pl.best_posting_hour(df, min_posts=3)


def test_best_posting_hour_finds_the_generators_peaks():
    best = pl.best_posting_hour(generate_posts(seed=0, n_posts=3000, weeks=52))
    peaks = {"facebook": 9, "instagram": 20, "telegram": 8, "tiktok": 21, "vk": 19}
    for platform, hour in best.items():
        distance = min(abs(hour - peaks[platform]), 24 - abs(hour - peaks[platform]))
        assert distance <= 3, (platform, hour)


# --------------------------------------------------------------------------- formats


def _format_posts(fmt, likes, reach=5000):
    n = len(likes)
    return pd.DataFrame({"platform": ["x"] * n, "format": [fmt] * n, "likes": likes,
                         "comments": [0] * n, "shares": [0] * n, "reach": [reach] * n})


def test_format_ranking_constant_posts_by_hand():
    # five photos at exactly 6 %: every bootstrap mean is 0.06, so the interval is [0.06, 0.06]
    table = pl.format_ranking(_format_posts("photo", [300] * 5))
    row = table.iloc[0]
    assert row["posts"] == 5 and row["rate"] == pytest.approx(0.06)
    assert row["lower_bound"] == pytest.approx(0.06) and row["upper_bound"] == pytest.approx(0.06)


def test_format_ranking_interval_comes_from_between_post_spread():
    # photo rates 0.02 and 0.10 alternate (mean 0.06); the bound must sit well below the mean, while the
    # pooled Wilson bound on 50,000 "trials" is almost the raw rate
    df = _format_posts("photo", [100, 500] * 5)
    row = pl.format_ranking(df).iloc[0]
    assert row["rate"] == pytest.approx(0.06)
    assert 0.02 < row["lower_bound"] < 0.05 and 0.07 < row["upper_bound"] < 0.10
    pooled = pl.pooled_format_ranking(df).iloc[0]["lower_bound"]
    assert 0.0575 < pooled < 0.06  # the old method: almost no uncertainty at all


def test_three_lucky_carousels_no_longer_beat_photos():
    # the case: three carousels at 5,000 reach and 12 % against thirty photos at 6 %
    df = pd.concat([_format_posts("carousel", [600, 600, 600]),
                    _format_posts("photo", [250, 350] * 15)])
    old = pl.pooled_format_ranking(df)
    assert old["format"].iloc[0] == "carousel"  # the wrong method lets three posts win
    new = pl.format_ranking(df)
    assert new["format"].tolist() == ["photo", "carousel"]
    assert np.isnan(new.iloc[1]["lower_bound"]) and new.iloc[1]["note"] == "too few posts"
    assert pl.best_format(df).to_dict() == {"x": "photo"}


def test_format_ranking_is_seeded_and_repeatable():
    df = pd.concat([_format_posts("photo", [100, 500, 300, 200, 400, 350]),
                    _format_posts("video", [700, 200, 450, 600, 300, 500])])
    pd.testing.assert_frame_equal(pl.format_ranking(df), pl.format_ranking(df))
    assert not pl.format_ranking(df, seed=1).equals(pl.format_ranking(df, seed=2))


def test_best_format_with_no_format_above_min_posts_says_so():
    assert pl.best_format(_format_posts("photo", [300, 200])).to_dict() == {"x": "too few posts"}


def test_format_ranking_rejects_min_posts_below_two():
    with pytest.raises(ValueError, match=r"min_posts \(an interval needs several posts\) must be at least 2, got 1"):
        pl.format_ranking(_format_posts("photo", [300] * 5), min_posts=1)


def test_best_format_on_generated_posts_is_video_everywhere_it_exists():
    best = pl.best_format(generate_posts(seed=0))
    assert set(best.index) == {"facebook", "instagram", "telegram", "tiktok", "vk"}
    assert (best == "video").all()  # the generator gives video the highest interaction rates


def test_platform_fit_scorer_follows_its_controls():
    scorer = panels.platform_fit_scorer()
    before = scorer.best.value
    assert "Best fit" in before
    scorer.controls["age"].value = "55+"
    scorer.controls["region"].value = "cis"
    assert scorer.best.value != before
    assert scorer.ranked.iloc[0]["platform"] in {"facebook", "odnoklassniki"}
    scorer.controls["content"].value = ()  # nothing chosen: falls back to photo, no crash
    assert len(scorer.ranked) == len(pl.PLATFORM_PROFILES)
    assert all(c.description for c in scorer.controls.values())
    assert figure_problems(pl.platform_fit_figure(scorer.ranked, pl.Persona("18-24", "sales"))) == []


def test_posting_time_figure_has_one_panel_per_platform():
    posts = generate_posts(seed=0, n_posts=1000, weeks=20)
    fig = pl.posting_time_figure(posts, hour_bin=3)
    assert len(fig.data) == 5 and figure_problems(fig) == []
    assert [a.text for a in fig.layout.annotations] == sorted(posts["platform"].unique())
