"""The new-consultation form: the call's details, then its questions added one after another.

The form collects a `ConsultationSpec`; `ops.consultation_spec.new_consultation` checks it through the
Consultation model and writes the file. Each question comes from `QuestionForm`, checked (id not
taken, limit, choices) before it joins the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Select, Static

from ...model import RESPONDENT_FIELDS
from ...ops.consultation_spec import ConsultationSpec, QuestionSpec, parse_parts, part_id, question_problems
from ...ops.fields import (
    InvalidFields,
    deadline_problem,
    email_problem,
    id_problem,
    language_problem,
    limit_problem,
    parse_deadline,
    parse_limit,
    respondent_fields_problem,
    split_list,
    url_problem,
)
from ...safetext import visible
from ...wording import plural
from .forms import Field, FormScreen

KINDS = [("Questionnaire: numbered questions", "questionnaire"), ("Free: the response brings its own sections (a letter)", "free")]
SUBMIT = [("DOCX upload", "docx"), ("Web form (pasted per question)", "webform"), ("E-mail", "email")]


WHERE = [("The document", "document"), ("Only the organiser's web form", "form")]


def question_fields(number: str, section: str, themes: list[tuple[str, str]] | None = None) -> list[Field]:
    """The question form's fields; `themes`: the workspace's vocabulary as (label, id) to tick from."""
    return [
        Field("section", "Section", value=section, note="Questions under the same section title are printed together."),
        Field("id", "Question id", value=number, required=True, placeholder="1, 2.1, A",
              check=lambda v: "no spaces (e.g. 2.1)" if any(c.isspace() for c in v) else None),
        Field("number", "Printed label", placeholder="default: the id", note="The label the organiser prints (\"2 (a)\"); the id when empty."),
        Field("text", "Question", kind="text", required=True, placeholder="The question as the organiser asks it"),
        Field("parts", "Parts", kind="text",
              placeholder="Optional, one per line with its label: (a) To what extent …",
              note="Sub-questions answered apart; the question above becomes their preamble."),
        Field("guidance", "Guidance", kind="text", placeholder="Optional: the organiser's notes under the question (not printed in the document)"),
        Field("required", "Required", kind="check", placeholder="an answer is required (space ticks it)"),
        Field("limit", "Limit", placeholder="250 words, 1500 characters", check=limit_problem, note="Empty: no limit (with parts: for them all)."),
        Field("themes", "Themes", kind="multi", options=list(themes or []), note="What it is about: the suggestions and the theme checks read them."),
        Field("kind", "Kind", kind="select", value="text", required=True, options=[("Text", "text"), ("Choice", "choice")]),
        Field("choices", "Choices", placeholder="Yes, No, Undecided", note="For a choice question: its options, comma-separated."),
        Field("where", "Asked in", kind="select", value="document", required=True, options=WHERE,
              note="A question only in the web form is left out of the document."),
    ]


def question_spec(values: dict[str, Any], taken: set[str]) -> QuestionSpec:
    """The question the form's values describe; InvalidFields when it cannot be added."""
    errors: dict[str, str] = {}
    try:
        words, chars = parse_limit(values["limit"])
    except ValueError as exc:
        errors["limit"] = str(exc)
        words = chars = None
    spec = QuestionSpec(
        id=values["id"],
        text=values["text"],
        section=values["section"] or "Questions",
        number=values["number"] or None,
        required=bool(values["required"]),
        limit_words=words,
        limit_chars=chars,
        kind=values["kind"] or "text",
        choices=split_list(values["choices"]),
        guidance=values.get("guidance") or "",
        themes=list(values.get("themes") or []),
        where=values.get("where") or "document",
        parts=parse_parts(values.get("parts") or ""),
    )
    errors.update(question_problems(spec, taken))
    if errors:
        raise InvalidFields(errors)
    return spec


class QuestionForm(FormScreen):
    """One question of the consultation being written; dismisses with its QuestionSpec."""

    def __init__(self, taken: set[str], number: str, section: str, themes: list[tuple[str, str]] | None = None):
        super().__init__(f"Question {number}", question_fields(number, section, themes), lambda values: question_spec(values, taken), ok="Add",
                         form_id="question-form")


def next_number(questions: list[QuestionSpec]) -> str:
    """The id offered for the next question: one more than the last whole number, else its count + 1."""
    for q in reversed(questions):
        if q.id.isdigit():
            return str(int(q.id) + 1)
    return str(len(questions) + 1)


def consultation_fields() -> list[Field]:
    return [
        Field("id", "Id", required=True, placeholder="ministry-call-2026", check=id_problem, note="Drafts refer to it; also the file name."),
        Field("title", "Title", required=True, placeholder="As the organiser gives it"),
        Field("organiser", "Organiser", required=True),
        Field("url", "Page", placeholder="https://…", check=url_problem),
        Field("deadline", "Deadline", required=True, placeholder="2026-12-15 23:59 +01:00", check=deadline_problem,
              note="With its time zone: +01:00, UTC or a zone name such as Europe/Paris."),
        Field("language", "Language", value="en", required=True, check=language_problem),
        Field("kind", "Kind", kind="select", value="questionnaire", required=True, options=KINDS),
        Field("respondent", "Respondent fields", value="name, organisation", check=lambda v: respondent_fields_problem(split_list(v)),
              note="Asked of every respondent, comma-separated: " + ", ".join(RESPONDENT_FIELDS) + " or others."),
        Field("format", "Submitted by", kind="select", value="docx", required=True, options=SUBMIT),
        Field("address", "Address", placeholder="upload page, or the e-mail address", note="Required for e-mail (checked as an address)."),
    ]


