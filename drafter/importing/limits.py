"""Length limits written out in English, French and Spanish: "no more than 500 words", "max. 2,000
characters", "(500 characters max)", "up to 1 500 caractères", "máximo 500 palabras", "word limit
400"; and page limits ("no more than 5 pages").

Numbers may carry thousands separators: "," "." a space, a no-break or narrow no-break space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+)"
_WORDS = r"(?P<unit>words?|mots?|palabras?)"
_CHARS = r"(?P<unit>characters?|chars?|caract[eè]res?|caracteres?|signes?)"
_UNIT = r"(?P<unit>words?|mots?|palabras?|characters?|chars?|caract[eè]res?|caracteres?|signes?)"
_MAXW = (
    r"(?:no\s+more\s+than|not\s+more\s+than|not\s+(?:to\s+)?exceed(?:ing)?|should\s+not\s+exceed|must\s+not\s+exceed|"
    r"up\s+to|at\s+most|maximum(?:\s+of)?|max\.?|limit(?:ed)?\s+(?:to|of)|limit:|within|less\s+than|fewer\s+than|"
    r"under|"
    r"pas\s+plus\s+de|au\s+maximum|maximum\s+de|jusqu'?à|ne\s+(?:doit|doivent)\s+pas\s+d[ée]passer|n'exc[eè]d(?:ant|e)\s+pas|"
    r"limit[ée]e?s?\s+à|"
    r"no\s+m[aá]s\s+de|m[aá]ximo(?:\s+de)?|hasta|como\s+m[aá]ximo|no\s+(?:debe|deben|deber[aá]n?)\s+(?:exceder|superar)(?:\s+(?:de|los|las))?|"
    r"limitad[oa]s?\s+a)"
)
_PATTERNS = [
    # "no more than 500 words", "max. 2,000 characters", "up to 1 500 caractères", "máximo 500 palabras"
    re.compile(_MAXW + r"\s*:?\s*" + _NUM + r"\s*" + _UNIT, re.IGNORECASE),
    # "500 words maximum", "(500 characters max)", "500 mots maximum", "500 palabras como máximo"
    re.compile(_NUM + r"\s*" + _UNIT + r"\s*(?:\([^)]{0,40}\)\s*)?(?:max(?:imum)?\.?|maxi|m[aá]x(?:imo)?\.?|como\s+m[aá]ximo|au\s+maximum|or\s+(?:less|fewer)|limit|ou\s+moins|o\s+menos)\b", re.IGNORECASE),
    # "word limit 400", "word limit: 400", "character limit of 1,000", "limite de 300 mots"
    re.compile(r"\b(?P<unit>word|character|char)\s*(?:limit|count|maximum|max\.?)\s*(?:of|is|:)?\s*:?\s*" + _NUM, re.IGNORECASE),
    re.compile(r"\bl[ií]mite\s*(?:de|:)?\s*" + _NUM + r"\s*" + _UNIT, re.IGNORECASE),
    re.compile(r"\blimit\s*:?\s*" + _NUM + r"\s*" + _UNIT, re.IGNORECASE),
    # "(max 500 words)"-style already covered; "[300 words]" / "(300 words)"
    re.compile(r"[(\[]\s*" + _NUM + r"\s*" + _UNIT + r"\s*[)\]]", re.IGNORECASE),
]
_PAGES = re.compile(
    r"(?:no\s+more\s+than|not\s+(?:to\s+)?exceed|should\s+not\s+exceed|must\s+not\s+exceed|up\s+to|at\s+most|maximum(?:\s+of)?|max\.?|"
    r"limited\s+to|pas\s+plus\s+de|maximum|no\s+m[aá]s\s+de|m[aá]ximo(?:\s+de)?)\s*(?P<n>\d{1,3})\s*(?:pages?|p[aá]ginas?)\b"
    r"|(?P<n2>\d{1,3})\s*(?:pages?|p[aá]ginas?)\s*(?:max(?:imum)?|maxi|m[aá]ximo)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundLimit:
    unit: str
    """"words" or "chars"."""
    value: int
    start: int
    end: int
    """Where the wording stands in the text."""
    with_spaces: bool | None = None
    """For characters: whether the text said spaces count (None: it did not say)."""

    def as_data(self) -> dict[str, int]:
        return {self.unit: self.value}


def number(text: str) -> int:
    """ "2,000" "2.000" "1 500" "1\u202f500" → the integer."""
    return int(re.sub(r"[,.\u00a0\u202f ]", "", text))


def _unit(word: str) -> str:
    return "words" if word.lower()[:1] in ("w", "m", "p") else "chars"


def find_limit(text: str) -> FoundLimit | None:
    """The first length limit stated in `text` (None: none)."""
    best: FoundLimit | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            nums = [g for g in m.groups() if g and re.fullmatch(_NUM, g)]
            if not nums or not groups.get("unit"):
                continue
            value = number(nums[0])
            if value <= 0 or value > 1_000_000:
                continue
            after = text[m.end(): m.end() + 40].lower()
            spaces = None
            if _unit(groups["unit"]) == "chars":
                if re.match(r"\s*\(?\s*((including|incl\.?|with|y compris|incluidos|con)\s+(les\s+|los\s+)?(spaces|espac)|espaces\s+compris|espacios\s+incluidos)", after):
                    spaces = True
                elif re.match(r"\s*\(?\s*(excluding|without|not including|hors|sans|sin)\s+(les\s+)?(spaces|espac)", after):
                    spaces = False
            found = FoundLimit(_unit(groups["unit"]), value, m.start(), m.end(), spaces)
            if best is None or found.start < best.start:
                best = found
            break
    return best


def strip_limit(text: str, found: FoundLimit) -> str:
    """The text without a limit that stands apart at its end: "Abstract (500 characters max)" →
    "Abstract"; a limit inside a sentence is left where it is."""
    before, limit_text, after = text[: found.start], text[found.start: found.end], text[found.end:]
    opened = before.rstrip()
    tail = after.strip()
    if opened.endswith(("(", "[")) and re.fullmatch(r"[^()\[\]]{0,40}[)\]]\.?", tail):
        return opened[:-1].rstrip(" -–—:,;")
    if limit_text.startswith(("(", "[")) and not tail:
        return opened.rstrip(" -–—:,;")
    return text


def find_pages(text: str) -> int | None:
    m = _PAGES.search(text)
    if not m:
        return None
    return int(m.group("n") or m.group("n2"))
