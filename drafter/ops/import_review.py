"""Import an organiser's text from the UI: read it, show what was
detected, write it into the consultations folder under a free id.

The converting is `drafter.importing`'s; this is the use case around it: where the file goes, which
ids are taken, and what the review shows beside the source (`review_rows`: each section, question,
part and paragraph with its number, limit, required mark, source line and the `# check:` guesses).

Invariant: nothing is ever written over an existing file, nor under an id the workspace already
knows (that would be a `duplicate-id`); the caller is told so and offered a free id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..importing import FORMATS, Imported, ImportFailure, import_consultation
from ..loaded import LoadedWorkspace
from ..yamlio import dumps_roundtrip
from ..yamlio.roundtrip import loads_roundtrip
from . import importing
from .fields import InvalidFields

KINDS = ("guess", "questionnaire", "document")
"""What the UI offers: let the importer guess, or say which."""


@dataclass
class ImportedFile:
    """An import under review: the importer's result and the file it was read from."""

    imported: Imported
    source: Path
    kind: str | None

    @property
    def id(self) -> str:
        return str(self.imported.data.get("id", ""))


def source_problem(root: Path, value: str) -> str | None:
    """Why `value` (a path, relative to the workspace `root` or absolute) cannot be imported."""
    if not value:
        return "required"
    path = resolve_source(root, value)
    if not path.is_file():
        return f"no such file: {path}"
    if path.suffix.lower().lstrip(".") not in (*FORMATS, "htm", "markdown", "text"):
        return f"not a format drafter reads ({', '.join('.' + f for f in FORMATS)})"
    return None


def resolve_source(root: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else root / path


def read_import(root: Path, value: str, kind: str | None, today: dt.date, cid: str | None = None) -> ImportedFile:
    """Import the file `value` names (`kind` None or "guess": the importer decides); ImportFailure
    (one line naming the file) when it cannot be used."""
    path = resolve_source(root, value)
    kind = None if kind in (None, "", "guess") else kind
    return ImportedFile(import_consultation(path, kind=kind, id=cid, today=today), path, kind)


def id_taken(lw: LoadedWorkspace, cid: str) -> str | None:
    """Why consultation id `cid` cannot be written here (None: it can); see `importing.id_taken`."""
    try:
        return importing.id_taken(lw.ws, lw.consultations, cid)
    except ImportFailure as exc:
        return str(exc)


def free_id(lw: LoadedWorkspace, cid: str) -> str:
    """`cid`, else `cid-2`, `cid-3`… : the first id no consultation or file of the workspace has."""
    if not id_taken(lw, cid):
        return cid
    n = 2
    while id_taken(lw, f"{cid}-{n}"):
        n += 1
    return f"{cid}-{n}"


def with_id(item: ImportedFile, cid: str) -> ImportedFile:
    """The import under another id (its YAML's `id:` line changed, comments kept)."""
    if cid == item.id:
        return item
    data = loads_roundtrip(item.imported.yaml)
    if not isinstance(data, dict):
        raise ValueError("the imported YAML is not a mapping")
    data["id"] = cid
    imported = dataclasses.replace(item.imported, yaml=dumps_roundtrip(data), data={**item.imported.data, "id": cid})
    return ImportedFile(imported, item.source, item.kind)


def save_import(lw: LoadedWorkspace, item: ImportedFile, cid: str | None = None) -> Path:
    """Write the import to `<consultations folder>/<id>.yaml` (under `cid` when given), as `drafter
    import` does. InvalidFields (`id`) when the id is taken or the file exists: nothing is overwritten."""
    if cid:
        item = with_id(item, cid)
    problem = id_taken(lw, item.id)
    if problem:
        raise InvalidFields({"id": problem})
    try:
        return importing.write_new(lw.ws, item.imported, importing.default_output(lw.ws, item.id))
    except importing.TargetExists as exc:
        raise InvalidFields({"id": f"{exc.filename} already exists"}) from None


# --------------------------------------------------------------------------- the review


@dataclass
class ReviewRow:
    """One detected thing, as the review lists it."""

    path: tuple
    """Its place in the consultation's data, e.g. `("sections", 0, "questions", 2)`."""
    kind: str
    """`meta`, `section`, `question`, `part` or `paragraph`."""
    number: str
    text: str
    details: list[str] = field(default_factory=list)
    """Limit, required, …"""
    guesses: list[str] = field(default_factory=list)
    """The `# check:` notes on it (or inside it)."""
    line: int | None = None
    """Its line in the source (index into `source.lines`)."""
    level: int = 0


def _limit(limit: Any) -> str | None:
    if not isinstance(limit, dict):
        return None
    for unit in ("words", "chars"):
        if unit in limit:
            return f"limit {limit[unit]:,} {'words' if unit == 'words' else 'characters'}"
    return None


def _question_row(q: dict, path: tuple, kind: str, level: int) -> ReviewRow:
    number = q.get("number")
    details = [d for d in (_limit(q.get("limit")), "required" if q.get("required") else None) if d]
    if q.get("kind") == "choice":
        details.append("choice: " + ", ".join(map(str, q.get("choices") or [])))
    if q.get("in") in ("form", "both"):
        details.append(f"in: {q['in']}")
    return ReviewRow(path, kind, str(q.get("id")) if number is None else str(number), str(q.get("text", "")), details, level=level)


def review_rows(imported: Imported) -> list[ReviewRow]:
    """What was detected, in order: the call's details, then its sections with their questions and
    parts (or the document's paragraphs, under their sections), each with its source line and its
    guesses (a guess inside an item, say on its limit, is shown on the item)."""
    data = imported.data
    rows: list[ReviewRow] = []
    for key in ("id", "title", "organiser", "deadline", "revision"):
        if key in data:
            rows.append(ReviewRow((key,), "meta", key, str(data[key])))
    required = (data.get("respondent") or {}).get("required")
    if required:
        rows.append(ReviewRow(("respondent", "required"), "meta", "respondent", ", ".join(map(str, required))))
    limit = (data.get("submission") or {}).get("limit")
    if limit:
        rows.append(ReviewRow(("submission", "limit"), "meta", "whole response", _limit(limit) or ""))
    for si, section in enumerate(data.get("sections") or []):
        spath = ("sections", si)
        rows.append(ReviewRow(spath, "section", str(section.get("id", "")), str(section.get("title", ""))))
        for qi, q in enumerate(section.get("questions") or []):
            qpath = (*spath, "questions", qi)
            rows.append(_question_row(q, qpath, "question", 1))
            for pi, part in enumerate(q.get("parts") or []):
                rows.append(_question_row(part, (*qpath, "parts", pi), "part", 2))
    last_section: object = None
    for pi, p in enumerate(data.get("paragraphs") or []):
        if p.get("section") and p.get("section") != last_section:
            last_section = p.get("section")
            rows.append(ReviewRow(("paragraphs", pi, "section"), "section", "", str(last_section)))
        rows.append(ReviewRow(("paragraphs", pi), "paragraph", str(p.get("id", "")), str(p.get("text", "")), level=1))
    for row in rows:
        row.line = imported.lines.get(row.path)
        if row.line is None and row.kind == "section" and row.path[0] == "paragraphs":
            row.line = imported.lines.get(row.path[:2])
    by_path = {row.path: row for row in rows}
    for guess in imported.guesses:
        path = tuple(guess.path)
        while path and path not in by_path:
            path = path[:-1]
        target = by_path.get(path)
        if target is None:
            rows.insert(0, target := ReviewRow(tuple(guess.path), "meta", ".".join(map(str, guess.path)), ""))
            by_path[target.path] = target
        target.guesses.append(guess.note)
    return rows
