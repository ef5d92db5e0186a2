"""Build templates/default.docx, drafter's bundled DOCX template, with python-docx.

Run `python templates/build_default.py` (from the repository) to rewrite default.docx; the output is
byte-identical on every run. The template is a docxtpl template: its Jinja tags use the context
documented in `drafter.render.context_names()`; the styles carry the whole look, so a user can copy
default.docx, restyle it in Word or LibreOffice, and keep the tags.

The look: A4, Arial (Liberation Sans under LibreOffice; Noto Sans CJK SC for Chinese and Japanese, Noto
Sans Arabic for Arabic and other complex scripts), a cover block (title, organiser, respondent
fields, consent), Heading 1 per section, Heading 2 per question with its guidance in the smaller
"Guidance" style, answers in Normal / List Bullet / List Number / Quote / Heading 3-6 with the
Hyperlink character style, references at the end; header with the organisation, footer "Page X of Y".
drafter's own words (the subtitle "Response to …", "No answer.", "References", "Page X of Y") come from
the context's `labels`, in the consultation's language.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Cm, Mm, Pt, RGBColor  # noqa: E402

from drafter.render.docx import deterministic_zip  # noqa: E402
from drafter.render.wordparts import abstract_num, core_properties_namespace  # noqa: E402

OUT = HERE / "default.docx"
FONT = "Arial"
EAST_ASIAN_FONT = "Noto Sans CJK SC"
"""Chinese and Japanese text (Word's East Asian slot): Debian's fonts-noto-cjk; Word substitutes its own where missing."""
COMPLEX_FONT = "Noto Sans Arabic"
"""Arabic and other complex scripts (Word's `cs` slot): Debian's fonts-noto-core. Latin and Cyrillic stay in Arial."""
INK = RGBColor(0x1F, 0x2A, 0x44)  # headings: a dark blue-grey
GREY = RGBColor(0x59, 0x59, 0x59)
LINK = RGBColor(0x05, 0x63, 0xC1)
BUILT = dt.datetime(2025, 1, 1)
LABEL_TAB = Cm(6.5)
"""Where a cover row's value starts: after the longest label of the six languages (Russian
"Группа заинтересованных сторон", French "Groupe de parties prenantes")."""

KEEP_STYLES = {
    "Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Title", "Subtitle",
    "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6", "ListParagraph",
    "ListBullet", "ListNumber", "Quote", "Header", "Footer",
}
DROP_RELTYPES = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
)
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>drafter</Application><DocSecurity>0</DocSecurity></Properties>"
)


# --------------------------------------------------------------------------- package clean-up


def prune_package(doc) -> None:
    """Drop the parts a template needs none of (thumbnail, customXml, stylesWithEffects)."""
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in DROP_RELTYPES]:
            del rels[rid]
    for part in doc.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML.encode()
    settings = doc.settings.element
    for tag in ("w:rsids", "w:attachedTemplate", "w:proofState"):  # proofState: "spelling checked"
        for el in settings.findall(qn(tag)):
            settings.remove(el)


def prune_styles(doc) -> None:
    """Keep the styles drafter uses; clear theme fonts and char-style links so ours apply."""
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            root.remove(style)
            continue
        for link in style.findall(qn("w:link")):
            style.remove(link)
        for rfonts in style.iter(qn("w:rFonts")):
            rfonts.getparent().remove(rfonts)
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(parse_xml(
        f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{EAST_ASIAN_FONT}" w:cs="{COMPLEX_FONT}"/>'))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="21"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="21"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en" w:eastAsia="en" w:bidi="ar-SA"/>'))


# --------------------------------------------------------------------------- styles


def look(style, *, size=None, bold=None, italic=None, color=None, before=None, after=None,
         keep_next=None, line=None, left=None, hanging=None):
    f, p = style.font, style.paragraph_format
    if size is not None:  # (the complex-script size, weight and slant too: Word draws Arabic with those)
        f.size = Pt(size)
        rpr = style.element.get_or_add_rPr()
        for old in rpr.findall(qn("w:szCs")):
            rpr.remove(old)
        rpr.find(qn("w:sz")).addnext(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{int(size * 2)}"/>'))
    if bold is not None:
        f.bold = f.cs_bold = bold
    if italic is not None:
        f.italic = f.cs_italic = italic
    if color is not None:
        f.color.rgb = color
    if before is not None:
        p.space_before = Pt(before)
    if after is not None:
        p.space_after = Pt(after)
    if keep_next is not None:
        p.keep_with_next = keep_next
    if line is not None:
        p.line_spacing = line
    if left is not None:
        p.left_indent = left
    if hanging is not None:
        p.first_line_indent = -hanging


def clear_border(style) -> None:
    ppr = style.element.find(qn("w:pPr"))
    if ppr is not None:
        for el in ppr.findall(qn("w:pBdr")):
            ppr.remove(el)


def define_styles(doc) -> None:
    s = doc.styles
    look(s["Normal"], size=10.5, after=6, line=1.15)
    look(s["Title"], size=22, bold=True, color=INK, before=0, after=4, line=1.0)
    clear_border(s["Title"])
    for name in ("Title", "Subtitle"):  # the stock ones space their letters out
        for el in list(s[name].element.iter(qn("w:spacing"))):
            if el.getparent().tag == qn("w:rPr"):
                el.getparent().remove(el)
    look(s["Subtitle"], size=12.5, italic=False, color=GREY, before=0, after=14)
    look(s["Heading 1"], size=15, bold=True, color=INK, before=20, after=6, keep_next=True)
    look(s["Heading 2"], size=11.5, bold=True, color=INK, before=14, after=3, keep_next=True)
    look(s["Heading 3"], size=11, bold=True, color=INK, before=10, after=3, keep_next=True)
    look(s["Heading 4"], size=10.5, bold=True, italic=True, color=INK, before=8, after=2, keep_next=True)
    look(s["Heading 5"], size=10.5, bold=False, italic=True, color=INK, before=6, after=2, keep_next=True)
    look(s["Heading 6"], size=10.5, bold=False, italic=True, color=GREY, before=6, after=2, keep_next=True)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5", "Heading 6", "Title", "Subtitle"):
        s[name].font.name = FONT  # (their theme fonts were cleared; make it explicit)
    for name in ("List Bullet", "List Number"):  # items tight together, a normal gap after the list
        look(s[name], after=6)
        ppr = s[name].element.pPr
        if ppr.find(qn("w:contextualSpacing")) is None:  # (the stock styles have it)
            ppr.find(qn("w:spacing")).addnext(parse_xml(f'<w:contextualSpacing {nsdecls("w")}/>'))
    quote = s["Quote"]
    look(quote, italic=True, color=RGBColor(0x40, 0x40, 0x40), left=Cm(0.9), before=4, after=8)
    quote.element.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/></w:pBdr>'))
    guidance = s.add_style("Guidance", WD_STYLE_TYPE.PARAGRAPH)
    guidance.base_style, guidance.next_paragraph_style = s["Normal"], s["Normal"]
    look(guidance, size=9, italic=True, color=GREY, before=0, after=6, keep_next=True)
    cover = s.add_style("Cover Field", WD_STYLE_TYPE.PARAGRAPH)
    cover.base_style = s["Normal"]
    look(cover, after=2, left=LABEL_TAB, hanging=LABEL_TAB)
    cover.paragraph_format.tab_stops.add_tab_stop(LABEL_TAB, WD_TAB_ALIGNMENT.LEFT)
    date = s.add_style("Letter Date", WD_STYLE_TYPE.PARAGRAPH)
    date.base_style = s["Normal"]
    look(date, after=18)
    date.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    addressee = s.add_style("Addressee", WD_STYLE_TYPE.PARAGRAPH)
    addressee.base_style = s["Normal"]
    look(addressee, after=0)
    letter_title = s.add_style("Letter Title", WD_STYLE_TYPE.PARAGRAPH)
    letter_title.base_style, letter_title.next_paragraph_style = s["Title"], s["Normal"]
    look(letter_title, size=16, before=20, after=12)
    closing = s.add_style("Closing", WD_STYLE_TYPE.PARAGRAPH)
    closing.base_style = s["Normal"]
    look(closing, before=18, after=30, keep_next=True)
    signature = s.add_style("Signature", WD_STYLE_TYPE.PARAGRAPH)
    signature.base_style = s["Normal"]
    look(signature, after=0, keep_next=True)
    consent = s.add_style("Consent", WD_STYLE_TYPE.PARAGRAPH)
    consent.base_style = s["Normal"]
    look(consent, size=9.5, italic=True, color=GREY, before=10, after=18)
    consent.element.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="10" w:color="A6A6A6"/></w:pBdr>'))
    link = s.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb, link.font.underline = LINK, True
    for name in ("Header", "Footer"):
        look(s[name], size=8.5, color=GREY, after=0)
        ppr = s[name].element.get_or_add_pPr()
        for tabs in ppr.findall(qn("w:tabs")):  # the stock center/right stops suit US Letter only
            ppr.remove(tabs)


def define_numbering(doc) -> None:
    """Bullets (abstract 0, num 1) and decimals (abstract 1, num 2), linked to List Bullet / List Number."""
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    numbering.append(abstract_num(0, "bullet"))
    numbering.append(abstract_num(1, "decimal"))
    for num_id, abstract in ((1, 0), (2, 1)):
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/></w:num>'))
    for name, num_id in (("List Bullet", 1), ("List Number", 2)):
        ppr = doc.styles[name].element.get_or_add_pPr()
        for old in ppr.findall(qn("w:numPr")):
            ppr.remove(old)
        for old in ppr.findall(qn("w:ind")) + ppr.findall(qn("w:tabs")):
            ppr.remove(old)  # indentation comes from the list level
        numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>')
        style_el = ppr.find(qn("w:pStyle"))
        ppr.insert(0 if style_el is None else 1, numpr)


# --------------------------------------------------------------------------- content


def para(doc, text: str = "", style: str | None = None, *, bold_label: str | None = None):
    p = doc.add_paragraph(style=style)
    if bold_label is not None:
        p.add_run(bold_label).bold = True
        p.add_run("\t")
    if text:
        p.add_run(text)
    return p


def field(paragraph, instr: str) -> None:
    """A complex field (PAGE, NUMPAGES) with a cached result of 1."""
    p = paragraph._p
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {{ns}}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        '<w:r {ns}><w:t>1</w:t></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def label_run(paragraph, name: str) -> None:
    """A run that prints `labels.NAME` (spaces kept: the text around a field has them at its ends)."""
    run = paragraph.add_run("{{ labels.%s }}" % name)
    run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")


def page_x_of_y(paragraph) -> None:
    """"Page X of Y" in the consultation's language: the words from the context, the numbers fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label_run(paragraph, "page_before")
    field(paragraph, "PAGE")
    label_run(paragraph, "page_between")
    field(paragraph, "NUMPAGES")
    label_run(paragraph, "page_after")


def cover_row(doc) -> None:
    """One cover row: the label in bold, a tab, the value (docxtpl fills both)."""
    p = doc.add_paragraph(style="Cover Field")
    p.add_run("{{ r.label }}").bold = True
    p.add_run("\t{{ r.value }}")


NUMBERED = "{% if a.number %}{{ a.number }}\u2002{% endif %}{{ a.text }}"
"""A question's heading: its printed number (if any), an en space, its text."""


def answers(doc, heading: str, part: str) -> None:
    """The printed answers of the sections: a question's preamble once above its parts, its heading,
    its guidance (only with --guidance), the answer, and marks for items that could not be composed."""
    para(doc, "{%p for a in s.answers %}")
    para(doc, "{%p if a.preamble %}")
    para(doc, "{% if a.preamble.number %}{{ a.preamble.number }}\u2002{% endif %}{{ a.preamble.text }}", heading)
    para(doc, "{%p if a.preamble.guidance %}")
    para(doc, "{{ a.preamble.guidance }}", "Guidance")
    para(doc, "{%p endif %}")
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.part %}")
    para(doc, NUMBERED, part)
    para(doc, "{%p else %}")
    para(doc, NUMBERED, heading)
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.guidance %}")
    para(doc, "{{ a.guidance }}", "Guidance")
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.answered %}")
    para(doc, "{{p a.answer }}")
    para(doc, "{%p elif not a.failed %}")
    para(doc, "{{ labels.no_answer }}", "Guidance")
    para(doc, "{%p endif %}")
    para(doc, "{%p for f in a.failed %}")
    para(doc, "{{ f }}", "Guidance")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")


