"""smmlib.validate: the one argument check, its wording and what it accepts."""

from __future__ import annotations

import numpy as np
import pytest

from smmlib.validate import number, whole


def test_number_accepts_reals_and_returns_floats():
    assert number("f", "x", 3) == 3.0 and isinstance(number("f", "x", np.int64(3)), float)
    assert number("f", "share", 0.25, fraction=True) == 0.25


@pytest.mark.parametrize(("value", "kwargs", "error", "message"), [
    (True, {}, TypeError, r"^f\(\): x must be a number, got bool True$"),
    ("3", {}, TypeError, r"^f\(\): x must be a number, got str '3'$"),
    (float("nan"), {}, ValueError, r"^f\(\): x must be a finite number, got nan$"),
    (-1, {}, ValueError, r"^f\(\): x must be at least 0 \(it must not be negative, >= 0\), got -1$"),
    (0, {"positive": True}, ValueError, r"^f\(\): x must be greater than 0, got 0$"),
    (0.5, {"minimum": 1}, ValueError, r"^f\(\): x must be at least 1, got 0.5$"),
    (1.5, {"fraction": True}, ValueError, r"^f\(\): x is a fraction in \[0, 1\] \(0.02 means 2 %\), got 1.5$"),
])
def test_number_names_function_argument_and_value(value, kwargs, error, message):
    with pytest.raises(error, match=message):
        number("f", "x", value, **kwargs)


def test_whole_counts():
    assert whole(None, "n", np.int32(4), 1) == 4
    assert whole(None, "n", 4.0, integral_float=True) == 4
    with pytest.raises(TypeError, match=r"^n must be a whole number, got float 4.0$"):
        whole(None, "n", 4.0)
    with pytest.raises(TypeError, match=r"^n must be a whole number, got float 4.5$"):
        whole(None, "n", 4.5, integral_float=True)
    with pytest.raises(TypeError, match=r"^g\(\): n must be a whole number, got a bool \(False\)$"):
        whole("g", "n", False)
    with pytest.raises(ValueError, match=r"^n must be at least 2, got 1$"):
        whole(None, "n", 1, 2)
