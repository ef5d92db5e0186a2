"""Pydantic models of every file kind drafter reads: block, library, consultation, draft, workspace;
a module per kind (`library`, `consultation`, `draft`, `workspace`; `base` what they share), each
name importable from here.

Invariant: every model forbids unknown keys (a typo is a finding, never silently ignored), and every
field carries a docstring, which becomes its JSON Schema description (`drafter schema`, read from these
modules' source by `schema.field_docs` only when a schema is asked for: pydantic's own docstring
extraction parses the module once per class, which would cost every command ~50 ms at start-up).
The one exception is the respondent profile, which takes any extra field a consultation asks for.
"""

from __future__ import annotations

from pydantic import BaseModel

from . import base, consultation, draft, library, workspace
from .base import DEFAULT_REVIEW_DAYS, ID_PATTERN, NAMESPACE_PATTERN, Strict
from .consultation import (
    Consultation,
    ConsultationKind,
    DeadlineChange,
    Limit,
    Paragraph,
    Question,
    RespondentRules,
    Section,
    Submission,
    Topic,
    Where,
)
from .draft import (
    RESPONDENT_FIELDS,
    BlockItem,
    ChoiceItem,
    Comment,
    CommentAction,
    Cosigner,
    Draft,
    DraftSection,
    Item,
    Respondent,
    TextItem,
)
from .library import Block, Library, PhraseRule, Source, Theme, Translation
from .workspace import LibraryRef, WorkspaceConfig

MODULES = (base, library, consultation, draft, workspace)
"""The modules that define the models, in the order of the formats reference."""

KINDS: dict[str, type[BaseModel]] = {
    "block": Block,
    "library": Library,
    "consultation": Consultation,
    "draft": Draft,
    "workspace": WorkspaceConfig,
}
"""File kinds by name, as `drafter schema KIND` takes them."""

__all__ = [
    "DEFAULT_REVIEW_DAYS", "ID_PATTERN", "KINDS", "MODULES", "NAMESPACE_PATTERN", "RESPONDENT_FIELDS", "Block", "BlockItem",
    "ChoiceItem", "Comment", "CommentAction", "Consultation", "ConsultationKind", "Cosigner", "DeadlineChange", "Draft",
    "DraftSection", "Item", "Library", "LibraryRef", "Limit", "Paragraph", "PhraseRule", "Question", "Respondent",
    "RespondentRules", "Section", "Source", "Strict", "Submission", "TextItem", "Theme", "Topic", "Translation", "Where",
    "WorkspaceConfig",
]
