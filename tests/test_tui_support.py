"""Shared helpers for the TUI tests (no tests here): a sample workspace, the app, waiting."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from drafter.tui.app import DrafterApp, make_app

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
SAMPLE_DRAFT = Path("drafts") / "example-response.yaml"


def app_for(root: Path, draft: Path | None = None) -> DrafterApp:
    return make_app(root, NOW, root / draft if draft else None, blink=False)


async def wait_for(pilot, condition, timeout: float = 10.0, what: str = "condition") -> None:
    """Let the app run until `condition()` holds (workers and timers keep going meanwhile)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


async def wait_screen(pilot, name: str, timeout: float = 10.0):
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == name, timeout, f"screen {name}")
    await pilot.pause()
    return pilot.app.screen


async def type_text(pilot, text: str) -> None:
    keys = ["space" if c == " " else c for c in text]
    await pilot.press(*keys)




async def show_suggestions(pilot, qid: str):
    """On the draft screen: show question `qid` and wait for the library pane's suggestions;
    returns (screen, library pane)."""
    from drafter.tui.widgets.library import LibraryPane

    screen = await wait_screen(pilot, "DraftScreen")
    screen.query_one("#questions").focus()
    await screen.show_question(qid)
    library = screen.query_one(LibraryPane)
    await wait_for(pilot, lambda: bool(library.suggested), what="suggestions in the library")
    return screen, library


async def home(pilot, old=None):
    """The home screen (a new one when `old` is given: the workspace was loaded again), checked."""
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "HomeScreen" and pilot.app.screen is not old, what="the home screen")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


def highlight(screen, table_id: str, key: str):
    """Focus the home screen's table `table_id` with its row `key` highlighted; returns the table."""
    from textual.widgets import DataTable

    table = screen.query_one(f"#{table_id}", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(key))
    return table


async def start_draft(pilot, screen, consultation: str):
    """On the home screen: n on `consultation`, the free name offered taken; returns the draft screen."""
    highlight(screen, "consultations", consultation)
    await pilot.press("n")
    await wait_screen(pilot, "FormScreen")  # the name asked, a free one offered
    await pilot.press("enter")
    return await wait_screen(pilot, "DraftScreen")
