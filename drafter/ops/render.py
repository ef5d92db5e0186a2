"""Render a draft: check it, refuse while it has errors (unless forced), compose the submission, write it.

Invariant: the CLI's `render` and the UI's render dialog both come here, so they refuse the same
drafts and write the same bytes; nothing is written when the render is refused or fails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..formats import SUFFIX
from ..loaded import LoadedWorkspace
from ..render import find_template, render
from ..submission import SubmissionDoc, build_submission
from .check import DraftCheck, run_check


@dataclass
class RenderOutcome:
    """What a render did: the file written (None when refused), the check's findings, the renderer's warnings."""

    path: Path | None
    check: DraftCheck
    warnings: list[Finding] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.path is None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.check.findings if f.severity == "error"]


def refuses(check: DraftCheck, *, force: bool = False) -> bool:
    """The one rule: a draft with errors is not rendered, unless forced."""
    return check.has_errors() and not force


def format_for(out: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one `out`'s suffix names, else docx."""
    if fmt is not None:
        return fmt
    suffix = out.suffix.lower() if out is not None else ""
    return next((name for name, s in SUFFIX.items() if s == suffix), "docx")


def default_output(draft: Path, fmt: str) -> Path:
    """The draft's name with the format's suffix, beside it."""
    return draft.with_suffix(SUFFIX[fmt])


def submission(check: DraftCheck, *, guidance: bool = False) -> SubmissionDoc:
    """The submission a checked draft renders to (composed once, by the check); with `guidance`, the
    organiser's guidance is printed under each question."""
    return build_submission(check.ctx.response, check.answers(), guidance=guidance)


def render_checked(
    lw: LoadedWorkspace, check: DraftCheck, fmt: str, out: Path, *, template: Path | None = None, force: bool = False,
    guidance: bool = False,
) -> RenderOutcome:
    """Render an already checked draft (the UI passes its unsaved state) to `out`; RenderError when
    the template or the output cannot be used."""
    if refuses(check, force=force):
        return RenderOutcome(None, check)
    template = template or find_template(lw.ws.template_dirs(), check.ctx.consultation.template)
    out.parent.mkdir(parents=True, exist_ok=True)
    warnings = render(submission(check, guidance=guidance), fmt, out, template=template)  # type: ignore[arg-type]
    return RenderOutcome(out, check, list(warnings))


def render_draft(
    lw: LoadedWorkspace, draft: Path, now: dt.datetime, *, fmt: str | None = None, out: Path | None = None,
    template: Path | None = None, force: bool = False, guidance: bool = False,
) -> RenderOutcome:
    """`drafter render`: load and check the draft, then `render_checked`. UnusableInput when the draft
    cannot be checked at all."""
    fmt = format_for(out, fmt)
    return render_checked(
        lw, run_check(lw, draft, now), fmt, out or default_output(draft, fmt), template=template, force=force, guidance=guidance
    )
