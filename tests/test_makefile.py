"""The Makefile's .PHONY line names only rules the Makefile defines."""

from __future__ import annotations

import re
from pathlib import Path

MAKEFILE = Path(__file__).resolve().parents[1] / "Makefile"


def test_phony_names_only_real_rules():
    text = MAKEFILE.read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", text, re.M).group(1).split()
    rules = set(re.findall(r"^([\w.-]+):(?!=)", text, re.M)) - {".PHONY"}
    assert phony, "no .PHONY line"
    unknown = [name for name in phony if name not in rules]
    assert not unknown, f"Makefile: .PHONY names {unknown}, which have no rule; remove them or add the rule"
