"""The UI's workers never make the UI thread describe their arguments: Textual's `@work` builds a
description from `repr()` of every argument unless it is given one, and a draft's context (its
consultation, its response and the whole library index) is large — at 5,000 blocks that repr cost
240 ms of the UI thread at every check, the first paint included (benchmarks/bench_tui.py: launch
1,050 → 707 ms)."""

from __future__ import annotations

import ast
from pathlib import Path

from drafter.checks.context import DraftContext
from drafter.tui.widgets.answer import TextItemEditor

from .test_tui_support import SAMPLE_DRAFT, app_for, type_text, wait_for, wait_screen

TUI = Path(__file__).resolve().parent.parent / "drafter" / "tui"


def test_every_worker_of_the_ui_is_given_its_description():
    missing = []
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in ("work", "run_worker"):
                if not any(k.arg == "description" for k in node.keywords):
                    missing.append(f"{path.relative_to(TUI)}:{node.lineno}")
    assert missing == []


async def test_typing_never_makes_the_ui_thread_repr_the_draft_context(ws, monkeypatch):
    described = []
    monkeypatch.setattr(DraftContext, "__repr__", lambda self: described.append(1) or "DraftContext(…)")
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.app.workers.wait_for_complete()
        editor = screen.query_one(TextItemEditor)
        editor.focus()
        await pilot.press("end")
        await type_text(pilot, " More words")
        await wait_for(pilot, lambda: "More words" in screen.session.editor.text(), what="the text in the draft")
        await pilot.app.workers.wait_for_complete()
    assert described == []


async def test_one_check_of_every_answer_runs_at_a_time(ws, monkeypatch):
    """Checks of every answer asked for faster than they finish do not pile up in threads: one runs,
    and one more runs after it with the draft as it is then."""
    import threading
    import time

    from drafter.ops import check as check_ops

    real = check_ops.check_in_workspace
    running, most, calls = [0], [0], [0]
    lock = threading.Lock()

    def slow(lw, ctx):
        with lock:
            running[0] += 1
            calls[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.3)
        try:
            return real(lw, ctx)
        finally:
            with lock:
                running[0] -= 1

    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: screen.progress is not None, what="the first counts")
        monkeypatch.setattr(check_ops, "check_in_workspace", slow)
        calls[0] = 0
        for _ in range(6):
            screen.check_all_answers()
            await pilot.pause(0.05)
        await wait_for(pilot, lambda: calls[0] == 2 and running[0] == 0 and not screen._all_running, what="the checks done")
        await pilot.pause(0.4)
        assert most[0] == 1 and calls[0] == 2
