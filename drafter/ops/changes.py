"""A block changed in its library since a draft pinned it: show the difference, take the new version.

Invariant: taking a version keeps a copy of it in the pin store (so a later change can be diffed) and
edits only the item's `pinned` line through `DraftEditor`; `drafter diff`/`update` and the UI's F6
show and take the same thing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..draft_editor import ConflictError, DraftEditor
from ..loaded import LoadedWorkspace
from ..pins.changes import PinnedUse, pinned_text, pinned_uses
from ..pins.store import comparable_text, store


@dataclass(frozen=True)
class BlockDiff:
    """The pinned and the current text of one changed block item."""

    use: PinnedUse
    pinned: str | None
    """The pinned version's text; None when no copy of it can be found (`why` says so)."""
    current: str
    origin: str
    """Where the pinned text came from ("pin store", "git history"), or why it is missing."""

    def lines(self) -> list[str]:
        """The unified diff, pinned → library, one line each (empty when the texts are equal)."""
        if self.pinned is None:
            return []
        return list(
            difflib.unified_diff(
                self.pinned.splitlines(),
                self.current.splitlines(),
                f"{self.use.ref}@{self.use.pinned} ({self.origin})",
                f"{self.use.ref}@{self.use.current} (library)",
                lineterm="",
            )
        )


def changed_blocks(lw: LoadedWorkspace, editor: DraftEditor, target: str | None = None) -> list[PinnedUse]:
    """The draft's block items whose library block changed since they were pinned (in one answer, or all)."""
    return [u for u in pinned_uses(lw.index, editor.model()) if u.changed and (target is None or u.qid == target)]


def block_diff(lw: LoadedWorkspace, use: PinnedUse) -> BlockDiff:
    """Pinned text against the library's current text."""
    _, block = lw.index.resolve(use.ref)
    old, origin = pinned_text(lw.index, lw.ws.state_dir, use.ref, use.pinned)
    return BlockDiff(use, old, comparable_text(block), origin)


def accept(lw: LoadedWorkspace, editor: DraftEditor, use: PinnedUse) -> str:
    """Take the library's current version of the item's block: keep a copy, re-pin; returns the new pin."""
    pin = store(lw.ws.state_dir, lw.index.lookup(use.ref))
    editor.set_pinned(use.loc, use.index, pin)
    return pin


UPDATE_ATTEMPTS = 5


def update_draft(lw: LoadedWorkspace, path: Path, *, block: str | None = None, all_blocks: bool = False) -> list[PinnedUse]:
    """`drafter update`: re-pin changed (and unpinned) block items — all of them, or those naming
    `block` — and save. A change another writer made meanwhile is merged in; when it cannot be (the
    same answer changed), the draft is read again and the re-pinning done again, a few times, before
    ConflictError."""
    attempts = 0
    while True:
        editor = DraftEditor.load(path)
        done = []
        for use in pinned_uses(lw.index, editor.model()):
            if use.current is None or use.pinned == use.current:
                continue
            if not all_blocks and (block is None or (use.ref != block and use.ref.split("/")[-1] != block)):
                continue
            accept(lw, editor, use)
            done.append(use)
        if not done:
            return done
        try:
            editor.save(merge=True)
            return done
        except ConflictError:
            attempts += 1
            if attempts >= UPDATE_ATTEMPTS:
                raise


def keep_pinned_versions(lw: LoadedWorkspace, editor: DraftEditor) -> None:
    """Keep a copy of the current version of every block a draft pins (so later diffs can be shown)."""
    for use in pinned_uses(lw.index, editor.model()):
        if use.current is not None and use.pinned == use.current:
            store(lw.ws.state_dir, lw.index.lookup(use.ref))
