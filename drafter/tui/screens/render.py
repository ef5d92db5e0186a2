"""The render dialog: format and output path (and whether to render despite errors)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ...formats import FORMATS as ALL_FORMATS
from ...formats import SUFFIX
from ..widgets.tick import Tick

LABELS = {"docx": "DOCX (upload)", "md": "Markdown", "txt": "Plain text (web forms)", "pdf": "PDF (via LibreOffice)", "eml": "E-mail message (.eml)"}
FORMATS = [(LABELS.get(fmt, fmt), fmt) for fmt in ALL_FORMATS]


@dataclass(frozen=True)
class RenderRequest:
    """What to render: the format, where to, and whether errors may be ignored."""

    fmt: str
    path: Path
    force: bool = False


class RenderDialog(ModalScreen[RenderRequest | None]):
    """Choose format and path; the render itself runs in a worker after the dialog closes."""

    BINDINGS = [
        Binding("ctrl+s", "render", "Render", id="render.go", tooltip="Write the submission.", priority=True),
        Binding("escape", "cancel", "Cancel", id="render.cancel", tooltip="Close without rendering."),
    ]

    def __init__(self, root: Path, draft: Path, errors: int, default_format: str = "docx"):
        super().__init__(classes="dialog")
        self.root, self.draft, self.errors, self.fmt = root, draft, errors, default_format

    def _default_path(self, fmt: str) -> str:
        out = self.draft.with_suffix(SUFFIX[fmt])
        try:
            return str(out.relative_to(self.root))
        except ValueError:
            return str(out)

    def compose(self):
        with Vertical(classes="dialog-box", id="render-box"):
            yield Label("Render the submission", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Format", classes="form-label")
                yield Select(FORMATS, value=self.fmt, allow_blank=False, id="render-format", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Write to", classes="form-label")
                path = Input(self._default_path(self.fmt), id="render-path", compact=True)
                path.cursor_blink = getattr(self.app, "blink", True)
                yield path
            if self.errors:
                yield Static(f"The draft has {self.errors} error{'s' if self.errors != 1 else ''}; `drafter render` refuses it without --force.", classes="warning-text")
                yield Tick("Render anyway (--force)", id="render-force", compact=True)
            else:
                yield Static("The draft has no errors.", classes="ok-text")
            yield Static("Relative paths are inside the workspace. An existing file is replaced atomically.", classes="dim")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Render (ctrl+s)", id="render", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    @on(Select.Changed, "#render-format")
    def _format(self, event: Select.Changed) -> None:
        path = self.query_one("#render-path", Input)
        if isinstance(event.value, str):
            if path.value == self._default_path(self.fmt):
                path.value = self._default_path(event.value)
            self.fmt = event.value

    @on(Button.Pressed, "#render")
    @on(Input.Submitted, "#render-path")
    def action_render(self) -> None:
        raw = self.query_one("#render-path", Input).value.strip()
        if not raw:
            self.notify("Give a file to write.", severity="warning")
            return
        path = Path(raw).expanduser()
        path = path if path.is_absolute() else self.root / path
        force = bool(self.query("#render-force")) and self.query_one("#render-force", Checkbox).value
        if self.errors and not force:
            self.notify("The draft has errors: tick “Render anyway” or fix them first.", severity="warning")
            return
        self.dismiss(RenderRequest(self.fmt, path, force))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
