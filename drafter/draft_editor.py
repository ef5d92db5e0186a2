"""Edit a draft file in place through round-trip YAML: the one way drafter changes a draft.

Invariant: comments, key order and quoting survive; only the touched lines change; the text written
always reads back as the data (never invalid YAML); a save is atomic, holds the writers' lock, and
never overwrites a file that changed on disk since it was loaded: it merges the other writer's
changes when asked and they touch other answers (`draft_merge`), else refuses (unless forced). Both
the CLI (`update`) and the UI use this class.

Comment lines are never dropped. Where they go when the items around them change:

* the comment lines above an item belong to it (they introduce it): `move` carries them along, and
  so are the comments inside it (between its keys, at the end of its lines);
* an inserted item goes directly below the item before it (or the answer's key): above the comment
  lines of the item it is inserted before, and above the comment lines that close the list;
* a removed item's comments join the comment lines above the next item (or closing the list), its
  end-of-line comments as whole lines; an emptied list is written `[]`, its comments below it;
* a new key (an answer, a respondent field) goes directly below the last entry of its mapping,
  above the comment lines that close the mapping.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import ScalarString

from .draft_merge import MISSING, SPLIT, means_both, merge_drafts, my_changes
from .findings import Finding
from .model import Draft, Item, TextItem
from .yamlio import MAX_DEPTH, MAX_VALUES, Loaded, atomic_write_text, dumps_roundtrip, load_roundtrip, plain_data, read_yaml_text, validate
from .yamlio.lock import locked
from .yamlio.roundtrip import (
    comment_after,
    is_block_scalar,
    lines_token,
    loads_roundtrip,
    set_comment_after,
    styled,
    token_lines,
)


class ConflictError(Exception):
    """The file changed on disk since drafter read it; saving would overwrite someone's work."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _value(value: Any) -> Any:
    """A value as drafter writes it: multi-line text as a `|` block scalar (so the file diffs and merges
    line by line) when a block can carry it, else quoted as needed."""
    return styled(value) if isinstance(value, str) and not isinstance(value, ScalarString) else value


Where = str | tuple
"""Where an item list is: a question id (shorthand for `("answers", id)`) or a key path."""


def _path(where: Where) -> tuple:
    return ("answers", where) if isinstance(where, str) else tuple(where)


