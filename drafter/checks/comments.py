"""Checks of a document consultation's comments: a paragraph changed since its comment was pinned
(`paragraph-changed`), a comment whose action lacks the text it needs, and a paragraph with two
proposals of its wording (`amend` or `delete`: the redline can show one).

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
CHANGES = ("amend", "delete")
"""The actions that propose a paragraph's wording: one per paragraph."""


def comment_findings(ctx: DraftContext, keep: Callable[[str], bool] | None = None) -> list[Finding]:
    """`paragraph-changed` per comment whose paragraph changed; `schema` for an `amend` or
    `insert-after` without `text`, and for a second `amend` or `delete` of one paragraph — of every
    comment, or of those whose paragraph id `keep` accepts."""
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
    proposed: dict[str, tuple[int, str]] = {}  # paragraph → the first comment changing its wording
    for j, comment in enumerate(ctx.draft.comments):
        if keep is not None and not keep(comment.paragraph):
            continue
        if comment.action in CHANGES:
            first = proposed.setdefault(comment.paragraph, (j, comment.action))
            if first[0] != j:
                out.append(
                    finding(
                        "schema",
                        f"paragraph {comment.paragraph} has a second proposal of its wording (`{comment.action}`, "
                        f"after an `{first[1]}`): the redline can show one",
                        hint="keep one proposal per paragraph: merge them, or make this one `action: comment`",
                        question=comment.paragraph,
                        **ctx.at("comments", j, "action", key=False),
                    )
                )
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
