"""Checks of a whole draft: every answer, required respondent fields, reused and stale blocks, deadline."""

from __future__ import annotations

import datetime as dt

from ..consultation import deadline_state, time_left
from ..findings import Finding, finding
from ..model import Consultation
from .answers import check_answer
from .blocks import review_date_finding, stale_finding
from .comments import comment_findings
from .context import DraftContext
from .limits import limit_level
from .result import AnswerResult

CHECKED_DAYS = 14


def check_draft(ctx: DraftContext) -> tuple[list[Finding], dict[str, AnswerResult]]:
    """Every finding of a draft, and each answer's result by question id."""
    out: list[Finding] = []
    results: dict[str, AnswerResult] = {}
    out += deadline_findings(ctx.consultation, ctx.now, file=ctx.consultation_file)
    out += respondent_findings(ctx)
    for target in ctx.questionnaire.targets:
        results[target.id] = check_answer(ctx, target.id)
        out += results[target.id].findings
    for extra in ctx.response.unknown():
        out += check_answer(ctx, extra.target_id).findings
    out += comment_findings(ctx, lambda pid: pid not in ctx.targets)  # (a paragraph's own are in its answer's)
    out += parts_findings(ctx, results)
    out += total_findings(ctx, results)
    out += reuse_findings(ctx)
    out += stale_findings(ctx)
    return out, results


def _noun(unit: str) -> str:
    return "words" if unit == "words" else "characters"


def parts_findings(ctx: DraftContext, results: dict[str, AnswerResult]) -> list[Finding]:
    """`over-limit` / `near-limit` on a question whose parts together pass its limit."""
    out = []
    for parent in ctx.questionnaire.parents:
        if parent.limit is None:
            continue
        parts = ctx.questionnaire.parts_of(parent)
        used = sum(results[p.id].used(parent.limit) or 0 for p in parts if p.id in results)
        limit, noun = parent.limit.value, _noun(parent.limit.unit)
        names = ", ".join(p.number or p.id for p in parts)
        where = ctx.at(*parts[0].loc) if parts else ctx.at("answers")
        level = limit_level(used, parent.limit)
        if level == "over":
            out.append(finding("over-limit", f"parts {names} together are {used} {noun}, limit {limit} ({used - limit} over)",
                               hint="the limit is for all parts together: shorten one of them", question=parent.id, **where))
        elif level == "near":
            out.append(finding("near-limit", f"parts {names} together are {used} of {limit} {noun} ({used * 100 // limit}%)", question=parent.id, **where))
    return out


def total_findings(ctx: DraftContext, results: dict[str, AnswerResult]) -> list[Finding]:
    """`over-total` when the answers printed in the document pass `submission.limit`."""
    limit = ctx.consultation.submission.limit
    if limit is None:
        return []
    printed = [t for t in ctx.questionnaire.targets if t.in_document and t.id in results]
    used = sum(results[t.id].used(limit) or 0 for t in printed)
    if used <= limit.value:
        return []
    noun = _noun(limit.unit)
    return [
        finding(
            "over-total",
            f"the whole response is {used} {noun}, the consultation's limit is {limit.value} ({used - limit.value} over)",
            hint="shorten the longest answers, or use blocks' short variants",
            **ctx.at("answers" if ctx.consultation.kind == "questionnaire" else "sections"),
        )
    ]


def respondent_findings(ctx: DraftContext) -> list[Finding]:
    out = []
    values = ctx.draft.respondent.model_dump()
    for name in ctx.consultation.respondent.required:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(
                finding(
                    "respondent-missing",
                    f"respondent field '{name}' is required by the consultation and empty",
                    hint=f"fill `respondent.{name}` (in the UI: edit the respondent profile)",
                    **ctx.at("respondent", name, key=True),
                )
            )
    return out


def _block_uses(ctx: DraftContext):
    """(use, block, library) for every block item that resolves."""
    for use in ctx.response.block_uses():
        try:
            lib, block = ctx.index.resolve(use.ref)
        except LookupError:
            continue
        yield use, block, lib


def reuse_findings(ctx: DraftContext) -> list[Finding]:
    out = []
    first: dict[tuple[str, str], str] = {}
    for use, block, lib in _block_uses(ctx):
        key = (lib.namespace, block.id)
        if key in first and first[key] != use.target_id:
            out.append(
                finding(
                    "duplicate-block",
                    f"block '{use.ref}' is also used in answer {first[key]}",
                    hint="a reader notices repeated text; keep it in one answer",
                    question=use.target_id,
                    block=use.ref,
                    **ctx.at(*use.loc, use.index, "block"),
                )
            )
        first.setdefault(key, use.target_id)
    return out


def stale_findings(ctx: DraftContext) -> list[Finding]:
    out, seen = [], set()
    for use, block, lib in _block_uses(ctx):
        if (lib.namespace, block.id) in seen:
            continue
        seen.add((lib.namespace, block.id))
        for f in (
            stale_finding(block, use.ref, lib.review_days(block), ctx.today, question=use.target_id),
            review_date_finding(block, use.ref, ctx.today, question=use.target_id),
        ):
            if f:
                out.append(f.model_copy(update=ctx.at(*use.loc, use.index, "block")))
    return out


def deadline_findings(c: Consultation, now: dt.datetime, *, file: str | None = None) -> list[Finding]:
    """deadline-passed / deadline-near, and unchecked-consultation when `checked` is old."""
    out = []
    state = deadline_state(c.deadline, now)
    moved = f" (moved from {c.deadline_history[-1].deadline.isoformat()})" if c.deadline_history else ""
    if state == "passed":
        out.append(
            finding(
                "deadline-passed",
                f"the deadline of '{c.id}' passed on {c.deadline.isoformat()}{moved}",
                hint=f"check the consultation page for an extension; if there is one: `drafter dates {c.id} --deadline 'YYYY-MM-DD HH:MM ZONE'`",
                file=file,
            )
        )
    elif state == "near":
        out.append(
            finding(
                "deadline-near",
                f"the deadline of '{c.id}' is {c.deadline.isoformat()}: {time_left(c.deadline, now)}{moved}",
                file=file,
            )
        )
    if c.checked is None or (now.date() - c.checked).days > CHECKED_DAYS:
        said = f"were last checked on {c.checked.isoformat()}" if c.checked else "have never been checked (no `checked` date)"
        out.append(
            finding(
                "unchecked-consultation",
                f"the details of '{c.id}' {said}",
                hint=f"verify deadline and questions on the organiser's page, then record it with `drafter dates {c.id}` "
                "(add --deadline when it moved)",
                file=file,
            )
        )
    return out
