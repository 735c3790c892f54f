"""Build a practice class of submissions from the real course notebooks.

Used by the tests, the benchmark and the instructor guide's dry run::

    python -m smmlib.grading.demo demo-class --exercise 04_metrics --students 6

Kinds of submission: ``correct`` (the worked solution notebook), ``untouched``
(the generated exercise notebook), ``partly_wrong`` (the solution with some
answers replaced by wrong values) and ``broken`` (the solution with an error
in one cell and an infinite loop nowhere — errors only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..paths import repo_root

__all__ = ["KINDS", "build_class", "notebook_json", "replace_answer", "write_submission"]

KINDS = ("correct", "partly_wrong", "untouched", "broken")


def notebook_json(kind: str, exercise: str) -> dict[str, Any]:
    """The notebook (as a JSON dict) of submission ``kind`` for ``exercise``."""
    folder = "exercises" if kind == "untouched" else "solutions"
    data = json.loads((repo_root() / folder / f"{exercise}.ipynb").read_text(encoding="utf-8"))
    if kind == "partly_wrong":
        data = replace_answer(data, "q1_answer", "0.5")
        data = replace_answer(data, "q6_answer", "-1.0")
    elif kind == "broken":
        data = replace_answer(data, "q2_answer", "undefined_name + 1")
    elif kind not in ("correct", "untouched"):
        raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    return data


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def replace_answer(nb: dict[str, Any], name: str, expression: str) -> dict[str, Any]:
    """A copy of notebook ``nb`` where the (first) assignment ``name = ...``,
    possibly spread over several lines, becomes ``name = expression``."""
    nb = json.loads(json.dumps(nb))
    pattern = re.compile(rf"^{re.escape(name)}\s*=.*?(?=^\S|\Z)", re.S | re.M)
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code":
            continue
        source = _source(cell)
        if pattern.search(source):
            cell["source"] = pattern.sub(f"{name} = {expression}\n", source, count=1)
            return nb
    raise ValueError(f"no assignment to {name} in the notebook")


def write_submission(folder: Path, student: str, exercise: str, nb: dict[str, Any] | bytes) -> Path:
    """Write one student's notebook as ``folder/<student>/<exercise>.ipynb``."""
    path = folder / student / f"{exercise}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(nb if isinstance(nb, bytes) else json.dumps(nb, indent=1).encode("utf-8"))
    return path


def build_class(folder: Path, exercise: str, students: int, kinds: Iterable[str] = KINDS) -> dict[str, str]:
    """Write ``students`` submissions, cycling through ``kinds``; return student -> kind."""
    kinds = tuple(kinds)
    cache: dict[str, dict[str, Any]] = {}
    made: dict[str, str] = {}
    for i in range(students):
        kind = kinds[i % len(kinds)]
        if kind not in cache:
            cache[kind] = notebook_json(kind, exercise)
        student = f"student{i + 1:03d}"
        write_submission(folder, student, exercise, cache[kind])
        made[student] = kind
    return made


def main(argv: list[str] | None = None) -> int:
    """``python -m smmlib.grading.demo FOLDER --exercise NAME --students N``."""
    parser = argparse.ArgumentParser(prog="python -m smmlib.grading.demo",
                                     description="Write a practice class of submissions.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--exercise", default="04_metrics")
    parser.add_argument("--students", type=int, default=8)
    args = parser.parse_args(argv)
    made = build_class(args.folder, args.exercise, args.students)
    for student, kind in made.items():
        print(f"{student}: {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
