"""The `drafter` command line: parse → call an operation → report → exit code.

The group is assembled here from each command module's `COMMANDS` (explicit registration: no
module imports this one, so there is no import cycle). Commands import the core they need when
they run, so `drafter --version` or `drafter rules` load neither Jinja, Markdown nor the DOCX
libraries. Exit codes and shared helpers are in `common`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import __version__
from . import checking, importing, library, listing, rendering, serve, suggesting, workspace
from .common import EXIT_OK, EXIT_UNUSABLE

__all__ = ["cli", "main"]


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
        workspace.run_ui(workspace=Path.cwd())


for _module in (checking, workspace, listing, rendering, library, serve, importing, suggesting):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry: unexpected errors become one line (a traceback only with --debug)."""
    # drafter uses no pydantic plugin; looking for them scans every installed package's metadata
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="drafter", standalone_mode=False)
    except SystemExit:
        raise
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("drafter: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:  # --help, --version
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except OSError as exc:  # a file that cannot be read or written: name it and say what to do
        if debug:
            raise
        from ..yamlio.files import describe_os_error

        click.echo(f"drafter: error: {describe_os_error(exc)}", err=True)
        sys.exit(EXIT_UNUSABLE)
    except Exception as exc:  # the last line of defence: never a traceback for users
        if debug:
            raise
        click.echo(f"drafter: error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(EXIT_UNUSABLE)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
