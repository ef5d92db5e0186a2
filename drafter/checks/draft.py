"""Checks of a whole draft: every answer, required respondent fields, reused and stale blocks, deadline."""

from __future__ import annotations

import datetime as dt

from ..findings import Finding, finding
from ..model import BlockItem, Consultation
from .answers import AnswerResult, check_answer, stale_finding, unanswered
from .context import DraftContext

NEAR_DAYS = 7
CHECKED_DAYS = 14


def check_draft(ctx: DraftContext) -> tuple[list[Finding], dict[str, AnswerResult]]:
    """Every finding of a draft, and each answer's result by question id."""
    out: list[Finding] = []
    results: dict[str, AnswerResult] = {}
    out += deadline_findings(ctx.consultation, ctx.now, file=ctx.consultation_file)
    out += respondent_findings(ctx)
    for qid in ctx.draft.answers:
        results[qid] = check_answer(ctx, qid)
        out += results[qid].findings
    for q in ctx.consultation.questions():
        if q.id not in ctx.draft.answers:
            out += unanswered(ctx, q)
    out += reuse_findings(ctx)
    out += stale_findings(ctx)
    return out, results


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
    """(question id, item index, reference, block, library) for every block item that resolves."""
    for qid, items in ctx.draft.answers.items():
        for i, item in enumerate(items or []):
            if isinstance(item, BlockItem):
                try:
                    lib, block = ctx.index.resolve(item.block)
                except LookupError:
                    continue
                yield qid, i, item.block, block, lib


def reuse_findings(ctx: DraftContext) -> list[Finding]:
    out = []
    first: dict[tuple[str, str], str] = {}
    for qid, i, ref, block, lib in _block_uses(ctx):
        key = (lib.namespace, block.id)
        if key in first and first[key] != qid:
            out.append(
                finding(
                    "duplicate-block",
                    f"block '{ref}' is also used in answer {first[key]}",
                    hint="a reader notices repeated text; keep it in one answer",
                    question=qid,
                    block=ref,
                    **ctx.at("answers", qid, i, "block"),
                )
            )
        first.setdefault(key, qid)
    return out


def stale_findings(ctx: DraftContext) -> list[Finding]:
    out, seen = [], set()
    for qid, i, ref, block, lib in _block_uses(ctx):
        if (lib.namespace, block.id) in seen:
            continue
        seen.add((lib.namespace, block.id))
        f = stale_finding(block, ref, lib.review_days(block), ctx.today, question=qid)
        if f:
            out.append(f.model_copy(update=ctx.at("answers", qid, i, "block")))
    return out


def deadline_findings(c: Consultation, now: dt.datetime, *, file: str | None = None) -> list[Finding]:
    """deadline-passed / deadline-near, and unchecked-consultation when `checked` is old."""
    out = []
    left = c.deadline - now
    moved = f" (moved from {c.deadline_history[-1].deadline.isoformat()})" if c.deadline_history else ""
    if left.total_seconds() < 0:
        out.append(
            finding(
                "deadline-passed",
                f"the deadline of '{c.id}' passed on {c.deadline.isoformat()}{moved}",
                hint="check the consultation page for an extension and update `deadline`",
                file=file,
            )
        )
    elif left <= dt.timedelta(days=NEAR_DAYS):
        from ..consultation import time_left

        out.append(
            finding(
                "deadline-near",
                f"the deadline of '{c.id}' is {c.deadline.isoformat()}: {time_left(c.deadline, now)}{moved}",
                file=file,
            )
        )
    if c.checked is None or (now.date() - c.checked).days > CHECKED_DAYS:
        when = f"on {c.checked.isoformat()}" if c.checked else "never"
        out.append(
            finding(
                "unchecked-consultation",
                f"the details of '{c.id}' were last checked {when}",
                hint="verify deadline and questions on the organiser's page, then update `checked`",
                file=file,
            )
        )
    return out
