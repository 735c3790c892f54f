"""The Strategy chapter's tools: goals and their KPIs, where SMM fits a business,
a goal → KPI → budget planner, a generated audience and its segmentation.

- :data:`GOALS`, :data:`GOAL_KPIS` -- the six campaign goals (source 003) plus
  customer support (004) and the KPI each is measured by (004, 000);
- :data:`BUSINESS_SEGMENTS`, :func:`smm_fit` -- where SMM works and where it
  does not (003);
- :data:`LAUNCH_CHECKLIST` -- the campaign launch steps in order (003);
- :func:`plan_budget` -- from a lead target and a
  cost-per-lead cap to a budget and a funnel (000: the clinic brief; drawn by
  :func:`smmlib.funnel.funnel_figure`);
- :func:`audience_revenue` -- why audience size is not money (002);
- :func:`generate_audience`, :func:`segment_table`, :func:`choose_segment` --
  a seeded follower table and how to pick the segment to target first.

Numbers from the sources are practitioners' rules of thumb.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .validate import choice, number, whole

__all__ = [
    "BUSINESS_SEGMENTS",
    "CONTENT_FORMS",
    "GOALS",
    "GOAL_KPIS",
    "LAUNCH_CHECKLIST",
    "MONETISATION",
    "TONES",
    "BudgetPlan",
    "FitVerdict",
    "audience_revenue",
    "choose_segment",
    "generate_audience",
    "generate_brief",
    "plan_budget",
    "segment_table",
    "smm_fit",
]

#: The six campaign goals of source 003, in our words.
GOALS: dict[str, str] = {
    "traffic": "send people from the network to the website ('traffic donation')",
    "in-network sales": "sell inside the network itself (orders in messages, shops in the app)",
    "repeat sales": "bring existing customers back to buy again",
    "branding": "make the brand known, liked and trusted",
    "neutralising negativity": "find and defuse complaints and bad news early",
    "personal branding": "make a person (founder, expert) visible and trusted",
}

#: Each goal's main KPI and supporting ones (004: "every task has its KPI"; 000).
#: "customer support" is source 004's example task; the rest are the goals above.
GOAL_KPIS: dict[str, tuple[str, ...]] = {
    "customer support": ("requests received and handled", "response time"),
    "branding": ("reach", "community growth"),
    "traffic": ("clicks to the site", "site visits from social (UTM)"),
    "repeat sales": ("steady engagement of followers", "repeat purchases from social"),
    "in-network sales": ("leads and orders", "cost per lead"),
    "neutralising negativity": ("share of negative mentions", "time to answer complaints"),
    "personal branding": ("mentions of the person", "reach"),
}

#: Where SMM works in the view of source 003 (summarising Khalilov's 2013 book):
#: segment -> (fits in the source's view?, what SMM does there).
BUSINESS_SEGMENTS: dict[str, tuple[bool, str]] = {
    "large business": (True, "strategic and long-term: branding, awareness, loyalty, trust, "
                             "tracking opinion and neutralising negativity"),
    "small and medium business": (True, "tactical: announcing discounts and bringing customers "
                                        "back for repeat purchases"),
    "online business": (True, "quality traffic that converts well: online shops, services, start-ups"),
    "b2b": (True, "find representatives of the target audience and target them by profession "
                  "or education"),
    "expensive specialised b2b": (False, "decision makers are hard to target, deals are closed in "
                                         "personal meetings and there is little news to post; "
                                         "industry media and contextual ads work better"),
}

#: Today's counter-case to a segment the source calls a poor fit (course's note, checked 2026).
TODAY: dict[str, str] = {
    "expensive specialised b2b": (
        "today a narrow, targeted form works: LinkedIn ads can be aimed by job title, industry and "
        "company, and account-based marketing aims content and ads at the buying committee of named "
        "target companies; social media then supports the sales team's meetings rather than selling by "
        "itself, so judge it by meetings and pipeline, not by likes"),
}

#: The campaign launch checklist of source 003, in order.
LAUNCH_CHECKLIST: tuple[str, ...] = (
    "List the tasks the campaign must solve",
    "Define the target audience",
    "Register the profiles or communities",
    "Find the platforms where the audience already is",
    "Find out how the audience is active there (watchers, discussers, creators)",
    "Choose a presentation style",
    "List twenty topics of greatest interest",
    "List the core content areas",
    "Write the titles of the first twenty posts",
    "Set the posting frequency per site",
    "Design how performance will be evaluated",
    "Decide who does the work (in-house or outsourced)",
)

#: Content forms (source 002) and tones (002) / presentation styles (003).
CONTENT_FORMS: tuple[str, ...] = ("text", "photo", "video", "quote", "anecdote", "meme")
TONES: tuple[str, ...] = ("friendly", "business-like", "informal", "formal", "professional")

#: The three ways to earn from an audience (source 002), most common first.
MONETISATION: dict[str, str] = {
    "advertising": "sell posts to advertisers: the most common way and the least profitable",
    "affiliate programmes": "earn a commission on partners' sales you bring",
    "own goods and services": "sell your own products to the audience you built",
}


# ----------------------------------------------------------------------------- business fit


@dataclass(frozen=True)
class FitVerdict:
    """The answer of :func:`smm_fit`: the ``segment``, whether SMM ``fits`` in source 003's view,
    why, and (where the source's view is dated) ``today``'s counter-case."""

    segment: str
    fits: bool
    reason: str
    today: str = ""

    def __str__(self) -> str:
        verdict = "SMM fits" if self.fits else "source 003 (2013 view): SMM is a poor fit"
        text = f"{verdict} ({self.segment}): {self.reason}."
        return f"{text} But {self.today}." if self.today else text


def smm_fit(sells_to: str, size: str = "small", online: bool = False, expensive: bool = False,
            specialised: bool = False) -> FitVerdict:
    """What SMM can do for a business, following source 003's segments, with today's view.

    ``sells_to`` is ``"consumers"`` or ``"businesses"``; ``size`` is ``"small"``,
    ``"medium"`` or ``"large"``. The source calls a business that sells
    expensive, highly specialised products to other businesses the one poor
    fit; ``today`` gives the present-day counter-case (targeted B2B social).

    >>> smm_fit("businesses", expensive=True, specialised=True).fits
    False
    >>> smm_fit("consumers", size="large").segment
    'large business'
    """
    choice("smm_fit", "sells_to", sells_to, ("consumers", "businesses"))
    choice("smm_fit", "size", size, ("small", "medium", "large"))
    if sells_to == "businesses":
        segment = "expensive specialised b2b" if expensive and specialised else "b2b"
    elif online:
        segment = "online business"
    else:
        segment = "large business" if size == "large" else "small and medium business"
    fits, reason = BUSINESS_SEGMENTS[segment]
    return FitVerdict(segment, fits, reason, TODAY.get(segment, ""))


# ----------------------------------------------------------------------------- budget


@dataclass(frozen=True)
class BudgetPlan:
    """A lead target turned into funnel targets and a budget (see :func:`plan_budget`)."""

    target_leads: int
    cpl_cap: float
    conversion_rate: float
    ctr: float
    clicks_needed: int
    impressions_needed: int
    budget: float
    max_cpc: float
    max_cpm: float
    cpm: float | None = None
    expected_cost: float | None = None
    expected_cpl: float | None = None

    @property
    def feasible(self) -> bool | None:
        """True when the expected cost per lead is within the cap (None without a CPM)."""
        return None if self.expected_cpl is None else self.expected_cpl <= self.cpl_cap + 1e-9

    def funnel(self) -> pd.DataFrame:
        """The funnel as a table: stage and number of people needed."""
        return pd.DataFrame({"stage": ["Impressions", "Clicks", "Leads"],
                             "people": [self.impressions_needed, self.clicks_needed, self.target_leads]})

    def summary(self, currency: str = "") -> str:
        """The plan in plain language."""
        cur = f" {currency}" if currency else ""
        text = (f"To get {self.target_leads:,} leads at no more than {self.cpl_cap:,.0f}{cur} each, the "
                f"budget is at most {self.budget:,.0f}{cur}. With {self.conversion_rate:.1%} of clicks "
                f"becoming leads you need {self.clicks_needed:,} clicks, and with a {self.ctr:.2%} "
                f"click-through rate {self.impressions_needed:,} impressions. A click may cost at most "
                f"{self.max_cpc:,.0f}{cur} (1,000 impressions at most {self.max_cpm:,.0f}{cur}).")
        if self.expected_cpl is not None:
            verdict = ("within the cap" if self.feasible else
                       "ABOVE the cap: improve the click-through or conversion rate, or renegotiate the target")
            text += (f" At a CPM of {self.cpm:,.0f}{cur} the campaign would cost about "
                     f"{self.expected_cost:,.0f}{cur}, a cost per lead of {self.expected_cpl:,.0f}{cur}: "
                     f"{verdict}.")
        return text


def plan_budget(target_leads: int, cpl_cap: float, conversion_rate: float, ctr: float,
                cpm: float | None = None) -> BudgetPlan:
    """Work backwards from a lead target to funnel targets and a budget.

    - budget = target_leads × cpl_cap (the most you may spend);
    - clicks_needed = ⌈target_leads / conversion_rate⌉;
    - impressions_needed = ⌈clicks_needed / ctr⌉;
    - max_cpc = cpl_cap × conversion_rate; max_cpm = 1000 × max_cpc × ctr;
    - with a ``cpm``: expected_cost = impressions_needed / 1000 × cpm and
      expected_cpl = expected_cost / target_leads.

    Rates are fractions (2% = 0.02).

    >>> plan = plan_budget(100, 50_000, conversion_rate=0.05, ctr=0.01, cpm=20_000)
    >>> plan.budget, plan.clicks_needed, plan.impressions_needed, plan.max_cpc
    (5000000.0, 2000, 200000, 2500.0)
    >>> plan.expected_cpl, plan.feasible
    (40000.0, True)
    """
    target_leads = whole("plan_budget", "target_leads", target_leads, 1)
    cap = number("plan_budget", "cpl_cap", cpl_cap, positive=True)
    conv = number("plan_budget", "conversion_rate", conversion_rate, positive=True, fraction=True)
    rate = number("plan_budget", "ctr", ctr, positive=True, fraction=True)
    # round() before ceil() so that 100 / 0.05 = 2000.0000000002 does not become 2001
    clicks = math.ceil(round(target_leads / conv, 9))
    impressions = math.ceil(round(clicks / rate, 9))
    max_cpc = cap * conv
    plan = dict(target_leads=int(target_leads), cpl_cap=cap, conversion_rate=conv, ctr=rate,
                clicks_needed=clicks, impressions_needed=impressions, budget=target_leads * cap,
                max_cpc=max_cpc, max_cpm=1000 * max_cpc * rate)
    if cpm is not None:
        price = number("plan_budget", "cpm", cpm, positive=True)
        cost = impressions / 1000 * price
        plan.update(cpm=price, expected_cost=cost, expected_cpl=cost / target_leads)
    return BudgetPlan(**plan)


def audience_revenue(members: int, active_share: float, buyer_share: float, avg_order: float) -> float:
    """Expected revenue from a community in one period.

    revenue = members × active_share × buyer_share × avg_order
    (buyer_share is the share of *active* members who buy).

    A big passive group can earn less than a small active one (source 002):

    >>> audience_revenue(100_000, 0.005, 0.02, 30)
    300.0
    >>> audience_revenue(2_500, 0.6, 0.1, 30)
    4500.0
    """
    members = whole("audience_revenue", "members", members)
    active_share = number("audience_revenue", "active_share", active_share, fraction=True)
    buyer_share = number("audience_revenue", "buyer_share", buyer_share, fraction=True)
    avg_order = number("audience_revenue", "avg_order", avg_order)
    return round(float(members * active_share * buyer_share * avg_order), 9)


# ----------------------------------------------------------------------------- audience

AGE_GROUPS: tuple[str, ...] = ("18-24", "25-34", "35-44", "45-54", "55+")
CITIES: tuple[str, ...] = ("Tashkent", "Almaty", "Tallinn", "Tbilisi", "Moscow")
INTERESTS: tuple[str, ...] = ("parenting", "fashion", "sport", "cooking", "travel", "technology")
_AGE_P = np.array([0.17, 0.38, 0.27, 0.12, 0.06])
_AGE_EDGES = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 70))
_AGE_BUY = np.array([0.5, 1.4, 1.2, 0.8, 0.6])
_INTEREST_P = np.array([0.30, 0.22, 0.14, 0.14, 0.12, 0.08])
_INTEREST_BUY = np.array([1.5, 1.1, 0.7, 0.8, 0.8, 0.6])


def generate_audience(seed: int = 0, n: int = 3000) -> pd.DataFrame:
    """Generate the followers of a (fictional) online shop of children's clothes.

    The shop echoes the example of source 003. Parents aged 25-44 and people
    interested in parenting buy most, women a little more often than men;
    each city's appetite is drawn from the seed, so the best city differs from
    seed to seed. Columns: ``follower_id``, ``age``, ``age_group``, ``gender``,
    ``city``, ``interest``, ``engaged`` (liked or commented in the last month),
    ``bought`` (bought in the last quarter).

    >>> aud = generate_audience(seed=1, n=500)
    >>> aud.shape, sorted(aud["gender"].unique())
    ((500, 8), ['female', 'male'])
    """
    n = whole("generate_audience", "n (followers to generate)", n, 50, maximum=1_000_000)
    rng = np.random.default_rng(seed)
    city_p = rng.dirichlet(np.full(len(CITIES), 6.0))
    city_buy = rng.uniform(0.6, 1.6, len(CITIES))
    age_idx = rng.choice(len(AGE_GROUPS), size=n, p=_AGE_P)
    edges = np.array(_AGE_EDGES)[age_idx]
    ages = rng.integers(edges[:, 0], edges[:, 1] + 1)
    female = rng.random(n) < 0.68
    city_idx = rng.choice(len(CITIES), size=n, p=city_p)
    interest_idx = rng.choice(len(INTERESTS), size=n, p=_INTEREST_P)
    engaged_p = np.clip(0.18 * _INTEREST_BUY[interest_idx] * np.where(female, 1.1, 0.9), 0, 0.9)
    engaged = rng.random(n) < engaged_p
    buy_p = (0.035 * _AGE_BUY[age_idx] * _INTEREST_BUY[interest_idx] * city_buy[city_idx]
             * np.where(female, 1.15, 0.8) * np.where(engaged, 1.8, 1.0))
    bought = rng.random(n) < np.clip(buy_p, 0, 0.95)
    return pd.DataFrame({
        "follower_id": np.arange(1, n + 1),
        "age": ages.astype(int),
        "age_group": np.array(AGE_GROUPS)[age_idx],
        "gender": np.where(female, "female", "male"),
        "city": np.array(CITIES)[city_idx],
        "interest": np.array(INTERESTS)[interest_idx],
        "engaged": engaged,
        "bought": bought,
    })


def segment_table(audience: pd.DataFrame, by: str | Sequence[str]) -> pd.DataFrame:
    """Size and behaviour of each segment of an audience.

    Per segment: ``followers``, ``share`` (of all followers), ``engagement_rate``
    (engaged / followers), ``purchase_rate`` (bought / followers) and ``buyers``.
    Sorted by purchase rate, highest first.

    >>> aud = pd.DataFrame({"city": ["A", "A", "B", "B", "B"], "engaged": [1, 0, 1, 1, 0],
    ...                     "bought": [1, 0, 0, 1, 0]})
    >>> segment_table(aud, "city")[["followers", "share", "purchase_rate"]].round(3).values.tolist()
    [[2.0, 0.4, 0.5], [3.0, 0.6, 0.333]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    if not keys:
        raise ValueError("segment_table(): give at least one column to segment by, e.g. 'city'")
    needed = [*keys, "engaged", "bought"]
    missing = [c for c in needed if c not in getattr(audience, "columns", [])]
    if missing:
        raise ValueError(f"segment_table(): the audience has no column(s) {missing}; "
                         f"available: {list(getattr(audience, 'columns', []))}")
    grouped = audience.groupby(keys, observed=True)
    table = pd.DataFrame({
        "followers": grouped.size().astype(float),
        "engaged": grouped["engaged"].sum().astype(float),
        "buyers": grouped["bought"].sum().astype(float),
    })
    table["share"] = table["followers"] / len(audience)
    table["engagement_rate"] = table["engaged"] / table["followers"]
    table["purchase_rate"] = table["buyers"] / table["followers"]
    table = table[["followers", "share", "engagement_rate", "purchase_rate", "buyers"]]
    return table.sort_values(["purchase_rate", "followers"], ascending=False, kind="stable")


def choose_segment(table: pd.DataFrame, min_share: float = 0.05) -> object:
    """The segment to target first: the highest purchase rate among segments
    holding at least ``min_share`` of the followers (tiny segments are ignored:
    their rates rest on a handful of people and they cannot carry a campaign).

    Returns the segment's label (a tuple when the table has several keys).

    >>> t = pd.DataFrame({"share": [0.02, 0.3, 0.68], "purchase_rate": [0.5, 0.1, 0.05]},
    ...                  index=pd.Index(["tiny", "good", "big"], name="city"))
    >>> choose_segment(t)
    'good'
    """
    min_share = number("choose_segment", "min_share (a fraction such as 0.05)", min_share, below=1)
    for column in ("share", "purchase_rate"):
        if column not in table.columns:
            raise ValueError(f"choose_segment() needs a table from segment_table(); no column {column!r}")
    eligible = table[table["share"] >= min_share]
    if eligible.empty:
        raise ValueError(f"no segment holds at least {min_share:.0%} of the followers; "
                         "segment by fewer columns or lower min_share")
    best = eligible["purchase_rate"].idxmax()
    return best.item() if isinstance(best, np.generic) else best



# ----------------------------------------------------------------------------- briefs

_BUSINESSES = ("children's clothing shop", "dental clinic", "language school", "furniture store", "bakery chain")


def generate_brief(seed: int = 0) -> pd.DataFrame:
    """A client's brief for the Strategy exercises (one row, seeded).

    Columns: ``business``, ``target_leads`` (per month), ``cpl_cap`` (the most a
    lead may cost), ``conversion_rate`` (clicks → leads), ``ctr``
    (impressions → clicks), ``cpm`` (price of 1,000 impressions), and the
    client's current content mix in whole percents: ``mix_engaging``,
    ``mix_user_generated``, ``mix_educational``, ``mix_advertising`` (sum 100).
    Money is in an unnamed currency unit.

    >>> brief = generate_brief(seed=3)
    >>> int(brief[["mix_engaging", "mix_user_generated", "mix_educational", "mix_advertising"]].sum(axis=1).iloc[0])
    100
    >>> generate_brief(seed=3).equals(brief)
    True
    """
    rng = np.random.default_rng(seed)
    mix = rng.dirichlet([3.0, 1.5, 2.0, 3.0])
    percents = np.floor(mix * 100).astype(int)
    percents[int(np.argmax(mix * 100 - percents))] += 100 - int(percents.sum())
    return pd.DataFrame([{
        "business": _BUSINESSES[int(rng.integers(len(_BUSINESSES)))],
        "target_leads": int(rng.integers(6, 31)) * 10,
        "cpl_cap": int(rng.integers(8, 25)) * 500,
        "conversion_rate": float(rng.choice([0.02, 0.025, 0.04, 0.05, 0.08])),
        "ctr": float(rng.choice([0.005, 0.008, 0.01, 0.0125, 0.02])),
        "cpm": int(rng.integers(20, 121)) * 50,
        "mix_engaging": int(percents[0]),
        "mix_user_generated": int(percents[1]),
        "mix_educational": int(percents[2]),
        "mix_advertising": int(percents[3]),
    }])
