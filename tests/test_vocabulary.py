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
    listed = re.findall(r"^\| `(\w+)` \|", table, re.M)
    assert listed == [s.value for s in Status], ("docs/instructor-guide.md's status table must list "
                                                 f"exactly {[s.value for s in Status]}, in order; it has {listed}")


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


@pytest.mark.parametrize("module", ["zygote.py", "runner.py", "grader.py"])
def test_every_frame_type_and_error_kind_in_the_grading_code_is_listed(module):
    tree = ast.parse((GRADING / module).read_text(encoding="utf-8"))
    for key, enum in (("type", Frame), ("kind", ErrorKind)):
        values = {m.value for m in enum}
        unknown = [(line, v) for line, v in _literals(tree, key) if v not in values]
        assert not unknown, (f"smmlib/grading/{module}: frame {key}(s) {unknown} (line, value) are not in "
                             f"smmlib.grading.vocabulary.{enum.__name__}; add them there with a one-line docstring")


def test_the_scan_finds_the_frames_it_checks():
    """The check above is not vacuous: the worker's own frames are found."""
    tree = ast.parse((GRADING / "zygote.py").read_text(encoding="utf-8"))
    seen = {v for _, v in _literals(tree, "type")}
    assert {"cell", "answers", "done", "job_done", "ready"} <= seen
