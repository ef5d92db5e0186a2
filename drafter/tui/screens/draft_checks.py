"""The draft screen's checks: every answer, for the question list's marks and the status line's
counts, and the shown answer, for its meter and findings, re-checked soon after each change.

Checks run in workers, off the event loop: however slow a library's rules or templates, typing,
moving and ctrl+q answer at once; a result is shown only if nothing changed since it was asked for
(each request carries a generation number; a result of an older one is dropped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer

from ...questionnaire import Target
from ..messages import AnswerChecked, DraftStatusesChecked
from ..widgets.answer import AnswerPane
from ..widgets.questions import QuestionList
from ..widgets.status import QuestionStatus
from .draft_actions import DraftActions

if TYPE_CHECKING:
    from ...ops.progress import DraftProgress

CHECK_DELAY = 0.05  # seconds after a keystroke before the answer is re-checked (the meter follows within 100 ms)
ALL_CHECK_DELAY = 0.4
"""Seconds after the shown answer's check, with no further change, before every answer is checked
again for the status line's counts (answered, required, errors, warnings): a pause in typing, not
each keystroke."""


class DraftChecks(DraftActions):
    """Mixed into DraftScreen: asks the workers for checks and shows their results."""

    progress: DraftProgress | None = None
    """The draft's counts (the home screen's numbers), once checked."""
    _check_timer: Timer | None = None
    _all_timer: Timer | None = None
    _counts_stale = False
    _all_running = False
    _all_again = False
    """The draft changed since every answer was last checked (see schedule_check_all)."""
    _one_gen = 0
    _all_gen = 0

    @property
    def targets(self) -> dict[str, Target]:  # (the screen's)
        raise NotImplementedError

    def status_of(self, qid: str, results: dict | None = None) -> QuestionStatus:
        result = (results or {}).get(qid) if results is not None else self.session.check(qid)
        return QuestionStatus.of(result, self.targets[qid].limit)

    def check_all_answers(self) -> None:
        """Re-check every answer (in a worker) for the question list's marks and meters. One such
        check runs at a time: asked while one runs, it runs again when that one is done (a thread
        cannot be stopped, so checks slower than the pauses in typing would otherwise pile up)."""
        if self._all_running:
            self._all_again = True
            return
        self._all_again = self._counts_stale = False
        self._all_running = True
        self._all_gen += 1
        ctx = self.session.context()
        self._check_all_worker(ctx, self._all_gen)

    @work(thread=True, exclusive=True, group="check-all", description="check every answer")
    def _check_all_worker(self, ctx, gen: int) -> None:
        from ...ops.check import check_in_workspace
        from ...ops.progress import progress_of

        if ctx is None:
            self.post_message(DraftStatusesChecked(gen, None))
            return
        check = check_in_workspace(self.session.lw, ctx)  # what `drafter check` and the home screen count
        self.post_message(DraftStatusesChecked(gen, check.results, progress_of(check, self.session.path, self.session.path.name)))

    def on_draft_statuses_checked(self, message: DraftStatusesChecked) -> None:
        self._all_running = False
        if self._all_again:  # the draft changed while it ran: its counts are already old
            self.check_all_answers()
            return
        if message.gen != self._all_gen:
            return
        questions = self.query_one(QuestionList)
        for qid in self.targets:
            if qid != self.qid or message.results is None:
                questions.update_status(qid, self.status_of(qid, message.results or {}))
        self.progress = message.progress
        self.update_bars()

    def refresh_check(self) -> None:
        """Re-check the shown answer (in a worker): count, findings and the question's status."""
        if self.qid is None:
            return
        self._one_gen += 1
        self._check_one_worker(self.session.context(), self.qid, self._one_gen)

    @work(thread=True, exclusive=True, group="check-one", description="check the shown answer")
    def _check_one_worker(self, ctx, qid: str, gen: int) -> None:
        from ...checks import check_answer

        self.post_message(AnswerChecked(qid, gen, check_answer(ctx, qid) if ctx is not None else None))

    def on_answer_checked(self, message: AnswerChecked) -> None:
        if message.gen != self._one_gen or message.qid != self.qid or message.qid not in self.targets:
            return
        status = QuestionStatus.of(message.result, self.targets[message.qid].limit)
        self.query_one(AnswerPane).show_result(message.result, status)
        self.query_one(QuestionList).update_status(message.qid, status)
        self.update_bars()
        if self._counts_stale:
            self.schedule_check_all()

    def schedule_check_all(self) -> None:
        """Check every answer again once the draft has been still for ALL_CHECK_DELAY: the status
        line's counts follow an insert, a deletion or typing, as the home screen will count them."""
        if self._all_timer is not None:
            self._all_timer.stop()
        self._all_timer = self.set_timer(ALL_CHECK_DELAY, self.check_all_answers)

    def schedule_check(self) -> None:
        self._counts_stale = True
        if self._all_timer is not None:  # a change: the counts wait for the shown answer's check
            self._all_timer.stop()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.refresh_check)
