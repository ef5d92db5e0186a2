"""Never lose a word: a UI killed with SIGKILL mid-edit leaves at most the last 2 s of typing unsaved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.tui.widgets.answer import TextItemEditor

from .test_tui_support import SAMPLE_DRAFT, app_for, type_text, wait_screen

ROOT = Path(__file__).resolve().parent.parent
WORDS = "Unsaved words survive "

CHILD = f"""
import asyncio, sys
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from drafter.tui.widgets.answer import TextItemEditor
from tests.test_tui_support import SAMPLE_DRAFT, app_for, type_text, wait_screen

async def main():
    app = app_for(Path(sys.argv[1]), SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        screen.query_one(TextItemEditor).focus()
        await type_text(pilot, {WORDS!r})
        print("TYPED", flush=True)
        await asyncio.sleep(3600)  # the app keeps running (timers tick) until it is killed

asyncio.run(main())
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_kill_minus_nine_keeps_the_typing(ws):
    draft = ws / SAMPLE_DRAFT
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ws)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = child.stdout.readline()  # blocks until the child has typed
        assert line.strip() == "TYPED", line
        deadline = time.monotonic() + 20  # a hang guard, not a speed check
        while WORDS not in draft.read_text(encoding="utf-8"):  # autosave has not written the typing yet
            assert child.poll() is None, "the UI exited before autosaving"
            assert time.monotonic() < deadline, "autosave never wrote the typed text to the draft"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)  # no exit handler, no flush
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert WORDS in draft.read_text(encoding="utf-8")

    app = app_for(ws, SAMPLE_DRAFT)  # a second instance finds the text
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        assert screen.query_one(TextItemEditor).text.startswith(WORDS)
        assert app.screen_stack[-1] is screen  # no recovery prompt: nothing else was pending


async def test_quit_right_after_typing_saves(ws):
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        screen.query_one(TextItemEditor).focus()
        await type_text(pilot, "Last ")
        await pilot.press("ctrl+q")
    assert "Last Example ccTLD" in draft.read_text(encoding="utf-8")
