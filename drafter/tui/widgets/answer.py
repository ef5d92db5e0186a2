"""The answer to the selected question: the question, its items in order, the count and findings."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Select, Static, TextArea

from ...model import BlockItem, ChoiceItem, TextItem
from ...questionnaire import Target
from ...safetext import visible
from ..messages import ChoiceMade, ItemFocused, TextEdited
from .status import QuestionStatus, finding_line, hint_line, limit_words, put


@dataclass(frozen=True)
class BlockInfo:
    """What the answer pane shows of a block item (looked up by the screen through the index)."""

    ref: str
    title: str | None  # None when the reference does not resolve
    variant: str
    changed: bool  # the library's block no longer matches `pinned`
    pinned: str | None
    has_short: bool
    problem: str | None = None


class BlockItemView(Static, can_focus=True):
    """A block item: its title, variant and whether the library's block changed since pinned."""

    BINDINGS = [
        Binding("up", "app.focus_previous", "Previous item", show=False),
        Binding("down", "app.focus_next", "Next item", show=False),
    ]

    def __init__(self, index: int, info: BlockInfo):
        super().__init__(classes="item block-item")
        self.index = index
        self.info = info
        if info.changed:
            self.add_class("-changed")
        if info.title is None:
            self.add_class("-missing")

    def render(self) -> Text:
        info = self.info
        line = Text.assemble(("▣ ", "bold"), (visible(info.title or info.ref, one_line=True), "bold"))
        variant = "short" if info.variant == "short" else "body"
        note = Text.assemble(f"\n  {visible(info.ref, one_line=True)} · ", (variant, "italic"))
        if info.problem:
            note.append(f" · ✖ {visible(info.problem, one_line=True)}", style="bold red")
        elif info.changed:
            note.append(" · ▲ changed in the library since pinned (f6 diff)", style="yellow")
        elif info.pinned is None:
            note.append(" · not pinned", style="dim")
        return line + note

    def on_focus(self) -> None:
        self.post_message(ItemFocused(self.index))


class TextItemEditor(TextArea):
    """A text item, edited in place; every change is posted to the screen."""

    def __init__(self, index: int, text: str, blink: bool):
        super().__init__(text, soft_wrap=True, classes="item text-item", show_line_numbers=False)
        self.index = index
        self.cursor_blink = blink

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(TextEdited(self.index, self.text))

    def on_focus(self) -> None:
        self.post_message(ItemFocused(self.index))


class ChoiceField(Select[str]):
    """The option picked for a `choice` question."""

    def __init__(self, index: int, question: Target, value: str | None):
        options = [(c, c) for c in question.choices]
        super().__init__(options, value=value if value in question.choices else Select.NULL, prompt="Choose…", classes="item choice-item")
        self.index = index

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.post_message(ChoiceMade(event.value))

    def on_focus(self) -> None:
        self.post_message(ItemFocused(self.index))


class AnswerPane(VerticalScroll):
    """Question text and guidance, the items in order, the composed answer's count and findings."""

    def compose(self):
        yield Static(id="q-title")
        yield Static(id="q-text")
        yield Static(id="q-guidance")
        yield Vertical(id="items")
        yield Static(id="items-hint")
        yield Static(id="count")
        yield Static(id="answer-findings")

    async def show(self, question: Target, items: list, infos: dict[int, BlockInfo], focus: int | None = None) -> None:
        """Rebuild the item widgets for `question` (structure changed or another question)."""
        self.question = question
        head = Text.assemble(
            (visible(question.number or question.id, one_line=True), "bold"),
            f"  {visible(question.heading.title, one_line=True)}  ·  ",
            ("required" if question.required else "optional", "italic"),
            f"  ·  {limit_words(question.limit)}",
        )
        self.query_one("#q-title", Static).update(head)
        text = question.text.strip()
        if question.parent is not None:
            text = " ".join(question.parent.text.split()) + "\n\n" + text
        self.query_one("#q-text", Static).update(Text(visible(text)))
        guidance = self.query_one("#q-guidance", Static)
        guidance.update(Text.assemble(("Guidance: ", "italic"), visible(" ".join(question.guidance.split()))) if question.guidance else "")
        guidance.display = bool(question.guidance)
        box = self.query_one("#items", Vertical)
        await box.remove_children()
        widgets: list[Widget] = []
        blink = getattr(self.app, "blink", True)
        for i, item in enumerate(items):
            if isinstance(item, BlockItem):
                widgets.append(BlockItemView(i, infos[i]))
            elif isinstance(item, TextItem):
                widgets.append(TextItemEditor(i, item.text, blink))
            elif isinstance(item, ChoiceItem):
                widgets.append(ChoiceField(i, question, item.choice))
        if question.answer == "choice" and not any(isinstance(it, ChoiceItem) for it in items):
            widgets.append(ChoiceField(len(items), question, None))
        await box.mount_all(widgets)
        hint = self.query_one("#items-hint", Static)
        hint.update("No items yet: ctrl+b inserts the selected library block, ctrl+n adds your own text." if not items else "")
        hint.display = not items
        if focus is not None:
            self.focus_item(focus)

    def item_widgets(self) -> list:
        return list(self.query_one("#items", Vertical).children)

    def focus_item(self, index: int) -> bool:
        for w in self.item_widgets():
            if getattr(w, "index", None) == index:
                self.screen.set_focus(w)  # now, not after keys already queued (typing right after ctrl+n)
                return True
        return False

    def show_result(self, result, status: QuestionStatus) -> None:
        """Update the count line and the question's findings (after every change)."""
        count = self.query_one("#count", Static)
        if result is None:
            count.update(Text("The draft does not validate: see all findings (f3).", style="bold red"))
            self.query_one("#answer-findings", Static).update("")
            return
        limit = status.limit
        line = Text.assemble(("Answer: ", "bold"), f"{result.words} words · {result.chars} characters")
        if limit is not None:
            line.append("   ")
            line.append_text(status.meter())
            pct = (status.used or 0) * 100 // limit.value
            line.append(f" ({pct}%)", style={"ok": "dim", "near": "yellow", "over": "bold red"}[status.level()])
        count.set_class(status.level() == "near", "-near")
        count.set_class(status.level() == "over", "-over")
        put(count, line)
        lines = []
        for f in result.findings:
            lines.append(finding_line(f))
            hint = hint_line(f)
            if hint is not None:
                lines.append(hint)
        put(self.query_one("#answer-findings", Static), Text("\n").join(lines) if lines else Text("No findings.", style="dim green"))
