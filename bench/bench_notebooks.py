"""How long the whole notebook suite takes to execute: serial vs parallel.

Runs the same command the test suite uses (pytest + nbval in lax mode) over
every notebook in chapters/, exercises/ and solutions/, once with one worker
and once with two (pytest-xdist, one notebook per worker), and prints both
times and the ratio. Run it on purpose: ``.venv/bin/python bench/bench_notebooks.py``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smmlib.paths import course_notebooks  # noqa: E402


def run_suite(workers: int, notebooks: list[Path]) -> float:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax"]
    cmd += ["-n", str(workers), "--dist", "loadfile"] if workers > 1 else ["-p", "no:xdist"]
    cmd += [str(p) for p in notebooks]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-2000:], sep="\n")
        raise SystemExit(f"the notebook suite failed with {workers} worker(s); fix it before benchmarking")
    return elapsed


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="parallel workers (default 2)")
    args = parser.parse_args(argv)
    notebooks = course_notebooks()
    print(f"notebook suite: {len(notebooks)} notebooks")
    serial = run_suite(1, notebooks)
    print(f"  serial (1 worker):    {serial:7.1f} s")
    parallel = run_suite(args.workers, notebooks)
    print(f"  parallel ({args.workers} workers):  {parallel:7.1f} s")
    print(f"  speed-up: {serial / parallel:.2f}x")
    return {"serial_s": serial, "parallel_s": parallel}


if __name__ == "__main__":
    main()
