"""Running social day to day: crises, the inbox, approvals, accessibility and AI drafts.

The chapter "Running social day to day" (13) is about the work between the
strategy and the report: what the team does when a complaint becomes a storm,
how messages reach the right person in time, how a post gets approved, whether
everyone can read it, and how to review what an AI tool drafted.

- **Crisis playbook.** :data:`SEVERITY_LEVELS` and :func:`severity_level` map
  what is happening (negative mentions against their usual level, safety,
  legal or data problems, press interest) to a level with its owner, its
  first-response time and whether scheduled posts and ads stop;
  :func:`holding_statement` fills the first public message and
  :func:`fill_template` the other :data:`RESPONSE_TEMPLATES` (saved replies too);
  :func:`pause_plan` marks the posts of a chapter-02 content calendar
  (:func:`smmlib.content.generate_calendar`) to pause or review;
  :func:`incident_timeline` gives the post-mortem's durations.
- **Monitoring an incident.** :func:`generate_mention_stream` is a seeded,
  simulated hour-by-hour stream of mentions with one incident; its texts come
  from chapter 06's mention generator (:func:`smmlib.generate.generate_mentions`)
  and the notebook scores them with chapter 06's VADER wrapper
  (:func:`smmlib.community.vader_scores`). :func:`hourly_counts`,
  :func:`alert_hours` and :func:`detection_report` apply an alert rule (a
  trailing window, a minimum number of negative mentions and a negative share)
  and measure its detection delay and false alarms; :func:`threshold_tradeoff`
  tries many thresholds.
- **Inbox.** :func:`route_message` sends a message to a queue by its words;
  :func:`generate_inbox` gives chapter 06's simulated inbox
  (:func:`smmlib.community.generate_messages`) texts; :func:`queue_sla`
  measures each queue against its own target with chapter 06's
  :func:`smmlib.community.sla_summary`; :func:`overdue` lists the messages to
  escalate now.
- **Approvals.** :func:`approval_deadlines` works back from each post's
  publishing time through the approval steps (author, reviewer, approver).
- **Accessibility.** :func:`check_post` checks a post draft (alt text,
  captions, CamelCase hashtags, emoji, "fancy" Unicode letters);
  :func:`contrast_ratio` is the WCAG 2 contrast ratio of two colours.
- **AI drafts.** :func:`unsupported_numbers` lists the numbers an AI-drafted
  reply states that the brand's fact sheet does not; :func:`review_draft`
  adds the brand-voice and label checks.

Every threshold here is either a platform's or a standard's published rule
(WCAG's 4.5:1) or the course's own judgement, named as such.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import emoji
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import community, content, generate, validate
from .viz import OKABE_ITO

__all__ = [
    "CONTRAST_MINIMUM",
    "DEFAULT_RULE",
    "AlertRule",
    "Detection",
    "Finding",
    "Level",
    "RESPONSE_TARGETS",
    "RESPONSE_TEMPLATES",
    "ROUTING_RULES",
    "SEVERITY_LEVELS",
    "alert_hours",
    "approval_deadlines",
    "check_post",
    "contrast_ratio",
    "detection_report",
    "emoji_density",
    "fill_template",
    "generate_inbox",
    "generate_mention_stream",
    "holding_statement",
    "hourly_counts",
    "incident_timeline",
    "overdue",
    "pause_plan",
    "queue_sla",
    "relative_luminance",
    "review_draft",
    "route_message",
    "severity_level",
    "stream_figure",
    "threshold_tradeoff",
    "tradeoff_figure",
    "unsupported_numbers",
]


# ----------------------------------------------------------------------------- severity levels


@dataclass(frozen=True)
class Level:
    """One level of the crisis playbook: what it looks like, who decides and what happens."""

    number: int
    name: str
    looks_like: str
    who_decides: str
    first_response_hours: float
    pause_posts: str
    pause_ads: bool
    holding_statement: bool


#: The playbook's four levels (the course's own scheme; agencies use three to five).
SEVERITY_LEVELS: tuple[Level, ...] = (
    Level(1, "routine", "single complaints; negative mentions at their usual level",
          "the community manager", 1.0, "none", False, False),
    Level(2, "issue", "several people about the same problem; negative mentions 1.5-3 times their usual level",
          "the SMM lead, who tells the product or service owner", 1.0, "ads and humour", False, False),
    Level(3, "crisis", "negative mentions 3 or more times their usual level, or a journalist or large "
                       "blogger asking", "the crisis team: head of marketing, PR, the business owner", 1.0,
          "all", True, True),
    Level(4, "severe crisis", "anyone's safety or health, a data leak, a legal claim against the brand",
          "the chief executive with legal counsel", 0.5, "all", True, True),
)


def severity_level(negative_ratio: float, *, safety: bool = False, legal_or_data: bool = False,
                   press: bool = False) -> Level:
    """The playbook level for what is happening now.

    ``negative_ratio`` is the current rate of negative mentions (per hour)
    divided by its usual rate; ``safety``, ``legal_or_data`` (a data leak, a
    lawsuit, a regulator) and ``press`` (a journalist or a large blogger
    asking) raise the level whatever the volume.

    >>> severity_level(1.2).name, severity_level(2.0).name, severity_level(3.0).name
    ('routine', 'issue', 'crisis')
    >>> severity_level(1.0, press=True).number, severity_level(0.5, safety=True).number
    (3, 4)
    """
    ratio = validate.number("severity_level", "negative_ratio", negative_ratio)
    if safety or legal_or_data:
        return SEVERITY_LEVELS[3]
    if press or ratio >= 3:
        return SEVERITY_LEVELS[2]
    if ratio >= 1.5:
        return SEVERITY_LEVELS[1]
    return SEVERITY_LEVELS[0]


#: Response templates, written and approved in calm weeks; ``{names}`` are the facts to fill in.
RESPONSE_TEMPLATES: dict[str, str] = {
    "holding statement": ("We know that {problem}, and we are sorry for the trouble. Right now {action}. We will "
                          "post the next update here {next_update}. If you are affected, write to us {contact}."),
    "affected customer": ("Hello {name}, we are sorry: {problem}. {what_we_do} We will write to you again "
                          "{next_update}."),
    "resolved": ("Update: {problem} is fixed since {fixed_at}. {what_happened} If something still does not work "
                 "for you, write to us {contact}. Thank you for your patience."),
    "delivery (saved reply)": ("Hello {name}! Delivery in {city} takes {days} and costs {price}; it is free from "
                               "{free_from}."),
}


def fill_template(template: str, /, **facts: str) -> str:
    """One of the :data:`RESPONSE_TEMPLATES` with its facts filled in.

    Every blank must be given, as a non-empty text; a missing or extra fact is
    an error that names it (nothing half-filled goes out).

    >>> fill_template("affected customer", name="Aziza", problem="your order is two days late",
    ...               what_we_do="The courier brings it tomorrow before 12:00.", next_update="tomorrow at 12:00")
    'Hello Aziza, we are sorry: your order is two days late. The courier brings it tomorrow before 12:00. We will write to you again tomorrow at 12:00.'
    >>> fill_template("resolved", problem="card payment")
    Traceback (most recent call last):
    ...
    ValueError: fill_template(): 'resolved' needs contact, fixed_at, what_happened as well
    """
    if template not in RESPONSE_TEMPLATES:
        raise KeyError(f"fill_template(): no template {template!r}; templates: {', '.join(RESPONSE_TEMPLATES)}")
    text = RESPONSE_TEMPLATES[template]
    blanks = {field for _, field, _, _ in string.Formatter().parse(text) if field}
    missing, extra = sorted(blanks - set(facts)), sorted(set(facts) - blanks)
    if missing:
        raise ValueError(f"fill_template(): {template!r} needs {', '.join(missing)} as well")
    if extra:
        raise ValueError(f"fill_template(): {template!r} has no blank for {', '.join(extra)}; its blanks: "
                         f"{', '.join(sorted(blanks))}")
    for field, value in facts.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"fill_template(): {field} must be a non-empty text, got {value!r}")
    return text.format(**{k: v.strip() for k, v in facts.items()})


def holding_statement(problem: str, action: str, next_update: str, contact: str = "in private messages") -> str:
    """The first public message of a crisis: we know, what we are doing, when we speak next
    (the "holding statement" of :data:`RESPONSE_TEMPLATES`).

    A holding statement says what is known and no more: no guesses at causes,
    no blame, no promises the team cannot keep.

    >>> print(holding_statement("some card payments fail", "our engineers are restoring the service",
    ...                         "by 14:00"))
    We know that some card payments fail, and we are sorry for the trouble. Right now our engineers are restoring the service. We will post the next update here by 14:00. If you are affected, write to us in private messages.
    """
    return fill_template("holding statement", problem=problem, action=action, next_update=next_update,
                         contact=contact)


def pause_plan(calendar: pd.DataFrame, start: str, end: str, level: int | Level) -> pd.DataFrame:
    """The posts of a content calendar (chapter 02) between ``start`` and ``end``
    (dates, inclusive) with the ``action`` the playbook level asks for.

    Level 1 keeps everything; level 2 pauses advertising and humour and
    reviews the rest; levels 3 and 4 pause every post. Posts outside the
    window are not listed.

    >>> cal = pd.DataFrame({"date": pd.to_datetime(["2025-01-06", "2025-01-07", "2025-01-09"]),
    ...                     "category": ["advertising", "educational", "engaging"],
    ...                     "humour": [False, False, True]})
    >>> pause_plan(cal, "2025-01-06", "2025-01-08", 2)["action"].tolist()
    ['pause', 'review']
    """
    number = level.number if isinstance(level, Level) else validate.whole("pause_plan", "level", level, 1)
    if number > len(SEVERITY_LEVELS):
        raise ValueError(f"pause_plan(): level {number} does not exist; the playbook has levels 1 to "
                         f"{len(SEVERITY_LEVELS)}")
    missing = {"date", "category"} - set(calendar.columns)
    if missing:
        raise ValueError(f"pause_plan(): the calendar has no column(s) {sorted(missing)}; use a calendar "
                         "from smmlib.content.generate_calendar")
    unknown = sorted(set(calendar["category"]) - set(content.CATEGORIES))
    if unknown:
        raise ValueError(f"pause_plan(): categories {unknown} are not chapter 02's {list(content.CATEGORIES)}; "
                         "check the calendar with smmlib.content.validate_calendar")
    first, last = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if last < first:
        raise ValueError(f"pause_plan(): end {end} is before start {start}")
    dates = pd.to_datetime(calendar["date"]).dt.normalize()
    window = calendar[(dates >= first) & (dates <= last)].copy()
    humour = window["humour"].astype(bool) if "humour" in window.columns else False
    if number == 1:
        window["action"] = "keep"
    elif number == 2:
        window["action"] = np.where((window["category"] == "advertising") | humour, "pause", "review")
    else:
        window["action"] = "pause"
    return window


#: The moments a post-mortem's timeline needs, in order.
TIMELINE_EVENTS: tuple[str, ...] = ("started", "detected", "first_response", "resolved")


def incident_timeline(events: Mapping[str, str | pd.Timestamp]) -> pd.Series:
    """The post-mortem's three durations, in hours, from the four moments of an incident.

    ``time_to_detect`` = detected - started; ``time_to_respond`` =
    first_response - detected; ``time_to_resolve`` = resolved - started.

    >>> incident_timeline({"started": "2025-03-04 08:00", "detected": "2025-03-04 11:30",
    ...                    "first_response": "2025-03-04 12:15", "resolved": "2025-03-05 08:00"})
    time_to_detect      3.50
    time_to_respond     0.75
    time_to_resolve    24.00
    Name: hours, dtype: float64
    """
    missing = [e for e in TIMELINE_EVENTS if e not in events]
    if missing:
        raise ValueError(f"incident_timeline(): no time for {missing}; give all of {list(TIMELINE_EVENTS)}")
    times = {e: pd.Timestamp(events[e]) for e in TIMELINE_EVENTS}
    for a, b in zip(TIMELINE_EVENTS[:-1], TIMELINE_EVENTS[1:], strict=True):
        if times[b] < times[a]:
            raise ValueError(f"incident_timeline(): {b} ({times[b]}) is before {a} ({times[a]}); check the times")

    def hours(a: str, b: str) -> float:
        return (times[b] - times[a]).total_seconds() / 3600

    return pd.Series({"time_to_detect": hours("started", "detected"),
                      "time_to_respond": hours("detected", "first_response"),
                      "time_to_resolve": hours("started", "resolved")}, name="hours")


# ----------------------------------------------------------------------------- the mention stream


def _texts_by_label(seed: int) -> dict[str, list[str]]:
    """Mention texts from chapter 06's generator, grouped by their true label."""
    pool = generate.generate_mentions(seed=seed, n_mentions=600, weeks=12)
    return {label: group["text"].tolist() for label, group in pool.groupby("sentiment")}


