"""From an empty folder to a rendered DOCX without a text editor: the home screen's workspace keys,
their forms (checked as the user types, nothing written while a field is wrong), and the draft
files (named, duplicated, renamed, deleted to a recoverable place)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from textual.binding import Binding
from textual.widgets import DataTable, Input, SelectionList, Static, TextArea

from drafter.init import init_workspace
from drafter.loaded import LoadedWorkspace
from drafter.model import Block, Consultation
from drafter.ops.authoring import make_own_library, new_block
from drafter.tui.commands import DrafterCommands
from drafter.tui.widgets.answer import TextItemEditor
from drafter.tui.widgets.questions import QuestionList
from drafter.workspace import Workspace

from .test_cli import run_script
from .test_tui_support import NOW, app_for, highlight, home, type_text, wait_for, wait_screen

TODAY = NOW.date()
git = pytest.mark.skipif(shutil.which("git") is None, reason="git missing")


def data(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def error_of(form, name: str) -> str:
    box = form.query_one(f"#e-{name}", Static)
    return str(box.content) if box.display else ""


async def fill(pilot, form, name: str, text: str) -> None:
    """Focus a field and type into it, in place of what it held."""
    widget = form.query_one(f"#f-{name}")
    widget.focus()
    await pilot.pause()
    if isinstance(widget, Input):
        await pilot.press("end", *["backspace"] * len(widget.value))
    elif isinstance(widget, TextArea):
        widget.clear()
    await type_text(pilot, text)


@pytest.fixture
def empty(tmp_path) -> Path:
    """`drafter init` with no sample."""
    root = tmp_path / "ws"
    init_workspace(root)
    return root


def own_library(root: Path) -> None:
    make_own_library(LoadedWorkspace.load(Workspace.open(root)), "Our positions", "ours", ["Open standards", "DNS abuse"])


def notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


# --------------------------------------------------------------------------- the empty workspace


async def test_an_empty_workspace_shows_the_way_on(empty):
    app = app_for(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        hint = str(screen.query_one("#home-hint", Static).content)
        for step in ("l: make your own library", "a: add a shared library", "c: new consultation", "d: demo"):
            assert step in hint
        assert screen.check_action("rename_draft", ()) is False and screen.check_action("new_draft", ()) is False
        assert screen.check_action("own_library", ()) and screen.check_action("new_block", ()) is False


async def test_make_the_library_form_checks_as_you_type(empty):
    app = app_for(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        await pilot.press("l")
        form = await wait_screen(pilot, "FormScreen")
        assert app.focused is form.query_one("#f-namespace")  # the first field still to fill
        await type_text(pilot, "Our Org")
        assert "lower-case letters" in error_of(form, "namespace")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(form, "themes") == "↳ required" and app.screen is form
        assert not (empty / "positions" / "library.yaml").exists()  # nothing written while a field is wrong
        await fill(pilot, form, "namespace", "ours")
        assert error_of(form, "namespace") == ""
        await fill(pilot, form, "themes", "Open standards, DNS abuse")
        await pilot.press("ctrl+s")
        screen = await home(pilot, screen)
        assert [str(c) for c in screen.query_one("#libraries", DataTable).get_row("ours")][:2] == ["ws positions (ours)", "0"]
        assert "b: new block" in str(screen.query_one("#home-hint", Static).content)
    lib = data(empty / "positions" / "library.yaml")
    assert lib["namespace"] == "ours" and [t["id"] for t in lib["themes"]] == ["open-standards", "dns-abuse"]
    assert "- path: positions" in (empty / "drafter.yaml").read_text(encoding="utf-8")


async def test_new_block_form(empty):
    own_library(empty)
    app = app_for(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        await pilot.press("b")
        form = await wait_screen(pilot, "BlockForm")
        assert form.value("library") == "ours"
        await type_text(pilot, "Bad Id")  # focus starts on the id
        assert "lower-case letters" in error_of(form, "id")
        await fill(pilot, form, "id", "open-standards")
        await pilot.press("enter")  # on to the title
        await type_text(pilot, "Open standards")
        await pilot.press("enter")  # on to the summary
        await type_text(pilot, "Why open standards matter.")
        await pilot.press("enter", "space")  # on to the themes; tick the first
        await pilot.press("tab")
        await type_text(pilot, "Open standards keep the Internet whole.")
        await fill(pilot, form, "tags", "wsis:C6, sdg:9")
        await fill(pilot, form, "sources", "RFC 2026, The Internet Standards Process javascript:alert(1)")
        assert "only http, https or mailto" in error_of(form, "sources")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and not (empty / "positions" / "blocks" / "open-standards.yaml").exists()
        await fill(pilot, form, "sources", "RFC 2026, The Internet Standards Process — https://www.rfc-editor.org/rfc/rfc2026")
        await pilot.press("enter")
        await type_text(pilot, "OpenStand principles")  # a title alone, no address
        assert error_of(form, "sources") == ""
        await pilot.press("ctrl+s")
        await home(pilot, screen)
    block = Block.model_validate(data(empty / "positions" / "blocks" / "open-standards.yaml"))
    assert (block.title, block.themes, block.body, block.reviewed) == ("Open standards", ["open-standards"], "Open standards keep the Internet whole.\n", TODAY)
    assert (block.summary, block.tags) == ("Why open standards matter.\n", ["wsis:C6", "sdg:9"])
    assert [(s.title, s.url) for s in block.sources] == [
        ("RFC 2026, The Internet Standards Process", "https://www.rfc-editor.org/rfc/rfc2026"), ("OpenStand principles", None)]


async def test_new_consultation_form_with_questions(empty):
    own_library(empty)
    app = app_for(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        await pilot.press("c")
        form = await wait_screen(pilot, "ConsultationForm")
        await type_text(pilot, "mcall")
        await fill(pilot, form, "title", "Call")
        await fill(pilot, form, "organiser", "Ministry")
        await fill(pilot, form, "deadline", "2026-12-31 17:00")
        assert "add the time zone" in error_of(form, "deadline")
        await type_text(pilot, " UTC")
        assert error_of(form, "deadline") == ""
        await fill(pilot, form, "format", "")
        await pilot.press("enter", "down", "down", "enter")  # submitted by e-mail
        await fill(pilot, form, "address", "v at x.org")
        assert "not an e-mail address" in error_of(form, "address")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not an e-mail address" in error_of(form, "address") and app.screen is form
        await fill(pilot, form, "address", "v@x.org")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "at least one question" in str(form.query_one("#e-questions", Static).content) and app.screen is form
        assert not (empty / "consultations" / "mcall.yaml").exists()

        await pilot.press("ctrl+n")
        question = await wait_screen(pilot, "QuestionForm")
        assert question.value("id") == "1"
        await type_text(pilot, "Why?")  # focus starts on the question's text
        await fill(pilot, question, "required", "")
        await pilot.press("space")
        await fill(pilot, question, "limit", "0 words")
        assert "a number of words" in error_of(question, "limit")
        await fill(pilot, question, "limit", "150 words")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConsultationForm")

        await pilot.press("ctrl+n")
        question = await wait_screen(pilot, "QuestionForm")
        assert question.value("id") == "2"
        await type_text(pilot, "Agree?")
        await fill(pilot, question, "kind", "")
        await pilot.press("enter", "down", "enter")  # a choice question…
        await fill(pilot, question, "choices", "Yes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "two or more choices" in error_of(question, "choices") and app.screen is question  # …needs its choices
        await fill(pilot, question, "choices", "Yes, No")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConsultationForm")

        await pilot.press("ctrl+n")  # a question in parts, with guidance and a theme, asked in the document
        question = await wait_screen(pilot, "QuestionForm")
        await type_text(pilot, "WSIS at 20.")
        await fill(pilot, question, "parts", "(a) What worked?")
        await pilot.press("enter")
        await type_text(pilot, "What did not?")  # no label: the next letter's
        await fill(pilot, question, "guidance", "Give examples.")
        await fill(pilot, question, "limit", "600 words")
        themes = question.query_one("#f-themes", SelectionList)
        themes.focus()
        await pilot.press("space")  # the first theme of the vocabulary
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConsultationForm")
        listed = str(form.query_one("#questions-list", Static).content)
        assert "Why?" in listed and "2 parts" in listed

        await pilot.press("ctrl+n")  # a question the web form asks and the document leaves out
        question = await wait_screen(pilot, "QuestionForm")
        await type_text(pilot, "Your country?")
        await fill(pilot, question, "where", "")
        await pilot.press("enter", "down", "enter")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConsultationForm")
        assert "web form only" in str(form.query_one("#questions-list", Static).content)
        await pilot.press("ctrl+s")
        screen = await home(pilot, screen)
        assert screen.query_one("#consultations", DataTable).get_row("mcall")
    c = Consultation.model_validate(data(empty / "consultations" / "mcall.yaml"))
    first, second, third, fourth = c.sections[0].questions
    assert first.required and first.limit is not None and first.limit.words == 150 and first.text == "Why?"
    assert second.kind == "choice" and second.choices == ["Yes", "No"] and not second.required
    assert (third.text, third.guidance, third.limit.words if third.limit else None) == ("WSIS at 20.", "Give examples.", 600)
    assert [(p.id, p.number, p.text, p.themes) for p in third.parts] == [
        ("3a", "(a)", "What worked?", ["open-standards"]), ("3b", "(b)", "What did not?", ["open-standards"])]
    assert fourth.where == "form"
    drafter_new = run_script("new", "mcall", "-o", "drafts/m.yaml", cwd=empty)  # a draft of it lists the parts to answer
    assert drafter_new.returncode == 0, drafter_new.stderr
    answers = data(empty / "drafts" / "m.yaml")["answers"]
    assert {"3a", "3b"} <= set(answers) and "3" not in answers
    assert c.submission.format == "email" and c.submission.address == "v@x.org" and c.deadline.isoformat() == "2026-12-31T17:00:00+00:00"


# --------------------------------------------------------------------------- drafts


async def test_new_draft_asks_its_name_and_says_where_the_respondent_came_from(ws):
    import os

    os.utime(ws / "drafts" / "example-response.yaml", (2_000_000_000, 2_000_000_000))  # the draft changed last
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        highlight(screen, "consultations", "wsis20-review")
        await pilot.press("n")
        form = await wait_screen(pilot, "FormScreen")
        assert form.query_one("#f-name", Input).value == "wsis20-review.yaml"
        await type_text(pilot, "needs-work")  # replaces the selected default
        assert "needs-work.yaml already exists" in error_of(form, "name")
        await fill(pilot, form, "name", "a/b")
        assert "not a path" in error_of(form, "name")
        await pilot.press("enter")
        assert app.screen is form and not (ws / "drafts" / "a").exists()
        await fill(pilot, form, "name", "our answer")
        await pilot.press("enter")
        draft = await wait_screen(pilot, "DraftScreen")
        assert draft.session.path == ws / "drafts" / "our answer.yaml"
        assert "Started drafts/our answer.yaml; respondent from the respondent and 2 co-signers of drafts/example-response.yaml" in notes(app)
    assert data(ws / "drafts" / "our answer.yaml")["respondent"]["organisation"]


async def test_duplicate_rename_delete_and_undo(ws):
    original = ws / "drafts" / "example-response.yaml"
    text = original.read_text(encoding="utf-8")
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        highlight(screen, "drafts", str(original))
        await pilot.press("y")
        form = await wait_screen(pilot, "FormScreen")
        assert form.query_one("#f-name", Input).value == "example-response-copy.yaml"
        await pilot.press("enter")
        screen = await home(pilot, screen)
        copy = ws / "drafts" / "example-response-copy.yaml"
        assert copy.read_text(encoding="utf-8") == text

        recovery = ws / ".drafter" / "recovery"
        recovery.mkdir(parents=True)
        (recovery / copy.name).write_text("words kept while a conflict was open\n", encoding="utf-8")
        highlight(screen, "drafts", str(copy))
        await pilot.press("m")
        form = await wait_screen(pilot, "FormScreen")
        await type_text(pilot, "needs-work")
        await pilot.press("enter")
        assert app.screen is form and copy.exists()  # refused: the name is taken
        await fill(pilot, form, "name", "for review")
        await pilot.press("enter")
        screen = await home(pilot, screen)
        renamed = ws / "drafts" / "for review.yaml"
        assert renamed.exists() and not copy.exists()
        # the recovery follows the draft: opening "for review.yaml" offers it
        assert (recovery / renamed.name).read_text(encoding="utf-8") == "words kept while a conflict was open\n"
        assert not (recovery / copy.name).exists()

        highlight(screen, "drafts", str(renamed))
        await pilot.press("x")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("n")  # kept
        await wait_screen(pilot, "HomeScreen")
        assert renamed.exists()
        await pilot.press("x")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        screen = await home(pilot, screen)
        trashed = ws / ".drafter" / "trash" / "20261127-120000-for review.yaml"
        assert not renamed.exists() and trashed.read_text(encoding="utf-8") == text
        assert "moved to .drafter/trash/20261127-120000-for review.yaml" in notes(app)
        assert str(renamed) not in [str(r.path) for r in screen.rows]

        await pilot.press("z")
        screen = await home(pilot, screen)
        assert renamed.read_text(encoding="utf-8") == text and not trashed.exists()
        assert str(renamed) in [str(r.path) for r in screen.rows]


# --------------------------------------------------------------------------- libraries


def sh(*args: str, cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def upstream(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A bare git remote holding a library (made with the ops, not by hand), and a working clone."""
    for key, value in {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
                       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}.items():
        monkeypatch.setenv(key, value)
    src = tmp_path / "group"
    init_workspace(src)
    make_own_library(LoadedWorkspace.load(Workspace.open(src)), "Group positions", "group", ["Open standards"])
    new_block(LoadedWorkspace.load(Workspace.open(src)), "group", block_id="first", title="First", themes=["open-standards"], body="First text.", today=TODAY)
    lib = src / "positions"
    sh("git", "init", "-q", "-b", "main", cwd=lib)
    sh("git", "add", ".", cwd=lib)
    sh("git", "commit", "-qm", "v1", cwd=lib)
    remote = tmp_path / "group.git"
    sh("git", "clone", "-q", "--bare", str(lib), str(remote), cwd=tmp_path)
    return remote, lib


