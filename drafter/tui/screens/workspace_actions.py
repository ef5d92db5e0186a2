"""The home screen's workspace actions: drafts (new with a name, duplicate, rename, delete, undo),
libraries (make the workspace's own, add, sync, review due blocks), new blocks and consultations.

`HomeActions` is the home screen's base class. Each action asks for what it needs in a form and
calls an operation (`ops.drafts`, `ops.authoring`, `ops.consultation_spec`, `sharing`, `review`);
git runs in a worker thread, so the UI keeps answering (ctrl+q included) while a library is cloned
or fetched. After a change the workspace is loaded again, so every table shows what is on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import work
from textual.message import Message
from textual.widgets import DataTable, Select, SelectionList, Static

from ...gitcmd import is_repo
from ...init import OWN_LIBRARY
from ...loaded import LoadedWorkspace
from ...ops import drafts as draft_ops
from ...ops.authoring import block_details, own_library_exists
from ...ops.fields import id_problem, namespace_problem, problem_of, sources_problem, split_list
from ...safetext import visible
from .base import DrafterScreen
from .consultation_form import ConsultationForm
from .dialogs import ConfirmDialog
from .due_blocks import DueBlocksScreen
from .forms import Field, FormScreen, ReportDialog


@dataclass
class LibraryAdded(Message):
    """The add-library worker cloned and recorded a library (`line` says so), or could not (`error`)."""

    line: str = ""
    error: str = ""


@dataclass
class LibrariesSynced(Message):
    """The sync worker fetched the git libraries: the report's lines, and whether one could not be synced."""

    lines: list[str] = field(default_factory=list)
    failed: bool = False


def _source_problem(source: str) -> str | None:
    from ...sharing import LibraryError, check_source

    return problem_of(check_source, source, LibraryError)


class BlockForm(FormScreen):
    """A new block; the themes offered are the chosen library's vocabulary."""

    def __init__(self, lw: LoadedWorkspace, submit, *, prefill: dict[str, Any] | None = None, title: str = "New block", intro: str = "Reviewed today; space ticks a theme."):
        self.lw = lw
        prefill = prefill or {}
        libraries = [lib for lib in lw.index.libraries if lib.meta is not None]
        own = next((lib for lib in libraries if lib.root == lw.ws.root / OWN_LIBRARY), None)
        default = own or next((lib for lib in libraries if not is_repo(lib.root)), libraries[0] if libraries else None)
        options = [(f"{lib.name} ({lib.namespace})" + (" — a shared clone" if is_repo(lib.root) else ""), lib.namespace) for lib in libraries]
        fields = [
            Field("library", "Library", kind="select", value=default.namespace if default else "", required=True, options=options),
            Field("id", "Id", required=True, placeholder="open-standards", check=id_problem, note="Lower-case letters, digits and '-'; the file is blocks/<id>.yaml."),
            Field("title", "Title", required=True),
            Field("summary", "Summary", placeholder="One or two sentences for lists and suggestions"),
            Field("themes", "Themes", kind="multi", required=True, options=self._themes(default.namespace if default else "")),
            Field("body", "Body", kind="text", required=True, placeholder="The position, in Markdown ({{ respondent.organisation }} and other placeholders work)"),
            Field("short", "Short variant", kind="text", placeholder="Optional: a shorter text for tight limits"),
            Field("tags", "Tags", placeholder="wsis:C11, sdg:9, gdc", note="Free labels, comma-separated."),
            Field("sources", "Sources", kind="text", check=sources_problem,
                  placeholder="One per line, the title then the address: Tunis Agenda, paragraph 72 https://www.itu.int/…"),
            Field("owner", "Owner", placeholder="Who keeps it up to date"),
        ]
        for f in fields:
            f.value = prefill.get(f.name, f.value)
        super().__init__(title, fields, submit, ok="Write", form_id="block-form", intro=intro)

    def _themes(self, namespace: str) -> list[tuple[str, str]]:
        lib = next((lib for lib in self.lw.index.libraries if lib.namespace == namespace), None)
        return [(f"{t.label} ({t.id})", t.id) for t in (lib.meta.themes if lib and lib.meta else [])]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-library" and isinstance(event.value, str):
            themes = self.query_one("#f-themes", SelectionList)
            ticked = set(themes.selected)  # kept where the library has them too (a prefilled form)
            themes.clear_options()
            themes.add_options([(label, value, value in ticked) for label, value in self._themes(event.value)])
            themes.highlighted = 0 if themes.option_count else None


