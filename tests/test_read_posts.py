"""read_posts_csv: good files load, and each kind of bad file gets a clear, located error."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pandas as pd
import pytest

from smmlib.io import DataFileError, DataFileWarning, read_posts_csv

HEADER = "post_id,reach,impressions,likes,comments,shares"
GOOD_ROWS = ["p1,1200,1500,40,3,2", "p2,800,950,12,0,1", "p3,0,0,0,0,0"]


def write(tmp_path: Path, text: str, name: str = "posts.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def read_quietly(path: Path, **kwargs) -> pd.DataFrame:
    """Read and fail if any warning is raised."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read_posts_csv(path, **kwargs)


# ---------------------------------------------------------------- good files


def test_good_utf8_file_loads_with_int64_counts(tmp_path):
    path = write(tmp_path, csv_text(*GOOD_ROWS))
    before = hashlib.md5(path.read_bytes()).hexdigest()
    df = read_quietly(path)
    assert list(df.columns) == ["post_id", "reach", "impressions", "likes", "comments", "shares"]
    assert df["post_id"].tolist() == ["p1", "p2", "p3"]
    assert pd.api.types.is_string_dtype(df["post_id"])
    assert df["reach"].tolist() == [1200, 800, 0]
    assert df["likes"].sum() == 52
    for column in ("reach", "impressions", "likes", "comments", "shares"):
        assert df[column].dtype == "int64"
    assert hashlib.md5(path.read_bytes()).hexdigest() == before  # nothing written


def test_headers_are_matched_ignoring_case_and_spaces_and_extra_columns_kept(tmp_path):
    header = " Post ID ,REACH,Impressions, Likes,comments,Shares,Text,Video views"
    path = write(tmp_path, csv_text("007,10,12,1,0,0,Hello,5", header=header))
    df = read_quietly(path)
    assert list(df.columns) == [
        "post_id", "reach", "impressions", "likes", "comments", "shares", "text", "video_views",
    ]
    assert df.loc[0, "post_id"] == "007"  # ids stay text: leading zeros survive
    assert df.loc[0, "text"] == "Hello"
    assert df["video_views"].dtype == "int64"  # a known count column, validated too


def test_utf8_with_bom_and_cyrillic_text_loads_silently(tmp_path):
    text = csv_text('p1,10,12,1,0,0,"Привет, мир"', header=HEADER + ",text")
    path = write(tmp_path, text, encoding="utf-8-sig")
    df = read_quietly(path)
    assert df.columns[0] == "post_id"
    assert df.loc[0, "text"] == "Привет, мир"


def test_cp1251_cyrillic_file_loads_with_a_warning(tmp_path):
    header = "post_id,Охват,impressions,likes,comments,shares,Текст"
    path = write(tmp_path, csv_text("p1,10,12,1,0,0,Новая коллекция — «весна»", header=header),
                 encoding="cp1251")
    with pytest.warns(DataFileWarning, match="cp1251"):
        df = read_posts_csv(path, rename={"Охват": "reach"})
    assert df.loc[0, "reach"] == 10
    assert df.loc[0, "текст"] == "Новая коллекция — «весна»"
    # stating the encoding removes the guess and the warning
    df2 = read_quietly(path, encoding="cp1251", rename={"охват": "reach"})
    pd.testing.assert_frame_equal(df, df2)


def test_thousands_separators_and_whole_floats_are_accepted(tmp_path):
    rows = ['p1,"1,234",1 500,12.0,0,0', "p2,2\u00a0345\u00a0678,2345678,1,0,0"]
    df = read_quietly(write(tmp_path, csv_text(*rows)))
    assert df["reach"].tolist() == [1234, 2345678]
    assert df["impressions"].tolist() == [1500, 2345678]
    assert df["likes"].tolist() == [12, 1]


def test_blank_lines_are_skipped_and_rows_keep_spreadsheet_numbers(tmp_path):
    path = write(tmp_path, csv_text("p1,1,1,1,1,1", "", "p2,1,1,x,1,1"))
    with pytest.raises(DataFileError) as info:
        read_posts_csv(path)
    assert info.value.row == 4  # header 1, p1 2, blank 3, p2 4


# ---------------------------------------------------------------- delimiter


