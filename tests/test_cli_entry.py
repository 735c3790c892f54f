"""The ``smm`` command's entry point."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import tomllib

from smmlib import cli

ROOT = Path(__file__).resolve().parents[1]


def test_the_smm_command_is_cli_run():
    """Its name matters too: importing smmlib in a process named `smm` builds
    no chart template (smmlib.viz.in_the_smm_command)."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["smm"] == "smmlib.cli:run"


def test_run_returns_mains_exit_code_and_freezes_the_heap_last(monkeypatch):
    frozen_during_main = []
    monkeypatch.setattr(cli, "main", lambda: frozen_during_main.append(gc.get_freeze_count()) or 7)
    before = gc.get_freeze_count()
    try:
        assert cli.run() == 7
        assert frozen_during_main == [before], "the heap is frozen only after the command has run"
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def test_a_failing_command_still_exits_with_its_code():
    """`smm grade` on a folder that does not exist: exit code 2 and a message, through run()."""
    code = ("import sys\nfrom smmlib import cli\n"
            "sys.argv = ['smm', 'grade', '/nonexistent/submissions', '--exercise', '04_metrics', "
            "'--out', '/nonexistent/out']\nsys.exit(cli.run())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2, out.stderr
    assert "smm grade: error:" in out.stderr
