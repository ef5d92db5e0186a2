"""Render a draft: check it, refuse while it has errors (unless forced), compose the submission, write it.

Invariant: the CLI's `render` and the UI's render dialog both come here, so they refuse the same
drafts and write the same bytes; nothing is written when the render is refused or fails. A page limit
(`submission.max_pages`) can only be checked on the rendered document, so an `over-pages` error is
found after the file is written: it is kept, and the error is in the outcome's `warnings` for the
caller to report (the CLI prints it and exits 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding, finding
from ..formats import SUFFIX
from ..loaded import LoadedWorkspace
from ..render import Rendered, find_template, render_file
from ..submission import SubmissionDoc, build_submission
from .check import DraftCheck, run_check


@dataclass
class RenderOutcome:
    """What a render did: the file written (None when refused), the check's findings, and the
    renderer's findings (`warnings`: characters removed, and an `over-pages` error)."""

    path: Path | None
    check: DraftCheck
    warnings: list[Finding] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.path is None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.check.findings if f.severity == "error"]

    @property
    def render_errors(self) -> list[Finding]:
        """Errors only the rendered document shows (`over-pages`); the file is written all the same."""
        return [f for f in self.warnings if f.severity == "error"]


def refuses(check: DraftCheck, *, force: bool = False) -> bool:
    """The one rule: a draft with errors is not rendered, unless forced."""
    return check.has_errors() and not force


def format_for(out: Path | None, fmt: str | None, submission_format: str = "docx") -> str:
    """The format asked for, else the one `out`'s suffix names, else what the organiser takes (an
    e-mail message for `submission.format: email`), else docx."""
    if fmt is not None:
        return fmt
    suffix = out.suffix.lower() if out is not None else ""
    default = "eml" if submission_format == "email" else "docx"
    return next((name for name, s in SUFFIX.items() if s == suffix), default)


def default_output(draft: Path, fmt: str) -> Path:
    """The draft's name with the format's suffix, beside it."""
    return draft.with_suffix(SUFFIX[fmt])


def submission(check: DraftCheck, *, guidance: bool = False) -> SubmissionDoc:
    """The submission a checked draft renders to (composed once, by the check); with `guidance`, the
    organiser's guidance is printed under each question."""
    return build_submission(check.ctx.response, check.answers(), guidance=guidance)


PAGED = ("docx", "pdf", "eml")
"""The formats whose document has pages (an e-mail's: its attachment's)."""


def page_findings(check: DraftCheck, doc: SubmissionDoc, fmt: str, rendered: Rendered) -> list[Finding]:
    """`over-pages` when the rendered document is longer than the consultation's `max_pages`: the PDF's
    page count for a PDF, the DOCX converted by LibreOffice for the others (an estimate, said so,
    without it); placed, as `over-total` is, at the draft's answers."""
    ctx = check.ctx
    max_pages = ctx.consultation.submission.max_pages
    if max_pages is None or fmt not in PAGED:
        return []
    from ..render import RenderError
    from ..render.pages import count_pages, estimate_pages, pdf_pages
    from ..render.pdf import office

    why = "LibreOffice is not installed" if office() is None else "LibreOffice could not convert the document"
    if rendered.pdf is not None:
        try:
            pages, exact = pdf_pages(rendered.pdf), True
        except RenderError:  # (the file is written all the same)
            pages, exact, why = estimate_pages(doc), False, "the PDF's page tree could not be read"
    elif rendered.docx is not None:
        pages, exact = count_pages(doc, rendered.docx)  # LibreOffice, else an estimate
    else:
        return []
    if pages <= max_pages:
        return []
    if exact:
        message = f"the document is {pages} pages, the limit is {max_pages} ({pages - max_pages} over)"
    else:
        message = f"the document is about {pages} pages, the limit is {max_pages} ({pages - max_pages} over; estimated: {why})"
    where = ctx.at({"questionnaire": "answers", "free": "sections"}.get(ctx.consultation.kind, "comments"))
    return [finding("over-pages", message, hint="shorten the answers; a block's short variant may fit", **where)]


def render_checked(
    lw: LoadedWorkspace, check: DraftCheck, fmt: str, out: Path, *, template: Path | None = None, force: bool = False,
    guidance: bool = False, redline: bool = False,
) -> RenderOutcome:
    """Render an already checked draft (the UI passes its unsaved state) to `out`; RenderError when
    the template or the output cannot be used, or `redline` is asked of a draft that does not
    answer a document consultation."""
    if redline and check.ctx.consultation.kind != "document":
        from ..render import RenderError

        c = check.ctx.consultation
        raise RenderError(f"--redline shows a document's text with the proposed amendments; '{c.id}' is a {c.kind} consultation, not a document")
    if refuses(check, force=force):
        return RenderOutcome(None, check)
    template = template or find_template(lw.ws.template_dirs(), check.ctx.consultation.template)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = submission(check, guidance=guidance)
    rendered = render_file(doc, fmt, out, template=template, redline=redline)  # type: ignore[arg-type]
    pages = page_findings(check, doc, fmt, rendered)
    return RenderOutcome(out, check, [*rendered.findings, *pages])


def render_draft(
    lw: LoadedWorkspace, draft: Path, now: dt.datetime, *, fmt: str | None = None, out: Path | None = None,
    template: Path | None = None, force: bool = False, guidance: bool = False, redline: bool = False,
) -> RenderOutcome:
    """`drafter render`: load and check the draft, then `render_checked`. UnusableInput when the draft
    cannot be checked at all."""
    check = run_check(lw, draft, now)
    fmt = format_for(out, fmt, check.ctx.consultation.submission.format)
    if redline and fmt == "eml":
        fmt = "docx"  # (a redline is a document, not a message)
    if out is None and redline:
        out = draft.with_name(f"{draft.stem}-redline{SUFFIX[fmt]}")
    return render_checked(
        lw, check, fmt, out or default_output(draft, fmt), template=template, force=force, guidance=guidance, redline=redline
    )
