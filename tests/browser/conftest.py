"""Fixtures of the browser suite: ONE JupyterLab server and ONE headless
Chromium for the whole session, and headless (nbclient) runs of the notebooks
done ahead of the browser in a background thread.

Without Chromium every test that needs it is left out, with one loud line
saying how to install it, and the suite still exits 0.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from labdriver import (
    CHROMIUM_ARGS,
    INSTALL_HINT,
    PAGE_HELPERS,
    REPO,
    Expectation,
    LabServer,
    block_external,
    execute_in_subprocess,
    find_chromium,
    start_lab,
    stop_process_group,
)

from smmlib.paths import course_notebooks

_STARTED = time.monotonic()


@dataclass
class SuiteStats:
    """Numbers for the closing line of the browser suite."""

    notebooks: int = 0
    skipped_reason: str = ""
    skipped_count: int = 0


STATS = SuiteStats()
#: Course notebooks in the order the suite opens them.
ORDER = ("chapters", "solutions", "exercises")


def ordered_notebooks(root: Path = REPO) -> list[Path]:
    """Every course notebook: chapters, then solutions, then exercises."""
    found = course_notebooks(root)
    return sorted(found, key=lambda p: (ORDER.index(p.parent.name) if p.parent.name in ORDER
                                        else len(ORDER), p.name))


def notebook_id(path: Path) -> str:
    """Test id of a notebook, e.g. ``chapters/04_metrics``."""
    return f"{path.parent.name}/{path.stem}"


_SELECTED: list[Path] = []


def pytest_collection_modifyitems(config, items):
    """Without Chromium, leave out every test that needs it (one loud line in
    the summary says so); the checks that need no browser still run."""
    if find_chromium() is not None:
        return
    STATS.skipped_reason = INSTALL_HINT
    skipped = [item for item in items if "chromium" in getattr(item, "fixturenames", ())]
    if skipped:
        STATS.skipped_count = len(skipped)
        items[:] = [item for item in items if item not in skipped]
        config.hook.pytest_deselected(items=skipped)


def pytest_sessionfinish(session, exitstatus):
    """Browser tests left out for want of Chromium are not a failure (no exit 5)."""
    if STATS.skipped_reason and exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK


def pytest_collection_finish(session):
    """Remember which notebooks the selected tests use, in order, so the
    headless runs start right away and in the order the browser needs them."""
    for item in session.items:
        callspec = getattr(item, "callspec", None)
        path = callspec.params.get("notebook") if callspec else None
        if isinstance(path, Path) and path not in _SELECTED:
            _SELECTED.append(path)


def pytest_terminal_summary(terminalreporter):
    seconds = time.monotonic() - _STARTED
    if STATS.skipped_count:
        terminalreporter.write_line(f"{STATS.skipped_count} tests left out -- {STATS.skipped_reason}",
                                    bold=True, red=True)
    terminalreporter.write_line(f"browser suite: {STATS.notebooks} notebooks in {seconds:.0f} s",
                                bold=True)


@pytest.fixture(scope="session")
def suite_stats() -> SuiteStats:
    return STATS


@pytest.fixture(scope="session")
def browser_workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of the Chromium binary, or skip the browser tests with one loud line."""
    path = find_chromium()
    if path is None:  # normally left out at collection already
        STATS.skipped_reason = INSTALL_HINT
        pytest.skip(INSTALL_HINT)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        STATS.skipped_reason = "playwright missing (make setup)"
        pytest.skip("BROWSER TESTS SKIPPED: the Python package playwright is missing; run `make setup`.")
    return path


class Executions:
    """Headless nbclient runs, one at a time in a background thread, started
    in the suite's order so each is usually done before the browser needs it."""

    def __init__(self, paths: list[Path], env: dict[str, str], workdir: Path):
        self._env = env
        self._workdir = workdir
        self._running: list = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nbclient")
        self._futures: dict[Path, Future] = {}
        for path in paths:
            self._submit(path)

    def _submit(self, path: Path) -> Future:
        if path not in self._futures:
            self._futures[path] = self._pool.submit(self._run, path)
        return self._futures[path]

    def _run(self, path: Path) -> Expectation:
        out = self._workdir / f"{path.parent.name}__{path.name}"
        return execute_in_subprocess(path, out, self._env, running=self._running)

    def get(self, path: Path) -> Expectation:
        """What ``path`` shows when executed headless (waits for the run)."""
        return self._submit(path).result()

    def close(self) -> None:
        """Cancel the runs not started and stop the one running (after -x, say)."""
        for future in self._futures.values():
            future.cancel()
        for proc in list(self._running):
            stop_process_group(proc)
        self._pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def executions(browser_workdir) -> Executions:
    env = dict(os.environ, SMM_STATE_DIR=str(browser_workdir / "nbclient-state"))
    (browser_workdir / "executed").mkdir()
    runs = Executions(list(_SELECTED), env, browser_workdir / "executed")
    yield runs
    runs.close()


@pytest.fixture(scope="session")
def lab(chromium, browser_workdir) -> LabServer:
    """The project's JupyterLab (.venv/bin/jupyter lab), serving the repository."""
    server = start_lab(REPO, browser_workdir / "lab")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def external_requests() -> list[str]:
    """URLs outside localhost that pages tried to load (all were blocked)."""
    return []


@pytest.fixture(scope="session")
def playwright_session():
    """The suite's one Playwright driver: the sync API allows only one per process,
    so the JupyterLab tests and the website tests share it."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture(scope="session")
def browser_context(playwright_session, chromium, browser_workdir, external_requests):
    """Headless Chromium with a fresh profile in tmp; every page gets the
    suite's page helpers and cannot reach anything but localhost."""
    context = playwright_session.chromium.launch_persistent_context(
        str(browser_workdir / "chromium-profile"), executable_path=chromium, headless=True,
        args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    context.add_init_script(PAGE_HELPERS)
    block_external(context, external_requests)
    yield context
    context.close()
