"""The imported consultation as the YAML file a person reviews: round-trip YAML in the model's key
order, multi-line text as block scalars, and a `# check: <why>` end-of-line comment on every guess."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _commented(value: Any) -> Any:
    """Plain dicts and lists as ruamel's commented ones (those already commented keep their comments)."""
    if isinstance(value, CommentedMap):
        for k in list(value.keys()):
            value[k] = _commented(value[k])
        return value
    if isinstance(value, CommentedSeq):
        for n, v in enumerate(value):
            value[n] = _commented(v)
        return value
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _commented(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_commented(v) for v in value)
    return value


def _one_line(note: str) -> str:
    return " ".join(note.split())[:300]


def render_yaml(data: dict[str, Any], guesses: list[tuple[tuple[str | int, ...], str]], head: str) -> str:
    """YAML text of `data` with the guesses as `# check:` comments (several on one key are joined)."""
    from ..yamlio import dumps_roundtrip
    from ..yamlio.roundtrip import comment_after, set_comment_after

    doc = _commented(data)
    notes: dict[tuple[str | int, ...], list[str]] = {}
    for path, note in guesses:
        notes.setdefault(tuple(path), []).append(_one_line(note))
    for path, texts in notes.items():
        holder: Any = doc
        try:
            for key in path[:-1]:
                holder = holder[key]
            last = path[-1]
            holder[last]
        except (KeyError, IndexError, TypeError):
            continue
        comment = "check: " + "; ".join(texts)
        _, lines = comment_after(holder, last) if isinstance(holder, (CommentedMap, CommentedSeq)) else (None, [])
        holder.yaml_add_eol_comment(comment, last)
        if lines:  # whole comment lines that followed the entry (a person's notes) stay where they were
            eol, _ = comment_after(holder, last)
            set_comment_after(holder, last, eol, lines)
    text = dumps_roundtrip(doc)
    # deadlines as the format's examples write them: 2026-12-15T23:59:00+01:00
    text = re.sub(
        r"^(\s*(?:- )?deadline: )(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})",
        lambda m: f"{m.group(1)}{m.group(2)}T{m.group(3)}",
        text,
        flags=re.MULTILINE,
    )
    return head + text


def iso(value: dt.datetime) -> str:
    return value.isoformat()
