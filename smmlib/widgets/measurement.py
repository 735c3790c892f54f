"""The measurement chapter's widget: the lift-test simulator.

Sliders for the true lift, the baseline conversion rate, the share of people in
the test group and the test's length drive :func:`smmlib.measurement.simulate_lift_test`;
the summary gives the estimate with its interval, the chance that a test of this
size detects the lift, and how far the conversions the platform attributes
overstate the ones the ads caused.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from ..measurement import LiftSimulation, lift_figure, simulate_lift_test
from .panel import SliderPanel, slider_look

__all__ = ["LiftTestSimulator", "lift_test_simulator"]


class LiftTestSimulator(SliderPanel):
    """Four sliders (true lift, baseline rate, test share, days), a summary and the
    attributed-vs-incremental chart. ``result`` is the latest :class:`~smmlib.measurement.LiftSimulation`.

    ``people_per_day`` (new people entering the test each day), ``exposed_share``
    (share of the test group the ads reach) and ``seed`` stay fixed.
    """

    def __init__(self, true_lift: float = 0.10, baseline_rate: float = 0.02, test_share: float = 0.9,
                 days: int = 14, people_per_day: float = 10_000, exposed_share: float = 0.5,
                 seed: int = 0, n_sims: int = 300) -> None:
        self.people_per_day, self.exposed_share, self.seed, self.n_sims = people_per_day, exposed_share, seed, n_sims
        look = slider_look("230px", "520px")
        sliders = {
            "true_lift": widgets.FloatSlider(value=true_lift, min=0.0, max=0.5, step=0.01, readout_format=".0%",
                                             description="True lift from the ads", **look),
            "baseline_rate": widgets.FloatSlider(value=baseline_rate, min=0.005, max=0.10, step=0.001,
                                                 readout_format=".1%", description="Baseline conversion rate",
                                                 **look),
            "test_share": widgets.FloatSlider(value=test_share, min=0.5, max=0.95, step=0.05,
                                              readout_format=".0%", description="Share in the test group", **look),
            "days": widgets.IntSlider(value=days, min=3, max=56, step=1, description="Test length (days)", **look),
        }
        note = widgets.HTML(
            f"<p><b>Simulated data.</b> {people_per_day:,.0f} new people enter the test each day; the ads reach "
            f"{exposed_share:.0%} of the test group, and the platform attributes to the ads every conversion of a "
            "person they reached (the course's simple model of attribution). Each setting is simulated "
            f"{n_sims} times to count how often the test detects the lift.</p>")
        super().__init__(sliders, above=[note])

    def _compute(self) -> LiftSimulation:
        values = {name: slider.value for name, slider in self.sliders.items()}
        return simulate_lift_test(seed=self.seed, baseline_rate=float(values["baseline_rate"]),
                                  true_lift=float(values["true_lift"]), test_share=float(values["test_share"]),
                                  days=int(values["days"]), people_per_day=self.people_per_day,
                                  exposed_share=self.exposed_share, n_sims=self.n_sims)

    def _summary_html(self, sim: LiftSimulation) -> str:
        return f"<p role='status'><b>{html.escape(sim.text())}</b></p>"

    def _figure(self, sim: LiftSimulation) -> go.Figure:
        return lift_figure(sim)


def lift_test_simulator(true_lift: float = 0.10, baseline_rate: float = 0.02, test_share: float = 0.9,
                        days: int = 14, people_per_day: float = 10_000, exposed_share: float = 0.5,
                        seed: int = 0) -> LiftTestSimulator:
    """Build the lift-test simulator (display it as the last line of a cell)."""
    return LiftTestSimulator(true_lift, baseline_rate, test_share, days, people_per_day, exposed_share, seed)
