"""Two writers on one draft: changes to different answers are both kept (merged), the same answer
changed two ways is a conflict that writes nothing, and two `drafter update` processes at once
never lose a pin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.draft_editor import ConflictError, DraftEditor
from drafter.draft_merge import merge_drafts, merge_lines
from drafter.yamlio.roundtrip import loads_roundtrip

from .test_tui_support import NOW, SAMPLE_DRAFT

DRAFT = """\
# Our response: keep this comment
consultation: wsis20-review
respondent:
  organisation: Example ccTLD Registry
  name: Ama Owusu
answers:
  "1.1":
    # written by Ama
    - text: First answer.
  "1.2":
    - text: Second answer.
  "1.3":
    - text: Third answer.
  "2.1":
    - text: Fourth answer.  # keep me
"""


def editor(tmp_path: Path, text: str = DRAFT) -> tuple[Path, DraftEditor, DraftEditor]:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return path, DraftEditor.load(path), DraftEditor.load(path)


def answer_texts(path: Path) -> dict[str, list[str]]:
    data = loads_roundtrip(path.read_text(encoding="utf-8"))
    return {str(k): [str(i.get("text", i.get("block"))) for i in v] for k, v in data["answers"].items()}


# --------------------------------------------------------------------------- the line merge


def test_merge_lines_takes_each_sides_changes_and_refuses_overlaps():
    base = ["a\n", "b\n", "c\n", "d\n", "e\n"]
    assert merge_lines(base, ["A\n", "b\n", "c\n", "d\n", "e\n"], ["a\n", "b\n", "c\n", "d\n", "E\n"]) == ["A\n", "b\n", "c\n", "d\n", "E\n"]
    assert merge_lines(base, ["a\n", "B\n", "c\n", "d\n", "e\n"], ["a\n", "B2\n", "c\n", "d\n", "e\n"]) is None
    assert merge_lines(base, base, ["a\n", "x\n", "b\n", "c\n", "d\n", "e\n"]) == ["a\n", "x\n", "b\n", "c\n", "d\n", "e\n"]
    same = ["a\n", "b\n", "Z\n", "d\n", "e\n"]
    assert merge_lines(base, same, same) == same  # both made the same change


# --------------------------------------------------------------------------- saving with two editors


def test_different_answers_are_merged_with_comments_kept(tmp_path):
    path, mine, theirs = editor(tmp_path)
    theirs.set_text("2.1", 0, "Their fourth answer.")
    theirs.save()
    mine.set_text("1.1", 0, "My first answer.")
    assert mine.save(merge=True) == "merged"
    assert answer_texts(path) == {
        "1.1": ["My first answer."], "1.2": ["Second answer."], "1.3": ["Third answer."], "2.1": ["Their fourth answer."],
    }
    text = path.read_text(encoding="utf-8")
    assert "# Our response: keep this comment" in text and "# written by Ama" in text and "# keep me" in text
    # the editor now holds the merged draft, and a further save is an ordinary one
    assert mine.model().answers["2.1"][0].text == "Their fourth answer."
    mine.set_text("1.2", 0, "Second, revised.")
    assert mine.save(merge=True) == "saved"
    assert answer_texts(path)["2.1"] == ["Their fourth answer."]


def test_new_answers_and_respondent_fields_from_both_sides_are_kept(tmp_path):
    path, mine, theirs = editor(tmp_path)
    theirs.set_respondent("country", "Ghana")
    theirs.add_text("3.1", "Their new answer.")
    theirs.save()
    mine.set_respondent("email", "policy@example.org")
    mine.set_text("1.2", 0, "My second answer.")
    assert mine.save(merge=True) == "merged"
    model = DraftEditor.load(path).model()
    assert model.respondent.country == "Ghana" and model.respondent.email == "policy@example.org"
    assert answer_texts(path)["3.1"] == ["Their new answer."] and answer_texts(path)["1.2"] == ["My second answer."]


def test_the_same_answer_changed_two_ways_is_a_conflict_and_nothing_is_written(tmp_path):
    path, mine, theirs = editor(tmp_path)
    theirs.set_text("1.2", 0, "Their version.")
    theirs.save()
    on_disk = path.read_text(encoding="utf-8")
    mine.set_text("1.2", 0, "My version.")
    with pytest.raises(ConflictError):
        mine.save(merge=True)
    assert path.read_text(encoding="utf-8") == on_disk
    assert mine.dirty  # the user's text is still held


def test_without_merge_a_change_on_disk_is_still_refused(tmp_path):
    path, mine, theirs = editor(tmp_path)
    theirs.set_text("2.1", 0, "Theirs.")
    theirs.save()
    mine.set_text("1.1", 0, "Mine.")
    with pytest.raises(ConflictError):
        mine.save()
    assert mine.save(force=True) == "saved" and answer_texts(path)["2.1"] == ["Fourth answer."]


def test_a_line_merge_that_would_mean_something_else_is_refused():
    """Adjacent, non-overlapping line changes the units reject: they add the same key twice."""
    base = DRAFT
    mine = DRAFT.replace('  "1.2":\n', '  "1.2":\n    - text: Mine first.\n')
    theirs = DRAFT.replace('  "2.1":\n', '  "2.1":\n    - text: Theirs first.\n')
    assert merge_drafts(base, mine, theirs) is not None  # the ordinary case merges
    broken = DRAFT.replace("answers:\n", "answers: {}\nother:\n")  # theirs restructures the file
    assert merge_drafts(base, mine, broken) is None


# --------------------------------------------------------------------------- property: any disjoint edits merge

QIDS = ["1.1", "1.2", "1.3", "2.1"]
edits = st.dictionaries(st.sampled_from(QIDS), st.text(alphabet="abc xyz.\n", min_size=1, max_size=30).map(str.strip).filter(bool), max_size=4)


@settings(max_examples=60, deadline=None)
@given(mine_edits=edits, their_edits=edits)
def test_edits_to_different_answers_always_merge_to_both(tmp_path_factory, mine_edits, their_edits):
    path, mine, theirs = editor(tmp_path_factory.mktemp("m"))
    for qid, text in their_edits.items():
        theirs.set_text(qid, 0, text)
    theirs.save()
    for qid, text in mine_edits.items():
        mine.set_text(qid, 0, text)
    clash = {q for q in set(mine_edits) & set(their_edits) if mine_edits[q] != their_edits[q]}
    before = path.read_text(encoding="utf-8")
    if clash:
        with pytest.raises(ConflictError):
            mine.save(merge=True)
        assert path.read_text(encoding="utf-8") == before
        return
    mine.save(merge=True)
    expected = {"1.1": "First answer.", "1.2": "Second answer.", "1.3": "Third answer.", "2.1": "Fourth answer."}
    expected |= their_edits | mine_edits
    assert {q: v[0] for q, v in answer_texts(path).items()} == expected


# --------------------------------------------------------------------------- two processes at once

TWO_BLOCKS = """\
consultation: wsis20-review
respondent:
  organisation: Example ccTLD Registry
