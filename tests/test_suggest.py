"""Suggestions: the ranking (themes, use, fit, scores and reasons), `drafter suggest` and its JSON,
`new --suggest`, the index kept warm in the cache, the library pane's suggestions and f10, and a
quality gate on the evaluation set of benchmarks/data/suggest."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from drafter.library import load_index
from drafter.model import BlockItem, LibraryRef, Limit
from drafter.questionnaire import Heading, Target
from drafter.suggest import rank, ranking, strength_bar, suggest_index, themes, tokens
from drafter.suggest.index import BUILDS
from tests.test_cli import run_script
from tests.test_tui_support import NOW, SAMPLE_DRAFT, app_for, show_suggestions, wait_for

TODAY = NOW.date()
BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def question(text: str, themes: tuple[str, ...] = (), limit: Limit | None = None, qid: str = "1") -> Target:
    return Target(id=qid, number=qid, text=text, guidance=None, required=True, limit=limit, themes=themes, kind="question",
                  answer="text", choices=(), where="document", heading=Heading("s", "S"), loc=("answers", qid))


def block(folder: Path, bid: str, themes: list[str], body: str, short: str | None = None, reviewed: str = "2026-10-01", title: str = "") -> None:
    lines = [f"id: {bid}", f"title: {title or bid.replace('-', ' ')}", "themes:", *(f"  - {t}" for t in themes), "body: |", *(f"  {line}" for line in body.splitlines())]
    if short:
        lines += ["short: |", f"  {short}"]
    lines.append(f"reviewed: {reviewed}")
    (folder / f"{bid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A library of five blocks: two alike but for their themes, one long with a short variant."""
    lib = tmp_path / "lib"
    (lib / "blocks").mkdir(parents=True)
    (lib / "library.yaml").write_text(
        "name: Tiny\nnamespace: t\nreview_every_days: 365\nthemes:\n  - id: routing\n    label: Routing\n  - id: other\n    label: Other\n",
        encoding="utf-8",
    )
    text = "Routing security improves when operators validate route origins and filter announcements."
    block(lib / "blocks", "zulu-routing", ["routing"], text, title="Routing")  # after alpha by name: only its theme puts it first
    block(lib / "blocks", "alpha-routing", ["other"], text, title="Routing")
    block(lib / "blocks", "long-routing", ["routing"], " ".join(["Routing security and route origin validation."] * 40), short="Validate route origins.")
    block(lib / "blocks", "ipv6", ["other"], "IPv6 deployment keeps addresses plentiful.", reviewed="2020-01-01")
    block(lib / "blocks", "fellowships", ["other"], "Fellowships bring newcomers to meetings.")
    return lib


def ranked(lib: Path, target: Target, **kw):
    index = load_index([(LibraryRef(path=str(lib)), lib)])
    return rank(suggest_index(index, "en", None), target, today=TODAY, n=5, **kw)


def test_shared_themes_rank_a_block_up(tiny):
    got = ranked(tiny, question("How can routing security be improved by operators?", themes=("routing",)))
    refs = [s.ref for s in got]
    assert refs.index("t/zulu-routing") < refs.index("t/alpha-routing")  # the same text: the shared theme decides
    top = got[0]
    assert "themes shared: routing" in top.reasons
    assert any(r.startswith("words matched: ") and "routing" in r for r in top.reasons)
    assert all(0.0 <= s.score <= 1.0 and s.reasons for s in got)
    assert [s.score for s in got] == sorted((s.score for s in got), reverse=True)


def test_a_block_already_used_ranks_down(tiny):
    q = question("How can routing security be improved by operators?", themes=("routing",))
    free = ranked(tiny, q)
    used = ranked(tiny, q, used={"t/zulu-routing": ["2.1"]})
    assert free[0].ref == "t/zulu-routing"
    assert used[0].ref != "t/zulu-routing"
    again = next(s for s in used if s.ref == "t/zulu-routing")
    assert "already used in 2.1" in again.reasons
    assert again.score < next(s for s in free if s.ref == "t/zulu-routing").score


def test_a_block_that_fits_only_with_short_gets_the_short_variant(tiny):
    got = ranked(tiny, question("Route origin validation", themes=("routing",), limit=Limit(words=50)))
    long = next(s for s in got if s.ref == "t/long-routing")
    assert long.variant == "short"
    assert "fits 50 words with short" in long.reasons
    fits = next(s for s in got if s.ref == "t/zulu-routing")
    assert fits.variant == "body" and "fits 50 words" in fits.reasons


