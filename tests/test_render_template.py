"""User DOCX templates: checked before rendering, sandboxed, and given only the documented context."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from drafter.render import (
    RenderError,
    check_template,
    context_names,
    default_template,
    render,
    template_variables,
)
from drafter.workspace import bundled_path

from .test_render_docx import body_text, num_pr, xp
from .test_render_sample import make_doc


def make_template(path: Path, *lines: str, drop_numbering: bool = False) -> Path:
    """A docxtpl template built from python-docx's stock document, one paragraph per line."""
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    if drop_numbering:
        for rid, rel in list(d.part.rels.items()):
            if rel.reltype == RT.NUMBERING:
                del d.part.rels[rid]
    d.save(str(path))
    return path


def test_default_template_is_bundled_and_uses_only_known_names():
    path = default_template()
    assert path == bundled_path("templates", "default.docx") and path.is_file()
    assert template_variables(path) <= set(context_names())
    check_template(path)


def test_context_names_are_documented():
    names = context_names()
    assert {"consultation", "respondent", "cosigners", "sections", "answers", "date", "sources"} <= set(names)
    assert all(isinstance(v, str) and v for v in names.values())


def test_unknown_name_is_a_clear_error(tmp_path):
    tpl = make_template(tmp_path / "mine.docx", "Hello {{ unknown_name }}")
    with pytest.raises(RenderError) as exc:
        render(make_doc(), "docx", tmp_path / "out.docx", template=tpl)
    message = str(exc.value)
    assert str(tpl) in message and "unknown_name" in message and "\n" not in message
    assert not (tmp_path / "out.docx").exists()


def test_unknown_attribute_is_a_clear_error(tmp_path):
    tpl = make_template(tmp_path / "mine.docx", "{{ consultation.titel }}")
    with pytest.raises(RenderError, match="titel") as exc:
        render(make_doc(), "docx", tmp_path / "out.docx", template=tpl)
    assert str(tpl) in str(exc.value)


def test_syntax_error_is_a_clear_error(tmp_path):
    tpl = make_template(tmp_path / "broken.docx", "{% for a in answers %}{{ a.id }")
    with pytest.raises(RenderError) as exc:
        render(make_doc(), "docx", tmp_path / "out.docx", template=tpl)
    assert str(tpl) in str(exc.value) and "syntax" in str(exc.value)


def test_sandbox_blocks_escapes(tmp_path):
    tpl = make_template(tmp_path / "evil.docx", "{{ consultation.__class__.__mro__ }}")
    with pytest.raises(RenderError) as exc:
        render(make_doc(), "docx", tmp_path / "out.docx", template=tpl)
    assert str(tpl) in str(exc.value)


def test_not_a_word_file(tmp_path):
    tpl = tmp_path / "fake.docx"
    tpl.write_text("not a zip")
    with pytest.raises(RenderError, match="fake.docx"):
        render(make_doc(), "docx", tmp_path / "out.docx", template=tpl)


def test_answer_must_be_its_own_paragraph(tmp_path):
    tpl = make_template(tmp_path / "inline.docx", "{%p for a in answers %}", "Answer: {{ a.answer }}", "{%p endfor %}")
    with pytest.raises(RenderError, match="paragraph of its own"):
        render(make_doc(), "docx", tmp_path / "out.docx", template=tpl)


@pytest.mark.parametrize("drop_numbering", [False, True], ids=["stock-numbering", "no-numbering-part"])
def test_custom_template_renders(tmp_path, drop_numbering):
    """python-docx's stock document has single-level lists and no Hyperlink style: drafter adds its own."""
    tpl = make_template(
        tmp_path / "custom.docx",
        "{{ consultation.title }} by {{ respondent.organisation }} on {{ date }}",
        "{%p for s in sections %}",
        "Section: {{ s.title }}",
        "{%p for a in s.answers %}",
        "Q{{ a.id }} ({{ a.limit }}): {{ a.text }}",
        "{{p a.answer }}",
        "{%p endfor %}",
        "{%p endfor %}",
        "{%p for src in sources %}",
        "Source: {{ src.title }}",
        "{%p endfor %}",
        drop_numbering=drop_numbering,
    )
    out = tmp_path / "out.docx"
    render(make_doc(), "docx", out, template=tpl)
    d = docx.Document(str(out))
    text = body_text(d)
    assert "WSIS+20 Review: Call for Inputs by Example Registry & Co <ccTLD> on 2025-07-01" in text
    assert "Q1.1 (500 words): How can the WSIS vision be realised?" in text
    assert "Q1.2 (1500 characters)" in text
    assert "Source: IGF 2024 messages" in text
    assert "Policy <criteria> here" in text and "{{" not in text
    # lists point at nine-level definitions in this document's numbering part
    numbering = d.part.numbering_part.element
    for start in ("Inclusive participation", "Chapters in 50+", "First step", "Again from one"):
        p = next(p for p in d.paragraphs if p.text.startswith(start))
        _, num_id = num_pr(p)
        abstract_id = xp(numbering, f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0]
        assert len(xp(numbering, f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl')) == 9
    # schema order: every abstractNum before the first num
    tags = [el.tag.rsplit("}", 1)[1] for el in numbering]
    assert tags.index("num") > max(i for i, t in enumerate(tags) if t == "abstractNum")
    # the Hyperlink character style was added, so links survive into PDFs
    link_style = d.styles["Hyperlink"]
    runs = xp(d.element.body, ".//w:hyperlink/w:r/w:rPr/w:rStyle/@w:val")
    assert runs and set(runs) == {link_style.style_id}


def test_answer_shown_twice_is_copied(tmp_path):
    tpl = make_template(tmp_path / "twice.docx", "{%p for a in answers %}", "{{p a.answer }}", "{{p a.answer }}", "{%p endfor %}")
    out = tmp_path / "out.docx"
    render(make_doc(), "docx", out, template=tpl)
    assert body_text(docx.Document(str(out))).count("Community networks connect the last billion.") == 2


def test_template_data_is_escaped(tmp_path):
    tpl = make_template(tmp_path / "esc.docx", "[{{ respondent.organisation }}] [{{ respondent.name }}]")
    doc = make_doc()
    doc.respondent = doc.respondent.model_copy(update={"name": "{_{ not jinja }_} </w:t> &amp;"})
    out = tmp_path / "out.docx"
    render(doc, "docx", out, template=tpl)
    assert "[Example Registry & Co <ccTLD>] [{_{ not jinja }_} </w:t> &amp;]" in body_text(docx.Document(str(out)))
