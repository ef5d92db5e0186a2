"""Word `.docx`: paragraphs and tables in document order, heading styles, bold, hyperlinks, and the
list numbers Word shows — computed from numbering.xml as Word does: each `w:num` (with its
`w:abstractNum`) keeps a counter per level; a level's `w:start`, `w:numFmt` (decimal, lowerLetter,
upperLetter, lowerRoman, upperRoman, …) and `w:lvlText` ("%1.%2.") make the label; a deeper level
restarts when a shallower one advances; `w:lvlOverride/w:startOverride` restarts a list; numbering
comes from the paragraph's own `w:numPr` or its style's (style-linked lists).

A zip bomb is refused before python-docx opens the file: the parts' uncompressed sizes (and their
compression ratios) are checked from the zip directory first.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .labels import to_letters, to_roman
from .source import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, ImportFailure, Source, SourceLine, add_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MAX_TABLE_DEPTH = 8
MAX_ZIP_ENTRIES = 2000


def check_zip(raw: bytes, name: str) -> None:
    """Refuse a DOCX whose parts would unpack to more than MAX_UNZIPPED_BYTES (or too many parts, or a
    part compressed past MAX_ZIP_RATIO) — before anything decompresses them."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ImportFailure(f"{name}: not a Word .docx file (not a zip archive)") from None
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ImportFailure(f"{name}: refused: {len(infos)} parts in the archive (a .docx has far fewer)")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1_000_000 and info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO:
            raise ImportFailure(f"{name}: refused: part {info.filename} expands {info.file_size // info.compress_size}-fold (a zip bomb?)")
    if total > MAX_UNZIPPED_BYTES:
        raise ImportFailure(f"{name}: refused: the archive unpacks to {total // 1048576} MB (the limit is {MAX_UNZIPPED_BYTES // 1048576} MB)")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ImportFailure(f"{name}: not a Word .docx file (no word/document.xml)")


# --------------------------------------------------------------------------- numbering


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    """w:lvlRestart: the level (1-based) whose advance restarts this one; None: any shallower."""
    legal: bool = False


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)
    """Level definitions the num overrides (w:lvlOverride/w:lvl)."""


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _level(lvl: Any) -> _Level:
    level = _Level()
    if (start := _val(lvl, "start")) is not None and start.lstrip("-").isdigit():
        level.start = int(start)
    level.fmt = _val(lvl, "numFmt") or "decimal"
    level.text = _val(lvl, "lvlText") if _val(lvl, "lvlText") is not None else ""  # type: ignore[assignment]
    if (restart := _val(lvl, "lvlRestart")) is not None and restart.isdigit():
        level.restart = int(restart)
    level.legal = lvl.find(W + "isLgl") is not None
    return level


class Numbering:
    """The labels of a document's list paragraphs, in document order."""

    def __init__(self, document: Any):
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for ab in root.findall(W + "abstractNum"):
                aid = ab.get(W + "abstractNumId")
                self.abstracts[aid] = {int(lvl.get(W + "ilvl") or 0): _level(lvl) for lvl in ab.findall(W + "lvl")}
                if (link := _val(ab, "numStyleLink")) is not None:
                    self.abstract_style_link[aid] = link
            for num in root.findall(W + "num"):
                nid = num.get(W + "numId")
                aid = _val(num, "abstractNumId") or ""
                entry = _Num(aid)
                for ov in num.findall(W + "lvlOverride"):
                    ilvl = int(ov.get(W + "ilvl") or 0)
                    if (so := _val(ov, "startOverride")) is not None and so.lstrip("-").isdigit():
                        entry.starts[ilvl] = int(so)
                    if (lvl := ov.find(W + "lvl")) is not None:
                        entry.levels[ilvl] = _level(lvl)
                self.nums[nid] = entry
        try:
            styles = document.styles.element
        except AttributeError:
            styles = None
        if styles is not None:
            for st in styles.findall(W + "style"):
                ppr = st.find(W + "pPr")
                numpr = ppr.find(W + "numPr") if ppr is not None else None
                if numpr is not None:
                    style_ilvl = _val(numpr, "ilvl")
                    self.style_numpr[st.get(W + "styleId")] = (
                        _val(numpr, "numId"), int(style_ilvl) if style_ilvl and style_ilvl.isdigit() else None,
                    )
            self.based_on = {st.get(W + "styleId"): _val(st, "basedOn") for st in styles.findall(W + "style")}
        else:
            self.based_on = {}

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = 0
        while style_id and seen < 10:
            if style_id in self.style_numpr:
                return self.style_numpr[style_id]
            style_id = self.based_on.get(style_id)
            seen += 1
        return None, None

    def levels(self, nid: str) -> dict[int, _Level]:
        num = self.nums.get(nid)
        if num is None:
            return {}
        levels = dict(self.abstracts.get(num.abstract, {}))
        if not levels and num.abstract in self.abstract_style_link:  # a style-linked list: the style's num
            linked_nid, _ = self._style_numpr(self.abstract_style_link[num.abstract])
            if linked_nid and linked_nid != nid and linked_nid in self.nums:
                levels = dict(self.abstracts.get(self.nums[linked_nid].abstract, {}))
        levels.update(num.levels)
        return levels

    def label(self, p: Any) -> tuple[str | None, int] | None:
        """(label, level) of a list paragraph (label None for a bullet); None when not in a list."""
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        nid = _val(numpr, "numId") if numpr is not None else None
        ilvl_text = _val(numpr, "ilvl") if numpr is not None else None
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        if nid is None or ilvl_text is None:
            snid, silvl = self._style_numpr(style_id)
            nid = nid or snid
            if ilvl_text is None:
                ilvl_text = str(silvl) if silvl is not None else "0"
        if not nid or nid == "0" or nid not in self.nums:
            return None
        ilvl = int(ilvl_text) if ilvl_text.isdigit() else 0
        levels = self.levels(nid)
        if ilvl not in levels:
            return None
        num = self.nums[nid]
        key = nid  # Word counts each w:num on its own
        counters = self.counters.setdefault(key, {})
        level = levels[ilvl]
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = num.starts.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            if levels.get(deeper, _Level()).restart != 0:  # w:lvlRestart 0: this level never restarts
                del counters[deeper]
        if level.fmt == "bullet":
            return None, ilvl
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                lv = levels.get(k, _Level())
                value = counters.get(k, num.starts.get(k, lv.start))
                text = text.replace(token, _format(value, "decimal" if level.legal else lv.fmt))
        return (text.strip() or None), ilvl


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return to_letters(value)
    if fmt == "upperLetter":
        return to_letters(value).upper()
    if fmt == "lowerRoman":
        return to_roman(value)
    if fmt == "upperRoman":
        return to_roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# --------------------------------------------------------------------------- body


