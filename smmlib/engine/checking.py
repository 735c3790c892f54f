"""Outcomes, results and answer comparison with diagnostics.

Every check in the course ends in exactly one :class:`Outcome`: *correct*,
*incorrect* (with a specific, kind message) or *not attempted* (the
placeholder ``...`` is still there). A check returns a :class:`Result`, which
renders as plain text, Markdown and HTML, always with a symbol **and** a word
(never colour alone).

:func:`diagnose` compares an answer with the expected value and says *what*
differs: a wrong type, missing or extra columns, a wrong index or length,
values off — and it spots the classic mistakes: a percentage where a fraction
is expected (off by 100), a swapped numerator and denominator (the answer is
about ``1 / expected``), a sign error, and NaN left in.

>>> diagnose(0.05, 0.05) is None
True
>>> print(diagnose(5.0, 0.05))
Your answer is 100 times the expected value: it looks like a percentage. Rates in this course are fractions: write 5% as 0.05.
"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

import numpy as np
import pandas as pd

from ..viz import LOOKS, Look

__all__ = [
    "Outcome",
    "Result",
    "describe",
    "diagnose",
    "is_number",
    "normalise_text",
]

#: Default tolerances: relative and absolute, as in :func:`math.isclose`.
RTOL = 1e-6
ATOL = 1e-9
_SHOW = 5  # how many labels to list in a message


class Outcome(str, Enum):
    """The three possible outcomes of a check."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not attempted"

    @property
    def look(self) -> Look:
        """Symbol, word and colour of this outcome (:data:`smmlib.viz.LOOKS`, the one definition).

        >>> Outcome.INCORRECT.look.symbol, Outcome.INCORRECT.look.word
        ('✗', 'Not yet')
        """
        return LOOKS[self.value]




