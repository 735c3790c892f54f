"""The grading worker ("zygote"): imports the course's libraries once, then
forks a fresh, limited child for every submission.

Run as ``python -m smmlib.grading.zygote`` by :class:`smmlib.grading.runner.Worker`,
normally inside a bubblewrap sandbox (read-only file system, private
``/tmp``, no network, own PID namespace, the submissions and the grader's
output hidden). It talks to the grader over stdin/stdout with
:mod:`~smmlib.grading.protocol` frames.

Each child, before it runs a line of student code:

- starts its own session (process group) and closes every inherited file
  descriptor except the one result pipe; stdin/stdout/stderr go to /dev/null;
- gets resource limits: address space (``--memory`` on top of what is
  already loaded), CPU seconds, file size, open files, processes, no core dumps;
- when the worker runs as root, switches to an unprivileged user ID of its own
  (one per job slot), so it cannot touch the worker or other slots;
- works in a private temporary folder that is removed afterwards.

The worker is a child subreaper: whatever the child forks stays its
descendant and is killed when the job ends (finished, timed out or crashed).
Children only *send data* (the answer variables, exported by
:mod:`smmlib.grading.export`); the grader computes every point itself.
"""

from __future__ import annotations

import builtins
import copy
import ctypes
import errno
import fcntl
import gc
import linecache
import os
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
import types
from collections.abc import Callable
from typing import Any

from .protocol import FrameError, read_frame, write_frame, write_frames
from .vocabulary import ErrorKind, Frame

RESULT_FD = 3
#: Most bytes a child may send back (all frames together).
MAX_CHILD_OUTPUT = 200 * 1024 * 1024
#: How often the worker reads a running child's pipe (s), the pipe's size, and
#: how much one read must bring for the worker to watch the pipe itself.
_DRAIN_S = 0.05
_PIPE_BYTES = 1 << 20
_CHATTY_BYTES = 1 << 18
_PR_SET_DUMPABLE = 4
_PR_SET_CHILD_SUBREAPER = 36


class _SoftTimeout(BaseException):
    """Raised in the child when its time is nearly up, to export what it has."""


# ----------------------------------------------------------------------------- helpers


def _prctl(option: int, value: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux
        pass


def _vmsize_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _descendants(root: int) -> list[int]:
    """PIDs whose parent chain leads to ``root`` (via /proc)."""
    parents: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], {root}
    while frontier:
        nxt = {pid for pid, ppid in parents.items() if ppid in frontier and pid not in found}
        found.extend(nxt)
        frontier = nxt
    return found


def _has_children() -> bool:
    """Whether this process has a child (running or not yet reaped)."""
    try:
        os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return False
    except (AttributeError, OSError):  # no waitid here: assume there may be
        return True
    return True


def _kill_descendants() -> None:
    """SIGKILL every descendant of this worker, then reap them (repeat until none).

    Called once the job's child is reaped: the worker is a child subreaper, so
    whatever the child left running has been handed to the worker as a child
    of its own. No child at all means no descendant, without reading /proc."""
    me = os.getpid()
    for _ in range(200):
        if not _has_children():
            return
        pids = _descendants(me)
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap()
        time.sleep(0.005)
    _reap()


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _set_limit(which: int, value: int) -> None:
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        soft, hard = resource.getrlimit(which)
        try:
            resource.setrlimit(which, (min(value, hard) if hard != resource.RLIM_INFINITY else value, hard))
        except (ValueError, OSError):
            pass


# ----------------------------------------------------------------------------- the child


