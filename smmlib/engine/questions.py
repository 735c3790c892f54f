"""Question types, declared as data.

A chapter's exercises are a :class:`Bank` of questions. Each question is a
declaration — what the answer is, how to compare it, what hints to give — and
:meth:`Question.grade` turns an answer into a :class:`~smmlib.engine.checking.Result`.
The same ``grade`` serves the student's ``check()`` and the grader.

Question types:

- :class:`Value` — a number, text, list, dict, pandas Series or DataFrame,
  compared with tolerance and diagnostics (:func:`smmlib.engine.checking.diagnose`);
- :class:`Function` — the student writes a function; it is run on several
  :class:`Case` s (edge cases included) and compared with a reference;
- :class:`Choice` — multiple choice, one or several correct options;
- :class:`Classify` — put items into groups (a dict item -> group);
- :class:`Order` — put steps in order (a list of step letters);
- :class:`Thought` — a free answer with a model answer and no automatic grade.

Expected values may be constants or functions of a :class:`Context`, which
carries the student ID and the datasets of that student: answers on personal
data are recomputed from the same seed as the student's data.

The answer ``...`` (Ellipsis, the placeholder of the exercise notebooks) means
*not attempted*.
"""

from __future__ import annotations

import contextlib
import copy
import math
import re
import signal
import textwrap
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from .checking import ATOL, RTOL, Outcome, Result, describe, diagnose, normalise_text

__all__ = [
    "Bank",
    "Case",
    "Choice",
    "Classify",
    "Context",
    "Credit",
    "Function",
    "Misconception",
    "Order",
    "Overlap",
    "Question",
    "Thought",
    "Value",
    "function_from_source",
]

#: Names available to a function answer that the grader rebuilds from its source.
FUNCTION_NAMESPACE: dict[str, Any] = {"math": math, "np": np, "pd": pd}

Loader = Callable[["Context"], pd.DataFrame]


class Context:
    """What an expected answer may depend on: the exercise, the student ID and
    that student's datasets (loaded once, handed out as copies).

    A context notices whether a computation read anything of the student: the
    ID (directly, or through :attr:`seed`) or a dataset whose loader did.
    :meth:`shared` uses that to compute an answer that depends on none of it
    (one on the shared real dataset, a function's reference output on a fixed
    case) once per process instead of once per student."""

    def __init__(self, exercise: str, student_id: str, loaders: Mapping[str, Loader]):
        self.exercise = exercise
        self._student_id = student_id
        self._loaders = dict(loaders)
        self._scope = loaders  # what :meth:`shared` kept holds for contexts of these very loaders only
        self._cache: dict[str, pd.DataFrame] = {}
        self._personal: set[str] = set()  # datasets whose loader read the student
        self._reads = 0  # how often the student was read, directly or through those datasets

    @property
    def student_id(self) -> str:
        """The student's ID."""
        self._reads += 1
        return self._student_id

    @property
    def seed(self) -> int:
        """The student's personal seed (:func:`smmlib.generate.student_seed`)."""
        from ..generate import student_seed

        return student_seed(self.student_id)

    def data(self, name: str) -> pd.DataFrame:
        """A fresh copy of dataset ``name`` for this student."""
        if name not in self._loaders:
            raise KeyError(f"exercise {self.exercise!r} has no dataset {name!r}; "
                           f"available: {', '.join(self._loaders) or 'none'}")
        if name not in self._cache:
            before = self._reads
            self._cache[name] = self._loaders[name](self)
            if self._reads != before:
                self._personal.add(name)
        elif name in self._personal:
            self._reads += 1
        return self._cache[name].copy(deep=True)

    def shared(self, memo: dict[Any, Any], key: Any, compute: Callable[[Context], Any]) -> Any:
        """``compute(self)``; kept in ``memo`` under ``key`` when it read
        nothing of the student, and then handed out (as a copy) to every later
        student whose context has the same dataset loaders (a bank's contexts
        all do) instead of being computed again. ``compute`` must depend on the
        context only, as every expected answer does."""
        kept = memo.get(key)
        if kept is not None and kept[0] is self._scope:
            return copy.deepcopy(kept[1])
        before = self._reads
        value = compute(self)
        if self._reads == before:
            memo[key] = (self._scope, copy.deepcopy(value))
        return value


def _resolve(value: Any, ctx: Context) -> Any:
    return value(ctx) if callable(value) else value


def _none_message(name: str) -> str:
    return (f"Your answer is None, so `{name}` holds no value. Common causes: a function "
            "without `return`, `print(...)` (which shows a value but returns None), or an "
            "in-place method such as `df.sort_values(..., inplace=True)`.")


@dataclass(frozen=True)
class Credit:
    """Partial credit of a many-part answer: ``fraction`` (0 to 1) of the
    question's points, and ``text`` saying how it was counted (``"17/20 items"``)."""

    fraction: float
    text: str

    @classmethod
    def count(cls, right: int, total: int, unit: str) -> Credit:
        """``right`` of ``total`` parts: ``Credit.count(17, 20, "items")`` is 0.85, "17/20 items"."""
        return cls(right / total if total else 1.0, f"{right}/{total} {unit}")


