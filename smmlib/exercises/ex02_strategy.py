"""Question bank of ``exercises/02_strategy.ipynb`` and the chapter-02 knowledge check.

Datasets: the student's personal ``my_brief`` (one client's brief: lead target,
cost-per-lead cap, funnel rates, current content mix) and ``my_audience``
(3,000 followers of a children's clothing shop), both seeded by the student
ID; expected answers on them are recomputed from the same seed.
"""

from __future__ import annotations

import math

import pandas as pd

from .. import content, strategy
from ..engine.checking import describe
from ..engine.questions import Bank, Choice, Classify, Context, Misconception, Order, Thought, Value
from ..engine.quiz import Option, Quiz, QuizQuestion

#: q1: goal -> its main KPI (sources 004 and 000).
Q1_KPIS: dict[str, str] = {
    "customer support": "requests received and handled",
    "awareness": "reach",
    "traffic to the website": "clicks to the site",
    "a warm base of repeat buyers": "steady engagement of followers",
    "neutralising negativity": "share of negative mentions",
}

#: q9: the options for the industrial B2B case (source 003's view against today's practice).
Q9_OPTIONS: dict[str, str] = {
    "a": "Stay off social media: source 003 says SMM does not work for expensive industrial B2B.",
    "b": "Run it like a consumer brand: an Instagram page with daily posts, contests and a follower target.",
    "c": "A narrow, targeted presence: a LinkedIn page and ads aimed at engineers and buyers at the named "
         "companies it wants as clients, supporting the sales team's meetings; judged by meetings and "
         "pipeline, not likes.",
    "d": "Only paid search ads: social networks cannot reach engineers.",
}

#: q10: the period the calendar plans (four weeks, Monday to Sunday).
Q10_START, Q10_END = "2025-01-06", "2025-02-02"
Q10_RULES = content.CalendarRules(start=Q10_START, end=Q10_END)

MIX_COLUMNS = ["mix_engaging", "mix_user_generated", "mix_educational", "mix_advertising"]


def _my_brief(ctx: Context) -> pd.DataFrame:
    return strategy.generate_brief(seed=ctx.seed)


def _my_audience(ctx: Context) -> pd.DataFrame:
    return strategy.generate_audience(seed=ctx.seed)


def _plan(ctx: Context) -> strategy.BudgetPlan:
    brief = ctx.data("my_brief").iloc[0]
    return strategy.plan_budget(int(brief["target_leads"]), float(brief["cpl_cap"]),
                                float(brief["conversion_rate"]), float(brief["ctr"]), float(brief["cpm"]))


def _q2(ctx: Context) -> float:
    return _plan(ctx).budget


def _q3(ctx: Context) -> float:
    return _plan(ctx).max_cpc


def _q4(ctx: Context) -> int:
    return _plan(ctx).impressions_needed


def _q5(ctx: Context) -> bool:
    return bool(_plan(ctx).feasible)


def _q6(ctx: Context) -> float:
    brief = ctx.data("my_brief").iloc[0]
    mix = {cat: float(brief[f"mix_{cat}"]) for cat in content.CATEGORIES}
    return content.mix_distance(mix)


def _q7(ctx: Context) -> pd.Series:
    audience = ctx.data("my_audience")
    return audience.groupby("city")["bought"].mean()


def _q8(ctx: Context) -> tuple[str, str]:
    table = strategy.segment_table(ctx.data("my_audience"), ["city", "interest"])
    return strategy.choose_segment(table, min_share=0.05)


# ----------------------------------------------------------------------------- likely mistakes


def _brief(ctx: Context) -> pd.Series:
    return ctx.data("my_brief").iloc[0]


def _plan_cpm(ctx: Context) -> strategy.BudgetPlan:
    brief = _brief(ctx)
    return strategy.plan_budget(int(brief["target_leads"]), float(brief["cpl_cap"]),
                                float(brief["conversion_rate"]), float(brief["ctr"]), float(brief["cpm"]))


Q2_MISTAKES = (
    Misconception("expected cost for the budget", lambda ctx: float(_plan_cpm(ctx).expected_cost),
                  "You computed what the campaign is *expected* to cost at its CPM. The budget is the most "
                  "you may spend while no lead costs more than the cap: target leads × cost-per-lead cap."),
    Misconception("clicks times the lead cap", lambda ctx: float(_plan_cpm(ctx).clicks_needed * _brief(ctx)["cpl_cap"]),
                  "You multiplied the clicks needed by the cost-per-lead cap, mixing two funnel stages: the cap "
                  "is a price per *lead*, so multiply it by the target leads."),
)

