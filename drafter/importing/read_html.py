"""HTML (lxml.html, a real parser): headings, paragraphs, ordered lists with the numbers a browser
shows (`start`, `type`, `value`, `reversed`), bullet lists, tables, definition lists, form labels;
script, style, navigation and other invisible parts left out.

A page is read from its `<main>` (or `role="main"`, or its only `<article>`) when it has one; page
furniture is left out wherever it stands: `<nav>`, a page's own `<header>`, `<footer>` and `<aside>`
(those outside an article or the main content), and anything whose class, id or role names a
breadcrumb, navigation, menu, cookie banner, skip link or screen-reader-only text."""

from __future__ import annotations

import re
from typing import Any

from .labels import to_letters, to_roman
from .source import Source, SourceLine, add_line

_SKIP = {"script", "style", "noscript", "template", "head", "nav", "footer", "svg", "math", "iframe", "object", "select", "button", "textarea"}
_BLOCK = {
    "p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dt", "dd", "caption", "label", "legend",
    "section", "article", "main", "header", "aside", "form", "fieldset", "ul", "ol", "dl", "table", "tr", "tbody", "thead",
    "tfoot", "figure", "figcaption", "pre", "address", "summary", "details", "center", "br", "hr",
}
MAX_DEPTH = 200
_PAGE_PARTS = {"header", "footer", "aside"}
"""Left out when they belong to the page, not to an article or the main content."""
_CONTENT = {"main", "article", "section"}
_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:breadcrumbs?|nav|navbar|navigation|menu|menubar|cookies?|cookie-?banner|consent-?banner|skip-?link|"
    r"skip-?to-?content|sr-only|visually-?hidden|screen-?reader-?text)(?:$|[-_\s])",
    re.IGNORECASE,
)
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}


