"""The website's staged sources (smmlib.site): what `make site` builds from.
(The built site itself is walked in Chromium by tests/browser/test_site.py.)"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import nbformat
import pytest

from smmlib import site
from smmlib.datasets import DATASETS
from smmlib.glossary import load_glossary
from smmlib.outline import chapters
from smmlib.paths import repo_root

ROOT = repo_root()


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("site")
    return site.stage(build / "src", build / "cache")


def _toc_files(staged: Path) -> list[str]:
    return [line.split("file:")[1].strip() for line in (staged / "_toc.yml").read_text().splitlines()
            if "file:" in line]


def test_toc_follows_the_course_map_and_has_no_solutions(staged):
    files = _toc_files(staged)
    stems = [c.notebook.stem for c in chapters()]
    assert [f for f in files if f.startswith("chapters/")] == [f"chapters/{s}" for s in stems]
    with_exercise = [s for s in stems if (repo_root() / "exercises" / f"{s}.ipynb").exists()]
    assert len(with_exercise) >= 9  # every chapter but the "your account" walk-through
    assert [f for f in files if f.startswith("exercises/")] == [f"exercises/{s}" for s in with_exercise]
    assert {"course-map", "glossary", "data", "docs/instructor-guide"} <= set(files)
    assert not any("solutions" in f for f in files)
    assert not (staged / "solutions").exists()
    for f in files:
        assert (staged / f"{f}.ipynb").exists() or (staged / f"{f}.md").exists(), f


def test_staged_notebooks_keep_the_course_code(staged):
    for folder in ("chapters", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            original = nbformat.read(path, as_version=4)
            copy = nbformat.read(staged / folder / path.name, as_version=4)
            code = [c.source for c in original.cells if c.cell_type == "code"]
            assert [c.source for c in copy.cells if c.cell_type == "code"] == code, path
    exercise = (staged / "exercises" / "04_metrics.ipynb").read_text(encoding="utf-8")
    assert "without solutions" in exercise


def test_widget_cells_get_a_launch_note(staged):
    nb = nbformat.read(staged / "chapters" / "04_metrics.ipynb", as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert nb.cells[i + 1].source == site.WIDGET_NOTE


def test_links_to_files_off_the_site_go_to_github(staged):
    text = json.dumps(nbformat.read(staged / "chapters" / "04_metrics.ipynb", as_version=4))
    assert "](../solutions/" not in text
    if "solutions/04_metrics.ipynb" in (ROOT / "chapters" / "04_metrics.ipynb").read_text():
        assert site.github_url("solutions/04_metrics.ipynb") in text


def test_glossary_and_data_pages(staged):
    glossary = (staged / "glossary.md").read_text(encoding="utf-8")
    for entry in load_glossary():
        assert entry.en.replace("|", "\\|") in glossary, entry.term_id
    data = (staged / "data.md").read_text(encoding="utf-8")
    rows = [line for line in data.splitlines() if line.startswith("| `")]
    assert len(rows) == len(DATASETS)
    for info in DATASETS.values():
        row = next(r for r in rows if r.startswith(f"| `{info.name}`"))
        assert ("**real**" in row) == (info.kind == "real") and ("simulated" in row) == (info.kind != "real")


def test_config_executes_chapters_once_with_a_cache_and_no_cdn(staged):
    config = json.loads((staged / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] == "cache"
    assert config["execute"]["exclude_patterns"] == ["exercises/*"]
    assert config["sphinx"]["config"]["nb_ipywidgets_js"] == {}
    assert (staged / "_static" / "plotly.min.js").stat().st_size > 1_000_000
    startup = staged.parent / "ipython" / "profile_default" / "startup" / "00-smm-site.py"
    assert "include_plotlyjs=False" in startup.read_text()


def test_site_renderer_writes_plain_plotly_html(staged):
    startup = staged.parent / "ipython" / "profile_default" / "startup" / "00-smm-site.py"
    code = (startup.read_text() + "\nimport plotly.express as px\n"
            "print(pio.renderers['smm_site'].to_mimebundle(px.bar(x=[1], y=[2]).to_dict())['text/html'])")
    html = subprocess.run([".venv/bin/python" if (ROOT / ".venv").exists() else "python", "-c", code],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "Plotly.newPlot" in html and "require(" not in html and "https://" not in html


def test_staging_never_writes_into_the_repository(tmp_path):
    before = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    site.stage(tmp_path / "src", tmp_path / "cache")
    after = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    assert before == after


def test_config_sets_the_theme_mode(staged):
    # Left empty, the theme's first-visit script logs "Got invalid theme mode" (a console error).
    config = json.loads((staged / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["html_context"]["default_mode"] in {"auto", "light", "dark"}


def test_pages_workflow_publishes_what_make_site_builds():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "make site" in runs
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    site_dir = next(line.split(":=")[1].strip() for line in makefile.splitlines() if line.startswith("SITE :="))
    assert upload["with"]["path"] == f"{site_dir}/_build/html"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    python = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
