"""Word tracked changes for a document consultation's response: the comments table (each paragraph
with its proposed change as tracked changes, and the rationale) and the redline (the whole document
with every proposed change as tracked changes).

What comes out is what Word writes when changes are tracked: a `w:ins` holding the inserted runs
(`w:r` with `w:t`), a `w:del` holding the deleted runs (`w:r` with `w:delText`), each with a `w:id`
unique in the document, `w:author` (the respondent's organisation, else name) and `w:date` (the
draft's date at 00:00 UTC). A whole paragraph inserted or deleted also has its paragraph mark marked
(`w:pPr/w:rPr/w:ins` or `w:del`), so accepting or rejecting every change leaves no empty paragraph.

Invariant: the pieces are the word diff of `amendments` (`equal` + `delete` = the paragraph,
`equal` + `insert` = the proposal), so in Word "accept all" gives the proposed text and "reject
all" the original, for the table and for the redline alike.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from ..amendments import CommentDoc, RedlineParagraph, redline
from ..submission import SubmissionDoc
from ..worddiff import Piece
from .clean import strip_forbidden
from .markdown_to_word import TABLE_WIDTH, WordBuilder
from .wordparts import w

_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
COLUMNS = (("col_paragraph", 1500), ("col_change", 4300), ("col_rationale", TABLE_WIDTH - 1500 - 4300))
"""The comments table's columns: the label of each heading (`labels`), its width in twips."""
NUMBER_INDENT = 1134  # twips (2 cm): the redline's paragraph numbers hang in this margin


class Revisions:
    """Makes tracked-change elements for one document: ids above every `w:id` it already has."""

    def __init__(self, document, author: str, date: dt.date):
        ids = [int(v) for v in document.element.body.xpath(".//@w:id") if str(v).isdigit()]
        self._next = max(ids, default=0) + 1
        self.author = strip_forbidden(" ".join(author.split())) or "drafter"
        self.date = f"{date.isoformat()}T00:00:00Z"

    def mark(self, kind: str) -> etree._Element:
        """A `w:ins` or `w:del` element with its id, author and date."""
        el = etree.Element(w(kind), {w("id"): str(self._next), w("author"): self.author, w("date"): self.date})
        self._next += 1
        return el

    def pieces(self, p: etree._Element, pieces: list[Piece], *, bold: bool = False) -> None:
        """The pieces as runs of `p`: plain, inserted (`w:ins`) or deleted (`w:del`)."""
        for piece in pieces:
            if not piece.text:
                continue
            if piece.op == "equal":
                p.append(run(piece.text, bold=bold))
            else:
                change = self.mark("del" if piece.op == "delete" else "ins")
                change.append(run(piece.text, bold=bold, deleted=piece.op == "delete"))
                p.append(change)

    def paragraph_mark(self, p: etree._Element, kind: str) -> None:
        """Mark `p`'s paragraph mark inserted or deleted (`w:pPr/w:rPr/w:ins|w:del`, rPr last in pPr;
        the mark first in rPr, where the schema puts it, before any run property)."""
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        rpr.insert(0, self.mark(kind))


def run(text: str, *, bold: bool = False, deleted: bool = False) -> etree._Element:
    """A `w:r` with `text` (in `w:delText` when `deleted`); a tab is a `w:tab`."""
    r = etree.Element(w("r"))
    if bold:
        etree.SubElement(etree.SubElement(r, w("rPr")), w("b"))
    for k, part in enumerate(strip_forbidden(text).split("\t")):
        if k:
            etree.SubElement(r, w("tab"))
        if part:
            etree.SubElement(r, w("delText" if deleted else "t"), {_SPACE: "preserve"}).text = part
    return r


def _para(style: str | None = None) -> etree._Element:
    p = etree.Element(w("p"))
    if style:
        etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle"), {w("val"): style})
    return p


def _style(document, name: str, fallback: str) -> str:
    """The style id of `name` in the document, else `fallback`'s (a user template may lack it)."""
    try:
        return document.styles[name].style_id
    except KeyError:
        return fallback


def author_of(doc: SubmissionDoc) -> str:
    """Whom the tracked changes are by: the respondent's organisation, else name."""
    return doc.respondent.organisation or doc.respondent.name or "drafter"


# --------------------------------------------------------------------------- the comments table


