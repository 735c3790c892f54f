"""Question bank of ``exercises/13_operations.ipynb`` and the chapter-13 knowledge check.

Datasets, all personal (seeded by the student ID) and simulated: ``my_hourly``
(mentions and negative mentions per hour of one week, with an incident; from
:func:`smmlib.operations.generate_mention_stream`), ``my_incident`` (when the
incident started and ended), ``my_inbox`` (a routed inbox, from
:func:`smmlib.operations.generate_inbox`) and ``my_colours`` (a brand's text
and background colours). Expected answers are recomputed from the same seed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import operations
from ..engine.questions import Choice, Classify, Context, Misconception, Order, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex13_operations.toml")

#: The alert rule of the detection questions.
RULE = operations.AlertRule(share=0.25, min_negative=3, window_hours=3)
#: Text and background colours a brand might choose (one pair per student).
PALETTES = (("#767676", "#ffffff"), ("#ffffff", "#e4002b"), ("#1a4d8f", "#f5f5f5"), ("#f7c600", "#ffffff"),
            ("#ffffff", "#00a19a"), ("#333333", "#ffd400"), ("#ffffff", "#7a3e9d"), ("#00843d", "#ffffff"),
            ("#595959", "#e8e8e8"), ("#ff6f00", "#ffffff"))


def _stream(ctx: Context) -> dict:
    return operations.generate_mention_stream(seed=ctx.seed)


def _my_hourly(ctx: Context) -> pd.DataFrame:
    stream = _stream(ctx)["stream"]
    hourly = operations.hourly_counts(stream, start=stream["time"].min().normalize(), end=stream["time"].max())
    return hourly[["mentions", "negative"]].reset_index()


def _my_incident(ctx: Context) -> pd.DataFrame:
    data = _stream(ctx)
    return pd.DataFrame({"incident_start": [data["incident_start"]], "incident_end": [data["incident_end"]]})


def _my_inbox(ctx: Context) -> pd.DataFrame:
    return operations.generate_inbox(seed=ctx.seed)[["message_id", "received", "text", "queue", "replied"]]


def _my_colours(ctx: Context) -> pd.DataFrame:
    text, background = PALETTES[ctx.seed % len(PALETTES)]
    return pd.DataFrame({"text_colour": [text], "background": [background]})


def _hourly(ctx: Context) -> pd.DataFrame:
    return ctx.data("my_hourly").set_index("hour")


def _start(ctx: Context) -> pd.Timestamp:
    return pd.Timestamp(ctx.data("my_incident")["incident_start"].iloc[0])


def _end(ctx: Context) -> pd.Timestamp:
    return pd.Timestamp(ctx.data("my_incident")["incident_end"].iloc[0])


# ----------------------------------------------------------------------------- expected answers


def _windows(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    hourly, start = _hourly(ctx), _start(ctx)
    first6 = hourly[(hourly.index >= start) & (hourly.index < start + pd.Timedelta(hours=6))]
    before = hourly[(hourly.index < start) & (hourly.index >= start - pd.Timedelta(hours=72))]
    return first6, before


def _q1(ctx: Context) -> float:
    first6, before = _windows(ctx)
    return float(first6["negative"].mean() / before["negative"].mean())


def _q1_mentions(ctx: Context) -> float:
    first6, before = _windows(ctx)
    return float(first6["mentions"].mean() / before["mentions"].mean())


def _q1_sum(ctx: Context) -> float:
    first6, before = _windows(ctx)
    return float(first6["negative"].sum() / before["negative"].mean())


def _q1_whole_week(ctx: Context) -> float:
    first6, _ = _windows(ctx)
    hourly = _hourly(ctx)
    return float(first6["negative"].mean() / hourly["negative"].mean())


def _alerts(ctx: Context, rule: operations.AlertRule = RULE) -> pd.Series:
    return operations.alert_hours(_hourly(ctx), rule)


def _q3(ctx: Context) -> float:
    return operations.detection_report(_alerts(ctx), _start(ctx), _end(ctx)).delay_hours


def _q3_first_of_week(ctx: Context) -> float:
    alerts = _alerts(ctx)
    return float((alerts[alerts].index[0] + pd.Timedelta(hours=1) - _start(ctx)) / pd.Timedelta(hours=1))


def _q4(ctx: Context) -> int:
    return operations.detection_report(_alerts(ctx), _start(ctx), _end(ctx)).false_alarms


def _q4_hours(ctx: Context) -> int:
    alerts = _alerts(ctx)
    outside = (alerts.index < _start(ctx)) | (alerts.index >= _end(ctx))
    return int(alerts[outside].sum())


def _q4_with_incident(ctx: Context) -> int:
    return _q4(ctx) + 1


def _q5(ctx: Context) -> pd.Series:
    return operations.queue_sla(ctx.data("my_inbox"))["within_target"]


def _q5_one_target(ctx: Context) -> pd.Series:
    inbox = ctx.data("my_inbox")
    return operations.queue_sla(inbox, {q: 1.0 for q in inbox["queue"].unique()})["within_target"]


def _q5_answered_only(ctx: Context) -> pd.Series:
    inbox = ctx.data("my_inbox")
    hours = (inbox["replied"] - inbox["received"]).dt.total_seconds() / 3600
    answered = inbox.assign(hours=hours).dropna(subset=["hours"])
    return (answered["hours"] <= answered["queue"].map(operations.RESPONSE_TARGETS)).groupby(answered["queue"]).mean()


def _colours(ctx: Context) -> tuple[str, str]:
    row = ctx.data("my_colours").iloc[0]
    return str(row["text_colour"]), str(row["background"])


def _q6(ctx: Context) -> float:
    return operations.contrast_ratio(*_colours(ctx))


def _q6_no_offset(ctx: Context) -> float:
    a, b = (operations.relative_luminance(c) for c in _colours(ctx))
    return max(a, b) / min(a, b)


def _q6_inverted(ctx: Context) -> float:
    return 1 / _q6(ctx)


def _q6_not_linearised(ctx: Context) -> float:
    def luminance(colour: str) -> float:
        text = colour.lstrip("#")
        r, g, b = (int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    a, b = (luminance(c) for c in _colours(ctx))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


# ----------------------------------------------------------------------------- likely mistakes

Q1_MISTAKES = (
    Misconception("all mentions", _q1_mentions,
                  "You compared all mentions. The playbook's trigger is the rate of *negative* mentions: divide "
                  "the negative mentions per hour in the incident's first 6 hours by their usual rate."),
    Misconception("sum instead of mean", _q1_sum,
                  "You divided the total of six hours by the usual rate of one hour. Compare like with like: "
                  "the mean per hour in the first 6 hours against the mean per hour before."),
    Misconception("whole week as the baseline", _q1_whole_week,
                  "Your usual level includes the incident itself, which pulls it up. Take the baseline from the "
                  "72 hours *before* the incident started."),
)
Q3_MISTAKES = (
    Misconception("first alert of the week", _q3_first_of_week,
                  "You measured to the first alert of the whole week, which came before the incident: a false "
                  "alarm. Look for the first alert hour at or after `incident_start`."),
    Misconception("start of the first alert hour", lambda ctx: _q3(ctx) - 1,
                  "You counted to the start of the first alert hour. That hour's mentions are only all in when "
                  "the hour ends, so an hourly check raises the alert then: count to the end of the alert hour "
                  "(1 means it fired on the incident's first hour)."),
)
Q4_MISTAKES = (
    Misconception("alert hours, not episodes", _q4_hours,
                  "You counted alert hours. A false alarm is one episode: consecutive alert hours wake the team "
                  "once. Count the runs of alert hours that start outside the incident."),
    Misconception("incident counted", _q4_with_incident,
                  "You counted the alert during the incident as well. That one is the true alarm; count only "
                  "the episodes that start before the incident or after it ended."),
)
Q5_MISTAKES = (
    Misconception("one target for all", _q5_one_target,
                  "You used one hour for every queue. Each queue has its own target (jobs 48 h, general 4 h, "
                  "the others 1 h): compare each message with its own queue's target."),
    Misconception("unanswered left out", _q5_answered_only,
                  "You left out the messages nobody answered. A message never answered missed its target "
                  "too: divide by all the queue's messages, as chapter 06's SLA does."),
)
Q6_MISTAKES = (
    Misconception("without the 0.05", _q6_no_offset,
                  "You divided the luminances directly. WCAG adds 0.05 to each (for the glare of a screen): "
                  "(L_lighter + 0.05) / (L_darker + 0.05)."),
    Misconception("darker over lighter", _q6_inverted,
                  "Your ratio is below 1: you divided the darker by the lighter. Put the lighter colour's "
                  "luminance on top, so the ratio runs from 1 to 21."),
    Misconception("channels not linearised", _q6_not_linearised,
                  "You weighted the raw channel values. Each channel (0-1) must first be linearised: c / 12.92 "
                  "when c <= 0.04045, else ((c + 0.055) / 1.055) ** 2.4."),
)

#: Drafts of the accessibility question (each has at most one problem) and their groups.
DRAFT_TEXTS = {
    "A": "Photo post, 1 image, alt text 'A red linen dress on a wooden hanger': 'New in: linen for hot days. "
         "#SummerDresses'",
    "B": "Reel with speech, no captions: 'Three ways to tie a scarf (watch till the end)'",
    "C": "Photo post, 2 images, no alt text: 'Our shop on Navoi street is open again!'",
    "D": "Photo post, 1 image with alt text: 'Weekend sale starts now #weekendsalevent'",
    "E": "Text post: 'SALE 🔥🔥🔥🔥 everything 🔥 must go 🔥🔥'",
}
DRAFTS = {"A": "ok", "B": "captions", "C": "alt text", "D": "hashtags", "E": "emoji"}

FACTS = ("Delivery in Tashkent 1-2 days, 25,000 so'm, free from 500,000 so'm. Returns within 14 days with "
         "the receipt. Open 9:00-21:00 every day in the shop on Navoi street. No exchanges of underwear.")
#: Five AI-drafted replies of the AI question, and the main problem of each.
REPLY_TEXTS = {
    "A": "'Hi Dilnoza! Delivery in Tashkent takes 1-2 days and costs 25,000 so'm, free from 500,000 so'm.'",
    "B": "'Of course! You can return anything within 30 days, no receipt needed.'",
    "C": "'Dear valued customer, we apologize for any inconvenience. Per our policy, your request is noted.'",
    "D": "'So sorry about the broken zip! We will send you a new jacket today and refund you twice.'",
    "E": "'We are open 9:00-21:00 every day; come to the Navoi street shop and we will help you choose a size.'",
}
REPLIES = {"A": "send", "B": "made-up fact", "C": "off-brand voice", "D": "promise beyond policy", "E": "send"}


def _listing(texts: dict[str, str]) -> str:
    return " ".join(f"({k}) {v}" for k, v in texts.items())


QUESTIONS = [
    Value(**TEXT("q1"), expected=_q1, misconceptions=Q1_MISTAKES),
    Choice(**TEXT("q2"), decision=True, correct="b"),
    Value(**TEXT("q3"), expected=_q3, misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=_q4, misconceptions=Q4_MISTAKES),
    Value(**TEXT("q5"), expected=_q5, misconceptions=Q5_MISTAKES),
    Value(**TEXT("q6"), expected=_q6, misconceptions=Q6_MISTAKES, rtol=1e-3),
    Classify(**TEXT("q7"),
             title="Put each draft (A-E) in the group of its accessibility problem (`ok` if none): "
                   + _listing(DRAFT_TEXTS),
             groups=("ok", "alt text", "captions", "hashtags", "emoji"), expected=DRAFTS),
    Classify(**TEXT("q8"),
             groups=("send", "made-up fact", "off-brand voice", "promise beyond policy"),
             expected=REPLIES),
    Choice(**TEXT("q9"), decision=True, correct="c"),
    Order(**TEXT("q10"), expected=["c", "d", "b", "a", "e"]),
    Thought(**TEXT("q11")),
]

BANK = TEXT.bank("13_operations", QUESTIONS,
                 datasets={"my_hourly": _my_hourly, "my_incident": _my_incident,
                           "my_inbox": _my_inbox, "my_colours": _my_colours})
