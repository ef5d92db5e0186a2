"""Merge two writers' changes to one draft: a line merge of the YAML text, kept only when the merge
means at the level of answers what each writer meant.

Invariant: `merge_drafts(base, mine, theirs)` returns text only when every unit of the draft (each
answer, each respondent field, each other top-level key) that I changed is as I left it, every unit
that only they changed is as they left it, and no unit was changed by both in different ways; else
None (a conflict, for the user to decide). The line merge keeps both writers' comments and layout;
the check on the units (`means_both`) makes sure a line merge of indented YAML did not mean
something else. Where the lines cannot be merged although the units can (both added an answer at
the end), `DraftEditor` sets my changed units (`my_changes`) in their draft, checked the same way.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from ruamel.yaml.error import YAMLError

from .yamlio.roundtrip import loads_roundtrip, plain_data

MISSING: Any = object()
"""A unit a version does not have."""
MAX_LINES = 20_000  # a draft is hundreds of lines; the line matching is quadratic at worst
SPLIT = ("answers", "respondent")
"""Top-level mappings whose entries are merged one by one (two writers on different answers)."""


def merge_lines(base: list[str], mine: list[str], theirs: list[str]) -> list[str] | None:
    """A three-way line merge (diff3): regions only one side changed take that side's lines; a region
    both changed differently is a conflict (None). Lines of `base` kept by both sides anchor it."""
    in_mine = _matches(base, mine)
    in_theirs = _matches(base, theirs)
    out: list[str] = []
    i = j = k = 0
    for b in range(len(base) + 1):
        if b < len(base):
            if b not in in_mine or b not in in_theirs or in_mine[b] < j or in_theirs[b] < k:
                continue
            jm, kt = in_mine[b], in_theirs[b]
        else:
            jm, kt = len(mine), len(theirs)
        chunk = _chunk(base[i:b], mine[j:jm], theirs[k:kt])
        if chunk is None:
            return None
        out += chunk
        if b < len(base):
            out.append(base[b])
        i, j, k = b + 1, jm + 1, kt + 1
    return out


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """base line → the line of `other` it is kept as (monotonic)."""
    pairs: dict[int, int] = {}
    for a, b, n in SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks():
        for d in range(n):
            pairs[a + d] = b + d
    return pairs


def _chunk(base: list[str], mine: list[str], theirs: list[str]) -> list[str] | None:
    if mine == base or mine == theirs:
        return theirs
    if theirs == base:
        return mine
    return None


def units(data: Any) -> dict[tuple, Any]:
    """The draft as units a writer changes on their own: `("answers", id)`, `("respondent", field)`,
    and each other top-level key."""
    out: dict[tuple, Any] = {}
    if not isinstance(data, dict):
        return {(): data}
    for key, value in data.items():
        if key in SPLIT and isinstance(value, dict):
            out[(key,)] = "mapping"
            for sub, v in value.items():
                out[(key, sub)] = v
        else:
            out[(key,)] = value
    return out




def _read(text: str) -> dict[tuple, Any] | None:
    try:
        return units(plain_data(loads_roundtrip(text)))
    except (YAMLError, ValueError):
        return None


def my_changes(base: str, mine: str, theirs: str) -> dict[tuple, Any] | None:
    """The units I changed, with my values (`MISSING` for one I removed); None when they changed one
    of them too, differently, or a version cannot be read."""
    b, m, t = _read(base), _read(mine), _read(theirs)
    if b is None or m is None or t is None:
        return None
    out: dict[tuple, Any] = {}
    for unit in set(b) | set(m):
        was, my, their = b.get(unit, MISSING), m.get(unit, MISSING), t.get(unit, MISSING)
        if my == was:
            continue
        if their != was and their != my:
            return None  # both changed this answer (or field), differently
        out[unit] = my
    return out


def means_both(base: str, mine: str, theirs: str, merged: str) -> bool:
    """Whether `merged` holds my changes and theirs, and nothing else changed (see the module)."""
    b, m, t, got = _read(base), _read(mine), _read(theirs), _read(merged)
    if b is None or m is None or t is None or got is None:
        return False
    for unit in set(b) | set(m) | set(t) | set(got):
        was, my, their = b.get(unit, MISSING), m.get(unit, MISSING), t.get(unit, MISSING)
        if my != was and their != was and my != their:
            return False
        if got.get(unit, MISSING) != (my if my != was else their):
            return False
    return True


def merge_drafts(base: str, mine: str, theirs: str) -> str | None:
    """The draft with both writers' changes by a line merge, or None when the lines cannot both be
    kept or the merge would not mean both (see the module)."""
    if max(base.count("\n"), mine.count("\n"), theirs.count("\n")) > MAX_LINES:
        return None
    merged_lines = merge_lines(base.splitlines(keepends=True), mine.splitlines(keepends=True), theirs.splitlines(keepends=True))
    if merged_lines is None:
        return None
    merged = "".join(merged_lines)
    return merged if means_both(base, mine, theirs, merged) else None
