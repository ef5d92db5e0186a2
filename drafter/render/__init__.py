"""Render a submission: DOCX (through a docxtpl template), Markdown, plain text, PDF (via LibreOffice),
or an e-mail with the DOCX attached.

Invariant: `render` writes its output atomically (a temporary file in the target folder, then
`os.replace`), so a failed render leaves any previous file untouched; every user-facing failure is a
one-line `RenderError`; characters a document cannot hold are removed and reported as warnings.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..findings import Finding
from ..formats import FORMATS, SUFFIX
from ..submission import SubmissionDoc
from ..workspace import bundled_path
from ..yamlio import atomic_write_bytes
from ..yamlio.files import describe_os_error, inside
from .clean import SANITIZE_CODE, Cleaner
from .errors import RenderError
from .template_context import context_names

Format = Literal["docx", "md", "txt", "pdf", "eml"]

__all__ = [
    "FORMATS", "SUFFIX", "RenderError", "Rendered", "SANITIZE_CODE", "check_template", "context_names",
    "default_template", "find_template", "render", "render_bytes", "render_file", "render_output", "template_variables",
]


def find_template(template_dirs: list[Path], name: str | None) -> Path | None:
    """The consultation's template (`name`), else `default.docx`, from the workspace's template
    folders; None means the bundled default. RenderError when the named template is missing."""
    for candidate in ([name] if name else []) + ["default.docx"]:
        for folder in template_dirs:
            path = folder / candidate
            if path.is_file():
                if not inside(path, folder):
                    raise RenderError(f"template '{candidate}' leads outside the templates folder {folder}: refused")
                return path
    if name:
        raise RenderError(f"template '{name}' (named by the consultation) is not in {', '.join(map(str, template_dirs)) or 'any templates folder'}")
    return None


def default_template() -> Path:
    """The bundled default DOCX template."""
    path = bundled_path("templates", "default.docx")
    if not path.is_file():
        raise RenderError(f"the bundled template is missing ({path}); reinstall drafter")
    return path


def template_variables(template: Path) -> set[str]:
    """The names a DOCX template's body, headers and footers use from its context."""
    from .docx import template_variables as variables

    return variables(Path(template))


def check_template(template: Path) -> None:
    """RenderError naming the template and the name when it uses anything the context lacks."""
    from .docx import check_template as check

    check(Path(template))


@dataclass
class Rendered:
    """A rendered submission: the output's bytes and warnings, with the DOCX it was made from (docx,
    pdf and eml) and the PDF (pdf) — what a page count reads."""

    data: bytes
    findings: list[Finding]
    docx: bytes | None = None
    pdf: bytes | None = None


def render_output(doc: SubmissionDoc, fmt: Format, *, template: Path | None = None, redline: bool = False) -> Rendered:
    """Render `doc` as `fmt`, written nowhere. With `redline` (a document consultation's response):
    the whole document with the proposed changes tracked (DOCX, PDF) or marked (Markdown)."""
    if redline:
        if doc.comments is None:
            raise RenderError(f"--redline shows a document's text with the proposed amendments; '{doc.consultation.id}' is a {doc.consultation.kind}, not a document")
        if fmt not in ("docx", "pdf", "md"):
            raise RenderError(f"--redline makes a DOCX, a PDF or Markdown, not {fmt}")
        doc = dataclasses.replace(doc, sources=[], source_languages=[])  # (the rationale, and its sources, are not in the redline)
    if fmt in ("docx", "pdf", "eml"):
        from .docx import render_docx  # (python-docx and docxtpl load only when needed)

        data, findings = render_docx(doc, Path(template) if template else default_template(), redline=redline)
        if fmt == "pdf":
            from .pdf import docx_to_pdf

            pdf = docx_to_pdf(data, date=doc.date)
            return Rendered(pdf, findings, docx=data, pdf=pdf)
        if fmt == "eml":
            from .eml import render_eml

            return Rendered(render_eml(doc, data), findings, docx=data)
        return Rendered(data, findings, docx=data)
    clean = Cleaner()
    if fmt == "md":
        from .markdown import render_markdown

        return Rendered(render_markdown(doc, clean, redline=redline).encode("utf-8"), clean.findings)
    if fmt == "txt":
        from .text import render_text

        return Rendered(render_text(doc, clean).encode("utf-8"), clean.findings)
    raise RenderError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def render_bytes(doc: SubmissionDoc, fmt: Format, *, template: Path | None = None) -> tuple[bytes, list[Finding]]:
    """The output's bytes and warnings, written nowhere (the TUI's preview and `render` share this)."""
    out = render_output(doc, fmt, template=template)
    return out.data, out.findings


def render_file(doc: SubmissionDoc, fmt: Format, out: Path, *, template: Path | None = None, redline: bool = False) -> Rendered:
    """Write the submission as `fmt` to `out` atomically; return what was rendered."""
    rendered = render_output(doc, fmt, template=template, redline=redline)
    try:
        atomic_write_bytes(Path(out), rendered.data)
    except OSError as exc:
        raise RenderError(f"cannot write the submission: {describe_os_error(exc)}") from None
    return rendered


def render(doc: SubmissionDoc, fmt: Format, out: Path, *, template: Path | None = None) -> list[Finding]:
    """Write the submission as `fmt` to `out` atomically; return warnings (characters removed)."""
    return render_file(doc, fmt, out, template=template).findings
