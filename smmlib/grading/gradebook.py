"""Per-submission results and the class gradebook, written atomically.

Every graded submission leaves ``DIR/results/<student>.json`` (a
:class:`SubmissionResult`); ``DIR/gradebook.csv`` is rebuilt from those files
for the submissions found, one row each, so an interrupted run loses nothing
and a re-run skips submissions whose notebook did not change.
"""

from __future__ import annotations

import csv
import ctypes
import io
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ..engine.checking import Outcome, Result
from .vocabulary import Status

__all__ = ["FORMAT_VERSION", "STATUSES", "SubmissionResult", "atomic_write", "gradebook_rows",
           "load_result", "save_result", "sync_filesystem", "write_gradebook"]

#: Bumped when results must be recomputed by a new grader version
#: (2: partial credit and misconception messages).
FORMAT_VERSION = 2

#: What a gradebook row's ``status`` may say (from :class:`~smmlib.grading.vocabulary.Status`).
STATUSES = {status.value: status.meaning for status in Status}


@dataclass
class SubmissionResult:
    """Everything the grader decided about one submission.

    ``texts`` holds the free-text answers (question key -> text) for the
    instructor's review sheets; ``reviews`` the points merged back from them
    (key -> ``{"points", "max_points", "comment", "answer"}``), which
    :meth:`reviewed` applies to ``results`` (kept as the grader made them).
    """

    student: str
    exercise: str
    status: Status | str  # stored as a Status
    score: float = 0.0
    max_score: float = 0.0
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    sha256: str = ""
    file: str = ""
    version: int = FORMAT_VERSION
    texts: dict[str, str] = field(default_factory=dict)
    reviews: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; known: {', '.join(STATUSES)}")
        self.status = Status(self.status)

    def reviewed(self) -> list[Result]:
        """The results with the instructor's reviews applied: a reviewed free-text
        question gets the instructor's points and comment (full points count as
        correct, fewer as *not yet* with those points)."""
        shown = []
        for r in self.results:
            review = self.reviews.get(r.question)
            if review is None:
                shown.append(r)
                continue
            points, top = float(review["points"]), float(review["max_points"])
            comment = str(review.get("comment") or "").strip()
            message = f"Reviewed by your instructor: {points:g}/{top:g}." + (f" {comment}" if comment else "")
            outcome = Outcome.CORRECT if points >= top else Outcome.INCORRECT
            if not self.texts.get(r.question, "").strip():
                outcome, message = Outcome.NOT_ATTEMPTED, f"No answer, so no points: 0/{top:g}."
            shown.append(replace(r, outcome=outcome, message=message, points=points, max_points=top,
                                 graded=True, parts="reviewed"))
        return shown

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["results"] = [r.to_dict() for r in self.results]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionResult:
        """Inverse of :meth:`to_dict`."""
        fields = dict(data)
        fields["results"] = [Result.from_dict(r) for r in fields.get("results", [])]
        return cls(**fields)


def atomic_write(path: Path, text: str, durable: bool = True) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: readers
    see the old or the new content, never half a file. ``durable``: flush the
    file to disk before the rename (else a later :func:`sync_filesystem` does)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def sync_filesystem(path: Path) -> None:
    """Flush everything written to the file system that holds ``path`` to disk:
    one ``syncfs`` on Linux (one journal commit for many files), ``os.sync``
    elsewhere."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(path, os.O_RDONLY)
    except (OSError, AttributeError):
        os.sync()
        return
    try:
        if getattr(libc, "syncfs", None) is None or libc.syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


def result_path(out: Path, student: str) -> Path:
    """Where a student's result JSON lives."""
    return out / "results" / f"{student}.json"


def load_result(out: Path, student: str) -> SubmissionResult | None:
    """The stored result of ``student``, or None (missing, unreadable, old format)."""
    try:
        data = json.loads(result_path(out, student).read_text(encoding="utf-8"))
        result = SubmissionResult.from_dict(data)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return result if result.version == FORMAT_VERSION else None


def save_result(out: Path, result: SubmissionResult, durable: bool = True) -> None:
    """Store one result atomically (see :func:`atomic_write` for ``durable``)."""
    atomic_write(result_path(out, result.student), json.dumps(result.to_dict(), indent=1, ensure_ascii=False),
                 durable)


def _safe(text: str) -> str:
    """Neutralise text a spreadsheet would run as a formula.

    >>> _safe("=1+1"), _safe("ana")
    ("'=1+1", 'ana')
    """
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _cell(result: Result) -> Any:
    if result.graded:
        return f"{result.points:g}"
    return "answered" if result.outcome is Outcome.CORRECT else result.outcome.value


def parts_column(key: str) -> str:
    """The gradebook column that says how a many-part question was scored: ``"q1 parts"``."""
    return f"{key} parts"


def gradebook_rows(results: Sequence[SubmissionResult], question_keys: Sequence[str],
                   part_keys: Sequence[str] = ()) -> list[dict[str, Any]]:
    """One dict per submission: student, exercise, status, score, max_score,
    one column per question (points; the outcome for ungraded questions),
    for each question of ``part_keys`` (scored in proportion) a ``"qN parts"``
    column (``"17/20 items"``), notes, duration_s, sha256, file."""
    rows = []
    for r in results:
        row: dict[str, Any] = {"student": _safe(r.student), "exercise": r.exercise, "status": r.status,
                               "score": f"{r.score:g}", "max_score": f"{r.max_score:g}"}
        by_key = {res.question: res for res in r.reviewed()}
        for key in question_keys:
            row[key] = _cell(by_key[key]) if key in by_key else ""
        for key in part_keys:
            row[parts_column(key)] = by_key[key].parts if key in by_key else ""
        row.update({"notes": _safe(" | ".join(r.notes)), "duration_s": f"{r.duration_s:.3f}",
                    "sha256": r.sha256, "file": _safe(r.file)})
        rows.append(row)
    return rows


def write_gradebook(path: Path, results: Sequence[SubmissionResult], question_keys: Sequence[str],
                    part_keys: Sequence[str] = ()) -> None:
    """Write ``gradebook.csv`` atomically (UTF-8, one row per submission)."""
    columns = ["student", "exercise", "status", "score", "max_score", *question_keys,
               *(parts_column(k) for k in part_keys), "notes", "duration_s", "sha256", "file"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(gradebook_rows(results, question_keys, part_keys))
    atomic_write(path, buffer.getvalue())
