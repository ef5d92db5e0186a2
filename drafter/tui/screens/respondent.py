"""The respondent profile form: the usual fields, those the consultation requires, any added, co-signers.

Typing goes where the cursor shows from the first keystroke: the form opens with a field focused (the
one a fix asked for, else the first required field still empty, else the first field). Every field is
typed (choices too, with suggestions), and checked by `ops.respondent`: a field it refuses shows why
beside it, and nothing is applied while one is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from ...model import RESPONDENT_FIELDS, Consultation, Draft
from ...ops.respondent import CHOICE_WORDS, GROUPS, field_name_problem, is_email_field, parse_field, shown_text, suggested_fields
from ...safetext import visible

_ID_SAFE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass
class RespondentEdit:
    """What the form returns: respondent field → value (None to empty it), and the co-signers."""

    fields: dict[str, Any] = field(default_factory=dict)
    cosigners: list[dict[str, str]] | None = None  # None: unchanged
    profile: dict[str, Any] | None = None
    """Every field as the form shows it, when it is to be kept as the workspace's profile (ctrl+g)."""


def label(name: str) -> str:
    """A field's name as the form shows it (`stakeholder_group` → Stakeholder group)."""
    return visible(name.replace("_", " ").capitalize(), one_line=True)


class RespondentForm(ModalScreen[RespondentEdit | None]):
    """Edit who is responding; `*` marks what the consultation requires."""

    # not priority bindings: ctrl+s and ctrl+f reach the form after the keys typed before them
    BINDINGS = [
        Binding("ctrl+s", "save", "Apply", id="respondent.apply", tooltip="Apply the profile to the draft (not while a field is refused)."),
        Binding("escape", "cancel", "Cancel", id="respondent.cancel", tooltip="Close without changing the draft."),
        Binding("ctrl+f", "add_field", "Add field", id="respondent.add-field", tooltip="Add a field to the profile (any the consultation or a block asks for)."),
        Binding("ctrl+n", "add_cosigner", "Add co-signer", id="respondent.add-cosigner", tooltip="Add a row for another co-signing organisation."),
        Binding("ctrl+g", "save(True)", "Apply, keep for new drafts", id="respondent.keep",
                tooltip="Apply the profile to the draft and keep it in drafter.yaml as the profile every new draft starts from."),
    ]

    def __init__(self, consultation: Consultation, draft: Draft, focus: str | None = None):
        super().__init__(classes="dialog")
        self.required = list(consultation.respondent.required)
        self.values = draft.respondent.model_dump()
        # the fields asked for, those filled in, and the one a fix asks for; any other is added (ctrl+f)
        wanted = {*self.required, *(n for n, v in self.values.items() if shown_text(n, v).strip()), *([focus] if focus else [])}
        names = [n for n in RESPONDENT_FIELDS if n in wanted]
        names += [n for n in [*self.required, *self.values, *([focus] if focus else [])] if n in wanted and n not in names]
        self.names = names or list(RESPONDENT_FIELDS)
        self.widget_ids: dict[str, str] = {}
        self.cosigners = [c.model_dump() for c in draft.cosigners]
        empty_required = [n for n in self.names if n in self.required and not shown_text(n, self.values.get(n)).strip()]
        self.first = focus if focus else (empty_required[0] if empty_required else self.names[0])

    # ------------------------------------------------------------------ building

    def _wid(self, name: str) -> str:
        if name not in self.widget_ids:
            self.widget_ids[name] = f"f-{name}" if _ID_SAFE.match(name) else f"f--{len(self.widget_ids)}"
        return self.widget_ids[name]

    def _row(self, name: str) -> Vertical:
        """A field's label and input, and the line that says why a value is refused."""
        wid = self._wid(name)
        words = CHOICE_WORDS.get(name)
        suggest = SuggestFromList(words or GROUPS, case_sensitive=False) if words or name == "stakeholder_group" else None
        box = Input(shown_text(name, self.values.get(name)), id=wid, placeholder=self._placeholder(name), suggester=suggest, compact=True)
        box.cursor_blink = getattr(self.app, "blink", True)
        mark = " *" if name in self.required else ""
        row = Horizontal(Label(Text(label(name) + mark), classes="form-label"), box, classes="form-row")
        error = Static("", id=f"e{wid}", classes="field-error")
        error.display = False
        return Vertical(row, error, classes="form-field")

    @staticmethod
    def _placeholder(name: str) -> str:
        if name in CHOICE_WORDS:
            return " / ".join(CHOICE_WORDS[name])
        if is_email_field(name):
            return "name@example.org"
        return {"stakeholder_group": " / ".join(GROUPS[:3]) + " … or your own words"}.get(name, "")

    def compose(self):
        blink = getattr(self.app, "blink", True)
        with Vertical(classes="dialog-box wide", id="respondent-box"):
            yield Label("Respondent profile", classes="dialog-title")
            yield Static("Fields marked * are required by this consultation. tab: next field, ctrl+s: apply.", classes="dim")
            with VerticalScroll(id="respondent-fields"):
                yield Vertical(*[self._row(name) for name in self.names], id="fields")
                with Vertical(classes="form-field"):
                    with Horizontal(classes="form-row"):
                        yield Label("Add a field", classes="form-label")
                        new = Input(placeholder="its name, then enter (e.g. title)", id="new-field", compact=True,
                                    suggester=SuggestFromList(suggested_fields(self.names, self.required), case_sensitive=False))
                        new.cursor_blink = blink
                        yield new
                        yield Button("Add (ctrl+f)", id="add-field", compact=True)
                    error = Static("", id="e-new-field", classes="field-error")
                    error.display = False
                    yield error
                    yield Static(self._more(), id="more-fields", classes="form-note")
                yield Label("Co-signers", classes="form-section")
                yield Vertical(*[self._cosigner_row(c, blink) for c in self.cosigners], id="cosigners")
                yield Button("Add co-signer (ctrl+n)", id="add-cosigner", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", id="apply", variant="primary", compact=True)
                yield Button("Apply, keep for new drafts (ctrl+g)", id="keep", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        # focus now, not after a refresh: keys typed right after F2 are already on their way here
        self.set_focus(self.input_of(self.first))
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Let the fields scroll within the screen, so the title and the buttons always show."""
        box = self.query_one("#respondent-box")
        fields = self.query_one("#respondent-fields")
        others = sum(child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
                     for child in box.children if child is not fields and child.display)
        fields.styles.max_height = max(4, self.size.height * 9 // 10 - others - 4)  # the box's border and padding
        self.input_of(self.first).scroll_visible(animate=False)

    def input_of(self, name: str) -> Input:
        return self.query_one(f"#{self._wid(name)}", Input)

    @staticmethod
    def _cosigner_row(c: dict, blink: bool) -> Horizontal:
        org = Input(c.get("organisation") or "", placeholder="Organisation", classes="cosigner-org", compact=True)
        country = Input(c.get("country") or "", placeholder="Country", classes="cosigner-country", compact=True)
        org.cursor_blink = country.cursor_blink = blink
        return Horizontal(org, country, classes="cosigner-row")

    # ------------------------------------------------------------------ checking

    def _name_of(self, widget_id: str | None) -> str | None:
        return next((n for n, i in self.widget_ids.items() if i == widget_id), None)

    def show_problem(self, name: str, problem: str | None) -> None:
        error = self.query_one(f"#e{self._wid(name)}", Static)
        error.update(Text(f"✖ {label(name)}: {problem}") if problem else "")
        error.display = problem is not None
        self.input_of(name).set_class(problem is not None, "-invalid")

    def check_field(self, name: str) -> str | None:
        _, problem = parse_field(name, self.input_of(name).value)
        self.show_problem(name, problem)
        return problem

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = self._name_of(event.input.id)
        if name is not None and self.query_one(f"#e{self._wid(name)}", Static).display:
            self.check_field(name)  # a refused value is re-checked as it is corrected
        elif event.input.id == "new-field":
            self.query_one("#e-new-field", Static).display = False

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        name = self._name_of(event.input.id)
        if name is not None:
            self.check_field(name)

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new-field":
            event.stop()
            await self.add_field(event.value.strip())
        elif self._name_of(event.input.id) is not None:
            event.stop()
            self.focus_next()

    # ------------------------------------------------------------------ adding

    def _more(self) -> Text:
        more = suggested_fields(self.names, self.required)
        return Text(("Also: " + ", ".join(more) + " — or a name of your own.") if more else "Any name of your own.")

    async def add_field(self, name: str) -> None:
        """Show field `name` (adding a row when the form lacks it) and put the cursor in it; a name
        that begins one of the usual fields' is that field (`reg` → region)."""
        error = self.query_one("#e-new-field", Static)
        if not name:
            self.set_focus(self.query_one("#new-field", Input))
            return
        usual = [n for n in suggested_fields(self.names, self.required) if n.startswith(name.casefold())]
        if name not in self.names and usual:
            name = usual[0]
        problem = field_name_problem(name)
        if problem:
            error.update(Text(f"✖ {problem}"))
            error.display = True
            return
        error.display = False
        if name not in self.names:
            self.names.append(name)
            await self.query_one("#fields", Vertical).mount(self._row(name))
            self.query_one("#more-fields", Static).update(self._more())
        self.query_one("#new-field", Input).value = ""
        box = self.input_of(name)
        self.set_focus(box)
        box.scroll_visible()

    async def action_add_field(self) -> None:
        await self.add_field(self.query_one("#new-field", Input).value.strip())

    @on(Button.Pressed, "#add-field")
    async def _add_field_pressed(self) -> None:
        await self.action_add_field()

    def action_add_cosigner(self) -> None:
        row = self._cosigner_row({}, getattr(self.app, "blink", True))
        self.query_one("#cosigners", Vertical).mount(row)
        self.call_after_refresh(lambda: row.query_one(".cosigner-org", Input).focus())

    @on(Button.Pressed, "#add-cosigner")
    def _add(self) -> None:
        self.action_add_cosigner()

    # ------------------------------------------------------------------ applying

    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#keep")
    def _keep(self) -> None:
        self.action_save(True)

    def action_save(self, keep: bool = False) -> None:
        """Apply the changed fields to the draft; with `keep`, also every field as the workspace's profile."""
        edit = RespondentEdit()
        refused = [name for name in self.names if self.check_field(name)]
        if refused:
            self.set_focus(self.input_of(refused[0]))
            self.notify(f"Correct {', '.join(label(n) for n in refused)}: nothing was applied.", severity="warning", markup=False)
            return
        if keep:
            edit.profile = {name: parse_field(name, self.input_of(name).value)[0] for name in self.names}
        for name in self.names:
            text = self.input_of(name).value
            if text.strip() == shown_text(name, self.values.get(name)).strip():
                continue  # unchanged (a value of another type in the file stays as it is)
            edit.fields[name], _ = parse_field(name, text)
        cosigners = []
        for row in self.query(".cosigner-row"):
            org = row.query_one(".cosigner-org", Input).value.strip()
            country = row.query_one(".cosigner-country", Input).value.strip()
            if org:
                cosigners.append({"organisation": org, "country": country} if country else {"organisation": org})
        if cosigners != [{k: v for k, v in c.items() if v} for c in self.cosigners]:
            edit.cosigners = cosigners
        self.dismiss(edit)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
