"""The help screen: every key of the screen below and of the app, with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from ..commands import described_bindings


def bindings_of(screen: Screen) -> list[Binding]:
    """The described bindings of a screen and of the app, screen first, each action once."""
    return [b for _, b in described_bindings(screen)]


class HelpScreen(ModalScreen[None]):
    """Keys of the screen it was opened on; esc closes."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help.close", tooltip="Close the help.")]

    def __init__(self, below: Screen, intro: str = ""):
        super().__init__(classes="dialog")
        self.below = below
        self.intro = intro or getattr(below, "HELP", "")  # a screen may explain its marks

    def compose(self):
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Key", no_wrap=True, style="bold cyan")
        table.add_column("Action", no_wrap=True)
        table.add_column("What it does", ratio=1)
        for b in bindings_of(self.below):
            keys = " / ".join(self.app.get_key_display(Binding(k.strip(), b.action)) for k in b.key.split(","))
            table.add_row(keys, b.description, b.tooltip)
        with Vertical(classes="dialog-box wide tall"):
            yield Label("drafter — keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):  # the marks and the keys scroll as one: at 80×24 the keys get the room
                if self.intro:
                    yield Static(self.intro, classes="dialog-message")
                yield Static(table)
            yield Static(Text("Every action is also in the command palette (ctrl+p). The mouse works too. ↑/↓ and page up/down scroll.", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()  # ↑/↓, page up/down scroll at once

    def action_close(self) -> None:
        self.dismiss(None)
