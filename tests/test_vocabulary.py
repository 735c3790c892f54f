"""The grader's vocabularies are one list each: Status and Frame (smmlib.grading.vocabulary).

The CLI help and the instructor guide list exactly the statuses; every frame
type and error kind written or compared in the grading code is a member; every
member has a one-line description.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from smmlib.cli import build_parser
from smmlib.grading.gradebook import STATUSES, SubmissionResult
from smmlib.grading.vocabulary import ErrorKind, Frame, Status

ROOT = Path(__file__).resolve().parents[1]
GRADING = ROOT / "smmlib" / "grading"


@pytest.mark.parametrize("enum", [Status, Frame, ErrorKind])
def test_every_member_has_its_own_one_line_description(enum):
    for member in enum:
        doc = member.__doc__
        assert doc and doc.strip() and "\n" not in doc, f"{enum.__name__}.{member.name} needs a one-line docstring"
        assert doc != enum.__doc__, f"{enum.__name__}.{member.name} shows the class docstring, not its own"
    assert len({m.value for m in enum}) == len(list(enum))


def test_status_is_its_text_in_json_and_in_comparisons():
    assert Status.GRADED == "graded" and Status("wrong_exercise") is Status.WRONG_EXERCISE
    assert json.dumps({"status": Status.TIMEOUT}) == '{"status": "timeout"}'
    assert f"{Status.EMPTY}" == "empty"
    assert list(STATUSES) == [s.value for s in Status]


def test_a_submission_result_stores_a_status_and_rejects_unknown_ones():
    assert SubmissionResult("ana", "04_metrics", "graded").status is Status.GRADED
    with pytest.raises(ValueError, match="unknown status 'finished'; known: graded, timeout"):
        SubmissionResult("ana", "04_metrics", "finished")


def _grade_help() -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices["grade"].format_help()


def test_cli_help_lists_every_status_with_its_meaning():
    text = " ".join(_grade_help().split())
    for status in Status:
        assert f"{status.value} {status.meaning}" in text, f"smm grade --help does not explain {status.value!r}"


def test_instructor_guide_status_table_is_exactly_the_status_list():
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    table = guide[guide.index("| status | meaning |"):]
    table = table[:table.index("\n\n")]
    listed = re.findall(r"^\| `(\w+)` \| (.*) \|$", table, re.M)
    wanted = [(s.value, s.meaning) for s in Status]
    assert listed == wanted, ("docs/instructor-guide.md's status table must list exactly the statuses of "
                              "smmlib.grading.vocabulary.Status with their meanings, in order; "
                              f"differences: {sorted(set(listed) ^ set(wanted))}")


def _literals(tree: ast.AST, key: str) -> list[tuple[int, str]]:
    """String values of ``key`` in dict literals, and strings compared with ``x.get(key)``
    or with a name assigned from it (``kind = frame.get("type")``)."""
    found: list[tuple[int, str]] = []
    aliases: set[str] = set()

    def is_get(node: ast.AST) -> bool:
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == key)

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and is_get(node.value):
            aliases.update(t.id for t in node.targets if isinstance(t, ast.Name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            pairs = list(zip(node.keys, node.values, strict=True))
            tags = [v for k, v in pairs if isinstance(k, ast.Constant) and k.value == "t"]
            if tags and isinstance(tags[0], ast.Constant):  # {"t": "unsupported", ...}: an encoded value
                continue
            for k, v in zip(node.keys, node.values, strict=True):
                if isinstance(k, ast.Constant) and k.value == key and isinstance(v, ast.Constant):
                    found.append((node.lineno, v.value))
        elif isinstance(node, ast.Compare) and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            left, right = node.left, node.comparators[0]
            for a, b in ((left, right), (right, left)):
                if (is_get(a) or (isinstance(a, ast.Name) and a.id in aliases)) and isinstance(b, ast.Constant):
                    found.append((node.lineno, b.value))
    return found


def _status_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Status texts written as strings where a status is set, returned or compared:
    ``status = "graded"``, ``status="empty"``, ``x.status == "missing"``,
    ``return "timeout", answers, notes`` and sets/tuples of statuses."""
    values = {s.value for s in Status}
    found: list[tuple[int, str]] = []

    def named_status(node: ast.AST) -> bool:
        return ((isinstance(node, ast.Name) and node.id in {"status", "SCORED", "UNGRADED"})
                or (isinstance(node, ast.Attribute) and node.attr == "status"))

    def strings(node: ast.AST | None) -> list[ast.Constant]:
        if isinstance(node, ast.Constant) and node.value in values:
            return [node]
        if isinstance(node, (ast.Tuple, ast.Set, ast.List)):
            return [e for e in node.elts if isinstance(e, ast.Constant) and e.value in values]
        return []

    for node in ast.walk(tree):
        hits: list[ast.Constant] = []
        if isinstance(node, ast.Assign) and any(named_status(t) or isinstance(t, ast.Tuple) and
                                                any(named_status(e) for e in t.elts) for t in node.targets):
            hits = strings(node.value)
        elif isinstance(node, ast.keyword) and node.arg == "status":
            hits = strings(node.value)
        elif isinstance(node, ast.Compare) and (named_status(node.left)
                                                or any(named_status(c) for c in node.comparators)):
            hits = [h for c in [node.left, *node.comparators] for h in strings(c)]
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts:
            hits = strings(node.value.elts[0])
        found += [(h.lineno, h.value) for h in hits]
    return found


