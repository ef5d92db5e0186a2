"""Drafts: load one (with positions for findings) and write a new one.

Invariant: drafter changes a draft only through `DraftEditor` (`draft_editor.py`), which keeps
comments, order and quoting and writes atomically; a new draft never overwrites an existing file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .findings import Finding
from .model import RESPONDENT_FIELDS, Consultation, Draft, Respondent
from .questionnaire import Questionnaire, build
from .wording import one_line
from .workspace import schema_line
from .yamlio import Loaded, dumps_roundtrip, read_yaml, to_block_scalar, validate


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


def new_draft_text(
    consultation: Consultation, today: dt.date, *, schema: str = "", profile: Respondent | None = None
) -> str:
    """YAML text of a new draft: the usual respondent fields and those the consultation asks for
    (filled from `profile`, the workspace's respondent profile, where it has a value; any further
    field of the profile follows them), then an empty entry for every question (each with its text,
    as a comment) — or, for a free consultation, an empty list of the response's own sections, and
    for a document one of comments. `schema`: its first line (`workspace.schema_line`), if any."""
    doc = CommentedMap()
    doc["consultation"] = consultation.id
    doc["date"] = today
    respondent = CommentedMap()
    # the profile's fields that hold a value (an empty text is none): the model's first, then its own
    given = profile.model_dump(exclude_none=True) if profile is not None else {}
    filled: dict[str, Any] = {k: v for k, v in given.items() if not (isinstance(v, str) and not v.strip())}
    fields = list(RESPONDENT_FIELDS)
    for name in [*consultation.respondent.required, *filled]:
        if name not in fields:
            fields.append(name)
    for name in fields:
        value = filled.get(name)
        respondent[name] = to_block_scalar(value) if isinstance(value, str) else value
    doc["respondent"] = respondent
    if filled:
        doc.yaml_add_eol_comment("filled from the respondent profile in drafter.yaml", "respondent")
    doc["cosigners"] = CommentedSeq()
    if consultation.kind == "questionnaire":
        doc["answers"] = _answers_skeleton(build(consultation))
    elif consultation.kind == "free":
        asked = build(consultation)
        if asked.targets:  # the call's own questions (a summary for the web form, say)
            doc["answers"] = _answers_skeleton(asked)
        doc["sections"] = CommentedSeq()
        topics = "; ".join(t.title for t in consultation.topics)
        note = "your own sections: - {id, title, items}" + (f" (the organiser asks about: {topics})" if topics else "")
        doc.yaml_set_comment_before_after_key("sections", before=note)
    else:
        doc["comments"] = CommentedSeq()
        doc.yaml_set_comment_before_after_key("comments", before="- {paragraph, action: amend|delete|insert-after|comment, text, rationale}")
    # (a comment is never updated: it says when it was true; `drafter consultations` has the deadline now)
    header = f"# Response to: {one_line(consultation.title)}\n# Deadline on {today.isoformat()}: {consultation.deadline.isoformat()}\n"
    return schema + header + dumps_roundtrip(doc)


def _answers_skeleton(questionnaire: Questionnaire) -> CommentedMap:
    answers = CommentedMap()
    for heading in questionnaire.headings:
        first = True
        for t in questionnaire.under(heading):
            answers[t.id] = CommentedSeq()
            label = one_line(t.label)
            if len(label) > 70:
                label = label[:69] + "…"
            notes = [n for n in ("required" if t.required else "", f"limit {t.limit.text}" if t.limit else "",
                                 "answered in the web form" if t.where == "form" else "") if n]
            if notes:
                label += f" ({', '.join(notes)})"
            if first:
                answers.yaml_set_comment_before_after_key(t.id, before=one_line(heading.title), indent=2)
                first = False
            answers.yaml_add_eol_comment(label, t.id)
    return answers


def create_draft(
    drafts_dir: Path,
    consultation: Consultation,
    today: dt.date,
    *,
    out: Path | None = None,
    schema: Path | None = None,
    profile: Respondent | None = None,
) -> Path:
    """Write a new draft and return its path. With `out`, FileExistsError when it exists; without,
    `<consultation>.yaml` in `drafts_dir`, or `-2`, `-3`… — a draft is never overwritten. The
    respondent starts from `profile` (the workspace's respondent profile) where it has values."""
    from .yamlio import atomic_write_text

    if out is None:
        drafts_dir.mkdir(parents=True, exist_ok=True)
        out, n = drafts_dir / f"{consultation.id}.yaml", 2
        while out.exists():
            out, n = drafts_dir / f"{consultation.id}-{n}.yaml", n + 1
    elif out.exists():
        raise FileExistsError(f"{out}: already exists; choose another name")
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out, new_draft_text(consultation, today, schema=schema_line(schema, out.parent), profile=profile))
    return out

