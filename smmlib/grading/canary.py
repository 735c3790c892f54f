"""The canary run: before any student's row is written, ``smm grade`` grades
the worked solution and the untouched exercise notebook for a canary ID,
through exactly the same path as a submission (sandbox, limits, export,
scoring). The solution must score full marks and the exercise zero; anything
else means the grading environment is broken, and no one is graded.

Why: a broken environment (a child that cannot read the course's files, a
package missing in the sandbox) does not crash a notebook, it only makes
cells fail, and every student would get a plausible but wrong score.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..engine.checking import Outcome, Result
from ..paths import repo_root
from .gradebook import atomic_write
from .submissions import ParsedNotebook, read_notebook_bytes
from .vocabulary import Status

__all__ = ["CANARY_ID", "CanaryReport", "canary_notebooks", "judge", "write_report"]

#: The student ID the canary notebooks are graded for (never a gradebook row).
CANARY_ID = "smm-canary"
#: Where the outcome is recorded, beside ``gradebook.csv``.
REPORT_NAME = "canary.json"

_PERMISSION = re.compile(r"PermissionError: \[Errno 13\] Permission denied: '([^']+)'")
_MISSING = re.compile(r"(?:ModuleNotFoundError|ImportError): (.*)")


@dataclass
class CanaryReport:
    """The canary's outcome: ``ok``, the scores, and what broke when not ok."""

    ok: bool
    exercise: str
    sandbox: str
    solution_score: float
    exercise_score: float
    max_points: float
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        """One line for the terminal."""
        scores = (f"worked solution {self.solution_score:g}/{self.max_points:g}, "
                  f"untouched exercise {self.exercise_score:g}/{self.max_points:g}")
        if self.ok:
            return f"canary: ok ({scores}; sandbox: {self.sandbox}; {self.seconds:.1f} s)"
        return f"canary: FAILED ({scores}; sandbox: {self.sandbox})"

    def message(self) -> str:
        """What broke and how to fix it (for the error shown when not ok)."""
        return ("the grading environment is broken, so no submission was graded and no gradebook "
                f"was written. {self.line()}. " + " ".join(self.problems))


def canary_notebooks(exercise: str) -> dict[str, tuple[Path, ParsedNotebook]]:
    """The two canary notebooks of ``exercise`` (``solution`` and ``exercise``), parsed."""
    found = {}
    for kind, folder in (("solution", "solutions"), ("exercise", "exercises")):
        path = repo_root() / folder / f"{exercise}.ipynb"
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FileNotFoundError(f"the canary run needs {path}, which cannot be read ({exc}); "
                                    "restore it with git (`git restore solutions/ exercises/`)") from exc
        found[kind] = (path, read_notebook_bytes(data, exercise))
    return found


def _advice(notes: list[str]) -> str:
    text = " ".join(notes)
    denied = _PERMISSION.search(text)
    if denied:
        return (f"The sandboxed child cannot read {denied.group(1)}: install bubblewrap "
                "(`apt-get install bubblewrap`), or move the course to a folder other users can "
                "read, or run `smm grade` as a normal user.")
    missing = _MISSING.search(text)
    if missing:
        return (f"A package is missing where the grader runs ({missing.group(1).strip()[:120]}): "
                "run `make setup` (or `pip install -e .`) in the course folder and grade with its "
                "`.venv/bin/smm`.")
    return "Run the worked solution notebook in JupyterLab to see whether it works on this machine."


def _first_failure(kind: str, status: str, results: list[Result], notes: list[str]) -> str:
    lost = [r for r in results if r.graded and r.outcome is not Outcome.CORRECT]
    parts = [f"The worked solution ({kind}) ended with status {status!r}"]
    if lost:
        parts.append(f"and lost points in {', '.join(r.question for r in lost[:6])}"
                     f"{' …' if len(lost) > 6 else ''}")
    detail = "; ".join(notes)[:600] or (lost[0].message[:300] if lost else "")
    return " ".join(parts) + (f": {detail}." if detail else ".") + " " + _advice(notes)


def judge(exercise: str, sandbox: str, max_points: float,
          books: dict[str, tuple[Path, ParsedNotebook]],
          outcomes: dict[str, tuple[str, list[Result], list[str]]], seconds: float) -> CanaryReport:
    """Judge the canary: ``outcomes`` maps ``"solution"``/``"exercise"`` to what
    the grader's own per-submission path gave for the notebooks in ``books``."""
    problems: list[str] = []
    scores: dict[str, float] = {}
    for kind, (path, parsed) in books.items():
        if parsed.status is not None or kind not in outcomes:
            problems.append(f"{path} is not a gradable notebook ({parsed.status}: {parsed.note}); "
                            "restore it with git.")
            scores[kind] = 0.0
            continue
        status, results, notes = outcomes[kind]
        score = sum(r.points for r in results)
        scores[kind] = score
        if kind == "solution" and (status != Status.GRADED or abs(score - max_points) > 1e-9):
            problems.append(_first_failure(kind, status, results, notes))
        if kind == "exercise" and (status != Status.GRADED or score != 0):
            earned = [r.question for r in results if r.points]
            problems.append(f"The untouched exercise notebook ended with status {status!r} and "
                            f"{score:g} points (in {', '.join(earned) or 'no question'}): it must score 0. "
                            "Regenerate it with `smm generate`; if that does not help, a check "
                            "accepts an unanswered question.")
    return CanaryReport(not problems, exercise, sandbox, scores.get("solution", 0.0),
                        scores.get("exercise", 0.0), max_points, problems, seconds)


def write_report(out: Path, report: CanaryReport) -> Path:
    """Record the canary's outcome as ``out/canary.json``."""
    path = out / REPORT_NAME
    atomic_write(path, json.dumps(asdict(report), indent=1) + "\n")
    return path


def read_report(out: Path) -> dict[str, Any] | None:
    """The recorded canary outcome of ``out``, or None."""
    try:
        return json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
