"""Markdown → the plain text a reader sees, and the counts limits are checked against.

INTERFACE STUB — implemented by the compose work package.
"""

from __future__ import annotations


def to_plain(markdown: str, *, urls: bool = False) -> str:
    """The text a reader sees: Markdown syntax removed, a link as its text (with `urls`, `text (url)`)."""
    raise NotImplementedError


def count_words(text: str) -> int:
    """Runs of non-space characters."""
    raise NotImplementedError


def count_chars(text: str) -> int:
    """Unicode code points including spaces; each line break counts as one."""
    raise NotImplementedError
