"""The operations chapter's widgets: the alert-threshold tuner and the post-draft checker.

The tuner's sliders set an alert rule (negative share, minimum negative
mentions, window) on a simulated mention stream with one incident
(:func:`smmlib.operations.generate_mention_stream`); the summary gives the
rule's detection delay and false alarms. The checker runs
:func:`smmlib.operations.check_post` on a draft typed into a text box.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..operations import (
    AlertRule,
    alert_hours,
    check_post,
    detection_report,
    generate_mention_stream,
    hourly_counts,
    stream_figure,
)
from .panel import SliderPanel, slider_look

__all__ = ["AlertTuner", "PostChecker", "alert_tuner", "post_checker"]


class AlertTuner(SliderPanel):
    """Three sliders (share, minimum negative mentions, window) over one simulated stream.

    ``result`` is the latest alert series (True in the hours the rule fires);
    ``report`` the latest :class:`smmlib.operations.Detection`.
    """

    def __init__(self, seed: int = 0, share: float = 0.3, min_negative: int = 4, window_hours: int = 3) -> None:
        data = generate_mention_stream(seed=seed)
        stream = data["stream"]
        self.hourly = hourly_counts(stream, start=stream["time"].min().normalize(), end=stream["time"].max())
        self.incident = (data["incident_start"], data["incident_end"])
        look = slider_look("250px", "540px")
        sliders = {
            "share": widgets.FloatSlider(value=share, min=0.05, max=0.9, step=0.05, readout_format=".0%",
                                         description="Negative share above", **look),
            "min_negative": widgets.IntSlider(value=min_negative, min=1, max=15,
                                              description="At least this many negative", **look),
            "window_hours": widgets.IntSlider(value=window_hours, min=1, max=12,
                                              description="Over the last (hours)", **look),
        }
        note = widgets.HTML("<p><b>Simulated</b> mentions of a brand over a week, with one incident (shaded). "
                            "An alert fires in an hour when, over the window, both thresholds are passed.</p>")
        self.report = None
        super().__init__(sliders, above=[note])

    def _rule(self) -> AlertRule:
        return AlertRule(share=float(self.sliders["share"].value),
                         min_negative=int(self.sliders["min_negative"].value),
                         window_hours=int(self.sliders["window_hours"].value))

    def _compute(self) -> pd.Series:
        alerts = alert_hours(self.hourly, self._rule())
        self.report = detection_report(alerts, *self.incident)
        return alerts

    def _summary_html(self, alerts: pd.Series) -> str:
        return f"<p role='status'><b>{html.escape(self.report.text())}</b></p>"

    def _figure(self, alerts: pd.Series) -> go.Figure:
        return stream_figure(self.hourly, alerts, self.incident,
                             title="Mentions per hour and the alert hours (simulated)")


def alert_tuner(seed: int = 0, share: float = 0.3, min_negative: int = 4, window_hours: int = 3) -> AlertTuner:
    """Build the alert-threshold tuner (display it as the last line of a cell)."""
    return AlertTuner(seed, share, min_negative, window_hours)


class PostChecker(widgets.VBox):
    """A text box for a post draft, the number of images with alt text, a video switch,
    and the list of problems :func:`smmlib.operations.check_post` finds."""

    def __init__(self, text: str = "NEW in store!!! 🎉🎉🎉🎉 #springcollection #sale") -> None:
        self.text = widgets.Textarea(value=text, description="Post", layout=widgets.Layout(width="600px",
                                                                                          height="80px"))
        self.images = widgets.IntSlider(value=1, min=0, max=10, description="Images")
        self.alt = widgets.IntSlider(value=0, min=0, max=10, description="With alt text")
        self.video = widgets.Checkbox(value=False, description="It is a video")
        self.captions = widgets.Checkbox(value=False, description="The video has captions")
        self.output = widgets.HTML()
        for control in (self.text, self.images, self.alt, self.video, self.captions):
            control.observe(self._update, names="value")
        super().__init__([self.text, self.images, self.alt, self.video, self.captions, self.output])
        self._update()

    def _update(self, _change: dict | None = None) -> None:
        self.findings = check_post(self.text.value, images=int(self.images.value),
                                   alt_texts=["alt"] * min(int(self.alt.value), int(self.images.value)),
                                   video=bool(self.video.value), captions=bool(self.captions.value))
        if not self.findings:
            self.output.value = "<p role='status'><b>No problems found by the checker.</b> A person still reads it.</p>"
            return
        items = "".join(f"<li><b>{html.escape(f.check)}</b>: {html.escape(f.message)}</li>" for f in self.findings)
        self.output.value = f"<p role='status'><b>{len(self.findings)} problem(s):</b></p><ul>{items}</ul>"


def post_checker(text: str = "NEW in store!!! 🎉🎉🎉🎉 #springcollection #sale") -> PostChecker:
    """Build the post-draft checker (display it as the last line of a cell)."""
    return PostChecker(text)
