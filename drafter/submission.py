"""The submission as renderers see it: a draft's response composed, in the consultation's order,
with the cover (or letter head) it prints.

Invariant: renderers (docx, md, txt) take a `SubmissionDoc` and nothing else, so they never load
files, compose blocks or check anything themselves; what the document says — which answers it
prints, the cover's rows, the consent sentence, the letter's head and signature, dates written out
in the consultation's language — is decided here once, and a renderer only lays it out.

What a document prints (SPEC): every answer meant for the document (`in: document` or `both`) that
has text, a required one without text (marked, so the gap shows), never an unanswered optional one
or one answered only in the organiser's web form; guidance only when asked (`--guidance`). The
plain-text output is the web form's view and prints every question (`web_form_answers`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .amendments import CommentDoc, comment_docs
from .compose import Answer
from .labels import ENGLISH, Labels, labels_for
from .library import primary_language
from .model import RESPONDENT_FIELDS, Consultation, Cosigner, Draft, Respondent, Source
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
    in_document: bool = True
    """Printed in the document (DOCX, Markdown); the web-form text prints every answer."""
    preamble: Target | None = None
    """For the first printed part of a question: the question, printed once above its parts."""
    failed: list[str] = field(default_factory=list)
    """Items that could not be composed (shown as marks with `render --force`, never dropped silently)."""
    languages: list[tuple[str | None, str]] = field(default_factory=list)
    """When some item is in another language than the consultation's (a block without a translation):
    the answer's Markdown cut where the language changes, as (language, Markdown) — None for the
    consultation's own — joined by a blank line they give `markdown`; empty when it is all in the
    consultation's language."""

    @property
    def answered(self) -> bool:
        return bool(self.markdown.strip())


@dataclass
class SectionDoc:
    """A heading and the answers under it."""

    heading: Heading
    answers: list[AnswerDoc]

    @property
    def printed(self) -> list[AnswerDoc]:
        """The answers the document prints."""
        return [a for a in self.answers if a.in_document]


@dataclass
class Letter:
    """What a letter-style submission prints around the answers."""

    addressee: list[str]
    """The lines it is addressed to (the organiser, the consultation)."""
    title: str
    """"Comments of ORGANISATION on TITLE"."""
    closing: str
    signature: list[str]
    """Name, role, organisation — the lines under the closing."""


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
    """The cover's (label, value) rows, in the order printed: the respondent fields the consultation
    asks for, the organisation, its stakeholder group and country when given, the date, co-signers."""
    consent: str = ""
    """The sentence on whether the organiser may publish the response ("" in a letter that neither
    states nor is asked for it)."""
    guidance: bool = False
    """Print the organiser's guidance under each question (`render --guidance`)."""
    style: str = "questionnaire"
    """`questionnaire` (a cover, then each question and its answer) or `letter`."""
    date_text: str = ""
    """The date written out in the consultation's language ("5 July 2023", "5 juillet 2023")."""
    letter: Letter | None = None
    source_languages: list[str | None] = field(default_factory=list)
    """Beside `sources`: the language of the item that first cited each (None: the consultation's),
    so that the references list prints an English block's source as an English paragraph."""
    labels: Labels = ENGLISH
    """drafter's own wording in the consultation's language (`labels.labels_for`)."""
    comments: list[CommentDoc] | None = None
    """A document consultation's comments, in the document's order (None for other kinds): the
    renderers print these (a table of proposed changes, or the redline) instead of `sections`."""

    def answers(self) -> list[AnswerDoc]:
        """Every answer, printed or not."""
        return [a for s in self.sections for a in s.answers]

    def printed_sections(self) -> list[SectionDoc]:
        """The sections with something to print, each with only its printed answers."""
        return [SectionDoc(s.heading, s.printed) for s in self.sections if s.printed]

    def web_form_answers(self) -> list[AnswerDoc]:
        """Every answer, as a web form takes them (the plain-text output)."""
        return self.answers()


