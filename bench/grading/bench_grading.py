"""Benchmark: ``smm grade`` vs nbgrader's ``autograde`` on the same class.

Builds a class of N submissions of one exercise (a mix of correct, partly
wrong and broken notebooks made from the real solution notebook), grades it
with ``smm grade --jobs 2`` (sandbox on) and, in a separate virtual
environment (``bench/grading/.nbgrader-venv``, created on first run with
``python3 -m venv`` + ``pip install nbgrader``), with ``nbgrader autograde``
on the same notebooks, running the project's own Python kernel. ``smm
grade`` grades the class ``--smm-runs`` times, half before nbgrader and half
after (the machine's speed drifts over the minute nbgrader takes), and the
ratio uses the median of those runs. Prints seconds per submission for each and the throughput ratio::

    .venv/bin/python bench/grading/bench_grading.py [--students 60] [--nbgrader-students 21] [--smm-runs 4] [--skip-nbgrader]

Besides wall-clock seconds (which depend on the machine's load) it prints CPU
seconds (user + system) of each side, which other jobs on the machine disturb
much less: for nbgrader, its process and every process it waited for; for
``smm grade``, the grader's process and its workers with their children (from
``timings.json``: a sandbox's PID namespace hides the workers from getrusage).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VENV = HERE / ".nbgrader-venv"
EXERCISE = "04_metrics"
KINDS = ("correct", "partly_wrong", "broken")

sys.path.insert(0, str(ROOT))

from smmlib.grading.demo import hostile_notebooks, notebook_json, write_submission  # noqa: E402


def _with_id(nb: dict, student: str) -> dict:
    """The notebook with its parameters cell set to ``student`` (so that
    nbgrader, which injects nothing, computes on the same personal data)."""
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = f"student_id = {student!r}"
    return nb


def build(folder: Path, students: int, nbgrader_layout: bool) -> None:
    cache = {kind: notebook_json(kind, EXERCISE) for kind in KINDS}
    for i in range(students):
        student = f"s{i + 1:03d}"
        nb = _with_id(cache[KINDS[i % len(KINDS)]], student)
        if nbgrader_layout:
            path = folder / student / EXERCISE / f"{EXERCISE}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
        else:
            write_submission(folder, student, EXERCISE, nb)


def _children_cpu() -> float:
    """CPU seconds used so far by this process's finished (waited-for) descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def bench_smm(work: Path, students: int, jobs: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``smm grade`` on a class of ``students``
    (graded into a fresh output folder under ``work``)."""
    subs, out = work / "smm-submissions", work / "smm-out"
    if out.exists():
        shutil.rmtree(out)
    if not subs.exists():
        build(subs, students, nbgrader_layout=False)
    print(f"smm grade: starting ({_load()})", flush=True)
    started = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "smm"), "grade", str(subs), "--exercise", EXERCISE,
                    "--out", str(out), "--jobs", str(jobs), "--sandbox", "auto"], check=True)
    seconds = time.perf_counter() - started
    # the sandbox's PID namespace hides the workers from getrusage: smm grade counts them itself
    cpu = sum(json.loads((out / "timings.json").read_text(encoding="utf-8"))["run_cpu_s"].values())
    with open(out / "gradebook.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == students, "the gradebook must have one row per submission"
    print_split(out, students)
    print(f"smm grade: finished ({_load()})")
    return seconds, cpu


def print_split(out: Path, students: int) -> None:
    """Print where smm grade's time went (from its timings.json)."""
    data = json.loads((out / "timings.json").read_text(encoding="utf-8"))
    total = data["total_s"]
    per = data["per_submission_ms"]
    print(f"  worker start-up (once, workers in parallel): {total['startup']:.2f} s")
    if data.get("class_s"):
        print(f"  the class after start-up and the canary: {data['class_s']:.2f} s elapsed = "
              f"{1000 * data['class_s'] / students:.1f} ms per submission")
    print("  per submission, wall clock of each phase summed over submissions that overlap (ms): " + ", ".join(
        f"{name} {per[name]:.1f}" for name in ("code", "export", "child_other", "transfer", "functions",
                                               "scoring", "writing")))
    cpu = data.get("cpu_per_submission_ms")
    if cpu:
        print("  CPU time per submission (ms): " + ", ".join(
            f"{name} {cpu[name]:.1f}" for name in ("code", "child", "worker", "grader")))
        print(f"  grader overhead beyond the student's own code: "
              f"{sum(v for k, v in cpu.items() if k != 'code'):.1f} ms of CPU per submission")


