"""A document consultation's comments checked: `paragraph-changed` after a new revision, a comment on
a paragraph the revision dropped, `drafter diff` showing the paragraph's change, `update --all`
re-pinning, and the pinned texts kept content-addressed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from drafter.cli import cli
from drafter.draft_editor import DraftEditor
from drafter.loaded import LoadedWorkspace
from drafter.ops.changes import keep_pinned_versions
from drafter.ops.check import run_check
from drafter.pins import text_pin
from drafter.pins.store import find_text, pins_dir, store_text
from drafter.workspace import Workspace

from .document_support import NOW, NOW_ENV, REV1, document_workspace, publish_rev1


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return document_workspace(tmp_path / "ws")


def check(draft: Path):
    lw = LoadedWorkspace.load(Workspace.open(draft.parent.parent), cache=False)
    return run_check(lw, draft, NOW).findings


def cli_run(draft: Path, *args: str):
    return CliRunner().invoke(cli, [*args, str(draft)], env=NOW_ENV, catch_exceptions=False)


def rev1_text(pid: str) -> str:
    doc = YAML(typ="safe").load(REV1.read_text(encoding="utf-8"))
    return next(p["text"] for p in doc["paragraphs"] if p["id"] == pid)


def test_the_zero_draft_comments_check_clean(draft):
    found = check(draft)
    assert [f for f in found if f.severity != "info"] == []
    # a paragraph nobody comments on is no gap: no `unanswered` for the document's paragraphs
    assert not [f for f in found if f.code == "unanswered"]


def test_a_new_revision_gives_paragraph_changed_for_each_commented_paragraph_it_changed(draft):
    publish_rev1(draft.parent.parent)
    changed = [f for f in check(draft) if f.code == "paragraph-changed"]
    # rev1 changes PP3 (no comment), OP2 and OP7 (commented): only the commented ones are reported
    assert sorted(f.question for f in changed) == ["OP2", "OP7"]
    for f in changed:
        assert f.severity == "warning" and f.question in f.message and "rev1" in f.message
        assert f.line and f.file and f.file.endswith("outcome-comments.yaml")
        assert "drafter diff" in (f.hint or "")


def test_a_comment_on_a_paragraph_the_revision_dropped_is_an_unknown_id(draft):
    publish_rev1(draft.parent.parent)  # rev1 has no OP6 (the draft asks to delete it)
    (f,) = [f for f in check(draft) if f.code == "unknown-question"]
    assert f.severity == "error" and f.question == "OP6"
    assert "no paragraph 'OP6'" in f.message and "rev1" in f.message
    assert f.line == 68  # the comment's `paragraph:` line


def test_drafter_diff_shows_the_paragraph_change_and_update_all_clears_it(draft):
    root = draft.parent.parent
    lw = LoadedWorkspace.load(Workspace.open(root), cache=False)
    keep_pinned_versions(lw, DraftEditor.load(draft))  # what opening the draft does: keep the pinned texts
    publish_rev1(root)

    out = cli_run(draft, "diff").output
    assert "OP7: paragraph changed since the comment was pinned" in out
    assert "-We decide to extend the mandate of the Internet Governance Forum for a further ten years" in out
    assert "+We decide to extend the mandate of the Internet Governance Forum for a further twenty years" in out
    assert "in words: replace 'ten' with 'twenty'; insert 'every five years' after 'on its work'" in out
    assert "OP2: paragraph changed" in out and "2 changed paragraphs" in out
    assert "PP3" not in out  # changed, but not commented on

    result = cli_run(draft, "update", "--all")
    assert result.exit_code == 0
    assert "OP7: comment pinned" in result.output and "2 comments re-pinned" in result.output
    assert not [f for f in check(draft) if f.code == "paragraph-changed"]
    comments = {c["paragraph"]: c for c in YAML(typ="safe").load(draft.read_text(encoding="utf-8"))["comments"]}
    assert comments["OP7"]["pinned"] == text_pin(rev1_text("OP7"))
    assert find_text(root / ".drafter", comments["OP7"]["pinned"]) == rev1_text("OP7")  # kept for the next revision
    assert "no changed blocks" in cli_run(draft, "diff").output


def test_diff_says_when_the_pinned_text_was_not_kept(draft):
    publish_rev1(draft.parent.parent)  # never opened: no copy of the zero draft's text
    out = cli_run(draft, "diff").output
    assert "OP7: paragraph changed" in out and "the pinned text is not available" in out


def test_update_block_leaves_comments_pinned_as_they_were(draft):
    publish_rev1(draft.parent.parent)
    cli_run(draft, "update", "--block", "permanent-igf-mandate")
    assert {f.question for f in check(draft) if f.code == "paragraph-changed"} == {"OP2", "OP7"}


def test_the_text_store_is_content_addressed_and_verified(tmp_path):
    state = tmp_path / ".drafter"
    pin = store_text(state, "We decide to extend the mandate.")
    assert pin == text_pin("We decide to extend the mandate.")
    assert find_text(state, pin) == "We decide to extend the mandate."
    (pins_dir(state) / f"{pin}.txt").write_text("Forged text.", encoding="utf-8")
    assert find_text(state, pin) is None  # a copy whose hash is not its name is ignored
    assert find_text(state, "0123456789ab") is None


def test_an_amendment_without_text_is_an_error(draft):
    editor = DraftEditor.load(draft)
    editor.delete_comment_key(1, "text")  # PP4's amendment
    editor.save()
    (f,) = [f for f in check(draft) if f.code == "schema"]
    assert f.question == "PP4" and "`amend`" in f.message and f.line


def test_a_second_proposal_for_one_paragraph_is_an_error(draft):
    """Two `amend`/`delete` comments on one paragraph: the redline can show one, so the second is named."""
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.rstrip("\n") + "\n  - paragraph: PP4\n    action: delete\n", encoding="utf-8")
    (f,) = [f for f in check(draft) if f.code == "schema"]
    assert f.question == "PP4" and "second proposal" in f.message and "`delete`" in f.message and "`amend`" in f.message
    assert f.line == len(text.rstrip("\n").splitlines()) + 2  # (the second one's `action:` line)
