"""Where a finding points in a draft, for a front end that leads the user to its fix.

A finding names its question and block, and a position in the file as it was read; these functions
find what it is about in the draft as it is now: the item, the respondent field a placeholder needs,
the library block a mistyped id meant, the question a wrong answer id meant. Pure functions over
the models (no UI, no file I/O).
"""

from __future__ import annotations

import difflib
import re

from ..checks.items import PLACEHOLDER
from ..checks.text import link_targets
from ..findings import Finding
from ..library import BlockLookupError, LibraryIndex, has_short
from ..links import is_safe
from ..model import BlockItem, ChoiceItem, Item, TextItem
from ..plaintext import forbidden_chars
from ..questionnaire import Questionnaire, Target
from ..spelling import word_pattern

_PLACEHOLDER_FIELD = re.compile(r"placeholder `respondent\.([A-Za-z_][A-Za-z0-9_]*)`")
_MISSING_FIELD = re.compile(r"respondent field '([^']+)'")
_PHRASE = re.compile("\u201c(.*?)\u201d")
MISSPELT = re.compile(r"'(\S+)' is not in the ")
"""The word of a `spelling` finding about one word (checks.items.spelling_findings)."""


def respondent_field(f: Finding) -> str | None:
    """The respondent field filling which fixes `f` (`respondent-missing`, or an `unresolved-variable`
    on `respondent.NAME`); None for any other finding."""
    if f.code == "respondent-missing":
        m = _MISSING_FIELD.search(f.message)
    elif f.code == "unresolved-variable":
        m = _PLACEHOLDER_FIELD.search(f.message)
    else:
        return None
    return m.group(1) if m else None


def question_of(q: Questionnaire, qid: str | None) -> Target | None:
    """The target a finding's question id stands for: itself, or for a question with parts (a limit
    on all parts together), its first part."""
    if qid is None:
        return None
    target = q.get(qid)
    if target is not None:
        return target
    for parent in q.parents:
        if parent.id == qid:
            parts = q.parts_of(parent)
            return parts[0] if parts else None
    return None


def item_index(f: Finding, items: list[Item]) -> int | None:
    """The item of an answer `f` is about (None when it is about the answer as a whole)."""
    if f.block:
        for i, item in enumerate(items):
            if isinstance(item, BlockItem) and item.block == f.block:
                return i
        return None
    texts = [(i, it) for i, it in enumerate(items) if isinstance(it, TextItem)]
    if f.code == "invalid-choice":
        return next((i for i, it in enumerate(items) if isinstance(it, ChoiceItem)), None)
    if f.code == "placeholder-left":
        return next((i for i, it in texts if PLACEHOLDER.search(it.text)), None)
    if f.code == "control-char":
        return next((i for i, it in texts if forbidden_chars(it.text)), None)
    if f.code == "unsafe-link":
        return next((i for i, it in texts if any(not is_safe(url) for url in link_targets(it.text))), None)
    if f.code == "spelling":
        m = MISSPELT.match(f.message)
        if m:
            pattern = word_pattern([m.group(1)])
            return next((i for i, it in texts if pattern.search(it.text)), None)
        return texts[0][0] if len(texts) == 1 else None
    if f.code == "phrase":
        m = _PHRASE.search(f.message)
        said = " ".join(m.group(1).split()).casefold() if m else ""
        if said:
            return next((i for i, it in texts if said in " ".join(it.text.split()).casefold()), None)
    return None


def short_switches(items: list[Item], index: LibraryIndex) -> list[int]:
    """The block items shown in full whose block has a short variant (what `short-fits` switches)."""
    out = []
    for i, item in enumerate(items):
        if isinstance(item, BlockItem) and item.variant == "body":
            try:
                block = index.lookup(item.block)
            except BlockLookupError:
                continue
            if has_short(block):
                out.append(i)
    return out


def closest_block(index: LibraryIndex, ref: str) -> str | None:
    """The id of the library block a mistyped reference most likely meant (None when none is close)."""
    bare = ref.rsplit("/", 1)[-1]
    ids = sorted({block.id for _, block in index.blocks()})
    close = difflib.get_close_matches(bare, ids, n=1, cutoff=0.6)
    return close[0] if close else None


def closest_question(q: Questionnaire, tid: str, *, answered: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The question id an answer to `tid` most likely meant, preferring questions not yet answered."""
    free = [t.id for t in q.targets if t.id not in answered]
    for pool in (free, [t.id for t in q.targets]):
        close = difflib.get_close_matches(tid, pool, n=1, cutoff=0.5)
        if close:
            return close[0]
    return None
