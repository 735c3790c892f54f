"""Every course notebook as a student sees it in JupyterLab: Run All, no
errors, every chart and widget rendered, widgets that react to the keyboard,
labelled controls and charts (see ``labdriver.check_notebook``)."""

from __future__ import annotations

import pytest
from conftest import notebook_id, ordered_notebooks
from labdriver import (
    ARTIFACTS,
    artifact_name,
    check_notebook,
    describe,
    figure_accessibility_problems,
    notebook_problems,
)

NOTEBOOKS = ordered_notebooks()

#: Optional per-notebook exceptions, e.g. ``{"chapters/08_capstone": "why"}``
#: for a chapter that deliberately has no interactive widget. Keep it short.
NO_INTERACTION_NEEDED: dict[str, str] = {
    "chapters/09_account": "reads a file and draws charts; the learner's action is exporting",
}

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=notebook_id)
def test_notebook_in_jupyterlab(notebook, lab, browser_context, executions, suite_stats):
    expected = executions.get(notebook)
    report = check_notebook(browser_context, lab, notebook, expected,
                            shot=ARTIFACTS / artifact_name(notebook))
    suite_stats.notebooks += 1
    needs = notebook.parent.name == "chapters" and notebook_id(notebook) not in NO_INTERACTION_NEEDED
    problems = notebook_problems(expected, report, needs_interaction=needs)
    assert not problems, describe(report.relpath, problems, report)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=notebook_id)
def test_charts_have_title_and_axis_labels(notebook, executions):
    problems = figure_accessibility_problems(executions.get(notebook))
    assert not problems, describe(notebook_id(notebook), problems)
