"""The library: search as you type, a theme filter, the matching blocks and a preview of one.

The list is an OptionList (line-virtualised); the search is the core's `search_blocks`, with the
question's themes preferred, so the blocks that fit the question come first. With no search typed
and no theme chosen, the question's suggestions (`drafter suggest`'s ranking, given by the screen)
lead the list, each with a strength bar, and the preview says why each was suggested. They are `drafter suggest`'s ranking over the draft as
it is now (the screen's `suggestions`), ranked again when the draft changes under the same question
(f10 took a block: it is used now, and loses its lead).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.markdown import Markdown
from rich.text import Text
from textual import on, work
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ...library import LibraryIndex, LoadedLibrary
from ...model import Block
from ...safetext import visible
from ...search import prepare, search_blocks
from ...suggest import Suggestion, strength_bar
from ...wording import plural
from ..messages import PreviewReady
from ..previews import suggestion_note
from .status import put

Previewer = Callable[[LoadedLibrary, Block], Callable[[], str]]
Suggester = Callable[[], list[Suggestion] | None]
"""The current question's suggestions, best first (None while they are not ready)."""
"""Given a block, the function (run in a worker) that renders its preview."""
PAGE = 80  # options added to the list at a time: the list's cost stays O(what is seen)
WARM_UP_DELAY = 0.6  # seconds after the first search before the search's text cache is built


class BlockList(OptionList):
    """The result list; asks for the next page of options when scrolled near its end."""

    def __init__(self, more: Callable[[], None], **kwargs):
        super().__init__(**kwargs)
        self._more = more

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - self.size.height:
            self._more()


