"""The Word machinery the Markdown builder needs from a document: style ids and list numbering.

Invariant: everything the builder references exists in the document it writes into — a style it
names is defined (added with a plain look when a user template lacks it), and every `w:numId` it puts
on a paragraph is a `w:num` of the document's own numbering part whose abstract definition has all
nine levels. The default template's list definitions come from `abstract_num` too (see
templates/build_default.py), so the bundled look and the fallback are one definition.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import ns as oxml_ns
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.parts.numbering import NumberingPart
from docx.shared import Pt, RGBColor
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{tag}"


_STYLE_NUM_ID = etree.XPath("./w:pPr/w:numPr/w:numId/@w:val", namespaces={"w": W})
_ABSTRACT_ID = etree.XPath("./w:abstractNumId/@w:val", namespaces={"w": W})
_NUM_FMT = etree.XPath("./w:numFmt/@w:val", namespaces={"w": W})

LIST_STEP = 360  # twips of indent per list level (a quarter inch)
BULLETS = ["\u2022", "\u25e6", "\u25aa"]  # •, ◦, ▪ — all in Arial / Liberation Sans (WGL4)
DECIMAL_FORMATS = ["decimal", "lowerLetter", "lowerRoman"]
HEADING_STYLES = {3: "Heading 3", 4: "Heading 4", 5: "Heading 5", 6: "Heading 6"}


CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


@contextlib.contextmanager
def core_properties_namespace() -> Iterator[None]:
    """python-docx's `cp:` prefix as the core-properties namespace while core properties are set.

    docxcompose (imported by docxtpl) rebinds `cp` in python-docx's global prefix map to the
    custom-properties namespace, so setting revision, lastModifiedBy, keywords or lastPrinted would
    add duplicate elements in the wrong namespace to docProps/core.xml.
    """
    saved = oxml_ns.nsmap.get("cp")
    oxml_ns.nsmap["cp"] = CORE_PROPERTIES_NS
    try:
        yield
    finally:
        if saved is not None:
            oxml_ns.nsmap["cp"] = saved


def abstract_num(abstract_id: int, kind: str) -> etree._Element:
    """A nine-level `w:abstractNum`: `kind` "bullet" (•, ◦, ▪) or "decimal" (1., a., i.)."""
    levels = []
    for i in range(9):
        if kind == "bullet":
            fmt, text = "bullet", BULLETS[i % 3]
        else:
            fmt, text = DECIMAL_FORMATS[i % 3], f"%{i + 1}."
        levels.append(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{LIST_STEP * (i + 1)}" w:hanging="{LIST_STEP}"/></w:pPr></w:lvl>'
        )
    nsid = f"{0x0D5A0000 + abstract_id * 2 + (kind == 'decimal'):08X}"
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:name w:val="drafter {kind}"/>{"".join(levels)}</w:abstractNum>'
    )


def numbering_element(document) -> etree._Element:
    """The document's `w:numbering` element, adding a numbering part when the template has none."""
    part = document.part
    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        xml = f"<w:numbering {nsdecls('w')}/>".encode()
        new = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(xml), part.package)
        part.relate_to(new, RT.NUMBERING)
        return new.element


