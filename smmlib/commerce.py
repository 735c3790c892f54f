"""Selling through social and messaging: the message-to-order funnel and staffing the chat.

The chapter "Selling through social and messaging" (14) follows a customer
from an ad or a post into a chat and, if all goes well, to an order:

- **Funnel metrics** on a table of conversations and a table of orders:
  :func:`response_rate`, :func:`first_reply_minutes`,
  :func:`conversation_to_order_rate`, :func:`average_order_value`,
  :func:`repeat_purchase_rate`, all together in :func:`messaging_metrics`;
  :func:`messaging_funnel` gives the stages (ad clicks, conversations,
  answered, ordered) with the share kept and lost at each step;
  :func:`orders_by_wait` splits the order rate by how long the first reply
  took.
- **A simulated shop.** :func:`generate_shop` (seeded; labelled simulated
  wherever it is shown) gives a month of conversations and orders of an
  invented clothing shop that sells through Instagram, a Telegram channel
  and click-to-WhatsApp ads. Its generator *assumes* that customers who wait
  longer order less: a chart of that on its data shows the assumption back
  and proves nothing about real customers.
- **The staffing queue.** :func:`simulate_queue` is the course's model of a
  chat inbox hour by hour: conversations arrive, the team answers up to its
  capacity (replies per hour), those still waiting at the end of an hour give
  up in a fixed share, and a bot can take a share of the arrivals at once.
  :func:`queue_summary` turns it into orders and revenue, and
  :func:`compare_options` compares staffing plans (more people or a bot) on
  cost and margin. The assumptions are listed in :data:`QUEUE_ASSUMPTIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import validate
from .viz import OKABE_ITO

__all__ = [
    "ARRIVAL_SHAPE",
    "QUEUE_ASSUMPTIONS",
    "SOURCES",
    "WAIT_BUCKETS",
    "arrivals_profile",
    "average_order_value",
    "capacity_profile",
    "compare_options",
    "conversation_to_order_rate",
    "first_reply_minutes",
    "funnel_stages_figure",
    "generate_shop",
    "messaging_funnel",
    "messaging_metrics",
    "orders_by_wait",
    "queue_figure",
    "queue_summary",
    "repeat_purchase_rate",
    "response_rate",
    "simulate_queue",
    "wait_figure",
]


# ----------------------------------------------------------------------------- funnel metrics


def _columns(where: str, table: pd.DataFrame, needed: Sequence[str], what: str) -> None:
    validate.instance(where, what, table, pd.DataFrame, "a pandas DataFrame")
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ValueError(f"{where}(): the {what} have no column(s) {missing}; they need {list(needed)}")
    if table.empty:
        raise ValueError(f"{where}(): the {what} table is empty")


def response_rate(conversations: pd.DataFrame) -> float:
    """Share of conversations that got a reply at all: answered / conversations.

    >>> c = pd.DataFrame({"started": pd.to_datetime(["2025-04-07 10:00"] * 4),
    ...                   "first_reply": pd.to_datetime(["2025-04-07 10:05", None, "2025-04-07 12:00", None])})
    >>> response_rate(c)
    0.5
    """
    _columns("response_rate", conversations, ["first_reply"], "conversations")
    return float(conversations["first_reply"].notna().mean())


def first_reply_minutes(conversations: pd.DataFrame) -> pd.Series:
    """Minutes from each conversation's start to the business's first reply (NaN: never answered).

    The time to first reply is usually reported as the **median** of this,
    over answered conversations: a few replies days later would pull a mean up.

    >>> c = pd.DataFrame({"started": pd.to_datetime(["2025-04-07 10:00"] * 3),
    ...                   "first_reply": pd.to_datetime(["2025-04-07 10:05", None, "2025-04-07 12:00"])})
    >>> first_reply_minutes(c).tolist(), float(first_reply_minutes(c).median())
    ([5.0, nan, 120.0], 62.5)
    """
    _columns("first_reply_minutes", conversations, ["started", "first_reply"], "conversations")
    minutes = (pd.to_datetime(conversations["first_reply"]) - pd.to_datetime(conversations["started"]))
    minutes = minutes.dt.total_seconds() / 60
    if (minutes < 0).any():
        raise ValueError("first_reply_minutes(): a reply comes before its conversation started; check the times")
    return minutes.rename("first_reply_minutes")


def conversation_to_order_rate(conversations: pd.DataFrame, orders: pd.DataFrame) -> float:
    """Share of conversations that led to at least one order: conversations with an order / conversations.

    >>> c = pd.DataFrame({"conversation_id": ["c1", "c2", "c3", "c4"]})
    >>> o = pd.DataFrame({"conversation_id": ["c2", "c2", "c4"], "value": [10, 20, 30]})
    >>> conversation_to_order_rate(c, o)   # c2 (two orders) and c4: 2 of 4
    0.5
    """
    _columns("conversation_to_order_rate", conversations, ["conversation_id"], "conversations")
    _columns("conversation_to_order_rate", orders, ["conversation_id"], "orders")
    unknown = set(orders["conversation_id"]) - set(conversations["conversation_id"])
    if unknown:
        raise ValueError(f"conversation_to_order_rate(): orders name conversations that are not in the table, "
                         f"e.g. {sorted(unknown)[0]!r}; use the orders of these conversations only")
    return float(conversations["conversation_id"].isin(orders["conversation_id"]).mean())


def average_order_value(orders: pd.DataFrame) -> float:
    """Average order value (AOV): revenue / number of orders.

    >>> average_order_value(pd.DataFrame({"value": [100_000, 300_000, 200_000]}))
    200000.0
    """
    _columns("average_order_value", orders, ["value"], "orders")
    values = pd.to_numeric(orders["value"], errors="coerce")
    if values.isna().any() or (values < 0).any():
        raise ValueError("average_order_value(): order values must be numbers of at least 0")
    return float(values.sum() / len(values))


def repeat_purchase_rate(orders: pd.DataFrame) -> float:
    """Share of customers who ordered more than once: customers with 2+ orders / customers with 1+.

    >>> repeat_purchase_rate(pd.DataFrame({"customer_id": ["a", "a", "b", "c", "c", "c", "d"]}))
    0.5
    """
    _columns("repeat_purchase_rate", orders, ["customer_id"], "orders")
    per_customer = orders["customer_id"].value_counts()
    return float((per_customer >= 2).mean())


def messaging_metrics(conversations: pd.DataFrame, orders: pd.DataFrame) -> pd.Series:
    """The message-to-order funnel's metrics in one Series (rates are fractions, times minutes).

    ``revenue_per_conversation`` is revenue / conversations, which equals
    (orders / conversations) x AOV. It is *not* conversation-to-order rate x
    AOV when a conversation can lead to more than one order: below, 2 of 4
    conversations ordered (rate 0.5) and AOV is 20, but the 3 orders bring 60,
    15 per conversation, not 0.5 x 20 = 10.

    >>> c = pd.DataFrame({"conversation_id": ["c1", "c2", "c3", "c4"],
    ...                   "started": pd.to_datetime(["2025-04-07 10:00"] * 4),
    ...                   "first_reply": pd.to_datetime(["2025-04-07 10:05"] * 4)})
    >>> o = pd.DataFrame({"conversation_id": ["c2", "c2", "c4"], "customer_id": ["a", "a", "b"],
    ...                   "value": [10, 20, 30]})
    >>> messaging_metrics(c, o)[["conversation_to_order_rate", "average_order_value", "revenue_per_conversation"]]
    conversation_to_order_rate     0.5
    average_order_value           20.0
    revenue_per_conversation      15.0
    Name: value, dtype: float64
    """
    return pd.Series({
        "conversations": float(len(conversations)),
        "response_rate": response_rate(conversations),
        "median_first_reply_minutes": float(first_reply_minutes(conversations).median()),
        "conversation_to_order_rate": conversation_to_order_rate(conversations, orders),
        "orders": float(len(orders)),
        "revenue": float(pd.to_numeric(orders["value"]).sum()),
        "average_order_value": average_order_value(orders),
        "revenue_per_conversation": float(pd.to_numeric(orders["value"]).sum()) / len(conversations),
        "repeat_purchase_rate": repeat_purchase_rate(orders),
    }, name="value")


def messaging_funnel(ad_clicks: int, conversations: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """The click-to-message funnel: ad clicks -> conversations -> answered -> ordered.

    ``conversations`` and ``orders`` are those that came from the ad; each
    stage's ``step_rate`` is its count divided by the stage before, ``of_clicks``
    by the clicks, and ``lost`` how many the step lost. Each stage is part of
    the one before: ``ordered`` counts *answered* conversations with an order
    (an order from a conversation the shop never answered, say through a
    catalogue link, is outside this funnel; it still counts in
    :func:`conversation_to_order_rate`), so no step rate exceeds 1.

    >>> c = pd.DataFrame({"conversation_id": list("abcd"),
    ...                   "first_reply": pd.to_datetime(["2025-04-07"] * 3 + [None])})
    >>> messaging_funnel(10, c, pd.DataFrame({"conversation_id": ["a"]}))
                   count  step_rate  of_clicks  lost
    stage
    ad clicks         10        NaN        1.0     0
    conversations      4   0.400000        0.4     6
    answered           3   0.750000        0.3     1
    ordered            1   0.333333        0.1     2
    """
    clicks = validate.whole("messaging_funnel", "ad_clicks", ad_clicks, 1)
    _columns("messaging_funnel", conversations, ["conversation_id", "first_reply"], "conversations")
    if len(conversations) > clicks:
        raise ValueError(f"messaging_funnel(): {len(conversations)} conversations from {clicks} clicks; pass the "
                         "clicks of the same ads, or only the conversations those ads started")
    answered = conversations["first_reply"].notna()
    ordered = conversations["conversation_id"].isin(orders["conversation_id"]) & answered
    counts = [clicks, len(conversations), int(answered.sum()), int(ordered.sum())]
    table = pd.DataFrame({"count": counts}, index=pd.Index(["ad clicks", "conversations", "answered", "ordered"],
                                                           name="stage"))
    table["step_rate"] = table["count"] / table["count"].shift(1)
    table["of_clicks"] = table["count"] / clicks
    table["lost"] = (table["count"].shift(1) - table["count"]).fillna(0).astype("int64")
    return table


#: Buckets of :func:`orders_by_wait` (minutes to the first reply; upper bounds included).
WAIT_BUCKETS: tuple[tuple[str, float], ...] = (("under 5 min", 5), ("5-30 min", 30), ("30 min-2 h", 120),
                                               ("2-12 h", 720), ("over 12 h", np.inf))


def orders_by_wait(conversations: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Conversations and their order rate by how long the first reply took ("never answered" last).

    >>> c = pd.DataFrame({"conversation_id": list("abcd"),
    ...                   "started": pd.to_datetime(["2025-04-07 10:00"] * 4),
    ...                   "first_reply": pd.to_datetime(["2025-04-07 10:02", "2025-04-07 10:04",
    ...                                                  "2025-04-07 15:00", None])})
    >>> orders_by_wait(c, pd.DataFrame({"conversation_id": ["a"]}))["order_rate"].tolist()
    [0.5, nan, nan, 0.0, nan, 0.0]
    """
    minutes = first_reply_minutes(conversations)
    ordered = conversations["conversation_id"].isin(orders["conversation_id"])
    labels = [name for name, _ in WAIT_BUCKETS]
    edges = [-np.inf] + [upper for _, upper in WAIT_BUCKETS]
    bucket = pd.cut(minutes, edges, labels=labels, right=True).astype(object).where(minutes.notna(),
                                                                                     "never answered")
    order = [*labels, "never answered"]
    table = pd.DataFrame({"bucket": bucket, "ordered": ordered}).groupby("bucket")["ordered"].agg(["size", "mean"])
    table = table.reindex(order)
    table.columns = ["conversations", "order_rate"]
    table["conversations"] = table["conversations"].fillna(0).astype("int64")
    table.index.name = "first reply"
    return table


