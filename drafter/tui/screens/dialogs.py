"""Small typed dialogs: yes/no, the save conflict, and the diff of a changed block."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ...ops.changes import BlockDiff
from ...safetext import visible

ConflictChoice = Literal["reload", "keep", "later"]


class ConfirmDialog(ModalScreen[bool]):
    """A question with two answers; dismisses with True for `yes`."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel", id="dialog.cancel", tooltip="Close without doing it."),
        Binding("y", "answer(True)", "Yes", id="dialog.yes", tooltip="Answer yes."),
        Binding("n", "answer(False)", "No", id="dialog.no", tooltip="Answer no."),
    ]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "No"):
        super().__init__(classes="dialog")
        self.title_text, self.message, self.yes, self.no = title, message, yes, no

    def compose(self):
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(Text(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ConflictDialog(ModalScreen[ConflictChoice]):
    """The draft changed on disk since it was opened: reload it, keep mine, or decide later."""

    BINDINGS = [
        Binding("r", "choose('reload')", "Reload", id="conflict.reload", tooltip="Take the file as it is on disk; your version is kept in .drafter/recovery."),
        Binding("k", "choose('keep')", "Keep mine", id="conflict.keep", tooltip="Overwrite the file on disk with your version."),
        Binding("escape,l", "choose('later')", "Later", id="conflict.later", tooltip="Decide later; autosave writes to the recovery file meanwhile."),
    ]

    def __init__(self, file: str, differences: list[str] | None = None):
        super().__init__(classes="dialog")
        self.file = file
        self.differences = differences or []

    def compose(self):
        with Vertical(classes="dialog-box wide"):
            yield Label("The draft changed on disk", classes="dialog-title")
            yield Static(
                Text(
                    f"{self.file} was changed by another program (a git pull, an editor, drafter in "
                    "another window) since drafter opened it. Nothing was overwritten. Until you choose, "
                    "your edits are autosaved to .drafter/recovery/ instead. What “keep mine” would "
                    "change in the file on disk (- theirs, + yours):"
                ),
                classes="dialog-message",
            )
            with VerticalScroll(classes="diff"):
                yield Static(self._diff_text(), id="conflict-diff")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload from disk (r)", id="reload")
                yield Button("Keep mine (k)", id="keep", variant="warning")
                yield Button("Later (l)", id="later")

    def _diff_text(self) -> Text:
        out = Text()
        for line in self.differences[2:] if len(self.differences) > 2 else self.differences:
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else "dim"
            out.append(visible(line) + "\n", style=style)
        return out or Text("No difference in the text.", style="dim")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: ConflictChoice) -> None:
        self.dismiss(choice)


class DiffDialog(ModalScreen[bool]):
    """A block changed since it was pinned: the diff of pinned vs current text; accept re-pins it."""

    BINDINGS = [
        Binding("a", "answer(True)", "Accept", id="diff.accept", tooltip="Take the library's new version and re-pin it."),
        Binding("escape", "answer(False)", "Cancel", id="diff.cancel", tooltip="Keep the pinned version for now."),
    ]

    def __init__(self, diff: BlockDiff):
        super().__init__(classes="dialog")
        self.diff = diff

    def compose(self):
        use = self.diff.use
        with Vertical(classes="dialog-box wide"):
            title = f"Block '{visible(use.ref, one_line=True)}' changed since it was pinned ({use.pinned or 'no pin'} → {use.current})"
            yield Label(Text(title), classes="dialog-title")
            with VerticalScroll(classes="diff"):
                yield Static(self._diff_text())
            with Horizontal(classes="dialog-buttons"):
                yield Button("Accept the new version (a)", id="accept", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def _diff_text(self) -> Text:
        if self.diff.pinned is None:
            why = f" ({self.diff.origin})" if self.diff.origin else ""
            note = Text(f"The pinned copy is unavailable{why}, so no diff can be shown. This is the library's current text:\n\n", style="italic yellow")
            return note + Text(visible(self.diff.current))
        out = Text()
        for line in self.diff.lines():
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else ""
            out.append(visible(line) + "\n", style=style)
        return out or Text("No difference in the text (only sources changed).", style="dim")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "accept")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
