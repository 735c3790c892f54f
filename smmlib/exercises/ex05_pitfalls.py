"""Question bank of ``exercises/05_pitfalls.ipynb`` and the chapter-05 knowledge check.

Datasets, all personal (seeded by the student ID): ``my_followers`` (180 days of
follower counts *without* the ground-truth column), ``my_comments``, ``my_posts``
and ``my_audit``. Expected answers are recomputed from the same seed; the
bot-day question is graded by precision and recall (:class:`~smmlib.engine.questions.Overlap`).
"""

from __future__ import annotations

import pandas as pd

from .. import pitfalls, platforms
from ..engine.questions import (
    Bank,
    Choice,
    Classify,
    Context,
    Misconception,
    Overlap,
    Thought,
    Value,
)
from ..engine.quiz import Option, Quiz, QuizQuestion

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
    Overlap(key="q1", heading="Which days brought bought followers",
            brief="The owner is pleased with the spring's follower growth and wants to put it in the quarterly "
                  "report. Before you do, find the days when bots were bought: they will never buy anything.",
            title="Which days of your follower series had bought-bot spikes? Give the dates "
                  "(a list, or the `date` values of the flagged rows). Graded by precision and recall: at "
                  "least 0.75 of your days must be real spikes, and you must find at least 0.75 of them.",
            expected=_q1, item_key=_day, min_precision=0.75, min_recall=0.75, decision=True,
            hints=("A bot day gains many times the usual number of followers. Compare each day with what is "
                   "normal around it, measured robustly: one huge spike drags a mean and a standard deviation up "
                   "so far that it hides itself, while a median and the median absolute deviation (MAD) hardly "
                   "move.",
                   "Baseline: the median of `new_followers` over a window of 15 days centred on each day. "
                   "Residual: the day's gain minus its baseline. Scale: 1.4826 × the median of the absolute "
                   "deviations of the residuals from their median (the MAD, scaled like a standard deviation). "
                   "Flag the days whose residual / scale is above 5.",
                   "```python\n"
                   "gains = my_followers['new_followers']\n"
                   "baseline = gains.rolling(15, center=True, min_periods=1).median()\n"
                   "residual = gains - baseline\n"
                   "scale = 1.4826 * (residual - residual.median()).abs().median()\n"
                   "flagged = residual / scale > 5\n"
                   "my_followers.loc[flagged, 'date'].tolist()\n"
                   "```"),
            on_correct="Graded by precision and recall: a good method may miss or add a day. The trade-off is "
                       "the threshold: at 5 robust standard deviations you rarely accuse a real good day (a "
                       "contest, a viral post) but may miss a small purchase; at 3 you catch more bots and flag "
                       "honest days too. Before you tell the owner, look at each flagged day: did reach or "
                       "engagement rise with it (real people), or only the count (bots)?"),
    Value(key="q2", heading="How many comments get an answer",
          brief="A customer complained that 'nobody ever answers here'. The owner asks how often the page "
                "really answers its comments.",
          title="Response rate of your comments: answered comments / all comments (a fraction).",
          expected=_q2, misconceptions=Q2_MISTAKES,
          hints=("A response rate is a share: the comments answered out of all comments, however late the "
                 "answer came.",
                 "The `answered` column is True or False for each comment; the share of True values over all "
                 "rows is the rate.",
                 "`my_comments['answered'].mean()` (the mean of a True/False column is the share of True)")),
    Value(key="q3", heading="How long an answer takes",
          brief="The owner wants to promise customers an answer time in the page's description. Measure the "
                "typical wait first.",
          title="Median response time in hours, over the answered comments only.",
          expected=_q3, misconceptions=Q3_MISTAKES,
          hints=("The typical wait is a median: a few answers days later would pull a mean far up. Unanswered "
                 "comments have no wait time at all.",
                 "Keep the answered comments only (their `response_hours` is a number; unanswered ones are "
                 "NaN), then take the median of the hours.",
                 "`my_comments.loc[my_comments['answered'], 'response_hours'].median()`")),
    Value(key="q4", heading="Where to put the moderator",
          brief="The owner can pay a part-time moderator for one network next month and asks where commenters "
                "are most often left without an answer.",
          title="Which platform has the lowest response rate in your comments? (its name as text)",
          expected=_q4, misconceptions=Q4_MISTAKES, decision=True,
          hints=("Compare the response rate (answered / all comments) network by network.",
                 "Group the comments by `platform`, take each group's share of answered comments, and pick the "
                 "platform with the smallest share.",
                 "`rates = my_comments.groupby('platform')['answered'].mean()`, then `rates.idxmin()`"),
          on_correct="The trade-off: the lowest rate is where a single commenter is most likely ignored, but "
                     "a network with few comments may leave fewer people waiting than a busy one with a better "
                     "rate. Before moving the moderator, also count the unanswered comments per network "
                     "(comments × (1 − rate)): if both point to the same network, the choice is clear."),
    Value(key="q5", heading="Do advertising posts engage less",
          brief="The owner wants more sales posts. Before you agree, compare how the page's advertising posts "
                "engage with the rest.",
          title="In your posts, the median per-post engagement rate of advertising posts divided by "
                "the median of all other posts (a ratio, e.g. 0.4).",
          expected=_q5, misconceptions=Q5_MISTAKES,
          hints=("Compare typical posts of each kind: the median engagement rate by reach of advertising "
                 "posts against that of all the other posts.",
                 "Per post, the engagement rate is (likes + comments + shares) / reach. Split the posts into "
                 "those whose `category` is 'advertising' and the rest, take the median rate of each part and divide the advertising "
                 "median by the other one.",
                 "```python\n"
                 "rate = (my_posts['likes'] + my_posts['comments'] + my_posts['shares']) / my_posts['reach']\n"
                 "ad = my_posts['category'] == 'advertising'\n"
                 "rate[ad].median() / rate[~ad].median()\n"
                 "```"),
          on_correct="Your posts are simulated with weaker advertising posts built in, so this practises the "
                     "method only; on your own export it becomes a real check."),
    Value(key="q6", heading="Which mistakes to raise with the client",
          brief="A new client sends you their account's figures before the first meeting. Decide which "
                "problems to put on the agenda.",
          title="Diagnose your account audit (`my_audit`): which mistakes do its figures show, by the "
                "course's thresholds in `pitfalls.AUDIT_RULES` (flags to check, not verdicts)? Answer "
                "with a list of codes from `pitfalls.MISTAKES`.",
          expected=_q6, compare=_same_codes, decision=True,
          hints=("Each mistake has one rule: a figure of the audit compared with a threshold. A broken rule is "
                 "a flag to raise, not a verdict.",
                 "Go through `pitfalls.AUDIT_RULES` one rule at a time, read the figure it names in the audit, "
                 "and keep the code of every rule the figure breaks (some rules have two conditions joined by "
                 "'or' or 'and').",
                 "```python\n"
                 "a = my_audit.iloc[0]\n"
                 "found = []\n"
                 "if a['advertising_share'] > 0.2:\n"
                 "    found.append('hard_selling')\n"
                 "if a['response_rate'] < 0.5 or a['median_response_hours'] > 24:\n"
                 "    found.append('ignored_comments')\n"
                 "# ... one `if` for each of the other four rules\n"
                 "```"),
          on_correct="The trade-off of fixed thresholds: they make the audit quick and the same for every "
                     "client, but a figure just inside a rule can still be a problem and one outside it can "
                     "have a good reason (a holiday silence, a contest spike). Raise each flag as a question "
                     "at the meeting, with the figure behind it, rather than as a verdict."),
    Classify(key="q7", heading="Myths and facts about SMM",
             brief="A sceptical shop owner repeats what they have heard about social media. Sort what is a "
                   "myth from what the course's sources and data support.",
             title="Myth or fact? Answer with a dict statement → `'myth'` or `'fact'`.",
             groups=("myth", "fact"), expected=MYTH_OR_FACT,
             hints=("Source 003 lists four myths.",
                    "Chapter 03 (organic reach) and 04 (summed reach, bots and rates) give the facts.")),
    Choice(key="q8", heading="Why not post three times a day",
           brief="The client's nephew suggests posting three times a day 'to be seen more'. Which arguments "
                 "against it does source 000 give?",
           title="Why not post three times a day? Source 000 gives several reasons; choose all that are its.",
           options={"a": "It is illogical: more resources, not more sales; one good post beats ten useless ones.",
                    "b": "It is boring: people tire of branded content.",
                    "c": "It adds no information: important posts get lost.",
                    "d": "The networks forbid more than two posts a day."},
           correct=["a", "b", "c"],
           explanations={"d": "No network has such a rule; the limit is your audience's patience."},
           hints=("Source 000 argues from the audience and from the business, not from platform rules.",
                  "For each option ask whether it is about what people tire of or miss, or about what the "
                  "posts cost; three of the four are the source's reasons, and the odd one claims a rule "
                  "no network has.")),
    Thought(key="q9", heading="Doubled followers, halved engagement",
            brief="A client proudly shows you their page's last week.",
            title="A client proudly shows a follower count that doubled in a week and an engagement rate "
                  "by followers that halved. What do you tell them, and what would you check?",
            rubric=("1 point: names the likely cause: bought or bot followers who rarely or never engage; the rate "
                    "halved because its denominator doubled.",
                    "1 point: says what to check: spikes in the daily new followers, the new followers' "
                    "profiles, and reach and engagement by reach, which bots do not move."),
            hints=("What do bots do to an engagement rate by followers?", "Where in the data would you look?")),
]

