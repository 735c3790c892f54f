"""The Pitfalls chapter's logic: bot spikes, ignored comments, over-posting,
viral decay, hard selling and an account audit.

Bought followers
    :func:`detect_follower_spikes` (robust z-score), :func:`precision_recall` / :class:`Detection`
Ignored comments
    :func:`generate_comments`, :func:`response_summary`
Over-posting
    :func:`fatigue_numbers` / :class:`FatigueResult`, :func:`fatigue_curve`,
    :func:`fatigue_figure`, :func:`fatigue_simulator` (widget: ``smmlib.widgets.pitfalls``)
Viral post vs SEO article
    :func:`viral_vs_seo`, :func:`viral_lifetime_days`, :func:`crossover_day`,
    :func:`viral_seo_figure`, :func:`viral_seo_simulator` (widget: ``smmlib.widgets.pitfalls``)
Hard selling
    :func:`engagement_by_category`, :func:`ad_share_curve`
Account audit
    :data:`MISTAKES`, :data:`AUDIT_RULES`, :func:`generate_audit`, :func:`audit_findings`

The fatigue and decay models are teaching models: practitioners' rules of thumb
("1-2 posts a day", "a viral post lives 2-3 days") turned into a few lines of
arithmetic, with parameters you can change. They are not measurements of any
platform.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import validate
from .platforms import ENGAGEMENTS, post_engagement_rate
from .viz import OKABE_ITO

__all__ = [
    "AUDIT_RULES",
    "MISTAKES",
    "Detection",
    "FatigueResult",
    "ad_share_curve",
    "audit_findings",
    "crossover_day",
    "detect_follower_spikes",
    "engagement_by_category",
    "fatigue_curve",
    "fatigue_figure",
    "fatigue_numbers",
    "generate_audit",
    "generate_comments",
    "precision_recall",
    "response_summary",
    "viral_lifetime_days",
    "viral_seo_figure",
    "viral_vs_seo",
]

#: MAD -> standard deviation for normally distributed data (1 / Phi^-1(3/4)).
MAD_TO_SD = 1.4826


# --------------------------------------------------------------------------- #
# Bot spikes                                                                  #
# --------------------------------------------------------------------------- #


def detect_follower_spikes(followers: pd.DataFrame | pd.Series | Sequence[float], column: str = "new_followers",
                           window: int = 15, threshold: float = 5.0) -> pd.DataFrame:
    """Flag days whose follower gain is far above normal, with a robust z-score.

    1. baseline = rolling median of the daily gain over ``window`` days, centred
       (shorter at the edges), so growth trends and weekly rhythm are followed;
    2. residual = gain - baseline;
    3. scale = 1.4826 * MAD of the residuals (median absolute deviation,
       scaled to match a standard deviation), computed over the whole series;
    4. score = residual / scale; a day is flagged when score > ``threshold``.

    Medians ignore the spikes themselves, unlike the mean and standard
    deviation, which a single big spike drags up so far that it hides itself.
    Only gains are flagged (bots add followers); unfollow days score negative.

    ``followers`` is a DataFrame with the ``column`` of daily gains (as from
    :func:`smmlib.generate.generate_followers`), a Series or a list. Returns a
    DataFrame with the same index: ``new_followers``, ``baseline``, ``score``,
    ``flagged`` (and ``date`` when the input has it).

    >>> gains = [10, 12, 9, 11, 10, 250, 11, 9, 12, 10, 11]
    >>> result = detect_follower_spikes(gains, window=5)
    >>> result.index[result["flagged"]].tolist()
    [5]
    >>> float(result.loc[5, "baseline"]), round(float(result.loc[5, "score"]), 1)   # (250 - 11) / (1.4826 * 1)
    (11.0, 161.2)
    """
    func = "detect_follower_spikes"
    window = validate.whole(func, "window", window, 3)
    threshold = validate.number(func, "threshold", threshold, positive=True)
    dates = None
    validate.instance(func, "followers", followers, (pd.DataFrame, pd.Series, list, tuple, np.ndarray),
                      "a DataFrame, a Series or a list of daily gains")
    if isinstance(followers, pd.DataFrame):
        if column not in followers.columns:
            raise KeyError(f"{func}(): the table has no column {column!r} (columns: {list(followers.columns)}); "
                           "pass column='your daily gain column' or a Series of daily gains")
        gains = followers[column]
        dates = followers["date"] if "date" in followers.columns else None
    elif isinstance(followers, pd.Series):
        gains = followers
    else:
        gains = pd.Series(np.asarray(followers))
    try:
        gains = pd.to_numeric(gains).astype("float64")
    except (TypeError, ValueError):
        raise TypeError(f"{func}(): the daily gains must be numbers") from None
    if gains.isna().any():
        raise ValueError(f"{func}(): the daily gains have {int(gains.isna().sum())} missing value(s); "
                         "fill or drop them first (e.g. gains.fillna(0))")
    if len(gains) < 3:
        raise ValueError(f"{func}(): need at least 3 days of data, got {len(gains)}")
    baseline = gains.rolling(window, center=True, min_periods=1).median()
    residual = gains - baseline
    mad = float(np.median(np.abs(residual - np.median(residual))))
    scale = MAD_TO_SD * mad
    if scale == 0:  # more than half the days equal their baseline: fall back to the mean deviation
        scale = float(np.mean(np.abs(residual))) or 1.0
    score = residual / scale
    out = pd.DataFrame({"new_followers": gains, "baseline": baseline, "score": score,
                        "flagged": score > threshold}, index=gains.index)
    if dates is not None:
        out.insert(0, "date", dates)
    return out


@dataclass(frozen=True)
class Detection:
    """How well a set of flagged items matches the truth."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        """Share of flagged items that are real; 1.0 when nothing was flagged (no false alarm)."""
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        """Share of real items that were flagged; 1.0 when there was nothing to find."""
        real = self.true_positives + self.false_negatives
        return self.true_positives / real if real else 1.0


def _as_set(func: str, name: str, values: object) -> set:
    if isinstance(values, (pd.Series, np.ndarray)) and values.dtype == bool:
        index = values.index if isinstance(values, pd.Series) else range(len(values))
        return {i for i, v in zip(index, values, strict=True) if v}
    items = validate.items(func, name, values, what="a list/set of flagged items or a boolean Series")
    if items and all(isinstance(v, (bool, np.bool_)) for v in items):
        return {i for i, v in enumerate(items) if v}
    return {v.item() if isinstance(v, np.generic) else v for v in items}


def precision_recall(predicted: object, actual: object) -> Detection:
    """Compare flagged items with the true ones: precision = TP / flagged, recall = TP / real.

    Both arguments are collections of items (day numbers, dates, ...) or
    boolean arrays/Series of the same length (True = flagged / real).

    >>> d = precision_recall([3, 10, 40], [3, 10, 77, 90])
    >>> d.true_positives, d.false_positives, d.false_negatives
    (2, 1, 2)
    >>> round(d.precision, 3), d.recall                   # 2 / 3 and 2 / 4
    (0.667, 0.5)
    """
    func = "precision_recall"
    pred = _as_set(func, "predicted", predicted)
    real = _as_set(func, "actual", actual)
    return Detection(len(pred & real), len(pred - real), len(real - pred))


# --------------------------------------------------------------------------- #
# Comments and response                                                       #
# --------------------------------------------------------------------------- #

# Platform -> (chance a comment gets an answer, median response hours) of the imaginary brand.
_RESPONSE = {"facebook": (0.8, 3.0), "instagram": (0.65, 6.0), "telegram": (0.85, 1.5),
             "tiktok": (0.35, 20.0), "vk": (0.7, 5.0)}
_COMMENT_WEIGHT = {"facebook": 0.2, "instagram": 0.3, "telegram": 0.15, "tiktok": 0.2, "vk": 0.15}
_COMMENT_KINDS = ("question", "complaint", "praise", "other")


def generate_comments(seed: int = 0, n_comments: int = 400, start: str = "2025-01-06",
                      weeks: int = 12) -> pd.DataFrame:
    """Generate comments on a brand's posts and whether/when the brand answered.

    Columns: ``comment_id`` ("C0001", ... in time order), ``platform``, ``kind``
    (question, complaint, praise, other), ``posted_at``, ``answered`` (bool),
    ``response_hours`` (hours to the first answer, NaN when unanswered).

    Built-in effects: answer rates and speeds differ by platform (TikTok is
    neglected), questions and complaints are answered more often than praise,
    weekend comments wait about twice as long, and response times are
    heavy-tailed (most answers come quickly, a few after days) -- which is why
    the median, not the mean, describes a typical wait.

    >>> c = generate_comments(seed=1, n_comments=50)
    >>> c.shape, bool(c.loc[~c["answered"], "response_hours"].isna().all())
    ((50, 6), True)
    """
    func = "generate_comments"
    rng = np.random.default_rng(validate.whole(func, "seed", seed, 0))
    n = validate.whole(func, "n_comments", n_comments, 1)
    weeks = validate.whole(func, "weeks", weeks, 1)
    start_day = validate.date(func, "start", start).normalize()
    names = np.array(list(_COMMENT_WEIGHT))
    weights = np.array(list(_COMMENT_WEIGHT.values()))
    platform = rng.choice(names, size=n, p=weights / weights.sum())
    kind = rng.choice(np.array(_COMMENT_KINDS), size=n, p=[0.35, 0.15, 0.3, 0.2])
    minutes = np.sort(rng.integers(0, weeks * 7 * 1440, size=n))
    posted = start_day + pd.to_timedelta(minutes, unit="min")
    weekend = np.asarray(posted.day_of_week) >= 5
    base_rate = np.array([_RESPONSE[p][0] for p in platform])
    kind_factor = np.select([kind == "question", kind == "complaint", kind == "praise"], [1.1, 1.15, 0.75], 0.8)
    answered = rng.random(n) < np.clip(base_rate * kind_factor, 0, 0.98)
    median_hours = np.array([_RESPONSE[p][1] for p in platform]) * np.where(weekend, 2.0, 1.0)
    hours = np.round(median_hours * rng.lognormal(0.0, 1.0, n), 2)
    hours = np.maximum(hours, 0.05)
    return pd.DataFrame({
        "comment_id": [f"C{i:0{max(4, len(str(n)))}d}" for i in range(1, n + 1)],
        "platform": platform.astype(str),
        "kind": kind.astype(str),
        "posted_at": np.asarray(posted, dtype="datetime64[us]"),
        "answered": answered,
        "response_hours": np.where(answered, hours, np.nan),
    })


def response_summary(comments: pd.DataFrame, by: str | None = None, within_hours: float = 24.0) -> pd.DataFrame:
    """Response rate and response time of comments, overall or per group.

    - ``comments``: number of comments;
    - ``response_rate`` = answered comments / all comments;
    - ``median_response_hours``: median hours to the answer, answered comments only;
    - ``answered_within`` = comments answered within ``within_hours`` / all comments.

    Needs the columns ``answered`` (bool) and ``response_hours`` (NaN when
    unanswered). ``by`` (e.g. ``"platform"``) gives one row per group; without
    it there is one row labelled ``"all"``.

    >>> df = pd.DataFrame({"answered": [True, True, True, False],
    ...                    "response_hours": [1.0, 2.0, 30.0, float("nan")]})
    >>> response_summary(df).iloc[0].to_dict()        # 3/4, median(1, 2, 30), 2/4
    {'comments': 4.0, 'response_rate': 0.75, 'median_response_hours': 2.0, 'answered_within': 0.5}
    """
    func = "response_summary"
    validate.instance(func, "comments", comments, pd.DataFrame, "a pandas DataFrame")
    needed = ["answered", "response_hours"] + ([by] if by is not None else [])
    missing = [c for c in needed if c not in comments.columns]
    if missing:
        raise KeyError(f"{func}(): comments has no column(s) {missing}; it has {list(comments.columns)}")
    within_hours = validate.number(func, "within_hours", within_hours, positive=True)
    answered = comments["answered"].astype(bool)
    hours = comments["response_hours"].astype("float64")
    if (answered & hours.isna()).any():
        raise ValueError(f"{func}(): some answered comments have no response_hours; fill them in")
    frame = pd.DataFrame({"group": comments[by] if by is not None else "all", "answered": answered,
                          "hours": hours.where(answered),
                          "fast": answered & (hours <= within_hours)})
    grouped = frame.groupby("group", sort=True)
    table = pd.DataFrame({
        "comments": grouped.size().astype("int64"),
        "response_rate": grouped["answered"].mean(),
        "median_response_hours": grouped["hours"].median(),
        "answered_within": grouped["fast"].mean(),
    })
    table.index.name = by or "group"
    return table


# --------------------------------------------------------------------------- #
# Over-posting: a feed-fatigue model                                          #
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class FatigueResult:
    """One day of an account posting ``posts_per_day`` times (expected values)."""

    posts_per_day: float
    followers: float
    reach_per_post: float
    daily_reach: float
    new_followers: float
    unfollows: float

    @property
    def net_growth(self) -> float:
        """New followers minus unfollows per day."""
        return self.new_followers - self.unfollows


def fatigue_numbers(posts_per_day: float, followers: float = 10_000, reach_share: float = 0.06,
                    saturation: float = 2.0, discovery: float = 0.02, fatigue: float = 0.00015) -> FatigueResult:
    """A teaching model of feed fatigue: what one more post a day buys and costs.

    - reach per post = followers * reach_share / (1 + posts_per_day / saturation):
      the feed shows a page's followers only so many of its posts, so each extra
      post is seen by fewer people;
    - daily reach = posts_per_day * reach per post (grows, but levels off);
    - new followers = discovery * daily reach (people who see good posts follow);
    - unfollows = fatigue * followers * posts_per_day²: annoyance grows faster
      than the number of posts.

    The default parameters were chosen so that net growth peaks near 1-2 posts
    a day and turns negative past 3 -- the practitioners' "why not 3 posts a
    day" (source 000) and source 002's 1-2 posts a day. The model therefore
    illustrates the rule; it is no evidence for it.

    >>> r = fatigue_numbers(2, followers=10_000)
    >>> r.reach_per_post, r.daily_reach, r.new_followers, r.unfollows, r.net_growth
    (300.0, 600.0, 12.0, 6.0, 6.0)
    """
    func = "fatigue_numbers"
    ppd = validate.number(func, "posts_per_day", posts_per_day)
    followers = validate.number(func, "followers", followers)
    reach_share = validate.number(func, "reach_share", reach_share, fraction=True)
    saturation = validate.number(func, "saturation", saturation, positive=True)
    discovery = validate.number(func, "discovery", discovery, fraction=True)
    fatigue = validate.number(func, "fatigue", fatigue, fraction=True)
    per_post = followers * reach_share / (1 + ppd / saturation)
    daily = ppd * per_post
    return FatigueResult(ppd, followers, per_post, daily, discovery * daily, fatigue * followers * ppd**2)


def fatigue_curve(rates: Sequence[float] | None = None, **params: float) -> pd.DataFrame:
    """:func:`fatigue_numbers` for several posting rates, as a table (one row per rate).

    >>> t = fatigue_curve([1, 2, 3, 4])
    >>> t["net_growth"].round(1).tolist()
    [6.5, 6.0, 0.9, -8.0]
    """
    rates = list(np.round(np.arange(0.0, 6.01, 0.25), 2)) if rates is None else list(rates)
    rows = [fatigue_numbers(r, **params) for r in rates]
    return pd.DataFrame({
        "posts_per_day": [r.posts_per_day for r in rows],
        "reach_per_post": [r.reach_per_post for r in rows],
        "daily_reach": [r.daily_reach for r in rows],
        "new_followers": [r.new_followers for r in rows],
        "unfollows": [r.unfollows for r in rows],
        "net_growth": [r.net_growth for r in rows],
    })


def fatigue_figure(curve: pd.DataFrame, current: FatigueResult | None = None) -> go.Figure:
    """Two panels: reach per post, and new followers / unfollows / net growth, by posts per day."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=("Reach per post", "Followers gained and lost per day"))
    x = curve["posts_per_day"]
    fig.add_trace(go.Scatter(x=x, y=curve["reach_per_post"], name="Reach per post",
                             line={"color": OKABE_ITO[0]}), row=1, col=1)
    for column, label, colour, dash in (("new_followers", "New followers", OKABE_ITO[2], "dot"),
                                        ("unfollows", "Unfollows", OKABE_ITO[5], "dash"),
                                        ("net_growth", "Net growth", OKABE_ITO[7], "solid")):
        fig.add_trace(go.Scatter(x=x, y=curve[column], name=label, line={"color": colour, "dash": dash}),
                      row=1, col=2)
    if current is not None:
        fig.add_trace(go.Scatter(x=[current.posts_per_day], y=[current.net_growth], mode="markers",
                                 name="Your posting rate", marker={"size": 12, "color": OKABE_ITO[1],
                                                                   "symbol": "diamond"}), row=1, col=2)
    fig.add_hline(y=0, line={"color": "grey", "width": 1}, row=1, col=2)
    fig.update_xaxes(title_text="Posts per day")
    fig.update_yaxes(title_text="People reached", row=1, col=1)
    fig.update_yaxes(title_text="Followers per day", row=1, col=2)
    best = curve.loc[curve["net_growth"].idxmax(), "posts_per_day"]
    fig.update_layout(title=f"Feed fatigue (teaching model, invented parameters): net growth peaks at {best:g} posts a day",
                      height=400, legend={"orientation": "h", "y": -0.25})
    return fig


