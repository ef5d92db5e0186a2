"""Which panes the draft screen shows, by the terminal's size and the user's choice.

At 120 columns or more: questions | answer | library. Below that the library is a toggle (f7); below
100 it takes the questions' place, so the answer keeps about two thirds of an 80-column terminal. f11 gives
the answer the whole width. Below 80×24 the answer is zoomed by itself and the top bar says how
small the terminal is.
"""

from __future__ import annotations

from rich.text import Text

from .base import DrafterScreen

NARROW = 120  # columns: below this the library is a toggle (at 100 the answer would keep 30)
SIDE_BY_SIDE = 100  # columns: below this the library, when shown, takes the questions' place
MIN_SIZE = (80, 24)  # what drafter is laid out for


class DraftLayout(DrafterScreen):
    """The draft screen's panes (#questions, #answer, #library) shown or hidden."""

    library_choice: bool | None = None  # None: by width (shown from NARROW columns)
    zoom_choice: bool | None = None  # None: zoomed below MIN_SIZE only

    def library_shown(self) -> bool:
        if self.library_choice is not None:
            return self.library_choice
        return self.size.width >= NARROW

    def is_zoomed(self) -> bool:
        return self.zoom_choice if self.zoom_choice is not None else self.too_small()

    def too_small(self) -> bool:
        width, height = self.size
        return width < MIN_SIZE[0] or height < MIN_SIZE[1]

    def apply_layout(self) -> None:
        screen = self
        shown = self.library_shown()
        screen.set_class(not shown, "-hide-library")
        screen.set_class(shown, "-show-library")
        screen.set_class(self.is_zoomed(), "-zoom")
        self._keep_focus_visible()

    def _keep_focus_visible(self) -> None:
        """A pane that was hidden cannot keep the focus: it goes to the answer (else the questions)."""
        focused = self.focused
        if focused is None:
            return
        for node in focused.ancestors_with_self:
            if getattr(node, "id", None) in ("questions", "library") and not node.display:
                self.focus_answer()
                return

    def focus_answer(self) -> None:
        items = list(self.query_one("#items").children)
        if items:
            items[0].focus()
        elif self.query_one("#questions").display:
            self.query_one("#questions").focus()

    def size_note(self) -> Text | None:
        """What the top bar says below 80×24."""
        if not self.too_small():
            return None
        width, height = self.size
        return Text(f"⚠ {width}×{height}: made for {MIN_SIZE[0]}×{MIN_SIZE[1]} or more — f11 panes, f7 library  ·  ", style="bold yellow")

    # ------------------------------------------------------------------ actions and events

    def action_toggle_library(self) -> None:
        self.library_choice = not self.library_shown() or self.is_zoomed()
        self.zoom_choice = False
        self.apply_layout()
        if self.library_choice:
            self.query_one("#lib-search").focus()

    def show_questions(self) -> None:
        """Make sure the question list is in view (the library takes its place below SIDE_BY_SIDE)."""
        if self.is_zoomed():
            self.zoom_choice = False
        if self.library_shown() and self.size.width < SIDE_BY_SIDE:
            self.library_choice = False
        self.apply_layout()

    def show_library(self) -> None:
        """Make sure the library is in view (ctrl+f, ctrl+b with the library hidden)."""
        if not self.library_shown() or self.is_zoomed():
            self.library_choice = True
            self.zoom_choice = False
            self.apply_layout()

    def action_zoom(self) -> None:
        self.zoom_choice = not self.is_zoomed()
        self.apply_layout()

    def on_resize(self) -> None:
        self.apply_layout()
        self.update_bars()

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self._keep_focus_visible)  # after AUTO_FOCUS, which may name a hidden pane

    def update_bars(self) -> None:
        """Redraw the top and status bars (the draft screen's)."""
