"""The formulas of the Metrics chapter, vectorised.

Every numeric function accepts plain numbers (``int``, ``float``, numpy scalars),
numpy arrays, lists of numbers or pandas Series, and returns the same kind:

- numbers in -> a ``float`` out;
- any pandas Series in -> a float Series out, with the Series' index and the
  function's name as its name (so ``df.assign(ctr=ctr(df.clicks, df.impressions))``
  lines up row by row);
- numpy arrays or lists in -> a float numpy array out.

Rates are **fractions** (0.05 means 5 %). Shared rules:

- division by zero gives ``NaN`` ("not defined"), silently -- no RuntimeWarning;
- ``NaN`` in the input is missing data and gives ``NaN`` in the output;
- a negative count or amount raises ``ValueError`` naming the argument and the row;
- anything that is not a number (text, ``None``, dates, ``True``/``False``) raises
  ``TypeError``.

Functions
---------
Reach and engagement
    :func:`engagement_rate`, :func:`frequency`, :func:`virality_rate`,
    :func:`conversation_rate`, :func:`amplification_rate`, :func:`applause_rate`,
    :func:`follower_growth_rate`, :func:`adjusted_video_reach`
Clicks and money
    :func:`ctr`, :func:`conversion_rate`, :func:`cpm`, :func:`cpc`, :func:`cpa`,
    :func:`cpl`, :func:`roas`, :func:`roi`
Sentiment
    :func:`sentiment_shares`, :func:`net_sentiment`, :func:`negative_share_status`
Small numbers
    :func:`wilson_lower_bound`
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from . import validate

__all__ = [
    "SENTIMENT_LABELS",
    "STATUS_ABOVE",
    "STATUS_BELOW",
    "STATUS_NO_DATA",
    "STATUS_WITHIN",
    "adjusted_video_reach",
    "amplification_rate",
    "applause_rate",
    "conversation_rate",
    "conversion_rate",
    "cpa",
    "cpc",
    "cpl",
    "cpm",
    "ctr",
    "engagement_rate",
    "follower_growth_rate",
    "frequency",
    "negative_share_status",
    "net_sentiment",
    "roas",
    "roi",
    "sentiment_shares",
    "virality_rate",
    "wilson_lower_bound",
]

#: What the numeric functions accept: a number, a numpy array, a list of numbers or a Series.
Numeric = float | int | np.number | np.ndarray | pd.Series | list | tuple

#: The sentiment labels, in the order :func:`sentiment_shares` reports them.
SENTIMENT_LABELS: tuple[str, ...] = ("positive", "negative", "neutral")

#: :func:`negative_share_status` labels.
STATUS_BELOW = "below band"
STATUS_WITHIN = "within band"
STATUS_ABOVE = "above band: alert"
STATUS_NO_DATA = "no data"


# --------------------------------------------------------------------------- #
# Validation: one helper used by every numeric function                       #
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class _Prepared:
    """Validated inputs as float arrays, plus what is needed to return the input's kind."""

    values: tuple[np.ndarray, ...]
    index: pd.Index | None  # set when at least one input was a Series
    is_array: bool  # at least one input was an array or a list

    def wrap(self, result: np.ndarray, name: str) -> float | np.ndarray | pd.Series:
        """Return ``result`` as the kind the caller passed in."""
        if self.index is not None:
            return pd.Series(np.asarray(result, dtype=float), index=self.index, name=name)
        if self.is_array:
            return np.asarray(result, dtype=float)
        return float(result)


def _describe(value: object) -> str:
    """A short, plain description of a value for error messages: ``str '12'``."""
    if value is None:
        return "None"
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(value).__name__} {text}"


