"""Reproducible PDFs, page counts (from the PDF, else estimated) and the `over-pages` error of a render."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.loaded import LoadedWorkspace
from drafter.ops.render import render_draft
from drafter.render import RenderError, pages, pdf, render, render_bytes
from drafter.render.pages import count_pages, estimate_pages, pdf_pages
from drafter.render.pdf import reproducible
from drafter.workspace import Workspace

from .test_render_sample import make_doc
from .wsbuilder import NOW, baseline, write

needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
needs_pdfinfo = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler) is not installed")

PROSE = (
    "The multistakeholder model of Internet governance has served the world well for two decades, and open "
    "standards developed in bottom-up processes let networks interconnect without asking permission. "
)


def long_answer(words: int) -> str:
    """Prose paragraphs of about 120 words, `words` in all."""
    base = PROSE.split()
    out = [base[i % len(base)] for i in range(words)]
    return "\n\n".join(" ".join(out[i:i + 120]) for i in range(0, words, 120))


def fake_pdf(stamp: bytes, doc_id: bytes, *, pages_count: int = 2, xmp: bytes = b"") -> bytes:
    """A small PDF shaped like LibreOffice's: an Info date, an /ID, a /DocChecksum, a valid xref."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[" + b" ".join(b"%d 0 R" % (3 + i) for i in range(pages_count)) + b"]/Count %d>>" % pages_count,
        *[b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>" for _ in range(pages_count)],
        b"<</Producer(LibreOffice 7.4)/CreationDate(D:" + stamp + b")>>",
    ]
    if xmp:
        objects.append(b"<</Type/Metadata/Subtype/XML/Length %d>>\nstream\n" % len(xmp) + xmp + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.6\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    info = 3 + pages_count
    out += b"trailer\n<</Size %d/Root 1 0 R\n/Info %d 0 R\n/ID [ <%s>\n<%s> ]\n/DocChecksum /%s\n>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, info, doc_id, doc_id, doc_id[::-1], xref,
    )
    return bytes(out)


def assert_xref_valid(data: bytes) -> None:
    """Every in-use xref entry points at its `N G obj`, and startxref at the xref table."""
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    assert data[start:start + 4] == b"xref"
    table = re.match(rb"xref\s+(\d+)\s+(\d+)\s+", data[start:])
    assert table
    first, count = int(table[1]), int(table[2])
    pos = start + table.end()
    for n in range(first, first + count):
        entry = data[pos + 20 * (n - first): pos + 20 * (n - first) + 20]
        offset, gen, kind = int(entry[:10]), int(entry[11:16]), entry[17:18]
        if kind == b"n":
            assert re.match(rb"%d\s+%d\s+obj" % (n, gen), data[offset:offset + 20]), (n, data[offset:offset + 20])


# --------------------------------------------------------------------------- reproducible PDF


def test_reproducible_fixes_dates_and_id_in_place():
    date = dt.date(2025, 7, 1)
    one = fake_pdf(b"20261130065529Z'", b"A9F4190BAAF489142122CE26883B8FBB")
    two = fake_pdf(b"20261201081503Z'", b"0123456789ABCDEF0123456789ABCDEF")  # another run: another clock, another ID
    a, b = reproducible(one, date), reproducible(two, date)
    assert a == b and len(a) == len(one)
    assert b"/CreationDate(D:20250701000000Z')" in a
    new_id = re.search(rb"/ID \[ <([0-9A-F]{32})>\n<([0-9A-F]{32})> \]", a)
    assert new_id and new_id[1] == new_id[2] and new_id[1] not in (b"A9F4190BAAF489142122CE26883B8FBB", b"0" * 32)
    assert b"A9F4190B" not in a and b"BBF8B388" not in a  # the checksum too
    assert_xref_valid(a)
    assert pdf_pages(a) == 2
    other = reproducible(fake_pdf(b"20261130065529Z'", b"A9F4190BAAF489142122CE26883B8FBB", pages_count=3), date)
    other_id = re.search(rb"/ID \[ <([0-9A-F]{32})>", other)
    assert other_id and other_id[1] != new_id[1]  # derived from the content


def test_reproducible_handles_zones_and_xmp():
    xmp = b"<xmp:CreateDate>2026-11-30T07:56:11+01:00</xmp:CreateDate><xmpMM:DocumentID>uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427</xmpMM:DocumentID>"
    raw = fake_pdf(b"20261130075611+01'00'", b"ef632a1857566650a3207257ee0ee177", xmp=xmp)
    out = reproducible(raw, dt.date(1999, 12, 31))
    assert len(out) == len(raw)
    assert b"/CreationDate(D:19991231000000+00'00')" in out
    assert b"<xmp:CreateDate>1999-12-31T00:00:00+00:00</xmp:CreateDate>" in out
    uuid = re.search(rb"uuid:([0-9a-f-]{36})", out)
    assert uuid and uuid[1] != b"1b4e28ba-2fa1-11d2-883f-0016d3cca427" and uuid[1].count(b"-") == 4
    assert re.search(rb"/ID \[ <[0-9a-f]{32}>", out)  # lower case kept
    assert_xref_valid(out)


