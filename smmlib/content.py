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
follows simple guidelines (:func:`generate_calendar`) and checks any calendar
(:func:`validate_calendar`): genuine errors (an unknown platform, a post
outside the plan's period, a category that does not exist) fail a plan, while
the sources' rules of thumb (the mix, ads in a row, humour, posts a day, gaps)
are reported as warnings that name where they come from.

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
    "GUIDELINE_SOURCES",
    "KNOWN_PLATFORMS",
    "CalendarRules",
    "Violation",
    "calendar_errors",
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
    validate.instance(None, name, mix, Mapping, "a dict like {'engaging': 0.4, ...}")
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
    """Plain-language warnings for a mix far from the target, a rule of thumb (empty list: fine).

    A category is flagged when its share differs from the target by more than
    ``tolerance`` (10 percentage points by default); advertising above twice its
    target is always flagged, because hard selling drives people away.

    >>> mix_warnings(FORMULA_MIX)
    []
    >>> mix_warnings({"engaging": 0.3, "user_generated": 0.3, "educational": 0.2, "advertising": 0.2})
    ['Advertising is 20% of posts (rule of thumb 5%): too much selling makes followers tune out or leave.']
    """
    a = normalise_mix(dict(mix), "mix")
    b = normalise_mix(target, "target")
    validate.number("mix_warnings", "tolerance (a fraction such as 0.1)", tolerance, positive=True, below=1)
    advice = {
        ("engaging", "low"): "questions, polls and light posts get people reacting; give them more to react to.",
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
        warnings.append(f"{CATEGORY_LABELS[cat]} is {a[cat]:.0%} of posts (rule of thumb {b[cat]:.0%}): "
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
    func = "rebalance_percent"
    validate.choice(func, "changed", changed, CATEGORIES)
    value = validate.whole(func, "value (a whole percent)", value, 0, maximum=100)
    current = {cat: validate.whole(func, f"mix[{cat!r}] (a whole percent)", mix.get(cat, 0), 0)
               for cat in CATEGORIES}
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


#: Platforms a calendar may name (lower case). A brief may narrow the list with
#: ``CalendarRules(platforms=...)``; a name outside it is an error (a typo or an unknown network).
KNOWN_PLATFORMS: tuple[str, ...] = (
    "facebook", "instagram", "threads", "tiktok", "youtube", "telegram", "vk", "odnoklassniki",
    "linkedin", "x", "twitter", "pinterest", "whatsapp",
)

#: Where each guideline of :class:`CalendarRules` comes from. They are rules of
#: thumb, so :func:`validate_calendar` reports them as warnings, never as errors.
GUIDELINE_SOURCES: dict[str, str] = {
    "mix": "source 004's 40/30/25/5 content formula, one agency's rule of thumb",
    "ads_in_row": "the course's own judgement, after source 003's mistake 7 (too much promotional content)",
    "humour": "source 003's bank example (humour at most once a week), one client's choice",
    "posts_per_day": "source 002's '1-2 posts a day is optimal'; source 003 allows Facebook 1-5",
    "gap": "the course's own judgement on regularity (source 002: post regularly)",
}


@dataclass(frozen=True)
class CalendarRules:
    """What a content calendar is checked against: hard limits and guidelines.

    **Errors** (a plan with one is wrong, whatever the style):

    - ``platforms``: every post names a platform from this list
      (default :data:`KNOWN_PLATFORMS`; a brief can narrow it; ``None`` accepts any);
    - ``start`` / ``end``: when given, every post falls inside this period;
    - every category is one of the four of the formula, and the columns are there.

    **Guidelines** (rules of thumb, reported as warnings with their source,
    :data:`GUIDELINE_SOURCES`; set one to ``None`` to switch it off, or give a
    brief its own numbers):

    - ``target_mix`` and ``mix_tolerance``: each category's share per platform
      within ``mix_tolerance`` of the target (default the 40/30/25/5 formula, 004);
    - ``max_ads_in_row``: at most this many advertising posts one after another (default 1);
    - ``max_humour_per_week``: humour at most this often per platform per week
      (default ``None``: source 003 states it for one bank, not for every brand);
    - ``max_posts_per_day``: at most this many posts per platform per day (default 2, source 002);
    - ``max_gap_days``: at most this many days in a row without a post (default 1).
    """

    target_mix: Mapping[str, float] | None = field(default_factory=lambda: dict(FORMULA_MIX))
    mix_tolerance: float = 0.05
    max_ads_in_row: int | None = 1
    max_humour_per_week: int | None = None
    max_posts_per_day: int | None = 2
    max_gap_days: int | None = 1
    platforms: tuple[str, ...] | None = KNOWN_PLATFORMS
    start: str | None = None
    end: str | None = None

    def __post_init__(self) -> None:
        if self.target_mix is not None:
            normalise_mix(self.target_mix, "target_mix")
        validate.number("CalendarRules", "mix_tolerance (a fraction such as 0.1)", self.mix_tolerance, below=1)
        for name in ("max_ads_in_row", "max_humour_per_week", "max_posts_per_day", "max_gap_days"):
            if getattr(self, name) is not None:  # None switches a guideline off
                validate.whole("CalendarRules", name, getattr(self, name), 1 if name == "max_posts_per_day" else 0)
        if self.platforms is not None:
            names = validate.items("CalendarRules", "platforms", self.platforms, what="a list of names")
            object.__setattr__(self, "platforms", tuple(str(p).lower() for p in names))
        for name in ("start", "end"):
            if getattr(self, name) is not None:
                validate.date("CalendarRules", name, getattr(self, name))
        if self.start is not None and self.end is not None and pd.Timestamp(self.end) < pd.Timestamp(self.start):
            raise ValueError(f"end ({self.end}) is before start ({self.start})")


@dataclass(frozen=True)
class Violation:
    """One finding: which ``rule``, a plain ``reason``, the calendar ``rows`` involved,
    its ``severity`` (``"error"`` or ``"warning"``) and, for a guideline, its ``source``."""

    rule: str
    reason: str
    rows: tuple[int, ...] = ()
    severity: str = "error"
    source: str = ""

    @property
    def is_error(self) -> bool:
        """True for a genuine error; False for a guideline warning."""
        return self.severity == "error"

    def __str__(self) -> str:
        if self.is_error:
            return f"[error: {self.rule}] {self.reason}"
        return f"[guideline: {self.rule}] {self.reason} (Guideline from {self.source}.)"


def calendar_errors(findings: Iterable[Violation]) -> list[Violation]:
    """The genuine errors among :func:`validate_calendar`'s findings (empty: the plan is valid)."""
    return [f for f in findings if f.is_error]


#: The rule names :func:`validate_calendar` can report: errors, then guidelines.
ERROR_RULES = ("columns", "category", "platform", "period")
RULES = (*ERROR_RULES, *GUIDELINE_SOURCES)


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
    ``rules.max_humour_per_week`` (one when the rules set no limit) engaging
    posts per platform and week become humour (a meme or an anecdote). Weeks
    are 7-day blocks from ``start``.

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
    validate.items("generate_calendar", "posts_per_day", posts_per_day, what="a dict such as {'facebook': 1}",
                   empty=False)
    for platform, n in posts_per_day.items():
        validate.whole("generate_calendar", f"posts_per_day[{platform!r}]", n, 1)
        if rules.max_posts_per_day is not None and n > rules.max_posts_per_day:
            raise ValueError(f"posts_per_day[{platform!r}] = {n} breaks the rule of at most "
                             f"{rules.max_posts_per_day} posts a day; lower it or relax the rules")
    first_day = validate.date("generate_calendar", "start", start).normalize()
    rng = np.random.default_rng(seed)
    target = normalise_mix(rules.target_mix if rules.target_mix is not None else FORMULA_MIX, "rules.target_mix")
    humour_per_week = 1 if rules.max_humour_per_week is None else rules.max_humour_per_week
    rows = []
    for platform, per_day in posts_per_day.items():
        total = weeks * 7 * per_day
        order = _order_posts(_largest_remainder(target, total),
                             total if rules.max_ads_in_row is None else rules.max_ads_in_row, rng)
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
            k = min(humour_per_week, len(engaging))
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
    """Check a content calendar; return **every** finding, errors first (empty list: nothing to report).

    The calendar needs the columns ``date``, ``platform``, ``category`` and
    ``humour`` (bool); ``slot`` (order within a day) is used when present.

    Errors (``severity == "error"``; :func:`calendar_errors` keeps only these):
    ``columns`` (a missing column, no rows, dates that are not dates),
    ``category`` (not one of the four of the formula), ``platform`` (not in
    ``rules.platforms``), ``period`` (a post before ``rules.start`` or after ``rules.end``).

    Guidelines (``severity == "warning"``, each with its ``source``), per platform:
    ``mix``, ``ads_in_row``, ``humour``, ``posts_per_day``, ``gap`` (see
    :class:`CalendarRules`). A guideline set to ``None`` is not checked.

    >>> bad = pd.DataFrame({"date": pd.to_datetime(["2025-01-06", "2025-01-07"]),
    ...                     "platform": ["facebook", "facebok"], "category": ["advertising", "advertising"],
    ...                     "humour": False})
    >>> [(v.severity, v.rule) for v in validate_calendar(bad)][:2]
    [('error', 'platform'), ('warning', 'mix')]
    """
    rules = rules or CalendarRules()
    validate.instance("validate_calendar", "calendar", calendar, pd.DataFrame, "a pandas DataFrame")
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
    errors: list[Violation] = []
    warnings: list[Violation] = []

    def warn(rule: str, reason: str, rows: tuple[int, ...] = ()) -> None:
        warnings.append(Violation(rule, reason, rows, "warning", GUIDELINE_SOURCES[rule]))

    bad_cat = ~cal["category"].isin(CATEGORIES)
    for row, value in zip(cal.loc[bad_cat, "_row"], cal.loc[bad_cat, "category"], strict=True):
        errors.append(Violation("category", f"Row {row}: category {value!r} is not one of "
                                            f"{list(CATEGORIES)}.", (int(row),)))
    if rules.platforms is not None:
        names = cal["platform"].astype(str).str.lower()
        for value, group in cal[~names.isin(rules.platforms)].groupby("platform", sort=True):
            errors.append(Violation("platform", f"Platform {value!r} (rows {', '.join(map(str, group['_row'][:5]))}"
                                                f"{', ...' if len(group) > 5 else ''}) is not one of "
                                                f"{', '.join(rules.platforms)}; check the spelling.",
                                    tuple(int(r) for r in group["_row"])))
    for bound, outside, word in (("start", cal["date"] < pd.Timestamp(rules.start or "1900-01-01"), "before"),
                                 ("end", cal["date"] > pd.Timestamp(rules.end or "2262-01-01"), "after")):
        if getattr(rules, bound) is not None and outside.any():
            rows = tuple(int(r) for r in cal.loc[outside, "_row"])
            errors.append(Violation("period", f"{len(rows)} post(s) fall {word} the plan's period "
                                              f"({rules.start or '...'} to {rules.end or '...'}), e.g. row {rows[0]}.",
                                    rows))
    target = normalise_mix(rules.target_mix, "rules.target_mix") if rules.target_mix is not None else None
    first_day = cal["date"].min()
    sort_cols = ["date", "slot"] if "slot" in cal.columns else ["date"]

    for platform, posts in cal.groupby("platform", sort=True):
        posts = posts.sort_values(sort_cols, kind="stable")
        known = posts.loc[posts["category"].isin(CATEGORIES), "category"]
        if target is not None and len(known):
            shares = mix_shares(known)
            for cat in CATEGORIES:
                if abs(shares[cat] - target[cat]) > rules.mix_tolerance + _TOLERANCE:
                    warn("mix", f"{platform}: {CATEGORY_LABELS[cat].lower()} posts are {shares[cat]:.0%} "
                                f"of the plan, the guideline is {target[cat]:.0%} "
                                f"(±{rules.mix_tolerance:.0%}).")
        rows = posts["_row"].to_numpy()
        if rules.max_ads_in_row is not None:
            for start, length in _runs((posts["category"] == "advertising").tolist()):
                if length > rules.max_ads_in_row:
                    day = posts["date"].iloc[start].date()
                    warn("ads_in_row", f"{platform}: {length} advertising posts in a row from {day} "
                                       f"(guideline: at most {rules.max_ads_in_row}); consider useful or "
                                       f"engaging posts between them.",
                         tuple(int(r) for r in rows[start:start + length]))
        if rules.max_humour_per_week is not None:
            humour = posts[posts["humour"].astype(bool)]
            for week, group in humour.groupby((humour["date"] - first_day).dt.days // 7 + 1):
                if len(group) > rules.max_humour_per_week:
                    warn("humour", f"{platform}: {len(group)} humour posts in week {week} "
                                   f"(guideline: at most {rules.max_humour_per_week} a week).",
                         tuple(int(r) for r in group["_row"]))
        per_day = posts.groupby("date")["_row"].agg(list)
        if rules.max_posts_per_day is not None:
            for day, day_rows in per_day.items():
                if len(day_rows) > rules.max_posts_per_day:
                    warn("posts_per_day", f"{platform}: {len(day_rows)} posts on {day.date()} "
                                          f"(guideline: at most {rules.max_posts_per_day} a day).",
                         tuple(int(r) for r in day_rows))
        if rules.max_gap_days is not None:
            days = pd.DatetimeIndex(sorted(per_day.index))
            for before, after in zip(days[:-1], days[1:], strict=True):
                empty = (after - before).days - 1
                if empty > rules.max_gap_days:
                    warn("gap", f"{platform}: no post for {empty} days between {before.date()} and "
                                f"{after.date()} (guideline: at most {rules.max_gap_days} empty day(s) in a row).")
    return errors + warnings
