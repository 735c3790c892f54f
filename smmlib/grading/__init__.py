"""Grade a whole class with one command: ``smm grade``.

- :mod:`~smmlib.grading.submissions` finds and reads submissions (never runs them);
- :mod:`~smmlib.grading.runner` and :mod:`~smmlib.grading.zygote` run each one in
  its own limited, sandboxed process;
- :mod:`~smmlib.grading.export` carries the answers out as plain data;
- :mod:`~smmlib.grading.grader` checks them with the exercise engine, in the
  grader's own process;
- :mod:`~smmlib.grading.gradebook` and :mod:`~smmlib.grading.feedback` write
  the results; :mod:`~smmlib.grading.cli` is the command line.

See ``docs/instructor-guide.md``.
"""

from typing import Any

__all__ = ["STATUSES", "GradeOptions", "GradeSummary", "GradingError", "Limits", "SubmissionResult",
           "grade_class"]


def __getattr__(name: str) -> Any:
    """The names of ``__all__``, imported on first use: ``smm grade`` starts its
    sandboxed workers before it loads the exercise engine (and pandas)."""
    if name in ("STATUSES", "SubmissionResult"):
        from . import gradebook

        return getattr(gradebook, name)
    if name in ("GradeOptions", "GradeSummary", "GradingError", "grade_class"):
        from . import grader

        return getattr(grader, name)
    if name == "Limits":
        from .runner import Limits

        return Limits
    raise AttributeError(f"module 'smmlib.grading' has no attribute {name!r}")
