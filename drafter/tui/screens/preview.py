"""Read-only Markdown preview of one answer or of the whole submission."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, MarkdownViewer


class PreviewScreen(ModalScreen[None]):
    """A title and a scrollable Markdown document."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="preview.close", tooltip="Back to the draft."),
    ]

    def __init__(self, title: str, markdown: str):
        super().__init__(classes="dialog")
        self.title_text = title
        self.markdown = markdown

    def compose(self):
        with Vertical(classes="dialog-box wide tall"):
            yield Label(self.title_text, classes="dialog-title")
            yield MarkdownViewer(self.markdown, show_table_of_contents=False, open_links=False, id="preview-doc")

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).focus()

    def action_close(self) -> None:
        self.dismiss(None)
