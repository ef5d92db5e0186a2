"""The `drafter` command line: parse → call the core → report → exit code.

Exit codes (owned here and nowhere else): 0 no failing findings, 1 failing findings (or a refused
render), 2 unusable input or a usage error. Results go to stdout, diagnostics to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .findings import CODES, Finding, has_errors, sort_key
from .report import format_finding, format_json, format_text

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class Fatal(click.ClickException):
    """A one-line error (exit 2) naming file and position where known."""

    exit_code = EXIT_UNUSABLE

    def show(self, file=None) -> None:  # noqa: D102 - click hook
        click.echo(f"drafter: error: {self.format_message()}", err=True)


def now_from_env() -> dt.datetime:
    """The current time, or DRAFTER_NOW (ISO 8601) so runs can be reproduced."""
    value = os.environ.get("DRAFTER_NOW")
    if value:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise Fatal(f"DRAFTER_NOW is not an ISO 8601 time: {value!r}") from exc
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).astimezone()


def use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def open_project(start: Path | None = None):
    from .loaded import LoadedWorkspace
    from .workspace import Workspace, find_root

    ws = Workspace.open(find_root(start or Path.cwd()))
    return LoadedWorkspace.load(ws)


def emit_findings(findings: list[Finding], fmt: str, *, strict: bool = False, title: str | None = None, **extra) -> int:
    findings = sorted(findings, key=sort_key)
    if fmt == "json":
        click.echo(format_json(findings, **extra), nl=False)
    else:
        click.echo(format_text(findings, colour=use_colour(), title=title), nl=False)
    return EXIT_FINDINGS if has_errors(findings, strict=strict) else EXIT_OK


def unusable(exc) -> int:
    """Report findings that make the input unusable (exit 2)."""
    for f in exc.findings:
        click.echo(format_finding(f, colour=False), err=True)
    return EXIT_UNUSABLE


FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output for people (text) or machines (json).")


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Draft consultation responses from reviewed, shared position blocks.

    Without a command, opens the terminal UI on the workspace in the current folder.
    """
    ctx.obj = {"debug": debug}
    if ctx.invoked_subcommand is None:
        from .tui.launch import run_ui

        run_ui(workspace=Path.cwd(), now=now_from_env())


# ----------------------------------------------------------------------------- checking


