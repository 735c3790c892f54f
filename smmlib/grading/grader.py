"""Grade a whole class: find the submissions, run each in its sandboxed
child, check the exported answers in this process, write results, feedback
and the gradebook.

Tamper-proofing in one sentence: the student's process only *sends data*
(the answer variables); points and messages are computed here by the same
:meth:`~smmlib.engine.questions.Question.grade` that ``check()`` uses, with expected
answers recomputed from the submission folder's student ID; function answers
are run from their source in another sandboxed child, and only their return
values come back.
"""

from __future__ import annotations

import json
import os
import queue
import resource
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.checking import Outcome, Result
from ..engine.questions import Bank
from .canary import CANARY_ID, CanaryReport, canary_notebooks, judge, write_report
from .export import FunctionAnswer, Unsupported, decode, import_preamble
from .gradebook import (
    SubmissionResult,
    atomic_write,
    load_result,
    save_result,
    sync_filesystem,
    write_gradebook,
)
from .review import free_texts, write_review_sheets
from .runner import Limits, Sandbox, Worker, detect_sandbox, hidden_paths, stop_workers
from .submissions import (
    ParsedNotebook,
    Submission,
    discover,
    inject_student_id,
    read_notebook_bytes,
    sha256,
)
from .vocabulary import ErrorKind, Frame, Status

__all__ = ["CanaryError", "GradeOptions", "GradeSummary", "GradingError", "grade_class", "score_answers"]

_MAX_NOTES = 12
#: Question kinds scored in proportion to their parts (a "qN parts" gradebook column each).
PARTIAL_KINDS = ("classify", "order", "overlap")
_GRADE_LOCK = threading.Lock()


class GradingError(RuntimeError):
    """The grader itself cannot work (bad arguments, unknown exercise, unwritable output)."""


class CanaryError(GradingError):
    """The canary run failed: the grading environment would give wrong scores."""


@dataclass
class GradeOptions:
    """What ``smm grade`` was asked to do."""

    submissions: Path
    exercise: str
    out: Path
    jobs: int = 2
    limits: Limits = field(default_factory=Limits)
    force: bool = False
    show_solutions: bool = False
    sandbox: str = "auto"
    progress: bool | None = None  # None: a bar when stderr is a terminal


class Timings:
    """Where a run's time went, summed over submissions (seconds), thread-safe.

    ``startup``: worker start-up (wall clock, all workers in parallel);
    ``code``: the students' own cells; ``export``: encoding their answers in the
    child; ``child_other``: the rest of each child's life (fork, limits, exit,
    clean-up); ``transfer``: sending jobs and reading replies; ``functions``:
    running function answers on their cases (in the notebook's child, or in a
    child of their own); ``scoring``: decoding and checking answers here
    (expected values recomputed per student); ``writing``: result, feedback files.

    These are wall-clock times, which grow with the machine's load, summed
    over submissions that overlap (a thread checks one notebook's answers
    while a worker runs the next), so their sum exceeds the run's elapsed
    time; ``class_s`` is that elapsed time for the class itself (after the
    workers' start-up and the canary). CPU time,
    which does not (much), is counted apart in ``cpu``: ``code`` (the students'
    cells, as the child measured it), ``child`` (the rest of the child's CPU:
    start, export, function cases, exit), ``worker`` (the worker's own work
    for the job) and ``grader`` (decoding, scoring and writing here).
    """

    PHASES = ("startup", "code", "export", "child_other", "transfer", "functions", "scoring", "writing")
    CPU_PHASES = ("code", "child", "worker", "grader")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds = dict.fromkeys(self.PHASES, 0.0)
        self.cpu = dict.fromkeys(self.CPU_PHASES, 0.0)
        self.run_cpu: dict[str, float] = {}  # the whole run's CPU seconds: this process, the workers
        self.submissions = 0
        self.class_s = 0.0  # elapsed seconds from the end of the canary to the last result

    def add(self, phase: str, seconds: float, submissions: int = 0) -> None:
        """Add ``seconds`` to ``phase`` (and count ``submissions`` finished)."""
        with self._lock:
            self.seconds[phase] += max(0.0, seconds)
            self.submissions += submissions

    def add_cpu(self, phase: str, seconds: float) -> None:
        """Add ``seconds`` of CPU time to ``phase`` (one of :attr:`CPU_PHASES`)."""
        with self._lock:
            self.cpu[phase] += max(0.0, seconds)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the totals and the per-submission means."""
        n = max(1, self.submissions)
        return {"submissions": self.submissions, "total_s": dict(self.seconds), "class_s": self.class_s,
                "per_submission_ms": {k: 1000 * v / n for k, v in self.seconds.items() if k != "startup"},
                "cpu_total_s": dict(self.cpu), "run_cpu_s": dict(self.run_cpu),
                "cpu_per_submission_ms": {k: 1000 * v / n for k, v in self.cpu.items()}}


@dataclass
class GradeSummary:
    """What a run did: every submission's result, and how many were (re)graded."""

    results: list[SubmissionResult]
    regraded: int
    reused: int
    sandbox: str
    seconds: float
    canary: Any = None  # the CanaryReport of this run
    timings: Timings | None = None

    @property
    def counts(self) -> Counter:
        """Submissions per status."""
        return Counter(r.status for r in self.results)


