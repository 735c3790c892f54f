"""The grader's vocabulary: submission statuses and the worker protocol's frame types.

One list each. The gradebook, the feedback, the ``smm grade`` help and the
instructor guide take the statuses from :class:`Status` (the help is built
from it; ``tests/test_vocabulary.py`` checks the guide). Every ``"type"`` a
frame between the grader, its workers and their children may carry is a
:class:`Frame`; the same test fails on a frame type written in the grading
code that is not listed here. Both are ``str`` enums, so a member equals its
text (``Status.GRADED == "graded"``) and goes into JSON as it is.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["ErrorKind", "Frame", "Status", "status_help"]


class _Described(str, Enum):
    """A text enum whose members carry a one-line description (their docstring)."""

    def __new__(cls, value: str, doc: str) -> _Described:
        member = str.__new__(cls, value)
        member._value_ = value
        member.__doc__ = doc
        return member

    def __str__(self) -> str:
        return self.value

    @property
    def meaning(self) -> str:
        """The member's one-line description."""
        return self.__doc__ or ""


class Status(_Described):
    """What a gradebook row's ``status`` may say."""

    GRADED = "graded", "the notebook ran (perhaps with errors in some cells) and its answers were checked"
    TIMEOUT = "timeout", "the notebook ran longer than --timeout; answers exported before that were checked"
    MEMORY = "memory", "the notebook used more memory than --memory; answers exported before that were checked"
    CRASHED = "crashed", "the process ended before any answer could be read"
    UNREADABLE = "unreadable", "the file is not a notebook (not JSON, not UTF-8, or no cells)"
    WRONG_EXERCISE = "wrong_exercise", "the notebook is another exercise's"
    EMPTY = "empty", "the file or notebook is empty (no code)"
    MISSING = "missing", "the student's folder has no notebook for this exercise"
    PENDING = "pending", "not graded yet (an interrupted run); run smm grade again"


class Frame(_Described):
    """The ``"type"`` of a frame of the worker protocol (:mod:`smmlib.grading.protocol`)."""

    # grader -> worker
    NOTEBOOK = "notebook", "a job: run a notebook's code cells and export its answer variables"
    FUNCTION = "function", "a job: rebuild a function answer from its source and run it on the test cases"
    EXIT = "exit", "the grader is done: the worker exits"
    # worker -> grader
    READY = "ready", "the worker has imported the course's libraries and waits for jobs"
    JOB_DONE = "job_done", "a job finished: the frames its child sent, how it ended and its resource use"
    JOB_FAILED = "job_failed", "the worker could not run a job (it stays up for the next one)"
    BYE = "bye", "the worker's answer to exit: the CPU seconds it and its children used"
    WORKER_LOST = "worker_lost", "the worker died or sent garbage (made up by the grader's side, never sent)"
    # child -> worker (passed on inside job_done)
    CELL = "cell", "a code cell starts (its index and the time)"
    ANSWERS = "answers", "answer variables exported so far (encoded values)"
    ERROR = "error", "a cell raised; ``kind`` is an ErrorKind"
    TIMEOUT = "timeout", "the soft time limit passed; the run stops here"
    DONE = "done", "the child finished its job normally"
    BUILD_ERROR = "build_error", "a function answer's source could not be turned into a function"
    CASE = "case", "one test case of a function answer: its value or the exception it raised"
    FCASES = "fcases", "all test cases of one function answer, run in the notebook's own child"


class ErrorKind(_Described):
    """The ``"kind"`` of an :attr:`Frame.ERROR` frame."""

    ERROR = "error", "the cell raised an exception (the run goes on with the next cell)"
    MEMORY = "memory", "the cell ran out of memory (MemoryError)"


def status_help() -> str:
    """The statuses for the ``smm grade`` help, one line each.

    >>> status_help().splitlines()[0]
    '  graded          the notebook ran (perhaps with errors in some cells) and its answers were checked'
    """
    return "\n".join(f"  {s.value:<15} {s.meaning}" for s in Status)
