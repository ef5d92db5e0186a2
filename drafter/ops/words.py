"""The `spelling` fix: add a word to the workspace's `words` in drafter.yaml, or correct it in the
writer's text.

Invariant: drafter.yaml is edited in round-trip mode (comments, order and quoting kept) and written
atomically; a word already accepted is not added twice; a workspace whose settings do not come from
a drafter.yaml (a library opened on its own) is refused rather than given one that would change them.
"""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..loaded import LoadedWorkspace
from ..model import TextItem, WorkspaceConfig
from ..spelling import correct
from ..workspace import CONFIG_NAME, Workspace
from ..yamlio import atomic_write_text, dumps_roundtrip, load_roundtrip
from .session import DraftSession, EditRefused


class WordRefused(Exception):
    """The word cannot be added (the message says why, for the user)."""


def add_word(ws: Workspace, word: str) -> bool:
    """Add `word` to drafter.yaml `words`; False when it is already there."""
    word = word.strip()
    if not word or any(ch.isspace() for ch in word) or len(word) > 100:
        raise WordRefused(f"'{word[:40]}' is not a word to accept (one word, no spaces)")
    path = ws.root / CONFIG_NAME
    if path.is_file():
        try:
            doc = load_roundtrip(path)
        except (OSError, YAMLError, UnicodeDecodeError) as exc:
            raise WordRefused(f"{CONFIG_NAME} cannot be read: {exc}") from None
        if doc is None:
            doc = CommentedMap()
        if not isinstance(doc, CommentedMap):
            raise WordRefused(f"{CONFIG_NAME} is not a mapping of settings")
    elif ws.config == WorkspaceConfig():
        doc = CommentedMap()
    else:
        raise WordRefused(f"this workspace has no {CONFIG_NAME} to keep the word in (run `drafter init` here)")
    words = doc.get("words")
    if words is None:
        words = doc["words"] = CommentedSeq()
    if not isinstance(words, list):
        raise WordRefused(f"`words` in {CONFIG_NAME} is not a list")
    if word in [str(w) for w in words]:
        return False
    words.append(word)
    atomic_write_text(path, dumps_roundtrip(doc))
    return True


def accept_word(lw: LoadedWorkspace, word: str) -> LoadedWorkspace:
    """Add `word` to the workspace's `words` and return the workspace reloaded with it."""
    add_word(lw.ws, word)
    ws = Workspace.open(lw.ws.root, display_base=lw.ws.display_base)
    return LoadedWorkspace.load(ws)


def correct_word(session: DraftSession, tid: str, index: int, word: str, replacement: str) -> int:
    """Replace every misspelt `word` in text item `index` of the answer to `tid` by `replacement`
    (whole words, as the check found them), as one undoable step; how many were replaced (0: the
    item no longer holds it). Raises EditRefused when the item is not a text item."""
    ctx = session.context()
    items = session.items(tid)
    if ctx is None or not 0 <= index < len(items) or not isinstance(items[index], TextItem):
        raise EditRefused(f"item {index + 1} of {tid} is not a text item")
    if not replacement.strip() or "\n" in replacement:
        raise EditRefused("a correction is a word or two on one line")
    text = items[index].text  # type: ignore[union-attr]
    corrected, count = correct(text, ctx.language, word, replacement, ctx.accepted)
    if count:
        session.replace_text(tid, index, corrected, f"'{word}' corrected to '{replacement}' in {tid}")
    return count
