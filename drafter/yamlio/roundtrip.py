"""Round-trip YAML for the files drafter edits: comments, order and quoting kept; block scalars for text."""


from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString

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


# What a literal block scalar cannot hold (it would not read back the same, or not at all): other
# line breaks, control characters, and a tab opening a line (libyaml takes it for indentation).
_NOT_LITERAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\x85\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]|(?:^|\n)\t"
)


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


def _styled(text: str) -> Any:
    """A multi-line string as a literal block; one with NEL/LS/PS double-quoted (ruamel would write
    those raw into single quotes, where they read back as spaces); anything else unchanged."""
    if _literal_ok(text):
        return LiteralScalarString(text)
    if _ODD_BREAKS.search(text):
        return DoubleQuotedScalarString(text)
    return text


def _blockify(data: Any) -> Any:
    """Turn multi-line plain strings into literal block scalars, in place; return the data."""
    stack = [data]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            for k, v in list(node.items()):
                if type(v) is str:
                    node[k] = _styled(v)
                elif isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                if type(v) is str:
                    node[i] = _styled(v)
                elif isinstance(v, (dict, list)):
                    stack.append(v)
    return data


def dumps_roundtrip(data: Any) -> str:
    """Round-trip data as YAML text (multi-line strings become block scalars)."""
    buf = io.StringIO()
    _rt_yaml().dump(_blockify(data), buf)
    return buf.getvalue()


def dump_roundtrip(data: Any, path: Path) -> None:
    """Write round-trip data atomically (indent mapping=2, sequence=4, offset=2; long text as block scalars)."""
    atomic_write_text(Path(path), dumps_roundtrip(data))


