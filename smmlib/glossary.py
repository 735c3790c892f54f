"""The course's six-language SMM glossary (English, Russian, Uzbek, Kazakh, Estonian, Georgian).

``datasets/glossary.csv`` holds one row per term: an English term and a
definition written for the course, the chapters that use it, and the term in
the five languages of the source articles. Each translation carries a status:
``source:<file>`` when that form was found in the source article of that
language (see ``datasets/glossary.md``), ``unverified`` when it is our best
translation awaiting review by a native speaker.

Public API:

- :func:`load_glossary` -- the entries (cached; re-read when the file changes)
- :func:`lookup` -- find entries by a term in any language, forgiving about
  case, accents, Uzbek apostrophe variants and Cyrillic vs Latin script
- :func:`terms_for_chapter`, :func:`key_terms_markdown`,
  :func:`update_key_terms_cells` -- the "Key terms" cell of each chapter
- :func:`glossary_browser` (widget) and :func:`glossary_text` /
  :func:`show_glossary_text` (plain-text fallback)
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .paths import datasets_dir, repo_root

#: The six languages, in the glossary's column order.
LANGS: tuple[str, ...] = ("en", "ru", "uz", "kk", "et", "ka")
#: The five languages that come with a source article.
SOURCE_LANGS: tuple[str, ...] = ("ru", "uz", "kk", "et", "ka")
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Russian",
    "uz": "Uzbek",
    "kk": "Kazakh",
    "et": "Estonian",
    "ka": "Georgian",
}
#: The source article of each language (verbatim copies live in the project's ``seeds/``).
SOURCE_FILES: dict[str, str] = {
    "uz": "000_063719b005f6a6a3.txt",
    "kk": "001_d8dfaa22abd33456.txt",
    "et": "002_2a2b29f9ef44163d.txt",
    "ka": "003_fc1d8e066e970175.txt",
    "ru": "004_fad93132cd326243.txt",
}
UNVERIFIED = "unverified"
SOURCE_PREFIX = "source:"
#: Marker appended to unverified translations in rendered tables.
DAGGER = "\u2020"
FOOTNOTE = f"{DAGGER} unverified translation — native-speaker review welcome."
KEY_TERMS_TAG = "key-terms"

COLUMNS: tuple[str, ...] = (
    "term_id",
    "en",
    "definition_en",
    "chapters",
    "see_also",
    *(c for lang in SOURCE_LANGS for c in (lang, f"{lang}_status")),
    "source_forms",
    "notes",
)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CHAPTER_NUMBER = re.compile(r"^\d\d$")


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the row and column to fix."""


@dataclass(frozen=True)
class Translation:
    """One language's form of a term and where it comes from."""

    lang: str
    term: str
    status: str  # "unverified" or "source:<file>"

    @property
    def verified(self) -> bool:
        """True when the form was found in the language's source article."""
        return self.status.startswith(SOURCE_PREFIX)

    @property
    def source_file(self) -> str | None:
        """The source article's file name, or None for an unverified translation."""
        return self.status[len(SOURCE_PREFIX):] if self.verified else None


@dataclass(frozen=True)
class Entry:
    """One glossary row."""

    term_id: str
    en: str
    definition: str
    chapters: tuple[str, ...]  # chapter numbers, e.g. ("03", "04")
    see_also: tuple[str, ...]
    translations: dict[str, Translation]  # ru, uz, kk, et, ka
    source_forms: dict[str, str]  # lang -> inflected form as it appears in the source
    notes: str = ""

    def term(self, lang: str) -> str:
        """The term in ``lang`` (one of :data:`LANGS`)."""
        _check_lang(lang)
        return self.en if lang == "en" else self.translations[lang].term

    def attested_form(self, lang: str) -> str | None:
        """The form to look for in the source article, or None when unverified.

        This is the inflected form recorded in ``source_forms`` when the source
        uses one, otherwise the dictionary form itself.
        """
        tr = self.translations[lang]
        return self.source_forms.get(lang, tr.term) if tr.verified else None

    def __hash__(self) -> int:
        return hash(self.term_id)


# --------------------------------------------------------------------------- loading


def glossary_path() -> Path:
    """``datasets/glossary.csv`` of the checkout."""
    return datasets_dir() / "glossary.csv"


