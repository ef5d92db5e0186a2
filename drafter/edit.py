"""Edit a draft file in place through round-trip YAML: the one way drafter changes a draft.

Invariant: comments, key order and quoting survive; only the touched lines change; a save is
atomic and refuses to overwrite a file that changed on disk since it was loaded (unless forced).
Both the CLI (`update`) and the UI use this class.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from .findings import Finding
from .model import Draft
from .yamlio import Loaded, atomic_write_text, dumps_roundtrip, load_roundtrip, validate


class ConflictError(Exception):
    """The file changed on disk since drafter read it; saving would overwrite someone's work."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_value(text: str) -> Any:
    """Multi-line text as a `|` block scalar, so the file diffs and merges line by line."""
    return LiteralScalarString(text) if "\n" in text else text


class DraftEditor:
    """A draft file held as round-trip data, with edit operations and conflict-safe saving."""

    def __init__(self, path: Path, data: CommentedMap, disk_digest: str | None):
        self.path = path
        self.data = data
        self.disk_digest = disk_digest
        self.dirty = False
        self._model: Draft | None = None
        self._findings: list[Finding] = []

    @classmethod
    def load(cls, path: Path) -> "DraftEditor":
        raw = path.read_bytes()
        data = load_roundtrip(path)
        if not isinstance(data, CommentedMap):
            raise ValueError(f"{path}: a draft is a mapping of keys")
        return cls(path, data, digest(raw))

    # ------------------------------------------------------------------ state

    def model(self) -> Draft | None:
        """The draft as a validated model (None with findings when the data is invalid)."""
        if self._model is None:
            self._model, self._findings = validate(Loaded(path=self.path, data=_plain(self.data)), Draft)
        return self._model

    @property
    def findings(self) -> list[Finding]:
        self.model()
        return self._findings

    def _touch(self) -> None:
        self.dirty = True
        self._model = None

    def changed_on_disk(self) -> bool:
        try:
            return digest(self.path.read_bytes()) != self.disk_digest
        except FileNotFoundError:
            return self.disk_digest is not None

    def text(self) -> str:
        return dumps_roundtrip(self.data)

    def save(self, *, force: bool = False) -> None:
        """Write atomically; ConflictError when the file changed on disk (unless `force`)."""
        if not force and self.changed_on_disk():
            raise ConflictError(f"{self.path} changed on disk since it was loaded")
        text = self.text()
        atomic_write_text(self.path, text)
        self.disk_digest = digest(text.encode("utf-8"))
        self.dirty = False

    # ------------------------------------------------------------------ answers

    def items(self, qid: str) -> CommentedSeq:
        """The item list of a question, created (at the end of `answers`) when missing."""
        answers = self.data.get("answers")
        if not isinstance(answers, CommentedMap):
            answers = self.data["answers"] = CommentedMap()
        items = answers.get(qid)
        if not isinstance(items, CommentedSeq):
            items = answers[qid] = CommentedSeq()
        return items

    def insert_block(self, qid: str, ref: str, pinned: str, *, index: int | None = None, variant: str = "body") -> int:
        item = CommentedMap()
        item["block"] = ref
        item["pinned"] = pinned
        if variant != "body":
            item["variant"] = variant
        return self._insert(qid, item, index)

    def add_text(self, qid: str, text: str = "", *, index: int | None = None) -> int:
        item = CommentedMap()
        item["text"] = _text_value(text)
        return self._insert(qid, item, index)

    def set_choice(self, qid: str, value: str) -> None:
        items = self.items(qid)
        for item in items:
            if isinstance(item, CommentedMap) and "choice" in item:
                item["choice"] = value
                self._touch()
                return
        item = CommentedMap()
        item["choice"] = value
        self._insert(qid, item, None)

    def _insert(self, qid: str, item: CommentedMap, index: int | None) -> int:
        items = self.items(qid)
        index = len(items) if index is None else max(0, min(index, len(items)))
        items.insert(index, item)
        self._touch()
        return index

    def set_text(self, qid: str, index: int, text: str) -> None:
        item = self.items(qid)[index]
        if item.get("text") == text:
            return
        item["text"] = _text_value(text)
        self._touch()

    def remove(self, qid: str, index: int) -> None:
        del self.items(qid)[index]
        self._touch()

    def move(self, qid: str, index: int, delta: int) -> int:
        items = self.items(qid)
        target = index + delta
        if not 0 <= target < len(items):
            return index
        items.insert(target, items.pop(index))
        self._touch()
        return target

    def set_variant(self, qid: str, index: int, variant: str) -> None:
        item = self.items(qid)[index]
        if variant == "body":
            if "variant" in item:
                del item["variant"]
        else:
            item["variant"] = variant
        self._touch()

    def set_pinned(self, qid: str, index: int, pinned: str) -> None:
        item = self.items(qid)[index]
        if "pinned" in item:
            item["pinned"] = pinned
        else:  # keep `pinned` right after `block`
            keys = list(item.keys())
            item.insert(keys.index("block") + 1 if "block" in keys else len(keys), "pinned", pinned)
        self._touch()

    # ------------------------------------------------------------------ respondent

    def set_respondent(self, field: str, value: Any) -> None:
        respondent = self.data.get("respondent")
        if not isinstance(respondent, CommentedMap):
            respondent = self.data["respondent"] = CommentedMap()
        if respondent.get(field) == value and field in respondent:
            return
        respondent[field] = value
        self._touch()

    def set_cosigners(self, cosigners: list[dict[str, str]]) -> None:
        seq = CommentedSeq()
        for c in cosigners:
            m = CommentedMap()
            for k in ("organisation", "country"):
                if c.get(k):
                    m[k] = c[k]
            seq.append(m)
        self.data["cosigners"] = seq
        self._touch()


def _plain(value: Any) -> Any:
    """Round-trip containers → plain dicts/lists (what the models validate)."""
    if isinstance(value, dict):
        return {(str(k) if not isinstance(k, str) else k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
