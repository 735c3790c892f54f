"""Exercise notebooks are generated from solution notebooks, and stay in sync."""

from __future__ import annotations

import nbformat
import pytest

from smmlib.build_exercises import (
    SolutionMarkerError,
    build_exercise,
    generate_all,
    navigation_cells,
    placeholders,
    solution_regions,
    strip_solutions,
)
from smmlib.exercises import BANKS
from smmlib.notebooks import read_notebook
from smmlib.paths import repo_root

ROOT = repo_root()
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def test_committed_exercises_match_generated(tmp_path):
    written = generate_all(out_dir=tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SOLUTIONS)
    for path in SOLUTIONS:
        committed = ROOT / "exercises" / path.name
        assert committed.exists(), f"{committed} missing: run `smm exercises`"
        assert committed.read_text() == (tmp_path / path.name).read_text(), (
            f"exercises/{path.name} differs from what solutions/{path.name} generates: run `smm exercises`")


def test_value_region_becomes_placeholder_and_check_stays():
    source = "### BEGIN SOLUTION\nx = 2\nq3_answer = x * 3\n### END SOLUTION\nex.q3.check(q3_answer)"
    assert strip_solutions(source) == "q3_answer = ...  # your answer here\nex.q3.check(q3_answer)"


def test_function_region_keeps_signature_and_docstring():
    source = ('### BEGIN SOLUTION\ndef rate(a, b):\n    """A rate."""\n    return a / b\n'
              "### END SOLUTION\nex.q2.check(rate)")
    out = strip_solutions(source)
    assert out.splitlines() == ["def rate(a, b):", '    """A rate."""',
                                '    raise NotImplementedError("write your code here")', "ex.q2.check(rate)"]


def test_indented_region_and_code_region_without_answers():
    source = "for i in range(2):\n    ### BEGIN SOLUTION\n    print(i)\n    ### END SOLUTION\n"
    assert strip_solutions(source) == "for i in range(2):\n    # your code here"
    assert placeholders("print(1)") == ["# your code here"]


def test_markdown_region():
    out = strip_solutions("Answer:\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION", markdown=True)
    assert out == "Answer:\n*Your answer here.*"


@pytest.mark.parametrize("source, words", [
    ("### BEGIN SOLUTION\nx = 1", "without '### END SOLUTION'"),
    ("x = 1\n### END SOLUTION", "without '### BEGIN SOLUTION'"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "inside another"),
    ("### BEGIN SOLUTION\nq1_answer = (\n### END SOLUTION", "not valid Python"),
])
def test_bad_markers_are_reported(source, words):
    with pytest.raises(SolutionMarkerError, match=words):
        strip_solutions(source)


def test_solution_only_cells_dropped_and_navigation_generated():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("old nav", metadata={"tags": ["navigation"]}),
        nbformat.v4.new_markdown_cell("secret", metadata={"tags": ["solution-only"]}),
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\nq1_answer = 1\n### END SOLUTION\nex.q1.check(q1_answer)"),
    ])
    out = build_exercise(nb, "04_metrics")
    sources = [c.source for c in out.cells]
    assert "secret" not in sources and "old nav" not in sources
    assert sources[1] == "q1_answer = ...  # your answer here\nex.q1.check(q1_answer)"
    top, bottom = out.cells[0], out.cells[-1]
    assert "(../chapters/04_metrics.ipynb)" in top.source and "(../solutions/04_metrics.ipynb)" in top.source
    assert "Chapter 04 · Metrics" in top.source and bottom.metadata["tags"] == ["navigation"]


def test_navigation_kinds():
    top, _ = navigation_cells("00_start_here", "solutions")
    assert "(../exercises/00_start_here.ipynb)" in top.source
    with pytest.raises(ValueError, match="kind must be"):
        navigation_cells("00_start_here", "chapters")


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_question_has_exactly_one_solution_region(path):
    regions = solution_regions(read_notebook(path))
    bank = BANKS[path.stem]
    assert set(regions) == {q.key for q in bank.questions}
    for q in bank.questions:
        assert q.answer_name in regions[q.key], f"{q.key}: region should define {q.answer_name}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_notebooks_carry_parameters_cell_and_navigation(path):
    for nb in (read_notebook(path), read_notebook(ROOT / "exercises" / path.name)):
        tags = [c.metadata.get("tags", []) for c in nb.cells]
        assert ["navigation"] in (tags[0], ) and tags[-1] == ["navigation"]
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1 and 'student_id = "self-learner"' in params[0].source


def test_cli_exercises_command_writes_into_the_checkout(tmp_path, monkeypatch, capsys):
    import shutil

    from smmlib.cli import main

    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    monkeypatch.setenv("SMM_WORKBOOK_ROOT", str(tmp_path))
    assert main(["exercises"]) == 0
    assert f"{len(SOLUTIONS)} exercise/solution notebook(s) changed" in capsys.readouterr().out
    for path in SOLUTIONS:
        assert (tmp_path / "exercises" / path.name).read_text() == (ROOT / "exercises" / path.name).read_text()
    assert main(["exercises"]) == 0
    assert "0 exercise/solution notebook(s) changed" in capsys.readouterr().out
