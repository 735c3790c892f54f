"""smmlib.creators (vetting, pricing, the offer simulation, draft checks), its widget
and the public-source registry it cites; every formula against a value computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smmlib import creators, sources, widgets
from smmlib.creators import Offer
from smmlib.viz import figure_problems

# ----------------------------------------------------------------------------- vetting


def test_bought_followers_excess_is_gain_minus_the_rolling_median():
    gains = pd.DataFrame({"date": pd.date_range("2026-01-01", periods=10),
                          "new_followers": [40, 42, 38, 41, 3040, 39, 43, 40, 41, 37]})
    found = creators.bought_followers(gains, window=5)
    # the window around day 4 is 38, 41, 3040, 39, 43 -> median 41; 3040 - 41 = 2999
    assert found["date"].tolist() == [pd.Timestamp("2026-01-05")]
    assert found["baseline"].tolist() == [41.0] and found["excess"].tolist() == [2999.0]


def test_bought_followers_finds_nothing_in_a_steady_history():
    steady = pd.DataFrame({"new_followers": [40, 42, 38, 41, 45, 39, 43, 40, 41, 37]})
    assert creators.bought_followers(steady, window=5).empty


def test_engagement_quality_by_hand():
    posts = pd.DataFrame({"views": [1000, 3000], "likes": [50, 130], "comments": [5, 10], "shares": [5, 0]})
    q = creators.engagement_quality(posts, followers=10_000)
    # engagements 60 + 140 = 200; per follower 200 / (2 x 10,000) = 0.01; per view 200 / 4,000 = 0.05
    assert q["engagement_per_follower"] == pytest.approx(0.01)
    assert q["engagement_per_view"] == pytest.approx(0.05)
    assert q["views_per_follower"] == pytest.approx(2000 / 10_000)
    assert q["comments_per_like"] == pytest.approx(15 / 180)


def test_engagement_quality_names_missing_columns_and_bad_followers():
    with pytest.raises(KeyError, match="shares"):
        creators.engagement_quality(pd.DataFrame({"views": [1], "likes": [1], "comments": [0]}), 100)
    with pytest.raises(ValueError, match="followers must be greater than 0"):
        creators.engagement_quality(pd.DataFrame({"views": [1], "likes": [1], "comments": [0], "shares": [0]}), 0)


def test_audience_fit_sums_the_target_shares():
    audience = pd.DataFrame({"city": ["Tashkent", "Samarkand", "Moscow"], "share": [0.55, 0.2, 0.25]})
    assert creators.audience_fit(audience, ["Tashkent", "Samarkand"]) == pytest.approx(0.75)
    assert creators.audience_fit(audience, "Moscow") == pytest.approx(0.25)
    with pytest.raises(KeyError, match="spell the target"):
        creators.audience_fit(audience, ["Almaty"])
    with pytest.raises(ValueError, match="fraction"):
        creators.audience_fit({"Tashkent": 55}, ["Tashkent"])


def test_simulated_creator_is_seeded_and_the_audit_finds_the_planted_purchases():
    a, b = creators.generate_creator(3), creators.generate_creator(3)
    assert a["followers"].equals(b["followers"]) and a["posts"].equals(b["posts"])
    found = set(creators.bought_followers(a["followers"])["date"])
    assert set(a["followers"].attrs["bought_days"]) <= found
    clean = creators.generate_creator(3, bought=False)
    assert clean["followers"].attrs["bought_days"] == []
    # bought followers never engage: engagement per follower is lower with them than without
    with_bought = creators.vetting_summary(a, ["Tashkent"])
    without = creators.vetting_summary(clean, ["Tashkent"])
    assert with_bought["engagement_per_follower"] < without["engagement_per_follower"]
    assert with_bought["bought_share"] > 0.1 > without["bought_share"]


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_bought_false_is_the_same_creator_without_the_purchases(seed):
    """Review of ch11: bought=False used to draw a different creator (other posts and audience: at seed 0 an
    audience fit of 0.72 against 0.25), so the chapter's 'with and without' table compared two creators."""
    a, clean = creators.generate_creator(seed), creators.generate_creator(seed, bought=False)
    assert a["posts"].equals(clean["posts"]) and a["audience"].equals(clean["audience"])
    planted = a["followers"].set_index("date")["new_followers"] - clean["followers"].set_index("date")["new_followers"]
    assert set(planted[planted > 0].index) == set(a["followers"].attrs["bought_days"])
    assert planted.between(0, 6_000).all() and planted[planted > 0].min() >= 2_500   # the planted amounts only
    # the totals differ by exactly the purchases
    assert a["followers"]["followers"].iloc[-1] - clean["followers"]["followers"].iloc[-1] == planted.sum()


