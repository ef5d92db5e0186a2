"""The draft screen's promote key: the user's own text becomes a library block, pinned in its place.

The block form (the home screen's, prefilled: the text as body, a title from its first sentence, the
question's themes, the workspace's own library) writes through `DraftSession.promote`, one undoable
step; the library pane then lists the new block.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...model import TextItem
from ...ops.promote import default_library, default_title
from ...safetext import visible
from ..widgets.library import LibraryPane
from .workspace_actions import BlockForm

if TYPE_CHECKING:
    from .fix_actions import FixActions


def open_promote(screen: FixActions) -> None:
    qid, index = screen.qid, screen.item_index
    items = screen.items() if qid else []
    item = items[index] if qid and index is not None and 0 <= index < len(items) else None
    if qid is None or index is None or not isinstance(item, TextItem) or not item.text.strip():
        screen.notify("Select an item in your own words first (tab into the answer); alt+p makes it a library block.", severity="warning")
        return
    session = screen.session
    lw = session.lw
    if not any(lib.meta is not None for lib in lw.index.libraries):
        screen.notify("No library to put the block in: make the workspace's own from the home screen (l).", severity="warning")
        return
    prefill: dict[str, Any] = {"title": default_title(item.text), "themes": list(session.target(qid).themes), "body": item.text}
    if (namespace := default_library(lw)) is not None:
        prefill["library"] = namespace
    today = screen.drafter.clock().date()

    def write(values: dict[str, Any]) -> Path:
        return session.promote(qid, index, values, today)

    async def done(path: Path | None) -> None:
        if path is None:
            return
        screen.drafter.use_loaded(session.lw)
        screen.query_one(LibraryPane).use_index(session.lw.index)
        screen.changed()
        await screen.go_to(qid, index)
        screen.notify(f"Wrote {visible(lw.ws.display(path), one_line=True)}; the answer now uses it, pinned (ctrl+z undoes).", markup=False)

    intro = "Your text becomes a reviewed block others can reuse, pinned in its place. Make it general: {{ respondent.organisation }} and other placeholders work."
    screen.app.push_screen(BlockForm(lw, write, prefill=prefill, title="Promote to a library block", intro=intro), done)