def load_glossary(path: str | Path | None = None) -> tuple[Entry, ...]:
    """All glossary entries, in file order (sorted by English term).

    Cached: the file is parsed again only when its modification time changes.
    """
    path = Path(path) if path is not None else glossary_path()
    if not path.exists():
        raise FileNotFoundError(f"glossary not found at {path}; is SMM_WORKBOOK_ROOT set correctly?")
    return _load_cached(path.resolve(), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load_cached(path: Path, _mtime_ns: int) -> tuple[Entry, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path.name}: not valid UTF-8 ({exc.reason} at byte {exc.start}); save it as UTF-8") from exc
    rows = list(csv.DictReader(text.splitlines()))
    if not rows:
        raise GlossaryError(f"{path.name}: no rows")
    header = tuple(rows[0].keys())
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise GlossaryError(f"{path.name}: missing column(s) {missing}; expected {list(COLUMNS)}")
    entries = [_parse_row(row, line) for line, row in enumerate(rows, start=2)]
    ids = [e.term_id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise GlossaryError(f"{path.name}: duplicate term_id(s) {dupes}; each term needs its own id")
    return tuple(entries)


def _parse_row(row: dict[str, Any], line: int) -> Entry:
    def field(name: str) -> str:
        value = row.get(name)
        if value is None:
            raise GlossaryError(f"glossary.csv line {line}: column {name!r} is missing (row too short?)")
        return value.strip()

    term_id = field("term_id")
    where = f"glossary.csv line {line} ({term_id or '?'})"
    if not _ID.match(term_id):
        raise GlossaryError(f"{where}: term_id must be a lowercase slug like 'cost-per-lead'")
    for required in ("en", "definition_en", "chapters"):
        if not field(required):
            raise GlossaryError(f"{where}: column {required!r} is empty")
    chapters = tuple(c.strip() for c in field("chapters").split(";") if c.strip())
    bad = [c for c in chapters if not _CHAPTER_NUMBER.match(c)]
    if bad:
        raise GlossaryError(f"{where}: chapters must be two-digit numbers separated by ';' (got {bad})")
    translations: dict[str, Translation] = {}
    for lang in SOURCE_LANGS:
        term, status = field(lang), field(f"{lang}_status")
        if not term:
            raise GlossaryError(f"{where}: no {LANGUAGE_NAMES[lang]} term; give your best translation and mark it {UNVERIFIED!r}")
        if status != UNVERIFIED and not status.startswith(SOURCE_PREFIX):
            raise GlossaryError(f"{where}: {lang}_status must be {UNVERIFIED!r} or 'source:<file>', got {status!r}")
        if status.startswith(SOURCE_PREFIX) and status[len(SOURCE_PREFIX):] != SOURCE_FILES[lang]:
            raise GlossaryError(
                f"{where}: {lang}_status names {status[len(SOURCE_PREFIX):]!r}, but the {LANGUAGE_NAMES[lang]} "
                f"source article is {SOURCE_FILES[lang]!r}"
            )
        translations[lang] = Translation(lang, term, status)
    forms: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in field("source_forms").split(";"))):
        lang, sep, form = item.partition("=")
        lang, form = lang.strip(), form.strip()
        if not sep or lang not in SOURCE_LANGS or not form:
            raise GlossaryError(f"{where}: source_forms items look like 'ka=ბიუჯეტის'; got {item!r}")
        if not translations[lang].verified:
            raise GlossaryError(f"{where}: source_forms gives a {lang} form but {lang}_status is {UNVERIFIED!r}")
        forms[lang] = form
    see_also = tuple(s.strip() for s in field("see_also").split(";") if s.strip())
    return Entry(term_id, field("en"), field("definition_en"), chapters, see_also, translations, forms, field("notes"))


def get_entry(term_id: str) -> Entry:
    """The entry with this ``term_id``."""
    for entry in load_glossary():
        if entry.term_id == term_id:
            return entry
    raise KeyError(f"no glossary term with id {term_id!r}; search with lookup() instead")


# --------------------------------------------------------------------------- normalising

_APOSTROPHES = "\u2019\u02bb\u2018\u02bc`\u00b4\u2032\u02b9'"
# Cyrillic -> Latin, following Uzbek Latin conventions (so that a Cyrillic query
# finds an Uzbek Latin entry); Kazakh letters map to their nearest Latin sound.
_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h",  # Uzbek Cyrillic
    "ә": "a", "ө": "o", "ү": "u", "ұ": "u", "ң": "ng", "һ": "h", "і": "i",  # Kazakh
}


