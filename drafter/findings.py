"""The Finding model and the one table of finding codes.

Invariant: every code drafter can emit is a row of `CODES`; the checker, `drafter rules`, the docs
and the tests all read this table, so nothing ships undocumented.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Code:
    """One finding code: its default severity and the sentence `drafter rules` prints."""

    code: str
    severity: str  # "error", "warning", "info", "error/info" or "per rule"
    sentence: str


CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code("yaml", "error", "A file is not valid YAML (or not UTF-8, or empty); the position is the parser's."),
        Code("schema", "error", "A key is missing, unknown, or of the wrong type; the position is the key's."),
        Code("duplicate-id", "error", "Two blocks, questions or sections share an id."),
        Code("unknown-theme", "warning", "A theme is not in any loaded vocabulary."),
        Code("unknown-block", "error", "A draft refers to a block no library has (or an ambiguous bare id)."),
        Code("unknown-question", "error", "A draft answers a question the consultation lacks."),
        Code("unanswered", "error/info", "A required question (error) or an optional one (info) has no answer."),
        Code("over-limit", "error", "The composed answer exceeds its word or character limit."),
        Code("near-limit", "info", "The composed answer is above 90% of its limit."),
        Code("short-fits", "info", "The answer is over its limit with a block's body, but its short variant would fit."),
        Code("theme-mismatch", "warning", "A block shares no theme with the question it answers."),
        Code("unresolved-variable", "error", "A placeholder has no value; fill the named respondent field."),
        Code("template", "error", "A block's template cannot be rendered: syntax error, blocked operation, or too much work."),
        Code("respondent-missing", "error", "A field the consultation requires of the respondent is empty."),
        Code("stale-block", "warning", "A block's review date plus its interval is before today."),
        Code("block-changed", "warning", "The library's block no longer matches the version pinned in the draft."),
        Code("duplicate-block", "warning", "One block is used in more than one answer."),
        Code("phrase", "per rule", "A library or consultation phrase rule matched."),
        Code("deadline-near", "warning", "The consultation's deadline is within 7 days."),
        Code("deadline-passed", "error", "The consultation's deadline has passed."),
        Code("unchecked-consultation", "info", "The consultation's details were last checked more than 14 days ago."),
        Code("control-char", "warning", "Characters XML forbids were removed from text (they are often pasted in from PDFs)."),
        Code("bad-rule", "error", "A phrase pattern cannot be used: invalid, too large, or too slow."),
        Code("unsafe-link", "error", "A link or source URL whose scheme is not http, https or mailto."),
        Code("invalid-choice", "error", "A `choice` that is not one of the question's choices, or a choice on a text question."),
        Code("placeholder-left", "warning", "Your own text still holds a placeholder: {{ … }}, [NAME]-style brackets, TODO, TBD, XXX."),
        Code("over-total", "error", "The whole response exceeds the consultation's `submission.limit`."),
        Code("over-pages", "error", "The rendered document is longer than `submission.max_pages` (an estimate without LibreOffice)."),
        Code("review-date", "warning", "A block's `reviewed` date is in the future (a typo would exempt it from review)."),
        Code("paragraph-changed", "warning", "A comment's paragraph changed since it was pinned (a new revision of the document)."),
        Code("language-mismatch", "warning", "A block has no translation into the consultation's language (or lacks one of its library's `languages`)."),
        Code("spelling", "info", "A word in neither the dictionary of the text's language nor the library's or workspace's `words`."),
    ]
}


class Finding(BaseModel):
    """One problem found in a file, a draft or an answer."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    code: str
    message: str
    hint: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    question: str | None = None
    block: str | None = None

    def at(self, file: str | None, line: int | None = None, column: int | None = None) -> "Finding":
        """The same finding placed at a file position."""
        return self.model_copy(update={"file": file, "line": line, "column": column})


def finding(code: str, message: str, *, severity: Severity | None = None, **fields: object) -> Finding:
    """Make a finding of a registered code; its severity comes from the table unless the code's varies."""
    entry = CODES[code]  # KeyError for an unregistered code is a programming error
    if severity is None:
        if entry.severity not in ("error", "warning", "info"):
            raise ValueError(f"code {code!r} needs an explicit severity")
        severity = entry.severity  # type: ignore[assignment]
    return Finding(severity=severity, code=code, message=message, **fields)  # type: ignore[arg-type]


def natural(text: str | None) -> tuple:
    """A key that orders ids as people number them: 1.2 < 1.10 < 2, 6 < 15, PP2 < PP10."""
    import re

    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", text or ""))


def sort_key(f: Finding) -> tuple:
    return (f.file or "", f.line or 0, f.column or 0, SEVERITY_ORDER[f.severity], f.code, natural(f.question), f.message)


def count(findings: Iterable[Finding]) -> dict[str, int]:
    """Number of findings per severity."""
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f.severity] += 1
    return out


def has_errors(findings: Iterable[Finding], strict: bool = False) -> bool:
    """True when the findings fail a check: any error, or with `strict` any warning too."""
    failing = ("error", "warning") if strict else ("error",)
    return any(f.severity in failing for f in findings)