def _child_setup(job: dict[str, Any], config: dict[str, Any], workdir: str, result_w: int) -> None:
    os.setsid()
    os.dup2(result_w, RESULT_FD)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(RESULT_FD + 1, 65536)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # too-big files raise OSError instead
    timeout = float(job["timeout"])
    _set_limit(resource.RLIMIT_CORE, 0)
    _set_limit(resource.RLIMIT_CPU, int(timeout) + 2)
    _set_limit(resource.RLIMIT_FSIZE, int(config["fsize_mb"]) * 2**20)
    _set_limit(resource.RLIMIT_NOFILE, 256)
    if config.get("nproc"):
        _set_limit(resource.RLIMIT_NPROC, int(config["nproc"]))
    _set_limit(resource.RLIMIT_AS, (_vmsize_kb() * 1024) + int(job["memory_mb"]) * 2**20)
    uid = config.get("uid")
    if uid is not None and os.getuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    os.chdir(workdir)
    os.environ.update({"HOME": workdir, "TMPDIR": workdir, "SMM_STATE_DIR": workdir})
    tempfile.tempdir = workdir
    os.umask(0o077)


def _emit(*messages: dict[str, Any] | None) -> None:
    """Send ``messages`` (None ones skipped) to the worker in one write."""
    write_frames(RESULT_FD, [m for m in messages if m is not None])


class _Shell:
    """Stand-in for IPython's shell: magics and ``!commands`` do nothing."""

    def run_line_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def run_cell_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def system(self, *args: Any, **kwargs: Any) -> None:
        return None

    def getoutput(self, *args: Any, **kwargs: Any) -> list[str]:
        return []

    def magic(self, *args: Any, **kwargs: Any) -> None:
        return None


_SHELL = _Shell()


def _display(*objs: Any, **kwargs: Any) -> None:
    """``display`` of a notebook: the grader shows nothing."""


def _transform(source: str) -> str:
    """The cell as Python: IPython's syntax (``%magic``, ``!command``, ``name?``)
    turned into calls of :class:`_Shell`; plain Python as it is (IPython, not
    loaded by the worker in the sandbox, is imported only for such a cell)."""
    if "%" not in source and "!" not in source and "?" not in source:
        return source
    try:
        compile(source, "<cell>", "exec")
        return source
    except (SyntaxError, ValueError):
        pass
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - keep the raw source; it may still run
        return source


