"""DOCX rendering: open what was written with python-docx and check styles, lists, links, cover, safety."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from drafter.render import RenderError, render
from drafter.render.wordparts import W, core_properties_namespace

from .test_render_sample import make_doc

NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, list]:
    out = tmp_path_factory.mktemp("docx") / "submission.docx"
    findings = render(make_doc(), "docx", out)
    return out, findings


@pytest.fixture(scope="module")
def document(rendered):
    return docx.Document(str(rendered[0]))


def body_text(document) -> str:
    """All text of the body, paragraphs (tables included) one per line, tabs and breaks as whitespace."""
    lines = []
    for p in document.element.body.iter(f"{{{W}}}p"):
        parts = []
        for el in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br"):
            parts.append(el.text or "" if el.tag.endswith("}t") else ("\t" if el.tag.endswith("tab") else "\n"))
        lines.append("".join(parts))
    return "\n".join(lines)


def xp(el, path: str) -> list:
    """XPath with the w: and r: prefixes on any element (python-docx's own or plain lxml)."""
    return etree._Element.xpath(el, path, namespaces=NS)


def paragraph(document, starts: str):
    return next(p for p in document.paragraphs if p.text.startswith(starts))


def num_pr(p) -> tuple[int, int] | None:
    ppr = p._p.pPr
    if ppr is None or ppr.numPr is None:
        return None
    return ppr.numPr.ilvl.val, ppr.numPr.numId.val


# --------------------------------------------------------------------------- structure and styles


def test_styles_carry_the_structure(document):
    assert paragraph(document, "WSIS+20 Review").style.name == "Title"
    assert paragraph(document, "The WSIS vision").style.name == "Heading 1"
    question = paragraph(document, "1.1")
    assert question.style.name == "Heading 2"
    assert "How can the WSIS vision be realised?" in question.text
    assert "Refer to the action lines." not in body_text(document)  # guidance only with --guidance
    assert paragraph(document, "The multistakeholder").style.name == "Normal"
    assert paragraph(document, "Quoted words").style.name == "Quote"


def test_heading_inside_an_answer_is_below_the_question(document):
    assert paragraph(document, "A heading inside the answer").style.name == "Heading 3"


def test_emphasis_is_run_formatting_not_syntax(document):
    p = paragraph(document, "The multistakeholder")
    bold = [r.text for r in p.runs if r.bold]
    italic = [r.text for r in p.runs if r.italic]
    assert bold == ["multistakeholder model"] and italic == ["open standards"]


def test_lists_carry_numbering(document):
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["Inclusive participation", "Chapters in 50+ countries", "Regional IXPs", "Technical stability"]
    assert [num_pr(p)[0] for p in bullets] == [0, 1, 1, 0]
    assert len({num_pr(p)[1] for p in bullets}) == 1


def test_each_numbered_list_restarts_at_one(document):
    first = num_pr(paragraph(document, "First step"))
    second = num_pr(paragraph(document, "Again from one"))
    assert num_pr(paragraph(document, "Second step")) == first
    assert num_pr(paragraph(document, "And two")) == second
    assert first[1] != second[1]
    numbering = document.part.numbering_part.element
    for num_id in (first[1], second[1]):
        num = xp(numbering, f'./w:num[@w:numId="{num_id}"]')[0]  # defined in the MAIN document
        assert xp(num, './w:lvlOverride[@w:ilvl="0"]/w:startOverride/@w:val') == ["1"]
        abstract_id = xp(num, "./w:abstractNumId/@w:val")[0]
        abstract = xp(numbering, f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
        assert xp(abstract, './w:lvl[@w:ilvl="0"]/w:numFmt/@w:val') == ["decimal"]


def test_bullet_numbering_is_a_bullet_definition(document):
    bullet = num_pr(paragraph(document, "Inclusive participation"))[1]
    numbering = document.part.numbering_part.element
    abstract_id = xp(numbering, f'./w:num[@w:numId="{bullet}"]/w:abstractNumId/@w:val')[0]
    fmts = xp(numbering, f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl/w:numFmt/@w:val')
    assert fmts == ["bullet"] * 9


def test_links_are_real_hyperlinks(document):
    links = document.element.body.xpath(".//w:hyperlink")
    by_text = {}
    for link in links:
        rel = document.part.rels[link.get(f"{{{NS['r']}}}id")]
        assert rel.reltype == RT.HYPERLINK and rel.is_external
        text = "".join(link.xpath(".//w:t/text()"))
        by_text[text] = rel.target_ref
        styles = link.xpath("./w:r/w:rPr/w:rStyle/@w:val")
        assert styles and all(document.styles.element.get_by_id(s).name_val == "Hyperlink" for s in styles)
    assert by_text["the report"] == "https://example.org/a"
    assert by_text["IGF 2024"] == "https://www.intgovforum.org/en"


def test_references_list_each_source_once(document):
    text = body_text(document)
    refs = text[text.index("\nReferences\n"):]
    assert refs.count("Tunis Agenda for the Information Society") == 1
    assert refs.count("IGF 2024 messages") == 1
    tunis = paragraph(document, "Tunis Agenda")
    assert tunis.style.name == "List Number" and num_pr(tunis) is not None


def test_cover_block(document):
    text = body_text(document)
    for expected in (
        "Response to UN Commission on Science and Technology for Development",
        "Organisation\tExample Registry & Co <ccTLD>",
        "Stakeholder group\tTechnical community",
        "Country\tKenya",
        "Date\t1 July 2025",
        "Co-signers\tISOC Chapter Ruritania (RU); Open IXP",
        "Example Registry & Co <ccTLD> consents to the publication of this response.",
    ):
        assert expected in text


def test_unanswered_required_question_says_so_and_optional_ones_are_left_out(tmp_path):
    out = tmp_path / "u.docx"
    render(make_doc({"1.1": ""}), "docx", out)
    text = body_text(docx.Document(str(out)))
    assert "No answer." in text and "How can the WSIS vision be realised?" in text
    assert "Anything else?" not in text and "Other comments" not in text  # 2.1: optional, unanswered


def test_core_properties_from_the_submission(document):
    props = document.core_properties
    with core_properties_namespace():  # (docxcompose rebinds `cp:` for every python-docx reader)
        assert props.revision == 1 and props.last_modified_by == "Example Registry & Co <ccTLD>"
    assert props.title == "WSIS+20 Review: Call for Inputs"
    assert props.author == "Example Registry & Co <ccTLD>"
    assert props.subject == "Response to UN Commission on Science and Technology for Development"
    assert props.created.replace(tzinfo=None) == dt.datetime(2025, 7, 1)
    assert props.modified.replace(tzinfo=None) == dt.datetime(2025, 7, 1)
    assert props.language == "en"
    lang = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert lang == ["en"]


def test_core_xml_is_clean(rendered):
    """One element per property, all in the core-properties namespaces (docxcompose rebinds `cp:`)."""
    with zipfile.ZipFile(rendered[0]) as z:
        core = etree.fromstring(z.read("docProps/core.xml"))
    assert b"officeDocument/2006/custom-properties" not in etree.tostring(core)
    tags = [child.tag for child in core]
    assert len(tags) == len(set(tags))
    revision = core.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}revision")
    assert revision is not None and revision.text == "1"


def test_language_follows_the_consultation(tmp_path):
    doc = make_doc()
    doc.consultation = doc.consultation.model_copy(update={"language": "fr"})
    out = tmp_path / "fr.docx"
    render(doc, "docx", out)
    d = docx.Document(str(out))
    assert d.core_properties.language == "fr"
    assert d.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val") == ["fr"]


def test_header_and_footer(document):
    section = document.sections[0]
    header = " ".join(p.text for p in section.header.paragraphs)
    assert "Example Registry & Co <ccTLD>" in header
    for footer in (section.footer, section.first_page_footer):
        instr = " ".join(footer._element.xpath(".//w:instrText/text()"))
        assert "NUMPAGES" in instr and "PAGE" in instr.replace("NUMPAGES", "")
        assert "Page" in footer.paragraphs[0].text


# --------------------------------------------------------------------------- safety


def test_no_markdown_or_jinja_reaches_the_document(rendered, document):
    text = body_text(document)
    for syntax in ("**", "](", "{{", "{%", "%}", "}}", "## "):
        assert syntax not in text
    with zipfile.ZipFile(rendered[0]) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert b"{{" not in z.read(name) and b"{%" not in z.read(name), name


def test_xml_specials_come_through_literally(document):
    text = body_text(document)
    assert "Between the lists: & < > \" ' and Policy <criteria> here." in text


def test_forbidden_characters_removed_with_a_warning(rendered, document):
    _, findings = rendered
    assert "Control characters vanish." in body_text(document)
    assert len(findings) == 1
    (f,) = findings
    assert f.severity == "warning" and f.question == "1.1"
    assert "U+0000" in f.message and "U+000B" in f.message


def test_forbidden_characters_in_any_field(tmp_path):
    doc = make_doc()
    from drafter.submission import cover_rows

    doc.respondent = doc.respondent.model_copy(update={"organisation": "Bell\x07 Org\ud800"})
    doc.cover = cover_rows(doc.respondent, [], doc.cosigners, doc.date_text)
    doc.consultation = doc.consultation.model_copy(update={"title": "Title\x1f\ufffe"})
    findings = render(doc, "docx", tmp_path / "out.docx")
    d = docx.Document(str(tmp_path / "out.docx"))
    assert "Bell Org" in body_text(d) and d.core_properties.title == "Title"
    messages = " ".join(f.message for f in findings)
    assert "U+0007" in messages and "U+D800" in messages and "U+001F" in messages and "U+FFFE" in messages


def test_tables_and_strikethrough(tmp_path):
    md = "| Name | Role |\n|---|---|\n| **IXP** | peering |\n\n~~gone~~ kept"
    out = tmp_path / "t.docx"
    render(make_doc({"2.1": md}), "docx", out)
    d = docx.Document(str(out))
    (table,) = d.tables
    assert [c.text for c in table.rows[0].cells] == ["Name", "Role"]
    assert table.rows[1].cells[0].paragraphs[0].runs[0].bold
    strike = [r.text for p in d.paragraphs for r in p.runs if r.font.strike]
    assert strike == ["gone"]


def test_code_and_breaks_stay_text(tmp_path):
    md = "Use `**literally**` here.\n\n    code **block**\n\nline one  \nline two"
    out = tmp_path / "c.docx"
    render(make_doc({"2.1": md}), "docx", out)
    text = body_text(docx.Document(str(out)))
    assert "Use **literally** here." in text  # code is shown as written: that is its meaning
    assert "code **block**" in text
    assert "line one\nline two" in text


def test_wrapped_question_text_and_guidance(tmp_path):
    doc = make_doc()
    doc.guidance = True
    q = doc.sections[0].answers[0].target
    doc.sections[0].answers[0].target = dataclasses.replace(
        q, text="How can the WSIS vision\nbe realised?\n", guidance="First line\nwrapped.\n\nSecond paragraph.\n"
    )
    out = tmp_path / "w.docx"
    render(doc, "docx", out)
    d = docx.Document(str(out))
    heading = paragraph(d, "1.1")
    assert heading.text == "1.1\u2002How can the WSIS vision be realised?" and not xp(heading._p, ".//w:br")
    assert paragraph(d, "First line").text == "First line wrapped.\nSecond paragraph."


def test_list_details(tmp_path):
    md = "3. third\n4. fourth\n\n- item\n\n  more text\n\n  ---\n- [](https://example.org/empty)\n-\n\n***"
    out = tmp_path / "l.docx"
    render(make_doc({"2.1": md}), "docx", out)
    d = docx.Document(str(out))
    _, num_id = num_pr(paragraph(d, "third"))
    numbering = d.part.numbering_part.element
    assert xp(numbering, f'./w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride/@w:val') == ["3"]
    more = paragraph(d, "more text")
    assert num_pr(more) is None and more.paragraph_format.left_indent is not None
    assert paragraph(d, "https://example.org/empty").style.name == "List Bullet"
    for p in d.paragraphs:  # schema order inside every paragraph's properties
        ppr = p._p.pPr
        if ppr is not None:
            order = [c.tag.rsplit("}", 1)[1] for c in ppr]
            known = ["pStyle", "numPr", "pBdr", "spacing", "ind"]
            assert [t for t in order if t in known] == [t for t in known if t in order], order


# --------------------------------------------------------------------------- bytes on disk


def test_two_renders_are_byte_identical(tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    render(make_doc(), "docx", a)
    render(make_doc(), "docx", b)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2025, 7, 1, 0, 0, 0)}


def test_failed_render_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "submission.docx"
    out.write_bytes(b"previous version")
    from drafter.render import markdown_to_word

    def boom(self, markdown, top=3):
        raise RuntimeError("failed mid-way")

    monkeypatch.setattr(markdown_to_word.WordBuilder, "answer", boom)
    with pytest.raises(RuntimeError):
        render(make_doc(), "docx", out)
    assert out.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["submission.docx"]


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "submission.docx"
    out.write_bytes(b"previous version")
    import os

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(RenderError, match="No space left"):
        render(make_doc(), "docx", out)
    assert out.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["submission.docx"]


def test_unwritable_target_is_a_render_error(tmp_path):
    with pytest.raises(RenderError, match="cannot write"):
        render(make_doc(), "docx", tmp_path / "missing-folder" / "out.docx")


def test_unknown_format(tmp_path):
    with pytest.raises(RenderError, match="unknown format"):
        render(make_doc(), "odt", tmp_path / "x.odt")  # type: ignore[arg-type]


def test_output_opens_as_a_package(rendered):
    data = rendered[0].read_bytes()
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_guidance_is_printed_only_when_asked_for(tmp_path):
    doc = make_doc()
    doc.guidance = True
    out = tmp_path / "g.docx"
    render(doc, "docx", out)
    d = docx.Document(str(out))
    assert paragraph(d, "Refer to the action lines.").style.name == "Guidance"
