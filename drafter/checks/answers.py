"""Checks of one answer: composition, limits, themes, phrases, changed and stale blocks.

The UI calls `check_answer` on every edit and `drafter check` calls it per question: one function.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..compose import Composed, compose
from ..findings import Finding, finding
from ..library import BlockLookupError, is_due
from ..model import Block, BlockItem, Limit, PhraseRule, Question
from ..phrases import matches
from ..pins import pin_hash
from ..plaintext import count_chars, count_words, forbidden_chars, to_plain
from .context import DraftContext

NEAR_LIMIT = 0.9


@dataclass
class AnswerResult:
    """A question's composed answer, its counts and its findings."""

    question: Question | None
    composed: Composed
    plain: str
    words: int
    chars: int
    findings: list[Finding] = field(default_factory=list)

    def used(self, limit: Limit | None) -> int | None:
        if limit is None:
            return None
        return self.words if limit.unit == "words" else self.chars


def measure(markdown: str, webform: bool) -> tuple[str, int, int]:
    plain = to_plain(markdown, urls=webform)
    return plain, count_words(plain), count_chars(plain)


def check_answer(ctx: DraftContext, qid: str) -> AnswerResult:
    """Compose one answer and check it. An unknown question id gives `unknown-question`."""
    question = ctx.questions.get(qid)
    items = ctx.draft.items(qid)
    context = ctx.template_context(question)
    composed = compose(items, ctx.index.lookup, context, question=qid)
    plain, words, chars = measure(composed.markdown, ctx.webform)
    result = AnswerResult(question, composed, plain, words, chars)
    out = result.findings
    for i, ci in enumerate(composed.items):
        for f in ci.findings:
            out.append(f.model_copy(update=ctx.at("answers", qid, i)))
    if question is None:
        out.append(
            finding(
                "unknown-question",
                f"the consultation has no question '{qid}'",
                hint=_question_hint(qid, ctx),
                question=qid,
                **ctx.at("answers", qid),
            )
        )
        return result
    if not composed.markdown.strip():
        if not any(ci.findings for ci in composed.items):  # a failed item is reported as itself
            out += unanswered(ctx, question)
        return result
    out += limit_findings(ctx, question, result)
    out += control_findings(composed.markdown, question.id, ctx.at("answers", qid))
    for i, ci in enumerate(composed.items):
        if ci.block is None or not isinstance(ci.item, BlockItem):
            continue
        out += block_findings(ctx, question, i, ci.item, ci.block)
    out += phrase_findings(ctx.rules, composed.markdown, question.id, ctx.at("answers", qid))
    return result


def control_findings(markdown: str, qid: str, where: dict) -> list[Finding]:
    """`control-char` when the answer holds characters no document can hold (they will be removed)."""
    codes = forbidden_chars(markdown)
    if not codes:
        return []
    return [
        finding(
            "control-char",
            f"the answer holds characters a document cannot hold ({', '.join(codes)}); they will be removed",
            hint="delete them from the text (they are often pasted in from PDFs)",
            question=qid,
            **where,
        )
    ]


def _question_hint(qid: str, ctx: DraftContext) -> str:
    import difflib

    close = difflib.get_close_matches(qid, list(ctx.questions), n=1)
    return f"did you mean '{close[0]}'?" if close else "remove the answer or check the question number"


def unanswered(ctx: DraftContext, q: Question) -> list[Finding]:
    severity = "error" if q.required else "info"
    what = "required" if q.required else "optional"
    return [
        finding(
            "unanswered",
            f"{what} question {q.id} has no answer",
            severity=severity,
            hint="insert a block or write an answer" if q.required else None,
            question=q.id,
            **ctx.at("answers", q.id),
        )
    ]


