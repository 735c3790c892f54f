"""Question bank of ``exercises/08_capstone.ipynb`` (the capstone's automatic checks)
and the chapter-08 knowledge check.

The student picks a brief (:data:`smmlib.capstone.BRIEFS`) and answers with
parts of their plan; each answer names its brief, so every check knows the
client's limits. The budget check runs on the student's personal data for
that brief (seeded by the student ID). The rest of the capstone is marked with
``docs/capstone-rubric.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import capstone, community, paid
from ..engine.checking import describe
from ..engine.questions import Choice, Context, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex08_capstone.toml")


def _brief_of(answer: object) -> str | None:
    """The problem with an answer's ``brief`` entry, or None when it is fine."""
    if not isinstance(answer, Mapping):
        return f"Answer with a dict such as {{'brief': 'clinic', ...}}, not {describe(answer)}."
    if answer.get("brief") not in capstone.BRIEFS:
        return f"Name your brief: answer['brief'] must be one of {list(capstone.BRIEFS)}."
    return None


def _failed(check: capstone.Check) -> str | None:
    return None if check.passed else f"The {check.name} check fails: {check.message}"


def _compare_goal(answer: object, expected: object) -> str | None:
    return _brief_of(answer) or _failed(capstone.check_goal_kpis(answer))


def _compare_calendar(answer: object, expected: object) -> str | None:
    if not isinstance(answer, pd.DataFrame):
        return f"Answer with your calendar as a DataFrame, not {describe(answer)}."
    return _failed(capstone.check_calendar(answer))


def _compare_platforms(answer: object, expected: object) -> str | None:
    if not isinstance(answer, Mapping) or "calendar" not in answer:
        return "Answer with a dict {'platforms': [...], 'calendar': your_calendar}."
    return _failed(capstone.check_platforms(answer, answer["calendar"]))


def _brief_datasets(ctx: Context) -> dict[str, dict[str, pd.DataFrame]]:
    return {key: capstone.brief_data(key, seed=ctx.seed) for key in capstone.BRIEFS}


def _compare_budget(answer: object, expected: Mapping[str, dict[str, pd.DataFrame]]) -> str | None:
    problem = _brief_of(answer)
    if problem:
        return problem
    return _failed(capstone.check_budget(answer, expected[answer["brief"]].get("ad_sets")))


def best_segment(ad_sets: pd.DataFrame) -> str:
    """The segment with the lowest cost per lead."""
    return str(paid.segment_funnel(ad_sets)["cpl"].idxmin())


def worst_week(mentions: pd.DataFrame) -> str:
    """The Monday ('YYYY-MM-DD') of the week with the highest negative share."""
    weekly = community.weekly_sentiment(mentions)
    return weekly.loc[weekly["negative_share"].idxmax(), "week"].strftime("%Y-%m-%d")


def _compare_finding(answer: object, expected: Mapping[str, dict[str, pd.DataFrame]]) -> str | None:
    problem = _brief_of(answer)
    if problem:
        return problem
    key = answer["brief"]
    data = expected[key]
    if "ad_sets" in data:
        want, what = best_segment(data["ad_sets"]), "the segment with the lowest cost per lead"
        how = ("pool each segment (its total spend / its total leads, not the mean of its ad sets' own "
               "costs) and take the smallest")
    else:
        want, what = worst_week(data["mentions"]), "the Monday of the week with the highest negative share"
        how = ("for each Monday-to-Sunday week divide the negative mentions by all that week's mentions (a "
               "share, not a count) and take the largest")
    got = answer.get("finding")
    if got is None:
        return f"Add answer['finding']: {what}."
    if str(got).strip().lower() != want.lower():
        return f"{got!r} is not {what} in your {key} data: {how}."
    return None


QUESTIONS = [
    Value(**TEXT("q1"), expected=None, compare=_compare_goal),
    Value(**TEXT("q2"), expected=None, compare=_compare_calendar),
    Value(**TEXT("q3"), expected=None, compare=_compare_platforms),
    Value(**TEXT("q4"), expected=_brief_datasets, compare=_compare_budget, decision=True),
    Value(**TEXT("q5"), expected=_brief_datasets, compare=_compare_finding, decision=True),
    Choice(**TEXT("q6"), correct="b"),
    Thought(**TEXT("q7"), min_words=25),
]

BANK = TEXT.bank("08_capstone", QUESTIONS)
