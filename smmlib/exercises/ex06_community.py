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


def _core_matches(ctx: Context) -> pd.Series:
    """True for each mention the chapter's matcher finds with the brand-only core."""
    core = community.build_semantic_core("Bahor Bank")
    return community.match_mentions(ctx.data("my_mentions"), core)["matched"].astype(bool)


def _exact(ctx: Context) -> pd.Series:
    """True for each mention whose text contains 'bahor bank' exactly (any letter case)."""
    return ctx.data("my_mentions")["text"].str.lower().str.contains("bahor bank", regex=False)


def _q4(ctx: Context) -> float:
    found, exact = _core_matches(ctx), _exact(ctx)
    return float((found & ~exact).sum() / found.sum())


def _q6(ctx: Context) -> float:
    return community.sla_summary(ctx.data("my_inbox"), sla_hours=1).within_sla_rate


def _q7(ctx: Context) -> float:
    inbox = ctx.data("my_inbox")
    return community.sla_summary(inbox[inbox["kind"] == "complaint"], sla_hours=1).median_hours


#: q11: the moderators' working hours (messages received from 9:00 to 17:59 are "in hours").
WORK_START, WORK_END = 9, 18


def _missed_and_outside(ctx: Context) -> tuple[pd.Series, pd.Series]:
    """Per message: missed the 1-hour SLA (late or never answered), and received outside working hours."""
    inbox = ctx.data("my_inbox")
    hours = (inbox["replied"] - inbox["received"]).dt.total_seconds() / 3600
    hour = inbox["received"].dt.hour
    return ~(hours <= 1), (hour < WORK_START) | (hour >= WORK_END)


def _q11(ctx: Context) -> float:
    missed, outside = _missed_and_outside(ctx)
    return float((missed & outside).sum() / missed.sum())


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
                  "range of the rule of thumb; an alert is a week *above* 25% (with at least 5 mentions). "
                  "Escalating normal weeks costs the PR team hours and teaches them to ignore alerts."),
)


