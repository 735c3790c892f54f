"""Notebook hygiene: notebooks are stored without outputs and with normalised
metadata, so that a diff shows only what a person changed.

``smm clean`` rewrites every course notebook in this canonical form;
``tests/test_notebook_hygiene.py`` fails when a stored notebook differs from it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import nbformat

from .paths import course_notebooks

#: Notebook-level metadata kept in canonical form; everything else is dropped.
CANONICAL_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
#: Cell-level metadata keys that carry meaning for the course and are kept.
KEPT_CELL_METADATA = ("tags",)

#: The cell tag for cells whose output is not reproducible text (widgets, quizzes):
#: nbval does not compare their outputs, and the website adds a note to launch
#: the page. A tag, not a comment, so that students never see a test marker.
WIDGET_TAG = "nbval-ignore-output"


class NotebookFormatError(ValueError):
    """A file that should be a notebook is not one (not JSON, or not nbformat 4)."""


def read_notebook(path: str | Path) -> nbformat.NotebookNode:
    """Read a notebook, with an error that names the file when it is not valid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise NotebookFormatError(f"{path}: not UTF-8 text ({exc.reason}); is it really a notebook?") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookFormatError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            "Open it in JupyterLab or restore it from version control."
        ) from exc
    if not isinstance(data, dict) or "cells" not in data:
        raise NotebookFormatError(f"{path}: JSON, but not a Jupyter notebook (no 'cells' list).")
    try:
        return nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several types for bad structure
        raise NotebookFormatError(f"{path}: not a valid nbformat 4 notebook: {exc}") from exc


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return ``nb`` in canonical form: no outputs, no execution counts,
    normalised metadata, stable cell ids (``cell-1``, ``cell-2``, ...)."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # deep copy
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = nbformat.from_dict(json.loads(json.dumps(CANONICAL_METADATA)))
    for i, cell in enumerate(nb.cells, start=1):
        cell.id = f"cell-{i}"
        kept = {k: cell.metadata[k] for k in KEPT_CELL_METADATA if cell.metadata.get(k)}
        cell.metadata = nbformat.from_dict(kept)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            if not cell.get("attachments"):
                cell.pop("attachments", None)
    return nb


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """Serialise a notebook exactly as it is stored in the repository."""
    return nbformat.writes(nb) + "\n"


def write_notebook(nb: nbformat.NotebookNode, path: str | Path) -> None:
    """Write ``nb`` in canonical form, atomically (temp file + rename)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(notebook_text(clean_notebook(nb)), encoding="utf-8")
    tmp.replace(path)


def is_clean(path: str | Path) -> bool:
    """True when the stored file is already in canonical form."""
    path = Path(path)
    return path.read_text(encoding="utf-8") == notebook_text(clean_notebook(read_notebook(path)))


def clean_paths(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """Clean the given notebooks (default: every course notebook); return the changed ones."""
    changed = []
    for path in [Path(p) for p in paths] if paths is not None else course_notebooks():
        if not is_clean(path):
            write_notebook(read_notebook(path), path)
            changed.append(path)
    return changed


def cell_tags(nb: nbformat.NotebookNode) -> list[str]:
    """All cell tags of a notebook, in order."""
    return [tag for cell in nb.cells for tag in cell.get("metadata", {}).get("tags", [])]
