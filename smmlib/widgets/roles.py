"""The Roles chapter's widget: a skills self-assessment drawn as a radar chart.

The logic (profiles, gaps, the explanation and the chart) lives in
:mod:`smmlib.roles` and is unit-tested; this module only wires sliders to it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..roles import SKILLS, TARGET_PROFILES, gap_summary, radar_figure, skill_gaps
from .panel import SliderPanel, slider_look

__all__ = ["SkillsAssessment", "skills_assessment"]


class SkillsAssessment(SliderPanel):
    """One slider (0-5) per skill, a target-profile menu, a gap explanation and a radar chart.

    ``sliders`` maps each skill to its slider, ``profile`` is the dropdown,
    ``summary`` the text line that explains the gap, ``chart`` the Output with the figure;
    ``result`` is the latest :func:`smmlib.roles.skill_gaps` table.
    """

    def __init__(self, start_level: int = 2, profile: str = "junior specialist") -> None:
        if profile not in TARGET_PROFILES:
            raise ValueError(f"unknown profile {profile!r}; choose one of {list(TARGET_PROFILES)}")
        look = slider_look("190px", "460px")
        sliders = {
            skill: widgets.IntSlider(value=start_level, min=0, max=5, step=1,
                                     description=f"{skill} ({kind})", **look)
            for skill, kind in SKILLS.items()
        }
        self.profile = widgets.Dropdown(options=list(TARGET_PROFILES), value=profile,
                                        description="Target profile", **look)
        help_text = widgets.HTML("<b>Rate yourself honestly</b>: 0 = never tried, 3 = can do it alone, "
                                 "5 = could teach it.")
        super().__init__(sliders, above=[help_text, self.profile], also_observe=[self.profile])

    def assessment(self) -> dict[str, int]:
        """The current self-assessment, skill -> level."""
        return {skill: slider.value for skill, slider in self.sliders.items()}

    def _compute(self) -> pd.DataFrame:
        return skill_gaps(self.assessment(), self.profile.value)

    def _summary_html(self, gaps: pd.DataFrame) -> str:
        average = (f"Your average level: {gaps['you'].mean():.2f} of 5 "
                   f"(the {self.profile.value} profile averages {gaps['target'].mean():.2f}).")
        return f"<p role='status'><b>{html.escape(average)}</b> {html.escape(gap_summary(gaps))}</p>"

    def _figure(self, _gaps: pd.DataFrame) -> go.Figure:
        return radar_figure(self.assessment(), self.profile.value)


def skills_assessment(start_level: int = 2, profile: str = "junior specialist") -> SkillsAssessment:
    """Build the skills self-assessment widget (display it as the last line of a cell)."""
    return SkillsAssessment(start_level, profile)
