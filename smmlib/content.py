"""Content mix and content calendars: the Strategy chapter's planning tools.

The content formula in source 004 (a practitioners' rule of thumb, not a law)
splits a community's posts into four categories:

=================  =====
category           share
=================  =====
engaging           40 %
user_generated     30 %
educational        25 %
advertising         5 %
=================  =====

This module measures a mix against such a target (:func:`mix_shares`,
:func:`mix_distance`, :func:`mix_warnings`), keeps four slider values summing
to 100 (:func:`rebalance_percent`), generates a seeded posting calendar that
respects simple rules (:func:`generate_calendar`) and checks any calendar
against those rules, reporting **every** violation with a plain reason
(:func:`validate_calendar`).

Shares are fractions (0.4 means 40 %); the slider helper works in whole percents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import validate
from .viz import OKABE_ITO

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "FORMULA_MIX",
    "FORMS",
    "RULES",
    "CalendarRules",
    "Violation",
    "generate_calendar",
    "mix_distance",
    "mix_figure",
    "mix_shares",
    "mix_warnings",
    "normalise_mix",
    "rebalance_percent",
    "validate_calendar",
]

#: The four content categories of the formula, in the formula's order.
CATEGORIES: tuple[str, ...] = ("engaging", "user_generated", "educational", "advertising")
#: Human-readable names for charts and messages.
CATEGORY_LABELS: dict[str, str] = {
    "engaging": "Engaging",
    "user_generated": "User-generated",
    "educational": "Educational",
    "advertising": "Advertising",
}
#: The 40/30/25/5 formula of source 004 (a rule of thumb from practitioners).
FORMULA_MIX: dict[str, float] = {
    "engaging": 0.40,
    "user_generated": 0.30,
    "educational": 0.25,
    "advertising": 0.05,
}
#: Post forms used by the calendar generator for each category (source 002 lists
#: text, video, photo, quote, anecdote and meme as forms).
FORMS: dict[str, tuple[str, ...]] = {
    "engaging": ("photo", "video", "poll", "quote"),
    "user_generated": ("customer photo", "review", "repost"),
    "educational": ("text", "video", "infographic", "how-to"),
    "advertising": ("photo", "video", "offer"),
}
_HUMOUR_FORMS = ("meme", "anecdote")
_TOLERANCE = 1e-9


# ----------------------------------------------------------------------------- mixes


def normalise_mix(mix: Mapping[str, float], name: str = "mix") -> dict[str, float]:
    """Check a mix and return it as fractions of the four categories summing to 1.

    Missing categories count as 0; values may be counts, percents or fractions
    (they are divided by their total).

    >>> normalise_mix({"engaging": 2, "advertising": 2})
    {'engaging': 0.5, 'user_generated': 0.0, 'educational': 0.0, 'advertising': 0.5}
    """
    if not isinstance(mix, Mapping):
        raise TypeError(f"{name} must be a dict like {{'engaging': 0.4, ...}}, got {type(mix).__name__}")
    unknown = sorted(set(mix) - set(CATEGORIES))
    if unknown:
        raise ValueError(f"{name} has unknown categories {unknown}; use only {list(CATEGORIES)}")
    values = {}
    for cat in CATEGORIES:
        values[cat] = validate.number(None, f"{name}[{cat!r}]", mix.get(cat, 0.0))
    total = sum(values.values())
    if total <= 0:
        raise ValueError(f"{name} is all zeros; give at least one category a positive share")
    return {cat: values[cat] / total for cat in CATEGORIES}


def mix_shares(categories: Iterable[str] | pd.Series) -> pd.Series:
    """Share of posts in each category (fractions, all four categories, formula order).

    >>> mix_shares(["engaging", "engaging", "advertising", "educational"]).tolist()
    [0.5, 0.0, 0.25, 0.25]
    """
    values = pd.Series(list(categories), dtype=object)
    if values.empty:
        raise ValueError("mix_shares(): no posts given; pass the calendar's 'category' column")
    unknown = sorted(set(values.dropna().astype(str)) - set(CATEGORIES))
    if unknown or values.isna().any():
        shown = unknown or ["a missing value"]
        raise ValueError(f"mix_shares(): unknown categories {shown}; use only {list(CATEGORIES)}")
    counts = values.value_counts().reindex(list(CATEGORIES), fill_value=0)
    shares = counts / counts.sum()
    shares.name = "share"
    shares.index.name = "category"
    return shares.astype(float)


def mix_distance(mix: Mapping[str, float] | pd.Series, target: Mapping[str, float] = FORMULA_MIX) -> float:
    """Distance between two mixes: half the sum of absolute share differences.

    It reads as "the share of posts that would have to change category to match
    the target": 0 means identical, 1 means no overlap at all.

    distance = ½ · Σ |mix_c − target_c|

    >>> mix_distance({"engaging": 0.5, "user_generated": 0.2, "educational": 0.2, "advertising": 0.1})
    0.1
    >>> mix_distance(FORMULA_MIX)
    0.0
    """
    a = normalise_mix(dict(mix), "mix")
    b = normalise_mix(target, "target")
    return round(0.5 * sum(abs(a[c] - b[c]) for c in CATEGORIES), 12)


def mix_warnings(mix: Mapping[str, float] | pd.Series, target: Mapping[str, float] = FORMULA_MIX,
                 tolerance: float = 0.10) -> list[str]:
    """Plain-language warnings for a mix far from the target (empty list: fine).

    A category is flagged when its share differs from the target by more than
    ``tolerance`` (10 percentage points by default); advertising above twice its
    target is always flagged, because hard selling drives people away.

    >>> mix_warnings(FORMULA_MIX)
    []
    >>> mix_warnings({"engaging": 0.3, "user_generated": 0.3, "educational": 0.2, "advertising": 0.2})
    ['Advertising is 20% of posts (target 5%): too much selling makes followers tune out or leave.']
    """
    a = normalise_mix(dict(mix), "mix")
    b = normalise_mix(target, "target")
    if not 0 < tolerance < 1:
        raise ValueError(f"tolerance must be a fraction between 0 and 1, got {tolerance!r}")
    advice = {
        ("engaging", "low"): "people come to social networks to talk and have fun; give them more to react to.",
        ("engaging", "high"): "entertainment alone builds no trust in the brand; add useful and customer content.",
        ("user_generated", "low"): "invite customers' photos, reviews and stories; they build trust better than you can.",
        ("user_generated", "high"): "relying on followers' content leaves your own voice weak; plan more of your own.",
        ("educational", "low"): "useful posts (tips, guides, answers) are the reason many people follow a brand.",
        ("educational", "high"): "a feed of lessons only can feel like homework; lighten it with engaging posts.",
        ("advertising", "low"): "without any offers, followers may not know what you sell.",
        ("advertising", "high"): "too much selling makes followers tune out or leave.",
    }
    warnings = []
    for cat in CATEGORIES:
        diff = a[cat] - b[cat]
        too_many_ads = cat == "advertising" and a[cat] > 2 * b[cat] + _TOLERANCE and b[cat] > 0
        if abs(diff) <= tolerance + _TOLERANCE and not too_many_ads:
            continue
        if cat == "advertising" and diff < 0 and a[cat] > 0:
            continue  # fewer ads than the target is never a real problem
        direction = "high" if diff > 0 else "low"
        warnings.append(f"{CATEGORY_LABELS[cat]} is {a[cat]:.0%} of posts (target {b[cat]:.0%}): "
                        f"{advice[(cat, direction)]}")
    return warnings


def mix_figure(mix: Mapping[str, float], target: Mapping[str, float] = FORMULA_MIX,
               title: str = "Your content mix against the 40/30/25/5 formula") -> go.Figure:
    """A grouped bar chart of a mix next to the target mix, in percent (titled, axes labelled)."""
    a = normalise_mix(dict(mix), "mix")
    b = normalise_mix(target, "target")
    labels = [CATEGORY_LABELS[c] for c in CATEGORIES]
    fig = go.Figure([
        go.Bar(name="Your plan", x=labels, y=[100 * a[c] for c in CATEGORIES], marker_color=OKABE_ITO[0],
               text=[f"{a[c]:.0%}" for c in CATEGORIES], textposition="outside"),
        go.Bar(name="Formula", x=labels, y=[100 * b[c] for c in CATEGORIES], marker_color=OKABE_ITO[1],
               text=[f"{b[c]:.0%}" for c in CATEGORIES], textposition="outside"),
    ])
    fig.update_layout(title=title, barmode="group", xaxis_title="Content category",
                      yaxis_title="Share of posts (%)", yaxis_range=[0, 105], height=380)
    return fig


def rebalance_percent(mix: Mapping[str, int], changed: str, value: int) -> dict[str, int]:
    """Set one category to ``value`` percent and rescale the others so the total stays 100.

    The other categories keep their proportions to each other (largest-remainder
    rounding keeps whole percents); when they are all 0, the rest is shared
    equally among them. This is what the content-mix sliders call.

    >>> rebalance_percent({"engaging": 40, "user_generated": 30, "educational": 25, "advertising": 5},
    ...                   "advertising", 25)
    {'engaging': 31, 'user_generated': 24, 'educational': 20, 'advertising': 25}
    """
    if changed not in CATEGORIES:
        raise ValueError(f"changed must be one of {list(CATEGORIES)}, got {changed!r}")
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value <= 100:
        raise ValueError(f"value must be a whole percent from 0 to 100, got {value!r}")
    current = {cat: mix.get(cat, 0) for cat in CATEGORIES}
    for cat, v in current.items():
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
            raise ValueError(f"mix[{cat!r}] must be a whole percent >= 0, got {v!r}")
    others = [cat for cat in CATEGORIES if cat != changed]
    rest = 100 - int(value)
    weights = np.array([current[c] for c in others], dtype=float)
    if weights.sum() == 0:
        weights = np.ones(len(others))
    exact = rest * weights / weights.sum()
    floors = np.floor(exact).astype(int)
    shortfall = rest - int(floors.sum())
    order = np.argsort(-(exact - floors), kind="stable")
    floors[order[:shortfall]] += 1
    result = {cat: int(n) for cat, n in zip(others, floors, strict=True)}
    result[changed] = int(value)
    return {cat: result[cat] for cat in CATEGORIES}


# ----------------------------------------------------------------------------- calendar


@dataclass(frozen=True)
class CalendarRules:
    """The rules a content calendar must follow (defaults: the sources' rules of thumb).

    - ``target_mix`` and ``mix_tolerance``: each category's share on each
      platform within ``mix_tolerance`` of the target (the 40/30/25/5 formula, 004);
    - ``max_ads_in_row``: at most this many advertising posts one after another on a platform;
    - ``max_humour_per_week``: humour at most this often per platform per week
      (the bank example of source 003: humour at most once a week);
    - ``max_posts_per_day``: at most this many posts per platform per day
      (1-2 a day is called optimal in source 002);
    - ``max_gap_days``: regularity, at most this many days in a row without a post.
    """

    target_mix: Mapping[str, float] = field(default_factory=lambda: dict(FORMULA_MIX))
    mix_tolerance: float = 0.05
    max_ads_in_row: int = 1
    max_humour_per_week: int = 1
    max_posts_per_day: int = 2
    max_gap_days: int = 1

    def __post_init__(self) -> None:
        normalise_mix(self.target_mix, "target_mix")
        if not 0 <= self.mix_tolerance < 1:
            raise ValueError(f"mix_tolerance must be a fraction in [0, 1), got {self.mix_tolerance!r}")
        for name in ("max_ads_in_row", "max_humour_per_week", "max_gap_days"):
            validate.whole("CalendarRules", name, getattr(self, name))
        validate.whole("CalendarRules", "max_posts_per_day", self.max_posts_per_day, 1)


@dataclass(frozen=True)
class Violation:
    """One broken rule: which ``rule``, a plain ``reason``, and the calendar ``rows`` involved."""

    rule: str
    reason: str
    rows: tuple[int, ...] = ()

    def __str__(self) -> str:
        return f"[{self.rule}] {self.reason}"


#: The rule names :func:`validate_calendar` can report.
RULES = ("columns", "category", "mix", "ads_in_row", "humour", "posts_per_day", "gap")


def _largest_remainder(shares: Mapping[str, float], total: int) -> dict[str, int]:
    exact = np.array([shares[c] * total for c in CATEGORIES])
    counts = np.floor(exact).astype(int)
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[: total - int(counts.sum())]] += 1
    return dict(zip(CATEGORIES, counts.tolist(), strict=True))


def _order_posts(counts: Mapping[str, int], max_ads_in_row: int, rng: np.random.Generator) -> list[str]:
    """Shuffle posts so that no more than ``max_ads_in_row`` ads follow each other."""
    others = [cat for cat in CATEGORIES if cat != "advertising" for _ in range(counts[cat])]
    rng.shuffle(others)
    ads = counts["advertising"]
    gaps = len(others) + 1
    if ads > gaps * max_ads_in_row:
        raise ValueError(f"cannot place {ads} advertising posts among {len(others)} others with at most "
                         f"{max_ads_in_row} in a row; lower the advertising share or raise max_ads_in_row")
    # Spread the ads: choose gap slots without replacement (each gap offers max_ads_in_row slots).
    slots = rng.choice(gaps * max_ads_in_row, size=ads, replace=False) // max(max_ads_in_row, 1)
    per_gap = np.bincount(slots, minlength=gaps) if ads else np.zeros(gaps, dtype=int)
    order: list[str] = []
    for gap in range(gaps):
        order.extend(["advertising"] * int(per_gap[gap]))
        if gap < len(others):
            order.append(others[gap])
    return order


def generate_calendar(
    seed: int = 0,
    weeks: int = 4,
    posts_per_day: Mapping[str, int] | None = None,
    rules: CalendarRules | None = None,
    start: str = "2025-01-06",
) -> pd.DataFrame:
    """Generate a content calendar that follows ``rules`` (seeded, reproducible).

    Each platform gets ``weeks * 7 * posts_per_day`` posts, split by the target
    mix (largest-remainder rounding), shuffled with no more than
    ``rules.max_ads_in_row`` advertising posts in a row; up to
    ``rules.max_humour_per_week`` engaging posts per platform and week become
    humour (a meme or an anecdote). Weeks are 7-day blocks from ``start``.

    Columns: ``date``, ``week`` (1, 2, ...), ``weekday``, ``platform``, ``slot``
    (1 = first post of the day), ``category``, ``form``, ``humour`` (bool).

    >>> cal = generate_calendar(seed=1, weeks=4, posts_per_day={"facebook": 1})
    >>> len(cal), validate_calendar(cal)
    (28, [])
    >>> mix_shares(cal["category"]).round(2).tolist()
    [0.39, 0.32, 0.25, 0.04]
    """
    rules = rules or CalendarRules()
    posts_per_day = dict(posts_per_day) if posts_per_day is not None else {"facebook": 1, "instagram": 1}
    weeks = validate.whole("generate_calendar", "weeks", weeks, 1)
    if not posts_per_day:
        raise ValueError("posts_per_day is empty; give at least one platform, e.g. {'facebook': 1}")
    for platform, n in posts_per_day.items():
        validate.whole("generate_calendar", f"posts_per_day[{platform!r}]", n, 1)
        if n > rules.max_posts_per_day:
            raise ValueError(f"posts_per_day[{platform!r}] = {n} breaks the rule of at most "
                             f"{rules.max_posts_per_day} posts a day; lower it or relax the rules")
    try:
        first_day = pd.Timestamp(start).normalize()
    except (ValueError, TypeError) as exc:
        raise ValueError(f"start must be a date like '2025-01-06', got {start!r}") from exc
    rng = np.random.default_rng(seed)
    target = normalise_mix(rules.target_mix, "rules.target_mix")
    rows = []
    for platform, per_day in posts_per_day.items():
        total = weeks * 7 * per_day
        order = _order_posts(_largest_remainder(target, total), rules.max_ads_in_row, rng)
        frame = pd.DataFrame({
            "date": [first_day + pd.Timedelta(days=i // per_day) for i in range(total)],
            "platform": platform,
            "slot": [i % per_day + 1 for i in range(total)],
            "category": order,
        })
        frame["week"] = (frame["date"] - first_day).dt.days // 7 + 1
        frame["form"] = [FORMS[c][int(rng.integers(len(FORMS[c])))] for c in order]
        frame["humour"] = False
        for _, week_rows in frame.groupby("week"):
            engaging = week_rows.index[week_rows["category"] == "engaging"].to_numpy()
            k = min(rules.max_humour_per_week, len(engaging))
            if k:
                picked = rng.choice(engaging, size=k, replace=False)
                frame.loc[picked, "humour"] = True
                frame.loc[picked, "form"] = [_HUMOUR_FORMS[int(rng.integers(2))] for _ in range(k)]
        rows.append(frame)
    calendar = pd.concat(rows, ignore_index=True)
    calendar["weekday"] = calendar["date"].dt.day_name()
    calendar = calendar.sort_values(["date", "platform", "slot"], kind="stable").reset_index(drop=True)
    return calendar[["date", "week", "weekday", "platform", "slot", "category", "form", "humour"]]


_REQUIRED = ("date", "platform", "category", "humour")


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of True values."""
    runs, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i - start))
            start = None
    return runs