@dataclass(kw_only=True)
class Question:
    """Common part of every question: key (``"q3"``), title, hints and points.

    ``answer_name`` is the notebook variable that holds the answer (default
    ``"<key>_answer"``); the grader reads it. ``solution`` is a fallback text
    for when the solution notebook is not available. ``on_correct`` is added
    to the "correct" message (say why it matters).

    A question is framed as work (issue 15): ``heading`` is a short title that
    says what it asks ("Which format to drop"), ``brief`` one or two lines of a
    realistic situation ("The shop's owner asks ..."), and ``title`` the task
    itself. ``decision`` marks a question that asks for a decision built on a
    computed result; its feedback explains the trade-off.

    The bank is the one source of the question's text: :meth:`cell_markdown`
    is the question's Markdown cell in the solution and exercise notebooks
    (``smm generate`` writes it; a test fails when a notebook differs).

    Hints come in tiers (the idea, the method in words, then code). A hint
    does not hand over a call of a chapter module (``platforms.best_format(``)
    unless ``hint_calls`` declares it, as ``{"module.func": "why this call is
    a tool here, not the question's point"}``.
    """

    key: str
    title: str
    hints: Sequence[str] = ()
    points: float = 1.0
    answer_name: str = ""
    solution: str = ""
    on_correct: str = ""
    heading: str = ""
    brief: str = ""
    decision: bool = False
    hint_calls: Mapping[str, str] = field(default_factory=dict)
    #: Answers that depend on no student, computed once (see :meth:`Context.shared`).
    _shared: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    kind: ClassVar[str] = "question"
    graded: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if not self.key.isidentifier() or self.key.startswith("_"):
            raise ValueError(f"question key {self.key!r} must be a Python name such as 'q3'")
        self.answer_name = self.answer_name or f"{self.key}_answer"
        self.hints = tuple(self.hints)
        self.hint_calls = MappingProxyType(dict(self.hint_calls))

    # --- to be provided by each type -------------------------------------------------
    def _judge(self, answer: Any, ctx: Context) -> tuple[Outcome, str] | tuple[Outcome, str, Credit]:
        """Outcome and message; questions of many parts add a :class:`Credit`."""
        raise NotImplementedError

    def answer_markdown(self, ctx: Context | None = None) -> str:
        """What the answer looks like, as Markdown: the options, steps or items of
        choice-like types and how to write the answer; empty for a plain value."""
        return ""

    @property
    def label(self) -> str:
        """The question's name in feedback and lists: its heading (its task when it has none)."""
        return self.heading or self.title

    def prompt_markdown(self, ctx: Context | None = None) -> str:
        """The question as Markdown: the brief (in italics), the task, and the
        options for choice-like types (what ``ex.qN.show()`` shows)."""
        parts = [f"*{self.brief}*"] if self.brief else []
        parts.append(f"**{self.key}.** {self.title}")
        answer = self.answer_markdown(ctx)
        return "\n\n".join(parts + [answer] if answer else parts)

    def stuck_markdown(self) -> str:
        """The "Stuck?" line: one call per hint tier, then the solution.

        >>> print(Value(key="q2", title="t", expected=1, hints=("a", "b", "c")).stuck_markdown())
        Stuck? `ex.q2.hint()`, then `ex.q2.hint(2)`, `ex.q2.hint(3)`; after trying, `ex.q2.solution()`.
        """
        calls = [f"`ex.{self.key}.hint()`"] + [f"`ex.{self.key}.hint({n})`" for n in range(2, len(self.hints) + 1)]
        solution = f"`ex.{self.key}.solution()`"
        if not self.hints:
            return f"Stuck? Re-read the chapter's section; after trying, {solution}."
        hints = calls[0] + (", then " + ", ".join(calls[1:]) if len(calls) > 1 else "")
        return f"Stuck? {hints}; after trying, {solution}."

    def cell_markdown(self) -> str:
        """The question's Markdown cell in the notebooks, generated from the bank:
        ``### qN · heading``, the brief in italics, the task (``title``), the
        options of choice-like types, and the "Stuck?" line with one call per hint tier.

        >>> print(Value(key="q1", title="Give the rate.", expected=1, heading="Rate of the week",
        ...             brief="The owner asks.", hints=("idea", "method")).cell_markdown())
        ### q1 · Rate of the week
        <BLANKLINE>
        *The owner asks.*
        <BLANKLINE>
        Give the rate.
        <BLANKLINE>
        Stuck? `ex.q1.hint()`, then `ex.q1.hint(2)`; after trying, `ex.q1.solution()`.
        """
        heading = self.heading or f"{self.kind.capitalize()} question"
        parts = [f"### {self.key} · {heading}"]
        if self.brief:
            parts.append(f"*{self.brief}*")
        parts.append(self.title)
        answer = self.answer_markdown()
        if answer:
            parts.append(answer)
        parts.append(self.stuck_markdown())
        return "\n\n".join(parts)

    # --- shared ----------------------------------------------------------------------
    def grade(self, answer: Any, ctx: Context) -> Result:
        """Check ``answer``: always returns a Result, never raises for a bad answer."""
        credit: Credit | None = None
        if answer is Ellipsis:
            outcome, message = Outcome.NOT_ATTEMPTED, (
                f"Replace the `...` in `{self.answer_name} = ...` with your answer, then run the cell again.")
        elif answer is None and self.kind != "function":
            outcome, message = Outcome.INCORRECT, _none_message(self.answer_name)
        else:
            try:
                outcome, message, *rest = self._judge(answer, ctx)
                credit = rest[0] if rest else None
            except Exception as exc:  # noqa: BLE001 - an odd answer must not crash the check
                outcome, message = Outcome.INCORRECT, (
                    f"Your answer ({describe(answer)}) could not be checked: "
                    f"{type(exc).__name__}: {exc}. Check that it has the type the question asks for.")
        if outcome is Outcome.CORRECT and self.on_correct:
            message = f"{message} {self.on_correct}".strip()
        max_points = self.points if self.graded else 0.0
        points = max_points if outcome is Outcome.CORRECT else 0.0
        parts = ""
        if credit is not None and self.graded and outcome is not Outcome.NOT_ATTEMPTED:
            parts = credit.text
            if outcome is Outcome.INCORRECT:
                points = round(max_points * credit.fraction, 4)
        return Result(self.key, outcome, message, points, max_points, self.graded, self.label, parts)


