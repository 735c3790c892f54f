"""Question bank of ``exercises/10_short_video.ipynb`` and the chapter-10 knowledge check.

Datasets, all personal (seeded by the student ID) and simulated: ``my_curve``
(the retention curve of one 30-second video, a table of ``second`` and
``still_watching``, with a drop in the middle where a cut lost viewers),
``my_videos`` and ``my_daily`` (an account's short videos and their views per
day of age, from :func:`smmlib.shortvideo.generate_videos`). Expected answers
are recomputed from the same seed.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from .. import shortvideo
from ..engine.questions import Choice, Context, Misconception, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex10_short_video.toml")

#: The video of ``my_curve`` is this long (seconds).
CURVE_LENGTH = 30


def _my_curve(ctx: Context) -> pd.DataFrame:
    rng = np.random.default_rng(ctx.seed)
    hook = round(float(rng.uniform(0.45, 0.7)), 2)
    completion = round(float(rng.uniform(0.12, 0.25)), 2)
    curve = shortvideo.model_curve(CURVE_LENGTH, hook, completion)
    cut = int(rng.integers(9, 22))            # a cut in the middle where viewers leave at once
    loss = round(float(rng.uniform(0.03, 0.05)), 3)
    values = curve.to_numpy().copy()
    values[1], values[2] = 1 - 0.5 * (1 - hook), 1 - 0.8 * (1 - hook)  # most leave in the very first second
    values[cut + 1:] = values[cut + 1:] * (1 - loss / values[cut])
    table = pd.DataFrame({"second": curve.index.astype(int), "still_watching": np.round(values, 4)})
    return table


def _curve(ctx: Context) -> pd.Series:
    table = ctx.data("my_curve")
    return shortvideo.retention_curve(table["still_watching"].tolist(), table["second"].tolist())


@functools.lru_cache(maxsize=4)
def _account(seed: int) -> dict[str, pd.DataFrame]:
    """The simulated account of one seed, generated once for both of its tables
    (``my_videos`` and ``my_daily``). The context hands out copies
    (:meth:`Context.data`), so nobody changes the cached frames."""
    return shortvideo.generate_videos(seed=seed)


def _my_videos(ctx: Context) -> pd.DataFrame:
    return _account(ctx.seed)["videos"]


def _my_daily(ctx: Context) -> pd.DataFrame:
    return _account(ctx.seed)["daily"]


# ----------------------------------------------------------------------------- expected answers


def _q1(ctx: Context) -> float:
    return shortvideo.completion_rate(_curve(ctx))


def _q2(ctx: Context) -> float:
    return shortvideo.average_view_duration(_curve(ctx))


def _drops_after_opening(ctx: Context) -> pd.DataFrame:
    drops = shortvideo.biggest_drops(_curve(ctx), top=CURVE_LENGTH)
    return drops[drops["from"] >= 3]


def _q3(ctx: Context) -> float:
    return float(_drops_after_opening(ctx)["from"].iloc[0])


def _pair(ctx: Context) -> tuple[str, str]:
    """The newest video at least 3 days old, and the oldest video."""
    videos = ctx.data("my_videos")
    old_enough = videos[videos["age_days"] >= 3]
    return str(old_enough.sort_values("posted")["video"].iloc[-1]), str(videos.sort_values("posted")["video"].iloc[0])


def _q5(ctx: Context) -> float:
    newest, oldest = _pair(ctx)
    by_day_3 = shortvideo.views_at_age(ctx.data("my_daily"), days=3)
    return float(by_day_3[newest] / by_day_3[oldest])


def _q5_totals(ctx: Context) -> float:
    newest, oldest = _pair(ctx)
    plays = ctx.data("my_videos").set_index("video")["plays"]
    return float(plays[newest] / plays[oldest])


def _q5_day_3_only(ctx: Context) -> float:
    newest, oldest = _pair(ctx)
    day3 = ctx.data("my_daily").query("age_day == 3").set_index("video")["views"]
    return float(day3[newest] / day3[oldest])


def _q6(ctx: Context) -> float:
    videos = ctx.data("my_videos")
    return float((videos["plays"] / videos["viewers"] - 1).median())


# ----------------------------------------------------------------------------- likely mistakes

Q1_MISTAKES = (
    Misconception("average percentage viewed", lambda ctx: shortvideo.average_percentage_viewed(_curve(ctx)),
                  "That is the average percentage viewed (average view duration / length). Completion is "
                  "the share of plays still watching at the *last* second: the curve's final value."),
    Misconception("hook retention", lambda ctx: shortvideo.hook_retention(_curve(ctx)),
                  "That is the share still watching at 3 seconds (the hook). Completion is the value at the "
                  "last second, 30."),
    Misconception("share who left", lambda ctx: 1 - shortvideo.completion_rate(_curve(ctx)),
                  "That is the share who left before the end. Completion is the share still watching at "
                  "the last second."),
)
Q2_MISTAKES = (
    Misconception("average percentage viewed", lambda ctx: shortvideo.average_percentage_viewed(_curve(ctx)),
                  "That is a share of the length (the average percentage viewed). The question asks for "
                  "seconds: multiply by the length, or take the area under the curve directly."),
    Misconception("completion × length", lambda ctx: shortvideo.completion_rate(_curve(ctx)) * CURVE_LENGTH,
                  "You multiplied the completion rate by the length, as if everyone who left had watched "
                  "nothing. People who leave at second 12 watched 12 seconds: take the area under the whole "
                  "curve (the sum of trapezoids between the points)."),
    Misconception("hook × length", lambda ctx: shortvideo.hook_retention(_curve(ctx)) * CURVE_LENGTH,
                  "You multiplied the share still watching at 3 s by the length, as if nobody left after "
                  "the opening. Take the area under the whole curve."),
)
Q3_MISTAKES = (
    Misconception("the opening", lambda ctx: float(shortvideo.biggest_drops(_curve(ctx), top=1)["from"].iloc[0]),
                  "That is a second of the opening, which always loses the most people. The question asks "
                  "for the steepest drop *after* the first 3 seconds: leave out the intervals that start "
                  "before second 3. A new opening is a bigger job than fixing one cut in the middle."),
    Misconception("end of the interval", lambda ctx: _q3(ctx) + 1,
                  "That is the second the steepest drop *ends*. Give the second it starts (`from`): the "
                  "moment to look at in the edit."),
)
Q5_MISTAKES = (
    Misconception("total plays", _q5_totals,
                  "You compared the total plays. The oldest video has had weeks to gather views and the newer "
                  "one only days: compare both at the same age, the views by the end of day 3."),
    Misconception("views on day 3 only", _q5_day_3_only,
                  "You compared the views on day 3 alone. The question asks for the views gathered *by* "
                  "day 3: the sum of days 1, 2 and 3 of each video."),
)
Q6_MISTAKES = (
    Misconception("plays per viewer", lambda ctx: _q6(ctx) + 1,
                  "That is plays per viewer, which is 1 when nobody watches twice. The rewatch rate counts "
                  "the replays only: plays / viewers − 1."),
    Misconception("mean instead of median",
                  lambda ctx: float((ctx.data("my_videos")["plays"] / ctx.data("my_videos")["viewers"] - 1).mean()),
                  "You took the mean; one looping video pulls it up. The question asks for the median."),
)

QUESTIONS = [
    Value(**TEXT("q1"), expected=_q1, misconceptions=Q1_MISTAKES),
    Value(**TEXT("q2"), expected=_q2, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), expected=_q3, misconceptions=Q3_MISTAKES, decision=True),
    Choice(**TEXT("q4"), correct="b", decision=True),
    Value(**TEXT("q5"), expected=_q5, misconceptions=Q5_MISTAKES),
    Value(**TEXT("q6"), expected=_q6, misconceptions=Q6_MISTAKES),
    Choice(**TEXT("q7"), correct=["a", "c", "e"], decision=True),
    Thought(**TEXT("q8")),
]

BANK = TEXT.bank("10_short_video", QUESTIONS,
                 datasets={"my_curve": _my_curve, "my_videos": _my_videos, "my_daily": _my_daily})
