"""Import a consultation from the home screen: the source file and its kind in a small form, the import
in a worker, then a review of what was detected beside the source, and ctrl+s to write it.

The review: what was found and not found on top; the source's lines on the left; on the right the
call's details, its sections with their questions and parts (or the document's paragraphs), each with
its number, limit and required mark and every `# check:` guess under it. Moving on the right shows
the detected item's line on the left. ctrl+s asks the id (the importer's guess, or a free one when it
is taken) and writes `<consultations folder>/<id>.yaml`, never over an existing file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...ops.fields import InvalidFields
from ...ops.import_review import KINDS, ImportedFile, ReviewRow, free_id, id_taken, read_import, review_rows, save_import, source_problem
from ...safetext import visible
from ...wording import plural
from .forms import Field, FormScreen
from .workspace_actions import HomeActions

GUESS = ("?", "bold yellow")


@dataclass
class ConsultationRead(Message):
    """The import worker read the source (`item`), or could not (`error`: one line naming the file)."""

    item: ImportedFile | None = None
    error: str = ""


def _row_prompt(row: ReviewRow) -> Text:
    indent = "  " * row.level
    if row.kind == "meta":
        text = Text.assemble(indent, (f"{row.number}: ", "dim"), visible(row.text, one_line=True))
    elif row.kind == "section":
        text = Text.assemble(indent, ("§ ", "bold"), (visible(f"{row.number}  {row.text}".strip(), one_line=True), "bold"))
    else:
        text = Text.assemble(indent, (visible(row.number, one_line=True) + " ", "bold cyan"), visible(row.text, one_line=True))
    text.no_wrap, text.overflow = True, "ellipsis"
    lines = [text]
    if row.details:
        lines.append(Text(indent + "    " + " · ".join(row.details), style="green", no_wrap=True, overflow="ellipsis"))
    for note in row.guesses:
        lines.append(Text.assemble(indent + "  ", GUESS, (f" check: {visible(note, one_line=True)}", "yellow")))
    return Text("\n").join(lines)


def _source_prompt(n: int, line: Any, used: bool) -> Text:
    label = f"{line.label} " if line.label else ""
    text = Text.assemble((f"{n + 1:>3} ", "dim"), (visible(label, one_line=True), "bold" if used else "dim bold"),
                         (visible(line.text, one_line=True), "" if used else "dim"))
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


class ImportReviewScreen(Screen[Path | None]):
    """What the importer detected, beside the source; dismisses with the file written (None: cancelled)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="import.save", priority=True,
                tooltip="Write the consultation into the workspace's consultations folder (asks its id; never over an existing file)."),
        Binding("escape", "cancel", "Cancel", id="import.cancel", tooltip="Close without writing anything."),
        Binding("tab", "app.focus_next", "Other side", id="import.other-side", show=False, tooltip="Between what was detected and the source."),
    ]

    def __init__(self, item: ImportedFile, save: Callable[[str], Path], taken: Callable[[str], str | None], free: Callable[[str], str], shown: str):
        super().__init__()
        self.item, self.save, self.taken, self.free, self.shown = item, save, taken, free, shown
        self.rows = review_rows(item.imported)

    def compose(self):
        imp = self.item.imported
        yield Static(Text.assemble(("Import", "bold"), f"  ·  {visible(self.shown, one_line=True)} ({imp.source.format})  →  ",
                                   (visible(self.item.id, one_line=True), "bold"), f"  ({imp.kind})"), id="topbar")
        yield Static(self.summary(), id="import-summary")
        with Horizontal(id="import-panes"):
            yield OptionList(*[Option(_row_prompt(r)) for r in self.rows], id="import-detected")
            used = {r.line for r in self.rows if r.line is not None}
            yield OptionList(*[Option(_source_prompt(n, line, n in used)) for n, line in enumerate(imp.source.lines)], id="import-source")
        yield Footer(compact=True, show_command_palette=False)

    def summary(self) -> Text:
        imp = self.item.imported
        out = Text()
        out.append("Found: ", style="bold green")
        out.append("; ".join(visible(f, one_line=True) for f in imp.found) or "nothing")
        if imp.missing:
            out.append("\nNot found: ", style="bold red")
            out.append("; ".join(visible(m, one_line=True) for m in imp.missing))
        guesses = len(imp.guesses)
        out.append("\n")
        out.append_text(Text.assemble(GUESS, f" {plural(guesses, 'guess', 'guesses')} to check (marked `# check:` in the file)"))
        for problem in imp.problems:
            out.append("\nlint: ", style="bold yellow")
            out.append(visible(problem, one_line=True))
        return out

    def on_mount(self) -> None:
        self.query_one("#import-detected").border_title = "Detected"
        self.query_one("#import-source").border_title = "Source"
        detected = self.query_one("#import-detected", OptionList)
        first = next((i for i, r in enumerate(self.rows) if r.kind != "meta"), 0)
        if self.rows:
            detected.highlighted = first
        detected.focus()

    @on(OptionList.OptionHighlighted, "#import-detected")
    def _detected(self, event: OptionList.OptionHighlighted) -> None:
        row = self.rows[event.option_index] if 0 <= event.option_index < len(self.rows) else None
        if row is not None and row.line is not None:
            source = self.query_one("#import-source", OptionList)
            source.highlighted = row.line
            source.scroll_to_highlight(top=False)

    def source_line(self) -> int | None:
        """The source line shown for the highlighted item."""
        return self.query_one("#import-source", OptionList).highlighted

    def action_save(self) -> None:
        cid = self.item.id
        problem = self.taken(cid)
        suggested = self.free(cid) if problem else cid
        intro = (f"'{cid}' cannot be used: {problem}. A free id is offered." if problem
                 else "The importer made this id from the title: drafts refer to it, so choose it now.")
        field = Field("id", "Consultation id", value=suggested, required=True, check=self.taken,
                      note="Lower-case letters, digits and '-'; the file is <id>.yaml in the consultations folder.")
        form = FormScreen("Save the imported consultation", [field], lambda values: self.save(values["id"]), ok="Write", intro=intro, form_id="import-id-form")
        self.app.push_screen(form, self._saved)

    def _saved(self, path: Path | None) -> None:
        if path is not None:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportActions(HomeActions):
    """The home screen's `i`: import a consultation (form → worker → review → write)."""

    def action_import(self) -> None:
        root = self.lw.ws.root
        fields = [
            Field("source", "Source file", required=True, placeholder="call.docx", check=lambda v: source_problem(root, v),
                  note=f"The organiser's questionnaire or draft: .docx, .html, .md, .txt or .pdf (relative to {root.name}/ or absolute)."),
            Field("kind", "Kind", kind="select", value="guess", required=True,
                  options=[("Guess from the text", "guess"), ("Questionnaire (numbered questions)", "questionnaire"),
                           ("Document (numbered paragraphs to comment)", "document")]),
        ]
        assert [v for _, v in fields[1].options] == list(KINDS)

        def asked(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.query_one("#home-hint", Static).update(f"Importing {visible(values['source'], one_line=True)}…")
                self._import_worker(values["source"], values["kind"])

        self.app.push_screen(FormScreen("Import a consultation", fields, lambda values: values, ok="Import", form_id="import-form"), asked)

    @work(thread=True, exclusive=True, group="import", description="read the source to import")
    def _import_worker(self, source: str, kind: str) -> None:
        from ...importing import ImportFailure

        try:
            item = read_import(self.lw.ws.root, source, kind, self.drafter.clock().date())
        except (ImportFailure, OSError) as exc:
            self.post_message(ConsultationRead(error=str(exc)))
            return
        self.post_message(ConsultationRead(item))

    def on_consultation_read(self, message: ConsultationRead) -> None:
        self.query_one("#home-hint", Static).update(self.hint())
        if message.item is None:
            self.notify(visible(message.error), title="Not imported", severity="error", timeout=12, markup=False)
            return
        lw, item = self.lw, message.item

        def save(cid: str) -> Path:
            try:
                return save_import(lw, item, cid)
            except FileExistsError as exc:  # written meanwhile by another program
                raise InvalidFields({"id": str(exc)}) from None

        screen = ImportReviewScreen(item, save, lambda cid: id_taken(lw, cid), lambda cid: free_id(lw, cid), self._shown(item.source))
        self.app.push_screen(screen, self._imported)

    def _imported(self, path: Path | None) -> None:
        if path is not None:
            self._changed(f"Wrote {self._shown(path)}: review its `# check:` comments; n starts a draft of it")

    def hint(self) -> Text:
        raise NotImplementedError
