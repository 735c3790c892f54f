"""Reusable analysis steps of the Metrics chapter: data-quality checks,
per-group summaries with uncertainty, and small-number rankings.

Data quality (check before you trust a table)
    :func:`missing_values`, :func:`duplicate_rows`, :func:`impressions_below_reach`,
    :func:`total_mismatches`, :func:`quality_report`
Groups with honest uncertainty
    :func:`bootstrap_ci`, :func:`group_summary`, :func:`compare_to_rest`,
    :func:`compare_measures_to_rest`, :func:`engagement_variants`
Small numbers and monitoring
    :func:`rank_by_lower_bound`, :func:`weekly_sentiment`, :func:`follower_growth_summary`
Display
    :func:`percent_table`

Randomness (the bootstrap) always comes from a seeded ``numpy`` Generator, so the
same call gives the same interval every time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import metrics, validate

__all__ = [
    "STATISTICS",
    "bootstrap_ci",
    "compare_measures_to_rest",
    "compare_to_rest",
    "duplicate_rows",
    "engagement_variants",
    "follower_growth_summary",
    "group_summary",
    "impressions_below_reach",
    "missing_values",
    "percent_table",
    "quality_report",
    "rank_by_lower_bound",
    "total_mismatches",
    "weekly_sentiment",
]

#: Statistics the summaries accept, by name.
STATISTICS = {"median": np.median, "mean": np.mean}

# --------------------------------------------------------------------------- #
# Validation helpers                                                          #
# --------------------------------------------------------------------------- #


def _check_frame(func: str, df: object) -> pd.DataFrame:
    return validate.instance(func, "df", df, pd.DataFrame, "a pandas DataFrame")


def _check_columns(func: str, df: pd.DataFrame, *columns: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(
            f"{func}(): column(s) {missing} not in the table; its columns are "
            f"{list(df.columns)} (pass the right name as an argument)"
        )


def _values(func: str, df: pd.DataFrame, value: str | pd.Series) -> pd.Series:
    """A numeric float Series aligned with ``df``: a column name or a Series on df's index."""
    validate.instance(func, "value", value, (str, pd.Series), "a column name or a pandas Series")
    if isinstance(value, str):
        _check_columns(func, df, value)
        series = df[value]
    else:
        if not value.index.equals(df.index):
            raise ValueError(
                f"{func}(): the value Series must have the same index as df; compute it from "
                f"df's columns (e.g. df['engaged_users'] / df['reach'])"
            )
        series = value
    if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
        raise TypeError(
            f"{func}(): the values must be numeric, got dtype {series.dtype}; convert them with "
            f"pd.to_numeric(..., errors='coerce')"
        )
    return series.astype("float64")


def _statistic(func: str, statistic: str):
    return STATISTICS[validate.choice(func, "statistic", statistic, sorted(STATISTICS))]


def _check_confidence(func: str, confidence: float, n_boot: int) -> None:
    validate.number(func, "confidence (a fraction such as 0.95)", confidence, positive=True, below=1)
    validate.whole(func, "n_boot", n_boot, 100)


# --------------------------------------------------------------------------- #
# Data quality                                                                #
# --------------------------------------------------------------------------- #


def missing_values(df: pd.DataFrame) -> pd.Series:
    """Number of missing cells per column, only for columns that have any.

    >>> missing_values(pd.DataFrame({"a": [1, None, None], "b": [1, 2, 3]}))
    a    2
    Name: missing, dtype: int64
    """
    df = _check_frame("missing_values", df)
    counts = df.isna().sum()
    counts = counts[counts > 0].astype("int64")
    counts.name = "missing"
    return counts


def duplicate_rows(df: pd.DataFrame, subset: Sequence[str] | None = None) -> pd.DataFrame:
    """Every row that has an identical twin (all copies are returned, not only the extras).

    ``subset`` limits the comparison to some columns (e.g. an ID column).

    >>> duplicate_rows(pd.DataFrame({"a": [1, 1, 2], "b": [5, 5, 6]})).index.tolist()
    [0, 1]
    """
    df = _check_frame("duplicate_rows", df)
    if subset is not None:
        _check_columns("duplicate_rows", df, *subset)
    return df[df.duplicated(subset=subset, keep=False)]


