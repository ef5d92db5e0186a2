"""All findings of the draft (what `drafter check` reports), each with the key that fixes it in the UI;
enter goes to the finding's question and item and opens its fix."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...findings import Finding, count, natural
from ...safetext import visible
from ...wording import plural
from ..widgets.status import SEV_GLYPH

Hint = Callable[[Finding], str | None]
"""The hint the UI shows for a finding (the key that fixes it); the core's hint by default."""
Pick = Callable[[Finding], Awaitable[None]]
"""What enter does with the highlighted finding (go to it and open its fix)."""


class FindingsScreen(ModalScreen[Finding | None]):
    """Every finding, errors first, each message whole (wrapped) with the UI's hint below it; enter
    goes to the finding and its fix."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="findings.close", tooltip="Back to the draft."),
        # priority: the app itself runs the pick, and opens a form before it reads the next key
        Binding("enter", "pick", "Go and fix", id="findings.pick", tooltip="Go to the highlighted finding and open its fix.", priority=True),
    ]

    def __init__(self, findings: list[Finding], hint: Hint | None = None, pick: Pick | None = None):
        super().__init__(classes="dialog")
        order = {"error": 0, "warning": 1, "info": 2}
        self.findings = sorted(findings, key=lambda f: (order[f.severity], f.question is not None, natural(f.question), f.code))
        self.hint: Hint = hint or (lambda f: f.hint)
        self.pick = pick

    def compose(self):
        counts = count(self.findings)
        with Vertical(classes="dialog-box wide tall"):
            yield Label("Findings", classes="dialog-title")
            yield Static(
                Text.assemble(
                    (plural(counts["error"], "error"), "bold red" if counts["error"] else "green"),
                    "  ·  ",
                    (plural(counts["warning"], "warning"), "yellow" if counts["warning"] else "green"),
                    f"  ·  {counts['info']} info   —   enter: go to it and fix it, esc: close",
                )
            )
            options = [Option(self.prompt(f)) for f in self.findings]
            if not options:
                options.append(Option(Text("No findings: the draft passes `drafter check --strict`.", style="green"), disabled=True))
            yield OptionList(*options, id="findings-list")

    def prompt(self, f: Finding) -> Text:
        """The finding in full (it wraps), then its hint on a line of its own."""
        glyph, style = SEV_GLYPH.get(f.severity, ("·", ""))
        text = Text.assemble((f"{glyph} ", style), (f.code, style))
        if f.question:
            text.append(f"  {visible(f.question, one_line=True)}", style="bold")
        text.append("  " + visible(f.message, one_line=True))
        hint = self.hint(f)
        if hint:
            text.append("\n")
            text.append("  → " + visible(hint, one_line=True), style="dim")
        return text

    @on(OptionList.OptionSelected, "#findings-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.findings[event.option_index] if self.findings else None)

    async def action_pick(self) -> None:
        """enter: close, then go to the finding and open its fix — typing right after enter goes to
        the form or the search that the fix opens."""
        i = self.query_one("#findings-list", OptionList).highlighted
        if i is None or not 0 <= i < len(self.findings):
            return
        if self.pick is None:
            self.dismiss(self.findings[i])
            return
        self.dismiss(None)
        await self.pick(self.findings[i])

    def action_close(self) -> None:
        self.dismiss(None)
