"""What a draft check works from: plain inputs (libraries, consultation, draft, now), no file I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..compose import Answer, compose_answer, make_context, question_context
from ..library import LibraryIndex
from ..model import Consultation, Draft, PhraseRule
from ..questionnaire import Questionnaire, Response, Target, response
from ..spelling import Accepted

Locate = Callable[[tuple, bool], "tuple[int, int] | None"]


@dataclass
class DraftContext:
    """Inputs of every draft check. `locate` maps a key path of the draft file to (line, column).

    The response view (`response`, `questionnaire`) is rebuilt whenever the draft is replaced
    (`dataclasses.replace(ctx, draft=...)`), so it always shows the draft given.
    """

    index: LibraryIndex
    consultation: Consultation
    draft: Draft
    now: dt.datetime
    file: str | None = None
    locate: Locate | None = None
    consultation_file: str | None = None
    words: tuple[str, ...] = ()
    """The workspace's accepted spellings (drafter.yaml `words`); the libraries' come with `index`."""
    response: Response = field(init=False, repr=False)
    _base: dict | None = field(default=None, init=False, repr=False)
    _accepted: Accepted | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.response = response(self.consultation, self.draft)

    @property
    def questionnaire(self) -> Questionnaire:
        return self.response.questionnaire

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def targets(self) -> dict[str, Target]:
        return self.questionnaire.by_id

    @property
    def language(self) -> str:
        return self.consultation.language

    @property
    def accepted(self) -> Accepted:
        """Accepted spellings: every library's `words` and the workspace's."""
        if self._accepted is None:
            self._accepted = Accepted([*(w for lib in self.index.libraries if lib.meta for w in lib.meta.words), *self.words])
        return self._accepted

    @property
    def rules(self) -> list[PhraseRule]:
        return [*self.index.phrases, *self.consultation.phrases]

    @property
    def webform(self) -> bool:
        return self.consultation.submission.format == "webform"

    def template_context(self, target: Target | None) -> dict:
        """The block templates' context; the draft-wide part is built once (templates cannot mutate it)."""
        if self._base is None:
            # `today` in a block is the submission's date (the draft's `date`), so that rendering the
            # same draft again gives the same text; a draft without one uses the clock's date
            self._base = make_context(self.draft, self.consultation, None, self.draft.date or self.today)
        if target is None:
            return self._base
        return {**self._base, "question": question_context(target)}

    def compose(self, target: Target | None, items: list, tid: str) -> Answer:
        """Compose `items` as this draft's answer to `tid` (`target`: None for an id the consultation lacks)."""
        return compose_answer(
            items, self.index.lookup, self.template_context(target), question=tid, language=self.language, urls=self.webform
        )

    def at(self, *loc: str | int | None, key: bool = True) -> dict:
        """Location fields for a finding at a key path of the draft (nearest existing key)."""
        path = tuple(p for p in loc if p is not None)
        pos = self.locate(path, key) if self.locate else None
        return {"file": self.file, "line": pos[0] if pos else None, "column": pos[1] if pos else None}
