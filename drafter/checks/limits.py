"""Checks of an answer's length against its question's limit: `over-limit` (with `short-fits` when
the blocks' short variants would bring it within), `near-limit`.

Invariant: `limit_level` is the one rule the checks and the UI's meter share.
"""

from __future__ import annotations

from ..findings import Finding, finding
from ..library import BlockLookupError, has_short
from ..model import BlockItem, Item, Limit
from ..questionnaire import Target
from .context import DraftContext
from .result import AnswerResult

NEAR_LIMIT = 0.9
"""Above this share of its limit an answer gets `near-limit` (the UI's meter turns yellow there too)."""


def limit_level(used: int | None, limit: Limit | None) -> str:
    """`ok`, `near` (above `NEAR_LIMIT` of the limit) or `over`: the one rule the checks and the UI share."""
    if limit is None or used is None:
        return "ok"
    if used > limit.value:
        return "over"
    return "near" if used > NEAR_LIMIT * limit.value else "ok"


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
    used = ctx.compose(q, switched, q.id).used(q.limit)
    return (names, used) if q.limit and used is not None and used <= q.limit.value else None
