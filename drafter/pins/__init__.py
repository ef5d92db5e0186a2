"""Pins: what a draft keeps of a block so that a later change in the library is noticed.

`hash` makes the fingerprint, `store` keeps each pinned version (`.drafter/pins/`), `changes`
finds a draft's changed blocks, diffs them and takes the new version.
"""

from .hash import PIN_LENGTH, canonical_content, pin_hash, text_pin

__all__ = ["PIN_LENGTH", "canonical_content", "pin_hash", "text_pin"]
