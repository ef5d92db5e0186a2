"""Writing a workspace's own files from fields: its library, a block, a consultation.

What a form in the UI (or any other front door) collects is checked here, field by field, and then
as a whole through the same pydantic models `drafter lint` reads the files with; a problem is an
`InvalidFields` naming the field, and nothing is written until every field is valid. Files are
written atomically and never over an existing one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from ..init import OWN_LIBRARY, list_own_library
from ..library import LIBRARY_FILE
from ..loaded import LoadedWorkspace
from ..model import ID_PATTERN, NAMESPACE_PATTERN, Block, Consultation, Library
from ..workspace import CONFIG_NAME, Workspace
from ..yamlio import atomic_write_text, dumps_roundtrip, plain_data, to_block_scalar

_YAML11_WORD = re.compile(r"^(y|n|yes|no|true|false|on|off|null|~)$", re.IGNORECASE)
"""Words an older YAML reader (and many editors) takes for true, false or null: written quoted."""

BLOCKS_DIR = "blocks"
SCHEMA_LINE = "# yaml-language-server: $schema={}\n"


class InvalidFields(ValueError):
    """Fields that cannot be used: field name → what is wrong (said so a form can show it beside the field)."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {why}" for name, why in errors.items()))


# --------------------------------------------------------------------------- one field at a time

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


def limit_problem(text: str) -> str | None:
    try:
        parse_limit(text)
    except ValueError as exc:
        return str(exc)
    return None


