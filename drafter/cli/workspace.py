"""`init`, `demo`, `edit`, `new`: making a workspace, opening the UI, starting a draft."""

from __future__ import annotations

from pathlib import Path

import click

from .common import Fatal, find_workspace, now_from_env, open_workspace, print_findings, say


def run_ui(*, workspace: Path | None, draft: Path | None = None) -> None:
    """The terminal UI (Textual is imported only here); `workspace=None` opens a fresh demo copy."""
    from ..tui.launch import run_ui as launch

    launch(workspace=workspace, now=now_from_env(), draft=draft)


@click.command()
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--sample", is_flag=True, help="Copy the bundled sample library, consultation and drafts.")
def init(directory: Path, sample: bool) -> None:
    """Make a workspace: drafter.yaml and the default folders."""
    from ..init import init_workspace

    created = init_workspace(directory, sample=sample)
    say(f"Workspace ready in {directory.resolve()} ({len(created)} files written)")
    if sample:
        say(f"Try:  cd {directory} && drafter check drafts/example-response.yaml")


@click.command()
@click.option("--no-ui", is_flag=True, help="Only make the copy and print where it is.")
def demo(no_ui: bool) -> None:
    """Open the UI on a fresh copy of the bundled sample (the package is never touched)."""
    if not no_ui:
        run_ui(workspace=None)  # the UI paints first, then copies the sample in its loading worker
        return
    from ..ops.workspace import make_demo

    folder, _ = make_demo()
    say(f"Sample workspace copied to {folder}")


@click.command()
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def edit(draft: Path) -> None:
    """Open the UI on one draft."""
    run_ui(workspace=find_workspace(draft.parent).root, draft=draft.resolve())


@click.command()
@click.argument("consultation")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the draft (default: drafts/<consultation>.yaml).")
@click.option("--suggest", "suggested", is_flag=True, help="Start each question with its best block, marked `# suggested: review`.")
def new(consultation: str, out: Path | None, suggested: bool = False) -> None:
    """Write a new draft for CONSULTATION (an id or a file): every question listed, no answers
    (with --suggest, each question starts with the block that fits it best, for you to review)."""
    from ..ops.drafts import write_new_draft
    from ..ops.workspace import ConsultationNotFound, find_consultation

    lw = open_workspace()
    try:
        lc = find_consultation(lw, consultation)
    except ConsultationNotFound as exc:
        print_findings(exc.findings)
        raise Fatal(str(exc)) from None
    assert lc.model is not None
    try:
        made = write_new_draft(lw, lc, now_from_env().date(), out or lw.ws.drafts_dir / f"{lc.model.id}.yaml")
    except FileExistsError as exc:
        raise Fatal(f"{exc} with -o") from exc
    say(f"Wrote {made.path}" + (f" (with {made.carried})" if made.carried else ""))
    if suggested:
        from ..ops.suggest import write_suggested

        count = write_suggested(lw, lc, made.path, now_from_env().date())
        say(f"Suggested a block for {count} question{'s' if count != 1 else ''}: each is marked `# suggested: review`")


COMMANDS = [init, demo, edit, new]
