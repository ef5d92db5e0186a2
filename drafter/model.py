"""Pydantic models of every file kind drafter reads: block, library, consultation, draft, workspace.

Invariant: every model forbids unknown keys (a typo is a finding, never silently ignored), and every
field carries a docstring, which becomes its JSON Schema description (`drafter schema`).
The one exception is the respondent profile, which takes any extra field a consultation asks for.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
NAMESPACE_PATTERN = r"^[a-z0-9-]+$"
DEFAULT_REVIEW_DAYS = 180


class Strict(BaseModel):
    """Base for drafter's file models: unknown keys are errors; docstrings become descriptions."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=False)


# --------------------------------------------------------------------------- blocks and libraries


class Source(Strict):
    """A reference a block rests on; rendered once in the submission's references list."""

    title: str
    """What the source is called, as a reader would cite it."""
    url: str | None = None
    """Where to read it (https://…)."""


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
    """BCP 47 language tag."""


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


class Question(Strict):
    """One numbered question of a consultation."""

    id: str
    """Question number as the organiser prints it, e.g. "2.1" (quote it in YAML)."""
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


class Section(Strict):
    """A section of the questionnaire."""

    id: str
    """Section id, unique in the consultation."""
    title: str
    """Section heading."""
    questions: list[Question] = []
    """The section's questions, in order."""


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
    max_pages: Annotated[int, Field(gt=0)] | None = None
    """Page limit for an uploaded document."""
    address: str | None = None
    """Where to send or upload it."""
    notes: str | None = None
    """Anything else the organiser says about submitting."""


class Consultation(Strict):
    """A public consultation: its deadline, rules and questionnaire."""

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
    sections: Annotated[list[Section], Field(min_length=1)]
    """The questionnaire."""

    @field_validator("deadline")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError("the deadline needs a UTC offset, e.g. 2025-07-15T23:59:00+02:00")
        return value

    def questions(self) -> list[Question]:
        """All questions in order."""
        return [q for s in self.sections for q in s.questions]


# --------------------------------------------------------------------------- drafts


class Respondent(BaseModel):
    """Who is responding. Any further field the consultation requires may be added."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)

    name: str | None = None
    """Contact person."""
    organisation: str | None = None
    """Responding organisation."""
    stakeholder_group: str | None = None
    """e.g. Technical community, Civil society, Private sector, Government."""
    country: str | None = None
    """Country of the organisation."""
    email: str | None = None
    """Contact address."""
    consent_to_publish: bool | None = None
    """Whether the organiser may publish the response."""


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
    Union[
        Annotated[BlockItem, Tag("block")],
        Annotated[TextItem, Tag("text")],
        Annotated[ChoiceItem, Tag("choice")],
    ],
    Discriminator(
        _item_kind,
        custom_error_type="item_kind",
        custom_error_message="an answer item is {block: ID}, {text: MARKDOWN} or {choice: VALUE}",
    ),
]


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
    """Question id → items, composed in order and joined by a blank line."""

    def items(self, qid: str) -> list[Item]:
        return self.answers.get(qid) or []


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


KINDS: dict[str, type[BaseModel]] = {
    "block": Block,
    "library": Library,
    "consultation": Consultation,
    "draft": Draft,
    "workspace": WorkspaceConfig,
}
"""File kinds by name, as `drafter schema KIND` takes them."""
