"""Quizzes declared as data: validation, feedback, widget and text fallback."""

from __future__ import annotations

import ipywidgets as w
import pytest

from smmlib import exercises
from smmlib.engine.quiz import Option, Quiz, QuizQuestion
from smmlib.widgets.quiz import QuizView, quiz_widget

ONE = QuizQuestion("Frequency?", [Option("impressions / reach", True, "Right ratio."),
                                  Option("reach / impressions", False, "Inverse.")])
MANY = QuizQuestion("Engagement actions?", [Option("likes", True, "An action."),
                                            Option("impressions", False, "A view, not an action."),
                                            Option("shares", True, "An action.")])
QUIZ = Quiz("Test", [ONE, MANY])


def test_grade_single_and_multiple():
    assert ONE.grade({0}).correct and not ONE.grade({1}).correct
    assert "Inverse." in ONE.grade({1}).text()
    partial = MANY.grade({0})
    assert not partial.correct and "missed 1 correct option" in partial.text()
    assert MANY.grade({0, 2}).correct
    assert not ONE.grade(set()).correct


def test_feedback_uses_symbols_and_words():
    assert ONE.grade({0}).text().startswith("✓ Correct.")
    assert "✗ Not quite" in ONE.grade({1}).html()


def test_validation():
    with pytest.raises(ValueError, match="no correct option"):
        QuizQuestion("q", [Option("a", False, "x"), Option("b", False, "y")])
    with pytest.raises(ValueError, match="need an explanation"):
        QuizQuestion("q", [Option("a", True), Option("b", False, "y")])
    with pytest.raises(ValueError, match="at least two"):
        QuizQuestion("q", [Option("a", True, "x")])
    with pytest.raises(ValueError, match="no questions"):
        Quiz("empty", [])


def test_text_fallback_lists_questions_and_options():
    bundle = QuizView(QUIZ)._repr_mimebundle_()
    text = bundle["text/plain"]
    assert "1. Frequency? (choose one)" in text and "   b) reach / impressions" in text
    assert "2. Engagement actions? (choose all that apply)" in text
    assert "application/vnd.jupyter.widget-view+json" in bundle


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_widget_is_labelled_and_gives_instant_feedback():
    box = quiz_widget(QUIZ)
    parts = list(_walk(box))
    radios = [p for p in parts if isinstance(p, w.RadioButtons)]
    checks = [p for p in parts if isinstance(p, w.Checkbox)]
    buttons = [p for p in parts if isinstance(p, w.Button)]
    assert len(radios) == 1 and radios[0].description == "Choose one:"
    assert [c.description for c in checks] == ["a) likes", "b) impressions", "c) shares"]
    assert all(b.description == "Check answer" for b in buttons) and len(buttons) == 2
    radios[0].value = radios[0].options[1]
    buttons[0].click()
    feedback = [p for p in _walk(box.children[1]) if isinstance(p, w.HTML)][-1]
    assert "Not quite" in feedback.value and "Inverse." in feedback.value
    radios[0].value = radios[0].options[0]
    buttons[0].click()
    assert "✓ Correct." in feedback.value


@pytest.mark.parametrize("name", ["00_start_here", "04_metrics"])
def test_chapter_quizzes_exist_and_are_valid(name):
    quiz = exercises.quiz(name)
    assert len(quiz.questions) >= 3
    assert quiz.text().startswith("Knowledge check:")


def test_the_right_option_is_not_always_first():
    """In every bank's knowledge check, the right option of the one-answer
    questions stands at more than one position, and at position a) in at most
    half of them: a student must not learn that a) is the answer."""
    from smmlib.exercises import BANKS

    for name, bank in BANKS.items():
        if bank.quiz is None:
            continue
        positions = [[i for i, o in enumerate(q.options) if o.correct] for q in bank.quiz.questions]
        single = [p[0] for p in positions if len(p) == 1]
        if len(single) < 3:
            continue
        assert len(set(single)) > 1, f"{name}: every right option stands at position {single[0]}"
        assert single.count(0) <= len(single) / 2, f"{name}: the right option is a) in {single.count(0)} of {len(single)}"
