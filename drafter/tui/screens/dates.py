"""The consultation's dates form (e on the home screen, alt+d on the draft screen, and the fix of
`deadline-passed` and `unchecked-consultation`): the deadline the organiser's page gives now, and
saving records that the details were checked today (`ops.dates.confirm_dates`)."""

from __future__ import annotations

import datetime as dt

from ...consultation import LoadedConsultation
from ...loaded import LoadedWorkspace
from ...ops.dates import DatesConfirmed, confirm_dates
from ...ops.fields import deadline_problem, parse_deadline, typed_deadline
from ...safetext import visible
from .forms import Field, FormScreen


def dates_form(lw: LoadedWorkspace, lc: LoadedConsultation, today: dt.date) -> FormScreen:
    """The form over `lc` (which must load); it dismisses with a `DatesConfirmed` (its `message`
    says what was written), or None."""
    c = lc.model
    assert c is not None
    checked = f"last checked {c.checked.isoformat()}" if c.checked else "never checked"
    page = f"the organiser's page, {visible(c.url, one_line=True)}," if c.url else "the organiser's page"
    intro = (f"{visible(c.title, one_line=True)} ({visible(lc.file, one_line=True)}, {checked}). Open {page} and compare: "
             "saving marks the details checked today; a new deadline keeps the earlier one in its history.")
    fields = [
        Field("deadline", "Deadline", value=typed_deadline(c.deadline), required=True, check=deadline_problem,
              note="As the page gives it now, with its time zone: 2026-12-15 23:59 +01:00, … UTC or … Europe/Paris."),
    ]

    def submit(values: dict) -> DatesConfirmed:
        return confirm_dates(lw, lc, today, parse_deadline(str(values["deadline"])))

    return FormScreen("The consultation's dates", fields, submit, intro=intro, ok="Checked today", form_id="dates-form")
