"""Writing a new consultation from what a form collects: a `ConsultationSpec` with its questions.

Each field is checked (`fields`), each question against the ones before it, and the whole through
the same `Consultation` model `drafter lint` reads the file with; a problem is an `InvalidFields`
naming the field, and nothing is written until every field is valid. The file is written
atomically, never over an existing one, with the deadline as the format's examples write it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from ..loaded import LoadedWorkspace
from ..model import Consultation
from ..workspace import CONFIG_NAME
from ..yamlio import atomic_write_text, dumps_roundtrip, plain_data, to_block_scalar
from .fields import InvalidFields, email_problem, id_problem, language_problem, model_errors, respondent_fields_problem, url_problem

_YAML11_WORD = re.compile(r"^(y|n|yes|no|true|false|on|off|null|~)$", re.IGNORECASE)
"""Words an older YAML reader (and many editors) takes for true, false or null: written quoted."""


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
            errors.update(model_errors(exc, {"sections": "questions", "submission": "address"}))
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
    text, errors = consultation_text(spec, today, lw.ws.schema_line("consultation", folder))
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