# ----------------------------------------------------------------------------- checking answers


def _opaque(value: Unsupported) -> object:
    """A stand-in for an answer of a type the grader cannot read: checks see a
    value of a class named after the student's type, which matches nothing."""
    name = "".join(ch for ch in value.type_name if ch.isalnum() or ch == "_") or "object"
    if not name[0].isalpha():
        name = "value_" + name
    return type(name, (), {"__repr__": lambda self: f"<{name}>"})()


class _Replay:
    """A function answer as the checker sees it: each call returns (or raises)
    what the student's function did for that case in its sandboxed child."""

    def __init__(self, name: str, outputs: list[dict[str, Any]], stop_reason: str):
        self.__name__ = name
        self._outputs = outputs
        self._calls = 0
        self._stop_reason = stop_reason

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        index, self._calls = self._calls, self._calls + 1
        if index >= len(self._outputs):
            raise _named_exception("TimeoutError")(self._stop_reason)
        item = self._outputs[index]
        if "raise" in item:
            if item.get("not_implemented"):
                raise NotImplementedError(str(item.get("msg", "")))
            raise _named_exception(str(item["raise"]))(str(item.get("msg", "")))
        try:
            return decode(item.get("value"))
        except (ValueError, KeyError, TypeError):
            return _opaque(Unsupported("unreadable value"))


def _named_exception(name: str) -> type[Exception]:
    clean = "".join(ch for ch in name if ch.isalnum() or ch == "_") or "Error"
    return type(clean, (Exception,), {})


def _function_result(question: Any, message: str) -> Result:
    return Result(question.key, Outcome.INCORRECT, message, 0.0,
                  question.points if question.graded else 0.0, question.graded, question.label)


