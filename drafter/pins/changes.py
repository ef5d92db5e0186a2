"""Changed blocks in a draft: show the diff of pinned against current text, take the new version.

Invariant: `update` edits the draft through `DraftEditor` (comments survive, only `pinned` lines
change) and keeps a copy of every version it pins in the pin store.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..library import BlockLookupError
from ..draft_editor import DraftEditor
from ..model import BlockItem
from .hash import pin_hash
from .store import block_text, find_pinned, store
from ..loaded import LoadedWorkspace


@dataclass
class PinnedUse:
    """A block item of a draft and the state of its pin."""

    qid: str
    index: int
    ref: str
    pinned: str | None
    current: str | None  # None: the block no longer resolves

    @property
    def changed(self) -> bool:
        return self.pinned is not None and self.current is not None and self.pinned != self.current


def uses(project: LoadedWorkspace, editor: DraftEditor) -> list[PinnedUse]:
    draft = editor.model()
    if draft is None:
        return []
    out = []
    for qid, items in draft.answers.items():
        for i, item in enumerate(items or []):
            if isinstance(item, BlockItem):
                try:
                    current = pin_hash(project.index.lookup(item.block))
                except BlockLookupError:
                    current = None
                out.append(PinnedUse(qid, i, item.block, item.pinned, current))
    return out


def diff_text(project: LoadedWorkspace, use: PinnedUse) -> str:
    """Unified diff of the pinned version against the library's current text (or why it can't be shown)."""
    lib, block = project.index.resolve(use.ref)
    current = block_text(block)
    old, origin = find_pinned(project.ws.state_dir, use.pinned or "", library_root=lib.root, block_path=lib.paths.get(block.id))
    head = f"{use.qid}: block '{use.ref}' pinned {use.pinned}, now {use.current}"
    if old is None:
        return f"{head}\n  the pinned version is not available: {origin}\n"
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        current.splitlines(keepends=True),
        fromfile=f"{use.ref}@{use.pinned} ({origin})",
        tofile=f"{use.ref}@{use.current} (library)",
    )
    return f"{head}\n" + "".join(lines)


def update(project: LoadedWorkspace, path: Path, *, block: str | None = None, all_blocks: bool = False) -> list[PinnedUse]:
    """Re-pin changed (and unpinned) block items — all of them, or those naming `block` — and save."""
    editor = DraftEditor.load(path)
    done = []
    for use in uses(project, editor):
        if use.current is None or (block and use.ref != block and use.ref.split("/")[-1] != block):
            continue
        if not (all_blocks or block):
            continue
        if use.pinned == use.current:
            continue
        store(project.ws.state_dir, project.index.lookup(use.ref))
        editor.set_pinned(use.qid, use.index, use.current)
        done.append(use)
    if done:
        editor.save()
    return done


def pin_all_current(project: LoadedWorkspace, editor: DraftEditor) -> None:
    """Keep a copy of the current version of every block a draft pins (so later diffs can be shown)."""
    for use in uses(project, editor):
        if use.current is not None and use.pinned == use.current:
            store(project.ws.state_dir, project.index.lookup(use.ref))


__all__ = ["PinnedUse", "uses", "diff_text", "update", "pin_all_current", "block_text"]
