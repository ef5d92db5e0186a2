"""Own text wrapped by hand in the file, shown unwrapped in an editor of any width, and written back
wrapped the same way.

Drafts keep long text as block scalars wrapped at a fixed width (so a file diffs line by line). In
an editor narrower than that width every hand-made line break shows as a ragged short line. A text
whose plain paragraphs are filled greedily at one width (`width_of`) is shown with each paragraph on
one line (`unwrap`) and written back filled at that width (`refill`).

Invariant: `refill(unwrap(text), width_of(text)) == text` whenever `width_of(text)` is not None, so
showing a text and saving it untouched never changes the file; a paragraph that is not plain
(lists, headings, quotes, code, tables, hard line breaks) is never joined or refilled.
"""

from __future__ import annotations

import re
import textwrap

_NOT_PLAIN = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|>|\||```|~~~)|^(?: {4}|\t)")


def _plain(lines: list[str]) -> bool:
    """Lines of an ordinary paragraph (Markdown would join them with spaces)."""
    return all(line.strip() and not _NOT_PLAIN.match(line) and not line.endswith(("  ", "\\")) for line in lines)


def _split(text: str) -> tuple[list[str], str]:
    body = text.rstrip("\n")
    return body.split("\n\n"), text[len(body):]


def unwrap(text: str) -> str:
    """Each plain paragraph on one line; everything else as it is."""
    blocks, tail = _split(text)
    out = []
    for block in blocks:
        lines = block.split("\n")
        out.append(" ".join(line.strip() for line in lines) if len(lines) > 1 and _plain(lines) else block)
    return "\n\n".join(out) + tail


def refill(text: str, width: int) -> str:
    """Each plain paragraph filled at `width` (a line break inside one is a space to Markdown too);
    everything else as it is."""
    blocks, tail = _split(text)
    out = []
    for block in blocks:
        lines = block.split("\n")
        if _plain(lines) and (len(lines) > 1 or len(block) > width):
            block = textwrap.fill(" ".join(line.strip() for line in lines), width=width, break_long_words=False, break_on_hyphens=False)
        out.append(block)
    return "\n\n".join(out) + tail


def width_of(text: str) -> int | None:
    """The width the text's plain paragraphs are filled at, when `refill` gives the text back
    exactly from `unwrap`; None when it has no wrapped paragraph or was wrapped some other way."""
    blocks, _ = _split(text)
    widths = [len(line) for b in blocks if len(lines := b.split("\n")) > 1 and _plain(lines) for line in lines]
    if not widths:
        return None
    width = max(widths)
    return width if refill(unwrap(text), width) == text else None
