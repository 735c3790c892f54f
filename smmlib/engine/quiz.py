"""Knowledge-check quizzes: declared as data, graded here, shown as a widget.

A :class:`Quiz` is a list of :class:`QuizQuestion` s, each with
:class:`Option` s (text, correct or not, and an explanation shown after
checking). ``exercises.quiz(name)`` wraps it for display
(:mod:`smmlib.widgets.quiz`); in JupyterLab it shows as ipywidgets: radio buttons (one correct
option) or labelled checkboxes (several), a *Check answer* button and
instant feedback with a symbol and words. Everything is reachable with the
keyboard (Tab, arrow keys, Space/Enter).

Where widgets cannot render (a notebook executed headless by nbval or
papermill, a plain terminal), the text/plain form lists the questions and
options, so the output is still readable.

>>> q = QuizQuestion("Frequency is ...", [
...     Option("impressions / reach", True, "Each reached person saw it this many times."),
...     Option("reach / impressions", False, "That is the inverse.")])
>>> q.grade({0}).correct
True
>>> print(Quiz("Demo", [q]).text())
Knowledge check: Demo
(Run the notebook in JupyterLab to answer with instant feedback.)
<BLANKLINE>
1. Frequency is ... (choose one)
   a) impressions / reach
   b) reach / impressions
"""

from __future__ import annotations

import html
import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..viz import Look
from .checking import Outcome

__all__ = ["Feedback", "Option", "Quiz", "QuizQuestion"]


@dataclass(frozen=True)
class Option:
    """One option: its text, whether it is correct, and why (shown after checking)."""

    text: str
    correct: bool = False
    explanation: str = ""


def _look(correct: bool) -> Look:
    return (Outcome.CORRECT if correct else Outcome.INCORRECT).look


@dataclass(frozen=True)
class Feedback:
    """The outcome of answering one quiz question."""

    correct: bool
    lines: tuple[str, ...]

    def text(self) -> str:
        """Plain-text feedback with a symbol and a word."""
        head = f"{_look(self.correct).symbol} {'Correct.' if self.correct else 'Not quite.'}"
        return "\n".join([head, *self.lines])

    def html(self) -> str:
        """HTML feedback (colour plus symbol and words, never colour alone)."""
        colour = _look(self.correct).colour
        head = f"{_look(self.correct).symbol} " + ("Correct." if self.correct
                                                  else "Not quite — read why below and try again.")
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self.lines)
        return (f'<div role="status" style="border-left:6px solid {colour};padding:0.3em 0.8em">'
                f"<strong>{html.escape(head)}</strong><ul>{items}</ul></div>")


@dataclass(frozen=True)
class QuizQuestion:
    """A question with options. ``multiple`` (default: more than one correct
    option) shows checkboxes instead of radio buttons."""

    prompt: str
    options: Sequence[Option]
    multiple: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))
        if len(self.options) < 2:
            raise ValueError(f"quiz question {self.prompt!r} needs at least two options")
        if not any(o.correct for o in self.options):
            raise ValueError(f"quiz question {self.prompt!r} has no correct option")
        missing = [o.text for o in self.options if not o.explanation.strip()]
        if missing:
            raise ValueError(f"quiz question {self.prompt!r}: option(s) {missing} need an explanation")
        if self.multiple is None:
            object.__setattr__(self, "multiple", sum(o.correct for o in self.options) > 1)
        elif not self.multiple and sum(o.correct for o in self.options) > 1:
            raise ValueError(f"quiz question {self.prompt!r}: several correct options need multiple=True")

    @property
    def correct_indices(self) -> frozenset[int]:
        """Positions of the correct options."""
        return frozenset(i for i, o in enumerate(self.options) if o.correct)

    def grade(self, selected: Collection[int]) -> Feedback:
        """Feedback for the chosen option positions: the explanation of each
        chosen option, plus a note when correct options were missed."""
        chosen = set(selected)
        if not chosen:
            return Feedback(False, ("Choose an option first.",))
        lines = []
        for i in sorted(chosen):
            option = self.options[i]
            mark = _look(option.correct).symbol
            lines.append(f"{mark} {option.text}: {option.explanation}")
        missed = self.correct_indices - chosen
        if missed and self.multiple:
            lines.append(f"You missed {len(missed)} correct option(s).")
        return Feedback(chosen == self.correct_indices, tuple(lines))


@dataclass(frozen=True)
class Quiz:
    """A knowledge check: a title and questions. :meth:`text` is the plain
    listing; :class:`smmlib.widgets.quiz.QuizView` shows it as a widget."""

    title: str
    questions: Sequence[QuizQuestion] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "questions", tuple(self.questions))
        if not self.questions:
            raise ValueError(f"quiz {self.title!r} has no questions")

    def text(self) -> str:
        """The plain-text form: every question with lettered options."""
        lines = [f"Knowledge check: {self.title}",
                 "(Run the notebook in JupyterLab to answer with instant feedback.)"]
        for n, q in enumerate(self.questions, start=1):
            how = "choose all that apply" if q.multiple else "choose one"
            lines += ["", f"{n}. {q.prompt} ({how})"]
            lines += [f"   {string.ascii_lowercase[i]}) {o.text}" for i, o in enumerate(q.options)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()