def score_answers(bank: Bank, student: str, answers: dict[str, Any],
                  run_function: Callable[[Any, str, str], dict[str, Any]] | None) -> list[Result]:
    """Check decoded ``answers`` for ``student`` with the exercise engine.

    Function answers (:class:`FunctionAnswer`, or text holding a ``def``) are
    run by ``run_function(question, name, source)`` — in a sandboxed child,
    never here — and replayed into the checker; without ``run_function`` they
    count as not gradable.
    """
    from ..exercises import grade_answers

    fixed: dict[str, Result] = {}
    prepared = dict(answers)
    for q in bank.questions:
        value = prepared.get(q.answer_name, Ellipsis)
        if isinstance(value, Unsupported):
            prepared[q.answer_name] = _opaque(value)
            continue
        if q.kind != "function":
            if isinstance(value, FunctionAnswer):
                prepared[q.answer_name] = _opaque(Unsupported("function"))
            continue
        if isinstance(value, str) and "def " in value:
            value = FunctionAnswer(q.answer_name, value)
        if not isinstance(value, FunctionAnswer):
            continue
        if value.source is None:
            fixed[q.key] = _function_result(q, f"The grader could not read the source code of "
                                               f"`{value.name}`: define it with `def` in a cell.")
            continue
        if run_function is None:
            fixed[q.key] = _function_result(q, "Function answers are not run in this mode.")
            continue
        reply = run_function(q, value.name, value.source)
        frames = reply.get("frames", []) if reply.get("type") == Frame.JOB_DONE else []
        build = [f for f in frames if f.get("type") == Frame.BUILD_ERROR]
        if build:
            fixed[q.key] = _function_result(q, f"Your code for `{value.name}` could not run: {build[0].get('error')}.")
            continue
        outputs = [f for f in frames if f.get("type") == Frame.CASE]
        why = (f"your function did not finish within {reply.get('timeout', '?')} s"
               if reply.get("timed_out") or any(f.get("type") == Frame.TIMEOUT for f in frames)
               else "your function stopped the process running it")
        prepared[q.answer_name] = _Replay(value.name, outputs, why)
    with _GRADE_LOCK:
        results = grade_answers(bank.name, student, prepared)
    return [fixed.get(r.question, r) for r in results]


# ----------------------------------------------------------------------------- one submission


def _interpret(reply: dict[str, Any], code_positions: list[int], limits: Limits
               ) -> tuple[str, dict[str, Any], list[str]]:
    """Status, encoded answers and notes from a worker's reply."""
    if reply.get("type") != Frame.JOB_DONE:
        return Status.CRASHED, {}, [f"the submission stopped the grading worker ({reply.get('error', '?')}); "
                               "it was restarted"]
    answers: dict[str, Any] = {}
    notes: list[str] = []
    memory = soft_timeout = done = False
    last_cell = -1
    memory_cell: Any = None
    errors: list[str] = []

    def where(i: Any) -> str:
        try:
            return f"cell {code_positions[int(i)]}"
        except (ValueError, IndexError, TypeError):
            return "a cell"

    for frame in reply.get("frames", []):
        if not isinstance(frame, dict):
            continue
        kind = frame.get("type")
        if kind == Frame.CELL:
            last_cell = frame.get("i", last_cell)
        elif kind == Frame.ANSWERS and isinstance(frame.get("v"), dict):
            answers.update(frame["v"])
        elif kind == Frame.ERROR:
            if frame.get("kind") == ErrorKind.MEMORY and not memory:
                memory, memory_cell = True, frame.get("cell")
            errors.append(f"{where(frame.get('cell'))}: {str(frame.get('error', ''))[:300]}")
        elif kind == Frame.TIMEOUT:
            soft_timeout = True
        elif kind == Frame.DONE:
            done = True
    if errors:
        shown = errors[:_MAX_NOTES]
        more = f" (and {len(errors) - _MAX_NOTES} more errors)" if len(errors) > _MAX_NOTES else ""
        notes.append("errors: " + "; ".join(shown) + more)
    sig = reply.get("signal")
    if reply.get("timed_out") or soft_timeout:
        notes.insert(0, f"stopped after the time limit of {limits.timeout:g} s, in {where(last_cell)}; "
                        "answers defined before that were checked")
        return Status.TIMEOUT, answers, notes
    killed_by_grader = bool(reply.get("disk") or reply.get("too_much_output"))
    killed_for_memory = sig is not None and not killed_by_grader and (
        sig == 9 or reply.get("maxrss_kb", 0) * 1024 > 0.5 * limits.memory_mb * 2**20)
    if memory or killed_for_memory:
        notes.insert(0, f"ran out of memory (limit {limits.memory_mb} MB) in "
                        f"{where(memory_cell if memory else last_cell)}; "
                        "answers defined before that were checked")
        return Status.MEMORY, answers, notes
    if reply.get("too_much_output"):
        notes.insert(0, "sent more data than allowed; later answers were ignored")
    if reply.get("disk"):
        notes.insert(0, f"wrote more than {limits.disk_mb} MB of files and was stopped")
    if reply.get("garbled"):
        notes.insert(0, "the notebook wrote into the grader's channel; answers after that were ignored")
    if done:
        return Status.GRADED, answers, notes
    how = f"signal {sig}" if sig is not None else f"exit code {reply.get('exit_code')}"
    if answers:
        notes.insert(0, f"the notebook ended its own process in {where(last_cell)} ({how}); "
                        "answers defined before that were checked")
        return Status.GRADED, answers, notes
    notes.insert(0, f"the notebook's process ended in {where(last_cell)} ({how}) before any answer "
                    "could be read")
    return Status.CRASHED, answers, notes


