"""A consultation's dates as the organiser's page now gives them: a deadline that moved (the earlier
one kept in `deadline_history` with the day it changed) and `checked` set to today, the day the
details were verified at the source — the fix of `deadline-passed` and `unchecked-consultation`.

Invariant: the consultation file is edited in place (ruamel round-trip: comments, key order and the
other keys kept), under the writers' lock, from what the file says when the lock is held (not from
what was loaded earlier), and written atomically only when the whole still loads as a
`Consultation`. A consultation a shared library (a git clone, `drafter library add`) carries is
refused: its maintainers keep it, and a sync brings their change; the workspace's own libraries'
consultations are the user's to date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..consultation import LoadedConsultation
from ..loaded import LoadedWorkspace
from ..model import Consultation
from ..safetext import visible
from ..yamlio import dump_roundtrip, load_roundtrip, plain_data, timestamp
from ..yamlio.lock import locked
from .fields import typed_deadline


class DatesRefused(ValueError):
    """The consultation's dates cannot be written (one line naming the file and why)."""


@dataclass(frozen=True)
class DatesConfirmed:
    """What `confirm_dates` wrote."""

    file: str
    moved_from: dt.datetime | None
    """The earlier deadline, when the deadline moved (it is now the last of `deadline_history`)."""
    deadline: dt.datetime

    @property
    def message(self) -> str:
        """What the UI and `drafter dates` say once the dates are written."""
        file = visible(self.file, one_line=True)
        if self.moved_from is not None:
            return f"Deadline moved to {typed_deadline(self.deadline)} (was {typed_deadline(self.moved_from)}); details checked today ({file})."
        return f"Details checked today; the deadline stays {typed_deadline(self.deadline)} ({file})."


def shared_library(lw: LoadedWorkspace, consultation: LoadedConsultation) -> str | None:
    """The namespace of the shared library (a git clone) that carries `consultation`, if one does."""
    if consultation.library is None:
        return None
    lib = next((lib for lib in lw.index.libraries if lib.namespace == consultation.library), None)
    return consultation.library if lib is not None and lib.ref is not None and lib.ref.source else None


def confirm_dates(lw: LoadedWorkspace, consultation: LoadedConsultation, today: dt.date, deadline: dt.datetime | None = None) -> DatesConfirmed:
    """Set the consultation's `checked` to `today` and, when `deadline` differs from the file's,
    make it the deadline (the earlier one goes to `deadline_history`, changed `today`)."""
    shown = consultation.file
    shared = shared_library(lw, consultation)
    if shared is not None:
        raise DatesRefused(f"{shown} comes from the shared library '{shared}': its maintainers keep its dates, "
                           "and a sync brings their change")
    if deadline is not None and deadline.utcoffset() is None:
        raise DatesRefused("the deadline needs a time zone")
    path = consultation.path
    with locked(path):
        try:
            data = load_roundtrip(path)
        except (OSError, YAMLError, UnicodeDecodeError, ValueError) as exc:
            raise DatesRefused(f"{shown} cannot be read: {' '.join(str(exc).split())}") from None
        if not isinstance(data, CommentedMap):
            raise DatesRefused(f"{shown} is not a consultation (not a mapping)")
        current = _valid(data, shown).deadline
        moved = deadline is not None and deadline != current
        if moved:
            assert deadline is not None
            history = data.get("deadline_history")
            if not isinstance(history, list):
                history = CommentedSeq()
                _put_after(data, "deadline_history", history, "deadline")
            history.append(CommentedMap([("deadline", timestamp(current)), ("changed", _copy(today))]))
            data["deadline"] = timestamp(deadline)
        _put_after(data, "checked", _copy(today), "deadline_history" if "deadline_history" in data else "deadline")
        _valid(data, shown)
        dump_roundtrip(data, path)
    return DatesConfirmed(shown, current if moved else None, deadline if moved and deadline is not None else current)


def _valid(data: CommentedMap, shown: str) -> Consultation:
    try:
        return Consultation.model_validate(plain_data(data))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise DatesRefused(f"{shown}: not written, it does not load ({where}: {error['msg']}); `drafter lint` says more") from None


def _put_after(data: CommentedMap, key: str, value: object, after: str) -> None:
    """Set `key`, or insert it after the key `after` when it is new (at the end without `after`)."""
    if key in data:
        data[key] = value
        return
    keys = list(data.keys())
    data.insert(keys.index(after) + 1 if after in keys else len(keys), key, value)


def _copy(day: dt.date) -> dt.date:
    """A date object of its own: YAML writes one object used twice as an anchor and an alias."""
    return dt.date(day.year, day.month, day.day)