def comments_table(document, builder: WordBuilder, doc: SubmissionDoc) -> list[etree._Element]:
    """A heading and a table: per comment, the paragraph's number, the paragraph with the proposed
    change as tracked changes, and the rationale (its Markdown as Word content)."""
    revisions = Revisions(document, author_of(doc), doc.date)
    heading = _para(_style(document, "Heading 1", builder.styles["h3"]))
    labels = doc.labels
    heading.append(run(labels("comments_title")))
    out = [heading]
    if doc.consultation.revision:
        intro = _para()
        intro.append(run(labels("revision_intro", revision=doc.consultation.revision) + " " + labels("tracked_note")))
        out.append(intro)
    tbl = etree.Element(w("tbl"))
    tblpr = etree.SubElement(tbl, w("tblPr"))
    etree.SubElement(tblpr, w("tblW"), {w("w"): str(TABLE_WIDTH), w("type"): "dxa"})
    borders = etree.SubElement(tblpr, w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        etree.SubElement(borders, w(side), {w("val"): "single", w("sz"): "4", w("space"): "0", w("color"): "A6A6A6"})
    etree.SubElement(tblpr, w("tblLayout"), {w("type"): "fixed"})
    grid = etree.SubElement(tbl, w("tblGrid"))
    for _, width in COLUMNS:
        etree.SubElement(grid, w("gridCol"), {w("w"): str(width)})
    header = etree.SubElement(tbl, w("tr"))
    etree.SubElement(etree.SubElement(header, w("trPr")), w("tblHeader"))
    for (name, _), cell in zip(COLUMNS, _cells(header)):
        p = _cell_para(cell)
        p.append(run(labels(name), bold=True))
    for c in doc.comments or []:
        row = etree.SubElement(tbl, w("tr"))
        etree.SubElement(etree.SubElement(row, w("trPr")), w("cantSplit"))
        number, change, rationale = _cells(row)
        _cell_para(number).append(run(c.label if c.paragraph is not None else labels("not_in_revision", pid=c.pid), bold=True))
        _change_cell(change, c, revisions, doc)
        _rationale_cell(rationale, c, builder)
    out.append(tbl)
    return out


def _cells(row: etree._Element) -> list[etree._Element]:
    cells = []
    for _, width in COLUMNS:
        tc = etree.SubElement(row, w("tc"))
        etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"), {w("w"): str(width), w("type"): "dxa"})
        cells.append(tc)
    return cells


def _cell_para(tc: etree._Element) -> etree._Element:
    p = etree.SubElement(tc, w("p"))
    etree.SubElement(etree.SubElement(p, w("pPr")), w("spacing"), {w("before"): "40", w("after"): "40"})
    return p


def _change_cell(tc: etree._Element, c: CommentDoc, revisions: Revisions, doc: SubmissionDoc) -> None:
    p = _cell_para(tc)
    if c.paragraph is None and c.action != "insert-after":
        p.append(run(doc.labels("no_such_paragraph")))
        return
    revisions.pieces(p, c.pieces())


def _rationale_cell(tc: etree._Element, c: CommentDoc, builder: WordBuilder) -> None:
    for el in builder.answer(strip_forbidden(c.markdown), 3) if c.markdown.strip() else []:
        tc.append(el)
    for mark in c.failed:
        p = _cell_para(tc)
        p.append(run(mark))
    if tc.find(w("p")) is None or tc[-1].tag != w("p"):  # a cell ends with a paragraph
        _cell_para(tc)


# --------------------------------------------------------------------------- the redline


def redline_body(document, builder: WordBuilder, doc: SubmissionDoc) -> list[etree._Element]:
    """The whole document under its headings, each paragraph with its number, every proposed change
    as tracked changes (whole paragraphs deleted and inserted with their paragraph marks)."""
    revisions = Revisions(document, author_of(doc), doc.date)
    con = doc.consultation
    h1 = _style(document, "Heading 1", builder.styles["h3"])
    h2 = _style(document, "Heading 2", builder.styles["h4"])
    title = _para(h1)
    labels = doc.labels
    title.append(run(labels("amendments_title_revision", revision=con.revision) if con.revision else labels("amendments_title")))
    out = [title]
    section: str | None = None
    for rp in redline(con, doc.comments or []):
        if rp.section and rp.section != section:
            head = _para(h2)
            head.append(run(rp.section))
            out.append(head)
        section = rp.section
        out.append(_redline_paragraph(rp, revisions, labels("new")))
    return out


def _redline_paragraph(rp: RedlineParagraph, revisions: Revisions, new_label: str) -> etree._Element:
    p = etree.Element(w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("ind"), {w("left"): str(NUMBER_INDENT), w("hanging"): str(NUMBER_INDENT)})
    label = (rp.number or new_label) + "\t"  # (a new paragraph: "(new)" in the document's language)
    mark = {"deleted": "del", "inserted": "ins"}.get(rp.change)
    if mark is None:
        p.append(run(label, bold=True))
    else:
        revisions.paragraph_mark(p, mark)
        change = revisions.mark(mark)
        change.append(run(label, bold=True, deleted=mark == "del"))
        p.append(change)
    revisions.pieces(p, rp.pieces)
    return p