Q3_MISTAKES = (
    Misconception("divided by the conversion rate",
                  lambda ctx: float(_brief(ctx)["cpl_cap"] / _brief(ctx)["conversion_rate"]),
                  "You divided the cap by the conversion rate, so a click would cost more than a whole lead. "
                  "A lead needs 1 / conversion_rate clicks, so each click may cost at most "
                  "cpl_cap × conversion_rate."),
    Misconception("expected CPC at the CPM", lambda ctx: float(_brief(ctx)["cpm"] / 1000 / _brief(ctx)["ctr"]),
                  "That is the price a click will probably cost at the brief's CPM and CTR — the market price, "
                  "not the most you can afford. The ceiling comes from the cap: cpl_cap × conversion_rate."),
)

Q4_MISTAKES = (
    Misconception("skipped the conversion step", lambda ctx: math.ceil(round(_brief(ctx)["target_leads"] / _brief(ctx)["ctr"], 9)),
                  "You divided the target leads by the CTR, as if every click became a lead. First clicks = "
                  "leads / conversion rate (rounded up), then impressions = clicks / CTR (rounded up)."),
    Misconception("stopped at clicks", lambda ctx: int(_plan_cpm(ctx).clicks_needed),
                  "That is the number of clicks needed. Only a share (the CTR) of impressions become clicks: "
                  "impressions = clicks / CTR, rounded up."),
    Misconception("multiplied by the CTR", lambda ctx: float(_plan_cpm(ctx).clicks_needed * _brief(ctx)["ctr"]),
                  "You multiplied the clicks by the CTR. CTR = clicks / impressions, so impressions = "
                  "clicks / CTR: many more impressions than clicks."),
)


def _mix_gaps(ctx: Context) -> list[float]:
    brief = _brief(ctx)
    total = sum(float(brief[f"mix_{cat}"]) for cat in content.CATEGORIES)
    return [abs(float(brief[f"mix_{cat}"]) / total - content.FORMULA_MIX[cat]) for cat in content.CATEGORIES]


Q6_MISTAKES = (
    Misconception("forgot the half", lambda ctx: sum(_mix_gaps(ctx)),
                  "You added up the absolute differences but did not halve the sum. Every post that moves "
                  "leaves one category and joins another, so each move is counted twice: take half the sum."),
    Misconception("percentages not converted", lambda ctx: 100 * content.mix_distance(
                      {cat: float(_brief(ctx)[f"mix_{cat}"]) for cat in content.CATEGORIES}),
                  "You kept the mix in percent, so the distance came out in percentage points. The distance is "
                  "a fraction: turn 33 into 0.33 (divide by the total) before subtracting the formula's shares."),
)


def _q7_buyers(ctx: Context) -> pd.Series:
    return ctx.data("my_audience").groupby("city")["bought"].sum()


def _q7_share_of_buyers(ctx: Context) -> pd.Series:
    audience = ctx.data("my_audience")
    return audience.groupby("city")["bought"].sum() / audience["bought"].sum()


def _q7_engaged(ctx: Context) -> pd.Series:
    return ctx.data("my_audience").groupby("city")["engaged"].mean()


Q7_MISTAKES = (
    Misconception("count of buyers", _q7_buyers,
                  "These are numbers of buyers per city. A big city has more buyers just by being big; the "
                  "purchase rate divides by the city's followers: `.mean()` of `bought` per city."),
    Misconception("share of all buyers", _q7_share_of_buyers,
                  "You divided by all buyers, which gives each city's share of the sales. The purchase rate's "
                  "denominator is the city's own followers: `groupby('city')['bought'].mean()`."),
    Misconception("engaged instead of bought", _q7_engaged,
                  "You used `engaged`. Engaging with posts is not buying: use the `bought` column."),
)



def _q8_engaged(ctx: Context) -> tuple[str, str]:
    table = strategy.segment_table(ctx.data("my_audience"), ["city", "interest"])
    big = table[table["share"] >= 0.05]
    return tuple(big["engagement_rate"].idxmax())


Q8_MISTAKES = (
    Misconception("engaged instead of bought", _q8_engaged,
                  "You picked the segment that engages most. Likes and comments are not purchases, and the "
                  "campaign's goal is sales: among the segments with at least 5% of the followers, take the "
                  "highest purchase rate (the mean of `bought`)."),
)


