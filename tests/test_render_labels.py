"""drafter's own wording in the consultation's language (drafter/labels/): the cover, the consent
sentence, "Page X of Y", "References", the comments table, the Markdown and text forms; English for a
language without a table; and an item composed in another language printed as a paragraph of its
own language and direction (an English block in an Arabic response reads left to right)."""

from __future__ import annotations

import re
import string
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.labels import EN, TABLES, labels_for
from drafter.loaded import LoadedWorkspace
from drafter.ops.render import render_draft
from drafter.workspace import Workspace

from .document_support import NOW as DOCUMENT_NOW
from .document_support import document_workspace
from .test_tui_support import NOW

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FRENCH_DRAFT = Path("drafts") / "reponse-francophonie.yaml"
ENGLISH_BLOCK = "We support a permanent mandate for the Forum."


def load(ws: Path) -> LoadedWorkspace:
    return LoadedWorkspace.load(Workspace.open(ws))


def render(ws: Path, draft: Path, suffix: str) -> Path:
    out = ws / f"out{suffix}"
    assert render_draft(load(ws), draft, NOW, out=out, force=True).path == out  # (force: an unanswered required question)
    return out


def arabic_workspace(ws: Path, language: str = "ar") -> Path:
    """An Arabic consultation, a block with an Arabic translation and one without (composed in
    English, with a `language-mismatch` warning), and a draft answering with both and its own text."""
    (ws / "consultations" / "arabic.yaml").write_text(
        f"id: ar-call\ntitle: مستقبل منتدى حوكمة الإنترنت\norganiser: أمانة الشبكة\nlanguage: {language}\n"
        "deadline: 2027-01-29T18:00:00+03:00\nchecked: 2026-11-20\n"
        "respondent: {required: [name, organisation, email]}\n"
        "sections:\n  - id: '1'\n    title: الأسئلة\n    questions:\n      - id: '1'\n        text: ما المستقبل الذي تريده للمنتدى؟\n"
        "      - id: '2'\n        text: هل من ملاحظات أخرى؟\n        required: true\n",
        encoding="utf-8")
    (ws / "positions" / "blocks" / "ar-translated.yaml").write_text(
        "id: ar-translated\ntitle: Open standards\nthemes: [open-standards]\nbody: Open standards keep the Internet whole.\n"
        "translations:\n  ar:\n    title: المعايير المفتوحة\n    body: تحافظ المعايير المفتوحة على وحدة الإنترنت.\n",
        encoding="utf-8")
    (ws / "positions" / "blocks" / "en-only.yaml").write_text(
        f"id: en-only\ntitle: A permanent Forum\nthemes: [igf]\nbody: {ENGLISH_BLOCK}\n", encoding="utf-8")
    draft = ws / "drafts" / "arabic.yaml"
    draft.write_text(
        "consultation: ar-call\ndate: 2026-11-27\n"
        "respondent: {name: ليلى, organisation: السجل الوطني, email: policy@example.org, consent_to_publish: true}\n"
        "answers:\n  '1':\n    - block: ar-translated\n    - block: en-only\n    - text: نؤيد **ولاية دائمة** للمنتدى.\n",
        encoding="utf-8")
    return draft


def cover(document) -> dict[str, str]:
    """The cover's rows of the default template: label (bold run) → value."""
    rows = {}
    for p in document.paragraphs:
        if p.style.name == "Cover Field":
            label, _, value = p.text.partition("\t")
            rows[label] = value
    return rows


def footer_text(path: Path) -> str:
    """The first page's footer ("Page 1 of 1", its numbers the fields' cached results)."""
    section = docx.Document(str(path)).sections[0]
    return section.first_page_footer.paragraphs[0].text


# --------------------------------------------------------------------------- the tables


def test_every_table_has_every_phrase_with_the_same_placeholders() -> None:
    assert set(TABLES) == {"ar", "en", "es", "fr", "ru", "zh"}
    fields = lambda text: sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)
    for language, table in TABLES.items():
        assert set(table) == set(EN), language
        for key, text in table.items():
            assert fields(text) == fields(EN[key]), (language, key)


