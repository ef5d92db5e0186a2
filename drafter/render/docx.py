"""SubmissionDoc → DOCX through a docxtpl template (the bundled default or a user's).

Invariant: user text never passes through the template's Jinja as markup. The template is rendered
in a sandbox with autoescape, StrictUndefined and only plain data (strings escaped on output); each
answer is a placeholder paragraph that is then replaced by Word paragraphs built from its Markdown
(`markdown_to_word.WordBuilder`) in the rendered document itself — so list numbering and hyperlink relationships
belong to the main document, and no answer text goes through docxtpl's string post-processing. The
result is byte-identical for the same input: fixed zip timestamps and order, dates from `doc.date`.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
import zipfile
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..findings import Finding
from ..labels import EN
from ..sandbox.budget import DOCUMENT_LIMITS, TemplateBudgetExceeded, budgeted
from ..sandbox.environment import document_environment
from ..submission import AnswerDoc, SubmissionDoc
from ..yamlio.files import read_regular
from .clean import Cleaner, strip_forbidden
from .errors import RenderError
from .language import apply_language
from .markdown_to_word import WordBuilder
from .prose import one_line, paragraphs
from .template_context import CONTEXT_NAMES
from .wordparts import core_properties_namespace, w


def _finalize(value):
    """Output of every `{{ }}`: markup (a placeholder) as is, None as nothing, anything else escaped,
    braces included — docxtpl turns `{_{` in its output into `{{`, and user text must stay literal."""
    if hasattr(value, "__html__"):
        return value
    if value is None:
        return ""
    return Markup(str(escape(str(value))).replace("{", "&#123;").replace("}", "&#125;"))


def jinja_env() -> SandboxedEnvironment:
    """The block templates' sandbox, bounded alike (a template may come from another organisation),
    with autoescape and `_finalize` on every output; render under a `DOCUMENT_LIMITS` budget."""
    return document_environment(_finalize)


MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""Largest DOCX template read."""
MAX_TEMPLATE_TAGS = 5_000
"""Most `{{ }}`/`{% %}` tags one part of a DOCX template may hold: docxtpl's own clean-up of a part's
XML is quadratic in them (20,000 tags in one paragraph take seconds), and a real template has dozens."""


class _Template(DocxTemplate):
    """A docxtpl template that patches each part's XML once (the name check and the render read the
    same parts, and patching is the costliest step of opening a template), and refuses a part with
    more tags than `MAX_TEMPLATE_TAGS` before docxtpl's regular expressions see it."""

    def patch_xml(self, src_xml: str) -> str:
        memo = self.__dict__.setdefault("_patched", {})
        if src_xml not in memo:
            tags = src_xml.count("{{") + src_xml.count("{%")
            if tags > MAX_TEMPLATE_TAGS:
                raise RenderError(f"{self.template_file}: {tags:,} template tags in one part (at most {MAX_TEMPLATE_TAGS:,})")
            memo[src_xml] = super().patch_xml(src_xml)
        return memo[src_xml]


def load_template(template: Path) -> DocxTemplate:
    """The template, opened; a file that is not a Word document is a RenderError naming it."""
    try:
        tpl = _Template(io.BytesIO(read_regular(template, MAX_TEMPLATE_BYTES)))
        tpl.template_file = str(template)  # (for messages: the name, not the stream)
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RenderError(f"{template}: not a usable Word (.docx) template ({exc})") from None
    except Exception as exc:  # lxml errors in a damaged part, and the like
        raise RenderError(f"{template}: cannot read the template ({type(exc).__name__}: {exc})") from None
    return tpl


def _variables(tpl: DocxTemplate, template: Path) -> set[str]:
    xml = tpl.patch_xml(tpl.get_xml())
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            xml += tpl.patch_xml(tpl.get_part_xml(part))
    try:
        return set(meta.find_undeclared_variables(jinja_env().parse(xml)))
    except TemplateSyntaxError as exc:
        raise RenderError(f"{template}: template syntax error: {exc.message}") from None