@git
async def test_add_a_library_then_sync_it(empty, upstream):
    remote, lib = upstream
    app = app_for(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        await pilot.press("a")
        form = await wait_screen(pilot, "FormScreen")
        await type_text(pilot, "--upload-pack=x")
        assert "must not start with '-'" in error_of(form, "source")
        await fill(pilot, form, "source", str(remote))
        await pilot.press("enter")  # to the namespace: left empty, the library's own
        await pilot.press("enter")  # saves; git runs in a worker
        screen = await home(pilot, screen)
        row = [str(c) for c in screen.query_one("#libraries", DataTable).get_row("group")]
        assert row[:2] == ["Group positions (group)", "1"]
        assert "Added " in notes(app) and "as libraries/group at" in notes(app)

        # the group adds a block upstream; sync shows it
        sh("git", "remote", "add", "origin", str(remote), cwd=lib)
        new_block(LoadedWorkspace.load(Workspace.open(lib.parent)), "group", block_id="second", title="Second", themes=["open-standards"], body="Second text.", today=TODAY)
        sh("git", "add", ".", cwd=lib)
        sh("git", "commit", "-qm", "v2", cwd=lib)
        sh("git", "push", "-q", "origin", "main", cwd=lib)
        await pilot.press("s")
        report = await wait_screen(pilot, "ReportDialog")
        assert "libraries/group: updated" in report.text() and "  added: second" in report.text()
        await pilot.press("enter")
        screen = await home(pilot, screen)
        assert [str(c) for c in screen.query_one("#libraries", DataTable).get_row("group")][1] == "2"
    assert (empty / "libraries" / "group" / "blocks" / "second.yaml").is_file()
    assert "source: " + str(remote) in (empty / "drafter.yaml").read_text(encoding="utf-8")


async def test_due_blocks_are_marked_reviewed_from_the_libraries_table(ws):
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        assert [str(c) for c in screen.query_one("#libraries", DataTable).get_row("tcg")][2] == "2"
        highlight(screen, "libraries", "tcg")
        await pilot.press("enter")
        due = await wait_screen(pilot, "DueBlocksScreen")
        assert [b.ref for b in due.blocks] == ["middle-ground-countries", "open-standards-interoperability"]
        await pilot.press("enter")  # marks the first reviewed today
        await pilot.pause()
        assert [b.ref for b in due.blocks] == ["open-standards-interoperability"]
        await pilot.press("escape")
        screen = await home(pilot, screen)
        assert [str(c) for c in screen.query_one("#libraries", DataTable).get_row("tcg")][2] == "1"
    assert data(ws / "positions" / "blocks" / "middle-ground-countries.yaml")["reviewed"] == TODAY


async def test_demo_asks_before_leaving_the_workspace(ws):
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        await pilot.press("d")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("n")
        await wait_screen(pilot, "HomeScreen")
        assert app.screen is screen and app.workspace == ws
        await pilot.press("d")
        await wait_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.workspace != ws and (app.workspace / "drafter.yaml").is_file(), what="the demo workspace")
        demo = app.workspace
    assert demo.name.startswith("drafter-demo-") and ws.is_dir()
    shutil.rmtree(demo, ignore_errors=True)


