"""Checks of a document consultation's comments: a paragraph changed since its comment was pinned
(`paragraph-changed`), and a comment whose action lacks the text it needs.

A paragraph's own comment findings are part of its answer's check (`answers.check_answer`), so the
answer pane shows them with the paragraph; `draft.check_draft` adds those of comments on a paragraph
the document does not have (itself an unknown id, reported with the answers).
"""

from __future__ import annotations

from collections.abc import Callable

from ..findings import Finding, finding
from ..pins.paragraphs import paragraph_pins
from .context import DraftContext

NEEDS_TEXT = {"amend": "the paragraph as proposed", "insert-after": "the new paragraph"}


def comment_findings(ctx: DraftContext, keep: Callable[[str], bool] | None = None) -> list[Finding]:
    """`paragraph-changed` per comment whose paragraph changed; `schema` for an `amend` or
    `insert-after` without `text` — of every comment, or of those whose paragraph id `keep` accepts."""
    out: list[Finding] = []
    revision = ctx.consultation.revision
    for pin in paragraph_pins(ctx.consultation, ctx.draft):
        if keep is not None and not keep(pin.paragraph):
            continue
        if pin.changed:
            which = f" (the document is now at revision {revision})" if revision else ""
            out.append(
                finding(
                    "paragraph-changed",
                    f"paragraph {pin.paragraph} changed since the comment was made{which}: pinned {pin.pinned}, now {pin.current}",
                    hint="see the change with `drafter diff DRAFT`, revise the comment against the new text, "
                    "then re-pin it with `drafter update DRAFT --all`",
                    question=pin.paragraph,
                    **ctx.at(*pin.loc, key=False),
                )
            )
    for j, comment in enumerate(ctx.draft.comments):
        if keep is not None and not keep(comment.paragraph):
            continue
        need = NEEDS_TEXT.get(comment.action)
        if need and not (comment.text or "").strip():
            out.append(
                finding(
                    "schema",
                    f"the comment on {comment.paragraph} is `{comment.action}` but has no `text` ({need})",
                    hint="write the proposed text under `text:`, or make the comment `action: comment`",
                    question=comment.paragraph,
                    **ctx.at("comments", j, "action", key=False),
                )
            )
    return out
