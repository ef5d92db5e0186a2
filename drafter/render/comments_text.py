"""A document consultation's comments in Markdown and plain text, for e-mail and web forms.

Per comment: the change in words ("OP12: replace 'X' with 'Y'; insert 'Z' after 'W'", "OP3: delete
the paragraph", "after OP3, insert a new paragraph: '…'"; `amendments.describe`), in Markdown also
the paragraph with the deleted words ~~struck~~ and the inserted ones in **bold**, then the
rationale. With `--redline` the Markdown is the whole document with the changes marked so.

Invariant: the paragraphs' and proposals' text is escaped (it reads literally); the rationale is
an answer's Markdown and is made safe as answers are (`safe_markdown.safe_answer`, headings demoted).
"""

from __future__ import annotations

import re

from ..amendments import CommentDoc, redline
from ..submission import SubmissionDoc
from ..worddiff import Piece
from .clean import Cleaner
from .markdown_text import demote_headings, escape
from .prose import one_line
from .safe_markdown import safe_answer
from .text import answer_text, visible


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _mark(text: str, mark: str) -> str:
    """`text` between Markdown emphasis marks, the spaces at its ends left outside them (where
    CommonMark would not read the marks)."""
    m = re.match(r"(\s*)(.*?)(\s*)$", text, re.S)
    lead, core, trail = m.groups() if m else ("", text, "")
    return f"{lead}{mark}{escape(core)}{mark}{trail}" if core else text


def marked(pieces: list[Piece]) -> str:
    """The pieces as one line of Markdown: deletions ~~struck~~, insertions **bold**."""
    return "".join(escape(p.text) if p.op == "equal" else _mark(p.text, "~~" if p.op == "delete" else "**") for p in pieces)


def _intro(doc: SubmissionDoc) -> str | None:
    revision = doc.consultation.revision
    return doc.labels("revision_intro", revision=revision) if revision else None


def comments_markdown(doc: SubmissionDoc, clean: Cleaner, *, redline: bool = False, level: int = 2) -> list[str]:
    """The comments (or, with `redline`, the document with the changes marked) as Markdown lines."""
    if redline:
        return _redline_markdown(doc, clean, level)
    out = [f"{'#' * level} {escape(doc.labels('comments_title'))}", ""]
    intro = _intro(doc)
    out += [escape(intro), ""] if intro else []
    for c in doc.comments or []:
        out += _comment_markdown(c, clean, level + 1, doc)
    return out


def _comment_markdown(c: CommentDoc, clean: Cleaner, level: int, doc: SubmissionDoc) -> list[str]:
    where = f"comment on {c.pid}"
    label = c.label if c.paragraph is not None else doc.labels("not_in_revision", pid=c.pid)
    out = [f"{'#' * level} {escape(_capital(label))}", ""]
    if c.action != "comment":  # (the heading names the paragraph)
        out += [escape(clean.clean(_capital(c.describe(prefix=c.paragraph is None)), where) + doc.labels("full_stop")), ""]
    cleaned = [Piece(p.op, clean.clean(p.text, where)) for p in c.pieces()]
    if c.action in ("amend", "delete", "comment") and c.paragraph is not None:
        out += ["> " + marked(cleaned), ""]
    rationale = clean.clean(c.markdown, f"rationale of the {where}", question=c.pid).strip("\n")
    if rationale.strip():
        out += [safe_answer(demote_headings(rationale, level + 1)).rstrip(), ""]
    out += [f"*{escape(clean.clean(mark, where))}*" for mark in c.failed] + ([""] if c.failed else [])
    return out


def _redline_markdown(doc: SubmissionDoc, clean: Cleaner, level: int) -> list[str]:
    revision, labels = doc.consultation.revision, doc.labels
    title = labels("amendments_title_revision", revision=revision) if revision else labels("amendments_title")
    out = [f"{'#' * level} " + escape(title), ""]
    out += [labels("marks_note"), ""]
    section: str | None = None
    for rp in redline(doc.consultation, doc.comments or []):
        if rp.section and rp.section != section:
            out += [f"{'#' * (level + 1)} {escape(one_line(clean.clean(rp.section, 'section')))}", ""]
        section = rp.section
        pieces = [Piece(p.op, clean.clean(p.text, f"paragraph {rp.number or 'new'}")) for p in rp.pieces]
        number = f"**{escape(rp.number)}**" if rp.number else f"*{escape(labels('new'))}*"
        if rp.change == "deleted":
            number = f"~~{escape(rp.number)}~~"
        out += [f"{number} {marked(pieces)}", ""]
    return out


def comments_text(doc: SubmissionDoc, clean: Cleaner) -> list[str]:
    """The comments as plain text lines: per comment its change in words, then the rationale."""
    title = doc.labels("comments_title")
    out = ["", title, "=" * len(title), ""]
    intro = _intro(doc)
    out += [intro, ""] if intro else []
    for c in doc.comments or []:
        where = f"comment on {c.pid}"
        line = _capital(c.describe())
        if c.paragraph is None:
            line += " " + doc.labels("no_paragraph", pid=c.pid)
        out += [visible(clean.clean(line, where)) + doc.labels("full_stop"), ""]
        rationale = clean.clean(c.markdown, f"rationale of the {where}", question=c.pid)
        text = answer_text(rationale) if rationale.strip() else ""
        if text:
            out += [doc.labels("col_rationale") + doc.labels("colon"), text, ""]
        out += [visible(clean.clean(mark, where)) for mark in c.failed] + ([""] if c.failed else [])
    return out
