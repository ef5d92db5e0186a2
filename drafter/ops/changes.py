"""A block changed in its library since a draft pinned it: show the difference, take the new version.
The same for a document paragraph a comment was made on, changed by a new revision of the document.

Invariant: taking a version keeps a copy of it in the pin store (so a later change can be diffed) and
edits only the item's `pinned` line through `DraftEditor`; `drafter diff`/`update` and the UI's F6
show and take the same thing.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..draft_editor import ConflictError, DraftEditor
from ..loaded import LoadedWorkspace
from ..model import Consultation, Draft
from ..pins.changes import PinnedUse, pinned_text, pinned_uses
from ..pins.paragraphs import ParagraphPin, paragraph_pins
from ..pins.store import comparable_text, find_text, store, store_text


@dataclass(frozen=True)
class BlockDiff:
    """The pinned and the current text of one changed block item."""

    use: PinnedUse
    pinned: str | None
    """The pinned version's text; None when no copy of it can be found (`why` says so)."""
    current: str
    origin: str
    """Where the pinned text came from ("pin store", "git history"), or why it is missing."""

    def lines(self) -> list[str]:
        """The unified diff, pinned → library, one line each (empty when the texts are equal)."""
        if self.pinned is None:
            return []
        return list(
            difflib.unified_diff(
                self.pinned.splitlines(),
                self.current.splitlines(),
                f"{self.use.ref}@{self.use.pinned} ({self.origin})",
                f"{self.use.ref}@{self.use.current} (library)",
                lineterm="",
            )
        )


def changed_blocks(lw: LoadedWorkspace, editor: DraftEditor, target: str | None = None) -> list[PinnedUse]:
    """The draft's block items whose library block changed since they were pinned (in one answer, or all)."""
    model = editor.model()
    return [u for u in pinned_uses(lw.index, model, draft_language(lw, model)) if u.changed and (target is None or u.qid == target)]


def answer_ids(lw: LoadedWorkspace, editor: DraftEditor) -> list[str]:
    """What `diff DRAFT QID` may name: the consultation's questions, parts and paragraphs, then the
    draft's own answers and commented paragraphs (an answer outside the consultation included)."""
    from ..questionnaire import build

    model = editor.model()
    if model is None:
        return []
    lc = lw.consultations.get(model.consultation)
    ids = [t.id for t in build(lc.model, model).targets] if lc is not None and lc.model is not None else []
    ids += [*model.answers, *(c.paragraph for c in model.comments)]
    return list(dict.fromkeys(ids))


def draft_language(lw: LoadedWorkspace, draft: Draft | None) -> str | None:
    """The language a draft's blocks are composed and pinned in: its consultation's (None when unknown)."""
    lc = lw.consultations.get(draft.consultation) if draft is not None else None
    return lc.model.language if lc is not None and lc.model is not None else None


def block_diff(lw: LoadedWorkspace, use: PinnedUse) -> BlockDiff:
    """Pinned text against the library's current text."""
    _, block = lw.index.resolve(use.ref)
    old, origin = pinned_text(lw.index, lw.ws.state_dir, use.ref, use.pinned, use.language)
    return BlockDiff(use, old, comparable_text(block, use.language), origin)


def accept(lw: LoadedWorkspace, editor: DraftEditor, use: PinnedUse) -> str:
    """Take the library's current version of the item's block: keep a copy, re-pin; returns the new pin."""
    pin = store(lw.ws.state_dir, lw.index.lookup(use.ref), use.language)
    editor.set_pinned(use.loc, use.index, pin)
    return pin


UPDATE_ATTEMPTS = 5
T = TypeVar("T")


def edit_and_save(path: Path, edit: Callable[[DraftEditor], list[T]]) -> list[T]:
    """Read the draft, `edit` it (returning what it changed) and save when it changed anything. A
    change another writer made meanwhile is merged in; when it cannot be (the same answer changed),
    the draft is read again and the edit done again, a few times, before ConflictError."""
    for attempt in range(1, UPDATE_ATTEMPTS + 1):
        editor = DraftEditor.load(path)
        done = edit(editor)
        if not done:
            return done
        try:
            editor.save(merge=True)
            return done
        except ConflictError:
            if attempt == UPDATE_ATTEMPTS:
                raise
    return []


def update_draft(lw: LoadedWorkspace, path: Path, *, block: str | None = None, all_blocks: bool = False) -> list[PinnedUse]:
    """`drafter update`: re-pin changed (and unpinned) block items — all of them, or those naming
    `block` — and save (`edit_and_save`: another writer's change merged, or the edit redone)."""

    def repin(editor: DraftEditor) -> list[PinnedUse]:
        done = []
        model = editor.model()
        for use in pinned_uses(lw.index, model, draft_language(lw, model)):
            if use.current is None or use.pinned == use.current:
                continue
            if not all_blocks and (block is None or (use.ref != block and use.ref.split("/")[-1] != block)):
                continue
            accept(lw, editor, use)
            done.append(use)
        return done

    return edit_and_save(path, repin)


