"""The draft screen for a `document` consultation: each paragraph's comment (action, proposed text with
its live diff, re-base after a new revision) above its rationale, which is edited like any answer.

The comment operations are the session's (`ops.comments`); this only shows them and turns the comment
box's messages and the keys below into calls.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ...ops.comments import ACTIONS, CommentRefused
from ...questionnaire import Target
from ...safetext import visible
from ..widgets.comment import NONE, ActionChosen, CommentBox, CommentView, ProposedEdited, ProposedEditor, mark
from ..widgets.questions import QuestionList
from .dialogs import ConfirmDialog
from .draft_moves import DraftMoves

CYCLE = ("comment", "amend", "delete", "insert-after")


class RebaseDialog(ModalScreen[str | None]):
    """Re-base an amendment on a changed paragraph: keep the wording (`keep`) or start again from the
    new text (`new`); None when cancelled."""

    BINDINGS = [
        Binding("escape", "choose(None)", "Cancel", id="rebase.cancel", tooltip="Close without re-basing."),
        Binding("k", "choose('keep')", "Keep", id="rebase.keep", tooltip="Pin the comment to the new text, keeping your wording."),
        Binding("s", "choose('new')", "Start again", id="rebase.new", tooltip="Pin the comment to the new text and start the amendment again from it."),
    ]

    def __init__(self, pid: str, text: str):
        super().__init__(classes="dialog")
        self.pid, self.text = pid, text

    def compose(self):
        with Vertical(classes="dialog-box wide"):
            yield Label(Text(f"Re-base the amendment of {self.pid}"), classes="dialog-title")
            yield Static(Text.assemble("The new revision reads:\n\n", (visible(self.text), "italic"),
                                       "\n\nKeep your wording (the diff then shows it against the new text), or start again from the new text?"),
                         classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep my wording (k)", id="keep", variant="primary", compact=True)
                yield Button("Start from the new text (s)", id="new", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in ("keep", "new") else None)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class DraftComments(DraftMoves):
    """Comments on a document's paragraphs, for the draft screen."""

    BINDINGS = [
        Binding("alt+c", "comment_action", "Action", id="draft.comment-action", priority=True, show=False,
                tooltip="A document's paragraph: the next action of its comment (comment only → amend → delete → insert after); "
                        "an amendment starts from the paragraph's text."),
        Binding("alt+r", "rebase", "Re-base", id="draft.rebase", priority=True, show=False,
                tooltip="A paragraph changed by a new revision of the document: pin its comment to the new text "
                        "(an amendment keeps your wording, or starts again from the new text)."),
    ]

    # ------------------------------------------------------------------ showing

    def comment_mark(self, target: Target) -> Text | None:
        """The question list's mark beside a commented paragraph (its action)."""
        if target.kind != "paragraph":
            return None
        return mark(self.session.comment_actions().get(target.id))

    def comment_view(self, pid: str) -> CommentView:
        comment = self.session.comment(pid)
        return CommentView(pid, self.session.paragraph(pid).text, comment.action if comment else None,
                           comment.text if comment else None, self.session.paragraph_change(pid))

    def show_comment(self, target: Target) -> None:
        """Show the comment box for a paragraph (hide it for anything else); called by `show_question`."""
        box = self.query_one(CommentBox)
        box.display = target.kind == "paragraph"
        if target.kind != "paragraph":
            return
        view = self.comment_view(target.id)
        box.show(view, getattr(self.app, "blink", True))
        c = self.session.consultation
        order = [p.id for p in c.paragraphs]
        title = Text.assemble(
            (visible(target.number or target.id, one_line=True), "bold"),
            f"  {visible(target.heading.title, one_line=True)}  ·  paragraph {order.index(target.id) + 1} of {len(order)}",
            f"  ·  {visible(c.revision, one_line=True)}" if c.revision else "",
        )
        self.query_one("#q-title").update(title)  # type: ignore[attr-defined]
        hint = self.query_one("#items-hint")
        if not self.items(target.id):
            hint.update(Text("No rationale yet.", style="dim italic"))  # type: ignore[attr-defined]
        questions = self.query_one(QuestionList)
        questions.refresh_question(target.id)

    def focus_comment(self) -> None:
        """Focus the shown paragraph's proposed text (an amendment, a new paragraph), else its action."""
        editor = self.query_one(ProposedEditor)
        (editor if editor.display else self.query_one("#c-action")).focus()

    # ------------------------------------------------------------------ what the box posts

    async def on_action_chosen(self, message: ActionChosen) -> None:
        if message.paragraph != self.qid:
            return
        if message.action == NONE:
            self._remove_comment(message.paragraph)
            return
        await self._set_action(message.paragraph, message.action)

    async def _set_action(self, pid: str, action: str) -> None:
        try:
            if not self.session.set_action(pid, action):
                return
        except CommentRefused as exc:
            self.notify(visible(str(exc), one_line=True), severity="warning", markup=False)
            return
        self.changed()
        await self.show_question(pid)
        if action in ("amend", "insert-after"):
            editor = self.query_one(ProposedEditor)
            self.call_after_refresh(editor.focus)
            self.call_after_refresh(editor.action_text_end)

    def _remove_comment(self, pid: str) -> None:
        comment = self.session.comment(pid)
        if comment is None:
            return

        async def answered(yes: bool | None) -> None:
            if yes:
                self.session.remove_comment(pid)
                self.changed()
                self.notify(f"Removed the comment on {visible(pid, one_line=True)} (ctrl+z brings it back).", markup=False)
            await self.show_question(pid)  # the action shown again as it is

        if comment.rationale or comment.text:
            what = "its proposed text and rationale" if comment.text and comment.rationale else "its rationale" if comment.rationale else "its proposed text"
            self.app.push_screen(ConfirmDialog("Remove the comment?", f"The comment on {pid} has {what}. Remove it all?", yes="Remove", no="Keep"), answered)
        else:
            self.call_later(answered, True)

    def on_proposed_edited(self, message: ProposedEdited) -> None:
        if message.paragraph != self.qid:
            return
        try:
            changed = self.session.set_proposed(message.paragraph, message.text)
        except CommentRefused:
            return
        self.query_one(CommentBox).show_diff(message.text)
        if changed:
            self.changed()

    # ------------------------------------------------------------------ keys

    def _paragraph(self) -> str | None:
        target = self.session.questionnaire.get(self.qid or "")
        if target is None or target.kind != "paragraph":
            self.notify("This key works on a paragraph of a document under review.", severity="warning")
            return None
        return target.id

    async def action_comment_action(self) -> None:
        pid = self._paragraph()
        if pid is None:
            return
        comment = self.session.comment(pid)
        action = CYCLE[(CYCLE.index(comment.action) + 1) % len(CYCLE)] if comment else "comment"
        assert action in ACTIONS
        await self._set_action(pid, action)

    def action_rebase(self) -> None:
        pid = self._paragraph()
        if pid is None:
            return
        change = self.session.paragraph_change(pid)
        if change is None:
            self.notify(f"The comment on {pid} is pinned to the paragraph as it is: nothing to re-base.", markup=False)
            return
        comment = self.session.comment(pid)
        if comment is not None and comment.action == "amend":

            async def answered(choice: str | None) -> None:
                if choice is not None:
                    await self._rebase(pid, take_paragraph=choice == "new")

            self.app.push_screen(RebaseDialog(pid, change.text), answered)
            return
        self.call_later(self._rebase, pid)

    async def _rebase(self, pid: str, take_paragraph: bool = False) -> None:
        pin = self.session.rebase_comment(pid, take_paragraph=take_paragraph)
        self.changed()
        await self.show_question(pid)
        self.notify(f"Re-based the comment on {pid} (pinned {pin}).", markup=False)
