"""Chapter 06 (Community): the mention monitor.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as w
import pandas as pd
from IPython.display import display

from ..community import (
    CATEGORIES,
    NEGATIVE_BAND,
    SemanticCore,
    match_mentions,
    weekly_figure,
    weekly_sentiment,
)

__all__ = ["MentionMonitor", "mention_monitor"]


class MentionMonitor:
    """The chapter's mention monitor: choose query groups and the alert threshold;
    see how many mentions match, the weekly negative share and the alerts.

    Build it with :func:`mention_monitor`; display ``monitor.widget``. The logic
    is in :meth:`update` (plain values in, summary text out), so it is testable
    without a browser.
    """

    def __init__(self, mentions: pd.DataFrame, core: SemanticCore, threshold: float = NEGATIVE_BAND[1],
                 label_column: str = "sentiment") -> None:
        self.mentions = match_mentions(mentions, core)
        self.core = core
        self.label_column = label_column
        present = [c for c in CATEGORIES if core.by_category()[c]]
        style = {"description_width": "200px"}
        self.categories = w.SelectMultiple(
            options=present, value=tuple(c for c in present if c in ("brand", "product", "executive")),
            description="Query groups to monitor", rows=len(present), style=style,
            layout=w.Layout(width="460px"))
        self.threshold = w.FloatSlider(
            value=threshold, min=0.05, max=0.6, step=0.01, readout_format=".0%",
            description="Alert above negative share", style=style, layout=w.Layout(width="520px"))
        self.summary = w.HTML()
        self.table = w.HTML()
        self.chart = w.Output()
        self.categories.observe(self._changed, names="value")
        self.threshold.observe(self._changed, names="value")
        self.widget = w.VBox([self.categories, self.threshold, self.summary, self.chart, self.table])
        self._changed(None)

    def update(self, categories: Iterable[str], threshold: float) -> tuple[str, pd.DataFrame, pd.DataFrame]:
        """Summary text, weekly table and matched mentions for these settings."""
        chosen = set(categories)
        hits = self.mentions[self.mentions["categories"].apply(
            lambda cats: bool(chosen & set(filter(None, cats.split(", ")))))]
        low = min(NEGATIVE_BAND[0], threshold)
        weekly = weekly_sentiment(hits, label_column=self.label_column, band=(low, threshold)) \
            if len(hits) else weekly_sentiment(hits.iloc[0:0], label_column=self.label_column)
        n_alerts = int(weekly["alert"].sum()) if len(weekly) else 0
        groups = ", ".join(c for c in CATEGORIES if c in chosen) or "none"
        text = (f"Query groups: {groups}. Matched {len(hits)} of {len(self.mentions)} mentions. "
                f"Alert threshold {threshold:.0%}: {n_alerts} of {len(weekly)} weeks above it.")
        return text, weekly, hits

    def _changed(self, _change) -> None:
        text, weekly, hits = self.update(self.categories.value, self.threshold.value)
        self.summary.value = f"<p role='status'><b>{html.escape(text)}</b></p>"
        shown = hits[["date", "platform", "text", "queries"]].head(8) if len(hits) else hits
        self.table.value = ("<p>First matched mentions:</p>" + shown.to_html(index=False, escape=True)
                            if len(hits) else "<p>No mentions match: choose at least one query group.</p>")
        self.chart.clear_output(wait=True)
        if len(weekly):
            with self.chart:
                display(weekly_figure(weekly, band=(min(NEGATIVE_BAND[0], self.threshold.value),
                                                    self.threshold.value),
                                      title="Weekly negative share of the monitored mentions"))


def mention_monitor(mentions: pd.DataFrame, core: SemanticCore,
                    threshold: float = NEGATIVE_BAND[1]) -> MentionMonitor:
    """Build the mention monitor for ``mentions`` (with ``date``, ``platform``,
    ``text`` and ``sentiment`` columns) and ``core``; display ``.widget``."""
    return MentionMonitor(mentions, core, threshold)

