"""Phrase rules: compile a library's or a consultation's patterns, say which cannot be used, and find
every match in a text — always within a time bound.

Invariant: this is the one place a rule pattern is compiled and run. Patterns come from other
organisations, so each runs in the `regex` engine with a timeout: a pattern with catastrophic
backtracking (`^(\\w+\\s?)*$`, `(a|aa)+$`) costs at most `MATCH_SECONDS` per text, never a hang, and
matching releases the interpreter lock (`concurrent=True`), so a check in a worker never stalls the UI. A
pattern that cannot be compiled, or that is too slow on a probe, is reported where it is defined
(`bad-rule`, by `lint`); one that runs out of time on a real answer is reported by `check`
(`bad-rule`, naming the rule), and that pattern's matches in that answer are skipped.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

import regex

from .findings import Finding, finding
from .model import PhraseRule
from .yamlio import Loaded

MATCH_SECONDS = 0.25
"""Most time one pattern may spend on one answer."""
PROBE_SECONDS = 0.05
"""Most time one pattern may spend on one probe text at lint time before it is called too slow."""
PROBE_LENGTH = 2_000
MAX_PATTERN_CHARS = 2_000

_ERRORS = (regex.error, OverflowError, RecursionError, ValueError, MemoryError)


class Match(NamedTuple):
    """One match of one rule's pattern in a text."""

    rule: PhraseRule
    text: str


class SlowRule(NamedTuple):
    """A rule whose pattern ran out of time on a text."""

    rule: PhraseRule
    pattern: str


@lru_cache(maxsize=512)
def compiled(pattern: str, ignore_case: bool) -> Any:
    """The compiled pattern (Python `re` syntax), or None when it cannot be compiled."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return None
    try:
        return regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignore_case else 0))
    except _ERRORS:
        return None


def _probes(pattern: str) -> list[str]:
    """Texts that make a backtracking pattern show its cost: long runs of the characters it names."""
    chars = {c for c in pattern if c.isalnum()} | {"a", "x", "0", " "}
    out = []
    for c in sorted(chars)[:12]:
        out += [c * PROBE_LENGTH + "!", (c + " ") * (PROBE_LENGTH // 2) + "!"]
    return out


def problem(pattern: str, ignore_case: bool = False) -> str | None:
    """Why `pattern` cannot be used as a rule (invalid, too large, too slow), or None."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"the pattern is longer than {MAX_PATTERN_CHARS:,} characters"
    try:
        rx = regex.compile(pattern, regex.V0 | (regex.IGNORECASE if ignore_case else 0))
    except regex.error as exc:
        return f"invalid regular expression: {exc}"
    except (OverflowError, RecursionError, ValueError, MemoryError) as exc:
        return f"the regular expression is too large ({type(exc).__name__})"
    for text in _probes(pattern):
        try:
            rx.search(text, timeout=PROBE_SECONDS)
        except TimeoutError:
            return f"the pattern is too slow: more than {PROBE_SECONDS * 1000:.0f} ms on a {len(text):,}-character text (nested repetition?)"
    return None


def rule_findings(rules: list[PhraseRule], loaded: Loaded, key: str, file: str) -> list[Finding]:
    """A `bad-rule` finding at each pattern of `rules` (under `key` in the file) that cannot be used."""
    out = []
    for i, rule in enumerate(rules):
        for j, pattern in enumerate(rule.patterns):
            why = problem(pattern, rule.ignore_case)
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


Signature = tuple[tuple[str, bool], ...]


@lru_cache(maxsize=4096)
def _matches(signature: Signature, text: str) -> tuple[tuple[tuple[int, str], ...], tuple[int, ...]]:
    """(pattern index, matched text) for every match of every pattern, and the indexes of patterns
    that ran out of time; cached, as the UI re-checks a draft after each edit and only the edited
    answer's text is new."""
    found: list[tuple[int, str]] = []
    slow: list[int] = []
    for n, (pattern, ignore_case) in enumerate(signature):
        rx = compiled(pattern, ignore_case)
        if rx is None:
            continue  # reported by lint where the rule is defined
        try:
            found += [(n, m.group(0)) for m in rx.finditer(text, timeout=MATCH_SECONDS, concurrent=True)]
        except TimeoutError:
            slow.append(n)
    return tuple(found), tuple(slow)


def matches(rules: list[PhraseRule], text: str) -> tuple[list[Match], list[SlowRule]]:
    """Every match of every rule's patterns in `text`, rule by rule, and the rules that ran out of time."""
    flat = [(rule, pattern) for rule in rules for pattern in rule.patterns]
    if not flat:
        return [], []
    found, slow = _matches(tuple((pattern, rule.ignore_case) for rule, pattern in flat), text)
    return [Match(flat[n][0], matched) for n, matched in found], [SlowRule(*flat[n]) for n in slow]