def generate_mention_stream(seed: int = 0, days: int = 7, start: str = "2025-03-03",
                            incident_start: str | None = None, incident_hours: int = 18,
                            base_per_hour: float = 2.0, base_negative: float = 0.15,
                            incident_negative: float = 0.6, incident_volume: float = 3.0,
                            ramp_hours: int = 8) -> dict:
    """A SIMULATED stream of brand mentions, hour by hour, with one incident.

    Mentions arrive at ``base_per_hour`` on average, more in the day than at
    night; ``base_negative`` of them are negative. During the incident (from
    ``incident_start``, by default a random hour of the second half of the
    stream, for ``incident_hours``) the volume grows to ``incident_volume``
    times its usual level and the negative share to ``incident_negative``,
    in a straight line over the first ``ramp_hours`` (incidents build up:
    a few angry posts, then shares, then everyone). Texts are drawn from
    chapter 06's generated mentions with the same label.

    Returns ``{"stream": DataFrame, "incident_start": Timestamp, "incident_end":
    Timestamp}``; the stream has ``time``, ``text``, ``sentiment`` (the true
    label) and ``incident`` (True during the incident).

    >>> data = generate_mention_stream(seed=1, days=3)
    >>> list(data["stream"].columns)
    ['time', 'text', 'sentiment', 'incident']
    >>> bool(data["stream"]["incident"].any()), data["incident_end"] - data["incident_start"]
    (True, Timedelta('0 days 18:00:00'))
    """
    rng = np.random.default_rng(validate.whole("generate_mention_stream", "seed", seed))
    n_days = validate.whole("generate_mention_stream", "days", days, 2)
    length = validate.whole("generate_mention_stream", "incident_hours", incident_hours, 1)
    rate = validate.number("generate_mention_stream", "base_per_hour", base_per_hour, positive=True)
    p_base = validate.number("generate_mention_stream", "base_negative", base_negative, fraction=True)
    p_incident = validate.number("generate_mention_stream", "incident_negative", incident_negative, fraction=True)
    boost = validate.number("generate_mention_stream", "incident_volume", incident_volume, positive=True)
    ramp = validate.whole("generate_mention_stream", "ramp_hours", ramp_hours, 1)
    first = pd.Timestamp(start).normalize()
    hours = pd.date_range(first, periods=24 * n_days, freq="h")
    if incident_start is None:
        half = 24 * n_days // 2
        begin = hours[int(rng.integers(half, max(half + 1, 24 * n_days - length)))]
    else:
        begin = pd.Timestamp(incident_start)
        if not hours[0] <= begin <= hours[-1]:
            raise ValueError(f"generate_mention_stream(): incident_start {begin} is outside the stream "
                             f"({hours[0]} to {hours[-1]})")
    end = begin + pd.Timedelta(hours=length)
    daily = np.array([0.3] * 7 + [0.8, 1.2] + [1.4] * 9 + [1.2] * 4 + [0.7, 0.4])
    daily = daily / daily.mean()
    texts = _texts_by_label(int(rng.integers(2**31)))
    rows = []
    for hour in hours:
        during = begin <= hour < end
        grown = min(1.0, ((hour - begin).total_seconds() / 3600 + 1) / ramp) if during else 0.0
        count = int(rng.poisson(rate * daily[hour.hour] * (1 + (boost - 1) * grown)))
        p_negative = p_base + (p_incident - p_base) * grown
        for _ in range(count):
            roll = rng.random()
            label = "negative" if roll < p_negative else ("positive" if roll < p_negative + (1 - p_negative) * 0.45
                                                          else "neutral")
            pool = texts[label]
            minute = int(rng.integers(60))
            rows.append({"time": hour + pd.Timedelta(minutes=minute), "text": pool[int(rng.integers(len(pool)))],
                         "sentiment": label, "incident": bool(during)})
    stream = pd.DataFrame(rows, columns=["time", "text", "sentiment", "incident"])
    stream = stream.sort_values("time", kind="stable").reset_index(drop=True)
    stream["time"] = stream["time"].astype("datetime64[us]")
    return {"stream": stream, "incident_start": begin, "incident_end": end}


