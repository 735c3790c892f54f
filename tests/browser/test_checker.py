"""Self-test of the browser checker: it must pass a good notebook and report
each kind of breakage in deliberately broken ones (tests/browser/resources).
These run first, so a checker that has gone blind fails loudly before it
"passes" the course."""

from __future__ import annotations

import json

import plotly.express as px
import pytest
from labdriver import (
    RESOURCES,
    Expectation,
    check_notebook,
    describe,
    figure_accessibility_problems,
    notebook_problems,
)

pytestmark = pytest.mark.browser

_RESULTS: dict[str, tuple[list[str], object]] = {}


def problems_of(notebook, lab, browser_context, executions):
    """Run the same checks as the course notebooks get (as a chapter); cached per notebook."""
    if notebook.name not in _RESULTS:
        expected = executions.get(notebook)
        # Short bounds: here the failures are expected, and each one waits its full bound.
        report = check_notebook(browser_context, lab, notebook, expected, render_timeout_s=8,
                                reaction_timeout_s=5)
        _RESULTS[notebook.name] = (notebook_problems(expected, report, needs_interaction=True), report)
    return _RESULTS[notebook.name]


@pytest.mark.parametrize("notebook", [RESOURCES / "demo_ok.ipynb"], ids=["demo_ok"])
def test_good_notebook_passes(notebook, lab, browser_context, executions):
    problems, report = problems_of(notebook, lab, browser_context, executions)
    assert not problems, describe("demo_ok", problems, report)
    assert report.counts["plotly"] == 1 and report.counts["topWidgets"] == 2, report.counts
    assert report.reacted == 2, report.interactions  # the slider and the quiz


@pytest.mark.parametrize(("notebook", "expected_problem"), [
    (RESOURCES / "broken_chart.ipynb", "0 plotly figure(s) rendered, but the notebook shows 1"),
    (RESOURCES / "broken_widget.ipynb", "Error displaying widget"),
    (RESOURCES / "broken_widget.ipynb", "0 widget view(s) rendered, but the notebook shows 1"),
    (RESOURCES / "broken_quiz.ipynb", "showed no feedback"),
    (RESOURCES / "broken_quiz.ipynb", "accessibility: cell 2: a radio widget has no visible description"),
    (RESOURCES / "broken_error.ipynb", "headless run: cell 2: KeyError: 'reach'"),
    (RESOURCES / "broken_error.ipynb", "cell 2: error output"),
], ids=["chart-not-drawn", "widget-error", "widget-count", "quiz-no-feedback", "quiz-no-label",
        "error-headless", "error-in-lab"])
def test_broken_notebook_is_reported(notebook, expected_problem, lab, browser_context, executions):
    problems, report = problems_of(notebook, lab, browser_context, executions)
    assert any(expected_problem in p for p in problems), describe(notebook.name, problems, report)


def test_chart_without_title_or_labels_is_reported():
    bare = px.bar(x=["Mon", "Tue"], y=[3, 5])
    bare.update_layout(xaxis_title=None, yaxis_title=None)
    good = px.bar(x=["Mon", "Tue"], y=[3, 5], title="Posts", labels={"x": "Day", "y": "Posts"})
    exp = Expectation(path=RESOURCES, figures=[json.loads(good.to_json()), json.loads(bare.to_json())])
    assert figure_accessibility_problems(exp) == [
        "figure 2 '(untitled)': no title",
        "figure 2 '(untitled)': x axis has no label",
        "figure 2 '(untitled)': y axis has no label",
    ]
