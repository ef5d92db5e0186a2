"""What every drafter screen knows of the app: its typed self (clock, navigation)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from ..app import DrafterApp


class DrafterScreen(Screen):
    """A screen of the drafter app."""

    @property
    def drafter(self) -> DrafterApp:
        """The app, typed: its clock, workspace and navigation (`open_draft`, `show_home`, …)."""
        return cast("DrafterApp", self.app)
