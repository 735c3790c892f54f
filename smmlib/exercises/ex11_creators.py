"""Question bank of ``exercises/11_creators.ipynb`` and the chapter-11 knowledge check.

Datasets, all simulated: ``my_followers``, ``my_posts`` and ``my_audience``
(one creator's daily follower gains, 20 recent posts and audience by city,
from :func:`smmlib.creators.generate_creator` with the student's seed; two to
four days carry bought followers), ``my_offers`` (three invented offers for the
same brief, personal) and ``my_drafts`` (five sponsored-post drafts, the same
for everyone). Expected answers are recomputed from the same seed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import creators
from ..engine.questions import (
    Bank,
    Choice,
    Classify,
    Context,
    Misconception,
    Overlap,
    Thought,
    Value,
)
from ..engine.quiz import Option, Quiz, QuizQuestion

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

HIRE_OPTIONS = {
    "a": "C alone: the lowest cost per sale.",
    "b": "A and C together: about 36 sales for about 850, and C carries its own risk.",
    "c": "B alone: the largest audience.",
    "d": "A alone: the fee is fixed, so the cost is known.",
}

CLINIC_OPTIONS = {
    "a": "Target people aged 18+ in Tashkent with broad beauty interests, and no health-condition targeting.",
    "b": "Upload the clinic's list of past patients to build a lookalike audience of people like them.",
    "c": "Run a giveaway: 'share this post on your timeline to win a free consultation'.",
    "d": "Ask the creator to switch on the Paid partnership label and to start the caption with 'Advertising'.",
    "e": "Let the creator say the procedure is 'painless, with guaranteed results'.",
    "f": "Use this month's trending song from the app's full library in the clinic's Reel.",
}

QUESTIONS = [
    Overlap(key="q1", heading="Which days brought bought followers",
            brief="A café owner wants to pay a local creator for three posts and asks you to check the "
                  "creator's follower history first.",
            title="From `my_followers` (daily gains), give the dates on which the creator most likely bought "
                  "followers: a list of dates.",
            expected=_q1, item_key=lambda d: pd.Timestamp(d).normalize(), min_precision=0.6, min_recall=0.75,
            hints=("Bought followers arrive in bursts that a normal day's growth does not explain: chapter 05's "
                   "bot-spike idea.",
                   "Compare each day's gain with the rolling median of the days around it, scaled by the median "
                   "absolute deviation; flag the days far above (a robust z-score over 5).",
                   "`g = my_followers['new_followers']; base = g.rolling(15, center=True, min_periods=1).median(); "
                   "r = g - base; z = r / (1.4826 * (r - r.median()).abs().median())`, then the dates where "
                   "`z > 5` (chapter 05's `pitfalls.detect_follower_spikes` does these steps)")),
    Value(key="q2", heading="Engagement per follower, as the public sees it",
          brief="The creator sent you her last 20 posts (`my_posts`); the brand compares candidates on the same "
                "public measure.",
          title="Give the creator's engagement per follower: the likes, comments and shares of the 20 posts, "
                "divided by (number of posts × today's followers, the last value of `my_followers['followers']`). "
                "A fraction.",
          expected=_q2, misconceptions=Q2_MISTAKES,
          hints=("A rate per post, over the followers the creator shows today.",
                 "Add likes, comments and shares over all posts; divide by the number of posts and by the last "
                 "follower total.",
                 "`(my_posts[['likes', 'comments', 'shares']].sum().sum()) / (len(my_posts) * "
                 "my_followers['followers'].iloc[-1])`")),
    Value(key="q3", heading="How much of the audience is in the café's cities",
          brief="The café delivers in Tashkent and Samarkand; the creator sent a screenshot of her audience by "
                "city (`my_audience`).",
          title="Give the creator's audience fit: the share of her audience in Tashkent and Samarkand, as a fraction.",
          expected=_fit, misconceptions=Q3_MISTAKES,
          hints=("Audience fit is the part of the audience that could become the café's customers.",
                 "Add the shares of the target cities.",
                 "`my_audience.set_index('city').loc[['Tashkent', 'Samarkand'], 'share'].sum()`")),
    Value(key="q4", heading="How many followers were bought",
          brief="The café owner asks how many of the creator's followers are likely bought.",
          title="Estimate the number of bought followers: over the spike days of q1, the gain minus a normal "
                "day's gain (the rolling median of chapter 05's detector), added up.",
          expected=_q4, misconceptions=Q4_MISTAKES, rtol=1e-6,
          hints=("Even on a spike day some followers came normally.",
                 "For each flagged day, subtract the detector's baseline from the day's gain; add the results.",
                 "`flags = pitfalls.detect_follower_spikes(my_followers)`, then `(flags['new_followers'] - "
                 "flags['baseline'])[flags['flagged']].sum()`"),
          hint_calls={"pitfalls.detect_follower_spikes": "chapter 05's detector is a tool; the point is the "
                                                         "excess over a normal day"}),
    Value(key="q5", heading="Cost per sale of three offers",
          brief="Three creators sent offers for the same spring campaign (`my_offers`): a flat fee, a CPM deal "
                "and an affiliate commission with a small fee.",
          title="For each offer, compute the expected cost per sale: results = median views × engagement rate × "
                "audience fit × conversion; cost by the offer's pricing model (flat: rate; cpm: rate × views / "
                "1,000; affiliate: rate × sales × order value) plus `fixed`. Answer with a Series indexed by "
                "offer (A, B, C).",
          expected=_q5, misconceptions=Q5_MISTAKES,
          hints=("Put every offer in the same unit: what one sale costs.",
                 "Sales = views × engagement rate × audience fit × conversion; the cost follows the model; "
                 "divide cost by sales for each row.",
                 "`sales = t.median_views * t.engagement_rate * t.audience_fit * t.conversion` and "
                 "`cost = np.select([t.model == 'flat', t.model == 'cpm'], [t.rate, t.rate * t.median_views / 1000], "
                 "t.rate * sales * t.order_value) + t.fixed` with `t = my_offers.set_index('offer')`")),
    Choice(key="q6", heading="Which offers to hire for the target", decision=True,
           brief="The shop needs at least 30 sales this month from creators and has 1,000 to spend.",
           title="The simulation of three offers (4,000 simulated posts each) gives: A (flat fee 600): about 21 "
                 "sales at 28.7 per sale, 68 per sale on a weak post; B (CPM): about 14 sales at 62 per sale; "
                 "C (20% commission + 100): about 15 sales at 16.5 per sale, 25 on a weak post. What do you "
                 "hire?",
           options=HIRE_OPTIONS, correct="b",
           explanations={
               "a": "C is cheapest per sale but brings about 15 sales: half the target. Cost per result decides "
                    "between offers; the volume still has to reach the goal.",
               "c": "B reaches the most people but most are outside the target: about 62 per sale, and 14 sales.",
               "d": "A alone brings about 21 sales, short of 30; a known cost is not a known result."},
           hints=("Check two things for every plan: does it reach 30 sales, and does it stay within 1,000?",
                  "Add up the expected sales and costs of each combination."),
           on_correct="A and C bring about 21 + 15 = 36 sales for about 600 + 254 ≈ 850, inside the budget. "
                      "Expected is not assured: in the same simulation the pair reaches 30 sales in only about 6 "
                      "draws in 10, and in a few good draws C's commission takes the spend past 1,000. The "
                      "trade-off: A's fixed fee carries the risk of a weak post (68 per sale), so measure each "
                      "with its own code, tell the owner the target is likely, not certain, and keep the better "
                      "creator next month."),
    Classify(key="q7", heading="What is wrong in five sponsored drafts",
             brief="A creator agency sends five drafts for approval (`my_drafts`); each has one main problem, or none.",
             title="Put each draft in the group of its main problem: disclosure (hidden or missing), marking "
                   "(Russia's rules), claims (health or guarantees), music (not licensed for a branded post), "
                   "ai_label (realistic AI content without a label), promotion (contest rules) or none.",
             groups=DRAFT_GROUPS, expected=_q7,
             hints=("Read each draft's text and its columns: was it paid, is the label on, what music, is it AI, "
                    "which region?",
                    "Disclosure must come first (label or a plain word at the start); Russia needs the mark, the "
                    "advertiser and an erid token; a branded post needs licensed music; realistic AI people need a "
                    "label.")),
    Choice(key="q8", heading="A creator campaign for the clinic", decision=True,
           brief="The capstone's clinic (cosmetic procedures, Tashkent) wants a creator campaign with ads behind it.",
           title="Which steps of the team's plan do you keep? (all that apply)",
           options=CLINIC_OPTIONS, correct=["a", "d"],
           explanations={
               "b": "Patients' records are health data, a special category: uploading them or building lookalikes "
                    "needs each patient's explicit consent and a check of the local law — drop it.",
               "c": "Meta's promotion rules forbid 'share on your timeline to enter'; use comments or messages.",
               "e": "'Guaranteed results' is a claim no creator can back, and health claims are the riskiest.",
               "f": "A branded post may use only music licensed for commercial use (TikTok's Commercial Music "
                    "Library, Meta's Sound Collection)."},
           hints=("Four of the six steps break a rule of sections 6–9.",
                  "Think of health data, contest entry rules, health claims and music licences."),
           on_correct="Broad adult targeting without health conditions and a clear Paid partnership label keep "
                      "the campaign within the rules. The trade-off: without patient lookalikes or a "
                      "share-to-enter giveaway the start is slower, but each dropped step risked a data breach, "
                      "a removed promotion, a false health claim or a muted Reel."),
    Thought(key="q9", heading="Which creator to hire, and why",
            brief="The café owner has read your audit (q1–q4) and the offers (q5) and asks for a recommendation "
                  "she can forward to her partner.",
            title="In four to six sentences: which creator (or creators) do you recommend, on what evidence "
                  "(audience fit, bought followers, engagement, cost per sale and its risk), what the contract "
                  "must say (disclosure, usage rights) and how you will measure the result?",
            rubric=("1 point: a clear choice justified with the numbers (cost per sale, audience fit, the share of "
                    "bought followers and engagement), naming the trade-off (risk of a flat fee, volume of an "
                    "affiliate offer).",
                    "1 point: the contract and measurement: disclosure with the label and words at the start "
                    "(marking where required), usage rights if the brand will run ads, one code and link per "
                    "creator, lift against a baseline."),
            solution="I recommend the affiliate creator C for the first month, with a small flat-fee test of A: "
                     "C costs the least per sale and carries the risk of a weak post herself, and 80% of her "
                     "audience is in our cities. The creator in the audit shows about a quarter of bought "
                     "followers and lower engagement per follower than her size suggests, so I would not pay her a "
                     "fee based on followers. The contract sets the Paid partnership label and 'Advertising' at the "
                     "start of every post, the music from the commercial library, and the right to run the video "
                     "as a partnership ad for three months. Each creator gets her own code and tagged link; after "
                     "the campaign I compare orders with the three weeks before to estimate the lift.",
            hints=("Use your own numbers from q1–q4; a recommendation without numbers cannot be checked.",
                   "A good answer names the creator, gives the numbers behind the choice (audience fit, "
                   "bought followers, engagement rate, cost per sale and its weak-post risk), lists the "
                   "contract terms (disclosure label, usage rights) and says how you will measure the "
                   "result (a code or link per creator).")),
]

QUIZ = Quiz(
    "Creators, partnerships and the rules",
    [
        QuizQuestion(
            "A skincare brand sends a creator a free serum, with no money. She posts a video about it. Does she "
            "need to disclose?",
            [Option("Yes: a gift is something of value, so the post is advertising; label it and say so.", True,
                    "Platforms' branded-content rules and consumer law treat gifts like payment (checked 2026)."),
             Option("No: disclosure is only for paid posts.", False, "A product is a payment in kind."),
             Option("Only if she likes the product.", False, "Disclosure is about the relationship, not the opinion.")],
        ),
        QuizQuestion(
            "A sponsored Instagram caption ends with twenty hashtags, the last of them #ad. Enough?",
            [Option("No: the disclosure must be seen at once — the Paid partnership label and a word such as "
                    "'Advertising' at the start.", True, "Hidden among hashtags, it is not clear at once."),
             Option("Yes: #ad is there.", False, "Being there is not being seen."),
             Option("Yes, if the brand is tagged in the photo.", False, "A tag does not say the post was paid for.")],
        ),
        QuizQuestion(
            "What does Russia's advertising law require of an online ad since 1 September 2022?",
            [Option("The mark «реклама», the advertiser and a token (erid) from an advertising data operator, with "
                    "the ad reported to the unified register.", True, "Federal Law 38-FZ, Article 18.1 (checked 2026)."),
             Option("Nothing for bloggers.", False, "Bloggers' paid posts are online advertising too."),
             Option("Only a hashtag #реклама at the end.", False, "The mark alone is not enough; the token and "
                    "reporting are required.")],
        ),
        QuizQuestion(
            "Which entry rule may a brand's Facebook Page use for a giveaway?",
            [Option("Comment on this post; a random draw picks the winner, with published rules.", True,
                    "Entries by comment, like or message on the Page are allowed."),
             Option("Share this post on your timeline to enter.", False,
                    "Personal timelines must not be used to administer promotions."),
             Option("Tag three friends to enter.", False, "Friend connections must not be used either.")],
        ),
        QuizQuestion(
            "You want to upload your newsletter subscribers to Meta as a custom audience. What must hold?",
            [Option("A lawful basis for using their data this way, and people who opted out left out (and removed "
                    "later if they opt out).", True, "Meta's Customer List Custom Audiences Terms; GDPR Article 6."),
             Option("Nothing: the list is hashed, so it is not personal data.", False,
                    "Hashing protects the upload; it does not make the use lawful."),
             Option("Only that the list has at least 100 people.", False, "Size is not the rule.")],
        ),
        QuizQuestion(
            "A bakery's business TikTok account wants this week's viral song in its video. What do you do?",
            [Option("Choose a track from TikTok's Commercial Music Library, original sound, or a licensed track.",
                    True, "Business accounts need music cleared for commercial use."),
             Option("Use it: everyone else does.", False, "A branded video can be muted or blocked."),
             Option("Use it and credit the artist in the caption.", False, "A credit is not a licence.")],
        ),
        QuizQuestion(
            "The simulation gives an offer a cost of 400 on every post and 10 or 30 sales on two equally likely "
            "posts. If you buy many such posts, what does one sale cost you on average?",
            [Option("20: total cost over total sales (800 / 40), the expected cost over the expected sales.", True,
                    "What you pay per sale across posts is spend / sales. The mean of the per-post ratios (40 and "
                    "13.3, so 26.7) is a different number, which the weak post dominates."),
             Option("26.7: the average of 400/10 and 400/30.", False,
                    "That is the mean of the per-post ratios, the expected value of 'cost per sale of one post'. "
                    "It is not what a sale costs you: two posts cost 800 and bring 40 sales, 20 each."),
             Option("13.3: the better post.", False, "You cannot choose which post you get.")],
        ),
    ],
)

BANK = Bank(
    name="11_creators",
    title="Creators, partnerships and the rules",
    questions=QUESTIONS,
    datasets={"my_followers": _my_followers, "my_posts": _my_posts, "my_audience": _my_audience,
              "my_offers": _my_offers, "my_drafts": _my_drafts},
    quiz=QUIZ,
)
