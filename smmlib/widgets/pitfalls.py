"""Chapter 05 (Pitfalls): the posting-fatigue and viral-vs-SEO simulators.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..pitfalls import (
    FatigueResult,
    fatigue_curve,
    fatigue_figure,
    fatigue_numbers,
    fatigue_text,
    viral_seo_figure,
    viral_seo_text,
    viral_vs_seo,
)
from .panel import SliderPanel, slider_look

__all__ = ["FatigueSimulator", "ViralSeoSimulator", "fatigue_simulator", "viral_seo_simulator"]


class FatigueSimulator(SliderPanel):
    """Sliders for posts per day and followers; a summary line and the fatigue chart follow them."""

    def __init__(self, posts_per_day: float = 1.0, followers: int = 10_000) -> None:
        look = slider_look("150px", "520px")
        sliders = {
            "posts_per_day": widgets.FloatSlider(value=posts_per_day, min=0.25, max=6.0, step=0.25,
                                                 description="Posts per day", **look),
            "followers": widgets.IntSlider(value=followers, min=1_000, max=100_000, step=1_000,
                                           description="Followers", **look),
        }
        super().__init__(sliders)

    def _compute(self) -> FatigueResult:
        return fatigue_numbers(self.sliders["posts_per_day"].value, followers=self.sliders["followers"].value)

    def _summary_html(self, result: FatigueResult) -> str:
        return f"<p>{html.escape(fatigue_text(result))}</p>"

    def _figure(self, result: FatigueResult) -> go.Figure:
        return fatigue_figure(fatigue_curve(followers=result.followers), result)


def fatigue_simulator(posts_per_day: float = 1.0, followers: int = 10_000) -> FatigueSimulator:
    """Build the posting-frequency fatigue simulator (display it as the last line of a cell)."""
    return FatigueSimulator(posts_per_day, followers)


class ViralSeoSimulator(SliderPanel):
    """Sliders for the viral post and the SEO article; a summary line and the chart follow them.

    ``table`` (also ``result``) is the latest :func:`viral_vs_seo` table."""

    def __init__(self, viral_visits: int = 5_000, half_life_days: float = 0.5, seo_daily: int = 40,
                 days: int = 180) -> None:
        look = slider_look("230px", "600px")
        self.days = days
        sliders = {
            "viral_visits": widgets.IntSlider(value=viral_visits, min=500, max=50_000, step=500,
                                              description="Viral post: total visits", **look),
            "half_life_days": widgets.FloatSlider(value=half_life_days, min=0.25, max=5.0, step=0.25,
                                                  description="Viral post: half-life (days)", **look),
            "seo_daily": widgets.IntSlider(value=seo_daily, min=5, max=300, step=5,
                                           description="SEO article: visits a day", **look),
        }
        super().__init__(sliders)

    @property
    def table(self) -> pd.DataFrame:
        """The latest :func:`viral_vs_seo` table (the panel's result)."""
        return self.result

    def _compute(self) -> pd.DataFrame:
        return viral_vs_seo(days=self.days, **{k: s.value for k, s in self.sliders.items()})

    def _summary_html(self, table: pd.DataFrame) -> str:
        return f"<p>{html.escape(viral_seo_text(table, self.sliders['half_life_days'].value))}</p>"

    def _figure(self, table: pd.DataFrame) -> go.Figure:
        return viral_seo_figure(table)


def viral_seo_simulator(viral_visits: int = 5_000, half_life_days: float = 0.5, seo_daily: int = 40,
                        days: int = 180) -> ViralSeoSimulator:
    """Build the viral-decay vs SEO-accumulation widget (display it as the last line of a cell)."""
    return ViralSeoSimulator(viral_visits, half_life_days, seo_daily, days)

