"""Printed numbering: split a typed label off a line, and read what a label says.

A label is what an organiser prints before a question or paragraph: "1.", "1)", "2.1", "2.1.3",
"A.", "A)", "F) 1.", "(a)", "a)", "(i)", "i.", "IV.", "Question 3", "Q3", "Q. 3", "PP3", "OP14",
"para. 12", "Section 2", "Part I". `parse_label` gives its kind and value(s); which role a label
plays (section, question, part, paragraph) is decided by `structure`, from the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INSERTED = r"(bis|ter|quater|quat|quinquies|sexies|septies|octies)"
"""Latin ordinals after a paragraph number: a paragraph inserted after another ("1bis", "1 ter",
"OP14 quater") keeps the number it follows."""
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)

# The typed labels a line may open with (most specific first). Each needs white space (or the end)
# after it, so "e.g." or "2026" never become labels.
_LABEL = re.compile(
    r"""^(?P<label>
        (?:question|pregunta|q)\s*(?:n[o°º]\.?\s*)?\.?\s*\d+(?:\.\d+)*[a-z]?\s*[.:)\-–]?   # Question 3, Q3, Q. 3, Q 2.1
      | (?:section|part|chapter|partie|parte|sección|seccion|chapitre)\s+(?:\d+|[IVXLC]+|[A-Z])\b\s*[.:\-–]?
      | (?:PP|OP)\s?\d+(?:\s?(?:%(suffix)s))?\s*[.:)]?                                          # PP3, OP14, OP 14 bis
      | (?:para(?:graph)?|párrafo|paragraphe)\.?\s*\d+\s*[.:)]?                               # para. 12
      | (?-i:[A-Z])[.)]\s+\d+(?:\.\d+)*[.)]?                                                    # F) 1.   A. 2
      | \d{1,3}(?:\.\d{1,3})+[.)]?                                                             # 2.1  2.1.3  2.1.
      | \d{1,3}\s?(?:%(suffix)s)[.)]?                                                            # 1bis.  1 ter  1quat.
      | \d{1,3}[.)]                                                                            # 1.  1)
      | \(\d{1,3}\)                                                                            # (1)
      | \((?:[a-z]{1,2}|[A-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})\)                                     # (a) (A) (i) (iv) (aa)
      | (?:[a-z]|[A-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})[.)]                                          # a) A. i. IV)
    )(?=\s|$)""" % {"suffix": r"bis|ter|quater|quat|quinquies|sexies|septies|octies"},
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Label:
    """What a label says: its `kind`, its values (e.g. (2, 1) for "2.1"), and how it is printed."""

    raw: str
    kind: str
    """decimal ("1."), dotted ("2.1"), alpha ("a)"), ALPHA ("A."), roman ("iv)"), ROMAN ("IV."),
    question ("Question 3"), pp, op, para, section ("Section 2", "Part I"), compound ("F) 1.")."""
    values: tuple[str, ...]
    """The label's numbers as printed, outermost first: ("2", "1"), ("F", "1"), ("a",)."""
    style: str
    """How it is punctuated: "." ")" "()" or "" — with the kind, what makes two labels siblings."""

    @property
    def key(self) -> str:
        """The label's id form: "2.1", "F.1", "a", "PP3"."""
        return ".".join(self.values)

    @property
    def depth(self) -> int:
        return len(self.values)

    @property
    def family(self) -> str:
        """Labels of one family are siblings in a list: kind and punctuation."""
        return f"{self.kind}{self.style}{self.depth if self.kind == 'dotted' else ''}"


def split_label(text: str) -> tuple[str | None, str]:
    """("2.1", "What …?") from "2.1 What …?"; (None, text) when the line has no typed label.

    A single letter followed by "." that opens an ordinary sentence ("A. Smith said", "I. e.") is
    still taken: the structure step decides from the whole document whether it is a label. A trailing
    ":" or dash of "Question 3:" or "Part I –" is left out of the label."""
    m = _LABEL.match(text)
    if not m:
        return None, text
    label = m.group("label").strip()
    rest = text[m.end():].strip()
    if label[-1:] not in ".)":
        label = label.rstrip(":-–— ")
    return label, rest.lstrip(":-–— ").strip() if rest[:1] in ":-–—" else rest


