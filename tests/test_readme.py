"""The README's promises: two commands, CI runs the same test command, links resolve."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


def test_two_commands():
    assert quick_start_commands() == ["make lab", "make test"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = quick_start_commands()[1]
    assert re.search(rf"^{re.escape(test_cmd)}\s*$", ci, re.M), f".ci/run must call `{test_cmd}`"


def test_makefile_has_the_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("lab", "test", "setup"):
        assert re.search(rf"^{target}:", makefile, re.M), f"Makefile lacks the `{target}` target"
    assert "chapters/00_start_here.ipynb" in makefile


def test_binder_badge_opens_start_here_in_lab():
    url = re.search(r"\(https://mybinder\.org/v2/gh/[^)]+\)", README).group(0)[1:-1]
    urlpath = parse_qs(urlparse(url).query)["urlpath"][0]
    assert urlpath == "lab/tree/chapters/00_start_here.ipynb"
    assert (ROOT / urlpath.removeprefix("lab/tree/")).exists()


def test_local_links_resolve():
    """Every relative link in the README points to a file in the repository
    (chapter notebooks that are not written yet are listed as such)."""
    missing = []
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if "://" in target:
            continue
        if not (ROOT / target).exists():
            missing.append(target)
    assert not missing, f"README links to missing files: {missing}"
