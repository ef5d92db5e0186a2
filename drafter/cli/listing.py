"""`blocks`, `consultations`, `drafts`: what the workspace holds."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import click

from .common import FORMAT, Fatal, now_from_env, open_workspace, plural, print_findings, say


def _json_rows(key: str, rows: list[dict]) -> str:
    """`{"KEY": [...]}`, one row per line (each row through the C encoder: long lists stay fast)."""
    if not rows:
        return json.dumps({key: []})
    body = ",\n".join("  " + json.dumps(r, ensure_ascii=False, default=str) for r in rows)
    return f'{{"{key}": [\n{body}\n]}}'


@click.command()
@click.option("--theme", help="Only blocks with this theme.")
@click.option("--query", "-q", help="Only blocks whose title, summary, body or tags contain this text.")
@FORMAT
def blocks(theme: str | None, query: str | None, fmt: str) -> None:
    """List library blocks: reference, words of the body (and of the short variant), last review,
    title and themes."""
    from ..search import search_blocks

    lw = open_workspace()
    rows: list[dict[str, Any]] = []
    for lib, block in search_blocks(lw.index, query or "", theme=theme):
        words, short_words = lib.words[block.id]
        rows.append(
            {
                "ref": lw.index.qualified(lib, block),
                "library": lib.namespace,
                "title": block.title,
                "themes": block.themes,
                "owner": block.owner,
                "reviewed": block.reviewed.isoformat() if block.reviewed else None,
                "words": words,
                "short_words": short_words,
            }
        )
    if fmt == "json":
        say(_json_rows("blocks", rows))
        return
    if not rows:
        say("no blocks match", err=True)
        return
    width = max(len(r["ref"]) for r in rows)
    say(f"{'block':<{width}}  {'words':>5}  {'short':>5}  {'reviewed':<10}  title [themes]")
    for r in rows:
        short = str(r["short_words"]) if r["short_words"] is not None else "—"
        say(f"{r['ref']:<{width}}  {r['words']:>5}  {short:>5}  {r['reviewed'] or '—':<10}  {r['title']}  [{', '.join(r['themes'])}]")
    say(plural(len(rows), "block"))


@click.command()
@FORMAT
@click.option(
    "--ics", "ics", type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the deadlines to this iCalendar file, for a calendar application.",
)
def consultations(fmt: str, ics: Path | None) -> None:
    """List consultations, soonest deadline first, with the time left to each.

    With --ics FILE, also write each deadline as an event of an iCalendar file (RFC 5545) that a
    calendar application imports or subscribes to; importing it again updates the events.
    """
    from ..ops.consultations import consultation_rows, write_calendar

    lw = open_workspace()
    now = now_from_env()
    rows = consultation_rows(lw, now)
    if ics is not None:
        try:
            events = write_calendar(lw, now, ics)
        except OSError as exc:
            raise Fatal(f"{ics}: cannot write the calendar: {exc.strerror or exc}") from exc
        say(f"Wrote {plural(events, 'deadline')} to {ics}", err=True)
    if fmt == "json":
        doc = [{**dataclasses.asdict(r), "deadline": r.deadline.isoformat(), "questions": r.targets} for r in rows]
        say(json.dumps({"consultations": doc}, indent=2, ensure_ascii=False))
        return
    if not rows:
        folders = ", ".join(lw.ws.display(d) for d in lw.ws.consultation_dirs()) or "none configured"
        say(f"no consultations (looked in: {folders})", err=True)
    for r in rows:
        moved = " (moved)" if r.deadline_moved else ""
        say(f"{r.id}  {r.deadline.isoformat()}{moved}  {r.time_left}  {r.title}")
        how = {"webform": "paste each answer into the organiser's web form", "email": "send by e-mail"}.get(r.submit, "upload a document")
        say(f"    submit: {how}" + (f" ({r.address})" if r.address else ""))
        if r.notes:
            say(f"    notes: {' '.join(r.notes.split())}")
    print_findings(lw.consultation_findings)


@click.command()
@FORMAT
def drafts(fmt: str) -> None:
    """List drafts with their progress: questions answered, required ones answered, and findings."""
    from ..ops.progress import draft_progress

    lw = open_workspace()
    rows = draft_progress(lw, now_from_env())
    if fmt == "json":
        doc = [{**dataclasses.asdict(r), "path": lw.ws.display(r.path)} for r in rows]
        say(json.dumps({"drafts": doc}, indent=2, ensure_ascii=False))
        return
    if not rows:
        say(f"no drafts in {lw.ws.display(lw.ws.drafts_dir)}", err=True)
    for r in rows:
        if r.problem:
            say(f"{r.name}  cannot be checked: {r.problem}")
            continue
        say(
            f"{r.name}  {r.consultation}  {r.answered}/{r.targets} answered, "
            f"{r.required_answered}/{r.required} required; {plural(r.errors, 'error')}, {plural(r.warnings, 'warning')}"
        )


@click.command()
@click.argument("consultation")
@click.option("--deadline", metavar="WHEN",
              help="The deadline the organiser's page gives now, with its time zone: '2026-12-15 23:59 +01:00', '… UTC' or '… Europe/Paris'.")
def dates(consultation: str, deadline: str | None) -> None:
    """Record that CONSULTATION's details (an id or a file) were checked at the source today; with
    --deadline, the deadline it gives now (the earlier one is kept in deadline_history). The file is
    edited in place, its comments kept."""
    from ..ops.dates import DatesRefused, confirm_dates
    from ..ops.fields import parse_deadline
    from ..ops.workspace import ConsultationNotFound, find_consultation

    lw = open_workspace()
    try:
        lc = find_consultation(lw, consultation)
    except ConsultationNotFound as exc:
        raise Fatal(str(exc)) from exc
    # a file named by its path: the workspace's, or one a library carries (refused when the library is shared)
    lc = next((c for c in lw.consultations.values() if c.path.resolve() == lc.path.resolve()), lc)
    try:
        moved = parse_deadline(deadline) if deadline is not None else None
    except ValueError as exc:
        raise Fatal(f"--deadline: {exc}") from exc
    try:
        done = confirm_dates(lw, lc, now_from_env().date(), moved)
    except (DatesRefused, OSError) as exc:
        raise Fatal(str(exc)) from exc
    say(done.message)


COMMANDS = [blocks, consultations, dates, drafts]
