"""The grading environment: private folders, the canary run, and refusals.

A grade must never be silently wrong. These tests put the course, the
submissions and the output inside private (0700) folders, break the
environment on purpose (an unreadable dataset, a package missing in the
child), and check that ``smm grade`` either grades exactly as it does from a
readable folder or refuses before writing any row.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smmlib.cli import main
from smmlib.grading import runner
from smmlib.grading.canary import CANARY_ID, read_report
from smmlib.grading.demo import build_class
from smmlib.grading.runner import mount_layout, runtime_paths
from smmlib.paths import PACKAGE_DIR, repo_root

EXERCISE = "04_metrics"
ROOT = os.getuid() == 0
HAS_BWRAP = shutil.which("bwrap") is not None
SANDBOXES = ["auto", "none"]


def _rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8") as fh:
        rows = {r["student"]: r for r in csv.DictReader(fh)}
    for row in rows.values():
        row.pop("duration_s", None)
    return rows


def _private_course(base: Path) -> Path:
    """A copy of the course's files inside a private (0700) folder, as in a
    clone made by ``mktemp -d`` or under ``/root``."""
    base.mkdir(mode=0o700, exist_ok=True)
    base.chmod(0o700)
    course = base / "course"
    course.mkdir()
    for part in ("smmlib", "datasets", "solutions", "exercises"):
        shutil.copytree(repo_root() / part, course / part,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return course


def _grade_with(course: Path, args: list[str], env: dict[str, str] | None = None
                ) -> subprocess.CompletedProcess:
    """``smm grade`` run by a Python whose smmlib and course are ``course``."""
    full_env = {**os.environ, "SMM_WORKBOOK_ROOT": str(course), "PYTHONPATH": str(course),
                **(env or {})}
    return subprocess.run([sys.executable, "-m", "smmlib.cli", "grade", *args], capture_output=True,
                          text=True, env=full_env, cwd=course, timeout=600)


# ----------------------------------------------------------------------------- mount layout


def test_mount_layout_makes_private_parents_traversable(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "SANDBOX_TMPFS", ())  # tmp_path plays a real folder here
    monkeypatch.setattr(runner, "_traversable_by_others", lambda p: p != tmp_path / "home")
    private = tmp_path / "home"
    (private / "course" / "datasets").mkdir(parents=True)
    private.chmod(0o700)
    needed = [private / "course" / "datasets"]
    args = mount_layout(needed, [])
    # the private folder is replaced by an empty 0755 tmpfs, the folder below is
    # created 0755, and only the needed folder is bound back, read-only
    assert args[:4] == ["--perms", "0755", "--tmpfs", str(private)]
    assert ["--perms", "0755", "--dir", str(private / "course")] == args[4:8]
    assert args[8:] == ["--ro-bind", str(needed[0]), str(needed[0])]


def test_mount_layout_hides_after_binding_and_refuses_a_course_inside_a_hidden_folder(tmp_path):
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    (course / "smmlib").mkdir()
    args = mount_layout([course / "smmlib", course], [course / "solutions"])
    assert args.index("--ro-bind") < args.index("--tmpfs")  # the hiding tmpfs covers the binding
    assert args[-2:] == ["--tmpfs", str(course / "solutions")]
    with pytest.raises(ValueError, match="keep the course, the submissions and the output folder apart"):
        mount_layout([course / "smmlib"], [course])


def test_runtime_paths_cover_python_smmlib_and_datasets():
    paths = runtime_paths()
    assert any(PACKAGE_DIR.parent == p or PACKAGE_DIR.is_relative_to(p) for p in paths)
    assert any((repo_root() / "datasets").resolve().is_relative_to(p) for p in paths)
    assert any(Path(sys.base_prefix).resolve().is_relative_to(p) for p in paths)
    assert all(not (a != b and a.is_relative_to(b)) for a in paths for b in paths)


# ----------------------------------------------------------------------------- the canary


@pytest.mark.slow
@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_canary_is_printed_and_recorded(tmp_path, sandbox, capsys):
    subs, out = tmp_path / "subs", tmp_path / "out"
    build_class(subs, EXERCISE, 1)
    assert main(["grade", str(subs), "--exercise", EXERCISE, "--out", str(out), "--sandbox", sandbox]) == 0
    printed = capsys.readouterr().out
    assert "canary: ok (worked solution 16/16, untouched exercise 0/16" in printed
    report = read_report(out)
    assert report["ok"] is True and report["solution_score"] == 16 and report["exercise_score"] == 0
    assert CANARY_ID not in _rows(out)  # never a row of the gradebook


def _break_dataset(course: Path, how: str) -> None:
    path = course / "datasets" / "facebook_metrics.csv"
    if how == "permission":
        path.chmod(0)
    else:
        path.write_text("this;is;not;the;UCI;file\n1;2;3;4;5;6\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["permission", "damaged"])
def test_unreadable_dataset_is_refused_before_any_row(tmp_path, how):
    if how == "permission" and ROOT:
        pytest.skip("root reads a 0000 file; the worker then serves it from memory (nothing to refuse)")
    course = _private_course(tmp_path / "home")
    _break_dataset(course, how)
    subs, out = tmp_path / "subs", tmp_path / "out"
    build_class(subs, EXERCISE, 2)
    done = _grade_with(course, [str(subs), "--exercise", EXERCISE, "--out", str(out)])
    assert done.returncode == 2, done.stdout + done.stderr
    assert "canary: FAILED (worked solution" in done.stdout
    message = done.stderr
    assert "no submission was graded and no gradebook was written" in message
    assert "facebook_metrics.csv" in message and "cell 4" in message
    assert ("PermissionError" in message) if how == "permission" else ("does not have the columns" in message)
    assert not (out / "gradebook.csv").exists()
    assert not list((out / "results").glob("*.json"))
    assert not list((out / "feedback").glob("*"))
    assert read_report(out)["ok"] is False


def _needs_a_package_only_the_grader_has(course: Path, tmp_path: Path) -> dict[str, str]:
    """The worked solution imports a module found on the instructor's
    PYTHONPATH, which the sandboxed child (clean environment) does not have."""
    extra = tmp_path / "instructor-site"
    extra.mkdir()
    (extra / "course_helpers.py").write_text("TAG = 1\n", encoding="utf-8")
    path = course / "solutions" / f"{EXERCISE}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = next(c for c in nb["cells"] if c["cell_type"] == "code" and "import" in "".join(c["source"]))
    first["source"] = "import course_helpers\n" + "".join(first["source"])
    path.write_text(json.dumps(nb), encoding="utf-8")
    return {"PYTHONPATH": f"{course}{os.pathsep}{extra}"}


@pytest.mark.slow
@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_missing_package_in_the_child_is_refused(tmp_path, sandbox):
    course = _private_course(tmp_path / "home")
    env = _needs_a_package_only_the_grader_has(course, tmp_path)
    subs, out = tmp_path / "subs", tmp_path / "out"
    build_class(subs, EXERCISE, 2)
    done = _grade_with(course, [str(subs), "--exercise", EXERCISE, "--out", str(out),
                                "--sandbox", sandbox], env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "canary: FAILED" in done.stdout
    assert "No module named 'course_helpers'" in done.stderr
    assert "A package is missing where the grader runs" in done.stderr
    assert not (out / "gradebook.csv").exists()


@pytest.mark.slow
def test_every_exercise_passes_its_own_canary(tmp_path, capsys):
    """The worked solution of every exercise scores full marks through the
    grader, and every untouched exercise zero (the canary's premise)."""
    (tmp_path / "subs").mkdir()
    names = sorted(p.stem for p in (repo_root() / "solutions").glob("[0-9][0-9]_*.ipynb"))
    assert len(names) >= 9
    for name in names:
        assert main(["grade", str(tmp_path / "subs"), "--exercise", name, "--out", str(tmp_path / name),
                     "--jobs", "2"]) == 0, capsys.readouterr().err
        assert read_report(tmp_path / name)["ok"] is True, name


# ----------------------------------------------------------------------------- private folders


@pytest.mark.slow
@pytest.mark.skipif(not ROOT, reason="a private folder only blocks other users; the children switch "
                                     "to another user only when the grader runs as root")
@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_private_folder_grades_like_a_readable_one(tmp_path, sandbox):
    """The course, the submissions and the output all inside 0700 folders:
    the same gradebook as from readable folders, the solution at full marks."""
    readable = tmp_path / "open"
    readable.mkdir()
    readable.chmod(0o755)
    results = {}
    for label, base in (("private", tmp_path / "home"), ("readable", readable)):
        course = _private_course(base) if label == "private" else _copy_open(base)
        subs, out = base / "subs", base / "out"
        kinds = build_class(subs, EXERCISE, 4)
        done = _grade_with(course, [str(subs), "--exercise", EXERCISE, "--out", str(out),
                                    "--sandbox", sandbox, "--timeout", "30"])
        assert done.returncode == 0, done.stdout + done.stderr
        rows = _rows(out)
        results[label] = {s: {k: v for k, v in r.items() if k != "file"} for s, r in rows.items()}
        correct = [s for s, k in kinds.items() if k == "correct"]
        assert all(float(rows[s]["score"]) == 16 for s in correct), rows
    assert results["private"] == results["readable"]


def _copy_open(base: Path) -> Path:
    course = base / "course"
    for part in ("smmlib", "datasets", "solutions", "exercises"):
        shutil.copytree(repo_root() / part, course / part,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return course


def test_ci_runs_the_readme_command_in_a_private_clone():
    script = (repo_root() / ".ci" / "run").read_text(encoding="utf-8")
    assert "mktemp -d" in script and "make test" in script
