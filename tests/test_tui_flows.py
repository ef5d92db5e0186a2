"""Whole flows through the UI, driven with keys, checked on the files written."""

from __future__ import annotations

from ruamel.yaml import YAML

from drafter.draft_editor import DraftEditor
from drafter.loaded import LoadedWorkspace
from drafter.pins import pin_hash
from drafter.tui.widgets.answer import AnswerPane, TextItemEditor
from drafter.tui.widgets.library import LibraryPane
from drafter.tui.widgets.questions import QuestionList
from drafter.workspace import Workspace

from .test_tui_support import (
    SAMPLE_DRAFT,
    app_for,
    type_text,
    wait_for,
    wait_screen,
)


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector).content)


def load(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


async def goto_question(pilot, qid: str) -> None:
    """Move the question list's cursor with the arrow keys until `qid` is shown."""
    screen = pilot.app.screen
    screen.query_one(QuestionList).focus()
    await pilot.pause()
    for _ in range(20):
        if screen.qid == qid:
            return
        await pilot.press("down")
        await pilot.pause()
    raise AssertionError(f"question {qid} not reached")


async def test_compose_an_answer_and_save(ws):
    """Select a question, search, insert, type, watch the count and over-limit, go short, save."""
    draft = ws / SAMPLE_DRAFT
    original = draft.read_text(encoding="utf-8")
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await goto_question(pilot, "2.4")
        assert "64/120 w" in shown(screen, "#count")

        await pilot.press("ctrl+f")
        await type_text(pilot, "reaching underserved")
        await pilot.pause()
        library = screen.query_one(LibraryPane)
        assert library.selected()[1].id == "reaching-underserved-regions"

        await pilot.press("ctrl+b")  # insert the block (body, 180 words): over the limit
        await wait_for(pilot, lambda: "243/120 w" in shown(screen, "#count"), what="count after insert")
        assert "over-limit" in shown(screen, "#answer-findings")

        await pilot.press("ctrl+n")  # a text item of my own, focused
        await pilot.pause()
        assert isinstance(app.focused, TextItemEditor)
        await type_text(pilot, "Thanks.")
        await wait_for(pilot, lambda: "244/120 w" in shown(screen, "#count"), what="count while typing")

        await pilot.press("shift+tab")  # back to the inserted block item
        await pilot.press("ctrl+t")  # its short variant: 119 words, within the limit
        await wait_for(pilot, lambda: "119/120 w" in shown(screen, "#count"), what="count after short")
        findings = shown(screen, "#answer-findings")
        assert "over-limit" not in findings and "near-limit" in findings

        text_item = [w for w in screen.query_one(AnswerPane).item_widgets() if isinstance(w, TextItemEditor)][0]
        text_item.focus()
        await pilot.press("end")
        await type_text(pilot, " Once more")  # a word too many: the finding comes back…
        await wait_for(pilot, lambda: "over-limit" in shown(screen, "#answer-findings"), what="over-limit")
        assert "121/120 w" in shown(screen, "#count")
        await pilot.press(*["backspace"] * 10)  # …and goes again
        await wait_for(pilot, lambda: "over-limit" not in shown(screen, "#answer-findings"), what="no over-limit")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "saved" in shown(screen, "#status")

    saved = draft.read_text(encoding="utf-8")
    items = load(draft)["answers"]["2.4"]
    block = LoadedWorkspace.load(Workspace.open(ws)).index.lookup("reaching-underserved-regions")
    before = YAML(typ="safe").load(original)["answers"]["2.4"]
    assert items == [
        *before,
        {"block": "reaching-underserved-regions", "pinned": pin_hash(block), "variant": "short"},
        {"text": "Thanks."},
    ]
    for line in original.splitlines():  # every comment of the file is still there
        if line.strip().startswith("#"):
            assert line in saved


async def test_render_docx_from_the_ui(ws):
    """f8, accept the dialog's defaults: a DOCX appears where the dialog said, written by a worker."""
    import docx

    app = app_for(ws, SAMPLE_DRAFT)
    out = ws / "drafts" / "example-response.docx"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("f8")
        dialog = await wait_screen(pilot, "RenderDialog")
        assert dialog.query_one("#render-path").value == "drafts/example-response.docx"
        await pilot.press("ctrl+s")
        await wait_for(pilot, out.exists, timeout=30, what="the DOCX")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("example-response.docx" in str(n.message) for n in app._notifications)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Example ccTLD Registry" in text


async def test_external_change_is_not_overwritten(ws):
    """The file changes on disk (a git pull); typing and ctrl+s bring the conflict dialog, not a write."""
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        screen.query_one(TextItemEditor).focus()
        await pilot.press("end")
        await type_text(pilot, " Mine")  # unsaved edits first: then the file changes under them
        theirs = (  # the same answer changed elsewhere, so the two cannot be merged
            draft.read_text(encoding="utf-8").replace("Ama Owusu", "Kofi Mensah").replace("has operated the", "has run the")
        )
        draft.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConflictDialog")
        assert draft.read_text(encoding="utf-8") == theirs

        await pilot.press("l")  # decide later: autosave goes to the recovery file
        await pilot.pause()
        await type_text(pilot, " too")
        recovery = ws / ".drafter" / "recovery" / draft.name
        await wait_for(pilot, lambda: recovery.exists() and "Mine too" in recovery.read_text(encoding="utf-8"), timeout=5, what="recovery file")
        assert draft.read_text(encoding="utf-8") == theirs

        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConflictDialog")
        await pilot.press("k")  # keep mine
        await pilot.pause()
    mine = draft.read_text(encoding="utf-8")
    assert "Mine too" in mine and "Ama Owusu" in mine
    assert not recovery.exists()


async def test_reload_takes_theirs_and_keeps_mine_aside(ws):
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        screen.query_one(TextItemEditor).focus()
        await type_text(pilot, "Mine ")  # unsaved edits first: then the file changes under them
        theirs = (  # the same answer changed elsewhere, so the two cannot be merged
            draft.read_text(encoding="utf-8").replace("Ama Owusu", "Kofi Mensah").replace("has operated the", "has run the")
        )
        draft.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConflictDialog")
        await pilot.press("r")
        await wait_screen(pilot, "DraftScreen")
        assert "Mine" not in screen.query_one(TextItemEditor).text
        assert screen.session.editor.model().respondent.name == "Kofi Mensah"
    assert draft.read_text(encoding="utf-8") == theirs
    assert "Mine " in (ws / ".drafter" / "recovery" / (draft.name + ".discarded")).read_text(encoding="utf-8")


async def test_newer_recovery_file_is_offered(ws):
    draft = ws / SAMPLE_DRAFT
    recovery = ws / ".drafter" / "recovery" / draft.name
    recovery.parent.mkdir(parents=True)
    recovery.write_text(draft.read_text(encoding="utf-8").replace("Example ccTLD Registry has operated", "Recovered words: Example ccTLD Registry has operated"), encoding="utf-8")
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        screen = await wait_screen(pilot, "DraftScreen")
        assert "Recovered words" in screen.query_one(TextItemEditor).text
        await wait_for(pilot, lambda: "Recovered words" in draft.read_text(encoding="utf-8"), timeout=5, what="autosave")
    assert not recovery.exists()
    kept = recovery.with_name(draft.name + ".before-restore").read_text(encoding="utf-8")
    assert "Recovered words" not in kept and "Example ccTLD Registry has operated" in kept


async def test_respondent_form_edits_the_draft(ws):
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("f2")
        form = await wait_screen(pilot, "RespondentForm")
        form.query_one("#f-organisation").value = ""
        form.query_one("#f-organisation").focus()
        await type_text(pilot, "Example Registry Foundation")
        await pilot.press("ctrl+n")  # another co-signer
        await pilot.pause()
        await type_text(pilot, "Example NOG")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+s")
    data = load(draft)
    assert data["respondent"]["organisation"] == "Example Registry Foundation"
    assert data["respondent"]["region"] == "West Africa"
    assert data["cosigners"][-1] == {"organisation": "Example NOG"}
    assert "# Not asked for by the consultation" in draft.read_text(encoding="utf-8")


async def test_findings_jump_and_next_error(ws):
    app = app_for(ws, "drafts/needs-work.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        assert screen.qid == "1.1"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.qid == "1.2"  # required and unanswered
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.qid == "2.2"
        await pilot.press("f3")
        findings = await wait_screen(pilot, "FindingsScreen")
        target = next(i for i, f in enumerate(findings.findings) if f.question == "2.4")
        listing = findings.query_one("#findings-list")
        listing.focus()
        listing.highlighted = target
        await pilot.press("enter")
        await wait_screen(pilot, "DraftScreen")
        assert screen.qid == "2.4"
        assert "over-limit" in shown(screen, "#answer-findings")


async def test_changed_block_diff_and_accept(ws):
    """A block changes in the library after it was pinned: f6 shows the diff; accepting re-pins it."""
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_screen(pilot, "DraftScreen")
        await goto_question(pilot, "4.2")
        await pilot.press("ctrl+f")
        await type_text(pilot, "transparency locally")
        await pilot.press("ctrl+b", "ctrl+s")
        await pilot.pause()
    old_pin = load(draft)["answers"]["4.2"][0]["pinned"]
    block_file = ws / "positions" / "blocks" / "transparency.yaml"
    block_file.write_text(block_file.read_text(encoding="utf-8").replace("body: |\n", "body: |\n  A new first line.\n", 1), encoding="utf-8")

    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await goto_question(pilot, "4.2")
        assert "changed in the library" in str(screen.query_one(".block-item").render())
        screen.query_one(".block-item").focus()
        await pilot.press("f6")
        dialog = await wait_screen(pilot, "DiffDialog")
        assert dialog.diff.pinned is not None and "+A new first line." in str(dialog._diff_text())
        await pilot.press("a")
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+s")
    new_pin = load(draft)["answers"]["4.2"][0]["pinned"]
    block = LoadedWorkspace.load(Workspace.open(ws)).index.lookup("transparency")
    assert new_pin != old_pin and new_pin == pin_hash(block)


async def test_remove_and_move_items(ws):
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await goto_question(pilot, "1.2")  # positive-agenda, inclusiveness (short), text
        screen.query_one(AnswerPane).focus_item(0)
        await pilot.press("alt+down")
        await pilot.pause()
        assert screen.item_index == 1
        await pilot.press("ctrl+r")  # a block item goes without asking
        await pilot.pause()
        await pilot.press("ctrl+s")
    assert [next(iter(i.values())) for i in load(draft)["answers"]["1.2"]][:1] == ["inclusiveness"]
    assert len(load(draft)["answers"]["1.2"]) == 2
    assert DraftEditor.load(draft).model() is not None


async def test_previews_and_a_choice_question(ws):
    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.press("f4")
        preview = await wait_screen(pilot, "PreviewScreen")
        assert "Example ccTLD Registry" in preview.markdown
        await pilot.press("escape")
        await pilot.press("f5")
        preview = await wait_screen(pilot, "PreviewScreen")
        assert "Should the IGF mandate be made permanent" in preview.markdown
        await pilot.press("escape")
        await wait_screen(pilot, "DraftScreen")

        screen.query_one(QuestionList).select_question("3.1")
        await wait_for(pilot, lambda: screen.qid == "3.1", what="question 3.1")
        choice = screen.query_one(".choice-item")
        choice.focus()
        await pilot.press("enter", "down", "enter")  # from Yes to No
        await wait_for(pilot, lambda: choice.value == "No", what="choice")
        await pilot.press("ctrl+s")
    assert load(draft)["answers"]["3.1"] == [{"choice": "No"}]


async def test_library_theme_filter_and_paging(ws):
    """A theme filters the list; a big library is listed a page at a time as the cursor moves down."""
    import subprocess
    import sys
    from pathlib import Path

    gen = Path(__file__).resolve().parent.parent / "benchmarks" / "gen_library.py"
    subprocess.run([sys.executable, str(gen), str(ws / "big"), "--blocks", "300"], check=True, stdout=subprocess.DEVNULL)
    config = ws / "drafter.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - path: positions\n", "  - path: positions\n  - path: big\n"), encoding="utf-8")
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        library = screen.query_one(LibraryPane)
        listing = screen.query_one("#lib-list")
        assert len(library.results) == 319 and listing.option_count < 319  # one page, not all
        listing.focus()
        await pilot.press(*["pagedown"] * 12)
        assert listing.option_count > 100 and listing.highlighted > 80
        library.query_one("#lib-theme").value = "dns-abuse"
        await wait_for(pilot, lambda: len(library.results) < 319, what="theme filter")
        assert library.results and all("dns-abuse" in block.themes for _, block in library.results)


