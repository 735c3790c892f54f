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
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from .. import measurement
from ..engine.questions import Choice, Context, Misconception, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex12_measurement.toml")

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

QUESTIONS = [
    Value(**TEXT("q1"), expected=_q1, ordered=False, misconceptions=Q1_MISTAKES),
    Value(**TEXT("q2"), expected=lambda ctx: _paid(ctx, "linear"), misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), expected=lambda ctx: _paid(ctx, "position_based"),
          misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=_q4, misconceptions=Q4_MISTAKES),
    Value(**TEXT("q5"), expected=_q5, rtol=1e-3, atol=0.5, misconceptions=Q5_MISTAKES),
    Value(**TEXT("q6"), expected=_q6, misconceptions=Q6_MISTAKES),
    Value(**TEXT("q7"), expected=_q7, rtol=1e-3, misconceptions=Q7_MISTAKES),
    Value(**TEXT("q8"), expected=_q8, misconceptions=Q8_MISTAKES),
    Choice(**TEXT("q9"), decision=True, correct="b"),
    Choice(**TEXT("q10"), decision=True, correct="c"),
    Thought(**TEXT("q11")),
]

BANK = TEXT.bank("12_measurement", QUESTIONS,
                 datasets={"my_journeys": _my_journeys, "my_lift_test": _my_lift_test,
                           "my_campaign": _my_campaign})
