"""Which link targets a document may make live, and how to write one into Markdown.

Invariant: only a URL whose scheme is http, https or mailto becomes a live link in any output (a Word
hyperlink, a Markdown link); everything else — relative paths, `javascript:`, `file:`, `data:`,
`smb:`, `search-ms:`, UNC paths `\\\\host\\share`, protocol-relative `//host/share` — is shown as text
at most. The check is an allow-list on the scheme, read the way a browser reads it (surrounding
whitespace and control characters ignored, ASCII tab and line breaks removed anywhere, letters in
any case), so an obfuscation either reads as its real scheme or as no scheme at all: both are unsafe.

Pure string functions, no I/O and no third-party import: the checks and the renderers share them.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["SAFE_SCHEMES", "is_safe", "markdown_destination", "normalize", "printable", "scheme"]

SAFE_SCHEMES = ("http", "https", "mailto")
"""The schemes a link may have (lower case)."""

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")  # ASCII only: `ｊavascript:` is no scheme
_TAB_OR_BREAK = re.compile("[\t\n\r]")
_INVISIBLE = ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp")  # controls, format (zero-width, bidi), surrogates, spaces
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in _INVISIBLE


def normalize(url: str) -> str:
    """`url` as a browser reads it: without leading or trailing whitespace, control or format
    characters (zero-width spaces, bidi marks), and without ASCII tab, line feed or carriage return
    anywhere. The form to use as a link's target once `is_safe` has said yes."""
    start, end = 0, len(url)
    while start < end and _invisible(url[start]):
        start += 1
    while end > start and _invisible(url[end - 1]):
        end -= 1
    return _TAB_OR_BREAK.sub("", url[start:end])


def scheme(url: str) -> str | None:
    """The URL's scheme in lower case (`JaVaScRiPt:x` → `javascript`), None for a relative URL,
    a UNC path or anything else without an ASCII scheme."""
    m = _SCHEME.match(normalize(url))
    return m.group(1).lower() if m else None


def is_safe(url: str | None) -> bool:
    """True when `url` may become a live link: its scheme is http, https or mailto."""
    return isinstance(url, str) and scheme(url) in SAFE_SCHEMES


def _percent(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def markdown_destination(url: str) -> str:
    """`url` written to sit between `<` and `>` as a Markdown link destination (`[t](<…>)`).

    `<`, `>`, backslashes, whitespace of any kind (line breaks included), control and format
    characters are percent-encoded, so no URL can close the destination, escape its `>` or start a
    new line; an `&` that would start an entity is backslash-escaped, so it stays a literal `&`.
    Everything else is kept as written (a Markdown renderer percent-encodes the rest itself).
    """
    out = []
    for i, ch in enumerate(url):
        if ch in "<>\\" or _invisible(ch):
            out.append(_percent(ch))
        elif ch == "&" and _ENTITY_START.match(url, i):
            out.append("\\&")
        else:
            out.append(ch)
    return "".join(out)


def printable(url: str) -> str:
    """`url` as text to show a reader: every character that is not visible on its own line — line
    breaks and other whitespace but the plain space, control and format characters (bidi overrides,
    zero-width spaces) — percent-encoded. A link's text decoded from `%0A%0A…` or `%E2%80%AE…` can
    then neither start a new line in a plain-text answer nor turn itself around."""
    return "".join(_percent(ch) if ch != " " and _invisible(ch) else ch for ch in url)