@dataclass
class _Context:
    options: GradeOptions
    bank: Bank
    solutions: dict[str, str] | None
    writer: _Writer
    stopping: threading.Event = field(default_factory=threading.Event)
    timings: Timings = field(default_factory=Timings)


#: Runs one job on a grading worker; returns the worker's reply and the
#: moment (``time.perf_counter()``) the worker took the job.
RunJob = Callable[[dict[str, Any]], tuple[dict[str, Any], float]]


def _on(worker: Worker) -> RunJob:
    """A :data:`RunJob` that runs every job on ``worker``."""
    def run(job: dict[str, Any]) -> tuple[dict[str, Any], float]:
        taken = time.perf_counter()
        return worker.request(job), taken
    return run


def _grade_notebook(ctx: _Context, run: RunJob, sub: Submission, parsed: ParsedNotebook,
                    texts: dict[str, str] | None = None, taken: list[float] | None = None
                    ) -> tuple[str, list[Result], list[str]]:
    """Run one notebook with ``run`` (on a worker) and check its answers;
    ``texts`` (when given) receives the free-text answers, by question key,
    for the review sheets, and ``taken`` the moment (``time.perf_counter()``)
    a worker took the notebook. A worker is held only while it runs a job, not
    while the answers are checked here: the next notebook's child runs
    meanwhile."""
    limits = ctx.options.limits
    cells = inject_student_id(parsed.cells, sub.student)
    positions: list[int] = []
    code: list[str] = []
    original = 0
    for cell in cells:
        if "injected-parameters" in cell.tags and "parameters" not in cell.tags:
            positions.append(0)
        else:
            original += 1
            if cell.cell_type == "code":
                positions.append(original)
        if cell.cell_type == "code":
            code.append(cell.source)
    job = {"type": Frame.NOTEBOOK, "exercise": ctx.bank.name, "student": sub.student, "cells": code,
           "timeout": limits.timeout, "soft_timeout": 0.85 * limits.timeout,
           "function_timeout": limits.function_timeout, "memory_mb": limits.memory_mb}
    reply, sent = run(job)
    if taken is not None:
        taken.append(sent)
    began, began_cpu = time.perf_counter(), time.thread_time()
    _account(ctx.timings, reply, began - sent)
    status, encoded, notes = _interpret(reply, positions, limits)
    answers: dict[str, Any] = {}
    for name, value in encoded.items():
        try:
            answers[name] = decode(value)
        except (ValueError, KeyError, TypeError, RecursionError):
            answers[name] = Unsupported("unreadable value")
    if texts is not None:
        texts.update(free_texts(ctx.bank, answers))
    in_child = _function_frames(reply)

    def run_function(question: Any, name: str, source: str) -> dict[str, Any]:
        if question.key in in_child:  # already called on its cases in the notebook's child
            items, timed_out = in_child[question.key]
            return {"type": Frame.JOB_DONE, "frames": items, "timed_out": timed_out,
                    "timeout": limits.function_timeout}
        fjob = {"type": Frame.FUNCTION, "exercise": ctx.bank.name, "student": sub.student,
                "key": question.key, "name": name, "source": f"{import_preamble(code)}\n{source}",
                "timeout": limits.function_timeout, "soft_timeout": 0.85 * limits.function_timeout,
                "memory_mb": limits.memory_mb}
        asked = time.perf_counter()
        freply, _taken = run(fjob)
        spent_on_functions.append(time.perf_counter() - asked)
        _account_cpu(ctx.timings, freply)
        freply["timeout"] = limits.function_timeout
        return freply

    spent_on_functions: list[float] = []
    results = score_answers(ctx.bank, sub.student, answers, run_function)
    ctx.timings.add("functions", sum(spent_on_functions))
    ctx.timings.add("scoring", time.perf_counter() - began - sum(spent_on_functions))
    ctx.timings.add_cpu("grader", time.thread_time() - began_cpu)
    if status == Status.GRADED and not any(r.outcome is not Outcome.NOT_ATTEMPTED for r in results):
        notes.append("no question attempted")
    return status, results, notes


