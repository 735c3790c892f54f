"""The layers of smmlib, drawn from its imports (every import, also those inside functions).

- engine (``smmlib/engine/``): the engine and the foundation only (``metrics``,
  ``viz``, ``generate``, ``paths``), never a chapter module, widget, the
  exercises face, grading or authoring code;
- chapter modules (``smmlib/<name>.py``: ``roles``, ``platforms``, ``metrics``,
  ``viz``, ``generate``, ``paths``, …): each other only, never engine,
  widgets, exercises, grading or authoring code;
- widgets (``smmlib/widgets/``): widgets, chapter modules and the engine
  (the quiz widget); the only place that imports ipywidgets;
- exercises (``smmlib/exercises/``, the banks and the public face): the
  engine, chapter modules and widgets (``exercises.quiz`` shows a quiz);
  the grader's worker must not load ipywidgets (checked in a fresh process);
- grading (``smmlib/grading/``): grading, the engine, the exercises face,
  ``paths`` and ``datasets`` (the worker freezes the datasets) only;
- authoring code (``build_exercises``, ``notebooks``, ``outline``, ``key_terms``, ``site``, ``cli``)
  may import anything; nothing else imports it.

A failure names the file, the line, the import and the rule it breaks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "smmlib"

FOUNDATION = {"smmlib.metrics", "smmlib.viz", "smmlib.generate", "smmlib.paths"}
AUTHORING = {"smmlib.build_exercises", "smmlib.notebooks", "smmlib.outline", "smmlib.cli", "smmlib.key_terms",
             "smmlib.site"}
SUBPACKAGES = ("engine", "exercises", "widgets", "grading")

RULES = {
    "engine": ({"engine", "foundation"},
               "the engine imports only itself and the foundation (metrics, viz, generate, paths)"),
    "chapter": ({"chapter", "foundation"},
                "chapter modules import only each other and the foundation, never engine, widgets, "
                "exercises, grading or authoring code"),
    "widgets": ({"widgets", "chapter", "foundation", "engine"},
                "widgets import only widgets, chapter modules and the engine"),
    "exercises": ({"exercises", "engine", "chapter", "foundation", "widgets"},
                  "the exercises face and banks import only the engine, chapter modules and (to show a quiz) widgets"),
    "grading": ({"grading", "engine", "exercises", "smmlib.paths", "smmlib.datasets", "smmlib"},
                "grading imports only the engine, the exercises face, paths and datasets (the worker "
                "freezes the datasets before forking)"),
    "package": ({"chapter", "foundation"}, "smmlib/__init__.py imports only chapter modules"),
    "authoring": (None, "authoring code may import anything"),
}
IPYWIDGETS_RULE = "ipywidgets is imported only under smmlib/widgets/"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer(module: str) -> str:
    """The layer of an smmlib module name (``smmlib.engine.session`` -> ``engine``)."""
    if module == "smmlib":
        return "package"
    parts = module.split(".")
    if parts[1] in SUBPACKAGES:
        return parts[1]
    if module in AUTHORING:
        return "authoring"
    if module in FOUNDATION:
        return "foundation"
    return "chapter"


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports(source: str, module: str, is_package: bool = False) -> list[tuple[int, str, str]]:
    """(line, imported module, import as written) for every import in ``source``,
    including those inside functions; relative imports are resolved."""
    found = []
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                alias_text = f" as {alias.asname}" if alias.asname else ""
                found.append((node.lineno, alias.name, f"import {alias.name}{alias_text}"))
        elif isinstance(node, ast.ImportFrom):
            dots = "." * node.level
            written = f"from {dots}{node.module or ''} import {', '.join(a.name for a in node.names)}"
            if node.level:
                base = here[:len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            subs = [f"{target}.{a.name}" for a in node.names if _is_module(f"{target}.{a.name}")]
            for name in subs or [target]:
                found.append((node.lineno, name, written))
    return found


def violations(source: str, module: str, where: str, is_package: bool = False) -> list[str]:
    """What breaks the layering in ``source`` (module ``module``), as messages."""
    mine = layer(module)
    mine = "chapter" if mine == "foundation" else mine
    allowed, rule = RULES[mine]
    out = []
    for line, target, written in imports(source, module, is_package):
        top = target.split(".")[0]
        if top == "ipywidgets" and mine != "widgets":
            out.append(f"{where}:{line}: `{written}` breaks the rule: {IPYWIDGETS_RULE}")
        if top != "smmlib" or allowed is None or target == module:
            continue
        theirs = layer(target)
        if target in allowed or theirs in allowed:
            continue
        out.append(f"{where}:{line}: `{written}` ({mine} -> {theirs} {target}) breaks the rule: {rule}")
    return out


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_respects_the_layers(path):
    problems = violations(path.read_text(encoding="utf-8"), module_name(path), str(path.relative_to(ROOT)),
                          is_package=path.name == "__init__.py")
    assert not problems, "\n".join(problems)


def test_every_layer_is_present():
    """The classification sees the real tree (not an empty or renamed one)."""
    layers = {layer(module_name(p)) for p in SOURCES}
    assert layers >= {"engine", "exercises", "widgets", "grading", "authoring", "chapter", "foundation", "package"}


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("smmlib.engine.session", "def f():\n    from ..platforms import reach_numbers\n",
     "smmlib/engine/session.py:2: `from ..platforms import reach_numbers` (engine -> chapter smmlib.platforms) "
     "breaks the rule: the engine imports only itself and the foundation"),
    ("smmlib.platforms", "from .widgets import panel\n",
     "(chapter -> widgets smmlib.widgets.panel) breaks the rule: chapter modules import only each other"),
    ("smmlib.paid", "def w():\n    import ipywidgets as w\n",
     "`import ipywidgets as w` breaks the rule: ipywidgets is imported only under smmlib/widgets/"),
    ("smmlib.grading.grader", "from ..build_exercises import strip_solutions\n",
     "(grading -> authoring smmlib.build_exercises) breaks the rule: grading imports only"),
    ("smmlib.engine.progress", "from smmlib.exercises import BANKS\n",
     "(engine -> exercises smmlib.exercises) breaks the rule"),
    ("smmlib.exercises.session", "from ..notebooks import read_notebook\n",
     "(exercises -> authoring smmlib.notebooks)"),
])
def test_a_broken_rule_is_reported_with_the_import_and_the_rule(module, source, expected):
    where = module.replace(".", "/") + ".py"
    problems = violations(source, module, where)
    assert len(problems) == 1 and expected in problems[0], problems


def test_allowed_imports_are_not_reported():
    assert violations("from ..engine.questions import Bank\nfrom .. import metrics, roles\n",
                      "smmlib.exercises.ex01_roles", "x.py") == []
    assert violations("from ..exercises import get_bank\nfrom ..engine.regions import solutions_for\n",
                      "smmlib.grading.grader", "x.py") == []
    assert violations("from .metrics import funnel_calculator\nimport ipywidgets\n", "smmlib.widgets", "x.py",
                      is_package=True) == []


def test_the_grading_worker_does_not_load_the_ui_toolkit():
    """What the grading worker preloads (the exercises face, every bank, the
    engine, the worker itself) leaves ipywidgets unimported."""
    import subprocess
    import sys

    code = ("import sys, smmlib, smmlib.exercises, smmlib.grading.zygote, smmlib.grading.grader\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'smmlib') "
            "and (m.startswith('ipywidgets') or m.startswith('smmlib.widgets'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", f"the grader's imports load the UI toolkit: {out.stdout.strip()}"


def test_the_grading_workers_preload_leaves_out_the_ui_toolkit_and_authoring_code():
    """Without a sandbox the worker preloads every course module a student may
    import (a child of another user may not reach the folder later). It must
    leave out the widgets (ipywidgets), the authoring code (nbformat, whose
    schema checker takes a second to import) and the grader itself; and it must
    find the modules of the subpackages it does load (the exercise banks)."""
    import subprocess
    import sys

    code = ("import sys\nfrom smmlib.grading import zygote\n"
            "names = zygote._course_modules(__import__('smmlib').__path__, 'smmlib.')\n"
            "zygote._preload_course(modules=True)\n"
            "print(repr((names, sorted(sys.modules))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    names, loaded = ast.literal_eval(out.stdout.strip().splitlines()[-1])
    assert "smmlib.exercises.ex04_metrics" in names and "smmlib.engine.questions" in names
    assert "smmlib.metrics" in names and "smmlib.capstone" in names
    for module in names:
        assert module in loaded, f"the preload did not import {module}"
    unwanted = [m for m in loaded if m.split(".")[0] in ("ipywidgets", "nbformat")
                or m.startswith(("smmlib.widgets", *sorted(AUTHORING)))]
    assert unwanted == [], f"the worker's preload imports {unwanted}"


def _module_level_imports(path: Path) -> set[str]:
    """The smmlib modules ``path`` imports when it is imported (not inside functions
    or ``if TYPE_CHECKING:``)."""
    module = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    source = "\n".join(ast.unparse(n) for n in top)
    return {target for _, target, _ in imports(source, module, path.name == "__init__.py")
            if target.startswith("smmlib.") and not module.startswith(target + ".") and target != module}


def test_no_import_cycle():
    graph = {module_name(p): _module_level_imports(p) for p in SOURCES}
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt in graph and not state.get(nxt):
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for name in sorted(graph):
        if not state.get(name):
            visit(name, [name])
    assert graph["smmlib.exercises"] >= {"smmlib.engine.session"}  # the graph is not empty


def test_package_map_lists_every_module_once():
    import smmlib

    doc = smmlib.__doc__ or ""
    listed = re.findall(r"^- ``(smmlib(?:\.\w+)*)``", doc, re.M)
    modules = sorted(module_name(p) for p in SOURCES if module_name(p) != "smmlib")
    missing = [m for m in modules if m not in listed]
    assert not missing, f"smmlib/__init__.py's package map does not list {missing}; add one line each"
    stale = [m for m in listed if m not in modules]
    assert not stale, f"smmlib/__init__.py's package map lists modules that do not exist: {stale}"
    assert len(listed) == len(set(listed)), "a module is listed twice in the package map"
