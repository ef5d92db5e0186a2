"""A document consultation's response: each comment with the change it proposes, and the whole
document with every change in place (the redline), as every renderer shows them.

A comment proposes one of four things about a paragraph (SPEC, `comments`): `amend` (its `text` is
the paragraph as proposed), `delete`, `insert-after` (its `text` is a new paragraph) or `comment`
(no change, a rationale only). Here each becomes the pair (original, proposed) and the word diff
between them (`worddiff.word_diff`): the DOCX's tracked changes, the Markdown's ~~struck~~ and
**bold** words and the sentences of the text forms ("OP12: replace 'X' with 'Y'") are all read
from that one diff.

Invariant: texts are compared as a reader sees them, on one line (`prose.one_line`: the YAML's
line wrapping is not the document's), and joining a comment's `equal` and `insert` pieces gives its
proposed text exactly, its `equal` and `delete` pieces the paragraph exactly — so accepting every
tracked change yields the proposal and rejecting every change yields the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .compose import Answer
from .labels import ENGLISH, Labels
from .model import Comment, Consultation, Draft, Paragraph
from .plaintext import to_plain
from .worddiff import Piece, changes, old_text, tokens, word_diff
from .wording import one_line

MAX_CHANGES = 3
"""More word changes than this in one amendment, and the text forms give the whole paragraph."""
MOST = 0.5
"""…and so they do when the changes touch more than this share of the paragraph's words."""
ANCHOR_WORDS = 3
"""Words quoted around an insertion ("insert 'X' after 'the last three'")."""


@dataclass
class CommentDoc:
    """One comment as the submission prints it."""

    index: int
    """Its position in the draft's `comments`."""
    comment: Comment
    paragraph: Paragraph | None
    """The paragraph commented on, in the document's current revision (None: it has none of that id)."""
    markdown: str = ""
    """The rationale, composed (Markdown)."""
    plain: str = ""
    failed: list[str] = field(default_factory=list)
    """Marks for rationale items that could not be composed (shown with `render --force`)."""
    labels: Labels = ENGLISH
    """The wording of the submission's language (the label, the sentences of `describe`)."""

    @property
    def action(self) -> str:
        return self.comment.action

    @property
    def pid(self) -> str:
        return self.comment.paragraph

    @property
    def label(self) -> str:
        """What the comments table's first column says: "OP3", or "new paragraph after OP3"."""
        return self.labels("new_paragraph_after", pid=self.pid) if self.action == "insert-after" else self.pid

    @property
    def original(self) -> str:
        """The text the change applies to, on one line ("" for a new paragraph)."""
        if self.action == "insert-after" or self.paragraph is None:
            return ""
        return one_line(self.paragraph.text)

    @property
    def proposed(self) -> str:
        """The text proposed, on one line: the amended or new paragraph, "" for a deletion, the
        paragraph itself for a comment."""
        if self.action in ("amend", "insert-after"):
            return one_line(self.comment.text or "")
        if self.action == "delete":
            return ""
        return self.original

    def pieces(self) -> list[Piece]:
        """The word diff of `original` against `proposed`."""
        return word_diff(self.original, self.proposed)

    def describe(self, *, prefix: bool = True) -> str:
        """The change in words, for e-mail and web forms ("OP12: replace 'X' with 'Y'")."""
        return describe(self, prefix=prefix, labels=self.labels)


def _quote(text: str, labels: Labels = ENGLISH) -> str:
    return labels("quote", text=text)


def _words(text: str) -> list[str]:
    return [t for t in tokens(text) if not t.isspace()]


def _anchor(text: str, *, last: bool) -> str:
    """The last (or first) few words of `text`, as quoted beside an insertion."""
    words = text.split()
    return " ".join(words[-ANCHOR_WORDS:] if last else words[:ANCHOR_WORDS])


def change_phrases(pieces: list[Piece], labels: Labels = ENGLISH) -> list[str] | None:
    """Each change of a word diff as a phrase ("replace 'X' with 'Y'", "delete 'X'", "insert 'Z'
    after 'W'"), or None when there are too many to read (more than `MAX_CHANGES`, or more than
    `MOST` of the old text's words) and the whole new paragraph reads better."""
    pairs = [pair for pair in changes(pieces) if pair[0] or pair[1]]
    old = old_text(pieces)
    removed_words = sum(len(_words(r)) for r, _ in pairs)
    if len(pairs) > MAX_CHANGES or (old and removed_words > MOST * max(len(_words(old)), 1)):
        return None
    phrases: list[str] = []
    before = ""  # the old text up to the change
    i = 0
    while i < len(pieces):
        if pieces[i].op == "equal":
            before += pieces[i].text
            i += 1
            continue
        run: list[Piece] = []
        while i < len(pieces) and pieces[i].op != "equal":
            run.append(pieces[i])
            i += 1
        after = pieces[i].text if i < len(pieces) else ""
        removed = "".join(x.text for x in run if x.op == "delete")
        added = "".join(x.text for x in run if x.op == "insert").strip()
        phrases += _phrase(removed.strip(), added, before, after, old, labels)
        before += removed
    return phrases


def _phrase(removed: str, added: str, before: str, after: str, old: str, labels: Labels = ENGLISH) -> list[str]:
    q = lambda text: _quote(text, labels)
    if removed and added:
        phrase = labels("replace", old=q(removed), new=q(added))
    elif removed:
        phrase = labels("delete", old=q(removed))
    elif added and before.strip():
        phrase = labels("insert_after", new=q(added), anchor=q(_anchor(before, last=True)))
    elif added and after.strip():
        phrase = labels("insert_before", new=q(added), anchor=q(_anchor(after, last=False)))
    elif added:
        phrase = labels("insert", new=q(added))
    else:
        return []  # a change of spacing alone
    if removed and before.strip() and len(re.findall(rf"(?<!\w){re.escape(removed)}(?!\w)", old)) > 1:
        phrase += labels("after_anchor", anchor=q(_anchor(before, last=True)))
    return [phrase]


