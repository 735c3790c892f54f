"""Unit and end-to-end tests of ``smm grade`` (smmlib.grading)."""

from __future__ import annotations

import csv
import json
import math
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmlib.cli import build_parser, main
from smmlib.engine.checking import Outcome
from smmlib.exercises import get_bank
from smmlib.grading.demo import build_class, notebook_json, replace_answer, write_submission
from smmlib.grading.export import FunctionAnswer, Unsupported, decode, encode, import_preamble
from smmlib.grading.feedback import feedback_html, feedback_markdown
from smmlib.grading.gradebook import SubmissionResult, atomic_write, load_result, write_gradebook
from smmlib.grading.grader import Timings, _account, _interpret, score_answers
from smmlib.grading.protocol import FrameError, read_frame, write_frame
from smmlib.grading.runner import Limits, Sandbox
from smmlib.grading.submissions import Cell, discover, inject_student_id, read_notebook_bytes

EXERCISE = "04_metrics"


def _roundtrip(value):
    return decode(json.loads(json.dumps(encode(value), allow_nan=False)))


# ----------------------------------------------------------------------------- export


@pytest.mark.parametrize("value", [None, True, 3, -2.5, "text", [1, [2, "a"]], {"a": 1, 2: "b"},
                                   (1, 2), Ellipsis])
def test_plain_values_round_trip(value):
    assert _roundtrip(value) == value
    assert type(_roundtrip(value)) is type(value)


def test_nan_and_infinity_round_trip_without_invalid_json():
    out = _roundtrip([float("nan"), float("inf"), -math.inf])
    assert math.isnan(out[0]) and out[1] == math.inf and out[2] == -math.inf


def test_numpy_scalars_become_python_values():
    assert _roundtrip(np.int64(7)) == 7 and type(_roundtrip(np.int64(7))) is int
    assert type(_roundtrip(np.float64(0.5))) is float
    assert _roundtrip(np.bool_(True)) is True


def test_series_and_frames_round_trip():
    s = pd.Series([0.1, float("nan")], index=pd.Index(["fb", "ig"], name="platform"), name="rate")
    pd.testing.assert_series_equal(_roundtrip(s), s)
    df = pd.DataFrame({"reach": [10.5, 20.0], "engaged_users": [1, 2]}, index=pd.Index([0, 1], name="paid"))
    pd.testing.assert_frame_equal(_roundtrip(df), df)
    multi = pd.Series([1, 2], index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["x", "y"]))
    pd.testing.assert_series_equal(_roundtrip(multi), multi)
    empty = pd.Series([], dtype=float)
    assert len(_roundtrip(empty)) == 0


def test_subclasses_lose_their_behaviour():
    class Sneaky(float):
        def __eq__(self, other):
            return True

    out = _roundtrip(Sneaky(1.5))
    assert type(out) is float and out == 1.5 and out != 2


def test_unknown_types_become_unsupported_markers():
    out = _roundtrip(object())
    assert isinstance(out, Unsupported) and out.type_name == "object"


def test_functions_export_their_source_not_the_object():
    def double(x):
        return 2 * x

    out = _roundtrip(double)
    assert isinstance(out, FunctionAnswer) and "return 2 * x" in out.source


def test_decode_rejects_unknown_tags():
    with pytest.raises(ValueError, match="unknown tag"):
        decode({"t": "pickle", "v": "..."})


def test_import_preamble_keeps_only_imports():
    text = import_preamble(["import numpy as np\nx = 1", "from smmlib import metrics, utm", "def ("])
    assert "import numpy as np" in text and "from smmlib import metrics, utm" in text
    assert "x = 1" not in text


# ----------------------------------------------------------------------------- protocol


def test_frames_round_trip_and_reject_garbage():
    r, w = os.pipe()
    write_frame(w, {"v": [1, "a"]})
    assert read_frame(r, deadline=None) == {"v": [1, "a"]}
    os.write(w, b"\x00\x00\x00\x03abc")
    with pytest.raises(FrameError, match="malformed"):
        read_frame(r, deadline=None)
    os.write(w, b"\x7f\xff\xff\xff")
    with pytest.raises(FrameError, match="larger than the limit"):
        read_frame(r, deadline=None, limit=1000)
    os.close(w)
    with pytest.raises(FrameError):
        read_frame(r, deadline=None)
    os.close(r)


