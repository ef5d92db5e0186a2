"""Compose an answer: each item's Markdown (blocks through sandboxed Jinja) joined by a blank line.

INTERFACE STUB — implemented by the compose work package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from .findings import Finding
from .model import Block, Consultation, Draft, Item, Question


class BlockLookupError(LookupError):
    """Raised by a lookup for an unknown or ambiguous block reference; its message becomes the finding."""


BlockLookup = Callable[[str], Block]  # raises BlockLookupError


@dataclass
class ComposedItem:
    item: Item
    markdown: str | None  # None when the item could not be composed
    block: Block | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Composed:
    markdown: str
    items: list[ComposedItem]
    findings: list[Finding]


def make_context(draft: Draft, consultation: Consultation, question: Question | None, today: dt.date) -> dict:
    """Plain-data context for block templates: respondent, cosigners, consultation, question, today."""
    raise NotImplementedError


def render_template(source: str, context: dict, *, name: str) -> tuple[str | None, list[Finding]]:
    """Render one block text in the sandbox; errors, undefined names and runaway work become findings."""
    raise NotImplementedError


def compose(items: list[Item], lookup: BlockLookup, context: dict, *, question: str | None = None) -> Composed:
    """Compose a question's items in order, joined by a blank line."""
    raise NotImplementedError