def bench_hostile_class(work: Path, students: int, jobs: int) -> float:
    """A class of ``students`` of which 5% are hostile (the adversarial tests'
    notebooks, round robin) and the rest honest: every submission must get
    exactly one row, and every honest one full marks."""
    subs, out = work / "hostile-submissions", work / "hostile-out"
    hostile = {k: v for k, v in hostile_notebooks(out, subs / "s0001" / f"{EXERCISE}.ipynb").items()
               if not k.startswith(("good", "zz_good"))}
    names = sorted(hostile)
    honest = notebook_json("correct", EXERCISE)
    n_hostile = max(1, students // 20)
    kinds = {}
    for i in range(students):
        student = f"s{i + 1:04d}"
        if i % 20 == 19 and len([k for k in kinds.values() if k != "honest"]) < n_hostile:
            kind = names[(i // 20) % len(names)]
            write_submission(subs, student, EXERCISE, hostile[kind])
        else:
            kind = "honest"
            write_submission(subs, student, EXERCISE, _with_id(honest, student))
        kinds[student] = kind
    started = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "smm"), "grade", str(subs), "--exercise", EXERCISE,
                    "--out", str(out), "--jobs", str(jobs), "--timeout", "10", "--memory", "512"],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    with open(out / "gradebook.csv", encoding="utf-8") as fh:
        rows = {row["student"]: row for row in csv.DictReader(fh)}
    assert set(rows) == set(kinds), "one row per submission"
    wrong = [s for s, k in kinds.items() if k == "honest" and float(rows[s]["score"]) != 16]
    assert not wrong, f"honest submissions without full marks: {wrong[:5]}"
    used = sorted({k for k in kinds.values() if k != "honest"})
    print(f"hostile class: {students} submissions ({len(used)} hostile kinds, "
          f"{sum(k != 'honest' for k in kinds.values())} hostile), one row each, honest ones at full marks")
    print_split(out, students)
    return seconds


def ensure_nbgrader() -> Path:
    """The nbgrader venv (created when missing), with the project's kernel as python3."""
    nbgrader = VENV / "bin" / "nbgrader"
    if not nbgrader.exists():
        subprocess.run(["python3", "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "nbgrader"], check=True)
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "ipykernel", "install",
                    "--prefix", str(VENV), "--name", "python3", "--display-name", "SMM Workbook"],
                   check=True, capture_output=True)
    return nbgrader


def bench_nbgrader(work: Path, students: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``nbgrader autograde`` on a class of ``students``."""
    nbgrader = ensure_nbgrader()
    course = work / "course"
    source = course / "source" / EXERCISE
    source.mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / f"{EXERCISE}.ipynb", source / f"{EXERCISE}.ipynb")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.course_id = 'smm'\n"
        "c.ExecutePreprocessor.timeout = 60\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env_cwd = {"cwd": str(course), "check": True, "capture_output": True, "env": env}
    subprocess.run([str(nbgrader), "generate_assignment", EXERCISE, "--create", "--force"], **env_cwd)
    build(course / "submitted", students, nbgrader_layout=True)
    print(f"nbgrader autograde: starting ({_load()})", flush=True)
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([str(nbgrader), "autograde", EXERCISE, "--create", "--force"], **env_cwd)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    print(f"nbgrader autograde: finished ({_load()})")
    graded = list((course / "autograded").glob(f"*/{EXERCISE}/{EXERCISE}.ipynb"))
    assert len(graded) == students, f"nbgrader autograded {len(graded)} of {students}"
    return seconds, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--nbgrader-students", type=int, default=None, metavar="N",
                        help="grade only the first N of the class with nbgrader (default: all; "
                             "nbgrader takes seconds per notebook); ratios are per submission")
    parser.add_argument("--skip-nbgrader", action="store_true")
    parser.add_argument("--smm-runs", type=int, default=4, metavar="N",
                        help="grade the class N times with smm grade, half before nbgrader and half "
                             "after; the ratio uses their median (default: 4)")
    parser.add_argument("--hostile-class", type=int, default=0, metavar="N",
                        help="also grade a class of N submissions, 5%% of them hostile (e.g. 300)")
    args = parser.parse_args(argv)
    if args.smm_runs < 1:
        parser.error(f"--smm-runs must be at least 1, not {args.smm_runs}")
    with tempfile.TemporaryDirectory(prefix="smm-bench-grading-") as tmp:
        work = Path(tmp)
        if args.hostile_class:
            seconds = bench_hostile_class(work, args.hostile_class, args.jobs)
            print(f"hostile class: {seconds:.1f} s = {seconds / args.hostile_class:.3f} s per submission")
        before = max(1, args.smm_runs // 2)
        runs = []
        for _ in range(before if not args.skip_nbgrader else args.smm_runs):
            runs.append(bench_smm(work, args.students, args.jobs))
            _report_smm(runs[-1], args.students, args.jobs)
        if args.skip_nbgrader:
            return 0
        n_nb = min(args.nbgrader_students or args.students, args.students)
        try:
            nb, nb_cpu = bench_nbgrader(work, n_nb)
        except (subprocess.CalledProcessError, OSError, AssertionError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            print(f"nbgrader could not be measured: {exc}\n{detail.decode(errors='replace')[-2000:]}")
            return 1
        per_nb, cpu_nb = nb / n_nb, nb_cpu / n_nb
        print(f"nbgrader autograde: {nb:.1f} s for {n_nb} submissions "
              f"= {per_nb:.3f} s per submission; CPU {nb_cpu:.1f} s = {cpu_nb:.3f} s per submission")
        # the machine's speed drifts over the minute nbgrader takes, and a run of a few seconds
        # on both cores feels every burst: grade the class as often again after nbgrader, and
        # compare with the median of the runs before and after
        for _ in range(args.smm_runs - before):
            runs.append(bench_smm(work, args.students, args.jobs))
            _report_smm(runs[-1], args.students, args.jobs)
        smm = statistics.median(r[0] for r in runs)
        smm_cpu = statistics.median(r[1] for r in runs)
        per_smm, cpu_smm = smm / args.students, smm_cpu / args.students
        print(f"smm grade, median of {len(runs)} runs around nbgrader's: {per_smm:.3f} s per submission "
              f"(runs: {', '.join(f'{r[0] / args.students:.3f}' for r in runs)}); CPU {cpu_smm:.3f} s")
        print(f"throughput ratio (smm grade / nbgrader, wall clock): {per_nb / per_smm:.1f}x "
              f"(each run alone: {', '.join(f'{per_nb * args.students / r[0]:.1f}x' for r in runs)})")
        print(f"CPU ratio (nbgrader / smm grade, CPU seconds per submission): {cpu_nb / cpu_smm:.1f}x")
    return 0


def _report_smm(run: tuple[float, float], students: int, jobs: int) -> None:
    seconds, cpu = run
    print(f"smm grade --jobs {jobs}: {seconds:.1f} s for {students} submissions "
          f"= {seconds / students:.3f} s per submission (including worker start-up and the canary); "
          f"CPU {cpu:.1f} s = {cpu / students:.3f} s per submission")


if __name__ == "__main__":
    sys.exit(main())
