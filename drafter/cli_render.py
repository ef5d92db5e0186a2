"""`drafter render`: the submission as DOCX, Markdown, plain text or PDF."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import EXIT_FINDINGS, EXIT_OK, Fatal, cli, now_from_env, open_project, unusable, use_colour
from .report import format_finding, summary



def _render_help() -> str:
    try:
        from .render import context_names
    except Exception:  # pragma: no cover - renderer missing in a broken install
        return ""
    names = "\n".join(f"  {name:<14} {doc}" for name, doc in context_names().items())
    return f"\n\nA DOCX template (docxtpl) receives:\n\n\b\n{names}"


@cli.command(
    help="Write the submission for DRAFT.\n\nRefuses (exit 1, nothing written) while the draft has errors, "
    "unless --force. The output is written to a temporary file and renamed, so a failed render leaves "
    "any previous file untouched. Template: --template, else the consultation's `template:`, else "
    "`default.docx` in a workspace templates folder, else the bundled default." + _render_help()
)
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: the draft's name with the format's suffix, beside it).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "txt", "pdf"]), default=None, help="Output format (default: from -o's suffix, else docx).")
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A DOCX template (docxtpl).")
@click.option("--force", is_flag=True, help="Render even when the draft has errors.")
def render(draft: Path, out: Path | None, fmt: str | None, template: Path | None, force: bool) -> None:
    from .checks import UnusableInput, run_check
    from .render import SUFFIX, RenderError, find_template, render as render_doc
    from .submission import build_submission

    project = open_project(draft.parent)
    try:
        result = run_check(project, draft, now_from_env())
    except UnusableInput as exc:
        sys.exit(unusable(exc))
    errors = [f for f in result.findings if f.severity == "error"]
    if errors and not force:
        for f in errors:
            click.echo(format_finding(f, colour=use_colour()), err=True)
        click.echo(f"drafter: render refused: {summary(result.findings)}; fix the errors or use --force", err=True)
        sys.exit(EXIT_FINDINGS)
    if fmt is None:
        fmt = next((k for k, v in SUFFIX.items() if out and out.suffix.lower() == v), "docx")
    out = out or draft.with_suffix(SUFFIX[fmt])
    doc = build_submission(result.ctx, result.results)
    try:
        template = template or find_template(project.ws.template_dirs(), result.ctx.consultation.template)
        warnings = render_doc(doc, fmt, out, template=template)
    except RenderError as exc:
        raise Fatal(str(exc)) from exc
    for f in warnings:
        click.echo(format_finding(f, colour=use_colour()), err=True)
    click.echo(f"Wrote {out}")
    sys.exit(EXIT_OK)