def _is_number(value: object) -> bool:
    """True for real numbers (int, float, numpy ints/floats), False for bool and the rest."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _where(index: pd.Index | None, shape: tuple[int, ...], flat_position: int) -> str:
    """Say where a bad value sits: `` at index 7`` (Series label) or `` at position 3``."""
    if not shape:
        return ""
    if index is not None:
        label = index[flat_position]
        if isinstance(label, np.generic):  # np.int64(7) -> 7
            label = label.item()
        return f" at index {label!r}"
    position = np.unravel_index(flat_position, shape)
    return f" at position {position[0] if len(position) == 1 else tuple(int(p) for p in position)}"


def _to_float_array(func: str, name: str, value: object) -> tuple[np.ndarray, pd.Index | None, bool]:
    """Convert one argument to a float array; raise TypeError for anything non-numeric."""
    wanted = f"{func}(): {name} must be a number or a numeric pandas Series"
    if _is_number(value):
        return np.asarray(float(value)), None, False
    if value is pd.NA:
        return np.asarray(np.nan), None, False
    if isinstance(value, pd.Series):
        dtype = value.dtype
        if (
            pd.api.types.is_bool_dtype(dtype)
            or not pd.api.types.is_numeric_dtype(dtype)
            or pd.api.types.is_complex_dtype(dtype)
        ):
            raise TypeError(
                f"{wanted}, got a Series of dtype {dtype}; convert it first, e.g. "
                f"pd.to_numeric(series, errors='coerce') (unparseable entries become NaN)"
            )
        return value.to_numpy(dtype=float, na_value=np.nan), value.index, False
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iuf":
            raise TypeError(
                f"{wanted}, got a numpy array of dtype {value.dtype}; "
                f"convert it with array.astype(float)"
            )
        return value.astype(float, copy=False), None, True
    if isinstance(value, (list, tuple)):
        for item in value:
            if not (_is_number(item) or item is pd.NA):
                raise TypeError(
                    f"{wanted}, got {type(value).__name__} containing {_describe(item)}; "
                    f"pass numbers only (use float('nan') for a missing value)"
                )
        items = [np.nan if item is pd.NA else float(item) for item in value]
        return np.asarray(items, dtype=float), None, True
    raise TypeError(f"{wanted}, got {_describe(value)}")


def _prepare(func: str, fractions: tuple[str, ...] = (), **arguments: object) -> _Prepared:
    """Validate the arguments of ``func`` and broadcast them to one shape.

    Checks, in order: type (TypeError), then for every value that is not NaN:
    not negative, finite, and at most 1 for the names in ``fractions`` (ValueError).
    Series must share one index (ValueError otherwise), arrays must broadcast.
    """
    arrays: list[np.ndarray] = []
    index: pd.Index | None = None
    index_owner = ""
    is_array = False
    for name, value in arguments.items():
        array, own_index, own_is_array = _to_float_array(func, name, value)
        is_array = is_array or own_is_array
        if own_index is not None:
            if index is None:
                index, index_owner = own_index, name
            elif not own_index.equals(index):
                raise ValueError(
                    f"{func}(): {index_owner} and {name} are Series with different indexes; "
                    f"take both columns from one DataFrame or align them first "
                    f"({index_owner}, {name} = {index_owner}.align({name}))"
                )
        problems = (
            (array < 0, "must not be negative"),
            (np.isinf(array), "must be finite"),
        )
        if name in fractions:
            problems += ((array > 1, "must be a fraction in [0, 1] (0.2 means 20 %)"),)
        for mask, message in problems:
            if mask.any():
                flat = int(np.flatnonzero(mask)[0])
                bad = array.reshape(-1)[flat]
                raise ValueError(
                    f"{func}(): {name} {message}; got {bad:g}"
                    f"{_where(own_index, array.shape, flat)}"
                )
        arrays.append(array)
    try:
        broadcast = np.broadcast_arrays(*arrays)
    except ValueError:
        shapes = ", ".join(f"{n} {a.shape}" for n, a in zip(arguments, arrays, strict=True))
        raise ValueError(
            f"{func}(): the arguments have different lengths ({shapes}); "
            f"pass columns of the same table, or a single number for one of them"
        ) from None
    if index is not None and broadcast[0].shape != (len(index),):
        raise ValueError(
            f"{func}(): a numpy array of shape {broadcast[0].shape} does not match the "
            f"Series of length {len(index)}; pass columns of the same table"
        )
    return _Prepared(tuple(broadcast), index, is_array)


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator`` with NaN (not inf, and no warning) where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.true_divide(numerator, denominator)
    return np.where(denominator == 0, np.nan, result)


def _ratio(func: str, num_name: str, numerator: object, den_name: str, denominator: object,
           scale: float = 1.0) -> float | np.ndarray | pd.Series:
    """The common case ``scale * numerator / denominator`` with validation and NaN for /0."""
    prepared = _prepare(func, **{num_name: numerator, den_name: denominator})
    num, den = prepared.values
    return prepared.wrap(_divide(num, den) * scale, func)


# --------------------------------------------------------------------------- #
# Reach and engagement                                                        #
# --------------------------------------------------------------------------- #


def engagement_rate(engagements: Numeric, base: Numeric) -> float | np.ndarray | pd.Series:
    """Engagement rate = engagements / base.

    ``engagements`` is the sum of the actions you count (likes + comments +
    shares, ...). The ``base`` decides what the rate means, so always say which
    one you used: **reach** (share of people who saw the post and acted),
    **impressions** (actions per view) or **followers** (compares pages of
    different size, but counts followers who never saw the post). A zero base
    gives NaN.

    >>> engagement_rate(45, 1500)       # 45 / 1500
    0.03
    >>> engagement_rate(pd.Series([10, 0], index=["a", "b"]), pd.Series([200, 0], index=["a", "b"]))
    a    0.05
    b     NaN
    Name: engagement_rate, dtype: float64
    """
    return _ratio("engagement_rate", "engagements", engagements, "base", base)


def frequency(impressions: Numeric, reach: Numeric) -> float | np.ndarray | pd.Series:
    """Frequency = impressions / reach: how many times, on average, each reached person saw it.

    Reach counts unique people, impressions count every view, so frequency is
    normally >= 1. A value below 1 means the data is inconsistent (check it).

    >>> frequency(3000, 1200)           # 3000 / 1200
    2.5
    """
    return _ratio("frequency", "impressions", impressions, "reach", reach)


def virality_rate(shares: Numeric, impressions: Numeric) -> float | np.ndarray | pd.Series:
    """Virality rate = shares / impressions: how often a view turned into a share.

    >>> virality_rate(12, 4000)         # 12 / 4000
    0.003
    """
    return _ratio("virality_rate", "shares", shares, "impressions", impressions)



#: Kaushik's three rates are averages per post, not shares of an audience.
_KAUSHIK_NOTE = """
    Avinash Kaushik (2011) defined conversation, amplification and applause
    rates **per post**: the number of actions divided by the number of posts,
    i.e. how many of them an average post gets. It is a count per post, not a
    fraction of people. Dividing by followers or reach gives a different
    number (comments per follower, comments per person reached); name those
    for what they are. *Conversation* rate (comments per post) has nothing to
    do with *conversion* rate (results per click, :func:`conversion_rate`).
