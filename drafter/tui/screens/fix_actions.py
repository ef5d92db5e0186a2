"""The draft screen's fixes: every finding leads to its fix (`tui.fixes`), from F3 (enter), or from the
answer's findings (the fix key, or a click on the hint). Answers outside the consultation are
`UnknownAnswers`'.

`FixActions` is a base of `DraftActions`; like it, it asks the `DraftSession` to make each change and
shows what it returns.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Select

from ...findings import Finding
from ...library import BlockLookupError
from ...model import BlockItem
from ...ops.fixes import closest_block
from ...ops.session import DraftSession, EditRefused
from ...safetext import visible
from ..fixes import Fix, first_fix, fix_for, hint_for, key
from ..widgets.answer import AnswerPane
from ..widgets.questions import QuestionList
from .findings import FindingsScreen
from .fix_dialogs import ReplaceBlockDialog, SpellChoice, SpellingDialog
from .unknown_answers import UnknownAnswers


class FixActions(UnknownAnswers):
    """Fix keys and flows of the draft screen."""

    session: DraftSession
    qid: str | None
    item_index: int | None
    _pane_findings: list[Finding] = []
    _pane_fixes: list[Fix] = []

    # ------------------------------------------------------------------ implemented by the screen and its actions

    async def show_question(self, qid: str, focus: int | None = None) -> None:
        raise NotImplementedError

    async def reload_all(self) -> None:
        raise NotImplementedError

    def items(self, qid: str | None = None) -> list:
        raise NotImplementedError

    def action_respondent(self, field: str | None = None) -> None:
        raise NotImplementedError

    def action_diff(self) -> None:
        raise NotImplementedError

    def action_focus_search(self) -> None:
        raise NotImplementedError

    def action_preview_submission(self) -> None:
        raise NotImplementedError

    def action_dates(self) -> None:
        raise NotImplementedError

    def refresh_check(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ wiring

    async def on_mount(self) -> None:
        """(Textual calls it after the draft screen's own on_mount.) List the answers outside the consultation; show
        the UI's hints beside the answer."""
        questions = self.query_one(QuestionList)
        questions.unknown_ids = self.unknown_ids
        questions.fill(dict(questions.statuses))
        if self.qid:
            questions.select_question(self.qid)
        self.query_one(AnswerPane).hinter = self.pane_hints

    def fix_of(self, f: Finding) -> Fix:
        return fix_for(f, self.session)

    def ui_hint(self, f: Finding) -> str | None:
        return hint_for(f, self.fix_of(f))

    def pane_hints(self, findings: list[Finding]) -> list[Text | None]:
        """The hint line under each of the answer's findings; the one the fix key acts on says so,
        and a click on a hint does its fix."""
        fixes = [self.fix_of(f) for f in findings]
        self._pane_findings, self._pane_fixes = list(findings), fixes
        first = first_fix(findings, fixes)
        out: list[Text | None] = []
        for i, (f, fx) in enumerate(zip(findings, fixes)):
            hint = hint_for(f, fx)
            if hint is None and i != first:
                out.append(None)
                continue
            click = Style(meta={"@click": f"screen.fix_finding({i})"}) if fx.acts else Style()
            line = Text("    → ", style="dim")
            line.append(visible(hint or "go to it", one_line=True), style=Style(dim=True) + click)
            if i == first and not (hint or "").startswith(key("fix")):
                line.append(f"  ({key('fix')})", style=Style(bold=True) + click)
            out.append(line)
        return out

    # ------------------------------------------------------------------ actions

    async def action_fix(self) -> None:
        """Fix the shown answer's most pressing finding (the hint marked with the fix key)."""
        if self.unknown_shown:
            self.open_unknown(self.unknown_shown)
            return
        if self.qid is None:
            return
        result = self.session.check(self.qid)
        findings = result.findings if result else []
        fixes = [self.fix_of(f) for f in findings]
        first = first_fix(findings, fixes)
        if first is None:
            self.notify("Nothing to fix in this answer." if not findings else "These findings have no fix in the UI: see their hints.")
            return
        await self.apply_fix(fixes[first])

    async def action_fix_finding(self, i: int) -> None:
        """A click on the hint of the answer's finding `i`."""
        if 0 <= i < len(self._pane_fixes):
            await self.apply_fix(self._pane_fixes[i])

    def action_findings(self) -> None:
        findings, _ = self.session.check_all()
        self.app.push_screen(FindingsScreen(findings, self.ui_hint, self._finding_picked), self._finding_picked)

    async def _finding_picked(self, finding: Finding | None) -> None:
        if finding is not None:
            await self.apply_fix(self.fix_of(finding), finding, edit=False)

    async def apply_fix(self, fix: Fix, finding: Finding | None = None, *, edit: bool = True) -> None:
        """Go to the fix's question and item, and open the fix (a form, a dialog, the library). An
        edit made at once (the short variant) is made with the fix key (`edit`); from F3 it is offered:
        the item is shown and the hint names its key."""
        if fix.kind == "unknown" and fix.qid:
            self.query_one(QuestionList).select_unknown(fix.qid)
            await self.show_unknown(fix.qid)
            self.open_unknown(fix.qid, fix.suggestion)
            return
        if fix.kind == "preview":
            self.action_preview_submission()
            return
        if fix.kind == "dates":
            self.action_dates()
            return
        if fix.qid and self.session.questionnaire.get(fix.qid):
            await self.go_to(fix.qid, fix.index)
        if fix.kind == "respondent":
            self.action_respondent(fix.field)
        elif fix.kind == "short" and fix.qid and edit:
            await self._use_short(fix.qid, fix.indices)
        elif fix.kind == "short" and fix.hint:
            self.notify(visible(fix.hint, one_line=True), markup=False)
        elif fix.kind == "diff":
            self.action_diff()
        elif fix.kind == "replace" and fix.qid is not None and fix.index is not None:
            self.open_replace(fix.qid, fix.index, fix.suggestion)
        elif fix.kind == "choice":
            self._open_choice(fix.index)
        elif fix.kind == "question":
            self.action_focus_search()
        elif fix.kind == "word" and fix.suggestion and fix.qid and fix.index is not None and edit:
            self.open_spelling(fix.qid, fix.index, fix.suggestion)
        elif fix.kind == "word" and fix.hint:
            self.notify(visible(fix.hint, one_line=True), markup=False)
        elif fix.kind == "none":
            hint = fix.hint or (finding.hint if finding else None)
            if hint:
                self.notify(visible(hint, one_line=True), markup=False)

    def open_spelling(self, qid: str, index: int, word: str) -> None:
        """The `spelling` fix: the dictionary's corrections of `word` in text item `index`, or accepting it."""
        from ...spelling import corrections

        language = self.session.consultation.language

        async def chosen(choice: SpellChoice | None) -> None:
            if choice is None:
                return
            if choice.action == "accept":
                self.accept_word(word)
                return
            await self.correct_word(qid, index, word, choice.replacement or "")

        self.app.push_screen(SpellingDialog(word, language, lambda: corrections(word, language)), chosen)

    async def correct_word(self, qid: str, index: int, word: str, replacement: str) -> None:
        """Replace the misspelt `word` in text item `index` of `qid` (one undoable step)."""
        from ...ops.words import correct_word

        try:
            count = correct_word(self.session, qid, index, word, replacement)
        except EditRefused as exc:
            self._refused(exc)
            return
        if not count:
            self.notify(f"'{visible(word, one_line=True)}' is no longer in that text.", severity="warning", markup=False)
            return
        self.changed()
        await self.show_question(qid, focus=index)
        times = f" ({count} times)" if count > 1 else ""
        self.notify(f"Corrected '{visible(word, one_line=True)}' to '{visible(replacement, one_line=True)}'{times} (ctrl+z takes it back).", markup=False)

    def accept_word(self, word: str) -> None:
        """The `spelling` fix: add `word` to the workspace's `words` (drafter.yaml) and check again."""
        from ...ops.words import WordRefused, accept_word

        try:
            lw = accept_word(self.session.lw, word)
        except (WordRefused, OSError) as exc:
            self.notify(visible(str(exc), one_line=True), severity="warning", markup=False)
            return
        problem = self.session.use_workspace(lw)
        self.refresh_check()
        self.check_all_answers()
        said = f"'{visible(word, one_line=True)}' added to the workspace's words (drafter.yaml)."
        self.notify(said + (f" {problem}" if problem else ""), markup=False)

    async def go_to(self, qid: str, index: int | None) -> None:
        """Show question `qid` (selected in the list) with item `index` focused."""
        self.unknown_shown = None
        self.query_one(QuestionList).select_question(qid)
        await self.show_question(qid, focus=index)
        if index is not None:
            self.item_index = index

    async def _use_short(self, qid: str, indices: tuple[int, ...]) -> None:
        switched = []
        for i in indices:
            item = self.items(qid)[i]
            if isinstance(item, BlockItem) and item.variant == "body":
                try:
                    self.session.toggle_variant(qid, i)
                except EditRefused as exc:
                    self._refused(exc)
                    continue
                switched.append(item.block)
        if not switched:
            return
        self.changed()
        await self.show_question(qid, focus=indices[0])
        self.item_index = indices[0]
        names = ", ".join(f"'{visible(ref, one_line=True)}'" for ref in switched)
        self.notify(f"Using the short variant of {names} ({key('toggle_variant')} switches back).", markup=False)

    def _open_choice(self, index: int | None) -> None:
        for w in self.query_one(AnswerPane).item_widgets():
            if isinstance(w, Select) and (index is None or getattr(w, "index", None) == index):
                self.set_focus(w)
                w.expanded = True
                return

    # ------------------------------------------------------------------ replacing a block

    def action_replace_block(self) -> None:
        """Replace the current block item with another library block, keeping its place."""
        items = self.items() if self.qid else []
        index = self.item_index
        if self.qid is None or index is None or not 0 <= index < len(items) or not isinstance(items[index], BlockItem):
            self.notify("Select a block item of the answer first (tab into the answer).", severity="warning")
            return
        ref = items[index].block
        try:
            self.session.index.lookup(ref)
            query = ""
        except BlockLookupError:
            query = closest_block(self.session.index, ref) or ""
        self.open_replace(self.qid, index, query)

    def action_promote(self) -> None:
        """Turn the current own-text item into a library block (the block form), pinned in its place."""
        from .promote import open_promote

        open_promote(self)

    def open_replace(self, qid: str, index: int, query: str | None) -> None:
        item = self.items(qid)[index]
        if not isinstance(item, BlockItem):
            return
        prefer = list(self.session.questionnaire.by_id[qid].themes)

        async def chosen(choice) -> None:
            if choice is None:
                return
            lib, block = choice
            try:
                ref = self.session.replace_block(qid, index, lib, block)
            except EditRefused as exc:
                self._refused(exc)
                return
            self.changed()
            await self.go_to(qid, index)
            self.notify(f"Replaced '{visible(item.block, one_line=True)}' by '{visible(ref, one_line=True)}' (pinned).", markup=False)

        self.app.push_screen(ReplaceBlockDialog(self.session.index, item.block, query or "", prefer), chosen)