def impressions_below_reach(
    df: pd.DataFrame, impressions: str = "impressions", reach: str = "reach"
) -> pd.DataFrame:
    """Rows where impressions < reach, which cannot happen if the data is consistent.

    Reach counts unique people and impressions count every view, so every
    reached person adds at least one impression (frequency >= 1).

    >>> table = pd.DataFrame({"reach": [100, 500], "impressions": [150, 400]})
    >>> impressions_below_reach(table).index.tolist()
    [1]
    """
    df = _check_frame("impressions_below_reach", df)
    _check_columns("impressions_below_reach", df, impressions, reach)
    below = (df[impressions] < df[reach]).fillna(False).astype(bool)
    return df[below]


def total_mismatches(
    df: pd.DataFrame,
    total: str = "total_interactions",
    parts: Sequence[str] = ("comments", "likes", "shares"),
) -> pd.DataFrame:
    """Rows where ``total`` differs from the sum of ``parts``, among rows where every part is known.

    Rows with a missing part cannot be checked; :func:`quality_report` counts them separately.

    >>> table = pd.DataFrame({"comments": [1, 2], "likes": [10, 20], "shares": [0, 3],
    ...                       "total_interactions": [11, 20]})
    >>> total_mismatches(table).index.tolist()      # 2 + 20 + 3 = 25, not 20
    [1]
    """
    df = _check_frame("total_mismatches", df)
    _check_columns("total_mismatches", df, total, *parts)
    known = df[list(parts)].notna().all(axis=1)
    summed = df[list(parts)].astype("float64").sum(axis=1)
    differs = known & (summed != df[total].astype("float64"))
    return df[differs]


def quality_report(
    df: pd.DataFrame,
    impressions: str = "impressions",
    reach: str = "reach",
    total: str = "total_interactions",
    parts: Sequence[str] = ("comments", "likes", "shares"),
) -> pd.DataFrame:
    """Run every data-quality check that the table's columns allow, one row per check.

    Columns of the result: ``check`` (what was tested), ``rows`` (how many rows
    fail it) and ``status`` ("ok", "problem" or "cannot check"). Checks whose
    columns are absent are skipped.

    >>> table = pd.DataFrame({"reach": [100, 500], "impressions": [150, 400]})
    >>> quality_report(table)[["check", "rows", "status"]].values.tolist()
    [['missing values (any column)', 0, 'ok'], ['exact duplicate rows', 0, 'ok'], ['impressions below reach', 1, 'problem']]
    """
    df = _check_frame("quality_report", df)
    records: list[dict[str, object]] = []

    def add(check: str, rows: int, status: str | None = None) -> None:
        records.append({"check": check, "rows": int(rows),
                        "status": status or ("ok" if rows == 0 else "problem")})

    missing = missing_values(df)
    if missing.empty:
        add("missing values (any column)", 0)
    for column, count in missing.items():
        add(f"missing values in {column}", count)
    add("exact duplicate rows", len(duplicate_rows(df)))
    if impressions in df.columns and reach in df.columns:
        add("impressions below reach", len(impressions_below_reach(df, impressions, reach)))
    if total in df.columns and all(p in df.columns for p in parts):
        add(f"{total} != {' + '.join(parts)}", len(total_mismatches(df, total, parts)))
        unknown = int(df[list(parts)].isna().any(axis=1).sum())
        if unknown:
            add(f"{total} not checkable (a part is missing)", unknown, "cannot check")
    return pd.DataFrame.from_records(records, columns=["check", "rows", "status"])


# --------------------------------------------------------------------------- #
# Groups with uncertainty                                                     #
# --------------------------------------------------------------------------- #


