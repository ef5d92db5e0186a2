"""`drafter import`: an organiser's questionnaire or draft text → a consultation file to review.

Pure converters, no UI: `read_source` reads a `.docx`, `.html`, `.md`, `.txt` or `.pdf` file (or
text from stdin) into visible lines with their labels, heading marks and list levels;
`import_consultation` turns those lines into a consultation — sections, questions and parts, or a
document's numbered paragraphs — with every guess marked by a `# check:` comment in the YAML it
gives; `write_imported` writes it atomically and never over an existing file.

Reading is bounded (file size, a DOCX's uncompressed size, PDF pages, lines) and a source that
cannot be used is an `ImportFailure`: one line naming the file. The readers' libraries (python-docx,
lxml, pypdf) are imported only when a file of their kind is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import Guess
from .source import FORMATS, ImportFailure, Source, SourceLine

__all__ = [
    "FORMATS", "Guess", "ImportFailure", "Imported", "Source", "SourceLine", "import_consultation", "read_source",
    "write_imported",
]


@dataclass
class Imported:
    """A consultation as imported: the data, its YAML text, and what the importer found and guessed."""

    data: dict[str, Any]
    """The consultation as plain data (validates as `drafter.model.Consultation`)."""
    yaml: str
    """The file text to write: round-trip YAML with a `# check: …` comment on every guess."""
    guesses: list[Guess]
    found: list[str]
    """Summary lines: "12 questions in 4 sections", "deadline 2026-01-31 23:59 UTC+00:00 (from line 3)"."""
    missing: list[str]
    """What was not found: "no deadline", "no limits"."""
    source: Source
    lines: dict[tuple, int] = field(default_factory=dict)
    """Data path of each section, question, part and paragraph, and of the call's details read from
    the text (title, organiser, url, deadline, respondent fields) → index in `source.lines`."""
    kind: str = "questionnaire"
    problems: list[str] = field(default_factory=list)
    """Why the result would not pass `drafter lint` as it is (e.g. the deadline has passed)."""


def read_source(source: str | Path, *, stdin_text: str | None = None) -> Source:
    """Read a source file (or "-" with `stdin_text`) into lines. ImportFailure when it cannot be used."""
    from .readers import read_any

    return read_any(source, stdin_text=stdin_text)


def import_consultation(
    source: str | Path,
    *,
    kind: str | None = None,
    id: str | None = None,
    stdin_text: str | None = None,
    existing: Path | None = None,
    today: dt.date | None = None,
) -> Imported:
    """Read `source` and make a consultation of it. `kind`: None (guess: numbered PP/OP paragraphs →
    document, else questionnaire), "questionnaire" or "document". `existing`: a document
    consultation this text is a new revision of (its id, deadline history and other keys are kept;
    its paragraphs and revision replaced). ImportFailure when nothing usable is found."""
    from .importer import run_import

    return run_import(read_source(source, stdin_text=stdin_text), kind=kind, cid=id, existing=existing, today=today or dt.date.today())


def write_imported(imported: Imported, out: Path) -> None:
    """Write the YAML to `out` atomically; FileExistsError when `out` exists (never overwrites)."""
    from ..yamlio import atomic_write_text

    if out.exists() or out.is_symlink():
        raise FileExistsError(17, "already exists: drafter import never overwrites a file", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out, imported.yaml)