_CORRECT = "Well done."
_UNSET_EXPECTED: Any = object()


@dataclass(frozen=True)
class Misconception:
    """A likely wrong computation and what to say when an answer matches it.

    ``wrong(ctx)`` computes the wrong value from the student's context (the
    same data the expected answer uses); ``message`` names the mistake and
    the fix; ``key`` is a short name (``"averaged rates"``) for tests and
    authors. A :class:`Value` compares a wrong answer with each of its
    misconceptions, with the question's own comparison and tolerance, before
    the generic diagnosis.
    """

    key: str
    wrong: Callable[[Context], Any]
    message: str


@dataclass(kw_only=True)
class Value(Question):
    """An answer compared with an expected value (constant or ``f(ctx)``).

    ``compare(actual, expected)`` may replace the default comparison; it
    returns ``None`` when they match, else a message. ``misconceptions`` are
    the likely wrong computations (:class:`Misconception`): a wrong answer
    that matches one gets its message instead of the generic diagnosis.
    """

    expected: Any
    rtol: float = RTOL
    atol: float = ATOL
    ordered: bool = True
    compare: Callable[[Any, Any], str | None] | None = None
    misconceptions: Sequence[Misconception] = ()

    kind: ClassVar[str] = "value"

    def __post_init__(self) -> None:
        super().__post_init__()
        self.misconceptions = tuple(self.misconceptions)
        keys = [m.key for m in self.misconceptions]
        repeats = sorted({k for k in keys if keys.count(k) > 1})
        if repeats:
            raise ValueError(f"{self.key}: repeated misconception key(s) {repeats}")

    def expected_value(self, ctx: Context) -> Any:
        """The expected answer for this context."""
        if not callable(self.expected):
            return self.expected
        return ctx.shared(self._shared, "expected", self.expected)

    def wrong_value(self, misconception: Misconception, ctx: Context) -> Any:
        """The wrong value ``misconception`` gives for this context."""
        return ctx.shared(self._shared, ("wrong", misconception.key), misconception.wrong)

    def _differs(self, answer: Any, expected: Any) -> str | None:
        if self.compare is not None:
            return self.compare(answer, expected)
        return diagnose(answer, expected, rtol=self.rtol, atol=self.atol, ordered=self.ordered)

    def matching(self, answer: Any, ctx: Context, expected: Any = _UNSET_EXPECTED) -> list[Misconception]:
        """The declared misconceptions ``answer`` matches (usually none or one).

        A misconception whose wrong value equals the expected answer (for this
        student) is skipped: it cannot be told apart from a right answer. A
        misconception that cannot be computed is skipped too: it must never
        break a check.
        """
        if expected is _UNSET_EXPECTED:
            expected = self.expected_value(ctx)
        found = []
        for m in self.misconceptions:
            try:
                wrong = self.wrong_value(m, ctx)
                if self._differs(wrong, expected) is not None and self._differs(answer, wrong) is None:
                    found.append(m)
            except Exception:  # noqa: BLE001 - a misconception must not break a check
                continue
        return found

    def _judge(self, answer: Any, ctx: Context) -> tuple[Outcome, str]:
        expected = self.expected_value(ctx)
        problem = self._differs(answer, expected)
        if problem is None:
            return Outcome.CORRECT, _CORRECT
        found = self.matching(answer, ctx, expected) if self.misconceptions else []
        if len(found) == 1:
            return Outcome.INCORRECT, found[0].message
        if found:  # two mistakes that give the same value for this student's data
            return Outcome.INCORRECT, ("Your answer fits more than one common mistake. "
                                       + " Or: ".join(m.message for m in found))
        return Outcome.INCORRECT, problem


