"""Solution regions: the one loader of worked solutions.

A ``solutions/NN_key.ipynb`` notebook marks each worked answer (nbgrader's
convention)::

    ### BEGIN SOLUTION
    q3_answer = posts["reach"].sum()
    ### END SOLUTION
    ex.q3.check(q3_answer)

This module finds those regions. The student session (``solution()``), the
grader (feedback with solutions) and the exercise generator
(:mod:`smmlib.build_exercises`) all read them through here, so there is one
idea of what a region is. :func:`solutions_for` caches by file and
modification time.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..paths import repo_root

__all__ = ["BEGIN", "END", "SolutionMarkerError", "region_spans", "solution_regions", "solution_text",
           "solutions_for"]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_CHECK_CALL = re.compile(r"\.\s*(\w+)\s*\.\s*check\s*\(")


class SolutionMarkerError(ValueError):
    """``### BEGIN SOLUTION`` / ``### END SOLUTION`` lines are unbalanced."""


def region_spans(lines: list[str], where: str) -> list[tuple[int, int]]:
    """(begin, end) line indices of each region; raise on unbalanced markers.

    >>> region_spans(["x = 1", BEGIN, "q1_answer = 2", END], "cell 1")
    [(1, 3)]
    """
    spans, start = [], None
    for i, line in enumerate(lines):
        marker = line.strip()
        if marker == BEGIN:
            if start is not None:
                raise SolutionMarkerError(f"{where}: line {i + 1}: '{BEGIN}' inside another solution region")
            start = i
        elif marker == END:
            if start is None:
                raise SolutionMarkerError(f"{where}: line {i + 1}: '{END}' without '{BEGIN}'")
            spans.append((start, i))
            start = None
    if start is not None:
        raise SolutionMarkerError(f"{where}: line {start + 1}: '{BEGIN}' without '{END}'")
    return spans


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def solution_regions(nb: Mapping[str, Any]) -> dict[str, str]:
    """Map question key -> worked solution, for each code cell whose region is
    followed by ``<session>.<key>.check(...)`` (how ``solution()`` finds its text).
    ``nb`` is a notebook as nbformat reads it or as plain JSON (a dict).

    >>> cell = {"cell_type": "code", "source": [BEGIN + "\\n", "q1_answer = 2\\n", END + "\\n", "ex.q1.check(q1_answer)"]}
    >>> solution_regions({"cells": [cell]})
    {'q1': 'q1_answer = 2'}
    """
    found: dict[str, str] = {}
    for index, cell in enumerate(nb["cells"], start=1):
        if cell.get("cell_type") != "code":
            continue
        text = _source(cell)
        lines = text.splitlines()
        spans = region_spans(lines, f"cell {index}")
        if not spans:
            continue
        keys = _CHECK_CALL.findall(text)
        body = "\n\n".join(textwrap.dedent("\n".join(lines[b + 1:e])) for b, e in spans)
        for key in keys:
            found.setdefault(key, body)
    return found


_CACHE: dict[Path, tuple[float, dict[str, str]]] = {}


def solutions_for(exercise: str, root: Path | None = None) -> dict[str, str]:
    """The worked solutions of exercise ``exercise`` (question key -> code),
    read from ``solutions/<exercise>.ipynb``; empty when there is no such
    notebook. Cached until the file changes."""
    path = (root or repo_root()) / "solutions" / f"{exercise}.ipynb"
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return {}
    cached = _CACHE.get(path)
    if cached is None or cached[0] != stamp:
        # plain JSON, not nbformat: importing nbformat (and jsonschema) costs seconds
        nb = json.loads(path.read_text(encoding="utf-8"))
        _CACHE[path] = cached = (stamp, solution_regions(nb))
    return dict(cached[1])


def solution_text(exercise: str, key: str) -> str | None:
    """The worked solution of question ``key`` of ``exercise``, or None."""
    return solutions_for(exercise).get(key)
