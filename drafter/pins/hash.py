"""Pin hashes: the fingerprint of a block's content that a draft keeps, so a later change is noticed.

Invariant: the hash covers what reaches the reader (body, short, sources) and nothing else, so
marking a block reviewed or changing its owner does not make every draft that uses it "changed".
"""

from __future__ import annotations

import hashlib
import json

from ..model import Block

PIN_LENGTH = 12


def canonical_content(block: Block) -> str:
    """The block's rendered-content fields as canonical JSON (sorted keys, no spaces, UTF-8)."""
    content = {
        "body": block.body,
        "short": block.short,
        "sources": [s.model_dump() for s in block.sources],
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def pin_hash(block: Block) -> str:
    """First 12 hex digits of the sha256 of the block's canonical content."""
    return hashlib.sha256(canonical_content(block).encode("utf-8")).hexdigest()[:PIN_LENGTH]


def text_pin(text: str) -> str:
    """First 12 hex digits of the sha256 of a text (UTF-8): a document paragraph's pin (SPEC, `comments`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:PIN_LENGTH]
