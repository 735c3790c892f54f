"""Question bank of ``exercises/00_start_here.ipynb`` (a short warm-up), the
chapter-00 demo question and the chapter-00 knowledge check."""

from __future__ import annotations

import pandas as pd

from ..engine.questions import Bank, Choice, Context, Misconception, Thought, Value
from ..engine.quiz import Option, Quiz, QuizQuestion


def _my_posts(ctx: Context) -> pd.DataFrame:
    from ..generate import generate_posts

    return generate_posts(seed=ctx.seed, n_posts=120)


#: q1's likely wrong computations (54 engagements, reach 1,200).
Q1_MISTAKES = (
    Misconception("percentage", lambda ctx: 54 / 1200 * 100,
                  "You gave the rate as a percentage (4.5). In this course rates are fractions: "
                  "engagements / reach = 54 / 1200, without multiplying by 100."),
    Misconception("per thousand reached", lambda ctx: 54 / 1200 * 1000,
                  "That is engagements per 1,000 people reached, a per-mille figure some dashboards "
                  "show. The engagement rate is per person reached: 54 / 1200."),
)


def _q2_impressions(ctx: Context) -> int:
    return int(ctx.data("my_posts")["impressions"].sum())


def _q2_followers(ctx: Context) -> int:
    return int(ctx.data("my_posts")["followers"].sum())


def _q2_mean(ctx: Context) -> float:
    return float(ctx.data("my_posts")["reach"].mean())


#: q2's likely wrong computations.
Q2_MISTAKES = (
    Misconception("impressions for reach", _q2_impressions,
                  "You added up `impressions`, which count every view (one person can see a post twice). "
                  "Reach counts people: sum the `reach` column."),
    Misconception("followers for reach", _q2_followers,
                  "You added up `followers`, the size of the page when each post went out. Followers are "
                  "who *could* see a post; reach is who did: sum the `reach` column."),
    Misconception("mean instead of total", _q2_mean,
                  "That is the average reach of one post. The question asks for the total: `.sum()`, not `.mean()`."),
)


QUESTIONS = [
    Value(
        key="q1",
        title="A post reached 1,200 people and got 54 engagements (likes + comments + shares). "
              "What is its engagement rate by reach, as a fraction?",
        heading="Engagement rate of one post",
        brief="A café owner asks how well yesterday's post did with the people who saw it.",
        expected=54 / 1200,
        misconceptions=Q1_MISTAKES,
        hints=("A rate compares what people did with how many people saw the post.",
               "Divide the engagements by the people reached, and keep the result as a fraction: do not "
               "multiply by 100."),
        on_correct="That is 4.5%: in the course rates are fractions, shown as percentages in text.",
    ),
    Value(
        key="q2",
        title="What is the sum of the `reach` column of your personal dataset `my_posts` "
              "(the reach of every post, added up)?",
        heading="Add up your posts' reach",
        brief="Your first task on your own data: the monthly report has a line for the reach of all posts "
              "added up.",
        expected=lambda ctx: int(ctx.data("my_posts")["reach"].sum()),
        misconceptions=Q2_MISTAKES,
        hints=("Pick one column of the table and add up its values.",
               "The column is reach; you want a total, not an average.",
               "`my_posts['reach'].sum()`"),
        on_correct="Your neighbour's sum is different: everyone has their own data. Note what the sum is "
                   "not: someone reached by three posts counts three times, so it is not the number of "
                   "different people who saw your posts (chapter 04, section 1).",
    ),
    Choice(
        key="q3",
        title="Where do you find the worked version of an exercise notebook?",
        heading="Where the worked solutions are",
        brief="You are stuck on an exercise and want to compare your work with a worked version.",
        options={"a": "chapters/", "b": "exercises/", "c": "solutions/", "d": "datasets/"},
        correct="c",
        explanations={"a": "chapters/ holds the lessons themselves.",
                      "b": "exercises/ holds the notebooks you fill in (generated from the solutions).",
                      "d": "datasets/ holds the data files and their data cards."},
        hints=("The folder name says what is inside.",
               "Look at the course's folder names: chapters, exercises, solutions and datasets."),
    ),
    Thought(
        key="q4",
        title="In one or two sentences: what do you want to be able to do after this course?",
        heading="What you want from the course",
        brief="Your teacher wants to know what you hope to do better after the course.",
        hints=("There is no wrong answer; think of a page or campaign you would like to run better.",
               "Name one concrete task, such as planning a month of posts or reading an ad report."),
        rubric=("1 point: a concrete goal in the learner's own words (a page, a campaign, a skill).",),
        review_points=1.0,
    ),
    Choice(
        key="q5",
        title="The owner can make one more post like one of the two this week and wants people to respond to "
              "it. Which do you repeat?",
        heading="Which post to repeat",
        decision=True,
        brief="The café's post from yesterday (q1) reached 1,200 people and got 54 engagements; last "
              "week's video reached 9,000 people and got 270.",
        options={"a": "Yesterday's post: its engagement rate (your q1) is higher, 4.5% against 3%.",
                 "b": "Last week's video: 270 engagements are five times as many as 54.",
                 "c": "Neither: a rate measured on 1,200 people says nothing.",
                 "d": "Whichever of the two got more likes."},
        correct="a",
        explanations={"b": "The 270 engagements came from 9,000 people: 3% of them responded, against 4.5% for "
                           "the post. The video won by reach, not by how people responded to it.",
                      "c": "1,200 people are enough to tell 4.5% from 3%. A rate on a handful of people is "
                           "another matter (chapter 04 shows how to be careful with those).",
                      "d": "Likes are one kind of engagement; comments and shares count too, and counts grow "
                           "with reach: compare rates."},
        hints=("The owner wants people to respond: compare how often people responded, not how many did.",
               "Work out the video's engagement rate the same way as in q1 and compare the two rates."),
        on_correct="People responded to yesterday's post half as often again as to the video (4.5% against "
                   "3%). The trade-off: the video reached 7.5 times as many people, so if the goal were to be "
                   "seen, its reach would matter; repeat the post's idea, and find out what gave the video its reach.",
    ),
    Choice(
        key="q6",
        title="Your manager wants the report to say \"our posts reached N people\", with N the sum from your q2. "
              "What do you write?",
        heading="How to report the summed reach",
        decision=True,
        brief="You are writing your first monthly report, and the reach you added up in q2 goes into it.",
        options={"a": "\"Our posts reached N people.\"",
                 "b": "\"Our posts had N reaches in all (a person reached by three posts counts three times); "
                      "the number of different people is the platform's reach for the period.\"",
                 "c": "The sum of impressions instead: it is a bigger number.",
                 "d": "The number of followers: everyone who follows saw the posts."},
        correct="b",
        explanations={"a": "The sum counts a person once per post that reached them, so it overstates the "
                           "people; a client who later sees the platform's own reach for the month will stop "
                           "trusting the report.",
                      "c": "Impressions count every view, even the same person's second and third: a bigger "
                           "number, and even further from people.",
                      "d": "Followers are who *could* see a post; without ads only a small share of them does "
                           "(chapter 03)."},
        hints=("What does one person reached by three of your posts add to the sum?",
               "Choose the wording that stays true when the client compares it with the platform's own "
               "count of different people."),
        on_correct="The honest wording sounds smaller. The trade-off: 'N people' reads better in a sales "
                   "deck, but the platform's reach for the month will show fewer people, and a report that "
                   "survives that check keeps the client's trust.",
    ),
]