@pytest.mark.parametrize(("sep", "word"), [(";", "semicolon"), ("\t", "tab")])
def test_other_delimiters_are_detected_with_a_warning(tmp_path, sep, word):
    text = csv_text(*(r.replace(",", sep) for r in GOOD_ROWS), header=HEADER.replace(",", sep))
    path = write(tmp_path, text)
    with pytest.warns(DataFileWarning, match=word):
        df = read_posts_csv(path)
    assert df["reach"].tolist() == [1200, 800, 0]
    assert read_quietly(path, sep=sep)["likes"].tolist() == [40, 12, 0]


def test_wrong_explicit_delimiter_says_which_to_use(tmp_path):
    text = csv_text(*(r.replace(",", ";") for r in GOOD_ROWS), header=HEADER.replace(",", ";"))
    with pytest.raises(DataFileError, match="pass sep=';'") as info:
        read_posts_csv(write(tmp_path, text), sep=",")
    assert info.value.row == 1


def test_semicolon_file_with_decimal_commas_in_counts_is_refused(tmp_path):
    text = "post_id;reach;impressions;likes;comments;shares\np1;10,5;12;1;0;0\n"
    with pytest.warns(DataFileWarning), pytest.raises(DataFileError, match="whole numbers") as info:
        read_posts_csv(write(tmp_path, text))
    assert (info.value.row, info.value.column) == (2, "reach")


def test_row_with_too_many_fields_is_located(tmp_path):
    path = write(tmp_path, csv_text("p1,1,1,1,1,1", "p2,1,234,1,1,1,1"))
    with pytest.raises(DataFileError, match="more fields than the header") as info:
        read_posts_csv(path)
    assert info.value.row == 3


# ---------------------------------------------------------------- encoding


def test_non_utf8_non_cyrillic_file_explains_how_to_fix(tmp_path):
    text = csv_text(*GOOD_ROWS, "p4,1,1,1,1,1,café crème", header=HEADER + ",text")
    path = write(tmp_path, text, encoding="latin-1")
    with pytest.raises(DataFileError) as info:
        read_posts_csv(path)
    message = str(info.value)
    assert "not UTF-8" in message and "encoding=" in message and "CSV UTF-8" in message
    assert info.value.row == 5
    assert info.value.file == str(path)
    # with the right encoding it loads
    assert read_quietly(path, encoding="latin-1").loc[3, "text"] == "café crème"


