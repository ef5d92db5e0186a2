"""Changed blocks in a draft: which block items no longer match their pin, and the pinned version's text.

Invariant: a use is "changed" only when both its pin and the library's current hash are known and
differ; the pinned text comes from the pin store (verified against its name) or, failing that, the
library's git history. Nothing here writes a draft: taking a new version is an operation (`ops.changes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..library import BlockLookupError, LibraryIndex
from ..model import Draft
from ..questionnaire import Loc, block_uses
from .hash import pin_hash
from .store import find_pinned


@dataclass(frozen=True)
class PinnedUse:
    """A block item of a draft and the state of its pin."""

    qid: str
    index: int
    ref: str
    pinned: str | None
    current: str | None  # None: the block no longer resolves
    loc: Loc = ()
    """The item list's key path in the draft file (the item is at `(*loc, index)`)."""
    language: str | None = None
    """The language the block is composed (and pinned) in: the consultation's."""

    @property
    def changed(self) -> bool:
        return self.pinned is not None and self.current is not None and self.pinned != self.current


def pinned_uses(index: LibraryIndex, draft: Draft | None, language: str | None = None) -> list[PinnedUse]:
    """Every block item of `draft` with its pin and the library's current hash (in `language`, the
    consultation's: a block is pinned in the language it is composed in)."""
    if draft is None:
        return []
    out = []
    for use in block_uses(draft):
        try:
            current: str | None = pin_hash(index.lookup(use.ref), language)
        except BlockLookupError:
            current = None
        out.append(PinnedUse(use.target_id, use.index, use.ref, use.item.pinned, current, use.loc, language))
    return out


def pinned_text(index: LibraryIndex, state_dir: Path, ref: str, pin: str | None, language: str | None = None) -> tuple[str | None, str]:
    """The pinned version's text (pin store, else the library's git history), or (None, why not)."""
    if not pin:
        return None, "the item has no `pinned` hash"
    lib, block = index.resolve(ref)
    return find_pinned(state_dir, pin, library_root=lib.root, block_path=lib.path(block.id) if block.id in lib.files else None,
                       language=language)
