"""How long the whole notebook suite takes to execute: serial vs parallel.

Runs the same command the test suite uses (pytest + nbval in lax mode) over
every notebook in chapters/, exercises/ and solutions/, once with one worker
and once with two (pytest-xdist, one notebook per worker), and prints both
times, the ratio, the time of each notebook in the serial run (kernel start
included), the CPU time of each run and the machine's load average before and
after it -- on a shared machine the load explains much of the variation in
wall time, while the CPU time hardly moves. Run it
on purpose: ``.venv/bin/python bench/bench_notebooks.py`` (``--serial-only``
skips the parallel run).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smmlib.paths import course_notebooks  # noqa: E402


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes (pytest, its workers and
    their kernels): unlike wall time, it hardly depends on what else the machine runs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def per_notebook(junit: Path) -> dict[str, float]:
    """Seconds per notebook (the sum of its cells' setup, call and teardown) from a JUnit XML report."""
    times: dict[str, float] = defaultdict(float)
    for case in ET.parse(junit).getroot().iter("testcase"):
        times[case.get("classname", "?").replace(".ipynb", "").replace(".", "/") + ".ipynb"] += float(
            case.get("time", 0))
    return dict(times)


def run_suite(workers: int, notebooks: list[Path], junit: Path | None = None) -> float:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax"]
    cmd += ["-n", str(workers), "--dist", "loadfile"] if workers > 1 else ["-p", "no:xdist"]
    cmd += [f"--junitxml={junit}"] if junit else []
    cmd += [str(p) for p in notebooks]
    before = _load()
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-2000:], sep="\n")
        raise SystemExit(f"the notebook suite failed with {workers} worker(s); fix it before benchmarking")
    print(f"  ({before} before, {_load()} after; {cpu:.1f} s of CPU, kernels included)")
    return elapsed


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="parallel workers (default 2)")
    parser.add_argument("--serial-only", action="store_true", help="run only the serial suite")
    args = parser.parse_args(argv)
    notebooks = course_notebooks()
    print(f"notebook suite: {len(notebooks)} notebooks, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "serial.xml"
        serial = run_suite(1, notebooks, junit)
        times = per_notebook(junit)
    print(f"  serial (1 worker):    {serial:7.1f} s")
    for name, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"    {seconds:6.1f} s  {name}")
    result = {"serial_s": serial, **{f"serial_s:{k}": v for k, v in times.items()}}
    if not args.serial_only:
        parallel = run_suite(args.workers, notebooks)
        print(f"  parallel ({args.workers} workers):  {parallel:7.1f} s")
        print(f"  speed-up: {serial / parallel:.2f}x")
        result["parallel_s"] = parallel
    return result


if __name__ == "__main__":
    main()