def hourly_counts(stream: pd.DataFrame, label_column: str = "sentiment", start: str | None = None,
                  end: str | None = None) -> pd.DataFrame:
    """Mentions and negative mentions per hour (hours without mentions count 0).

    The index is the hour; columns ``mentions``, ``negative`` and
    ``negative_share`` (NaN in an hour without mentions). ``start`` and
    ``end`` extend the hours beyond the first and last mention.

    >>> s = pd.DataFrame({"time": pd.to_datetime(["2025-03-03 09:10", "2025-03-03 09:50",
    ...                                           "2025-03-03 11:05"]),
    ...                   "sentiment": ["negative", "positive", "negative"]})
    >>> hourly_counts(s)
                         mentions  negative  negative_share
    hour
    2025-03-03 09:00:00         2         1             0.5
    2025-03-03 10:00:00         0         0             NaN
    2025-03-03 11:00:00         1         1             1.0
    """
    for column in ("time", label_column):
        if column not in stream.columns:
            raise ValueError(f"hourly_counts(): the stream has no column {column!r}; it needs 'time' and "
                             f"{label_column!r}")
    hour = pd.to_datetime(stream["time"]).dt.floor("h")
    negative = stream[label_column].astype(str).str.lower().eq("negative")
    table = pd.DataFrame({"mentions": hour.value_counts(), "negative": hour[negative].value_counts()})
    first = pd.Timestamp(start).floor("h") if start is not None else hour.min()
    last = pd.Timestamp(end).floor("h") if end is not None else hour.max()
    table = table.reindex(pd.date_range(first, last, freq="h"), fill_value=0).fillna(0).astype("int64")
    table.index.name = "hour"
    table["negative_share"] = table["negative"] / table["mentions"].where(table["mentions"] > 0)
    return table


