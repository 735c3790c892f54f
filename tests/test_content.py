"""smmlib.content: mixes, rebalancing, calendar generation and validation (one test per rule)."""

from __future__ import annotations

import pandas as pd
import pytest

from smmlib.content import (
    CATEGORIES,
    FORMULA_MIX,
    RULES,
    CalendarRules,
    calendar_errors,
    generate_calendar,
    mix_distance,
    mix_figure,
    mix_shares,
    mix_warnings,
    normalise_mix,
    rebalance_percent,
    validate_calendar,
)
from smmlib.viz import figure_problems

# ----------------------------------------------------------------------------- mixes


def test_mix_shares_by_hand():
    shares = mix_shares(["engaging"] * 4 + ["educational"] * 3 + ["advertising"] * 1)
    assert list(shares.index) == list(CATEGORIES)
    assert shares.tolist() == [0.5, 0.0, 0.375, 0.125]


def test_mix_shares_rejects_unknown_and_empty():
    with pytest.raises(ValueError, match="unknown categories \\['memes'\\]"):
        mix_shares(["engaging", "memes"])
    with pytest.raises(ValueError, match="no posts"):
        mix_shares([])


def test_mix_distance_by_hand():
    # |0.2-0.4| + |0.3-0.3| + |0.2-0.25| + |0.3-0.05| = 0.2 + 0 + 0.05 + 0.25 = 0.5 -> half = 0.25
    mix = {"engaging": 0.2, "user_generated": 0.3, "educational": 0.2, "advertising": 0.3}
    assert mix_distance(mix) == pytest.approx(0.25)
    assert mix_distance(FORMULA_MIX) == 0.0
    # counts and percents are normalised first
    assert mix_distance({"engaging": 20, "user_generated": 30, "educational": 20, "advertising": 30}) \
        == pytest.approx(0.25)
    assert mix_distance({"advertising": 1}, {"engaging": 1}) == pytest.approx(1.0)


def test_normalise_mix_errors():
    with pytest.raises(ValueError, match="unknown categories"):
        normalise_mix({"ads": 1})
    with pytest.raises(ValueError, match="all zeros"):
        normalise_mix({"engaging": 0})
    with pytest.raises(ValueError, match=">= 0"):
        normalise_mix({"engaging": -1, "advertising": 2})
    with pytest.raises(TypeError, match="must be a number"):
        normalise_mix({"engaging": "40"})


def test_mix_warnings():
    assert mix_warnings(FORMULA_MIX) == []
    heavy_ads = {"engaging": 0.4, "user_generated": 0.23, "educational": 0.25, "advertising": 0.12}
    # 12% ads is within 10 points of 5% but more than twice the target: flagged
    assert len(mix_warnings(heavy_ads)) == 1 and "Advertising is 12%" in mix_warnings(heavy_ads)[0]
    # exactly twice the target (10%) is tolerated
    assert mix_warnings({"engaging": 0.4, "user_generated": 0.25, "educational": 0.25, "advertising": 0.1}) == []
    no_ugc = {"engaging": 0.55, "user_generated": 0.0, "educational": 0.4, "advertising": 0.05}
    text = " ".join(mix_warnings(no_ugc))
    assert "User-generated is 0%" in text and "Engaging is 55%" in text and "Educational is 40%" in text
    assert mix_warnings({"engaging": 0.45, "user_generated": 0.3, "educational": 0.25}) == []


def test_mix_figure_is_a_course_chart():
    assert figure_problems(mix_figure(FORMULA_MIX)) == []


# ----------------------------------------------------------------------------- rebalancing


def test_rebalance_keeps_proportions_by_hand():
    # others 40:30:25 share the remaining 75: 31.58, 23.68, 19.74 -> 31, 24, 20 (largest remainders)
    mix = {"engaging": 40, "user_generated": 30, "educational": 25, "advertising": 5}
    assert rebalance_percent(mix, "advertising", 25) == {
        "engaging": 31, "user_generated": 24, "educational": 20, "advertising": 25}


