"""DraftEditor's fix operations: replace a block item in place, remove a whole answer, move an answer
to another question — each keeps every comment line and changes only the lines it must."""

from __future__ import annotations

import difflib

import pytest
from ruamel.yaml import YAML

from drafter.draft_editor import DraftEditor

DRAFT = """\
# Our response — keep this header
consultation: c1
answers:
  '1.1':
    # the typo is ours
    - block: wsis-gdc-allignment  # see the library
      variant: short
    - text: Our own words.
  '1.2': []
  # an answer the consultation does not ask
  '9.9':
    # moved from an earlier version
    - text: |
        A briefing session.
    - block: two
  '2.1':
    - block: three
      pinned: cccccccccccc
# the end
"""


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def changed_lines(before: str, after: str) -> list[str]:
    return [l for l in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]


def comments(text: str) -> list[str]:
    return sorted(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


def answers(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))["answers"]


def saved(ed: DraftEditor) -> str:
    ed.save()
    assert ed.model() is not None
    return ed.path.read_text(encoding="utf-8")


def test_replace_block_keeps_place_variant_and_comments(path):
    ed = DraftEditor.load(path)
    ed.replace_block("1.1", 0, "wsis-gdc-alignment", "aaaaaaaaaaaa", variant="short")
    text = saved(ed)
    removed, added, pinned = changed_lines(DRAFT, text)
    assert removed == "-    - block: wsis-gdc-allignment  # see the library"
    assert added.startswith("+    - block: wsis-gdc-alignment ") and added.endswith("# see the library")  # the comment keeps its column
    assert pinned == "+      pinned: aaaaaaaaaaaa"
    assert answers(path)["1.1"][0] == {"block": "wsis-gdc-alignment", "pinned": "aaaaaaaaaaaa", "variant": "short"}


def test_replace_block_drops_a_variant_the_new_block_lacks_and_repins(path):
    ed = DraftEditor.load(path)
    ed.replace_block("1.1", 0, "other", "bbbbbbbbbbbb")
    ed.replace_block("2.1", 0, "four", "dddddddddddd")
    text = saved(ed)
    assert answers(path)["1.1"][0] == {"block": "other", "pinned": "bbbbbbbbbbbb"}
    assert answers(path)["2.1"] == [{"block": "four", "pinned": "dddddddddddd"}]
    assert comments(text) == comments(DRAFT)


def test_replace_block_refuses_a_text_item(path):
    ed = DraftEditor.load(path)
    with pytest.raises(ValueError):
        ed.replace_block("1.1", 1, "other", "bbbbbbbbbbbb")


def test_remove_answer_keeps_its_comment_lines(path):
    ed = DraftEditor.load(path)
    ed.remove_answer("9.9")
    text = saved(ed)
    assert "9.9" not in answers(path) and list(answers(path)) == ["1.1", "1.2", "2.1"]
    assert "A briefing session." not in text
    assert comments(text) == comments(DRAFT)
    assert [l for l in changed_lines(DRAFT, text) if l.startswith("+")] == []  # only lines taken away


def test_remove_answer_with_an_unquoted_number_key(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text("consultation: c1\nanswers:\n  9.9:\n    - text: Hello.\n  '1.1': []\n", encoding="utf-8")
    ed = DraftEditor.load(p)
    ed.remove_answer("9.9")
    assert saved(ed) == "consultation: c1\nanswers:\n  '1.1': []\n"


def test_remove_answer_that_is_not_there(path):
    ed = DraftEditor.load(path)
    with pytest.raises(KeyError):
        ed.remove_answer("7.7")


def test_move_answer_to_an_unanswered_question_renames_it_in_place(path):
    ed = DraftEditor.load(path)
    ed.move_answer("9.9", "3.1")
    text = saved(ed)
    assert changed_lines(DRAFT, text) == ["-  '9.9':", "+  '3.1':"]
    assert list(answers(path)) == ["1.1", "1.2", "3.1", "2.1"]


def test_move_answer_onto_an_empty_entry_takes_its_place(path):
    ed = DraftEditor.load(path)
    ed.move_answer("9.9", "1.2")
    text = saved(ed)
    got = answers(path)
    assert "9.9" not in got and got["1.2"] == [{"text": "A briefing session.\n"}, {"block": "two"}]
    assert comments(text) == comments(DRAFT)


def test_move_answer_onto_an_answered_question_appends_the_items(path):
    ed = DraftEditor.load(path)
    ed.move_answer("9.9", "1.1")
    text = saved(ed)
    got = answers(path)
    assert "9.9" not in got
    assert [next(iter(item)) for item in got["1.1"]] == ["block", "text", "text", "block"]
    assert got["1.1"][2] == {"text": "A briefing session.\n"}
    assert comments(text) == comments(DRAFT)
    # the comment that stood above the moved text still stands above it
    assert "    # moved from an earlier version\n    - text: |\n        A briefing session.\n" in text
    assert "# Our response — keep this header" in text.splitlines()[0]
