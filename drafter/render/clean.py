"""Removal of the characters no document can hold, each removal reported once per place.

Invariant: text reaches a renderer's output only through `Cleaner.clean` or `strip_forbidden`, so no
output holds a character XML 1.0 forbids (a DOCX with one is corrupt; a lone surrogate cannot even be
UTF-8), and each removal is reported once per place as a `control-char` warning.
"""

from __future__ import annotations

from ..findings import Finding, finding
from ..plaintext import FORBIDDEN, forbidden_chars
from ..wording import plural

SANITIZE_CODE = "control-char"
"""The code of a removal's warning."""


def strip_forbidden(text: str) -> str:
    """`text` without the characters XML forbids."""
    return FORBIDDEN.sub("", text)


class Cleaner:
    """Removes XML-forbidden characters from text and collects one warning finding per place."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def clean(self, text: str | None, where: str, *, question: str | None = None) -> str:
        """`text` (None → "") with forbidden characters removed; a removal is reported as a warning."""
        if not text:
            return ""
        found = FORBIDDEN.findall(text)
        if not found:
            return text
        n = len(found)
        warning = finding(
            SANITIZE_CODE,
            f"{where}: removed {plural(n, 'character')} a document cannot hold ({', '.join(forbidden_chars(text))})",
            hint="delete the control characters from the text (they are often pasted in from PDFs)",
            question=question,
        )
        if warning not in self.findings:  # the same text cleaned twice (cover and header) is one place
            self.findings.append(warning)
        return FORBIDDEN.sub("", text)
