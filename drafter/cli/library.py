"""Shared-library commands: `library add|sync|list`, `diff`, `update`, `stale`, `review`."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from .common import EXIT_FINDINGS, EXIT_OK, FORMAT, Fatal, find_workspace, now_from_env, open_workspace, plural, say


@click.group()
def library() -> None:
    """Shared libraries from git: clone, fast-forward, list."""


@library.command("add")
@click.argument("source")
@click.option("--namespace", help="Namespace (and folder name under libraries/); default from the library.")
@click.option("--ref", help="Branch or tag to follow.")
def library_add(source: str, namespace: str | None, ref: str | None) -> None:
    """Clone SOURCE (any URL git accepts, or a local path) into libraries/ and record it in drafter.yaml."""
    from ..sharing import LibraryError, add

    try:
        entry = add(find_workspace(), source, namespace=namespace, ref=ref)
    except LibraryError as exc:
        raise Fatal(str(exc)) from exc
    from ..ops.libraries import added_line

    say(added_line(source, entry))


@library.command("sync")
@click.argument("name", required=False)
@FORMAT
def library_sync(name: str | None, fmt: str) -> None:
    """Fetch and fast-forward git libraries (never merges; a dirty or diverged clone is left alone).

    Reports blocks added, changed and removed, and the drafts that use changed or removed blocks.
    Exit 1 when a library could not be synced.
    """
    from ..sharing import LibraryError, sync

    try:
        reports = sync(find_workspace(), name)
    except LibraryError as exc:
        raise Fatal(str(exc)) from exc
    failed = [r for r in reports if r.status in ("dirty", "diverged", "error")]
    if fmt == "json":
        say(json.dumps({"libraries": [dataclasses.asdict(r) for r in reports]}, indent=2))
        sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
    from ..ops.libraries import sync_lines

    for line in sync_lines(reports):
        say(line)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@library.command("list")
@FORMAT
def library_list(fmt: str) -> None:
    """Each library: namespace, source, commit, block count, blocks due for review, and drafts
    whose pinned blocks changed in it (pending upstream changes after a sync)."""
    from ..sharing import library_rows

    table = library_rows(open_workspace(), now_from_env().date())
    if fmt == "json":
        say(json.dumps({"libraries": [dataclasses.asdict(r) for r in table]}, indent=2))
        return
    for r in table:
        commit = r.commit[:12] if r.commit else "local"
        say(f"{r.namespace:<12} {plural(r.blocks, 'block'):>11}  {r.due:>3} due  {commit:<12}  {r.path}  {r.source or ''}".rstrip())
        for draft, refs in r.pending.items():
            say(f"  changed since pinned in {draft}: {', '.join(refs)} (see `drafter diff {draft}`)")


@click.command()
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("qid", required=False)
def diff(draft: Path, qid: str | None) -> None:
    """For each changed block in DRAFT (or in answer QID), a diff of the pinned text against the library's."""
    from ..draft_editor import DraftEditor
    from ..ops.changes import block_diff, changed_blocks

    lw = open_workspace(draft.parent)
    changed = changed_blocks(lw, DraftEditor.load(draft), qid)
    if not changed:
        say("no changed blocks")
        return
    for use in changed:
        d = block_diff(lw, use)
        say(f"{use.qid}: block '{use.ref}' pinned {use.pinned}, now {use.current}")
        if d.pinned is None:
            say(f"  the pinned version is not available: {d.origin}")
        for line in d.lines():
            say(line)
        say("")
    say(f"{plural(len(changed), 'changed block')}; accept with `drafter update {draft} --all`")


@click.command()
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--block", "block_ref", help="Re-pin this block only.")
@click.option("--all", "all_blocks", is_flag=True, help="Re-pin every changed or unpinned block.")
def update(draft: Path, block_ref: str | None, all_blocks: bool) -> None:
    """Take the library's current version of changed blocks and re-pin them in DRAFT."""
    from ..draft_editor import ConflictError
    from ..ops.changes import update_draft

    if not block_ref and not all_blocks:
        raise click.UsageError("say which: --block REF or --all")
    try:
        done = update_draft(open_workspace(draft.parent), draft, block=block_ref, all_blocks=all_blocks)
    except ConflictError as exc:
        raise Fatal(str(exc)) from exc
    for use in done:
        was = f"was {use.pinned}" if use.pinned else "was unpinned"
        say(f"{use.qid}: {use.ref} pinned {use.current} ({was})")
    say(f"{plural(len(done), 'item')} re-pinned in {draft}")


@click.command()
@click.option("--owner", help="Only blocks whose owner contains this text.")
@FORMAT
def stale(owner: str | None, fmt: str) -> None:
    """Blocks due for review, grouped by owner, with how many drafts use each."""
    from ..review import stale_blocks

    groups = stale_blocks(open_workspace(), now_from_env().date(), owner)
    if fmt == "json":
        doc = {who: [dataclasses.asdict(r) for r in rows] for who, rows in groups.items()}
        say(json.dumps({"owners": doc}, indent=2, default=str))
        return
    if not groups:
        say("no blocks are due for review")
    for who, rows in groups.items():
        say(who)
        for r in rows:
            when = f"reviewed {r.reviewed}, due {r.due}" if r.reviewed else "never reviewed"
            say(f"  {r.ref:<36} {when}; used by {plural(r.drafts, 'draft')}  ({r.file})")


@click.command()
@click.argument("ref")
def review(ref: str) -> None:
    """Mark block REF reviewed today (a one-line edit that keeps comments)."""
    from ..review import mark_reviewed

    today = now_from_env().date()
    try:
        file = mark_reviewed(open_workspace(), ref, today)
    except LookupError as exc:
        raise Fatal(str(exc.args[0]) if exc.args else str(exc)) from exc
    say(f"{file}: reviewed {today.isoformat()}")


COMMANDS = [library, diff, update, stale, review]
