"""Question bank of ``exercises/06_community.ipynb`` and the chapter-06 knowledge check.

Datasets: the student's personal ``my_mentions`` (400 mentions of Bahor Bank
over 12 weeks, with human sentiment labels) and ``my_inbox`` (200 messages to
the bank's page and when they were answered), both seeded by the student ID;
expected answers on them are recomputed from the same seed.
"""

from __future__ import annotations

import pandas as pd

from .. import community
from ..engine.questions import (
    Bank,
    Case,
    Choice,
    Classify,
    Context,
    Function,
    Misconception,
    Order,
    Thought,
    Value,
)
from ..engine.quiz import Option, Quiz, QuizQuestion

#: q5: texts to classify as mentions of "Bahor Bank" or not (the chapter's matcher rules).
Q5_TEXTS: dict[str, str] = {
    "Бахор Банк открыл новый офис": "brand",
    "#bahorbank the best app": "brand",
    "Bahr Bank charged me twice": "brand",
    "Baxor bank filiali yopiq": "brand",
    "Bahor keldi, hammaga muborak!": "not the brand",
    "Lola Bank has better rates": "not the brand",
    "Where is the nearest bankomat?": "not the brand",
}

#: q8: texts and whether VADER labels them the way a person would.
Q8_OPTIONS: dict[str, str] = {
    "a": "Terrible app, it crashed three times today.",
    "b": "Great, the app crashed again right before payday.",
    "c": "Бахор Банк — ужасный сервис.",
    "d": "Thanks for the friendly help at the branch, really happy!",
    "e": "Everyone said the new branch would be awful. It was not.",
}


