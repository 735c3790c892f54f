"""Question bank of ``exercises/06_community.ipynb`` and the chapter-06 knowledge check.

Datasets: the student's personal ``my_mentions`` (400 mentions of Bahor Bank
over 12 weeks, with human sentiment labels) and ``my_inbox`` (200 messages to
the bank's page and when they were answered), both seeded by the student ID;
expected answers on them are recomputed from the same seed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import community
from ..engine.questions import (
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
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex06_community.toml")

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
    Value(**TEXT("q1"), expected=_q1, misconceptions=Q1_MISTAKES),
    Value(**TEXT("q2"), expected=_q2, misconceptions=Q2_MISTAKES, decision=True),
    Function(**TEXT("q3"), answer_name="negative_share", reference=negative_share,
             cases=[Case((["negative", "positive", "neutral", "negative"],), label="ordinary labels"),
                    Case((["Negative", " NEGATIVE ", "positive"],), label="mixed letter case and spaces"),
                    Case((["positive", "neutral"],), label="no negative labels"),
                    Case(([],), label="no labels at all (no division by zero!)")]),
    Value(**TEXT("q4"), expected=_q4, misconceptions=Q4_MISTAKES),
    Classify(**TEXT("q5"), groups=["brand", "not the brand"], expected=Q5_TEXTS),
    Value(**TEXT("q6"), expected=_q6, misconceptions=Q6_MISTAKES),
    Value(**TEXT("q7"), expected=_q7, misconceptions=Q7_MISTAKES),
    Choice(**TEXT("q8"), correct=["b", "c", "e"]),
    Order(**TEXT("q9"), expected=["c", "d", "a", "b"]),
    Thought(**TEXT("q10")),
    Value(**TEXT("q11"),
          brief="The head of customer service has budget for one extra moderator shift and asks whether to "
                f"put it outside the team's working hours ({WORK_START}:00–{WORK_END}:00).",
          title="Your inbox: of all messages that missed the 1-hour SLA (answered late or never), what share "
                f"arrived outside working hours (before {WORK_START}:00 or from {WORK_END}:00)? (a fraction)",
          expected=_q11, misconceptions=Q11_MISTAKES, decision=True),
]

BANK = TEXT.bank("06_community", QUESTIONS,
                 datasets={"my_mentions": _my_mentions, "my_inbox": _my_inbox})
