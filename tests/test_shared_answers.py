"""Answers that depend on no student are computed once per process
(``Context.shared``): what may be kept, what may not, and that keeping it
changes no grade."""

from __future__ import annotations

import pandas as pd
import pytest

from smmlib.engine.checking import diagnose
from smmlib.engine.questions import Bank, Case, Context, Function, Misconception, Value
from smmlib.exercises import BANKS

SHARED = pd.DataFrame({"reach": [100, 300]})


def _bank(calls: list[str]) -> Bank:
    def shared(ctx: Context) -> pd.DataFrame:
        return SHARED.copy()

    def personal(ctx: Context) -> pd.DataFrame:
        return pd.DataFrame({"reach": [ctx.seed % 1000, 5]})

    def counted(name: str, compute):
        def run(ctx: Context):
            calls.append(name)
            return compute(ctx)
        return run

    questions = [
        Value(key="q1", title="total reach of the shared table",
              expected=counted("q1", lambda ctx: int(ctx.data("shared")["reach"].sum())),
              misconceptions=[Misconception("mean", counted("q1 wrong", lambda ctx: float(
                  ctx.data("shared")["reach"].mean())), "You took the mean.")]),
        Value(key="q2", title="total reach of your table",
              expected=counted("q2", lambda ctx: int(ctx.data("personal")["reach"].sum()))),
        Value(key="q3", title="your ID", expected=counted("q3", lambda ctx: ctx.student_id.upper())),
        Value(key="q4", title="the shared table itself", expected=counted("q4", lambda ctx: ctx.data("shared"))),
        Function(key="q5", title="double it", reference=counted("q5", lambda x: 2 * x),
                 cases=[Case((1,), label="one"), Case((2,), label="two"),
                        counted("q5 mine", lambda ctx: Case((ctx.seed % 7,), label="yours"))]),
    ]
    return Bank("99_test", "test bank", questions, datasets={"shared": shared, "personal": personal})


def test_an_answer_on_shared_data_is_computed_once_and_the_same_for_everyone():
    calls: list[str] = []
    bank = _bank(calls)
    q1 = bank.question("q1")
    assert [q1.expected_value(bank.context(s)) for s in ("s1", "s2", "s3")] == [400, 400, 400]
    assert calls.count("q1") == 1


def test_an_answer_on_the_students_own_data_or_id_is_computed_for_each():
    calls: list[str] = []
    bank = _bank(calls)
    q2, q3 = bank.question("q2"), bank.question("q3")
    totals = [q2.expected_value(bank.context(s)) for s in ("s1", "s2", "s3")]
    assert len(set(totals)) > 1 and calls.count("q2") == 3
    assert [q3.expected_value(bank.context(s)) for s in ("ab", "cd")] == ["AB", "CD"]
    assert calls.count("q3") == 2


def test_a_personal_dataset_already_loaded_still_counts_as_personal():
    calls: list[str] = []
    bank = _bank(calls)
    ctx = bank.context("s1")
    ctx.data("personal")  # loaded before the answer is computed (as check() and the grader do)
    bank.question("q2").expected_value(ctx)
    bank.question("q2").expected_value(bank.context("s2"))
    assert calls.count("q2") == 2


def test_what_is_handed_out_is_a_copy():
    bank = _bank([])
    q4 = bank.question("q4")
    first = q4.expected_value(bank.context("s1"))
    first.loc[0, "reach"] = -1
    assert q4.expected_value(bank.context("s2"))["reach"].tolist() == [100, 300]
    assert q4.expected_value(bank.context("s3"))["reach"].tolist() == [100, 300]


def test_a_context_with_other_loaders_does_not_share_what_was_kept():
    bank = _bank([])
    q1 = bank.question("q1")
    assert q1.expected_value(bank.context("s1")) == 400
    other = Context("99_test", "s2", {"shared": lambda ctx: pd.DataFrame({"reach": [1, 2]})})
    assert q1.expected_value(other) == 3
    assert q1.expected_value(bank.context("s3")) == 400


def test_a_likely_mistake_on_shared_data_is_computed_once_and_still_recognised():
    calls: list[str] = []
    bank = _bank(calls)
    q1 = bank.question("q1")
    for student in ("s1", "s2", "s3"):
        assert q1.grade(200.0, bank.context(student)).message == "You took the mean."
    assert calls.count("q1 wrong") == 1


def test_a_functions_reference_runs_once_on_fixed_cases_and_for_each_student_on_theirs():
    calls: list[str] = []
    bank = _bank(calls)
    q5 = bank.question("q5")
    for student in ("s1", "s2", "s3"):
        ctx = bank.context(student)
        assert [c.label for c in q5.case_list(ctx)] == ["one", "two", "yours"]
        assert q5.grade(lambda x: 2 * x, ctx).correct
        wrong = q5.grade(lambda x: 0 if x == 2 else 2 * x, bank.context(student))
        assert not wrong.correct and "two" in wrong.message
    # the student's case is built at each listing and each grading: 3 times for each of 3 students
    assert calls.count("q5 mine") == 9
    # the reference: once for each fixed case, and for each student's own case when it is reached
    assert calls.count("q5") == 2 + 3


def _everything(bank: Bank, student: str) -> list:
    ctx = bank.context(student)
    found: list = []
    for q in bank.questions:
        if isinstance(q, Value):
            found.append(q.expected_value(ctx))
            for m in q.misconceptions:
                try:
                    found.append(q.wrong_value(m, ctx))
                except Exception as exc:  # noqa: BLE001 - the same failure either way
                    found.append(type(exc).__name__)
        if isinstance(q, Function):
            found += [q._reference_output(i, c, ctx) for i, c in enumerate(q.case_list(ctx), start=1)]
    return found


@pytest.mark.parametrize("name", list(BANKS))
def test_keeping_shared_answers_changes_nothing_in_any_bank(name):
    bank = BANKS[name]
    students = ("s001", "s002", "anna-k")
    for q in bank.questions:
        q._shared.clear()
    warm = [_everything(bank, s) for s in students]  # the first student fills what is kept
    cold = []
    for s in students:
        cold.append(_everything(bank, s))
        for q in bank.questions:
            q._shared.clear()
    for w, c in zip(warm, cold, strict=True):
        for a, b in zip(w, c, strict=True):
            assert diagnose(a, b) is None


def test_the_metrics_bank_keeps_its_answers_on_the_real_dataset_only():
    bank = BANKS["04_metrics"]
    for q in bank.questions:
        q._shared.clear()
    for q in bank.questions:
        if isinstance(q, Value):
            q.expected_value(bank.context("s001"))
    kept = {q.key for q in bank.questions if "expected" in q._shared}
    # q4, q5, q12, q13: the Facebook table; q9: a tagged link; q1-q3, q6, q7, q14 use the student's posts
    assert kept == {"q4", "q5", "q9", "q12", "q13"}
