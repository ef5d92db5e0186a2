"""Text as a document prints it: YAML-wrapped lines joined, paragraphs split at blank lines."""

from __future__ import annotations

import re

from ..wording import one_line

__all__ = ["one_line", "paragraphs"]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line (single line breaks are only wrapping)."""
    return [one_line(p) for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