@pytest.fixture
def vocab_lib(tmp_path: Path) -> Path:
    """Blocks whose own words do not say what the theme's description says."""
    lib = tmp_path / "vocab"
    (lib / "blocks").mkdir(parents=True)
    (lib / "library.yaml").write_text(
        "name: Vocab\nnamespace: v\nreview_every_days: 365\nthemes:\n"
        "  - id: interconnection\n    label: Interconnection\n    description: Peering at Internet exchange points keeps local traffic local.\n"
        "  - id: meetings\n    label: Meetings\n",
        encoding="utf-8",
    )
    block(lib / "blocks", "zeta-exchange", ["interconnection"], "Operators meet at shared facilities to hand over routes.", title="Shared facilities")
    block(lib / "blocks", "alpha-meetings", ["meetings"], "Operators meet, and operators meet again, at shared facilities.", title="Shared facilities")
    block(lib / "blocks", "phrase", ["meetings"], "The technical community runs the network.", title="Who runs it")
    block(lib / "blocks", "apart", ["meetings"], "Community networks need technical help, and technical staff help community networks.", title="Who runs it")
    return lib


def test_a_questions_words_reach_its_themes_through_the_theme_vocabulary(vocab_lib, monkeypatch):
    q = question("How can operators encourage peering?")  # no themes set; "peering" is in no block's text
    got = ranked(vocab_lib, q)
    assert got[0].ref == "v/zeta-exchange"  # its theme's description names peering
    monkeypatch.setattr(themes, "W_VOCAB", 0.0)
    assert ranked(vocab_lib, q)[0].ref == "v/alpha-meetings"  # without the vocabulary: the words alone decide


def test_a_phrase_counts_more_than_its_words_apart(vocab_lib, monkeypatch):
    q = question("What is the role of the technical community?")
    got = ranked(vocab_lib, q)
    refs = [s.ref for s in got]
    assert refs.index("v/phrase") < refs.index("v/apart")
    assert any(r.startswith("words matched: technical community") for r in got[refs.index("v/phrase")].reasons)
    monkeypatch.setattr(tokens, "BIGRAMS", False)
    refs = [s.ref for s in ranked(vocab_lib, q)]
    assert refs.index("v/apart") < refs.index("v/phrase")  # without the phrase, the text with the words more often wins


def test_query_expansion_brings_up_a_block_with_the_words_of_the_best_matches(tmp_path, monkeypatch):
    lib = tmp_path / "prf"
    (lib / "blocks").mkdir(parents=True)
    (lib / "library.yaml").write_text("name: PRF\nnamespace: p\nreview_every_days: 365\nthemes:\n  - id: other\n    label: Other\n", encoding="utf-8")
    blocks = lib / "blocks"
    block(blocks, "essentials-a", ["other"], "To protect the essentials of the internet, keep unique identifiers, root servers, registries and open protocols coordinated.", title="Protecting the internet")
    block(blocks, "essentials-b", ["other"], "Protecting the internet's essentials means stable registries, unique identifiers, open protocols and a single root.", title="The essentials")
    # no word of the question, many of its two best matches; after the fillers by name, so a tie leaves it out
    block(blocks, "technical-layer", ["other"], "Unique identifiers, root servers, registries and open protocols: the technical layer stays coordinated and single.", title="The technical layer")
    for i, text in enumerate(["Fellowships bring newcomers to meetings.", "Spectrum auctions fund rural towers.", "Budgets for travel grants grow each year.", "Hotels near the venue fill early."]):
        block(blocks, f"filler-{i}", ["other"], text, title=f"Filler {i}")
    q = question("How do you protect the essentials of the global Internet?")
    got = ranked(lib, q)
    top3 = [s.ref for s in got[:3]]
    assert top3[:2] == ["p/essentials-a", "p/essentials-b"] and top3[2] == "p/technical-layer"
    layer = got[2]
    assert not any(r.startswith("words matched") for r in layer.reasons) and layer.weak  # none of the question's words
    monkeypatch.setattr(ranking, "FEEDBACK_WEIGHT", 0.0)
    assert "p/technical-layer" not in [s.ref for s in ranked(lib, q)[:3]]


def test_a_suggestion_with_few_of_the_questions_words_is_weak(tiny):
    off = ranked(tiny, question("Which catering, venues, hotels and fellowships budgets do delegates prefer?"))
    assert off and all(s.weak and "weak: few of the question's words" in s.reasons for s in off)
    on = ranked(tiny, question("How can routing security be improved?"))
    assert not on[0].weak and not any(r.startswith("weak") for r in on[0].reasons)
    vouched = ranked(tiny, question("Which catering, venues, hotels and fellowships budgets do delegates prefer?", themes=("routing",)))
    assert any(s.ref == "t/zulu-routing" and not s.weak for s in vouched)  # a theme set on the question vouches for it


