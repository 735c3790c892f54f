"""smmlib.strategy: goals and KPIs, business fit, the budget planner, audience segments;
and the Strategy chapter's widgets."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmlib.funnel import funnel_figure
from smmlib.strategy import (
    BUSINESS_SEGMENTS,
    GOAL_KPIS,
    GOALS,
    LAUNCH_CHECKLIST,
    MONETISATION,
    audience_revenue,
    choose_segment,
    generate_audience,
    plan_budget,
    segment_table,
    smm_fit,
)
from smmlib.viz import figure_problems


def test_reference_lists():
    assert len(GOALS) == 6
    assert set(GOALS) < set(GOAL_KPIS) and "customer support" in GOAL_KPIS
    assert len(LAUNCH_CHECKLIST) == 12
    assert list(MONETISATION) == ["advertising", "affiliate programmes", "own goods and services"]
    assert [seg for seg, (fits, _) in BUSINESS_SEGMENTS.items() if not fits] == ["expensive specialised b2b"]


@pytest.mark.parametrize(("kwargs", "segment", "fits"), [
    ({"sells_to": "consumers", "size": "large"}, "large business", True),
    ({"sells_to": "consumers", "size": "small"}, "small and medium business", True),
    ({"sells_to": "consumers", "online": True}, "online business", True),
    ({"sells_to": "businesses"}, "b2b", True),
    ({"sells_to": "businesses", "expensive": True}, "b2b", True),
    ({"sells_to": "businesses", "expensive": True, "specialised": True}, "expensive specialised b2b", False),
])
def test_smm_fit(kwargs, segment, fits):
    verdict = smm_fit(**kwargs)
    assert (verdict.segment, verdict.fits) == (segment, fits)
    assert str(verdict).startswith("SMM fits" if fits else "source 003 (2013 view): SMM is a poor fit")
    assert bool(verdict.today) == (not fits)  # the dated verdict always comes with today's counter-case


def test_industrial_b2b_verdict_names_todays_counter_case():
    text = str(smm_fit("businesses", expensive=True, specialised=True))
    assert "LinkedIn" in text and "account-based marketing" in text and "not by likes" in text


def test_smm_fit_errors():
    with pytest.raises(ValueError, match="sells_to"):
        smm_fit("aliens")
    with pytest.raises(ValueError, match="size"):
        smm_fit("consumers", size="huge")


# ----------------------------------------------------------------------------- budget


def test_plan_budget_clinic_by_hand():
    # 100 leads at <= 50,000 each: budget 5,000,000; 5% of clicks become leads -> 2,000 clicks;
    # CTR 1% -> 200,000 impressions; max CPC = 50,000 * 0.05 = 2,500; max CPM = 1000 * 2,500 * 0.01 = 25,000
    plan = plan_budget(100, 50_000, conversion_rate=0.05, ctr=0.01, cpm=20_000)
    assert plan.budget == 5_000_000
    assert (plan.clicks_needed, plan.impressions_needed) == (2_000, 200_000)
    assert plan.max_cpc == pytest.approx(2_500) and plan.max_cpm == pytest.approx(25_000)
    # 200 thousand impressions at 20,000 per thousand = 4,000,000 -> 40,000 per lead: within the cap
    assert plan.expected_cost == pytest.approx(4_000_000) and plan.expected_cpl == pytest.approx(40_000)
    assert plan.feasible is True
    assert plan.funnel()["people"].tolist() == [200_000, 2_000, 100]
    assert "5,000,000 so'm" in plan.summary("so'm") and "within the cap" in plan.summary("so'm")


def test_plan_budget_over_the_cap_and_rounding_up():
    plan = plan_budget(30, 1_000, conversion_rate=0.07, ctr=0.015, cpm=30_000)
    assert plan.clicks_needed == math.ceil(30 / 0.07) == 429
    assert plan.impressions_needed == math.ceil(429 / 0.015) == 28_600
    assert plan.expected_cpl == pytest.approx(28_600 / 1000 * 30_000 / 30)
    assert plan.feasible is False and "ABOVE the cap" in plan.summary()
    assert plan_budget(10, 100, 0.1, 0.01).feasible is None


def test_plan_budget_errors():
    with pytest.raises(ValueError, match="target_leads"):
        plan_budget(0, 100, 0.1, 0.01)
    with pytest.raises(ValueError, match=r"plan_budget\(\): conversion_rate is a fraction in \[0, 1\] \(0.02 means 2 %\), got 5"):
        plan_budget(10, 100, 5, 0.01)
    with pytest.raises(ValueError, match=r"plan_budget\(\): cpl_cap must be greater than 0, got -1"):
        plan_budget(10, -1, 0.1, 0.01)
    with pytest.raises(ValueError, match=r"plan_budget\(\): ctr must be greater than 0, got 0"):
        plan_budget(10, 100, 0.1, 0)
    with pytest.raises(TypeError, match=r"plan_budget\(\): ctr must be a number, got str '1%'"):
        plan_budget(10, 100, 0.1, "1%")
    with pytest.raises(TypeError, match=r"plan_budget\(\): target_leads must be a whole number, got float 10.5"):
        plan_budget(10.5, 100, 0.1, 0.01)
    with pytest.raises(ValueError, match="must be a finite number"):
        plan_budget(10, float("nan"), 0.1, 0.01)
    assert plan_budget(np.int64(10), np.float64(100), 0.1, 0.01).budget == 1000.0


def test_funnel_figure_is_a_course_chart():
    assert figure_problems(funnel_figure(plan_budget(100, 50_000, 0.05, 0.01))) == []


def test_audience_revenue_by_hand():
    assert audience_revenue(100_000, 0.005, 0.02, 30) == pytest.approx(100_000 * 0.005 * 0.02 * 30)
    assert audience_revenue(2_500, 0.6, 0.1, 30) == pytest.approx(4_500)
    with pytest.raises(ValueError, match="active_share"):
        audience_revenue(10, 5, 0.1, 10)
    with pytest.raises(ValueError, match=r"audience_revenue\(\): avg_order must be at least 0 .*got -1"):
        audience_revenue(10, 0.5, 0.1, -1)
    with pytest.raises(TypeError, match=r"audience_revenue\(\): members must be a whole number, got str"):
        audience_revenue("10", 0.5, 0.1, 10)


# ----------------------------------------------------------------------------- audience


def test_generate_audience():
    aud = generate_audience(seed=3, n=2000)
    assert list(aud.columns) == ["follower_id", "age", "age_group", "gender", "city", "interest",
                                 "engaged", "bought"]
    assert aud["age"].between(18, 70).all()
    lows = aud.groupby("age_group")["age"].min().to_dict()
    assert lows["25-34"] >= 25 and aud.loc[aud["age_group"] == "25-34", "age"].max() <= 34
    assert 0.02 < aud["bought"].mean() < 0.15
    assert aud.equals(generate_audience(seed=3, n=2000))
    # parents' interests buy more than technology fans (built-in effect)
    rates = aud.groupby("interest")["bought"].mean()
    assert rates["parenting"] > rates["technology"]


def test_segment_table_by_hand():
    aud = pd.DataFrame({"city": ["A", "A", "A", "B"], "gender": ["f", "f", "m", "f"],
                        "engaged": [True, False, True, True], "bought": [True, False, False, True]})
    table = segment_table(aud, ["city", "gender"])
    assert table.loc[("A", "f"), "followers"] == 2
    assert table.loc[("A", "f"), "share"] == 0.5
    assert table.loc[("A", "f"), "engagement_rate"] == 0.5
    assert table.loc[("B", "f"), "purchase_rate"] == 1.0
    assert table.index[0] == ("B", "f")  # sorted by purchase rate
    with pytest.raises(ValueError, match="no column\\(s\\) \\['town'\\]"):
        segment_table(aud, "town")


def test_choose_segment_ignores_tiny_segments():
    aud = generate_audience(seed=0)
    table = segment_table(aud, ["city", "interest"])
    best = choose_segment(table, min_share=0.05)
    assert table.loc[best, "share"] >= 0.05
    eligible = table[table["share"] >= 0.05]
    assert table.loc[best, "purchase_rate"] == eligible["purchase_rate"].max()
    # the overall top rate sits in a segment too small to count
    assert table.index[0] != best and table["share"].iloc[0] < 0.05
    with pytest.raises(ValueError, match="no segment holds"):
        choose_segment(table, min_share=0.9)


# ----------------------------------------------------------------------------- widgets


def test_content_mix_planner_keeps_100_and_updates_text():
    from smmlib.widgets import content_mix_planner

    widget = content_mix_planner()
    for cat, slider in widget.sliders.items():
        assert slider.description  # visible description
        for value in (0, 17, 63, 100, 40):
            slider.value = value
            assert sum(widget.mix().values()) == 100
            assert widget.mix()[cat] == value
            assert "Distance from the formula" in widget.summary.value
    widget.sliders["advertising"].value = 30
    before = widget.summary.value
    widget.sliders["advertising"].value = 31
    assert widget.summary.value != before


def test_budget_planner_text_follows_every_control():
    from smmlib.widgets import budget_planner

    widget = budget_planner()
    for name, control in widget.controls.items():
        assert control.description
        before = widget.summary.value
        control.value = control.value + control.step
        assert widget.summary.value != before, name


# ----------------------------------------------------------------------------- exercise bank 02


def test_generate_brief():
    from smmlib.strategy import generate_brief

    brief = generate_brief(seed=9)
    assert len(brief) == 1
    mix = brief[["mix_engaging", "mix_user_generated", "mix_educational", "mix_advertising"]]
    assert int(mix.sum(axis=1).iloc[0]) == 100 and (mix >= 0).all(axis=None)
    assert 0 < brief["conversion_rate"].iloc[0] < 1 and 0 < brief["ctr"].iloc[0] < 1
    feasible = {plan_budget(int(b.target_leads), b.cpl_cap, b.conversion_rate, b.ctr, b.cpm).feasible
                for b in (generate_brief(seed=s).iloc[0] for s in range(30))}
    assert feasible == {True, False}  # q5's answer differs between students


@pytest.mark.parametrize("student", ["self-learner", "student-42", "a", "b", "c", "d"])
def test_bank_02_student_style_answers_are_correct(student):
    from smmlib import content
    from smmlib.exercises import grade_answers, start
    from smmlib.exercises.ex02_strategy import Q1_KPIS

    ex = start("02_strategy", student, record=False)
    brief, audience = ex.dataset("my_brief").iloc[0], ex.dataset("my_audience")
    clicks = math.ceil(brief["target_leads"] / brief["conversion_rate"])
    impressions = math.ceil(clicks / brief["ctr"])
    segments = audience.groupby(["city", "interest"])["bought"].agg(["size", "mean"])
    segments = segments[segments["size"] / len(audience) >= 0.05]
    answers = {
        "q1_answer": dict(Q1_KPIS),
        "q2_answer": brief["target_leads"] * brief["cpl_cap"],
        "q3_answer": brief["cpl_cap"] * brief["conversion_rate"],
        "q4_answer": impressions,
        "q5_answer": bool(impressions / 1000 * brief["cpm"] / brief["target_leads"] <= brief["cpl_cap"]),
        "q6_answer": 0.5 * sum(abs(brief[f"mix_{c}"] / 100 - content.FORMULA_MIX[c]) for c in content.CATEGORIES),
        "q7_answer": audience.groupby("city")["bought"].mean(),
        "q8_answer": segments["mean"].idxmax(),
        "q9_answer": "c",
        "q10_answer": content.generate_calendar(seed=1, weeks=4, posts_per_day={"vk": 1}),
        "q11_answer": ["e", "b", "d", "a", "f", "c"],
        "q12_answer": "Targeted ads meet an immediate lead target faster; SMM is a long game of trust." * 3,
    }
    results = grade_answers("02_strategy", student, answers)
    assert [r.outcome.value for r in results] == ["correct"] * len(results), [str(r) for r in results]


def test_bank_02_calendar_check_messages():
    from smmlib import content
    from smmlib.exercises.ex02_strategy import _passes_validator

    assert "DataFrame" in _passes_validator([1, 2], None)
    short = content.generate_calendar(seed=1, weeks=2, posts_per_day={"vk": 1})
    assert _passes_validator(short, None) == (
        "Your calendar runs from 2025-01-06 to 2025-01-19; plan the whole period 2025-01-06 to 2025-02-02, "
        "with posts in its first and its last week.")
    late = content.generate_calendar(seed=1, weeks=4, posts_per_day={"vk": 1}, start="2025-01-13")
    message = _passes_validator(late, None)
    assert message.startswith("Your calendar has 1 error(s): 7 post(s) fall after the plan's period")
