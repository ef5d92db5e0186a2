"""Markdown → WordprocessingML paragraphs, built straight into one document.

Invariant: only Word structure comes out — no Markdown syntax reaches the text (`**`, `](`, `# `):
emphasis becomes run properties, a link a real `w:hyperlink` with an external relationship and the
Hyperlink character style, a list item a paragraph with `w:numPr` (each numbered list its own
`w:num` restarting at its first number), a quote the Quote style, a heading one level below the
question's (Heading 3 under a Heading 2 question). Text is only ever element text, so `<`, `&` and friends stay literal.
Only an http, https or mailto URL (`links.is_safe`) becomes a relationship: any other link (relative,
`smb:`, `file:`, a UNC path…) is its text as plain text, and a source with such a URL shows it as text.

One `WordBuilder` serves a whole render: style ids, numbering definitions and hyperlink relationships
are looked up once and cached. Elements are made with lxml directly under one scratch `w:body`.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from lxml import etree

from ..links import is_safe, normalize, printable
from ..model import Source
from ..plaintext import markdown_parser
from .clean import strip_forbidden
from .wordparts import LIST_STEP, Numbering, R, W, style_ids, w

_P, _PPR, _PSTYLE, _R, _RPR, _T = w("p"), w("pPr"), w("pStyle"), w("r"), w("rPr"), w("t")
_VAL, _SPACE = w("val"), "{http://www.w3.org/XML/1998/namespace}space"
TABLE_WIDTH = 9300  # twips: the text width of A4 with the default template's margins


def _flat(children):
    """Inline tokens with each image replaced by its alt text's tokens (an image is its alt text)."""
    for tok in children:
        if tok.type == "image":
            yield from _flat(tok.children or [])
        else:
            yield tok


class _Item:
    """One open list: its numbering, its depth, and whether the current item's number is still due."""

    __slots__ = ("num_id", "depth", "style", "due")

    def __init__(self, num_id: int, depth: int, style: str):
        self.num_id, self.depth, self.style, self.due = num_id, depth, style, False


