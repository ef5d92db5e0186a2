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

COVER_LABELS = {
    "name": "Name",
    "role": "Role",
    "organisation": "Organisation",
    "stakeholder_group": "Stakeholder group",
    "country": "Country",
    "region": "Region",
    "email": "E-mail",
    "capacity": "Capacity",
}
ALWAYS_SHOWN = ("organisation", "stakeholder_group", "country")
"""Printed when filled even if the consultation does not ask for them."""
CAPACITY = {"organisation": "On behalf of the organisation", "individual": "In an individual capacity"}


def _label(name: str) -> str:
    return COVER_LABELS.get(name) or name.replace("_", " ").capitalize()


def _text(name: str, value: object) -> str:
    if value is None:
        return ""
    if name == "capacity":
        return CAPACITY.get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return " ".join(str(value).split())


def cover_rows(
    respondent: Respondent, required: list[str], cosigners: list[Cosigner], date_text: str, *, only_required: bool = False
) -> list[tuple[str, str]]:
    """The cover's (label, value) rows, in the order printed (see `SubmissionDoc.cover`); a letter's
    head (`only_required`) has just the fields the consultation asks for."""
    values = respondent.model_dump()
    wanted = [n for n in RESPONDENT_FIELDS if n in required or (n in ALWAYS_SHOWN and not only_required)]
    wanted += [n for n in required if n not in wanted]
    rows = [(_label(n), _text(n, values.get(n))) for n in wanted if n != "consent_to_publish"]
    signers = "; ".join(c.organisation + (f" ({c.country})" if c.country else "") for c in cosigners)
    rows += [("Date", date_text), ("Co-signers", signers)] if not only_required else []
    return [(label, value) for label, value in rows if value]


def consent_statement(organisation: str | None, consent: bool | None) -> str:
    """The sentence printed on the cover about publication."""
    who = organisation or "The respondent"
    if consent is True:
        return f"{who} consents to the publication of this response."
    if consent is False:
        return f"{who} does not consent to the publication of this response."
    return "Consent to publication: not stated."


def written_date(date: dt.date, language: str) -> str:
    """The date written out in `language` ("5 July 2023"; English as the UN writes it)."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    locale = "en_GB" if language.split("-")[0] == "en" else language.replace("-", "_")
    try:
        return format_date(date, format="long", locale=locale)
    except (UnknownLocaleError, ValueError):
        return format_date(date, format="long", locale="en_GB")


def letter_parts(consultation: Consultation, respondent: Respondent, cosigners: list[Cosigner]) -> Letter:
    organisation = respondent.organisation or respondent.name or "the respondent"
    signature = [line for line in (respondent.name, respondent.role, respondent.organisation) if line]
    if cosigners:
        signature.append("Co-signed by " + "; ".join(c.organisation + (f" ({c.country})" if c.country else "") for c in cosigners))
    return Letter(
        addressee=[consultation.organiser, consultation.title],
        title=f"Comments of {organisation} on {consultation.title}",
        closing="Yours sincerely,",
        signature=signature,
    )


# --------------------------------------------------------------------------- building


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


def _failed(answer: Answer) -> list[str]:
    """A mark for each item that could not be composed."""
    out = []
    for ci in answer.composed.items:
        if ci.markdown is None:
            what = getattr(ci.item, "block", "an item")
            why = ci.findings[0].message if ci.findings else "it could not be composed"
            out.append(f"[not included: block '{what}' — {' '.join(why.split())}]")
    return out


def build_submission(response: Response, answers: dict[str, Answer], *, guidance: bool = False) -> SubmissionDoc:
    """Every target of the response, in its order, with its composed answer from `answers` (target id
    → Answer, as the checks composed them); a target missing from `answers` is unanswered."""
    questionnaire, draft = response.questionnaire, response.draft
    consultation = questionnaire.consultation
    seen: set[tuple[str, str | None]] = set()
    every: list[Source] = []
    sections = []
    preambled: set[str] = set()
    for heading in questionnaire.headings:
        docs = []
        for target in questionnaire.under(heading):
            answer = answers.get(target.id)
            if answer is None:
                doc = AnswerDoc(target, "", "", 0, 0)
            else:
                own = _sources(answer, seen, every)
                doc = AnswerDoc(target, answer.markdown, answer.plain, answer.words, answer.chars, own, failed=_failed(answer))
            doc.in_document = target.in_document and (doc.answered or target.required or bool(doc.failed))
            if doc.in_document and target.parent is not None and target.parent.id not in preambled:
                preambled.add(target.parent.id)
                doc.preamble = target.parent
            docs.append(doc)
        sections.append(SectionDoc(heading, docs))
    date = draft.date or consultation.deadline.date()
    date_text = written_date(date, consultation.language)
    style = consultation.submission.style
    required = consultation.respondent.required
    consent = consent_statement(draft.respondent.organisation, draft.respondent.consent_to_publish)
    consent_known = draft.respondent.consent_to_publish is not None or "consent_to_publish" in required
    return SubmissionDoc(
        consultation=consultation,
        draft=draft,
        respondent=draft.respondent,
        cosigners=list(draft.cosigners),
        sections=sections,
        date=date,
        sources=every,
        cover=cover_rows(draft.respondent, required, list(draft.cosigners), date_text, only_required=style == "letter"),
        consent=consent if style != "letter" or consent_known else "",
        guidance=guidance,
        style=style,
        date_text=date_text,
        letter=letter_parts(consultation, draft.respondent, list(draft.cosigners)) if style == "letter" else None,
        comments=comment_docs(consultation, draft, answers) if consultation.kind == "document" else None,
    )