def split_list(text: str) -> list[str]:
    """`a, b; c` → ['a', 'b', 'c']: a list typed on one line (commas or semicolons)."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


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


def deadline_problem(text: str) -> str | None:
    if not text:
        return "required"
    try:
        parse_deadline(text)
    except ValueError as exc:
        return str(exc)
    return None


def _model_errors(exc: ValidationError, names: dict[str, str] | None = None) -> dict[str, str]:
    """A model's validation errors by form field: the first key of each error's location (`names`
    maps a model key to the form's field name)."""
    out: dict[str, str] = {}
    for err in exc.errors():
        key = str(err["loc"][0]) if err["loc"] else "form"
        key = (names or {}).get(key, key)
        out.setdefault(key, err["msg"].removeprefix("Value error, "))
    return out


def _schema_line(ws: Workspace, kind: str, folder: Path) -> str:
    schema = ws.state_dir / "schema" / f"{kind}.json"
    return SCHEMA_LINE.format(os.path.relpath(schema, folder.resolve())) if schema.exists() else ""


# --------------------------------------------------------------------------- the workspace's own library


@dataclass
class OwnLibrary:
    """What `make_own_library` did: the file written, and whether drafter.yaml now lists it."""

    path: Path
    listed: bool


def theme_entries(themes: list[str]) -> list[dict[str, str]]:
    """Themes as typed (labels or ids) → `{id, label}` entries: `DNS abuse` → `dns-abuse`."""
    out: list[dict[str, str]] = []
    for text in themes:
        tid = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        label = text.replace("-", " ").capitalize() if _ID.match(text) else text
        if tid and tid not in {t["id"] for t in out}:
            out.append({"id": tid, "label": label})
    return out


def own_library_exists(ws: Workspace) -> bool:
    return (ws.root / OWN_LIBRARY / LIBRARY_FILE).is_file()


def make_own_library(lw: LoadedWorkspace, name: str, namespace: str, themes: list[str], description: str = "") -> OwnLibrary:
    """Make `positions/` the workspace's own library: write `positions/library.yaml` (name, namespace,
    themes), make `positions/blocks/`, and list `- path: positions` in drafter.yaml (comments kept)."""
    ws = lw.ws
    root = ws.root / OWN_LIBRARY
    if own_library_exists(ws):
        raise InvalidFields({"name": f"this workspace already has its own library ({OWN_LIBRARY}/{LIBRARY_FILE})"})
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "required"
    if problem := namespace_problem(namespace):
        errors["namespace"] = problem
    elif namespace in {lib.namespace for lib in lw.index.libraries}:
        errors["namespace"] = f"'{namespace}' is already the namespace of another library here"
    entries = theme_entries(themes)
    if not entries:
        errors["themes"] = "at least one theme: every block names one or more (e.g. Open standards, DNS abuse)"
    data: dict[str, Any] = {"name": name.strip(), "namespace": namespace}
    if description.strip():
        data["description"] = description.strip()
    data["themes"] = entries
    if not errors:
        try:
            Library.model_validate(data)
        except ValidationError as exc:
            errors.update(_model_errors(exc))
    if errors:
        raise InvalidFields(errors)
    doc = CommentedMap()
    for key, value in data.items():
        doc[key] = to_block_scalar(value) if isinstance(value, str) else value
    doc["themes"] = CommentedSeq(CommentedMap(t) for t in entries)
    head = _schema_line(ws, "library", root) + "# This workspace's own positions: blocks in blocks/, one file each.\n"
    root.mkdir(parents=True, exist_ok=True)
    atomic_write_text(root / LIBRARY_FILE, head + dumps_roundtrip(doc))
    (root / BLOCKS_DIR).mkdir(exist_ok=True)
    config = ws.root / CONFIG_NAME
    listed = list_own_library(config) if config.is_file() else True
    if config.is_file() and not listed:  # already listed (or the default `positions` applies)
        listed = any(Path(ref.path) == Path(OWN_LIBRARY) for ref in ws.config.libraries)
    return OwnLibrary(root / LIBRARY_FILE, listed)


# --------------------------------------------------------------------------- a block


def block_problems(lw: LoadedWorkspace, namespace: str, block_id: str) -> dict[str, str]:
    """Why a new block `block_id` cannot go into library `namespace` (empty: it can)."""
    errors: dict[str, str] = {}
    lib = next((lib for lib in lw.index.libraries if lib.namespace == namespace), None)
    if lib is None or lib.meta is None:
        errors["library"] = "choose a library (it needs its library.yaml)"
    if problem := id_problem(block_id):
        errors["id"] = problem
    elif lib is not None:
        if block_id in lib.blocks:
            errors["id"] = f"'{block_id}' is already a block of this library ({lw.ws.display(lib.path(block_id))})"
        elif (lib.root / BLOCKS_DIR / f"{block_id}.yaml").exists():
            errors["id"] = f"{lw.ws.display(lib.root / BLOCKS_DIR / f'{block_id}.yaml')} already exists"
        else:
            other = next((o for o in lw.index.libraries if o is not lib and block_id in o.blocks), None)
            if other is not None:
                errors["id"] = f"'{block_id}' is a block of library '{other.namespace}' too; choose an id of its own"
    return errors


def new_block(
    lw: LoadedWorkspace,
    namespace: str,
    *,
    block_id: str,
    title: str,
    themes: list[str],
    body: str,
    today: dt.date,
    short: str = "",
    owner: str = "",
    review_every_days: int | None = None,
    language: str | None = None,
) -> Path:
    """Write `<library>/blocks/<id>.yaml`, reviewed today; refuses an id the library (or another) has.
    `language`: the language its text is written in, when not the default `en`."""
    errors = block_problems(lw, namespace, block_id)
    if not title.strip():
        errors["title"] = "required"
    if not themes:
        errors["themes"] = "choose at least one theme"
    else:
        unknown = [t for t in themes if t not in lw.index.themes]
        if unknown:
            errors["themes"] = f"not in the vocabulary: {', '.join(unknown)}"
    if not body.strip():
        errors["body"] = "required: the position, in Markdown"
    data: dict[str, Any] = {"id": block_id, "title": title.strip(), "themes": list(themes), "body": body.strip() + "\n"}
    if short.strip():
        data["short"] = short.strip() + "\n"
    if owner.strip():
        data["owner"] = owner.strip()
    data["reviewed"] = today
    if language and language != "en":
        data["language"] = language
    if review_every_days is not None:
        data["review_every_days"] = review_every_days
    if not errors:
        try:
            Block.model_validate(data)
        except ValidationError as exc:
            errors.update(_model_errors(exc, {"id": "id", "review_every_days": "review_every_days"}))
    if errors:
        raise InvalidFields(errors)
    lib = next(lib for lib in lw.index.libraries if lib.namespace == namespace)
    folder = lib.root / BLOCKS_DIR
    doc = CommentedMap()
    for key, value in data.items():
        doc[key] = to_block_scalar(value) if isinstance(value, str) else value
    doc["themes"] = CommentedSeq(themes)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{block_id}.yaml"
    atomic_write_text(path, _schema_line(lw.ws, "block", folder) + dumps_roundtrip(doc))
    return path


# --------------------------------------------------------------------------- a consultation


@dataclass
class QuestionSpec:
    """One question as a form collects it."""

    id: str
    text: str
    section: str = "Questions"
    number: str | None = None
    required: bool = False
    limit_words: int | None = None
    limit_chars: int | None = None
    kind: str = "text"
    choices: list[str] = field(default_factory=list)


def question_problems(q: QuestionSpec, taken: set[str]) -> dict[str, str]:
    """What is wrong with one question (`taken`: the ids of the questions before it)."""
    errors: dict[str, str] = {}
    if not q.id.strip():
        errors["id"] = "required (e.g. 1, 2.1, A)"
    elif q.id in taken:
        errors["id"] = f"question {q.id} is already in this consultation"
    elif any(c.isspace() for c in q.id):
        errors["id"] = "no spaces (e.g. 2.1)"
    if not q.text.strip():
        errors["text"] = "required: the question as the organiser asks it"
    if q.limit_words is not None and q.limit_chars is not None:
        errors["limit"] = "either words or characters, not both"
    if q.kind == "choice":
        if len(q.choices) < 2:
            errors["choices"] = "a choice question needs two or more choices (comma-separated)"
        elif len(set(q.choices)) != len(q.choices):
            errors["choices"] = "each choice once"
    elif q.choices:
        errors["choices"] = "choices are for a choice question (set its kind to choice)"
    return errors


def _question_map(q: QuestionSpec) -> CommentedMap:
    out = CommentedMap()
    out["id"] = q.id
    if q.number is not None and q.number != q.id:
        out["number"] = q.number
    out["text"] = to_block_scalar(q.text.strip() + "\n") if "\n" in q.text.strip() else q.text.strip()
    if q.required:
        out["required"] = True
    if q.limit_words is not None:
        out["limit"] = CommentedMap(words=q.limit_words)
    elif q.limit_chars is not None:
        out["limit"] = CommentedMap(chars=q.limit_chars)
    if q.kind == "choice":
        out["kind"] = "choice"
        out["choices"] = CommentedSeq(SingleQuotedScalarString(c) if _YAML11_WORD.match(c) else c for c in q.choices)
    return out


@dataclass
class ConsultationSpec:
    """A consultation as a form collects it."""

    id: str
    title: str
    organiser: str
    deadline: dt.datetime
    url: str = ""
    language: str = "en"
    kind: str = "questionnaire"
    respondent_required: list[str] = field(default_factory=list)
    submission_format: str = "docx"
    address: str = ""
    questions: list[QuestionSpec] = field(default_factory=list)


def consultation_text(spec: ConsultationSpec, today: dt.date, schema_line: str = "") -> tuple[str, dict[str, str]]:
    """The YAML of a new consultation and the problems found (by field); text only when there are none."""
    errors: dict[str, str] = {}
    if problem := id_problem(spec.id):
        errors["id"] = problem
    for name in ("title", "organiser"):
        if not getattr(spec, name).strip():
            errors[name] = "required"
    if problem := url_problem(spec.url):
        errors["url"] = problem
    if problem := language_problem(spec.language):
        errors["language"] = problem
    if spec.deadline.tzinfo is None:
        errors["deadline"] = "the deadline needs a time zone"
    if problem := respondent_fields_problem(spec.respondent_required):
        errors["respondent"] = problem
    if spec.submission_format == "email":
        problem = email_problem(spec.address) if spec.address else "required: the address to send it to"
        if problem:
            errors["address"] = problem
    elif spec.address and spec.address.startswith("http") and (problem := url_problem(spec.address)):
        errors["address"] = problem
    if spec.kind == "questionnaire" and not spec.questions:
        errors["questions"] = "a questionnaire needs at least one question (ctrl+a adds one)"
    taken: set[str] = set()
    for q in spec.questions:
        more = question_problems(q, taken)
        if more:
            errors["questions"] = f"question {q.id or '?'}: " + "; ".join(f"{k} {v}" for k, v in more.items())
            break
        taken.add(q.id)
    doc = CommentedMap()
    doc["id"] = spec.id
    doc["title"] = spec.title.strip()
    doc["organiser"] = spec.organiser.strip()
    if spec.url:
        doc["url"] = spec.url
    doc["language"] = spec.language
    doc["deadline"] = spec.deadline
    doc["checked"] = today
    if spec.respondent_required:
        doc["respondent"] = CommentedMap(required=CommentedSeq(spec.respondent_required))
    submission = CommentedMap(format=spec.submission_format)
    if spec.address:
        submission["address"] = spec.address
    doc["submission"] = submission
    if spec.kind != "questionnaire":
        doc["kind"] = spec.kind
    sections = CommentedSeq()
    titles: dict[str, CommentedMap] = {}
    for q in spec.questions:
        title = q.section.strip() or "Questions"
        if title not in titles:
            titles[title] = CommentedMap(id=str(len(titles) + 1), title=title, questions=CommentedSeq())
            sections.append(titles[title])
        titles[title]["questions"].append(_question_map(q))
    if sections:
        doc["sections"] = sections
    if not errors:
        try:
            Consultation.model_validate(plain_data(doc))
        except ValidationError as exc:
            errors.update(_model_errors(exc, {"sections": "questions", "submission": "address"}))
    if errors:
        return "", errors
    head = f"# {' '.join(spec.title.split())}\n# Encoded with drafter on {today.isoformat()}"
    head += f" from {spec.url}\n" if spec.url else "\n"
    text = dumps_roundtrip(doc)  # the deadline as the format's examples write it: 2026-12-15T23:59:00+01:00
    text = text.replace(f"\ndeadline: {spec.deadline.isoformat(sep=' ')}\n", f"\ndeadline: {spec.deadline.isoformat()}\n", 1)
    return schema_line + head + text, {}




def new_consultation(lw: LoadedWorkspace, spec: ConsultationSpec, today: dt.date) -> Path:
    """Write `<consultations folder>/<id>.yaml` (checked today); refuses an id the workspace knows."""
    folders = lw.ws.consultation_dirs()
    if not folders:
        raise InvalidFields({"id": f"{CONFIG_NAME} lists no consultations folder"})
    folder = folders[0]
    path = folder / f"{spec.id}.yaml"
    text, errors = consultation_text(spec, today, _schema_line(lw.ws, "consultation", folder))
    if "id" not in errors:
        if spec.id in lw.consultations:
            errors["id"] = f"'{spec.id}' is already a consultation here ({lw.consultations[spec.id].file})"
        elif path.exists():
            errors["id"] = f"{lw.ws.display(path)} already exists"
    if errors:
        raise InvalidFields(errors)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)
    return path
