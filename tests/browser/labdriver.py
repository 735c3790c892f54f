"""Drive the course's real JupyterLab in headless Chromium, as a student would.

The browser suite (``tests/browser``) is built from the pieces here:

* :func:`find_chromium` and :data:`CHROMIUM_ARGS`: which browser, started how;
* :func:`start_lab`: one JupyterLab server of the project's venv on a free port,
  with settings that keep it off the network and away from the user's own
  JupyterLab state;
* :func:`execute_notebook` and :func:`expectation_of`: run a notebook headless
  with nbclient and count what it should show (plotly figures, widget views);
* :func:`check_notebook`: open the notebook in JupyterLab, Run All, and report
  every problem a student would see (errors, charts or widgets that did not
  render, widgets that do not react, controls without a label).

``check_notebook`` returns problems as a list of sentences instead of asserting,
so the self-test can feed it deliberately broken notebooks and check that it
complains.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

REPO = Path(__file__).resolve().parents[2]
RESOURCES = Path(__file__).resolve().parent / "resources"
ARTIFACTS = REPO / "test-artifacts" / "browser"
VENV_BIN = Path(sys.executable).parent

INSTALL_HINT = (
    "BROWSER TESTS SKIPPED: Chromium was not found. Install it with "
    "`sudo apt-get install chromium` (or set SMM_CHROMIUM=/path/to/chromium); "
    ".ci/run installs it, so CI never skips them."
)
#: Flags for headless Chromium in a container: no sandbox (root), no GPU, no
#: background traffic to Google (sync, component updates, QUIC).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"

#: JupyterLab user settings of the test server (in a temporary folder, so the
#: user's own settings neither leak in nor get changed). Autosave is off so the
#: outputs of Run All are never written into the repository's notebooks; all
#: cells are kept in the DOM so they can be counted. News and update checks are
#: deliberately NOT set here: the venv's own settings (scripts/lab-overrides.json,
#: scripts/jupyter_server_config.json) must switch them off, and the suite checks that.
LAB_TEST_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
NEWS_TOAST = "official Jupyter news"


# --------------------------------------------------------------------------- processes

def find_chromium() -> str | None:
    """Path of a Chromium to drive: ``$SMM_CHROMIUM``, else the first of
    chromium / chromium-browser / google-chrome on ``PATH``; None when absent."""
    env = os.environ.get("SMM_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    """A TCP port on localhost that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_jupyter_env(workdir: Path) -> dict[str, str]:
    """Environment for a JupyterLab started by the tests: runtime files,
    workspaces, user settings and course progress all go below ``workdir``."""
    settings = workdir / "lab-settings"
    for rel, value in LAB_TEST_SETTINGS.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value), encoding="utf-8")
    env = dict(os.environ)
    env.update({
        "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(workdir / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "SMM_STATE_DIR": str(workdir / "smm-state"),
        "PYTHONUNBUFFERED": "1",
    })
    env.pop("JUPYTER_TOKEN", None)
    return env


def stop_process_group(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Stop ``proc`` and everything it started (kernels): SIGTERM to its
    process group, SIGKILL if it is still there after ``timeout`` seconds.
    ``proc`` must have been started with ``start_new_session=True``."""
    if group_members(proc.pid):
        os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while group_members(proc.pid) and time.monotonic() < deadline:
            proc.poll()  # reap the leader
            time.sleep(0.1)  # polling interval while JupyterLab stops its kernels
        if group_members(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
            while group_members(proc.pid) and time.monotonic() < deadline + timeout:
                time.sleep(0.1)  # SIGKILL is delivered asynchronously
    proc.wait(timeout=timeout)


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of process group ``pgid`` (Linux /proc)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(stat.parent.name))
    return members


def wait_until_gone(text: str, timeout: float = 20) -> list[str]:
    """Wait until no process mentions ``text``; returns those still running."""
    deadline = time.monotonic() + timeout
    while (left := processes_mentioning(text)) and time.monotonic() < deadline:
        time.sleep(0.1)  # polling interval while processes exit
    return left


def _state(proc: Path) -> str:
    try:
        return (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "?"


def processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that contain ``text`` (Linux /proc)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and proc.name != str(os.getpid()) and _state(proc) != "Z":
            found.append(f"{proc.name}: {cmdline.strip()}")
    return found


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll ``url`` until it answers 200; fail early, with the log, if ``proc`` dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {proc.returncode}:\n{tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)  # polling interval, not a wait for a result
    raise RuntimeError(f"JupyterLab did not answer {url} within {timeout:.0f} s:\n{tail(log)}")


def tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a log file (for error messages)."""
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


@dataclass
class LabServer:
    """A running JupyterLab started by :func:`start_lab`."""

    process: subprocess.Popen
    port: int
    token: str
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url_for(self, relpath: str) -> str:
        """URL that opens ``relpath`` (relative to the repo) as the only tab."""
        quoted = urllib.parse.quote(relpath)
        return f"{self.base}/lab/tree/{quoted}?reset&token={self.token}"

    def api(self, method: str, path: str) -> Any:
        """Call the server's REST API; returns the decoded JSON (or None)."""
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self, relpath: str | None = None) -> int:
        """Shut down the kernel sessions of ``relpath`` (all when None); returns how many."""
        count = 0
        for session in self.api("GET", "/api/sessions"):
            if relpath is None or session.get("path") == relpath:
                self.api("DELETE", f"/api/sessions/{session['id']}")
                count += 1
        return count

    def stop(self) -> None:
        stop_process_group(self.process)


