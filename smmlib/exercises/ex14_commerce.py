"""Question bank of ``exercises/14_commerce.ipynb`` and the chapter-14 knowledge check.

Datasets, all personal (seeded by the student ID) and simulated, from
:func:`smmlib.commerce.generate_shop`: ``my_conversations`` (a month of a
shop's chat conversations), ``my_orders`` (their orders) and ``my_ad_clicks``
(the clicks of the click-to-WhatsApp ad); and ``my_load`` (conversations
expected in each hour of a busy day). Expected answers are recomputed from the
same seed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import commerce
from ..engine.questions import Choice, Context, Misconception, Thought, Value
from ..engine.texts import load_texts

#: The prose of the questions (docs/exercise-engine.md: texts apart from logic).
TEXT = load_texts(Path(__file__).with_name("texts") / "ex14_commerce.toml")

AD_SOURCE = "click-to-WhatsApp ad"
#: The team of the queue question: 8 first replies an hour from 9:00 to 21:00; 30% of those still
#: waiting give up each hour.
TEAM_CAPACITY, OPEN, CLOSE, ABANDON = 8, 9, 21, 0.3

#: The staffing decision's options (one day of 160 conversations; costs per day, so'm).
STAFFING = {
    "a": ("Keep one person, 9:00-21:00 (8 first replies an hour)",
          {"capacity": commerce.capacity_profile(8), "cost": 0}),
    "b": ("Add a second person at the same hours, 9:00-21:00 (250,000 so'm a day)",
          {"capacity": commerce.capacity_profile(16), "cost": 250_000}),
    "c": ("Add a second person for the evening, 15:00-24:00 (250,000 so'm a day)",
          {"capacity": commerce.capacity_profile(8) + commerce.capacity_profile(8, 15, 24), "cost": 250_000}),
    "d": ("Keep one person and add a bot that answers 40% of conversations at once: catalogue, prices, "
          "delivery (60,000 so'm a day)", {"capacity": commerce.capacity_profile(8), "bot_share": 0.4,
                                           "cost": 60_000}),
}
STAFFING_TABLE = commerce.compare_options(commerce.arrivals_profile(160), {k: plan for k, (_, plan) in
                                                                          STAFFING.items()})


def _shop(ctx: Context) -> dict[str, pd.DataFrame]:
    return commerce.generate_shop(seed=ctx.seed)


def _my_conversations(ctx: Context) -> pd.DataFrame:
    return _shop(ctx)["conversations"]


def _my_orders(ctx: Context) -> pd.DataFrame:
    return _shop(ctx)["orders"]


def _my_ad_clicks(ctx: Context) -> pd.DataFrame:
    return _shop(ctx)["ad_clicks"]


def _my_load(ctx: Context) -> pd.DataFrame:
    per_day = int(np.random.default_rng(ctx.seed).integers(100, 220))
    return pd.DataFrame({"hour": range(24), "arrivals": np.round(commerce.arrivals_profile(per_day), 1)})


# ----------------------------------------------------------------------------- expected answers


def _minutes(ctx: Context) -> pd.Series:
    return commerce.first_reply_minutes(ctx.data("my_conversations"))


def _q1(ctx: Context) -> float:
    return float(_minutes(ctx).median())


def _q2(ctx: Context) -> float:
    return commerce.conversation_to_order_rate(ctx.data("my_conversations"), ctx.data("my_orders"))


def _q2_answered_only(ctx: Context) -> float:
    conversations, orders = ctx.data("my_conversations"), ctx.data("my_orders")
    answered = conversations[conversations["first_reply"].notna()]
    return float(answered["conversation_id"].isin(orders["conversation_id"]).mean())


def _q2_per_customer(ctx: Context) -> float:
    conversations, orders = ctx.data("my_conversations"), ctx.data("my_orders")
    return float(orders["customer_id"].nunique() / conversations["customer_id"].nunique())


def _q3(ctx: Context) -> float:
    return commerce.average_order_value(ctx.data("my_orders"))


def _q4(ctx: Context) -> float:
    return commerce.repeat_purchase_rate(ctx.data("my_orders"))


def _q4_orders_share(ctx: Context) -> float:
    counts = ctx.data("my_orders")["customer_id"].value_counts()
    return float(counts[counts >= 2].sum() / counts.sum())


def _q4_all_writers(ctx: Context) -> float:
    counts = ctx.data("my_orders")["customer_id"].value_counts()
    return float((counts >= 2).sum() / ctx.data("my_conversations")["customer_id"].nunique())


def _ad_funnel(ctx: Context) -> pd.DataFrame:
    conversations, orders = ctx.data("my_conversations"), ctx.data("my_orders")
    ads = conversations[conversations["source"] == AD_SOURCE]
    clicks = int(ctx.data("my_ad_clicks")["clicks"].iloc[0])
    return commerce.messaging_funnel(clicks, ads, orders[orders["conversation_id"].isin(ads["conversation_id"])])


def _q5(ctx: Context) -> pd.Series:
    return _ad_funnel(ctx)["step_rate"].iloc[1:].rename("step_rate")


def _q5_of_clicks(ctx: Context) -> pd.Series:
    return _ad_funnel(ctx)["of_clicks"].iloc[1:].rename("step_rate")


def _q5_all_sources(ctx: Context) -> pd.Series:
    conversations, orders = ctx.data("my_conversations"), ctx.data("my_orders")
    clicks = int(ctx.data("my_ad_clicks")["clicks"].iloc[0])
    answered = conversations["first_reply"].notna().sum()
    ordered = conversations["conversation_id"].isin(orders["conversation_id"]).sum()
    ads = (conversations["source"] == AD_SOURCE).sum()
    return pd.Series([ads / clicks, answered / len(conversations), ordered / answered],
                     index=pd.Index(["conversations", "answered", "ordered"], name="stage"), name="step_rate")


def _queue(ctx: Context, abandon: float = ABANDON) -> pd.DataFrame:
    load = ctx.data("my_load")["arrivals"].to_numpy()
    return commerce.simulate_queue(load, commerce.capacity_profile(TEAM_CAPACITY, OPEN, CLOSE), abandon=abandon)


def _q7(ctx: Context) -> float:
    return float(_queue(ctx)["abandoned"].sum())


def _q7_no_carry(ctx: Context) -> float:
    load = ctx.data("my_load")["arrivals"].to_numpy()
    capacity = commerce.capacity_profile(TEAM_CAPACITY, OPEN, CLOSE)
    return float((np.maximum(load - capacity, 0) * ABANDON).sum())


def _q7_unanswered(ctx: Context) -> float:
    return float(ctx.data("my_load")["arrivals"].sum() - _queue(ctx)["answered"].sum())


# ----------------------------------------------------------------------------- likely mistakes

Q1_MISTAKES = (
    Misconception("mean instead of median", lambda ctx: float(_minutes(ctx).mean()),
                  "You took the mean: the few conversations answered the next morning pull it far up. Report "
                  "the median of the answered conversations' waits."),
    Misconception("hours instead of minutes", lambda ctx: _q1(ctx) / 60,
                  "That is in hours; the question asks for minutes (multiply by 60, or divide the time "
                  "differences by one minute)."),
    Misconception("unanswered as zero", lambda ctx: float(_minutes(ctx).fillna(0).median()),
                  "You counted the never-answered conversations as replies after 0 minutes. They have no first "
                  "reply at all: leave them out of the time (they show in the response rate)."),
)
Q2_MISTAKES = (
    Misconception("answered conversations only", _q2_answered_only,
                  "You divided by the answered conversations. The rate is over *all* conversations: the "
                  "unanswered ones are lost orders too, and hiding them makes a slow team look good."),
    Misconception("customers, not conversations", _q2_per_customer,
                  "You counted customers. The question asks per conversation: conversations with an order / "
                  "all conversations."),
)
Q3_MISTAKES = (
    Misconception("median instead of mean", lambda ctx: float(ctx.data("my_orders")["value"].median()),
                  "You took the median. Average order value is revenue / orders (the mean), so that AOV times "
                  "orders gives the revenue back."),
    Misconception("revenue per conversation",
                  lambda ctx: float(ctx.data("my_orders")["value"].sum() / len(ctx.data("my_conversations"))),
                  "You divided the revenue by the conversations: that is revenue per conversation, a different "
                  "metric. AOV divides by the number of orders."),
)
Q4_MISTAKES = (
    Misconception("share of orders", _q4_orders_share,
                  "You computed the share of *orders* placed by returning customers. The repeat purchase rate "
                  "counts customers: those with 2 or more orders / those with at least one."),
    Misconception("everyone who wrote as the base", _q4_all_writers,
                  "You divided by everyone who wrote to the shop. The base is the customers who ordered at least "
                  "once: the question is how many buyers came back."),
)
Q5_MISTAKES = (
    Misconception("share of clicks", _q5_of_clicks,
                  "Those are shares of the clicks (cumulative). Each step's rate divides by the stage just "
                  "before it: answered / conversations, ordered / answered."),
    Misconception("all sources mixed", _q5_all_sources,
                  "You mixed in conversations from posts, tags and the Telegram channel. The ad's funnel uses "
                  "only the conversations its clicks started (source == 'click-to-WhatsApp ad')."),
)
Q7_MISTAKES = (
    Misconception("no carry-over", _q7_no_carry,
                  "You treated each hour alone. People who are not answered in an hour and do not give up wait "
                  "into the next one: carry the waiting over, hour by hour."),
    Misconception("unanswered, not given up", _q7_unanswered,
                  "You counted everyone not answered, including those still waiting at midnight. The question "
                  "asks for those who gave up (the 30% of the waiting, each hour)."),
)

QUESTIONS = [
    Value(**TEXT("q1"), expected=_q1, misconceptions=Q1_MISTAKES),
    Value(**TEXT("q2"), expected=_q2, misconceptions=Q2_MISTAKES),
    Value(**TEXT("q3"), expected=_q3, misconceptions=Q3_MISTAKES),
    Value(**TEXT("q4"), expected=_q4, misconceptions=Q4_MISTAKES),
    Value(**TEXT("q5"), expected=_q5, misconceptions=Q5_MISTAKES),
    Choice(**TEXT("q6"), decision=True, correct="b"),
    Value(**TEXT("q7"),
          brief=f"On a busy day (`my_load`: conversations expected each hour) one person answers "
                f"{TEAM_CAPACITY} first replies an hour from {OPEN}:00 to {CLOSE}:00. Each hour, "
                f"{ABANDON:.0%} of the people still waiting give up.",
          expected=_q7, misconceptions=Q7_MISTAKES, rtol=1e-4),
    Choice(**TEXT("q8"), decision=True,
           brief="The shop expects 160 conversations a day, most in the evening. The chapter's model gives, per "
                 "day: " + "; ".join(f"({k}) {STAFFING[k][0]}: {STAFFING_TABLE.loc[k, 'orders']:.1f} orders, "
                                     f"margin after cost {STAFFING_TABLE.loc[k, 'margin_after_cost']:,.0f} so'm"
                                     for k in STAFFING) + ".",
           options={k: text for k, (text, _) in STAFFING.items()}, correct="c"),
    Thought(**TEXT("q9")),
]

BANK = TEXT.bank("14_commerce", QUESTIONS,
                 datasets={"my_conversations": _my_conversations, "my_orders": _my_orders,
                           "my_ad_clicks": _my_ad_clicks, "my_load": _my_load})
