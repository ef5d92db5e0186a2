"""The comment on a document's paragraph, in the answer pane above its rationale: the action, the
proposed text with a live word-level diff against the paragraph, and the offer to re-base the comment
when a new revision changed the paragraph.

The diff is `worddiff.word_diff` (the one the renderers use), drawn with `rich.text.Text` styles:
deleted words struck through in red, inserted words underlined in green. The widget posts what the
user does (`ActionChosen`, `ProposedEdited`); the draft screen asks the session to do it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Select, Static, TextArea

from ...ops.comments import ParagraphChange
from ...safetext import visible
from ...worddiff import word_diff

NONE = "none"
"""The action select's value for "no comment" (choosing it removes the comment)."""
ACTION_LABELS = (
    ("No comment", NONE),
    ("Comment only (rationale)", "comment"),
    ("Amend: propose new wording", "amend"),
    ("Delete the paragraph", "delete"),
    ("Insert a new paragraph after it", "insert-after"),
)
MARKS = {"amend": ("✎", "bold cyan"), "delete": ("✗", "bold magenta"), "insert-after": ("+", "bold green"), "comment": ("»", "cyan")}
"""The question list's mark beside a commented paragraph, by action."""
DELETED = "strike red"
INSERTED = "underline green"


@dataclass(frozen=True)
class CommentView:
    """What the box shows of one paragraph's comment (taken from the session by the screen)."""

    paragraph: str
    paragraph_text: str
    action: str | None  # None: no comment yet
    text: str | None
    change: ParagraphChange | None = None


@dataclass
class ActionChosen(Message):
    """The user picked an action for the comment on `paragraph` (`none`: remove the comment)."""

    paragraph: str
    action: str


@dataclass
class ProposedEdited(Message):
    """The user changed the proposed text of the comment on `paragraph`."""

    paragraph: str
    text: str


def mark(action: str | None) -> Text | None:
    """The question list's mark for a paragraph whose comment has `action` (None: no comment)."""
    if action is None:
        return None
    glyph, style = MARKS.get(action, ("»", "cyan"))
    return Text(glyph, style=style)


def diff_text(paragraph: str, proposed: str | None, action: str | None) -> Text:
    """The proposed change as the reader will see it: for an amendment, the paragraph with deleted
    words struck through (red) and inserted ones underlined (green); a deletion strikes the whole
    paragraph; an inserted paragraph is all new. Empty for a comment only."""
    if action == "amend":
        out = Text()
        last = None
        for piece in word_diff(paragraph, proposed or ""):
            if last is not None and last.op == "delete" and piece.op == "insert" and not (last.text[-1:].isspace() or piece.text[:1].isspace()):
                out.append(" ")  # (shown only) so the struck and the new words do not read as one
            style = {"delete": DELETED, "insert": INSERTED}.get(piece.op, "")
            out.append(visible(piece.text), style=style)
            last = piece
        return out
    if action == "delete":
        return Text(visible(paragraph), style=DELETED)
    if action == "insert-after":
        return Text(visible(proposed or ""), style=INSERTED)
    return Text("")


def diff_summary(paragraph: str, proposed: str | None, action: str | None) -> Text:
    """One line over the diff: what the change does, counted in words."""
    if action == "amend":
        pieces = word_diff(paragraph, proposed or "")
        gone = sum(len(p.text.split()) for p in pieces if p.op == "delete")
        new = sum(len(p.text.split()) for p in pieces if p.op == "insert")
        if not gone and not new:
            return Text("No change yet: edit the wording above.", style="dim italic")
        return Text.assemble(("Change: ", "bold"), (f"−{gone} word{'s' * (gone != 1)}", "red"), " ", (f"+{new} word{'s' * (new != 1)}", "green"))
    if action == "delete":
        return Text("Proposed: delete the paragraph.", style="bold")
    if action == "insert-after":
        return Text("Proposed: a new paragraph after it.", style="bold")
    return Text("")


