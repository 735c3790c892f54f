"""Question bank of ``exercises/08_capstone.ipynb`` (the capstone's automatic checks)
and the chapter-08 knowledge check.

The student picks a brief (:data:`smmlib.capstone.BRIEFS`) and answers with
parts of their plan; each answer names its brief, so every check knows the
client's limits. The budget check runs on the student's personal data for
that brief (seeded by the student ID). The rest of the capstone is marked with
``docs/capstone-rubric.md``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .. import capstone, community, paid
from ..engine.checking import describe
from ..engine.questions import Bank, Choice, Context, Thought, Value
from ..engine.quiz import Option, Quiz, QuizQuestion


def _brief_of(answer: object) -> str | None:
    """The problem with an answer's ``brief`` entry, or None when it is fine."""
    if not isinstance(answer, Mapping):
        return f"Answer with a dict such as {{'brief': 'clinic', ...}}, not {describe(answer)}."
    if answer.get("brief") not in capstone.BRIEFS:
        return f"Name your brief: answer['brief'] must be one of {list(capstone.BRIEFS)}."
    return None


def _failed(check: capstone.Check) -> str | None:
    return None if check.passed else f"The {check.name} check fails: {check.message}"


def _compare_goal(answer: object, expected: object) -> str | None:
    return _brief_of(answer) or _failed(capstone.check_goal_kpis(answer))


def _compare_calendar(answer: object, expected: object) -> str | None:
    if not isinstance(answer, pd.DataFrame):
        return f"Answer with your calendar as a DataFrame, not {describe(answer)}."
    return _failed(capstone.check_calendar(answer))


def _compare_platforms(answer: object, expected: object) -> str | None:
    if not isinstance(answer, Mapping) or "calendar" not in answer:
        return "Answer with a dict {'platforms': [...], 'calendar': your_calendar}."
    return _failed(capstone.check_platforms(answer, answer["calendar"]))


def _brief_datasets(ctx: Context) -> dict[str, dict[str, pd.DataFrame]]:
    return {key: capstone.brief_data(key, seed=ctx.seed) for key in capstone.BRIEFS}


def _compare_budget(answer: object, expected: Mapping[str, dict[str, pd.DataFrame]]) -> str | None:
    problem = _brief_of(answer)
    if problem:
        return problem
    return _failed(capstone.check_budget(answer, expected[answer["brief"]].get("ad_sets")))


def best_segment(ad_sets: pd.DataFrame) -> str:
    """The segment with the lowest cost per lead."""
    return str(paid.segment_funnel(ad_sets)["cpl"].idxmin())


def worst_week(mentions: pd.DataFrame) -> str:
    """The Monday ('YYYY-MM-DD') of the week with the highest negative share."""
    weekly = community.weekly_sentiment(mentions)
    return weekly.loc[weekly["negative_share"].idxmax(), "week"].strftime("%Y-%m-%d")


def _compare_finding(answer: object, expected: Mapping[str, dict[str, pd.DataFrame]]) -> str | None:
    problem = _brief_of(answer)
    if problem:
        return problem
    key = answer["brief"]
    data = expected[key]
    if "ad_sets" in data:
        want, what = best_segment(data["ad_sets"]), "the segment with the lowest cost per lead"
        how = ("pool each segment (its total spend / its total leads, not the mean of its ad sets' own "
               "costs) and take the smallest")
    else:
        want, what = worst_week(data["mentions"]), "the Monday of the week with the highest negative share"
        how = ("for each Monday-to-Sunday week divide the negative mentions by all that week's mentions (a "
               "share, not a count) and take the largest")
    got = answer.get("finding")
    if got is None:
        return f"Add answer['finding']: {what}."
    if str(got).strip().lower() != want.lower():
        return f"{got!r} is not {what} in your {key} data: {how}."
    return None


