"""Comments on a document's paragraphs (a `document` consultation's draft): start one, set its action
and proposed text, remove it, re-base it on a new revision of the paragraph.

A comment is `{paragraph, action, text, rationale, pinned}` (SPEC): `pinned` is `text_pin` of the
paragraph's text when the comment was made, so a revision that changes the paragraph is noticed
(`paragraph-changed`); re-basing pins it to the paragraph as it is now, keeping the proposed text.
The rationale is an item list like an answer's, at `("comments", j, "rationale")`: the session's item
operations (insert a block, own text, move, remove) work on it unchanged, and the first item added to
a paragraph with no comment yet starts one (`items_loc`).

Invariant: every change goes through `DraftEditor` as one undoable step (`history`); typing in the
proposed text joins one step per word or pause, as typing in a text item does. A paragraph has at most
one comment that drafter edits: the first one on it in the file (the one `questionnaire` reads).
Nothing here imports a UI: `DraftSession` is built on this and the draft screen shows what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from ..loaded import LoadedWorkspace
from ..model import Comment, CommentAction, Consultation, Paragraph
from ..pins import text_pin
from ..pins.store import store_text
from ..questionnaire import Loc
from .history import Step, Undoable

ACTIONS: tuple[str, ...] = get_args(CommentAction)
"""`comment`, `amend`, `delete`, `insert-after` (the model's order)."""
WITH_TEXT = ("amend", "insert-after")
"""Actions whose comment proposes a text."""


class CommentRefused(Exception):
    """A comment edit that does not apply (not a paragraph, no comment yet, an unknown action); the
    message is for the user."""


@dataclass(frozen=True)
class ParagraphChange:
    """A comment pinned to an earlier text of its paragraph."""

    paragraph: str
    pinned: str
    current: str
    text: str
    """The paragraph's text now."""


class Commenting(Undoable):
    """The comment operations of `DraftSession` (which this is the base of), undoable like its others."""

    lw: LoadedWorkspace

    # implemented by the session
    @property
    def consultation(self) -> Consultation:
        raise NotImplementedError

    def _changed(self) -> None:
        raise NotImplementedError

    def _pin(self, text: str) -> str:
        """Keep a copy of a paragraph's text in the pin store (so a later revision's change can be
        diffed) and return its pin."""
        return store_text(self.lw.ws.state_dir, text)

    # ------------------------------------------------------------------ reading

    def paragraph(self, pid: str) -> Paragraph:
        """The consultation's paragraph `pid`; CommentRefused when there is none (not a document)."""
        for p in self.consultation.paragraphs:
            if p.id == pid:
                return p
        raise CommentRefused(f"'{pid}' is not a paragraph of the document")

    def comment_index(self, pid: str) -> int | None:
        """Where the comment on `pid` is in the draft's `comments` (None: no comment yet)."""
        self.paragraph(pid)
        model = self.editor.model()
        if model is None:
            return None
        return next((j for j, c in enumerate(model.comments) if c.paragraph == pid), None)

    def comment(self, pid: str) -> Comment | None:
        """The comment on paragraph `pid` as it is now (unsaved edits included), or None."""
        j = self.comment_index(pid)
        model = self.editor.model()
        return model.comments[j] if j is not None and model is not None else None

    def comment_actions(self) -> dict[str, str]:
        """Paragraph id → the action of its comment, for every commented paragraph."""
        model = self.editor.model()
        out: dict[str, str] = {}
        for c in model.comments if model else []:
            out.setdefault(c.paragraph, c.action)
        return out

    def paragraph_change(self, pid: str) -> ParagraphChange | None:
        """The change when the comment on `pid` was pinned to another text of the paragraph (a new
        revision): what `paragraph-changed` reports, and what `rebase_comment` takes."""
        comment = self.comment(pid)
        if comment is None or comment.pinned is None:
            return None
        text = self.paragraph(pid).text
        current = text_pin(text)
        return ParagraphChange(pid, comment.pinned, current, text) if current != comment.pinned else None

    def items_loc(self, tid: str) -> Loc:
        """Where the items of target `tid` go; for a paragraph with no comment yet, a comment (action
        `comment`) is started first, so its rationale can take them. The caller records the step."""
        target = self.target(tid)
        if target.kind != "paragraph" or target.loc != ("comments",):
            return target.loc
        j = self.comment_index(tid)
        if j is None:
            j = self._add_comment(tid, "comment")
        return ("comments", j, "rationale")

    # ------------------------------------------------------------------ edits

    def _required(self, pid: str) -> int:
        j = self.comment_index(pid)
        if j is None:
            raise CommentRefused(f"paragraph {pid} has no comment yet")
        return j

    def _add_comment(self, pid: str, action: str, text: str | None = None) -> int:
        """Insert the comment on `pid` where the document's order puts it among the others."""
        order = {p.id: n for n, p in enumerate(self.consultation.paragraphs)}
        model = self.editor.model()
        at = None
        for j, c in enumerate(model.comments if model else []):
            if order.get(c.paragraph, len(order)) > order[pid]:
                at = j
                break
        fields: dict[str, object] = {"paragraph": pid, "action": action}
        if text is not None:
            fields["text"] = text
        fields["rationale"] = []
        fields["pinned"] = self._pin(self.paragraph(pid).text)
        return self.editor.add_comment(fields, index=at)

    def start_comment(self, pid: str, action: str = "comment") -> int:
        """Start a comment on paragraph `pid`, pinned to its text (an amendment starts from the
        paragraph's text); returns its index in `comments`. The existing one when it has one."""
        if action not in ACTIONS:
            raise CommentRefused(f"'{action}' is not an action (one of {', '.join(ACTIONS)})")
        j = self.comment_index(pid)
        if j is not None:
            self.set_action(pid, action)
            return j
        before = self._snapshot()
        j = self._add_comment(pid, action, self.paragraph(pid).text if action == "amend" else "" if action == "insert-after" else None)
        self._record(before, f"a comment on {pid}", pid)
        self._changed()
        return j

    def set_action(self, pid: str, action: str) -> bool:
        """Make the comment on `pid` an `amend`, `delete`, `insert-after` or `comment` (starting it if
        needed). An amendment with no text yet starts from the paragraph's; a `delete` or `comment`
        drops the proposed text (ctrl+z brings it back). False when it already is that."""
        if action not in ACTIONS:
            raise CommentRefused(f"'{action}' is not an action (one of {', '.join(ACTIONS)})")
        j = self.comment_index(pid)
        if j is None:
            self.start_comment(pid, action)
            return True
        comment = self.comment(pid)
        assert comment is not None
        if comment.action == action:
            return False
        before = self._snapshot()
        self.editor.set_comment_key(j, "action", action, after="paragraph")
        if action in WITH_TEXT:
            if not comment.text:
                self.editor.set_comment_key(j, "text", self.paragraph(pid).text if action == "amend" else "", after="action")
        else:
            self.editor.delete_comment_key(j, "text")
        self._record(before, f"the action on {pid} ({action})", pid)
        self._changed()
        return True

    def set_proposed(self, pid: str, text: str) -> bool:
        """Set the proposed text of the comment on `pid` (typed: keystrokes join one undo step until a
        pause or a word's end); False when it already holds exactly that."""
        j = self._required(pid)
        comment = self.comment(pid)
        assert comment is not None
        old = comment.text or ""
        if comment.text == text:
            return False
        key = ("proposed", pid)
        before = None if self.history.joins(key, old, text, kind="snapshot") else self._snapshot()
        self.editor.set_comment_key(j, "text", text, after="action")
        if before is not None:
            self.history.push(Step("snapshot", f"typing the proposed text of {pid}", pid, before, key=key))
        self._changed()
        return True

    def remove_comment(self, pid: str) -> None:
        """Remove the comment on `pid`, rationale and all (ctrl+z brings it back)."""
        j = self._required(pid)
        before = self._snapshot()
        self.editor.remove(("comments",), j)
        self._record(before, f"remove the comment on {pid}", pid)
        self._changed()

    def rebase_comment(self, pid: str, *, take_paragraph: bool = False) -> str:
        """Pin the comment on `pid` to the paragraph's text as it is now, keeping the proposed text
        (with `take_paragraph`, an amendment starts again from the new text); returns the new pin."""
        j = self._required(pid)
        comment = self.comment(pid)
        assert comment is not None
        text = self.paragraph(pid).text
        pin = text_pin(text)
        if comment.pinned == pin and not take_paragraph:
            return pin
        self._pin(text)
        before = self._snapshot()
        self.editor.set_comment_key(j, "pinned", pin)
        if take_paragraph and comment.action == "amend":
            self.editor.set_comment_key(j, "text", text, after="action")
        self._record(before, f"re-base the comment on {pid}", pid)
        self._changed()
        return pin
