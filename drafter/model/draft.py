"""A draft: the respondent and co-signers, the answers (each a list of items: a pinned block, own text, a choice), its own sections and its comments on a document's paragraphs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from .base import Strict
from .consultation import Limit


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
