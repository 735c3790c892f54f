"""The campaign funnel of the Metrics chapter: impressions -> clicks -> leads and what each step costs.

- :func:`funnel_numbers` / :class:`FunnelResult` -- the counts and the costs
  CPM, CPC, CPL, judged against a lead-cost target;
- :func:`cpl_verdict`, :func:`funnel_summary` -- the result in words;
- :func:`funnel_figure` -- the funnel as a plotly chart.

The calculator that wires these to sliders is
:func:`smmlib.widgets.metrics.funnel_calculator`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from . import metrics, validate
from .viz import OKABE_ITO

__all__ = [
    "FunnelResult",
    "cpl_verdict",
    "funnel_figure",
    "funnel_numbers",
    "funnel_summary",
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
    impressions = validate.number("funnel_numbers", "impressions", impressions)
    ctr = validate.number("funnel_numbers", "ctr", ctr, fraction=True)
    conversion = validate.number("funnel_numbers", "conversion", conversion, fraction=True)
    spend = validate.number("funnel_numbers", "spend", spend)
    target_cpl = validate.number("funnel_numbers", "target_cpl", target_cpl)
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


def funnel_figure(data: Any, currency: str | None = None, *, title: str | None = None) -> go.Figure:
    """The course's one funnel chart (titled, axes labelled), for each kind of funnel data:

    - a :class:`FunnelResult` (chapter 04's calculator): impressions -> clicks
      -> leads, the leads step coloured by whether the CPL meets its target,
      the CPL against the target in the title;
    - a plan with a ``funnel()`` table of ``stage`` and ``people`` (chapter 02's
      :class:`smmlib.strategy.BudgetPlan`): the people each stage needs, with
      the share of the first stage;
    - a table with one row per segment and stage columns (``impressions``,
      ``clicks``, ``leads``, ``sales``; chapter 07's
      :func:`smmlib.paid.segment_funnel`): grouped bars on a log scale, since
      the stages differ 100-fold.

    ``currency`` labels money (default: so'm for a FunnelResult, none otherwise);
    ``title`` replaces the default title.
    """
    if isinstance(data, FunnelResult):
        currency = DEFAULT_CURRENCY if currency is None else currency
        colour = OKABE_ITO[2] if data.meets_target else OKABE_ITO[5]
        verdict = "within" if data.meets_target else "over"
        fig = go.Figure(go.Funnel(y=["Impressions", "Clicks", "Leads"], x=[data.impressions, data.clicks, data.leads],
                                  texttemplate="%{value:,.0f}", marker={"color": [OKABE_ITO[0], OKABE_ITO[4], colour]}))
        fig.update_layout(title=title or (f"Campaign funnel: CPL {_money(data.cpl, currency)} is {verdict} "
                                          f"the {_money(data.target_cpl, currency)} target"),
                          xaxis_title="Expected number of people", yaxis_title="Funnel step", height=360,
                          margin={"l": 110, "r": 30, "t": 60, "b": 50})
        return fig
    if hasattr(data, "funnel") and callable(data.funnel):
        table = data.funnel()
        fig = go.Figure(go.Funnel(y=table["stage"], x=table["people"], textinfo="value+percent initial",
                                  marker={"color": [OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2]]}))
        cur = f" {currency}" if currency else ""
        fig.update_layout(title=title or f"Funnel for {data.target_leads:,} leads (budget {data.budget:,.0f}{cur})",
                          xaxis_title="People needed at each stage", yaxis_title="Funnel stage", height=380)
        return fig
    if isinstance(data, pd.DataFrame):
        stages = [s for s in ("impressions", "clicks", "leads", "sales") if s in data.columns]
        if not stages:
            raise ValueError("funnel_figure(): the table has none of the stage columns impressions, clicks, "
                             f"leads, sales; it has {list(data.columns)}")
        fig = go.Figure()
        for i, (segment, row) in enumerate(data.iterrows()):
            fig.add_trace(go.Bar(x=[s.title() for s in stages], y=[row[s] for s in stages], name=str(segment),
                                 marker_color=OKABE_ITO[i % len(OKABE_ITO)]))
        fig.update_layout(title=title or "Funnel by audience segment", barmode="group", xaxis_title="Funnel stage",
                          yaxis_title="People (log scale)", yaxis_type="log", height=400,
                          legend_title_text="Segment")
        return fig
    raise TypeError("funnel_figure(): give a FunnelResult (funnel_numbers), a budget plan (strategy.plan_budget) "
                    f"or a segment table (paid.segment_funnel), not {type(data).__name__}")


