"""The shared base of the course's calculators.

Every slider calculator is a :class:`SliderPanel`: it holds the shared wiring
(controls -> ``result`` -> summary line and chart), so a calculator only says
which controls it has, how it computes and how it shows the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import display

__all__ = ["SliderPanel", "show_figure", "slider_look"]


def slider_look(label_width: str, width: str) -> dict[str, Any]:
    """The ``style`` and ``layout`` arguments that give a panel's sliders one look:
    labels ``label_width`` wide, the whole slider ``width`` wide (CSS lengths).

    >>> look = slider_look("150px", "520px")
    >>> look["style"], look["layout"].width
    ({'description_width': '150px'}, '520px')
    """
    return {"style": {"description_width": label_width}, "layout": widgets.Layout(width=width)}


def show_figure(chart: widgets.Output, figure: go.Figure) -> None:
    """Replace what ``chart`` shows with ``figure`` (without flicker: cleared on the next output)."""
    chart.clear_output(wait=True)
    with chart:
        display(figure)


class SliderPanel(widgets.VBox):
    """Base of the course's calculators: controls, a summary line and a chart that follow them.

    A subclass builds its controls and any extra widgets, then calls
    ``super().__init__(sliders, ...)``; it implements :meth:`_compute` (controls ->
    result), :meth:`_summary_html` and :meth:`_figure`, and overrides
    :meth:`_update_extras` if it has more output widgets than the summary.

    ``sliders`` maps a name to its control; ``summary`` is the text widget;
    ``chart`` the Output that holds the figure; ``result`` the latest result.
    The box shows ``above``, the sliders, the summary, ``below_summary``, the chart;
    every slider and every widget in ``also_observe`` triggers a recomputation.
    """

    def __init__(self, sliders: Mapping[str, widgets.ValueWidget], *, above: Iterable[widgets.Widget] = (),
                 below_summary: Iterable[widgets.Widget] = (),
                 also_observe: Iterable[widgets.ValueWidget] = ()) -> None:
        self.sliders = dict(sliders)
        self.summary = widgets.HTML()
        self.chart = widgets.Output()
        self.result = self._compute()
        for control in [*self.sliders.values(), *also_observe]:
            control.observe(self._on_change, names="value")
        super().__init__([*above, *self.sliders.values(), self.summary, *below_summary, self.chart])
        self._render()

    def _compute(self) -> Any:
        """The result for the current control values."""
        raise NotImplementedError(f"{type(self).__name__} must define _compute()")

    def _summary_html(self, result: Any) -> str:
        """The HTML of the summary line for ``result``."""
        raise NotImplementedError(f"{type(self).__name__} must define _summary_html()")

    def _figure(self, result: Any) -> go.Figure:
        """The chart of ``result``."""
        raise NotImplementedError(f"{type(self).__name__} must define _figure()")

    def _update_extras(self, result: Any) -> None:
        """Update the panel's other output widgets (none by default)."""

    def _on_change(self, _change: dict) -> None:
        self.result = self._compute()
        self._render()

    def _render(self) -> None:
        self.summary.value = self._summary_html(self.result)
        self._update_extras(self.result)
        show_figure(self.chart, self._figure(self.result))

