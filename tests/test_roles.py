"""smmlib.roles: duty groups, the time log, skills gaps, reviews; the skills widget."""

from __future__ import annotations

import pandas as pd
import pytest

from smmlib.roles import (
    ACTIVITIES,
    DUTY_GROUPS,
    EIGHT_TASKS,
    SKILLS,
    TARGET_PROFILES,
    TEAM_ROLES,
    gap_summary,
    generate_candidate_reviews,
    generate_time_log,
    radar_figure,
    review_profile,
    skill_gaps,
    starved_groups,
    suspicious_candidates,
    time_shares,
)
from smmlib.viz import figure_problems


def test_reference_lists():
    assert list(DUTY_GROUPS) == ["strategy", "marketing", "dialogue", "posting", "creative",
                                 "monitoring", "management"]
    assert len(EIGHT_TASKS) == 8
    assert len(TEAM_ROLES) == 4
    assert len(ACTIVITIES) >= 20 and set(ACTIVITIES.values()) == set(DUTY_GROUPS)
    assert set(SKILLS.values()) == {"soft", "hard"}
    for profile in TARGET_PROFILES.values():
        assert set(profile) == set(SKILLS) and all(0 <= v <= 5 for v in profile.values())


# ----------------------------------------------------------------------------- time log


def test_time_log_shape_and_hours():
    log = generate_time_log(seed=1, days=5, hours_per_day=8)
    assert list(log.columns) == ["date", "start", "minutes", "activity", "duty_group"]
    assert log.groupby("date")["minutes"].sum().tolist() == [480] * 5
    assert log["date"].dt.day_of_week.max() < 5  # working days only
    assert set(log["activity"]).issubset(ACTIVITIES)
    assert (log["activity"].map(ACTIVITIES) == log["duty_group"]).all()
    # tasks follow each other without overlap
    day = log[log["date"] == log["date"].iloc[0]]
    ends = day["start"] + pd.to_timedelta(day["minutes"], unit="min")
    assert (day["start"].iloc[1:].to_numpy() == ends.iloc[:-1].to_numpy()).all()


def test_time_log_is_seeded():
    assert generate_time_log(seed=4).equals(generate_time_log(seed=4))
    assert not generate_time_log(seed=4).equals(generate_time_log(seed=5))


@pytest.mark.parametrize("group", list(DUTY_GROUPS))
def test_named_starved_group_is_the_only_one_found(group):
    shares = time_shares(generate_time_log(seed=11, starved=group))
    assert starved_groups(shares) == [group]


def test_seed_picks_different_starved_groups():
    found = {starved_groups(time_shares(generate_time_log(seed=s)))[0] for s in range(40)}
    assert len(found) >= 5


def test_time_shares_by_hand():
    log = pd.DataFrame({"minutes": [60, 30, 30, 120], "duty_group": ["posting", "dialogue", "posting", "strategy"]})
    shares = time_shares(log)
    assert list(shares.index) == list(DUTY_GROUPS)
    assert shares["posting"] == pytest.approx(90 / 240)
    assert shares["dialogue"] == pytest.approx(30 / 240)
    assert shares["strategy"] == pytest.approx(0.5)
    assert shares["creative"] == 0.0
    assert shares.sum() == pytest.approx(1.0)


def test_time_shares_errors():
    with pytest.raises(ValueError, match="missing \\['minutes'\\]"):
        time_shares(pd.DataFrame({"duty_group": ["posting"]}))
    with pytest.raises(ValueError, match="unknown duty groups \\['lunch'\\]"):
        time_shares(pd.DataFrame({"minutes": [10], "duty_group": ["lunch"]}))
    with pytest.raises(ValueError, match="no time"):
        time_shares(pd.DataFrame({"minutes": [0], "duty_group": ["posting"]}))
    with pytest.raises(ValueError, match="starved must be one of"):
        generate_time_log(starved="lunch")


def test_starved_groups_floor():
    shares = pd.Series({"strategy": 0.049, "posting": 0.05, "creative": 0.01})
    assert starved_groups(shares) == ["creative", "strategy"]
    assert starved_groups(shares, floor=0.02) == ["creative"]
    with pytest.raises(ValueError, match="floor"):
        starved_groups(shares, floor=5)


# ----------------------------------------------------------------------------- skills


def test_skill_gaps_by_hand():
    me = dict.fromkeys(SKILLS, 2)
    gaps = skill_gaps(me, "junior specialist")
    target = TARGET_PROFILES["junior specialist"]
    assert gaps.set_index("skill")["gap"].to_dict() == {s: target[s] - 2 for s in SKILLS}
    assert gaps["gap"].is_monotonic_decreasing
    assert gaps.loc[0, "skill"] == "Attention to detail"  # target 4, the largest gap


def test_skill_gaps_errors():
    with pytest.raises(ValueError, match="missing \\['English'\\]"):
        skill_gaps({s: 3 for s in SKILLS if s != "English"}, "freelancer")
    with pytest.raises(ValueError, match="from 0 to 5"):
        skill_gaps({**dict.fromkeys(SKILLS, 3), "English": 7}, "freelancer")
    with pytest.raises(ValueError, match="profile must be one of 'junior specialist', .*; got 'astronaut'"):
        skill_gaps(dict.fromkeys(SKILLS, 3), "astronaut")


