"""The Platforms chapter's logic: organic reach, platform fit, posting time, best format.

Organic reach and boosting
    :func:`organic_reach_share`, :func:`reach_numbers` / :class:`ReachResult`,
    :func:`reach_summary`, :func:`reach_figure`, :func:`reach_simulator` (widget: ``smmlib.widgets.platforms``)
Choosing a platform for an audience
    :class:`Persona`, :data:`PLATFORM_PROFILES`, :func:`score_platforms`
When to post
    :func:`post_engagement_rate`, :func:`posting_time_table`, :func:`heatmap_figure`,
    :func:`best_posting_hour`
Which format works (with few posts)
    :func:`format_ranking` (a bootstrap over posts), :func:`best_format`;
    :func:`pooled_format_ranking` is the wrong pooled-Wilson method, kept to show why

The platform profiles are broad, present-day teaching assumptions, not
measurements: audiences shift every year and differ by country, so check the
networks' own audience statistics for your market before you commit a budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import metrics, validate
from .viz import OKABE_ITO, SEQUENTIAL

__all__ = [
    "AGE_GROUPS",
    "ENGAGEMENTS",
    "GOALS",
    "PLATFORM_PROFILES",
    "WEEKDAYS",
    "Persona",
    "PlatformProfile",
    "ReachResult",
    "best_format",
    "best_posting_hour",
    "format_ranking",
    "pooled_format_ranking",
    "heatmap_figure",
    "organic_reach_share",
    "platform_fit_figure",
    "post_engagement_rate",
    "posting_time_figure",
    "posting_time_table",
    "reach_figure",
    "reach_numbers",
    "reach_summary",
    "score_platforms",
]

#: The interactions counted as engagement in this chapter (same as the Metrics chapter).
ENGAGEMENTS: tuple[str, ...] = ("likes", "comments", "shares")
WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Block lengths (hours) that divide a day evenly, for :func:`posting_time_table`.
HOUR_BINS: tuple[int, ...] = (1, 2, 3, 4, 6, 8, 12, 24)


# --------------------------------------------------------------------------- #
# Organic reach and boosting                                                  #
# --------------------------------------------------------------------------- #


def organic_reach_share(seen: float, followers: float) -> float:
    """Organic reach share = people who saw a post without ads / followers.

    Source 000's example: of 862 followers only 17 saw a post, about 2 %.

    >>> round(organic_reach_share(17, 862), 4)        # 17 / 862
    0.0197
    """
    func = "organic_reach_share"
    seen = validate.number(func, "seen", seen)
    followers = validate.number(func, "followers", followers, positive=True)
    return seen / followers


@dataclass(frozen=True)
class ReachResult:
    """People reached by one post: organically, through a paid boost, and in total.

    Organic and paid reach can overlap: a boost aimed at the page's followers
    (or at people like them) also reaches some who saw the post organically.
    ``overlap`` is the share of the organic viewers whom the boost reaches too;
    they are counted once in ``total_reach``. ``overlap = 0`` is the assumption
    that the boost reaches only new people, so the two reaches simply add up.
    """

    followers: float
    organic_share: float
    budget: float
    cpm: float
    frequency: float
    organic_reach: float
    paid_impressions: float
    paid_reach: float
    overlap: float = 0.0

    @property
    def in_both(self) -> float:
        """People reached both organically and by the boost (counted once in the total)."""
        return min(self.overlap * self.organic_reach, self.paid_reach)

    @property
    def total_reach(self) -> float:
        """Unique people reached: organic + paid - those reached both ways."""
        return self.organic_reach + self.paid_reach - self.in_both

    @property
    def cost_per_person(self) -> float:
        """Budget per person reached by the boost (NaN without a boost)."""
        return self.budget / self.paid_reach if self.paid_reach > 0 else float("nan")


def reach_numbers(followers: float, organic_share: float, budget: float = 0.0, cpm: float = 5.0,
                  frequency: float = 1.5, overlap: float = 0.0) -> ReachResult:
    """How many people one post reaches, organically and with a paid boost.

    organic reach = followers * organic_share;
    paid impressions = budget / cpm * 1000 (CPM = price of 1000 impressions);
    paid reach = paid impressions / frequency (each person sees an ad ``frequency`` times);
    total = organic + paid - overlap * organic (people reached both ways count once;
    ``overlap`` is the share of organic viewers the boost also reaches, 0 by default).

    >>> r = reach_numbers(862, 0.02, budget=10, cpm=4, frequency=1.25)
    >>> round(r.organic_reach, 2), r.paid_impressions, r.paid_reach, round(r.total_reach, 2)
    (17.24, 2500.0, 2000.0, 2017.24)
    >>> round(reach_numbers(862, 0.02, budget=10, cpm=4, frequency=1.25, overlap=0.5).total_reach, 2)
    2008.62
    """
    func = "reach_numbers"
    followers = validate.number(func, "followers", followers)
    organic_share = validate.number(func, "organic_share", organic_share, fraction=True)
    budget = validate.number(func, "budget", budget)
    cpm = validate.number(func, "cpm", cpm, positive=True)
    frequency = validate.number(func, "frequency", frequency, minimum=1.0)
    overlap = validate.number(func, "overlap", overlap, fraction=True)
    impressions = budget / cpm * 1000
    return ReachResult(followers, organic_share, budget, cpm, frequency,
                       organic_reach=followers * organic_share,
                       paid_impressions=impressions, paid_reach=impressions / frequency, overlap=overlap)


def reach_summary(result: ReachResult, currency: str = "currency units") -> str:
    """One plain line describing ``result`` (shown under the simulator's sliders).

    >>> print(reach_summary(reach_numbers(862, 0.02)))
    Of 862 followers about 17 (2.0%) see the post organically; no boost. Total: 17 people.
    """
    head = (f"Of {result.followers:,.0f} followers about {result.organic_reach:,.0f} "
            f"({result.organic_share:.1%}) see the post organically; ")
    if result.budget == 0:
        boost = "no boost."
    else:
        boost = (f"a boost of {result.budget:,.0f} {currency} at CPM {result.cpm:g} buys "
                 f"{result.paid_impressions:,.0f} impressions = about {result.paid_reach:,.0f} people "
                 f"({result.cost_per_person:.3f} {currency} per person)")
        boost += (f"; about {result.in_both:,.0f} of them had already seen it organically and count once."
                  if result.overlap > 0 else "; assumed none had seen it organically.")
    return f"{head}{boost} Total: {result.total_reach:,.0f} people."


def reach_figure(result: ReachResult) -> go.Figure:
    """Bar chart: followers, organic reach, paid reach and total reach of one post."""
    labels = ["Followers", "Organic reach", "Paid reach", "Reached both ways", "Total reach (unique)"]
    values = [result.followers, result.organic_reach, result.paid_reach, result.in_both, result.total_reach]
    fig = go.Figure(go.Bar(
        x=labels, y=values,
        marker={"color": [OKABE_ITO[7], OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[4], OKABE_ITO[2]]},
        text=[f"{v:,.0f}" for v in values], textposition="outside"))
    fig.update_layout(title=f"One post: {result.total_reach:,.0f} people reached "
                            f"({result.organic_reach:,.0f} organic + {result.paid_reach:,.0f} paid "
                            f"- {result.in_both:,.0f} reached both ways)",
                      xaxis_title="Audience", yaxis_title="People", height=380,
                      yaxis={"rangemode": "tozero"})
    return fig


# --------------------------------------------------------------------------- #
# Platform fit                                                                #
# --------------------------------------------------------------------------- #

AGE_GROUPS: tuple[str, ...] = ("13-17", "18-24", "25-34", "35-54", "55+")
GOALS: tuple[str, ...] = ("awareness", "sales", "community", "support", "traffic", "hiring")
CONTENT: tuple[str, ...] = ("short video", "long video", "photo", "text", "link")
REGIONS: tuple[str, ...] = ("global", "cis")


@dataclass(frozen=True)
class PlatformProfile:
    """Broad traits of one network used by :func:`score_platforms` (teaching assumptions).

    ``ages`` and ``goals`` map a value to a strength 0-2; ``content`` lists the
    formats the network is built around; ``b2b`` says decision makers are
    reachable there; ``regions`` where the network is widely used.
    """

    ages: dict[str, int]
    goals: dict[str, int]
    content: tuple[str, ...]
    b2b: bool
    regions: tuple[str, ...]
    note: str = ""


#: Present-day, deliberately coarse profiles (2020s). Regional: "cis" marks networks
#: that are big mainly in Russian-speaking markets. Not measurements -- update them.
PLATFORM_PROFILES: dict[str, PlatformProfile] = {
    "facebook": PlatformProfile(
        ages={"25-34": 2, "35-54": 2, "55+": 2, "18-24": 1},
        goals={"awareness": 2, "sales": 2, "community": 2, "traffic": 2, "support": 1},
        content=("photo", "text", "link", "short video", "long video"), b2b=False,
        regions=("global", "cis"), note="groups and paid targeting; an older audience than the newer networks"),
    "instagram": PlatformProfile(
        ages={"18-24": 2, "25-34": 2, "13-17": 1, "35-54": 1},
        goals={"awareness": 2, "sales": 2, "community": 1},
        content=("photo", "short video"), b2b=False, regions=("global", "cis"),
        note="visual-first: photos, reels, stories"),
    "tiktok": PlatformProfile(
        ages={"13-17": 2, "18-24": 2, "25-34": 1},
        goals={"awareness": 2, "community": 1},
        content=("short video",), b2b=False, regions=("global", "cis"),
        note="short vertical video; reach comes from the algorithm more than from followers"),
    "youtube": PlatformProfile(
        ages={"13-17": 2, "18-24": 2, "25-34": 2, "35-54": 2, "55+": 1},
        goals={"awareness": 2, "traffic": 1, "support": 1, "community": 1},
        content=("long video", "short video"), b2b=True, regions=("global", "cis"),
        note="video search: how-tos and reviews keep being found for years"),
    "telegram": PlatformProfile(
        ages={"18-24": 2, "25-34": 2, "35-54": 1},
        goals={"community": 2, "support": 2, "traffic": 2, "sales": 1},
        content=("text", "link", "photo"), b2b=True, regions=("global", "cis"),
        note="channels and chats; especially strong in Central Asia and Russian-speaking markets"),
    "vk": PlatformProfile(
        ages={"13-17": 2, "18-24": 2, "25-34": 2, "35-54": 1},
        goals={"community": 2, "sales": 1, "awareness": 1, "support": 1},
        content=("photo", "text", "short video", "link"), b2b=False, regions=("cis",),
        note="communities with discussions and albums; Russian-speaking markets only"),
    "odnoklassniki": PlatformProfile(
        ages={"35-54": 2, "55+": 2},
        goals={"community": 2, "awareness": 1},
        content=("photo", "text", "short video"), b2b=False, regions=("cis",),
        note="an older audience in Russian-speaking markets"),
    "linkedin": PlatformProfile(
        ages={"25-34": 2, "35-54": 2, "18-24": 1},
        goals={"hiring": 2, "awareness": 1, "traffic": 1},
        content=("text", "link", "photo"), b2b=True, regions=("global",),
        note="professionals and decision makers; B2B and hiring"),
}


@dataclass(frozen=True)
class Persona:
    """Who you want to reach: age group, goal, the content you can make, B2B or
    not, and region (``"global"`` or ``"cis"`` for Russian-speaking markets)."""

    age: str
    goal: str
    content: tuple[str, ...] = ("photo",)
    b2b: bool = False
    region: str = "global"
    name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        validate.choice("Persona", "age", self.age, AGE_GROUPS)
        validate.choice("Persona", "goal", self.goal, GOALS)
        validate.choice("Persona", "region", self.region, REGIONS)
        formats = validate.items("Persona", "content", self.content, what=f"a list of formats from {list(CONTENT)}",
                                 empty=False)
        object.__setattr__(self, "content", tuple(formats))
        for item in self.content:
            validate.choice("Persona", "each content format", item, CONTENT)


def score_platforms(persona: Persona) -> pd.DataFrame:
    """Rank platforms for a persona, with the reasons for each score.

    score = 2 * age strength (0-2) + goal strength (0-2) + 1 per content format
    the persona can make and the network is built around (at most 2)
    + 2 if B2B and the network reaches decision makers; a network not used in
    the persona's region scores 0 ("not used in this region"). Ties are broken
    by platform name. Columns: ``platform``, ``score``, ``reasons``; index = rank from 1.

    >>> ranked = score_platforms(Persona(age="55+", goal="community", content=["photo", "text"], region="cis"))
    >>> ranked.head(3)[["platform", "score"]].values.tolist()    # facebook: 2*2 + 2 + 2
    [['facebook', 8], ['odnoklassniki', 8], ['telegram', 4]]
    >>> ranked.loc[2, "reasons"]
    'age 55+ is a core audience; good for community; built for photo, text'
    """
    validate.instance("score_platforms", "persona", persona, Persona, "a Persona(...)")
    rows = []
    for name, profile in PLATFORM_PROFILES.items():
        if persona.region not in profile.regions:
            rows.append((name, 0, "not widely used in this region"))
            continue
        reasons = []
        age = profile.ages.get(persona.age, 0)
        goal = profile.goals.get(persona.goal, 0)
        formats = [c for c in persona.content if c in profile.content][:2]
        reasons.append({2: f"age {persona.age} is a core audience", 1: f"age {persona.age} is present",
                        0: f"few users aged {persona.age}"}[age])
        reasons.append({2: f"good for {persona.goal}", 1: f"usable for {persona.goal}",
                        0: f"weak for {persona.goal}"}[goal])
        reasons.append(f"built for {', '.join(formats)}" if formats else "not built for your formats")
        b2b = 2 if persona.b2b and profile.b2b else 0
        if persona.b2b:
            reasons.append("reaches decision makers" if profile.b2b else "few B2B decision makers")
        rows.append((name, 2 * age + goal + len(formats) + b2b, "; ".join(reasons)))
    table = pd.DataFrame(rows, columns=["platform", "score", "reasons"])
    table = table.sort_values(["score", "platform"], ascending=[False, True], kind="stable")
    table.index = pd.RangeIndex(1, len(table) + 1, name="rank")
    return table


def platform_fit_figure(ranked: pd.DataFrame, persona: Persona) -> go.Figure:
    """Horizontal bar chart of :func:`score_platforms` scores, best at the top."""
    fig = go.Figure(go.Bar(x=ranked["score"], y=ranked["platform"], orientation="h",
                           marker={"color": OKABE_ITO[0]}, customdata=ranked["reasons"],
                           hovertemplate="%{y}: %{x}<br>%{customdata}<extra></extra>"))
    fig.update_layout(title=f"Platform fit for age {persona.age}, goal: {persona.goal}",
                      xaxis_title="Fit score (higher is better)", yaxis_title="Platform",
                      yaxis={"autorange": "reversed"}, height=360)
    return fig


# --------------------------------------------------------------------------- #
# Posting time                                                                #
# --------------------------------------------------------------------------- #


def _check_posts(func: str, posts: object, *columns: str) -> pd.DataFrame:
    validate.instance(func, "posts", posts, pd.DataFrame, "a pandas DataFrame")
    missing = [c for c in columns if c not in posts.columns]
    if missing:
        raise KeyError(f"{func}(): posts has no column(s) {missing}; it has {list(posts.columns)}. "
                       "Use generate_posts(...) or rename your columns.")
    return posts


def post_engagement_rate(posts: pd.DataFrame, engagements: Sequence[str] = ENGAGEMENTS,
                         base: str = "reach") -> pd.Series:
    """Per-post engagement rate = (likes + comments + shares) / reach (NaN where reach is 0).

    >>> df = pd.DataFrame({"likes": [8, 0], "comments": [1, 0], "shares": [1, 0], "reach": [200, 0]})
    >>> post_engagement_rate(df).tolist()                  # (8 + 1 + 1) / 200
    [0.05, nan]
    """
    posts = _check_posts("post_engagement_rate", posts, base, *engagements)
    actions = posts[list(engagements)].astype("float64").sum(axis=1)
    rate = metrics.engagement_rate(actions, posts[base].astype("float64"))
    rate.name = "engagement_rate"
    return rate


def posting_time_table(posts: pd.DataFrame, platform: str | None = None, hour_bin: int = 1,
                       min_posts: int = 1, statistic: str = "median",
                       timestamp: str = "timestamp") -> pd.DataFrame:
    """Weekday x hour table of the median (or mean) per-post engagement rate, for a heatmap.

    Rows are ``WEEKDAYS`` (Mon..Sun), columns the start hour of each
    ``hour_bin``-hour block (``hour_bin`` divides 24: 1, 2, 3, 4, 6, 8, 12).
    Cells with fewer than ``min_posts`` posts are NaN: a single lucky post
    should not paint a cell bright. ``platform`` keeps only that platform's posts.

    >>> df = pd.DataFrame({"timestamp": pd.to_datetime(["2025-01-06 09:10", "2025-01-06 10:30",
    ...                                                 "2025-01-07 21:00"]),
    ...                    "likes": [10, 30, 5], "comments": [0, 0, 0], "shares": [0, 0, 0],
    ...                    "reach": [100, 100, 100]})
    >>> t = posting_time_table(df, hour_bin=3)
    >>> float(t.loc["Mon", 9]), float(t.loc["Tue", 21]), t.shape   # median of 0.1 and 0.3; one post
    (0.2, 0.05, (7, 8))
    """
    func = "posting_time_table"
    posts = _check_posts(func, posts, timestamp)
    hour_bin = validate.choice(func, "hour_bin", validate.whole(func, "hour_bin", hour_bin, 1), HOUR_BINS,
                               hint="(a whole number of hours that divides 24)")
    min_posts = validate.whole(func, "min_posts", min_posts, 1)
    validate.choice(func, "statistic", statistic, ("median", "mean"))
    if platform is not None:
        _check_posts(func, posts, "platform")
        if platform not in set(posts["platform"]):
            raise ValueError(f"{func}(): no posts on platform {platform!r}; platforms in the data: "
                             f"{', '.join(sorted(posts['platform'].unique()))}")
        posts = posts[posts["platform"] == platform]
    when = pd.to_datetime(posts[timestamp])
    frame = pd.DataFrame({
        "weekday": pd.Categorical.from_codes(when.dt.day_of_week.to_numpy(), categories=list(WEEKDAYS)),
        "hour": (when.dt.hour // hour_bin * hour_bin).to_numpy(),
        "rate": post_engagement_rate(posts).to_numpy(),
    })
    grouped = frame.groupby(["weekday", "hour"], observed=False)["rate"]
    values = grouped.agg(statistic).where(grouped.count() >= min_posts)
    table = values.unstack("hour").reindex(index=list(WEEKDAYS), columns=range(0, 24, hour_bin))
    table.index.name, table.columns.name = "weekday", "hour"
    return table.astype("float64")


def heatmap_figure(table: pd.DataFrame, title: str, hour_bin: int = 1) -> go.Figure:
    """A heatmap (cividis) of a :func:`posting_time_table`, engagement rate as a percentage."""
    labels = [f"{h:02d}:00" if hour_bin == 1 else f"{h:02d}-{h + hour_bin:02d}" for h in table.columns]
    fig = go.Figure(go.Heatmap(
        z=table.to_numpy() * 100, x=labels, y=list(table.index), colorscale=SEQUENTIAL,
        colorbar={"title": "ER %"}, hoverongaps=False,
        hovertemplate="%{y} %{x}: median ER %{z:.2f}%<extra></extra>"))
    fig.update_layout(title=title, xaxis_title="Hour of posting", yaxis_title="Weekday", height=360,
                      yaxis={"autorange": "reversed"})
    return fig


def posting_time_figure(posts: pd.DataFrame, platforms: Sequence[str] | None = None, hour_bin: int = 3,
                        min_posts: int = 3) -> go.Figure:
    """One weekday x hour heatmap per platform, stacked, on a shared cividis colour scale.

    Each panel is :func:`posting_time_table` for one platform; empty cells had
    fewer than ``min_posts`` posts.
    """
    from plotly.subplots import make_subplots

    _check_posts("posting_time_figure", posts, "platform")
    chosen = sorted(posts["platform"].unique()) if platforms is None else list(platforms)
    tables = [posting_time_table(posts, p, hour_bin=hour_bin, min_posts=min_posts) for p in chosen]
    labels = [f"{h:02d}-{h + hour_bin:02d}" for h in tables[0].columns]
    fig = make_subplots(rows=len(chosen), cols=1, shared_xaxes=True, subplot_titles=chosen,
                        vertical_spacing=0.04)
    for row, table in enumerate(tables, start=1):
        fig.add_trace(go.Heatmap(z=table.to_numpy() * 100, x=labels, y=list(table.index), coloraxis="coloraxis",
                                 hoverongaps=False, name=chosen[row - 1],
                                 hovertemplate="%{y} %{x}: median ER %{z:.2f}%<extra></extra>"), row=row, col=1)
        fig.update_yaxes(autorange="reversed", title_text="Weekday", row=row, col=1)
    fig.update_xaxes(title_text="Hour of posting", row=len(chosen), col=1)
    fig.update_layout(title="Median engagement rate by weekday and hour, per platform",
                      coloraxis={"colorscale": SEQUENTIAL, "colorbar": {"title": "ER %"}},
                      height=190 * len(chosen) + 80, xaxis_title="Hour of posting")
    return fig


def best_posting_hour(posts: pd.DataFrame, min_posts: int = 3, timestamp: str = "timestamp") -> pd.Series:
    """The hour of day (0-23) with the highest median engagement rate, per platform.

    Only hours with at least ``min_posts`` posts on that platform compete; ties
    go to the earlier hour. Returns a Series platform -> hour (int), sorted by platform.

    >>> df = pd.DataFrame({"platform": ["x"] * 4, "timestamp": pd.to_datetime(
    ...     ["2025-01-06 09:00", "2025-01-07 09:00", "2025-01-06 20:00", "2025-01-07 20:00"]),
    ...     "likes": [1, 3, 9, 1], "comments": [0] * 4, "shares": [0] * 4, "reach": [100] * 4})
    >>> best_posting_hour(df, min_posts=2).to_dict()          # medians: 9 h 0.02, 20 h 0.05
    {'x': 20}
    """
    func = "best_posting_hour"
    posts = _check_posts(func, posts, "platform", timestamp)
    min_posts = validate.whole(func, "min_posts", min_posts, 1)
    frame = pd.DataFrame({"platform": posts["platform"].to_numpy(),
                          "hour": pd.to_datetime(posts[timestamp]).dt.hour.to_numpy(),
                          "rate": post_engagement_rate(posts).to_numpy()})
    grouped = frame.groupby(["platform", "hour"])["rate"].agg(["median", "count"]).reset_index()
    grouped = grouped[grouped["count"] >= min_posts]
    missing = sorted(set(frame["platform"]) - set(grouped["platform"]))
    if missing:
        raise ValueError(f"{func}(): platform(s) {missing} have no hour with {min_posts} posts; "
                         "lower min_posts or use more data")
    grouped = grouped.sort_values(["platform", "median", "hour"], ascending=[True, False, True], kind="stable")
    best = grouped.groupby("platform")["hour"].first().astype("int64")
    best.name = "best_hour"
    return best


# --------------------------------------------------------------------------- #
# Best format with few posts                                                  #
# --------------------------------------------------------------------------- #


#: Fewer posts than this and a format gets no interval: a handful of posts says too little.
MIN_FORMAT_POSTS = 5


def format_ranking(posts: pd.DataFrame, engagements: Sequence[str] = ENGAGEMENTS, base: str = "reach",
                   confidence: float = 0.95, *, min_posts: int = MIN_FORMAT_POSTS, n_boot: int = 2000,
                   seed: int = 0) -> pd.DataFrame:
    """Per platform and format: the mean per-post engagement rate and a bootstrap interval over posts.

    Each post's rate is (likes + comments + shares) / reach
    (:func:`post_engagement_rate`). The question a manager asks is "what will
    the *next* post of this format do?", so the uncertainty that matters is how
    much the rate varies from post to post and how many posts there are. The
    interval comes from resampling the *posts* of each format with replacement
    (:func:`smmlib.analysis.bootstrap_ci` of the mean, seeded, so the table is
    the same on every run). Pooling engagements and reach into one Wilson
    interval would be wrong here: it treats every reached person as an
    independent trial (a post with 5,000 reach looks like 5,000 pieces of
    evidence) and engagements as one success per person, though one person
    can like, comment and share.

    Columns: ``platform``, ``format``, ``posts``, ``rate`` (mean per-post
    rate), ``lower_bound`` and ``upper_bound`` (the interval), ``note``.
    Formats with fewer than ``min_posts`` posts get no interval (NaN) and the
    note "too few posts"; they rank last (with a handful of posts a percentile
    bootstrap is too narrow to trust). Sorted by platform, then lower bound.

    >>> df = pd.DataFrame({"platform": ["x"] * 8, "format": ["video"] * 3 + ["photo"] * 5,
    ...                    "likes": [20, 20, 20, 5, 6, 4, 5, 5], "comments": [0] * 8, "shares": [0] * 8,
    ...                    "reach": [100] * 8})
    >>> format_ranking(df)[["format", "posts", "rate", "lower_bound", "note"]].values.tolist()
    [['photo', 5, 0.05, 0.044, ''], ['video', 3, 0.2, nan, 'too few posts']]
    """
    from .analysis import bootstrap_ci

    func = "format_ranking"
    posts = _check_posts(func, posts, "platform", "format", base, *engagements)
    min_posts = validate.whole(func, "min_posts (an interval needs several posts)", min_posts, 2)
    frame = pd.DataFrame({"platform": posts["platform"], "format": posts["format"],
                          "rate": post_engagement_rate(posts, engagements, base)})
    rows = []
    for (platform, fmt), group in frame.groupby(["platform", "format"], sort=True):
        rates = group["rate"].dropna()
        low = high = float("nan")
        note = "too few posts"
        if len(rates) >= min_posts:
            low, high = bootstrap_ci(rates, "mean", confidence=confidence, n_boot=n_boot, seed=seed)
            note = ""
        rows.append((platform, fmt, len(rates), float(rates.mean()) if len(rates) else float("nan"),
                     low, high, note))
    table = pd.DataFrame(rows, columns=["platform", "format", "posts", "rate", "lower_bound", "upper_bound",
                                        "note"])
    table["posts"] = table["posts"].astype("int64")
    table = table.sort_values(["platform", "lower_bound"], ascending=[True, False], kind="stable",
                              na_position="last")
    return table.reset_index(drop=True)


def pooled_format_ranking(posts: pd.DataFrame, engagements: Sequence[str] = ENGAGEMENTS,
                          base: str = "reach", confidence: float = 0.95) -> pd.DataFrame:
    """The old, wrong method, kept to show why it fails: a Wilson bound on pooled reach.

    Sums engagements and reach per format and treats the summed reach as the
    number of independent trials. With thousands of "trials" the bound is
    almost the raw rate, so three lucky posts still win. Use
    :func:`format_ranking` instead.

    >>> df = pd.DataFrame({"platform": ["x"] * 4, "format": ["carousel"] * 3 + ["photo"],
    ...                    "likes": [600, 600, 600, 300], "comments": [0] * 4, "shares": [0] * 4,
    ...                    "reach": [5000] * 4})
    >>> pooled_format_ranking(df)[["format", "rate", "lower_bound"]].round(3).values.tolist()
    [['carousel', 0.12, 0.115], ['photo', 0.06, 0.054]]
    """
    func = "pooled_format_ranking"
    posts = _check_posts(func, posts, "platform", "format", base, *engagements)
    actions = posts[list(engagements)].astype("float64").sum(axis=1)
    frame = pd.DataFrame({"platform": posts["platform"], "format": posts["format"],
                          "engagements": np.minimum(actions, posts[base].astype("float64")),
                          "reach": posts[base].astype("float64")})
    grouped = frame.groupby(["platform", "format"], sort=True)
    table = grouped[["engagements", "reach"]].sum()
    table.insert(0, "posts", grouped.size().astype("int64"))
    table["rate"] = metrics.engagement_rate(table["engagements"], table["reach"])
    table["lower_bound"] = metrics.wilson_lower_bound(table["engagements"], table["reach"], confidence)
    table = table.reset_index().sort_values(["platform", "lower_bound"], ascending=[True, False], kind="stable")
    return table.reset_index(drop=True)


def best_format(posts: pd.DataFrame, confidence: float = 0.95, *, min_posts: int = MIN_FORMAT_POSTS,
                seed: int = 0) -> pd.Series:
    """The format with the highest lower bound of :func:`format_ranking`, per platform.

    A platform where no format has ``min_posts`` posts gets "too few posts".

    >>> df = pd.DataFrame({"platform": ["x"] * 8, "format": ["video"] * 3 + ["photo"] * 5,
    ...                    "likes": [20, 20, 20, 5, 6, 4, 5, 5], "comments": [0] * 8, "shares": [0] * 8,
    ...                    "reach": [100] * 8})
    >>> best_format(df).to_dict()      # video's 20 % rests on three posts: no interval yet
    {'x': 'photo'}
    """
    table = format_ranking(posts, confidence=confidence, min_posts=min_posts, seed=seed)
    best = table.groupby("platform", sort=True).apply(
        lambda t: t["format"].iloc[0] if t["lower_bound"].notna().any() else "too few posts",
        include_groups=False)
    best.name = "best_format"
    return best