def fatigue_text(r: FatigueResult) -> str:
    """One sentence describing a :class:`FatigueResult` (the simulator's summary line)."""
    trend = "grows" if r.net_growth > 0.05 else "shrinks" if r.net_growth < -0.05 else "stands still"
    return (f"In the teaching model (invented parameters), {r.posts_per_day:g} posts a day: each post reaches "
            f"about {r.reach_per_post:,.0f} people, "
            f"+{r.new_followers:,.1f} new followers and -{r.unfollows:,.1f} unfollows a day, "
            f"so the audience {trend} by {r.net_growth:+,.1f} a day ({30 * r.net_growth:+,.0f} in 30 days).")


# --------------------------------------------------------------------------- #
# Viral post vs SEO article                                                   #
# --------------------------------------------------------------------------- #


def viral_lifetime_days(half_life_days: float, share: float = 0.95) -> float:
    """Days until a viral post has collected ``share`` of all the visits it will ever get.

    With exponential decay of half-life h the remaining share after t days is
    0.5 ** (t / h), so t = h * log2(1 / (1 - share)).

    >>> round(viral_lifetime_days(0.5), 2)          # 0.5 * log2(20)
    2.16
    """
    func = "viral_lifetime_days"
    half_life = validate.number(func, "half_life_days", half_life_days, positive=True)
    share = validate.number(func, "share (decay never fully ends)", share, below=1)
    return half_life * math.log2(1 / (1 - share))


