"""Tests of smmlib.funnel and smmlib.widgets.metrics: the funnel calculation by hand, and the widget follows its sliders."""

from __future__ import annotations

import math

import ipywidgets as widgets
import pytest

from smmlib import funnel as w
from smmlib.viz import figure_problems
from smmlib.widgets import funnel_calculator, panel


@pytest.fixture(autouse=True)
def _quiet_display(monkeypatch):
    """Outside a kernel IPython's display() prints the figure's repr; keep test output short."""
    monkeypatch.setattr(panel, "display", lambda *args, **kwargs: None)


def test_funnel_numbers_by_hand():
    r = w.funnel_numbers(impressions=200_000, ctr=0.02, conversion=0.1, spend=3_000_000,
                         target_cpl=50_000)
    assert r.clicks == pytest.approx(4_000)  # 200000 * 0.02
    assert r.leads == pytest.approx(400)  # 4000 * 0.1
    assert r.cpm == pytest.approx(15_000)  # 3000000 / 200000 * 1000
    assert r.cpc == pytest.approx(750)  # 3000000 / 4000
    assert r.cpl == pytest.approx(7_500)  # 3000000 / 400
    assert r.meets_target


def test_funnel_over_target_and_exactly_at_target():
    over = w.funnel_numbers(50_000, 0.01, 0.02, 1_000_000, 50_000)
    # 50000 * 0.01 = 500 clicks, * 0.02 = 10 leads, 1000000 / 10 = 100000 per lead
    assert over.cpl == pytest.approx(100_000)
    assert not over.meets_target
    at = w.funnel_numbers(100_000, 0.01, 0.05, 2_500_000, 50_000)  # 2500000 / 50 = 50000
    assert at.cpl == pytest.approx(50_000)
    assert at.meets_target  # "not above" the target


def test_zero_conversion_gives_nan_costs_not_errors():
    r = w.funnel_numbers(10_000, 0.0, 0.05, 100_000, 50_000)
    assert r.clicks == 0 and r.leads == 0
    assert math.isnan(r.cpc) and math.isnan(r.cpl)
    assert not r.meets_target
    assert "No leads" in w.cpl_verdict(r.cpl, r.target_cpl)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"ctr": 1.5}, ValueError, "fraction"),
        ({"conversion": -0.1}, ValueError, ">= 0"),
        ({"spend": "a lot"}, TypeError, "spend must be a number"),
        ({"impressions": True}, TypeError, "impressions"),
        ({"target_cpl": float("nan")}, ValueError, "target_cpl"),
    ],
)
def test_bad_input_is_named(kwargs, error, words):
    args = {"impressions": 1000, "ctr": 0.01, "conversion": 0.1, "spend": 100, "target_cpl": 10}
    args.update(kwargs)
    with pytest.raises(error, match=words):
        w.funnel_numbers(**args)


def test_verdict_texts():
    assert w.cpl_verdict(40_000, 50_000) == (
        "Within target: each lead costs 40,000 so'm, 10,000 so'm (20%) below the 50,000 so'm limit."
    )
    over = w.cpl_verdict(75_000, 50_000, currency="USD")
    assert over.startswith("Over target: each lead costs 75,000 USD, 25,000 USD (50%) above")


def test_summary_line_contains_the_numbers():
    line = w.funnel_summary(w.funnel_numbers(100_000, 0.01, 0.05, 2_000_000, 50_000))
    for text in ("100,000 impressions", "1,000 clicks", "50.0 leads", "CPM 20,000 so'm",
                 "CPC 2,000 so'm", "CPL 40,000 so'm", "target 50,000 so'm"):
        assert text in line


def test_figure_follows_course_conventions():
    fig = w.funnel_figure(w.funnel_numbers(100_000, 0.01, 0.05, 2_000_000, 50_000))
    assert figure_problems(fig) == []
    assert list(fig.data[0].x) == pytest.approx([100_000, 1_000, 50])
    assert "within" in fig.layout.title.text


def test_calculator_has_described_sliders_and_follows_them():
    calc = funnel_calculator()
    assert isinstance(calc, widgets.VBox)
    assert set(calc.sliders) == {"impressions", "ctr", "conversion", "spend", "target_cpl"}
    assert all(s.description for s in calc.sliders.values())
    assert all(s in calc.children for s in calc.sliders.values())
    before_summary, before_verdict = calc.summary.value, calc.verdict.value
    assert calc.result.cpl == pytest.approx(40_000)  # 2000000 / (100000 * 0.01 * 0.05)
    assert "Within target" in before_verdict

    calc.sliders["spend"].value = 5_000_000  # 5000000 / 50 leads = 100000 per lead
    assert calc.result.cpl == pytest.approx(100_000)
    assert calc.summary.value != before_summary
    assert "CPL 100,000" in calc.summary.value
    assert "Over target" in calc.verdict.value

    calc.sliders["target_cpl"].value = 100_000
    assert calc.result.meets_target
    assert "Within target" in calc.verdict.value


def test_calculator_redraws_the_chart(monkeypatch):
    shown = []
    monkeypatch.setattr(panel, "display", shown.append)
    calc = funnel_calculator(currency="USD", spend=2_000, target_cpl=50)
    assert len(shown) == 1 and "USD" in shown[0].layout.title.text
    assert calc.sliders["spend"].value == 2_000  # ranges follow the starting values
    assert calc.sliders["target_cpl"].max == 200
    calc.sliders["impressions"].value = 200_000
    assert len(shown) == 2
    assert list(shown[-1].data[0].x)[0] == 200_000


def test_funnel_figure_is_one_chart_for_every_kind_of_funnel_data():
    import pandas as pd

    from smmlib.strategy import plan_budget

    plan = plan_budget(100, 50_000, 0.05, 0.01)
    assert list(w.funnel_figure(plan).data[0].x) == [plan.impressions_needed, plan.clicks_needed, 100]
    segments = pd.DataFrame({"impressions": [1000, 2000], "clicks": [10, 30]}, index=["a", "b"])
    fig = w.funnel_figure(segments, title="T")
    assert [t.name for t in fig.data] == ["a", "b"] and fig.layout.title.text == "T"
    with pytest.raises(ValueError, match="none of the stage columns"):
        w.funnel_figure(pd.DataFrame({"x": [1]}))
    with pytest.raises(TypeError, match="FunnelResult .* not dict"):
        w.funnel_figure({"impressions": 1})
