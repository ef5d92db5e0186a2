"""What every drafter screen knows of the app: its clock and navigation, as a typed interface.

The interface is a Protocol, so screens depend on what they use and not on the app module (which
imports the screens): no import runs in a circle.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol, cast

from textual.screen import Screen


class Navigation(Protocol):
    """The app as screens use it (`tui.app.DrafterApp` provides it)."""

    blink: bool

    def clock(self) -> dt.datetime: ...

    def open_draft(self, path: Path) -> bool: ...

    def open_workspace(self, root: Path, draft: Path | None = None) -> None: ...

    def open_demo(self) -> None: ...

    def show_home(self) -> None: ...

    def use_loaded(self, lw: Any) -> None: ...


class DrafterScreen(Screen):
    """A screen of the drafter app."""

    @property
    def drafter(self) -> Navigation:
        """The app, typed: its clock and navigation (`open_draft`, `show_home`, …)."""
        return cast(Navigation, self.app)
