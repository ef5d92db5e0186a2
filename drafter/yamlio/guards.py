"""Bounds on hostile YAML (deep nesting, alias bombs) and readable parser error messages."""


from __future__ import annotations

import re
from typing import Any

from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, SequenceNode

try:  # the C parser (libyaml) shipped by ruamel.yaml.clib
    from _ruamel_yaml import CParser as CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - ruamel.yaml.clib is a hard dependency
    from ruamel.yaml.main import CParser as CParser

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


def too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting first exceeds MAX_DEPTH (1-based line, column), or None.

    Cheap bound first (`_maybe_deep`); only when that cannot rule it out are the parser's events
    counted (libyaml's parser is a state machine, so this cannot overflow the stack).
    """
    if not _maybe_deep(text):
        return None
    starts = (ev.MappingStartEvent, ev.SequenceStartEvent)
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    parser = CParser(text)
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
    except Exception:
        return None
    finally:
        try:
            parser.dispose()
        except Exception:
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


def alias_problem(root: Any) -> tuple[str, Any] | None:
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


def describe_yaml_error(e: MarkedYAMLError, text: str) -> tuple[str, str | None, Any]:
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


