"""The edits one answer needs (`Edits`): notes made while it is parsed, in the coordinates of each
inline token's content, traced back to the source and applied there.

Invariant: every edit is a backslash inserted or a span replaced in the source — the rest of the
answer stays byte for byte as written; a position that cannot be traced back with certainty raises
`Unmappable` (the answer is then written fenced), never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it.token import Token

from ...links import is_safe
from .literal import Unmappable, fence_for, literal, token_positions

try:  # markdown-it-py ≥ 4 trims with the CommonMark set; earlier versions with str.strip()
    from markdown_it.common.utils import MD_TRIM_CHARS as _TRIM
except ImportError:  # pragma: no cover
    _TRIM = " \t\n\r\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_next_definition_line: Callable[[Any, int], str | None] | None
try:  # markdown-it-py ≥ 4: how a definition continues onto the next line
    from markdown_it.rules_block.reference import getNextLine as _next_definition_line
except ImportError:  # pragma: no cover
    _next_definition_line = None

REMOVED_LABEL = "unsafe link removed"
"""The label an unsafe reference definition is given (with an empty URL)."""
_HTML_PUNCT = frozenset("\\*_[]<>!&~")  # what could mean something once a tag is text (and "`", see `_html`)


class Inline:
    """One inline token being parsed: what kind of block holds it, and the notes made in it."""

    def __init__(self, token: Token, kind: str, cell: int):
        self.token, self.kind, self.cell = token, kind, cell
        self.notes: list[tuple[str, int, int, Any]] = []  # (what, start, end, detail) in content coordinates


class Edits:
    """The edits one answer needs, collected while it is parsed."""

    def __init__(self, src: str):
        self.src = src
        self.lines = src.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.edits: set[tuple[int, int, str]] = set()  # (start, end, replacement) in the source
        self.inlines: list[Inline] = []
        self.current: Inline | None = None
        self.base = 0  # where the content being parsed starts in the inline token's content (image alt text)
        self.row_starts: dict[int, int] = {}  # table line → source offset of its content

    # ----------------------------------------------------------------- notes while parsing

    def note(self, what: str, start: int, end: int, detail: Any = None) -> None:
        if self.current is not None:
            self.current.notes.append((what, self.base + start, self.base + end, detail))

    def html_block(self, state: Any, start_line: int, token: Token) -> None:
        """The HTML block's lines become a fenced code block holding the same text."""
        first = _content_start(state, start_line, state.blkIndent)
        begin = self.starts[start_line]
        prefix = self.src[begin:first]
        cont = "".join(ch if ch == ">" or ch.isspace() else " " for ch in prefix)  # list markers → spaces
        lines = (token.content[:-1] if token.content.endswith("\n") else token.content).split("\n")
        blank = 0
        while len(lines) - blank > 1 and not lines[len(lines) - blank - 1].strip():
            blank += 1  # blank lines ending the block stay after the fence (they make a list loose)
        body, after = lines[: len(lines) - blank], lines[len(lines) - blank :]
        fence = fence_for("\n".join(body))
        text = [prefix + fence, *(cont + line if line else cont.rstrip() for line in body), cont + fence]
        text += [cont.rstrip()] * len(after)
        last = state.line - 1
        end = self.starts[last] + len(self.lines[last])
        self.edits.add((begin, end, "\n".join(text)))

    def definition(self, state: Any, start_line: int, ok: bool) -> None:
        """A reference definition whose URL is not safe becomes `[unsafe link removed]: <>` — still an
        (invisible) definition, so the blocks around it read the same, but one that no link in this
        answer (its uses become text) or in another answer of the document resolves to; one that
        markdown-it refused for its scheme (and so shows as text) gets its `:` escaped, so that no
        renderer takes it for a definition."""
        pos = state.bMarks[start_line] + state.tShift[start_line]
        if state.is_code_block(start_line) or pos >= len(self.src) or self.src[pos] != "[":
            return
        pieces = [(0, pos)]  # (offset in `string`, offset in the source)
        string = self.src[pos : state.eMarks[start_line] + 1]
        next_line = start_line + 1

        def more() -> bool:
            nonlocal string, next_line
            line: str | None
            if _next_definition_line is not None:
                line = _next_definition_line(state, next_line)
            elif next_line < state.lineMax and not state.isEmpty(next_line):
                line = self.src[state.bMarks[next_line] + state.tShift[next_line] : state.eMarks[next_line] + 1]
            else:
                line = None
            if line is None:
                return False
            pieces.append((len(string), state.bMarks[next_line] + state.tShift[next_line]))
            string += line
            next_line += 1
            return True

        i, label_end = 1, -1
        while i < len(string):
            ch = string[i]
            if ch == "[":
                return
            if ch == "]":
                label_end = i
                break
            if ch == "\n":
                more()
            elif ch == "\\":
                i += 1
                if i < len(string) and string[i] == "\n":
                    more()
            i += 1
        if label_end < 0 or label_end + 1 >= len(string) or string[label_end + 1] != ":":
            return
        i = label_end + 2
        while i < len(string):
            if string[i] == "\n":
                more()
            elif string[i] not in " \t":
                break
            i += 1
        dest = state.md.helpers.parseLinkDestination(string, i, len(string))
        if not dest.ok:
            return

        def where(offset: int) -> int:
            at, source = max(p for p in pieces if p[0] <= offset)
            return source + offset - at

        href = state.md.normalizeLink(dest.str)
        if not state.md.validateLink(href):
            if not ok:
                colon = where(label_end + 1)
                self.edits.add((colon, colon, "\\"))
        elif ok and not is_safe(href):  # label and URL replaced: no link in this answer or another uses it
            stop = where(dest.pos - 1) + 1
            if self.src[stop - 1] == "\n":  # (markdown-it lets a destination end in `\` + line break)
                stop -= 1
            self.edits.add((where(1), stop, f"{REMOVED_LABEL}]: <>"))

    # ----------------------------------------------------------------- back to the source

    def resolve(self) -> None:
        """Turn the notes of every inline token into source edits."""
        for inline in self.inlines:
            if not inline.notes:
                continue
            to_src = self._mapper(inline)
            content = inline.token.content
            where = token_positions(inline.token.children or ())
            replacing = any(note[0] == "replace" for note in inline.notes)
            for what, start, end, detail in inline.notes:
                if what == "escape" or (what == "bracket" and replacing):  # a backslash before this character
                    # (a `[` that opens no link, once a link is text, could pair with its `]`: escaped)
                    at = to_src(start)
                    self.edits.add((at, at, "\\"))
                elif what == "html":
                    self._html(content, start, end, to_src)
                elif what == "replace":  # the span becomes this text
                    first, stop = to_src(start), to_src(end - 1) + 1
                    before = self.src[first - 1] if first else "\n"
                    after = self.src[stop] if stop < len(self.src) else "\n"
                    self.edits.add((first, stop, literal(detail(where), before, after, (content, start))))

    def _html(self, content: str, start: int, end: int, to_src: Callable[[int], int]) -> None:
        """A tag becomes text: its Markdown punctuation escaped, its line breaks hard breaks."""
        line_start = False
        for q in range(start, end):
            ch = content[q]
            if ch == "\n":  # a hard break keeps the line break the tag had
                at = to_src(q)
                self.edits.add((at, at, "\\"))
                line_start = True
                continue
            if line_start and ch in " \t":  # would be trimmed at the start of the next line
                at = to_src(q)
                self.edits.add((at, at + 1, f"&#{ord(ch)};"))
                continue
            line_start = False
            if ch == "`":  # (`\\`` would still be a run of one backtick, closing a code span opened before)
                at = to_src(q)
                self.edits.add((at, at + 1, "&#96;"))
            elif ch in _HTML_PUNCT:
                at = to_src(q)
                self.edits.add((at, at, "\\"))

    def _mapper(self, inline: Inline) -> Callable[[int], int]:
        token = inline.token
        content = token.content
        if not token.map:
            raise Unmappable("an inline token without lines")
        first, stop = token.map
        if inline.kind == "atx":
            line = self.lines[first]
            m = re.search(r"#+", line)
            q = m.end() if m else 0
            while q < len(line) and line[q] in _TRIM and not line.startswith(content, q):
                q += 1
            if not line.startswith(content, q):
                raise Unmappable("heading")
            base = self.starts[first] + q
            return lambda p: base + p
        if inline.kind == "cell":
            positions = self._cell(first, inline.cell, content)
            return lambda p: positions[p]
        return self._lines_mapper(content, first, stop)

    def _lines_mapper(self, content: str, first: int, stop: int) -> Callable[[int], int]:
        """Paragraph and setext heading content: one content line per source line, each a suffix of
        it (the last one's end trimmed), so a position counts back from its line's end."""
        parts = content.split("\n")
        for shift in range(stop - first - len(parts) + 1):
            offsets = []
            for j, part in enumerate(parts):
                n = first + shift + j
                line = self.lines[n]
                k = len(line)
                if j == len(parts) - 1:  # the content's end is trimmed
                    while not _ends_with(line[:k], part) and k and (line[k - 1] in _TRIM or line[k - 1].isspace()):
                        k -= 1
                if not _ends_with(line[:k], part):
                    break
                offsets.append(self.starts[n] + k - len(part))
            else:
                line_of = []
                for j, part in enumerate(parts):
                    line_of.extend([j] * (len(part) + 1))
                starts = [0]
                for part in parts[:-1]:
                    starts.append(starts[-1] + len(part) + 1)
                return lambda p: offsets[line_of[p]] + p - starts[line_of[p]]
        raise Unmappable("paragraph")

    def _cell(self, line: int, index: int, content: str) -> list[int]:
        """Source offset of each character of a table cell's content (markdown-it's split, replayed)."""
        if line not in self.row_starts:
            raise Unmappable("table row")
        begin = self.row_starts[line]
        end = self.starts[line] + len(self.lines[line])
        chars = _trim(list(zip(self.src[begin:end], range(begin, end))))
        cells: list[list[tuple[str, int]]] = []
        current: list[tuple[str, int]] = []
        last, escaped = 0, False
        for i, (ch, _) in enumerate(chars):
            if ch == "|":
                if not escaped:
                    cells.append(current + chars[last:i])
                    current, last = [], i + 1
                else:
                    current = current + chars[last : i - 1]
                    last = i
            escaped = ch == "\\"
        cells.append(current + chars[last:])
        if cells and not cells[0]:
            cells.pop(0)
        if cells and not cells[-1]:
            cells.pop()
        cell = _trim(cells[index]) if index < len(cells) else []
        if "".join(ch for ch, _ in cell) != content:
            raise Unmappable("table cell")
        return [at for _, at in cell]

    # ----------------------------------------------------------------- apply

    def apply(self) -> str:
        """The source with the edits made; an edit inside a span another one replaces is dropped."""
        # by start; at one offset an insertion first, then the longest span
        edits = sorted(self.edits, key=lambda e: (e[0], e[1] > e[0], -e[1]))
        out, at = [], 0
        cover = (-1, -1)  # the last span replaced
        for s, e, text in edits:
            if (cover[0] < s < cover[1]) if s == e else (cover[0] <= s and e <= cover[1]):
                continue
            if s < at:
                raise Unmappable("overlapping edits")
            out.append(self.src[at:s])
            out.append(text)
            at = e
            if e > s:
                cover = (s, e)
        out.append(self.src[at:])
        return "".join(out)


def _ends_with(line: str, part: str) -> bool:
    """Whether a content line is the end of a source line — but for the spaces markdown-it puts in
    place of a tab it splits (`\t` indenting a list item's text by more than the item needs)."""
    if line.endswith(part):
        return True
    rest = part.lstrip(" ")
    return len(part) - len(rest) < 4 and line.endswith(rest) and "\t" in line[: len(line) - len(rest)]


def _trim(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    i, j = 0, len(chars)
    while i < j and chars[i][0] in _TRIM:
        i += 1
    while j > i and chars[j - 1][0] in _TRIM:
        j -= 1
    return chars[i:j]


def _content_start(state: Any, line: int, indent: int) -> int:
    """Where markdown-it's `getLines(…, indent, …)` starts the line (after container markers and `indent`)."""
    column = 0
    start = first = state.bMarks[line]
    last = state.eMarks[line]
    while first < last and column < indent:
        ch = state.src[first]
        if ch == "\t":
            column += 4 - (column + state.bsCount[line]) % 4
        elif ch == " " or first - start < state.tShift[line]:
            column += 1
        else:
            break
        first += 1
    return first