@pytest.mark.parametrize("changed", CATEGORIES)
@pytest.mark.parametrize("value", [0, 1, 37, 99, 100])
def test_rebalance_always_sums_to_100(changed, value):
    for mix in ({"engaging": 40, "user_generated": 30, "educational": 25, "advertising": 5},
                {"engaging": 0, "user_generated": 0, "educational": 0, "advertising": 100},
                {"engaging": 33, "user_generated": 33, "educational": 34, "advertising": 0}):
        result = rebalance_percent(mix, changed, value)
        assert sum(result.values()) == 100
        assert result[changed] == value
        assert all(v >= 0 and isinstance(v, int) for v in result.values())


def test_rebalance_from_all_zero_others_shares_equally():
    mix = {"engaging": 100, "user_generated": 0, "educational": 0, "advertising": 0}
    assert rebalance_percent(mix, "engaging", 40) == {
        "engaging": 40, "user_generated": 20, "educational": 20, "advertising": 20}


def test_rebalance_errors():
    mix = dict.fromkeys(CATEGORIES, 25)
    with pytest.raises(ValueError, match="changed must be one of"):
        rebalance_percent(mix, "ads", 10)
    with pytest.raises(ValueError, match=r"value \(a whole percent\) must be a whole number from 0 to 100, got 101"):
        rebalance_percent(mix, "engaging", 101)
    with pytest.raises(TypeError, match=r"value \(a whole percent\) must be a whole number, got float 12.5"):
        rebalance_percent(mix, "engaging", 12.5)


# ----------------------------------------------------------------------------- generator


@pytest.mark.parametrize("seed", range(8))
def test_generated_calendars_pass_the_validator(seed):
    cal = generate_calendar(seed=seed, weeks=4, posts_per_day={"facebook": 1, "instagram": 2})
    assert validate_calendar(cal) == []
    assert len(cal) == 4 * 7 * 3
    assert list(cal.columns) == ["date", "week", "weekday", "platform", "slot", "category", "form", "humour"]


def test_generator_is_seeded():
    a = generate_calendar(seed=5)
    assert a.equals(generate_calendar(seed=5))
    assert not a.equals(generate_calendar(seed=6))


def test_generator_mix_and_humour():
    cal = generate_calendar(seed=2, weeks=4, posts_per_day={"facebook": 1})
    # 28 posts: 11.2, 8.4, 7, 1.4 -> largest remainders give 11, 9, 7, 1
    assert mix_shares(cal["category"]).mul(28).round().tolist() == [11, 9, 7, 1]
    assert cal.groupby("week")["humour"].sum().tolist() == [1, 1, 1, 1]
    assert set(cal.loc[cal["humour"], "category"]) == {"engaging"}


def test_generator_respects_custom_rules():
    rules = CalendarRules(max_ads_in_row=2, max_humour_per_week=2, max_posts_per_day=3,
                          target_mix={"engaging": 0.5, "advertising": 0.5}, mix_tolerance=0.05)
    cal = generate_calendar(seed=1, weeks=2, posts_per_day={"telegram": 3}, rules=rules)
    assert validate_calendar(cal, rules) == []
    assert validate_calendar(cal) != []  # the default rules disagree with that plan


def test_generator_errors():
    with pytest.raises(ValueError, match="at most 2 posts a day"):
        generate_calendar(posts_per_day={"facebook": 3})
    with pytest.raises(ValueError, match="weeks must be"):
        generate_calendar(weeks=0)
    with pytest.raises(TypeError, match=r"generate_calendar\(\): weeks must be a whole number, got a bool"):
        generate_calendar(weeks=True)
    with pytest.raises(ValueError, match=r"posts_per_day\['vk'\] must be at least 1, got 0"):
        generate_calendar(posts_per_day={"vk": 0})
    with pytest.raises(ValueError, match="cannot place"):
        generate_calendar(rules=CalendarRules(target_mix={"advertising": 1}, mix_tolerance=0.0))
    with pytest.raises(ValueError, match="start must be a date"):
        generate_calendar(start="someday")


