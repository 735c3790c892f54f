"""The six-language glossary: the data file, its sources, lookups and the Key-terms cells."""

from __future__ import annotations

import csv
import shutil

import nbformat
import pytest

from smmlib import glossary as g
from smmlib import key_terms as kt
from smmlib.notebooks import read_notebook
from smmlib.outline import chapter_for, chapters
from smmlib.paths import repo_root

CSV = repo_root() / "datasets" / "glossary.csv"
SEEDS = g.seeds_dir()
needs_seeds = pytest.mark.skipif(SEEDS is None, reason="source articles not available (set SMM_SEEDS_DIR)")


def raw_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(CSV.read_text(encoding="utf-8").splitlines()))


# --------------------------------------------------------------------------- the file


def test_file_is_utf8_sorted_unique_and_large_enough():
    data = CSV.read_bytes()
    data.decode("utf-8")  # raises on invalid UTF-8
    assert not data.startswith(b"\xef\xbb\xbf"), "no byte-order mark, please"
    assert data.endswith(b"\n") and b"\r" not in data
    rows = raw_rows()
    assert len(rows) >= 80
    assert tuple(rows[0].keys()) == g.COLUMNS
    english = [r["en"].casefold() for r in rows]
    assert english == sorted(english), "rows must be sorted by the English term"
    ids = [r["term_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert len({e.casefold() for e in english}) == len(english)


def test_every_term_has_six_languages_or_an_explicit_unverified_mark():
    for row in raw_rows():
        assert row["en"].strip() and row["definition_en"].strip(), row["term_id"]
        for lang in g.SOURCE_LANGS:
            assert row[lang].strip(), f"{row['term_id']}: no {lang} term"
            status = row[f"{lang}_status"]
            assert status in (g.UNVERIFIED, f"source:{g.SOURCE_FILES[lang]}"), (row["term_id"], lang, status)


def test_every_source_mark_names_a_documented_seed_file():
    digest = (repo_root() / "docs" / "SOURCES.md").read_text(encoding="utf-8")
    named = {e.translations[lang].source_file for e in g.load_glossary() for lang in g.SOURCE_LANGS} - {None}
    assert named == set(g.SOURCE_FILES.values())
    for name in named:
        assert name in digest
        if SEEDS is not None:
            assert (SEEDS / name).is_file()


@needs_seeds
def test_every_verified_form_occurs_in_its_source_article():
    assert g.source_problems(SEEDS) == []


@needs_seeds
def test_source_check_catches_an_invented_form(tmp_path, monkeypatch):
    (tmp_path / "datasets").mkdir()
    text = CSV.read_text(encoding="utf-8").replace(",qamrov,source:", ",qamrovchi-zor,source:")
    (tmp_path / "datasets" / "glossary.csv").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SMM_WORKBOOK_ROOT", str(tmp_path))
    problems = g.source_problems(SEEDS)
    assert any(p.startswith("reach/uz") for p in problems), problems


def test_form_occurs_allows_endings_but_not_other_words():
    assert g.form_occurs("qamrov", "Qamrovni oshirish")
    assert g.form_occurs("o'tish", "saytga o’tish soni")
    assert g.form_occurs("სამიზნე აუდიტორია", "თქვენი სამიზნე აუდიტორიას")
    assert g.form_occurs("qamrov", "keng qamrovli")  # endings are allowed
    assert not g.form_occurs("amrov", "qamrov")  # must start a word
    assert not g.form_occurs("salbiy sharh", "salbiy kayfiyat")


@needs_seeds
def test_reach_entry_has_the_source_forms():
    reach = g.get_entry("reach")
    assert reach.translations["uz"].term == "qamrov" and reach.translations["uz"].verified
    assert reach.translations["ru"].term == "охват"
    assert g.form_occurs("qamrov", (SEEDS / g.SOURCE_FILES["uz"]).read_text(encoding="utf-8"))
    # 004 never says "охват", so the Russian form must stay marked unverified.
    assert not g.form_occurs("охват", (SEEDS / g.SOURCE_FILES["ru"]).read_text(encoding="utf-8"))
    assert not reach.translations["ru"].verified


def test_malformed_rows_give_errors_that_name_the_line(tmp_path):
    rows = CSV.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "glossary.csv"
    bad.write_text("\n".join([rows[0], rows[1].replace("unverified", "maybe", 1)]) + "\n", encoding="utf-8")
    with pytest.raises(g.GlossaryError, match=r"line 2 .*must be 'unverified' or 'source:<file>'"):
        g.load_glossary(bad)
    bad.write_text("\n".join([rows[0], rows[1], rows[1]]) + "\n", encoding="utf-8")
    with pytest.raises(g.GlossaryError, match="duplicate term_id"):
        g.load_glossary(bad)
    bad.write_bytes(rows[0].encode() + b"\n\xff\xfe\n")
    with pytest.raises(g.GlossaryError, match="UTF-8"):
        g.load_glossary(bad)


# --------------------------------------------------------------------------- lookup


def ids(results):
    return [e.term_id for e in results]


def test_qamrov_okhvat_and_reach_find_the_same_entry():
    assert ids(g.lookup("qamrov"))[0] == ids(g.lookup("охват"))[0] == ids(g.lookup("reach"))[0] == "reach"


@pytest.mark.parametrize("query", ["ta'sir o'tkazuvchi", "taʻsir oʻtkazuvchi", "ta’sir o’tkazuvchi",
                                   "ta‘sir o‘tkazuvchi", "taʼsir oʼtkazuvchi", "ta`sir o`tkazuvchi"])
def test_uzbek_apostrophe_variants(query):
    assert ids(g.lookup(query))[0] == "influencer"


def test_apostrophe_variants_normalise_alike():
    assert g.normalise("o'g'il") == g.normalise("oʻgʻil") == g.normalise("o’g’il") == g.normalise("O‘G‘IL")


@pytest.mark.parametrize(("query", "term_id"), [
    ("қамров", "reach"),             # Uzbek Cyrillic query, Uzbek Latin entry
    ("обуначи", "subscriber"),       # Uzbek Cyrillic for "obunachi"
    ("таъсир ўтказувчи", "influencer"),
    ("контент режаси", "content-plan"),
    ("SIHTRÜHM", "target-audience"),  # case
    ("sihtruhm", "target-audience"),  # accents
    ("Сегмент", "segment"),
    ("CPL", "cost-per-lead"),        # abbreviation in brackets
    ("ab test", "a-b-test"),         # punctuation
])
def test_lookup_across_scripts_case_and_accents(query, term_id):
    assert ids(g.lookup(query))[0] == term_id


def test_exact_matches_rank_before_partial_ones():
    found = ids(g.lookup("conversion"))
    assert found[0] == "conversion" and "conversion-rate" in found[1:]
    found = ids(g.lookup("таргет"))  # a prefix: several entries, none exact
    assert {"targeting", "targetologist", "targeted-advertising"} <= set(found)


def test_lookup_language_filter_and_bad_input():
    assert ids(g.lookup("qamrov", lang="uz"))[0] == "reach"
    assert g.lookup("qamrov", lang="ru") == []
    assert ids(g.lookup("охват", lang="ru"))[0] == "reach"
    assert g.lookup("") == [] and g.lookup("  ") == []
    assert g.lookup("zzzzzz") == []
    with pytest.raises(ValueError, match="lang must be one of 'en', .* \\(or None for all\\); got 'fr'"):
        g.lookup("reach", lang="fr")
    with pytest.raises(TypeError):
        g.lookup(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- chapters


def test_chapter_references_resolve():
    numbers = {c.number for c in chapters()}
    all_ids = {e.term_id for e in g.load_glossary()}
    for entry in g.load_glossary():
        assert set(entry.chapters) <= numbers, entry.term_id
        assert set(entry.see_also) <= all_ids, (entry.term_id, set(entry.see_also) - all_ids)
        assert entry.term_id not in entry.see_also


@pytest.mark.parametrize("chapter", chapters(), ids=lambda c: c.key)
def test_every_chapter_lists_terms_that_exist(chapter):
    terms = kt.terms_for_chapter(chapter.key)
    assert len(terms) >= 3, f"chapter {chapter.number} lists only {len(terms)} glossary terms"
    assert all(g.get_entry(e.term_id) == e for e in terms)


def test_chapter_can_be_named_several_ways():
    expected = ids(kt.terms_for_chapter("metrics"))
    assert "reach" in expected and "utm-tag" in expected
    for ref in (4, "4", "04", "metrics", "lp:metrics", "04_metrics", chapter_for("metrics"),
                chapter_for("metrics").notebook):
        assert ids(kt.terms_for_chapter(ref)) == expected
    assert ids(kt.terms_for_chapter("start_here")) == ids(kt.terms_for_chapter(0))
    with pytest.raises(ValueError, match="unknown chapter 'marketing'.*04/metrics"):
        kt.terms_for_chapter("marketing")
    with pytest.raises(ValueError, match="unknown chapter"):
        kt.terms_for_chapter(99)


def test_key_terms_markdown_marks_unverified_translations():
    md = kt.key_terms_markdown("metrics")
    rows = [line for line in md.splitlines() if line.startswith("| **")]
    assert len(rows) == len(kt.terms_for_chapter("metrics"))
    assert "| Term | Definition | Russian | Uzbek | Kazakh | Estonian | Georgian |" in md
    reach = next(r for r in rows if r.startswith("| **reach** |"))
    assert "охват†" in reach  # unverified: marked
    assert "qamrov |" in reach and "qamrov†" not in reach  # from source 000: unmarked
    assert g.FOOTNOTE in md
    for entry in kt.terms_for_chapter("metrics"):
        row = next(r for r in rows if r.startswith(f"| **{entry.en}** |"))
        cells = [c.strip() for c in row.strip("| ").split(" | ")]
        assert len(cells) == 7, row
        for lang, cell in zip(g.SOURCE_LANGS, cells[2:], strict=True):
            tr = entry.translations[lang]
            assert cell == (tr.term if tr.verified else f"{tr.term}†"), (entry.term_id, lang, cell)


def test_key_terms_table_is_collapsed_behind_a_disclosure():
    md = kt.key_terms_markdown("metrics")
    lines = md.splitlines()
    n = len(kt.terms_for_chapter("metrics"))
    assert lines[0] == "## Key terms"
    assert lines[2].startswith("This chapter's terms: amplification rate, applause rate, ")
    opened, closed = lines.index("<details>"), lines.index("</details>")
    assert lines[opened + 1] == (f"<summary>Definitions and translations (Russian, Uzbek, Kazakh, Estonian, "
                                 f"Georgian) of the {n} terms</summary>")
    table = [i for i, line in enumerate(lines) if line.startswith("|")]
    assert opened < min(table) and max(table) < closed  # the whole table is inside
    assert lines[opened + 2] == ""  # a blank line so that the Markdown table renders inside the HTML block


def test_key_terms_markdown_escapes_table_breakers():
    assert g.table_cell("a | b\nc") == "a \\| b c"


CHAPTER_NOTEBOOKS = [c for c in chapters() if c.notebook.exists()]


@pytest.mark.parametrize("chapter", CHAPTER_NOTEBOOKS, ids=lambda c: c.notebook.name)
def test_key_terms_cells_are_up_to_date(chapter):
    nb = read_notebook(chapter.notebook)
    cells = [c for c in nb.cells if g.KEY_TERMS_TAG in c.get("metadata", {}).get("tags", [])]
    assert cells, f"{chapter.notebook.name} has no Key terms cell (a markdown cell tagged {g.KEY_TERMS_TAG!r})"
    for cell in cells:
        assert cell.source == kt.key_terms_markdown(chapter), (
            f"{chapter.notebook.name}: the Key terms cell is stale; run `smm generate`"
        )


def _notebook(path, tagged=True, cell_type="markdown"):
    nb = nbformat.v4.new_notebook()
    maker = nbformat.v4.new_markdown_cell if cell_type == "markdown" else nbformat.v4.new_code_cell
    key = maker("old text")
    if tagged:
        key.metadata["tags"] = [g.KEY_TERMS_TAG]
    nb.cells = [nbformat.v4.new_markdown_cell("# Metrics"), key]
    nbformat.write(nb, path)


def test_update_key_terms_cells_rewrites_only_tagged_cells(tmp_path):
    tagged, plain = tmp_path / "04_metrics.ipynb", tmp_path / "02_strategy.ipynb"
    _notebook(tagged)
    _notebook(plain, tagged=False)
    before = plain.read_text(encoding="utf-8")
    assert kt.update_key_terms_cells([tagged, plain]) == [tagged]
    nb = read_notebook(tagged)
    assert nb.cells[1].source == kt.key_terms_markdown("metrics")
    assert nb.cells[0].source == "# Metrics"
    assert plain.read_text(encoding="utf-8") == before
    assert kt.update_key_terms_cells([tagged, plain]) == []  # idempotent


def test_update_key_terms_cells_rejects_a_tagged_code_cell(tmp_path):
    path = tmp_path / "04_metrics.ipynb"
    _notebook(path, cell_type="code")
    with pytest.raises(ValueError, match="must be a markdown cell"):
        kt.update_key_terms_cells([path])


def test_generate_command_updates_key_terms(tmp_path, monkeypatch):
    import smmlib.cli as cli

    (tmp_path / "chapters").mkdir()
    _notebook(tmp_path / "chapters" / "06_community.ipynb")
    (tmp_path / "datasets").mkdir()
    shutil.copy(CSV, tmp_path / "datasets" / "glossary.csv")
    monkeypatch.setenv("SMM_WORKBOOK_ROOT", str(tmp_path))
    import smmlib.generate

    monkeypatch.setattr(smmlib.generate, "write_snapshots", lambda *a, **k: [])
    monkeypatch.setattr(cli, "_cmd_exercises", lambda args: 0, raising=False)  # not under test here
    assert cli.main(["generate"]) == 0
    nb = read_notebook(tmp_path / "chapters" / "06_community.ipynb")
    assert nb.cells[1].source == kt.key_terms_markdown("community")


# --------------------------------------------------------------------------- browsing


def test_plain_text_fallback(capsys):
    text = g.glossary_text("qamrov")
    assert text.splitlines()[1].startswith("- reach — ")
    assert "uz: qamrov;" in text and "ru: охват†" in text and g.FOOTNOTE in text
    assert "No glossary term" in g.glossary_text("zzzzzz")
    assert "more; refine" in g.glossary_text("", limit=3)
    g.show_glossary_text("CPL")
    assert "cost per lead (CPL)" in capsys.readouterr().out
    with pytest.raises(ValueError, match="limit"):
        g.glossary_text("reach", limit=0)


def test_glossary_browser_updates_on_typing():
    import ipywidgets as widgets

    from smmlib.widgets import glossary_browser

    browser = glossary_browser()
    assert isinstance(browser, widgets.VBox)
    search, language = browser.children[0].children
    table = browser.children[1]
    assert isinstance(search, widgets.Text) and search.description == "Search"
    assert isinstance(language, widgets.Dropdown) and language.description == "Language"
    assert f"{len(g.load_glossary())} term(s)" in table.value
    search.value = "qamrov"
    assert ">reach<" in table.value and "qamrov" in table.value and "охват" in table.value
    language.value = "ru"
    assert "No matching term" in table.value
    language.value = None
    assert "reach" in repr(browser) and g.FOOTNOTE in repr(browser)  # text/plain fallback
    bundle = browser._repr_mimebundle_()
    assert bundle["text/plain"] == repr(browser)  # whole listing, not cut at 110 characters
    assert "application/vnd.jupyter.widget-view+json" in bundle
