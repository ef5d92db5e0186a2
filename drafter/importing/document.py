"""A document under review (a zero draft, a revision, an elements paper) → numbered paragraphs.

Paragraph labels: "PP3", "OP14", "12.", "para. 12", Word or HTML list numbers. Lettered or roman
sub-items ("(a)", "(i)") belong to the paragraph above them. Headings (marked as such, bold short
lines, "I. Introduction", "Part II") become the `section` of the paragraphs under them. Unnumbered
lines opening with a preambular word ("Recalling", "Reaffirming") before the operative paragraphs
are numbered PP1, PP2… (a guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import Label, parse_label
from .meta import is_question_text
from .source import SourceLine

_PREAMBULAR = re.compile(
    r"^(Recalling|Reaffirming|Recognizing|Recognising|Noting|Acknowledging|Welcoming|Emphasizing|Emphasising|Expressing|"
    r"Bearing in mind|Taking note|Taking into account|Mindful|Convinced|Concerned|Stressing|Underlining|Affirming|Considering|"
    r"Guided by|Deeply concerned|Aware|Conscious|Determined|Reiterating|Highlighting|Underscoring|Appreciating|Encouraged|"
    r"Rappelant|Réaffirmant|Reconnaissant|Notant|Recordando|Reafirmando|Reconociendo|Observando)\b"
)
_PARA_KINDS = {"pp", "op", "para", "decimal", "dotted"}
_SUB_KINDS = {"alpha", "roman"}


@dataclass
class DocParagraph:
    id: str
    text: list[str]
    section: str | None
    index: int
    guess: str | None = None


@dataclass
class DocOutline:
    paragraphs: list[DocParagraph] = field(default_factory=list)
    duplicates: int = 0


def paragraph_count(lines: list[SourceLine]) -> tuple[int, int]:
    """(lines with PP/OP/para labels, lines with plain paragraph numbers that ask nothing)."""
    ppop = plain = 0
    for line in lines:
        label = parse_label(line.label) if line.label else None
        if label is None:
            continue
        if label.kind in ("pp", "op", "para"):
            ppop += 1
        elif label.kind in ("decimal", "dotted") and not is_question_text(line.text):
            plain += 1
    return ppop, plain


def document_outline(lines: list[SourceLine], skip: set[int]) -> DocOutline:
    out = DocOutline()
    labels: dict[int, Label] = {}
    for i, line in enumerate(lines):
        if line.label and i not in skip and (parsed := parse_label(line.label)) is not None:
            labels[i] = parsed
    kinds = {label.kind for label in labels.values()}
    main = {"pp", "op", "para"} & kinds or ({"decimal"} if "decimal" in kinds else {"dotted"} & kinds)
    section: str | None = None
    current: DocParagraph | None = None
    seen_operative = False
    used: set[str] = set()
    pp_count = 0
    for i, line in enumerate(lines):
        if i in skip:
            continue
        text = line.text.strip()
        label = labels.get(i)
        if label is not None and label.kind in main:
            pid = label.key
            if label.kind == "op" or (label.kind != "pp"):
                seen_operative = True
            base, k = pid, 2
            while pid in used:
                pid, k = f"{base}-{k}", k + 1
            guess = None
            if pid != base:
                out.duplicates += 1
                guess = f"the document numbers another paragraph {base} too"
            used.add(pid)
            current = DocParagraph(pid, [text], section, i, guess)
            out.paragraphs.append(current)
            continue
        is_heading = line.heading is not None or (
            not line.table and len(text.split()) <= 14 and not text.endswith((".", ";", ",", ":"))
            and (line.bold or (label is not None and label.kind in ("ROMAN", "ALPHA", "section")) or text.isupper())
        )
        if is_heading and not (label is not None and label.kind in _SUB_KINDS and current is not None):
            section = f"{label.raw} {text}".strip() if label is not None else text
            current = None
            continue
        if not seen_operative and not ({"pp"} & main) and _PREAMBULAR.match(text):
            pp_count += 1
            pid = f"PP{pp_count}"
            current = DocParagraph(pid, [text], section, i, "an unnumbered preambular paragraph, numbered in order")
            used.add(pid)
            out.paragraphs.append(current)
            continue
        if current is not None:
            current.text.append(f"{line.label} {text}".strip() if line.label else text)
    return out
