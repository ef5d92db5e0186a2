"""How counts are said to people: `1 block`, `2 blocks`, `1,456 characters`. Imports nothing, so
every front door (the light CLI commands too) can use it."""

from __future__ import annotations


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`1 block`, `2 blocks`; four digits and more with thousands separators."""
    return f"{n:,} {noun if n == 1 else (many or noun + 's')}"