class DraftEditor:
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

    def _touch(self) -> None:
        self.dirty = True
        self._model = None

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
                _assign(data, unit[0], value)
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

    # ------------------------------------------------------------------ answers

    def items(self, where: Where) -> CommentedSeq:
        """The item list at `where` (a question id, or a key path such as `("sections", 0, "items")`),
        created when missing (a new key goes at the end of its mapping)."""
        path = _path(where)
        node: Any = self.data
        outer: tuple[Any, Any] | None = None
        for k, key in enumerate(path):
            if isinstance(node, CommentedSeq) and isinstance(key, int):
                outer, node = (node, key), node[key]
                continue
            if not isinstance(node, CommentedMap):
                raise KeyError(f"{'/'.join(map(str, path[:k])) or 'the draft'} is not a mapping")
            last = k == len(path) - 1
            want = CommentedSeq if last or isinstance(path[k + 1], int) else CommentedMap
            child = node.get(key)
            if not isinstance(child, want):
                child = want()
                if key in node:
                    _assign(node, key, child)
                else:
                    _append_key(node, key, child, outer)
            outer, node = (node, key), child
        return node

    def _list(self, where: Where) -> tuple[Any, Any, CommentedSeq]:
        """The item list at `where` with the collection and key that hold it."""
        path = _path(where)
        items = self.items(where)
        parent: Any = self.data
        for key in path[:-1]:
            parent = parent[key]
        return parent, path[-1], items

    def insert_block(self, where: Where, ref: str, pinned: str, *, index: int | None = None, variant: str = "body") -> int:
        item = CommentedMap()
        item["block"] = ref
        item["pinned"] = pinned
        if variant != "body":
            item["variant"] = variant
        return self._insert(where, item, index)

    def add_text(self, where: Where, text: str = "", *, index: int | None = None) -> int:
        item = CommentedMap()
        item["text"] = _value(text)
        return self._insert(where, item, index)

    def set_choice(self, where: Where, value: str) -> None:
        items = self.items(where)
        for item in items:
            if isinstance(item, CommentedMap) and "choice" in item:
                _assign(item, "choice", value)
                self._touch()
                return
        item = CommentedMap()
        item["choice"] = _value(value)
        self._insert(where, item, None)

    def replace_items(self, where: Where, items: list) -> None:
        """Make the item list at `where` these items (plain mappings); comments in the list stay."""
        while len(self.items(where)):
            self.remove(where, len(self.items(where)) - 1)
        for value in items:
            item = CommentedMap()
            for key, v in (value.items() if isinstance(value, dict) else ()):
                item[key] = _value(v)
            self._insert(where, item, None)

    def _insert(self, where: Where, item: CommentedMap, index: int | None) -> int:
        parent, key, items = self._list(where)
        index = len(items) if index is None else max(0, min(index, len(items)))
        groups = _take_groups(parent, key, items)
        items.insert(index, item)
        groups.insert(index, [])  # directly below the item before it, above the next one's comments
        _put_groups(parent, key, items, groups)
        self._touch()
        return index

    def set_text(self, where: Where, index: int, text: str) -> None:
        item = self.items(where)[index]
        if item.get("text") == text:
            return
        _assign(item, "text", text)
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
        parent, key, items = self._list(where)
        if not -len(items) <= index < len(items):
            raise IndexError(f"no item {index}")
        index %= len(items)
        groups = _take_groups(parent, key, items)
        # the removed item's comments stay, above the next item (or closing the list)
        carried = _entry_lines(items, index, _dash_column(_path(where)))
        entries = _take_entries(items)
        del items[index]
        del entries[index]
        _put_entries(items, entries)
        groups[index : index + 2] = [groups[index] + carried + groups[index + 1]]
        _put_groups(parent, key, items, groups)
        self._touch()

    def move(self, where: Where, index: int, delta: int) -> int:
        parent, key, items = self._list(where)
        target = index + delta
        if not (0 <= target < len(items) and 0 <= index < len(items)):
            return index
        groups = _take_groups(parent, key, items)
        entries = _take_entries(items)
        item = items[index]
        del items[index]
        items.insert(target, item)
        entries.insert(target, entries.pop(index))
        _put_entries(items, entries)
        above = groups[:-1]  # each item's comment lines travel with it; the closing ones stay
        above.insert(target, above.pop(index))
        _put_groups(parent, key, items, above + groups[-1:])
        self._touch()
        return target

    def set_variant(self, where: Where, index: int, variant: str) -> None:
        item = self.items(where)[index]
        if variant == "body":
            if "variant" in item:
                delete_key(item, "variant", column=_dash_column(_path(where)) + 2)
        elif "variant" in item:
            _assign(item, "variant", variant)
        else:
            insert_key(item, "variant", variant)
        self._touch()

    def set_pinned(self, where: Where, index: int, pinned: str) -> None:
        item = self.items(where)[index]
        if "pinned" in item:
            _assign(item, "pinned", pinned)
        else:  # keep `pinned` right after `block`
            insert_key(item, "pinned", pinned, after="block")
        self._touch()

    def replace_block(self, where: Where, index: int, ref: str, pinned: str, *, variant: str = "body") -> None:
        """Make the block item at `index` refer to block `ref`, pinned to `pinned`, in `variant`: the
        item keeps its place in the answer and every comment in and around it."""
        item = self.items(where)[index]
        if not isinstance(item, CommentedMap) or "block" not in item:
            raise ValueError(f"item {index} is not a block item")
        _assign(item, "block", ref)
        self.set_pinned(where, index, pinned)
        self.set_variant(where, index, variant)

    def _answer_key(self, qid: str) -> tuple[CommentedMap, Any]:
        """The `answers` mapping and its key for question `qid` (a key may have been written unquoted,
        e.g. `9.9:`, and read as a number); KeyError when the draft has no answer to `qid`."""
        answers = self.data.get("answers")
        if isinstance(answers, CommentedMap):
            for key in answers:
                if str(key) == qid:
                    return answers, key
        raise KeyError(f"the draft has no answer '{qid}'")

    def remove_answer(self, qid: str) -> None:
        """Delete the answer to `qid`, key and items; its comment lines stay (see `delete_key`)."""
        answers, key = self._answer_key(qid)
        _delete_answer(answers, key)
        self._touch()

    def move_answer(self, qid: str, to: str) -> None:
        """Make the items of answer `qid` the answer to `to`. When `to` has no items, the key is renamed
        where it stands (an empty entry for `to` is removed first); else the items go after `to`'s.
        Comment lines travel with the items they stand above."""
        answers, key = self._answer_key(qid)
        if str(key) == to:
            return
        try:
            _, other = self._answer_key(to)
        except KeyError:
            other = None
        if other is not None and isinstance(answers[other], CommentedSeq) and len(answers[other]):
            self._append_answer(answers, key, other)
        else:
            if other is not None:
                _delete_answer(answers, other)
            at = list(answers).index(key)
            value = answers[key]
            slots = answers.ca.items.pop(key, None)
            del answers[key]
            answers.insert(at, to, value)
            if slots is not None:
                answers.ca.items[to] = slots
        self._touch()

    def _append_answer(self, answers: CommentedMap, key: Any, other: Any) -> None:
        """Move the items of `answers[key]` after those of `answers[other]`, then delete `key`."""
        src, dst = answers[key], answers[other]
        if not isinstance(src, CommentedSeq):
            raise ValueError(f"the answer '{key}' is not a list of items")
        src_groups, src_entries = _take_groups(answers, key, src), _take_entries(src)
        dst_groups, dst_entries = _take_groups(answers, other, dst), _take_entries(dst)
        closing = dst_groups.pop()
        for i, item in enumerate(list(src)):
            dst.append(item)
            dst_entries.append(src_entries[i])
            dst_groups.append(src_groups[i])
        dst_groups.append(closing + src_groups[-1])
        del src[:]
        _put_entries(dst, dst_entries)
        _put_groups(answers, other, dst, dst_groups)
        _delete_answer(answers, key)

    # ------------------------------------------------------------------ comments (document consultations)

    def add_comment(self, fields: dict[str, Any], *, index: int | None = None) -> int:
        """Insert a comment on a paragraph into `comments` at `index` (default the end): its keys in
        the order of `fields` (an empty list value becomes an empty item list); returns its index."""
        item = CommentedMap()
        for key, value in fields.items():
            item[key] = CommentedSeq() if value == [] else _value(value)
        return self._insert(("comments",), item, index)

    def _comment(self, index: int) -> CommentedMap:
        comments = self.data.get("comments")
        if not isinstance(comments, CommentedSeq) or not 0 <= index < len(comments) or not isinstance(comments[index], CommentedMap):
            raise IndexError(f"the draft has no comment {index + 1}")
        return comments[index]

    def set_comment_key(self, index: int, key: str, value: Any, *, after: str | None = None) -> None:
        """Set `key` of comment `index` (`action`, `text`, `pinned`); a new key goes after `after`."""
        comment = self._comment(index)
        if key in comment and comment.get(key) == value:
            return
        if key in comment:
            _assign(comment, key, value)
        else:
            insert_key(comment, key, value, after=after)
        model = self._model
        self._touch()
        if key == "text" and model is not None and index < len(model.comments):  # a keystroke: one comment, not the whole draft
            comments = list(model.comments)
            comments[index] = comments[index].model_copy(update={"text": value})
            self._model = model.model_copy(update={"comments": comments})

    def delete_comment_key(self, index: int, key: str) -> None:
        """Delete `key` of comment `index` (its comments stay, see `delete_key`)."""
        comment = self._comment(index)
        if key in comment:
            delete_key(comment, key, column=_dash_column(("comments",)) + 2)
            self._touch()

    # ------------------------------------------------------------------ respondent

    def set_respondent(self, field: str, value: Any) -> None:
        respondent = self.data.get("respondent")
        if isinstance(respondent, CommentedMap) and field in respondent and respondent.get(field) == value:
            return
        if not isinstance(respondent, CommentedMap):
            respondent = CommentedMap()
            if "respondent" in self.data:
                _assign(self.data, "respondent", respondent)
            else:
                _append_key(self.data, "respondent", respondent)
        if field in respondent:
            _assign(respondent, field, value)
        else:
            _append_key(respondent, field, value, (self.data, "respondent"))
        self._touch()

    def set_cosigners(self, cosigners: list[dict[str, str]]) -> None:
        """Make the cosigners these, changing the entries in place (their comments stay)."""
        parent, key, seq = self._list(("cosigners",))
        column = _dash_column(("cosigners",))
        groups = _take_groups(parent, key, seq)
        entries = _take_entries(seq)
        for j, c in enumerate(cosigners):
            want = {k: c[k] for k in ("organisation", "country") if c.get(k)}
            if j >= len(seq):
                seq.append(CommentedMap())
                entries.append(None)
                groups.insert(len(groups) - 1, [])
            elif not isinstance(seq[j], CommentedMap):
                seq[j] = CommentedMap()
            m = seq[j]
            for k, v in want.items():
                if k not in m:
                    _append_key(m, k, v)
                elif m[k] != v:
                    _assign(m, k, v)
            for k in [k for k in m if k not in want]:
                delete_key(m, k, column=column + 2)
        while len(seq) > len(cosigners):
            at = len(seq) - 1
            carried = _entry_lines(seq, at, column)
            del seq[at]
            entries.pop()
            groups[at : at + 2] = [groups[at] + carried + groups[at + 1]]
        _put_entries(seq, entries)
        _put_groups(parent, key, seq, groups)
        self._touch()


