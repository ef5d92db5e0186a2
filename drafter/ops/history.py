"""Undo and redo for a draft being edited: a bounded history of the steps the session made.

A structural step (insert, add, remove, move, variant, choice, re-pin, respondent, a replaced text)
keeps the whole draft's YAML text from before it; undo restores that text through the round-trip
loader, so comments survive. Typing keeps only the text item's text from before it, and keystrokes
on one item join one step until a pause (`JOIN_SECONDS`) or the end of a word, as a text editor's
own undo does. Invariant: steps are undone and redone strictly in order (last in, first out), so
each one finds the draft exactly as it left it; anything that replaces the draft from outside (a
reload, a merge, a recovery) clears the history. Nothing here touches a file or a UI.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ruamel.yaml.comments import CommentedMap

from ..draft_editor import DraftEditor
from ..questionnaire import Target
from ..yamlio.roundtrip import loads_roundtrip

LIMIT = 200  # steps kept for undo
MAX_CHARS = 32_000_000  # characters of kept draft text (a huge draft keeps fewer steps)
JOIN_SECONDS = 1.0  # a keystroke this soon after the previous one on the same item joins its step

Kind = Literal["snapshot", "text"]


@dataclass
class Step:
    """One undoable change.

    `kind` "snapshot": `before` is the whole draft's YAML before the change (`after`, once undone,
    the YAML to redo it). `kind` "text": `before`/`after` are one text item's text (item `index` of
    question `qid`). `focus_undo`/`focus_redo` are the item to show after undoing/redoing (None: the
    question itself; `qid` None: the draft as a whole, such as the respondent)."""

    kind: Kind
    label: str
    qid: str | None
    before: str
    index: int | None = None
    focus_undo: int | None = None
    focus_redo: int | None = None
    key: Hashable | None = None  # typing on one item: what a later keystroke may join
    last: float = 0.0  # when a keystroke last joined (monotonic seconds)
    after: str | None = None

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after or "")


def word_ended(old: str, new: str) -> bool:
    """Whether the edit from `old` to `new` typed white space after a word (a step ends there)."""
    if len(new) <= len(old):
        return False
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    inserted = new[start : start + len(new) - len(old)]
    before = new[start - 1] if start else ""
    if not any(c.isspace() for c in inserted):
        return False
    return len(inserted) > 1 or (before != "" and not before.isspace())


class History:
    """The undo and redo stacks of one draft session."""

    def __init__(self, *, limit: int = LIMIT, max_chars: int = MAX_CHARS, join_seconds: float = JOIN_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.max_chars = max_chars
        self.join_seconds = join_seconds
        self.clock = clock
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []

    def can_undo(self) -> bool:
        return bool(self.undo_steps)

    def can_redo(self) -> bool:
        return bool(self.redo_steps)

    def clear(self) -> None:
        self.undo_steps.clear()
        self.redo_steps.clear()

    def joins(self, key: Hashable, old: str, new: str, kind: str = "text") -> bool:
        """Whether a keystroke on `key` taking its text from `old` to `new` joins the last step (of
        `kind`; and if so, the step now lasts until this keystroke); a new step starts after a pause,
        on another item, after another kind of change, and at each word's end."""
        now = self.clock()
        top = self.undo_steps[-1] if self.undo_steps else None
        if top is None or top.kind != kind or top.key != key or now - top.last > self.join_seconds or word_ended(old, new):
            return False
        top.last = now
        self.redo_steps.clear()
        return True

    def push(self, step: Step) -> None:
        """Record a step just made (the redo stack is dropped: a new change starts a new branch)."""
        step.last = self.clock()
        self.undo_steps.append(step)
        self.redo_steps.clear()
        self._bound()

    def seal(self) -> None:
        """End the current typing step: the next keystroke starts a new one."""
        if self.undo_steps:
            self.undo_steps[-1].key = None

    def take_undo(self) -> Step | None:
        return self.undo_steps.pop() if self.undo_steps else None

    def take_redo(self) -> Step | None:
        return self.redo_steps.pop() if self.redo_steps else None

    def undone(self, step: Step, after: str) -> None:
        """`step` was undone; `after` is what redoes it."""
        step.after = after
        step.key = None
        self.redo_steps.append(step)

    def redone(self, step: Step, before: str) -> None:
        """`step` was redone; `before` is what undoes it."""
        step.before = before
        step.key = None
        self.undo_steps.append(step)
        self._bound()

    def _bound(self) -> None:
        """Drop the oldest steps beyond the limit of steps or of kept text."""
        while len(self.undo_steps) > self.limit:
            self.undo_steps.pop(0)
        total = sum(s.size for s in self.undo_steps) + sum(s.size for s in self.redo_steps)
        while total > self.max_chars and len(self.undo_steps) > 1:
            total -= self.undo_steps.pop(0).size


