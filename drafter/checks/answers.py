"""Checks of one answer: composition, limits, themes, phrases, changed and stale blocks.

The UI calls `check_answer` on every edit and `drafter check` calls it per question: one function.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..compose import BlockLookupError, Composed, compose
from ..findings import Finding, finding
from ..model import Block, BlockItem, Limit, PhraseRule, Question
from ..pins import pin_hash
from ..plaintext import count_chars, count_words, to_plain
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
    for i, ci in enumerate(composed.items):
        if ci.block is None or not isinstance(ci.item, BlockItem):
            continue
        out += block_findings(ctx, question, i, ci.item, ci.block)
    out += phrase_findings(ctx.rules, composed.markdown, question.id, ctx.at("answers", qid))
    return result


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
    if block.reviewed is not None and block.reviewed + dt.timedelta(days=review_days) >= today:
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


@lru_cache(maxsize=512)
def _compiled(pattern: str, ignore_case: bool) -> re.Pattern | None:
    try:
        return re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error:
        return None  # reported by lint where the rule is defined


_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


@lru_cache(maxsize=64)
def _prefilter(signature: tuple[tuple[str, bool], ...]) -> re.Pattern | None:
    """One alternation of every pattern, to skip answers no rule matches (the common case) with a
    single scan. None where combining would change a pattern's meaning (back-references, global flags)."""
    parts = []
    for pattern, ignore_case in signature:
        if _compiled(pattern, ignore_case) is None:
            continue
        if _BACKREF.search(pattern):
            return None
        parts.append(f"(?i:{pattern})" if ignore_case else f"(?:{pattern})")
    if not parts:
        return None
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


@lru_cache(maxsize=4096)
def _matches(signature: tuple[tuple[str, bool], ...], markdown: str) -> tuple[tuple[int, str], ...]:
    """(pattern index, matched text) for every match of every pattern; cached, as the UI re-checks
    a whole draft after each edit and only the edited answer's text is new."""
    quick = _prefilter(signature)
    if quick is not None and quick.search(markdown) is None:
        return ()
    out = []
    for n, (pattern, ignore_case) in enumerate(signature):
        rx = _compiled(pattern, ignore_case)
        if rx is not None:
            out += [(n, m.group(0)) for m in rx.finditer(markdown)]
    return tuple(out)


def phrase_findings(rules: list[PhraseRule], markdown: str, qid: str | None, where: dict) -> list[Finding]:
    """One finding per match of each rule's patterns in the answer's Markdown."""
    flat = [(rule, pattern) for rule in rules for pattern in rule.patterns]
    if not flat:
        return []
    found = _matches(tuple((pattern, rule.ignore_case) for rule, pattern in flat), markdown)
    return [
        finding(
            "phrase",
            f"{flat[n][0].id}: \u201c{text}\u201d \u2014 {_oneline(flat[n][0].message)}",
            severity=flat[n][0].severity,
            hint=_oneline(flat[n][0].hint) if flat[n][0].hint else None,
            question=qid,
            **where,
        )
        for n, text in found
    ]