def _delete_answer(answers: CommentedMap, key: Any) -> None:
    """`delete_key` for an answer: the comment lines between its key and its first item are held
    twice by ruamel (above the list, and by the list itself); they are kept once."""
    value = answers[key]
    slots = answers.ca.items.get(key)
    above = slots[3] if slots and len(slots) > 3 else None
    own = value.ca.comment[1] if isinstance(value, CommentedSeq) and value.ca.comment and len(value.ca.comment) > 1 else None
    if above and own and (own is above or _tokens_lines(own) == _tokens_lines(above)):
        value.ca.comment[1] = None
    delete_key(answers, key, column=_dash_column(("answers",)))


# --------------------------------------------------------------------------- values and keys


def _assign(mapping: CommentedMap, key: Any, value: Any) -> None:
    """Set a key's value (a new key goes last); its comments stay, in the form the new value needs.

    ruamel keeps an old string's style for a new plain string; a quoted style can carry any text
    (ruamel falls back to double quotes), a block style cannot: such a value is replaced outright.
    """
    value = _value(value)
    if key not in mapping:
        insert_key(mapping, key, value)
        return
    eol, lines = comment_after(mapping, key)
    old = mapping[key]
    if is_block_scalar(old) and type(value) is str:
        at = list(mapping).index(key)
        del mapping[key]
        mapping.insert(at, key, value)
    else:
        mapping[key] = value
    set_comment_after(mapping, key, eol, lines)


