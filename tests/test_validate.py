"""smmlib.validate: the one argument check, its wording and what it accepts."""

from __future__ import annotations

import numpy as np
import pytest

from smmlib.validate import choice, date, instance, items, number, text, whole


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


@pytest.mark.parametrize(("kwargs", "value", "message"), [
    ({"positive": True, "below": 1}, 1, r"^f\(\): x must be greater than 0 and below 1, got 1$"),
    ({"positive": True, "below": 1}, 0, r"^f\(\): x must be greater than 0 and below 1, got 0$"),
    ({"minimum": 1, "maximum": 12}, 0.5, r"^f\(\): x must be from 1 to 12, got 0.5$"),
    ({"below": 1}, 1, r"^f\(\): x must be at least 0 and below 1, got 1$"),
    ({"positive": True, "maximum": 5}, 6, r"^f\(\): x must be greater than 0 and at most 5, got 6$"),
])
def test_number_with_an_upper_bound_names_the_whole_range(kwargs, value, message):
    with pytest.raises(ValueError, match=message):
        number("f", "x", value, **kwargs)


def test_number_inside_its_range_passes():
    assert number("f", "x", 0.95, positive=True, below=1) == 0.95
    assert number("f", "x", 12, minimum=1, maximum=12) == 12.0


def test_whole_with_a_maximum():
    assert whole(None, "days", 14, 1, maximum=14) == 14
    with pytest.raises(ValueError, match=r"^days must be a whole number from 1 to 14, got 0$"):
        whole(None, "days", 0, 1, maximum=14)


def test_choice_lists_the_options_and_suggests_the_closest():
    assert choice(None, "size", "small", ("small", "large")) == "small"
    assert choice(None, "hour_bin", 3, (1, 2, 3)) == 3
    with pytest.raises(ValueError, match=r"^f\(\): size must be one of 'small', 'large'; got 'smal' "
                                         r"\(did you mean 'small'\?\)$"):
        choice("f", "size", "smal", ("small", "large"))
    with pytest.raises(ValueError, match=r"^hour_bin must be one of 1, 2 \(divides 24\); got 5$"):
        choice(None, "hour_bin", 5, (1, 2), hint="(divides 24)")
    with pytest.raises(ValueError, match=r"got \['a'\]$"):   # an unhashable value is refused, not a crash
        choice(None, "key", ["a"], {"a": 1})


def test_instance_refuses_bool_for_int_unless_asked():
    assert instance(None, "n", 3, int, "a number") == 3
    assert instance(None, "flag", True, (bool, int), "a flag") is True
    with pytest.raises(TypeError, match=r"^n must be a number, got bool True$"):
        instance(None, "n", True, int, "a number")


def test_items_refuses_one_string_and_optionally_empty():
    assert items(None, "xs", {"a": 1, "b": 2}) == ["a", "b"]
    assert items(None, "xs", []) == []
    with pytest.raises(TypeError, match=r"^xs must be a list, not one string; write xs=\['ab'\]$"):
        items(None, "xs", "ab")
    with pytest.raises(TypeError, match=r"^xs must be a list, got int 3$"):
        items(None, "xs", 3)
    with pytest.raises(ValueError, match=r"^xs is empty; it must be a list with at least one item$"):
        items(None, "xs", (), empty=False)


def test_text_strips_and_refuses_blank_or_non_strings():
    assert text(None, "brand", " Acme ", example="Acme") == "Acme"
    with pytest.raises(TypeError, match=r"^brand must be a string such as 'Acme', got int 5$"):
        text(None, "brand", 5, example="Acme")
    with pytest.raises(ValueError, match=r"^brand is empty; pass one such as 'Acme'$"):
        text(None, "brand", "\t", example="Acme")


def test_date_reads_dates_and_refuses_others():
    assert str(date(None, "start", "2025-01-06").date()) == "2025-01-06"
    for bad in ("soon", None, True, float("nan")):
        with pytest.raises(ValueError, match=r"^start must be a date such as '2025-01-06', got "):
            date(None, "start", bad)
    with pytest.raises(ValueError, match=r"without a time zone"):
        date(None, "start", "2025-01-06T00:00+05:00", naive=True)
