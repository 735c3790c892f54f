"""12 Measurement that survives privacy: attribution over journeys, lift (holdout)
tests with intervals, power and sample size, and a seeded lift-test simulation.

- :func:`toy_auction` / :func:`ad_sets_that_can_learn` -- how ads are bought: the
  auction's total value as the platforms describe it (a toy), and how many ad sets a
  weekly budget can take out of the learning phase;
- :func:`generate_journeys` -- simulated paths to purchase (touchpoint by touchpoint);
- :func:`attribute` / :func:`attribution_table` -- credit the conversions to channels
  under the last-click, first-click, linear and position-based models;
- :func:`lift_test` -- the result of a holdout (conversion-lift) test: incremental
  conversions, absolute and relative lift with confidence intervals, p-value.
  The two-proportion arithmetic is :func:`smmlib.paid.ab_test`'s (one source);
- :func:`power` / :func:`sample_size` / :func:`test_days` -- how likely a test of a
  given size is to detect a lift, and how many people (and days) a test needs;
- :func:`simulate_lift_test` -- a seeded simulation of a lift test that also counts
  what the ad platform would *attribute*, to show how attribution overstates the
  ads' effect;
- figures: :func:`attribution_figure`, :func:`lift_figure`, :func:`power_figure`.

All rates are fractions (0.02 = 2%); a relative lift of 0.10 means "10% more
conversions than without the ads".

>>> r = lift_test(conversions_test=660, n_test=30_000, conversions_control=100, n_control=5_000)
>>> round(r.relative_lift, 3), round(r.incremental_conversions)
(0.1, 60)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import paid, validate
from .viz import OKABE_ITO

__all__ = [
    "CHANNELS",
    "LiftResult",
    "LiftSimulation",
    "MODELS",
    "SampleSize",
    "ad_sets_that_can_learn",
    "attribute",
    "attribution_figure",
    "attribution_table",
    "generate_journeys",
    "lift_figure",
    "lift_test",
    "power",
    "power_figure",
    "sample_size",
    "simulate_lift_test",
    "test_days",
    "toy_auction",
]

_NORMAL = NormalDist()

#: The channels of the simulated journeys.
CHANNELS = ("paid social", "organic social", "email", "search", "direct")

#: The rule-based attribution models :func:`attribute` knows, in teaching order.
MODELS = ("last_click", "first_click", "linear", "position_based")

_MODEL_NAMES = {"last_click": "last click", "first_click": "first click", "linear": "linear",
                "position_based": "position-based (40/20/40)"}


# ----------------------------------------------------------------------------- buying


def toy_auction(ads: pd.DataFrame) -> pd.DataFrame:
    """A toy ad auction: each ad's total value = bid × estimated action rate + quality.

    The form is the one Meta's training material has shown ("advertiser bid ×
    estimated action rates + ad quality"); the weights and how quality is scaled
    are not published, so the numbers are the course's illustration, not Meta's.
    ``ads`` has columns ``ad``, ``bid`` (what the advertiser would pay for one
    result), ``action_rate`` (the predicted chance that this person acts, a
    fraction) and ``quality`` (a quality score in the same money units, may be
    negative for ads people hide). Returns the table with ``total_value``,
    sorted best first, and ``wins`` (True for the highest total value).

    >>> ads = pd.DataFrame({"ad": ["A", "B"], "bid": [20.0, 10.0], "action_rate": [0.01, 0.03],
    ...                     "quality": [0.0, 0.05]})
    >>> toy_auction(ads)[["ad", "total_value", "wins"]].values.tolist()
    [['B', 0.35, True], ['A', 0.2, False]]
    """
    validate.instance("toy_auction", "ads", ads, pd.DataFrame, "a DataFrame with columns ad, bid, action_rate, quality")
    missing = [c for c in ("ad", "bid", "action_rate", "quality") if c not in ads.columns]
    if missing:
        raise KeyError(f"ads lack column(s) {missing}; need 'ad', 'bid', 'action_rate' and 'quality'")
    if (ads["bid"] < 0).any() or not ads["action_rate"].between(0, 1).all():
        raise ValueError("bids must not be negative and action_rate is a fraction in [0, 1] (3% = 0.03)")
    out = ads.assign(total_value=(ads["bid"] * ads["action_rate"] + ads["quality"]).round(9))
    out = out.sort_values("total_value", ascending=False, kind="stable").reset_index(drop=True)
    out["wins"] = out.index == 0
    return out


def ad_sets_that_can_learn(weekly_budget: float, cost_per_event: float, events_needed: int = 50) -> int:
    """How many ad sets a weekly budget can take out of the learning phase.

    Meta says an ad set leaves learning after about ``events_needed`` = 50
    optimisation events within 7 days (checked 2026). At ``cost_per_event`` the
    budget buys weekly_budget / cost_per_event events a week, enough for
    floor(events / events_needed) ad sets; splitting it further leaves every ad
    set learning.

    >>> ad_sets_that_can_learn(3_000, 12)      # 250 purchases a week: 5 ad sets of 50
    5
    """
    budget = validate.number("ad_sets_that_can_learn", "weekly_budget", weekly_budget)
    cost = validate.number("ad_sets_that_can_learn", "cost_per_event", cost_per_event, positive=True)
    needed = validate.whole("ad_sets_that_can_learn", "events_needed", events_needed, 1)
    return math.floor(round(budget / cost / needed, 9))


# ----------------------------------------------------------------------------- journeys


def generate_journeys(seed: int = 0, n_journeys: int = 200) -> pd.DataFrame:
    """Simulated paths to purchase of a small online shop: one row per touchpoint.

    Invented for teaching. Each of ``n_journeys`` customers bought once; before
    buying they touched the shop 1 to 5 times. First touches are mostly
    discovery (paid or organic social), last touches mostly closing (search,
    direct visits, email), as practitioners describe typical journeys — the
    generator is built that way, so its data cannot prove it.

    Columns: ``journey`` (``"J001"``…), ``step`` (1 = first touch) and
    ``channel`` (one of :data:`CHANNELS`). Seeded: same seed, same table.

    >>> j = generate_journeys(seed=1, n_journeys=30)
    >>> j["journey"].nunique(), set(j["channel"]) <= set(CHANNELS), int(j["step"].min())
    (30, True, 1)
    """
    rng = np.random.default_rng(validate.whole("generate_journeys", "seed", seed, 0))
    n = validate.whole("generate_journeys", "n_journeys", n_journeys, 1)
    lengths = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.25, 0.30, 0.25, 0.12, 0.08])
    #               paid social, organic social, email, search, direct
    first = np.array([0.45, 0.30, 0.05, 0.15, 0.05])
    middle = np.array([0.30, 0.25, 0.20, 0.15, 0.10])
    last = np.array([0.15, 0.10, 0.20, 0.30, 0.25])
    width = len(str(n))
    rows = []
    for i, k in enumerate(lengths, start=1):
        for step in range(1, k + 1):
            p = first if step == 1 else last if step == k else middle
            rows.append((f"J{i:0{max(3, width)}d}", step, CHANNELS[rng.choice(len(CHANNELS), p=p)]))
    return pd.DataFrame(rows, columns=["journey", "step", "channel"])


def _journey_weights(journeys: pd.DataFrame, model: str) -> pd.Series:
    """Each touchpoint's share of its journey's one conversion under ``model``."""
    validate.instance(None, "journeys", journeys, pd.DataFrame, "a DataFrame with columns journey, step, channel")
    missing = [c for c in ("journey", "step", "channel") if c not in journeys.columns]
    if missing:
        raise KeyError(f"journeys lack column(s) {missing}; need 'journey', 'step' and 'channel' "
                       "(one row per touchpoint)")
    validate.choice(None, "model (the attribution model)", model, MODELS)
    if journeys[["journey", "step"]].duplicated().any():
        raise ValueError("a journey has two touchpoints with the same step; number each journey's "
                         "touchpoints 1, 2, 3, … in order")
    order = journeys.sort_values(["journey", "step"], kind="stable")
    position = order.groupby("journey").cumcount() + 1          # 1 = first touch
    length = order.groupby("journey")["step"].transform("size")
    first, last = position == 1, position == length
    if model == "last_click":
        w = last.astype(float)
    elif model == "first_click":
        w = first.astype(float)
    elif model == "linear":
        w = 1.0 / length
    else:  # position_based: 40% first, 40% last, 20% shared by the middle; 1 touch 100%, 2 touches 50/50
        w = pd.Series(np.where(first | last, 0.4, 0.2 / (length - 2).clip(lower=1)), index=order.index)
        w[length == 1] = 1.0
        w[length == 2] = 0.5
    return w.reindex(journeys.index)


def attribute(journeys: pd.DataFrame, model: str = "last_click") -> pd.Series:
    """Conversions credited to each channel under a rule-based attribution ``model``.

    Every journey ends in one conversion, which is split among its touchpoints:

    - ``last_click``: all of it to the last touch;
    - ``first_click``: all of it to the first touch;
    - ``linear``: equal shares, 1/k to each of the k touches;
    - ``position_based``: 40% to the first and 40% to the last touch, the other
      20% shared equally by the touches in between (a journey of one touch gives
      it 100%, of two touches 50% each).

    Returns a Series indexed by channel (every channel that appears), summing to
    the number of journeys. Data-driven models learn the shares from data instead
    of a rule; they are not computed here.

    >>> j = pd.DataFrame({"journey": ["A", "A", "A", "B"], "step": [1, 2, 3, 1],
    ...                   "channel": ["paid social", "email", "search", "search"]})
    >>> attribute(j, "position_based").to_dict()
    {'email': 0.2, 'paid social': 0.4, 'search': 1.4}
    """
    weights = _journey_weights(journeys, model)
    credit = weights.groupby(journeys["channel"]).sum()
    credit.index.name = "channel"
    return credit.rename(_MODEL_NAMES[model]).astype(float)


def attribution_table(journeys: pd.DataFrame) -> pd.DataFrame:
    """Conversions credited to each channel under every model of :data:`MODELS` (one column each).

    >>> j = pd.DataFrame({"journey": ["A", "A"], "step": [1, 2], "channel": ["paid social", "search"]})
    >>> attribution_table(j).loc["paid social"].tolist()
    [0.0, 1.0, 0.5, 0.5]
    """
    return pd.concat([attribute(journeys, m) for m in MODELS], axis=1).fillna(0.0)


def attribution_figure(table: pd.DataFrame, title: str = "Credit per channel under four attribution models",
                       simulated: bool = True) -> go.Figure:
    """Grouped bars: conversions credited to each channel (x) by each model (colour)."""
    fig = go.Figure([go.Bar(x=table.index.astype(str), y=table[col], name=str(col),
                            marker_color=OKABE_ITO[i % len(OKABE_ITO)])
                     for i, col in enumerate(table.columns)])
    full = f"{title} (simulated journeys)" if simulated else title
    fig.update_layout(title=full, barmode="group", xaxis_title="Channel",
                      yaxis_title="Conversions credited", legend_title="Model", height=400)
    return fig


# ----------------------------------------------------------------------------- lift test


@dataclass(frozen=True)
class LiftResult(paid.Significance):
    """Outcome of :func:`lift_test`. Rates and lifts are fractions.

    ``absolute_lift`` = rate_test − rate_control (with ``ci_low``/``ci_high``);
    ``relative_lift`` = rate_test / rate_control − 1 (with ``rel_ci_low``/``rel_ci_high``);
    ``incremental_conversions`` = conversions_test − n_test × rate_control.
    """

    conversions_test: int
    n_test: int
    conversions_control: int
    n_control: int
    rate_test: float
    rate_control: float
    absolute_lift: float
    ci_low: float
    ci_high: float
    relative_lift: float
    rel_ci_low: float
    rel_ci_high: float
    p_value: float
    confidence: float

    @property
    def incremental_conversions(self) -> float:
        """Conversions the ads caused in the test group: those above what the control rate predicts."""
        return self.conversions_test - self.n_test * self.rate_control

    @property
    def incremental_interval(self) -> tuple[float, float]:
        """The interval of :attr:`incremental_conversions`: n_test × the interval of the absolute lift."""
        return self.n_test * self.ci_low, self.n_test * self.ci_high

    def text(self) -> str:
        """The result in one plain paragraph."""
        low, high = self.incremental_interval
        if not self.significant:
            verdict = "the test cannot tell the ads' effect from zero"
        elif self.absolute_lift > 0:
            verdict = "the ads made a difference beyond chance"
        else:  # a significant *drop*: not "no effect"
            verdict = ("the test group converted less than the holdout beyond chance: the ads seem to lower "
                       "conversions (check the test's setup before you believe it)")
        if math.isnan(self.rel_ci_low):
            lift = "lift not defined (a group has no conversions: run the test longer)"
        else:
            lift = (f"lift {self.relative_lift:+.1%} ({self.confidence:.0%} interval {self.rel_ci_low:+.1%} to "
                    f"{self.rel_ci_high:+.1%})")
        return (f"Test group {self.rate_test:.2%} ({self.conversions_test:,} of {self.n_test:,}), holdout "
                f"{self.rate_control:.2%} ({self.conversions_control:,} of {self.n_control:,}): {lift}, about "
                f"{self.incremental_conversions:,.0f} incremental conversions ({low:,.0f} to {high:,.0f}); "
                f"p = {self.p_value:.3g}: {verdict}.")


def lift_test(conversions_test: int, n_test: int, conversions_control: int, n_control: int,
              confidence: float = 0.95) -> LiftResult:
    """Read a holdout (conversion-lift) test: a randomised test group that could see
    the ads and a holdout (control) group that could not.

    With r_t = conversions_test / n_test and r_c = conversions_control / n_control:

    - **absolute lift** r_t − r_c, with the unpooled Wald interval and the pooled
      two-sided z-test p-value of :func:`smmlib.paid.ab_test` (control as A, test as B);
    - **relative lift** r_t / r_c − 1, with the log (Katz) interval
      exp(ln(r_t/r_c) ± z·√(1/x_t − 1/n_t + 1/x_c − 1/n_c)) − 1 (NaN when a group
      has no conversions);
    - **incremental conversions** = conversions_test − n_test × r_c: what the ads
      added in the test group; its interval is n_test × the absolute interval.

    >>> r = lift_test(660, 30_000, 100, 5_000)
    >>> round(r.absolute_lift, 4), round(r.p_value, 3), r.significant
    (0.002, 0.369, False)
    """
    ab = paid.ab_test(conversions_control, n_control, conversions_test, n_test, confidence)
    xt, nt, xc, nc = ab.conversions_b, ab.n_b, ab.conversions_a, ab.n_a
    rt, rc = ab.rate_b, ab.rate_a
    if xt > 0 and xc > 0:
        ratio = rt / rc
        se = math.sqrt(1 / xt - 1 / nt + 1 / xc - 1 / nc)
        crit = _NORMAL.inv_cdf(1 - (1 - confidence) / 2)
        rel, rel_low, rel_high = ratio - 1, math.exp(math.log(ratio) - crit * se) - 1, \
            math.exp(math.log(ratio) + crit * se) - 1
    else:
        rel = rt / rc - 1 if rc > 0 else float("nan")
        rel_low = rel_high = float("nan")
    return LiftResult(xt, nt, xc, nc, rt, rc, ab.effect, ab.ci_low, ab.ci_high, rel, rel_low, rel_high,
                      ab.p_value, ab.confidence)


# ----------------------------------------------------------------------------- power and size


def _rates(where: str, rate_control: float, relative_lift: float) -> tuple[float, float]:
    p_c = validate.number(where, "rate_control", rate_control, positive=True, fraction=True)
    lift = validate.number(where, "relative_lift", relative_lift, minimum=-1.0)
    p_t = p_c * (1 + lift)
    if not 0 < p_t < 1 or p_c >= 1:
        raise ValueError(f"{where}(): rate_control × (1 + relative_lift) = {p_t:g} must stay between 0 and 1; "
                         "the rates are fractions (2% = 0.02) and the lift is relative (10% = 0.10)")
    return p_c, p_t


def _effect_size(p_t: float, p_c: float) -> float:
    """Cohen's h, the arcsine effect size of two proportions (statsmodels' ``proportion_effectsize``)."""
    return 2 * math.asin(math.sqrt(p_t)) - 2 * math.asin(math.sqrt(p_c))


def power(rate_control: float, relative_lift: float, n_control: int, n_test: int,
          alpha: float = 0.05) -> float:
    """The chance that a two-sided test at level ``alpha`` detects a true ``relative_lift``.

    Normal approximation on the arcsine scale (the method of statsmodels'
    ``NormalIndPower`` with Cohen's h): with h = 2·asin√p_t − 2·asin√p_c and
    m = √(n_c·n_t / (n_c + n_t)),
    power = Φ(|h|·m − z) + Φ(−|h|·m − z), z = z_(1−α/2).

    >>> round(power(0.02, 0.10, 50_000, 50_000), 3)
    0.597
    """
    p_c, p_t = _rates("power", rate_control, relative_lift)
    nc = validate.whole("power", "n_control", n_control, 1, integral_float=True)
    nt = validate.whole("power", "n_test", n_test, 1, integral_float=True)
    a = validate.number("power", "alpha", alpha, positive=True, fraction=True)
    z = _NORMAL.inv_cdf(1 - a / 2)
    shift = abs(_effect_size(p_t, p_c)) * math.sqrt(nc * nt / (nc + nt))
    return _NORMAL.cdf(shift - z) + _NORMAL.cdf(-shift - z)


@dataclass(frozen=True)
class SampleSize:
    """Outcome of :func:`sample_size`: people per group and the conversions to expect in each."""

    n_test: int
    n_control: int
    rate_control: float
    rate_test: float
    power: float
    alpha: float

    @property
    def n_total(self) -> int:
        """People in the whole test (both groups)."""
        return self.n_test + self.n_control

    @property
    def control_conversions(self) -> float:
        """Conversions to expect in the holdout group (n_control × rate_control)."""
        return self.n_control * self.rate_control

    @property
    def test_conversions(self) -> float:
        """Conversions to expect in the test group if the lift is real."""
        return self.n_test * self.rate_test

    def text(self) -> str:
        """The plan in one sentence."""
        return (f"{self.n_total:,} people: {self.n_test:,} in the test group and {self.n_control:,} held out, "
                f"expecting about {self.test_conversions:,.0f} and {self.control_conversions:,.0f} conversions, "
                f"to detect {self.rate_control:.2%} → {self.rate_test:.2%} with {self.power:.0%} power "
                f"at α = {self.alpha:g}.")


def sample_size(rate_control: float, relative_lift: float, power: float = 0.8, alpha: float = 0.05,
                test_share: float = 0.5) -> SampleSize:
    """People a lift test needs to detect ``relative_lift`` with the given ``power``.

    With h as in :func:`power`, r = n_test / n_control = test_share / (1 − test_share)
    and z_a = z_(1−α/2), z_b = z_power:
    n_control = ((z_a + z_b) / h)² × (1 + 1/r), rounded up, and n_test = r × n_control,
    rounded up. A small holdout (test_share 0.9) needs more people in total than
    an even split, but withholds the ads from fewer of them.

    >>> s = sample_size(0.02, 0.10)
    >>> s.n_control, s.n_test
    (80638, 80638)
    """
    p_c, p_t = _rates("sample_size", rate_control, relative_lift)
    if p_t == p_c:
        raise ValueError("sample_size(): relative_lift is 0: no test can detect a lift of zero; give the "
                         "smallest lift worth acting on (e.g. 0.10 for 10%)")
    pw = validate.number("sample_size", "power", power, positive=True, fraction=True)
    a = validate.number("sample_size", "alpha", alpha, positive=True, fraction=True)
    share = validate.number("sample_size", "test_share", test_share, positive=True, fraction=True)
    if not (pw < 1 and a < 1 and share < 1):
        raise ValueError("sample_size(): power, alpha and test_share must each be below 1")
    ratio = share / (1 - share)
    z = _NORMAL.inv_cdf(1 - a / 2) + _NORMAL.inv_cdf(pw)
    n_control = math.ceil(round((z / _effect_size(p_t, p_c)) ** 2 * (1 + 1 / ratio), 6))
    n_test = math.ceil(round(ratio * n_control, 6))
    return SampleSize(n_test, n_control, p_c, p_t, pw, a)


def test_days(n_total: int, people_per_day: float) -> int:
    """Whole days a test needs to reach ``n_total`` new people at ``people_per_day``.

    >>> test_days(161_362, 12_000)
    14
    """
    n = validate.whole("test_days", "n_total", n_total, 1, integral_float=True)
    per_day = validate.number("test_days", "people_per_day", people_per_day, positive=True)
    return math.ceil(round(n / per_day, 9))


test_days.__test__ = False  # a function named test_* is not a pytest test


def power_figure(rate_control: float, relative_lift: float, people_per_day: float, test_share: float = 0.5,
                 max_days: int = 56, alpha: float = 0.05) -> go.Figure:
    """Power against test length: each day adds ``people_per_day`` people, split by ``test_share``."""
    days = np.arange(1, validate.whole("power_figure", "max_days", max_days, 1) + 1)
    share = validate.number("power_figure", "test_share", test_share, positive=True, fraction=True)
    values = [power(rate_control, relative_lift, max(1, round(d * people_per_day * (1 - share))),
                    max(1, round(d * people_per_day * share)), alpha) for d in days]
    fig = go.Figure(go.Scatter(x=days, y=values, mode="lines", line={"color": OKABE_ITO[0], "width": 3},
                               name="power"))
    fig.add_hline(y=0.8, line_dash="dash", line_color=OKABE_ITO[7], annotation_text="80% power",
                  annotation_position="bottom right")
    fig.update_layout(title=f"Chance to detect a {relative_lift:.0%} lift on a {rate_control:.1%} baseline",
                      xaxis_title=f"Test length (days, {people_per_day:,.0f} people a day)",
                      yaxis_title="Power (chance the test finds the lift)", yaxis_tickformat=".0%",
                      yaxis_range=[0, 1], height=380)
    return fig


# ----------------------------------------------------------------------------- simulation


@dataclass(frozen=True)
class LiftSimulation:
    """Outcome of :func:`simulate_lift_test` (all simulated).

    ``result`` is the first simulated test; ``attributed`` the conversions the ad
    platform would credit to the ads in it; ``true_incremental`` the incremental
    conversions the ads really caused in it (only a simulation knows this);
    ``detection_rate`` the share of ``n_sims`` tests that found a significant
    positive lift; ``power`` the formula's value; ``estimates`` every test's
    relative-lift estimate.
    """

    baseline_rate: float
    true_lift: float
    test_share: float
    days: int
    people_per_day: float
    exposed_share: float
    n_test: int
    n_control: int
    result: LiftResult
    attributed: int
    true_incremental: int
    detection_rate: float
    power: float
    estimates: np.ndarray

    @property
    def overstatement(self) -> float:
        """Attributed conversions divided by the true incremental ones (inf when the ads added none)."""
        return self.attributed / self.true_incremental if self.true_incremental > 0 else float("inf")

    def text(self) -> str:
        """The simulation's lesson in two sentences."""
        r = self.result
        times = (f"{self.overstatement:.1f} times" if math.isfinite(self.overstatement)
                 else "infinitely many times")
        estimate = ("no estimate (the holdout had no conversions)" if math.isnan(r.rel_ci_low) else
                    f"estimated lift {r.relative_lift:+.1%} ({r.confidence:.0%} interval {r.rel_ci_low:+.1%} to "
                    f"{r.rel_ci_high:+.1%})")
        return (f"Simulated test of {self.days} days: {estimate} for a true lift of "
                f"{self.true_lift:+.0%}; a test this size detects the lift {self.detection_rate:.0%} of the time "
                f"(formula: {self.power:.0%}). The platform would attribute {self.attributed:,} conversions to "
                f"the ads; they caused about {self.true_incremental:,} — {times} fewer.")


def simulate_lift_test(seed: int = 0, baseline_rate: float = 0.02, true_lift: float = 0.10,
                       test_share: float = 0.9, days: int = 14, people_per_day: float = 10_000,
                       exposed_share: float = 0.5, n_sims: int = 400, alpha: float = 0.05) -> LiftSimulation:
    """Simulate a randomised holdout test, ``n_sims`` times, and what attribution would report.

    Each day ``people_per_day`` new people enter the test; a share ``test_share``
    is randomly put in the test group (may see the ads), the rest held out.
    Without ads each person buys with probability ``baseline_rate``; in the test
    group the ads add ``true_lift`` (relative) on top, so its rate is
    baseline_rate × (1 + true_lift).

    **Attribution** (the course's simple model): the platform credits to the ads
    every test-group conversion of a person the ads reached within the window.
    The ads reach ``exposed_share`` of the test group; every incremental
    conversion comes from a reached person, and so do ``exposed_share`` of the
    conversions that would have happened anyway. The second part is the overstatement.

    Seeded: same arguments, same result.

    >>> s = simulate_lift_test(seed=1, n_sims=50)
    >>> s.n_test, s.n_control, s.attributed > s.true_incremental
    (126000, 14000, True)
    """
    rng = np.random.default_rng(validate.whole("simulate_lift_test", "seed", seed, 0))
    p, p_t = _rates("simulate_lift_test", baseline_rate, true_lift)
    validate.number("simulate_lift_test", "true_lift", true_lift)
    share = validate.number("simulate_lift_test", "test_share", test_share, positive=True, fraction=True)
    if share >= 1:
        raise ValueError("simulate_lift_test(): test_share must be below 1: a test needs a holdout group")
    d = validate.whole("simulate_lift_test", "days", days, 1, integral_float=True)
    per_day = validate.number("simulate_lift_test", "people_per_day", people_per_day, positive=True)
    exposed = validate.number("simulate_lift_test", "exposed_share", exposed_share, fraction=True)
    sims = validate.whole("simulate_lift_test", "n_sims", n_sims, 1, integral_float=True)
    a = validate.number("simulate_lift_test", "alpha", alpha, positive=True, fraction=True)
    total = round(d * per_day)
    n_test = round(total * share)
    n_control = total - n_test
    if min(n_test, n_control) < 1:
        raise ValueError(f"simulate_lift_test(): {total:,} people cannot fill both groups; raise days or "
                         "people_per_day, or bring test_share nearer 0.5")
    control = rng.binomial(n_control, p, size=sims)
    baseline = rng.binomial(n_test, p, size=sims)                    # would have bought anyway
    extra = rng.binomial(n_test - baseline, (p_t - p) / (1 - p))      # bought because of the ads
    results = [lift_test(int(b + e), n_test, int(c), n_control, 1 - a)
               for b, e, c in zip(baseline, extra, control, strict=True)]
    detected = float(np.mean([r.significant and r.absolute_lift > 0 for r in results]))
    first = results[0]
    attributed = int(rng.binomial(baseline[0], exposed) + extra[0])
    return LiftSimulation(p, float(true_lift), share, d, per_day, exposed, n_test, n_control, first,
                          attributed, int(extra[0]), detected, power(p, true_lift, n_control, n_test, a),
                          np.array([r.relative_lift for r in results]))


def lift_figure(sim: LiftSimulation) -> go.Figure:
    """Bars: conversions the platform attributes, the test's estimate of incremental
    conversions (with its interval) and the true incremental conversions of the simulation."""
    r = sim.result
    low, high = r.incremental_interval
    est = r.incremental_conversions
    fig = go.Figure([
        go.Bar(x=["attributed by the platform"], y=[sim.attributed], marker_color=OKABE_ITO[5],
               name="attributed"),
        go.Bar(x=["incremental: the test's estimate"], y=[est], marker_color=OKABE_ITO[0],
               error_y={"type": "data", "symmetric": False, "array": [high - est], "arrayminus": [est - low]},
               name=f"estimate with {r.confidence:.0%} interval"),
        go.Bar(x=["incremental: true (simulation only)"], y=[sim.true_incremental], marker_color=OKABE_ITO[2],
               name="true"),
    ])
    fig.update_layout(title="Simulated lift test: attributed vs incremental conversions",
                      xaxis_title="What is counted", yaxis_title="Conversions in the test group",
                      showlegend=False, height=400)
    return fig