def _grade_one(ctx: _Context, run: RunJob | None, sub: Submission, data: bytes | None,
               parsed: ParsedNotebook | None) -> SubmissionResult | None:
    started = [time.perf_counter()]  # replaced by when a worker took the notebook (not its wait)
    notes = [sub.note] if sub.note else []
    file = str(sub.path.relative_to(ctx.options.submissions)) if sub.path else ""
    digest = sha256(data) if data is not None else ""
    results: list[Result] = []
    texts: dict[str, str] = {}
    if sub.path is None:
        status = Status.MISSING
    elif data is None:
        status, notes = Status.UNREADABLE, notes + ["the file could not be read"]
    elif parsed is not None and parsed.status:
        status = parsed.status
        notes.append(parsed.note)
    else:
        assert run is not None and parsed is not None
        status, results, more = _grade_notebook(ctx, run, sub, parsed, texts, started)
        notes += more
    score = sum(r.points for r in results)
    result = SubmissionResult(sub.student, ctx.bank.name, status, score, ctx.bank.max_points, results,
                              notes, time.perf_counter() - started[-1], digest, file, texts=texts)
    if ctx.stopping.is_set():  # interrupted: the worker was stopped under this job; grade it next run
        return None
    began, began_cpu = time.perf_counter(), time.thread_time()
    ctx.writer.add(result)
    ctx.timings.add_cpu("grader", time.thread_time() - began_cpu)
    ctx.timings.add("writing", time.perf_counter() - began, submissions=1)
    return result


class _Writer:
    """Writes each result's feedback files at once and its result file once
    that feedback is on disk, so that a result file always means everything
    else is written, even after a power cut. Instead of an fsync per file
    (three per submission), one file-system sync per batch: every
    ``batch_seconds`` and in :meth:`flush`. Every file is replaced atomically;
    a result file lost in a power cut only means that submission is graded
    again (a re-run reads only complete result files with the notebook's hash).
    """

    def __init__(self, out: Path, solutions: dict[str, str] | None, batch_seconds: float = 0.5):
        self.out = out
        self.solutions = solutions
        self.batch_seconds = batch_seconds
        self._pending: list[SubmissionResult] = []
        self._lock = threading.Lock()
        self._last = time.monotonic()

    def add(self, result: SubmissionResult) -> None:
        """Write ``result``'s feedback now; its result file with the next batch."""
        from .feedback import feedback_html, feedback_markdown

        feedback = self.out / "feedback"
        atomic_write(feedback / f"{result.student}.md", feedback_markdown(result, self.solutions), durable=False)
        atomic_write(feedback / f"{result.student}.html", feedback_html(result, self.solutions), durable=False)
        with self._lock:
            self._pending.append(result)
            if time.monotonic() - self._last >= self.batch_seconds:
                self._flush()

    def flush(self) -> None:
        """Put every pending result on disk (after its feedback)."""
        with self._lock:
            self._flush()

    def _flush(self) -> None:
        self._last = time.monotonic()
        if not self._pending:
            return
        sync_filesystem(self.out)  # the feedback first ...
        for result in self._pending:  # ... then the result files, which say "done"
            save_result(self.out, result, durable=False)
        sync_filesystem(self.out)
        self._pending.clear()


