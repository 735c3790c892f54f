"""Free-text answers read by a person: review sheets and ``smm review merge``.

``smm grade`` writes, for every free-text (*thought*) question of the
exercise, ``DIR/review/<key>.csv`` (one row per student: the answer, empty
``points`` and ``comment`` cells to fill in) and ``DIR/review/<key>.html``
(the same answers side by side with the model answer and the rubric). A new
``smm grade`` run keeps the points and comments already written for answers
that did not change.

``smm review merge DIR`` reads the sheets back: every sheet is checked first
(known students, numbers within 0 … the question's review points, answers as
graded), and only when all are valid are the results, the feedback files and
``gradebook.csv`` rewritten — so a malformed sheet changes nothing. The
reviews are stored beside the grader's own results and applied when the
files are written, so merging twice gives the same files as merging once.
"""

from __future__ import annotations

import ast
import csv
import html
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.questions import Bank, Question
from .gradebook import (
    SubmissionResult,
    atomic_write,
    gradebook_rows,
    load_result,
    save_result,
)

__all__ = ["COLUMNS", "MergeReport", "ReviewError", "free_texts", "merge_reviews", "read_sheet",
           "review_dir", "write_review_sheets"]

#: The columns of a review sheet; the instructor fills in ``points`` and ``comment``.
COLUMNS = ["student", "answer", "points", "max_points", "comment"]
#: Longest free-text answer copied into a sheet (characters).
MAX_ANSWER = 20_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ReviewError(ValueError):
    """A review sheet (or the grading folder) cannot be merged; nothing was changed."""


def review_dir(out: Path) -> Path:
    """Where the review sheets of a grading folder live: ``DIR/review``."""
    return out / "review"


def _free_text_questions(bank: Bank) -> list[Question]:
    return [q for q in bank.questions if q.kind == "thought"]


def free_texts(bank: Bank, answers: Mapping[str, Any]) -> dict[str, str]:
    """The free-text answers of a submission, by question key (text answers only)."""
    found = {}
    for q in _free_text_questions(bank):
        value = answers.get(q.answer_name)
        if isinstance(value, str):
            found[q.key] = value[:MAX_ANSWER]
    return found


def _safe(text: str) -> str:
    """Keep a spreadsheet from running a cell as a formula.

    >>> _safe("=HYPERLINK()"), _unsafe(_safe("=HYPERLINK()"))
    ("'=HYPERLINK()", '=HYPERLINK()')
    """
    return "'" + text if text[:1] in _FORMULA_START else text


def _unsafe(text: str) -> str:
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_START else text


def _same_text(a: str, b: str) -> bool:
    """Equal up to whitespace (spreadsheets rewrite line ends)."""
    return " ".join(a.split()) == " ".join(b.split())


def _model_answer(bank: Bank, question: Question) -> str:
    """The model answer: the text of ``qN_answer = \"\"\"...\"\"\"`` in the solution notebook."""
    from ..engine.regions import solutions_for

    source = solutions_for(bank.name).get(question.key) or question.solution or ""
    try:
        tree = ast.parse(source)
        values = [node.value.value for node in tree.body
                  if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                  and isinstance(node.value.value, str)]
    except SyntaxError:
        values = []
    return values[0] if values else source.strip()


def _points_text(value: float) -> str:
    return f"{value:g}"


@dataclass
class _Row:
    student: str
    answer: str
    points: str
    comment: str
    line: int