def test_a_block_due_for_review_says_so(tiny):
    got = ranked(tiny, question("IPv6 deployment"))
    assert got[0].ref == "t/ipv6" and "due for review" in got[0].reasons


def test_the_index_is_reused_warm_and_rebuilt_only_when_a_block_changes(tiny, tmp_path):
    cache = tmp_path / "cache"
    refs = [(LibraryRef(path=str(tiny)), tiny)]
    before = len(BUILDS)
    first = suggest_index(load_index(refs), "en", cache)
    assert first.built and len(BUILDS) == before + 1
    second = suggest_index(load_index(refs), "en", cache)  # a new run: only the cache on disk
    assert not second.built and len(BUILDS) == before + 1
    assert [d.ref for d in second.docs] == [d.ref for d in first.docs]
    block(tiny / "blocks", "fellowships", ["other"], "Fellowships and mentoring bring newcomers to routing meetings.")
    third = suggest_index(load_index(refs), "en", cache)
    assert third.built and len(BUILDS) == before + 2
    got = rank(third, question("mentoring"), today=TODAY, n=1)
    assert got[0].ref == "t/fellowships"  # the changed text is what is indexed


def test_suggest_json_shape_via_the_cli(ws):
    out = run_script("suggest", str(SAMPLE_DRAFT), "2.1", "-n", "3", "--format", "json", cwd=ws)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert list(doc) == ["suggestions"] and len(doc["suggestions"]) == 1
    entry = doc["suggestions"][0]
    assert entry["question"] == "2.1" and len(entry["blocks"]) == 3
    for b in entry["blocks"]:
        assert set(b) == {"ref", "score", "variant", "reasons"}
        assert b["ref"].startswith("tcg/") and 0 <= b["score"] <= 1 and b["variant"] in ("body", "short")
        assert b["reasons"] and all(isinstance(r, str) for r in b["reasons"])
    scores = [b["score"] for b in entry["blocks"]]
    assert scores == sorted(scores, reverse=True)
    every = json.loads(run_script("suggest", str(SAMPLE_DRAFT), "--format", "json", cwd=ws).stdout)
    assert len(every["suggestions"]) > 5
    unknown = run_script("suggest", str(SAMPLE_DRAFT), "9.9", cwd=ws)
    assert unknown.returncode == 2 and "no question '9.9'" in unknown.stderr


def test_new_suggest_writes_pinned_blocks_marked_for_review_and_the_draft_checks(ws):
    out = run_script("new", "wsis20-review", "-o", "drafts/suggested.yaml", "--suggest", cwd=ws)
    assert out.returncode == 0, out.stderr
    text = (ws / "drafts" / "suggested.yaml").read_text(encoding="utf-8")
    block_lines = [line for line in text.splitlines() if line.strip().startswith("- block:")]
    assert len(block_lines) >= 10
    assert all(line.rstrip().endswith("# suggested: review") for line in block_lines)
    assert text.count("pinned: ") == len(block_lines)
    assert "variant: short" in text  # 2.4 (120 words) takes capacity-building's short variant
    check = run_script("check", "drafts/suggested.yaml", "--format", "json", cwd=ws)
    codes = {f["code"] for f in json.loads(check.stdout)["findings"]}
    assert not codes & {"yaml", "schema", "unknown-block", "block-changed", "over-limit", "theme-mismatch", "duplicate-block"}


def _unuse(ws: Path, ref: str) -> None:
    """Take block `ref` out of the sample draft (one `- block:` item and its pin)."""
    path = ws / SAMPLE_DRAFT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index(f"    - block: {ref}\n")
    end = at + 1
    while not lines[end].lstrip().startswith("- ") and lines[end].startswith("      "):
        end += 1
    path.write_text("".join(lines[:at] + lines[end:]), encoding="utf-8")


NEEDS_WORK = Path("drafts") / "needs-work.yaml"


def _use(ws: Path, draft: Path, qid: str, ref: str) -> None:
    """Answer `qid` of `draft` with block `ref` too (pinned), as the UI would."""
    from drafter.draft_editor import DraftEditor
    from drafter.loaded import LoadedWorkspace
    from drafter.pins.store import store
    from drafter.workspace import Workspace

    lw = LoadedWorkspace.load(Workspace.open(ws))
    _, block = lw.index.resolve(ref)
    editor = DraftEditor.load(ws / draft)
    editor.insert_block(("answers", qid), ref, store(lw.ws.state_dir, block, "en"))
    editor.save()


