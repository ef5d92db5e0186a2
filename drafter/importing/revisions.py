"""A new revision of a document consultation over the existing file: the existing file's keys,
comments and order are kept (its id, organiser, deadline history, submission…); its `paragraphs`
and `revision` are replaced; a deadline the new text states that differs from the file's moves the
old one into `deadline_history` (a guess, marked)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..yamlio import plain_data
from .build import Built, Guess
from .source import ImportFailure


def load_existing(existing: Path) -> CommentedMap:
    from ruamel.yaml.error import YAMLError

    from ..yamlio import load_roundtrip

    try:
        doc = load_roundtrip(existing)
    except (OSError, YAMLError) as exc:
        raise ImportFailure(f"{existing}: cannot read the consultation to update ({str(exc).splitlines()[0][:200]})") from None
    if not isinstance(doc, CommentedMap) or doc.get("kind") != "document":
        raise ImportFailure(f"{existing}: not a document consultation (kind: document): only a document takes a new revision")
    return doc


def merge_revision(existing: Path, built: Built, today: dt.date) -> tuple[str, dict[str, Any], list[Guess]]:
    """The updated file's text, its data, and the guesses that apply to it."""
    from .emit import render_yaml

    doc = load_existing(existing)
    guesses: list[Guess] = []
    new_deadline = built.data.get("deadline")
    deadline_found = not any(g.path == ("deadline",) and "no deadline found" in g.note for g in built.guesses)
    if deadline_found and isinstance(new_deadline, dt.datetime) and isinstance(doc.get("deadline"), dt.datetime) and new_deadline != doc["deadline"]:
        history = doc.get("deadline_history")
        if not isinstance(history, list):
            history = CommentedSeq()
            _insert_after(doc, "deadline_history", history, "deadline")
        history.append(CommentedMap(deadline=doc["deadline"], changed=dt.date.fromordinal(today.toordinal())))  # a copy: no YAML alias
        doc["deadline"] = new_deadline
        guesses.append(Guess(("deadline",), "the new revision states this deadline; the old one is in deadline_history"))
        guesses += [Guess(("deadline",), g.note) for g in built.guesses if g.path == ("deadline",)]
    paragraphs = CommentedSeq()
    for p in built.data["paragraphs"]:
        item = CommentedMap()
        for k, v in p.items():
            item[k] = v
        paragraphs.append(item)
    doc["paragraphs"] = paragraphs
    guesses += [g for g in built.guesses if g.path and g.path[0] == "paragraphs"]
    if "revision" in built.data:
        if "revision" in doc:
            doc["revision"] = built.data["revision"]
        else:
            _insert_after(doc, "revision", built.data["revision"], "paragraphs", before=True)
        guesses.append(Guess(("revision",), "named in the new text's heading"))
    elif "revision" in doc:
        del doc["revision"]
    doc["checked"] = today
    text = render_yaml(doc, [(g.path, g.note) for g in guesses], "")
    return text, plain_data(doc), guesses


def _insert_after(doc: CommentedMap, key: str, value: Any, anchor: str, *, before: bool = False) -> None:
    keys = list(doc.keys())
    if anchor in keys:
        pos = keys.index(anchor) + (0 if before else 1)
        doc.insert(pos, key, value)
    else:
        doc[key] = value
