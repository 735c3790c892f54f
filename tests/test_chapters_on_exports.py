"""Chapters 03, 04, 05, 08, 09 and 10 run end to end on a student's own export.

Each chapter is executed with papermill, its ``my_export`` parameter set to one
of the sample exports in ``datasets/exports/`` (each shaped like a real
platform export), and a last cell is appended that checks the chapter's
analyses ran on that export's posts, not on the generated data. Run with the
other notebooks; takes about ten seconds a chapter.
"""

from __future__ import annotations

import nbformat
import pytest
from headless import QuietOutputWidget
from nbclient.output_widget import OutputWidget

from smmlib.imports import as_course_posts, read_export
from smmlib.paths import repo_root

papermill = pytest.importorskip("papermill")

ROOT = repo_root()
SAMPLES = ROOT / "datasets" / "exports"

# chapter, sample export, the expression that names the posts the chapter analyses.
# Chapters 09 and 10 read an export as it is (09 any, even Telegram's, which has
# no view counts; 10 lists a TikTok or YouTube Studio export's videos); the
# others analyse rates, so they take the course's post table (as_course_posts).
CASES = [
    ("03_platforms", "meta_instagram_ru.csv", "posts"),
    ("04_metrics", "facebook_insights_post_level.csv", "posts"),
    ("05_pitfalls", "tiktok_content.csv", "posts"),
    ("08_capstone", "youtube_table_data.csv", 'data["posts"]'),
    ("09_account", "telegram_result.json", "export.posts"),
    ("10_short_video", "tiktok_content.csv", "mine"),
]
READS_ANY_EXPORT = {"09_account", "10_short_video"}


@pytest.mark.parametrize(("chapter", "sample", "analysed"), CASES, ids=[c[0] for c in CASES])
def test_chapter_runs_on_an_export(chapter, sample, analysed, tmp_path, monkeypatch):
    # papermill builds its own nbclient client: give it the quiet Output widget (tests/headless.py)
    monkeypatch.setattr(OutputWidget, "send", QuietOutputWidget.send)
    export = SAMPLES / sample
    expected = read_export(export, tz="UTC")
    if chapter not in READS_ANY_EXPORT:
        expected = as_course_posts(expected)
    assert len(expected) >= 5, f"{sample}: too few posts to exercise the chapter"
    nb = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        f"_analysed = {analysed}\n"
        f"assert len(_analysed) == {len(expected)}, len(_analysed)\n"
        f"assert sorted(_analysed['post_id'].astype(str)) == {sorted(expected['post_id'].astype(str))!r}\n"
        f"assert set(_analysed['platform']) == {set(expected['platform'])!r}, set(_analysed['platform'])"))
    source = tmp_path / f"{chapter}.ipynb"
    nbformat.write(nb, source)
    try:
        papermill.execute_notebook(
            str(source), str(tmp_path / f"{chapter}.out.ipynb"), kernel_name="python3",
            parameters={"my_export": str(export)}, cwd=str(ROOT / "chapters"),
            progress_bar=False, execution_timeout=300)
    except papermill.PapermillExecutionError as error:
        pytest.fail(f"chapters/{chapter}.ipynb failed on {sample}: cell {error.exec_count}: "
                    f"{error.ename}: {error.evalue}")
