"""Run an import: guess the kind, build, keep an existing document's keys, render the YAML, and say
why the result would not pass `lint` as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import Imported
from .build import Built, Guess, build_questionnaire, common_keys, read_meta
from .document import document_outline, paragraph_count
from .meta import is_question_text, revision
from .source import ImportFailure, Source

_REVISION_SCAN = 20


def guess_kind(source: Source) -> str:
    """document when the text numbers PP/OP paragraphs (or is a numbered draft that asks nothing),
    else questionnaire."""
    ppop, plain = paragraph_count(source.lines)
    if ppop >= 2:
        return "document"
    head = " ".join(line.text for line in source.lines[:_REVISION_SCAN])
    asks = sum(1 for line in source.lines if is_question_text(line.text))
    if revision(head) and plain >= 3 and asks <= plain // 5:
        return "document"
    return "questionnaire"


def build_document(source: Source, cid: str | None, today: dt.date) -> Built:
    m = read_meta(source, today)
    b = common_keys(source, m, "document", cid, today)
    # respondent lines are kept apart; a document's lines are otherwise all text
    o = document_outline(source.lines, {i for i in m.skip if i == m.title_line or i == m.deadline_line})
    if not o.paragraphs:
        raise ImportFailure(f"{source.name}: no numbered paragraphs found (PP3, OP14, 12., para. 12)")
    paragraphs: list[dict[str, Any]] = []
    for n, p in enumerate(o.paragraphs):
        pd: dict[str, Any] = {"id": p.id, "text": "\n".join(p.text)}
        if p.section:
            pd["section"] = p.section
        paragraphs.append(pd)
        b.lines[("paragraphs", n)] = p.index
        if p.guess:
            b.guesses.append(Guess(("paragraphs", n, "id"), p.guess))
    head = " ".join(line.text for line in source.lines[:_REVISION_SCAN])
    rev = revision(head)
    b.data["paragraphs"] = paragraphs
    if rev:
        b.data["revision"] = rev
        b.guesses.append(Guess(("revision",), "named in the document's heading"))
        b.found.append(f"revision {rev}")
    else:
        b.missing.append("no revision named")
    sections = len({p.section for p in o.paragraphs if p.section})
    b.found.insert(0, f"{len(paragraphs)} paragraph{'s' * (len(paragraphs) != 1)}" + (f" under {sections} heading{'s' * (sections != 1)}" if sections else ""))
    return b


def run_import(source: Source, *, kind: str | None, cid: str | None, existing: Path | None, today: dt.date) -> Imported:
    if kind not in (None, "questionnaire", "document"):
        raise ImportFailure(f"unknown kind '{kind}' (questionnaire or document)")
    if existing is not None:
        kind = "document"
    chosen = kind or guess_kind(source)
    if chosen == "document":
        built = build_document(source, cid, today)
    else:
        built = build_questionnaire(source, read_meta(source, today), cid, today)
    if kind is None and chosen == "document":
        built.found.append("read as a document under review (numbered paragraphs): --kind questionnaire to read it as questions")
    head = (
        f"# {' '.join(str(built.data['title']).split())}\n"
        f"# Imported with `drafter import` from {Path(source.name).name} on {today.isoformat()}.\n"
        "# Review every `# check:` comment (a guess), then remove it.\n"
    )
    if existing is not None:
        from .revisions import merge_revision

        text, data, guesses = merge_revision(existing, built, today)
        built.data, built.guesses = data, guesses
    else:
        from .emit import render_yaml

        text = render_yaml(built.data, [(g.path, g.note) for g in built.guesses], head)
    problems = _problems(built.data, today)
    return Imported(built.data, text, built.guesses, built.found, built.missing, source, built.lines, chosen, problems)


def _problems(data: dict[str, Any], today: dt.date) -> list[str]:
    from pydantic import ValidationError

    from ..model import Consultation

    problems = []
    try:
        Consultation.model_validate(data)
    except ValidationError as exc:
        problems.append(f"does not validate: {exc.errors()[0]['msg']}")
    deadline = data.get("deadline")
    if isinstance(deadline, dt.datetime) and deadline.date() < today:
        problems.append(f"the deadline ({deadline.date().isoformat()}) has passed: a draft for it is checked as deadline-passed")
    return problems
