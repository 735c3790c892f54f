"""The "Key terms" cell of each chapter, generated from the glossary (authoring code).

- :func:`terms_for_chapter` -- the glossary entries a chapter uses;
- :func:`key_terms_markdown` -- the Markdown table of the chapter's key terms;
- :func:`update_key_terms_cells` -- rewrite every cell tagged ``key-terms``
  (``smm key-terms``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import validate
from .glossary import (
    DAGGER,
    FOOTNOTE,
    KEY_TERMS_TAG,
    LANGUAGE_NAMES,
    SOURCE_LANGS,
    Entry,
    load_glossary,
    rendered_term,
    table_cell,
)
from .notebooks import read_notebook, write_notebook
from .outline import chapters
from .paths import repo_root

__all__ = ["key_terms_markdown", "terms_for_chapter", "update_key_terms_cells"]


def _chapter_number(chapter: Any) -> str:
    """Accept 4, '4', '04', 'metrics', 'lp:metrics', '04_metrics', a Chapter or a notebook path."""
    known = chapters()
    if hasattr(chapter, "number") and hasattr(chapter, "key"):
        return chapter.number
    if isinstance(chapter, Path):
        chapter = chapter.stem
    validate.instance(None, "chapter", chapter, (int, str), "a number, a key like 'metrics' or a Chapter")
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


def key_terms_markdown(chapter: Any) -> str:
    """The markdown of a chapter's "Key terms" cell: its terms, collapsed behind a disclosure.

    The cell shows one line naming the terms; the table of definitions in six
    languages opens on a click (an HTML ``<details>`` block, which JupyterLab,
    Jupyter Book and GitHub all render). Unverified translations carry a
    trailing dagger (†) explained in a footnote.
    """
    number = _chapter_number(chapter)
    entries = terms_for_chapter(number)
    header = ["Term", "Definition", *(LANGUAGE_NAMES[lang] for lang in SOURCE_LANGS)]
    names = ", ".join(e.en for e in entries) if entries else "none yet"
    lines = [
        "## Key terms",
        "",
        f"This chapter's terms: {names}. Search all terms in six languages with "
        "`smmlib.widgets.glossary_browser()`; the full list is `datasets/glossary.csv`.",
        "",
        "<details>",
        f"<summary>Definitions and translations (Russian, Uzbek, Kazakh, Estonian, Georgian) of the "
        f"{len(entries)} terms</summary>",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for e in entries:
        cells = [f"**{table_cell(e.en)}**", table_cell(e.definition), *(rendered_term(e.translations[lang]) for lang in SOURCE_LANGS)]
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
    lines += ["", "</details>"]
    return "\n".join(lines)


def _cell_tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def update_key_terms_cells(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """Rewrite every markdown cell tagged ``key-terms`` with :func:`key_terms_markdown`.

    ``paths`` defaults to the chapter notebooks in ``chapters/``. Notebooks
    without such a cell are left alone. Returns the notebooks that changed.
    """
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

