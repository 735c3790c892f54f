"""Question bank of ``exercises/01_roles.ipynb`` and the chapter-01 knowledge check.

Datasets: the student's personal ``my_time_log`` (a week of an SMM manager's
work) and ``my_reviews`` (client reviews of four candidates), both seeded by
the student ID; expected answers on them are recomputed from the same seed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import roles
from ..engine.questions import Choice, Classify, Context, Misconception, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex01_roles.toml")

#: The twenty activities of q1 (a fixed, mixed-up selection of roles.ACTIVITIES).
Q1_ACTIVITIES: tuple[str, ...] = (
    "Reply politely to a negative comment",
    "Draft the script of a promo video",
    "Forecast followers and leads for the plan",
    "Estimate next month's ad spend",
    "Search brand mentions in a monitoring service",
    "Adapt a post for each network",
    "Brief the freelance designer and review the result",
    "Find the groups and forums where the target audience gathers",
    "Delete spam and profanity under a post",
    "Run a photo contest for followers",
    "Schedule posts for the best publication time",
    "Design a new cover image",
    "Compare our engagement with two competitors",
    "Negotiate the price of a sponsored post with a blogger",
    "Write next quarter's work plan",
    "Update the events calendar",
    "Write the text and headline of a post",
    "Find where a wave of negative opinions started",
    "Answer questions in private messages",
    "Hire a videographer for the shoot",
)


def _my_time_log(ctx: Context) -> pd.DataFrame:
    return roles.generate_time_log(seed=ctx.seed)


def _my_reviews(ctx: Context) -> pd.DataFrame:
    return roles.generate_candidate_reviews(seed=ctx.seed)


#: q1 items that source 001 places in two duty groups: either group is right.
#: Its Marketing group lists "build the right image (honest information,
#: moderation, removing profanity, polite dialogue)" and "targeted advertising",
#: while Dialogue lists "delete ... profanity" and "answer negative comments
#: politely", and Management "negotiate".
Q1_ALSO: dict[str, str] = {
    "Delete spam and profanity under a post": "marketing",
    "Reply politely to a negative comment": "marketing",
    "Negotiate the price of a sponsored post with a blogger": "marketing",
}


#: q1's answer (the same for everyone): activity -> its duty group, or the two groups the source allows.
Q1_EXPECTED: dict[str, str | tuple[str, str]] = {
    activity: (roles.ACTIVITIES[activity], Q1_ALSO[activity]) if activity in Q1_ALSO
    else roles.ACTIVITIES[activity] for activity in Q1_ACTIVITIES}


def _q2(ctx: Context) -> pd.Series:
    return roles.time_shares(ctx.data("my_time_log"))


def _q3(ctx: Context) -> str:
    return str(roles.time_shares(ctx.data("my_time_log")).idxmin())


def _q4(ctx: Context) -> float:
    log = ctx.data("my_time_log")
    return float(log.loc[log["duty_group"] == "dialogue", "minutes"].sum() / log["date"].nunique())


def _q5(ctx: Context) -> pd.Series:
    reviews = ctx.data("my_reviews")
    return reviews.groupby("candidate")["rating"].std()


# ----------------------------------------------------------------------------- likely mistakes


def _q2_entries(ctx: Context) -> pd.Series:
    return ctx.data("my_time_log")["duty_group"].value_counts(normalize=True)


def _q2_minutes(ctx: Context) -> pd.Series:
    return ctx.data("my_time_log").groupby("duty_group")["minutes"].sum()


Q2_MISTAKES = (
    Misconception("share of entries", _q2_entries,
                  "You counted log entries per duty group (`value_counts`), so a 5-minute reply weighs as "
                  "much as a 2-hour plan. The week is shared out in time: sum `minutes` per group and divide "
                  "by the total minutes."),
    Misconception("minutes not divided", _q2_minutes,
                  "These are minutes per duty group, not shares of the week: divide each group's minutes by "
                  "the total of `minutes` so that the shares add up to 1."),
)


def _dialogue(ctx: Context) -> pd.DataFrame:
    log = ctx.data("my_time_log")
    return log[log["duty_group"] == "dialogue"]


Q4_MISTAKES = (
    Misconception("per entry, not per day", lambda ctx: float(_dialogue(ctx)["minutes"].mean()),
                  "That is the average length of one dialogue entry (`.mean()`), not minutes per day. Add up "
                  "all dialogue minutes, then divide by the number of days in the log (`date.nunique()`)."),
    Misconception("whole week", lambda ctx: float(_dialogue(ctx)["minutes"].sum()),
                  "That is the week's total of dialogue minutes. Per working day means dividing it by the "
                  "number of days in the log (`my_time_log['date'].nunique()`)."),
)


Q3_MISTAKES = (
    Misconception("largest share", lambda ctx: str(roles.time_shares(ctx.data("my_time_log")).idxmax()),
                  "That is the group with the *largest* share of the week. A starved group gets the least "
                  "time: take the label of the smallest share, `shares.idxmin()`."),
)


def _q5_population(ctx: Context) -> pd.Series:
    return ctx.data("my_reviews").groupby("candidate")["rating"].std(ddof=0)


def _q5_variance(ctx: Context) -> pd.Series:
    return ctx.data("my_reviews").groupby("candidate")["rating"].var()


Q5_MISTAKES = (
    Misconception("population standard deviation", _q5_population,
                  "You divided by n (the population formula, numpy's `np.std` default, `ddof=0`). The question "
                  "asks for pandas' default `.std()`, the sample formula that divides by n − 1."),
    Misconception("variance", _q5_variance,
                  "That is the variance (`.var()`), the square of the spread, in 'stars squared'. Take the "
                  "standard deviation, `.std()`, which is in stars like the ratings."),
)


def _q6(ctx: Context) -> str:
    return roles.suspicious_candidates(ctx.data("my_reviews"))[0]


Q6_MISTAKES = (
    Misconception("largest spread",
                  lambda ctx: str(ctx.data("my_reviews").groupby("candidate")["rating"].std().idxmax()),
                  "You picked the candidate whose ratings vary most. Mixed reviews are what real clients "
                  "leave; the warning sign is the opposite: many reviews with no spread at all, every one "
                  "the top rating (the smallest standard deviation in q5)."),
)


QUESTIONS = [
    Classify(**TEXT("q1"), groups=list(roles.DUTY_GROUPS), expected=Q1_EXPECTED),
    Value(**TEXT("q2"), expected=_q2, ordered=False, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), decision=True, expected=_q3, misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=_q4, misconceptions=Q4_MISTAKES),
    Value(**TEXT("q5"), expected=_q5, ordered=False, misconceptions=Q5_MISTAKES),
    Value(**TEXT("q6"), decision=True, misconceptions=Q6_MISTAKES, expected=_q6),
    Choice(**TEXT("q7"), correct=["a", "c", "d"]),
    Choice(**TEXT("q8"), correct="a"),
    Thought(**TEXT("q9"), min_words=25),
]

BANK = TEXT.bank("01_roles", QUESTIONS,
                 datasets={"my_time_log": _my_time_log, "my_reviews": _my_reviews})
