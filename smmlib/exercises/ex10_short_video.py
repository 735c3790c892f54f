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

import numpy as np
import pandas as pd

from .. import shortvideo
from ..engine.questions import Bank, Choice, Context, Misconception, Thought, Value
from ..engine.quiz import Option, Quiz, QuizQuestion

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

HOOK_OPTIONS = {
    "a": "Keep A: more people stay past the first 3 seconds, and the opening is what the feed tests first.",
    "b": "Keep B: fewer people stay past 3 seconds, but more of those who start watch to the end and share it.",
    "c": "Keep whichever had more views in the test.",
    "d": "Keep both and post them on alternate days.",
}

CROSSPOST_OPTIONS = {
    "a": "Upload the clean video file (no TikTok watermark) to Reels and Shorts.",
    "b": "Download the TikTok with its watermark and repost it as it is: it saves an hour.",
    "c": "Rewrite the caption and on-screen text for each platform's audience and keep them inside the "
         "safe zone.",
    "d": "Keep the trending song from TikTok's full music library in the brand's Reels and Shorts.",
    "e": "Change the first frame for YouTube Shorts, where the same video also appears in subscribers' feeds "
         "and search.",
}

QUESTIONS = [
    Value(key="q1", heading="Completion rate of the shop's 30-second video",
          brief="The shop's owner sends you the retention curve of last week's 30-second video (`my_curve`) "
                "and asks how many viewers saw it to the end.",
          title="Give the completion rate of the video as a fraction.",
          expected=_q1, misconceptions=Q1_MISTAKES,
          hints=("Completion is read off one point of the curve.",
                 "It is the share still watching at the last second of the video.",
                 "`my_curve['still_watching'].iloc[-1]`")),
    Value(key="q2", heading="Average view duration of the same video",
          brief="The monthly report has a line for how long people watch the shop's videos.",
          title="Give the average seconds watched per play of the same video.",
          expected=_q2, misconceptions=Q2_MISTAKES,
          hints=("The average seconds watched is the area under the retention curve.",
                 "Between two points the area is a trapezoid: (share at t + share at t+1) / 2 × 1 second; "
                 "add up all of them.",
                 "`np.trapezoid(my_curve['still_watching'], my_curve['second'])` (the trapezoid rule over "
                 "the whole curve)")),
    Value(key="q3", heading="Which moment to re-cut",
          brief="The editor has time to re-cut one moment of the video before it runs as an ad, and asks "
                "which one.",
          title="After the first 3 seconds, at which second does the steepest drop in the curve start? "
                "(a whole second)",
          expected=_q3, misconceptions=Q3_MISTAKES, decision=True,
          on_correct="That is the moment to look at in the edit. The trade-off: the opening loses more "
                     "people than any later moment, but every video loses viewers there and a new hook is a "
                     "bigger job (q4); a sudden drop in the middle usually has one fixable cause (a slow cut, "
                     "a logo, a price shown too early), so it is the cheaper repair.",
          hints=("Look at the loss between each second and the next.",
                 "Compute the drop per second (share at t − share at t+1), keep the intervals starting at "
                 "second 3 or later, and take the start of the largest.",
                 "`d = my_curve['still_watching'].diff(-1); d[my_curve['second'] >= 3].idxmax()` gives the "
                 "row; its `second` is the answer.")),
    Choice(key="q4", heading="Which opening to keep",
           brief="You tested two openings of the same 20-second video on about 5,000 people each: A kept 72% "
                 "at 3 s, 14% to the end and 0.4% shared it; B kept 58% at 3 s, 27% to the end and 1.1% "
                 "shared it.",
           title="Which opening do you keep for the next videos?",
           options=HOOK_OPTIONS, correct="b", decision=True,
           explanations={
               "a": "A's opening promises more than the video delivers: it holds people for 3 seconds and "
                    "then loses them (14% finish against B's 27%), and it is shared a third as often. The "
                    "platforms say completion and shares count; a strong first 3 seconds alone does not.",
               "c": "Views count starts, not watching: on most platforms any play is a view, so the version "
                    "that stops the thumb better wins views even if people leave at once.",
               "d": "Alternating keeps the weaker version alive and mixes two formats in your own numbers."},
           hints=("Which number says people watched, and which says they liked it enough to pass it on?",
                  "Compare completions and shares per 5,000 viewers for each version."),
           on_correct="B keeps fewer people at 3 s but almost twice as many to the end (27% vs 14%) and nearly "
                      "three times the shares. The trade-off: try to keep B's honesty with a faster start — but "
                      "a hook that misleads loses viewers later."),
    Value(key="q5", heading="Fair comparison of a new and an old video",
          brief="The owner says the new videos are 'flopping' next to the first one.",
          title="Take your newest video that is at least 3 days old and your oldest video (`my_videos`; "
                "daily views in `my_daily`): give the ratio of their views by the end of day 3, "
                "newest / oldest.",
          expected=_q5, misconceptions=Q5_MISTAKES,
          hints=("Old videos had more days to gather views: compare both at the same age.",
                 "For each of the two videos, add up its views of days 1 to 3 (`age_day` up to 3), then "
                 "divide the newest's sum by the oldest's.",
                 "`by3 = my_daily[my_daily['age_day'] <= 3].groupby('video')['views'].sum()`, then "
                 "`by3[newest] / by3[oldest]`"),
          on_correct="Above 1, the new video is ahead at the same age, whatever the totals say."),
    Value(key="q6", heading="How often people rewatch your videos",
          brief="A client asks whether your videos are 'loopable'.",
          title="Give the median rewatch rate of your videos: replays per viewer, plays / viewers − 1 for "
                "each video, then the median.",
          expected=_q6, misconceptions=Q6_MISTAKES,
          hints=("A viewer who watches once adds one play and no replay.",
                 "Per video: plays / viewers − 1; then the median over videos.",
                 "`(my_videos['plays'] / my_videos['viewers'] - 1).median()`")),
    Choice(key="q7", heading="Which cross-posting steps to keep",
           brief="The team wants to publish each TikTok also as a Reel and a YouTube Short.",
           title="Which steps of their plan do you keep? (all that apply)",
           options=CROSSPOST_OPTIONS, correct=["a", "c", "e"], decision=True,
           explanations={
               "b": "Instagram says reels with visible watermarks from other apps are less likely to be "
                    "recommended; export the clean file once and upload it everywhere.",
               "d": "A business account may only use music licensed for commercial use (TikTok's Commercial "
                    "Music Library, Meta's Sound Collection); a song from the full library can be muted or "
                    "the video blocked (chapter 11)."},
           hints=("Two of the steps risk the video's reach or its sound being removed.",
                  "Think of watermarks and music licences."),
           on_correct="The clean file, captions rewritten per platform and a first frame for Shorts (which also "
                      "reach subscribers and search) keep each platform's reach. The trade-off: about an hour "
                      "more per video, against a watermark that lowers recommendation and a song that can get "
                      "the video muted."),
    Thought(key="q8", heading="Critique the first three seconds of a script",
            brief="A colleague's script for a 25-second Reel about the shop's spring collection starts: "
                  "\"(Logo animation, 2 s) Hi everyone, welcome back to our page! Today I want to tell you "
                  "about something special...\"",
            title="In three or four sentences: what will the retention curve do in the first seconds, and "
                  "how would you rewrite the opening?",
            rubric=("1 point: predicts a steep early drop and says why (logo and greeting give the viewer "
                    "no reason to stay; the feed shows the video to people who do not know the shop).",
                    "1 point: a concrete rewrite that shows the result or the question first (e.g. the "
                    "outfit on screen in the first second, on-screen text with the offer), and moves the "
                    "logo to the end or a corner; mentions captions or on-screen text for sound-off viewers."),
            solution="The curve will fall steeply in the first 2–3 seconds: a logo and 'hi everyone' "
                         "give a stranger in the feed no reason to stay, and the video is tested on people "
                         "who do not know the shop. Open with the result: the three outfits on screen in the "
                         "first second with the text 'Spring looks under 300,000 so'm', then the details; "
                         "the logo goes in a corner or at the end, and captions carry the words for people "
                         "watching without sound.",
            hints=("Imagine scrolling past it as someone who has never heard of the shop.",
                   "A good answer says how steeply the curve falls in the first two or three seconds and "
                   "why (a logo and a greeting give a stranger no reason to stay), then rewrites the opening "
                   "so that the first second shows the collection or the video's promise.")),
]

