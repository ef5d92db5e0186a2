"""The library pane and `drafter suggest` show one ranking for one draft state (both go through
`ops.suggest.suggest_in_context`), the pane ranks again after f10 takes a block, and `new --suggest`
writes only firm suggestions (neither weak nor a poor fit)."""

from __future__ import annotations

import json
from pathlib import Path

from drafter.model import BlockItem
from drafter.ops.suggest import NOTHING_COMMENT, REVIEW_COMMENT, suggest_in_context
from tests.test_cli import run_script
from tests.test_tui_support import app_for, show_suggestions, wait_for

NEEDS_WORK = Path("drafts") / "needs-work.yaml"


def _pane(screen) -> list[str]:
    """The refs of the library's rows that carry a strength bar, top to bottom."""
    from drafter.tui.widgets.library import LibraryPane

    library = screen.query_one(LibraryPane)
    listing = screen.query_one("#lib-list")
    refs = []
    for i, (lib, block) in enumerate(library.results):
        if not str(listing.get_option_at_index(i).prompt).startswith(("▰", "▱")):
            break
        refs.append(f"{lib.namespace}/{block.id}")
    return refs


def _command(screen, qid: str) -> list[str]:
    """What `suggest_in_context` (what `drafter suggest` prints) ranks for `qid` over the session's
    current state, without the weak ones (which the pane does not lead with)."""
    session = screen.session
    found = suggest_in_context(session.lw, session.context(), session.path, qid=qid, n=10)[0]
    return [s.ref for s in found.blocks if not s.weak]


async def test_the_library_pane_shows_the_suggest_commands_ranking_before_and_after_f10(ws):
    app = app_for(ws, NEEDS_WORK)  # 2.3 is unanswered there: f10 takes its best block
    async with app.run_test(size=(120, 40)) as pilot:
        screen, library = await show_suggestions(pilot, "2.3")
        before = _pane(screen)
        assert len(before) >= 3 and before == _command(screen, "2.3")
        # the same list as the command itself prints for the saved draft (names and order)
        out = run_script("suggest", str(NEEDS_WORK), "2.3", "-n", "10", "--format", "json", cwd=ws)
        printed = json.loads(out.stdout)["suggestions"][0]["blocks"]
        assert before == [b["ref"] for b in printed if not any(r.startswith("weak") for r in b["reasons"])]

        # f10 takes the best block not used yet; it is used now: the pane ranks again, as the command does
        used_before = {it.block for it in screen.session.items("2.3") if isinstance(it, BlockItem)}
        await pilot.press("f10")
        await wait_for(pilot, lambda: len(screen.session.items("2.3")) > len(used_before), what="a suggestion inserted")
        taken = next(it.block for it in screen.session.items("2.3") if isinstance(it, BlockItem) and it.block not in used_before)
        ref = f"tcg/{taken}"
        await wait_for(pilot, lambda: _pane(screen) != before, what="the library ranked again")
        after = _pane(screen)
        assert after == _command(screen, "2.3")
        assert ref in before and (ref not in after or after.index(ref) > before.index(ref))  # it lost its place
        if ref in after:
            assert "already used in 2.3" in library.suggested[ref].reasons  # and the preview says why
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: taken in (ws / NEEDS_WORK).read_text(encoding="utf-8"), what="the draft saved")
    out = run_script("suggest", str(NEEDS_WORK), "2.3", "-n", "10", "--format", "json", cwd=ws)
    printed = json.loads(out.stdout)["suggestions"][0]["blocks"]
    assert after == [b["ref"] for b in printed if not any(r.startswith("weak") for r in b["reasons"])]


CONSULTATION = """\
id: meeting-logistics
title: Meeting logistics and the IGF
organiser: Example organiser
language: en
deadline: 2026-12-31T23:59:00+00:00
sections:
  - id: '1'
    title: Questions
    questions:
      - id: '1.1'
        text: Should the IGF mandate be made permanent, and how could the IGF be strengthened?
      - id: '1.2'
        text: Which catering, hotels and restaurants do delegates prefer for dinner?
      - id: '1.3'
        text: Which venues and dates suit the delegates for the next meeting?
        themes: [technical-stability, transparency]
"""


def test_new_suggest_leaves_a_question_empty_when_its_best_block_is_weak_or_a_poor_fit(ws):
    from drafter.loaded import LoadedWorkspace
    from drafter.ops.suggest import DraftSuggester
    from drafter.questionnaire import build
    from drafter.workspace import Workspace
    from tests.test_tui_support import NOW

    (ws / "consultations" / "meeting-logistics.yaml").write_text(CONSULTATION, encoding="utf-8")
    lw = LoadedWorkspace.load(Workspace.open(ws))
    consultation = lw.consultations["meeting-logistics"].model
    targets = {t.id: t for t in build(consultation).targets}
    s = DraftSuggester(lw, consultation, NOW.date())
    assert not s.rank(targets["1.1"], 1)[0].weak
    off = s.rank(targets["1.2"], 3)
    assert off and all(x.weak for x in off)  # what the question's best blocks are: weak, nothing vouching
    # 1.3's blocks that share a theme are not weak (the theme vouches) but poor fits: under FIRM
    sharing = [x for x in s.rank(targets["1.3"], 10) if set(x.block.themes) & {"technical-stability", "transparency"}]
    assert sharing and not any(x.weak for x in sharing) and not any(x.firm for x in sharing)

    out = run_script("new", "meeting-logistics", "-o", "drafts/logistics.yaml", "--suggest", cwd=ws)
    assert out.returncode == 0, out.stderr
    assert "Suggested a block for 1 question:" in out.stdout
    lines = (ws / "drafts" / "logistics.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  '1.1':"))
    assert lines[at + 1].strip().startswith("- block: ") and lines[at + 1].rstrip().endswith(f"# {REVIEW_COMMENT}")
    empty = next(line for line in lines if line.startswith("  '1.2':"))
    assert empty.startswith("  '1.2': []") and empty.rstrip().endswith(f"· {NOTHING_COMMENT}")
    assert "1.2 Which catering" in empty  # the question's text stays in the comment
    poor = next(line for line in lines if line.startswith("  '1.3':"))
    assert poor.startswith("  '1.3': []") and poor.rstrip().endswith(f"· {NOTHING_COMMENT}")
    check = run_script("check", "drafts/logistics.yaml", "--format", "json", cwd=ws)
    assert not {f["code"] for f in json.loads(check.stdout)["findings"]} & {"yaml", "schema", "unknown-block", "duplicate-block"}