# --------------------------------------------------------------------------- end to end


async def goto_question(pilot, screen, qid: str) -> None:
    screen.query_one(QuestionList).focus()
    await pilot.pause()
    for _ in range(10):
        if screen.qid == qid:
            return
        await pilot.press("down")
        await pilot.pause()
    raise AssertionError(f"question {qid} not reached")


async def test_from_init_to_a_rendered_docx_without_an_editor(tmp_path, monkeypatch):
    """`drafter init` (no sample), then only the UI at 80×24: a library, a block, a consultation with
    two questions, a named draft, the block in question 1 and own words in question 2, the respondent,
    and a DOCX that holds both."""
    import docx
    from click.testing import CliRunner

    from drafter.cli import cli

    root = tmp_path / "fresh"
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    body = "Open standards keep us whole."
    mine = "We publish our data."
    app = app_for(root)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        await pilot.press("l")  # the workspace's own library
        form = await wait_screen(pilot, "FormScreen")
        await type_text(pilot, "ours")
        await fill(pilot, form, "themes", "Open standards")
        await pilot.press("ctrl+s")
        screen = await home(pilot, screen)

        await pilot.press("b")  # a block
        form = await wait_screen(pilot, "BlockForm")
        await type_text(pilot, "open-standards")
        await pilot.press("enter")
        await type_text(pilot, "Open standards")
        await pilot.press("enter", "enter", "space", "tab")  # past the summary (optional) to the themes
        await type_text(pilot, body)
        await pilot.press("ctrl+s")
        screen = await home(pilot, screen)

        await pilot.press("c")  # a consultation with two questions
        form = await wait_screen(pilot, "ConsultationForm")
        await type_text(pilot, "call")
        await fill(pilot, form, "title", "Call")
        await fill(pilot, form, "organiser", "Ministry")
        await fill(pilot, form, "deadline", "2026-12-31 17:00 +01:00")
        await pilot.press("ctrl+n")
        question = await wait_screen(pilot, "QuestionForm")
        await type_text(pilot, "How?")
        await fill(pilot, question, "required", "")
        await pilot.press("space")
        await fill(pilot, question, "limit", "100 words")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConsultationForm")
        await pilot.press("ctrl+n")
        await wait_screen(pilot, "QuestionForm")
        await type_text(pilot, "And you?")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "ConsultationForm")
        await pilot.press("ctrl+s")
        screen = await home(pilot, screen)

        highlight(screen, "consultations", "call")
        await pilot.press("n")  # a draft with a name
        await wait_screen(pilot, "FormScreen")
        await type_text(pilot, "ours")
        await pilot.press("enter")
        draft = await wait_screen(pilot, "DraftScreen")
        assert draft.session.path == root / "drafts" / "ours.yaml"

        await goto_question(pilot, draft, "1")  # the block into question 1
        await pilot.press("ctrl+f")
        await type_text(pilot, "open")
        await pilot.pause()
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: any(getattr(i, "block", None) == "open-standards" for i in draft.items("1")), what="the block inserted")

        await goto_question(pilot, draft, "2")  # own words into question 2
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.focused, TextItemEditor), what="a text item")
        await type_text(pilot, mine)

        await pilot.press("f2")  # the respondent's required fields
        respondent = await wait_screen(pilot, "RespondentForm")
        for name, value in (("name", "Ama"), ("organisation", "Exreg")):
            respondent.query_one(f"#f-{name}", Input).focus()
            await pilot.pause()
            await type_text(pilot, value)
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+s")

        await pilot.press("f8")  # render
        await wait_screen(pilot, "RenderDialog")
        out = root / "drafts" / "ours.docx"
        await pilot.press("ctrl+s")
        await wait_for(pilot, out.exists, timeout=30, what="the DOCX")
        await app.workers.wait_for_complete()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert body in text and mine in text and "Exreg" in text
    monkeypatch.chdir(root)  # and every file the UI wrote passes lint
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    linted = CliRunner().invoke(cli, ["lint"])
    assert linted.exit_code == 0 and "0 errors" in linted.output, linted.output