# ----------------------------------------------------------------------------- submissions


def test_discover_both_layouts_and_missing(tmp_path):
    (tmp_path / "ana").mkdir()
    (tmp_path / "ana" / f"{EXERCISE}.ipynb").write_text("{}")
    (tmp_path / "ben" / EXERCISE).mkdir(parents=True)
    (tmp_path / "ben" / EXERCISE / f"{EXERCISE}.ipynb").write_text("{}")
    (tmp_path / "cy").mkdir()
    (tmp_path / "cy" / "Copy of 04.ipynb").write_text("{}")
    (tmp_path / "dee").mkdir()
    (tmp_path / ".ipynb_checkpoints").mkdir()
    found = {s.student: s for s in discover(tmp_path, EXERCISE)}
    assert sorted(found) == ["ana", "ben", "cy", "dee"]
    assert found["ben"].path == tmp_path / "ben" / EXERCISE / f"{EXERCISE}.ipynb"
    assert "only notebook" in found["cy"].note
    assert found["dee"].path is None


def test_read_notebook_statuses():
    assert read_notebook_bytes(b"\xff\xfe", EXERCISE).status == "unreadable"
    assert read_notebook_bytes(b"[1, 2]", EXERCISE).status == "unreadable"
    assert read_notebook_bytes(b"  ", EXERCISE).status == "empty"
    md_only = {"cells": [{"cell_type": "markdown", "source": "hi", "metadata": {}}]}
    assert read_notebook_bytes(json.dumps(md_only).encode(), EXERCISE).status == "empty"
    other = {"cells": [{"cell_type": "code", "metadata": {},
                        "source": ["ex = exercises.start(", "'00_start_here', student_id)"]}]}
    parsed = read_notebook_bytes(json.dumps(other).encode(), EXERCISE)
    assert parsed.status == "wrong_exercise" and "00_start_here" in parsed.note
    real = read_notebook_bytes(json.dumps(notebook_json("untouched", EXERCISE)).encode(), EXERCISE)
    assert real.status is None and len(real.code) > 10


def test_inject_student_id_replaces_the_parameters_cell_or_adds_one():
    cells = [Cell("code", "x = 1"), Cell("code", 'student_id = "self-learner"', ("parameters",))]
    out = inject_student_id(cells, "o'brien")
    assert out[0].source == "x = 1"
    assert out[1].source == "student_id = \"o'brien\"  # injected by smm grade"
    out = inject_student_id([Cell("code", "x = 1")], "ana")
    assert out[0].source.startswith("student_id = 'ana'") and out[1].source == "x = 1"


# ----------------------------------------------------------------------------- checking in the grader


def test_score_answers_uses_the_folder_id_and_the_engine():
    bank = get_bank(EXERCISE)
    ctx = bank.context("ana")
    right = bank.question("q1").expected_value(ctx)
    results = score_answers(bank, "ana", {"q1_answer": right, "q2_answer": "1.5"}, run_function=None)
    by_key = {r.question: r for r in results}
    assert by_key["q1"].outcome is Outcome.CORRECT
    assert by_key["q2"].outcome is Outcome.INCORRECT and "quotes" in by_key["q2"].message
    assert by_key["q3"].outcome is Outcome.NOT_ATTEMPTED
    other = score_answers(bank, "ben", {"q1_answer": right}, run_function=None)
    assert other[0].outcome is Outcome.INCORRECT  # ben's expected answer differs


def test_function_source_is_never_run_in_the_grader():
    bank = get_bank(EXERCISE)
    calls = []

    def fake_runner(question, name, source):
        calls.append((question.key, name))
        return {"type": "job_done", "frames": [{"type": "case", "value": "on target"}] * 5}

    source = "import os\nos._exit(3)\ndef cpl_status(s, l, t):\n    return 'x'"
    results = score_answers(bank, "ana", {"cpl_status": FunctionAnswer("cpl_status", source),
                                          "engagement_rates": source}, fake_runner)
    q8 = {r.question: r for r in results}["q8"]
    assert calls == [("q8", "cpl_status"), ("q11", "engagement_rates")]
    assert q8.outcome is Outcome.INCORRECT and "expensive leads" in q8.message


