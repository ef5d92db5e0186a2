"""The submission as renderers see it: a draft's answers composed, in the consultation's order.

Renderers (docx, md, txt) take a `SubmissionDoc` and nothing else, so they never load files, compose
blocks or check anything themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .model import Consultation, Cosigner, Draft, Question, Respondent, Section, Source


@dataclass
class AnswerDoc:
    """One question and its composed answer."""

    question: Question
    markdown: str  # composed Markdown ("" when unanswered)
    plain: str  # the plain text a reader sees (links as text)
    words: int
    chars: int
    sources: list[Source] = field(default_factory=list)  # sources of the blocks used, in order, unique


@dataclass
class SectionDoc:
    section: Section
    answers: list[AnswerDoc]


@dataclass
class SubmissionDoc:
    """Everything a renderer needs; `date` comes from the draft (its file's date), never the clock."""

    consultation: Consultation
    draft: Draft
    respondent: Respondent
    cosigners: list[Cosigner]
    sections: list[SectionDoc]
    date: dt.date
    sources: list[Source]  # every source once, in first-use order

    def answers(self) -> list[AnswerDoc]:
        return [a for s in self.sections for a in s.answers]
