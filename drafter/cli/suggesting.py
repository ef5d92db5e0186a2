"""`suggest`: the blocks that fit each question of a draft, with their strength and reasons."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .common import FORMAT, Fatal, now_from_env, open_workspace, say, unusable


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.argument("qid", required=False)
@click.option("-n", "count", type=click.IntRange(min=1), default=5, show_default=True, help="How many blocks per question.")
@FORMAT
def suggest(draft: Path, qid: str | None, count: int, fmt: str) -> None:
    """For each question of DRAFT (or only QID), the blocks that fit best, strongest first: each
    with a score from 0 to 1, the variant to use (body or short) and the reasons (themes shared,
    words matched, fit to the limit, freshness, use in this and other drafts)."""
    from ..ops.check import UnusableInput
    from ..ops.suggest import UnknownQuestion, suggest_draft
    from ..safetext import visible
    from ..suggest import strength_bar

    if not draft.is_file():
        raise Fatal(f"{draft}: no such file")
    lw = open_workspace(draft.parent)
    try:
        result = suggest_draft(lw, draft, now_from_env(), qid=qid, n=count)
    except UnusableInput as exc:
        unusable(exc.findings)
    except UnknownQuestion as exc:
        raise Fatal(str(exc)) from None
    if fmt == "json":
        say(json.dumps({"suggestions": [q.as_json() for q in result]}, indent=2, ensure_ascii=False))
        return
    for q in result:
        say(f"{q.target.number or q.target.id}  {visible(q.target.label, one_line=True)[:100]}")
        if not q.blocks:
            say("    (no blocks)")
        for s in q.blocks:
            short = " [short]" if s.variant == "short" else ""
            say(f"    {strength_bar(s.score)} {s.score:.2f}  {s.ref}{short}  {visible(s.block.title, one_line=True)}")
            if s.reasons:
                say(f"        {visible('; '.join(s.reasons), one_line=True)}")


COMMANDS = [suggest]
