"""Comments' pins: which comments of a draft were made on a paragraph whose text has since changed
(a new revision of the document).

Invariant: a comment's paragraph is "changed" only when the comment has a pin, the document still
has the paragraph, and the pin differs from `text_pin` of its current text; a comment on a paragraph
the document no longer has is reported by the checks as an unknown id, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Consultation, Draft
from ..questionnaire import Loc
from .hash import text_pin


@dataclass(frozen=True)
class ParagraphPin:
    """One comment of a draft and the state of its pin."""

    index: int
    """The comment's position in the draft's `comments`."""
    paragraph: str
    pinned: str | None
    current: str | None
    """`text_pin` of the paragraph's current text; None when the document has no such paragraph."""
    text: str | None
    """The paragraph's current text."""

    @property
    def changed(self) -> bool:
        return self.pinned is not None and self.current is not None and self.pinned != self.current

    @property
    def loc(self) -> Loc:
        """Where the comment's pin is in the draft file."""
        return ("comments", self.index, "pinned")


def paragraph_pins(consultation: Consultation, draft: Draft | None) -> list[ParagraphPin]:
    """Every comment of `draft` with its pin and the paragraph's current pin, in file order."""
    if draft is None:
        return []
    texts = {p.id: p.text for p in consultation.paragraphs}
    out = []
    for j, comment in enumerate(draft.comments):
        text = texts.get(comment.paragraph)
        out.append(ParagraphPin(j, comment.paragraph, comment.pinned, text_pin(text) if text is not None else None, text))
    return out
