"""Markdown the UI shows in previews: a library block with the respondent's values, one answer,
the whole submission. Rendering is the core's (`render_template`, `render_bytes`); this only lays
out what surrounds it.
"""

from __future__ import annotations

from ..compose import render_template
from ..library import block_languages, block_text, block_title, has_short
from ..model import Block
from ..questionnaire import Target
from ..wording import plural


def block_preview(ref: str, block: Block, ctx, question: Target | None, *, library: str | None = None) -> str:
    """A block's metadata, then its body and short variant rendered with the draft's values."""
    meta = [f"`{ref}`"] + ([f"library: {library}"] if library else []) + ["themes: " + ", ".join(block.themes)]
    if block.reviewed:
        meta.append(f"reviewed {block.reviewed.isoformat()}")
    if block.owner:
        meta.append(f"owner: {block.owner}")
    meta.append("languages: " + " · ".join(block_languages(block)))
    parts = [f"**{block_title(block, ctx.language if ctx else None)}**", " · ".join(meta)]
    if ctx and not block_text(block, "body", ctx.language).translated:  # composed in its own language
        parts.append(f"*▲ no {ctx.language} translation: composed in {block.language} (language-mismatch)*")
    if block.summary:
        parts.append("> " + " ".join(block.summary.split()))
    for label, variant in (("Body", "body"), ("Short", "short")):
        if variant == "short" and not has_short(block):
            continue
        source = block_text(block, variant, ctx.language if ctx else None).source
        text, findings = render_template(source, ctx.template_context(question), name=ref) if ctx else (source, [])
        parts.append(f"**{label}**")
        if text is None:
            parts.append("*cannot be rendered:* " + "; ".join(" ".join(f.message.split()) for f in findings))
        else:
            parts.append(text)
            parts += [f"*▲ {' '.join(f.message.split())}*" for f in findings]
    return "\n\n".join(parts)


def suggestion_note(s) -> str:
    """What the preview of a suggested block says first: its strength and why it was suggested."""
    from ..suggest import strength_bar

    variant = " · use the short variant" if s.variant == "short" else ""
    reasons = "".join(f"\n- {r}" for r in s.reasons)
    return f"**Suggested** {strength_bar(s.score)} {s.score:.2f}{variant}\n{reasons}"


def answer_preview(question: Target, result) -> str:
    """The question, then its composed answer and the counts."""
    body = result.composed.markdown if result and result.answered else "*(no answer yet)*"
    counts = f"{plural(result.words, 'word')} · {plural(result.chars, 'character')}" if result else ""
    return f"**{question.number or question.id}** {' '.join(question.text.split())}\n\n---\n\n{body}\n\n---\n\n*{counts}*"


def submission_preview(doc) -> str:
    """The whole submission as the Markdown renderer writes it."""
    from ..render import render_bytes

    return render_bytes(doc, "md")[0].decode("utf-8")
