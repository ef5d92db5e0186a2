"""The edit operations on a draft's round-trip data: items of an answer (or of any item list), whole
answers, comments on a document's paragraphs (the respondent's are `draft_respondent`'s).
`DraftEditor` is built on these.

Invariant: only the touched lines change, and comment lines are never dropped. Where they go when
the items around them change:

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

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .model import Draft, Item, TextItem
from .yamlio.comment_lines import (
    append_key,
    assign,
    dash_column,
    delete_key,
    entry_lines,
    insert_key,
    put_entries,
    put_groups,
    styled_value,
    take_entries,
    take_groups,
    tokens_lines,
)
from .yamlio.roundtrip import comment_after, set_comment_after

Where = str | tuple
"""Where an item list is: a question id (shorthand for `("answers", id)`) or a key path."""


def _path(where: Where) -> tuple:
    return ("answers", where) if isinstance(where, str) else tuple(where)


class DraftEdits:
    """The edit operations of `DraftEditor` (which this is the base of) on its round-trip `data`."""

    data: CommentedMap
    dirty: bool
    _model: Draft | None

    def _touch(self) -> None:
        self.dirty = True
        self._model = None

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
                    assign(node, key, child)
                else:
                    append_key(node, key, child, outer)
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

    def note_list(self, where: Where, note: str) -> None:
        """Add `note` to the end-of-line comment of the item list at `where` (its key's line), after
        what the comment says already (a new draft's question text); nothing when it is there."""
        parent, key, _ = self._list(where)
        eol, lines = comment_after(parent, key)
        said = (eol or "").strip()
        if note in said:
            return
        set_comment_after(parent, key, f"{said} · {note}" if said.startswith("#") else f"# {note}", lines)
        self._touch()

    def add_text(self, where: Where, text: str = "", *, index: int | None = None) -> int:
        item = CommentedMap()
        item["text"] = styled_value(text)
        return self._insert(where, item, index)

    def set_choice(self, where: Where, value: str) -> None:
        items = self.items(where)
        for item in items:
            if isinstance(item, CommentedMap) and "choice" in item:
                assign(item, "choice", value)
                self._touch()
                return
        item = CommentedMap()
        item["choice"] = styled_value(value)
        self._insert(where, item, None)

    def replace_items(self, where: Where, items: list) -> None:
        """Make the item list at `where` these items (plain mappings); comments in the list stay."""
        while len(self.items(where)):
            self.remove(where, len(self.items(where)) - 1)
        for value in items:
            item = CommentedMap()
            for key, v in (value.items() if isinstance(value, dict) else ()):
                item[key] = styled_value(v)
            self._insert(where, item, None)

    def _insert(self, where: Where, item: CommentedMap, index: int | None) -> int:
        parent, key, items = self._list(where)
        index = len(items) if index is None else max(0, min(index, len(items)))
        groups = take_groups(parent, key, items)
        items.insert(index, item)
        groups.insert(index, [])  # directly below the item before it, above the next one's comments
        put_groups(parent, key, items, groups)
        self._touch()
        return index

    def set_text(self, where: Where, index: int, text: str) -> None:
        item = self.items(where)[index]
        if item.get("text") == text:
            return
        assign(item, "text", text)
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
        groups = take_groups(parent, key, items)
        # the removed item's comments stay, above the next item (or closing the list)
        carried = entry_lines(items, index, dash_column(_path(where)))
        entries = take_entries(items)
        del items[index]
        del entries[index]
        put_entries(items, entries)
        groups[index : index + 2] = [groups[index] + carried + groups[index + 1]]
        put_groups(parent, key, items, groups)
        self._touch()

    def move(self, where: Where, index: int, delta: int) -> int:
        parent, key, items = self._list(where)
        target = index + delta
        if not (0 <= target < len(items) and 0 <= index < len(items)):
            return index
        groups = take_groups(parent, key, items)
        entries = take_entries(items)
        item = items[index]
        del items[index]
        items.insert(target, item)
        entries.insert(target, entries.pop(index))
        put_entries(items, entries)
        above = groups[:-1]  # each item's comment lines travel with it; the closing ones stay
        above.insert(target, above.pop(index))
        put_groups(parent, key, items, above + groups[-1:])
        self._touch()
        return target

    def set_variant(self, where: Where, index: int, variant: str) -> None:
        item = self.items(where)[index]
        if variant == "body":
            if "variant" in item:
                delete_key(item, "variant", column=dash_column(_path(where)) + 2)
        elif "variant" in item:
            assign(item, "variant", variant)
        else:
            insert_key(item, "variant", variant)
        self._touch()

    def set_pinned(self, where: Where, index: int, pinned: str) -> None:
        item = self.items(where)[index]
        if "pinned" in item:
            assign(item, "pinned", pinned)
        else:  # keep `pinned` right after `block`
            insert_key(item, "pinned", pinned, after="block")
        self._touch()

    def replace_block(self, where: Where, index: int, ref: str, pinned: str, *, variant: str = "body") -> None:
        """Make the block item at `index` refer to block `ref`, pinned to `pinned`, in `variant`: the
        item keeps its place in the answer and every comment in and around it."""
        item = self.items(where)[index]
        if not isinstance(item, CommentedMap) or "block" not in item:
            raise ValueError(f"item {index} is not a block item")
        assign(item, "block", ref)
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
        src_groups, src_entries = take_groups(answers, key, src), take_entries(src)
        dst_groups, dst_entries = take_groups(answers, other, dst), take_entries(dst)
        closing = dst_groups.pop()
        for i, item in enumerate(list(src)):
            dst.append(item)
            dst_entries.append(src_entries[i])
            dst_groups.append(src_groups[i])
        dst_groups.append(closing + src_groups[-1])
        del src[:]
        put_entries(dst, dst_entries)
        put_groups(answers, other, dst, dst_groups)
        _delete_answer(answers, key)

    # ------------------------------------------------------------------ comments (document consultations)

    def add_comment(self, fields: dict[str, Any], *, index: int | None = None) -> int:
        """Insert a comment on a paragraph into `comments` at `index` (default the end): its keys in
        the order of `fields` (an empty list value becomes an empty item list); returns its index."""
        item = CommentedMap()
        for key, value in fields.items():
            item[key] = CommentedSeq() if value == [] else styled_value(value)
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
            assign(comment, key, value)
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
            delete_key(comment, key, column=dash_column(("comments",)) + 2)
            self._touch()


def _delete_answer(answers: CommentedMap, key: Any) -> None:
    """`delete_key` for an answer: the comment lines between its key and its first item are held
    twice by ruamel (above the list, and by the list itself); they are kept once."""
    value = answers[key]
    slots = answers.ca.items.get(key)
    above = slots[3] if slots and len(slots) > 3 else None
    own = value.ca.comment[1] if isinstance(value, CommentedSeq) and value.ca.comment and len(value.ca.comment) > 1 else None
    if above and own and (own is above or tokens_lines(own) == tokens_lines(above)):
        value.ca.comment[1] = None
    delete_key(answers, key, column=dash_column(("answers",)))
