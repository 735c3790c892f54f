"""Seeded generators of plausible social-media-marketing data.

Every generator takes a ``seed`` and draws from ``np.random.default_rng(seed)``:
the same seed always gives the identical table, a different seed different
data. :func:`student_seed` turns a student ID into a seed, so every learner
gets a personal dataset that is the same on every machine and every run.

The data is synthetic but calibrated on the real UCI "Facebook metrics" file
(``datasets/facebook_metrics.csv``): organic reach there has a median of about
5% of the page's likes and a heavy right tail, impressions are about 1.8 times
reach, likes about 1.7% of reach, shares about 0.3% and comments about 0.04%.
Effects are built in on purpose so the course's analyses find something:

- ``posts``: video and carousels earn more interactions, advertising posts far
  fewer (the hard-selling pitfall); each platform has its best posting hours
  and weekdays; paid posts reach more people.
- ``followers``: organic growth with a weekly rhythm, plus bot spikes (the
  ground truth is in ``is_bot_spike``), followed by small purges.
- ``ad_sets``: four audience segments of a children's clothing shop that
  differ in click-through and lead conversion.
- ``mentions``: brand mentions with sentiment labels; most weeks keep the
  negative share at or below the 15-25% band practitioners call acceptable,
  one or two weeks have a negative surge.

The multipliers are invented for teaching: practitioners' rules of thumb turned
into numbers, not measurements of any real platform.

>>> posts = generate_posts(seed=1, n_posts=50)
>>> posts.shape
(50, 14)
>>> bool((posts["impressions"] >= posts["reach"]).all())
True
>>> generate_posts(seed=1, n_posts=50).equals(posts)
True
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import validate
from .paths import datasets_dir

__all__ = [
    "CATEGORIES",
    "CATEGORY_SHARES",
    "COMPETITORS",
    "FORMATS",
    "PLATFORMS",
    "PLATFORM_FORMATS",
    "SEGMENTS",
    "SENTIMENTS",
    "SNAPSHOTS",
    "SNAPSHOT_SEED",
    "Snapshot",
    "brand_variants",
    "generate_ad_sets",
    "generate_followers",
    "generate_mentions",
    "generate_posts",
    "snapshot_csv",
    "student_seed",
    "write_snapshots",
]

PLATFORMS: tuple[str, ...] = ("facebook", "instagram", "telegram", "tiktok", "vk")

#: Which post formats exist on which platform (no stories on Telegram, no link
#: posts on Instagram or TikTok, TikTok is video plus photo carousels).
PLATFORM_FORMATS: dict[str, tuple[str, ...]] = {
    "facebook": ("photo", "video", "text", "link", "carousel"),
    "instagram": ("photo", "video", "carousel", "story"),
    "telegram": ("text", "photo", "video", "link"),
    "tiktok": ("video", "carousel"),
    "vk": ("photo", "video", "text", "link", "story"),
}

FORMATS: tuple[str, ...] = ("photo", "video", "text", "link", "carousel", "story")

#: The content formula of source 004 (a practitioners' rule of thumb).
CATEGORIES: tuple[str, ...] = ("engaging", "user_generated", "educational", "advertising")
CATEGORY_SHARES: dict[str, float] = {
    "engaging": 0.40,
    "user_generated": 0.30,
    "educational": 0.25,
    "advertising": 0.05,
}

#: The four audience segments of the children's-clothing worked example (source 003).
SEGMENTS: tuple[str, ...] = (
    "young mothers 20-30",
    "fathers 25-40",
    "grandparents 50+",
    "gift buyers",
)

SENTIMENTS: tuple[str, ...] = ("positive", "negative", "neutral")

#: Fictional competitors of the fictional Bahor Bank.
COMPETITORS: tuple[str, ...] = ("Lola Bank", "Navro Capital", "Oqtosh Finance")

DEFAULT_START = "2025-01-06"  # a Monday

# ----------------------------------------------------------------------------
# Student seeds and argument checks
# ----------------------------------------------------------------------------


def student_seed(student_id: str) -> int:
    """Turn a student ID into a seed: the same ID always gives the same personal dataset.

    The seed is the first four bytes of the SHA-256 hash of the ID (surrounding
    spaces removed), read as a big-endian integer, so it lies in ``[0, 2**32)``
    and is the same on every computer and Python version (unlike ``hash()``).

    >>> student_seed("alice") == int(hashlib.sha256(b"alice").hexdigest()[:8], 16)
    True
    >>> student_seed("  alice ") == student_seed("alice")
    True
    >>> posts = generate_posts(seed=student_seed("alice"), n_posts=20)
    """
    text = validate.text("student_seed", "student_id", student_id, example="AB-1234")
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")


def _rng(seed: Any) -> np.random.Generator:
    return np.random.default_rng(validate.whole(None, "seed", seed, 0))


def _start_date(start: Any) -> pd.Timestamp:
    return validate.date(None, "start", start, naive=True).normalize()


def _check_platforms(platforms: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(validate.items(None, "platforms", platforms, what="a list of platform names", empty=False))
    for platform in chosen:
        validate.choice(None, "each of platforms", platform, PLATFORMS)
    if len(set(chosen)) != len(chosen):
        raise ValueError(f"platforms lists a platform twice: {list(chosen)}")
    return chosen


# ----------------------------------------------------------------------------
# Posts
# ----------------------------------------------------------------------------

# How often each platform is used by the imaginary brand (renormalised over the
# platforms asked for), its page size on the start date and daily growth rate.
_PLATFORM_WEIGHT = {"facebook": 0.2, "instagram": 0.3, "telegram": 0.2, "tiktok": 0.15, "vk": 0.15}
_INITIAL_FOLLOWERS = {
    "facebook": 12_000, "instagram": 25_000, "telegram": 6_000, "tiktok": 9_000, "vk": 15_000,
}
_DAILY_GROWTH = {
    "facebook": 0.0008, "instagram": 0.0025, "telegram": 0.0020, "tiktok": 0.0045, "vk": 0.0012,
}
# Format mix per platform, in the order of PLATFORM_FORMATS.
_FORMAT_WEIGHTS = {
    "facebook": (0.40, 0.20, 0.15, 0.15, 0.10),
    "instagram": (0.30, 0.30, 0.20, 0.20),
    "telegram": (0.40, 0.30, 0.15, 0.15),
    "tiktok": (0.85, 0.15),
    "vk": (0.35, 0.25, 0.15, 0.10, 0.15),
}
# Organic reach as a share of followers: median and spread (log scale).
_REACH_MEDIAN = {"facebook": 0.025, "instagram": 0.04, "telegram": 0.05, "tiktok": 0.06, "vk": 0.035}
_REACH_SIGMA = {"facebook": 0.8, "instagram": 0.9, "telegram": 0.6, "tiktok": 1.3, "vk": 0.8}
_CATEGORY_REACH = {"engaging": 1.1, "user_generated": 1.05, "educational": 1.0, "advertising": 0.75}
# Chance that a post of a category is promoted with money (Telegram channels cannot boost posts).
_PAID_CHANCE = {"engaging": 0.12, "user_generated": 0.05, "educational": 0.2, "advertising": 0.7}

# Interaction rates per person reached: likes, comments, shares, clicks.
_BASE_RATES = np.array([0.025, 0.003, 0.004, 0.012])
_PLATFORM_EFFECT = {
    "facebook": (0.8, 1.0, 1.2, 1.0),
    "instagram": (1.5, 1.0, 0.7, 0.5),
    "telegram": (0.5, 0.4, 1.0, 1.5),
    "tiktok": (1.8, 1.2, 1.3, 0.4),
    "vk": (1.0, 0.9, 1.0, 1.0),
}
_FORMAT_EFFECT = {
    "photo": (1.0, 1.0, 1.0, 0.8),
    "video": (1.5, 1.3, 1.6, 0.9),
    "text": (0.7, 1.3, 0.8, 0.6),
    "link": (0.5, 0.6, 0.9, 3.0),
    "carousel": (1.3, 1.1, 1.3, 1.0),
    "story": (0.4, 0.3, 0.5, 1.6),
}
_CATEGORY_EFFECT = {
    "engaging": (1.3, 1.8, 1.2, 0.8),
    "user_generated": (1.25, 1.4, 1.3, 0.8),
    "educational": (1.0, 1.0, 1.6, 1.3),
    "advertising": (0.45, 0.4, 0.3, 1.2),
}
# Best posting time per platform: peak hour, width (hours), favoured weekdays (Mon=0).
_TIMING = {
    "facebook": (9.0, 2.5, (0, 1, 2, 3, 4)),
    "instagram": (20.0, 2.5, (4, 5, 6)),
    "telegram": (8.0, 2.0, (0, 1, 2, 3)),
    "tiktok": (21.0, 2.5, (5, 6)),
    "vk": (19.0, 3.0, (1, 2, 3)),
}
# Posting hours: 0-6 rarely, 7-23 mostly, a little more often in the daytime.
_HOUR_WEIGHTS = np.array([0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4] + [1.0] * 2 + [1.2] * 12 + [1.0] * 3)


def _lookup(table: dict[str, Any], keys: np.ndarray, dtype: Any = float) -> np.ndarray:
    """Map each key of ``keys`` through ``table`` (vectorised: one dictionary
    look-up per distinct key, then indexing). A table value may be a tuple,
    giving one row per key.

    >>> _lookup({"a": 1.5, "b": 2.0}, np.array(["b", "a", "b"])).tolist()
    [2.0, 1.5, 2.0]
    """
    distinct, inverse = np.unique(keys, return_inverse=True)
    return np.array([table[k] for k in distinct], dtype=dtype)[inverse.reshape(-1)]


def _timing_one(platform: str, hour: Any, weekday: Any) -> float:
    """The timing effect of one post (see :func:`_timing_multiplier`)."""
    peak, width, good_days = _TIMING[platform]
    distance = min(abs(hour - peak), 24 - abs(hour - peak))
    bump = math.exp(-(distance**2) / (2 * width**2))
    day = 0.2 if weekday in good_days else -0.1
    return math.exp(0.9 * (bump - 0.35) + day)


@functools.cache
def _timing_table(platform: str) -> np.ndarray:
    """:func:`_timing_one` for every hour (rows 0-23) and weekday (columns 0-6)
    of ``platform``, computed once per process (read-only)."""
    table = np.array([[_timing_one(platform, np.int64(hour), weekday) for weekday in range(7)]
                      for hour in range(24)])
    table.flags.writeable = False
    return table


def _timing_multiplier(platforms: np.ndarray, hours: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    """Hour x weekday effect on engagement, about 0.5 off-peak to 1.9 at the peak.

    ``hours`` are 0-23 and ``weekdays`` 0-6 (Monday = 0). Looked up in a table
    made by the same scalar arithmetic per (platform, hour, weekday), so the
    result is bit-for-bit what a loop over the posts gives (the committed
    snapshots depend on it).
    """
    out = np.empty(len(platforms))
    for name in np.unique(platforms):
        mask = platforms == name
        out[mask] = _timing_table(str(name))[hours[mask], weekdays[mask]]
    return out


def generate_posts(
    seed: int = 0,
    n_posts: int = 600,
    start: str = DEFAULT_START,
    weeks: int = 12,
    platforms: Sequence[str] = PLATFORMS,
) -> pd.DataFrame:
    """Generate one brand's posts on several platforms with their outcome metrics.

    Columns: ``post_id`` ("P0001", ... in time order), ``platform``, ``format``,
    ``category`` (roughly 40/30/25/5 engaging/user_generated/educational/advertising),
    ``timestamp`` (naive, within ``weeks`` weeks from ``start``), ``followers``
    (the platform page's followers at posting time, growing), ``reach``,
    ``impressions`` (reach x a frequency of 1.1-2.5), ``likes``, ``comments``,
    ``shares``, ``clicks`` (integer draws from reach), ``paid`` (bool) and
    ``spend`` (currency units, 0.0 when not paid).

    Reach is lognormal (heavy-tailed) around 2.5-6% of followers organically and
    grows with spend; interaction rates depend on platform, format (video and
    carousels higher), category (advertising lower) and posting hour/weekday.

    >>> df = generate_posts(seed=3, n_posts=100, platforms=["telegram", "vk"])
    >>> sorted(df["platform"].unique())
    ['telegram', 'vk']
    >>> bool((df["likes"] <= df["reach"]).all()), bool(df.loc[~df["paid"], "spend"].eq(0).all())
    (True, True)
    """
    rng = _rng(seed)
    n_posts = validate.whole(None, "n_posts", n_posts, 1)
    weeks = validate.whole(None, "weeks", weeks, 1)
    start_day = _start_date(start)
    chosen = _check_platforms(platforms)

    weights = np.array([_PLATFORM_WEIGHT[p] for p in chosen])
    platform = rng.choice(np.array(chosen), size=n_posts, p=weights / weights.sum())
    day = rng.integers(0, weeks * 7, size=n_posts)
    hour = rng.choice(24, size=n_posts, p=_HOUR_WEIGHTS / _HOUR_WEIGHTS.sum())
    minute = rng.integers(0, 12, size=n_posts) * 5
    offset = day * 1440 + hour * 60 + minute
    order = np.argsort(offset, kind="stable")
    platform, hour, offset = platform[order], hour[order], offset[order]
    timestamp = start_day + pd.to_timedelta(offset, unit="min")
    weekday = np.asarray(timestamp.day_of_week)

    fmt = np.empty(n_posts, dtype=object)
    for name in chosen:
        mask = platform == name
        options = PLATFORM_FORMATS[name]
        probs = np.array(_FORMAT_WEIGHTS[name])
        fmt[mask] = rng.choice(np.array(options), size=int(mask.sum()), p=probs / probs.sum())
    category = rng.choice(
        np.array(CATEGORIES), size=n_posts, p=[CATEGORY_SHARES[c] for c in CATEGORIES]
    )

    days_elapsed = offset / 1440
    page_scale = np.exp(rng.normal(0, 0.25, len(chosen)))  # this seed's page sizes
    platform_index = _lookup({p: i for i, p in enumerate(chosen)}, platform, dtype=np.int64)
    page_size = _lookup(_INITIAL_FOLLOWERS, platform) * page_scale[platform_index]
    followers = np.rint(page_size * np.exp(_lookup(_DAILY_GROWTH, platform) * days_elapsed))

    paid = (rng.random(n_posts) < _lookup(_PAID_CHANCE, category)) & (platform != "telegram")
    spend = np.where(paid, np.round(np.maximum(rng.lognormal(np.log(25.0), 0.7, n_posts), 1.0), 2), 0.0)

    timing = _timing_multiplier(platform, hour, weekday)
    log_reach = np.log(followers * _lookup(_REACH_MEDIAN, platform)) + rng.normal(
        0, 1, n_posts
    ) * _lookup(_REACH_SIGMA, platform)
    reach_float = np.exp(log_reach) * _lookup(_CATEGORY_REACH, category) * np.sqrt(timing)
    reach_float *= 1 + spend / 15.0
    reach = np.rint(reach_float)
    frequency = 1.1 + rng.beta(2, 3, n_posts) * 1.4
    impressions = np.maximum(np.rint(reach * frequency), reach)

    effect = (
        _lookup(_PLATFORM_EFFECT, platform)
        * _lookup(_FORMAT_EFFECT, fmt)
        * _lookup(_CATEGORY_EFFECT, category)
    )
    quality = rng.lognormal(0, 0.3, n_posts)[:, None] * rng.lognormal(0, 0.2, (n_posts, 4))
    rates = np.clip(_BASE_RATES * effect * quality * timing[:, None], 0, 0.9)
    counts = rng.binomial(reach.astype(np.int64)[:, None], rates)

    width = max(4, len(str(n_posts)))
    return pd.DataFrame(
        {
            "post_id": [f"P{i:0{width}d}" for i in range(1, n_posts + 1)],
            "platform": platform.astype(str),
            "format": fmt.astype(str),
            "category": category.astype(str),
            "timestamp": np.asarray(timestamp, dtype="datetime64[us]"),
            "followers": followers.astype(np.int64),
            "reach": reach.astype(np.int64),
            "impressions": impressions.astype(np.int64),
            "likes": counts[:, 0].astype(np.int64),
            "comments": counts[:, 1].astype(np.int64),
            "shares": counts[:, 2].astype(np.int64),
            "clicks": counts[:, 3].astype(np.int64),
            "paid": paid.astype(bool),
            "spend": spend.astype(float),
        }
    )


# ----------------------------------------------------------------------------
# Followers
# ----------------------------------------------------------------------------

# Weekly rhythm of organic growth, Monday first.
_WEEKDAY_GROWTH = np.array([1.0, 1.1, 1.15, 1.1, 0.95, 0.8, 0.75])


def _spike_positions(
    rng: np.random.Generator, days: int, n_spikes: int, spike_days: Sequence[int] | None
) -> np.ndarray:
    """Distinct, non-adjacent spike days: forced by ``spike_days`` or drawn at random."""
    if spike_days is not None:
        positions = sorted(validate.whole(None, f"each of spike_days (days 0..{days - 1})", d, 0,
                                          maximum=days - 1)
                           for d in validate.items(None, "spike_days", spike_days, what="a list of day numbers"))
        if any(b - a < 2 for a, b in zip(positions, positions[1:], strict=False)):
            raise ValueError(
                f"spike_days {positions} must be distinct and not adjacent (at least one day apart)"
            )
        return np.array(positions, dtype=np.int64)
    most = (days + 1) // 2
    if n_spikes > most:
        raise ValueError(
            f"n_spikes={n_spikes} does not fit into days={days}: at most {most} "
            "non-adjacent spike days exist; lower n_spikes or raise days"
        )
    # Choose from days - (n - 1) slots, then shift the i-th by i: a uniform draw
    # among all sets of non-adjacent days, first and last day included.
    slots = np.sort(rng.choice(days - max(n_spikes - 1, 0), size=n_spikes, replace=False))
    return slots + np.arange(n_spikes)


def generate_followers(
    seed: int = 0,
    days: int = 180,
    start: str = DEFAULT_START,
    initial: int = 5000,
    n_spikes: int = 4,
    *,
    spike_days: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Generate a page's daily follower counts with bot spikes as ground truth.

    Columns: ``date`` (one row per day from ``start``), ``followers`` (end-of-day
    count), ``new_followers`` (net change that day, negative on bad days) and
    ``is_bot_spike`` (True on the days bought bots arrived).

    Organic growth is about 0.3% of ``initial`` a day, rising slowly, with a
    weekly rhythm (midweek best, weekends weakest) and noise. A bot spike adds
    8-40 times the typical daily gain on one day; over the next three days part
    of the bots is purged (small unfollows). ``n_spikes`` spike days are drawn at
    random (distinct, never adjacent, first and last day possible); pass
    ``spike_days`` (0-based day numbers) to place them yourself, in which case
    it decides the spikes and ``n_spikes`` is not used.

    ``followers[0] = initial + new_followers[0]`` and afterwards
    ``followers.diff() == new_followers``:

    >>> df = generate_followers(seed=2, days=30, spike_days=[0, 29])
    >>> int(df["followers"].iloc[0] - df["new_followers"].iloc[0])
    5000
    >>> bool((df["followers"].diff().iloc[1:] == df["new_followers"].iloc[1:]).all())
    True
    >>> df.index[df["is_bot_spike"]].tolist()
    [0, 29]
    """
    rng = _rng(seed)
    days = validate.whole(None, "days", days, 1)
    initial = validate.whole(None, "initial", initial, 0)
    n_spikes = validate.whole(None, "n_spikes", n_spikes, 0)
    start_day = _start_date(start)
    spikes = _spike_positions(rng, days, n_spikes, spike_days)

    dates = pd.date_range(start_day, periods=days, freq="D")
    t = np.arange(days)
    typical = max(initial * 0.003, 3.0) * (1 + 0.6 * t / days)
    organic = typical * _WEEKDAY_GROWTH[np.asarray(dates.day_of_week)]
    organic = organic + rng.normal(0, 0.45, days) * typical
    bad_day = rng.random(days) < 0.03
    organic = np.where(bad_day, -rng.uniform(0.5, 2.0, days) * typical, organic)

    is_spike = np.zeros(days, dtype=bool)
    is_spike[spikes] = True
    change = organic.copy()
    for day in spikes:
        bots = rng.uniform(8, 40) * typical[day]
        change[day] += bots
        purge_days = [d for d in range(day + 1, min(day + 4, days)) if not is_spike[d]]
        if purge_days:
            change[purge_days] -= rng.uniform(0.1, 0.3) * bots / len(purge_days)
    change = np.rint(change).astype(np.int64)

    followers = np.empty(days, dtype=np.int64)
    count = initial
    for day in range(days):  # never below zero followers
        change[day] = max(change[day], -count)
        count += change[day]
        followers[day] = count

    return pd.DataFrame(
        {
            "date": np.asarray(dates, dtype="datetime64[us]"),
            "followers": followers,
            "new_followers": change,
            "is_bot_spike": is_spike,
        }
    )


# ----------------------------------------------------------------------------
# Ad sets
# ----------------------------------------------------------------------------

# Segment -> (click-through rate, lead conversion of clicks, CPM in currency units).
_SEGMENT_TRUTH = {
    "young mothers 20-30": (0.014, 0.10, 4.0),
    "fathers 25-40": (0.007, 0.05, 3.0),
    "grandparents 50+": (0.005, 0.12, 2.5),
    "gift buyers": (0.010, 0.04, 3.5),
}


def generate_ad_sets(seed: int = 0, n_ad_sets: int = 8) -> pd.DataFrame:
    """Generate the ad sets of a paid campaign for a children's clothing shop.

    Columns: ``ad_set`` ("AS01", ...), ``segment`` (the four audience segments of
    the worked example, repeated in turn for more sets), ``impressions``,
    ``clicks``, ``spend`` (currency units, 2 decimals) and ``leads``.
    Click-through rates lie between 0.3% and 2%, lead conversion between 2% and
    15% of clicks, CPM (spend per 1000 impressions) between about 1.5 and 7.
    Segments differ on purpose: young mothers click most, grandparents click
    least but convert best, gift buyers click but rarely leave a lead.

    >>> df = generate_ad_sets(seed=4)
    >>> df["segment"].tolist()[:5]
    ['young mothers 20-30', 'fathers 25-40', 'grandparents 50+', 'gift buyers', 'young mothers 20-30']
    >>> ctr = df["clicks"] / df["impressions"]
    >>> bool(ctr.between(0.003, 0.02).all())
    True
    """
    rng = _rng(seed)
    n = validate.whole(None, "n_ad_sets", n_ad_sets, 1)
    segment = [SEGMENTS[i % len(SEGMENTS)] for i in range(n)]
    truth = np.array([_SEGMENT_TRUTH[s] for s in segment])
    ctr = np.clip(truth[:, 0] * rng.lognormal(0, 0.2, n), 0.004, 0.018)
    conversion = np.clip(truth[:, 1] * rng.lognormal(0, 0.2, n), 0.025, 0.14)
    cpm = np.clip(truth[:, 2] * rng.lognormal(0, 0.2, n), 1.5, 7.0)
    spend = np.round(rng.uniform(80, 400, n), 2)
    impressions = np.rint(spend / cpm * 1000).astype(np.int64)
    # Binomial noise, kept inside the documented ranges so small ad sets stay plausible.
    clicks = np.clip(
        rng.binomial(impressions, ctr), np.ceil(0.003 * impressions), np.floor(0.02 * impressions)
    ).astype(np.int64)
    leads = np.clip(
        rng.binomial(clicks, conversion), np.ceil(0.02 * clicks), np.floor(0.15 * clicks)
    ).astype(np.int64)
    width = max(2, len(str(n)))
    return pd.DataFrame(
        {
            "ad_set": [f"AS{i:0{width}d}" for i in range(1, n + 1)],
            "segment": segment,
            "impressions": impressions,
            "clicks": clicks.astype(np.int64),
            "spend": spend,
            "leads": leads.astype(np.int64),
        }
    )


# ----------------------------------------------------------------------------
# Mentions
# ----------------------------------------------------------------------------

_DEFAULT_BRAND = "Bahor Bank"
_BAHOR_VARIANTS = (
    "Bahor Bank", "Bahor Bank", "Bahor Bank", "bahor bank", "BahorBank", "#bahorbank",
    "Бахор Банк", "Бахор банк", "Bakhor Bank", "Bahr Bank", "Bahor bank", "BAHOR BANK",
)

_TEMPLATES: dict[str, tuple[str, ...]] = {
    "positive": (
        "Opened a deposit at {brand} today, quick and easy. Great service!",
        "Thanks {brand} for the friendly help at the branch, really happy.",
        "Love the new {brand} app, transfers are so fast now.",
        "{brand} support solved my problem in five minutes. Excellent!",
        "The cashback card from {brand} is the best thing this year.",
        "Good rates and polite staff, {brand} keeps impressing me.",
        "Got my loan approved by {brand} in one day, wonderful experience.",
        "Great webinar by {brand} on saving for kids, very helpful.",
    ),
    "negative": (
        "{brand} app crashed again, terrible experience.",
        "Waited two hours in line at {brand}. Awful service.",
        "{brand} blocked my card for no reason, very angry.",
        "Hidden fees at {brand}? Really disappointed.",
        "Worst customer support ever, {brand} never answers.",
        "{brand} charged me twice and refuses to refund. Unacceptable.",
        "Rude staff at {brand} today, I hate going there.",
    ),
    "incident": (
        "{brand} app has been down all day, I cannot pay for anything. Terrible!",
        "Is {brand} broken? My salary is stuck and nobody helps. Awful.",
        "{brand} lost my transfer during the outage, furious and worried.",
        "Angry at {brand}: the outage ruined my weekend plans.",
    ),
    "neutral": (
        "{brand} opens a new branch on Navoi street next Monday.",
        "Does {brand} work on Saturdays?",
        "{brand} changes its deposit rates from the first of next month.",
        "What documents does {brand} ask for a card?",
        "{brand} published its quarterly report.",
        "Where is the nearest {brand} ATM in Chilanzar?",
        "{brand} will update its mobile app on Sunday night.",
    ),
}
# Deliberately hard for a lexicon scorer: sarcasm, good news in "negative" words.
_HARD_TEMPLATES: dict[str, tuple[str, ...]] = {
    "positive": (
        "{brand} cuts the fee for card transfers to zero.",
        "No more queues: {brand} kills the paper forms.",
    ),
    "negative": (
        "Great, {brand} app crashed again right before payday.",
        "Thanks a lot {brand}, another hidden fee. Just perfect.",
        "Oh wonderful, {brand} put me on hold for an hour.",
    ),
    "neutral": (
        "{brand} ends its free card offer on Friday.",
        "{brand} will share its best savings tips at a meetup on Thursday.",
    ),
}
_HARD_SHARE = 0.08
_INDUSTRY_TEMPLATES: dict[str, tuple[str, ...]] = {
    "positive": (
        "{competitor} has a great new mobile app, love it.",
        "Happy with my savings account at {competitor}, good rates.",
    ),
    "negative": (
        "{competitor} charged me a hidden fee, horrible.",
        "Terrible queue at {competitor} again.",
    ),
    "neutral": (
        "Which bank should I choose for a mortgage?",
        "Comparing deposit rates of {competitor} and {brand}.",
        "Which bank has a card without a monthly fee in Tashkent?",
    ),
}
_PREFIXES = ("", "", "", "Update: ", "Re: ", "PSA: ")  # words VADER scores as 0
_SUFFIXES = ("", "", "", " #banking", " #tashkent", "")


def brand_variants(brand: str = _DEFAULT_BRAND) -> tuple[str, ...]:
    """Spellings of ``brand`` as people write it in posts: case, hashtags, typos.

    For the default "Bahor Bank" the list is hand-made and includes the Cyrillic
    "Бахор Банк" and a transliteration ("Bakhor Bank"); for any other brand it is
    derived from the name. A monitoring query set should catch all of them.

    >>> brand_variants("Acme Shop")
    ('Acme Shop', 'acme shop', 'AcmeShop', '#acmeshop', 'ACME SHOP')
    >>> "Бахор Банк" in brand_variants()
    True
    """
    brand = validate.text("brand_variants", "brand", brand, example="Bahor Bank")
    if brand == _DEFAULT_BRAND:
        return tuple(dict.fromkeys(_BAHOR_VARIANTS))
    compact = brand.replace(" ", "")
    return tuple(
        dict.fromkeys((brand, brand.lower(), compact, "#" + compact.lower(), brand.upper()))
    )


def generate_mentions(
    seed: int = 0,
    n_mentions: int = 400,
    start: str = DEFAULT_START,
    weeks: int = 12,
    brand: str = _DEFAULT_BRAND,
) -> pd.DataFrame:
    """Generate social-media mentions of a brand with ground-truth sentiment labels.

    Columns: ``mention_id`` ("M0001", ... in date order), ``date``, ``platform``,
    ``text`` (a short English post naming the brand in one of its spellings, see
    :func:`brand_variants`; about one in six is about competitors or the
    industry) and ``sentiment`` ("positive", "negative" or "neutral"). The text
    agrees with its label, so a lexicon scorer such as VADER mostly agrees; about
    one mention in twelve is a deliberately hard case (sarcasm such as "Great,
    the app crashed again", good news in negative words such as "cuts the fee")
    that such a scorer gets wrong.

    In ordinary weeks 12-23% of mentions are negative (inside or below the
    15-25% band practitioners call acceptable); in one or two surge weeks (an
    app outage) 35-50% are, and mentions are about twice as many. Weeks count
    from ``start``; with a Monday start they are calendar weeks.

    >>> df = generate_mentions(seed=5, n_mentions=120, weeks=4)
    >>> weekly = df.groupby(df["date"].dt.to_period("W"))["sentiment"]
    >>> bool(weekly.apply(lambda s: (s == "negative").mean()).max() > 0.25)
    True
    """
    rng = _rng(seed)
    weeks = validate.whole(None, "weeks", weeks, 1)
    n_mentions = validate.whole(None, "n_mentions", n_mentions, 4 * weeks)
    start_day = _start_date(start)
    variants = brand_variants(brand)

    n_surge = 1 if weeks < 6 else int(rng.integers(1, 3))
    surge = np.zeros(weeks, dtype=bool)
    surge[rng.choice(weeks, size=n_surge, replace=False)] = True
    volume = np.where(surge, 2.0, 1.0) * rng.uniform(0.8, 1.2, weeks)
    per_week = 4 + rng.multinomial(n_mentions - 4 * weeks, volume / volume.sum())

    days: list[int] = []
    labels: list[str] = []
    incident: list[bool] = []
    for week in range(weeks):
        count = int(per_week[week])
        share = rng.uniform(0.35, 0.5) if surge[week] else rng.uniform(0.12, 0.23)
        n_negative = math.floor(count * share) if not surge[week] else math.ceil(count * share)
        n_positive = int(round((count - n_negative) * rng.uniform(0.35, 0.55)))
        week_labels = (
            ["negative"] * n_negative
            + ["positive"] * n_positive
            + ["neutral"] * (count - n_negative - n_positive)
        )
        rng.shuffle(week_labels)
        labels.extend(week_labels)
        days.extend((week * 7 + rng.integers(0, 7, count)).tolist())
        incident.extend([bool(surge[week])] * count)

    texts: list[str] = []
    for label, in_surge in zip(labels, incident, strict=True):
        name = variants[int(rng.integers(len(variants)))]
        competitor = COMPETITORS[int(rng.integers(len(COMPETITORS)))]
        kind = rng.random()
        if kind < _HARD_SHARE:
            pool = _HARD_TEMPLATES[label]
        elif kind < _HARD_SHARE + 0.15:
            pool = _INDUSTRY_TEMPLATES[label]
        elif label == "negative" and in_surge and rng.random() < 0.7:
            pool = _TEMPLATES["incident"]
        else:
            pool = _TEMPLATES[label]
        template = pool[int(rng.integers(len(pool)))]
        prefix = _PREFIXES[int(rng.integers(len(_PREFIXES)))]
        suffix = _SUFFIXES[int(rng.integers(len(_SUFFIXES)))]
        if prefix and not template.startswith("{"):  # "Update: opened ..." not "Opened"
            template = template[0].lower() + template[1:]
        texts.append(prefix + template.format(brand=name, competitor=competitor) + suffix)

    weights = np.array([_PLATFORM_WEIGHT[p] for p in PLATFORMS])
    platform = rng.choice(np.array(PLATFORMS), size=n_mentions, p=weights / weights.sum())
    day = np.array(days)
    order = np.argsort(day, kind="stable")
    width = max(4, len(str(n_mentions)))
    dates = start_day + pd.to_timedelta(day[order], unit="D")
    return pd.DataFrame(
        {
            "mention_id": [f"M{i:0{width}d}" for i in range(1, n_mentions + 1)],
            "date": np.asarray(dates, dtype="datetime64[us]"),
            "platform": platform.astype(str),
            "text": [texts[i] for i in order],
            "sentiment": [labels[i] for i in order],
        }
    )


# ----------------------------------------------------------------------------
# Snapshots
# ----------------------------------------------------------------------------


class Snapshot(NamedTuple):
    """One committed snapshot: its generator, the keyword arguments, a description."""

    generator: Callable[..., pd.DataFrame]
    kwargs: dict[str, Any]
    description: str


#: Every snapshot in ``datasets/generated/``, written with seed 0 by ``smm generate``.
SNAPSHOTS: dict[str, Snapshot] = {
    "posts": Snapshot(
        generate_posts, {}, "600 posts on five platforms over 12 weeks with reach and interactions"
    ),
    "followers": Snapshot(
        generate_followers, {}, "180 days of follower counts with 4 labelled bot spikes"
    ),
    "ad_sets": Snapshot(
        generate_ad_sets, {}, "8 ad sets of a children's clothing campaign, four audience segments"
    ),
    "mentions": Snapshot(
        generate_mentions, {}, "400 labelled mentions of Bahor Bank over 12 weeks with a negative surge"
    ),
}

SNAPSHOT_SEED = 0


def snapshot_csv(frame: pd.DataFrame) -> str:
    """Render a generated table as the snapshot CSV text (stable across platforms).

    Timestamps are written ``YYYY-MM-DD HH:MM:SS``, dates ``YYYY-MM-DD``, floats
    with two decimals, booleans as ``True``/``False``, lines end with ``\\n``.

    >>> print(snapshot_csv(generate_ad_sets(seed=0, n_ad_sets=1)), end="")
    ad_set,segment,impressions,clicks,spend,leads
    AS01,young mothers 20-30,...
    """
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            fmt = "%Y-%m-%d" if column == "date" or column.endswith("_date") else "%Y-%m-%d %H:%M:%S"
            out[column] = out[column].dt.strftime(fmt)
    return out.to_csv(index=False, float_format="%.2f", lineterminator="\n")


def write_snapshots(out_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write every snapshot of :data:`SNAPSHOTS` as ``<out_dir>/<name>.csv`` (seed 0).

    ``out_dir`` defaults to ``datasets/generated/`` of the checkout. Each file is
    written to a temporary file first and then moved into place, so a reader
    never sees half a file. Returns the paths written, in registry order.
    """
    folder = Path(out_dir) if out_dir is not None else datasets_dir() / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, snapshot in SNAPSHOTS.items():
        text = snapshot_csv(snapshot.generator(seed=SNAPSHOT_SEED, **snapshot.kwargs))
        target = folder / f"{name}.csv"
        handle, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as tmp:
                tmp.write(text)
            os.chmod(tmp_name, 0o644)  # mkstemp creates 0600; snapshots are ordinary files
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        written.append(target)
    return written
