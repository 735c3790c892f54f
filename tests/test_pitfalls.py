"""Tests of smmlib.pitfalls: spike detection against ground truth, response summaries,
the fatigue and decay models by hand, hard selling and the account audit."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmlib import pitfalls as pf
from smmlib import widgets as panels
from smmlib.generate import generate_followers, generate_posts
from smmlib.viz import figure_problems
from smmlib.widgets import panel


@pytest.fixture(autouse=True)
def _quiet_display(monkeypatch):
    # the calculators draw their charts through smmlib.widgets (SliderPanel)
    monkeypatch.setattr(panel, "display", lambda *args, **kwargs: None)


# --------------------------------------------------------------------------- spike detector


def _score(seed, **kwargs):
    df = generate_followers(seed=seed, **kwargs)
    result = pf.detect_follower_spikes(df)
    return pf.precision_recall(result["flagged"], df["is_bot_spike"]), result


def test_detector_by_hand_on_a_tiny_series():
    gains = [10, 12, 9, 11, 10, 250, 11, 9, 12, 10, 11]
    result = pf.detect_follower_spikes(gains, window=5, threshold=5)
    # baseline at day 5 = median(9, 11, 10, 250, 11, 9... window 5 -> 11, 10, 250, 11, 9) = 11
    assert result.loc[5, "baseline"] == 11
    residual = np.array(gains) - result["baseline"].to_numpy()
    mad = np.median(np.abs(residual - np.median(residual)))
    assert result.loc[5, "score"] == pytest.approx((250 - 11) / (1.4826 * mad))
    assert result.index[result["flagged"]].tolist() == [5]


def test_detector_on_the_default_series():
    detection, result = _score(0)
    assert detection.precision >= 0.8 and detection.recall >= 0.8
    assert list(result.columns) == ["date", "new_followers", "baseline", "score", "flagged"]


def test_detector_across_fifty_seeds():
    scores = [_score(seed)[0] for seed in range(50)]
    assert np.mean([d.precision for d in scores]) >= 0.8
    assert np.mean([d.recall for d in scores]) >= 0.8
    assert min(d.recall for d in scores) >= 0.5


def test_no_false_alarm_storm_without_spikes():
    false_flags = [int(_score(seed, n_spikes=0)[1]["flagged"].sum()) for seed in range(50)]
    assert max(false_flags) <= 3
    assert np.mean([f <= 1 for f in false_flags]) >= 0.9


@pytest.mark.parametrize("day", [0, 179])
def test_spike_on_the_first_or_last_day_is_found(day):
    for seed in range(10):
        detection, result = _score(seed, spike_days=[day])
        assert bool(result.loc[day, "flagged"]), (seed, day)
        assert detection.recall == 1.0


def test_unfollow_days_are_not_flagged():
    gains = [20] * 10 + [-300] + [20] * 10
    assert not pf.detect_follower_spikes(gains)["flagged"].any()


def test_constant_series_does_not_divide_by_zero():
    result = pf.detect_follower_spikes([5, 5, 5, 5, 5, 5, 80, 5, 5])
    assert np.isfinite(result["score"]).all()
    assert result.index[result["flagged"]].tolist() == [6]


@pytest.mark.parametrize(("arg", "kwargs", "error", "words"), [
    (pd.DataFrame({"x": [1, 2, 3]}), {}, KeyError, "no column 'new_followers'"),
    ([1, 2, float("nan"), 4], {}, ValueError, "missing value"),
    ([1, 2], {}, ValueError, "at least 3 days"),
    ("123", {}, TypeError, "DataFrame, a Series or a list"),
    ([1, 2, 3, 4], {"window": 2}, ValueError, "window must be at least 3"),
    ([1, 2, 3, 4], {"threshold": 0}, ValueError, "threshold must be greater than 0"),
])
def test_detector_bad_input(arg, kwargs, error, words):
    with pytest.raises(error, match=words):
        pf.detect_follower_spikes(arg, **kwargs)


def test_precision_recall_by_hand_and_edge_cases():
    d = pf.precision_recall({1, 2, 3, 4}, {2, 4, 6})
    assert (d.true_positives, d.false_positives, d.false_negatives) == (2, 2, 1)
    assert d.precision == 0.5 and d.recall == pytest.approx(2 / 3)
    empty = pf.precision_recall([], [])
    assert empty.precision == 1.0 and empty.recall == 1.0
    missed = pf.precision_recall([], [5])
    assert missed.precision == 1.0 and missed.recall == 0.0
    booleans = pf.precision_recall([True, False, True], np.array([True, True, False]))
    assert (booleans.true_positives, booleans.false_positives, booleans.false_negatives) == (1, 1, 1)
    assert pf.precision_recall(np.array([3, 5]), [np.int64(3)]).true_positives == 1
    with pytest.raises(TypeError, match="predicted"):
        pf.precision_recall("12", [1])


# --------------------------------------------------------------------------- comments


def test_generate_comments_is_seeded_and_consistent():
    a = pf.generate_comments(seed=4)
    assert a.equals(pf.generate_comments(seed=4))
    assert not a.equals(pf.generate_comments(seed=5))
    assert a["posted_at"].is_monotonic_increasing
    assert a.loc[a["answered"], "response_hours"].gt(0).all()
    assert a.loc[~a["answered"], "response_hours"].isna().all()
    by_platform = pf.response_summary(a, by="platform")
    assert by_platform.loc["tiktok", "response_rate"] < by_platform.loc["telegram", "response_rate"]


def test_response_summary_by_hand():
    df = pd.DataFrame({"platform": ["a", "a", "a", "b", "b"],
                       "answered": [True, False, True, True, True],
                       "response_hours": [2.0, np.nan, 50.0, 1.0, 3.0]})
    overall = pf.response_summary(df).loc["all"]
    assert overall["comments"] == 5
    assert overall["response_rate"] == pytest.approx(0.8)  # 4 / 5
    assert overall["median_response_hours"] == pytest.approx(2.5)  # median(2, 50, 1, 3)
    assert overall["answered_within"] == pytest.approx(0.6)  # 2, 1, 3 within 24 h, of 5
    groups = pf.response_summary(df, by="platform", within_hours=2)
    assert groups.loc["a", "response_rate"] == pytest.approx(2 / 3)
    assert groups.loc["a", "median_response_hours"] == pytest.approx(26.0)
    assert groups.loc["b", "answered_within"] == pytest.approx(0.5)


def test_response_summary_bad_input():
    with pytest.raises(KeyError, match="response_hours"):
        pf.response_summary(pd.DataFrame({"answered": [True]}))
    with pytest.raises(ValueError, match="no response_hours"):
        pf.response_summary(pd.DataFrame({"answered": [True], "response_hours": [np.nan]}))


# --------------------------------------------------------------------------- fatigue


def test_fatigue_numbers_by_hand():
    r = pf.fatigue_numbers(3, followers=20_000, reach_share=0.05, saturation=3, discovery=0.01, fatigue=0.0001)
    assert r.reach_per_post == pytest.approx(500)  # 20000 * 0.05 / (1 + 3/3)
    assert r.daily_reach == pytest.approx(1500)
    assert r.new_followers == pytest.approx(15)  # 0.01 * 1500
    assert r.unfollows == pytest.approx(18)  # 0.0001 * 20000 * 9
    assert r.net_growth == pytest.approx(-3)


def test_fatigue_curve_answers_why_not_three_posts_a_day():
    curve = pf.fatigue_curve()
    best = curve.loc[curve["net_growth"].idxmax(), "posts_per_day"]
    assert 1 <= best <= 2
    assert curve.set_index("posts_per_day").loc[4.0, "net_growth"] < 0
    assert curve["reach_per_post"].is_monotonic_decreasing
    assert pf.fatigue_numbers(0).net_growth == 0


def test_fatigue_simulator_text_changes_with_the_slider():
    sim = panels.fatigue_simulator()
    before = sim.summary.value
    sim.sliders["posts_per_day"].value = 4.0
    assert sim.summary.value != before and "shrinks" in sim.summary.value
    assert figure_problems(pf.fatigue_figure(pf.fatigue_curve(), sim.result)) == []
    with pytest.raises(ValueError, match="posts_per_day"):
        pf.fatigue_numbers(-1)


# --------------------------------------------------------------------------- viral vs SEO


def test_viral_vs_seo_by_hand():
    t = pf.viral_vs_seo(days=4, viral_visits=800, half_life_days=1, seo_daily=20, seo_ramp_days=2)
    assert t["viral"].tolist() == pytest.approx([400, 200, 100, 50])
    assert t["seo"].tolist() == pytest.approx([20 * (1 - math.exp(-(d + 1) / 2)) for d in range(4)])
    assert t["viral_cumulative"].iloc[-1] == pytest.approx(750)


def test_viral_total_converges_and_lifetime_matches_rule_of_thumb():
    t = pf.viral_vs_seo(days=60)
    assert t["viral"].sum() == pytest.approx(5000, rel=1e-6)
    assert 2 <= pf.viral_lifetime_days(0.5) <= 3  # "a viral post works 2-3 days"
    assert pf.viral_lifetime_days(1, share=0.75) == pytest.approx(2)  # two half-lives
    with pytest.raises(ValueError, match="below 1"):
        pf.viral_lifetime_days(1, share=1)


def test_crossover_day():
    t = pf.viral_vs_seo(days=400, viral_visits=1000, seo_daily=10, seo_ramp_days=0.001)
    # SEO gives ~10 a day from day 0, so its cumulative passes 1000 on day 99
    assert pf.crossover_day(t) == 99
    assert pf.crossover_day(pf.viral_vs_seo(days=5)) is None


def test_viral_seo_simulator_and_figure():
    sim = panels.viral_seo_simulator()
    before = sim.summary.value
    sim.sliders["seo_daily"].value = 100
    assert sim.summary.value != before
    assert figure_problems(pf.viral_seo_figure(sim.table)) == []


# --------------------------------------------------------------------------- hard selling


def test_engagement_by_category_and_ad_share_curve():
    posts = generate_posts(seed=0)
    table = pf.engagement_by_category(posts)
    assert table.index[-1] == "advertising"  # the generator makes ads engage least
    curve = pf.ad_share_curve(0.01, 0.05)
    assert len(curve) == 21 and curve["rate"].is_monotonic_decreasing
    assert curve.loc[curve["ad_share"] == 0.25, "rate"].item() == pytest.approx(0.04)  # .25*.01 + .75*.05
    with pytest.raises(ValueError, match="fractions"):
        pf.ad_share_curve(0.01, 0.05, [1.5])


# --------------------------------------------------------------------------- audit


def test_audit_findings_by_rule():
    healthy = {"posts_per_day": 1.5, "advertising_share": 0.05, "response_rate": 0.9,
               "median_response_hours": 2, "bot_spike_days": 0, "platforms": 2,
               "posts_per_platform_week": 5.2, "longest_silence_days": 3}
    assert pf.audit_findings(healthy) == []
    bad = dict(healthy, advertising_share=0.3, bot_spike_days=1, platforms=6,
               posts_per_platform_week=0.5, longest_silence_days=15, response_rate=0.4)
    assert pf.audit_findings(bad) == ["bought_followers", "everywhere_at_once", "hard_selling",
                                      "ignored_comments", "no_long_term"]
    with pytest.raises(KeyError, match="platforms"):
        pf.audit_findings({"posts_per_day": 1})


def test_overposting_is_judged_per_platform():
    base = {"advertising_share": 0.05, "response_rate": 0.9, "median_response_hours": 2, "bot_spike_days": 0,
            "longest_silence_days": 3}
    # 6 posts a day over 3 platforms = 2 a day on each (14 a week): within the sources' 1-5, no flag
    assert pf.audit_findings(dict(base, posts_per_day=6, platforms=3, posts_per_platform_week=14)) == []
    # 4 posts a day on one platform = 28 a week > 21: flagged
    assert pf.audit_findings(dict(base, posts_per_day=4, platforms=1, posts_per_platform_week=28)) == ["overposting"]
    # exactly 3 a day on each platform (21 a week) is not above the cut-off
    assert pf.audit_findings(dict(base, posts_per_day=3, platforms=1, posts_per_platform_week=21)) == []
    assert "course's own" not in pf.AUDIT_RULES["overposting"] and "per_platform" in pf.AUDIT_RULES["overposting"]


def test_generated_audits_show_their_planted_mistakes():
    for seed in range(100):
        audit = pf.generate_audit(seed)
        found = pf.audit_findings(audit)
        assert 1 <= len(found) <= 4, seed
        # the posting figures agree with each other
        assert audit["posts_per_platform_week"] == pytest.approx(
            audit["posts_per_day"] * 7 / audit["platforms"], abs=0.06)
    assert pf.generate_audit(7).equals(pf.generate_audit(7))
