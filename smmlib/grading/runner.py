"""Sandboxed execution: one worker process per job slot, each in a bubblewrap
sandbox when the machine has one.

A :class:`Worker` starts ``python -m smmlib.grading.zygote`` (see there for
what each submission's child gets) inside::

    bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --tmpfs /run
          --tmpfs SUBMISSIONS --tmpfs OUT --tmpfs <repo>/solutions
          --unshare-net --unshare-pid --unshare-ipc --unshare-uts
          --die-with-parent --new-session --clearenv ...

so student code sees a read-only file system, an empty private ``/tmp``, no
network, none of the submissions (a notebook's cells reach the worker over a
pipe, never as a file), not the grader's output and not the solutions.
Without bubblewrap (macOS, containers without user namespaces) the worker
runs unsandboxed with the same per-child limits, after ONE warning.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import PACKAGE_DIR, repo_root
from .protocol import FrameError, read_frame, write_frame
from .vocabulary import Frame

__all__ = ["Limits", "Sandbox", "SandboxWarning", "Worker", "detect_sandbox", "hidden_paths", "spawn_workers"]

#: First unprivileged user ID used for children when the grader runs as root.
SLOT_UID_BASE = 61000
_STARTUP_TIMEOUT = 180.0


class SandboxWarning(UserWarning):
    """Submissions run without the bubblewrap sandbox."""


@dataclass(frozen=True)
class Limits:
    """Per-submission limits.

    ``timeout`` (s, wall clock, the whole notebook), ``memory_mb`` (what the
    student's code may allocate on top of the preloaded libraries),
    ``fsize_mb`` (largest file it may write), ``disk_mb`` (all it may write to
    its temporary folder), ``nproc`` (processes and threads).
    """

    timeout: float = 60.0
    memory_mb: int = 1024
    fsize_mb: int = 64
    disk_mb: int = 256
    nproc: int = 64
    function_timeout: float = 10.0

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, not {self.timeout!r}")
        if self.memory_mb < 64:
            raise ValueError(f"memory must be at least 64 MB, not {self.memory_mb!r}")


@dataclass(frozen=True)
class Sandbox:
    """How workers are started: ``kind`` is ``"bwrap"`` or ``"none"``."""

    kind: str
    hidden: tuple[Path, ...] = ()
    bwrap: str = ""
    reason: str = ""

    def command(self, slot: int) -> list[str]:
        """The command line that starts the worker of ``slot``."""
        python = [sys.executable, "-m", "smmlib.grading.zygote"]
        if self.kind != "bwrap":
            return python
        cmd = [self.bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
               "--tmpfs", "/tmp", "--tmpfs", "/run", *mount_layout(runtime_paths(), self.hidden)]
        cmd += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--hostname", f"grader-{slot}", "--die-with-parent", "--new-session",
                "--chdir", "/tmp"]
        if os.getuid() == 0:  # lets the worker switch each child to its own unprivileged user
            for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_KILL"):
                cmd += ["--cap-add", cap]
        return [*cmd, "--", *python]


def _under(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
    except ValueError:
        return False
    return True


#: Folders that are empty, private tmpfs mounts in the sandbox.
SANDBOX_TMPFS = (Path("/tmp"), Path("/run"))


def runtime_paths() -> list[Path]:
    """What a submission's code must be able to read: the Python installation
    (base and virtual environment), the folder holding smmlib (the worker's
    ``PYTHONPATH``) and the datasets. Nested paths are dropped (their parent is
    exposed whole); the solutions inside the course folder are hidden apart."""
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), Path(sys.base_exec_prefix),
             Path(sys.executable).resolve().parent, PACKAGE_DIR.parent, repo_root() / "datasets"}
    found = sorted({p.resolve() for p in paths if p.exists()})
    return [p for p in found if not any(p != q and _under(p, q) for q in found)]


def _traversable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & 0o001)
    except OSError:
        return False


def mount_layout(needed: list[Path], hidden: tuple[Path, ...] | list[Path]) -> list[str]:
    """bubblewrap arguments that make every ``needed`` folder readable inside the
    sandbox by construction, whatever the modes of the folders above it, and
    then hide every ``hidden`` folder behind an empty tmpfs.

    A grading child runs as an unprivileged user, who cannot walk through a
    private (0700) folder such as ``/root`` or one made by ``mktemp -d``. So:
    the topmost such folder above a needed path is replaced by an empty tmpfs
    (mode 0755, which also hides everything else in it), every folder between it
    and the needed path is created with mode 0755, and the needed path itself is
    bound read-only at its own place. Folders under the sandbox's own tmpfs
    mounts (``/tmp``, ``/run``) are created the same way. Nothing else becomes
    visible: the modes of the needed folders and files themselves are kept.

    >>> mount_layout([Path("/")], [])
    []
    """
    hidden = [Path(h).resolve() for h in hidden]
    for path in needed:
        for h in hidden:
            if _under(path, h):
                raise ValueError(f"the course's files ({path}) are inside a folder that must be hidden "
                                 f"from students' code ({h}): keep the course, the submissions and the "
                                 "output folder apart")
    masks: list[Path] = []
    dirs: list[Path] = []
    for path in needed:
        ancestors = list(reversed(path.parents))[1:]  # without "/"
        created = False
        for folder in ancestors:
            if created or any(folder == m or _under(folder, m) for m in (*SANDBOX_TMPFS, *masks)):
                if folder not in SANDBOX_TMPFS and folder not in masks and folder not in dirs:
                    dirs.append(folder)
                created = True
            elif not _traversable_by_others(folder):
                masks.append(folder)
                created = True
    args: list[str] = []
    for folder in sorted(masks, key=lambda p: len(p.parts)):
        args += ["--perms", "0755", "--tmpfs", str(folder)]
    for folder in sorted(dirs, key=lambda p: len(p.parts)):
        args += ["--perms", "0755", "--dir", str(folder)]
    for path in needed:
        if path != Path("/"):
            args += ["--ro-bind", str(path), str(path)]
    covered = (*SANDBOX_TMPFS, *masks)
    for h in hidden:
        visible = any(_under(h, n) for n in needed if n != Path("/")) or not any(
            h == c or _under(h, c) for c in covered)
        if visible and h.exists():
            args += ["--tmpfs", str(h)]
    return args


_WARNED = False
_LOCK = threading.Lock()


def detect_sandbox(hidden: list[Path], want: str = "auto") -> Sandbox:
    """Find bubblewrap and check that it works here. ``want`` is ``"auto"``
    (bwrap when it works, else none with one warning), ``"bwrap"`` (fail
    when missing) or ``"none"``."""
    global _WARNED
    hidden_t = tuple(p.resolve() for p in hidden)
    if want == "none":
        return Sandbox("none", hidden_t, reason="--sandbox none")
    path = shutil.which("bwrap")
    reason = ""
    if path is None:
        reason = "bubblewrap (bwrap) is not installed"
    else:
        full = Sandbox("bwrap", (), path).command(0)
        probe = [*full[:full.index("--") + 1], "true"]
        try:
            result = subprocess.run(probe, capture_output=True, timeout=30)
            if result.returncode != 0:
                reason = f"bwrap does not work here: {result.stderr.decode(errors='replace').strip()}"
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = f"bwrap does not work here: {exc}"
    if not reason:
        mount_layout(runtime_paths(), hidden_t)  # ValueError: the course is inside a hidden folder
        return Sandbox("bwrap", hidden_t, path or "")
    if want == "bwrap":
        raise RuntimeError(f"--sandbox bwrap was asked for, but {reason}")
    with _LOCK:
        if not _WARNED:
            _WARNED = True
            warnings.warn(
                f"{reason}: submissions run WITHOUT a read-only file system, private /tmp and "
                "network isolation (time, memory and process limits still apply). On Debian or "
                "Ubuntu: sudo apt-get install bubblewrap.", SandboxWarning, stacklevel=2)
    return Sandbox("none", hidden_t, reason=reason)


def hidden_paths(submissions: Path, out: Path) -> list[Path]:
    """What students' code must never see: the submissions, the grader's output
    and the worked solutions."""
    hidden = [submissions, out]
    if (repo_root() / "solutions").is_dir():
        hidden.append(repo_root() / "solutions")
    return hidden


def spawn_workers(exercise: str, sandbox: Sandbox, limits: Limits, out: Path, slots: int) -> list[Worker]:
    """Start ``slots`` workers (in parallel; do not wait for them), logging to
    ``out/.worker-<slot>.log``. Call from a thread that outlives them."""
    workers = [Worker(i, exercise, sandbox, limits, out / f".worker-{i}.log") for i in range(slots)]
    try:
        for w in workers:
            w.spawn()
    except BaseException:
        for w in workers:
            w.stop()
        raise
    return workers


def _clean_env() -> dict[str, str]:
    """The worker's environment: nothing of the instructor's (no secrets)."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": "/tmp",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(PACKAGE_DIR.parent),
        "PYTHONNOUSERSITE": "1",
        "SMM_WORKBOOK_ROOT": str(repo_root()),
        "SMM_STATE_DIR": "/tmp/smm-state",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
        "BROWSER": "true",
        "SMM_NO_CHARTS": "1",  # smmlib.viz.NO_CHARTS_ENV: no chart is graded, so no template is built
    }
    return env


