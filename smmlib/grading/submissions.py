"""Finding submissions and reading them safely (nothing is executed here).

Layouts accepted for ``smm grade SUBMISSIONS --exercise NAME``:

- ``SUBMISSIONS/<student_id>/<NAME>.ipynb`` (the course's own layout);
- ``SUBMISSIONS/<student_id>/<NAME>/<NAME>.ipynb`` (nbgrader's
  ``submitted/<student>/<assignment>/`` layout);
- a student folder holding exactly one other ``.ipynb`` is taken as that
  student's (misnamed) submission, with a note.

Every student folder gives exactly one :class:`Submission`, even when no
notebook is found (status ``missing``). Folders whose names start with ``.``
or ``_`` are skipped.

:func:`read_notebook_bytes` turns a file's bytes into the list of code cells
to run, or says why it cannot (``unreadable``, ``empty``, ``wrong_exercise``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .vocabulary import Status

__all__ = ["Cell", "ParsedNotebook", "Submission", "discover", "inject_student_id",
           "read_notebook_bytes", "sha256"]

#: Notebooks bigger than this are not parsed (status ``unreadable``).
MAX_NOTEBOOK_BYTES = 200 * 1024 * 1024

_START = re.compile(r"""exercises\s*\.\s*start\s*\(\s*(?:name\s*=\s*)?["']([^"']+)["']""")


@dataclass(frozen=True)
class Submission:
    """One student's submission: the folder name is the student ID."""

    student: str
    path: Path | None
    note: str = ""


@dataclass(frozen=True)
class Cell:
    """A notebook cell as the grader sees it."""

    cell_type: str
    source: str
    tags: tuple[str, ...] = ()


@dataclass
class ParsedNotebook:
    """The outcome of reading a notebook: its cells, or the status that
    stops it from running (``unreadable``, ``empty``, ``wrong_exercise``)."""

    cells: list[Cell] = field(default_factory=list)
    status: Status | None = None
    note: str = ""

    @property
    def code(self) -> list[str]:
        """Sources of the code cells, in order."""
        return [c.source for c in self.cells if c.cell_type == "code"]


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    >>> sha256(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def _notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.name.startswith("."))


def discover(root: Path, exercise: str) -> list[Submission]:
    """One :class:`Submission` per student folder under ``root``, sorted by student."""
    found: list[Submission] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name.startswith((".", "_")):
            continue
        student = folder.name
        direct = folder / f"{exercise}.ipynb"
        nested = folder / exercise / f"{exercise}.ipynb"
        if direct.is_file():
            found.append(Submission(student, direct))
        elif nested.is_file():
            found.append(Submission(student, nested))
        elif (folder / exercise).is_dir() and len(_notebooks(folder / exercise)) == 1:
            only = _notebooks(folder / exercise)[0]
            found.append(Submission(student, only, f"graded the only notebook found, {only.name}"))
        elif len(_notebooks(folder)) == 1:
            only = _notebooks(folder)[0]
            found.append(Submission(student, only, f"graded the only notebook found, {only.name}"))
        else:
            others = ", ".join(p.name for p in _notebooks(folder)) or "none"
            found.append(Submission(student, None, f"no {exercise}.ipynb in the folder "
                                    f"(notebooks found: {others})"))
    return found


def _text(source: Any) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    raise ValueError("a cell's source is neither text nor a list of lines")


def _cells(data: Any) -> list[Cell]:
    if not isinstance(data, dict):
        raise ValueError("the file is JSON but not a notebook (no top-level object)")
    raw = data.get("cells")
    if raw is None and isinstance(data.get("worksheets"), list):  # nbformat 3
        raw = [c for ws in data["worksheets"] if isinstance(ws, dict) for c in ws.get("cells", [])]
        for c in raw:
            if isinstance(c, dict) and "input" in c and "source" not in c:
                c["source"] = c["input"]
    if not isinstance(raw, list):
        raise ValueError("the file is JSON but not a notebook (no list of cells)")
    cells = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        kind = item.get("cell_type")
        if kind not in ("code", "markdown", "raw", "heading"):
            continue
        meta = item.get("metadata") if isinstance(item.get("metadata"), dict) else {}
        tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
        try:
            source = _text(item.get("source", ""))
        except ValueError:
            continue
        cells.append(Cell(str(kind), source, tuple(str(t) for t in tags)))
    return cells


def read_notebook_bytes(data: bytes, exercise: str) -> ParsedNotebook:
    """Parse a submission's bytes (never executes anything).

    >>> read_notebook_bytes(b"not json", "04_metrics").status
    <Status.UNREADABLE: 'unreadable'>
    >>> read_notebook_bytes(b'{"cells": [], "nbformat": 4}', "04_metrics").status
    <Status.EMPTY: 'empty'>
    """
    if not data.strip():
        return ParsedNotebook(status=Status.EMPTY, note="the file is empty (0 bytes or only whitespace)")
    if len(data) > MAX_NOTEBOOK_BYTES:
        return ParsedNotebook(status=Status.UNREADABLE,
                              note=f"the file is {len(data) / 2**20:.0f} MB, larger than the "
                                   f"{MAX_NOTEBOOK_BYTES // 2**20} MB a notebook may have")
    try:
        text = data.decode("utf-8-sig")
        cells = _cells(json.loads(text))
    except UnicodeDecodeError:
        return ParsedNotebook(status=Status.UNREADABLE, note="the file is not UTF-8 text, so not a notebook")
    except (json.JSONDecodeError, RecursionError):
        return ParsedNotebook(status=Status.UNREADABLE, note="the file is not valid JSON, so not a notebook "
                              "(was it saved from Jupyter, and not renamed from another format?)")
    except ValueError as exc:
        return ParsedNotebook(status=Status.UNREADABLE, note=str(exc))
    if not any(c.cell_type == "code" and c.source.strip() for c in cells):
        return ParsedNotebook(cells, status=Status.EMPTY, note="the notebook has no code to run")
    names = {m for c in cells if c.cell_type == "code" for m in _START.findall(c.source)}
    names = {n.removesuffix(".ipynb") for n in names}
    if names and exercise not in names:
        return ParsedNotebook(cells, status=Status.WRONG_EXERCISE,
                              note=f"this notebook starts exercise {', '.join(sorted(names))}, "
                                   f"not {exercise}")
    return ParsedNotebook(cells)


def inject_student_id(cells: list[Cell], student: str) -> list[Cell]:
    """Set the notebook's student ID to ``student``: the cell tagged
    ``parameters`` is replaced (papermill's convention); without one, an
    injected cell goes first. Whatever ID the student typed, the notebook then
    runs with the folder's ID.

    >>> cells = inject_student_id([Cell("code", 'student_id = "x"', ("parameters",))], "ana")
    >>> cells[0].source
    "student_id = 'ana'  # injected by smm grade"
    """
    line = f"student_id = {student!r}  # injected by smm grade"
    out: list[Cell] = []
    injected = False
    for cell in cells:
        if cell.cell_type == "code" and "parameters" in cell.tags:
            out.append(Cell("code", line, ("parameters", "injected-parameters")))
            injected = True
        else:
            out.append(cell)
    if not injected:
        out.insert(0, Cell("code", line, ("injected-parameters",)))
    return out
