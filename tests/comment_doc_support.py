"""A small document consultation (a zero draft with three numbered paragraphs) and an empty draft of
it, written into a copy of the sample workspace, for the comment tests of the session and the UI (no
tests here). (tests/document_support.py is another set, built on tests/data/document/.)"""

from __future__ import annotations

from pathlib import Path

CONSULTATION = """\
id: zero-draft
title: Zero draft of the outcome document
organiser: Co-facilitators
language: en
deadline: 2026-12-20T23:59:00+00:00
checked: 2026-11-25
kind: document
revision: zero-draft
submission:
  format: docx
paragraphs:
  - id: PP1
    section: Preamble
    text: Recalling the Tunis Agenda for the Information Society,
  - id: OP1
    section: Operative
    text: Decides to renew the mandate of the Internet Governance Forum for ten years.
  - id: OP2
    section: Operative
    text: Calls upon governments to lead the governance of the Internet.
"""

DRAFT = """\
consultation: zero-draft
date: 2026-11-30
respondent:
  name: Ana Ruiz
  organisation: Example ccTLD
# one comment per paragraph
comments: []
"""

OP1 = "Decides to renew the mandate of the Internet Governance Forum for ten years."
DRAFT_PATH = Path("drafts") / "zero-response.yaml"
CONSULTATION_PATH = Path("consultations") / "zero-draft.yaml"


def document_workspace(ws: Path, draft: str = DRAFT) -> Path:
    """Put the document consultation and its draft into workspace `ws`; returns the draft's path."""
    (ws / CONSULTATION_PATH).write_text(CONSULTATION, encoding="utf-8")
    (ws / DRAFT_PATH).write_text(draft, encoding="utf-8")
    return ws / DRAFT_PATH


def revise(ws: Path, old: str, new: str) -> None:
    """A new revision of the document: paragraph text `old` becomes `new` on disk."""
    path = ws / CONSULTATION_PATH
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
