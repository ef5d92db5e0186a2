"""The submission as renderers see it: a draft's response composed, in the consultation's order,
with the cover it prints.

Invariant: renderers (docx, md, txt) take a `SubmissionDoc` and nothing else, so they never load
files, compose blocks or check anything themselves; what the document says (the cover's rows, the
consent sentence, each answer and its sources) is decided here once, and a renderer only lays it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .compose import Answer
from .model import Consultation, Cosigner, Draft, Respondent, Source
from .questionnaire import Heading, Response, Target


@dataclass
class AnswerDoc:
    """One target and its composed answer."""

    target: Target
    markdown: str  # composed Markdown ("" when unanswered)
    plain: str  # the plain text a reader sees (links as text)
    words: int
    chars: int
    sources: list[Source] = field(default_factory=list)  # sources of the blocks used, in order, unique


@dataclass
class SectionDoc:
    """A heading and the answers under it."""

    heading: Heading
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
    cover: list[tuple[str, str]] = field(default_factory=list)
    """The cover's (label, value) rows that have a value, in the order printed."""
    consent: str = ""
    """The sentence on whether the organiser may publish the response."""
    guidance: bool = False
    """Print the organiser's guidance under each question (`render --guidance`)."""

    def answers(self) -> list[AnswerDoc]:
        return [a for s in self.sections for a in s.answers]


def consent_statement(organisation: str | None, consent: bool | None) -> str:
    """The sentence printed on the cover about publication."""
    who = organisation or "The respondent"
    if consent is True:
        return f"{who} consents to the publication of this response."
    if consent is False:
        return f"{who} does not consent to the publication of this response."
    return "Consent to publication: not stated."


def cover_rows(respondent: Respondent, cosigners: list[Cosigner], date: dt.date) -> list[tuple[str, str]]:
    """The cover's (label, value) rows that have a value, in the order printed."""
    signers = "; ".join(c.organisation + (f" ({c.country})" if c.country else "") for c in cosigners)
    rows = [
        ("Organisation", respondent.organisation or ""),
        ("Stakeholder group", respondent.stakeholder_group or ""),
        ("Country", respondent.country or ""),
        ("Date", date.isoformat()),
        ("Co-signers", signers),
    ]
    return [(label, value) for label, value in rows if value]


def _sources(answer: Answer, seen: set[tuple[str, str | None]], every: list[Source]) -> list[Source]:
    """The answer's sources, each once, in order; new ones are added to `every` too."""
    own: list[Source] = []
    mine: set[tuple[str, str | None]] = set()
    for block in answer.composed.blocks():
        for src in block.sources:
            key = (src.title, src.url)
            if key not in mine:
                mine.add(key)
                own.append(src)
            if key not in seen:
                seen.add(key)
                every.append(src)
    return own


def build_submission(response: Response, answers: dict[str, Answer], *, guidance: bool = False) -> SubmissionDoc:
    """Every target of the response, in its order, with its composed answer from `answers` (target id
    → Answer, as the checks composed them); a target missing from `answers` prints as unanswered."""
    questionnaire, draft = response.questionnaire, response.draft
    consultation = questionnaire.consultation
    seen: set[tuple[str, str | None]] = set()
    every: list[Source] = []
    sections = []
    for heading in questionnaire.headings:
        docs = []
        for target in questionnaire.under(heading):
            answer = answers.get(target.id)
            if answer is None:
                docs.append(AnswerDoc(target, "", "", 0, 0))
                continue
            own = _sources(answer, seen, every)
            docs.append(AnswerDoc(target, answer.markdown, answer.plain, answer.words, answer.chars, own))
        sections.append(SectionDoc(heading, docs))
    date = draft.date or consultation.deadline.date()
    return SubmissionDoc(
        consultation=consultation,
        draft=draft,
        respondent=draft.respondent,
        cosigners=list(draft.cosigners),
        sections=sections,
        date=date,
        sources=every,
        cover=cover_rows(draft.respondent, list(draft.cosigners), date),
        consent=consent_statement(draft.respondent.organisation, draft.respondent.consent_to_publish),
        guidance=guidance,
    )
