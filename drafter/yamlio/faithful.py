"""Round-trip data as YAML text that reads back as the same data: what drafter writes a draft as.

Invariant: `faithful_text` returns text whose plain values equal the data's, or raises ValueError;
comments are given up (moved to the left margin, then dropped) before faithfulness is.
"""

from __future__ import annotations

import math
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from .guards import MAX_DEPTH, MAX_VALUES
from .read import read_yaml_text
from .roundtrip import comment_after, dumps_roundtrip, lines_token, loads_roundtrip, set_comment_after, token_lines


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