_UNSET: Any = object()


@dataclass(frozen=True)
class Case:
    """One call of a student's function: arguments, a label naming the case
    (e.g. ``"zero reach"``) and, optionally, the expected result (default:
    what the reference function returns)."""

    args: tuple = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    label: str = ""
    expected: Any = _UNSET

    def call_text(self, name: str) -> str:
        """How the call reads, e.g. ``rate(5, 0)``."""
        parts = [_short(a) for a in self.args] + [f"{k}={_short(v)}" for k, v in self.kwargs.items()]
        return f"{name}({', '.join(parts)})"


def _short(value: Any) -> str:
    if isinstance(value, pd.DataFrame):
        return f"<DataFrame, {len(value)} rows>"
    if isinstance(value, pd.Series):
        return f"<Series, {len(value)} values>"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


#: How long one case of a student's function may run before it counts as stuck.
CASE_TIME_LIMIT = 5.0


class CaseTimeout(Exception):
    """A student's function ran longer than :data:`CASE_TIME_LIMIT` on one case."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise :class:`CaseTimeout` in the block after ``seconds`` of wall time.

    Uses a POSIX interval timer, so it works where notebook code runs (the
    kernel's main thread); elsewhere (Windows, other threads) it does nothing
    and the grader's process-level timeout is the safety net.

    >>> import time
    >>> with time_limit(1):
    ...     time.sleep(0.01)
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _raise(signum, frame):
        raise CaseTimeout

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def function_from_source(source: str, name: str) -> Callable:
    """Rebuild a function from its source code (how the grader runs a function
    answer in its own process). The code runs in a fresh namespace that has
    ``math``, ``np`` and ``pd``; it must define ``name``.

    >>> f = function_from_source("def double(x):\\n    return 2 * x\\n", "double")
    >>> f(21)
    42
    """
    namespace = dict(FUNCTION_NAMESPACE)
    exec(compile(textwrap.dedent(source), f"<answer {name}>", "exec"), namespace)  # noqa: S102
    if not callable(namespace.get(name)):
        raise ValueError(f"the code does not define a function named {name!r}")
    return namespace[name]


@dataclass(kw_only=True)
class Function(Question):
    """The student writes a function; it runs on every :class:`Case`, and each
    result is compared with ``reference``'s.

    ``cases`` is a list whose items are :class:`Case` s or functions of the
    context that build one from the student's data, or a function of the
    context that returns the whole list (:meth:`case_list`). The reference's
    output on a fixed case is computed once per process.

    The answer is the function itself (or, for the grader, its source code).
    A function that raises ``NotImplementedError`` (the exercise stub) or
    returns ``...`` counts as *not attempted*.
    """

    reference: Callable
    cases: Sequence[Case | Callable[[Context], Case]] | Callable[[Context], Sequence[Case]]
    rtol: float = RTOL
    atol: float = ATOL
    ordered: bool = True

    kind: ClassVar[str] = "function"

    def __post_init__(self) -> None:
        super().__post_init__()
        if not callable(self.cases):
            self.cases = tuple(self.cases)

    def case_list(self, ctx: Context) -> list[Case]:
        """The cases to run for the student of ``ctx``."""
        items = self.cases(ctx) if callable(self.cases) else self.cases
        return [item if isinstance(item, Case) else item(ctx) for item in items]

    def _reference_output(self, number: int, case: Case, ctx: Context) -> Any:
        if case.expected is not _UNSET:
            return case.expected

        def run(_ctx: Context) -> Any:
            return self.reference(*copy.deepcopy(case.args), **copy.deepcopy(dict(case.kwargs)))

        fixed = not callable(self.cases) and number <= len(self.cases) and self.cases[number - 1] is case
        return ctx.shared(self._shared, ("case", number), run) if fixed else run(ctx)

    def answer_markdown(self, ctx: Context | None = None) -> str:
        return ("Write the function, then run the cell: the check calls it on several cases, "
                "including edge cases.")

    def _judge(self, answer: Any, ctx: Context) -> tuple[Outcome, str]:
        name = self.answer_name
        if isinstance(answer, str) and "def " in answer:
            try:
                answer = function_from_source(answer, name)
            except Exception as exc:  # noqa: BLE001
                return Outcome.INCORRECT, f"Your code for `{name}` could not run: {type(exc).__name__}: {exc}."
        if answer is None:
            return Outcome.INCORRECT, (f"Expected the function `{name}` itself, but got None. "
                                       f"Pass the function without calling it: `check({name})`.")
        if not callable(answer):
            return Outcome.INCORRECT, (
                f"Expected a function, but you gave {describe(answer)}. Pass the function itself, "
                f"without brackets: `check({name})`, not `check({name}(...))`.")
        cases = self.case_list(ctx)
        for number, case in enumerate(cases, start=1):
            label = case.label or f"case {number}"
            call = case.call_text(name)
            try:
                with time_limit(CASE_TIME_LIMIT):
                    got = answer(*copy.deepcopy(case.args), **copy.deepcopy(dict(case.kwargs)))
            except CaseTimeout:
                return Outcome.INCORRECT, (
                    f"For the {label} — `{call}` — your function did not finish within "
                    f"{CASE_TIME_LIMIT:g} seconds. Look for a loop that never ends (a `while` whose "
                    "condition never becomes false), then run the cell again.")
            except NotImplementedError:
                return Outcome.NOT_ATTEMPTED, (f"`{name}` still raises NotImplementedError: replace "
                                               "the stub body with your code, then run the cell again.")
            except Exception as exc:  # noqa: BLE001 - the student's code
                return Outcome.INCORRECT, (f"For the {label} — `{call}` — your function raised "
                                           f"{type(exc).__name__}: {exc}.")
            if got is Ellipsis:
                return Outcome.NOT_ATTEMPTED, f"`{name}` returns `...`: write its body, then run the cell again."
            expected = self._reference_output(number, case, ctx)
            if got is None and expected is not None:
                return Outcome.INCORRECT, (f"For the {label} — `{call}` — your function returned None: "
                                           "did you forget `return`?")
            problem = diagnose(got, expected, rtol=self.rtol, atol=self.atol, ordered=self.ordered)
            if problem:
                return Outcome.INCORRECT, f"For the {label} — `{call}`: {problem}"
        return Outcome.CORRECT, f"{_CORRECT} Your function passed all {len(cases)} cases."


def _letters(answer: Any) -> list[str] | None:
    if isinstance(answer, str):
        parts = [p for p in re.split(r"[\s,;]+", answer.strip()) if p]
        return [p.strip(").").casefold() for p in parts]
    if isinstance(answer, (list, tuple, set, frozenset)) and all(isinstance(a, str) for a in answer):
        return [a.strip().strip(").").casefold() for a in answer]
    return None


def _option_list(options: Mapping[str, str]) -> str:
    return "\n".join(f"- **{k})** {v}" for k, v in options.items())


@dataclass(kw_only=True)
class Choice(Question):
    """Multiple choice. ``options`` maps letters to texts; ``correct`` is one
    letter or a collection of letters; ``explanations`` (per letter) are shown
    when that option is chosen wrongly. The answer is a letter (``"b"``) or,
    when several are correct, a list of letters (``["a", "c"]``)."""

    options: Mapping[str, str]
    correct: str | Collection[str]
    explanations: Mapping[str, str] = field(default_factory=dict)

    kind: ClassVar[str] = "choice"

    def __post_init__(self) -> None:
        super().__post_init__()
        self.options = {k.casefold(): v for k, v in self.options.items()}
        correct = [self.correct] if isinstance(self.correct, str) else list(self.correct)
        self.correct = frozenset(c.casefold() for c in correct)
        self.explanations = {k.casefold(): v for k, v in self.explanations.items()}
        unknown = set(self.correct) - set(self.options)
        if not self.correct or unknown:
            raise ValueError(f"{self.key}: correct options {sorted(unknown) or '(none)'} are not among "
                             f"the options {sorted(self.options)}")

    @property
    def multiple(self) -> bool:
        """True when more than one option is correct."""
        return len(self.correct) > 1

    def answer_markdown(self, ctx: Context | None = None) -> str:
        how = ("Choose **all** that apply: a list of letters, e.g. `['a', 'c']`." if self.multiple
               else "Choose **one**: a letter, e.g. `'b'`.")
        return f"{_option_list(self.options)}\n\n{how}"

    def _judge(self, answer: Any, ctx: Context) -> tuple[Outcome, str]:
        letters = _letters(answer)
        choices = ", ".join(self.options)
        if letters is None:
            return Outcome.INCORRECT, (f"Answer with option letters ({choices}) as text, "
                                       f"not {describe(answer)}.")
        unknown = [x for x in letters if x not in self.options]
        if unknown:
            return Outcome.INCORRECT, f"{unknown[0]!r} is not one of the options; choose from {choices}."
        chosen = set(letters)
        if not chosen:
            return Outcome.INCORRECT, f"You chose nothing; choose from {choices}."
        if not self.multiple and len(chosen) > 1:
            return Outcome.INCORRECT, "Choose exactly one option (a single letter)."
        if chosen == self.correct:
            return Outcome.CORRECT, _CORRECT
        wrong = sorted(chosen - self.correct)
        notes = " ".join(f"({w}) {self.explanations[w]}" for w in wrong if w in self.explanations)
        if self.multiple:
            found = len(chosen & self.correct)
            summary = f"You found {found} of the {len(self.correct)} correct options"
            summary += f" and chose {len(wrong)} that is not right." if wrong else "; some are missing."
            return Outcome.INCORRECT, f"{summary} {notes}".strip()
        return Outcome.INCORRECT, f"Not this one. {notes}".strip()


def _accepted(group: str | Collection[str]) -> tuple[str, ...]:
    """The groups accepted for one item, normalised; the first is the model answer."""
    groups = [group] if isinstance(group, str) else list(group)
    return tuple(normalise_text(g) for g in groups)


@dataclass(kw_only=True)
class Classify(Question):
    """Put items into groups. ``expected`` maps item -> group (or is
    ``f(ctx)``); where the source allows two groups for an item, give both,
    ``item: ("dialogue", "marketing")`` (the first is the model answer): either
    is right. The answer is a dict item -> group; a dict group -> list of
    items is accepted too. Points are in proportion to the items right."""

    groups: Sequence[str]
    expected: Mapping[str, str | Collection[str]] | Callable[[Context], Mapping[str, str | Collection[str]]]

    kind: ClassVar[str] = "classify"

    def answer_markdown(self, ctx: Context | None = None) -> str:
        groups = f"Groups: {', '.join(f'`{g}`' for g in self.groups)}"
        how = "Answer with a dict item → group, e.g. `{'item': 'group'}`."
        if callable(self.expected) and ctx is None:  # personal items: shown by ex.qN.show()
            return f"{groups}\n\nRun `ex.{self.key}.show()` to see your items. {how}"
        listing = "\n".join(f"- {i}" for i in _resolve(self.expected, ctx))
        return f"{groups}\n\n{listing}\n\n{how}"

    def _judge(self, answer: Any, ctx: Context) -> tuple[Outcome, str] | tuple[Outcome, str, Credit]:
        expected = {normalise_text(k): _accepted(v) for k, v in _resolve(self.expected, ctx).items()}
        groups = {normalise_text(g) for g in self.groups}
        if not isinstance(answer, Mapping):
            return Outcome.INCORRECT, f"Answer with a dict item → group, not {describe(answer)}."
        given: dict[str, str] = {}
        for key, value in answer.items():
            if isinstance(value, (list, tuple, set)) and normalise_text(key) in groups:
                given.update({normalise_text(v): normalise_text(key) for v in value})
            elif isinstance(key, str) and isinstance(value, str):
                given[normalise_text(key)] = normalise_text(value)
            else:
                return Outcome.INCORRECT, f"Use text for items and groups; {key!r}: {value!r} is not."
        right = [i for i in expected if given.get(i) in expected[i]]
        credit = Credit.count(len(right), len(expected), "items")
        bad_groups = sorted({g for g in given.values() if g not in groups})
        if bad_groups:
            return Outcome.INCORRECT, (f"{bad_groups[0]!r} is not one of the groups "
                                       f"({', '.join(self.groups)})."), credit
        missing = [i for i in expected if i not in given]
        extra = [i for i in given if i not in expected]
        if extra:
            return Outcome.INCORRECT, f"{extra[0]!r} is not one of the items to classify.", credit
        if missing:
            return Outcome.INCORRECT, f"{len(missing)} item(s) not classified yet, e.g. {missing[0]!r}.", credit
        wrong = [i for i in expected if i not in right]
        if wrong:
            return Outcome.INCORRECT, (f"{len(wrong)} of {len(expected)} items are in the wrong group, "
                                       f"e.g. {wrong[0]!r}."), credit
        return Outcome.CORRECT, _CORRECT, credit


@dataclass(kw_only=True)
class Order(Question):
    """Put steps in order. ``steps`` maps letters to step texts (shown in that
    order, which should be shuffled); ``expected`` is the list of letters in
    the right order. The answer is a list of letters."""

    steps: Mapping[str, str]
    expected: Sequence[str]

    kind: ClassVar[str] = "order"

    def __post_init__(self) -> None:
        super().__post_init__()
        self.steps = {k.casefold(): v for k, v in self.steps.items()}
        self.expected = [e.casefold() for e in self.expected]
        if sorted(self.expected) != sorted(self.steps):
            raise ValueError(f"{self.key}: expected order {self.expected} must use each step letter once")

    def answer_markdown(self, ctx: Context | None = None) -> str:
        return (f"{_option_list(self.steps)}\n\n"
                "Answer with the letters in order, e.g. `['c', 'a', 'b', ...]`.")

    def credit(self, letters: Sequence[str]) -> Credit:
        """Partial credit: the neighbouring pairs of the right order (b then d, d then f, ...)
        that the answer also has side by side. Moving one step costs at most three pairs;
        the reverse order earns nothing."""
        pairs = list(zip(self.expected, self.expected[1:], strict=False))
        if not pairs:
            return Credit.count(int(list(letters) == list(self.expected)), 1, "steps")
        given = set(zip(letters, letters[1:], strict=False))
        return Credit.count(sum(p in given for p in pairs), len(pairs), "neighbouring pairs in order")

    def _judge(self, answer: Any, ctx: Context) -> tuple[Outcome, str] | tuple[Outcome, str, Credit]:
        letters = _letters(answer) if not isinstance(answer, str) else None
        if letters is None:
            return Outcome.INCORRECT, (f"Answer with a list of step letters, e.g. ['c', 'a', ...], "
                                       f"not {describe(answer)}.")
        credit = self.credit(letters)
        unknown = [x for x in letters if x not in self.steps]
        if unknown:
            return (Outcome.INCORRECT, f"{unknown[0]!r} is not a step; the steps are {', '.join(self.steps)}.",
                    credit)
        missing = [x for x in self.steps if x not in letters]
        if missing:
            return Outcome.INCORRECT, f"Your order leaves out step(s) {', '.join(missing)}.", credit
        if len(letters) != len(self.expected):
            return Outcome.INCORRECT, "Use each step exactly once.", credit
        for position, (got, want) in enumerate(zip(letters, self.expected, strict=True), start=1):
            if got != want:
                where = "too early" if self.expected.index(got) > position - 1 else "too late"
                return Outcome.INCORRECT, (f"The first {position - 1} step(s) are in the right order; "
                                           f"step {got!r} at position {position} comes {where}."), credit
        return Outcome.CORRECT, _CORRECT, credit


def _item(value: Any) -> Any:
    """A set member from an answer item: numpy scalars become Python ones."""
    return value.item() if isinstance(value, np.generic) else value


def _overlap_items(answer: Any) -> list | None:
    """The chosen items of an Overlap answer, or None when the answer is not a collection.

    A boolean Series/array means "the items where True" (the Series' index, or positions)."""
    if isinstance(answer, pd.Series) and answer.dtype == bool:
        return list(answer.index[answer.to_numpy()])
    if isinstance(answer, np.ndarray) and answer.dtype == bool:
        return np.flatnonzero(answer).tolist()
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray)):
        return list(answer.tolist())
    if isinstance(answer, (list, tuple, set, frozenset)):
        return list(answer)
    return None


