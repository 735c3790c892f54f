"""The Strategy chapter's widgets: a content-mix planner and a goal → KPI → budget planner.

The logic lives in :mod:`smmlib.content` (mix shares, distance, warnings,
rebalancing) and :mod:`smmlib.strategy` (budget plan, funnel chart), both
unit-tested; this module only wires controls to it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from ..content import (
    CATEGORIES,
    CATEGORY_LABELS,
    FORMULA_MIX,
    mix_distance,
    mix_figure,
    mix_warnings,
    rebalance_percent,
)
from ..funnel import funnel_figure
from ..strategy import BudgetPlan, plan_budget
from .panel import SliderPanel, slider_look

__all__ = ["BudgetPlanner", "ContentMixPlanner", "budget_planner", "content_mix_planner"]

_LABEL_WIDTH, _WIDTH = "200px", "520px"


class ContentMixPlanner(SliderPanel):
    """Four percent sliders that always sum to 100, a distance line, warnings and a chart.

    Moving one slider rescales the other three in proportion
    (:func:`smmlib.content.rebalance_percent`). ``sliders`` maps each category
    to its slider; ``summary`` is the text line, ``warnings`` the advice, ``chart`` the Output;
    ``result`` is the latest mix.
    """

    def __init__(self, start: dict[str, int] | None = None) -> None:
        start = start or {"engaging": 25, "user_generated": 10, "educational": 25, "advertising": 40}
        if sorted(start) != sorted(CATEGORIES) or sum(start.values()) != 100:
            raise ValueError(f"start must give whole percents for {list(CATEGORIES)} summing to 100")
        sliders = {
            cat: widgets.IntSlider(value=start[cat], min=0, max=100, step=1,
                                   description=f"{CATEGORY_LABELS[cat]} (%)", **slider_look(_LABEL_WIDTH, _WIDTH))
            for cat in CATEGORIES
        }
        self.warnings = widgets.HTML()
        self._updating = False
        super().__init__(sliders, below_summary=[self.warnings])

    def mix(self) -> dict[str, int]:
        """The current mix in whole percents (always sums to 100)."""
        return {cat: slider.value for cat, slider in self.sliders.items()}

    def _compute(self) -> dict[str, int]:
        return self.mix()

    def _on_change(self, change: dict) -> None:
        # moving one slider moves the others; their own changes must not rebalance again
        if self._updating:
            return
        cat = next(c for c, slider in self.sliders.items() if slider is change["owner"])
        self._updating = True
        try:
            before = {**self.mix(), cat: change["old"]}
            for other, value in rebalance_percent(before, cat, change["new"]).items():
                self.sliders[other].value = value
        finally:
            self._updating = False
        super()._on_change(change)

    def _summary_html(self, mix: dict[str, int]) -> str:
        shown = ", ".join(f"{CATEGORY_LABELS[c].lower()} {mix[c]}%" for c in CATEGORIES)
        return (f"<p role='status'><b>Your mix:</b> {html.escape(shown)}. "
                f"<b>Distance from the formula: {mix_distance(mix):.0%}</b> of posts would have "
                f"to change category to match 40/30/25/5.</p>")

    def _update_extras(self, mix: dict[str, int]) -> None:
        advice = mix_warnings(mix) or ["No warnings: this mix is close to the formula."]
        self.warnings.value = "<ul>" + "".join(f"<li>{html.escape(w)}</li>" for w in advice) + "</ul>"

    def _figure(self, mix: dict[str, int]) -> go.Figure:
        return mix_figure(mix, FORMULA_MIX)


def content_mix_planner(start: dict[str, int] | None = None) -> ContentMixPlanner:
    """Build the content-mix planner widget (display it as the last line of a cell)."""
    return ContentMixPlanner(start)


class BudgetPlanner(SliderPanel):
    """Sliders for a lead target, conversion, click-through, a cost-per-lead cap and a CPM;
    a plain-language plan (:func:`smmlib.strategy.plan_budget`) and a funnel chart.

    ``controls`` (the same dict as ``sliders``) maps each input of :func:`plan_budget`
    to its slider; ``result`` is the latest plan.
    Defaults follow the clinic brief of source 000 (a lead may cost at most 50,000 so'm;
    a regional, dated figure)."""

    def __init__(self, target_leads: int = 100, cpl_cap: int = 50_000, conversion_rate: float = 0.05,
                 ctr: float = 0.01, cpm: int = 20_000, currency: str = "so'm") -> None:
        self.currency = currency
        money_step = max(1, round(cpl_cap / 50))
        look = slider_look(_LABEL_WIDTH, _WIDTH)
        controls = {
            "target_leads": widgets.IntSlider(value=target_leads, min=10, max=1000, step=10,
                                              description="Target leads", **look),
            "conversion_rate": widgets.FloatSlider(value=conversion_rate, min=0.005, max=0.3, step=0.005,
                                                   readout_format=".1%", description="Click → lead rate", **look),
            "ctr": widgets.FloatSlider(value=ctr, min=0.001, max=0.05, step=0.001, readout_format=".1%",
                                       description="Click-through rate", **look),
            "cpl_cap": widgets.IntSlider(value=cpl_cap, min=money_step, max=cpl_cap * 4, step=money_step,
                                         description=f"Cost-per-lead cap ({currency})", **look),
            "cpm": widgets.IntSlider(value=cpm, min=max(1, cpm // 20), max=cpm * 5, step=max(1, cpm // 20),
                                     description=f"Price of 1,000 impressions ({currency})", **look),
        }
        super().__init__(controls)

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        """The sliders, by the name of the :func:`plan_budget` argument they set."""
        return self.sliders

    def plan(self) -> BudgetPlan:
        """The current :class:`smmlib.strategy.BudgetPlan`."""
        return plan_budget(**{name: control.value for name, control in self.controls.items()})

    def _compute(self) -> BudgetPlan:
        return self.plan()

    def _summary_html(self, plan: BudgetPlan) -> str:
        return f"<p role='status'>{html.escape(plan.summary(self.currency))}</p>"

    def _figure(self, plan: BudgetPlan) -> go.Figure:
        return funnel_figure(plan, self.currency)


def budget_planner(target_leads: int = 100, cpl_cap: int = 50_000, conversion_rate: float = 0.05,
                   ctr: float = 0.01, cpm: int = 20_000, currency: str = "so'm") -> BudgetPlanner:
    """Build the goal → KPI → budget planner widget (display it as the last line of a cell)."""
    return BudgetPlanner(target_leads, cpl_cap, conversion_rate, ctr, cpm, currency)
