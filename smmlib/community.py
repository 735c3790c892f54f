"""Community and reputation: find brand mentions, score their tone, watch the weekly
negative share and measure how fast the team answers.

Four tools for the chapter "Community and reputation":

- **Semantic core and matcher.** Source 003 (a practitioners' method) builds
  monitoring on a *semantic core* of about 20-50 search queries: the brand in
  every spelling, language and transliteration, product brands, executives'
  names with a qualifier, competitors and industry phrases.
  :func:`build_semantic_core` turns a brand brief into such a core and
  :func:`match_mentions` finds the mentions that match it. Matching works on a
  normalised form of the text: Cyrillic letters (Russian, Uzbek, Kazakh) are
  transliterated to Latin (:func:`transliterate`), case, accents, apostrophes
  and punctuation are dropped, and each query word may differ from the text
  word by one typing error (Damerau-Levenshtein distance <= 1, only for words of
  at least 4 letters), so "Бахор Банк", "bahor-bank", "#bahorbank" and the typo
  "Bahr Bank" are all found while "Lola Bank" or "bankomat" are not.
- **Sentiment.** :func:`vader_scores` wraps VADER (Hutto & Gilbert 2014), a
  lexicon and rules tuned for English social-media text. It scores *English
  only*: Russian or Uzbek sentences come out neutral, and sarcasm fools it.
- **Weekly negative share with alerts.** :func:`weekly_sentiment` counts each
  week's mentions by tone and raises an alert when the negative share is above
  the band (15-25 % acceptable, source 003: a rule of thumb, not a law).
- **Response-time SLA.** :func:`sla_summary` reports how many messages were
  answered and how many within the team's promised time.

>>> core = build_semantic_core("Bahor Bank", competitors=["Lola Bank"])
>>> [mentions_query(t, core.queries[0]) for t in ("Бахор Банк помог", "#bahorbank", "Lola Bank")]
[True, True, False]
"""

from __future__ import annotations

import functools
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import metrics, validate
from .viz import OKABE_ITO

__all__ = [
    "CATEGORIES",
    "CORE_SIZE",
    "NEGATIVE_BAND",
    "CYRILLIC_TO_LATIN",
    "Query",
    "SemanticCore",
    "SlaSummary",
    "brand_spellings",
    "build_semantic_core",
    "edit_distance",
    "generate_messages",
    "match_mentions",
    "mentions_query",
    "normalise",
    "sla_summary",
    "to_cyrillic",
    "transliterate",
    "vader_label",
    "vader_scores",
    "weekly_figure",
    "weekly_sentiment",
]

#: Query categories of a semantic core, in the order source 003 lists them.
CATEGORIES: tuple[str, ...] = ("brand", "product", "executive", "competitor", "industry")
#: Recommended number of queries in a semantic core (source 003, a rule of thumb).
CORE_SIZE: tuple[int, int] = (20, 50)
#: Acceptable share of negative mentions (source 003, a rule of thumb).
NEGATIVE_BAND: tuple[float, float] = (0.15, 0.25)

# ----------------------------------------------------------------------------- transliteration

#: Cyrillic -> Latin, lower case. Russian letters follow a simple passport-style
#: scheme (х -> kh, ж -> zh); the extra letters of Uzbek (ў, қ, ғ, ҳ) and Kazakh
#: (ә, ғ, қ, ң, ө, ұ, ү, һ, і) map to their usual Latin spellings. Several Latin
#: spellings of one sound exist (х: kh, h or x); the fuzzy match absorbs the rest.
CYRILLIC_TO_LATIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Uzbek
    "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h",
    # Kazakh
    "ә": "a", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}

