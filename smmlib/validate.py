"""Argument checks shared by the course's functions: one place, one wording.

Every public function checks its arguments here, so a bad value gets the
same clear error everywhere: which function, which argument, what was wrong,
what was given and how to fix it. Numbers go through :func:`number` or
:func:`whole`, a value from a fixed set through :func:`choice`, a type through
:func:`instance`, and a list through :func:`items` (which refuses one bare
string, the classic slip of ``platforms="tiktok"``). Chapter modules raise no
ValueError/TypeError of their own for an argument check
(``tests/test_validate_everywhere.py``).

>>> number("reach_numbers", "cpm", 5)
5.0
>>> number("reach_numbers", "organic_share", 2, fraction=True)
Traceback (most recent call last):
ValueError: reach_numbers(): organic_share is a fraction in [0, 1] (0.02 means 2 %), got 2
>>> whole(None, "n_posts", 0, 1)
Traceback (most recent call last):
ValueError: n_posts must be at least 1, got 0
>>> choice("smm_fit", "size", "huge", ("small", "medium", "large"))
Traceback (most recent call last):
ValueError: smm_fit(): size must be one of 'small', 'medium', 'large'; got 'huge'
>>> items("plan", "platforms", "tiktok")
Traceback (most recent call last):
TypeError: plan(): platforms must be a list, not one string; write platforms=['tiktok']
"""

from __future__ import annotations

import difflib
import math
import numbers
import operator
from collections.abc import Collection, Iterable
from typing import Any

__all__ = ["choice", "date", "instance", "items", "number", "text", "whole"]


def _prefix(where: str | None) -> str:
    return f"{where}(): " if where else ""


def _below(prefix: str, name: str, minimum: float, got: float) -> ValueError:
    if minimum == 0:
        return ValueError(f"{prefix}{name} must be at least 0 (it must not be negative, >= 0), got {got:g}")
    return ValueError(f"{prefix}{name} must be at least {minimum:g}, got {got:g}")


def _range(minimum: float, positive: bool, maximum: float | None, below: float | None) -> str:
    """The allowed range in words: "from 1 to 12", "greater than 0 and below 1", "at least 0 and below 1"."""
    if maximum is not None and not positive:
        return f"from {minimum:g} to {maximum:g}"
    lower = "greater than 0" if positive else f"at least {minimum:g}"
    upper = f"at most {maximum:g}" if maximum is not None else f"below {below:g}"
    return f"{lower} and {upper}"


def number(where: str | None, name: str, value: object, *, minimum: float = 0.0, positive: bool = False,
           fraction: bool = False, maximum: float | None = None, below: float | None = None) -> float:
    """``value`` as a finite float of at least ``minimum`` (greater than 0 when
    ``positive``; at most 1 when ``fraction``; at most ``maximum``; less than
    ``below``). ``where`` names the calling function in the message (None:
    just the argument). Bools are refused.

    >>> number("ab_test", "confidence", 0.95, positive=True, below=1)
    0.95
    >>> number("ab_test", "confidence", 95, positive=True, below=1)
    Traceback (most recent call last):
    ValueError: ab_test(): confidence must be greater than 0 and below 1, got 95
    >>> number(None, "hours_per_day", 13, minimum=1, maximum=12)
    Traceback (most recent call last):
    ValueError: hours_per_day must be from 1 to 12, got 13
    """
    p = _prefix(where)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{p}{name} must be a number, got {type(value).__name__} {value!r}")
    x = float(value)
    if math.isnan(x) or math.isinf(x):
        raise ValueError(f"{p}{name} must be a finite number, got {x}")
    bounded = maximum is not None or below is not None
    if bounded and ((positive and x <= 0) or x < minimum or (maximum is not None and x > maximum)
                    or (below is not None and x >= below)):
        raise ValueError(f"{p}{name} must be {_range(minimum, positive, maximum, below)}, got {x:g}")
    if positive and x <= 0:
        raise ValueError(f"{p}{name} must be greater than 0, got {x:g}")
    if x < minimum:
        raise _below(p, name, minimum, x)
    if fraction and x > 1:
        raise ValueError(f"{p}{name} is a fraction in [0, 1] (0.02 means 2 %), got {x:g}")
    return x


def whole(where: str | None, name: str, value: object, minimum: int = 0, *, integral_float: bool = False,
          maximum: int | None = None) -> int:
    """``value`` as an int from ``minimum`` to ``maximum`` (no upper bound when
    None). A float with no fraction part (``3.0``) is accepted when
    ``integral_float``; bools never are.

    >>> whole(None, "days", 15, 1, maximum=14)
    Traceback (most recent call last):
    ValueError: days must be a whole number from 1 to 14, got 15
    """
    p = _prefix(where)
    if isinstance(value, bool):
        raise TypeError(f"{p}{name} must be a whole number, got a bool ({value})")
    try:
        n = operator.index(value)
    except TypeError:
        if integral_float and isinstance(value, float) and value.is_integer():
            n = int(value)
        else:
            raise TypeError(f"{p}{name} must be a whole number, got {type(value).__name__} {value!r}") from None
    if maximum is not None and not minimum <= n <= maximum:
        raise ValueError(f"{p}{name} must be a whole number {_range(minimum, False, maximum, None)}, got {n}")
    if n < minimum:
        raise _below(p, name, minimum, n)
    return n