QUESTIONS = [
    Value(key="q1", heading="Goal and KPIs that suit the client",
          brief="Your first meeting with the client is tomorrow. Put on one line what the campaign is for "
                "and how you will measure it.",
          title="Your plan's brief, goal and KPIs: a dict {'brief': ..., 'goal': ..., 'kpis': [...]}. "
                "The goal must suit the brief; two to four KPIs, at least one measuring the goal.",
          expected=None, compare=_compare_goal,
          hints=("A goal is what the client wants from social media; a KPI is a number that shows whether it "
                 "is happening.",
                 "Pick one of the goals your brief lists, then two to four KPIs, at least one of them among "
                 "that goal's own KPIs.",
                 "The goals: `strategy.GOALS`, those that suit the brief: `brief.goals`; a goal's KPIs: "
                 "`strategy.GOAL_KPIS[goal]`; all allowed names: `capstone.KPIS`.")),
    Value(key="q2", heading="A four-week calendar that keeps the rules",
          brief="The client wants to see what will be posted, and when, before signing.",
          title="Your four-week content calendar (a DataFrame with date, platform, category, humour) "
                "that `capstone.check_calendar` accepts.",
          expected=None, compare=_compare_calendar,
          hints=("A calendar is one row per post; the course's rules limit how often you post and how much "
                 "of it sells.",
                 "Generate a four-week draft for your platforms, then edit it and re-check it until no rule "
                 "is broken.",
                 "Start from `content.generate_calendar(seed=..., weeks=4, posts_per_day={...})`; after "
                 "editing, `content.validate_calendar(calendar)` lists every broken rule."),
          hint_calls={"content.generate_calendar": "the draft is only a start that the student edits to the brief",
                      "content.validate_calendar": "the validator checks the student's own calendar; it writes "
                                                   "nothing"}),
    Value(key="q3", heading="One or two platforms, not five",
          brief="The client asks why you will not be 'everywhere'. Name where you will post.",
          title="Your platforms: a dict {'platforms': [...], 'calendar': your_calendar} — one or two "
                "platforms, and the calendar posts only on them.",
          expected=None, compare=_compare_platforms,
          hints=("Master one platform first (sources 002 and 003).",
                 "List the platforms your calendar actually posts on; they must be the one or two you name.",
                 "`sorted(calendar['platform'].unique())` shows where your calendar posts.")),
    Value(key="q4", heading="How much budget to ask for",
          brief="The client has a four-week limit and, for leads, a top price per lead. Decide how much "
                "to ask for and how many leads to promise.",
          title="Your budget: a dict {'brief': ..., 'budget': ..., 'target_leads': ...} "
                "(no target for the bank). Within the client's four-week limit; for lead briefs "
                "budget / target_leads within the cap and achievable on your data.",
          expected=_brief_datasets, compare=_compare_budget, decision=True,
          hints=("Three limits at once: the client's four-week budget, the price per lead (budget / target "
                 "at most the cap), and what your ad sets can really deliver under that cap.",
                 "Find how many leads your brief's ad sets can buy at or under the cap, cheapest first and "
                 "each only up to 3 × its past spend (chapter 07). Promise fewer than that, and ask for a "
                 "budget that buys them, no more than target × cap and within the limit.",
                 "`paid.allocate_budget(data['ad_sets'], budget, target, brief.cpl_cap)` gives the plan; its "
                 "`.leads` is what the budget can buy, its `.spend` what it costs."),
          hint_calls={"paid.allocate_budget": "chapter 07's allocation is a tool; the point is the budget "
                                              "and the promise"},
          on_correct="The trade-off: a bigger target looks better in the pitch, but the last leads come from "
                     "dearer ad sets and real auctions get dearer as you spend, so a plan at the edge of what "
                     "your data allows will likely miss. Promise a target with room to spare and re-plan "
                     "weekly."),
    Value(key="q5", heading="Where to look first",
          brief="Before the campaign starts, the client asks what their own data already says: where the "
                "first money should go (store, clinic) or which week needs a closer look (bank).",
          title="A first finding from your brief's data: {'brief': ..., 'finding': ...} — for the "
                "store and the clinic the segment with the lowest cost per lead, for the bank the "
                "Monday ('YYYY-MM-DD') of the week with the highest negative share.",
          expected=_brief_datasets, compare=_compare_finding, decision=True,
          hints=("Ad sets: pool each segment (all its spend over all its leads). Mentions: judge each "
                 "Monday-to-Sunday week by its share of negative mentions.",
                 "Ad sets: group by segment, add up spend and leads, divide, take the cheapest segment. "
                 "Mentions: find each mention's Monday, take the share labelled negative per Monday, and the "
                 "Monday with the largest share.",
                 "Ad sets: `s = data['ad_sets'].groupby('segment')[['spend', 'leads']].sum()`, then "
                 "`(s['spend'] / s['leads']).idxmin()`. Mentions: "
                 "`m = data['mentions']; monday = m['date'].dt.to_period('W-SUN').dt.start_time`, then "
                 "`(m['sentiment'] == 'negative').groupby(monday).mean().idxmax().strftime('%Y-%m-%d')`."),
          on_correct="The trade-off: the cheapest segment so far is the best first bet, but a cost from a few "
                     "dozen leads is noisy and will rise with more money; the worst week is the place to "
                     "read mentions, but one bad week with few mentions may be chance. Present it as a first "
                     "test, not a verdict."),
    Choice(key="q6", heading="What the automatic checks prove",
           brief="The client's manager sees all your checks pass and wants to sign today.",
           title="Your plan passes all automatic checks. What does that show?",
           options={"a": "The plan is good and ready for the client.",
                    "b": "The computable parts are consistent: goal and KPIs, calendar rules, platforms, budget.",
                    "c": "The campaign will reach its KPIs."},
           correct="b",
           explanations={"a": "Fit, audience, ideas and risks are judged with the rubric, not by the checks.",
                         "c": "No check can promise results; it only rules out contradictions."},
           hints=("What can a program compute, and what needs judgement?",
                  "Go through what each automatic check computes (goal and KPIs, calendar rules, platforms, "
                  "budget) and ask whether it tells you the plan will work or only that its parts agree.")),
    Thought(key="q7", heading="Why the plan fits, and its biggest risk",
            brief="The client asks you to sum up your plan for their director in a few sentences.",
            title="In three or four sentences: why does your plan fit your client — goal, audience "
                  "and platform — and what is its biggest risk?",
            min_words=25,
            rubric=("1 point: ties the goal, the audience and the platform each to a fact in the brief or the data.",
                    "1 point: names a real biggest risk and how it would be noticed or reduced."),
            hints=("Tie each choice to a fact in the brief or in your data.",
                   "A good answer names the goal and ties it to the brief, backs the audience and the "
                   "platform with a number from your data each, and ends with the biggest risk and how you "
                   "will watch for it.")),
]

