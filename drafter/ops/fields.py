"""Form fields checked one at a time: an id, a namespace, an e-mail address, a web address, a
language, a length limit, a deadline, a list typed on one line.

Each `*_problem` says why a value cannot be used, in words a form shows beside the field (None: it
can); `parse_*` turn what people type into values, or raise a ValueError saying what to type. A
problem found by a use case is an `InvalidFields` naming the field; a model's validation errors are
turned into the same shape by `model_errors`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from pydantic import ValidationError

from ..model import ID_PATTERN, NAMESPACE_PATTERN


class InvalidFields(ValueError):
    """Fields that cannot be used: field name → what is wrong (said so a form can show it beside the field)."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {why}" for name, why in errors.items()))


_ID = re.compile(ID_PATTERN)
_NAMESPACE = re.compile(NAMESPACE_PATTERN)
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id of a block, theme or consultation (None: it can)."""
    if not value:
        return "required"
    if not _ID.match(value):
        return "use lower-case letters, digits and '-', starting with a letter or digit (e.g. open-standards)"
    return None


def namespace_problem(value: str) -> str | None:
    if not value:
        return "required"
    return None if _NAMESPACE.match(value) else "use lower-case letters, digits and '-' (e.g. ourorg)"


def email_problem(value: str) -> str | None:
    """Why `value` is not an e-mail address (None: it is one, or it is empty)."""
    if value and not _EMAIL.match(value):
        return "not an e-mail address (name@example.org)"
    return None


def url_problem(value: str) -> str | None:
    if value and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        return "give the page's address, starting https:// (or http://)"
    return None


def language_problem(value: str) -> str | None:
    if not value:
        return "required (en, fr, es…)"
    return None if _LANGUAGE.match(value) else "a BCP 47 language tag: en, fr, es, pt-BR…"


def respondent_fields_problem(names: list[str]) -> str | None:
    """Why these cannot be respondent field names (None: they can): `stakeholder_group`, not `Stakeholder group`."""
    bad = [name for name in names if not _FIELD_NAME.match(name)]
    return f"field names are lower-case words joined by '_' (e.g. stakeholder_group): {', '.join(bad)}" if bad else None


def count_problem(value: str) -> str | None:
    """Why `value` is not a positive whole number (None: it is one, or it is empty)."""
    if value and not (value.isdigit() and int(value) > 0):
        return "a whole number above 0"
    return None


def parse_limit(text: str) -> tuple[int | None, int | None]:
    """A length limit as typed: `250 words` (or just `250`), `1500 characters` / `1500 chars` →
    (words, chars); ('', nothing) → (None, None). ValueError says what to type."""
    m = re.match(r"^\s*(\d[\d,]*)\s*(w|words?|c|ch|chars?|characters?)?\s*$", text, re.IGNORECASE)
    if not text.strip():
        return None, None
    if not m or int(m.group(1).replace(",", "")) <= 0:
        raise ValueError("a number of words or characters, e.g. 250 words or 1500 characters")
    value = int(m.group(1).replace(",", ""))
    return (None, value) if (m.group(2) or "w").lower().startswith("c") else (value, None)


def problem_of(parse: Callable[[str], object], text: str, errors: type[Exception] | tuple[type[Exception], ...] = ValueError) -> str | None:
    """What `parse` finds wrong with `text` (the message of the error it raises), or None: a form
    field's check made from the function that reads the field."""
    try:
        parse(text)
    except errors as exc:
        return str(exc)
    return None


def limit_problem(text: str) -> str | None:
    return problem_of(parse_limit, text)


def split_list(text: str) -> list[str]:
    """`a, b; c` → ['a', 'b', 'c']: a list typed on one line (commas or semicolons)."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s:]")
"""A word that names a scheme, then something: an address (whether a safe one is `links.is_safe`'s call)."""


def parse_sources(text: str) -> list[tuple[str, str | None]]:
    """A block's sources typed one per line, the title then the address ("Tunis Agenda, paragraph 72
    https://www.itu.int/…"; a dash or colon between them is dropped; a line without an address is a
    title alone) → [(title, url)]. ValueError says which line cannot be used: an address that is not
    http, https or mailto, or one with no title before it."""
    from ..links import is_safe

    out: list[tuple[str, str | None]] = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        words = line.split()
        last = words[-1]
        url = last if _ADDRESS.match(last) else None
        if url is not None and not is_safe(url):
            raise ValueError(f"line {n}: only http, https or mailto addresses ({url})")
        title = " ".join(words[:-1] if url else words).rstrip(" —–-:|,").strip()
        if not title:
            raise ValueError(f"line {n}: give a title before the address (what a reader would cite)")
        out.append((title, url))
    return out


def sources_problem(text: str) -> str | None:
    return problem_of(parse_sources, text)


_DEADLINE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)\s*(.*)$")


def parse_deadline(text: str) -> dt.datetime:
    """A deadline as people type it: `2026-12-15 23:59 +01:00`, `2026-12-15T23:59:00-05:00`,
    `2026-12-15 23:59 UTC` or `2026-12-15 23:59 Europe/Paris` (a time zone is required: a deadline
    without one means different moments in different countries). ValueError says what to type."""
    example = "e.g. 2026-12-15 23:59 +01:00, … UTC or … Europe/Paris"
    m = _DEADLINE.match(text.strip())
    if not m:
        raise ValueError(f"date and time with a time zone, {example}")
    day, clock, zone = m.group(1), m.group(2), m.group(3).strip()
    try:
        naive = dt.datetime.fromisoformat(f"{day}T{clock.zfill(5) if len(clock) < 5 else clock}")
    except ValueError:
        raise ValueError(f"no such date or time: {day} {clock}") from None
    if not zone:
        raise ValueError(f"add the time zone the organiser gives, {example}")
    if zone.upper() in ("Z", "UTC", "GMT"):
        return naive.replace(tzinfo=dt.UTC)
    offset = re.match(r"^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$", zone, re.IGNORECASE)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes > 59:
            raise ValueError(f"no such UTC offset: {zone}")
        return naive.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone '{zone}': {example}") from None
    aware = naive.replace(tzinfo=tz)
    offset_delta = aware.utcoffset()
    assert offset_delta is not None
    return naive.replace(tzinfo=dt.timezone(offset_delta))  # written with its offset, as the format asks


def typed_deadline(deadline: dt.datetime) -> str:
    """A deadline as people type it, what `parse_deadline` reads back: `2026-12-15 23:59 -05:00`."""
    zone = deadline.strftime("%z")
    zone = f"{zone[:3]}:{zone[3:5]}" if len(zone) >= 5 else "UTC"
    clock = "%H:%M:%S" if deadline.second else "%H:%M"
    return f"{deadline.strftime('%Y-%m-%d ' + clock)} {zone}"


def deadline_problem(text: str) -> str | None:
    if not text:
        return "required"
    return problem_of(parse_deadline, text)


def model_errors(exc: ValidationError, names: dict[str, str] | None = None) -> dict[str, str]:
    """A model's validation errors by form field: the first key of each error's location (`names`
    maps a model key to the form's field name)."""
    out: dict[str, str] = {}
    for err in exc.errors():
        key = str(err["loc"][0]) if err["loc"] else "form"
        key = (names or {}).get(key, key)
        out.setdefault(key, err["msg"].removeprefix("Value error, "))
    return out