def test_follower_history_figure_is_labelled():
    fig = creators.follower_history_figure(creators.generate_creator(0)["followers"])
    assert figure_problems(fig) == [] and "simulated" in fig.layout.title.text


# ----------------------------------------------------------------------------- pricing


@pytest.mark.parametrize("model, kwargs, cost", [
    ("flat", {"rate": 500}, 500.0),
    ("gifting", {"rate": 80, "fixed": 15}, 95.0),                          # product + shipping
    ("cpm", {"rate": 12, "views": 40_000}, 480.0),                         # 12 x 40,000 / 1,000
    ("cpe", {"rate": 0.5, "engagements": 900}, 450.0),                     # 0.5 x 900
    ("affiliate", {"rate": 0.15, "sales": 40, "order_value": 60, "fixed": 100}, 460.0),  # 0.15 x 40 x 60 + 100
])
def test_offer_cost_by_hand(model, kwargs, cost):
    assert creators.offer_cost(model, **kwargs) == pytest.approx(cost)


def test_offer_cost_rejects_unknown_models_and_percent_commissions():
    with pytest.raises(ValueError, match=r"model \(the pricing model\) must be one of 'flat'.*got 'cpc'"):
        creators.offer_cost("cpc", 1)
    with pytest.raises(ValueError, match="fraction"):
        creators.offer_cost("affiliate", 15, sales=1, order_value=1)
    with pytest.raises(ValueError, match="audience_fit"):
        Offer("X", "flat", 100, views=1000, engagement_rate=0.05, audience_fit=70)


def test_offer_numbers_by_hand():
    o = Offer("B", "cpm", 10, views=60_000, engagement_rate=0.03, audience_fit=0.4)
    n = creators.offer_numbers(o, conversion=0.025, order_value=50)
    # engagements 60,000 x 0.03 = 1,800; target 1,800 x 0.4 = 720; sales 720 x 0.025 = 18
    # cost 10 x 60,000 / 1,000 = 600 -> 600 / 720 per target engagement, 600 / 18 per sale
    assert n["engagements"] == pytest.approx(1800) and n["target_engagements"] == pytest.approx(720)
    assert n["sales"] == pytest.approx(18) and n["cost"] == pytest.approx(600)
    assert n["cost_per_target_engagement"] == pytest.approx(600 / 720)
    assert n["cost_per_sale"] == pytest.approx(600 / 18)


def test_affiliate_cost_per_sale_is_commission_times_order_plus_fixed_share():
    o = Offer("C", "affiliate", 0.2, views=10_000, engagement_rate=0.05, audience_fit=1.0, fixed=100)
    n = creators.offer_numbers(o, conversion=0.02, order_value=50)
    # sales 10,000 x 0.05 x 1 x 0.02 = 10; cost 0.2 x 10 x 50 + 100 = 200; per sale 20
    assert n["sales"] == pytest.approx(10) and n["cost_per_sale"] == pytest.approx(20)


def test_compare_offers_one_row_each_and_distinct_names():
    a = Offer("A", "flat", 500, views=40_000, engagement_rate=0.05, audience_fit=0.5)
    table = creators.compare_offers([a, Offer("B", "cpe", 0.4, views=40_000, engagement_rate=0.05,
                                              audience_fit=0.5)])
    assert table.loc["B", "cost"] == pytest.approx(0.4 * 2000)       # 0.4 x 40,000 x 0.05
    assert table["model"].tolist() == ["flat", "cpe"]
    with pytest.raises(ValueError, match="names must differ"):
        creators.compare_offers([a, a])
    with pytest.raises(ValueError, match="offers is empty"):
        creators.compare_offers([])


