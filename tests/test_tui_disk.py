"""The UI and the disk: changes made elsewhere are noticed without a keystroke, never rendered or
accepted from a stale copy; a broken file on disk never costs the user's text; a slow library never
holds up typing."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest
from textual.worker import WorkerState

from drafter.tui.widgets.answer import TextItemEditor

from .test_tui_support import NOW, SAMPLE_DRAFT, app_for, type_text, wait_for, wait_screen

pytestmark = pytest.mark.timeout(120)


async def test_a_draft_changed_on_disk_is_reloaded_without_a_keystroke(ws):
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause(0.3)
        draft.write_text(draft.read_text(encoding="utf-8").replace("Ama Owusu", "Kofi Mensah"), encoding="utf-8")
        await wait_for(pilot, lambda: screen.session.editor.model().respondent.name == "Kofi Mensah", timeout=10, what="reload")
        assert not screen.session.conflict


async def test_the_cli_repinning_while_the_ui_is_open_is_not_reverted(ws):
    """`drafter update --all` in another terminal, then F6 in the UI: the UI shows the new pin, and
    accepting never writes the old one back."""
    draft = ws / "drafts" / "needs-work.yaml"
    app = app_for(ws, "drafts/needs-work.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause(0.3)
        env = {"DRAFTER_NOW": NOW.isoformat(), "PATH": "/usr/bin:/bin"}
        done = subprocess.run([sys.executable, "-m", "drafter", "update", str(draft), "--all"], cwd=ws, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        repinned = draft.read_text(encoding="utf-8")

        def taken() -> bool:
            model = screen.session.editor.model()
            return model is not None and model.answers["2.2"][0].pinned not in (None, "4841f95ee8ee")

        await wait_for(pilot, taken, timeout=10, what="the UI to take the new pins")
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
    assert draft.read_text(encoding="utf-8") == repinned


async def test_a_library_changed_on_disk_is_reloaded_and_f6_shows_the_change(ws):
    block_file = ws / "positions" / "blocks" / "transparency.yaml"
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: screen._stamp is not None, what="the first look at the disk (it sets the stamp)")
        block_file.write_text(block_file.read_text(encoding="utf-8").replace("body: |\n", "body: |\n  A new first line.\n", 1), encoding="utf-8")
        await wait_for(pilot, lambda: "A new first line." in screen.session.index.lookup("transparency").body, timeout=10, what="library reload")


async def test_a_broken_file_on_disk_keeps_the_users_text(ws):
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause(0.3)
        draft.write_text("answers: [\n", encoding="utf-8")  # a half-written save from another program
        await wait_for(pilot, lambda: screen.session.conflict, timeout=10, what="the broken file to be noticed")
        assert screen.session.editor.model() is not None  # still the user's draft
        screen.query_one(TextItemEditor).focus()
        await type_text(pilot, "Still mine ")
        recovery = ws / ".drafter" / "recovery" / draft.name
        await wait_for(pilot, lambda: recovery.exists() and "Still mine" in recovery.read_text(encoding="utf-8"), timeout=10, what="recovery")
        assert draft.read_text(encoding="utf-8") == "answers: [\n"


async def test_typing_is_never_held_up_by_a_slow_check(ws):
    """A library rule that takes its full time on every answer: keystrokes still reach the editor at
    once, and ctrl+q quits."""
    library = ws / "positions" / "library.yaml"
    slow = "  - id: slow\n    severity: warning\n    message: slow\n    patterns: ['(a|aa)+$', '(a|aa)+!$', '(a|aa)+ $', '(aa|a)+$']\n"
    text = library.read_text(encoding="utf-8")
    library.write_text(text.replace("phrases:\n", "phrases:\n" + slow, 1), encoding="utf-8")
    draft = ws / SAMPLE_DRAFT
    draft.write_text(draft.read_text(encoding="utf-8").replace("    - text: |\n", "    - text: |\n        " + "a" * 3000 + "!\n", 1), encoding="utf-8")
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:

        def checking() -> bool:  # the whole draft's check, which takes about a second here
            return any(w.group == "check-all" and w.state == WorkerState.RUNNING for w in app.workers)

        await wait_for(pilot, checking, timeout=10, what="the slow check of the draft to run")
        editor = app.screen.query_one(TextItemEditor)
        seen: list[str] = []
        editor.insert(" quick")  # what a keystroke does
        app.set_timer(0.05, lambda: seen.append(editor.text))  # runs on the UI's event loop
        await asyncio.sleep(0.3)  # (not pilot.pause, which waits for the app to be idle)
        assert seen and " quick" in seen[0]  # the UI went on …
        assert checking()  # … while the slow check was still running beside it
        await pilot.press("ctrl+q")
