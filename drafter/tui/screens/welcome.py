"""Shown where there is no workspace: make one here (`drafter init`), or open the demo."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, LoadingIndicator, Static

from .base import DrafterScreen


class WelcomeScreen(DrafterScreen):
    """No drafter workspace in this folder: offer `drafter init` or the demo instead of failing."""

    BINDINGS = [
        Binding("i", "init(False)", "Init here", id="welcome.init", tooltip="Make a workspace here: drafter.yaml and the default folders (drafter init)."),
        Binding("s", "init(True)", "Init with sample", id="welcome.init-sample", tooltip="Make a workspace here with a copy of the sample (drafter init --sample)."),
        Binding("d", "demo", "Demo", id="welcome.demo", tooltip="Open the bundled sample in a fresh temporary workspace."),
    ]

    def __init__(self, folder):
        super().__init__()
        self.folder = folder

    def compose(self):
        with Center(id="welcome"):
            with Vertical(id="welcome-box"):
                yield Static("[b]drafter[/b] — draft consultation responses from shared position blocks", classes="dialog-title")
                yield Static(
                    f"There is no drafter workspace in [b]{self.folder.name or self.folder}[/b] "
                    "(no drafter.yaml, positions/ or consultations/).\n\nMake one here, or try the demo first.",
                    classes="dialog-message",
                )
                yield Button("Make a workspace here (i)", id="init", variant="primary")
                yield Button("Make one with the sample (s)", id="init-sample")
                yield Button("Open the demo (d)", id="demo")
        yield Footer()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "demo":
            self.action_demo()
        else:
            self.action_init(event.button.id == "init-sample")

    def action_init(self, sample: bool) -> None:
        from ...init import init_workspace

        init_workspace(self.folder, sample=sample)
        self.notify(f"Workspace created in {self.folder.name}" + (" with the sample" if sample else ""))
        self.drafter.open_workspace(self.folder)

    def action_demo(self) -> None:
        self.drafter.open_demo()


class LoadingScreen(Screen):
    """While a worker loads the workspace."""

    def compose(self):
        yield Static("Loading the workspace…", id="loading-text")
        yield LoadingIndicator()