# ----------------------------------------------------------------------------- simulation


def test_simulation_summary_by_hand():
    sims = pd.DataFrame({"offer": ["A", "A", "B", "B"], "draw": [0, 1, 0, 1],
                         "sales": [10.0, 30.0, 20.0, 20.0], "cost": [400.0, 400.0, 500.0, 500.0]})
    s = creators.simulation_summary(sims)
    # A: 400 / mean(10, 30) = 20 (not the mean of 40 and 13.33); B: 500 / 20 = 25
    assert s.loc["A", "expected_cost_per_result"] == pytest.approx(20.0)
    assert s.loc["B", "expected_cost_per_result"] == pytest.approx(25.0)
    assert s.loc["A", "expected_results"] == pytest.approx(20.0)
    # draw 0: A 40 vs B 25 -> B; draw 1: A 13.3 vs B 25 -> A
    assert s["chance_cheapest"].tolist() == [0.5, 0.5]


def test_simulation_is_seeded_and_centred_on_the_expected_values():
    o = Offer("A", "cpm", 10, views=50_000, engagement_rate=0.04, audience_fit=0.5)
    one = creators.simulate_offers([o], n=20_000, seed=1)
    assert one.equals(creators.simulate_offers([o], n=20_000, seed=1))
    # the log-normal factors have mean 1, so the mean views are close to the expected 50,000
    assert one["views"].mean() == pytest.approx(50_000, rel=0.02)
    expected = creators.offer_numbers(o)
    assert one["cost"].mean() == pytest.approx(expected["cost"], rel=0.02)
    # a flat fee does not vary with views; with no spread at all every draw is the expectation
    flat = creators.simulate_offers([Offer("F", "flat", 300, views=1000, engagement_rate=0.1, audience_fit=1)],
                                    n=50, views_sigma=0, engagement_sigma=0)
    assert set(flat["cost"]) == {300.0} and flat["sales"].tolist() == pytest.approx([1000 * 0.1 * 0.02] * 50)


def test_simulation_rejects_bad_input():
    with pytest.raises(ValueError, match="offers is empty"):
        creators.simulate_offers([])
    with pytest.raises(ValueError, match="result must be"):
        creators.simulation_summary(pd.DataFrame(), result="clicks")


def test_offers_figure_is_labelled():
    o = Offer("A", "flat", 300, views=10_000, engagement_rate=0.05, audience_fit=0.5)
    assert figure_problems(creators.offers_figure(creators.simulate_offers([o], n=100))) == []


def test_offer_calculator_follows_its_sliders():
    calc = widgets.offer_calculator(n=500)
    before = calc.result[1]["expected_cost_per_result"].copy()
    calc.sliders["fit0"].value = 0.1      # offer A now reaches few target people: its cost per sale rises
    after = calc.result[1]["expected_cost_per_result"]
    assert after.iloc[0] > 5 * before.iloc[0]
    assert after.iloc[1:].tolist() == pytest.approx(before.iloc[1:].tolist())
    assert "Lowest expected cost per sale" in calc.summary.value


# ----------------------------------------------------------------------------- drafts