def _bootstrap_stats(values: np.ndarray, stat, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``stat`` of ``n_boot`` resamples (with replacement) of ``values``."""
    picks = rng.integers(0, len(values), size=(n_boot, len(values)))
    return stat(values[picks], axis=1)


def bootstrap_ci(
    values: Sequence[float] | np.ndarray | pd.Series,
    statistic: str = "median",
    *,
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval for the median (or mean) of ``values``.

    Resample the values with replacement ``n_boot`` times, compute the
    statistic each time, and keep the middle ``confidence`` share of the
    results. Missing values are dropped. With few values the interval is wide,
    which is the point: it shows how much the number could move with other posts.

    >>> bootstrap_ci([5, 5, 5, 5])        # no spread, no uncertainty
    (5.0, 5.0)
    >>> low, high = bootstrap_ci(range(100), "mean", seed=1)
    >>> 40 < low < 49.5 < high < 59
    True
    """
    func = "bootstrap_ci"
    stat = _statistic(func, statistic)
    _check_confidence(func, confidence, n_boot)
    array = pd.Series(values, dtype="float64").dropna().to_numpy()
    if array.size == 0:
        raise ValueError(f"{func}(): no values left after dropping missing ones; nothing to estimate")
    draws = _bootstrap_stats(array, stat, n_boot, np.random.default_rng(seed))
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    return float(low), float(high)


def group_summary(
    df: pd.DataFrame,
    by: str,
    value: str | pd.Series,
    *,
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Per group: number of posts, mean, median and a bootstrap interval for the median.

    ``value`` is a column name or a Series computed from ``df`` (e.g. a rate).
    Rows with a missing value are left out of that group's numbers. Columns:
    ``posts``, ``mean``, ``median``, ``median_low``, ``median_high``, sorted by
    the number of posts (largest group first).

    >>> table = pd.DataFrame({"type": ["a", "a", "a", "b"], "reach": [10, 20, 30, 7]})
    >>> group_summary(table, "type", "reach")[["posts", "mean", "median"]]
          posts  mean  median
    type
    a         3  20.0    20.0
    b         1   7.0     7.0
    """
    func = "group_summary"
    df = _check_frame(func, df)
    _check_columns(func, df, by)
    _check_confidence(func, confidence, n_boot)
    series = _values(func, df, value)
    rows = []
    for offset, (key, group) in enumerate(series.groupby(df[by], sort=True)):
        clean = group.dropna()
        if clean.empty:
            continue
        low, high = bootstrap_ci(clean, "median", confidence=confidence, n_boot=n_boot,
                                 seed=seed + offset)
        rows.append({by: key, "posts": len(clean), "mean": float(clean.mean()),
                     "median": float(clean.median()), "median_low": low, "median_high": high})
    result = pd.DataFrame.from_records(rows).set_index(by)
    return result.sort_values("posts", ascending=False, kind="stable")


def compare_to_rest(
    df: pd.DataFrame,
    by: str,
    group: object,
    value: str | pd.Series,
    *,
    statistic: str = "median",
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.Series:
    """How one group compares with all other rows: ratio of a statistic, with a bootstrap interval.

    ratio = statistic(value in group) / statistic(value in the rest). The
    interval resamples the group and the rest separately. Returns a Series with
    ``group_n``, ``rest_n``, ``group``, ``rest``, ``ratio``, ``ratio_low``, ``ratio_high``.

    >>> table = pd.DataFrame({"type": ["s", "s", "p", "p"], "reach": [20, 20, 10, 10]})
    >>> compare_to_rest(table, "type", "s", "reach")[["group", "rest", "ratio", "ratio_low"]].tolist()
    [20.0, 10.0, 2.0, 2.0]
    """
    func = "compare_to_rest"
    df = _check_frame(func, df)
    _check_columns(func, df, by)
    stat = _statistic(func, statistic)
    _check_confidence(func, confidence, n_boot)
    series = _values(func, df, value)
    in_group = df[by] == group
    if not in_group.any():
        raise ValueError(
            f"{func}(): no row has {by} == {group!r}; values present: "
            f"{sorted(map(str, df[by].dropna().unique()))}"
        )
    inside = series[in_group].dropna().to_numpy()
    outside = series[~in_group].dropna().to_numpy()
    if inside.size == 0 or outside.size == 0:
        raise ValueError(f"{func}(): the group or the rest has no values to compare")
    rng = np.random.default_rng(seed)
    group_draws = _bootstrap_stats(inside, stat, n_boot, rng)
    rest_draws = _bootstrap_stats(outside, stat, n_boot, rng)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(rest_draws == 0, np.nan, group_draws / rest_draws)
    tail = (1 - confidence) / 2 * 100
    if np.isnan(ratios).all():
        low = high = float("nan")
    else:
        low, high = (float(x) for x in np.nanpercentile(ratios, [tail, 100 - tail]))
    group_value, rest_value = float(stat(inside)), float(stat(outside))
    ratio = group_value / rest_value if rest_value != 0 else float("nan")
    return pd.Series({"group_n": float(inside.size), "rest_n": float(outside.size),
                      "group": group_value, "rest": rest_value, "ratio": ratio,
                      "ratio_low": low, "ratio_high": high}, name=str(group))


def compare_measures_to_rest(
    df: pd.DataFrame,
    by: str,
    group: object,
    measures: Mapping[str, str | pd.Series],
    statistics: Sequence[str] = ("median", "mean"),
    *,
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """:func:`compare_to_rest` for several measures and statistics, one row each.

    ``measures`` maps a readable name to a column name or a Series. The result
    has columns ``measure``, ``statistic`` and those of :func:`compare_to_rest`.

    >>> table = pd.DataFrame({"type": ["s", "s", "p", "p"], "a": [2, 4, 1, 2], "b": [1, 1, 1, 1]})
    >>> compare_measures_to_rest(table, "type", "s", {"A": "a", "B": "b"}, ["mean"])[["measure", "ratio"]]
      measure  ratio
    0       A    2.0
    1       B    1.0
    """
    func = "compare_measures_to_rest"
    validate.instance(func, "measures", measures, Mapping, "a dict such as {'reach': 'reach'}")
    validate.items(func, "measures", measures, what="a dict such as {'reach': 'reach'}", empty=False)
    rows = []
    for name, value in measures.items():
        for statistic in statistics:
            result = compare_to_rest(df, by, group, value, statistic=statistic,
                                     confidence=confidence, n_boot=n_boot, seed=seed)
            rows.append({"measure": name, "statistic": statistic, **result.to_dict()})
    table = pd.DataFrame.from_records(rows)
    table[["group_n", "rest_n"]] = table[["group_n", "rest_n"]].astype("int64")
    return table


def engagement_variants(
    df: pd.DataFrame,
    by: str,
    engagements: Sequence[str] = ("likes", "comments", "shares"),
    reach: str = "reach",
    impressions: str = "impressions",
    followers: str = "followers",
) -> pd.DataFrame:
    """Median per-post engagement rate per group, with three different bases.

    For each post, engagements = the sum of the ``engagements`` columns; then
    rate by reach, by impressions and by followers (see
    :func:`smmlib.metrics.engagement_rate`). Per group the median post is
    reported, with the number of posts. The three columns differ a lot: always
    say which base a reported "engagement rate" used.

    >>> table = pd.DataFrame({"platform": ["x", "x"], "likes": [10, 30], "comments": [0, 0],
    ...                       "shares": [0, 0], "reach": [100, 100], "impressions": [200, 200],
    ...                       "followers": [1000, 1000]})
    >>> engagement_variants(table, "platform").round(3).values.tolist()
    [[2.0, 0.2, 0.1, 0.02]]
    """
    func = "engagement_variants"
    df = _check_frame(func, df)
    _check_columns(func, df, by, reach, impressions, followers, *engagements)
    actions = df[list(engagements)].astype("float64").sum(axis=1, min_count=len(engagements))
    rates = pd.DataFrame({
        by: df[by],
        "by_reach": metrics.engagement_rate(actions, df[reach].astype("float64")),
        "by_impressions": metrics.engagement_rate(actions, df[impressions].astype("float64")),
        "by_followers": metrics.engagement_rate(actions, df[followers].astype("float64")),
    })
    grouped = rates.groupby(by, sort=True)
    result = grouped[["by_reach", "by_impressions", "by_followers"]].median()
    result.insert(0, "posts", grouped.size().astype("int64"))
    return result


# --------------------------------------------------------------------------- #
# Small numbers and monitoring                                                #
# --------------------------------------------------------------------------- #


def rank_by_lower_bound(
    df: pd.DataFrame, successes: str, trials: str, confidence: float = 0.95
) -> pd.DataFrame:
    """Sort rows by the Wilson lower bound of successes / trials (best first).

    Adds ``rate`` (the raw fraction) and ``lower_bound``
    (:func:`smmlib.metrics.wilson_lower_bound`). A row with few trials needs a
    much higher raw rate to rank high, so lucky tiny posts stop topping the list.

    >>> table = pd.DataFrame({"post": ["tiny", "big"], "shares": [1, 90], "reach": [1, 100]})
    >>> rank_by_lower_bound(table, "shares", "reach")["post"].tolist()
    ['big', 'tiny']
    """
    func = "rank_by_lower_bound"
    df = _check_frame(func, df)
    _check_columns(func, df, successes, trials)
    wins = df[successes].astype("float64")
    n = df[trials].astype("float64")
    out = df.assign(rate=metrics.engagement_rate(wins, n),
                    lower_bound=metrics.wilson_lower_bound(wins, n, confidence))
    return out.sort_values("lower_bound", ascending=False, kind="stable")


def weekly_sentiment(
    mentions: pd.DataFrame, date: str = "date", label: str = "sentiment", freq: str = "W-SUN",
    low: float = 0.15, high: float = 0.25,
) -> pd.DataFrame:
    """Per week: number of mentions, share of each sentiment, and the negative-band status.

    Weeks are labelled by their first day (the default ``freq="W-SUN"``, pandas'
    weeks *ending* on Sunday, groups Monday to Sunday). ``status`` compares the negative share with the [low, high] band
    (:func:`smmlib.metrics.negative_share_status`; 15-25 % is a practitioners'
    rule of thumb from source 003).

    >>> table = pd.DataFrame({"date": pd.to_datetime(["2025-01-06"] * 4),
    ...                       "sentiment": ["positive", "negative", "neutral", "neutral"]})
    >>> weekly_sentiment(table)
                mentions  positive  negative  neutral       status
    week
    2025-01-06         4      0.25      0.25      0.5  within band
    """
    func = "weekly_sentiment"
    mentions = _check_frame(func, mentions)
    _check_columns(func, mentions, date, label)
    dates = pd.to_datetime(mentions[date])
    week = dates.dt.to_period(freq).dt.start_time.rename("week")
    rows = []
    for start, labels in mentions[label].groupby(week, sort=True):
        shares = metrics.sentiment_shares(labels)
        rows.append({"week": start, "mentions": len(labels), **shares.to_dict()})
    table = pd.DataFrame.from_records(rows).set_index("week")
    table["status"] = metrics.negative_share_status(table["negative"], low, high)
    return table


def follower_growth_summary(
    followers: pd.DataFrame,
    count: str = "followers",
    new: str = "new_followers",
    spike: str = "is_bot_spike",
) -> pd.Series:
    """Growth of a follower series over its whole period, with and without flagged spike days.

    ``start`` is the count before the first day (first count minus that day's
    new followers), ``end`` the last count. ``growth`` is
    :func:`smmlib.metrics.follower_growth_rate` (start, end); ``growth_without_spikes``
    removes the net new followers of the days flagged in ``spike`` (bought bots).
    The purge of some bots on the following days is not added back, so the
    organic figure is, if anything, slightly low.

    >>> table = pd.DataFrame({"followers": [110, 120, 220], "new_followers": [10, 10, 100],
    ...                       "is_bot_spike": [False, False, True]})
    >>> follower_growth_summary(table)[["start", "end", "growth", "growth_without_spikes"]].tolist()
    [100.0, 220.0, 1.2, 0.2]
    """
    func = "follower_growth_summary"
    followers = _check_frame(func, followers)
    _check_columns(func, followers, count, new, spike)
    if followers.empty:
        raise ValueError(f"{func}(): the table has no rows")
    start = float(followers[count].iloc[0] - followers[new].iloc[0])
    end = float(followers[count].iloc[-1])
    spike_gain = float(followers.loc[followers[spike].astype(bool), new].sum())
    return pd.Series({
        "start": start,
        "end": end,
        "spike_days": float(followers[spike].astype(bool).sum()),
        "spike_followers": spike_gain,
        "growth": metrics.follower_growth_rate(start, end),
        "growth_without_spikes": metrics.follower_growth_rate(start, end - spike_gain),
    }, name="followers")


# --------------------------------------------------------------------------- #
# Display                                                                     #
# --------------------------------------------------------------------------- #


def percent_table(df: pd.DataFrame, columns: Sequence[str] | None = None, digits: int = 1) -> pd.DataFrame:
    """A copy of ``df`` with the fraction ``columns`` (default: every float column) shown as
    percentage text, e.g. 0.0512 -> "5.1%". Missing values become "n/a". For display only.

    >>> percent_table(pd.DataFrame({"posts": [3], "rate": [0.0512]}))
       posts  rate
    0      3  5.1%
    """
    df = _check_frame("percent_table", df)
    if columns is None:
        columns = [c for c in df.columns if pd.api.types.is_float_dtype(df[c].dtype)]
    _check_columns("percent_table", df, *columns)
    out = df.copy()
    for column in columns:
        out[column] = [("n/a" if pd.isna(x) else f"{x:.{digits}%}") for x in df[column]]
    return out