def test_wrong_explicit_encoding_is_reported(tmp_path):
    path = write(tmp_path, csv_text("p1,1,1,1,1,1,Привет", header=HEADER + ",text"),
                 encoding="cp1251")
    with pytest.raises(DataFileError, match="not valid utf-8"):
        read_posts_csv(path, encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown encoding"):
        read_posts_csv(path, encoding="klingon")


# ---------------------------------------------------------------- columns


def test_missing_required_columns_are_listed_with_suggestions(tmp_path):
    header = "post_id,Lifetime Post Total Reach,impressions,like,comments"
    path = write(tmp_path, csv_text("p1,1,1,1,1", header=header))
    with pytest.raises(DataFileError) as info:
        read_posts_csv(path)
    message = str(info.value)
    assert "missing required column(s) 'reach', 'likes', 'shares'" in message
    assert "'Lifetime Post Total Reach'" in message  # listed among found columns and suggested
    assert "'like' for 'likes'" in message
    assert "rename=" in message
    assert info.value.row == 1
    # following the advice works
    df = read_quietly(path, rename={"Lifetime Post Total Reach": "reach", "like": "likes"},
                      required=("post_id", "reach", "likes"))
    assert df.loc[0, "reach"] == 1


def test_two_headers_with_the_same_meaning_are_refused(tmp_path):
    path = write(tmp_path, csv_text("p1,1,1,1,1,1,2", header=HEADER + ",Likes"))
    with pytest.raises(DataFileError, match="both mean 'likes'") as info:
        read_posts_csv(path)
    assert info.value.column == "Likes"


# ---------------------------------------------------------------- values


def test_non_numeric_values_name_column_rows_and_values(tmp_path):
    path = write(tmp_path, csv_text("p1,10,12,1,0,0", "p2,n/a?,12,1,0,0", "p3,lots,12,1,0,0"))
    with pytest.raises(DataFileError) as info:
        read_posts_csv(path)
    err = info.value
    assert (err.row, err.column) == (3, "reach")
    assert "rows 3, 4" in str(err) and "'n/a?'" in str(err) and "'lots'" in str(err)


def test_a_description_row_under_the_header_gets_a_hint(tmp_path):
    path = write(tmp_path, csv_text("Post id,People reached,Times shown,Likes,Comments,Shares",
                                    "p1,10,12,1,0,0"))
    with pytest.raises(DataFileError, match="second header") as info:
        read_posts_csv(path)
    assert info.value.row == 2


def test_negative_counts_are_refused(tmp_path):
    path = write(tmp_path, csv_text("p1,10,12,1,0,0", "p2,10,12,1,-3,0"))
    with pytest.raises(DataFileError, match="cannot be negative") as info:
        read_posts_csv(path)
    assert (info.value.row, info.value.column) == (3, "comments")
    assert "-3" in str(info.value)


def test_missing_counts_are_errors_unless_allowed(tmp_path):
    path = write(tmp_path, csv_text("p1,10,12,1,0,", "p2,10,12,1,0,4"))
    with pytest.raises(DataFileError, match="allow_missing=True") as info:
        read_posts_csv(path)
    assert (info.value.row, info.value.column) == (2, "shares")
    df = read_quietly(path, allow_missing=True)
    assert df["shares"].dtype == "Int64"
    assert df["shares"].isna().tolist() == [True, False]
    assert df["likes"].dtype == "int64"


def test_duplicated_post_ids_are_listed(tmp_path):
    path = write(tmp_path, csv_text("a,1,1,1,1,1", "b,1,1,1,1,1", "a,1,1,1,1,1", "b,1,1,1,1,1",
                                    "c,1,1,1,1,1"))
    with pytest.raises(DataFileError, match="duplicated post ids 'a', 'b'") as info:
        read_posts_csv(path)
    assert "rows 2, 3, 4, 5" in str(info.value)
    assert (info.value.row, info.value.column) == (2, "post_id")


def test_empty_post_id_is_refused(tmp_path):
    path = write(tmp_path, csv_text("a,1,1,1,1,1", ",1,1,1,1,1"))
    with pytest.raises(DataFileError, match="post ids are empty in row 3"):
        read_posts_csv(path)


# ---------------------------------------------------------------- empty and absent files


def test_empty_file(tmp_path):
    path = write(tmp_path, "")
    with pytest.raises(DataFileError, match="the file is empty") as info:
        read_posts_csv(path)
    assert info.value.file == str(path)
    assert str(path) in str(info.value)


def test_header_only_file(tmp_path):
    path = write(tmp_path, HEADER + "\n")
    with pytest.raises(DataFileError, match="header but no data rows") as info:
        read_posts_csv(path)
    assert info.value.row == 1


def test_missing_path_names_it(tmp_path):
    path = tmp_path / "nope" / "posts.csv"
    with pytest.raises(FileNotFoundError, match="posts.csv"):
        read_posts_csv(path)


def test_error_is_a_value_error_with_location_attributes(tmp_path):
    path = write(tmp_path, csv_text("p1,1,1,1,1,-1"))
    with pytest.raises(ValueError) as info:
        read_posts_csv(str(path))
    assert isinstance(info.value, DataFileError)
    assert str(info.value).startswith(f"{path}, row 2, column 'shares': ")


def test_utf16_export_with_bom_loads_with_a_warning(tmp_path):
    text = csv_text(*(r.replace(",", "\t") for r in GOOD_ROWS), header=HEADER.replace(",", "\t"))
    path = write(tmp_path, text, encoding="utf-16")  # Excel's "Unicode text": UTF-16, tabs
    with pytest.warns(DataFileWarning) as caught:
        df = read_posts_csv(path)
    notes = " | ".join(str(w.message) for w in caught)
    assert "UTF-16" in notes and "tab-separated" in notes
    assert df["impressions"].tolist() == [1500, 950, 0]


def test_a_folder_is_refused_with_what_it_holds(tmp_path):
    write(tmp_path, HEADER + "\n")
    with pytest.raises(IsADirectoryError, match=r"is a folder, not a CSV file; pass the file inside it "
                                                r"\(it holds \['posts.csv'\]\)\.$"):
        read_posts_csv(tmp_path)
