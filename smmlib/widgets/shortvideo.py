"""The short-video chapter's widget: the toy feed simulator.

Sliders for the opening's retention (hook), the share of the rest who watch to
the end (hold) and the share rate drive :func:`smmlib.shortvideo.simulate_feed`;
the summary compares the result with the same video whose hook is five points
weaker, to show how steeply a feed's reach responds to the first seconds.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..shortvideo import feed_figure, simulate_feed
from .panel import SliderPanel, slider_look

__all__ = ["FeedSimulator", "feed_simulator"]


class FeedSimulator(SliderPanel):
    """Three sliders (hook, hold, share rate), a summary and the expected viewers per stage.

    ``result`` is the latest :func:`smmlib.shortvideo.simulate_feed` table.
    """

    def __init__(self, hook: float = 0.6, hold: float = 0.5, share_rate: float = 0.01) -> None:
        look = slider_look("230px", "520px")
        sliders = {
            "hook": widgets.FloatSlider(value=hook, min=0.2, max=0.95, step=0.01, readout_format=".0%",
                                        description="Still watching at 3 s", **look),
            "hold": widgets.FloatSlider(value=hold, min=0.1, max=0.95, step=0.01, readout_format=".0%",
                                        description="Of those, watch to the end", **look),
            "share_rate": widgets.FloatSlider(value=share_rate, min=0.0, max=0.04, step=0.001,
                                              readout_format=".1%", description="Shares per view", **look),
        }
        note = widgets.HTML("<p><b>A toy model</b> with the course's own assumptions (stage sizes, bars, the "
                            "weight of a share) — not any platform's algorithm. Move one slider at a time.</p>")
        super().__init__(sliders, above=[note])

    def _values(self) -> dict[str, float]:
        return {name: float(slider.value) for name, slider in self.sliders.items()}

    def _compute(self) -> pd.DataFrame:
        return simulate_feed(**self._values())

    def _summary_html(self, table: pd.DataFrame) -> str:
        values = self._values()
        total = float(table["expected_viewers"].sum())
        weaker = dict(values, hook=max(values["hook"] - 0.05, 0.0))
        weaker_total = float(simulate_feed(**weaker)["expected_viewers"].sum())
        text = (f"Completion {values['hook'] * values['hold']:.1%}, score {table.attrs['score']:.3f}: "
                f"about {total:,.0f} expected viewers. With a hook 5 points weaker: about "
                f"{weaker_total:,.0f} ({weaker_total / total - 1:+.0%}).")
        return f"<p role='status'><b>{html.escape(text)}</b></p>"

    def _figure(self, table: pd.DataFrame) -> go.Figure:
        return feed_figure(table)


def feed_simulator(hook: float = 0.6, hold: float = 0.5, share_rate: float = 0.01) -> FeedSimulator:
    """Build the toy feed simulator (display it as the last line of a cell)."""
    return FeedSimulator(hook, hold, share_rate)
