"""What every reader returns: a source document as a list of visible lines with their marks.

Invariant: a reader never raises anything but `ImportFailure` (one line naming the file) for input
it cannot use, and never holds more than the caps below: the file size, the uncompressed size of a
DOCX's parts, the number of PDF pages and the number of lines are bounded before or while reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest source file read (a questionnaire or zero draft is far smaller)."""
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
"""The most a DOCX's parts may hold uncompressed (a zip bomb is refused before it is opened)."""
MAX_ZIP_RATIO = 200
"""The highest compression ratio a DOCX part may have (real Word XML compresses about 10:1)."""
MAX_PDF_PAGES = 300
MAX_LINES = 20000
MAX_LINE_CHARS = 20000

FORMATS = ("docx", "html", "md", "txt", "pdf")


class ImportFailure(ValueError):
    """A source that cannot be imported: the message is one line naming the file."""


@dataclass
class SourceLine:
    """One visible line (a paragraph, a list item, a heading, a table cell) of the source."""

    text: str
    """The visible text, without its label."""
    label: str | None = None
    """The printed or list number: "1.", "2.1", "A)", "(a)", "(i)", "Question 3", "OP14"."""
    level: int = 0
    """List or heading nesting, 0 = top."""
    heading: int | None = None
    """The heading level when the source marks the line as a heading."""
    bold: bool = False
    """Whether the whole line is bold (a common way to mark a section title)."""
    numbered: bool = False
    """Whether the label comes from the format's list numbering (Word lists, HTML <ol>, Markdown
    ordered lists) rather than typed in the text."""
    table: bool = False
    """Whether the line is a table cell."""
    href: str | None = None
    """The first link of the line, where the format gives it."""


@dataclass
class Source:
    """A source document, read."""

    name: str
    format: str
    lines: list[SourceLine] = field(default_factory=list)


def source_format(path: Path) -> str | None:
    """The format a file's suffix names (None: not one the importer reads)."""
    suffix = path.suffix.lower().lstrip(".")
    return {"htm": "html", "xhtml": "html", "markdown": "md", "text": "txt"}.get(suffix, suffix) if suffix else None


def read_capped(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; ImportFailure otherwise."""
    from ..yamlio.files import read_regular

    try:
        return read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise ImportFailure(f"{path}: {exc.strerror or exc}") from None


def decode_text(raw: bytes, name: str) -> str:
    """Text of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def clean(text: str) -> str:
    """One line's visible text: control characters dropped, runs of white space made one space."""
    out = []
    for ch in text[:MAX_LINE_CHARS]:
        if ch in "\t\n\r\x0b\x0c\u2028\u2029\x85":
            out.append(" ")
        elif ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch in "\ufeff\u200b":
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


_STAR_BEFORE_LABEL = re.compile(r"^\*\s?(?=\S)")


def add_line(lines: list[SourceLine], line: SourceLine, name: str) -> None:
    """Append a line (with a typed label split off when it has none), bounded by MAX_LINES."""
    from .labels import split_label

    line.text = clean(line.text)
    if line.label is None:
        line.label, line.text = split_label(line.text)
        if line.label is None and (star := _STAR_BEFORE_LABEL.match(line.text)):
            # EU Survey prints a mandatory question's "*" before its number: "*1. Which …?" is
            # question 1, required (the mark moves to the end, where `required_mark` reads it)
            label, rest = split_label(line.text[star.end():])
            if label is not None:
                line.label, line.text = label, f"{rest} *"
    if not line.text and line.label is None:
        return
    if len(lines) >= MAX_LINES:
        raise ImportFailure(f"{name}: more than {MAX_LINES} lines: not a questionnaire drafter can import")
    lines.append(line)
