"""Checks: pure functions from loaded data (a `DraftContext`, `now`) to findings; no file I/O.

One module per family: `answers` (one target's answer, running `limits`, `items`, `text` and
`blocks` on it; `result` is what it gives), `draft` (the whole draft), `comments` (a document's
comments), `context` (what they work from). Loading files and gathering findings for `check` and
`lint` is `ops.check`'s job.
"""

from __future__ import annotations

from .answers import check_answer
from .blocks import stale_finding
from .context import DraftContext
from .draft import check_draft, deadline_findings
from .limits import limit_level
from .result import AnswerResult

__all__ = ["AnswerResult", "DraftContext", "check_answer", "check_draft", "deadline_findings", "limit_level", "stale_finding"]