def viral_vs_seo(days: int = 180, viral_visits: float = 5_000, half_life_days: float = 0.5,
                 seo_daily: float = 40, seo_ramp_days: float = 20) -> pd.DataFrame:
    """Daily and cumulative visits from one viral post and one search-optimised article.

    - viral: ``viral_visits`` in total, decaying exponentially with half-life
      ``half_life_days``: day t gets viral_visits * (1 - q) * q**t with q = 0.5 ** (1 / half-life);
    - SEO: daily visits ramp up to ``seo_daily`` as the article climbs in search:
      seo_daily * (1 - exp(-(t + 1) / seo_ramp_days)), and keep coming.

    Columns: ``day`` (0-based), ``viral``, ``seo``, ``viral_cumulative``, ``seo_cumulative``.

    >>> t = viral_vs_seo(days=3, viral_visits=1000, half_life_days=1, seo_daily=10, seo_ramp_days=1)
    >>> t["viral"].tolist()                          # 1000 * 0.5 * 0.5**t
    [500.0, 250.0, 125.0]
    >>> t["seo"].round(2).tolist()                   # 10 * (1 - e**-(t+1))
    [6.32, 8.65, 9.5]
    """
    func = "viral_vs_seo"
    days = validate.whole(func, "days", days, 1)
    viral_visits = validate.number(func, "viral_visits", viral_visits)
    half_life = validate.number(func, "half_life_days", half_life_days, positive=True)
    seo_daily = validate.number(func, "seo_daily", seo_daily)
    ramp = validate.number(func, "seo_ramp_days", seo_ramp_days, positive=True)
    t = np.arange(days)
    q = 0.5 ** (1 / half_life)
    viral = viral_visits * (1 - q) * q**t
    seo = seo_daily * (1 - np.exp(-(t + 1) / ramp))
    return pd.DataFrame({"day": t, "viral": viral, "seo": seo,
                         "viral_cumulative": np.cumsum(viral), "seo_cumulative": np.cumsum(seo)})


