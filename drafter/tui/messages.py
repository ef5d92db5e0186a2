"""Messages that cross module boundaries in the UI, named in the past tense.

Workers post them (they never touch widgets); handlers on screens own the state they carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.message import Message

# ----------------------------------------------------------------------------- workers


@dataclass
class WorkspaceLoaded(Message):
    """A worker finished loading the workspace (`project`), or could not (`error`)."""

    project: Any | None
    error: str | None = None


@dataclass
class DraftRow:
    """One draft as the home screen lists it (counts come from `run_check`)."""

    path: Path
    name: str
    consultation: str
    answered: int = 0
    questions: int = 0
    required_answered: int = 0
    required: int = 0
    errors: int = 0
    warnings: int = 0
    problem: str | None = None  # why the draft cannot be checked


@dataclass
class DraftsChecked(Message):
    """A worker checked every draft of the workspace for the home screen."""

    rows: list[DraftRow] = field(default_factory=list)
    libraries: list = field(default_factory=list)  # sharing.LibraryRow: blocks, due, pending changes


@dataclass
class RenderFinished(Message):
    """A render worker wrote the submission to `path`; `warnings` are the renderer's findings."""

    path: Path
    warnings: list = field(default_factory=list)


@dataclass
class RenderFailed(Message):
    """A render worker could not write the submission."""

    error: str


# ----------------------------------------------------------------------------- answer pane → screen


@dataclass
class ItemFocused(Message):
    """The user moved to item `index` of the shown answer."""

    index: int


@dataclass
class TextEdited(Message):
    """The user changed the text of text item `index` of the shown answer."""

    index: int
    text: str


@dataclass
class ChoiceMade(Message):
    """The user picked an option of a choice question."""

    value: str