# ----------------------------------------------------------------------------- a simulated shop


#: Where conversations come from in the simulated shop, with their share of
#: conversations and their base order rate when answered at once (assumptions).
SOURCES: dict[str, tuple[float, float]] = {
    "click-to-WhatsApp ad": (0.40, 0.20),
    "Instagram post or story": (0.30, 0.24),
    "Instagram product tag": (0.10, 0.32),
    "Telegram channel": (0.20, 0.28),
}

#: Share of a day's conversations that arrive in each hour (0-23): an evening
#: peak, when ads deliver and people are free (the course's assumption).
ARRIVAL_SHAPE: tuple[float, ...] = tuple(np.array(
    [1, 0.6, 0.3, 0.2, 0.2, 0.3, 0.6, 1.2, 2, 3, 3.5, 3.8, 4.2, 4.0, 3.8, 3.8, 4.0, 4.5, 5.5, 6.8, 7.5, 7.2,
     5.5, 3]) / 89.8)


def generate_shop(seed: int = 0, days: int = 28, start: str = "2025-04-07",
                  per_day: float = 40.0, open_hours: tuple[int, int] = (9, 21)) -> dict[str, pd.DataFrame]:
    """A SIMULATED month of a clothing shop's chat conversations and orders.

    About ``per_day`` conversations a day arrive (hour by hour after
    :data:`ARRIVAL_SHAPE`) from the :data:`SOURCES`; the team answers during
    ``open_hours`` (a median of about 12 minutes), and messages that arrive
    after closing wait until the next opening; 6% are never answered. An
    answered conversation orders with its source's base rate times
    ``exp(-hours waited / 6)`` — **an assumption built into the generator**, not
    a finding; an unanswered one never orders in the chat. Order values are
    lognormal around 280,000 so'm; about 30% of conversations come from customers who wrote before.

    Returns ``{"conversations": ..., "orders": ..., "ad_clicks": ...}``:
    conversations have ``conversation_id``, ``customer_id``, ``source``,
    ``started``, ``first_reply``; orders have ``order_id``,
    ``conversation_id``, ``customer_id``, ``time``, ``value``; ``ad_clicks``
    is a one-row table with the clicks of the click-to-WhatsApp ads.

    >>> shop = generate_shop(seed=1, days=3)
    >>> sorted(shop)
    ['ad_clicks', 'conversations', 'orders']
    >>> bool(shop["orders"]["conversation_id"].isin(shop["conversations"]["conversation_id"]).all())
    True
    """
    rng = np.random.default_rng(validate.whole("generate_shop", "seed", seed))
    n_days = validate.whole("generate_shop", "days", days, 1)
    rate = validate.number("generate_shop", "per_day", per_day, positive=True)
    opens, closes = (validate.whole("generate_shop", "open_hours", h) for h in open_hours)
    if not 0 <= opens < closes <= 24:
        raise ValueError(f"generate_shop(): open_hours must be (open, close) with 0 <= open < close <= 24, "
                         f"got {open_hours!r}")
    first = pd.Timestamp(start).normalize()
    names = list(SOURCES)
    shares = np.array([SOURCES[s][0] for s in names])
    customers: list[str] = []
    rows, orders = [], []
    for day in range(n_days):
        for hour in range(24):
            for _ in range(int(rng.poisson(rate * ARRIVAL_SHAPE[hour]))):
                started = first + pd.Timedelta(days=day, hours=hour, minutes=float(rng.uniform(0, 60)))
                if customers and rng.random() < 0.3:
                    customer = customers[int(rng.integers(len(customers)))]
                else:
                    customer = f"K{len(customers) + 1:04d}"
                    customers.append(customer)
                source = names[int(rng.choice(len(names), p=shares / shares.sum()))]
                if rng.random() < 0.06:
                    reply = pd.NaT
                else:
                    opening = started
                    if not opens <= started.hour < closes:
                        next_day = started.normalize() + pd.Timedelta(days=1 if started.hour >= closes else 0)
                        opening = next_day + pd.Timedelta(hours=opens, minutes=float(rng.uniform(0, 90)))
                    reply = opening + pd.Timedelta(minutes=float(rng.lognormal(np.log(12), 0.9)))
                cid = f"C{len(rows) + 1:05d}"
                rows.append({"conversation_id": cid, "customer_id": customer, "source": source,
                             "started": started, "first_reply": reply})
                if pd.notna(reply):
                    waited = (reply - started).total_seconds() / 3600
                    if rng.random() < SOURCES[source][1] * np.exp(-waited / 6):
                        value = round(float(rng.lognormal(np.log(280_000), 0.5)), -3)
                        orders.append({"order_id": f"O{len(orders) + 1:05d}", "conversation_id": cid,
                                       "customer_id": customer,
                                       "time": reply + pd.Timedelta(minutes=float(rng.uniform(5, 90))),
                                       "value": value})
    conversations = pd.DataFrame(rows, columns=["conversation_id", "customer_id", "source", "started",
                                                "first_reply"])
    for column in ("started", "first_reply"):
        conversations[column] = conversations[column].astype("datetime64[us]").dt.floor("min")
    order_table = pd.DataFrame(orders, columns=["order_id", "conversation_id", "customer_id", "time", "value"])
    order_table["time"] = order_table["time"].astype("datetime64[us]").dt.floor("min")
    from_ads = int((conversations["source"] == "click-to-WhatsApp ad").sum())
    clicks = from_ads + int(rng.binomial(max(1, 3 * from_ads), 0.5)) + 1  # many clicks never write
    return {"conversations": conversations, "orders": order_table,
            "ad_clicks": pd.DataFrame({"ad": ["click-to-WhatsApp, spring"], "clicks": [clicks]})}