class ActionSelect(Select[str]):
    """The comment's action; a value set by the screen is not posted back as the user's choice."""

    def __init__(self, **kwargs):
        super().__init__([(label, value) for label, value in ACTION_LABELS], value=NONE, allow_blank=False, compact=True, **kwargs)
        self.paragraph = ""
        self.shown_value = NONE

    def show(self, paragraph: str, action: str | None) -> None:
        self.paragraph, self.shown_value = paragraph, action or NONE
        if self.value != self.shown_value:
            self.value = self.shown_value

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.shown_value:
            self.shown_value = event.value
            self.post_message(ActionChosen(self.paragraph, event.value))


class ProposedEditor(TextArea):
    """The proposed text (an amendment's wording, or the new paragraph); every change is posted."""

    BINDINGS = [
        Binding("ctrl+end", "text_end", "End of text", show=False),
        Binding("ctrl+home", "text_start", "Start of text", show=False),
    ]

    def __init__(self, **kwargs):
        super().__init__("", soft_wrap=True, show_line_numbers=False, **kwargs)
        self.paragraph = ""
        self.shown_text = ""

    def show(self, paragraph: str, text: str) -> None:
        self.paragraph = paragraph
        if text != self.text:
            self.shown_text = text
            self.load_text(text)
        self.shown_text = text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.text != self.shown_text:
            self.shown_text = self.text
            self.post_message(ProposedEdited(self.paragraph, self.text))

    def action_text_end(self) -> None:
        self.move_cursor(self.document.end)

    def action_text_start(self) -> None:
        self.move_cursor((0, 0))


class CommentBox(Vertical):
    """The comment on the shown paragraph (hidden for any other kind of target)."""

    def compose(self):
        yield Static(id="c-changed")
        with Horizontal(id="c-action-row"):
            yield Label("Action", id="c-action-label")
            yield ActionSelect(id="c-action")
        yield Label("Proposed text", id="c-proposed-label")
        yield ProposedEditor(id="c-proposed")
        yield Static(id="c-diff-summary")
        yield Static(id="c-diff")
        yield Static(id="c-rationale-title")

    def show(self, view: CommentView, blink: bool = True) -> None:
        """Show `view` (a new paragraph, or the same one after an edit that is not typing)."""
        self.view = view
        self.query_one(ActionSelect).show(view.paragraph, view.action)
        with_text = view.action in ("amend", "insert-after")
        proposed = self.query_one(ProposedEditor)
        proposed.cursor_blink = blink
        proposed.show(view.paragraph, view.text or "")
        label = "Proposed wording of the paragraph" if view.action == "amend" else "The new paragraph"
        self.query_one("#c-proposed-label", Label).update(label)
        for widget in (proposed, self.query_one("#c-proposed-label")):
            widget.display = with_text
        changed = self.query_one("#c-changed", Static)
        if view.change is not None:
            changed.update(Text.assemble(
                ("▲ This paragraph changed since you commented ", "bold yellow"),
                (f"(pinned {view.change.pinned}, now {view.change.current}). ", "yellow"),
                ("alt+r re-base", "bold"), " the comment on the new text.",
            ))
        changed.display = view.change is not None
        title = self.query_one("#c-rationale-title", Static)
        title.update(Text.assemble(("Rationale", "bold"), ("  why: ctrl+b a library block · ctrl+n your own words · alt+c action", "dim")))
        self.show_diff(view.text)

    def show_diff(self, proposed: str | None) -> None:
        """Redraw the diff of `proposed` against the paragraph (as the user types)."""
        view = self.view
        summary = diff_summary(view.paragraph_text, proposed, view.action)
        diff = diff_text(view.paragraph_text, proposed, view.action)
        self.query_one("#c-diff-summary", Static).update(summary)
        self.query_one("#c-diff", Static).update(diff)
        self.query_one("#c-diff-summary").display = bool(summary.plain)
        self.query_one("#c-diff").display = bool(diff.plain)
