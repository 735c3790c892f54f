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


def pyproject_dependencies() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(_normalise(d) for d in data["project"]["dependencies"])


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
