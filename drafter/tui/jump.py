"""Jump mode: one key puts a letter on every panel of the screen; pressing that letter focuses it.

After posting's jump mode (darrenburns/posting, `src/posting/jumper.py` and `jump_overlay.py`, Apache
2.0): a modal screen over the one below that draws a label at each target's place on the screen and
returns the target picked. Here a target may also be a panel the layout hides (the library below
100 columns): it is named in the bottom line instead, and revealed when picked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.errors import NoWidget
from textual.geometry import Offset
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from ..safetext import visible


@dataclass(frozen=True)
class JumpTarget:
    """A place to jump to: the key that picks it, what to call it, the widget to focus, and what
    makes it visible first when the layout hides it (None: it cannot be hidden)."""

    key: str
    name: str
    widget: Widget
    reveal: Callable[[], None] | None = None


def place(screen: Screen, target: JumpTarget) -> Offset | None:
    """Where on `screen` the label of `target` goes (the top left of its visible part), or None
    when it is not on the screen now."""
    try:
        geometry = screen.find_widget(target.widget)
    except (NoWidget, KeyError):
        return None
    shown = geometry.region.intersection(geometry.clip)
    if not shown.width or not shown.height:
        return None
    return Offset(shown.x, shown.y)


class JumpOverlay(ModalScreen[JumpTarget | None]):
    """A letter on each target; its key picks it, escape (or the jump key again) cancels."""

    def __init__(self, below: Screen, targets: list[JumpTarget], *, cancel: tuple[str, ...] = ("escape",)):
        super().__init__(id="jump")
        self.targets = {t.key: t for t in targets}
        self.cancel = cancel
        self.placed = {t.key: place(below, t) for t in targets}

    def compose(self):
        hidden = []
        for key, offset in self.placed.items():
            target = self.targets[key]
            if offset is None:
                if target.reveal is not None:
                    hidden.append(f"{key} {target.name}")
                continue
            label = Static(Text(key), classes="jump-label")
            label.styles.offset = (offset.x, offset.y)
            yield label
        line = "Press a key" + (" · hidden: " + ", ".join(hidden) if hidden else " to jump") + " · esc cancels"
        yield Static(Text(visible(line, one_line=True)), id="jump-info")

    def keys(self) -> list[str]:
        """The keys that pick a target now (shown on screen, or hidden but revealable)."""
        return [k for k, o in self.placed.items() if o is not None or self.targets[k].reveal is not None]

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key in self.cancel:
            self.dismiss(None)
            return
        key = event.character if event.character and event.character.isprintable() else event.key
        if key in self.keys():
            self.dismiss(self.targets[key])
        else:
            self.app.bell()