# Latin -> Cyrillic (Russian letters), longest spellings first; used to *write* a
# brand's Cyrillic form for the core. Matching never needs it.
_LATIN_TO_CYRILLIC: tuple[tuple[str, str], ...] = (
    ("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yo", "ё"), ("yu", "ю"), ("ya", "я"),
    ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"),
    ("h", "х"), ("i", "и"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
    ("v", "в"), ("w", "в"), ("x", "х"), ("y", "й"), ("z", "з"),
)
# Apostrophe-like marks of Uzbek Latin (o‘, g‘) and typographic quotes.
_APOSTROPHES = "'‘’ʻʼ`´"
_WORD = re.compile(r"[a-z0-9]+")


def transliterate(text: str) -> str:
    """Write Cyrillic letters in Latin (lower case); other characters are kept.

    >>> transliterate("Бахор Банк")
    'bakhor bank'
    >>> transliterate("Қазақстан, Ўзбекистон")
    'qazaqstan, ozbekiston'
    """
    validate.instance("transliterate", "text", text, str, "a string (text)")
    return "".join(CYRILLIC_TO_LATIN.get(ch, ch) for ch in text.lower())


def to_cyrillic(text: str) -> str:
    """Write a Latin name in Russian Cyrillic letters, keeping capital initials.

    A simple scheme for building a brand's Cyrillic spelling (h -> х, kh -> х):

    >>> to_cyrillic("Bahor Bank")
    'Бахор Банк'
    >>> to_cyrillic("Shirin Kids")
    'Ширин Кидс'
    """
    validate.instance("to_cyrillic", "text", text, str, "a string (text)")
    out: list[str] = []
    i = 0
    while i < len(text):
        for latin, cyr in _LATIN_TO_CYRILLIC:
            chunk = text[i:i + len(latin)]
            if chunk.lower() == latin:
                out.append(cyr.upper() if chunk[0].isupper() else cyr)
                i += len(latin)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def normalise(text: str) -> str:
    """The form texts and queries are compared in: Latin letters and digits, single spaces.

    Cyrillic is transliterated, accents and apostrophes are dropped, every other
    character (``#``, ``-``, punctuation, emoji) separates words. Runs of
    letters written together stay one word (``#bahorbank`` -> ``bahorbank``).

    >>> normalise("#BahorBank — «Бахор-Банк», O‘zbekiston!")
    'bahorbank bakhor bank ozbekiston'
    """
    validate.instance("normalise", "text", text, str, "a string (text)")
    return _normalise(text)


@functools.lru_cache(maxsize=8192)
def _normalise(text: str) -> str:
    # cached: match_mentions normalises every text once per query
    latin = transliterate(text)
    for mark in _APOSTROPHES:
        latin = latin.replace(mark, "")
    decomposed = unicodedata.normalize("NFKD", latin)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain))


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): the number of
    single-letter insertions, deletions, substitutions or swaps of two neighbours
    that turn ``a`` into ``b``.

    >>> edit_distance("bahor", "bahr"), edit_distance("bahor", "bhaor"), edit_distance("bank", "bank")
    (1, 1, 0)
    >>> edit_distance("kitten", "sitting")
    3
    """
    for name, value in (("a", a), ("b", b)):
        validate.instance("edit_distance", name, value, str, "a string")
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


@functools.lru_cache(maxsize=65536)
def _word_matches(query_word: str, text_word: str, max_edits: int, min_fuzzy_len: int) -> bool:
    # cached: the same pairs of words come up again and again over a table of mentions
    if query_word == text_word:
        return True
    if max_edits == 0 or min(len(query_word), len(text_word)) < min_fuzzy_len:
        return False
    if abs(len(query_word) - len(text_word)) > max_edits:
        return False
    return edit_distance(query_word, text_word) <= max_edits


def _phrase_in(words: Sequence[str], text_words: Sequence[str], max_edits: int, min_fuzzy_len: int) -> bool:
    """True when ``words`` occur in ``text_words`` one after another (fuzzily), or
    written together as one word (``bahorbank``)."""
    n = len(words)
    for start in range(len(text_words) - n + 1):
        if all(_word_matches(q, t, max_edits, min_fuzzy_len)
               for q, t in zip(words, text_words[start:start + n], strict=True)):
            return True
    if n > 1:
        joined = "".join(words)
        return any(_word_matches(joined, t, max_edits, min_fuzzy_len) for t in text_words)
    return False


# ----------------------------------------------------------------------------- semantic core


@dataclass(frozen=True)
class Query:
    """One monitoring query: its text, category, and optional qualifiers.

    With ``qualifiers`` (an executive's title, the company), a text matches only
    when it also contains one of them: a common name alone says little.
    """

    text: str
    category: str
    qualifiers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        validate.choice("Query", "category", self.category, CATEGORIES)
        if not isinstance(self.text, str) or not normalise(self.text):  # about the text's letters: not a type check
            raise ValueError(f"query text must contain letters or digits, got {self.text!r}")
        object.__setattr__(self, "qualifiers", tuple(self.qualifiers))


@dataclass(frozen=True)
class SemanticCore:
    """A set of monitoring queries (see :func:`build_semantic_core`)."""

    brand: str
    queries: tuple[Query, ...] = field(default_factory=tuple)

    def by_category(self) -> dict[str, list[str]]:
        """Query texts grouped by category (every category present, maybe empty)."""
        grouped: dict[str, list[str]] = {c: [] for c in CATEGORIES}
        for q in self.queries:
            grouped[q.category].append(q.text)
        return grouped

    def table(self) -> pd.DataFrame:
        """The core as a table: query, category, qualifiers."""
        return pd.DataFrame({
            "query": [q.text for q in self.queries],
            "category": [q.category for q in self.queries],
            "qualifiers": [", ".join(q.qualifiers) for q in self.queries],
        })

    def warnings(self) -> list[str]:
        """Plain-language problems of the core (empty list: none)."""
        problems = []
        low, high = CORE_SIZE
        n = len(self.queries)
        if n < low:
            problems.append(f"The core has {n} queries; practitioners aim for about {low}-{high} "
                            "(add spellings, products, competitors and industry phrases).")
        elif n > high:
            problems.append(f"The core has {n} queries, more than about {high}: expect many false "
                            "matches and noise; drop the vague ones.")
        for cat, texts in self.by_category().items():
            if not texts and cat != "executive":
                problems.append(f"No {cat} queries.")
        return problems

    def select(self, categories: Iterable[str]) -> SemanticCore:
        """A core with only the queries of the given categories."""
        chosen = set(categories)
        unknown = sorted(chosen - set(CATEGORIES))
        if unknown:
            raise ValueError(f"unknown categories {unknown}; choose from {list(CATEGORIES)}")
        return SemanticCore(self.brand, tuple(q for q in self.queries if q.category in chosen))


_EXAMPLE_NAMES = {"products": "Bahor Pay", "competitors": "Lola Bank", "industry": "mobile banking"}


def _texts(name: str, values: Iterable[str]) -> list[str]:
    out = []
    for v in validate.items(None, name, values, what="a list of names"):
        out.append(validate.text(None, f"each of {name}", v, example=_EXAMPLE_NAMES.get(name, "Bahor Bank")))
    return out


def brand_spellings(brand: str) -> list[str]:
    """How people write a brand: as is, lower case, joined, hyphenated, as a
    hashtag and in Cyrillic (duplicates removed, order kept).

    >>> brand_spellings("Bahor Bank")
    ['Bahor Bank', 'bahor bank', 'BahorBank', 'bahor-bank', '#bahorbank', 'Бахор Банк']
    """
    brand = " ".join(validate.text("brand_spellings", "brand", brand, example="Bahor Bank").split())
    words = brand.split(" ")
    spellings = [brand, brand.lower(), "".join(words), "-".join(w.lower() for w in words),
                 "#" + "".join(words).lower()]
    has_cyrillic = any(ch.lower() in CYRILLIC_TO_LATIN for ch in brand)
    spellings.append(transliterate(brand).title() if has_cyrillic else to_cyrillic(brand))
    return list(dict.fromkeys(spellings))


def build_semantic_core(
    brand: str,
    *,
    extra_spellings: Iterable[str] = (),
    products: Iterable[str] = (),
    executives: Mapping[str, Sequence[str]] | None = None,
    competitors: Iterable[str] = (),
    industry: Iterable[str] = (),
) -> SemanticCore:
    """Build a semantic core: the monitoring queries for a brand (source 003's method).

    - brand: every spelling of :func:`brand_spellings` plus ``extra_spellings``
      (known typos, old names, the name in another language);
    - products: each product brand, and the product with the brand in front;
    - executives: ``{"name": [qualifiers]}``; a mention must contain the name
      *and* one qualifier (a title, the company), since common names are shared
      by many people. The brand is always a qualifier;
    - competitors: each competitor and its Cyrillic spelling;
    - industry: thematic phrases ("which bank", "choose a deposit").

    Duplicates (same normalised text and category) are dropped. Check the size
    with :meth:`SemanticCore.warnings` (about 20-50 queries is the rule of thumb).

    >>> core = build_semantic_core("Bahor Bank", products=["Bahor Pay"],
    ...                            executives={"Aziz Karimov": ["CEO", "chairman"]})
    >>> core.by_category()["executive"], core.queries[-1].qualifiers
    (['Aziz Karimov'], ('CEO', 'chairman', 'Bahor Bank'))
    """
    spellings = brand_spellings(brand) + _texts("extra_spellings", extra_spellings)
    queries: list[Query] = [Query(s, "brand") for s in spellings]
    for product in _texts("products", products):
        queries += [Query(product, "product"), Query(to_cyrillic(product), "product")]
    executives = dict(executives or {})
    for name, qualifiers in executives.items():
        quals = _texts(f"executives[{name!r}]", qualifiers)
        queries.append(Query(_texts("executives", [name])[0], "executive", (*quals, brand.strip())))
    for competitor in _texts("competitors", competitors):
        queries += [Query(competitor, "competitor"), Query(to_cyrillic(competitor), "competitor")]
    queries += [Query(phrase, "industry") for phrase in _texts("industry", industry)]
    seen: set[tuple[str, str]] = set()
    unique = []
    for q in queries:
        key = (q.text, q.category)
        if key not in seen:
            seen.add(key)
            unique.append(q)
    return SemanticCore(" ".join(brand.split()), tuple(unique))


def mentions_query(text: str, query: Query, *, max_edits: int = 1, min_fuzzy_len: int = 4) -> bool:
    """True when ``text`` mentions ``query`` (in any script, spelling, or with one typo per word).

    Words shorter than ``min_fuzzy_len`` letters must match exactly (otherwise
    "car" would match "bar"). A query with qualifiers also needs one of them.

    >>> q = Query("Bahor Bank", "brand")
    >>> [mentions_query(t, q) for t in ("Bahr Bank!", "bahor-bank", "Бахор банк", "Bahor Bankomat")]
    [True, True, True, False]
    """
    if not isinstance(text, str):
        return False
    max_edits = validate.whole("mentions_query", "max_edits", max_edits)
    words = normalise(text).split()
    if not words or not _phrase_in(normalise(query.text).split(), words, max_edits, min_fuzzy_len):
        return False
    if query.qualifiers:
        return any(_phrase_in(normalise(q).split(), words, max_edits, min_fuzzy_len)
                   for q in query.qualifiers)
    return True


def match_mentions(
    mentions: pd.DataFrame | Iterable[str],
    core: SemanticCore | Sequence[Query],
    *,
    text_column: str = "text",
    max_edits: int = 1,
) -> pd.DataFrame:
    """Find which mentions match the core.

    Returns the mentions (a DataFrame; a list of texts becomes one with a
    ``text`` column) with three new columns: ``matched`` (bool), ``queries``
    (matched query texts, joined by ``" | "``) and ``categories`` (the matched
    categories, joined by ``", "``).

    >>> core = build_semantic_core("Bahor Bank", competitors=["Lola Bank"])
    >>> match_mentions(["Бахор Банк ok", "Lola Bank is slow", "nice weather"], core)["categories"].tolist()
    ['brand', 'competitor', '']
    """
    queries = tuple(core.queries if isinstance(core, SemanticCore) else core)
    if not queries:
        raise ValueError("the semantic core has no queries; add at least the brand name")
    if isinstance(mentions, pd.DataFrame):
        if text_column not in mentions.columns:
            raise KeyError(f"mentions have no column {text_column!r}; columns: {list(mentions.columns)}")
        frame = mentions.copy()
    else:
        texts = validate.items("match_mentions", "mentions", mentions, what="a DataFrame or a list of texts")
        frame = pd.DataFrame({text_column: texts})
    matched_queries: list[str] = []
    matched_categories: list[str] = []
    for text in frame[text_column]:
        hits = [q for q in queries if mentions_query(text, q, max_edits=max_edits)]
        matched_queries.append(" | ".join(dict.fromkeys(q.text for q in hits)))
        matched_categories.append(", ".join(c for c in CATEGORIES if any(q.category == c for q in hits)))
    frame["matched"] = [bool(q) for q in matched_queries]
    frame["queries"] = matched_queries
    frame["categories"] = matched_categories
    return frame


# ----------------------------------------------------------------------------- sentiment


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_label(compound: float, threshold: float = 0.05) -> str:
    """Turn a VADER compound score (-1 .. 1) into a label with the authors' cut-offs.

    ``compound >= threshold`` is positive, ``<= -threshold`` negative, else neutral.

    >>> vader_label(0.6), vader_label(-0.3), vader_label(0.0)
    ('positive', 'negative', 'neutral')
    """
    validate.instance("vader_label", "compound", compound, numbers.Real, "a number from -1 to 1")
    threshold = validate.number("vader_label", "threshold", threshold, below=1)
    if math.isnan(compound):
        return "neutral"
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


def vader_scores(texts: Iterable[str] | pd.Series, threshold: float = 0.05) -> pd.DataFrame:
    """Score texts with VADER: columns ``compound`` (-1 .. 1) and ``label``.

    VADER knows English words, emoticons, capitals and "!!!"; it knows nothing
    of Russian or Uzbek (such texts score 0, neutral) and cannot see sarcasm.
    The index of a Series is kept.

    >>> vader_scores(["I love this bank!", "Ужасный сервис", "Terrible app"])["label"].tolist()
    ['positive', 'neutral', 'negative']
    """
    series = texts if isinstance(texts, pd.Series) else pd.Series(
        validate.items("vader_scores", "texts", texts, what="a list or Series of texts"), dtype=object)
    analyzer = _analyzer()
    compound = []
    for position, text in series.items():
        if not isinstance(text, str):
            raise TypeError(f"every text must be a string, got {text!r} at {position!r}")
        compound.append(analyzer.polarity_scores(text)["compound"])
    scores = pd.Series(compound, index=series.index, dtype=float, name="compound")
    return pd.DataFrame({"compound": scores,
                         "label": [vader_label(c, threshold) for c in compound]}, index=series.index)


# ----------------------------------------------------------------------------- weekly shares


def weekly_sentiment(
    mentions: pd.DataFrame,
    *,
    date_column: str = "date",
    label_column: str = "sentiment",
    band: tuple[float, float] = NEGATIVE_BAND,
    min_mentions: int = 5,
) -> pd.DataFrame:
    """Count each week's mentions by tone and flag weeks whose negative share is too high.

    Weeks run Monday to Sunday (``week`` is the Monday). Columns: ``week``,
    ``mentions``, ``positive``, ``negative``, ``neutral``, ``negative_share``
    (negative / mentions), ``status`` (:func:`smmlib.metrics.negative_share_status`
    against ``band``) and ``alert`` (True when the share is above ``band[1]`` and
    the week has at least ``min_mentions`` mentions, so that 1 complaint out of
    2 mentions does not wake anyone up). Weeks without mentions inside the range
    appear with zero counts, NaN share and no alert.

    >>> df = pd.DataFrame({"date": pd.to_datetime(["2025-01-06"] * 4 + ["2025-01-13"] * 5),
    ...                    "sentiment": ["negative", "positive", "neutral", "neutral",
    ...                                  "negative", "negative", "positive", "neutral", "neutral"]})
    >>> weekly_sentiment(df, min_mentions=4)[["mentions", "negative_share", "alert"]]
       mentions  negative_share  alert
    0         4            0.25  False
    1         5            0.40   True
    """
    for column in (date_column, label_column):
        if column not in mentions.columns:
            raise KeyError(f"mentions have no column {column!r}; columns: {list(mentions.columns)}")
    low, high = (validate.number("weekly_sentiment", f"band[{i}] (e.g. band=(0.15, 0.25))", bound, fraction=True)
                 for i, bound in enumerate(band))
    if low > high:  # a relation between the two bounds, each already checked
        raise ValueError(f"band must be two fractions low <= high in [0, 1], e.g. (0.15, 0.25); got {band!r}")
    min_mentions = validate.whole("weekly_sentiment", "min_mentions", min_mentions)
    columns = ["week", "mentions", "positive", "negative", "neutral", "negative_share", "status", "alert"]
    if mentions.empty:
        return pd.DataFrame({c: [] for c in columns})
    dates = pd.to_datetime(mentions[date_column], errors="coerce")
    if dates.isna().any():
        bad = mentions.loc[dates.isna(), date_column].iloc[0]
        raise ValueError(f"column {date_column!r} has a value that is not a date: {bad!r}")
    labels = mentions[label_column].astype(str).str.strip().str.lower()
    unknown = sorted(set(labels) - set(metrics.SENTIMENT_LABELS))
    if unknown:
        raise ValueError(f"unknown sentiment labels {unknown}; use {list(metrics.SENTIMENT_LABELS)}")
    week = (dates.dt.normalize() - pd.to_timedelta(dates.dt.day_of_week, unit="D")).rename("week")
    counts = pd.crosstab(week, labels).reindex(columns=["positive", "negative", "neutral"], fill_value=0)
    all_weeks = pd.date_range(counts.index.min(), counts.index.max(), freq="7D")
    counts = counts.reindex(all_weeks, fill_value=0)
    total = counts.sum(axis=1)
    share = (counts["negative"] / total.where(total > 0)).astype(float)
    out = pd.DataFrame({
        "week": counts.index.astype("datetime64[us]"),
        "mentions": total.to_numpy(dtype=np.int64),
        "positive": counts["positive"].to_numpy(dtype=np.int64),
        "negative": counts["negative"].to_numpy(dtype=np.int64),
        "neutral": counts["neutral"].to_numpy(dtype=np.int64),
        "negative_share": share.to_numpy(),
    })
    out["status"] = metrics.negative_share_status(out["negative_share"], low, high).to_numpy()
    out["alert"] = ((out["negative_share"] > high) & (out["mentions"] >= min_mentions)).astype(bool)
    return out


def weekly_figure(weekly: pd.DataFrame, band: tuple[float, float] = NEGATIVE_BAND,
                  title: str = "Weekly share of negative mentions") -> go.Figure:
    """Bar chart of the weekly negative share (percent) with the band shaded and alerts marked."""
    low, high = band
    colours = [OKABE_ITO[5] if a else OKABE_ITO[0] for a in weekly["alert"]]
    fig = go.Figure(go.Bar(
        x=weekly["week"], y=100 * weekly["negative_share"], marker_color=colours,
        name="negative share",
        customdata=np.stack([weekly["mentions"], weekly["negative"]], axis=-1) if len(weekly) else None,
        hovertemplate="week of %{x|%d %b}<br>%{y:.0f}% negative (%{customdata[1]} of %{customdata[0]})"
                      "<extra></extra>"))
    fig.add_hrect(y0=100 * low, y1=100 * high, fillcolor=OKABE_ITO[2], opacity=0.15, line_width=0,
                  annotation_text=f"acceptable band {low:.0%}–{high:.0%} (rule of thumb)",
                  annotation_position="top left")
    alerts = weekly[weekly["alert"]]
    fig.add_trace(go.Scatter(x=alerts["week"], y=100 * alerts["negative_share"] + 3, mode="markers+text",
                             text=["alert"] * len(alerts), textposition="top center",
                             marker={"symbol": "triangle-down", "size": 12, "color": OKABE_ITO[5]},
                             name="alert", hoverinfo="skip"))
    top = float(np.nanmax(100 * weekly["negative_share"])) if len(weekly) and weekly["negative_share"].notna().any() else 0
    fig.update_layout(title=title, xaxis_title="Week (starting Monday)",
                      yaxis_title="Negative mentions (% of the week's mentions)",
                      yaxis_range=[0, max(100 * high, top) + 12], showlegend=False, height=380)
    return fig


# ----------------------------------------------------------------------------- response-time SLA


@dataclass(frozen=True)
class SlaSummary:
    """How fast a team answers: counts, shares (fractions) and times (hours)."""

    messages: int
    answered: int
    within_sla: int
    sla_hours: float
    response_rate: float
    within_sla_rate: float
    median_hours: float
    p90_hours: float

    def text(self) -> str:
        """One plain sentence."""
        return (f"{self.answered} of {self.messages} messages answered ({self.response_rate:.0%}); "
                f"{self.within_sla_rate:.0%} of all messages within {self.sla_hours:g} h. "
                f"Median reply time {self.median_hours:.1f} h, 90% of replies within {self.p90_hours:.1f} h.")


def sla_summary(messages: pd.DataFrame, sla_hours: float = 1.0, *,
                received_column: str = "received", replied_column: str = "replied") -> SlaSummary:
    """Summarise response times against a service-level target of ``sla_hours``.

    A message counts as within the SLA when it was answered and the reply came
    at most ``sla_hours`` after it arrived. *Unanswered messages (missing reply
    time) count as missed*: leaving a complaint unanswered is the worst reply
    time of all. Median and 90th percentile are over answered messages only
    (NaN when none was answered).

    >>> df = pd.DataFrame({"received": pd.to_datetime(["2025-01-06 09:00"] * 4),
    ...                    "replied": pd.to_datetime(["2025-01-06 09:30", "2025-01-06 10:00",
    ...                                               "2025-01-06 13:00", None])})
    >>> s = sla_summary(df, sla_hours=1)
    >>> s.answered, s.within_sla, s.response_rate, s.within_sla_rate, s.median_hours
    (3, 2, 0.75, 0.5, 1.0)
    """
    for column in (received_column, replied_column):
        if column not in messages.columns:
            raise KeyError(f"messages have no column {column!r}; columns: {list(messages.columns)}")
    sla_hours = validate.number("sla_summary", "sla_hours (hours to reply)", sla_hours, positive=True)
    if messages.empty:
        raise ValueError("no messages to summarise; the table is empty")
    received = pd.to_datetime(messages[received_column])
    replied = pd.to_datetime(messages[replied_column])
    if received.isna().any():
        raise ValueError(f"every message needs a {received_column!r} time; some are missing")
    hours = (replied - received).dt.total_seconds() / 3600
    if (hours < 0).any():
        row = hours.index[hours < 0][0]
        raise ValueError(f"message at index {row!r} was replied to before it arrived; check the times")
    answered = hours.notna()
    within = answered & (hours <= sla_hours + 1e-9)
    n = len(messages)
    return SlaSummary(
        messages=n, answered=int(answered.sum()), within_sla=int(within.sum()),
        sla_hours=float(sla_hours), response_rate=float(answered.mean()),
        within_sla_rate=float(within.mean()),
        median_hours=float(hours[answered].median()) if answered.any() else float("nan"),
        p90_hours=float(hours[answered].quantile(0.9)) if answered.any() else float("nan"),
    )


def generate_messages(seed: int = 0, n_messages: int = 200, start: str = "2025-01-06",
                      weeks: int = 4) -> pd.DataFrame:
    """Generate a community inbox: when each message arrived and when it was answered.

    Columns: ``message_id``, ``received``, ``kind`` ("question", "complaint",
    "praise"), ``replied`` (NaT for about 8% of messages, never answered). Reply
    times are lognormal around 40 minutes in working hours (9-18), longer in the
    evening and night; complaints wait a little longer. Invented for teaching.

    >>> inbox = generate_messages(seed=1, n_messages=50)
    >>> list(inbox.columns), bool((inbox["replied"].dropna() >= inbox.loc[inbox["replied"].notna(), "received"]).all())
    (['message_id', 'received', 'kind', 'replied'], True)
    """
    n_messages = validate.whole("generate_messages", "n_messages", n_messages, 1)
    weeks = validate.whole("generate_messages", "weeks", weeks, 1)
    rng = np.random.default_rng(seed)
    first = pd.Timestamp(start).normalize()
    hour_weights = np.array([0.2] * 7 + [0.8, 1.2] + [1.5] * 9 + [1.3] * 4 + [0.6, 0.3])
    minutes = np.sort(rng.integers(0, weeks * 7, n_messages) * 1440
                      + rng.choice(24, n_messages, p=hour_weights / hour_weights.sum()) * 60
                      + rng.integers(0, 60, n_messages))
    received = first + pd.to_timedelta(minutes, unit="min")
    kind = rng.choice(["question", "complaint", "praise"], n_messages, p=[0.55, 0.25, 0.20])
    working = (received.hour >= 9) & (received.hour < 18)
    median_minutes = np.where(working, 40.0, 300.0) * np.where(kind == "complaint", 1.3, 1.0)
    delay = rng.lognormal(np.log(median_minutes), 0.8)
    replied = pd.Series(received + pd.to_timedelta(np.rint(delay), unit="min"))
    replied[rng.random(n_messages) < 0.08] = pd.NaT
    width = max(4, len(str(n_messages)))
    return pd.DataFrame({
        "message_id": [f"D{i:0{width}d}" for i in range(1, n_messages + 1)],
        "received": np.asarray(received, dtype="datetime64[us]"),
        "kind": kind.astype(str),
        "replied": replied.to_numpy(dtype="datetime64[us]"),
    })


# ----------------------------------------------------------------------------- widget


