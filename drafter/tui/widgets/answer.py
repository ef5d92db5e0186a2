"""The answer to the selected question: the question, its items in order, the count and findings."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Collapsible, Select, Static, TextArea

from ...model import BlockItem, ChoiceItem, TextItem
from ...questionnaire import Target
from ...reflow import refill, unwrap, width_of
from ...safetext import visible
from ...spelling import word_pattern
from ...wording import plural
from ..messages import ChoiceMade, ItemFocused, TextEdited
from .comment import CommentBox
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
        Binding("enter,space", "keys", "Keys", show=False),
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

    def action_keys(self) -> None:
        """A block item is not typed in: say what its keys are."""
        self.notify("A library block: ctrl+t body/short · f6 diff · ctrl+r remove · alt+↑/↓ move · ctrl+n your own text after it.", timeout=4)

    def on_focus(self) -> None:
        self.post_message(ItemFocused(self.index))


MISSPELT = "drafter.misspelt"
MISSPELT_STYLE = Style(underline=True, color="red")


class TextItemEditor(TextArea):
    """A text item, edited in place; every change is posted to the screen.

    Text the file keeps wrapped by hand at a fixed width is shown with each paragraph on one line
    (soft-wrapped to the pane, not ragged) and posted back wrapped at that width (`reflow`): the
    screen and the file only ever see `file_text`."""

    BINDINGS = [
        Binding("ctrl+end", "text_end", "End of text", show=False),
        Binding("ctrl+home", "text_start", "Start of text", show=False),
        Binding("ctrl+shift+end", "text_end(True)", "Select to the end", show=False),
        Binding("ctrl+shift+home", "text_start(True)", "Select to the start", show=False),
    ]

    def __init__(self, index: int, text: str, blink: bool):
        self.fill_width = width_of(text)  # the file's hand-wrapping, when `refill` can redo it exactly
        self.misspelt: tuple[str, ...] = ()
        self._misspelt_re: re.Pattern[str] | None = None
        super().__init__(unwrap(text) if self.fill_width else text, soft_wrap=True, classes="item text-item", show_line_numbers=False)
        self.index = index
        self.cursor_blink = blink

    # Misspelt words (the `spelling` findings of the last check) are underlined in red: Textual's
    # TextArea draws `_highlights` (per line: byte start, byte end, a name its theme styles), which
    # is rebuilt on every edit, so the marks follow the text until the next check replaces them.

    def mark_misspelt(self, words: list[str] | tuple[str, ...]) -> None:
        """Underline every whole-word occurrence of `words` (those of the last check)."""
        words = tuple(words)
        if words == self.misspelt:
            return
        self.misspelt = words
        self._misspelt_re = word_pattern(words) if words else None
        self._build_highlight_map()
        self.refresh()

    def misspelt_marks(self) -> list[tuple[int, int, int]]:
        """(line, start, end) character spans of the marked words, as shown."""
        if self._misspelt_re is None:
            return []
        return [(row, m.start(), m.end()) for row, line in enumerate(self.document.lines) for m in self._misspelt_re.finditer(line)]

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        if self._misspelt_re is None:
            return
        lines = self.document.lines
        for row, start, end in self.misspelt_marks():
            line = lines[row]
            self._highlights[row].append((len(line[:start].encode()), len(line[:end].encode()), MISSPELT))

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        styles = {**self._theme.syntax_styles, MISSPELT: MISSPELT_STYLE}  # (a copy: themes are shared)
        self._theme = dataclasses.replace(self._theme, syntax_styles=styles)

    @property
    def file_text(self) -> str:
        """The text as the draft file keeps it."""
        return refill(self.text, self.fill_width) if self.fill_width else self.text

    def shown(self, file_text: str) -> str:
        """`file_text` as this editor shows it."""
        return unwrap(file_text) if self.fill_width else file_text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(TextEdited(self.index, self.file_text))

    def action_text_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)

    def action_text_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def on_focus(self) -> None:
        self.post_message(ItemFocused(self.index))


class ChoiceField(Select[str]):
    """The option picked for a `choice` question."""

    def __init__(self, index: int, question: Target, value: str | None):
        options = [(c, c) for c in question.choices]
        super().__init__(options, value=value if value in question.choices else Select.NULL, prompt="Choose…", classes="item choice-item")
        self.index = index
        self.qid = question.id

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.post_message(ChoiceMade(self.qid, event.value))

    def on_focus(self) -> None:
        self.post_message(ItemFocused(self.index))


class Unfocusable(VerticalScroll, can_focus=False):
    """A scrolling part of the pane that is no tab stop of its own (its items are)."""


class AnswerPane(Vertical):
    """Question text and guidance, the items in order (these scroll), and below them, always in
    view, the composed answer's count and findings."""

    hinter: Callable[[list], list[Text | None]] | None = None
    """The hint line under each finding (the UI's, naming the key that fixes it); else the core's."""

    def compose(self):
        yield Static(id="q-title")
        with Unfocusable(id="answer-body"):
            yield Static(id="q-text")
            with Collapsible(title="Guidance", id="q-guidance-box", collapsed=False):
                yield Static(id="q-guidance")
            yield CommentBox(id="comment-box")  # a document's paragraph: its comment, above the rationale (widgets/comment.py)
            yield Vertical(id="items")
            yield Static(id="items-hint")
        with Unfocusable(id="answer-foot"):
            yield Static(id="count")
            yield Static(id="answer-findings")

    _rebuilding: asyncio.Lock | None = None

    def _lock(self) -> asyncio.Lock:
        """One rebuild of the items at a time: two interleaved at their awaits (a reload from disk while
        a move is drawn) could leave the focus on an item already removed, where every key is lost."""
        if self._rebuilding is None:
            self._rebuilding = asyncio.Lock()
        return self._rebuilding

    async def show(self, question: Target, items: list, infos: dict[int, BlockInfo], focus: int | None = None) -> None:
        """Rebuild the item widgets for `question` (structure changed or another question)."""
        async with self._lock():
            had_focus = self._focus_inside()
            await self._show(question, items, infos, focus)
            self._keep_focus(had_focus, focus)

    def _focus_inside(self) -> int | None:
        """The index of the item that has the focus (-1: another widget of the items), None: none has."""
        focused = self.app.focused
        box = self.query_one("#items", Vertical)
        if focused is None or box not in focused.ancestors_with_self:
            return None
        indexes = (getattr(w, "index", None) for w in focused.ancestors_with_self)
        return next((i for i in indexes if isinstance(i, int)), -1)

    def _keep_focus(self, had: int | None, asked: int | None) -> None:
        """After a rebuild: the focus never stays on a removed widget; an item that had it gives it to
        the item now at its place (or the last one)."""
        focused = self.app.focused
        if focused is not None and focused.is_attached and focused.screen is self.screen:
            return
        widgets = self.item_widgets()
        want = asked if asked is not None else had if had is not None and had >= 0 else 0
        if not widgets:
            self.screen.set_focus(None)
            return
        if not self.focus_item(want):
            self.screen.set_focus(widgets[-1])

    async def _show(self, question: Target, items: list, infos: dict[int, BlockInfo], focus: int | None) -> None:
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
        guidance.update(Text(visible(" ".join(question.guidance.split())), style="italic") if question.guidance else "")
        guide = self.query_one("#q-guidance-box", Collapsible)
        guide.display = bool(question.guidance)
        guide.collapsed = self.app.size.width < 120  # below three panes the items come first
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
        line = Text()
        if limit is not None:  # the count against the limit first: it is what the question asks
            level = status.level()
            unit = "words" if limit.unit == "words" else "characters"
            line.append(f"{status.used or 0:,}/{limit.value:,} {unit}", style={"ok": "bold", "near": "bold yellow", "over": "bold red"}[level])
            pct = (status.used or 0) * 100 // limit.value
            line.append(f" ({pct}%)", style={"ok": "dim", "near": "yellow", "over": "bold red"}[level])
            line.append("  ·  ")
            line.append(plural(result.chars, "character") if limit.unit == "words" else plural(result.words, "word"))
        else:
            line.append(f"{plural(result.words, 'word')} · {plural(result.chars, 'character')}")
        for editor in self.query(TextItemEditor):  # the misspelt words of each own-text item
            editor.mark_misspelt(result.misspelt.get(editor.index, ()))
        count.set_class(status.level() == "near", "-near")
        count.set_class(status.level() == "over", "-over")
        put(count, line)
        lines = []
        hints = self.hinter(result.findings) if self.hinter else [hint_line(f) for f in result.findings]
        for f, hint in zip(result.findings, hints):
            lines.append(finding_line(f))
            if hint is not None:
                lines.append(hint)
        put(self.query_one("#answer-findings", Static), Text("\n").join(lines) if lines else Text("No findings.", style="dim green"))

    async def show_unknown(self, tid: str, items: list[Text], note: str) -> None:
        """Show an answer to an id the consultation lacks: read only, its items as text (`note` says
        how to move or remove it)."""
        self.query_one("#q-title", Static).update(Text.assemble((visible(tid, one_line=True), "bold"), "  ·  ", ("not in the consultation", "bold red")))
        self.query_one("#q-text", Static).update(Text(note))
        for guide in self.query("#q-guidance-box"):
            guide.display = False
        self.query_one(CommentBox).display = False
        box = self.query_one("#items", Vertical)
        async with self._lock():
            await box.remove_children()
            await box.mount_all([Static(line, classes="item unknown-item") for line in items])
        hint = self.query_one("#items-hint", Static)
        hint.update("" if items else "No items.")
        hint.display = not items
