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


def build_submission(ctx, results: dict | None = None) -> SubmissionDoc:
    """Compose every question of the consultation (in its order) into a SubmissionDoc.

    `ctx` is a `checks.DraftContext`; `results` (question id → AnswerResult) saves composing twice.
    """
    from .checks.answers import check_answer

    results = results or {}
    sections, seen, all_sources = [], set(), []
    for section in ctx.consultation.sections:
        answers = []
        for q in section.questions:
            r = results.get(q.id) or check_answer(ctx, q.id)
            sources: list[Source] = []
            for ci in r.composed.items:
                for src in ci.block.sources if ci.block else []:
                    key = (src.title, src.url)
                    if key not in {(s.title, s.url) for s in sources}:
                        sources.append(src)
                    if key not in seen:
                        seen.add(key)
                        all_sources.append(src)
            answers.append(AnswerDoc(q, r.composed.markdown, r.plain, r.words, r.chars, sources))
        sections.append(SectionDoc(section, answers))
    draft = ctx.draft
    return SubmissionDoc(
        consultation=ctx.consultation,
        draft=draft,
        respondent=draft.respondent,
        cosigners=list(draft.cosigners),
        sections=sections,
        date=draft.date or ctx.consultation.deadline.date(),
        sources=all_sources,
    )