"""


def conversation_rate(comments: Numeric, posts: Numeric) -> float | np.ndarray | pd.Series:
    """Conversation rate = comments / posts: the comments an average post gets (Kaushik).
    {note}
    >>> conversation_rate(120, 40)      # 120 comments on 40 posts: 3 per post
    3.0
    """
    return _ratio("conversation_rate", "comments", comments, "posts", posts)


def amplification_rate(shares: Numeric, posts: Numeric) -> float | np.ndarray | pd.Series:
    """Amplification rate = shares / posts: the shares (reposts) an average post gets (Kaushik).
    {note}
    >>> amplification_rate(30, 40)      # 30 shares on 40 posts
    0.75
    """
    return _ratio("amplification_rate", "shares", shares, "posts", posts)


def applause_rate(likes: Numeric, posts: Numeric) -> float | np.ndarray | pd.Series:
    """Applause rate = likes / posts: the likes (approvals) an average post gets (Kaushik).
    {note}
    >>> applause_rate(1500, 40)         # 1500 likes on 40 posts
    37.5
    """
    return _ratio("applause_rate", "likes", likes, "posts", posts)


for _f in (conversation_rate, amplification_rate, applause_rate):
    _f.__doc__ = _f.__doc__.replace("{note}", _KAUSHIK_NOTE)
del _f


def follower_growth_rate(start: Numeric, end: Numeric) -> float | np.ndarray | pd.Series:
    """Follower growth rate = (end - start) / start, over the period you choose.

    Negative when the page lost followers. A start of 0 gives NaN.

    >>> follower_growth_rate(2000, 2150)    # (2150 - 2000) / 2000
    0.075
    >>> follower_growth_rate(2000, 1900)    # (1900 - 2000) / 2000
    -0.05
    """
    prepared = _prepare("follower_growth_rate", start=start, end=end)
    first, last = prepared.values
    return prepared.wrap(_divide(last - first, first), "follower_growth_rate")


def adjusted_video_reach(views: Numeric, repeat_share: Numeric) -> float | np.ndarray | pd.Series:
    """Adjusted video reach = views * (1 - repeat_share): views minus repeat visits.

    Video platforms count every view, including the same person watching
    again. Source 003 suggests discounting 10-30 % for repeat views (a
    practitioners' rule of thumb); ``repeat_share`` is that fraction and must
    be within [0, 1] (pass 0.2 for 20 %), otherwise ValueError.

    >>> adjusted_video_reach(10_000, 0.2)   # 10000 * (1 - 0.2)
    8000.0
    """
    prepared = _prepare(
        "adjusted_video_reach", fractions=("repeat_share",), views=views, repeat_share=repeat_share
    )
    count, repeat = prepared.values
    return prepared.wrap(count * (1.0 - repeat), "adjusted_video_reach")


# --------------------------------------------------------------------------- #
# Clicks and money                                                            #
# --------------------------------------------------------------------------- #


def ctr(clicks: Numeric, impressions: Numeric) -> float | np.ndarray | pd.Series:
    """Click-through rate = clicks / impressions.

    >>> ctr(45, 1500)                   # 45 / 1500
    0.03
    >>> ctr(3, 0)                       # no impressions: not defined
    nan
    """
    return _ratio("ctr", "clicks", clicks, "impressions", impressions)


def conversion_rate(conversions: Numeric, clicks: Numeric) -> float | np.ndarray | pd.Series:
    """Conversion rate = conversions / clicks: the share of clicks that became a sale, lead, ...

    Clicks are not sales: a high CTR with a low conversion rate is a landing-page problem.

    >>> conversion_rate(6, 120)         # 6 / 120
    0.05
    """
    return _ratio("conversion_rate", "conversions", conversions, "clicks", clicks)


def cpm(spend: Numeric, impressions: Numeric) -> float | np.ndarray | pd.Series:
    """Cost per mille = spend / impressions * 1000: the price of a thousand impressions.

    >>> cpm(50, 20_000)                 # 50 / 20000 * 1000
    2.5
    """
    return _ratio("cpm", "spend", spend, "impressions", impressions, scale=1000.0)


def cpc(spend: Numeric, clicks: Numeric) -> float | np.ndarray | pd.Series:
    """Cost per click = spend / clicks.

    >>> cpc(50, 200)                    # 50 / 200
    0.25
    """
    return _ratio("cpc", "spend", spend, "clicks", clicks)


def cpa(spend: Numeric, actions: Numeric) -> float | np.ndarray | pd.Series:
    """Cost per action (cost per result) = spend / actions.

    The "action" is whatever the campaign was bought for: a purchase, a sign-up, a lead.

    >>> cpa(300, 12)                    # 300 / 12
    25.0
    """
    return _ratio("cpa", "spend", spend, "actions", actions)


def cpl(spend: Numeric, leads: Numeric) -> float | np.ndarray | pd.Series:
    """Cost per lead = spend / leads: :func:`cpa` where the action is a lead.

    >>> cpl(300, 40)                    # 300 / 40
    7.5
    """
    return _ratio("cpl", "spend", spend, "leads", leads)


def roas(revenue: Numeric, ad_spend: Numeric) -> float | np.ndarray | pd.Series:
    """Return on ad spend = revenue / ad_spend (a ratio: 4.0 means 4 of revenue per 1 spent).

    ROAS looks at revenue only; :func:`roi` subtracts the cost.

    >>> roas(2000, 500)                 # 2000 / 500
    4.0
    """
    return _ratio("roas", "revenue", revenue, "ad_spend", ad_spend)


def roi(revenue: Numeric, cost: Numeric) -> float | np.ndarray | pd.Series:
    """Return on investment = (revenue - cost) / cost; negative means a loss.

    Use the full cost (ads, people, tools, content), not only the ad spend.

    >>> roi(2000, 500)                  # (2000 - 500) / 500
    3.0
    >>> roi(400, 500)                   # (400 - 500) / 500
    -0.2
    """
    prepared = _prepare("roi", revenue=revenue, cost=cost)
    income, spent = prepared.values
    return prepared.wrap(_divide(income - spent, spent), "roi")


# --------------------------------------------------------------------------- #
# Sentiment                                                                   #
# --------------------------------------------------------------------------- #


def _sentiment_counts(func: str, labels: Iterable[str] | pd.Series) -> pd.Series:
    """Count the labels per sentiment (case-insensitive), validating each label."""
    if not isinstance(labels, pd.Series):
        labels = validate.items(func, "labels", labels,
                                what="a list or pandas Series of labels such as ['positive', 'neutral']")
    counts = dict.fromkeys(SENTIMENT_LABELS, 0)
    located = labels.items() if isinstance(labels, pd.Series) else enumerate(labels)
    where = "index" if isinstance(labels, pd.Series) else "position"
    for position, label in located:
        if not isinstance(label, str):
            raise TypeError(
                f"{func}(): every label must be a string, got {_describe(label)} at {where} "
                f"{position!r}; drop missing labels first (e.g. labels.dropna())"
            )
        key = label.strip().lower()
        if key not in counts:
            raise ValueError(
                f"{func}(): unknown sentiment label {label!r} at {where} {position!r}; "
                f"allowed values: {', '.join(SENTIMENT_LABELS)} (any letter case)"
            )
        counts[key] += 1
    return pd.Series(counts, dtype=float)


def sentiment_shares(labels: Iterable[str] | pd.Series) -> pd.Series:
    """Share of positive, negative and neutral mentions = count of each / all mentions.

    Returns a Series indexed ``["positive", "negative", "neutral"]`` (always
    all three) whose values sum to 1. Labels are case-insensitive and may have
    surrounding spaces; any other label raises ValueError, a non-string label
    (including a missing value) raises TypeError. No labels gives three NaN.

    >>> sentiment_shares(["positive", "Negative", "neutral", "neutral"])
    sentiment
    positive    0.25
    negative    0.25
    neutral     0.50
    Name: share, dtype: float64
    """
    counts = _sentiment_counts("sentiment_shares", labels)
    total = counts.sum()
    shares = counts / total if total > 0 else counts * np.nan
    shares.index.name = "sentiment"
    shares.name = "share"
    return shares


def net_sentiment(labels: Iterable[str] | pd.Series) -> float:
    """Net sentiment = (positive - negative) / all mentions, from -1 (all negative) to 1.

    Neutral mentions count in the total, so they pull the score towards 0.
    No labels gives NaN.

    >>> net_sentiment(["positive", "positive", "negative", "neutral"])   # (2 - 1) / 4
    0.25
    """
    counts = _sentiment_counts("net_sentiment", labels)
    total = counts.sum()
    if total == 0:
        return float("nan")
    return float((counts["positive"] - counts["negative"]) / total)


def negative_share_status(share: Numeric, low: float = 0.15, high: float = 0.25) -> str | np.ndarray | pd.Series:
    """Compare the share of negative mentions with an acceptable band [low, high].

    Source 003 calls 15-25 % negative mentions acceptable and reads more as a
    sign of serious bad news or a worsening attitude (a practitioners' rule of
    thumb, not a law). Returns one of the module constants:

    - :data:`STATUS_BELOW` ``"below band"`` -- share < low (fine, or suspiciously few
      complaints: is anyone deleting them?);
    - :data:`STATUS_WITHIN` ``"within band"`` -- low <= share <= high;
    - :data:`STATUS_ABOVE` ``"above band: alert"`` -- share > high;
    - :data:`STATUS_NO_DATA` ``"no data"`` -- share is NaN.

    A number gives a ``str``; a Series gives a Series of ``str`` with the same
    index; an array gives an array. ``share`` is a fraction in [0, 1] (0.2, not 20).

    >>> negative_share_status(0.30)
    'above band: alert'
    >>> negative_share_status(pd.Series([0.10, 0.20, float("nan")]))
    0     below band
    1    within band
    2        no data
    Name: negative_share_status, dtype: ...
    """
    func = "negative_share_status"
    for name, bound in (("low", low), ("high", high)):
        validate.number(func, name, bound, fraction=True)
    if low > high:
        raise ValueError(f"{func}(): low must not exceed high; got low={low:g}, high={high:g}")
    prepared = _prepare(func, fractions=("share",), share=share)
    (values,) = prepared.values
    statuses = np.select(
        [np.isnan(values), values < low, values > high],
        [STATUS_NO_DATA, STATUS_BELOW, STATUS_ABOVE],
        default=STATUS_WITHIN,
    ).astype(object)
    if prepared.index is not None:
        return pd.Series(list(statuses), index=prepared.index, name=func)
    if prepared.is_array:
        return statuses
    return str(statuses.item())


# --------------------------------------------------------------------------- #
# Small numbers                                                               #
# --------------------------------------------------------------------------- #


def wilson_lower_bound(successes: Numeric, trials: Numeric, confidence: float = 0.95) -> float | np.ndarray | pd.Series:
    """Lower bound of the Wilson score interval for a rate successes / trials.

    A cautious estimate of the true rate: with few trials the bound sits far
    below the raw rate, with many trials close to it. Ranking by it stops a
    post with 1 click out of 1 view (raw 100 %) from beating one with 90 out
    of 100 (raw 90 %). With p = successes / trials, n = trials and z the
    standard normal quantile for ``confidence`` (1.96 for 0.95)::

        lower = (p + z²/(2n) - z * sqrt(p(1-p)/n + z²/(4n²))) / (1 + z²/n)

    ``trials`` = 0 gives NaN; ``successes`` > ``trials`` raises ValueError.

    >>> round(wilson_lower_bound(1, 1), 4)      # raw rate 1.0
    0.2065
    >>> round(wilson_lower_bound(90, 100), 4)   # raw rate 0.9, ranked higher
    0.8256
    """
    func = "wilson_lower_bound"
    validate.number(func, "confidence (a fraction such as 0.95)", confidence, positive=True, below=1)
    prepared = _prepare(func, successes=successes, trials=trials)
    wins, n = prepared.values
    with np.errstate(invalid="ignore"):
        too_many = wins > n
    if too_many.any():
        flat = int(np.flatnonzero(too_many)[0])
        raise ValueError(
            f"{func}(): successes must not exceed trials; got {wins.reshape(-1)[flat]:g} > "
            f"{n.reshape(-1)[flat]:g}{_where(prepared.index, wins.shape, flat)}"
        )
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    z2 = z * z
    p = _divide(wins, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = p + z2 / (2 * n)
        margin = z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
        lower = (centre - margin) / (1 + z2 / n)
    # p = 0 has an exact lower bound of 0 (the formula leaves a 1e-17 rounding residue)
    lower = np.where(wins == 0, 0.0, np.clip(lower, 0.0, 1.0))
    lower = np.where(n == 0, np.nan, lower)
    return prepared.wrap(lower, func)
