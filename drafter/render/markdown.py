"""SubmissionDoc → one Markdown file: title, respondent block, sections, questions, answers, references.

Invariant: drafter's own text (titles, questions, guidance, respondent fields) is escaped so it reads
literally; each answer's Markdown is kept as written except that

- its headings are demoted below the question's `###`, so an answer can never outrank the
  questionnaire's structure;
- raw HTML is made literal text (`safe_answer`): a tag inside a paragraph gets its Markdown
  punctuation backslash-escaped, an HTML block becomes a fenced code block — the .md holds no raw
  HTML for any CommonMark renderer, and the answer's plain text (`plaintext.to_plain`) is unchanged;
- a link or image whose URL is not http, https or mailto (`links.is_safe`) becomes its text, a
  reference definition with such a URL loses it, and a link markdown-it refuses (`javascript:`…) but
  another renderer might accept is escaped so that no renderer reads it as a link;
- a code fence it leaves open is closed, so it cannot swallow the questions after it.

Code (spans, indented and fenced blocks) is never touched. When the rewriting cannot be traced back
to the source with certainty, the answer is written as its plain text in a fenced code block — always
safe, and the same plain text.

The references list links a source only when its URL is safe, written with `links.markdown_destination`
(so no URL can close the link or start a line); any other source shows its URL as escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline.autolink import AUTOLINK_RE
from markdown_it.token import Token

from ..links import is_safe, markdown_destination, normalize
from ..plaintext import PARSER, markdown_parser, to_plain
from ..submission import SubmissionDoc
from .clean import Cleaner
from .prose import one_line, paragraphs

try:  # markdown-it-py ≥ 4 trims with the CommonMark set; earlier versions with str.strip()
    from markdown_it.common.utils import MD_TRIM_CHARS as _TRIM
except ImportError:  # pragma: no cover
    _TRIM = " \t\n\r\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_next_definition_line: Callable[[Any, int], str | None] | None
try:  # markdown-it-py ≥ 4: how a definition continues onto the next line
    from markdown_it.rules_block.reference import getNextLine as _next_definition_line
except ImportError:  # pragma: no cover
    _next_definition_line = None

QUESTION_LEVEL = 3
_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_CONTAINER = r"(?:[ \t]*(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+))*[ \t]*"
_ATX = re.compile(rf"^({_CONTAINER})(#{{1,6}})(?=[ \t]|$)")
_PREFIX = re.compile(rf"^{_CONTAINER}")


def escape(text: str) -> str:
    """Plain text as inline Markdown that reads back as the same text (placed after a line's prefix,
    such as `### ` or `- `, so block markers at its start need no escape)."""
    return _ENTITY.sub(r"\\&", _ESCAPE.sub(r"\\\1", text))


def demote_headings(markdown: str, top: int = QUESTION_LEVEL + 1) -> str:
    """The Markdown with its highest heading at level `top` (others kept relative, at most 6)."""
    src = re.sub(r"\r\n?", "\n", markdown)
    tokens = PARSER.parse(src)
    heads = [(t, tokens[i + 1], t.map) for i, t in enumerate(tokens) if t.type == "heading_open" and t.map]
    if not heads:
        return markdown
    first = min(int(t.tag[1]) for t, _, _ in heads)
    lines = src.split("\n")
    for tok, inline, (start, end) in sorted(heads, key=lambda h: -h[2][0]):
        hashes = "#" * min(6, top + int(tok.tag[1]) - first)
        if tok.markup.startswith("#"):
            lines[start] = _ATX.sub(r"\g<1>" + hashes, lines[start], count=1)
        else:  # setext: "Text\n===" becomes one ATX line
            prefix = _PREFIX.match(lines[start]).group(0)  # type: ignore[union-attr]  # it matches ""
            lines[start:end] = [prefix + hashes + " " + one_line(inline.content)]
    return "\n".join(lines)


def line_start(text: str) -> str:
    """Escaped inline text (`escape`) made safe to begin a line's content too — after `1. ` or `- `:
    a leading `#`, `-`, `+`, `=` or `1.` would otherwise start a heading, a list or a rule."""
    m = re.match(r"[#+=:-]|\d{1,9}(?=[.)])", text)
    if not m:
        return text
    if m.group(0)[0].isdigit():
        return text[: m.end()] + "\\" + text[m.end():]
    return "\\" + text


def _answer_lines(a, doc: SubmissionDoc, clean: Cleaner, level: int) -> list[str]:
    """One printed answer: its preamble (the question above its parts), heading, guidance (when
    asked for), the answer, and marks for items that could not be composed."""
    q = a.target
    out: list[str] = []
    if a.preamble is not None:
        pre = one_line(clean.clean(a.preamble.label, f"question {a.preamble.id}"))
        out += [f"{'#' * level} {escape(pre)}", ""]
        if doc.guidance:
            out += [f"*{escape(p)}*" for p in paragraphs(clean.clean(a.preamble.guidance, f"question {a.preamble.id} guidance"))]
            out += [""] if a.preamble.guidance else []
    qtext = one_line(clean.clean(q.label, f"question {q.id}"))
    own = min(6, level + (1 if q.parent is not None else 0))  # a part stands under its question
    out += [f"{'#' * own} {escape(qtext)}", ""]
    if doc.guidance:
        for para in paragraphs(clean.clean(q.guidance, f"question {q.id} guidance")):
            out += [f"*{escape(para)}*", ""]
    answer = clean.clean(a.markdown, f"answer {q.id}", question=q.id).strip("\n")
    answer = safe_answer(demote_headings(answer, own + 1)) if answer.strip() else ""
    out += [answer.rstrip(), ""] if answer.strip() else (["*No answer.*", ""] if not a.failed else [])
    out += [f"*{escape(clean.clean(mark, f'answer {q.id}'))}*" for mark in a.failed] + ([""] if a.failed else [])
    return out


def render_markdown(doc: SubmissionDoc, clean: Cleaner, *, redline: bool = False) -> str:
    """The submission as Markdown, UTF-8 text ending in one newline. A document consultation's
    comments are printed instead of the sections (`comments_text`): each proposed change, or with
    `redline` the whole document with the changes marked."""
    from .comments_text import comments_markdown

    con = doc.consultation
    cover = [f"- **{label}:** {escape(one_line(clean.clean(value, f'cover {label.lower()}')))}" for label, value in doc.cover]
    if doc.letter is not None:
        letter = doc.letter
        out = [escape(clean.clean(doc.date_text, "date")), ""]
        out += [escape(one_line(clean.clean(line, "addressee"))) + "  " for line in letter.addressee] + [""]
        out += [f"# {escape(one_line(clean.clean(letter.title, 'title')))}", ""]
        out += [line for line in cover if not line.startswith("- **Date:**")] + ([""] if cover else [])
        for s in doc.printed_sections() if doc.comments is None else []:
            for a in s.answers:
                out += _answer_lines(a, doc, clean, 2)
        out += comments_markdown(doc, clean, redline=redline, level=2) if doc.comments is not None else []
        out += [escape(letter.closing), ""]
        out += [escape(one_line(clean.clean(line, "signature"))) + "  " for line in letter.signature] + [""]
        out += [escape(clean.clean(doc.consent, "consent statement")), ""] if doc.consent else []
    else:
        out = [f"# {escape(one_line(clean.clean(con.title, 'consultation title')))}", ""]
        out += [f"Response to {escape(one_line(clean.clean(con.organiser, 'consultation organiser')))}", ""]
        out += cover
        out += ["", escape(clean.clean(doc.consent, "consent statement")), ""]
        for s in doc.printed_sections() if doc.comments is None else []:
            out += [f"## {escape(one_line(clean.clean(s.heading.title, 'section title')))}", ""]
            for a in s.answers:
                out += _answer_lines(a, doc, clean, QUESTION_LEVEL)
        out += comments_markdown(doc, clean, redline=redline, level=2) if doc.comments is not None else []
    sources = doc.sources
    if sources:
        out += ["## References", ""]
        for n, src in enumerate(sources, 1):
            title = escape(one_line(clean.clean(src.title, "source title")))
            url = clean.clean(src.url, "source url")
            if url and is_safe(url):
                out.append(f"{n}. [{title}](<{markdown_destination(normalize(url))}>)")
            elif url:  # not a link: the URL as text, on one line
                shown = escape(one_line(url))
                out.append(f"{n}. {line_start(title)}" + (f". {shown}" if shown != title else ""))
            else:
                out.append(f"{n}. {line_start(title)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- answers made safe
#
# The answer is parsed once by an instrumented copy of the one parser (same rules, same results):
# wrappers around a few rules note where raw HTML, links, images and reference definitions are, in
# the coordinates of each inline token's content; those are mapped back to the source and turned
# into small edits (a backslash inserted, a span replaced). The result is parsed again and checked —
# no raw HTML, no unsafe link or image (for markdown-it as configured, and for one that accepts
# every scheme, as other renderers do), the same plain text — and if the check fails the answer is
# written as its plain text in a fenced code block instead, which is always safe and always reads
# the same.

REMOVED_LABEL = "unsafe link removed"
"""The label an unsafe reference definition is given (with an empty URL)."""
_KEY = "drafter.render.markdown"  # the parse's env entry holding the `_Edits` being collected
_HTML_PUNCT = frozenset("\\*_[]<>!&~")  # what could mean something once a tag is text (and "`", see `_html`)
_LITERAL_PUNCT = frozenset("\\*_[]<>!&~|")
_LINE_START = frozenset("#+-=:")  # at the start of a line: a heading, a list, a rule, a table's delimiter row
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_FENCE_RUN = re.compile(r"`+")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_ENTITY_SO_FAR = re.compile(r"&#?[A-Za-z0-9]*")


class _Unmappable(Exception):
    """A position could not be traced back to the source (the answer is then fenced instead)."""


def _fence_for(text: str) -> str:
    return "`" * max(3, max((len(m) for m in _FENCE_RUN.findall(text)), default=0) + 1)


def _entity_ok(code: int) -> bool:
    """Whether markdown-it decodes `&#code;` to that character (it refuses controls and non-characters)."""
    return not (
        0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFF in (0xFFFE, 0xFFFF)
        or code <= 0x08 or code == 0x0B or 0x0E <= code <= 0x1F or 0x7F <= code <= 0x9F
    )


def _literal(text: str, before: str, after: str, preceding: tuple[str, int]) -> str:
    """`text` as Markdown that reads back as exactly that text in place of a link, between the source
    characters `before` and `after` (`preceding`: the inline content and where the link starts in it). An end that meets
    `*`, `_` or `~` is written as an escape or an entity, so that the neighbour reads as it did next to
    the link's `[`/`)` — punctuation: `_x` after it may open emphasis, after a letter it may not; so is
    the start when what precedes could join it into an entity (`&am` + `p;`) or a tag (`<span` + `x>`)."""
    if "\n" in text:
        raise _Unmappable("a line break inside a replaced link")
    content, at = preceding
    tag, amp = content.rfind("<", 0, at), content.rfind("&", 0, at)
    guard = before in "*_~" or tag > content.rfind(">", 0, at) or (amp >= 0 and bool(_ENTITY_SO_FAR.fullmatch(content, amp, at)))
    lead = len(text) - len(text.lstrip(" \t"))
    trail = len(text) - len(text.rstrip(" \t"))
    number = re.match(r"\d{1,9}(?=[.)])", text)
    out = []
    for i, ch in enumerate(text):
        edge = (i == 0 and guard) or (i == len(text) - 1 and after in "*_~")
        if ch == "`":  # an escaped backtick still counts in a run closing a code span: an entity does not
            out.append("&#96;")
        elif ch in _LITERAL_PUNCT or (i == 0 and ch in _LINE_START) or (number and i == number.end()) or (edge and ch in _ASCII_PUNCT):
            out.append("\\" + ch)
        elif (edge or i < lead or i >= len(text) - trail) and _entity_ok(ord(ch)):
            out.append(f"&#{ord(ch)};")  # (spaces at either end would be trimmed or make a break)
        else:
            out.append(ch)
    return "".join(out)


def _flat_text(tokens: Sequence[Token]) -> str:
    """The plain text of inline tokens, as `plaintext.to_plain` shows it (links as their text)."""
    parts = []
    for tok in tokens:
        if tok.type in ("text", "code_inline", "html_inline"):
            parts.append(tok.content)
        elif tok.type == "softbreak":
            parts.append(" ")
        elif tok.type == "hardbreak":
            parts.append("\n")
        elif tok.type == "image":
            parts.append(_flat_text(tok.children or ()))
    return "".join(parts)


def _positions(tokens: Sequence[Token], into: dict[int, tuple[Sequence[Token], int]] | None = None) -> dict[int, tuple[Sequence[Token], int]]:
    """Where each token is — its list and index, an image's alt text included — by `id`: the final
    lists (markdown-it joins text tokens into new lists after parsing)."""
    found = {} if into is None else into
    for i, tok in enumerate(tokens):
        found[id(tok)] = (tokens, i)
        if tok.type == "image" and tok.children:
            _positions(tok.children, found)
    return found


def _link_text(where: dict[int, tuple[Sequence[Token], int]], opener: Token) -> str:
    """The plain text of the link `opener` opens."""
    tokens, i = where[id(opener)]
    depth = 0
    for j in range(i, len(tokens)):
        depth += {"link_open": 1, "link_close": -1}.get(tokens[j].type, 0)
        if depth == 0:
            return _flat_text(tokens[i + 1 : j])
    return _flat_text(tokens[i + 1 :])


class _Inline:
    """One inline token being parsed: what kind of block holds it, and the notes made in it."""

    def __init__(self, token: Token, kind: str, cell: int):
        self.token, self.kind, self.cell = token, kind, cell
        self.notes: list[tuple[str, int, int, Any]] = []  # (what, start, end, detail) in content coordinates


class _Edits:
    """The edits one answer needs, collected while it is parsed."""

    def __init__(self, src: str):
        self.src = src
        self.lines = src.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.edits: set[tuple[int, int, str]] = set()  # (start, end, replacement) in the source
        self.inlines: list[_Inline] = []
        self.current: _Inline | None = None
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
        fence = _fence_for("\n".join(body))
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
            where = _positions(inline.token.children or ())
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
                    self.edits.add((first, stop, _literal(detail(where), before, after, (content, start))))

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

    def _mapper(self, inline: _Inline) -> Callable[[int], int]:
        token = inline.token
        content = token.content
        if not token.map:
            raise _Unmappable("an inline token without lines")
        first, stop = token.map
        if inline.kind == "atx":
            line = self.lines[first]
            m = re.search(r"#+", line)
            q = m.end() if m else 0
            while q < len(line) and line[q] in _TRIM and not line.startswith(content, q):
                q += 1
            if not line.startswith(content, q):
                raise _Unmappable("heading")
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
        raise _Unmappable("paragraph")

    def _cell(self, line: int, index: int, content: str) -> list[int]:
        """Source offset of each character of a table cell's content (markdown-it's split, replayed)."""
        if line not in self.row_starts:
            raise _Unmappable("table row")
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
            raise _Unmappable("table cell")
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
                raise _Unmappable("overlapping edits")
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


# ----------------------------------------------------------------- the instrumented parser


def _wrap_block(md: MarkdownIt, name: str, after: Callable[..., None]) -> None:
    rule = next(r for r in md.block.ruler.__rules__ if r.name == name)
    original = rule.fn

    def wrapped(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        ok = original(state, start_line, end_line, silent)
        edits = state.env.get(_KEY)
        if not silent and edits is not None:
            after(edits, state, start_line, ok)
        return bool(ok)

    md.block.ruler.at(name, wrapped, {"alt": list(rule.alt)})


def _wrap_inline(md: MarkdownIt, name: str, around: Callable[..., bool]) -> None:
    rule = next(r for r in md.inline.ruler.__rules__ if r.name == name)
    original = rule.fn

    def wrapped(state: Any, silent: bool) -> bool:
        edits = state.env.get(_KEY)
        if silent or edits is None:
            return bool(original(state, silent))
        return around(edits, state, lambda: bool(original(state, silent)))

    md.inline.ruler.at(name, wrapped, {"alt": list(rule.alt)})


def _refused(state: Any, start: int, image: bool) -> tuple[int, int] | None:
    """For `[text](dest)` at `start` (`![…](…)` for an image) whose destination markdown-it refuses
    (javascript:, file:…): the offsets of its `(` and `)`; else None."""
    md, src, top = state.md, state.src, state.posMax
    if not src.startswith("![" if image else "[", start):
        return None
    end = md.helpers.parseLinkLabel(state, start + 1, False) if image else md.helpers.parseLinkLabel(state, start, True)
    if end < 0 or end + 1 >= top or src[end + 1] != "(":
        return None
    paren = end + 1
    pos = _skip_space(src, paren + 1, top)
    if pos >= top:
        return None
    dest = md.helpers.parseLinkDestination(src, pos, top)
    if not dest.ok or md.validateLink(md.normalizeLink(dest.str)):
        return None
    pos = _skip_space(src, dest.pos, top)
    title = md.helpers.parseLinkTitle(src, pos, top)
    if pos < top and pos != dest.pos and title.ok:
        pos = _skip_space(src, title.pos, top)
    return (paren, pos) if pos < top and src[pos] == ")" else None


def _skip_space(src: str, pos: int, top: int) -> int:
    while pos < top and src[pos] in " \t\n":
        pos += 1
    return pos


def _escape_parens(edits: _Edits, parens: tuple[int, int] | None) -> None:
    """A destination refused here is `\\(…\\)`, so that no renderer reads a link (both parentheses:
    an enclosing link's destination counts them)."""
    if parens is not None:
        for at in parens:
            edits.note("escape", at, at + 1)


def _on_link(edits: _Edits, state: Any, run: Callable[[], bool]) -> bool:
    start, before = state.pos, len(state.tokens)
    paren = _refused(state, start, image=False)
    ok = run()
    if ok:
        tokens = state.tokens
        opener = next(t for t in tokens[before:] if t.type == "link_open")
        if not is_safe(str(opener.attrs.get("href") or "")):
            edits.note("replace", start, state.pos, lambda where: _link_text(where, opener))
    elif state.src.startswith("[", start) and state.linkLevel == 0 and edits.base == 0:  # (not in a label)
        edits.note("bracket", start, start + 1)
    _escape_parens(edits, paren)
    return ok


def _on_image(edits: _Edits, state: Any, run: Callable[[], bool]) -> bool:
    start = state.pos
    paren = _refused(state, start, image=True)
    outer = edits.base
    edits.base = outer + start + 2  # the alt text is parsed on its own
    try:
        ok = run()
    finally:
        edits.base = outer
    if ok:
        image = state.tokens[-1]
        if not is_safe(str(image.attrs.get("src") or "")):
            edits.note("replace", start, state.pos, lambda where: _flat_text(image.children or ()))
    _escape_parens(edits, paren)
    return ok


def _on_autolink(edits: _Edits, state: Any, run: Callable[[], bool]) -> bool:
    start, before = state.pos, len(state.tokens)
    ok = run()
    if ok:
        tokens = state.tokens
        opener = next(t for t in tokens[before:] if t.type == "link_open")
        if not is_safe(str(opener.attrs.get("href") or "")):
            edits.note("replace", start, state.pos, lambda where: _link_text(where, opener))
    elif state.src[start] == "<":
        end = state.src.find(">", start, state.posMax)
        if end > start and AUTOLINK_RE.search(state.src[start + 1 : end]) and "<" not in state.src[start + 1 : end]:
            edits.note("escape", start, start + 1)  # `<javascript:…>`: refused here, maybe not elsewhere
    return ok


def _on_html(edits: _Edits, state: Any, run: Callable[[], bool]) -> bool:
    start = state.pos
    ok = run()
    if ok:
        edits.note("html", start, state.pos)
    elif _TAG_START.match(state.src, start):  # text here, but another dialect may start HTML at it
        edits.note("escape", start, start + 1)  # (`<search x` opens an HTML block for newer CommonMark)
    return ok


def _on_table(edits: _Edits, state: Any, start_line: int, ok: bool) -> None:
    if ok:
        for line in range(start_line, state.line):
            edits.row_starts[line] = state.bMarks[line] + state.tShift[line]


def _on_html_block(edits: _Edits, state: Any, start_line: int, ok: bool) -> None:
    if ok:
        edits.html_block(state, start_line, state.tokens[-1])


def _on_definition(edits: _Edits, state: Any, start_line: int, ok: bool) -> None:
    edits.definition(state, start_line, ok)


def _core_inline(state: Any) -> None:
    """markdown-it's core `inline` rule, telling the collector which inline token is being parsed."""
    edits: _Edits | None = state.env.get(_KEY)
    cell = 0
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            cell = 0
        if tok.type != "inline":
            continue
        if tok.children is None:
            tok.children = []
        opener = tokens[i - 1].type if i else ""
        if edits is not None:
            kind = "cell" if opener in ("th_open", "td_open") else "para"
            if opener == "heading_open" and tokens[i - 1].markup.startswith("#"):
                kind = "atx"
            edits.current = _Inline(tok, kind, cell)
            edits.inlines.append(edits.current)
            edits.base = 0
        state.md.inline.parse(tok.content, state.md, state.env, tok.children)
        if edits is not None:
            edits.current = None
        cell += opener in ("th_open", "td_open")


def _instrumented() -> MarkdownIt:
    md = markdown_parser()
    _wrap_block(md, "table", _on_table)
    _wrap_block(md, "html_block", _on_html_block)
    _wrap_block(md, "reference", _on_definition)
    _wrap_inline(md, "link", _on_link)
    _wrap_inline(md, "image", _on_image)
    _wrap_inline(md, "autolink", _on_autolink)
    _wrap_inline(md, "html_inline", _on_html)
    md.core.ruler.at("inline", _core_inline)
    return md


def _accepting() -> MarkdownIt:
    """The dialect with every URL accepted, as renderers without markdown-it's scheme filter read it."""
    md = markdown_parser()
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_PARSERS: dict[str, MarkdownIt] = {}


def _parser(name: str) -> MarkdownIt:
    if name not in _PARSERS:
        _PARSERS[name] = _instrumented() if name == "collect" else _accepting()
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
    return f"{_fence_for(plain)}\n{plain}\n{_fence_for(plain)}" if plain else ""


def safe_answer(markdown: str) -> str:
    """The answer's Markdown with no raw HTML and no link or image to an unsafe URL, for any
    CommonMark renderer; its plain text (`plaintext.to_plain`) is unchanged. Code stays as written,
    and so do autolinks and links to http, https and mailto URLs."""
    src = re.sub(r"\r\n?", "\n", markdown).replace("\0", "\ufffd")  # as markdown-it normalises it
    edits = _Edits(src)
    try:
        tokens = _parser("collect").parse(src, {_KEY: edits})
        for tok in tokens:  # a code fence left open would run on over the rest of the document: close it
            if tok.type == "fence" and tok.level == 0 and tok.map:
                start, stop = tok.map
                if stop - start == 1 or not _closes(edits.lines[stop - 1], tok.markup):
                    edits.edits.add((len(src), len(src), "\n" + tok.markup))
        edits.resolve()
        result = edits.apply()
    except Exception:  # a case the bookkeeping does not follow (see `_Unmappable`): the safe form
        return _fenced(src)
    if unsafe_tokens(result) or unsafe_tokens(result, _parser("accepting")) or (result != src and to_plain(result) != to_plain(src)):
        return _fenced(src)
    return result
