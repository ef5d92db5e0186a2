"""Blocks due for review: pick one and press enter to mark it reviewed today (`drafter review`)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...ops.libraries import DueBlock
from ...safetext import visible


def _line(b: DueBlock) -> Text:
    when = f"reviewed {b.reviewed}, due {b.due}" if b.reviewed else "never reviewed"
    used = f"used by {b.drafts} draft{'s' if b.drafts != 1 else ''}"
    return Text.assemble((visible(b.ref, one_line=True), "bold"), "  ", visible(b.title, one_line=True), (f"  · {visible(b.owner, one_line=True)} · {when} · {used}", "dim"))


class DueBlocksScreen(ModalScreen[bool]):
    """The blocks due for review; enter marks the highlighted one reviewed. Dismisses with whether
    any was marked."""

    BINDINGS = [
        Binding("enter", "mark", "Mark reviewed", id="due.mark", tooltip="Mark the highlighted block reviewed today (its `reviewed:` line only).", priority=True),
        Binding("escape", "close", "Close", id="due.close", tooltip="Close the list."),
    ]

    def __init__(self, title: str, blocks: list[DueBlock], mark: Callable[[str], str]):
        super().__init__(classes="dialog")
        self.list_title, self.blocks, self.mark = title, list(blocks), mark
        self.marked: list[str] = []

    def compose(self):
        with Vertical(classes="dialog-box wide"):
            yield Label(Text(self.list_title), classes="dialog-title")
            yield Static("Read each block, then enter marks it reviewed today.", classes="dim")
            yield OptionList(*[Option(_line(b), id=b.ref) for b in self.blocks], id="due-list")
            yield Static("", id="due-empty", classes="ok-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Mark reviewed (enter)", id="due-mark", variant="primary")
                yield Button("Close (esc)", id="due-close")

    def on_mount(self) -> None:
        self._empty()

    def _empty(self) -> None:
        empty = not self.blocks
        self.query_one("#due-empty", Static).update("No block is due for review." if empty else "")
        self.query_one("#due-list").display = not empty

    @on(Button.Pressed, "#due-mark")
    def action_mark(self) -> None:
        listing = self.query_one("#due-list", OptionList)
        if listing.highlighted is None or not self.blocks:
            return
        index = listing.highlighted
        block = self.blocks[index]
        try:
            file = self.mark(block.ref)
        except (LookupError, OSError) as exc:
            self.notify(visible(str(exc)), title="Not marked", severity="error", markup=False)
            return
        self.marked.append(block.ref)
        del self.blocks[index]
        listing.remove_option_at_index(index)
        self.notify(f"{block.ref}: reviewed today ({file})", markup=False)
        self._empty()

    @on(Button.Pressed, "#due-close")
    def action_close(self) -> None:
        self.dismiss(bool(self.marked))
