"""Text from other organisations' files, made safe to show on a terminal.

Invariant: a control character (C0 but tab and line feed, DEL, C1) or a bidirectional override never
reaches a terminal as itself: it is shown as a visible escape (`\\x1b`, `\\u202e`), so library text
cannot clear the screen, set the window title, write the clipboard (OSC 52), hide a link (OSC 8) or
reorder what a line appears to say. Every front door passes library-derived text through `visible`.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str | None, *, one_line: bool = False) -> str:
    """`text` with control characters shown as escapes; with `one_line`, line breaks and tabs as spaces."""
    if not text:
        return ""
    if one_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _UNSAFE.sub(_escape, text)