async def test_library_pane_lists_the_suggestions_first_and_f10_takes_the_best_one_not_used(ws):
    from drafter.ops.suggest import used_in
    _use(ws, NEEDS_WORK, "2.4", "listening-to-developing-countries")  # 2.3's best fit, used in 2.4 now
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, library = await show_suggestions(pilot, "2.3")
        found = screen.suggestions()
        top = found[0]
        lib, first = library.results[0]
        assert (lib.namespace, first.id) == (top.lib.namespace, top.block.id)
        row = str(screen.query_one("#lib-list").get_option_at_index(0).prompt)
        assert row.startswith(strength_bar(top.score))
        used = used_in(screen.session.index, screen.session.context().response)
        listed = [s.ref for s in found]
        # the block used in 2.4 is still listed (ranked down): taking it would be a duplicate-block
        assert "tcg/listening-to-developing-countries" in used and "tcg/listening-to-developing-countries" in listed
        best = next(s for s in found if s.ref not in used)
        assert best.firm
        before = [it.block for it in screen.session.items("2.3") if isinstance(it, BlockItem)]
        await pilot.press("f10")
        await wait_for(pilot, lambda: len(screen.session.items("2.3")) == len(before) + 1, what="a suggestion inserted")
        after = [it.block for it in screen.session.items("2.3") if isinstance(it, BlockItem)]
        assert sorted(set(after) - set(before)) == [best.block.id] and "listening-to-developing-countries" not in after
        await pilot.press("ctrl+s")
    assert f"- block: {best.block.id}" in (ws / NEEDS_WORK).read_text(encoding="utf-8")
    check = run_script("check", str(NEEDS_WORK), "--format", "json", cwd=ws)
    duplicates = [f["message"] for f in json.loads(check.stdout)["findings"] if f["code"] == "duplicate-block"]
    assert duplicates and not [m for m in duplicates if best.block.id in m]  # the sample's own duplicate only


async def test_f10_leaves_a_poor_fit_for_the_user_to_choose(ws):
    """Once the blocks that fit 1.1 are used, the best one left shares a theme and hardly a word
    ("DNS abuse" for "describe your organisation"): f10 says so and inserts nothing."""
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, library = await show_suggestions(pilot, "1.1")
        best = screen.question_suggestions().best_unused()
        assert best is not None and not best.firm and best.score < ranking.FIRM
        assert library.suggested[best.ref]  # still listed in the pane, with its bar, for the user to choose
        before = list(screen.session.items("1.1"))
        await pilot.press("f10")
        await wait_for(pilot, lambda: any("poor fit" in n.message for n in app._notifications), what="the notice")
        notice = next(n.message for n in app._notifications if "poor fit" in n.message)
        assert best.block.title in notice and f"{best.score:.2f}" in notice
        assert list(screen.session.items("1.1")) == before


async def test_f10_says_so_when_every_suggestion_is_already_in_the_draft(ws):
    from drafter.ops.suggest import used_in
    app = app_for(ws, SAMPLE_DRAFT)  # the sample draft uses every block suggested for 2.3
    async with app.run_test(size=(120, 40)) as pilot:
        screen, library = await show_suggestions(pilot, "2.3")
        used = used_in(screen.session.index, screen.session.context().response)
        assert all(s.ref in used for s in screen.suggestions())
        before = list(screen.session.items("2.3"))
        await pilot.press("f10")
        await wait_for(pilot, lambda: any("already in this draft" in n.message for n in app._notifications), what="the notice")
        assert list(screen.session.items("2.3")) == before


