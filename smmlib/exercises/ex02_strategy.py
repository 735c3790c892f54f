"""Question bank of ``exercises/02_strategy.ipynb`` and the chapter-02 knowledge check.

Datasets: the student's personal ``my_brief`` (one client's brief: lead target,
cost-per-lead cap, funnel rates, current content mix) and ``my_audience``
(3,000 followers of a children's clothing shop), both seeded by the student
ID; expected answers on them are recomputed from the same seed.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .. import content, strategy
from ..engine.checking import describe
from ..engine.questions import Choice, Classify, Context, Misconception, Order, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex02_strategy.toml")

#: q1: goal -> its main KPI (sources 004 and 000).
Q1_KPIS: dict[str, str] = {
    "customer support": "requests received and handled",
    "awareness": "reach",
    "traffic to the website": "clicks to the site",
    "a warm base of repeat buyers": "steady engagement of followers",
    "neutralising negativity": "share of negative mentions",
}

#: q10: the period the calendar plans (four weeks, Monday to Sunday).
Q10_START, Q10_END = "2025-01-06", "2025-02-02"
Q10_RULES = content.CalendarRules(start=Q10_START, end=Q10_END)

MIX_COLUMNS = ["mix_engaging", "mix_user_generated", "mix_educational", "mix_advertising"]


def _my_brief(ctx: Context) -> pd.DataFrame:
    return strategy.generate_brief(seed=ctx.seed)


def _my_audience(ctx: Context) -> pd.DataFrame:
    return strategy.generate_audience(seed=ctx.seed)


def _plan(ctx: Context) -> strategy.BudgetPlan:
    brief = ctx.data("my_brief").iloc[0]
    return strategy.plan_budget(int(brief["target_leads"]), float(brief["cpl_cap"]),
                                float(brief["conversion_rate"]), float(brief["ctr"]), float(brief["cpm"]))


def _q2(ctx: Context) -> float:
    return _plan(ctx).budget


def _q3(ctx: Context) -> float:
    return _plan(ctx).max_cpc


def _q4(ctx: Context) -> int:
    return _plan(ctx).impressions_needed


def _q5(ctx: Context) -> bool:
    return bool(_plan(ctx).feasible)


def _q6(ctx: Context) -> float:
    brief = ctx.data("my_brief").iloc[0]
    mix = {cat: float(brief[f"mix_{cat}"]) for cat in content.CATEGORIES}
    return content.mix_distance(mix)


def _q7(ctx: Context) -> pd.Series:
    audience = ctx.data("my_audience")
    return audience.groupby("city")["bought"].mean()


def _q8(ctx: Context) -> tuple[str, str]:
    table = strategy.segment_table(ctx.data("my_audience"), ["city", "interest"])
    return strategy.choose_segment(table, min_share=0.05)


# ----------------------------------------------------------------------------- likely mistakes


def _brief(ctx: Context) -> pd.Series:
    return ctx.data("my_brief").iloc[0]


def _plan_cpm(ctx: Context) -> strategy.BudgetPlan:
    brief = _brief(ctx)
    return strategy.plan_budget(int(brief["target_leads"]), float(brief["cpl_cap"]),
                                float(brief["conversion_rate"]), float(brief["ctr"]), float(brief["cpm"]))


Q2_MISTAKES = (
    Misconception("expected cost for the budget", lambda ctx: float(_plan_cpm(ctx).expected_cost),
                  "You computed what the campaign is *expected* to cost at its CPM. The budget is the most "
                  "you may spend while no lead costs more than the cap: target leads × cost-per-lead cap."),
    Misconception("clicks times the lead cap", lambda ctx: float(_plan_cpm(ctx).clicks_needed * _brief(ctx)["cpl_cap"]),
                  "You multiplied the clicks needed by the cost-per-lead cap, mixing two funnel stages: the cap "
                  "is a price per *lead*, so multiply it by the target leads."),
)

Q3_MISTAKES = (
    Misconception("divided by the conversion rate",
                  lambda ctx: float(_brief(ctx)["cpl_cap"] / _brief(ctx)["conversion_rate"]),
                  "You divided the cap by the conversion rate, so a click would cost more than a whole lead. "
                  "A lead needs 1 / conversion_rate clicks, so each click may cost at most "
                  "cpl_cap × conversion_rate."),
    Misconception("expected CPC at the CPM", lambda ctx: float(_brief(ctx)["cpm"] / 1000 / _brief(ctx)["ctr"]),
                  "That is the price a click will probably cost at the brief's CPM and CTR — the market price, "
                  "not the most you can afford. The ceiling comes from the cap: cpl_cap × conversion_rate."),
)

Q4_MISTAKES = (
    Misconception("skipped the conversion step", lambda ctx: math.ceil(round(_brief(ctx)["target_leads"] / _brief(ctx)["ctr"], 9)),
                  "You divided the target leads by the CTR, as if every click became a lead. First clicks = "
                  "leads / conversion rate (rounded up), then impressions = clicks / CTR (rounded up)."),
    Misconception("stopped at clicks", lambda ctx: int(_plan_cpm(ctx).clicks_needed),
                  "That is the number of clicks needed. Only a share (the CTR) of impressions become clicks: "
                  "impressions = clicks / CTR, rounded up."),
    Misconception("multiplied by the CTR", lambda ctx: float(_plan_cpm(ctx).clicks_needed * _brief(ctx)["ctr"]),
                  "You multiplied the clicks by the CTR. CTR = clicks / impressions, so impressions = "
                  "clicks / CTR: many more impressions than clicks."),
)


def _mix_gaps(ctx: Context) -> list[float]:
    brief = _brief(ctx)
    total = sum(float(brief[f"mix_{cat}"]) for cat in content.CATEGORIES)
    return [abs(float(brief[f"mix_{cat}"]) / total - content.FORMULA_MIX[cat]) for cat in content.CATEGORIES]


Q6_MISTAKES = (
    Misconception("forgot the half", lambda ctx: sum(_mix_gaps(ctx)),
                  "You added up the absolute differences but did not halve the sum. Every post that moves "
                  "leaves one category and joins another, so each move is counted twice: take half the sum."),
    Misconception("percentages not converted", lambda ctx: 100 * content.mix_distance(
                      {cat: float(_brief(ctx)[f"mix_{cat}"]) for cat in content.CATEGORIES}),
                  "You kept the mix in percent, so the distance came out in percentage points. The distance is "
                  "a fraction: turn 33 into 0.33 (divide by the total) before subtracting the formula's shares."),
)


def _q7_buyers(ctx: Context) -> pd.Series:
    return ctx.data("my_audience").groupby("city")["bought"].sum()


def _q7_share_of_buyers(ctx: Context) -> pd.Series:
    audience = ctx.data("my_audience")
    return audience.groupby("city")["bought"].sum() / audience["bought"].sum()


def _q7_engaged(ctx: Context) -> pd.Series:
    return ctx.data("my_audience").groupby("city")["engaged"].mean()


Q7_MISTAKES = (
    Misconception("count of buyers", _q7_buyers,
                  "These are numbers of buyers per city. A big city has more buyers just by being big; the "
                  "purchase rate divides by the city's followers: `.mean()` of `bought` per city."),
    Misconception("share of all buyers", _q7_share_of_buyers,
                  "You divided by all buyers, which gives each city's share of the sales. The purchase rate's "
                  "denominator is the city's own followers: `groupby('city')['bought'].mean()`."),
    Misconception("engaged instead of bought", _q7_engaged,
                  "You used `engaged`. Engaging with posts is not buying: use the `bought` column."),
)



def _q8_engaged(ctx: Context) -> tuple[str, str]:
    table = strategy.segment_table(ctx.data("my_audience"), ["city", "interest"])
    big = table[table["share"] >= 0.05]
    return tuple(big["engagement_rate"].idxmax())


Q8_MISTAKES = (
    Misconception("engaged instead of bought", _q8_engaged,
                  "You picked the segment that engages most. Likes and comments are not purchases, and the "
                  "campaign's goal is sales: among the segments with at least 5% of the followers, take the "
                  "highest purchase rate (the mean of `bought`)."),
)


def _passes_validator(actual: object, expected: object) -> str | None:
    """q10: a calendar for the period with no genuine errors that covers its first and last week.

    The sources' rules of thumb (the 40/30/25/5 mix, ads in a row, posts a day, gaps) are
    guidelines: :func:`smmlib.content.validate_calendar` reports them as warnings and they
    never fail the answer.
    """
    if not isinstance(actual, pd.DataFrame):
        return f"Expected a pandas DataFrame (your calendar), but you gave {describe(actual)}."
    errors = content.calendar_errors(content.validate_calendar(actual, Q10_RULES))
    if errors:
        shown = "; ".join(v.reason for v in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        return f"Your calendar has {len(errors)} error(s): {shown}{more}"
    dates = pd.to_datetime(actual["date"]).dt.normalize()
    first_week_end = pd.Timestamp(Q10_START) + pd.Timedelta(days=6)
    last_week_start = pd.Timestamp(Q10_END) - pd.Timedelta(days=6)
    if dates.min() > first_week_end or dates.max() < last_week_start:
        return (f"Your calendar runs from {dates.min().date()} to {dates.max().date()}; plan the whole period "
                f"{Q10_START} to {Q10_END}, with posts in its first and its last week.")
    return None


QUESTIONS = [
    Classify(**TEXT("q1"), groups=sorted(set(Q1_KPIS.values())), expected=dict(Q1_KPIS)),
    Value(**TEXT("q2"), expected=_q2, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), decision=True, expected=_q3, misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=_q4, rtol=1e-3, misconceptions=Q4_MISTAKES),
    Value(**TEXT("q5"), expected=_q5),
    Value(**TEXT("q6"), expected=_q6, misconceptions=Q6_MISTAKES),
    Value(**TEXT("q7"), expected=_q7, ordered=False, misconceptions=Q7_MISTAKES),
    Value(**TEXT("q8"), decision=True, misconceptions=Q8_MISTAKES, expected=_q8),
    Choice(**TEXT("q9"), correct="c"),
    Value(**TEXT("q10"),
          title=f"Build the content calendar for the four weeks {Q10_START} to {Q10_END} (a "
                "DataFrame with columns date, platform, category, humour). It must have no errors: "
                "every post inside the period, on a real platform, in one of the four categories. "
                "The sources' rules of thumb (40/30/25/5 mix, ads in a row, posts a day, gaps) come "
                "back as warnings: read them and decide.",
          expected="a calendar with no errors for the period", compare=_passes_validator),
    Order(**TEXT("q11"), expected=["e", "b", "d", "a", "f", "c"]),
    Thought(**TEXT("q12"), min_words=25),
]

BANK = TEXT.bank("02_strategy", QUESTIONS,
                 datasets={"my_brief": _my_brief, "my_audience": _my_audience})
