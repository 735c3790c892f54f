"""Issue 14, chapters 00-04: each checker that changed, in the CASES style of test_questions.py.

For every changed checker: an answer that is right under the new rule passes, and the answer the old,
wrong method gave is rejected with a message that explains the difference.
"""

from __future__ import annotations

import pandas as pd
import pytest

from smmlib import content, exercises, platforms
from smmlib.engine.checking import Outcome
from smmlib.exercises import ex02_strategy, ex03_platforms

STUDENT = "s4"  # a student whose pooled-Wilson ranking differs from the per-post interval on 3 platforms


def _grade(bank: str, key: str, answer: object, student: str = STUDENT):
    b = exercises.get_bank(bank)
    question = next(q for q in b.questions if q.key == key)
    return question.grade(answer, b.context(student))


def _posts(student: str = STUDENT) -> pd.DataFrame:
    return exercises.get_bank("03_platforms").context(student).data("my_posts")


def _calendar(**changes) -> pd.DataFrame:
    return content.generate_calendar(seed=1, weeks=4, posts_per_day={"vk": 1}).assign(**changes)


def _old_pooled_best(posts: pd.DataFrame) -> pd.Series:
    """The old answer: the best format by a Wilson bound on summed engagements over summed reach."""
    return platforms.pooled_format_ranking(posts).groupby("platform")["format"].first()


# checker -> (bank, key, right answer under the new rule, old method's answer, words the message must contain)
CASES = {
    "ex03 q3 best format": (
        "03_platforms", "q3", lambda: platforms.best_format(_posts()), lambda: _old_pooled_best(_posts()),
        "Wilson bound on the pooled reach"),
    "ex02 q9 industrial B2B": (
        "02_strategy", "q9", lambda: "c", lambda: "a", "source's 2013 view"),
    "ex02 q10 calendar": (
        "02_strategy", "q10",
        # right: breaks only rules of thumb (an all-advertising plan), which are warnings now
        lambda: _calendar(category="advertising"),
        # the old checker's blind spot: a misspelt platform was "fine" as long as the mix held
        lambda: _calendar(platform="vkontakte_page"),
        "is not one of facebook"),
}


@pytest.mark.parametrize("name", CASES)
def test_right_answer_under_the_new_rule_passes(name):
    bank, key, right, _, _ = CASES[name]
    result = _grade(bank, key, right())
    assert result.outcome is Outcome.CORRECT, result.message


@pytest.mark.parametrize("name", CASES)
def test_old_method_answer_is_rejected_with_an_explanation(name):
    bank, key, _, old, words = CASES[name]
    result = _grade(bank, key, old())
    assert result.outcome is Outcome.INCORRECT and result.points == 0
    assert words in result.message, result.message


def test_q3_student_really_differs_between_the_two_methods():
    posts = _posts()
    new, old = platforms.best_format(posts), _old_pooled_best(posts)
    assert (new != old.reindex(new.index)).sum() == 3
    assert ex03_platforms.POOLED_WILSON_MESSAGE == _grade("03_platforms", "q3", old).message


def test_q3_other_wrong_answers_keep_the_plain_message():
    wrong = platforms.best_format(_posts()).copy()
    wrong.iloc[0] = "story"
    assert "platforms are not right yet" in _grade("03_platforms", "q3", wrong).message


def test_q10_guideline_only_calendar_was_rejected_by_the_old_rule():
    cal = _calendar(category="advertising")
    findings = content.validate_calendar(cal, ex02_strategy.Q10_RULES)
    assert findings and not content.calendar_errors(findings)  # only warnings ...
    assert {f.rule for f in findings} == {"mix", "ads_in_row"}  # ... that the old checker counted as failures


def test_q10_post_outside_the_period_fails():
    result = _grade("02_strategy", "q10", _calendar(date=pd.date_range("2025-01-20", periods=28)))
    assert result.outcome is Outcome.INCORRECT and "after the plan's period" in result.message


def test_q6_reach_question_states_the_no_overlap_assumption():
    q6 = next(q for q in exercises.get_bank("03_platforms").questions if q.key == "q6")
    assert "Assume no overlap" in q6.title


def test_reworded_sums_of_reach_are_not_called_people():
    q2_00 = next(q for q in exercises.get_bank("00_start_here").questions if q.key == "q2")
    q2_04 = next(q for q in exercises.get_bank("04_metrics").questions if q.key == "q2")
    assert "total reach" not in q2_00.title and "sum of the `reach` column" in q2_00.title
    assert "per person reached" not in q2_04.title and "not per different person" in q2_04.title


def test_quiz_options_teach_the_new_rules():
    quiz03 = exercises.get_bank("03_platforms").quiz
    carousel = next(q for q in quiz03.questions if "carousels" in q.prompt)
    pooled = next(o for o in carousel.options if "pooled reach" in o.text)
    assert not pooled.correct and "not 15,000" in pooled.explanation
    quiz02 = exercises.get_bank("02_strategy").quiz
    b2b = next(q for q in quiz02.questions if "industrial" in q.prompt)
    right = [o for o in b2b.options if o.correct]
    assert len(right) == 1 and "LinkedIn" in right[0].text
