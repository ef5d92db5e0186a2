"""Comments on a document's paragraphs through the draft session (`ops.comments`), without Textual."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft_editor import DraftEditor
from drafter.loaded import LoadedWorkspace
from drafter.model import BlockItem, TextItem
from drafter.ops.comments import CommentRefused
from drafter.ops.session import DraftSession
from drafter.pins import text_pin
from drafter.pins.store import find_text
from drafter.workspace import Workspace

from .comment_doc_support import OP1, document_workspace, revise
from .test_tui_support import NOW


def session(ws: Path) -> DraftSession:
    path = document_workspace(ws)
    return DraftSession(LoadedWorkspace.load(Workspace.open(ws)), path, lambda: NOW)


def saved(s: DraftSession):
    s.save()
    model = DraftEditor.load(s.path).model()
    assert model is not None
    return model


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_amendment_starts_from_the_paragraph_pinned_to_its_text(ws):
    s = session(ws)
    assert s.comment("OP1") is None and s.comment_index("OP1") is None
    s.set_action("OP1", "amend")
    c = s.comment("OP1")
    assert c is not None and (c.action, c.text, c.pinned) == ("amend", OP1, text_pin(OP1))
    assert s.set_proposed("OP1", OP1.replace("for ten years", "permanently"))
    assert not s.set_proposed("OP1", OP1.replace("for ten years", "permanently"))
    (comment,) = saved(s).comments
    assert (comment.paragraph, comment.action, comment.pinned) == ("OP1", "amend", text_pin(OP1))
    # the text pinned is kept, so a later revision's change can be diffed even if the draft is not reopened first
    assert find_text(s.lw.ws.state_dir, text_pin(OP1)) == OP1
    assert comment.text == "Decides to renew the mandate of the Internet Governance Forum permanently."
    text = s.path.read_text(encoding="utf-8")
    assert "# one comment per paragraph" in text  # the file's own comment survives
    assert text.index("paragraph: OP1") < text.index("action: amend") < text.index("text:") < text.index("rationale:") < text.index("pinned:")


def test_comments_stand_in_the_documents_order_and_a_comment_has_no_text(ws):
    s = session(ws)
    s.start_comment("OP2")
    s.start_comment("PP1", "insert-after")
    s.set_proposed("PP1", "Recalling also the NETmundial principles,")
    s.start_comment("OP1", "delete")
    model = saved(s)
    assert [(c.paragraph, c.action, c.text) for c in model.comments] == [
        ("PP1", "insert-after", "Recalling also the NETmundial principles,"), ("OP1", "delete", None), ("OP2", "comment", None)]
    assert s.comment_actions() == {"PP1": "insert-after", "OP1": "delete", "OP2": "comment"}


def test_a_comment_or_delete_drops_the_proposed_text_and_undo_brings_it_back(ws):
    s = session(ws)
    s.set_action("OP1", "amend")
    s.set_proposed("OP1", "Decides to make the Forum permanent.")
    assert s.set_action("OP1", "comment") and s.comment("OP1").text is None
    assert not s.set_action("OP1", "comment")
    step = s.undo()
    assert step is not None and step.qid == "OP1"
    assert (s.comment("OP1").action, s.comment("OP1").text) == ("amend", "Decides to make the Forum permanent.")
    s.set_action("OP1", "insert-after")  # a text typed as an amendment stays when it becomes a new paragraph
    assert s.comment("OP1").text == "Decides to make the Forum permanent."


def test_typing_the_proposed_text_is_undone_a_word_at_a_time(ws):
    s = session(ws)
    clock = Clock()
    s.history.clock = clock
    s.start_comment("PP1", "insert-after")
    for text in ["R", "Re", "Recalling", "Recalling ", "Recalling a", "Recalling all"]:
        clock.now += 0.2
        s.set_proposed("PP1", text)
    assert s.undo() is not None and s.comment("PP1").text == "Recalling"
    assert s.undo() is not None and s.comment("PP1").text == ""
    assert s.undo() is not None and s.comment("PP1") is None
    s.redo()
    s.redo()
    assert s.comment("PP1").text == "Recalling"


def test_rationale_items_start_the_comment_and_use_the_item_operations(ws):
    s = session(ws)
    lib, block = next((lib, b) for lib, b in s.index.blocks() if b.id == "capacity-building")
    assert s.target("OP2").loc == ("comments",)
    at = s.insert_block("OP2", lib, block)  # no comment yet: one is started, the block goes in its rationale
    assert at == 0 and s.target("OP2").loc == ("comments", 0, "rationale")
    at = s.add_text("OP2", "Governments are one stakeholder among several.")
    assert s.set_text("OP2", at, "Governments are one of several stakeholders.")
    assert s.move("OP2", at, -1) == 0
    items = s.items("OP2")
    assert isinstance(items[0], TextItem) and isinstance(items[1], BlockItem) and items[1].pinned
    assert s.check("OP2").answered
    (comment,) = saved(s).comments
    assert (comment.paragraph, comment.action, comment.pinned) == ("OP2", "comment", text_pin("Calls upon governments to lead the governance of the Internet."))
    assert [type(i).__name__ for i in comment.rationale] == ["TextItem", "BlockItem"]
    s.remove("OP2", 0)
    assert len(s.items("OP2")) == 1
    while s.undo() is not None:
        pass
    assert s.comment("OP2") is None  # undoing the first insert takes the started comment back too


def test_remove_comment_and_undo(ws):
    s = session(ws)
    s.set_action("OP1", "amend")
    s.add_text("OP1", "Stability needs a permanent Forum.")
    s.remove_comment("OP1")
    assert s.comment("OP1") is None and s.items("OP1") == []
    s.undo()
    assert s.comment("OP1").action == "amend" and s.items("OP1") == [TextItem(text="Stability needs a permanent Forum.")]
    with pytest.raises(CommentRefused, match="no comment"):
        s.remove_comment("OP2")
    with pytest.raises(CommentRefused, match="not a paragraph"):
        s.set_action("ZZ9", "amend")
    with pytest.raises(CommentRefused, match="not an action"):
        s.set_action("OP1", "rewrite")


def test_a_new_revision_is_noticed_and_the_comment_re_based(ws):
    s = session(ws)
    s.set_action("OP1", "amend")
    mine = "Decides to make the mandate of the Internet Governance Forum permanent."
    s.set_proposed("OP1", mine)
    s.save()
    assert s.paragraph_change("OP1") is None
    new = "Decides to renew the mandate of the Internet Governance Forum for a further ten years."
    revise(ws, OP1, new)
    s.use_workspace(LoadedWorkspace.load(Workspace.open(ws)))
    change = s.paragraph_change("OP1")
    assert change is not None and (change.pinned, change.current, change.text) == (text_pin(OP1), text_pin(new), new)
    assert s.rebase_comment("OP1") == text_pin(new)
    assert s.paragraph_change("OP1") is None and s.comment("OP1").text == mine  # the proposal is kept
    s.undo()
    assert s.paragraph_change("OP1") is not None
    s.rebase_comment("OP1", take_paragraph=True)  # or start the amendment again from the new text
    assert s.comment("OP1").text == new and s.comment("OP1").pinned == text_pin(new)
    (comment,) = saved(s).comments
    assert comment.pinned == text_pin(new)
