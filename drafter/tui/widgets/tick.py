"""A checkbox that reads the same way in every theme: `[✓]` when ticked, `[ ]` when not (Textual's
own shows an X in both states, only its colour changes)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class Tick(Checkbox):
    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble(self.BUTTON_LEFT, ("✓" if self.value else " ", style), self.BUTTON_RIGHT)
