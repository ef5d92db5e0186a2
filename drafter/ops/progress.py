"""Progress of every draft in a workspace: what is answered, what is required, what is wrong.

Invariant: the counts come from `run_check` (what `drafter check` reports), and "answered" means the
composed answer has text, the same rule the draft screen's question list uses; one broken draft
never hides the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..findings import count
from ..loaded import LoadedWorkspace
from .check import DraftCheck, UnusableInput, run_check


@dataclass
class DraftProgress:
    """One draft's progress (counts from its check), or why it cannot be checked."""

    path: Path
    name: str
    """The draft's path inside the drafts folder."""
    consultation: str
    answered: int = 0
    targets: int = 0
    required_answered: int = 0
    required: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    problem: str | None = None


def progress_of(check: DraftCheck, path: Path, name: str) -> DraftProgress:
    """The progress a checked draft shows."""
    targets = check.ctx.questionnaire.targets
    done = {tid for tid, r in check.results.items() if r.answered}
    counts = count(check.findings)
    return DraftProgress(
        path,
        name,
        check.ctx.consultation.id,
        answered=sum(t.id in done for t in targets),
        targets=len(targets),
        required_answered=sum(t.id in done for t in targets if t.required),
        required=sum(t.required for t in targets),
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
    )


def draft_progress(lw: LoadedWorkspace, now: dt.datetime) -> list[DraftProgress]:
    """Every draft of the workspace, in path order."""
    rows = []
    for path in lw.draft_paths():
        name = str(path.relative_to(lw.ws.drafts_dir))
        try:
            rows.append(progress_of(run_check(lw, path, now), path, name))
        except UnusableInput as exc:
            rows.append(DraftProgress(path, name, "?", problem=str(exc)))
        except Exception as exc:
            rows.append(DraftProgress(path, name, "?", problem=f"{type(exc).__name__}: {exc}"))
    return rows
