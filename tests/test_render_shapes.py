"""Each consultation shape renders as the organiser expects: a questionnaire with parts and a web-form
field, a free call in letter style, the cover with every field asked for."""

from __future__ import annotations

import io

import docx

from drafter.compose import Composed, ComposedItem, measure
from drafter.model import Consultation, Draft, TextItem
from drafter.plaintext import markdown_parser
from drafter.questionnaire import response
from drafter.render import render_bytes
from drafter.submission import build_submission

DEADLINE = "2026-12-31T23:59:00+00:00"


def answer(text: str):
    return measure(Composed(text, [ComposedItem(TextItem(text=text), text)], []))


def questionnaire() -> Consultation:
    return Consultation.model_validate({
        "id": "c", "title": "Call for inputs", "organiser": "The Forum", "deadline": DEADLINE, "language": "en",
        "respondent": {"required": ["name", "stakeholder_group", "region", "organisation", "capacity"]},
        "sections": [{"id": "s", "title": "Taking stock", "questions": [
            {"id": "1", "text": "What worked well?", "guidance": "Be specific.", "required": True},
            {"id": "2", "number": "2", "text": "Looking ahead, please comment on:", "limit": {"words": 300}, "parts": [
                {"id": "2a", "number": "(a)", "text": "Participation"},
                {"id": "2b", "number": "(b)", "text": "Outcomes"},
            ]},
            {"id": "3", "text": "Anything else?"},
            {"id": "contact", "text": "Contact e-mail", "in": "form"},
        ]}],
    })


def the_draft() -> Draft:
    return Draft.model_validate({
        "consultation": "c", "date": "2026-11-28",
        "respondent": {"name": "Ada Example", "organisation": "Example Registry", "stakeholder_group": "Technical community",
                       "region": "Africa", "capacity": "organisation", "email": "ada@example.org", "country": "Ghana"},
    })


def questionnaire_doc(**answers_by_id: str):
    c, d = questionnaire(), the_draft()
    return build_submission(response(c, d), {k: answer(v) for k, v in answers_by_id.items()})


def headings(md: str) -> list[str]:
    tokens = markdown_parser().parse(md)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_the_cover_prints_every_field_the_consultation_asks_for():
    doc = questionnaire_doc(**{"1": "Much.", "2a": "Broad.", "2b": "Clear."})
    assert doc.cover == [
        ("Name", "Ada Example"), ("Organisation", "Example Registry"), ("Stakeholder group", "Technical community"),
        ("Country", "Ghana"), ("Region", "Africa"), ("Capacity", "On behalf of the organisation"),
        ("Date", "28 November 2026"),
    ]  # e-mail is not asked for, so not printed; country is printed whenever given
    md = render_bytes(doc, "md")[0].decode()
    assert "- **Region:** Africa" in md and "- **Capacity:** On behalf of the organisation" in md and "ada@example.org" not in md


def test_parts_print_their_preamble_once_and_form_and_unanswered_optional_questions_are_left_out():
    doc = questionnaire_doc(**{"1": "Much.", "2a": "Broad.", "2b": "Clear.", "contact": "ada@example.org"})
    md = render_bytes(doc, "md")[0].decode()
    assert headings(md) == ["Call for inputs", "Taking stock", "1 What worked well?", "2 Looking ahead, please comment on:",
                            "(a) Participation", "(b) Outcomes"]
    assert "Be specific." not in md and "Anything else?" not in md and "Contact e-mail" not in md
    txt = render_bytes(doc, "txt")[0].decode()
    assert txt.count("2 Looking ahead, please comment on:") == 1 and "(all parts together: 300 words)" in txt
    assert "Contact e-mail\n\nada@example.org" in txt and "Anything else?\n\n(no answer)" in txt
    d = docx.Document(io.BytesIO(render_bytes(doc, "docx")[0]))
    styles = {p.text: p.style.name for p in d.paragraphs}
    assert styles["2\u2002Looking ahead, please comment on:"] == "Heading 2" and styles["(a)\u2002Participation"] == "Heading 3"
    assert not any("Contact e-mail" in p.text for p in d.paragraphs)


def test_guidance_only_when_asked_for():
    c, d = questionnaire(), the_draft()
    doc = build_submission(response(c, d), {"1": answer("Much.")}, guidance=True)
    assert "*Be specific.*" in render_bytes(doc, "md")[0].decode()


def test_a_required_question_left_empty_shows_the_gap():
    doc = questionnaire_doc(**{"2a": "Broad."})
    md = render_bytes(doc, "md")[0].decode()
    assert "1 What worked well?" in headings(md) and "*No answer.*" in md and "(b) Outcomes" not in headings(md)


def letter_doc():
    c = Consultation.model_validate({
        "id": "icann", "title": "Amendments to the Base gTLD RA and RAA", "organiser": "ICANN", "deadline": DEADLINE,
        "kind": "free", "submission": {"style": "letter"}, "language": "fr",
        "sections": [{"id": "form", "title": "Submission form", "questions": [
            {"id": "summary", "number": "", "text": "Summary of Submission", "in": "form"}]}],
    })
    d = Draft.model_validate({
        "consultation": "icann", "date": "2023-07-10",
        "respondent": {"name": "Ada Example", "role": "Policy Director", "organisation": "Example Registry"},
        "cosigners": [{"organisation": "Example IXP", "country": "Ghana"}],
        "answers": {"summary": [{"text": "We support the amendments."}]},
        "sections": [{"id": "intro", "title": "Introduction", "items": [{"text": "Example Registry welcomes the proposal."}]},
                     {"id": "next", "title": "Next steps", "items": [{"text": "We look forward to the PDP."}]}],
    })
    answers = {"summary": answer("We support the amendments."), "intro": answer("Example Registry welcomes the proposal."),
               "next": answer("We look forward to the PDP.")}
    return build_submission(response(c, d), answers)


FRENCH_LETTER_TITLE = "Example Registry\u00a0: observations sur «\u00a0Amendments to the Base gTLD RA and RAA\u00a0»"


def test_a_free_call_in_letter_style_is_a_letter():
    doc = letter_doc()
    assert doc.date_text == "10 juillet 2023"  # written out in the consultation's language
    md = render_bytes(doc, "md")[0].decode()
    # (a French consultation: drafter's own words are French too)
    assert headings(md) == [FRENCH_LETTER_TITLE, "Introduction", "Next steps"]  # (its no-break spaces kept)
    assert md.startswith("10 juillet 2023\n") and "Veuillez agréer l'assurance de notre haute considération." in md
    assert "Ada Example  \nPolicy Director  \nExample Registry" in md and "Cosignataires\u00a0: Example IXP (Ghana)" in md
    assert "Consentement" not in md and "- **Organisation" not in md  # a letter's head: what is asked for
    assert "We support the amendments." not in md  # the summary goes into the web form, not the letter
    d = docx.Document(io.BytesIO(render_bytes(doc, "docx")[0]))
    by_style = {}
    for p in d.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Letter Date"] == ["10 juillet 2023"] and by_style["Letter Title"] == [FRENCH_LETTER_TITLE]
    assert by_style["Heading 1"][:2] == ["Introduction", "Next steps"]
    assert by_style["Signature"][:3] == ["Ada Example", "Policy Director", "Example Registry"]


def test_the_same_submission_renders_the_same_bytes_twice():
    doc = letter_doc()
    assert render_bytes(doc, "docx")[0] == render_bytes(letter_doc(), "docx")[0]
