"""What checking one answer gives: the composed answer, its counts, its findings and the words the
editor marks as misspelt (`answers.check_answer` fills it; the families of checks read and add to it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..compose import Answer, Composed
from ..findings import Finding
from ..model import Limit
from ..questionnaire import Target


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
