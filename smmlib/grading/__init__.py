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

from .gradebook import STATUSES, SubmissionResult
from .grader import GradeOptions, GradeSummary, GradingError, grade_class
from .runner import Limits

__all__ = ["STATUSES", "GradeOptions", "GradeSummary", "GradingError", "Limits", "SubmissionResult",
           "grade_class"]