def _passes_validator(actual: object, expected: object) -> str | None:
    """q10: a calendar for the period with no genuine errors that covers its first and last week.

    The sources' rules of thumb (the 40/30/25/5 mix, ads in a row, posts a day, gaps) are
    guidelines: :func:`smmlib.content.validate_calendar` reports them as warnings and they
    never fail the answer.
    """
    if not isinstance(actual, pd.DataFrame):
        return f"Expected a pandas DataFrame (your calendar), but you gave {describe(actual)}."
    errors = content.calendar_errors(content.validate_calendar(actual, Q10_RULES))
    if errors:
        shown = "; ".join(v.reason for v in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        return f"Your calendar has {len(errors)} error(s): {shown}{more}"
    dates = pd.to_datetime(actual["date"]).dt.normalize()
    first_week_end = pd.Timestamp(Q10_START) + pd.Timedelta(days=6)
    last_week_start = pd.Timestamp(Q10_END) - pd.Timedelta(days=6)
    if dates.min() > first_week_end or dates.max() < last_week_start:
        return (f"Your calendar runs from {dates.min().date()} to {dates.max().date()}; plan the whole period "
                f"{Q10_START} to {Q10_END}, with posts in its first and its last week.")
    return None


QUESTIONS = [
    Classify(key="q1", title="Match each goal with its main KPI.",
             heading="The KPI for each goal",
             brief="A new client lists five goals for the year and asks which number will show progress "
                   "on each.",
             groups=sorted(set(Q1_KPIS.values())), expected=dict(Q1_KPIS),
             hints=("Ask: if the goal were met, which number would have moved?",
                    "Traffic is measured where people leave the network for the site; awareness by how "
                    "many different people saw you.")),
    Value(key="q2", title="Your brief: the monthly budget — the most you may spend to get the target "
                          "leads while the average cost per lead stays within the cap.",
          heading="The campaign's monthly budget",
          brief="The client sets a lead target and a cost-per-lead cap, and asks what monthly budget to "
                "approve.",
          expected=_q2, misconceptions=Q2_MISTAKES,
          hints=("The cap is a price per lead: the budget is the most you may spend on the target number "
                 "of leads.",
                 "Multiply the target leads by the cost-per-lead cap, both from the brief's one row.",
                 "`brief = my_brief.iloc[0]`, then `brief['target_leads'] * brief['cpl_cap']`")),
    Value(key="q3", title="Your brief: the maximum bid per click to set, the highest price you can pay "
                          "for one click and still stay within the cost-per-lead cap.",
          heading="The highest bid per click",
          brief="In the ad manager you set a maximum bid per click, and the client's cap per lead must "
                "hold.",
          decision=True,
          on_correct="At that bid a lead costs at most the cap, as long as the conversion rate holds. The "
                     "trade-off: a lower bid buys cheaper but fewer clicks, so fewer leads; and if the "
                     "landing page converts worse than the brief says, the same bid breaks the cap, so "
                     "watch the first days' leads.",
          expected=_q3, misconceptions=Q3_MISTAKES,
          hints=("Only some clicks become leads, so each lead needs several clicks and its price is "
                 "shared among them.",
                 "One lead needs 1 / conversion rate clicks, so one click may cost at most the cap times "
                 "the conversion rate.",
                 "`brief['cpl_cap'] * brief['conversion_rate']`")),
    Value(key="q4", title="Your brief: how many impressions are needed to reach the lead target? Round "
                          "the clicks up to a whole number, then the impressions.",
          heading="Impressions needed for the lead target",
          brief="The client asks how many times the ads must be shown to get the leads they want.",
          expected=_q4, rtol=1e-3, misconceptions=Q4_MISTAKES,
          hints=("Walk the funnel backwards: from leads to clicks, then from clicks to impressions.",
                 "Clicks needed = target leads / conversion rate, rounded up to a whole click; "
                 "impressions needed = clicks / CTR, rounded up.",
                 "`clicks = math.ceil(target_leads / conversion_rate)`, then `math.ceil(clicks / ctr)`")),
    Value(key="q5", title="Your brief: at its CPM (price of 1,000 impressions), does the campaign stay "
                          "within the cost-per-lead cap? (True or False)",
          heading="Is the cap realistic at this CPM?",
          brief="Before you sign, check whether the market prices in the brief let the campaign meet its "
                "cost-per-lead cap.",
          expected=_q5,
          hints=("Price the impressions you need at the CPM, then share that cost among the leads.",
                 "Expected cost = impressions needed / 1000 × CPM; expected cost per lead = expected cost "
                 "/ target leads. At most the cap means True.",
                 "`impressions_needed / 1000 * cpm / target_leads <= cpl_cap`")),
    Value(key="q6", title="Your brief: the distance of the client's current content mix from the "
                          "40/30/25/5 formula (a fraction: half the sum of the absolute differences).",
          heading="How far the content mix is from the formula",
          brief="The client's posts follow a mix of their own, and they ask how far it is from the "
                "40/30/25/5 formula.",
          expected=_q6, misconceptions=Q6_MISTAKES,
          hints=("Compare shares with shares: turn the client's percents into fractions and compare each "
                 "category with the formula.",
                 "For each of the four categories take the absolute difference between the client's share "
                 "and the formula's share; add the four differences and halve the sum, because each moved "
                 "post is counted twice.",
                 "`current = {c: brief[f'mix_{c}'] / 100 for c in content.CATEGORIES}`, then `0.5 * "
                 "sum(abs(current[c] - content.FORMULA_MIX[c]) for c in content.CATEGORIES)`")),
    Value(key="q7", title="Your audience: the purchase rate (share of followers who bought) in each "
                          "city (a Series indexed by city).",
          heading="Purchase rate in each city",
          brief="The shop's owner asks in which cities followers actually buy, not just follow.",
          expected=_q7, ordered=False, misconceptions=Q7_MISTAKES,
          hints=("A rate per city: the city's buyers over the city's followers.",
                 "The column bought is True or False, and the mean of True/False values is the share of "
                 "True: group by city and take the mean of bought.",
                 "`my_audience.groupby('city')['bought'].mean()`")),
    Value(key="q8", title="Your audience: the (city, interest) segment to target first — the highest "
                          "purchase rate among segments holding at least 5% of your followers "
                          "(a tuple such as ('Tallinn', 'fashion')).",
          heading="Which segment to target first",
          brief="The first ad campaign can target only one city and interest, and the owner wants the "
                "segment most likely to buy.",
          decision=True,
          on_correct="This segment buys most often among those large enough to feed a campaign. The "
                     "trade-off: a tiny segment may show a higher rate by chance and would run out of "
                     "people fast, while the largest segment brings volume at a lower rate; start here "
                     "and test the runner-up next.",
          misconceptions=Q8_MISTAKES,
          expected=_q8,
          hints=("A segment must be big enough to feed a campaign, and then the best at buying.",
                 "Per (city, interest), count the followers and compute their purchase rate; keep the "
                 "segments holding at least 5% of all followers and pick the highest purchase rate.",
                 "`seg = my_audience.groupby(['city', 'interest'])['bought'].agg(['size', 'mean'])`; `big "
                 "= seg[seg['size'] / len(my_audience) >= 0.05]`; `big['mean'].idxmax()`")),
    Choice(key="q9", title="A maker of custom industrial turbines sells after months of meetings with "
                           "engineers and buyers. Source 003 (summarising a 2013 book) calls SMM ineffective "
                           "for such expensive, specialised B2B. What do you advise the company today?",
           heading="Social media for an industrial B2B maker",
           brief="A maker of custom turbines asks whether social media deserves any of its marketing "
                 "budget.",
           options=Q9_OPTIONS, correct="c",
           explanations={
               "a": "That is the source's 2013 view taken as a rule. Today LinkedIn targets by job title, "
                    "industry and company, and account-based marketing reaches the buying committee of named "
                    "companies: a narrow presence can support the sales meetings.",
               "b": "Consumer tactics miss the few decision makers; likes and followers say nothing about "
                    "a turbine deal.",
               "d": "Search ads help, but professional networks do reach engineers and buyers by job title "
                    "and company.",
           },
           hints=("The source's reasons: decision makers are hard to target, deals happen in meetings. "
                  "Which of these has changed since 2013?",
                  "Think of a network where people state their job title and employer.")),
    Value(key="q10", title=f"Build the content calendar for the four weeks {Q10_START} to {Q10_END} (a "
                           "DataFrame with columns date, platform, category, humour). It must have no errors: "
                           "every post inside the period, on a real platform, in one of the four categories. "
                           "The sources' rules of thumb (40/30/25/5 mix, ads in a row, posts a day, gaps) come "
                           "back as warnings: read them and decide.",
          heading="Four weeks of posts",
          brief="The client approved the strategy and now wants the content calendar for the next four "
                "weeks.",
          hint_calls={"content.validate_calendar": "the validator only checks the calendar the student "
                                                   "wrote; writing the calendar is the question's point",
                      "content.CalendarRules": "the rules object only names the plan's period for the "
                                               "validator"},
          expected="a calendar with no errors for the period", compare=_passes_validator,
          hints=("Start from 28 days, one post a day on one platform, and vary the categories.",
                 "Check the calendar before you hand it in: errors (dates outside the period, unknown "
                 "platforms or categories) must go; the sources' rules of thumb come back as warnings "
                 "that you may keep or break on purpose.",
                 "`content.validate_calendar(my_calendar, content.CalendarRules(start='2025-01-06', "
                 "end='2025-02-02'))` lists the errors first, then the warnings."),
          on_correct="No errors. The warnings, if any, are rules of thumb: keep or break them on purpose."),
    Order(key="q11", title="Put these campaign launch steps in the order of the checklist.",
          heading="The campaign launch checklist",
          brief="A colleague is about to launch a campaign and asks you for the checklist in the right "
                "order.",
          steps={"a": "Choose a presentation style",
                 "b": "Define the target audience",
                 "c": "Design how performance will be evaluated",
                 "d": "Find the platforms where the audience already is",
                 "e": "List the tasks the campaign must solve",
                 "f": "Write the titles of the first twenty posts"},
          expected=["e", "b", "d", "a", "f", "c"],
          hints=("You cannot pick platforms before you know whom you are looking for.",
                 "Tasks → audience → platforms → style → content → evaluation.")),
    Thought(key="q12", title="A chain of clinics with a small budget wants leads at once, each costing no "
                             "more than 50,000 so'm, and asks you for 'SMM'. What do you advise, and why? "
                             "Three to five sentences.",
            heading="SMM or ads for a clinic chain",
            brief="A chain of clinics with a small budget wants leads this month and asks you for 'SMM'.",
            min_words=25,
            rubric=("1 point: says organic SMM is a long game that will not bring cheap leads at once, and "
                    "that targeted ads with a lead form (or search ads) reach people ready to act now.",
                    "1 point: works with the numbers: budget / cap = the most leads the budget can buy; measure "
                    "the cost per lead from the first week and move money to what stays under the cap."),
            hints=("Is SMM a fast sales channel or a long game? What reaches people ready to act now?",
                   "Compare what a page with regular posts does in one month with what targeted ads and a "
                   "lead form do, and what each lead may cost.")),
]

QUIZ = Quiz("Goals, audience and content plan", [
    QuizQuestion("The goal is 'more traffic to the website'. Which KPI follows from it?", [
        Option("Number of likes", False, "Likes show interest, not visits."),
        Option("Clicks from the community to the site", True, "Traffic is measured by clicks to the site."),
        Option("Share of negative mentions", False, "That measures reputation work."),
    ]),
    QuizQuestion("What does the 40/30/25/5 content formula allocate only 5% to?", [
        Option("Educational posts", False, "Educational posts get 25%."),
        Option("Advertising posts", True,
               "Direct selling is a small share; useful and engaging posts carry the page."),
        Option("User-generated posts", False, "User-generated posts get 30%."),
    ]),
    QuizQuestion("Target: 200 leads, a lead may cost at most 40,000. What is the budget?", [
        Option("8,000,000", True, "Budget = leads × cost-per-lead cap = 200 × 40,000."),
        Option("200", False, "That is the lead count."),
        Option("5,000", False, "That divides instead of multiplying."),
    ]),
    QuizQuestion("Source 003 calls SMM a poor fit for expensive industrial equipment sold in personal "
                 "meetings. How should you use that today?", [
        Option("As the source's 2013 view: broad SMM is weak there, but targeted B2B social (LinkedIn, "
               "account-based marketing) can support the sales meetings.", True,
               "Decision makers are now reachable by job title and company; judge the work by meetings and "
               "pipeline, not likes."),
        Option("As a rule: industrial companies should stay off social media.", False,
               "That turns one 2013 book's view into a law; professional networks reach B2B buyers today."),
        Option("Ignore it: every business should run SMM like a consumer brand.", False,
               "The source's reasons still hold for broad, consumer-style SMM: few buyers, long deals."),
    ]),
    QuizQuestion("A segment converts at 20%, but holds 1% of followers. Why not target it first?", [
        Option("Its rate rests on very few people and it is too small to carry a campaign.", True,
               "Pick among segments big enough to matter, then the best rate."),
        Option("High conversion rates are always errors.", False,
               "They are not; they are just uncertain when measured on few people."),
    ]),
    QuizQuestion("A community has 100,000 members but earns almost nothing. What is the lesson?", [
        Option("Audience size is not money: plan monetisation and active members first.", True,
               "A small active group can earn more than a large passive one."),
        Option("Post more adverts.", False, "Advertising is the least profitable way and drives people away."),
    ]),
])


BANK = Bank(
    name="02_strategy",
    title="Strategy",
    questions=QUESTIONS,
    datasets={"my_brief": _my_brief, "my_audience": _my_audience},
    quiz=QUIZ,
)
