"""Where the course's files live.

The course is used from a clone of the repository (locally or on Binder), so
smmlib finds the repository root next to the installed package. Set
``SMM_WORKBOOK_ROOT`` to point it at another checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES = PACKAGE_DIR / "resources"


def repo_root() -> Path:
    """Return the root folder of the SMM Workbook checkout."""
    env = os.environ.get("SMM_WORKBOOK_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def datasets_dir() -> Path:
    """Return the ``datasets/`` folder of the checkout."""
    return repo_root() / "datasets"


NOTEBOOK_FOLDERS = ("chapters", "exercises", "solutions")


def course_notebooks(root: Path | None = None) -> list[Path]:
    """All course notebooks (chapters, exercises, solutions), sorted."""
    root = root or repo_root()
    found: list[Path] = []
    for folder in NOTEBOOK_FOLDERS:
        found.extend(sorted((root / folder).glob("*.ipynb")))
    return found


def state_dir() -> Path:
    """Folder for a learner's local state (progress): ``$SMM_STATE_DIR`` or ``<repo>/.smm``."""
    env = os.environ.get("SMM_STATE_DIR")
    return Path(env) if env else repo_root() / ".smm"