def limit_findings(ctx: DraftContext, q: Question, result: AnswerResult) -> list[Finding]:
    if q.limit is None:
        return []
    limit, unit = q.limit.value, q.limit.unit
    used = result.used(q.limit) or 0
    noun = "words" if unit == "words" else "characters"
    where = ctx.at("answers", q.id)
    if used > limit:
        out = [
            finding(
                "over-limit",
                f"answer is {used} {noun}, limit {limit} ({used - limit} over)",
                hint="cut text, or use blocks' short variants",
                question=q.id,
                **where,
            )
        ]
        fitting = _short_fits(ctx, q)
        if fitting is not None:
            out.append(
                finding(
                    "short-fits",
                    f"with the short variant of {', '.join(fitting[0])} the answer is {fitting[1]} {noun}, within {limit}",
                    hint="switch those blocks to `variant: short`",
                    question=q.id,
                    **where,
                )
            )
        return out
    if used > NEAR_LIMIT * limit:
        return [finding("near-limit", f"answer is {used} of {limit} {noun} ({used * 100 // limit}%)", question=q.id, **where)]
    return []


def _short_fits(ctx: DraftContext, q: Question) -> tuple[list[str], int] | None:
    """If switching body blocks that have a short variant brings the answer within its limit."""
    items = ctx.draft.items(q.id)
    switched, names = [], []
    for item in items:
        if isinstance(item, BlockItem) and item.variant == "body":
            try:
                block = ctx.index.lookup(item.block)
            except BlockLookupError:
                block = None
            if block is not None and block.short:
                switched.append(item.model_copy(update={"variant": "short"}))
                names.append(item.block)
                continue
        switched.append(item)
    if not names:
        return None
    composed = compose(switched, ctx.index.lookup, ctx.template_context(q), question=q.id)
    _, words, chars = measure(composed.markdown, ctx.webform)
    used = words if q.limit and q.limit.unit == "words" else chars
    return (names, used) if q.limit and used <= q.limit.value else None


def block_findings(ctx: DraftContext, q: Question, i: int, item: BlockItem, block: Block) -> list[Finding]:
    out = []
    if q.themes and not set(block.themes) & set(q.themes):
        out.append(
            finding(
                "theme-mismatch",
                f"block '{item.block}' ({', '.join(block.themes)}) shares no theme with question {q.id} ({', '.join(q.themes)})",
                hint="check that the block answers this question",
                question=q.id,
                block=item.block,
                **ctx.at("answers", q.id, i, "block"),
            )
        )
    if item.pinned and item.pinned != pin_hash(block):
        out.append(
            finding(
                "block-changed",
                f"block '{item.block}' changed in its library since it was pinned ({item.pinned})",
                hint=f"review it with `drafter diff`, then accept with `drafter update --block {item.block}`",
                question=q.id,
                block=item.block,
                **ctx.at("answers", q.id, i, "pinned", key=False),
            )
        )
    return out


def stale_finding(block: Block, ref: str, review_days: int, today: dt.date, **where) -> Finding | None:
    """`stale-block` when `reviewed` + interval is before today (a block never reviewed is stale too)."""
    if not is_due(block, review_days, today):
        return None
    when = f"last reviewed {block.reviewed.isoformat()}" if block.reviewed else "never reviewed"
    return finding(
        "stale-block",
        f"block '{ref}' is due for review ({when}, every {review_days} days)",
        hint=f"ask {block.owner or 'its owner'} to review it, then `drafter review {ref}`",
        block=ref,
        **where,
    )


def _oneline(text: str) -> str:
    """Rule texts may be folded YAML; a finding is one line."""
    return " ".join(text.split())


def phrase_findings(rules: list[PhraseRule], markdown: str, qid: str | None, where: dict) -> list[Finding]:
    """One finding per match of each rule's patterns in the answer's Markdown."""
    return [
        finding(
            "phrase",
            f"{m.rule.id}: \u201c{m.text}\u201d \u2014 {_oneline(m.rule.message)}",
            severity=m.rule.severity,
            hint=_oneline(m.rule.hint) if m.rule.hint else None,
            question=qid,
            **where,
        )
        for m in matches(rules, markdown)
    ]