Q4_MISTAKES = (
    Misconception("share of all mentions", lambda ctx: float((_core_matches(ctx) & ~_exact(ctx)).sum() / len(_exact(ctx))),
                  "You divided by every mention in the file, competitor and industry talk included. The "
                  "question is about the brand's own mentions: divide by the mentions the core finds."),
    Misconception("share the exact search finds",
                  lambda ctx: float((_core_matches(ctx) & _exact(ctx)).sum() / _core_matches(ctx).sum()),
                  "That is the share the exact search *finds*. The question asks what it misses: the core's "
                  "matches whose text does not contain 'bahor bank'."),
    Misconception("count instead of share", lambda ctx: int((_core_matches(ctx) & ~_exact(ctx)).sum()),
                  "That is the number of mentions the exact search misses. The share divides it by all the "
                  "mentions the core finds."),
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


def _q11_share_of_messages(ctx: Context) -> float:
    return float(_missed_and_outside(ctx)[1].mean())


def _q11_late_only(ctx: Context) -> float:
    inbox = ctx.data("my_inbox")
    late = _reply_hours(inbox) > 1
    return float((late & _missed_and_outside(ctx)[1]).sum() / late.sum())


def _q11_miss_rate(ctx: Context) -> float:
    missed, outside = _missed_and_outside(ctx)
    return float(missed[outside].mean())


Q11_MISTAKES = (
    Misconception("share of all messages", _q11_share_of_messages,
                  "That is the share of *all* messages that arrive outside working hours. The shift decision "
                  "needs the share of the *missed* ones: missed and outside / all missed. Many evening "
                  "messages would not need a shift if they were answered in time."),
    Misconception("unanswered left out", _q11_late_only,
                  "You counted only late replies as missed. A message never answered misses the SLA too (its "
                  "reply time is NaN, so `hours > 1` is False for it): count missed as `~(hours <= 1)`."),
    Misconception("miss rate outside hours", _q11_miss_rate,
                  "That is how often a message received outside hours is missed: the wrong way round. The "
                  "manager needs the share of all misses that happen outside hours: missed and outside / "
                  "all missed. A bad rate on few messages may not be worth a shift."),
)


QUESTIONS = [
    Value(key="q1", heading="How negative is the talk about the bank",
          brief="Bahor Bank's marketing head asks for one number for the quarterly board slide: how much of "
                "what people say about the bank is negative.",
          title="Your mentions: the share of all mentions labelled negative (a fraction).",
          expected=_q1, misconceptions=Q1_MISTAKES,
          hints=("A share of mentions: the negative ones out of *all* mentions, neutral ones included.",
                 "Mark each mention True when its `sentiment` is 'negative', then take the share of True "
                 "values over all rows.",
                 "`(my_mentions['sentiment'] == 'negative').mean()`"),
          on_correct="Compare it with the 15–25% band — but a 12-week average hides the bad weeks."),
    Value(key="q2", heading="Which weeks to escalate",
          brief="The PR team reads mentions one by one only in weeks that look bad. Decide which weeks go to "
                "them, by the course's alert rule.",
          title="Your mentions: the weeks with an alert (negative share above 25% with at least "
                "5 mentions: the course's alert rule, using the top of source 003's 15–25% rule of "
                "thumb), as a list of the weeks' Mondays written 'YYYY-MM-DD', in order.",
          expected=_q2, misconceptions=Q2_MISTAKES, decision=True,
          hints=("Cut the 12 weeks into Monday-to-Sunday weeks and judge each week on its own: its share of "
                 "negative mentions against the top of the band, with enough mentions behind it.",
                 "Find each mention's Monday (its date minus its weekday number in days). Per Monday, count "
                 "the mentions and the share labelled negative. Keep the weeks with a share above 0.25 and "
                 "at least 5 mentions, and write their Mondays as text, in date order.",
                 "```python\n"
                 "monday = my_mentions['date'].dt.to_period('W-SUN').dt.start_time  # the week's Monday\n"
                 "weeks = (my_mentions['sentiment'] == 'negative').groupby(monday).agg(['mean', 'size'])\n"
                 "alert = weeks[(weeks['mean'] > 0.25) & (weeks['size'] >= 5)]\n"
                 "alert.index.strftime('%Y-%m-%d').tolist()\n"
                 "```"),
          on_correct="These are the weeks to read mention by mention. The trade-off is in the rule: a lower "
                     "bar (15%) would send the PR team most weeks and teach them to ignore alerts; a higher one "
                     "would miss a slow-burning problem; the 5-mention minimum stops 2 complaints out of 3 "
                     "mentions from waking anyone up, at the price of missing a quiet week's real complaint."),
    Function(key="q3", heading="A negative-share function that survives messy labels",
             brief="The monitoring export arrives with labels typed by different people ('Negative', ' "
                   "NEGATIVE ') and sometimes empty. Write the share so that it never breaks the weekly report.",
             title="Write `negative_share(labels)`: the share of labels equal to 'negative' "
                   "(ignore letter case and spaces around); an empty list gives NaN.",
             answer_name="negative_share", reference=negative_share,
             cases=[Case((["negative", "positive", "neutral", "negative"],), label="ordinary labels"),
                    Case((["Negative", " NEGATIVE ", "positive"],), label="mixed letter case and spaces"),
                    Case((["positive", "neutral"],), label="no negative labels"),
                    Case(([],), label="no labels at all (no division by zero!)")],
             hints=("Two traps: labels written differently, and a list with nothing in it.",
                    "Return NaN for an empty list before dividing; otherwise tidy each label (remove the "
                    "spaces around it, make it lower case), count the 'negative' ones and divide by the "
                    "number of labels.",
                    "`if len(labels) == 0: return float('nan')`, then "
                    "`sum(str(x).strip().lower() == 'negative' for x in labels) / len(labels)`")),
    Value(key="q4", heading="What an exact-name search misses",
          brief="The bank's old monitoring searched for the text 'bahor bank' only. The marketing head asks "
                "how much of the talk about the bank it never saw.",
          title="Of your mentions that the brand-only semantic core matches "
                "(`community.build_semantic_core('Bahor Bank')`), what share does a search for the exact text "
                "'bahor bank' (any letter case) miss? (a fraction)",
          expected=_q4, misconceptions=Q4_MISTAKES,
          hints=("People write the brand in Cyrillic, as one word, as a hashtag or with a typo; an exact text "
                 "search sees one spelling only.",
                 "Mark the mentions the chapter's matcher finds with the brand-only core, and the mentions "
                 "whose lower-cased text contains 'bahor bank'. The share missed is the matched mentions "
                 "without the exact text, divided by all matched mentions.",
                 "```python\n"
                 "core = community.build_semantic_core('Bahor Bank')\n"
                 "found = community.match_mentions(my_mentions, core)['matched']\n"
                 "exact = my_mentions['text'].str.lower().str.contains('bahor bank', regex=False)\n"
                 "(found & ~exact).sum() / found.sum()\n"
                 "```"),
          hint_calls={"community.build_semantic_core": "the chapter's core is a tool; the point is what "
                                                       "the exact search misses",
                      "community.match_mentions": "the chapter's matcher is a tool; the point is the missed "
                                                  "share"},
          on_correct="That much of the brand's talk was invisible to the old search: spellings, scripts and "
                     "hashtags are queries too."),
    Classify(key="q5", heading="Brand mention or not",
             brief="Before you trust the matcher, check it on a few texts from the feed: which of them are "
                   "about the bank?",
             title="Which texts mention the brand 'Bahor Bank' (in any script or with one typo "
                   "per word) and which do not?",
             groups=["brand", "not the brand"], expected=Q5_TEXTS,
             hints=("Transliterate Cyrillic to Latin first: Бахор → bakhor, one letter away from bahor.",
                    "The Uzbek word 'bahor' (spring) alone is not the brand: both words must be there.")),
    Value(key="q6", heading="Does the inbox meet the 1-hour promise",
          brief="The bank's page promises an answer within 1 hour. The head of customer service asks how "
                "often that promise is kept.",
          title="Your inbox: the share of *all* messages answered within 1 hour (unanswered "
                "messages count as missed).",
          expected=_q6, misconceptions=Q6_MISTAKES,
          hints=("A service-level share: messages answered in time out of *all* messages; a message never "
                 "answered is a miss, not an exception.",
                 "Reply time = replied − received, in hours. Count the messages whose reply time is at most "
                 "1 hour (unanswered ones have no time and never count) and divide by the number of all "
                 "messages.",
                 "`hours = (my_inbox['replied'] - my_inbox['received']).dt.total_seconds() / 3600`, then "
                 "`(hours <= 1).sum() / len(my_inbox)`")),
    Value(key="q7", heading="How long complaints wait",
          brief="An angry customer says complaints wait 'for ages'. Measure the typical wait of a complaint "
                "that was answered.",
          title="Your inbox: the median reply time in hours of the answered complaints "
                "(`kind == 'complaint'`).",
          expected=_q7, misconceptions=Q7_MISTAKES,
          hints=("The typical wait is a median, over the complaints only, in hours.",
                 "Keep the messages of kind 'complaint' that have a reply, compute replied − received in "
                 "hours, and take the median.",
                 "`c = my_inbox[my_inbox['kind'] == 'complaint'].dropna(subset=['replied'])`, then "
                 "`((c['replied'] - c['received']).dt.total_seconds() / 3600).median()`")),
    Choice(key="q8", heading="Where VADER gets it wrong",
           brief="A vendor offers to label the bank's mentions automatically with VADER. Before you agree, "
                 "see which texts it would get wrong.",
           title="Which texts does VADER label *differently* from a person?",
           options=Q8_OPTIONS, correct=["b", "c", "e"],
           explanations={"a": "Plain English negative words: VADER gets it right.",
                         "d": "Plain English positive words: VADER gets it right."},
           hints=("VADER knows English words only, and cannot see irony.",
                  "For each text, decide the label a person would give; then ask whether VADER's English word "
                  "list knows its words, and whether irony or a later sentence turns the meaning round.",
                  "Check your predictions: run `community.vader_scores([...])` on the five texts and compare "
                  "its labels with yours."),
           hint_calls={"community.vader_scores": "running VADER only checks the student's own predictions of "
                                                 "its errors"}),
    Order(key="q9", heading="Turning a public complaint around",
          brief="A customer's post about a double charge is collecting angry replies under the bank's post.",
          title="Put the moves of turning a public complaint around in order.",
          steps={"a": "Fix the problem and start an internal check.",
                 "b": "Come back to the public thread with the outcome.",
                 "c": "Answer quickly in public, thank the person and acknowledge the problem.",
                 "d": "Move the personal details to private messages, saying so publicly."},
          expected=["c", "d", "a", "b"],
          hints=("The first reply is public and fast.", "The story should also end in public.")),
    Thought(key="q10", heading="Is a low negative share good news",
            brief="A new client's monitoring report shows the same 8% negative every week.",
            title="Your weekly negative share is 8% every week, well below the 15–25% band. "
                  "Is that good news? Give two possible explanations and what you would check.",
            rubric=("1 point: two plausible explanations, e.g. negative comments deleted or hidden by "
                    "moderation, or monitoring that misses mentions (other spellings, scripts, networks).",
                    "1 point: what to check: the moderation log, the semantic core and its sources, a "
                    "sample of mentions read by hand."),
            hints=("Who decides which comments stay on the page? Which mentions does the monitoring find?",
                   "A good answer gives two explanations (the page hides or deletes negative comments; the "
                   "monitoring's search misses where the complaints are: other spellings, other networks, "
                   "private messages) and says what you would check for each (the moderation log; a sample "
                   "found with a wider semantic core).")),
    Value(key="q11", heading="Would an evening shift fix the misses",
          brief="The head of customer service has budget for one extra moderator shift and asks whether to "
                f"put it outside the team's working hours ({WORK_START}:00–{WORK_END}:00).",
          title="Your inbox: of all messages that missed the 1-hour SLA (answered late or never), what share "
                f"arrived outside working hours (before {WORK_START}:00 or from {WORK_END}:00)? (a fraction)",
          expected=_q11, misconceptions=Q11_MISTAKES, decision=True,
          hints=("The decision needs to know where the misses are: the share of all misses that happen "
                 "outside working hours, not how bad a single hour is.",
                 "Mark each message as missed when it was not answered within 1 hour (unanswered ones "
                 "included) and as outside when the hour it was received is before 9 or from 18 on. Divide "
                 "the messages that are both by all missed messages.",
                 "```python\n"
                 "hours = (my_inbox['replied'] - my_inbox['received']).dt.total_seconds() / 3600\n"
                 "missed = ~(hours <= 1)\n"
                 "hour = my_inbox['received'].dt.hour\n"
                 "outside = (hour < 9) | (hour >= 18)\n"
                 "(missed & outside).sum() / missed.sum()\n"
                 "```"),
          on_correct="If most misses come outside working hours, an evening shift (or an honest auto-reply "
                     "that promises a time) targets them. The trade-off: fewer messages arrive in the evening, "
                     "so the shift costs more per message rescued than daytime help; weigh it against what a "
                     "complaint left overnight costs the bank, and start with complaints."),
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
