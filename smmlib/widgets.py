"""Interactive calculators for the chapters (ipywidgets + plotly).

Each calculator is split in two: a **pure calculation** (plain numbers in, a
result dataclass out, unit-tested) and a **widget** that only wires sliders to
that calculation and draws the result.

- :func:`funnel_numbers` / :class:`FunnelResult` -- impressions -> clicks -> leads
  and the costs CPM, CPC, CPL, judged against a lead-cost target;
- :func:`funnel_figure` -- the funnel as a plotly chart;
- :func:`funnel_calculator` -- the sliders, a one-line summary and the chart.

Every calculator of the course is a :class:`SliderPanel`: it holds the shared
wiring (controls -> ``result`` -> summary line and chart), so a calculator only
says which controls it has, how it computes and how it shows the result.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import display

from . import metrics
from .viz import OKABE_ITO

__all__ = [
    "FunnelCalculator",
    "FunnelResult",
    "SliderPanel",
    "cpl_verdict",
    "funnel_calculator",
    "funnel_figure",
    "funnel_numbers",
    "funnel_summary",
    "show_figure",
    "slider_look",
]

#: The clinic brief of source 000: cost per lead not above 50,000 so'm (Uzbek currency).
CLINIC_CPL_TARGET = 50_000
DEFAULT_CURRENCY = "so'm"


@dataclass(frozen=True)
class FunnelResult:
    """Expected outcome of a paid campaign: the funnel counts and what each step costs.

    Counts are expected values (they may have decimals); costs are NaN when
    their denominator is zero (no clicks -> no cost per click).
    """

    impressions: float
    clicks: float
    leads: float
    spend: float
    cpm: float
    cpc: float
    cpl: float
    target_cpl: float

    @property
    def meets_target(self) -> bool:
        """True when the cost per lead is known and not above the target."""
        return not math.isnan(self.cpl) and self.cpl <= self.target_cpl


def _number(name: str, value: object, *, fraction: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"funnel_numbers(): {name} must be a number, got {type(value).__name__} {value!r}")
    value = float(value)
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise ValueError(f"funnel_numbers(): {name} must be a finite number >= 0, got {value:g}")
    if fraction and value > 1:
        raise ValueError(
            f"funnel_numbers(): {name} is a fraction in [0, 1] (0.01 means 1 %), got {value:g}"
        )
    return value


def funnel_numbers(
    impressions: float, ctr: float, conversion: float, spend: float, target_cpl: float
) -> FunnelResult:
    """Compute the funnel: clicks = impressions * ctr, leads = clicks * conversion,
    CPM = spend / impressions * 1000, CPC = spend / clicks, CPL = spend / leads.

    ``ctr`` and ``conversion`` are fractions (0.01 = 1 %). ``target_cpl`` is the
    highest acceptable cost per lead, in the same currency as ``spend``.

    >>> r = funnel_numbers(100_000, 0.01, 0.05, 2_000_000, 50_000)
    >>> r.clicks, r.leads, r.cpm, r.cpc, r.cpl, r.meets_target
    (1000.0, 50.0, 20000.0, 2000.0, 40000.0, True)
    """
    impressions = _number("impressions", impressions)
    ctr = _number("ctr", ctr, fraction=True)
    conversion = _number("conversion", conversion, fraction=True)
    spend = _number("spend", spend)
    target_cpl = _number("target_cpl", target_cpl)
    clicks = impressions * ctr
    leads = clicks * conversion
    return FunnelResult(
        impressions=impressions,
        clicks=clicks,
        leads=leads,
        spend=spend,
        cpm=metrics.cpm(spend, impressions),
        cpc=metrics.cpc(spend, clicks),
        cpl=metrics.cpl(spend, leads),
        target_cpl=target_cpl,
    )


def _money(value: float, currency: str) -> str:
    return "n/a" if math.isnan(value) else f"{value:,.0f} {currency}"


def cpl_verdict(cpl: float, target: float, currency: str = DEFAULT_CURRENCY) -> str:
    """A plain-language verdict on a cost per lead against the target.

    >>> cpl_verdict(40_000, 50_000)
    "Within target: each lead costs 40,000 so'm, 10,000 so'm (20%) below the 50,000 so'm limit."
    >>> cpl_verdict(80_000, 50_000)
    "Over target: each lead costs 80,000 so'm, 30,000 so'm (60%) above the 50,000 so'm limit. Raise CTR or conversion, or cut the spend."
    """
    if math.isnan(cpl):
        return "No leads expected, so there is no cost per lead: raise CTR or conversion."
    gap = cpl - target
    share = f" ({abs(gap) / target:.0%})" if target > 0 else ""
    if gap <= 0:
        return (f"Within target: each lead costs {_money(cpl, currency)}, "
                f"{_money(-gap, currency)}{share} below the {_money(target, currency)} limit.")
    return (f"Over target: each lead costs {_money(cpl, currency)}, "
            f"{_money(gap, currency)}{share} above the {_money(target, currency)} limit. "
            "Raise CTR or conversion, or cut the spend.")


def funnel_summary(result: FunnelResult, currency: str = DEFAULT_CURRENCY) -> str:
    """One line with the numbers of ``result`` (for the widget and for tests).

    >>> print(funnel_summary(funnel_numbers(100_000, 0.01, 0.05, 2_000_000, 50_000)))
    100,000 impressions -> 1,000 clicks -> 50.0 leads | CPM 20,000 so'm | CPC 2,000 so'm | CPL 40,000 so'm (target 50,000 so'm)
    """
    return (f"{result.impressions:,.0f} impressions -> {result.clicks:,.0f} clicks -> "
            f"{result.leads:,.1f} leads | CPM {_money(result.cpm, currency)} | "
            f"CPC {_money(result.cpc, currency)} | CPL {_money(result.cpl, currency)} "
            f"(target {_money(result.target_cpl, currency)})")


def funnel_figure(result: FunnelResult, currency: str = DEFAULT_CURRENCY) -> go.Figure:
    """The funnel impressions -> clicks -> leads as a plotly chart, CPL vs target in the title."""
    colour = OKABE_ITO[2] if result.meets_target else OKABE_ITO[5]
    verdict = "within" if result.meets_target else "over"
    fig = go.Figure(go.Funnel(
        y=["Impressions", "Clicks", "Leads"],
        x=[result.impressions, result.clicks, result.leads],
        texttemplate="%{value:,.0f}",
        marker={"color": [OKABE_ITO[0], OKABE_ITO[4], colour]},
    ))
    fig.update_layout(
        title=f"Campaign funnel: CPL {_money(result.cpl, currency)} is {verdict} "
              f"the {_money(result.target_cpl, currency)} target",
        xaxis_title="Expected number of people",
        yaxis_title="Funnel step",
        height=360,
        margin={"l": 110, "r": 30, "t": 60, "b": 50},
    )
    return fig


def slider_look(label_width: str, width: str) -> dict[str, Any]:
    """The ``style`` and ``layout`` arguments that give a panel's sliders one look:
    labels ``label_width`` wide, the whole slider ``width`` wide (CSS lengths).

    >>> look = slider_look("150px", "520px")
    >>> look["style"], look["layout"].width
    ({'description_width': '150px'}, '520px')
    """
    return {"style": {"description_width": label_width}, "layout": widgets.Layout(width=width)}


def show_figure(chart: widgets.Output, figure: go.Figure) -> None:
    """Replace what ``chart`` shows with ``figure`` (without flicker: cleared on the next output)."""
    chart.clear_output(wait=True)
    with chart:
        display(figure)


class SliderPanel(widgets.VBox):
    """Base of the course's calculators: controls, a summary line and a chart that follow them.

    A subclass builds its controls and any extra widgets, then calls
    ``super().__init__(sliders, ...)``; it implements :meth:`_compute` (controls ->
    result), :meth:`_summary_html` and :meth:`_figure`, and overrides
    :meth:`_update_extras` if it has more output widgets than the summary.

    ``sliders`` maps a name to its control; ``summary`` is the text widget;
    ``chart`` the Output that holds the figure; ``result`` the latest result.
    The box shows ``above``, the sliders, the summary, ``below_summary``, the chart;
    every slider and every widget in ``also_observe`` triggers a recomputation.
    """

    def __init__(self, sliders: Mapping[str, widgets.ValueWidget], *, above: Iterable[widgets.Widget] = (),
                 below_summary: Iterable[widgets.Widget] = (),
                 also_observe: Iterable[widgets.ValueWidget] = ()) -> None:
        self.sliders = dict(sliders)
        self.summary = widgets.HTML()
        self.chart = widgets.Output()
        self.result = self._compute()
        for control in [*self.sliders.values(), *also_observe]:
            control.observe(self._on_change, names="value")
        super().__init__([*above, *self.sliders.values(), self.summary, *below_summary, self.chart])
        self._render()

    def _compute(self) -> Any:
        """The result for the current control values."""
        raise NotImplementedError(f"{type(self).__name__} must define _compute()")

    def _summary_html(self, result: Any) -> str:
        """The HTML of the summary line for ``result``."""
        raise NotImplementedError(f"{type(self).__name__} must define _summary_html()")

    def _figure(self, result: Any) -> go.Figure:
        """The chart of ``result``."""
        raise NotImplementedError(f"{type(self).__name__} must define _figure()")

    def _update_extras(self, result: Any) -> None:
        """Update the panel's other output widgets (none by default)."""

    def _on_change(self, _change: dict) -> None:
        self.result = self._compute()
        self._render()

    def _render(self) -> None:
        self.summary.value = self._summary_html(self.result)
        self._update_extras(self.result)
        show_figure(self.chart, self._figure(self.result))


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
