"""Shared libraries as both front doors report them: what `library add` and `library sync` did.

The work itself is `sharing.add` / `sharing.sync` (git, drafter.yaml) and `review.mark_reviewed`;
this module only words their results, once, so the CLI prints and the UI shows the same lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..loaded import LoadedWorkspace
from ..model import LibraryRef
from ..review import stale_blocks
from ..sharing import SyncReport


def added_line(source: str, entry: LibraryRef) -> str:
    """`Added SOURCE as libraries/NS at COMMIT`."""
    return f"Added {source} as {entry.path} at {entry.commit[:12] if entry.commit else '?'}"


def sync_lines(reports: list[SyncReport]) -> list[str]:
    """`drafter library sync`'s report: per library its status, the blocks added, changed and
    removed, and the drafts the changes affect."""
    if not reports:
        return ["no git libraries to sync"]
    lines = []
    for r in reports:
        span = f" {r.old[:12]}..{r.new[:12]}" if r.old and r.new and r.old != r.new else ""
        lines.append(f"{r.path}: {r.status}{span}{': ' + r.message if r.message else ''}")
        for label, ids in (("added", r.added), ("changed", r.changed), ("removed", r.removed)):
            if ids:
                lines.append(f"  {label}: {', '.join(ids)}")
        for draft, refs in r.drafts.items():
            lines.append(f"  affects {draft}: {', '.join(refs)} (see `drafter diff {draft}`)")
    return lines


@dataclass
class DueBlock:
    """A block due for review, as a list of them shows it."""

    ref: str
    title: str
    owner: str
    reviewed: dt.date | None
    due: dt.date | None
    drafts: int
    library: str


def due_blocks(lw: LoadedWorkspace, today: dt.date, namespace: str | None = None) -> list[DueBlock]:
    """Blocks due for review (of one library, or all), longest overdue first (never reviewed first)."""
    out = []
    for rows in stale_blocks(lw, today).values():
        for r in rows:
            lib, _ = lw.index.resolve(r.ref)
            if namespace is None or lib.namespace == namespace:
                out.append(DueBlock(r.ref, r.title, r.owner, r.reviewed, r.due, r.drafts, lib.namespace))
    out.sort(key=lambda b: (b.due or dt.date.min, b.ref))
    return out
