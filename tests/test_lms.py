"""LMS export (smmlib.grading.lms, ``smm export``): files checked against the
columns Moodle's and Canvas's grade imports document, rosters, bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from smmlib.cli import main
from smmlib.grading.gradebook import SubmissionResult, write_gradebook
from smmlib.grading.lms import LMSExportError, export_gradebook, load_roster

# Canvas Instructor Guide, "How do I import grades in the Gradebook?": the
# required leading columns, then the assignments; Canvas's export adds a
# "Points Possible" row under the header.
CANVAS_REQUIRED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def _gradebook(out: Path, exercise: str, rows: list[tuple[str, str, float, float]]) -> Path:
    """Write a gradebook.csv the way smm grade does, from (student, status, score, max)."""
    results = [SubmissionResult(s, exercise, status, score, mx) for s, status, score, mx in rows]
    write_gradebook(out / "gradebook.csv", results, [])
    return out


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def two_exercises(tmp_path):
    g4 = _gradebook(tmp_path / "g04", "04_metrics",
                    [("ana", "graded", 7.5, 10), ("ben", "timeout", 3, 10), ("cy", "missing", 0, 0),
                     ("-dan", "crashed", 0, 0), ("eve", "graded", 10, 10)])
    g5 = _gradebook(tmp_path / "g05", "05_pitfalls", [("ana", "graded", 4, 6), ("ben", "pending", 0, 6)])
    return g4, g5


def test_canvas_without_roster_has_the_documented_columns_and_points_row(tmp_path, two_exercises):
    out = tmp_path / "canvas.csv"
    report = export_gradebook(list(two_exercises), "canvas", out)
    rows = _read(out)
    assert rows[0] == [*CANVAS_REQUIRED, "04_metrics", "05_pitfalls"]
    assert rows[1][0].strip() == "Points Possible" and rows[1][5:] == ["10", "6"]
    body = {r[2]: r for r in rows[2:]}  # SIS User ID = the course's student ID
    assert sorted(body) == ["-dan", "ana", "ben", "cy", "eve"]
    assert body["ana"][5:] == ["7.5", "4"]
    assert body["ben"][5:] == ["3", ""]  # pending: no grade, with a warning
    assert body["cy"][5:] == ["", ""]  # missing in both: written, no grade
    assert body["-dan"][5:] == ["0", ""]  # a crashed notebook earned 0
    assert report.missing == {"04_metrics": ["cy"], "05_pitfalls": ["-dan", "cy", "eve"]}
    assert report.pending == {"05_pitfalls": ["ben"]}
    assert all(len(r) == 7 for r in rows)


def test_canvas_with_roster_keeps_absent_students_and_reports_unknown(tmp_path, two_exercises):
    roster = _write(tmp_path / "roster.csv",
                    "Student,Name,Canvas ID,SIS User ID,Section\n"
                    "ana,\"Lee, Ana\",101,S-1,A\nzoe,Zoe Park,102,S-2,B\nben,Ben Ito,103,,A\n")
    out = tmp_path / "canvas.csv"
    report = export_gradebook([two_exercises[0]], "canvas", out, roster, {"04_metrics": "Metrics (55)"})
    rows = _read(out)
    assert rows[0] == [*CANVAS_REQUIRED, "Metrics (55)"]
    assert rows[2:] == [["Lee, Ana", "101", "S-1", "", "A", "7.5"],
                        ["Zoe Park", "102", "S-2", "", "B", ""],
                        ["Ben Ito", "103", "", "", "A", "3"]]
    assert report.missing == {"04_metrics": ["zoe"]}
    assert report.unknown == ["-dan", "cy", "eve"]
    assert any("not in the roster" in line and "eve" in line for line in report.lines())


def test_moodle_file_uses_identity_column_and_dash_for_no_grade(tmp_path, two_exercises):
    out = tmp_path / "moodle.csv"
    export_gradebook(list(two_exercises), "moodle", out)
    rows = _read(out)
    assert rows[0] == ["ID number", "04_metrics", "05_pitfalls"]
    body = {r[0]: r[1:] for r in rows[1:]}
    assert body["ana"] == ["7.5", "4"] and body["cy"] == ["-", "-"] and body["ben"] == ["3", "-"]
    assert body["-dan"] == ["0", "-"]  # identities verbatim, so that Moodle can match them
    roster = _write(tmp_path / "r.csv", "student,name,email\nana,Ana Lee,ana@uni.example\n"
                                        "zoe,Zoe Park,zoe@uni.example\n")
    export_gradebook([two_exercises[0]], "moodle", out, roster)
    assert _read(out) == [["Full name", "Email address", "04_metrics"],
                          ["Ana Lee", "ana@uni.example", "7.5"], ["Zoe Park", "zoe@uni.example", "-"]]


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("name,email\nAna,a@x\n", "no 'student' column"),
    ("student,emial\nana,a@x\n", "did you mean 'email'"),
    ("student,email\nana,a@x\nana,b@x\n", "already on line 2"),
    ("student,email\nana,a@x,extra\n", "3 field(s)"),
    ("student,email\n,a@x\n", "empty student ID"),
    ("student,email\n", "no students"),
])
def test_bad_rosters_get_clear_errors(tmp_path, text, message):
    with pytest.raises(LMSExportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_roster(_write(tmp_path / "roster.csv", text))


def test_roster_must_identify_students_for_the_chosen_lms(tmp_path, two_exercises):
    names_only = _write(tmp_path / "roster.csv", "student,name\nana,Ana\n")
    with pytest.raises(LMSExportError, match="Moodle needs a column"):
        export_gradebook([two_exercises[0]], "moodle", tmp_path / "m.csv", names_only)
    with pytest.raises(LMSExportError, match="Canvas matches students by"):
        export_gradebook([two_exercises[0]], "canvas", tmp_path / "c.csv", names_only)
    gap = _write(tmp_path / "gap.csv", "student,email\nana,a@x\nben,\n")
    with pytest.raises(LMSExportError, match="no email for ben"):
        export_gradebook([two_exercises[0]], "moodle", tmp_path / "m.csv", gap)
    assert not (tmp_path / "m.csv").exists() and not (tmp_path / "c.csv").exists()


def test_bad_gradebooks_are_named(tmp_path, two_exercises):
    with pytest.raises(LMSExportError, match="no such file"):
        export_gradebook([tmp_path / "nowhere"], "canvas", tmp_path / "c.csv")
    _write(tmp_path / "other.csv", "a,b\n1,2\n")
    with pytest.raises(LMSExportError, match="not a gradebook of smm grade"):
        export_gradebook([tmp_path / "other.csv"], "canvas", tmp_path / "c.csv")
    with pytest.raises(LMSExportError, match="appears twice"):
        export_gradebook([two_exercises[0], two_exercises[0]], "canvas", tmp_path / "c.csv")


def test_smm_export_command(tmp_path, two_exercises, capsys):
    roster = _write(tmp_path / "roster.csv", "student,sis_login_id\nana,ana01\nzoe,zoe01\n")
    out = tmp_path / "grades.csv"
    code = main(["export", str(two_exercises[0]), "--lms", "canvas", "--roster", str(roster),
                 "--out", str(out), "--title", "04_metrics=Metrics"])
    captured = capsys.readouterr()
    assert code == 0
    assert "2 student(s)" in captured.out and "zoe" in captured.out
    assert "not in the roster" in captured.err and "eve" in captured.err
    assert _read(out)[0][-1] == "Metrics"
    assert main(["export", str(two_exercises[0]), "--lms", "moodle", "--roster",
                 str(tmp_path / "missing.csv"), "--out", str(out)]) == 2
    assert "roster" in capsys.readouterr().err
    assert main(["export", str(two_exercises[0]), "--lms", "canvas", "--out", str(out),
                 "--title", "nope"]) == 2