def keep_pinned_versions(lw: LoadedWorkspace, editor: DraftEditor) -> None:
    """Keep a copy of the current version of every block a draft pins, and of every paragraph text
    its comments are pinned to (so later diffs can be shown)."""
    model = editor.model()
    for use in pinned_uses(lw.index, model, draft_language(lw, model)):
        if use.current is not None and use.pinned == use.current:
            store(lw.ws.state_dir, lw.index.lookup(use.ref), use.language)
    keep_pinned_paragraphs(lw, editor)


# --------------------------------------------------------------------------- comments' paragraphs


@dataclass(frozen=True)
class ParagraphDiff:
    """The text a comment was pinned to and the paragraph's current text."""

    pin: ParagraphPin
    pinned: str | None
    """The pinned text, from the pin store; None when no copy of it was kept."""
    current: str

    def lines(self) -> list[str]:
        """The unified diff, pinned → current, a sentence or clause per line (empty when no pinned text)."""
        if self.pinned is None:
            return []
        return list(
            difflib.unified_diff(
                _clauses(self.pinned),
                _clauses(self.current),
                f"{self.pin.paragraph}@{self.pin.pinned} (pinned)",
                f"{self.pin.paragraph}@{self.pin.current} (document)",
                lineterm="",
            )
        )

    def in_words(self) -> str | None:
        """The change as the text forms say it ("replace 'ten' with 'twenty'"), or None."""
        if self.pinned is None:
            return None
        from ..amendments import change_phrases
        from ..worddiff import word_diff
        from ..wording import one_line

        phrases = change_phrases(word_diff(one_line(self.pinned), one_line(self.current)))
        return "; ".join(phrases) if phrases else None


def _clauses(text: str) -> list[str]:
    """A paragraph cut after each sentence, semicolon or colon, so a diff shows which clause changed."""
    import re

    return [c for c in re.split(r"(?<=[.;:])\s+", " ".join(text.split())) if c]


def changed_paragraphs(lw: LoadedWorkspace, editor: DraftEditor, target: str | None = None) -> list[ParagraphPin]:
    """The draft's comments whose paragraph changed since they were pinned (on one paragraph, or all)."""
    consultation = _consultation(lw, editor.model())
    if consultation is None:
        return []
    return [p for p in paragraph_pins(consultation, editor.model()) if p.changed and (target is None or p.paragraph == target)]


def paragraph_diff(lw: LoadedWorkspace, pin: ParagraphPin) -> ParagraphDiff:
    """Pinned text (from the pin store) against the paragraph's current text."""
    return ParagraphDiff(pin, find_text(lw.ws.state_dir, pin.pinned) if pin.pinned else None, pin.text or "")


def pin_comment(lw: LoadedWorkspace, editor: DraftEditor, index: int, text: str) -> str:
    """Pin comment `index` to the paragraph text `text`: keep a copy of the text, set `pinned`; returns the pin."""
    pin = store_text(lw.ws.state_dir, text)
    editor.set_comment_key(index, "pinned", pin, after="text")
    return pin


def repin_comments(lw: LoadedWorkspace, path: Path) -> list[ParagraphPin]:
    """`drafter update --all` for comments: re-pin every comment whose paragraph changed (or that has
    no pin) to the paragraph's current text, and save (`edit_and_save`, as `update_draft`)."""

    def repin(editor: DraftEditor) -> list[ParagraphPin]:
        consultation = _consultation(lw, editor.model())
        done = []
        for pin in paragraph_pins(consultation, editor.model()) if consultation is not None else []:
            if pin.current is None or pin.text is None or pin.pinned == pin.current:
                continue
            pin_comment(lw, editor, pin.index, pin.text)
            done.append(pin)
        return done

    return edit_and_save(path, repin)


def keep_pinned_paragraphs(lw: LoadedWorkspace, editor: DraftEditor) -> None:
    """Keep a copy of each paragraph text a comment is pinned to, while the document still has it
    (so that the next revision's change can be shown)."""
    consultation = _consultation(lw, editor.model())
    if consultation is None:
        return
    for pin in paragraph_pins(consultation, editor.model()):
        if pin.text is not None and pin.pinned == pin.current:
            store_text(lw.ws.state_dir, pin.text)


def _consultation(lw: LoadedWorkspace, draft: Draft | None) -> Consultation | None:
    if draft is None:
        return None
    lc = lw.consultations.get(draft.consultation)
    model = lc.model if lc is not None else None
    return model if model is not None and model.kind == "document" else None
