"""YAML in and out: fast safe loading with exact error positions, round-trip editing, atomic writes.

Invariant: reading never raises for bad input — every problem becomes a `Finding` naming file, line
and column (1-based); writing goes through a temporary file in the target folder and `os.replace`,
so a failed write leaves the previous file untouched.

Reading uses ruamel.yaml's C parser (libyaml via ruamel.yaml.clib) with the safe constructor.
Hostile input is bounded before it reaches anything recursive or exponential:

* nesting: the C composer recurses without a guard (50,000 levels crash the interpreter), so the
  text's nesting depth is bounded first — a cheap upper bound from the text, and where that bound
  is too high an exact count over the parser's event stream, which is iterative — and files deeper
  than `MAX_DEPTH` are refused;
* aliases: the composed node graph is measured with a memo before anything is constructed, and a
  file whose aliases expand to more than `MAX_NODES` values (a "billion laughs" bomb, or a merge-key
  bomb) or refer to their own parent is refused;
* size: files over `MAX_BYTES` are refused unread, files of more than `MAX_VALUES` values are
  refused while parsing, and at most `MAX_SCHEMA_FINDINGS` schema findings are made per file.

libyaml follows YAML 1.1 inside flow collections and refuses `tags: [wsis:C1]`, which YAML 1.2 and
the round-trip loader accept; for that error alone (and small files) the pure-Python parser is
asked too.

Positions of schema errors come from the node tree the loader composed anyway (every node carries
its start mark), so finding a key's line and column costs no second parse. `Loaded.position`
composes the text itself only for a `Loaded` made without one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import io
import os
import re
import stat
import tempfile
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Discriminator, Tag, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.tag import Tag as _YTag

from .findings import Finding, finding

try:  # the C parser (libyaml) shipped by ruamel.yaml.clib
    from _ruamel_yaml import CParser as _CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - ruamel.yaml.clib is a hard dependency
    from ruamel.yaml.main import CParser as _CParser  # type: ignore[attr-defined]

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists accepted; drafter's own files need fewer than ten."""
MAX_NODES = 1_000_000
"""Most values a file may expand to once its aliases are followed."""
MAX_VALUES = 250_000
"""Most values (scalars, lists, mappings) a file may hold as written; parsing that many takes seconds."""
MAX_TAGS = 100_000
"""Most `!` characters (explicit tags bypass the value count) a file may hold."""
MAX_BYTES = 16 * 1024 * 1024
"""Largest file read."""
MAX_SCHEMA_FINDINGS = 100
"""Most schema findings reported for one file (one more says how many were left out)."""

C_PARSER = _CParser is not None
"""True when the fast C parser is available (it always is with ruamel.yaml.clib installed)."""


# --------------------------------------------------------------------------- the fast safe loader


class _Constructor(SafeConstructor):
    """The safe constructor, but a scalar that looks like a date or number and is not one (month 13,
    an integer of 100,000 digits) stays a string, so that the schema names the key instead of the
    loader failing the whole file."""

    def _timestamp_or_str(self, node: Any, values: Any = None) -> Any:
        try:
            return SafeConstructor.construct_yaml_timestamp(self, node, values)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def _int_or_str(self, node: Any) -> Any:
        try:
            return SafeConstructor.construct_yaml_int(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def _float_or_str(self, node: Any) -> Any:
        try:
            return SafeConstructor.construct_yaml_float(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor._timestamp_or_str)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor._int_or_str)
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor._float_or_str)