def is_furniture(el: Any) -> bool:
    """A part of the page around the text (navigation, breadcrumb, cookie banner, the site's header
    and footer), not of the text."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    role = (el.get("role") or "").strip().lower()
    if tag in _PAGE_PARTS or role in ("banner", "contentinfo", "complementary"):
        in_content = any(isinstance(a.tag, str) and (a.tag.lower() in _CONTENT or (a.get("role") or "").lower() == "main")
                         for a in el.iterancestors())
        return not in_content
    if role in _FURNITURE_ROLES:
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(names.strip()) and _FURNITURE.search(names) is not None


def content_root(root: Any) -> Any:
    """The element holding the page's text: its `<main>` (or role="main"), else its only
    `<article>`, else the body."""
    mains = [el for el in root.iter() if isinstance(el.tag, str) and (el.tag.lower() == "main" or (el.get("role") or "").lower() == "main")
             and el.get("hidden") is None and " ".join(el.text_content().split())]
    if mains:
        return mains[0]
    articles = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.lower() == "article"]
    if len(articles) == 1 and " ".join(articles[0].text_content().split()):
        return articles[0]
    body = root.find("body")
    return body if body is not None else root


def _ol_label(n: int, kind: str) -> str:
    if kind == "a":
        return f"{to_letters(n)}."
    if kind == "A":
        return f"{to_letters(n).upper()}."
    if kind == "i":
        return f"{to_roman(n)}."
    if kind == "I":
        return f"{to_roman(n).upper()}."
    return f"{n}."


def html_lines(raw: bytes, name: str) -> Source:
    import lxml.html

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    root = lxml.html.document_fromstring(raw, parser=parser)
    source = Source(name, "html")
    lists: list[dict[str, Any]] = []

    def tag_of(el: Any) -> str:
        return el.tag.lower() if isinstance(el.tag, str) else ""

    def inline_text(el: Any, depth: int) -> tuple[str, bool, str | None]:
        """Text of `el` outside its block children; whether all of it is bold; its first link."""
        parts: list[str] = []
        bold_chars = plain_chars = 0
        href: str | None = None

        def walk(node: Any, bold: bool, d: int) -> None:
            nonlocal bold_chars, plain_chars, href
            t = tag_of(node)
            if node is not el and (t in _SKIP or t in _BLOCK or d > MAX_DEPTH or is_furniture(node)):
                return
            here = bold or t in ("b", "strong") or (t in ("span",) and "bold" in (node.get("style") or ""))
            if t == "a" and href is None and node.get("href"):
                href = node.get("href")
            if node.text:
                parts.append(node.text)
                if node.text.strip():
                    bold_chars, plain_chars = (bold_chars + len(node.text.strip()), plain_chars) if here else (bold_chars, plain_chars + len(node.text.strip()))
            for child in node:
                walk(child, here, d + 1)
                if child.tail and (tag_of(child) not in _BLOCK or node is not el):
                    parts.append(child.tail)
                    if child.tail.strip():
                        if here:
                            bold_chars += len(child.tail.strip())
                        else:
                            plain_chars += len(child.tail.strip())

        walk(el, False, depth)
        return "".join(parts), bold_chars > 0 and plain_chars == 0, href

    def emit(el: Any, *, label: str | None = None, heading: int | None = None, table: bool = False, depth: int = 0) -> None:
        text, bold, href = inline_text(el, depth)
        line = SourceLine(text, label=label, level=max(len(lists) - 1, 0), heading=heading, bold=bold,
                          numbered=label is not None, table=table, href=href)
        add_line(source.lines, line, name)

    def visit(el: Any, depth: int, in_table: bool) -> None:
        if depth > MAX_DEPTH:
            return
        t = tag_of(el)
        if t in _SKIP or not t:
            return
        if (el.get("hidden") is not None) or re.search(r"display\s*:\s*none", el.get("style") or "") or is_furniture(el):
            return
        if re.fullmatch(r"h[1-6]", t):
            emit(el, heading=int(t[1]), table=in_table, depth=depth)
            return
        if t == "legend":  # a web form's group of fields or questions is titled by its fieldset's legend
            emit(el, heading=3, table=in_table, depth=depth)
            return
        if t in ("ol", "ul"):
            kind = el.get("type") or "1"
            start = el.get("start")
            items = [c for c in el if tag_of(c) == "li"]
            reverse = el.get("reversed") is not None
            n = int(start) if start and start.lstrip("-").isdigit() else (len(items) if reverse else 1)
            lists.append({"ordered": t == "ol", "type": kind, "n": n, "step": -1 if reverse else 1})
            for child in el:
                visit(child, depth + 1, in_table)
            lists.pop()
            return
        if t == "li":
            label = None
            if lists and lists[-1]["ordered"]:
                current = lists[-1]
                value = el.get("value")
                if value and value.lstrip("-").isdigit():
                    current["n"] = int(value)
                label = _ol_label(current["n"], el.get("type") or current["type"])
                current["n"] += current["step"]
            emit(el, label=label, table=in_table, depth=depth)
            for child in el:
                if tag_of(child) in _BLOCK:
                    visit(child, depth + 1, in_table)
            return
        if t == "tr":
            cells = [c for c in el if tag_of(c) in ("td", "th")]
            pending: str | None = None
            for cell in cells:
                text, _, _ = inline_text(cell, depth)
                if re.fullmatch(r"(?i)\s*(\d{1,3}(\.\d{1,3})*[.)]?|\(?[a-z]\)|[A-Z][.)]|Q\.?\s?\d{1,3}|question\s+\d{1,3}[.:]?)\s*", text) and not any(tag_of(c) in _BLOCK for c in cell):
                    pending = text.strip()
                    continue
                before = len(source.lines)
                visit(cell, depth + 1, True)
                if pending is not None and len(source.lines) > before and source.lines[before].label is None:
                    source.lines[before].label = pending.rstrip(":")
                    pending = None
            return
        # any other element: its own text as a line, then its block children
        has_blocks = any(tag_of(c) in _BLOCK for c in el)
        if t not in ("html", "body", "table", "tbody", "thead", "tfoot", "ul", "ol", "dl") and (not has_blocks or (el.text or "").strip()):
            emit(el, table=in_table or t in ("td", "th"), depth=depth)
        if has_blocks:
            for child in el:
                if tag_of(child) in _BLOCK or tag_of(child) in ("tr",):
                    visit(child, depth + 1, in_table or t in ("td", "th", "table"))
                elif child.tail and child.tail.strip() and t in ("div", "body", "section", "article", "main", "td"):
                    pass

    visit(content_root(root), 0, False)
    if not any(line.heading is not None for line in source.lines[:3]):
        title = root.find(".//title")
        if title is not None and (title.text or "").strip():
            add_line(source.lines, SourceLine(title.text or "", heading=0), name)
            source.lines.insert(0, source.lines.pop())
    return source
