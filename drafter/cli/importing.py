"""`import`: an organiser's questionnaire or draft text → a consultation file to review."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..wording import plural
from .common import EXIT_FINDINGS, FORMAT, Fatal, find_workspace, now_from_env, say


class Refused(click.ClickException):
    """The output exists: nothing written (exit 1)."""

    exit_code = EXIT_FINDINGS

    def show(self, file: object = None) -> None:
        click.echo(f"drafter: error: {self.format_message()}", err=True)


@click.command("import")
@click.argument("source")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="The file to write (default: the consultations folder / ID.yaml).")
@click.option("--kind", type=click.Choice(["questionnaire", "document"]), help="What the source is (default: guessed).")
@click.option("--id", "cid", help="The consultation's id (default: made from its title).")
@click.option(
    "--update", type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A document consultation this text is a new revision of: its id and history are kept, its "
    "paragraphs replaced; the old file is kept under .drafter/revisions/ID/.",
)
@FORMAT
def import_(source: str, output: Path | None, kind: str | None, cid: str | None, update: Path | None, fmt: str) -> None:
    """Read an organiser's questionnaire or draft text (.docx, .html, .md, .txt, .pdf, or - for text
    on stdin) and write it as a consultation.

    Finds sections, numbered questions and parts, limits, required marks, the deadline with its time
    zone and the respondent fields asked for; with --kind document, numbered paragraphs. Each guess
    carries a `# check:` comment in the file. Never overwrites a file.
    """
    import re

    from ..importing import ImportFailure
    from ..model import ID_PATTERN
    from ..ops.importing import TargetExists, run_import

    if cid is not None and not re.match(ID_PATTERN, cid):
        raise click.BadParameter("lower-case letters, digits and '-', starting with a letter or digit", param_hint="--id")
    if update is not None and output is not None:
        raise click.UsageError("--update writes the new revision in place of that file: leave out -o")
    stdin_text = None
    if source == "-":
        stdin_text = sys.stdin.read(20 * 1024 * 1024 + 1)
    ws = None
    if output is None or update is not None:
        try:
            ws = find_workspace()
        except Exception:  # no workspace here: -o is needed (run_import says so)
            ws = None
    today = now_from_env().date()
    known: list[str] = []
    if ws is not None and output is None and update is None:  # an id a consultation has would be a duplicate-id
        from ..loaded import LoadedWorkspace

        known = list(LoadedWorkspace.load(ws).consultations)
    try:
        result = run_import(ws, source, out=output, kind=kind, cid=cid, update=update, stdin_text=stdin_text, known=known, today=today)
    except ImportFailure as exc:
        raise Fatal(str(exc)) from None
    except TargetExists as exc:
        shown = exc.filename
        hint = "choose another -o or --id"
        if exc.strerror != "already exists":
            raise Refused(f"{exc.strerror}: drafter import never writes a second consultation with one id ({hint})") from None
        if kind != "questionnaire":
            hint += f"; for a new revision of a document consultation: --update {shown}"
        raise Refused(f"{shown} already exists: drafter import never overwrites a file ({hint})") from None
    imp = result.imported
    where = ws.display(result.path) if ws is not None else str(result.path)
    if fmt == "json":
        say(json.dumps({
            "written": where,
            "kept": str(result.kept) if result.kept else None,
            "kind": imp.kind,
            "id": imp.data.get("id"),
            "found": imp.found,
            "missing": imp.missing,
            "guesses": [{"path": list(g.path), "note": g.note} for g in imp.guesses],
            "problems": imp.problems,
        }, indent=2, ensure_ascii=False))
        return
    say(f"Wrote {where} ({imp.kind}, id {imp.data.get('id')})")
    if result.kept:
        say(f"kept the previous revision as {ws.display(result.kept) if ws is not None else result.kept}")
    for line in imp.found:
        say(f"  found: {line}")
    for line in imp.missing:
        say(f"  not found: {line}")
    say(f"  {plural(len(imp.guesses), 'guess', 'guesses')} marked `# check:` in the file")
    for problem in imp.problems:
        say(f"  lint: {problem}")


COMMANDS = [import_]
