"""Free text that is read: smm grade writes review sheets, the instructor fills
in points, smm review merge brings them into the gradebook and the feedback —
idempotently, and a malformed sheet changes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from smmlib.cli import main
from smmlib.exercises import get_bank
from smmlib.grading.demo import notebook_json, replace_answer, write_submission
from smmlib.grading.review import COLUMNS, ReviewError, merge_reviews, read_sheet

EXERCISE = "00_start_here"  # five graded points and one free-text question, q4 (1 review point)

BEN = "I want to run the Instagram page of my aunt's bakery and prove it brings customers."
CARA = '=HYPERLINK("http://evil.example") <script>alert(1)</script> is my plan for the course'


def _rows(path: Path) -> dict[str, dict[str, str]]:
    return {r["student"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}


def _fill(sheet: Path, points: dict[str, str], comments: dict[str, str] | None = None,
          extra: list[list[str]] | None = None) -> None:
    with sheet.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    for row in rows[1:]:
        student = row[header.index("student")]
        if student in points:
            row[header.index("points")] = points[student]
        if comments and student in comments:
            row[header.index("comment")] = comments[student]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows + (extra or []))
    sheet.write_text(buffer.getvalue(), encoding="utf-8")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "review" not in p.parts and not p.name.startswith(".worker")}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A class of four, graded once: ana the solution, ben his own text, cara a hostile
    text, dan the untouched exercise."""
    root = tmp_path_factory.mktemp("review")
    subs, out = root / "subs", root / "out"
    solution = notebook_json("correct", EXERCISE)
    write_submission(subs, "ana", EXERCISE, solution)
    write_submission(subs, "ben", EXERCISE, replace_answer(solution, "q4_answer", repr(BEN)))
    write_submission(subs, "cara", EXERCISE, replace_answer(solution, "q4_answer", repr(CARA)))
    write_submission(subs, "dan", EXERCISE, notebook_json("untouched", EXERCISE))
    args = ["grade", str(subs), "--exercise", EXERCISE, "--out", str(out), "--timeout", "30"]
    assert main(args) == 0
    return subs, out, args


@pytest.mark.slow
def test_free_text_review_end_to_end(graded, capsys):
    subs, out, args = graded
    bank = get_bank(EXERCISE)
    sheet, page = out / "review" / "q4.csv", out / "review" / "q4.html"

    # 1. grading: free text is answered (not correct) and lands in the review sheet and page
    book = _rows(out / "gradebook.csv")
    assert [book[s]["q4"] for s in ("ana", "ben", "cara", "dan")] == ["answered"] * 3 + ["not attempted"]
    assert book["ana"]["score"] == "5" and book["ana"]["max_score"] == "5"
    assert "✎ Answered" in (out / "feedback" / "ana.md").read_text(encoding="utf-8")
    header = sheet.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(COLUMNS)
    rows = {r.student: r for r in read_sheet(sheet)}
    assert rows["ben"].answer == BEN and rows["cara"].answer == CARA and rows["dan"].answer == ""
    assert all(r.points == "" for r in rows.values())
    assert "'=HYPERLINK" in sheet.read_text(encoding="utf-8")  # a spreadsheet will not run it
    html_page = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html_page and "&lt;script&gt;" in html_page
    assert "Model answer" in html_page and "plan a month of posts for a small shop" in html_page
    assert bank.question("q4").rubric[0] in html_page.replace("&#x27;", "'")

    # 2. the instructor reviews: ana 1, ben 0.5 with a comment, cara not yet, dan (no answer) left empty
    _fill(sheet, {"ana": "1", "ben": "0,5"}, {"ben": "Good: name one number you would track."})
    assert main(["review", "merge", str(out)]) == 0
    report = capsys.readouterr().out
    assert "q4: 2 answer(s) reviewed; 1 answer(s) still without points: cara" in report
    book = _rows(out / "gradebook.csv")
    assert (book["ana"]["q4"], book["ana"]["score"], book["ana"]["max_score"]) == ("1", "6", "6")
    assert (book["ben"]["q4"], book["ben"]["score"], book["ben"]["max_score"]) == ("0.5", "5.5", "6")
    assert (book["cara"]["q4"], book["cara"]["score"], book["cara"]["max_score"]) == ("answered", "5", "5")
    assert (book["dan"]["q4"], book["dan"]["score"], book["dan"]["max_score"]) == ("0", "0", "6")
    ben = (out / "feedback" / "ben.md").read_text(encoding="utf-8")
    assert "Reviewed by your instructor: 0.5/1. Good: name one number you would track." in ben
    assert "0.5/1 (reviewed)" in ben and "Score: 5.5 / 6" in ben
    assert "Reviewed by your instructor: 1/1." in (out / "feedback" / "ana.html").read_text(encoding="utf-8")
    merged = _snapshot(out)

    # 3. merging again changes nothing
    assert main(["review", "merge", str(out)]) == 0
    assert _snapshot(out) == merged

    # 4. a malformed sheet: a clear error naming file, line and problem; nothing changes
    good = sheet.read_bytes()
    _fill(sheet, {"ben": "lots", "ana": "3"}, extra=[["zoe", "hello", "1", "1", ""]])
    assert main(["review", "merge", str(out)]) == 2
    err = capsys.readouterr().err
    assert "nothing changed" in err
    assert "q4.csv, line 3: points 'lots' for 'ben' must be a number from 0 to 1" in err
    assert "q4.csv, line 2: points '3' for 'ana' must be a number from 0 to 1" in err
    assert "student 'zoe' is not in this grading folder's results" in err
    assert _snapshot(out) == merged
    sheet.write_text("student;points\nana;1\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="lacks column"):
        merge_reviews(out)
    assert _snapshot(out) == merged
    sheet.write_bytes(good)

    # 5. grading again (nothing changed) keeps the sheet's points and the merged grades
    capsys.readouterr()
    assert main(args) == 0
    assert f"free-text answers to review: {out / 'review'}/ (q4); then smm review merge" in capsys.readouterr().out
    assert {r.student: r.points for r in read_sheet(sheet)} == {"ana": "1", "ben": "0,5", "cara": "", "dan": ""}
    assert _rows(out / "gradebook.csv")["ben"]["score"] == "5.5"

    # 6. cara's answer is reviewed later; the merge adds it and keeps the rest
    _fill(sheet, {"cara": "0"}, {"cara": "Please answer the question in your own words."})
    assert main(["review", "merge", str(out)]) == 0
    book = _rows(out / "gradebook.csv")
    assert (book["cara"]["q4"], book["cara"]["score"], book["cara"]["max_score"]) == ("0", "5", "6")
    assert (book["ben"]["q4"], book["ana"]["q4"]) == ("0.5", "1")
    again = _snapshot(out)
    assert main(["review", "merge", str(out)]) == 0
    assert _snapshot(out) == again


@pytest.mark.slow
def test_an_edited_answer_in_the_sheet_is_refused(graded):
    _, out, _ = graded
    sheet = out / "review" / "q4.csv"
    good = sheet.read_bytes()
    before = _snapshot(out)
    try:
        text = good.decode("utf-8").replace("aunt's bakery", "uncle's bakery")
        sheet.write_text(text, encoding="utf-8")
        with pytest.raises(ReviewError, match="the answer of 'ben' is not the one graded"):
            merge_reviews(out)
        assert _snapshot(out) == before
    finally:
        sheet.write_bytes(good)


def test_merge_needs_a_grading_folder(tmp_path):
    with pytest.raises(ReviewError, match="no gradebook.csv: run smm grade"):
        merge_reviews(tmp_path)