def _describe_exc(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - a student's exception may break str()
        text = ""
    text = text.replace("\n", " ")
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


#: Types whose values cannot change in place: one already sent under the same
#: name (the same object) need not be encoded again at the end.
_IMMUTABLE = frozenset({int, float, complex, str, bytes, bool, type(None), type(Ellipsis)})


def _identity(value: Any) -> tuple[int, int]:
    """What tells an answer variable's value apart from the one sent before:
    the object, and for a function its code (which may be replaced)."""
    return id(value), id(getattr(value, "__code__", None)) if type(value) is types.FunctionType else 0


def _export(names: list[tuple[str, str]], ns: dict[str, Any], sent: dict[str, tuple[int, int]],
            final: bool) -> dict[str, Any] | None:
    """The answers frame for the answer variables that changed since they were
    last exported (None when none did). ``final``: every one again, apart from
    the same immutable value or the same function (a list or a table may have
    been changed in place since)."""
    from .export import ExportError, encode

    batch: dict[str, Any] = {}
    for name, _kind in names:
        if name not in ns:
            continue
        value = ns[name]
        if sent.get(name) == _identity(value) and (
                not final or type(value) in _IMMUTABLE or type(value) is types.FunctionType):
            continue
        try:
            batch[name] = encode(value)
        except ExportError as exc:
            batch[name] = {"t": "unsupported", "type": "too large", "error": str(exc)}
        except _SoftTimeout:
            raise
        except BaseException as exc:  # noqa: BLE001 - odd student objects
            batch[name] = {"t": "unsupported", "type": type(value).__name__[:80], "error": _describe_exc(exc)}
        sent[name] = _identity(value)
    return {"type": Frame.ANSWERS, "v": batch} if batch else None


def _on_alarm(signum: int, frame: Any) -> None:
    raise _SoftTimeout()


def run_notebook(job: dict[str, Any]) -> None:
    """In the child: run the cells one by one (errors do not stop the run),
    streaming the answer variables after each cell and once more at the end."""
    from .. import exercises

    bank = exercises.get_bank(job["exercise"])
    names = [(q.answer_name, q.kind) for q in bank.questions]
    student = job["student"]
    # the folder's ID whatever was typed, nothing recorded, progress a note
    exercises.switch_on_grading(student)
    ns: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins,
                          "display": _display, "get_ipython": lambda: _SHELL}
    sent: dict[str, tuple[int, int]] = {}
    spent = {"code_s": 0.0, "code_cpu_s": 0.0, "export_s": 0.0, "functions_s": 0.0}
    timed_out = False
    answers: dict[str, Any] | None = None  # exported after a cell, sent as the next one starts
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, max(0.1, float(job["soft_timeout"])))
    me = os.getpid()
    started = time.monotonic()
    try:
        for index, source in enumerate(job["cells"]):
            began = time.perf_counter()
            _emit(answers, {"type": Frame.CELL, "i": index, "t": time.monotonic()})
            answers = None
            spent["export_s"] += time.perf_counter() - began
            began, began_cpu = time.perf_counter(), time.process_time()
            filename = f"<cell {index + 1}>"
            code_text = _transform(source)
            linecache.cache[filename] = (len(code_text), None, code_text.splitlines(True), filename)
            try:
                exec(compile(code_text, filename, "exec"), ns)  # noqa: S102 - sandboxed child
            except _SoftTimeout:
                raise
            except MemoryError:
                _emit({"type": Frame.ERROR, "cell": index, "kind": ErrorKind.MEMORY, "error": "MemoryError"})
            except BaseException as exc:  # noqa: BLE001 - SystemExit, KeyboardInterrupt, anything
                if os.getpid() != me:  # a fork of the student's code: leave quietly
                    os._exit(0)
                _emit({"type": Frame.ERROR, "cell": index, "kind": ErrorKind.ERROR, "error": _describe_exc(exc)})
            if os.getpid() != me:
                os._exit(0)
            ran = time.perf_counter()
            spent["code_s"] += ran - began
            spent["code_cpu_s"] += time.process_time() - began_cpu
            answers = _export(names, ns, sent, final=False)
            spent["export_s"] += time.perf_counter() - ran
        signal.setitimer(signal.ITIMER_REAL, 0)
    except _SoftTimeout:
        if os.getpid() != me:
            os._exit(0)
        _emit(answers, {"type": Frame.TIMEOUT})
        answers = None
        timed_out = True
    signal.setitimer(signal.ITIMER_REAL, 0)
    ran = time.perf_counter()
    _emit(answers, _export(names, ns, sent, final=True))
    spent["export_s"] += time.perf_counter() - ran
    if not timed_out:
        left = float(job["soft_timeout"]) - (time.monotonic() - started)
        ran = time.perf_counter()
        _run_function_answers(bank, student, ns, float(job.get("function_timeout", 0) or 0), left)
        spent["functions_s"] = time.perf_counter() - ran
    _emit({"type": Frame.DONE, **spent})


class _FunctionTimeout(BaseException):
    """Raised in the child when one function answer has used its time."""


def _on_function_alarm(signum: int, frame: Any) -> None:
    raise _FunctionTimeout()


def _call_case(func: Callable, args: Any, kwargs: dict[str, Any], me: int,
               stop: type[BaseException]) -> dict[str, Any]:
    """Call a student's function on one case: a ``case`` frame with what it
    returned (encoded) or raised. ``stop`` (the time-limit signal) passes
    through; a fork of the student's code leaves quietly."""
    from .export import ExportError, encode

    try:
        item = {"type": Frame.CASE, "value": encode(func(*args, **kwargs))}
    except stop:
        raise
    except ExportError as exc:
        item = {"type": Frame.CASE, "raise": "ValueError", "msg": f"the result is too large: {exc}"}
    except BaseException as exc:  # noqa: BLE001 - the student's function raised
        if os.getpid() != me:
            os._exit(0)
        try:
            msg = str(exc)[:300]
        except Exception:  # noqa: BLE001
            msg = ""
        item = {"type": Frame.CASE, "raise": type(exc).__name__[:80], "msg": msg,
                "not_implemented": isinstance(exc, NotImplementedError)}
    if os.getpid() != me:
        os._exit(0)
    return item


