"""The draft screen's moves: undo and redo, the next and previous question, jump mode and the panel
keys, and the answer's text in the user's own editor.

Undo is one history for the whole draft, kept by the session (`ops.history`): ctrl+z takes back the
last change wherever the focus is — typing (a word or a pause at a time) as well as inserting,
removing, moving, body/short, a choice, the profile — and shows where it was. A text item's own undo
is not used, so the two never disagree about what comes back.
"""

from __future__ import annotations

import inspect
import subprocess
from collections.abc import Callable

from textual.binding import Binding
from textual.widget import Widget

from ...ops.history import Step
from ...ops.outside import edit_answer_outside
from ...safetext import visible
from ..jump import JumpOverlay, JumpTarget
from ..widgets.answer import AnswerPane, TextItemEditor
from ..widgets.questions import QuestionList
from .draft_actions import DraftActions

MOVE_BINDINGS = [
    Binding("ctrl+z", "undo", "Undo", id="draft.undo", priority=True, show=False,
            tooltip="Undo the last change to the draft, wherever the focus is: typing (a word or a pause at a time), "
                    "inserting, removing, moving, body/short, a choice, the profile. Goes to where the change was."),
    Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", id="draft.redo", priority=True, show=False,
            tooltip="Redo what ctrl+z undid."),
    Binding("ctrl+down,ctrl+pagedown", "next_question(1)", "Next question", id="draft.next-question", priority=True, show=False,
            tooltip="Go to the next question, from anywhere (in a text item too); ctrl+pagedown does the same."),
    Binding("ctrl+up,ctrl+pageup", "next_question(-1)", "Previous question", id="draft.previous-question", priority=True, show=False,
            tooltip="Go to the previous question, from anywhere; ctrl+pageup does the same."),
    Binding("ctrl+j", "jump", "Jump", id="draft.jump", priority=True, show=False,
            tooltip="Jump mode: every panel shows a letter (the answer's items a digit); press it to go there, esc cancels."),
    # alt+letter, not alt+digit: Textual reads alt+1, alt+2… as the characters macOS types for them (¡, ™).
    Binding("alt+q", "panel('questions')", "Questions", id="draft.panel-questions", priority=True, show=False,
            tooltip="Go to the questions."),
    Binding("alt+a", "panel('answer')", "Answer", id="draft.panel-answer", priority=True, show=False,
            tooltip="Go to the answer's current item."),
    Binding("alt+l", "panel('library')", "Library list", id="draft.panel-library", priority=True, show=False,
            tooltip="Go to the library's list of blocks (shows the library if it is hidden)."),
    Binding("ctrl+e", "edit_outside", "Edit in $EDITOR", id="draft.editor", priority=True, show=False,
            tooltip="Edit the current text item (else the answer's first, else a new one) in $VISUAL or $EDITOR; "
                    "the text comes back checked, as one step ctrl+z can undo. (End of a line: the End key.)"),
    # Not listed (no description): when ctrl+t or f6 does not apply to the current item, say why.
    Binding("ctrl+t", "explain('toggle_variant')", id="draft.variant-why", show=False,
            tooltip="Say why body/short does not apply to the current item."),
    Binding("f6", "explain('diff')", id="draft.diff-why", show=False,
            tooltip="Say why there is no diff for the current item."),
]

ITEM_KEYS = "123456789abcdehikmnoruvwxyz"  # jump keys of the answer's items (q s t l p g f are panels)


