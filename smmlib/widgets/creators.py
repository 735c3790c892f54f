"""The creators chapter's widget: the creator-offer calculator.

Three offers (a flat fee, a CPM deal and an affiliate commission by default)
are simulated with :func:`smmlib.creators.simulate_offers` (seeded); sliders
change each offer's audience fit, the shared conversion rate and how much a
post's views vary, so you see how sensitive the ranking is to each assumption.
The summary names the offer with the lowest expected cost per sale and how
often it is the cheapest over the simulated posts.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..creators import (
    SIMULATION_ASSUMPTIONS,
    Offer,
    offers_figure,
    simulate_offers,
    simulation_summary,
)
from .panel import SliderPanel, slider_look

__all__ = ["DEFAULT_OFFERS", "OfferCalculator", "offer_calculator"]

#: The calculator's three example offers (invented).
DEFAULT_OFFERS: tuple[Offer, ...] = (
    Offer("A: flat fee", "flat", 600, views=30_000, engagement_rate=0.05, audience_fit=0.7),
    Offer("B: CPM", "cpm", 15, views=60_000, engagement_rate=0.03, audience_fit=0.4),
    Offer("C: affiliate", "affiliate", 0.2, views=12_000, engagement_rate=0.08, audience_fit=0.8, fixed=100),
)


class OfferCalculator(SliderPanel):
    """Sliders for each offer's audience fit, the conversion rate and the spread of views;
    a summary and box plots of cost per sale. ``result`` is ``(sims, summary)``."""

    def __init__(self, offers: Sequence[Offer] = DEFAULT_OFFERS, *, order_value: float = 50.0, seed: int = 0,
                 n: int = 2000) -> None:
        if not offers:
            raise ValueError("offer_calculator(): no offers given; pass a list of creators.Offer(...)")
        self.offers = list(offers)
        self.order_value, self.seed, self.n = order_value, seed, n
        look = slider_look("260px", "540px")
        sliders = {f"fit{i}": widgets.FloatSlider(value=o.audience_fit, min=0.05, max=1.0, step=0.05,
                                                  readout_format=".0%", description=f"Audience fit of {o.name}",
                                                  **look)
                   for i, o in enumerate(self.offers)}
        sliders["conversion"] = widgets.FloatSlider(value=0.02, min=0.005, max=0.1, step=0.005,
                                                    readout_format=".1%",
                                                    description="Sales per target engagement", **look)
        sliders["views_sigma"] = widgets.FloatSlider(value=SIMULATION_ASSUMPTIONS["views_sigma"], min=0.1,
                                                     max=1.2, step=0.1, readout_format=".1f",
                                                     description="How much views vary (sigma)", **look)
        terms = "; ".join(f"{html.escape(o.name)}: {html.escape(_terms(o))}" for o in self.offers)
        note = widgets.HTML(
            "<p><b>Invented offers, simulated posts</b> (seed "
            f"{seed}, {n:,} draws each). {terms}. Average order {order_value:g}. Assumptions (the course's own): "
            "a post's views vary like a log-normal around the creator's median; the engagement rate varies "
            "less; results = views × engagement rate × audience fit × sales per target engagement.</p>")
        super().__init__(sliders, above=[note])

    def _current(self) -> tuple[list[Offer], float, float]:
        offers = [replace(o, audience_fit=float(self.sliders[f"fit{i}"].value)) for i, o in enumerate(self.offers)]
        return offers, float(self.sliders["conversion"].value), float(self.sliders["views_sigma"].value)

    def _compute(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        offers, conversion, sigma = self._current()
        sims = simulate_offers(offers, n=self.n, seed=self.seed, conversion=conversion,
                               order_value=self.order_value, views_sigma=sigma)
        return sims, simulation_summary(sims)

    def _summary_html(self, result: tuple[pd.DataFrame, pd.DataFrame]) -> str:
        summary = result[1]
        best = summary["expected_cost_per_result"].idxmin()
        parts = [f"{name}: about {row.expected_results:,.0f} sales at {row.expected_cost_per_result:,.2f} each (a weak post {row.p90:,.2f}, "
                 f"cheapest in {row.chance_cheapest:.0%} of posts)" for name, row in summary.iterrows()]
        text = f"Lowest expected cost per sale: {best}. " + "; ".join(parts) + "."
        return f"<p role='status'><b>{html.escape(text)}</b></p>"

    def _figure(self, result: tuple[pd.DataFrame, pd.DataFrame]) -> go.Figure:
        return offers_figure(result[0])


def _terms(offer: Offer) -> str:
    rate = {"flat": f"fee {offer.rate:g}", "gifting": f"product worth {offer.rate:g}",
            "cpm": f"{offer.rate:g} per 1,000 views", "cpe": f"{offer.rate:g} per engagement",
            "affiliate": f"{offer.rate:.0%} commission"}[offer.model]
    fixed = f" + {offer.fixed:g} fixed" if offer.fixed else ""
    return (f"{rate}{fixed}, median views {offer.views:,.0f}, engagement rate {offer.engagement_rate:.0%}")


def offer_calculator(offers: Sequence[Offer] = DEFAULT_OFFERS, *, order_value: float = 50.0, seed: int = 0,
                     n: int = 2000) -> OfferCalculator:
    """Build the creator-offer calculator (display it as the last line of a cell)."""
    return OfferCalculator(offers, order_value=order_value, seed=seed, n=n)