def choice(where: str | None, name: str, value: Any, allowed: Iterable[Any], *, hint: str = "") -> Any:
    """``value`` if it is one of ``allowed``; otherwise a ValueError listing the
    choices (and the closest one, for a misspelt string). ``hint`` adds a reason
    after the list, e.g. ``"(a whole number that divides 24)"``.

    >>> choice(None, "statistic", "median", ("median", "mean"))
    'median'
    >>> choice("plan", "platform", "instagramm", ["instagram", "tiktok"])
    Traceback (most recent call last):
    ValueError: plan(): platform must be one of 'instagram', 'tiktok'; got 'instagramm' (did you mean 'instagram'?)
    """
    options = list(allowed)
    try:
        if value in options:
            return value
    except TypeError:  # an unhashable value in a dict's keys
        pass
    shown = ", ".join(repr(o) for o in options)
    suggestion = ""
    if isinstance(value, str):
        close = difflib.get_close_matches(value, [o for o in options if isinstance(o, str)], n=1)
        suggestion = f" (did you mean {close[0]!r}?)" if close else ""
    reason = f" {hint}" if hint else ""
    raise ValueError(f"{_prefix(where)}{name} must be one of {shown}{reason}; got {value!r}{suggestion}")


def instance(where: str | None, name: str, value: Any, types: type | tuple[type, ...], what: str) -> Any:
    """``value`` if it is an instance of ``types``; otherwise a TypeError saying
    what was expected (``what``, e.g. ``"a pandas DataFrame"``) and what came.
    A bool passes only when ``bool`` (not merely ``int``) is among ``types``.

    >>> instance("lookup", "text", 42, str, "a string such as 'reach'")
    Traceback (most recent call last):
    TypeError: lookup(): text must be a string such as 'reach', got int 42
    """
    wanted = types if isinstance(types, tuple) else (types,)
    if isinstance(value, wanted) and not (isinstance(value, bool) and bool not in wanted):
        return value
    shown = repr(value)
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    raise TypeError(f"{_prefix(where)}{name} must be {what}, got {type(value).__name__} {shown}")


def items(where: str | None, name: str, value: Any, *, what: str = "a list", empty: bool = True) -> list[Any]:
    """``value`` as a list: any iterable except one bare string (or bytes),
    which is refused with the fix spelled out. ``empty=False`` refuses an
    empty list too. A set or dict keeps its iteration order.

    >>> items(None, "platforms", ("tiktok", "youtube"))
    ['tiktok', 'youtube']
    >>> items(None, "spike_days", 5, what="a list of day numbers")
    Traceback (most recent call last):
    TypeError: spike_days must be a list of day numbers, got int 5
    >>> items(None, "platforms", [], empty=False)
    Traceback (most recent call last):
    ValueError: platforms is empty; it must be a list with at least one item
    """
    p = _prefix(where)
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{p}{name} must be {what}, not one string; write {name}=[{value!r}]")
    if not isinstance(value, (Iterable, Collection)):
        raise TypeError(f"{p}{name} must be {what}, got {type(value).__name__} {value!r}")
    out = list(value)
    if not empty and not out:
        raise ValueError(f"{p}{name} is empty; it must be {what} with at least one item")
    return out


def text(where: str | None, name: str, value: Any, *, example: str) -> str:
    """``value`` stripped of surrounding spaces, if it is a string with something
    in it; ``example`` shows a good value in the message.

    >>> text(None, "brand", "  Bahor Bank ", example="Bahor Bank")
    'Bahor Bank'
    >>> text("student_seed", "student_id", "  ", example="AB-1234")
    Traceback (most recent call last):
    ValueError: student_seed(): student_id is empty; pass one such as 'AB-1234'
    """
    instance(where, name, value, str, f"a string such as {example!r}")
    stripped = value.strip()
    if not stripped:
        raise ValueError(f"{_prefix(where)}{name} is empty; pass one such as {example!r}")
    return stripped


def date(where: str | None, name: str, value: Any, *, naive: bool = False) -> Any:
    """``value`` as a ``pandas.Timestamp`` (anything pandas reads as one date:
    ``"2025-01-06"``, a ``datetime``, a Timestamp); ``naive`` refuses a time zone.

    >>> date(None, "start", "2025-01-06")
    Timestamp('2025-01-06 00:00:00')
    >>> date("generate_posts", "start", "next monday")
    Traceback (most recent call last):
    ValueError: generate_posts(): start must be a date such as '2025-01-06', got 'next monday'
    """
    import pandas as pd  # the one helper that needs pandas; the others stay light

    p = _prefix(where)
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if stamp is pd.NaT or pd.isna(stamp) or isinstance(value, bool):
        raise ValueError(f"{p}{name} must be a date such as '2025-01-06', got {value!r}") from None
    if naive and stamp.tzinfo is not None:
        raise ValueError(f"{p}{name} must be a date without a time zone (e.g. '2025-01-06'), got {value!r}")
    return stamp