@dataclass(kw_only=True)
class Overlap(Question):
    """A set of items graded by its overlap with the expected set, not by exact match.

    precision = share of the answer's items that are expected; recall = share
    of the expected items the answer contains. The answer is correct when
    precision >= ``min_precision`` and recall >= ``min_recall``. Use it where
    a reasonable method may miss or add an item (anomaly days, flagged posts).

    ``expected`` is a collection or ``f(ctx)``; ``item_key`` (optional) maps
    every item, of the answer and of ``expected``, to a comparable form (e.g.
    ``lambda d: pd.Timestamp(d).normalize()`` for dates given as text or
    timestamps). The answer is a list/set/tuple, a Series/Index/array of items,
    or a boolean Series/array (True = chosen; the Series' index gives the items).
    Feedback gives the counts and both measures, never the missing items.
    """

    expected: Collection[Any] | Callable[[Context], Collection[Any]]
    min_precision: float = 0.8
    min_recall: float = 0.8
    item_key: Callable[[Any], Any] | None = None

    kind: ClassVar[str] = "overlap"

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in ("min_precision", "min_recall"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"{self.key}: {name} must be a fraction in [0, 1], got {value!r}")

    def answer_markdown(self, ctx: Context | None = None) -> str:
        return (f"Graded by overlap: at least {self.min_precision:g} of your items must be right "
                f"(precision), and you must find at least {self.min_recall:g} of the expected ones (recall).")

    def _keys(self, items: list) -> set:
        return {_item(self.item_key(i) if self.item_key is not None else i) for i in items}

    def _judge(self, answer: Any, ctx: Context) -> tuple[Outcome, str] | tuple[Outcome, str, Credit]:
        items = _overlap_items(answer)
        if items is None:
            return Outcome.INCORRECT, (f"Answer with a list of items (e.g. `[3, 17, 40]`) or a boolean Series "
                                       f"that is True on the chosen rows, not {describe(answer)}.")
        try:
            chosen = self._keys(items)
        except Exception as exc:  # noqa: BLE001 - an item of the wrong kind
            return Outcome.INCORRECT, (f"An item of your answer could not be read ({type(exc).__name__}: {exc}); "
                                       "check what kind of items the question asks for.")
        wanted = self._keys(list(_resolve(self.expected, ctx)))
        found = len(chosen & wanted)
        precision = found / len(chosen) if chosen else (1.0 if not wanted else 0.0)
        recall = found / len(wanted) if wanted else 1.0
        fraction = min(1.0, recall / self.min_recall if self.min_recall else 1.0) * \
            min(1.0, precision / self.min_precision if self.min_precision else 1.0)
        credit = Credit(fraction, f"recall {recall:.2f} of {self.min_recall:.2f} needed, "
                                  f"precision {precision:.2f} of {self.min_precision:.2f}")
        if not chosen and wanted:
            return Outcome.INCORRECT, "Your answer is empty, but there is something to find.", credit
        summary = (f"You chose {len(chosen)} item(s): {found} of the {len(wanted)} expected "
                   f"(recall {recall:.2f}) and {len(chosen) - found} other(s) (precision {precision:.2f}).")
        problems = []
        if precision < self.min_precision:
            problems.append(f"precision must be at least {self.min_precision:.2f}: too many false alarms")
        if recall < self.min_recall:
            problems.append(f"recall must be at least {self.min_recall:.2f}: too many items missed")
        if problems:
            return Outcome.INCORRECT, f"{summary} Not yet: {'; '.join(problems)}.", credit
        return Outcome.CORRECT, f"{_CORRECT} {summary}", credit


