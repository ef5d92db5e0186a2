"""All findings of the draft (what `drafter check` reports); pick one to jump to its question."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...findings import Finding, count
from ..widgets.status import finding_line, hint_line


class FindingsScreen(ModalScreen[Finding | None]):
    """Every finding, errors first; enter jumps to the finding's question."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="findings.close", tooltip="Back to the draft."),
    ]

    def __init__(self, findings: list[Finding]):
        super().__init__(classes="dialog")
        order = {"error": 0, "warning": 1, "info": 2}
        self.findings = sorted(findings, key=lambda f: (order[f.severity], _qkey(f.question), f.code))

    def compose(self):
        counts = count(self.findings)
        with Vertical(classes="dialog-box wide tall"):
            yield Label("Findings", classes="dialog-title")
            yield Static(
                Text.assemble(
                    (f"{counts['error']} errors", "bold red" if counts["error"] else "green"),
                    "  ·  ",
                    (f"{counts['warning']} warnings", "yellow" if counts["warning"] else "green"),
                    f"  ·  {counts['info']} info   —   enter: go to the question, esc: close",
                )
            )
            options = []
            for f in self.findings:
                prompt = finding_line(f, with_question=True)
                if f.hint:
                    prompt.append("\n")
                    prompt.append_text(hint_line(f))
                options.append(Option(prompt))
            if not options:
                options.append(Option(Text("No findings: the draft passes `drafter check --strict`.", style="green"), disabled=True))
            yield OptionList(*options, id="findings-list")

    @on(OptionList.OptionSelected, "#findings-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.findings[event.option_index] if self.findings else None)

    def action_close(self) -> None:
        self.dismiss(None)


def _qkey(qid: str | None) -> tuple:
    if qid is None:
        return (0,)
    return (1, *[int(p) if p.isdigit() else 0 for p in qid.split(".")])