def _append_key(mapping: CommentedMap, key: Any, value: Any, outer: tuple[Any, Any] | None = None) -> None:
    """Add `key` at the end of `mapping`, directly below its last entry: the comment lines that
    closed the mapping close it still. `outer` is where `mapping` itself is held (for an empty one)."""
    if mapping.fa.flow_style():
        mapping.fa.set_block_style()
    if len(mapping):
        closing = _take_after(mapping, list(mapping)[-1])
    elif outer is not None:
        closing = _take_after(*outer)
    else:
        closing = []
    mapping[key] = _value(value)
    _put_after(mapping, key, closing)


def insert_key(mapping: CommentedMap, key: str, value: Any, *, after: str | None = None) -> None:
    """Insert `key` after `after` (default: the last key), keeping comment lines where they stood.

    ruamel attaches the full-line comments that follow a key (often the comment introducing the
    next list item) to that key; a key inserted after it would land below those comments. The
    comment lines move to the new key, an end-of-line comment stays on its own line.
    """
    keys = list(mapping.keys())
    after = after if after in keys else (keys[-1] if keys else None)
    if after is None:
        mapping[key] = _value(value)
        return
    lines = _take_after(mapping, after)
    mapping.insert(keys.index(after) + 1, key, _value(value))
    _put_after(mapping, key, lines)


