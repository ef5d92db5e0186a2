"""Search blocks by text and theme; blocks matching a question's themes first.

Invariant: the per-block search text is built once per loaded index (an index is never mutated:
a reload builds a new one), so a keystroke in the UI costs one scan of prepared strings.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .library import LibraryIndex, LoadedLibrary
from .model import Block


class _Entry(NamedTuple):
    lib: LoadedLibrary
    block: Block


_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining diacritical marks (their Unicode blocks), which `fold` drops after decomposing."""


def fold(text: str) -> str:
    """Text as a query and a block are compared: case-folded, accents dropped ("Connectivité" and
    "connectivite" are one word to someone typing fast)."""
    folded = text.casefold()
    if folded.isascii():  # no accent to drop (a flag Python keeps: no scan)
        return folded
    if not unicodedata.is_normalized("NFKD", folded):
        folded = unicodedata.normalize("NFKD", folded)
    return _MARKS.sub("", folded)


def haystack(block: Block) -> str:
    """The folded text a query is matched against: title, summary, body, short, tags, themes, id, and
    each translation's title, body and short (a French query finds a block by its French text)."""
    parts = [block.title, block.summary or "", block.body, block.short or "", " ".join(block.tags), " ".join(block.themes), block.id]
    for tr in block.translations.values():
        parts += [tr.title or "", tr.body, tr.short or ""]
    return fold("\n".join(parts))


def heads(block: Block) -> tuple[str, str]:
    """The folded text that says what a block is about, for ordering matches: its titles (its own and
    its translations'), and its summary, tags and themes."""
    titles = [block.title, *(tr.title or "" for tr in block.translations.values())]
    return fold("\n".join(titles)), fold("\n".join([block.summary or "", " ".join(block.tags), " ".join(block.themes)]))


def _entries(index: LibraryIndex) -> list[_Entry]:
    """Every block sorted by title — built on first use, kept on the index."""
    entries = index.__dict__.get("_search_entries")
    if entries is None:
        entries = [_Entry(lib, b) for lib, b in index.blocks()]
        entries.sort(key=lambda e: e.block.title.casefold())
        index.__dict__["_search_entries"] = entries
    return entries


def _texts(index: LibraryIndex) -> dict[int, str]:
    """Search text by block identity — built on the first text query (or by `prepare`)."""
    texts = index.__dict__.get("_search_texts")
    if texts is None:
        texts = {id(e.block): haystack(e.block) for e in _entries(index)}
        index.__dict__["_search_texts"] = texts
    return texts


def _heads(index: LibraryIndex) -> dict[int, tuple[str, str]]:
    """`heads` by block identity — built on the first text query (or by `prepare`)."""
    found = index.__dict__.get("_search_heads")
    if found is None:
        found = {id(e.block): heads(e.block) for e in _entries(index)}
        index.__dict__["_search_heads"] = found
    return found


def prepare(index: LibraryIndex) -> None:
    """Build the search text ahead of the first text query (the UI does this in a worker)."""
    _texts(index)
    _heads(index)


def _telling_first(index: LibraryIndex, found: list[_Entry], words: list[str], preferred: frozenset[str]) -> list[_Entry]:
    """`found` (in title order) with the most telling matches first: more of `words` in a title, then
    sharing a `preferred` theme, then more of them in the summary, tags or themes; stable. A keystroke
    in the UI costs this over most of a large library (one letter matches nearly every block), so a
    one-word query, the usual one, is dealt into eight groups in one plain loop."""
    about = _heads(index)
    if len(words) == 1:
        w = words[0]
        groups: list[list[_Entry]] = [[] for _ in range(8)]
        for e in found:
            title, rest = about[id(e.block)]
            groups[(w not in title) * 4 + (not preferred or preferred.isdisjoint(e.block.themes)) * 2 + (w not in rest)].append(e)
        return [e for group in groups for e in group]

    def telling(e: _Entry) -> tuple[int, bool, int]:
        title, rest = about[id(e.block)]
        return -sum(w in title for w in words), preferred.isdisjoint(e.block.themes), -sum(w in rest for w in words)

    return sorted(found, key=telling)  # stable: title order within a tie


def search_blocks(
    index: LibraryIndex, query: str = "", *, theme: str | None = None, prefer: list[str] | None = None
) -> list[tuple[LoadedLibrary, Block]]:
    """Blocks whose text (see `haystack`) holds every word of `query`, case and accents aside. With
    words, the most telling first: more of the words in a title, then (with `prefer`) sharing those
    themes, then more of the words in the summary, tags or themes; title order within each. Without,
    by title, blocks sharing the `prefer` themes first."""
    words = fold(query).split()
    found = _entries(index)
    if theme:
        found = [e for e in found if theme in e.block.themes]
    if words:
        texts = _texts(index)
        for word in words:
            found = [e for e in found if word in texts[id(e.block)]]
        return [(e.lib, e.block) for e in _telling_first(index, found, words, frozenset(prefer or ()))]
    if prefer:
        preferred = frozenset(prefer)
        first = [(e.lib, e.block) for e in found if not preferred.isdisjoint(e.block.themes)]
        return first + [(e.lib, e.block) for e in found if preferred.isdisjoint(e.block.themes)]
    return [(e.lib, e.block) for e in found]
