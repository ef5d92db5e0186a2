"""What every command shares: exit codes, the one-line error, the clock, colour, opening the
workspace, and printing findings.

Invariant: exit codes are owned here and nowhere else — 0 no failing findings, 1 failing findings
(or a refused render), 2 unusable input or a usage error. Results go to stdout, diagnostics to
stderr. Only click is imported at the top: a command loads the core it needs when it runs.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ..wording import plural  # noqa: F401  (the commands take it from here)

if TYPE_CHECKING:
    from ..findings import Finding
    from ..loaded import LoadedWorkspace
    from ..workspace import Workspace

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class Fatal(click.ClickException):
    """A one-line error (exit 2) naming file and position where known."""

    exit_code = EXIT_UNUSABLE

    def show(self, file: Any = None) -> None:
        click.echo(f"drafter: error: {self.format_message()}", err=True)


def now_from_env() -> dt.datetime:
    """The current time, or DRAFTER_NOW (ISO 8601) so runs can be reproduced."""
    value = os.environ.get("DRAFTER_NOW")
    if value:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise Fatal(f"DRAFTER_NOW is not an ISO 8601 time: {value!r}") from exc
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC).astimezone()


def use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def find_workspace(start: Path | None = None) -> "Workspace":
    """The workspace holding `start` (default: the current folder)."""
    from ..workspace import Workspace, find_root

    return Workspace.open(find_root(start or Path.cwd()), display_base=Path.cwd())


def open_workspace(start: Path | None = None) -> "LoadedWorkspace":
    """The workspace holding `start`, loaded."""
    from ..loaded import LoadedWorkspace

    return LoadedWorkspace.load(find_workspace(start))


def emit_findings(findings: "list[Finding]", fmt: str, *, strict: bool = False, title: str | None = None) -> int:
    """Print findings (text or JSON) and return the exit code they call for."""
    from ..findings import has_errors, sort_key
    from ..report import format_json, format_text

    findings = sorted(findings, key=sort_key)
    if fmt == "json":
        click.echo(format_json(findings), nl=False)
    else:
        click.echo(format_text(findings, colour=use_colour(), title=title), nl=False)
    return EXIT_FINDINGS if has_errors(findings, strict=strict) else EXIT_OK


def say(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a line that may hold text from libraries, consultations or drafts: control characters
    are shown as escapes, never sent to the terminal."""
    from ..safetext import visible

    click.echo(visible(text), err=err, nl=nl)


def print_findings(findings: "list[Finding]", *, colour: bool | None = None) -> None:
    """Findings on stderr, one compiler-style line (and hint) each."""
    from ..report import format_finding

    for f in findings:
        click.echo(format_finding(f, colour=use_colour() if colour is None else colour), err=True)


def unusable(findings: "list[Finding]") -> NoReturn:
    """Report findings that make the input unusable and exit 2."""
    print_findings(findings, colour=False)
    sys.exit(EXIT_UNUSABLE)


FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Output for people (text) or machines (json).",
)