QUIZ = Quiz(
    "Pitfalls",
    [
        QuizQuestion(
            "Why does the spike detector use the median and MAD instead of the mean and standard deviation?",
            [Option("The spikes themselves inflate the mean and standard deviation, hiding the spikes.", True,
                    "Medians and MAD hardly move when a few days are extreme."),
             Option("The median is faster to compute.", False, "Speed is not the point; robustness is."),
             Option("The mean cannot be computed for follower counts.", False,
                    "It can; it is just pulled by outliers.")],
        ),
        QuizQuestion(
            "The chapter's fatigue model shows net growth peaking at 1-2 posts a day, as source 002 says. "
            "What does that tell you about the rule?",
            [Option("Nothing new: the model's parameters were chosen to agree with the rule, so it only "
                    "illustrates why more posts could hurt.", True,
                    "Test the rhythm on a real page, in alternating periods, before trusting any number."),
             Option("It confirms the rule with data.", False,
                    "The model's output follows from its invented parameters; change them and the peak moves."),
             Option("It proves that three posts a day always shrink an audience.", False,
                    "Even source 003 allows up to five updates a day on Facebook.")],
        ),
        QuizQuestion(
            "How long does source 002 say a viral post works?",
            [Option("2-3 days at most, unlike an SEO article that keeps bringing traffic.", True,
                    "Virality brings people fast; search brings them for a long time."),
             Option("About a month.", False, "The source says 2-3 days at most."),
             Option("As long as an SEO article.", False, "The source contrasts the two.")],
        ),
        QuizQuestion(
            "Which figures of an account can show the mistake 'who needs comments?' (choose all that apply)",
            [Option("A low response rate.", True, "Many comments get no answer."),
             Option("A long median response time.", True, "Answers come, but too late."),
             Option("A high share of advertising posts.", False, "That shows hard selling.")],
        ),
        QuizQuestion(
            "Source 001 recommends the Klout score to measure SMM. What is the problem today?",
            [Option("Klout closed in 2018, and single opaque scores are fragile anyway.", True,
                    "Use the metrics that fit the goal, each with its definition."),
             Option("Klout only measured Facebook.", False, "It combined several networks; it closed in 2018."),
             Option("Nothing: it is still the standard.", False, "Klout closed in 2018.")],
        ),
    ],
)

BANK = Bank(
    name="05_pitfalls",
    title="Pitfalls",
    questions=QUESTIONS,
    datasets={"my_followers": _my_followers, "my_comments": _my_comments, "my_posts": _my_posts,
              "my_audit": _my_audit},
    quiz=QUIZ,
)
