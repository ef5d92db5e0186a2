"""The draft screen on a `document` consultation, driven as a user does: pick a paragraph, choose the
comment's action, type the proposed wording and see its word diff, give a rationale from the library,
re-base a comment when a new revision changes the paragraph."""

from __future__ import annotations

from textual.geometry import Region

from drafter.draft_editor import DraftEditor
from drafter.pins import text_pin
from drafter.tui.widgets.comment import ActionSelect, CommentBox, ProposedEditor
from drafter.tui.widgets.library import LibraryPane
from drafter.tui.widgets.questions import QuestionList

from .comment_doc_support import DRAFT_PATH, OP1, document_workspace, revise
from .test_tui_support import app_for, type_text, wait_for, wait_screen


def styled(widget, attr: str) -> str:
    """The text the widget draws on screen with style `attr` (strike, underline) set."""
    out = []
    for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
        out += [seg.text for seg in strip if seg.style is not None and getattr(seg.style, attr)]
    return "".join(out)


def comments(ws):
    model = DraftEditor.load(ws / DRAFT_PATH).model()
    assert model is not None
    return model.comments


async def test_an_amendment_shows_its_word_diff_as_you_type_and_is_saved_pinned(ws):
    document_workspace(ws)
    app = app_for(ws, DRAFT_PATH)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        questions = screen.query_one(QuestionList)
        await pilot.press("down")  # PP1 → OP1 (the "Operative" heading is skipped)
        await wait_for(pilot, lambda: screen.qid == "OP1", what="OP1 shown")
        await pilot.press("enter")  # into the paragraph's comment: its action first
        assert isinstance(app.focused, ActionSelect)
        await pilot.press("alt+c", "alt+c")  # no comment → comment only → amend
        await wait_for(pilot, lambda: isinstance(app.focused, ProposedEditor), what="the proposed text focused")
        editor = app.focused
        assert editor.text == OP1  # an amendment starts from the paragraph
        await pilot.press("ctrl+end", *["backspace"] * len("for ten years."))
        await type_text(pilot, "permanently.")
        await pilot.pause()
        diff = screen.query_one("#c-diff")
        assert "for ten years" in styled(diff, "strike") and "permanently" in styled(diff, "underline")
        assert "Decides" not in styled(diff, "strike") + styled(diff, "underline")
        assert "−3 words +1 word" in str(screen.query_one("#c-diff-summary").content)
        assert "✎" in str(questions.get_option("q:OP1").prompt)  # the list marks the amended paragraph
        await pilot.press("ctrl+s")
        await pilot.pause()
        (comment,) = comments(ws)
        assert (comment.paragraph, comment.action, comment.pinned) == ("OP1", "amend", text_pin(OP1))
        assert comment.text == "Decides to renew the mandate of the Internet Governance Forum permanently."
        for _ in range(4):  # typing, then the action: back to no comment at all
            await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.session.comment("OP1") is None and screen.query_one(ActionSelect).value == "none"


async def test_a_library_block_in_the_rationale_of_an_uncommented_paragraph_starts_its_comment(ws):
    document_workspace(ws)
    app = app_for(ws, DRAFT_PATH)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.press("down", "down")  # OP2
        await wait_for(pilot, lambda: screen.qid == "OP2", what="OP2 shown")
        assert screen.query_one(CommentBox).display and screen.query_one(ActionSelect).value == "none"
        await pilot.press("ctrl+f")
        await type_text(pilot, "capacity building for a locally")
        await pilot.pause()
        assert screen.query_one(LibraryPane).selected()[1].id == "capacity-building"
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: screen.items("OP2"), what="the block inserted")
        assert screen.query_one(ActionSelect).value == "comment"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (comment,) = comments(ws)
        assert (comment.paragraph, comment.action) == ("OP2", "comment")
        assert comment.pinned == text_pin("Calls upon governments to lead the governance of the Internet.")
        assert [item.block for item in comment.rationale] == ["capacity-building"] and comment.rationale[0].pinned


AMENDED = f"""\
consultation: zero-draft
date: 2026-11-30
respondent:
  name: Ana Ruiz
  organisation: Example ccTLD
comments:
  - paragraph: OP1
    action: amend
    text: Decides to make the mandate of the Internet Governance Forum permanent.
    rationale:
      - text: Stability needs a permanent Forum.
    pinned: {text_pin(OP1)}
"""


async def test_a_new_revision_of_the_paragraph_offers_to_re_base_the_comment(ws):
    document_workspace(ws, AMENDED)
    app = app_for(ws, DRAFT_PATH)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.qid == "OP1", what="OP1 shown")
        offer = screen.query_one("#c-changed")
        assert not offer.display
        new = "Decides to renew the mandate of the Internet Governance Forum for a further ten years."
        revise(ws, OP1, new)  # the organiser's next revision, on disk
        await wait_for(pilot, lambda: offer.display, what="the re-base offer")
        assert "alt+r re-base" in str(offer.content)
        assert "further" in styled(screen.query_one("#c-diff"), "strike")  # the diff is against the new text
        await pilot.press("alt+r")
        dialog = await wait_screen(pilot, "RebaseDialog")
        assert "further ten years" in str(dialog.query_one(".dialog-message").content)
        await pilot.press("k")  # keep my wording
        await wait_for(pilot, lambda: not offer.display, what="the offer gone")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (comment,) = comments(ws)
        assert comment.pinned == text_pin(new)
        assert comment.text == "Decides to make the mandate of the Internet Governance Forum permanent."


UNWORDED = AMENDED + """\
  - paragraph: OP2
    action: amend
    pinned: {pin}
""".format(pin=text_pin("Calls upon governments to lead the governance of the Internet."))


async def test_the_answer_pane_shows_the_paragraphs_own_comment_findings(ws):
    document_workspace(ws, UNWORDED)
    app = app_for(ws, DRAFT_PATH)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        pane = screen.query_one("#answer-findings")
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.qid == "OP1", what="OP1 shown")
        await wait_for(pilot, lambda: "No findings." in str(pane.content), what="OP1 checked (OP2's finding is not OP1's)")
        revise(ws, OP1, "Decides to renew the mandate of the Internet Governance Forum for a further ten years.")  # on disk
        await wait_for(pilot, lambda: "paragraph-changed  paragraph OP1 changed since the comment was made" in str(pane.content),
                       what="the change among OP1's findings")
        assert "schema" not in str(pane.content)
        await pilot.press("down")  # OP2: an amendment without its proposed text
        await wait_for(pilot, lambda: screen.qid == "OP2", what="OP2 shown")
        await wait_for(pilot, lambda: "schema  the comment on OP2 is `amend` but has no `text`" in str(pane.content),
                       what="the missing text among OP2's findings")
        assert "paragraph-changed" not in str(pane.content)


async def test_no_comment_removes_it_after_asking(ws):
    document_workspace(ws, AMENDED)
    app = app_for(ws, DRAFT_PATH)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.qid == "OP1", what="OP1 shown")
        select = screen.query_one(ActionSelect)
        assert select.value == "amend"
        select.focus()
        await pilot.press("enter")  # the list of actions
        await wait_for(pilot, lambda: select.expanded, what="the actions listed")
        await pilot.press("home", "enter")  # "No comment"
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.session.comment("OP1") is None, what="the comment removed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert comments(ws) == []
