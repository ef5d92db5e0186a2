"""The draft screen's actions: editing items (through DraftEditor) and the dialogs it opens."""

from __future__ import annotations

from textual import work

from ...library import BlockLookupError
from ...model import BlockItem, TextItem
from ...pins import pin_hash
from ...pins.store import block_text, find_pinned, store
from ..messages import RenderFailed, RenderFinished
from ..previews import answer_preview, submission_preview
from .dialogs import ConfirmDialog, DiffDialog
from .findings import FindingsScreen
from .preview import PreviewScreen
from .render import RenderDialog, RenderRequest
from .respondent import RespondentEdit, RespondentForm


def pinned_text(project, ref: str, pin: str | None) -> tuple[str | None, str]:
    """The pinned version's text (pin store, else the library's git history), or (None, why not)."""
    if not pin:
        return None, "the item has no `pinned` hash"
    lib, block = project.index.resolve(ref)
    return find_pinned(project.ws.state_dir, pin, library_root=lib.root, block_path=lib.paths.get(block.id))


class DraftActions:
    """Mixed into DraftScreen: every `action_*` its bindings and the command palette call."""

    # ------------------------------------------------------------------ items

    def _insert_at(self) -> int | None:
        n = len(self.items())
        return self.item_index + 1 if self.item_index is not None and self.item_index < n else None

    def _answer_has_focus(self) -> bool:
        from ..widgets.answer import AnswerPane

        focused = self.focused
        return focused is not None and self.query_one(AnswerPane) in focused.ancestors_with_self

    async def action_insert_block(self) -> None:
        from ..widgets.library import LibraryPane

        chosen = self.query_one(LibraryPane).selected()
        if self.qid is None or chosen is None:
            self.notify("Highlight a block in the library first (ctrl+f to search).", severity="warning")
            return
        lib, block = chosen
        ref = self.session.index.qualified(lib, block)
        store(self.session.project.ws.state_dir, block)  # so a later change can be diffed
        index = self.session.editor.insert_block(self.qid, ref, pin_hash(block), index=self._insert_at())
        self.changed()
        await self.show_question(self.qid, focus=index if self._answer_has_focus() else None)
        self.item_index = index
        self.notify(f"Inserted “{block.title}” into {self.qid}")

    async def action_add_text(self) -> None:
        if self.qid is None:
            return
        index = self.session.editor.add_text(self.qid, "", index=self._insert_at())
        self.changed()
        await self.show_question(self.qid, focus=index)

    def _current_item(self):
        items = self.items()
        if self.item_index is None or not 0 <= self.item_index < len(items):
            self.notify("Select an item of the answer first (tab into the answer).", severity="warning")
            return None
        return items[self.item_index]

    async def action_remove_item(self) -> None:
        item = self._current_item()
        if item is None:
            return
        index = self.item_index
        if isinstance(item, TextItem) and item.text.strip():
            words = len(item.text.split())
            self.app.push_screen(ConfirmDialog("Remove this text?", f"The text item has {words} words of your own. Remove it?", yes="Remove", no="Keep"), lambda yes: self._remove(index) if yes else None)
            return
        await self._remove(index)

    async def _remove(self, index: int) -> None:
        self.session.editor.remove(self.qid, index)
        self.changed()
        remaining = len(self.items())
        await self.show_question(self.qid, focus=min(index, remaining - 1) if remaining else None)

    async def action_move_item(self, delta: int) -> None:
        if self._current_item() is None:
            return
        index = self.session.editor.move(self.qid, self.item_index, delta)
        if index != self.item_index:
            self.changed()
        await self.show_question(self.qid, focus=index)

    def _current_block(self, why: str):
        """The current item and its library block, or None (and a notification saying why)."""
        item = self._current_item()
        if item is None:
            return None
        if not isinstance(item, BlockItem):
            self.notify(why, severity="warning")
            return None
        try:
            return item, self.session.index.lookup(item.block)
        except BlockLookupError as exc:
            self.notify(str(exc), severity="error")
            return None

    async def action_toggle_variant(self) -> None:
        found = self._current_block("Only a block item has a body and a short variant.")
        if found is None:
            return
        item, block = found
        if item.variant == "body" and not block.short:
            self.notify(f"Block '{item.block}' has no short variant.", severity="warning")
            return
        variant = "short" if item.variant == "body" else "body"
        self.session.editor.set_variant(self.qid, self.item_index, variant)
        self.changed()
        await self.show_question(self.qid, focus=self.item_index)

    def action_diff(self) -> None:
        found = self._current_block("Select a block item to compare it with its pinned version.")
        if found is None:
            return
        item, block = found
        new_pin = pin_hash(block)
        if item.pinned == new_pin:
            self.notify(f"Block '{item.block}' has not changed since it was pinned.")
            return
        old, why = pinned_text(self.session.project, item.block, item.pinned)
        index, qid = self.item_index, self.qid

        async def answered(accept: bool | None) -> None:
            if accept:
                store(self.session.project.ws.state_dir, block)
                self.session.editor.set_pinned(qid, index, new_pin)
                self.changed()
                await self.show_question(qid, focus=index)
                self.notify(f"Accepted the library's version of '{item.block}' (pinned {new_pin}).")

        self.app.push_screen(DiffDialog(item.block, old, block_text(block), item.pinned, new_pin, why=why), answered)

    async def action_next_error(self) -> None:
        from ..widgets.questions import QuestionList

        questions = self.query_one(QuestionList)
        order = list(self.questions_by_id)
        start = order.index(self.qid) + 1 if self.qid in order else 0
        for qid in order[start:] + order[:start]:
            status = questions.statuses.get(qid)
            if status and status.errors:
                questions.select_question(qid)
                await self.show_question(qid)
                return
        self.notify("No question has errors.")

    def action_focus_search(self) -> None:
        self.query_one("#lib-search").focus()

    def action_home(self) -> None:
        self.flush()
        self.app.show_home()

    # ------------------------------------------------------------------ dialogs

    def action_respondent(self) -> None:
        model = self.session.editor.model()
        if model is None:
            return
        self.app.push_screen(RespondentForm(self.session.consultation, model), self._respondent_edited)

    async def _respondent_edited(self, edit: RespondentEdit | None) -> None:
        if edit is None or (not edit.fields and edit.cosigners is None):
            return
        for name, value in edit.fields.items():
            self.session.editor.set_respondent(name, value)
        if edit.cosigners is not None:
            self.session.editor.set_cosigners(edit.cosigners)
        self.changed()
        await self.reload_all()
        self.notify("Respondent profile updated.")

    def action_findings(self) -> None:
        findings, _ = self.session.check_all()
        self.app.push_screen(FindingsScreen(findings), self._finding_picked)

    async def _finding_picked(self, finding) -> None:
        from ..widgets.questions import QuestionList

        if finding is None:
            return
        if finding.question in self.questions_by_id:
            self.query_one(QuestionList).select_question(finding.question)
            await self.show_question(finding.question)
        elif finding.code == "respondent-missing":
            self.action_respondent()

    def action_preview_answer(self) -> None:
        if self.qid is None:
            return
        q = self.questions_by_id[self.qid]
        text = answer_preview(q, self.session.check(self.qid))
        self.app.push_screen(PreviewScreen(f"Answer {q.id} — preview", text))

    def action_preview_submission(self) -> None:
        from ...submission import build_submission

        ctx = self.session.context()
        if ctx is None:
            return
        _, results = self.session.check_all()
        doc = build_submission(ctx, results)
        self.app.push_screen(PreviewScreen("Submission — preview", submission_preview(doc)))

    def action_render(self) -> None:
        findings, _ = self.session.check_all()
        errors = sum(1 for f in findings if f.severity == "error")
        dialog = RenderDialog(self.session.project.ws.root, self.session.path, errors)
        self.app.push_screen(dialog, self._render_requested)

    def _render_requested(self, request: RenderRequest | None) -> None:
        if request is None:
            return
        ctx = self.session.context()
        if ctx is None:
            return
        _, results = self.session.check_all()
        self.query_one("#render-progress").display = True
        self.query_one("#status").update(f"Rendering {request.fmt.upper()} to {request.path.name}…")
        self._render_worker(request, ctx, results)

    @work(thread=True, exclusive=True, group="render")
    def _render_worker(self, request: RenderRequest, ctx, results) -> None:
        """Worker: build the submission and write it; report back with a message."""
        try:
            from ...render import find_template, render
            from ...submission import build_submission

            template = find_template(self.session.project.ws.template_dirs(), ctx.consultation.template)
            doc = build_submission(ctx, results)
            request.path.parent.mkdir(parents=True, exist_ok=True)
            warnings = render(doc, request.fmt, request.path, template=template)
        except Exception as exc:  # a render error is reported, never a crash
            self.post_message(RenderFailed(str(exc) or type(exc).__name__))
            return
        self.post_message(RenderFinished(request.path, list(warnings or [])))

    def on_render_finished(self, message: RenderFinished) -> None:
        self.query_one("#render-progress").display = False
        self.update_bars()
        extra = f" ({len(message.warnings)} warnings)" if message.warnings else ""
        self.notify(f"Wrote {message.path}{extra}", title="Rendered", timeout=8)

    def on_render_failed(self, message: RenderFailed) -> None:
        self.query_one("#render-progress").display = False
        self.update_bars()
        self.notify(message.error, title="Render failed", severity="error", timeout=10)