@dataclass(frozen=True)
class AlertRule:
    """When the monitor alerts: in the trailing ``window_hours`` (this hour and
    the ones before), at least ``min_negative`` negative mentions **and** a
    negative share above ``share``."""

    share: float = 0.3
    min_negative: int = 4
    window_hours: int = 3

    def __post_init__(self) -> None:
        validate.number("AlertRule", "share", self.share, fraction=True)
        validate.whole("AlertRule", "min_negative", self.min_negative, 0)
        validate.whole("AlertRule", "window_hours", self.window_hours, 1)


#: The rule the chapter starts from (the course's own starting point, to tune on your own data).
DEFAULT_RULE = AlertRule()


def alert_hours(hourly: pd.DataFrame, rule: AlertRule = DEFAULT_RULE) -> pd.Series:
    """True for each hour in which the rule fires (from :func:`hourly_counts`).

    >>> h = pd.DataFrame({"mentions": [2, 3, 4, 6], "negative": [0, 2, 2, 1]},
    ...                  index=pd.date_range("2025-03-03", periods=4, freq="h"))
    >>> alert_hours(h, AlertRule(share=0.4, min_negative=4, window_hours=2)).tolist()
    [False, False, True, False]
    """
    validate.instance("alert_hours", "rule", rule, AlertRule, "an AlertRule(share=..., min_negative=..., window_hours=...)")
    missing = {"mentions", "negative"} - set(hourly.columns)
    if missing:
        raise ValueError(f"alert_hours(): the table has no column(s) {sorted(missing)}; use hourly_counts()")
    mentions = hourly["mentions"].rolling(rule.window_hours, min_periods=1).sum()
    negative = hourly["negative"].rolling(rule.window_hours, min_periods=1).sum()
    share = negative / mentions.where(mentions > 0)
    return ((negative >= rule.min_negative) & (share > rule.share)).rename("alert")


def _episodes(alerts: pd.Series) -> list[pd.Timestamp]:
    """The first hour of each run of consecutive alert hours."""
    flags = alerts.to_numpy(dtype=bool)
    starts = flags & ~np.concatenate([[False], flags[:-1]])
    return list(alerts.index[starts])


@dataclass(frozen=True)
class Detection:
    """How an alert rule did on one stream: ``delay_hours`` from the incident's start
    to the end of the first alert hour inside it, when an hourly check can first
    raise the alert (NaN when it never fired during the incident),
    ``false_alarms`` (alert episodes that began outside the incident) and
    ``alert_hours`` (hours with an alert)."""

    delay_hours: float
    false_alarms: int
    alert_hours: int

    def text(self) -> str:
        """One plain sentence."""
        found = ("missed the incident" if math.isnan(self.delay_hours)
                 else f"found the incident after {self.delay_hours:g} h")
        return f"The rule {found}, with {self.false_alarms} false alarm(s) outside it."


def detection_report(alerts: pd.Series, incident_start: str | pd.Timestamp,
                     incident_end: str | pd.Timestamp) -> Detection:
    """Detection delay and false alarms of an alert series (from :func:`alert_hours`).

    An hour's counts are complete only when the hour ends, so an hourly check
    raises the alert of hour ``h`` at ``h + 1 hour``. The delay runs from
    ``incident_start`` to the end of the first alert hour inside
    ``[incident_start, incident_end)``: at least 1 hour for an incident that
    starts on the hour (measuring to the start of the alert hour would claim
    the team knew at the very moment the incident began). A false alarm is an
    episode (a run of consecutive alert hours) that starts outside it.

    >>> idx = pd.date_range("2025-03-03 00:00", periods=8, freq="h")
    >>> alerts = pd.Series([False, True, True, False, False, False, True, True], index=idx)
    >>> detection_report(alerts, "2025-03-03 04:00", "2025-03-03 08:00")   # alert hour 06:00 ends at 07:00
    Detection(delay_hours=3.0, false_alarms=1, alert_hours=4)
    """
    start = pd.Timestamp(incident_start)
    begin, end = start.floor("h"), pd.Timestamp(incident_end)
    inside = alerts[(alerts.index >= begin) & (alerts.index < end) & alerts.astype(bool)]
    delay = ((inside.index[0] + pd.Timedelta(hours=1) - start).total_seconds() / 3600 if len(inside)
             else float("nan"))
    false = [t for t in _episodes(alerts.astype(bool)) if not begin <= t < end]
    return Detection(delay_hours=float(delay), false_alarms=len(false), alert_hours=int(alerts.sum()))


