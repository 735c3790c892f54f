"""Tests of smmlib.shortvideo: retention maths by hand, view definitions, fair
comparison by age, the simulated account and the toy feed model, and the widget."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmlib import shortvideo as sv
from smmlib.viz import figure_problems
from smmlib.widgets import panel
from smmlib.widgets.shortvideo import feed_simulator


@pytest.fixture(autouse=True)
def _quiet_display(monkeypatch):
    monkeypatch.setattr(panel, "display", lambda *args, **kwargs: None)


# ---------------------------------------------------------------- retention by hand

def test_average_view_duration_is_the_area_under_the_curve():
    # 20-second video sampled every 5 s: 1.0, 0.5, 0.4, 0.3, 0.2
    curve = sv.retention_curve([1.0, 0.5, 0.4, 0.3, 0.2], seconds=[0, 5, 10, 15, 20])
    # trapezoids: 5*(1.5/2) + 5*(0.9/2) + 5*(0.7/2) + 5*(0.5/2) = 3.75 + 2.25 + 1.75 + 1.25 = 9.0
    assert sv.average_view_duration(curve) == pytest.approx(9.0)
    assert sv.average_percentage_viewed(curve) == pytest.approx(9.0 / 20)
    assert sv.completion_rate(curve) == pytest.approx(0.2)
    # at 3 s: 1.0 - (0.5 * 3/5) = 0.7
    assert sv.hook_retention(curve) == pytest.approx(0.7)


def test_completion_is_not_average_percentage_viewed():
    curve = sv.retention_curve([1.0, 0.5, 0.5, 0.5])
    assert sv.completion_rate(curve) == 0.5
    assert sv.average_percentage_viewed(curve) == pytest.approx((0.75 + 0.5 + 0.5) / 3)


def test_biggest_drops_compares_per_second():
    curve = sv.retention_curve([1.0, 0.7, 0.4, 0.3], seconds=[0, 1, 5, 6])
    drops = sv.biggest_drops(curve, top=3)
    # 0-1 s loses 0.3 (0.3/s); 1-5 s loses 0.3 over 4 s (0.075/s); 5-6 s loses 0.1 (0.1/s)
    assert drops[["from", "to"]].values.tolist() == [[0, 1], [5, 6], [1, 5]]
    assert drops["lost_per_second"].tolist() == pytest.approx([0.3, 0.1, 0.075])


@pytest.mark.parametrize(("shares", "seconds", "message"), [
    ([1.0], None, "at least two points"),
    ([0.9, 0.5], None, "share at second 0 must be 1"),
    ([1.0, 60, 40], None, r"fractions of plays in \[0, 1\]"),
    ([1.0, 0.5, 0.6], None, "never rises"),
    ([1.0, 0.5], [1, 2], "must be second 0"),
    ([1.0, 0.5, 0.4], [0, 2, 2], "seconds must increase"),
    ([1.0, 0.5], [0, 1, 2], "give one share per second"),
])
def test_bad_curves_are_refused_with_what_to_do(shares, seconds, message):
    with pytest.raises(ValueError, match=message):
        sv.retention_curve(shares, seconds)


def test_a_wrong_type_is_named():
    with pytest.raises(TypeError, match="must be a number"):
        sv.retention_curve([1.0, "half"])


def test_hook_beyond_the_video_is_refused():
    with pytest.raises(ValueError, match="no share at 9 s"):
        sv.hook_retention(sv.retention_curve([1.0, 0.5, 0.4]), seconds=9)


# ---------------------------------------------------------------- views and replays

def test_views_by_definition_counts_the_same_plays_differently():
    plays = [0.2, 0.9, 1.5, 2.0, 2.9, 3.0, 10.0, 14.9, 15.0, 30.0]
    views = sv.views_by_definition(plays, length=30)
    assert views.to_dict() == {"every start or replay": 10, "at least 2 s": 7, "3-second play": 5,
                               "ThruPlay (15 s or the whole video)": 2}


def test_thruplay_on_a_short_video_means_to_the_end():
    assert sv.views_by_definition([9, 8.9, 9], length=9)["ThruPlay (15 s or the whole video)"] == 2


def test_views_longer_than_the_video_are_refused():
    with pytest.raises(ValueError, match="split replays into separate plays"):
        sv.views_by_definition([12], length=10)


def test_rewatch_rate_by_hand_and_its_guard():
    assert sv.rewatch_rate(plays=2_500, viewers=2_000) == pytest.approx(0.25)
    assert sv.rewatch_rate(plays=10, viewers=10) == 0
    with pytest.raises(ValueError, match="at least once"):
        sv.rewatch_rate(plays=90, viewers=100)


def test_views_at_age_waits_for_young_videos():
    daily = pd.DataFrame({"video": ["old"] * 10 + ["new"] * 3, "age_day": list(range(1, 11)) + [1, 2, 3],
                          "views": [500, 300, 100, 50, 20, 10, 5, 5, 5, 5] + [700, 400, 200]})
    week = sv.views_at_age(daily, days=3)
    assert week.to_dict() == {"old": 900.0, "new": 1300.0}   # same age: the new video is ahead
    later = sv.views_at_age(daily, days=7)
    assert later["old"] == 985.0 and math.isnan(later["new"])
    with pytest.raises(ValueError, match="no column"):
        sv.views_at_age(daily.drop(columns="age_day"))


# ---------------------------------------------------------------- simulated account

def test_model_curve_passes_its_points():
    curve = sv.model_curve(length=30, hook=0.6, completion=0.2)
    assert curve.iloc[0] == 1 and curve.loc[3.0] == pytest.approx(0.6) and curve.iloc[-1] == pytest.approx(0.2)
    assert (np.diff(curve.to_numpy()) <= 0).all()
    with pytest.raises(ValueError, match="cannot finish"):
        sv.model_curve(length=30, hook=0.3, completion=0.4)


def test_generate_videos_is_seeded_and_consistent():
    a, b = sv.generate_videos(seed=7), sv.generate_videos(seed=7)
    pd.testing.assert_frame_equal(a["videos"], b["videos"])
    assert not a["videos"].equals(sv.generate_videos(seed=8)["videos"])
    videos, daily = a["videos"], a["daily"]
    assert (videos["viewers"] <= videos["plays"]).all()
    totals = daily.groupby("video")["views"].sum()
    assert totals.reindex(videos["video"]).tolist() == videos["plays"].tolist()
    ages = daily.groupby("video")["age_day"].max()
    assert ages.reindex(videos["video"]).tolist() == videos["age_days"].tolist()
    assert (videos["avg_view_s"] < videos["length_s"]).all()


# ---------------------------------------------------------------- the toy feed

def test_feed_by_hand_on_two_stages():
    # score = 0.3 * 0.5 + 10 * 0.01 = 0.25, bar 0.25 -> passes with probability 1/2
    table = sv.simulate_feed(hook=0.3, hold=0.5, share_rate=0.01, stages=[100, 1_000], bars=[0.25])
    assert table["reached"].tolist() == pytest.approx([1.0, 0.5])
    assert table["expected_viewers"].sum() == pytest.approx(100 + 500)


def test_feed_reach_does_not_depend_on_followers_and_grows_with_the_hook():
    totals = [sv.simulate_feed(hook=h, hold=0.5, share_rate=0.01)["expected_viewers"].sum()
              for h in (0.4, 0.5, 0.6, 0.7)]
    assert totals == sorted(totals)
    # a 5-point weaker hook loses more than 5 % of reach near a bar: the feed's steepness
    strong = sv.simulate_feed(hook=0.6, hold=0.5, share_rate=0.01)["expected_viewers"].sum()
    weak = sv.simulate_feed(hook=0.55, hold=0.5, share_rate=0.01)["expected_viewers"].sum()
    assert weak / strong < 0.5


def test_feed_refuses_mismatched_bars():
    with pytest.raises(ValueError, match="need 2 bars"):
        sv.simulate_feed(hook=0.5, hold=0.5, share_rate=0.01, stages=[1, 2, 3], bars=[0.2])


# ---------------------------------------------------------------- charts and widget

def test_figures_have_titles_and_labels():
    curves = {"A": sv.model_curve(15, 0.7, 0.3), "B": sv.model_curve(15, 0.5, 0.3)}
    assert figure_problems(sv.retention_figure(curves, simulated=True)) == []
    assert "simulated" in sv.retention_figure(curves, simulated=True).layout.title.text
    assert figure_problems(sv.feed_figure(sv.simulate_feed(0.6, 0.5, 0.01))) == []


def test_feed_simulator_follows_its_sliders():
    panel_ = feed_simulator()
    before = panel_.result["expected_viewers"].sum()
    panel_.sliders["hook"].value = 0.7
    assert panel_.result["expected_viewers"].sum() > before
    assert "expected viewers" in panel_.summary.value and "5 points weaker" in panel_.summary.value


def test_the_exercise_account_is_generated_once_per_student(monkeypatch):
    """my_videos and my_daily come from one generate_videos call per student, not one each."""
    from smmlib.exercises import ex10_short_video as ex10
    from smmlib.exercises import get_bank

    calls = []
    real = sv.generate_videos

    def counting(*args, **kwargs):
        calls.append(kwargs.get("seed"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ex10.shortvideo, "generate_videos", counting)
    ex10._account.cache_clear()
    ctx = get_bank("10_short_video").context("GEN-ONCE-1")
    videos, daily = ctx.data("my_videos"), ctx.data("my_daily")
    daily.loc[0, "views"] = -1            # a student's change stays in their copy
    again = get_bank("10_short_video").context("GEN-ONCE-1").data("my_daily")
    ex10._account.cache_clear()
    assert calls == [ctx.seed]
    expected = real(seed=ctx.seed)
    pd.testing.assert_frame_equal(videos, expected["videos"])
    assert daily.loc[0, "views"] == -1 and expected["daily"].loc[0, "views"] >= 0
    pd.testing.assert_frame_equal(again, expected["daily"])
