"""SubmissionDoc → one Markdown file: title, respondent block, sections, questions, answers, references.

Invariant: drafter's own text (titles, questions, guidance, respondent fields) is escaped so it reads
literally; each answer's Markdown is kept as written except that its headings are demoted below the
question's `###`, so an answer can never outrank the questionnaire's structure.
"""

from __future__ import annotations

import re

from ..plaintext import PARSER
from ..submission import SubmissionDoc
from .clean import Cleaner
from .prose import one_line, paragraphs

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


def render_markdown(doc: SubmissionDoc, clean: Cleaner) -> str:
    """The submission as Markdown, UTF-8 text ending in one newline."""
    con = doc.consultation
    out = [f"# {escape(one_line(clean.clean(con.title, 'consultation title')))}", ""]
    out += [f"Response to {escape(one_line(clean.clean(con.organiser, 'consultation organiser')))}", ""]
    out += [f"- **{label}:** {escape(one_line(clean.clean(value, f'cover {label.lower()}')))}" for label, value in doc.cover]
    out += ["", escape(clean.clean(doc.consent, "consent statement")), ""]
    for s in doc.sections:
        out += [f"## {escape(one_line(clean.clean(s.heading.title, 'section title')))}", ""]
        for a in s.answers:
            q = a.target
            qtext = one_line(clean.clean(q.label, f"question {q.id}"))
            out += [f"{'#' * QUESTION_LEVEL} {escape(qtext)}", ""]
            guidance = clean.clean(q.guidance, f"question {q.id} guidance")
            for para in paragraphs(guidance):
                out += [f"*{escape(para)}*", ""]
            answer = clean.clean(a.markdown, f"answer {q.id}", question=q.id).strip("\n")
            if answer.strip():
                out += [demote_headings(answer).rstrip(), ""]
            else:
                out += ["*No answer.*", ""]
    sources = doc.sources
    if sources:
        out += ["## References", ""]
        for n, src in enumerate(sources, 1):
            title = escape(one_line(clean.clean(src.title, "source title")))
            url = clean.clean(src.url, "source url")
            out.append(f"{n}. [{title}](<{url}>)" if url else f"{n}. {title}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
