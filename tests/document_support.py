"""A workspace with a `document` consultation (a WSIS+20 outcome document, zero draft) and a draft
commenting on it with every action, for the document tests (tests/data/document/)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from drafter.init import init_workspace

DATA = Path(__file__).parent / "data" / "document"
ZERO_DRAFT = DATA / "wsis20-zero-draft.yaml"
REV1 = DATA / "wsis20-zero-draft-rev1.yaml"
DRAFT = DATA / "draft.yaml"
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
NOW_ENV = {"DRAFTER_NOW": NOW.isoformat()}
CONSULTATION_NAME = "wsis20-outcome.yaml"
DRAFT_NAME = "outcome-comments.yaml"


def document_workspace(root: Path) -> Path:
    """The sample workspace (its library at positions/) with the zero draft in consultations/ and
    the draft in drafts/; returns the draft's path."""
    init_workspace(root, sample=True)
    shutil.copyfile(ZERO_DRAFT, root / "consultations" / CONSULTATION_NAME)
    draft = root / "drafts" / DRAFT_NAME
    shutil.copyfile(DRAFT, draft)
    return draft


def publish_rev1(root: Path) -> None:
    """The organiser's next revision replaces the zero draft (same consultation id)."""
    shutil.copyfile(REV1, root / "consultations" / CONSULTATION_NAME)
