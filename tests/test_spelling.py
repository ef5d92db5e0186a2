"""Spelling: `spelling` findings from Hunspell dictionaries, the accepted `words`, English in both
spellings, what is never checked, the fix that accepts a word, and the marks in the editor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.checks import check_answer
from drafter.loaded import LoadedWorkspace
from drafter.ops.check import run_lint
from drafter.ops.session import DraftSession, EditRefused
from drafter.ops.words import WordRefused, add_word, correct_word
from drafter.spelling import Accepted, correct, corrections, dictionary_names, misspellings, misspelt_words, supported
from drafter.tui.fixes import fix_for
from drafter.tui.widgets.answer import MISSPELT, TextItemEditor
from drafter.workspace import Workspace

from .test_tui_flows import goto_question
from .test_tui_support import NOW, SAMPLE_DRAFT, app_for, type_text, wait_for, wait_screen


def need(lang: str, *names: str) -> None:
    """Skip unless the system has these Hunspell dictionaries (Debian: hunspell-en-gb, hunspell-fr,
    hunspell-es); CI installs them and sets DRAFTER_TEST_DICTIONARIES, so there a missing one fails."""
    missing = [n for n in names if n not in supported(lang)]
    if missing:
        if os.environ.get("DRAFTER_TEST_DICTIONARIES"):
            pytest.fail(f"Hunspell dictionaries missing: {', '.join(missing)}")
        pytest.skip(f"Hunspell dictionaries not installed: {', '.join(missing)}")


def load(ws: Path) -> LoadedWorkspace:
    return LoadedWorkspace.load(Workspace.open(ws))


def test_a_typo_is_found_with_its_span() -> None:
    need("fr", "fr_FR")
    need("es", "es_ES")
    text = "We support the goverment's plan to recieve inputs."
    found = misspellings(text, "en")
    assert [(m.word, text[m.start:m.end]) for m in found] == [("goverment's", "goverment's"), ("recieve", "recieve")]
    assert misspelt_words("Nous soutenons la gouvernance multipartite de l\u2019Internet et la résiliance.", "fr") == ["résiliance"]
    assert misspelt_words("Apoyamos la gobernanza de Internet y la conectivdad.", "es") == ["conectivdad"]


def test_english_accepts_british_and_american_spelling_unless_the_language_says_which() -> None:
    need("en", "en_GB")
    text = "The organisation and the organization share a colour, a color, a centre and a center."
    assert supported("en") == ["en_US", "en_GB"]
    assert misspelt_words(text, "en") == []
    assert misspelt_words(text, "en-GB") == ["color", "center"]  # (British dictionaries take -ize, as Oxford and the UN write)
    assert misspelt_words(text, "en-US") == ["organisation", "colour", "centre"]
    assert dictionary_names("fr-CA")[0] == "fr_CA" and dictionary_names("en-GB") == ("en_GB",)


def test_accepted_words_are_not_findings() -> None:
    text = "Our multistakeholder model and the Multistakeholder approach; Tunisair's ccTLDs."
    assert misspelt_words(text, "en") == ["multistakeholder", "Multistakeholder", "Tunisair's"]
    assert misspelt_words(text, "en", Accepted(["multistakeholder", "Tunisair"])) == []
    assert misspelt_words("Internet Sociiety", "en", Accepted(["Internet Sociiety"])) == []  # a name's words
    assert misspelt_words("tunisair", "en", Accepted(["Tunisair"])) == ["tunisair"]  # a capitalised entry is exact


def test_what_is_never_checked() -> None:
    text = (
        "See https://exmple.org/pathh and www.exmple.org, write to polcy@exmple.org, fill {{ respondant.nme }} "
        "and [NAMEE], run `qwzx --flagg`, ask ICANN or IETF, count 3rd and IPv6 and G20, use ccTLD and eNOG, "
        "a [linkk text](https://exmple.org/xx) and <https://exmple.org/zz>.\n\n```\nfencedd codde\n```\n"
    )
    assert misspelt_words(text, "en") == ["linkk"]
    assert misspelt_words("我们支持多利益攸关方模式", "zh") == []  # no dictionary: nothing checked


def test_own_text_gets_spelling_findings_and_blocks_are_checked_by_lint(ws: Path) -> None:
    s = DraftSession(load(ws), ws / SAMPLE_DRAFT, lambda: NOW)
    index = s.add_text("4.2", "Our goverment partners recieve multistakeholder support.")
    result = s.check("4.2")
    spelling = [f for f in result.findings if f.code == "spelling"]
    assert [f.message.split("'")[1] for f in spelling] == ["goverment", "recieve"]  # the library's words accept the rest
    assert all(f.severity == "info" and f.question == "4.2" and f.line for f in spelling)
    assert result.misspelt == {index: ["goverment", "recieve"]}
    assert not [f for f in run_lint(load(ws), [], NOW) if f.code == "spelling"]  # the sample's blocks are spelt right
    block = ws / "positions" / "blocks" / "transparency.yaml"
    block.write_text(block.read_text(encoding="utf-8").replace("body: |\n", "body: |\n  Transparancy matters.\n", 1), encoding="utf-8")
    [f] = [f for f in run_lint(load(ws), [], NOW) if f.code == "spelling"]
    assert f.block == "transparency" and "'Transparancy'" in f.message and f.file.endswith("transparency.yaml") and f.line


def test_the_fix_adds_the_word_to_the_workspaces_words(ws: Path) -> None:
    s = DraftSession(load(ws), ws / SAMPLE_DRAFT, lambda: NOW)
    s.add_text("4.2", "Exregistry supports it.")
    [f] = [f for f in s.check("4.2").findings if f.code == "spelling"]
    fix = fix_for(f, s)
    assert (fix.kind, fix.suggestion, fix.qid) == ("word", "Exregistry", "4.2") and "ctrl+l" in (fix.hint or "")
    config = ws / "drafter.yaml"
    before = config.read_text(encoding="utf-8")
    assert add_word(Workspace.open(ws), "Exregistry") and not add_word(Workspace.open(ws), "Exregistry")
    after = config.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")[:40]) and after.count("Exregistry") == 1  # comments and keys kept
    assert Workspace.open(ws).config.words == ["Exregistry"]
    s.use_workspace(load(ws))
    assert not [f for f in s.check("4.2").findings if f.code == "spelling"]
    with pytest.raises(WordRefused):
        add_word(Workspace.open(ws), "two words")


def test_corrections_come_from_the_dictionary_and_replace_only_the_misspelt_word() -> None:
    assert corrections("goverment", "en")[0] == "government"
    assert "receive" in corrections("recieve", "en")
    assert corrections("x" * 60, "en") == []  # too long to ask the dictionary
    text = "The goverment's plan: goverment, [goverment](https://goverment.example) and goverments-to-be; Goverment."
    fixed, count = correct(text, "en", "goverment", "government")
    assert count == 2  # a link's words are text; "goverment's", the address, the hyphenated and the capitalised word are other words
    assert fixed == text.replace("plan: goverment,", "plan: government,").replace("[goverment]", "[government]")
    assert correct("We goverment and goverment.", "en", "goverment", "government") == ("We government and government.", 2)


def test_a_correction_is_one_undoable_step(ws: Path) -> None:
    s = DraftSession(load(ws), ws / SAMPLE_DRAFT, lambda: NOW)
    index = s.add_text("4.2", "Our goverment partners recieve support from the goverment.")
    assert correct_word(s, "4.2", index, "goverment", "government") == 2
    assert s.items("4.2")[index].text == "Our government partners recieve support from the government."
    assert [f.message.split("'")[1] for f in s.check("4.2").findings if f.code == "spelling"] == ["recieve"]
    assert correct_word(s, "4.2", index, "goverment", "government") == 0  # (no longer there)
    s.undo()
    assert s.items("4.2")[index].text == "Our goverment partners recieve support from the goverment."
    with pytest.raises(EditRefused):
        correct_word(s, "4.1", 0, "goverment", "government")  # a block item


def test_the_live_check_stays_cheap_on_a_long_answer(ws: Path) -> None:
    s = DraftSession(load(ws), ws / SAMPLE_DRAFT, lambda: NOW)
    words = " ".join(b.body for _, b in s.index.blocks()).split()
    s.add_text("4.2", " ".join((words * 3)[:3000]) + " Exregistry")
    assert any("'Exregistry'" in f.message for f in check_answer(s.context(), "4.2").findings if f.code == "spelling")


async def test_a_misspelt_word_typed_in_the_editor_is_marked(ws: Path) -> None:
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        editor = screen.query(TextItemEditor).first()
        editor.focus()
        await pilot.pause()
        await pilot.press("ctrl+end")
        await type_text(pilot, " Our goverment agrees.")
        await wait_for(pilot, lambda: "goverment" in editor.misspelt, what="the word marked after the check")
        [(row, start, end)] = editor.misspelt_marks()
        assert editor.document.lines[row][start:end] == "goverment"
        assert any(name == MISSPELT for _, _, name in editor._highlights[row])
        drawn = [seg for y in range(editor.size.height) for seg in editor.render_line(y)]  # underlined in red
        assert any(seg.text.startswith("goverment") and seg.style and seg.style.underline for seg in drawn)
        assert not any("agrees" in seg.text and seg.style and seg.style.underline for seg in drawn)
        await pilot.press(*["backspace"] * len(" Our goverment agrees."))
        await wait_for(pilot, lambda: not editor.misspelt, what="the mark gone with the word")
        assert editor.misspelt_marks() == []


async def test_the_fix_key_corrects_a_misspelt_word_from_the_dictionary(ws: Path) -> None:
    from drafter.tui.screens.fix_dialogs import SpellingDialog

    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await goto_question(pilot, "4.2")  # unanswered: this text is its only item
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Our goverment agrees.")
        editor = screen.query(TextItemEditor).first()
        await wait_for(pilot, lambda: "goverment" in editor.misspelt, what="the word marked after the check")
        qid, index = screen.qid, editor.index
        await pilot.press("ctrl+l")  # the fix key: the dictionary's corrections
        dialog = await wait_screen(pilot, "SpellingDialog")
        assert isinstance(dialog, SpellingDialog)
        await wait_for(pilot, lambda: dialog.choices[0].replacement == "government", what="the corrections looked up")
        await pilot.press("enter")
        await wait_screen(pilot, "DraftScreen")
        text = screen.session.items(qid)[index].text
        await wait_for(pilot, lambda: not screen.query(TextItemEditor).first().misspelt, what="the mark gone")
        assert text == "Our government agrees."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.session.items(qid)[index].text == "Our goverment agrees."

        await pilot.press("ctrl+l")  # again, and this time accept the word: drafter.yaml keeps it
        dialog = await wait_screen(pilot, "SpellingDialog")
        await wait_for(pilot, lambda: len(dialog.choices) > 1, what="the corrections looked up")
        await pilot.press("end", "enter")
        await wait_for(pilot, lambda: "goverment" in (ws / "drafter.yaml").read_text(encoding="utf-8"), what="the word accepted")
        assert screen.session.items(qid)[index].text == "Our goverment agrees."


def test_drafter_check_keeps_its_spelling_verdicts_and_a_warm_run_loads_no_dictionary(ws: Path) -> None:
    """The first `check` looks every word up and keeps the verdicts in .drafter/cache/spelling/; the
    next, in a new process with the same words, decides them all from there (the dictionaries, 0.1 s
    to load, stay unloaded) and reports the same findings; a new word loads them again."""
    import json
    import subprocess
    import sys

    draft = ws / SAMPLE_DRAFT
    draft.write_text(draft.read_text(encoding="utf-8").replace("    - text: |\n", "    - text: |\n        Goverment words.\n", 1), encoding="utf-8")
    probe = (
        "import sys, datetime as dt; from pathlib import Path\n"
        "from drafter.loaded import LoadedWorkspace; from drafter.workspace import Workspace\n"
        "from drafter.ops.check import run_check; from drafter import spelling\n"
        f"lw = LoadedWorkspace.load(Workspace.open(Path({str(ws)!r})))\n"
        f"c = run_check(lw, Path({str(draft)!r}), dt.datetime.fromisoformat({NOW.isoformat()!r}))\n"
        "s = spelling.speller('en')\n"
        "print(sorted(f.message for f in c.findings if f.code == 'spelling'), s._loaded is not None)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120) for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr
    first, second = (r.stdout.strip() for r in runs)
    assert "Goverment" in first and first.endswith("True")
    assert second == first[: -len("True")] + "False"  # same findings, no dictionary loaded
    (kept,) = (ws / ".drafter" / "cache" / "spelling").glob("en-*.json")
    assert json.loads(kept.read_text(encoding="utf-8"))["Goverment"] is False
    draft.write_text(draft.read_text(encoding="utf-8").replace("Goverment words.", "Goverment wordz.", 1), encoding="utf-8")
    third = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120).stdout.strip()
    assert "wordz" in third and third.endswith("True")  # a word never seen: the dictionaries are loaded
