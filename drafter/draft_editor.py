"""Edit a draft file in place through round-trip YAML: the one way drafter changes a draft.

Invariant: comments, key order and quoting survive; only the touched lines change (`draft_edits`);
the text written always reads back as the data (never invalid YAML: `yamlio.faithful`); a save is
atomic, holds the writers' lock, and never overwrites a file that changed on disk since it was
loaded: it merges the other writer's changes when asked and they touch other answers
(`draft_merge`), else refuses (unless forced). Both the CLI (`update`) and the UI use this class.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from .draft_edits import DraftEdits
from .draft_merge import MISSING, SPLIT, means_both, merge_drafts, my_changes
from .draft_respondent import RespondentEdits
from .findings import Finding
from .model import Draft
from .yamlio import Loaded, atomic_write_text, load_roundtrip, plain_data, validate
from .yamlio.comment_lines import assign
from .yamlio.faithful import faithful_text
from .yamlio.lock import locked
from .yamlio.roundtrip import loads_roundtrip


class ConflictError(Exception):
    """The file changed on disk since drafter read it; saving would overwrite someone's work."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DraftEditor(DraftEdits, RespondentEdits):
    """A draft file held as round-trip data, with edit operations and conflict-safe saving."""

    def __init__(self, path: Path, data: CommentedMap, disk_digest: str | None, base_text: str | None = None):
        self.path = path
        self.data = data
        self.disk_digest = disk_digest
        self.base_text = base_text  # the file as last read or written: what a merge starts from
        self.dirty = False
        self._model: Draft | None = None
        self._findings: list[Finding] = []

    @classmethod
    def load(cls, path: Path) -> "DraftEditor":
        raw = path.read_bytes()
        data = load_roundtrip(path)
        if not isinstance(data, CommentedMap):
            raise ValueError(f"{path}: a draft is a mapping of keys")
        return cls(path, data, digest(raw), raw.decode("utf-8", errors="replace"))

    # ------------------------------------------------------------------ state

    def model(self) -> Draft | None:
        """The draft as a validated model (None with findings when the data is invalid)."""
        if self._model is None:
            self._model, self._findings = validate(Loaded(path=self.path, data=plain_data(self.data)), Draft)
        return self._model

    @property
    def findings(self) -> list[Finding]:
        self.model()
        return self._findings

    def changed_on_disk(self) -> bool:
        try:
            return digest(self.path.read_bytes()) != self.disk_digest
        except FileNotFoundError:
            return self.disk_digest is not None

    def text(self) -> str:
        """The draft as YAML text, checked to read back as the data (see `faithful_text`)."""
        return faithful_text(self.data)

    def save(self, *, force: bool = False, merge: bool = False) -> Literal["saved", "merged"]:
        """Write atomically, holding the writers' lock (`yamlio.lock`) from the check to the replace.

        When the file changed on disk since it was read: with `force`, overwrite it; with `merge`, keep
        both versions' changes when they touch different answers (or fields) — the editor then holds
        the merged draft, and the result is `merged`; else, or when both changed the same answer,
        ConflictError and nothing is written."""
        with locked(self.path):
            text = self.text()
            outcome: Literal["saved", "merged"] = "saved"
            if not force and self.changed_on_disk():
                theirs = self._disk_text() if merge else None
                merged = self._merged(text, theirs) if theirs is not None else None
                if merged is None:
                    raise ConflictError(f"{self.path} changed on disk since it was loaded")
                data = loads_roundtrip(merged)
                if not isinstance(data, CommentedMap):  # (merge_drafts read it as a mapping)
                    raise ConflictError(f"{self.path} changed on disk since it was loaded")
                self.data, self._model, text, outcome = data, None, merged, "merged"
            atomic_write_text(self.path, text)
        self.disk_digest = digest(text.encode("utf-8"))
        self.base_text = text
        self.dirty = False
        return outcome

    def _merged(self, mine: str, theirs: str) -> str | None:
        """Both versions' changes: by lines where they are apart, else my changed units set in theirs."""
        base = self.base_text
        if base is None:
            return None
        merged = merge_drafts(base, mine, theirs)
        if merged is not None:
            return merged
        changes = my_changes(base, mine, theirs)
        if changes is None:
            return None
        try:
            data = loads_roundtrip(theirs)
        except (YAMLError, ValueError):
            return None
        if not isinstance(data, CommentedMap):
            return None
        other = DraftEditor(self.path, data, None, theirs)
        for unit, value in changes.items():
            if value is MISSING or len(unit) == 1 and unit[0] in SPLIT:
                return None  # a removal, or a whole mapping replaced: for the user to decide
            if unit[0] == "respondent":
                other.set_respondent(unit[1], value)
            elif unit[0] == "answers":
                other.replace_items(unit[1], value)
            else:
                assign(data, unit[0], value)
        try:
            merged = other.text()
        except ValueError:
            return None
        return merged if means_both(base, mine, theirs, merged) else None

    def _disk_text(self) -> str | None:
        try:
            return self.path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
