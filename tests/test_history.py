"""Undo and redo of a draft session (`ops.history`), and editing an answer in the user's editor
(`ops.outside`), driven without Textual."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from drafter.draft_editor import DraftEditor
from drafter.loaded import LoadedWorkspace
from drafter.model import BlockItem, TextItem
from drafter.ops.history import History, Step, word_ended
from drafter.ops.outside import clean_text, edit_answer_outside, editor_command
from drafter.ops.session import DraftSession
from drafter.workspace import Workspace

from .test_tui_support import NOW

EXAMPLE = Path("drafts") / "example-response.yaml"


def session(ws: Path) -> DraftSession:
    return DraftSession(LoadedWorkspace.load(Workspace.open(ws)), ws / EXAMPLE, lambda: NOW)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def block(s: DraftSession, bid: str):
    return next((lib, b) for lib, b in s.index.blocks() if b.id == bid)


def test_every_structural_edit_is_undone_and_redone_with_the_comments_kept(ws):
    s = session(ws)
    original = s.editor.text()
    states = [original]
    s.insert_block("4.2", *block(s, "transparency"))
    states.append(s.editor.text())
    s.add_text("4.2", "Closing words.")
    states.append(s.editor.text())
    s.move("4.2", 1, -1)
    states.append(s.editor.text())
    s.toggle_variant("4.2", 1)
    states.append(s.editor.text())
    s.remove("1.2", 0)
    states.append(s.editor.text())
    s.set_choice("3.1", "No")
    states.append(s.editor.text())
    s.set_respondent({"organisation": "Another Registry"}, None)
    states.append(s.editor.text())
    assert s.move("4.2", 0, -1) == 0  # at the top already: no step
    for state in reversed(states[:-1]):
        step = s.undo()
        assert step is not None and s.editor.text() == state
    assert s.undo() is None
    assert "# 4.2 (optional" in s.editor.text() and s.editor.text() == original
    for state in states[1:]:
        assert s.redo() is not None and s.editor.text() == state
    assert s.redo() is None


def test_undo_says_what_and_where(ws):
    s = session(ws)
    s.remove("1.2", 0)
    step = s.undo()
    assert step is not None
    assert (step.label, step.qid, step.focus_undo) == ("remove item 1 from 1.2", "1.2", 0)
    assert isinstance(s.items("1.2")[0], BlockItem) and s.items("1.2")[0].block == "positive-agenda-wsis20"


def test_typing_is_undone_a_word_or_a_pause_at_a_time(ws):
    s = session(ws)
    clock = Clock()
    s.history.clock = clock
    at = s.add_text("4.2", "")
    for text in ["H", "He", "Hello", "Hello ", "Hello w", "Hello world"]:  # a word ends at the space
        clock.now += 0.2
        s.set_text("4.2", at, text)
    clock.now += 5  # a pause: the next keystroke starts a step of its own
    s.set_text("4.2", at, "Hello world!")
    assert s.undo() is not None and s.items("4.2")[at] == TextItem(text="Hello world")
    assert s.undo() is not None and s.items("4.2")[at] == TextItem(text="Hello")
    assert s.undo() is not None and s.items("4.2")[at] == TextItem(text="")
    assert s.undo() is not None and s.items("4.2") == []
    s.redo()
    s.redo()
    assert s.items("4.2") == [TextItem(text="Hello")]


def test_typing_in_another_item_starts_a_new_step(ws):
    s = session(ws)
    s.history.clock = Clock()
    s.set_text("1.1", 1, "First.")
    s.set_text("1.2", 2, "Second.")
    s.set_text("1.2", 2, "Second!")
    s.undo()
    assert s.items("1.2")[2].text.startswith("In Ghana") and s.items("1.1")[1] == TextItem(text="First.")


def test_a_new_edit_drops_the_redo_steps(ws):
    s = session(ws)
    s.remove("1.2", 0)
    s.undo()
    s.remove("1.2", 1)
    assert s.redo() is None


def test_undo_is_saved_by_the_autosave(ws):
    s = session(ws)
    s.remove("1.2", 0)
    s.save()
    s.undo()
    assert s.editor.dirty and s.autosave() == "saved"
    assert DraftEditor.load(ws / EXAMPLE).model().answers["1.2"][0].block == "positive-agenda-wsis20"


def test_a_reload_clears_the_history(ws):
    s = session(ws)
    s.remove("1.2", 0)
    s.reload()
    assert s.undo() is None


def test_the_history_is_bounded():
    history = History(limit=3, max_chars=10_000)
    for i in range(5):
        history.push(Step("snapshot", f"step {i}", None, "x" * 10))
    assert [s.label for s in history.undo_steps] == ["step 2", "step 3", "step 4"]
    history = History(limit=100, max_chars=25)
    for i in range(5):
        history.push(Step("snapshot", f"step {i}", None, "x" * 10))
    assert [s.label for s in history.undo_steps] == ["step 3", "step 4"]


def test_word_ends():
    assert word_ended("Hello", "Hello ") and word_ended("Hello", "Hello\n")
    assert not word_ended("Hello ", "Hello  ") and not word_ended("Hell", "Hello") and not word_ended("Hello", "Hell")
    assert word_ended("", "pasted two words")


# ---------------------------------------------------------------------------- the user's editor


def script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "editor.sh"
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o700)
    return str(path)


def run(argv: list[str]) -> int:
    import subprocess

    return subprocess.run(argv, check=False).returncode


def test_editor_command_prefers_visual_then_editor_then_a_fallback():
    def which(name: str) -> str | None:
        return {"vim": "/usr/bin/vim", "code": "/usr/bin/code", "vi": "/usr/bin/vi"}.get(name)

    assert editor_command({"VISUAL": "vim", "EDITOR": "code --wait"}, which) == ["vim"]
    assert editor_command({"EDITOR": "code --wait"}, which) == ["code", "--wait"]
    assert editor_command({}, which) == ["/usr/bin/vi"]
    assert "no program 'nowhere'" in editor_command({"EDITOR": "nowhere"}, which)
    assert "set $EDITOR" in editor_command({}, lambda name: None)


def test_clean_text_keeps_tabs_and_line_feeds_only():
    assert clean_text("\ufeffOne\r\ntwo\rthree\x1b[2J\tfour\x07\x9b") == "One\ntwo\nthree[2J\tfour"


def test_the_answer_comes_back_from_the_editor_as_one_undoable_step(ws, tmp_path):
    s = session(ws)
    seen = tmp_path / "seen"
    editor = script(tmp_path, f'stat -c %a "$1" > {seen}; cat "$1" >> {seen}; printf "Edited outside.\\033[2J\\n" > "$1"')
    before = s.items("1.1")[1].text
    outcome = edit_answer_outside(s, "1.1", 0, run, {"EDITOR": editor})  # item 0 is a block: its first text item
    assert outcome.changed and outcome.index == 1
    assert s.items("1.1")[1] == TextItem(text="Edited outside.[2J\n")
    mode, _, shown = seen.read_text(encoding="utf-8").partition("\n")
    assert mode == "600" and shown == before  # the editor got the text, in a file only the user reads
    folder = ws / ".drafter" / "edit"
    assert list(folder.iterdir()) == [] and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert s.undo() is not None and s.items("1.1")[1].text == before


def test_new_text_from_the_editor_where_the_answer_has_none(ws, tmp_path):
    s = session(ws)
    editor = script(tmp_path, 'printf "Any other comment." > "$1"')
    outcome = edit_answer_outside(s, "4.2", None, run, {"EDITOR": editor})
    assert outcome.changed and s.items("4.2") == [TextItem(text="Any other comment.")]
    untouched = session(ws)  # the file still has no answer to 4.2
    outcome = edit_answer_outside(untouched, "4.2", None, run, {"EDITOR": script(tmp_path, "exit 0")})
    assert not outcome.changed and "Nothing written" in outcome.message and untouched.items("4.2") == []


def test_a_failed_or_oversized_edit_changes_nothing(ws, tmp_path):
    s = session(ws)
    before = s.editor.text()
    failing = script(tmp_path, 'printf "half" > "$1"; exit 3')
    outcome = edit_answer_outside(s, "1.1", 1, run, {"EDITOR": failing})
    assert not outcome.changed and "status 3" in outcome.message and outcome.severity == "error"
    huge = script(tmp_path, f'{sys.executable} -c "import sys; open(sys.argv[1], \'w\').write(\'x\' * 1_000_001)" "$1"')
    outcome = edit_answer_outside(s, "1.1", 1, run, {"EDITOR": huge})
    assert not outcome.changed and "longer than" in outcome.message
    assert s.editor.text() == before and list((ws / ".drafter" / "edit").iterdir()) == []


def test_a_choice_question_is_not_edited_as_text(ws, tmp_path):
    s = session(ws)
    outcome = edit_answer_outside(s, "3.1", 0, run, {"EDITOR": script(tmp_path, "exit 0")})
    assert not outcome.changed and "choices" in outcome.message
