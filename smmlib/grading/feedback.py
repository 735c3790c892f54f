"""Per-student feedback files: ``feedback/<student>.md`` and ``.html``.

Each lists the status, the score and, per question, the outcome (symbol and
word, never colour alone), the points and the checker's message. Worked
solutions are included only when the instructor asks (``--show-solutions``).
Everything a student wrote is escaped in the HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from .gradebook import STATUSES, SubmissionResult

__all__ = ["feedback_html", "feedback_markdown"]





def _md_escape(text: str) -> str:
    """Keep a message on its table row: no pipes or line breaks.

    >>> _md_escape("a | b\\nc")
    'a \\\\| b c'
    """
    return re.sub(r"\s+", " ", text.replace("|", "\\|")).strip()


def _points(points: float, max_points: float, graded: bool, parts: str = "") -> str:
    """The points of one question; for a question of many parts, how they were counted.

    >>> _points(0.85, 1, True, "17/20 items")
    '0.85/1 (17/20 items)'
    """
    if not graded:
        return "not graded"
    return f"{points:g}/{max_points:g}" + (f" ({parts})" if parts else "")


def feedback_markdown(result: SubmissionResult, solutions: Mapping[str, str] | None = None) -> str:
    """The feedback of one submission as Markdown."""
    lines = [f"# Feedback · {result.exercise} · {_md_escape(result.student)}", "",
             f"**Score: {result.score:g} / {result.max_score:g}** · status: **{result.status}** "
             f"({STATUSES[result.status]})", ""]
    if result.notes:
        lines += ["## Notes", ""] + [f"- {_md_escape(n)}" for n in result.notes] + [""]
    if result.results:
        lines += ["## Questions", "", "| Question | Outcome | Points | Message |", "|---|---|---|---|"]
        for r in result.reviewed():
            name = f"{r.question} · {_md_escape(r.title)}" if r.title else r.question  # the heading
            lines.append(f"| {name} | {r.look.symbol} {r.look.word} | "
                         f"{_md_escape(_points(r.points, r.max_points, r.graded, r.parts))} | {_md_escape(r.message)} |")
        lines.append("")
    if solutions:
        lines += ["## Worked solutions", ""]
        for r in result.results:
            if r.question in solutions:
                lines += [f"**{r.question}**", "", "```python", solutions[r.question].strip(), "```", ""]
    lines.append(f"*Graded by `smm grade`; notebook SHA-256 {result.sha256[:12] or 'n/a'}.*")
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    escaped = html.escape(text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def feedback_html(result: SubmissionResult, solutions: Mapping[str, str] | None = None) -> str:
    """The feedback of one submission as a self-contained HTML page."""
    e = html.escape
    rows = []
    for r in result.reviewed():
        rows.append(
            f'<tr><th scope="row">{e(r.question)}</th>'
            f'<td style="border-left:6px solid {r.look.colour}">{r.look.symbol} '
            f"{e(r.look.word)}</td>"
            f"<td>{e(_points(r.points, r.max_points, r.graded, r.parts))}</td>"
            f"<td>{_code(r.title)}</td><td>{_code(r.message)}</td></tr>")
    notes = "".join(f"<li>{e(n)}</li>" for n in result.notes)
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Feedback · {e(result.exercise)} · {e(result.student)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;color:#1a1a1a}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4em;"
        "vertical-align:top;text-align:left}code,pre{background:#f3f3f3}</style></head><body>",
        f"<h1>Feedback · {e(result.exercise)} · {e(result.student)}</h1>",
        f"<p><strong>Score: {result.score:g} / {result.max_score:g}</strong> · status: "
        f"<strong>{e(result.status)}</strong> ({e(STATUSES[result.status])})</p>",
    ]
    if notes:
        parts.append(f"<h2>Notes</h2><ul>{notes}</ul>")
    if rows:
        parts.append("<h2>Questions</h2><table><thead><tr><th>Question</th><th>Outcome</th>"
                     "<th>Points</th><th>Task</th><th>Message</th></tr></thead><tbody>"
                     + "".join(rows) + "</tbody></table>")
    if solutions:
        parts.append("<h2>Worked solutions</h2>")
        for r in result.results:
            if r.question in solutions:
                parts.append(f"<h3>{e(r.question)}</h3><pre><code>{e(solutions[r.question].strip())}</code></pre>")
    parts.append(f"<p><em>Graded by smm grade; notebook SHA-256 {e(result.sha256[:12] or 'n/a')}.</em></p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
