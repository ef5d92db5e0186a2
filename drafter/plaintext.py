"""Markdown → the plain text a reader sees, and the counts limits are checked against.

Invariant: plain text comes from markdown-it's token stream (CommonMark plus tables and
strikethrough), never from regular expressions over the Markdown, so what is counted is what a
renderer shows. The rules, chosen for a reader of a pasted web-form answer:

- blocks (paragraphs, headings, lists, quotes, code, tables) are separated by one blank line;
- headings, block quotes and emphasis (`*`, `**`, `~~`, backticks) show as their text only;
- a soft line break (a wrapped source line) is a space, a hard break (two spaces or `\\`) a line break;
- a link is its text; with `urls=True` it is `text (url)`, and a link whose text is its URL
  (an autolink such as `<https://example.org>`) shows the URL once;
- an image is its alt text;
- a bullet item is `- item`, a numbered item `1. item` (numbered from the list's start, as a browser
  does); a nested list is indented by two spaces per level; a tight list has one item per line,
  a loose one (blank lines between items in the source) a blank line between items;
- a table row is its cells separated by a tab, one row per line;
- a thematic break (`---`) shows nothing;
- raw HTML is kept as written (a reader of a plain-text form sees the tags; no words are dropped);
- no line ends in whitespace, and the result has no leading or trailing whitespace.

Counting: **words** are runs of non-whitespace characters (`str.split()` semantics, Unicode
whitespace); **characters** are code points including spaces, a line break counting one (`\\r\\n` too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["FORBIDDEN", "forbidden_chars", "to_plain", "count_words", "count_chars", "counts"]

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters no document can hold: C0 controls but tab, line feed and carriage return; the
non-characters U+FFFE/U+FFFF; surrogates (a str can hold a lone one, UTF-8 cannot)."""


def forbidden_chars(text: str) -> list[str]:
    """The distinct forbidden characters in `text`, as `U+000C` names, sorted (empty when none)."""
    return sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)}) if text else []

