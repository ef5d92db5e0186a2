"""DraftEditor: round-trip edits keep comments and order, change only touched lines, refuse conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft_editor import ConflictError, DraftEditor

DRAFT = """\
# yaml-language-server: $schema=../.drafter/schema/draft.json
# Our response — keep this header
consultation: c1
respondent:
  name: Ada  # contact
answers:
  '1.1':
    - block: one
    # the next item is ours
    - text: Our own words.
  '1.2': []
"""


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [l for l in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]


def test_set_pinned_keeps_comment_before_next_item(path):
    ed = DraftEditor.load(path)
    ed.set_pinned("1.1", 0, "0123456789ab")
    ed.save()
    text = path.read_text()
    assert "    - block: one\n      pinned: 0123456789ab\n    # the next item is ours\n    - text: Our own words.\n" in text
    assert changed_lines(DRAFT, text) == ["+      pinned: 0123456789ab"]
    assert ed.model().answers["1.1"][0].pinned == "0123456789ab"


def test_variant_switch_touches_one_line(path):
    ed = DraftEditor.load(path)
    ed.set_variant("1.1", 0, "short")
    ed.save()
    assert changed_lines(DRAFT, path.read_text()) == ["+      variant: short"]
    ed.set_variant("1.1", 0, "body")
    ed.save()
    assert path.read_text() == DRAFT


def test_insert_text_and_block_then_move_and_remove(path):
    ed = DraftEditor.load(path)
    ed.add_text("1.2", "First line.\n\nSecond paragraph.")
    ed.insert_block("1.2", "two", "aaaaaaaaaaaa", index=0, variant="short")
    assert [type(i).__name__ for i in ed.model().answers["1.2"]] == ["BlockItem", "TextItem"]
    assert ed.move("1.2", 0, 1) == 1
    assert [type(i).__name__ for i in ed.model().answers["1.2"]] == ["TextItem", "BlockItem"]
    ed.remove("1.2", 1)
    ed.save()
    text = path.read_text()
    assert "- text: |-\n        First line.\n\n        Second paragraph.\n" in text
    assert text.startswith("# yaml-language-server") and "# Our response — keep this header" in text
    assert "name: Ada  # contact" in text


def test_respondent_edit(path):
    ed = DraftEditor.load(path)
    ed.set_respondent("country", "Ghana")
    ed.set_respondent("name", "Ada")  # unchanged: not dirty
    ed.save()
    assert changed_lines(DRAFT, path.read_text()) == ["+  country: Ghana"]


def test_save_refuses_file_changed_on_disk(path):
    ed = DraftEditor.load(path)
    ed.add_text("1.2", "mine")
    path.write_text(DRAFT.replace("Ada", "Grace"), encoding="utf-8")  # a `git pull`
    with pytest.raises(ConflictError):
        ed.save()
    assert "Grace" in path.read_text()
    ed.save(force=True)  # keep mine
    assert "mine" in path.read_text() and not ed.changed_on_disk()


def test_remove_item_keeps_comment_of_next_item(path):
    text = DRAFT.replace("    - block: one\n", "    - block: zero\n    - block: one\n")
    path.write_text(text, encoding="utf-8")
    ed = DraftEditor.load(path)
    ed.remove("1.1", 1)
    ed.save()
    assert "    - block: zero\n    # the next item is ours\n    - text: Our own words.\n" in path.read_text()


def test_typing_updates_the_model_without_revalidating_and_agrees_with_the_file(path):
    """set_text patches the validated model (a keystroke must not re-validate the whole draft); the
    patched model is what validating the file afresh gives."""
    ed = DraftEditor.load(path)
    before = ed.model()
    ed.set_text("1.1", 1, "Changed words.\n\nTwo paragraphs.")
    patched = ed.model()
    assert patched is not before and patched.answers["1.1"][1].text == "Changed words.\n\nTwo paragraphs."
    ed.save()
    assert DraftEditor.load(path).model() == patched


# --------------------------------------------------------------------------- comments around items

ROOT = Path(__file__).resolve().parent.parent


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def test_emptying_an_answer_under_a_comment_writes_valid_yaml_and_keeps_the_comments(tmp_path):
    """The bug: removing the last item of an answer whose key is followed by a comment line wrote
    `[]` at the left margin below the comment (invalid YAML), while the UI said "saved"."""
    from ruamel.yaml import YAML

    from drafter.yamlio import read_yaml_text

    original = (ROOT / "drafts" / "needs-work.yaml").read_text(encoding="utf-8")
    path = tmp_path / "needs-work.yaml"
    path.write_text(original, encoding="utf-8")
    ed = DraftEditor.load(path)
    ed.remove("2.2", 1)
    ed.remove("2.2", 0)
    ed.save()
    text = path.read_text(encoding="utf-8")
    assert read_yaml_text(text).findings == []
    data = YAML(typ="safe").load(text)
    before = YAML(typ="safe").load(original)
    assert data["answers"]["2.2"] == []
    assert {q: v for q, v in data["answers"].items() if q != "2.2"} == {q: v for q, v in before["answers"].items() if q != "2.2"}
    assert comment_lines(text) == comment_lines(original)  # every comment line, in the same order
    assert "  '2.2': []\n    # PROBLEM block-changed" in text
    assert DraftEditor.load(path).model().answers["2.2"] == []


def test_a_moved_item_takes_the_comment_above_it_along(path):
    text = (
        "consultation: c\nanswers:\n  '1.1':\n    # about a\n    - block: a\n    # about b\n    - block: b\n"
        "  # before 1.2\n  '1.2': []\n"
    )
    path.write_text(text, encoding="utf-8")
    ed = DraftEditor.load(path)
    assert ed.move("1.1", 1, -1) == 0
    assert ed.text() == (
        "consultation: c\nanswers:\n  '1.1':\n    # about b\n    - block: b\n    # about a\n    - block: a\n"
        "  # before 1.2\n  '1.2': []\n"
    )


def _edit(ed: DraftEditor, op: str) -> None:
    {
        "remove-only": lambda: ed.remove("1.1", 0),
        "remove-first": lambda: ed.remove("1.2", 0),
        "one-line-over-block": lambda: ed.set_text("1.3", 0, "\x1f"),
        "blank-lines-over-comment": lambda: ed.set_text("1.2", 1, "a\n\n"),
        "respondent-blank-lines": lambda: ed.set_respondent("organisation", "\n"),
        "cosigners": lambda: ed.set_cosigners([{"organisation": "Solo"}]),
        "variant-body": lambda: ed.set_variant("1.2", 0, "body"),
        "null-pin-removed": lambda: ed.remove("1.5", 1),
    }[op]()


EDGES = """\
consultation: c
respondent:
  name: A
  organisation: O
  # c01
  country: ''
