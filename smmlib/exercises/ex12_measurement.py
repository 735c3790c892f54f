"""Question bank of ``exercises/12_measurement.ipynb`` and the chapter-12 knowledge check.

Datasets, all personal (seeded by the student ID) and simulated:

- ``my_journeys`` -- 150 paths to purchase of a small shop, one row per touchpoint
  (``journey``, ``step``, ``channel``; :func:`smmlib.measurement.generate_journeys`);
- ``my_lift_test`` -- a four-week holdout test of the shop's campaign: two rows
  (``group`` "test" and "holdout") with ``people`` and ``purchases``;
- ``my_campaign`` -- one row: ``spend``, ``order_value``, ``attributed_purchases``
  (what Ads Manager credited to the campaign in those four weeks) and
  ``people_per_day`` (new people the campaign's audience brings each day).

Expected answers are recomputed from the same seed.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from .. import measurement
from ..engine.questions import Bank, Choice, Context, Misconception, Thought, Value
from ..engine.quiz import Option, Quiz, QuizQuestion

#: q7/q8: the next test is planned for this minimum lift, power, level and split.
MIN_LIFT, POWER, ALPHA, TEST_SHARE = 0.10, 0.8, 0.05, 0.9


def _my_journeys(ctx: Context) -> pd.DataFrame:
    return measurement.generate_journeys(seed=ctx.seed, n_journeys=150)


def _facts(ctx: Context) -> dict:
    """The student's campaign: rates, group sizes and the numbers Ads Manager reports."""
    rng = np.random.default_rng(ctx.seed + 12)
    rate = round(float(rng.uniform(0.015, 0.035)), 4)
    lift = float(rng.uniform(0.05, 0.12))
    n_control = int(rng.integers(12, 22)) * 1_000
    n_test = 9 * n_control
    control = int(rng.binomial(n_control, rate))
    test = int(rng.binomial(n_test, rate * (1 + lift)))
    exposed = float(rng.uniform(0.5, 0.7))
    attributed = int(round(exposed * n_test * rate + (test - n_test * rate)))
    return {"n_test": n_test, "n_control": n_control, "test": test, "control": control,
            "spend": float(rng.integers(6, 15)) * 1_000, "order_value": float(rng.integers(25, 60)),
            "attributed": max(attributed, test // 3), "people_per_day": int(rng.integers(8, 16)) * 1_000}


def _my_lift_test(ctx: Context) -> pd.DataFrame:
    f = _facts(ctx)
    return pd.DataFrame({"group": ["test", "holdout"], "people": [f["n_test"], f["n_control"]],
                         "purchases": [f["test"], f["control"]]})


def _my_campaign(ctx: Context) -> pd.DataFrame:
    f = _facts(ctx)
    return pd.DataFrame([{"spend": f["spend"], "order_value": f["order_value"],
                          "attributed_purchases": f["attributed"], "people_per_day": f["people_per_day"]}])


def _result(ctx: Context) -> measurement.LiftResult:
    t = ctx.data("my_lift_test").set_index("group")
    return measurement.lift_test(int(t.loc["test", "purchases"]), int(t.loc["test", "people"]),
                                 int(t.loc["holdout", "purchases"]), int(t.loc["holdout", "people"]))


def _campaign(ctx: Context) -> pd.Series:
    return ctx.data("my_campaign").iloc[0]


def _plan(ctx: Context, **changes) -> measurement.SampleSize:
    kwargs = {"power": POWER, "alpha": ALPHA, "test_share": TEST_SHARE} | changes
    return measurement.sample_size(_result(ctx).rate_control, MIN_LIFT, **kwargs)


# ----------------------------------------------------------------------------- expected answers


def _q1(ctx: Context) -> pd.Series:
    return measurement.attribute(ctx.data("my_journeys"), "last_click")


def _paid(ctx: Context, model: str) -> float:
    return float(measurement.attribute(ctx.data("my_journeys"), model).get("paid social", 0.0))


def _position_without_short_rules(ctx: Context) -> float:
    """Position-based with 40/20/40 applied to every journey, even of one or two touches."""
    j = ctx.data("my_journeys").sort_values(["journey", "step"])
    length = j.groupby("journey")["step"].transform("size")
    pos = j.groupby("journey").cumcount() + 1
    w = 0.4 * (pos == 1) + 0.4 * (pos == length) + np.where((pos > 1) & (pos < length),
                                                           0.2 / (length - 2).clip(lower=1), 0.0)
    return float(w[j["channel"] == "paid social"].sum())


def _touch_count(ctx: Context) -> float:
    j = ctx.data("my_journeys")
    return float((j["channel"] == "paid social").sum())


def _q4(ctx: Context) -> float:
    return _result(ctx).relative_lift


def _q5(ctx: Context) -> dict[str, float]:
    low, high = _result(ctx).incremental_interval
    return {"low": float(low), "high": float(high)}


def _holdout_scaled(ctx: Context) -> dict[str, float]:
    r = _result(ctx)
    return {"low": r.n_control * r.ci_low, "high": r.n_control * r.ci_high}


def _q6(ctx: Context) -> float:
    c = _campaign(ctx)
    return _result(ctx).incremental_conversions * c["order_value"] / c["spend"]


def _q7(ctx: Context) -> int:
    return _plan(ctx).n_total


def _classic_total(ctx: Context) -> int:
    """q7 by the textbook formula (pooled variance under 'no lift', unpooled under the lift), 90/10 split."""
    p_c = _result(ctx).rate_control
    p_t, r = p_c * (1 + MIN_LIFT), TEST_SHARE / (1 - TEST_SHARE)
    z_a, z_b = NormalDist().inv_cdf(1 - ALPHA / 2), NormalDist().inv_cdf(POWER)
    p_bar = (p_c + r * p_t) / (1 + r)
    n_c = math.ceil((z_a * math.sqrt(p_bar * (1 - p_bar) * (1 + 1 / r))
                     + z_b * math.sqrt(p_c * (1 - p_c) + p_t * (1 - p_t) / r)) ** 2 / (p_t - p_c) ** 2)
    return n_c + math.ceil(round(r * n_c, 6))


def _q8(ctx: Context) -> int:
    return measurement.test_days(_q7(ctx), float(_campaign(ctx)["people_per_day"]))


# ----------------------------------------------------------------------------- likely mistakes

Q1_MISTAKES = (
    Misconception("first click", lambda ctx: measurement.attribute(ctx.data("my_journeys"), "first_click"),
                  "That is first-click credit: each purchase went to the journey's *first* touch. Last click "
                  "gives it to the touch with the highest step of each journey."),
    Misconception("every touch counted", lambda ctx: ctx.data("my_journeys")["channel"].value_counts()
                  .astype(float).sort_index(),
                  "You counted every touchpoint, so a journey of four touches handed out four purchases. Each "
                  "journey is one purchase: keep only its last touch (the highest step), then count by channel."),
)
Q2_MISTAKES = (
    Misconception("last click", lambda ctx: _paid(ctx, "last_click"),
                  "That is paid social's last-click credit. Linear attribution splits every purchase equally "
                  "among the journey's touches: 1/k to each of k touches, then add up paid social's shares."),
    Misconception("touches counted whole", _touch_count,
                  "You counted paid social's touches, each as a whole purchase. Under linear attribution a touch "
                  "in a journey of k touches earns 1/k of that journey's one purchase."),
)
Q3_MISTAKES = (
    Misconception("short journeys", _position_without_short_rules,
                  "You gave 40% to the first and 40% to the last touch in every journey, so a one-touch journey "
                  "handed out only 80% of its purchase and a two-touch journey 80% too. A single touch gets 100%; "
                  "two touches get 50% each."),
    Misconception("linear", lambda ctx: _paid(ctx, "linear"),
                  "That is the linear credit (equal shares). Position-based gives 40% to the first and 40% to "
                  "the last touch and shares the other 20% among the touches between them."),
)
Q4_MISTAKES = (
    Misconception("absolute lift", lambda ctx: _result(ctx).absolute_lift,
                  "That is the absolute lift, the difference of the two rates in percentage points (as a "
                  "fraction). The relative lift divides: test rate / holdout rate − 1."),
    Misconception("relative to the test group", lambda ctx: 1 - _result(ctx).rate_control / _result(ctx).rate_test,
                  "You divided the difference by the test group's rate. Lift is measured against what happens "
                  "without the ads: test rate / holdout rate − 1."),
    Misconception("purchases not rates", lambda ctx: (ctx.data("my_lift_test").set_index("group").loc["test", "purchases"]
                                                      / ctx.data("my_lift_test").set_index("group")
                                                      .loc["holdout", "purchases"] - 1),
                  "You compared the purchases of the two groups, but the test group is nine times larger. "
                  "Compare rates: purchases / people in each group, then test rate / holdout rate − 1."),
)
Q5_MISTAKES = (
    Misconception("interval of the rates", lambda ctx: {"low": _result(ctx).ci_low, "high": _result(ctx).ci_high},
                  "That is the interval of the difference in conversion *rates*. The question asks for "
                  "purchases: multiply both ends by the people in the test group."),
    Misconception("holdout size", _holdout_scaled,
                  "You multiplied by the people in the holdout. The extra purchases happened in the test group: "
                  "multiply the interval of the rate difference by the test group's people."),
)
Q6_MISTAKES = (
    Misconception("attributed ROAS", lambda ctx: _campaign(ctx)["attributed_purchases"] * _campaign(ctx)["order_value"]
                  / _campaign(ctx)["spend"],
                  "That is the attributed ROAS, from the purchases Ads Manager credited to the campaign. Many of "
                  "them would have happened anyway: use the incremental purchases of the lift test."),
    Misconception("all test purchases", lambda ctx: _result(ctx).conversions_test * _campaign(ctx)["order_value"]
                  / _campaign(ctx)["spend"],
                  "You counted every purchase of the test group. Most would have happened without the ads: "
                  "subtract what the holdout rate predicts (n_test × holdout rate) first."),
)
Q7_MISTAKES = (
    Misconception("even split", lambda ctx: _plan(ctx, test_share=0.5).n_total,
                  "That is the size of a 50/50 test. The client keeps 90% of the audience in the test group, and "
                  "a small holdout needs more people in total: use r = 0.9 / 0.1 = 9 in the formula."),
    Misconception("holdout only", lambda ctx: _plan(ctx).n_control,
                  "That is the holdout group alone. The question asks for the whole test: add the test group, "
                  "nine times as large."),
    Misconception("textbook formula", _classic_total,
                  "You used the textbook formula with the pooled rate under 'no lift': a sound method, which here "
                  "gives about 1.5% more people than the arcsine formula. The question asks for the chapter's "
                  "arcsine formula so that answers can be compared: h = 2·asin√p_t − 2·asin√p_c, "
                  "n_holdout = ((z_a + z_b) / h)² × (1 + 1/9)."),
    Misconception("no power term", lambda ctx: _plan(ctx, power=0.5).n_total,
                  "You left out the power term (z for 80% is 0.842): with z_a alone the test would detect the "
                  "lift only half of the time. Use (z_a + z_b)²."),
)
Q8_MISTAKES = (
    Misconception("days rounded down", lambda ctx: math.floor(_q7(ctx) / float(_campaign(ctx)["people_per_day"])),
                  "You rounded down, so the test would stop before it has the people it needs. Round the days up."),
    Misconception("even-split days", lambda ctx: measurement.test_days(_plan(ctx, test_share=0.5).n_total,
                                                                       float(_campaign(ctx)["people_per_day"])),
                  "Those are the days of a 50/50 test. With a 10% holdout the test needs more people in total, "
                  "so more days: use your answer to q7."),
)

PLAN_OPTIONS = {
    "a": "Compare the shop's orders and its UTM-tagged analytics with what Ads Manager reports.",
    "b": "A holdout (conversion-lift) test of the campaign, sized in advance.",
    "c": "Switch Ads Manager to a longer attribution window and read the conversions again.",
    "d": "A brand-lift survey.",
    "e": "A marketing-mix model on the shop's three months of daily sales.",
}

SCALE_OPTIONS = {
    "a": "Triple the budget now: an attributed ROAS of 9 is excellent.",
    "b": "Switch the campaign off: the lift test shows it does not work.",
    "c": "Keep the budget as it is, and run a second holdout test sized for a 10% lift before deciding "
         "to scale.",
    "d": "Report the attributed ROAS with a 7-day click and 1-day view window and scale if it stays above 4.",
}

QUESTIONS = [
    Value(key="q1", heading="Last-click credit per channel",
          brief="The shop's owner asks which channel 'brings the sales'. You have 150 recent paths to purchase "
                "(`my_journeys`).",
          title="Credit each purchase to its journey's last touch. Give a Series indexed by channel with the "
                "purchases credited to each channel.",
          expected=_q1, ordered=False, misconceptions=Q1_MISTAKES,
          hints=("Last click gives the whole purchase to the last touch before it.",
                 "For each journey keep the row with the highest step, then count those rows by channel.",
                 "`last = my_journeys.sort_values('step').groupby('journey').tail(1)`, then "
                 "`last['channel'].value_counts()`")),
    Value(key="q2", heading="Paid social under linear attribution",
          brief="The owner suspects last click is unfair to the Instagram ads that start many journeys.",
          title="Under linear attribution, how many purchases does paid social earn? (a number, may have decimals)",
          expected=lambda ctx: _paid(ctx, "linear"), misconceptions=Q2_MISTAKES,
          hints=("Linear attribution splits each purchase equally among its journey's touches.",
                 "Give every touch 1 / (number of touches in its journey), then add up paid social's shares.",
                 "`k = my_journeys.groupby('journey')['step'].transform('size')`, then "
                 "`(1 / k)[my_journeys['channel'] == 'paid social'].sum()`")),
    Value(key="q3", heading="Paid social under position-based attribution",
          brief="The agency that runs the ads reports position-based (40/20/40) credit.",
          title="Under position-based attribution, how many purchases does paid social earn?",
          expected=lambda ctx: _paid(ctx, "position_based"), misconceptions=Q3_MISTAKES,
          hints=("First and last touch get 40% each, the middle touches share 20%.",
                 "Mind the short journeys: one touch gets 100%, two touches 50% each. Number each journey's "
                 "touches in order, give each its share, add up paid social's.",
                 "`pos = j.groupby('journey').cumcount() + 1` on the journeys sorted by step, "
                 "`k = j.groupby('journey')['step'].transform('size')`; share = 0.4 at pos 1 and pos k, "
                 "0.2 / (k − 2) between, 1 when k == 1, 0.5 when k == 2")),
    Value(key="q4", heading="Lift from the holdout test",
          brief="Meta's conversion-lift test of the shop's four-week campaign is back (`my_lift_test`).",
          title="By how much did the ads raise the conversion rate? Give the relative lift as a fraction "
                "(0.10 = 10%).",
          expected=_q4, misconceptions=Q4_MISTAKES,
          hints=("Lift compares the rate with ads against the rate without.",
                 "Compute each group's rate (purchases / people); lift = test rate / holdout rate − 1.",
                 "`t = my_lift_test.set_index('group')`; `r = t['purchases'] / t['people']`; "
                 "`r['test'] / r['holdout'] - 1`")),
    Value(key="q5", heading="The interval of the extra purchases",
          brief="The owner wants to know how sure the extra purchases are.",
          title="Give the 95% confidence interval of the incremental purchases in the test group as a dict "
                "`{'low': ..., 'high': ...}` (the Wald interval of the rate difference, times the people in the "
                "test group; z = 1.96).",
          expected=_q5, rtol=1e-3, atol=0.5, misconceptions=Q5_MISTAKES,
          hints=("Start from the interval of the difference in rates, as in chapter 07's A/B test.",
                 "difference ± 1.96 × √(r_t(1 − r_t)/n_t + r_c(1 − r_c)/n_c); multiply both ends by n_t.",
                 "`res = paid.ab_test(holdout_purchases, holdout_people, test_purchases, test_people)`; "
                 "`{'low': n_test * res.ci_low, 'high': n_test * res.ci_high}`"),
          hint_calls={"paid.ab_test": "chapter 07's interval of rates is a tool; the point is turning it "
                                      "into purchases"},
          on_correct="If the interval includes 0, the test has not shown that the ads added purchases."),
    Value(key="q6", heading="Incremental return on ad spend",
          brief="Ads Manager shows a high ROAS (`my_campaign`). The owner asks what the campaign really earned.",
          title="Give the incremental ROAS: incremental purchases × order value / spend (the point estimate).",
          expected=_q6, misconceptions=Q6_MISTAKES,
          hints=("Only the purchases the ads caused count.",
                 "Incremental purchases = test purchases − test people × holdout rate; multiply by the order "
                 "value and divide by the spend.",
                 "`inc = t.loc['test', 'purchases'] - t.loc['test', 'people'] * r['holdout']`; "
                 "`inc * my_campaign['order_value'][0] / my_campaign['spend'][0]`")),
    Value(key="q7", heading="Size the next test",
          brief="The owner agrees to a second test, keeping 90% of the audience in the test group, that can "
                "detect a 10% lift at your holdout's conversion rate.",
          title="How many people must the whole test include (test group and holdout) for 80% power at the "
                "5% level? Use the arcsine formula of the chapter, rounding each group up.",
          expected=_q7, rtol=1e-3, misconceptions=Q7_MISTAKES,
          hints=("Work backwards from the smallest lift worth detecting to the people needed.",
                 "h = 2·asin√p_t − 2·asin√p_c with p_t = 1.1 × p_c; n_holdout = ((1.960 + 0.842) / h)² × (1 + 1/9) "
                 "rounded up; the test group is 9 times that, rounded up; add them.",
                 "`h = 2*math.asin(math.sqrt(1.1*pc)) - 2*math.asin(math.sqrt(pc))`; "
                 "`nc = math.ceil(((1.959964 + 0.841621) / h)**2 * (1 + 1/9))`; `nc + math.ceil(9 * nc)`")),
    Value(key="q8", heading="How long the test must run",
          brief="The campaign's audience brings `people_per_day` new people a day (`my_campaign`).",
          title="How many whole days must the test run to reach the people of q7?",
          expected=_q8, misconceptions=Q8_MISTAKES,
          hints=("Days = people needed / people per day.",
                 "Divide your q7 answer by `people_per_day` and round **up**: a partial day still has to run.",
                 "`math.ceil(q7_answer / my_campaign['people_per_day'][0])`"),
          on_correct="In practice round up to whole weeks, so that every weekday counts equally."),
    Choice(key="q9", heading="Measuring the sales the campaign caused", decision=True,
           brief="The owner asks: 'Did the Instagram campaign bring sales we would not have had without it, "
                 "and how many?' The shop has three months of sales data and one campaign running.",
           title="Which measurement answers that question?",
           options=PLAN_OPTIONS, correct="b",
           explanations={
               "a": "A good first check that tracking works, but both counts include purchases that would have "
                    "happened anyway: neither says what the ads caused.",
               "c": "A longer window attributes *more* conversions to the ads, not more caused ones.",
               "d": "Brand lift measures recall and opinion, not sales.",
               "e": "A marketing-mix model needs years of weekly data across channels with varying spend; three "
                    "months of one campaign cannot separate its effect from the season."},
           hints=("The question is about cause: purchases *because of* the ads.",
                  "Which option compares people who could see the ads with people who could not?"),
           on_correct="Only a randomised comparison with people who could not see the ads measures what the ads "
                      "caused. The trade-off: a holdout does not see the ads for weeks, and the test must be "
                      "large enough (q7) to say anything."),
    Choice(key="q10", heading="Scale a campaign with a high attributed ROAS?", decision=True,
           brief="A client's retargeting campaign shows an attributed ROAS of 9 in Ads Manager, but its holdout "
                 "test gave a lift of +4% (95% interval −3% to +11%, p = 0.27), an incremental ROAS of 1.2 at "
                 "the point estimate. The client wants to triple the budget.",
           title="What do you recommend?",
           options=SCALE_OPTIONS, correct="c",
           explanations={
               "a": "The attributed ROAS counts purchases by people the ads reached, most of whom were about to "
                    "buy anyway (retargeting). The test cannot rule out that the campaign added nothing; tripling "
                    "it on attribution alone risks tripling spend that causes little.",
               "b": "'Not significant' is not 'no effect': the interval runs up to +11% and the point estimate "
                    "is positive. The test was too small to decide.",
               "d": "Any attribution window counts conversions near the ads, not caused by them; changing it "
                    "changes the number, not the answer."},
           hints=("What does the interval of the lift include?",
                  "Attributed ROAS and incremental ROAS answer different questions; which one pays the bills?"),
           on_correct="The honest reading is 'uncertain, probably far below the attributed ROAS'. The trade-off: "
                      "a larger test costs weeks and a holdout, but tripling the spend on attribution alone could "
                      "triple a cost that causes few sales — and if the second test shows a real lift, you scale "
                      "with evidence."),
    Thought(key="q11", heading="Your note to the client",
            brief="The client of q10 asks for your advice in writing.",
            title="In four or five sentences: why is the attributed ROAS of 9 not the campaign's return, what does "
                  "the lift test say and not say, and what do you propose to do next?",
            rubric=("1 point: explains that attribution credits purchases near the ads, including those that "
                    "would have happened anyway (retargeting reaches people about to buy), so it overstates the "
                    "campaign's effect; only the holdout comparison measures what it caused.",
                    "1 point: reads the test correctly — the interval includes 0, so the lift is not shown, but "
                    "not disproved either — and proposes a concrete next step (keep the budget, a larger test "
                    "sized for a stated minimum lift and length, decide on incremental ROAS)."),
            solution="Ads Manager's ROAS of 9 counts every purchase by someone who clicked or saw the ad "
                     "shortly before buying; a retargeting campaign reaches people who were already about to "
                     "buy, so many of those purchases would have happened anyway. The holdout test compares with "
                     "people who could not see the ads: it estimates a 4% lift, an incremental ROAS of about 1.2, "
                     "but its interval runs from −3% to +11%, so we cannot yet say whether the campaign adds "
                     "sales at all. It has not shown that the campaign fails either — the test was too small. I "
                     "propose to keep the budget as it is and run a second test sized to detect a 10% lift "
                     "(a few hundred thousand people, about four to six weeks), and to scale only if its "
                     "incremental ROAS clears our break-even ROAS (1 / gross margin: 2.5 at a 40% margin).",
            hints=("Write for a client who has never heard of a holdout group.",
                   "A good answer explains that attribution counts purchases near the ads, those that would "
                   "have come anyway included; reads the lift test honestly (its interval includes 0: the "
                   "lift is not shown, nor disproved); and proposes a next step such as keeping the budget "
                   "and running a larger holdout test.")),
]

QUIZ = Quiz(
    "Measurement that survives privacy",
    [
        QuizQuestion(
            "Meta says the ad auction picks the ad with the highest total value. What makes up total value?",
            [Option("The advertiser's bid, the estimated action rate (how likely this person is to act) and ad "
                    "quality.", True, "So a relevant ad can win against a higher bid and pay less per result."),
             Option("The highest bid alone.", False,
                    "That is a classic auction; Meta's also weighs the person's likely response and ad quality."),
             Option("The number of followers of the advertiser's page.", False,
                    "Followers play no part in the ad auction.")],
        ),
        QuizQuestion(
            "A small shop splits 70 purchases a week over seven ad sets. What does Meta's learning phase predict?",
            [Option("Each ad set gets about 10 optimisation events a week, far below the ~50 it needs to leave "
                    "learning, so costs keep swinging; fewer, larger ad sets would learn.", True,
                    "Meta's help centre: about 50 optimisation events within 7 days (checked 2026)."),
             Option("Seven ad sets learn seven times as fast.", False,
                    "Learning is per ad set; splitting the events slows every one of them."),
             Option("The learning phase only matters for awareness campaigns.", False,
                    "It applies to every ad set optimised for an event, purchases included.")],
        ),
        QuizQuestion(
            "After iOS 14.5 (2021), why do ad platforms report fewer and partly modelled conversions?",
            [Option("Apps must ask permission to track people across other companies' apps and websites; many "
                    "decline, so the platforms miss those conversions and estimate part of them.", True,
                    "App Tracking Transparency; server-side events and modelling fill part of the gap."),
             Option("Apple blocks all advertising on iPhones.", False, "Ads still run; tracking is what changed."),
             Option("Because people buy less on phones.", False, "The change is in measurement, not in buying.")],
        ),
        QuizQuestion(
            "Meta reports 130 purchases from its ads and TikTok 90; the shop's analytics credits 60 of its 160 "
            "orders to paid social. What is the most likely explanation?",
            [Option("Each platform credits every purchase inside its own click and view windows, so they count "
                    "some of the same orders; the shop's analytics credits each order to its last tagged visit "
                    "only.", True,
                    "Attribution is a rule for handing out credit; each system applies its own."),
             Option("One of the systems is broken.", False,
                    "Different rules and windows explain the gap without any error."),
             Option("The ads caused 130 + 90 = 220 purchases.", False,
                    "Platforms' numbers cannot be added: they overlap, and none says what the ads caused.")],
        ),
        QuizQuestion(
            "A holdout test shows a +8% lift with a 95% interval from −2% to +18%. What do you report?",
            [Option("The lift is not shown: the interval includes 0. The ads may add nothing or up to 18%; a "
                    "larger test is needed to tell.", True, "An interval that includes 0 means 'not shown', "
                    "not 'no effect'."),
             Option("The ads raised sales by 8%.", False, "That is the point estimate; 0 is also plausible."),
             Option("The ads do not work.", False, "'Not significant' is not 'no effect'.")],
        ),
        QuizQuestion(
            "You halve the minimum lift your test must detect (from 10% to 5%). Roughly how many more people "
            "does the test need?",
            [Option("About four times as many: the size grows with 1 / (effect)².", True,
                    "Which is why small effects are so expensive to measure."),
             Option("Twice as many.", False, "The size depends on the square of the effect."),
             Option("The same number, if it runs twice as long.", False,
                    "Running longer is how you get more people; it is the people that count.")],
        ),
        QuizQuestion(
            "Which measurement needs no tracking of individual people at all?",
            [Option("A geo experiment or a marketing-mix model: both use sales by region or by week.", True,
                    "Aggregated data survives consent refusals and ATT."),
             Option("Last-click attribution in the ad platform.", False,
                    "It needs the click and the purchase of the same person."),
             Option("A pixel-based conversion report.", False, "A pixel tracks each visitor's browser.")],
        ),
    ],
)

BANK = Bank(
    name="12_measurement",
    title="Measurement that survives privacy",
    questions=QUESTIONS,
    datasets={"my_journeys": _my_journeys, "my_lift_test": _my_lift_test, "my_campaign": _my_campaign},
    quiz=QUIZ,
)
