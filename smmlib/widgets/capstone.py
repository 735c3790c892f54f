"""Chapter 08 (Capstone): the budget checker of a lead brief.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..capstone import Check, brief_data, check_budget, get_brief

__all__ = ["BudgetChecker", "budget_checker"]


class BudgetChecker:
    """Sliders for the budget and the lead target of a brief; a verdict line that follows them."""

    def __init__(self, key: str = "clinic", seed: int = 0) -> None:
        self.brief = get_brief(key)
        if self.brief.cpl_cap is None:
            raise ValueError(f"the {key!r} brief has no lead-cost cap; choose 'clinic' or 'kids_clothing'")
        self.ad_sets = brief_data(key, seed)["ad_sets"]
        style, layout = {"description_width": "200px"}, w.Layout(width="560px")
        step = self.brief.max_budget / 40
        self.budget = w.FloatSlider(value=self.brief.max_budget / 2, min=step, max=self.brief.max_budget,
                                    step=step, readout_format=",.0f",
                                    description=f"Budget ({self.brief.currency})", style=style, layout=layout)
        self.target = w.IntSlider(value=int(self.brief.max_budget / 2 / self.brief.cpl_cap * 0.8), min=1,
                                  max=int(self.brief.max_budget / self.brief.cpl_cap * 1.5), step=1,
                                  description="Lead target", style=style, layout=layout)
        self.summary = w.HTML()
        self.budget.observe(self._changed, names="value")
        self.target.observe(self._changed, names="value")
        self.widget = w.VBox([self.budget, self.target, self.summary])
        self._changed(None)

    def update(self, budget: float, target: int) -> Check:
        """The budget check for these values."""
        plan = {"brief": self.brief.key, "budget": budget, "target_leads": target}
        return check_budget(plan, self.ad_sets)

    def _changed(self, _change) -> None:
        check = self.update(self.budget.value, self.target.value)
        self.summary.value = f"<p role='status'><b>{html.escape(str(check))}</b></p>"


def budget_checker(key: str = "clinic", seed: int = 0) -> BudgetChecker:
    """Build the budget checker for a lead brief; display its ``.widget``."""
    return BudgetChecker(key, seed)

