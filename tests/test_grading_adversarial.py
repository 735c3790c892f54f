"""Adversarial submissions against ``smm grade``: one class, graded once.

The class is built in a temporary folder from the REAL notebooks:
``solutions/04_metrics.ipynb`` (a correct submission for whichever student ID
its folder has) and the generated ``exercises/04_metrics.ipynb``. Each
hostile student gets the right status and score, and the honest students
between them are still graded 16/16.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from smmlib.cli import main
from smmlib.grading.demo import (
    MARKER_SLEEP,
    after_setup,
    hostile_notebooks,
    insert_after,
    notebook_json,
    write_submission,
)

EXERCISE = "04_metrics"
FULL = 16
pytestmark = pytest.mark.slow
HAS_BWRAP = shutil.which("bwrap") is not None


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("adversarial")
    subs, out = root / "submitted", root / "out"
    victim = subs / "good1" / f"{EXERCISE}.ipynb"
    cases = hostile_notebooks(out, victim)
    for student, nb in cases.items():
        write_submission(subs, student, EXERCISE, nb)
    (subs / "no_notebook").mkdir()
    victim_bytes = victim.read_bytes()
    code = main(["grade", str(subs), "--exercise", EXERCISE, "--out", str(out), "--jobs", "2",
                 "--timeout", "10", "--memory", "512"])
    with open(out / "gradebook.csv", encoding="utf-8") as fh:
        rows = {row["student"]: row for row in csv.DictReader(fh)}
    return {"code": code, "rows": rows, "out": out, "subs": subs, "cases": cases,
            "victim": victim, "victim_bytes": victim_bytes}


def _row(graded, student):
    return graded["rows"][student]


def test_exit_code_is_zero_and_one_row_per_submission(graded):
    assert graded["code"] == 0
    expected = set(graded["cases"]) | {"no_notebook"}
    assert set(graded["rows"]) == expected


@pytest.mark.parametrize("student", ["good1", "good2", "zz_good3"])
def test_honest_students_get_full_marks(graded, student):
    row = _row(graded, student)
    assert (row["status"], float(row["score"])) == ("graded", FULL), row["notes"]


@pytest.mark.parametrize("student", ["loop", "loop_catch_all", "loop_no_alarm"])
def test_infinite_loops_time_out_and_keep_earlier_answers(graded, student):
    row = _row(graded, student)
    assert row["status"] == "timeout"
    assert row["q1"] == "1"
    assert float(row["duration_s"]) < 25


def test_infinite_loop_with_alarm_exports_answers_before_it(graded):
    row = _row(graded, "loop")
    assert [row[k] for k in ("q1", "q2", "q3", "q4")] == ["1", "1", "1", "0"]


@pytest.mark.parametrize("student", ["memory_bomb", "memory_grow"])
def test_memory_bombs(graded, student):
    row = _row(graded, student)
    assert row["status"] == "memory"
    assert row["q4"] == "1"


@pytest.mark.parametrize("student", ["sys_exit", "keyboard_interrupt", "duplicated", "magics",
                                     "huge_output", "id_reassigned", "fork_loop"])
def test_harmless_tricks_change_nothing(graded, student):
    row = _row(graded, student)
    assert (row["status"], float(row["score"])) == ("graded", FULL), row["notes"]


def test_killing_the_worker(graded):
    """As root, each child runs under its own user ID and cannot signal the
    worker: the trick changes nothing. As a normal user the child shares the
    worker's user ID, so the kill succeeds: the submission is recorded as
    crashed, the worker is restarted, and every other row stays right (the
    other tests of this module check those rows)."""
    row = _row(graded, "kill_worker")
    if os.getuid() == 0:
        assert (row["status"], float(row["score"])) == ("graded", FULL), row["notes"]
    else:
        assert row["status"] == "crashed"
        assert "stopped the grading worker" in row["notes"] and "restarted" in row["notes"]


def test_os_exit_keeps_answers_so_far(graded):
    row = _row(graded, "os_exit")
    assert row["status"] == "graded"
    assert float(row["score"]) == 5
    assert "ended its own process" in row["notes"]


def test_spawned_processes_are_killed(graded):
    leftovers = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if MARKER_SLEEP.encode() in cmdline:
                leftovers.append(entry)
    assert leftovers == []


def test_deleted_and_reordered_cells(graded):
    deleted = _row(graded, "deleted_cells")
    assert (deleted["status"], float(deleted["score"])) == ("graded", 4)
    reordered = _row(graded, "reordered")
    assert reordered["status"] == "graded"
    assert reordered["q1"] == "0" and reordered["q15"] == "1" and reordered["q16"] == "1"
    assert "NameError" in reordered["notes"]


@pytest.mark.parametrize("student", ["patch_checkers", "fake_score"])
def test_patching_or_printing_cannot_fake_a_score(graded, student):
    row = _row(graded, student)
    assert row["status"] == "graded"
    assert row["q1"] == "0"
    assert float(row["score"]) == FULL - 1


def test_edited_test_cells_change_nothing(graded):
    row = _row(graded, "edited_tests")
    assert (row["status"], row["score"], row["q1"]) == ("graded", "0", "0")


def test_tampering_with_files_is_contained(graded):
    row = _row(graded, "tamper_files")
    assert row["status"] == "graded" and float(row["score"]) == FULL
    assert graded["victim"].read_bytes() == graded["victim_bytes"]
    stored = json.loads((graded["out"] / "results" / "good1.json").read_text())
    assert stored["score"] == FULL
    feedback = (graded["out"] / "feedback" / "tamper_files.md").read_text()
    assert "hacked" not in feedback and "wrote " not in feedback


@pytest.mark.skipif(not HAS_BWRAP, reason="network isolation needs bubblewrap")
def test_no_network_in_the_sandbox(graded):
    row = _row(graded, "network")
    assert row["status"] == "graded"
    assert row["q9"] == "0"  # the placeholder, and no crash


def test_files_that_are_not_notebooks(graded):
    assert _row(graded, "not_json")["status"] == "unreadable"
    assert _row(graded, "zero_bytes")["status"] == "empty"
    assert _row(graded, "empty_notebook")["status"] == "empty"
    assert _row(graded, "other_exercise")["status"] == "wrong_exercise"
    assert _row(graded, "no_notebook")["status"] == "missing"
    for student in ("not_json", "zero_bytes", "empty_notebook", "other_exercise", "no_notebook"):
        assert _row(graded, student)["score"] == "0"
        assert (graded["out"] / "feedback" / f"{student}.html").exists()


def test_wrong_types_nan_and_infinity(graded):
    row = _row(graded, "wrong_types")
    assert row["status"] == "graded"
    assert [row[k] for k in ("q1", "q2", "q3", "q6", "q7")] == ["0"] * 5
    assert float(row["score"]) == FULL - 5
    results = json.loads((graded["out"] / "results" / "wrong_types.json").read_text())["results"]
    messages = {r["question"]: r["message"] for r in results}
    assert "remove the quotes" in messages["q1"]
    assert "NaN" in messages["q2"]
    assert "infinite" in messages["q6"]


def test_garbage_on_the_result_channel(graded):
    row = _row(graded, "fd_garbage")
    assert row["status"] == "graded"
    assert float(row["score"]) >= 15  # answers exported before the garbage count


def test_function_answers_run_sandboxed(graded):
    evil = _row(graded, "evil_function")
    assert evil["status"] == "graded" and evil["q8"] == "0"
    assert float(evil["score"]) == FULL - 1
    loops = _row(graded, "function_loops")
    assert loops["status"] == "graded" and loops["q8"] == "0"
    results = json.loads((graded["out"] / "results" / "function_loops.json").read_text())["results"]
    assert "did not finish" in {r["question"]: r["message"] for r in results}["q8"]


def test_disk_filling_is_stopped(graded):
    row = _row(graded, "disk_fill")
    assert row["status"] == "graded"
    assert row["q5"] == "1"


def test_nothing_passes_from_one_submission_to_the_next(tmp_path):
    """Run in one worker one after the other: a file left anywhere writable
    by the first notebook is gone for the second."""
    sol = notebook_json("correct", EXERCISE)
    places = "['left.txt', '/tmp/left.txt', '/dev/shm/left.txt', '/var/tmp/left.txt']"
    leaker = after_setup(sol, f"for p in {places}:\n    try:\n        open(p, 'w').write('secret')\n"
                               "    except OSError:\n        pass")
    reader = insert_after(sol, "q1_answer",
                           f"import os\nif any(os.path.exists(p) for p in {places}):\n    q1_answer = -1.0")
    subs, out = tmp_path / "subs", tmp_path / "out"
    write_submission(subs, "a_leaker", EXERCISE, leaker)
    write_submission(subs, "b_reader", EXERCISE, reader)
    assert main(["grade", str(subs), "--exercise", EXERCISE, "--out", str(out), "--jobs", "1",
                 "--timeout", "20"]) == 0
    with open(out / "gradebook.csv", encoding="utf-8") as fh:
        rows = {row["student"]: row for row in csv.DictReader(fh)}
    assert rows["a_leaker"]["score"] == "16"
    assert (rows["b_reader"]["status"], rows["b_reader"]["q1"]) == ("graded", "1")
