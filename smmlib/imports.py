"""Read the analytics exports that the platforms give you, into the course's post table.

:func:`read_export` detects which export a file is and returns one row per post
with the course's column names (see :data:`NORMALISED_COLUMNS`), so every
analysis of the course runs on your own account. :func:`open_export` returns
the same table together with the file's original columns and the record of
which original column became which course column.

Formats read (what each looks like, and where that knowledge comes from, is in
``docs/exports.md``):

- ``meta_facebook`` / ``meta_instagram``: Meta Business Suite > Insights >
  Content > Export (CSV), column names in English or Russian;
- ``facebook_insights``: the older Facebook Page Insights "Post data" export,
  two header rows (names, then "Lifetime: ..." descriptions), CSV or XLSX;
- ``tiktok``: TikTok Studio > Analytics > Content export, CSV or XLSX;
- ``youtube``: YouTube Studio > Analytics > Advanced mode > Export > CSV
  (the ``Table data.csv`` of the zip, with its Total row);
- ``telegram``: Telegram Desktop > channel > Export chat history > JSON
  (``result.json``).

Rules, so no number is silently wrong:

- Counts must be whole numbers >= 0; thousands separators "1,234", "1 234"
  and "1'234" are accepted, anything else is refused with a
  :class:`~smmlib.io.DataFileError` naming the file, the row (as a
  spreadsheet numbers it), the column and what to do. Empty cells (a post too
  new to have the metric) become ``<NA>``, with a warning.
- Percentages ("12.5%", or a column whose name ends in "(%)") become fractions
  (0.125); durations "h:mm:ss" become seconds.
- A totals row ("Total", "Итого") is dropped with a note, never counted as a post.
- Exact duplicate rows are dropped with a warning; the same post twice with
  different numbers is an error.
- Times: a time with a zone or offset is kept exactly (mixed offsets are
  converted to one zone); a time without one is read in ``tz`` (default UTC, with
  a warning that says how to choose). Day-first and month-first dates are told
  apart from the data; when every date fits both, the export's documented order
  is used and a warning says so.
- ``reach`` greater than ``impressions`` on a post is kept (platforms count
  them separately) but reported by :func:`check_invariants` and a warning.

Privacy: exports hold other people's names and comments. Reading keeps them in
memory only; nothing here writes a file. :func:`anonymise` removes names, texts
and links before you share a table; :func:`preview` shows texts truncated.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import validate
from .io import (
    DataFileError,
    DataFileWarning,
    _choose_delimiter,
    _decode,
    _join,
    _parse_count,
    existing_file,
    normalise_column,
)

__all__ = [
    "COUNT_FIELDS",
    "FORMATS",
    "NORMALISED_COLUMNS",
    "Export",
    "anonymise",
    "as_course_posts",
    "check_invariants",
    "open_export",
    "preview",
    "read_export",
]

#: Count columns of the normalised table (nullable ``Int64``).
COUNT_FIELDS: tuple[str, ...] = (
    "reach", "impressions", "likes", "comments", "shares", "saves", "clicks", "video_views",
)
#: Columns of the normalised table, in order. Absent metrics are ``<NA>``.
NORMALISED_COLUMNS: tuple[str, ...] = (
    "platform", "post_id", "timestamp", "format", "text", *COUNT_FIELDS,
    "watch_time_hours", "avg_view_seconds", "avg_view_share", "paid",
)
FORMATS: tuple[str, ...] = (
    "meta_facebook", "meta_instagram", "facebook_insights", "tiktok", "youtube", "telegram",
)

_TOTAL_WORDS = {"total", "totals", "итого", "всего", "итог", "grand total"}


@dataclass
class Export:
    """One export read: ``posts`` (normalised), ``original`` (the file's rows, same index),
    ``column_map`` (course column -> original column), ``export_format``, ``source``,
    and ``notes`` (what was done to the data, e.g. rows dropped)."""

    posts: pd.DataFrame
    original: pd.DataFrame
    column_map: dict[str, str]
    export_format: str
    source: str
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- column aliases
# Each course field -> the header names the platforms write (compared after
# normalise_column, so case and spaces do not matter). English and Russian.

_META_COMMON = {
    "post_id": ["Post ID", "ID публикации", "Идентификатор публикации"],
    "timestamp": ["Publish time", "Время публикации"],
    "text": ["Description", "Описание", "Title", "Название"],
    "format_raw": ["Post type", "Тип публикации"],
    "reach": ["Reach", "Охват"],
    "impressions": ["Views", "Просмотры", "Impressions", "Показы"],
    "comments": ["Comments", "Комментарии"],
    "shares": ["Shares", "Репосты", "Поделились"],
    "clicks": ["Total clicks", "Всего кликов", "Link clicks", "Клики по ссылке"],
    "avg_view_seconds": ["Average Seconds viewed", "Среднее количество секунд просмотра"],
}
_META_FACEBOOK = {**_META_COMMON, "likes": ["Reactions", "Реакции"]}
_META_INSTAGRAM = {
    **_META_COMMON,
    "likes": ["Likes", "Отметки \"Нравится\"", "Отметки «Нравится»", "Нравится"],
    "saves": ["Saves", "Сохранения"],
}
_FB_INSIGHTS = {
    "post_id": ["Post ID"],
    "timestamp": ["Posted"],
    "text": ["Post Message"],
    "format_raw": ["Type"],
    "reach": ["Lifetime Post Total Reach"],
    "impressions": ["Lifetime Post Total Impressions"],
    "clicks": ["Lifetime Post Consumers"],
    "video_views": ["Lifetime Post Total Video Views", "Lifetime Total Video Views"],
    "likes": ["Lifetime Talking About This (Post) by action type - like"],
    "comments": ["Lifetime Talking About This (Post) by action type - comment"],
    "shares": ["Lifetime Talking About This (Post) by action type - share"],
    "paid_reach": ["Lifetime Post Paid Reach"],
}
_TIKTOK = {
    "post_id": ["Video link", "Ссылка на видео", "Video ID"],
    "timestamp": ["Post time", "Время публикации", "Posted on"],
    "text": ["Video title", "Название видео"],
    "video_views": ["Total views", "Video views", "Views", "Просмотры", "Всего просмотров"],
    "reach": ["Reached audience", "Охват аудитории", "Total reach"],
    "likes": ["Total likes", "Likes", "Отметки «Нравится»", "Всего отметок «Нравится»"],
    "comments": ["Total comments", "Comments", "Комментарии", "Всего комментариев"],
    "shares": ["Total shares", "Shares", "Репосты", "Всего репостов"],
    "saves": ["Total saves", "Favorites", "Saves", "Избранное"],
    "watch_time_hours": ["Total play time (hours)", "Total watch time (hours)"],
    "avg_view_seconds": ["Average watch time (seconds)", "Average watch time"],
}
_YOUTUBE = {
    "post_id": ["Content", "Контент"],
    "timestamp": ["Video publish time", "Время публикации видео"],
    "text": ["Video title", "Название видео"],
    "video_views": ["Views", "Просмотры"],
    "impressions": ["Impressions", "Показы"],
    "likes": ["Likes", "Отметки \"Нравится\"", "Отметки «Нравится»"],
    "comments": ["Comments added", "Добавленные комментарии"],
    "shares": ["Shares", "Поделились"],
    "watch_time_hours": ["Watch time (hours)", "Время просмотра (часы)"],
    "avg_view_seconds": ["Average view duration", "Средняя продолжительность просмотра"],
    "avg_view_share": ["Average percentage viewed (%)", "Средний процент просмотра (%)"],
}
_ALIASES = {
    "meta_facebook": _META_FACEBOOK, "meta_instagram": _META_INSTAGRAM,
    "facebook_insights": _FB_INSIGHTS, "tiktok": _TIKTOK, "youtube": _YOUTUBE,
}
_PLATFORM = {
    "meta_facebook": "facebook", "meta_instagram": "instagram", "facebook_insights": "facebook",
    "tiktok": "tiktok", "youtube": "youtube", "telegram": "telegram",
}
# Date orders to try, the export's documented order first.
_DATE_ORDER = {
    "meta_facebook": "mdy", "meta_instagram": "mdy", "facebook_insights": "mdy",
    "tiktok": "ymd", "youtube": "mdy",
}
_FORMAT_WORDS = [  # (pattern in the platform's post type, course format); first match wins
    (r"carousel|album|карусел|альбом", "carousel"),
    (r"reel|video|видео|рилс", "video"),
    (r"stor(y|ies)|истори", "story"),
    (r"photo|image|фото|изображ", "photo"),
    (r"link|ссылк", "link"),
    (r"status|text|текст|статус", "text"),
]


def _n(name: object) -> str:
    return normalise_column(str(name)).replace('"', "").replace("«", "").replace("»", "")


# ---------------------------------------------------------------- reading raw tables


def _raw_csv(file: Path) -> tuple[list[list[str]], str]:
    data = file.read_bytes()
    if not data.strip():
        raise DataFileError("the file is empty. Export the data again.", file=file)
    text = _decode(data, file, None)
    lines = [line for line in text.splitlines()]
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataFileWarning)
        sep = _choose_delimiter(lines[first], file, None)
    rows = list(csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=sep))
    return rows, sep


def _raw_xlsx(file: Path) -> list[list[str]]:
    try:
        sheets = pd.read_excel(file, sheet_name=None, header=None, dtype=str)
    except Exception as err:  # openpyxl raises many kinds for damaged files
        raise DataFileError(
            f"cannot read the spreadsheet ({type(err).__name__}: {err}). Open it in a "
            "spreadsheet program and save it again as .xlsx or as CSV UTF-8.", file=file,
        ) from None
    # the first sheet that has a table (TikTok and Facebook put the data first)
    for frame in sheets.values():
        frame = frame.dropna(how="all")
        if len(frame) >= 2:
            return [["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)]
    raise DataFileError("the workbook has no sheet with a header and data rows.", file=file)


def _detect(header: list[str], second: list[str] | None) -> str | None:
    names = {_n(h) for h in header}

    def has(*options: str) -> bool:
        return any(_n(o) in names for o in options)

    if has("Lifetime Post Total Reach") or (second and any(
            str(c).strip().lower().startswith("lifetime:") for c in second)):
        return "facebook_insights"
    if has("Video publish time", "Время публикации видео") or (
            has("Content", "Контент") and has("Watch time (hours)", "Время просмотра (часы)")):
        return "youtube"
    if has("Account username", "Имя пользователя аккаунта", "Account ID", "ID аккаунта"):
        return "meta_instagram"
    if has("Page ID", "ID Страницы", "Page name", "Название Страницы"):
        return "meta_facebook"
    if has("Video link", "Ссылка на видео") or has("Total views") and has("Post time"):
        return "tiktok"
    return None


# ---------------------------------------------------------------- value parsing


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() in (
        "", "-", "--", "—", "nan", "NaN")


def _counts(values: list[object], ctx: _Ctx, column: str, original: str) -> pd.Series:
    out: list[object] = []
    empty_rows: list[int] = []
    for value, row in zip(values, ctx.rows, strict=True):
        if _blank(value):
            out.append(pd.NA)
            empty_rows.append(row)
            continue
        text = str(value).strip()
        if text.endswith("%"):
            raise DataFileError(
                f"{text!r} is a percentage, but {column!r} must be a count. Check that the "
                "columns are not shifted (a missing delimiter?) and export again.",
                file=ctx.file, row=row, column=original,
            )
        number = _parse_count(text)
        if number is None:
            raise DataFileError(
                f"{text!r} is not a number. Counts look like 1234, '1,234' or '1 234'; "
                "fix the cell or export the file again.", file=ctx.file, row=row, column=original,
            )
        if number < 0:
            raise DataFileError(
                f"{text!r} is negative; a count cannot be. The export is damaged: export it "
                "again or delete the row.", file=ctx.file, row=row, column=original,
            )
        if number % 1:
            raise DataFileError(
                f"{text!r} is not a whole number. If '.' is your thousands separator, remove it "
                "(1.234 -> 1234); if it is a real fraction, this column is not a count.",
                file=ctx.file, row=row, column=original,
            )
        out.append(int(number))
    if empty_rows:
        ctx.empty[original] = empty_rows
    return pd.array(out, dtype="Int64")


def _number(text: str) -> float | None:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    value = _parse_count(text)
    if value is not None:
        return value
    # a decimal comma, as in "12,5" (no thousands grouping)
    if re.fullmatch(r"[+-]?\d+,\d+", text):
        return float(text.replace(",", "."))
    try:
        return float(text.replace(" ", ""))
    except ValueError:
        return None


def _decimals(values: list[object], ctx: _Ctx, original: str, *, percent: bool = False,
              duration: bool = False) -> pd.Series:
    out: list[float] = []
    for value, row in zip(values, ctx.rows, strict=True):
        if _blank(value):
            out.append(np.nan)
            continue
        text = str(value).strip()
        if duration and ":" in text:
            parts = text.split(":")
            if not all(p.strip().isdigit() for p in parts) or len(parts) > 3:
                raise DataFileError(f"{text!r} is not a duration h:mm:ss.", file=ctx.file, row=row,
                                    column=original)
            seconds = 0
            for part in parts:
                seconds = seconds * 60 + int(part)
            out.append(float(seconds))
            continue
        is_percent = text.endswith("%")
        number = _number(text.rstrip("%").strip())
        if number is None or number < 0:
            raise DataFileError(
                f"{text!r} is not a number >= 0. Fix the cell or export the file again.",
                file=ctx.file, row=row, column=original,
            )
        if percent or is_percent:
            number /= 100.0
        out.append(number)
    return pd.Series(out, dtype="float64")


_DATE_FORMATS = {
    "mdy": ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
            "%m/%d/%Y"],
    "dmy": ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y"],
    "dot": ["%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y"],
    "ymd": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M", "%Y/%m/%d"],
    "text": ["%b %d, %Y", "%d %b %Y", "%B %d, %Y", "%d %B %Y", "%b %d, %Y %H:%M"],
}
_RU_MONTHS = {
    "янв": "Jan", "фев": "Feb", "мар": "Mar", "апр": "Apr", "мая": "May", "май": "May",
    "июн": "Jun", "июл": "Jul", "авг": "Aug", "сен": "Sep", "окт": "Oct", "ноя": "Nov",
    "дек": "Dec",
}


def _english_months(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        return _RU_MONTHS.get(match.group(0)[:3].lower(), match.group(0))

    text = re.sub(r"[А-Яа-яЁё]+\.?", lambda m: repl(m) if m.group(0)[:3].lower() in _RU_MONTHS
                  else m.group(0), text)
    return text.replace(" г.", "").replace("г.", "").strip()


def _timestamps(values: list[object], ctx: _Ctx, original: str, order: str,
                tz: str | None) -> pd.Series:
    texts = [None if _blank(v) else _english_months(str(v).strip()) for v in values]
    filled = [t for t in texts if t is not None]
    blank_rows = [row for row, t in zip(ctx.rows, texts, strict=True) if t is None]
    if blank_rows:
        ctx.note(f"column {original!r}: no publication time in rows {_join(blank_rows)} (NaT)",
                 warn=True)
    if not filled:
        return pd.Series(pd.NaT, index=range(len(values)), dtype="datetime64[ns, UTC]")
    target = tz or "UTC"
    # ISO times with an offset or a zone letter: exact, possibly mixed
    if all(re.search(r"(Z|[+-]\d\d:?\d\d)$", t) for t in filled):
        stamps = pd.to_datetime(pd.Series(texts), utc=True, format="ISO8601", errors="coerce")
        offsets = {re.search(r"(Z|[+-]\d\d:?\d\d)$", t).group(1) for t in filled}
        if len(offsets) > 1:
            ctx.note(f"column {original!r}: times carry {len(offsets)} different UTC offsets "
                     f"({_join(sorted(offsets))}); all were converted to {target}", warn=True)
        return stamps.dt.tz_convert(target)
    kinds = ["dot", "ymd", "text", "mdy", "dmy"]
    if order == "dmy":
        kinds = ["dot", "ymd", "text", "dmy", "mdy"]
    fits = []
    for kind in kinds:
        for fmt in _DATE_FORMATS[kind]:
            parsed = pd.to_datetime(pd.Series(filled), format=fmt, errors="coerce")
            if parsed.notna().all():
                fits.append((kind, fmt))
                break
    if not fits:
        bad_index = 0
        for i, t in enumerate(texts):
            if t is not None and pd.isna(pd.to_datetime(t, errors="coerce", format="mixed")):
                bad_index = i
                break
        raise DataFileError(
            f"cannot read the dates: {_join(filled[:3])} do not follow one date format "
            f"(first unreadable: {texts[bad_index]!r}). Make the column one format, e.g. "
            "2025-01-31 18:05, or export the file again.",
            file=ctx.file, row=ctx.rows[bad_index], column=original,
        )
    kind, fmt = fits[0]
    if {k for k, _ in fits} >= {"mdy", "dmy"}:
        ctx.note(f"column {original!r}: every date fits both month/day and day/month; read as "
                 f"{'month/day' if kind == 'mdy' else 'day/month'}, the order this export uses",
                 warn=True)
    parsed = pd.to_datetime(pd.Series(texts), format=fmt, errors="coerce")
    if tz is None:
        ctx.note(f"column {original!r}: the file does not say which time zone its times are in; "
                 "read as UTC. Pass tz='Asia/Tashkent' (your account's zone) to read_export to "
                 "set it", warn=True)
    try:
        local = parsed.dt.tz_localize(target, ambiguous="NaT", nonexistent="shift_forward")
    except Exception as err:  # unknown zone name
        raise ValueError(f"tz={tz!r} is not a time zone name such as 'Asia/Tashkent' ({err})") from None
    lost = [row for row, before, after in zip(ctx.rows, parsed, local, strict=True)
            if pd.notna(before) and pd.isna(after)]
    if lost:
        ctx.note(f"column {original!r}: {len(lost)} time(s) fall in the repeated hour when clocks "
                 f"go back in {target} (rows {_join(lost)}) and are left empty (NaT)", warn=True)
    return local


def _course_format(raw: object, platform: str) -> str:
    if _blank(raw):
        return "video" if platform in ("tiktok", "youtube") else "unknown"
    text = str(raw).lower()
    for pattern, name in _FORMAT_WORDS:
        if re.search(pattern, text):
            return name
    return "other"


# ---------------------------------------------------------------- the parse context


@dataclass
class _Ctx:
    file: Path
    rows: list[int]
    notes: list[str] = field(default_factory=list)
    empty: dict[str, list[int]] = field(default_factory=dict)

    def note(self, message: str, warn: bool = False) -> None:
        self.notes.append(message)
        if warn:
            warnings.warn(f"{self.file.name}: {message}.", DataFileWarning, stacklevel=2)


# ---------------------------------------------------------------- tabular exports


def _tabular(file: Path, rows: list[list[str]], export_format: str, tz: str | None) -> Export:
    header = [h.replace("\ufeff", "").strip() for h in rows[0]]
    body = rows[1:]
    first_row = 2
    notes: list[str] = []
    if export_format == "facebook_insights" and body and any(
            str(c).strip().lower().startswith("lifetime") for c in body[0][1:]):
        body, first_row = body[1:], 3
        notes.append("row 2 holds the metrics' descriptions ('Lifetime: ...') and was skipped")
    width = len(header)
    for i, row in enumerate(body):
        if len(row) > width and any(str(c).strip() for c in row[width:]):
            raise DataFileError(
                f"the row has {len(row)} fields but the header has {width}. A value probably "
                "contains the delimiter without quotes (a thousands separator as in 1,234, or a "
                "comma in a text); export the file again or quote that value.",
                file=file, row=first_row + i,
            )
    body = [(list(r) + [""] * width)[:width] for r in body]
    keep = [i for i, r in enumerate(body) if any(str(c).strip() for c in r)]
    spreadsheet_rows = [first_row + i for i in keep]
    names = [h if h else f"unnamed_{j + 1}" for j, h in enumerate(header)]
    original = pd.DataFrame([body[i] for i in keep], columns=names, dtype=object)
    if original.columns.duplicated().any():
        dup = list(original.columns[original.columns.duplicated()])
        raise DataFileError(f"the header repeats column(s) {_join(dup)}; delete the repeats.",
                            file=file, row=1)
    ctx = _Ctx(file, spreadsheet_rows, notes)

    # totals row(s): first cell says Total and there is no id/title
    first = original.iloc[:, 0].astype(str).str.strip().str.lower()
    total = first.isin(_TOTAL_WORDS)
    if total.any():
        ctx.note(f"dropped the totals row (row {_join([r for r, t in zip(spreadsheet_rows, total, strict=True) if t])}): "
                 "it sums the posts and is not a post")
        keep_mask = (~total).to_numpy()
        original = original[keep_mask].reset_index(drop=True)
        ctx.rows = [r for r, k in zip(spreadsheet_rows, keep_mask, strict=True) if k]
    if original.empty:
        raise DataFileError("the export has a header but no posts. Choose a period with posts "
                            "and export again.", file=file, row=first_row)

    # duplicates
    duplicated = original.duplicated(keep="first").to_numpy()
    if duplicated.any():
        ctx.note(f"dropped {int(duplicated.sum())} exact duplicate row(s) "
                 f"(rows {_join([r for r, d in zip(ctx.rows, duplicated, strict=True) if d])})",
                 warn=True)
        original = original[~duplicated].reset_index(drop=True)
        ctx.rows = [r for r, d in zip(ctx.rows, duplicated, strict=True) if not d]

    aliases = _ALIASES[export_format]
    by_norm = {_n(c): c for c in original.columns}
    column_map: dict[str, str] = {}
    for target, options in aliases.items():
        for option in options:
            if _n(option) in by_norm:
                column_map[target] = by_norm[_n(option)]
                break
    missing = [c for c in ("post_id", "timestamp") if c not in column_map]
    if missing:
        raise DataFileError(
            f"this looks like a {export_format} export but has no column for {_join(missing)} "
            f"(expected one of {_join(aliases[missing[0]])}; the file has {_join(header)}). "
            "Export again with the default columns, or rename the column.", file=file, row=1,
        )
    platform = _PLATFORM[export_format]
    n = len(original)
    posts = pd.DataFrame(index=range(n))
    posts["platform"] = platform
    ids = original[column_map["post_id"]].astype(str).str.strip()
    empty = ids.isin(["", "nan"])
    if empty.any():
        row = ctx.rows[int(np.flatnonzero(empty.to_numpy())[0])]
        raise DataFileError("the post id is empty; every post needs one. Delete the row if it is "
                            "not a post.", file=file, row=row, column=column_map["post_id"])
    if export_format == "tiktok":
        ids = ids.str.extract(r"(\d{8,})", expand=False).fillna(ids)
    posts["post_id"] = ids.astype("string")
    posts["timestamp"] = _timestamps(list(original[column_map["timestamp"]]), ctx,
                                     column_map["timestamp"], _DATE_ORDER[export_format], tz)
    raw_format = original[column_map["format_raw"]] if "format_raw" in column_map else [None] * n
    posts["format"] = [_course_format(v, platform) for v in raw_format]
    posts["text"] = (original[column_map["text"]].astype("string") if "text" in column_map
                     else pd.array([pd.NA] * n, dtype="string"))
    for name in COUNT_FIELDS:
        if name in column_map:
            posts[name] = _counts(list(original[column_map[name]]), ctx, name, column_map[name])
        else:
            posts[name] = pd.array([pd.NA] * n, dtype="Int64")
    for name in ("watch_time_hours", "avg_view_seconds", "avg_view_share"):
        if name in column_map:
            col = column_map[name]
            posts[name] = _decimals(list(original[col]), ctx, col,
                                    percent=name == "avg_view_share" or col.endswith("(%)"),
                                    duration=name == "avg_view_seconds")
        else:
            posts[name] = np.nan
    posts["paid"] = _paid(original, column_map, ctx)
    if ctx.empty:
        rows = sorted({r for found in ctx.empty.values() for r in found})
        ctx.note(f"{len(rows)} row(s) have empty metric cells (rows {_join(rows)}; columns "
                 f"{_join(ctx.empty)}), read as missing (<NA>): usually posts too new to have "
                 "the metric", warn=True)
    if export_format == "facebook_insights" and "paid_reach" in column_map:
        column_map["paid"] = column_map.pop("paid_reach")
    if "format_raw" in column_map:
        column_map["format"] = column_map.pop("format_raw")

    dup_ids = posts["post_id"].duplicated(keep=False)
    if dup_ids.any():
        rows = [r for r, d in zip(ctx.rows, dup_ids, strict=True) if d]
        raise DataFileError(
            f"post {posts.loc[dup_ids, 'post_id'].iloc[0]!r} appears more than once with different "
            f"numbers (rows {_join(rows)}). Exports of overlapping periods were probably joined: "
            "keep the newest row of each post and delete the others.",
            file=file, row=rows[0], column=column_map["post_id"],
        )
    return Export(posts, original, column_map, export_format, str(file), ctx.notes)


def _paid(original: pd.DataFrame, column_map: dict[str, str], ctx: _Ctx) -> pd.Series:
    n = len(original)
    if "paid_reach" in column_map:  # Facebook Insights: a post with paid reach was boosted
        reach = _counts(list(original[column_map["paid_reach"]]), ctx, "paid_reach",
                        column_map["paid_reach"])
        return pd.array([pd.NA if pd.isna(v) else bool(v > 0) for v in reach], dtype="boolean")
    if "paid" in column_map:
        values = original[column_map["paid"]].astype(str).str.strip().str.lower()
        flag = [pd.NA if v in ("", "nan", "-") else not bool(re.search(r"organic|органич|not|не ", v))
                for v in values]
        return pd.array(flag, dtype="boolean")
    return pd.array([pd.NA] * n, dtype="boolean")


# ---------------------------------------------------------------- Telegram


def _telegram_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in value)
    return ""


def _telegram(file: Path, tz: str | None) -> Export:
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as err:
        raise DataFileError(
            f"not valid JSON ({err.msg} at line {err.lineno}, column {err.colno}). Was the "
            "export interrupted? Export the chat history again in JSON format.",
            file=file, row=err.lineno,
        ) from None
    if isinstance(data, dict) and "chats" in data and "messages" not in data:
        raise DataFileError(
            "this is a full-account export (it lists many chats). Export one channel instead: "
            "open the channel in Telegram Desktop > ... > Export chat history > Format: JSON.",
            file=file,
        )
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise DataFileError("this JSON file is not a Telegram chat export (no 'messages' list).",
                            file=file)
    kind = data.get("type", "")
    if kind not in ("public_channel", "private_channel"):
        warnings.warn(f"{file.name}: the export is of a {kind or 'chat of unknown type'}, not a "
                      "channel; each message is read as a post.", DataFileWarning, stacklevel=3)
    messages = [m for m in data["messages"] if isinstance(m, dict)]
    notes: list[str] = []
    service = sum(m.get("type") != "message" for m in messages)
    if service:
        notes.append(f"skipped {service} service message(s) (channel created, pinned, ...)")
    posts_raw = [m for m in messages if m.get("type") == "message"]
    if not posts_raw:
        raise DataFileError("the export has no messages that are posts.", file=file)
    records = []
    for m in posts_raw:
        reactions = m.get("reactions") or []
        if "photo" in m:
            fmt = "photo"
        elif m.get("media_type") in ("video_file", "animation", "video_message"):
            fmt = "video"
        elif m.get("media_type") in ("voice_message", "audio_file"):
            fmt = "audio"
        elif "poll" in m:
            fmt = "poll"
        elif "file" in m:
            fmt = "file"
        elif any(isinstance(e, dict) and e.get("type") in ("link", "text_link")
                 for e in m.get("text_entities") or []):
            fmt = "link"
        else:
            fmt = "text"
        unix = m.get("date_unixtime")
        stamp = (pd.Timestamp(int(unix), unit="s", tz="UTC") if unix is not None
                 else pd.NaT)
        records.append({
            "platform": "telegram",
            "post_id": str(m.get("id")),
            "timestamp": stamp,
            "format": fmt,
            "text": _telegram_text(m.get("text", "")),
            "likes": sum(int(r.get("count", 0)) for r in reactions if isinstance(r, dict))
            if reactions else 0,
            "forwarded_from": m.get("forwarded_from"),
            "views": m.get("views"),
        })
    original = pd.DataFrame([{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict))
                                   else v) for k, v in m.items()} for m in posts_raw])
    frame = pd.DataFrame(records)
    if frame["timestamp"].isna().any():
        if "date" not in original:
            raise DataFileError("messages have neither 'date_unixtime' nor 'date'.", file=file)
        local = pd.to_datetime(original["date"], format="ISO8601")
        frame["timestamp"] = frame["timestamp"].fillna(
            local.dt.tz_localize(tz or "UTC").dt.tz_convert("UTC"))
        notes.append("older export without date_unixtime: 'date' (the exporting computer's "
                     "local time) was used")
    posts = pd.DataFrame({"platform": frame["platform"], "post_id": frame["post_id"].astype("string")})
    posts["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True).dt.tz_convert(tz or "UTC")
    posts["format"] = frame["format"]
    posts["text"] = frame["text"].astype("string")
    views = frame["views"] if frame["views"].notna().any() else None
    for name in COUNT_FIELDS:
        posts[name] = pd.array([pd.NA] * len(frame), dtype="Int64")
    posts["likes"] = pd.array(frame["likes"], dtype="Int64")
    if views is not None:
        posts["impressions"] = pd.array([pd.NA if pd.isna(v) else int(v) for v in views], dtype="Int64")
    for name in ("watch_time_hours", "avg_view_seconds", "avg_view_share"):
        posts[name] = np.nan
    posts["paid"] = pd.array([False] * len(frame), dtype="boolean")
    column_map = {"post_id": "id", "timestamp": "date_unixtime", "format": "photo / media_type / file",
                  "text": "text", "likes": "reactions[].count"}
    if views is not None:
        column_map["impressions"] = "views"
    else:
        notes.append("Telegram Desktop's export has no view counts: reach and impressions are "
                     "<NA>; likes are the sum of reactions")
    forwarded = frame["forwarded_from"].notna()
    if forwarded.any():
        notes.append(f"{int(forwarded.sum())} post(s) are forwarded from other channels "
                     "(original column 'forwarded_from')")
    return Export(posts, original, column_map, "telegram", str(file), notes)


# ---------------------------------------------------------------- public API


def open_export(path: str | os.PathLike[str], *, tz: str | None = None,
                export_format: str | None = None, _stacklevel: int = 2) -> Export:
    """Read an export and return an :class:`Export` (posts, original columns, column map).

    ``tz`` is the time zone of times the file writes without one (default UTC,
    with a warning); ``export_format`` (one of :data:`FORMATS`) skips detection.
    """
    # warnings are collected and re-issued so that they point at the caller's line
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            return _open(path, tz, export_format)
    finally:  # outside the catching block, also when reading fails
        for found in caught:
            warnings.warn(found.message, found.category, stacklevel=_stacklevel)


def _open(path: str | os.PathLike[str], tz: str | None, export_format: str | None) -> Export:
    file = existing_file(path, "an export file", "A YouTube zip unpacks to 'Table data.csv'; "
                         "a Telegram export folder holds 'result.json'.")
    if export_format is not None:
        validate.choice("read_export", "export_format", export_format, FORMATS, hint="(or None to guess)")
    suffix = file.suffix.lower()
    if suffix == ".json" or export_format == "telegram":
        result = _telegram(file, tz)
    else:
        if suffix in (".xlsx", ".xlsm"):
            rows = _raw_xlsx(file)
        elif suffix == ".xls":
            raise DataFileError("old .xls workbooks are not read; open it and save as .xlsx or "
                                "CSV UTF-8.", file=file)
        elif suffix == ".zip":
            raise DataFileError("this is a zip archive; unpack it and pass the file inside "
                                "(YouTube: 'Table data.csv').", file=file)
        else:
            rows, _ = _raw_csv(file)
        rows = [r for r in rows if any(str(c).strip() for c in r)]
        if len(rows) < 2:
            raise DataFileError("the export has no data rows under its header.", file=file, row=1)
        detected = export_format or _detect(rows[0], rows[1] if len(rows) > 1 else None)
        if detected is None:
            raise DataFileError(
                f"cannot tell which platform's export this is from its columns "
                f"({_join(rows[0])}). Supported: Meta Business Suite (Facebook, Instagram), "
                "Facebook Insights post data, TikTok Studio, YouTube Studio 'Table data.csv', "
                "Telegram 'result.json' (see docs/exports.md); or pass export_format=...",
                file=file, row=1,
            )
        result = _tabular(file, rows, detected, tz)
    problems = check_invariants(result.posts)
    for problem in problems:
        warnings.warn(f"{file.name}: {problem}", DataFileWarning, stacklevel=2)
    result.notes.extend(problems)
    result.posts = result.posts[list(NORMALISED_COLUMNS)]
    result.posts.attrs.update({"source": file.name, "export_format": result.export_format,
                               "column_map": dict(result.column_map)})
    return result


def read_export(path: str | os.PathLike[str], *, tz: str | None = None,
                export_format: str | None = None) -> pd.DataFrame:
    """Read a platform export into the course's post table (one row per post).

    Columns: :data:`NORMALISED_COLUMNS`. ``df.attrs["column_map"]`` says which
    original column became which; :func:`open_export` also returns the original
    columns. See the module notes for the rules.

    >>> from smmlib.paths import datasets_dir
    >>> posts = read_export(datasets_dir() / "exports" / "telegram_result.json")
    >>> posts[["post_id", "format", "likes"]].head(2).values.tolist()
    [['2', 'photo', 57], ['3', 'text', 0]]
    """
    return open_export(path, tz=tz, export_format=export_format, _stacklevel=3).posts


def check_invariants(posts: pd.DataFrame) -> list[str]:
    """What is implausible in a normalised table; an empty list when nothing is.

    Checks: no negative counts, reach <= impressions where both exist (platforms
    count them separately, so this is a warning, not an error).

    >>> df = pd.DataFrame({"post_id": ["a", "b"], "reach": [10, 30], "impressions": [20, 25]})
    >>> check_invariants(df)
    ["1 post(s) have reach above impressions (posts 'b'); platforms count them in separate systems, so small gaps happen; compare them with care"]
    """
    problems: list[str] = []
    for name in COUNT_FIELDS:
        if name in posts and (pd.to_numeric(posts[name], errors="coerce") < 0).any():
            problems.append(f"column {name!r} has negative counts")
    if {"reach", "impressions"} <= set(posts.columns):
        reach = pd.to_numeric(posts["reach"], errors="coerce")
        views = pd.to_numeric(posts["impressions"], errors="coerce")
        above = (reach > views).fillna(False).to_numpy(dtype=bool)
        if above.any():
            which = (list(posts["post_id"][above]) if "post_id" in posts
                     else [int(i) for i in np.flatnonzero(above)])
            problems.append(f"{int(above.sum())} post(s) have reach above impressions (posts "
                            f"{_join(which)}); platforms count them in separate systems, so small "
                            "gaps happen; compare them with care")
    return problems


def as_course_posts(posts: pd.DataFrame, require_base: bool = True) -> pd.DataFrame:
    """The normalised table with the extra columns the course's generated ``posts`` has.

    Where ``reach`` is missing (TikTok, YouTube, Telegram exports) the rates use
    ``impressions`` or ``video_views`` as the base instead, with a printed note;
    ``category`` is "uncategorised" (label your posts to compare categories),
    ``followers`` is missing, ``paid`` False where unknown, ``spend`` 0.
    Timestamps become the account's local wall-clock time (naive), as in the
    generated data. Posts without any base are left out; when no post has one
    (a Telegram export) this is a ``ValueError``, or, with
    ``require_base=False``, they are kept with ``reach`` missing (rates NaN).
    """
    out = posts.copy()
    base = out["reach"]
    # YouTube's "impressions" are thumbnail impressions, so its posts use views first
    youtube = (out["platform"] == "youtube").to_numpy()
    for fallback, rows in (("video_views", youtube), ("impressions", ~youtube),
                           ("impressions", youtube), ("video_views", ~youtube)):
        missing = base.isna() & out[fallback].notna() & rows
        if missing.any():
            print(f"note: {int(missing.sum())} post(s) have no reach in the export; "
                  f"their rates use {fallback} as the base.")
            base = base.where(~missing, out[fallback])
    if base.isna().all() and require_base:
        raise ValueError(
            f"{posts.attrs.get('source', 'this export')}: no post has reach, impressions or views, "
            "so no rate can be computed (Telegram Desktop's export has no view counts). Use an "
            "export with views, or add a 'reach' column yourself, e.g. from the channel's statistics."
        )
    dropped = int(base.isna().sum())
    if not require_base:
        if dropped:
            print(f"note: {dropped} post(s) have no reach, impressions or views: their rates are "
                  "missing (NaN).")
        dropped = 0
    elif dropped:
        print(f"note: {dropped} post(s) have no reach, impressions or views yet and are left out.")
    out["reach"] = base
    absent = [n for n in ("likes", "comments", "shares") if out[n].isna().all()]
    if absent:
        print(f"note: the export has no {', '.join(absent)}: counted as 0 in engagement rates.")
    for name in ("likes", "comments", "shares", "clicks"):
        out[name] = out[name].fillna(0)
    out["reach"] = out["reach"].astype("float64")
    out["timestamp"] = out["timestamp"].dt.tz_localize(None)
    out["category"] = "uncategorised"
    out["followers"] = np.nan
    out["paid"] = out["paid"].fillna(False).astype(bool)
    out["spend"] = 0.0
    if require_base:
        out = out.dropna(subset=["reach"])
    return out.reset_index(drop=True)


def anonymise(posts: pd.DataFrame, salt: str = "") -> pd.DataFrame:
    """A copy safe to share: post ids hashed, texts and names removed, only course columns.

    Post ids become ``post-`` and 10 hex digits of SHA-256 (with ``salt``), so
    the same post keeps the same code across files anonymised with the same salt;
    ``text`` is replaced by its length in characters (``text_length``); any
    original columns and the source file name are dropped.

    >>> df = pd.DataFrame({"post_id": ["123"], "text": ["Hello Ann!"], "likes": [3]})
    >>> anonymise(df).to_dict("records")
    [{'post_id': 'post-a665a45920', 'likes': 3, 'text_length': 10}]
    """
    keep = [c for c in posts.columns if c in NORMALISED_COLUMNS or c in (
        "category", "followers", "spend", "engagement_rate")]
    out = posts[keep].copy()
    if "post_id" in out:
        out["post_id"] = [
            "post-" + hashlib.sha256(f"{salt}{v}".encode()).hexdigest()[:10] for v in out["post_id"]]
    if "text" in out:
        out["text_length"] = out["text"].astype("string").str.len().astype("Int64")
        out = out.drop(columns="text")
    out.attrs = {}
    return out


def preview(posts: pd.DataFrame, rows: int = 5, width: int = 40) -> pd.DataFrame:
    """The first ``rows`` posts with texts cut to ``width`` characters, for showing on screen.

    >>> preview(pd.DataFrame({"text": ["a" * 50]}), width=10)["text"].tolist()
    ['aaaaaaaaa…']
    """
    out = posts.head(rows).copy()
    if "text" in out:
        text = out["text"].astype("string").str.replace(r"\s+", " ", regex=True)
        out["text"] = text.where(text.str.len() <= width, text.str[: width - 1] + "…")
    return out
