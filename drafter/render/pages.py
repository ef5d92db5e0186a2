"""How many pages a submission prints on: counted in the PDF LibreOffice makes of it, else estimated.

Invariant: a count is exact only when it was read from a PDF; an estimate says so (`count_pages`
returns the flag), and nothing here raises when LibreOffice is missing or fails — the estimate stands in.
"""

from __future__ import annotations

import math
import re

from ..submission import SubmissionDoc
from .errors import RenderError

CHARS_PER_LINE = 92
"""Characters of 10.5 pt Arial (Liberation Sans) one line of the bundled default template holds (A4,
2.3 cm side margins)."""
LINES_PER_PAGE = 52
"""Lines of body text one A4 page holds, paragraph spacing and headings' room included."""
COVER_LINES = 12
"""Lines' worth of room the title, the subtitle and the cover's spacing take beyond their text."""
# Calibration (LibreOffice 7.4, templates/default.docx as of the letter-style template): the test
# sample (tests/test_render_sample.make_doc) with its answers replaced by prose in paragraphs of
# 40-300 words, by bullet lists of 4-14-word items, by a mix of both, in letter style, and with
# guidance, from 0 to 8,000 words of answers: 165 documents of 1-16 pages, converted and counted.
# These constants, fitted to them, miss by at most one page (22 of the 165: 13 one under, 9 one over);
# page-break rules (a heading kept with its paragraph, no widowed lines) make a closer count pointless.
# In words: a full page holds about 680 words of running prose (7 characters a word with its space;
# some 620 once each paragraph's last line is counted whole), a page of short list items fewer; so
# "~500 words a page" would overcount the pages of the default template by a fifth.

_ROOT = re.compile(rb"/Root\s+(\d+)\s+(\d+)\s+R")
_PAGES = re.compile(rb"/Pages\s+(\d+)\s+(\d+)\s+R")
_COUNT = re.compile(rb"/Count\s+(\d+)")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def _object(pdf: bytes, num: bytes, gen: bytes) -> bytes | None:
    """The body of indirect object `num gen` (its last definition: an update appends), if written plainly."""
    found = None
    for m in re.finditer(rb"(?<![0-9])" + num + rb"\s+" + gen + rb"\s+obj\b(.*?)\bendobj", pdf, re.S):
        found = m[1]
    return found


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF: the page tree root's `/Count` (trailer → catalog → pages), else
    the number of `/Type /Page` objects; RenderError when neither can be read."""
    if not pdf.startswith(b"%PDF"):
        raise RenderError("cannot count the pages: not a PDF")
    roots = _ROOT.findall(pdf)
    catalog = _object(pdf, *roots[-1]) if roots else None
    ref = _PAGES.search(catalog) if catalog else None
    tree = _object(pdf, ref[1], ref[2]) if ref else None
    count = _COUNT.search(tree) if tree else None
    if count:
        return int(count[1])
    pages = len(_PAGE.findall(pdf))  # objects in compressed object streams are not seen
    if pages:
        return pages
    raise RenderError("cannot count the pages of the PDF: no page tree found")


def _lines(text: str | None) -> list[str]:
    """The paragraphs, list items and headings of plain text: its non-blank lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def printed_paragraphs(doc: SubmissionDoc) -> list[str]:
    """Each paragraph the default template prints, as `SubmissionDoc` decides: the title and subtitle
    (a letter: the date, addressee and title), the cover rows, the consent sentence, each printed
    section's title and intro, each printed question (its preamble once, guidance with `--guidance`)
    and answer ("No answer." for a required one left empty, a mark for an item that failed), a
    letter's closing and signature, and the references."""
    con, letter = doc.consultation, doc.letter if doc.style == "letter" else None
    if letter is not None:
        out = [doc.date_text, *letter.addressee, letter.title]
    else:
        out = [con.title, f"Response to {con.organiser}"]
    out += [f"{label} {value}" for label, value in doc.cover]
    if letter is None:
        out += _lines(doc.consent)
    for section in doc.printed_sections():
        if letter is None:
            out += _lines(section.heading.title) + _lines(section.heading.intro)
        for a in section.answers:
            for q in [a.preamble, a.target] if a.preamble is not None else [a.target]:
                out.append(f"{q.number} {q.text}")
                if doc.guidance:
                    out += _lines(q.guidance)
            out += _lines(a.plain) or ([] if a.failed else ["No answer."])
            out += a.failed
    if letter is not None:
        out += [letter.closing, *letter.signature, *_lines(doc.consent)]
    if doc.sources:
        out += ["References"] + [f"{s.title}. {s.url or ''}" for s in doc.sources]
    return [x for x in out if x.strip()]


def estimate_pages(doc: SubmissionDoc) -> int:
    """Pages the submission takes with the default template: each printed paragraph fills whole lines
    of `CHARS_PER_LINE`, the cover takes `COVER_LINES` more, a page holds `LINES_PER_PAGE`; at least 1."""
    lines = COVER_LINES + sum(math.ceil(len(text) / CHARS_PER_LINE) for text in printed_paragraphs(doc))
    return max(1, math.ceil(lines / LINES_PER_PAGE))


def count_pages(doc: SubmissionDoc, docx: bytes) -> tuple[int, bool]:
    """(pages, exact): the page count of `docx` (the submission rendered) converted by LibreOffice when
    it is installed and converts it, else `estimate_pages(doc)` and False."""
    from .pdf import docx_to_pdf, office

    if office() is not None:
        try:
            return pdf_pages(docx_to_pdf(docx)), True
        except RenderError:
            pass
    return estimate_pages(doc), False
