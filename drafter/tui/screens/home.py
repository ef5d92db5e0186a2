"""The home screen: the workspace's consultations (deadline, time left) and its drafts (progress)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Label, Static

from ...ops.consultations import consultation_rows
from ...ops.progress import draft_progress
from ...safetext import visible
from ...wording import plural
from ..messages import DraftsChecked
from .import_review import ImportActions

if TYPE_CHECKING:
    from ...loaded import LoadedWorkspace

DEADLINE_STYLE = {"passed": "bold red", "near": "yellow", "open": "green"}


DRAFT_COLUMNS = ("Draft", "Consultation", "Answered", "Required", "Errors", "Warnings")


class HomeScreen(ImportActions):
    """Consultations with their deadlines, drafts with their progress, libraries with their blocks;
    and the keys that make each of them (workspace_actions.py)."""

    AUTO_FOCUS = "#drafts"
    HELP = ("Drafts: n new (asks the name), y duplicate, m rename, x delete (to .drafter/trash/), z undo the delete. "
            "Libraries: l makes this workspace's own, b a new block, a adds a shared one, s syncs them, v lists the "
            "blocks due for review (enter on a library row too). c writes a new consultation.")
    BINDINGS = [
        Binding("enter", "open", "Open", id="home.open", tooltip="Open the highlighted draft (or start one for the highlighted consultation).", show=False),
        Binding("n", "new_draft", "New draft", id="home.new-draft", tooltip="Start a new draft for the highlighted consultation: asks its file name."),
        Binding("y", "duplicate_draft", "Duplicate", id="home.duplicate-draft", tooltip="Copy the highlighted draft under a new name.", show=False),
        Binding("m", "rename_draft", "Rename", id="home.rename-draft", tooltip="Rename the highlighted draft (never over another).", show=False),
        Binding("x,delete", "delete_draft", "Delete", id="home.delete-draft", tooltip="Delete the highlighted draft: it is moved to .drafter/trash/ (z puts it back).", show=False),
        Binding("z", "undo_delete", "Undo delete", id="home.undo-delete", tooltip="Put back the draft deleted last (from .drafter/trash/).", show=False),
        Binding("e", "dates", "Dates", id="home.dates", show=False,
                tooltip="The highlighted consultation's deadline (on the drafts' list, the highlighted draft's) as the organiser's page gives it now; saving marks its details checked today."),
        Binding("c", "new_consultation", "New consultation", id="home.new-consultation", tooltip="Write a consultation in a form: its details, deadline and questions."),
        Binding("i", "import", "Import", id="home.import", tooltip="Import a consultation from the organiser's questionnaire or draft (.docx, .html, .md, .txt, .pdf): review what was detected beside the source, then save it."),
        Binding("l", "own_library", "Own library", id="home.own-library", tooltip="Make this workspace's own library (positions/library.yaml: name, namespace, themes).", show=False),
        Binding("b", "new_block", "New block", id="home.new-block", tooltip="Write a new position block in a library, in a form."),
        Binding("a", "add_library", "Add library", id="home.add-library", tooltip="Add a shared library from git (clones it into libraries/)."),
        Binding("s", "sync", "Sync", id="home.sync", tooltip="Fetch the shared libraries: what changed and which drafts it affects."),
        Binding("v", "review", "Review", id="home.review", tooltip="The blocks due for review; enter marks one reviewed today.", show=False),
        Binding("d", "demo", "Demo", id="home.demo", tooltip="Open the bundled sample in a fresh temporary workspace (asks first).", show=False),
        Binding("r", "refresh", "Refresh", id="home.refresh", tooltip="Reload the workspace and re-check every draft.", show=False),
    ]

    def __init__(self, lw: LoadedWorkspace):
        super().__init__()
        self.lw = lw
        self.rows: list = []

    def compose(self):
        ws = self.lw.ws
        yield Static(Text.assemble(("drafter", "bold"), f"  ·  workspace {ws.root.name}"), id="topbar")
        with Vertical(id="home"):
            yield Label("Consultations", classes="section-title")
            yield DataTable(id="consultations", cursor_type="row", zebra_stripes=True)
            yield Label("Drafts", classes="section-title")
            yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
            yield Label("Libraries", classes="section-title")
            yield DataTable(id="libraries", cursor_type="row", zebra_stripes=True)
            yield Static(id="home-hint")
        yield Footer(compact=True, show_command_palette=False)  # the hint line names the other keys, ctrl+p lists them

    def on_mount(self) -> None:
        now = self.drafter.clock()
        table = self.query_one("#consultations", DataTable)
        rest = self.app.size.width - 4 - 30 - 18 - 8  # fixed: deadline, time left, cell padding
        with_organiser = rest >= 44
        title_width = rest * 3 // 5 if with_organiser else rest + 2
        table.add_column("Consultation", width=title_width)
        if with_organiser:
            table.add_column("Organiser", width=rest - title_width - 2)
        table.add_column("Deadline", width=30)
        table.add_column("Time left", width=18)
        for c in consultation_rows(self.lw, now):
            moved = Text(" ✱ moved", style="bold magenta") if c.deadline_moved else Text("")
            left = Text(c.time_left, style=DEADLINE_STYLE[c.state])
            deadline = Text.assemble(f"{c.deadline:%Y-%m-%d %H:%M %z}", moved)
            cells = [Text(visible(c.title, one_line=True), overflow="ellipsis", no_wrap=True)]
            if with_organiser:
                cells.append(Text(visible(c.organiser, one_line=True), overflow="ellipsis", no_wrap=True))
            table.add_row(*cells, deadline, left, key=c.id)
        self.query_one("#drafts", DataTable).add_columns(*DRAFT_COLUMNS)
        self.query_one("#home-hint", Static).update(Text("Checking drafts…", style="dim"))
        self.check_drafts(now)

    @work(thread=True, exclusive=True, group="home", description="check the drafts")
    def check_drafts(self, now) -> None:
        from ...sharing import library_rows

        self.post_message(DraftsChecked(draft_progress(self.lw, now), library_rows(self.lw, now.date())))

    def on_drafts_checked(self, message: DraftsChecked) -> None:
        self.rows = message.rows
        self.refresh_bindings()
        table = self.query_one("#drafts", DataTable)
        table.clear(columns=True)  # fixed widths, so the table is laid out once, not as rows arrive
        name_width = max([len(r.name) for r in self.rows] + [12])
        cid_width = max([len(r.consultation) for r in self.rows] + [12])
        for label, width in zip(DRAFT_COLUMNS, (name_width, cid_width, 8, 8, 6, 8), strict=True):
            table.add_column(label, width=width)
        for row in self.rows:
            if row.problem:
                table.add_row(visible(row.name, one_line=True), Text(visible(row.problem, one_line=True), style="red", overflow="ellipsis"), "", "", "", "", key=str(row.path))
                continue
            req = Text(f"{row.required_answered}/{row.required}", style="green" if row.required_answered == row.required else "yellow")
            errors = Text(str(row.errors), style="bold red" if row.errors else "green")
            warnings = Text(str(row.warnings), style="yellow" if row.warnings else "green")
            table.add_row(row.name, row.consultation, f"{row.answered}/{row.targets}", req, errors, warnings, key=str(row.path))
        self._fill_libraries(message.libraries)
        self.query_one("#home-hint", Static).update(self.hint())

    def hint(self) -> Text:
        """The way on from here: what this workspace lacks, and the key that makes it."""
        own = any(lib.meta is not None for lib in self.lw.index.libraries)
        if not self.lw.consultations:
            steps = [] if own else ["l: make your own library", "a: add a shared library"]
            steps += ["i: import one", "c: new consultation", "b: new block"] if own else ["i: import one", "c: new consultation"]
            return Text.assemble(("Nothing to answer yet. ", "bold"), " · ".join([*steps, "d: demo", "f1: help"]), style="dim")
        if not self.rows:
            steps = ["n: new draft for the highlighted consultation", "c: new consultation"]
            steps += ["b: new block"] if own else ["l: make your own library", "a: add a library"]
            return Text(f"No drafts yet. {' · '.join([*steps, 'f1: help'])}", style="dim")
        return Text("enter open · y/m/x duplicate/rename/delete the draft (z undo) · e a consultation's dates · v review · d demo · r refresh · ctrl+p all", style="dim")

    def _fill_libraries(self, libraries) -> None:
        """Each library with its blocks, blocks due for review, and changes drafts have not taken."""
        table = self.query_one("#libraries", DataTable)
        table.clear(columns=True)
        for label, width in (("Library", 28), ("Blocks", 6), ("Due", 4), ("Changed since pinned", 36), ("Source", 30)):
            table.add_column(label, width=width)
        for r in libraries:
            changed = sum(len(refs) for refs in r.pending.values())
            pending = (
                Text(f"{plural(changed, 'block')} in {plural(len(r.pending), 'draft')}", style="bold yellow")
                if changed
                else Text("none", style="green")
            )
            due = Text(str(r.due), style="yellow" if r.due else "green")
            source = (r.source or r.path) + (f" @ {r.commit[:10]}" if r.commit else "")
            table.add_row(Text(visible(f"{r.name} ({r.namespace})", one_line=True), overflow="ellipsis", no_wrap=True), str(r.blocks), due, pending,
                          Text(visible(source, one_line=True), overflow="ellipsis", no_wrap=True), key=r.namespace)

    # ------------------------------------------------------------------ actions

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "drafts":
            self.drafter.open_draft(Path(str(event.row_key.value)))
        elif event.data_table.id == "libraries":
            self.action_review(str(event.row_key.value))
        else:
            self.action_new_draft()

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id == "consultations":
            self.action_new_draft()
            return
        if isinstance(focused, DataTable) and focused.id == "libraries" and focused.row_count:
            self.action_review(str(focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value))
            return
        table = self.query_one("#drafts", DataTable)
        if not table.row_count:
            self.notify("No draft to open: press n to start one.", severity="warning")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self.drafter.open_draft(Path(str(key)))

    def action_refresh(self) -> None:
        self.reload()
