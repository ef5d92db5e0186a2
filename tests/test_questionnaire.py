"""The one model of what is answered: targets from every consultation kind, and a draft's response over them."""

from __future__ import annotations

from pathlib import Path

from drafter.draft_editor import DraftEditor
from drafter.loaded import LoadedWorkspace
from drafter.model import BlockItem, Consultation, Draft, TextItem
from drafter.ops.check import run_check
from drafter.ops.render import submission
from drafter.questionnaire import block_uses, build, response
from drafter.workspace import Workspace

from .wsbuilder import NOW, baseline, write

DEADLINE = "2026-12-31T23:59:00+00:00"


def consultation(**extra) -> Consultation:
    return Consultation.model_validate({"id": "c", "title": "A call", "organiser": "Org", "deadline": DEADLINE, **extra})


QUESTIONNAIRE = {
    "sections": [
        {"id": "s1", "title": "First", "intro": "Read this first.", "questions": [
            {"id": "1", "text": "Who are you?", "required": True},
            {"id": "2", "number": "B", "text": "Tell us about the following.", "limit": {"words": 100}, "parts": [
                {"id": "2a", "number": "(a)", "text": "Access", "themes": ["alpha"]},
                {"id": "2b", "number": "(b)", "text": "Skills", "in": "form"},
            ]},
        ]},
        {"id": "s2", "title": "Second", "questions": [{"id": "3", "number": "", "text": "Anything else?"}]},
    ]
}


def test_questionnaire_targets_are_the_answerable_questions_and_parts():
    q = build(consultation(**QUESTIONNAIRE))
    assert [t.id for t in q.targets] == ["1", "2a", "2b", "3"]
    assert [(t.number, t.kind) for t in q.targets] == [("1", "question"), ("(a)", "part"), ("(b)", "part"), ("", "question")]
    (parent,) = q.parents
    assert parent.id == "2" and parent.number == "B" and parent.limit is not None and parent.limit.words == 100
    assert q.get("2a").parent is parent and q.parts_of(parent) == [q.get("2a"), q.get("2b")]
    assert q.get("2b").where == "form" and not q.get("2b").in_document and q.get("2a").in_document
    assert [h.title for h in q.headings] == ["First", "Second"] and q.headings[0].intro == "Read this first."
    assert [t.id for t in q.under(q.headings[0])] == ["1", "2a", "2b"]
    assert q.get("2a").loc == ("answers", "2a") and q.get("2a").origin == ("sections", 0, "questions", 1, "parts", 0)
    assert [t.id for t in q.defined()] == ["1", "2", "2a", "2b", "3"]
    assert q.get("3").label == "Anything else?" and q.get("1").label == "1 Who are you?"


def test_free_consultation_targets_come_from_the_drafts_own_sections():
    c = consultation(kind="free", topics=[{"id": "t", "title": "Contract changes"}])
    draft = Draft.model_validate({"consultation": "c", "sections": [
        {"id": "summary", "title": "Summary", "limit": {"words": 5}, "items": [{"text": "one two three four five six"}]},
        {"id": "detail", "title": "Our view", "items": [{"block": "one"}]},
    ]})
    view = response(c, draft)
    assert [(t.id, t.kind, t.text, t.number) for t in view.targets] == [("summary", "section", "Summary", ""), ("detail", "section", "Our view", "")]
    assert view.questionnaire.get("summary").loc == ("sections", 0, "items")
    assert view.items("summary") == [TextItem(text="one two three four five six")]
    assert [u.loc for u in view.block_uses()] == [("sections", 1, "items")]
    assert build(c).targets == []  # without a draft, a free call asks nothing of its own


def test_document_targets_are_paragraphs_and_comments_answer_them():
    c = consultation(kind="document", revision="zero-draft", paragraphs=[
        {"id": "PP1", "text": "Recalling the Tunis Agenda,", "section": "Preamble"},
        {"id": "OP1", "text": "Decides to renew the mandate.", "section": "Operative"},
    ])
    draft = Draft.model_validate({"consultation": "c", "comments": [
        {"paragraph": "OP1", "action": "amend", "text": "Decides to make the mandate permanent.", "rationale": [{"block": "one"}, {"text": "Why."}]},
        {"paragraph": "ZZ9", "rationale": [{"text": "stray"}]},
    ]})
    view = response(c, draft)
    assert [(t.id, t.kind, t.heading.title) for t in view.targets] == [("PP1", "paragraph", "Preamble"), ("OP1", "paragraph", "Operative")]
    assert view.questionnaire.get("OP1").loc == ("comments", 0, "rationale")
    assert view.items("OP1") == [BlockItem(block="one"), TextItem(text="Why.")]
    assert [u.target_id for u in view.unknown()] == ["ZZ9"]
    assert [(u.target_id, u.loc) for u in block_uses(draft)] == [("OP1", ("comments", 0, "rationale"))]