# ----------------------------------------------------------------------------- the class


def _check_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "results").mkdir(exist_ok=True)
        (out / "feedback").mkdir(exist_ok=True)
        probe = out / f".smm-write-test-{os.getpid()}"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise GradingError(f"cannot write to the output folder {out}: {exc}. Choose another --out "
                           "folder or fix its permissions.") from exc


def _solutions(bank: Bank) -> dict[str, str]:
    from ..engine.regions import solutions_for

    found = {q.key: q.solution for q in bank.questions if q.solution}
    found.update(solutions_for(bank.name))
    return found


def grade_class(options: GradeOptions, on_result: Callable[[SubmissionResult], None] | None = None,
                on_canary: Callable[[CanaryReport], None] | None = None,
                workers: list[Worker] | None = None) -> GradeSummary:
    """Grade every submission of ``options.exercise`` under ``options.submissions``.

    Writes ``results/<student>.json``, ``feedback/<student>.{md,html}`` and
    ``gradebook.csv`` (one row per submission found) into ``options.out``.
    Raises :class:`GradingError` when the grader itself cannot work; a
    student's code failing is a status in the gradebook, never an exception.
    ``workers``: already spawned by :func:`~smmlib.grading.runner.spawn_workers`
    for these options (``smm grade`` starts them before it loads the engine);
    they are stopped when the run ends, whatever happens.
    """
    try:
        return _grade_class(options, on_result, on_canary, workers or [])
    finally:
        stop_workers(list(workers or ()))


