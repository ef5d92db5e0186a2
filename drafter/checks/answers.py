"""Checks of one answer: composition, limits, themes, phrases, changed and stale blocks.

The UI calls `check_answer` on every edit and `drafter check` calls it per question: one function.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..compose import Answer, Composed, compose_answer
from ..findings import Finding, Severity, finding
from ..library import BlockLookupError, has_short, is_due
from ..links import is_safe
from ..model import Block, BlockItem, ChoiceItem, Item, Limit, PhraseRule, TextItem
from ..phrases import matches
from ..pins import pin_hash
from ..plaintext import forbidden_chars, markdown_parser
from ..questionnaire import Target
from ..safetext import visible
from ..spelling import misspelt_words
from .context import DraftContext

NEAR_LIMIT = 0.9
"""Above this share of its limit an answer gets `near-limit` (the UI's meter turns yellow there too)."""


@dataclass
class AnswerResult:
    """A target's composed answer, its counts and its findings."""

    target: Target | None
    answer: Answer
    findings: list[Finding] = field(default_factory=list)
    misspelt: dict[int, list[str]] = field(default_factory=dict)
    """Item index → the misspelt words of that own-text item (what the editor marks)."""

    @property
    def composed(self) -> Composed:
        return self.answer.composed

    @property
    def plain(self) -> str:
        return self.answer.plain

    @property
    def words(self) -> int:
        return self.answer.words

    @property
    def chars(self) -> int:
        return self.answer.chars

    @property
    def answered(self) -> bool:
        """Whether the answer has any text."""
        return bool(self.answer.markdown.strip())

    def used(self, limit: Limit | None) -> int | None:
        return self.answer.used(limit)


def limit_level(used: int | None, limit: Limit | None) -> str:
    """`ok`, `near` (above `NEAR_LIMIT` of the limit) or `over`: the one rule the checks and the UI share."""
    if limit is None or used is None:
        return "ok"
    if used > limit.value:
        return "over"
    return "near" if used > NEAR_LIMIT * limit.value else "ok"


def _compose(ctx: DraftContext, target: Target | None, items: list, tid: str) -> Answer:
    return compose_answer(
        items, ctx.index.lookup, ctx.template_context(target), question=tid, language=ctx.language, urls=ctx.webform
    )


def check_answer(ctx: DraftContext, tid: str) -> AnswerResult:
    """Compose one target's answer and check it. An id the consultation lacks gives `unknown-question`."""
    target = ctx.targets.get(tid)
    if target is None:
        extra = next((e for e in ctx.response.unknown() if e.target_id == tid), None)
        items, loc = (extra.items, extra.loc) if extra else ([], ("answers", tid))
    else:
        items, loc = ctx.response.items(tid), target.loc
    answer = _compose(ctx, target, items, tid)
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


MAX_SPELLING = 12
"""Most `spelling` findings per own-text item; the rest are named in the last one."""


def spelling_findings(ctx: DraftContext, q: Target, items: list, result: AnswerResult) -> list[Finding]:
    """`spelling` (info) for each distinct word of the user's own text that neither the dictionary of
    the consultation's language nor the accepted `words` know (blocks are the library's to spell:
    `drafter lint` checks them). The words go to `result.misspelt` for the editor to mark."""
    out: list[Finding] = []
    for i, item in enumerate(items):
        if not isinstance(item, TextItem) or not item.text.strip():
            continue
        words = misspelt_words(item.text, ctx.language, ctx.accepted)
        if not words:
            continue
        result.misspelt[i] = words
        where = ctx.at(*q.loc, i)
        shown = words if len(words) <= MAX_SPELLING else words[: MAX_SPELLING - 1]
        for word in shown:
            out.append(finding("spelling", f"'{visible(word, one_line=True)}' is not in the {ctx.language} dictionary",
                               hint="correct it; if it is right (a name, a term of art), add it to the workspace's `words` in drafter.yaml",
                               question=q.id, **where))
        if len(shown) < len(words):
            rest = words[len(shown):]
            out.append(finding("spelling", f"{len(rest)} more words are not in the {ctx.language} dictionary: "
                               + ", ".join(f"'{visible(w, one_line=True)}'" for w in rest[:20]) + ("…" if len(rest) > 20 else ""),
                               hint="check the text is in the consultation's language; correct the words or add them to `words`",
                               question=q.id, **where))
    return out


PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[[A-Z][A-Z0-9 _./-]*\]|\b(?:TODO|TBD|XXX)\b")
"""What a writer leaves to fill later: a template placeholder, a [NAME]-style bracket, TODO, TBD, XXX."""


def item_findings(ctx: DraftContext, q: Target, items: list) -> list[Finding]:
    """Per item: a choice that is not one of the question's (`invalid-choice`), own text that still
    holds a placeholder (`placeholder-left`)."""
    out = []
    for i, item in enumerate(items):
        where = ctx.at(*q.loc, i)
        if isinstance(item, ChoiceItem):
            if q.answer != "choice":
                out.append(finding("invalid-choice", f"question {q.id} is answered in words, not by a choice ('{visible(item.choice, one_line=True)}')",
                                   hint="write the answer as text: `- text: ...`", question=q.id, **where))
            elif item.choice not in q.choices:
                options = ", ".join(f"'{c}'" for c in q.choices)
                out.append(finding("invalid-choice", f"'{visible(item.choice, one_line=True)}' is not one of the choices of question {q.id}",
                                   hint=f"choose one of {options}", question=q.id, **where))
        elif isinstance(item, TextItem):
            left = sorted({m.group(0) for m in PLACEHOLDER.finditer(item.text)})
            if left:
                shown = ", ".join(visible(x, one_line=True)[:40] for x in left[:5])
                out.append(finding("placeholder-left", f"your text still holds {shown}",
                                   hint="fill it in or delete it before you submit (your own text is used as written, never filled in)",
                                   question=q.id, **where))
    return out


_LINKS = markdown_parser()
_LINKS.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link written, even those a renderer would drop


def link_targets(markdown: str) -> list[str]:
    """Every link target written in the Markdown (links, autolinks, images)."""
    if "[" not in markdown and "<" not in markdown:  # every link, autolink and image needs one
        return []
    out: list[str] = []
    for tok in _LINKS.parse(markdown):
        for child in tok.children or ():
            if child.type == "link_open":
                out.append(str(child.attrs.get("href") or ""))
            elif child.type == "image":
                out.append(str(child.attrs.get("src") or ""))
    return out


def link_findings(markdown: str, qid: str, where: dict) -> list[Finding]:
    """`unsafe-link` for each link in the answer that is not http, https or mailto."""
    return [
        finding(
            "unsafe-link",
            f"the answer links to '{visible(url, one_line=True)[:120]}', which is not an http, https or mailto address",
            hint="link only to web pages (https://…) or e-mail addresses (mailto:…)",
            question=qid,
            **where,
        )
        for url in link_targets(markdown)
        if not is_safe(url)
    ]


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


def limit_findings(ctx: DraftContext, q: Target, result: AnswerResult) -> list[Finding]:
    if q.limit is None:
        return []
    limit, unit = q.limit.value, q.limit.unit
    used = result.used(q.limit) or 0
    noun = "words" if unit == "words" else "characters"
    where = ctx.at(*q.loc)
    level = limit_level(used, q.limit)
    if level == "over":
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
    if level == "near":
        return [finding("near-limit", f"answer is {used} of {limit} {noun} ({used * 100 // limit}%)", question=q.id, **where)]
    return []


def _short_fits(ctx: DraftContext, q: Target) -> tuple[list[str], int] | None:
    """If switching body blocks that have a short variant brings the answer within its limit."""
    switched: list[Item] = []
    names: list[str] = []
    for item in ctx.response.items(q.id):
        if isinstance(item, BlockItem) and item.variant == "body":
            try:
                block = ctx.index.lookup(item.block)
            except BlockLookupError:
                block = None
            if block is not None and has_short(block):
                switched.append(item.model_copy(update={"variant": "short"}))
                names.append(item.block)
                continue
        switched.append(item)
    if not names:
        return None
    used = _compose(ctx, q, switched, q.id).used(q.limit)
    return (names, used) if q.limit and used is not None and used <= q.limit.value else None


def block_findings(ctx: DraftContext, q: Target, i: int, item: BlockItem, block: Block) -> list[Finding]:
    out = [
        finding(
            "unsafe-link",
            f"block '{item.block}' cites '{visible(src.title, one_line=True)}' at '{visible(src.url, one_line=True)[:120]}', which is not an http, https or mailto address",
            hint="the block's library should fix the source; until then, remove the block or accept that the source prints as text",
            question=q.id,
            block=item.block,
            **ctx.at(*q.loc, i, "block"),
        )
        for src in block.sources
        if src.url and not is_safe(src.url)
    ]
    if q.themes and not set(block.themes) & set(q.themes):
        out.append(
            finding(
                "theme-mismatch",
                f"block '{item.block}' ({', '.join(block.themes)}) shares no theme with question {q.id} ({', '.join(q.themes)})",
                hint="check that the block answers this question",
                question=q.id,
                block=item.block,
                **ctx.at(*q.loc, i, "block"),
            )
        )
    if item.pinned and item.pinned != pin_hash(block, ctx.language):
        out.append(
            finding(
                "block-changed",
                f"block '{item.block}' changed in its library since it was pinned ({item.pinned})",
                hint=f"review it with `drafter diff`, then accept with `drafter update --block {item.block}`",
                question=q.id,
                block=item.block,
                **ctx.at(*q.loc, i, "pinned", key=False),
            )
        )
    return out


def review_date_finding(block: Block, ref: str, today: dt.date, **where) -> Finding | None:
    """`review-date` when the block says it was reviewed after today."""
    if block.reviewed is None or block.reviewed <= today:
        return None
    return finding(
        "review-date",
        f"block '{ref}' says it was reviewed on {block.reviewed.isoformat()}, which is in the future",
        hint="correct `reviewed` to the date of the last review: a wrong date keeps the block from being due for review",
        block=ref,
        **where,
    )


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
    """One finding per match of each rule's patterns in the answer's Markdown; a rule whose pattern
    runs out of time is one `bad-rule` finding instead (the answer is not held up by it)."""
    found, slow = matches(rules, markdown)
    out = [
        finding(
            "phrase",
            f"{m.rule.id}: \u201c{_oneline(m.text)}\u201d \u2014 {_oneline(m.rule.message)}",
            severity=m.rule.severity,
            hint=_oneline(m.rule.hint) if m.rule.hint else None,
            question=qid,
            **where,
        )
        for m in found
    ]
    out += [
        finding(
            "bad-rule",
            f"phrase rule '{s.rule.id}' is too slow: its pattern ran out of time on this answer and was skipped",
            hint="fix or remove the pattern in the library or consultation that defines the rule (`drafter lint` shows where)",
            question=qid,
            **where,
        )
        for s in slow
    ]
    return out