# ----------------------------------------------------------------------------- the staffing queue


#: The queue model's assumptions (the course's own, to state wherever it is used).
QUEUE_ASSUMPTIONS: tuple[str, ...] = (
    "time moves in whole hours; arrivals and replies are averages (a fluid model), not single people",
    "the team answers first come, first served, up to its capacity (first replies per hour) in each hour",
    "of the people still waiting at the end of an hour, a fixed share gives up and never comes back",
    "a bot, where used, takes its share of the arrivals at once; the rest go to the team's queue",
    "an answered conversation orders at a fixed rate, whatever it waited (waiting costs through giving up)",
    "the model covers one day: people still waiting at midnight are not carried over and place no order",
)


def arrivals_profile(per_day: float, shape: Sequence[float] = ARRIVAL_SHAPE) -> np.ndarray:
    """Conversations expected in each hour of a day of ``per_day`` conversations.

    >>> arrivals_profile(100, shape=[1, 3]).tolist()
    [25.0, 75.0]
    """
    total = validate.number("arrivals_profile", "per_day", per_day)
    weights = np.array([validate.number("arrivals_profile", "a share", s) for s in shape])
    if weights.sum() <= 0:
        raise ValueError("arrivals_profile(): the shape must have a positive share somewhere")
    return total * weights / weights.sum()