async def test_weak_suggestions_get_no_strength_bar_and_do_not_lead_the_list(ws):
    from drafter.ops.suggest import used_in
    draft = Path("drafts") / "reponse-francophonie.yaml"
    app = app_for(ws, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, library = await show_suggestions(pilot, "2.3")
        session = screen.session
        ranked = screen._suggester.rank(session.questionnaire.get("2.3"), 10, used_in(session.index, session.context().response))
        weak = [s for s in ranked if s.weak]
        strong = [s for s in ranked if not s.weak]
        assert weak and strong and all("weak: few of the question's words" in s.reasons for s in weak)
        assert list(library.suggested) == [s.ref for s in strong]
        listing = screen.query_one("#lib-list")
        rows = {f"{lib.namespace}/{b.id}": str(listing.get_option_at_index(i).prompt) for i, (lib, b) in enumerate(library.results[:20])}
        assert [f"{lib.namespace}/{b.id}" for lib, b in library.results[: len(strong)]] == [s.ref for s in strong]
        for s in weak:
            assert s.ref not in rows or not rows[s.ref].startswith(("▰", "▱"))


def _bench():
    sys.path.insert(0, str(BENCH))
    try:
        import bench_suggest
    finally:
        sys.path.remove(str(BENCH))
    return bench_suggest


def test_the_evaluation_set_splits_by_call_into_two_halves():
    bench = _bench()
    questions, fresh = bench.eval_questions(), bench.eval_questions("questions-fresh.yaml")
    halves = bench.split(questions)
    assert len(questions) >= 30 and len(fresh) >= 30 and halves["all"] == [*questions, *fresh] and halves["fresh"] == fresh
    tuning, held = {q["id"] for q in halves["tuning"]}, {q["id"] for q in halves["held-out"]}
    assert not tuning & held and len(tuning) + len(held) == len(halves["all"]) == len(tuning | held)
    assert abs(len(tuning) - len(held)) <= 3
    assert not {bench.call_of(q) for q in halves["tuning"]} & {bench.call_of(q) for q in halves["held-out"]}
    # the fresh questions come from calls of their own, and each half has some of them
    assert not {bench.call_of(q) for q in questions} & {bench.call_of(q) for q in fresh}
    assert all({q["id"] for q in fresh} & half for half in (tuning, held))


def test_every_judgment_names_a_block_of_the_evaluation_libraries(tmp_path):
    bench = _bench()
    lw = bench.eval_workspace(tmp_path / "eval")
    refs = {f"{lib.namespace}/{b.id}" for lib, b in lw.index.blocks()}
    questions = bench.split(bench.eval_questions())["all"]
    second = bench.second_judge()
    assert set(second) == {q["id"] for q in questions}  # the second judge judged every question
    for q in questions:
        assert q["relevant"] and set(q["relevant"]) <= refs, q["id"]
        assert set(second[q["id"]]) <= refs, q["id"]


def test_quality_gate_on_the_held_out_half(tmp_path):
    bench = _bench()
    lw = bench.eval_workspace(tmp_path / "eval")
    q = bench.quality(lw)
    recall, mrr = q["held-out"]["suggest"]
    # GOAL: recall@3 >= 0.9 (issue 13), not reached. On the held-out half, which no weight was tuned
    # on: 0.750 / MRR 0.904 (without the query expansion 0.724 / 0.889; plain BM25 0.579 / 0.856); on
    # the fresh questions (further calls, judged before any ranking was run on them) 0.545 / 0.767.
    assert recall >= 0.74 and mrr >= 0.89
    assert recall > q["held-out"]["bm25"][0]
    assert recall >= q["held-out"]["unexpanded"][0] and mrr >= q["held-out"]["unexpanded"][1] - 0.01
    # the tuning half (in-sample: 0.662 / 0.848), the fresh questions and the whole set stay ahead of plain BM25
    for group in ("tuning", "fresh", "all"):
        assert q[group]["suggest"][0] > q[group]["bm25"][0], group
    # a second judge, blind, agrees with the first judgments (0.905 recall@3 of their first three):
    # the goal of 0.9 is what a second reader reaches; suggest scored on the second judge's judgments stays
    # as far below it as on the first judge's
    agree = bench.agreement(lw)
    assert agree["all"]["judge"][0] >= 0.85
    assert 0.6 <= agree["all"]["suggest"][0] < agree["all"]["judge"][0]


def test_strength_bar():
    assert strength_bar(0.0) == "▱▱▱▱▱" and strength_bar(1.0) == "▰▰▰▰▰" and strength_bar(0.61) == "▰▰▰▱▱"


def test_importing_the_suggestions_loads_no_numpy_bm25s_or_stemmer():
    """`drafter check` and the UI's first paint import the suggestions (`Suggestion`, `strength_bar`):
    numpy, bm25s and PyStemmer load only when an index is built or a question ranked."""
    from tests.test_import_hygiene import loaded_after

    loaded = loaded_after(["drafter.suggest", "drafter.ops.suggest", "drafter.cli", "drafter.tui.screens.draft_suggest", "drafter.tui.widgets.library"])
    assert "drafter.suggest.ranking" in loaded
    assert sorted(m for m in loaded if m.split(".")[0] in ("numpy", "bm25s", "Stemmer")) == []
