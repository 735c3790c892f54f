"""Answer export: student values <-> plain, tagged JSON data.

The student's process sends the grader only *data*: each answer variable is
encoded here as JSON with a small tagged vocabulary, checked on the way out,
and decoded in the grader's process into fresh, ordinary Python and pandas
objects. Nothing a student defines (a class, a ``__eq__``, a subclass of
``float``) survives the trip, so the grader's checks cannot be fooled by the
answer's own code.

Supported values: ``None``, ``...`` (not attempted), bool, int, float
(including NaN and infinity), str, list, tuple, set, dict, numpy scalars and
arrays, pandas Series, DataFrame, Index/MultiIndex labels, Timestamps,
Timedeltas — and functions, exported as their source code. Anything else
becomes an ``unsupported`` marker that the checks turn into a clear
"the grader cannot read a <type>" answer.

>>> decode(json.loads(json.dumps(encode([1, 2.5, float("nan"), "a"]))))
[1, 2.5, nan, 'a']
>>> import pandas as pd
>>> s = decode(encode(pd.Series([0.1, 0.2], index=["fb", "ig"], name="rate")))
>>> s.equals(pd.Series([0.1, 0.2], index=["fb", "ig"], name="rate"))
True
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import math
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ExportError",
    "MAX_ITEMS",
    "Unsupported",
    "decode",
    "encode",
    "function_source",
    "import_preamble",
]

#: Limits on one exported answer: nesting depth and total number of items.
MAX_DEPTH = 12
MAX_ITEMS = 1_000_000
MAX_TEXT = 1_000_000  # characters of one string


class ExportError(ValueError):
    """An answer could not be exported (too big, too deep)."""


@dataclass(frozen=True)
class Unsupported:
    """What the grader receives for a value of a type it does not transport.

    Checks see it as a wrong answer: its description names the original type.
    """

    type_name: str
    text: str = ""

    def __repr__(self) -> str:
        return f"<a {self.type_name} the grader cannot read>"


class _Budget:
    def __init__(self) -> None:
        self.items = 0

    def spend(self, n: int = 1) -> None:
        self.items += n
        if self.items > MAX_ITEMS:
            raise ExportError(f"the answer has more than {MAX_ITEMS:,} values")


def _float(x: float) -> Any:
    if math.isnan(x):
        return {"t": "float", "v": "nan"}
    if math.isinf(x):
        return {"t": "float", "v": "inf" if x > 0 else "-inf"}
    return x


def _scalar(value: Any) -> tuple[bool, Any]:
    """Encode a scalar; (False, None) when ``value`` is not one."""
    if value is None:
        return True, None
    if value is Ellipsis:
        return True, {"t": "ellipsis"}
    if value is pd.NA:
        return True, {"t": "na"}
    if value is pd.NaT:
        return True, {"t": "nat"}
    if isinstance(value, (bool, np.bool_)):
        return True, bool(value)
    if isinstance(value, (int, np.integer)):
        return True, int(value)
    if isinstance(value, (float, np.floating)):
        return True, _float(float(value))
    if isinstance(value, str):
        text = str.__str__(value)
        if len(text) > MAX_TEXT:
            raise ExportError(f"a text of {len(text):,} characters is too long to export")
        return True, text
    if isinstance(value, (complex, np.complexfloating)):
        return True, {"t": "complex", "re": _float(value.real), "im": _float(value.imag)}
    if isinstance(value, pd.Timestamp):
        return True, {"t": "timestamp", "v": value.isoformat()}
    if isinstance(value, pd.Timedelta):
        return True, {"t": "timedelta", "v": int(value.value)}
    if isinstance(value, np.datetime64):
        return True, {"t": "timestamp", "v": pd.Timestamp(value).isoformat()}
    if isinstance(value, dt.datetime):
        return True, {"t": "timestamp", "v": pd.Timestamp(value).isoformat()}
    if isinstance(value, dt.date):
        return True, {"t": "date", "v": value.isoformat()}
    return False, None


def _labels(index: pd.Index, budget: _Budget, depth: int) -> dict[str, Any]:
    budget.spend(len(index))
    if isinstance(index, pd.MultiIndex):
        return {"t": "multiindex", "names": [_enc(n, budget, depth + 1) for n in index.names],
                "v": [_enc(tuple(v), budget, depth + 1) for v in index.tolist()]}
    if isinstance(index, pd.RangeIndex):
        return {"t": "range", "start": int(index.start), "stop": int(index.stop),
                "step": int(index.step), "name": _enc(index.name, budget, depth + 1)}
    return {"t": "index", "dtype": str(index.dtype), "name": _enc(index.name, budget, depth + 1),
            "v": [_enc(v, budget, depth + 1) for v in index.tolist()]}


def _enc(value: Any, budget: _Budget, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ExportError(f"the answer is nested more than {MAX_DEPTH} levels deep")
    budget.spend()
    ok, encoded = _scalar(value)
    if ok:
        return encoded
    if isinstance(value, pd.DataFrame):
        budget.spend(value.size)
        return {"t": "frame", "index": _labels(value.index, budget, depth),
                "columns": _labels(value.columns, budget, depth),
                "data": [_enc(value.iloc[:, i], budget, depth + 1) for i in range(value.shape[1])]}
    if isinstance(value, pd.Series):
        budget.spend(len(value))
        return {"t": "series", "dtype": str(value.dtype), "name": _enc(value.name, budget, depth + 1),
                "index": _labels(value.index, budget, depth),
                "v": [_enc(v, budget, depth + 1) for v in value.tolist()]}
    if isinstance(value, pd.Index):
        return _labels(value, budget, depth)
    if isinstance(value, np.ndarray):
        budget.spend(value.size)
        return {"t": "ndarray", "dtype": str(value.dtype), "shape": list(value.shape),
                "v": [_enc(v, budget, depth + 1) for v in value.reshape(-1).tolist()]}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        budget.spend(len(items))
        encoded_items = [_enc(v, budget, depth + 1) for v in items]
        if isinstance(value, list):
            return encoded_items
        tag = "tuple" if isinstance(value, tuple) else "set"
        return {"t": tag, "v": encoded_items}
    if isinstance(value, Mapping):
        pairs = list(value.items())
        budget.spend(len(pairs))
        return {"t": "dict", "v": [[_enc(k, budget, depth + 1), _enc(v, budget, depth + 1)]
                                   for k, v in pairs]}
    if isinstance(value, range):
        return {"t": "tuple", "v": [_enc(v, budget, depth + 1) for v in value]}
    if callable(value) and (inspect.isfunction(value) or inspect.ismethod(value)):
        return {"t": "function", "name": getattr(value, "__name__", "?"), "source": function_source(value)}
    return {"t": "unsupported", "type": type(value).__name__[:80]}


def encode(value: Any) -> Any:
    """Encode one answer as JSON-ready data (raise :class:`ExportError` when
    it is too large or too deep).

    >>> encode({"a": (1, float("inf"))})
    {'t': 'dict', 'v': [['a', {'t': 'tuple', 'v': [1, {'t': 'float', 'v': 'inf'}]}]]}
    """
    return _enc(value, _Budget(), 0)


def function_source(func: Callable) -> str | None:
    """The source code of a function (``None`` when Python cannot find it).

    Works for functions defined in a notebook cell executed by the grader,
    whose cells are registered in :mod:`linecache`.
    """
    try:
        return textwrap.dedent(inspect.getsource(func))
    except (OSError, TypeError):
        return None


def import_preamble(sources: list[str]) -> str:
    """The top-level ``import`` statements of a notebook's cells, each wrapped
    so that a failing import does not stop the others. Prepended to a function
    answer's source so that the function may use modules the notebook imported.

    >>> print(import_preamble(["import math\\nx = 1", "from smmlib import metrics"]))
    try:
        import math
    except Exception:
        pass
    try:
        from smmlib import metrics
    except Exception:
        pass
    """
    import ast

    lines: list[str] = []
    for source in sources:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                lines += ["try:", f"    {ast.unparse(node)}", "except Exception:", "    pass"]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- decoding


def _dec_float(v: Any) -> float:
    if isinstance(v, dict):
        return float(v["v"])  # "nan", "inf", "-inf"
    return float(v)


def _dec_index(data: Mapping[str, Any]) -> pd.Index:
    tag = data["t"]
    if tag == "range":
        return pd.RangeIndex(int(data["start"]), int(data["stop"]), int(data["step"]),
                             name=decode(data.get("name")))
    if tag == "multiindex":
        names = [decode(n) for n in data["names"]]
        tuples = [decode(v) for v in data["v"]]
        if not tuples:
            return pd.MultiIndex.from_arrays([[] for _ in names], names=names)
        return pd.MultiIndex.from_tuples(tuples, names=names)
    values = [decode(v) for v in data["v"]]
    index = pd.Index(values, name=decode(data.get("name")), tupleize_cols=False)
    return _with_dtype(index, str(data.get("dtype", "")))


def _with_dtype(obj: Any, dtype: str) -> Any:
    """Restore a simple dtype; keep what pandas inferred when that fails."""
    if not dtype or dtype == str(obj.dtype):
        return obj
    if dtype == "object" or dtype.startswith(("int", "uint", "float", "bool", "datetime64",
                                              "timedelta64", "category", "string", "str",
                                              "Int", "UInt", "Float", "boolean")):
        try:
            return obj.astype(dtype)
        except (TypeError, ValueError, OverflowError):
            return obj
    return obj


_DECODERS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "ellipsis": lambda d: Ellipsis,
    "na": lambda d: pd.NA,
    "nat": lambda d: pd.NaT,
    "float": lambda d: _dec_float(d),
    "complex": lambda d: complex(_dec_float(d["re"]), _dec_float(d["im"])),
    "timestamp": lambda d: pd.Timestamp(str(d["v"])),
    "timedelta": lambda d: pd.Timedelta(int(d["v"])),
    "date": lambda d: dt.date.fromisoformat(str(d["v"])),
    "tuple": lambda d: tuple(decode(v) for v in d["v"]),
    "set": lambda d: _set(d),
    "dict": lambda d: {_hashable(decode(k)): decode(v) for k, v in d["v"]},
    "ndarray": lambda d: _ndarray(d),
    "series": lambda d: _series(d),
    "frame": lambda d: _frame(d),
    "index": _dec_index,
    "range": _dec_index,
    "multiindex": _dec_index,
    "unsupported": lambda d: Unsupported(str(d.get("type", "object"))),
}


def _hashable(key: Any) -> Any:
    try:
        hash(key)
    except TypeError:
        return repr(key)
    return key


def _set(d: Mapping[str, Any]) -> Any:
    items = [decode(v) for v in d["v"]]
    try:
        return set(items)
    except TypeError:
        return items


def _ndarray(d: Mapping[str, Any]) -> np.ndarray:
    values = [decode(v) for v in d["v"]]
    shape = tuple(int(s) for s in d["shape"])
    try:
        return np.array(values, dtype=str(d["dtype"])).reshape(shape)
    except (TypeError, ValueError):
        return np.array(values, dtype=object).reshape(shape)


def _series(d: Mapping[str, Any]) -> pd.Series:
    index = _dec_index(d["index"])
    values = [decode(v) for v in d["v"]]
    series = pd.Series(values, index=index, name=decode(d.get("name")),
                       dtype=object if not values else None)
    return _with_dtype(series, str(d.get("dtype", "")))


def _frame(d: Mapping[str, Any]) -> pd.DataFrame:
    index = _dec_index(d["index"])
    columns = _dec_index(d["columns"])
    series = [_series(s) for s in d["data"]]
    if len(series) != len(columns):
        raise ValueError("malformed DataFrame export")
    frame = pd.DataFrame({i: s.reset_index(drop=True) for i, s in enumerate(series)})
    if frame.shape[1] == 0:
        frame = pd.DataFrame(index=range(len(index)))
    frame.index = index
    frame.columns = columns
    return frame


def decode(data: Any) -> Any:
    """Rebuild a value from :func:`encode`'s output (in the grader's process).

    Only plain data is created: a malformed input raises ``ValueError``,
    ``KeyError`` or ``TypeError``, never runs code.

    >>> decode({"t": "set", "v": [1, 2]})
    {1, 2}
    >>> decode({"t": "float", "v": "-inf"})
    -inf
    """
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if isinstance(data, dict):
        tag = data.get("t")
        if tag == "function":
            return FunctionAnswer(str(data.get("name", "?")), data.get("source"))
        if tag not in _DECODERS:
            raise ValueError(f"unknown tag {tag!r} in an exported answer")
        return _DECODERS[str(tag)](data)
    raise TypeError(f"unexpected {type(data).__name__} in an exported answer")


@dataclass(frozen=True)
class FunctionAnswer:
    """A function answer as the grader receives it: its name and source code
    (``None`` when the student's process could not read the source). It is
    never run in the grader's process: see :mod:`smmlib.grading.runner`."""

    name: str
    source: str | None

    def __repr__(self) -> str:
        return f"<function {self.name} (source)>"


def dumps(value: Any) -> str:
    """``json.dumps`` that refuses NaN (the encoding has its own tags)."""
    return json.dumps(value, allow_nan=False, ensure_ascii=False)
