"""Checks of the blocks an answer uses: a source link that is not http, https or mailto
(`unsafe-link`), no theme shared with the question (`theme-mismatch`), changed in its library since
it was pinned (`block-changed`); and of a block's review (`review-date` in the future, `stale-block`
when due), which the draft and the lint check per block.
"""

from __future__ import annotations

import datetime as dt

from ..findings import Finding, finding
from ..library import is_due
from ..links import is_safe
from ..model import Block, BlockItem
from ..pins import pin_hash
from ..questionnaire import Target
from ..safetext import visible
from .context import DraftContext


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
