"""Question bank of ``exercises/04_metrics.ipynb`` and the chapter-04 knowledge check.

Datasets: ``facebook`` (the real page, the same for everyone) and the
student's personal ``my_posts`` and ``my_ad_sets`` (seeded by the student ID);
expected answers on personal data are recomputed from the same seed.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pandas as pd

from .. import metrics, utm
from ..engine.checking import describe
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


def _q11_cases(ctx: Context) -> list[Case]:
    small = pd.DataFrame({"likes": [10, 3, 2], "comments": [2, 0, 0], "shares": [3, 1, 1],
                          "reach": [300, 40, 0]}, index=["P1", "P2", "P3"])
    mine = ctx.data("my_posts").head(25).set_index("post_id")
    return [Case((small.iloc[:2],), label="two ordinary posts"),
            Case((small,), label="a post with zero reach"),
            Case((small.iloc[0:0],), label="empty table"),
            Case((mine,), label="the first 25 of your posts")]


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
    Value(key="q1", title="Engagement rate by reach of all your posts together "
                          "(total likes + comments + shares divided by total reach).",
          heading="Engagement rate of all your posts",
          brief="The monthly report needs one engagement rate for all of the page's posts together.",
          expected=_q1, misconceptions=Q1_MISTAKES,
          hints=("All posts together: pool the counts before dividing, so a post seen by many people "
                 "weighs more.",
                 "Add up likes, comments and shares over all posts, add up reach over all posts, then "
                 "divide the first total by the second.",
                 "`(my_posts['likes'] + my_posts['comments'] + my_posts['shares']).sum() / "
                 "my_posts['reach'].sum()`"),
          on_correct="A rate of all posts together weighs big posts more than the mean of per-post rates."),
    Value(key="q2", title="The average frequency of your posts, weighted by reach: total impressions divided "
                          "by the sum of the posts' reach. (Summed reach counts a person once per post that "
                          "reached them, so this is views per post-reach, not per different person.)",
          heading="How often people saw your posts",
          brief="The client asks whether the same people keep seeing the posts again and again.",
          expected=_q2, misconceptions=Q2_MISTAKES,
          hints=("Frequency compares views with people reached.",
                 "Sum the impressions of all posts and the reach of all posts, then divide impressions by "
                 "reach.",
                 "`my_posts['impressions'].sum() / my_posts['reach'].sum()`"),
          on_correct="Above 1 because people saw posts more than once. How many *different* people saw any "
                     "of your posts cannot be computed from per-post reach: only the platform's reach over a "
                     "period counts each person once."),
    Value(key="q3", title="Engagement rate by reach per platform (a Series indexed by platform).",
          heading="Engagement rate on each network",
          brief="The client wants this month's engagement rate per network, each network's posts pooled.",
          expected=_q3, ordered=False, misconceptions=Q3_MISTAKES,
          hints=("Pool per platform: the total engagements of that platform's posts over their total "
                 "reach.",
                 "Group the posts by platform and sum likes, comments, shares and reach; then divide the "
                 "summed engagements by the summed reach.",
                 "`sums = my_posts.groupby('platform')[['likes', 'comments', 'shares', 'reach']].sum()`, "
                 "then `(sums['likes'] + sums['comments'] + sums['shares']) / sums['reach']`")),
    Value(key="q4", title="Real page: the median per-post engagement rate (total_interactions / reach) "
                          "for each post type (a Series indexed by type).",
          heading="Which post type engages on the real page",
          brief="Before planning the real page's content, its editor asks which type of post typically "
                "engages people.",
          expected=_q4, ordered=False, misconceptions=Q4_MISTAKES,
          hints=("A typical post: each post's own rate first, then the middle value per type.",
                 "Make a column with each post's total_interactions / reach, group by type and take the "
                 "median.",
                 "`fb.assign(rate=fb['total_interactions'] / "
                 "fb['reach']).groupby('type')['rate'].median()`"),
          on_correct="Medians resist the few viral posts that drag means up."),
    Value(key="q5", title="Real page: mean reach and mean engaged_users of organic (paid = 0) and paid "
                          "(paid = 1) posts — a DataFrame indexed by `paid` with those two columns.",
          heading="Do paid posts reach and engage more?",
          brief="The real page's owner wonders whether paying for posts brought more people and more "
                "engaged users.",
          expected=_q5, ordered=False, misconceptions=Q5_MISTAKES,
          hints=("Compare the two groups of posts, organic and paid, on two averages.",
                 "Group the posts by paid and take the mean of reach and of engaged_users in each group "
                 "(the one post with unknown paid is left out).",
                 "`fb.groupby('paid')[['reach', 'engaged_users']].mean()`"),
          on_correct="Paid posts reach more people; whether they engage them better is another question."),
    Value(key="q6", title="Your ad sets: the cost per lead of the whole campaign (total spend / total leads).",
          heading="Cost per lead of the whole campaign",
          brief="The client asks what one lead cost over the whole campaign.",
          expected=_q6, misconceptions=Q6_MISTAKES,
          hints=("One campaign-wide cost per lead: pool the ad sets, do not average their own CPLs.",
                 "Add up the spend of all ad sets and the leads of all ad sets, then divide spend by "
                 "leads.",
                 "`my_ad_sets['spend'].sum() / my_ad_sets['leads'].sum()`")),
    Value(key="q7", title="Your ad sets: the list of `ad_set` IDs to pause, those whose own cost per lead "
                          "is above the target of 7 per lead.",
          heading="Which ad sets to pause",
          brief="The budget is tight and the client's target is 7 per lead: the ad sets above it get "
                "paused tomorrow.",
          decision=True,
          on_correct="These ad sets cost more per lead than the client wants to pay. The trade-off: an ad "
                     "set just above the target with many leads may still bring good customers, and one "
                     "with few leads may be above it by chance; pause the clear cases, move their budget "
                     "to the cheapest ad sets and look again next week.",
          expected=_q7, ordered=False, misconceptions=Q7_MISTAKES,
          hints=("Judge each ad set on its own cost per lead.",
                 "Per ad set, divide its spend by its leads, and keep the IDs where that is above the "
                 "target.",
                 "`my_ad_sets.loc[my_ad_sets['spend'] / my_ad_sets['leads'] > 7, 'ad_set'].tolist()`")),
    Function(key="q8", title="Write `cpl_status(spend, leads, target)`: 'no leads' when there are no "
                             "leads, 'on target' when the cost per lead is at most the target, "
                             "otherwise 'over target'.",
             heading="A status label for each ad set",
             brief="Your dashboard needs a status label for each ad set, and some ad sets have no leads "
                   "yet.",
             answer_name="cpl_status", reference=cpl_status,
             cases=[Case((400.0, 100, 5.0), label="cheap leads"),
                    Case((600.0, 100, 5.0), label="expensive leads"),
                    Case((500.0, 100, 5.0), label="exactly on the target"),
                    Case((250.0, 0, 5.0), label="zero leads (no division by zero!)"),
                    Case((0.0, 3, 5.0), label="free leads")],
             hints=("Think first of the case that would break a division.",
                    "With no leads, return 'no leads' before dividing; otherwise compare the cost per "
                    "lead with the target: at most the target is on target.",
                    "`if leads == 0: return 'no leads'`, then `return 'on target' if spend / leads <= "
                    "target else 'over target'`")),
    Value(key="q9", title=f"Build the tagged link for {LANDING_URL} with source 'Instagram', medium "
                          "'paid social', campaign 'Spring Sale' and content 'video A'.",
          heading="Tag the link of the spring ad",
          brief="The spring sale's Instagram video ad goes live tomorrow, and its visits must show up "
                "under the right campaign in the shop's analytics.",
          expected=_q9, compare=_same_link,
          hints=("A tagged link is the page's address plus a query string of utm_ parameters.",
                 "Write each value lower-case with _ for spaces (instagram, paid_social, spring_sale, "
                 "video_a), then add utm_source, utm_medium, utm_campaign and utm_content as name=value "
                 "pairs joined by & after a ?.",
                 "`url + '?' + urllib.parse.urlencode({'utm_source': 'instagram', 'utm_medium': "
                 "'paid_social', 'utm_campaign': 'spring_sale', 'utm_content': 'video_a'})`")),
    Classify(key="q10", title="Which channel does an analytics tool put each visit (source / medium) in?",
             heading="Which channel each visit lands in",
             brief="The owner asks why the shop's analytics put some visits from Facebook and Instagram under "
                   "'paid social' and others under 'organic social' or 'referral'.",
             groups=["paid social", "organic social", "referral", "email", "direct", "other"],
             expected=Q10_CHANNELS,
             hints=("The medium says how a visit was sent or paid for; the source says where it came from.",
                    "A social source with a paid medium is paid social; a social site's link domain "
                    "counts as organic social even with medium 'referral'; a visit with no source is "
                    "direct.")),
    Function(key="q11", title="Write `engagement_rates(posts)`: a Series of (likes + comments + shares) / "
                              "reach per post, keeping the table's index; NaN where reach is 0; an "
                              "empty table gives an empty Series.",
             heading="Engagement rate of every post, safely",
             brief="Your report script breaks on posts with zero reach, which some exports contain.",
             answer_name="engagement_rates", reference=engagement_rates, cases=_q11_cases,
             hints=("Column arithmetic works row by row and keeps the index.",
                    "Dividing by zero gives inf in pandas: turn a zero reach into a missing value before "
                    "dividing.",
                    "`posts['reach'].where(posts['reach'] != 0)` is the reach with NaN where it was 0.")),
    Value(key="q12", title="Real page: how many missing values does each column have? Give a Series "
                           "with only the columns that have at least one.",
          heading="Missing values in the real page's data",
          brief="Before you trust the real page's numbers, a colleague asks whether any values are "
                "missing.",
          expected=_q12, ordered=False, misconceptions=Q12_MISTAKES,
          hints=("Ask each column how many of its values are missing.",
                 "Count the missing values per column, then keep only the columns whose count is above "
                 "zero.",
                 "`s = fb.isna().sum()`, then `s[s > 0]`"),
          on_correct="The data card says nothing is missing — always check."),
    Value(key="q13", title="Real page: how many posts report fewer impressions than reach (impossible "
                           "by definition)?",
          heading="Impossible rows in the real page's data",
          brief="The same colleague asks whether any rows contradict the definitions of the metrics.",
          expected=_q13, misconceptions=Q13_MISTAKES,
          hints=("Everyone reached saw the post at least once, so impressions below reach cannot happen.",
                 "Compare the two columns row by row, which gives True or False per post, and count the "
                 "True ones.",
                 "`(fb['impressions'] < fb['reach']).sum()`")),
    Value(key="q14", title="Your posts: the `post_id`s of the 5 posts to boost, the best 5 by the Wilson "
                           "lower bound of clicks out of reach, best first (a list).",
          heading="Which posts to boost",
          brief="You have budget to boost five past posts for clicks to the shop, and want posts whose "
                "click rate is not just luck.",
          decision=True,
          hint_calls={"metrics.wilson_lower_bound": "the Wilson formula is the chapter's tool; the "
                                                    "question asks to rank and choose by it, not to "
                                                    "derive it"},
          on_correct="These posts earned their clicks from enough people to trust the rate. The "
                     "trade-off: the bound is cautious, so a new post with a great rate on a few people "
                     "is passed over; give such a post a small test budget rather than a full boost.",
          expected=_q14, misconceptions=Q14_MISTAKES,
          hints=("A click rate measured on few people is unreliable: rank by a cautious estimate that "
                 "stays low when few people were reached.",
                 "Score each post by the lower end of the Wilson interval of its clicks out of its reach, "
                 "sort the scores from high to low and take the first five post IDs.",
                 "`score = metrics.wilson_lower_bound(my_posts['clicks'], my_posts['reach'])`, then "
                 "`my_posts.assign(score=score).sort_values('score', "
                 "ascending=False)['post_id'].head(5).tolist()`")),
    Choice(key="q15", title="Which statements about reach and impressions are true?",
           heading="Reach and impressions: what is true",
           brief="A new colleague mixes up reach and impressions in a client report, and you check the "
                 "report's statements.",
           options={"a": "Reach counts unique people; impressions count every view.",
                    "b": "Frequency is reach divided by impressions.",
                    "c": "For one post, impressions are never below reach.",
                    "d": "1,000 impressions mean 1,000 people saw the post."},
           correct=["a", "c"],
           explanations={"b": "The other way round: impressions / reach.",
                         "d": "One person can see a post several times."},
           hints=("Think of one person scrolling past the same post twice.",
                  "For each statement, count for that one person: how many people, and how many views?")),
    Order(key="q16", title="Put the steps of measuring a campaign in order.",
          heading="Measuring a campaign, step by step",
          brief="A client asks you to measure the spring campaign properly, from before the launch to the "
                "final report.",
          steps={"a": "Check the data: missing values, impressions below reach, duplicates.",
                 "b": "Set the goal and its KPI, e.g. a cost-per-lead target.",
                 "c": "Compare the metrics with the target and decide what to change.",
                 "d": "Tag every link with UTM parameters.",
                 "e": "Compute the metrics (CTR, CPL, engagement rate ...).",
                 "f": "Run the campaign and export the data."},
          expected=["b", "d", "f", "a", "e", "c"],
          hints=("Tags must be on the links before anyone clicks.",
                 "You can only trust metrics computed on checked data.")),
    Thought(key="q17", title="Your best post by raw click rate had 3 clicks out of 4 people reached. "
                             "Why is ranking by the Wilson lower bound fairer? Two or three sentences.",
            heading="Why not rank by the raw click rate",
            brief="The client asks why your boost list skips the post with the best click rate.",
            rubric=("1 point: 3 of 4 is a rate measured on very few people: one click more or less moves it "
                    "by 25 points, so it may be luck.",
                    "1 point: the Wilson lower bound is a cautious estimate that stays low with few trials and "
                    "approaches the raw rate with many, so steady posts with much reach are not beaten by a "
                    "lucky tiny one."),
            hints=("How sure can you be of a rate measured on 4 people?",
                   "Imagine one click more or one click fewer: how far does the rate move on 4 people, "
                   "and on 4,000?")),
]

QUIZ = Quiz(
    "Metrics",
    [
        QuizQuestion(
            "A post has 5,000 impressions and a reach of 2,000. What is its frequency?",
            [Option("2.5", True, "Frequency = impressions / reach = 5000 / 2000."),
             Option("0.4", False, "That is reach / impressions, the inverse."),
             Option("3,000", False, "That is a difference, not a ratio.")],
        ),
        QuizQuestion(
            "Your target is a cost per lead of at most 50,000 so'm. An ad set spent 1,200,000 so'm "
            "and brought 20 leads. Is it on target?",
            [Option("No: CPL is 60,000 so'm, above the target.", True, "1,200,000 / 20 = 60,000."),
             Option("Yes: 20 leads is a good number.", False,
                    "A count of leads says nothing about their cost; divide spend by leads."),
             Option("Yes: CPL is 50,000 so'm.", False, "Check the division: 1,200,000 / 20 = 60,000.")],
        ),
        QuizQuestion(
            "Which are fair ways to rank posts when some have very few views? (choose all that apply)",
            [Option("Rank by the Wilson lower bound of the rate.", True,
                    "It shrinks rates measured on few views towards caution."),
             Option("Rank by the raw rate, however few views.", False,
                    "1 click out of 1 view (100%) would beat 90 out of 100."),
             Option("Set a minimum number of views before ranking.", True,
                    "A simple, transparent rule; the Wilson bound does it smoothly.")],
        ),
        QuizQuestion(
            "Which of these measures is ROAS?",
            [Option("Revenue / ad spend", True, "A ratio: 4.0 means 4 of revenue per 1 spent."),
             Option("(Revenue − cost) / cost", False, "That is ROI, which counts all costs, "
                    "not only ad spend."),
             Option("Spend / leads", False, "That is the cost per lead.")],
        ),
        QuizQuestion(
            "A page published 40 posts last month; they got 120 comments in all. What is its conversation "
            "rate, as Avinash Kaushik defined it?",
            [Option("3 comments per post", True, "Kaushik's rates are per post: 120 comments / 40 posts."),
             Option("120 / followers", False, "Dividing by followers gives comments per follower, a different "
                    "number; some tools do it, but then name it so."),
             Option("It is the same as the conversion rate.", False,
                    "Conversation rate counts comments per post; conversion rate counts results per click.")],
        ),
        QuizQuestion(
            "You add ?utm_source=Instagram to one link and ?utm_source=instagram to another. What happens "
            "in the analytics report?",
            [Option("Two separate sources: the visits are split between 'Instagram' and 'instagram'.", True,
                    "Tag values are compared as written; agree on one lower-case spelling."),
             Option("Nothing: analytics tools ignore case.", False,
                    "They do not: 'Instagram' and 'instagram' are two rows."),
             Option("The visits land in Direct.", False,
                    "Tagged visits keep their source; untagged ones may lose their referrer.")],
        ),
        QuizQuestion(
            "Over a quarter, 18% of a bank's mentions are negative, inside the 15-25% band of source 003. "
            "What do you check before calling that fine?",
            [Option("The weekly shares: a crisis week can hide in a quarter's total.", True,
                    "A total averages a spike away; look week by week, and learn your own baseline."),
             Option("Nothing: 15-25% is the acceptable level.", False,
                    "The band is one practitioner's rule of thumb, not a standard for every brand."),
             Option("Whether positive mentions are above 50%.", False,
                    "The share of positive mentions does not show when the negative ones came.")],
        ),
        QuizQuestion(
            "An export's read-me says there are no missing values. What do you do before computing rates?",
            [Option("Check anyway: missing values, duplicates, impressions below reach, totals that should add up.",
                    True, "The real dataset of this chapter has missing values its read-me denies."),
             Option("Trust the read-me and start the analysis.", False,
                    "Documentation is written once; data changes. Check it."),
             Option("Drop every row with a rate above 10%.", False,
                    "Dropping large values hides real posts; check definitions, not sizes.")],
        ),
    ],
)

BANK = Bank(
    name="04_metrics",
    title="Metrics",
    questions=QUESTIONS,
    datasets={"facebook": _facebook, "my_posts": _my_posts, "my_ad_sets": _my_ad_sets},
    quiz=QUIZ,
)
