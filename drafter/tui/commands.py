"""The command palette: every described binding of the current screen and of the app, by name.

Built from the bindings themselves, so a new action with a key is in the palette automatically.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen


def described_bindings(screen: Screen) -> list[tuple[Screen | App, Binding]]:
    """The described bindings of a screen, then of the app, each action once (a screen's
    `app.help` is the app's `help`), with where each runs: what the palette and the help list."""
    seen: set[str] = set()
    out: list[tuple[Screen | App, Binding]] = []
    targets: tuple[Screen | App, ...] = (screen, screen.app)
    for target in targets:
        for b in target.BINDINGS:
            if not isinstance(b, Binding) or not b.description:
                continue
            action = b.action.removeprefix("app.")
            if action in seen:
                continue
            seen.add(action)
            out.append((target, b))
    return out


class DrafterCommands(Provider):
    """Actions of the screen the palette was opened on, then the app's."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        out: list[tuple[str, str, Callable[[], Any]]] = []
        for target, b in described_bindings(self.screen):
            key = self.app.get_key_display(Binding(b.key.split(",")[0], b.action))
            help_text = f"{b.tooltip}  [{key}]" if b.tooltip else f"[{key}]"
            out.append((b.description, help_text, partial(target.run_action, b.action)))
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
