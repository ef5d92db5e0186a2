"""The consultations of a workspace as a list shows them: soonest deadline first, with time left;
and their deadlines as an iCalendar file (`drafter consultations --ics FILE`).

Invariant: one order and one notion of "near" (`consultation.NEAR_DAYS`) for `drafter consultations`,
the home screen and the calendar file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..consultation import DeadlineState, deadline_state, time_left
from ..loaded import LoadedWorkspace
from ..questionnaire import build


@dataclass
class ConsultationRow:
    """One consultation with its deadline and time left."""

    id: str
    title: str
    organiser: str
    kind: str
    deadline: dt.datetime
    time_left: str
    seconds_left: int
    state: DeadlineState
    deadline_moved: bool
    targets: int
    """Questions (or paragraphs) to answer; a free consultation has none of its own."""
    file: str
    library: str | None = None
    """The namespace of the library that carries the consultation (None: the workspace's own)."""
    notes: str | None = None
    """The organiser's instructions for submitting (`submission.notes`)."""
    submit: str = "docx"
    """How the organiser takes it: docx (an upload), webform or email (to `address`)."""
    address: str | None = None


def consultation_rows(lw: LoadedWorkspace, now: dt.datetime) -> list[ConsultationRow]:
    """Every usable consultation: the open ones soonest deadline first, then the closed ones, the most
    recently closed first."""
    rows = []
    for cid, lc in lw.consultations.items():
        c = lc.model
        if c is None:
            continue
        rows.append(
            ConsultationRow(
                id=cid,
                title=c.title,
                organiser=c.organiser,
                kind=c.kind,
                deadline=c.deadline,
                time_left=time_left(c.deadline, now),
                seconds_left=int((c.deadline - now).total_seconds()),
                state=deadline_state(c.deadline, now),
                deadline_moved=bool(c.deadline_history),
                targets=len(build(c).targets),
                file=lc.file,
                library=lc.library,
                notes=c.submission.notes,
                submit=c.submission.format,
                address=c.submission.address,
            )
        )
    # open calls first, soonest deadline first; then closed ones, the most recently closed first
    rows.sort(key=lambda r: (r.state == "passed", r.seconds_left if r.state != "passed" else -r.seconds_left, r.id))
    return rows


def write_calendar(lw: LoadedWorkspace, now: dt.datetime, path: Path) -> int:
    """Write every usable consultation's deadline to `path` as an iCalendar file (atomically, only
    over a regular file), in the listing's order; returns how many events it holds. OSError when it
    cannot be written."""
    from ..calendar import deadlines_calendar
    from ..yamlio import atomic_write_bytes

    models = [lw.consultations[r.id].model for r in consultation_rows(lw, now)]
    consultations = [c for c in models if c is not None]
    atomic_write_bytes(path, deadlines_calendar(consultations, now).encode("utf-8"))
    return len(consultations)
