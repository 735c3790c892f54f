"""The creators chapter's logic: vetting a creator, pricing offers, comparing
them on cost per result with uncertainty, and checking sponsored-post drafts.

Vetting
    :func:`generate_creator` (a simulated creator, seeded), :func:`bought_followers`
    (reuses chapter 05's :func:`smmlib.pitfalls.detect_follower_spikes`),
    :func:`engagement_quality`, :func:`audience_fit`, :func:`vetting_summary`,
    :func:`follower_history_figure`
Pricing
    :data:`PRICING_MODELS`, :func:`offer_cost` (flat fee, CPM, CPE, affiliate, gifting),
    :class:`Offer`, :func:`offer_numbers`, :func:`compare_offers`
Uncertainty and sensitivity
    :data:`SIMULATION_ASSUMPTIONS`, :func:`simulate_offers`, :func:`simulation_summary`,
    :func:`offers_figure` (the calculator: ``smmlib.widgets.creators``)
Sponsored-post drafts
    :data:`DRAFT_RULES`, :func:`draft_problems`

Results are counted as **target engagements** (engagements from people in the
brand's target audience: views x engagement rate x audience fit) and **sales**
(target engagements x a conversion rate). Which result to pay for is the
brand's choice; the course's default is sales when a code or link measures
them, target engagements otherwise.

The uncertainty model is the course's own teaching device (its assumptions are
in :data:`SIMULATION_ASSUMPTIONS`): a creator's views vary from post to post
like a log-normal variable and the engagement rate varies less. It is not a
measurement of any creator or platform.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import validate
from .pitfalls import detect_follower_spikes
from .viz import OKABE_ITO

__all__ = [
    "DRAFT_RULES",
    "PRICING_MODELS",
    "SIMULATION_ASSUMPTIONS",
    "Offer",
    "audience_fit",
    "bought_followers",
    "compare_offers",
    "draft_problems",
    "engagement_quality",
    "follower_history_figure",
    "generate_creator",
    "offer_cost",
    "offer_numbers",
    "offers_figure",
    "simulate_offers",
    "simulation_summary",
    "vetting_summary",
]

# ----------------------------------------------------------------------------- vetting


def generate_creator(seed: int = 0, *, bought: bool = True, days: int = 120,
                     start: str = "2026-07-01") -> dict[str, pd.DataFrame]:
    """A SIMULATED creator: daily follower gains, 20 recent posts and the audience by city.

    Returns ``{"followers": ..., "posts": ..., "audience": ...}``:

    - ``followers``: ``date``, ``new_followers`` (daily gain), ``followers`` (the total);
      with ``bought=True``, two to four days carry purchased followers (a jump of
      several thousand in one day that organic growth does not explain);
    - ``posts``: ``post``, ``date``, ``views``, ``likes``, ``comments``, ``shares``;
      bought followers do not watch or like, so engagement per follower falls after them;
    - ``audience``: ``city`` and ``share`` of followers (the creator's own insights
      screenshot, as a brand would receive it), summing to 1.

    ``followers.attrs["bought_days"]`` lists the dates of the planted purchases
    (the truth that an audit tries to find). ``bought=False`` gives the same
    creator (same seed: same organic gains, posts and audience) without the
    purchases. Nothing here is a real creator.

    >>> c = generate_creator(seed=1)
    >>> len(c["followers"]), len(c["posts"]), round(float(c["audience"]["share"].sum()), 6)
    (120, 20, 1.0)
    >>> generate_creator(seed=1)["posts"].equals(c["posts"])
    True
    """
    rng = np.random.default_rng(validate.whole("generate_creator", "seed", seed))
    n = validate.whole("generate_creator", "days", days, 30)
    dates = pd.date_range(start, periods=n, freq="D")
    trend = np.linspace(35, 60, n) * (1 + 0.15 * np.sin(2 * np.pi * np.arange(n) / 7))
    gains = rng.poisson(trend).astype(int)
    gains[rng.random(n) < 0.05] += rng.integers(15, 35)  # a few good days from a popular post (organic)
    planted: list[pd.Timestamp] = []
    extra = np.zeros(n, dtype=int)
    # the purchases are drawn either way, so that bought=False is the *same* creator (same organic growth,
    # posts and audience) without them: a fair "with and without" comparison
    k = int(rng.integers(2, 5))
    for i in np.sort(rng.choice(np.arange(10, n - 5), size=k, replace=False)):
        amount = int(rng.integers(2_500, 6_000))
        if bought:
            extra[i] = amount
            planted.append(dates[i])
    start_total = int(rng.integers(18_000, 30_000))
    followers = pd.DataFrame({"date": dates, "new_followers": gains + extra,
                              "followers": start_total + np.cumsum(gains + extra)})
    followers.attrs["bought_days"] = planted

    real = start_total + np.cumsum(gains)  # people who can actually watch: bought accounts never do
    posts = []
    for j, day in enumerate(sorted(rng.choice(np.arange(n), size=20, replace=False))):
        people = float(real[day])
        views = int(people * rng.lognormal(np.log(0.25), 0.35))
        likes = int(rng.binomial(views, float(np.clip(rng.normal(0.06, 0.012), 0.01, 0.2))))
        comments = int(rng.binomial(views, float(np.clip(rng.normal(0.006, 0.002), 0.0005, 0.05))))
        shares = int(rng.binomial(views, float(np.clip(rng.normal(0.004, 0.0015), 0.0005, 0.05))))
        posts.append({"post": f"p{j + 1:02d}", "date": dates[day], "views": views, "likes": likes,
                      "comments": comments, "shares": shares})
    cities = ["Tashkent", "Samarkand", "Almaty", "Moscow", "Other"]
    weights = rng.dirichlet([6, 2, 1.5, 1.5, 2])
    audience = pd.DataFrame({"city": cities, "share": np.round(weights, 3)})
    audience.loc[audience.index[-1], "share"] = round(1 - float(audience["share"].iloc[:-1].sum()), 3)
    return {"followers": followers, "posts": pd.DataFrame(posts), "audience": audience}


def bought_followers(followers: pd.DataFrame, *, window: int = 15, threshold: float = 5.0) -> pd.DataFrame:
    """The days a follower history gained far more than normal, and the estimated excess.

    Uses chapter 05's robust spike detector (:func:`smmlib.pitfalls.detect_follower_spikes`,
    rolling median and MAD) on ``new_followers``; the ``excess`` of a flagged day
    is its gain minus the baseline (what a normal day would have brought). Returns
    only the flagged days: ``date`` (if the table has one), ``new_followers``,
    ``baseline``, ``score``, ``excess``.

    A spike is a reason to ask, not a proof: a post that went viral, a TV mention
    or a giveaway also bring jumps. Bought followers usually show themselves a second way:
    engagement does not rise with them (see :func:`engagement_quality`).

    >>> gains = pd.DataFrame({"new_followers": [40, 42, 38, 41, 3040, 39, 43, 40, 41, 37]})
    >>> bought_followers(gains, window=5)[["new_followers", "baseline", "excess"]].to_dict("records")
    [{'new_followers': 3040.0, 'baseline': 41.0, 'excess': 2999.0}]
    """
    flags = detect_follower_spikes(followers, window=window, threshold=threshold)
    out = flags[flags["flagged"]].drop(columns="flagged").copy()
    out["excess"] = out["new_followers"] - out["baseline"]
    return out


def engagement_quality(posts: pd.DataFrame, followers: float) -> pd.Series:
    """What a creator's posts say about the quality of the audience.

    - ``engagement_per_follower``: (likes + comments + shares) of all posts / (posts x followers),
      pooled over the posts (the public number a brand can compute without insights);
    - ``engagement_per_view``: the same engagements / all views (needs the creator's insights);
    - ``views_per_follower``: mean views per post / followers (a low value means many
      followers never see the posts: inactive or bought);
    - ``comments_per_like``: all comments / all likes (very low with bought likes,
      very high with comment pods and giveaways).

    >>> posts = pd.DataFrame({"views": [1000, 3000], "likes": [50, 130], "comments": [5, 10], "shares": [5, 0]})
    >>> engagement_quality(posts, followers=10_000).round(4).to_dict()  # 200 / (2 x 10,000); 200 / 4000; 2000 / 10,000; 15 / 180
    {'engagement_per_follower': 0.01, 'engagement_per_view': 0.05, 'views_per_follower': 0.2, 'comments_per_like': 0.0833}
    """
    f = validate.number("engagement_quality", "followers", followers, positive=True)
    missing = [c for c in ("views", "likes", "comments", "shares") if c not in posts.columns]
    if missing:
        raise KeyError(f"engagement_quality(): the posts table has no column(s) {missing}; it needs views, "
                       f"likes, comments and shares per post (columns: {list(posts.columns)})")
    if len(posts) == 0:
        raise ValueError("engagement_quality(): the posts table is empty; pass the creator's recent posts")
    engagements = float((posts["likes"] + posts["comments"] + posts["shares"]).sum())
    views = float(posts["views"].sum())
    likes = float(posts["likes"].sum())
    return pd.Series({
        "engagement_per_follower": engagements / (len(posts) * f),
        "engagement_per_view": engagements / views if views else float("nan"),
        "views_per_follower": views / len(posts) / f,
        "comments_per_like": float(posts["comments"].sum()) / likes if likes else float("nan"),
    })


def audience_fit(audience: pd.DataFrame | Mapping[str, float], target: Iterable[str],
                 column: str = "city") -> float:
    """The share of a creator's audience that is in the brand's target (by city, country, age group ...).

    ``audience`` is a table with ``column`` and ``share`` (or a mapping
    value -> share); ``target`` the values the brand sells to. Shares are
    fractions; the result is their sum over the target values.

    >>> audience_fit({"Tashkent": 0.55, "Samarkand": 0.2, "Moscow": 0.25}, ["Tashkent", "Samarkand"])
    0.75
    """
    if isinstance(audience, pd.DataFrame):
        if column not in audience.columns or "share" not in audience.columns:
            raise KeyError(f"audience_fit(): the audience table needs the columns {column!r} and 'share' "
                           f"(columns: {list(audience.columns)})")
        shares = dict(zip(audience[column], audience["share"], strict=True))
    else:
        shares = dict(audience)
    wanted = [target] if isinstance(target, str) else list(target)
    unknown = [t for t in wanted if t not in shares]
    if unknown:
        raise KeyError(f"audience_fit(): {unknown} not in the audience (it has {list(shares)}); "
                       "spell the target as the creator's insights do")
    for name, value in shares.items():
        validate.number("audience_fit", f"the share of {name!r}", value, fraction=True)
    return round(float(sum(shares[t] for t in wanted)), 12)


def vetting_summary(creator: Mapping[str, pd.DataFrame], target: Iterable[str]) -> pd.Series:
    """One line per check for a creator from :func:`generate_creator` (or the same three tables).

    ``followers_now``, ``spike_days``, ``estimated_bought`` (sum of the excess of
    the spike days), ``bought_share`` (of today's followers),
    ``engagement_per_follower``, ``views_per_follower``, ``comments_per_like``
    and ``audience_fit`` (share in ``target``).
    """
    history = creator["followers"]
    now = float(history["followers"].iloc[-1])
    spikes = bought_followers(history)
    quality = engagement_quality(creator["posts"], now)
    excess = float(spikes["excess"].sum())
    return pd.Series({
        "followers_now": now, "spike_days": len(spikes), "estimated_bought": excess,
        "bought_share": excess / now,
        "engagement_per_follower": quality["engagement_per_follower"],
        "views_per_follower": quality["views_per_follower"],
        "comments_per_like": quality["comments_per_like"],
        "audience_fit": audience_fit(creator["audience"], target),
    })


def follower_history_figure(followers: pd.DataFrame, title: str = "Daily follower gains (simulated creator)",
                            threshold: float = 5.0) -> go.Figure:
    """Daily follower gains with the rolling-median baseline and the flagged spike days marked."""
    flags = detect_follower_spikes(followers, threshold=threshold)
    x = flags["date"] if "date" in flags.columns else flags.index
    fig = go.Figure()
    fig.add_trace(go.Bar(x=x, y=flags["new_followers"], name="new followers", marker_color=OKABE_ITO[0]))
    fig.add_trace(go.Scatter(x=x, y=flags["baseline"], name="normal day (rolling median)", mode="lines",
                             line={"color": OKABE_ITO[1], "width": 2}))
    hit = flags[flags["flagged"]]
    fig.add_trace(go.Scatter(x=hit["date"] if "date" in hit.columns else hit.index, y=hit["new_followers"],
                             mode="markers", name="flagged spike", marker={"color": OKABE_ITO[5], "size": 12,
                                                                           "symbol": "x"}))
    fig.update_layout(title=title, xaxis_title="Day", yaxis_title="New followers that day (log scale)",
                      yaxis_type="log", legend_title_text="")
    return fig


# ----------------------------------------------------------------------------- pricing

#: The pricing models, with what ``rate`` means in each.
PRICING_MODELS: dict[str, str] = {
    "flat": "a fixed fee per post or package, whatever happens",
    "cpm": "a price per 1,000 views (impressions) the post gets",
    "cpe": "a price per engagement (like, comment, share, save)",
    "affiliate": "a commission: a share of the revenue of the sales the creator's code or link brings",
    "gifting": "the product (and shipping) given instead of money; still a paid relationship to disclose",
}


def offer_cost(model: str, rate: float, *, views: float = 0.0, engagements: float = 0.0, sales: float = 0.0,
               order_value: float = 0.0, fixed: float = 0.0) -> float:
    """What an offer costs the brand under one of :data:`PRICING_MODELS`.

    - ``flat``: rate (the fee)
    - ``cpm``: rate x views / 1,000
    - ``cpe``: rate x engagements
    - ``affiliate``: rate (a fraction) x sales x order_value
    - ``gifting``: rate (the product's cost to the brand, with shipping)

    ``fixed`` is added to every model (e.g. a small fee on top of a commission,
    or the product sent along with a fee).

    >>> offer_cost("cpm", 12, views=40_000)          # 12 x 40,000 / 1,000
    480.0
    >>> offer_cost("cpe", 0.5, engagements=900)      # 0.5 x 900
    450.0
    >>> offer_cost("affiliate", 0.15, sales=40, order_value=60, fixed=100)  # 0.15 x 40 x 60 + 100
    460.0
    """
    func = "offer_cost"
    model = validate.choice(func, "model (the pricing model)", model, PRICING_MODELS)
    r = validate.number(func, "rate", rate, fraction=(model == "affiliate"))
    v = validate.number(func, "views", views)
    e = validate.number(func, "engagements", engagements)
    s = validate.number(func, "sales", sales)
    o = validate.number(func, "order_value", order_value)
    extra = validate.number(func, "fixed", fixed)
    cost = {"flat": r, "gifting": r, "cpm": r * v / 1000, "cpe": r * e, "affiliate": r * s * o}[model]
    return float(cost + extra)


@dataclass(frozen=True)
class Offer:
    """One creator's offer: how they charge and what their posts are expected to do.

    ``views`` is the expected views of the post (from the creator's insights:
    the median of recent posts, not the follower count). Views are skewed, so
    their mean is above the median; taking the median as the expected value
    (as :func:`simulate_offers` does, whose draws have mean ``views``) is the
    course's cautious choice: with the simulator's sigma of 0.5 the mean is
    about 13% above the median (exp(0.5²/2) = 1.13), so a flat fee's results are
    understated a little, while a CPM's cost per result does not depend on the
    views at all. ``engagement_rate``
    engagements per view; ``audience_fit`` the share of viewers in the brand's
    target; ``rate`` and ``fixed`` as in :func:`offer_cost`.
    """

    name: str
    model: str
    rate: float
    views: float
    engagement_rate: float
    audience_fit: float
    fixed: float = 0.0

    def __post_init__(self) -> None:
        where = f"Offer {self.name!r}"
        validate.choice(where, "model (the pricing model)", self.model, PRICING_MODELS)
        validate.number(where, "rate", self.rate, fraction=(self.model == "affiliate"))
        validate.number(where, "views", self.views)
        validate.number(where, "engagement_rate", self.engagement_rate, fraction=True)
        validate.number(where, "audience_fit", self.audience_fit, fraction=True)
        validate.number(where, "fixed", self.fixed)


def offer_numbers(offer: Offer, *, conversion: float = 0.02, order_value: float = 50.0,
                  views: float | None = None, engagement_rate: float | None = None) -> dict[str, float]:
    """Expected results and cost of one offer (``views`` / ``engagement_rate`` override the offer's).

    target engagements = views x engagement rate x audience fit;
    sales = target engagements x ``conversion`` (sales per target engagement,
    an assumption the brand makes from its own past campaigns or codes).

    >>> o = Offer("A", "flat", 500, views=40_000, engagement_rate=0.05, audience_fit=0.5)
    >>> n = offer_numbers(o, conversion=0.02, order_value=50)
    >>> n["target_engagements"], n["sales"], n["cost"], n["cost_per_target_engagement"], n["cost_per_sale"]
    (1000.0, 20.0, 500.0, 0.5, 25.0)
    """
    c = validate.number("offer_numbers", "conversion", conversion, fraction=True)
    ov = validate.number("offer_numbers", "order_value", order_value)
    v = offer.views if views is None else validate.number("offer_numbers", "views", views)
    er = offer.engagement_rate if engagement_rate is None else validate.number(
        "offer_numbers", "engagement_rate", engagement_rate, fraction=True)
    engagements = v * er
    target = engagements * offer.audience_fit
    sales = target * c
    cost = offer_cost(offer.model, offer.rate, views=v, engagements=engagements, sales=sales, order_value=ov,
                      fixed=offer.fixed)
    return {"views": float(v), "engagements": float(engagements), "target_engagements": float(target),
            "sales": float(sales), "cost": cost,
            "cost_per_target_engagement": cost / target if target else float("inf"),
            "cost_per_sale": cost / sales if sales else float("inf")}


def compare_offers(offers: Sequence[Offer], *, conversion: float = 0.02, order_value: float = 50.0) -> pd.DataFrame:
    """The expected numbers of several offers side by side (one row per offer, by name).

    >>> a = Offer("A", "flat", 500, views=40_000, engagement_rate=0.05, audience_fit=0.5)
    >>> b = Offer("B", "cpm", 10, views=40_000, engagement_rate=0.05, audience_fit=0.5)
    >>> compare_offers([a, b])["cost"].tolist()   # B: 10 x 40,000 / 1,000
    [500.0, 400.0]
    """
    offers = validate.items("compare_offers", "offers", offers, what="a list of creators.Offer(...)", empty=False)
    names = [o.name for o in offers]
    if len(set(names)) != len(names):
        raise ValueError(f"compare_offers(): offer names must differ, got {names}")
    rows = {o.name: offer_numbers(o, conversion=conversion, order_value=order_value) for o in offers}
    table = pd.DataFrame(rows).T
    table.index.name = "offer"
    table.insert(0, "model", [o.model for o in offers])
    return table


# ----------------------------------------------------------------------------- uncertainty

#: The calculator's assumptions (the course's own, stated in the chapter).
SIMULATION_ASSUMPTIONS: dict[str, float] = {
    # a post's views vary around the expected value like a log-normal with this sigma
    # (0.5: a post with half or double the usual views is common)
    "views_sigma": 0.5,
    # the engagement rate varies less (log-normal sigma)
    "engagement_sigma": 0.25,
}


def simulate_offers(offers: Sequence[Offer], *, n: int = 4000, seed: int = 0, conversion: float = 0.02,
                    order_value: float = 50.0, views_sigma: float | None = None,
                    engagement_sigma: float | None = None) -> pd.DataFrame:
    """``n`` simulated outcomes of each offer (seeded): one row per offer and draw.

    Each draw multiplies the offer's expected views by a log-normal factor
    with mean 1 (sigma ``views_sigma``) and its engagement rate by another
    (``engagement_sigma``, capped at 1), then prices the result with
    :func:`offer_numbers`. Columns: ``offer``, ``draw``, ``views``,
    ``target_engagements``, ``sales``, ``cost``.
    """
    offers = validate.items("simulate_offers", "offers", offers, what="a list of creators.Offer(...)", empty=False)
    draws = validate.whole("simulate_offers", "n", n, 10)
    rng = np.random.default_rng(validate.whole("simulate_offers", "seed", seed))
    vs = validate.number("simulate_offers", "views_sigma",
                         SIMULATION_ASSUMPTIONS["views_sigma"] if views_sigma is None else views_sigma)
    es = validate.number("simulate_offers", "engagement_sigma",
                         SIMULATION_ASSUMPTIONS["engagement_sigma"] if engagement_sigma is None else engagement_sigma)
    c = validate.number("simulate_offers", "conversion", conversion, fraction=True)
    ov = validate.number("simulate_offers", "order_value", order_value)
    frames = []
    for offer in offers:
        views = offer.views * rng.lognormal(-vs ** 2 / 2, vs, draws)
        rate = np.minimum(offer.engagement_rate * rng.lognormal(-es ** 2 / 2, es, draws), 1.0)
        target = views * rate * offer.audience_fit
        sales = target * c
        r = offer.rate
        cost = {"flat": np.full(draws, r), "gifting": np.full(draws, r), "cpm": r * views / 1000,
                "cpe": r * views * rate, "affiliate": r * sales * ov}[offer.model] + offer.fixed
        frames.append(pd.DataFrame({"offer": offer.name, "draw": np.arange(draws), "views": views,
                                    "target_engagements": target, "sales": sales, "cost": cost}))
    return pd.concat(frames, ignore_index=True)


def simulation_summary(sims: pd.DataFrame, result: str = "sales") -> pd.DataFrame:
    """Per offer: the expected cost per result and its spread, from :func:`simulate_offers`.

    - ``expected_results``: the mean number of results (volume matters too: a cheap
      result is no use if there are only a handful);
    - ``expected_cost_per_result`` = mean cost / mean result (total spend over
      total results if the campaign were run many times; not the mean of the
      per-draw ratios, which a few draws with almost no result blow up);
    - ``p10``, ``p90``: the 10th and 90th percentiles of cost per result over the draws
      (a good and a weak post: p90 is the expensive end);
    - ``chance_cheapest``: the share of draws in which this offer has the lowest cost per result
      (draws are paired by number across offers).

    >>> sims = pd.DataFrame({"offer": ["A", "A", "B", "B"], "draw": [0, 1, 0, 1],
    ...                      "sales": [10.0, 30.0, 20.0, 20.0], "cost": [400.0, 400.0, 500.0, 500.0]})
    >>> simulation_summary(sims).loc["A", ["expected_cost_per_result", "chance_cheapest"]].tolist()  # 400 / 20
    [20.0, 0.5]
    """
    validate.choice("simulation_summary", "result", result, ("sales", "target_engagements"))
    missing = [c for c in ("offer", "draw", "cost", result) if c not in sims.columns]
    if missing:
        raise KeyError(f"simulation_summary(): the table has no column(s) {missing}; pass simulate_offers(...)")
    per = sims.assign(cpr=sims["cost"] / sims[result].where(sims[result] > 0))
    wide = per.pivot(index="draw", columns="offer", values="cpr")
    cheapest = wide.idxmin(axis=1).value_counts(normalize=True)
    grouped = per.groupby("offer", sort=False)
    out = pd.DataFrame({
        "expected_results": grouped[result].mean(),
        "expected_cost_per_result": grouped["cost"].mean() / grouped[result].mean(),
        "p10": grouped["cpr"].quantile(0.1),
        "p90": grouped["cpr"].quantile(0.9),
    })
    out["chance_cheapest"] = cheapest.reindex(out.index).fillna(0.0)
    out.index.name = "offer"
    return out


def offers_figure(sims: pd.DataFrame, result: str = "sales", title: str | None = None) -> go.Figure:
    """Box plots of cost per result over the simulated draws, one box per offer."""
    label = {"sales": "sale", "target_engagements": "target engagement"}[result]
    fig = go.Figure()
    for i, (name, group) in enumerate(sims.groupby("offer", sort=False)):
        cpr = group["cost"] / group[result].where(group[result] > 0)
        fig.add_trace(go.Box(y=cpr, name=str(name), marker_color=OKABE_ITO[i % len(OKABE_ITO)],
                             boxpoints=False, boxmean=True))
    fig.update_layout(title=title or f"Cost per {label} of each offer over simulated posts (the course's "
                                     "uncertainty model)",
                      xaxis_title="Offer", yaxis_title=f"Cost per {label} (log scale)", yaxis_type="log",
                      showlegend=False)
    return fig


# ----------------------------------------------------------------------------- drafts

#: Words that disclose an advertising relationship at the start of a caption (lower case).
DISCLOSURE_WORDS = ("#ad", "ad:", "advertising", "advertisement", "paid partnership", "sponsored",
                    "#sponsored", "реклама", "reklama", "reklaam", "жарнама", "რეკლამა")

#: Claims that need evidence the creator cannot have (health, guarantees), lower case.
RISKY_CLAIMS = ("cure", "cures", "guaranteed", "100%", "no side effects", "clinically proven", "permanent",
                "lose 10 kg", "risk-free")

#: Music a business or branded post may use.
LICENSED_MUSIC = ("original", "commercial library", "licensed", "none")

#: What each problem found by :func:`draft_problems` means.
DRAFT_RULES: dict[str, str] = {
    "disclosure": "a paid or gifted post must say so clearly and at once: the platform's paid-partnership "
                  "label or a plain word such as 'Advertising' at the start, not hidden among hashtags",
    "marking": "in Russia an online ad also needs the 'реклама' mark, the advertiser and the erid token "
               "(Federal Law 38-FZ, Article 18.1, since 2022)",
    "claims": "health claims and guarantees need evidence; a creator's testimony is not evidence",
    "music": "a branded post may use only music licensed for commercial use (original sound, the "
             "platform's commercial library or a licence), not any trending song",
    "ai_label": "realistic AI-generated or altered people or scenes need the platform's AI label",
    "promotion": "on Facebook (Meta's Pages terms), entry must not require sharing on a personal timeline or "
                 "tagging friends; Instagram, TikTok and VK have their own promotion terms: check the platform's",
}


def draft_problems(draft: Mapping[str, object]) -> list[str]:
    """The problems of a sponsored-post draft, as keys of :data:`DRAFT_RULES` (empty: none found).

    ``draft`` has ``text`` (the caption), ``paid`` (money, product or a
    commission changed hands), ``label`` (the platform's paid-partnership label
    is switched on), ``music`` (``original``, ``commercial library``,
    ``licensed``, ``none`` or anything else, e.g. ``trending song``),
    ``ai_realistic`` (shows realistic AI-made people or scenes), ``ai_label``
    and ``region`` (``"RU"`` adds the Russian marking check). Without the label,
    a disclosure word (:data:`DISCLOSURE_WORDS`, matched as a whole word, so
    "#adventure" does not count) must be among the caption's first three words:
    "#ad" at the end of a line of hashtags does not count.
    Missing keys
    default to no problem. A rule-based first pass for a checklist, not legal
    advice: a person reads every draft.

    >>> draft_problems({"text": "Love my new cream! #skincare #ad", "paid": True, "music": "trending song"})
    ['disclosure', 'music']
    >>> draft_problems({"text": "Advertising. Our new bakery in Tartu opens today", "paid": True, "music": "original"})
    []
    """
    text = str(draft.get("text", ""))
    low = text.casefold()
    problems = []
    if draft.get("paid") and not draft.get("label"):
        opening = " ".join(low.split()[:3])  # the disclosure must come first, before the reader scrolls on
        # whole words only: "#adventure" or "#adidas" do not disclose anything
        if not any(re.search(rf"(?<![\w#]){re.escape(w)}(?!\w)", opening) for w in DISCLOSURE_WORDS):
            problems.append("disclosure")
    if draft.get("paid") and str(draft.get("region", "")).upper() == "RU":
        if "erid" not in low or "реклама" not in low:
            problems.append("marking")
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in RISKY_CLAIMS):
        problems.append("claims")
    music = str(draft.get("music", "none")).casefold()
    if draft.get("paid") and music not in LICENSED_MUSIC:
        problems.append("music")
    if draft.get("ai_realistic") and not draft.get("ai_label"):
        problems.append("ai_label")
    if re.search(r"\b(share|repost)\b.{0,40}\b(timeline|story|stories|to enter|to win)\b", low) or \
            re.search(r"\btag\b.{0,20}\bfriends?\b", low):
        problems.append("promotion")
    return problems
