"""Chapter 03 (Platforms): the organic-reach simulator and the platform-fit scorer.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..platforms import (
    AGE_GROUPS,
    CONTENT,
    GOALS,
    Persona,
    ReachResult,
    platform_fit_figure,
    reach_figure,
    reach_numbers,
    reach_summary,
    score_platforms,
)
from .panel import SliderPanel, slider_look

__all__ = ["PlatformFitScorer", "ReachSimulator", "platform_fit_scorer", "reach_simulator"]


class ReachSimulator(SliderPanel):
    """Sliders for followers, organic reach share, boost budget and CPM, with a
    summary line and a chart that follow them. ``result`` is the latest
    :class:`ReachResult`; ``summary`` the text widget; ``chart`` the Output."""

    def __init__(self, followers: int = 862, organic_share: float = 0.02, budget: int = 0,
                 cpm: float = 5.0, currency: str = "currency units", overlap: float = 0.0) -> None:
        self.currency = currency
        look = slider_look("230px", "600px")
        sliders: dict[str, widgets.ValueWidget] = {
            "followers": widgets.IntSlider(value=followers, min=10, max=100_000, step=1,
                                           description="Followers", **look),
            "organic_share": widgets.FloatSlider(value=organic_share, min=0.005, max=0.30, step=0.005,
                                                 readout_format=".1%", description="Organic reach share", **look),
            "budget": widgets.IntSlider(value=budget, min=0, max=500, step=5,
                                        description=f"Boost budget ({currency})", **look),
            "cpm": widgets.FloatSlider(value=cpm, min=0.5, max=20.0, step=0.5,
                                       description=f"CPM ({currency} per 1000 impressions)", **look),
            "overlap": widgets.FloatSlider(value=overlap, min=0.0, max=1.0, step=0.05, readout_format=".0%",
                                           description="Organic viewers the boost also reaches", **look),
        }
        super().__init__(sliders)

    def _compute(self) -> ReachResult:
        return reach_numbers(**{name: s.value for name, s in self.sliders.items()})

    def _summary_html(self, result: ReachResult) -> str:
        return f"<p>{html.escape(reach_summary(result, self.currency))}</p>"

    def _figure(self, result: ReachResult) -> go.Figure:
        return reach_figure(result)


def reach_simulator(followers: int = 862, organic_share: float = 0.02, budget: int = 0,
                    cpm: float = 5.0, currency: str = "currency units", overlap: float = 0.0) -> ReachSimulator:
    """Build the organic-reach simulator (display it as the last line of a cell).

    Defaults are source 000's example: 862 followers, about 2 % organic reach,
    and no overlap between organic and paid reach (move the overlap slider to see it).
    """
    return ReachSimulator(followers, organic_share, budget, cpm, currency, overlap)


class PlatformFitScorer(SliderPanel):
    """Controls describing a persona; a best-fit line, the ranked table with reasons and a
    chart follow them. ``ranked`` (also ``result``) is the latest :func:`score_platforms`
    table; ``controls`` (also ``sliders``) maps each :class:`Persona` field to its control;
    ``best`` (also ``summary``) is the best-fit line, ``table`` the ranked table."""

    def __init__(self, age: str = "25-34", goal: str = "sales", content: Sequence[str] = ("photo", "short video"),
                 b2b: bool = False, region: str = "global") -> None:
        style = {"description_width": "170px"}
        controls: dict[str, widgets.ValueWidget] = {
            "age": widgets.SelectionSlider(options=AGE_GROUPS, value=age, description="Age group", style=style,
                                           continuous_update=False),
            "goal": widgets.Dropdown(options=GOALS, value=goal, description="Main goal", style=style),
            "region": widgets.Dropdown(options=[("global", "global"), ("Russian-speaking (CIS)", "cis")],
                                       value=region, description="Market", style=style),
            "content": widgets.SelectMultiple(options=CONTENT, value=tuple(content), rows=len(CONTENT),
                                              description="Content you can make", style=style),
            "b2b": widgets.Checkbox(value=b2b, description="B2B: selling to businesses", indent=False),
        }
        self.table = widgets.HTML()
        super().__init__(controls, below_summary=[self.table])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        """The persona controls, by :class:`Persona` field."""
        return self.sliders

    @property
    def best(self) -> widgets.HTML:
        """The best-fit line (the panel's summary)."""
        return self.summary

    @property
    def ranked(self) -> pd.DataFrame:
        """The latest :func:`score_platforms` table, best first."""
        return self.result

    def _persona(self) -> Persona:
        values = {name: control.value for name, control in self.controls.items()}
        values["content"] = tuple(values["content"]) or ("photo",)
        return Persona(**values)

    def _compute(self) -> pd.DataFrame:
        return score_platforms(self._persona())

    def _summary_html(self, ranked: pd.DataFrame) -> str:
        top = ranked.iloc[0]
        return (f"<p><b>Best fit: {html.escape(top['platform'])}</b> (score {top['score']}): "
                f"{html.escape(top['reasons'])}.</p>")

    def _update_extras(self, ranked: pd.DataFrame) -> None:
        self.table.value = ranked.head(4).to_html(classes="smm-table", border=0)

    def _figure(self, ranked: pd.DataFrame) -> go.Figure:
        return platform_fit_figure(ranked, self._persona())


def platform_fit_scorer(age: str = "25-34", goal: str = "sales", content: Sequence[str] = ("photo", "short video"),
                        b2b: bool = False, region: str = "global") -> PlatformFitScorer:
    """Build the platform-fit scorer widget (display it as the last line of a cell)."""
    return PlatformFitScorer(age, goal, content, b2b, region)