@pytest.mark.parametrize("module", ["zygote.py", "runner.py", "grader.py"])
def test_every_frame_type_and_error_kind_in_the_grading_code_is_a_vocabulary_member(module):
    tree = ast.parse((GRADING / module).read_text(encoding="utf-8"))
    for key, enum in (("type", Frame), ("kind", ErrorKind)):
        written = _literals(tree, key)
        assert not written, (f"smmlib/grading/{module}: frame {key}(s) {written} (line, value) are written as "
                             f"text; use the members of smmlib.grading.vocabulary.{enum.__name__} (add a new "
                             "one there with a one-line docstring)")


@pytest.mark.parametrize("module", ["grader.py", "submissions.py", "canary.py", "lms.py"])
def test_every_status_in_the_grading_code_is_a_vocabulary_member(module):
    written = _status_literals(ast.parse((GRADING / module).read_text(encoding="utf-8")))
    assert not written, (f"smmlib/grading/{module}: status(es) {written} (line, value) are written as text; "
                         "use smmlib.grading.vocabulary.Status members")


def test_the_scans_find_what_they_check():
    """The checks above are not vacuous: written-out frames and statuses are found ..."""
    frames = ast.parse('emit({"type": "cell", "i": 0})\nkind = f.get("type")\nif kind == "done": pass\n'
                       'x = {"t": "unsupported", "type": "too large"}\nif f.get("kind") == "memory": pass')
    assert sorted(_literals(frames, "type")) == [(1, "cell"), (3, "done")]
    assert _literals(frames, "kind") == [(5, "memory")]
    statuses = ast.parse('status = "missing"\nstatus, notes = "unreadable", []\nP(status="empty")\n'
                         'if row.status == "pending": pass\nSCORED = {"graded", "timeout"}\n'
                         'def f():\n    return "crashed", {}, []\nkind = "memory"')
    assert sorted(_status_literals(statuses)) == [(1, "missing"), (2, "unreadable"), (3, "empty"),
                                                  (4, "pending"), (5, "graded"), (5, "timeout"), (7, "crashed")]
    # ... and the worker really uses the members.
    used = {node.attr for node in ast.walk(ast.parse((GRADING / "zygote.py").read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Frame"}
    assert {"CELL", "ANSWERS", "DONE", "JOB_DONE", "READY"} <= used
