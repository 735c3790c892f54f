"""Question bank of ``exercises/07_paid.ipynb`` and the chapter-07 knowledge check.

Datasets, both personal (seeded by the student ID): ``my_ad_sets`` (8 ad sets
of a children's clothing shop, four segments) and ``my_ab_test`` (a simulated
randomised split test of two versions of one ad, the same budget each);
expected answers are recomputed from the same seed.

The A/B-test questions (q3, q4) judge leads per person reached in a randomised
split. Answers computed by the old, wrong method (leads per click, or two ad
sets that were never randomised) get a message that says why the method is
wrong, not just that the number is off (their misconceptions).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paid
from ..engine.checking import describe, diagnose
from ..engine.questions import Case, Choice, Context, Function, Misconception, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex07_paid.toml")

#: q7: the budget split's settings.
Q7_BUDGET, Q7_TARGET, Q7_CAP = 1_500.0, 10_000, 6.0


def _my_ad_sets(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_ad_sets

    return generate_ad_sets(seed=ctx.seed)


def _my_ab_test(ctx: Context) -> pd.DataFrame:
    return paid.generate_ab_test(seed=ctx.seed)


def _cpl_by_segment(ctx: Context) -> pd.Series:
    sums = ctx.data("my_ad_sets").groupby("segment")[["spend", "leads"]].sum()
    return sums["spend"] / sums["leads"]


def _q2(ctx: Context) -> str:
    return str(_cpl_by_segment(ctx).idxmin())


def _test(ctx: Context, n: str) -> paid.ABTestResult:
    """The A/B test of ``my_ab_test`` with ``n`` ('people_reached', 'impressions' or 'clicks') as the base."""
    t = ctx.data("my_ab_test").set_index("version")
    a, b = t.loc["A"], t.loc["B"]
    return paid.ab_test(int(a["leads"]), int(a[n]), int(b["leads"]), int(b[n]))


def _ad_sets_as_test(ctx: Context) -> paid.ABTestResult:
    """The old, wrong "test": ad sets AS01 and AS05 (same segment, never randomised), leads per click."""
    ads = ctx.data("my_ad_sets").set_index("ad_set")
    a, b = ads.loc["AS01"], ads.loc["AS05"]
    return paid.ab_test(int(a["leads"]), int(a["clicks"]), int(b["leads"]), int(b["clicks"]))


PER_CLICK = ("That is the answer for leads per *click* (n = clicks). Clicks are not randomised: each version "
             "chose who clicked, so leads per click compares two different groups of people and ignores that "
             "one version wins more clicks. Use n = `people_reached`, the people the split assigned at random.")
PER_IMPRESSION = ("That is the answer with n = impressions. The split assigned *people*, and impressions count "
                  "the same person several times (about 1.2–1.5 times here, differently in each version), so they "
                  "are not independent trials. Use n = `people_reached`; impressions are a fallback only when a "
                  "platform reports no reach.")
NOT_RANDOMISED = ("That is the test of ad sets AS01 and AS05, the chapter's old example. They share a segment but "
                  "were never split at random (the delivery system chose different people, days and prices for "
                  "them), so no test can attribute their difference to the ad. Use `my_ab_test`, the randomised "
                  "split, with n = `people_reached`.")
SWAPPED = ("Your interval is for A − B; the question asks for B − A (B's rate minus A's): "
           "swap and negate the two ends.")


def _interval(result: paid.ABTestResult) -> list[float]:
    return [result.ci_low, result.ci_high]


def _compare_interval(actual: object, expected: list[float]) -> str | None:
    """Both ends within 0.1% (so the hint's rounded 1.96 passes as well as 1.959964)."""
    if not isinstance(actual, (list, tuple)) or len(actual) != 2:
        return f"Answer with a list of two numbers [low, high], not {describe(actual)}."
    for label, got, want in zip(("low", "high"), actual, expected, strict=True):
        problem = diagnose(got, want, rtol=1e-3)
        if problem:
            return f"The {label} end of your interval: {problem}"
    return None


def _right(ctx: Context) -> paid.ABTestResult:
    return _test(ctx, "people_reached")


ONE_SIDED = ("That is a one-sided p-value (half the two-sided one). The question asks for the two-sided test: "
             "either version could be the better one.")

Q3_MISTAKES = (
    Misconception("leads per click", lambda ctx: _test(ctx, "clicks").p_value, PER_CLICK),
    Misconception("leads per impression", lambda ctx: _test(ctx, "impressions").p_value, PER_IMPRESSION),
    Misconception("ad sets never randomised", lambda ctx: _ad_sets_as_test(ctx).p_value, NOT_RANDOMISED),
    Misconception("one-sided p-value", lambda ctx: _right(ctx).p_value / 2, ONE_SIDED),
)
Q4_MISTAKES = (
    Misconception("leads per click", lambda ctx: _interval(_test(ctx, "clicks")), PER_CLICK),
    Misconception("leads per impression", lambda ctx: _interval(_test(ctx, "impressions")), PER_IMPRESSION),
    Misconception("ad sets never randomised", lambda ctx: _interval(_ad_sets_as_test(ctx)), NOT_RANDOMISED),
    Misconception("A − B instead of B − A", lambda ctx: [-_right(ctx).ci_high, -_right(ctx).ci_low], SWAPPED),
)


def pooled_z(conversions_a: int, n_a: int, conversions_b: int, n_b: int) -> float:
    """Reference for q5: the pooled two-proportion z statistic (B − A); 0.0 when the pooled rate is 0 or 1."""
    pooled = (conversions_a + conversions_b) / (n_a + n_b)
    se = (pooled * (1 - pooled) * (1 / n_a + 1 / n_b)) ** 0.5
    if se == 0:
        return 0.0
    return (conversions_b / n_b - conversions_a / n_a) / se


def _peeking(ctx: Context) -> paid.PeekingResult:
    return paid.peeking_simulation(seed=ctx.seed, n_looks=10, n_experiments=1000)


def _q6(ctx: Context) -> float:
    peek = _peeking(ctx)
    return peek.false_positive_peeking / peek.false_positive_fixed


def _q7(ctx: Context) -> float:
    return paid.allocate_budget(ctx.data("my_ad_sets"), Q7_BUDGET, Q7_TARGET, Q7_CAP).leads


#: q11: the three decisions after a finished A/B test.
Q11_CHOICES = ("A", "B", "no winner")


def _verdict(result: paid.ABTestResult) -> str:
    """'B' when the 95% interval of B − A is above 0, 'A' when below, else 'no winner'."""
    if result.ci_low > 0:
        return "B"
    if result.ci_high < 0:
        return "A"
    return "no winner"


def _q11(ctx: Context) -> str:
    return _verdict(_right(ctx))


def _compare_verdict(actual: object, expected: str) -> str | None:
    if not isinstance(actual, str) or actual.strip().lower() not in {c.lower() for c in Q11_CHOICES}:
        return f"Answer with one of {list(Q11_CHOICES)} (as text), not {actual!r}."
    given = actual.strip().lower()
    if given == expected.lower():
        return None
    per_person = " Judge by leads per person reached: leads per click can point elsewhere."
    if expected == "no winner":
        return (f"Your interval of B − A contains 0, so the test cannot tell the versions apart: choosing "
                f"{actual.strip()!r} would rest on a difference that chance alone produces often. Answer "
                "'no winner'." + per_person)
    if given == "no winner":
        return ("Your interval of B − A does not contain 0: the test found a difference. Read its sign: "
                "above 0 means B, below 0 means A." + per_person)
    return ("You picked the loser: the interval is B − A, so above 0 means B is better and below 0 "
            "means A." + per_person)


# ----------------------------------------------------------------------------- likely mistakes


def _ads(ctx: Context) -> pd.DataFrame:
    return ctx.data("my_ad_sets")


def _averaged_cpl(ctx: Context) -> pd.Series:
    ads = _ads(ctx)
    return (ads["spend"] / ads["leads"]).groupby(ads["segment"]).mean()


def _cpc_by_segment(ctx: Context) -> pd.Series:
    sums = _ads(ctx).groupby("segment")[["spend", "clicks"]].sum()
    return sums["spend"] / sums["clicks"]


Q1_MISTAKES = (
    Misconception("averaged per-ad-set CPL", _averaged_cpl,
                  "You averaged the ad sets' own CPLs within each segment, so an ad set with few leads counts "
                  "as much as a big one. Pool the segment: total spend / total leads."),
    Misconception("cost per click", _cpc_by_segment,
                  "You divided by clicks: that is the cost per click. Divide each segment's spend by its leads."),
)


def _cheapest_ad_set(ctx: Context) -> str:
    ads = _ads(ctx)
    return str(ads.loc[(ads["spend"] / ads["leads"]).idxmin(), "ad_set"])


Q2_MISTAKES = (
    Misconception("cheapest single ad set", _cheapest_ad_set,
                  "That is one ad set, the cheapest on its own. The owner adds money to a whole segment: pool "
                  "each segment's ad sets (total spend / total leads, your q1) and name the cheapest segment."),
    Misconception("highest instead of lowest", lambda ctx: str(_cpl_by_segment(ctx).idxmax()),
                  "That is the segment where each lead cost the *most*. Extra money should go where leads "
                  "were cheapest: take the segment with the smallest cost per lead."),
)


Q6_MISTAKES = (
    Misconception("peeking rate only", lambda ctx: _peeking(ctx).false_positive_peeking,
                  "That is the false-winner rate of peeking itself. The manager asks *how many times* as "
                  "often as reading the test once: divide it by the rate of testing once at the end "
                  "(`false_positive_fixed`) from the same simulation."),
    Misconception("ratio upside down",
                  lambda ctx: _peeking(ctx).false_positive_fixed / _peeking(ctx).false_positive_peeking,
                  "Your ratio is upside down (below 1): testing once divided by peeking. Put peeking on top: "
                  "`false_positive_peeking / false_positive_fixed`."),
    Misconception("divided by alpha", lambda ctx: _peeking(ctx).false_positive_peeking / 0.05,
                  "You divided by 5%, what a single test promises in theory. Compare with what testing once "
                  "gave on the *same* simulated A/A tests (`false_positive_fixed`), so both rates share their "
                  "luck."),
)

Q7_MISTAKES = (
    Misconception("the target", lambda ctx: float(Q7_TARGET),
                  "That is the lead target, not what the plan expects: it is out of reach on purpose. Add up "
                  "the leads the money buys in the ad sets under the cap, cheapest first."),
    Misconception("budget / cap", lambda ctx: Q7_BUDGET / Q7_CAP,
                  "That assumes every lead costs exactly the cap and every ad set can take any budget. Each "
                  "ad set buys at its own cost per lead, and only up to 3 × its past spend."),
    Misconception("no saturation", lambda ctx: Q7_BUDGET / float((_ads(ctx)["spend"] / _ads(ctx)["leads"]).min()),
                  "You spent the whole budget on the cheapest ad set. Its audience runs out: each ad set takes "
                  "at most 3 × its past spend, then the next cheapest under the cap gets the money."),
)

QUESTIONS = [
    Value(**TEXT("q1"), expected=_cpl_by_segment, ordered=False, misconceptions=Q1_MISTAKES),
    Value(**TEXT("q2"), expected=_q2, decision=True, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), expected=lambda ctx: _right(ctx).p_value, misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=lambda ctx: _interval(_right(ctx)), misconceptions=Q4_MISTAKES,
          compare=_compare_interval),
    Function(**TEXT("q5"), answer_name="pooled_z", reference=pooled_z,
             cases=[Case((40, 1000, 60, 1000), label="B better"),
                    Case((60, 1000, 40, 1000), label="A better (negative z)"),
                    Case((12, 300, 20, 250), label="different sample sizes"),
                    Case((50, 1000, 50, 1000), label="equal rates"),
                    Case((0, 100, 0, 100), label="no conversions at all (no division by zero!)"),
                    Case((100, 100, 100, 100), label="everyone converted")]),
    Value(**TEXT("q6"), expected=_q6, misconceptions=Q6_MISTAKES),
    Value(**TEXT("q7"),
          brief=f"The owner gives you {Q7_BUDGET:,.0f} for next month, wants as many leads as possible (the "
                f"target of {Q7_TARGET:,} is out of reach on purpose) and will not pay more than {Q7_CAP:g} "
                "for any lead.",
          expected=_q7, misconceptions=Q7_MISTAKES),
    Choice(**TEXT("q8"), correct="b"),
    Thought(**TEXT("q9")),
    Choice(**TEXT("q10"), correct="b"),
    Value(**TEXT("q11"), expected=_q11, compare=_compare_verdict, decision=True),
]

BANK = TEXT.bank("07_paid", QUESTIONS,
                 datasets={"my_ad_sets": _my_ad_sets, "my_ab_test": _my_ab_test})
