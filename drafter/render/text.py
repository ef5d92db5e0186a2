"""SubmissionDoc → plain text for web forms: per question, its number and text, the answer as the form
receives it (link URLs included), and its count against the limit.

Invariant: the count printed is the count of the text printed above it (what the form will count).
"""

from __future__ import annotations

from .. import plaintext
from ..submission import SubmissionDoc
from .clean import Cleaner, strip_forbidden
from .prose import one_line


def count_line(text: str, limit) -> str:
    """`[412/500 words]`, `[1830/2000 characters]`, or `[412 words]` without a limit."""
    if limit is not None and limit.unit == "chars":
        return f"[{plaintext.count_chars(text)}/{limit.value} characters]"
    words = plaintext.count_words(text)
    return f"[{words}/{limit.value} words]" if limit is not None else f"[{words} words]"


def render_text(doc: SubmissionDoc, clean: Cleaner) -> str:
    """The submission as UTF-8 plain text ending in one newline."""
    con = doc.consultation
    out = [one_line(clean.clean(con.title, "consultation title")),
           f"Response to {one_line(clean.clean(con.organiser, 'consultation organiser'))}", ""]
    out += [f"{label}: {one_line(clean.clean(value, f'cover {label.lower()}'))}" for label, value in doc.cover]
    out += ["", clean.clean(doc.consent, "consent statement"), ""]
    for s in doc.sections:
        title = one_line(clean.clean(s.heading.title, "section title"))
        out += ["", title, "=" * max(len(title), 3), ""]
        for a in s.answers:
            q = a.target
            out += [one_line(clean.clean(q.label, f"question {q.id}")), ""]
            markdown = clean.clean(a.markdown, f"answer {q.id}", question=q.id)
            # (strip again: an entity such as &#12; decodes to a character no text should carry)
            text = strip_forbidden(plaintext.to_plain(markdown, urls=True)).strip("\n") if markdown.strip() else ""
            out += [text or "(no answer)", "", count_line(text, q.limit), ""]
    sources = doc.sources
    if sources:
        out += ["", "References", "==========", ""]
        for n, src in enumerate(sources, 1):
            url = clean.clean(src.url, "source url")
            title = one_line(clean.clean(src.title, "source title"))
            out.append(f"{n}. {title}" + (f". {url}" if url and url != title else ""))
    return "\n".join(out).rstrip("\n") + "\n"
