"""The source registry (smmlib.sources), docs/SOURCES.md and every chapter's Sources cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smmlib import glossary, sources

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
SEEDS = sources.seeds_dir()
needs_seeds = pytest.mark.skipif(SEEDS is None, reason="source articles not available (set SMM_SEEDS_DIR)")


def test_registry_has_the_five_articles_once_each():
    assert [s.number for s in sources.SOURCES] == ["000", "001", "002", "003", "004"]
    assert len({s.file for s in sources.SOURCES}) == 5
    assert {s.lang for s in sources.SOURCES} == set(glossary.SOURCE_LANGS)
    assert glossary.SOURCE_FILES["ru"] == "004_fad93132cd326243.txt"  # the glossary reads the registry


def test_citation_is_readable_by_hand():
    assert sources.get(4).citation() == (
        "Aleksandr Chernukho (n.d.). *SMM principles* [«SMM принципы»]. Russian. "
        "Course source 004, file `004_fad93132cd326243.txt`."
    )
    assert sources.get("000_063719b005f6a6a3.txt").citation().startswith(
        "Unknown author (n.d., about 2020–2023). *Who is an SMM manager (descriptive title)* [untitled in the copy]."
    )
    assert sources.cite("ka", "Facebook, 10 steps.") .endswith("Used here: Facebook, 10 steps.")


def test_unknown_source_names_the_choices():
    with pytest.raises(KeyError, match="use a number 000-004"):
        sources.get("005")


def test_sources_doc_table_is_generated_from_the_registry():
    doc = (ROOT / "docs" / "SOURCES.md").read_text(encoding="utf-8")
    assert sources.with_sources_table(doc) == doc, "run `smm generate` to refresh docs/SOURCES.md"
    for s in sources.SOURCES:
        assert s.citation() in doc
    assert "`../shared/seeds/`" in doc  # says where the articles live


def test_doc_without_markers_is_a_clear_error():
    with pytest.raises(ValueError, match="has no line"):
        sources.with_sources_table("# no table here\n")


@needs_seeds
def test_titles_and_authors_occur_in_the_articles():
    assert sources.title_problems(SEEDS) == []


@needs_seeds
def test_title_check_catches_a_wrong_title(tmp_path):
    import dataclasses

    wrong = dataclasses.replace(sources.get("001"), title_original="Басқа тақырып")
    problems = sources.title_problems(SEEDS, files=[wrong])
    assert problems and "not found at the start of 001_d8dfaa22abd33456.txt" in problems[0]


def _sources_cell(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = [''.join(c["source"]) for c in cells
             if c["cell_type"] == "markdown" and ''.join(c["source"]).lstrip().startswith("## Sources")]
    assert len(found) == 1, f"{path.name}: expected one markdown cell starting '## Sources', found {len(found)}"
    return found[0]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_sources_cell_cites_registry_entries_readably(path):
    text = _sources_cell(path)
    known = {s.file for s in sources.SOURCES}
    cited = sources.cited_files(text)
    unknown = [f for f in cited if f not in known]
    assert not unknown, f"{path.name}: Sources cites files not in smmlib/sources.py: {unknown}"
    for name in cited:
        assert sources.get(name).citation() in text, (
            f"{path.name}: cite {name} with its readable citation, e.g. sources.cite({name[:3]!r}, ...)"
        )
    if path.stem[:2] not in {"00", "09"}:  # 00 is about the workbook, 09 about the student's own exports
        assert cited, f"{path.name}: its Sources cell cites no source article"


# ----------------------------------------------------------------------------- web sources (today's rules)

def test_web_citation_by_hand():
    w = sources.web("gdpr-art9")
    assert w.citation() == (
        'European Union, "Regulation (EU) 2016/679 (GDPR), Article 9: processing of special categories of '
        'personal data" (27 April 2016), https://eur-lex.europa.eu/eli/reg/2016/679/oj — data concerning health '
        "is a special category, processed only under one of Article 9(2)'s exceptions; for marketing that "
        "means the person's explicit consent (checked 2026)."
    )
    assert sources.cite_web("gdpr-art9", "the clinic.").endswith("(checked 2026). Used here: the clinic.")


def test_web_citation_without_a_date_by_hand():
    w = sources.web("meta-thruplay")
    assert w.citation() == (
        'Meta Business Help Centre, "15-second ThruPlays", https://www.facebook.com/business/help/471190536725647 '
        "— the ads metric counts a video played to completion, or for at least 15 seconds (a video shorter than "
        "that counts when played to at least 97% of its length) (checked 2026).")
    assert sources.cite_web("meta-thruplay", "views.") == f"- {w.citation()} Used here: views."


def test_unconfirmed_address_is_visible_in_the_citation_by_hand():
    """A page whose own address the course could not confirm says so, and how to find the page."""
    w = sources.web("youtube-shorts-3-minutes-2024")
    assert not w.confirmed
    assert w.citation() == (
        'YouTube Official Blog, "New Shorts features, including Shorts up to three minutes long" (October 2024), '
        "https://blog.youtube/ — from 15 October 2024 a Short can be up to three minutes long (square or vertical "
        "video) (checked 2026; address not confirmed: search the publisher's site for the title).")
    confirmed = sources.web("gdpr-art9")
    assert confirmed.confirmed and "not confirmed" not in confirmed.citation()


def test_web_registry_keys_unique_urls_public_and_checked():
    keys = [w.key for w in sources.WEB_SOURCES]
    assert len(keys) == len(set(keys))
    for w in sources.WEB_SOURCES:
        assert w.url.startswith("https://"), w.key
        assert w.checked == 2026, f"{w.key}: every entry was compared with a stored copy in 2026 (see WebSource)"
        assert w.says and not w.says.endswith("."), w.key   # citation() adds the year after it


def test_unknown_web_source_says_how_to_add_one():
    with pytest.raises(KeyError, match="add it to WEB_SOURCES"):
        sources.web("tiktok-ads")


def _addresses(text: str) -> set[str]:
    """The web addresses in ``text``, whole (a site's home page is not a prefix match for its pages)."""
    import re

    return {url.rstrip(".,;:") for url in re.findall(r"https://[^\s)>\]]+", text)}


#: Addresses that are a site's front page rather than the page of one claim. Chapters may name them as
#: a place to look; a registry entry may use one only with confirmed=False (its own address unknown).
INDEX_PAGES = {"https://lex.uz", "https://www.facebook.com/business/help/", "https://www.facebook.com/creators/",
               "https://blog.youtube/", "https://about.instagram.com/", "https://creators.instagram.com/"}


def test_front_page_addresses_are_marked_unconfirmed():
    front = [w.key for w in sources.WEB_SOURCES if w.url in INDEX_PAGES and w.confirmed]
    assert not front, f"{front}: a site's front page is not the page's address; find it or set confirmed=False"


#: The platform pages chapter 10 relies on (recommendations, views, lengths, music).
CHAPTER_10_PAGES = (
    "tiktok-foryou-2020", "tiktok-help-recommendations", "instagram-ranking-2023", "instagram-reels-tips-2021",
    "instagram-trial-reels-2024", "youtube-recommendations-2021", "youtube-shorts-views-2025",
    "youtube-monetisation-reused", "meta-views-metric", "meta-thruplay", "youtube-shorts-3-minutes-2024",
    "instagram-reels-3-minutes-2025", "tiktok-commercial-music-library", "meta-sound-collection",
    "youtube-audio-library",
)


def test_chapter_10_cites_its_platform_pages_from_the_registry():
    """Every ch10 entry of the registry is cited in full in chapter 10's Sources cell, and the cell
    has no platform link of its own outside the registry."""
    text = _sources_cell(ROOT / "chapters" / "10_short_video.ipynb")
    for key in CHAPTER_10_PAGES:
        assert sources.web(key).citation() in text, f"chapter 10: cite {key} with sources.cite_web"
    registered = {w.url for w in sources.WEB_SOURCES}
    assert _addresses(text) <= registered, _addresses(text) - registered


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_registered_web_pages_are_cited_in_full(path):
    """A Sources cell that names a registered page cites it from the registry (with the year checked)."""
    text = _sources_cell(path)
    for w in sources.WEB_SOURCES:
        # A site's index page (the Help Centre's front page, a blog's home) identifies no claim: several
        # chapters name it for pages whose own address the course could not confirm, so only deep links
        # must come with the registry's wording.
        if w.url in _addresses(text) and w.url not in INDEX_PAGES:
            assert w.citation() in text, f"{path.name}: cite {w.url} with sources.cite_web({w.key!r}, ...)"


@pytest.mark.parametrize("stem", ["02_strategy", "04_metrics", "08_capstone"])
def test_chapters_using_the_clinic_brief_cite_its_ad_rules(stem):
    path = ROOT / "chapters" / f"{stem}.ipynb"
    text = _sources_cell(path)
    for key in ("meta-health-wellness-ads", "meta-targeting-removal-2021"):
        assert sources.web(key).citation() in text, f"{stem}: cite {key} where the clinic brief is used"
    body = json.loads(path.read_text(encoding="utf-8"))
    prose = "".join("".join(c["source"]) for c in body["cells"] if c["cell_type"] == "markdown")
    assert "18 or over" in prose and "before-and-after" in prose and "explicit consent" in prose