def test_interpret_statuses():
    limits = Limits(timeout=10, memory_mb=512)
    positions = [1, 3, 5]
    done = {"type": "job_done", "frames": [{"type": "cell", "i": 0}, {"type": "answers", "v": {"a": 1}},
                                           {"type": "done"}]}
    assert _interpret(done, positions, limits)[0] == "graded"
    early = {"type": "job_done", "exit_code": 0, "frames": [{"type": "cell", "i": 1}]}
    assert _interpret(early, positions, limits)[0] == "crashed"
    early["frames"].append({"type": "answers", "v": {"a": 1}})
    status, answers, notes = _interpret(early, positions, limits)
    assert (status, answers) == ("graded", {"a": 1}) and "cell 3" in notes[0]
    assert _interpret({"type": "job_done", "timed_out": True, "frames": []}, positions, limits)[0] == "timeout"
    assert _interpret({"type": "job_done", "signal": 9, "frames": []}, positions, limits)[0] == "memory"
    assert _interpret({"type": "worker_lost"}, positions, limits)[0] == "crashed"


def test_child_batches_answers_with_the_next_cell_and_resends_only_what_may_have_changed(tmp_path):
    from smmlib.grading import zygote

    cells = ["q7_answer = ['a']\nq1_answer = 0.5", "q7_answer.append('b')", "q2_answer = 2.0"]
    job = {"type": "notebook", "exercise": EXERCISE, "student": "ana", "cells": cells, "timeout": 60,
           "soft_timeout": 50, "function_timeout": 5, "memory_mb": 1024}
    config = {"tmp": str(tmp_path), "fsize_mb": 8, "disk_mb": 64, "nproc": 0, "uid": None}
    frames = zygote.run_job(job, config)["frames"]
    kinds = [f["type"] for f in frames]
    # the answers of cell 0 travel just before cell 1 starts: a crash in cell 1 cannot lose them
    assert kinds[:4] == ["cell", "answers", "cell", "cell"]
    assert frames[1]["v"]["q7_answer"] == ["a"] and frames[1]["v"]["q1_answer"] == 0.5
    *_, last_cell, final = [f["v"] for f in frames if f["type"] == "answers"]
    assert last_cell == {"q2_answer": 2.0} and kinds[-1] == "done"
    # at the end, the list changed in place is sent again; the same floats are not
    assert final == {"q7_answer": ["a", "b"]}
    status, answers, _notes = _interpret(zygote.run_job(job, config), [1, 2, 3], Limits())
    assert status == "graded" and answers["q7_answer"] == ["a", "b"] and answers["q1_answer"] == 0.5


def test_cpu_time_split_trusts_the_kernel_over_the_child():
    timings = Timings()
    reply = {"type": "job_done", "duration": 0.2, "child_cpu_s": 0.05, "worker_cpu_s": 0.01,
             "frames": [{"type": "done", "code_s": 0.1, "code_cpu_s": 0.08, "export_s": 0.01,
                         "functions_s": 0.0}]}
    _account(timings, reply, 0.21)
    timings.add("writing", 0.0, submissions=1)
    cpu = timings.to_dict()["cpu_per_submission_ms"]
    # the child claimed more CPU for the student's code than the kernel gave it in all
    assert cpu == pytest.approx({"code": 50.0, "child": 0.0, "worker": 10.0, "grader": 0.0})
    reply["frames"][0]["code_cpu_s"] = "lots"
    _account(timings, reply, 0.21)
    assert timings.cpu["code"] == pytest.approx(0.05) and timings.cpu["child"] == pytest.approx(0.05)


def test_limits_reject_nonsense():
    with pytest.raises(ValueError, match="timeout"):
        Limits(timeout=0)
    with pytest.raises(ValueError, match="memory"):
        Limits(memory_mb=1)


def test_bwrap_command_hides_submissions_and_output(tmp_path):
    subs, out = Path("/srv/class/submitted"), Path("/srv/class/out")
    cmd = Sandbox("bwrap", (subs, out), "/usr/bin/bwrap").command(0)
    for flag in ("--unshare-net", "--unshare-pid", "--die-with-parent"):
        assert flag in cmd
    assert cmd[cmd.index("--ro-bind") + 1:cmd.index("--ro-bind") + 3] == ["/", "/"]
    assert ["--tmpfs", "/tmp"] == cmd[cmd.index("/tmp") - 1:cmd.index("/tmp") + 1]


