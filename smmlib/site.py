"""The course as a static website (``make site``), built with Jupyter Book 1.

:func:`stage` copies what the site shows into a build folder (never into the
repository's tracked files) and writes the pages generated from the course's
single sources of truth: the glossary (``datasets/glossary.csv``), the data
page (``smmlib.datasets.DATASETS``) and the table of contents in course-map
order (``smmlib/resources/OUTLINE.md``). ``jupyter-book build`` then turns that
folder into HTML: chapters executed (once, with a cache), exercises shown
without solutions and without outputs, a Binder launch button and a notebook
download button on every notebook page, and Sphinx's full-text search.

Charts stay interactive offline: the notebooks are executed with a plotly
renderer that writes plain ``<div>`` + ``Plotly.newPlot`` HTML (no require.js,
no CDN), and the site serves plotly.js from the installed plotly package.
Widgets need a live kernel, so each widget output is followed by a note on how
to launch the page.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import nbformat

from .notebooks import WIDGET_TAG
from .paths import repo_root

__all__ = ["REPOSITORY", "SITE_PAGES", "WIDGET_NOTE", "finish", "github_url", "rewrite_links", "stage"]

#: The public repository (also in README's Binder badge); launch links point here.
REPOSITORY = "https://github.com/smm-workbook/smm-workbook"
BRANCH = "main"

#: Pages written by :func:`stage` (besides the copied notebooks and docs).
SITE_PAGES = ("intro.md", "course-map.md", "glossary.md", "data.md")

#: Docs shown on the site (source path in the repository).
DOCS = ("docs/instructor-guide.md", "docs/exercise-engine.md", "docs/capstone-rubric.md",
        "docs/SOURCES.md")

WIDGET_NOTE = (
    "```{note}\n"
    "An interactive control (slider, quiz or checker) appears here when the notebook runs. "
    "To use it, launch this page on Binder (the rocket button at the top of the page) or "
    "download the notebook (the download button) and open it with `make lab`.\n"
    "```"
)

_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+)\)")
_ANCHOR = re.compile(r"\]\(#([^)\s]+)\)")

_PLOTLY_STARTUP = '''\
# Written by smmlib.site for the site build: figures as plain HTML that calls the
# page's own plotly.js (no require.js, no CDN, no MathJax download).
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer


class _SiteRenderer(MimetypeRenderer):
    def to_mimebundle(self, fig_dict):
        from plotly.io import to_html
        html = to_html(fig_dict, include_plotlyjs=False, include_mathjax=False,
                       full_html=False, default_width="100%", default_height=480,
                       validate=False, config={"responsive": True})
        return {"text/html": html}


pio.renderers["smm_site"] = _SiteRenderer()
pio.renderers.default = "smm_site"
'''


def github_url(path: str) -> str:
    """The GitHub page of a repository file.

    >>> github_url("solutions/04_metrics.ipynb")
    'https://github.com/smm-workbook/smm-workbook/blob/main/solutions/04_metrics.ipynb'
    """
    return f"{REPOSITORY}/blob/{BRANCH}/{path}"


def rewrite_links(text: str, page: str, staged: set[str]) -> str:
    """Point relative links to files the site does not show at their GitHub page.

    ``page`` is the repository path of the page holding the text; ``staged`` the
    repository paths the site shows.

    Heading anchors are written as JupyterLab makes them (``#The-course-map``);
    on the site they become MyST's slugs (``#the-course-map``, lower case).

    >>> rewrite_links("see [a](../solutions/01_roles.ipynb) and [b](02_strategy.ipynb)",
    ...               "chapters/01_roles.ipynb", {"chapters/02_strategy.ipynb"})
    'see [a](https://github.com/smm-workbook/smm-workbook/blob/main/solutions/01_roles.ipynb) and [b](02_strategy.ipynb)'
    >>> rewrite_links("[map](00_start_here.ipynb#The-course-map), [up](#Key-terms)",
    ...               "chapters/01_roles.ipynb", {"chapters/00_start_here.ipynb"})
    '[map](00_start_here.ipynb#the-course-map), [up](#key-terms)'
    """
    base = Path(page).parent

    def fix(match: re.Match[str]) -> str:
        target = match.group(1)
        path, _, anchor = target.partition("#")
        resolved = _normalise(base / path)
        if resolved in staged or resolved.startswith(".."):
            return f"]({path}#{anchor.lower()})" if anchor else match.group(0)
        return f"]({github_url(resolved)}{'#' + anchor if anchor else ''})"

    text = _LINK.sub(fix, text)
    return _ANCHOR.sub(lambda m: f"](#{m.group(1).lower()})", text)


def _normalise(path: Path) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            else:
                parts.append(part)
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


_HEADING = re.compile(r"^(#{1,6})(?= )")


def close_heading_gaps(sources: list[str]) -> list[str]:
    """Renumber markdown headings (across the cells, in order) so that none
    skips a level: each heading goes one level below the nearest earlier
    heading of a higher original level. Sphinx warns on a skipped level, and
    the site's build treats warnings as errors. Fenced code is left alone.

    >>> close_heading_gaps(["# Title", "### q1\\ntext", "### q2", "## Next", "```\\n### x\\n```"])
    ['# Title', '## q1\\ntext', '## q2', '## Next', '```\\n### x\\n```']
    """
    stack: list[tuple[int, int]] = []  # (original level, new level)
    out = []
    for text in sources:
        lines, fenced = [], False
        for line in text.split("\n"):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            m = None if fenced else _HEADING.match(line)
            if m:
                level = len(m.group(1))
                while stack and stack[-1][0] >= level:
                    stack.pop()
                new = stack[-1][1] + 1 if stack else 1
                stack.append((level, new))
                line = "#" * new + line[level:]
            lines.append(line)
        out.append("\n".join(lines))
    return out


def _is_widget_cell(cell: nbformat.NotebookNode) -> bool:
    # CONTRIBUTING: cells that display widgets carry the tag WIDGET_TAG.
    return cell.cell_type == "code" and WIDGET_TAG in cell.metadata.get("tags", [])


def _stage_notebook(src: Path, dest: Path, page: str, staged: set[str], *, exercise: bool) -> None:
    nb = nbformat.read(src, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source, page, staged)
        cells.append(cell)
        if _is_widget_cell(cell) and not exercise:
            cells.append(nbformat.v4.new_markdown_cell(WIDGET_NOTE))
    if exercise:
        note = ("```{note}\nThis is the exercise notebook, shown without outputs and without "
                "solutions. Launch it on Binder or download it to work on it; its checks tell you "
                "at once what is right and why.\n```")
        cells.insert(1 if cells and cells[0].cell_type == "markdown" else 0,
                     nbformat.v4.new_markdown_cell(note))
    markdown = [c for c in cells if c.cell_type == "markdown"]
    for cell, text in zip(markdown, close_heading_gaps([c.source for c in markdown]), strict=True):
        cell.source = text
    nb.cells = cells
    for i, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{i}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def glossary_page() -> str:
    """The glossary as a MyST page (one table, every term of ``datasets/glossary.csv``)."""
    from .glossary import DAGGER, FOOTNOTE, LANGUAGE_NAMES, SOURCE_LANGS, load_glossary

    langs = " | ".join(LANGUAGE_NAMES[lang] for lang in SOURCE_LANGS)
    lines = [
        "# Glossary", "",
        "Every term the course uses, with the definition written for the course, the chapters "
        "that use it and the term in the languages of the five source articles "
        "(`datasets/glossary.csv`; in a notebook, `smmlib.glossary.glossary_browser()` searches "
        "it in any language).", "",
        f"| Term | Definition | Chapters | {langs} |",
        "|" + "---|" * (3 + len(SOURCE_LANGS)),
    ]
    for entry in sorted(load_glossary(), key=lambda e: e.en.lower()):
        forms = []
        for lang in SOURCE_LANGS:
            tr = entry.translations[lang]
            forms.append(_md_cell(tr.term + ("" if tr.verified else DAGGER)))
        lines.append(f"| **{_md_cell(entry.en)}** | {_md_cell(entry.definition)} | "
                     f"{', '.join(entry.chapters)} | {' | '.join(forms)} |")
    lines += ["", FOOTNOTE, ""]
    return "\n".join(lines)


def data_page() -> str:
    """Which data in the course is real and which is simulated."""
    from .datasets import DATASETS

    lines = [
        "# Real and simulated data", "",
        "The course uses **one real dataset** and several **simulated (generated) ones**. "
        "Every chart built on simulated data says so in the chapter that shows it.", "",
        "| Dataset | Kind | Description | File |",
        "|---|---|---|---|",
    ]
    for info in DATASETS.values():
        kind = "**real**" if info.kind == "real" else "simulated"
        path = info.path.relative_to(repo_root()).as_posix()
        lines.append(f"| `{info.name}` | {kind} | {_md_cell(info.description)} | "
                     f"[{path}]({github_url(path)}) |")
    lines += [
        "",
        "## The real dataset", "",
        "`facebook_metrics` is the UCI \"Facebook metrics\" dataset: 500 posts published in "
        "2014 on the Facebook page of a cosmetics brand, licensed under CC BY 4.0 "
        f"([data card]({github_url('datasets/facebook_metrics.md')})). Cite: S. Moro, P. Rita "
        "and B. Vala (2016), *Predicting social media performance metrics and evaluation of "
        "the impact on brand building: A data mining approach*, Journal of Business Research "
        "69(9), 3341–3351.", "",
        "## Simulated data", "",
        "Everything else is generated by `smmlib.generate` with a fixed seed, so every run "
        "prints the same numbers; in the exercises the seed comes from the student's personal "
        "ID, so each student gets their own numbers. The simulators in the chapters (reach, "
        "posting fatigue, A/B tests, budgets) also run on generated data. The numbers in "
        "simulated data illustrate a method; they are not measurements of any real page or "
        "platform.", "",
    ]
    return "\n".join(lines)


def course_map_page() -> str:
    """The course map: chapters in order, with their learning points and exercises."""
    from .outline import chapters

    lines = ["# Course map", "",
             "The course follows the work of an SMM manager, from the role to a full campaign. "
             "Each chapter below links to its page and to its exercise notebook; the left-hand "
             "navigation follows the same order.", ""]
    for ch in chapters():
        stem = ch.notebook.stem
        lines.append(f"## {ch.number} {ch.title}")
        lines.append("")
        exercise = (f"[Exercise notebook](exercises/{stem}.ipynb) · "
                    if (repo_root() / "exercises" / f"{stem}.ipynb").exists() else "")
        lines.append(f"[Read the chapter](chapters/{stem}.ipynb) · {exercise}"
                     f"{len(ch.points)} learning points")
        lines.append("")
    return "\n".join(lines)


def intro_page() -> str:
    """The landing page."""
    readme = (repo_root() / "README.md").read_text(encoding="utf-8")
    first = readme.split("\n## ", 1)[0]
    body = "\n".join(line for line in first.splitlines()[1:] if "mybinder.org/badge" not in line)
    return (
        "# SMM Workbook\n\n" + body.strip() + "\n\n"
        "This website shows the whole course with its outputs: read the chapters, then "
        "**launch** a page (the rocket button at the top: Binder) or **download** its notebook "
        "to run it, move the sliders and solve the exercises. Start with the "
        "[course map](course-map.md) or [Start here](chapters/00_start_here.ipynb); the "
        "[data page](data.md) says which data is real and which simulated.\n"
    )


def _toc(chapter_stems: Iterable[str], exercise_stems: Iterable[str] | None = None) -> str:
    stems = list(chapter_stems)
    exercises = stems if exercise_stems is None else list(exercise_stems)
    lines = ["format: jb-book", "root: intro", "parts:",
             "  - caption: Course map", "    chapters:", "      - file: course-map",
             "  - caption: Chapters", "    chapters:"]
    lines += [f"      - file: chapters/{s}" for s in stems]
    lines += ["  - caption: Exercises", "    chapters:"]
    lines += [f"      - file: exercises/{s}" for s in exercises]
    lines += ["  - caption: Reference", "    chapters:", "      - file: glossary",
              "      - file: data", "      - file: docs/SOURCES",
              "  - caption: For instructors", "    chapters:",
              "      - file: docs/instructor-guide", "      - file: docs/exercise-engine",
              "      - file: docs/capstone-rubric"]
    return "\n".join(lines) + "\n"


def _config(cache: Path) -> str:
    config = {
        "title": "SMM Workbook",
        "author": "SMM Workbook contributors",
        "copyright": "2026",
        "only_build_toc_files": True,
        "execute": {
            "execute_notebooks": "cache",
            "cache": str(cache),
            "timeout": 300,
            "allow_errors": False,
            "exclude_patterns": ["exercises/*"],
        },
        "repository": {"url": REPOSITORY, "branch": BRANCH, "path_to_book": ""},
        "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
        "html": {"use_repository_button": True, "use_download_button": True,
                 "use_issues_button": False, "use_edit_page_button": False},
        "sphinx": {"extra_extensions": ["smmlib.site"], "config": {
            "html_js_files": ["plotly.min.js"],
            "html_static_path": ["_static"],
            "nb_ipywidgets_js": {},
            "html_show_copyright": False,
            # The theme writes this into every page; left empty, its first-visit
            # script logs "Got invalid theme mode" as a console error.
            "html_context": {"default_mode": "auto"},
            # heading anchors (#the-course-map) for links between pages
            "myst_heading_anchors": 3,
            "suppress_warnings": [],
        }},
    }
    return json.dumps(config, indent=1) + "\n"  # JSON is valid YAML


def stage(dest: Path, cache: Path) -> Path:
    """Write the site's source folder ``dest`` (replaced) and return it.

    Also writes ``dest/../ipython`` (the IPython profile the build's kernels use);
    ``cache`` is the execution cache, kept across builds.
    """
    import plotly

    root = repo_root()
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    from .outline import chapters

    stems = [ch.notebook.stem for ch in chapters() if ch.notebook.exists()]
    with_exercise = [s for s in stems if (root / "exercises" / f"{s}.ipynb").exists()]
    pages_in = {"chapters": stems, "exercises": with_exercise}
    staged = {f"{folder}/{s}.ipynb" for folder, names in pages_in.items() for s in names}
    staged |= set(DOCS) | {"glossary.md", "data.md", "course-map.md"}
    for folder, names in pages_in.items():
        for s in names:
            page = f"{folder}/{s}.ipynb"
            _stage_notebook(root / page, dest / page, page, staged, exercise=folder == "exercises")
    for doc in DOCS:
        text = (root / doc).read_text(encoding="utf-8")
        (dest / doc).parent.mkdir(parents=True, exist_ok=True)
        (dest / doc).write_text(rewrite_links(text, doc, staged), encoding="utf-8")
    pages = {"intro.md": intro_page(), "course-map.md": course_map_page(),
             "glossary.md": glossary_page(), "data.md": data_page()}
    for name, text in pages.items():
        (dest / name).write_text(rewrite_links(text, name, staged), encoding="utf-8")
    (dest / "_toc.yml").write_text(_toc(stems, with_exercise), encoding="utf-8")
    (dest / "_config.yml").write_text(_config(cache.resolve()), encoding="utf-8")
    static = dest / "_static"
    static.mkdir()
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", static)
    startup = dest.parent / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00-smm-site.py").write_text(_PLOTLY_STARTUP, encoding="utf-8")
    return dest


def finish(html: Path) -> list[Path]:
    """After the build: the site's "download notebook" files become the course's
    own notebooks (the staged copies carry site-only notes). Returns them."""
    root = repo_root()
    written = []
    for staged in sorted((html / "_sources").glob("*/*.ipynb")):
        original = root / staged.parent.name / staged.name
        if original.exists():
            shutil.copyfile(original, staged)
            written.append(staged)
    return written


def _unique_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop repeated ``<script>`` entries of a page. Under Jupyter Book 1.0.4,
    sphinx-thebe 0.3.1 adds its inline ``const THEBE_JS_URL = ...`` script
    twice (once with filename None, once with ""), and the second copy is a
    JavaScript error on every page."""
    seen, unique = set(), []
    for js in context.get("script_files", []):
        key = (str(getattr(js, "filename", js) or ""),  # None and "" both mean inline
               tuple(sorted((k, str(v)) for k, v in getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    context["script_files"][:] = unique  # in place: later handlers add to this list
    return None


def setup(app) -> dict[str, object]:
    """Sphinx extension used by the site's build (``extra_extensions``)."""
    # Early: html-page-context stops at the first handler that returns a template.
    app.connect("html-page-context", _unique_scripts, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str] | None = None) -> int:
    """``python -m smmlib.site stage|finish BUILD_DIR`` (used by ``make site``)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m smmlib.site",
                                     description="Stage the site's sources (stage) or finish a build (finish).")
    parser.add_argument("action", choices=("stage", "finish"))
    parser.add_argument("build", type=Path, help="build folder, e.g. build/site")
    args = parser.parse_args(argv)
    if args.action == "stage":
        src = stage(args.build / "src", args.build / "jupyter_cache")
        print(f"staged the site's sources in {src}")
    else:
        done = finish(args.build / "_build" / "html")
        print(f"site: {len(done)} downloadable notebook(s) in {args.build / '_build' / 'html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
