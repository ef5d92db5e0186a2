"""The drafter terminal app: wiring only. Screens live in `screens/`, widgets in `widgets/`.

Built by `make_app` from explicit inputs (workspace, clock, draft); the UI never reads the clock
or the current folder itself.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.widgets import Static

from ..safetext import visible
from .messages import WorkspaceLoaded

if TYPE_CHECKING:
    from ..loaded import LoadedWorkspace

Clock = Callable[[], dt.datetime]
LOADING_DELAY = 1.0  # seconds before the animated "Loading the workspace…" screen replaces the first frame


def palette_commands():
    """The command palette's provider, imported when the palette first opens (not at start-up)."""
    from .commands import DrafterCommands

    return DrafterCommands


class DrafterApp(App):
    """Home (consultations and drafts) → a draft (questions | answer | library)."""

    CSS_PATH = "drafter.tcss"
    TITLE = "drafter"
    COMMANDS = App.COMMANDS | {palette_commands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Show every key of this screen."),
        Binding("f9", "toggle_theme", "Light/dark", id="app.theme", tooltip="Switch between the dark and the light theme.", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Save and quit.", priority=True),
    ]

    def __init__(self, workspace: Path, clock: Clock, draft: Path | None = None, *, blink: bool = True, demo: bool = False):
        super().__init__()
        self.workspace = Path(workspace)
        self.clock = clock
        self.initial_draft = draft
        self.blink = blink
        self.demo = demo
        self.demo_folder: Path | None = None  # the sample's copy, once made
        self.lw: LoadedWorkspace | None = None

    # ------------------------------------------------------------------ loading

    def compose(self):
        # painted at once, before anything heavy is imported or read: the screens replace it
        what = "a fresh copy of the sample" if self.demo else str(self.workspace)
        yield Static(Text.assemble(("drafter", "bold"), f"  ·  opening {visible(what, one_line=True)}…"), id="topbar")

    def on_mount(self) -> None:
        # after the first frame: the loading worker's imports would hold the interpreter meanwhile
        self.call_after_refresh(self.open_demo if self.demo else lambda: self.open_workspace(self.workspace, self.initial_draft))

    def open_workspace(self, root: Path, draft: Path | None = None, *, demo: bool = False) -> None:
        from .screens.welcome import LoadingScreen

        self.workspace = Path(root)
        self._pending_draft = draft
        gc.unfreeze()  # a previous workspace's objects may be collected again
        # the loading screen only if loading takes a while: its animation would slow a quick load
        self._loading = self.set_timer(LOADING_DELAY, lambda: self._replace(LoadingScreen()))
        self._load(self.workspace, demo)

    @work(thread=True, exclusive=True, group="load", description="load the workspace")
    def _load(self, root: Path, demo: bool = False) -> None:
        """Worker: (make a copy of the sample, with `demo`,) open and load the workspace; report
        with WorkspaceLoaded."""
        from ..loaded import LoadedWorkspace
        from ..workspace import Workspace

        try:
            if demo:
                from ..ops.workspace import make_demo

                root, self._pending_draft = make_demo()
                self.call_from_thread(self._demo_made, root)
            ws = Workspace.open(root)
            if not ws.exists:
                self.post_message(WorkspaceLoaded(None, "missing"))
                return
            self.post_message(WorkspaceLoaded(LoadedWorkspace.load(ws)))
        except Exception as exc:  # reported on screen, never a traceback
            self.post_message(WorkspaceLoaded(None, f"{type(exc).__name__}: {exc}"))

    def on_workspace_loaded(self, message: WorkspaceLoaded) -> None:
        from .screens.welcome import WelcomeScreen

        self._loading.stop()
        if message.lw is None:
            if message.error != "missing":
                self.notify(visible(message.error or "cannot load"), title="Workspace", severity="error", timeout=10, markup=False)
            self._replace(WelcomeScreen(self.workspace))
            return
        self.lw = message.lw
        # the loaded libraries live as long as the session: keep them out of the collector's scans
        # (at 5,000 blocks each full collection would walk them all, mid-paint)
        gc.freeze()
        draft, self._pending_draft = self._pending_draft, None
        if draft is None or not self.open_draft(draft):
            self.show_home()

    # ------------------------------------------------------------------ navigation

    def _replace(self, screen) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def use_loaded(self, lw: LoadedWorkspace) -> None:
        """A screen reloaded the workspace (files changed on disk): the app keeps the new one."""
        gc.unfreeze()
        self.lw = lw
        gc.freeze()

    def show_home(self) -> None:
        from .screens.home import HomeScreen

        assert self.lw is not None
        self._replace(HomeScreen(self.lw))

    def open_draft(self, path: Path) -> bool:
        """Open a draft; a draft that cannot be used is reported and the current screen stays."""
        from ..ops.check import UnusableInput
        from ..ops.session import DraftSession
        from .screens.draft import DraftScreen

        assert self.lw is not None
        try:
            session = DraftSession(self.lw, Path(path), self.clock)
        except UnusableInput as exc:
            self.notify(visible("\n".join(f.message for f in exc.findings)), title=f"Cannot open {Path(path).name}", severity="error", timeout=10, markup=False)
            return False
        except Exception as exc:
            self.notify(visible(f"{type(exc).__name__}: {exc}"), title=f"Cannot open {Path(path).name}", severity="error", timeout=10, markup=False)
            return False
        self._replace(DraftScreen(session))
        return True

    def open_demo(self) -> None:
        """Open a fresh copy of the bundled sample (made by the loading worker)."""
        self.open_workspace(self.workspace, demo=True)

    def _demo_made(self, folder: Path) -> None:
        self.workspace = self.demo_folder = folder
        self.notify(f"Demo workspace: {folder}", markup=False)

    # ------------------------------------------------------------------ app actions

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if self.screen.id == "help" or type(self.screen).__name__ == "HelpScreen":
            return
        self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if flush:
                flush()
        self.exit()


def make_app(workspace: Path, now: dt.datetime | Clock, draft: Path | None = None, *, blink: bool = True, demo: bool = False) -> DrafterApp:
    """Build the app from explicit inputs: the workspace folder, the time (or a clock), a draft to
    open; with `demo`, a fresh copy of the sample instead of the workspace."""
    clock: Clock = now if callable(now) else (lambda: now)
    return DrafterApp(Path(workspace), clock, Path(draft) if draft else None, blink=blink, demo=demo)