def test_a_language_picks_its_table_by_primary_subtag_and_any_other_is_english() -> None:
    assert labels_for("fr-CA")("page_of", page=2, pages=5) == "Page 2 sur 5"
    assert labels_for("zh-Hans")("page_of", page=2, pages=5) == "第 2 页，共 5 页"
    assert labels_for("ru")("page_of", page=2, pages=5) == "Страница 2 из 5"
    assert labels_for("ar")("page_of", page=2, pages=5) == "الصفحة 2 من 5"
    for other in ("de", "pt-BR", "sw", ""):
        assert labels_for(other).language == "en" and labels_for(other)("name") == "Name"
    assert labels_for("zh").pieces("page_of", "page", "pages") == ["第 ", " 页，共 ", " 页"]


# --------------------------------------------------------------------------- French


def test_a_french_submission_speaks_french_in_docx_markdown_and_text(ws: Path) -> None:
    draft = ws / FRENCH_DRAFT
    out = render(ws, draft, ".docx")
    d = docx.Document(str(out))
    rows = cover(d)
    assert rows["Nom"] == "Awa Diallo" and rows["Groupe de parties prenantes"] == "Communauté technique"
    assert {"Organisation", "Pays", "Date", "Courriel"} <= set(rows) and "Name" not in rows and "Country" not in rows
    assert footer_text(out) == "Page 1 sur 1"  # the fields still there, the words around them French
    texts = [p.text for p in d.paragraphs]
    subtitle = next(p.text for p in d.paragraphs if p.style.name == "Subtitle")
    assert subtitle.startswith("Réponse adressée à\u00a0: ")
    assert any(t.endswith("consent à la publication de la présente réponse.") for t in texts)
    assert "Références" in [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert "References" not in texts and not any(t.startswith("Response to") for t in texts)
    md = render(ws, draft, ".md").read_text(encoding="utf-8")
    assert "- **Nom\u00a0:** Awa Diallo" in md and "## Références" in md and "Réponse adressée à\u00a0:" in md
    assert "**Name" not in md and "## References" not in md and "Response to" not in md
    txt = render(ws, draft, ".txt").read_text(encoding="utf-8")
    assert "Nom\u00a0: Awa Diallo" in txt and "\nRéférences\n" in txt and "consent à la publication" in txt
    assert "Name:" not in txt and "\nReferences\n" not in txt and "consents to" not in txt


def test_the_footer_of_a_language_without_a_table_is_english(ws: Path) -> None:
    draft = arabic_workspace(ws, language="de")
    out = render(ws, draft, ".docx")
    assert footer_text(out) == "Page 1 of 1"
    assert {"Name", "Organisation", "E-mail", "Date"} <= set(cover(docx.Document(str(out))))
    assert "Response to " in render(ws, draft, ".md").read_text(encoding="utf-8")


def test_a_french_document_consultation_has_a_french_comments_table(tmp_path: Path) -> None:
    draft = document_workspace(tmp_path / "ws")
    root = draft.parent.parent
    consultation = root / "consultations" / "wsis20-outcome.yaml"
    consultation.write_text(consultation.read_text(encoding="utf-8").replace("\nlanguage: en\n", "\nlanguage: fr\n"), encoding="utf-8")
    out = root / "comments.docx"
    assert render_draft(load(root), draft, DOCUMENT_NOW, out=out).path == out
    d = docx.Document(str(out))
    table = d.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Paragraphe", "Modification proposée", "Justification"]
    labels = [row.cells[0].text for row in table.rows[1:]]
    assert any(label.startswith("nouveau paragraphe après ") for label in labels)
    assert "Observations et propositions d'amendement" in [p.text for p in d.paragraphs]
    txt = root / "comments.txt"
    render_draft(load(root), draft, DOCUMENT_NOW, out=txt)
    text = txt.read_text(encoding="utf-8")
    assert "supprimer le paragraphe." in text and "Justification\u00a0:" in text and "Rationale" not in text
    assert re.search(r"remplacer «\u00a0[^»]+\u00a0» par «\u00a0", text)


# --------------------------------------------------------------------------- Arabic


def _xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def test_an_arabic_submission_speaks_arabic_in_docx_markdown_and_text(ws: Path) -> None:
    draft = arabic_workspace(ws)
    out = render(ws, draft, ".docx")
    rows = cover(docx.Document(str(out)))
    assert rows["الاسم"] == "ليلى" and rows["المنظمة"] == "السجل الوطني" and rows["البريد الإلكتروني"] == "policy@example.org"
    assert "التاريخ" in rows and "Name" not in rows
    assert footer_text(out) == "الصفحة 1 من 1"
    footer = _xml(out, "word/footer2.xml") if "word/footer2.xml" in zipfile.ZipFile(out).namelist() else _xml(out, "word/footer1.xml")
    assert [i.text.strip() for i in footer.iter(W + "instrText")] == ["PAGE", "NUMPAGES"]  # still fields
    assert footer.find(f"{W}p/{W}pPr/{W}bidi") is not None  # the footer reads right to left too ("الصفحة" first)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "يوافق مقدِّم الرد (السجل الوطني) على نشر هذا الرد." in texts and "لا توجد إجابة." in texts  # question 2: no answer
    md = render(ws, draft, ".md").read_text(encoding="utf-8")
    assert "- **الاسم:** ليلى" in md and "مقدَّم إلى: أمانة الشبكة" in md and "*لا توجد إجابة.*" in md
    txt = render(ws, draft, ".txt").read_text(encoding="utf-8")
    assert "الاسم: ليلى" in txt and "(لا توجد إجابة)" in txt and "[عدد الكلمات: " in txt and "words]" not in txt


def test_an_english_item_in_an_arabic_document_is_a_left_to_right_english_paragraph(ws: Path) -> None:
    draft = arabic_workspace(ws)
    out = render(ws, draft, ".docx")
    body = _xml(out)

    def paragraph(text: str) -> etree._Element:
        [p] = [p for p in body.iter(W + "p") if "".join(t.text or "" for t in p.iter(W + "t")) == text]
        return p

    english = paragraph(ENGLISH_BLOCK)
    assert english.find(f"{W}pPr/{W}bidi") is None  # left to right: its full stop at its end
    assert english.find(f"{W}pPr/{W}rPr/{W}lang").get(W + "val") == "en"
    for r in english.iter(W + "r"):
        assert r.find(f"{W}rPr/{W}rtl") is None and r.find(f"{W}rPr/{W}lang").get(W + "val") == "en"
    for arabic in (paragraph("تحافظ المعايير المفتوحة على وحدة الإنترنت."), paragraph("نؤيد ولاية دائمة للمنتدى."),
                   paragraph("1\u2002ما المستقبل الذي تريده للمنتدى؟")):
        assert arabic.find(f"{W}pPr/{W}bidi") is not None
        assert arabic.find(f"{W}pPr/{W}rPr/{W}lang").get(W + "bidi") == "ar"
        assert all(r.find(f"{W}rPr/{W}rtl") is not None for r in arabic.iter(W + "r"))
    # one composition: the paragraphs are in the answer's order, the English one between the Arabic ones
    order = [("".join(t.text or "" for t in p.iter(W + "t"))) for p in body.iter(W + "p")]
    assert order.index("تحافظ المعايير المفتوحة على وحدة الإنترنت.") < order.index(ENGLISH_BLOCK) < order.index("نؤيد ولاية دائمة للمنتدى.")


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_an_answer_all_in_the_documents_language_is_one_part(ws: Path, language: str) -> None:
    from drafter.compose import compose, measure
    from drafter.model import Block, BlockItem, TextItem
    from drafter.submission import language_parts

    block = Block.model_validate({"id": "b", "title": "B", "themes": ["t"], "body": "English.", "translations": {language: {"body": "Traduit."}}})
    both = measure(compose([BlockItem(block="b"), TextItem(text="Mon texte.")], lambda ref: block, {}, language=language))
    assert language_parts(both, language) == []
    other = "es"
    mixed = measure(compose([TextItem(text="Uno."), BlockItem(block="b"), TextItem(text="Dos.")], lambda ref: block, {}, language=other))
    assert language_parts(mixed, other) == [(None, "Uno."), ("en", "English."), (None, "Dos.")]
