"""Argument checks shared by the course's functions: one place, one wording.

Every public function checks its numeric arguments with :func:`number` or
:func:`whole`, so a bad value gets the same clear error everywhere: which
function, which argument, what was wrong and what was given.

>>> number("reach_numbers", "cpm", 5)
5.0
>>> number("reach_numbers", "organic_share", 2, fraction=True)
Traceback (most recent call last):
ValueError: reach_numbers(): organic_share is a fraction in [0, 1] (0.02 means 2 %), got 2
>>> whole(None, "n_posts", 0, 1)
Traceback (most recent call last):
ValueError: n_posts must be at least 1, got 0
"""

from __future__ import annotations

import math
import numbers
import operator

__all__ = ["number", "whole"]


def _prefix(where: str | None) -> str:
    return f"{where}(): " if where else ""


def _below(prefix: str, name: str, minimum: float, got: float) -> ValueError:
    if minimum == 0:
        return ValueError(f"{prefix}{name} must be at least 0 (it must not be negative, >= 0), got {got:g}")
    return ValueError(f"{prefix}{name} must be at least {minimum:g}, got {got:g}")


def number(where: str | None, name: str, value: object, *, minimum: float = 0.0, positive: bool = False,
           fraction: bool = False) -> float:
    """``value`` as a finite float of at least ``minimum`` (greater than 0 when
    ``positive``; at most 1 when ``fraction``). ``where`` names the calling
    function in the message (None: just the argument). Bools are refused."""
    p = _prefix(where)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{p}{name} must be a number, got {type(value).__name__} {value!r}")
    x = float(value)
    if math.isnan(x) or math.isinf(x):
        raise ValueError(f"{p}{name} must be a finite number, got {x}")
    if positive and x <= 0:
        raise ValueError(f"{p}{name} must be greater than 0, got {x:g}")
    if x < minimum:
        raise _below(p, name, minimum, x)
    if fraction and x > 1:
        raise ValueError(f"{p}{name} is a fraction in [0, 1] (0.02 means 2 %), got {x:g}")
    return x


def whole(where: str | None, name: str, value: object, minimum: int = 0, *, integral_float: bool = False) -> int:
    """``value`` as an int of at least ``minimum``. A float with no fraction
    part (``3.0``) is accepted when ``integral_float``; bools never are."""
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
    if n < minimum:
        raise _below(p, name, minimum, n)
    return n
