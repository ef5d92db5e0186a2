"""Pin hashes: the fingerprint of a block's content that a draft keeps, so a later change is noticed.

Invariant: the hash covers what reaches the reader (body, short, sources — of the translation a draft
composes it in) and nothing else, so marking a block reviewed or changing its owner does not make
every draft that uses it "changed", nor does a new translation into another language.
"""

from __future__ import annotations

import hashlib
import json

from ..library import primary_language, translation_key
from ..model import Block

PIN_LENGTH = 12


def canonical_content(block: Block, language: str | None = None) -> str:
    """The block's rendered-content fields as canonical JSON (sorted keys, no spaces, UTF-8), in the
    language it is composed in: for a `language` the block has a translation into, the translation's
    body and short (and the language's tag); otherwise — no language, the block's own, or one it has
    no translation into — its own text, so the pins of drafts in the block's language never change."""
    key = None
    if language and primary_language(language) != primary_language(block.language):
        key = translation_key(block, language)
    if key is None:
        content: dict = {"body": block.body, "short": block.short}
    else:
        tr = block.translations[key]
        content = {"body": tr.body, "short": tr.short, "language": key}
    content["sources"] = [s.model_dump() for s in block.sources]
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def pin_hash(block: Block, language: str | None = None) -> str:
    """First 12 hex digits of the sha256 of the block's canonical content (in `language`, see
    `canonical_content`)."""
    return hashlib.sha256(canonical_content(block, language).encode("utf-8")).hexdigest()[:PIN_LENGTH]


def text_pin(text: str) -> str:
    """First 12 hex digits of the sha256 of a text (UTF-8): a document paragraph's pin (SPEC, `comments`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:PIN_LENGTH]
