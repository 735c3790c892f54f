"""The bank registry: every bank module is listed, and a bank's module is
imported only when that bank is asked for."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from smmlib import exercises
from smmlib.engine.questions import Bank

EXERCISES = Path(exercises.__file__).parent


def _declared() -> dict[str, tuple[str, str]]:
    """notebook name -> (module, attribute), read from the modules' source:
    ``NAME = TEXT.bank("04_metrics", ...)`` or ``NAME = X.bank("00_demo", ...)``."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(EXERCISES.glob("ex*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "bank"
                    and node.value.args and isinstance(node.value.args[0], ast.Constant)):
                found[node.value.args[0].value] = (path.stem, node.targets[0].id)  # type: ignore[attr-defined]
    return found


def test_the_table_lists_every_bank_declared_in_a_module_and_nothing_else():
    declared = _declared()
    assert len(declared) >= 15, "the parse found too few banks: has the declaration form changed?"
    assert dict(exercises.BANK_MODULES) == declared


def test_every_bank_loads_under_its_own_name():
    for name in exercises.BANK_MODULES:
        bank = exercises.BANKS[name]
        assert isinstance(bank, Bank) and bank.name == name
    assert list(exercises.BANKS) == list(exercises.BANK_MODULES)
    assert len(exercises.BANKS) == len(exercises.BANK_MODULES)
    assert len({id(b) for b in exercises.BANKS.values()}) == len(exercises.BANK_MODULES)


def test_unknown_names_are_key_errors_with_a_suggestion():
    assert "04_metrics" in exercises.BANKS and "04_metric" not in exercises.BANKS
    with pytest.raises(KeyError, match="Did you mean '04_metrics'"):
        exercises.get_bank("04_metric")


def test_a_wrong_entry_names_the_table_to_fix():
    banks = exercises._Banks({"04_metrics": ("ex05_pitfalls", "BANK")})
    with pytest.raises(RuntimeError, match="not the bank '04_metrics'.*BANK_MODULES"):
        banks["04_metrics"]


PROBE = """
import sys
from smmlib import exercises
ex = exercises.start("04_metrics", "s001", record=False)
loaded = sorted(m for m in sys.modules if m.startswith("smmlib.exercises.ex"))
print(" ".join(loaded), "emoji" in sys.modules)
"""


def test_starting_one_exercise_imports_only_its_bank():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
    # ex13's chapter module imports the emoji library: a sign of loading every bank
    assert out == ["smmlib.exercises.ex04_metrics", "False"]
