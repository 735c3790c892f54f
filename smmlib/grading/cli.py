"""The ``smm grade`` sub-command (argument parsing and the summary it prints)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .vocabulary import status_help

__all__ = ["add_grade_parser", "run_grade"]

DESCRIPTION = """\
Grade every student's notebook of one exercise.

SUBMISSIONS holds one folder per student, named with the student's ID:
  SUBMISSIONS/<student_id>/<exercise>.ipynb
(nbgrader's submitted/<student_id>/<exercise>/<exercise>.ipynb works too).
The folder name is the student's personal ID: it is injected into the
notebook's parameters cell, and expected answers are recomputed for it.

Each notebook runs in its own sandboxed process (bubblewrap when installed:
read-only files, private /tmp, no network) with a time and a memory limit.
Answers are checked in the grader's own process.

First, a canary run grades the worked solution (it must score full marks) and
the untouched exercise (zero) the same way; if either is off, the grading
environment is broken: nothing is graded, no gradebook is written, and the
message says what broke. Writes into DIR:
  gradebook.csv              one row per submission (status, score, points per question)
  feedback/<student>.html    per-student feedback (and .md)
  results/<student>.json     per-submission results; a re-run skips unchanged notebooks
  canary.json                the canary run's outcome
  timings.json               where the time went (start-up, students' code, grader)
The exit code is 0 whatever the students' code did; 2 for bad arguments, an
unknown exercise, an unwritable DIR or a failed canary run.
"""

EPILOG = f"""\
statuses (a gradebook row's status):
{status_help()}

example:
  smm grade submitted/ --exercise 04_metrics --out grading-output --jobs 2
"""


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text}")
    return value


def add_grade_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``grade`` to the ``smm`` sub-commands."""
    p = sub.add_parser("grade", help="grade a class's notebooks of one exercise (sandboxed, in parallel)",
                       description=DESCRIPTION, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                   help="folder with one sub-folder per student (its name is the student ID)")
    p.add_argument("--exercise", required=True, metavar="NAME",
                   help="exercise notebook name, e.g. 04_metrics")
    p.add_argument("--out", required=True, type=Path, metavar="DIR",
                   help="output folder for gradebook.csv, feedback/ and results/")
    p.add_argument("--jobs", type=_positive_int, default=2, metavar="N",
                   help="submissions graded at the same time (default: 2)")
    p.add_argument("--timeout", type=_positive_float, default=60.0, metavar="S",
                   help="wall-clock seconds one notebook may run (default: 60)")
    p.add_argument("--memory", type=_positive_int, default=1024, metavar="MB",
                   help="memory one notebook may allocate, on top of the preloaded libraries "
                        "(default: 1024)")
    p.add_argument("--force", action="store_true",
                   help="re-grade every submission, even those whose notebook did not change")
    p.add_argument("--show-solutions", action="store_true",
                   help="include the worked solutions in the feedback files")
    p.add_argument("--sandbox", choices=("auto", "bwrap", "none"), default="auto",
                   help="auto: bubblewrap when it works here (default); bwrap: require it; "
                        "none: no sandbox (limits still apply)")
    p.set_defaults(func=run_grade)
    return p


def run_grade(args: argparse.Namespace) -> int:
    """Run ``smm grade``; return the exit code."""
    from .grader import GradeOptions, GradingError, grade_class
    from .runner import Limits

    try:
        limits = Limits(timeout=args.timeout, memory_mb=args.memory,
                        function_timeout=min(args.timeout, 10.0))
        options = GradeOptions(args.submissions, args.exercise, args.out, jobs=args.jobs, limits=limits,
                               force=args.force, show_solutions=args.show_solutions,
                               sandbox=args.sandbox)
        summary = grade_class(options, on_canary=lambda report: print(report.line(), flush=True))
    except (GradingError, ValueError) as exc:
        print(f"smm grade: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("smm grade: interrupted; the gradebook lists what was graded (run again to resume)",
              file=sys.stderr)
        return 130
    counts = ", ".join(f"{n} {status}" for status, n in sorted(summary.counts.items()))
    total = len(summary.results)
    print(f"{total} submission(s) of {args.exercise}: {counts or 'none found'}")
    print(f"graded {summary.regraded}, unchanged and skipped {summary.reused} "
          f"(sandbox: {summary.sandbox}) in {summary.seconds:.1f} s")
    print(f"gradebook: {args.out / 'gradebook.csv'}; feedback: {args.out / 'feedback'}/")
    return 0
