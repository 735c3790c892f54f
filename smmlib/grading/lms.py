"""Gradebooks in the import formats of Moodle and Canvas (``smm export``).

Reads one or more grading outputs (``DIR/gradebook.csv`` written by
``smm grade``; one exercise each) and writes one CSV file the LMS imports:

**Moodle** (Grades > Import > CSV file; docs.moodle.org "Grade import"): a
header row, one row per student, a user-identity column the import maps from
(``ID number`` -> useridnumber, ``Email address`` -> useremail, ``Username`` ->
username) and one column per exercise mapped to a grade item (or "new grade
item"). Moodle's importer reads ``-`` as "no grade" and aborts the whole
import on a user it cannot find, so the file holds only known students.

**Canvas** (Grades > Import; the Canvas Instructor Guide "How do I import
grades in the Gradebook?"): the columns ``Student``, ``ID``, ``SIS User ID``,
``SIS Login ID``, ``Section``, then one column per assignment; a second row
``Points Possible`` gives each assignment's maximum, as in Canvas's own
export. Canvas matches a row by its ``ID`` (Canvas user ID), ``SIS User ID``
or ``SIS Login ID``; a blank score means "no grade".

A **roster** CSV maps the course's student IDs (the folder names graded by
``smm grade``) to LMS identities. Its header names columns from
:data:`ROSTER_COLUMNS`; ``student`` is required. Roster students with no
submission are written as missing (no grade), never dropped; graded students
missing from the roster are left out of the file and reported.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .gradebook import atomic_write
from .vocabulary import Status

__all__ = ["CANVAS_COLUMNS", "ExportReport", "LMSExportError", "MOODLE_IDENTITIES", "ROSTER_COLUMNS",
           "Roster", "Score", "export_gradebook", "load_gradebook", "load_roster", "write_canvas",
           "write_moodle"]

#: The columns Canvas's gradebook import requires before the assignment columns.
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")

#: Canvas's second row: its first cell names it, the assignment cells hold the maxima.
CANVAS_POINTS_ROW = "    Points Possible"

#: Moodle user fields a grade import maps from: roster column -> header in the file
#: (the headers Moodle's own grade export uses).
MOODLE_IDENTITIES = {"idnumber": "ID number", "email": "Email address", "username": "Username"}

#: What a roster may hold (header names, case and spaces ignored).
ROSTER_COLUMNS = {
    "student": "the course's student ID: the folder name smm grade graded (required)",
    "name": "display name (Canvas: Student column; Moodle: Full name column)",
    "email": "Moodle: email address (maps to useremail)",
    "idnumber": "Moodle: the user's ID number (maps to useridnumber)",
    "username": "Moodle: the user's username",
    "canvas_id": "Canvas: the numeric Canvas user ID (ID column)",
    "sis_user_id": "Canvas: SIS User ID",
    "sis_login_id": "Canvas: SIS Login ID",
    "section": "Canvas: section name",
}

#: Statuses whose score counts (a crashed or empty notebook earned its 0).
SCORED = {Status.GRADED, Status.TIMEOUT, Status.MEMORY, Status.CRASHED, Status.UNREADABLE,
          Status.WRONG_EXERCISE, Status.EMPTY}
#: Statuses that mean "no grade" in the LMS.
UNGRADED = {Status.MISSING, Status.PENDING}

_GRADEBOOK_COLUMNS = ("student", "exercise", "status", "score", "max_score")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class LMSExportError(ValueError):
    """A gradebook or roster cannot be exported; the message says what to fix."""


@dataclass(frozen=True)
class Score:
    """One student's result for one exercise."""

    status: str
    score: float | None  # None: no grade (missing, pending)
    max_score: float


@dataclass
class Gradebook:
    """One exercise's grading output."""

    exercise: str
    source: Path
    scores: dict[str, Score]

    @property
    def points_possible(self) -> float:
        """The exercise's maximum (the largest max_score of its rows)."""
        return max((s.max_score for s in self.scores.values()), default=0.0)


@dataclass
class Roster:
    """Course student IDs mapped to LMS identities, in the roster's order."""

    columns: tuple[str, ...]
    rows: dict[str, dict[str, str]]  # student -> {column: value}
    source: Path | None = None


