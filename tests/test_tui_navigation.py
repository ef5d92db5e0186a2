"""Moving around the draft screen and taking changes back, driven with keys as a user does: undo and
redo, question to question, jump mode and the panel keys, the focus, $EDITOR, and ctrl+b's choice."""

from __future__ import annotations

from pathlib import Path

from drafter.tui.jump import JumpOverlay
from drafter.tui.messages import TextEdited
from drafter.tui.widgets.answer import AnswerPane, BlockItemView, TextItemEditor
from drafter.tui.widgets.library import LibraryPane
from drafter.tui.widgets.questions import QuestionList

from .test_tui_support import SAMPLE_DRAFT, app_for, type_text, wait_for, wait_screen


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def items(screen) -> list:
    return [w for w in screen.query_one(AnswerPane).item_widgets()]


def text_item(screen, index: int) -> TextItemEditor:
    return next(w for w in items(screen) if isinstance(w, TextItemEditor) and w.index == index)


async def show(pilot, qid: str) -> None:
    screen = pilot.app.screen
    screen.query_one(QuestionList).select_question(qid)
    await wait_for(pilot, lambda: screen.qid == qid, what=f"question {qid}")
    await pilot.pause()


async def test_ctrl_z_brings_back_a_removed_block_and_ctrl_y_removes_it_again(ws):
    draft = ws / SAMPLE_DRAFT
    original = draft.read_text(encoding="utf-8")
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await show(pilot, "1.2")
        screen.query_one(AnswerPane).focus_item(0)
        await pilot.press("ctrl+r")  # a block item goes without asking
        await pilot.pause()
        assert [getattr(i, "block", None) for i in screen.items()][:1] == ["inclusiveness"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [getattr(i, "block", None) for i in screen.items()][:2] == ["positive-agenda-wsis20", "inclusiveness"]
        assert isinstance(app.focused, BlockItemView) and app.focused.index == 0  # where the change was
        assert any("Undone: remove item 1 from 1.2" in n for n in notes(app))
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(screen.items()) == 2
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert draft.read_text(encoding="utf-8") == original  # comments and all


async def test_ctrl_z_in_a_text_item_undoes_the_typing_a_word_at_a_time(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        before = text_item(screen, 1).text  # as shown (the file's hand-wrapped paragraph on one line)
        in_file = screen.session.items("1.1")[1].text
        text_item(screen, 1).focus()
        await pilot.press("ctrl+end")  # the end of the whole text, not of its first line
        await type_text(pilot, "More words")
        await wait_for(pilot, lambda: screen.session.items("1.1")[1].text.endswith("More words"), what="typing")
        typed = screen.session.items("1.1")[1].text
        await pilot.press("ctrl+z")
        await pilot.pause()
        shown = text_item(screen, 1).text  # (a line break inside a paragraph is shown as the space it is)
        assert shown.endswith("More") and "More words" not in shown and shown.startswith(before.rstrip())
        assert isinstance(app.focused, TextItemEditor) and app.focused.cursor_location == text_item(screen, 1).document.end
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert text_item(screen, 1).text == before and screen.session.items("1.1")[1].text == in_file
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert text_item(screen, 1).text == shown
        redone = screen.session.items("1.1")[1].text
        assert redone.endswith("More") and redone != in_file
        # an edit still on its way from the text item as it was before the undo does not bring it back
        screen.post_message(TextEdited(1, typed))
        await pilot.pause()
        assert screen.session.items("1.1")[1].text == redone


async def test_ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_text(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        editor = text_item(screen, 1)
        editor.focus()
        await pilot.press("ctrl+end")
        assert editor.cursor_location == editor.document.end and editor.cursor_location[0] >= 1
        await pilot.press("ctrl+home")
        assert editor.cursor_location == (0, 0)


async def test_next_and_previous_question_from_inside_the_text_editor(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        text_item(screen, 1).focus()
        await pilot.pause()
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert screen.qid == "1.2" and screen.query_one(QuestionList).current() == "1.2"
        assert isinstance(app.focused, BlockItemView) and app.focused.index == 0  # still in the answer
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        assert screen.qid == "1.3"
        await pilot.press("ctrl+up", "ctrl+pageup")
        await pilot.pause()
        assert screen.qid == "1.1"
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert screen.qid == "1.1" and "This is the first question." in notes(app)


async def test_jump_mode_puts_a_key_on_each_panel(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+j")
        overlay = await wait_screen(pilot, "JumpOverlay")
        assert isinstance(overlay, JumpOverlay)
        labels = {str(label.render()) for label in overlay.query(".jump-label")}
        assert {"q", "1", "2"} <= labels  # the questions and the answer's two items
        assert "s search" in str(overlay.query_one("#jump-info").render())  # the library is hidden at 80 columns
        await pilot.press("2")
        await wait_screen(pilot, "DraftScreen")
        await pilot.pause()
        assert app.focused is text_item(screen, 1)

        await pilot.press("ctrl+j")
        await wait_screen(pilot, "JumpOverlay")
        await pilot.press("escape")  # cancels: the focus stays
        await wait_screen(pilot, "DraftScreen")
        assert app.focused is text_item(screen, 1)

        await pilot.press("ctrl+j")
        await wait_screen(pilot, "JumpOverlay")
        await pilot.press("s")  # a hidden panel: shown, then focused
        await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: app.focused is screen.query_one("#lib-search"), what="the library search")
        assert screen.query_one(LibraryPane).display

        await pilot.press("ctrl+j")
        await wait_screen(pilot, "JumpOverlay")
        await pilot.press("q")  # the questions, which the library replaced at 80 columns
        await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: app.focused is screen.query_one(QuestionList), what="the questions")


async def test_panel_keys(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.press("alt+a")
        await pilot.pause()
        assert isinstance(app.focused, BlockItemView)
        await pilot.press("alt+l")
        await pilot.pause()
        assert app.focused is screen.query_one("#lib-list")
        await pilot.press("alt+q")
        await pilot.pause()
        assert app.focused is screen.query_one(QuestionList)


async def test_a_key_that_does_not_apply_says_why(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        text_item(screen, 1).focus()
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert any("not a library block" in n for n in notes(app))
        screen.query_one(AnswerPane).focus_item(0)  # a block without a change since pinned
        await pilot.press("f6")
        await pilot.pause()
        assert any("has not changed since it was pinned" in n for n in notes(app))
        await pilot.press("enter")  # nothing to type into: its keys are named
        await pilot.pause()
        assert any("ctrl+t body/short" in n for n in notes(app))
        await pilot.press("alt+up")  # the first item already
        await pilot.pause()
        assert "This is the first item." in notes(app)


def look(screen, widget) -> list:
    """What the screen shows in `widget`'s region: each line's text and styles."""
    region = widget.region
    strips = screen._compositor.render_strips()
    return [tuple((seg.text, str(seg.style)) for seg in strips[y].crop(region.x, region.right)) for y in range(region.y, region.bottom)]


async def test_every_focus_stop_shows_it(ws):
    """Tab through the screen: each widget that takes the focus looks different with it, and no
    container takes the focus without showing it."""
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        screen.query_one(QuestionList).focus()
        await pilot.pause()
        seen = []
        for _ in range(12):
            widget = app.focused
            assert widget is not None
            if widget in seen:
                break
            seen.append(widget)
            focused = look(screen, widget)
            widget.blur()
            await pilot.pause()
            assert look(screen, widget) != focused, f"{widget!r} looks the same with and without the focus"
            widget.focus()
            await pilot.pause()
            await pilot.press("tab")
            await pilot.pause()
        names = {type(w).__name__ for w in seen}
        assert {"QuestionList", "BlockItemView", "TextItemEditor", "Input", "Select", "BlockList"} <= names
        assert not any(type(w).__name__ in ("AnswerPane", "Unfocusable") for w in seen)  # no invisible stop


async def test_ctrl_b_inserts_only_a_block_the_user_picked(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await show(pilot, "4.2")  # optional, no answer yet
        screen.query_one(QuestionList).focus()
        await pilot.press("ctrl+b")  # the list's first row is no choice
        await pilot.pause()
        assert screen.items() == [] and any("Pick a block in the library first" in n for n in notes(app))
        listing = screen.query_one("#lib-list")
        listing.focus()
        await pilot.press("down")
        chosen = screen.query_one(LibraryPane).selected()[1].id
        screen.query_one(QuestionList).focus()  # picked, then the focus went elsewhere
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert [i.block for i in screen.items()] == [chosen]


async def test_the_search_goes_with_the_question_so_its_suggestions_show(ws):
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        library = screen.query_one(LibraryPane)
        await pilot.press("ctrl+f")
        await type_text(pilot, "zzzz no such block")
        await wait_for(pilot, lambda: library.results == [], what="no result")
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert screen.qid == "1.2" and library.query_text == ""
        rows = [str(library.query_one("#lib-list").get_option_at_index(i).prompt) for i in range(3)]
        assert all(r.startswith(("★", "▰", "▱")) for r in rows)  # the question's blocks: ★ theirs, or a suggestion's strength bar


async def test_ctrl_e_edits_the_answer_in_editor_and_back(ws, tmp_path, monkeypatch):
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "Edited outside.\\033]52;c;eA==\\007\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        before = text_item(screen, 1).text
        text_item(screen, 1).focus()
        await pilot.pause()
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: text_item(screen, 1).text.startswith("Edited outside."), what="the edited text")
        assert text_item(screen, 1).text == "Edited outside.]52;c;eA==\n"  # no control character came back
        words = screen.session.check("1.1").words
        await wait_for(pilot, lambda: f"{words}/250 words" in str(screen.query_one("#count").content), what="the re-check")
        assert list((ws / ".drafter" / "edit").iterdir()) == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Edited outside." in draft.read_text(encoding="utf-8")
        await pilot.press("ctrl+z")  # one step
        await pilot.pause()
        assert text_item(screen, 1).text == before


async def test_ctrl_e_without_an_editor_says_so(ws, monkeypatch):
    monkeypatch.setenv("EDITOR", str(Path("/nonexistent/editor")))
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        before = screen.session.editor.text()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any("no program '/nonexistent/editor'" in n for n in notes(app))
        assert screen.session.editor.text() == before
