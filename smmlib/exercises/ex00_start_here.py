"""Question bank of ``exercises/00_start_here.ipynb`` (a short warm-up), the
chapter-00 demo question and the chapter-00 knowledge check."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..engine.questions import Choice, Context, Misconception, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex00_start_here.toml")
DEMO_TEXT = load_texts(Path(__file__).with_name("texts") / "ex00_demo.toml")


def _my_posts(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_posts

    return generate_posts(seed=ctx.seed, n_posts=120)


#: q1's likely wrong computations (54 engagements, reach 1,200).
Q1_MISTAKES = (
    Misconception("percentage", lambda ctx: 54 / 1200 * 100,
                  "You gave the rate as a percentage (4.5). In this course rates are fractions: "
                  "engagements / reach = 54 / 1200, without multiplying by 100."),
    Misconception("per thousand reached", lambda ctx: 54 / 1200 * 1000,
                  "That is engagements per 1,000 people reached, a per-mille figure some dashboards "
                  "show. The engagement rate is per person reached: 54 / 1200."),
)


def _q2_impressions(ctx: Context) -> int:
    return int(ctx.data("my_posts")["impressions"].sum())


def _q2_followers(ctx: Context) -> int:
    return int(ctx.data("my_posts")["followers"].sum())


def _q2_mean(ctx: Context) -> float:
    return float(ctx.data("my_posts")["reach"].mean())


#: q2's likely wrong computations.
Q2_MISTAKES = (
    Misconception("impressions for reach", _q2_impressions,
                  "You added up `impressions`, which count every view (one person can see a post twice). "
                  "Reach counts people: sum the `reach` column."),
    Misconception("followers for reach", _q2_followers,
                  "You added up `followers`, the size of the page when each post went out. Followers are "
                  "who *could* see a post; reach is who did: sum the `reach` column."),
    Misconception("mean instead of total", _q2_mean,
                  "That is the average reach of one post. The question asks for the total: `.sum()`, not `.mean()`."),
)


QUESTIONS = [
    Value(**TEXT("q1"), expected=54 / 1200, misconceptions=Q1_MISTAKES),
    Value(**TEXT("q2"), expected=lambda ctx: int(ctx.data("my_posts")["reach"].sum()),
          misconceptions=Q2_MISTAKES),
    Choice(**TEXT("q3"), correct="c"),
    Thought(**TEXT("q4"), review_points=1.0),
    Choice(**TEXT("q5"), decision=True, correct="a"),
    Choice(**TEXT("q6"), decision=True, correct="b"),
]

BANK = TEXT.bank("00_start_here", QUESTIONS, datasets={"my_posts": _my_posts})

#: The live demo of chapter 00 (not shown in the progress view).
DEMO = DEMO_TEXT.bank("00_demo", [Value(**DEMO_TEXT("q1"), expected=0.05)], listed=False)

