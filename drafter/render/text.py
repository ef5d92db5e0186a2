"""SubmissionDoc → plain text for web forms: per question, its number and text, the answer as the form
receives it (link URLs included), and its count against the limit.

Invariant: the count printed is the count of the text printed above it (what the form will count).
No control character reaches the text but tab and line feed (a carriage return or a C1 control from an
entity such as `&#155;` is removed), and a URL is shown with `links.printable`: one that decodes to a
line break, a control or a bidi override (`%0A`, `%E2%80%AE`) shows it percent-encoded, so a link can
neither start new lines in the answer nor hide what it says. URLs are shown whatever their scheme:
as text they are harmless, and the reader of a web form should see them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from markdown_it.token import Token

from .. import plaintext
from ..labels import ENGLISH, Labels
from ..links import printable
from ..submission import SubmissionDoc
from .clean import Cleaner, strip_forbidden
from .prose import one_line

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters but tab and line feed (C0, DEL, C1)."""


def visible(text: str) -> str:
    """`text` without control characters but tab and line feed."""
    return _CONTROL.sub("", text)


def count_line(text: str, limit, labels: Labels = ENGLISH) -> str:
    """`[412/500 words]`, `[1830/2000 characters]`, or `[412 words]` without a limit (in the words
    of `labels`)."""
    if limit is not None and limit.unit == "chars":
        return labels("count_chars_limit", count=plaintext.count_chars(text), limit=limit.value)
    words = plaintext.count_words(text)
    return labels("count_words_limit", count=words, limit=limit.value) if limit is not None else labels("count_words", count=words)


def _shown_urls(tokens: Sequence[Token]) -> Iterator[str]:
    """Each URL as `plaintext.to_plain(…, urls=True)` shows it: an autolink's text, a link's decoded href."""
    for i, tok in enumerate(tokens):
        if tok.type == "link_open":
            if tok.markup == "autolink" and i + 1 < len(tokens):
                yield tokens[i + 1].content
            else:
                yield plaintext.PARSER.normalizeLinkText(str(tok.attrs.get("href") or ""))
        if tok.children:
            yield from _shown_urls(tok.children)


def answer_text(markdown: str) -> str:
    """An answer's text as the form receives it: `plaintext.to_plain` with URLs, each URL printable."""
    text = plaintext.to_plain(markdown, urls=True)
    for url in sorted(set(_shown_urls(plaintext.PARSER.parse(markdown))), key=len, reverse=True):
        if url and printable(url) != url:
            # as to_plain prints it: lines right-stripped (a table cell's breaks are spaces), ends trimmed
            lines = "\n".join(line.rstrip() for line in url.split("\n"))
            for shown in dict.fromkeys((url, lines, url.replace("\n", " "), lines.strip())):
                if shown and shown in text:
                    text = text.replace(shown, printable(url))
                    break
    # (strip again: an entity such as &#12; decodes to a character no text should carry)
    return visible(strip_forbidden(text)).strip("\n")


def render_text(doc: SubmissionDoc, clean: Cleaner) -> str:
    """The submission as UTF-8 plain text ending in one newline."""
    con, labels = doc.consultation, doc.labels

    def line(value: str | None, where: str) -> str:
        return visible(one_line(clean.clean(value, where)))

    out = [line(con.title, "consultation title"), labels("response_to", organiser=line(con.organiser, "consultation organiser")), ""]
    out += [f"{label}{labels('colon')} {line(value, f'cover {label.lower()}')}" for label, value in doc.cover]
    out += ["", visible(clean.clean(doc.consent, "consent statement")), ""] if doc.consent else [""]
    shown_parents: set[str] = set()
    if doc.comments is not None:  # a document consultation: each comment's change and rationale
        from .comments_text import comments_text

        out += comments_text(doc, clean)
    for s in doc.sections if doc.comments is None else []:  # every question, as the web form takes them (form-only ones included)
        title = line(s.heading.title, "section title")
        out += ["", title, "=" * max(len(title), 3), ""]
        for a in s.answers:
            q = a.target
            if q.parent is not None and q.parent.id not in shown_parents:
                shown_parents.add(q.parent.id)
                out += [line(q.parent.label, f"question {q.parent.id}"), ""]
                if q.parent.limit is not None:
                    unit = "all_parts_chars" if q.parent.limit.unit == "chars" else "all_parts_words"
                    out += [labels(unit, limit=q.parent.limit.value), ""]
            out += [line(q.label, f"question {q.id}"), ""]
            if doc.guidance and q.guidance:
                out += [line(q.guidance, f"question {q.id} guidance"), ""]
            markdown = clean.clean(a.markdown, f"answer {q.id}", question=q.id)
            text = answer_text(markdown) if markdown.strip() else ""
            out += [text or labels("no_answer_text"), ""]
            out += [line(mark, f"answer {q.id}") for mark in a.failed] + ([""] if a.failed else [])
            out += [count_line(text, q.limit, labels), ""]
    sources = doc.sources
    if sources:
        refs = labels("references")
        out += ["", refs, "=" * max(len(refs), 3), ""]
        for n, src in enumerate(sources, 1):
            url = printable(visible(" ".join(clean.clean(src.url, "source url").split())))
            title = line(src.title, "source title")
            out.append(f"{n}. {title}" + (f". {url}" if url and url != title else ""))
    return "\n".join(out).rstrip("\n") + "\n"
