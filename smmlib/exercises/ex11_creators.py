"""Question bank of ``exercises/11_creators.ipynb`` and the chapter-11 knowledge check.

Datasets, all simulated: ``my_followers``, ``my_posts`` and ``my_audience``
(one creator's daily follower gains, 20 recent posts and audience by city,
from :func:`smmlib.creators.generate_creator` with the student's seed; two to
four days carry bought followers), ``my_offers`` (three invented offers for the
same brief, personal) and ``my_drafts`` (five sponsored-post drafts, the same
for everyone). Expected answers are recomputed from the same seed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import creators
from ..engine.questions import (
    Choice,
    Classify,
    Context,
    Misconception,
    Overlap,
    Thought,
    Value,
)
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex11_creators.toml")

#: The cities the brand of the exercises sells in.
TARGET = ("Tashkent", "Samarkand")


def _creator(ctx: Context) -> dict[str, pd.DataFrame]:
    return creators.generate_creator(seed=ctx.seed)


def _my_followers(ctx: Context) -> pd.DataFrame:
    return _creator(ctx)["followers"]


def _my_posts(ctx: Context) -> pd.DataFrame:
    return _creator(ctx)["posts"]


def _my_audience(ctx: Context) -> pd.DataFrame:
    return _creator(ctx)["audience"]


def _my_offers(ctx: Context) -> pd.DataFrame:
    rng = np.random.default_rng(ctx.seed + 11)
    order = int(rng.integers(4, 9)) * 10
    rows = [
        {"offer": "A", "model": "flat", "rate": float(rng.integers(3, 10) * 100), "fixed": 0.0,
         "median_views": float(rng.integers(15, 50) * 1000), "engagement_rate": round(float(rng.uniform(0.03, 0.07)), 3),
         "audience_fit": round(float(rng.uniform(0.4, 0.9)), 2)},
        {"offer": "B", "model": "cpm", "rate": float(rng.integers(8, 21)), "fixed": 0.0,
         "median_views": float(rng.integers(40, 100) * 1000), "engagement_rate": round(float(rng.uniform(0.02, 0.04)), 3),
         "audience_fit": round(float(rng.uniform(0.2, 0.5)), 2)},
        {"offer": "C", "model": "affiliate", "rate": round(float(rng.uniform(0.1, 0.25)), 2),
         "fixed": float(rng.integers(5, 16) * 10), "median_views": float(rng.integers(5, 20) * 1000),
         "engagement_rate": round(float(rng.uniform(0.05, 0.1)), 3), "audience_fit": round(float(rng.uniform(0.6, 0.9)), 2)},
    ]
    table = pd.DataFrame(rows)
    table["conversion"] = 0.02
    table["order_value"] = float(order)
    return table


#: The five drafts of q6 (text, what changed hands, label, music, AI, region) and, for the solution, their problem.
DRAFTS = pd.DataFrame([
    {"draft": "d1", "text": "Sunday brunch with my girls 🥞 #tashkent #brunch #food #weekend #ad", "paid": True,
     "label": False, "music": "original", "ai_realistic": False, "region": "UZ"},
    {"draft": "d2", "text": "Advertising · Skin like glass in 7 days — guaranteed, no side effects!", "paid": True,
     "label": False, "music": "commercial library", "ai_realistic": False, "region": "EE"},
    {"draft": "d3", "text": "Paid partnership: my look for the Tallinn fashion week, all from Liina's shop",
     "paid": True, "label": True, "music": "trending song", "ai_realistic": False, "region": "EE"},
    {"draft": "d4", "text": "Реклама. New summer menu at Café Lagman — 20% off with code ANNA20", "paid": True,
     "label": False, "music": "original", "ai_realistic": False, "region": "RU"},
    {"draft": "d5", "text": "Advertising · Meet Dilnoza, our happiest customer, in her new kitchen", "paid": True,
     "label": False, "music": "original", "ai_realistic": True, "region": "UZ"},
])

#: The groups of q6: one main problem per draft.
DRAFT_GROUPS = ("disclosure", "marking", "claims", "music", "ai_label", "promotion", "none")


def _my_drafts(ctx: Context) -> pd.DataFrame:
    return DRAFTS.copy()


# ----------------------------------------------------------------------------- expected answers


def _q1(ctx: Context) -> list[pd.Timestamp]:
    return list(_my_followers(ctx).attrs["bought_days"])


def _engagements(posts: pd.DataFrame) -> float:
    return float((posts["likes"] + posts["comments"] + posts["shares"]).sum())


def _followers_now(ctx: Context) -> float:
    return float(ctx.data("my_followers")["followers"].iloc[-1])


def _q2(ctx: Context) -> float:
    posts = ctx.data("my_posts")
    return _engagements(posts) / (len(posts) * _followers_now(ctx))


def _fit(ctx: Context) -> float:
    return creators.audience_fit(ctx.data("my_audience"), TARGET)


def _spikes(ctx: Context) -> pd.DataFrame:
    return creators.bought_followers(ctx.data("my_followers"))


def _q4(ctx: Context) -> float:
    return float(_spikes(ctx)["excess"].sum())


def _offer_objects(ctx: Context) -> list[creators.Offer]:
    table = ctx.data("my_offers")
    return [creators.Offer(r.offer, r.model, r.rate, views=r.median_views, engagement_rate=r.engagement_rate,
                           audience_fit=r.audience_fit, fixed=r.fixed) for r in table.itertuples()]


def _q5(ctx: Context) -> pd.Series:
    table = ctx.data("my_offers")
    numbers = creators.compare_offers(_offer_objects(ctx), conversion=float(table["conversion"].iloc[0]),
                                      order_value=float(table["order_value"].iloc[0]))
    return numbers["cost_per_sale"].rename("cost_per_sale").astype(float)


def _q5_variant(ctx: Context, *, fit: bool = True, conversion: bool = True) -> pd.Series:
    table = ctx.data("my_offers").set_index("offer")
    out = {}
    for name, r in table.iterrows():
        results = r["median_views"] * r["engagement_rate"] * (r["audience_fit"] if fit else 1.0)
        sales = results * r["conversion"]
        cost = creators.offer_cost(r["model"], r["rate"], views=r["median_views"],
                                   engagements=r["median_views"] * r["engagement_rate"], sales=sales,
                                   order_value=r["order_value"], fixed=r["fixed"])
        out[name] = cost / (sales if conversion else results)
    return pd.Series(out, name="cost_per_sale", dtype=float).rename_axis("offer")


def _q7(ctx: Context) -> dict[str, str]:
    found = {}
    for row in DRAFTS.to_dict("records"):
        problems = creators.draft_problems(row)
        found[row["draft"]] = problems[0] if problems else "none"
    return found


# ----------------------------------------------------------------------------- likely mistakes

Q2_MISTAKES = (
    Misconception("per view", lambda ctx: _engagements(ctx.data("my_posts")) / float(ctx.data("my_posts")["views"].sum()),
                  "You divided by the views. That is engagement per view, which needs the creator's insights; "
                  "the question asks for the public measure: engagements per post divided by today's followers."),
    Misconception("likes only",
                  lambda ctx: float(ctx.data("my_posts")["likes"].sum()) / (len(ctx.data("my_posts")) * _followers_now(ctx)),
                  "You counted likes only. Engagements here are likes + comments + shares; add all three before "
                  "dividing by posts × followers."),
    Misconception("not per post", lambda ctx: _engagements(ctx.data("my_posts")) / _followers_now(ctx),
                  "You divided the engagements of all 20 posts by the followers once. The rate is per post: "
                  "divide by the number of posts too (posts × followers)."),
)
Q3_MISTAKES = (
    Misconception("Tashkent only", lambda ctx: creators.audience_fit(ctx.data("my_audience"), ["Tashkent"]),
                  "You counted Tashkent only. The café delivers in Tashkent and Samarkand: add the shares of both "
                  "cities."),
    Misconception("the other cities", lambda ctx: 1 - _fit(ctx),
                  "That is the share of the audience *outside* the target cities. Audience fit is the share "
                  "inside them: add the shares of Tashkent and Samarkand."),
)
Q4_MISTAKES = (
    Misconception("whole gain of the spike days", lambda ctx: float(_spikes(ctx)["new_followers"].sum()),
                  "You added the whole gain of the spike days. A normal day's growth (the rolling median) would "
                  "have come anyway: subtract it and add up only the excess."),
    Misconception("all growth", lambda ctx: float(ctx.data("my_followers")["new_followers"].sum()),
                  "You added every day's gain, i.e. the whole growth of the period. Only the spike days' excess "
                  "over a normal day is the estimate of bought followers."),
)
Q5_MISTAKES = (
    Misconception("audience fit left out", lambda ctx: _q5_variant(ctx, fit=False),
                  "You left out the audience fit: you counted every engagement as a possible buyer. Multiply by "
                  "the share of the audience in the brand's cities before applying the conversion rate."),
    Misconception("per target engagement", lambda ctx: _q5_variant(ctx, conversion=False),
                  "That is the cost per target engagement. The question asks for the cost per sale: multiply the "
                  "target engagements by the conversion rate (sales per target engagement) before dividing."),
)

QUESTIONS = [
    Overlap(**TEXT("q1"), expected=_q1, item_key=lambda d: pd.Timestamp(d).normalize(),
            min_precision=0.6, min_recall=0.75),
    Value(**TEXT("q2"), expected=_q2, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), expected=_fit, misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=_q4, misconceptions=Q4_MISTAKES, rtol=1e-6),
    Value(**TEXT("q5"), expected=_q5, misconceptions=Q5_MISTAKES),
    Choice(**TEXT("q6"), decision=True, correct="b"),
    Classify(**TEXT("q7"), groups=DRAFT_GROUPS, expected=_q7),
    Choice(**TEXT("q8"), decision=True, correct=["a", "d"]),
    Thought(**TEXT("q9")),
]

BANK = TEXT.bank("11_creators", QUESTIONS,
                 datasets={"my_followers": _my_followers, "my_posts": _my_posts,
                           "my_audience": _my_audience, "my_offers": _my_offers,
                           "my_drafts": _my_drafts})