answers:
  "1.1":
    - block: respondent-introduction
      pinned: "000000000001"
  "1.2":
    - text: Between them.
  "1.3":
    - block: capacity-building
      pinned: "000000000002"
"""


def test_two_update_processes_at_once_keep_both_pins(ws):
    """`drafter update --block A` and `--block B` started together, again and again: each re-pins its
    own block, and neither's pin is ever lost (the lock orders the writes, the merge keeps both)."""
    draft = ws / "drafts" / "two.yaml"
    env = {**os.environ, "DRAFTER_NOW": NOW.isoformat()}
    for _ in range(10):
        draft.write_text(TWO_BLOCKS, encoding="utf-8")
        procs = [
            subprocess.Popen([sys.executable, "-m", "drafter", "update", str(draft), "--block", ref], cwd=ws, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for ref in ("respondent-introduction", "capacity-building")
        ]
        for p in procs:
            _, err = p.communicate(timeout=60)
            assert p.returncode == 0, err
        model = DraftEditor.load(draft).model()
        assert model is not None
        pins = {qid: model.answers[qid][0].pinned for qid in ("1.1", "1.3")}
        assert "000000000001" not in pins.values() and "000000000002" not in pins.values(), pins


# --------------------------------------------------------------------------- the UI's session and screen


def test_the_session_merges_a_change_on_disk_to_another_answer(ws):
    from drafter.loaded import LoadedWorkspace
    from drafter.ops.session import DraftSession
    from drafter.workspace import Workspace

    draft = ws / SAMPLE_DRAFT
    s = DraftSession(LoadedWorkspace.load(Workspace.open(ws)), draft, lambda: NOW)
    s.add_text("4.2", "Our closing words.")
    draft.write_text(draft.read_text(encoding="utf-8").replace("Ama Owusu", "Kofi Mensah"), encoding="utf-8")
    assert s.autosave() == "merged"
    model = DraftEditor.load(draft).model()
    assert model.respondent.name == "Kofi Mensah" and model.answers["4.2"][-1].text == "Our closing words."
    assert s.context().draft.respondent.name == "Kofi Mensah"  # the live check sees the merged draft
    assert not s.conflict and not s.recovery_path.exists()


async def test_typing_while_another_program_changes_another_answer_keeps_both(ws):
    """The user types in the UI; meanwhile `drafter update` (or a colleague's editor) changes the
    respondent on disk: no conflict dialog, and the file ends with both changes."""
    from drafter.tui.widgets.answer import TextItemEditor

    from .test_tui_support import app_for, type_text, wait_for, wait_screen

    draft = ws / SAMPLE_DRAFT
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: screen._stamp is not None, what="the first look at the disk")
        editor = screen.query_one(TextItemEditor)
        editor.focus()
        await type_text(pilot, "Typed in the UI. ")
        # a writer that reads and writes under the writers' lock (as `drafter update` does): without it,
        # an autosave between its read and its write would be its own lost update, not the UI's
        from drafter.yamlio import atomic_write_text
        from drafter.yamlio.lock import locked

        with locked(draft):
            atomic_write_text(draft, draft.read_text(encoding="utf-8").replace("Ama Owusu", "Kofi Mensah"))

        def both() -> bool:
            text = draft.read_text(encoding="utf-8")
            return "Kofi Mensah" in text and "Typed in the UI." in text

        await wait_for(pilot, both, timeout=15, what="both changes on disk")
        # the UI may have saved the typing before the other writer read the file: then both are on disk
        # before the UI has looked again, and it takes the change in at its next look
        await wait_for(pilot, lambda: screen.session.editor.model().respondent.name == "Kofi Mensah", timeout=15,
                       what="the other writer's change in the UI")
        assert not screen.session.conflict
        assert both()
        assert type(app.screen).__name__ == "DraftScreen"  # no conflict dialog
