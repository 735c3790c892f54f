"""A learner's progress, recorded locally.

Every check is recorded in ``progress.json`` under
:func:`smmlib.paths.state_dir` (``$SMM_STATE_DIR`` when set): per exercise
notebook and question, the latest outcome, the number of attempts, hints seen
and whether the solution was revealed. :func:`show` draws, per chapter, the
questions correct / attempted / left.

Recording never breaks a check: the file is written atomically (temporary
file + rename); a missing file starts a fresh record; a corrupt one is set
aside (``progress.json.corrupt``) and recreated with a warning; an
``OSError`` (read-only folder, full disk) becomes a warning.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from ..paths import state_dir
from ..viz import LOOKS
from .checking import Outcome, Result

if TYPE_CHECKING:
    from .questions import Bank

__all__ = ["ProgressView", "ProgressWarning", "load", "progress_path", "record_check",
           "record_event", "show", "summary"]

VERSION = 1
FILENAME = "progress.json"


class ProgressWarning(UserWarning):
    """Progress could not be read or saved; the check itself still worked."""


def progress_path() -> Path:
    """Where the progress file lives: ``<state_dir>/progress.json``."""
    return state_dir() / FILENAME


def _empty() -> dict[str, Any]:
    return {"version": VERSION, "exercises": {}}


def load() -> dict[str, Any]:
    """Read the progress record; a missing file gives an empty record, a
    corrupt one is moved aside and replaced with a warning."""
    path = progress_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _empty()
    except OSError as exc:
        warnings.warn(f"could not read your progress file {path} ({exc}); starting a fresh record",
                      ProgressWarning, stacklevel=2)
        return _empty()
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("exercises"), dict):
            raise ValueError("not a progress record")
    except ValueError as exc:
        warnings.warn(f"your progress file {path} was damaged ({exc}); it was moved to "
                      f"{path.name}.corrupt and a fresh one was started", ProgressWarning, stacklevel=2)
        try:
            path.replace(path.with_name(path.name + ".corrupt"))
        except OSError:
            pass
        return _empty()
    return data


def _save(data: dict[str, Any]) -> bool:
    path = progress_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
        return True
    except OSError as exc:
        warnings.warn(f"could not save your progress to {path} ({exc}); your answer was still checked",
                      ProgressWarning, stacklevel=3)
        return False


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _question_record(data: dict[str, Any], exercise: str, question: str,
                     student_id: str | None) -> dict[str, Any]:
    entry = data["exercises"].setdefault(exercise, {"questions": {}})
    if student_id is not None:
        entry["student_id"] = student_id
    return entry.setdefault("questions", {}).setdefault(question, {
        "outcome": Outcome.NOT_ATTEMPTED.value, "attempts": 0, "hints_seen": 0,
        "solution_revealed": False})


def record_check(exercise: str, result: Result, student_id: str | None = None) -> bool:
    """Record one check; return False (with a warning) when it could not be saved."""
    try:
        data = load()
        rec = _question_record(data, exercise, result.question, student_id)
        if result.outcome is not Outcome.NOT_ATTEMPTED:
            rec["attempts"] = int(rec.get("attempts", 0)) + 1
        rec.update(outcome=result.status, points=result.points, max_points=result.max_points,
                   graded=result.graded, updated=_now())
        if result.status == Outcome.CORRECT.value and not rec.get("first_correct"):
            rec["first_correct"] = rec["updated"]
        return _save(data)
    except Exception as exc:  # noqa: BLE001 - progress must never break a check
        warnings.warn(f"progress not recorded: {exc}", ProgressWarning, stacklevel=2)
        return False


def record_event(exercise: str, question: str, *, hint: int | None = None,
                 solution_revealed: bool = False) -> bool:
    """Record that a hint (its number) was seen or that a solution was revealed."""
    try:
        data = load()
        rec = _question_record(data, exercise, question, None)
        if hint is not None:
            rec["hints_seen"] = max(int(rec.get("hints_seen", 0)), hint)
        if solution_revealed:
            rec["solution_revealed"] = True
        return _save(data)
    except Exception as exc:  # noqa: BLE001
        warnings.warn(f"progress not recorded: {exc}", ProgressWarning, stacklevel=2)
        return False


def question_record(exercise: str, question: str) -> dict[str, Any]:
    """The stored record of one question (empty dict if none)."""
    return dict(load()["exercises"].get(exercise, {}).get("questions", {}).get(question, {}))


def summary(banks: Mapping[str, Bank]) -> pd.DataFrame:
    """Per exercise notebook of ``banks`` (name -> bank): questions correct,
    answered (free text, no automatic grade), attempted (not yet correct),
    left, total.

    Every listed bank appears, even with no progress yet.
    """
    recorded = load()["exercises"]
    rows = []
    names = [b.name for b in banks.values() if b.listed]
    names += sorted(n for n in recorded if n not in names and n in banks)
    for name in names:
        bank = banks[name]
        questions = recorded.get(name, {}).get("questions", {})
        outcomes = [questions.get(q.key, {}).get("outcome", Outcome.NOT_ATTEMPTED.value)
                    for q in bank.questions]
        free_text = {q.key for q in bank.questions if not q.graded}
        # a free-text answer recorded as "correct" by an older version counts as answered
        outcomes = ["answered" if o == Outcome.CORRECT.value and q.key in free_text else o
                    for q, o in zip(bank.questions, outcomes, strict=True)]
        correct = outcomes.count(Outcome.CORRECT.value)
        answered = outcomes.count("answered")
        attempted = outcomes.count(Outcome.INCORRECT.value)
        rows.append({"exercise": name, "title": bank.title, "correct": correct, "answered": answered,
                     "attempted": attempted, "left": len(outcomes) - correct - answered - attempted,
                     "total": len(outcomes)})
    return pd.DataFrame(rows, columns=["exercise", "title", "correct", "answered", "attempted", "left", "total"])


def progress_figure(table: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars: correct / answered / attempted / left per exercise notebook."""

    fig = go.Figure()
    labels = [f"{r.exercise} · {r.title}" for r in table.itertuples()]
    correct, answered, incorrect, left = (LOOKS[o] for o in ("correct", "answered", "incorrect", "not attempted"))
    for column, name, colour in (("correct", f"{correct.symbol} correct", correct.colour),
                                 ("answered", f"{answered.symbol} answered (free text, read by a person)",
                                  answered.colour),
                                 ("attempted", f"{incorrect.symbol} attempted, not yet correct", incorrect.colour),
                                 ("left", f"{left.symbol} not attempted", "#BBBBBB")):
        fig.add_bar(y=labels, x=table[column], name=name, orientation="h", marker_color=colour)
    fig.update_layout(barmode="stack", title="Your progress: questions per exercise notebook",
                      xaxis_title="Number of questions", yaxis_title="Exercise notebook",
                      yaxis={"autorange": "reversed"}, legend_title_text="Status",
                      height=180 + 40 * max(len(table), 1))
    return fig


@dataclass
class ProgressView:
    """The progress table and its chart; shows both in a notebook."""

    table: pd.DataFrame
    figure: go.Figure

    def __repr__(self) -> str:
        return "Your progress\n" + self.table.to_string(index=False)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.table.set_index("exercise"))
        display(self.figure)


def show(banks: Mapping[str, Bank]) -> ProgressView:
    """Your progress in every exercise notebook of ``banks``, as a table and a bar chart."""
    table = summary(banks)
    return ProgressView(table, progress_figure(table))
