"""The respondent profile form: the fields the consultation requires, the usual ones, co-signers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...model import RESPONDENT_FIELDS, Consultation, Draft

CHOICES: dict[str, list[tuple[str, str]]] = {
    "consent_to_publish": [("Yes, the organiser may publish it", "yes"), ("No", "no")],
    "capacity": [("On behalf of the organisation", "organisation"), ("In an individual capacity", "individual")],
}
"""Fields answered from a list (the model's own values), with what the form shows for each."""
GROUPS = ["Technical community", "Civil society", "Private sector", "Government", "Academia", "Intergovernmental organisation"]


@dataclass
class RespondentEdit:
    """What the form returns: respondent field → value (None to empty it), and the co-signers."""

    fields: dict[str, Any] = field(default_factory=dict)
    cosigners: list[dict[str, str]] | None = None  # None: unchanged


def label(name: str) -> str:
    return name.replace("_", " ").capitalize()


class RespondentForm(ModalScreen[RespondentEdit | None]):
    """Edit who is responding; `*` marks what the consultation requires."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Apply", id="respondent.apply", tooltip="Apply the profile to the draft.", priority=True),
        Binding("escape", "cancel", "Cancel", id="respondent.cancel", tooltip="Close without changing the draft."),
        Binding("ctrl+n", "add_cosigner", "Add co-signer", id="respondent.add-cosigner", tooltip="Add a row for another co-signing organisation."),
    ]

    def __init__(self, consultation: Consultation, draft: Draft):
        super().__init__(classes="dialog")
        self.required = list(consultation.respondent.required)
        values = draft.respondent.model_dump()
        names = list(RESPONDENT_FIELDS)
        for name in [*self.required, *values]:
            if name not in names:
                names.append(name)
        self.names = names
        self.values = values
        self.cosigners = [c.model_dump() for c in draft.cosigners]

    def compose(self):
        blink = getattr(self.app, "blink", True)
        with Vertical(classes="dialog-box wide", id="respondent-box"):
            yield Label("Respondent profile", classes="dialog-title")
            yield Static("Fields marked * are required by this consultation.", classes="dim")
            with VerticalScroll(id="respondent-fields"):
                for name in self.names:
                    value = self.values.get(name)
                    with Horizontal(classes="form-row"):
                        yield Label(label(name) + (" *" if name in self.required else ""), classes="form-label")
                        if name in CHOICES:
                            current = Select.NULL if value is None else ("yes" if value is True else "no" if value is False else str(value))
                            yield Select(CHOICES[name], value=current, id=f"f-{name}", prompt="Not answered")
                        else:
                            box = Input("" if value is None else str(value), id=f"f-{name}", placeholder=self._placeholder(name))
                            box.cursor_blink = blink
                            yield box
                yield Label("Co-signers", classes="form-section")
                yield Vertical(*[self._cosigner_row(c, blink) for c in self.cosigners], id="cosigners")
                yield Button("Add co-signer (ctrl+n)", id="add-cosigner")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", id="apply", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    @staticmethod
    def _placeholder(name: str) -> str:
        return {"stakeholder_group": " / ".join(GROUPS[:3]) + " …", "email": "name@example.org"}.get(name, "")

    @staticmethod
    def _cosigner_row(c: dict, blink: bool) -> Horizontal:
        org = Input(c.get("organisation") or "", placeholder="Organisation", classes="cosigner-org")
        country = Input(c.get("country") or "", placeholder="Country", classes="cosigner-country")
        org.cursor_blink = country.cursor_blink = blink
        return Horizontal(org, country, classes="cosigner-row")

    def action_add_cosigner(self) -> None:
        row = self._cosigner_row({}, getattr(self.app, "blink", True))
        self.query_one("#cosigners", Vertical).mount(row)
        self.call_after_refresh(lambda: row.query_one(".cosigner-org", Input).focus())

    @on(Button.Pressed, "#add-cosigner")
    def _add(self) -> None:
        self.action_add_cosigner()

    @on(Button.Pressed, "#apply")
    def action_save(self) -> None:
        edit = RespondentEdit()
        for name in self.names:
            if name in CHOICES:
                value = self.query_one(f"#f-{name}", Select).value
                new: Any = None if not isinstance(value, str) else (value == "yes" if name == "consent_to_publish" else value)
            else:
                text = self.query_one(f"#f-{name}", Input).value.strip()
                new = text or None
            if new != self.values.get(name):
                edit.fields[name] = new
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
