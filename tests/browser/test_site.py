"""The course website (``make site``) in headless Chromium, served on localhost:
every page loads without console errors or requests leaving localhost, every
chart renders, search finds a term, and each notebook page's launch (Binder)
and download links point at its own notebook.

The site is built with ``make site`` when ``build/site/_build/html`` is absent
(``make test`` builds it before this suite); the tests are skipped, with a
message, only when the build tool (the ``[site]`` extra) cannot be installed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from labdriver import (
    CHROMIUM_ARGS,
    REPO,
    block_external,
    free_port,
    stop_process_group,
    wait_for_http,
)

from smmlib.site import REPOSITORY

pytestmark = pytest.mark.browser

HTML = REPO / "build" / "site" / "_build" / "html"

BINDER = "https://mybinder.org/v2/gh/" + REPOSITORY.removeprefix("https://github.com/")


@pytest.fixture(scope="session")
def site_html() -> Path:
    """The built site; ``make site`` builds it when absent."""
    if not (HTML / "index.html").exists():
        proc = subprocess.run(["make", "--no-print-directory", "site"], cwd=REPO, capture_output=True,
                              text=True, timeout=1800)
        if proc.returncode != 0:
            if not (Path(sys.executable).parent / "jupyter-book").exists():
                pytest.skip("SITE TESTS SKIPPED: the site builder (jupyter-book, the [site] extra) "
                            f"could not be installed; run `make site` to see why.\n{proc.stderr[-2000:]}")
            pytest.fail(f"make site failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return HTML


@pytest.fixture(scope="session")
def site_url(site_html, browser_workdir):
    """A static file server for the built site on localhost."""
    port = free_port()
    log = browser_workdir / "site-server.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                 "--directory", str(site_html)], stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, proc, log, timeout=30)
        yield url
    finally:
        stop_process_group(proc)


@pytest.fixture(scope="session")
def site_browser(playwright_session, chromium, browser_workdir):
    """A Chromium of its own (fresh profile), blocked from everything but localhost."""
    external: list[str] = []
    browser = playwright_session.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    block_external(context, external)
    yield context, external
    context.close()
    browser.close()


def _pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not p.relative_to(html).parts[0].startswith("_"))


def _notebook_pages(html: Path) -> list[str]:
    return [p for p in _pages(html) if p.startswith(("chapters/", "exercises/"))]


def _open(context, url: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.goto(url, wait_until="load")
    return page, errors


def test_every_page_loads_without_errors_and_charts_render(site_html, site_url, site_browser):
    context, external = site_browser
    pages = _pages(site_html)
    expected = {"index.html", "intro.html", "course-map.html", "glossary.html", "data.html",
                "search.html", "docs/instructor-guide.html"}
    assert expected <= set(pages), f"missing pages: {sorted(expected - set(pages))}"
    chapters = [p for p in pages if p.startswith("chapters/")]
    exercises = [p for p in pages if p.startswith("exercises/")]
    assert len(chapters) == len(list((REPO / "chapters").glob("*.ipynb")))
    assert len(exercises) == len(list((REPO / "exercises").glob("*.ipynb")))
    problems, charts = [], 0
    for rel in pages:
        page, errors = _open(context, site_url + rel)
        try:
            if rel == "index.html":
                # the home page is a redirect to intro.html: wait for it (closing a page in the
                # middle of that navigation stalls the browser's next page)
                page.wait_for_url(site_url + "intro.html", wait_until="load", timeout=30_000)
            divs = page.locator(".plotly-graph-div").count()
            if divs:
                page.wait_for_function(
                    f"() => document.querySelectorAll('.plotly-graph-div .main-svg').length >= {divs}",
                    timeout=30_000)
                titles = page.locator(".plotly-graph-div .gtitle").count()
                if titles < divs:
                    problems.append(f"{rel}: {divs - titles} chart(s) without a title")
            charts += divs
            if rel.startswith("chapters/") and rel != "chapters/00_start_here.html" and not divs:
                problems.append(f"{rel}: a chapter page without a chart")
            problems += [f"{rel}: {e}" for e in errors]
        finally:
            page.close()
    assert charts >= len(chapters), f"only {charts} chart(s) on the whole site"
    assert not external, f"pages tried to load from outside localhost: {sorted(set(external))[:10]}"
    assert not problems, "\n".join(problems)


def test_search_finds_a_term(site_url, site_browser):
    context, _ = site_browser
    page, errors = _open(context, site_url + "search.html?q=engagement")
    try:
        # Sphinx lists results one by one, then writes its summary.
        page.wait_for_function("() => (document.querySelector('#search-results .search-summary')"
                               " || {}).textContent?.includes('found')", timeout=60_000)
        links = page.locator("#search-results ul.search li a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))")
        assert any(href.startswith("chapters/04_metrics.html") for href in links), links
        assert any(href.startswith("glossary.html") for href in links), links
        assert not errors, errors
    finally:
        page.close()


def test_launch_and_download_links_point_at_the_page_notebook(site_html, site_url, site_browser):
    context, _ = site_browser
    pages = _notebook_pages(site_html)
    assert pages
    problems = []
    for rel in pages:
        notebook = rel.removesuffix(".html") + ".ipynb"
        page, _ = _open(context, site_url + rel)
        try:
            hrefs = page.locator("a").evaluate_all("els => els.map(e => e.href)")
        finally:
            page.close()
        binder = [h for h in hrefs if h.startswith("https://mybinder.org/")]
        want = f"{BINDER}/main?urlpath=lab/tree/{notebook}"
        if want not in binder:
            problems.append(f"{rel}: no Binder link to {notebook} (found {binder})")
        downloads = [h for h in hrefs if re.search(r"/_sources/.*\.ipynb$", h)]
        if downloads != [site_url + "_sources/" + notebook] * len(downloads) or not downloads:
            problems.append(f"{rel}: download link(s) {downloads} are not _sources/{notebook}")
            continue
        with urllib.request.urlopen(downloads[0], timeout=30) as response:
            if response.read() != (REPO / notebook).read_bytes():
                problems.append(f"{rel}: the downloaded notebook is not the course's {notebook}")
    assert not problems, "\n".join(problems)


def test_widget_pages_say_how_to_use_the_widgets(site_html):
    text = (site_html / "chapters" / "04_metrics.html").read_text(encoding="utf-8")
    assert "launch this page on Binder" in text
    data = (site_html / "data.html").read_text(encoding="utf-8")
    assert "facebook_metrics" in data and "simulated" in data