@pytest.mark.parametrize("draft, problems", [
    ({"text": "Love my new cream! #skincare #ad", "paid": True, "music": "trending song"}, ["disclosure", "music"]),
    ({"text": "Advertising. Our bakery opens today", "paid": True, "music": "original"}, []),
    ({"text": "Best jacket ever", "paid": True, "label": True, "music": "commercial library"}, []),
    ({"text": "Реклама. erid: 2Vtzqx ООО Ромашка. New menu", "paid": True, "region": "RU"}, []),
    ({"text": "Реклама. New menu", "paid": True, "region": "RU"}, ["marking"]),
    ({"text": "#ad This tea cures insomnia, guaranteed", "paid": True}, ["claims"]),
    ({"text": "My morning routine", "ai_realistic": True}, ["ai_label"]),
    ({"text": "Share this post on your timeline to enter the giveaway!"}, ["promotion"]),
    ({"text": "Tag 3 friends in the comments to win"}, ["promotion"]),
    ({"text": "Cured meat platter for the weekend", "paid": False}, []),     # 'cured' is not 'cure'
])
def test_draft_problems(draft, problems):
    assert creators.draft_problems(draft) == problems
    assert all(p in creators.DRAFT_RULES for p in problems)


@pytest.mark.parametrize("text", ["#adventure time in my new boots", "#adidas drop today, link in bio",
                                  "Adorable new mugs in the shop"])
def test_a_word_that_only_starts_like_a_disclosure_does_not_disclose(text):
    """Review of ch11: the old check matched substrings, so '#adventure' passed as '#ad'."""
    assert creators.draft_problems({"text": text, "paid": True, "music": "original"}) == ["disclosure"], (
        "a disclosure word must be a whole word: '#adventure' or '#adidas' tells the reader nothing")
    assert creators.draft_problems({"text": "#ad " + text, "paid": True, "music": "original"}) == []


def test_the_promotion_rule_names_the_platform_whose_terms_were_checked():
    """The course checked Facebook's Pages terms only; the rule must not claim them for every Meta app."""
    rule = creators.DRAFT_RULES["promotion"]
    assert "Facebook" in rule and "Instagram" in rule and "own promotion terms" in rule


def test_offer_views_median_taken_as_the_mean_is_about_13_percent_low():
    """Offer.views is a median; simulate_offers' draws have that value as their mean (documented choice)."""
    offer = Offer("A", "flat", 600, views=30_000, engagement_rate=0.05, audience_fit=0.7)
    sims = creators.simulate_offers([offer], n=40_000, seed=3)
    assert sims["views"].mean() == pytest.approx(30_000, rel=0.02)
    assert sims["views"].median() == pytest.approx(30_000 * math.exp(-0.5 ** 2 / 2), rel=0.02)  # 26,475


# ----------------------------------------------------------------------------- public sources


def test_chapter_11_sources_are_in_the_one_registry():
    """Chapter 11's rules and laws live in sources.WEB_SOURCES with the other public pages (one registry)."""
    keys = [w.key for w in sources.WEB_SOURCES]
    assert {"eu-ucpd", "ru-advertising-law", "kz-online-advertising", "meta-promotions"} <= set(keys)
    assert sources.cite_web("eu-ucpd", "disclosure.") == (
        '- European Union, "Directive 2005/29/EC on unfair commercial practices (UCPD), Annex I points 11 and 22", '
        "https://eur-lex.europa.eu/eli/dir/2005/29/oj — paid editorial content without making the payment clear "
        "(11) and falsely presenting oneself as a consumer (22) are unfair in all circumstances (checked 2026). "
        "Used here: disclosure.")


def test_chapter_11_cites_only_registered_public_sources():
    """Every public source the chapter's Sources cell lists comes from the registry (one wording)."""
    import json

    from smmlib.paths import repo_root

    nb = json.loads((repo_root() / "chapters" / "11_creators.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"])
    assert "## Sources" in text
    cited = [w.key for w in sources.WEB_SOURCES if w.citation() in text]
    assert len(cited) >= 20, cited   # the chapter's legal and policy claims rest on these
    assert "could not confirm" in text  # and it says where it could not confirm a rule


# ----------------------------------------------------------------------------- the bank's checkers


def _bank():
    from smmlib import exercises

    return exercises.get_bank("11_creators")


def test_bank_is_framed_as_work_with_two_decisions():
    bank = _bank()
    assert all(q.heading and q.brief and q.title for q in bank.questions)
    assert sum(q.decision for q in bank.questions) >= 2
    assert sum(q.graded for q in bank.questions) >= 6
    assert len(bank.quiz.questions) >= 5


