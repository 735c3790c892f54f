"""Generate exercise notebooks from solution notebooks (one source of truth).

A ``solutions/NN_key.ipynb`` notebook holds the worked answers inside marked
regions (nbgrader's convention)::

    ### BEGIN SOLUTION
    q3_answer = posts["reach"].sum()
    ### END SOLUTION
    ex.q3.check(q3_answer)

:func:`build_exercise` turns it into ``exercises/NN_key.ipynb``:

- each region is replaced by placeholders: every ``<name>_answer = ...``
  assignment becomes ``<name>_answer = ...  # your answer here``; every
  ``def f(...)`` keeps its signature and docstring and gets the body
  ``raise NotImplementedError("write your code here")``; a region with neither
  becomes ``# your code here``; in Markdown cells the region becomes
  ``*Your answer here.*``;
- cells tagged ``solution-only`` are dropped;
- the question cells (markdown cells tagged ``question:qN``) are generated
  for both notebooks from the bank (:meth:`~smmlib.engine.questions.Question.cell_markdown`):
  heading, brief, task, options and the "Stuck?" line have one source, the bank;
- the navigation cells (tagged ``navigation``, first and last) are generated
  for both notebooks: links to the chapter, to the other notebook and back.

``smm generate`` (and ``smm exercises``) runs :func:`generate_all`;
``tests/test_build_exercises.py`` fails when a committed exercise notebook
differs from what this module generates.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap
from pathlib import Path

import nbformat

from . import validate
from .engine.regions import BEGIN, END, SolutionMarkerError, region_spans, solution_regions
from .notebooks import notebook_text, read_notebook, write_notebook
from .paths import repo_root

__all__ = ["BEGIN", "END", "SolutionMarkerError", "build_exercise", "generate_all",
           "navigation_cells", "question_cell_keys", "solution_regions", "strip_solutions", "with_questions"]

SOLUTION_ONLY = "solution-only"
NAVIGATION = "navigation"
QUESTION_TAG = "question:"  # + the question's key: the cell tag of a generated question cell
ANSWER_PLACEHOLDER = "...  # your answer here"
STUB_BODY = 'raise NotImplementedError("write your code here")'


def _stub(node: ast.FunctionDef | ast.AsyncFunctionDef, source: str) -> list[str]:
    header_end = node.body[0].lineno - 1  # lines before the first body statement
    lines = source.splitlines()[node.lineno - 1 - len(node.decorator_list):header_end]
    if (node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
            and isinstance(node.body[0].value.value, str)):
        doc = node.body[0]
        lines += source.splitlines()[doc.lineno - 1:doc.end_lineno]
    indent = " " * (node.body[0].col_offset)
    return lines + [f"{indent}{STUB_BODY}"]


def placeholders(region: str) -> list[str]:
    """The placeholder lines that replace one solution region (code).

    >>> placeholders("rates = x / y\\nq3_answer = rates.max()")
    ['q3_answer = ...  # your answer here']
    >>> placeholders("def rate(a, b):\\n    '''Rate.'''\\n    return a / b")
    ['def rate(a, b):', "    '''Rate.'''", '    raise NotImplementedError("write your code here")']
    """
    source = textwrap.dedent(region)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise SolutionMarkerError(f"solution region is not valid Python ({exc.msg}, line {exc.lineno}):\n"
                                  f"{region}") from exc
    out: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out += _stub(node, source)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.endswith("_answer"):
                    out.append(f"{target.id} = {ANSWER_PLACEHOLDER}")
    return out or ["# your code here"]


def strip_solutions(source: str, *, markdown: bool = False, where: str = "cell") -> str:
    """Replace every solution region of one cell's source by its placeholders."""
    lines = source.splitlines()
    spans = region_spans(lines, where)
    if not spans:
        return source
    out: list[str] = []
    previous = 0
    for begin, end in spans:
        out += lines[previous:begin]
        indent = re.match(r"\s*", lines[begin]).group(0)
        if markdown:
            out.append("*Your answer here.*")
        else:
            out += [indent + p if p else p for p in placeholders("\n".join(lines[begin + 1:end]))]
        previous = end + 1
    out += lines[previous:]
    return "\n".join(out)


def _chapter_title(name: str) -> tuple[str, str]:
    from .outline import chapters

    number = name.split("_", 1)[0]
    for chapter in chapters():
        if chapter.number == number:
            return number, chapter.title
    return number, name


