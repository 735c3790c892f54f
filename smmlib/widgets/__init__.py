"""The course's interactive widgets (ipywidgets + plotly): one module per chapter.

ipywidgets is imported at module level only in this package; a chapter module
(``smmlib.platforms``, ``smmlib.paid``, …) holds the pure logic and figures a
widget wires to sliders, and is tested without a browser.

- ``panel``     -- :class:`~smmlib.widgets.panel.SliderPanel`, the shared base (controls -> result -> summary and chart)
- ``roles``     -- 01: the skills self-assessment
- ``strategy``  -- 02: the content-mix and budget planners
- ``platforms`` -- 03: the organic-reach simulator and the platform-fit scorer
- ``metrics``   -- 04: the funnel/KPI calculator
- ``pitfalls``  -- 05: the posting-fatigue and viral-vs-SEO simulators
- ``community`` -- 06: the mention monitor
- ``paid``      -- 07: the A/B-test peeking explorer and the budget allocator
- ``capstone``  -- 08: the budget checker
- ``shortvideo`` -- 10: the toy feed simulator (staged distribution)
- ``creators``  -- 11: the creator-offer calculator (cost per result with uncertainty)
- ``measurement`` -- 12: the lift-test simulator
- ``operations`` -- 13: the alert-threshold tuner and the post-draft checker
- ``commerce``  -- 14: the click-to-message staffing simulator
- ``glossary``  -- every chapter: the glossary browser

Every widget's builder is also available here, e.g. ``widgets.reach_simulator()``.
"""

from __future__ import annotations

from .capstone import budget_checker
from .commerce import staffing_simulator
from .community import mention_monitor
from .creators import offer_calculator
from .glossary import glossary_browser
from .measurement import lift_test_simulator
from .metrics import funnel_calculator
from .operations import alert_tuner, post_checker
from .paid import budget_allocator, peeking_explorer
from .panel import SliderPanel, show_figure, slider_look
from .pitfalls import fatigue_simulator, viral_seo_simulator
from .platforms import platform_fit_scorer, reach_simulator
from .roles import skills_assessment
from .shortvideo import feed_simulator
from .strategy import budget_planner, content_mix_planner

__all__ = ["SliderPanel", "alert_tuner", "budget_allocator", "budget_checker", "budget_planner",
           "content_mix_planner", "fatigue_simulator", "feed_simulator", "funnel_calculator",
           "glossary_browser", "lift_test_simulator", "mention_monitor", "offer_calculator",
           "peeking_explorer", "platform_fit_scorer", "post_checker", "reach_simulator", "show_figure",
           "skills_assessment", "slider_look", "staffing_simulator",
           "viral_seo_simulator"]
