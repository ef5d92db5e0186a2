"""The respondent profile as a form edits it: which values each field takes, read from typed text.

Invariant: a value this module accepts is one the draft model accepts (`model.Respondent`): `capacity`
one of its two words, `consent_to_publish` a boolean, `email` an address. What it refuses comes
with a sentence for the user, and nothing is applied while a field is refused.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import RESPONDENT_FIELDS

GROUPS = ("Technical community", "Civil society", "Private sector", "Government", "Academia", "Intergovernmental organisation")
"""Stakeholder groups offered as you type; any other wording is accepted as written."""

CHOICES: dict[str, dict[str, Any]] = {
    "consent_to_publish": {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False},
    "capacity": {"organisation": "organisation", "organization": "organisation", "individual": "individual"},
}
"""Fields answered by a word from a list: what may be typed → the value written."""

CHOICE_WORDS: dict[str, tuple[str, ...]] = {"consent_to_publish": ("yes", "no"), "capacity": ("organisation", "individual")}
"""The words each choice field offers (and its message names)."""

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
"""An address as a person writes one: something@domain.tld, no spaces (not the whole of RFC 5322)."""
FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
"""A field name a block can use as `{{ respondent.NAME }}`."""


def is_email_field(name: str) -> bool:
    return name == "email" or name.endswith("_email")


def shown_text(name: str, value: Any) -> str:
    """A field's value as the form shows it (a boolean as yes/no)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def parse_field(name: str, text: str) -> tuple[Any, str | None]:
    """The value typed `text` gives field `name` (None for an empty field), or why it is refused."""
    text = text.strip()
    if not text:
        return None, None
    if name in CHOICES:
        value = CHOICES[name].get(text.casefold())
        if value is None:
            words = " or ".join(CHOICE_WORDS[name])
            return None, f"type {words}"
        return value, None
    if is_email_field(name) and not EMAIL.match(text):
        return None, "not an e-mail address (name@example.org)"
    if name == "stakeholder_group":
        for group in GROUPS:
            if group.casefold() == text.casefold():
                return group, None
    return text, None


def field_name_problem(name: str) -> str | None:
    """Why `name` cannot be added as a respondent field (None when it can)."""
    if not FIELD_NAME.match(name):
        return "a field name is letters, digits and _, starting with a letter (e.g. title, membership_number)"
    return None


def suggested_fields(shown: list[str], required: list[str]) -> list[str]:
    """Fields worth offering to add: the model's and the consultation's that the form does not show."""
    out = [n for n in [*RESPONDENT_FIELDS, *required] if n not in shown]
    return list(dict.fromkeys(out))
