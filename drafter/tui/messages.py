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
    """A worker finished loading the workspace (`lw`, a LoadedWorkspace), or could not (`error`)."""

    lw: Any | None
    error: str | None = None


@dataclass
class DraftsChecked(Message):
    """A worker checked every draft of the workspace for the home screen."""

    rows: list = field(default_factory=list)  # ops.progress.DraftProgress
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


@dataclass
class AnswerChecked(Message):
    """A worker checked the shown answer (generation `gen` of the draft screen's requests)."""

    qid: str
    gen: int
    result: Any


@dataclass
class DraftStatusesChecked(Message):
    """A worker checked every answer of the draft: question id → AnswerResult (None: the draft does not validate)."""

    gen: int
    results: dict | None
    progress: Any = None
    """The draft's progress (`ops.progress.DraftProgress`): the home screen's numbers."""


@dataclass
class DiskChecked(Message):
    """A worker looked at the disk: the workspace's stamp, the workspace reloaded when it changed
    (else None), and the draft file's stamp."""

    stamp: Any
    lw: Any | None
    draft: Any


@dataclass
class PreviewReady(Message):
    """A worker rendered the preview of library block `key`."""

    key: str | None
    text: str


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
    """The user picked an option of choice question `qid` (a message that arrives after the user
    moved on still names the question it was made for)."""

    qid: str
    value: str
