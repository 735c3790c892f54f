"""Course notebooks are stored without outputs and with normalised metadata."""

from __future__ import annotations

import json

import nbformat
import pytest

from smmlib.notebooks import (
    WIDGET_TAG,
    NotebookFormatError,
    clean_notebook,
    is_clean,
    read_notebook,
)
from smmlib.paths import course_notebooks

NOTEBOOKS = course_notebooks()


def test_there_are_notebooks():
    assert any(p.parent.name == "chapters" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_clean(path):
    assert is_clean(path), f"{path} has outputs or unnormalised metadata: run `make clean-notebooks`"


def _dirty_notebook():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", metadata={"tags": ["lp:metrics.utm"], "scrolled": True})
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    cell.execution_count = 1
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    nb.metadata["widgets"] = {"state": {}}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    return nb


def test_clean_strips_outputs_and_keeps_tags(tmp_path):
    path = tmp_path / "dirty.ipynb"
    path.write_text(nbformat.writes(_dirty_notebook()), encoding="utf-8")
    assert not is_clean(path)
    nb = clean_notebook(read_notebook(path))
    code = nb.cells[1]
    assert code.outputs == [] and code.execution_count is None
    assert dict(code.metadata) == {"tags": ["lp:metrics.utm"]}
    assert "widgets" not in nb.metadata and nb.metadata.language_info == {"name": "python"}
    assert [c.id for c in nb.cells] == ["cell-1", "cell-2"]


def test_clean_command_fixes_a_dirty_notebook(tmp_path):
    from smmlib.cli import main

    path = tmp_path / "dirty.ipynb"
    path.write_text(nbformat.writes(_dirty_notebook()), encoding="utf-8")
    assert main(["clean", str(path)]) == 0
    assert is_clean(path)
    assert json.loads(path.read_text())["cells"][1]["outputs"] == []


def test_not_json_gives_a_clear_error(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(NotebookFormatError, match=r"broken\.ipynb: not valid JSON \(line 1"):
        read_notebook(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(NotebookFormatError, match="not a Jupyter notebook"):
        read_notebook(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_test_markers_in_what_students_read(path):
    # Test markers are cell tags (nbval reads `nbval-ignore-output`), never comments a student sees.
    nb = read_notebook(path)
    marked = [i for i, cell in enumerate(nb.cells, start=1)
              if any(line.lstrip().upper().startswith("# NBVAL") for line in cell.source.splitlines())]
    assert not marked, f"{path.name}: cell(s) {marked} carry an NBVAL comment; use the cell tag {WIDGET_TAG!r}"


def test_every_widget_cell_is_tagged():
    # A cell that builds a widget or a quiz must carry the tag, or nbval and the site treat it as text.
    untagged = []
    for path in NOTEBOOKS:
        for i, cell in enumerate(read_notebook(path).cells, start=1):
            last = cell.source.strip().splitlines()[-1] if cell.cell_type == "code" and cell.source.strip() else ""
            builds = "widgets." in last or last.startswith("exercises.quiz(") or last.endswith(".widget")
            if builds and WIDGET_TAG not in cell.metadata.get("tags", []):
                untagged.append(f"{path.parent.name}/{path.name} cell {i}: {last}")
    assert not untagged, "\n".join(untagged)