@dataclass
class ExportReport:
    """What an export wrote and what it could not place."""

    path: Path
    lms: str
    students: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)  # exercise -> students
    pending: dict[str, list[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)  # graded, not in the roster

    def lines(self) -> list[str]:
        """A human summary, one line each."""
        out = [f"wrote {self.path} ({self.lms}): {self.students} student(s)"]
        for exercise, students in self.missing.items():
            out.append(f"{exercise}: no submission from {len(students)} student(s), written "
                       f"as no grade: {', '.join(students)}")
        for exercise, students in self.pending.items():
            out.append(f"warning: {exercise}: {len(students)} submission(s) not graded yet "
                       f"(written as no grade; run smm grade again): {', '.join(students)}")
        if self.unknown:
            out.append(f"warning: {len(self.unknown)} graded student(s) are not in the roster and "
                       f"were left out of the file (add them to the roster to export them): "
                       f"{', '.join(self.unknown)}")
        return out


def _unescape(text: str) -> str:
    """Undo gradebook.csv's spreadsheet-formula guard.

    >>> _unescape("'-ana"), _unescape("ana")
    ('-ana', 'ana')
    """
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_START else text


def _number(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise LMSExportError(f"{where}: {text!r} is not a number") from None


def load_gradebook(path: Path) -> Gradebook:
    """Read ``smm grade``'s ``gradebook.csv`` (or the folder holding it)."""
    path = Path(path)
    if path.is_dir():
        path = path / "gradebook.csv"
    if not path.is_file():
        raise LMSExportError(f"{path}: no such file; pass the --out folder of smm grade "
                             "(it holds gradebook.csv) or the gradebook.csv itself")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LMSExportError(f"{path}: not UTF-8 text; export from the gradebook.csv smm grade "
                             "wrote") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _GRADEBOOK_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise LMSExportError(f"{path}: not a gradebook of smm grade (no column "
                             f"{', '.join(missing)}); pass the gradebook.csv smm grade wrote")
    scores: dict[str, Score] = {}
    exercises = set()
    for line, row in enumerate(reader, start=2):
        where = f"{path}, line {line}"
        student = _unescape(row["student"] or "")
        if not student:
            raise LMSExportError(f"{where}: empty student ID")
        status = row["status"]
        if status not in SCORED | UNGRADED:
            raise LMSExportError(f"{where}: unknown status {status!r}")
        exercises.add(row["exercise"])
        max_score = _number(row["max_score"], where)
        score = None if status in UNGRADED else _number(row["score"], where)
        scores[student] = Score(status, score, max_score)
    if not exercises:
        raise LMSExportError(f"{path}: the gradebook has no rows; grade the class first "
                             "(smm grade SUBMISSIONS --exercise NAME --out DIR)")
    if len(exercises) > 1:
        raise LMSExportError(f"{path}: rows of several exercises ({', '.join(sorted(exercises))}); "
                             "one gradebook must hold one exercise")
    return Gradebook(exercises.pop(), path, scores)


def _key(header: str) -> str:
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def load_roster(path: Path) -> Roster:
    """Read and check a roster CSV (see :data:`ROSTER_COLUMNS`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LMSExportError(f"roster {path}: no such file") from None
    except UnicodeDecodeError:
        raise LMSExportError(f"roster {path}: not UTF-8 text; save it as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise LMSExportError(f"roster {path}: the file is empty; its first line must be a header "
                             f"such as: student,name,email")
    columns = tuple(_key(h) for h in header)
    for raw, col in zip(header, columns, strict=True):
        if col not in ROSTER_COLUMNS:
            close = difflib.get_close_matches(col, ROSTER_COLUMNS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise LMSExportError(f"roster {path}: unknown column {raw!r}{hint}; known columns: "
                                 f"{', '.join(ROSTER_COLUMNS)}")
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise LMSExportError(f"roster {path}: column {', '.join(duplicated)} appears twice")
    if "student" not in columns:
        raise LMSExportError(f"roster {path}: no 'student' column; add one with the course's "
                             "student IDs (the submission folder names)")
    rows: dict[str, dict[str, str]] = {}
    first_line: dict[str, int] = {}
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            raise LMSExportError(f"roster {path}, line {line}: {len(values)} field(s), the header "
                                 f"has {len(columns)}; quote values that contain commas")
        row = {c: v.strip() for c, v in zip(columns, values, strict=True)}
        student = row["student"]
        if not student:
            raise LMSExportError(f"roster {path}, line {line}: empty student ID")
        if student in rows:
            raise LMSExportError(f"roster {path}, line {line}: student {student!r} is already on "
                                 f"line {first_line[student]}; each student once")
        rows[student] = row
        first_line[student] = line
    if not rows:
        raise LMSExportError(f"roster {path}: a header but no students")
    return Roster(columns, rows, path)


def _default_roster(gradebooks: Sequence[Gradebook]) -> Roster:
    students = sorted({s for gb in gradebooks for s in gb.scores})
    return Roster(("student",), {s: {"student": s} for s in students})


def _fmt(value: float) -> str:
    """
    >>> _fmt(7.0), _fmt(2.5), _fmt(1 / 3)
    ('7', '2.5', '0.3333')
    """
    return f"{round(value, 4):g}"


def _safe(text: str) -> str:
    """Guard a display name against spreadsheet formulas (identities stay verbatim:
    the LMS must match them)."""
    return "'" + text if text[:1] in _FORMULA_START else text


def _plan(gradebooks: Sequence[Gradebook], roster: Roster, report: ExportReport) -> list[str]:
    """Students to write (roster order); fills the report's missing/pending/unknown."""
    students = list(roster.rows)
    known = set(students)
    report.unknown = sorted({s for gb in gradebooks for s in gb.scores} - known)
    for gb in gradebooks:
        missing = [s for s in students if s not in gb.scores or gb.scores[s].status == Status.MISSING]
        pending = [s for s in students if s in gb.scores and gb.scores[s].status == Status.PENDING]
        if missing:
            report.missing[gb.exercise] = missing
        if pending:
            report.pending[gb.exercise] = pending
    report.students = len(students)
    return students


def _cell(gb: Gradebook, student: str, blank: str) -> str:
    score = gb.scores.get(student)
    return blank if score is None or score.score is None else _fmt(score.score)


def _titles(gradebooks: Sequence[Gradebook], titles: dict[str, str] | None) -> list[str]:
    titles = titles or {}
    unknown = sorted(set(titles) - {gb.exercise for gb in gradebooks})
    if unknown:
        raise LMSExportError(f"--title names exercise(s) not exported: {', '.join(unknown)}")
    return [titles.get(gb.exercise, gb.exercise) for gb in gradebooks]


def write_moodle(path: Path, gradebooks: Sequence[Gradebook], roster: Roster | None = None,
                 titles: dict[str, str] | None = None) -> ExportReport:
    """Write a Moodle grade-import CSV (see the module docstring)."""
    roster = roster or _default_roster(gradebooks)
    ids = [c for c in MOODLE_IDENTITIES if c in roster.columns]
    if roster.source is None:
        ids = ["idnumber"]  # no roster: the course's student ID is the Moodle ID number
    elif not ids:
        raise LMSExportError(f"roster {roster.source}: Moodle needs a column to identify users: "
                             f"{', '.join(MOODLE_IDENTITIES)} (e.g. the users' email addresses)")
    first = ids[0]
    if roster.source is not None:
        empty = [s for s, row in roster.rows.items() if not row[first]]
        if empty:
            raise LMSExportError(f"roster {roster.source}: no {first} for {', '.join(empty)}; "
                                 "Moodle aborts an import on a row it cannot match")
    report = ExportReport(Path(path), "moodle")
    students = _plan(gradebooks, roster, report)
    header = (["Full name"] if "name" in roster.columns else []) + \
        [MOODLE_IDENTITIES[c] for c in ids] + _titles(gradebooks, titles)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for s in students:
        row = roster.rows[s]
        values = ([_safe(row["name"])] if "name" in roster.columns else []) + \
            [row.get(c, s) if roster.source is not None else s for c in ids]
        writer.writerow(values + [_cell(gb, s, "-") for gb in gradebooks])
    atomic_write(Path(path), buffer.getvalue())
    return report


def write_canvas(path: Path, gradebooks: Sequence[Gradebook], roster: Roster | None = None,
                 titles: dict[str, str] | None = None) -> ExportReport:
    """Write a Canvas gradebook-import CSV (see the module docstring)."""
    roster = roster or _default_roster(gradebooks)
    if roster.source is not None:
        matchable = ("canvas_id", "sis_user_id", "sis_login_id")
        if not any(c in roster.columns for c in matchable):
            raise LMSExportError(f"roster {roster.source}: Canvas matches students by "
                                 f"{', '.join(matchable)}; add one of these columns")
        empty = [s for s, row in roster.rows.items() if not any(row.get(c) for c in matchable)]
        if empty:
            raise LMSExportError(f"roster {roster.source}: no canvas_id, sis_user_id or "
                                 f"sis_login_id for {', '.join(empty)}")
    report = ExportReport(Path(path), "canvas")
    students = _plan(gradebooks, roster, report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*CANVAS_COLUMNS, *_titles(gradebooks, titles)])
    writer.writerow([CANVAS_POINTS_ROW, "", "", "", "", *(_fmt(gb.points_possible) for gb in gradebooks)])
    for s in students:
        row = roster.rows[s]
        if roster.source is None:  # no roster: the course's student ID is the SIS User ID
            ident = [s, "", s, "", ""]
        else:
            ident = [row.get("name") or s, row.get("canvas_id", ""), row.get("sis_user_id", ""),
                     row.get("sis_login_id", ""), row.get("section", "")]
        ident[0] = _safe(ident[0])
        writer.writerow(ident + [_cell(gb, s, "") for gb in gradebooks])
    atomic_write(Path(path), buffer.getvalue())
    return report


WRITERS = {"moodle": write_moodle, "canvas": write_canvas}


def export_gradebook(sources: Sequence[Path], lms: str, out: Path, roster: Path | None = None,
                     titles: dict[str, str] | None = None) -> ExportReport:
    """Export one or more grading outputs into ``out`` in ``lms``'s import format."""
    if lms not in WRITERS:
        raise LMSExportError(f"unknown LMS {lms!r}; choose {' or '.join(WRITERS)}")
    if not sources:
        raise LMSExportError("no grading output given")
    gradebooks = [load_gradebook(Path(s)) for s in sources]
    seen: dict[str, Path] = {}
    for gb in gradebooks:
        if gb.exercise in seen:
            raise LMSExportError(f"exercise {gb.exercise} appears twice ({seen[gb.exercise]} and "
                                 f"{gb.source}); pass each exercise's output once")
        seen[gb.exercise] = gb.source
    loaded = load_roster(roster) if roster is not None else None
    return WRITERS[lms](Path(out), gradebooks, loaded, titles)
