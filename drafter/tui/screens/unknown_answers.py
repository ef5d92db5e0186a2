"""Answers the draft gives to ids its consultation does not ask (a renumbered question, a typo):
listed after the questions, shown read only in the answer pane, and moved to a question or removed
in a dialog. `UnknownAnswers` is a base of `FixActions` (their fix leads here)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import OptionList

from ...library import BlockLookupError
from ...model import BlockItem, ChoiceItem, TextItem
from ...ops.fixes import closest_question
from ...ops.session import DraftSession, EditRefused
from ...safetext import visible
from ..fixes import key
from ..widgets.answer import AnswerPane
from ..widgets.questions import QuestionList
from ..widgets.status import QuestionStatus
from .draft_layout import DraftLayout
from .fix_dialogs import AnswerChoice, UnknownAnswerDialog


class UnknownAnswers(DraftLayout):
    """The draft screen's answers outside the consultation."""

    session: DraftSession
    qid: str | None
    item_index: int | None
    unknown_shown: str | None = None
    """The answer outside the consultation shown in the answer pane (then `qid` is None)."""

    # ------------------------------------------------------------------ implemented by the screen and its actions

    def changed(self) -> None:
        raise NotImplementedError

    def _refused(self, exc: EditRefused) -> None:
        raise NotImplementedError

    def check_all_answers(self) -> None:
        raise NotImplementedError

    async def go_to(self, qid: str, index: int | None) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ answers outside the consultation

    def unknown_ids(self) -> list[str]:
        return [e.target_id for e in self.session.unknown_answers() if e.loc == ("answers", e.target_id)]


    @on(OptionList.OptionHighlighted, "#questions")
    async def _unknown_highlighted(self) -> None:
        tid = self.query_one(QuestionList).current_unknown()
        if tid is not None and tid != self.unknown_shown:
            await self.show_unknown(tid)
        elif tid is None:
            self.unknown_shown = None

    @on(OptionList.OptionSelected, "#questions")
    def _unknown_selected(self) -> None:
        tid = self.query_one(QuestionList).current_unknown()
        if tid is not None:
            self.open_unknown(tid)

    def _item_lines(self, items: list) -> list[Text]:
        out = []
        for item in items:
            if isinstance(item, BlockItem):
                try:
                    title = self.session.index.lookup(item.block).title
                    out.append(Text.assemble(("▣ ", "bold"), (visible(title, one_line=True), "bold"), (f"  {visible(item.block, one_line=True)}", "dim")))
                except BlockLookupError:
                    out.append(Text.assemble(("✖ ", "bold red"), visible(item.block, one_line=True), (" (no library has this block)", "dim")))
            elif isinstance(item, TextItem):
                text = visible(item.text.strip())
                out.append(Text(text if len(text) <= 600 else text[:600] + "…"))
            elif isinstance(item, ChoiceItem):
                out.append(Text.assemble(("choice: ", "dim"), visible(item.choice, one_line=True)))
        return out

    async def show_unknown(self, tid: str) -> None:
        """Show the answer to `tid` (an id the consultation lacks) in the answer pane, read only."""
        extra = next((e for e in self.session.unknown_answers() if e.target_id == tid), None)
        if extra is None:
            return
        self.qid = None
        self.item_index = None
        self.unknown_shown = tid
        note = (f"The draft answers '{visible(tid, one_line=True)}', which this consultation does not ask: the answer is left out "
                f"of the submission. {key('fix')} or enter in the list: move it to a question, or remove it.")
        pane = self.query_one(AnswerPane)
        await pane.show_unknown(tid, self._item_lines(extra.items), note)
        result = self.session.check(tid)
        pane.show_result(result, QuestionStatus.of(result, None))
        self.refresh_bindings()

    def open_unknown(self, tid: str, suggestion: str | None = None) -> None:
        """The dialog that moves the answer to `tid` to a question, or removes it."""
        extra = next((e for e in self.session.unknown_answers() if e.target_id == tid), None)
        if extra is None:
            return
        q = self.session.questionnaire
        answered = {t.id for t in q.targets if self.session.items(t.id)}
        options = []
        for t in q.targets:
            if t.loc != ("answers", t.id):
                continue
            label = visible(f"{t.number or t.id}  {' '.join(t.text.split())}", one_line=True)
            label = (label[:34] + "…") if len(label) > 35 else label
            options.append((label + ("  · answered" if t.id in answered else ""), t.id))
        suggestion = suggestion or closest_question(q, tid, answered=answered)
        dialog = UnknownAnswerDialog(tid, self._item_lines(extra.items), options, suggestion)

        async def chosen(choice: AnswerChoice | None) -> None:
            if choice is None:
                return
            try:
                if choice.action == "remove":
                    self.session.remove_answer(tid)
                elif choice.to is not None:
                    self.session.move_answer(tid, choice.to)
            except EditRefused as exc:
                self._refused(exc)
                return
            self.changed()
            self.unknown_shown = None
            questions = self.query_one(QuestionList)
            questions.fill(dict(questions.statuses))
            goto = choice.to or self.qid or next(iter(self.session.questionnaire.by_id), None)
            if goto:
                await self.go_to(goto, None)
            self.check_all_answers()
            done = f"Moved the answer '{tid}' to {choice.to}." if choice.action == "move" else f"Removed the answer '{tid}'."
            self.notify(visible(done, one_line=True), markup=False)

        self.app.push_screen(dialog, chosen)
