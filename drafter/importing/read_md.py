"""Markdown (markdown-it-py, the project's Markdown library): headings, paragraphs, ordered and
bullet lists with their numbers and nesting, GFM tables, bold lines and the first link of a line."""

from __future__ import annotations

from typing import Any

from .source import Source, SourceLine, add_line


def md_lines(text: str, name: str) -> Source:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(text)
    source = Source(name, "md")
    lists: list[dict[str, Any]] = []  # the open lists: ordered?, markup
    item_label: str | None = None
    heading: int | None = None
    in_cell = False
    for tok in tokens:
        t = tok.type
        if t in ("ordered_list_open", "bullet_list_open"):
            lists.append({"ordered": t == "ordered_list_open"})
        elif t in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif t == "list_item_open":
            item_label = f"{tok.info}{tok.markup}" if lists and lists[-1]["ordered"] and tok.info else None
        elif t == "heading_open":
            heading = int(tok.tag[1])
        elif t == "heading_close":
            heading = None
        elif t in ("th_open", "td_open"):
            in_cell = True
        elif t in ("th_close", "td_close"):
            in_cell = False
        elif t == "inline":
            children = tok.children or []
            text_parts: list[str] = []
            href = None
            strong_depth = 0
            plain_outside_strong = False
            for child in children:
                if child.type == "text" or child.type == "code_inline":
                    text_parts.append(child.content)
                    if strong_depth == 0 and child.content.strip():
                        plain_outside_strong = True
                elif child.type in ("softbreak", "hardbreak"):
                    text_parts.append(" ")
                elif child.type == "strong_open":
                    strong_depth += 1
                elif child.type == "strong_close":
                    strong_depth -= 1
                elif child.type == "link_open" and href is None:
                    href = str(child.attrs.get("href") or "") or None
            line = SourceLine(
                "".join(text_parts),
                label=item_label,
                level=max(len(lists) - 1, 0),
                heading=heading,
                bold=not plain_outside_strong and any(c.type == "strong_open" for c in children),
                numbered=item_label is not None,
                table=in_cell,
                href=href,
            )
            item_label = None  # a second paragraph of the item carries no label
            add_line(source.lines, line, name)
    return source
