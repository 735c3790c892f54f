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

__all__ = ["KINDS", "MARKER_SLEEP", "after_setup", "build_class", "hostile_notebooks", "insert_after",
           "notebook_json", "replace_answer", "write_submission"]

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


#: The ``sleep`` argument of the processes the ``fork_loop`` notebook leaves behind.
MARKER_SLEEP = "98765.4321"
HOSTILE_EXERCISE = "04_metrics"


def _code(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def _index_of(nb: dict, name: str) -> int:
    for i, cell in enumerate(nb["cells"]):
        src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] == "code" and (f"\n{name} =" in f"\n{src}" or f"def {name}(" in src):
            return i
    raise ValueError(f"no cell assigns {name}")


def insert_after(nb: dict, name: str, source: str) -> dict:
    nb = json.loads(json.dumps(nb))
    nb["cells"].insert(_index_of(nb, name) + 1, _code(source))
    return nb


def _setup_index(nb: dict) -> int:
    for i, cell in enumerate(nb["cells"]):
        src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if "exercises.start(" in src:
            return i
    raise ValueError("no setup cell")


def after_setup(nb: dict, source: str) -> dict:
    nb = json.loads(json.dumps(nb))
    nb["cells"].insert(_setup_index(nb) + 1, _code(source))
    return nb


