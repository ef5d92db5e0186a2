"""Noticing changes on disk while a draft is open: the draft itself, and the libraries, consultations
and templates it is checked and rendered against.

Invariant: a stamp is cheap (one walk of names and `stat`s, no file read) and changes whenever a
file is added, removed, renamed or rewritten in a watched folder, so the UI reloads what changed
instead of rendering or accepting from a stale copy.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..workspace import CONFIG_NAME, Workspace

Stamp = tuple[int, int, int]


def workspace_stamp(ws: Workspace) -> Stamp:
    """(files, newest modification time in ns, total size) over the workspace's libraries,
    consultations and templates and its `drafter.yaml`."""
    count = newest = total = 0
    folders = [path for _, path in ws.library_dirs()] + ws.consultation_dirs() + ws.template_dirs()
    for folder in folders:
        for top, subfolders, files in os.walk(folder):
            subfolders[:] = [d for d in subfolders if d != ".git"]
            for name in files:
                try:
                    st = os.stat(os.path.join(top, name))
                except OSError:
                    continue
                count += 1
                newest = max(newest, st.st_mtime_ns)
                total += st.st_size
    config = ws.root / CONFIG_NAME
    try:
        st = os.stat(config)
        count, newest, total = count + 1, max(newest, st.st_mtime_ns), total + st.st_size
    except OSError:
        pass
    return count, newest, total


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(modification time in ns, size) of one file, None when it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
