"""How each screen looks, frozen in time (2026-11-27 12:00 UTC), with no blinking cursor.

Update after an intended change with: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from .test_tui_support import SAMPLE_DRAFT, app_for, wait_for, wait_screen

WIDE = (120, 40)
NARROW = (80, 24)
LARGE = (200, 60)


def settle(screen_name: str, *keys: str):
    """run_before: wait for `screen_name` (after pressing `keys` on the draft/home screen) and idle workers."""

    async def run_before(pilot) -> None:
        await wait_screen(pilot, "DraftScreen" if keys or screen_name == "DraftScreen" else screen_name)
        await pilot.app.workers.wait_for_complete()
        if keys:
            await pilot.press(*keys)
            await wait_screen(pilot, screen_name)
        await pilot.app.workers.wait_for_complete()
        if screen_name == "HomeScreen":  # the drafts are checked by a worker; its message fills the table
            await wait_for(pilot, lambda: pilot.app.screen.query_one("#drafts").row_count > 0, what="drafts listed")
        await pilot.pause(0.1)

    return run_before


class TestHomeScreen:
    """Home of the sample workspace "ws": soonest deadline first, the two past calls the sample keeps
    as examples ("closed … ago": the IGF's 2018 taking-stock call the library carries, the ICANN
    public comment of 2023, "✱ moved"), then the WSIS+20 consultation with its deadline (2026-12-15,
    "✱ moved" because it was extended) and "18 days left" in green; below, the three sample
    drafts with answered/required counts and error/warning counts (needs-work in red, the ICANN
    comment's one error its passed deadline); at the bottom the library "tcg" with 19 blocks, 2 due
    for review and "1 block in 1 draft" changed since pinned; the footer lists New draft, Demo,
    Refresh, Quit, Help."""

    def test_home(self, ws, snap_compare):
        assert snap_compare(app_for(ws), terminal_size=WIDE, run_before=settle("HomeScreen"))


class TestHomeScreenNarrow:
    """The home screen at 80×24: the keys that matter in the footer, the others named in the hint."""

    def test_home_narrow(self, ws, snap_compare):
        assert snap_compare(app_for(ws), terminal_size=NARROW, run_before=settle("HomeScreen"))


class TestFindingsNarrow:
    """F3 at 80×24: messages and hints wrap, each hint names the key of its fix."""

    def test_findings_narrow(self, ws, snap_compare):
        app = app_for(ws, "drafts/needs-work.yaml")
        assert snap_compare(app, terminal_size=NARROW, run_before=settle("FindingsScreen", "f3"))


class TestDraftScreen:
    """The example draft at 120x40: top bar with file, time left and the consultation; questions
    grouped by section with status marks and meters (e.g. "214/250 w"); question 1.1 shown in the
    middle (text, guidance, a block item, the user's text in a text area, the count and "No
    findings."); the library on the right with the search box, theme filter, ★ blocks first and a
    preview rendered with the respondent's values; status line "✓ saved"; footer with the keys."""

    def test_draft(self, ws, snap_compare):
        assert snap_compare(app_for(ws, SAMPLE_DRAFT), terminal_size=WIDE, run_before=settle("DraftScreen"))


class TestDraftScreenNarrow:
    """The same draft at 80x24: narrower panes, the question list shows mark, number and meter
    only; nothing overlaps and the footer still starts with ^s Save."""

    def test_draft_narrow(self, ws, snap_compare):
        assert snap_compare(app_for(ws, SAMPLE_DRAFT), terminal_size=NARROW, run_before=settle("DraftScreen"))


class TestDraftScreenLarge:
    """The same draft at 200x60: the three panes share the width, question texts are longer in the
    list, the whole footer fits."""

    def test_draft_large(self, ws, snap_compare):
        assert snap_compare(app_for(ws, SAMPLE_DRAFT), terminal_size=LARGE, run_before=settle("DraftScreen"))


class TestRespondentForm:
    """f2 on the example draft: the respondent profile form; required fields marked *, consent as a
    Yes/No select, the extra `region` field, two co-signer rows, Apply (ctrl+s) and Cancel."""

    def test_respondent_form(self, ws, snap_compare):
        assert snap_compare(app_for(ws, SAMPLE_DRAFT), terminal_size=WIDE, run_before=settle("RespondentForm", "f2"))


class TestFindingsScreen:
    """f3 on needs-work.yaml: the findings dialog, errors first (red ✖), then warnings (yellow ▲) and
    info, each with its code, question and message and a dim hint line; a summary line on top."""

    def test_findings(self, ws, snap_compare):
        app = app_for(ws, "drafts/needs-work.yaml")
        assert snap_compare(app, terminal_size=WIDE, run_before=settle("FindingsScreen", "f3"))


class TestRenderDialog:
    """f8 on the example draft: the render dialog with format DOCX, the path
    drafts/example-response.docx, "The draft has no errors.", Render (ctrl+s) and Cancel."""

    def test_render_dialog(self, ws, snap_compare):
        assert snap_compare(app_for(ws, SAMPLE_DRAFT), terminal_size=WIDE, run_before=settle("RenderDialog", "f8"))


class TestWelcomeScreen:
    """A folder without a workspace: the welcome box offering "Make a workspace here (i)", "Make one
    with the sample (s)" and "Open the demo (d)"."""

    def test_welcome(self, tmp_path, snap_compare):
        folder = tmp_path / "empty"
        folder.mkdir()
        assert snap_compare(app_for(folder), terminal_size=NARROW, run_before=settle("WelcomeScreen"))
