"""The draft session and the operations the front doors share, driven without Textual or click."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft_editor import ConflictError, DraftEditor
from drafter.loaded import LoadedWorkspace
from drafter.model import BlockItem, TextItem
from drafter.ops.changes import block_diff, changed_blocks, update_draft
from drafter.ops.check import UnusableInput, run_check
from drafter.ops.consultations import consultation_rows
from drafter.ops.progress import draft_progress
from drafter.ops.render import render_draft
from drafter.ops.session import DraftSession, EditRefused
from drafter.ops.workspace import ConsultationNotFound, find_consultation, make_demo, new_draft
from drafter.workspace import Workspace

from .test_tui_support import NOW

EXAMPLE = Path("drafts") / "example-response.yaml"
NEEDS_WORK = Path("drafts") / "needs-work.yaml"


def load(ws: Path) -> LoadedWorkspace:
    return LoadedWorkspace.load(Workspace.open(ws))


def session(ws: Path, draft: Path = EXAMPLE) -> DraftSession:
    return DraftSession(load(ws), ws / draft, lambda: NOW)


def test_edits_go_through_the_editor_and_the_live_check_follows(ws):
    s = session(ws)
    lib, block = next((lib, b) for lib, b in s.index.blocks() if b.id == "transparency")
    before = s.check("4.2")
    assert before is not None and not before.answered
    at = s.insert_block("4.2", lib, block)
    assert at == 0 and s.items("4.2") == [BlockItem(block="transparency", pinned=s.items("4.2")[0].pinned)]
    assert s.check("4.2").answered and s.editor.dirty
    at = s.add_text("4.2", "Our closing words.")
    assert s.items("4.2")[at] == TextItem(text="Our closing words.")
    assert s.set_text("4.2", at, "Our last words.") and not s.set_text("4.2", at, "Our last words.")
    assert s.move("4.2", at, -1) == 0 and isinstance(s.items("4.2")[0], TextItem)
    assert s.toggle_variant("4.2", 1) == "short" and s.items("4.2")[1].variant == "short"
    with pytest.raises(EditRefused, match="not a library block"):
        s.toggle_variant("4.2", 0)
    s.remove("4.2", 0)
    assert [type(i).__name__ for i in s.items("4.2")] == ["BlockItem"]
    assert s.autosave() == "saved" and not s.editor.dirty
    saved = DraftEditor.load(ws / EXAMPLE).model()
    assert saved is not None and saved.answers["4.2"][0].variant == "short"


def test_a_conflict_writes_the_recovery_file_never_the_draft(ws):
    s = session(ws)
    s.add_text("4.2", "Mine.")
    other = DraftEditor.load(ws / EXAMPLE)  # someone else answers the same question, differently
    other.set_respondent("organisation", "Their Registry")
    other.add_text("4.2", "Theirs.")
    other.save()
    theirs = (ws / EXAMPLE).read_text(encoding="utf-8")
    assert s.autosave() == "conflict" and s.conflict
    assert (ws / EXAMPLE).read_text(encoding="utf-8") == theirs
    assert "Mine." in s.recovery_path.read_text(encoding="utf-8")
    with pytest.raises(ConflictError):
        s.save()
    s.reload()
    assert "Their Registry" in s.editor.text() and not s.conflict
    assert "Mine." in (s.recovery_path.parent / (EXAMPLE.name + ".discarded")).read_text(encoding="utf-8")


def test_a_restored_recovery_merges_with_a_later_change_to_another_answer(ws):
    """The recovered text is the user's edit over the file as it was when restored: another writer's
    change to another answer afterwards is merged on save, not a conflict."""
    s = session(ws)
    s.add_text("4.2", "Recovered words.")
    s.write_recovery()
    s = session(ws)
    s.restore_recovery()
    other = DraftEditor.load(ws / EXAMPLE)
    other.set_respondent("organisation", "Their Registry")
    other.save()
    assert s.save() == "merged"
    text = (ws / EXAMPLE).read_text(encoding="utf-8")
    assert "Recovered words." in text and "Their Registry" in text


def test_a_renamed_draft_takes_its_recovery_with_it(ws):
    """Text kept in the recovery file (a conflict left open) is offered again when the draft, renamed
    meanwhile, is opened under its new name; a recovery already kept for that name is not replaced."""
    from drafter.ops.drafts import rename_draft

    s = session(ws)
    s.add_text("4.2", "Words only the recovery file has.")
    s.write_recovery(s.recovery_path.with_name(EXAMPLE.name + ".discarded"))
    s.write_recovery()
    renamed = rename_draft(ws / EXAMPLE, "renamed", ws / ".drafter")
    moved = session(ws, Path("drafts") / "renamed.yaml")
    assert moved.recovery_available() and "Words only the recovery file has." in moved.recovery_path.read_text(encoding="utf-8")
    assert (moved.recovery_path.parent / "renamed.yaml.discarded").is_file()
    assert not s.recovery_path.exists()
    moved.restore_recovery()
    assert "Words only the recovery file has." in moved.editor.text()

    mine = moved.recovery_path
    mine.write_text("mine\n", encoding="utf-8")
    theirs = mine.parent / "gone.yaml"  # left by a draft of that name deleted since
    theirs.write_text("theirs\n", encoding="utf-8")
    rename_draft(renamed, "gone", ws / ".drafter")
    assert theirs.read_text(encoding="utf-8") == "theirs\n" and mine.read_text(encoding="utf-8") == "mine\n"  # neither lost


def test_a_changed_block_is_diffed_and_accepted_through_the_session(ws):
    s = session(ws, NEEDS_WORK)
    (use,) = changed_blocks(s.lw, s.editor)
    assert use.ref == "community-centred-connectivity" and use.qid == "2.2"
    assert s.change_at("2.2", use.index) == use
    diff = s.diff(use)
    assert diff.pinned is not None and any(line.startswith("-keep skills and revenue in the local community") for line in diff.lines())
    assert s.accept(use) == use.current and s.change_at("2.2", use.index) is None
    assert changed_blocks(s.lw, s.editor) == []


def test_render_is_refused_while_errors_remain_and_writes_nothing(ws):
    lw = load(ws)
    out = ws / "out.md"
    outcome = render_draft(lw, ws / NEEDS_WORK, NOW, out=out)
    assert outcome.refused and outcome.errors and not out.exists()
    forced = render_draft(lw, ws / NEEDS_WORK, NOW, out=out, force=True)
    assert forced.path == out and out.read_text(encoding="utf-8").startswith("# WSIS+20 Review")
    docx = render_draft(lw, ws / EXAMPLE, NOW)
    assert docx.path == ws / "drafts" / "example-response.docx" and docx.path.stat().st_size > 10_000


def test_the_session_renders_its_unsaved_state(ws):
    s = session(ws)
    s.add_text("4.2", "Unsaved closing words.")
    outcome = s.render("md", ws / "live.md")
    assert outcome.path is not None and "Unsaved closing words." in (ws / "live.md").read_text(encoding="utf-8")
    assert "Unsaved closing words." not in (ws / EXAMPLE).read_text(encoding="utf-8")


def test_progress_counts_what_the_check_counts(ws):
    lw = load(ws)
    rows = {r.name: r for r in draft_progress(lw, NOW)}
    needs = rows["needs-work.yaml"]
    check = run_check(lw, ws / NEEDS_WORK, NOW)
    assert needs.errors == sum(f.severity == "error" for f in check.findings)
    assert needs.answered == sum(r.answered for r in check.results.values())
    assert (needs.targets, needs.required) == (17, 7) and needs.required_answered < needs.required
    assert rows["example-response.yaml"].errors == 0
    (ws / "drafts" / "broken.yaml").write_text("consultation: nope\n", encoding="utf-8")
    broken = {r.name: r for r in draft_progress(lw, NOW)}["broken.yaml"]
    assert broken.problem and "nope" in broken.problem


def test_consultation_rows_soonest_first(ws):
    later = (ws / "consultations" / "wsis20-review.yaml").read_text(encoding="utf-8")
    (ws / "consultations" / "later.yaml").write_text(
        later.replace("id: wsis20-review", "id: a-later-call").replace("deadline: 2026-12-15", "deadline: 2027-03-01"), encoding="utf-8"
    )
    rows = consultation_rows(load(ws), NOW)
    # open calls first, soonest first; then the sample's past calls (kept as examples), latest closed first
    assert [r.id for r in rows] == [
        "wsis20-review", "wsis20-zero-draft", "francophonie-numerique", "a-later-call", "icann-dns-abuse-amendments", "igf-2018-taking-stock"
    ]
    assert [r.state for r in rows[4:]] == ["passed", "passed"]
    assert rows[0].state in ("open", "near") and rows[0].targets == 17 and rows[0].deadline_moved


def test_new_draft_never_overwrites_and_unknown_consultations_are_named(ws):
    lw = load(ws)
    lc = find_consultation(lw, "wsis20-review")
    first = new_draft(lw, lc, NOW.date())
    second = new_draft(lw, lc, NOW.date())
    assert first != second and first.exists() and second.exists()
    with pytest.raises(FileExistsError):
        new_draft(lw, lc, NOW.date(), out=first)
    with pytest.raises(ConsultationNotFound, match="known: francophonie-numerique, icann-dns-abuse-amendments, igf-2018-taking-stock, wsis20-review"):
        find_consultation(lw, "nope")


def test_update_repins_and_an_unusable_draft_is_reported(ws):
    lw = load(ws)
    done = update_draft(lw, ws / NEEDS_WORK, all_blocks=True)
    assert [u.ref for u in done] == ["community-centred-connectivity"]
    assert block_diff(lw, done[0]).current
    (ws / "drafts" / "broken.yaml").write_text("consultation: [\n", encoding="utf-8")
    with pytest.raises(UnusableInput):
        run_check(lw, ws / "drafts" / "broken.yaml", NOW)


def test_demo_is_a_fresh_copy(tmp_path):
    folder, draft = make_demo(tmp_path)
    assert folder.parent == tmp_path and draft == folder / EXAMPLE and draft.is_file()
    assert (folder / "drafter.yaml").is_file()
