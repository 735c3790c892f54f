"""The Roles chapter's widget: a skills self-assessment drawn as a radar chart.

The logic (profiles, gaps, the explanation and the chart) lives in
:mod:`smmlib.roles` and is unit-tested; this module only wires sliders to it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import display

from .roles import SKILLS, TARGET_PROFILES, gap_summary, radar_figure, skill_gaps

__all__ = ["SkillsAssessment", "skills_assessment"]


class SkillsAssessment(widgets.VBox):
    """One slider (0-5) per skill, a target-profile menu, a gap explanation and a radar chart.

    ``sliders`` maps each skill to its slider, ``profile`` is the dropdown,
    ``summary`` the text line that explains the gap, ``chart`` the Output with the figure.
    """

    def __init__(self, start_level: int = 2, profile: str = "junior specialist") -> None:
        if profile not in TARGET_PROFILES:
            raise ValueError(f"unknown profile {profile!r}; choose one of {list(TARGET_PROFILES)}")
        style = {"description_width": "190px"}
        layout = widgets.Layout(width="460px")
        self.sliders = {
            skill: widgets.IntSlider(value=start_level, min=0, max=5, step=1,
                                     description=f"{skill} ({kind})", style=style, layout=layout)
            for skill, kind in SKILLS.items()
        }
        self.profile = widgets.Dropdown(options=list(TARGET_PROFILES), value=profile,
                                        description="Target profile", style=style, layout=layout)
        self.summary = widgets.HTML()
        self.chart = widgets.Output()
        for control in [*self.sliders.values(), self.profile]:
            control.observe(self._on_change, names="value")
        help_text = widgets.HTML("<b>Rate yourself honestly</b>: 0 = never tried, 3 = can do it alone, "
                                 "5 = could teach it.")
        super().__init__([help_text, self.profile, *self.sliders.values(), self.summary, self.chart])
        self._render()

    def assessment(self) -> dict[str, int]:
        """The current self-assessment, skill -> level."""
        return {skill: slider.value for skill, slider in self.sliders.items()}

    def _on_change(self, _change: dict) -> None:
        self._render()

    def _render(self) -> None:
        gaps = skill_gaps(self.assessment(), self.profile.value)
        average = (f"Your average level: {gaps['you'].mean():.2f} of 5 "
                   f"(the {self.profile.value} profile averages {gaps['target'].mean():.2f}).")
        self.summary.value = (f"<p role='status'><b>{html.escape(average)}</b> "
                              f"{html.escape(gap_summary(gaps))}</p>")
        self.chart.clear_output(wait=True)
        with self.chart:
            display(radar_figure(self.assessment(), self.profile.value))


def skills_assessment(start_level: int = 2, profile: str = "junior specialist") -> SkillsAssessment:
    """Build the skills self-assessment widget (display it as the last line of a cell)."""
    return SkillsAssessment(start_level, profile)