def roman_value(text: str) -> int | None:
    t = text.lower()
    if not t or not _ROMAN.match(t):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for a, b in zip(t, t[1:] + " "):
        v = values[a]
        total += -v if b != " " and values[b] > v else v
    return total


def to_roman(n: int) -> str:
    out = ""
    for value, numeral in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def to_letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word's lowerLetter repeats the letter: 27 → aa, 28 → bb)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def parse_label(raw: str) -> Label | None:
    """The structure of a label (None: not one)."""
    s = " ".join(raw.split())
    m = re.fullmatch(r"(?i)(?:question|pregunta|q)\s*(?:n[o°º]\.?\s*)?\.?\s*(\d+(?:\.\d+)*[a-z]?)\s*[.:)\-–]?", s)
    if m:
        return Label(raw, "question", tuple(m.group(1).split(".")), "")
    m = re.fullmatch(r"(?i)(section|part|chapter|partie|parte|sección|seccion|chapitre)\s+(\d+|[IVXLC]+|[A-Z])\s*[.:\-–]?", s)
    if m:
        return Label(raw, "section", (m.group(2),), "")
    m = re.fullmatch(r"(?i)(PP|OP)\s?(\d+)(?:\s?" + _INSERTED + r")?\s*[.:)]?", s)
    if m:
        return Label(raw, m.group(1).lower(), (m.group(1).upper() + m.group(2) + (m.group(3) or "").lower(),), "")
    m = re.fullmatch(r"(?i)(?:para(?:graph)?|párrafo|paragraphe)\.?\s*(\d+)\s*[.:)]?", s)
    if m:
        return Label(raw, "para", (m.group(1),), "")
    m = re.fullmatch(r"([A-Z])([.)])\s+(\d+(?:\.\d+)*)[.)]?", s)
    if m:
        return Label(raw, "compound", (m.group(1), *m.group(3).split(".")), m.group(2))
    m = re.fullmatch(r"(\d{1,3}(?:\.\d{1,3})+)([.)]?)", s)
    if m:
        return Label(raw, "dotted", tuple(m.group(1).split(".")), m.group(2))
    m = re.fullmatch(r"(?i)(\d{1,3})\s?" + _INSERTED + r"([.)]?)", s)
    if m:
        return Label(raw, "decimal", (m.group(1) + m.group(2).lower(),), m.group(3))
    m = re.fullmatch(r"(\d{1,3})([.)]?)", s)  # a bare "5" comes from a table's number column
    if m:
        return Label(raw, "decimal", (m.group(1),), m.group(2))
    m = re.fullmatch(r"\((\d{1,3})\)", s)
    if m:
        return Label(raw, "decimal", (m.group(1),), "()")
    m = re.fullmatch(r"\(([A-Za-z]{1,6})\)|([A-Za-z]{1,6})([.)])", s)
    if m:
        body = m.group(1) or m.group(2)
        style = "()" if m.group(1) else m.group(3)
        upper = body.isupper()
        if len(body) > 1 and roman_value(body) is None and not (len(body) == 2 and body[0] == body[1]):
            return None
        if roman_value(body) is not None and (len(body) > 1 or body.lower() == "i"):
            return Label(raw, "ROMAN" if upper else "roman", (body,), style)
        return Label(raw, "ALPHA" if upper else "alpha", (body,), style)
    return None


def ordinal(label: Label) -> int | None:
    """The position a label's last value stands for: "3." → 3, "c)" → 3, "(iv)" → 4."""
    last = label.values[-1]
    if last.isdigit():
        return int(last)
    if label.kind in ("roman", "ROMAN"):
        return roman_value(last)
    if label.kind in ("alpha", "ALPHA") and last.isalpha():
        return (ord(last[0].lower()) - ord("a") + 1) + 26 * (len(last) - 1)
    digits = re.sub(r"\D", "", last)
    return int(digits) if digits else None
