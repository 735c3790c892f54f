"""The knowledge-check quiz as a widget: radio buttons or checkboxes, a Check button and instant feedback.

The quiz itself (questions, options, grading) is :mod:`smmlib.engine.quiz`;
``exercises.quiz(name)`` returns a :class:`QuizView`, which displays as this
widget in JupyterLab and as the plain listing elsewhere.
"""

from __future__ import annotations

import html
import string
from typing import Any

import ipywidgets as w

from ..engine.quiz import Quiz, QuizQuestion

__all__ = ["QuizView", "quiz_widget"]


def quiz_widget(quiz: Quiz) -> w.VBox:
    """Build the interactive widget of ``quiz`` (one box per question)."""
    boxes = [w.HTML(f"<h4>Knowledge check: {html.escape(quiz.title)}</h4>")]
    for n, q in enumerate(quiz.questions, start=1):
        boxes.append(_question_box(n, q))
    return w.VBox(boxes)


class QuizView:
    """A quiz to display: the widget in JupyterLab, :meth:`Quiz.text` where
    widgets cannot render. Everything else is the quiz's (``questions``, ``title``, ``text()``)."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz

    def __getattr__(self, name: str) -> Any:
        return getattr(self.quiz, name)

    def __repr__(self) -> str:
        return self.quiz.text()

    def widget(self) -> w.VBox:
        """The interactive widget."""
        return quiz_widget(self.quiz)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.widget()._repr_mimebundle_()
        bundle["text/plain"] = self.quiz.text()
        return bundle


def _question_box(n: int, q: QuizQuestion) -> w.VBox:
    prompt = w.HTML(f"<p><strong>{n}. {html.escape(q.prompt)}</strong></p>")
    labels = [f"{string.ascii_lowercase[i]}) {o.text}" for i, o in enumerate(q.options)]
    wide = {"description_width": "initial"}
    if q.multiple:
        inputs = [w.Checkbox(value=False, description=label, indent=False, style=wide,
                             layout=w.Layout(width="auto")) for label in labels]
        chooser = w.VBox([w.Label("Choose all that apply:"), *inputs])

        def selected() -> set[int]:
            return {i for i, box in enumerate(inputs) if box.value}
    else:
        radio = w.RadioButtons(options=labels, value=None, description="Choose one:", style=wide,
                               layout=w.Layout(width="auto"))
        chooser = radio

        def selected() -> set[int]:
            return set() if radio.value is None else {labels.index(radio.value)}

    button = w.Button(description="Check answer", tooltip=f"Check your answer to question {n}",
                      button_style="primary", icon="check")
    feedback = w.HTML()

    def on_click(_):
        feedback.value = q.grade(selected()).html()

    button.on_click(on_click)
    return w.VBox([prompt, chooser, button, feedback],
                  layout=w.Layout(border="1px solid #ddd", padding="0.5em", margin="0.4em 0"))