def template_variables(template: Path) -> set[str]:
    """The names a template's body, headers and footers use from its context."""
    return _variables(load_template(template), template)


def check_template(template: Path, tpl: DocxTemplate | None = None) -> None:
    """RenderError naming the template and the name when it uses anything the context lacks."""
    names = _variables(tpl or load_template(template), template)
    unknown = sorted(names - set(CONTEXT_NAMES))
    if unknown:
        raise RenderError(
            f"{template}: unknown name{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(n) for n in unknown)} in the template; it can use: {', '.join(CONTEXT_NAMES)}"
        )


# --------------------------------------------------------------------------- context


class _Slots:
    """Placeholder paragraphs, one per formatted answer, found again after the template has rendered."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(6)
        self.markdown: dict[str, str | None] = {}  # key → Markdown (None: the references list)
        self.top: dict[str, int] = {}  # key → the Word heading level of the answer's first heading
        self.languages: dict[str, list[tuple[str | None, str]]] = {}  # key → the answer cut by language (`AnswerDoc.languages`)
        self.comments: Callable[[Any, WordBuilder], list] | None = None  # builds the `comments` slot's content

    def add(self, key: str, markdown: str | None, top: int = 3, languages: list[tuple[str | None, str]] | None = None) -> Markup:
        self.markdown[key] = markdown
        self.top[key] = top
        if languages:
            self.languages[key] = [(lang, strip_forbidden(md)) for lang, md in languages]
        return Markup(f'<w:p><w:r><w:t>\u2063drafter-{self.nonce}-{key}\u2063</w:t></w:r></w:p>')


def build_context(doc: SubmissionDoc, clean: Cleaner, slots: _Slots) -> dict:
    """The plain data a template receives (see `CONTEXT_NAMES`); every string cleaned."""

    def c(value, where):
        if isinstance(value, str):
            return clean.clean(value, where).strip()
        return "" if value is None else value

    con = doc.consultation
    consultation = {k: one_line(c(getattr(con, k), f"consultation {k}")) for k in ("id", "title", "organiser", "url", "language")}
    consultation["deadline"] = con.deadline.isoformat()
    respondent = {k: c(v, f"respondent {k}") for k, v in doc.respondent.model_dump().items()}
    answers: list[dict] = []
    sections = []
    # (a document consultation's comments print as a table, or the redline, in the `comments` slot)
    for s in doc.printed_sections() if doc.comments is None else []:
        items = [_answer(a, doc, clean, slots, len(answers) + n) for n, a in enumerate(s.answers)]
        answers.extend(items)
        title = one_line(c(s.heading.title, "section title"))
        sections.append({"id": c(s.heading.id, "section id"), "title": title, "intro": c(s.heading.intro, "section intro"), "answers": items})
    sources = [{"title": c(x.title, "source title"), "url": c(x.url, "source url")} for x in doc.sources]
    letter = None
    if doc.letter is not None:
        letter = {
            "addressee": [one_line(c(x, "addressee")) for x in doc.letter.addressee],
            "title": one_line(c(doc.letter.title, "letter title")),
            "closing": c(doc.letter.closing, "closing"),
            "signature": [one_line(c(x, "signature")) for x in doc.letter.signature],
        }
    return {
        "labels": _labels(doc, consultation["organiser"]),
        "consultation": consultation,
        "respondent": respondent,
        "cosigners": [{"organisation": c(x.organisation, "cosigner"), "country": c(x.country, "cosigner country")} for x in doc.cosigners],
        "date": doc.date.isoformat(),
        "date_text": c(doc.date_text, "date"),
        "cover": [{"label": label, "value": one_line(c(value, f"cover {label.lower()}"))} for label, value in doc.cover],
        "consent_statement": c(doc.consent, "consent statement"),
        "style": doc.style,
        "letter": letter,
        "sections": sections,
        "answers": answers,
        "sources": sources,
        "references": slots.add("refs", None),
        "comments": slots.add("comments", None) if doc.comments is not None else None,
    }


def _labels(doc: SubmissionDoc, organiser: str) -> dict[str, str]:
    """drafter's own wording in the consultation's language, for the template (see `CONTEXT_NAMES`)."""
    labels = doc.labels
    out = {key: labels(key) for key in EN if "{" not in EN[key]}
    out["response_to"] = labels("response_to", organiser=organiser)
    out["page_before"], out["page_between"], out["page_after"] = labels.pieces("page_of", "page", "pages")
    return out


def _question(q, doc: SubmissionDoc, clean: Cleaner) -> dict:
    where = f"question {q.id}"
    return {
        "id": one_line(clean.clean(q.id, where)),
        "number": one_line(clean.clean(q.number, where)),
        "text": one_line(clean.clean(q.text, where)),
        "label": one_line(clean.clean(q.label, where)),
        # guidance only when asked for (`render --guidance`); "\n" is a line break in the document
        "guidance": "\n".join(paragraphs(clean.clean(q.guidance, f"{where} guidance"))) if doc.guidance else "",
    }


def _answer(a: AnswerDoc, doc: SubmissionDoc, clean: Cleaner, slots: _Slots, index: int) -> dict:
    q = a.target
    where = f"question {q.id}"
    markdown = clean.clean(a.markdown, f"answer {q.id}", question=q.id)
    return {
        **_question(q, doc, clean),
        "preamble": _question(a.preamble, doc, clean) if a.preamble is not None else None,
        "part": q.parent is not None,
        "failed": [one_line(clean.clean(x, f"answer {q.id}")) for x in a.failed],
        "required": q.required,
        "kind": q.answer,
        "choices": [one_line(clean.clean(x, f"{where} choices")) for x in q.choices],
        "limit": q.limit.text if q.limit else "",
        "answered": bool(markdown.strip()),
        "words": a.words,
        "chars": a.chars,
        "plain": strip_forbidden(a.plain),  # derived from the Markdown, whose removals are reported
        # the default template heads a question Heading 2 (Heading 1 in a letter), a part one lower
        "answer": slots.add(f"a{index}", markdown, (2 if doc.style == "letter" else 3) + (1 if q.parent is not None else 0), a.languages),
    }


# --------------------------------------------------------------------------- render


def render_docx(doc: SubmissionDoc, template: Path, *, redline: bool = False) -> tuple[bytes, list[Finding]]:
    """The DOCX bytes and the warnings (characters removed). A document consultation's comments
    are a table of proposed changes, or with `redline` the whole document with them as tracked
    changes (`render.revisions`)."""
    tpl = load_template(template)
    check_template(template, tpl)
    clean, slots = Cleaner(), _Slots()
    if doc.comments is not None:
        from . import revisions

        build = revisions.redline_body if redline else revisions.comments_table
        slots.comments = lambda document, builder: build(document, builder, doc)
    context = build_context(doc, clean, slots)
    try:
        with budgeted(DOCUMENT_LIMITS):
            tpl.render(context, jinja_env())
    except TemplateBudgetExceeded as exc:
        raise RenderError(f"{template}: the template does more work than allowed: {exc}") from None
    except SecurityError as exc:
        raise RenderError(f"{template}: blocked by the sandbox: {getattr(exc, 'message', None) or exc}") from None
    except TemplateError as exc:
        raise RenderError(f"{template}: {getattr(exc, 'message', None) or exc}") from None
    except Exception as exc:
        raise RenderError(f"{template}: cannot render the template ({type(exc).__name__}: {exc})") from None
    document = tpl.docx
    own = _fill_slots(document, slots, WordBuilder(document), template, doc)
    _set_properties(document, doc, own)
    buf = io.BytesIO()
    document.save(buf)
    return deterministic_zip(buf.getvalue(), doc.date), clean.findings


def _fill_slots(document, slots: _Slots, builder: WordBuilder, template: Path, doc: SubmissionDoc) -> dict[Any, str]:
    """Put each answer (and the references, the comments) where its placeholder paragraph is; return
    the paragraphs written in another language than the consultation's, with their language."""
    marker = f"\u2063drafter-{slots.nonce}-"
    found: list[tuple[Any, str]] = []
    for t in document.element.body.iter(w("t")):
        if t.text and marker in t.text:
            p = next(t.iterancestors(w("p")), None)
            text = "".join(x.text or "" for x in p.iter(w("t"))) if p is not None else ""
            nested = p is not None and any(a.tag in (w("p"), w("r")) for a in p.iterancestors())
            if nested or not (text.startswith(marker) and text.endswith("\u2063") and text.count(marker) == 1):
                raise RenderError(
                    f"{template}: a formatted answer (or references) must be a paragraph of its own: "
                    "write {{p a.answer }} alone on its line"
                )
            found.append((p, text[len(marker):-1]))
    if slots.comments is not None and all(key != "comments" for _, key in found):
        # a template without {{p comments }}: the comments go at the end of the document
        end = document.element.body.find(w("sectPr"))
        for e in slots.comments(document, builder):
            (end.addprevious(e) if end is not None else document.element.body.append(e))
    built: dict[str, list] = {}
    element_languages: dict[str, list[str | None]] = {}  # key → each element's language (None: the document's)
    own: dict[Any, str] = {}
    for p, key in found:
        if key in built:  # the template shows it twice: a copy
            elements = [deepcopy(e) for e in built[key]]
        else:
            md = slots.markdown[key]
            languages: list[str | None] = []
            if key == "comments" and slots.comments is not None:
                elements = slots.comments(document, builder)
            elif md is None:
                elements = builder.references(doc.sources)  # (one paragraph per source)
                if len(elements) == len(doc.source_languages):
                    languages = list(doc.source_languages)
            elif key in slots.languages:  # items in other languages: each part built, and marked, alone
                elements, highest = [], builder.highest_heading(md)
                for lang, part in slots.languages[key]:
                    made = builder.answer(part, slots.top.get(key, 3), highest=highest)
                    elements += made
                    languages += [lang] * len(made)
            else:
                elements = builder.answer(md, slots.top.get(key, 3))
            built[key] = elements
            element_languages[key] = languages
        for e, lang in zip(elements, element_languages[key]):
            if lang is not None:
                own.update((para, lang) for para in e.iter(w("p")))  # (iter includes `e` itself)
        for e in elements:
            p.addprevious(e)
        parent = p.getparent()
        parent.remove(p)
        if parent.tag == w("tc") and (parent.find(w("p")) is None or parent[-1].tag != w("p")):  # a cell ends with a paragraph
            parent.append(parent.makeelement(w("p")))
    return own


