"""PDF through LibreOffice: converts with links kept; without LibreOffice, a clear one-line error."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from drafter.render import RenderError, pdf, render

from .test_render_sample import make_doc

needs_office = pytest.mark.skipif(pdf.office() is None, reason="LibreOffice (soffice) is not installed")


@needs_office
def test_pdf_renders_with_links(tmp_path):
    out = tmp_path / "submission.pdf"
    findings = render(make_doc(), "pdf", out)
    assert out.read_bytes().startswith(b"%PDF")
    assert [f.question for f in findings] == ["1.1"]
    assert [p.name for p in tmp_path.iterdir()] == ["submission.pdf"]
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert "WSIS+20 Review: Call for Inputs" in info  # title from the core properties
        urls = subprocess.run(["pdfinfo", "-url", str(out)], capture_output=True, text=True).stdout
        assert "https://example.org/a" in urls and "https://www.intgovforum.org/en" in urls


def test_no_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    out = tmp_path / "submission.pdf"
    out.write_bytes(b"old")
    with pytest.raises(RenderError) as exc:
        render(make_doc(), "pdf", out)
    message = str(exc.value)
    assert "LibreOffice" in message and "apt install libreoffice-writer" in message and "\n" not in message
    assert out.read_bytes() == b"old"


def test_failed_conversion_is_a_render_error(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: str(fake) if name == "soffice" else None)
    with pytest.raises(RenderError, match="could not be loaded"):
        render(make_doc(), "pdf", tmp_path / "out.pdf")


def test_hung_conversion_times_out(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: str(fake) if name == "soffice" else None)
    with pytest.raises(RenderError, match="within 1 s"):
        pdf.docx_to_pdf(b"PK", timeout=1)
