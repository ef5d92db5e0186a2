"""What a draft check works from: plain inputs (libraries, consultation, draft, now), no file I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from ..compose import make_context, question_context
from ..library import LibraryIndex
from ..model import Consultation, Draft, PhraseRule, Question

Locate = Callable[[tuple, bool], "tuple[int, int] | None"]


@dataclass
class DraftContext:
    """Inputs of every draft check. `locate` maps a key path of the draft file to (line, column)."""

    index: LibraryIndex
    consultation: Consultation
    draft: Draft
    now: dt.datetime
    file: str | None = None
    locate: Locate | None = None
    consultation_file: str | None = None
    _questions: dict[str, Question] = field(default_factory=dict, init=False, repr=False)
    _base: dict | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._questions = {q.id: q for q in self.consultation.questions()}

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def questions(self) -> dict[str, Question]:
        return self._questions

    @property
    def rules(self) -> list[PhraseRule]:
        return [*self.index.phrases, *self.consultation.phrases]

    @property
    def webform(self) -> bool:
        return self.consultation.submission.format == "webform"

    def template_context(self, question: Question | None) -> dict:
        """The block templates' context; the draft-wide part is built once (templates cannot mutate it)."""
        if self._base is None:
            self._base = make_context(self.draft, self.consultation, None, self.today)
        if question is None:
            return self._base
        return {**self._base, "question": question_context(question)}

    def at(self, *loc: str | int, key: bool = True) -> dict:
        """Location fields for a finding at a key path of the draft (nearest existing key)."""
        pos = self.locate(tuple(loc), key) if self.locate else None
        return {"file": self.file, "line": pos[0] if pos else None, "column": pos[1] if pos else None}
