"""Round-trip YAML for the files drafter edits: comments, order and quoting kept; block scalars for text."""


from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from .atomic import atomic_write_text
from .files import read_regular
from .guards import MAX_BYTES, MAX_DEPTH, too_deep
from .loader import RoundTripLoaderConstructor

# --------------------------------------------------------------------------- round trip


def _rt_yaml() -> YAML:
    y = YAML()  # typ="rt"
    y.Constructor = RoundTripLoaderConstructor
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    return y


def plain_data(value: Any) -> Any:
    """Round-trip containers and scalars → plain dicts, lists and str (what the models validate); a
    key read as a number (`9.9:`) becomes its text."""
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    return str(value) if isinstance(value, str) else value


def load_roundtrip(path: Path) -> Any:
    """Load for editing (ruamel round-trip: comments, order, quoting kept).

    Raises `YAMLError` (or `OSError`) for a file that cannot be read; read a file with `read_yaml`
    first to get findings instead. Files nested deeper than MAX_DEPTH are refused (the round-trip
    parser is recursive).
    """
    text = read_regular(path, MAX_BYTES).decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    if too_deep(text) is not None:
        raise YAMLError(f"{path}: nesting deeper than {MAX_DEPTH} levels")
    return _rt_yaml().load(text)


def loads_roundtrip(text: str) -> Any:
    """`load_roundtrip` for text in memory."""
    if too_deep(text) is not None:
        raise YAMLError(f"nesting deeper than {MAX_DEPTH} levels")
    return _rt_yaml().load(text)


# What a literal block scalar cannot hold (it would not read back the same, or not at all): other
# line breaks, control characters, and a tab opening a line (libyaml takes it for indentation).
_NOT_LITERAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\x85\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]|(?:^|\n)\t"
)


