"""Search blocks by text and theme; blocks matching a question's themes first."""

from __future__ import annotations

from .library import LibraryIndex, LoadedLibrary
from .model import Block


def haystack(block: Block) -> str:
    """The lower-cased text a query is matched against (title, summary, body, tags, themes)."""
    return "\n".join([block.title, block.summary or "", block.body, " ".join(block.tags), " ".join(block.themes), block.id]).lower()


def search_blocks(
    index: LibraryIndex, query: str = "", *, theme: str | None = None, prefer: list[str] | None = None
) -> list[tuple[LoadedLibrary, Block]]:
    """Blocks whose text holds every word of `query`; with `prefer`, blocks sharing those themes first."""
    words = query.lower().split()
    cache: dict[int, str] = index.__dict__.setdefault("_haystacks", {})
    out = []
    for lib, block in index.blocks():
        if theme and theme not in block.themes:
            continue
        if words:
            text = cache.get(id(block))
            if text is None:
                text = cache[id(block)] = haystack(block)
            if not all(w in text for w in words):
                continue
        out.append((lib, block))
    preferred = set(prefer or [])
    out.sort(key=lambda lb: (not (preferred & set(lb[1].themes)), lb[1].title.lower()))
    return out
