"""SubmissionDoc → one Markdown file: title, respondent block, sections, questions, answers, references.

Invariant: drafter's own text (titles, questions, guidance, respondent fields) is escaped so it reads
literally (`markdown_text.escape`); each answer's Markdown is kept as written except that its headings
are demoted below the question's `###` (`markdown_text.demote_headings`), so an answer can never
outrank the questionnaire's structure, and that it is made safe (`safe_markdown.safe_answer`: no raw
HTML, no link or image to an unsafe URL, no code fence left open — for any CommonMark renderer, with
the same plain text).

The references list links a source only when its URL is safe, written with `links.markdown_destination`
(so no URL can close the link or start a line); any other source shows its URL as escaped text.
"""

from __future__ import annotations

from ..links import is_safe, markdown_destination, normalize
from ..submission import SubmissionDoc
from .clean import Cleaner
from .comments_text import comments_markdown
from .markdown_text import QUESTION_LEVEL, demote_headings, escape, line_start
from .prose import one_line, paragraphs
from .safe_markdown import safe_answer


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
    out += [answer.rstrip(), ""] if answer.strip() else ([f"*{escape(doc.labels('no_answer'))}*", ""] if not a.failed else [])
    out += [f"*{escape(clean.clean(mark, f'answer {q.id}'))}*" for mark in a.failed] + ([""] if a.failed else [])
    return out


def render_markdown(doc: SubmissionDoc, clean: Cleaner, *, redline: bool = False) -> str:
    """The submission as Markdown, UTF-8 text ending in one newline. A document consultation's
    comments are printed instead of the sections (`comments_text`): each proposed change, or with
    `redline` the whole document with the changes marked."""
    con, labels = doc.consultation, doc.labels
    colon = escape(labels("colon"))
    rows = doc.cover if doc.letter is None else [(label, value) for label, value in doc.cover if label != labels("date")]  # (a letter is dated above)
    cover = [f"- **{escape(label)}{colon}** {escape(one_line(clean.clean(value, f'cover {label.lower()}')))}" for label, value in rows]
    if doc.letter is not None:
        letter = doc.letter
        out = [escape(clean.clean(doc.date_text, "date")), ""]
        out += [escape(one_line(clean.clean(line, "addressee"))) + "  " for line in letter.addressee] + [""]
        out += [f"# {escape(one_line(clean.clean(letter.title, 'title')))}", ""]
        out += cover + ([""] if cover else [])
        for s in doc.printed_sections() if doc.comments is None else []:
            for a in s.answers:
                out += _answer_lines(a, doc, clean, 2)
        out += comments_markdown(doc, clean, redline=redline, level=2) if doc.comments is not None else []
        out += [escape(letter.closing), ""]
        out += [escape(one_line(clean.clean(line, "signature"))) + "  " for line in letter.signature] + [""]
        out += [escape(clean.clean(doc.consent, "consent statement")), ""] if doc.consent else []
    else:
        out = [f"# {escape(one_line(clean.clean(con.title, 'consultation title')))}", ""]
        out += [escape(labels("response_to", organiser=one_line(clean.clean(con.organiser, "consultation organiser")))), ""]
        out += cover
        out += ["", escape(clean.clean(doc.consent, "consent statement")), ""]
        for s in doc.printed_sections() if doc.comments is None else []:
            out += [f"## {escape(one_line(clean.clean(s.heading.title, 'section title')))}", ""]
            for a in s.answers:
                out += _answer_lines(a, doc, clean, QUESTION_LEVEL)
        out += comments_markdown(doc, clean, redline=redline, level=2) if doc.comments is not None else []
    sources = doc.sources
    if sources:
        out += [f"## {escape(labels('references'))}", ""]
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
