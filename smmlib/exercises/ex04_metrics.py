"""Question bank of ``exercises/04_metrics.ipynb`` and the chapter-04 knowledge check.

Datasets: ``facebook`` (the real page, the same for everyone) and the
student's personal ``my_posts`` and ``my_ad_sets`` (seeded by the student ID);
expected answers on personal data are recomputed from the same seed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pandas as pd

from .. import metrics, utm
from ..engine.checking import describe
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
TEXT = load_texts(Path(__file__).with_name("texts") / "ex04_metrics.toml")

#: The shop's lead-cost target (currency units per lead) used in q7 and q8.
CPL_TARGET = 7.0

#: The link of q9 and its UTM tags.
LANDING_URL = "https://kids-shop.example/spring"
UTM_TAGS = {"source": "instagram", "medium": "paid_social", "campaign": "spring_sale", "content": "video_a"}

#: Visits to classify in q10: "source / medium".
VISITS = ["facebook / paid_social", "l.instagram.com / referral", "newsletter / email",
          "(direct) / (none)", "vk / social", "partner-blog.example / referral", "google / cpc"]


def _facebook(ctx: Context) -> pd.DataFrame:
    from ..datasets import load_dataset

    return load_dataset("facebook_metrics")


def _my_posts(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_posts

    return generate_posts(seed=ctx.seed, n_posts=300)


def _my_ad_sets(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_ad_sets

    return generate_ad_sets(seed=ctx.seed)


def _engagements(df: pd.DataFrame) -> pd.Series:
    return df["likes"] + df["comments"] + df["shares"]


# ----------------------------------------------------------------------------- expected answers


def _q1(ctx: Context) -> float:
    posts = ctx.data("my_posts")
    return float(metrics.engagement_rate(_engagements(posts).sum(), posts["reach"].sum()))


def _q2(ctx: Context) -> float:
    posts = ctx.data("my_posts")
    return float(metrics.frequency(posts["impressions"].sum(), posts["reach"].sum()))


def _q3(ctx: Context) -> pd.Series:
    sums = ctx.data("my_posts").groupby("platform")[["likes", "comments", "shares", "reach"]].sum()
    return metrics.engagement_rate(_engagements(sums), sums["reach"])


def _q4(ctx: Context) -> pd.Series:
    fb = ctx.data("facebook")
    fb["rate"] = metrics.engagement_rate(fb["total_interactions"], fb["reach"])
    return fb.groupby("type")["rate"].median()


def _q5(ctx: Context) -> pd.DataFrame:
    return ctx.data("facebook").groupby("paid")[["reach", "engaged_users"]].mean()


def _q6(ctx: Context) -> float:
    ads = ctx.data("my_ad_sets")
    return float(metrics.cpl(ads["spend"].sum(), ads["leads"].sum()))


def _q7(ctx: Context) -> list[str]:
    ads = ctx.data("my_ad_sets")
    over = metrics.cpl(ads["spend"], ads["leads"]) > CPL_TARGET
    return ads.loc[over, "ad_set"].tolist()


def cpl_status(spend: float, leads: int, target: float) -> str:
    """Reference for q8: 'no leads', 'on target' (CPL <= target) or 'over target'."""
    if leads == 0:
        return "no leads"
    return "on target" if spend / leads <= target else "over target"


def _q9(ctx: Context) -> str:
    return utm.build_utm_url(LANDING_URL, **UTM_TAGS)


def _same_link(actual: object, expected: str) -> str | None:
    """Compare links: same address and the same query parameters in any order."""
    if not isinstance(actual, str):
        return f"Expected the link as text, but you gave {describe(actual)}."
    a, e = urlsplit(actual.strip()), urlsplit(expected)
    if (a.scheme, a.netloc.lower(), a.path.rstrip("/")) != (e.scheme, e.netloc.lower(), e.path.rstrip("/")):
        return f"The address part should stay {e.scheme}://{e.netloc}{e.path}; only add the tags."
    got, want = dict(parse_qsl(a.query)), dict(parse_qsl(e.query))
    missing = [k for k in want if k not in got]
    if missing:
        return f"Your link lacks the parameter(s) {', '.join(missing)}."
    extra = [k for k in got if k not in want]
    if extra:
        return f"Your link has parameter(s) that were not asked for: {', '.join(extra)}."
    wrong = [k for k in want if got[k] != want[k]]
    if wrong:
        return (f"The value of {wrong[0]} is {got[wrong[0]]!r}; remember UTM values are lower-case "
                "with `_` instead of spaces.")
    return None


#: q10's answer: the channel of each visit, by the chapter's grouping rules (the same for everyone).
Q10_CHANNELS = {visit: utm.traffic_channel(*visit.split(" / ")) for visit in VISITS}


def engagement_rates(posts: pd.DataFrame) -> pd.Series:
    """Reference for q11: (likes + comments + shares) / reach per post, NaN where reach is 0."""
    engagements = posts["likes"] + posts["comments"] + posts["shares"]
    return (engagements / posts["reach"].where(posts["reach"] != 0)).astype(float)


_Q11_SMALL = pd.DataFrame({"likes": [10, 3, 2], "comments": [2, 0, 0], "shares": [3, 1, 1],
                           "reach": [300, 40, 0]}, index=["P1", "P2", "P3"])


def _q11_mine(ctx: Context) -> Case:
    return Case((ctx.data("my_posts").head(25).set_index("post_id"),), label="the first 25 of your posts")


Q11_CASES = (Case((_Q11_SMALL.iloc[:2],), label="two ordinary posts"),
             Case((_Q11_SMALL,), label="a post with zero reach"),
             Case((_Q11_SMALL.iloc[0:0],), label="empty table"),
             _q11_mine)


def _q12(ctx: Context) -> pd.Series:
    missing = ctx.data("facebook").isna().sum()
    return missing[missing > 0]


def _q13(ctx: Context) -> int:
    fb = ctx.data("facebook")
    return int((fb["impressions"] < fb["reach"]).sum())


def _q14(ctx: Context) -> list[str]:
    posts = ctx.data("my_posts")
    posts["score"] = metrics.wilson_lower_bound(posts["clicks"], posts["reach"])
    return posts.sort_values("score", ascending=False)["post_id"].head(5).tolist()


# ----------------------------------------------------------------------------- likely mistakes


def _posts(ctx: Context) -> pd.DataFrame:
    return ctx.data("my_posts")


Q1_MISTAKES = (
    Misconception("averaged per-post rates",
                  lambda ctx: float((_engagements(_posts(ctx)) / _posts(ctx)["reach"]).mean()),
                  "You averaged the per-post rates, so a post seen by 40 people counts as much as one seen by "
                  "40,000. The rate of all posts together is pooled: total engagements / total reach."),
    Misconception("likes only", lambda ctx: float(_posts(ctx)["likes"].sum() / _posts(ctx)["reach"].sum()),
                  "You counted likes only. Engagements are likes + comments + shares: add all three before dividing."),
    Misconception("impressions as the denominator",
                  lambda ctx: float(_engagements(_posts(ctx)).sum() / _posts(ctx)["impressions"].sum()),
                  "You divided by impressions. The engagement rate *by reach* divides by people reached, "
                  "not by views: use `reach`."),
    Misconception("followers as the denominator",
                  lambda ctx: float(_engagements(_posts(ctx)).sum() / _posts(ctx)["followers"].sum()),
                  "You divided by followers. Most followers never see a given post; the rate by reach divides "
                  "by the people the posts actually reached."),
)

Q2_MISTAKES = (
    Misconception("averaged per-post frequencies",
                  lambda ctx: float((_posts(ctx)["impressions"] / _posts(ctx)["reach"]).mean()),
                  "You averaged each post's frequency, so small posts weigh as much as big ones. Frequency of "
                  "all posts together: total impressions / total reach."),
    Misconception("followers instead of reach",
                  lambda ctx: float(_posts(ctx)["impressions"].sum() / _posts(ctx)["followers"].sum()),
                  "You divided by followers. Frequency is views per person *reached*: impressions / reach."),
)


def _q3_sums(ctx: Context) -> pd.DataFrame:
    return _posts(ctx).groupby("platform")[["likes", "comments", "shares", "reach", "impressions"]].sum()


Q3_MISTAKES = (
    Misconception("averaged per-post rates",
                  lambda ctx: (_engagements(_posts(ctx)) / _posts(ctx)["reach"]).groupby(_posts(ctx)["platform"]).mean(),
                  "You averaged per-post rates within each platform. Pool each platform instead: sum the "
                  "engagements and the reach per platform, then divide the sums."),
    Misconception("likes only", lambda ctx: _q3_sums(ctx)["likes"] / _q3_sums(ctx)["reach"],
                  "You counted likes only. Engagements are likes + comments + shares per platform."),
    Misconception("impressions as the denominator",
                  lambda ctx: _engagements(_q3_sums(ctx)) / _q3_sums(ctx)["impressions"],
                  "You divided by impressions. This rate is by reach: divide each platform's engagements by "
                  "its summed reach."),
)


def _fb_rates(ctx: Context) -> pd.DataFrame:
    fb = ctx.data("facebook")
    return fb.assign(rate=fb["total_interactions"] / fb["reach"])


Q4_MISTAKES = (
    Misconception("pooled instead of per-post median",
                  lambda ctx: (lambda s: s["total_interactions"] / s["reach"])(
                      ctx.data("facebook").groupby("type")[["total_interactions", "reach"]].sum()),
                  "You pooled the posts of each type (total interactions / total reach). The question asks for "
                  "the typical post: each post's rate first, then the median per type."),
    Misconception("mean instead of median", lambda ctx: _fb_rates(ctx).groupby("type")["rate"].mean(),
                  "You took the mean of the per-post rates; a few viral posts drag it up. Take the median: "
                  "`.median()`."),
    Misconception("engaged users instead of interactions",
                  lambda ctx: (lambda fb: (fb["engaged_users"] / fb["reach"]).groupby(fb["type"]).median())(
                      ctx.data("facebook")),
                  "You used `engaged_users` (people who acted). The question's rate counts interactions: "
                  "`total_interactions / reach`."),
)

Q5_MISTAKES = (
    Misconception("median instead of mean",
                  lambda ctx: ctx.data("facebook").groupby("paid")[["reach", "engaged_users"]].median(),
                  "You took medians. The question asks for the mean reach and mean engaged users: `.mean()`."),
    Misconception("totals instead of means",
                  lambda ctx: ctx.data("facebook").groupby("paid")[["reach", "engaged_users"]].sum(),
                  "These are totals. There are far more organic posts than paid ones, so totals compare the "
                  "number of posts, not how well a post does: take the mean per post."),
)


def _ads(ctx: Context) -> pd.DataFrame:
    return ctx.data("my_ad_sets")


Q6_MISTAKES = (
    Misconception("averaged per-ad-set CPL", lambda ctx: float((_ads(ctx)["spend"] / _ads(ctx)["leads"]).mean()),
                  "You averaged the ad sets' own CPLs, so an ad set with 5 leads counts as much as one with 150. "
                  "The campaign's CPL is pooled: total spend / total leads."),
    Misconception("cost per click", lambda ctx: float(_ads(ctx)["spend"].sum() / _ads(ctx)["clicks"].sum()),
                  "You divided by clicks: that is the cost per click. A lead is a person who left their contact "
                  "details: divide by `leads`."),
)


Q7_MISTAKES = (
    Misconception("comparison reversed",
                  lambda ctx: _ads(ctx).loc[_ads(ctx)["spend"] / _ads(ctx)["leads"] <= CPL_TARGET, "ad_set"].tolist(),
                  "You listed the ad sets that are *on* target. The ones to act on cost more than the target "
                  "per lead: spend / leads > target."),
    Misconception("cost per click", lambda ctx: _ads(ctx).loc[_ads(ctx)["spend"] / _ads(ctx)["clicks"] > CPL_TARGET,
                                                              "ad_set"].tolist(),
                  "You compared the cost per click with a cost-per-lead target. A lead costs spend / leads."),
)


def _q12_all(ctx: Context) -> pd.Series:
    return ctx.data("facebook").isna().sum()


Q12_MISTAKES = (
    Misconception("zeros kept", _q12_all,
                  "Your Series lists every column, including those with no missing values. Keep only the "
                  "counts above zero: `s[s > 0]`."),
    Misconception("shares instead of counts", lambda ctx: (lambda m: m[m > 0])(ctx.data("facebook").isna().mean()),
                  "These are shares of missing values (`.isna().mean()`). The question asks how many: "
                  "`.isna().sum()`."),
)

Q13_MISTAKES = (
    Misconception("share instead of count",
                  lambda ctx: float((ctx.data("facebook")["impressions"] < ctx.data("facebook")["reach"]).mean()),
                  "That is the share of such posts (`.mean()`). The question asks how many: `.sum()` of the "
                  "True/False comparison."),
    Misconception("comparison reversed",
                  lambda ctx: int((ctx.data("facebook")["impressions"] > ctx.data("facebook")["reach"]).sum()),
                  "You counted posts with *more* impressions than reach — the normal case. The impossible ones "
                  "have fewer impressions than reach."),
)


def _q14_raw(ctx: Context) -> list[str]:
    posts = _posts(ctx)
    posts["score"] = posts["clicks"] / posts["reach"]
    return posts.sort_values("score", ascending=False, kind="stable")["post_id"].head(5).tolist()


def _q14_clicks(ctx: Context) -> list[str]:
    return _posts(ctx).sort_values("clicks", ascending=False, kind="stable")["post_id"].head(5).tolist()


Q14_MISTAKES = (
    Misconception("raw click rate", _q14_raw,
                  "You ranked by the raw click rate, which puts posts with a handful of people on top (3 clicks "
                  "of 4 is 75%). Rank by the Wilson lower bound of clicks out of reach."),
    Misconception("most clicks", _q14_clicks,
                  "You ranked by the number of clicks, which favours posts that reached many people. Rank by "
                  "the Wilson lower bound of clicks out of reach."),
)


QUESTIONS = [
    Value(**TEXT("q1"), expected=_q1, misconceptions=Q1_MISTAKES),
    Value(**TEXT("q2"), expected=_q2, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), expected=_q3, ordered=False, misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=_q4, ordered=False, misconceptions=Q4_MISTAKES),
    Value(**TEXT("q5"), expected=_q5, ordered=False, misconceptions=Q5_MISTAKES),
    Value(**TEXT("q6"), expected=_q6, misconceptions=Q6_MISTAKES),
    Value(**TEXT("q7"), decision=True, expected=_q7, ordered=False, misconceptions=Q7_MISTAKES),
    Function(**TEXT("q8"), answer_name="cpl_status", reference=cpl_status,
             cases=[Case((400.0, 100, 5.0), label="cheap leads"),
                    Case((600.0, 100, 5.0), label="expensive leads"),
                    Case((500.0, 100, 5.0), label="exactly on the target"),
                    Case((250.0, 0, 5.0), label="zero leads (no division by zero!)"),
                    Case((0.0, 3, 5.0), label="free leads")]),
    Value(**TEXT("q9"),
          title=f"Build the tagged link for {LANDING_URL} with source 'Instagram', medium "
                "'paid social', campaign 'Spring Sale' and content 'video A'.",
          expected=_q9, compare=_same_link),
    Classify(**TEXT("q10"),
             groups=["paid social", "organic social", "referral", "email", "direct", "other"],
             expected=Q10_CHANNELS),
    Function(**TEXT("q11"), answer_name="engagement_rates", reference=engagement_rates,
             cases=Q11_CASES),
    Value(**TEXT("q12"), expected=_q12, ordered=False, misconceptions=Q12_MISTAKES),
    Value(**TEXT("q13"), expected=_q13, misconceptions=Q13_MISTAKES),
    Value(**TEXT("q14"), decision=True, expected=_q14, misconceptions=Q14_MISTAKES),
    Choice(**TEXT("q15"), correct=["a", "c"]),
    Order(**TEXT("q16"), expected=["b", "d", "f", "a", "e", "c"]),
    Thought(**TEXT("q17")),
]

BANK = TEXT.bank("04_metrics", QUESTIONS,
                 datasets={"facebook": _facebook, "my_posts": _my_posts, "my_ad_sets": _my_ad_sets})