@needs_office
def test_same_draft_renders_byte_identical_pdf(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render(make_doc(), "pdf", a)
    render(make_doc(), "pdf", b)
    data = a.read_bytes()
    assert data == b.read_bytes()
    assert b"/CreationDate(D:20250701000000" in data
    assert_xref_valid(data)
    if shutil.which("pdfinfo"):
        proc = subprocess.run(["pdfinfo", str(a)], capture_output=True, text=True)
        assert proc.returncode == 0 and "rror" not in proc.stderr, proc.stderr
        assert re.search(r"CreationDate:\s+Tue Jul  1 00:00:00 2025 UTC", proc.stdout), proc.stdout
        pages_line = re.search(r"Pages:\s+(\d+)", proc.stdout)
        assert pages_line and int(pages_line[1]) == pdf_pages(data)


# --------------------------------------------------------------------------- page counts


def test_pdf_pages_reads_the_page_tree_and_falls_back_to_page_objects():
    assert pdf_pages(fake_pdf(b"20250101000000Z'", b"00" * 16, pages_count=3)) == 3
    no_tree = b"%PDF-1.4\n1 0 obj <</Type/Page>> endobj\n2 0 obj <</Type /Page /Parent 3 0 R>> endobj\n3 0 obj <</Type/Pages>> endobj\n"
    assert pdf_pages(no_tree) == 2
    with pytest.raises(RenderError, match="not a PDF"):
        pdf_pages(b"PK\x03\x04")
    with pytest.raises(RenderError, match="no page tree"):
        pdf_pages(b"%PDF-1.4\n%%EOF\n")


def test_estimate_grows_with_the_text():
    assert estimate_pages(make_doc()) == 1
    counts = [estimate_pages(make_doc({"1.1": long_answer(n)})) for n in (500, 1500, 3000, 6000)]
    assert counts == sorted(counts) and counts[0] >= 1 and counts[-1] >= 9
    assert 4 <= estimate_pages(make_doc({"1.1": long_answer(3000)})) <= 7  # some 620-680 words of prose a page


def test_count_pages_without_libreoffice_is_the_estimate(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    doc = make_doc({"1.1": long_answer(2000)})
    assert count_pages(doc, b"not converted") == (estimate_pages(doc), False)


def test_count_pages_when_libreoffice_fails_is_the_estimate(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: str(fake) if name == "soffice" else None)
    doc = make_doc()
    assert count_pages(doc, b"PK") == (estimate_pages(doc), False)


@needs_office
@pytest.mark.parametrize("words", [0, 1500, 4000])
def test_count_pages_with_libreoffice_is_exact_and_the_estimate_is_close(words):
    doc = make_doc({"1.1": long_answer(words)} if words else None)
    docx, _ = render_bytes(doc, "docx")
    counted, exact = count_pages(doc, docx)
    assert exact and counted >= 1
    assert abs(estimate_pages(doc) - counted) <= 1, (estimate_pages(doc), counted)


def test_constants_are_documented():
    assert pages.CHARS_PER_LINE > 0 and pages.LINES_PER_PAGE > 0 and pages.COVER_LINES >= 0


# --------------------------------------------------------------------------- over-pages in a render


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    return tmp_path


def paged_spec(max_pages: int, words: int = 2400) -> dict:
    spec = baseline()
    spec["consultation"]["submission"] = {"max_pages": max_pages}
    spec["draft"]["answers"]["1.3"] = [{"text": long_answer(words)}]
    return spec


def outcome_for(root, fmt: str, out):
    lw = LoadedWorkspace.load(Workspace.open(root), cache=False)
    return render_draft(lw, root / "drafts" / "d.yaml", NOW, fmt=fmt, out=out)


def test_over_pages_estimated_without_libreoffice(ws, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    write(ws, paged_spec(1))
    outcome = outcome_for(ws, "docx", ws / "out.docx")
    assert outcome.path == ws / "out.docx" and outcome.path.read_bytes().startswith(b"PK")  # written all the same
    [over] = [f for f in outcome.warnings if f.code == "over-pages"]
    assert over.severity == "error" and outcome.render_errors == [over]
    assert re.fullmatch(r"the document is about (\d+) pages, the limit is 1 \(\d+ over; estimated: LibreOffice is not installed\)", over.message)


def test_within_the_page_limit_no_finding(ws, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    write(ws, paged_spec(50))
    outcome = outcome_for(ws, "docx", ws / "out.docx")
    assert [f for f in outcome.warnings if f.code == "over-pages"] == [] and outcome.render_errors == []


def test_no_page_limit_no_count(ws, monkeypatch):
    spec = paged_spec(1)
    del spec["consultation"]["submission"]
    write(ws, spec)
    monkeypatch.setattr(pages, "count_pages", lambda *a: pytest.fail("counted without a limit"))
    assert outcome_for(ws, "docx", ws / "out.docx").warnings == []


def test_text_formats_have_no_pages(ws, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    write(ws, paged_spec(1))
    assert outcome_for(ws, "md", ws / "out.md").warnings == []


@needs_office
def test_over_pages_counted_in_the_pdf(ws):
    write(ws, paged_spec(1))
    outcome = outcome_for(ws, "pdf", ws / "out.pdf")
    [over] = [f for f in outcome.warnings if f.code == "over-pages"]
    counted = pdf_pages((ws / "out.pdf").read_bytes())
    assert counted >= 3
    assert over.message == f"the document is {counted} pages, the limit is 1 ({counted - 1} over)"


@needs_office
def test_over_pages_for_docx_converts_it(ws):
    write(ws, paged_spec(2))
    outcome = outcome_for(ws, "docx", ws / "out.docx")
    [over] = [f for f in outcome.warnings if f.code == "over-pages"]
    assert re.fullmatch(r"the document is \d+ pages, the limit is 2 \(\d+ over\)", over.message)


def test_cli_over_pages_keeps_the_file_and_exits_1(ws, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    draft = write(ws, paged_spec(1))
    result = CliRunner().invoke(cli, ["render", str(draft), "-o", str(ws / "out.docx")])
    assert result.exit_code == 1, result.output
    assert "error[over-pages]" in result.output and "estimated: LibreOffice is not installed" in result.output
    assert "Wrote" in result.output and (ws / "out.docx").read_bytes().startswith(b"PK")
