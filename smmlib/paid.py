"""Paid social: the funnel by segment, A/B tests of two ads, why peeking misleads,
and spreading a budget over ad sets to reach a lead target under a cost-per-lead cap.

- :func:`segment_funnel` -- impressions -> clicks -> leads (-> sales) per audience
  segment, with the rates and costs at each step (multi-targeting, source 003).
- :func:`ab_test` -- compare the conversion rates of two ads: the difference
  B - A, a confidence interval and a two-sided p-value. Standard library only
  (``statistics.NormalDist``), no scipy needed when the course runs. It is only
  a fair test when people were split between the ads *at random* (the
  platforms' own A/B-test tools do that), and its rates are leads per person
  reached (or per impression), not per click.
- :func:`generate_ab_test` -- a seeded, simulated result of such a randomised
  split test (two versions of an ad, the same budget each).
- :func:`peeking_simulation` -- a seeded simulation of A/A tests (no true
  difference) showing that looking after every batch and stopping at the first
  p < 0.05 "finds" a winner far more often than 5% of the time.
- :func:`allocate_budget` -- a documented, deliberately simple allocator: cheapest
  leads first, at each ad set's historical cost per lead, up to a saturation cap.

All rates are fractions (0.05 = 5%).

>>> r = ab_test(50, 1000, 75, 1000)
>>> round(r.effect, 3), round(r.p_value, 4), r.significant
(0.025, 0.0209, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import validate
from .viz import OKABE_ITO

__all__ = [
    "ABTestResult",
    "AB_TEST_HELP",
    "Allocation",
    "PeekingResult",
    "Significance",
    "ab_test",
    "allocate_budget",
    "allocation_figure",
    "generate_ab_test",
    "peeking_figure",
    "peeking_simulation",
    "segment_funnel",
]

_NORMAL = NormalDist()

#: Meta's public help page on its A/B-test tool (randomised, non-overlapping groups of people;
#: the winner is judged by cost per result). Checked 2026.
AB_TEST_HELP = "https://www.facebook.com/business/help/1738164643098669"


# ----------------------------------------------------------------------------- A/B test


class Significance:
    """The verdict of a two-group test result, shared by :class:`ABTestResult` and
    :class:`smmlib.measurement.LiftResult`: both carry a two-sided ``p_value`` and the
    ``confidence`` of their interval.

    >>> ab_test(40, 1000, 60, 1000).p_value < 0.05, ab_test(40, 1000, 60, 1000).significant
    (True, True)
    """

    p_value: float
    confidence: float

    @property
    def significant(self) -> bool:
        """True when p < 1 - confidence (e.g. p < 0.05 for 95% confidence)."""
        return self.p_value < 1 - self.confidence


@dataclass(frozen=True)
class ABTestResult(Significance):
    """Outcome of :func:`ab_test`. ``effect`` is rate_b - rate_a (a fraction);
    ``ci_low``/``ci_high`` bound it at ``confidence``; ``p_value`` is two-sided."""

    conversions_a: int
    n_a: int
    conversions_b: int
    n_b: int
    rate_a: float
    rate_b: float
    effect: float
    ci_low: float
    ci_high: float
    z: float
    p_value: float
    confidence: float

    @property
    def agrees(self) -> bool:
        """True when the p-value and the interval tell the same story.

        The p-value comes from the *pooled* standard error (computed as if the
        ads were equal), the interval from the *unpooled* one, so near the
        threshold one can say "significant" while the other still includes 0
        (or the reverse). When they disagree the result is borderline.

        >>> ab_test(40, 1000, 59, 1000).agrees      # p = 0.0502, interval +0.0006 to +3.80 points
        False
        >>> ab_test(40, 1000, 60, 1000).agrees
        True
        """
        excludes_zero = self.ci_low > 0 or self.ci_high < 0
        return self.significant == excludes_zero

    @property
    def relative_lift(self) -> float:
        """effect / rate_a (NaN when rate_a is 0): "B converts 20% better than A"."""
        return self.effect / self.rate_a if self.rate_a > 0 else float("nan")

    def text(self) -> str:
        """The result in one plain paragraph."""
        verdict = ("the difference is statistically significant" if self.significant else
                   "the difference could easily be chance: keep both ads running or call it a tie")
        if not self.agrees:
            verdict = ("borderline: the pooled p-value and the unpooled interval disagree about "
                       "whether 0 is plausible, so report it as inconclusive")
        return (f"Ad A converts {self.rate_a:.2%} ({self.conversions_a:,} of {self.n_a:,}), ad B "
                f"{self.rate_b:.2%} ({self.conversions_b:,} of {self.n_b:,}). B − A = "
                f"{self.effect * 100:+.2f} percentage points, {self.confidence:.0%} interval "
                f"{self.ci_low * 100:+.2f} to {self.ci_high * 100:+.2f} points; p = {self.p_value:.3g}: "
                f"{verdict}.")


def ab_test(conversions_a: int, n_a: int, conversions_b: int, n_b: int,
            confidence: float = 0.95) -> ABTestResult:
    """Compare the conversion rates of ad A and ad B (two independent samples).

    **When it is a fair test.** Only when the people were split between A and
    B *at random* (the platforms' A/B-test tools, e.g. Meta's, see
    :data:`AB_TEST_HELP`), with the same budget, at the same time. Two ad sets
    that merely share a segment are not a test: the delivery system chose
    different people, days and prices for them. Count ``n`` as the people each
    version reached (or its impressions) and conversions as leads: leads per
    *click* compares only the people each ad persuaded to click, who differ
    because the ad chose them, and it ignores the ad's effect on clicking.

    With p_a = conversions_a / n_a and p_b = conversions_b / n_b:

    - effect = p_b − p_a (B minus A, a fraction: 0.01 is one percentage point);
    - **p-value**: the pooled two-proportion z-test, two-sided. Under "no
      difference" both ads share p = (conversions_a + conversions_b) / (n_a + n_b),
      se₀ = √(p(1 − p)(1/n_a + 1/n_b)), z = effect / se₀ and p-value = 2·Φ(−|z|).
      When se₀ = 0 (both ads at 0% or both at 100%) there is no evidence of a
      difference: z = 0 and p-value = 1;
    - **confidence interval**: the unpooled Wald interval
      effect ± z_(1−α/2)·√(p_a(1 − p_a)/n_a + p_b(1 − p_b)/n_b). It is the textbook
      interval and fine for the hundreds of conversions of a real ad test, but
      too narrow with few conversions and it collapses to a single point when
      both rates are 0% or 100% (Newcombe's interval behaves better there).

    Because the two use different standard errors, near p = 0.05 the p-value
    and the interval can disagree (see :attr:`ABTestResult.agrees`); report
    such a result as borderline.

    Raises ValueError for n = 0, negative counts or more conversions than
    people, TypeError for non-counts.

    >>> r = ab_test(40, 1000, 60, 1000)
    >>> round(r.z, 3), round(r.p_value, 4), (round(r.ci_low, 4), round(r.ci_high, 4))
    (2.052, 0.0402, (0.0009, 0.0391))
    """
    xa, na, xb, nb = (validate.whole(None, name, value, integral_float=True) for name, value in (
        ("conversions_a", conversions_a), ("n_a", n_a), ("conversions_b", conversions_b), ("n_b", n_b)))
    for label, x, n in (("a", xa, na), ("b", xb, nb)):
        if n == 0:
            raise ValueError(f"n_{label} is 0: ad {label.upper()} was shown to nobody, so it has no "
                             f"conversion rate; pass the number of people (or clicks) it reached")
        if x > n:
            raise ValueError(f"conversions_{label} ({x}) is larger than n_{label} ({n}): a rate "
                             f"cannot exceed 100%; did you swap the arguments?")
    confidence = validate.number("ab_test", "confidence (a fraction such as 0.95)", confidence, positive=True,
                                 below=1)
    pa, pb = xa / na, xb / nb
    effect = pb - pa
    pooled = (xa + xb) / (na + nb)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    if se0 == 0:
        z, p_value = 0.0, 1.0
    else:
        z = effect / se0
        p_value = min(1.0, 2 * _NORMAL.cdf(-abs(z)))
    se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    crit = _NORMAL.inv_cdf(1 - (1 - confidence) / 2)
    return ABTestResult(xa, na, xb, nb, pa, pb, effect, effect - crit * se, effect + crit * se,
                        z, p_value, float(confidence))


def generate_ab_test(seed: int = 0, budget_each: float = 200.0) -> pd.DataFrame:
    """A simulated result of a randomised split test of two versions of one ad.

    Invented for teaching, like every generated table of the course: the
    platform's A/B-test tool split one audience at random into two groups of
    people, showed each group one version and spent ``budget_each`` on each.
    Version B has the catchier creative: it tends to win more clicks per
    person, but a smaller share of its clickers leave a lead, so leads per
    click and leads per person can point in different directions.

    Columns: ``version`` ("A", "B"), ``people_reached``, ``impressions``,
    ``clicks``, ``leads`` and ``spend``. Seeded: same seed, same table.

    >>> t = generate_ab_test(seed=3)
    >>> t["version"].tolist(), bool((t["leads"] <= t["clicks"]).all()), t["spend"].tolist()
    (['A', 'B'], True, [200.0, 200.0])
    """
    rng = np.random.default_rng(validate.whole("generate_ab_test", "seed", seed, 0))
    spend = validate.number("generate_ab_test", "budget_each", budget_each, positive=True)
    rows = []
    # version -> (clicks per person reached, leads per click); B: catchier, less qualified clicks
    for version, (click_p, lead_p) in {"A": (0.010, 0.26), "B": (0.015, 0.19)}.items():
        cpm = 6.0 * rng.lognormal(0, 0.05)                    # the auction prices the two a little differently
        impressions = int(round(spend / cpm * 1000))
        frequency = rng.uniform(1.2, 1.5)
        people = int(round(impressions / frequency))
        clicks = int(rng.binomial(people, click_p * rng.lognormal(0, 0.1)))
        leads = int(rng.binomial(clicks, lead_p * rng.lognormal(0, 0.1)))
        rows.append({"version": version, "people_reached": people, "impressions": impressions,
                     "clicks": clicks, "leads": leads, "spend": round(spend, 2)})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- peeking


@dataclass(frozen=True)
class PeekingResult:
    """Outcome of :func:`peeking_simulation` (rates are fractions of experiments)."""

    n_experiments: int
    n_looks: int
    batch_size: int
    alpha: float
    false_positive_fixed: float
    false_positive_peeking: float
    stopped_at: np.ndarray  # look at which each experiment first had p < alpha (0 = never)
    p_paths: np.ndarray     # p-values after every look, one row per experiment

    def text(self) -> str:
        """The lesson in one sentence."""
        return (f"{self.n_experiments:,} A/A tests with no true difference, {self.n_looks} looks of "
                f"{self.batch_size:,} visitors per ad: testing once at the end declares a winner in "
                f"{self.false_positive_fixed:.1%} of tests (about {self.alpha:.0%} as promised); stopping "
                f"at the first p < {self.alpha:g} declares one in {self.false_positive_peeking:.1%}.")


def peeking_simulation(seed: int = 0, rate: float = 0.05, batch_size: int = 200, n_looks: int = 20,
                       n_experiments: int = 2000, alpha: float = 0.05,
                       effect: float = 0.0) -> PeekingResult:
    """Simulate A/B tests and compare "test once at the end" with "stop at the first p < alpha".

    In each of ``n_experiments`` experiments both ads get ``batch_size`` new
    visitors per look, ``n_looks`` times; ad A converts at ``rate`` and ad B at
    ``rate + effect`` (``effect = 0``: an A/A test, any "winner" is a false
    positive). After every look the pooled z-test of :func:`ab_test` is computed
    on all data so far. *Fixed* looks only at the last p-value; *peeking* stops
    at the first look with p < alpha. Seeded: same arguments, same result.

    >>> r = peeking_simulation(seed=1, n_experiments=1000)
    >>> r.false_positive_fixed < 0.08 < 0.15 < r.false_positive_peeking
    True
    """
    rng = np.random.default_rng(validate.whole(None, "seed", seed, integral_float=True))
    n_exp = validate.whole(None, "n_experiments", n_experiments, 1, integral_float=True)
    looks = validate.whole(None, "n_looks", n_looks, 1, integral_float=True)
    batch = validate.whole(None, "batch_size", batch_size, 1, integral_float=True)
    for name, value in (("rate", rate), ("alpha", alpha)):
        validate.number(None, f"{name} (a fraction such as 0.05)", value, positive=True, below=1)
    if not 0 <= rate + effect <= 1:
        raise ValueError(f"rate + effect must stay within 0..1, got {rate + effect!r}")
    conv_a = rng.binomial(batch, rate, size=(n_exp, looks)).cumsum(axis=1)
    conv_b = rng.binomial(batch, rate + effect, size=(n_exp, looks)).cumsum(axis=1)
    n = batch * np.arange(1, looks + 1)
    pooled = (conv_a + conv_b) / (2 * n)
    se0 = np.sqrt(pooled * (1 - pooled) * (2 / n))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se0 > 0, (conv_b - conv_a) / n / np.where(se0 > 0, se0, 1), 0.0)
    erfc = np.frompyfunc(math.erfc, 1, 1)
    p = np.minimum(1.0, erfc(np.abs(z) / math.sqrt(2)).astype(float))  # = 2·Φ(−|z|)
    crossed = p < alpha
    stopped = np.where(crossed.any(axis=1), crossed.argmax(axis=1) + 1, 0)
    return PeekingResult(n_exp, looks, batch, float(alpha), float(crossed[:, -1].mean()),
                         float(crossed.any(axis=1).mean()), stopped, p)


def peeking_figure(result: PeekingResult, n_paths: int = 12) -> go.Figure:
    """p-value paths of the first ``n_paths`` simulated experiments, with the alpha line."""
    fig = go.Figure()
    looks = np.arange(1, result.n_looks + 1)
    for i in range(min(n_paths, result.n_experiments)):
        stopped = result.stopped_at[i]
        fig.add_trace(go.Scatter(
            x=looks, y=result.p_paths[i], mode="lines", opacity=0.8,
            line={"color": OKABE_ITO[5] if stopped else OKABE_ITO[0], "width": 1.5},
            name=f"test {i + 1}" + (f" (stopped at look {stopped})" if stopped else ""),
            showlegend=False))
    fig.add_hline(y=result.alpha, line_dash="dash", line_color=OKABE_ITO[7],
                  annotation_text=f"p = {result.alpha:g}", annotation_position="top right")
    fig.update_layout(title="p-value after each look (orange: would have stopped with a false 'winner')",
                      xaxis_title="Look at the data (batch number)", yaxis_title="p-value (log scale)",
                      yaxis_type="log", height=380)
    return fig


# ----------------------------------------------------------------------------- funnel


def segment_funnel(ad_sets: pd.DataFrame, close_rate: float | None = None,
                   by: str = "segment") -> pd.DataFrame:
    """The funnel impressions -> clicks -> leads (-> sales) per segment, with rates and costs.

    Sums each segment's ad sets, then computes ``ctr`` = clicks / impressions,
    ``lead_rate`` = leads / clicks, ``cpm`` = 1000 × spend / impressions,
    ``cpc`` = spend / clicks and ``cpl`` = spend / leads (NaN where the
    denominator is 0). With ``close_rate`` (share of leads that buy) it adds
    ``sales`` = leads × close_rate and ``cost_per_sale``. Sorted by ``cpl``.

    >>> ads = pd.DataFrame({"segment": ["a", "a", "b"], "impressions": [1000, 1000, 4000],
    ...                     "clicks": [10, 10, 20], "spend": [5.0, 5.0, 10.0], "leads": [2, 0, 1]})
    >>> segment_funnel(ads)[["clicks", "ctr", "lead_rate", "cpl"]]
             clicks    ctr  lead_rate   cpl
    segment
    a            20  0.010       0.10   5.0
    b            20  0.005       0.05  10.0
    """
    needed = [by, "impressions", "clicks", "spend", "leads"]
    missing = [c for c in needed if c not in ad_sets.columns]
    if missing:
        raise KeyError(f"ad_sets lack column(s) {missing}; need {needed}")
    if (ad_sets[needed[1:]] < 0).any().any():
        raise ValueError("impressions, clicks, spend and leads must not be negative")
    sums = ad_sets.groupby(by)[needed[1:]].sum()
    out = sums[["impressions", "clicks", "leads", "spend"]].copy()

    def ratio(a: pd.Series, b: pd.Series) -> pd.Series:
        return (a / b.where(b > 0)).astype(float)

    out["ctr"] = ratio(sums["clicks"], sums["impressions"])
    out["lead_rate"] = ratio(sums["leads"], sums["clicks"])
    out["cpm"] = 1000 * ratio(sums["spend"], sums["impressions"])
    out["cpc"] = ratio(sums["spend"], sums["clicks"])
    out["cpl"] = ratio(sums["spend"], sums["leads"])
    if close_rate is not None:
        close_rate = validate.number(None, "close_rate", close_rate, fraction=True)
        out["sales"] = out["leads"] * close_rate
        out["cost_per_sale"] = ratio(sums["spend"], out["sales"])
    return out.sort_values("cpl", kind="stable")


# ----------------------------------------------------------------------------- budget


@dataclass(frozen=True)
class Allocation:
    """Outcome of :func:`allocate_budget`: the per-ad-set ``table`` and the totals."""

    table: pd.DataFrame
    budget: float
    target_leads: float
    cpl_cap: float
    spend: float
    leads: float

    @property
    def cpl(self) -> float:
        """Expected cost per lead of the whole plan (NaN without leads)."""
        return self.spend / self.leads if self.leads > 0 else float("nan")

    @property
    def reaches_target(self) -> bool:
        """True when the plan is expected to bring at least the target number of leads."""
        return self.leads >= self.target_leads - 1e-9

    def text(self, currency: str = "") -> str:
        """The plan in one plain paragraph."""
        cur = f" {currency}" if currency else ""
        used = int((self.table["spend"] > 0).sum())
        money = ",.2f" if self.cpl_cap < 100 else ",.0f"   # cents for small currencies only
        head = (f"Spend {self.spend:,.0f}{cur} of {self.budget:,.0f}{cur} on {used} ad set(s) for about "
                f"{self.leads:,.0f} leads at {self.cpl:{money}}{cur} per lead "
                f"(cap {self.cpl_cap:{money}}{cur}). ")
        if self.reaches_target:
            return head + f"The target of {self.target_leads:,.0f} leads is reached."
        return head + (f"The target of {self.target_leads:,.0f} leads is NOT reached: raise the budget, "
                       "improve the ads, or accept fewer leads.")


def allocate_budget(ad_sets: pd.DataFrame, budget: float, target_leads: float, cpl_cap: float,
                    max_scale: float = 3.0, name: str = "ad_set") -> Allocation:
    """Spread a budget over ad sets to reach ``target_leads`` without paying more
    than ``cpl_cap`` for any lead.

    **Method** (greedy, cheapest leads first). Each ad set's cost per lead is
    taken from its history, cpl = spend / leads, and assumed *constant* up to a
    saturation cap of ``max_scale`` × its historical spend; beyond that the
    audience is used up. Ad sets with no leads (unknown cost) or a cpl above
    the cap are left out. The others are filled in order of cpl until the
    target is reached (the last one only partly) or the budget runs out.
    Under these assumptions the plan buys the target at the lowest total cost.

    **Limits.** Real ad auctions have *rising* marginal costs: the cheapest
    people in an audience are reached first, so doubling the spend usually
    less than doubles the leads. Historical cpl from a few leads is noisy. Treat
    the result as a starting split to test, then re-plan weekly with fresh data.

    Returns an :class:`Allocation` whose table has ``cpl``, ``max_spend``,
    ``spend``, ``leads`` (expected) and ``status`` per ad set.

    >>> ads = pd.DataFrame({"ad_set": ["A", "B", "C"], "spend": [100.0, 100.0, 100.0],
    ...                     "leads": [20, 10, 2]})
    >>> plan = allocate_budget(ads, budget=500, target_leads=70, cpl_cap=20)
    >>> plan.table[["cpl", "spend", "leads", "status"]]
            cpl  spend  leads                   status
    ad_set
    A       5.0  300.0   60.0  funded up to saturation
    B      10.0  100.0   10.0          funded (partly)
    C      50.0    0.0    0.0             CPL above cap
    >>> plan.spend, plan.leads, plan.reaches_target
    (400.0, 70.0, True)
    """
    for column in (name, "spend", "leads"):
        if column not in ad_sets.columns:
            raise KeyError(f"ad_sets lack the column {column!r}; need {name!r}, 'spend' and 'leads'")
    budget, target_leads, cpl_cap, max_scale = (
        validate.number("allocate_budget", label, value, positive=True)
        for label, value in (("budget", budget), ("target_leads", target_leads), ("cpl_cap", cpl_cap),
                             ("max_scale", max_scale)))
    if ad_sets[name].duplicated().any():
        raise ValueError(f"column {name!r} has repeated ad-set names; each ad set must appear once")
    if (ad_sets[["spend", "leads"]] < 0).any().any():
        raise ValueError("spend and leads must not be negative")
    table = ad_sets.set_index(name)[["spend", "leads"]].astype(float).rename(
        columns={"spend": "past_spend", "leads": "past_leads"})
    table["cpl"] = table["past_spend"] / table["past_leads"].where(table["past_leads"] > 0)
    table["max_spend"] = max_scale * table["past_spend"]
    table["spend"] = 0.0
    table["leads"] = 0.0
    table["status"] = "not needed"
    table.loc[table["cpl"].isna(), "status"] = "no leads yet: cost unknown"
    table.loc[table["cpl"] > cpl_cap + 1e-12, "status"] = "CPL above cap"
    money, leads_left = float(budget), float(target_leads)
    eligible = table[table["status"] == "not needed"].sort_values("cpl", kind="stable")
    for ad_set, row in eligible.iterrows():
        if leads_left <= 1e-9:
            break
        if money <= 1e-9:
            table.loc[ad_set, "status"] = "budget used up"
            continue
        spend = min(row["max_spend"], leads_left * row["cpl"], money)
        table.loc[ad_set, ["spend", "leads"]] = [spend, spend / row["cpl"]]
        table.loc[ad_set, "status"] = ("funded up to saturation" if spend >= row["max_spend"] - 1e-9
                                       else "funded (partly)")
        money -= spend
        leads_left -= spend / row["cpl"]
    table = table[["past_spend", "past_leads", "cpl", "max_spend", "spend", "leads", "status"]]
    table["spend"] = table["spend"].round(9)
    table["leads"] = table["leads"].round(9)
    return Allocation(table, float(budget), float(target_leads), float(cpl_cap),
                      float(table["spend"].sum()), float(table["leads"].sum()))


def allocation_figure(plan: Allocation, currency: str = "") -> go.Figure:
    """Bar chart: historical and planned spend per ad set, coloured by status."""
    table = plan.table
    cur = f" ({currency})" if currency else ""
    fig = go.Figure([
        go.Bar(x=table.index.astype(str), y=table["past_spend"], name="spent so far",
               marker_color=OKABE_ITO[4]),
        go.Bar(x=table.index.astype(str), y=table["spend"], name="planned",
               marker_color=OKABE_ITO[0], text=table["status"], textposition="none",
               hovertemplate="%{x}: %{y:,.0f} planned<br>%{text}<extra></extra>"),
    ])
    fig.update_layout(title=f"Budget plan: {plan.leads:,.0f} leads for {plan.spend:,.0f}{cur}",
                      barmode="group", xaxis_title="Ad set", yaxis_title=f"Spend{cur}", height=380)
    return fig


# ----------------------------------------------------------------------------- widgets