def _grade_class(options: GradeOptions, on_result: Callable[[SubmissionResult], None] | None,
                 on_canary: Callable[[CanaryReport], None] | None, prestarted: list[Worker]) -> GradeSummary:
    from ..exercises import get_bank

    started = time.monotonic()
    try:
        bank = get_bank(options.exercise)
    except KeyError as exc:
        raise GradingError(str(exc.args[0]) if exc.args else str(exc)) from exc
    submissions = options.submissions
    if not submissions.is_dir():
        raise GradingError(f"the submissions folder {submissions} does not exist (or is not a folder); "
                           "expected SUBMISSIONS/<student_id>/<exercise>.ipynb")
    out = options.out.resolve()
    if options.jobs < 1:
        raise GradingError(f"--jobs must be at least 1, not {options.jobs}")
    _check_out(out)
    subs = discover(submissions, bank.name)
    subs = [s for s in subs if not _is_inside(submissions / s.student, out)]  # OUT inside SUBMISSIONS
    solutions = _solutions(bank) if options.show_solutions else None
    ctx = _Context(options, bank, solutions, _Writer(out, solutions))

    todo: list[tuple[Submission, bytes | None, ParsedNotebook | None]] = []
    results: dict[str, SubmissionResult] = {}
    for sub in subs:
        data: bytes | None = None
        parsed = None
        if sub.path is not None:
            try:
                data = sub.path.read_bytes()
            except OSError:
                data = None
        if data is not None and not options.force:
            cached = load_result(out, sub.student)
            if cached and cached.sha256 == sha256(data) and cached.exercise == bank.name:
                results[sub.student] = cached
                continue
        if data is not None:
            parsed = read_notebook_bytes(data, bank.name)
        todo.append((sub, data, parsed))
    reused = len(results)

    needs_worker = [t for t in todo if t[2] is not None and t[2].status is None]
    slots = max(1, min(options.jobs, len(needs_worker)))  # one at least: the canary always runs
    if prestarted:  # spawned by the caller with the same options: keep as many as needed
        sandbox = prestarted[0].sandbox
        all_workers = prestarted[:slots]
        stop_workers(prestarted[slots:])
    else:
        try:
            sandbox = detect_sandbox(hidden_paths(submissions, out), options.sandbox)
        except (RuntimeError, ValueError) as exc:
            raise GradingError(str(exc)) from exc
        all_workers = [Worker(i, bank.name, sandbox, options.limits, out / f".worker-{i}.log")  # type: ignore[arg-type]
                       for i in range(slots)]
    show_bar = sys.stderr.isatty() if options.progress is None else options.progress
    workers: queue.Queue[Worker] = queue.Queue()
    for w in all_workers:
        workers.put(w)

    def on_free_worker(job: dict[str, Any]) -> tuple[dict[str, Any], float]:
        worker = workers.get()
        try:
            return _on(worker)(job)
        finally:
            workers.put(worker)

    def task(item: tuple[Submission, bytes | None, ParsedNotebook | None]) -> SubmissionResult | None:
        sub, data, parsed = item
        return _grade_one(ctx, on_free_worker if parsed is not None and parsed.status is None else None,
                          sub, data, parsed)

    canary: CanaryReport | None = None
    bar: Any = _NoBar()
    try:
        for w in all_workers:  # all start in parallel, from this (long-lived) thread
            if w.process is None:
                w.spawn()
        began = min(w.spawned for w in all_workers)
        for w in all_workers:
            try:
                w.wait_ready()
            except RuntimeError as exc:
                raise GradingError(str(exc)) from exc
        ctx.timings.add("startup", time.perf_counter() - began)
        canary = _run_canary(ctx, all_workers, sandbox)
        ctx.timings = Timings()  # the class's own figures, without the canary
        ctx.timings.add("startup", time.perf_counter() - began - canary.seconds)
        if on_canary:
            on_canary(canary)
        if not canary.ok:
            raise CanaryError(canary.message())
        bar = _progress(len(subs), reused, show_bar)
        class_began = time.perf_counter()
        # twice as many threads as workers: while one thread checks a notebook's answers,
        # another has already handed the freed worker the next notebook
        with ThreadPoolExecutor(2 * slots) as pool:
            pending: set[Future] = {pool.submit(task, item) for item in todo}
            try:
                while pending:
                    done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    for fut in done:
                        res = fut.result()
                        if res is None:
                            continue
                        results[res.student] = res
                        bar.update(1)
                        if on_result:
                            on_result(res)
                ctx.timings.class_s = time.perf_counter() - class_began
            except KeyboardInterrupt:
                ctx.stopping.set()
                for fut in pending:
                    fut.cancel()
                stop_workers(all_workers)
                raise
    finally:
        stop_workers(all_workers)
        bar.close()
        began = time.perf_counter()
        ctx.writer.flush()
        ctx.timings.add("writing", time.perf_counter() - began)
        if canary is not None:
            write_report(out, canary)
        ordered = [results.get(s.student) or SubmissionResult(
            s.student, bank.name, Status.PENDING, 0.0, bank.max_points,
            notes=["not graded yet: the run was interrupted"],
            file=str(s.path.relative_to(submissions)) if s.path else "") for s in subs]
        own = resource.getrusage(resource.RUSAGE_SELF)
        ctx.timings.run_cpu = {"grader": own.ru_utime + own.ru_stime,
                               "workers": sum(w.cpu_seconds for w in {id(w): w for w in
                                                                      [*prestarted, *all_workers]}.values())}
        if canary is not None and canary.ok:  # a broken environment writes no gradebook
            write_gradebook(out / "gradebook.csv", ordered, [q.key for q in bank.questions],
                            [q.key for q in bank.questions if q.kind in PARTIAL_KINDS])
            write_review_sheets(out, bank, ordered)
            atomic_write(out / "timings.json", json.dumps(ctx.timings.to_dict(), indent=1) + "\n")
    return GradeSummary(ordered, len(todo), reused, sandbox.kind, time.monotonic() - started, canary,
                        ctx.timings)


