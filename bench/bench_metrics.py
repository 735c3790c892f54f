"""Benchmark: smmlib.metrics on whole columns vs a plain Python loop over the rows.

Builds ``--n`` generated posts (one million by default, seeded numpy) and times
four metrics two ways, best of ``--repeat`` runs with ``time.perf_counter``:

- vectorised: ``smmlib.metrics`` on the DataFrame columns (validation included);
- loop: what a student might write first -- a ``for`` loop over the rows
  (plain Python lists, so the loop is not slowed down further by pandas row
  access; ``df.iterrows()`` would be much slower still).

It prints the seconds for each and the speed-up ratio. Both ways must give the
same numbers (checked); the timings are only printed, never asserted.

Run: ``.venv/bin/python bench/bench_metrics.py [--n 1000000] [--repeat 3] [--seed 2024]``
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from smmlib import metrics

Z95 = NormalDist().inv_cdf(0.975)


def make_posts(n: int, seed: int = 2024) -> pd.DataFrame:
    """``n`` plausible posts: reach, impressions, engagements, clicks and spend (some zero)."""
    rng = np.random.default_rng(seed)
    reach = rng.negative_binomial(2, 0.0004, size=n)  # mean about 5,000
    reach[rng.random(n) < 0.01] = 0  # 1 % never shown: rates there are NaN (division by zero)
    impressions = reach + rng.binomial(reach, 0.35)  # frequency about 1.35
    engagements = rng.binomial(reach, rng.beta(2, 60, size=n))  # about 3 % of reach
    clicks = rng.binomial(impressions, rng.beta(2, 150, size=n))  # CTR about 1.3 %
    paid = rng.random(n) < 0.3
    spend = np.where(paid, np.round(rng.gamma(2.0, 15.0, size=n), 2), 0.0)
    return pd.DataFrame({"reach": reach, "impressions": impressions,
                         "engagements": engagements, "clicks": clicks, "spend": spend})


# A student's version: one row at a time, with the zero checks done by hand.

def loop_engagement_rate(engagements: list, reach: list) -> list[float]:
    return [e / r if r else math.nan for e, r in zip(engagements, reach, strict=True)]


def loop_ctr(clicks: list, impressions: list) -> list[float]:
    return [c / i if i else math.nan for c, i in zip(clicks, impressions, strict=True)]


def loop_cpm(spend: list, impressions: list) -> list[float]:
    return [s / i * 1000 if i else math.nan for s, i in zip(spend, impressions, strict=True)]


def loop_wilson(successes: list, trials: list) -> list[float]:
    out = []
    z2 = Z95 * Z95
    for s, n in zip(successes, trials, strict=True):
        if n == 0:
            out.append(math.nan)
            continue
        p = s / n
        centre = p + z2 / (2 * n)
        margin = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
        out.append(0.0 if s == 0 else min(max((centre - margin) / (1 + z2 / n), 0.0), 1.0))
    return out


@dataclass(frozen=True)
class Result:
    """Best-of-N timings of one metric."""

    metric: str
    vectorised_s: float
    loop_s: float

    @property
    def speedup(self) -> float:
        return self.loop_s / self.vectorised_s if self.vectorised_s > 0 else math.inf


def best_of(repeat: int, func: Callable[[], object]) -> tuple[float, object]:
    """Run ``func`` ``repeat`` times; return the fastest time in seconds and the last result."""
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def run(n: int = 1_000_000, repeat: int = 3, seed: int = 2024) -> list[Result]:
    """Time the four metrics both ways on ``n`` generated posts."""
    df = make_posts(n, seed)
    rows = {column: df[column].tolist() for column in df.columns}  # not timed
    cases = [
        ("engagement_rate", lambda: metrics.engagement_rate(df["engagements"], df["reach"]),
         lambda: loop_engagement_rate(rows["engagements"], rows["reach"])),
        ("ctr", lambda: metrics.ctr(df["clicks"], df["impressions"]),
         lambda: loop_ctr(rows["clicks"], rows["impressions"])),
        ("cpm", lambda: metrics.cpm(df["spend"], df["impressions"]),
         lambda: loop_cpm(rows["spend"], rows["impressions"])),
        ("wilson_lower_bound", lambda: metrics.wilson_lower_bound(df["clicks"], df["impressions"]),
         lambda: loop_wilson(rows["clicks"], rows["impressions"])),
    ]
    results = []
    for name, vectorised, loop in cases:
        vec_s, vec_out = best_of(repeat, vectorised)
        loop_s, loop_out = best_of(repeat, loop)
        if not np.allclose(np.asarray(vec_out), np.asarray(loop_out), equal_nan=True,
                           rtol=1e-9, atol=1e-12):
            raise RuntimeError(f"{name}: the vectorised and the loop results differ")
        results.append(Result(name, vec_s, loop_s))
    return results


def format_results(results: Sequence[Result], n: int, repeat: int) -> str:
    """A plain-text table of the results."""
    lines = [f"{n:,} posts, best of {repeat}",
             f"{'metric':<20} {'vectorised s':>13} {'loop s':>10} {'speed-up':>9}"]
    for r in results:
        lines.append(f"{r.metric:<20} {r.vectorised_s:>13.4f} {r.loop_s:>10.4f} "
                     f"{r.speedup:>8.1f}x")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> list[Result]:
    """Command-line entry point; returns the results so other scripts can reuse them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of posts (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the generated posts")
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")
    results = run(args.n, args.repeat, args.seed)
    print(format_results(results, args.n, args.repeat))
    return results


if __name__ == "__main__":
    main()
