"""smmlib: the helper package of SMM Workbook.

Modules, one job each:

- ``smmlib.metrics``   -- the formulas of the Metrics chapter (vectorised)
- ``smmlib.datasets``  -- the real dataset and the generated snapshots
- ``smmlib.io``        -- reading and validating users' own exports
- ``smmlib.generate``  -- seeded generators of plausible SMM data
- ``smmlib.viz``       -- colour-blind-safe chart conventions
- ``smmlib.utm``       -- building and parsing UTM-tagged links
- ``smmlib.glossary``  -- the six-language glossary, lookup and browser
- ``smmlib.notebooks`` / ``smmlib.outline`` -- notebook hygiene and learning points
"""

from __future__ import annotations

from . import viz  # noqa: F401  (registers the course's plotly template)
from .datasets import list_datasets, load_dataset  # noqa: F401
from .io import read_posts_csv  # noqa: F401

__version__ = "0.1.0"