def validate_calendar(calendar: pd.DataFrame, rules: CalendarRules | None = None) -> list[Violation]:
    """Check a content calendar and return **every** violation (empty list: all rules pass).

    The calendar needs the columns ``date``, ``platform``, ``category`` and
    ``humour`` (bool); ``slot`` (order within a day) is used when present. The
    rules checked, per platform (names as in :data:`RULES`):

    - ``category``: every category is one of the four of the formula;
    - ``mix``: each category's share within ``rules.mix_tolerance`` of the target;
    - ``ads_in_row``: no more than ``rules.max_ads_in_row`` advertising posts in a row;
    - ``humour``: at most ``rules.max_humour_per_week`` humour posts per week
      (7-day blocks from the calendar's first date);
    - ``posts_per_day``: at most ``rules.max_posts_per_day`` posts a day;
    - ``gap``: no more than ``rules.max_gap_days`` days in a row without a post.

    A missing column is reported as a ``columns`` violation (nothing else can be checked then).

    >>> bad = pd.DataFrame({"date": pd.to_datetime(["2025-01-06", "2025-01-07"]),
    ...                     "platform": "facebook", "category": ["advertising", "advertising"],
    ...                     "humour": False})
    >>> [v.rule for v in validate_calendar(bad)]
    ['mix', 'mix', 'mix', 'mix', 'ads_in_row']
    """
    rules = rules or CalendarRules()
    if not isinstance(calendar, pd.DataFrame):
        raise TypeError(f"validate_calendar() needs a pandas DataFrame, got {type(calendar).__name__}")
    missing = [c for c in _REQUIRED if c not in calendar.columns]
    if missing:
        return [Violation("columns", f"The calendar has no column(s) {missing}; it needs "
                                     f"{list(_REQUIRED)} (and optionally 'slot').")]
    if calendar.empty:
        return [Violation("columns", "The calendar has no rows; plan at least one post.")]
    cal = calendar.copy()
    cal["_row"] = np.arange(len(cal))
    try:
        cal["date"] = pd.to_datetime(cal["date"]).dt.normalize()
    except (ValueError, TypeError):
        return [Violation("columns", "The 'date' column has values that are not dates; "
                                     "use dates like '2025-01-06'.")]
    violations: list[Violation] = []

    bad_cat = ~cal["category"].isin(CATEGORIES)
    for row, value in zip(cal.loc[bad_cat, "_row"], cal.loc[bad_cat, "category"], strict=True):
        violations.append(Violation("category", f"Row {row}: category {value!r} is not one of "
                                                f"{list(CATEGORIES)}.", (int(row),)))
    target = normalise_mix(rules.target_mix, "rules.target_mix")
    first_day = cal["date"].min()
    sort_cols = ["date", "slot"] if "slot" in cal.columns else ["date"]

    for platform, posts in cal.groupby("platform", sort=True):
        posts = posts.sort_values(sort_cols, kind="stable")
        known = posts.loc[posts["category"].isin(CATEGORIES), "category"]
        if len(known):
            shares = mix_shares(known)
            for cat in CATEGORIES:
                if abs(shares[cat] - target[cat]) > rules.mix_tolerance + _TOLERANCE:
                    violations.append(Violation(
                        "mix", f"{platform}: {CATEGORY_LABELS[cat].lower()} posts are {shares[cat]:.0%} "
                               f"of the plan, the target is {target[cat]:.0%} "
                               f"(allowed ±{rules.mix_tolerance:.0%})."))
        rows = posts["_row"].to_numpy()
        for start, length in _runs((posts["category"] == "advertising").tolist()):
            if length > rules.max_ads_in_row:
                involved = tuple(int(r) for r in rows[start:start + length])
                day = posts["date"].iloc[start].date()
                violations.append(Violation(
                    "ads_in_row", f"{platform}: {length} advertising posts in a row from {day} "
                                  f"(at most {rules.max_ads_in_row} allowed); put useful or "
                                  f"engaging posts between them.", involved))
        humour = posts[posts["humour"].astype(bool)]
        for week, group in humour.groupby((humour["date"] - first_day).dt.days // 7 + 1):
            if len(group) > rules.max_humour_per_week:
                violations.append(Violation(
                    "humour", f"{platform}: {len(group)} humour posts in week {week} "
                              f"(at most {rules.max_humour_per_week} a week).",
                    tuple(int(r) for r in group["_row"])))
        per_day = posts.groupby("date")["_row"].agg(list)
        for day, day_rows in per_day.items():
            if len(day_rows) > rules.max_posts_per_day:
                violations.append(Violation(
                    "posts_per_day", f"{platform}: {len(day_rows)} posts on {day.date()} "
                                     f"(at most {rules.max_posts_per_day} a day).",
                    tuple(int(r) for r in day_rows)))
        days = pd.DatetimeIndex(sorted(per_day.index))
        for before, after in zip(days[:-1], days[1:], strict=True):
            empty = (after - before).days - 1
            if empty > rules.max_gap_days:
                violations.append(Violation(
                    "gap", f"{platform}: no post for {empty} days between {before.date()} and "
                           f"{after.date()} (at most {rules.max_gap_days} empty day(s) in a row)."))
    return violations
