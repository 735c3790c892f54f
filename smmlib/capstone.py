"""The capstone: three client briefs from the sources, their data, and the automatic
checks of a student's campaign plan.

A plan is a plain dict (easy to write in a notebook, easy to grade)::

    plan = {
        "brief": "clinic",                       # one of BRIEFS
        "goal": "in-network sales",              # one of the brief's goals
        "kpis": ["leads and orders", "cost per lead"],
        "audience": "adults 25-49 in Tashkent who engage with ...",
        "platforms": ["instagram"],              # one (at most two) to start with
        "budget": 6_000_000,                     # for the four weeks, brief's currency
        "target_leads": 150,                     # briefs with a lead-cost cap
    }

The computable parts are checked here (:func:`check_plan`): the goal suits the
brief and the KPIs match the goal (source 004: every task has its KPI), the
four-week calendar passes :func:`smmlib.content.validate_calendar`, the budget
stays within the brief's limit and the lead-cost cap and is achievable on the
brief's data (:func:`smmlib.paid.allocate_budget`), the platforms are few
(master one platform first, sources 002/003), and the audience keeps to the
brief's platform rules (:func:`check_audience`: the clinic's ads go to adults
only and are not built from patients' records). The rest -- how well the
audience fits, content ideas, the analysis report -- is judged by an
instructor with ``docs/capstone-rubric.md``.

>>> [b.key for b in BRIEFS.values()]
['kids_clothing', 'bank', 'clinic']
>>> BRIEFS["clinic"].cpl_cap
50000.0
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import content, paid, strategy, validate
from .generate import generate_ad_sets, generate_mentions, generate_posts
from .viz import LOOKS

__all__ = [
    "BRIEFS",
    "CLINIC_SEGMENTS",
    "KPIS",
    "Brief",
    "Check",
    "PlanReport",
    "brief_data",
    "check_audience",
    "check_budget",
    "check_calendar",
    "check_goal_kpis",
    "check_plan",
    "check_platforms",
    "generate_clinic_ad_sets",
]

#: Every KPI name a plan may use (the KPIs of :data:`smmlib.strategy.GOAL_KPIS`).
KPIS: tuple[str, ...] = tuple(dict.fromkeys(k for kpis in strategy.GOAL_KPIS.values() for k in kpis))


@dataclass(frozen=True)
class Brief:
    """A client brief: who the client is, what they want, and the limits of the plan."""

    key: str
    title: str
    client: str
    source: str
    goals: tuple[str, ...]       # goals that suit this client (first: the client's main one)
    platforms: tuple[str, ...]   # the platforms the source suggests
    currency: str
    max_budget: float            # the most the client will spend in four weeks
    cpl_cap: float | None        # the most a lead may cost (None: not a lead-generation brief)
    datasets: tuple[str, ...]    # names of the data in :func:`brief_data`
    #: The calendar's limits and guidelines for this client (:class:`smmlib.content.CalendarRules`).
    calendar_rules: content.CalendarRules = content.CalendarRules()

    def markdown(self) -> str:
        """The brief as a short Markdown block for the chapter."""
        cap = (f"a lead may cost at most **{self.cpl_cap:,.0f} {self.currency}**"
               if self.cpl_cap else "no lead-cost cap (an awareness brief)")
        return (f"**{self.title}** (`{self.key}`, {self.source})  \n{self.client}  \n"
                f"Suitable goals: {', '.join(self.goals)}. Platforms in the source: "
                f"{', '.join(self.platforms)}. Budget for four weeks at most "
                f"**{self.max_budget:,.0f} {self.currency}**; {cap}. Data: {', '.join(self.datasets)}."
                + (f"  \n*Careful:* {self.caution}" if self.caution else ""))

    #: What the plan must respect beyond the numbers (platform rules, health data, the market), shown with
    #: the brief as "Careful: ...". Empty for a brief without such rules.
    caution: str = ""
    #: The youngest age the brief's ads may target (Meta: cosmetic procedures 18+), or None.
    min_age: int | None = None
    #: True when the client's customer records are health data (no patient lists, no health interests).
    health_data: bool = False


BRIEFS: dict[str, Brief] = {
    "kids_clothing": Brief(
        key="kids_clothing", title="Children's clothing store",
        client="An online multibrand store of mid-price clothes for children aged 0-6 wants to "
               "stimulate sales (the key task) and build its brand, with ads for four audience segments.",
        source="source 003, the VKontakte example",
        goals=("in-network sales", "traffic", "branding"),
        platforms=("vk", "instagram"), currency="USD", max_budget=4_000.0, cpl_cap=7.0,
        datasets=("ad_sets", "posts"),
        caution="the source's platforms are those of the Russian-language market of about 2016. Which networks "
                "reach parents depends on the country (checked 2026): VK is little used outside that market, and "
                "Instagram has been blocked in Russia since March 2022. Argue the platform from your market."),
    "bank": Brief(
        key="bank", title="Bank",
        client="A large bank wants people to know its deposit products and to trust it; it posts "
               "1-2 times a day, with humour at most once a week.",
        source="source 003, the Facebook example",
        goals=("branding", "neutralising negativity"),
        platforms=("facebook", "telegram"), currency="USD", max_budget=6_000.0, cpl_cap=None,
        datasets=("mentions", "posts"),
        calendar_rules=content.CalendarRules(max_humour_per_week=1)),  # the bank's own choice (source 003)
    "clinic": Brief(
        key="clinic", title="Clinic",
        client="A chain of plastic-surgery clinics with a small budget wants leads now, each costing at most "
               "50,000 so'm (about 4 US dollars at the 2025 exchange rate). The source's advice: SMM is a long "
               "game; targeted ads get leads faster.",
        source="source 000, the FAQ",
        goals=("in-network sales", "traffic"),
        platforms=("instagram", "telegram"), currency="so'm", max_budget=12_000_000.0, cpl_cap=50_000.0,
        datasets=("ad_sets",),
        caution="cosmetic procedures and health data carry their own rules (checked 2026). Meta's Advertising "
                "Standards require ads for cosmetic procedures to target people aged 18 or over and forbid "
                "messages that play on insecurity about looks and idealised before-and-after pictures; "
                "targeting by health-related interests was removed in January 2022. Patients' records are "
                "health data: never upload patient lists or build lookalikes of past patients without each "
                "patient's explicit consent and a check of the local data-protection law (chapter 08).",
        min_age=18, health_data=True),
}

#: Audience segments of the clinic's generated ad sets.
#: The fourth is a lookalike of people who engaged with the clinic's own Instagram profile (platform
#: engagement, not patient records: see the brief's caution).
CLINIC_SEGMENTS: tuple[str, ...] = ("women 25-34", "women 35-49", "men 30-50", "page-engager lookalike")
# Segment -> (click-through rate, lead rate of clicks, CPM in so'm). Invented for teaching.
_CLINIC_TRUTH = {
    "women 25-34": (0.012, 0.06, 28_000.0),
    "women 35-49": (0.009, 0.05, 24_000.0),
    "men 30-50": (0.006, 0.03, 20_000.0),
    "page-engager lookalike": (0.010, 0.08, 32_000.0),
}


def generate_clinic_ad_sets(seed: int = 0, n_ad_sets: int = 8) -> pd.DataFrame:
    """Generate the clinic's past ad sets in so'm (same columns as
    :func:`smmlib.generate.generate_ad_sets`). Costs per lead run from about
    35,000 to 120,000 so'm, so some segments meet the 50,000 cap and some do not.

    >>> ads = generate_clinic_ad_sets(seed=1)
    >>> list(ads.columns), ads["segment"].nunique()
    (['ad_set', 'segment', 'impressions', 'clicks', 'spend', 'leads'], 4)
    """
    n_ad_sets = validate.whole("generate_clinic_ad_sets", "n_ad_sets", n_ad_sets, 1)
    rng = np.random.default_rng(seed)
    segment = [CLINIC_SEGMENTS[i % len(CLINIC_SEGMENTS)] for i in range(n_ad_sets)]
    truth = np.array([_CLINIC_TRUTH[s] for s in segment])
    ctr = truth[:, 0] * rng.lognormal(0, 0.15, n_ad_sets)
    lead_rate = truth[:, 1] * rng.lognormal(0, 0.15, n_ad_sets)
    cpm = truth[:, 2] * rng.lognormal(0, 0.1, n_ad_sets)
    spend = np.round(rng.uniform(1_500_000, 6_000_000, n_ad_sets), -3)
    impressions = np.rint(spend / cpm * 1000).astype(np.int64)
    clicks = rng.binomial(impressions, ctr)
    leads = np.maximum(rng.binomial(clicks, lead_rate), 1)
    return pd.DataFrame({
        "ad_set": [f"CL{i:02d}" for i in range(1, n_ad_sets + 1)],
        "segment": segment,
        "impressions": impressions,
        "clicks": clicks.astype(np.int64),
        "spend": spend.astype(float),
        "leads": leads.astype(np.int64),
    })


def get_brief(key: str) -> Brief:
    """The brief called ``key``; a ValueError lists the known keys."""
    return BRIEFS[validate.choice("get_brief", "key (the brief)", key, BRIEFS)]


def brief_data(key: str, seed: int = 0) -> dict[str, pd.DataFrame]:
    """The data that comes with brief ``key``, generated from ``seed`` (use your
    :func:`smmlib.generate.student_seed`).

    - kids_clothing: ``ad_sets`` (8 ad sets, four segments) and ``posts`` (VK, Instagram);
    - bank: ``mentions`` (of "Bahor Bank", 12 weeks) and ``posts`` (Facebook, Telegram);
    - clinic: ``ad_sets`` in so'm (:func:`generate_clinic_ad_sets`).

    >>> sorted(brief_data("bank", seed=3))
    ['mentions', 'posts']
    """
    brief = get_brief(key)
    if key == "kids_clothing":
        return {"ad_sets": generate_ad_sets(seed=seed),
                "posts": generate_posts(seed=seed, n_posts=240, platforms=list(brief.platforms))}
    if key == "bank":
        return {"mentions": generate_mentions(seed=seed),
                "posts": generate_posts(seed=seed, n_posts=240, platforms=list(brief.platforms))}
    return {"ad_sets": generate_clinic_ad_sets(seed=seed)}


# ----------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Check:
    """One automatic check of a plan: its name, whether it passed, and why."""

    name: str
    passed: bool
    message: str
    #: Guideline warnings: worth reading, never a reason to fail.
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        look = LOOKS["correct" if self.passed else "incorrect"]
        head = f"{look.symbol} {'PASS' if self.passed else 'FAIL'} {self.name}: {self.message}"
        return "\n".join([head, *(f"    warning: {w}" for w in self.warnings)])


@dataclass(frozen=True)
class PlanReport:
    """All automatic checks of a plan."""

    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        """True when every check passed."""
        return all(c.passed for c in self.checks)

    def text(self) -> str:
        """One line per check, then a summary line."""
        done = sum(c.passed for c in self.checks)
        return "\n".join([*map(str, self.checks), f"{done} of {len(self.checks)} checks passed."])

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(str(c))}</li>" for c in self.checks)
        done = sum(c.passed for c in self.checks)
        return f"<ul>{items}</ul><p><b>{done} of {len(self.checks)} checks passed.</b></p>"


def _plan_field(plan: Mapping, name: str) -> object:
    validate.instance(None, "the plan", plan, Mapping, "a dict like {'brief': 'clinic', 'goal': ...}")
    if name not in plan:
        raise KeyError(f"the plan has no {name!r}; add it, e.g. plan[{name!r}] = ...")
    return plan[name]


def check_goal_kpis(plan: Mapping) -> Check:
    """The goal suits the brief, and the KPIs are known and include one of the goal's own.

    >>> check_goal_kpis({"brief": "clinic", "goal": "branding", "kpis": ["reach"]}).passed
    False
    >>> check_goal_kpis({"brief": "clinic", "goal": "in-network sales",
    ...                  "kpis": ["cost per lead", "reach"]}).passed
    True
    """
    name = "goal and KPIs"
    try:
        brief = get_brief(str(_plan_field(plan, "brief")))
        goal, kpis = _plan_field(plan, "goal"), _plan_field(plan, "kpis")
    except (KeyError, TypeError, ValueError) as exc:
        return Check(name, False, str(exc).strip('"'))
    if goal not in strategy.GOALS:
        return Check(name, False, f"{goal!r} is not one of the goals {list(strategy.GOALS)}.")
    if goal not in brief.goals:
        return Check(name, False, f"{goal!r} does not fit the {brief.title.lower()} brief; "
                                  f"suitable goals: {', '.join(brief.goals)}.")
    if isinstance(kpis, str) or not isinstance(kpis, (list, tuple)) or not kpis:
        return Check(name, False, "kpis must be a non-empty list of KPI names, e.g. ['cost per lead'].")
    unknown = [k for k in kpis if k not in KPIS]
    if unknown:
        return Check(name, False, f"unknown KPI {unknown[0]!r}; use names from capstone.KPIS.")
    own = strategy.GOAL_KPIS[goal]
    if not set(kpis) & set(own):
        return Check(name, False, f"none of your KPIs measures the goal {goal!r}; "
                                  f"include {' or '.join(repr(k) for k in own)}.")
    if len(kpis) > 4:
        return Check(name, False, f"{len(kpis)} KPIs are too many to steer by; keep two to four.")
    return Check(name, True, f"goal {goal!r} suits the brief and is measured by "
                             f"{', '.join(k for k in kpis if k in own)}.")


def check_platforms(plan: Mapping, calendar: pd.DataFrame | None = None) -> Check:
    """The plan names its platforms and the calendar posts only on them.

    More than two platforms is a warning, not a failure: "master one platform
    first" is sources 002 and 003's rule of thumb, and a plan may break it
    with a reason (a brief that needs a messenger and a video platform, say).
    """
    name = "platforms"
    try:
        platforms = _plan_field(plan, "platforms")
    except (KeyError, TypeError) as exc:
        return Check(name, False, str(exc).strip('"'))
    if isinstance(platforms, str) or not isinstance(platforms, (list, tuple)) or not platforms:
        return Check(name, False, "platforms must be a non-empty list, e.g. ['instagram'].")
    warnings: tuple[str, ...] = ()
    if len(platforms) > 2:
        warnings = (f"{len(platforms)} platforms: sources 002 and 003 advise starting with one (at most two) "
                    "and mastering it before adding more, a rule of thumb; say in the plan why this brief "
                    "needs more.",)
    if calendar is not None and "platform" in calendar.columns:
        extra = sorted(set(calendar["platform"]) - set(platforms))
        if extra:
            return Check(name, False, f"the calendar posts on {extra}, which the plan does not list.", warnings)
    return Check(name, True, f"on {', '.join(platforms)}.", warnings)


#: Plans shorter or longer than this (in days) get a warning: too short to show a rhythm,
#: too long to plan in detail. Not an error: the length is the planner's choice.
SENSIBLE_DAYS: tuple[int, int] = (7, 92)


def check_calendar(calendar: pd.DataFrame, weeks: int | None = None,
                   rules: content.CalendarRules | None = None) -> Check:
    """The calendar has no genuine errors; guidelines and length come back as warnings.

    Fails only on what :func:`smmlib.content.calendar_errors` reports under
    ``rules`` (a brief's own :attr:`Brief.calendar_rules`; default
    :class:`~smmlib.content.CalendarRules`): a missing column, an unknown
    platform or category, a post outside the period. The sources' rules of
    thumb (mix, ads in a row, humour, posts a day, gaps) are listed in
    ``warnings`` with their source. Any length from one week to a quarter
    (:data:`SENSIBLE_DAYS`) is fine; ``weeks``, when a brief asks for a
    length, adds a warning if the plan differs.

    >>> cal = content.generate_calendar(seed=1, weeks=2, posts_per_day={"instagram": 1})
    >>> check_calendar(cal).passed
    True
    >>> print(check_calendar(cal.assign(platform="instagam")).message.split(";")[0])
    Platform 'instagam' (rows 0, 1, 2, 3, 4, ...) is not one of facebook, instagram, threads, tiktok, youtube, telegram, vk, odnoklassniki, linkedin, x, twitter, pinterest, whatsapp
    """
    name = "content calendar"
    if not isinstance(calendar, pd.DataFrame):
        return Check(name, False, f"the calendar must be a DataFrame, got {type(calendar).__name__}.")
    findings = content.validate_calendar(calendar, rules)
    errors = content.calendar_errors(findings)
    if errors:
        more = f" (and {len(errors) - 1} more error(s))" if len(errors) > 1 else ""
        return Check(name, False, f"{errors[0].reason}{more}")
    warnings = [str(f) for f in findings if not f.is_error]
    dates = pd.to_datetime(calendar["date"]).dt.normalize()
    days = (dates.max() - dates.min()).days + 1
    low, high = SENSIBLE_DAYS
    if days < low:
        warnings.append(f"[guideline: length] the plan spans {days} day(s); a week or more shows a rhythm. "
                        "(Guideline: the course's own judgement.)")
    elif days > high:
        warnings.append(f"[guideline: length] the plan spans {days} days; beyond a quarter, plan the next "
                        "months in outline. (Guideline: the course's own judgement.)")
    if weeks is not None and days != 7 * weeks:
        warnings.append(f"[brief: length] the plan spans {days} days; the brief asks for {weeks} weeks "
                        f"({7 * weeks} days).")
    note = f"; {len(warnings)} guideline warning(s) to consider" if warnings else ""
    return Check(name, True, f"{len(calendar)} posts over {days} days, no errors{note}.", tuple(warnings))


def check_budget(plan: Mapping, ad_sets: pd.DataFrame | None = None) -> Check:
    """The budget is within the brief's limit and, for lead briefs, budget / target_leads
    is within the cost-per-lead cap and the target is achievable on the brief's ad sets
    (:func:`smmlib.paid.allocate_budget`, cheapest leads first, 3× saturation).

    >>> check_budget({"brief": "clinic", "budget": 6_000_000, "target_leads": 150}).passed
    True
    >>> print(check_budget({"brief": "clinic", "budget": 6_000_000, "target_leads": 100}).message)
    6,000,000 so'm for 100 leads: 60,000 so'm per lead, above the cap of 50,000 so'm.
    """
    name = "budget"
    try:
        brief = get_brief(str(_plan_field(plan, "brief")))
        budget = _plan_field(plan, "budget")
    except (KeyError, TypeError, ValueError) as exc:
        return Check(name, False, str(exc).strip('"'))
    cur = brief.currency
    if isinstance(budget, bool) or not isinstance(budget, (int, float, np.integer, np.floating)) or budget <= 0:
        return Check(name, False, f"budget must be a positive number of {cur}, got {budget!r}.")
    if budget > brief.max_budget:
        return Check(name, False, f"{budget:,.0f} {cur} is above the client's limit of "
                                  f"{brief.max_budget:,.0f} {cur} for four weeks.")
    if brief.cpl_cap is None:
        return Check(name, True, f"{budget:,.0f} {cur}, within the limit of {brief.max_budget:,.0f} {cur}.")
    leads = plan.get("target_leads")
    if isinstance(leads, bool) or not isinstance(leads, (int, np.integer)) or leads < 1:
        return Check(name, False, f"a lead brief needs target_leads, a whole number >= 1; got {leads!r}.")
    cpl = budget / leads
    if cpl > brief.cpl_cap + 1e-9:
        return Check(name, False, f"{budget:,.0f} {cur} for {leads} leads: {cpl:,.0f} {cur} per lead, "
                                  f"above the cap of {brief.cpl_cap:,.0f} {cur}.")
    if ad_sets is not None:
        allocation = paid.allocate_budget(ad_sets, budget, leads, brief.cpl_cap)
        if not allocation.reaches_target:
            return Check(name, False, f"on your data {budget:,.0f} {cur} buys about {allocation.leads:,.0f} of "
                                      f"{leads} leads at most {brief.cpl_cap:,.0f} {cur} each; lower the "
                                      "target or raise the budget (within the limit).")
    return Check(name, True, f"{budget:,.0f} {cur} for {leads} leads: at most {cpl:,.0f} {cur} per lead "
                             f"(cap {brief.cpl_cap:,.0f} {cur}).")


_AGE_RANGE = re.compile(r"\b(\d{1,2})\s*(?:-|–|—|to)\s*(\d{1,2})\b|\b(\d{1,2})\s*\+")
_UNDER_AGE_WORDS = re.compile(r"\b(teen\w*|schoolchild\w*|schoolgirls?|schoolboys?|minors|under[- ]18)\b", re.I)
_NOT_AN_AGE = re.compile(r"\s*(km|kilomet\w*|min\w*|%|percent|so'm|k\b|posts?|days?|hours?)", re.I)
_PATIENT_DATA = re.compile(r"\b(patients?|patient list|client records|medical records)\b", re.I)
_AUDIENCE_FROM_LIST = re.compile(r"\b(lookalike|look-alike|custom audience|list|upload\w*|retarget\w*)\b", re.I)
_NEGATION = re.compile(r"\b(not|never|no|without|excluding)\b", re.I)
_HEALTH_INTEREST = re.compile(r"\b(health|medical|disease\w*|illness\w*|condition\w*|diabet\w*|obes\w*|"
                              r"overweight|acne|hair loss|weight loss)\b", re.I)
_INTEREST_WORDS = re.compile(r"\b(interest\w*|follow\w*|fans? of|subscribers? of|pages?)\b", re.I)


def check_audience(plan: Mapping) -> Check:
    """The plan's audience stays within the brief's platform rules (today's rules, checked 2026).

    Only briefs with such rules are checked (the clinic): an age range starting below the brief's
    ``min_age`` fails (Meta's Advertising Standards: ads for cosmetic procedures target people aged
    18 or over), and so does an audience built from patients' records (a patient list, a lookalike or
    a retargeting list of patients) unless it says the patients consented; targeting by a health
    interest is a warning (Meta removed such options in January 2022), since a text cannot always
    tell an interest in a condition from an interest in beauty. The instructor still marks the
    audience with the rubric.

    >>> check_audience({"brief": "clinic", "audience": "women 18-34 in Tashkent"}).passed
    True
    >>> print(check_audience({"brief": "clinic", "audience": "women 16-24 in Tashkent"}).message)
    the audience includes people under 18 ('16-24'): Meta's Advertising Standards allow ads for cosmetic procedures and surgeries only to people aged 18 or over (checked 2026). Start the age range at 18 or above.
    """
    name = "audience and ad rules"
    try:
        brief = get_brief(str(_plan_field(plan, "brief")))
    except (KeyError, TypeError, ValueError) as exc:
        return Check(name, False, str(exc).strip('"'))
    audience = plan.get("audience")
    if not isinstance(audience, str) or not audience.strip():
        return Check(name, False, "describe the audience as text, e.g. plan['audience'] = 'adults 25-49 in "
                                  "Tashkent who engage with the brand's profile'.")
    if brief.min_age is None and not brief.health_data:
        return Check(name, True, "no platform rule on this brief's audience; the rubric marks the choice.")
    if brief.min_age is not None:
        for match in _AGE_RANGE.finditer(audience):
            youngest = int(match.group(1) or match.group(3))
            if _NOT_AN_AGE.match(audience, match.end()):
                continue  # a distance, a share or a price, not an age
            if 10 <= youngest < brief.min_age:
                return Check(name, False, (
                    f"the audience includes people under {brief.min_age} ({match.group(0).strip()!r}): Meta's "
                    f"Advertising Standards allow ads for cosmetic procedures and surgeries only to people aged "
                    f"{brief.min_age} or over (checked 2026). Start the age range at {brief.min_age} or above."))
        word = _UNDER_AGE_WORDS.search(audience)
        if word:
            return Check(name, False, (
                f"the audience names {word.group(0)!r}: ads for cosmetic procedures may target only people aged "
                f"{brief.min_age} or over (Meta's Advertising Standards, checked 2026)."))
    warnings: list[str] = []
    if brief.health_data:
        for clause in re.split(r"[;,.]", audience):
            if (_PATIENT_DATA.search(clause) and _AUDIENCE_FROM_LIST.search(audience)
                    and not _NEGATION.search(clause)):
                if "consent" in audience.lower():
                    warnings.append("an audience from patients' records needs each patient's explicit consent "
                                    "to this use and a check of the local data-protection law (chapter 08).")
                    break
                return Check(name, False, (
                    "the audience is built from patients' records (a patient list, or a lookalike or retargeting "
                    "list of patients). Being a patient is health data: upload it only with each patient's "
                    "explicit consent to this use (Meta's Custom Audience and Business Tools Terms; GDPR "
                    "Art. 9; Uzbekistan's Law on Personal Data). Build on people who engaged with the "
                    "clinic's own profile instead, or say that the patients consented."))
        if _HEALTH_INTEREST.search(audience) and _INTEREST_WORDS.search(audience):
            warnings.append("targeting people by a health interest: Meta removed health-related "
                            "detailed-targeting options in January 2022; use location, age and engagement with "
                            "the clinic's own profile.")
    rule = f"aged {brief.min_age} or over" if brief.min_age is not None else "within the rules"
    return Check(name, True, f"the audience is {rule} and not built from health records.", tuple(warnings))


def check_plan(plan: Mapping, calendar: pd.DataFrame, data: Mapping[str, pd.DataFrame] | None = None) -> PlanReport:
    """Run every automatic check on a plan and its calendar (checked under the brief's calendar rules).

    ``data`` is the brief's data (:func:`brief_data`); with ``ad_sets`` in it the
    budget is also checked for being achievable.
    """
    ad_sets = (data or {}).get("ad_sets")
    try:
        rules = get_brief(str(_plan_field(plan, "brief"))).calendar_rules
    except (KeyError, TypeError, ValueError):
        rules = None  # check_goal_kpis reports the missing or unknown brief
    return PlanReport((check_goal_kpis(plan), check_audience(plan), check_platforms(plan, calendar),
                       check_calendar(calendar, rules=rules), check_budget(plan, ad_sets)))


# ----------------------------------------------------------------------------- widget