def _heading_level(paragraph: Any) -> int | None:
    style = paragraph.style
    seen = 0
    while style is not None and seen < 10:
        name = (style.name or "").lower()
        if name == "title":
            return 0
        if name.startswith("heading ") and name[8:].strip().isdigit():
            return int(name[8:].strip())
        style = style.base_style
        seen += 1
    ppr = paragraph._p.find(W + "pPr")
    outline = _val(ppr, "outlineLvl") if ppr is not None else None
    return int(outline) + 1 if outline and outline.isdigit() and int(outline) < 9 else None


def _bold(paragraph: Any) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = bool(paragraph.style is not None and paragraph.style.font is not None and paragraph.style.font.bold)
    return all(r.bold or (r.bold is None and (style_bold or (r.style is not None and r.style.font.bold))) for r in runs)


def _href(paragraph: Any) -> str | None:
    for link in paragraph._p.iter(W + "hyperlink"):
        rid = link.get(R_ID)
        if rid and rid in paragraph.part.rels:
            rel = paragraph.part.rels[rid]
            if rel.is_external:
                return str(rel.target_ref)
    return None


def docx_lines(path: Path, raw: bytes, name: str) -> Source:
    check_zip(raw, name)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(raw))
    numbering = Numbering(document)
    source = Source(name, "docx")

    def paragraph_line(p: Any, table: bool) -> None:
        labelled = numbering.label(p._p)
        label, level = (labelled if labelled is not None else (None, 0))
        line = SourceLine(
            p.text, label=label, level=level, heading=_heading_level(p), bold=_bold(p),
            numbered=labelled is not None and label is not None, table=table, href=_href(p),
        )
        add_line(source.lines, line, name)

    def table_lines(table: Any, depth: int) -> None:
        if depth > MAX_TABLE_DEPTH:
            raise ImportFailure(f"{name}: tables nested more than {MAX_TABLE_DEPTH} deep")
        for row in table.rows:
            seen: set[int] = set()
            pending: str | None = None
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue  # a merged cell repeats
                seen.add(id(cell._tc))
                texts = [p.text.strip() for p in cell.paragraphs if p.text.strip()]
                # a cell that holds only a number ("1", "1.", "Q1") labels the next cell
                if len(texts) == 1 and not cell.tables and _bare_label(texts[0]):
                    pending = texts[0]
                    continue
                before = len(source.lines)
                for block in _blocks(cell, Paragraph, Table):
                    if isinstance(block, Paragraph):
                        paragraph_line(block, True)
                    else:
                        table_lines(block, depth + 1)
                if pending is not None and len(source.lines) > before:
                    first = source.lines[before]
                    if first.label is None:
                        first.label = pending.rstrip(":")
                    pending = None

    for block in _blocks(document, Paragraph, Table):
        if isinstance(block, Paragraph):
            paragraph_line(block, False)
        else:
            table_lines(block, 0)
    return source


def _bare_label(text: str) -> bool:
    import re

    return bool(re.fullmatch(r"(?i)(\d{1,3}(\.\d{1,3})*[.)]?|\(?[a-z]\)|[A-Z][.)]|Q\.?\s?\d{1,3}|question\s+\d{1,3}[.:]?)", text))


def _blocks(parent: Any, Paragraph: Any, Table: Any) -> Any:
    """The paragraphs and tables of a document body or a cell, in order."""
    element = parent.element.body if hasattr(parent, "element") and hasattr(parent.element, "body") else parent._tc
    for child in element.iterchildren():
        if child.tag == W + "p":
            yield Paragraph(child, parent)
        elif child.tag == W + "tbl":
            yield Table(child, parent)
        elif child.tag == W + "sdt":  # content controls wrap paragraphs and tables
            content = child.find(W + "sdtContent")
            if content is not None:
                for inner in content.iterchildren():
                    if inner.tag == W + "p":
                        yield Paragraph(inner, parent)
                    elif inner.tag == W + "tbl":
                        yield Table(inner, parent)