def comments(doc) -> None:
    """A document consultation's comments table (or, with --redline, the document with the changes
    tracked): built by the renderer, with its own heading."""
    para(doc, "{%p if comments %}")
    para(doc, "{{p comments }}")
    para(doc, "{%p endif %}")


def content(doc) -> None:
    body = doc.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)
    para(doc, "{%p if style == 'letter' %}")
    para(doc, "{{ date_text }}", "Letter Date")
    para(doc, "{%p for line in letter.addressee %}")
    para(doc, "{{ line }}", "Addressee")
    para(doc, "{%p endfor %}")
    para(doc, "{{ letter.title }}", "Letter Title")
    para(doc, "{%p for r in cover %}")
    cover_row(doc)
    para(doc, "{%p endfor %}")
    para(doc, "{%p for s in sections %}")
    answers(doc, "Heading 1", "Heading 2")
    para(doc, "{%p endfor %}")
    comments(doc)
    para(doc, "{{ letter.closing }}", "Closing")
    para(doc, "{%p for line in letter.signature %}")
    para(doc, "{{ line }}", "Signature")
    para(doc, "{%p endfor %}")
    para(doc, "{%p if consent_statement %}")
    para(doc, "{{ consent_statement }}", "Consent")
    para(doc, "{%p endif %}")
    para(doc, "{%p else %}")
    para(doc, "{{ consultation.title }}", "Title")
    para(doc, "{{ labels.response_to }}", "Subtitle")
    para(doc, "{%p for r in cover %}")
    cover_row(doc)
    para(doc, "{%p endfor %}")
    para(doc, "{{ consent_statement }}", "Consent")
    para(doc, "{%p for s in sections %}")
    para(doc, "{{ s.title }}", "Heading 1")
    para(doc, "{%p if s.intro %}")
    para(doc, "{{ s.intro }}")
    para(doc, "{%p endif %}")
    answers(doc, "Heading 2", "Heading 3")
    para(doc, "{%p endfor %}")
    comments(doc)
    para(doc, "{%p endif %}")
    para(doc, "{%p if sources %}")
    para(doc, "{{ labels.references }}", "Heading 1")
    para(doc, "{{p references }}")
    para(doc, "{%p endif %}")


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True  # the cover block needs no running header
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.paragraph_format.tab_stops.add_tab_stop(Cm(21 - 4.6), WD_TAB_ALIGNMENT.RIGHT)
    header.add_run("{{ respondent.organisation }}\t{{ date_text }}")
    page_x_of_y(section.footer.paragraphs[0])
    section.footer.paragraphs[0].style = doc.styles["Footer"]
    first = section.first_page_footer.paragraphs[0]
    first.style = doc.styles["Footer"]
    page_x_of_y(first)


def properties(doc) -> None:
    with core_properties_namespace():
        set_core(doc.core_properties)


def set_core(props) -> None:
    props.title = "drafter default template"
    props.author = "drafter"
    props.subject = "Consultation response"
    props.comments = ""  # (core properties carry over into every submission)
    props.language = "en"
    props.keywords = ""
    props.last_modified_by = "drafter"
    props.revision = 1
    props.created = props.modified = props.last_printed = BUILT


def build() -> bytes:
    doc = Document()
    prune_package(doc)
    prune_styles(doc)
    define_styles(doc)
    define_numbering(doc)
    content(doc)
    page_setup(doc)
    properties(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic_zip(buf.getvalue(), BUILT.date())


if __name__ == "__main__":
    data = build()
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
