"""Question bank of ``exercises/03_platforms.ipynb`` and the chapter-03 knowledge check.

Dataset: the student's personal ``my_posts`` (600 posts on five networks, seeded
by the student ID); expected answers are recomputed from the same seed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import platforms
from ..engine.questions import Choice, Context, Misconception, Order, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex03_platforms.toml")

#: The boost of q6: budget (currency units), CPM and how often each person sees the ad.
BOOST_BUDGET = 20.0
BOOST_CPM = 4.0
BOOST_FREQUENCY = 1.5
ORGANIC_SHARE = 0.02


def _my_posts(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_posts

    return generate_posts(seed=ctx.seed, n_posts=600)


# ----------------------------------------------------------------------------- expected answers


def _q1(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    organic = posts[~posts["paid"]]
    return (organic["reach"] / organic["followers"]).groupby(organic["platform"]).median()


def _q2(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    return platforms.post_engagement_rate(posts).groupby(posts["platform"]).median()


def _q3(ctx: Context) -> pd.Series:
    return platforms.best_format(ctx.data("my_posts"))


def _q3_pooled_wilson(ctx: Context) -> pd.Series:
    """The old, wrong answer: formats ranked by a Wilson bound on the pooled reach."""
    return platforms.pooled_format_ranking(ctx.data("my_posts")).groupby("platform", sort=True)["format"].first()


POOLED_WILSON_MESSAGE = (
    "That is the ranking by a Wilson bound on the pooled reach: it treats the summed reach as thousands of "
    "independent trials, so its bound is almost the raw rate and a few lucky posts still win. The uncertainty "
    "that matters is between posts: use an interval over posts (`platforms.format_ranking(my_posts)`, a "
    "bootstrap of the mean per-post rate) and leave formats with fewer than 5 posts unranked."
)


def _q4(ctx: Context) -> pd.Series:
    return platforms.best_posting_hour(ctx.data("my_posts"), min_posts=3)


def _q6(ctx: Context) -> float:
    posts = ctx.data("my_posts")
    followers = int(posts.loc[posts["platform"] == "facebook", "followers"].iloc[-1])
    return platforms.reach_numbers(followers, ORGANIC_SHARE, BOOST_BUDGET, BOOST_CPM, BOOST_FREQUENCY).total_reach


# ----------------------------------------------------------------------------- likely mistakes


def _q1_with_paid(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    return (posts["reach"] / posts["followers"]).groupby(posts["platform"]).median()


def _q1_mean(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    organic = posts[~posts["paid"]]
    return (organic["reach"] / organic["followers"]).groupby(organic["platform"]).mean()


Q1_MISTAKES = (
    Misconception("paid and organic mixed", _q1_with_paid,
                  "You kept the paid posts. A paid post's reach comes from the ad budget, not from the feed, "
                  "so it inflates the organic share: keep `my_posts[~my_posts['paid']]` first."),
    Misconception("mean instead of median", _q1_mean,
                  "You took the mean. One post that spreads far pulls a mean up; the question asks for the "
                  "median per platform, `.median()`."),
)


def _q2_pooled(ctx: Context) -> pd.Series:
    sums = ctx.data("my_posts").groupby("platform")[["likes", "comments", "shares", "reach"]].sum()
    return (sums["likes"] + sums["comments"] + sums["shares"]) / sums["reach"]


def _q2_likes(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    return platforms.post_engagement_rate(posts, engagements=["likes"]).groupby(posts["platform"]).median()


def _q2_impressions(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    return platforms.post_engagement_rate(posts, base="impressions").groupby(posts["platform"]).median()


Q2_MISTAKES = (
    Misconception("pooled instead of per-post median", _q2_pooled,
                  "You pooled the platform's posts (total engagements / total reach), which weighs big posts "
                  "more. The question asks for the typical post: each post's own rate, then the median per platform."),
    Misconception("likes only", _q2_likes,
                  "You counted likes only. Engagements here are likes + comments + shares: comments and shares "
                  "are the stronger signals, leaving them out understates the rate."),
    Misconception("impressions as the denominator", _q2_impressions,
                  "You divided by impressions. This engagement rate is by reach (people), and impressions count "
                  "repeat views too: divide by `reach`."),
)


def _q3_most_posts(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    return posts.groupby("platform")["format"].agg(lambda f: f.value_counts().index[0])


def _q3_total(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    totals = (posts["likes"] + posts["comments"] + posts["shares"]).groupby([posts["platform"], posts["format"]]).sum()
    return totals.groupby(level="platform").idxmax().map(lambda label: label[1])


Q3_MISTAKES = (
    Misconception("Wilson bound on pooled reach", _q3_pooled_wilson, POOLED_WILSON_MESSAGE),
    Misconception("most used format", _q3_most_posts,
                  "You picked the format posted most often. Habit is not performance: compare how well each "
                  "format engages per post (each post's engagement rate, ranked by the lower end of the "
                  "bootstrap interval over posts)."),
    Misconception("total engagements, not a rate", _q3_total,
                  "You compared total engagements, which grow with the number of posts and their reach. "
                  "Compare a rate per post, ranked by the lower end of the bootstrap interval over posts."),
)


def _hours(ctx: Context) -> pd.DataFrame:
    posts = ctx.data("my_posts")
    return pd.DataFrame({"platform": posts["platform"], "hour": posts["timestamp"].dt.hour,
                         "rate": platforms.post_engagement_rate(posts)})


def _q4_total(ctx: Context) -> pd.Series:
    posts = ctx.data("my_posts")
    totals = (posts["likes"] + posts["comments"] + posts["shares"]).groupby(
        [posts["platform"], posts["timestamp"].dt.hour]).sum()
    return totals.groupby(level="platform").idxmax().map(lambda label: label[1])


def _q4_busiest(ctx: Context) -> pd.Series:
    frame = _hours(ctx)
    return frame.groupby("platform")["hour"].agg(lambda h: h.value_counts().sort_index(kind="stable").idxmax())


Q4_MISTAKES = (
    Misconception("total engagements, not a rate", _q4_total,
                  "You picked the hour with the most engagements in total: an hour with many posts wins by "
                  "volume. Compare the median engagement rate of the posts at each hour."),
    Misconception("busiest hour", _q4_busiest,
                  "You picked the hour with the most posts. That shows when the page posts, not when the "
                  "audience responds: compare the median engagement rate of each hour."),
)


def _q6_impressions_as_people(ctx: Context) -> float:
    posts = ctx.data("my_posts")
    followers = int(posts.loc[posts["platform"] == "facebook", "followers"].iloc[-1])
    return followers * ORGANIC_SHARE + BOOST_BUDGET / BOOST_CPM * 1000


def _q6_all_followers(ctx: Context) -> float:
    posts = ctx.data("my_posts")
    followers = int(posts.loc[posts["platform"] == "facebook", "followers"].iloc[-1])
    return followers + BOOST_BUDGET / BOOST_CPM * 1000 / BOOST_FREQUENCY


def _q6_paid_only(ctx: Context) -> float:
    return BOOST_BUDGET / BOOST_CPM * 1000 / BOOST_FREQUENCY


Q6_MISTAKES = (
    Misconception("impressions counted as people", _q6_impressions_as_people,
                  f"You counted the paid impressions as people. Each person sees the ad {BOOST_FREQUENCY:g} times "
                  "on average, so paid reach = impressions / frequency."),
    Misconception("every follower reached", _q6_all_followers,
                  f"You counted every follower as reached. Without ads only about {ORGANIC_SHARE:.0%} of followers "
                  "see a post: organic reach = followers × 0.02."),
    Misconception("paid reach only", _q6_paid_only,
                  "That is only the boost's reach. The post also reaches some followers organically: add "
                  "followers × 0.02."),
)


def _same_labels(actual: object, expected: pd.Series) -> str | None:
    """Compare a platform -> label answer (Series or dict), ignoring order and the Series' name."""
    if isinstance(actual, dict):
        actual = pd.Series(actual)
    if not isinstance(actual, pd.Series):
        return f"Answer with a Series (or dict) platform -> value, not {type(actual).__name__}."
    missing = sorted(set(expected.index) - set(actual.index))
    if missing:
        return f"Your answer has no value for {', '.join(map(str, missing))}."
    extra = sorted(set(map(str, actual.index)) - set(map(str, expected.index)))
    if extra:
        return f"Your answer has platforms that are not in your data: {', '.join(extra)}."
    wrong = [p for p in expected.index if str(actual[p]) != str(expected[p])]
    if wrong:
        return (f"{len(wrong)} of {len(expected)} platforms are not right yet, e.g. {wrong[0]!r} "
                f"(you gave {actual[wrong[0]]!r}).")
    return None


