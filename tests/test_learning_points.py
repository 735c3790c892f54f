"""Every chapter that exists marks all of its own learning points, and no unknown ones."""

from __future__ import annotations

import pytest

from smmlib.notebooks import cell_tags, read_notebook
from smmlib.outline import all_points, chapters, marked_points
from smmlib.paths import repo_root

EXISTING = [ch for ch in chapters() if ch.notebook.exists()]


def test_outline_parses():
    chs = chapters()
    assert [c.number for c in chs] == [f"{i:02d}" for i in range(15)]
    assert "lp:metrics.reach-vs-impressions" in all_points()
    assert len(all_points()) == sum(len(c.points) for c in chs) == 108


def test_core_chapters_exist():
    assert {"00", "04"} <= {c.number for c in EXISTING}


@pytest.mark.parametrize("chapter", EXISTING, ids=lambda c: c.notebook.name)
def test_chapter_marks_all_its_points(chapter):
    marked = marked_points(cell_tags(read_notebook(chapter.notebook)))
    missing = sorted(set(chapter.points) - marked)
    assert not missing, f"{chapter.notebook.name} does not mark {missing}"


@pytest.mark.parametrize("path", sorted((repo_root() / "chapters").glob("*.ipynb")), ids=lambda p: p.name)
def test_no_unknown_points(path):
    unknown = sorted(marked_points(cell_tags(read_notebook(path))) - all_points())
    assert not unknown, f"{path.name} marks IDs that are not in OUTLINE.md: {unknown}"
