"""The Roles chapter's data and analysis: duty groups, a manager's time log,
skill profiles for a self-assessment radar, and reviews of candidates.

- :data:`DUTY_GROUPS` -- the seven duty groups of source 001 and an example
  activity list (:data:`ACTIVITIES`) mapping everyday work to a group;
- :func:`generate_time_log` -- a seeded week of a (fictional) SMM manager's
  work, in which one duty group is starved of time;
  :func:`time_shares` and :func:`starved_groups` analyse it;
- :data:`SKILLS`, :data:`TARGET_PROFILES`, :func:`skill_gaps`,
  :func:`gap_summary`, :func:`radar_figure` -- the skills self-assessment;
- :func:`generate_candidate_reviews`, :func:`review_profile`,
  :func:`suspicious_candidates` -- "a monotone stream of praise is suspicious" (000).

The target profiles and the starvation threshold are this course's teaching
choices, not figures from the sources.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import validate
from .viz import OKABE_ITO

__all__ = [
    "ACTIVITIES",
    "DUTY_GROUPS",
    "EIGHT_TASKS",
    "SKILLS",
    "TARGET_PROFILES",
    "TEAM_ROLES",
    "gap_summary",
    "generate_candidate_reviews",
    "generate_time_log",
    "radar_figure",
    "review_profile",
    "skill_gaps",
    "starved_groups",
    "suspicious_candidates",
    "time_shares",
]

#: The seven duty groups of source 001, with a one-line summary in our words.
DUTY_GROUPS: dict[str, str] = {
    "strategy": "who the audience is, where it gathers, the work plan and the forecast",
    "marketing": "brand image, targeted ads and their budget, contests, events, feed ranking",
    "dialogue": "answering every question, steering discussions, handling abuse and negativity",
    "posting": "headlines and texts, images, adapting to each network, timing and frequency",
    "creative": "logo, cover and background images, video scripts",
    "monitoring": "statistics, monitoring services, sources of negativity, competitors, surveys",
    "management": "negotiation, contractors and their work, running the project",
}

#: Everyday activities and the duty group each belongs to (our examples built on source 001).
ACTIVITIES: dict[str, str] = {
    "Interview customers to refine the audience portrait": "strategy",
    "Find the groups and forums where the target audience gathers": "strategy",
    "Write next quarter's work plan": "strategy",
    "Forecast followers and leads for the plan": "strategy",
    "Prepare a new promotion proposal for the client": "strategy",
    "Set up a targeted ad campaign": "marketing",
    "Estimate next month's ad spend": "marketing",
    "Run a photo contest for followers": "marketing",
    "Update the events calendar": "marketing",
    "Agree a joint post with a regional community": "marketing",
    "Answer questions in private messages": "dialogue",
    "Reply politely to a negative comment": "dialogue",
    "Delete spam and profanity under a post": "dialogue",
    "Start a discussion thread for followers": "dialogue",
    "Block a user who keeps insulting others": "dialogue",
    "Write the text and headline of a post": "posting",
    "Pick the image for a post": "posting",
    "Adapt a post for each network": "posting",
    "Schedule posts for the best publication time": "posting",
    "Proofread tomorrow's posts": "posting",
    "Design a new cover image": "creative",
    "Check the logo on the new background and colours": "creative",
    "Draft the script of a promo video": "creative",
    "Prepare the page's background artwork": "creative",
    "Read the weekly page statistics": "monitoring",
    "Search brand mentions in a monitoring service": "monitoring",
    "Find where a wave of negative opinions started": "monitoring",
    "Compare our engagement with two competitors": "monitoring",
    "Run a short survey of followers": "monitoring",
    "Negotiate the price of a sponsored post with a blogger": "management",
    "Brief the freelance designer and review the result": "management",
    "Report progress to the client": "management",
    "Hire a videographer for the shoot": "management",
    "Plan the team's tasks for the week": "management",
}

#: The eight main tasks of an SMM manager (source 000), in our words.
EIGHT_TASKS: tuple[str, ...] = (
    "Develop the promotion strategy: product, audience, competitors, priority platforms",
    "Build the content plan: which content goes where",
    "Create and publish content, or brief copywriters and designers; adapt it per platform",
    "Talk with the audience: answer comments and messages, start discussions",
    "Attract followers: contests, special projects, partner communities, bloggers",
    "Launch targeted advertising, alone or with contractors",
    "Analyse results by metrics: reach, engagement, cost per lead, clicks, site visits",
    "Follow trends and competitors and adjust the strategy",
)

#: The four team roles of source 004 and what goes wrong without each.
TEAM_ROLES: dict[str, str] = {
    "project manager": "without content requirements, KPIs and tactics nobody knows what success is",
    "designer / content manager": "without distinctive, attractive content there is nothing worth showing",
    "promotion manager": "good content that nobody promotes is never seen",
    "community manager": "without constant conversation there is no community, and ads cannot fix a dull one",
}

# ----------------------------------------------------------------------------- time log

# Typical minutes per task for each group (teaching assumption).
_TASK_MINUTES = {"strategy": (45, 90), "marketing": (30, 75), "dialogue": (15, 45), "posting": (20, 60),
                 "creative": (30, 90), "monitoring": (20, 60), "management": (20, 60)}
# A busy manager's usual split of time (before one group is starved).
_BASE_WEIGHTS = {"strategy": 0.12, "marketing": 0.16, "dialogue": 0.20, "posting": 0.20,
                 "creative": 0.10, "monitoring": 0.12, "management": 0.10}


def generate_time_log(seed: int = 0, days: int = 5, hours_per_day: float = 8.0,
                      start: str = "2025-01-06", starved: str | None = None) -> pd.DataFrame:
    """Generate a week-long time log of an SMM manager (seeded, reproducible).

    One duty group is *starved*: it gets about a tenth of its usual time. It is
    chosen by the seed unless ``starved`` names it. Each working day starts at
    09:00 and is filled with tasks until ``hours_per_day`` is used up.

    Columns: ``date``, ``start`` (timestamp), ``minutes``, ``activity``, ``duty_group``.

    >>> log = generate_time_log(seed=3, starved="monitoring")
    >>> int(log["minutes"].sum()) // 60
    40
    >>> starved_groups(time_shares(log))
    ['monitoring']
    """
    func = "generate_time_log"
    days = validate.whole(func, "days", days, 1, maximum=14)
    hours_per_day = validate.number(func, "hours_per_day", hours_per_day, minimum=1, maximum=12)
    groups = list(DUTY_GROUPS)
    rng = np.random.default_rng(seed)
    if starved is None:
        starved = groups[int(rng.integers(len(groups)))]
    else:
        validate.choice(func, "starved", starved, groups)
    weights = np.array([_BASE_WEIGHTS[g] * (0.1 if g == starved else rng.uniform(0.8, 1.25))
                        for g in groups])
    weights /= weights.sum()
    by_group = {g: [a for a, grp in ACTIVITIES.items() if grp == g] for g in groups}
    first = pd.Timestamp(start).normalize()
    budget = int(round(float(hours_per_day) * 60))
    rows = []
    day = first
    for _ in range(days):
        while day.weekday() >= 5:  # skip weekends
            day += pd.Timedelta(days=1)
        used = 0
        while used < budget:
            # The group that is furthest below its planned share gets the next slot,
            # with some randomness, so the week's split follows the weights closely.
            planned = weights * (sum(r["minutes"] for r in rows) + budget / 4)
            done = np.array([sum(r["minutes"] for r in rows if r["duty_group"] == g) for g in groups])
            need = np.clip(planned - done, 0, None) + 1e-9
            group = groups[int(rng.choice(len(groups), p=need / need.sum()))]
            low, high = _TASK_MINUTES[group]
            minutes = int(min(5 * rng.integers(low // 5, high // 5 + 1), budget - used))
            rows.append({"date": day, "start": day + pd.Timedelta(hours=9, minutes=used),
                         "minutes": minutes,
                         "activity": by_group[group][int(rng.integers(len(by_group[group])))],
                         "duty_group": group})
            used += minutes
        day += pd.Timedelta(days=1)
    return pd.DataFrame(rows, columns=["date", "start", "minutes", "activity", "duty_group"])


def time_shares(log: pd.DataFrame) -> pd.Series:
    """Share of logged time per duty group (fractions, all seven groups, in the standard order).

    share_g = minutes in group g / all minutes

    >>> log = pd.DataFrame({"minutes": [30, 90], "duty_group": ["posting", "dialogue"]})
    >>> time_shares(log)[["dialogue", "posting", "strategy"]].tolist()
    [0.75, 0.25, 0.0]
    """
    missing = [c for c in ("minutes", "duty_group") if c not in getattr(log, "columns", [])]
    if missing:
        raise ValueError(f"time_shares() needs a DataFrame with columns 'minutes' and 'duty_group'; "
                         f"missing {missing}")
    unknown = sorted(set(log["duty_group"].astype(str)) - set(DUTY_GROUPS))
    if unknown:
        raise ValueError(f"time_shares(): unknown duty groups {unknown}; use {list(DUTY_GROUPS)}")
    minutes = pd.to_numeric(log["minutes"], errors="raise")
    if (minutes < 0).any():
        raise ValueError("time_shares(): 'minutes' must not be negative")
    total = minutes.sum()
    if total <= 0:
        raise ValueError("time_shares(): the log has no time in it (all minutes are 0)")
    shares = minutes.groupby(log["duty_group"]).sum().reindex(list(DUTY_GROUPS), fill_value=0) / total
    shares.name = "share"
    shares.index.name = "duty_group"
    return shares.astype(float)


def starved_groups(shares: pd.Series, floor: float = 0.05) -> list[str]:
    """Duty groups whose share of time is below ``floor`` (5% by default), smallest first.

    The 5% floor is a teaching choice: a group that gets less than about two
    hours of a 40-hour week is not really being done.

    >>> starved_groups(pd.Series({"strategy": 0.02, "posting": 0.5, "creative": 0.04}))
    ['strategy', 'creative']
    """
    floor = validate.number("starved_groups", "floor (a fraction such as 0.05)", floor, positive=True, below=1)
    low = shares[shares < floor].sort_values(kind="stable")
    return [str(g) for g in low.index]


# ----------------------------------------------------------------------------- skills

#: The skills of the self-assessment: name -> "soft" or "hard" (sources 000, 002).
SKILLS: dict[str, str] = {
    "Creative thinking": "soft",
    "Communication": "soft",
    "Attention to detail": "soft",
    "Strategic thinking": "soft",
    "Stress resistance": "soft",
    "English": "soft",
    "Platforms and algorithms": "hard",
    "Copywriting": "hard",
    "Graphic and video tools": "hard",
    "Analytics tools": "hard",
    "Targeted advertising": "hard",
    "Marketing basics": "hard",
}

#: Target levels (0-5) for three roles. Our illustration, not from the sources.
TARGET_PROFILES: dict[str, dict[str, int]] = {
    "junior specialist": dict(zip(SKILLS, [3, 3, 4, 2, 3, 2, 3, 3, 3, 2, 2, 2], strict=True)),
    "agency project manager": dict(zip(SKILLS, [3, 5, 4, 5, 4, 3, 4, 3, 2, 4, 4, 5], strict=True)),
    "freelancer": dict(zip(SKILLS, [4, 4, 4, 4, 4, 3, 4, 4, 4, 3, 4, 3], strict=True)),
}


def _check_assessment(assessment: Mapping[str, float]) -> dict[str, float]:
    missing = [s for s in SKILLS if s not in assessment]
    unknown = sorted(set(assessment) - set(SKILLS))
    if missing or unknown:
        raise ValueError(f"the assessment must rate exactly the skills in SKILLS; missing {missing}, "
                         f"unknown {unknown}")
    levels = {}
    for skill in SKILLS:
        levels[skill] = validate.number(None, f"the level of {skill!r}", assessment[skill], maximum=5)
    return levels


def _profile(profile: str | Mapping[str, float]) -> dict[str, float]:
    if isinstance(profile, str):
        profile = TARGET_PROFILES[validate.choice(None, "profile", profile, TARGET_PROFILES)]
    return _check_assessment(profile)


def skill_gaps(assessment: Mapping[str, float], profile: str | Mapping[str, float]) -> pd.DataFrame:
    """Compare a self-assessment (0-5 per skill) with a target profile.

    gap = target - you (positive: still to learn). Sorted by gap, largest first.

    >>> me = dict.fromkeys(SKILLS, 3)
    >>> gaps = skill_gaps(me, "agency project manager")
    >>> gaps.loc[0, "skill"], gaps.loc[0, "gap"].item()
    ('Communication', 2.0)
    """
    you = _check_assessment(assessment)
    target = _profile(profile)
    frame = pd.DataFrame({
        "skill": list(SKILLS),
        "kind": [SKILLS[s] for s in SKILLS],
        "you": [you[s] for s in SKILLS],
        "target": [target[s] for s in SKILLS],
    })
    frame["gap"] = frame["target"] - frame["you"]
    return frame.sort_values("gap", ascending=False, kind="stable").reset_index(drop=True)


def gap_summary(gaps: pd.DataFrame, top: int = 3) -> str:
    """One plain-language paragraph explaining the biggest gaps of :func:`skill_gaps`.

    >>> print(gap_summary(skill_gaps(TARGET_PROFILES["freelancer"], "freelancer")))
    You meet or exceed the target in every skill. Keep your portfolio up to date.
    """
    behind = gaps[gaps["gap"] > 0]
    if behind.empty:
        return "You meet or exceed the target in every skill. Keep your portfolio up to date."
    parts = [f"{r.skill} ({r.kind}, {r.you:g} → {r.target:g})" for r in behind.head(top).itertuples()]
    total = behind["gap"].sum()
    hard = behind.loc[behind["kind"] == "hard", "gap"].sum()
    focus = ("most of the distance is in hard skills, which courses and practice projects teach fastest"
             if hard >= total / 2 else
             "most of the distance is in soft skills, which grow through real projects and feedback")
    return (f"{len(behind)} of {len(gaps)} skills are below the target (total gap {total:g} levels). "
            f"Biggest gaps: {'; '.join(parts)}. Overall, {focus}.")


def radar_figure(assessment: Mapping[str, float], profile: str) -> go.Figure:
    """A plotly radar chart of a self-assessment against a target profile (with a title)."""
    you = _check_assessment(assessment)
    target = _profile(profile)
    skills = list(SKILLS)
    closed = [*skills, skills[0]]
    fig = go.Figure()
    fig.add_trace(go.Scatterpolar(r=[target[s] for s in closed], theta=closed, name=f"Target: {profile}",
                                  line={"color": OKABE_ITO[1], "dash": "dash"}))
    fig.add_trace(go.Scatterpolar(r=[you[s] for s in closed], theta=closed, name="You", fill="toself",
                                  line={"color": OKABE_ITO[0]}, opacity=0.7))
    fig.update_layout(title=f"Your skills (0-5) against the {profile} profile",
                      polar={"radialaxis": {"range": [0, 5], "title": {"text": "Level"}}},
                      legend={"orientation": "h", "y": -0.1}, height=480)
    return fig


# ----------------------------------------------------------------------------- reviews


def generate_candidate_reviews(seed: int = 0, candidates: tuple[str, ...] = ("Aida", "Bekzod", "Kerli", "Nino"),
                               suspicious: str | None = None) -> pd.DataFrame:
    """Generate client reviews (ratings 1-5) of SMM candidates; one has uniform praise.

    The suspicious candidate (chosen by the seed unless named) has many reviews,
    every one a 5. The others have honest-looking mixes with a few low ratings.
    Columns: ``candidate``, ``review_id``, ``rating``.

    >>> reviews = generate_candidate_reviews(seed=2, suspicious="Kerli")
    >>> suspicious_candidates(reviews)
    ['Kerli']
    """
    if len(candidates) < 2 or len(set(candidates)) != len(candidates):
        raise ValueError("candidates must be at least two distinct names")
    rng = np.random.default_rng(seed)
    if suspicious is None:
        suspicious = candidates[int(rng.integers(len(candidates)))]
    else:
        validate.choice("generate_candidate_reviews", "suspicious", suspicious, candidates)
    rows = []
    for name in candidates:
        if name == suspicious:
            ratings = np.full(int(rng.integers(25, 40)), 5)
        else:
            n = int(rng.integers(12, 30))
            p = rng.dirichlet(np.array([0.03, 0.05, 0.12, 0.35, 0.45]) * 40)
            ratings = rng.choice([1, 2, 3, 4, 5], size=n, p=p)
            ratings[: 2] = [int(rng.integers(1, 3)), int(rng.integers(3, 5))]  # at least one honest low
            rng.shuffle(ratings)
        rows += [{"candidate": name, "rating": int(r)} for r in ratings]
    frame = pd.DataFrame(rows)
    frame = frame.sample(frac=1, random_state=int(rng.integers(2**31))).reset_index(drop=True)
    frame.insert(1, "review_id", np.arange(1, len(frame) + 1))
    return frame


def review_profile(reviews: pd.DataFrame) -> pd.DataFrame:
    """Per candidate: number of reviews, mean and standard deviation of ratings,
    share of 5-star and share of low (1-2 star) reviews.

    >>> review_profile(pd.DataFrame({"candidate": ["A", "A", "B"], "rating": [5, 1, 5]})).loc["A"].tolist()
    [2.0, 3.0, 2.0, 0.5, 0.5]
    """
    missing = [c for c in ("candidate", "rating") if c not in getattr(reviews, "columns", [])]
    if missing:
        raise ValueError(f"review_profile() needs columns 'candidate' and 'rating'; missing {missing}")
    ratings = pd.to_numeric(reviews["rating"], errors="raise")
    if not ratings.between(1, 5).all():
        raise ValueError("review_profile(): ratings must be from 1 to 5")
    grouped = ratings.groupby(reviews["candidate"])
    return pd.DataFrame({
        "n": grouped.size().astype(float),
        "mean": grouped.mean(),
        "std": grouped.std(ddof=0),
        "share_5": grouped.apply(lambda r: (r == 5).mean()),
        "share_low": grouped.apply(lambda r: (r <= 2).mean()),
    })


def suspicious_candidates(reviews: pd.DataFrame, min_reviews: int = 10, max_std: float = 0.25) -> list[str]:
    """Candidates whose reviews are a monotone stream of praise: at least
    ``min_reviews`` reviews, none below 4 stars, and a rating spread (standard
    deviation) of at most ``max_std``. Source 000: one or two negative reviews
    are normal; uniform praise is a warning sign, not proof.

    >>> r = pd.DataFrame({"candidate": ["A"] * 12 + ["B"] * 12, "rating": [5] * 12 + [5] * 10 + [2, 4]})
    >>> suspicious_candidates(r)
    ['A']
    """
    profile = review_profile(reviews)
    low = reviews.groupby("candidate")["rating"].min()
    flagged = profile[(profile["n"] >= min_reviews) & (profile["std"] <= max_std) & (low >= 4)]
    return [str(c) for c in flagged.index]