def timestamp(value: dt.datetime) -> Any:
    """`value` (with a time zone) as round-trip YAML writes it the way the formats' examples do:
    `2026-12-15T23:59:00+01:00` (a plain datetime would be written with a space for the T, and one
    in UTC as `…UTC`)."""
    from ruamel.yaml.timestamp import TimeStamp

    offset = value.utcoffset()
    if offset is None:
        raise ValueError("a timestamp needs a time zone")
    minutes = int(offset.total_seconds() // 60)
    name = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    out = TimeStamp(value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond,
                    tzinfo=dt.timezone(offset, name))
    out._yaml["t"] = True
    return out


def _literal_ok(text: str) -> bool:
    return "\n" in text and _NOT_LITERAL.search(text) is None


def to_block_scalar(text: str) -> Any:
    """`text` as a literal block scalar (`|`) when it spans lines, else unchanged.

    Text a block scalar cannot carry faithfully (control characters, `\\r`, a line starting with a
    tab) is left as it is, and ruamel writes it double-quoted with escapes.
    """
    if isinstance(text, str) and not isinstance(text, ScalarString) and _literal_ok(text):
        return LiteralScalarString(text)
    return text


_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


def styled(text: str) -> Any:
    """`text` as drafter writes it: a multi-line string as a literal block; one with NEL/LS/PS
    double-quoted (ruamel would write those raw into single quotes, where they read back as spaces);
    anything else unchanged (ruamel quotes it as needed)."""
    if _literal_ok(text):
        return LiteralScalarString(text)
    if _ODD_BREAKS.search(text):
        return DoubleQuotedScalarString(text)
    return text


_styled = styled


# --------------------------------------------------------------------------- comment lines
#
# ruamel keeps the comment lines that follow a scalar in one token after it: `ca.items[key][2]` in a
# mapping, `ca.items[index][0]` in a sequence. After a plain or quoted scalar its first line is the
# end-of-line comment (empty when there is none) and the rest are whole lines, each with its own
# indentation. After a block scalar (`|`, `>`) all its lines are whole lines (the first written at the
# token's column), and the end-of-line comment of the key stands on the `|` line, kept apart
# (`ca.items[key][3]`, a list holding the comment text). The same token text means different things
# in the two forms, so a value that changes between them takes its comments along
# (`set_comment_after`).


def is_block_scalar(value: Any) -> bool:
    """Whether ruamel writes `value` as a block scalar (`|` or `>`)."""
    return isinstance(value, (LiteralScalarString, FoldedScalarString))


def _keeps_trailing_lines(value: Any) -> bool:
    """A block scalar written with `+` (it ends in more than one line break): the blank lines that
    follow it are read as part of it."""
    return is_block_scalar(value) and value.endswith("\n") and (len(value) == 1 or value[-2] == "\n")


def _post_slot(holder: Any) -> int:
    return 2 if isinstance(holder, CommentedMap) else 0


def _indicator_comment(slots: Any) -> str | None:
    """The comment on a block scalar's `|` line, as ruamel keeps it (`[3]`: a list holding its text)."""
    held = slots[3] if slots and len(slots) > 3 else None
    if isinstance(held, list) and held and isinstance(held[0], str):
        return held[0].strip() or None
    return None


def comment_after(holder: Any, key: Any) -> tuple[str | None, list[str]]:
    """The end-of-line comment of the entry `holder[key]` and the whole comment lines (each with its
    indentation, `""` for a blank line) that follow its value before the next entry."""
    slots = holder.ca.items.get(key)
    at = _post_slot(holder)
    token = slots[at] if slots and len(slots) > at else None
    lines = token.value.split("\n") if token is not None else []
    if lines and lines[-1] == "":
        lines.pop()
    if is_block_scalar(holder[key]):
        if lines and lines[0]:
            lines[0] = " " * max(token.column, 0) + lines[0]  # type: ignore[union-attr]
        return (_indicator_comment(slots) if isinstance(holder, CommentedMap) else None), lines
    if not lines:
        return None, []
    return (lines[0] or None), lines[1:]


def set_comment_after(holder: Any, key: Any, eol: str | None, lines: list[str]) -> None:
    """Make `eol` and `lines` the comments of the entry `holder[key]`, in the form its value needs: after
    a block scalar the end-of-line comment goes on its `|` line (in a sequence, a whole line below)."""
    slots = holder.ca.items.get(key)
    at = _post_slot(holder)
    old = slots[at] if slots and len(slots) > at else None
    mapping = isinstance(holder, CommentedMap)
    indicator: list[str] | None = None
    token: CommentToken | None = None
    if is_block_scalar(holder[key]):
        whole = list(lines)
        if eol and mapping:
            indicator = ["  " + eol]
        elif eol:
            whole.insert(0, " " * max(old.column if old is not None else 0, 0) + eol)
        if whole:
            token = CommentToken("\n".join(whole) + "\n", CommentMark(0))
    elif eol or lines:
        text = (eol or "") + "\n" + "".join(line + "\n" for line in lines)
        mark = old.start_mark if eol and old is not None and old.value.startswith(eol) else CommentMark(0)
        token = CommentToken(text, mark)
    if token is None and indicator is None and not slots:
        return
    slots = holder.ca.items.setdefault(key, [None, None, None, None])
    while len(slots) < 4:
        slots.append(None)
    slots[at] = token
    if mapping and (indicator is not None or _indicator_comment(slots) is not None):
        slots[3] = indicator


def token_lines(token: Any) -> list[str]:
    """The whole lines of a comment token that stands on lines of its own (before an entry, or at the
    end of a collection)."""
    lines = token.value.split("\n")
    if lines[-1] == "":
        lines.pop()
    if lines and lines[0]:
        lines[0] = " " * max(token.column, 0) + lines[0]
    return lines


def lines_token(lines: list[str]) -> CommentToken:
    """A comment token of whole lines (each with its indentation), to stand before an entry."""
    return CommentToken("\n".join(lines) + "\n", CommentMark(0))


def _fit_comments(data: Any) -> None:
    """Keep the comment lines after each block scalar out of it, in place: a line indented as deep as
    the scalar's text would be read as text, and so would a blank line after a `+` block. Such lines
    move left to the column of the scalar's key; blank lines there are dropped.

    The columns are the ones `_rt_yaml` writes (mapping 2, sequence 4 with the dash at 2)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen: set[int] = set()
    while stack:
        node, col = stack.pop()
        if id(node) in seen or not isinstance(node, (CommentedMap, CommentedSeq)):
            continue
        seen.add(id(node))
        if node.fa.flow_style():
            continue
        entries = node.items() if isinstance(node, CommentedMap) else enumerate(node)
        inner = col + 2  # keys of a mapping value / dashes of a sequence value / content of an item
        for key, value in entries:
            if isinstance(value, (CommentedMap, CommentedSeq)):
                stack.append((value, inner))
            elif is_block_scalar(value):
                _fit_after(node, key, col)


def _fit_after(holder: Any, key: Any, limit: int) -> None:
    eol, lines = comment_after(holder, key)
    fitted = list(lines)
    if _keeps_trailing_lines(holder[key]):
        while fitted and not fitted[0].strip():
            fitted.pop(0)
    fitted = [
        " " * limit + line.lstrip(" \t") if len(line) - len(line.lstrip(" \t")) > limit else line
        for line in fitted
    ]
    if fitted != lines:
        set_comment_after(holder, key, eol, fitted)


def _blockify(data: Any) -> Any:
    """Turn multi-line plain strings into literal block scalars, in place (with the comment lines after
    them in the form a block scalar needs); return the data."""
    stack = [data]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            keys: Any = list(node.keys())
        elif isinstance(node, list):
            keys = range(len(node))
        else:
            continue
        for k in keys:
            v = node[k]
            if type(v) is str:
                new = _styled(v)
                if new is v:
                    continue
                if is_block_scalar(new) and isinstance(node, (CommentedMap, CommentedSeq)):
                    eol, lines = comment_after(node, k)
                    node[k] = new
                    set_comment_after(node, k, eol, lines)
                else:
                    node[k] = new
            elif isinstance(v, (dict, list)):
                stack.append(v)
    return data


def dumps_roundtrip(data: Any) -> str:
    """Round-trip data as YAML text (multi-line strings become block scalars; comment lines after a
    block scalar are kept out of it)."""
    _blockify(data)
    _fit_comments(data)
    buf = io.StringIO()
    _rt_yaml().dump(data, buf)
    return buf.getvalue()


def dump_roundtrip(data: Any, path: Path) -> None:
    """Write round-trip data atomically (indent mapping=2, sequence=4, offset=2; long text as block scalars)."""
    atomic_write_text(Path(path), dumps_roundtrip(data))