def delete_key(mapping: CommentedMap, key: str, *, column: int = 0) -> None:
    """Delete `key`; its comments go to the key before it (an end-of-line comment as a whole line at
    `column`), or above the key after it."""
    keys = list(mapping.keys())
    at = keys.index(key)
    carried = _entry_lines(mapping, key, column)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if not carried:
        return
    if at > 0:
        _put_after(mapping, keys[at - 1], carried)
    elif len(mapping):
        slots = mapping.ca.items.setdefault(keys[at + 1], [None, None, None, None])
        slots[1] = [lines_token(carried)] + list(slots[1] or [])
    else:
        mapping.ca.end = list(mapping.ca.end or []) + [lines_token(carried)]


# --------------------------------------------------------------------------- comment lines
#
# Comments are moved as whole lines, each with its indentation ("" for a blank line). ruamel keeps
# the lines after a value in the token after its last scalar (see `roundtrip.comment_after`), after a
# null or an empty collection also above the next entry (`ca.items[i][1]`) or at the end of the
# collection (`ca.end`), and the lines between a key and its first item above the list
# (`ca.items[key][3]`, shared with the list's `ca.comment[1]`). The item-list operations take every
# such line out into groups (`_take_groups`), change the list, and put the groups back in the places
# ruamel writes them from (`_put_groups`).


def _dash_column(path: tuple) -> int:
    """The column of the dashes of the list at `path`, as drafter writes it (each level indents by 2)."""
    return 2 * len(path)


