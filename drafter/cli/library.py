"""Shared-library commands: `library add|sync|list`, `diff`, `update`, `stale`, `review`, `promote`."""

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
    """For each changed block in DRAFT (or in answer QID), a diff of the pinned text against the
    library's; for each commented paragraph a new revision of the document changed, its diff."""
    from ..draft_editor import DraftEditor
    from ..ops.changes import answer_ids, block_diff, changed_blocks, changed_paragraphs

    lw = open_workspace(draft.parent)
    editor = DraftEditor.load(draft)
    if qid is not None and editor.model() is not None:
        known = answer_ids(lw, editor)
        if qid not in known:
            raise Fatal(f"{draft}: no question or answer '{qid}' (it has: {', '.join(known) or 'none'})")
    changed = changed_blocks(lw, editor, qid)
    paragraphs = changed_paragraphs(lw, editor, qid)
    if paragraphs:
        _paragraph_diffs(lw, draft, paragraphs)
    if not changed:
        if not paragraphs:
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


def _paragraph_diffs(lw, draft: Path, pins) -> None:
    from ..ops.changes import paragraph_diff

    for pin in pins:
        d = paragraph_diff(lw, pin)
        say(f"{pin.paragraph}: paragraph changed since the comment was pinned ({pin.pinned}, now {pin.current})")
        if d.pinned is None:
            say("  the pinned text is not available: no copy in .drafter/pins (it is kept when the draft is opened or re-pinned)")
        for line in d.lines():
            say(line)
        words = d.in_words()
        if words:
            say(f"  in words: {words}")
        say("")
    say(f"{plural(len(pins), 'changed paragraph')}; revise the comments, then re-pin with `drafter update {draft} --all`")


@click.command()
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--block", "block_ref", help="Re-pin this block only.")
@click.option("--all", "all_blocks", is_flag=True, help="Re-pin every changed or unpinned block, and every comment to its paragraph's current text.")
def update(draft: Path, block_ref: str | None, all_blocks: bool) -> None:
    """Take the library's current version of changed blocks and re-pin them in DRAFT (with --all,
    comments too: each is re-pinned to its paragraph's current text)."""
    from ..draft_editor import ConflictError
    from ..ops.changes import repin_comments, update_draft

    if not block_ref and not all_blocks:
        raise click.UsageError("say which: --block REF or --all")
    lw = open_workspace(draft.parent)
    try:
        done = update_draft(lw, draft, block=block_ref, all_blocks=all_blocks)
        comments = repin_comments(lw, draft) if all_blocks else []
    except ConflictError as exc:
        raise Fatal(str(exc)) from exc
    for use in done:
        was = f"was {use.pinned}" if use.pinned else "was unpinned"
        say(f"{use.qid}: {use.ref} pinned {use.current} ({was})")
    for pin in comments:
        was = f"was {pin.pinned}" if pin.pinned else "was unpinned"
        say(f"{pin.paragraph}: comment pinned {pin.current} ({was})")
    say(f"{plural(len(done), 'item')}{' and ' + plural(len(comments), 'comment') if comments else ''} re-pinned in {draft}")


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


@click.command()
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("qid")
@click.option("--id", "block_id", required=True, help="The new block's id (its file is blocks/<id>.yaml).")
@click.option("--item", type=int, help="Which item of the answer (1 = the first); default its only own text.")
@click.option("--library", "namespace", help="The library's namespace; default the workspace's own (positions/).")
@click.option("--title", help="The block's title; default the text's first sentence.")
@click.option("--theme", "themes", multiple=True, help="A theme of the block (repeat); default the question's themes.")
def promote(draft: Path, qid: str, block_id: str, item: int | None, namespace: str | None, title: str | None,
            themes: tuple[str, ...]) -> None:
    """Turn an own-text item of answer QID into a new block in a library, pinned in its place."""
    from ..draft_editor import ConflictError
    from ..ops.promote import InvalidFields, PromoteError, promote_in_file

    lw = open_workspace(draft.parent)
    try:
        done = promote_in_file(lw, draft, qid, block_id=block_id, item=item, namespace=namespace, title=title,
                               themes=list(themes), today=now_from_env().date())
    except InvalidFields as exc:
        raise Fatal("; ".join(f"{k}: {v}" for k, v in exc.errors.items())) from exc
    except (PromoteError, ConflictError) as exc:
        raise Fatal(str(exc)) from exc
    say(f"wrote {lw.ws.display(done.path)}; item {done.index + 1} of {qid} is now block '{done.ref}' pinned {done.pin}")


COMMANDS = [library, diff, update, stale, review, promote]
