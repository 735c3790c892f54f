"""Reading platform exports (smmlib.imports): every format on a sample shaped like the
real export, every quirk, and the invariants of the normalised table."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlib.imports import (
    NORMALISED_COLUMNS,
    anonymise,
    as_course_posts,
    check_invariants,
    open_export,
    preview,
    read_export,
)
from smmlib.io import DataFileError, DataFileWarning
from smmlib.paths import datasets_dir

SAMPLES = datasets_dir() / "exports"


def _read(path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataFileWarning)
        return open_export(path, **kw)


def _rows(path: Path, sep: str = ",", encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding=encoding)), delimiter=sep))


def _write(path: Path, rows: list[list[str]], sep: str = ",", encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding=encoding)
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([int(v) if v.isdigit() and len(v) < 12 else v for v in row])
    book.save(path)
    return path


# ---------------------------------------------------------------- every format


def test_every_sample_is_detected_and_normalised():
    expected = {
        "meta_facebook_en.csv": ("meta_facebook", "facebook", 12),
        "meta_instagram_ru.csv": ("meta_instagram", "instagram", 12),
        "facebook_insights_post_level.csv": ("facebook_insights", "facebook", 10),
        "tiktok_content.csv": ("tiktok", "tiktok", 12),
        "youtube_table_data.csv": ("youtube", "youtube", 10),
        "telegram_result.json": ("telegram", "telegram", 14),
    }
    assert sorted(p.name for p in SAMPLES.iterdir() if p.suffix != ".md") == sorted(expected)
    for name, (fmt, platform, n) in expected.items():
        result = _read(SAMPLES / name, tz="Asia/Tashkent")
        posts = result.posts
        assert result.export_format == fmt, name
        assert list(posts.columns) == list(NORMALISED_COLUMNS), name
        assert (posts["platform"] == platform).all() and len(posts) == n, name
        assert str(posts["timestamp"].dt.tz) == "Asia/Tashkent", name
        assert posts["post_id"].is_unique, name
        assert len(result.original) == n and result.column_map["post_id"] in result.original.columns
        assert posts.attrs["column_map"] == result.column_map


def test_meta_facebook_values_match_the_file():
    result = _read(SAMPLES / "meta_facebook_en.csv", tz="UTC")
    posts = result.posts
    first = posts.iloc[0]
    # the first data row of the file: Views "2,876", Reach "1,780", Reactions 77, Comments 13, Shares 7
    assert (first["impressions"], first["reach"], first["likes"], first["comments"], first["shares"]) == (
        2876, 1780, 77, 13, 7)
    assert first["timestamp"] == pd.Timestamp("2025-02-03 09:00", tz="UTC")  # 02/03 is month/day
    assert first["format"] == "photo"
    assert result.column_map["likes"] == "Reactions" and result.column_map["impressions"] == "Views"
    # the duplicated row is dropped, the post too new to have metrics is kept with <NA>
    assert any("duplicate" in n for n in result.notes)
    assert posts.iloc[-1][["reach", "impressions", "likes"]].isna().all()


def test_meta_instagram_russian_semicolon_and_space_thousands():
    result = _read(SAMPLES / "meta_instagram_ru.csv", tz="UTC")
    raw = _rows(SAMPLES / "meta_instagram_ru.csv", sep=";")
    first = result.posts.iloc[0]
    assert "\u00a0" in raw[1][12]  # the reach cell is written as "1 341" with a no-break space
    assert first["reach"] == int(raw[1][12].replace("\u00a0", ""))
    assert first["saves"] == int(raw[1][17]) and first["likes"] == int(raw[1][13])
    assert first["timestamp"] == pd.Timestamp("2025-03-05 18:00", tz="UTC")  # 05.03.2025 is day.month
    assert result.posts["format"].tolist()[:3] == ["photo", "carousel", "video"]


def test_facebook_insights_two_header_rows_csv_and_xlsx(tmp_path):
    csv_result = _read(SAMPLES / "facebook_insights_post_level.csv", tz="America/Los_Angeles")
    rows = _rows(SAMPLES / "facebook_insights_post_level.csv")
    xlsx_result = _read(_xlsx(tmp_path / "Facebook Insights Data Export (Post Level).xlsx", rows),
                        tz="America/Los_Angeles")
    for result in (csv_result, xlsx_result):
        posts = result.posts
        assert len(posts) == len(rows) - 2  # the description row is not a post
        assert posts["reach"].tolist() == [int(r[8]) for r in rows[2:]]
        assert posts["paid"].tolist() == [int(r[10]) > 0 for r in rows[2:]]
        assert posts["timestamp"].iloc[0] == pd.Timestamp("2019-01-13 08:15", tz="America/Los_Angeles")
        # 12-hour clock: "1:15:00 PM" is 13:15
        assert posts["timestamp"].iloc[5].hour == 13


def test_tiktok_csv_and_xlsx(tmp_path):
    rows = _rows(SAMPLES / "tiktok_content.csv", encoding="utf-8")
    for path in (SAMPLES / "tiktok_content.csv", _xlsx(tmp_path / "Content.xlsx", rows)):
        posts = _read(path, tz="UTC").posts
        assert posts["video_views"].tolist() == [int(r[6]) for r in rows[1:]]
        assert posts["post_id"].iloc[0] == rows[1][1].rsplit("/", 1)[1]
        assert posts["reach"].isna().all()  # TikTok's content export has no reach column


def test_youtube_totals_row_durations_and_percentages():
    rows = _rows(SAMPLES / "youtube_table_data.csv", encoding="utf-8")
    result = _read(SAMPLES / "youtube_table_data.csv", tz="UTC")
    posts = result.posts
    assert rows[1][0] == "Total" and "Total" not in posts["post_id"].tolist()
    assert posts["video_views"].sum() == int(rows[1][4])  # the posts add up to the dropped total
    first = rows[2]
    h, m, s = (int(x) for x in first[7].split(":"))
    assert posts["avg_view_seconds"].iloc[0] == h * 3600 + m * 60 + s
    assert posts["avg_view_share"].iloc[0] == pytest.approx(float(first[8]) / 100)  # "36.07" -> 0.3607
    assert posts["watch_time_hours"].iloc[0] == pytest.approx(float(first[5]))
    assert posts["timestamp"].iloc[0] == pd.Timestamp("2025-01-03", tz="UTC")


def test_telegram_text_entities_reactions_service_and_forwards():
    data = json.loads((SAMPLES / "telegram_result.json").read_text(encoding="utf-8"))
    messages = [m for m in data["messages"] if m["type"] == "message"]
    result = _read(SAMPLES / "telegram_result.json", tz="Asia/Tashkent")
    posts = result.posts
    assert len(posts) == len(messages) == len(data["messages"]) - 2  # two service messages skipped
    by_id = posts.set_index("post_id")
    assert by_id.loc["2", "likes"] == 45 + 12  # an emoji and a custom-emoji reaction
    assert by_id.loc["3", "text"] == "Good morning! What are you planning today?"  # entity list joined
    assert by_id.loc["3", "likes"] == 0  # no reactions at all
    assert by_id.loc["4", "format"] == "link" and by_id.loc["5", "format"] == "video"
    unix = int(messages[0]["date_unixtime"])
    assert by_id.loc["2", "timestamp"] == pd.Timestamp(unix, unit="s", tz="UTC")
    assert posts["impressions"].isna().all()  # Telegram Desktop writes no view counts
    assert any("forwarded" in n for n in result.notes)


# ---------------------------------------------------------------- quirks


def _meta_rows() -> list[list[str]]:
    return _rows(SAMPLES / "meta_facebook_en.csv")


def test_semicolon_delimiter_and_cp1251_encoding(tmp_path):
    rows = _rows(SAMPLES / "meta_instagram_ru.csv", sep=";")
    path = _write(tmp_path / "ig.csv", [[c.replace("\u00a0", " ") for c in r] for r in rows],
                  sep=";", encoding="cp1251")
    posts = _read(path, tz="UTC").posts
    assert posts["reach"].iloc[0] == int(rows[1][12].replace("\u00a0", ""))


def test_percentage_in_a_count_column_is_refused(tmp_path):
    rows = _meta_rows()
    rows[3][18] = "12.5%"
    with pytest.raises(DataFileError) as err:
        _read(_write(tmp_path / "fb.csv", rows))
    assert err.value.row == 4 and err.value.column == "Reach" and "percentage" in str(err.value)


def test_decimal_point_thousands_is_refused_not_misread(tmp_path):
    rows = _meta_rows()
    rows[2][17] = "1.234"
    with pytest.raises(DataFileError, match="thousands separator") as err:
        _read(_write(tmp_path / "fb.csv", rows))
    assert err.value.row == 3 and err.value.column == "Views"


def test_text_in_a_count_column_names_file_row_and_column(tmp_path):
    rows = _meta_rows()
    rows[6][20] = "n/a"
    path = _write(tmp_path / "fb.csv", rows)
    with pytest.raises(DataFileError) as err:
        _read(path)
    assert str(path) in str(err.value) and "row 7" in str(err.value) and "'Reactions'" in str(err.value)


def test_same_post_twice_with_different_numbers_is_an_error(tmp_path):
    rows = _meta_rows()
    copy = list(rows[1])
    copy[18] = "9999"
    rows.append(copy)
    with pytest.raises(DataFileError, match="more than once"):
        _read(_write(tmp_path / "fb.csv", rows))


def test_mixed_time_zones_are_converted(tmp_path):
    rows = _rows(SAMPLES / "tiktok_content.csv", encoding="utf-8")[:3]
    rows[1][2] = "2025-04-01T12:00:00+05:00"
    rows[2][2] = "2025-04-01T12:00:00+03:00"
    with pytest.warns(DataFileWarning, match="different UTC offsets"):
        posts = read_export(_write(tmp_path / "tt.csv", rows), tz="UTC")
    assert posts["timestamp"].tolist() == [pd.Timestamp("2025-04-01 07:00", tz="UTC"),
                                           pd.Timestamp("2025-04-01 09:00", tz="UTC")]


def test_naive_times_warn_without_tz():
    with pytest.warns(DataFileWarning, match="time zone"):
        read_export(SAMPLES / "tiktok_content.csv")


def test_ambiguous_day_month_is_reported(tmp_path):
    rows = _meta_rows()[:3]
    rows[1][6], rows[2][6] = "02/03/2025 09:00", "03/04/2025 10:00"
    with pytest.warns(DataFileWarning, match="month/day and day/month"):
        posts = read_export(_write(tmp_path / "fb.csv", rows), tz="UTC")
    assert posts["timestamp"].dt.month.tolist() == [2, 3]


def test_unknown_file_and_folder_and_full_account_json(tmp_path):
    with pytest.raises(DataFileError, match="cannot tell which platform"):
        read_export(_write(tmp_path / "x.csv", [["a", "b"], ["1", "2"]]))
    with pytest.raises(IsADirectoryError, match="result.json"):
        read_export(tmp_path)
    (tmp_path / "all.json").write_text(json.dumps({"chats": {"list": []}}), encoding="utf-8")
    with pytest.raises(DataFileError, match="one channel"):
        read_export(tmp_path / "all.json")
    (tmp_path / "broken.json").write_text('{"messages": [', encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid JSON"):
        read_export(tmp_path / "broken.json")
    with pytest.raises(FileNotFoundError):
        read_export(tmp_path / "missing.csv")


def test_reach_above_impressions_warns(tmp_path):
    rows = _meta_rows()[:3]
    rows[1][17], rows[1][18] = "100", "150"
    with pytest.warns(DataFileWarning, match="reach above impressions"):
        read_export(_write(tmp_path / "fb.csv", rows), tz="UTC")


# ---------------------------------------------------------------- privacy and course use


def test_anonymise_and_preview_hide_texts_and_ids():
    posts = _read(SAMPLES / "telegram_result.json").posts
    shared = anonymise(posts)
    assert "text" not in shared and not set(shared["post_id"]) & set(posts["post_id"])
    assert shared["text_length"].iloc[0] == len(posts["text"].iloc[0])
    assert anonymise(posts)["post_id"].equals(shared["post_id"])  # stable codes
    assert shared.attrs == {}
    long = preview(posts.assign(text="x" * 100), width=20)
    assert (long["text"].str.len() == 20).all()


def test_as_course_posts_uses_views_when_reach_is_missing(capsys):
    posts = as_course_posts(_read(SAMPLES / "tiktok_content.csv", tz="UTC").posts)
    assert "video_views as the base" in capsys.readouterr().out
    assert posts["reach"].tolist() == _read(SAMPLES / "tiktok_content.csv", tz="UTC").posts[
        "video_views"].astype(float).tolist()
    assert {"category", "followers", "spend"} <= set(posts.columns)
    assert posts["timestamp"].dt.tz is None


# ---------------------------------------------------------------- property test

count = st.integers(min_value=0, max_value=2_000_000)


def _styled(n: int, style: str) -> str:
    return {"plain": str(n), "comma": f"{n:,}", "space": f"{n:,}".replace(",", " "),
            "nbsp": f"{n:,}".replace(",", "\u00a0")}[style]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(posts=st.lists(st.tuples(count, count, count, count, count, st.booleans()), min_size=1, max_size=8),
       style=st.sampled_from(["plain", "comma", "space", "nbsp"]), sep=st.sampled_from([",", ";"]))
def test_property_numbers_round_trip_and_invariants_hold(tmp_path, posts, style, sep):
    header = _meta_rows()[0]
    rows = [header]
    for i, (reach, views, likes, comments, shares, blank) in enumerate(posts):
        row = [""] * len(header)
        row[0], row[1], row[2], row[6], row[11] = f"1_{i}", "1", "Page", f"01/{i + 13:02d}/2025 10:00", "Photos"
        metrics = ["" if blank else _styled(v, style) for v in (views, reach)]
        row[17], row[18] = metrics
        row[20], row[21], row[22] = (_styled(v, style) for v in (likes, comments, shares))
        rows.append(row)
    path = _write(tmp_path / f"p{abs(hash((style, sep)))}.csv", rows, sep=sep)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = read_export(path, tz="UTC")
    for name in ("reach", "impressions", "likes", "comments", "shares"):
        values = pd.to_numeric(table[name], errors="coerce")
        assert not (values < 0).any()
    assert table["likes"].tolist() == [p[2] for p in posts]
    expected_reach = [pd.NA if p[5] else p[0] for p in posts]
    assert [None if pd.isna(v) else v for v in table["reach"]] == [
        None if v is pd.NA else v for v in expected_reach]
    above = (table["reach"] > table["impressions"]).fillna(False).any()
    messages = " ".join(str(w.message) for w in caught)
    assert above == ("reach above impressions" in messages)
    assert bool(check_invariants(table)) == bool(above)


def test_daylight_saving_repeated_hour_is_reported_not_hidden(tmp_path):
    rows = _rows(SAMPLES / "tiktok_content.csv", encoding="utf-8")[:3]
    rows[1][2] = "2025-10-26 02:30:00"  # Europe/Berlin: 02:00-03:00 happens twice that night
    with pytest.warns(DataFileWarning, match="clocks go back") as record:
        posts = read_export(_write(tmp_path / "tt.csv", rows), tz="Europe/Berlin")
    assert pd.isna(posts["timestamp"].iloc[0]) and "rows 2" in str(record[0].message) + " ".join(
        str(r.message) for r in record)
    with pytest.raises(ValueError, match="not a time zone name"):
        read_export(_write(tmp_path / "tt2.csv", rows), tz="Mars/Olympus")


@pytest.mark.parametrize("name", ["03_platforms", "04_metrics", "05_pitfalls", "08_capstone", "09_account"])
def test_chapters_take_my_export_as_a_papermill_parameter(name):
    from smmlib.notebooks import read_notebook
    from smmlib.paths import repo_root

    nb = read_notebook(repo_root() / "chapters" / f"{name}.ipynb")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    assert "my_export = None" in tagged[0].source
    later = "".join(c.source for c in nb.cells[nb.cells.index(tagged[0]) + 1:] if c.cell_type == "code")
    assert "imports.read_export(my_export)" in later or "imports.open_export(path" in later


RUSSIAN_FACEBOOK_HEADER = [
    "ID публикации", "ID Страницы", "Название Страницы", "Название", "Описание", "Длительность (с)",
    "Время публикации", "Тип подписи", "Постоянная ссылка", "Кросспост", "Репост", "Тип публикации",
    "Языки", "Пользовательские метки", "Статус финансируемого контента", "Комментарий к данным",
    "Дата", "Просмотры", "Охват", "Реакции, комментарии и репосты", "Реакции", "Комментарии",
    "Репосты", "Всего кликов", "Клики по ссылке", "Другие клики",
]


def test_meta_facebook_russian_header_reads_the_same_numbers(tmp_path):
    rows = _meta_rows()
    assert len(rows[0]) == len(RUSSIAN_FACEBOOK_HEADER)
    english = _read(SAMPLES / "meta_facebook_en.csv", tz="UTC").posts
    russian = _read(_write(tmp_path / "fb_ru.csv", [RUSSIAN_FACEBOOK_HEADER] + rows[1:], sep=";"),
                    tz="UTC")
    assert russian.export_format == "meta_facebook"
    assert russian.column_map["likes"] == "Реакции" and russian.column_map["impressions"] == "Просмотры"
    for name in ("reach", "impressions", "likes", "comments", "shares", "clicks"):
        assert russian.posts[name].equals(english[name]), name


def test_youtube_rates_use_views_not_thumbnail_impressions(capsys):
    posts = _read(SAMPLES / "youtube_table_data.csv", tz="UTC").posts
    course = as_course_posts(posts)
    assert course["reach"].tolist() == posts["video_views"].astype(float).tolist()
    assert "video_views as the base" in capsys.readouterr().out


def test_warnings_point_at_the_callers_line(tmp_path):
    with pytest.warns(DataFileWarning) as record:
        read_export(SAMPLES / "tiktok_content.csv")
    assert {Path(r.filename).name for r in record} == {Path(__file__).name}