# ----------------------------------------------------------------------------- files


def _result(student="ana", status="graded", notes=()):
    bank = get_bank(EXERCISE)
    results = score_answers(bank, student, {"q15_answer": ["a", "c"], "q9_answer": "<b>x</b>"}, None)
    return SubmissionResult(student, EXERCISE, status, sum(r.points for r in results), bank.max_points,
                            results, list(notes), 0.5, "ab" * 32, f"{student}/{EXERCISE}.ipynb")


def test_result_json_round_trip(tmp_path):
    from smmlib.grading.gradebook import save_result

    result = _result()
    save_result(tmp_path, result)
    assert load_result(tmp_path, "ana") == result
    (tmp_path / "results" / "ben.json").write_text("{broken")
    assert load_result(tmp_path, "ben") is None


def test_gradebook_columns_and_formula_safety(tmp_path):
    path = tmp_path / "gradebook.csv"
    write_gradebook(path, [_result(), _result("=cmd()", "timeout", ["=HYPERLINK()"])],
                    [q.key for q in get_bank(EXERCISE).questions])
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0])[:5] == ["student", "exercise", "status", "score", "max_score"]
    assert {"q1", "q17", "duration_s", "sha256"} <= set(rows[0])
    assert rows[0]["q15"] == "1" and rows[0]["q17"] == "not attempted" and rows[0]["score"] == "1"
    assert rows[1]["student"] == "'=cmd()" and rows[1]["notes"].startswith("'=")


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    atomic_write(tmp_path / "a.txt", "one")
    atomic_write(tmp_path / "a.txt", "two")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert (tmp_path / "a.txt").read_text() == "two"


def test_feedback_escapes_and_hides_solutions():
    result = _result(notes=["cell 3: <script>alert(1)</script>"])
    page = feedback_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "✓" in page and "Not attempted" in page
    md = feedback_markdown(result)
    heading = get_bank(EXERCISE).question("q15").heading
    assert f"| q15 · {heading} | ✓ Correct | 1/1 |" in md  # the question named by its heading
    assert "Worked solutions" not in md
    shown = feedback_markdown(result, {"q15": "q15_answer = ['a', 'c']"})
    assert "Worked solutions" in shown and "q15_answer = ['a', 'c']" in shown


# ----------------------------------------------------------------------------- the command


def test_help_reads_well(capsys):
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["grade", "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for word in ("SUBMISSIONS/<student_id>/<exercise>.ipynb", "--timeout", "--memory", "--force",
                 "gradebook.csv", "wrong_exercise"):
        assert word in text


def test_grader_errors_give_exit_code_2(tmp_path, capsys):
    (tmp_path / "subs").mkdir()
    assert main(["grade", str(tmp_path / "nope"), "--exercise", EXERCISE, "--out", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["grade", str(tmp_path / "subs"), "--exercise", "04_metrix", "--out", str(tmp_path / "o")]) == 2
    assert "04_metrics" in capsys.readouterr().err  # "did you mean"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["grade", str(tmp_path / "subs"), "--exercise", EXERCISE, "--out", str(blocker / "o")]) == 2
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["grade", str(tmp_path / "subs"), "--exercise", EXERCISE, "--out", "o", "--jobs", "0"])


