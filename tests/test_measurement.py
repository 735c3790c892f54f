"""Tests of smmlib.measurement: attribution by hand, the lift test and power against
statsmodels and hand-computed values, the seeded simulation, the figures and the widget."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_effectsize,
    proportions_ztest,
)

from smmlib import measurement as m
from smmlib import paid
from smmlib.viz import figure_problems
from smmlib.widgets import panel
from smmlib.widgets.measurement import lift_test_simulator


@pytest.fixture(autouse=True)
def _quiet_display(monkeypatch):
    monkeypatch.setattr(panel, "display", lambda *args, **kwargs: None)


# ---------------------------------------------------------------- buying

def test_toy_auction_by_hand():
    ads = pd.DataFrame({"ad": ["high bid", "relevant", "hidden a lot"], "bid": [30.0, 12.0, 40.0],
                        "action_rate": [0.010, 0.030, 0.012], "quality": [0.0, 0.04, -0.2]})
    table = m.toy_auction(ads)
    # 30 x 0.010 + 0 = 0.30; 12 x 0.030 + 0.04 = 0.40; 40 x 0.012 - 0.2 = 0.28
    assert table["ad"].tolist() == ["relevant", "high bid", "hidden a lot"]
    assert table["total_value"].tolist() == pytest.approx([0.40, 0.30, 0.28])
    assert table["wins"].tolist() == [True, False, False]


@pytest.mark.parametrize(("frame", "error", "message"), [
    (pd.DataFrame({"ad": ["a"], "bid": [1.0], "action_rate": [3.0], "quality": [0.0]}), ValueError, "fraction"),
    (pd.DataFrame({"ad": ["a"], "bid": [1.0]}), KeyError, "lack column"),
    ([1, 2], TypeError, "must be a DataFrame"),
])
def test_bad_auctions_are_refused(frame, error, message):
    with pytest.raises(error, match=message):
        m.toy_auction(frame)


def test_ad_sets_that_can_learn_by_hand():
    assert m.ad_sets_that_can_learn(3_000, 12) == 5       # 250 events a week / 50
    assert m.ad_sets_that_can_learn(600, 12) == 1         # exactly 50
    assert m.ad_sets_that_can_learn(590, 12) == 0         # 49.2 events: not even one
    assert m.ad_sets_that_can_learn(3_000, 12, events_needed=25) == 10
    with pytest.raises(ValueError, match="greater than 0"):
        m.ad_sets_that_can_learn(3_000, 0)


# ---------------------------------------------------------------- attribution by hand

#: Three journeys: A = paid social → email → organic social → search (4 touches),
#: B = paid social → direct (2), C = search (1).
JOURNEYS = pd.DataFrame({
    "journey": ["A", "A", "A", "A", "B", "B", "C"],
    "step": [1, 2, 3, 4, 1, 2, 1],
    "channel": ["paid social", "email", "organic social", "search", "paid social", "direct", "search"],
})


@pytest.mark.parametrize(("model", "expected"), [
    # last touch of each journey: search (A), direct (B), search (C)
    ("last_click", {"direct": 1, "email": 0, "organic social": 0, "paid social": 0, "search": 2}),
    # first touch: paid social (A), paid social (B), search (C)
    ("first_click", {"direct": 0, "email": 0, "organic social": 0, "paid social": 2, "search": 1}),
    # A: 1/4 each; B: 1/2 each; C: 1
    ("linear", {"direct": 0.5, "email": 0.25, "organic social": 0.25, "paid social": 0.75, "search": 1.25}),
    # A: 0.4 first, 0.1 + 0.1 middle, 0.4 last; B: 0.5 / 0.5; C: 1
    ("position_based", {"direct": 0.5, "email": 0.1, "organic social": 0.1, "paid social": 0.9, "search": 1.4}),
])
def test_attribution_by_hand(model, expected):
    credit = m.attribute(JOURNEYS, model)
    assert credit.to_dict() == pytest.approx(expected)
    assert credit.sum() == pytest.approx(3)  # one conversion per journey, whatever the model


def test_attribution_ignores_row_order():
    shuffled = JOURNEYS.sample(frac=1, random_state=3)
    pd.testing.assert_series_equal(m.attribute(shuffled, "position_based"), m.attribute(JOURNEYS, "position_based"))


def test_attribution_table_has_every_model_and_sums_to_journeys():
    journeys = m.generate_journeys(seed=2, n_journeys=120)
    table = m.attribution_table(journeys)
    assert list(table.columns) == ["last click", "first click", "linear", "position-based (40/20/40)"]
    assert table.sum().tolist() == pytest.approx([120] * 4)
    # the generator's design: paid social opens journeys more than it closes them
    assert table.loc["paid social", "first click"] > table.loc["paid social", "last click"]


@pytest.mark.parametrize(("frame", "model", "error", "message"), [
    (JOURNEYS, "u_shaped", ValueError, r"model \(the attribution model\) must be one of 'last_click'.*got 'u_shaped'"),
    (JOURNEYS.drop(columns="step"), "linear", KeyError, "lack column"),
    (pd.concat([JOURNEYS, JOURNEYS.iloc[:1]]), "linear", ValueError, "same step"),
    (JOURNEYS.to_dict(), "linear", TypeError, "must be a DataFrame"),
])
def test_bad_journeys_are_refused_with_what_to_do(frame, model, error, message):
    with pytest.raises(error, match=message):
        m.attribute(frame, model)


def test_generate_journeys_is_seeded():
    a, b = m.generate_journeys(seed=5), m.generate_journeys(seed=5)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(m.generate_journeys(seed=6))
    steps = a.groupby("journey")["step"].agg(["min", "max", "size"])
    assert (steps["min"] == 1).all() and (steps["max"] == steps["size"]).all() and steps["size"].max() <= 5


# ---------------------------------------------------------------- lift test

def test_lift_test_by_hand():
    # test 660 of 30,000 = 2.2%, holdout 100 of 5,000 = 2.0%
    r = m.lift_test(660, 30_000, 100, 5_000)
    assert (r.rate_test, r.rate_control) == pytest.approx((0.022, 0.02))
    assert r.absolute_lift == pytest.approx(0.002)
    assert r.relative_lift == pytest.approx(0.10)
    assert r.incremental_conversions == pytest.approx(660 - 30_000 * 0.02)  # = 60
    # unpooled se = sqrt(.022*.978/30000 + .02*.98/5000) = sqrt(7.172e-7 + 3.92e-6) = 0.0021535
    se = math.sqrt(0.022 * 0.978 / 30_000 + 0.02 * 0.98 / 5_000)
    assert se == pytest.approx(0.0021535, rel=1e-4)
    assert (r.ci_low, r.ci_high) == pytest.approx((0.002 - 1.959964 * se, 0.002 + 1.959964 * se))
    assert r.incremental_interval == pytest.approx((30_000 * r.ci_low, 30_000 * r.ci_high))
    # log interval: se = sqrt(1/660 - 1/30000 + 1/100 - 1/5000) = sqrt(0.0112818) = 0.106216
    log_se = math.sqrt(1 / 660 - 1 / 30_000 + 1 / 100 - 1 / 5_000)
    assert log_se == pytest.approx(0.106216, rel=1e-4)
    assert r.rel_ci_low == pytest.approx(1.1 * math.exp(-1.959964 * log_se) - 1)
    assert not r.significant and "cannot tell" in r.text()


@pytest.mark.parametrize(("xt", "nt", "xc", "nc"), [
    (660, 30_000, 100, 5_000), (2_900, 126_000, 280, 14_000), (130, 5_000, 95, 5_000), (45, 9_000, 2, 1_000)])
def test_lift_test_agrees_with_statsmodels(xt, nt, xc, nc):
    r = m.lift_test(xt, nt, xc, nc)
    wald = confint_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff")
    assert (r.ci_low, r.ci_high) == pytest.approx(wald, rel=1e-9)
    ratio = confint_proportions_2indep(xt, nt, xc, nc, method="log", compare="ratio")
    assert (r.rel_ci_low + 1, r.rel_ci_high + 1) == pytest.approx(ratio, rel=1e-9)
    _, p_value = proportions_ztest([xt, xc], [nt, nc])  # pooled two-sided z-test
    assert r.p_value == pytest.approx(p_value, rel=1e-9)


def test_a_clear_lift_is_significant():
    r = m.lift_test(3_000, 100_000, 200, 10_000)  # 3.0% vs 2.0%: +50%
    assert r.significant and r.rel_ci_low > 0 and "beyond chance" in r.text()


def test_lift_without_conversions_has_no_relative_interval():
    r = m.lift_test(5, 1_000, 0, 1_000)
    assert math.isnan(r.rel_ci_low) and math.isnan(r.relative_lift)
    assert "lift not defined" in r.text() and "nan" not in r.text()


@pytest.mark.parametrize(("args", "error", "message"), [
    ((10, 0, 5, 100), ValueError, "n_b is 0"),
    ((200, 100, 5, 100), ValueError, "larger than n_b"),
    ((10.5, 100, 5, 100), TypeError, "whole number"),
])
def test_bad_lift_inputs_are_refused(args, error, message):
    with pytest.raises(error, match=message):
        m.lift_test(*args)


# ---------------------------------------------------------------- power and sample size

@pytest.mark.parametrize(("p", "lift", "nc", "nt"), [
    (0.02, 0.10, 50_000, 50_000), (0.02, 0.10, 14_000, 126_000), (0.05, 0.20, 3_000, 3_000), (0.01, 0.5, 800, 7_200)])
def test_power_agrees_with_statsmodels(p, lift, nc, nt):
    h = proportion_effectsize(p * (1 + lift), p)
    expected = NormalIndPower().power(effect_size=h, nobs1=nc, alpha=0.05, ratio=nt / nc)
    assert m.power(p, lift, nc, nt) == pytest.approx(expected, rel=1e-9)


def test_power_by_hand():
    # h = 2 asin sqrt(.022) - 2 asin sqrt(.02) = 0.0139525; m = sqrt(50000/2) = 158.114
    h = 2 * math.asin(math.sqrt(0.022)) - 2 * math.asin(math.sqrt(0.02))
    assert h == pytest.approx(0.0139525, rel=1e-5)
    shift = h * math.sqrt(25_000)                                  # 2.2061
    expected = stats.norm.cdf(shift - 1.959964) + stats.norm.cdf(-shift - 1.959964)
    assert expected == pytest.approx(0.5972, abs=1e-4)
    assert m.power(0.02, 0.10, 50_000, 50_000) == pytest.approx(expected)
    assert m.power(0.02, 0.0, 50_000, 50_000) == pytest.approx(0.05)  # no lift: only false alarms


@pytest.mark.parametrize(("p", "lift", "share"), [(0.02, 0.10, 0.5), (0.02, 0.10, 0.9), (0.03, 0.15, 0.8),
                                                   (0.08, 0.05, 0.5)])
def test_sample_size_agrees_with_statsmodels(p, lift, share):
    s = m.sample_size(p, lift, power=0.8, test_share=share)
    ratio = share / (1 - share)
    h = proportion_effectsize(p * (1 + lift), p)
    nobs1 = NormalIndPower().solve_power(effect_size=h, nobs1=None, alpha=0.05, power=0.8, ratio=ratio)
    assert s.n_control == math.ceil(nobs1) or s.n_control == math.ceil(nobs1) + 1  # statsmodels adds the far tail
    assert s.n_test == math.ceil(round(ratio * s.n_control, 6))
    assert m.power(p, lift, s.n_control, s.n_test) >= 0.8 - 1e-9


def test_sample_size_by_hand_and_the_cost_of_a_small_holdout():
    # ((1.959964 + 0.841621) / 0.0139525)^2 * 2 = 80,637.2 -> 80,638 per group
    even = m.sample_size(0.02, 0.10)
    assert even.n_control == even.n_test == 80_638
    assert even.control_conversions == pytest.approx(80_638 * 0.02)
    # a 10% holdout: n_control = 80,637.2 / 2 * (1 + 1/9) = 44,798.5 -> 44,799; n_test = 9 x that
    small = m.sample_size(0.02, 0.10, test_share=0.9)
    assert (small.n_control, small.n_test) == (44_799, 403_191)
    assert small.n_total > even.n_total and small.n_control < even.n_control
    assert "held out" in small.text()


def test_the_chapters_holdout_conversions_rule_of_thumb_matches_the_calculation():
    """Chapter 12 says a 10% holdout must expect hundreds of conversions for +10-20% and thousands for +5%."""
    # 2% baseline, 90/10 split: n_control 44,799 x 0.02 = 896 (+10%); the other two from the same formula
    expected = {0.05: 3_500, 0.10: 896, 0.20: 234}
    for lift, conversions in expected.items():
        got = m.sample_size(0.02, lift, test_share=0.9).control_conversions
        assert got == pytest.approx(conversions, rel=0.01), (
            f"+{lift:.0%}: the holdout expects {got:.0f} conversions, the chapter's text says about {conversions}")


def test_classic_formula_gives_nearly_the_same_size():
    """The textbook pooled/unpooled normal formula, by hand, lands within 1% of the arcsine one."""
    p1, p2 = 0.02, 0.022
    pbar = (p1 + p2) / 2
    n = (1.959964 * math.sqrt(2 * pbar * (1 - pbar)) + 0.841621 * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 \
        / (p2 - p1) ** 2
    assert n == pytest.approx(80_681, abs=1)
    assert m.sample_size(p1, 0.10).n_control == pytest.approx(n, rel=0.01)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"rate_control": 2, "relative_lift": 0.1}, "fraction"),
    ({"rate_control": 0.02, "relative_lift": 0}, "lift of zero"),
    ({"rate_control": 0.6, "relative_lift": 1.0}, "must stay between 0 and 1"),
    ({"rate_control": 0.02, "relative_lift": 0.1, "test_share": 1.0}, "below 1"),
])
def test_bad_sample_size_inputs_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        m.sample_size(**kwargs)


def test_test_days_by_hand():
    assert m.test_days(161_276, 12_000) == 14       # 13.44 days -> 14
    assert m.test_days(120_000, 12_000) == 10       # exactly 10
    with pytest.raises(ValueError, match="greater than 0"):
        m.test_days(1_000, 0)


# ---------------------------------------------------------------- simulation

def test_simulation_is_seeded_and_consistent():
    a = m.simulate_lift_test(seed=3, n_sims=60)
    b = m.simulate_lift_test(seed=3, n_sims=60)
    assert a.text() == b.text() and np.array_equal(a.estimates, b.estimates)
    assert (a.n_test, a.n_control) == (126_000, 14_000)    # 14 days x 10,000 a day, 90/10
    assert a.result.n_test == a.n_test and a.result.n_control == a.n_control
    assert a.attributed > a.true_incremental and a.overstatement > 1


def test_simulation_detection_rate_tracks_the_formula():
    sim = m.simulate_lift_test(seed=0, baseline_rate=0.02, true_lift=0.2, test_share=0.5, days=10,
                               people_per_day=10_000, n_sims=600)
    # 2,000 simulated tests would be tighter; 600 keep the test fast: +-4 points is 2 standard errors
    assert sim.detection_rate == pytest.approx(sim.power, abs=0.05)
    assert abs(float(np.mean(sim.estimates)) - 0.2) < 0.02


def test_simulation_without_lift_finds_about_five_percent():
    sim = m.simulate_lift_test(seed=2, true_lift=0.0, test_share=0.5, n_sims=1000)
    assert sim.detection_rate < 0.05          # one-sided "positive and significant": about 2.5%
    assert sim.true_incremental == 0 and sim.overstatement == float("inf")
    assert "infinitely many times" in sim.text()


def test_simulation_attribution_by_hand():
    """With everyone exposed, attribution counts every test-group conversion."""
    sim = m.simulate_lift_test(seed=4, exposed_share=1.0, n_sims=5)
    assert sim.attributed == sim.result.conversions_test
    none = m.simulate_lift_test(seed=4, exposed_share=0.0, n_sims=5)
    assert none.attributed == none.true_incremental


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"test_share": 1.0}, "needs a holdout"),
    ({"true_lift": -0.1}, "at least 0"),
    ({"days": 0}, "at least 1"),
    ({"people_per_day": 1, "days": 1, "test_share": 0.5}, "cannot fill both groups"),
])
def test_bad_simulation_inputs_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        m.simulate_lift_test(n_sims=5, **kwargs)


# ---------------------------------------------------------------- figures and widget

def test_figures_have_titles_and_labels():
    table = m.attribution_table(m.generate_journeys(seed=0))
    sim = m.simulate_lift_test(seed=0, n_sims=20)
    for fig in (m.attribution_figure(table), m.lift_figure(sim), m.power_figure(0.02, 0.1, 10_000, 0.9)):
        assert figure_problems(fig) == []
    assert "simulated" in m.attribution_figure(table).layout.title.text


def test_lift_test_simulator_follows_its_sliders():
    sim = lift_test_simulator()
    first = sim.summary.value
    assert "Simulated test of 14 days" in first
    sim.sliders["days"].value = 28
    assert "Simulated test of 28 days" in sim.summary.value and sim.result.days == 28
    assert sim.result.n_test == round(28 * 10_000 * 0.9)
    sim.sliders["true_lift"].value = 0.3
    assert sim.result.true_lift == pytest.approx(0.3)
    assert sim.result.detection_rate > 0.9


# ---------------------------------------------------------------- the exercise bank

def _bank():
    from smmlib import exercises

    return exercises.get_bank("12_measurement")


@pytest.mark.parametrize("student", ["self-learner", "ana", "s001"])
def test_bank_right_answers_pass(student):
    from smmlib.engine.checking import Outcome

    bank = _bank()
    ctx = bank.context(student)
    for q in bank.questions:
        if hasattr(q, "expected_value"):
            assert q.grade(q.expected_value(ctx), ctx).outcome is Outcome.CORRECT, q.key
    assert bank.question("q9").grade("b", ctx).outcome is Outcome.CORRECT
    assert bank.question("q10").grade("c", ctx).outcome is Outcome.CORRECT
    assert bank.question("q11").grade("I would keep the budget and run a larger test first.", ctx).points == 0


@pytest.mark.parametrize(("key", "bad", "words"), [
    ("q1", {"search": 3}, "Series"),
    ("q2", "42.9", "quotes"),
    ("q4", [0.1], "number"),
    ("q5", [-100.0, 500.0], "dict"),
    ("q7", "lots", "Expected a number"),
    ("q9", 2, "letter"),
    ("q11", 3.0, "text in quotes"),
])
def test_bank_wrong_types_get_clear_messages(key, bad, words):
    from smmlib.engine.checking import Outcome

    bank = _bank()
    ctx = bank.context("ana")
    result = bank.question(key).grade(bad, ctx)
    assert result.outcome is Outcome.INCORRECT
    assert words in result.message and "Traceback" not in result.message


def test_bank_is_framed_as_work_with_tiered_hints():
    bank = _bank()
    assert len([q for q in bank.questions if q.graded]) >= 6
    decisions = [q for q in bank.questions if q.decision]
    assert [q.key for q in decisions] == ["q9", "q10"]
    for q in decisions:  # every wrong option's feedback, and the right one's on_correct, explain the trade-off
        right = {q.correct} if isinstance(q.correct, str) else set(q.correct)
        assert set(q.options) - right <= set(q.explanations), q.key
        assert len(q.on_correct.split()) >= 8, q.key
    for q in bank.questions:
        assert q.heading and q.brief and not re.fullmatch(r"\w+ question", q.heading), q.key
        if len(q.hints) >= 2:
            assert "`" not in q.hints[0], f"{q.key}: the first hint names the idea, without code"
            assert "measurement." not in q.hints[-1], f"{q.key}: no hint hands over the chapter's function"
    assert len(bank.quiz.questions) >= 5


def test_a_significant_drop_is_not_reported_as_no_effect():
    """Review of ch12: text() called every result that was not a significant *rise* 'cannot tell from zero',
    a significant fall included. 300 of 20,000 against 400 of 20,000: z = -0.005 / sqrt(0.0175 x 0.9825 x
    2 / 20,000) = -3.81, p = 0.00014."""
    r = m.lift_test(300, 20_000, 400, 20_000)
    assert r.significant and r.absolute_lift == pytest.approx(-0.005)
    assert r.p_value == pytest.approx(2 * stats.norm.cdf(-0.005 / math.sqrt(0.0175 * 0.9825 * 2 / 20_000)))
    assert "converted less than the holdout" in r.text() and "cannot tell" not in r.text()
    assert "cannot tell" in m.lift_test(410, 20_000, 400, 20_000).text()
    assert "beyond chance" in m.lift_test(500, 20_000, 400, 20_000).text()


def test_lift_and_ab_results_share_one_significance_verdict():
    """LiftResult and paid.ABTestResult judge significance with one helper (paid.Significance):
    significant when p < 1 - confidence, on either side of the 5% and 20% thresholds."""
    import dataclasses

    for result in (paid.ab_test(40, 1000, 60, 1000), m.lift_test(60, 1000, 40, 1000)):
        assert isinstance(result, paid.Significance)
        assert result.significant == (result.p_value < 0.05)
        assert dataclasses.replace(result, p_value=0.0499).significant
        assert not dataclasses.replace(result, p_value=0.0501).significant
        assert dataclasses.replace(result, p_value=0.19, confidence=0.80).significant
        assert not dataclasses.replace(result, p_value=0.21, confidence=0.80).significant