class _RTConstructor(RoundTripConstructor):
    """The round-trip constructor with the same leniency as `_Constructor` (bad dates stay text)."""

    def _timestamp_or_str(self, node: Any, values: Any = None) -> Any:
        try:
            return RoundTripConstructor.construct_yaml_timestamp(self, node, values)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def _int_or_str(self, node: Any) -> Any:
        try:
            return RoundTripConstructor.construct_yaml_int(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def _float_or_str(self, node: Any) -> Any:
        try:
            return RoundTripConstructor.construct_yaml_float(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_RTConstructor.add_constructor("tag:yaml.org,2002:timestamp", _RTConstructor._timestamp_or_str)
_RTConstructor.add_constructor("tag:yaml.org,2002:int", _RTConstructor._int_or_str)
_RTConstructor.add_constructor("tag:yaml.org,2002:float", _RTConstructor._float_or_str)


def _resolver_table() -> dict[Any, list[tuple[Any, Any]]]:
    """The YAML 1.2 implicit resolvers, by first character (None: any character), built once."""
    table: dict[Any, list[tuple[Any, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for ch in first if first is not None else [None]:
                table.setdefault(ch, []).append((tag, regexp))
    return table


_RESOLVERS = _resolver_table()
_RESOLVERS_ANY = tuple(_RESOLVERS.get(None, ()))
_TAGS = {tag: _YTag(suffix=tag) for pairs in _RESOLVERS.values() for tag, _ in pairs}
_RESOLVERS_BY_CHAR = {ch: tuple(pairs) + _RESOLVERS_ANY for ch, pairs in _RESOLVERS.items() if ch is not None}


if _CParser is not None:

    class _FastLoader(_CParser, _Constructor, VersionedResolver):  # type: ignore[misc, valid-type]
        """libyaml parser + safe constructor + YAML 1.2 resolver; what `YAML(typ="safe", pure=False)`
        builds on every call, built once here (and with a resolver that does not rebuild its rule
        table or raise two exceptions for every scalar)."""

        processing_version = (1, 2)

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            self._parser = self._composer = self
            _Constructor.__init__(self, loader=self)
            self.allow_duplicate_keys = False
            VersionedResolver.__init__(self, version=(1, 2), loadumper=self)

        _count = 0

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            self._count += 1  # every node without an explicit tag comes through here
            if self._count > MAX_VALUES:
                raise _Refused(
                    f"file has more than {MAX_VALUES:,} values",
                    None,
                    "drafter's files hold one block, library, consultation or draft each",
                )
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in _RESOLVERS_BY_CHAR.get(value[:1], _RESOLVERS_ANY):
                        if regexp.match(value):
                            return _TAGS[tag]
                return self.DEFAULT_SCALAR_TAG
            if kind is SequenceNode:
                return self.DEFAULT_SEQUENCE_TAG
            return self.DEFAULT_MAPPING_TAG

else:  # pragma: no cover
    _FastLoader = None  # type: ignore[assignment, misc]


# --------------------------------------------------------------------------- Loaded


@dataclass
class Loaded:
    """A YAML file read with the fast safe loader: plain data, or findings saying why not."""

    path: Path
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None
    display: str | None = None
    _tree: Any = field(default=None, repr=False, compare=False)
    _index: dict[int, dict[Any, tuple[Any, Any]]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def file(self) -> str:
        """The path as findings name it."""
        return self.display if self.display is not None else str(self.path)

    def node_tree(self) -> Any:
        """The file's nodes, which carry their positions: kept from `read_yaml`, or composed from
        `text` on the first call (C parser); None if that fails."""
        if self._tree is None:
            tree: Any = _NO_TREE
            if self.text is not None and _too_deep(self.text) is None:
                gc_was_on = gc.isenabled()
                gc.disable()
                try:
                    tree = _compose(self.text)
                except Exception:  # noqa: BLE001 - positions are best effort
                    tree = _NO_TREE
                finally:
                    if gc_was_on:
                        gc.enable()
            self._tree = tree if tree is not None else _NO_TREE
        return None if self._tree is _NO_TREE else self._tree

    def position(self, loc: Loc, *, key: bool = True) -> tuple[int, int] | None:
        """1-based (line, column) of the key (or value) at `loc`; nearest existing parent if absent."""
        node = self.node_tree()
        if node is None:
            return None if self.text is None else (1, 1)
        line, col = 0, 0
        for i, part in enumerate(loc):
            if isinstance(node, MappingNode):
                entries = self._entries(node)
                pair = entries.get(_hashable(part)) or entries.get(("str", str(part)))
                if pair is None:
                    break
                k, v = pair
                mark = v.start_mark if (i == len(loc) - 1 and not key) else k.start_mark
                node = v
            elif isinstance(node, SequenceNode) and isinstance(part, int) and not isinstance(part, bool):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                mark = node.start_mark
            else:
                break
            line, col = mark.line, mark.column
        return line + 1, col + 1

    def _entries(self, mapping: Any) -> dict[Any, tuple[Any, Any]]:
        """A mapping node's entries by constructed key (built once per mapping)."""
        index = self._index.get(id(mapping))
        if index is None:
            index = {}
            keys = _FastLoader("")
            for k, v in mapping.value:
                try:
                    value = keys.construct_object(k, deep=True) if isinstance(k, ScalarNode) else k.value
                    index[_hashable(value)] = (k, v)
                    index[("str", str(value))] = (k, v)
                except Exception:  # noqa: BLE001 - an odd key cannot be pointed at; skip it
                    continue
            self._index[id(mapping)] = index
        return index


_NO_TREE = object()  # marker: composing the text for positions failed


def _hashable(value: Any) -> Any:
    """A dictionary key for a YAML key: true and 1 stay apart, unhashable keys become their repr."""
    try:
        hash(value)
    except TypeError:
        return ("repr", repr(value))
    return ("num", type(value) is bool, value) if isinstance(value, (bool, int, float)) else value


def _compose(text: str) -> Any:
    """The node tree of `text`; the pure-Python composer where libyaml is stricter than YAML 1.2."""
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except MarkedYAMLError as e:
        if not _c_is_stricter(e, text):
            raise
    finally:
        loader.dispose()
    y = YAML(typ="safe", pure=True)
    constructor, parser = y.get_constructor_parser(text)
    try:
        return constructor.composer.get_single_node()
    finally:
        parser.dispose()


# --------------------------------------------------------------------------- reading


def read_yaml(path: Path, *, display: str | None = None) -> Loaded:
    """Read one YAML file; syntax, encoding, emptiness, duplicate keys, tabs, bombs become findings."""
    path = Path(path)
    loaded = Loaded(path=path, display=display if display is not None else str(path))
    file = loaded.file

    def fail(message: str, line: int | None = 1, column: int | None = 1, hint: str | None = None) -> Loaded:
        loaded.data = None
        loaded.findings = [finding("yaml", message, hint=hint, file=file, line=line, column=column)]
        return loaded

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return fail(f"file is too large ({size / 1048576:.0f} MB; the limit is {MAX_BYTES // 1048576} MB)")
        raw = path.read_bytes()
    except FileNotFoundError:
        return fail("file not found", None, None)
    except IsADirectoryError:
        return fail("is a folder, not a file", None, None)
    except OSError as e:
        return fail(f"cannot read file: {e.strerror or e}", None, None)
    if len(raw) > MAX_BYTES:
        return fail(f"file is too large (the limit is {MAX_BYTES // 1048576} MB)")
    return _parse_into(loaded, raw, fail)


def read_yaml_text(text: str | bytes, *, display: str = "<string>") -> Loaded:
    """`read_yaml` for text already in memory (tests, editors)."""
    loaded = Loaded(path=Path(display), display=display)

    def fail(message: str, line: int | None = 1, column: int | None = 1, hint: str | None = None) -> Loaded:
        loaded.data = None
        loaded.findings = [finding("yaml", message, hint=hint, file=display, line=line, column=column)]
        return loaded

    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return _parse_into(loaded, raw, fail)


def _parse_into(loaded: Loaded, raw: bytes, fail: Any) -> Loaded:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _byte_position(raw, e.start)
        return fail(
            f"not valid UTF-8 (byte 0x{raw[e.start]:02x})",
            line,
            col,
            hint="save the file as UTF-8",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    loaded.text = text
    if not text or text.isspace():
        return fail("file is empty")
    if _FastLoader is None:  # pragma: no cover
        return fail("the C YAML parser (ruamel.yaml.clib) is not installed", None, None)

    depth_at = _too_deep(text)
    if depth_at is not None:
        return fail(
            f"nesting deeper than {MAX_DEPTH} levels",
            depth_at[0],
            depth_at[1],
            hint="drafter's files need only a few levels of mappings and lists",
        )

    if text.count("!") > MAX_TAGS:
        return fail(f"file has more than {MAX_TAGS:,} '!' characters (explicit tags)")
    gc_was_on = gc.isenabled()
    gc.disable()  # parsing makes many objects and no cycles: the collector would only slow it down
    try:
        try:
            tree, data = _load_document(_FastLoader(text), text)
        except MarkedYAMLError as e:
            if not _c_is_stricter(e, text):
                raise
            try:  # YAML 1.2 allows what libyaml refuses here: ask the pure-Python parser
                tree, data = _load_pure(text)
            except Exception:  # noqa: BLE001
                raise e from None
    except _Refused as r:
        line, col = (r.mark.line + 1, r.mark.column + 1) if r.mark is not None else (1, 1)
        return fail(r.message, line, col, hint=r.hint)
    except ReaderError as e:
        line, col = _byte_position(text.encode("utf-8", "surrogatepass"), int(e.position or 0))
        char = e.character
        what = f"character U+{char:04X}" if isinstance(char, int) else "character"
        return fail(f"{what} is not allowed in YAML ({e.reason})", line, col, hint="remove the control character")
    except MarkedYAMLError as e:
        message, hint, mark = _describe_yaml_error(e, text)
        if mark is None:
            return fail(message, hint=hint)
        return fail(message, mark.line + 1, mark.column + 1, hint=hint)
    except RecursionError:
        return fail(f"nesting deeper than {MAX_DEPTH} levels", hint="aliases or merge keys nest too deeply")
    except Exception as e:  # noqa: BLE001 - reading never raises for bad input
        return fail(f"cannot read YAML: {e}")
    finally:
        if gc_was_on:
            gc.enable()
    loaded.data = data
    loaded._tree = tree  # kept for positions: it costs nothing more, and re-composing a big file does
    return loaded


class _Refused(Exception):
    def __init__(self, message: str, mark: Any = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.mark, self.hint = message, mark, hint


def _load_document(loader: Any, text: str) -> tuple[Any, Any]:
    """Compose one document, check its aliases, construct it; return (node tree, data).
    `loader` is disposed of."""
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Refused("file is empty", None, "the file holds only comments or blank lines")
        if "*" in text:  # aliases are possible
            problem = _alias_problem(node)
            if problem is not None:
                raise _Refused(problem[0], problem[1], "expand the aliases by hand, or remove them")
        return node, loader.construct_document(node)
    finally:
        try:
            loader.dispose()
        except Exception:  # noqa: BLE001
            pass
        # The loader refers to itself (parser = composer = constructor = resolver); drop those
        # references so it is freed now, not at the next garbage collection.
        vars(loader).clear()


_PURE_FALLBACK_MAX = 256 * 1024


def _c_is_stricter(e: MarkedYAMLError, text: str) -> bool:
    """libyaml follows YAML 1.1 in flow collections and refuses `[wsis:C1, https://x.org]`, which
    YAML 1.2 (and drafter's own round-trip loader) accept; such files get a second, pure-Python
    parse (small files only: that parser is slow)."""
    return "found unexpected ':'" in (e.problem or "") and len(text) <= _PURE_FALLBACK_MAX


def _load_pure(text: str) -> tuple[Any, Any]:
    y = YAML(typ="safe", pure=True)
    y.Constructor = _Constructor
    constructor, parser = y.get_constructor_parser(text)
    try:
        return _load_document(_PureAdapter(constructor, parser), text)
    finally:
        try:
            parser.dispose()
        except Exception:  # noqa: BLE001
            pass


class _PureAdapter:
    """The pure-Python loader's parts behind the `_FastLoader` methods `_load_document` calls."""

    def __init__(self, constructor: Any, parser: Any) -> None:
        self.constructor, self.parser = constructor, parser

    def get_single_node(self) -> Any:
        return self.constructor.composer.get_single_node()

    def construct_document(self, node: Any) -> Any:
        return self.constructor.construct_document(node)

    def dispose(self) -> None:
        self.parser.dispose()


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    offset = max(0, min(offset, len(raw)))
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    if line == 1 and raw.startswith(b"\xef\xbb\xbf") and offset >= 3:
        col -= 1
    return line, col


# nesting bound ---------------------------------------------------------------------------------

_K = 24  # a line whose indentation and indicators reach this many characters may nest deeply
_DEEP_HEAD = re.compile("[ \t?:-]{%d}" % _K)
_DEEP_LINE = re.compile("\n[ \t?:-]{%d}" % _K)
_DEEP_LINE_ANY = re.compile("[\n\r\x85\u2028\u2029][ \t?:-]{%d}" % _K)
_FLOW_BUDGET = MAX_DEPTH - 2 * (_K + 1) - 2


def _maybe_deep(text: str) -> bool:
    """False when the text certainly nests no deeper than MAX_DEPTH (a cheap, safe upper bound).

    A block collection nested d levels deep starts at column ≥ (d - 1) // 2, and on its line only
    spaces, tabs and the indicators `-`, `?`, `:` precede it; so if no line starts with _K such
    characters, block nesting is at most 2·_K. Each flow level needs its own `[` or `{`.
    """
    if text.count("[") + text.count("{") > _FLOW_BUDGET:
        return True
    if _DEEP_HEAD.match(text):
        return True
    odd_breaks = "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text
    return (_DEEP_LINE_ANY if odd_breaks else _DEEP_LINE).search(text) is not None


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting first exceeds MAX_DEPTH (1-based line, column), or None.

    Cheap bound first (`_maybe_deep`); only when that cannot rule it out are the parser's events
    counted (libyaml's parser is a state machine, so this cannot overflow the stack).
    """
    if not _maybe_deep(text):
        return None
    starts = (ev.MappingStartEvent, ev.SequenceStartEvent)
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    parser = _CParser(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, ev.StreamEndEvent):
                return None
            if isinstance(event, starts):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return mark.line + 1, mark.column + 1
            elif isinstance(event, ends):
                depth -= 1
    except Exception:  # noqa: BLE001 - a syntax error is reported by the real parse
        return None
    finally:
        try:
            parser.dispose()
        except Exception:  # noqa: BLE001
            pass


# aliases ---------------------------------------------------------------------------------------


def _children(node: Any) -> list[Any]:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        out = []
        for k, v in node.value:
            out.append(k)
            out.append(v)
        return out
    return []


def _alias_problem(root: Any) -> tuple[str, Any] | None:
    """Measure the node graph as if every alias were expanded, with a memo; refuse a bomb or a cycle."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            on_path.discard(nid)
            total = 1
            for child in _children(node):
                total += sizes[id(child)]
            sizes[nid] = total
            if total > MAX_NODES:
                return (
                    f"aliases expand to more than {MAX_NODES:,} values (an alias bomb?)",
                    node.start_mark,
                )
            continue
        if nid in sizes:
            continue
        if nid in on_path:
            return "an alias refers to a mapping or list that contains it (recursive data)", node.start_mark
        if not isinstance(node, (SequenceNode, MappingNode)):
            sizes[nid] = 1
            continue
        on_path.add(nid)
        stack.append((node, True))
        for child in _children(node):
            if id(child) not in sizes:
                stack.append((child, False))
    return None


# syntax error messages -------------------------------------------------------------------------

_CONTEXTS = {
    "flow sequence": "[…] list",
    "flow mapping": "{…} mapping",
    "block mapping": "mapping",
    "block collection": "list or mapping",
    "quoted scalar": "quoted string",
    "block scalar": "block of text",
    "plain scalar": "value",
    "directive": "directive",
    "anchor": "anchor",
    "alias": "alias",
    "tag": "tag",
    "simple key": "key",
}
_DUPLICATE = re.compile(r'found duplicate key "(.*?)" with value "', re.DOTALL)


def _describe_yaml_error(e: MarkedYAMLError, text: str) -> tuple[str, str | None, Any]:
    """A readable message, a hint and the mark for a ruamel/libyaml error."""
    mark = e.problem_mark or e.context_mark
    problem = (e.problem or e.context or "invalid YAML").strip()
    line_text = ""
    if mark is not None:
        lines = text.split("\n", mark.line + 1)
        line_text = lines[mark.line] if mark.line < len(lines) else ""
    char = line_text[mark.column] if mark is not None and mark.column < len(line_text) else ""
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]

    if "duplicate merge key" in problem:
        return "duplicate merge key '<<'", "merge several mappings with one `<<: [*a, *b]`", mark
    m = _DUPLICATE.search(problem)
    if m:
        key = m.group(1)
        return f"duplicate key '{key}'", "each key may appear only once in a mapping", mark
    if "tab character" in problem or char == "\t" or (mark is not None and "\t" in indent and mark.column <= len(indent)):
        return "tab character used for indentation; use spaces", "YAML indents with spaces only", mark
    if "undefined alias" in problem:
        return "alias to an undefined anchor", None, mark
    if "unexpected end of stream" in problem:
        what = (e.context or "").replace("while scanning ", "")
        msg = f"unexpected end of file ({what} not closed)" if what else "unexpected end of file"
        return msg, "close the quote or bracket", e.context_mark or mark
    if "mapping values are not allowed" in problem:
        return (
            "unexpected ':' (a value containing ': ' must be quoted, or the indentation is wrong)",
            'quote the value, e.g. title: "Access: a priority"',
            mark,
        )
    if "did not find expected key" in problem:
        problem = "expected `key: value` here (check this line's indentation, or quote the value above)"
    elif "could not find expected ':'" in problem:
        problem = "expected ':' after a key (check the quoting and indentation)"
    elif "cannot start any token" in problem:
        shown = repr(char) if char else "this character"
        return (
            f"{shown} cannot start a plain value",
            "quote the value" if char in "`@%" else None,
            mark,
        )
    if "expected a single document" in problem or "expected a single document" in (e.context or ""):
        return "more than one YAML document in the file ('---')", "keep one object per file", mark
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '")
        return f"unsupported tag {tag}", "drafter's files use plain YAML without tags", mark
    message = problem
    context = (e.context or "").strip()
    what = next((w for k, w in _CONTEXTS.items() if k in context), None)
    cm = e.context_mark
    if what and cm is not None and (mark is None or (cm.line, cm.column) != (mark.line, mark.column)):
        message = f"{problem}, in the {what} that starts at line {cm.line + 1}, column {cm.column + 1}"
    elif context:
        message = f"{problem} ({context})"
    return message, None, mark


# --------------------------------------------------------------------------- validating


def validate(loaded: Loaded, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate loaded data against a model; each pydantic error is a `schema` finding at its key.

    A file that could not be read is not validated: its own findings are returned instead, so the
    result always holds every finding about the file.
    """
    if loaded.findings:
        return None, list(loaded.findings)
    file = loaded.file
    data = loaded.data
    if not isinstance(data, dict):
        fields = [n for n, f in model.model_fields.items() if f.is_required()] or list(model.model_fields)
        example = ", ".join(fields[:4]) + ("…" if len(fields) > 4 else "")
        return None, [
            finding(
                "schema",
                f"expected a mapping of keys ({example}), not {_describe_value(data)}",
                hint="the file holds one object: `key: value` lines at the left margin",
                file=file,
                line=1,
                column=1,
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    except Exception as exc:  # noqa: BLE001 - never raise for bad input
        return None, [finding("schema", f"cannot validate: {exc}", file=file, line=1, column=1)]
    out: list[Finding] = []
    seen: set[tuple] = set()
    if len(errors) > MAX_SCHEMA_FINDINGS:
        rest = len(errors) - MAX_SCHEMA_FINDINGS
        errors = errors[:MAX_SCHEMA_FINDINGS]
    else:
        rest = 0
    for err in errors:
        try:
            f = _error_finding(loaded, model, err, file)
        except Exception as exc:  # noqa: BLE001
            f = finding("schema", f"{err.get('msg', exc)}", file=file, line=1, column=1)
        k = (f.line, f.column, f.message)
        if k not in seen:
            seen.add(k)
            out.append(f)
    if rest:
        out.append(
            finding("schema", f"{rest:,} more schema problems not shown", file=file, line=1, column=1,
                    hint="fix the ones above and check again")
        )
    return None, out


def load_model(path: Path, model: type[M], *, display: str | None = None) -> tuple[M | None, list[Finding]]:
    """read_yaml + validate."""
    return validate(read_yaml(path, display=display), model)


# pydantic loc → YAML path ---------------------------------------------------------------------


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated and Optional; return the inner type and the Annotated metadata seen."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            tp = args[0]
            meta.extend(args[1:])
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp, meta


def _field_type(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields.get(name)
    if info is None:
        return Any
    tp = info.annotation
    extra = list(info.metadata)
    if info.discriminator is not None:
        extra.append(info.discriminator)
    return typing.Annotated[tuple([tp, *extra])] if extra else tp  # type: ignore[valid-type]


def _member_tag(member: Any) -> Any:
    if typing.get_origin(member) is typing.Annotated:
        for m in typing.get_args(member)[1:]:
            if isinstance(m, Tag):
                return m.tag
    return None


def _model_class(tp: Any) -> type[BaseModel] | None:
    tp = _unwrap(tp)[0]
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


@dataclass
class _Path:
    """A pydantic error location translated to the file: the YAML path, the model class each key of
    it belongs to, the type expected at its end, and whether the error is about a mapping key."""

    loc: Loc
    owners: list[type[BaseModel] | None]
    type: Any
    is_key: bool = False

    def owner(self, depth: int) -> type[BaseModel] | None:
        """Model class whose field is loc[depth]; depth == len(loc) is the value at the end."""
        if depth == len(self.loc):
            return _model_class(self.type)
        return self.owners[depth] if 0 <= depth < len(self.owners) else None


def _yaml_path(model: type[BaseModel], loc: tuple) -> _Path:
    """Walk the model's types along a pydantic loc, dropping pydantic's own parts: the tag of a
    discriminated union (`block`, `text`, `choice` in a draft's items), the member name of a plain
    union, and `[key]` (which marks an error in a mapping key)."""
    out: list[Any] = []
    owners: list[type[BaseModel] | None] = []
    tp: Any = model
    is_key = False
    i = 0
    while i < len(loc):
        part = loc[i]
        tp, meta = _unwrap(tp)
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            tagged = {_member_tag(m): m for m in members}
            if any(isinstance(m, (Discriminator, str)) for m in meta) or None not in tagged:
                tp = tagged.get(part, Any)
                i += 1
                continue
            names = {getattr(_unwrap(m)[0], "__name__", None) for m in members} | {str(m) for m in members}
            if isinstance(part, str) and (part in names or part.startswith(("function-", "constrained-"))):
                tp = Any
                i += 1
                continue
            tp = Any
        if part == "[key]":
            is_key = True
            i += 1
            continue
        out.append(part)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            owners.append(tp)
            tp = _field_type(tp, part) if isinstance(part, str) else Any
        else:
            owners.append(None)
            if origin in (list, tuple, set, frozenset):
                args = typing.get_args(tp)
                tp = args[0] if args else Any
            elif origin is dict:
                args = typing.get_args(tp)
                tp = args[1] if len(args) == 2 else Any
            else:
                tp = Any
        i += 1
    return _Path(tuple(out), owners, tp, is_key)


# messages --------------------------------------------------------------------------------------


def _describe_value(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _name(yloc: Loc) -> str:
    """How a message names the value at a YAML path: 'title', 'themes' item 2, item 1."""
    if not yloc:
        return "the file"
    if isinstance(yloc[-1], str):
        return f"'{yloc[-1]}'"
    keys = [p for p in yloc if isinstance(p, str)]
    base = f"'{keys[-1]}' " if keys else ""
    return f"{base}item {yloc[-1] + 1}"


_EXPECTED = {
    "string_type": "a string",
    "str_type": "a string",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dataclass_type": "a mapping",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "none_required": "empty",
}

_PATTERNS = {
    r"^[a-z0-9][a-z0-9-]*$": "use lower-case letters, digits and '-', starting with a letter or digit",
    r"^[a-z0-9-]+$": "use lower-case letters, digits and '-'",
    r"^[0-9a-f]{12}$": "it is the first 12 hex digits of the block's sha256",
    r"^([a-z0-9-]+/)?[a-z0-9][a-z0-9-]*$": "a block reference is `id` or `namespace/id` (lower-case letters, digits, '-')",
}


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error_finding(loaded: Loaded, model: type[BaseModel], err: dict, file: str) -> Finding:
    """One pydantic error as a schema finding at the key (or value) it is about."""
    typ = err.get("type", "")
    msg = err.get("msg", "")
    value = err.get("input")
    ctx = err.get("ctx") or {}
    path = _yaml_path(model, tuple(err.get("loc", ())))
    yloc = path.loc
    name = _name(yloc)
    hint: str | None = None
    at: Loc = yloc
    key = True  # point at the key; False: at the value

    if path.is_key:
        where = f" under '{yloc[-2]}'" if len(yloc) >= 2 and isinstance(yloc[-2], str) else ""
        if typ in ("string_type", "str_type"):
            message = f"key {_short(value)}{where} should be text"
            hint = f'quote it: "{_short(value)}"'
        else:
            message = f"key {_short(value)}{where}: {msg}"
    elif typ == "missing":
        missing = yloc[-1] if yloc else "?"
        owner = path.owner(len(yloc) - 1)
        message = f"missing key '{missing}'"
        info = owner.model_fields.get(missing) if owner is not None and isinstance(missing, str) else None
        if info is not None and info.description:
            hint = f"{missing}: {info.description}"
        at = yloc[:-1]
    elif typ == "extra_forbidden":
        unknown = yloc[-1] if yloc else "?"
        message = f"unknown key '{unknown}'"
        owner = path.owner(len(yloc) - 1)
        if owner is not None:
            fields = list(owner.model_fields)
            close = difflib.get_close_matches(str(unknown), fields, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(fields)
    elif typ in _EXPECTED:
        key = False
        expected = _EXPECTED[typ]
        target = _model_class(path.type)
        if expected == "a mapping" and target is not None:
            keys = list(target.model_fields)[:3]
            expected = "a mapping (" + ", ".join(f"{k}: …" for k in keys) + ")"
        message = f"{name} should be {expected}, not {_describe_value(value)}"
        if typ in ("string_type", "str_type") and isinstance(value, (int, float, dt.date, bool)):
            hint = f'put the value in quotes: "{value}"' if not isinstance(value, bool) else "put the value in quotes"
        elif expected == "a list" and isinstance(value, str):
            hint = f"write it as a list: [{_short(value)}], or one `- item` per line"
    elif typ.startswith("date_"):
        key = False
        message = f"{name} is not a valid date (YYYY-MM-DD)"
        if isinstance(value, dt.datetime):
            hint = "give the date only, without a time"
    elif typ.startswith(("datetime_", "timezone_")):
        key = False
        message = f"{name} is not a valid date and time (e.g. 2025-07-15T23:59:00+02:00)"
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            hint = "add a time and a UTC offset, e.g. 2025-07-15T23:59:00+02:00"
    elif typ == "string_pattern_mismatch":
        key = False
        pattern = ctx.get("pattern", "")
        message = f"{name} '{_short(value)}' is not valid: {_PATTERNS.get(pattern, f'it must match {pattern}')}"
    elif typ == "too_short":
        key = False
        n = ctx.get("min_length", 1)
        message = f"{name} needs at least {n} item{'s' if n != 1 else ''}"
    elif typ == "too_long":
        key = False
        message = f"{name} has too many items (at most {ctx.get('max_length')})"
    elif typ in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        key = False
        word = {"greater_than": "greater than", "greater_than_equal": "at least",
                "less_than": "less than", "less_than_equal": "at most"}[typ]
        bound = next(iter(ctx.values()), "?")
        message = f"{name} must be {word} {bound}, not {_short(value)}"
    elif typ == "literal_error":
        key = False
        message = f"{name} must be {ctx.get('expected', '?')}, not '{_short(value)}'"
    elif typ in ("value_error", "assertion_error"):
        text = msg.split(", ", 1)[1] if msg.startswith(("Value error, ", "Assertion failed, ")) else msg
        message = f"{name}: {text}" if yloc else text
    elif typ == "recursion_loop":
        message = f"{name} refers to itself"
    else:  # item_kind (a draft's answer item), union tags, anything newer
        key = typ not in ("item_kind", "union_tag_invalid", "union_tag_not_found")
        message = f"{name}: {msg}" if yloc else msg
    if not at:
        line, col = 1, 1
    else:
        pos = loaded.position(at, key=key)
        line, col = pos if pos is not None else (None, None)
    return finding("schema", message, hint=hint, file=file, line=line, column=col)


# --------------------------------------------------------------------------- round trip


def _rt_yaml() -> YAML:
    y = YAML()  # typ="rt"
    y.Constructor = _RTConstructor
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
    text = Path(path).read_text(encoding="utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    if _too_deep(text) is not None:
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


# --------------------------------------------------------------------------- atomic writes


def _current_umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, fsync, then os.replace."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_current_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