def test_response_separates_unknown_answers():
    c = consultation(**QUESTIONNAIRE)
    draft = Draft.model_validate({"consultation": "c", "answers": {"1": [{"text": "Us."}], "9.9": [{"text": "?"}], "3": None}})
    view = response(c, draft)
    assert view.items("1") == [TextItem(text="Us.")] and view.items("2a") == []
    assert [e.target_id for e in view.unknown()] == ["9.9"]
    assert view.answered_ids() == ["1", "3"]


def _free_workspace(tmp_path: Path) -> Path:
    spec = baseline()
    spec["consultation"].pop("sections")
    spec["consultation"]["kind"] = "free"
    spec["draft"].pop("answers")
    spec["draft"]["sections"] = [
        {"id": "summary", "title": "Summary", "limit": {"words": 5}, "items": [{"text": "one two three four five six"}]},
        {"id": "view", "title": "Our view", "items": [{"block": "one"}]},
    ]
    return write(tmp_path, spec)


def test_a_free_draft_is_checked_per_section_and_renders_its_own_headings(tmp_path):
    draft = _free_workspace(tmp_path)
    lw = LoadedWorkspace.load(Workspace.open(tmp_path), cache=False)
    result = run_check(lw, draft, NOW)
    over = [f for f in result.findings if f.code == "over-limit"]
    assert [(f.question, f.message) for f in over] == [("summary", "answer is 6 words, limit 5 (1 over)")]
    assert over[0].line is not None  # placed at the section's items in the draft file
    doc = submission(result)
    assert [a.target.text for a in doc.answers()] == ["Summary", "Our view"]
    assert "supports open standards" in doc.answers()[1].markdown


def test_the_editor_writes_into_a_free_drafts_section(tmp_path):
    draft = _free_workspace(tmp_path)
    ed = DraftEditor.load(draft)
    ed.add_text(("sections", 1, "items"), "Added.")
    ed.save()
    model = DraftEditor.load(draft).model()
    assert model is not None and model.sections[1].items[-1] == TextItem(text="Added.")
    assert "answers" not in draft.read_text(encoding="utf-8")


def test_duplicate_part_ids_are_reported_where_they_stand(tmp_path):
    spec = baseline()
    spec["consultation"]["sections"][0]["questions"].append(
        {"id": "1.9", "text": "Parts", "parts": [{"id": "1.1", "text": "again"}]}
    )
    write(tmp_path, spec)
    lw = LoadedWorkspace.load(Workspace.open(tmp_path), cache=False)
    dup = [f for f in lw.load_findings if f.code == "duplicate-id"]
    assert [f.message for f in dup] == ["part id '1.1' is used twice (also in section 's1')"] and dup[0].line


def test_a_free_call_may_still_ask_questions_of_its_own():
    """ICANN's public comment: the organisation's own headings in the attachment, and a summary typed
    into the web form."""
    c = consultation(kind="free", sections=[{"id": "form", "title": "Submission form", "questions": [
        {"id": "summary", "number": "", "text": "Summary of Submission", "in": "form", "required": True}]}])
    draft = Draft.model_validate({"consultation": "c", "answers": {"summary": [{"text": "We support it."}]},
                                  "sections": [{"id": "intro", "title": "Introduction", "items": [{"text": "Hello."}]}]})
    view = response(c, draft)
    assert [(t.id, t.where) for t in view.targets] == [("summary", "form"), ("intro", "document")]
    assert [h.title for h in view.questionnaire.headings] == ["Submission form", "A call"]
    assert view.items("summary") == [TextItem(text="We support it.")] and not view.unknown()


def test_a_new_draft_of_a_free_call_lists_its_questions_and_an_empty_list_of_sections():
    import datetime as dt

    from drafter.draft import new_draft_text
    from drafter.yamlio import read_yaml_text, validate

    c = consultation(kind="free", topics=[{"id": "t", "title": "Contract changes"}], sections=[
        {"id": "form", "title": "Submission form", "questions": [{"id": "summary", "text": "Summary", "in": "form"}]}])
    text = new_draft_text(c, dt.date(2026, 1, 1))
    model, problems = validate(read_yaml_text(text), Draft)
    assert problems == [] and model is not None
    assert list(model.answers) == ["summary"] and model.sections == []
    assert "Contract changes" in text
