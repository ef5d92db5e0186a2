"""Checks of one answer: composes it and runs each family of checks on it — its limit (`limits`),
its own items (`items`), its Markdown (`text`), its blocks (`blocks`), a document paragraph's comment
(`comments`) — and says when it is missing (`unanswered`) or answers a question the consultation
lacks (`unknown-question`).

The UI calls `check_answer` on every edit and `drafter check` calls it per question: one function.
"""

from __future__ import annotations

from ..findings import Finding, Severity, finding
from ..model import BlockItem
from ..questionnaire import Target
from .blocks import block_findings
from .comments import comment_findings
from .context import DraftContext
from .items import item_findings, spelling_findings
from .limits import limit_findings
from .result import AnswerResult
from .text import control_findings, link_findings, phrase_findings


def check_answer(ctx: DraftContext, tid: str) -> AnswerResult:
    """Compose one target's answer and check it. An id the consultation lacks gives `unknown-question`."""
    target = ctx.targets.get(tid)
    if target is None:
        extra = next((e for e in ctx.response.unknown() if e.target_id == tid), None)
        items, loc = (extra.items, extra.loc) if extra else ([], ("answers", tid))
    else:
        items, loc = ctx.response.items(tid), target.loc
    answer = ctx.compose(target, items, tid)
    composed = answer.composed
    result = AnswerResult(target, answer)
    out = result.findings
    for i, ci in enumerate(composed.items):
        for f in ci.findings:
            out.append(f.model_copy(update=ctx.at(*loc, i)))
    if target is None:
        if loc[-1] == "rationale":  # a comment on a paragraph the document does not have
            out.append(_unknown_paragraph(ctx, tid, loc))
            return result
        out.append(
            finding(
                "unknown-question",
                f"the consultation has no question '{tid}'",
                hint=_question_hint(tid, ctx),
                question=tid,
                **ctx.at(*loc[:-1] if loc[-1] == "items" else loc),
            )
        )
        return result
    if target.kind == "paragraph":  # the paragraph's comment: changed since pinned, or lacking its text
        out += comment_findings(ctx, lambda pid: pid == tid)
    if not composed.markdown.strip():
        # (a paragraph of a document needs no comment: leaving one alone is no gap)
        if target.kind != "paragraph" and not any(ci.findings for ci in composed.items):  # a failed item is reported as itself
            out += unanswered(ctx, target)
        out += item_findings(ctx, target, items)
        return result
    out += limit_findings(ctx, target, result)
    out += spelling_findings(ctx, target, items, result)
    out += control_findings(composed.markdown, target.id, ctx.at(*target.loc))
    out += link_findings(composed.markdown, target.id, ctx.at(*target.loc))
    out += item_findings(ctx, target, items)
    for i, ci in enumerate(composed.items):
        if ci.block is None or not isinstance(ci.item, BlockItem):
            continue
        out += block_findings(ctx, target, i, ci.item, ci.block)
    out += phrase_findings(ctx.rules, composed.markdown, target.id, ctx.at(*target.loc))
    return result


def _question_hint(qid: str, ctx: DraftContext) -> str:
    import difflib

    close = difflib.get_close_matches(qid, list(ctx.targets), n=1)
    return f"did you mean '{close[0]}'?" if close else "remove the answer or check the question number"


def _unknown_paragraph(ctx: DraftContext, pid: str, loc: tuple) -> Finding:
    """`unknown-question` for a comment on a paragraph the document (this revision of it) lacks."""
    revision = f" (revision {ctx.consultation.revision})" if ctx.consultation.revision else ""
    return finding(
        "unknown-question",
        f"the document has no paragraph '{pid}'{revision}",
        hint="a new revision may have dropped or renumbered it: remove the comment, or move it to the paragraph that now holds the text",
        question=pid,
        **ctx.at(*loc[:-1], "paragraph", key=False),
    )


def unanswered(ctx: DraftContext, q: Target) -> list[Finding]:
    severity: Severity = "error" if q.required else "info"
    what = "required" if q.required else "optional"
    return [
        finding(
            "unanswered",
            f"{what} question {q.id} has no answer",
            severity=severity,
            hint="insert a block or write an answer" if q.required else None,
            question=q.id,
            **ctx.at(*q.loc),
        )
    ]
