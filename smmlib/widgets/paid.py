"""Chapter 07 (Paid): the A/B-test peeking explorer and the budget allocator.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
from IPython.display import display

from ..paid import (
    Allocation,
    PeekingResult,
    allocate_budget,
    allocation_figure,
    peeking_figure,
    peeking_simulation,
)

__all__ = ["BudgetAllocator", "PeekingExplorer", "budget_allocator", "peeking_explorer"]

_STYLE = {"description_width": "230px"}


class PeekingExplorer:
    """Sliders for an A/A (or A/B) test simulation; a status line and a p-value chart.

    ``widget`` is the box to display; :meth:`update` is the pure part.
    """

    def __init__(self, seed: int = 0, n_experiments: int = 1000) -> None:
        self.seed, self.n_experiments = seed, n_experiments
        layout = w.Layout(width="560px")
        self.looks = w.IntSlider(value=10, min=1, max=40, step=1, description="Looks at the data",
                                 style=_STYLE, layout=layout)
        self.batch = w.IntSlider(value=200, min=50, max=2000, step=50,
                                 description="Visitors per ad per look", style=_STYLE, layout=layout)
        self.effect = w.FloatSlider(value=0.0, min=0.0, max=0.03, step=0.0025, readout_format=".2%",
                                    description="True difference (B − A)", style=_STYLE, layout=layout)
        self.summary = w.HTML()
        self.chart = w.Output()
        for control in (self.looks, self.batch, self.effect):
            control.observe(self._changed, names="value")
        self.widget = w.VBox([self.looks, self.batch, self.effect, self.summary, self.chart])
        self._changed(None)

    def update(self, looks: int, batch: int, effect: float) -> tuple[str, PeekingResult]:
        """Run the simulation for these settings; return the status text and the result."""
        r = peeking_simulation(self.seed, rate=0.05, batch_size=batch, n_looks=looks,
                               n_experiments=self.n_experiments, effect=effect)
        what = ("no true difference, so every 'winner' is a false positive" if effect == 0 else
                f"B truly converts {effect:.2%} better, so finding it is the goal")
        text = (f"{looks} look(s) of {batch:,} visitors per ad, {what}. Tested once at the end: "
                f"{r.false_positive_fixed:.1%} of tests find a difference. Stopping at the first "
                f"p < 0.05: {r.false_positive_peeking:.1%}.")
        return text, r

    def _changed(self, _change) -> None:
        text, result = self.update(self.looks.value, self.batch.value, self.effect.value)
        self.summary.value = f"<p role='status'><b>{html.escape(text)}</b></p>"
        self.chart.clear_output(wait=True)
        with self.chart:
            display(peeking_figure(result))


def peeking_explorer(seed: int = 0, n_experiments: int = 1000) -> PeekingExplorer:
    """Build the A/B-test peeking simulator; display its ``.widget``."""
    return PeekingExplorer(seed, n_experiments)


class BudgetAllocator:
    """Sliders for :func:`allocate_budget` over a table of ad sets; a status line and a chart."""

    def __init__(self, ad_sets: pd.DataFrame, budget: float | None = None, target_leads: int | None = None,
                 cpl_cap: float | None = None, currency: str = "") -> None:
        self.ad_sets, self.currency = ad_sets, currency
        past = float(ad_sets["spend"].sum())
        past_cpl = past / max(float(ad_sets["leads"].sum()), 1.0)
        layout = w.Layout(width="560px")
        cur = f" ({currency})" if currency else ""
        step = max(1.0, round(past / 20))
        self.budget = w.FloatSlider(value=budget or round(2 * past / step) * step, min=step,
                                    max=8 * past, step=step, readout_format=",.0f",
                                    description=f"Budget{cur}", style=_STYLE, layout=layout)
        leads = int(ad_sets["leads"].sum())
        self.target = w.IntSlider(value=target_leads or 2 * leads, min=1, max=max(10, 6 * leads), step=1,
                                  description="Lead target", style=_STYLE, layout=layout)
        self.cap = w.FloatSlider(value=cpl_cap or round(1.2 * past_cpl, 1), min=round(past_cpl / 4, 1),
                                 max=round(3 * past_cpl, 1), step=0.1, readout_format=",.1f",
                                 description=f"Cost-per-lead cap{cur}", style=_STYLE, layout=layout)
        self.scale = w.FloatSlider(value=3.0, min=1.0, max=6.0, step=0.5, readout_format=".1f",
                                   description="Saturation (× past spend)", style=_STYLE, layout=layout)
        self.summary = w.HTML()
        self.chart = w.Output()
        for control in (self.budget, self.target, self.cap, self.scale):
            control.observe(self._changed, names="value")
        self.widget = w.VBox([self.budget, self.target, self.cap, self.scale, self.summary, self.chart])
        self._changed(None)

    def update(self, budget: float, target: int, cap: float, scale: float) -> tuple[str, Allocation]:
        """Plan for these settings; return the status text and the allocation."""
        plan = allocate_budget(self.ad_sets, budget, target, cap, max_scale=scale)
        return plan.text(self.currency), plan

    def _changed(self, _change) -> None:
        text, plan = self.update(self.budget.value, self.target.value, self.cap.value, self.scale.value)
        self.summary.value = f"<p role='status'><b>{html.escape(text)}</b></p>"
        self.chart.clear_output(wait=True)
        with self.chart:
            display(allocation_figure(plan, self.currency))


def budget_allocator(ad_sets: pd.DataFrame, budget: float | None = None, target_leads: int | None = None,
                     cpl_cap: float | None = None, currency: str = "") -> BudgetAllocator:
    """Build the budget-allocator widget for ``ad_sets``; display its ``.widget``."""
    return BudgetAllocator(ad_sets, budget, target_leads, cpl_cap, currency)