def test_gap_summary_text():
    me = {**TARGET_PROFILES["freelancer"], "Targeted advertising": 1, "Copywriting": 2}
    text = gap_summary(skill_gaps(me, "freelancer"))
    assert text.startswith("2 of 12 skills are below the target (total gap 5 levels)")
    assert "Targeted advertising (hard, 1 → 4)" in text and "hard skills" in text
    assert "every skill" in gap_summary(skill_gaps(dict.fromkeys(SKILLS, 5), "freelancer"))


def test_radar_has_title_and_both_traces():
    fig = radar_figure(dict.fromkeys(SKILLS, 3), "freelancer")
    assert figure_problems(fig) == []
    assert [t.name for t in fig.data] == ["Target: freelancer", "You"]
    assert len(fig.data[1].r) == len(SKILLS) + 1  # closed polygon


def test_skills_widget_text_follows_every_slider():
    from smmlib.widgets import skills_assessment

    widget = skills_assessment()
    for skill, slider in widget.sliders.items():
        assert skill in slider.description  # visible description
        before = widget.summary.value
        slider.value = slider.value + 1
        assert widget.summary.value != before, skill
    before = widget.summary.value
    widget.profile.value = "freelancer"
    assert widget.summary.value != before


# ----------------------------------------------------------------------------- reviews


def test_review_profile_by_hand():
    reviews = pd.DataFrame({"candidate": ["A"] * 4 + ["B"] * 2, "rating": [5, 5, 4, 2, 5, 5]})
    profile = review_profile(reviews)
    assert profile.loc["A", "n"] == 4
    assert profile.loc["A", "mean"] == pytest.approx(4.0)
    # deviations from 4: 1, 1, 0, -2 -> squares 1, 1, 0, 4 -> population variance 6/4
    assert profile.loc["A", "std"] == pytest.approx(1.5 ** 0.5)
    assert profile.loc["A", "share_5"] == 0.5 and profile.loc["A", "share_low"] == 0.25
    assert profile.loc["B", "std"] == 0.0


def test_suspicious_candidate_found_for_many_seeds():
    for seed in range(30):
        reviews = generate_candidate_reviews(seed=seed)
        flagged = suspicious_candidates(reviews)
        assert len(flagged) == 1, seed
        assert (reviews.loc[reviews["candidate"] == flagged[0], "rating"] == 5).all()


def test_few_perfect_reviews_are_not_enough_evidence():
    reviews = pd.DataFrame({"candidate": ["A"] * 5, "rating": [5] * 5})
    assert suspicious_candidates(reviews) == []
    assert suspicious_candidates(reviews, min_reviews=5) == ["A"]


def test_review_errors():
    with pytest.raises(ValueError, match="from 1 to 5"):
        review_profile(pd.DataFrame({"candidate": ["A"], "rating": [6]}))
    with pytest.raises(ValueError, match="suspicious must be one of"):
        generate_candidate_reviews(suspicious="Zed")


# ----------------------------------------------------------------------------- exercise bank 01


@pytest.mark.parametrize("student", ["self-learner", "student-42", "a", "b", "c", "d"])
def test_bank_01_student_style_answers_are_correct(student):
    from smmlib.exercises import grade_answers, start
    from smmlib.exercises.ex01_roles import Q1_ACTIVITIES

    ex = start("01_roles", student, record=False)
    log, reviews = ex.dataset("my_time_log"), ex.dataset("my_reviews")
    shares = log.groupby("duty_group")["minutes"].sum() / log["minutes"].sum()
    answers = {
        "q1_answer": {a: ACTIVITIES[a] for a in Q1_ACTIVITIES},
        "q2_answer": shares,
        "q3_answer": shares.idxmin(),
        "q4_answer": log.loc[log["duty_group"] == "dialogue", "minutes"].sum() / log["date"].nunique(),
        "q5_answer": reviews.groupby("candidate")["rating"].std(),
        "q6_answer": reviews.groupby("candidate")["rating"].std().idxmin(),
        "q7_answer": ["a", "c", "d"], "q8_answer": "a",
        "q9_answer": "I would refuse to buy followers and agree on goals and measurable numbers first." * 3,
    }
    results = grade_answers("01_roles", student, answers)
    assert [r.outcome.value for r in results] == ["correct"] * len(results), [str(r) for r in results]


def test_bank_01_q1_covers_every_duty_group_and_has_twenty_items():
    from smmlib.exercises.ex01_roles import Q1_ACTIVITIES

    assert len(set(Q1_ACTIVITIES)) == 20
    assert {ACTIVITIES[a] for a in Q1_ACTIVITIES} == set(DUTY_GROUPS)


def test_bank_01_wrong_starved_group_is_incorrect():
    from smmlib.exercises import grade_answers, start

    log = start("01_roles", "x", record=False).dataset("my_time_log")
    wrong = time_shares(log).idxmax()
    (result,) = [r for r in grade_answers("01_roles", "x", {"q3_answer": wrong}) if r.question == "q3"]
    assert result.outcome.value == "incorrect"