# ----------------------------------------------------------------------------- validator, one rule each


def _calendar(categories, humour=None, start="2025-01-06", platform="facebook", dates=None):
    n = len(categories)
    return pd.DataFrame({
        "date": dates if dates is not None else pd.date_range(start, periods=n, freq="D"),
        "platform": platform,
        "category": categories,
        "humour": humour if humour is not None else [False] * n,
    })


# 20 posts exactly on the formula: 8 engaging, 6 user-generated, 5 educational, 1 ad
GOOD = ["engaging", "user_generated", "educational", "engaging", "user_generated"] * 3 + \
    ["engaging", "educational", "educational", "engaging", "advertising"]


def test_fixture_calendar_is_valid():
    assert mix_shares(GOOD).tolist() == [0.4, 0.3, 0.25, 0.05]
    assert validate_calendar(_calendar(GOOD)) == []


def _rules_of(violations):
    return sorted({v.rule for v in violations})


def test_rule_columns():
    found = validate_calendar(_calendar(GOOD).drop(columns="humour"))
    assert _rules_of(found) == ["columns"] and "humour" in found[0].reason


def test_rule_category():
    cats = GOOD.copy()
    cats[0] = "memes"
    found = [v for v in validate_calendar(_calendar(cats)) if v.rule == "category"]
    assert len(found) == 1 and "'memes'" in found[0].reason and found[0].rows == (0,)


def test_rule_mix():
    cats = ["advertising" if c == "engaging" and i < 8 else c for i, c in enumerate(GOOD)]
    found = validate_calendar(_calendar(cats), CalendarRules(max_ads_in_row=20))
    assert _rules_of(found) == ["mix"]
    assert any("advertising posts are" in v.reason for v in found)


def test_rule_ads_in_row():
    cats = GOOD.copy()
    cats[18], cats[19] = "advertising", "engaging"  # swap: ad now at 18 ... make two in a row
    cats[17] = "advertising"
    cats[19] = "advertising"
    found = [v for v in validate_calendar(_calendar(cats)) if v.rule == "ads_in_row"]
    assert len(found) == 1 and "3 advertising posts in a row" in found[0].reason
    assert found[0].rows == (17, 18, 19)


def test_rule_ads_in_row_uses_slot_order_within_a_day():
    cal = pd.DataFrame({"date": pd.to_datetime(["2025-01-06"] * 2 + ["2025-01-07"] * 2),
                        "platform": "facebook", "slot": [2, 1, 1, 2],
                        "category": ["advertising", "engaging", "advertising", "engaging"],
                        "humour": False})
    # ordered by slot: engaging, advertising | advertising, engaging -> two ads in a row
    assert [v.rule for v in validate_calendar(cal) if v.rule == "ads_in_row"] == ["ads_in_row"]


def test_rule_humour():
    humour = [False] * 20
    humour[0] = humour[3] = True  # both in week 1
    humour[7] = True  # week 2: fine
    assert validate_calendar(_calendar(GOOD, humour=humour)) == []  # no humour limit unless a brief sets one
    bank = CalendarRules(max_humour_per_week=1)  # source 003's bank example
    found = validate_calendar(_calendar(GOOD, humour=humour), bank)
    assert _rules_of(found) == ["humour"]
    assert "2 humour posts in week 1" in found[0].reason and found[0].rows == (0, 3)
    assert found[0].severity == "warning" and "bank example" in found[0].source


def test_rule_posts_per_day():
    dates = list(pd.date_range("2025-01-06", periods=19, freq="D"))
    dates.insert(0, dates[0])  # three posts on the first day
    dates.insert(0, dates[0])
    dates = dates[:20]
    found = validate_calendar(_calendar(GOOD, dates=dates))
    assert _rules_of(found) == ["posts_per_day"]
    assert "3 posts on 2025-01-06" in found[0].reason


