"""Tests of smmlib.paid: the A/B test against hand and scipy references, the peeking
simulation, the segment funnel, the budget allocator and the widgets' pure parts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from smmlib import paid, widgets
from smmlib.funnel import funnel_figure
from smmlib.generate import generate_ad_sets
from smmlib.viz import figure_problems

# ----------------------------------------------------------------------------- A/B test

def _reference(xa, na, xb, nb, confidence=0.95):
    """Independent computation with scipy.stats.norm (the dev dependency)."""
    pa, pb = xa / na, xb / nb
    pooled = (xa + xb) / (na + nb)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    z = (pb - pa) / se0
    p = 2 * norm.sf(abs(z))
    se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    crit = norm.ppf(1 - (1 - confidence) / 2)
    return z, p, (pb - pa) - crit * se, (pb - pa) + crit * se


@pytest.mark.parametrize("xa, na, xb, nb, confidence", [
    (40, 1000, 60, 1000, 0.95), (50, 1000, 75, 1000, 0.95), (120, 5000, 100, 4000, 0.9),
    (3, 40, 9, 45, 0.99), (500, 1000, 480, 1000, 0.95), (1, 10_000, 30, 10_000, 0.95),
    (0, 200, 7, 180, 0.95),
])
def test_ab_test_matches_scipy_reference(xa, na, xb, nb, confidence):
    r = paid.ab_test(xa, na, xb, nb, confidence=confidence)
    z, p, low, high = _reference(xa, na, xb, nb, confidence)
    assert r.z == pytest.approx(z, abs=1e-9)
    assert r.p_value == pytest.approx(p, abs=1e-9)
    assert r.ci_low == pytest.approx(low, abs=1e-9)
    assert r.ci_high == pytest.approx(high, abs=1e-9)
    assert r.effect == pytest.approx(xb / nb - xa / na, abs=1e-12)


def test_ab_test_by_hand():
    # 40/1000 vs 60/1000: pooled 0.05, se0 = sqrt(0.05*0.95*0.002) = sqrt(0.000095) = 0.00974679...
    # z = 0.02 / 0.00974679 = 2.0519567; unpooled se = sqrt(0.0000384 + 0.0000564) = 0.00973653
    r = paid.ab_test(40, 1000, 60, 1000)
    assert (r.rate_a, r.rate_b) == (0.04, 0.06)
    assert r.z == pytest.approx(0.02 / math.sqrt(0.000095), rel=1e-12)
    assert r.z == pytest.approx(2.0519567, abs=1e-6)
    assert r.p_value == pytest.approx(0.0401739, abs=1e-6)
    assert r.ci_low == pytest.approx(0.02 - 1.959963985 * math.sqrt(0.0000948), abs=1e-9)
    assert r.ci_high == pytest.approx(0.0390832, abs=1e-6)
    assert r.significant
    assert r.relative_lift == pytest.approx(0.5)
    assert "+2.00 percentage points" in r.text()


def test_ab_test_direction_is_b_minus_a():
    r = paid.ab_test(60, 1000, 40, 1000)
    assert r.effect == pytest.approx(-0.02)
    assert r.z < 0 and r.ci_high < 0
    assert r.p_value == pytest.approx(paid.ab_test(40, 1000, 60, 1000).p_value, abs=1e-15)


def test_ab_test_no_difference():
    r = paid.ab_test(50, 1000, 50, 1000)
    assert r.effect == 0 and r.z == 0 and r.p_value == pytest.approx(1.0)
    assert not r.significant
    assert r.ci_low == pytest.approx(-r.ci_high)


@pytest.mark.parametrize("xa, xb", [(0, 0), (100, 100)])
def test_ab_test_all_or_nothing_gives_p_one(xa, xb):
    r = paid.ab_test(xa, 100, xb, 100)
    assert r.z == 0.0 and r.p_value == 1.0
    assert r.ci_low == r.ci_high == 0.0     # the Wald interval collapses (documented)


def test_ab_test_zero_versus_all():
    r = paid.ab_test(0, 50, 50, 50)
    # pooled 0.5: se0 = sqrt(0.25 * 0.04) = 0.1, z = 1 / 0.1 = 10
    assert r.z == pytest.approx(10.0)
    assert r.p_value == pytest.approx(2 * norm.sf(10), rel=1e-6)
    assert r.ci_low == r.ci_high == 1.0


def test_ab_test_errors():
    with pytest.raises(ValueError, match="n_a is 0"):
        paid.ab_test(0, 0, 1, 10)
    with pytest.raises(ValueError, match="n_b is 0"):
        paid.ab_test(1, 10, 0, 0)
    with pytest.raises(ValueError, match="larger than n_b"):
        paid.ab_test(1, 10, 11, 10)
    with pytest.raises(ValueError, match="must not be negative"):
        paid.ab_test(-1, 10, 1, 10)
    with pytest.raises(TypeError, match="whole number"):
        paid.ab_test(1.5, 10, 1, 10)
    with pytest.raises(TypeError, match="bool"):
        paid.ab_test(True, 10, 1, 10)
    with pytest.raises(ValueError, match="confidence"):
        paid.ab_test(1, 10, 2, 10, confidence=95)
    assert paid.ab_test(np.int64(5), np.int64(100), 10.0, 100).n_b == 100   # numpy ints, whole floats


def test_p_value_and_interval_can_disagree_near_005():
    # 40/1000 vs 59/1000: pooled p = 0.0502 (not significant), unpooled interval +0.0006 to +3.80 points
    # (excludes 0). By hand: pooled 0.0495, se0 = sqrt(0.0495 * 0.9505 * 0.002) = 0.0097003, z = 0.019 / se0
    # = 1.95870; unpooled se = sqrt(0.04*0.96/1000 + 0.059*0.941/1000) = 0.0096885, low = 0.019 - 1.96*se.
    r = paid.ab_test(40, 1000, 59, 1000)
    assert r.z == pytest.approx(0.019 / math.sqrt(0.0495 * 0.9505 * 0.002), rel=1e-9)
    assert r.p_value == pytest.approx(0.05015, abs=1e-4) and not r.significant
    assert r.ci_low == pytest.approx(0.019 - 1.959963985 * math.sqrt(0.0000384 + 0.000055519), abs=1e-9)
    assert r.ci_low > 0
    assert not r.agrees
    assert "borderline" in r.text() and "disagree" in r.text()
    assert paid.ab_test(40, 1000, 60, 1000).agrees and paid.ab_test(50, 1000, 50, 1000).agrees


def test_generate_ab_test_is_a_seeded_split_with_equal_budgets():
    t = paid.generate_ab_test(seed=5)
    assert t.equals(paid.generate_ab_test(seed=5)) and not t.equals(paid.generate_ab_test(seed=6))
    assert t["version"].tolist() == ["A", "B"]
    assert t["spend"].tolist() == [200.0, 200.0]
    assert ((t["leads"] <= t["clicks"]) & (t["clicks"] <= t["people_reached"])
            & (t["people_reached"] < t["impressions"])).all()
    # B is built with the catchier creative: over many seeds it wins more clicks per person
    # but fewer leads per click (so the two metrics can point in different directions).
    tables = [paid.generate_ab_test(seed=s).set_index("version") for s in range(40)]
    ctr = [t.loc["B", "clicks"] / t.loc["B", "people_reached"] > t.loc["A", "clicks"] / t.loc["A", "people_reached"]
           for t in tables]
    per_click = [t.loc["B", "leads"] / t.loc["B", "clicks"] < t.loc["A", "leads"] / t.loc["A", "clicks"]
                 for t in tables]
    assert sum(ctr) >= 35 and sum(per_click) >= 30
    with pytest.raises(ValueError, match="budget_each"):
        paid.generate_ab_test(budget_each=0)


# ----------------------------------------------------------------------------- the chapter-07 bank's A/B checks

def _bank07():
    from smmlib.exercises import get_bank

    bank = get_bank("07_paid")
    return bank, bank.context("student-7")


def _split(ctx, n):
    t = ctx.data("my_ab_test").set_index("version")
    return paid.ab_test(int(t.loc["A", "leads"]), int(t.loc["A", n]), int(t.loc["B", "leads"]), int(t.loc["B", n]))


def test_ab_questions_accept_leads_per_person_reached():
    bank, ctx = _bank07()
    right = _split(ctx, "people_reached")
    assert bank.question("q3").grade(right.p_value, ctx).correct
    assert bank.question("q4").grade([right.ci_low, right.ci_high], ctx).correct


@pytest.mark.parametrize("n, words", [("clicks", "leads per *click*"), ("impressions", "n = impressions")])
def test_ab_questions_reject_the_old_bases_with_the_reason(n, words):
    bank, ctx = _bank07()
    wrong = _split(ctx, n)
    for key, answer in (("q3", wrong.p_value), ("q4", [wrong.ci_low, wrong.ci_high])):
        result = bank.question(key).grade(answer, ctx)
        assert not result.correct
        assert words in result.message and "people_reached" in result.message


def test_ab_questions_reject_the_non_randomised_ad_sets():
    bank, ctx = _bank07()
    ads = ctx.data("my_ad_sets").set_index("ad_set")
    old = paid.ab_test(int(ads.loc["AS01", "leads"]), int(ads.loc["AS01", "clicks"]),
                       int(ads.loc["AS05", "leads"]), int(ads.loc["AS05", "clicks"]))
    for key, answer in (("q3", old.p_value), ("q4", [old.ci_low, old.ci_high])):
        result = bank.question(key).grade(answer, ctx)
        assert not result.correct and "never split at random" in result.message


def test_ab_interval_the_wrong_way_round_is_named():
    bank, ctx = _bank07()
    right = _split(ctx, "people_reached")
    result = bank.question("q4").grade([-right.ci_high, -right.ci_low], ctx)
    assert not result.correct and "A − B" in result.message


def test_ab_questions_other_wrong_answers_get_the_generic_diagnosis():
    bank, ctx = _bank07()
    result = bank.question("q3").grade("0.05", ctx)
    assert not result.correct and "people_reached" not in result.message


def test_q10_randomisation_choice():
    bank, ctx = _bank07()
    assert bank.question("q10").grade("b", ctx).correct
    wrong = bank.question("q10").grade("a", ctx)
    assert not wrong.correct and "chooses who sees each ad set" in wrong.message


# ----------------------------------------------------------------------------- peeking

def test_peeking_inflates_false_positives():
    r = paid.peeking_simulation(seed=0, n_experiments=3000, n_looks=20)
    assert 0.03 < r.false_positive_fixed < 0.07           # about alpha when testing once
    assert r.false_positive_peeking > 0.15                 # far above 5% when stopping early
    assert r.false_positive_peeking >= r.false_positive_fixed
    assert r.p_paths.shape == (3000, 20)
    assert ((r.stopped_at >= 0) & (r.stopped_at <= 20)).all()
    assert (r.stopped_at > 0).mean() == pytest.approx(r.false_positive_peeking)
    assert "A/A tests" in r.text()


def test_peeking_matches_ab_test_on_one_path():
    r = paid.peeking_simulation(seed=5, n_experiments=3, n_looks=4, batch_size=100)
    rng = np.random.default_rng(5)
    a = rng.binomial(100, 0.05, size=(3, 4)).cumsum(axis=1)
    b = rng.binomial(100, 0.05, size=(3, 4)).cumsum(axis=1)
    for look in range(4):
        n = 100 * (look + 1)
        assert r.p_paths[1, look] == pytest.approx(paid.ab_test(a[1, look], n, b[1, look], n).p_value,
                                                   abs=1e-12)


def test_peeking_seeded_and_more_looks_worse():
    a = paid.peeking_simulation(seed=2, n_experiments=500)
    b = paid.peeking_simulation(seed=2, n_experiments=500)
    assert a.false_positive_peeking == b.false_positive_peeking
    np.testing.assert_array_equal(a.p_paths, b.p_paths)
    one = paid.peeking_simulation(seed=2, n_experiments=2000, n_looks=1)
    assert one.false_positive_peeking == one.false_positive_fixed
    many = paid.peeking_simulation(seed=2, n_experiments=2000, n_looks=30)
    assert many.false_positive_peeking > 2 * one.false_positive_peeking


def test_peeking_with_real_effect_finds_it():
    r = paid.peeking_simulation(seed=1, n_experiments=500, effect=0.03, batch_size=500)
    assert r.false_positive_fixed > 0.9      # here it is the power, not an error


def test_peeking_errors():
    with pytest.raises(ValueError, match="at least 1"):
        paid.peeking_simulation(n_looks=0)
    with pytest.raises(ValueError, match="rate"):
        paid.peeking_simulation(rate=1.5)
    with pytest.raises(ValueError, match="rate \\+ effect"):
        paid.peeking_simulation(rate=0.9, effect=0.2)


# ----------------------------------------------------------------------------- funnel

def test_segment_funnel_by_hand():
    ads = pd.DataFrame({"segment": ["a", "a", "b", "c"], "impressions": [1000, 3000, 2000, 500],
                        "clicks": [10, 30, 10, 0], "spend": [4.0, 12.0, 10.0, 1.0], "leads": [1, 3, 0, 0]})
    f = paid.segment_funnel(ads, close_rate=0.5)
    assert f.loc["a", "impressions"] == 4000 and f.loc["a", "clicks"] == 40
    assert f.loc["a", "ctr"] == pytest.approx(0.01)
    assert f.loc["a", "lead_rate"] == pytest.approx(0.1)
    assert f.loc["a", "cpm"] == pytest.approx(4.0)
    assert f.loc["a", "cpc"] == pytest.approx(0.4)
    assert f.loc["a", "cpl"] == pytest.approx(4.0)
    assert f.loc["a", "sales"] == 2.0 and f.loc["a", "cost_per_sale"] == pytest.approx(8.0)
    assert math.isnan(f.loc["b", "cpl"]) and math.isnan(f.loc["c", "cpc"])
    assert f.index[0] == "a"      # sorted by cpl, NaN last
    with pytest.raises(KeyError, match="leads"):
        paid.segment_funnel(ads.drop(columns="leads"))
    with pytest.raises(ValueError, match="close_rate"):
        paid.segment_funnel(ads, close_rate=20)


def test_segment_funnel_on_generated_data_and_figure():
    f = paid.segment_funnel(generate_ad_sets(seed=0))
    assert set(f.index) == {"young mothers 20-30", "fathers 25-40", "grandparents 50+", "gift buyers"}
    assert figure_problems(funnel_figure(f)) == []


# ----------------------------------------------------------------------------- budget

def _ads():
    return pd.DataFrame({"ad_set": ["A", "B", "C", "D"], "spend": [100.0, 100.0, 100.0, 50.0],
                         "leads": [20, 10, 2, 0]})


def test_allocate_by_hand():
    # CPL: A 5, B 10, C 50 (above cap 20), D unknown. Saturation 3x: A up to 300, B up to 300.
    plan = paid.allocate_budget(_ads(), budget=1000, target_leads=70, cpl_cap=20)
    t = plan.table
    assert t.loc["A", "spend"] == pytest.approx(300) and t.loc["A", "leads"] == pytest.approx(60)
    assert t.loc["B", "spend"] == pytest.approx(100) and t.loc["B", "leads"] == pytest.approx(10)
    assert t.loc["C", "status"] == "CPL above cap" and t.loc["C", "spend"] == 0
    assert t.loc["D", "status"] == "no leads yet: cost unknown"
    assert plan.spend == pytest.approx(400) and plan.leads == pytest.approx(70)
    assert plan.cpl == pytest.approx(400 / 70)
    assert plan.reaches_target and "is reached" in plan.text()


def test_allocate_budget_runs_out():
    plan = paid.allocate_budget(_ads(), budget=350, target_leads=100, cpl_cap=20)
    assert plan.spend == pytest.approx(350)
    assert plan.leads == pytest.approx(60 + 5)          # 300 on A, 50 on B at CPL 10
    assert not plan.reaches_target and "NOT reached" in plan.text()


def test_allocate_saturation_limits_leads():
    plan = paid.allocate_budget(_ads(), budget=10_000, target_leads=1000, cpl_cap=20, max_scale=2)
    assert plan.leads == pytest.approx(40 + 20)          # A 200/5 + B 200/10
    assert (plan.table.loc[["A", "B"], "status"] == "funded up to saturation").all()
    assert not plan.reaches_target


def test_allocate_cap_excludes_and_respects_cap():
    ads = generate_ad_sets(seed=3)
    plan = paid.allocate_budget(ads, budget=5000, target_leads=200, cpl_cap=6.0)
    funded = plan.table[plan.table["spend"] > 0]
    assert (funded["cpl"] <= 6.0).all()
    assert plan.cpl <= 6.0 + 1e-9
    assert figure_problems(paid.allocation_figure(plan, "USD")) == []


def test_allocate_errors():
    with pytest.raises(KeyError, match="ad_set"):
        paid.allocate_budget(_ads().drop(columns="ad_set"), 100, 10, 5)
    with pytest.raises(ValueError, match=r"allocate_budget\(\): budget must be greater than 0, got 0"):
        paid.allocate_budget(_ads(), 0, 10, 5)
    with pytest.raises(ValueError, match=r"allocate_budget\(\): max_scale must be a finite number"):
        paid.allocate_budget(_ads(), 100, 10, 5, max_scale=float("inf"))
    with pytest.raises(TypeError, match="cpl_cap"):
        paid.allocate_budget(_ads(), 100, 10, "5")
    with pytest.raises(ValueError, match="repeated"):
        paid.allocate_budget(pd.concat([_ads(), _ads()]), 100, 10, 5)
    with pytest.raises(ValueError, match="negative"):
        paid.allocate_budget(_ads().assign(leads=[-1, 1, 1, 1]), 100, 10, 5)


# ----------------------------------------------------------------------------- widgets

def test_peeking_explorer_text_follows_slider():
    ex = widgets.peeking_explorer(n_experiments=200)
    before = ex.summary.value
    ex.looks.value = ex.looks.value + 1
    assert ex.summary.value != before
    text, result = ex.update(5, 100, 0.0)
    assert "5 look(s)" in text and result.n_looks == 5


def test_budget_allocator_text_follows_slider():
    widget = widgets.budget_allocator(generate_ad_sets(seed=0), currency="USD")
    before = widget.summary.value
    widget.budget.value = widget.budget.value + widget.budget.step
    assert widget.summary.value != before


def test_peeking_figure_is_labelled():
    assert figure_problems(paid.peeking_figure(paid.peeking_simulation(n_experiments=50))) == []
