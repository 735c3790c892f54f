"""Tests of smmlib.community: transliteration, the semantic-core matcher, VADER wrapper,
weekly negative shares with alerts, the response-time SLA summary and the monitor widget."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from smmlib import community as c
from smmlib import widgets
from smmlib.generate import COMPETITORS, generate_mentions


@pytest.fixture(scope="module")
def core() -> c.SemanticCore:
    return c.build_semantic_core(
        "Bahor Bank", products=["Bahor Pay"], executives={"Aziz Karimov": ["CEO"]},
        competitors=["Lola Bank"], industry=["which bank"])


# ----------------------------------------------------------------------------- transliteration

@pytest.mark.parametrize("text, expected", [
    ("Бахор Банк", "bakhor bank"),
    ("ЖЁЛТЫЙ", "zhyoltyy"),
    ("Ўзбекистон ҳаёти", "ozbekiston hayoti"),   # Uzbek letters
    ("Қазақстан Әлемі", "qazaqstan alemi"),      # Kazakh letters
    ("Mixed Бахор", "mixed bakhor"),
])
def test_transliterate(text, expected):
    assert c.transliterate(text) == expected


def test_to_cyrillic_round_trip_through_normalise():
    assert c.to_cyrillic("Bahor Bank") == "Бахор Банк"
    assert c.to_cyrillic("Zhanna Khan") == "Жанна Хан"
    assert c.normalise(c.to_cyrillic("Lola Bank")) == "lola bank"


def test_normalise_splits_on_punctuation_and_drops_apostrophes():
    assert c.normalise("«Бахор-Банк»!!! #BahorBank O‘zbek g'alaba") == "bakhor bank bahorbank ozbek galaba"
    assert c.normalise("Café") == "cafe"
    assert c.normalise("🙂 ...") == ""


@pytest.mark.parametrize("a, b, d", [
    ("bahor", "bahor", 0), ("bahor", "bahr", 1), ("bahor", "bakhor", 1), ("bahor", "baxor", 1),
    ("bahor", "bhaor", 1), ("bank", "bonk", 1), ("kitten", "sitting", 3), ("", "abc", 3),
    ("bahor", "lola", 5),
])
def test_edit_distance_by_hand(a, b, d):
    assert c.edit_distance(a, b) == d
    assert c.edit_distance(b, a) == d


# ----------------------------------------------------------------------------- matcher

@pytest.mark.parametrize("text", [
    "Bahor Bank", "bahor bank is fine", "BAHOR BANK!!!", "BahorBank", "#bahorbank", "bahor-bank",
    "Бахор Банк", "бахор банк помог", "Баҳор Банк",        # Cyrillic, Uzbek ҳ
    "Bakhor Bank", "Baxor Bank", "Bahr Bank", "Bhaor Bank", "Bahor Bnak", "Bahor bank's app",
    "I went to Бахор-Банк today",
])
def test_brand_found_in_every_spelling(core, text):
    assert c.mentions_query(text, core.queries[0]), text


@pytest.mark.parametrize("text", [
    "Lola Bank is great",            # a competitor, not us
    "Bahor keldi, spring is here",   # the word 'bahor' alone (Uzbek for spring)
    "the bank near my house",
    "Bahor Bankomat",                # a longer word is not a one-letter typo
    "Sahar Bonk",                    # two typos
    "Bahrain Bank",
    "",
    "Баня",
])
def test_unrelated_texts_not_matched(core, text):
    assert not c.mentions_query(text, core.queries[0]), text


def test_short_words_need_exact_match():
    q = c.Query("Oq Bank", "competitor")
    assert c.mentions_query("Oq Bank", q)
    assert not c.mentions_query("Ok Bank", q)          # 'oq' has 2 letters: no fuzziness
    assert c.mentions_query("Bahor Bank", c.Query("Bahor Bank", "brand"), max_edits=0)


def test_max_edits_zero_is_exact():
    q = c.Query("Bahor Bank", "brand")
    assert c.mentions_query("Бахор Банк", c.Query("Bakhor Bank", "brand"), max_edits=0)
    assert not c.mentions_query("Bahr Bank", q, max_edits=0)
    with pytest.raises(ValueError, match="max_edits"):
        c.mentions_query("x", q, max_edits=-1)


def test_executive_needs_a_qualifier(core):
    exec_query = [q for q in core.queries if q.category == "executive"][0]
    assert exec_query.qualifiers == ("CEO", "Bahor Bank")
    assert c.mentions_query("Interview with CEO Aziz Karimov", exec_query)
    assert c.mentions_query("Азиз Каримов из Бахор Банка", exec_query)
    assert not c.mentions_query("My neighbour Aziz Karimov bought a car", exec_query)


def test_brand_spellings():
    assert c.brand_spellings(" Bahor  Bank ") == [
        "Bahor Bank", "bahor bank", "BahorBank", "bahor-bank", "#bahorbank", "Бахор Банк"]
    assert c.brand_spellings("Бахор Банк")[-1] == "Bakhor Bank"
    with pytest.raises(ValueError, match="brand"):
        c.brand_spellings("  ")


def test_core_build_categories_and_warnings(core):
    grouped = core.by_category()
    assert grouped["product"] == ["Bahor Pay", "Бахор Пай"]
    assert grouped["competitor"] == ["Lola Bank", "Лола Банк"]
    assert grouped["industry"] == ["which bank"]
    assert len(core.queries) == 6 + 2 + 1 + 2 + 1
    assert any("about 20-50" in w for w in core.warnings())
    assert list(core.table().columns) == ["query", "category", "qualifiers"]
    big = c.build_semantic_core("Bahor Bank", industry=[f"phrase {i}" for i in range(60)])
    assert any("more than about 50" in w for w in big.warnings())
    assert [q.category for q in core.select(["competitor"]).queries] == ["competitor", "competitor"]
    with pytest.raises(ValueError, match="unknown categories"):
        core.select(["brands"])


def test_core_bad_input():
    with pytest.raises(TypeError, match="competitors=\\['Lola Bank'\\]"):
        c.build_semantic_core("Bahor Bank", competitors="Lola Bank")
    with pytest.raises(ValueError, match="each of products is empty; pass one such as 'Bahor Pay'"):
        c.build_semantic_core("Bahor Bank", products=[""])
    with pytest.raises(ValueError, match="category"):
        c.Query("x", "brands")
    with pytest.raises(ValueError, match="letters or digits"):
        c.Query("!!!", "brand")


def test_match_mentions_columns_and_categories(core):
    out = c.match_mentions(["Bahor Pay crashed", "Lola Bank vs Бахор Банк", "Which bank is best?", "hello"], core)
    assert out["matched"].tolist() == [True, True, True, False]
    assert out["categories"].tolist() == ["product", "brand, competitor", "industry", ""]
    assert out["queries"].iloc[3] == ""
    with pytest.raises(KeyError, match="no column 'message'"):
        c.match_mentions(pd.DataFrame({"text": ["a"]}), core, text_column="message")
    with pytest.raises(ValueError, match="no queries"):
        c.match_mentions(["a"], [])


def test_generated_mentions_all_found_by_a_good_core():
    mentions = generate_mentions(seed=3, n_mentions=150, weeks=4)
    core = c.build_semantic_core("Bahor Bank", competitors=list(COMPETITORS),
                                 industry=["which bank", "choose a bank", "mortgage"])
    matched = c.match_mentions(mentions, core)
    assert matched["matched"].all()
    brand_only = c.match_mentions(mentions, core.select(["brand"]))
    assert 0.7 < brand_only["matched"].mean() < 1.0   # industry talk without the brand is missed


# ----------------------------------------------------------------------------- VADER

def test_vader_label_cutoffs():
    assert c.vader_label(0.05) == "positive"
    assert c.vader_label(-0.05) == "negative"
    assert c.vader_label(0.0499) == "neutral"
    assert c.vader_label(float("nan")) == "neutral"
    assert c.vader_label(0.3, threshold=0.5) == "neutral"
    with pytest.raises(TypeError):
        c.vader_label("0.3")


def test_vader_scores_english_and_its_limits():
    texts = pd.Series(["I love this bank, great service!", "Terrible app, I hate it.",
                       "Бахор Банк — ужасный сервис", "Great, the app crashed again."], index=[10, 11, 12, 13])
    scores = c.vader_scores(texts)
    assert scores.index.tolist() == [10, 11, 12, 13]
    assert scores["label"].tolist()[:3] == ["positive", "negative", "neutral"]
    assert scores.loc[12, "compound"] == 0.0              # Russian: VADER knows no Russian words
    assert scores.loc[13, "label"] == "positive"          # sarcasm fools it
    with pytest.raises(TypeError, match="not one string"):
        c.vader_scores("hello")
    with pytest.raises(TypeError, match="every text"):
        c.vader_scores(["ok", None])


def test_vader_mostly_agrees_with_generated_labels():
    mentions = generate_mentions(seed=1)
    agree = (c.vader_scores(mentions["text"])["label"] == mentions["sentiment"]).mean()
    assert 0.8 < agree < 0.99   # good, but the hard cases (sarcasm) are missed


# ----------------------------------------------------------------------------- weekly shares

def _mentions(week_labels: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(pd.Timestamp(day) + pd.Timedelta(days=i % 7), lab)
            for day, labels in week_labels.items() for i, lab in enumerate(labels)]
    return pd.DataFrame(rows, columns=["date", "sentiment"])


def test_weekly_sentiment_by_hand():
    df = _mentions({"2025-01-06": ["negative"] * 1 + ["positive"] * 5 + ["neutral"] * 4,   # 10%
                    "2025-01-20": ["negative"] * 3 + ["neutral"] * 7,                       # 30%
                    "2025-01-27": ["negative", "neutral"]})                                 # 50%, 2 mentions
    weekly = c.weekly_sentiment(df)
    assert weekly["week"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27"]
    assert weekly["mentions"].tolist() == [10, 0, 10, 2]
    assert weekly["negative"].tolist() == [1, 0, 3, 1]
    np.testing.assert_allclose(weekly["negative_share"], [0.1, np.nan, 0.3, 0.5])
    assert weekly["status"].tolist() == ["below band", "no data", "above band: alert", "above band: alert"]
    assert weekly["alert"].tolist() == [False, False, True, False]   # 2 mentions < min_mentions=5
    assert c.weekly_sentiment(df, min_mentions=1)["alert"].tolist() == [False, False, True, True]
    assert c.weekly_sentiment(df, band=(0.05, 0.35))["alert"].tolist() == [False, False, False, False]


def test_weekly_sentiment_boundary_is_not_an_alert():
    df = _mentions({"2025-01-06": ["negative"] * 1 + ["neutral"] * 3})   # exactly 25%
    assert c.weekly_sentiment(df, min_mentions=1)["alert"].tolist() == [False]


def test_weekly_sentiment_finds_generated_surge():
    weekly = c.weekly_sentiment(generate_mentions(seed=0))
    assert 1 <= weekly["alert"].sum() <= 2
    assert weekly.loc[weekly["alert"], "mentions"].min() > weekly.loc[~weekly["alert"], "mentions"].median()


def test_weekly_sentiment_errors():
    with pytest.raises(KeyError, match="sentiment"):
        c.weekly_sentiment(pd.DataFrame({"date": []}))
    with pytest.raises(ValueError, match="unknown sentiment"):
        c.weekly_sentiment(pd.DataFrame({"date": ["2025-01-06"], "sentiment": ["angry"]}))
    with pytest.raises(ValueError, match="band"):
        c.weekly_sentiment(_mentions({"2025-01-06": ["negative"]}), band=(0.3, 0.2))
    with pytest.raises(ValueError, match="not a date"):
        c.weekly_sentiment(pd.DataFrame({"date": ["soon"], "sentiment": ["negative"]}))
    empty = c.weekly_sentiment(pd.DataFrame({"date": [], "sentiment": []}))
    assert empty.empty and "alert" in empty.columns


def test_weekly_figure_is_labelled():
    from smmlib.viz import figure_problems

    fig = c.weekly_figure(c.weekly_sentiment(generate_mentions(seed=2)))
    assert figure_problems(fig) == []


# ----------------------------------------------------------------------------- SLA

def test_sla_summary_by_hand():
    df = pd.DataFrame({
        "received": pd.to_datetime(["2025-01-06 09:00", "2025-01-06 10:00", "2025-01-06 11:00",
                                    "2025-01-06 12:00", "2025-01-06 13:00"]),
        "replied": pd.to_datetime(["2025-01-06 09:15", "2025-01-06 11:00", "2025-01-06 14:00",
                                   None, "2025-01-06 13:30"]),
    })
    s = c.sla_summary(df, sla_hours=1)
    # reply times: 0.25, 1.0, 3.0, (none), 0.5 hours
    assert (s.messages, s.answered, s.within_sla) == (5, 4, 3)
    assert s.response_rate == pytest.approx(0.8)
    assert s.within_sla_rate == pytest.approx(0.6)              # the unanswered one counts as missed
    assert s.median_hours == pytest.approx((0.5 + 1.0) / 2)
    assert s.p90_hours == pytest.approx(1.0 + 0.7 * (3.0 - 1.0))  # linear interpolation, 4 values
    assert "4 of 5 messages answered (80%)" in s.text()
    assert c.sla_summary(df, sla_hours=0.25).within_sla == 1


def test_sla_summary_errors():
    ok = pd.DataFrame({"received": pd.to_datetime(["2025-01-06 09:00"]), "replied": [pd.NaT]})
    s = c.sla_summary(ok)
    assert s.answered == 0 and math.isnan(s.median_hours)
    with pytest.raises(ValueError, match="before it arrived"):
        c.sla_summary(pd.DataFrame({"received": pd.to_datetime(["2025-01-06 09:00"]),
                                    "replied": pd.to_datetime(["2025-01-06 08:00"])}))
    with pytest.raises(ValueError, match="sla_hours"):
        c.sla_summary(ok, sla_hours=0)
    with pytest.raises(KeyError, match="replied"):
        c.sla_summary(ok.drop(columns="replied"))
    with pytest.raises(ValueError, match="empty"):
        c.sla_summary(ok.iloc[0:0])


def test_generate_messages_seeded_and_plausible():
    a = c.generate_messages(seed=4, n_messages=300)
    pd.testing.assert_frame_equal(a, c.generate_messages(seed=4, n_messages=300))
    assert not a.equals(c.generate_messages(seed=5, n_messages=300))
    assert a["received"].is_monotonic_increasing
    assert 0.85 < a["replied"].notna().mean() < 0.98
    s = c.sla_summary(a, sla_hours=1)
    assert 0.3 < s.within_sla_rate < 0.8
    with pytest.raises(ValueError, match="n_messages"):
        c.generate_messages(n_messages=0)
    with pytest.raises(TypeError, match=r"generate_messages\(\): weeks must be a whole number, got float 2.5"):
        c.generate_messages(weeks=2.5)


# ----------------------------------------------------------------------------- widget

def test_monitor_text_changes_with_threshold(core):
    mentions = generate_mentions(seed=0)
    monitor = widgets.mention_monitor(mentions, core)
    before = monitor.summary.value
    monitor.threshold.value = 0.26
    assert monitor.summary.value != before
    assert "26%" in monitor.summary.value
    text, weekly, hits = monitor.update(["competitor"], 0.25)
    assert "competitor" in text and len(hits) < len(mentions)
    text, weekly, hits = monitor.update([], 0.25)
    assert "Matched 0 of" in text and weekly.empty
