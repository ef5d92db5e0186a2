"""Text that takes the place of a span of an answer and reads literally: an unsafe link's or
image's plain text (`literal`, `link_text`, `flat_text`), and a code fence longer than any run of
backticks it holds (`fence_for`).

Invariant: a replacement reads back as exactly its text and leaves its neighbours reading as they
did next to the span it replaces; what cannot be written so on one line raises `Unmappable`, and the
answer is then written fenced instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

_LITERAL_PUNCT = frozenset("\\*_[]<>!&~|")
_LINE_START = frozenset("#+-=:")  # at the start of a line: a heading, a list, a rule, a table's delimiter row
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_FENCE_RUN = re.compile(r"`+")
_ENTITY_SO_FAR = re.compile(r"&#?[A-Za-z0-9]*")


class Unmappable(Exception):
    """A position could not be traced back to the source (the answer is then fenced instead)."""


def fence_for(text: str) -> str:
    """A code fence longer than any run of backticks in `text` (three at least)."""
    return "`" * max(3, max((len(m) for m in _FENCE_RUN.findall(text)), default=0) + 1)


def _entity_ok(code: int) -> bool:
    """Whether markdown-it decodes `&#code;` to that character (it refuses controls and non-characters)."""
    return not (
        0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFF in (0xFFFE, 0xFFFF)
        or code <= 0x08 or code == 0x0B or 0x0E <= code <= 0x1F or 0x7F <= code <= 0x9F
    )


def literal(text: str, before: str, after: str, preceding: tuple[str, int]) -> str:
    """`text` as Markdown that reads back as exactly that text in place of a link, between the source
    characters `before` and `after` (`preceding`: the inline content and where the link starts in it). An end that meets
    `*`, `_` or `~` is written as an escape or an entity, so that the neighbour reads as it did next to
    the link's `[`/`)` — punctuation: `_x` after it may open emphasis, after a letter it may not; so is
    the start when what precedes could join it into an entity (`&am` + `p;`) or a tag (`<span` + `x>`)."""
    if "\n" in text:
        raise Unmappable("a line break inside a replaced link")
    content, at = preceding
    tag, amp = content.rfind("<", 0, at), content.rfind("&", 0, at)
    guard = before in "*_~" or tag > content.rfind(">", 0, at) or (amp >= 0 and bool(_ENTITY_SO_FAR.fullmatch(content, amp, at)))
    lead = len(text) - len(text.lstrip(" \t"))
    trail = len(text) - len(text.rstrip(" \t"))
    number = re.match(r"\d{1,9}(?=[.)])", text)
    out = []
    for i, ch in enumerate(text):
        edge = (i == 0 and guard) or (i == len(text) - 1 and after in "*_~")
        if ch == "`":  # an escaped backtick still counts in a run closing a code span: an entity does not
            out.append("&#96;")
        elif ch in _LITERAL_PUNCT or (i == 0 and ch in _LINE_START) or (number and i == number.end()) or (edge and ch in _ASCII_PUNCT):
            out.append("\\" + ch)
        elif (edge or i < lead or i >= len(text) - trail) and _entity_ok(ord(ch)):
            out.append(f"&#{ord(ch)};")  # (spaces at either end would be trimmed or make a break)
        else:
            out.append(ch)
    return "".join(out)


def flat_text(tokens: Sequence[Token]) -> str:
    """The plain text of inline tokens, as `plaintext.to_plain` shows it (links as their text)."""
    parts = []
    for tok in tokens:
        if tok.type in ("text", "code_inline", "html_inline"):
            parts.append(tok.content)
        elif tok.type == "softbreak":
            parts.append(" ")
        elif tok.type == "hardbreak":
            parts.append("\n")
        elif tok.type == "image":
            parts.append(flat_text(tok.children or ()))
    return "".join(parts)


def token_positions(tokens: Sequence[Token], into: dict[int, tuple[Sequence[Token], int]] | None = None) -> dict[int, tuple[Sequence[Token], int]]:
    """Where each token is — its list and index, an image's alt text included — by `id`: the final
    lists (markdown-it joins text tokens into new lists after parsing)."""
    found = {} if into is None else into
    for i, tok in enumerate(tokens):
        found[id(tok)] = (tokens, i)
        if tok.type == "image" and tok.children:
            token_positions(tok.children, found)
    return found


def link_text(where: dict[int, tuple[Sequence[Token], int]], opener: Token) -> str:
    """The plain text of the link `opener` opens."""
    tokens, i = where[id(opener)]
    depth = 0
    for j in range(i, len(tokens)):
        depth += {"link_open": 1, "link_close": -1}.get(tokens[j].type, 0)
        if depth == 0:
            return flat_text(tokens[i + 1 : j])
    return flat_text(tokens[i + 1 :])