def read_sheet(path: Path) -> list[_Row]:
    """The rows of a review sheet; :class:`ReviewError` when it is not a sheet."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in ("student", "answer", "points", "comment") if c not in header]
    if missing:
        raise ReviewError(f"{path}: the header lacks column(s) {', '.join(missing)}; a review sheet has "
                          f"the columns {', '.join(COLUMNS)} (write points and comments into the sheet "
                          "smm grade made, keeping its header)")
    rows = []
    for line, row in enumerate(reader, start=2):
        if None in row:
            raise ReviewError(f"{path}, line {line}: more cells than columns (a stray comma? quote text "
                              "that contains commas)")
        rows.append(_Row(_unsafe(row["student"] or ""), _unsafe(row["answer"] or ""),
                         (row["points"] or "").strip(), _unsafe(row["comment"] or ""), line))
    return rows


# ----------------------------------------------------------------------------- writing the sheets


def _sheet_csv(rows: Sequence[tuple[str, str, str, float, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for student, answer, points, top, comment in rows:
        writer.writerow([_safe(student), _safe(answer), points, _points_text(top), _safe(comment)])
    return buffer.getvalue()


def _sheet_html(bank: Bank, question: Question, model: str,
                rows: Sequence[tuple[str, str, str, float, str]]) -> str:
    e = html.escape
    top = question.review_points  # type: ignore[attr-defined]
    rubric = "".join(f"<li>{e(line)}</li>" for line in question.rubric)  # type: ignore[attr-defined]
    answered = sum(1 for r in rows if r[1].strip())
    body = []
    for student, answer, points, _top, comment in rows:
        text = (f"<p>{e(answer)}</p>".replace("\n", "<br>") if answer.strip()
                else "<p><em>No answer.</em></p>")
        words = len(answer.split())
        body.append(f'<tr><th scope="row">{e(student)}</th><td>{text}<small>{words} words</small></td>'
                    f"<td>{e(points) or '—'}</td><td>{e(comment)}</td></tr>")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Review · {e(bank.name)} · {e(question.key)}</title>",
        "<style>body{font-family:system-ui,sans-serif;margin:1.5em;color:#1a1a1a}"
        ".grid{display:grid;grid-template-columns:minmax(16em,1fr) 2.5fr;gap:1.5em;align-items:start}"
        "aside{position:sticky;top:1em;background:#f3f3f3;padding:.2em 1em 1em}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4em;"
        "vertical-align:top;text-align:left}td p{margin:0 0 .3em;white-space:normal}"
        "small{color:#555}</style></head><body>",
        f"<h1>Review · {e(bank.name)} · {e(question.key)}</h1>",
        f"<p><strong>{e(question.label)}</strong></p>",
        f"<p><em>{e(question.brief)}</em></p>" if question.brief else "",
        f"<p>{e(question.title)}</p>" if question.heading else "",
        f"<p>{answered} of {len(rows)} students answered. Write the points (0 to {top:g}) and a comment "
        f"into <code>{e(question.key)}.csv</code>, then run <code>smm review merge</code> on the grading "
        "folder. This page is rewritten by <code>smm grade</code>; the sheet keeps what you wrote.</p>",
        '<div class="grid"><aside>',
        f"<h2>Model answer</h2><p>{e(model) or '<em>(none in the solution notebook)</em>'}</p>",
        f"<h2>Rubric ({top:g} points)</h2><ul>{rubric}</ul></aside>",
        "<table><thead><tr><th>Student</th><th>Answer</th><th>Points</th><th>Comment</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>",
        "</body></html>",
    ]) + "\n"


def write_review_sheets(out: Path, bank: Bank, results: Sequence[SubmissionResult]) -> list[Path]:
    """Write ``review/<key>.csv`` and ``.html`` for each free-text question of ``bank``.

    Points and comments already in a sheet are kept for every answer that did
    not change (or taken from a merged review); a sheet that cannot be read is
    kept as ``<key>.csv.bak`` (numbered when one exists) before a fresh one is
    written. Returns the files written.
    """
    written: list[Path] = []
    folder = review_dir(out)
    for q in _free_text_questions(bank):
        sheet = folder / f"{q.key}.csv"
        previous: dict[str, _Row] = {}
        if sheet.exists():
            try:
                previous = {row.student: row for row in read_sheet(sheet)}
            except ReviewError:
                backup = sheet.with_name(f"{sheet.name}.bak")
                number = 1
                while backup.exists():
                    number += 1
                    backup = sheet.with_name(f"{sheet.name}.bak{number}")
                sheet.replace(backup)
        top = float(q.review_points)  # type: ignore[attr-defined]
        rows = []
        for r in results:
            answer = r.texts.get(q.key, "")
            points = comment = ""
            old = previous.get(r.student)
            review = r.reviews.get(q.key)
            if old is not None and _same_text(old.answer, answer):
                points, comment = old.points, old.comment
            elif review is not None and _same_text(str(review.get("answer", "")), answer):
                points, comment = _points_text(float(review["points"])), str(review.get("comment") or "")
            rows.append((r.student, answer, points, top, comment))
        atomic_write(sheet, _sheet_csv(rows))
        page = folder / f"{q.key}.html"
        atomic_write(page, _sheet_html(bank, q, _model_answer(bank, q), rows))
        written += [sheet, page]
    return written


# ----------------------------------------------------------------------------- merging them back


@dataclass
class MergeReport:
    """What a merge did, per free-text question."""

    exercise: str
    reviewed: dict[str, int] = field(default_factory=dict)   # key -> answers with points
    pending: dict[str, list[str]] = field(default_factory=dict)  # key -> students still without points
    no_sheet: list[str] = field(default_factory=list)
    students: int = 0

    def lines(self) -> list[str]:
        """The report as lines of text."""
        lines = []
        for key, n in self.reviewed.items():
            waiting = self.pending.get(key, [])
            more = (f"; {len(waiting)} answer(s) still without points: {', '.join(waiting[:5])}"
                    + (" …" if len(waiting) > 5 else "")) if waiting else ""
            lines.append(f"{key}: {n} answer(s) reviewed{more}")
        if self.no_sheet:
            lines.append(f"no review sheet for {', '.join(self.no_sheet)} (run smm grade to write it)")
        lines.append(f"gradebook, results and feedback of {self.students} submission(s) of {self.exercise} "
                     "rewritten")
        return lines


def _gradebook(out: Path) -> tuple[list[str], list[dict[str, str]]]:
    path = out / "gradebook.csv"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ReviewError(f"{out} has no gradebook.csv: run smm grade with --out {out} first") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read {path}: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "student" not in reader.fieldnames or "exercise" not in reader.fieldnames:
        raise ReviewError(f"{path} is not a gradebook of smm grade (no student/exercise columns)")
    return list(reader.fieldnames), list(reader)


def _parse_points(text: str, top: float) -> float:
    value = float(text.replace(",", "."))
    if not math.isfinite(value) or value < 0 or value > top + 1e-9:
        raise ValueError
    return value


def merge_reviews(out: Path, show_solutions: bool | None = None) -> MergeReport:
    """Bring the points and comments of ``out/review/*.csv`` into the results,
    the feedback files and ``gradebook.csv`` of ``out``.

    Every sheet is checked before anything is written; :class:`ReviewError`
    (listing each problem with its file and line) means nothing changed.
    ``show_solutions`` None keeps the worked solutions in the feedback files
    that had them. Idempotent: merging the same sheets again gives the same files.
    """
    from ..exercises import get_bank

    columns, rows = _gradebook(out)
    names = sorted({row["exercise"] for row in rows if row.get("exercise")})
    if len(names) != 1:
        raise ReviewError(f"{out / 'gradebook.csv'} should hold one exercise, not {names or 'none'}")
    try:
        bank = get_bank(names[0])
    except KeyError as exc:
        raise ReviewError(str(exc.args[0])) from exc
    students = [_unsafe(row["student"]) for row in rows]
    results = {s: load_result(out, s) for s in students}
    graded = {s: r for s, r in results.items() if r is not None and r.exercise == bank.name}

    report = MergeReport(bank.name)
    errors: list[str] = []
    reviews: dict[str, dict[str, dict[str, Any] | None]] = {}  # key -> student -> review (None: none)
    for q in _free_text_questions(bank):
        sheet = review_dir(out) / f"{q.key}.csv"
        if not sheet.exists():
            report.no_sheet.append(q.key)
            continue
        try:
            sheet_rows = read_sheet(sheet)
        except ReviewError as exc:
            errors.append(str(exc))
            continue
        top = float(q.review_points)  # type: ignore[attr-defined]
        found: dict[str, dict[str, Any] | None] = {}
        pending: list[str] = []
        for row in sheet_rows:
            where = f"{sheet.name}, line {row.line}"
            if row.student in found:
                errors.append(f"{where}: student {row.student!r} appears twice; keep one row per student")
                continue
            if row.student not in graded:
                errors.append(f"{where}: student {row.student!r} is not in this grading folder's results")
                continue
            answer = graded[row.student].texts.get(q.key, "")
            if not _same_text(row.answer, answer):
                errors.append(f"{where}: the answer of {row.student!r} is not the one graded (edited, or the "
                              "notebook was graded again); run smm grade again to refresh the sheet, and keep "
                              "the answer column as it is")
                continue
            if not row.points:
                if answer.strip():
                    pending.append(row.student)
                    found[row.student] = None
                else:  # no answer: no points to give
                    found[row.student] = {"points": 0.0, "max_points": top, "comment": row.comment,
                                          "answer": answer}
                continue
            try:
                points = _parse_points(row.points, top)
            except ValueError:
                errors.append(f"{where}: points {row.points!r} for {row.student!r} must be a number from 0 "
                              f"to {top:g}")
                continue
            found[row.student] = {"points": points, "max_points": top, "comment": row.comment.strip(),
                                  "answer": answer}
        reviews[q.key] = found
        report.reviewed[q.key] = sum(1 for v in found.values() if v is not None and v["answer"].strip())
        if pending:
            report.pending[q.key] = pending
    if errors:
        shown = errors[:20] + ([f"... and {len(errors) - 20} more"] if len(errors) > 20 else [])
        raise ReviewError("the review sheets were not merged (nothing changed):\n  " + "\n  ".join(shown))

    _apply(out, bank, columns, rows, graded, reviews, show_solutions)
    report.students = len(graded)
    return report


def _apply(out: Path, bank: Bank, columns: list[str], rows: list[dict[str, str]],
           graded: dict[str, SubmissionResult], reviews: dict[str, dict[str, dict[str, Any] | None]],
           show_solutions: bool | None) -> None:
    from .feedback import feedback_html, feedback_markdown
    from .grader import _solutions

    solutions = None
    for student, result in graded.items():
        for key, found in reviews.items():
            review = found.get(student)
            if review is None:
                result.reviews.pop(key, None)
            else:
                result.reviews[key] = review
        result.score = round(sum(r.points for r in result.reviewed()), 6)
        result.max_score = bank.max_points + sum(float(v["max_points"]) for v in result.reviews.values())
        md_path = out / "feedback" / f"{student}.md"
        keep = show_solutions
        if keep is None:
            try:
                keep = "\n## Worked solutions\n" in md_path.read_text(encoding="utf-8")
            except OSError:
                keep = False
        if keep and solutions is None:
            solutions = _solutions(bank)
        shown = solutions if keep else None
        atomic_write(md_path, feedback_markdown(result, shown))
        atomic_write(out / "feedback" / f"{student}.html", feedback_html(result, shown))
        save_result(out, result)
    keys = [q.key for q in bank.questions]
    part_keys = [k[: -len(" parts")] for k in columns if k.endswith(" parts")]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        result = graded.get(_unsafe(row["student"]))
        writer.writerow(gradebook_rows([result], keys, part_keys)[0] if result is not None else row)
    atomic_write(out / "gradebook.csv", buffer.getvalue())
