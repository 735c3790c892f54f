"""Chart conventions for the course: a colour-blind-safe palette and a plotly
template, plus a check that a figure has a title and labelled axes.

Importing smmlib registers the ``"smm"`` template and makes it plotly's default,
so every chart in the course uses the Okabe–Ito palette (safe for the common
forms of colour blindness) without each notebook repeating it. The
exceptions are the processes that draw no chart (:func:`draws_no_charts`):
the ``smm`` command and ``smm grade``'s workers. Building the template costs
a seventh of a second of CPU in each, and ``smm grade`` would spend it before
it could start its workers, then again in each worker.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # plotly is imported where a chart is made: the smm command imports none
    import plotly.graph_objects as go

#: Okabe & Ito (2008) palette: distinguishable with deuteranopia, protanopia and tritanopia.
OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]
@dataclass(frozen=True)
class Look:
    """How a judged outcome is shown: a symbol, a word and a colour (never colour alone)."""

    symbol: str
    word: str
    colour: str
    background: str


#: The one look of an outcome, used by checks, the quiz, grading feedback,
#: the progress chart and the capstone's plan checks. Keys are the outcome's text.
LOOKS: dict[str, Look] = {
    "correct": Look("✓", "Correct", OKABE_ITO[2], "#e8f6f1"),
    "incorrect": Look("✗", "Not yet", OKABE_ITO[5], "#fbece4"),
    "not attempted": Look("…", "Not attempted", OKABE_ITO[0], "#e7f0f7"),
    # a free-text answer: recorded, read by a person, never "correct" by itself
    "answered": Look("✎", "Answered", OKABE_ITO[3], "#f8ecf3"),
}

#: Sequential scale for heatmaps (cividis is designed for colour-vision deficiency).
SEQUENTIAL = "cividis"
#: Diverging scale centred on zero.
DIVERGING = [[0.0, "#0072B2"], [0.5, "#F7F7F7"], [1.0, "#D55E00"]]

TEMPLATE_NAME = "smm"


def register_template() -> None:
    """Register the ``smm`` template (plotly_white + Okabe–Ito) and make it the default."""
    import plotly.graph_objects as go
    import plotly.io as pio

    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.colorway = OKABE_ITO
    template.layout.colorscale = {"sequential": SEQUENTIAL, "diverging": DIVERGING}
    template.layout.font = {"size": 13}
    template.layout.title = {"x": 0.02, "xanchor": "left"}
    pio.templates[TEMPLATE_NAME] = template
    pio.templates.default = TEMPLATE_NAME


def _title_text(obj) -> str:
    title = getattr(obj, "title", None)
    return (getattr(title, "text", None) or "").strip() if title is not None else ""


def figure_problems(fig: go.Figure) -> list[str]:
    """Return what a course chart is missing: a title, or labels on its x/y axes.

    Pie, funnel, table and polar charts have no x/y axes; only their title is required.

    >>> import plotly.express as px
    >>> figure_problems(px.bar(x=[1, 2], y=[3, 4]))
    ['no title']
    >>> fig = px.bar(x=[1, 2], y=[3, 4], title="T", labels={"x": "Week", "y": "Posts"})
    >>> figure_problems(fig)
    []
    """
    problems = []
    if not _title_text(fig.layout):
        problems.append("no title")
    cartesian = any(getattr(t, "xaxis", None) is not None for t in fig.data if t.type not in
                    ("pie", "funnelarea", "table", "scatterpolar", "barpolar", "sankey", "indicator"))
    if cartesian:
        for axis_name in ("xaxis", "yaxis"):
            axis = fig.layout[axis_name]
            if not _title_text(axis):
                problems.append(f"{axis_name[0]} axis has no label")
    return problems


def load_nbformat_without_iri_checker() -> bool:
    """Import ``nbformat`` now, leaving out jsonschema's optional IRI format checker.

    In a notebook, plotly imports nbformat on the kernel's first chart (only to
    check its version); nbformat imports jsonschema, and jsonschema imports
    ``rfc3987_syntax`` when it is installed (jupyter_server pulls it in), which
    builds a Lark parser for RFC 3987 at import: 1.2 s of CPU per kernel, the
    largest cost of a notebook's first chart (python-jsonschema/jsonschema#1392).
    Nothing in a course kernel validates IRIs against a JSON schema, so the
    checker is skipped; ``rfc3987_syntax`` stays importable afterwards.
    Returns whether nbformat was imported here (False: already imported, or
    not installed).
    """
    if "nbformat" in sys.modules or "jsonschema" in sys.modules:
        return False
    blocked = "rfc3987_syntax" not in sys.modules
    if blocked:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # -> ImportError, which jsonschema skips
    try:
        import nbformat  # noqa: F401
    except ImportError:
        return False
    finally:
        if blocked:
            del sys.modules["rfc3987_syntax"]
    return True


def in_the_smm_command() -> bool:
    """Whether this process is the ``smm`` command (its console script, as
    installed by ``[project.scripts]``): a tool that writes files and draws no
    chart, so importing smmlib there leaves plotly's template alone.

    >>> import sys
    >>> saved = sys.argv
    >>> sys.argv = ["/course/.venv/bin/smm", "grade"]; in_the_smm_command()
    True
    >>> sys.argv = ["-c"]; in_the_smm_command()
    False
    >>> sys.argv = saved
    """
    argv = getattr(sys, "argv", None) or [""]
    return os.path.splitext(os.path.basename(str(argv[0])))[0] == "smm"


#: Set to ``"1"`` in the environment of a process that draws no chart (``smm
#: grade`` sets it for its workers: no exercise is a chart, so a notebook that
#: draws one builds plotly's figure machinery in its own child).
NO_CHARTS_ENV = "SMM_NO_CHARTS"


def draws_no_charts() -> bool:
    """Whether importing smmlib leaves plotly's template alone here: in the
    ``smm`` command, or where :data:`NO_CHARTS_ENV` is ``"1"``."""
    return os.environ.get(NO_CHARTS_ENV) == "1" or in_the_smm_command()


if not draws_no_charts():
    register_template()
if "ipykernel" in sys.modules:  # in a notebook kernel: make its first chart cheap
    load_nbformat_without_iri_checker()
