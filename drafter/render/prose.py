"""Text as a document prints it: YAML-wrapped lines joined, paragraphs split at blank lines.

A no-break space (U+00A0, U+2007, U+202F) is never wrapping: it is kept where it stands (French
puts one before a colon and inside « », and drafter's French wording has them, `labels.FR`).
"""

from __future__ import annotations

import re

__all__ = ["one_line", "paragraphs"]

_WRAPPING = re.compile(r"[^\S\u00a0\u2007\u202f]+")
"""A run of whitespace but no-break spaces."""


def one_line(text: str) -> str:
    """Text on one line: YAML line wrapping (and any run of whitespace but no-break spaces) becomes
    one space."""
    return _WRAPPING.sub(" ", text).strip(" ")


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line (single line breaks are only wrapping)."""
    return [one_line(p) for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