QUIZ = Quiz(
    "Start here",
    [
        QuizQuestion(
            "You changed an answer in an exercise notebook. What must you do before checking it?",
            [
                Option("Run the cell with the answer (Shift+Enter), then the check.", True,
                       "Python only knows what has been run; an edited but unrun cell changes nothing."),
                Option("Nothing: the notebook notices edits by itself.", False,
                       "The kernel only sees code you run; the text on screen is not enough."),
                Option("Restart JupyterLab.", False,
                       "Not needed; restarting the kernel is only for a muddled state."),
            ],
        ),
        QuizQuestion(
            "What does `ex.q3.check(q3_answer)` say while `q3_answer = ...` is untouched?",
            [
                Option("Not attempted.", True, "`...` is the placeholder: nothing to grade yet."),
                Option("Incorrect.", False, "An untouched placeholder is not a wrong answer, just no answer."),
                Option("It raises an error.", False, "Checks never crash on an answer; they explain."),
            ],
        ),
        QuizQuestion(
            "Which datasets in this course are real? (choose all that apply)",
            [
                Option("facebook_metrics — 500 posts of a cosmetics brand's page (Moro, Rita & Vala 2016)",
                       True, "Real data from the UCI repository, under CC BY 4.0."),
                Option("posts, followers, ad_sets, mentions", False,
                       "These are generated by smmlib.generate, seeded, so that every student gets "
                       "personal data and the known effects can be found."),
                Option("Your personal dataset `my_posts`", False,
                       "Generated from your student ID: yours differs from your neighbour's."),
            ],
            multiple=True,
        ),
        QuizQuestion(
            "An analysis of the generated `posts` finds that video engages best. What does that show?",
            [
                Option("That the method finds an effect the generator was built with; nothing about real pages.",
                       True, "Generated data tests methods; it cannot confirm the rule it was made to contain."),
                Option("That video engages best on every network.", False,
                       "The generator was told so; only real data (yours, or a study's) can say whether it is true."),
                Option("Nothing at all: generated data is useless.", False,
                       "It is useful for practice and for checking that an analysis finds a known effect."),
            ],
        ),
        QuizQuestion(
            "You add up the `reach` column of 30 posts and get 45,000. What is that number?",
            [
                Option("Post-reaches: a person who saw ten of the posts is counted ten times.", True,
                       "Reach counts people once per post; summed over posts it is not a count of people "
                       "(chapter 04, section 1)."),
                Option("The number of different people who saw the posts.", False,
                       "Only the platform's reach over the period counts each person once."),
                Option("The number of impressions.", False,
                       "Impressions count every view, repeats included; reach does not."),
            ],
        ),
    ],
)

BANK = Bank(
    name="00_start_here",
    title="Start here (warm-up)",
    questions=QUESTIONS,
    datasets={"my_posts": _my_posts},
    quiz=QUIZ,
)

#: The live demo of chapter 00 (not shown in the progress view).
DEMO = Bank(
    name="00_demo",
    title="Demo question",
    listed=False,
    questions=[
        Value(
            key="q1",
            heading="Engagement rate of one post",
            brief="A café owner asks how well yesterday's post did with the people who saw it.",
            title="A post reached 200 people and got 10 engagements. "
                  "What is its engagement rate by reach, as a fraction?",
            expected=0.05,
            hints=("A rate compares what people did with how many people saw the post.",
                   "Divide the engagements by the people reached, and keep the result as a fraction: do "
                   "not multiply by 100."),
            solution="q1_answer = 10 / 200  # 0.05, that is 5%",
        )
    ],
)