# --------------------------------------------------------------------------- the cover

COVER_FIELDS = ("name", "role", "organisation", "stakeholder_group", "country", "region", "email", "capacity")
"""The respondent fields the labels table names (`labels.EN`); any other field is labelled from its key."""
ALWAYS_SHOWN = ("organisation", "stakeholder_group", "country")
"""Printed when filled even if the consultation does not ask for them."""


def _label(name: str, labels: Labels) -> str:
    return labels(name) if name in COVER_FIELDS else name.replace("_", " ").capitalize()


def _text(name: str, value: object, labels: Labels) -> str:
    if value is None:
        return ""
    if name == "capacity" and str(value) in ("organisation", "individual"):
        return labels(f"capacity_{value}")
    if isinstance(value, bool):
        return labels("yes") if value else labels("no")
    return " ".join(str(value).split())


def cosigner_list(cosigners: list[Cosigner], labels: Labels = ENGLISH) -> str:
    """The co-signing organisations on one line ("ISOC Chapter (RU); Open IXP")."""
    return labels("list_separator").join(c.organisation + (f" ({c.country})" if c.country else "") for c in cosigners)


def cover_rows(
    respondent: Respondent, required: list[str], cosigners: list[Cosigner], date_text: str, *, only_required: bool = False,
    labels: Labels = ENGLISH,
) -> list[tuple[str, str]]:
    """The cover's (label, value) rows, in the order printed (see `SubmissionDoc.cover`); a letter's
    head (`only_required`) has just the fields the consultation asks for."""
    values = respondent.model_dump()
    wanted = [n for n in RESPONDENT_FIELDS if n in required or (n in ALWAYS_SHOWN and not only_required)]
    wanted += [n for n in required if n not in wanted]
    rows = [(_label(n, labels), _text(n, values.get(n), labels)) for n in wanted if n != "consent_to_publish"]
    rows += [(labels("date"), date_text), (labels("cosigners"), cosigner_list(cosigners, labels))] if not only_required else []
    return [(label, value) for label, value in rows if value]


def consent_statement(organisation: str | None, consent: bool | None, labels: Labels = ENGLISH) -> str:
    """The sentence printed on the cover about publication."""
    if consent is None:
        return labels("consent_unknown")
    key = "consent_yes" if consent else "consent_no"
    return labels(key, who=organisation) if organisation else labels(key + "_unnamed")