def navigation_cells(name: str, kind: str) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """The generated top and bottom navigation cells of ``exercises/`` or
    ``solutions/`` notebook ``name`` (``kind`` is ``"exercises"`` or ``"solutions"``)."""
    validate.choice("navigation_cells", "kind", kind, ("exercises", "solutions"))
    number, title = _chapter_title(name)
    chapter = f"[Chapter {number} · {title}](../chapters/{name}.ipynb)"
    start = "[Start here](../chapters/00_start_here.ipynb)"
    if kind == "exercises":
        heading = f"**Exercises for chapter {number} · {title}**"
        other = f"[worked solutions](../solutions/{name}.ipynb) (try first!)"
    else:
        heading = f"**Worked solutions for chapter {number} · {title}**"
        other = f"[exercises without answers](../exercises/{name}.ipynb)"
    top = f"{heading} · back to {chapter} · {other} · {start}"
    bottom = f"Done? Go back to {chapter}, or open the {other}. · {start}"
    return tuple(nbformat.v4.new_markdown_cell(text, metadata={"tags": [NAVIGATION]})
                 for text in (top, bottom))  # type: ignore[return-value]


def with_navigation(nb: nbformat.NotebookNode, name: str, kind: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose first and last cells are the generated navigation."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # deep copy
    cells = [c for c in nb.cells if NAVIGATION not in c.get("metadata", {}).get("tags", [])]
    top, bottom = navigation_cells(name, kind)
    nb.cells = [top, *cells, bottom]
    return nb


def question_cell_keys(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(cell index, question key) of every cell tagged ``question:<key>``, in order."""
    return [(i, tag.removeprefix(QUESTION_TAG)) for i, cell in enumerate(nb.cells)
            for tag in cell.get("metadata", {}).get("tags", []) if tag.startswith(QUESTION_TAG)]


def with_questions(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose question cells (tagged ``question:qN``) are generated from bank ``name``.

    Every question of the bank has exactly one such markdown cell; an unknown
    key, a repeated or missing cell, or a code cell with the tag is an error
    that names the notebook and the fix. A notebook without a bank is returned as is.
    """
    from .exercises import BANKS

    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # deep copy
    bank = BANKS.get(name)
    if bank is None:
        return nb
    keys = [q.key for q in bank.questions]
    found = question_cell_keys(nb)
    where = f"solutions/{name}.ipynb"
    for index, key in found:
        if key not in keys:
            raise ValueError(f"{where} cell {index + 1} is tagged {QUESTION_TAG}{key}, but bank {name!r} "
                             f"has no question {key!r} (questions: {', '.join(keys)}); fix the tag")
        if nb.cells[index].cell_type != "markdown":
            raise ValueError(f"{where} cell {index + 1}: the tag {QUESTION_TAG}{key} belongs on a markdown cell")
    tagged = [key for _, key in found]
    repeated = sorted({k for k in tagged if tagged.count(k) > 1})
    missing = [k for k in keys if k not in tagged]
    if repeated or missing:
        raise ValueError(f"{where}: every question needs exactly one markdown cell tagged "
                         f"'{QUESTION_TAG}<key>' before its answer cell; "
                         + "; ".join(filter(None, [f"repeated: {', '.join(repeated)}" if repeated else "",
                                                   f"missing: {', '.join(missing)}" if missing else ""])))
    for index, key in found:
        nb.cells[index].source = bank.question(key).cell_markdown()
    return nb


def build_exercise(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The exercise notebook generated from a solution notebook."""
    nb = with_navigation(solution, name, "exercises")
    kept = []
    for index, cell in enumerate(nb.cells, start=1):
        if SOLUTION_ONLY in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type in ("code", "markdown"):
            cell.source = strip_solutions(cell.source, markdown=cell.cell_type == "markdown",
                                          where=f"{name} cell {index}")
        kept.append(cell)
    nb.cells = kept
    return nb


def generate_all(root: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Regenerate ``exercises/`` from ``solutions/`` (and the navigation of the
    solutions themselves). ``out_dir`` redirects the exercises (tests). Return
    the files written because they changed."""
    root = root or repo_root()
    out_dir = out_dir or root / "exercises"
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for path in sorted((root / "solutions").glob("*.ipynb")):
        solution = read_notebook(path)
        navigated = with_navigation(with_questions(solution, path.stem), path.stem, "solutions")
        if out_dir == root / "exercises" and _text(navigated) != path.read_text(encoding="utf-8"):
            write_notebook(navigated, path)
            written.append(path)
        target = out_dir / path.name
        exercise = build_exercise(navigated, path.stem)
        if not target.exists() or _text(exercise) != target.read_text(encoding="utf-8"):
            write_notebook(exercise, target)
            written.append(target)
    return written


def _text(nb: nbformat.NotebookNode) -> str:
    from .notebooks import clean_notebook

    return notebook_text(clean_notebook(nb))