class WordBuilder:
    """Builds answer content (and the references list) for one python-docx `Document`."""

    def __init__(self, document):
        self.part = document.part
        self.styles, elements = style_ids(document)
        self.numbering = Numbering(document, elements)
        self.md = markdown_parser()
        self.scratch = OxmlElement("w:body", nsdecls={"w": W, "r": R})
        rels = self.part.rels
        self._links = {r.target_ref: rid for rid, r in rels.items() if r.is_external and r.reltype == RT.HYPERLINK}
        self._next_rid = max((int(rid[3:]) for rid in rels if rid[:3] == "rId" and rid[3:].isdigit()), default=0)

    # ----------------------------------------------------------------- public

    def answer(self, markdown: str, top: int = 3, *, highest: int | None = None) -> list[etree._Element]:
        """The paragraphs for one answer's Markdown (empty for an empty answer); its highest heading
        becomes Heading `top` (one below the question's), the others keep their distance, at most 6.
        `highest`: the Markdown is a part of an answer whose highest heading has this level."""
        tokens = self.md.parse(markdown)
        levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
        self._top = highest if highest is not None else min(levels, default=1)
        self._base = top
        self._lists: list[_Item] = []
        self._quote = 0
        self._cell = None
        for i, tok in enumerate(tokens):
            handler = getattr(self, "_on_" + tok.type, None)
            if handler is not None:
                handler(tok, tokens, i)
        return self._take()

    def references(self, sources: list[Source]) -> list[etree._Element]:
        """A numbered list of sources: the title, then the URL — a link when it is safe (http, https,
        mailto), else plain text on one line."""
        if not sources:
            return []
        num_id = self.numbering.new_ordered(0, 1)
        for src in sources:
            p = self._para(self.styles["number"], num=(0, num_id))
            title, url = strip_forbidden(src.title), strip_forbidden(src.url or "")
            if url and url != title:
                self._run(p, title + ". ")
            if url and is_safe(url):
                target = normalize(url)
                self._run(self._hyperlink(p, target), target, style=self.styles["hyperlink"])
            elif url:
                self._run(p, " ".join(url.split()))
            else:
                self._run(p, title)
        return self._take()

    def highest_heading(self, markdown: str) -> int:
        """The level of the highest heading in `markdown` (1 without one)."""
        return min((int(t.tag[1]) for t in self.md.parse(markdown) if t.type == "heading_open"), default=1)

    # ----------------------------------------------------------------- block tokens

    def _on_paragraph_open(self, tok, tokens, i):
        inline = tokens[i + 1]
        self._inline(self._block_para(), inline.children or [])

    def _on_heading_open(self, tok, tokens, i):
        level = min(6, self._base + int(tok.tag[1]) - self._top)
        self._inline(self._block_para(self.styles[f"h{level}"]), tokens[i + 1].children or [])

    def _on_code_block(self, tok, tokens, i):
        p = self._block_para()
        self._run(p, tok.content.rstrip("\n"), code=True)

    _on_fence = _on_code_block

    def _on_html_block(self, tok, tokens, i):  # raw HTML is kept as written, as plain text shows it
        self._run(self._block_para(), tok.content.strip("\n"))

    # A table: a bordered Word table, equal columns, header row bold.

    def _on_table_open(self, tok, tokens, i):
        ncols = 0
        j = i + 1
        while tokens[j].type != "tr_close":
            ncols += tokens[j].type in ("th_open", "td_open")
            j += 1
        width = TABLE_WIDTH // max(ncols, 1)
        tbl = etree.SubElement(self.scratch, w("tbl"))
        tblpr = etree.SubElement(tbl, w("tblPr"))
        etree.SubElement(tblpr, w("tblW"), {w("w"): str(width * ncols), w("type"): "dxa"})
        borders = etree.SubElement(tblpr, w("tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            etree.SubElement(borders, w(side), {_VAL: "single", w("sz"): "4", w("space"): "0", w("color"): "A6A6A6"})
        etree.SubElement(tblpr, w("tblLayout"), {w("type"): "fixed"})
        grid = etree.SubElement(tbl, w("tblGrid"))
        for _ in range(ncols):
            etree.SubElement(grid, w("gridCol"), {w("w"): str(width)})
        self._table, self._col_width = tbl, width

    def _on_tr_open(self, tok, tokens, i):
        self._row = etree.SubElement(self._table, w("tr"))

    def _on_td_open(self, tok, tokens, i):
        tc = etree.SubElement(self._row, w("tc"))
        tcpr = etree.SubElement(tc, w("tcPr"))
        etree.SubElement(tcpr, w("tcW"), {w("w"): str(self._col_width), w("type"): "dxa"})
        p = etree.SubElement(tc, _P)
        ppr = etree.SubElement(p, _PPR)
        etree.SubElement(ppr, w("spacing"), {w("before"): "40", w("after"): "40"})
        self._inline(p, tokens[i + 1].children or [], bold=tok.type == "th_open")

    _on_th_open = _on_td_open

    def _on_hr(self, tok, tokens, i):
        p = self._block_para()
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = etree.SubElement(p, _PPR)
        bdr = etree.Element(w("pBdr"))
        etree.SubElement(bdr, w("bottom"), {_VAL: "single", w("sz"): "6", w("space"): "1", w("color"): "auto"})
        before = [e for e in ppr if e.tag in (_PSTYLE, w("numPr"))]  # schema order: pStyle, numPr, pBdr, ind
        (before[-1].addnext(bdr) if before else ppr.insert(0, bdr))

    def _on_blockquote_open(self, tok, tokens, i):
        self._quote += 1

    def _on_blockquote_close(self, tok, tokens, i):
        self._quote -= 1

    def _on_bullet_list_open(self, tok, tokens, i):
        self._lists.append(_Item(self.numbering.bullet_num, len(self._lists), self.styles["bullet"]))

    def _on_ordered_list_open(self, tok, tokens, i):
        start = int(tok.attrs.get("start", 1) or 1)
        depth = len(self._lists)
        self._lists.append(_Item(self.numbering.new_ordered(min(depth, 8), start), depth, self.styles["number"]))

    def _on_bullet_list_close(self, tok, tokens, i):
        self._lists.pop()

    _on_ordered_list_close = _on_bullet_list_close

    def _on_list_item_open(self, tok, tokens, i):
        self._lists[-1].due = True

    def _on_list_item_close(self, tok, tokens, i):
        if self._lists[-1].due:  # an empty item still shows its bullet or number
            self._block_para()

    # ----------------------------------------------------------------- paragraphs

    def _block_para(self, style: str | None = None) -> etree._Element:
        """A paragraph for the next block, placed by the open lists and quotes."""
        lst = self._lists[-1] if self._lists else None
        if lst is not None and lst.due:
            lst.due = False
            return self._para(style or lst.style, num=(min(lst.depth, 8), lst.num_id))
        indent = LIST_STEP * (lst.depth + 1) if lst is not None else 0
        if self._quote and style is None:
            return self._para(self.styles["quote"], indent=indent + LIST_STEP if indent else 0)
        return self._para(style, indent=indent)

    def _para(self, style: str | None, *, num: tuple[int, int] | None = None, indent: int = 0):
        p = etree.SubElement(self.scratch, _P)
        if style or num or indent:
            ppr = etree.SubElement(p, _PPR)
            if style:
                etree.SubElement(ppr, _PSTYLE, {_VAL: style})
            if num:
                numpr = etree.SubElement(ppr, w("numPr"))
                etree.SubElement(numpr, w("ilvl"), {_VAL: str(num[0])})
                etree.SubElement(numpr, w("numId"), {_VAL: str(num[1])})
            if indent:
                etree.SubElement(ppr, w("ind"), {w("left"): str(indent)})
        return p

    def _take(self) -> list[etree._Element]:
        out = list(self.scratch)
        for el in out:
            self.scratch.remove(el)
        return out

    # ----------------------------------------------------------------- inline

    def _inline(self, p, children, *, bold: bool = False) -> None:
        """Runs for an inline token list: consecutive text with one look becomes one run."""
        weight, italic, strike = int(bold), 0, 0
        container, link = p, False
        unsafe: str | None = None  # the URL of an open link that is not made live
        shown = 0  # runs in the paragraph when that link opened
        auto = False  # inside an autolink, whose text is its URL (decoded: `%0A` is a line break)
        buf: list[str] = []

        def flush():
            text = "".join(buf)
            if text:
                self._run(container, text, bold=weight > 0, italic=italic > 0, strike=strike > 0,
                          style=self.styles["hyperlink"] if link else None)
            buf.clear()

        for tok in _flat(children):
            kind = tok.type
            if kind == "text" or kind == "html_inline":
                buf.append(printable(tok.content) if auto else tok.content)
            elif kind == "softbreak":
                buf.append(" ")
            elif kind == "hardbreak":
                buf.append("\n")
            elif kind == "code_inline":
                flush()
                self._run(container, tok.content, bold=weight > 0, italic=italic > 0, code=True)
            elif kind in ("strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"):
                flush()
                step = 1 if kind.endswith("open") else -1
                if kind.startswith("strong"):
                    weight += step
                elif kind.startswith("em"):
                    italic += step
                else:
                    strike += step
            elif kind == "link_open":
                flush()
                auto = tok.markup == "autolink"
                href = strip_forbidden(str(tok.attrs.get("href") or ""))
                if is_safe(href):
                    container, link = self._hyperlink(p, normalize(href)), True
                else:  # no relationship: the link's text is plain text
                    unsafe, shown = href, len(p)
            elif kind == "link_close":
                flush()
                if link and len(container) == 0:  # [](url): show the URL rather than nothing
                    self._run(container, self._url_of(container), style=self.styles["hyperlink"])
                elif unsafe and len(p) == shown:  # the same for a URL that is not a link: as text
                    self._run(p, " ".join(unsafe.split()))
                container, link, unsafe, auto = p, False, None, False
        flush()

    def _url_of(self, hyperlink) -> str:
        return self.part.rels[hyperlink.get(f"{{{R}}}id")].target_ref

    def _hyperlink(self, p, url: str) -> etree._Element:
        rid = self._links.get(url)
        if rid is None:  # python-docx's relate_to scans every relationship: quadratic in links
            self._next_rid += 1
            rid = self._links[url] = f"rId{self._next_rid}"
            self.part.rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
        return etree.SubElement(p, w("hyperlink"), {f"{{{R}}}id": rid, w("history"): "1"})

    def _run(self, parent, text: str, *, bold=False, italic=False, strike=False, code=False, style=None) -> None:
        text = strip_forbidden(text)
        r = etree.SubElement(parent, _R)
        if style or bold or italic or strike or code:
            rpr = etree.SubElement(r, _RPR)
            if style:
                etree.SubElement(rpr, w("rStyle"), {_VAL: style})
            if code:
                mono = "Courier New"
                etree.SubElement(rpr, w("rFonts"), {w("ascii"): mono, w("hAnsi"): mono, w("cs"): mono})
            if bold:
                etree.SubElement(rpr, w("b"))
            if italic:
                etree.SubElement(rpr, w("i"))
            if strike:
                etree.SubElement(rpr, w("strike"))
        if "\t" not in text and "\n" not in text:
            etree.SubElement(r, _T, {_SPACE: "preserve"}).text = text
            return
        for j, line in enumerate(text.split("\n")):
            if j:
                etree.SubElement(r, w("br"))
            for k, piece in enumerate(line.split("\t")):
                if k:
                    etree.SubElement(r, w("tab"))
                if piece:
                    etree.SubElement(r, _T, {_SPACE: "preserve"}).text = piece