class ConsultationForm(FormScreen):
    """Write a consultation: its details, then ctrl+n for each question; dismisses with the file written."""

    BINDINGS = [
        *FormScreen.BINDINGS,
        Binding("ctrl+n", "add_question", "Add question", id="consultation.add-question", tooltip="Add the next question (asked in a small form).", priority=True),
        Binding("ctrl+r", "remove_question", "Remove last", id="consultation.remove-question", tooltip="Remove the last question added.", priority=True),
    ]

    def __init__(self, submit: Callable[[ConsultationSpec], Any], themes: list[tuple[str, str]] | None = None):
        self.questions: list[QuestionSpec] = []
        self.write = submit
        self.themes = list(themes or [])
        super().__init__("New consultation", consultation_fields(), self._submit, ok="Write", form_id="consultation-form",
                         intro="Copy the details from the organiser's page. Nothing is written until every field is valid.")

    def extra(self):
        with Horizontal(classes="form-row"):
            yield Label("Questions", classes="form-label")
            yield Static(id="questions-list", classes="questions-list")
        yield Static("", id="e-questions", classes="field-error")
        yield Button("Add question (ctrl+n)", id="add-question")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#e-questions").display = False
        self._show_questions()

    def _show_questions(self) -> None:
        if not self.questions:
            text = Text("none yet: ctrl+n adds one", style="dim")
        else:
            text = Text()
            for q in self.questions:
                notes = [n for n in ("required" if q.required else "", f"{q.limit_words} words" if q.limit_words else "",
                                     f"{q.limit_chars} characters" if q.limit_chars else "", "choice" if q.kind == "choice" else "",
                                     plural(len(q.parts), "part") if q.parts else "", "web form only" if q.where == "form" else "") if n]
                line = f"{q.number or q.id}  {' '.join(q.text.split())}"
                text.append(visible(line[:60] + ("…" if len(line) > 60 else ""), one_line=True))
                text.append(f"  ({', '.join(notes)})\n" if notes else "\n", style="dim")
            text.rstrip()
        self.query_one("#questions-list", Static).update(text)

    def show_errors(self, errors: dict[str, str]) -> None:
        box = self.query_one("#e-questions", Static)
        box.update(Text(f"↳ {visible(errors['questions'], one_line=True)}") if "questions" in errors else "")
        box.display = "questions" in errors
        super().show_errors({k: v for k, v in errors.items() if k != "questions"})

    @on(Button.Pressed, "#add-question")
    def action_add_question(self) -> None:
        section = self.questions[-1].section if self.questions else "Questions"
        taken = {q.id for q in self.questions}
        self.app.push_screen(QuestionForm(taken | {part_id(q.id, label) for q in self.questions for label, _ in q.parts},
                                          next_number(self.questions), section, self.themes), self._question_added)

    def _question_added(self, question: QuestionSpec | None) -> None:
        if question is None:
            return
        self.questions.append(question)
        self._show_questions()
        self.query_one("#e-questions").display = False
        self.call_after_refresh(self.query_one("#questions-list").scroll_visible)
        self.notify(f"Question {question.id} added ({len(self.questions)} in all).", markup=False)

    def action_remove_question(self) -> None:
        if self.questions:
            gone = self.questions.pop()
            self._show_questions()
            self.notify(f"Question {gone.id} removed.", markup=False)

    def problem(self, f: Field, value: Any, *, saving: bool) -> str | None:
        """The address is an e-mail address when the call is submitted by e-mail (or it holds an @)."""
        if f.name == "address" and isinstance(value, str):
            by_email = self.value("format") == "email"
            if by_email and not value:
                return "required: where to send it" if saving else None
            if by_email or ("@" in value and not value.startswith("http")):
                return email_problem(value)
            return url_problem(value) if value.startswith("http") else None
        return super().problem(f, value, saving=saving)

    @on(Select.Changed, "#f-format")
    def _format_changed(self) -> None:
        address = self.query_one("#f-address", Input).value.strip()
        self.show_error("address", self.problem(self.by_name["address"], address, saving=False))

    def _submit(self, values: dict[str, Any]) -> Any:
        try:
            deadline = parse_deadline(values["deadline"])
        except ValueError as exc:
            raise InvalidFields({"deadline": str(exc)}) from None
        spec = ConsultationSpec(
            id=values["id"],
            title=values["title"],
            organiser=values["organiser"],
            deadline=deadline,
            url=values["url"],
            language=values["language"],
            kind=values["kind"],
            respondent_required=split_list(values["respondent"]),
            submission_format=values["format"],
            address=values["address"],
            questions=list(self.questions),
        )
        return self.write(spec)
