"""Markdown the UI shows in previews: a library block with the respondent's values, one answer,
the whole submission. Rendering is the core's (`render_template`, `render_bytes`); this only lays
out what surrounds it.
"""

from __future__ import annotations

from ..compose import render_template
from ..model import Block, Question


def block_preview(ref: str, block: Block, ctx, question: Question | None, *, library: str | None = None) -> str:
    """A block's metadata, then its body and short variant rendered with the draft's values."""
    meta = [f"`{ref}`"] + ([f"library: {library}"] if library else []) + ["themes: " + ", ".join(block.themes)]
    if block.reviewed:
        meta.append(f"reviewed {block.reviewed.isoformat()}")
    if block.owner:
        meta.append(f"owner: {block.owner}")
    parts = [f"**{block.title}**", " · ".join(meta)]
    if block.summary:
        parts.append("> " + " ".join(block.summary.split()))
    for label, source in (("Body", block.body), ("Short", block.short)):
        if source is None:
            continue
        text, findings = render_template(source, ctx.template_context(question), name=ref) if ctx else (source, [])
        parts.append(f"**{label}**")
        if text is None:
            parts.append("*cannot be rendered:* " + "; ".join(" ".join(f.message.split()) for f in findings))
        else:
            parts.append(text)
            parts += [f"*▲ {' '.join(f.message.split())}*" for f in findings]
    return "\n\n".join(parts)


def answer_preview(question: Question, result) -> str:
    """The question, then its composed answer and the counts."""
    body = result.composed.markdown if result and result.composed.markdown.strip() else "*(no answer yet)*"
    counts = f"{result.words} words · {result.chars} characters" if result else ""
    return f"**{question.id}** {' '.join(question.text.split())}\n\n---\n\n{body}\n\n---\n\n*{counts}*"


def submission_preview(doc) -> str:
    """The whole submission as the Markdown renderer writes it (a plain assembly if it cannot)."""
    try:
        from ..render import render_bytes

        return render_bytes(doc, "md")[0].decode("utf-8")
    except Exception:  # the preview never fails
        return submission_markdown(doc)


def submission_markdown(doc) -> str:
    r = doc.respondent
    lines = [f"# {doc.consultation.title}", "", f"**Respondent:** {r.organisation or '—'} ({r.name or '—'}), {r.country or '—'}"]
    if doc.cosigners:
        lines.append("**Co-signers:** " + "; ".join(f"{c.organisation}{', ' + c.country if c.country else ''}" for c in doc.cosigners))
    lines += [f"**Date:** {doc.date.isoformat()}", ""]
    for section in doc.sections:
        lines += [f"## {section.section.id}. {section.section.title}", ""]
        for a in section.answers:
            lines += [f"### {a.question.id} {' '.join(a.question.text.split())}", ""]
            lines += [a.markdown.strip() or "*(no answer)*", ""]
    if doc.sources:
        lines += ["## References", ""]
        lines += [f"- {s.title}" + (f" <{s.url}>" if s.url else "") for s in doc.sources]
    return "\n".join(lines)
