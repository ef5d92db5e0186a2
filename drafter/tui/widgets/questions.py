"""The consultation's questions, grouped by section, each with its status mark and limit meter."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...questionnaire import Questionnaire, Target
from ...safetext import visible
from .status import QuestionStatus

PREFIX = "q:"
UNKNOWN = "x:"  # an answer to an id the consultation lacks


class QuestionList(OptionList):
    """Questions by section; highlighting one shows it in the answer pane."""

    def __init__(self, questionnaire: Questionnaire, **kwargs):
        super().__init__(**kwargs)
        self.questionnaire = questionnaire
        self.statuses: dict[str, QuestionStatus] = {}
        self.questions: dict[str, Target] = dict(questionnaire.by_id)
        self.unknown_ids: Callable[[], list[str]] | None = None
        """The draft's answers to ids the consultation lacks (listed last, under "Not in the consultation")."""
        self.mark_of: Callable[[Target], Text | None] | None = None
        """A mark in the required column (a commented paragraph's action, say)."""

    def fill(self, statuses: dict[str, QuestionStatus]) -> None:
        self.statuses = dict(statuses)
        options: list[Option | None] = []
        for heading in self.questionnaire.headings:
            label = heading.title if heading.title == heading.id else f"{heading.id}  {heading.title}"  # a document's part: its name once
            title = Text(visible(label, one_line=True), style="bold", no_wrap=True, overflow="ellipsis")
            options.append(Option(title, id=f"s:{heading.id}", disabled=True))
            for q in self.questionnaire.under(heading):
                options.append(Option(self._prompt(q), id=PREFIX + q.id))
        unknown = self.unknown_ids() if self.unknown_ids else []
        if unknown:
            options.append(Option(Text("Not in the consultation", style="bold red", no_wrap=True, overflow="ellipsis"), id="s:-unknown", disabled=True))
            for tid in unknown:
                prompt = Text.assemble(("✖", "bold red"), f" {visible(tid, one_line=True)}".ljust(7), ("not asked: move or remove", "dim"))
                options.append(Option(prompt, id=UNKNOWN + tid))
        self.set_options(options)

    def _prompt(self, q: Target) -> Text:
        status = self.statuses.get(q.id) or QuestionStatus("empty", 0, q.limit)
        mark = "*" if q.required else " "
        extra = self.mark_of(q) if self.mark_of else None
        head = Text.assemble(status.glyph(), f" {visible(q.number or q.id, one_line=True)}", extra or mark)
        head.append(" " * max(0, 7 - head.cell_len))
        first_line = visible(" ".join(q.text.split()), one_line=True)
        meter = status.meter()
        room = self._text_width() - head.cell_len - 1
        if room - meter.cell_len < 20 and room - status.meter(compact=True).cell_len >= 10:
            meter = status.meter(compact=True)  # a few more of the question's words, its share of the limit
        width = room - meter.cell_len
        if width < 4:  # too narrow for the question's words: status, number and meter only
            return Text.assemble(head, meter)
        if len(first_line) > width:
            first_line = first_line[: width - 1] + "…"
        body = Text(first_line.ljust(width), style="dim" if status.state == "empty" else "")
        return Text.assemble(head, body, " ", meter)

    def _text_width(self) -> int:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        return (width or 34) - 2

    def update_status(self, qid: str, status: QuestionStatus) -> None:
        if self.statuses.get(qid) == status:
            return
        self.statuses[qid] = status
        q = self.questions.get(qid)
        if q is not None:
            self.replace_option_prompt(PREFIX + qid, self._prompt(q))

    def refresh_question(self, qid: str) -> None:
        """Draw `qid`'s line again (its mark changed)."""
        q = self.questions.get(qid)
        if q is not None:
            self.replace_option_prompt(PREFIX + qid, self._prompt(q))

    def on_resize(self) -> None:
        if self.statuses:
            highlighted = self.highlighted
            self.fill(self.statuses)
            self.highlighted = highlighted

    def select_question(self, qid: str) -> None:
        try:
            self.highlighted = self.get_option_index(PREFIX + qid)
        except Exception:
            pass

    def select_unknown(self, tid: str) -> None:
        try:
            self.highlighted = self.get_option_index(UNKNOWN + tid)
        except Exception:
            pass

    def current_unknown(self) -> str | None:
        """The id of the answer outside the consultation that is highlighted (else None)."""
        option = self.highlighted_option
        if option is None or not option.id or not option.id.startswith(UNKNOWN):
            return None
        return option.id[len(UNKNOWN):]

    def current(self) -> str | None:
        option = self.highlighted_option
        if option is None or not option.id or not option.id.startswith(PREFIX):
            return None
        return option.id[len(PREFIX):]