class Numbering:
    """List numbering of one document: the bullet and decimal definitions, and a new `w:num` per list."""

    def __init__(self, document, style_elements: dict[str, etree._Element]):
        self.el = numbering_element(document)
        nums = {n.get(w("numId")): n for n in self.el.iterchildren(w("num"))}
        self._abstracts = {a.get(w("abstractNumId")): a for a in self.el.iterchildren(w("abstractNum"))}
        self._next_num = max((int(k) for k in nums if k and k.isdigit()), default=0) + 1
        self.bullet_abstract, self.bullet_num = self._from_style(style_elements["bullet"], nums, "bullet")
        self.decimal_abstract, _ = self._from_style(style_elements["number"], nums, "decimal")
        if self.bullet_num is None:
            self.bullet_num = self._add_num(self.bullet_abstract)

    def _from_style(self, style, nums, kind) -> tuple[int, int | None]:
        """The abstract definition (and num) the template links to a list style, if it has nine levels."""
        ids = _STYLE_NUM_ID(style)
        num = nums.get(ids[0]) if ids else None
        if num is not None:
            abs_ids = _ABSTRACT_ID(num)
            abstract = self._abstracts.get(abs_ids[0]) if abs_ids else None
            if abstract is not None and self._usable(abstract, kind):
                return int(abs_ids[0]), int(ids[0])
        return self._add_abstract(kind), None

    @staticmethod
    def _usable(abstract, kind: str) -> bool:
        levels = {lvl.get(w("ilvl")): lvl for lvl in abstract.iterchildren(w("lvl"))}
        if len(levels) < 9 or "0" not in levels:
            return False
        fmt = _NUM_FMT(levels["0"])
        return bool(fmt) and (fmt[0] == "bullet") == (kind == "bullet")

    def _add_abstract(self, kind: str) -> int:
        new_id = max((int(k) for k in self._abstracts if k and k.isdigit()), default=-1) + 1
        element = abstract_num(new_id, kind)
        first_num = self.el.find(w("num"))
        if first_num is not None:  # schema order: every abstractNum before the first num
            first_num.addprevious(element)
        else:
            self.el.append(element)
        self._abstracts[str(new_id)] = element
        return new_id

    def _add_num(self, abstract_id: int, restart: tuple[int, int] | None = None) -> int:
        num_id = self._next_num
        self._next_num += 1
        num = etree.Element(w("num"), {w("numId"): str(num_id)})
        etree.SubElement(num, w("abstractNumId"), {w("val"): str(abstract_id)})
        if restart is not None:
            ilvl, start = restart
            override = etree.SubElement(num, w("lvlOverride"), {w("ilvl"): str(ilvl)})
            etree.SubElement(override, w("startOverride"), {w("val"): str(start)})
        tail = self.el.find(w("numIdMacAtCleanup"))
        if tail is not None:
            tail.addprevious(num)
        else:
            self.el.append(num)
        return num_id

    def new_ordered(self, ilvl: int, start: int = 1) -> int:
        """A new `w:num` for one numbered list: it counts from `start` at level `ilvl`, whatever came before."""
        return self._add_num(self.decimal_abstract, (ilvl, start))


# --------------------------------------------------------------------------- styles

_ROLES = {
    "normal": ("Normal", WD_STYLE_TYPE.PARAGRAPH),
    "bullet": ("List Bullet", WD_STYLE_TYPE.PARAGRAPH),
    "number": ("List Number", WD_STYLE_TYPE.PARAGRAPH),
    "quote": ("Quote", WD_STYLE_TYPE.PARAGRAPH),
    "hyperlink": ("Hyperlink", WD_STYLE_TYPE.CHARACTER),
    **{f"h{n}": (name, WD_STYLE_TYPE.PARAGRAPH) for n, name in HEADING_STYLES.items()},
}


def _fallback_look(style, role: str) -> None:
    """A plain look for a style a user template lacks (the default template defines them all)."""
    if role == "hyperlink":
        style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        style.font.underline = True
    elif role == "quote":
        style.font.italic = True
        style.paragraph_format.left_indent = Pt(36)
    elif role.startswith("h"):
        style.font.bold = True
        style.font.size = Pt({3: 12, 4: 11, 5: 11, 6: 11}[int(role[1:])])
        style.paragraph_format.keep_with_next = True


def style_ids(document) -> tuple[dict[str, str], dict[str, etree._Element]]:
    """Style id per role (adding missing styles), and the style elements (for list numbering)."""
    ids, elements = {}, {}
    styles = document.styles
    for role, (name, kind) in _ROLES.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, kind)
            if role != "normal":
                style.base_style = styles["Normal"] if kind == WD_STYLE_TYPE.PARAGRAPH else None
            _fallback_look(style, role)
        ids[role] = style.style_id
        elements[role] = style.element
    return ids, elements
