"""Reading YAML fast and safely: the C-parser safe loader, `Loaded`, and positions from the node tree."""


from __future__ import annotations

import errno
import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from ..findings import Finding, finding
from .files import RefusedFile, read_regular
from .guards import (  # noqa: F401
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    MAX_SCHEMA_FINDINGS,
    MAX_TAGS,
    MAX_VALUES,
    CParser,
    alias_problem,
    describe_yaml_error,
    too_deep,
)
from .loader import DataConstructor, FastLoader, Refused

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]

C_PARSER = CParser is not None
"""True when the fast C parser is available (it always is with ruamel.yaml.clib installed)."""


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
            if self.text is not None and too_deep(self.text) is None:
                gc_was_on = gc.isenabled()
                gc.disable()
                try:
                    tree = _compose(self.text)
                except Exception:
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

    def raw(self, loc: Loc, *, key: bool = False) -> str | None:
        """The text of the scalar at `loc` as written in the file (`2.10`, not the number 2.1), or of
        its key with `key`; None when there is no such scalar."""
        node = self.node_tree()
        for i, part in enumerate(loc):
            if isinstance(node, MappingNode):
                pair = self._entries(node).get(_hashable(part)) or self._entries(node).get(("str", str(part)))
                if pair is None:
                    return None
                node = pair[0] if (key and i == len(loc) - 1) else pair[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return None
        return node.value if isinstance(node, ScalarNode) and isinstance(node.value, str) else None

    def _entries(self, mapping: Any) -> dict[Any, tuple[Any, Any]]:
        """A mapping node's entries by constructed key (built once per mapping)."""
        index = self._index.get(id(mapping))
        if index is None:
            index = {}
            keys = FastLoader("")
            for k, v in mapping.value:
                try:
                    value = keys.construct_object(k, deep=True) if isinstance(k, ScalarNode) else k.value
                    index[_hashable(value)] = (k, v)
                    index[("str", str(value))] = (k, v)
                except Exception:
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
    loader = FastLoader(text)
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
        raw = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return fail("file not found", None, None)
    except IsADirectoryError:
        return fail("is a folder, not a file", None, None)
    except RefusedFile as e:
        return fail(e.strerror or str(e), None, None)
    except OSError as e:
        return fail(f"cannot read file: {e.strerror or e}", None, None, hint=_read_hint(e))
    return _parse_into(loaded, raw, fail)


def _read_hint(e: OSError) -> str | None:
    if e.errno in (errno.EACCES, errno.EPERM):
        return "drafter has no permission to read it: check the file's and its folder's permissions"
    return None


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
    if FastLoader is None:  # pragma: no cover
        return fail("the C YAML parser (ruamel.yaml.clib) is not installed", None, None)

    depth_at = too_deep(text)
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
            tree, data = _load_document(FastLoader(text), text)
        except MarkedYAMLError as e:
            if not _c_is_stricter(e, text):
                raise
            try:  # YAML 1.2 allows what libyaml refuses here: ask the pure-Python parser
                tree, data = _load_pure(text)
            except Exception:
                raise e from None
    except Refused as r:
        line, col = (r.mark.line + 1, r.mark.column + 1) if r.mark is not None else (1, 1)
        return fail(r.message, line, col, hint=r.hint)
    except ReaderError as e:
        line, col = _byte_position(text.encode("utf-8", "surrogatepass"), int(e.position or 0))
        char = e.character
        what = f"character U+{char:04X}" if isinstance(char, int) else "character"
        return fail(f"{what} is not allowed in YAML ({e.reason})", line, col, hint="remove the control character")
    except MarkedYAMLError as e:
        message, hint, mark = describe_yaml_error(e, text)
        if mark is None:
            return fail(message, hint=hint)
        return fail(message, mark.line + 1, mark.column + 1, hint=hint)
    except RecursionError:
        return fail(f"nesting deeper than {MAX_DEPTH} levels", hint="aliases or merge keys nest too deeply")
    except Exception as e:
        return fail(f"cannot read YAML: {e}")
    finally:
        if gc_was_on:
            gc.enable()
    loaded.data = data
    loaded._tree = tree  # kept for positions: it costs nothing more, and re-composing a big file does
    return loaded



def _load_document(loader: Any, text: str) -> tuple[Any, Any]:
    """Compose one document, check its aliases, construct it; return (node tree, data).
    `loader` is disposed of."""
    try:
        node = loader.get_single_node()
        if node is None:
            raise Refused("file is empty", None, "the file holds only comments or blank lines")
        if "*" in text:  # aliases are possible
            problem = alias_problem(node)
            if problem is not None:
                raise Refused(problem[0], problem[1], "expand the aliases by hand, or remove them")
        return node, loader.construct_document(node)
    finally:
        try:
            loader.dispose()
        except Exception:
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
    y.Constructor = DataConstructor
    constructor, parser = y.get_constructor_parser(text)
    try:
        return _load_document(_PureAdapter(constructor, parser), text)
    finally:
        try:
            parser.dispose()
        except Exception:
            pass


class _PureAdapter:
    """The pure-Python loader's parts behind the `FastLoader` methods `_load_document` calls."""

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