class Undoable:
    """Undo and redo for `DraftSession` (which this is mixed into): it records a step around each edit
    and replays the history through the editor."""

    editor: DraftEditor
    path: Path
    _ctx: object

    def target(self, tid: str) -> Target:
        raise NotImplementedError

    def touched(self) -> None:
        raise NotImplementedError

    @property
    def history(self) -> History:
        history = self.__dict__.get("_history")
        if history is None:
            history = self.__dict__["_history"] = History()
        return history

    # ------------------------------------------------------------------ recording (the session's edits call these)

    def _snapshot(self) -> str | None:
        """The draft's YAML now, to undo the edit about to be made (None, and the history cleared,
        when the draft cannot be written: then no step could be undone faithfully)."""
        try:
            return self.editor.text()
        except ValueError:
            self.history.clear()
            return None

    def _record(self, before: str | None, label: str, qid: str | None = None, *, undo: int | None = None, redo: int | None = None) -> None:
        """Record a structural step made since `before` was taken; `undo`/`redo` are the items to
        show after undoing and redoing it."""
        if before is not None:
            self.history.push(Step("snapshot", label, qid, before, focus_undo=undo, focus_redo=redo))

    def _typed(self, qid: str, index: int, old: str, new: str, *, join: bool = True, label: str | None = None) -> None:
        """Record typing in text item `index` of `qid` (from `old` to `new`), joining the step of the
        keystrokes just before it when `join`."""
        key = ("text", qid, index)
        if join and self.history.joins(key, old, new):
            return
        step = Step("text", label or f"typing in {qid}", qid, old, index=index, focus_undo=index, focus_redo=index, key=key if join else None)
        self.history.push(step)

    # ------------------------------------------------------------------ undo and redo

    def undo(self) -> Step | None:
        """Undo the last step (None when there is none); the step says what it was and where."""
        step = self.history.take_undo()
        if step is None:
            return None
        try:
            after = self._apply(step, step.before)
        except Exception:
            self.history.clear()
            raise
        self.history.undone(step, after)
        return step

    def redo(self) -> Step | None:
        """Redo the last undone step (None when there is none)."""
        step = self.history.take_redo()
        if step is None:
            return None
        assert step.after is not None
        try:
            before = self._apply(step, step.after)
        except Exception:
            self.history.clear()
            raise
        self.history.redone(step, before)
        return step

    def _apply(self, step: Step, state: str) -> str:
        """Put the draft in `state` (the step's kind says of what); returns the state it was in."""
        if step.kind == "text":
            assert step.qid is not None and step.index is not None
            loc = self.target(step.qid).loc
            item = self.editor.items(loc)[step.index]
            now = item.get("text") if hasattr(item, "get") else None
            if not isinstance(now, str):
                raise ValueError(f"item {step.index + 1} of {step.qid} is no longer a text item")
            self.editor.set_text(loc, step.index, state)
            current = str(now)
        else:
            current = self.editor.text()
            data = loads_roundtrip(state)
            if not isinstance(data, CommentedMap):
                raise ValueError("the kept draft is not a mapping")
            old = self.editor
            self.editor = DraftEditor(old.path, data, old.disk_digest, old.base_text)
            self.editor.dirty = True
            self._ctx = None
        self.touched()
        return current