@cli.command()
@click.argument("draft", type=click.Path(path_type=Path))
@FORMAT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(draft: Path, fmt: str, strict: bool) -> None:
    """Check a draft against its consultation and libraries.

    Exit 0: no errors (with --strict: no warnings either); 1: failing findings; 2: unusable input.
    """
    from .checks import UnusableInput, run_check

    if not draft.is_file():
        raise Fatal(f"{draft}: no such file")
    project = open_project(draft.parent)
    try:
        result = run_check(project, draft, now_from_env())
    except UnusableInput as exc:
        sys.exit(unusable(exc))
    sys.exit(emit_findings(result.findings, fmt, strict=strict, title=result.ctx.file))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@FORMAT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def lint(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check library, consultation and draft files under PATHS (default: the workspace).

    A PATH holding `library.yaml` is checked as a library on its own (for a library repository's CI).
    """
    from .checks import run_lint
    from .loaded import LoadedWorkspace
    from .workspace import Workspace

    now = now_from_env()
    library_roots = [p for p in paths if (p / "library.yaml").is_file()]
    others = [p for p in paths if p not in library_roots]
    findings: list[Finding] = []
    for root in library_roots:
        findings += run_lint(LoadedWorkspace.load(Workspace.for_library(root), cache=False), [], now)
    if others or not paths:
        start = others[0] if others else Path.cwd()
        start = start if start.is_dir() else start.parent
        findings += run_lint(open_project(start), list(others), now)
    sys.exit(emit_findings(sorted(set(findings), key=sort_key), fmt, strict=strict))


@cli.command()
def rules() -> None:
    """List every finding code with its severity."""
    width = max(len(c) for c in CODES)
    for code in CODES.values():
        click.echo(f"{code.code:<{width}}  {code.severity:<10}  {code.sentence}")


@cli.command()
@click.argument("kind", required=False, type=click.Choice(["block", "library", "consultation", "draft", "workspace"]))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write KIND.json files into this folder.")
def schema(kind: str | None, out_dir: Path | None) -> None:
    """JSON Schema of each file kind, for editor completion and checking."""
    from .schema import schemas, write_schemas

    if out_dir:
        for path in write_schemas(out_dir, [kind] if kind else None):
            click.echo(str(path))
        return
    docs = schemas()
    click.echo(json.dumps(docs[kind] if kind else docs, indent=2, ensure_ascii=False))


# ----------------------------------------------------------------------------- workspace


@cli.command()
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--sample", is_flag=True, help="Copy the bundled sample library, consultation and drafts.")
def init(directory: Path, sample: bool) -> None:
    """Make a workspace: drafter.yaml and the default folders."""
    from .init import init_workspace

    created = init_workspace(directory, sample=sample)
    click.echo(f"Workspace ready in {directory.resolve()} ({len(created)} files written)")
    if sample:
        click.echo(f"Try:  cd {directory} && drafter check drafts/example-response.yaml")


@cli.command()
@click.option("--no-ui", is_flag=True, help="Only make the copy and print where it is.")
def demo(no_ui: bool) -> None:
    """Open the UI on a fresh copy of the bundled sample (the package is never touched)."""
    from .init import init_workspace

    folder = Path(tempfile.mkdtemp(prefix="drafter-demo-"))
    init_workspace(folder, sample=True)
    click.echo(f"Sample workspace copied to {folder}")
    if no_ui:
        return
    from .tui.launch import run_ui

    run_ui(workspace=folder, draft=folder / "drafts" / "example-response.yaml", now=now_from_env())


@cli.command()
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def edit(draft: Path) -> None:
    """Open the UI on one draft."""
    from .tui.launch import run_ui
    from .workspace import find_root

    run_ui(workspace=find_root(draft.parent), draft=draft.resolve(), now=now_from_env())


@cli.command()
@click.argument("consultation")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the draft (default: drafts/<consultation>.yaml).")
def new(consultation: str, out: Path | None) -> None:
    """Write a new draft for CONSULTATION (an id or a file): every question listed, no answers."""
    from .draft import create_draft

    project = open_project()
    lc = _find_consultation(project, consultation)
    assert lc.model is not None
    try:
        out = create_draft(
            project.ws.drafts_dir,
            lc.model,
            now_from_env().date(),
            out=out or project.ws.drafts_dir / f"{lc.model.id}.yaml",
            schema=project.ws.state_dir / "schema" / "draft.json",
        )
    except FileExistsError as exc:
        raise Fatal(f"{exc} with -o") from exc
    click.echo(f"Wrote {out}")


def _find_consultation(project, ref: str):
    from .consultation import load_consultation

    path = Path(ref)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        lc = load_consultation(path, display=project.ws.display)
        if lc.model is None:
            for f in lc.findings:
                click.echo(format_finding(f), err=True)
            raise Fatal(f"{ref}: not a usable consultation")
        return lc
    if ref in project.consultations:
        return project.consultations[ref]
    known = ", ".join(sorted(project.consultations)) or "none found"
    raise Fatal(f"no consultation '{ref}' in this workspace (known: {known})")


# ----------------------------------------------------------------------------- listings


@cli.command()
@click.option("--theme", help="Only blocks with this theme.")
@click.option("--query", "-q", help="Only blocks whose title, summary, body or tags contain this text.")
@FORMAT
def blocks(theme: str | None, query: str | None, fmt: str) -> None:
    """List library blocks."""
    from .search import search_blocks

    project = open_project()
    rows = []
    for lib, block in search_blocks(project.index, query or "", theme=theme):
        rows.append(
            {
                "ref": project.index.qualified(lib, block),
                "library": lib.namespace,
                "title": block.title,
                "themes": block.themes,
                "owner": block.owner,
                "reviewed": block.reviewed.isoformat() if block.reviewed else None,
                "words": len(block.body.split()),
                "short": block.short is not None,
            }
        )
    if fmt == "json":
        click.echo(json.dumps({"blocks": rows}, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no blocks match", err=True)
        return
    width = max(len(r["ref"]) for r in rows)
    for r in rows:
        click.echo(f"{r['ref']:<{width}}  {r['words']:>4} w{'+s' if r['short'] else '  '}  {r['reviewed'] or '—':<10}  {r['title']}  [{', '.join(r['themes'])}]")
    click.echo(f"{len(rows)} block{'s' if len(rows) != 1 else ''}")


@cli.command()
@FORMAT
def consultations(fmt: str) -> None:
    """List consultations with the time left to each deadline."""
    from .consultation import time_left

    project = open_project()
    now = now_from_env()
    rows = []
    for cid, lc in sorted(project.consultations.items(), key=lambda kv: kv[1].model.deadline):
        c = lc.model
        rows.append(
            {
                "id": cid,
                "title": c.title,
                "organiser": c.organiser,
                "deadline": c.deadline.isoformat(),
                "time_left": time_left(c.deadline, now),
                "seconds_left": int((c.deadline - now).total_seconds()),
                "deadline_moved": bool(c.deadline_history),
                "questions": len(c.questions()),
                "file": lc.file,
            }
        )
    if fmt == "json":
        click.echo(json.dumps({"consultations": rows}, indent=2, ensure_ascii=False))
        return
    for r in rows:
        moved = " (moved)" if r["deadline_moved"] else ""
        click.echo(f"{r['id']}  {r['deadline']}{moved}  {r['time_left']}  {r['title']}")
    for f in project.consultation_findings:
        click.echo(format_finding(f), err=True)


# ----------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> None:
    """Console-script entry: unexpected errors become one line (a traceback only with --debug)."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="drafter", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("drafter: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: never a traceback for users
        if debug:
            raise
        click.echo(f"drafter: error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(EXIT_UNUSABLE)


from . import cli_render  # noqa: E402,F401  (registers `render`)
from . import cli_library  # noqa: E402,F401  (registers the shared-library commands)
