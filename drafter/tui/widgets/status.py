"""How a question's state is shown: a status mark and a limit meter, from the core's AnswerResult.

Nothing here counts or checks: the numbers and findings come from `check_answer`; this module only
chooses glyphs and colours for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from ...checks import AnswerResult, limit_level
from ...model import Limit
from ...safetext import visible

GLYPH = {"empty": "○", "required": "◆", "ok": "●", "warnings": "▲", "errors": "✖"}
"""empty: optional and unanswered; required: required and still unanswered."""
STYLE = {"empty": "dim", "ok": "green", "warnings": "yellow", "errors": "bold red"}
SEV_GLYPH = {"error": ("✖", "bold red"), "warning": ("▲", "yellow"), "info": ("i", "cyan")}


@dataclass(frozen=True)
class QuestionStatus:
    """A question's state: empty / ok / warnings / errors, and its count against the limit."""

    state: str
    used: int | None
    limit: Limit | None
    errors: int = 0
    warnings: int = 0

    @classmethod
    def of(cls, result: AnswerResult | None, limit: Limit | None) -> "QuestionStatus":
        if result is None:
            return cls("errors", None, limit, errors=1)
        severities = [f.severity for f in result.findings]
        if not result.answered and all(f.code == "unanswered" for f in result.findings):
            state = "empty"  # nothing there (a failed block item is an error, not emptiness)
        elif "error" in severities:
            state = "errors"
        elif "warning" in severities:
            state = "warnings"
        else:
            state = "ok"
        return cls(state, result.used(limit), limit, severities.count("error"), severities.count("warning"))

    def glyph(self) -> Text:
        if self.state == "empty" and self.errors:
            return Text(GLYPH["required"], style="bold red")  # a required question still unanswered
        return Text(GLYPH[self.state], style=STYLE[self.state])

    def level(self) -> str:
        """'ok', 'near' or 'over', by the checks' own rule (`near-limit`, `over-limit`)."""
        return limit_level(self.used, self.limit)

    def meter(self, *, compact: bool = False) -> Text:
        """e.g. `412/500 w` (compact: `82%`), coloured near and over the limit."""
        if self.limit is None:
            return Text("")
        unit = "w" if self.limit.unit == "words" else "c"
        style = {"ok": "", "near": "yellow", "over": "bold red"}[self.level()]
        if compact:
            return Text(f"{(self.used or 0) * 100 // self.limit.value}%".rjust(4), style=style)
        return Text(f"{self.used or 0}/{self.limit.value} {unit}", style=style)


def limit_words(limit: Limit | None) -> str:
    return f"limit {limit.text}" if limit is not None else "no limit"


def finding_line(f, *, with_question: bool = False) -> Text:
    """One finding as a line: severity mark, code, (question), message."""
    glyph, style = SEV_GLYPH.get(f.severity, ("·", ""))
    text = Text.assemble((f"{glyph} ", style), (f"{f.code}", style))
    if with_question and f.question:
        text.append(f"  {visible(f.question, one_line=True)}", style="bold")
    text.append("  " + visible(f.message, one_line=True))
    return text


def hint_line(f) -> Text | None:
    return Text("    → " + visible(f.hint, one_line=True), style="dim") if f.hint else None


def put(static, content, *, layout: bool = True) -> None:
    """Update a Static only when its content changes (an update may cost a layout pass; a widget
    of fixed size passes `layout=False` to skip it)."""
    if static.content != content:
        static.update(content, layout=layout)
