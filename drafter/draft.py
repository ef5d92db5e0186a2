"""Drafts: load (with positions for findings), create a new one, and edit through round-trip YAML.

Invariant: drafter changes a draft only through `edit_draft`, which keeps comments, order and
quoting and writes atomically; a new draft never overwrites an existing file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .findings import Finding
from .model import Consultation, Draft
from .yamlio import Loaded, dumps_roundtrip, read_yaml, validate

SCHEMA_LINE = "# yaml-language-server: $schema={}\n"


@dataclass
class LoadedDraft:
    path: Path
    file: str
    model: Draft | None
    loaded: Loaded
    findings: list[Finding] = field(default_factory=list)

    def locate(self, loc: tuple, key: bool = True) -> tuple[int, int] | None:
        return self.loaded.position(loc, key=key)


def load_draft(path: Path, *, display=str) -> LoadedDraft:
    file = display(path)
    if not path.is_file():
        from .findings import finding

        f = finding("yaml", f"draft not found: {file}", file=file)
        return LoadedDraft(path=path, file=file, model=None, loaded=Loaded(path=path, findings=[f]), findings=[f])
    loaded = read_yaml(path, display=file)
    ld = LoadedDraft(path=path, file=file, model=None, loaded=loaded, findings=list(loaded.findings))
    if not loaded.findings:
        ld.model, more = validate(loaded, Draft)
        ld.findings += more
    return ld


def new_draft_text(consultation: Consultation, today: dt.date, *, schema: str | None = None) -> str:
    """YAML text of a new draft: respondent fields the consultation asks for, every question listed."""
    doc = CommentedMap()
    doc["consultation"] = consultation.id
    doc["date"] = today
    respondent = CommentedMap()
    fields = ["name", "organisation", "stakeholder_group", "country", "email", "consent_to_publish"]
    for name in consultation.respondent.required:
        if name not in fields:
            fields.append(name)
    for name in fields:
        respondent[name] = None
    doc["respondent"] = respondent
    doc["cosigners"] = CommentedSeq()
    answers = CommentedMap()
    for section in consultation.sections:
        first = True
        for q in section.questions:
            answers[q.id] = CommentedSeq()
            label = f"{q.id}{' (required)' if q.required else ''}"
            if q.limit:
                label += f", limit {q.limit.value} {q.limit.unit}"
            if first:
                answers.yaml_set_comment_before_after_key(q.id, before=f"{section.title}", indent=2)
                first = False
            answers.yaml_add_eol_comment(label, q.id)
    doc["answers"] = answers
    header = f"# Response to: {consultation.title}\n# Deadline: {consultation.deadline.isoformat()}\n"
    if schema:
        header = SCHEMA_LINE.format(schema) + header
    return header + dumps_roundtrip(doc)


def create_draft(drafts_dir: Path, consultation: Consultation, today: dt.date, *, out: Path | None = None, schema: Path | None = None) -> Path:
    """Write a new draft and return its path. With `out`, FileExistsError when it exists; without,
    `<consultation>.yaml` in `drafts_dir`, or `-2`, `-3`… — a draft is never overwritten."""
    import os

    from .yamlio import atomic_write_text

    if out is None:
        drafts_dir.mkdir(parents=True, exist_ok=True)
        out, n = drafts_dir / f"{consultation.id}.yaml", 2
        while out.exists():
            out, n = drafts_dir / f"{consultation.id}-{n}.yaml", n + 1
    elif out.exists():
        raise FileExistsError(f"{out}: already exists; choose another name")
    out.parent.mkdir(parents=True, exist_ok=True)
    rel = os.path.relpath(schema, out.parent.resolve()) if schema is not None and schema.exists() else None
    atomic_write_text(out, new_draft_text(consultation, today, schema=rel))
    return out

