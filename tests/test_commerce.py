"""Chapter 14 (selling through social and messaging): values computed by hand, bad input, the widget."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmlib import commerce as cm
from smmlib.exercises import ex14_commerce
from smmlib.viz import figure_problems


def _conversations(replies):
    return pd.DataFrame({"conversation_id": [f"c{i}" for i in range(len(replies))],
                         "started": pd.to_datetime(["2025-04-07 10:00"] * len(replies)),
                         "first_reply": pd.to_datetime(replies)})


def test_response_rate_and_first_reply_by_hand():
    c = _conversations(["2025-04-07 10:05", "2025-04-07 12:00", None, None])
    assert cm.response_rate(c) == 0.5
    minutes = cm.first_reply_minutes(c)
    assert minutes.iloc[:2].tolist() == [5.0, 120.0] and minutes.iloc[2:].isna().all()
    assert minutes.median() == 62.5          # the NaN of the unanswered are left out
    with pytest.raises(ValueError, match="before its conversation started"):
        cm.first_reply_minutes(_conversations(["2025-04-07 09:00"]))
    with pytest.raises(ValueError, match="no column"):
        cm.response_rate(pd.DataFrame({"x": [1]}))


def test_conversation_to_order_rate_counts_conversations_not_orders():
    c = pd.DataFrame({"conversation_id": ["c1", "c2", "c3", "c4", "c5"]})
    o = pd.DataFrame({"conversation_id": ["c2", "c2", "c5"]})
    assert cm.conversation_to_order_rate(c, o) == pytest.approx(2 / 5)
    with pytest.raises(ValueError, match="not in the table"):
        cm.conversation_to_order_rate(c, pd.DataFrame({"conversation_id": ["zz"]}))


def test_aov_and_repeat_purchase_by_hand():
    assert cm.average_order_value(pd.DataFrame({"value": [100_000, 300_000, 200_000]})) == 200_000
    assert cm.repeat_purchase_rate(pd.DataFrame({"customer_id": list("aabcccd")})) == 0.5   # a and c of 4
    with pytest.raises(ValueError, match="at least 0"):
        cm.average_order_value(pd.DataFrame({"value": [10, -1]}))
    with pytest.raises(ValueError, match="empty"):
        cm.average_order_value(pd.DataFrame({"value": []}))


def test_revenue_per_conversation_by_hand():
    # 4 conversations; c2 ordered twice (10 and 20), c4 once (30): revenue 60, 3 orders, AOV 20
    c = _conversations(["2025-04-07 10:05"] * 4).assign(conversation_id=["c1", "c2", "c3", "c4"])
    o = pd.DataFrame({"conversation_id": ["c2", "c2", "c4"], "customer_id": ["a", "a", "b"], "value": [10, 20, 30]})
    m = cm.messaging_metrics(c, o)
    assert m["revenue_per_conversation"] == 15.0                      # 60 / 4 = (3 / 4) x 20
    wrong = m["conversation_to_order_rate"] * m["average_order_value"]   # 0.5 x 20
    assert wrong == 10.0 and m["revenue_per_conversation"] != wrong, (
        "conversation-to-order rate x AOV counts a conversation with two orders once: it undercounts revenue; "
        "a conversation is worth revenue / conversations = orders per conversation x AOV")
    # the chapter's numbers (simulated shop, seed 0): about 61,000 so'm a conversation, 18,000 at a 30% margin
    shop = cm.generate_shop(seed=0)
    month = cm.messaging_metrics(shop["conversations"], shop["orders"])
    assert round(month["revenue_per_conversation"], -3) == 61_000
    assert round(0.3 * month["revenue_per_conversation"], -3) == 18_000


def test_funnel_by_hand():
    c = pd.DataFrame({"conversation_id": list("abcd"),
                      "first_reply": pd.to_datetime(["2025-04-07"] * 3 + [None])})
    f = cm.messaging_funnel(10, c, pd.DataFrame({"conversation_id": ["a"]}))
    assert f["count"].tolist() == [10, 4, 3, 1]
    assert f["step_rate"].iloc[1:].tolist() == pytest.approx([0.4, 0.75, 1 / 3])
    assert f["lost"].tolist() == [0, 6, 1, 2]
    with pytest.raises(ValueError, match="4 conversations from 3 clicks"):
        cm.messaging_funnel(3, c, pd.DataFrame({"conversation_id": []}))
    # d was never answered but ordered (through a link): the funnel's stages stay nested, 1 of 3 answered
    # ordered; counting d too would give 2 "ordered" of 3 answered, a step that is not a share of the one before
    nested = cm.messaging_funnel(10, c, pd.DataFrame({"conversation_id": ["a", "d"]}))
    assert nested["count"].tolist() == [10, 4, 3, 1] and nested["step_rate"].iloc[3] == pytest.approx(1 / 3)
    only_unanswered = cm.messaging_funnel(10, c, pd.DataFrame({"conversation_id": ["d"]}))
    assert only_unanswered.loc["ordered", "count"] == 0


def test_orders_by_wait_buckets():
    c = pd.DataFrame({"conversation_id": list("abcde"),
                      "started": pd.to_datetime(["2025-04-07 10:00"] * 5),
                      "first_reply": pd.to_datetime(["2025-04-07 10:05", "2025-04-07 10:30", "2025-04-07 12:00",
                                                     "2025-04-08 10:00", None])})
    t = cm.orders_by_wait(c, pd.DataFrame({"conversation_id": ["a", "b"]}))
    # 5 min -> "under 5 min" (bound included); 30 -> "5-30 min"; 120 -> "30 min-2 h"; 24 h -> "over 12 h"
    assert t["conversations"].tolist() == [1, 1, 1, 0, 1, 1]
    assert t.loc["under 5 min", "order_rate"] == 1.0 and t.loc["never answered", "order_rate"] == 0.0


def test_generated_shop_is_consistent_and_seeded():
    shop = cm.generate_shop(seed=4, days=5)
    c, o = shop["conversations"], shop["orders"]
    assert shop["conversations"].equals(cm.generate_shop(seed=4, days=5)["conversations"])
    assert o["conversation_id"].isin(c["conversation_id"]).all()
    answered = c.set_index("conversation_id")["first_reply"]
    assert answered.loc[o["conversation_id"]].notna().all()       # orders only from answered chats
    assert (answered.dropna() >= c.set_index("conversation_id")["started"][answered.notna()]).all()
    night = c[c["started"].dt.hour >= 21]
    assert (night["first_reply"].dropna().dt.hour >= 9).all()      # answered the next morning
    ads = (c["source"] == "click-to-WhatsApp ad").sum()
    assert int(shop["ad_clicks"]["clicks"].iloc[0]) > ads
    with pytest.raises(ValueError, match="open_hours"):
        cm.generate_shop(open_hours=(21, 9))


def test_queue_by_hand():
    t = cm.simulate_queue([10, 10, 0], capacity=6, abandon=0.5)
    # hour 0: 10 -> 6 answered, 4 left, 2 give up; hour 1: 2 + 10 -> 6, 6 left, 3 give up; hour 2: 3 answered
    assert t["answered"].tolist() == [6, 6, 3]
    assert t["abandoned"].tolist() == [2, 3, 0]
    assert t["waiting_end"].tolist() == [2, 3, 0]
    bot = cm.simulate_queue([10], capacity=2, abandon=0.0, bot_share=0.4)
    assert bot["to_bot"].iloc[0] == 4 and bot["answered"].iloc[0] == 2 and bot["waiting_end"].iloc[0] == 4
    with pytest.raises(ValueError, match="2 capacities for 3 hours"):
        cm.simulate_queue([1, 2, 3], capacity=[1, 2])
    with pytest.raises(ValueError, match="abandon"):
        cm.simulate_queue([1], capacity=1, abandon=1.5)


def test_queue_summary_and_options_by_hand():
    t = cm.simulate_queue([10, 10, 0], capacity=6, abandon=0.5)
    r = cm.queue_summary(t, order_rate=0.2, bot_order_rate=0.1, average_order=100)
    assert (r.answered_by_team, r.abandoned, r.orders, r.revenue) == (15, 5, 3.0, 300.0)
    options = cm.compare_options([10, 10, 0], {"one": {"capacity": 6, "cost": 0},
                                               "two": {"capacity": 12, "cost": 50}},
                                 abandon=0.5, order_rate=0.2, average_order=100, margin=0.5)
    # two: 10 answered in hour 0, 10 in hour 1 -> 20 x 0.2 = 4 orders, 400 revenue, 200 - 50 = 150
    assert options.loc["two", "orders"] == 4.0 and options.loc["two", "margin_after_cost"] == 150.0
    with pytest.raises(ValueError, match="needs 'capacity' and 'cost'"):
        cm.compare_options([1], {"x": {"capacity": 1}})


def test_profiles():
    assert cm.arrivals_profile(100, shape=[1, 3]).tolist() == [25.0, 75.0]
    assert math.isclose(cm.arrivals_profile(160).sum(), 160)
    assert int(np.argmax(cm.ARRIVAL_SHAPE)) == 20                       # the evening peak
    assert cm.capacity_profile(6, 1, 3, hours=4).tolist() == [0, 6, 6, 0]
    with pytest.raises(ValueError, match="open_hour <= close_hour"):
        cm.capacity_profile(6, 10, 9)


def test_the_staffing_decision_is_the_models_best_plan():
    assert ex14_commerce.STAFFING_TABLE["margin_after_cost"].idxmax() == "c"
    q8 = next(q for q in ex14_commerce.QUESTIONS if q.key == "q8")
    assert q8.correct == frozenset({"c"}) and q8.decision


def test_figures_have_titles_and_labels():
    shop = cm.generate_shop(seed=0, days=7)
    c, o = shop["conversations"], shop["orders"]
    ads = c[c["source"] == "click-to-WhatsApp ad"]
    funnel = cm.messaging_funnel(int(shop["ad_clicks"]["clicks"].iloc[0]), ads,
                                 o[o["conversation_id"].isin(ads["conversation_id"])])
    for fig in (cm.funnel_stages_figure(funnel), cm.wait_figure(cm.orders_by_wait(c, o)),
                cm.queue_figure(cm.simulate_queue(cm.arrivals_profile(100), cm.capacity_profile(8)))):
        assert figure_problems(fig) == []


def test_staffing_simulator_follows_its_sliders():
    from smmlib import widgets

    sim = widgets.staffing_simulator(per_day=120, replies_per_hour=8)
    before = sim.summary_result
    sim.sliders["replies_per_hour"].value = 20
    assert sim.summary_result.abandoned < before.abandoned
    sim.sliders["bot_share"].value = 0.5
    assert sim.summary_result.handled_by_bot == pytest.approx(60)
    sim.sliders["close_hour"].value = 5          # before the opening hour: the team never works
    assert sim.summary_result.answered_by_team == 0
    assert "gave up" in sim.summary.value
