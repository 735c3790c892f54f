"""The short-video chapter's logic: retention curves, what a "view" counts,
fair comparisons between videos, and a toy model of a recommendation feed.

- :func:`retention_curve` -- a validated retention curve: the share of plays
  still watching at each second (1.0 at second 0);
  :func:`average_view_duration`, :func:`average_percentage_viewed`,
  :func:`completion_rate`, :func:`hook_retention`, :func:`biggest_drops` read it;
- :func:`views_by_definition` -- the same plays counted as "views" under the
  definitions platforms use (any start, 3 seconds, ThruPlay ...);
  :func:`rewatch_rate` -- replays per viewer;
- :func:`views_at_age` -- views each video had by the same age, so old and new
  videos are compared fairly;
- :func:`model_curve` and :func:`generate_videos` -- simulated curves and a
  simulated account (seeded; labelled simulated wherever they are shown);
- :func:`simulate_feed` -- the course's toy model of staged distribution: a
  video is shown to a small test audience, then to larger ones while its
  viewers' response clears a bar that rises at each stage;
- :func:`retention_figure`, :func:`feed_figure` -- the charts.

The feed model is this course's teaching device, not any platform's
algorithm: the stage sizes, the bars and the weight of shares are assumptions
(:data:`FEED_ASSUMPTIONS`), chosen to show one thing the platforms do say --
that a feed keeps widening the audience of a video people watch to the end and
share, whoever follows the account -- and how steeply reach responds to a small
change in the first seconds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import validate
from .viz import OKABE_ITO

__all__ = [
    "FEED_ASSUMPTIONS",
    "VIEW_DEFINITIONS",
    "average_percentage_viewed",
    "average_view_duration",
    "biggest_drops",
    "completion_rate",
    "feed_figure",
    "generate_videos",
    "hook_retention",
    "model_curve",
    "retention_curve",
    "retention_figure",
    "rewatch_rate",
    "simulate_feed",
    "views_at_age",
    "views_by_definition",
]


# ---------------------------------------------------------------- retention curves

def retention_curve(shares: Sequence[float] | pd.Series, seconds: Sequence[float] | None = None) -> pd.Series:
    """A retention curve: ``shares[i]`` of the plays are still watching at ``seconds[i]``.

    ``seconds`` defaults to 0, 1, 2, ...; it must start at 0 and increase, the
    first share must be 1 (every play is watching at second 0), and shares must
    lie in [0, 1]. A Series is taken as it is (its index is the seconds).

    >>> curve = retention_curve([1.0, 0.6, 0.5, 0.4])
    >>> curve.index.tolist(), curve.name
    ([0.0, 1.0, 2.0, 3.0], 'still watching')
    >>> retention_curve([1.0, 0.6, 0.7])
    Traceback (most recent call last):
    ...
    ValueError: retention_curve(): the share still watching rises from 0.6 at 1 s to 0.7 at 2 s; a retention curve never rises (replays are counted as new plays, see rewatch_rate)
    """
    where = "retention_curve()"
    if isinstance(shares, pd.Series) and seconds is None:
        seconds, shares = shares.index.tolist(), shares.tolist()
    values = [validate.number("retention_curve", f"share {i}", v) for i, v in enumerate(shares)]
    times = ([float(i) for i in range(len(values))] if seconds is None
             else [validate.number("retention_curve", f"second {i}", t) for i, t in enumerate(seconds)])
    if len(values) < 2:
        raise ValueError(f"{where}: a curve needs at least two points (second 0 and the end), got {len(values)}")
    if len(times) != len(values):
        raise ValueError(f"{where}: {len(times)} seconds but {len(values)} shares; give one share per second")
    if times[0] != 0:
        raise ValueError(f"{where}: the first point must be second 0, got {times[0]:g}")
    for a, b in zip(times[:-1], times[1:], strict=True):
        if b <= a:
            raise ValueError(f"{where}: seconds must increase, got {a:g} then {b:g}")
    if not math.isclose(values[0], 1.0):
        raise ValueError(f"{where}: the share at second 0 must be 1 (every play starts), got {values[0]:g}; "
                         "divide each point by the first one")
    if max(values) > 1:
        raise ValueError(f"{where}: shares are fractions of plays in [0, 1] (0.4 means 40 %), got {max(values):g}")
    for t0, a, t1, b in zip(times[:-1], values[:-1], times[1:], values[1:], strict=True):
        if b > a + 1e-12:
            raise ValueError(f"{where}: the share still watching rises from {a:g} at {t0:g} s to {b:g} at "
                             f"{t1:g} s; a retention curve never rises (replays are counted as new plays, "
                             "see rewatch_rate)")
    return pd.Series(values, index=pd.Index(times, name="second"), name="still watching")


def average_view_duration(curve: pd.Series) -> float:
    """Average seconds watched per play: the area under the retention curve
    (trapezoids between the points).

    >>> average_view_duration(retention_curve([1.0, 0.6, 0.5, 0.4]))  # 0.8 + 0.55 + 0.45
    1.8
    """
    return _area(retention_curve(curve))


def _area(curve: pd.Series) -> float:
    """The area under an already validated curve (sum of trapezoids)."""
    t, r = curve.index.to_numpy(), curve.to_numpy()
    return round(float(np.sum((r[1:] + r[:-1]) / 2 * np.diff(t))), 10)


def average_percentage_viewed(curve: pd.Series) -> float:
    """Average view duration as a share of the video's length (the last second of the curve).

    >>> average_percentage_viewed(retention_curve([1.0, 0.6, 0.5, 0.4]))  # 1.8 s of 3 s
    0.6
    """
    curve = retention_curve(curve)
    return round(_area(curve) / float(curve.index[-1]), 10)


def completion_rate(curve: pd.Series) -> float:
    """Share of plays still watching at the last second: the completion rate.

    >>> completion_rate(retention_curve([1.0, 0.6, 0.5, 0.4]))
    0.4
    """
    return float(retention_curve(curve).iloc[-1])


def hook_retention(curve: pd.Series, seconds: float = 3.0) -> float:
    """Share of plays still watching after ``seconds`` (linear between points): how
    well the opening holds people.

    >>> hook_retention(retention_curve([1.0, 0.6, 0.5, 0.4]), seconds=1.5)
    0.55
    """
    curve = retention_curve(curve)
    at = validate.number("hook_retention", "seconds", seconds)
    if at > curve.index[-1]:
        raise ValueError(f"hook_retention(): the video is {curve.index[-1]:g} s long, so there is no share at "
                         f"{at:g} s; pass seconds up to its length")
    return round(float(np.interp(at, curve.index.to_numpy(), curve.to_numpy())), 10)


def biggest_drops(curve: pd.Series, top: int = 3) -> pd.DataFrame:
    """The ``top`` intervals where the most plays left, largest first: where to look
    in the video for what makes people swipe away.

    ``lost`` is in shares of all plays; ``lost_per_second`` divides by the
    interval's length, so intervals of different lengths compare.

    >>> biggest_drops(retention_curve([1.0, 0.6, 0.5, 0.4, 0.2]), top=2)
       from  to  lost  lost_per_second
    0   0.0 1.0   0.4              0.4
    1   3.0 4.0   0.2              0.2
    """
    curve = retention_curve(curve)
    n = validate.whole("biggest_drops", "top", top, 1)
    t, r = curve.index.to_numpy(), curve.to_numpy()
    table = pd.DataFrame({"from": t[:-1], "to": t[1:], "lost": np.round(r[:-1] - r[1:], 10)})
    table["lost_per_second"] = np.round(table["lost"] / (table["to"] - table["from"]), 10)
    table = table.sort_values(["lost_per_second", "from"], ascending=[False, True], kind="stable")
    return table.head(n).reset_index(drop=True)


# ---------------------------------------------------------------- what a view counts

#: Definitions of a "view" to compare (seconds a play must last). Each platform
#: defines its own and changes it: YouTube counted Shorts views after an
#: undisclosed number of seconds until 31 March 2025, then every start or replay
#: (the older count lives on as "engaged views"); Meta's ads report 3-second
#: video plays and ThruPlays (15 s, or the whole video if shorter). Checked 2026.
VIEW_DEFINITIONS: dict[str, float] = {
    "every start or replay": 0.0,
    "at least 2 s": 2.0,
    "3-second play": 3.0,
    "ThruPlay (15 s or the whole video)": 15.0,
}


def views_by_definition(watch_seconds: Sequence[float], length: float,
                        definitions: Mapping[str, float] | None = None) -> pd.Series:
    """How many of these plays count as a view under each definition.

    ``watch_seconds`` holds how long each play lasted (a replay is a new play);
    ``length`` is the video's length, so a definition longer than the video
    (ThruPlay's 15 s on a 9-second video) means "watched to the end".

    >>> views_by_definition([0.5, 1, 2.5, 3, 9, 9], length=9)
    every start or replay                 6
    at least 2 s                          4
    3-second play                         3
    ThruPlay (15 s or the whole video)    2
    Name: views, dtype: int64
    """
    seconds = np.array([validate.number("views_by_definition", "a play's seconds", s) for s in watch_seconds])
    total = validate.number("views_by_definition", "length", length, positive=True)
    if (seconds > total + 1e-9).any():
        raise ValueError(f"views_by_definition(): a play lasts {seconds.max():g} s but the video is {total:g} s "
                         "long; split replays into separate plays")
    rules = dict(VIEW_DEFINITIONS if definitions is None else definitions)
    counts = {}
    for name, need in rules.items():
        need = min(validate.number("views_by_definition", f"definition {name!r}", need), total)
        counts[name] = int((seconds >= need).sum()) if need > 0 else len(seconds)
    return pd.Series(counts, name="views", dtype="int64")


def rewatch_rate(plays: int, viewers: int) -> float:
    """Replays per viewer: ``plays / viewers - 1`` (0 when nobody watched twice).

    >>> rewatch_rate(plays=1_300, viewers=1_000)
    0.3
    """
    n_plays = validate.whole("rewatch_rate", "plays", plays)
    n_viewers = validate.whole("rewatch_rate", "viewers", viewers, 1)
    if n_plays < n_viewers:
        raise ValueError(f"rewatch_rate(): {n_plays} plays from {n_viewers} viewers is impossible: every viewer "
                         "played the video at least once; check that plays is not unique viewers")
    return round(n_plays / n_viewers - 1, 10)


def views_at_age(daily: pd.DataFrame, days: int = 7) -> pd.Series:
    """Views each video had gathered by the end of its day ``days`` (day 1 is the
    day it was posted), from a table of ``video``, ``age_day`` and ``views``
    (views on that day). Videos younger than ``days`` get NaN: they cannot be
    compared yet, and counting their views so far would punish them.

    >>> daily = pd.DataFrame({"video": ["a"] * 3 + ["b"] * 2, "age_day": [1, 2, 3, 1, 2],
    ...                       "views": [100, 50, 10, 300, 80]})
    >>> views_at_age(daily, days=2).tolist()
    [150.0, 380.0]
    >>> views_at_age(daily, days=3).tolist()
    [160.0, nan]
    """
    n = validate.whole("views_at_age", "days", days, 1)
    missing = {"video", "age_day", "views"} - set(daily.columns)
    if missing:
        raise ValueError(f"views_at_age(): the table has no column(s) {sorted(missing)}; it needs one row per "
                         "video and day with columns video, age_day (1 = day posted) and views")
    if (pd.to_numeric(daily["views"], errors="coerce") < 0).any():
        raise ValueError("views_at_age(): negative views in the table; views per day are counts")
    oldest = daily.groupby("video", sort=False)["age_day"].max()
    upto = daily[daily["age_day"] <= n].groupby("video", sort=False)["views"].sum()
    result = upto.reindex(oldest.index).astype(float)
    result[oldest < n] = np.nan
    return result.rename(f"views by day {n}")


# ---------------------------------------------------------------- simulated videos

def model_curve(length: int, hook: float, completion: float, hook_seconds: int = 3) -> pd.Series:
    """A simulated retention curve: straight down from 1 to ``hook`` over the first
    ``hook_seconds``, then a steady (exponential) decline to ``completion`` at the end.

    >>> curve = model_curve(length=7, hook=0.5, completion=0.125, hook_seconds=3)
    >>> curve.round(4).tolist()
    [1.0, 0.8333, 0.6667, 0.5, 0.3536, 0.25, 0.1768, 0.125]
    """
    n = validate.whole("model_curve", "length", length, 2)
    h = validate.number("model_curve", "hook", hook, positive=True, fraction=True)
    c = validate.number("model_curve", "completion", completion, positive=True, fraction=True)
    k = validate.whole("model_curve", "hook_seconds", hook_seconds, 1)
    if k >= n:
        raise ValueError(f"model_curve(): the hook ({k} s) must be shorter than the video ({n} s)")
    if c > h:
        raise ValueError(f"model_curve(): completion {c:g} is above the hook's retention {h:g}; people who "
                         "left in the first seconds cannot finish")
    t = np.arange(n + 1, dtype=float)
    opening = 1 - (1 - h) * t / k
    after = h * (c / h) ** ((t - k) / (n - k))
    return retention_curve(np.where(t <= k, opening, after).tolist())


def generate_videos(seed: int = 0, n_videos: int = 24, start: str = "2026-09-01") -> dict[str, pd.DataFrame]:
    """A simulated account's short videos, one every three days, and their daily views.

    Returns ``{"videos": ..., "daily": ...}``. ``videos`` has ``video``,
    ``posted``, ``length_s``, ``hook`` (share still watching at 3 s),
    ``completion``, ``avg_view_s``, ``plays``, ``viewers``, ``shares``,
    ``saves`` and ``age_days`` (on the day after the last post); ``daily`` has
    ``video``, ``age_day`` and ``views``. Nothing in it is real: it exists to
    practise the calculations, not to show what works.

    >>> data = generate_videos(seed=1, n_videos=5)
    >>> data["videos"]["video"].tolist()
    ['v01', 'v02', 'v03', 'v04', 'v05']
    >>> bool((data["videos"]["completion"] < data["videos"]["hook"]).all())
    True
    >>> generate_videos(seed=1, n_videos=5)["daily"].equals(data["daily"])
    True
    """
    rng = np.random.default_rng(validate.whole("generate_videos", "seed", seed))
    n = validate.whole("generate_videos", "n_videos", n_videos, 1)
    first = pd.Timestamp(start)
    rows, daily = [], []
    last_post = first + pd.Timedelta(days=3 * (n - 1))
    for i in range(n):
        length = int(rng.choice([8, 12, 15, 21, 30, 45, 60]))
        hook = float(np.clip(rng.normal(0.62, 0.1), 0.3, 0.9))
        hold = float(np.clip(rng.normal(0.55, 0.12), 0.2, 0.9)) * (12 / (length + 12)) ** 0.5
        completion = round(hook * hold, 3)
        curve = model_curve(length, round(hook, 3), completion)
        posted = first + pd.Timedelta(days=3 * i)
        age = int((last_post - posted).days) + 1
        # stronger openings and endings travel further (the feed model's idea, with noise); a video's
        # lifetime plays arrive over 30 days, so a young video has had only its first days so far
        lifetime = int(rng.lognormal(np.log(800) + 4 * (hook - 0.6) + 3 * (completion - 0.3), 0.5))
        decay = np.exp(-np.arange(max(30, age)) / float(rng.uniform(0.8, 8.0)))
        per_day = rng.multinomial(lifetime, decay / decay.sum())[:age]
        plays = int(per_day.sum())
        loops = 0.6 * 8 / length  # short videos loop more often
        viewers = max(1, int(plays / (1 + float(np.clip(rng.normal(0.1 + loops, 0.05), 0.0, 1.0)))))
        shares = int(rng.binomial(viewers, float(np.clip(rng.normal(0.008, 0.003), 0.001, 0.03))))
        saves = int(rng.binomial(viewers, float(np.clip(rng.normal(0.01, 0.004), 0.001, 0.04))))
        rows.append({"video": f"v{i + 1:02d}", "posted": posted, "length_s": length, "hook": round(hook, 3),
                     "completion": completion, "avg_view_s": round(average_view_duration(curve), 2),
                     "plays": plays, "viewers": viewers, "shares": shares, "saves": saves, "age_days": age})
        daily += [{"video": f"v{i + 1:02d}", "age_day": d + 1, "views": int(v)} for d, v in enumerate(per_day)]
    return {"videos": pd.DataFrame(rows), "daily": pd.DataFrame(daily)}


# ---------------------------------------------------------------- the feed model

#: The toy feed model's assumptions (the course's own, not a platform's).
FEED_ASSUMPTIONS: dict[str, object] = {
    "stages": (300, 1_500, 7_500, 40_000, 200_000, 1_000_000),
    "bars": (0.25, 0.30, 0.35, 0.40, 0.45),
    "share_weight": 10.0,
    "softness": 0.02,
}


def _feed_score(completion: float, share_rate: float, share_weight: float) -> float:
    return completion + share_weight * share_rate


def simulate_feed(hook: float, hold: float, share_rate: float, *,
                  stages: Sequence[int] | None = None, bars: Sequence[float] | None = None,
                  share_weight: float | None = None, softness: float | None = None) -> pd.DataFrame:
    """Expected audience of a video at each stage of the toy feed.

    The video's viewers' response is ``score = completion + share_weight *
    share_rate``, where ``completion = hook * hold`` (``hook``: share still
    watching after the opening seconds; ``hold``: share of those who then
    watch to the end). The first stage (a small test audience, followers or
    not) always sees it; the feed moves it to the next stage with probability
    ``1 / (1 + exp(-(score - bar) / softness))``, with a bar that rises at each
    stage. ``reached`` is the probability the video gets to a stage and
    ``expected_viewers`` the stage's audience times that probability.

    >>> table = simulate_feed(hook=0.6, hold=0.5, share_rate=0.01)  # score 0.3 + 0.1 = 0.4
    >>> round(float(table["reached"].iloc[1]), 4)   # passes the first bar (0.25) almost surely
    0.9994
    >>> table["reached"].round(4).tolist()  # products of 1/(1+e^-7.5), 1/(1+e^-5), 1/(1+e^-2.5), 1/2, ...
    [1.0, 0.9994, 0.9928, 0.9175, 0.4587, 0.0348]
    >>> round(float(table["expected_viewers"].sum()))  # 300 + 1,499 + 7,446 + 36,698 + 91,745 + 34,798
    172486
    >>> round(float(simulate_feed(hook=0.55, hold=0.5, share_rate=0.01)["expected_viewers"].sum()))
    77069
    """
    h = validate.number("simulate_feed", "hook", hook, fraction=True)
    d = validate.number("simulate_feed", "hold", hold, fraction=True)
    s = validate.number("simulate_feed", "share_rate", share_rate, fraction=True)
    sizes = [validate.whole("simulate_feed", "a stage's audience", a, 1)
             for a in (FEED_ASSUMPTIONS["stages"] if stages is None else stages)]
    limits = [validate.number("simulate_feed", "a bar", b)
              for b in (FEED_ASSUMPTIONS["bars"] if bars is None else bars)]
    if len(limits) != len(sizes) - 1:
        raise ValueError(f"simulate_feed(): {len(sizes)} stages need {len(sizes) - 1} bars (one between each "
                         f"pair of stages), got {len(limits)}")
    weight = validate.number("simulate_feed", "share_weight",
                             FEED_ASSUMPTIONS["share_weight"] if share_weight is None else share_weight)
    soft = validate.number("simulate_feed", "softness",
                           FEED_ASSUMPTIONS["softness"] if softness is None else softness, positive=True)
    score = _feed_score(h * d, s, weight)
    reached = [1.0]
    for bar in limits:
        reached.append(reached[-1] / (1 + math.exp(-(score - bar) / soft)))
    table = pd.DataFrame({"stage": range(1, len(sizes) + 1), "audience": sizes, "reached": reached})
    table["expected_viewers"] = table["audience"] * table["reached"]
    table.attrs["score"] = round(score, 10)
    return table


# ---------------------------------------------------------------- charts

def retention_figure(curves: Mapping[str, pd.Series], title: str = "Retention curves",
                     simulated: bool = False) -> go.Figure:
    """Retention curves on one chart (share still watching by second), one colour each."""
    validate.items("retention_figure", "curves", curves, what="a dict {name: retention_curve(...)}", empty=False)
    fig = go.Figure()
    for i, (name, curve) in enumerate(curves.items()):
        curve = retention_curve(curve)
        fig.add_trace(go.Scatter(x=curve.index, y=curve.to_numpy() * 100, mode="lines", name=str(name),
                                 line={"color": OKABE_ITO[i % len(OKABE_ITO)], "width": 3,
                                       "dash": ["solid", "dash", "dot", "dashdot"][i % 4]}))
    full_title = f"{title} (simulated)" if simulated and "simulated" not in title else title
    fig.update_layout(title=full_title, xaxis_title="Second of the video",
                      yaxis_title="Plays still watching (%)", yaxis_range=[0, 105], legend_title_text="Video")
    return fig


def feed_figure(table: pd.DataFrame, title: str | None = None) -> go.Figure:
    """The toy feed's expected viewers per stage (log scale), from :func:`simulate_feed`."""
    fig = go.Figure(go.Bar(x=[f"stage {s}<br>({a:,} people)" for s, a in zip(table["stage"], table["audience"], strict=True)],
                           y=table["expected_viewers"], marker_color=OKABE_ITO[0],
                           text=[f"{p:.0%}" for p in table["reached"]], textposition="outside",
                           hovertemplate="%{x}<br>expected viewers %{y:,.0f}<extra></extra>"))
    total = float(table["expected_viewers"].sum())
    fig.update_layout(title=title or f"Toy feed model: about {total:,.0f} expected viewers (not a platform's "
                                     "real algorithm)",
                      xaxis_title="Stage of distribution (audience shown the video)",
                      yaxis_title="Expected viewers (log scale)", yaxis_type="log")
    return fig
