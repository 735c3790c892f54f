"""Tests of smmlib.generate: determinism, shapes, plausibility invariants, snapshots."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmlib import generate as g
from smmlib.paths import datasets_dir

GENERATORS = [g.generate_posts, g.generate_followers, g.generate_ad_sets, g.generate_mentions]


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    return g.generate_posts(seed=0)


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return g.generate_mentions(seed=0)


# --- student seeds -----------------------------------------------------------------


def test_student_seed_hard_coded_values():
    # sha256("AB-1234") starts with 8b64bcf0 -> 0x8b64bcf0 = 2338634992 (computed once by hand)
    assert g.student_seed("AB-1234") == 2338634992
    # sha256("alice") starts with 2bd806c9 -> 735577801
    assert g.student_seed("alice") == 735577801


def test_student_seed_strips_spaces_and_stays_in_range():
    assert g.student_seed("  AB-1234\n") == g.student_seed("AB-1234")
    assert g.student_seed("AB-1235") != g.student_seed("AB-1234")
    assert all(0 <= g.student_seed(f"S{i}") < 2**32 for i in range(200))


@pytest.mark.parametrize("bad", [None, 1234, b"AB-1234", ["AB"]])
def test_student_seed_rejects_non_strings(bad):
    with pytest.raises(TypeError, match="student_id must be a string"):
        g.student_seed(bad)


@pytest.mark.parametrize("bad", ["", "   ", "\t\n"])
def test_student_seed_rejects_empty(bad):
    with pytest.raises(ValueError, match="student_id is empty"):
        g.student_seed(bad)


def test_student_seed_gives_personal_dataset():
    a = g.generate_posts(seed=g.student_seed("AB-1234"), n_posts=50)
    b = g.generate_posts(seed=g.student_seed("AB-1234"), n_posts=50)
    c = g.generate_posts(seed=g.student_seed("CD-5678"), n_posts=50)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


# --- determinism and argument checks -------------------------------------------------


@pytest.mark.parametrize("generator", GENERATORS, ids=lambda f: f.__name__)
def test_same_seed_identical_different_seed_differs(generator):
    pd.testing.assert_frame_equal(generator(seed=7), generator(seed=7))
    assert not generator(seed=7).equals(generator(seed=8))


@pytest.mark.parametrize("generator", GENERATORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", [-1, 1.5, "1", True])
def test_bad_seed_is_rejected(generator, seed):
    with pytest.raises((TypeError, ValueError), match="seed"):
        generator(seed=seed)


def test_numpy_integer_seed_accepted():
    pd.testing.assert_frame_equal(g.generate_ad_sets(seed=np.int64(3)), g.generate_ad_sets(seed=3))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_posts": 0}, "n_posts must be at least 1"),
        ({"weeks": 0}, "weeks must be at least 1"),
        ({"start": "not a date"}, "start must be a date"),
        ({"platforms": []}, "platforms is empty"),
        ({"platforms": ["myspace"]}, "each of platforms must be one of 'facebook', .*; got 'myspace'"),
        ({"platforms": "vk"}, "not one string"),
        ({"platforms": ["vk", "vk"]}, "twice"),
    ],
)
def test_generate_posts_bad_arguments(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        g.generate_posts(**kwargs)


# --- posts ----------------------------------------------------------------------------


def test_posts_columns_and_dtypes(posts):
    assert list(posts.columns) == [
        "post_id", "platform", "format", "category", "timestamp", "followers", "reach",
        "impressions", "likes", "comments", "shares", "clicks", "paid", "spend",
    ]
    assert len(posts) == 600
    for column in ["followers", "reach", "impressions", "likes", "comments", "shares", "clicks"]:
        assert pd.api.types.is_integer_dtype(posts[column]), column
    assert posts["paid"].dtype == bool
    assert posts["spend"].dtype == float
    assert pd.api.types.is_datetime64_dtype(posts["timestamp"])
    assert posts["timestamp"].dt.tz is None
    assert posts["post_id"].iloc[0] == "P0001" and posts["post_id"].iloc[-1] == "P0600"
    assert posts["post_id"].is_unique


def test_posts_time_window_and_hours(posts):
    start = pd.Timestamp("2025-01-06")
    assert posts["timestamp"].is_monotonic_increasing
    assert posts["timestamp"].min() >= start
    assert posts["timestamp"].max() < start + pd.Timedelta(weeks=12)
    hours = posts["timestamp"].dt.hour
    assert hours.between(7, 23).mean() > 0.9


def test_posts_counts_are_consistent(posts):
    numbers = posts[["followers", "reach", "impressions", "likes", "comments", "shares", "clicks"]]
    assert (numbers >= 0).all().all()
    assert (posts["impressions"] >= posts["reach"]).all()
    for column in ["likes", "comments", "shares", "clicks"]:
        assert (posts[column] <= posts["reach"]).all(), column
    frequency = posts["impressions"].sum() / posts["reach"].sum()
    assert 1.1 <= frequency <= 2.5


def test_posts_paid_and_spend(posts):
    assert (posts.loc[~posts["paid"], "spend"] == 0).all()
    assert (posts.loc[posts["paid"], "spend"] > 0).all()
    assert (posts["spend"].round(2) == posts["spend"]).all()
    assert not posts.loc[posts["platform"] == "telegram", "paid"].any()
    share = posts["reach"] / posts["followers"]
    assert share[posts["paid"]].median() > share[~posts["paid"]].median()


def test_posts_organic_reach_is_a_few_percent_and_heavy_tailed(posts):
    organic = posts[~posts["paid"]]
    assert 0.02 <= (organic["reach"] / organic["followers"]).median() <= 0.06
    assert posts["reach"].max() / posts["reach"].median() > 10
    assert posts["reach"].skew() > 1


def test_posts_category_mix_near_content_formula(posts):
    shares = posts["category"].value_counts(normalize=True)
    assert set(shares.index) <= set(g.CATEGORIES)
    for category, expected in g.CATEGORY_SHARES.items():
        assert abs(shares.get(category, 0.0) - expected) <= 0.10, category
    assert sum(g.CATEGORY_SHARES.values()) == pytest.approx(1.0)


def test_posts_formats_valid_per_platform(posts):
    assert set(posts["platform"]) == set(g.PLATFORMS)
    for platform, fmt in zip(posts["platform"], posts["format"], strict=True):
        assert fmt in g.PLATFORM_FORMATS[platform], (platform, fmt)
    assert "story" not in g.PLATFORM_FORMATS["telegram"]
    assert set(g.PLATFORM_FORMATS) == set(g.PLATFORMS)
    assert {f for fs in g.PLATFORM_FORMATS.values() for f in fs} == set(g.FORMATS)


def test_posts_followers_grow_per_platform(posts):
    for platform, group in posts.groupby("platform"):
        assert group["followers"].is_monotonic_increasing, platform
        assert group["followers"].iloc[-1] > group["followers"].iloc[0], platform


def test_posts_built_in_effects_show_up():
    big = g.generate_posts(seed=11, n_posts=6000)
    interactions = big["likes"] + big["comments"] + big["shares"]
    rate = interactions.groupby(big["category"]).sum() / big["reach"].groupby(big["category"]).sum()
    assert rate["advertising"] < 0.7 * rate["engaging"]
    by_format = interactions.groupby(big["format"]).sum() / big["reach"].groupby(big["format"]).sum()
    assert by_format["video"] > by_format["photo"] > by_format["link"]
    insta = big[big["platform"] == "instagram"]
    evening = insta["timestamp"].dt.hour.between(19, 22)
    morning = insta["timestamp"].dt.hour.between(7, 10)
    er = (insta["likes"] + insta["comments"] + insta["shares"]) / insta["reach"].clip(lower=1)
    assert er[evening].median() > 1.3 * er[morning].median()


def test_posts_platform_subset_and_small_sizes():
    df = g.generate_posts(seed=1, n_posts=1, platforms=("vk",))
    assert df["platform"].tolist() == ["vk"] and len(df) == 1
    wide = g.generate_posts(seed=1, n_posts=12_000, weeks=1)
    assert wide["post_id"].iloc[0] == "P00001"


# --- followers ------------------------------------------------------------------------


def test_followers_columns_and_sums():
    df = g.generate_followers(seed=0)
    assert list(df.columns) == ["date", "followers", "new_followers", "is_bot_spike"]
    assert len(df) == 180
    assert df["is_bot_spike"].dtype == bool
    assert pd.api.types.is_integer_dtype(df["followers"])
    assert pd.api.types.is_integer_dtype(df["new_followers"])
    assert df["date"].iloc[0] == pd.Timestamp("2025-01-06")
    assert (df["date"].diff().iloc[1:] == pd.Timedelta(days=1)).all()
    assert df["followers"].iloc[0] == 5000 + df["new_followers"].iloc[0]
    assert (df["followers"].diff().iloc[1:] == df["new_followers"].iloc[1:]).all()
    assert df["followers"].iloc[-1] == 5000 + df["new_followers"].sum()
    assert (df["followers"] >= 0).all()


@pytest.mark.parametrize("seed", range(12))
def test_followers_spikes_match_ground_truth(seed):
    df = g.generate_followers(seed=seed)
    spikes = np.flatnonzero(df["is_bot_spike"])
    assert len(spikes) == 4
    assert (np.diff(spikes) >= 2).all()  # distinct and never adjacent
    spike_gain = df.loc[df["is_bot_spike"], "new_followers"]
    other_gain = df.loc[~df["is_bot_spike"], "new_followers"]
    # every bot spike is bigger than every ordinary day, and far above the typical day
    assert spike_gain.min() > other_gain.max()
    assert spike_gain.min() > 5 * other_gain.median()


def test_followers_have_some_negative_days():
    negatives = sum((g.generate_followers(seed=s)["new_followers"] < 0).sum() for s in range(5))
    assert negatives > 0


def test_followers_spike_days_first_and_last_honoured():
    df = g.generate_followers(seed=3, days=60, spike_days=[59, 0])
    assert np.flatnonzero(df["is_bot_spike"]).tolist() == [0, 59]
    assert df["new_followers"].iloc[0] > 5 * df["new_followers"].iloc[1:59].median()


def test_followers_random_spikes_can_hit_the_edges():
    hits = set()
    for seed in range(300):
        spikes = np.flatnonzero(g.generate_followers(seed=seed, days=10, n_spikes=3)["is_bot_spike"])
        hits.update(spikes.tolist())
    assert {0, 9} <= hits


def test_followers_no_spikes():
    df = g.generate_followers(seed=0, n_spikes=0)
    assert not df["is_bot_spike"].any()
    assert not g.generate_followers(seed=0, spike_days=[])["is_bot_spike"].any()


def test_followers_maximum_packing():
    df = g.generate_followers(seed=1, days=7, n_spikes=4)
    assert np.flatnonzero(df["is_bot_spike"]).tolist() == [0, 2, 4, 6]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"days": 0}, "days must be at least 1"),
        ({"initial": -5}, "initial must be at least 0"),
        ({"n_spikes": -1}, "n_spikes must be at least 0"),
        ({"days": 10, "n_spikes": 6}, "at most 5"),
        ({"spike_days": [3, 4]}, "not adjacent"),
        ({"spike_days": [5, 5]}, "not adjacent"),
        ({"days": 30, "spike_days": [30]}, r"0\.\.29"),
        ({"spike_days": "12"}, "list of day numbers"),
    ],
)
def test_followers_bad_arguments(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        g.generate_followers(**kwargs)


# --- ad sets --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(10))
def test_ad_sets_are_plausible(seed):
    df = g.generate_ad_sets(seed=seed, n_ad_sets=10)
    assert list(df.columns) == ["ad_set", "segment", "impressions", "clicks", "spend", "leads"]
    assert df["segment"].tolist() == [g.SEGMENTS[i % 4] for i in range(10)]
    assert df["ad_set"].tolist()[:2] == ["AS01", "AS02"]
    ctr = df["clicks"] / df["impressions"]
    conversion = df["leads"] / df["clicks"]
    cpm = df["spend"] / df["impressions"] * 1000
    assert ctr.between(0.003, 0.02).all()
    assert conversion.between(0.02, 0.15).all()
    assert cpm.between(1.0, 8.0).all()
    assert (df["spend"].round(2) == df["spend"]).all()
    assert (df["leads"] <= df["clicks"]).all() and (df["clicks"] <= df["impressions"]).all()


def test_ad_sets_bad_count():
    with pytest.raises(ValueError, match="n_ad_sets must be at least 1"):
        g.generate_ad_sets(n_ad_sets=0)


# --- mentions -------------------------------------------------------------------------


def _weekly_negative_share(df: pd.DataFrame) -> pd.Series:
    week = (df["date"] - pd.Timestamp("2025-01-06")).dt.days // 7
    return df["sentiment"].eq("negative").groupby(week).mean()


def test_mentions_columns(mentions):
    assert list(mentions.columns) == ["mention_id", "date", "platform", "text", "sentiment"]
    assert len(mentions) == 400
    assert set(mentions["sentiment"]) == set(g.SENTIMENTS)
    assert set(mentions["platform"]) <= set(g.PLATFORMS)
    assert mentions["date"].is_monotonic_increasing
    assert (mentions["date"] == mentions["date"].dt.normalize()).all()
    assert mentions["mention_id"].is_unique


@pytest.mark.parametrize("seed", range(8))
def test_mentions_negative_surge(seed):
    weekly = _weekly_negative_share(g.generate_mentions(seed=seed))
    assert len(weekly) == 12
    assert (weekly > 0.25).sum() in (1, 2)
    assert (weekly <= 0.25).mean() > 0.5


def test_mentions_spell_the_brand_in_many_ways(mentions):
    text = mentions["text"]
    assert text.str.contains("Бахор", regex=False).any()
    assert text.str.contains("bahor bank", regex=False).any()
    assert text.str.contains("Bahr Bank", regex=False).any()  # a misspelling
    assert text.str.contains("|".join(g.COMPETITORS)).any()
    brand_or_industry = text.str.contains(
        "|".join(g.brand_variants() + g.COMPETITORS) + "|bank", case=False, regex=True
    )
    assert brand_or_industry.all()


def test_mentions_other_brand():
    df = g.generate_mentions(seed=0, n_mentions=60, weeks=3, brand="Acme Shop")
    assert df["text"].str.contains("Acme", case=False).mean() > 0.6
    assert not df["text"].str.contains("Bahor").any()


def test_mentions_mostly_agree_with_vader(mentions):
    vader = pytest.importorskip("vaderSentiment.vaderSentiment")
    analyzer = vader.SentimentIntensityAnalyzer()
    compound = mentions["text"].map(lambda t: analyzer.polarity_scores(t)["compound"])
    predicted = np.where(compound >= 0.05, "positive", np.where(compound <= -0.05, "negative", "neutral"))
    agreement = (predicted == mentions["sentiment"]).mean()
    assert 0.8 <= agreement < 1.0  # mostly, with some deliberately hard cases


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_mentions": 10, "weeks": 12}, "n_mentions must be at least 48"),
        ({"brand": "  "}, "brand is empty; pass one such as 'Bahor Bank'"),
    ],
)
def test_mentions_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        g.generate_mentions(**kwargs)


# --- snapshots ------------------------------------------------------------------------


def test_snapshot_registry():
    assert list(g.SNAPSHOTS) == ["posts", "followers", "ad_sets", "mentions"]
    for name, (generator, kwargs, description) in g.SNAPSHOTS.items():
        assert callable(generator) and isinstance(kwargs, dict), name
        assert description and "\n" not in description, name


def test_write_snapshots_into_folder(tmp_path):
    paths = g.write_snapshots(tmp_path / "out")
    assert [p.name for p in paths] == [f"{name}.csv" for name in g.SNAPSHOTS]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    posts = pd.read_csv(paths[0], parse_dates=["timestamp"])
    pd.testing.assert_frame_equal(posts, g.generate_posts(seed=0), check_dtype=False)
    assert paths[0].read_bytes().count(b"\r") == 0


@pytest.mark.parametrize("name", list(g.SNAPSHOTS))
def test_committed_snapshots_are_up_to_date(tmp_path, name):
    committed = datasets_dir() / "generated" / f"{name}.csv"
    assert committed.exists(), f"{committed} is missing: run `smm generate` and commit the result"
    fresh = {p.name: p for p in g.write_snapshots(tmp_path)}[f"{name}.csv"]
    assert committed.read_bytes() == fresh.read_bytes(), (
        f"{committed} differs from what smmlib.generate produces now: "
        "run `smm generate` and commit the updated snapshots"
    )


def test_snapshots_generate_quickly_enough_to_be_vectorised():
    # Not a timing assertion: a size check that generation scales with n (no quadratic loops).
    big = g.generate_posts(seed=0, n_posts=20_000)
    assert len(big) == 20_000 and big["post_id"].is_unique