def crossover_day(table: pd.DataFrame) -> int | None:
    """First day on which the SEO article's cumulative visits reach the viral post's (None if never).

    >>> crossover_day(viral_vs_seo(days=180))        # 5000 viral visits vs 40 a day
    144
    """
    reached = table.index[table["seo_cumulative"] >= table["viral_cumulative"]]
    return int(table.loc[reached[0], "day"]) if len(reached) else None


def viral_seo_figure(table: pd.DataFrame) -> go.Figure:
    """Cumulative visits of the viral post and the SEO article, with the crossover day marked."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=table["day"], y=table["viral_cumulative"], name="Viral post",
                             line={"color": OKABE_ITO[5]}))
    fig.add_trace(go.Scatter(x=table["day"], y=table["seo_cumulative"], name="SEO article",
                             line={"color": OKABE_ITO[0], "dash": "dash"}))
    day = crossover_day(table)
    if day is not None:
        fig.add_vline(x=day, line={"color": "grey", "dash": "dot"},
                      annotation_text=f"SEO catches up on day {day}")
    where = f"catches up on day {day}" if day is not None else f"has not caught up in {len(table)} days"
    fig.update_layout(title=f"Viral post vs SEO article: the article {where}",
                      xaxis_title="Days since publishing", yaxis_title="Cumulative visits", height=380)
    return fig


def viral_seo_text(table: pd.DataFrame, half_life: float) -> str:
    """One sentence comparing the viral post and the SEO page (the simulator's summary line)."""
    day = crossover_day(table)
    catch = f"overtakes it on day {day}" if day is not None else f"has not overtaken it after {len(table)} days"
    return (f"The viral post collects 95% of its {table['viral'].sum():,.0f} visits in "
            f"{viral_lifetime_days(half_life):.1f} days; the SEO article {catch} "
            f"and has {table['seo_cumulative'].iloc[-1]:,.0f} visits by day {len(table) - 1}.")


# --------------------------------------------------------------------------- #
# Hard selling                                                                #
# --------------------------------------------------------------------------- #


def engagement_by_category(posts: pd.DataFrame) -> pd.DataFrame:
    """Median per-post engagement rate (likes + comments + shares) / reach per content category.

    Columns: ``posts``, ``median_rate``; sorted by ``median_rate``, best first.

    >>> df = pd.DataFrame({"category": ["advertising", "engaging", "engaging"], "likes": [1, 6, 8],
    ...                    "comments": [0, 0, 0], "shares": [0, 0, 0], "reach": [100, 100, 100]})
    >>> engagement_by_category(df)["median_rate"].to_dict()
    {'engaging': 0.07, 'advertising': 0.01}
    """
    if not isinstance(posts, pd.DataFrame) or "category" not in posts.columns:
        raise KeyError("engagement_by_category(): posts must be a DataFrame with a 'category' column")
    frame = pd.DataFrame({"category": posts["category"], "rate": post_engagement_rate(posts, ENGAGEMENTS)})
    grouped = frame.groupby("category")["rate"]
    table = pd.DataFrame({"posts": grouped.size().astype("int64"), "median_rate": grouped.median()})
    return table.sort_values("median_rate", ascending=False, kind="stable")


def ad_share_curve(ad_rate: float, other_rate: float, shares: Sequence[float] | None = None) -> pd.DataFrame:
    """Expected engagement rate of a feed with a given share of advertising posts.

    rate(s) = s * ad_rate + (1 - s) * other_rate, for each advertising share s.

    >>> ad_share_curve(0.01, 0.05, [0.05, 0.5])["rate"].round(3).tolist()   # 0.05*0.01 + 0.95*0.05
    [0.048, 0.03]
    """
    func = "ad_share_curve"
    ad_rate = validate.number(func, "ad_rate", ad_rate, fraction=True)
    other_rate = validate.number(func, "other_rate", other_rate, fraction=True)
    values = np.round(np.linspace(0, 1, 21), 2) if shares is None else np.asarray(list(shares), dtype=float)
    if ((values < 0) | (values > 1)).any():
        raise ValueError(f"{func}(): shares are fractions in [0, 1], got {values.tolist()}")
    return pd.DataFrame({"ad_share": values, "rate": values * ad_rate + (1 - values) * other_rate})


# --------------------------------------------------------------------------- #
# Account audit                                                               #
# --------------------------------------------------------------------------- #

#: Mistakes an audit can see in the numbers (codes used by the exercises).
MISTAKES: dict[str, str] = {
    "overposting": "no sense of rhythm: more posts than the audience wants",
    "hard_selling": "obvious sales psychology: too much advertising",
    "ignored_comments": "'who needs comments?': questions left unanswered or answered late",
    "bought_followers": "bots: follower spikes that organic growth does not explain",
    "everywhere_at_once": "on every network at once, none of them looked after",
    "no_long_term": "no long-term ownership: the account goes silent for weeks",
}

#: The thresholds :func:`audit_findings` applies. They are the course's own cut-offs (the sources give
#: rules of thumb, not audit thresholds), set between the sources' figures: a finding is a flag to check
#: with the client, not a verdict. Over-posting is judged per platform, because each feed is separate.
AUDIT_RULES: dict[str, str] = {
    "overposting": "posts_per_platform_week > 21 (more than 3 posts a day on each platform; source 002 says "
                   "1-2 a day, source 003 up to 5 a day on Facebook)",
    "hard_selling": "advertising_share > 0.2 (the content formula suggests about 0.05)",
    "ignored_comments": "response_rate < 0.5 or median_response_hours > 24",
    "bought_followers": "bot_spike_days >= 1",
    "everywhere_at_once": "platforms >= 5 and posts_per_platform_week < 1",
    "no_long_term": "longest_silence_days > 14",
}


def audit_findings(audit: pd.Series | dict) -> list[str]:
    """The mistake codes (see :data:`MISTAKES`) an account's figures show, by :data:`AUDIT_RULES`.

    >>> audit_findings({"posts_per_day": 8, "advertising_share": 0.1, "response_rate": 0.9,
    ...                 "median_response_hours": 30, "bot_spike_days": 0, "platforms": 2,
    ...                 "posts_per_platform_week": 28, "longest_silence_days": 2})
    ['ignored_comments', 'overposting']
    """
    figures = dict(audit)
    needed = ["posts_per_day", "advertising_share", "response_rate", "median_response_hours",
              "bot_spike_days", "platforms", "posts_per_platform_week", "longest_silence_days"]
    missing = [k for k in needed if k not in figures]
    if missing:
        raise KeyError(f"audit_findings(): the audit lacks {missing}; see generate_audit() for the fields")
    rules = {
        "overposting": figures["posts_per_platform_week"] > 21,
        "hard_selling": figures["advertising_share"] > 0.2,
        "ignored_comments": figures["response_rate"] < 0.5 or figures["median_response_hours"] > 24,
        "bought_followers": figures["bot_spike_days"] >= 1,
        "everywhere_at_once": figures["platforms"] >= 5 and figures["posts_per_platform_week"] < 1,
        "no_long_term": figures["longest_silence_days"] > 14,
    }
    return sorted(code for code, hit in rules.items() if hit)


def generate_audit(seed: int = 0) -> pd.Series:
    """One imaginary account's audit figures, with one to four planted mistakes.

    Fields: ``posts_per_day``, ``advertising_share``, ``response_rate``,
    ``median_response_hours``, ``bot_spike_days``, ``platforms``,
    ``posts_per_platform_week``, ``longest_silence_days``. Healthy values sit
    well inside the rules of :data:`AUDIT_RULES`, broken ones well outside, so
    the diagnosis does not hinge on rounding.

    >>> a = generate_audit(seed=3)
    >>> 1 <= len(audit_findings(a)) <= 4
    True
    """
    rng = np.random.default_rng(validate.whole("generate_audit", "seed", seed, 0))
    codes = list(MISTAKES)
    planted = set(rng.choice(codes, size=int(rng.integers(2, 5)), replace=False).tolist())
    if {"overposting", "everywhere_at_once"} <= planted:  # cannot both show: many posts vs few per network
        planted.discard(str(rng.choice(["overposting", "everywhere_at_once"])))
    if "everywhere_at_once" in planted:
        platforms = int(rng.integers(5, 8))
        per_platform_week = round(float(rng.uniform(0.2, 0.8)), 1)
        posts_per_day = round(per_platform_week * platforms / 7, 2)
    else:
        overposting = "overposting" in planted
        platforms = int(rng.integers(1, 3) if overposting else rng.integers(1, 4))
        per_platform_day = float(rng.uniform(4, 8) if overposting else rng.uniform(0.3, 1.8))
        posts_per_day = round(per_platform_day * platforms, 2)
        per_platform_week = round(posts_per_day * 7 / platforms, 1)
    ignored = "ignored_comments" in planted
    slow = ignored and rng.random() < 0.5
    return pd.Series({
        "posts_per_day": posts_per_day,
        "advertising_share": round(float(rng.uniform(0.35, 0.7) if "hard_selling" in planted
                                         else rng.uniform(0.02, 0.12)), 2),
        "response_rate": round(float(rng.uniform(0.1, 0.4) if ignored and not slow else rng.uniform(0.7, 0.95)), 2),
        "median_response_hours": round(float(rng.uniform(30, 90) if slow else rng.uniform(0.5, 8)), 1),
        "bot_spike_days": int(rng.integers(2, 6)) if "bought_followers" in planted else 0,
        "platforms": platforms,
        "posts_per_platform_week": per_platform_week,
        "longest_silence_days": int(rng.integers(20, 60)) if "no_long_term" in planted else int(rng.integers(1, 6)),
    }, name="audit", dtype=object)