cosigners:
  - organisation: One  # c02
  # c03
  - organisation: Two
# c04
answers:
  '1.1':  # c05
    # c06
    - choice: 'Yes'  # c07
  '1.2':
    - block: a
      variant: short  # c08
    # c09
    - text: x
    # c10
    - block: b
  '1.3':
    - text: |
        two
        lines
      # c11
  '1.4': []  # c12
  # c13
  '1.5':
    - block: a
      pinned:
    # c14
    - block: b
      pinned:
    # c15
# c16
"""


@pytest.mark.parametrize(
    "op",
    ["remove-only", "remove-first", "one-line-over-block", "blank-lines-over-comment", "respondent-blank-lines",
     "cosigners", "variant-body", "null-pin-removed"],
)
def test_edits_next_to_comments_write_what_they_say_and_keep_every_comment(tmp_path, op):
    """Each of these wrote invalid YAML, changed a value, or dropped a comment."""
    import re

    from drafter.model import Draft
    from drafter.yamlio import read_yaml_text, validate

    path = tmp_path / "d.yaml"
    path.write_text(EDGES, encoding="utf-8")
    ed = DraftEditor.load(path)
    _edit(ed, op)
    ed.save()
    text = path.read_text(encoding="utf-8")
    loaded = read_yaml_text(text)
    assert loaded.findings == []
    assert validate(loaded, Draft)[0] == ed.model() is not None  # the file says what the editor holds
    assert sorted(re.findall(r"# (c\d\d)", text)) == sorted(re.findall(r"# (c\d\d)", EDGES))
    assert DraftEditor.load(path).text() == text
