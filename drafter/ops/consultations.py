"""The consultations of a workspace as a list shows them: soonest deadline first, with time left.

Invariant: one order and one notion of "near" (`consultation.NEAR_DAYS`) for `drafter consultations`
and the home screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


def consultation_rows(lw: LoadedWorkspace, now: dt.datetime) -> list[ConsultationRow]:
    """Every usable consultation, soonest deadline first (then by id)."""
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
            )
        )
    rows.sort(key=lambda r: (r.deadline, r.id))
    return rows
