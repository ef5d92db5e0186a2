"""Plain text (a `.txt` file, or text pasted on stdin): one line per paragraph.

Lines wrapped inside a paragraph (as an e-mail or a web form's text comes) are joined: a line that
follows another without a blank line, has no label and does not look like a heading continues it.
"""

from __future__ import annotations

import re

from .labels import split_label
from .source import Source, SourceLine, add_line

_BULLET = re.compile(r"^\s*[-•*▪◦·]\s+")
_MD_HEADING = re.compile(r"^(#{1,6})\s+")


_UNDERLINE = re.compile(r"^(?:={3,}|-{3,})$")
_SHORT = 40
"""A line shorter than this may end its paragraph (the text is not hard-wrapped there)."""


def wrap_width(lines: list[str]) -> int:
    """The width a text is hard-wrapped at: the 90th percentile of its lines' lengths."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def text_lines(text: str, name: str, fmt: str = "txt") -> Source:
    source = Source(name, fmt)
    paragraph: list[str] = []
    indent = 0
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = wrap_width(raw_lines)
    last_width = 0

    def flush(heading: int | None = None) -> None:
        nonlocal paragraph
        if paragraph:
            add_line(source.lines, SourceLine(" ".join(paragraph), level=min(indent // 2, 8), heading=heading), name)
        paragraph = []

    for raw in raw_lines:
        stripped = raw.strip()
        if not stripped:
            flush()
            continue
        if _UNDERLINE.match(stripped):
            # a title underlined with "===" or "---" (as Markdown and e-mails write them): a heading
            flush(heading=1 if stripped[0] == "=" else 2)
            continue
        first_word = stripped.split()[0]
        body = _BULLET.sub("", stripped)
        label, _ = split_label(body)
        starts_new = (
            label is not None
            or body != stripped
            or stripped.isupper()
            or bool(_MD_HEADING.match(stripped))
            or (paragraph and paragraph[-1].rstrip().endswith(("?", ":")))
            # a short line ends its paragraph, unless the next word would not have fitted on it (hard wrapping)
            or (paragraph and len(paragraph[-1]) < _SHORT and not paragraph[-1].rstrip().endswith((",", "-"))
                and last_width + 1 + len(first_word) <= width)
        )
        if starts_new:
            flush()
            indent = len(raw) - len(raw.lstrip(" \t"))
        if paragraph and paragraph[-1].endswith("-") and not paragraph[-1].endswith(" -") and body[:1].islower():
            paragraph[-1] = paragraph[-1][:-1] + body  # a word hyphenated at the line's end
            last_width = len(raw.rstrip())
            continue
        paragraph.append(body)
        last_width = len(raw.rstrip())
    flush()
    return source
