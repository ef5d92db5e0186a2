"""`render`: the submission as DOCX, Markdown, plain text, PDF, or an e-mail with the DOCX attached.

A page limit (`submission.max_pages`) can only be checked on the rendered document: when it is
exceeded, the file is kept (it was written, and may be wanted to see what to cut), the `over-pages`
error is printed, and the exit status is 1 so that scripts notice.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..formats import FORMATS
from .common import EXIT_FINDINGS, EXIT_OK, Fatal, now_from_env, open_workspace, print_findings, say, unusable

HELP = (
    "Write the submission for DRAFT.\n\nRefuses (exit 1, nothing written) while the draft has errors, "
    "unless --force. The output is written to a temporary file and renamed, so a failed render leaves "
    "any previous file untouched. Over the consultation's page limit (counted in the PDF LibreOffice "
    "makes, else estimated), the file is written, the over-pages error printed, and the exit status is 1. "
    "`--format eml`: a message to the consultation's submission address with the DOCX attached. "
    "Template: --template, else the consultation's `template:`, else "
    "`default.docx` in a workspace templates folder, else the bundled default. "
    "`drafter render --help` lists what a DOCX template receives."
)


def _template_names() -> str:
    from ..render.template_context import context_names

    names = "\n".join(f"  {name:<18} {doc}" for name, doc in context_names().items())
    return f"\n\nA DOCX template (docxtpl) receives:\n\n\b\n{names}"


class RenderCommand(click.Command):
    """`render`, whose help lists the template context (read only when help is asked for)."""

    def get_help(self, ctx: click.Context) -> str:
        self.help = HELP + _template_names()
        return super().get_help(ctx)


@click.command(cls=RenderCommand, help=HELP)
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: the draft's name with the format's suffix, beside it).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None, help="Output format (default: from -o's suffix, else docx).")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A DOCX template (docxtpl).")
@click.option("--force", is_flag=True, help="Render even when the draft has errors (each failed item is marked in the output).")
@click.option("--guidance", is_flag=True, help="Print the organiser's guidance under each question.")
@click.option("--redline", is_flag=True, help="A document consultation: the whole document with the proposed amendments as Word tracked changes (DOCX, PDF; Markdown marks them).")
def render(draft: Path, out: Path | None, fmt: str | None, template: Path | None, force: bool, guidance: bool, redline: bool) -> None:
    from ..ops.check import UnusableInput
    from ..ops.render import render_draft
    from ..render import RenderError
    from ..report import summary

    lw = open_workspace(draft.parent)
    try:
        outcome = render_draft(lw, draft, now_from_env(), fmt=fmt, out=out, template=template, force=force, guidance=guidance, redline=redline)
    except UnusableInput as exc:
        unusable(exc.findings)
    except RenderError as exc:
        raise Fatal(str(exc)) from exc
    if outcome.refused:
        print_findings(outcome.errors)
        say(f"drafter: render refused: {summary(outcome.check.findings)}; fix the errors or use --force", err=True)
        sys.exit(EXIT_FINDINGS)
    print_findings(outcome.warnings)
    say(f"Wrote {outcome.path}")
    if outcome.render_errors:  # over-pages: the file is kept, the status says it fails
        say(f"drafter: {outcome.path} is written, but over the consultation's limits: {summary(outcome.render_errors)}", err=True)
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


COMMANDS = [render]
