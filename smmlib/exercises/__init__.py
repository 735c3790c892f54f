"""The exercise engine: question banks, the student's session and grading.

Student side (in an exercise notebook)::

    from smmlib import exercises
    ex = exercises.start("04_metrics", student_id)
    ex.q1.check(q1_answer)      # -> Result: correct / incorrect / not attempted
    ex.q1.hint(); ex.q1.hint(2); ex.q1.solution()

Grader side (a separate process per submission)::

    answers = exercises.collect_answers("04_metrics", namespace)   # in the executed notebook
    results = exercises.grade_answers("04_metrics", student_id, answers)  # in the grader

Both sides use the same :meth:`smmlib.questions.Question.grade`. One module
per exercise notebook declares its :class:`~smmlib.questions.Bank`;
:data:`BANKS` is the registry by notebook name. See ``docs/exercise-engine.md``.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Mapping
from typing import Any

from ..checking import Result
from ..questions import Bank
from . import (
    ex00_start_here,
    ex01_roles,
    ex02_strategy,
    ex03_platforms,
    ex04_metrics,
    ex05_pitfalls,
    ex06_community,
    ex07_paid,
    ex08_capstone,
)
from .session import DEFAULT_STUDENT_ID, BoundQuestion, Exercise, Note

__all__ = ["BANKS", "DEFAULT_STUDENT_ID", "BoundQuestion", "Exercise", "Note", "collect_answers",
           "demo", "get_bank", "grade_answers", "quiz", "start"]

#: Registry: notebook name -> question bank.
BANKS: dict[str, Bank] = {
    bank.name: bank for bank in (ex00_start_here.BANK, ex00_start_here.DEMO, ex01_roles.BANK,
                                 ex02_strategy.BANK, ex03_platforms.BANK, ex04_metrics.BANK,
                                 ex05_pitfalls.BANK, ex06_community.BANK, ex07_paid.BANK,
                                 ex08_capstone.BANK)
}


def get_bank(name: str) -> Bank:
    """The bank of exercise notebook ``name`` (e.g. ``"04_metrics"``)."""
    if isinstance(name, str) and name.removesuffix(".ipynb") in BANKS:
        return BANKS[name.removesuffix(".ipynb")]
    close = difflib.get_close_matches(str(name), list(BANKS), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise KeyError(f"no exercises named {name!r}.{hint} Known: {', '.join(BANKS)}")


def start(name: str, student_id: str = DEFAULT_STUDENT_ID, *, record: bool = True) -> Exercise:
    """Start exercise notebook ``name`` for ``student_id``; checks are recorded
    in your progress unless ``record=False``."""
    return Exercise(get_bank(name), student_id, record=record)


def demo(student_id: str = DEFAULT_STUDENT_ID) -> Exercise:
    """The tiny demo question of chapter 00 (not recorded in progress)."""
    return Exercise(get_bank("00_demo"), student_id, record=False)


def quiz(name: str):
    """The knowledge-check :class:`~smmlib.quiz.Quiz` of chapter ``name``."""
    bank = get_bank(name)
    if bank.quiz is None:
        raise KeyError(f"{name!r} has no knowledge-check quiz")
    return bank.quiz


def collect_answers(name: str, namespace: Mapping[str, Any]) -> dict[str, Any]:
    """Pick the answer variables of exercise ``name`` out of a notebook's
    namespace. Function answers become their source code (so that another
    process can rebuild and run them); when the source cannot be found the
    function object itself is kept."""
    answers: dict[str, Any] = {}
    for q in get_bank(name).questions:
        if q.answer_name not in namespace:
            continue
        value = namespace[q.answer_name]
        if q.kind == "function" and callable(value):
            try:
                value = inspect.getsource(value)
            except (OSError, TypeError):
                pass
        answers[q.answer_name] = value
    return answers


def grade_answers(name: str, student_id: str, answers: Mapping[str, Any]) -> list[Result]:
    """Grade a submission: ``answers`` maps answer variable names (``"q3_answer"``)
    to values (function answers: the function or its source). Expected values
    are recomputed for ``student_id``; a missing answer is *not attempted*.
    Uses the same checker as ``check()``; nothing is recorded."""
    bank = get_bank(name)
    ctx = bank.context(student_id)
    return [q.grade(answers.get(q.answer_name, Ellipsis), ctx) for q in bank.questions]