QUIZ = Quiz(
    "Short video and recommendation feeds",
    [
        QuizQuestion(
            "An account with 800 followers posts a Reel that gets 40,000 views. How is that possible?",
            [Option("The feed recommends videos by interest: it showed the Reel to a test audience, people "
                    "watched and shared it, so it was shown to more people who do not follow the account.", True,
                    "Recommendation feeds distribute video by video, not by who follows whom."),
             Option("It cannot be: reach is a share of followers.", False,
                    "That was the follower feed of chapter 03; recommendation feeds reach non-followers."),
             Option("The views must be bots.", False,
                    "Possible, but nothing here suggests it: reach beyond followers is the normal way these "
                    "feeds work.")],
        ),
        QuizQuestion(
            "A 60-second video has a completion rate of 15% and a 20-second video 30%. Which holds viewers "
            "better?",
            [Option("You cannot tell from completion alone: longer videos always complete less; compare the "
                    "hook and the average percentage viewed, or retention at the same second.", True,
                    "Completion depends on length, so it does not compare videos of different lengths."),
             Option("The 20-second one: its completion is twice as high.", False,
                    "Twice as high partly because it is three times shorter."),
             Option("The 60-second one: people watch it longer.", False,
                    "Longer seconds watched is not better holding either; compare shares of the length.")],
        ),
        QuizQuestion(
            "On 31 March 2025 YouTube changed how Shorts views are counted. Your channel's Shorts views "
            "jumped by a third that week. What do you tell the client?",
            [Option("The count now includes every start and replay; compare with earlier Shorts using "
                    "engaged views, which kept the old definition.", True,
                    "A new definition, not new viewers (TeamYouTube's announcement, March 2025)."),
             Option("The new videos are much better.", False, "The videos did not change; the ruler did."),
             Option("YouTube now counts bots.", False, "It counts plays without a minimum watch time.")],
        ),
        QuizQuestion(
            "What do the platforms themselves say their short-video recommendations use? (choose the best "
            "answer)",
            [Option("What viewers do with the video — finishing it, rewatching, sharing, liking, 'not "
                    "interested' — together with information about the video and the viewer's settings.",
                    True, "TikTok (2020), Instagram (2023) and YouTube (2021) all describe signals of this "
                    "kind, without weights."),
             Option("Mostly the number of followers of the account.", False,
                    "TikTok says follower count is not a direct factor."),
             Option("The number of hashtags: the more, the better.", False,
                    "Hashtags describe the video; piling them on is not a signal of quality.")],
        ),
        QuizQuestion(
            "Which of these makes a short video accessible to people watching without sound and to deaf "
            "viewers?",
            [Option("Accurate captions (auto-captions checked and corrected) and key words as on-screen "
                    "text inside the safe zone.", True, "Captions carry speech; on-screen text carries the point."),
             Option("A trending song.", False, "Music does nothing for people who cannot hear it."),
             Option("Posting at the best hour.", False, "Timing is not accessibility.")],
        ),
        QuizQuestion(
            "The course's feed simulator says a hook 5 points weaker halves the reach. How should you use that?",
            [Option("As an illustration of why small changes in the opening can matter a lot; test it on "
                    "your own videos, because the model's stages and bars are the course's assumptions.",
                    True, "A toy model shows a mechanism, not a platform's numbers."),
             Option("As a rule: always aim for exactly the simulator's bars.", False,
                    "No platform publishes bars; the simulator's are invented to show the shape."),
             Option("Ignore it: openings do not matter.", False,
                    "Every platform's own explanation stresses what viewers do in the first seconds.")],
        ),
    ],
)

BANK = Bank(
    name="10_short_video",
    title="Short video and recommendation feeds",
    questions=QUESTIONS,
    datasets={"my_curve": _my_curve, "my_videos": _my_videos, "my_daily": _my_daily},
    quiz=QUIZ,
)
