"""Exercise notebooks executed for real (papermill, a separate kernel):
untouched -> every question "not attempted"; solutions -> every check correct;
a deliberately wrong answer -> that check fails with its message. Outcomes are
read from the progress file the kernel writes (``SMM_STATE_DIR`` is a tmp folder)."""

from __future__ import annotations

import json
import os

import nbformat
import papermill
import pytest

from smmlib.exercises import BANKS
from smmlib.paths import repo_root

ROOT = repo_root()
NAMES = sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb"))
# (exercise, text to replace in the solution, replacement, question, words in its message)
WRONG = {
    "00_start_here": ("q1_answer = 54 / 1200", "q1_answer = 1200 / 54", "q1", "look swapped"),
    "01_roles": ("q3_answer = q2_shares.idxmin()", "q3_answer = q2_shares.idxmax()", "q3",
                 "the *largest* share of the week"),  # a declared misconception's message
    "02_strategy": ("q2_answer = target_leads * cpl_cap", "q2_answer = target_leads / cpl_cap", "q2",
                    "too low"),
    "03_platforms": ("q2_answer = rate.groupby(", "q2_answer = 100 * rate.groupby(", "q2",
                     "percentages instead of fractions"),
    "04_metrics": ("q1_answer = metrics.engagement_rate(", "q1_answer = 100 * metrics.engagement_rate(",
                   "q1", "looks like a percentage"),
    "05_pitfalls": ('q1_answer = flags.loc[flags["flagged"], "date"].tolist()',
                    'q1_answer = my_followers["date"].tolist()[:20]', "q1", "too many false alarms"),
    "06_community": ('q1_answer = (my_mentions["sentiment"] == "negative").mean()',
                     'q1_answer = 100 * (my_mentions["sentiment"] == "negative").mean()', "q1",
                     "looks like a percentage"),
    "07_paid": ("q2_answer = q1_answer.idxmin()", "q2_answer = q1_answer.idxmax()", "q2",
                "where each lead cost the *most*"),  # a declared misconception's message
    "08_capstone": ('"target_leads": target}', '"target_leads": target // 2}', "q4", "above the cap"),
    "10_short_video": ('q1_answer = float(my_curve["still_watching"].iloc[-1])',
                       'q1_answer = float(my_curve.set_index("second").loc[3, "still_watching"])', "q1",
                       "share still watching at 3 seconds"),  # a declared misconception's message
    "11_creators": ('q2_answer = engagements / (len(my_posts) * my_followers["followers"].iloc[-1])',
                    'q2_answer = engagements / my_posts["views"].sum()', "q2",
                    "engagement per view"),  # a declared misconception's message
    "12_measurement": ('q4_answer = float(rate["test"] / rate["holdout"] - 1)',
                       'q4_answer = float(rate["test"] - rate["holdout"])', "q4",
                       "That is the absolute lift"),  # a declared misconception's message
    "13_operations": ("q1_answer = first6.mean() / before.mean()", "q1_answer = first6.sum() / before.mean()", "q1",
                      "total of six hours"),  # a declared misconception's message
    "14_commerce": ('q3_answer = my_orders["value"].sum() / len(my_orders)',
                    'q3_answer = my_orders["value"].median()', "q3", "You took the median"),
}

pytestmark = pytest.mark.slow


def _run(source_path, tmp_path, student_id="student-42"):
    out = tmp_path / f"out-{source_path.name}"
    papermill.execute_notebook(str(source_path), str(out), parameters={"student_id": student_id},
                               cwd=str(source_path.parent), kernel_name="python3", progress_bar=False)
    state = json.loads((tmp_path / "smm-state" / "progress.json").read_text())
    return nbformat.read(out, as_version=4), state["exercises"]


def _outcomes(state, name):
    return {q: rec["outcome"] for q, rec in state[name]["questions"].items()}


@pytest.mark.parametrize("name", NAMES)
def test_untouched_exercise_runs_and_nothing_is_attempted(name, tmp_path):
    assert os.environ["SMM_STATE_DIR"] == str(tmp_path / "smm-state")
    _, state = _run(ROOT / "exercises" / f"{name}.ipynb", tmp_path)
    outcomes = _outcomes(state, name)
    assert set(outcomes) == {q.key for q in BANKS[name].questions}
    assert set(outcomes.values()) == {"not attempted"}
    assert state[name]["student_id"] == "student-42"  # the injected parameter was used


@pytest.mark.parametrize("name", NAMES)
def test_solution_notebook_passes_every_check(name, tmp_path):
    _, state = _run(ROOT / "solutions" / f"{name}.ipynb", tmp_path, student_id="someone-else")
    outcomes = _outcomes(state, name)
    # free-text answers are recorded as answered (a person reads them), never as correct
    assert outcomes == {q.key: "correct" if q.graded else "answered" for q in BANKS[name].questions}


@pytest.mark.parametrize("name", NAMES)
def test_a_wrong_answer_fails_with_its_message(name, tmp_path):
    old, new, key, words = WRONG[name]
    nb = nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and old in c.source]
    assert len(cells) == 1, f"the test's target text {old!r} is no longer in solutions/{name}.ipynb"
    cells[0].source = cells[0].source.replace(old, new)
    broken = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, broken)
    executed, state = _run(broken, tmp_path)
    outcomes = _outcomes(state, name)
    assert outcomes.pop(key) == "incorrect"
    assert set(outcomes.values()) <= {"correct", "answered"}
    cell = next(c for c in executed.cells if c.cell_type == "code" and new in c.source)
    shown = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
    assert f"✗ {key} — Not yet" in shown and words in shown
