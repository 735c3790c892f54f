"""smmlib: the helper package of SMM Workbook.

The package map (one line per module; ``tests/test_layers.py`` checks that
every module is listed here and that the layers below hold).

Foundation (any layer may use it):

- ``smmlib.paths``     -- where the repository, datasets and the learner's state live
- ``smmlib.viz``       -- colour-blind-safe chart conventions and the one look of an outcome (``LOOKS``)
- ``smmlib.metrics``   -- the formulas of the Metrics chapter (vectorised)
- ``smmlib.generate``  -- seeded generators of plausible SMM data
- ``smmlib.validate``  -- the one argument check (``number``, ``whole``, ``choice``, ``instance``, ``items``, ``text``, ``date``) used everywhere

Chapter modules (pure logic and figures; they import only each other and the foundation):

- ``smmlib.datasets``  -- the real dataset and the generated snapshots
- ``smmlib.io``        -- reading and validating post tables in the course's own layout
- ``smmlib.imports``   -- 09 Your account: the platforms' own analytics exports, read and normalised
- ``smmlib.sources``   -- the five source articles and the public pages cited for today's rules: one registry of citations
- ``smmlib.glossary``  -- the six-language glossary: lookup and plain-text listing
- ``smmlib.roles``     -- 01 Roles: duty groups, time log, skills self-assessment
- ``smmlib.strategy``  -- 02 Strategy: goals and KPIs, business fit, budget planning
- ``smmlib.content``   -- 02 Strategy: content mix and content calendars
- ``smmlib.platforms`` -- 03 Platforms: organic reach, platform fit, posting time, formats
- ``smmlib.funnel``    -- 04 Metrics: the campaign funnel (impressions -> clicks -> leads) and its costs
- ``smmlib.analysis``  -- 04 Metrics: data-quality checks, comparisons, small-number caution
- ``smmlib.utm``       -- 04 Metrics: building and parsing UTM-tagged links, channel grouping
- ``smmlib.pitfalls``  -- 05 Pitfalls: bot spikes, audit findings, fatigue and viral-vs-SEO
- ``smmlib.community`` -- 06 Community: mentions, semantic core, weekly sentiment, response SLA
- ``smmlib.paid``      -- 07 Paid: A/B tests and peeking, segment funnels, budget allocation
- ``smmlib.capstone``  -- 08 Capstone: briefs, their data and the automatic plan checks
- ``smmlib.shortvideo`` -- 10 Short video: retention curves, view definitions, the toy feed model
- ``smmlib.creators``  -- 11 Creators: vetting, pricing offers, cost per result with uncertainty, draft checks
- ``smmlib.measurement`` -- 12 Measurement: attribution models, lift tests, power and sample size, the lift simulation
- ``smmlib.operations`` -- 13 Running social day to day: crisis levels, alert rules, inbox queues, approvals, accessibility, AI-draft review
- ``smmlib.commerce``  -- 14 Selling through social and messaging: message-to-order metrics, the funnel, the staffing queue

Widgets (the only place that imports ipywidgets; one module per chapter):

- ``smmlib.widgets``           -- the package: every widget builder, e.g. ``widgets.reach_simulator()``
- ``smmlib.widgets.panel``     -- ``SliderPanel``, the shared base of the slider calculators
- ``smmlib.widgets.roles``     -- 01: the skills self-assessment
- ``smmlib.widgets.strategy``  -- 02: the content-mix and budget planners
- ``smmlib.widgets.platforms`` -- 03: the organic-reach simulator and the platform-fit scorer
- ``smmlib.widgets.metrics``   -- 04: the funnel/KPI calculator
- ``smmlib.widgets.pitfalls``  -- 05: the posting-fatigue and viral-vs-SEO simulators
- ``smmlib.widgets.community`` -- 06: the mention monitor
- ``smmlib.widgets.paid``      -- 07: the A/B-test peeking explorer and the budget allocator
- ``smmlib.widgets.capstone``  -- 08: the budget checker
- ``smmlib.widgets.shortvideo`` -- 10: the toy feed simulator
- ``smmlib.widgets.creators``  -- 11: the creator-offer calculator
- ``smmlib.widgets.measurement`` -- 12: the lift-test simulator
- ``smmlib.widgets.operations`` -- 13: the alert-threshold tuner and the post-draft checker
- ``smmlib.widgets.commerce`` -- 14: the click-to-message staffing simulator
- ``smmlib.widgets.glossary``  -- the glossary browser
- ``smmlib.widgets.quiz``      -- the knowledge-check quiz widget (``QuizView``)

The exercise engine (imports only itself and the foundation; see docs/exercise-engine.md):

- ``smmlib.engine``           -- the package: the promise that check() and smm grade judge alike
- ``smmlib.engine.checking``  -- outcomes, ``Result`` and tolerant comparison with diagnostics
- ``smmlib.engine.questions`` -- question types, ``Context`` and the immutable ``Bank``
- ``smmlib.engine.quiz``      -- knowledge-check quizzes as data, graded
- ``smmlib.engine.session``   -- the student's ``Exercise``: check, hint, solution, progress
- ``smmlib.engine.progress``  -- the local progress record, summarised for the banks it is given
- ``smmlib.engine.regions``   -- solution regions: the one loader for session, grader and generator
- ``smmlib.engine.texts``     -- a bank's question prose, read and checked from its TOML file (``exercises/texts/``)

Exercises (the course's banks and the public face notebooks use):

- ``smmlib.exercises``            -- ``start``, ``get_bank``, ``quiz``, ``progress``, ``grade_answers``, grading mode
- ``smmlib.exercises.ex00_start_here`` -- bank of exercise notebook 00 (and the demo question)
- ``smmlib.exercises.ex01_roles``      -- bank of exercise notebook 01
- ``smmlib.exercises.ex02_strategy``   -- bank of exercise notebook 02
- ``smmlib.exercises.ex03_platforms``  -- bank of exercise notebook 03
- ``smmlib.exercises.ex04_metrics``    -- bank of exercise notebook 04
- ``smmlib.exercises.ex05_pitfalls``   -- bank of exercise notebook 05
- ``smmlib.exercises.ex06_community``  -- bank of exercise notebook 06
- ``smmlib.exercises.ex07_paid``       -- bank of exercise notebook 07
- ``smmlib.exercises.ex08_capstone``   -- bank of exercise notebook 08
- ``smmlib.exercises.ex10_short_video`` -- bank of exercise notebook 10
- ``smmlib.exercises.ex11_creators``   -- bank of exercise notebook 11
- ``smmlib.exercises.ex12_measurement`` -- bank of exercise notebook 12
- ``smmlib.exercises.ex13_operations`` -- bank of exercise notebook 13
- ``smmlib.exercises.ex14_commerce`` -- bank of exercise notebook 14

Grading (imports only the engine, the exercises face, paths and datasets; see docs/instructor-guide.md):

- ``smmlib.grading``             -- the package: ``smm grade`` as a library
- ``smmlib.grading.canary``      -- the canary run: the solution must score full marks, the exercise zero
- ``smmlib.grading.cli``         -- the ``smm grade``, ``smm export`` and ``smm review`` sub-commands
- ``smmlib.grading.demo``        -- a demo class of submissions
- ``smmlib.grading.export``      -- answers encoded between processes
- ``smmlib.grading.feedback``    -- per-student feedback (Markdown and HTML)
- ``smmlib.grading.gradebook``   -- results, the gradebook CSV and atomic writes
- ``smmlib.grading.lms``         -- gradebooks in Moodle's and Canvas's grade-import formats
- ``smmlib.grading.grader``      -- grading a class: discover, run, judge, write
- ``smmlib.grading.protocol``    -- length-prefixed JSON frames
- ``smmlib.grading.runner``      -- the sandboxed worker processes and their limits
- ``smmlib.grading.review``      -- free-text review sheets and ``smm review merge``
- ``smmlib.grading.submissions`` -- finding and reading submitted notebooks
- ``smmlib.grading.vocabulary``  -- ``Status`` and the worker protocol's ``Frame`` types
- ``smmlib.grading.zygote``      -- the grading worker: runs notebooks in forked children

Authoring code (may import anything; nothing at runtime imports it):

- ``smmlib.build_exercises`` -- generating exercise notebooks from solution notebooks
- ``smmlib.notebooks``       -- notebook hygiene (clean, read, write)
- ``smmlib.outline``         -- the learning points of ``OUTLINE.md``
- ``smmlib.key_terms``       -- the chapters' "Key terms" cells, from the glossary
- ``smmlib.site``            -- the course website (``make site``): staging and build hooks
- ``smmlib.cli``             -- the ``smm`` command
"""

from __future__ import annotations

from typing import Any

from . import viz  # noqa: F401  (registers the course's plotly template)

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``smmlib.load_dataset``, ``smmlib.list_datasets`` and
    ``smmlib.read_posts_csv``, imported on first use: ``import smmlib`` does
    not load pandas, so a command such as ``smm grade`` can start its work first."""
    if name in ("list_datasets", "load_dataset"):
        from . import datasets

        return getattr(datasets, name)
    if name == "read_posts_csv":
        from . import io

        return io.read_posts_csv
    raise AttributeError(f"module 'smmlib' has no attribute {name!r}")
