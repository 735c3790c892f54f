"""Misconception feedback: each declared likely mistake, submitted the way a
student would write it, gets its own message (in check() and in the grader,
one code path); no misconception ever equals the right answer; every numeric
or Series question declares at least two."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmlib import exercises, platforms
from smmlib.engine.checking import Outcome, is_number
from smmlib.engine.questions import Context, Misconception, Value
from smmlib.generate import student_seed

STUDENT = "ana"
#: Several students: a misconception must differ from the right answer for each.
STUDENTS = ["self-learner", "ana", "s001", "bob-42", "zarina", "student-7", "x-19", "lola"]


def _eng(df):
    return df["likes"] + df["comments"] + df["shares"]


def _brief(d):
    return d("my_brief").iloc[0]


def _ceil(x):
    return math.ceil(round(x, 9))


def _ab(d, n="clicks"):
    from smmlib import paid

    ads = d("my_ad_sets").set_index("ad_set")
    a, b = ads.loc["AS01"], ads.loc["AS05"]
    return paid.ab_test(int(a["leads"]), int(a[n]), int(b["leads"]), int(b[n]))


def _abt(d, n="people_reached"):
    """The randomised split of ``my_ab_test`` with ``n`` as the base."""
    from smmlib import paid

    t = d("my_ab_test").set_index("version")
    a, b = t.loc["A"], t.loc["B"]
    return paid.ab_test(int(a["leads"]), int(a[n]), int(b["leads"]), int(b[n]))


def _fb_followers(d):
    posts = d("my_posts")
    return int(posts.loc[posts["platform"] == "facebook", "followers"].iloc[-1])


def _hours(inbox):
    return (inbox["replied"] - inbox["received"]).dt.total_seconds() / 3600


def _outside(inbox):
    """Received before 9:00 or from 18:00 on (outside the moderators' working hours)."""
    return (inbox["received"].dt.hour < 9) | (inbox["received"].dt.hour >= 18)


def _core(d):
    from smmlib import community

    core = community.build_semantic_core("Bahor Bank")
    return community.match_mentions(d("my_mentions"), core)["matched"]


def _exact(d):
    return d("my_mentions")["text"].str.contains("bahor bank", case=False, regex=False)


def _peek():
    from smmlib import paid

    return paid.peeking_simulation(seed=student_seed(STUDENT), n_looks=10, n_experiments=1000)


def _complaints(d):
    inbox = d("my_inbox")
    return inbox[inbox["kind"] == "complaint"]


def _mix(d, percent=False):
    brief = _brief(d)
    cats = ["engaging", "user_generated", "educational", "advertising"]
    formula = {"engaging": 40, "user_generated": 30, "educational": 25, "advertising": 5}
    if percent:
        return sum(abs(brief[f"mix_{c}"] - formula[c]) for c in cats) / 2
    total = sum(brief[f"mix_{c}"] for c in cats)
    return sum(abs(brief[f"mix_{c}"] / total - formula[c] / 100) for c in cats)


def _spike_flags(d):
    from smmlib import pitfalls

    return pitfalls.detect_follower_spikes(d("my_followers"))


def _offers_cost_per(d, fit=True, conversion=True):
    """Cost per sale of my_offers with one step left out, computed by hand row by row."""
    out = {}
    for r in d("my_offers").itertuples():
        engagements = r.median_views * r.engagement_rate
        target = engagements * (r.audience_fit if fit else 1.0)
        sales = target * r.conversion
        cost = {"flat": r.rate, "cpm": r.rate * r.median_views / 1000,
                "affiliate": r.rate * sales * r.order_value}[r.model] + r.fixed
        out[r.offer] = cost / (sales if conversion else target)
    return pd.Series(out, name="cost_per_sale").rename_axis("offer")


def _hour_table(posts):
    return pd.DataFrame({"platform": posts["platform"], "hour": posts["timestamp"].dt.hour,
                         "rate": _eng(posts) / posts["reach"]})


def _lift_rates(d):
    t = d("my_lift_test").set_index("group")
    return t, t["purchases"] / t["people"]


def _paid_touches(d, weights):
    j = d("my_journeys").sort_values(["journey", "step"])
    pos = j.groupby("journey").cumcount() + 1
    k = j.groupby("journey")["step"].transform("size")
    return float(weights(pos, k)[j["channel"] == "paid social"].sum())


def _arcsine_total(d, share=0.9, z=1.959964 + 0.841621, holdout_only=False):
    _, r = _lift_rates(d)
    pc = r["holdout"]
    h = 2 * math.asin(math.sqrt(1.1 * pc)) - 2 * math.asin(math.sqrt(pc))
    ratio = share / (1 - share)
    nc = math.ceil((z / h) ** 2 * (1 + 1 / ratio))
    return nc if holdout_only else nc + math.ceil(round(ratio * nc, 6))


def _textbook_total(d):
    """q7 by the classic normal formula (Fleiss: pooled rate under the null), 10% holdout, by hand."""
    _, r = _lift_rates(d)
    pc = r["holdout"]
    pt, ratio = 1.1 * pc, 9
    pbar = (pc + ratio * pt) / (1 + ratio)
    nc = math.ceil((1.959964 * math.sqrt(pbar * (1 - pbar) * (1 + 1 / ratio))
                    + 0.841621 * math.sqrt(pc * (1 - pc) + pt * (1 - pt) / ratio)) ** 2 / (pt - pc) ** 2)
    return nc + 9 * nc


def _campaign(d):
    return d("my_campaign").iloc[0]


def _lift_interval(d, scale=True, people="test"):
    t, r = _lift_rates(d)
    nt, nc = t.loc["test", "people"], t.loc["holdout", "people"]
    diff = r["test"] - r["holdout"]
    se = math.sqrt(r["test"] * (1 - r["test"]) / nt + r["holdout"] * (1 - r["holdout"]) / nc)
    factor = (nt if people == "test" else nc) if scale else 1
    return {"low": factor * (diff - 1.96 * se), "high": factor * (diff + 1.96 * se)}
def _op_windows(d):
    """Chapter 13: the incident's first 6 hours and the 72 hours before it, per hour."""
    h, start = d("my_hourly").set_index("hour"), d("my_incident")["incident_start"][0]
    return (h.loc[start:start + pd.Timedelta(hours=5)],
            h.loc[start - pd.Timedelta(hours=72):start - pd.Timedelta(hours=1)], h)


def _op_alerts(d, window=3):
    h = d("my_hourly").set_index("hour")
    r = h[["mentions", "negative"]].rolling(window, min_periods=1).sum()
    return (r["negative"] >= 3) & (r["negative"] / r["mentions"] > 0.25)


def _op_outside(d, index):
    inc = d("my_incident")
    return (index < inc["incident_start"][0]) | (index >= inc["incident_end"][0])


def _op_lum(colour, linear=True):
    c = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    if linear:
        c = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def _op_pair(d, linear=True):
    row = d("my_colours").iloc[0]
    a, b = _op_lum(row["text_colour"], linear), _op_lum(row["background"], linear)
    return max(a, b), min(a, b)


def _op_reply_hours(d):
    inbox = d("my_inbox")
    return inbox, (inbox["replied"] - inbox["received"]).dt.total_seconds() / 3600


def _cm_minutes(d):
    c = d("my_conversations")
    return (c["first_reply"] - c["started"]).dt.total_seconds() / 60


def _cm_ads(d):
    c, o = d("my_conversations"), d("my_orders")
    ads = c[c["source"] == "click-to-WhatsApp ad"]
    answered = ads["first_reply"].notna().sum()
    ordered = ads["conversation_id"].isin(o["conversation_id"]).sum()
    return d("my_ad_clicks")["clicks"][0], len(ads), answered, ordered


def _cm_queue(d, carry=True):
    waiting = lost = unanswered = 0.0
    for hour, arrivals in d("my_load")[["hour", "arrivals"]].itertuples(index=False):
        capacity = 8 if 9 <= hour < 21 else 0
        queue = (waiting if carry else 0.0) + arrivals
        left = queue - min(capacity, queue)
        lost += 0.3 * left
        waiting = 0.7 * left
        unanswered = waiting
    return lost, unanswered


# (exercise, question, misconception key) -> the wrong computation, written as a
# student would write it, from the student's own datasets (d(name)).
WRONG = {
    ("00_start_here", "q1", "percentage"): lambda d: 54 / 1200 * 100,
    ("00_start_here", "q1", "per thousand reached"): lambda d: 54 / 1200 * 1000,
    ("00_start_here", "q2", "impressions for reach"): lambda d: d("my_posts")["impressions"].sum(),
    ("00_start_here", "q2", "followers for reach"): lambda d: d("my_posts")["followers"].sum(),
    ("00_start_here", "q2", "mean instead of total"): lambda d: d("my_posts")["reach"].mean(),
    ("01_roles", "q2", "share of entries"): lambda d: d("my_time_log")["duty_group"].value_counts() / len(d("my_time_log")),
    ("01_roles", "q2", "minutes not divided"): lambda d: d("my_time_log").groupby("duty_group")["minutes"].sum(),
    ("01_roles", "q3", "largest share"):
        lambda d: d("my_time_log").groupby("duty_group")["minutes"].sum().idxmax(),
    ("01_roles", "q4", "per entry, not per day"):
        lambda d: d("my_time_log").query("duty_group == 'dialogue'")["minutes"].mean(),
    ("01_roles", "q4", "whole week"): lambda d: d("my_time_log").query("duty_group == 'dialogue'")["minutes"].sum(),
    ("01_roles", "q5", "population standard deviation"):
        lambda d: d("my_reviews").groupby("candidate")["rating"].agg(lambda r: np.std(r.to_numpy())),
    ("01_roles", "q5", "variance"): lambda d: d("my_reviews").groupby("candidate")["rating"].var(),
    ("01_roles", "q6", "largest spread"): lambda d: d("my_reviews").groupby("candidate")["rating"].std().idxmax(),
    ("02_strategy", "q2", "expected cost for the budget"):
        lambda d: _ceil(_ceil(_brief(d)["target_leads"] / _brief(d)["conversion_rate"]) / _brief(d)["ctr"])
        / 1000 * _brief(d)["cpm"],
    ("02_strategy", "q2", "clicks times the lead cap"):
        lambda d: _ceil(_brief(d)["target_leads"] / _brief(d)["conversion_rate"]) * _brief(d)["cpl_cap"],
    ("02_strategy", "q3", "divided by the conversion rate"): lambda d: _brief(d)["cpl_cap"] / _brief(d)["conversion_rate"],
    ("02_strategy", "q3", "expected CPC at the CPM"): lambda d: _brief(d)["cpm"] / (1000 * _brief(d)["ctr"]),
    ("02_strategy", "q4", "skipped the conversion step"): lambda d: _ceil(_brief(d)["target_leads"] / _brief(d)["ctr"]),
    ("02_strategy", "q4", "stopped at clicks"): lambda d: _ceil(_brief(d)["target_leads"] / _brief(d)["conversion_rate"]),
    ("02_strategy", "q4", "multiplied by the CTR"):
        lambda d: _ceil(_brief(d)["target_leads"] / _brief(d)["conversion_rate"]) * _brief(d)["ctr"],
    ("02_strategy", "q6", "forgot the half"): lambda d: _mix(d),
    ("02_strategy", "q6", "percentages not converted"): lambda d: _mix(d, percent=True),
    ("02_strategy", "q7", "count of buyers"): lambda d: d("my_audience").groupby("city")["bought"].sum(),
    ("02_strategy", "q7", "share of all buyers"):
        lambda d: d("my_audience").groupby("city")["bought"].sum() / d("my_audience")["bought"].sum(),
    ("02_strategy", "q7", "engaged instead of bought"): lambda d: d("my_audience").groupby("city")["engaged"].mean(),
    ("02_strategy", "q8", "engaged instead of bought"):
        lambda d: (lambda a: (lambda s: s.loc[s["size"] / len(a) >= 0.05, "mean"].idxmax())(
            a.groupby(["city", "interest"])["engaged"].agg(["size", "mean"])))(d("my_audience")),
    ("03_platforms", "q1", "paid and organic mixed"):
        lambda d: (d("my_posts")["reach"] / d("my_posts")["followers"]).groupby(d("my_posts")["platform"]).median(),
    ("03_platforms", "q1", "mean instead of median"):
        lambda d: d("my_posts").query("not paid").assign(s=lambda p: p["reach"] / p["followers"])
        .groupby("platform")["s"].mean(),
    ("03_platforms", "q2", "pooled instead of per-post median"):
        lambda d: (lambda s: (s["likes"] + s["comments"] + s["shares"]) / s["reach"])(
            d("my_posts").groupby("platform").sum(numeric_only=True)),
    ("03_platforms", "q2", "likes only"):
        lambda d: (d("my_posts")["likes"] / d("my_posts")["reach"]).groupby(d("my_posts")["platform"]).median(),
    ("03_platforms", "q2", "impressions as the denominator"):
        lambda d: (_eng(d("my_posts")) / d("my_posts")["impressions"]).groupby(d("my_posts")["platform"]).median(),
    ("03_platforms", "q3", "Wilson bound on pooled reach"):
        lambda d: platforms.pooled_format_ranking(d("my_posts")).groupby("platform")["format"].first(),
    ("03_platforms", "q3", "most used format"):
        lambda d: {p: g["format"].value_counts().index[0] for p, g in d("my_posts").groupby("platform")},
    ("03_platforms", "q3", "total engagements, not a rate"):
        lambda d: {p: _eng(g).groupby(g["format"]).sum().idxmax() for p, g in d("my_posts").groupby("platform")},
    ("03_platforms", "q4", "total engagements, not a rate"):
        lambda d: {p: int(_eng(g).groupby(g["timestamp"].dt.hour).sum().idxmax())
                   for p, g in d("my_posts").groupby("platform")},
    ("03_platforms", "q4", "busiest hour"):
        lambda d: {p: int(g["timestamp"].dt.hour.value_counts().sort_index().idxmax())
                   for p, g in d("my_posts").groupby("platform")},
    ("03_platforms", "q6", "impressions counted as people"): lambda d: _fb_followers(d) * 0.02 + 20 / 4 * 1000,
    ("03_platforms", "q6", "every follower reached"): lambda d: _fb_followers(d) + 20 / 4 * 1000 / 1.5,
    ("03_platforms", "q6", "paid reach only"): lambda d: 20 / 4 * 1000 / 1.5,
    ("04_metrics", "q1", "averaged per-post rates"): lambda d: (_eng(d("my_posts")) / d("my_posts")["reach"]).mean(),
    ("04_metrics", "q1", "likes only"): lambda d: d("my_posts")["likes"].sum() / d("my_posts")["reach"].sum(),
    ("04_metrics", "q1", "impressions as the denominator"):
        lambda d: _eng(d("my_posts")).sum() / d("my_posts")["impressions"].sum(),
    ("04_metrics", "q1", "followers as the denominator"):
        lambda d: _eng(d("my_posts")).sum() / d("my_posts")["followers"].sum(),
    ("04_metrics", "q2", "averaged per-post frequencies"):
        lambda d: (d("my_posts")["impressions"] / d("my_posts")["reach"]).mean(),
    ("04_metrics", "q2", "followers instead of reach"):
        lambda d: d("my_posts")["impressions"].sum() / d("my_posts")["followers"].sum(),
    ("04_metrics", "q3", "averaged per-post rates"):
        lambda d: d("my_posts").assign(r=lambda p: _eng(p) / p["reach"]).groupby("platform")["r"].mean(),
    ("04_metrics", "q3", "likes only"):
        lambda d: (lambda s: s["likes"] / s["reach"])(d("my_posts").groupby("platform")[["likes", "reach"]].sum()),
    ("04_metrics", "q3", "impressions as the denominator"):
        lambda d: (lambda s: _eng(s) / s["impressions"])(d("my_posts").groupby("platform").sum(numeric_only=True)),
    ("04_metrics", "q4", "pooled instead of per-post median"):
        lambda d: (lambda s: s["total_interactions"] / s["reach"])(d("facebook").groupby("type").sum(numeric_only=True)),
    ("04_metrics", "q4", "mean instead of median"):
        lambda d: d("facebook").assign(r=lambda f: f["total_interactions"] / f["reach"]).groupby("type")["r"].mean(),
    ("04_metrics", "q4", "engaged users instead of interactions"):
        lambda d: d("facebook").assign(r=lambda f: f["engaged_users"] / f["reach"]).groupby("type")["r"].median(),
    ("04_metrics", "q5", "median instead of mean"):
        lambda d: d("facebook").groupby("paid")[["reach", "engaged_users"]].median(),
    ("04_metrics", "q5", "totals instead of means"):
        lambda d: d("facebook").groupby("paid")[["reach", "engaged_users"]].sum(),
    ("04_metrics", "q6", "averaged per-ad-set CPL"): lambda d: (d("my_ad_sets")["spend"] / d("my_ad_sets")["leads"]).mean(),
    ("04_metrics", "q6", "cost per click"): lambda d: d("my_ad_sets")["spend"].sum() / d("my_ad_sets")["clicks"].sum(),
    ("04_metrics", "q7", "comparison reversed"):
        lambda d: d("my_ad_sets").query("spend / leads <= 7")["ad_set"].tolist(),
    ("04_metrics", "q7", "cost per click"): lambda d: d("my_ad_sets").query("spend / clicks > 7")["ad_set"].tolist(),
    ("04_metrics", "q12", "zeros kept"): lambda d: d("facebook").isna().sum(),
    ("04_metrics", "q12", "shares instead of counts"):
        lambda d: d("facebook").isna().mean()[d("facebook").isna().any()],
    ("04_metrics", "q13", "share instead of count"):
        lambda d: (d("facebook")["impressions"] < d("facebook")["reach"]).mean(),
    ("04_metrics", "q13", "comparison reversed"):
        lambda d: int((d("facebook")["reach"] < d("facebook")["impressions"]).sum()),
    ("04_metrics", "q14", "raw click rate"):
        lambda d: d("my_posts").assign(r=lambda p: p["clicks"] / p["reach"])
        .sort_values("r", ascending=False, kind="stable")["post_id"].head(5).tolist(),
    ("04_metrics", "q14", "most clicks"):
        lambda d: d("my_posts").sort_values("clicks", ascending=False, kind="stable")["post_id"].head(5).tolist(),
    ("05_pitfalls", "q2", "answered / unanswered"):
        lambda d: d("my_comments")["answered"].sum() / (len(d("my_comments")) - d("my_comments")["answered"].sum()),
    ("05_pitfalls", "q2", "answered within a day"):
        lambda d: (d("my_comments")["response_hours"] <= 24).sum() / len(d("my_comments")),
    ("05_pitfalls", "q3", "mean instead of median"): lambda d: d("my_comments")["response_hours"].mean(),
    ("05_pitfalls", "q3", "unanswered counted as 0 hours"): lambda d: d("my_comments")["response_hours"].fillna(0).median(),
    ("05_pitfalls", "q4", "highest instead of lowest"):
        lambda d: d("my_comments").groupby("platform")["answered"].mean().idxmax(),
    ("05_pitfalls", "q5", "ratio of means"):
        lambda d: (lambda p, r: r[p["category"] == "advertising"].mean() / r[p["category"] != "advertising"].mean())(
            d("my_posts"), _eng(d("my_posts")) / d("my_posts")["reach"]),
    ("05_pitfalls", "q5", "all posts as the baseline"):
        lambda d: (lambda p, r: r[p["category"] == "advertising"].median() / r.median())(
            d("my_posts"), _eng(d("my_posts")) / d("my_posts")["reach"]),
    ("05_pitfalls", "q5", "likes only"):
        lambda d: (lambda p, r: r[p["category"] == "advertising"].median() / r[p["category"] != "advertising"].median())(
            d("my_posts"), d("my_posts")["likes"] / d("my_posts")["reach"]),
    ("05_pitfalls", "q5", "impressions as the denominator"):
        lambda d: (lambda p, r: r[p["category"] == "advertising"].median() / r[p["category"] != "advertising"].median())(
            d("my_posts"), _eng(d("my_posts")) / d("my_posts")["impressions"]),
    ("06_community", "q1", "neutral mentions left out"):
        lambda d: (lambda c: c["negative"] / (c["negative"] + c["positive"]))(d("my_mentions")["sentiment"].value_counts()),
    ("06_community", "q1", "negative / positive"):
        lambda d: (lambda c: c["negative"] / c["positive"])(d("my_mentions")["sentiment"].value_counts()),
    ("06_community", "q1", "count instead of share"): lambda d: (d("my_mentions")["sentiment"] == "negative").sum(),
    ("06_community", "q2", "lower edge of the band"):
        lambda d: (lambda m: [w.strftime("%Y-%m-%d") for w, g in m.groupby(m["date"].dt.to_period("W-SUN").dt.start_time)
                              if len(g) >= 5 and (g["sentiment"] == "negative").mean() > 0.15])(d("my_mentions")),
    ("06_community", "q4", "share of all mentions"):
        lambda d: (_core(d) & ~_exact(d)).sum() / len(d("my_mentions")),
    ("06_community", "q4", "share the exact search finds"): lambda d: (_core(d) & _exact(d)).sum() / _core(d).sum(),
    ("06_community", "q4", "count instead of share"): lambda d: (_core(d) & ~_exact(d)).sum(),
    ("06_community", "q6", "unanswered left out"): lambda d: (_hours(d("my_inbox")).dropna() <= 1).mean(),
    ("06_community", "q6", "response rate"): lambda d: d("my_inbox")["replied"].notna().mean(),
    ("06_community", "q7", "all messages, not complaints"): lambda d: _hours(d("my_inbox")).median(),
    ("06_community", "q7", "mean instead of median"): lambda d: _hours(_complaints(d)).mean(),
    ("06_community", "q7", "minutes instead of hours"):
        lambda d: ((_complaints(d)["replied"] - _complaints(d)["received"]).dt.total_seconds() / 60).median(),
    ("06_community", "q11", "share of all messages"): lambda d: _outside(d("my_inbox")).mean(),
    ("06_community", "q11", "unanswered left out"):
        lambda d: ((_hours(d("my_inbox")) > 1) & _outside(d("my_inbox"))).sum() / (_hours(d("my_inbox")) > 1).sum(),
    ("06_community", "q11", "miss rate outside hours"):
        lambda d: (lambda i: (~(_hours(i) <= 1))[_outside(i)].mean())(d("my_inbox")),
    ("07_paid", "q1", "averaged per-ad-set CPL"):
        lambda d: d("my_ad_sets").assign(cpl=lambda a: a["spend"] / a["leads"]).groupby("segment")["cpl"].mean(),
    ("07_paid", "q1", "cost per click"):
        lambda d: (lambda s: s["spend"] / s["clicks"])(d("my_ad_sets").groupby("segment")[["spend", "clicks"]].sum()),
    ("07_paid", "q2", "cheapest single ad set"):
        lambda d: d("my_ad_sets").assign(cpl=lambda a: a["spend"] / a["leads"]).sort_values("cpl")["ad_set"].iloc[0],
    ("07_paid", "q2", "highest instead of lowest"):
        lambda d: (lambda s: (s["spend"] / s["leads"]).idxmax())(d("my_ad_sets").groupby("segment")[["spend", "leads"]].sum()),
    ("07_paid", "q3", "leads per click"): lambda d: _abt(d, "clicks").p_value,
    ("07_paid", "q3", "leads per impression"): lambda d: _abt(d, "impressions").p_value,
    ("07_paid", "q3", "ad sets never randomised"): lambda d: _ab(d).p_value,
    ("07_paid", "q3", "one-sided p-value"): lambda d: _abt(d).p_value / 2,
    ("07_paid", "q4", "leads per click"): lambda d: [_abt(d, "clicks").ci_low, _abt(d, "clicks").ci_high],
    ("07_paid", "q4", "leads per impression"):
        lambda d: [_abt(d, "impressions").ci_low, _abt(d, "impressions").ci_high],
    ("07_paid", "q4", "ad sets never randomised"): lambda d: [_ab(d).ci_low, _ab(d).ci_high],
    ("07_paid", "q4", "A − B instead of B − A"): lambda d: [-_abt(d).ci_high, -_abt(d).ci_low],
    ("07_paid", "q6", "peeking rate only"): lambda d: _peek().false_positive_peeking,
    ("07_paid", "q6", "ratio upside down"): lambda d: _peek().false_positive_fixed / _peek().false_positive_peeking,
    ("07_paid", "q6", "divided by alpha"): lambda d: _peek().false_positive_peeking / 0.05,
    ("07_paid", "q7", "the target"): lambda d: 10_000,
    ("07_paid", "q7", "budget / cap"): lambda d: 1_500 / 6,
    ("07_paid", "q7", "no saturation"):
        lambda d: 1_500 / (d("my_ad_sets")["spend"] / d("my_ad_sets")["leads"]).min(),
    ("10_short_video", "q1", "average percentage viewed"):
        lambda d: np.trapezoid(d("my_curve")["still_watching"], d("my_curve")["second"]) / 30,
    ("10_short_video", "q1", "hook retention"): lambda d: float(d("my_curve").set_index("second").loc[3, "still_watching"]),
    ("10_short_video", "q1", "share who left"): lambda d: 1 - float(d("my_curve")["still_watching"].iloc[-1]),
    ("10_short_video", "q2", "average percentage viewed"):
        lambda d: np.trapezoid(d("my_curve")["still_watching"], d("my_curve")["second"]) / 30,
    ("10_short_video", "q2", "completion × length"): lambda d: 30 * float(d("my_curve")["still_watching"].iloc[-1]),
    ("10_short_video", "q2", "hook × length"):
        lambda d: 30 * float(d("my_curve").set_index("second").loc[3, "still_watching"]),
    ("10_short_video", "q3", "the opening"):
        lambda d: float(d("my_curve")["still_watching"].diff(-1).idxmax()),
    ("10_short_video", "q3", "end of the interval"):
        lambda d: float((lambda c: c.loc[c["second"] >= 3, "still_watching"].diff(-1).idxmax())(d("my_curve")) + 1),
    ("10_short_video", "q5", "total plays"):
        lambda d: (lambda v: v.loc[v["age_days"] >= 3, "plays"].iloc[-1] / v["plays"].iloc[0])(
            d("my_videos").sort_values("posted")),
    ("10_short_video", "q5", "views on day 3 only"):
        lambda d: (lambda v, day3: day3[v.loc[v["age_days"] >= 3, "video"].iloc[-1]] / day3[v["video"].iloc[0]])(
            d("my_videos").sort_values("posted"), d("my_daily").query("age_day == 3").set_index("video")["views"]),
    ("10_short_video", "q6", "plays per viewer"): lambda d: (d("my_videos")["plays"] / d("my_videos")["viewers"]).median(),
    ("10_short_video", "q6", "mean instead of median"):
        lambda d: (d("my_videos")["plays"] / d("my_videos")["viewers"] - 1).mean(),
    ("11_creators", "q2", "per view"):
        lambda d: d("my_posts")[["likes", "comments", "shares"]].to_numpy().sum() / d("my_posts")["views"].sum(),
    ("11_creators", "q2", "likes only"):
        lambda d: d("my_posts")["likes"].sum() / (20 * d("my_followers")["followers"].iloc[-1]),
    ("11_creators", "q2", "not per post"):
        lambda d: d("my_posts")[["likes", "comments", "shares"]].to_numpy().sum() / d("my_followers")["followers"].iloc[-1],
    ("11_creators", "q3", "Tashkent only"):
        lambda d: d("my_audience").set_index("city").loc["Tashkent", "share"],
    ("11_creators", "q3", "the other cities"):
        lambda d: d("my_audience").set_index("city").drop(["Tashkent", "Samarkand"])["share"].sum(),
    ("11_creators", "q4", "whole gain of the spike days"):
        lambda d: (lambda f: f.loc[f["flagged"], "new_followers"].sum())(_spike_flags(d)),
    ("11_creators", "q4", "all growth"): lambda d: d("my_followers")["new_followers"].sum(),
    ("11_creators", "q5", "audience fit left out"): lambda d: _offers_cost_per(d, fit=False),
    ("11_creators", "q5", "per target engagement"): lambda d: _offers_cost_per(d, conversion=False),
    ("12_measurement", "q1", "first click"):
        lambda d: d("my_journeys").sort_values("step").groupby("journey").head(1)["channel"].value_counts(),
    ("12_measurement", "q1", "every touch counted"): lambda d: d("my_journeys")["channel"].value_counts(),
    ("12_measurement", "q2", "last click"): lambda d: _paid_touches(d, lambda pos, k: (pos == k).astype(float)),
    ("12_measurement", "q2", "touches counted whole"):
        lambda d: float((d("my_journeys")["channel"] == "paid social").sum()),
    ("12_measurement", "q3", "short journeys"):
        lambda d: _paid_touches(d, lambda pos, k: 0.4 * (pos == 1) + 0.4 * (pos == k)
                                + np.where((pos > 1) & (pos < k), 0.2 / np.maximum(k - 2, 1), 0.0)),
    ("12_measurement", "q3", "linear"): lambda d: _paid_touches(d, lambda pos, k: 1 / k),
    ("12_measurement", "q4", "absolute lift"): lambda d: _lift_rates(d)[1]["test"] - _lift_rates(d)[1]["holdout"],
    ("12_measurement", "q4", "relative to the test group"):
        lambda d: (_lift_rates(d)[1]["test"] - _lift_rates(d)[1]["holdout"]) / _lift_rates(d)[1]["test"],
    ("12_measurement", "q4", "purchases not rates"):
        lambda d: _lift_rates(d)[0].loc["test", "purchases"] / _lift_rates(d)[0].loc["holdout", "purchases"] - 1,
    ("12_measurement", "q5", "interval of the rates"): lambda d: _lift_interval(d, scale=False),
    ("12_measurement", "q5", "holdout size"): lambda d: _lift_interval(d, people="holdout"),
    ("12_measurement", "q6", "attributed ROAS"):
        lambda d: _campaign(d)["attributed_purchases"] * _campaign(d)["order_value"] / _campaign(d)["spend"],
    ("12_measurement", "q6", "all test purchases"):
        lambda d: _lift_rates(d)[0].loc["test", "purchases"] * _campaign(d)["order_value"] / _campaign(d)["spend"],
    ("12_measurement", "q7", "even split"): lambda d: _arcsine_total(d, share=0.5),
    ("12_measurement", "q7", "holdout only"): lambda d: _arcsine_total(d, holdout_only=True),
    ("12_measurement", "q7", "textbook formula"): _textbook_total,
    ("12_measurement", "q7", "no power term"): lambda d: _arcsine_total(d, z=1.959964),
    ("12_measurement", "q8", "days rounded down"): lambda d: math.floor(_arcsine_total(d) / _campaign(d)["people_per_day"]),
    ("12_measurement", "q8", "even-split days"):
        lambda d: math.ceil(_arcsine_total(d, share=0.5) / _campaign(d)["people_per_day"]),
    ("13_operations", "q1", "all mentions"):
        lambda d: (lambda f, b, h: f["mentions"].mean() / b["mentions"].mean())(*_op_windows(d)),
    ("13_operations", "q1", "sum instead of mean"):
        lambda d: (lambda f, b, h: f["negative"].sum() / b["negative"].mean())(*_op_windows(d)),
    ("13_operations", "q1", "whole week as the baseline"):
        lambda d: (lambda f, b, h: f["negative"].mean() / h["negative"].mean())(*_op_windows(d)),
    ("13_operations", "q3", "first alert of the week"):
        lambda d: (_op_alerts(d).idxmax() + pd.Timedelta(hours=1) - d("my_incident")["incident_start"][0])
        / pd.Timedelta(hours=1),
    ("13_operations", "q3", "start of the first alert hour"):
        lambda d: (_op_alerts(d)[d("my_incident")["incident_start"][0]:].idxmax()
                   - d("my_incident")["incident_start"][0]) / pd.Timedelta(hours=1),
    ("13_operations", "q4", "alert hours, not episodes"):
        lambda d: int((_op_alerts(d) & _op_outside(d, _op_alerts(d).index)).sum()),
    ("13_operations", "q4", "incident counted"):
        lambda d: int((_op_alerts(d) & ~_op_alerts(d).shift(1, fill_value=False)).sum()),
    ("13_operations", "q5", "one target for all"):
        lambda d: (lambda inbox, hours: (hours <= 1).groupby(inbox["queue"]).mean())(*_op_reply_hours(d)),
    ("13_operations", "q5", "unanswered left out"):
        lambda d: (lambda inbox, hours: (hours <= inbox["queue"].map({"press": 1, "complaints": 1, "sales": 1,
                                                                       "general": 4, "jobs": 48}))
                   [hours.notna()].groupby(inbox["queue"][hours.notna()]).mean())(*_op_reply_hours(d)),
    ("13_operations", "q6", "without the 0.05"): lambda d: (lambda hi, lo: hi / lo)(*_op_pair(d)),
    ("13_operations", "q6", "darker over lighter"): lambda d: (lambda hi, lo: (lo + 0.05) / (hi + 0.05))(*_op_pair(d)),
    ("13_operations", "q6", "channels not linearised"):
        lambda d: (lambda hi, lo: (hi + 0.05) / (lo + 0.05))(*_op_pair(d, linear=False)),
    ("14_commerce", "q1", "mean instead of median"): lambda d: _cm_minutes(d).mean(),
    ("14_commerce", "q1", "hours instead of minutes"): lambda d: _cm_minutes(d).median() / 60,
    ("14_commerce", "q1", "unanswered as zero"): lambda d: _cm_minutes(d).fillna(0).median(),
    ("14_commerce", "q2", "answered conversations only"):
        lambda d: d("my_conversations").dropna(subset=["first_reply"])["conversation_id"]
        .isin(d("my_orders")["conversation_id"]).mean(),
    ("14_commerce", "q2", "customers, not conversations"):
        lambda d: d("my_orders")["customer_id"].nunique() / d("my_conversations")["customer_id"].nunique(),
    ("14_commerce", "q3", "median instead of mean"): lambda d: d("my_orders")["value"].median(),
    ("14_commerce", "q3", "revenue per conversation"):
        lambda d: d("my_orders")["value"].sum() / len(d("my_conversations")),
    ("14_commerce", "q4", "share of orders"):
        lambda d: (lambda n: n[n >= 2].sum() / n.sum())(d("my_orders")["customer_id"].value_counts()),
    ("14_commerce", "q4", "everyone who wrote as the base"):
        lambda d: (d("my_orders")["customer_id"].value_counts() >= 2).sum()
        / d("my_conversations")["customer_id"].nunique(),
    ("14_commerce", "q5", "share of clicks"):
        lambda d: (lambda k, n, a, o: pd.Series([n / k, a / k, o / k], index=["conversations", "answered",
                                                                              "ordered"]))(*_cm_ads(d)),
    ("14_commerce", "q5", "all sources mixed"):
        lambda d: (lambda c, o, k: pd.Series(
            [(c["source"] == "click-to-WhatsApp ad").sum() / k, c["first_reply"].notna().mean(),
             c["conversation_id"].isin(o["conversation_id"]).sum() / c["first_reply"].notna().sum()],
            index=["conversations", "answered", "ordered"]))(d("my_conversations"), d("my_orders"),
                                                             d("my_ad_clicks")["clicks"][0]),
    ("14_commerce", "q7", "no carry-over"): lambda d: _cm_queue(d, carry=False)[0],
    ("14_commerce", "q7", "unanswered, not given up"):
        lambda d: _cm_queue(d)[0] + _cm_queue(d)[1],
}


def _declared():
    for bank in exercises.BANKS.values():
        for q in bank.questions:
            for m in getattr(q, "misconceptions", ()):
                yield bank, q, m


DECLARED = {(b.name, q.key, m.key): (b, q, m) for b, q, m in _declared()}


def test_the_table_covers_every_declared_misconception():
    assert sorted(WRONG) == sorted(DECLARED)


@pytest.mark.parametrize("key", sorted(WRONG), ids=lambda k: "-".join(k))
def test_a_misconception_gets_its_message(key):
    bank, question, misconception = DECLARED[key]
    ex = exercises.start(bank.name, STUDENT, record=False)
    answer = WRONG[key](ex.dataset)
    result = getattr(ex, question.key).check(answer)
    assert result.outcome is Outcome.INCORRECT and result.points == 0
    assert misconception.message in result.message
    # the grader's path (grade_answers, used by smm grade) gives the same message
    graded = exercises.grade_answers(bank.name, STUDENT, {question.answer_name: answer})
    assert next(r for r in graded if r.question == question.key).message == result.message


#: Misconceptions of list answers that can, for some students, pick the same
#: items as the right method (then the engine skips them: a right answer is
#: never told it is a mistake). They must still differ for most students.
MAY_COINCIDE = {
    ("03_platforms", "q3", "Wilson bound on pooled reach"):
        "where one format leads clearly, both methods pick it; the engine then skips the misconception",
    ("04_metrics", "q14", "raw click rate"): "the five best posts by raw rate can be the Wilson five",
}


@pytest.mark.parametrize("key", sorted(DECLARED), ids=lambda k: "-".join(k))
def test_a_misconception_never_equals_the_right_answer(key):
    bank, question, misconception = DECLARED[key]
    differs = 0
    for student in STUDENTS:
        ctx = bank.context(student)
        wrong, right = misconception.wrong(ctx), question.expected_value(ctx)
        right_result = question.grade(right, ctx)
        assert right_result.outcome is Outcome.CORRECT and right_result.message != misconception.message
        if question.grade(wrong, ctx).outcome is Outcome.INCORRECT:
            differs += 1
        else:
            assert key in MAY_COINCIDE, f"{key} equals the right answer for {student!r}: {wrong!r}"
    assert differs == len(STUDENTS) or (key in MAY_COINCIDE and differs > len(STUDENTS) / 2)


def _numeric_or_series(value) -> bool:
    return isinstance(value, pd.Series) or is_number(value)


def test_every_numeric_or_series_question_declares_two_misconceptions():
    missing = []
    for bank in exercises.BANKS.values():
        if not bank.listed:
            continue
        for q in bank.questions:
            if isinstance(q, Value) and q.expected is not None:
                value = q.expected_value(bank.context("self-learner"))
                if _numeric_or_series(value) and len(q.misconceptions) < 2:
                    missing.append(f"{bank.name} {q.key}")
    assert not missing, f"fewer than two misconceptions: {missing}"


def test_messages_name_the_mistake_and_the_fix():
    for (name, key, mkey), (_, _, m) in DECLARED.items():
        assert len(m.message.split()) >= 10, (name, key, mkey)
        assert m.message.endswith((".", ")")), (name, key, mkey)


# ----------------------------------------------------------------------------- the engine

CTX = Context("test", "tester", {"posts": lambda ctx: pd.DataFrame(
    {"likes": [10, 1], "comments": [0, 0], "shares": [0, 0], "reach": [1000, 10]})})


def _pooled(ctx):
    p = ctx.data("posts")
    return float(p["likes"].sum() / p["reach"].sum())


def _averaged(ctx):
    p = ctx.data("posts")
    return float((p["likes"] / p["reach"]).mean())


AVERAGED = Misconception("averaged", _averaged, "You averaged per-post rates; pool them.")
BROKEN = Misconception("broken", lambda ctx: 1 / 0, "never shown")
SAME = Misconception("same", _pooled, "never shown: equals the right answer")
Q = Value(key="q1", title="Pooled rate", expected=_pooled, rtol=1e-3, misconceptions=[BROKEN, SAME, AVERAGED])


def test_engine_matches_a_misconception_within_the_question_tolerance():
    wrong = _averaged(CTX)  # (0.01 + 0.1) / 2 = 0.055; pooled 11 / 1010
    assert wrong == pytest.approx(0.055)
    assert Q.grade(wrong * (1 + 5e-4), CTX).message == AVERAGED.message
    assert Q.grade(_pooled(CTX), CTX).outcome is Outcome.CORRECT


def test_engine_names_every_mistake_an_answer_fits():
    other = Misconception("also averaged", _averaged, "Same value, another route.")
    q = Value(key="q1", title="Pooled rate", expected=_pooled, misconceptions=[AVERAGED, other])
    message = q.grade(_averaged(CTX), CTX).message
    assert message == ("Your answer fits more than one common mistake. "
                       "You averaged per-post rates; pool them. Or: Same value, another route.")


def test_engine_falls_back_to_the_generic_diagnosis():
    result = Q.grade(_pooled(CTX) * 100, CTX)  # a percentage: no misconception, the generic message
    assert result.outcome is Outcome.INCORRECT and "percentage" in result.message


def test_repeated_misconception_keys_are_refused():
    with pytest.raises(ValueError, match="repeated misconception"):
        Value(key="q1", title="t", expected=1.0, misconceptions=[AVERAGED, AVERAGED])


def test_platform_helper_agrees_with_the_hand_computation():
    """The q2 misconception 'likes only' uses the platform helper with likes only: check it by hand."""
    posts = pd.DataFrame({"likes": [8, 3], "comments": [1, 0], "shares": [1, 0], "reach": [200, 0]})
    rates = platforms.post_engagement_rate(posts, engagements=["likes"])
    assert rates.iloc[0] == pytest.approx(8 / 200) and math.isnan(rates.iloc[1])


def test_the_graders_feedback_shows_the_misconception():
    """smm grade scores with score_answers (the same Question.grade) and writes the message into the feedback."""
    from smmlib.grading.feedback import feedback_html, feedback_markdown
    from smmlib.grading.gradebook import SubmissionResult
    from smmlib.grading.grader import score_answers

    bank = exercises.get_bank("04_metrics")
    ex = exercises.start("04_metrics", STUDENT, record=False)
    ads = ex.dataset("my_ad_sets")
    averaged = (ads["spend"] / ads["leads"]).mean()
    results = score_answers(bank, STUDENT, {"q6_answer": averaged}, None)
    q6 = next(r for r in results if r.question == "q6")
    message = DECLARED[("04_metrics", "q6", "averaged per-ad-set CPL")][2].message
    assert q6.message == message and q6.points == 0
    sub = SubmissionResult(STUDENT, bank.name, "graded", 0.0, bank.max_points, results)
    assert message in feedback_markdown(sub)
    assert "total spend / total leads" in feedback_html(sub)
