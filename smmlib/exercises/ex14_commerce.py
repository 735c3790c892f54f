"""Question bank of ``exercises/14_commerce.ipynb`` and the chapter-14 knowledge check.

Datasets, all personal (seeded by the student ID) and simulated, from
:func:`smmlib.commerce.generate_shop`: ``my_conversations`` (a month of a
shop's chat conversations), ``my_orders`` (their orders) and ``my_ad_clicks``
(the clicks of the click-to-WhatsApp ad); and ``my_load`` (conversations
expected in each hour of a busy day). Expected answers are recomputed from the
same seed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import commerce
from ..engine.questions import Bank, Choice, Context, Misconception, Thought, Value
from ..engine.quiz import Option, Quiz, QuizQuestion, right_at

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
    Value(key="q1", heading="How long customers wait for a first reply",
          brief="The owner thinks the shop answers 'within minutes'. You have a month of chats (`my_conversations`).",
          title="Give the median time to first reply, in minutes, over the conversations that got a reply.",
          expected=_q1, misconceptions=Q1_MISTAKES,
          hints=("Time to first reply is the gap between `started` and `first_reply`.",
                 "Subtract, convert to minutes, leave out the conversations with no reply, take the median.",
                 "`((my_conversations['first_reply'] - my_conversations['started']).dt.total_seconds() / 60)"
                 ".median()` (the median skips NaN)")),
    Value(key="q2", heading="How many conversations turn into orders",
          brief="The owner wants one number for the chat's performance this month.",
          title="Give the conversation-to-order rate: conversations with at least one order (`my_orders`) / all "
                "conversations.",
          expected=_q2, misconceptions=Q2_MISTAKES,
          hints=("Every conversation counts in the base, answered or not.",
                 "Mark the conversations whose id appears in the orders; take the share marked.",
                 "`my_conversations['conversation_id'].isin(my_orders['conversation_id']).mean()`")),
    Value(key="q3", heading="What an order is worth",
          brief="To set the ad's cost per conversation, the owner needs the average order value.",
          title="Give the average order value (so'm).",
          expected=_q3, misconceptions=Q3_MISTAKES,
          hints=("Revenue divided by orders.", "Sum the order values and divide by the number of orders.",
                 "`my_orders['value'].sum() / len(my_orders)`")),
    Value(key="q4", heading="How many buyers came back",
          brief="The owner asks whether the chat builds regular customers or one-off buyers.",
          title="Give the repeat purchase rate: customers with 2 or more orders / customers with at least one order.",
          expected=_q4, misconceptions=Q4_MISTAKES,
          hints=("Count orders per customer.", "Count orders per `customer_id`; share of those counts that are 2 or "
                                               "more.",
                 "`(my_orders['customer_id'].value_counts() >= 2).mean()`")),
    Value(key="q5", heading="Where the ad's orders are lost",
          brief="The click-to-WhatsApp ad brought `my_ad_clicks` clicks. Before raising its budget, find the weak "
                "step.",
          title="For the ad's conversations only (`source == 'click-to-WhatsApp ad'`): the step rates as a Series "
                "indexed `conversations` (conversations / clicks), `answered` (answered / conversations) and "
                "`ordered` (ordered / answered).",
          expected=_q5, misconceptions=Q5_MISTAKES,
          hints=("Each step divides by the stage just before it, and the whole funnel is the ad's.",
                 "Keep the ad's conversations; count them, those with a reply and those with an order; divide "
                 "each by the previous count (the first by the clicks).",
                 "`ads = my_conversations[my_conversations['source'] == 'click-to-WhatsApp ad']`; counts "
                 "`[len(ads), ads['first_reply'].notna().sum(), ads['conversation_id'].isin(my_orders"
                 "['conversation_id']).sum()]`; divide by `[clicks, len(ads), answered]`; build `pd.Series(..., "
                 "index=['conversations', 'answered', 'ordered'])`")),
    Choice(key="q6", heading="Which step to fix first", decision=True,
           brief="Another shop's ad: 1,000 clicks, 380 conversations (38%), 300 answered (79%), 48 orders (16% of "
                 "answered). The budget for improvements is one week of your time.",
           title="Where do you start?",
           on_correct="The people who wrote and got no answer showed the strongest intent and cost "
                      "nothing more to reach: answering 95% instead of 79% gives about 61 more answered "
                      "chats and, at 16%, about 10 more orders from the same clicks. The trade-off is a "
                      "rota or a bot greeting, not more ad money.",
           options={"a": "The ad: 620 clicks never wrote, the biggest number lost.",
                    "b": "Answering: 80 people wrote and never got a reply; answer all of them (rota, saved replies, "
                         "an automatic greeting).",
                    "c": "The sales talk: 252 answered people did not order.",
                    "d": "None: raise the ad budget to get more clicks."},
           correct="b",
           explanations={"a": "The biggest count, but many clicks are accidental or curious; a better ad is a slow "
                              "test. The 80 unanswered people already asked to buy.",
                         "b": "Right: they showed the strongest intent and cost nothing more to reach. Answering "
                              "95% instead of 79% gives about 61 more answered and, at 16%, about 10 more orders "
                              "from the same clicks; the trade-off is a rota or a bot greeting, not ad money.",
                         "c": "Worth working on later (prices, stock, photos), but a few points of conversion are "
                              "harder won than answering people who are already waiting.",
                         "d": "More clicks into a funnel that drops a fifth of the people who write only pays for "
                              "more unanswered chats."},
           hints=("Which lost people had already shown they wanted to buy?",
                  "Compare what each fix would cost and how many orders it could bring.")),
    Value(key="q7", heading="How many chats are lost to waiting",
          brief=f"On a busy day (`my_load`: conversations expected each hour) one person answers "
                f"{TEAM_CAPACITY} first replies an hour from {OPEN}:00 to {CLOSE}:00. Each hour, "
                f"{ABANDON:.0%} of the people still waiting give up.",
          title="With the chapter's queue model, starting the day with nobody waiting: how many conversations are "
                "given up in the day? (not rounded)",
          expected=_q7, misconceptions=Q7_MISTAKES, rtol=1e-4,
          hints=("People who are not answered wait into the next hour; each hour some of them give up.",
                 "Hour by hour: queue = waiting + arrivals; answered = min(capacity, queue); gave up = 30% of what "
                 "is left; the rest waits. Capacity is 8 from 9:00 up to 21:00, 0 otherwise. Add up the gave-ups.",
                 "`waiting = lost = 0`; `for h, a in my_load[['hour', 'arrivals']].itertuples(index=False):` "
                 "`cap = 8 if 9 <= h < 21 else 0; queue = waiting + a; left = queue - min(cap, queue); "
                 "lost += 0.3 * left; waiting = 0.7 * left`")),
    Choice(key="q8", heading="A second person or a bot", decision=True,
           brief="The shop expects 160 conversations a day, most in the evening. The chapter's model gives, per "
                 "day: " + "; ".join(f"({k}) {STAFFING[k][0]}: {STAFFING_TABLE.loc[k, 'orders']:.1f} orders, "
                                     f"margin after cost {STAFFING_TABLE.loc[k, 'margin_after_cost']:,.0f} so'm"
                                     for k in STAFFING) + ".",
           title="Which plan do you choose for the next month?",
           on_correct="Capacity goes where the load is. The trade-off: the evening person costs more per "
                      "day than the bot and earns the most margin after cost in the model; check the "
                      "model's assumptions (the bot's order rate, the share who give up) against two "
                      "weeks of your own data before you commit.",
           options={k: text for k, (text, _) in STAFFING.items()}, correct="c",
           explanations={"a": "The cheapest plan loses the evening peak: people write at 19-22 and wait for the "
                              "morning, and many give up.",
                         "b": "A second person at the same hours doubles the capacity when it is least needed; "
                              "the evening peak still goes unanswered.",
                         "c": "Right: capacity where the load is. The trade-off: it costs more per day than the "
                              "bot, and earns the most margin after cost in the model; check the model's "
                              "assumptions (the bot's order rate, the share who give up) against two weeks of "
                              "your own data before you commit.",
                         "d": "The bot is cheap and answers at night, but in the model it converts less (15% "
                              "against 22%) and the evening peak is still too much for one person. A bot plus an "
                              "evening person may be worth testing next."},
           hints=("Compare the margin after cost, then ask when the load comes.",
                  "Which option puts capacity in the evening peak?")),
    Thought(key="q9", heading="Bot or staff for your own load",
            brief="Your load (`my_load`) is the shop's busiest day. The owner will decide between an evening person "
                  "and a bot on your recommendation.",
            title="In four or five sentences: what do you recommend for your load, why, which of the model's "
                  "assumptions could change the answer, and what would you measure in the first two weeks?",
            rubric=("1 point: a recommendation that follows from the load's shape (the evening peak) and the "
                    "costs, using the queue model's numbers.",
                    "1 point: names at least one assumption that could reverse it (the bot's order rate, the share "
                    "who give up, complex questions a bot cannot answer) and concrete metrics to watch (time to "
                    "first reply, response rate, conversation-to-order rate, complaints about the bot)."),
            solution="My load peaks at 19-22, when one person working 9-21 has gone home, so in the model most "
                     "lost chats are evening ones: I recommend an evening person (15-24) first. A bot is cheaper "
                     "and answers instantly, but the model assumes its conversations order at 15% instead of 22%; "
                     "if the bot handled prices and delivery as well as a person, it could win. I would run the "
                     "evening shift for two weeks and measure the median time to first reply, the response rate "
                     "and the conversation-to-order rate by hour, and test a bot greeting with the catalogue on the "
                     "night hours only.",
            hints=("Where in the day are the chats lost, and which option puts capacity there?",
                   "A good answer compares the options on margin after cost for your load, names the "
                   "hours where people give up, says which assumption (the bot's order rate, how long "
                   "people wait) would flip the choice, and names what to measure: time to first reply by "
                   "hour, orders per conversation, and the share who leave unanswered.")),
]

QUIZ = Quiz(
    "Selling through social and messaging",
    [
        QuizQuestion(
            "A click-to-WhatsApp ad brought 500 clicks and 150 conversations. What does the 30% measure?",
            right_at([Option("The share of clicks that started a conversation: the ad's first step.", True,
                    "Conversations / clicks."),
             Option("The conversation-to-order rate.", False, "That divides orders by conversations."),
             Option("The response rate.", False, "That divides answered conversations by all conversations.")], 1),
        ),
        QuizQuestion(
            "Why report the median time to first reply rather than the mean?",
            right_at([Option("A few chats answered the next morning pull the mean far above what most customers "
                    "experience.", True, "The median is robust to those long waits."),
             Option("The median is always smaller.", False, "Not always; it is more representative here."),
             Option("Platforms only show medians.", False, "Tools show both; the choice is yours.")], 0),
        ),
        QuizQuestion(
            "In the chapter's queue model, what happens when the team's capacity is below the arrivals in the "
            "evening peak?",
            right_at([Option("People wait into the next hours and some share gives up each hour: lost conversations.",
                    True, "The backlog carries over, and waiting costs through giving up."),
             Option("Nothing: everyone is answered the next morning and orders anyway.", False,
                    "The model assumes a share gives up each hour they wait."),
             Option("The arrivals drop to match the capacity.", False, "Arrivals do not depend on the team.")], 2),
        ),
        QuizQuestion(
            "Which is true of WhatsApp Business Platform (API) pricing, as checked in 2026?",
            right_at([Option("Since 1 July 2025 businesses pay per template message delivered (marketing, utility, "
                    "authentication), and under that model replies within the 24-hour customer-service window "
                    "were free.", True,
                    "Per-message pricing replaced per-conversation pricing; providers report changes from "
                    "October 2026, so check Meta's current rates before you budget."),
             Option("Every message, including replies to customers, costs the same fixed price worldwide.", False,
                    "Prices depend on category and country, and under the July 2025 model service replies in "
                    "the window were free."),
             Option("The API is free for all businesses.", False, "Template messages are charged.")], 0),
        ),
        QuizQuestion(
            "A shop sells in a Telegram channel. What can a Telegram bot or mini app add?",
            right_at([Option("A catalogue and order form inside Telegram, with payment through a payment provider, and "
                    "answers to common questions at any hour.", True,
                    "Bots and mini apps support payments via third-party providers (Telegram's documentation)."),
             Option("Nothing: channels cannot link to bots.", False, "A post can link to a bot or open a mini app."),
             Option("Automatic growth of the channel's subscribers.", False, "Bots do not bring subscribers.")], 1),
        ),
        QuizQuestion(
            "The simulated shop's chart shows lower order rates after long waits. What can you conclude?",
            right_at([Option("Nothing about real customers: the generator was built to assume it; test it on your own "
                    "shop's chats.", True, "A simulation shows its own assumptions back."),
             Option("That every minute of waiting costs one percentage point.", False,
                    "No such rule follows from simulated data."),
             Option("That fast replies never matter.", False, "The data cannot show that either.")], 2),
        ),
    ],
)

BANK = Bank(
    name="14_commerce",
    title="Selling through social and messaging",
    questions=QUESTIONS,
    datasets={"my_conversations": _my_conversations, "my_orders": _my_orders, "my_ad_clicks": _my_ad_clicks,
              "my_load": _my_load},
    quiz=QUIZ,
)