def _my_mentions(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_mentions

    return generate_mentions(seed=ctx.seed)


def _my_inbox(ctx: Context) -> pd.DataFrame:
    return community.generate_messages(seed=ctx.seed)


# ----------------------------------------------------------------------------- expected answers


def _q1(ctx: Context) -> float:
    return float((ctx.data("my_mentions")["sentiment"] == "negative").mean())


def _q2(ctx: Context) -> list[str]:
    weekly = community.weekly_sentiment(ctx.data("my_mentions"))
    return weekly.loc[weekly["alert"], "week"].dt.strftime("%Y-%m-%d").tolist()


def negative_share(labels: list) -> float:
    """Reference for q3: share of 'negative' labels (any letter case); NaN for no labels."""
    if len(labels) == 0:
        return float("nan")
    return sum(str(label).strip().lower() == "negative" for label in labels) / len(labels)


def _q4(ctx: Context) -> int:
    core = community.build_semantic_core("Bahor Bank")
    return int(community.match_mentions(ctx.data("my_mentions"), core)["matched"].sum())


def _q6(ctx: Context) -> float:
    return community.sla_summary(ctx.data("my_inbox"), sla_hours=1).within_sla_rate


def _q7(ctx: Context) -> float:
    inbox = ctx.data("my_inbox")
    return community.sla_summary(inbox[inbox["kind"] == "complaint"], sla_hours=1).median_hours


# ----------------------------------------------------------------------------- likely mistakes


def _labels(ctx: Context) -> pd.Series:
    return ctx.data("my_mentions")["sentiment"]


Q1_MISTAKES = (
    Misconception("neutral mentions left out",
                  lambda ctx: float((_labels(ctx) == "negative").sum() / _labels(ctx).isin(["negative", "positive"]).sum()),
                  "You left the neutral mentions out of the denominator. Most talk about a brand is neutral and "
                  "it counts: negative / *all* mentions."),
    Misconception("negative / positive", lambda ctx: float((_labels(ctx) == "negative").sum() / (_labels(ctx) == "positive").sum()),
                  "You divided negative by positive mentions: a ratio, not a share. Divide by all mentions."),
    Misconception("count instead of share", lambda ctx: int((_labels(ctx) == "negative").sum()),
                  "That is the number of negative mentions. The share divides it by all mentions "
                  "(or take `.mean()` of the True/False column)."),
)


def _q2_lower_edge(ctx: Context) -> list[str]:
    weekly = community.weekly_sentiment(ctx.data("my_mentions"))
    alert = (weekly["negative_share"] > 0.15) & (weekly["mentions"] >= 5)
    return weekly.loc[alert, "week"].dt.strftime("%Y-%m-%d").tolist()


Q2_MISTAKES = (
    Misconception("lower edge of the band", _q2_lower_edge,
                  "You flagged every week above 15%, the band's lower edge. 15–25% negative is the normal "
                  "range of the rule of thumb; an alert is a week *above* 25% (with at least 5 mentions)."),
)


def _q4_exact(ctx: Context) -> int:
    return int(ctx.data("my_mentions")["text"].str.lower().str.contains("bahor bank", regex=False).sum())


Q4_MISTAKES = (
    Misconception("exact spelling only", _q4_exact,
                  "You searched for the exact text 'bahor bank'. People write Бахор Банк, Bakhor, #bahorbank "
                  "or make a typo: match with the semantic core, `community.match_mentions(my_mentions, core)`."),
    Misconception("all mentions", lambda ctx: len(ctx.data("my_mentions")),
                  "That is every mention in the file. The question asks how many of them the brand-only core "
                  "matches: sum the `matched` column."),
)


def _reply_hours(inbox: pd.DataFrame) -> pd.Series:
    return (inbox["replied"] - inbox["received"]).dt.total_seconds() / 3600


Q6_MISTAKES = (
    Misconception("unanswered left out",
                  lambda ctx: (lambda h: float((h.dropna() <= 1).mean()))(_reply_hours(ctx.data("my_inbox"))),
                  "You divided by the answered messages only, so silence does not count against you. "
                  "Unanswered messages are missed: divide by *all* messages."),
    Misconception("response rate", lambda ctx: float(ctx.data("my_inbox")["replied"].notna().mean()),
                  "That is the share of messages answered at all, at any time. The SLA counts only replies "
                  "within 1 hour."),
)


def _complaints(ctx: Context) -> pd.DataFrame:
    inbox = ctx.data("my_inbox")
    return inbox[inbox["kind"] == "complaint"]


Q7_MISTAKES = (
    Misconception("all messages, not complaints",
                  lambda ctx: float(_reply_hours(ctx.data("my_inbox")).median()),
                  "You used every message. The question is about complaints: filter "
                  "`my_inbox[my_inbox['kind'] == 'complaint']` first."),
    Misconception("mean instead of median", lambda ctx: float(_reply_hours(_complaints(ctx)).mean()),
                  "You took the mean; a complaint answered two days later pulls it far up. Take the median."),
    Misconception("minutes instead of hours", lambda ctx: float(_reply_hours(_complaints(ctx)).median() * 60),
                  "That is in minutes. Convert the reply times to hours: `.dt.total_seconds() / 3600`."),
)


QUESTIONS = [
    Value(key="q1", title="Your mentions: the share of all mentions labelled negative (a fraction).",
          expected=_q1, misconceptions=Q1_MISTAKES,
          hints=("Compare the `sentiment` column with 'negative' to get True/False per mention.",
                 "The mean of a True/False column is the share of True values."),
          on_correct="Compare it with the 15–25% band — but a 12-week average hides the bad weeks."),
    Value(key="q2", title="Your mentions: the weeks with an alert (negative share above 25% with at least "
                          "5 mentions: the course's alert rule, using the top of source 003's 15–25% rule of "
                          "thumb), as a list of the weeks' Mondays written 'YYYY-MM-DD', in order.",
          expected=_q2, misconceptions=Q2_MISTAKES,
          hints=("`community.weekly_sentiment(my_mentions)` gives one row per week with an `alert` column.",
                 "Keep the rows where `alert` is True and format the `week` column with "
                 "`.dt.strftime('%Y-%m-%d')`, then `.tolist()`."),
          on_correct="These are the weeks to read mention by mention."),
    Function(key="q3", title="Write `negative_share(labels)`: the share of labels equal to 'negative' "
                             "(ignore letter case and spaces around); an empty list gives NaN.",
             answer_name="negative_share", reference=negative_share,
             cases=[Case((["negative", "positive", "neutral", "negative"],), label="ordinary labels"),
                    Case((["Negative", " NEGATIVE ", "positive"],), label="mixed letter case and spaces"),
                    Case((["positive", "neutral"],), label="no negative labels"),
                    Case(([],), label="no labels at all (no division by zero!)")],
             hints=("Handle the empty list first: `if len(labels) == 0: return float('nan')`.",
                    "Normalise each label with `.strip().lower()` before comparing.")),
    Value(key="q4", title="Your mentions: how many match a semantic core built from the brand name alone, "
                          "`community.build_semantic_core('Bahor Bank')`?",
          expected=_q4, misconceptions=Q4_MISTAKES,
          hints=("`community.match_mentions(my_mentions, core)` adds a True/False `matched` column.",
                 "Sum the `matched` column."),
          on_correct="The rest are competitor and industry talk: a brand-only core misses them."),
    Classify(key="q5", title="Which texts mention the brand 'Bahor Bank' (in any script or with one typo "
                             "per word) and which do not?",
             groups=["brand", "not the brand"], expected=Q5_TEXTS,
             hints=("Transliterate Cyrillic to Latin first: Бахор → bakhor, one letter away from bahor.",
                    "The Uzbek word 'bahor' (spring) alone is not the brand: both words must be there.")),
    Value(key="q6", title="Your inbox: the share of *all* messages answered within 1 hour (unanswered "
                          "messages count as missed).",
          expected=_q6, misconceptions=Q6_MISTAKES,
          hints=("`community.sla_summary(my_inbox, sla_hours=1)` computes it.",
                 "Or by hand: reply time = replied − received; count replies of at most 1 hour and "
                 "divide by the number of all messages, answered or not.")),
    Value(key="q7", title="Your inbox: the median reply time in hours of the answered complaints "
                          "(`kind == 'complaint'`).",
          expected=_q7, misconceptions=Q7_MISTAKES,
          hints=("Filter the complaints first, drop the unanswered ones.",
                 "`(replied - received).dt.total_seconds() / 3600`, then `.median()`.")),
    Choice(key="q8", title="Which texts does VADER label *differently* from a person?",
           options=Q8_OPTIONS, correct=["b", "c", "e"],
           explanations={"a": "Plain English negative words: VADER gets it right.",
                         "d": "Plain English positive words: VADER gets it right."},
           hints=("VADER knows English words only, and cannot see irony.",
                  "Run `community.vader_scores([...])` on the five texts and compare with what you read.")),
    Order(key="q9", title="Put the moves of turning a public complaint around in order.",
          steps={"a": "Fix the problem and start an internal check.",
                 "b": "Come back to the public thread with the outcome.",
                 "c": "Answer quickly in public, thank the person and acknowledge the problem.",
                 "d": "Move the personal details to private messages, saying so publicly."},
          expected=["c", "d", "a", "b"],
          hints=("The first reply is public and fast.", "The story should also end in public.")),
    Thought(key="q10", title="Your weekly negative share is 8% every week, well below the 15–25% band. "
                             "Is that good news? Give two possible explanations and what you would check.",
            rubric=("1 point: two plausible explanations, e.g. negative comments deleted or hidden by "
                    "moderation, or monitoring that misses mentions (other spellings, scripts, networks).",
                    "1 point: what to check: the moderation log, the semantic core and its sources, a "
                    "sample of mentions read by hand."),
            hints=("Who decides which comments stay on the page? Which mentions does the monitoring find?",)),
]

QUIZ = Quiz(
    "Community and reputation",
    [
        QuizQuestion(
            "A customer posts an angry comment about a double charge. What should the first reply do?",
            [Option("Answer quickly in public, acknowledge the problem and move details to private messages.",
                    True, "Readers see the brand react; personal data stays private."),
             Option("Delete the comment so others do not see it.", False,
                    "Deleting honest complaints looks like censorship and the complaint moves elsewhere."),
             Option("Reply only in private, so the thread stays quiet.", False,
                    "Everyone else reading the thread sees no answer at all.")],
        ),
        QuizQuestion(
            "Which belong in a semantic core for monitoring a brand?",
            [Option("The brand in Cyrillic and Latin, with common typos and hashtags.", True,
                    "People write the name in many ways; each is a query."),
             Option("The CEO's name with a qualifier such as the job title.", True,
                    "A common name alone matches many other people."),
             Option("The single word 'bank'.", False, "Far too vague: thousands of irrelevant matches."),
             Option("Competitors' brands and industry phrases.", True,
                    "For competitor analysis and to find people choosing a provider.")],
        ),
        QuizQuestion(
            "VADER gives the Russian sentence «Ужасный сервис» ('awful service') a compound score of 0. Why?",
            [Option("Its lexicon has English words only, so it finds nothing to score.", True,
                    "Non-English text comes out neutral, whatever it says."),
             Option("The sentence is neutral.", False, "It is clearly negative to a Russian reader."),
             Option("VADER ignores short texts.", False, "Short English texts are scored normally.")],
        ),
        QuizQuestion(
            "A week has 40% negative mentions out of 50. What does the 15–25% rule of thumb suggest?",
            [Option("An alert: look for serious bad news or a worsening attitude and respond.", True,
                    "Above the band with enough mentions behind it."),
             Option("Nothing: one week does not matter.", False, "Surges are exactly what weekly tracking is for."),
             Option("Delete negative comments until the share is back in the band.", False,
                    "That hides the problem without solving it.")],
        ),
        QuizQuestion(
            "Which contest entry rule may a brand use on its Facebook Page (Meta's promotion rules, checked 2026)?",
            [Option("'Comment on this post to enter; the winner is drawn at random' with the official rules linked.",
                    True, "Entries by comment, like or message on the Page are allowed, with published rules."),
             Option("'Share this post on your timeline to enter.'", False,
                    "Personal timelines must not be used to run a promotion."),
             Option("'Tag three friends in the comments to enter.'", False,
                    "Friend connections must not be used to run a promotion either.")],
        ),
        QuizQuestion(
            "Two bloggers cost the same. A has 1,000,000 followers and 1,500 engagements per post; B has "
            "30,000 followers and 900. Your shop is local. Which is the better first test?",
            [Option("B first, if B's audience is in your city: ask both for their audience's cities, then test "
                    "B with a promo code.", True,
                    "Not because of engagement per follower: at the same price A brings more engagements "
                    "(1,500 against 900). A local shop needs local people, and B's small audience is more "
                    "likely to be local; the promo code shows whether it sells."),
             Option("A, because more followers always means more sales.", False,
                    "Followers can be bought and are rarely all in your city."),
             Option("Neither: influencers never work.", False, "Source 000 recommends them; choose on evidence.")],
        ),
    ],
)

BANK = Bank(
    name="06_community",
    title="Community and reputation",
    questions=QUESTIONS,
    datasets={"my_mentions": _my_mentions, "my_inbox": _my_inbox},
    quiz=QUIZ,
)
