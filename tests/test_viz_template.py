"""The course's chart template: set by ``import smmlib`` everywhere charts are
drawn, and left alone by the ``smm`` command, which draws none."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from smmlib.viz import NO_CHARTS_ENV, OKABE_ITO

PROBE = """
import json, sys
sys.argv[0] = {argv0!r}
import smmlib
import plotly.io as pio
tpl = pio.templates[pio.templates.default] if pio.templates.default == "smm" else None
print(json.dumps({{"default": pio.templates.default,
                  "colorway": list(tpl.layout.colorway) if tpl else None,
                  "background": tpl.layout.plot_bgcolor if tpl else None}}))
"""


def _probe(argv0: str, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE.format(argv0=argv0)], capture_output=True, text=True,
                         check=True, env=env).stdout
    return json.loads(out)


def test_importing_smmlib_makes_the_colour_blind_safe_template_the_default():
    seen = _probe("-c")
    assert seen["default"] == "smm"
    assert seen["colorway"] == OKABE_ITO
    assert seen["background"] == "white"  # built on plotly_white


def test_a_script_of_any_other_name_gets_the_template_too():
    assert _probe("/home/me/analysis.py")["default"] == "smm"
    assert _probe("/home/me/smm_report.py")["default"] == "smm"


def test_the_smm_command_leaves_the_template_alone():
    # the console script pyproject.toml installs as `smm` (tests/test_cli_entry.py checks its name)
    for argv0 in ("/course/.venv/bin/smm", "smm", "/course/.venv/Scripts/smm.exe"):
        assert _probe(argv0)["default"] != "smm", argv0


def test_a_process_that_says_it_draws_no_charts_leaves_the_template_alone():
    assert _probe("-c", env={**os.environ, NO_CHARTS_ENV: "1"})["default"] != "smm"


def test_grading_workers_are_told_they_draw_no_charts():
    from smmlib.grading.runner import _clean_env

    assert _clean_env()[NO_CHARTS_ENV] == "1"
