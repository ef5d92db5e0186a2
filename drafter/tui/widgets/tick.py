"""A checkbox that reads the same way in every theme: `[✓]` when ticked, `[ ]` when not (Textual's
own shows an X in both states, only its colour changes)."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist


class Tick(Checkbox):
    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble(self.BUTTON_LEFT, ("✓" if self.value else " ", style), self.BUTTON_RIGHT)


class Ticks(SelectionList):
    """A selection list whose boxes read `[✓]` when chosen and `[ ]` when not (Textual's own show
    an X in both states, only its colour changes)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        try:
            chosen = self.get_option_at_index(self.scroll_offset.y + y).value in self.selected
        except OptionDoesNotExist:
            return strip
        plain = segments[3].style
        segments[0:3] = [Segment("[", plain), Segment("✓" if chosen else " ", segments[1].style), Segment("]", plain)]
        return Strip(segments, strip.cell_length)