QUIZ = Quiz(
    "Capstone",
    [
        QuizQuestion(
            "The clinic wants leads at no more than 50,000 so'm. You plan 6,000,000 so'm for 100 leads. "
            "Does the budget meet the cap?",
            [Option("No: 60,000 so'm per lead is above the cap.", True, "6,000,000 / 100 = 60,000."),
             Option("Yes: the budget is below the client's limit.", False,
                    "The limit and the cap are two different checks."),
             Option("Yes: 100 leads is a good number.", False, "The count says nothing about the cost.")],
        ),
        QuizQuestion(
            "Which KPI measures the bank's goal of awareness and trust best?",
            [Option("Reach and community growth, with the share of negative mentions.", True,
                    "Awareness is about being seen; trust shows in the tone of mentions."),
             Option("Cost per lead.", False, "The bank brief is not a lead-generation brief."),
             Option("Number of posts published.", False, "That is effort, not a result.")],
        ),
        QuizQuestion(
            "The clinic offers you its list of past patients to build a lookalike audience. What do you do?",
            [Option("Use it only for patients who gave explicit consent to this use, after checking the local "
                    "data-protection law; otherwise build on people who engaged with the clinic's own profile.", True,
                    "Being a patient is health data, a special category in most data-protection laws; Meta's "
                    "Custom Audience terms make the advertiser responsible for consent."),
             Option("Upload it: the platform hashes the list, so privacy is protected.", False,
                    "Hashing protects the upload, not the patients' right to decide how their health data is used."),
             Option("Upload it, but only the e-mail addresses.", False,
                    "An e-mail on a clinic's patient list still reveals that the person was a patient.")],
        ),
        QuizQuestion(
            "Which ad for the clinic's cosmetic procedures follows Meta's Advertising Standards (checked 2026)?",
            [Option("An ad about the doctors and the free consultation, targeted at people aged 18 and over.", True,
                    "Cosmetic-procedure ads must target 18+ and must not play on insecurity about looks."),
             Option("'Tired of your tummy?' with before-and-after photos, targeted at everyone over 16.", False,
                    "Three problems: negative self-perception, idealised before-and-after pictures, under-18s."),
             Option("An ad targeted at people interested in a health condition.", False,
                    "Meta removed health-related detailed-targeting options in January 2022.")],
        ),
        QuizQuestion(
            "What should every chart in your analysis report end with?",
            [Option("One sentence of interpretation and the decision it supports.", True,
                    "A chart without a decision is decoration."),
             Option("A second chart with the same data.", False, "Repetition adds nothing."),
             Option("Nothing: a chart speaks for itself.", False, "Readers see different things; say yours.")],
        ),
    ],
)

BANK = Bank(name="08_capstone", title="Capstone", questions=QUESTIONS, quiz=QUIZ)
