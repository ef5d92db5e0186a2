"""An exclusive lock around a read-check-write of one file, shared by every drafter process.

Invariant: a writer takes the lock (`flock` on the file itself), then checks that the file is still
the version it read, then replaces it atomically. Whoever waited for the lock checks again after the
replace and so sees the new version: two writers can never both pass the check. Where `flock` does
not exist the check alone remains (the window is then the few microseconds of the replace).
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

WAIT_SECONDS = 10.0


class LockTimeout(OSError):
    """Another writer held the file for longer than the wait allows."""


@contextmanager
def locked(path: Path, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the writers' lock on `path` (which may not exist yet) for the duration of the block."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        yield  # a new file: nobody else can have read it
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeout(errno.EAGAIN, f"another program has held it for over {wait:.0f} s; try again", str(path)) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # (closing releases the lock)
