"""The renderer's one user-facing error."""

from __future__ import annotations


class RenderError(Exception):
    """A render that cannot go on: the message is one line, for the user (a bad template, no LibreOffice)."""
