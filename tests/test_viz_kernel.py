"""smmlib.viz in a notebook kernel: the first chart does not pay for jsonschema's IRI grammar."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
{before}
import smmlib
print("nbformat" in sys.modules, "rfc3987_syntax" in sys.modules)
import jsonschema, rfc3987_syntax  # still importable afterwards
print(rfc3987_syntax.is_valid_syntax("iri", "https://example.org/ä"))
"""


def _probe(before: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(before=before)], capture_output=True,
                         text=True, check=True).stdout
    return out.split()


def test_in_a_kernel_nbformat_is_loaded_without_the_iri_grammar_which_stays_importable():
    assert _probe("import ipykernel.kernelbase") == ["True", "False", "True"]


def test_outside_a_kernel_importing_smmlib_loads_no_nbformat():
    assert _probe("") == ["False", "False", "True"]


def test_an_already_imported_jsonschema_is_left_alone():
    import jsonschema  # noqa: F401  (this test process may have it already; either way:)

    from smmlib.viz import load_nbformat_without_iri_checker
    assert load_nbformat_without_iri_checker() is False
