"""Importing a consultation from the home screen, as a user does: `i`, the source file, the review of
what was detected beside the source, ctrl+s and its id, the consultation listed and passing lint."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, OptionList, Select

from drafter.loaded import LoadedWorkspace
from drafter.ops.check import run_lint
from drafter.workspace import Workspace

from .test_tui_support import NOW, app_for, type_text, wait_for, wait_screen

CALL = """\
# Call for input on the IGF

Deadline: 31 January 2027, 23:59 UTC

## Section A: About you

1. Name of your organisation (required)

## Section B: Questions

2. What should the IGF focus on? (no more than 300 words)

3. How can participation be improved? (max. 2,000 characters)
"""

ZERO_DRAFT = """\
Zero draft of the outcome document

Preamble

PP1. Recalling the Tunis Agenda for the Information Society,

Operative

OP1. Decides to renew the mandate of the Internet Governance Forum for ten years.

OP2. Calls upon governments to lead the governance of the Internet.
"""

CID = "call-for-input-on-the-igf"


async def home(pilot, old=None):
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "HomeScreen" and pilot.app.screen is not old, what="the home screen")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


async def review(pilot, source: str, kind_down: int = 0):
    """From the home screen: `i`, the source's path, the kind (down `kind_down` times from "guess"), import."""
    await pilot.press("i")
    form = await wait_screen(pilot, "FormScreen")
    await type_text(pilot, source)
    if kind_down:
        select = form.query_one("#f-kind", Select)
        select.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: select.expanded, what="the kinds listed")
        await pilot.press(*["down"] * kind_down, "enter")
        await wait_for(pilot, lambda: not select.expanded, what="a kind chosen")
    await pilot.press("ctrl+s")
    return await wait_screen(pilot, "ImportReviewScreen")


def prompts(screen, selector: str) -> list[str]:
    listing = screen.query_one(selector, OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_import_a_questionnaire_review_it_beside_the_source_and_save_it(ws):
    (ws / "call.md").write_text(CALL, encoding="utf-8")
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await home(pilot)
        screen = await review(pilot, "call.md")
        summary = str(screen.query_one("#import-summary").content)
        assert "2 questions in 1 section" in summary and "Not found" in summary and "guess" in summary
        detected = prompts(screen, "#import-detected")
        question = next(i for i, p in enumerate(detected) if "What should the IGF focus on?" in p)
        assert "limit 300 words" in detected[question]
        assert any("? check: made from the title" in p for p in detected)  # a guess, with its note
        listing = screen.query_one("#import-detected", OptionList)
        listing.highlighted = question
        await pilot.pause()
        source = prompts(screen, "#import-source")
        assert "What should the IGF focus on?" in source[screen.source_line()]  # the detected item's line, beside it
        await pilot.press("down")
        await pilot.pause()
        assert "How can participation be improved?" in source[screen.source_line()]
        deadline = next(i for i, p in enumerate(detected) if p.lstrip().startswith("deadline"))
        listing.highlighted = deadline  # a detail of the call shows where it was read, too
        await pilot.pause()
        assert screen.source_line() is not None and "Deadline: 31 January 2027" in source[screen.source_line()]
        await pilot.press("ctrl+s")
        form = await wait_screen(pilot, "FormScreen")
        assert form.query_one("#f-id").value == CID
        await pilot.press("enter")
        screen = await home(pilot, first)
        table = screen.query_one("#consultations", DataTable)
        assert CID in [str(key.value) for key in table.rows]
    path = ws / "consultations" / f"{CID}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# check:" in text and "words: 300" in text
    lw = LoadedWorkspace.load(Workspace.open(ws))
    assert lw.consultations[CID].model is not None
    assert [f for f in run_lint(lw, [path], NOW) if f.severity == "error"] == []


async def test_an_id_already_used_is_said_and_a_free_one_offered(ws):
    (ws / "call.md").write_text(CALL, encoding="utf-8")
    taken = ws / "consultations" / f"{CID}.yaml"
    taken.write_text("# someone else's file\n", encoding="utf-8")
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await home(pilot)
        await review(pilot, "call.md")
        await pilot.press("ctrl+s")
        form = await wait_screen(pilot, "FormScreen")
        assert "already exists" in str(form.query_one(".form-intro").content)
        assert form.query_one("#f-id").value == f"{CID}-2"
        await pilot.press("enter")
        await home(pilot, first)
    assert taken.read_text(encoding="utf-8") == "# someone else's file\n"  # never overwritten
    assert "id: call-for-input-on-the-igf-2" in (ws / "consultations" / f"{CID}-2.yaml").read_text(encoding="utf-8")


async def test_a_document_is_reviewed_paragraph_by_paragraph_and_escape_writes_nothing(ws):
    (ws / "zero.txt").write_text(ZERO_DRAFT, encoding="utf-8")
    before = sorted(p.name for p in (ws / "consultations").iterdir())
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await home(pilot)
        screen = await review(pilot, "zero.txt", kind_down=2)  # "Document"
        detected = prompts(screen, "#import-detected")
        assert [p.split()[0] for p in detected if p.split()[0] in ("PP1", "OP1", "OP2")] == ["PP1", "OP1", "OP2"]
        assert any("Operative" in p for p in detected)
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
    assert sorted(p.name for p in (ws / "consultations").iterdir()) == before


async def test_a_source_that_is_not_there_is_said_in_the_form(ws):
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await home(pilot)
        await pilot.press("i")
        form = await wait_screen(pilot, "FormScreen")
        await type_text(pilot, "nowhere.docx")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form and "no such file" in str(form.query_one("#e-source").content)
    assert not list(Path(ws).glob("consultations/nowhere*"))


PDF = Path(__file__).parent / "data" / "import" / "trai-net-neutrality-2017" / "trai-net-neutrality-2017.pdf"


async def test_a_pdf_is_read_from_the_home_screen(ws):
    """The PDF reader runs as a child process of the UI (its worker thread): it answers, and the
    review shows what it found."""
    (ws / "call.pdf").write_bytes(PDF.read_bytes())
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await home(pilot)
        screen = await review(pilot, "call.pdf")
        summary = str(screen.query_one("#import-summary").content)
        assert "question" in summary and "section" in summary
        assert any("net neutrality" in p.lower() for p in prompts(screen, "#import-source"))


async def test_a_pdf_bomb_is_refused_in_a_notice_and_the_ui_goes_on(ws, monkeypatch):
    from drafter.importing import read_pdf

    from .hostile import pdf_bomb

    monkeypatch.setattr(read_pdf, "PDF_SECONDS", 1.0)
    pdf_bomb(ws / "bomb.pdf", 1_000_000)
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await home(pilot)
        await pilot.press("i")
        await wait_screen(pilot, "FormScreen")
        await type_text(pilot, "bomb.pdf")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("bomb.pdf" in n.message and "refused" in n.message for n in app._notifications),
                       what="the refusal", timeout=30)
        await home(pilot, None)
        assert pilot.app.screen is first  # back where the user was, and nothing written
    assert not list(Path(ws).glob("consultations/bomb*"))
