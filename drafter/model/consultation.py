"""A consultation: its details and deadline, the respondent fields and the submission the organiser asks for, and what it asks (sections of questions, topics, or a document's paragraphs)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from .base import ID_PATTERN, Strict
from .library import PhraseRule


class Limit(Strict):
    """A question's length limit: exactly one of words or chars."""

    words: Annotated[int, Field(gt=0)] | None = None
    """Maximum number of words."""
    chars: Annotated[int, Field(gt=0)] | None = None
    """Maximum number of characters (Unicode code points, line breaks count one)."""

    @model_validator(mode="after")
    def _exactly_one(self) -> "Limit":
        if (self.words is None) == (self.chars is None):
            raise ValueError("a limit gives exactly one of `words` or `chars`")
        return self

    @property
    def unit(self) -> Literal["words", "chars"]:
        return "words" if self.words is not None else "chars"

    @property
    def value(self) -> int:
        return self.words if self.words is not None else self.chars  # type: ignore[return-value]

    @property
    def text(self) -> str:
        """'500 words' or '2000 characters'."""
        return f"{self.value} {'words' if self.unit == 'words' else 'characters'}"


Where = Literal["document", "form", "both"]


class Question(Strict):
    """One numbered question of a consultation."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    id: str
    """Question id, unique in the consultation, e.g. "2.1" (quote it in YAML); drafts answer by it."""
    number: str | None = None
    """The label the organiser prints, e.g. "A", "F.1", "2 (a)"; default the id; "" prints none."""
    text: str
    """The question as asked."""
    guidance: str | None = None
    """The organiser's guidance for answering."""
    required: bool = False
    """Whether an answer is required."""
    limit: Limit | None = None
    """`{words: N}` or `{chars: N}`."""
    themes: list[str] = []
    """What the question is about, from the vocabulary."""
    kind: Literal["text", "choice"] = "text"
    """`text` (default) or `choice`."""
    choices: list[str] = []
    """The options of a `choice` question."""
    where: Where = Field("document", alias="in")
    """Where it is answered: `document` (default), `form` (the organiser's web form, left out of the
    attached document) or `both`."""
    parts: list[Question] = []
    """Sub-questions sharing this question's text as their preamble; only parts are answered, and
    this question's `limit`, if any, bounds all parts together."""


class Section(Strict):
    """A section of the questionnaire."""

    id: str
    """Section id, unique in the consultation."""
    title: str
    """Section heading."""
    intro: str | None = None
    """Text printed under the heading, before the questions."""
    questions: list[Question] = []
    """The section's questions, in order."""


class Topic(Strict):
    """What the organiser of a free-form consultation asks input on (guidance, not a question)."""

    id: str
    """Topic id."""
    title: str
    """Short title."""
    text: str | None = None
    """What the organiser says about it."""


class Paragraph(Strict):
    """A numbered paragraph of a document under review (a zero draft, a revision)."""

    id: str
    """The paragraph's number as the document prints it: "12", "PP3", "OP14"."""
    text: str
    """The paragraph's text."""
    section: str | None = None
    """The heading it stands under, if the document has headings."""


class DeadlineChange(Strict):
    """An earlier deadline and when it was changed."""

    deadline: dt.datetime
    """The earlier deadline (ISO 8601 with offset)."""
    changed: dt.date | None = None
    """When the organiser moved it."""


class RespondentRules(Strict):
    """What the organiser asks to know about the respondent."""

    required: list[str] = []
    """Respondent fields that must not be empty (e.g. name, organisation, country)."""


class Submission(Strict):
    """How the organiser takes submissions."""

    format: Literal["docx", "webform", "email"] = "docx"
    """docx (upload), webform (pasted per question) or email."""
    style: Literal["questionnaire", "letter"] = "questionnaire"
    """`questionnaire`: a cover table, then each question and its answer; `letter`: an addressee, a
    title "Comments of ORGANISATION on TITLE", the answers under their headings, a signature block."""
    max_pages: Annotated[int, Field(gt=0)] | None = None
    """Page limit for an uploaded document (checked on the rendered PDF: `over-pages`)."""
    limit: Limit | None = None
    """`{words: N}` or `{chars: N}` for the whole response (`over-total`)."""
    address: str | None = None
    """Where to send it: an e-mail address (`render --format eml` writes to it) or an upload page."""
    subject: str | None = None
    """The subject an e-mailed submission should carry."""
    notes: str | None = None
    """The organiser's instructions for submitting, shown in the UI and by `drafter consultations`."""


ConsultationKind = Literal["questionnaire", "free", "document"]


class Consultation(Strict):
    """A public consultation: its deadline, rules and what it asks (questions, topics or a document)."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Consultation id, referred to by drafts."""
    title: str
    """Title as the organiser gives it."""
    organiser: str
    """Who runs the consultation."""
    url: str | None = None
    """The consultation page."""
    language: str = "en"
    """Language of submissions (BCP 47)."""
    deadline: dt.datetime
    """Deadline, ISO 8601 with offset, e.g. 2025-07-15T23:59:00+02:00."""
    deadline_history: list[DeadlineChange] = []
    """Earlier deadlines, each with the date it changed."""
    checked: dt.date | None = None
    """When these details were last verified at the source."""
    respondent: RespondentRules = RespondentRules()
    """Respondent profile rules."""
    submission: Submission = Submission()
    """How to submit."""
    phrases: list[PhraseRule] = []
    """The organiser's own format rules, applied to every answer."""
    template: str | None = None
    """DOCX template for this consultation (path relative to the workspace's templates)."""
    kind: ConsultationKind = "questionnaire"
    """`questionnaire` (numbered questions in sections), `free` (no fixed questions: the draft brings
    its own sections) or `document` (a text under review, answered paragraph by paragraph)."""
    sections: list[Section] = []
    """The questionnaire (kind `questionnaire`)."""
    topics: list[Topic] = []
    """What the organiser asks input on (kind `free`), shown as guidance."""
    paragraphs: list[Paragraph] = []
    """The document's numbered paragraphs, in order (kind `document`)."""
    revision: str | None = None
    """Which version of the document this is (kind `document`), e.g. `zero-draft`, `rev1`."""

    @field_validator("deadline")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError("the deadline needs a UTC offset, e.g. 2025-07-15T23:59:00+02:00")
        return value

    @model_validator(mode="after")
    def _has_what_its_kind_needs(self) -> "Consultation":
        if self.kind == "questionnaire" and not self.sections:
            raise ValueError("a questionnaire needs `sections` with its questions (or set `kind: free`)")
        if self.kind == "document" and not self.paragraphs:
            raise ValueError("a document consultation needs `paragraphs`")
        return self
