"""Question bank of ``exercises/05_pitfalls.ipynb`` and the chapter-05 knowledge check.

Datasets, all personal (seeded by the student ID): ``my_followers`` (180 days of
follower counts *without* the ground-truth column), ``my_comments``, ``my_posts``
and ``my_audit``. Expected answers are recomputed from the same seed; the
bot-day question is graded by precision and recall (:class:`~smmlib.engine.questions.Overlap`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import pitfalls, platforms
from ..engine.questions import (
    Choice,
    Classify,
    Context,
    Misconception,
    Overlap,
    Thought,
    Value,
)
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex05_pitfalls.toml")

#: Statements of q7 and whether each is a myth (source 003's four myths) or a fact.
MYTH_OR_FACT = {
    "People buy nothing in social networks.": "myth",
    "Only teenagers use social networks.": "myth",
    "SMM is too expensive for a small business.": "myth",
    "The effect of SMM cannot be measured.": "myth",
    "Adding up the reach of several posts counts some people more than once.": "fact",
    "Most of a page's followers do not see a given post organically: feeds are ranked, not chronological.": "fact",
    "Bought followers lower a page's engagement rate by followers.": "fact",
}


def _my_followers(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_followers

    return generate_followers(seed=ctx.seed).drop(columns="is_bot_spike")


def _my_comments(ctx: Context) -> pd.DataFrame:
    return pitfalls.generate_comments(seed=ctx.seed)


def _my_posts(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_posts

    return generate_posts(seed=ctx.seed, n_posts=600)


def _my_audit(ctx: Context) -> pd.DataFrame:
    return pitfalls.generate_audit(seed=ctx.seed).to_frame().T.reset_index(drop=True).infer_objects()


# ----------------------------------------------------------------------------- expected answers


def _q1(ctx: Context) -> list[pd.Timestamp]:
    from ..generate import generate_followers

    truth = generate_followers(seed=ctx.seed)  # the ground truth the student does not see
    return truth.loc[truth["is_bot_spike"], "date"].tolist()


def _day(value: object) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def _q2(ctx: Context) -> float:
    return float(pitfalls.response_summary(ctx.data("my_comments")).loc["all", "response_rate"])


def _q3(ctx: Context) -> float:
    return float(pitfalls.response_summary(ctx.data("my_comments")).loc["all", "median_response_hours"])


def _q4(ctx: Context) -> str:
    table = pitfalls.response_summary(ctx.data("my_comments"), by="platform")
    return str(table["response_rate"].idxmin())


def _q5(ctx: Context) -> float:
    posts = ctx.data("my_posts")
    rate = platforms.post_engagement_rate(posts)
    advertising = posts["category"] == "advertising"
    return float(rate[advertising].median() / rate[~advertising].median())


def _q6(ctx: Context) -> list[str]:
    return pitfalls.audit_findings(ctx.data("my_audit").iloc[0])


# ----------------------------------------------------------------------------- likely mistakes


def _comments(ctx: Context) -> pd.DataFrame:
    return ctx.data("my_comments")


Q2_MISTAKES = (
    Misconception("answered / unanswered",
                  lambda ctx: float(_comments(ctx)["answered"].sum() / (~_comments(ctx)["answered"]).sum()),
                  "You divided answered by *unanswered* comments (odds, not a share). The response rate's "
                  "denominator is all comments: answered / all."),
    Misconception("answered within a day",
                  lambda ctx: float(pitfalls.response_summary(_comments(ctx)).loc["all", "answered_within"]),
                  "You counted only comments answered within 24 hours. The response rate counts every answered "
                  "comment, however late: the mean of `answered`."),
)

Q3_MISTAKES = (
    Misconception("mean instead of median",
                  lambda ctx: float(_comments(ctx).loc[_comments(ctx)["answered"], "response_hours"].mean()),
                  "You took the mean; a few answers days later pull it far up. The question asks for the "
                  "median: `.median()`."),
    Misconception("unanswered counted as 0 hours",
                  lambda ctx: float(_comments(ctx)["response_hours"].fillna(0).median()),
                  "You filled the unanswered comments' missing times with 0, as if they had been answered "
                  "at once. Leave them out: the median over the answered comments only."),
)



Q4_MISTAKES = (
    Misconception("highest instead of lowest",
                  lambda ctx: str(pitfalls.response_summary(_comments(ctx), by="platform")["response_rate"].idxmax()),
                  "That platform answers the *most* comments: a moderator would change least there. Send the "
                  "help where the share answered is lowest (`idxmin()`), and check that it also has many "
                  "unanswered comments."),
)


def _rates(ctx: Context) -> tuple[pd.Series, pd.Series]:
    posts = ctx.data("my_posts")
    return platforms.post_engagement_rate(posts), posts["category"] == "advertising"


Q5_MISTAKES = (
    Misconception("ratio of means", lambda ctx: (lambda r, ad: float(r[ad].mean() / r[~ad].mean()))(*_rates(ctx)),
                  "You divided means. A few viral posts pull a mean up; the question compares medians."),
    Misconception("all posts as the baseline",
                  lambda ctx: (lambda r, ad: float(r[ad].median() / r.median()))(*_rates(ctx)),
                  "You compared advertising posts with *all* posts, advertising included. The baseline is the "
                  "other posts: `rate[~advertising].median()`."),
    Misconception("likes only", lambda ctx: _ratio(ctx, ["likes"], "reach"),
                  "You counted likes only. Comments and shares are engagement too, and a sales post may "
                  "lose them faster than likes: rate = (likes + comments + shares) / reach."),
    Misconception("impressions as the denominator", lambda ctx: _ratio(ctx, ["likes", "comments", "shares"],
                                                                       "impressions"),
                  "You divided by impressions. The course's engagement rate is by reach (people), and one "
                  "person can see a post several times: divide by `reach`."),
)


def _ratio(ctx: Context, engagements: list[str], base: str) -> float:
    """Median rate of advertising posts / median of the rest, with other engagements or base."""
    posts = ctx.data("my_posts")
    rate = posts[engagements].sum(axis=1) / posts[base]
    advertising = posts["category"] == "advertising"
    return float(rate[advertising].median() / rate[~advertising].median())


def _same_codes(actual: object, expected: list[str]) -> str | None:
    """Compare lists of mistake codes in any order, naming unknown codes."""
    if isinstance(actual, str):
        return "Answer with a list of codes, e.g. ['hard_selling', 'overposting'], not one string."
    if not isinstance(actual, (list, tuple, set)):
        return f"Answer with a list of codes, not {type(actual).__name__}."
    given = {str(a).strip().lower() for a in actual}
    unknown = sorted(given - set(pitfalls.MISTAKES))
    if unknown:
        return f"{unknown[0]!r} is not a mistake code; use the keys of pitfalls.MISTAKES."
    want = set(expected)
    if given == want:
        return None
    parts = [f"You found {len(given & want)} of the {len(want)} mistakes the figures show."]
    parts += [f"{code!r} is not shown: its rule is {pitfalls.AUDIT_RULES[code].split(' (')[0]}, and your "
              "audit's figures keep it." for code in sorted(given - want)]
    if want - given:
        parts.append(f"{len(want - given)} more: check every rule against its figures; with 'or' one "
                     "condition is enough, with 'and' both must hold.")
    return " ".join(parts)


QUESTIONS = [
    Overlap(**TEXT("q1"), expected=_q1, item_key=_day, min_precision=0.75, min_recall=0.75,
            decision=True),
    Value(**TEXT("q2"), expected=_q2, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), expected=_q3, misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=_q4, misconceptions=Q4_MISTAKES, decision=True),
    Value(**TEXT("q5"), expected=_q5, misconceptions=Q5_MISTAKES),
    Value(**TEXT("q6"), expected=_q6, compare=_same_codes, decision=True),
    Classify(**TEXT("q7"), groups=("myth", "fact"), expected=MYTH_OR_FACT),
    Choice(**TEXT("q8"), correct=["a", "b", "c"]),
    Thought(**TEXT("q9")),
]

BANK = TEXT.bank("05_pitfalls", QUESTIONS,
                 datasets={"my_followers": _my_followers, "my_comments": _my_comments,
                           "my_posts": _my_posts, "my_audit": _my_audit})