class DraftMoves(DraftActions):
    """Undo/redo, question to question, jump mode, panel keys and $EDITOR for the draft screen."""

    # ------------------------------------------------------------------ undo and redo

    async def action_undo(self) -> None:
        await self._replay(undo=True)

    async def action_redo(self) -> None:
        await self._replay(undo=False)

    async def _replay(self, *, undo: bool) -> None:
        verb = "undo" if undo else "redo"
        try:
            step = self.session.undo() if undo else self.session.redo()
        except Exception as exc:  # a kept state that no longer applies: the history is dropped
            self.notify(visible(f"Cannot {verb}: {exc}", one_line=True), severity="error", markup=False)
            await self.reload_all()
            return
        if step is None:
            self.notify(f"Nothing to {verb}.")
            return
        self.changed()
        await self._show_step(step, undo)
        done = "Undone" if undo else "Redone"
        self.notify(visible(f"{done}: {step.label}.", one_line=True), timeout=3, markup=False)

    async def _show_step(self, step: Step, undo: bool) -> None:
        """Show where `step` changed the draft: its question, its item, the cursor at the change."""
        if step.qid is None or step.qid not in self.session.questionnaire.by_id:
            await self.reload_all()
            return
        focus = step.focus_undo if undo else step.focus_redo
        count = len(self.items(step.qid))
        focus = min(focus, count - 1) if focus is not None and count else None
        if step.qid != self.qid:
            self.query_one(QuestionList).select_question(step.qid)
        await self.show_question(step.qid, focus=focus)
        if step.kind == "text" and step.index is not None:
            new, old = (step.before, step.after) if undo else (step.after, step.before)
            self._cursor_at_change(step.index, new or "", old or "")

    def _cursor_at_change(self, index: int, new: str, old: str) -> None:
        """Put text item `index`'s cursor just after the part of `new` that differs from `old`."""
        for widget in self.query_one(AnswerPane).item_widgets():
            if isinstance(widget, TextItemEditor) and widget.index == index:
                new, old = widget.shown(new), widget.shown(old)  # the file's texts, as the editor shows them
                prefix = 0
                while prefix < min(len(new), len(old)) and new[prefix] == old[prefix]:
                    prefix += 1
                suffix = 0
                while suffix < min(len(new), len(old)) - prefix and new[-1 - suffix] == old[-1 - suffix]:
                    suffix += 1
                at = len(new) - suffix
                row = new.count("\n", 0, at)
                widget.move_cursor((row, at - (new.rfind("\n", 0, at) + 1)))
                return

    def text_is_current(self, index: int, text: str) -> bool:
        """Whether an edit posted by text item `index` still is what that item holds: an edit from an
        item rebuilt since (by undo, say) must not bring back what was undone."""
        for widget in self.query_one(AnswerPane).item_widgets():
            if isinstance(widget, TextItemEditor) and widget.index == index:
                return widget.file_text == text
        return False

    # ------------------------------------------------------------------ question to question

    async def action_next_question(self, delta: int) -> None:
        order = [t.id for t in self.session.questionnaire.targets]
        if not order:
            return
        at = order.index(self.qid) + delta if self.qid in order else 0
        if not 0 <= at < len(order):
            self.notify("This is the last question." if delta > 0 else "This is the first question.")
            return
        in_answer = self._answer_has_focus()
        qid = order[at]
        self.query_one(QuestionList).select_question(qid)
        await self.show_question(qid, focus=0 if in_answer and self.items(qid) else None)
        if in_answer and not self.items(qid):
            self.focus_answer()  # nothing to edit there: the questions keep the focus

    # ------------------------------------------------------------------ panels and jump mode

    def _go(self, widget: Widget, reveal: Callable[[], None] | None = None) -> None:
        """Show `widget`'s panel if the layout hides it, then focus it (once the layout shows it, and
        after the screen, resumed, has put back the focus it had)."""
        def go() -> None:
            if reveal is not None:
                reveal()
            self.call_after_refresh(widget.focus)

        self.call_after_refresh(go)

    def jump_targets(self) -> list[JumpTarget]:
        """Every panel of the screen with its key (the answer's items by number)."""
        targets = [JumpTarget("q", "questions", self.query_one("#questions"), self.show_questions)]
        items = self.query_one(AnswerPane).item_widgets()
        for key, widget in zip(ITEM_KEYS, items):
            targets.append(JumpTarget(key, f"item {getattr(widget, 'index', 0) + 1}", widget, lambda: None))
        for box in self.query("#q-guidance-box"):  # its title (folds and unfolds the guidance)
            title = next((w for w in box.walk_children(Widget) if w.can_focus), None)
            if box.display and title is not None:
                targets.append(JumpTarget("g", "guidance", title))
        for key, name, selector in (("s", "search", "#lib-search"), ("t", "themes", "#lib-theme"),
                                    ("l", "library", "#lib-list"), ("p", "preview", "#lib-preview-box")):
            targets.append(JumpTarget(key, name, self.query_one(selector), self.show_library))
        for selector in ("#findings-panel", "#answer-findings"):  # a findings panel, when one can take the focus
            found = self.query(selector)
            if found and found.first().focusable:
                targets.append(JumpTarget("f", "findings", found.first()))
                break
        return targets

    def action_jump(self) -> None:
        self.app.push_screen(JumpOverlay(self, self.jump_targets(), cancel=("escape", "ctrl+j")), self._jumped)

    def _jumped(self, target: JumpTarget | None) -> None:
        if target is not None:
            self._go(target.widget, target.reveal)

    def action_panel(self, name: str) -> None:
        if name == "questions":
            self._go(self.query_one("#questions"), self.show_questions)
        elif name == "library":
            self._go(self.query_one("#lib-list"), self.show_library)
        elif not self.query_one(AnswerPane).focus_item(self.item_index or 0) and not self.query_one(AnswerPane).focus_item(0):
            self.notify("No items yet: ctrl+b inserts the library's picked block, ctrl+n adds your own text.")

    async def action_explain(self, action: str) -> None:
        """ctrl+t or f6 where it does not apply: run the action anyway, which says why not."""
        result = getattr(self, f"action_{action}")()
        if inspect.isawaitable(result):
            await result

    # ------------------------------------------------------------------ the user's editor

    def _run_editor(self, argv: list[str]) -> int:
        """Run the editor with the terminal handed over to it (no terminal to hand over when headless)."""
        if self.app.is_headless:
            return subprocess.run(argv, check=False).returncode
        with self.app.suspend():
            return subprocess.run(argv, check=False).returncode

    async def action_edit_outside(self) -> None:
        if self.qid is None:
            return
        from textual.app import SuspendNotSupported

        try:
            outcome = edit_answer_outside(self.session, self.qid, self.item_index, self._run_editor)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to another program.", severity="error")
            return
        self.refresh()
        if outcome.changed:
            self.changed()
            await self.show_question(self.qid, focus=outcome.index)
        self.notify(visible(outcome.message), severity=outcome.severity, markup=False)
