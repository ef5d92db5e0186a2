"""`check`, `lint`, `rules`, `schema`: is a draft ready, are the files well-formed, what the codes mean."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import FORMAT, Fatal, emit_findings, now_from_env, open_workspace, unusable


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@FORMAT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(draft: Path, fmt: str, strict: bool) -> None:
    """Check a draft against its consultation and libraries.

    Exit 0: no errors (with --strict: no warnings either); 1: failing findings; 2: unusable input.
    """
    from ..ops.check import UnusableInput, run_check

    if not draft.is_file():
        raise Fatal(f"{draft}: no such file")
    lw = open_workspace(draft.parent)
    try:
        result = run_check(lw, draft, now_from_env())
    except UnusableInput as exc:
        unusable(exc.findings)
    sys.exit(emit_findings(result.findings, fmt, strict=strict, title=result.ctx.file))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@FORMAT
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def lint(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check library, consultation and draft files under PATHS (default: the workspace).

    A PATH holding `library.yaml` is checked as a library on its own (for a library repository's CI).
    """
    from ..findings import Finding, sort_key
    from ..loaded import LoadedWorkspace
    from ..ops.check import run_lint
    from ..workspace import Workspace

    now = now_from_env()
    library_roots = [p for p in paths if (p / "library.yaml").is_file()]
    others = [p for p in paths if p not in library_roots]
    findings: list[Finding] = []
    for root in library_roots:
        findings += run_lint(LoadedWorkspace.load(Workspace.for_library(root, display_base=Path.cwd()), cache=False), [], now)
    if others or not paths:
        start = others[0] if others else Path.cwd()
        start = start if start.is_dir() else start.parent
        findings += run_lint(open_workspace(start), list(others), now)
    sys.exit(emit_findings(sorted(set(findings), key=sort_key), fmt, strict=strict))


@click.command()
def rules() -> None:
    """List every finding code with its severity."""
    from ..findings import CODES

    width = max(len(c) for c in CODES)
    for code in CODES.values():
        click.echo(f"{code.code:<{width}}  {code.severity:<10}  {code.sentence}")


KINDS = ["block", "library", "consultation", "draft", "workspace"]


@click.command()
@click.argument("kind", required=False, type=click.Choice(KINDS))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Write KIND.json files into this folder.")
@click.option("--markdown", is_flag=True, help="Print the file formats reference instead (every key with its meaning, and examples; the project keeps it as docs/formats.md).")
def schema(kind: str | None, out_dir: Path | None, markdown: bool) -> None:
    """JSON Schema of each file kind, for editor completion and checking."""
    from ..schema import schemas, write_schemas
    from ..schema.reference import formats_markdown

    if markdown:
        if out_dir:
            raise click.UsageError("--markdown prints the reference; redirect it to a file instead of -o")
        click.echo(formats_markdown([kind] if kind else None), nl=False)
        return
    if out_dir:
        for path in write_schemas(out_dir, [kind] if kind else None):
            click.echo(str(path))
        return
    docs = schemas()
    click.echo(json.dumps(docs[kind] if kind else docs, indent=2, ensure_ascii=False))


COMMANDS = [check, lint, rules, schema]
