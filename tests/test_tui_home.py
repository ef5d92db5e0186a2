"""The home screen, the no-workspace screen, and the conventions every screen keeps."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.widgets import DataTable

from drafter.findings import count
from drafter.loaded import LoadedWorkspace
from drafter.ops.check import run_check
from drafter.tui.commands import DrafterCommands
from drafter.tui.screens.help import bindings_of
from drafter.tui.widgets.answer import TextItemEditor
from drafter.workspace import Workspace

from .test_tui_support import NOW, app_for, home, start_draft, wait_for, wait_screen


async def test_home_lists_consultations_and_drafts(ws):
    app = app_for(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await home(pilot)
        consultations = screen.query_one("#consultations", DataTable)
        row = [str(c) for c in consultations.get_row("wsis20-review")]
        assert "18 days" in row[3] and "moved" in row[2]  # frozen now; deadline_history is not empty
        rows = {r.name: r for r in screen.rows}
        assert rows["example-response.yaml"].errors == 0 and rows["example-response.yaml"].required_answered == rows["example-response.yaml"].required == 7
        expected = count(run_check(LoadedWorkspace.load(Workspace.open(ws)), ws / "drafts" / "needs-work.yaml", NOW).findings)
        assert (rows["needs-work.yaml"].errors, rows["needs-work.yaml"].warnings) == (expected["error"], expected["warning"]) != (0, 0)


async def test_new_draft_never_overwrites(ws):
    app = app_for(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await home(pilot)
        draft_screen = await start_draft(pilot, screen, "wsis20-review")  # (open calls come first; this one to be sure)
        assert draft_screen.session.path.name == "wsis20-review.yaml"
        await pilot.press("ctrl+o")
        screen = await home(pilot)
        draft_screen = await start_draft(pilot, screen, "wsis20-review")
        assert draft_screen.session.path.name == "wsis20-review-2.yaml"
    first = (ws / "drafts" / "wsis20-review.yaml").read_text(encoding="utf-8")
    assert "consultation: wsis20-review" in first and "# Response to:" in first


async def test_open_draft_from_home_and_back(ws):
    app = app_for(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await home(pilot)
        table = screen.query_one("#drafts", DataTable)
        table.focus()
        names = [r.name for r in screen.rows]
        table.move_cursor(row=names.index("example-response.yaml"))
        await pilot.press("enter")
        draft_screen = await wait_screen(pilot, "DraftScreen")
        assert draft_screen.session.path.name == "example-response.yaml"


async def test_no_workspace_offers_init(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    app = app_for(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "WelcomeScreen")
        await pilot.press("s")  # init with the sample
        await home(pilot)
    assert (folder / "drafter.yaml").is_file() and (folder / "drafts" / "example-response.yaml").is_file()


async def test_theme_toggle_and_help(ws):
    app = app_for(ws, "drafts/example-response.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.press("f9")
        assert app.theme == "textual-light"
        await pilot.press("f9")
        assert app.theme == "textual-dark"
        await pilot.press("f1")
        await wait_screen(pilot, "HelpScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "DraftScreen")
        screen.query_one(TextItemEditor).focus()
        await pilot.press("question_mark")  # typed into the text, not the help
        assert screen.query_one(TextItemEditor).text.startswith("?")


def screen_classes():
    from drafter.tui.screens import (
        dialogs,
        draft,
        findings,
        help,
        home,
        preview,
        render,
        respondent,
        welcome,
    )

    modules = [dialogs, draft, findings, help, home, preview, render, respondent, welcome]
    return sorted({c for m in modules for c in vars(m).values() if isinstance(c, type) and "BINDINGS" in vars(c)}, key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", [*screen_classes(), "app"], ids=lambda c: getattr(c, "__name__", c))
def test_every_binding_has_description_tooltip_and_id(cls):
    from drafter.tui.app import DrafterApp

    cls = DrafterApp if cls == "app" else cls
    for b in cls.BINDINGS:
        assert isinstance(b, Binding), b
        if b.show:
            assert b.description and b.tooltip and b.id, f"{cls.__name__}: {b.key} → {b.action}"


async def test_every_draft_action_is_in_the_palette_and_the_help(ws):
    app = app_for(ws, "drafts/example-response.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        provider = DrafterCommands(screen)
        names = [name for name, _, _ in provider._commands()]
        expected = [b.description for b in bindings_of(screen)]
        assert names == expected
        for action in ["insert_block", "add_text", "remove_item", "move_item(-1)", "move_item(1)", "toggle_variant",
                       "next_error", "diff", "respondent", "findings", "preview_answer", "preview_submission", "render", "save"]:
            assert any(b.action == action for b in bindings_of(screen)), action
        hits = [hit async for hit in provider.search("render")]
        assert str(max(hits, key=lambda h: h.score).match_display) == "Render"
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        await pilot.press(*"next error", "enter")
        await wait_screen(pilot, "DraftScreen")


async def test_home_shows_libraries_with_changes_not_taken(ws):
    """The sample's needs-work draft pinned an earlier version of one block: the home screen's
    library row says so, and stops saying so once the draft takes the new version."""
    from drafter.ops.changes import update_draft as update

    app = app_for(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await home(pilot)
        row = [str(c) for c in screen.query_one("#libraries", DataTable).get_row("tcg")]
        assert row[1] == "19" and row[3] == "1 block in 1 draft"
    update(LoadedWorkspace.load(Workspace.open(ws)), ws / "drafts" / "needs-work.yaml", all_blocks=True)
    app = app_for(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await home(pilot)
        row = [str(c) for c in screen.query_one("#libraries", DataTable).get_row("tcg")]
        assert row[3] == "none"