@dataclass(frozen=True)
class Result:
    """The result of checking one answer.

    ``graded`` is False for questions with no automatic grade (thought
    questions): their *correct* means "answered". ``parts`` says how a
    question of many parts was scored (``"17/20 items"``): such questions
    earn points in proportion, so an *incorrect* answer may have points.

    >>> r = Result("q1", Outcome.CORRECT, "Well done.", 1.0, 1.0)
    >>> print(r)
    ✓ q1 — Correct (1/1 point). Well done.
    >>> r.correct
    True
    """

    question: str
    outcome: Outcome
    message: str
    points: float
    max_points: float
    graded: bool = True
    title: str = ""
    parts: str = ""

    @property
    def correct(self) -> bool:
        """True when the outcome is :attr:`Outcome.CORRECT`."""
        return self.outcome is Outcome.CORRECT

    @property
    def status(self) -> str:
        """What progress and the gradebook record: the outcome's text, except
        ``"answered"`` for an accepted answer with no automatic grade (free text).

        >>> Result("q9", Outcome.CORRECT, "Answer recorded.", 0.0, 0.0, graded=False).status
        'answered'
        """
        if self.outcome is Outcome.CORRECT and not self.graded:
            return "answered"
        return self.outcome.value

    @property
    def look(self) -> Look:
        """Symbol, word and colour of :attr:`status`."""
        return LOOKS[self.status]

    def _score(self) -> str:
        if not self.graded:
            return "not graded automatically"
        unit = "point" if self.max_points == 1 else "points"
        parts = f"; {self.parts}" if self.parts else ""
        return f"{_num(self.points)}/{_num(self.max_points)} {unit}{parts}"

    def _word(self) -> str:
        return self.look.word

    def __str__(self) -> str:
        symbol = self.look.symbol
        return f"{symbol} {self.question} — {self._word()} ({self._score()}). {self.message}".rstrip()

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        symbol = self.look.symbol
        return f"**{symbol} {self.question} — {self._word()}** ({self._score()}). {self.message}"

    def _repr_html_(self) -> str:
        look = self.look
        symbol, colour, background = look.symbol, look.colour, look.background
        title = f" · {html.escape(self.title)}" if self.title else ""
        return (
            f'<div role="status" style="border-left:6px solid {colour};background:{background};'
            f'padding:0.5em 0.8em;margin:0.3em 0;color:#1a1a1a">'
            f"<strong>{symbol} {html.escape(self.question)} — {html.escape(self._word())}</strong>"
            f"{title} <em>({html.escape(self._score())})</em><br>{_inline_code(self.message)}</div>"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the outcome as its string value)."""
        data = asdict(self)
        data["outcome"] = self.outcome.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        """Inverse of :meth:`to_dict`."""
        fields = dict(data)
        fields["outcome"] = Outcome(fields["outcome"])
        return cls(**fields)


def _num(x: float) -> str:
    return f"{x:g}"


def _inline_code(text: str) -> str:
    """Escape ``text`` for HTML and turn `backticks` into <code>."""
    escaped = html.escape(text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped).replace("\n", "<br>")


# ----------------------------------------------------------------------------- helpers


def is_number(value: object) -> bool:
    """True for real numbers (int, float, numpy numbers); False for bool and the rest.

    >>> is_number(3), is_number(np.float64(0.5)), is_number(True), is_number("3")
    (True, True, False, False)
    """
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def normalise_text(value: object) -> str:
    """Normalise text for comparison: trim, collapse inner whitespace, ignore case.

    >>> normalise_text("  Photo   Posts ")
    'photo posts'
    """
    return " ".join(str(value).split()).casefold()


def describe(value: object) -> str:
    """A short description of a value for messages.

    >>> describe("0.05")
    "the text '0.05'"
    >>> describe(pd.Series([1, 2]))
    'a pandas Series of 2 values'
    """
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"the boolean {bool(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if is_number(value):
        return f"the number {_fmt(value)}"
    if isinstance(value, pd.DataFrame):
        return f"a pandas DataFrame with {len(value)} rows and {value.shape[1]} columns"
    if isinstance(value, pd.Series):
        return f"a pandas Series of {len(value)} values"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return f"a {type(value).__name__} of {len(value)} items"
    if callable(value):
        return f"a function ({getattr(value, '__name__', type(value).__name__)})"
    return f"a {type(value).__name__}"


def _fmt(x: object) -> str:
    if is_number(x):
        x = float(x)  # type: ignore[arg-type]
        if math.isnan(x):
            return "NaN"
        return f"{x:.6g}"
    return repr(x)


def _labels(values: Any) -> str:
    items = list(values)
    shown = ", ".join(repr(v.item() if isinstance(v, np.generic) else v) for v in items[:_SHOW])
    return shown + (f" and {len(items) - _SHOW} more" if len(items) > _SHOW else "")


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _close(a: float, e: float, rtol: float, atol: float) -> bool:
    return math.isclose(a, e, rel_tol=rtol, abs_tol=atol)


# ----------------------------------------------------------------------------- numbers


def _classic_number_mistake(a: float, e: float, rtol: float, atol: float) -> str | None:
    """Name a classic mistake when ``a`` matches a transformed ``e``."""
    if e == 0:
        return None
    if _close(a, e * 100, rtol, atol):
        return ("Your answer is 100 times the expected value: it looks like a percentage. "
                "Rates in this course are fractions: write 5% as 0.05.")
    if _close(a, e / 100, rtol, atol * 1e-2):
        return ("Your answer is 100 times too small: it looks like you divided a fraction by 100. "
                "Give the value itself, not a fraction of a percent.")
    if a != 0 and not _close(abs(e), 1.0, rtol, atol) and _close(a * e, 1.0, rtol * 2, atol):
        return ("Your answer is about 1 / (the expected value): the numerator and denominator "
                "look swapped. Check which quantity goes on top.")
    if _close(a, -e, rtol, atol):
        return "Your answer has the right size but the wrong sign: check the order of the subtraction."
    return None


def _diagnose_number(actual: object, expected: float, rtol: float, atol: float) -> str | None:
    if isinstance(actual, (bool, np.bool_)):
        return f"Expected a number, but you gave {describe(actual)}."
    if isinstance(actual, str):
        try:
            float(actual)
        except ValueError:
            return f"Expected a number, but you gave {describe(actual)}."
        return (f"Expected a number, but you gave {describe(actual)}: remove the quotes "
                f"so that Python sees a number ({actual.strip()}).")
    if isinstance(actual, (pd.Series, pd.DataFrame, np.ndarray, list, tuple)):
        size = np.size(actual) if not isinstance(actual, (list, tuple)) else len(actual)
        if size == 1:
            return (f"Expected a single number, but you gave {describe(actual)} holding one value: "
                    "take the number out of it, e.g. with `.item()` or `.iloc[0]`.")
        return (f"Expected a single number, but you gave {describe(actual)}. Did you forget to "
                "aggregate (for example `.sum()` or `.mean()`), or to pick one value?")
    if not is_number(actual):
        return f"Expected a number, but you gave {describe(actual)}."
    a, e = float(actual), float(expected)  # type: ignore[arg-type]
    if math.isnan(e):
        return None if math.isnan(a) else (
            "Expected a missing value (NaN) here — the quantity is undefined "
            "(for example a division by zero) — but you gave a number.")
    if math.isnan(a):
        return ("Your answer is NaN (not a number). A missing value or a division by zero "
                "crept in: check for NaN in the columns you used (`.isna().sum()`).")
    if math.isinf(a) and not math.isinf(e):
        return "Your answer is infinite: somewhere you divide by zero. Leave such rows out or handle them."
    if _close(a, e, rtol, atol):
        return None
    mistake = _classic_number_mistake(a, e, rtol, atol)
    if mistake:
        return mistake
    if _close(a, e, 1e-2, atol):
        return ("Very close, but not within the tolerance: don't round your answer; "
                "keep the full precision Python gives you.")
    direction = "too high" if a > e else "too low"
    return f"Not quite: your answer {_fmt(a)} is {direction}. Re-read what the question asks for."


# ----------------------------------------------------------------------------- Series / DataFrame


def _index_problem(a: pd.Index, e: pd.Index, ordered: bool, what: str) -> str | None:
    if a.equals(e):
        return None
    try:
        missing = [v for v in e if v not in set(a)]
        extra = [v for v in a if v not in set(e)]
    except TypeError:  # unhashable labels
        return f"The {what} differs from the expected one."
    parts = []
    if missing:
        parts.append(f"missing {_labels(missing)}")
    if extra:
        parts.append(f"unexpected {_labels(extra)}")
    if parts:
        hint = ""
        if isinstance(a, pd.RangeIndex) and not isinstance(e, pd.RangeIndex):
            hint = " Your result has a plain 0, 1, 2 ... index: did `reset_index()` or a list drop the labels?"
        return f"The {what} has {'; '.join(parts)}.{hint}"
    if len(a) != len(e):
        return f"The {what} has repeated labels: {len(a)} labels, expected {len(e)}."
    if ordered:
        return (f"The {what} has the right labels but in a different order "
                f"(expected order starts {_labels(e[:3])}). Sort as the question asks.")
    return None


def _diagnose_values(a: pd.Series, e: pd.Series, rtol: float, atol: float, where: str) -> str | None:
    """Compare two aligned Series of the same index, value by value."""
    e_numeric = pd.api.types.is_numeric_dtype(e) and not pd.api.types.is_bool_dtype(e)
    if e_numeric:
        if not (pd.api.types.is_numeric_dtype(a) and not pd.api.types.is_bool_dtype(a)):
            try:
                a = pd.to_numeric(a)
            except (TypeError, ValueError):
                return f"{where}: expected numbers, but the values are {a.dtype} (text?)."
        av = a.to_numpy(dtype=float, na_value=np.nan)
        ev = e.to_numpy(dtype=float, na_value=np.nan)
        a_nan, e_nan = np.isnan(av), np.isnan(ev)
        infinite = np.isinf(av) & ~np.isinf(ev)
        if infinite.any():
            first = a.index[infinite.argmax()]
            return (f"{where}: {int(infinite.sum())} infinite value(s), e.g. at {first!r}: a division "
                    "by zero. Where the denominator is 0 the rate is undefined: make it NaN.")
        left_in = a_nan & ~e_nan
        if left_in.any():
            first = a.index[left_in.argmax()]
            return (f"{where}: {int(left_in.sum())} missing value(s) (NaN) left in, e.g. at {first!r}. "
                    "Find them with `.isna()`; handle them as the question says (drop rows with missing data?).")
        filled = e_nan & ~a_nan
        if filled.any():
            first = a.index[filled.argmax()]
            return (f"{where}: expected a missing value (NaN) at {first!r} — an undefined value such "
                    "as a division by zero — but you have a number there. Don't fill it in with 0.")
        ok = ~e_nan
        close = np.isclose(av[ok], ev[ok], rtol=rtol, atol=atol)
        if close.all():
            return None
        avo, evo = av[ok], ev[ok]
        nonzero = evo != 0
        if nonzero.any():
            for transform, message in (
                (evo * 100, "the values are 100 times the expected ones: percentages instead of fractions "
                            "(write 5% as 0.05)."),
                (1 / np.where(nonzero, evo, np.nan), "the values are about 1 / expected: numerator and "
                                                     "denominator look swapped."),
                (-evo, "the values have the wrong sign."),
            ):
                if np.allclose(avo[nonzero], transform[nonzero], rtol=rtol * 2, atol=atol):
                    return f"{where}: {message}"
        bad = np.flatnonzero(~close)
        label = e.index[ok][bad[0]]
        direction = "too high" if avo[bad[0]] > evo[bad[0]] else "too low"
        return (f"{where}: {len(bad)} of {int(ok.sum())} values are off; the first is at {label!r} "
                f"(yours, {_fmt(avo[bad[0]])}, is {direction}).")
    # non-numeric values: compare as text / exact
    for label, av, ev in zip(e.index, a.tolist(), e.tolist(), strict=True):
        if _missing(ev) and _missing(av):
            continue
        if diagnose(av, ev, rtol=rtol, atol=atol) is not None:
            return f"{where}: the value at {label!r} is {_fmt(av)}, which is not what was expected."
    return None


def _diagnose_series(actual: object, expected: pd.Series, rtol: float, atol: float,
                     ordered: bool, where: str = "Your Series") -> str | None:
    if isinstance(actual, pd.DataFrame):
        if actual.shape[1] == 1:
            return ("Expected a pandas Series, but you gave a DataFrame with one column: "
                    f"select the column itself, e.g. `df[{str(actual.columns[0])!r}]`.")
        return f"Expected a pandas Series, but you gave {describe(actual)}."
    if not isinstance(actual, pd.Series):
        extra = " A Series keeps the labels (the index); build it with pandas, e.g. `groupby(...)`." \
            if isinstance(actual, (list, tuple, np.ndarray, dict)) else ""
        return f"Expected a pandas Series, but you gave {describe(actual)}.{extra}"
    if len(actual) != len(expected):
        problem = _index_problem(actual.index, expected.index, ordered, "index")
        tail = f" {problem}" if problem else ""
        return f"{where} has {len(actual)} values; expected {len(expected)}.{tail}"
    problem = _index_problem(actual.index, expected.index, ordered, "index")
    if problem:
        return f"{where}: {problem[0].lower()}{problem[1:]}"
    if not actual.index.equals(expected.index):
        actual = actual.reindex(expected.index)
    return _diagnose_values(actual, expected, rtol, atol, where)


def _your(what: str, *parts: str) -> str | None:
    """``"Your <what> has <part> and <part>."`` from the parts that are not empty (None if all are).

    >>> _your("list", "", "2 item(s) that don't belong: 'x', 'y'")
    "Your list has 2 item(s) that don't belong: 'x', 'y'."
    """
    shown = [p for p in parts if p]
    return f"Your {what} has {' and '.join(shown)}." if shown else None


def _diagnose_frame(actual: object, expected: pd.DataFrame, rtol: float, atol: float,
                    ordered: bool) -> str | None:
    if isinstance(actual, pd.Series):
        return ("Expected a DataFrame (a table), but you gave a Series. "
                "Use `.to_frame()` or select columns with a list: `df[['a', 'b']]`.")
    if not isinstance(actual, pd.DataFrame):
        return f"Expected a pandas DataFrame, but you gave {describe(actual)}."
    missing = [c for c in expected.columns if c not in actual.columns]
    extra = [c for c in actual.columns if c not in expected.columns]
    mismatch = _your("table", f"missing column(s) {_labels(missing)}" if missing else "",
                     f"extra column(s) {_labels(extra)}" if extra else "")
    if mismatch:
        return mismatch
    if len(actual) != len(expected):
        return f"Your table has {len(actual)} rows; expected {len(expected)}."
    problem = _index_problem(actual.index, expected.index, ordered, "row index")
    if problem:
        return f"Your table: {problem[0].lower()}{problem[1:]}"
    actual = actual.reindex(index=expected.index)
    for column in expected.columns:
        msg = _diagnose_values(actual[column], expected[column], rtol, atol, f"Column {column!r}")
        if msg:
            return msg
    return None


# ----------------------------------------------------------------------------- collections


def _as_list(value: object) -> list | None:
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, (np.ndarray, pd.Series, pd.Index)):
        return list(np.asarray(value).tolist())
    return None


def _key(item: object) -> object:
    if isinstance(item, str):
        return normalise_text(item)
    if isinstance(item, np.generic):
        return item.item()
    return item


def _diagnose_sequence(actual: object, expected: list, rtol: float, atol: float,
                       ordered: bool) -> str | None:
    items = _as_list(actual)
    if items is None and isinstance(actual, (set, frozenset)) and not ordered:
        items = list(actual)
    if items is None:
        return f"Expected a list of {len(expected)} items, but you gave {describe(actual)}."
    a_keys, e_keys = [_key(x) for x in items], [_key(x) for x in expected]
    try:
        missing = [x for x, k in zip(expected, e_keys, strict=True) if k not in a_keys]
        extra = [x for x, k in zip(items, a_keys, strict=True) if k not in e_keys]
    except TypeError:
        missing = extra = []
    mismatch = _your("list", f"{len(missing)} expected item(s) missing" if missing else "",
                     f"{len(extra)} item(s) that don't belong: {_labels(extra)}" if extra else "")
    if mismatch:
        return mismatch
    if len(items) != len(expected):
        return f"Your list has {len(items)} items; expected {len(expected)} (check for repeats)."
    if not ordered:
        return None
    for position, (a, e) in enumerate(zip(items, expected, strict=True), start=1):
        if diagnose(a, e, rtol=rtol, atol=atol) is not None:
            return (f"Right items, but the order differs from position {position} on "
                    f"(you have {_fmt(a)} there). Sort as the question asks.")
    return None


def _diagnose_mapping(actual: object, expected: Mapping, rtol: float, atol: float) -> str | None:
    if not isinstance(actual, Mapping):
        return f"Expected a dict, but you gave {describe(actual)}."
    missing = [k for k in expected if k not in actual]
    extra = [k for k in actual if k not in expected]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing key(s) {_labels(missing)}")
        if extra:
            parts.append(f"unexpected key(s) {_labels(extra)}")
        return f"Your dict has {' and '.join(parts)}."
    for key, e in expected.items():
        msg = diagnose(actual[key], e, rtol=rtol, atol=atol)
        if msg:
            return f"For key {key!r}: {msg}"
    return None


# ----------------------------------------------------------------------------- entry point


def diagnose(actual: object, expected: object, *, rtol: float = RTOL, atol: float = ATOL,
             ordered: bool = True, text: Callable[[object], str] = normalise_text) -> str | None:
    """Compare ``actual`` with ``expected``; return ``None`` when they match,
    otherwise a short message saying what differs.

    - numbers: equal within ``rtol``/``atol`` (NaN matches NaN); classic
      mistakes are named (percent for fraction, swapped ratio, sign);
    - text: compared after ``text`` normalisation (default: whitespace and case);
    - pandas Series/DataFrames: type, columns, length, index, NaN and values,
      with tolerance; with ``ordered=False`` the row order does not matter;
    - lists/tuples: items (order matters unless ``ordered=False``); dicts: keys and values.

    >>> print(diagnose(4.0, 0.25))
    Your answer is about 1 / (the expected value): the numerator and denominator look swapped. Check which quantity goes on top.
    >>> print(diagnose(pd.DataFrame({"a": [1]}), pd.DataFrame({"a": [1], "b": [2]})))
    Your table has missing column(s) 'b'.
    """
    if isinstance(expected, pd.DataFrame):
        return _diagnose_frame(actual, expected, rtol, atol, ordered)
    if isinstance(expected, pd.Series):
        return _diagnose_series(actual, expected, rtol, atol, ordered)
    if isinstance(expected, (bool, np.bool_)):
        if isinstance(actual, (bool, np.bool_)):
            return None if bool(actual) == bool(expected) else "Not quite: the answer is the other one."
        return f"Expected True or False, but you gave {describe(actual)}."
    if is_number(expected):
        return _diagnose_number(actual, float(expected), rtol, atol)  # type: ignore[arg-type]
    if isinstance(expected, str):
        if not isinstance(actual, str):
            return f"Expected text (a str), but you gave {describe(actual)}."
        if text(actual) == text(expected):
            return None
        return f"Not quite: {describe(actual)} is not the expected answer."
    if isinstance(expected, Mapping):
        return _diagnose_mapping(actual, expected, rtol, atol)
    if isinstance(expected, (set, frozenset)):
        return _diagnose_sequence(actual, list(expected), rtol, atol, ordered=False)
    if isinstance(expected, (list, tuple, np.ndarray)):
        return _diagnose_sequence(actual, list(np.asarray(expected, dtype=object).tolist()
                                              if isinstance(expected, np.ndarray) else expected),
                                  rtol, atol, ordered)
    try:
        same = bool(actual == expected)
    except Exception:  # noqa: BLE001 - comparison of odd types
        same = False
    return None if same else f"Not quite: {describe(actual)} is not the expected answer."
