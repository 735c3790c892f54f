"""The real dataset ships unchanged and loads with the documented facts; the registry is consistent."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from smmlib import paths
from smmlib.datasets import DATASETS, FACEBOOK_COLUMNS, list_datasets, load_dataset

FACEBOOK_CSV = paths.datasets_dir() / "facebook_metrics.csv"
GENERATED = ("posts", "followers", "ad_sets", "mentions")


@pytest.fixture(scope="module")
def original() -> pd.DataFrame:
    """The UCI file read plainly by pandas, with its original column names."""
    return pd.read_csv(FACEBOOK_CSV, sep=";")


@pytest.fixture()
def fb() -> pd.DataFrame:
    return load_dataset("facebook_metrics")


def test_file_is_the_uci_file_byte_for_byte():
    assert hashlib.md5(FACEBOOK_CSV.read_bytes()).hexdigest() == "71646e57ea9994a2f03817d57cfde1f8"


def test_creators_readme_and_data_card_ship_alongside():
    readme = (paths.datasets_dir() / "facebook_metrics_readme.txt").read_bytes()
    assert hashlib.md5(readme).hexdigest() == "a902728a49546a0476174fb102df4a8d"
    card = (paths.datasets_dir() / "facebook_metrics.md").read_text(encoding="utf-8")
    for must in ("10.1016/j.jbusres.2016.02.010", "CC BY 4.0", "71646e57ea9994a2f03817d57cfde1f8"):
        assert must in card
    for original_name, short in FACEBOOK_COLUMNS.items():
        assert original_name in card and f"`{short}`" in card, short


def test_shape_names_and_dtypes(fb):
    assert fb.shape == (500, 19)
    assert list(fb.columns) == [
        "page_total_likes", "type", "category", "post_month", "post_weekday", "post_hour",
        "paid", "reach", "impressions", "engaged_users", "consumers", "consumptions",
        "impressions_by_fans", "reach_by_fans", "engaged_fans", "comments", "likes", "shares",
        "total_interactions",
    ]
    assert list(FACEBOOK_COLUMNS.values()) == list(fb.columns)
    for column in ("paid", "likes", "shares"):
        assert fb[column].dtype == "Int64", column
    assert pd.api.types.is_string_dtype(fb["type"])
    others = set(fb.columns) - {"paid", "likes", "shares", "type"}
    for column in others:
        assert fb[column].dtype == "int64", column


def test_values_equal_the_original_file(fb, original):
    renamed = original.rename(columns=FACEBOOK_COLUMNS)
    for column in fb.columns:
        pd.testing.assert_series_equal(
            fb[column].astype("float64") if column != "type" else fb[column].astype(object),
            renamed[column].astype("float64") if column != "type" else renamed[column].astype(object),
            check_names=False,
        )


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("reach", "Lifetime Post Total Reach"),
        ("impressions", "Lifetime Post Total Impressions"),
        ("engaged_users", "Lifetime Engaged Users"),
        ("likes", "like"),
        ("shares", "share"),
        ("comments", "comment"),
        ("total_interactions", "Total Interactions"),
    ],
)
def test_per_type_means_match_pandas_on_the_original(fb, original, short, long):
    ours = fb.groupby("type")[short].mean().astype("float64")
    theirs = original.groupby("Type")[long].mean()
    assert list(ours.index) == list(theirs.index) == ["Link", "Photo", "Status", "Video"]
    assert ours.to_numpy() == pytest.approx(theirs.to_numpy(), rel=1e-12)


def test_type_counts(fb):
    assert fb["type"].value_counts().to_dict() == {"Photo": 426, "Status": 45, "Link": 22, "Video": 7}


def test_paid_counts_and_missing_cells(fb):
    assert fb["paid"].value_counts(dropna=False).to_dict() == {0: 360, 1: 139, pd.NA: 1}
    missing = fb.isna().sum()
    assert missing[missing > 0].to_dict() == {"paid": 1, "likes": 1, "shares": 4}


def test_four_rows_have_fewer_impressions_than_reach(fb):
    odd = fb[fb["impressions"] < fb["reach"]]
    # spreadsheet rows 478, 479, 484, 494 (header = row 1), as the data card says
    assert list(odd.index + 2) == [478, 479, 484, 494]


def test_total_interactions_is_the_sum_with_missing_as_zero(fb):
    total = fb[["comments", "likes", "shares"]].fillna(0).sum(axis=1)
    assert (total == fb["total_interactions"]).all()
    # the missing cells really are zeros: a row with no like and no share has 0 interactions
    row = fb[fb["likes"].isna()].iloc[0]
    assert row["total_interactions"] == row["comments"] == 0


def test_page_total_likes_range_and_codes(fb):
    assert fb["page_total_likes"].min() == 81_370
    assert fb["page_total_likes"].max() == 139_441
    assert set(fb["category"]) == {1, 2, 3}
    assert set(fb["post_weekday"]) == set(range(1, 8))
    assert set(fb["post_month"]) == set(range(1, 13))


def test_each_call_returns_an_independent_copy():
    first = load_dataset("facebook_metrics")
    first.loc[0, "reach"] = -1
    first["extra"] = 1
    second = load_dataset("facebook_metrics")
    assert second.loc[0, "reach"] == 2752
    assert "extra" not in second.columns


def test_name_is_forgiving_about_case_and_dashes():
    assert load_dataset("Facebook-Metrics").shape == (500, 19)


def test_unknown_name_lists_names_and_suggests():
    with pytest.raises(ValueError, match="facebook_metrics") as info:
        load_dataset("facebok_metrics")
    message = str(info.value)
    assert "did you mean 'facebook_metrics'?" in message
    for name in DATASETS:
        assert name in message
    with pytest.raises(ValueError, match="available datasets") as info:
        load_dataset("zzzz")
    assert "did you mean" not in str(info.value)


def test_list_datasets_has_the_five_names():
    table = list_datasets()
    assert list(table.columns) == ["name", "kind", "rows", "description", "path"]
    assert list(table["name"]) == ["facebook_metrics", *GENERATED]
    kinds = dict(zip(table["name"], table["kind"], strict=True))
    assert kinds == {"facebook_metrics": "real", **{g: "generated" for g in GENERATED}}
    assert table.set_index("name").loc["facebook_metrics", "rows"] == 500
    assert table["description"].str.len().gt(10).all()
    assert table["description"].str.contains("\n").sum() == 0


def test_missing_snapshot_says_to_run_smm_generate(tmp_path, monkeypatch):
    monkeypatch.setenv("SMM_WORKBOOK_ROOT", str(tmp_path))
    (tmp_path / "datasets").mkdir()
    with pytest.raises(FileNotFoundError, match="smm generate"):
        load_dataset("posts")
    table = list_datasets()
    assert table["rows"].isna().all()


def test_generated_snapshot_types_from_a_stand_in(tmp_path, monkeypatch):
    """Parsing rules for snapshots, checked on a small stand-in file."""
    monkeypatch.setenv("SMM_WORKBOOK_ROOT", str(tmp_path))
    folder = tmp_path / "datasets" / "generated"
    folder.mkdir(parents=True)
    (folder / "followers.csv").write_text(
        "date,followers,is_campaign_day\n2024-01-01,100,False\n2024-01-02,104,True\n",
        encoding="utf-8",
    )
    df = load_dataset("followers")
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert df["is_campaign_day"].dtype == bool
    assert df["followers"].tolist() == [100, 104]
    # a rewritten file is re-read, not served from the cache
    (folder / "followers.csv").write_text(
        "date,followers,is_campaign_day\n2024-01-01,100,False\n", encoding="utf-8"
    )
    assert len(load_dataset("followers")) == 1


@pytest.mark.parametrize("name", GENERATED)
def test_committed_generated_snapshots_load(name):
    path = DATASETS[name].path
    if not path.exists():
        pytest.skip(f"{path} not written yet: run `smm generate` (smmlib.generate.write_snapshots)")
    df = load_dataset(name)
    assert len(df) > 0
    for column in df.columns:
        if column.lower() in ("timestamp", "date"):
            assert pd.api.types.is_datetime64_any_dtype(df[column]), column
