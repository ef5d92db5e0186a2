"""Review cycles: which blocks are due for review (by owner), and marking one reviewed.

Invariant: `mark_reviewed` changes one line of the block file (round-trip YAML, comments kept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap

from .library import due_date
from .loaded import LoadedWorkspace
from .questionnaire import block_uses
from .yamlio import dump_roundtrip, load_roundtrip


@dataclass
class StaleBlock:
    ref: str
    title: str
    owner: str
    reviewed: dt.date | None
    due: dt.date | None
    drafts: int
    file: str


def draft_usage(lw: LoadedWorkspace) -> dict[tuple[str, str], int]:
    """How many drafts of the workspace use each (namespace, block id)."""
    counts: dict[tuple[str, str], int] = {}
    for path in lw.draft_paths():
        ld = lw.draft(path)
        if ld.model is None:
            continue
        seen = set()
        for use in block_uses(ld.model):
            try:
                lib, block = lw.index.resolve(use.ref)
            except LookupError:
                continue
            seen.add((lib.namespace, block.id))
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    return counts


def stale_blocks(lw: LoadedWorkspace, today: dt.date, owner: str | None = None) -> dict[str, list[StaleBlock]]:
    """Blocks past `reviewed + review_every_days`, grouped by owner (case-insensitive filter)."""
    usage = draft_usage(lw)
    groups: dict[str, list[StaleBlock]] = {}
    for lib, block in lw.index.blocks():
        if not lib.is_due(block, today):
            continue
        who = block.owner or "(no owner)"
        if owner and owner.lower() not in who.lower():
            continue
        due = due_date(block, lib.review_days(block))
        groups.setdefault(who, []).append(
            StaleBlock(
                lw.index.qualified(lib, block),
                block.title,
                who,
                block.reviewed,
                due,
                usage.get((lib.namespace, block.id), 0),
                lw.ws.display(lib.path(block.id)),
            )
        )
    for rows in groups.values():
        rows.sort(key=lambda r: (r.due or dt.date.min, r.ref))
    return dict(sorted(groups.items()))


def mark_reviewed(lw: LoadedWorkspace, ref: str, today: dt.date) -> str:
    """Set the block's `reviewed` to today; returns the file changed. LookupError for an unknown ref."""
    lib, block = lw.index.resolve(ref)
    path = lib.path(block.id)
    data = load_roundtrip(path)
    if not isinstance(data, CommentedMap):
        raise LookupError(f"{path}: not a block mapping")
    if "reviewed" in data:
        data["reviewed"] = today
    else:
        keys = list(data.keys())
        at = keys.index("owner") + 1 if "owner" in keys else len(keys)
        data.insert(at, "reviewed", today)
    dump_roundtrip(data, path)
    return lw.ws.display(path)
