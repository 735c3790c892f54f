"""Reading and checking a learner's own post-level export (CSV).

:func:`read_posts_csv` loads one row per post and refuses data it cannot trust,
with a :class:`DataFileError` that names the file, the row (numbered as in a
spreadsheet: the header is row 1) or the column, and says how to fix it.
It never writes to the file.

Decisions, so a learner knows what to expect:

- **Column names** are matched ignoring case, surrounding spaces, and spaces or
  hyphens inside (``" Post ID "`` matches ``post_id``). The returned frame uses
  the normalised names (lower case, ``_`` instead of spaces). ``rename=`` maps
  the file's own headers to the expected names.
- **Delimiter**: ``,``, ``;``, tab and ``|`` are detected from the header line.
  A file that is not comma-separated is read anyway and a
  :class:`DataFileWarning` says which delimiter was used; pass ``sep=`` to
  choose it yourself (and silence the warning).
- **Encoding**: UTF-8 (with or without a BOM) is read silently, UTF-16 with a
  BOM with a warning. Otherwise, text that decodes as Windows-1251
  Cyrillic is read with a warning; anything else is an error telling how to
  re-save the file as UTF-8 or which ``encoding=`` to pass.
- **Counts** (reach, impressions, likes, comments, shares and the other
  :data:`COUNT_COLUMNS` present) must be whole numbers >= 0. Thousands
  separators made of a space, a no-break space, a comma or an apostrophe are
  accepted when they group digits by three (``"1 234"``, ``"1,234"``);
  ``"12.0"`` is accepted as 12; ``"1.234"`` is not a whole number and is refused
  (if ``.`` is your thousands separator, remove it in the spreadsheet).
- **Missing counts** are an error; with ``allow_missing=True`` a column with
  empty cells is returned as nullable ``Int64`` (others stay ``int64``).
- ``post_id`` is an identifier: it stays text (``string`` dtype), must be
  filled in and unique.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

__all__ = [
    "COUNT_COLUMNS",
    "DataFileError",
    "DataFileWarning",
    "existing_file",
    "normalise_column",
    "read_posts_csv",
]

#: Columns validated as non-negative whole numbers whenever they are present.
COUNT_COLUMNS: tuple[str, ...] = (
    "reach",
    "impressions",
    "likes",
    "comments",
    "shares",
    "reactions",
    "saves",
    "clicks",
    "link_clicks",
    "video_views",
    "engaged_users",
    "followers",
)

DEFAULT_REQUIRED: tuple[str, ...] = ("post_id", "reach", "impressions", "likes", "comments", "shares")

_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_MAX_LISTED = 5

# digits grouped by three with one consistent separator: 1 234, 1,234, 1'234, 12 345 678
_GROUPED = re.compile(r"^([+-]?)(\d{1,3})(?:([ ,'\u00a0\u202f])\d{3})(?:\3\d{3})*$")
# characters that may appear in genuine Windows-1251 Russian/Ukrainian/... text besides letters
_CP1251_TYPOGRAPHY = set("«»—–„“”‘’№…€•·°±§©®™\u00a0")


class DataFileError(ValueError):
    """A data file cannot be used as it is.

    ``file`` is the path, ``row`` the 1-based spreadsheet row (header = 1) of the
    first problem or ``None``, ``column`` the column concerned or ``None``.
    """

    def __init__(
        self, message: str, *, file: str | os.PathLike[str], row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        where = [self.file]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")


class DataFileWarning(UserWarning):
    """The file was read, but with a guess the user should know about."""


def normalise_column(name: str) -> str:
    """Return the name used to match a column: lower case, trimmed, ``_`` for spaces/hyphens.

    >>> normalise_column("  Post ID ")
    'post_id'
    >>> normalise_column("Video-Views")
    'video_views'
    """
    name = str(name).replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", name)


def _join(items: Iterable[object], limit: int = _MAX_LISTED) -> str:
    items = list(items)
    shown = ", ".join(repr(i) if isinstance(i, str) else str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


# ---------------------------------------------------------------- decoding


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _plausible_cyrillic(text: str) -> bool:
    """True if every non-ASCII character is Cyrillic (or typography) and no word mixes scripts."""
    has_cyrillic = False
    for char in text:
        if ord(char) < 128:
            continue
        if "CYRILLIC" in unicodedata.name(char, ""):
            has_cyrillic = True
        elif char not in _CP1251_TYPOGRAPHY:
            return False
    if not has_cyrillic:
        return False
    for word in re.findall(r"\w+", text):
        if re.search(r"[A-Za-z]", word) and re.search(r"[\u0400-\u04ff]", word):
            return False  # "cafй" is latin-1 "café" misread, not Russian
    return True


def _decode(data: bytes, path: Path, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError:
            raise DataFileError(
                f"unknown encoding {encoding!r}; use a Python codec name such as "
                "'utf-8', 'cp1251' or 'latin-1'.", file=path,
            ) from None
        except UnicodeDecodeError as err:
            raise DataFileError(
                f"the file is not valid {encoding} (byte {data[err.start]:#04x}). "
                "Try another encoding= or re-save the file as UTF-8.",
                file=path, row=_line_of(data, err.start),
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        warnings.warn(f"{path}: read as UTF-16 (the file starts with a UTF-16 byte-order mark).",
                      DataFileWarning, stacklevel=3)
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first_bad = err.start
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_cyrillic(text):
        warnings.warn(
            f"{path}: the file is not UTF-8; it was read as Windows-1251 (cp1251) Cyrillic text. "
            "Pass encoding='cp1251' to confirm, or re-save the file as UTF-8.",
            DataFileWarning, stacklevel=3,
        )
        return text
    raise DataFileError(
        f"the file is not UTF-8 text (byte {data[first_bad]:#04x} cannot be decoded) and does "
        "not look like Windows-1251 Cyrillic either. "
        "Re-save it as UTF-8 (Excel: File > Save As > 'CSV UTF-8'; LibreOffice: tick "
        "'Edit filter settings' and choose Unicode (UTF-8)), or pass the file's encoding, "
        "e.g. read_posts_csv(path, encoding='latin-1') for Western European or "
        "encoding='cp1251' for Cyrillic text.",
        file=path, row=_line_of(data, first_bad),
    )


# ---------------------------------------------------------------- delimiter


def _fields(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep), [])


def _choose_delimiter(header: str, path: Path, sep: str | None) -> str:
    counts = {d: len(_fields(header, d)) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties keep the earlier one (comma first)
    if sep is not None:
        if counts.get(sep, len(_fields(header, sep))) == 1 and counts[best] > 1:
            raise DataFileError(
                f"with sep={sep!r} the header has a single column, but it splits into "
                f"{counts[best]} columns on the {_DELIMITER_NAMES[best]}: "
                f"pass sep={best!r} (or leave sep out to detect it).",
                file=path, row=1,
            )
        return sep
    if best != ",":
        warnings.warn(
            f"{path}: read as {_DELIMITER_NAMES[best]}-separated ({best!r}), detected from the "
            f"header line. Pass sep={best!r} to state it and silence this note.",
            DataFileWarning, stacklevel=3,
        )
    return best


# ---------------------------------------------------------------- counts


def _parse_count(value: object) -> float | None:
    """Parse one cell of a count column; None if it is not a number at all.

    >>> _parse_count("1 234"), _parse_count("1,234"), _parse_count("12.0"), _parse_count("x")
    (1234.0, 1234.0, 12.0, None)
    """
    text = str(value).strip().replace("\u2212", "-")
    grouped = _GROUPED.match(text)
    if grouped:
        text = re.sub(r"[ ,'\u00a0\u202f]", "", text)
    try:
        number = float(text)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number


def _spreadsheet_rows(index: Iterable[int], offset: int) -> list[int]:
    return [int(i) + offset for i in index]


def _rows(rows: list[int], limit: int = _MAX_LISTED) -> str:
    """'row 4' or 'rows 4, 5, 9'."""
    return ("row " if len(rows) == 1 else "rows ") + _join(rows, limit)


def _check_counts(
    frame: pd.DataFrame, column: str, path: Path, offset: int, allow_missing: bool
) -> pd.Series:
    raw = frame[column]
    missing = raw.isna() | (raw.astype("string").str.strip() == "")
    missing = missing.fillna(True).astype(bool)
    parsed = raw.where(~missing).map(lambda v: None if pd.isna(v) else _parse_count(v))
    def refuse(mask: pd.Series, shown: list, message: str) -> DataFileError:
        """The error for the cells of ``mask``: ``message`` with ``{rows}`` (where)
        and ``{values}`` (what they hold, ``shown``) filled in."""
        rows = _spreadsheet_rows(frame.index[mask], offset)
        where = f"{_rows(rows)} {'holds' if len(rows) == 1 else 'hold'}"
        return DataFileError(message.format(rows=where, values=_join(shown)), file=path, row=rows[0], column=column)

    bad = ~missing & parsed.isna()
    if bad.any():
        first = _spreadsheet_rows(frame.index[bad], offset)[0] == offset  # the first data row
        hint = (" If that row is a second header (Facebook Insights exports have a row of "
                "descriptions under the header), delete it.") if first else ""
        raise refuse(bad, list(raw[bad]), f"{int(bad.sum())} value(s) are not numbers: {{rows}} {{values}}. "
                     f"Counts must be whole numbers such as 1234 or '1 234'; fix these cells.{hint}")
    numbers = parsed.astype("float64")
    fraction = ~missing & (numbers % 1 != 0)
    if fraction.any():
        raise refuse(fraction, list(raw[fraction]), "counts must be whole numbers, but {rows} {values}. "
                     "If '.' is your thousands separator, remove it (e.g. 1.234 -> 1234).")
    negative = ~missing & (numbers < 0)
    if negative.any():
        raise refuse(negative, [int(v) for v in numbers[negative]], "counts cannot be negative, but {rows} "
                     "{values}. Check the export; a negative count is a data error.")
    if missing.any():
        if not allow_missing:
            rows = _spreadsheet_rows(frame.index[missing], offset)
            raise DataFileError(
                f"{int(missing.sum())} cell(s) are empty ({_rows(rows)}). Fill them in, "
                "or pass allow_missing=True to keep them as <NA>.",
                file=path, row=rows[0], column=column,
            )
        return numbers.round().astype("Int64")
    return numbers.round().astype("int64")


# ---------------------------------------------------------------- main entry


def _suggest(missing: str, found: list[str]) -> str | None:
    close = difflib.get_close_matches(missing, found, n=1, cutoff=0.6)
    if close:
        return close[0]
    containing = [f for f in found if missing.rstrip("s") in f.split("_") or missing in f.split("_")]
    return containing[0] if containing else None


def existing_file(path: str | os.PathLike[str], what: str, folder_hint: str = "") -> Path:
    """``path`` as a :class:`~pathlib.Path` to an existing file, or an error
    that says where it was looked for; a folder gets ``IsADirectoryError``
    naming what it holds (``what``: the kind of file expected, e.g. ``"a CSV
    file"``; ``folder_hint``: a sentence added to that error)."""
    file = Path(path)
    if not file.exists():
        raise FileNotFoundError(
            f"no such file: '{file}' (looked in {file.resolve().parent}). Check the name and "
            f"the folder; relative paths start from the current folder, {Path.cwd()}."
        )
    if file.is_dir():
        inside = sorted(p.name for p in file.iterdir())[:8]
        raise IsADirectoryError(f"'{file}' is a folder, not {what}; pass the file inside it "
                                f"(it holds {inside}).{' ' + folder_hint if folder_hint else ''}")
    return file


def read_posts_csv(
    path: str | os.PathLike[str],
    *,
    required: Iterable[str] = DEFAULT_REQUIRED,
    encoding: str | None = None,
    sep: str | None = None,
    rename: Mapping[str, str] | None = None,
    allow_missing: bool = False,
) -> pd.DataFrame:
    """Load a post-level CSV export (one row per post) and check it.

    ``required`` columns must be present (matched ignoring case and spaces; see
    the module notes). Every known count column present (:data:`COUNT_COLUMNS`)
    is returned as ``int64`` (``Int64`` with ``allow_missing=True`` when it has
    empty cells); ``post_id``, if present, as text; other columns as pandas
    infers them. ``rename`` maps the file's headers to the expected names, e.g.
    ``{"Lifetime Post Total Reach": "reach"}``. ``encoding`` and ``sep`` are
    detected when left out (with a :class:`DataFileWarning` when the guess is
    not plain UTF-8 / comma).

    Raises ``FileNotFoundError`` for a missing path and :class:`DataFileError`
    (a ``ValueError``) for an empty file, a header without rows, text that
    cannot be decoded, missing or duplicated columns, non-numeric, fractional,
    negative or missing counts, and empty or duplicated post ids.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "posts.csv").write_text(
    ...     "Post ID,Reach,Impressions,Likes,Comments,Shares\\n"
    ...     'a1,"1,200",1500,40,3,2\\n'
    ...     "a2,800,950,12,0,1\\n", encoding="utf-8")
    >>> posts = read_posts_csv(folder / "posts.csv")
    >>> posts["reach"].tolist()
    [1200, 800]
    >>> list(posts.columns)
    ['post_id', 'reach', 'impressions', 'likes', 'comments', 'shares']
    """
    file = existing_file(path, "a CSV file")
    data = file.read_bytes()
    if not data.strip():
        raise DataFileError(
            "the file is empty (0 bytes or only blank lines). Export the data again; "
            "a posts file needs a header row and one row per post.", file=file,
        )
    text = _decode(data, file, encoding)

    lines = text.splitlines()
    header_index = next(i for i, line in enumerate(lines) if line.strip())
    delimiter = _choose_delimiter(lines[header_index], file, sep)
    raw_names = _fields(lines[header_index], delimiter)

    renames = {normalise_column(k): normalise_column(v) for k, v in (rename or {}).items()}
    names = [renames.get(normalise_column(n), normalise_column(n)) for n in raw_names]
    seen: dict[str, str] = {}
    for raw_name, name in zip(raw_names, names, strict=True):
        if name == "":
            continue
        if name in seen:
            raise DataFileError(
                f"two columns both mean {name!r}: {seen[name]!r} and {raw_name!r}. "
                "Delete or rename one of them.", file=file, row=header_index + 1, column=raw_name,
            )
        seen[name] = raw_name
    names = [n or f"unnamed_{i + 1}" for i, n in enumerate(names)]

    required = [normalise_column(r) for r in required]
    absent = [r for r in required if r not in names]
    if absent:
        pairs = [(seen.get(g, g), name) for name in absent if (g := _suggest(name, names))]
        if pairs:
            example = ", ".join(f"{old!r}: {new!r}" for old, new in pairs)
            tip = (f" Close matches: {'; '.join(f'{o!r} for {n!r}' for o, n in pairs)}. Rename "
                   f"the column(s) in the file, or pass rename={{{example}}}.")
        else:
            tip = " Rename the columns in the file, or pass rename={'your header': 'expected name'}."
        raise DataFileError(
            f"missing required column(s) {_join(absent, 20)}; the file has {_join(raw_names, 30)} "
            f"(read as {_DELIMITER_NAMES.get(delimiter, repr(delimiter))}-separated).{tip}",
            file=file, row=header_index + 1,
        )

    counts = [c for c in COUNT_COLUMNS if c in names]
    text_columns = [c for c in ("post_id",) if c in names]
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=delimiter, header=None, names=names,
            skiprows=header_index + 1, skip_blank_lines=False,
            dtype={c: str for c in counts + text_columns}, skipinitialspace=True,
        )
    except pd.errors.ParserError as err:
        match = re.search(r"line (\d+), saw (\d+)", str(err))
        row = int(match.group(1)) if match else None  # pandas counts lines of the file
        found = f", found {match.group(2)} fields" if match else ""
        raise DataFileError(
            f"a row has more fields than the header ({len(names)} columns{found}). Usually a "
            f"value contains the delimiter {delimiter!r} without quotes (a thousands separator, "
            "as in 1,234, or a comma in a text); quote that value or remove the character.",
            file=file, row=row,
        ) from None
    offset = header_index + 2  # data row i (0-based) is spreadsheet row i + offset
    frame = frame.dropna(how="all")
    if frame.empty:
        raise DataFileError(
            "the file has a header but no data rows. Export it again with the posts included.",
            file=file, row=header_index + 1,
        )

    for column in counts:
        frame[column] = _check_counts(frame, column, file, offset, allow_missing)

    if "post_id" in names:
        ids = frame["post_id"].astype("string").str.strip()
        empty = ids.isna() | (ids == "")
        if empty.any():
            rows = _spreadsheet_rows(frame.index[empty], offset)
            raise DataFileError(
                f"post ids are empty in {_rows(rows)}; every post needs an id.",
                file=file, row=rows[0], column="post_id",
            )
        duplicated = ids.duplicated(keep=False)
        if duplicated.any():
            dup_ids = list(dict.fromkeys(ids[duplicated]))
            rows = _spreadsheet_rows(frame.index[duplicated], offset)
            raise DataFileError(
                f"duplicated post ids {_join(dup_ids)} ({_rows(rows, 10)}). A post should "
                "appear once: remove repeated rows, or check that the export did not append "
                "the same period twice.",
                file=file, row=rows[0], column="post_id",
            )
        frame["post_id"] = ids

    return frame.reset_index(drop=True)