def hostile_notebooks(out: Path, victim: Path) -> dict[str, dict[str, Any] | bytes]:
    """Hostile and broken submissions of 04_metrics, by name: infinite loops,
    memory bombs, exits, fork bombs, patched checkers, fake scores, tampering
    with ``out`` and with another student's notebook ``victim``, files that are
    not notebooks, and more (the adversarial tests and the grading benchmark).
    ``good1``, ``good2`` and ``zz_good3`` are honest worked solutions."""
    sol = notebook_json("correct", HOSTILE_EXERCISE)
    untouched = notebook_json("untouched", HOSTILE_EXERCISE)
    cases: dict[str, dict | bytes] = {
        "good1": sol,
        "good2": sol,
        "zz_good3": sol,
        "loop": insert_after(sol, "q3_answer", "while True:\n    pass"),
        "loop_catch_all": insert_after(
            sol, "q2_answer", "while True:\n    try:\n        while True:\n            pass\n"
                              "    except BaseException:\n        pass"),
        "loop_no_alarm": insert_after(
            sol, "q1_answer", "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                              "while True:\n    pass"),
        "memory_bomb": insert_after(sol, "q4_answer", "x = bytearray(50 * 2**30)"),
        "memory_grow": insert_after(sol, "q4_answer",
                                     "grow = []\nwhile True:\n    grow.append(bytearray(2**24))"),
        "sys_exit": insert_after(sol, "q5_answer", "import sys\nsys.exit(1)"),
        "os_exit": insert_after(sol, "q5_answer", "import os\nos._exit(0)"),
        "keyboard_interrupt": insert_after(sol, "q5_answer", "raise KeyboardInterrupt"),
        "fork_loop": insert_after(
            sol, "q5_answer",
            "import os, subprocess\n"
            f"procs = [subprocess.Popen(['sleep', '{MARKER_SLEEP}']) for _ in range(3)]\n"
            "for _ in range(200):\n    try:\n        os.fork()\n    except OSError:\n        break"),
        "deleted_cells": {**sol, "cells": sol["cells"][:_index_of(sol, "q4_answer") + 1]},
        "reordered": {**sol, "cells": [c for i, c in enumerate(sol["cells"]) if i != _setup_index(sol)]
                      + [sol["cells"][_setup_index(sol)]]},
        "duplicated": {**sol, "cells": [c for c in sol["cells"] for _ in range(2)]},
        "patch_checkers": after_setup(
            replace_answer(sol, "q1_answer", "123.0"),
            "import smmlib.engine.checking, smmlib.engine.questions, smmlib.exercises\n"
            "smmlib.engine.checking.diagnose = lambda *a, **k: None\n"
            "smmlib.engine.questions.Question.grade = lambda *a, **k: None\n"
            "smmlib.exercises.grade_answers = lambda *a, **k: []\n"
            "ex.q1.check = lambda *a, **k: print('Correct! 1/1')\n"
            "def check(*a, **k):\n    return True"),
        "fake_score": insert_after(replace_answer(sol, "q1_answer", "123.0"), "q1_answer",
                                    "print('Score: 16/16')\nprint('status,graded,16')"),
        "edited_tests": {**untouched, "cells": [
            {**c, "source": "q1_answer = 42\nprint('✓ q1 — Correct (1/1 point).')"}
            if "q1_answer" in "".join(c["source"]) else c for c in untouched["cells"]]},
        "tamper_files": after_setup(
            replace_answer(sol, "q17_answer", "'x'"),
            f"stolen = []\n"
            f"for target in [{str(out / 'gradebook.csv')!r}, {str(out / 'results' / 'good1.json')!r},"
            f" {str(victim)!r}]:\n"
            "    try:\n        with open(target, 'w') as fh:\n            fh.write('hacked')\n"
            "        stolen.append('wrote ' + target)\n    except OSError:\n        pass\n"
            "    try:\n        stolen.append(open(target).read()[:40])\n    except OSError:\n        pass\n"
            "q17_answer = ' '.join(stolen) or 'nothing could be read or written here at all'"),
        "network": after_setup(
            replace_answer(sol, "q9_answer", "'placeholder'"),
            "import socket\nreached = False\ntry:\n"
            "    socket.create_connection(('pypi.org', 443), timeout=3).close()\n    reached = True\n"
            "except OSError:\n    pass\n"
            "q9_answer_net = reached"),
        "not_json": b"this is not a notebook \x00\xff",
        "zero_bytes": b"",
        "empty_notebook": {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
        "other_exercise": json.loads((repo_root() / "exercises" / "00_start_here.ipynb").read_text()),
        "huge_output": insert_after(sol, "q2_answer",
                                     "print('x' * 50_000_000)\nfor i in range(200_000):\n    print(i)"),
        "wrong_types": replace_answer(replace_answer(replace_answer(replace_answer(replace_answer(
            sol, "q1_answer", "'0.05'"), "q2_answer", "float('nan')"), "q6_answer", "float('inf')"),
            "q3_answer", "object()"), "q7_answer", "{1, 2}"),
        "id_reassigned": after_setup(sol, "student_id = 'someone-else'\n"
                                           "ex = exercises.start('04_metrics', 'someone-else')"),
        "fd_garbage": insert_after(sol, "q16_answer", "import os\nos.write(3, b'\\xff' * 64)"),
        "kill_worker": insert_after(sol, "q5_answer",
                                     "import os, signal\ntry:\n    os.kill(os.getppid(), signal.SIGKILL)\n"
                                     "except OSError:\n    pass"),
        "evil_function": replace_answer(
            sol, "q9_answer", "q9_answer"),  # replaced below
        "function_loops": sol,  # replaced below
        "magics": after_setup(sol, "%matplotlib inline\n!ls /\nx = 1"),
        "disk_fill": insert_after(sol, "q5_answer",
                                   "for i in range(8):\n    with open(f'f{i}.bin', 'wb') as fh:\n"
                                   "        fh.write(b'0' * (60 * 2**20))"),
    }
    # q8's function answer tries to patch the checker through a default argument.
    evil = json.loads(json.dumps(sol))
    i = _index_of(evil, "cpl_status")
    evil["cells"][i]["source"] = (
        "def cpl_status(spend, leads, target,\n"
        "               _=__import__('smmlib.engine.questions').engine.questions.__dict__.update(\n"
        "                   diagnose=lambda *a, **k: None)):\n    return 'wrong'\nex.q8.check(cpl_status)")
    cases["evil_function"] = evil
    loops = json.loads(json.dumps(sol))
    i = _index_of(loops, "cpl_status")
    loops["cells"][i]["source"] = "def cpl_status(spend, leads, target):\n    while True:\n        pass"
    cases["function_loops"] = loops
    return cases


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