def _run_function_answers(bank: Any, student: str, ns: dict[str, Any], budget: float,
                          left: float) -> None:
    """Call each function answer, as the notebook defined it, on its question's
    cases, and send back what it returned or raised (one ``fcases`` frame per
    question). Only data travels: the grader compares the results with the
    reference it computes itself for the same student. A function that did not
    finish in its ``budget`` seconds is marked ``timed_out``; when the
    notebook's own time (``left`` seconds) ran short first, no frame is sent
    and the grader runs that function in a child of its own, as before."""
    import types

    from .. import exercises

    if budget <= 0:
        return
    me = os.getpid()
    began_all = time.monotonic()
    ctx = None
    for question in bank.questions:
        func = ns.get(question.answer_name)
        if question.kind != "function" or not isinstance(func, types.FunctionType):
            continue
        if ctx is None:  # the notebook's own: its datasets are already made
            ctx = exercises.grading_context(bank, student)
        items: list[dict[str, Any]] = []
        timed_out = False
        started = time.monotonic()
        allowed = min(budget, left - (started - began_all))
        if allowed <= 0.05:
            return
        signal.signal(signal.SIGALRM, _on_function_alarm)
        signal.setitimer(signal.ITIMER_REAL, allowed)
        try:
            cases = question.case_list(ctx)
            for case in cases:
                args, kwargs = copy.deepcopy(case.args), copy.deepcopy(dict(case.kwargs))
                items.append(_call_case(func, args, kwargs, me, _FunctionTimeout))
        except _FunctionTimeout:
            if os.getpid() != me:
                os._exit(0)
            timed_out = True
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if timed_out and allowed < budget:
            return  # the notebook's time ran out, not the function's: let the grader retry it
        _emit({"type": Frame.FCASES, "key": question.key, "items": items, "timed_out": timed_out})


def run_function(job: dict[str, Any]) -> None:
    """In the child: rebuild a function answer from its source and call it on
    the question's cases; send back each result (or the exception raised)."""
    from .. import exercises
    from ..engine.questions import function_from_source

    bank = exercises.get_bank(job["exercise"])
    question = bank.question(job["key"])
    ctx = bank.context(job["student"])
    cases = question.case_list(ctx)
    calls = [(copy.deepcopy(c.args), copy.deepcopy(dict(c.kwargs))) for c in cases]
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, max(0.1, float(job["soft_timeout"])))
    me = os.getpid()
    try:
        try:
            func: Callable = function_from_source(job["source"], job["name"])
        except _SoftTimeout:
            raise
        except BaseException as exc:  # noqa: BLE001
            if os.getpid() != me:
                os._exit(0)
            _emit({"type": Frame.BUILD_ERROR, "error": _describe_exc(exc)})
            _emit({"type": Frame.DONE})
            return
        for args, kwargs in calls:
            _emit(_call_case(func, args, kwargs, me, _SoftTimeout))
        signal.setitimer(signal.ITIMER_REAL, 0)
        _emit({"type": Frame.DONE})
    except _SoftTimeout:
        if os.getpid() != me:
            os._exit(0)
        _emit({"type": Frame.TIMEOUT})


_TARGETS: dict[str, Callable[[dict[str, Any]], None]] = {Frame.NOTEBOOK: run_notebook, Frame.FUNCTION: run_function}


# ----------------------------------------------------------------------------- the worker


