"""Atomic writes: a temporary file in the target folder, fsync, then os.replace.

Invariant: only a regular file (or nothing) is ever replaced — a device, FIFO, socket or folder at
the target is refused, so `-o /dev/sda` cannot turn a device node into a file; a temporary file is
named `.<name>.<pid>.<random>.tmp`, and one left by a process that no longer runs (killed mid-write)
is removed by the next write to the same target.
"""


from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

# --------------------------------------------------------------------------- atomic writes


def _current_umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class NotRegularTarget(OSError):
    """The target exists and is not a regular file: it is never replaced."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete temporary files for `path` left by processes that no longer run; returns them."""
    gone: list[Path] = []
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return gone
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                os.unlink(path.parent / name)
                gone.append(path.parent / name)
            except OSError:
                pass
    return gone


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, fsync, then os.replace. NotRegularTarget when
    the target is a device, FIFO, socket or folder."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    try:
        st = os.stat(path)
    except FileNotFoundError:
        mode: int | None = None
    else:
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a device, FIFO or socket"
            raise NotRegularTarget(errno.EEXIST, f"refused: it is {kind}, not a regular file; write to a file", str(path))
        mode = stat.S_IMODE(st.st_mode)
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_current_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
