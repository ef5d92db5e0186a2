"""Dialogs that fix a finding: replace a block item by another library block; move or remove an
answer to a question the consultation does not have; correct or accept a misspelt word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ...library import LibraryIndex, LoadedLibrary
from ...model import Block
from ...safetext import visible
from ...search import search_blocks

SHOWN = 200  # blocks listed at most (the search narrows them)


class ReplaceBlockDialog(ModalScreen[tuple[LoadedLibrary, Block] | None]):
    """Search the library (prefilled with the block most likely meant) and pick the block that
    takes the item's place; enter picks the highlighted one."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="replace.cancel", tooltip="Keep the block item as it is."),
        Binding("down", "cursor(1)", "Next", id="replace.next", tooltip="Highlight the next block.", show=False),
        Binding("up", "cursor(-1)", "Previous", id="replace.previous", tooltip="Highlight the previous block.", show=False),
    ]

    def __init__(self, index: LibraryIndex, ref: str, query: str = "", prefer: list[str] | None = None):
        super().__init__(classes="dialog")
        self.index = index
        self.ref = ref
        self.query_text = query
        self.prefer = list(prefer or [])
        self.results: list[tuple[LoadedLibrary, Block]] = []

    def compose(self):
        blink = getattr(self.app, "blink", True)
        with Vertical(classes="dialog-box wide", id="replace-box"):
            yield Label(Text(f"Replace block '{visible(self.ref, one_line=True)}'"), classes="dialog-title")
            yield Static("Type to search the library; enter puts the highlighted block in the item's place (pinned).", classes="dim")
            search = Input(self.query_text, placeholder="Search the library…", id="replace-search")
            search.cursor_blink = blink
            yield search
            yield OptionList(id="replace-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Replace (enter)", id="replace", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.refresh_results()
        self.set_focus(self.query_one("#replace-search", Input))  # at once: typing may already be queued

    @on(Input.Changed, "#replace-search")
    def _changed(self) -> None:
        self.refresh_results()

    def refresh_results(self) -> None:
        query = self.query_one("#replace-search", Input).value
        self.results = search_blocks(self.index, query, prefer=self.prefer)[:SHOWN]
        listing = self.query_one("#replace-list", OptionList)
        listing.clear_options()
        several = len(self.index.libraries) > 1
        preferred = set(self.prefer)
        options = []
        for lib, block in self.results:
            star = ("★ ", "yellow") if preferred & set(block.themes) else "  "
            source = f"{lib.namespace}/" if several else ""
            options.append(Option(Text.assemble(star, visible(block.title, one_line=True), (f"  {source}{visible(block.id, one_line=True)}", "dim"))))
        if not options:
            options.append(Option(Text("No block matches.", style="dim"), disabled=True))
        listing.add_options(options)
        if self.results:
            listing.highlighted = 0

    def selected(self) -> tuple[LoadedLibrary, Block] | None:
        i = self.query_one("#replace-list", OptionList).highlighted
        return self.results[i] if i is not None and 0 <= i < len(self.results) else None

    def action_cursor(self, delta: int) -> None:
        listing = self.query_one("#replace-list", OptionList)
        if listing.has_focus:
            return
        (listing.action_cursor_down if delta > 0 else listing.action_cursor_up)()

    @on(Input.Submitted, "#replace-search")
    @on(OptionList.OptionSelected, "#replace-list")
    @on(Button.Pressed, "#replace")
    def _pick(self, event) -> None:
        event.stop()
        chosen = self.selected()
        if chosen is None:
            self.notify("No block is highlighted: change the search.", severity="warning")
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class AnswerChoice:
    """What the user chose for an answer outside the consultation."""

    action: Literal["move", "remove"]
    to: str | None = None


class UnknownAnswerDialog(ModalScreen[AnswerChoice | None]):
    """An answer to an id the consultation lacks: its items, and moving it to a question or removing it."""

    BINDINGS = [
        Binding("ctrl+s", "move", "Move", id="unknown.move", tooltip="Make these items the answer to the chosen question.", priority=True),
        Binding("ctrl+r", "remove", "Remove", id="unknown.remove", tooltip="Delete this answer from the draft.", priority=True),
        Binding("escape", "cancel", "Cancel", id="unknown.cancel", tooltip="Leave the answer as it is."),
    ]

    def __init__(self, tid: str, items: list[Text], questions: list[tuple[str, str]], suggestion: str | None = None):
        super().__init__(classes="dialog")
        self.tid = tid
        self.items = items
        self.questions = questions
        self.suggestion = suggestion

    def compose(self):
        with Vertical(classes="dialog-box wide", id="unknown-box"):
            yield Label(Text(f"Answer '{visible(self.tid, one_line=True)}' — not a question of this consultation"), classes="dialog-title")
            yield Static(
                "The draft answers an id the consultation does not have, so this answer is not in the submission. "
                "Move its items to the question they answer (after its own items, if it has an answer), or remove it.",
                classes="dialog-message",
            )
            with VerticalScroll(id="unknown-items"):
                yield Static(Text("\n").join(self.items) if self.items else Text("(no items)", style="dim"))
            with Vertical(classes="form-field"), Horizontal(classes="form-row"):
                yield Label("Move it to", classes="form-label")
                ids = {qid for _, qid in self.questions}
                value = self.suggestion if self.suggestion in ids else Select.NULL
                yield Select(self.questions, value=value, prompt="Choose a question…", id="move-to", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Move (ctrl+s)", id="move", variant="primary", compact=True)
                yield Button("Remove the answer (ctrl+r)", id="remove", variant="error", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#move-to", Select))

    @on(Button.Pressed, "#move")
    def action_move(self) -> None:
        to = self.query_one("#move-to", Select).value
        if not isinstance(to, str):
            self.notify("Choose the question to move the answer to.", severity="warning")
            self.query_one("#move-to", Select).focus()
            return
        self.dismiss(AnswerChoice("move", to))

    @on(Button.Pressed, "#remove")
    def action_remove(self) -> None:
        self.dismiss(AnswerChoice("remove"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class SpellChoice:
    """What the user chose for a misspelt word: a correction, or to accept the word as it is."""

    action: Literal["correct", "accept"]
    replacement: str | None = None


class SpellingDialog(ModalScreen[SpellChoice | None]):
    """A misspelt word of the user's text: the dictionary's corrections (looked up in a worker: a
    lookup takes 50–300 ms), and adding the word to the workspace's words; enter takes the
    highlighted line."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="spelling.cancel", tooltip="Leave the word as it is.")]

    def __init__(self, word: str, language: str, lookup: Callable[[], list[str]]):
        super().__init__(classes="dialog")
        self.word = word
        self.language = language
        self.lookup = lookup
        self.choices: list[SpellChoice] = []

    def compose(self):
        with Vertical(classes="dialog-box", id="spelling-box"):
            yield Label(Text(f"'{visible(self.word, one_line=True)}' is not in the {self.language} dictionary"), classes="dialog-title")
            yield Static("Enter takes the highlighted line: a correction replaces the word in this text item (ctrl+z takes it back).", classes="dim")
            yield OptionList(id="spelling-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._fill(None)
        self.set_focus(self.query_one("#spelling-list", OptionList))
        self._look_up()

    @work(thread=True, exclusive=True, description="look up corrections")
    def _look_up(self) -> None:
        found = self.lookup()
        self.app.call_from_thread(self._fill, found)

    def _fill(self, found: list[str] | None) -> None:
        """List the corrections (None: still looking them up), then accepting the word."""
        listing = self.query_one("#spelling-list", OptionList)
        listing.clear_options()
        self.choices = [SpellChoice("correct", w) for w in found or []]
        options: list[Option] = [Option(Text.assemble("Correct to ", (visible(c.replacement or "", one_line=True), "bold"))) for c in self.choices]
        if found is None:
            options.append(Option(Text("Looking up corrections…", style="dim"), disabled=True))
        elif not found:
            options.append(Option(Text("The dictionary has no correction for it.", style="dim"), disabled=True))
        self.choices.append(SpellChoice("accept"))
        options.append(Option(Text(f"Add '{visible(self.word, one_line=True)}' to the workspace's words (drafter.yaml)")))
        listing.add_options(options)
        listing.highlighted = 0 if found else None  # (enter does nothing until the corrections are in)

    @on(OptionList.OptionSelected, "#spelling-list")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        enabled = [i for i, option in enumerate(event.option_list.options) if not option.disabled]
        if event.option_index in enabled:
            self.dismiss(self.choices[enabled.index(event.option_index)])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
