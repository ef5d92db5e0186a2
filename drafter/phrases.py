"""Phrase rules: compile a library's or a consultation's patterns, say which cannot be used, and find
every match in a text.

Invariant: this is the one place a rule pattern is compiled and run. A pattern that cannot be
compiled is reported once, where it is defined (`bad-rule`), and is skipped everywhere else; a
match is (rule, pattern index, matched text), so checks can word the finding.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .findings import Finding, finding
from .model import PhraseRule
from .yamlio import Loaded


class Match(NamedTuple):
    """One match of one rule's pattern in a text."""

    rule: PhraseRule
    text: str


@lru_cache(maxsize=512)
def compiled(pattern: str, ignore_case: bool) -> re.Pattern | None:
    """The compiled pattern, or None when it cannot be compiled (reported by `rule_findings`)."""
    try:
        return re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None


def problem(pattern: str) -> str | None:
    """Why `pattern` cannot be used as a rule, or None."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"invalid regular expression: {exc}"
    except (OverflowError, RecursionError, ValueError) as exc:
        return f"the regular expression is too large: {type(exc).__name__}"
    return None


def rule_findings(rules: list[PhraseRule], loaded: Loaded, key: str, file: str) -> list[Finding]:
    """A `bad-rule` finding at each pattern of `rules` (under `key` in the file) that cannot be used."""
    out = []
    for i, rule in enumerate(rules):
        for j, pattern in enumerate(rule.patterns):
            why = problem(pattern)
            if why is None:
                continue
            pos = loaded.position((key, i, "patterns", j), key=False) or (None, None)
            out.append(
                finding(
                    "bad-rule",
                    f"phrase rule '{rule.id}': {why}",
                    hint="fix the pattern (Python regular expression syntax) or remove it",
                    file=file,
                    line=pos[0],
                    column=pos[1],
                )
            )
    return out


_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")

Signature = tuple[tuple[str, bool], ...]


@lru_cache(maxsize=64)
def _prefilter(signature: Signature) -> re.Pattern | None:
    """One alternation of every pattern, to skip texts no rule matches (the common case) with a single
    scan. None where combining would change a pattern's meaning (back-references, global flags)."""
    parts = []
    for pattern, ignore_case in signature:
        if compiled(pattern, ignore_case) is None:
            continue
        if _BACKREF.search(pattern):
            return None
        parts.append(f"(?i:{pattern})" if ignore_case else f"(?:{pattern})")
    if not parts:
        return None
    try:
        return re.compile("|".join(parts))
    except (re.error, OverflowError, RecursionError, ValueError):
        return None


@lru_cache(maxsize=4096)
def _matches(signature: Signature, text: str) -> tuple[tuple[int, str], ...]:
    """(pattern index, matched text) for every match of every pattern; cached, as the UI re-checks a
    whole draft after each edit and only the edited answer's text is new."""
    quick = _prefilter(signature)
    if quick is not None and quick.search(text) is None:
        return ()
    out = []
    for n, (pattern, ignore_case) in enumerate(signature):
        rx = compiled(pattern, ignore_case)
        if rx is not None:
            out += [(n, m.group(0)) for m in rx.finditer(text)]
    return tuple(out)


def matches(rules: list[PhraseRule], text: str) -> list[Match]:
    """Every match of every rule's patterns in `text`, rule by rule, pattern by pattern."""
    flat = [(rule, pattern) for rule in rules for pattern in rule.patterns]
    if not flat:
        return []
    found = _matches(tuple((pattern, rule.ignore_case) for rule, pattern in flat), text)
    return [Match(flat[n][0], matched) for n, matched in found]
