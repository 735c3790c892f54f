"""The exercise engine: question banks, the student's session and grading.

Student side (in an exercise notebook)::

    from smmlib import exercises
    ex = exercises.start("04_metrics", student_id)
    ex.q1.check(q1_answer)      # -> Result: correct / incorrect / not attempted
    ex.q1.hint(); ex.q1.hint(2); ex.q1.solution()

Grader side (a separate process per submission)::

    answers = exercises.collect_answers("04_metrics", namespace)   # in the executed notebook
    results = exercises.grade_answers("04_metrics", student_id, answers)  # in the grader

Both sides use the same :meth:`smmlib.engine.questions.Question.grade`. One
module per exercise notebook declares its :class:`~smmlib.engine.questions.Bank`;
:data:`BANKS` is the registry by notebook name. The engine itself lives in
:mod:`smmlib.engine`; this package is its public face and the course's banks.

**Grading mode.** The grader's sandbox runs a submitted notebook inside
``with exercises.grading_mode(student_id):``. Inside it, :func:`start` uses
the forced student ID whatever the notebook typed, nothing is recorded, and
``ex.progress()`` returns a note instead of a chart. See ``docs/exercise-engine.md``.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import inspect
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from ..engine import progress as _progress
from ..engine.checking import Result
from ..engine.questions import Bank, Context
from ..engine.session import DEFAULT_STUDENT_ID, GRADING_NOTE, BoundQuestion, Exercise, Note

__all__ = ["BANKS", "DEFAULT_STUDENT_ID", "BoundQuestion", "Exercise", "Note", "collect_answers",
           "demo", "get_bank", "grade_answers", "grading_context", "grading_mode", "grading_student", "progress", "quiz",
           "start", "switch_on_grading"]

#: Where each bank is declared: notebook name -> (module of this package, its attribute).
#: ``tests/test_exercises_registry.py`` checks it against the modules.
BANK_MODULES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "00_start_here": ("ex00_start_here", "BANK"),
    "00_demo": ("ex00_start_here", "DEMO"),
    "01_roles": ("ex01_roles", "BANK"),
    "02_strategy": ("ex02_strategy", "BANK"),
    "03_platforms": ("ex03_platforms", "BANK"),
    "04_metrics": ("ex04_metrics", "BANK"),
    "05_pitfalls": ("ex05_pitfalls", "BANK"),
    "06_community": ("ex06_community", "BANK"),
    "07_paid": ("ex07_paid", "BANK"),
    "08_capstone": ("ex08_capstone", "BANK"),
    "10_short_video": ("ex10_short_video", "BANK"),
    "11_creators": ("ex11_creators", "BANK"),
    "12_measurement": ("ex12_measurement", "BANK"),
    "13_operations": ("ex13_operations", "BANK"),
    "14_commerce": ("ex14_commerce", "BANK"),
})


class _Banks(Mapping[str, Bank]):
    """The registry, notebook name -> bank, that imports a bank's module the
    first time the bank is asked for. A notebook's kernel and each grading
    process load the one bank they use, not all fifteen and their chapter
    modules (a tenth of a second each time); iterating over the values, as
    :func:`progress` does, loads them all."""

    def __init__(self, where: Mapping[str, tuple[str, str]]):
        self._where = where
        self._loaded: dict[str, Bank] = {}

    def __getitem__(self, name: str) -> Bank:
        if name not in self._loaded:
            module, attribute = self._where[name]
            bank = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
            if not isinstance(bank, Bank) or bank.name != name:
                raise RuntimeError(f"smmlib.exercises.{module}.{attribute} is not the bank {name!r}: "
                                   "correct BANK_MODULES in smmlib/exercises/__init__.py")
            self._loaded[name] = bank
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __repr__(self) -> str:
        return f"<exercise banks {', '.join(self._where)}; loaded: {', '.join(self._loaded) or 'none'}>"


#: Registry: notebook name -> question bank (each loaded on first use).
BANKS: Mapping[str, Bank] = _Banks(BANK_MODULES)


def get_bank(name: str) -> Bank:
    """The bank of exercise notebook ``name`` (e.g. ``"04_metrics"``)."""
    if isinstance(name, str) and name.removesuffix(".ipynb") in BANKS:
        return BANKS[name.removesuffix(".ipynb")]
    close = difflib.get_close_matches(str(name), list(BANKS), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise KeyError(f"no exercises named {name!r}.{hint} Known: {', '.join(BANKS)}")


_GRADING: list[str] = []  # the forced student ID while grading_mode() is on (a stack)


@contextlib.contextmanager
def grading_mode(student_id: str) -> Iterator[None]:
    """Grade inside this block: :func:`start` and :func:`demo` use
    ``student_id`` (the submission's folder) whatever the notebook passes,
    nothing is recorded, and ``ex.progress()`` returns a note."""
    switch_on_grading(student_id)
    try:
        yield
    finally:
        _GRADING.pop()
        _GRADING_CONTEXTS.clear()


def switch_on_grading(student_id: str) -> None:
    """Turn grading mode on for the rest of this process (the grader's
    sandbox: a child that runs one notebook and exits). Prefer
    :func:`grading_mode` elsewhere."""
    if not isinstance(student_id, str) or not student_id.strip():
        raise TypeError(f"grading mode needs the submission's student ID as non-empty text, not {student_id!r}")
    _GRADING.append(student_id.strip())


def grading_student() -> str | None:
    """The forced student ID when grading mode is on, else None."""
    return _GRADING[-1] if _GRADING else None


_GRADING_CONTEXTS: dict[tuple[str, str], Context] = {}


def grading_context(bank: Bank, student_id: str) -> Context:
    """While grading: the one :class:`~smmlib.engine.questions.Context` of
    ``student_id`` for ``bank`` in this process, shared by every :func:`start`
    of the notebook and by the grader's run of its function answers on their
    cases, so that the student's datasets are made once per submission (each
    use still gets its own copy of them)."""
    key = (bank.name, student_id)
    if key not in _GRADING_CONTEXTS:
        _GRADING_CONTEXTS[key] = bank.context(student_id)
    return _GRADING_CONTEXTS[key]


def _exercise(bank: Bank, student_id: str, record: bool) -> Exercise:
    forced = grading_student()
    if forced is not None:
        return Exercise(bank, forced, record=False, banks=BANKS, grading=True,
                        context=grading_context(bank, forced))
    return Exercise(bank, student_id, record=record, banks=BANKS)


def start(name: str, student_id: str = DEFAULT_STUDENT_ID, *, record: bool = True) -> Exercise:
    """Start exercise notebook ``name`` for ``student_id``; checks are recorded
    in your progress unless ``record=False`` (or grading mode is on)."""
    return _exercise(get_bank(name), student_id, record)


def demo(student_id: str = DEFAULT_STUDENT_ID) -> Exercise:
    """The tiny demo question of chapter 00 (not recorded in progress)."""
    return _exercise(get_bank("00_demo"), student_id, False)


def progress() -> _progress.ProgressView | Note:
    """Your progress in every exercise notebook, as a table and a bar chart
    (a note while grading)."""
    if grading_student() is not None:
        return GRADING_NOTE
    return _progress.show(BANKS)


def quiz(name: str):
    """The knowledge-check quiz of chapter ``name``, ready to display (a
    :class:`~smmlib.widgets.quiz.QuizView` of the bank's :class:`~smmlib.engine.quiz.Quiz`)."""
    from ..widgets.quiz import QuizView  # only when a quiz is shown: grading never needs ipywidgets

    bank = get_bank(name)
    if bank.quiz is None:
        raise KeyError(f"{name!r} has no knowledge-check quiz")
    return QuizView(bank.quiz)


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
