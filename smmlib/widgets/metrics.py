"""Chapter 04 (Metrics): the funnel/KPI calculator; the arithmetic is in :mod:`smmlib.funnel`.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from ..funnel import (
    CLINIC_CPL_TARGET,
    DEFAULT_CURRENCY,
    FunnelResult,
    cpl_verdict,
    funnel_figure,
    funnel_numbers,
    funnel_summary,
)
from ..viz import OKABE_ITO
from .panel import SliderPanel, slider_look

__all__ = ["FunnelCalculator", "funnel_calculator"]


class FunnelCalculator(SliderPanel):
    """Sliders for a campaign, a summary line, a verdict and a funnel chart that follow them.

    ``sliders`` maps a name (``impressions``, ``ctr``, ``conversion``, ``spend``,
    ``target_cpl``) to its slider; ``result`` is the latest :class:`FunnelResult`;
    ``summary`` and ``verdict`` are the text widgets; ``chart`` is the Output
    that holds the figure. The money sliders run from 1/20 of their starting
    value to 10x (spend) or 4x (target), so the defaults suit any currency.
    """

    def __init__(self, impressions: int = 100_000, ctr: float = 0.01, conversion: float = 0.05,
                 spend: int = 2_000_000, target_cpl: int = CLINIC_CPL_TARGET,
                 currency: str = DEFAULT_CURRENCY) -> None:
        self.currency = currency
        # money sliders scale with their starting values, so any currency works
        spend_step = max(1, round(spend / 20))
        target_step = max(1, round(target_cpl / 20))
        look = slider_look("190px", "560px")
        sliders: dict[str, widgets.ValueWidget] = {
            "impressions": widgets.IntSlider(
                value=impressions, min=1_000, max=500_000, step=1_000, description="Impressions", **look),
            "ctr": widgets.FloatSlider(
                value=ctr, min=0.001, max=0.05, step=0.001, readout_format=".1%",
                description="Click-through rate (CTR)", **look),
            "conversion": widgets.FloatSlider(
                value=conversion, min=0.005, max=0.30, step=0.005, readout_format=".1%",
                description="Conversion (click to lead)", **look),
            "spend": widgets.IntSlider(
                value=spend, min=spend_step, max=max(spend * 10, spend_step * 20), step=spend_step,
                description=f"Ad spend ({currency})", **look),
            "target_cpl": widgets.IntSlider(
                value=target_cpl, min=target_step, max=max(target_cpl * 4, target_step * 20), step=target_step,
                description=f"Lead-cost target ({currency})", **look),
        }
        self.verdict = widgets.HTML()
        super().__init__(sliders, below_summary=[self.verdict])

    def _compute(self) -> FunnelResult:
        values = {name: slider.value for name, slider in self.sliders.items()}
        return funnel_numbers(**values)

    def _summary_html(self, result: FunnelResult) -> str:
        return f"<code>{html.escape(funnel_summary(result, self.currency))}</code>"

    def _update_extras(self, result: FunnelResult) -> None:
        colour = OKABE_ITO[2] if result.meets_target else OKABE_ITO[5]
        self.verdict.value = (f"<b style='color:{colour}'>"
                              f"{html.escape(cpl_verdict(result.cpl, result.target_cpl, self.currency))}</b>")

    def _figure(self, result: FunnelResult) -> go.Figure:
        return funnel_figure(result, self.currency)


def funnel_calculator(impressions: int = 100_000, ctr: float = 0.01, conversion: float = 0.05,
                      spend: int = 2_000_000, target_cpl: int = CLINIC_CPL_TARGET,
                      currency: str = DEFAULT_CURRENCY) -> FunnelCalculator:
    """Build the funnel/KPI calculator widget (display it as the last line of a cell).

    Defaults follow the clinic brief of source 000: a lead may cost at most
    50,000 so'm (the Uzbek currency; a regional, dated figure).
    """
    return FunnelCalculator(impressions, ctr, conversion, spend, target_cpl, currency)

