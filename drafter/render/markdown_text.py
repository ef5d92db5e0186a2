"""Markdown written around answers: drafter's own text escaped so that it reads literally
(`escape`, `line_start`), and an answer's headings demoted below its question's (`demote_headings`).

Invariant: escaped text reads back as exactly the text given (`plaintext.to_plain`), after a line's
prefix or, through `line_start`, at the start of a line's content; `demote_headings` changes only
how headings are marked (levels, and a setext heading becomes one ATX line), never other lines.
"""

from __future__ import annotations

import re

from ..plaintext import PARSER
from .prose import one_line

QUESTION_LEVEL = 3
_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_CONTAINER = r"(?:[ \t]*(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+))*[ \t]*"
_ATX = re.compile(rf"^({_CONTAINER})(#{{1,6}})(?=[ \t]|$)")
_PREFIX = re.compile(rf"^{_CONTAINER}")


def escape(text: str) -> str:
    """Plain text as inline Markdown that reads back as the same text (placed after a line's prefix,
    such as `### ` or `- `, so block markers at its start need no escape)."""
    return _ENTITY.sub(r"\\&", _ESCAPE.sub(r"\\\1", text))


def demote_headings(markdown: str, top: int = QUESTION_LEVEL + 1) -> str:
    """The Markdown with its highest heading at level `top` (others kept relative, at most 6)."""
    src = re.sub(r"\r\n?", "\n", markdown)
    tokens = PARSER.parse(src)
    heads = [(t, tokens[i + 1], t.map) for i, t in enumerate(tokens) if t.type == "heading_open" and t.map]
    if not heads:
        return markdown
    first = min(int(t.tag[1]) for t, _, _ in heads)
    lines = src.split("\n")
    for tok, inline, (start, end) in sorted(heads, key=lambda h: -h[2][0]):
        hashes = "#" * min(6, top + int(tok.tag[1]) - first)
        if tok.markup.startswith("#"):
            lines[start] = _ATX.sub(r"\g<1>" + hashes, lines[start], count=1)
        else:  # setext: "Text\n===" becomes one ATX line
            prefix = _PREFIX.match(lines[start]).group(0)  # type: ignore[union-attr]  # it matches ""
            lines[start:end] = [prefix + hashes + " " + one_line(inline.content)]
    return "\n".join(lines)


def line_start(text: str) -> str:
    """Escaped inline text (`escape`) made safe to begin a line's content too — after `1. ` or `- `:
    a leading `#`, `-`, `+`, `=` or `1.` would otherwise start a heading, a list or a rule."""
    m = re.match(r"[#+=:-]|\d{1,9}(?=[.)])", text)
    if not m:
        return text
    if m.group(0)[0].isdigit():
        return text[: m.end()] + "\\" + text[m.end():]
    return "\\" + text
