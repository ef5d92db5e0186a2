"""The draft screen's saving: autosave, ctrl+s, a save conflict and its dialog, the recovery copy,
and changes on disk — to the draft file (reloaded, or merged in when it touches other answers) and
to the workspace it is checked against (libraries and consultations reloaded).

Saving is the session's (`DraftSession`: autosave, merge, conflicts, recovery); this only asks it
and shows what happened. The disk is looked at by a worker every WATCH seconds, so a slow file
system never holds up typing.
"""

from __future__ import annotations

from textual import work

from ...draft_editor import ConflictError
from ...ops.check import UnusableInput
from ...ops.watch import Stamp, file_stamp, workspace_stamp
from ...safetext import visible
from ..messages import DiskChecked
from ..widgets.library import LibraryPane
from .dialogs import ConfirmDialog, ConflictDialog
from .draft_actions import DraftActions

TICK = 0.25  # autosave and countdown check interval
WATCH = 1.0  # how often the draft and the workspace are looked at for changes on disk


class DraftSaving(DraftActions):
    """Mixed into DraftScreen: saves the draft and follows the disk."""

    _conflict_shown = False
    _disk: tuple[int, int] | None  # the draft file's stamp, as last seen
    _stamp: Stamp | None  # the workspace's stamp, as last seen (None: not looked at yet)

    def start_saving(self) -> None:
        """(On mount.) Autosave every TICK, look at the disk every WATCH seconds, and offer a recovery
        copy newer than the file."""
        self.set_interval(TICK, self._tick)
        self._disk = file_stamp(self.session.path)
        self._stamp = None
        self._watch()
        self.set_interval(WATCH, self._watch)
        if self.session.recovery_available():
            self.app.push_screen(
                ConfirmDialog(
                    "Unsaved text was recovered",
                    f"drafter found a recovery copy of {self.session.path.name} newer than the file "
                    "(from a save conflict or an interrupted session). Restore it? The file's current "
                    "text is kept in .drafter/recovery/ either way.",
                    yes="Restore",
                    no="Discard",
                ),
                self._restore_answered,
            )

    async def _restore_answered(self, restore: bool | None) -> None:
        if restore:
            self.session.restore_recovery()
            await self.reload_all()
            self.notify("Recovered text restored; it will be saved in a moment.")
        else:
            self.session.discard_recovery()

    def _tick(self) -> None:
        if self.session.autosave_due():
            outcome = self.session.autosave()
            if outcome == "conflict":
                self.show_conflict()
            elif outcome == "merged":
                self.call_later(self._merged)
            self.update_bars()
        elif self.qid:
            self.update_bars()

    def flush(self) -> None:
        """Save now if anything is unsaved (on leaving the screen or quitting)."""
        if self.session.editor.dirty:
            self.session.autosave()

    def on_screen_suspend(self) -> None:
        self.flush()

    def on_unmount(self) -> None:
        self.flush()

    async def action_save(self) -> None:
        try:
            outcome = self.session.save()
        except ConflictError:
            self.session.conflict = True
            self.session.write_recovery()
            self._conflict_shown = False
            self.show_conflict()
        else:
            if outcome == "merged":
                await self._merged()
            else:
                self.notify(f"Saved {self.session.path.name}", markup=False)
        self.update_bars()

    async def _merged(self) -> None:
        """The save merged in another writer's changes (to other answers): show the draft as it is now."""
        self._disk = file_stamp(self.session.path)
        await self.reload_all()
        self.notify(f"{self.session.path.name} was changed elsewhere too (other answers): saved with both changes.", markup=False)

    def show_conflict(self) -> None:
        if self._conflict_shown:
            return
        self._conflict_shown = True
        self.app.push_screen(ConflictDialog(self.session.path.name, self.session.differences()), self._conflict_answered)

    async def _conflict_answered(self, choice: str | None) -> None:
        self._conflict_shown = False
        if choice == "keep":
            self.session.save(force=True)
            self.notify(f"Saved your version of {self.session.path.name}", markup=False)
        elif choice == "reload":
            await self._reload_from_disk(f"Reloaded from disk; your version is in .drafter/recovery/{self.session.path.name}.discarded")
        else:
            self._conflict_shown = True  # do not ask again until ctrl+s
        self.update_bars()

    async def _reload_from_disk(self, done: str) -> bool:
        """Take the file on disk; if it cannot be used, keep the user's text open and say why."""
        try:
            self.session.reload()
        except UnusableInput as exc:
            why = "; ".join(visible(f"{f.file}:{f.line}: {f.message}" if f.line else f.message, one_line=True) for f in exc.findings[:3])
            self.session.conflict = True
            self.notify(
                f"The file on disk cannot be used ({why}). Your text stays open and is kept in .drafter/recovery/.",
                title="Not reloaded", severity="error", timeout=12, markup=False,
            )
            return False
        self._disk = file_stamp(self.session.path)
        await self.reload_all()
        self.notify(done, markup=False)
        return True

    # ------------------------------------------------------------------ changes on disk

    async def take_workspace(self, lw, said: str) -> None:
        """Check against `lw`, the workspace loaded again (changed on disk, or by a form here), and say `said`."""
        problem = self.session.use_workspace(lw)
        if problem:
            self.notify(problem, severity="warning", markup=False)
            return
        self.drafter.use_loaded(lw)
        self.query_one(LibraryPane).use_index(lw.index)
        await self.reload_all()
        self.notify(said, markup=False)

    def action_dates(self) -> None:
        """The consultation's dates (alt+d, and the fix of deadline-passed and unchecked-consultation):
        its deadline as the organiser's page gives it now; saving marks its details checked today."""
        from ...loaded import LoadedWorkspace
        from .dates import dates_form

        lc = self.session.lw.consultations.get(self.session.consultation.id)
        if lc is None or lc.model is None:
            self.notify("The consultation's file does not load now: see `drafter lint`.", severity="error")
            return

        async def done(result) -> None:
            if result is None:
                return
            ws = self.session.lw.ws
            self._stamp = workspace_stamp(ws)  # (the watcher need not load it again)
            await self.take_workspace(LoadedWorkspace.load(ws), result.message)

        self.app.push_screen(dates_form(self.session.lw, lc, self.session.clock().date()), done)

    def _watch(self) -> None:
        """Every WATCH seconds: has the draft, or the workspace it is checked against, changed on disk?"""
        self._watch_worker(self.session.lw.ws, self._stamp)

    @work(thread=True, exclusive=True, group="watch", description="look for changes on disk")
    def _watch_worker(self, ws, stamp) -> None:
        from ...loaded import LoadedWorkspace

        new = workspace_stamp(ws)
        lw = LoadedWorkspace.load(ws) if stamp is not None and new != stamp else None
        self.post_message(DiskChecked(new, lw, file_stamp(self.session.path)))

    async def on_disk_checked(self, message: DiskChecked) -> None:
        first = self._stamp is None
        self._stamp = message.stamp
        if message.lw is not None:
            await self.take_workspace(message.lw, "Libraries or consultations changed on disk: reloaded.")
        if first or message.draft == self._disk:
            return
        self._disk = message.draft
        if not self.session.editor.changed_on_disk():
            return
        if not self.session.editor.dirty:
            await self._reload_from_disk(f"{self.session.path.name} changed on disk: reloaded.")
        elif not self.session.conflict:
            try:
                self.session.save()  # merges the change on disk in when it touches other answers
            except ConflictError:
                self.session.conflict = True
                self.session.write_recovery()
                self.show_conflict()
            else:
                await self._merged()
        self.update_bars()