def _parse_frames(buffer: bytearray, frames: list[Any]) -> bool:
    """Move complete frames from ``buffer`` to ``frames``; False on garbage."""
    import json
    import struct

    while len(buffer) >= 4:
        (size,) = struct.unpack(">I", bytes(buffer[:4]))
        if size > MAX_CHILD_OUTPUT:
            return False
        if len(buffer) < 4 + size:
            return True
        body = bytes(buffer[4:4 + size])
        del buffer[:4 + size]
        try:
            frames.append(json.loads(body.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return False
    return True


def _tmp_used(path: str) -> int:
    try:
        st = os.statvfs(path)
    except OSError:
        return 0
    return (st.f_blocks - st.f_bfree) * st.f_frsize


def _cleanup(workdir: str, uid: int | None) -> None:
    """Remove a child's folder; what the worker cannot remove itself (files the
    child made unreadable to it) is removed as the child's own user."""
    try:
        if not os.listdir(workdir):  # the usual case: the child wrote nothing
            os.rmdir(workdir)
            return
    except OSError:
        pass
    _rmtree_contents(workdir)
    try:
        os.rmdir(workdir)
        return
    except OSError:
        pass
    if uid is not None and os.getuid() == 0:
        pid = os.fork()
        if pid == 0:
            try:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
                _rmtree_contents(workdir)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
    _rmtree_contents(workdir)
    shutil.rmtree(workdir, ignore_errors=True)


def _rmtree_contents(path: str, own_folder: bool = True, keep: tuple[str, ...] = ()) -> None:
    """Remove everything inside ``path``. Folders in ``keep`` (the sandbox's
    read-only view of the course) and the folders leading to them stay, with
    their modes; whatever else a child left beside them goes."""
    def fix(func: Any, target: str, _exc: Any) -> None:
        try:
            if os.path.dirname(target) != path or own_folder:
                os.chmod(os.path.dirname(target), 0o700)
            os.chmod(target, 0o700)
            func(target)
        except OSError:
            pass

    if own_folder:
        try:
            os.chmod(path, 0o700)
        except OSError:
            pass
    for entry in os.listdir(path) if os.path.isdir(path) else []:
        full = os.path.join(path, entry)
        if any(k == full or k.startswith(full + os.sep) for k in keep):
            if full not in keep and os.path.isdir(full) and not os.path.islink(full):
                _rmtree_contents(full, own_folder=False, keep=keep)
            continue
        if os.path.isdir(full) and not os.path.islink(full):
            shutil.rmtree(full, onerror=fix)
        else:
            try:
                os.unlink(full)
            except OSError:
                pass


def run_job(job: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
    """Fork a limited child for ``job``; collect its frames until it ends or
    its time is up; kill everything it left behind; report."""
    uid = config.get("uid")
    workdir = tempfile.mkdtemp(prefix="smm-job-", dir=config["tmp"])
    if uid is not None and os.getuid() == 0:
        os.chown(workdir, uid, uid)
    read_fd, write_fd = os.pipe()
    try:  # room for a child's frames between two reads (see _DRAIN_S)
        fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (AttributeError, OSError):
        pass
    tmp_base = _tmp_used(workdir)
    disk_limit = int(config["disk_mb"]) * 2**20
    started = time.monotonic()
    worker_cpu = time.process_time()
    gc.freeze()  # children's garbage collector leaves the worker's objects (and pages) alone
    pid = os.fork()
    if pid == 0:  # ---- child
        try:
            os.close(read_fd)
            _child_setup(job, config, workdir, write_fd)
            _TARGETS[job["type"]](job)
        except BaseException:  # noqa: BLE001 - never return into the worker's loop
            pass
        os._exit(0)
    # ---- worker
    os.close(write_fd)
    os.set_blocking(read_fd, False)
    deadline = started + float(job["timeout"])
    frames: list[Any] = []
    buffer = bytearray()
    received = 0
    report: dict[str, Any] = {"timed_out": False, "too_much_output": False, "disk": False,
                              "garbled": False}
    status = None
    rusage = None
    pidfd = None
    try:
        pidfd = os.pidfd_open(pid)  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        pidfd = None
    last_disk_check = 0.0
    eof = False  # every writer closed the pipe: from then on, wait for the exit only
    chatty = False  # the last read found a lot: watch the pipe too, so that the child does not wait
    while status is None:
        left = deadline - time.monotonic()
        if left <= 0:
            report["timed_out"] = True
            break
        if pidfd is not None:
            # The child's exit wakes the worker; its frames wait in the pipe and are read every
            # _DRAIN_S, so that a frame costs the child and the worker no wake-up each.
            watch, wait = [pidfd] + ([read_fd] if chatty and not eof else []), min(left, _DRAIN_S)
        else:
            watch, wait = ([] if eof else [read_fd]), min(left, 0.002 if eof else 0.05)
        try:
            ready, _, _ = select.select(watch, [], [], wait)
        except InterruptedError:
            ready = []
        if not eof and (pidfd is not None or read_fd in ready):
            try:
                chunk = os.read(read_fd, 1 << 20)
            except BlockingIOError:
                chunk = None
            eof = chunk == b""
            chatty = chunk is not None and len(chunk) >= _CHATTY_BYTES
            if chunk:
                received += len(chunk)
                if received > MAX_CHILD_OUTPUT:
                    report["too_much_output"] = True
                    break
                buffer.extend(chunk)
                if not report["garbled"] and not _parse_frames(buffer, frames):
                    report["garbled"] = True
                    buffer.clear()
        waited, wstatus, usage = os.wait4(pid, os.WNOHANG)
        if waited == pid:
            status, rusage = wstatus, usage
            break
        now = time.monotonic()
        if now - last_disk_check > 0.25:
            last_disk_check = now
            if _tmp_used(workdir) - tmp_base > disk_limit:
                report["disk"] = True
                break
    if status is None:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        _, status, rusage = os.wait4(pid, 0)
    # drain what is left in the pipe (descendants may still hold it open)
    while not report["too_much_output"]:
        try:
            chunk = os.read(read_fd, 1 << 20)
        except (BlockingIOError, OSError):
            break
        if not chunk:
            break
        received += len(chunk)
        if received > MAX_CHILD_OUTPUT:
            report["too_much_output"] = True
            break
        buffer.extend(chunk)
    if not report["garbled"] and not report["too_much_output"] and not _parse_frames(buffer, frames):
        report["garbled"] = True
    ended = time.monotonic()
    _kill_descendants()
    os.close(read_fd)
    if pidfd is not None:
        os.close(pidfd)
    _cleanup(workdir, uid)
    keep = tuple(config.get("keep", ()))
    for folder in config.get("wipe", []):  # inside the sandbox: nothing may pass to the next job
        _rmtree_contents(folder, own_folder=False, keep=keep)
    report.update({
        "type": Frame.JOB_DONE,
        "frames": frames,
        "duration": time.monotonic() - started,
        "cleanup_s": time.monotonic() - ended,
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "maxrss_kb": int(rusage.ru_maxrss) if rusage is not None else 0,
        "child_cpu_s": rusage.ru_utime + rusage.ru_stime if rusage is not None else 0.0,
        "worker_cpu_s": time.process_time() - worker_cpu,
    })
    return report


#: Not imported by the preload: the grader itself, the UI toolkit (a notebook's
#: widgets show nothing here) and the authoring tools.
_NOT_PRELOADED = ("smmlib.grading", "smmlib.widgets", "smmlib.cli", "smmlib.build_exercises",
                  "smmlib.notebooks", "smmlib.outline", "smmlib.key_terms", "smmlib.site")


def _preload_course(modules: bool) -> None:
    """Load what students' code reads from the course before any child exists:
    every dataset (served from memory from then on, one snapshot for the whole
    class) and, with ``modules``, every smmlib module. Without a sandbox, a
    child run as another user may not be able to read the course's folder (a
    private home, a ``mktemp -d`` folder); this way it never needs to. In the
    sandbox the course's files are mounted readable, so modules load on demand."""
    import importlib

    import smmlib
    from smmlib import datasets

    datasets.freeze_datasets()
    if not modules:
        return
    for name in _course_modules(smmlib.__path__, "smmlib."):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - an optional dependency missing: its users fail visibly
            pass


def _course_modules(path: list[str], prefix: str) -> list[str]:
    """The modules below ``path`` that the preload imports, found without
    importing any (``pkgutil.walk_packages`` imports every package to look
    inside it, which would load the UI toolkit with ``smmlib.widgets``)."""
    import pkgutil

    names: list[str] = []
    for info in pkgutil.iter_modules(path, prefix):
        if info.name.startswith(_NOT_PRELOADED):
            continue
        names.append(info.name)
        if info.ispkg:
            inner = [os.path.join(folder, info.name.rsplit(".", 1)[1]) for folder in path]
            names += _course_modules(inner, info.name + ".")
    return names


def _warm_up(exercise: str, preload_modules: bool = True) -> None:
    """Import and exercise the libraries once so that every child starts warm."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import plotly.basedatatypes
    import plotly.graph_objects  # noqa: F401

    import smmlib  # noqa: F401

    from .. import exercises
    from .export import encode

    if preload_modules:  # a child of another user may not reach the package to import it later
        try:
            from IPython.core.inputtransformer2 import TransformerManager

            TransformerManager().transform_cell("%pwd\n")
        except Exception:  # noqa: BLE001 - IPython is optional for the grader
            pass
    plotly.basedatatypes.BaseFigure.show = lambda self, *a, **k: None  # no browser, no output
    _preload_course(modules=preload_modules)
    bank = exercises.get_bank(exercise)
    ctx = bank.context("warm-up")
    for name in bank.datasets:
        try:
            ctx.data(name)
        except Exception:  # noqa: BLE001 - warming up only
            pass
    for question in bank.questions:
        expected = getattr(question, "expected_value", None)
        if expected is not None:
            try:
                encode(expected(ctx))
            except Exception:  # noqa: BLE001
                pass


def main() -> int:
    """Serve jobs from the grader until it says ``exit`` or goes away."""
    proto_in, proto_out = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    _prctl(_PR_SET_DUMPABLE, 0)
    _prctl(_PR_SET_CHILD_SUBREAPER, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        config = read_frame(proto_in, deadline=None)
    except FrameError:
        return 1
    _warm_up(config["exercise"], preload_modules=bool(config.get("preload_modules", True)))
    gc.collect()
    gc.freeze()
    os.makedirs(config["tmp"], exist_ok=True)
    write_frame(proto_out, {"type": Frame.READY, "pid": os.getpid(), "uid": os.getuid()})
    while True:
        try:
            job = read_frame(proto_in, deadline=None)
        except FrameError:
            return 0
        if job.get("type") == Frame.EXIT:
            own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
            try:  # the grader counts it (a sandbox's PID namespace hides it from the grader's rusage)
                write_frame(proto_out, {"type": Frame.BYE, "cpu_s": own.ru_utime + own.ru_stime
                                        + children.ru_utime + children.ru_stime})
            except OSError:
                pass
            os._exit(0)  # nothing to flush or clean: skip tearing down the preloaded libraries
        try:
            reply = run_job(job, config)
        except OSError as exc:
            reply = {"type": Frame.JOB_FAILED, "error": f"{type(exc).__name__}: {exc}",
                     "errno": errno.errorcode.get(exc.errno or 0, "")}
        try:
            write_frame(proto_out, reply)
        except OSError:
            return 0


if __name__ == "__main__":
    sys.exit(main())
