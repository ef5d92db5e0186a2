"""Reading files from folders other people fill: only regular files, only inside their folder, bounded.

Invariant: a file is opened without blocking (a FIFO cannot hang the open), checked on the open
descriptor to be a regular file (a device or FIFO is refused even where `stat` of the path said
otherwise or a link points at one), and read up to a bound that holds whatever size it claims.
Whether a path stays inside its folder is decided on the real path, after every link is followed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class RefusedFile(OSError):
    """A file drafter will not read: not a regular file, too large, or outside its folder."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; RefusedFile (an OSError) otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a device, FIFO or socket, not a regular file"
            raise RefusedFile(errno.EINVAL, f"refused: {kind}", str(path))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise RefusedFile(errno.EFBIG, f"file is too large (the limit is {limit // 1048576} MB)", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """Whether `path`, every link followed, lies inside `folder` (itself resolved)."""
    real = os.path.realpath(path)
    top = os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def confined(path: Path, folder: Path, what: str) -> Path:
    """`path` if it stays inside `folder`, else RefusedFile naming both."""
    if not inside(path, folder):
        raise RefusedFile(errno.EACCES, f"refused: {what} leads outside {folder} (to {os.path.realpath(path)})", str(path))
    return path


_WHAT_TO_DO = {
    errno.EACCES: "check the permissions of the file and its folder",
    errno.EPERM: "check the permissions of the file and its folder",
    errno.ENOSPC: "the disk is full: free some space and try again",
    errno.EDQUOT: "the disk quota is used up: free some space and try again",
    errno.EROFS: "the file system is read-only: write somewhere else",
    errno.ENOENT: "check the path",
    errno.EISDIR: "give a file, not a folder",
}


def describe_os_error(exc: OSError) -> str:
    """`PATH: what went wrong (what to do)` — one line for a person."""
    where = exc.filename or ""
    what = exc.strerror or str(exc)
    todo = _WHAT_TO_DO.get(exc.errno or 0)
    line = f"{where}: {what}" if where else what
    return f"{line} ({todo})" if todo and todo not in what else line
