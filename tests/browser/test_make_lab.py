"""The newcomer path: the README's `make lab`, exactly as written (plus the
documented PORT), opens chapters/00_start_here.ipynb in the browser.

The browser JupyterLab asks for is recorded through $BROWSER (Python's
webbrowser honours it), so the test opens the very URL a newcomer's browser
would get, without a make-variable or flag the README does not mention."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

import pytest
from labdriver import (
    ARTIFACTS,
    REPO,
    free_port,
    group_members,
    isolated_jupyter_env,
    stop_process_group,
    tail,
    wait_until_gone,
)

pytestmark = pytest.mark.browser

#: make lab sets the environment up first when pyproject.toml changed: be generous.
STARTUP_TIMEOUT_S = 600


def _wait_for_opened_url(record, proc, log, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if record.exists() and record.read_text().strip():
            return record.read_text().split()[0]
        if proc.poll() is not None:
            pytest.fail(f"`make lab` exited with {proc.returncode} before opening a browser:\n{tail(log)}")
        time.sleep(0.2)  # polling interval for the server to start
    pytest.fail(f"`make lab` did not open a browser within {timeout:.0f} s:\n{tail(log)}")


def test_make_lab_opens_the_first_chapter(chromium, browser_context, browser_workdir):
    make = shutil.which("make")
    assert make, "`make` is missing: the README's commands need it (Debian: apt-get install make)"
    work = browser_workdir / "make-lab"
    work.mkdir()
    record = work / "opened-url.txt"
    opener = work / "browser.sh"
    opener.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n', encoding="utf-8")
    opener.chmod(0o755)
    env = isolated_jupyter_env(work)
    env["BROWSER"] = f"{opener} %s"
    log = work / "make-lab.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([make, "lab", f"PORT={free_port()}"], cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    page = None
    try:
        url = _wait_for_opened_url(record, proc, log, STARTUP_TIMEOUT_S)
        page = browser_context.new_page()
        page.goto(url)  # JupyterLab's redirect file (file://...open.html) or its URL
        current = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
        current.wait_for()
        page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
        label = current.locator(".lm-TabBar-tabLabel").inner_text().strip()
        served = {folder: page.evaluate(f"() => fetch('/api/contents/{folder}?content=0')"
                                        ".then(r => r.status)")
                  for folder in ("chapters", "exercises", "solutions")}
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "make-lab.png"))
        assert label == "00_start_here.ipynb", f"`make lab` opened {label!r}, not the first chapter"
        assert set(served.values()) == {200}, (
            "JupyterLab should serve the whole repository, so that exercises/ and solutions/ are "
            f"one click away (HTTP status per folder: {served})")
    finally:
        if page is not None:
            page.close()
        stop_process_group(proc)
    assert not group_members(proc.pid), "make or jupyter is still running"
    # ... and so is the kernel of the opened notebook (kernels run in their own
    # session; JupyterLab, or the kernel's own parent check, ends them).
    left = wait_until_gone(env["JUPYTER_RUNTIME_DIR"])
    for line in left:
        os.kill(int(line.split(":")[0]), signal.SIGKILL)
    assert not left, f"left running after `make lab` was stopped: {left}"
