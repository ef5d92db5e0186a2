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
from ..model import ID_PATTERN, Consultation
from ..workspace import CONFIG_NAME
from ..yamlio import atomic_write_text, dumps_roundtrip, plain_data, timestamp, to_block_scalar
from .fields import InvalidFields, email_problem, id_problem, language_problem, model_errors, respondent_fields_problem, url_problem

_THEME_ID = re.compile(ID_PATTERN)
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
    guidance: str = ""
    """The organiser's notes under the question (the document leaves them out unless asked)."""
    themes: list[str] = field(default_factory=list)
    where: str = "document"
    """`document`, or `form`: asked only in the organiser's web form (the document leaves it out)."""
    parts: list[tuple[str, str]] = field(default_factory=list)
    """Sub-questions answered apart, each (printed label, text); the question's text is their preamble."""


_PART_LABEL = re.compile(r"^(\(?([a-zA-Z]|[ivx]{1,4}|\d{1,2})[).:])\s+(\S.*)$")
"""A part's label: a letter, a small roman or arabic number, closed by ")", "." or ":" ("(a)", "b.",
"ii)", "3:"); a line whose first word is not one ("a lot of…") has none."""


def parse_parts(text: str) -> list[tuple[str, str]]:
    """Sub-questions typed one per line, each with its label or none ("(a) What …", "b. How …", "What
    …") → [(label, text)]: a line without a label gets the next letter's, "(a)", "(b)"…"""
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        m = _PART_LABEL.match(line)
        if m:
            out.append((m.group(1), m.group(3)))
        else:
            out.append((f"({chr(ord('a') + len(out))})" if len(out) < 26 else str(len(out) + 1), line))
    return out


def part_id(question_id: str, label: str) -> str:
    """A part's id: the question's, then the label's letter or number ("1.4" and "(a)" → "1.4a")."""
    return question_id + re.sub(r"[^0-9A-Za-z]", "", label).lower()


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
    if q.parts:
        if q.kind == "choice":
            errors["parts"] = "a choice question has no parts (make each part a question of its own)"
        ids = [part_id(q.id, label) for label, _ in q.parts]
        clash = sorted({i for i in ids if ids.count(i) > 1 or i in taken})
        if clash:
            errors["parts"] = f"two parts, or a part and a question, would share the id {', '.join(clash)}: label them apart"
    bad = [t for t in q.themes if not _THEME_ID.match(t)]
    if bad:
        errors["themes"] = f"theme ids are lower-case words joined by '-': {', '.join(bad)}"
    if q.where not in ("document", "form"):
        errors["where"] = "the document or the web form"
    return errors


def _question_map(q: QuestionSpec) -> CommentedMap:
    """A question as the format writes it. With parts, what is answered is each part: `required`,
    `themes` and `in` go on every part (the checks and the suggestions read the part's), the limit stays
    on the question (it bounds the parts together)."""
    out = CommentedMap()
    out["id"] = q.id
    if q.number is not None and q.number != q.id:
        out["number"] = q.number
    out["text"] = _text(q.text)
    if q.guidance.strip():
        out["guidance"] = _text(q.guidance)
    answered = [CommentedMap(id=part_id(q.id, label), number=label, text=_text(text)) for label, text in q.parts] or [out]
    for target in answered:
        if q.required:
            target["required"] = True
    if q.limit_words is not None:
        out["limit"] = CommentedMap(words=q.limit_words)
    elif q.limit_chars is not None:
        out["limit"] = CommentedMap(chars=q.limit_chars)
    for target in answered:
        if q.themes:
            target["themes"] = CommentedSeq(q.themes)
    if q.kind == "choice":
        out["kind"] = "choice"
        out["choices"] = CommentedSeq(SingleQuotedScalarString(c) if _YAML11_WORD.match(c) else c for c in q.choices)
    for target in answered:
        if q.where == "form":
            target["in"] = "form"
    if q.parts:
        out["parts"] = CommentedSeq(answered)
    return out


def _text(text: str) -> str:
    """A text as the format's files write it: a block scalar when it has several lines."""
    text = text.strip()
    return to_block_scalar(text + "\n") if "\n" in text else text


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
        taken.update(part_id(q.id, label) for label, _ in q.parts)
    doc = CommentedMap()
    doc["id"] = spec.id
    doc["title"] = spec.title.strip()
    doc["organiser"] = spec.organiser.strip()
    if spec.url:
        doc["url"] = spec.url
    doc["language"] = spec.language
    doc["deadline"] = timestamp(spec.deadline) if spec.deadline.tzinfo is not None else spec.deadline
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
    return schema_line + head + dumps_roundtrip(doc), {}


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
