"""Change round-trip mappings and lists without losing a comment line: set, insert and delete keys;
take the comment lines around a list's items out, and put them back once the list has changed.

Invariant: comment lines are never dropped; a key set keeps its comments, a key inserted goes above
the comment lines that followed the key before it, a key deleted leaves its comments to its
neighbours (its end-of-line comment as a whole line). The edit operations built on this, and where
they put comment lines, are `draft_edits`.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from .roundtrip import comment_after, is_block_scalar, lines_token, set_comment_after, styled, token_lines


def styled_value(value: Any) -> Any:
    """A value as drafter writes it: multi-line text as a `|` block scalar (so the file diffs and merges
    line by line) when a block can carry it, else quoted as needed."""
    return styled(value) if isinstance(value, str) and not isinstance(value, ScalarString) else value


# --------------------------------------------------------------------------- values and keys


def assign(mapping: CommentedMap, key: Any, value: Any) -> None:
    """Set a key's value (a new key goes last); its comments stay, in the form the new value needs.

    ruamel keeps an old string's style for a new plain string; a quoted style can carry any text
    (ruamel falls back to double quotes), a block style cannot: such a value is replaced outright.
    """
    value = styled_value(value)
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


def append_key(mapping: CommentedMap, key: Any, value: Any, outer: tuple[Any, Any] | None = None) -> None:
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
    mapping[key] = styled_value(value)
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
        mapping[key] = styled_value(value)
        return
    lines = _take_after(mapping, after)
    mapping.insert(keys.index(after) + 1, key, styled_value(value))
    _put_after(mapping, key, lines)


def delete_key(mapping: CommentedMap, key: str, *, column: int = 0) -> None:
    """Delete `key`; its comments go to the key before it (an end-of-line comment as a whole line at
    `column`), or above the key after it."""
    keys = list(mapping.keys())
    at = keys.index(key)
    carried = entry_lines(mapping, key, column)
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
# such line out into groups (`take_groups`), change the list, and put the groups back in the places
# ruamel writes them from (`put_groups`).


def dash_column(path: tuple) -> int:
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


def tokens_lines(tokens: Any) -> list[str]:
    return [line for token in tokens or [] if token is not None and not isinstance(token, str) for line in token_lines(token)]


def _take_end(collection: Any) -> list[str]:
    lines = tokens_lines(collection.ca.end)
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
    lines = tokens_lines(slots[1])
    slots[1] = None
    return lines


def take_groups(parent: Any, key: Any, seq: CommentedSeq) -> list[list[str]]:
    """Take every whole comment line around the items of `seq` (held at `parent[key]`) out of the data:
    n + 1 groups, the lines above each item and the lines closing the list (for an empty list, the
    one group closes it). End-of-line comments stay where they are."""
    eol, first = comment_after(parent, key)
    if first:
        set_comment_after(parent, key, eol, [])
    slots = parent.ca.items.get(key) if isinstance(parent, CommentedMap) else None
    above = slots[3] if slots and len(slots) > 3 else None
    own = seq.ca.comment[1] if seq.ca.comment and len(seq.ca.comment) > 1 else None
    first = first + tokens_lines(above) + (tokens_lines(own) if own is not above else [])
    if slots and len(slots) > 3:
        slots[3] = None
    seq.ca.comment = None
    groups = [first]
    for i in range(len(seq)):
        groups[i] += _take_pre(seq, i)
        groups.append(_take_after(seq, i))
    groups[-1] += _take_end(seq)
    return groups


def put_groups(parent: Any, key: Any, seq: CommentedSeq, groups: list[list[str]]) -> None:
    """Put the groups `take_groups` took (one more than there are items) back around the items."""
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


def take_entries(seq: CommentedSeq) -> list[Any]:
    """Detach the comment slots ruamel keeps per position of `seq` (they follow their items)."""
    entries = [seq.ca.items.pop(i, None) for i in range(len(seq))]
    seq.ca.items.clear()
    return entries


def put_entries(seq: CommentedSeq, entries: list[Any]) -> None:
    for i, entry in enumerate(entries):
        if entry is not None:
            seq.ca.items[i] = entry


def entry_lines(holder: Any, key: Any, column: int) -> list[str]:
    """Every comment in the entry `holder[key]`, in order, as whole lines (an end-of-line comment
    indented to `column`)."""
    slots = holder.ca.items.get(key) or []
    value = holder[key]
    lines = tokens_lines(slots[1]) if len(slots) > 1 and isinstance(slots[1], list) else []
    eol, after = comment_after(holder, key)
    if eol:
        lines.append(" " * column + eol)
    above = slots[3] if isinstance(holder, CommentedMap) and len(slots) > 3 else None
    if isinstance(above, list) and not is_block_scalar(value):  # between a key and its block value
        lines += tokens_lines(above)
    return lines + _inner_lines(value, column) + after


def _inner_lines(node: Any, column: int) -> list[str]:
    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return []
    lines = tokens_lines(node.ca.comment[1]) if node.ca.comment and len(node.ca.comment) > 1 else []
    for key in list(node) if isinstance(node, CommentedMap) else range(len(node)):
        lines += entry_lines(node, key, column)
    return lines + tokens_lines(node.ca.end)