def describe(c: CommentDoc, *, prefix: bool = True, labels: Labels | None = None) -> str:
    """The comment's change in one sentence (without its paragraph id when `prefix` is false), in
    the wording of `labels` (the comment's own by default)."""
    labels = labels or c.labels
    pid = c.pid
    head = labels("change_prefix", pid=pid) if prefix else ""
    if c.action == "delete":
        return head + labels("delete_paragraph")
    if c.action == "insert-after":
        text = _quote(c.proposed, labels)
        return labels("insert_new_after", pid=pid, text=text) if prefix else labels("insert_new", text=text)
    if c.action == "comment":
        return head + labels("comment_paragraph")
    if c.paragraph is None:
        return head + labels("replace_paragraph", text=_quote(c.proposed, labels))
    pieces = c.pieces()
    if all(p.op == "equal" for p in pieces):
        return head + labels("no_change")
    phrases = change_phrases(pieces, labels)
    if phrases is None:
        return head + labels("replace_paragraph", text=_quote(c.proposed, labels))
    return head + labels("phrase_separator").join(phrases)


# --------------------------------------------------------------------------- building


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\r?\n)+")


def _split(answer: Answer | None, lengths: list[int]) -> list[tuple[str, list[str]]]:
    """A paragraph's composed rationale (every comment on it, in order) cut back into each comment's
    Markdown and marks for the items that failed."""
    out: list[tuple[str, list[str]]] = []
    items = answer.composed.items if answer is not None else []
    start = 0
    for n in lengths:
        mine = items[start : start + n]
        start += n
        parts = [_LEADING_BLANK_LINES.sub("", ci.markdown).rstrip() for ci in mine if ci.markdown]
        failed = [mark for ci in mine if (mark := ci.failed_mark)]
        out.append(("\n\n".join(p for p in parts if p), failed))
    return out


def comment_docs(consultation: Consultation, draft: Draft, answers: dict[str, Answer], labels: Labels = ENGLISH) -> list[CommentDoc]:
    """Each comment of `draft`, in the document's order (by paragraph; a new paragraph after the one
    it follows, comments on paragraphs the document lacks last), with its composed rationale from
    `answers` (paragraph id → the rationale of every comment on it, as the checks composed it)."""
    paragraphs = {p.id: p for p in consultation.paragraphs}
    order = {p.id: n for n, p in enumerate(consultation.paragraphs)}
    by_paragraph: dict[str, list[int]] = {}
    for j, comment in enumerate(draft.comments):
        by_paragraph.setdefault(comment.paragraph, []).append(j)
    docs: list[CommentDoc] = []
    for pid, indexes in by_paragraph.items():
        known = pid in paragraphs
        cut = _split(answers.get(pid) if known else None, [len(draft.comments[j].rationale) for j in indexes])
        for j, (markdown, failed) in zip(indexes, cut):
            comment = draft.comments[j]
            if not known and comment.rationale:
                failed = [f"[not included: the rationale of a comment on {pid}, which the document does not have]"]
            docs.append(CommentDoc(j, comment, paragraphs.get(pid), markdown, to_plain(markdown) if markdown else "", failed, labels))
    rank = {"amend": 0, "delete": 0, "comment": 0, "insert-after": 1}
    return sorted(docs, key=lambda d: (d.paragraph is None, order.get(d.pid, 0), rank[d.action], d.index))


# --------------------------------------------------------------------------- the redline


@dataclass(frozen=True)
class RedlineParagraph:
    """One paragraph of the redline: its number, the heading it stands under, and its text as pieces
    (all `equal` when nothing is proposed; all `delete` when it is to go; all `insert` when new)."""

    number: str
    """The paragraph's id ("OP3"); "" for a new paragraph."""
    section: str | None
    pieces: list[Piece]
    change: str
    """`kept`, `amended`, `deleted` or `inserted`."""


def redline(consultation: Consultation, comments: list[CommentDoc]) -> list[RedlineParagraph]:
    """Every paragraph of the document in order with the proposed changes in place: each amended or
    deleted as the first `amend`/`delete` comment on it says, each new paragraph after the one it
    follows (in the draft's order). Comments on paragraphs the document lacks are left out."""
    change: dict[str, CommentDoc] = {}
    new: dict[str, list[CommentDoc]] = {}
    for c in sorted(comments, key=lambda d: d.index):
        if c.paragraph is None:
            continue
        if c.action in ("amend", "delete"):
            change.setdefault(c.pid, c)
        elif c.action == "insert-after" and c.proposed:
            new.setdefault(c.pid, []).append(c)
    out: list[RedlineParagraph] = []
    for p in consultation.paragraphs:
        proposal = change.get(p.id)
        if proposal is None:
            out.append(RedlineParagraph(p.id, p.section, [Piece("equal", one_line(p.text))], "kept"))
        elif proposal.action == "delete":
            out.append(RedlineParagraph(p.id, p.section, [Piece("delete", one_line(p.text))], "deleted"))
        else:
            pieces = proposal.pieces()
            kind = "kept" if all(x.op == "equal" for x in pieces) else "amended"
            out.append(RedlineParagraph(p.id, p.section, pieces, kind))
        for n in new.get(p.id, []):
            out.append(RedlineParagraph("", p.section, [Piece("insert", n.proposed)], "inserted"))
    return out