class HomeActions(DrafterScreen):
    """Every workspace action of the home screen's bindings and the command palette."""

    lw: LoadedWorkspace
    rows: list

    DRAFT_ACTIONS = ("duplicate_draft", "rename_draft", "delete_draft")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Offer (in the footer) only what applies here: no rename without a draft, no new block
        without a library, no own library twice."""
        if not hasattr(self, "lw"):
            return True
        if action in self.DRAFT_ACTIONS:
            return bool(getattr(self, "rows", None))
        if action == "undo_delete":
            return draft_ops.last_deleted(self.lw) is not None
        if action == "new_draft":
            return bool(self.lw.consultations)
        if action == "own_library":
            return not own_library_exists(self.lw.ws)
        if action == "new_block":
            return any(lib.meta is not None for lib in self.lw.index.libraries)
        return True

    # ------------------------------------------------------------------ what is highlighted

    def _consultation_id(self) -> str | None:
        table = self.query_one("#consultations", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _draft_path(self) -> Path | None:
        table = self.query_one("#drafts", DataTable)
        if not table.row_count:
            self.notify("No draft here yet: n starts one for the highlighted consultation.", severity="warning")
            return None
        return Path(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def reload(self) -> None:
        """Load the workspace again: the tables show what is on disk now."""
        self.drafter.open_workspace(self.lw.ws.root)

    def _shown(self, path: Path) -> str:
        return self.lw.ws.display(path)

    # ------------------------------------------------------------------ drafts

    def action_new_draft(self) -> None:
        cid = self._consultation_id()
        if cid is None:
            self.notify("No consultation to answer: c writes one, or a shared library may carry some (a).", severity="warning")
            return
        lc = self.lw.consultations[cid]
        if lc.model is None:
            self.notify("This consultation does not load: see `drafter lint`.", severity="error")
            return
        folder = self.lw.ws.drafts_dir
        today = self.drafter.clock().date()
        lw = self.lw

        def start(values: dict[str, Any]) -> draft_ops.NewDraft:
            return draft_ops.start_draft(lw, lc, today, values["name"])

        name = Field("name", "File name", value=draft_ops.free_draft_name(lw, cid), required=True,
                     check=lambda v: draft_ops.name_problem(folder, v), note=f"In {self._shown(folder)}/; .yaml is added when left out.")
        title = visible(lc.model.title, one_line=True)
        self.app.push_screen(FormScreen("New draft", [name], start, ok="Start", intro=f"A response to: {title}", form_id="name-form"), self._draft_started)

    def _draft_started(self, new: draft_ops.NewDraft | None) -> None:
        if new is None:
            return
        extra = f"; respondent from {new.carried}" if new.carried else ""
        self.notify(f"Started {self._shown(new.path)}{extra}", markup=False, timeout=8)
        self.drafter.open_draft(new.path)

    def _name_form(self, title: str, path: Path, value: str, do, ok: str) -> FormScreen:
        name = Field("name", "New name", value=value, required=True, check=lambda v: draft_ops.name_problem(path.parent, v))
        return FormScreen(title, [name], lambda values: do(path, values["name"]), ok=ok, form_id="name-form", intro=f"Draft: {self._shown(path)}")

    def action_duplicate_draft(self) -> None:
        path = self._draft_path()
        if path is not None:
            form = self._name_form("Duplicate the draft", path, draft_ops.copy_name(path), draft_ops.duplicate_draft, "Duplicate")
            self.app.push_screen(form, lambda new: self._changed(new and f"Copied to {self._shown(new)}"))

    def action_rename_draft(self) -> None:
        path = self._draft_path()
        if path is not None:
            state = self.lw.ws.state_dir

            def rename(old: Path, name: str) -> Path:
                return draft_ops.rename_draft(old, name, state)

            form = self._name_form("Rename the draft", path, path.name, rename, "Rename")
            self.app.push_screen(form, lambda new: self._changed(new and f"Renamed to {self._shown(new)}"))

    def action_delete_draft(self) -> None:
        path = self._draft_path()
        if path is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                try:
                    where = draft_ops.delete_draft(self.lw, path, self.drafter.clock())
                except OSError as exc:
                    self.notify(visible(str(exc)), title="Not deleted", severity="error", markup=False)
                    return
                self._changed(f"Deleted {self._shown(path)}: moved to {self._shown(where)} (z brings it back)")

        message = f"Delete {self._shown(path)}? It is moved to .drafter/trash/, and z (undo delete) puts it back."
        self.app.push_screen(ConfirmDialog("Delete the draft?", message, yes="Delete", no="Keep"), answered)

    def action_undo_delete(self) -> None:
        try:
            restored = draft_ops.restore_last_deleted(self.lw)
        except OSError as exc:
            self.notify(visible(str(exc)), title="Not restored", severity="error", markup=False)
            return
        if restored is None:
            self.notify("No deleted draft to restore.", severity="warning")
            return
        self._changed(f"Restored {self._shown(restored)}")

    def _changed(self, message: str | None) -> None:
        if message:
            self.notify(message, markup=False, timeout=8)
            self.reload()

    # ------------------------------------------------------------------ libraries

    def action_own_library(self) -> None:
        from ...ops.authoring import make_own_library

        if own_library_exists(self.lw.ws):
            self.notify(f"This workspace has its own library already ({OWN_LIBRARY}/library.yaml): b adds a block to it.", severity="warning", markup=False)
            return
        lw = self.lw
        fields = [
            Field("name", "Name", required=True, value=f"{lw.ws.root.name} positions"),
            Field("namespace", "Namespace", required=True, placeholder="ourorg", check=namespace_problem, note="A short prefix: lower-case letters, digits and '-'."),
            Field("themes", "Themes", required=True, placeholder="Open standards, DNS abuse, IGF mandate", note="What your positions are about, comma-separated; each block names one or more."),
            Field("description", "Description", placeholder="What the library is for"),
        ]

        def make(values: dict[str, Any]):
            return make_own_library(lw, values["name"], values["namespace"], split_list(values["themes"]), values["description"])

        def made(result) -> None:
            if result is not None:
                note = "" if result.listed else " — list `- path: positions` under libraries: in drafter.yaml to use it"
                self._changed(f"Wrote {self._shown(result.path)}{note}. b adds a block.")

        intro = f"Your own position blocks, kept in {OWN_LIBRARY}/ (library.yaml and blocks/)."
        self.app.push_screen(FormScreen("Make this workspace's library", fields, make, ok="Make", intro=intro, form_id="library-form"), made)

    def action_new_block(self) -> None:
        from ...ops.authoring import new_block

        if not any(lib.meta is not None for lib in self.lw.index.libraries):
            self.notify("No library to put a block in: l makes this workspace's own.", severity="warning")
            return
        lw, today = self.lw, self.drafter.clock().date()

        def write(values: dict[str, Any]) -> Path:
            return new_block(lw, values["library"], block_id=values["id"], title=values["title"], themes=values["themes"],
                             body=values["body"], short=values["short"], owner=values["owner"], today=today, **block_details(values))

        self.app.push_screen(BlockForm(lw, write), lambda path: self._changed(path and f"Wrote {self._shown(path)}"))

    def action_dates(self) -> None:
        """The highlighted consultation's dates (on the drafts' list, the highlighted draft's): its
        deadline as the organiser's page gives it now, checked today."""
        from .dates import dates_form

        cid = self._consultation_id()
        drafts = self.query_one("#drafts", DataTable)
        if drafts.has_focus and drafts.row_count:  # on the drafts' list: the highlighted draft's consultation
            path = str(drafts.coordinate_to_cell_key(drafts.cursor_coordinate).row_key.value)
            cid = next((r.consultation for r in self.rows if str(r.path) == path), cid)
        lc = self.lw.consultations.get(cid) if cid is not None else None
        if lc is None:
            self.notify("No consultation here: c writes one, i imports one.", severity="warning")
            return
        if lc.model is None:
            self.notify("This consultation does not load: see `drafter lint`.", severity="error")
            return
        self.app.push_screen(dates_form(self.lw, lc, self.drafter.clock().date()), lambda done: self._changed(done and done.message))

    def action_new_consultation(self) -> None:
        from ...ops.consultation_spec import new_consultation

        lw, today = self.lw, self.drafter.clock().date()
        themes = [(f"{t.label} ({t.id})", t.id) for t in lw.index.themes.values()]
        form = ConsultationForm(lambda spec: new_consultation(lw, spec, today), themes)
        self.app.push_screen(form, lambda path: self._changed(path and f"Wrote {self._shown(path)}; n starts a draft of it"))

    def action_add_library(self) -> None:
        fields = [
            Field("source", "Git address", required=True, placeholder="https://git.example.org/group/positions.git", check=_source_problem,
                  note="Any address git accepts, or a folder path."),
            Field("namespace", "Namespace", placeholder="default: the library's own", check=namespace_problem),
        ]

        def added(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.query_one("#home-hint", Static).update(f"Adding {visible(values['source'], one_line=True)}…")
                self._add_worker(values["source"], values["namespace"] or None)

        self.app.push_screen(FormScreen("Add a shared library", fields, lambda values: values, ok="Add", form_id="add-library-form"), added)

    @work(thread=True, exclusive=True, group="library", description="a library's git operation")
    def _add_worker(self, source: str, namespace: str | None) -> None:
        from ...ops.libraries import added_line
        from ...sharing import LibraryError, add

        try:
            self.post_message(LibraryAdded(line=added_line(source, add(self.lw.ws, source, namespace=namespace))))
        except LibraryError as exc:
            self.post_message(LibraryAdded(error=str(exc)))

    def on_library_added(self, message: LibraryAdded) -> None:
        if message.error:
            self.query_one("#home-hint", Static).update("")
            self.notify(visible(message.error), title="Library not added", severity="error", timeout=12, markup=False)
            return
        self._changed(message.line)

    def action_sync(self) -> None:
        self.query_one("#home-hint", Static).update("Syncing the shared libraries (git fetch)…")
        self._sync_worker()

    @work(thread=True, exclusive=True, group="library", description="a library's git operation")
    def _sync_worker(self) -> None:
        from ...ops.libraries import sync_lines
        from ...sharing import LibraryError, sync

        try:
            reports = sync(self.lw.ws)
        except LibraryError as exc:
            self.post_message(LibrariesSynced([str(exc)], failed=True))
            return
        failed = any(r.status in ("dirty", "diverged", "error") for r in reports)
        self.post_message(LibrariesSynced(sync_lines(reports), failed))

    def on_libraries_synced(self, message: LibrariesSynced) -> None:
        title = "Sync: some libraries could not be synced" if message.failed else "Sync"
        self.app.push_screen(ReportDialog(title, message.lines, error=message.failed), lambda _: self.reload())

    def action_review(self, namespace: str | None = None) -> None:
        from ...ops.libraries import due_blocks
        from ...review import mark_reviewed

        lw, today = self.lw, self.drafter.clock().date()
        blocks = due_blocks(lw, today, namespace)
        title = "Blocks due for review" + (f" in {namespace}" if namespace else "")
        screen = DueBlocksScreen(title, blocks, lambda ref: mark_reviewed(lw, ref, today))
        self.app.push_screen(screen, lambda marked: self.reload() if marked else None)

    # ------------------------------------------------------------------ the demo

    def action_demo(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.drafter.open_demo()

        message = (f"Open the bundled sample in a temporary workspace? {self.lw.ws.root.name} stays as it is; "
                   "run drafter here again to come back to it.")
        self.app.push_screen(ConfirmDialog("Open the demo?", message, yes="Open the demo", no="Stay"), answered)

