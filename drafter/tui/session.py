"""A draft open in the UI: its editor, the live check context, saving, conflicts and recovery.

Invariant: every change goes through `DraftEditor`; every count and finding comes from the core's
`check_answer` / `check_draft`. While the file on disk has changed under us (a conflict), nothing
overwrites it: autosave writes the user's text to `.drafter/recovery/<draft-file-name>` instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path
from typing import Callable, Literal

from ..checks import (
    AnswerResult,
    DraftContext,
    check_answer,
    check_in_project,
    draft_context,
)
from ..draft_editor import ConflictError, DraftEditor, digest
from ..findings import Finding
from ..pins.changes import pin_all_current
from ..loaded import LoadedWorkspace
from ..yamlio import atomic_write_text, load_roundtrip

Clock = Callable[[], dt.datetime]
SaveOutcome = Literal["clean", "saved", "recovery", "conflict"]

IDLE_SECONDS = 1.0  # autosave this long after the last change…
MAX_UNSAVED_SECONDS = 1.5  # …or this long after the first unsaved one, whichever comes first


class DraftSession:
    """One draft being edited; owned by the draft screen."""

    def __init__(self, project: LoadedWorkspace, path: Path, clock: Clock):
        self.project = project
        self.path = path.resolve()
        self.clock = clock
        self.editor = DraftEditor.load(self.path)
        self.base: DraftContext = draft_context(project, self.path, clock())  # UnusableInput if unusable
        try:  # keep a copy of each pinned version, so a later change to the library can be diffed
            pin_all_current(project, self.editor)
        except OSError:
            pass
        self.conflict = False
        self.first_change: float | None = None
        self.last_change: float | None = None
        self._ctx: DraftContext | None = None
        self._ctx_model: object = None

    # ------------------------------------------------------------------ checking

    @property
    def consultation(self):
        return self.base.consultation

    @property
    def index(self):
        return self.project.index

    def context(self) -> DraftContext | None:
        """The check context over the editor's current (unsaved) draft; None if it does not validate."""
        model = self.editor.model()
        if model is None:
            return None
        if self._ctx is None or self._ctx_model is not model:
            self._ctx = dataclasses.replace(self.base, draft=model, now=self.clock())
            self._ctx_model = model
        return self._ctx

    def check(self, qid: str) -> AnswerResult | None:
        ctx = self.context()
        return check_answer(ctx, qid) if ctx else None

    def check_all(self) -> tuple[list[Finding], dict[str, AnswerResult]]:
        """What `drafter check` reports, over the unsaved state (as `run_check` combines it)."""
        ctx = self.context()
        if ctx is None:
            return list(self.editor.findings), {}
        result = check_in_project(self.project, ctx)
        return result.findings, result.results

    # ------------------------------------------------------------------ changes and saving

    def touched(self) -> None:
        """Record a change (for the autosave deadline)."""
        now = time.monotonic()
        self.last_change = now
        if self.first_change is None:
            self.first_change = now

    def autosave_due(self) -> bool:
        if not self.editor.dirty or self.last_change is None:
            return False
        now = time.monotonic()
        return now - self.last_change >= IDLE_SECONDS or now - (self.first_change or now) >= MAX_UNSAVED_SECONDS

    def save(self, *, force: bool = False) -> SaveOutcome:
        """Save to the draft file; ConflictError when it changed on disk (unless `force`)."""
        self.editor.save(force=force)
        self.conflict = False
        self.first_change = self.last_change = None
        self._drop_recovery()
        return "saved"

    def autosave(self) -> SaveOutcome:
        """Save if there is something to save; during a conflict, write the recovery file instead."""
        if not self.editor.dirty:
            return "clean"
        if not self.conflict:
            try:
                return self.save()
            except ConflictError:
                self.conflict = True
                self.write_recovery()
                return "conflict"
        self.write_recovery()
        return "recovery"

    def reload(self) -> None:
        """Take the file as it is on disk now; the user's version is kept beside the recovery file."""
        if self.editor.dirty:
            self.write_recovery(self.recovery_path.with_name(self.path.name + ".discarded"))
        self._drop_recovery()
        self.editor = DraftEditor.load(self.path)
        self.base = draft_context(self.project, self.path, self.clock())
        self.conflict = False
        self.first_change = self.last_change = None
        self._ctx = None

    # ------------------------------------------------------------------ recovery

    @property
    def recovery_path(self) -> Path:
        return self.project.ws.state_dir / "recovery" / self.path.name

    def write_recovery(self, path: Path | None = None) -> Path:
        path = path or self.recovery_path
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, self.editor.text())
        self.first_change = self.last_change = None
        return path

    def recovery_available(self) -> bool:
        """A recovery file newer than the draft, with different content."""
        rec = self.recovery_path
        try:
            if rec.stat().st_mtime < self.path.stat().st_mtime:
                return False
            return rec.read_bytes() != self.path.read_bytes()
        except OSError:
            return False

    def restore_recovery(self) -> None:
        """Take the recovery file's text as the unsaved state of the draft (saved by the next autosave).

        The file's current text is kept beside it as `<name>.before-restore`, so neither version is lost.
        """
        data = load_roundtrip(self.recovery_path)
        current = self.path.read_bytes()
        atomic_write_text(self.recovery_path.with_name(self.path.name + ".before-restore"), current.decode("utf-8", "replace"))
        self.editor = DraftEditor(self.path, data, digest(current))
        self.editor.dirty = True
        self.touched()
        self._ctx = None

    def discard_recovery(self) -> None:
        self._drop_recovery(keep=True)

    def _drop_recovery(self, keep: bool = False) -> None:
        rec = self.recovery_path
        if rec.exists():
            if keep:
                rec.replace(rec.with_name(rec.name + ".discarded"))
            else:
                rec.unlink()
