"""Argument checks go through ``smmlib/validate.py`` (issue 13, item 4): one
validator module, one wording.

An AST walk over the top-level modules of ``smmlib`` (chapter modules, the
foundation and the authoring modules; not ``validate.py`` itself) finds every
``raise ValueError(...)`` / ``raise TypeError(...)`` guarded by an ``if`` whose
test looks only at the function's own arguments: bare parameter names (or
``self.<field>`` in a dataclass's ``__post_init__``), constants and builtins,
with no attribute or item taken from a parameter. That is the shape of an
inline argument check (``if not 0 < confidence < 1: raise ValueError(...)``);
a check on the data inside an argument (``if messages.empty``,
``if (hours < 0).any()``) has a different shape and is not reported.

A raise of that shape that is *not* an argument check, or checks a relation
between arguments that validate.py has no helper for, is listed in ALLOWED
with the reason. A failure names the file, line, function and condition, and
says which helper to use.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "smmlib"
EXCEPTIONS = ("ValueError", "TypeError")

#: Raises of that shape that may stay inline, one a line: file | function | the guarding
#: condition as ``ast.unparse`` writes it | why.
ALLOWED_TABLE = """
content.py | __post_init__ | self.start is not None and self.end is not None and (pd.Timestamp(self.end) < pd.Timestamp(self.start)) | end before start: a relation between two dates, each checked by validate.date
metrics.py | negative_share_status | low > high | low above high: a relation between two bounds, each checked by validate.number
paid.py | peeking_simulation | not 0 <= rate + effect <= 1 | rate + effect outside 0..1: a relation between two arguments
generate.py | _spike_positions | n_spikes > most | more spikes than non-adjacent days: a relation between n_spikes and days
content.py | _order_posts | ads > gaps * max_ads_in_row | the ads do not fit between the other posts: the mix and the rules together
roles.py | generate_candidate_reviews | len(candidates) < 2 or len(set(candidates)) != len(candidates) | at least two distinct names: a relation among the list's items
community.py | __post_init__ | not isinstance(self.text, str) or not normalise(self.text) | a query must contain letters or digits after normalising: its content
imports.py | as_course_posts | base.isna().all() and require_base | the export has no reach/impressions filled in: the data, not the flag
creators.py | engagement_quality | len(posts) == 0 | an empty posts table: the data, not its type
commerce.py | messaging_funnel | len(conversations) > clicks | more conversations than clicks: a relation between two arguments
sources.py | with_sources_table | DOC_BEGIN not in doc or DOC_END not in doc | docs/SOURCES.md lacks its table markers: a file's content
"""
ALLOWED: dict[tuple[str, str, str], str] = {
    tuple(part.strip() for part in line.split(" | ")[:3]): line.split(" | ")[3]  # type: ignore[misc]
    for line in ALLOWED_TABLE.strip().splitlines()
}


def _parameters(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    a = func.args
    names = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs}
    names |= {x.arg for x in (a.vararg, a.kwarg) if x is not None}
    return names


def _is_argument_check(test: ast.expr, func: str, params: set[str]) -> bool:
    """True when ``test`` looks only at the arguments themselves (see the module docstring)."""
    uses_argument = False
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "self" and func == "__post_init__":
                uses_argument = True
                continue
            if node.value.id in params:
                return False
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in params:
            return False
        if isinstance(node, ast.Name) and node.id in params and node.id != "self":
            uses_argument = True
    return uses_argument


def inline_argument_checks(source: str) -> list[tuple[int, str, str]]:
    """(line, function, condition) of every ValueError/TypeError raised by an
    inline argument check in ``source``."""
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, func: str, params: set[str], guard: ast.expr | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, child.name, _parameters(child), None)
            elif isinstance(child, ast.If):
                visit(child.test, func, params, guard)
                for stmt in child.body:
                    visit_one(stmt, func, params, child.test)
                for stmt in child.orelse:
                    visit_one(stmt, func, params, ast.UnaryOp(op=ast.Not(), operand=child.test))
            else:
                visit_one(child, func, params, guard)

    def visit_one(stmt: ast.AST, func: str, params: set[str], guard: ast.expr | None) -> None:
        if isinstance(stmt, ast.Raise):
            exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
            if (isinstance(exc, ast.Name) and exc.id in EXCEPTIONS and guard is not None
                    and _is_argument_check(guard, func, params)):
                found.append((stmt.lineno, func, ast.unparse(guard)))
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.If)):
            visit(ast.Module(body=[stmt], type_ignores=[]), func, params, guard)
        else:
            visit(stmt, func, params, guard)

    visit(ast.parse(source), "<module>", set(), None)
    return found


MODULES = sorted(p for p in PACKAGE.glob("*.py") if p.name not in ("validate.py", "__init__.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_argument_checks_use_validate(path):
    problems = [f"smmlib/{path.name}:{line}: {func}() raises its own error for an argument check "
                f"`if {condition}`; use smmlib.validate (number, whole, choice, instance, items, text, date) "
                f"or, if it is not an argument check, add it to ALLOWED with the reason"
                for line, func, condition in inline_argument_checks(path.read_text(encoding="utf-8"))
                if (path.name, func, condition) not in ALLOWED]
    assert not problems, "\n".join(problems)


def test_every_allowed_raise_still_exists():
    """A stale allow-list entry would hide the next real check under its name."""
    seen = {(path.name, func, condition) for path in MODULES
            for _, func, condition in inline_argument_checks(path.read_text(encoding="utf-8"))}
    assert set(ALLOWED) <= seen, sorted(set(ALLOWED) - seen)


@pytest.mark.parametrize(("source", "expected"), [
    ("def f(confidence):\n    if not 0 < confidence < 1:\n        raise ValueError('x')\n",
     [(3, "f", "not 0 < confidence < 1")]),
    ("def f(kind):\n    if kind not in KINDS:\n        raise ValueError('x')\n", [(3, "f", "kind not in KINDS")]),
    ("def f(n):\n    if isinstance(n, bool):\n        raise TypeError('x')\n", [(3, "f", "isinstance(n, bool)")]),
    ("def f(x):\n    if x > 0:\n        pass\n    else:\n        raise ValueError('x')\n",
     [(5, "f", "not x > 0")]),
    ("class Q:\n    def __post_init__(self):\n        if self.category not in C:\n            raise ValueError('x')\n",
     [(4, "__post_init__", "self.category not in C")]),
    ("def f(n):\n    for i in range(3):\n        if n < i:\n            raise ValueError('x')\n",
     [(4, "f", "n < i")]),
])
def test_the_walk_finds_inline_argument_checks(source, expected):
    assert inline_argument_checks(source) == expected


@pytest.mark.parametrize("source", [
    "def f(df):\n    if df.empty:\n        raise ValueError('no rows')\n",           # the data inside the argument
    "def f(df):\n    if (df['x'] < 0).any():\n        raise ValueError('negative')\n",
    "def f(x):\n    if x < 0:\n        raise KeyError('x')\n",                        # another exception
    "def f(x):\n    total = x + 1\n    if total > 3:\n        raise ValueError('x')\n",  # a derived value
    "def f(x):\n    return validate.number('f', 'x', x)\n",
])
def test_the_walk_leaves_other_raises_alone(source):
    assert inline_argument_checks(source) == []
