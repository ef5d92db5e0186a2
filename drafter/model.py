"""Pydantic models of every file kind drafter reads: block, library, consultation, draft, workspace.

Invariant: every model forbids unknown keys (a typo is a finding, never silently ignored), and every
field carries a docstring, which becomes its JSON Schema description (`drafter schema`, read from this
file's source by `schema.field_docs` only when a schema is asked for: pydantic's own docstring
extraction parses the module once per class, which would cost every command ~50 ms at start-up).
The one exception is the respondent profile, which takes any extra field a consultation asks for.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
NAMESPACE_PATTERN = r"^[a-z0-9-]+$"
DEFAULT_REVIEW_DAYS = 180


class Strict(BaseModel):
    """Base for drafter's file models: unknown keys are errors; docstrings become descriptions."""

    model_config = ConfigDict(extra="forbid", frozen=False, defer_build=True)


# --------------------------------------------------------------------------- blocks and libraries


class Source(Strict):
    """A reference a block rests on; rendered once in the submission's references list."""

    title: str
    """What the source is called, as a reader would cite it."""
    url: str | None = None
    """Where to read it (https://…)."""


class Translation(Strict):
    """A block's text in another language."""

    title: str | None = None
    """The title in this language (default: the block's own)."""
    body: str
    """The body in this language (Markdown with placeholders)."""
    short: str | None = None
    """The short variant in this language."""


class Block(Strict):
    """A reusable, reviewed position: one file `<id>.yaml` anywhere under a library folder."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Lower-case id (`a-z`, `0-9`, `-`), unique in its library; the file name should be `<id>.yaml`."""
    title: str
    """One-line title shown in lists."""
    summary: str | None = None
    """One or two sentences, shown in lists and previews."""
    themes: Annotated[list[str], Field(min_length=1)]
    """One or more theme ids from the library's vocabulary."""
    tags: list[str] = []
    """Free labels, e.g. `wsis:C1`…`wsis:C11`, `sdg:9`, `gdc`."""
    body: str
    """Markdown with Jinja placeholders such as `{{ respondent.organisation }}`."""
    short: str | None = None
    """A shorter variant of body, for tight limits."""
    owner: str | None = None
    """Who maintains this block."""
    reviewed: dt.date | None = None
    """Date of the last review (YYYY-MM-DD)."""
    review_every_days: Annotated[int, Field(gt=0)] | None = None
    """Review interval in days; default from the library, else 180."""
    sources: list[Source] = []
    """References, each `{title, url}`."""
    language: str = "en"
    """BCP 47 language tag of `title`, `body` and `short`."""
    translations: dict[str, Translation] = {}
    """The same position in other languages: BCP 47 tag → `{title, body, short}`."""


class Theme(Strict):
    """One entry of a library's theme vocabulary."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Theme id used in blocks' and questions' `themes`."""
    label: str
    """Human label shown in the UI."""
    description: str | None = None
    """What the theme covers."""


class PhraseRule(Strict):
    """A regular-expression rule applied to every composed answer (Markdown, so link URLs are seen)."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Rule id, shown in findings."""
    severity: Literal["error", "warning", "info"] = "warning"
    """Severity of each match."""
    message: str
    """What is wrong, shown with each match."""
    hint: str | None = None
    """How to put it right (e.g. state a positive proposal instead)."""
    patterns: Annotated[list[str], Field(min_length=1)]
    """Python regular expressions; each match is one finding."""
    ignore_case: bool = False
    """Match case-insensitively."""


class Library(Strict):
    """A library's `library.yaml`: its name, namespace, vocabulary and phrase rules."""

    name: str
    """Human name of the library."""
    namespace: Annotated[str, Field(pattern=NAMESPACE_PATTERN)]
    """Short prefix for `namespace/id` references."""
    description: str | None = None
    """What the library is for and who keeps it."""
    maintainers: list[str] = []
    """Who maintains it (names or addresses)."""
    review_every_days: Annotated[int, Field(gt=0)] = DEFAULT_REVIEW_DAYS
    """Default review interval for its blocks."""
    themes: list[Theme] = []
    """The theme vocabulary."""
    phrases: list[PhraseRule] = []
    """Phrase rules applied to every answer that uses this library."""
    languages: list[str] = ["en"]
    """The languages its blocks are kept in (BCP 47); `lint` names blocks missing one."""
    words: list[str] = []
    """Accepted spellings: names, acronyms, terms of art."""


# --------------------------------------------------------------------------- consultations


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


# --------------------------------------------------------------------------- drafts


class Respondent(BaseModel):
    """Who is responding. Any further field the consultation requires may be added."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    name: str | None = None
    """Contact person (and the signature of a letter)."""
    role: str | None = None
    """The contact person's role or title, e.g. Policy Director (signs a letter under the name)."""
    organisation: str | None = None
    """Responding organisation."""
    stakeholder_group: str | None = None
    """e.g. Technical community, Civil society, Private sector, Government."""
    country: str | None = None
    """Country of the organisation."""
    region: str | None = None
    """Region, e.g. Africa, Asia-Pacific, Latin America and the Caribbean."""
    email: str | None = None
    """Contact address."""
    capacity: Literal["individual", "organisation"] | None = None
    """Whether the response is made in an individual capacity or on behalf of the organisation."""
    consent_to_publish: bool | None = None
    """Whether the organiser may publish the response."""


