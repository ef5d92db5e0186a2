"""Forms: fields with a label, checked as the user types and on save, with what is wrong beside each.

A `FormScreen` collects values and hands them to its `submit` function, which calls an operation
(`drafter/ops/`); an `InvalidFields` from it is shown beside the fields it names and the form stays
open, so nothing is written until every field is valid. `ReportDialog` shows lines of text (what a
sync did, say).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from ...ops.fields import InvalidFields
from ...safetext import visible
from ..widgets.tick import Tick, Ticks

FieldKind = Literal["input", "text", "select", "check", "multi"]


@dataclass
class Field:
    """One field of a form."""

    name: str
    label: str
    kind: FieldKind = "input"
    value: Any = ""
    required: bool = False
    placeholder: str = ""
    note: str = ""
    """A dim line under the field: what to type, an example."""
    options: list[tuple[str, str]] = field(default_factory=list)
    """(label, value) for `select` and `multi`."""
    check: Callable[[str], str | None] | None = None
    """What is wrong with a typed value (None: nothing); run as the user types and on save."""


class FormScreen(ModalScreen[Any]):
    """A modal form; dismisses with what `submit` returned, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check every field and save (nothing is written while a field is wrong)."),  # not priority: it waits for the keys typed before it
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close the form without writing anything."),
    ]

    def __init__(self, title: str, fields: list[Field], submit: Callable[[dict[str, Any]], Any], *, intro: str = "", ok: str = "Save", form_id: str | None = None):
        super().__init__(classes="dialog", id=form_id)
        self.form_title, self.fields, self.submit, self.intro, self.ok = title, fields, submit, intro, ok
        self.by_name = {f.name: f for f in fields}

    # ------------------------------------------------------------------ layout

    def compose(self):
        with Vertical(classes="dialog-box wide form-box"):
            yield Label(Text(self.form_title), classes="dialog-title")
            if self.intro:
                yield Static(Text(self.intro), classes="dim form-intro")
            with VerticalScroll(classes="form-fields", can_focus=False):
                for f in self.fields:
                    yield from self.field_widgets(f)
                yield from self.extra()
            yield Static("", id="e-form", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.ok} (ctrl+s)", id="form-ok", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def extra(self):
        """More widgets after the fields (a subclass's list of questions, say)."""
        yield from ()

    def field_widgets(self, f: Field):
        blink = getattr(self.app, "blink", True)
        label = f.label + (" *" if f.required else "")
        widget: Widget
        if f.kind == "text":
            widget = TextArea(str(f.value or ""), id=f"f-{f.name}", classes="form-text", compact=True, placeholder=f.placeholder)
            widget.cursor_blink = blink
        elif f.kind == "select":
            options = [(Text(visible(lab, one_line=True)), val) for lab, val in f.options]
            widget = Select(options, value=f.value if f.value else Select.NULL, id=f"f-{f.name}", allow_blank=not f.required or not f.value, compact=True)
        elif f.kind == "check":
            widget = Tick(f.placeholder or "yes", bool(f.value), id=f"f-{f.name}", compact=True)
        elif f.kind == "multi":
            chosen = set(f.value or [])
            widget = Ticks(*[(Text(visible(lab, one_line=True)), val, val in chosen) for lab, val in f.options], id=f"f-{f.name}", classes="form-multi", compact=True)
        else:
            widget = Input(str(f.value or ""), id=f"f-{f.name}", placeholder=f.placeholder, compact=True)
            widget.cursor_blink = blink
        with Vertical(classes="form-field"):
            with Horizontal(classes="form-row"):
                yield Label(label, classes="form-label")
                yield widget
            if f.note:
                yield Static(Text(f.note), classes="form-note")
            yield Static("", id=f"e-{f.name}", classes="field-error")

    def on_mount(self) -> None:
        for f in self.fields:
            self.query_one(f"#e-{f.name}").display = False
        self.query_one("#e-form").display = False
        for multi in self.query(SelectionList):
            if multi.option_count:
                multi.highlighted = 0  # so space ticks the first at once
        first = next((f for f in self.fields if f.required and not f.value), self.fields[0] if self.fields else None)
        if first is not None:
            self.query_one(f"#f-{first.name}").focus()
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Let the fields scroll within the screen, so the title and the buttons always show."""
        box = self.query_one(".form-box")
        fields = self.query_one(".form-fields")
        others = sum(child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
                     for child in box.children if child is not fields and child.display)
        room = self.size.height * 9 // 10 - others - 4  # the box's border and padding
        fields.styles.max_height = max(4, room)

    # ------------------------------------------------------------------ values and problems

    def value(self, name: str) -> Any:
        f = self.by_name[name]
        widget = self.query_one(f"#f-{name}")
        if isinstance(widget, TextArea):
            return widget.text.strip()
        if isinstance(widget, Select):
            return widget.value if isinstance(widget.value, str) else ""
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, SelectionList):
            return list(widget.selected)
        assert f.kind == "input"
        return self.query_one(f"#f-{name}", Input).value.strip()

    def values(self) -> dict[str, Any]:
        return {f.name: self.value(f.name) for f in self.fields}

    def problem(self, f: Field, value: Any, *, saving: bool) -> str | None:
        if f.required and value in ("", [], None):
            return "required" if saving else None
        if f.check is not None and isinstance(value, str) and value:
            return f.check(value)
        return None

    def show_error(self, name: str, message: str | None) -> None:
        box = self.query_one(f"#e-{name}" if name in self.by_name else "#e-form", Static)
        text = message if name in self.by_name or not message else f"{name}: {message}"
        box.update(Text(f"↳ {visible(text, one_line=True)}" if text else ""))
        box.display = bool(text)

    def show_errors(self, errors: dict[str, str]) -> None:
        for f in self.fields:
            self.show_error(f.name, errors.get(f.name))
        rest = {k: v for k, v in errors.items() if k not in self.by_name}
        box = self.query_one("#e-form", Static)
        box.update(Text("\n".join(f"↳ {visible(k + ': ' + v, one_line=True)}" for k, v in rest.items())))
        box.display = bool(rest)
        self.call_after_refresh(self.fit)
        first = next((f.name for f in self.fields if f.name in errors), None)
        if first is not None:
            self.query_one(f"#f-{first}").focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("f-")
        if name in self.by_name:
            f = self.by_name[name]
            opened_with = event.value == str(f.value or "")  # (a rename's current name is not an error until saved)
            self.show_error(name, None if opened_with else self.problem(f, event.value.strip(), saving=False))

    @on(TextArea.Changed)
    def _typed_text(self, event: TextArea.Changed) -> None:
        """A text field with a check is checked as it is typed, as a line field is."""
        name = (event.text_area.id or "").removeprefix("f-")
        f = self.by_name.get(name)
        if f is not None and f.check is not None:
            self.show_error(name, self.problem(f, event.text_area.text.strip(), saving=False))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """enter in the last line field saves; in any other it moves on."""
        event.stop()
        inputs = [f.name for f in self.fields if f.kind == "input"]
        if inputs and event.input.id == f"f-{inputs[-1]}":
            self.action_save()
        else:
            self.focus_next()

    # ------------------------------------------------------------------ saving

    def collect(self) -> dict[str, Any]:
        """The values to submit (a subclass adds its own)."""
        return self.values()

    @on(Button.Pressed, "#form-ok")
    def action_save(self) -> None:
        values = self.values()
        errors = {f.name: p for f in self.fields if (p := self.problem(f, values[f.name], saving=True))}
        if errors:
            self.show_errors(errors)
            self.notify("Some fields need attention (marked ↳).", severity="warning")
            return
        try:
            result = self.submit(self.collect())
        except InvalidFields as exc:
            self.show_errors(exc.errors)
            self.notify("Some fields need attention (marked ↳).", severity="warning")
            return
        except (OSError, ValueError) as exc:
            self.show_errors({"form": str(exc)})
            return
        self.dismiss(result)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportDialog(ModalScreen[None]):
    """Lines of text to read (what a sync did); any of escape, enter or q closes it."""

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="report.close", tooltip="Close the report."),
    ]

    def __init__(self, title: str, lines: list[str], *, error: bool = False):
        super().__init__(classes="dialog")
        self.report_title, self.lines, self.error = title, lines, error

    def compose(self):
        with Vertical(classes="dialog-box wide"):
            yield Label(Text(self.report_title), classes="dialog-title")
            with VerticalScroll(classes="report"):
                yield Static(Text("\n".join(visible(line) for line in self.lines), style="red" if self.error else ""), id="report-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (enter)", id="report-close", variant="primary")

    def text(self) -> str:
        return "\n".join(self.lines)

    @on(Button.Pressed, "#report-close")
    def action_close(self) -> None:
        self.dismiss(None)
