"""How counts and texts are said to people: `1 block`, `2 blocks`, `1,456 characters`; a text on one
line. Imports nothing, so every front door (the light CLI commands too) and the core can use it."""

from __future__ import annotations


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`1 block`, `2 blocks`; four digits and more with thousands separators."""
    return f"{n:,} {noun if n == 1 else (many or noun + 's')}"


def one_line(text: str) -> str:
    """Text on one line: YAML line wrapping (and any run of whitespace) becomes one space."""
    return " ".join(text.split())
