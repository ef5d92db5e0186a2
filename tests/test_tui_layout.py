"""The draft screen at 80×24 and around it: the library as a toggle, the answer zoomed, the keys
that matter in the footer, the count and findings always in view, and the same numbers as the home
screen."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from drafter.tui.widgets.answer import AnswerPane, TextItemEditor

from .test_tui_support import SAMPLE_DRAFT, app_for, wait_for, wait_screen

pytestmark = pytest.mark.timeout(120)


def shown(screen, selector: str) -> bool:
    widget = screen.query_one(selector)
    return widget.display and widget.region.width > 0


async def test_at_80x24_the_library_is_a_toggle_that_takes_the_questions_place(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause()
        assert shown(screen, "#questions") and not shown(screen, "#library")
        assert screen.query_one("#answer").region.width >= 50  # two thirds of the terminal for the answer
        await pilot.press("f7")
        await pilot.pause()
        assert shown(screen, "#library") and not shown(screen, "#questions")
        assert screen.focused is screen.query_one("#lib-search")
        await pilot.press("f7")
        await pilot.pause()
        assert shown(screen, "#questions") and not shown(screen, "#library")
        assert screen.focused is not None and screen.focused.display  # focus left the hidden pane
        await pilot.press("ctrl+f")  # searching shows the library
        await pilot.pause()
        assert shown(screen, "#library") and screen.focused is screen.query_one("#lib-search")


async def test_at_120x40_three_panes_and_f11_gives_the_answer_the_whole_width(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause()
        assert all(shown(screen, s) for s in ("#questions", "#answer", "#library"))
        narrow = screen.query_one("#answer").region.width
        await pilot.press("f11")
        await pilot.pause()
        assert not shown(screen, "#questions") and not shown(screen, "#library")
        assert screen.query_one("#answer").region.width == 120
        await pilot.press("f11")
        await pilot.pause()
        assert screen.query_one("#answer").region.width == narrow


async def test_below_80x24_the_answer_is_shown_alone_and_the_top_bar_says_why(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause()
        assert not shown(screen, "#questions") and not shown(screen, "#library")
        assert screen.query_one("#answer").region.width == 60
        assert "60×20" in str(screen.query_one("#topbar").content)
        await pilot.press("f11")  # the user may still ask for the panes
        await pilot.pause()
        assert shown(screen, "#questions")


async def test_the_footer_shows_the_keys_that_matter_within_80_columns(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause()
        footer = screen.query_one(Footer)
        visible_keys = {
            key.key for key in footer.query("FooterKey") if key.region.width and key.region.right <= 80  # type: ignore[attr-defined]
        }
        for key in ("f1", "ctrl+b", "ctrl+n", "f2", "f3", "f7", "f8", "ctrl+q"):
            assert key in visible_keys, (key, sorted(visible_keys))


async def test_the_count_and_findings_stay_in_view_under_a_long_answer(ws):
    draft = ws / SAMPLE_DRAFT
    from drafter.draft_editor import DraftEditor

    editor = DraftEditor.load(draft)
    editor.replace_items("3.4", [{"text": "\n\n".join(["word " * 80] * 20)}])
    editor.save(force=True)
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await screen.show_question("3.4")
        await wait_for(pilot, lambda: "over" in str(screen.query_one("#answer-findings").content), what="the over-limit finding")
        pane = screen.query_one(AnswerPane)
        for part in ("#count", "#answer-findings"):
            widget = screen.query_one(part)
            region = widget.region
            assert region.height > 0 and pane.region.y < region.y and region.bottom <= pane.region.bottom, part
            assert screen.get_widget_at(region.x + 1, region.y)[0] is widget, part  # on top: not under the text
        assert screen.query_one(TextItemEditor).region.y < screen.query_one("#count").region.y


async def test_the_draft_screen_counts_as_the_home_screen_does(ws):
    """7/17 answered and 7 errors on both (they once said 7 errors against 5 'with errors')."""
    app = app_for(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        home = await wait_screen(pilot, "HomeScreen")
        await wait_for(pilot, lambda: bool(home.rows), what="the drafts checked")
        row = next(r for r in home.rows if r.name == "needs-work.yaml")
        app.open_draft(ws / "drafts" / "needs-work.yaml")
        screen = await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: screen.progress is not None, what="the whole-draft check")
        p = screen.progress
        assert (p.answered, p.targets, p.required_answered, p.required, p.errors, p.warnings) == (
            row.answered, row.targets, row.required_answered, row.required, row.errors, row.warnings,
        )
        status = str(screen.query_one("#status").content)
        assert f"{row.answered}/{row.targets} answered" in status and f"{row.errors} errors" in status


def test_a_required_question_not_yet_answered_has_its_own_mark():
    from drafter.checks import AnswerResult  # noqa: F401  (the status is built from the core's result)
    from drafter.tui.widgets.status import QuestionStatus

    required = QuestionStatus("empty", 0, None, errors=1)  # `unanswered` is an error on a required question
    optional = QuestionStatus("empty", 0, None)
    assert required.glyph().plain != optional.glyph().plain


def test_counts_are_said_in_good_english():
    from drafter.wording import plural

    assert plural(1, "word") == "1 word" and plural(2, "word") == "2 words" and plural(1456, "character") == "1,456 characters"


async def test_the_render_dialogs_tick_box_shows_its_state(ws):
    from drafter.tui.widgets.tick import Tick

    app = app_for(ws, "drafts/needs-work.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("f8")
        dialog = await wait_screen(pilot, "RenderDialog")
        tick = dialog.query_one(Tick)
        assert "[ ]" in str(tick.render()) and "✓" not in str(tick.render())
        tick.value = True
        assert "[✓]" in str(tick.render())


async def test_hand_wrapped_text_reads_as_paragraphs_and_is_saved_wrapped_as_before(ws):
    """The sample's text is wrapped at 86 columns in the file: at 80×24 it shows as whole
    paragraphs (no ragged short lines), and an edit is saved wrapped at 86 again."""
    from .test_tui_support import type_text

    draft = ws / SAMPLE_DRAFT
    original = draft.read_text(encoding="utf-8")
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        editor = screen.query_one(TextItemEditor)
        assert "since 2004 as a not-for-profit foundation" in editor.text  # one line in the editor
        assert "since 2004 as a\n" in original  # two in the file
        editor.focus()
        await pilot.press("ctrl+home")
        await type_text(pilot, "Since 1998, ")
        await wait_for(pilot, lambda: "Since 1998," in draft.read_text(encoding="utf-8"), timeout=10, what="autosave")
    saved = draft.read_text(encoding="utf-8")
    item = saved.split("'1.1':", 1)[1].split("'1.2':", 1)[0]
    lines = [line.strip() for line in item.splitlines() if line.startswith("        ")]
    assert lines[0].startswith("Since 1998, Example ccTLD Registry") and all(len(line) <= 86 for line in lines)
    assert saved.split("'1.2':", 1)[1] == original.split("'1.2':", 1)[1]  # nothing else changed


async def test_a_forms_theme_boxes_show_which_are_ticked(tmp_path):
    """The block form's themes read [ ] and [✓] (Textual's own boxes show an X either way)."""
    from drafter.init import init_workspace
    from drafter.loaded import LoadedWorkspace
    from drafter.ops.authoring import make_own_library
    from drafter.tui.widgets.tick import Ticks
    from drafter.workspace import Workspace

    root = tmp_path / "ws"
    init_workspace(root)
    make_own_library(LoadedWorkspace.load(Workspace.open(root)), "Ours", "ours", ["Open standards", "DNS abuse"])
    app = app_for(root)
    async with app.run_test(size=(80, 24)) as pilot:
        from .test_tui_authoring import home

        await home(pilot)
        await pilot.press("b")
        form = await wait_screen(pilot, "BlockForm")
        themes = form.query_one(Ticks)
        lines = lambda: [themes.render_line(y).text for y in range(2)]
        assert all(line.startswith("[ ]") for line in lines())
        themes.select(themes.get_option_at_index(1).value)
        await pilot.pause()
        assert lines()[0].startswith("[ ]") and lines()[1].startswith("[✓]")


async def test_at_100_columns_the_library_waits_for_f7_beside_the_questions(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause()
        assert shown(screen, "#questions") and not shown(screen, "#library")
        assert screen.query_one("#answer").region.width >= 60
        await pilot.press("f7")
        await pilot.pause()
        assert shown(screen, "#questions") and shown(screen, "#library")  # room for both from 100 columns
        await pilot.press("ctrl+down")  # next question: the list stays where it is
        await pilot.pause()
        assert shown(screen, "#library")


async def test_a_document_drafts_status_counts_commented_paragraphs(ws):
    """The sample's comments on the zero draft: paragraphs commented, no "required" (none is)."""
    app = app_for(ws, "drafts/zero-draft-comments.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: screen.progress is not None, what="the whole-draft check")
        p = screen.progress
        status = str(screen.query_one("#status").content)
        assert f"{p.answered}/{p.targets} paragraphs commented" in status and p.answered > 0
        assert "required" not in status


async def test_the_render_dialog_fits_80x24_with_its_labels_beside_their_fields(ws):
    """At 80×24 the render dialog of a draft with errors (so with its --force box) shows its buttons
    whole, and each label on its field's line (its buttons were cut off below the screen)."""
    from textual.widgets import Button, Input, Label, Select

    app = app_for(ws, "drafts/needs-work.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("f8")
        dialog = await wait_screen(pilot, "RenderDialog")
        await pilot.pause()
        box = dialog.query_one("#render-box")
        assert box.region.bottom <= 24
        inside = box.scrollable_content_region  # (within the box's border and padding)
        for button in dialog.query(Button):
            assert inside.contains_region(button.region), (button.id, button.region, inside)
        for field in (dialog.query_one(Select), dialog.query_one(Input)):
            label = [lab for lab in field.parent.query(Label) if "form-label" in lab.classes][0]
            assert label.content_region.y == field.content_region.y, (label.content_region, field.content_region)


async def test_the_help_scrolls_as_one_at_80x24(ws):
    """f1 at 80×24: the marks and the keys scroll together, from the keyboard at once (the keys had a
    five-line window under the marks)."""
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("f1")
        helpscreen = await wait_screen(pilot, "HelpScreen")
        scroll = helpscreen.query_one("#help-scroll")
        assert app.focused is scroll and scroll.max_scroll_y > 0
        assert scroll.region.height >= 12  # most of the box, not what the marks leave
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: scroll.scroll_y > 0, what="the help scrolled")
        await pilot.press("escape")
        await wait_screen(pilot, "DraftScreen")