RESPONDENT_FIELDS: tuple[str, ...] = tuple(Respondent.model_fields)
"""The respondent fields every draft starts with (a consultation may ask for more)."""


class Cosigner(Strict):
    """An organisation that co-signs the response."""

    organisation: str
    """Co-signing organisation."""
    country: str | None = None
    """Its country."""


class BlockItem(Strict):
    """An answer item taken from a library block."""

    block: Annotated[str, Field(pattern=r"^([a-z0-9-]+/)?[a-z0-9][a-z0-9-]*$")]
    """Block reference: `id`, or `namespace/id` where two libraries share an id."""
    pinned: Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")] | None = None
    """First 12 hex digits of the sha256 of the block's content when inserted."""
    variant: Literal["body", "short"] = "body"
    """Which text of the block to use."""


class TextItem(Strict):
    """An answer item in the respondent's own words."""

    text: str
    """Markdown."""


class ChoiceItem(Strict):
    """The selected option of a `choice` question."""

    choice: str
    """One of the question's choices."""


def _item_kind(value: object) -> str | None:
    """Which item kind a raw mapping is, by its key, so that errors speak of one kind only."""
    if isinstance(value, BaseModel):
        return {BlockItem: "block", TextItem: "text", ChoiceItem: "choice"}.get(type(value))
    if isinstance(value, dict):
        for key in ("block", "text", "choice"):
            if key in value:
                return key
    return None


Item = Annotated[
    Annotated[BlockItem, Tag("block")] | Annotated[TextItem, Tag("text")] | Annotated[ChoiceItem, Tag("choice")],
    Discriminator(
        _item_kind,
        custom_error_type="item_kind",
        custom_error_message="an answer item is {block: ID}, {text: MARKDOWN} or {choice: VALUE}",
    ),
]


class DraftSection(Strict):
    """A section of a free-form response: the respondent's own heading and its items."""

    id: str
    """Section id, unique in the draft."""
    title: str
    """The heading printed in the submission."""
    limit: Limit | None = None
    """A length limit the respondent sets for this section."""
    items: list[Item] = []
    """The section's items, composed in order."""


CommentAction = Literal["amend", "delete", "insert-after", "comment"]


class Comment(Strict):
    """A comment on one paragraph of a document consultation."""

    paragraph: str
    """Id of the paragraph commented on."""
    action: CommentAction = "comment"
    """`amend` (text = the paragraph as proposed), `delete`, `insert-after` (text = a new paragraph)
    or `comment` (rationale only)."""
    text: str | None = None
    """The proposed text (for `amend` and `insert-after`)."""
    rationale: list[Item] = []
    """Why: items composed in order, like an answer."""
    pinned: Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")] | None = None
    """First 12 hex digits of the sha256 of the paragraph's text when the comment was made."""


class Draft(Strict):
    """One response to one consultation."""

    consultation: str
    """Id of the consultation this draft answers."""
    respondent: Respondent = Respondent()
    """Who is responding."""
    date: dt.date | None = None
    """Date printed on the submission (and in the DOCX properties); default: the deadline's date."""
    cosigners: list[Cosigner] = []
    """Co-signing organisations."""
    answers: dict[str, list[Item] | None] = {}
    """Question id → items, composed in order and joined by a blank line (questionnaires)."""
    sections: list[DraftSection] = []
    """The response's own sections, in the order printed (free-form consultations)."""
    comments: list[Comment] = []
    """Comments and proposed amendments per paragraph (document consultations)."""


# --------------------------------------------------------------------------- workspace


class LibraryRef(Strict):
    """A library used by the workspace."""

    path: str
    """Folder of the library (relative to the workspace)."""
    namespace: Annotated[str, Field(pattern=NAMESPACE_PATTERN)] | None = None
    """Namespace override; default from the library's `library.yaml`."""
    source: str | None = None
    """Git URL the library was cloned from (`drafter library add`)."""
    ref: str | None = None
    """Branch or tag followed."""
    commit: str | None = None
    """Commit last synced."""


class WorkspaceConfig(Strict):
    """`drafter.yaml`: where a workspace keeps its files."""

    libraries: list[LibraryRef] = [LibraryRef(path="positions")]
    """Libraries, each a folder with `library.yaml`."""
    consultations: list[str] = ["consultations"]
    """Folders of consultation files."""
    templates: list[str] = ["templates"]
    """Folders of DOCX templates."""
    drafts: str = "drafts"
    """Folder of drafts."""
    respondent: Respondent | None = None
    """The user's own respondent profile, copied into each new draft."""
    words: list[str] = []
    """Accepted spellings for this workspace (names, acronyms, terms of art)."""


KINDS: dict[str, type[BaseModel]] = {
    "block": Block,
    "library": Library,
    "consultation": Consultation,
    "draft": Draft,
    "workspace": WorkspaceConfig,
}
"""File kinds by name, as `drafter schema KIND` takes them."""