def threshold_tradeoff(hourly: pd.DataFrame, incident_start: str | pd.Timestamp,
                       incident_end: str | pd.Timestamp, shares: Sequence[float] = (0.2, 0.25, 0.3, 0.4, 0.5, 0.6),
                       min_negatives: Sequence[int] = (2, 3, 4, 6, 8), window_hours: int = 3) -> pd.DataFrame:
    """Detection delay and false alarms for every pair of thresholds: the trade-off table.

    >>> data = generate_mention_stream(seed=2, days=4)
    >>> t = threshold_tradeoff(hourly_counts(data["stream"]), data["incident_start"], data["incident_end"])
    >>> list(t.columns), len(t)
    (['share', 'min_negative', 'delay_hours', 'false_alarms'], 30)
    """
    rows = []
    for share in shares:
        for minimum in min_negatives:
            report = detection_report(alert_hours(hourly, AlertRule(share, minimum, window_hours)),
                                      incident_start, incident_end)
            rows.append({"share": share, "min_negative": minimum, "delay_hours": report.delay_hours,
                         "false_alarms": report.false_alarms})
    return pd.DataFrame(rows)


def stream_figure(hourly: pd.DataFrame, alerts: pd.Series | None = None, incident: tuple | None = None,
                  title: str = "Mentions per hour (simulated)") -> go.Figure:
    """Mentions and negative mentions per hour, the incident shaded and the alert hours marked."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=hourly.index, y=hourly["mentions"] - hourly["negative"], name="other mentions",
                         marker_color=OKABE_ITO[2]))
    fig.add_trace(go.Bar(x=hourly.index, y=hourly["negative"], name="negative mentions",
                         marker_color=OKABE_ITO[5]))
    if incident is not None:
        fig.add_vrect(x0=incident[0], x1=incident[1], fillcolor=OKABE_ITO[1], opacity=0.15, line_width=0,
                      annotation_text="incident", annotation_position="top left")
    if alerts is not None and alerts.any():
        on = alerts[alerts.astype(bool)]
        fig.add_trace(go.Scatter(x=on.index, y=hourly.loc[on.index, "mentions"] + 1, mode="markers",
                                 name="alert", marker={"symbol": "triangle-down", "size": 9,
                                                       "color": OKABE_ITO[4]}))
    fig.update_layout(title=title, barmode="stack", xaxis_title="Hour", yaxis_title="Mentions in the hour",
                      legend_title_text="", height=380)
    return fig


def tradeoff_figure(table: pd.DataFrame, title: str = "Alert thresholds: detection delay against false alarms "
                                                    "(simulated stream)") -> go.Figure:
    """Each pair of thresholds as a point: false alarms (x) against detection delay (y).

    Rules that missed the incident are drawn at the top, marked "missed"."""
    found = table[table["delay_hours"].notna()]
    missed = table[table["delay_hours"].isna()]
    top = float(found["delay_hours"].max()) + 2 if len(found) else 10.0
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=found["false_alarms"], y=found["delay_hours"], mode="markers", name="found the incident",
        marker={"color": found["share"], "colorscale": "cividis", "size": 6 + 2 * found["min_negative"],
                "colorbar": {"title": "share"}, "showscale": True},
        text=[f"share > {s:.0%}, at least {m} negative" for s, m in zip(found["share"], found["min_negative"],
                                                                         strict=True)],
        hovertemplate="%{text}<br>%{x} false alarms, delay %{y} h<extra></extra>"))
    if len(missed):
        fig.add_trace(go.Scatter(x=missed["false_alarms"], y=[top] * len(missed), mode="markers+text",
                                 name="missed the incident", text=["missed"] * len(missed),
                                 textposition="top center",
                                 marker={"symbol": "x", "color": OKABE_ITO[5], "size": 9}))
    fig.update_layout(title=title, xaxis_title="False alarms (alert episodes outside the incident)",
                      yaxis_title="Detection delay (hours)", height=400)
    return fig


# ----------------------------------------------------------------------------- inbox


#: Routing rules: a queue, its priority and the words that send a message there
#: (checked in this order; the first queue with a matching word wins). The words
#: are the course's example for a shop; each team writes its own.
ROUTING_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("press", "urgent", ("journalist", "press", "newspaper", "interview", "comment for")),
    ("complaints", "high", ("refund", "broken", "never arrived", "late", "rude", "scam", "complaint",
                            "wrong size", "damaged", "not working", "charged twice")),
    ("sales", "normal", ("price", "how much", "cost", "order", "deliver", "in stock", "size", "discount",
                         "buy")),
    ("jobs", "low", ("vacancy", "job", "cv", "resume", "internship")),
)

#: Reply targets per queue, in hours (the course's own judgement; chapter 06's
#: one-hour target for complaints, and the expectation that sales questions
#: are answered while the customer is still deciding).
RESPONSE_TARGETS: dict[str, float] = {"press": 1.0, "complaints": 1.0, "sales": 1.0, "general": 4.0,
                                      "jobs": 48.0}


def route_message(text: str) -> tuple[str, str]:
    """The queue and priority of one message, by the first rule whose word it contains.

    >>> route_message("My order never arrived, I want a refund")
    ('complaints', 'high')
    >>> route_message("How much is the blue dress?"), route_message("Thanks, lovely shop!")
    (('sales', 'normal'), ('general', 'normal'))
    """
    validate.instance("route_message", "text (the message)", text, str, "a text")
    lowered = text.casefold()
    for queue, priority, words in ROUTING_RULES:
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
            return queue, priority
    return "general", "normal"


_INBOX_TEXTS: dict[str, tuple[str, ...]] = {
    "question": ("How much is delivery to Samarkand?", "Is the green jacket in stock in size M?",
                 "Do you deliver on Sundays?", "What time do you open?", "Can I order by phone?",
                 "Is there a discount for students?", "Where is your shop?", "Do you have gift cards?"),
    "complaint": ("My order never arrived, I want a refund.", "The zip is broken after one week.",
                  "Your courier was rude to my mother.", "I was charged twice for one order!",
                  "Wrong size again, this is the second time.", "The app is not working since morning."),
    "praise": ("Thanks, lovely shop!", "Got my order today, great quality.", "Your team was very helpful.",
               "Best service in town, thank you."),
    "other": ("Hello, I am a journalist at a city newspaper, may I ask for a comment?",
              "Do you have a vacancy for a sales assistant?"),
}


def generate_inbox(seed: int = 0, n_messages: int = 200, start: str = "2025-03-03", weeks: int = 2) -> pd.DataFrame:
    """A SIMULATED inbox: chapter 06's messages (:func:`smmlib.community.generate_messages`)
    with a text for each, and the queue and priority :func:`route_message` gives it.

    Columns: ``message_id``, ``received``, ``kind``, ``replied``, ``text``,
    ``queue``, ``priority``.

    >>> inbox = generate_inbox(seed=1, n_messages=40)
    >>> sorted(inbox["queue"].unique())[:2], inbox["replied"].isna().any()
    (['complaints', 'general'], np.True_)
    """
    inbox = community.generate_messages(seed=seed, n_messages=n_messages, start=start, weeks=weeks)
    rng = np.random.default_rng(validate.whole("generate_inbox", "seed", seed) + 1)
    texts = []
    for kind in inbox["kind"]:
        pool = _INBOX_TEXTS["other"] if kind == "question" and rng.random() < 0.05 else _INBOX_TEXTS[kind]
        texts.append(pool[int(rng.integers(len(pool)))])
    inbox["text"] = texts
    routed = [route_message(t) for t in texts]
    inbox["queue"] = [q for q, _ in routed]
    inbox["priority"] = [p for _, p in routed]
    return inbox


def queue_sla(inbox: pd.DataFrame, targets: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Each queue against its own reply target, with chapter 06's :func:`~smmlib.community.sla_summary`
    (unanswered messages count as missed).

    >>> inbox = pd.DataFrame({"queue": ["sales", "sales", "jobs"],
    ...                       "received": pd.to_datetime(["2025-03-03 09:00"] * 3),
    ...                       "replied": pd.to_datetime(["2025-03-03 09:30", None, "2025-03-04 09:00"])})
    >>> queue_sla(inbox)[["messages", "target_hours", "within_target"]]
           messages  target_hours  within_target
    queue
    jobs          1          48.0            1.0
    sales         2           1.0            0.5
    """
    limits = dict(RESPONSE_TARGETS if targets is None else targets)
    if "queue" not in inbox.columns:
        raise ValueError("queue_sla(): the inbox has no 'queue' column; route the messages first "
                         "(generate_inbox does, or route_message on each text)")
    rows = {}
    for queue, group in inbox.groupby("queue", sort=True):
        if queue not in limits:
            raise ValueError(f"queue_sla(): no reply target for queue {queue!r}; targets: {sorted(limits)}")
        s = community.sla_summary(group, sla_hours=limits[queue])
        rows[queue] = {"messages": s.messages, "target_hours": float(limits[queue]),
                       "response_rate": s.response_rate, "within_target": s.within_sla_rate,
                       "median_hours": s.median_hours}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "queue"
    return table


