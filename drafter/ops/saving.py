"""Saving a draft being edited: autosave, conflicts with another writer, and recovery.

Invariant: while the file on disk has changed under us (a conflict), nothing overwrites it: autosave
writes the user's text to `.drafter/recovery/<name>` instead; a reload or a restored recovery keeps
the version it replaces beside the recovery file (`.discarded`, `.before-restore`), so no version is
lost. Nothing here imports a UI.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from ruamel.yaml.error import YAMLError

from ..checks import DraftContext
from ..draft_editor import ConflictError, DraftEditor, digest
from ..findings import Finding, finding
from ..loaded import LoadedWorkspace
from ..yamlio import atomic_write_text, load_roundtrip
from .check import UnusableInput, draft_context
from .history import Undoable

Clock = Callable[[], dt.datetime]
SaveOutcome = Literal["clean", "saved", "merged", "recovery", "conflict"]

IDLE_SECONDS = 1.0  # autosave this long after the last change…
MAX_UNSAVED_SECONDS = 1.5  # …or this long after the first unsaved one, whichever comes first


RECOVERY = "recovery"
RECOVERY_SUFFIXES = ("", ".discarded", ".before-restore")
"""The recovery file of a draft and the versions kept beside it (see the module's invariant)."""


def recovery_file(state_dir: Path, draft: Path) -> Path:
    """Where the user's text of `draft` goes while the file on disk cannot take it."""
    return state_dir / RECOVERY / draft.name


def move_recovery(state_dir: Path, old: Path, new: Path) -> list[Path]:
    """A renamed draft takes its recovery files with it (else the text kept there would no longer be
    offered when the draft opens); one whose new name has one already stays where it is. Returns
    the files moved."""
    moved = []
    for suffix in RECOVERY_SUFFIXES:
        source = recovery_file(state_dir, old).with_name(old.name + suffix)
        target = recovery_file(state_dir, new).with_name(new.name + suffix)
        if source.is_file() and not target.exists():
            source.replace(target)
            moved.append(target)
    return moved


def draft_context_findings(lw: LoadedWorkspace, path: Path) -> list[Finding]:
    """Why the draft file cannot be used, as findings (empty when it can)."""
    ld = lw.draft(path)
    return list(ld.findings)


class Saving(Undoable):
    """Autosave, conflicts and recovery for `DraftSession` (which this is mixed into)."""

    lw: LoadedWorkspace
    clock: Clock
    base: DraftContext
    conflict: bool
    first_change: float | None
    last_change: float | None

    def disk_text(self) -> str | None:
        """The draft file as it is on disk now (None when it cannot be read)."""
        try:
            return self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def differences(self) -> list[str]:
        """A unified diff from the file on disk to the unsaved draft: what "keep mine" would write."""
        import difflib

        theirs = self.disk_text()
        if theirs is None:
            return ["(the file on disk cannot be read)"]
        return list(difflib.unified_diff(theirs.splitlines(), self.editor.text().splitlines(), "on disk", "yours", lineterm=""))

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
        """Save to the draft file. When it changed on disk, another writer's changes to other answers
        are merged in (`merged`: the draft holds both); ConflictError when both changed the same
        answer (unless `force`, which keeps this version)."""
        outcome = self.editor.save(force=force, merge=not force)
        self.conflict = False
        self.first_change = self.last_change = None
        self._drop_recovery()
        if outcome == "merged":
            self._ctx = None
            self.history.clear()  # another writer's changes are in now: an older state would drop them
        return outcome

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
        """Take the file as it is on disk now; the user's version is kept beside the recovery file.

        UnusableInput (with the findings) when the file on disk cannot be used — then nothing changes:
        the user's text stays open, and is kept in the recovery file."""
        try:
            editor = DraftEditor.load(self.path)
            base = draft_context(self.lw, self.path, self.clock())
        except UnusableInput:
            self.write_recovery()
            raise
        except (OSError, ValueError, YAMLError) as exc:  # not usable YAML: say so as the check would
            self.write_recovery()
            findings = draft_context_findings(self.lw, self.path) or [finding("yaml", f"cannot read the draft: {exc}", file=str(self.path))]
            raise UnusableInput(findings) from None
        if self.editor.dirty:
            self.write_recovery(self.recovery_path.with_name(self.path.name + ".discarded"))
        self._drop_recovery()
        self.editor = editor
        self.base = base
        self.conflict = False
        self.first_change = self.last_change = None
        self._ctx = None
        self.history.clear()

    # ------------------------------------------------------------------ recovery

    @property
    def recovery_path(self) -> Path:
        return recovery_file(self.lw.ws.state_dir, self.path)

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
        # the file as it is now is what the restored text changed: a later change on disk to other
        # answers merges into it, as it does after any edit
        self.editor = DraftEditor(self.path, data, digest(current), current.decode("utf-8", "replace"))
        self.editor.dirty = True
        self.touched()
        self._ctx = None
        self.history.clear()

    def discard_recovery(self) -> None:
        self._drop_recovery(keep=True)

    def _drop_recovery(self, keep: bool = False) -> None:
        rec = self.recovery_path
        if rec.exists():
            if keep:
                rec.replace(rec.with_name(rec.name + ".discarded"))
            else:
                rec.unlink()