def capacity_profile(replies_per_hour: float, open_hour: int = 9, close_hour: int = 21,
                     hours: int = 24) -> np.ndarray:
    """The team's capacity (first replies per hour) in each hour: ``replies_per_hour``
    from ``open_hour`` up to (not including) ``close_hour``, 0 otherwise.

    >>> capacity_profile(6, open_hour=1, close_hour=3, hours=4).tolist()
    [0.0, 6.0, 6.0, 0.0]
    """
    rate = validate.number("capacity_profile", "replies_per_hour", replies_per_hour)
    n = validate.whole("capacity_profile", "hours", hours, 1)
    a = validate.whole("capacity_profile", "open_hour", open_hour)
    b = validate.whole("capacity_profile", "close_hour", close_hour)
    if not a <= b <= n:
        raise ValueError(f"capacity_profile(): need open_hour <= close_hour <= {n}, got {a} and {b}")
    profile = np.zeros(n)
    profile[a:b] = rate
    return profile


def simulate_queue(arrivals: Sequence[float], capacity: float | Sequence[float], abandon: float = 0.3,
                   bot_share: float = 0.0, waiting_at_start: float = 0.0) -> pd.DataFrame:
    """The chat queue hour by hour (see :data:`QUEUE_ASSUMPTIONS`).

    In each hour: ``to_bot = arrivals * bot_share``; the team's queue is the
    people still waiting plus the rest of the arrivals; it answers
    ``min(capacity, queue)``; of those left, ``abandon`` give up; the others
    wait into the next hour.

    >>> simulate_queue([10, 10, 0], capacity=6, abandon=0.5)[["answered", "abandoned", "waiting_end"]]
          answered  abandoned  waiting_end
    hour
    0          6.0        2.0          2.0
    1          6.0        3.0          3.0
    2          3.0        0.0          0.0
    """
    arr = np.array([validate.number("simulate_queue", "arrivals", a) for a in arrivals], dtype=float)
    if not len(arr):
        raise ValueError("simulate_queue(): no hours given; pass the arrivals of each hour, e.g. [10, 12, 8]")
    if np.ndim(capacity) == 0:
        cap = np.full(len(arr), validate.number("simulate_queue", "capacity", capacity))
    else:
        cap = np.array([validate.number("simulate_queue", "capacity", c) for c in capacity], dtype=float)
        if len(cap) != len(arr):
            raise ValueError(f"simulate_queue(): {len(cap)} capacities for {len(arr)} hours; give one per hour "
                             "or a single number")
    give_up = validate.number("simulate_queue", "abandon", abandon, fraction=True)
    bot = validate.number("simulate_queue", "bot_share", bot_share, fraction=True)
    waiting = validate.number("simulate_queue", "waiting_at_start", waiting_at_start)
    rows = []
    for hour, (a, c) in enumerate(zip(arr, cap, strict=True)):
        to_bot = a * bot
        queue = waiting + a - to_bot
        answered = min(c, queue)
        left = queue - answered
        abandoned = left * give_up
        rows.append({"hour": hour, "arrivals": a, "to_bot": to_bot, "waiting_start": waiting, "answered": answered,
                     "abandoned": abandoned, "waiting_end": left - abandoned})
        waiting = left - abandoned
    return pd.DataFrame(rows).set_index("hour").round(10)