class LibraryPane(Vertical):
    """Search box, theme filter, result list and preview of the highlighted block."""

    def __init__(self, index: LibraryIndex, previewer: Previewer, suggest: Suggester | None = None, **kwargs):
        super().__init__(**kwargs)
        self.index = index
        self.previewer = previewer
        self.suggest = suggest
        self.suggested: dict[str, Suggestion] = {}  # `namespace/id` → its suggestion, while the list leads with them
        self._new_question = False
        self.prefer: list[str] = []
        self.results: list[tuple[LoadedLibrary, Block]] = []
        self._shown: str | None = None
        self._loaded = 0
        self._pending = False
        self._searched = False
        self._picked: tuple[str, str] | None = None  # the block the user moved the list's cursor to

    def compose(self):
        themes = [(t.label, t.id) for t in sorted(self.index.themes.values(), key=lambda t: t.label.lower())]
        search = Input(placeholder="Search the library…", id="lib-search")
        search.cursor_blink = getattr(self.app, "blink", True)
        yield search
        yield Select(themes, prompt="All themes", id="lib-theme", compact=True)
        yield Static(id="lib-count")
        yield BlockList(self.load_more, id="lib-list")
        with VerticalScroll(id="lib-preview-box"):
            yield Static(id="lib-preview")

    def use_index(self, index: LibraryIndex) -> None:
        """Show a reloaded workspace's libraries."""
        self.index = index
        self.refresh_results()

    # ------------------------------------------------------------------ searching

    @property
    def query_text(self) -> str:
        return self.query_one("#lib-search", Input).value

    @property
    def theme_filter(self) -> str | None:
        value = self.query_one("#lib-theme", Select).value
        return value if isinstance(value, str) else None

    def new_question(self, themes: list[str]) -> None:
        """Another question is shown: the search text goes (so its ★ suggestions show) and no block
        counts as picked until the user picks one; the theme filter stays, as chosen."""
        search = self.query_one("#lib-search", Input)
        self._picked = None
        self._new_question = True  # the list starts at its first row: the top suggestion
        if search.value or self.suggest is not None:
            with search.prevent(Input.Changed):
                search.value = ""
            self.prefer = list(themes)
            self.refresh_results()
        self.set_prefer(themes)

    def suggestions_ready(self) -> None:
        """The screen's suggestions can now be had: show them if the list is in its default order."""
        if not self.query_text.strip() and not self.theme_filter:
            self._new_question = not self._picked
            self.refresh_results()

    def set_prefer(self, themes: list[str]) -> None:
        """Prefer blocks with these themes (the question's); the first call fills the list."""
        if not self._searched:
            self.set_timer(WARM_UP_DELAY, self._warm_up)  # after the first paint, not competing with it
        if themes != self.prefer or not self._searched:
            self.prefer = list(themes)
            self.refresh_results()
            return
        found = self._default_suggestions()
        if found is not None and [(s.ref, s.score) for s in found] != [(s.ref, s.score) for s in self.suggested.values()]:
            self.refresh_results(found)  # the draft changed (a block taken or removed): the ranking did too

    def _default_suggestions(self) -> list[Suggestion] | None:
        """The question's suggestions when the list is in its default order (no search, no theme
        chosen), else None (None too while they are not ready)."""
        if self.suggest is None or self.query_text.strip() or self.theme_filter:
            return None
        return self.suggest()

    @work(thread=True, group="library-warm-up", description="prepare the library search")
    def _warm_up(self) -> None:
        """Worker: build the search text, so the first real keystroke finds it ready."""
        prepare(self.index)

    @on(Input.Changed, "#lib-search")
    @on(Select.Changed, "#lib-theme")
    def _changed(self, event) -> None:
        event.stop()
        if not self._pending:  # keystrokes already queued only update the query: one search for a burst
            self._pending = True
            self.call_later(self._search_now)

    def _search_now(self) -> None:
        self._pending = False
        self.refresh_results()

    @on(Input.Submitted, "#lib-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#lib-list", OptionList).focus()

    def refresh_results(self, found: list[Suggestion] | None = None) -> None:
        """Run the search and refill the list, keeping the highlighted block where it still matches
        (`found`: the question's suggestions, when the caller has them already)."""
        listing = self.query_one("#lib-list", OptionList)
        self._searched = True
        keep = None if self._new_question else self.selected()
        self._new_question = False
        keep_key = (keep[0].namespace, keep[1].id) if keep else None
        self.results = search_blocks(self.index, self.query_text, theme=self.theme_filter, prefer=self.prefer)
        self.suggested = {}
        if found is None:
            found = self._default_suggestions()
        if found:
            self.suggested = {s.ref: s for s in found}
            lead = [(s.lib, s.block) for s in found]
            self.results = lead + [(lib, b) for lib, b in self.results if f"{lib.namespace}/{b.id}" not in self.suggested]
        highlight = 0
        if keep_key is not None:
            for i, (lib, block) in enumerate(self.results):
                if keep_key == (lib.namespace, block.id):
                    highlight = i
                    break
        self._loaded = 0
        listing.clear_options()
        self.load_more(upto=highlight + PAGE)
        if self.results:
            listing.highlighted = highlight
        total = len(self.index.blocks()) if not self.query_text and not self.theme_filter else None
        count = plural(len(self.results), 'block')
        if total is None:
            count += " match"
        if self.suggested:
            count += " · ▰ suggested for the question"
        elif self.prefer:
            count += " · ★ fits the question"
        put(self.query_one("#lib-count", Static), Text(count, style="dim"), layout=False)
        self._preview()

    def load_more(self, upto: int | None = None) -> None:
        """Add the next page of results to the list (or up to index `upto`)."""
        start = self._loaded
        end = min(len(self.results), max(start + PAGE, upto or 0))
        if end <= start:
            return
        preferred = set(self.prefer)
        several = len(self.index.libraries) > 1  # then each row names its library
        options = []
        for lib, block in self.results[start:end]:
            source = (f"{lib.namespace} ", "dim") if several else ""
            s = self.suggested.get(f"{lib.namespace}/{block.id}")
            if s is not None:
                options.append(Option(Content.assemble((strength_bar(s.score) + " ", "$success"), source, visible(block.title, one_line=True))))
                continue
            star = "★ " if preferred & set(block.themes) else "  "
            options.append(Option(Content.assemble((star, "$warning"), source, visible(block.title, one_line=True))))
        self._loaded = end
        self.query_one("#lib-list", OptionList).add_options(options)

    def chosen(self) -> tuple[LoadedLibrary, Block] | None:
        """The highlighted block if the user chose it: the library has the focus, a search is typed,
        or the user moved the list's cursor to it; else None (the first row is no choice)."""
        chosen = self.selected()
        if chosen is None:
            return None
        focused = self.screen.focused
        if self.query_text.strip() or (focused is not None and self in focused.ancestors_with_self):
            return chosen
        return chosen if self._picked == (chosen[0].namespace, chosen[1].id) else None

    def selected(self) -> tuple[LoadedLibrary, Block] | None:
        listing = self.query_one("#lib-list", OptionList)
        i = listing.highlighted
        if i is None or not 0 <= i < len(self.results):
            return None
        return self.results[i]

    # ------------------------------------------------------------------ preview

    @on(OptionList.OptionHighlighted, "#lib-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index >= self._loaded - 10:
            self.load_more()
        chosen = self.selected()
        if chosen is not None and event.option_list.has_focus:  # the user's move, not a refill's
            self._picked = (chosen[0].namespace, chosen[1].id)
        self._preview()

    def _preview(self) -> None:
        chosen = self.selected()
        key = f"{chosen[0].namespace}/{chosen[1].id}" if chosen else None
        if key == self._shown:
            return
        self._shown = key
        if chosen is None:
            self.query_one("#lib-preview", Static).update(Markdown("*No block matches.*"))
            return
        s = self.suggested.get(f"{chosen[0].namespace}/{chosen[1].id}")
        self._render_preview(key, self.previewer(*chosen), suggestion_note(s) if s is not None else None)

    @work(thread=True, exclusive=True, group="library-preview", description="render a block's preview")
    def _render_preview(self, key: str | None, render: Callable[[], str], note: str | None = None) -> None:
        """Worker: render a block's preview off the event loop (its template may be slow)."""
        text = render()
        self.post_message(PreviewReady(key, f"{note}\n\n{text}" if note else text))

    @on(PreviewReady)
    def _preview_ready(self, message: PreviewReady) -> None:
        message.stop()
        if message.key == self._shown:
            self.query_one("#lib-preview", Static).update(Markdown(visible(message.text)))

    def refresh_preview(self) -> None:
        """Show the preview again (the respondent's values or the question changed)."""
        self._shown = None
        self._preview()
