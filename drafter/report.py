"""Findings → compiler-style text (with optional colour) or JSON.

Invariant: the one place that formats findings for people and machines; the CLI only picks which.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .findings import Finding, count
from .safetext import visible

COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "hint": "\033[2m", "bold": "\033[1m"}
RESET = "\033[0m"


def _paint(text: str, style: str, colour: bool) -> str:
    return f"{COLOURS[style]}{text}{RESET}" if colour else text


def location(f: Finding) -> str:
    parts = [visible(f.file, one_line=True) or "<workspace>"]
    if f.line is not None:
        parts.append(str(f.line))
        if f.column is not None:
            parts.append(str(f.column))
    return ":".join(parts)


def format_finding(f: Finding, *, colour: bool = False) -> str:
    """`path:line:col: error[code] QID: message` and, when there is one, an indented hint line."""
    head = f"{location(f)}: {_paint(f'{f.severity}[{f.code}]', f.severity, colour)}"
    subject = f" {visible(f.question, one_line=True)}:" if f.question else ""
    lines = [f"{head}{subject} {visible(f.message, one_line=True)}"]
    if f.hint:
        lines.append(_paint(f"  hint: {visible(f.hint, one_line=True)}", "hint", colour))
    return "\n".join(lines)


def summary(findings: Iterable[Finding]) -> str:
    n = count(findings)
    parts = [f"{n[s]} {s}{'s' if n[s] != 1 else ''}" for s in ("error", "warning", "info")]
    parts[2] = f"{n['info']} info"
    return ", ".join(parts)


def format_text(findings: list[Finding], *, colour: bool = False, title: str | None = None) -> str:
    lines = [format_finding(f, colour=colour) for f in findings]
    tail = summary(findings)
    lines.append(_paint(f"{title + ': ' if title else ''}{tail}", "bold", colour))
    return "\n".join(lines) + "\n"


def format_json(findings: list[Finding], **extra: object) -> str:
    """Stable machine output: `{"findings": [...], "summary": {...}}` plus any extra keys."""
    doc = {
        "findings": [f.model_dump(mode="json") for f in findings],
        "summary": count(findings),
        **extra,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
