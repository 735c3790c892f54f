"""Binder's environment.yml and pyproject.toml must declare the same runtime dependencies."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _normalise(spec: str) -> tuple[str, str]:
    spec = spec.strip().replace(" ", "")
    m = re.match(r"^([A-Za-z0-9_.\-]+)(.*)$", spec)
    assert m, f"cannot parse dependency {spec!r}"
    return re.sub(r"[-_.]+", "-", m.group(1)).lower(), m.group(2)


def environment_python() -> str:
    """The Python version environment.yml pins (``python=3.11`` -> ``"3.11"``)."""
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    m = re.search(r"^\s+-\s+python=(\d+\.\d+)", text, re.M)
    assert m, "environment.yml pins no python=3.x"
    return m.group(1)


def pyproject_dependencies() -> dict[str, str]:
    """Runtime dependencies of pyproject.toml that apply to environment.yml's Python: one whose
    marker excludes it (``tomli; python_version < '3.11'`` under 3.11) is not expected there."""
    from packaging.markers import Marker

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    python = environment_python()
    deps = {}
    for dep in data["project"]["dependencies"]:
        spec, _, marker = dep.partition(";")
        if not marker or Marker(marker).evaluate({"python_version": python}):
            deps.update([_normalise(spec)])
    return deps


def environment_dependencies(text: str) -> dict[str, str]:
    """Conda dependencies of environment.yml (the pinned python and pip itself excluded)."""
    deps, inside = {}, False
    for line in text.splitlines():
        if re.match(r"^dependencies:\s*$", line):
            inside = True
            continue
        if inside:
            if m := re.match(r"^\s+-\s+([^#\s][^#]*?)\s*(#.*)?$", line):
                name, spec = _normalise(m.group(1))
                if name not in ("python", "pip"):
                    deps[name] = spec
            elif line.strip() and not line.startswith(" "):
                inside = False
    return deps


def test_environment_matches_pyproject():
    env = environment_dependencies((ROOT / "environment.yml").read_text(encoding="utf-8"))
    py = pyproject_dependencies()
    missing_in_env = sorted(set(py) - set(env))
    extra_in_env = sorted(set(env) - set(py))
    different = {k: (py[k], env[k]) for k in set(py) & set(env) if py[k] != env[k]}
    assert not missing_in_env, f"environment.yml lacks {missing_in_env}; add them with the same bounds"
    assert not extra_in_env, f"environment.yml has {extra_in_env}, which pyproject.toml does not"
    assert not different, f"version bounds differ (pyproject, environment.yml): {different}"


def test_a_dependency_for_older_pythons_only_is_not_expected_in_environment_yml():
    """tomli is needed below Python 3.11 only; environment.yml pins 3.11, so it need not list it."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(d.startswith("tomli") and "python_version < '3.11'" in d for d in data["project"]["dependencies"])
    assert environment_python() == "3.11" and "tomli" not in pyproject_dependencies()


def test_disagreement_is_detected():
    """The parser really reads the file: a changed bound or a missing package shows up."""
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    env = environment_dependencies(text)
    assert env == pyproject_dependencies()
    broken = environment_dependencies(text.replace("pandas>=2.2", "pandas>=1.0").replace("  - tqdm>=4.66\n", ""))
    assert broken["pandas"] == ">=1.0" and "tqdm" not in broken


def test_binder_installs_smmlib_and_python_version():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "conda-forge" in text and re.search(r"-\s+python=3\.1[0-9]", text)
    post = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install" in post and "-e ." in post