def _function_frames(reply: dict[str, Any]) -> dict[str, tuple[list[dict[str, Any]], bool]]:
    """Function answers the notebook's child already ran on their cases:
    question key -> (case frames, timed out)."""
    found: dict[str, tuple[list[dict[str, Any]], bool]] = {}
    if reply.get("type") != Frame.JOB_DONE:
        return found
    for frame in reply.get("frames", ()):
        if isinstance(frame, dict) and frame.get("type") == Frame.FCASES and isinstance(frame.get("key"), str):
            items = [i for i in frame.get("items", ()) if isinstance(i, dict) and i.get("type") == Frame.CASE]
            found[frame["key"]] = (items, bool(frame.get("timed_out")))
    return found


def _account(timings: Timings, reply: dict[str, Any], round_trip: float) -> None:
    """Split a notebook job's round trip into the student's code, export, the
    function answers' cases, the rest of the child's life and the transfer."""
    done = next((f for f in reply.get("frames", ()) if isinstance(f, dict) and f.get("type") == Frame.DONE), {})
    try:
        code, export = float(done.get("code_s", 0.0)), float(done.get("export_s", 0.0))
        functions = float(done.get("functions_s", 0.0))
        child = float(reply.get("duration", round_trip))
    except (TypeError, ValueError):  # the frames are the student's: trust no number
        code = export = functions = 0.0
        child = round_trip
    timings.add("code", code)
    timings.add("export", export)
    timings.add("functions", functions)
    timings.add("child_other", child - code - export - functions)
    timings.add("transfer", round_trip - child)
    try:
        code_cpu = float(done.get("code_cpu_s", 0.0))
    except (TypeError, ValueError):
        code_cpu = 0.0
    _account_cpu(timings, reply, code_cpu)


def _account_cpu(timings: Timings, reply: dict[str, Any], code_cpu: float = 0.0) -> None:
    """Add a job's CPU time to ``timings``: the child's (from the kernel), of
    which ``code_cpu`` (the child's own figure, bounded by the kernel's) ran
    the student's cells, and the worker's."""
    try:
        child_cpu = max(0.0, float(reply.get("child_cpu_s", 0.0)))
        worker_cpu = max(0.0, float(reply.get("worker_cpu_s", 0.0)))
    except (TypeError, ValueError):
        child_cpu = worker_cpu = 0.0
    code_cpu = min(max(0.0, code_cpu), child_cpu)
    timings.add_cpu("code", code_cpu)
    timings.add_cpu("child", child_cpu - code_cpu)
    timings.add_cpu("worker", worker_cpu)


def _run_canary(ctx: _Context, workers: list[Worker], sandbox: Sandbox) -> CanaryReport:
    """Grade the worked solution and the untouched exercise for the canary ID,
    through the submissions' own path, on two workers at once where there are two."""
    started = time.monotonic()
    try:
        books = canary_notebooks(ctx.bank.name)
    except FileNotFoundError as exc:
        raise GradingError(str(exc)) from exc
    slots = {"solution": workers[0], "exercise": workers[-1]}  # a worker runs one job at a time
    with ThreadPoolExecutor(len({id(w) for w in slots.values()})) as pool:
        futures = {kind: pool.submit(_grade_notebook, ctx, _on(slots[kind]), Submission(CANARY_ID, None), parsed)
                   for kind, (_path, parsed) in books.items() if parsed.status is None}
        outcomes = {kind: fut.result() for kind, fut in futures.items()}
    return judge(ctx.bank.name, sandbox.kind, ctx.bank.max_points, books, outcomes,
                 time.monotonic() - started)


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, done: int, show: bool) -> Any:
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, initial=done, unit="notebook", desc="grading", file=sys.stderr)