@dataclass(kw_only=True)
class Thought(Question):
    """A free-text answer with a model answer (in the solution notebook) and no
    automatic grade. Any answer of ``min_words`` words or more is recorded as
    *answered*; then the model answer is shown without asking.

    ``rubric`` (one line per criterion) and ``review_points`` are for the
    instructor's review: ``smm grade`` writes every answer into a review sheet,
    and ``smm review merge`` brings the points (0 to ``review_points``) back.
    """

    min_words: int = 5
    points: float = 0.0
    rubric: Sequence[str] = ()
    review_points: float = 2.0

    kind: ClassVar[str] = "thought"
    graded: ClassVar[bool] = False

    #: The rubric of a free-text question that declares none.
    DEFAULT_RUBRIC: ClassVar[tuple[str, ...]] = (
        "1 point: answers the question asked, with a reason, in the student's own words.",
        "1 point: uses the chapter's ideas or numbers correctly (compare with the model answer).",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        self.rubric = tuple(self.rubric) or self.DEFAULT_RUBRIC
        if not self.review_points > 0:
            raise ValueError(f"{self.key}: review_points must be positive, got {self.review_points!r}")

    def answer_markdown(self, ctx: Context | None = None) -> str:
        return ("Write your answer as text in quotes. There is no automatic grade: your teacher reads it "
                f"(learning alone? once you have answered, compare with the model answer, `ex.{self.key}.solution()`).")

    def _judge(self, answer: Any, ctx: Context) -> tuple[Outcome, str]:
        if not isinstance(answer, str):
            return Outcome.INCORRECT, (f"Write your answer as text in quotes, e.g. "
                                       f"`{self.answer_name} = \"...\"`, not {describe(answer)}.")
        words = len(answer.split())
        if words < self.min_words:
            return Outcome.INCORRECT, (f"Your answer has {words} word(s): write at least "
                                       f"{self.min_words} words, a sentence or two in your own words.")
        return Outcome.CORRECT, (f"Answer recorded. There is no automatic grade: compare with the "
                                 f"model answer, `ex.{self.key}.solution()`.")


@dataclass(frozen=True)
class Bank:
    """One exercise notebook's questions, datasets and (optional) knowledge-check quiz.

    ``name`` is the notebook's stem (``"04_metrics"``); ``datasets`` maps a
    name to ``loader(ctx)``; ``quiz`` is the chapter's :class:`smmlib.engine.quiz.Quiz`.
    A bank is complete when built: its fields cannot be reassigned, the
    questions are a tuple and the datasets a read-only mapping.
    """

    name: str
    title: str
    questions: Sequence[Question]
    datasets: Mapping[str, Loader] = field(default_factory=dict)
    quiz: Any = None
    listed: bool = True  # False for demo banks (not shown in the progress view)

    def __post_init__(self) -> None:
        object.__setattr__(self, "questions", tuple(self.questions))
        object.__setattr__(self, "datasets", MappingProxyType(dict(self.datasets)))
        keys = [q.key for q in self.questions]
        names = [q.answer_name for q in self.questions]
        for label, values in (("key", keys), ("answer name", names)):
            repeats = sorted({v for v in values if values.count(v) > 1})
            if repeats:
                raise ValueError(f"bank {self.name!r}: repeated question {label}(s) {repeats}")

    def question(self, key: str) -> Question:
        """The question with this key; a KeyError lists the valid keys."""
        for q in self.questions:
            if q.key == key:
                return q
        raise KeyError(f"{self.name} has no question {key!r}; questions: "
                       f"{', '.join(q.key for q in self.questions)}")

    def context(self, student_id: str) -> Context:
        """A fresh :class:`Context` for ``student_id``."""
        return Context(self.name, student_id, self.datasets)

    @property
    def max_points(self) -> float:
        """Total points of the graded questions."""
        return sum(q.points for q in self.questions if q.graded)
