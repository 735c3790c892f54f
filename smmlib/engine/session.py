"""The student-facing side of an exercise notebook.

``ex = exercises.start("04_metrics", student_id)`` returns an :class:`Exercise`
whose questions are attributes: ``ex.q1.check(q1_answer)``, ``ex.q1.hint()``,
``ex.q1.hint(2)``, ``ex.q1.solution()``. ``ex.dataset("my_posts")`` hands out
the student's own data.

Solutions discourage looking before trying: before any attempt,
``solution()`` asks to try first and only ``solution(reveal=True)`` shows it
(the reveal is noted in the progress record). The worked solution is read from
the matching ``solutions/`` notebook, the single source of truth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import progress
from .checking import Outcome, Result
from .questions import Bank, Context, Question
from .regions import solution_text

DEFAULT_STUDENT_ID = "self-learner"


@dataclass(frozen=True)
class Note:
    """A hint, a solution or a notice: Markdown in a notebook, plain text elsewhere."""

    heading: str
    body: str

    def __repr__(self) -> str:
        return f"{self.heading}\n{self.body}"

    def _repr_markdown_(self) -> str:
        return f"**{self.heading}**\n\n{self.body}"


class BoundQuestion:
    """One question of a started exercise: ``check``, ``hint``, ``solution``, ``show``."""

    def __init__(self, exercise: Exercise, question: Question):
        self._exercise = exercise
        self.question = question
        self._attempted = False

    @property
    def key(self) -> str:
        """The question's key, e.g. ``"q3"``."""
        return self.question.key

    def __repr__(self) -> str:
        hints = len(self.question.hints)
        task = f"\n{self.question.title}" if self.question.heading else ""
        return (f"{self.key} · {self.question.label}{task}\n"
                f"Answer in `{self.question.answer_name}`, then `ex.{self.key}.check("
                f"{self.question.answer_name})`. Hints: {hints}. Solution: `ex.{self.key}.solution()`.")

    def show(self) -> Note:
        """The question as text (with its options, for choice questions)."""
        return Note(f"Question {self.key} · {self.question.label}",
                    self.question.prompt_markdown(self._exercise.context))

    def check(self, answer: Any) -> Result | Note:
        """Check ``answer``; record the outcome in your progress; return the Result.

        While grading, :data:`GRADING_CHECK_NOTE` instead: the grader judges
        the answers it exports from the notebook, with the same
        :meth:`~smmlib.engine.questions.Question.grade`, outside the student's
        process; judging here too would only cost time (and run a function
        answer on its cases twice)."""
        if self._exercise.grading:
            self._attempted = True
            return GRADING_CHECK_NOTE
        result = self.question.grade(answer, self._exercise.context)
        if result.outcome is not Outcome.NOT_ATTEMPTED:
            self._attempted = True
        if self._exercise.record:
            progress.record_check(self._exercise.name, result, self._exercise.student_id)
        return result

    def hint(self, n: int = 1) -> Note:
        """Hint number ``n`` (1 = a gentle nudge; higher numbers say more)."""
        hints = self.question.hints
        total = len(hints)
        if not hints:
            return Note(f"No hints for {self.key}", "This question has no hints; re-read the chapter section.")
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            return Note("Which hint?", f"Ask for hint 1 to {total}, e.g. `ex.{self.key}.hint(2)`.")
        if n > total:
            return Note(f"{self.key} has only {total} hint(s)",
                        f"Here is the last one:\n\n{hints[-1]}\n\nStill stuck? `ex.{self.key}.solution()`.")
        if self._exercise.record:
            progress.record_event(self._exercise.name, self.key, hint=n)
        more = f"\n\n*More help: `ex.{self.key}.hint({n + 1})`.*" if n < total else ""
        return Note(f"Hint {n} of {total} for {self.key} · {self.question.label}", hints[n - 1] + more)

    def _tried(self) -> bool:
        if self._attempted:
            return True
        if not self._exercise.record:
            return False
        rec = progress.question_record(self._exercise.name, self.key)
        return int(rec.get("attempts", 0)) > 0 or bool(rec.get("solution_revealed"))

    def solution(self, reveal: bool = False) -> Note:
        """The worked solution — after you have tried, or with ``reveal=True``."""
        if not self._tried() and not reveal:
            return Note(
                f"Try {self.key} first",
                "You learn most by trying, even if the attempt is wrong: write an answer and run "
                f"`ex.{self.key}.check(...)`, or ask for a nudge with `ex.{self.key}.hint()`. "
                f"To see the solution now anyway, run `ex.{self.key}.solution(reveal=True)` "
                "(this is noted in your progress).")
        if not self._tried() and self._exercise.record:
            progress.record_event(self._exercise.name, self.key, solution_revealed=True)
        text = solution_text(self._exercise.name, self.key) or self.question.solution
        if not text:
            return Note(f"Solution to {self.key}",
                        f"See `solutions/{self._exercise.name}.ipynb`, question {self.key}.")
        return Note(f"Solution to {self.key}", f"```python\n{text.strip()}\n```")