# --------------------------------------------------------------------------- conventions


def authoring_classes():
    from drafter.tui.screens import consultation_form, due_blocks, forms, home, workspace_actions

    modules = [consultation_form, due_blocks, forms, home, workspace_actions]
    return sorted({c for m in modules for c in vars(m).values() if isinstance(c, type) and "BINDINGS" in vars(c) and c.__module__ == m.__name__},
                  key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", authoring_classes(), ids=lambda c: c.__name__)
def test_every_binding_has_description_tooltip_and_id(cls):
    for b in cls.BINDINGS:
        assert isinstance(b, Binding) and b.description and b.tooltip and b.id, f"{cls.__name__}: {b.key}"


async def test_every_home_action_is_in_the_palette(ws):
    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        names = [name for name, _, _ in DrafterCommands(screen)._commands()]
        for name in ("New draft", "Duplicate", "Rename", "Delete", "Undo delete", "New consultation", "Own library",
                     "New block", "Add library", "Sync", "Review", "Demo"):
            assert name in names
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        await type_text(pilot, "new consultation")
        await pilot.press("enter")
        await wait_screen(pilot, "ConsultationForm")


async def test_a_form_saved_right_after_typing_keeps_every_key(empty):
    """ctrl+s pressed with the last keys still on their way to the field: they are all saved (a
    priority ctrl+s once saved the text as it was a few keys earlier)."""
    app = app_for(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        await home(pilot)
        await pilot.press("l")
        form = await wait_screen(pilot, "FormScreen")
        await fill(pilot, form, "namespace", "ours")
        form.query_one("#f-themes").focus()
        await pilot.pause()
        from .test_tui_fixes import burst

        await burst(pilot, "Open standards", "ctrl+s")  # as a fast typist's terminal sends them: no pause
        await wait_for(pilot, lambda: (empty / "positions" / "library.yaml").exists(), what="the library written")
    assert [t["id"] for t in data(empty / "positions" / "library.yaml")["themes"]] == ["open-standards"]