def markdown_parser() -> MarkdownIt:
    """The Markdown dialect drafter counts and renders with (CommonMark, tables, strikethrough);
    raw HTML stays literal text. Renderers use this too, so a document shows what was counted."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


PARSER = markdown_parser()
"""The one parser: building a MarkdownIt is far more expensive than parsing a short answer."""
_MD = PARSER

_INDENT = "  "  # per nesting level of a list


def to_plain(markdown: str, *, urls: bool = False) -> str:
    """The text a reader sees: Markdown syntax removed, a link as its text (with `urls`, `text (url)`)."""
    return _to_plain(markdown, bool(urls))


@lru_cache(maxsize=1024)
def _to_plain(markdown: str, urls: bool) -> str:
    # Answers are re-counted on every keystroke in the UI and again by the checks; the cache makes
    # repeats free. Keys are immutable strings, so caching cannot change a result.
    if not markdown:
        return ""
    tokens = _MD.parse(markdown)
    text = "\n\n".join(b for b in _blocks(tokens, 0, len(tokens), urls) if b)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


_CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
"""Hiragana, katakana (with its extensions and the half-width forms) and the CJK ideographs."""
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_WORDS = re.compile(f"[{_CJK}]|[^\\s{_CJK}]*\\w[^\\s{_CJK}]*")


def count_words(text: str) -> int:
    """Runs of non-space characters; in Chinese and Japanese text each ideograph or kana is one word
    (SPEC), and a run of other characters among them counts once when it holds a letter or digit
    (`IGF` in `我们支持IGF。` is one word, the full stop none)."""
    if not _HAS_CJK.search(text):
        return len(text.split())
    return len(_CJK_WORDS.findall(text))


def count_chars(text: str) -> int:
    """Unicode code points including spaces; each line break counts as one (`\\r\\n` is one break)."""
    return len(text) - text.count("\r\n")


def counts(markdown: str, *, urls: bool = False) -> tuple[int, int]:
    """(words, characters) of the plain text of `markdown`."""
    plain = to_plain(markdown, urls=urls)
    return count_words(plain), count_chars(plain)


# --------------------------------------------------------------------------- token walk


def _close_of(tokens: Sequence[Token], start: int) -> int:
    """Index of the token closing the container opened at `start`."""
    level = tokens[start].level
    close = tokens[start].type[: -len("_open")] + "_close"
    for j in range(start + 1, len(tokens)):
        tok = tokens[j]
        if tok.level == level and tok.type == close:
            return j
    return len(tokens) - 1  # markdown-it always closes what it opens; be safe anyway


def _blocks(tokens: Sequence[Token], i: int, end: int, urls: bool) -> list[str]:
    """Plain text of each block between `i` and `end` (exclusive), in order."""
    out: list[str] = []
    while i < end:
        tok = tokens[i]
        kind = tok.type
        if kind == "paragraph_open" or kind == "heading_open":
            out.append(_inline(tokens[i + 1].children or (), urls))
            i += 3
        elif kind == "bullet_list_open" or kind == "ordered_list_open":
            close = _close_of(tokens, i)
            out.append(_list(tokens, i, close, urls))
            i = close + 1
        elif kind == "blockquote_open":
            close = _close_of(tokens, i)
            out.extend(_blocks(tokens, i + 1, close, urls))
            i = close + 1
        elif kind == "table_open":
            close = _close_of(tokens, i)
            out.append(_table(tokens, i, close, urls))
            i = close + 1
        elif kind == "fence" or kind == "code_block":
            out.append(tok.content.rstrip("\n"))
            i += 1
        elif kind == "html_block":
            out.append(tok.content.strip("\n"))
            i += 1
        else:  # hr, and anything a plugin might add that carries no text of its own
            i += 1
    return out


def _list(tokens: Sequence[Token], start: int, close: int, urls: bool) -> str:
    opener = tokens[start]
    ordered = opener.type == "ordered_list_open"
    number = int(opener.attrs.get("start", 1)) if ordered else 0
    # markdown-it hides the paragraphs of a tight list; a loose list shows them as paragraphs.
    para_level = opener.level + 2
    tight = all(
        t.hidden for t in tokens[start + 1 : close] if t.type == "paragraph_open" and t.level == para_level
    )
    sep = "\n" if tight else "\n\n"
    items: list[str] = []
    j = start + 1
    while j < close:
        if tokens[j].type != "list_item_open":
            j += 1
            continue
        item_close = _close_of(tokens, j)
        content = sep.join(b for b in _blocks(tokens, j + 1, item_close, urls) if b)
        marker = f"{number}." if ordered else "-"
        number += 1
        lines = content.split("\n")
        first = f"{marker} {lines[0]}" if lines[0] else marker
        rest = [_INDENT + line if line.strip() else "" for line in lines[1:]]
        items.append("\n".join([first, *rest]))
        j = item_close + 1
    return sep.join(items)


def _table(tokens: Sequence[Token], start: int, close: int, urls: bool) -> str:
    rows: list[str] = []
    cells: list[str] = []
    for tok in tokens[start:close]:
        if tok.type == "tr_open":
            cells = []
        elif tok.type == "inline":
            cells.append(_inline(tok.children or (), urls).replace("\n", " "))
        elif tok.type == "tr_close":
            rows.append("\t".join(cells))
    return "\n".join(rows)


def _inline(children: Sequence[Token], urls: bool) -> str:
    parts: list[str] = []
    links: list[tuple[Token, int]] = []  # open link token, index of its first text part
    for tok in children:
        kind = tok.type
        if kind == "text" or kind == "code_inline" or kind == "html_inline":
            parts.append(tok.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(_inline(tok.children or (), urls))
        elif kind == "link_open":
            links.append((tok, len(parts)))
        elif kind == "link_close" and links:
            opener, first = links.pop()
            if urls:
                href = str(opener.attrs.get("href") or "")
                if href and opener.markup != "autolink":
                    shown = _MD.normalizeLinkText(href)
                    text = "".join(parts[first:]).strip()
                    if not text:
                        parts.append(shown)
                    elif text not in (href, shown):
                        parts.append(f" ({shown})")
        # em/strong/s open and close marks show nothing
    return "".join(parts)
