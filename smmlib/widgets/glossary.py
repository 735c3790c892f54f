"""The glossary browser: search the six-language glossary as you type (logic in :mod:`smmlib.glossary`)."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..glossary import (
    LANGS,
    LANGUAGE_NAMES,
    glossary_text,
    load_glossary,
    lookup,
    render_html_table,
)

__all__ = ["glossary_browser"]


def glossary_browser(query: str = "", limit: int = 25) -> Any:
    """A small search widget: a text box, a language picker and a live table of matches.

    Its plain-text representation (shown where widgets cannot render) is the
    same listing as :func:`glossary_text`.
    """
    class GlossaryBrowser(widgets.VBox):
        def __repr__(self) -> str:  # text/plain fallback
            return glossary_text(search.value, language.value, limit)

        def _repr_mimebundle_(self, **kwargs: Any) -> Any:
            bundle = super()._repr_mimebundle_(**kwargs)
            if isinstance(bundle, dict):  # ipywidgets cuts text/plain at 110 characters
                bundle["text/plain"] = repr(self)
            return bundle

    search = widgets.Text(value=query, description="Search", placeholder="e.g. reach, охват, qamrov",
                          continuous_update=True)
    language = widgets.Dropdown(
        options=[("any language", None), *((LANGUAGE_NAMES[lang], lang) for lang in LANGS)],
        value=None,
        description="Language",
    )
    table = widgets.HTML()

    def refresh(_change: Any = None) -> None:
        q = search.value
        entries = lookup(q, language.value) if q.strip() else list(load_glossary())
        table.value = render_html_table(entries, limit)

    search.observe(refresh, names="value")
    language.observe(refresh, names="value")
    refresh()
    return GlossaryBrowser([widgets.HBox([search, language]), table])