async def test_library_rows_name_their_library_when_there_are_several(ws):
    """With two libraries, each row of the library pane starts with its namespace."""
    other = ws / "other"
    (other / "blocks").mkdir(parents=True)
    (other / "library.yaml").write_text("name: Other\nnamespace: oth\nthemes:\n  - id: igf-mandate\n    label: IGF\n", encoding="utf-8")
    (other / "blocks" / "extra.yaml").write_text("id: extra\ntitle: Zeta extra block\nthemes: [igf-mandate]\nbody: Extra text.\n", encoding="utf-8")
    (ws / "drafter.yaml").write_text("libraries:\n  - path: positions\n  - path: other\n", encoding="utf-8")
    app = app_for(ws, ws / "drafts" / "example-response.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.pause()
        listing = screen.query_one("#lib-list")
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(r.endswith("oth Zeta extra block") for r in rows)
        assert all(" tcg " in f" {r}" or " oth " in f" {r}" for r in rows)


async def test_status_line_counts_follow_the_answers(ws):
    """The status line's counts (answered, errors) follow typing and inserts, not only a reload: a
    question answered by typing and an answer taken over its limit by an insert show there once the
    draft is still."""
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: "16/17 answered" in shown(screen, "#status"), what="first counts")
        assert "0 errors" in shown(screen, "#status")

        await goto_question(pilot, "4.2")  # the one optional question without an answer
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Our words.")
        await wait_for(pilot, lambda: "17/17 answered" in shown(screen, "#status"), what="answered count")

        await goto_question(pilot, "2.4")  # 64 of 120 words
        await pilot.press("ctrl+f")
        await type_text(pilot, "reaching underserved")
        await pilot.pause()
        await pilot.press("ctrl+b")  # a 180-word block: over the limit
        await wait_for(pilot, lambda: "over-limit" in shown(screen, "#answer-findings"), what="over-limit")
        await wait_for(pilot, lambda: "1 error" in shown(screen, "#status"), what="error count")
