"""The ``smm grade`` sub-command (argument parsing and the summary it prints)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .vocabulary import status_help

__all__ = ["add_export_parser", "add_grade_parser", "add_review_parser", "run_export", "run_grade",
           "run_review_merge"]

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
  review/<question>.csv       every free-text answer, with empty points and comment cells
  review/<question>.html      the same answers beside the model answer and the rubric
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


REVIEW_DESCRIPTION = """\
Bring an instructor's review of free-text answers back into the grading.

smm grade writes DIR/review/<question>.csv for every free-text question: one
row per student with the answer and empty points and comment cells, and
DIR/review/<question>.html with the answers beside the model answer and the
rubric. Fill in points (0 to the max_points column; leave empty for answers not
reviewed yet) and, if you like, a comment; then run

  smm review merge DIR

Every sheet is checked first; if any cell is wrong (an unknown student, points
that are not a number or are out of range, an edited answer) the command lists
each problem with its file and line and changes nothing (exit code 2).
Otherwise the results, DIR/feedback/ and DIR/gradebook.csv are rewritten with
the points and comments. Merging again gives the same files; run it after
every change to the sheets, and after grading again.
"""


def add_review_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``review`` (with ``merge``) to the ``smm`` sub-commands."""
    p = sub.add_parser("review", help="merge an instructor's review of free-text answers into the grading",
                       description=REVIEW_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    m = actions.add_parser("merge", help="merge DIR/review/*.csv into the gradebook and the feedback",
                           description=REVIEW_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    m.add_argument("out", type=Path, metavar="DIR", help="the --out folder of smm grade")
    solutions = m.add_mutually_exclusive_group()
    solutions.add_argument("--show-solutions", dest="show_solutions", action="store_true", default=None,
                           help="include the worked solutions in the feedback files")
    solutions.add_argument("--no-solutions", dest="show_solutions", action="store_false",
                           help="leave the worked solutions out (default: as smm grade wrote them)")
    m.set_defaults(func=run_review_merge)
    return p


def run_review_merge(args: argparse.Namespace) -> int:
    """Run ``smm review merge``; return the exit code."""
    from .review import ReviewError, merge_reviews

    try:
        report = merge_reviews(args.out, args.show_solutions)
    except (ReviewError, OSError) as exc:
        print(f"smm review merge: error: {exc}", file=sys.stderr)
        return 2
    for line in report.lines():
        print(line)
    return 0


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
    p.add_argument("--lms", choices=("moodle", "canvas"),
                   help="also write DIR/<lms>-grades.csv for the LMS's grade import (see smm export)")
    p.add_argument("--roster", type=Path, metavar="CSV",
                   help="with --lms: roster mapping student IDs to LMS identities")
    p.set_defaults(func=run_grade)
    return p


EXPORT_DESCRIPTION = """\
Write grading output(s) of smm grade in the grade-import format of an LMS.

Each DIR is an --out folder of smm grade (or its gradebook.csv), one exercise
each; every exercise becomes one grade column. --lms moodle writes Moodle's
grade-import CSV (an identity column, '-' for no grade); --lms canvas writes
Canvas's gradebook CSV (Student, ID, SIS User ID, SIS Login ID, Section, the
assignment columns and a Points Possible row).

--roster CSV maps the course's student IDs to LMS identities; its header names
some of: student (required), name, email, idnumber, username (Moodle),
canvas_id, sis_user_id, sis_login_id, section (Canvas). Roster students with no
submission are written with no grade; graded students missing from the roster
are left out and listed. Without a roster the student ID is the Moodle ID
number / the Canvas SIS User ID. Exit code 2 for bad input.
"""


def add_export_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``export`` to the ``smm`` sub-commands."""
    p = sub.add_parser("export", help="write grades in Moodle's or Canvas's import format",
                       description=EXPORT_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="example:\n  smm export grading-04 grading-05 --lms canvas "
                              "--roster roster.csv --out canvas-grades.csv")
    p.add_argument("sources", type=Path, nargs="+", metavar="DIR",
                   help="output folder(s) of smm grade, one exercise each")
    p.add_argument("--lms", required=True, choices=("moodle", "canvas"))
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the CSV file to write")
    p.add_argument("--roster", type=Path, metavar="CSV", help="roster mapping student IDs to LMS identities")
    p.add_argument("--title", action="append", default=[], metavar="EXERCISE=COLUMN",
                   help="column name of an exercise in the LMS, e.g. "
                        "'04_metrics=Metrics exercise (1234)' (repeatable)")
    p.set_defaults(func=run_export)
    return p


def _export(sources: list[Path], lms: str, out: Path, roster: Path | None,
            titles: dict[str, str] | None = None) -> int:
    from .lms import LMSExportError, export_gradebook

    try:
        report = export_gradebook(sources, lms, out, roster, titles)
    except (LMSExportError, OSError) as exc:
        print(f"smm export: error: {exc}", file=sys.stderr)
        return 2
    for line in report.lines():
        print(line, file=sys.stderr if line.startswith("warning:") else sys.stdout)
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Run ``smm export``; return the exit code."""
    titles = {}
    for item in args.title:
        exercise, sep, column = item.partition("=")
        if not sep or not exercise.strip() or not column.strip():
            print(f"smm export: error: --title {item!r}: write EXERCISE=COLUMN", file=sys.stderr)
            return 2
        titles[exercise.strip()] = column.strip()
    return _export(args.sources, args.lms, args.out, args.roster, titles)


def _early_workers(args: argparse.Namespace, limits: Any) -> list[Any] | None:
    """Spawn the sandboxed workers before this process loads the exercise engine
    and pandas (about a second), so that the two start-ups overlap. When the
    arguments look wrong (no submissions folder, an exercise without a
    notebook, bubblewrap asked for but missing, ...), spawn nothing:
    :func:`~smmlib.grading.grader.grade_class` then reports the problem."""
    from ..paths import repo_root
    from .runner import detect_sandbox, hidden_paths, spawn_workers

    name = str(args.exercise).removesuffix(".ipynb")
    submissions: Path = args.submissions
    if not submissions.is_dir() or not (repo_root() / "exercises" / f"{name}.ipynb").is_file():
        return None
    try:
        # "auto" without a working bubblewrap raises here: grade_class then warns about it
        want = "none" if args.sandbox == "none" else "bwrap"
        sandbox = detect_sandbox(hidden_paths(submissions, args.out.resolve()), want)
        folders = sum(1 for p in submissions.iterdir() if p.is_dir())
        args.out.mkdir(parents=True, exist_ok=True)
        return spawn_workers(name, sandbox, limits, args.out.resolve(), max(1, min(args.jobs, folders)))
    except (OSError, RuntimeError, ValueError):
        return None


def run_grade(args: argparse.Namespace) -> int:
    """Run ``smm grade``; return the exit code."""
    from .runner import Limits

    if args.lms and args.roster:  # a bad roster is reported before any grading
        from .lms import LMSExportError, load_roster

        try:
            load_roster(args.roster)
        except LMSExportError as exc:
            print(f"smm grade: error: {exc}", file=sys.stderr)
            return 2

    try:
        limits = Limits(timeout=args.timeout, memory_mb=args.memory,
                        function_timeout=min(args.timeout, 10.0))
    except ValueError as exc:
        print(f"smm grade: error: {exc}", file=sys.stderr)
        return 2
    workers = _early_workers(args, limits)
    from .grader import GradeOptions, GradingError, grade_class

    try:
        options = GradeOptions(args.submissions, args.exercise, args.out, jobs=args.jobs, limits=limits,
                               force=args.force, show_solutions=args.show_solutions,
                               sandbox=args.sandbox)
        summary = grade_class(options, on_canary=lambda report: print(report.line(), flush=True),
                              workers=workers)
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
    from ..exercises import get_bank

    free_text = [q.key for q in get_bank(args.exercise).questions if q.kind == "thought"]
    if free_text:
        print(f"free-text answers to review: {args.out / 'review'}/ ({', '.join(free_text)}); "
              f"then smm review merge {args.out}")
    if args.lms:
        return _export([args.out], args.lms, args.out / f"{args.lms}-grades.csv", args.roster)
    if args.roster:
        print("smm grade: note: --roster is used only with --lms", file=sys.stderr)
    return 0
