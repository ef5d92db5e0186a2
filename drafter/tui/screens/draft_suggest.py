"""The draft screen's suggestions: the library pane's default order for the current question, and
f10, which takes the best suggestion the draft does not use yet, when it is firm (`Suggestion.firm`:
a weaker one is a poor fit that the user would have to spot and remove, so f10 says so instead).

Weak suggestions (`Suggestion.weak`: too little of the question's words and nothing else vouching for
them) are left out here, so they neither lead the library's list with a strength bar nor are taken
by f10; `drafter suggest` still lists them, with the reason "weak".

The list is the ops layer's `suggest_in_context`, what `drafter suggest` prints, over the editor's
current (unsaved) state: its `leading` suggestions, in the same order, and f10 takes its
`best_unused`. The suggestion index is loaded (from the workspace's cache) in a worker when the screen
opens, so the first paint never waits for it; once loaded, one question's suggestions take a few
milliseconds on the UI's thread.
"""

from __future__ import annotations

from textual import work

from ...ops.suggest import DraftSuggester, QuestionSuggestions, suggest_in_context
from ...safetext import visible
from ...suggest import Suggestion
from ...suggest.ranking import FIRM

SHOWN = 10
"""How many suggestions lead the library's list."""


class DraftSuggestions:
    """Mixed into DraftScreen (which has `session`, `qid`, `targets`, `query_one`, …)."""

    _suggester: DraftSuggester | None = None
    _suggester_loading: bool = False

    def suggestions(self) -> list[Suggestion] | None:
        """The current question's suggestions that are not weak, best first (None while the index is
        loading)."""
        if self._loaded_suggester() is None:
            return None
        found = self.question_suggestions()
        return found.leading if found is not None else []

    def question_suggestions(self) -> QuestionSuggestions | None:
        """`drafter suggest`'s suggestions for the current question, over the unsaved draft; None while
        the index is loading, when no question is shown, when it takes no blocks (a choice, a
        document's paragraph) or the draft does not validate."""
        s = self._loaded_suggester()
        session = self.session  # type: ignore[attr-defined]
        target = session.questionnaire.get(self.qid or "")  # type: ignore[attr-defined]
        ctx = session.context()
        if s is None or target is None or ctx is None or target.answer != "text" or target.kind == "paragraph":
            return None
        return suggest_in_context(session.lw, ctx, session.path, qid=target.id, n=SHOWN, suggester=s)[0]

    def _loaded_suggester(self) -> DraftSuggester | None:
        """The suggester of the session's workspace; None (and loading it starts) while there is none."""
        s = self._suggester
        if s is None or s.lw is not self.session.lw:  # type: ignore[attr-defined]
            self._load_suggester()
            return None
        return s

    def _load_suggester(self) -> None:
        if not self._suggester_loading:
            self._suggester_loading = True
            self._suggester_worker()

    @work(thread=True, group="suggest-index", description="load the suggestion index")
    def _suggester_worker(self) -> None:
        """Worker: load (or build) the suggestion index and the other drafts' choices."""
        session = self.session  # type: ignore[attr-defined]
        lw = session.lw
        try:
            s: DraftSuggester | None = DraftSuggester(lw, session.consultation, session.clock().date(), path=session.path)
        except Exception:  # a broken cache or library: no suggestions, never a crash
            s = None
        self.app.call_from_thread(self._suggester_ready, s)  # type: ignore[attr-defined]

    def _suggester_ready(self, s: DraftSuggester | None) -> None:
        from ..widgets.library import LibraryPane

        self._suggester_loading = False
        if s is None or s.lw is not self.session.lw:  # type: ignore[attr-defined]
            return
        self._suggester = s
        self.query_one(LibraryPane).suggestions_ready()  # type: ignore[attr-defined]

    async def action_take_suggestion(self) -> None:
        """Insert the current question's best suggestion that this draft does not use yet (in its
        suggested variant), pinned: taking one already used elsewhere would be a duplicate-block."""
        qid = self.qid  # type: ignore[attr-defined]
        if self._loaded_suggester() is None:
            self.notify("The suggestions are still loading; try again in a moment.", severity="warning")  # type: ignore[attr-defined]
            return
        found = self.question_suggestions()
        if found is None or not found.leading:
            self.notify("No block to suggest for this question.", severity="warning")  # type: ignore[attr-defined]
            return
        top = found.best_unused()
        if top is None:
            where = ", ".join(sorted({q for s in found.leading for q in found.used.get(s.ref, [])}))
            self.notify(f"Every block suggested for {qid} is already in this draft ({where}); pick one from the library.",  # type: ignore[attr-defined]
                        severity="warning", markup=False)
            return
        if not top.firm:
            self.notify(f"The best suggestion for {qid} not in this draft yet is a poor fit: “{visible(top.block.title, one_line=True)}” "  # type: ignore[attr-defined]
                        f"({top.score:.2f}, under {FIRM:.2f}); pick one from the library.", severity="warning", markup=False)
            return
        session = self.session  # type: ignore[attr-defined]
        index = session.insert_block(qid, top.lib, top.block, at=self._insert_at())  # type: ignore[attr-defined]
        if top.variant == "short":
            session.toggle_variant(qid, index)
        self.changed()  # type: ignore[attr-defined]
        await self.show_question(qid, focus=index if self._answer_has_focus() else None)  # type: ignore[attr-defined]
        self.item_index = index
        what = "the top suggestion" if top is found.leading[0] else "the best suggestion not used yet"
        self.notify(f"Inserted {what} “{visible(top.block.title, one_line=True)}” ({top.score:.2f}) into {qid}", markup=False)  # type: ignore[attr-defined]