def _same_hours(actual: object, expected: pd.Series) -> str | None:
    """Like :func:`_same_labels`, but hours may be ints or floats (20 == 20.0)."""
    if isinstance(actual, dict):
        actual = pd.Series(actual)
    if isinstance(actual, pd.Series):
        try:
            actual = actual.astype("float64").round().astype("int64").astype(str)
        except (TypeError, ValueError):
            return "Hours must be numbers from 0 to 23."
    return _same_labels(actual, expected.astype(str))


QUESTIONS = [
    Value(**TEXT("q1"), expected=_q1, misconceptions=Q1_MISTAKES),
    Value(**TEXT("q2"), expected=_q2, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), decision=True, expected=_q3, compare=_same_labels,
          misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), decision=True, expected=_q4, compare=_same_hours, misconceptions=Q4_MISTAKES),
    Order(**TEXT("q5"), expected=["c", "f", "b", "i", "e", "g", "a", "j", "d", "h"]),
    Value(**TEXT("q6"),
          title=f"Your Facebook page's latest follower count (the last Facebook post's `followers`), "
                f"{ORGANIC_SHARE:.0%} organic reach, and a boost of {BOOST_BUDGET:g} currency units at "
                f"CPM {BOOST_CPM:g} with each person seeing the ad {BOOST_FREQUENCY:g} times: how many "
                "people does the post reach in total? Assume no overlap: the boost reaches only "
                "people who did not see the post organically (so the two reaches add up).",
          expected=_q6, misconceptions=Q6_MISTAKES),
    Choice(**TEXT("q7"), correct="b"),
    Thought(**TEXT("q8")),
]

BANK = TEXT.bank("03_platforms", QUESTIONS, datasets={"my_posts": _my_posts})
