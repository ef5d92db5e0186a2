"""DraftEditor: round-trip edits keep comments and order, change only touched lines, refuse conflicts."""

from __future__ import annotations

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
