"""The document's language in WordprocessingML: `w:lang` on the defaults, every paragraph and every
run, and right-to-left paragraphs (`w:bidi`) and runs (`w:rtl`) for a right-to-left language.

Word reads three languages per run: `w:val` for Latin and Cyrillic text, `w:eastAsia` for Chinese,
Japanese and Korean, `w:bidi` for complex scripts (Arabic, Hebrew, Persian…); its spelling, hyphenation
and the font slots (`w:rFonts` ascii/hAnsi, eastAsia, cs) follow them. The consultation's language
goes in the slot of its script (and `w:val` always, as before); a right-to-left language also turns
every paragraph and run of the body, headers and footers right to left — but a paragraph the
renderer knows to be in another language (an item composed in English, having no translation) is
marked in that language and direction, so an English paragraph in an Arabic document reads left to
right with its full stop at its end.

Invariant: elements are inserted in the schema's order of `w:pPr` and `w:rPr` children (Word refuses
a document whose properties are out of order), and an existing `w:lang`, `w:bidi` or `w:rtl` is
updated, never duplicated.
"""

from __future__ import annotations

from collections.abc import Mapping

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ..library import primary_language
from .wordparts import w

RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})
EAST_ASIAN = frozenset({"zh", "ja", "ko"})

_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
]
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]
_PPR_RANK = {w(t): i for i, t in enumerate(_PPR_ORDER)}
_RPR_RANK = {w(t): i for i, t in enumerate(_RPR_ORDER)}


def is_rtl(language: str) -> bool:
    return primary_language(language) in RIGHT_TO_LEFT


def lang_attributes(language: str) -> dict[str, str]:
    """The `w:lang` attributes for text in `language`: `w:val` always, and the slot of its script."""
    attrs = {w("val"): language}
    primary = primary_language(language)
    if primary in EAST_ASIAN:
        attrs[w("eastAsia")] = language
    elif primary in RIGHT_TO_LEFT:
        attrs[w("bidi")] = language
    return attrs


def _child(parent: etree._Element, tag: str, rank: dict[str, int]) -> etree._Element:
    """`parent`'s child `tag`, added at its place in the schema's order when missing."""
    found = parent.find(tag)
    if found is not None:
        return found
    el = parent.makeelement(tag, {})
    mine = rank[tag]
    for i, other in enumerate(parent):
        if rank.get(other.tag, -1) > mine:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def _props(owner: etree._Element, tag: str) -> etree._Element:
    """The `w:pPr` of a paragraph or the `w:rPr` of a run (first child), added when missing."""
    props = owner.find(tag)
    if props is None:
        props = owner.makeelement(tag, {})
        owner.insert(0, props)
    return props


def _mark_run(rpr: etree._Element, attrs: dict[str, str], rtl: bool) -> None:
    if rtl:
        _child(rpr, w("rtl"), _RPR_RANK)
        for latin, complex_ in (("b", "bCs"), ("i", "iCs")):  # Word draws right-to-left text with the complex-script weight and slant
            if rpr.find(w(latin)) is not None:
                _child(rpr, w(complex_), _RPR_RANK)
    lang = _child(rpr, w("lang"), _RPR_RANK)
    for k, v in attrs.items():
        lang.set(k, v)


def set_default_language(styles: etree._Element, language: str) -> None:
    """`w:lang` of the document defaults (`w:docDefaults/w:rPrDefault/w:rPr`)."""
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = styles.makeelement(w("docDefaults"), {})
        styles.insert(0, defaults)
    rpr_default = defaults.find(w("rPrDefault"))
    if rpr_default is None:
        rpr_default = defaults.makeelement(w("rPrDefault"), {})
        defaults.insert(0, rpr_default)
    rpr = _props(rpr_default, w("rPr"))
    lang = _child(rpr, w("lang"), _RPR_RANK)
    for k, v in lang_attributes(language).items():
        lang.set(k, v)


def mark_language(root: etree._Element, language: str, own: Mapping[etree._Element, str] | None = None) -> None:
    """Every paragraph (its mark's run properties) and run under `root` in `language`; right to left
    for a right-to-left language. A paragraph of `own` (and its runs) is in the language given there
    instead: an English item in an Arabic document is a left-to-right English paragraph."""
    own = own or {}
    for p in root.iter(w("p")):
        lang = own.get(p, language)
        ppr = _props(p, w("pPr"))
        if is_rtl(lang):
            _child(ppr, w("bidi"), _PPR_RANK)
        _mark_run(_child(ppr, w("rPr"), _PPR_RANK), lang_attributes(lang), is_rtl(lang))
    attrs, rtl = lang_attributes(language), is_rtl(language)
    for r in root.iter(w("r")):
        p = next(r.iterancestors(w("p")), None) if own else None
        lang = own.get(p, language) if p is not None else language
        if lang == language:
            _mark_run(_props(r, w("rPr")), attrs, rtl)
        else:
            _mark_run(_props(r, w("rPr")), lang_attributes(lang), is_rtl(lang))


def apply_language(document, language: str, own: Mapping[etree._Element, str] | None = None) -> None:
    """The document in `language`: its defaults, and each paragraph and run of its body, headers and
    footers (a python-docx `Document`); the paragraphs of `own` in their own language.

    The headers and footers are found through the main part's relationships, not `document.sections`:
    docxtpl replaces each rendered header and footer part by a new one there, and python-docx's
    sections may still hand out the template's (which is not saved)."""
    set_default_language(document.styles.element, language)
    mark_language(document.element.body, language, own)
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            mark_language(rel.target_part.element, language)