@pytest.mark.slow
@pytest.mark.parametrize("sandbox", ["auto", "none"])
def test_end_to_end_skip_resume_and_force(tmp_path, sandbox, capsys):
    subs, out = tmp_path / "subs", tmp_path / "out"
    kinds = build_class(subs, EXERCISE, 4)
    args = ["grade", str(subs), "--exercise", EXERCISE, "--out", str(out), "--timeout", "30",
            "--sandbox", sandbox]
    assert main(args) == 0
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open(encoding="utf-8"))}
    scores = {s: float(rows[s]["score"]) for s in rows}
    assert kinds == {"student001": "correct", "student002": "partly_wrong", "student003": "untouched",
                     "student004": "broken"}
    assert scores == {"student001": 16, "student002": 14, "student003": 0, "student004": 15}
    assert "NameError" in rows["student004"]["notes"]
    assert all(r["status"] == "graded" for r in rows.values())
    first = (out / "results" / "student001.json").stat().st_mtime_ns
    capsys.readouterr()
    # unchanged: skipped; an "interrupted run" (a missing result) resumes; a changed notebook is regraded
    (out / "results" / "student003.json").unlink()
    write_submission(subs, "student002", EXERCISE, notebook_json("correct", EXERCISE))
    assert main(args) == 0
    assert "graded 2, unchanged and skipped 2" in capsys.readouterr().out
    assert (out / "results" / "student001.json").stat().st_mtime_ns == first
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open(encoding="utf-8"))}
    assert float(rows["student002"]["score"]) == 16 and rows["student003"]["status"] == "graded"
    began = time.perf_counter()
    assert main([*args, "--force"]) == 0
    elapsed = time.perf_counter() - began
    assert "graded 4, unchanged and skipped 0" in capsys.readouterr().out
    assert (out / "feedback" / "student002.html").exists() and (out / "feedback" / "student002.md").exists()
    timings = json.loads((out / "timings.json").read_text(encoding="utf-8"))
    assert timings["submissions"] == 4 and timings["run_cpu_s"]["workers"] > 0  # reported by each worker
    assert timings["cpu_per_submission_ms"]["code"] > 0 and timings["cpu_per_submission_ms"]["grader"] > 0
    # the class's own elapsed time: after the workers' start-up and the canary, so less than the run's
    assert 0 < timings["class_s"] < elapsed - timings["total_s"]["startup"]


@pytest.mark.slow
def test_nbgrader_layout_and_personal_answers(tmp_path):
    subs, out = tmp_path / "submitted", tmp_path / "out"
    nb = notebook_json("correct", EXERCISE)
    path = subs / "ana" / EXERCISE / f"{EXERCISE}.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(nb))
    # ben copied ana's literal q1 value: wrong for ben's personal data
    q1 = get_bank(EXERCISE).question("q1").expected_value(get_bank(EXERCISE).context("ana"))
    write_submission(subs, "ben", EXERCISE, replace_answer(nb, "q1_answer", repr(q1)))
    assert main(["grade", str(subs), "--exercise", EXERCISE, "--out", str(out), "--timeout", "30",
                 "--show-solutions"]) == 0
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open(encoding="utf-8"))}
    assert float(rows["ana"]["score"]) == 16 and rows["ana"]["file"] == f"ana/{EXERCISE}/{EXERCISE}.ipynb"
    assert rows["ben"]["q1"] == "0" and float(rows["ben"]["score"]) == 15
    assert "Worked solutions" in (out / "feedback" / "ben.md").read_text()


@pytest.mark.slow
def test_workers_asked_to_exit_together_still_report_their_cpu(tmp_path):
    """stop_workers asks every worker to finish, then collects each: a worker
    that has already exited by then still has its goodbye (with its CPU time)
    waiting in the pipe, and it is counted."""
    from smmlib.grading.runner import Worker, stop_workers

    workers = [Worker(i, EXERCISE, Sandbox("none"), Limits(), tmp_path / f".worker-{i}.log") for i in range(2)]
    try:
        for w in workers:
            w.start()
        for w in workers:
            w.ask_to_exit()
        for w in workers:
            w.process.wait(timeout=30)  # gone before stop() collects it
    finally:
        stop_workers(workers)
    for w in workers:
        assert w.process is None
        assert w.cpu_seconds > 0.1, "a worker's start-up alone takes more CPU than this"


@pytest.mark.slow
def test_a_notebook_that_draws_a_chart_is_graded_as_any_other(tmp_path):
    """The workers build no chart template (no exercise is a chart): a
    notebook that draws one builds plotly's figure machinery in its own child
    and is graded as usual."""
    from smmlib.grading.demo import after_setup

    subs, out = tmp_path / "subs", tmp_path / "out"
    chart = ("import plotly.express as px\n"
             "fig = px.bar(x=['a', 'b'], y=[1, 2], title='Reach by post', labels={'x': 'Post', 'y': 'Reach'})\n"
             "fig.show()\n")
    write_submission(subs, "cara", EXERCISE, after_setup(notebook_json("correct", EXERCISE), chart))
    assert main(["grade", str(subs), "--exercise", EXERCISE, "--out", str(out), "--timeout", "60"]) == 0
    row = next(csv.DictReader((out / "gradebook.csv").open(encoding="utf-8")))
    assert (row["status"], float(row["score"]), row["notes"]) == ("graded", 16.0, "")
