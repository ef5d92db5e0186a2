"""What every renderer shares: the user-facing error, the template context's names, the Markdown
parser, removal of characters XML cannot hold, and small text helpers. Imports no Word library.

Invariant: text reaches a renderer's output only through `Cleaner.clean` or `strip_forbidden`, so no output holds a
character XML 1.0 forbids (a DOCX with one is corrupt; a lone surrogate cannot even be UTF-8), and each
removal is reported once per place as a warning finding.
"""

from __future__ import annotations

import re


from ..findings import Finding
from ..model import Source

from ..plaintext import FORBIDDEN, forbidden_chars

SANITIZE_CODE = "control-char"


CONTEXT_NAMES: dict[str, str] = {
    "consultation": "the consultation: id, title, organiser, url, language, deadline (ISO 8601)",
    "respondent": "the respondent: name, organisation, stakeholder_group, country, email, "
    "consent_to_publish, and any other field the draft gives",
    "cosigners": "co-signing organisations, a list of {organisation, country}",
    "date": "the submission date, YYYY-MM-DD (the draft's date, else the deadline's)",
    "consent_statement": "one sentence on whether the organiser may publish the response",
    "sections": "the questionnaire: a list of {id, title, answers}",
    "answers": "every answer in order; each has the question's id, text, guidance, required, kind, "
    "choices, limit ('500 words' or ''), and answered, words, chars, plain (the answer as plain text), "
    "answer (the formatted answer: put {{p a.answer }} alone on a paragraph)",
    "sources": "the sources the answers rest on, each once: a list of {title, url}",
    "references": "the sources as a numbered list with links: {{p references }} alone on a paragraph",
}


def context_names() -> dict[str, str]:
    """Each name a DOCX template may use, with what it holds (for the README and `--help`)."""
    return dict(CONTEXT_NAMES)


class RenderError(Exception):
    """A render that cannot go on: the message is one line, for the user (a bad template, no LibreOffice)."""


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
        codes = ", ".join(forbidden_chars(text))
        n = len(found)
        warning = Finding(
            severity="warning",
            code=SANITIZE_CODE,
            message=f"{where}: removed {n} character{'s' if n != 1 else ''} a document cannot hold ({codes})",
            hint="delete the control characters from the text (they are often pasted in from PDFs)",
            question=question,
        )
        if warning not in self.findings:  # the same text cleaned twice (cover and header) is one place
            self.findings.append(warning)
        return FORBIDDEN.sub("", text)


def one_line(text: str) -> str:
    """Text on one line: YAML line wrapping (and any run of whitespace) becomes one space."""
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line (single line breaks are only wrapping)."""
    return [one_line(p) for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]


def unique_sources(sources: list[Source]) -> list[Source]:
    """Each source once (by title and URL), in first-use order."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for s in sources:
        key = (s.title, s.url)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def consent_statement(organisation: str, consent: bool | None) -> str:
    """The sentence printed on the cover about publication."""
    who = organisation or "The respondent"
    if consent is True:
        return f"{who} consents to the publication of this response."
    if consent is False:
        return f"{who} does not consent to the publication of this response."
    return "Consent to publication: not stated."


def limit_text(limit) -> str:
    """'500 words', '2000 characters' or '' for no limit."""
    if limit is None:
        return ""
    return f"{limit.value} words" if limit.unit == "words" else f"{limit.value} characters"


def cover_fields(doc, clean: Cleaner) -> list[tuple[str, str]]:
    """The cover block's (label, value) rows that have a value, cleaned, in the order printed."""
    res = doc.respondent
    cosigners = "; ".join(
        clean.clean(c.organisation, "cosigner") + (f" ({clean.clean(c.country, 'cosigner country')})" if c.country else "")
        for c in doc.cosigners
    )
    fields = [
        ("Organisation", clean.clean(res.organisation, "respondent organisation")),
        ("Stakeholder group", clean.clean(res.stakeholder_group, "respondent stakeholder_group")),
        ("Country", clean.clean(res.country, "respondent country")),
        ("Date", doc.date.isoformat()),
        ("Co-signers", cosigners),
    ]
    return [(label, value) for label, value in fields if value]

