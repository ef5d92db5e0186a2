"""The draft screen: questions | the selected answer | the library, with live checks and autosave.

State lives in the `DraftSession` (editor + check context); this screen shows it and turns key
presses into `DraftEditor` calls. Editing and dialog actions are in `draft_actions.py`, the checks
(run in workers) in `draft_checks.py`, saving and changes on disk in `draft_saving.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, OptionList, ProgressBar, Static

from ...consultation import deadline_state, time_left
from ...library import BlockLookupError, LoadedLibrary, block_title, has_short
from ...model import Block, BlockItem, ChoiceItem
from ...ops.session import DraftSession, EditRefused
from ...pins import pin_hash
from ...questionnaire import Target
from ...suggest.ranking import FIRM
from ...wording import plural
from ..messages import ChoiceMade, ItemFocused, TextEdited
from ..previews import block_preview
from ..widgets.answer import AnswerPane, BlockInfo
from ..widgets.library import LibraryPane
from ..widgets.questions import QuestionList
from ..widgets.status import put
from .draft_checks import DraftChecks
from .draft_comments import DraftComments
from .draft_moves import MOVE_BINDINGS
from .draft_saving import DraftSaving
from .draft_suggest import DraftSuggestions


class DraftScreen(DraftComments, DraftSaving, DraftChecks, DraftSuggestions):
    """One draft: pick a question on the left, compose its answer in the middle from the library on the right."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (170, "-huge")]
    AUTO_FOCUS = "#questions"
    HELP = (
        "Questions: ● answered  ▲ warnings  ✖ errors  ◆ required, not answered yet  ○ optional, not answered;  "
        "* required;  412/500 w the count against the limit (w words, c characters). "
        "Below 100 columns f7 shows the library in the questions' place; f11 gives the answer the whole width."
    )
    # The footer shows the keys that matter first, in this order (at 80 columns it holds about eight);
    # the others are in f1 (help) and ctrl+p (commands).
    BINDINGS = [
        Binding("f1,question_mark", "app.help", "Help", id="draft.help", tooltip="Show every key of this screen."),
        Binding("ctrl+b", "insert_block", "Insert", id="draft.insert-block", tooltip="Insert the block picked in the library (found by a search, or moved to in its list) after the current item, pinned to its current version.", priority=True),
        Binding("ctrl+n", "add_text", "Text", id="draft.add-text", tooltip="Add an item in your own words after the current item.", priority=True),
        Binding("f7", "toggle_library", "Library", id="draft.library", tooltip="Show or hide the library (below 100 columns it takes the questions' place).", priority=True),
        Binding("f2", "respondent", "Profile", id="draft.respondent", tooltip="Edit the respondent profile and co-signers.", priority=True),  # priority: the app opens the form before it reads the next key
        Binding("f3", "findings", "Findings", id="draft.findings", tooltip="All findings of the draft (as `drafter check`); pick one to go to its question."),
        Binding("f8", "render", "Render", id="draft.render", tooltip="Render the submission (DOCX, Markdown or text)."),
        Binding("alt+d", "dates", "Dates", id="draft.dates", show=False, priority=True,
                tooltip="The consultation's deadline as the organiser's page gives it now (a moved deadline keeps the earlier one); saving marks its details checked today."),
        Binding("ctrl+q", "app.quit", "Quit", id="draft.quit", tooltip="Save and quit.", priority=True),
        Binding("ctrl+s", "save", "Save", id="draft.save", tooltip="Save now (drafter also autosaves within 2 s of a change).", priority=True, show=False),
        Binding("ctrl+r", "remove_item", "Remove", id="draft.remove-item", tooltip="Remove the current item from the answer.", priority=True, show=False),
        Binding("alt+up", "move_item(-1)", "Up", id="draft.move-up", tooltip="Move the current item up.", priority=True, show=False),
        Binding("alt+down", "move_item(1)", "Down", id="draft.move-down", tooltip="Move the current item down.", priority=True, show=False),
        Binding("ctrl+t", "toggle_variant", "Body/short", id="draft.variant", tooltip="Switch the current block item between its body and its short variant.", priority=True, show=False),
        Binding("f6", "diff", "Diff", id="draft.diff", tooltip="Diff a changed block against its pinned version, and accept the new one.", priority=True, show=False),
        Binding("ctrl+l", "fix", "Fix", id="draft.fix", tooltip="Fix the answer's most pressing finding (the one its hint marks): open the profile at the field, use the short variant, diff, replace the block…", priority=True, show=False),
        Binding("f10", "take_suggestion", "Take suggestion", id="draft.take-suggestion", tooltip="Insert the best suggestion for this question that the draft does not use yet (the library's first such row when no search is typed), pinned, in its suggested variant; "
                f"a poor fit (under {FIRM:.2f}) is left for you to choose.", priority=True, show=False),
        Binding("f12", "replace_block", "Replace", id="draft.replace-block", tooltip="Replace the current block item by another library block (a mistyped id: its closest match), in the same place.", priority=True, show=False),
        Binding("alt+p", "promote", "Promote", id="draft.promote", tooltip="Make the current own-text item a library block (a form), pinned in its place.", priority=True, show=False),
        Binding("ctrl+g", "next_error", "Next error", id="draft.next-error", tooltip="Go to the next question whose answer has errors.", priority=True, show=False),
        Binding("ctrl+f", "focus_search", "Search", id="draft.search", tooltip="Search the library (title, summary, body, tags); shows the library if it is hidden.", priority=True, show=False),
        Binding("f11", "zoom", "Zoom", id="draft.zoom", tooltip="Give the answer the whole width (again: back to the panes).", priority=True, show=False),
        Binding("f4", "preview_answer", "Preview", id="draft.preview-answer", tooltip="Preview the composed answer to this question.", show=False),
        Binding("f5", "preview_submission", "Submission", id="draft.preview-submission", tooltip="Preview the whole submission.", show=False),
        Binding("ctrl+o", "home", "Drafts", id="draft.home", tooltip="Save and go back to the list of consultations and drafts.", priority=True, show=False),
        *MOVE_BINDINGS,  # undo/redo, next/previous question, jump, $EDITOR (draft_moves.py)
    ]

    def __init__(self, session: DraftSession):
        super().__init__()
        self.session = session
        self.qid: str | None = None
        self.item_index: int | None = None

    @property
    def targets(self) -> dict[str, Target]:
        return self.session.questionnaire.by_id

    # ------------------------------------------------------------------ layout

    def compose(self):
        yield Static(id="topbar")
        with Horizontal(id="panes"):
            yield QuestionList(self.session.questionnaire, id="questions")
            yield AnswerPane(id="answer")
            yield LibraryPane(self.session.index, self.preview_block, self.suggestions, id="library")
        with Horizontal(id="statusline"):
            yield Static(id="status")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="render-progress")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p is named in the status line

    async def on_mount(self) -> None:
        self.query_one("#render-progress").display = False
        for pane, title in (("#questions", "Questions"), ("#answer", "Answer"), ("#library", "Library")):
            self.query_one(pane).border_title = title
        self.apply_layout()
        questions = self.query_one(QuestionList)
        questions.mark_of = self.comment_mark  # a document: each commented paragraph's action
        questions.fill({})
        self.check_all_answers()
        first = next(iter(self.targets), None)
        if first:
            questions.select_question(first)
            await self.show_question(first)
        self.update_bars()
        self.start_saving()  # autosave, the disk watched, a recovery copy offered (draft_saving.py)

    # ------------------------------------------------------------------ showing

    def items(self, qid: str | None = None) -> list:
        target = qid or self.qid
        return list(self.session.items(target)) if target else []

    def block_info(self, item: BlockItem) -> BlockInfo:
        try:
            _, block = self.session.index.resolve(item.block)
        except BlockLookupError as exc:
            return BlockInfo(item.block, None, item.variant, False, item.pinned, False, problem=str(exc))
        changed = item.pinned is not None and item.pinned != pin_hash(block, self.session.base.consultation.language)
        title = block_title(block, self.session.base.consultation.language)  # (in the draft's language, when translated)
        return BlockInfo(item.block, title, item.variant, changed, item.pinned, has_short(block))

    async def show_question(self, qid: str, focus: int | None = None) -> None:
        """Show question `qid` (rebuilding its items); focus item `focus` if given."""
        another = qid != self.qid
        self.qid = qid
        q = self.targets[qid]
        items = self.items(qid)
        self.item_index = focus if focus is not None else (0 if items else None)
        infos = {i: self.block_info(it) for i, it in enumerate(items) if isinstance(it, BlockItem)}
        await self.query_one(AnswerPane).show(q, items, infos, focus)
        self.show_comment(q)  # a document's paragraph: its comment above the rationale (draft_comments.py)
        self.refresh_bindings()
        self.refresh_check()
        library = self.query_one(LibraryPane)
        if another:  # a new question: its ★ suggestions, not the last question's search
            library.new_question(list(q.themes))
        else:
            library.set_prefer(list(q.themes))
        library.refresh_preview()

    async def reload_all(self) -> None:
        """Everything may have changed (reload, restore, respondent): recompute and redraw."""
        questions = self.query_one(QuestionList)
        questions.fill(dict(questions.statuses))
        if self.qid:
            questions.select_question(self.qid)
            await self.show_question(self.qid)
        self.check_all_answers()
        self.update_bars()

    def preview_block(self, lib: LoadedLibrary, block: Block) -> Callable[[], str]:
        """How to render the highlighted library block with the respondent's values (run by a worker:
        the state it needs is taken now, on the UI's thread)."""
        question = self.targets.get(self.qid or "")
        ctx, ref = self.session.context(), self.session.index.qualified(lib, block)
        return lambda: block_preview(ref, block, ctx, question, library=f"{lib.name} ({lib.namespace})")

    def update_bars(self) -> None:
        c = self.session.consultation
        now = self.session.clock()
        moved = ", moved" if c.deadline_history else ""
        left = time_left(c.deadline, now)
        style = {"passed": "bold red", "near": "yellow", "open": "green"}[deadline_state(c.deadline, now)]
        top = Text.assemble(
            self.size_note() or "",
            (self.session.path.name, "bold"), "  ·  ", (left, style), f" (deadline {c.deadline:%Y-%m-%d %H:%M %z}{moved})  ·  ", c.title
        )
        put(self.query_one("#topbar", Static), top, layout=False)
        p = self.progress
        s = self.session
        if s.conflict:
            save = Text(f"▲ changed on disk — autosaving to .drafter/recovery/{s.path.name} (ctrl+s to resolve)", style="bold yellow")
        elif s.editor.dirty:
            save = Text("● unsaved changes", style="yellow")
        else:
            save = Text("✓ saved", style="green")
        line = Text.assemble(save, "   ·   ")
        if p is not None:  # the home screen's numbers, from the same check as `drafter check`
            if self.session.consultation.kind == "document":  # paragraphs are commented, none required
                line.append(f"{p.answered}/{p.targets} paragraphs commented · ")
            else:
                line.append(f"{p.answered}/{p.targets} answered · required {p.required_answered}/{p.required} · ")
            line.append(plural(p.errors, "error"), style="bold red" if p.errors else "green")
            line.append(" · ")
            line.append(plural(p.warnings, "warning"), style="yellow" if p.warnings else "green")
        else:
            line.append("checking…", style="dim")
        line.append("   ·   ctrl+p commands")
        put(self.query_one("#status", Static), line, layout=False)

    # ------------------------------------------------------------------ events from the panes

    @on(OptionList.OptionHighlighted, "#questions")
    async def _question_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        qid = self.query_one(QuestionList).current()
        if qid and qid != self.qid:
            await self.show_question(qid)

    @on(OptionList.OptionSelected, "#questions")
    def _question_selected(self) -> None:
        if self.qid is None:  # an answer outside the consultation: FixActions opens it
            return
        pane = self.query_one(AnswerPane)
        if self.targets[self.qid].kind == "paragraph" and not self.items():
            self.focus_comment()  # a paragraph with no rationale yet: its comment first
        elif not pane.focus_item(self.item_index or 0):
            self.query_one("#lib-search").focus()

    def on_item_focused(self, message: ItemFocused) -> None:
        self.item_index = message.index
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Show Body/short and Diff only where they apply (the current item is a block that has them)."""
        if action not in ("toggle_variant", "diff"):
            return True
        items = self.items() if self.qid else []
        if self.item_index is None or not 0 <= self.item_index < len(items) or not isinstance(items[self.item_index], BlockItem):
            return False
        info = self.block_info(items[self.item_index])
        return info.changed if action == "diff" else (info.has_short or info.variant == "short")

    def on_text_edited(self, message: TextEdited) -> None:
        if self.qid is None or not self.text_is_current(message.index, message.text):
            return
        try:
            if self.session.set_text(self.qid, message.index, message.text):
                self.changed()
        except EditRefused:
            return

    def on_choice_made(self, message: ChoiceMade) -> None:
        target = self.targets.get(message.qid)
        if target is None or target.answer != "choice":
            return
        current = next((i.choice for i in self.session.items(target.id) if isinstance(i, ChoiceItem)), None)
        if current == message.value:  # the field showing the stored choice (a late message included)
            return
        self.session.set_choice(target.id, message.value)
        self.changed()

    def changed(self) -> None:
        """Something in the draft changed: re-check soon, autosave soon."""
        self.session.touched()
        self.schedule_check()
        self.update_bars()