def normalise(text: str) -> str:
    """Fold ``text`` for matching: case, accents, apostrophe variants, punctuation.

    Apostrophe-like characters are dropped, so the Uzbek spellings
    ``o'g'il``, ``oʻgʻil`` and ``o’g’il`` all become ``ogil``.

    >>> normalise("Oʻgʻil") == normalise("o'g'il") == normalise("o’g’il") == "ogil"
    True
    >>> normalise("  Cost-per-Lead  ")
    'cost per lead'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in text if ch not in _APOSTROPHES)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def to_latin(text: str) -> str:
    """Transliterate Cyrillic letters to Latin (Uzbek conventions); other scripts are kept.

    >>> to_latin("қамров")
    'qamrov'
    >>> to_latin("охват")
    'oxvat'
    """
    text = unicodedata.normalize("NFC", text.casefold())
    return "".join(_CYR_TO_LAT.get(ch, ch) for ch in text)


def match_key(text: str) -> str:
    """The key used by :func:`lookup`: Latin transliteration, then :func:`normalise`.

    >>> match_key("Қамров") == match_key("qamrov")
    True
    """
    return normalise(to_latin(text))


def _forms(term: str) -> list[str]:
    """A term plus its parts: 'cost per lead (CPL)' -> full, 'cost per lead', 'CPL'."""
    forms = [term]
    inner = re.findall(r"\(([^)]*)\)", term)
    outer = re.sub(r"\([^)]*\)", " ", term)
    for part in [outer, *inner]:
        forms.extend(p for p in re.split(r"[/;]", part) if p.strip())
    if "/" in term:  # 'A/B test' must stay findable as a whole
        forms.append(term.replace("/", ""))
    return forms


# --------------------------------------------------------------------------- source checks


def seeds_dir() -> Path | None:
    """The folder holding the source articles, or None when this checkout has no copy.

    Looked up in ``$SMM_SEEDS_DIR``, then ``seeds/`` in or next to the checkout,
    then ``../shared/seeds`` (the project's shared material).
    """
    import os

    env = os.environ.get("SMM_SEEDS_DIR")
    root = repo_root()
    candidates = [Path(env)] if env else []
    candidates += [root / "seeds", root.parent / "seeds", root.parent / "shared" / "seeds"]
    for folder in candidates:
        if all((folder / name).is_file() for name in SOURCE_FILES.values()):
            return folder
    return None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def form_occurs(form: str, text: str) -> bool:
    """True when every word of ``form`` starts a word of ``text``, in order and adjacent.

    Both sides are :func:`normalise`-d, so inflectional endings after the recorded
    form are allowed ("qamrov" occurs in "Qamrovni ...").

    >>> form_occurs("maqsadli auditoriya", "Maqsadli auditoriyani tahlil qiladi")
    True
    >>> form_occurs("maqsadli reklama", "maqsadli auditoriya")
    False
    """
    words = normalise(form).split()
    if not words:
        return False
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) + r"\w*" for w in words)
    return re.search(pattern, normalise(text)) is not None


def source_problems(seeds: Path | None = None) -> list[str]:
    """Check every ``source:`` translation against its article; return the problems found.

    For each verified translation the attested form (``source_forms`` or the
    term itself) must occur in the article, and the dictionary form must share a
    stem with it (each word's common prefix at least half the dictionary word).
    """
    seeds = seeds if seeds is not None else seeds_dir()
    if seeds is None:
        raise FileNotFoundError("source articles not found; set SMM_SEEDS_DIR to the folder holding them")
    texts: dict[str, str] = {}
    problems: list[str] = []
    for entry in load_glossary():
        for lang in SOURCE_LANGS:
            tr = entry.translations[lang]
            if not tr.verified:
                continue
            path = seeds / str(tr.source_file)
            if not path.is_file():
                problems.append(f"{entry.term_id}/{lang}: source file {tr.source_file} does not exist in {seeds}")
                continue
            text = texts.setdefault(str(path), path.read_text(encoding="utf-8"))
            form = str(entry.attested_form(lang))
            if not form_occurs(form, text):
                problems.append(f"{entry.term_id}/{lang}: {form!r} does not occur in {tr.source_file}")
            base, seen = normalise(tr.term).split(), normalise(form).split()
            if len(base) != len(seen) or any(
                _common_prefix(b, s) < max(1, -(-len(b) // 2)) for b, s in zip(base, seen, strict=True)
            ):
                problems.append(f"{entry.term_id}/{lang}: recorded form {form!r} does not share a stem with {tr.term!r}")
    return problems


# --------------------------------------------------------------------------- lookup


def lookup(text: str, lang: str | None = None) -> list[Entry]:
    """Entries whose term (in ``lang``, or in any of the six languages) matches ``text``.

    Matching ignores case, accents, Uzbek apostrophe variants and punctuation,
    and compares Cyrillic and Latin spellings through transliteration. Exact
    matches come first, then terms that start with ``text``, then terms with a
    word starting with it, then terms containing it anywhere.

    >>> lookup("qamrov")[0].term_id, lookup("охват")[0].term_id, lookup("reach")[0].term_id
    ('reach', 'reach', 'reach')
    >>> lookup("CPL")[0].term_id
    'cost-per-lead'
    """
    if not isinstance(text, str):
        raise TypeError(f"lookup() needs a string to search for, got {type(text).__name__}")
    langs = LANGS if lang is None else (_check_lang(lang),)
    query = match_key(text)
    if not query:
        return []
    compact_query = query.replace(" ", "")
    ranked: list[tuple[int, int, Entry]] = []
    for order, entry in enumerate(load_glossary()):
        best = None
        for code in langs:
            for form in _forms(entry.term(code)):
                key = match_key(form)
                if not key:
                    continue
                rank = _rank(query, compact_query, key)
                if rank is not None and (best is None or rank < best):
                    best = rank
        if best is not None:
            ranked.append((best, order, entry))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in ranked]


def _rank(query: str, compact_query: str, key: str) -> int | None:
    compact_key = key.replace(" ", "")
    if query == key or compact_query == compact_key:
        return 0
    if key.startswith(query) or compact_key.startswith(compact_query):
        return 1
    if any(word.startswith(query) for word in key.split()) or f" {query}" in key:
        return 2
    if len(compact_query) >= 3 and compact_query in compact_key:
        return 3
    return None


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)} (or None for all)")
    return lang


# --------------------------------------------------------------------------- chapters


def _chapter_number(chapter: Any) -> str:
    """Accept 4, '4', '04', 'metrics', 'lp:metrics', '04_metrics', a Chapter or a notebook path."""
    from .outline import chapters

    known = chapters()
    if hasattr(chapter, "number") and hasattr(chapter, "key"):
        return chapter.number
    if isinstance(chapter, Path):
        chapter = chapter.stem
    if isinstance(chapter, bool) or not isinstance(chapter, (int, str)):
        raise TypeError(f"chapter must be a number, a key like 'metrics' or a Chapter, got {chapter!r}")
    text = str(chapter).strip().lower().removeprefix("lp:")
    if re.fullmatch(r"\d{1,2}", text):
        number = f"{int(text):02d}"
        if any(c.number == number for c in known):
            return number
    else:
        stem = re.sub(r"^\d\d_", "", text)
        for c in known:
            if stem in (c.key, c.notebook.stem.split("_", 1)[1]):
                return c.number
    choices = ", ".join(f"{c.number}/{c.key}" for c in known)
    raise ValueError(f"unknown chapter {chapter!r}; use one of {choices}")


def terms_for_chapter(chapter: Any) -> list[Entry]:
    """The glossary entries a chapter lists (by number, key or notebook), alphabetically.

    >>> [e.en for e in terms_for_chapter("metrics")][:2]
    ['amplification rate', 'applause rate']
    """
    number = _chapter_number(chapter)
    return [e for e in load_glossary() if number in e.chapters]


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _rendered(tr: Translation) -> str:
    return _cell(tr.term) + ("" if tr.verified else DAGGER)


def key_terms_markdown(chapter: Any) -> str:
    """The markdown of a chapter's "Key terms" cell: a table of its terms in six languages.

    Unverified translations carry a trailing dagger (†) explained in a footnote.
    """
    number = _chapter_number(chapter)
    entries = terms_for_chapter(number)
    header = ["Term", "Definition", *(LANGUAGE_NAMES[lang] for lang in SOURCE_LANGS)]
    lines = [
        "## Key terms",
        "",
        "The course glossary in the six languages of its sources. Search all terms with "
        "`smmlib.widgets.glossary_browser()`; the full list is `datasets/glossary.csv`.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for e in entries:
        cells = [f"**{_cell(e.en)}**", _cell(e.definition), *(_rendered(e.translations[lang]) for lang in SOURCE_LANGS)]
        lines.append("| " + " | ".join(cells) + " |")
    if not entries:
        lines.append("| (no terms listed for this chapter yet) |" + " |" * (len(header) - 1))
    lines.append("")
    if any(not tr.verified for e in entries for tr in e.translations.values()):
        lines.append(
            f"{FOOTNOTE} Forms without {DAGGER} were found in the source article of that language."
        )
    else:
        lines.append("Every translation above was found in the source article of its language.")
    return "\n".join(lines)


def _cell_tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def update_key_terms_cells(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """Rewrite every markdown cell tagged ``key-terms`` with :func:`key_terms_markdown`.

    ``paths`` defaults to the chapter notebooks in ``chapters/``. Notebooks
    without such a cell are left alone. Returns the notebooks that changed.
    """
    from .notebooks import read_notebook, write_notebook

    if paths is None:
        targets = sorted((repo_root() / "chapters").glob("[0-9][0-9]_*.ipynb"))
    else:
        targets = [Path(p) for p in paths]
    changed: list[Path] = []
    for path in targets:
        nb = read_notebook(path)
        cells = [c for c in nb.cells if KEY_TERMS_TAG in _cell_tags(c)]
        if not cells:
            continue
        wrong = [c for c in cells if c.cell_type != "markdown"]
        if wrong:
            raise ValueError(f"{path}: a cell tagged {KEY_TERMS_TAG!r} must be a markdown cell")
        text = key_terms_markdown(path)
        if all(c.source == text for c in cells):
            continue
        for c in cells:
            c.source = text
        write_notebook(nb, path)
        changed.append(path)
    return changed


# --------------------------------------------------------------------------- browsing


def glossary_text(query: str = "", lang: str | None = None, limit: int = 20) -> str:
    """Plain-text listing of the entries matching ``query`` (all entries when empty).

    Used where widgets cannot render; unverified forms are marked with †.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    entries = lookup(query, lang) if query.strip() else list(load_glossary())
    if not entries:
        return f"No glossary term matches {query!r}. Try another spelling or language."
    head = f"{len(entries)} term(s)" + (f" matching {query!r}" if query.strip() else "") + ":"
    lines = [head]
    for e in entries[:limit]:
        forms = "; ".join(f"{lang_}: {_rendered(e.translations[lang_])}" for lang_ in SOURCE_LANGS)
        lines.append(f"- {e.en} — {e.definition}\n  {forms}")
    if len(entries) > limit:
        lines.append(f"... and {len(entries) - limit} more; refine the search.")
    lines.append(FOOTNOTE)
    return "\n".join(lines)


def show_glossary_text(query: str = "", lang: str | None = None, limit: int = 20) -> None:
    """Print :func:`glossary_text` (the fallback when the widget cannot be shown)."""
    print(glossary_text(query, lang, limit))


def render_html_table(entries: list[Entry], limit: int) -> str:
    """The glossary entries as an HTML table (at most ``limit`` rows), as the browser shows them."""
    from html import escape

    if not entries:
        return "<p>No matching term. Try another spelling or language.</p>"
    head = "".join(f"<th scope='col'>{escape(LANGUAGE_NAMES[lang])}</th>" for lang in LANGS)
    rows = []
    for e in entries[:limit]:
        cells = [f"<th scope='row' title='{escape(e.definition, quote=True)}'>{escape(e.en)}</th>"]
        for lang in SOURCE_LANGS:
            tr = e.translations[lang]
            mark = "" if tr.verified else f"<span title='unverified translation'>{DAGGER}</span>"
            cells.append(f"<td lang='{lang}'>{escape(tr.term)}{mark}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p>{len(entries) - limit} more; refine the search.</p>" if len(entries) > limit else ""
    return (
        f"<table><caption>{len(entries)} term(s); hover an English term for its definition</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"
        f"<p><small>{escape(FOOTNOTE)}</small></p>"
    )


