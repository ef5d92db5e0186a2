"""Checks: pure functions from loaded data (a `DraftContext`, `now`) to findings; no file I/O.

One module per family: `answers` (one target's answer), `draft` (the whole draft), `context` (what
they work from). Loading files and gathering findings for `check` and `lint` is `ops.check`'s job.
"""

from __future__ import annotations

from .answers import AnswerResult, check_answer, limit_level, stale_finding
from .context import DraftContext
from .draft import check_draft, deadline_findings

__all__ = ["AnswerResult", "DraftContext", "check_answer", "check_draft", "deadline_findings", "limit_level", "stale_finding"]