def overdue(inbox: pd.DataFrame, now: str | pd.Timestamp, targets: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Messages to escalate at ``now``: received before ``now``, not answered by
    ``now``, and older than their queue's target. Oldest first.

    >>> inbox = pd.DataFrame({"queue": ["sales", "complaints", "general"],
    ...                       "received": pd.to_datetime(["2025-03-03 08:00", "2025-03-03 08:45",
    ...                                                   "2025-03-03 08:30"]),
    ...                       "replied": pd.to_datetime([None, None, None])})
    >>> overdue(inbox, "2025-03-03 10:00")["queue"].tolist()
    ['sales', 'complaints']
    """
    limits = dict(RESPONSE_TARGETS if targets is None else targets)
    at = pd.Timestamp(now)
    received = pd.to_datetime(inbox["received"])
    replied = pd.to_datetime(inbox["replied"])
    unknown = sorted(set(inbox["queue"]) - set(limits))
    if unknown:
        raise ValueError(f"overdue(): no reply target for queue(s) {unknown}; targets: {sorted(limits)}")
    waiting = (received <= at) & (replied.isna() | (replied > at))
    age = (at - received).dt.total_seconds() / 3600
    late = waiting & (age > inbox["queue"].map(limits))
    return inbox[late].assign(waiting_hours=age[late]).sort_values("received", kind="stable")


# ----------------------------------------------------------------------------- approvals


#: The approval flow's roles (who does what), as a team might write them down.
ROLES: dict[str, str] = {
    "author": "writes the post and prepares the visual from the asset library; fills in alt text",
    "reviewer": "checks facts, prices, links, spelling, accessibility and the brand voice",
    "approver": "says yes for the brand (the client, the marketing head, legal for regulated claims)",
    "publisher": "schedules the approved version and watches the first comments",
}


def approval_deadlines(calendar: pd.DataFrame, steps: Mapping[str, float], publish_hour: int = 10) -> pd.DataFrame:
    """Work back from each post's publishing time through the approval steps.

    ``steps`` maps each step, in order, to the hours it may take (e.g.
    ``{"draft": 24, "review": 24, "approval": 48}``); the result has one
    column per step, ``<step> due`` (when that step must be finished), and
    ``start by`` (when the first step must start). Posts are published at
    ``publish_hour`` o'clock on their ``date``.

    >>> cal = pd.DataFrame({"date": pd.to_datetime(["2025-03-10"]), "platform": ["instagram"]})
    >>> row = approval_deadlines(cal, {"draft": 24, "review": 8, "approval": 24}).iloc[0]
    >>> str(row["approval due"]), str(row["review due"]), str(row["start by"])
    ('2025-03-10 10:00:00', '2025-03-09 10:00:00', '2025-03-08 02:00:00')
    """
    validate.items("approval_deadlines", "steps", steps, what="a dict of steps and hours, e.g. {'draft': 24, 'approval': 24}",
                   empty=False)
    hour = validate.whole("approval_deadlines", "publish_hour", publish_hour)
    if hour > 23:
        raise ValueError(f"approval_deadlines(): publish_hour is an hour of the day, 0 to 23, got {hour}")
    if "date" not in calendar.columns:
        raise ValueError("approval_deadlines(): the calendar has no 'date' column; use a chapter-02 calendar")
    durations = {name: validate.number("approval_deadlines", f"hours of {name!r}", h) for name, h in steps.items()}
    out = calendar.copy()
    due = pd.to_datetime(out["date"]).dt.normalize() + pd.Timedelta(hours=hour)
    out["publish at"] = due
    for name in reversed(list(durations)):
        out[f"{name} due"] = due
        due = due - pd.Timedelta(hours=durations[name])
    out["start by"] = due
    columns = ["publish at", *[f"{n} due" for n in durations], "start by"]
    return out[[c for c in calendar.columns] + columns]


# ----------------------------------------------------------------------------- accessibility


@dataclass(frozen=True)
class Finding:
    """One problem a check found: the ``check`` that found it and what to do."""

    check: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.message}"


_HASHTAG = re.compile(r"#(\w+)")
# Mathematical alphanumeric symbols: the "bold" and "italic" letters of font generators.
_FANCY = re.compile("[\U0001D400-\U0001D7FF]")
#: The checker's thresholds (the course's own rules of thumb, not a standard's).
EMOJI_LIMITS: dict[str, float] = {"per_word": 0.1, "in_a_row": 3}
CAMELCASE_MIN_LETTERS = 8


def emoji_density(text: str) -> float:
    """Emoji per word of text (words are what is left when the emoji are removed).

    >>> emoji_density("New menu today 🎉🎉 come in 🍕")   # 3 emoji, 5 words
    0.6
    """
    validate.instance("emoji_density", "text (the post)", text, str, "a text")
    count = emoji.emoji_count(text)
    words = len(emoji.replace_emoji(text, replace=" ").split())
    if not words:
        return math.inf if count else 0.0
    return round(count / words, 10)


def _longest_emoji_run(text: str) -> int:
    found = emoji.emoji_list(text)
    best = run = 0
    previous_end = None
    for item in found:
        run = run + 1 if previous_end is not None and text[previous_end:item["match_start"]].strip() == "" else 1
        best = max(best, run)
        previous_end = item["match_end"]
    return best


def check_post(text: str, *, images: int = 0, alt_texts: Sequence[str] = (), video: bool = False,
               captions: bool = False) -> list[Finding]:
    """Accessibility problems of a post draft (empty list: nothing found).

    Checks: every image has alt text (``alt_texts``, one per image) that does
    not start with "image of"; a video has captions; a hashtag of
    :data:`CAMELCASE_MIN_LETTERS` or more letters in one case is written in
    CamelCase (#SpringSale, which screen readers read as words); emoji are at
    most :data:`EMOJI_LIMITS` (one per ten words, three in a row: each emoji
    is read out by name); no "fancy" Unicode letters (𝐛𝐨𝐥𝐝), which screen
    readers spell out or skip.

    >>> [f.check for f in check_post("Spring sale! #springsale 🎉🎉🎉🎉", images=2, alt_texts=["Image of a dress"])]
    ['alt text', 'alt text', 'hashtags', 'emoji', 'emoji']
    >>> check_post("Our new #SpringSale starts Monday.", images=1, alt_texts=["Three linen dresses on a rail"])
    []
    """
    validate.instance("check_post", "text (the post)", text, str, "a text")
    n_images = validate.whole("check_post", "images", images)
    alt_texts = validate.items("check_post", "alt_texts", alt_texts, what="a list with one text per image, e.g. ['A red dress']")
    alts = [a for a in alt_texts if isinstance(a, str) and a.strip()]
    findings = []
    if len(alts) < n_images:
        findings.append(Finding("alt text", f"{n_images - len(alts)} of {n_images} image(s) have no alt text: "
                                             "describe what the image shows and why it is in the post."))
    for alt in alts:
        if re.match(r"\s*(image|picture|photo) of\b", alt, re.IGNORECASE):
            findings.append(Finding("alt text", f"Alt text {alt!r} starts with 'image of': screen readers "
                                                 "already say it is an image; start with what it shows."))
    if video and not captions:
        findings.append(Finding("captions", "The video has no captions: add them (auto-captions, checked and "
                                            "corrected) for people who cannot hear it or watch without sound."))
    for tag in _HASHTAG.findall(text):
        letters = re.sub(r"[^A-Za-z]", "", tag)
        if len(letters) >= CAMELCASE_MIN_LETTERS and (letters.islower() or letters.isupper()):
            findings.append(Finding("hashtags", f"#{tag}: write each word with a capital (CamelCase, e.g. "
                                                "#SpringSale) so screen readers read the words."))
    density = emoji_density(text)
    if density > EMOJI_LIMITS["per_word"]:
        findings.append(Finding("emoji", f"{emoji.emoji_count(text)} emoji for "
                                         f"{len(emoji.replace_emoji(text, replace=' ').split())} words: a screen "
                                         "reader reads each one's name; keep about one per ten words."))
    if _longest_emoji_run(text) >= EMOJI_LIMITS["in_a_row"]:
        findings.append(Finding("emoji", f"{_longest_emoji_run(text)} emoji in a row: each is read out "
                                         "('party popper, party popper, ...'); use one."))
    if _FANCY.search(text):
        findings.append(Finding("fancy letters", "Unicode 'fancy' letters (𝐛𝐨𝐥𝐝, 𝘪𝘵𝘢𝘭𝘪𝘤) are read "
                                                 "letter by letter or skipped; use plain text."))
    return findings


#: WCAG 2 minimum contrast (level AA): normal text, and large text (18 pt, or 14 pt bold).
CONTRAST_MINIMUM: dict[str, float] = {"normal text": 4.5, "large text": 3.0}


def _rgb(colour: str) -> tuple[float, float, float]:
    text = colour.strip().lstrip("#") if isinstance(colour, str) else ""
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", text):
        raise ValueError(f"a colour is a hex code such as '#1A2B3C' or '#fff', got {colour!r}")
    return tuple(int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of an sRGB colour: 0 for black, 1 for white.

    Each channel c (0-1) is linearised: c / 12.92 when c <= 0.04045, else
    ((c + 0.055) / 1.055) ** 2.4; then L = 0.2126 R + 0.7152 G + 0.0722 B.
    (WCAG 2.0 and 2.1 print the threshold as 0.03928, WCAG 2.2 as sRGB's
    0.04045; no 8-bit channel value lies between the two, so the result is
    the same under every WCAG 2.x version.)

    >>> relative_luminance("#000"), relative_luminance("#ffffff"), round(relative_luminance("#ff0000"), 4)
    (0.0, 1.0, 0.2126)
    """
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return round(0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2], 12)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2's contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), from 1 to 21.

    >>> contrast_ratio("#000000", "#ffffff")
    21.0
    >>> round(contrast_ratio("#777777", "#ffffff"), 2)   # grey on white: just below 4.5
    4.48
    """
    a, b = relative_luminance(foreground), relative_luminance(background)
    return round((max(a, b) + 0.05) / (min(a, b) + 0.05), 10)


# ----------------------------------------------------------------------------- AI drafts


_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


def _numbers(text: str) -> list[str]:
    return [n.replace(",", "") for n in _NUMBER.findall(text)]


def unsupported_numbers(draft: str, facts: str) -> list[str]:
    """The numbers a draft states (prices, hours, days, percentages) that the fact
    sheet does not contain: each is a claim to check before sending.

    Thousands separators are ignored (25,000 = 25000); a number is supported
    when the same number appears anywhere in ``facts``.

    >>> facts = "Delivery in Tashkent: 1-2 days, 25,000 so'm. Returns within 14 days."
    >>> unsupported_numbers("Delivery is 25000 so'm and returns are accepted for 30 days.", facts)
    ['30']
    """
    validate.instance("unsupported_numbers", "draft", draft, str, "a text")
    validate.instance("unsupported_numbers", "facts (the fact sheet)", facts, str, "a text")
    known = set(_numbers(facts))
    seen: list[str] = []
    for n in _numbers(draft):
        if n not in known and n not in seen:
            seen.append(n)
    return seen


#: Phrases a brand's voice guide may ban in replies (the course's example).
BANNED_PHRASES: tuple[str, ...] = ("dear valued customer", "we apologize for any inconvenience",
                                   "as an ai", "per our policy", "unfortunately, nothing can be done",
                                   "guaranteed", "100%")


def review_draft(draft: str, facts: str, *, banned: Iterable[str] = BANNED_PHRASES,
                 realistic_media: bool = False, labelled: bool = False) -> list[Finding]:
    """What a human reviewer must fix in an AI-drafted reply or post before it goes out.

    Finds numbers missing from the fact sheet (:func:`unsupported_numbers`),
    phrases the voice guide bans, and, for realistic AI-generated images or
    video (``realistic_media``), a missing AI label (Meta, TikTok and
    YouTube ask for one). It cannot judge tone or truth beyond that: a person
    still reads every draft.

    >>> [f.check for f in review_draft("Dear valued customer, delivery takes 3 days.", "Delivery: 1-2 days.")]
    ['facts', 'voice']
    """
    findings = [Finding("facts", f"{n!r} is not in the fact sheet: check it or remove it")
                for n in unsupported_numbers(draft, facts)]
    lowered = draft.casefold()
    findings += [Finding("voice", f"the voice guide bans {phrase!r}") for phrase in banned
                 if phrase.casefold() in lowered]
    if realistic_media and not labelled:
        findings.append(Finding("label", "realistic AI-generated media must carry the platform's AI label"))
    return findings


