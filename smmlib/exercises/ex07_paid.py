"""Question bank of ``exercises/07_paid.ipynb`` and the chapter-07 knowledge check.

Dataset: the student's personal ``my_ad_sets`` (8 ad sets of a children's
clothing shop, four segments, seeded by the student ID); expected answers are
recomputed from the same seed.
"""

from __future__ import annotations

import pandas as pd

from .. import paid
from ..engine.questions import Bank, Case, Choice, Context, Function, Misconception, Thought, Value
from ..engine.quiz import Option, Quiz, QuizQuestion

#: q7: the budget split's settings.
Q7_BUDGET, Q7_TARGET, Q7_CAP = 1_500.0, 10_000, 6.0


def _my_ad_sets(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_ad_sets

    return generate_ad_sets(seed=ctx.seed)


def _cpl_by_segment(ctx: Context) -> pd.Series:
    sums = ctx.data("my_ad_sets").groupby("segment")[["spend", "leads"]].sum()
    return sums["spend"] / sums["leads"]


def _q2(ctx: Context) -> str:
    return str(_cpl_by_segment(ctx).idxmin())


def _ab(ctx: Context) -> paid.ABTestResult:
    ads = ctx.data("my_ad_sets").set_index("ad_set")
    a, b = ads.loc["AS01"], ads.loc["AS05"]
    return paid.ab_test(int(a["leads"]), int(a["clicks"]), int(b["leads"]), int(b["clicks"]))


def _q4(ctx: Context) -> list[float]:
    result = _ab(ctx)
    return [result.ci_low, result.ci_high]


def pooled_z(conversions_a: int, n_a: int, conversions_b: int, n_b: int) -> float:
    """Reference for q5: the pooled two-proportion z statistic (B − A); 0.0 when the pooled rate is 0 or 1."""
    pooled = (conversions_a + conversions_b) / (n_a + n_b)
    se = (pooled * (1 - pooled) * (1 / n_a + 1 / n_b)) ** 0.5
    if se == 0:
        return 0.0
    return (conversions_b / n_b - conversions_a / n_a) / se


def _q6(ctx: Context) -> float:
    return paid.peeking_simulation(seed=ctx.seed, n_looks=10, n_experiments=1000).false_positive_peeking


def _q7(ctx: Context) -> float:
    return paid.allocate_budget(ctx.data("my_ad_sets"), Q7_BUDGET, Q7_TARGET, Q7_CAP).leads


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


def _ab_impressions(ctx: Context) -> paid.ABTestResult:
    ads = _ads(ctx).set_index("ad_set")
    a, b = ads.loc["AS01"], ads.loc["AS05"]
    return paid.ab_test(int(a["leads"]), int(a["impressions"]), int(b["leads"]), int(b["impressions"]))


Q3_MISTAKES = (
    Misconception("impressions as n", lambda ctx: _ab_impressions(ctx).p_value,
                  "You used impressions as the sample sizes. The rates compared are leads out of *clicks*: "
                  "n_a and n_b are the clicks of AS01 and AS05."),
    Misconception("one-sided p-value", lambda ctx: _ab(ctx).p_value / 2,
                  "That is a one-sided p-value (half the two-sided one). The question asks for the two-sided "
                  "test: either ad could be the better one."),
)

Q4_MISTAKES = (
    Misconception("A − B instead of B − A", lambda ctx: [-_ab(ctx).ci_high, -_ab(ctx).ci_low],
                  "Your interval is for A − B. The question asks for B − A: the effect is rate_b − rate_a."),
    Misconception("impressions as n", lambda ctx: [_ab_impressions(ctx).ci_low, _ab_impressions(ctx).ci_high],
                  "You used impressions as the sample sizes. The lead rates are out of clicks."),
)

Q6_MISTAKES = (
    Misconception("tested once at the end",
                  lambda ctx: paid.peeking_simulation(seed=ctx.seed, n_looks=10, n_experiments=1000).false_positive_fixed,
                  "That is the false-winner rate of testing *once*, at the end (`false_positive_fixed`). The "
                  "question is about peeking: `false_positive_peeking`."),
    Misconception("alpha", lambda ctx: 0.05,
                  "5% is what a single test promises, not what peeking gives. Run the simulation and take "
                  "`false_positive_peeking`."),
)

Q7_MISTAKES = (
    Misconception("the target", lambda ctx: float(Q7_TARGET),
                  "That is the lead target, not what the plan expects. The allocator spends only where leads "
                  "stay under the cap: the answer is `plan.leads`."),
    Misconception("budget / cap", lambda ctx: Q7_BUDGET / Q7_CAP,
                  "That assumes every lead costs exactly the cap and every ad set can take any budget. The "
                  "allocator uses each ad set's own cost and saturation: take `plan.leads`."),
)


QUESTIONS = [
    Value(key="q1", title="Your ad sets: the cost per lead of each segment (total spend / total leads "
                          "of the segment's ad sets), a Series indexed by segment.",
          expected=_cpl_by_segment, ordered=False, misconceptions=Q1_MISTAKES,
          hints=("Group by `segment` and sum `spend` and `leads`.",
                 "`sums = my_ad_sets.groupby('segment')[['spend', 'leads']].sum()`, then "
                 "`sums['spend'] / sums['leads']` (or `paid.segment_funnel(my_ad_sets)['cpl']`).")),
    Value(key="q2", title="Your ad sets: the name of the segment with the lowest cost per lead.",
          expected=_q2,
          hints=("Use your answer to q1.", "`Series.idxmin()` gives the index label of the smallest value.")),
    Value(key="q3", title="A/B test of your two 'young mothers' ad sets, AS01 (A) and AS05 (B): the "
                          "two-sided p-value of the pooled two-proportion z-test of their lead rates "
                          "(leads out of clicks).",
          expected=lambda ctx: _ab(ctx).p_value, misconceptions=Q3_MISTAKES,
          hints=("`paid.ab_test(conversions_a, n_a, conversions_b, n_b)`: conversions are leads, n are clicks.",
                 "Take the row of each ad set with `my_ad_sets.set_index('ad_set').loc['AS01']`; the "
                 "answer is the result's `p_value`."),
          on_correct="Same segment, different ads: is the difference more than chance?"),
    Value(key="q4", title="The same test: the 95% confidence interval of the difference B − A, as a list "
                          "[low, high] (fractions).",
          expected=_q4, misconceptions=Q4_MISTAKES,
          hints=("The result of `paid.ab_test` has `ci_low` and `ci_high`.",
                 "By hand: effect ± 1.96 × √(p_a(1 − p_a)/n_a + p_b(1 − p_b)/n_b).")),
    Function(key="q5", title="Write `pooled_z(conversions_a, n_a, conversions_b, n_b)`: the pooled "
                             "two-proportion z statistic of B − A; return 0.0 when the pooled rate is 0 or 1 "
                             "(no variation, no evidence).",
             answer_name="pooled_z", reference=pooled_z,
             cases=[Case((40, 1000, 60, 1000), label="B better"),
                    Case((60, 1000, 40, 1000), label="A better (negative z)"),
                    Case((12, 300, 20, 250), label="different sample sizes"),
                    Case((50, 1000, 50, 1000), label="equal rates"),
                    Case((0, 100, 0, 100), label="no conversions at all (no division by zero!)"),
                    Case((100, 100, 100, 100), label="everyone converted")],
             hints=("pooled = (conversions_a + conversions_b) / (n_a + n_b); "
                    "se = √(pooled(1 − pooled)(1/n_a + 1/n_b)).",
                    "Check `se == 0` before dividing; z = (rate_b − rate_a) / se.")),
    Value(key="q6", title="Peeking: with `paid.peeking_simulation(seed=<your seed>, n_looks=10, "
                          "n_experiments=1000)`, the share of A/A tests that stop with a false winner. "
                          "Your seed is `student_seed(student_id)`.",
          expected=_q6, misconceptions=Q6_MISTAKES,
          hints=("`from smmlib.generate import student_seed`.",
                 "The result's `false_positive_peeking` is the share you need."),
          on_correct="Far above the 5% a single test at the end promises."),
    Value(key="q7", title=f"Budget split of your ad sets with `paid.allocate_budget`: budget {Q7_BUDGET:,.0f}, "
                          f"lead target {Q7_TARGET:,}, cost-per-lead cap {Q7_CAP:g} (default saturation). "
                          "How many leads does the plan expect?",
          expected=_q7, misconceptions=Q7_MISTAKES,
          hints=("`plan = paid.allocate_budget(my_ad_sets, budget, target_leads, cpl_cap)`.",
                 "The answer is `plan.leads`; the target is out of reach on purpose.")),
    Choice(key="q8", title="A test of two ads gives p = 0.03. Which statement is right?",
           options={"a": "There is a 97% chance that ad B is better.",
                    "b": "If the ads were equally good, a difference at least this large would appear "
                         "about 3% of the time.",
                    "c": "Ad B is 3% better than ad A.",
                    "d": "The test proves the ads are different."},
           correct="b",
           explanations={"a": "The p-value is not the probability that a hypothesis is true.",
                         "c": "The size of the effect is the difference in rates, not the p-value.",
                         "d": "A test weighs evidence; 3% of equal-ad tests give such a result too."},
           hints=("A p-value is computed assuming there is no difference.",)),
    Thought(key="q9", title="Your manager checks the A/B test every morning and wants to stop it the first "
                            "day it is significant. What do you tell them, and what do you propose instead?",
            rubric=("1 point: explains that looking every day and stopping at the first significant result "
                    "gives false winners far more often than 5% (the simulation shows how often).",
                    "1 point: proposes fixing the sample size or test length in advance and testing once at the "
                    "end, or a method built for repeated looks (a sequential test)."),
            hints=("Think of the simulation: what happens to false winners with every look?",)),
]

QUIZ = Quiz(
    "Paid social",
    [
        QuizQuestion(
            "CPM is 4, CTR 1% and 5% of clicks become leads. What is the cost per lead?",
            [Option("8", True, "CPM / (1000 × CTR × lead rate) = 4 / (1000 × 0.01 × 0.05) = 8."),
             Option("0.2", False, "That is 4 × 0.05: the price must be divided by the fractions, not multiplied."),
             Option("80", False, "Check the powers of ten: 1000 × 0.01 × 0.05 = 0.5.")],
        ),
        QuizQuestion(
            "Why split an audience into segments with one ad set each (multi-targeting)?",
            [Option("To see which segment and message bring leads cheapest, and move money there.", True,
                    "One ad for everyone averages the differences away."),
             Option("Because platforms forbid broad audiences.", False, "They do not; it is a measurement choice."),
             Option("To make each segment pay a lower CPM.", False, "CPM depends on the auction, not on splitting.")],
        ),
        QuizQuestion(
            "You check an A/B test after every 200 visitors and stop at the first p < 0.05, although the ads "
            "are identical. How often will you declare a winner?",
            [Option("Far more often than 5%.", True, "Each look is another chance for noise to cross the line."),
             Option("Exactly 5%.", False, "Only when you test once, at a sample size fixed in advance."),
             Option("Never, because the ads are identical.", False, "Chance differences happen all the time.")],
        ),
        QuizQuestion(
            "The budget allocator assumes each ad set's cost per lead stays constant up to a cap. What is the "
            "main risk of that assumption?",
            [Option("In real auctions extra leads cost more and more, so the plan is optimistic.", True,
                    "Marginal costs rise; re-plan weekly with fresh data."),
             Option("Costs usually fall as you spend more.", False, "Cheap people are reached first, not last."),
             Option("There is no risk; history predicts the future exactly.", False,
                    "A few dozen leads give a noisy cost per lead.")],
        ),
    ],
)

BANK = Bank(
    name="07_paid",
    title="Paid social",
    questions=QUESTIONS,
    datasets={"my_ad_sets": _my_ad_sets},
    quiz=QUIZ,
)
