"""Edit a draft file in place through round-trip YAML: the one way drafter changes a draft.

Invariant: comments, key order and quoting survive; only the touched lines change; a save is
atomic and refuses to overwrite a file that changed on disk since it was loaded (unless forced).
Both the CLI (`update`) and the UI use this class.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from .findings import Finding
from .model import Draft, Item, TextItem
from .yamlio import Loaded, atomic_write_text, dumps_roundtrip, load_roundtrip, validate


class ConflictError(Exception):
    """The file changed on disk since drafter read it; saving would overwrite someone's work."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_value(text: str) -> Any:
    """Multi-line text as a `|` block scalar, so the file diffs and merges line by line."""
    return LiteralScalarString(text) if "\n" in text else text


Where = str | tuple
"""Where an item list is: a question id (shorthand for `("answers", id)`) or a key path."""


def _path(where: Where) -> tuple:
    return ("answers", where) if isinstance(where, str) else tuple(where)


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

    def items(self, where: Where) -> CommentedSeq:
        """The item list at `where` (a question id, or a key path such as `("sections", 0, "items")`),
        created when missing (a new key goes at the end of its mapping)."""
        path = _path(where)
        node: Any = self.data
        for k, key in enumerate(path):
            if isinstance(node, CommentedSeq) and isinstance(key, int):
                node = node[key]
                continue
            if not isinstance(node, CommentedMap):
                raise KeyError(f"{'/'.join(map(str, path[:k])) or 'the draft'} is not a mapping")
            last = k == len(path) - 1
            want = CommentedSeq if last or isinstance(path[k + 1], int) else CommentedMap
            child = node.get(key)
            if not isinstance(child, want):
                child = node[key] = want()
            node = child
        return node

    def insert_block(self, where: Where, ref: str, pinned: str, *, index: int | None = None, variant: str = "body") -> int:
        item = CommentedMap()
        item["block"] = ref
        item["pinned"] = pinned
        if variant != "body":
            item["variant"] = variant
        return self._insert(where, item, index)

    def add_text(self, where: Where, text: str = "", *, index: int | None = None) -> int:
        item = CommentedMap()
        item["text"] = _text_value(text)
        return self._insert(where, item, index)

    def set_choice(self, where: Where, value: str) -> None:
        items = self.items(where)
        for item in items:
            if isinstance(item, CommentedMap) and "choice" in item:
                item["choice"] = value
                self._touch()
                return
        item = CommentedMap()
        item["choice"] = value
        self._insert(where, item, None)

    def _insert(self, where: Where, item: CommentedMap, index: int | None) -> int:
        items = self.items(where)
        index = len(items) if index is None else max(0, min(index, len(items)))
        items.insert(index, item)
        self._touch()
        return index

    def set_text(self, where: Where, index: int, text: str) -> None:
        item = self.items(where)[index]
        if item.get("text") == text:
            return
        item["text"] = _text_value(text)
        model = self._with_item(_path(where), index, TextItem(text=text))
        self._touch()
        self._model = model  # a keystroke re-validates one item, not the whole draft

    def _with_item(self, path: tuple, index: int, item: Item) -> Draft | None:
        """The current model with the item at `path`/`index` replaced (None: validate afresh)."""
        model = self._model
        if model is None or not path:
            return None
        try:
            if path[0] == "answers" and len(path) == 2:
                answers = dict(model.answers)
                items = list(answers[path[1]] or [])
                items[index] = item
                answers[path[1]] = items
                return model.model_copy(update={"answers": answers})
            if path[0] in ("sections", "comments") and len(path) == 3:
                field = "items" if path[0] == "sections" else "rationale"
                parents = list(getattr(model, path[0]))
                parent = parents[path[1]]
                items = list(getattr(parent, field))
                items[index] = item
                parents[path[1]] = parent.model_copy(update={field: items})
                return model.model_copy(update={path[0]: parents})
        except (KeyError, IndexError, TypeError):
            return None
        return None

    def remove(self, where: Where, index: int) -> None:
        items = self.items(where)
        gone = items[index]
        if index > 0 and isinstance(gone, CommentedMap) and isinstance(items[index - 1], CommentedMap) and gone:
            # the comment lines below the removed item introduce the next one: keep them
            _carry_comment(gone, list(gone.keys())[-1], items[index - 1])
        del items[index]
        self._touch()

    def move(self, where: Where, index: int, delta: int) -> int:
        items = self.items(where)
        target = index + delta
        if not 0 <= target < len(items):
            return index
        items.insert(target, items.pop(index))
        self._touch()
        return target

    def set_variant(self, where: Where, index: int, variant: str) -> None:
        item = self.items(where)[index]
        if variant == "body":
            if "variant" in item:
                delete_key(item, "variant")
        elif "variant" in item:
            item["variant"] = variant
        else:
            insert_key(item, "variant", variant)
        self._touch()

    def set_pinned(self, where: Where, index: int, pinned: str) -> None:
        item = self.items(where)[index]
        if "pinned" in item:
            item["pinned"] = pinned
        else:  # keep `pinned` right after `block`
            insert_key(item, "pinned", pinned, after="block")
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


def insert_key(mapping: CommentedMap, key: str, value: Any, *, after: str | None = None) -> None:
    """Insert `key` after `after` (default: the last key), keeping comment lines where they stood.

    ruamel attaches the full-line comments that follow a key (often the comment introducing the
    next list item) to that key; a key inserted after it would land below those comments. The
    comment lines move to the new key, an end-of-line comment stays on its own line.
    """
    keys = list(mapping.keys())
    after = after if after in keys else (keys[-1] if keys else None)
    mapping.insert(keys.index(after) + 1 if after is not None else 0, key, value)
    slots = mapping.ca.items.get(after) if after is not None else None
    token = slots[2] if slots and len(slots) > 2 else None
    if token is None:
        return
    first, _, rest = token.value.partition("\n")
    if not rest:
        return
    moved = copy.copy(token)
    moved.value = "\n" + rest
    if first.strip():
        token.value = first + "\n"
    elif slots is not None:
        slots[2] = None
    mapping.ca.items[key] = [None, None, moved, None]


def delete_key(mapping: CommentedMap, key: str) -> None:
    """Delete `key`, handing its trailing comment lines to the key before it."""
    keys = list(mapping.keys())
    at = keys.index(key)
    if at > 0:
        _carry_comment(mapping, key, mapping, keys[at - 1])
    del mapping[key]
    mapping.ca.items.pop(key, None)


def _carry_comment(src: CommentedMap, key: str, dst: CommentedMap, dst_key: str | None = None) -> None:
    """Move the full comment lines after `src[key]` to the end of `dst[dst_key]` (default: its last key)."""
    slots = src.ca.items.get(key)
    token = slots[2] if slots and len(slots) > 2 else None
    if token is None or not dst:
        return
    _, _, rest = token.value.partition("\n")
    if not rest.strip():
        return
    dst_key = dst_key or list(dst.keys())[-1]
    target = dst.ca.items.setdefault(dst_key, [None, None, None, None])
    if target[2] is None:
        moved = copy.copy(token)
        moved.value = "\n" + rest
        target[2] = moved
    else:
        target[2].value = target[2].value.rstrip("\n") + "\n" + rest


def _plain(value: Any) -> Any:
    """Round-trip containers → plain dicts/lists (what the models validate)."""
    if isinstance(value, dict):
        return {(str(k) if not isinstance(k, str) else k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
