"""The draft screen's actions: each asks the `DraftSession` (ops) to do it and shows the outcome.

`DraftActions` is the draft screen's base class: it declares the state the actions read (the
session, the shown question, the current item) and the few views they refresh, so every action is
typed. Editing itself, checking, diff-and-accept and rendering are the session's; nothing here
composes, checks or writes a file.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.widgets import Static

from ...model import TextItem
from ...ops.check import DraftCheck
from ...ops.session import DraftSession, EditRefused
from ...safetext import visible
from ...wording import plural
from ..messages import RenderFailed, RenderFinished
from ..previews import answer_preview, submission_preview
from .dialogs import ConfirmDialog, DiffDialog
from .fix_actions import FixActions
from .preview import PreviewScreen
from .render import RenderDialog, RenderRequest
from .respondent import RespondentEdit, RespondentForm


class DraftActions(FixActions):
    """Every `action_*` the draft screen's bindings and the command palette call."""

    session: DraftSession
    qid: str | None
    item_index: int | None

    # ------------------------------------------------------------------ implemented by the screen

    async def show_question(self, qid: str, focus: int | None = None) -> None:
        raise NotImplementedError

    async def reload_all(self) -> None:
        raise NotImplementedError

    def changed(self) -> None:
        raise NotImplementedError

    def update_bars(self) -> None:
        raise NotImplementedError

    def flush(self) -> None:
        raise NotImplementedError

    def items(self, qid: str | None = None) -> list:
        raise NotImplementedError

    # ------------------------------------------------------------------ items

    def _insert_at(self) -> int | None:
        n = len(self.items())
        return self.item_index + 1 if self.item_index is not None and self.item_index < n else None

    def _answer_has_focus(self) -> bool:
        from ..widgets.answer import AnswerPane

        focused = self.focused
        return focused is not None and self.query_one(AnswerPane) in focused.ancestors_with_self

    def _refused(self, exc: EditRefused) -> None:
        message = visible(str(exc), one_line=True)
        self.notify(message[:1].upper() + message[1:] + ".", severity="warning", markup=False)

    async def action_insert_block(self) -> None:
        from ..widgets.library import LibraryPane

        chosen = self.query_one(LibraryPane).chosen()  # never just the list's first row
        if self.qid is None or chosen is None:
            self.notify("Pick a block in the library first (ctrl+f to search).", severity="warning")
            return
        lib, block = chosen
        index = self.session.insert_block(self.qid, lib, block, at=self._insert_at())
        self.changed()
        await self.show_question(self.qid, focus=index if self._answer_has_focus() else None)
        self.item_index = index
        self.notify(f"Inserted “{visible(block.title, one_line=True)}” into {self.qid}", markup=False)

    async def action_add_text(self) -> None:
        if self.qid is None:
            return
        index = self.session.add_text(self.qid, "", at=self._insert_at())
        self.changed()
        await self.show_question(self.qid, focus=index)

    def _current_index(self) -> int | None:
        items = self.items()
        if self.qid is None or self.item_index is None or not 0 <= self.item_index < len(items):
            self.notify("Select an item of the answer first (tab into the answer).", severity="warning")
            return None
        return self.item_index

    async def action_remove_item(self) -> None:
        index = self._current_index()
        if index is None:
            return
        item = self.items()[index]
        if isinstance(item, TextItem) and item.text.strip():
            words = len(item.text.split())
            dialog = ConfirmDialog("Remove this text?", f"The text item has {plural(words, 'word')} of your own. Remove it?", yes="Remove", no="Keep")

            async def answered(yes: bool | None) -> None:
                if yes:
                    await self._remove(index)

            self.app.push_screen(dialog, answered)
            return
        await self._remove(index)

    async def _remove(self, index: int) -> None:
        assert self.qid is not None
        self.session.remove(self.qid, index)
        self.changed()
        remaining = len(self.items())
        await self.show_question(self.qid, focus=min(index, remaining - 1) if remaining else None)

    async def action_move_item(self, delta: int) -> None:
        index = self._current_index()
        if index is None or self.qid is None:
            return
        new = self.session.move(self.qid, index, delta)
        if new != index:
            self.changed()
        else:  # say so, rather than nothing
            self.notify("This is the first item." if delta < 0 else "This is the last item.", timeout=2)
        await self.show_question(self.qid, focus=new)

    async def action_toggle_variant(self) -> None:
        index = self._current_index()
        if index is None or self.qid is None:
            return
        try:
            self.session.toggle_variant(self.qid, index)
        except EditRefused as exc:
            self._refused(exc)
            return
        self.changed()
        await self.show_question(self.qid, focus=index)

    def action_diff(self) -> None:
        index = self._current_index()
        if index is None or self.qid is None:
            return
        qid = self.qid
        try:
            use = self.session.change_at(qid, index)
        except EditRefused as exc:
            self._refused(exc)
            return
        if use is None:
            self.notify("This block has not changed since it was pinned.")
            return
        diff = self.session.diff(use)

        async def answered(take: bool | None) -> None:
            if take:
                pin = self.session.accept(use)
                self.changed()
                await self.show_question(qid, focus=index)
                self.notify(f"Accepted the library's version of '{visible(use.ref)}' (pinned {pin}).", markup=False)

        self.app.push_screen(DiffDialog(diff), answered)

    async def action_next_error(self) -> None:
        from ..widgets.questions import QuestionList

        questions = self.query_one(QuestionList)
        order = [t.id for t in self.session.questionnaire.targets]
        start = order.index(self.qid) + 1 if self.qid in order else 0
        for qid in order[start:] + order[:start]:
            status = questions.statuses.get(qid)
            if status and status.errors:
                questions.select_question(qid)
                await self.show_question(qid)
                return
        self.notify("No question has errors.")

    def action_focus_search(self) -> None:
        self.show_library()
        self.query_one("#lib-search").focus()

    def action_home(self) -> None:
        self.flush()
        self.drafter.show_home()

    # ------------------------------------------------------------------ dialogs

    def action_respondent(self, field: str | None = None) -> None:
        """The respondent form; `field` (from a finding's fix) is focused, added if the form lacks it."""
        model = self.session.editor.model()
        if model is None:
            return
        self.app.push_screen(RespondentForm(self.session.consultation, model, focus=field), self._respondent_edited)

    async def _respondent_edited(self, edit: RespondentEdit | None) -> None:
        if edit is None:
            return
        if edit.fields or edit.cosigners is not None:
            self.session.set_respondent(edit.fields, edit.cosigners)
            self.changed()
            await self.reload_all()
            self.notify("Respondent profile updated.")
        if edit.profile is not None:
            from ...ops.profile import ProfileError, save_profile

            ws = self.session.lw.ws
            try:
                path = save_profile(ws, edit.profile)
            except ProfileError as exc:
                self.notify(visible(str(exc), one_line=True), title="Profile not kept", severity="error", markup=False)
                return
            self.notify(f"Kept as the profile in {visible(ws.display(path), one_line=True)}: every new draft starts with it.", markup=False)

    def action_preview_answer(self) -> None:
        if self.qid is None:
            return
        target = self.session.target(self.qid)
        text = answer_preview(target, self.session.check(self.qid))
        self.app.push_screen(PreviewScreen(f"Answer {target.number or target.id} — preview", text))

    def action_preview_submission(self) -> None:
        from ...ops.render import submission

        check = self.session.check_draft()
        if check is None:
            return
        self.app.push_screen(PreviewScreen("Submission — preview", submission_preview(submission(check))))

    def action_render(self) -> None:
        findings, _ = self.session.check_all()
        errors = sum(1 for f in findings if f.severity == "error")
        dialog = RenderDialog(self.session.lw.ws.root, self.session.path, errors)
        self.app.push_screen(dialog, self._render_requested)

    def _render_requested(self, request: RenderRequest | None) -> None:
        if request is None:
            return
        check = self.session.check_draft()
        if check is None:
            self.notify("The draft does not validate: see its findings (f3).", severity="error")
            return
        self.query_one("#render-progress").display = True
        self.query_one("#status", Static).update(f"Rendering {request.fmt.upper()} to {request.path.name}…")
        self._render_worker(request, check)

    @work(thread=True, exclusive=True, group="render", description="render the submission")
    def _render_worker(self, request: RenderRequest, check: DraftCheck) -> None:
        """Worker: render the check made on the UI's thread (refused while errors remain, unless
        forced); report back with a message."""
        try:
            outcome = self.session.render(request.fmt, request.path, force=request.force, check=check)
        except Exception as exc:
            self.post_message(RenderFailed(str(exc) or type(exc).__name__))
            return
        if outcome.path is None:
            self.post_message(RenderFailed(f"the draft has {plural(len(outcome.errors), 'error')}; tick “Render anyway” to render it"))
            return
        self.post_message(RenderFinished(Path(outcome.path), list(outcome.warnings)))

    def on_render_finished(self, message: RenderFinished) -> None:
        self.query_one("#render-progress").display = False
        self.update_bars()
        extra = f" ({len(message.warnings)} warnings)" if message.warnings else ""
        self.notify(f"Wrote {message.path}{extra}", title="Rendered", timeout=8, markup=False)

    def on_render_failed(self, message: RenderFailed) -> None:
        self.query_one("#render-progress").display = False
        self.update_bars()
        self.notify(visible(message.error), title="Render failed", severity="error", timeout=10, markup=False)
