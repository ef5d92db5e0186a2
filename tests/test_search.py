"""The library search (the UI's library pane, the replace dialog, `drafter blocks --query`): every
word of the query, case and accents aside, in a block's text — its translations and short variant
included, so a French or Spanish query finds a block by its own words in that language."""

from __future__ import annotations

from drafter.loaded import LoadedWorkspace
from drafter.search import fold, search_blocks
from drafter.workspace import Workspace

from .test_tui_support import app_for, type_text, wait_for, wait_screen


def _ids(ws, query: str) -> set[str]:
    lw = LoadedWorkspace.load(Workspace.open(ws))
    return {b.id for _, b in search_blocks(lw.index, query)}


def _blocks(ws, bid: str):
    lw = LoadedWorkspace.load(Workspace.open(ws))
    return [b for _, b in lw.index.blocks() if b.id == bid]


def test_a_query_in_french_finds_a_block_by_its_french_translation(ws):
    found = _ids(ws, "mandat permanent FGI")
    assert found == {"permanent-igf-mandate"}  # only its French translation has these words


def test_case_and_accents_do_not_matter(ws):
    with_accents = _ids(ws, "connectivité communautés")
    assert "community-centred-connectivity" in with_accents
    assert _ids(ws, "CONNECTIVITE communautes") == with_accents
    assert fold("Connectivité Ñandú") == "connectivite nandu"


def test_the_short_variant_is_searched(ws):
    # "proportionately" is in the short variant of dns-abuse-contract-obligations and in none of its
    # other text (nor its translations)
    (block,) = _blocks(ws, "dns-abuse-contract-obligations")
    assert "proportionately" in fold(block.short or "") and "proportionately" not in fold(block.body + (block.summary or ""))
    assert "dns-abuse-contract-obligations" in _ids(ws, "proportionately")


def test_matches_come_most_telling_first(ws):
    """With words typed, a block with them in its title comes first, then (with preferred themes) the
    blocks sharing them, then those with the words in their summary, tags or themes; title order last."""
    lw = LoadedWorkspace.load(Workspace.open(ws))
    found = [b for _, b in search_blocks(lw.index, "igf")]
    in_title = [b.id for b in found if "igf" in fold(b.title)]
    in_about = [b.id for b in found if "igf" not in fold(b.title) and "igf" in fold(" ".join([b.summary or "", *b.tags, *b.themes]))]
    rest = [b.id for b in found if b.id not in in_title and b.id not in in_about]
    assert in_title and in_about and rest  # the sample has all three kinds
    assert [b.id for b in found] == in_title + in_about + sorted(rest, key=lambda i: next(b.title.casefold() for b in found if b.id == i))
    # a preferred theme ranks a block up among those with the words in no title, not above a title match
    themes = {t for b in found if b.id in rest for t in b.themes}
    preferred = sorted(themes - {t for b in found if b.id in in_about for t in b.themes})[:1]
    ranked = [b.id for _, b in search_blocks(lw.index, "igf", prefer=preferred)]
    assert ranked[: len(in_title)] == in_title
    if preferred:
        first_rest = next(i for i in ranked if i in rest)
        assert preferred[0] in next(b.themes for b in found if b.id == first_rest)
    # two words: more of them in a title first (the sort, not the one-word loop)
    two = [b for _, b in search_blocks(lw.index, "internet governance")]
    hits = [sum(w in fold(b.title) for w in ("internet", "governance")) for b in two]
    assert len(set(hits)) > 1 and hits == sorted(hits, reverse=True)
    # without words: every block, by title
    assert [b.title for _, b in search_blocks(lw.index, "")] == sorted((b.title for _, b in lw.index.blocks()), key=str.casefold)


async def test_the_library_pane_finds_a_block_by_a_french_word_typed_without_accents(ws):
    from pathlib import Path

    from drafter.tui.widgets.library import LibraryPane

    app = app_for(ws, Path("drafts") / "reponse-francophonie.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.press("alt+l")
        search = screen.query_one("#lib-search")
        search.focus()
        await type_text(pilot, "gouvernance multipartite")
        library = screen.query_one(LibraryPane)
        await wait_for(pilot, lambda: library.query_text == "gouvernance multipartite" and bool(library.results), what="results")
        found = {b.id for _, b in library.results}
        assert found and found <= _ids(ws, "gouvernance multipartite")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "societe civile")
        await wait_for(pilot, lambda: library.query_text == "societe civile", what="the new query")
        await pilot.pause()
        assert {b.id for _, b in library.results} == _ids(ws, "société civile") != set()