#: What ``ex.qN.check(...)`` returns while a notebook is being graded.
GRADING_CHECK_NOTE = Note("Checked by the grader",
                          "This notebook is being graded: the grader checks the answer variables "
                          "once the notebook has run.")

#: What ``ex.progress()`` says while a notebook is being graded.
GRADING_NOTE = Note("Progress is not shown while grading",
                    "This notebook is being graded: checks are not recorded and there is no progress to show.")


class Exercise:
    """A started exercise notebook for one student. Questions are attributes
    (``ex.q1``); ``dataset(name)`` gives the student's data.

    ``banks`` are the exercise notebooks :meth:`progress` summarises (by
    name); ``grading=True`` is the grader's mode: nothing is recorded and
    :meth:`progress` returns :data:`GRADING_NOTE`. ``context``: an existing
    context of this bank and student to share (default: a new one).
    """

    def __init__(self, bank: Bank, student_id: str = DEFAULT_STUDENT_ID, *, record: bool = True,
                 banks: Mapping[str, Bank] | None = None, grading: bool = False,
                 context: Context | None = None):
        if not isinstance(student_id, str) or not student_id.strip():
            raise TypeError(f"student_id must be non-empty text such as {DEFAULT_STUDENT_ID!r}, "
                            f"not {student_id!r}")
        self.bank = bank
        self.name = bank.name
        self.student_id = student_id.strip()
        self.grading = grading
        self.record = record and not grading
        self.banks: Mapping[str, Bank] = banks if banks is not None else {bank.name: bank}
        if context is not None and (context.exercise, context.student_id) != (bank.name, self.student_id):
            raise ValueError(f"the context is {context.student_id!r}'s for {context.exercise!r}, not "
                             f"{self.student_id!r}'s for {bank.name!r}")
        self.context = context if context is not None else bank.context(self.student_id)
        self._questions = {q.key: BoundQuestion(self, q) for q in bank.questions}
        for key, bound in self._questions.items():
            if hasattr(self, key):
                raise ValueError(f"bank {bank.name!r}: question key {key!r} clashes with an Exercise attribute")
            setattr(self, key, bound)

    def __repr__(self) -> str:
        lines = [f"Exercises {self.name} · {self.bank.title} · student ID {self.student_id!r}"]
        lines += [f"  {q.key} · {q.label}" for q in self.bank.questions]
        lines.append("Use ex.q1.check(q1_answer), ex.q1.hint(), ex.q1.solution().")
        return "\n".join(lines)

    @property
    def questions(self) -> list[BoundQuestion]:
        """The bound questions, in order."""
        return list(self._questions.values())

    def dataset(self, name: str) -> pd.DataFrame:
        """A fresh copy of one of this exercise's datasets (your personal data
        for the generated ones). Names: ``ex.bank.datasets``."""
        return self.context.data(name)

    def progress(self) -> progress.ProgressView | Note:
        """Your progress in every exercise notebook (table and chart); a note
        while grading."""
        if self.grading:
            return GRADING_NOTE
        return progress.show(self.banks)
