"""Word-level differences between two texts: a paragraph and the text proposed for it.

One function serves every place a proposed amendment is shown: the UI's live diff, the DOCX tracked
changes (`w:del`/`w:ins`), and the Markdown and text forms ("OP12: replace '…' with '…'").

Invariant: joining the `equal` and `delete` pieces gives the old text back exactly, and joining the
`equal` and `insert` pieces gives the new text exactly (whitespace included), so accepting every
change yields the proposal and rejecting every change yields the original.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["equal", "delete", "insert"]

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Words, runs of whitespace and single punctuation marks; joined they give `text` back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn `old` into `new`, word by word; a change is shown as a deletion then an
    insertion. Whitespace alone between two changes is folded into them, so "a b c" → "x y z" reads
    as one replacement rather than three."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(Piece("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Piece("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Piece("insert", "".join(b[j1:j2])))
    return _merge(_fold_spaces(raw))


def _fold_spaces(pieces: list[Piece]) -> list[Piece]:
    """An `equal` piece of whitespace only, between two changes, becomes part of both sides."""
    out: list[Piece] = []
    for i, p in enumerate(pieces):
        changed_before = i > 0 and pieces[i - 1].op != "equal"
        changed_after = i + 1 < len(pieces) and pieces[i + 1].op != "equal"
        if p.op == "equal" and not p.text.strip() and changed_before and changed_after:
            out += [Piece("delete", p.text), Piece("insert", p.text)]
        else:
            out.append(p)
    return out


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Adjacent pieces of one kind joined; within each run of changes, deletions before insertions."""
    out: list[Piece] = []
    run: list[Piece] = []

    def flush() -> None:
        for op in ("delete", "insert"):
            text = "".join(p.text for p in run if p.op == op)
            if text:
                out.append(Piece(op, text))
        run.clear()

    for p in pieces:
        if p.op == "equal":
            flush()
            if out and out[-1].op == "equal":
                out[-1] = Piece("equal", out[-1].text + p.text)
            elif p.text:
                out.append(p)
        else:
            run.append(p)
    flush()
    return out


def old_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "insert")


def new_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "delete")


def changes(pieces: list[Piece]) -> list[tuple[str, str]]:
    """Each change as (removed, added), for "replace '…' with '…'" forms; one side may be empty."""
    out: list[tuple[str, str]] = []
    removed = added = ""
    for p in [*pieces, Piece("equal", "")]:
        if p.op == "delete":
            removed += p.text
        elif p.op == "insert":
            added += p.text
        elif removed or added:
            out.append((removed.strip(), added.strip()))
            removed = added = ""
    return out
