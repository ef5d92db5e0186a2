"""A draft being edited (in the UI): its editor, the live check, the edits; saving, conflicts and
recovery are `saving`, comments on paragraphs `comments`, undo `history`.

Invariant: every change goes through `DraftEditor`; every count and finding comes from the core's
`check_answer` / `check_draft` over the unsaved state. Nothing here imports a UI: the draft screen
calls these methods and shows what they return.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from ..checks import AnswerResult, DraftContext, check_answer
from ..draft_editor import DraftEditor
from ..findings import Finding
from ..library import BlockLookupError, LibraryIndex, LoadedLibrary, has_short
from ..loaded import LoadedWorkspace
from ..model import Block, BlockItem, Consultation, Item, TextItem
from ..pins.changes import PinnedUse
from ..pins.store import store
from ..questionnaire import ItemList, Questionnaire, Target
from .changes import BlockDiff, accept, block_diff, keep_pinned_versions
from .check import DraftCheck, check_in_workspace, draft_context
from .comments import Commenting
from .render import RenderOutcome, render_checked
from .saving import Clock, Saving


class EditRefused(Exception):
    """An edit that does not apply here (no such item, not a block, no short variant); the message
    is for the user."""


class DraftSession(Commenting, Saving):
    """One draft being edited (each edit is a step `undo` can take back: see `history`)."""

    def __init__(self, lw: LoadedWorkspace, path: Path, clock: Clock):
        self.lw = lw
        self.path = path.resolve()
        self.clock = clock
        self.editor = DraftEditor.load(self.path)
        self.base: DraftContext = draft_context(lw, self.path, clock())  # UnusableInput if unusable
        try:  # keep a copy of each pinned version, so a later change to the library can be diffed
            keep_pinned_versions(lw, self.editor)
        except OSError:
            pass
        self.conflict = False
        self.first_change: float | None = None
        self.last_change: float | None = None
        self._ctx: DraftContext | None = None
        self._ctx_model: object = None

    # ------------------------------------------------------------------ what the draft answers

    @property
    def consultation(self) -> Consultation:
        return self.base.consultation

    @property
    def index(self) -> LibraryIndex:
        return self.lw.index

    @property
    def questionnaire(self) -> Questionnaire:
        ctx = self.context()
        return (ctx or self.base).questionnaire

    def target(self, tid: str) -> Target:
        target = self.questionnaire.get(tid)
        if target is None:
            raise EditRefused(f"the consultation has no question '{tid}'")
        return target

    def items(self, tid: str) -> list[Item]:
        """The items of one answer, as they are now (unsaved edits included)."""
        ctx = self.context()
        return ctx.response.items(tid) if ctx else []

    # ------------------------------------------------------------------ checking

    def context(self) -> DraftContext | None:
        """The check context over the editor's current (unsaved) draft; None if it does not validate."""
        model = self.editor.model()
        if model is None:
            return None
        if self._ctx is None or self._ctx_model is not model:
            self._ctx = dataclasses.replace(self.base, draft=model, now=self.clock())
            self._ctx_model = model
        return self._ctx

    def check(self, tid: str) -> AnswerResult | None:
        ctx = self.context()
        return check_answer(ctx, tid) if ctx else None

    def check_draft(self) -> DraftCheck | None:
        """What `drafter check` reports, over the unsaved state; None when the draft does not validate."""
        ctx = self.context()
        return check_in_workspace(self.lw, ctx) if ctx else None

    def check_all(self) -> tuple[list[Finding], dict[str, AnswerResult]]:
        result = self.check_draft()
        if result is None:
            return list(self.editor.findings), {}
        return result.findings, result.results

    # ------------------------------------------------------------------ edits

    def _changed(self) -> None:
        self.touched()

    def insert_block(self, tid: str, lib: LoadedLibrary, block: Block, at: int | None = None) -> int:
        """Insert `block` into the answer (at `at`, default the end), pinned to its current version."""
        ref = self.index.qualified(lib, block)
        pin = store(self.lw.ws.state_dir, block, self.base.consultation.language)  # so a later change can be diffed
        before = self._snapshot()
        index = self.editor.insert_block(self.items_loc(tid), ref, pin, index=at)
        self._record(before, f"insert '{block.id}' into {tid}", tid, undo=max(index - 1, 0), redo=index)
        self._changed()
        return index

    def add_text(self, tid: str, text: str = "", at: int | None = None) -> int:
        before = self._snapshot()
        index = self.editor.add_text(self.items_loc(tid), text, index=at)
        self._record(before, f"add a text item to {tid}", tid, undo=max(index - 1, 0), redo=index)
        self._changed()
        return index

    def set_text(self, tid: str, index: int, text: str) -> bool:
        """Set a text item's text; False when it already holds exactly that."""
        items = self.items(tid)
        if not 0 <= index < len(items) or not isinstance(items[index], TextItem):
            raise EditRefused(f"item {index + 1} of {tid} is not a text item")
        old = items[index].text  # type: ignore[union-attr]
        if old == text:
            return False
        self.editor.set_text(self.target(tid).loc, index, text)
        self._typed(tid, index, old, text)
        self._changed()
        return True

    def replace_text(self, tid: str, index: int, text: str, label: str) -> bool:
        """Set a text item's text as one undoable step of its own (text written in another program);
        False when it already holds exactly that."""
        item = self._item(tid, index)
        if not isinstance(item, TextItem):
            raise EditRefused(f"item {index + 1} of {tid} is not a text item")
        if item.text == text:
            return False
        self.editor.set_text(self.target(tid).loc, index, text)
        self._typed(tid, index, item.text, text, join=False, label=label)
        self._changed()
        return True

    def set_choice(self, tid: str, value: str) -> None:
        before = self._snapshot()
        self.editor.set_choice(self.target(tid).loc, value)
        self._record(before, f"the choice in {tid}", tid)
        self._changed()

    def remove(self, tid: str, index: int) -> None:
        self._item(tid, index)
        before = self._snapshot()
        self.editor.remove(self.target(tid).loc, index)
        self._record(before, f"remove item {index + 1} from {tid}", tid, undo=index, redo=index)
        self._changed()

    def move(self, tid: str, index: int, delta: int) -> int:
        """Move an item up or down; returns its new index (unchanged at either end)."""
        self._item(tid, index)
        if not 0 <= index + delta < len(self.items(tid)):
            return index
        before = self._snapshot()
        new = self.editor.move(self.target(tid).loc, index, delta)
        self._record(before, f"move item {index + 1} of {tid} {'up' if delta < 0 else 'down'}", tid, undo=index, redo=new)
        self._changed()
        return new

    def _item(self, tid: str, index: int) -> Item:
        items = self.items(tid)
        if not 0 <= index < len(items):
            raise EditRefused("select an item of the answer first")
        return items[index]

    def block_of(self, tid: str, index: int) -> tuple[BlockItem, Block]:
        """The block item at `index` and its library block; EditRefused says why not."""
        item = self._item(tid, index)
        if not isinstance(item, BlockItem):
            raise EditRefused("this item is your own text, not a library block")
        try:
            return item, self.index.lookup(item.block)
        except BlockLookupError as exc:
            raise EditRefused(str(exc)) from None

    def toggle_variant(self, tid: str, index: int) -> str:
        """Switch a block item between its body and its short variant; returns the new variant."""
        item, block = self.block_of(tid, index)
        if item.variant == "body" and not has_short(block):
            raise EditRefused(f"block '{item.block}' has no short variant")
        variant = "short" if item.variant == "body" else "body"
        before = self._snapshot()
        self.editor.set_variant(self.target(tid).loc, index, variant)
        self._record(before, f"body/short of item {index + 1} in {tid}", tid, undo=index, redo=index)
        self._changed()
        return variant

    def change_at(self, tid: str, index: int) -> PinnedUse | None:
        """The pin state of the block item at `index` when its library block changed since pinned."""
        item, block = self.block_of(tid, index)
        from ..pins import pin_hash

        language = self.base.consultation.language
        use = PinnedUse(tid, index, item.block, item.pinned, pin_hash(block, language), self.target(tid).loc, language)
        return use if use.pinned != use.current else None

    def diff(self, use: PinnedUse) -> BlockDiff:
        return block_diff(self.lw, use)

    def accept(self, use: PinnedUse) -> str:
        """Take the library's version of a changed block (re-pin); returns the new pin."""
        before = self._snapshot()
        pin = accept(self.lw, self.editor, use)
        self._record(before, f"accept the library's '{use.ref}' in {use.qid}", use.qid, undo=use.index, redo=use.index)
        self._changed()
        return pin

    def set_respondent(self, fields: dict[str, Any], cosigners: list[dict[str, str]] | None = None) -> None:
        before = self._snapshot() if fields or cosigners is not None else None
        for name, value in fields.items():
            self.editor.set_respondent(name, value)
        if cosigners is not None:
            self.editor.set_cosigners(cosigners)
        if fields or cosigners is not None:
            self._record(before, "the respondent profile")
            self._changed()

    def replace_block(self, tid: str, index: int, lib: LoadedLibrary, block: Block) -> str:
        """Put `block` (pinned to its current version) in place of the block item at `index`, keeping
        its place and comments (its short variant kept where the new block has one); returns the ref."""
        item = self._item(tid, index)
        if not isinstance(item, BlockItem):
            raise EditRefused("this item is your own text, not a library block")
        ref = self.index.qualified(lib, block)
        pin = store(self.lw.ws.state_dir, block, self.base.consultation.language)
        variant = "short" if item.variant == "short" and has_short(block) else "body"
        before = self._snapshot()
        self.editor.replace_block(self.target(tid).loc, index, ref, pin, variant=variant)
        self._record(before, f"replace '{item.block}' by '{block.id}' in {tid}", tid, undo=index, redo=index)
        self._changed()
        return ref

    def promote(self, tid: str, index: int, values: dict[str, Any], today: dt.date) -> Path:
        """Write the own-text item at `index` as a new library block (the block form's `values`) and put
        it, pinned, in the item's place, as one undoable step (undo keeps the block file); the session
        then checks against the workspace reloaded with the block. Returns the block file."""
        from .authoring import block_details
        from .promote import promote_item

        before = self._snapshot()
        done = promote_item(self.lw, self.editor, self.target(tid), index, namespace=values["library"], block_id=values["id"],
                            title=values["title"], themes=list(values["themes"]), today=today, body=values.get("body"),
                            short=values.get("short") or "", owner=values.get("owner") or "", **block_details(values))
        self.use_workspace(done.lw)
        self._record(before, f"promote item {index + 1} of {tid} to '{done.ref}'", tid, undo=index, redo=index)
        self._changed()
        return done.path

    def unknown_answers(self) -> list[ItemList]:
        """The draft's answers to ids the consultation lacks (`unknown-question`), in file order."""
        ctx = self.context()
        return ctx.response.unknown() if ctx else []

    def _unknown_answer(self, tid: str) -> ItemList:
        for extra in self.unknown_answers():
            if extra.target_id == tid:
                if extra.loc != ("answers", tid):
                    raise EditRefused(f"'{tid}' is not an answer of a questionnaire; edit the draft file")
                return extra
        raise EditRefused(f"the draft has no answer '{tid}' outside the consultation's questions")

    def remove_answer(self, tid: str) -> None:
        """Delete a whole answer to an id the consultation lacks."""
        self._unknown_answer(tid)
        before = self._snapshot()
        self.editor.remove_answer(tid)
        self._record(before, f"remove the answer {tid}")
        self._changed()

    def move_answer(self, tid: str, to: str) -> None:
        """Make the items of the answer to unknown id `tid` the answer to question `to` (after its own)."""
        self._unknown_answer(tid)
        if self.target(to).loc != ("answers", to):
            raise EditRefused(f"'{to}' is not a question of this questionnaire")
        before = self._snapshot()
        self.editor.move_answer(tid, to)
        self._record(before, f"move the answer {tid} to {to}", to)
        self._changed()

    def render(self, fmt: str, out: Path, *, force: bool = False, check: DraftCheck | None = None) -> RenderOutcome:
        """Render the unsaved state as `drafter render` would the saved one (refused while it has
        errors unless `force`); RenderError when the template or output cannot be used. A worker
        passes the `check` made on the UI's thread, so it renders exactly what was shown."""
        check = check or self.check_draft()
        if check is None:
            raise EditRefused("the draft does not validate: see its findings (f3)")
        return render_checked(self.lw, check, fmt, out, force=force)

    def use_workspace(self, lw: LoadedWorkspace) -> str | None:
        """Check and render against a reloaded workspace (a library synced, a consultation edited in
        another program); returns why not, when the draft's consultation can no longer be used."""
        lc = lw.consultations.get(self.consultation.id)
        if lc is None or lc.model is None:
            return f"the consultation '{self.consultation.id}' no longer loads; still using the version opened"
        self.lw = lw
        self.base = dataclasses.replace(self.base, index=lw.index, consultation=lc.model, consultation_file=lc.file,
                                        words=tuple(lw.ws.config.words))
        self._ctx = None
        return None
