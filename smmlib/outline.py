"""The course outline and its learning points (``lp:...`` IDs).

``resources/OUTLINE.md`` is the project's copy of the course outline and the
single source of truth for the learning-point IDs. A chapter notebook marks
the points it teaches with cell tags named after the ID, e.g. a markdown cell
tagged ``lp:metrics.reach-vs-impressions``. Tags are machine-readable and
invisible to a student reading the notebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .paths import RESOURCES, repo_root

OUTLINE_PATH = RESOURCES / "OUTLINE.md"
LP_PREFIX = "lp:"
_HEADING = re.compile(r"^## (\d\d) (.+)$")
_POINT = re.compile(r"^- `lp:([a-z]+(?:_[a-z]+)*)\.([a-z0-9-]+)`")


@dataclass(frozen=True)
class Chapter:
    number: str  # "04"
    title: str  # "Metrics"
    key: str  # "metrics" (the ID prefix)
    points: tuple[str, ...]  # full IDs, e.g. "lp:metrics.utm"

    @property
    def notebook(self) -> Path:
        """The chapter's notebook, ``chapters/NN_key.ipynb`` (``00_start_here`` for 00)."""
        name = "start_here" if self.key == "start" else self.key
        return repo_root() / "chapters" / f"{self.number}_{name}.ipynb"


@lru_cache(maxsize=1)
def chapters() -> tuple[Chapter, ...]:
    """Parse the outline into chapters with their learning points, in course order."""
    result: list[Chapter] = []
    number = title = None
    points: list[tuple[str, str]] = []

    def flush() -> None:
        if number is None:
            return
        keys = {k for k, _ in points}
        if len(keys) != 1:
            raise ValueError(f"OUTLINE.md: chapter {number} mixes ID prefixes {sorted(keys)}")
        key = keys.pop()
        result.append(Chapter(number, title, key, tuple(f"{LP_PREFIX}{k}.{p}" for k, p in points)))

    for line in OUTLINE_PATH.read_text(encoding="utf-8").splitlines():
        if m := _HEADING.match(line):
            flush()
            number, title, points = m.group(1), m.group(2).split(" — ")[0].split(" (")[0], []
        elif (m := _POINT.match(line)) and number is not None:
            points.append((m.group(1), m.group(2)))
    flush()
    return tuple(result)


def all_points() -> set[str]:
    """Every learning-point ID in the outline."""
    return {p for ch in chapters() for p in ch.points}


def chapter_for(key: str) -> Chapter:
    """The chapter whose IDs start with ``key`` (e.g. ``"metrics"``)."""
    for ch in chapters():
        if ch.key == key:
            return ch
    raise KeyError(f"no chapter with key {key!r}; known: {[c.key for c in chapters()]}")


def marked_points(tags: list[str]) -> set[str]:
    """The learning-point IDs among a notebook's cell tags."""
    return {t for t in tags if t.startswith(LP_PREFIX)}
