"""Blocks in the consultation's language: translations composed, `language-mismatch`, pins per
language, `lint` on the library's `languages`, Chinese and Japanese counting, and the language,
direction and fonts of the DOCX."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from drafter.compose import compose
from drafter.loaded import LoadedWorkspace
from drafter.model import Block, BlockItem
from drafter.ops.check import run_check, run_lint
from drafter.ops.render import render_draft
from drafter.ops.session import DraftSession
from drafter.pins import pin_hash
from drafter.plaintext import count_words
from drafter.workspace import Workspace

from .test_tui_support import NOW, SAMPLE_DRAFT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FRENCH_DRAFT = Path("drafts") / "reponse-francophonie.yaml"

BLOCK = Block.model_validate({
    "id": "igf", "title": "A permanent IGF", "themes": ["igf"], "body": "We support a permanent IGF.",
    "short": "A permanent IGF.",
    "translations": {"fr": {"title": "Un FGI permanent", "body": "Nous soutenons un FGI permanent.", "short": "Un FGI permanent."}},
})


def lookup(ref: str) -> Block:
    return BLOCK


def load(ws: Path) -> LoadedWorkspace:
    return LoadedWorkspace.load(Workspace.open(ws))


# --------------------------------------------------------------------------- composing


def test_a_block_is_composed_in_the_consultations_language_from_its_translation() -> None:
    done = compose([BlockItem(block="igf")], lookup, {}, question="1", language="fr")
    assert done.markdown == "Nous soutenons un FGI permanent." and done.findings == []
    short = compose([BlockItem(block="igf", variant="short")], lookup, {}, language="fr-CA")  # a regional tag finds `fr`
    assert short.markdown == "Un FGI permanent." and short.findings == []


def test_a_block_without_a_translation_is_composed_in_its_own_language_with_a_mismatch() -> None:
    done = compose([BlockItem(block="igf")], lookup, {}, question="1", language="es")
    assert done.markdown == "We support a permanent IGF."
    [f] = done.findings
    assert (f.code, f.severity, f.question, f.block) == ("language-mismatch", "warning", "1", "igf")
    assert "no es translation" in f.message and "en, fr" in f.message


def test_english_in_any_region_is_the_blocks_own_language() -> None:
    for lang in ("en", "en-GB", "en-US", None):
        done = compose([BlockItem(block="igf")], lookup, {}, language=lang)
        assert done.markdown == "We support a permanent IGF." and done.findings == []


# --------------------------------------------------------------------------- pins


def test_pins_cover_the_text_of_the_language_composed_and_keep_english_pins() -> None:
    english = pin_hash(BLOCK)
    assert pin_hash(BLOCK, "en") == pin_hash(BLOCK, "en-GB") == english
    assert pin_hash(BLOCK, "es") == english  # no translation: composed (and pinned) in its own text
    french = pin_hash(BLOCK, "fr")
    assert french != english and pin_hash(BLOCK, "fr-FR") == french
    changed = BLOCK.model_copy(update={"translations": {"fr": BLOCK.translations["fr"].model_copy(update={"body": "Autre texte."})}})
    assert pin_hash(changed, "fr") != french and pin_hash(changed) == english  # a new translation leaves English drafts alone
    without = Block.model_validate({k: v for k, v in BLOCK.model_dump().items() if k != "translations"})
    assert pin_hash(without) == english  # the English pin is what it was before translations existed


def test_the_sample_drafts_check_clean_in_both_languages_and_a_translation_change_is_noticed(ws: Path) -> None:
    lw = load(ws)
    french = run_check(lw, ws / FRENCH_DRAFT, NOW)
    codes = {f.code for f in french.findings}
    assert not french.has_errors() and not codes & {"block-changed", "language-mismatch", "spelling"}
    assert "Nous soutenons un **mandat permanent pour le FGI**" in french.results["2.3"].answer.markdown
    english = run_check(lw, ws / SAMPLE_DRAFT, NOW)
    assert not {f.code for f in english.findings} & {"block-changed", "language-mismatch", "spelling"}

    block = ws / "positions" / "blocks" / "permanent-igf-mandate.yaml"
    block.write_text(block.read_text(encoding="utf-8").replace("Nous soutenons un", "Nous appuyons un"), encoding="utf-8")
    lw = load(ws)
    changed = [f for f in run_check(lw, ws / FRENCH_DRAFT, NOW).findings if f.code == "block-changed"]
    assert [f.block for f in changed] == ["permanent-igf-mandate"]
    assert not [f for f in run_check(lw, ws / SAMPLE_DRAFT, NOW).findings if f.code == "block-changed"]
    s = DraftSession(lw, ws / FRENCH_DRAFT, lambda: NOW)  # the UI's diff shows the French text, and accepting re-pins in French
    use = s.change_at("2.3", 0)
    assert use is not None and use.language == "fr"
    diff = "\n".join(s.diff(use).lines())
    assert "-Nous soutenons un" in diff and "+Nous appuyons un" in diff
    s.accept(use)
    assert s.change_at("2.3", 0) is None


def test_a_block_inserted_in_a_french_draft_is_pinned_in_french(ws: Path) -> None:
    s = DraftSession(load(ws), ws / FRENCH_DRAFT, lambda: NOW)
    lib, block = next((lib, b) for lib, b in s.index.blocks() if b.id == "inclusiveness")
    index = s.insert_block("3.1", lib, block)
    item = s.items("3.1")[index]
    assert item.pinned == pin_hash(block, "fr") != pin_hash(block)
    assert (ws / ".drafter" / "pins" / f"{item.pinned}.json").is_file()


# --------------------------------------------------------------------------- lint


def test_lint_names_blocks_missing_one_of_the_librarys_languages(ws: Path) -> None:
    assert not [f for f in run_lint(load(ws), [], NOW) if f.code == "language-mismatch"]
    library = ws / "positions" / "library.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, fr, es]"), encoding="utf-8")
    found = {f.block: f for f in run_lint(load(ws), [], NOW) if f.code == "language-mismatch"}
    assert "transparency" in found and "inclusiveness" not in found  # inclusiveness has fr and es
    f = found["transparency"]
    assert f.severity == "warning" and "no fr, es translation" in f.message
    assert f.file and f.file.endswith("transparency.yaml") and f.line


# --------------------------------------------------------------------------- counting


def test_chinese_and_japanese_count_each_ideograph_and_kana_as_a_word() -> None:
    assert count_words("我们支持多利益攸关方模式。") == 12  # 12 ideographs, the full stop none
    assert count_words("インターネット ガバナンス") == 12  # 7 + 5 katakana
    assert count_words("我们支持IGF的永久授权") == 9  # 8 ideographs and IGF
    assert count_words("ひらがなとカタカナ") == 9
    assert count_words("We support — a permanent IGF.") == 6  # other text as before: runs of non-space


# --------------------------------------------------------------------------- DOCX


def _xml(docx: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(part))


def _arabic_workspace(ws: Path) -> Path:
    (ws / "consultations" / "arabic.yaml").write_text(
        "id: ar-call\ntitle: مستقبل منتدى حوكمة الإنترنت\norganiser: أمانة الشبكة\nlanguage: ar\n"
        "deadline: 2027-01-29T18:00:00+03:00\nchecked: 2026-11-20\n"
        "sections:\n  - id: '1'\n    title: الأسئلة\n    questions:\n      - id: '1'\n        text: ما المستقبل الذي تريده للمنتدى؟\n",
        encoding="utf-8")
    draft = ws / "drafts" / "arabic.yaml"
    draft.write_text(
        "consultation: ar-call\ndate: 2026-11-27\nrespondent: {name: ليلى, organisation: السجل الوطني}\n"
        "answers:\n  '1':\n    - text: نؤيد **ولاية دائمة** للمنتدى.\n", encoding="utf-8")
    return draft


def test_docx_sets_the_language_on_runs_and_paragraphs_and_arabic_reads_right_to_left(ws: Path) -> None:
    draft = _arabic_workspace(ws)
    out = ws / "ar.docx"
    assert render_draft(load(ws), draft, NOW, out=out).path == out
    body = _xml(out)
    paragraphs, runs = list(body.iter(W + "p")), list(body.iter(W + "r"))
    assert paragraphs and runs
    for p in paragraphs:
        ppr = p.find(W + "pPr")
        assert ppr is not None and ppr.find(W + "bidi") is not None
        assert ppr.find(f"{W}rPr/{W}lang").get(W + "bidi") == "ar"
    for r in runs:
        rpr = r.find(W + "rPr")
        assert rpr is not None and rpr.find(W + "rtl") is not None and rpr.find(W + "lang").get(W + "bidi") == "ar"
    bold = [r for r in runs if r.find(f"{W}rPr/{W}b") is not None]
    assert bold and all(r.find(f"{W}rPr/{W}bCs") is not None for r in bold)  # Word's weight for Arabic text
    order = [c.tag for c in runs[0].find(W + "rPr")]
    assert order.index(W + "rtl") < order.index(W + "lang")  # the schema's order (Word refuses others)
    assert _xml(out, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(W + "bidi") == "ar"


def test_a_french_docx_is_french_and_left_to_right(ws: Path) -> None:
    out = ws / "fr.docx"
    assert render_draft(load(ws), ws / FRENCH_DRAFT, NOW, out=out).path == out
    body = _xml(out)
    langs = {lang.get(W + "val") for lang in body.iter(W + "lang")}
    assert langs == {"fr"}
    assert next(body.iter(W + "bidi"), None) is None and next(body.iter(W + "rtl"), None) is None
    assert all(r.find(f"{W}rPr/{W}lang") is not None for r in body.iter(W + "r"))


def test_the_default_template_has_fonts_for_chinese_arabic_and_cyrillic() -> None:
    template = Path(__file__).resolve().parent.parent / "templates" / "default.docx"
    fonts = _xml(template, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(W + "ascii") == "Arial"  # Latin and Cyrillic (Liberation Sans under LibreOffice)
    assert fonts.get(W + "eastAsia") == "Noto Sans CJK SC"
    assert fonts.get(W + "cs") == "Noto Sans Arabic"


def test_the_library_preview_shows_a_blocks_languages_and_the_mismatch(ws: Path) -> None:
    from drafter.tui.previews import block_preview

    s = DraftSession(load(ws), ws / FRENCH_DRAFT, lambda: NOW)
    blocks = {b.id: b for _, b in s.index.blocks()}
    translated = block_preview("inclusiveness", blocks["inclusiveness"], s.context(), None)
    assert "languages: en · es · fr" in translated and "Nous proposons que l'examen" in translated
    assert "no fr translation" not in translated
    untranslated = block_preview("transparency", blocks["transparency"], s.context(), None)
    assert "languages: en" in untranslated and "no fr translation: composed in en" in untranslated