@pytest.mark.parametrize("student", ["self-learner", "ana", "s001"])
def test_bank_right_answers_pass_and_wrong_types_fail(student):
    from smmlib.engine.checking import Outcome

    bank = _bank()
    ctx = bank.context(student)
    for q in bank.questions:
        if not q.graded:
            continue
        right = q.expected(ctx) if q.kind in ("overlap", "classify") else (
            q.expected_value(ctx) if q.kind == "value" else sorted(q.correct) if q.multiple else next(iter(q.correct)))
        assert q.grade(right, ctx).outcome is Outcome.CORRECT, q.key
        wrong_type = q.grade(object(), ctx)
        assert wrong_type.outcome is Outcome.INCORRECT and wrong_type.message, q.key


def test_each_draft_has_exactly_one_problem_and_partial_credit_counts_drafts():
    from smmlib.exercises import ex11_creators

    for row in ex11_creators.DRAFTS.to_dict("records"):
        assert len(creators.draft_problems(row)) == 1, row["draft"]
    bank = _bank()
    q7 = next(q for q in bank.questions if q.key == "q7")
    answer = dict(q7.expected(bank.context("ana")))
    answer["d3"] = "disclosure"                  # one of five drafts wrong: 4/5 of the point
    result = q7.grade(answer, bank.context("ana"))
    assert result.points == pytest.approx(0.8) and result.parts == "4/5 items"


def test_overlap_allows_one_false_alarm_but_not_a_guess():
    bank = _bank()
    q1 = next(q for q in bank.questions if q.key == "q1")
    ctx = bank.context("ana")
    bought = list(q1.expected(ctx))
    history = ctx.data("my_followers")
    extra = history.loc[~history["date"].isin(bought), "date"].iloc[5]
    assert q1.grade(bought + [extra], ctx).points == 1.0          # a reasonable method may flag one day more
    assert q1.grade(history["date"].iloc[:10].tolist(), ctx).points < 1.0


def test_quiz_cost_per_sale_is_total_cost_over_total_sales():
    """The knowledge check's question: 400 a post, 10 or 30 sales -> 800 / 40 = 20, not mean(40, 13.3) = 26.7."""
    from smmlib.exercises import get_bank

    sims = pd.DataFrame({"offer": ["A", "A"], "draw": [0, 1], "sales": [10.0, 30.0], "cost": [400.0, 400.0]})
    assert creators.simulation_summary(sims).loc["A", "expected_cost_per_result"] == 20.0
    question = next(q for q in get_bank("11_creators").quiz.questions if "400 on every post" in q.prompt)
    right = [o for o in question.options if o.correct]
    assert len(right) == 1 and right[0].text.startswith("20:")
    assert "on average" in question.prompt  # asks for what a sale costs, not E[cost/sales] (= 26.7)


def test_q6_feedback_states_the_chance_of_reaching_the_target():
    """Review of ch11: hiring A and C *expects* 36 sales, but the chapter's simulation reaches 30 in only
    about 59% of draws (and goes over the 1,000 budget in about 7%): the feedback must not sell 36 as sure."""
    from smmlib.exercises.ex11_creators import QUESTIONS

    offers = [Offer("A", "flat", 600, views=30_000, engagement_rate=0.05, audience_fit=0.7),
              Offer("C", "affiliate", 0.2, views=12_000, engagement_rate=0.08, audience_fit=0.8, fixed=100)]
    sims = creators.simulate_offers(offers, n=4000, seed=0, conversion=0.02, order_value=50)
    sales = sims.pivot(index="draw", columns="offer", values="sales").sum(axis=1)
    cost = sims.pivot(index="draw", columns="offer", values="cost").sum(axis=1)
    assert 0.5 < (sales >= 30).mean() < 0.7 and 0.0 < (cost > 1000).mean() < 0.15
    q6 = next(q for q in QUESTIONS if q.key == "q6")
    assert "6 draws in 10" in q6.on_correct and "past 1,000" in q6.on_correct