def written_date(date: dt.date, language: str) -> str:
    """The date written out in `language` ("5 July 2023"; English as the UN writes it)."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    locale = "en_GB" if language.split("-")[0] == "en" else language.replace("-", "_")
    try:
        return format_date(date, format="long", locale=locale)
    except (UnknownLocaleError, ValueError):
        return format_date(date, format="long", locale="en_GB")


def letter_parts(consultation: Consultation, respondent: Respondent, cosigners: list[Cosigner], labels: Labels = ENGLISH) -> Letter:
    organisation = respondent.organisation or respondent.name or labels("respondent")
    signature = [line for line in (respondent.name, respondent.role, respondent.organisation) if line]
    if cosigners:
        signature.append(labels("cosigned_by", cosigners=cosigner_list(cosigners, labels)))
    title = labels("letter_title", organisation=organisation, title=consultation.title)
    return Letter(
        addressee=[consultation.organiser, consultation.title],
        title=title[:1].upper() + title[1:],
        closing=labels("closing"),
        signature=signature,
    )


# --------------------------------------------------------------------------- building


def _sources(answer: Answer, seen: set[tuple[str, str | None]], every: list[Source], languages: list[str | None] | None = None,
             language: str = "en") -> list[Source]:
    """The answer's sources, each once, in order; new ones are added to `every` too, and to
    `languages` the language of the item that cited it (None: the consultation's, `language`)."""
    own: list[Source] = []
    mine: set[tuple[str, str | None]] = set()
    for ci in answer.composed.items:
        if ci.block is None:
            continue
        lang = ci.language if ci.language and primary_language(ci.language) != primary_language(language) else None
        for src in ci.block.sources:
            key = (src.title, src.url)
            if key not in mine:
                mine.add(key)
                own.append(src)
            if key not in seen:
                seen.add(key)
                every.append(src)
                if languages is not None:
                    languages.append(lang)
    return own


def _failed(answer: Answer) -> list[str]:
    """A mark for each item that could not be composed."""
    return [mark for ci in answer.composed.items if (mark := ci.failed_mark)]


def language_parts(answer: Answer, language: str) -> list[tuple[str | None, str]]:
    """The answer's Markdown cut where the language of its items changes (see `AnswerDoc.languages`):
    a block item is in the language it was composed in, the respondent's own text and choices in
    the consultation's; [] when every item is in the consultation's language."""
    own = primary_language(language)
    parts: list[tuple[str | None, str]] = []
    for ci, part in answer.composed.parts():
        lang = ci.language if ci.block is not None and ci.language and primary_language(ci.language) != own else None
        if parts and parts[-1][0] == lang:
            parts[-1] = (lang, parts[-1][1] + "\n\n" + part)
        else:
            parts.append((lang, part))
    if not any(lang is not None for lang, _ in parts) or "\n\n".join(md for _, md in parts) != answer.markdown:
        return []  # (all in one language, or an answer not made by `compose`: printed as one)
    return parts


def build_submission(response: Response, answers: dict[str, Answer], *, guidance: bool = False) -> SubmissionDoc:
    """Every target of the response, in its order, with its composed answer from `answers` (target id
    → Answer, as the checks composed them); a target missing from `answers` is unanswered."""
    questionnaire, draft = response.questionnaire, response.draft
    consultation = questionnaire.consultation
    seen: set[tuple[str, str | None]] = set()
    every: list[Source] = []
    source_languages: list[str | None] = []
    sections = []
    preambled: set[str] = set()
    for heading in questionnaire.headings:
        docs = []
        for target in questionnaire.under(heading):
            answer = answers.get(target.id)
            if answer is None:
                doc = AnswerDoc(target, "", "", 0, 0)
            else:
                own = _sources(answer, seen, every, source_languages, consultation.language)
                doc = AnswerDoc(target, answer.markdown, answer.plain, answer.words, answer.chars, own, failed=_failed(answer),
                                languages=language_parts(answer, consultation.language))
            doc.in_document = target.in_document and (doc.answered or target.required or bool(doc.failed))
            if doc.in_document and target.parent is not None and target.parent.id not in preambled:
                preambled.add(target.parent.id)
                doc.preamble = target.parent
            docs.append(doc)
        sections.append(SectionDoc(heading, docs))
    date = draft.date or consultation.deadline.date()
    date_text = written_date(date, consultation.language)
    labels = labels_for(consultation.language)
    style = consultation.submission.style
    required = consultation.respondent.required
    consent = consent_statement(draft.respondent.organisation, draft.respondent.consent_to_publish, labels)
    consent_known = draft.respondent.consent_to_publish is not None or "consent_to_publish" in required
    return SubmissionDoc(
        consultation=consultation,
        draft=draft,
        respondent=draft.respondent,
        cosigners=list(draft.cosigners),
        sections=sections,
        date=date,
        sources=every,
        source_languages=source_languages,
        cover=cover_rows(draft.respondent, required, list(draft.cosigners), date_text, only_required=style == "letter", labels=labels),
        consent=consent if style != "letter" or consent_known else "",
        guidance=guidance,
        style=style,
        date_text=date_text,
        letter=letter_parts(consultation, draft.respondent, list(draft.cosigners), labels) if style == "letter" else None,
        labels=labels,
        comments=comment_docs(consultation, draft, answers, labels) if consultation.kind == "document" else None,
    )