def test_rule_gap():
    dates = list(pd.date_range("2025-01-06", periods=20, freq="D"))
    dates[10:] = [d + pd.Timedelta(days=3) for d in dates[10:]]
    found = validate_calendar(_calendar(GOOD, dates=dates))
    assert _rules_of(found) == ["gap"]
    assert "no post for 3 days" in found[0].reason


def test_every_violation_is_reported_at_once():
    cats = ["advertising"] * 5 + ["memes"] + ["engaging"] * 4
    humour = [False] * 5 + [False] + [True] * 4
    dates = list(pd.date_range("2025-01-06", periods=9, freq="D")) + [pd.Timestamp("2025-01-30")]
    dates[1] = dates[0]
    dates[2] = dates[0]
    cal = _calendar(cats, humour=humour, dates=dates)
    cal.loc[9, "platform"] = "myspace"
    rules = CalendarRules(max_humour_per_week=1, start="2025-01-06", end="2025-01-20")
    found = validate_calendar(cal, rules)
    assert _rules_of(found) == sorted(set(RULES) - {"columns"})
    assert all(str(v).startswith(f"[{v.severity if v.is_error else 'guideline'}: {v.rule}] ") for v in found)
    assert [v.rule for v in calendar_errors(found)] == ["category", "platform", "period"]  # errors come first
    assert all(v.source for v in found if not v.is_error)


def test_guidelines_are_warnings_with_their_source_and_never_errors():
    # two ads in a row, three posts a day, a five-day gap and a 100 % advertising mix: all only warnings
    cal = _calendar(["advertising"] * 4, dates=pd.to_datetime(["2025-01-06"] * 3 + ["2025-01-12"]))
    found = validate_calendar(cal)
    assert calendar_errors(found) == []
    assert {v.rule for v in found} == {"mix", "ads_in_row", "posts_per_day", "gap"}
    mix = next(v for v in found if v.rule == "mix")
    assert "source 004" in mix.source and "(Guideline from source 004's 40/30/25/5" in str(mix)


def test_a_brief_sets_its_own_limits_or_switches_guidelines_off():
    cal = _calendar(["advertising"] * 4, dates=pd.to_datetime(["2025-01-06"] * 3 + ["2025-01-07"]))
    relaxed = CalendarRules(target_mix=None, max_ads_in_row=None, max_posts_per_day=3)
    assert validate_calendar(cal, relaxed) == []


def test_errors_unknown_platform_and_post_outside_the_period():
    cal = _calendar(GOOD)
    cal.loc[3, "platform"] = "Facebok"
    found = calendar_errors(validate_calendar(cal, CalendarRules(end="2025-01-20")))
    assert [v.rule for v in found] == ["platform", "period"]
    assert "'Facebok'" in found[0].reason and "check the spelling" in found[0].reason
    assert found[1].rows == (15, 16, 17, 18, 19)  # 21-25 January
    assert "after the plan's period" in found[1].reason
    # a brief can narrow the platforms: instagram-only
    only_ig = CalendarRules(platforms=["instagram"])
    assert [v.rule for v in calendar_errors(validate_calendar(_calendar(GOOD), only_ig))] == ["platform"]


def test_rules_are_checked_per_platform():
    fb = _calendar(GOOD)
    ig = _calendar(GOOD, platform="instagram")
    assert validate_calendar(pd.concat([fb, ig], ignore_index=True)) == []


def test_calendar_rules_validation():
    with pytest.raises(ValueError, match="max_ads_in_row"):
        CalendarRules(max_ads_in_row=-1)
    with pytest.raises(ValueError, match=r"CalendarRules\(\): max_posts_per_day must be at least 1, got 0"):
        CalendarRules(max_posts_per_day=0)
    with pytest.raises(ValueError, match="mix_tolerance"):
        CalendarRules(mix_tolerance=1.5)
    with pytest.raises(ValueError, match="end .* is before start"):
        CalendarRules(start="2025-02-01", end="2025-01-01")
    with pytest.raises(ValueError, match="start must be a date"):
        CalendarRules(start="soon")
    with pytest.raises(TypeError, match="DataFrame"):
        validate_calendar([1, 2])
