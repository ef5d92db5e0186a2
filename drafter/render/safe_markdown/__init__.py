"""An answer's Markdown made safe for any CommonMark renderer (`safe_answer`), reading the same.

Invariant: the answer's Markdown is kept as written except that

- raw HTML is made literal text: a tag inside a paragraph gets its Markdown punctuation
  backslash-escaped, an HTML block becomes a fenced code block — the result holds no raw HTML for
  any CommonMark renderer, and the answer's plain text (`plaintext.to_plain`) is unchanged;
- a link or image whose URL is not http, https or mailto (`links.is_safe`) becomes its text, a
  reference definition with such a URL loses it, and a link markdown-it refuses (`javascript:`…) but
  another renderer might accept is escaped so that no renderer reads it as a link;
- a code fence it leaves open is closed, so it cannot swallow what follows it.

Code (spans, indented and fenced blocks) is never touched. When the rewriting cannot be traced back
to the source with certainty, the answer is written as its plain text in a fenced code block — always
safe, and the same plain text.

How: the answer is parsed once by an instrumented copy of the one parser (`hooks`, same rules, same
results): wrappers around a few rules note where raw HTML, links, images and reference definitions
are, in the coordinates of each inline token's content; those are mapped back to the source and
turned into small edits (`edits`: a backslash inserted, a span replaced by `literal` text). The result
is parsed again and checked — no raw HTML, no unsafe link or image (for markdown-it as configured, and
for one that accepts every scheme, as other renderers do), the same plain text — and if the check
fails the answer is written as its plain text in a fenced code block instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ...links import is_safe
from ...plaintext import PARSER, markdown_parser, to_plain
from .edits import REMOVED_LABEL, Edits
from .hooks import KEY, instrumented
from .literal import fence_for

__all__ = ["REMOVED_LABEL", "safe_answer", "unsafe_tokens"]


def _accepting() -> MarkdownIt:
    """The dialect with every URL accepted, as renderers without markdown-it's scheme filter read it."""
    md = markdown_parser()
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_PARSERS: dict[str, MarkdownIt] = {}


def _parser(name: str) -> MarkdownIt:
    if name not in _PARSERS:
        _PARSERS[name] = instrumented() if name == "collect" else _accepting()
    return _PARSERS[name]


def unsafe_tokens(markdown: str, parser: MarkdownIt | None = None) -> list[str]:
    """What in `markdown` could be live in a rendering: raw HTML, and links or images whose URL is
    not safe — as `html_block`, `html_inline`, `link <url>`, `image <url>` (empty when none)."""
    found: list[str] = []

    def walk(tokens: Sequence[Token]) -> None:
        for tok in tokens:
            if tok.type in ("html_block", "html_inline"):
                found.append(tok.type)
            elif tok.type == "link_open" and not is_safe(str(tok.attrs.get("href") or "")):
                found.append(f"link {tok.attrs.get('href')}")
            elif tok.type == "image" and not is_safe(str(tok.attrs.get("src") or "")):
                found.append(f"image {tok.attrs.get('src')}")
            if tok.children:
                walk(tok.children)

    walk((parser or PARSER).parse(markdown))
    return found


def _closes(line: str, markup: str) -> bool:
    """Whether `line` closes a code fence opened with `markup`."""
    m = re.fullmatch(r" {0,3}(`+|~+)[ \t]*", line)
    return m is not None and m.group(1)[0] == markup[0] and len(m.group(1)) >= len(markup)


def _fenced(markdown: str) -> str:
    plain = to_plain(markdown)
    return f"{fence_for(plain)}\n{plain}\n{fence_for(plain)}" if plain else ""


def safe_answer(markdown: str) -> str:
    """The answer's Markdown with no raw HTML and no link or image to an unsafe URL, for any
    CommonMark renderer; its plain text (`plaintext.to_plain`) is unchanged. Code stays as written,
    and so do autolinks and links to http, https and mailto URLs."""
    src = re.sub(r"\r\n?", "\n", markdown).replace("\0", "\ufffd")  # as markdown-it normalises it
    edits = Edits(src)
    try:
        tokens = _parser("collect").parse(src, {KEY: edits})
        for tok in tokens:  # a code fence left open would run on over the rest of the document: close it
            if tok.type == "fence" and tok.level == 0 and tok.map:
                start, stop = tok.map
                if stop - start == 1 or not _closes(edits.lines[stop - 1], tok.markup):
                    edits.edits.add((len(src), len(src), "\n" + tok.markup))
        edits.resolve()
        result = edits.apply()
    except Exception:  # a case the bookkeeping does not follow (see `Unmappable`): the safe form
        return _fenced(src)
    if unsafe_tokens(result) or unsafe_tokens(result, _parser("accepting")) or (result != src and to_plain(result) != to_plain(src)):
        return _fenced(src)
    return result
