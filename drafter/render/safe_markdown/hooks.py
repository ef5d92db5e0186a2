"""The instrumented parser (`instrumented`): the one Markdown parser (`plaintext.markdown_parser`),
with a few of markdown-it's rules wrapped so that a parse whose env holds an `Edits` under `KEY`
notes in it where raw HTML, links, images, autolinks, tables and reference definitions are.

Invariant: a wrapper never changes what its rule returns or the tokens it makes — the instrumented
parser reads every answer as the plain one does; without an `Edits` in the env it only calls the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline.autolink import AUTOLINK_RE

from ...links import is_safe
from ...plaintext import markdown_parser
from .edits import Edits, Inline
from .literal import flat_text, link_text

KEY = "drafter.render.safe_markdown"  # the parse's env entry holding the `Edits` being collected
_TAG_START = re.compile(r"<[A-Za-z/!?]")


def _wrap_block(md: MarkdownIt, name: str, after: Callable[..., None]) -> None:
    rule = next(r for r in md.block.ruler.__rules__ if r.name == name)
    original = rule.fn

    def wrapped(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        ok = original(state, start_line, end_line, silent)
        edits = state.env.get(KEY)
        if not silent and edits is not None:
            after(edits, state, start_line, ok)
        return bool(ok)

    md.block.ruler.at(name, wrapped, {"alt": list(rule.alt)})


def _wrap_inline(md: MarkdownIt, name: str, around: Callable[..., bool]) -> None:
    rule = next(r for r in md.inline.ruler.__rules__ if r.name == name)
    original = rule.fn

    def wrapped(state: Any, silent: bool) -> bool:
        edits = state.env.get(KEY)
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


def _escape_parens(edits: Edits, parens: tuple[int, int] | None) -> None:
    """A destination refused here is `\\(…\\)`, so that no renderer reads a link (both parentheses:
    an enclosing link's destination counts them)."""
    if parens is not None:
        for at in parens:
            edits.note("escape", at, at + 1)


def _on_link(edits: Edits, state: Any, run: Callable[[], bool]) -> bool:
    start, before = state.pos, len(state.tokens)
    paren = _refused(state, start, image=False)
    ok = run()
    if ok:
        tokens = state.tokens
        opener = next(t for t in tokens[before:] if t.type == "link_open")
        if not is_safe(str(opener.attrs.get("href") or "")):
            edits.note("replace", start, state.pos, lambda where: link_text(where, opener))
    elif state.src.startswith("[", start) and state.linkLevel == 0 and edits.base == 0:  # (not in a label)
        edits.note("bracket", start, start + 1)
    _escape_parens(edits, paren)
    return ok


def _on_image(edits: Edits, state: Any, run: Callable[[], bool]) -> bool:
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
            edits.note("replace", start, state.pos, lambda where: flat_text(image.children or ()))
    _escape_parens(edits, paren)
    return ok


def _on_autolink(edits: Edits, state: Any, run: Callable[[], bool]) -> bool:
    start, before = state.pos, len(state.tokens)
    ok = run()
    if ok:
        tokens = state.tokens
        opener = next(t for t in tokens[before:] if t.type == "link_open")
        if not is_safe(str(opener.attrs.get("href") or "")):
            edits.note("replace", start, state.pos, lambda where: link_text(where, opener))
    elif state.src[start] == "<":
        end = state.src.find(">", start, state.posMax)
        if end > start and AUTOLINK_RE.search(state.src[start + 1 : end]) and "<" not in state.src[start + 1 : end]:
            edits.note("escape", start, start + 1)  # `<javascript:…>`: refused here, maybe not elsewhere
    return ok


def _on_html(edits: Edits, state: Any, run: Callable[[], bool]) -> bool:
    start = state.pos
    ok = run()
    if ok:
        edits.note("html", start, state.pos)
    elif _TAG_START.match(state.src, start):  # text here, but another dialect may start HTML at it
        edits.note("escape", start, start + 1)  # (`<search x` opens an HTML block for newer CommonMark)
    return ok


def _on_table(edits: Edits, state: Any, start_line: int, ok: bool) -> None:
    if ok:
        for line in range(start_line, state.line):
            edits.row_starts[line] = state.bMarks[line] + state.tShift[line]


def _on_html_block(edits: Edits, state: Any, start_line: int, ok: bool) -> None:
    if ok:
        edits.html_block(state, start_line, state.tokens[-1])


def _on_definition(edits: Edits, state: Any, start_line: int, ok: bool) -> None:
    edits.definition(state, start_line, ok)


def _core_inline(state: Any) -> None:
    """markdown-it's core `inline` rule, telling the collector which inline token is being parsed."""
    edits: Edits | None = state.env.get(KEY)
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
            edits.current = Inline(tok, kind, cell)
            edits.inlines.append(edits.current)
            edits.base = 0
        state.md.inline.parse(tok.content, state.md, state.env, tok.children)
        if edits is not None:
            edits.current = None
        cell += opener in ("th_open", "td_open")


def instrumented() -> MarkdownIt:
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