@dataclass(frozen=True)
class QueueResult:
    """A day of the queue in numbers: conversations handled, lost and left, orders and revenue."""

    arrivals: float
    answered_by_team: float
    handled_by_bot: float
    abandoned: float
    still_waiting: float
    orders: float
    revenue: float

    def text(self) -> str:
        """One plain sentence."""
        return (f"Of {self.arrivals:,.0f} conversations, the team answered {self.answered_by_team:,.0f}, the bot "
                f"{self.handled_by_bot:,.0f}; {self.abandoned:,.0f} gave up and {self.still_waiting:,.0f} are "
                f"still waiting. About {self.orders:,.1f} orders, {self.revenue:,.0f} so'm.")


def queue_summary(table: pd.DataFrame, order_rate: float = 0.22, bot_order_rate: float = 0.15,
                  average_order: float = 280_000) -> QueueResult:
    """Orders and revenue of a :func:`simulate_queue` day.

    >>> t = simulate_queue([10, 10, 0], capacity=6, abandon=0.5)
    >>> queue_summary(t, order_rate=0.2, bot_order_rate=0.1, average_order=100).orders   # 15 answered x 0.2
    3.0
    """
    team = validate.number("queue_summary", "order_rate", order_rate, fraction=True)
    bot = validate.number("queue_summary", "bot_order_rate", bot_order_rate, fraction=True)
    value = validate.number("queue_summary", "average_order", average_order)
    orders = float(table["answered"].sum()) * team + float(table["to_bot"].sum()) * bot
    return QueueResult(arrivals=float(table["arrivals"].sum()), answered_by_team=float(table["answered"].sum()),
                       handled_by_bot=float(table["to_bot"].sum()), abandoned=float(table["abandoned"].sum()),
                       still_waiting=float(table["waiting_end"].iloc[-1]), orders=round(orders, 10),
                       revenue=round(orders * value, 4))


