"""The commerce chapter's widget: the click-to-message staffing simulator.

Sliders for the day's conversations, the team's first replies per hour, its
opening hours, the share of people who give up each hour they wait and the
share a bot answers drive :func:`smmlib.commerce.simulate_queue`; the summary
gives the day's answered, lost and orders (the course's model; see
:data:`smmlib.commerce.QUEUE_ASSUMPTIONS`).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..commerce import (
    arrivals_profile,
    capacity_profile,
    queue_figure,
    queue_summary,
    simulate_queue,
)
from .panel import SliderPanel, slider_look

__all__ = ["StaffingSimulator", "staffing_simulator"]


class StaffingSimulator(SliderPanel):
    """Six sliders and the chat queue of one day; ``result`` is the latest
    :func:`smmlib.commerce.simulate_queue` table and ``summary_result`` its
    :class:`smmlib.commerce.QueueResult`."""

    def __init__(self, per_day: int = 120, replies_per_hour: int = 8, open_hour: int = 9, close_hour: int = 21,
                 abandon: float = 0.3, bot_share: float = 0.0) -> None:
        look = slider_look("250px", "540px")
        sliders = {
            "per_day": widgets.IntSlider(value=per_day, min=10, max=400, step=10,
                                         description="Conversations a day", **look),
            "replies_per_hour": widgets.IntSlider(value=replies_per_hour, min=0, max=40,
                                                  description="Team's first replies per hour", **look),
            "open_hour": widgets.IntSlider(value=open_hour, min=0, max=23, description="Team starts at (hour)",
                                           **look),
            "close_hour": widgets.IntSlider(value=close_hour, min=1, max=24, description="Team stops at (hour)",
                                            **look),
            "abandon": widgets.FloatSlider(value=abandon, min=0.0, max=0.9, step=0.05, readout_format=".0%",
                                           description="Give up per hour of waiting", **look),
            "bot_share": widgets.FloatSlider(value=bot_share, min=0.0, max=0.8, step=0.05, readout_format=".0%",
                                             description="Answered at once by a bot", **look),
        }
        note = widgets.HTML("<p><b>The course's model</b>, not a real inbox: averages per hour, first come first "
                            "served, a fixed share of those still waiting gives up each hour; answered "
                            "conversations order at 22%, the bot's at 15%, 280,000 so'm an order.</p>")
        self.summary_result = None
        super().__init__(sliders, above=[note])

    def _compute(self) -> pd.DataFrame:
        v = {name: s.value for name, s in self.sliders.items()}
        close = max(int(v["close_hour"]), int(v["open_hour"]))
        table = simulate_queue(arrivals_profile(v["per_day"]), capacity_profile(v["replies_per_hour"],
                                                                                int(v["open_hour"]), close),
                               abandon=float(v["abandon"]), bot_share=float(v["bot_share"]))
        self.summary_result = queue_summary(table)
        return table

    def _summary_html(self, table: pd.DataFrame) -> str:
        return f"<p role='status'><b>{html.escape(self.summary_result.text())}</b></p>"

    def _figure(self, table: pd.DataFrame) -> go.Figure:
        return queue_figure(table)


def staffing_simulator(per_day: int = 120, replies_per_hour: int = 8, open_hour: int = 9, close_hour: int = 21,
                       abandon: float = 0.3, bot_share: float = 0.0) -> StaffingSimulator:
    """Build the staffing simulator (display it as the last line of a cell)."""
    return StaffingSimulator(per_day, replies_per_hour, open_hour, close_hour, abandon, bot_share)
