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
    question_cell_keys,
    solution_regions,
    strip_solutions,
    with_questions,
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


# ----------------------------------------------------------------------------- question cells from the bank


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_question_cells_are_the_banks(path):
    """The bank is the one source of a question's text: each question has one
    markdown cell tagged ``question:qN`` in the solution and the exercise
    notebook, equal to ``Question.cell_markdown()`` (``smm generate`` writes it)."""
    bank = BANKS[path.stem]
    for nb in (read_notebook(path), read_notebook(ROOT / "exercises" / path.name)):
        found = question_cell_keys(nb)
        assert [key for _, key in found] == [q.key for q in bank.questions], (
            f"{path.name}: question cells out of order or missing")
        for index, key in found:
            assert nb.cells[index].source == bank.question(key).cell_markdown(), (
                f"{path.name} {key}: the question cell differs from the bank: run `smm generate`")


def _tagged(key, text="old text", kind="markdown"):
    make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
    return make(text, metadata={"tags": [f"question:{key}"]})


def test_with_questions_rewrites_the_tagged_cells():
    bank = BANKS["00_start_here"]
    nb = nbformat.v4.new_notebook(cells=[_tagged(q.key) for q in bank.questions])
    out = with_questions(nb, "00_start_here")
    assert [c.source for c in out.cells] == [q.cell_markdown() for q in bank.questions]
    assert nb.cells[0].source == "old text"  # the input is not changed
    first, q1 = out.cells[0].source, bank.questions[0]
    assert first.startswith(f"### q1 · {q1.heading or 'Value question'}\n\n")
    assert (not q1.brief or f"*{q1.brief}*" in first) and q1.title in first and "`ex.q1.hint(2)`" in first


@pytest.mark.parametrize("cells, words", [
    (lambda keys: [_tagged(k) for k in keys[1:]], "missing: q1"),
    (lambda keys: [_tagged(k) for k in keys] + [_tagged("q1")], "repeated: q1"),
    (lambda keys: [_tagged(k) for k in keys] + [_tagged("q99")], "has no question 'q99'"),
    (lambda keys: [_tagged(keys[0], kind="code")] + [_tagged(k) for k in keys[1:]], "belongs on a markdown cell"),
])
def test_with_questions_names_a_bad_tag(cells, words):
    keys = [q.key for q in BANKS["00_start_here"].questions]
    nb = nbformat.v4.new_notebook(cells=cells(keys))
    with pytest.raises(ValueError, match=words):
        with_questions(nb, "00_start_here")


def test_choice_like_cells_list_their_options_and_thought_cells_say_who_reads():
    from smmlib.engine.questions import Choice, Classify, Order, Overlap, Thought

    choice = Choice(key="q3", title="Pick.", options={"a": "One", "b": "Two"}, correct="b",
                    heading="Which one", brief="A client asks.", hints=("idea", "method", "code"))
    cell = choice.cell_markdown()
    assert "- **a)** One\n- **b)** Two" in cell and "Choose **one**" in cell
    assert cell.endswith("Stuck? `ex.q3.hint()`, then `ex.q3.hint(2)`, `ex.q3.hint(3)`; "
                         "after trying, `ex.q3.solution()`.")
    order = Order(key="q4", title="Order.", steps={"a": "Plan", "b": "Post"}, expected=["a", "b"])
    assert "- **b)** Post" in order.cell_markdown() and "Re-read the chapter" in order.cell_markdown()
    personal = Classify(key="q5", title="Sort.", groups=("x", "y"), expected=lambda ctx: {"i": "x"})
    assert "Run `ex.q5.show()` to see your items" in personal.cell_markdown()
    assert "at least 0.75" in Overlap(key="q6", title="Find.", expected=[1], min_precision=0.75).cell_markdown()
    assert "your teacher reads it" in Thought(key="q7", title="Why?").cell_markdown()