def _set_properties(document, doc: SubmissionDoc, own: dict[Any, str] | None = None) -> None:
    """Title, author, subject, language and dates from the submission — never from the clock. The
    paragraphs of `own` are in their own language (an item without a translation), the rest in the
    consultation's."""
    with core_properties_namespace():
        _set_core(document.core_properties, doc)
    apply_language(document, doc.consultation.language, own)  # w:lang on runs and paragraphs; right to left for Arabic


def _set_core(props, doc: SubmissionDoc) -> None:
    con, res = doc.consultation, doc.respondent
    author = strip_forbidden(res.organisation or res.name or "")
    props.title = strip_forbidden(con.title)
    props.author = author
    props.subject = strip_forbidden(doc.labels("response_to", organiser=con.organiser))
    props.language = con.language
    props.last_modified_by = author
    props.revision = 1
    when = dt.datetime(doc.date.year, doc.date.month, doc.date.day)
    props.created = when
    props.modified = when
    props.last_printed = when


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
ZIP_LAST = (2107, 12, 31, 0, 0, 0)
"""Zip file dates run from 1980 to 2107: a draft dated outside them is stamped at the nearest end."""


def deterministic_zip(data: bytes, date: dt.date | None = None) -> bytes:
    """The same package with fixed timestamps, attributes and compression, `[Content_Types].xml` first."""
    stamp = min(max(ZIP_EPOCH, (date.year, date.month, date.day, 0, 0, 0)), ZIP_LAST) if date else ZIP_EPOCH
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        names.sort(key=lambda n: n != "[Content_Types].xml")  # stable: otherwise the package's order
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()