@dataclass
class Worker:
    """One job slot: a long-lived worker process (restarted when it dies)."""

    slot: int
    exercise: str
    sandbox: Sandbox
    limits: Limits
    log: Path | None = None
    process: subprocess.Popen | None = field(default=None, init=False)
    restarts: int = field(default=0, init=False)
    spawned: float = field(default=0.0, init=False)  # time.perf_counter() of the last spawn
    cpu_seconds: float = field(default=0.0, init=False)  # CPU its stopped processes reported (Frame.BYE)
    _exit_asked: bool = field(default=False, init=False, repr=False)

    def _config(self) -> dict[str, Any]:
        root = os.getuid() == 0
        tmp = "/tmp" if self.sandbox.kind == "bwrap" else None
        if tmp is None:
            import tempfile

            tmp = tempfile.mkdtemp(prefix=f"smm-grade-slot{self.slot}-")
            if root:
                os.chmod(tmp, 0o711)
        nproc = self.limits.nproc if root else _user_processes() + 4 * self.limits.nproc
        return {"exercise": self.exercise, "tmp": tmp, "fsize_mb": self.limits.fsize_mb,
                "disk_mb": self.limits.disk_mb, "nproc": nproc,
                "uid": SLOT_UID_BASE + self.slot if root else None,
                "wipe": ["/tmp", "/dev/shm"] if self.sandbox.kind == "bwrap" else [],
                "keep": [str(p) for p in runtime_paths()],
                # without the sandbox's mounts, a child of another user may not reach the package
                "preload_modules": self.sandbox.kind != "bwrap" and root}

    def spawn(self) -> None:
        """Start the worker process (do not wait for it). Call from a thread that
        outlives the worker: bubblewrap's --die-with-parent follows the thread."""
        self.spawned = time.perf_counter()
        stderr = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                self.sandbox.command(self.slot), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=stderr, env=_clean_env(), start_new_session=True, cwd="/")
        finally:
            if self.log:
                stderr.close()
        write_frame(self.process.stdin.fileno(), self._config())

    def wait_ready(self) -> None:
        """Wait until the spawned worker has imported everything."""
        assert self.process is not None and self.process.stdout
        try:
            ready = read_frame(self.process.stdout.fileno(), time.monotonic() + _STARTUP_TIMEOUT)
        except FrameError as exc:
            self.stop()
            raise RuntimeError(f"the grading worker did not start ({exc}); see {self.log}") from exc
        if ready.get("type") != Frame.READY:
            self.stop()
            raise RuntimeError(f"the grading worker said {ready!r} instead of ready")

    def start(self) -> None:
        """Start the worker and wait until it is ready."""
        self.spawn()
        self.wait_ready()

    def request(self, job: dict[str, Any]) -> dict[str, Any]:
        """Run one job; a worker that dies or hangs is replaced and the job
        reported as a :attr:`~smmlib.grading.vocabulary.Frame.WORKER_LOST` frame."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        assert self.process is not None and self.process.stdin and self.process.stdout
        margin = 15.0
        try:
            write_frame(self.process.stdin.fileno(), job)
            reply = read_frame(self.process.stdout.fileno(), time.monotonic() + float(job["timeout"]) + margin)
        except (FrameError, OSError) as exc:
            self.stop()
            self.restarts += 1
            return {"type": Frame.WORKER_LOST, "error": str(exc)}
        if not isinstance(reply, dict):
            return {"type": Frame.WORKER_LOST, "error": "malformed reply"}
        return reply

    def ask_to_exit(self) -> None:
        """Tell the worker to finish (without waiting); :meth:`stop` then
        collects it. Lets several workers wind down at once."""
        proc = self.process
        if proc is None or self._exit_asked or proc.poll() is not None or not proc.stdin:
            return
        try:
            write_frame(proc.stdin.fileno(), {"type": Frame.EXIT})
            self._exit_asked = True
        except OSError:
            pass

    def stop(self) -> None:
        """Stop the worker (and, with it, its sandbox)."""
        self.ask_to_exit()
        asked, self._exit_asked = self._exit_asked, False
        proc, self.process = self.process, None
        if proc is None:
            return
        try:
            if asked:  # its goodbye waits in the pipe even when it has exited already
                deadline = time.monotonic() + 2
                if proc.stdout:
                    bye = read_frame(proc.stdout.fileno(), deadline)
                    if isinstance(bye, dict) and bye.get("type") == Frame.BYE:
                        self.cpu_seconds += max(0.0, float(bye.get("cpu_s", 0.0)))
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except (OSError, FrameError, TypeError, ValueError, subprocess.TimeoutExpired):
            pass
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                proc.kill()
            proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream:
                stream.close()
        try:
            if self.log and self.log.stat().st_size == 0:
                self.log.unlink()
        except OSError:
            pass


def stop_workers(workers: list[Worker]) -> None:
    """Stop ``workers``, all winding down at once."""
    for w in workers:
        w.ask_to_exit()
    for w in workers:
        w.stop()


def _user_processes() -> int:
    """How many processes (and threads) this user runs now (Linux; 1024 elsewhere)."""
    uid = os.getuid()
    total = 0
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 1024
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            if os.stat(f"/proc/{entry}").st_uid == uid:
                total += len(os.listdir(f"/proc/{entry}/task"))
        except OSError:
            continue
    return total