def _terminal(holder: Any, key: Any) -> tuple[list[Any], tuple[Any, Any]]:
    """The block collections `holder[key]` ends with (outermost first), and the entry holding its
    last scalar (or null, or flow collection), after which ruamel keeps the comment lines."""
    ends: list[Any] = []
    while True:
        value = holder[key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
            ends.append(value)
            holder, key = value, (list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1)
        else:
            return ends, (holder, key)


def _tokens_lines(tokens: Any) -> list[str]:
    return [line for token in tokens or [] if token is not None and not isinstance(token, str) for line in token_lines(token)]


def _take_end(collection: Any) -> list[str]:
    lines = _tokens_lines(collection.ca.end)
    if lines:
        collection.ca.end = []
    return lines


def _take_after(holder: Any, key: Any) -> list[str]:
    """Take out the whole comment lines after the entry `holder[key]` (its end-of-line comment stays)."""
    ends, (h, k) = _terminal(holder, key)
    eol, lines = comment_after(h, k)
    if lines:
        set_comment_after(h, k, eol, [])
    for collection in reversed(ends):
        lines += _take_end(collection)
    return lines


def _put_after(holder: Any, key: Any, lines: list[str]) -> None:
    """Put whole comment lines after the entry `holder[key]`."""
    if not lines:
        return
    _, (h, k) = _terminal(holder, key)
    eol, old = comment_after(h, k)
    set_comment_after(h, k, eol, old + lines)


def _take_pre(collection: Any, key: Any) -> list[str]:
    """Take out the comment lines ruamel keeps above the entry `collection[key]`."""
    slots = collection.ca.items.get(key)
    if not slots or len(slots) < 2 or not slots[1]:
        return []
    lines = _tokens_lines(slots[1])
    slots[1] = None
    return lines


def _take_groups(parent: Any, key: Any, seq: CommentedSeq) -> list[list[str]]:
    """Take every whole comment line around the items of `seq` (held at `parent[key]`) out of the data:
    n + 1 groups, the lines above each item and the lines closing the list (for an empty list, the
    one group closes it). End-of-line comments stay where they are."""
    eol, first = comment_after(parent, key)
    if first:
        set_comment_after(parent, key, eol, [])
    slots = parent.ca.items.get(key) if isinstance(parent, CommentedMap) else None
    above = slots[3] if slots and len(slots) > 3 else None
    own = seq.ca.comment[1] if seq.ca.comment and len(seq.ca.comment) > 1 else None
    first = first + _tokens_lines(above) + (_tokens_lines(own) if own is not above else [])
    if slots and len(slots) > 3:
        slots[3] = None
    seq.ca.comment = None
    groups = [first]
    for i in range(len(seq)):
        groups[i] += _take_pre(seq, i)
        groups.append(_take_after(seq, i))
    groups[-1] += _take_end(seq)
    return groups


def _put_groups(parent: Any, key: Any, seq: CommentedSeq, groups: list[list[str]]) -> None:
    """Put the groups `_take_groups` took (one more than there are items) back around the items."""
    eol, _ = comment_after(parent, key)
    if not seq:
        seq.fa.set_flow_style()  # `[]`, with the comment lines below it
        set_comment_after(parent, key, eol, groups[0])
        return
    if seq.fa.flow_style():
        seq.fa.set_block_style()  # comments and block scalars need a block list
    above = [lines_token(groups[0])] if groups[0] else None
    if isinstance(parent, CommentedMap):
        slots = parent.ca.items.setdefault(key, [None, None, None, None])
        while len(slots) < 4:
            slots.append(None)
        slots[3] = above
    seq.ca.comment = [None, above] if above else None  # the same list: ruamel resets it per dump
    for i in range(len(seq)):
        _put_after(seq, i, groups[i + 1])


def _take_entries(seq: CommentedSeq) -> list[Any]:
    """Detach the comment slots ruamel keeps per position of `seq` (they follow their items)."""
    entries = [seq.ca.items.pop(i, None) for i in range(len(seq))]
    seq.ca.items.clear()
    return entries


def _put_entries(seq: CommentedSeq, entries: list[Any]) -> None:
    for i, entry in enumerate(entries):
        if entry is not None:
            seq.ca.items[i] = entry


def _entry_lines(holder: Any, key: Any, column: int) -> list[str]:
    """Every comment in the entry `holder[key]`, in order, as whole lines (an end-of-line comment
    indented to `column`)."""
    slots = holder.ca.items.get(key) or []
    value = holder[key]
    lines = _tokens_lines(slots[1]) if len(slots) > 1 and isinstance(slots[1], list) else []
    eol, after = comment_after(holder, key)
    if eol:
        lines.append(" " * column + eol)
    above = slots[3] if isinstance(holder, CommentedMap) and len(slots) > 3 else None
    if isinstance(above, list) and not is_block_scalar(value):  # between a key and its block value
        lines += _tokens_lines(above)
    return lines + _inner_lines(value, column) + after


def _inner_lines(node: Any, column: int) -> list[str]:
    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return []
    lines = _tokens_lines(node.ca.comment[1]) if node.ca.comment and len(node.ca.comment) > 1 else []
    for key in list(node) if isinstance(node, CommentedMap) else range(len(node)):
        lines += _entry_lines(node, key, column)
    return lines + _tokens_lines(node.ca.end)


# --------------------------------------------------------------------------- writing


def faithful_text(data: Any) -> str:
    """`data` as YAML text that reads back as `data`.

    The dump is read back (libyaml, else ruamel's own parser) and compared. Should it ever differ,
    the comments are moved to the left margin (where no scalar can take them in) and it is dumped
    again; failing that, the data is written without comments; failing that, ValueError: a draft
    drafter cannot write faithfully is not written at all.
    """
    text = dumps_roundtrip(data)
    if _reads_back(text, data):
        return text
    _flatten_comments(data)
    text = dumps_roundtrip(data)
    if _reads_back(text, data):
        return text
    try:
        text = dumps_roundtrip(_bare(data, [MAX_VALUES]))
    except _Unwieldy:
        pass
    else:
        if _reads_back(text, data):
            return text
    raise ValueError("drafter cannot write this draft as YAML that reads back the same")


def _reads_back(text: str, data: Any) -> bool:
    try:
        want = _bare(data, [MAX_VALUES])
    except _Unwieldy:  # shared or cyclic (aliases), or huge: that it parses is all that is checked
        try:
            loads_roundtrip(text)
        except Exception:
            return False
        return True
    loaded = read_yaml_text(text)
    if not loaded.findings:
        return _same(loaded.data, want)
    try:  # what libyaml refuses and ruamel reads (see `yamlio.read`)
        return _same(_bare(loads_roundtrip(text), [MAX_VALUES]), want)
    except Exception:
        return False


class _Unwieldy(Exception):
    """Data too large, or shared or cyclic (aliases), to compare value by value."""


def _bare(value: Any, budget: list[int], seen: frozenset[int] = frozenset()) -> Any:
    """Round-trip data as plain values (keys kept as they are), to compare; _Unwieldy past `budget`
    values or nesting, or for data that holds itself."""
    budget[0] -= 1
    if budget[0] < 0 or len(seen) > MAX_DEPTH:
        raise _Unwieldy
    if isinstance(value, (dict, list)):
        if id(value) in seen:
            raise _Unwieldy
        inner = seen | {id(value)}
        if isinstance(value, dict):
            return {_bare(k, budget, inner): _bare(v, budget, inner) for k, v in value.items()}
        return [_bare(v, budget, inner) for v in value]
    if isinstance(value, TaggedScalar):
        return ("!", str(value.tag), value.value)
    if isinstance(value, str):
        return str(value)
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b if isinstance(a, (bool, int, float)) else a == b


def _flatten_comments(data: Any) -> None:
    """Every comment line to the left margin, blank lines dropped: text no scalar can take in."""
    stack = [data]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen or not isinstance(node, (CommentedMap, CommentedSeq)):
            continue
        seen.add(id(node))
        for key in list(node) if isinstance(node, CommentedMap) else range(len(node)):
            eol, lines = comment_after(node, key)
            if lines:
                set_comment_after(node, key, eol, [line.strip() for line in lines if line.strip()])
            for tokens in (node.ca.items.get(key) or [])[1:]:
                _flatten_tokens(tokens)
            stack.append(node[key])
        if node.ca.comment:
            for tokens in node.ca.comment[1:]:
                _flatten_tokens(tokens)
        _flatten_tokens(node.ca.end)


def _flatten_tokens(tokens: Any) -> None:
    """Flatten a list of whole-line comment tokens in place (the list may be shared)."""
    if not isinstance(tokens, list):
        return
    for i in reversed(range(len(tokens))):
        if tokens[i] is None or isinstance(tokens[i], str):
            continue
        flat = [line.strip() for line in token_lines(tokens[i]) if line.strip()]
        if flat:
            tokens[i] = lines_token(flat)
        else:
            del tokens[i]