def start_lab(root: Path, workdir: Path, timeout: float = 180) -> LabServer:
    """Start ``.venv/bin/jupyter lab`` serving ``root`` on a free localhost port,
    with a random token, no browser, no news or update checks, and its own
    settings/workspace/runtime folders below ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    token = os.urandom(16).hex()
    log = workdir / "jupyterlab.log"
    cmd = [
        str(VENV_BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--ServerApp.port_retries=0",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=isolated_jupyter_env(workdir), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    server = LabServer(proc, port, token, log)
    try:
        wait_for_http(f"{server.base}/api/status?token={token}", proc, log, timeout)
    except BaseException:
        server.stop()
        raise
    return server


# --------------------------------------------------------------------------- headless run

@dataclass
class Expectation:
    """What a notebook shows when executed headless (nbclient)."""

    path: Path
    plotly: int = 0                 #: plotly figures, anywhere (also inside Output widgets)
    widget_views: int = 0           #: widget views, anywhere
    top_widget_views: int = 0       #: widget views that are cell outputs
    errors: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)  #: plotly JSON of every figure
    seconds: float = 0.0


def execute_notebook(path: Path, timeout: float = 600, env: dict[str, str] | None = None):
    """Execute ``path`` with nbclient in the venv's ``python3`` kernel, cwd the
    notebook's folder, errors allowed (they are reported by :func:`expectation_of`).
    Returns ``(executed notebook, seconds)``."""
    tests_dir = str(Path(__file__).resolve().parents[1])
    if tests_dir not in sys.path:  # run as a script (execute_in_subprocess): tests/headless.py
        sys.path.append(tests_dir)
    from headless import quiet_widget_registry
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.widget_registry = quiet_widget_registry()  # see tests/headless.py: no lost replies
    start = time.monotonic()
    client.execute(env=env) if env is not None else client.execute()
    return nb, time.monotonic() - start


def _output_problem(where: str, out: dict) -> str | None:
    if out.get("output_type") == "error":
        return f"{where}: {out.get('ename')}: {out.get('evalue')}"
    if out.get("output_type") == "stream" and out.get("name") == "stderr":
        text = "".join(out.get("text", ""))
        if "Traceback" in text or re.search(r"\b\w*Error\b", text):
            return f"{where}: traceback on stderr: {text.strip().splitlines()[-1][:200]}"
    return None


def expectation_of(nb, path: Path, seconds: float = 0.0) -> Expectation:
    """Count the plotly figures and widget views an executed notebook shows,
    including those inside displayed Output widgets, and list its errors."""
    exp = Expectation(path=path, seconds=seconds)
    state = (nb.metadata.get("widgets", {}).get(WIDGET_STATE_MIME, {}) or {}).get("state", {})
    seen: set[str] = set()

    def visit_model(model_id: str, where: str) -> None:
        if model_id in seen or model_id not in state:
            return
        seen.add(model_id)
        model = state[model_id]
        for value in model.get("state", {}).values():
            refs = value if isinstance(value, list) else [value]
            for ref in refs:
                if isinstance(ref, str) and ref.startswith("IPY_MODEL_"):
                    visit_model(ref[len("IPY_MODEL_"):], where)
        if model.get("model_name") == "OutputModel":
            for out in model.get("state", {}).get("outputs", []):
                visit_output(out, f"{where} (inside an Output widget)", top=False)

    def visit_output(out: dict, where: str, top: bool) -> None:
        problem = _output_problem(where, out)
        if problem:
            exp.errors.append(problem)
        data = out.get("data", {})
        if PLOTLY_MIME in data:
            exp.plotly += 1
            exp.figures.append(data[PLOTLY_MIME])
        if WIDGET_MIME in data:
            exp.widget_views += 1
            exp.top_widget_views += top
            visit_model(data[WIDGET_MIME].get("model_id", ""), where)

    for n, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                visit_output(out, f"cell {n}", top=True)
    return exp


def figure_accessibility_problems(exp: Expectation) -> list[str]:
    """``smmlib.viz.figure_problems`` for every plotly figure the notebook shows."""
    import plotly.io as pio

    from smmlib.viz import figure_problems

    problems = []
    for i, spec in enumerate(exp.figures, start=1):
        try:
            fig = pio.from_json(json.dumps(spec), skip_invalid=True)
        except Exception as exc:  # a spec plotly cannot read is itself a problem
            problems.append(f"figure {i}: not a valid plotly figure ({type(exc).__name__}: {exc})"[:300])
            continue
        title = fig.layout.title.text or "(untitled)"
        problems += [f"figure {i} {title!r}: {p}" for p in figure_problems(fig)]
    return problems


# --------------------------------------------------------------------------- in the browser

#: Page-side helpers, installed into every page (``window.__smm``).
PAGE_HELPERS = r"""
window.__smm = {
  panel() { return document.querySelector('.jp-NotebookPanel'); },
  status() { return (document.querySelector('#jp-main-statusbar') || {}).innerText || ''; },
  isIdle() { return /(^|\W)Idle(\W|$)/.test(window.__smm.status()); },
  problems() {
    const nb = window.__smm.panel(); const found = [];
    if (!nb) return found;
    nb.querySelectorAll('.jp-Cell').forEach((cell, i) => {
      cell.querySelectorAll('.jp-OutputArea-output').forEach(o => {
        const text = o.textContent || '';
        const mime = o.getAttribute('data-mime-type') || '';
        if (mime === 'application/vnd.jupyter.stderr' && /Traceback|Error/.test(text))
          found.push(`cell ${i + 1}: error output: ${text.trim().split('\n').slice(-1)[0].slice(0, 200)}`);
        else if (/Error displaying widget|Javascript Error/.test(text) && !o.querySelector('.jp-OutputArea-output'))
          found.push(`cell ${i + 1}: ${text.trim().slice(0, 200)}`);
      });
    });
    return found;
  },
  runState() {
    const nb = window.__smm.panel();
    if (!nb) return {pending: -1, idle: false, problems: 0};
    let pending = 0;
    nb.querySelectorAll('.jp-CodeCell').forEach(c => {
      const src = (c.querySelector('.cm-content') || {}).textContent || '';
      const prompt = (c.querySelector('.jp-InputArea-prompt') || {}).textContent || '';
      if (src.trim() && !/\[\d+\]/.test(prompt)) pending += 1;
    });
    return {pending, idle: window.__smm.isIdle(), problems: window.__smm.problems().length};
  },
  counts() {
    const nb = window.__smm.panel(); const c = {plotly: 0, plotlyBlank: 0, widgets: 0, topWidgets: 0};
    if (!nb) return c;
    let view = 0;
    nb.querySelectorAll('.jp-OutputArea-output').forEach(o => {
      if (o.classList.contains('jp-RenderedPlotly')) {
        if (o.querySelector('.main-svg')) c.plotly += 1; else c.plotlyBlank += 1;
        return;
      }
      if (![...o.children].some(ch => ch.classList.contains('jupyter-widgets'))) return;
      c.widgets += 1;
      if (!o.parentElement.closest('.jupyter-widgets')) {
        c.topWidgets += 1;
        o.setAttribute('data-smm-view', String(view++));
      }
    });
    return c;
  },
  signature() {
    // What a student sees in the outputs: text (minus slider read-outs, which
    // always change when a slider moves) and the shapes drawn by plotly.
    const nb = window.__smm.panel(); if (!nb) return '';
    const parts = [];
    nb.querySelectorAll('.jp-Cell > .jp-Cell-outputWrapper').forEach(w => {
      const copy = w.cloneNode(true);
      copy.querySelectorAll('.widget-readout').forEach(e => e.remove());
      parts.push(copy.textContent);
      w.querySelectorAll('.main-svg path[d]').forEach(p => parts.push(p.getAttribute('d')));
    });
    return parts.join('\u241e');
  },
  unlabelled() {
    // Controls a student cannot identify: no visible description, no text of
    // its own, no aria-label, and no Label/HTML widget right before it.
    const nb = window.__smm.panel(); const found = [];
    if (!nb) return found;
    const visibleText = e => !!e && e.offsetParent !== null && (e.textContent || '').trim().length > 0;
    const controls = '.widget-slider, .widget-dropdown, .widget-radio, .widget-text, .widget-textarea,'
      + ' .widget-checkbox, .widget-toggle-buttons, .widget-select, .widget-select-multiple,'
      + ' .widget-colorpicker, .widget-datepicker, .widget-tagsinput';
    nb.querySelectorAll(controls).forEach(el => {
      if (el.offsetParent === null) return;
      const own = [...el.children].filter(ch => ch.classList.contains('widget-label')
                                                || ch.classList.contains('widget-label-basic'));
      if (own.some(visibleText)) return;
      if (el.getAttribute('aria-label') || el.querySelector('[aria-label]:not(.noUi-handle)')) return;
      const prev = el.previousElementSibling;
      if (prev && /widget-(label|html|htmlmath)\b/.test(prev.className) && visibleText(prev)) return;
      const kind = (el.className.match(/widget-(slider|dropdown|radio|textarea|text|checkbox|toggle-buttons|select-multiple|select|colorpicker|datepicker|tagsinput)\b/) || ['', 'control'])[1];
      const cell = [...nb.querySelectorAll('.jp-Cell')].indexOf(el.closest('.jp-Cell')) + 1;
      found.push(`cell ${cell}: a ${kind} widget has no visible description or label`);
    });
    nb.querySelectorAll('.widget-button, .widget-toggle-button').forEach(b => {
      if (b.offsetParent === null) return;
      if ((b.textContent || '').trim() || b.getAttribute('aria-label') || b.getAttribute('title')) return;
      const cell = [...nb.querySelectorAll('.jp-Cell')].indexOf(b.closest('.jp-Cell')) + 1;
      found.push(`cell ${cell}: a button has no text, title or aria-label`);
    });
    return found;
  },
  newsToast() { return document.body.textContent.includes('""" + NEWS_TOAST + r"""'); },
};
"""


@dataclass
class BrowserReport:
    """What :func:`check_notebook` found."""

    relpath: str
    problems: list[str] = field(default_factory=list)       #: rendering/behaviour failures
    a11y: list[str] = field(default_factory=list)           #: accessibility failures
    interactions: list[str] = field(default_factory=list)   #: what was tried, and the result
    counts: dict[str, int] = field(default_factory=dict)
    external_requests: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    seconds: float = 0.0

    @property
    def reacted(self) -> int:
        """How many interactions changed the visible output."""
        return sum(1 for line in self.interactions if line.endswith("output changed"))


def block_external(context, sink: list[str]) -> None:
    """Abort every request of ``context`` that leaves localhost, recording its URL."""
    def handle(route):
        host = urllib.parse.urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost", "::1") or route.request.url.startswith(("data:", "blob:", "file:")):
            route.continue_()
        else:
            sink.append(route.request.url)
            route.abort()
    context.route("**/*", handle)


def open_notebook(page, server: LabServer, relpath: str, timeout_ms: float) -> None:
    """Open ``relpath`` as the only tab and wait for its kernel to be idle."""
    page.goto(server.url_for(relpath), timeout=timeout_ms)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout_ms)
    page.wait_for_function("() => window.__smm.isIdle()", timeout=timeout_ms)


def run_all(page) -> None:
    """Run → Run All Cells, through the menu bar as a student would."""
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def _wait_change(page, before: str, timeout_ms: float) -> bool:
    try:
        page.wait_for_function("(before) => window.__smm.signature() !== before", arg=before,
                               timeout=timeout_ms)
        return True
    except Exception as exc:  # playwright TimeoutError
        if type(exc).__name__ != "TimeoutError":
            raise
        return False


def _focused_is(page, handle) -> bool:
    return page.evaluate("(el) => document.activeElement === el", handle)


def _answer_quizzes(page, view, where: str, timeout_ms: float, report: BrowserReport) -> int:
    """Answer every question of a quiz in ``view`` with the keyboard alone:
    focus the first option, Space to choose it, Tab to its Check button, Enter."""
    buttons = view.locator(".widget-button")
    done = 0
    for i in range(buttons.count()):
        button = buttons.nth(i).element_handle()
        unit = button.evaluate_handle(
            "(b) => { let box = b.parentElement && b.parentElement.closest('.widget-box');"
            " while (box && !box.querySelector('.widget-radio input, .widget-checkbox input')) "
            "   box = box.parentElement && box.parentElement.closest('.widget-box');"
            " return box; }")
        if unit.evaluate("(u) => u === null"):
            continue
        first = unit.as_element().query_selector(".widget-radio input, .widget-checkbox input")
        label = (button.text_content() or "").strip() or "button"
        before = page.evaluate("() => window.__smm.signature()")
        first.focus()
        page.keyboard.press("Space")
        for _ in range(12):
            if _focused_is(page, button):
                break
            page.keyboard.press("Tab")
        if not _focused_is(page, button):
            report.problems.append(f"{where}: the {label!r} button cannot be reached with Tab from the answers")
            continue
        page.keyboard.press("Enter")
        changed = _wait_change(page, before, timeout_ms)
        report.interactions.append(f"{where}: quiz answered with the keyboard, Enter on {label!r}: "
                                   + ("output changed" if changed else "NO visible change"))
        if not changed:
            report.problems.append(f"{where}: pressing Enter on {label!r} after choosing an answer "
                                   "showed no feedback")
        done += 1
    return done


def _move_slider(page, view, where: str, timeout_ms: float, report: BrowserReport) -> bool:
    """Move the first slider of ``view`` with the arrow keys; True when tried."""
    handles = view.locator(".noUi-handle")
    if handles.count() == 0:
        return False
    handle = handles.first
    # The slider's own read-out (aria-valuenow is rounded to one decimal).
    value = ("(h) => { const s = h.closest('.widget-slider');"
             " const r = s && s.querySelector('.widget-readout');"
             " return (r && r.textContent.trim()) || h.getAttribute('aria-valuetext') || ''; }")
    before = page.evaluate("() => window.__smm.signature()")
    start = handle.evaluate(value)
    handle.focus()
    for key in ("ArrowRight", "ArrowLeft"):  # ArrowLeft when the slider starts at its maximum
        for _ in range(3):
            page.keyboard.press(key)
        if handle.evaluate(value) != start:
            break
    end = handle.evaluate(value)
    if end == start:
        report.problems.append(f"{where}: the slider did not move with the arrow keys")
        return True
    changed = _wait_change(page, before, timeout_ms)
    report.interactions.append(f"{where}: slider moved {start} -> {end} with the arrow keys: "
                               + ("output changed" if changed else "NO visible change"))
    if not changed:
        report.problems.append(f"{where}: moving the slider ({start} -> {end}) changed nothing visible")
    return True


def _other_control(page, view, where: str, timeout_ms: float, report: BrowserReport) -> bool:
    """A dropdown (ArrowDown, option after option), else a text box (typing),
    else a button (Enter); True when one was tried. The result is recorded;
    only quizzes and sliders are required to react."""
    before = page.evaluate("() => window.__smm.signature()")
    select = view.locator(".widget-dropdown select")
    text = view.locator(".widget-text input, .widget-textarea textarea")
    changed = False
    if select.count() and select.first.locator("option").count() > 1:
        select.first.focus()
        steps = min(select.first.locator("option").count() - 1, 4)
        step = 0
        while step < steps:
            step += 1
            page.keyboard.press("ArrowDown")
            # Some options legitimately show the same result; try the next one
            # after a short bound (a late change still counts: `before` is fixed).
            changed = _wait_change(page, before, min(timeout_ms, 3_000))
            if changed:
                break
        what = f"dropdown moved {step} option(s) down with ArrowDown"
    elif text.count():
        text.first.focus()
        page.keyboard.press("End")
        page.keyboard.type("zq", delay=50)
        page.keyboard.press("Enter")
        changed = _wait_change(page, before, timeout_ms)
        what = "typed into a text box"
    elif view.locator(".widget-button").count():
        view.locator(".widget-button").first.focus()
        page.keyboard.press("Enter")
        what = "Enter on a button"
        changed = _wait_change(page, before, timeout_ms)
    else:
        return False
    # Recorded, not a failure: a filter or a form may legitimately show the same
    # result for the options tried. Quizzes and sliders must react (above).
    report.interactions.append(f"{where}: {what}: "
                               + ("output changed" if changed else "no visible change (not required)"))
    return True


def interact(page, report: BrowserReport, timeout_ms: float = 20_000) -> None:
    """For every widget shown as a cell output, use it like a student with the
    keyboard: answer each quiz question and move a slider (each must visibly
    change the output), or else pick from a dropdown / type / press a button."""
    views = page.locator(".jp-NotebookPanel [data-smm-view]")
    for i in range(views.count()):
        view = views.nth(i)
        cell = view.evaluate("(v) => [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell')]"
                             ".indexOf(v.closest('.jp-Cell')) + 1")
        where = f"cell {cell}"
        quizzes = _answer_quizzes(page, view, where, timeout_ms, report)
        slider = _move_slider(page, view, where, timeout_ms, report)
        if not quizzes and not slider:
            _other_control(page, view, where, timeout_ms, report)


def screenshot(page, path: Path) -> Path:
    """A screenshot of the whole notebook: the viewport is made as tall as the
    notebook's content (capped) first, since JupyterLab scrolls inside the page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.jp-NotebookPanel .jp-WindowedPanel-outer,"
        " .jp-NotebookPanel .jp-Notebook')].map(e => e.scrollHeight), 0)")
    page.evaluate("() => document.querySelectorAll('.jp-NotebookPanel .jp-WindowedPanel-outer,"
                  " .jp-NotebookPanel .jp-Notebook').forEach(e => { e.scrollTop = 0; })")
    size = page.viewport_size or {"width": 1280, "height": 900}
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height + 160, 900), 12000))})
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def check_notebook(context, server: LabServer, path: Path, expected: Expectation, *,
                   timeout_s: float = 600, render_timeout_s: float = 30,
                   reaction_timeout_s: float = 15, interact_widgets: bool = True,
                   shot: Path | None = None) -> BrowserReport:
    """Open ``path`` in JupyterLab, Run All, and report what a student would
    see go wrong: error outputs, plotly figures or widgets that did not render
    (compared with ``expected``), widgets that do not react to the keyboard,
    unlabelled controls, and the news pop-up. Closes the page and shuts the
    notebook's kernel down afterwards.

    ``timeout_s`` bounds opening and Run All; ``render_timeout_s`` how long
    charts and widgets may take to appear after the kernel is idle;
    ``reaction_timeout_s`` how long a widget may take to react to a key. They
    are upper bounds: every wait ends as soon as its condition holds."""
    relpath = path.resolve().relative_to(REPO).as_posix()
    report = BrowserReport(relpath=relpath)
    start = time.monotonic()
    timeout_ms = timeout_s * 1000
    page = context.new_page()
    try:
        open_notebook(page, server, relpath, timeout_ms)
        run_all(page)
        page.wait_for_function(
            "() => { const s = window.__smm.runState();"
            " return s.idle && (s.pending === 0 || s.problems > 0); }", timeout=timeout_ms)
        state = page.evaluate("() => window.__smm.runState()")
        # Rendering is asynchronous: wait until the counts reach what nbclient
        # saw (bounded), then compare.
        try:
            page.wait_for_function(
                "(e) => { const c = window.__smm.counts();"
                " return c.plotly >= e.plotly && c.widgets >= e.widgets; }",
                arg={"plotly": expected.plotly, "widgets": expected.widget_views},
                timeout=render_timeout_s * 1000)
        except Exception as exc:
            if type(exc).__name__ != "TimeoutError":
                raise
        report.problems += page.evaluate("() => window.__smm.problems()")
        if state["pending"] and not report.problems:
            report.problems.append(f"{state['pending']} code cell(s) did not run")
        counts = page.evaluate("() => window.__smm.counts()")
        report.counts = counts
        if counts["plotly"] != expected.plotly:
            report.problems.append(
                f"{counts['plotly']} plotly figure(s) rendered, but the notebook shows {expected.plotly}"
                + (f" ({counts['plotlyBlank']} stayed blank)" if counts["plotlyBlank"] else ""))
        if counts["widgets"] != expected.widget_views:
            report.problems.append(f"{counts['widgets']} widget view(s) rendered, but the notebook "
                                   f"shows {expected.widget_views}")
        if counts["topWidgets"] != expected.top_widget_views:
            report.problems.append(f"{counts['topWidgets']} widget output(s) rendered, but the notebook "
                                   f"displays {expected.top_widget_views}")
        report.a11y += page.evaluate("() => window.__smm.unlabelled()")
        if interact_widgets and not report.problems:
            interact(page, report, reaction_timeout_s * 1000)
            report.problems += [p for p in page.evaluate("() => window.__smm.problems()")
                                if p not in report.problems]
        if page.evaluate("() => window.__smm.newsToast()"):
            report.problems.append("JupyterLab shows the 'Jupyter news' pop-up; the news setting did not apply")
        if shot is not None:
            report.screenshot = screenshot(page, shot)
    finally:
        page.close()
        try:
            server.shutdown_sessions(relpath)
        except (urllib.error.URLError, OSError):
            pass
    report.seconds = time.monotonic() - start
    return report


