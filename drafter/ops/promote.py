"""Promote: the user's own text in an answer becomes a reviewed block in a library, pinned in its place.

`drafter promote` and the draft screen's promote key both go through `promote_item`: the block is
written with `authoring.new_block` (the same checks as the new-block form: an id no library has,
themes from the vocabulary), then the text item is replaced by the block item, pinned to the version
just written, at the same place in the answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..draft_editor import ConflictError, DraftEditor
from ..init import OWN_LIBRARY
from ..loaded import LoadedWorkspace
from ..model import TextItem
from ..pins.store import store
from ..questionnaire import Target, build, response
from ..wording import one_line
from .authoring import new_block
from .changes import edit_and_save
from .fields import InvalidFields


class PromoteError(ValueError):
    """Why the item cannot be promoted (one line, for the CLI and the UI)."""


@dataclass(frozen=True)
class Promoted:
    path: Path
    """The block file written."""
    ref: str
    """The reference the draft now holds."""
    pin: str
    index: int
    """The item's index in its answer (unchanged)."""
    lw: LoadedWorkspace
    """The workspace reloaded with the new block."""


def text_items(items: list) -> list[int]:
    """Indexes of the own-text items (with some text) among `items`."""
    return [i for i, item in enumerate(items) if isinstance(item, TextItem) and item.text.strip()]


def pick_item(items: list, number: int | None) -> int:
    """The index of the item to promote: the `number`-th item (1-based), which must be own text; without
    a number, the answer's only own-text item."""
    own = text_items(items)
    if number is not None:
        if not 1 <= number <= len(items):
            raise PromoteError(f"there is no item {number}: the answer has {len(items)}")
        if number - 1 not in own:
            raise PromoteError(f"item {number} is not own text (a block, a choice or empty)")
        return number - 1
    if not own:
        raise PromoteError("the answer has no own text to promote")
    if len(own) > 1:
        which = ", ".join(str(i + 1) for i in own)
        raise PromoteError(f"the answer has several own-text items ({which}): say which with --item N")
    return own[0]


def default_title(text: str) -> str:
    """A title from the text: its first sentence, without Markdown marks, at most 80 characters."""
    plain = re.sub(r"[*_`#>\[\]]|\(https?://[^)]*\)", "", text).strip()
    first = re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0].strip()
    first = one_line(first)
    return first if len(first) <= 80 else first[:79].rsplit(" ", 1)[0] + "…"


def default_library(lw: LoadedWorkspace) -> str | None:
    """The namespace a promoted block goes to by default: the workspace's own library, else the only
    library with a library.yaml."""
    libraries = [lib for lib in lw.index.libraries if lib.meta is not None]
    own = next((lib for lib in libraries if lib.root == lw.ws.root / OWN_LIBRARY), None)
    if own is not None:
        return own.namespace
    return libraries[0].namespace if len(libraries) == 1 else None


def own_text(editor: DraftEditor, target: Target, index: int) -> str:
    """The text of the own-text item at `index` of `target` in `editor`; PromoteError when it is not one."""
    try:
        raw = editor.items(target.loc)[index] if index >= 0 else None
    except (IndexError, KeyError):
        raw = None
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or not raw["text"].strip():
        raise PromoteError(f"item {index + 1} of {target.id} is not own text")
    return raw["text"]


def swap_in(editor: DraftEditor, target: Target, index: int, text: str, ref: str, pin: str) -> None:
    """Put the block item `ref` (pinned) in place of the own-text item at `index`, which must still hold
    `text` (ConflictError when another writer changed it meanwhile)."""
    try:
        current = own_text(editor, target, index)
    except PromoteError:
        current = None
    if current != text:
        raise ConflictError(f"item {index + 1} of {target.id} was changed by another writer; promote it again")
    editor.remove(target.loc, index)
    editor.insert_block(target.loc, ref, pin, index=index)


def promote_item(lw: LoadedWorkspace, editor: DraftEditor, target: Target, index: int, *, namespace: str,
                 block_id: str, title: str, themes: list[str], today: dt.date, body: str | None = None,
                 short: str = "", owner: str = "", summary: str = "", tags: list[str] | None = None, sources: str = "") -> Promoted:
    """Write the own-text item at `index` of `target` as block `block_id` of library `namespace` (its
    body the item's text, or `body` when the user made it general, say with a placeholder) and put the
    pinned block in its place (in `editor`, unsaved). InvalidFields says what the block lacks."""
    text = own_text(editor, target, index)
    model = editor.model()
    lc = lw.consultations.get(model.consultation) if model is not None else None
    language = lc.model.language if lc is not None and lc.model is not None else None  # the text's: the consultation's
    path = new_block(lw, namespace, block_id=block_id, title=title, themes=themes, body=text if body is None else body,
                     short=short, owner=owner, today=today, language=language, summary=summary, tags=tags, sources=sources)
    fresh = LoadedWorkspace.load(lw.ws)
    lib = next(lib for lib in fresh.index.libraries if lib.namespace == namespace)
    block = lib.blocks.get(block_id)
    if block is None:
        raise PromoteError(f"{lw.ws.display(path)} was written but does not load: run drafter lint")
    pin = store(lw.ws.state_dir, block, language)
    ref = fresh.index.qualified(lib, block)
    swap_in(editor, target, index, text, ref, pin)
    return Promoted(path, ref, pin, index, fresh)


def promote_in_file(lw: LoadedWorkspace, path: Path, qid: str, *, block_id: str, item: int | None = None,
                    namespace: str | None = None, title: str | None = None, themes: list[str] | None = None,
                    today: dt.date) -> Promoted:
    """`drafter promote`: promote an item of the draft at `path` and save it. Another writer's change
    to other answers is merged; when the save cannot merge, the draft is read again and the swap redone
    (ConflictError when the item itself was changed)."""
    editor = DraftEditor.load(path)
    draft = editor.model()
    if draft is None:
        raise PromoteError(f"{lw.ws.display(path)} does not validate: fix it first (drafter check)")
    lc = lw.consultations.get(draft.consultation)
    if lc is None or lc.model is None:
        raise PromoteError(f"the consultation '{draft.consultation}' is not in this workspace")
    target = build(lc.model, draft).get(qid)
    if target is None:
        raise PromoteError(f"'{draft.consultation}' has no question '{qid}'")
    index = pick_item(response(lc.model, draft).items(qid), item)
    namespace = namespace or default_library(lw)
    if namespace is None:
        raise PromoteError("say which library with --library NS (no own library in positions/)")
    chosen = list(themes or target.themes)
    if not chosen:
        raise PromoteError(f"question {qid} has no themes: give the block's with --theme")
    text = own_text(editor, target, index)
    made: list[Promoted] = []

    def swap(editor: DraftEditor) -> list[Promoted]:
        if not made:  # the block is written once; a retry only redoes the swap in the draft read again
            made.append(promote_item(lw, editor, target, index, namespace=namespace, block_id=block_id,
                                     title=title or default_title(text), themes=chosen, today=today))
        else:
            swap_in(editor, target, index, text, made[0].ref, made[0].pin)
        return made

    return edit_and_save(path, swap)[0]


__all__ = ["InvalidFields", "PromoteError", "Promoted", "default_library", "default_title", "own_text", "pick_item",
           "promote_in_file", "promote_item", "swap_in", "text_items"]
