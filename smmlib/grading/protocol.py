"""Length-prefixed JSON frames between the grader, its workers and their children.

A frame is a 4-byte big-endian length followed by that many bytes of UTF-8
JSON. Readers enforce a size limit and a deadline, so a child that writes
garbage or nothing cannot make the grader hang or run out of memory.

>>> import os
>>> r, w = os.pipe()
>>> write_frame(w, {"a": 1})
>>> read_frame(r, deadline=None)
{'a': 1}
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from typing import Any

__all__ = ["FrameError", "MAX_FRAME", "read_frame", "write_frame"]

#: Largest frame accepted (bytes).
MAX_FRAME = 256 * 1024 * 1024
_HEADER = struct.Struct(">I")


class FrameError(EOFError):
    """The other side closed the stream, sent a malformed frame or was too slow."""


def write_frame(fd: int, message: Any) -> None:
    """Write one JSON frame to file descriptor ``fd`` (blocking)."""
    write_frames(fd, [message])


def write_frames(fd: int, messages: list[Any]) -> None:
    """Write JSON frames to file descriptor ``fd`` in one go (blocking)."""
    data = bytearray()
    for message in messages:
        body = json.dumps(message, allow_nan=False, ensure_ascii=False).encode("utf-8")
        data += _HEADER.pack(len(body)) + body
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    remaining = n
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise FrameError("timed out waiting for data")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise FrameError("timed out waiting for data")
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise FrameError("the stream ended")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, deadline: float | None, limit: int = MAX_FRAME) -> Any:
    """Read one JSON frame from ``fd``; raise :class:`FrameError` on end of
    stream, a frame larger than ``limit``, bad JSON or when ``deadline``
    (a :func:`time.monotonic` value) passes."""
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    if size > limit:
        raise FrameError(f"a frame of {size} bytes is larger than the limit of {limit}")
    body = _read_exact(fd, size, deadline)
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FrameError(f"malformed frame: {exc}") from exc