def artifact_name(path: Path) -> str:
    """``chapters/04_metrics.ipynb`` -> ``chapters__04_metrics.png``."""
    rel = path.resolve().relative_to(REPO)
    return "__".join(rel.with_suffix("").parts) + ".png"


def notebook_problems(expected: Expectation, report: BrowserReport, *,
                      needs_interaction: bool) -> list[str]:
    """Every problem of one notebook, headless and in the browser, as sentences.

    ``needs_interaction``: the notebook is a chapter, so at least one widget
    must have visibly reacted to the keyboard."""
    problems = [f"headless run: {p}" for p in expected.errors]
    problems += report.problems
    problems += [f"accessibility: {p}" for p in report.a11y]
    if needs_interaction and not report.reacted and not report.problems:
        problems.append("no widget reacted to the keyboard: a chapter needs at least one slider, quiz "
                        "or other control that visibly changes the output")
    return problems


def describe(relpath: str, problems: list[str], report: BrowserReport | None = None) -> str:
    """A readable failure message: the problems, then what was tried."""
    lines = [f"{relpath}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]
    if report is not None:
        lines += [f"  tried: {t}" for t in report.interactions]
        if report.screenshot:
            lines.append(f"  screenshot: {report.screenshot}")
    return "\n".join(lines)


def execute_in_subprocess(path: Path, out: Path, env: dict[str, str], timeout: float = 900,
                          running: list | None = None) -> Expectation:
    """:func:`execute_notebook` in a fresh Python process (flat memory, and a
    hung run can be killed): writes the executed notebook to ``out`` and returns
    its :func:`expectation_of`. ``running`` receives the process while it runs."""
    proc = subprocess.Popen([sys.executable, __file__, "execute", str(path), str(out)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    if running is not None:
        running.append(proc)
    try:
        log, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop_process_group(proc)
        raise RuntimeError(f"{path}: the headless run took more than {timeout:.0f} s") from None
    finally:
        if running is not None:
            running.remove(proc)
    if proc.returncode != 0:
        raise RuntimeError(f"{path}: the headless run failed (exit {proc.returncode}):\n{log[-3000:]}")
    nb = nbformat.read(out, as_version=4)
    return expectation_of(nb, path, float(nb.metadata.get("smm_seconds", 0.0)))


if __name__ == "__main__":  # python labdriver.py execute NOTEBOOK OUT
    if len(sys.argv) != 4 or sys.argv[1] != "execute":
        sys.exit("usage: python labdriver.py execute NOTEBOOK OUT")
    executed, took = execute_notebook(Path(sys.argv[2]), timeout=300)
    executed.metadata["smm_seconds"] = took
    nbformat.write(executed, sys.argv[3])