def compare_options(arrivals: Sequence[float], options: Mapping[str, Mapping[str, object]], *,
                    abandon: float = 0.3, order_rate: float = 0.22, bot_order_rate: float = 0.15,
                    average_order: float = 280_000, margin: float = 0.3) -> pd.DataFrame:
    """Compare staffing plans for one day's arrivals.

    Each option maps to ``capacity`` (a number or 24 per-hour values),
    ``bot_share`` (default 0) and ``cost`` (the day's cost of the plan, so'm).
    The result has the orders, revenue, the gross margin (``revenue * margin``)
    and ``margin_after_cost``, one row per option.

    >>> t = compare_options([10, 10, 0], {"one": {"capacity": 6, "cost": 0},
    ...                                   "two": {"capacity": 12, "cost": 50}},
    ...                     abandon=0.5, order_rate=0.2, average_order=100, margin=0.5)
    >>> t[["orders", "margin_after_cost"]]
           orders  margin_after_cost
    option
    one       3.0              150.0
    two       4.0              150.0
    """
    share = validate.number("compare_options", "margin", margin, fraction=True)
    rows = {}
    for name, plan in options.items():
        if "capacity" not in plan or "cost" not in plan:
            raise ValueError(f"compare_options(): option {name!r} needs 'capacity' and 'cost' (and may give "
                             "'bot_share')")
        table = simulate_queue(arrivals, plan["capacity"], abandon=abandon, bot_share=plan.get("bot_share", 0.0))
        result = queue_summary(table, order_rate, bot_order_rate, average_order)
        cost = validate.number("compare_options", f"cost of {name!r}", plan["cost"])
        rows[name] = {"answered": result.answered_by_team, "by_bot": result.handled_by_bot,
                      "abandoned": result.abandoned, "orders": result.orders, "revenue": result.revenue,
                      "cost": cost, "margin_after_cost": round(result.revenue * share - cost, 4)}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "option"
    return table


# ----------------------------------------------------------------------------- charts


def funnel_stages_figure(funnel: pd.DataFrame, title: str = "Click-to-message funnel (simulated shop)") -> go.Figure:
    """Bars of each stage's count (from :func:`messaging_funnel`), with the share kept at each step."""
    labels = [f"{r:.0%} of the step before" if pd.notna(r) else "" for r in funnel["step_rate"]]
    fig = go.Figure(go.Bar(x=funnel.index, y=funnel["count"], text=labels, textposition="outside",
                           marker_color=OKABE_ITO[4]))
    fig.update_layout(title=title, xaxis_title="Stage", yaxis_title="People (count)", height=380)
    return fig


def wait_figure(table: pd.DataFrame, title: str = "Order rate by time to first reply (simulated shop: the "
                                                  "generator's own assumption)") -> go.Figure:
    """Order rate by first-reply bucket (from :func:`orders_by_wait`)."""
    fig = go.Figure(go.Bar(x=table.index, y=100 * table["order_rate"], marker_color=OKABE_ITO[0],
                           customdata=table["conversations"],
                           hovertemplate="%{x}: %{y:.0f}% of %{customdata} conversations ordered<extra></extra>"))
    fig.update_layout(title=title, xaxis_title="Time to first reply",
                      yaxis_title="Conversations that ordered (%)", height=380)
    return fig


def queue_figure(table: pd.DataFrame, title: str = "The chat queue hour by hour (course's model)") -> go.Figure:
    """Answered, handled by the bot and abandoned per hour (stacked), with those still waiting as a line."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=table.index, y=table["answered"], name="answered by the team", marker_color=OKABE_ITO[2]))
    fig.add_trace(go.Bar(x=table.index, y=table["to_bot"], name="handled by the bot", marker_color=OKABE_ITO[4]))
    fig.add_trace(go.Bar(x=table.index, y=table["abandoned"], name="gave up", marker_color=OKABE_ITO[5]))
    fig.add_trace(go.Scatter(x=table.index, y=table["waiting_end"], name="still waiting", mode="lines+markers",
                             line={"color": OKABE_ITO[7] if len(OKABE_ITO) > 7 else "black", "dash": "dot"}))
    fig.update_layout(title=title, barmode="stack", xaxis_title="Hour of the day",
                      yaxis_title="Conversations", height=400, legend_title_text="")
    return fig
