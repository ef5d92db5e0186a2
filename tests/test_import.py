"""`drafter import`: the readers (txt, md, docx with real Word numbering, html, pdf, stdin), the
detectors (labels, limits, deadlines with time zones, respondent fields), the structure, the
`# check:` comments, the document kind and its revisions, and the command (never overwrites; the
result passes `drafter lint`; hostile input is one line)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.importing import ImportFailure, import_consultation, read_source
from drafter.importing.deadline import parse_deadline
from drafter.importing.labels import parse_label, split_label
from drafter.importing.limits import find_limit
from drafter.importing.meta import respondent_field, respondent_fields_in_prose
from drafter.model import Consultation

TODAY = dt.date(2026, 5, 27)
NOW = "2026-05-27T12:00:00+00:00"

QUESTIONNAIRE_TXT = """\
IGF 2026 Call for Inputs: Taking Stock

The Internet Governance Forum (IGF) Secretariat invites all stakeholders to submit inputs.
Deadline: submissions must reach us by 23:59 UTC on 31 January 2027.
More information: https://www.intgovforum.org/en/content/call-for-inputs

Questions marked * are mandatory. Each answer should be no more than 500 words.

About you
Name *
Organisation/Affiliation
Stakeholder group *
E-mail address *
I consent to the publication of my submission on the IGF website.

A. Taking stock
1. What worked well at IGF 2025? *
2. What should be improved? (max. 2,000 characters)

B. Looking forward
3. What themes should IGF 2026 address?
Please consider the WSIS+20 outcome.
4. How can the IGF strengthen its intersessional work:
(a) best practice forums;
(b) policy networks?
Maximum 300 words
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _questions(data: dict) -> list[dict]:
    return [q for s in data["sections"] for q in s["questions"]]


# --------------------------------------------------------------------------- detectors


@pytest.mark.parametrize(
    ("text", "label", "kind", "key"),
    [
        ("1. What is it?", "1.", "decimal", "1"),
        ("1) What", "1)", "decimal", "1"),
        ("2.1 How", "2.1", "dotted", "2.1"),
        ("2.1.3 How", "2.1.3", "dotted", "2.1.3"),
        ("A. Title", "A.", "ALPHA", "A"),
        ("A) Title", "A)", "ALPHA", "A"),
        ("F) 1. What", "F) 1.", "compound", "F.1"),
        ("(a) part", "(a)", "alpha", "a"),
        ("a) part", "a)", "alpha", "a"),
        ("(i) part", "(i)", "roman", "i"),
        ("iv. part", "iv.", "roman", "iv"),
        ("IV. Title", "IV.", "ROMAN", "IV"),
        ("Question 3: What", "Question 3", "question", "3"),
        ("Q3 What", "Q3", "question", "3"),
        ("Q. 3 What", "Q. 3", "question", "3"),
        ("OP14 Decides", "OP14", "op", "OP14"),
        ("PP 3 Recalling", "PP 3", "pp", "PP3"),
        ("para. 12 Text", "para. 12", "para", "12"),
        ("Section 2: Scope", "Section 2", "section", "2"),
        # a paragraph inserted after another keeps its number: 1bis, 1 ter, 1quat, OP14 quater
        ("1bis. We reiterate", "1bis.", "decimal", "1bis"),
        ("1 ter. Reaffirming", "1 ter.", "decimal", "1ter"),
        ("1quat. Reaffirming", "1quat.", "decimal", "1quat"),
        ("12 quinquies Decides", "12 quinquies", "decimal", "12quinquies"),
        ("OP14 quater Decides", "OP14 quater", "op", "OP14quater"),
        ("PP3 bis. Recalling", "PP3 bis.", "pp", "PP3bis"),
    ],
)
def test_labels_are_split_and_read(text, label, kind, key):
    found, rest = split_label(text)
    assert found == label
    assert rest and not rest.startswith((":", " "))
    parsed = parse_label(found)
    assert parsed is not None and parsed.kind == kind and parsed.key == key


@pytest.mark.parametrize("text", ["e.g. this", "2026 was a year", "In 2025, we", "U.N. bodies", "2 Terabytes of data", "3 terms apply"])
def test_prose_has_no_label(text):
    assert split_label(text)[0] is None


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("no more than 500 words", "words", 500),
        ("max. 2,000 characters", "chars", 2000),
        ("Abstract (500 characters max)", "chars", 500),
        ("maximum 300 words", "words", 300),
        ("up to 1 500 caractères", "chars", 1500),
        ("up to 1\u202f500 caractères", "chars", 1500),
        ("up to 1\u00a0500 characters", "chars", 1500),
        ("500 mots maximum", "words", 500),
        ("máximo 500 palabras", "words", 500),
        ("no más de 2.000 caracteres", "chars", 2000),
        ("limit: 250 words", "words", 250),
        ("word limit 400", "words", 400),
        ("Límite de 300 palabras", "words", 300),
        ("Please answer in 300 words or less", "words", 300),
        ("max 1,500 characters including spaces", "chars", 1500),
        ("5000 character(s) maximum", "chars", 5000),  # EU Survey, under a text box
        ("maximum 5000 character(s)", "chars", 5000),
    ],
)
def test_limits_in_english_french_spanish(text, unit, value):
    found = find_limit(text)
    assert found is not None and (found.unit, found.value) == (unit, value)


def test_limit_with_spaces_is_noted():
    assert find_limit("max 1,500 characters including spaces").with_spaces is True
    assert find_limit("max 500 characters (excluding spaces)").with_spaces is False


@pytest.mark.parametrize("text", ["In 2020, 3 words were said", "See page 500", "Resolution 70/125"])
def test_no_limit_in_plain_numbers(text):
    assert find_limit(text) is None


@pytest.mark.parametrize(
    ("text", "expected", "guessed"),
    [
        ("by 23:59 UTC on 31 January 2026", "2026-01-31T23:59:00+00:00", False),
        ("midnight CEST, 15 July 2025", "2025-07-15T23:59:00+02:00", True),  # 'midnight' read as 23:59
        ("31 January 2026, 23:59 (Geneva time)", "2026-01-31T23:59:00+01:00", False),  # winter
        ("31 July 2026, 23:59 (Geneva time)", "2026-07-31T23:59:00+02:00", False),  # summer time
        ("15/01/2026 17:00 CET", "2026-01-15T17:00:00+01:00", False),
        ("15/07/2025 17:00 CET", "2025-07-15T17:00:00+01:00", True),  # CET stated in summer: kept, flagged
        ("Deadline: 15 January 2026 23:59 CEST", "2026-01-15T23:59:00+02:00", True),  # CEST in winter
        ("January 31, 2026 at 11:59 p.m. EST", "2026-01-31T23:59:00-05:00", False),
        ("by 5 pm ET on October 3, 2025", "2025-10-03T17:00:00-04:00", False),  # Eastern, summer time
        ("by 5 p.m. Eastern Time, 3 December 2025", "2025-12-03T17:00:00-05:00", False),
        ("Deadline: 30 June 2026, 23:59 AoE", "2026-06-30T23:59:00-12:00", False),
        ("Submit by COB 3 July 2026 UTC", "2026-07-03T17:00:00+00:00", True),
        ("before 2025-09-30 12:00 UTC+2", "2025-09-30T12:00:00+02:00", False),
        ("date limite : 15 septembre 2025 à 17h00 (heure de Genève)", "2025-09-15T17:00:00+02:00", False),
        ("fecha límite: 31 de octubre de 2025, 23:59 hora de Ginebra", "2025-10-31T23:59:00+01:00", False),
        ("Deadline 31 March 2026 UTC", "2026-03-31T23:59:00+00:00", True),  # no time: 23:59
        ("Date limite : 20 février 2025, 17 h (heure de l'Est)", "2025-02-20T17:00:00-05:00", False),  # America/Toronto
        ("hasta el 26 de octubre de 2009 a las 14:00 (hora peninsular)", "2009-10-26T14:00:00+01:00", False),  # Europe/Madrid
        ("comments by 15th of February 2017", "2017-02-15T23:59:00+00:00", True),  # ordinal + "of"
        # a period ends on its second date; "midnight Brussels time" is Europe/Brussels (summer time in May)
        ("Consultation period: 23 February 2023 - 19 May 2023 (midnight Brussels time)", "2023-05-19T23:59:00+02:00", True),
        ("Feedback period 14 March 2024 – 13 June 2024", "2024-06-13T23:59:00+00:00", True),
        ("open from 1 March to 30 April 2026, 17:00 CET", "2026-04-30T17:00:00+01:00", True),  # CET stated in summer: flagged
    ],
)
def test_deadlines_with_time_zones(text, expected, guessed):
    found = parse_deadline(text, TODAY)
    assert found is not None
    assert found.value.isoformat() == expected
    assert bool(found.notes) is guessed, found.notes


def test_deadline_without_year_takes_the_next_one():
    found = parse_deadline("Deadline: 31 March, 23:59 UTC", TODAY)
    assert found is not None and found.value.date() == dt.date(2027, 3, 31)
    assert any("no year" in n for n in found.notes)
    found = parse_deadline("Deadline: 30 June, 23:59 UTC", TODAY)
    assert found is not None and found.value.date() == dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time's "a.m." is no sentence's end: the zone after it belongs to the deadline
        ("Delegations send amendments by Friday 12 November 2004, 10:00 a.m. EST. The General Assembly,", "2004-11-12T10:00:00-05:00"),
        # the date next to "until" with a time, not the form's opening date
        ("The form opens on 9 March 2015. The call is open until 30 March 2015, 23:59 UTC.", "2015-03-30T23:59:00+00:00"),
    ],
)
def test_the_deadline_sentence_of_a_line(tmp_path, text, expected):
    imp = import_consultation(_write(tmp_path, "c.txt", f"A call\n\n{text}\n\n1. What do you think?\n"), today=TODAY)
    assert imp.data["deadline"].isoformat() == expected


def test_deadline_without_zone_takes_the_organisers_country_as_a_guess(tmp_path):
    head = "Consultation Paper on Net Neutrality\n\nTelecom Regulatory Authority of India, New Delhi.\n\n"
    text = head + "Comments by 15th of February 2017.\n\n1. What is a TMP?\n"
    imp = import_consultation(_write(tmp_path, "trai.txt", text), today=TODAY)
    assert imp.data["deadline"].isoformat() == "2017-02-15T23:59:00+05:30"
    assert "Asia/Kolkata assumed (the organiser's country, India)" in imp.yaml
    assert imp.data["organiser"] == "Telecom Regulatory Authority of India"
    # no country named: UTC, still a guess
    imp = import_consultation(_write(tmp_path, "x.txt", "A call\n\nComments by 15 February 2017.\n\n1. What?\n"), today=TODAY)
    assert imp.data["deadline"].isoformat() == "2017-02-15T23:59:00+00:00" and "UTC assumed" in imp.yaml


def test_deadline_without_zone_is_utc_and_a_guess():
    found = parse_deadline("Deadline: 30 June 2026 at 18:00", TODAY)
    assert found is not None and found.value.isoformat() == "2026-06-30T18:00:00+00:00"
    assert any("UTC assumed" in n for n in found.notes)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Name", "name"), ("Name of organisation:", "organisation"), ("Organisation/Affiliation", "organisation"),
        ("Stakeholder group *", "stakeholder_group"), ("Country", "country"), ("Region", "region"),
        ("E-mail address", "email"), ("Role/Title", "role"),
        ("Are you responding as an individual or on behalf of an organisation?", "capacity"),
        # EU Survey's "About you"
        ("*I am giving my contribution as", "stakeholder_group"), ("*Surname", "name"), ("Transparency register number", "transparency_register"),
        ("*Country of origin", "country"), ("*Email (this won't be published)", "email"),
        ("What is the role of the IGF in digital cooperation?", None),
        ("Please describe your organisation's priorities for the review.", None),
    ],
)
def test_respondent_fields(text, field):
    assert respondent_field(text) == field


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("Submitters are asked to give their name, affiliation and e-mail address.", ["name", "organisation", "email"]),
        ("Sections 1 and 2 ask for the primary and secondary contact: name, email, stakeholder group, organizational affiliation "
         "and country where the organization is based.", ["name", "email", "stakeholder_group", "organisation", "country"]),
        ("Please indicate the name of your organization and your stakeholder group.", ["organisation", "stakeholder_group"]),
        ("Las respuestas se remitirán a consulta@mityc.es, indicando el nombre o razón social y un correo electrónico de contacto.",
         ["name", "email"]),
        ("Les intervenants doivent indiquer leur nom et leur adresse courriel.", ["name", "email"]),
        ("Please provide your views on how the country and region should act.", []),
        ("Please send your e-mail to the secretariat.", []),
        ("Name, stakeholder group and organizational affiliation of each speaker.", []),  # asks nothing of the respondent
    ],
)
def test_respondent_fields_asked_for_in_a_sentence(text, fields):
    assert respondent_fields_in_prose(text) == fields


def test_a_field_with_a_length_limit_is_a_question_not_a_respondent_field(tmp_path):
    text = ("Call for papers\n\nEach submission gives the author's name, affiliation and e-mail address.\n\n"
            "A) Title (100 characters max) *\n\nB) Abstract (500 characters max) *\n\nFields marked * are required.\n")
    imp = import_consultation(_write(tmp_path, "cfp.txt", text), today=TODAY)
    qs = _questions(imp.data)
    assert [(q["text"], q["limit"], q["required"]) for q in qs] == [("Title", {"chars": 100}, True), ("Abstract", {"chars": 500}, True)]
    assert imp.data["respondent"]["required"] == ["name", "organisation", "email"]


# --------------------------------------------------------------------------- txt, end to end


def test_txt_questionnaire_end_to_end(tmp_path):
    imp = import_consultation(_write(tmp_path, "igf.txt", QUESTIONNAIRE_TXT), today=TODAY)
    Consultation.model_validate(imp.data)
    data = imp.data
    assert data["organiser"] == "Internet Governance Forum"
    assert data["url"] == "https://www.intgovforum.org/en/content/call-for-inputs"
    assert data["deadline"].isoformat() == "2027-01-31T23:59:00+00:00"
    assert data["respondent"]["required"] == ["name", "organisation", "stakeholder_group", "email", "consent_to_publish"]
    assert [(s["id"], s["title"]) for s in data["sections"]] == [("A", "Taking stock"), ("B", "Looking forward")]
    qs = _questions(data)
    assert [q["id"] for q in qs] == ["1", "2", "3", "4"]
    assert [q.get("number") for q in qs] == ["1.", "2.", "3.", "4."]
    assert qs[0]["text"] == "What worked well at IGF 2025?" and qs[0]["required"] is True
    assert qs[1]["limit"] == {"chars": 2000} and qs[1]["text"] == "What should be improved?"
    assert qs[0]["limit"] == {"words": 500}  # the intro's "each answer" limit, a guess
    assert qs[2]["guidance"] == "Please consider the WSIS+20 outcome."
    assert [(p["id"], p["number"]) for p in qs[3]["parts"]] == [("4a", "(a)"), ("4b", "(b)")]
    assert qs[3]["limit"] == {"words": 300}  # stated after the parts: all parts together
    # no respondent field became a question
    assert not any("Name" in q["text"] or "mail" in q["text"] for q in qs)
    assert imp.found[0] == "4 questions in 2 sections, 2 parts"
    assert any(f.startswith("deadline 2027-01-31 23:59 UTC (from line") for f in imp.found)
    # source lines are mapped
    assert imp.source.lines[imp.lines[("sections", 0, "questions", 0)]].text.startswith("What worked well")


def test_every_guess_has_a_check_comment(tmp_path):
    imp = import_consultation(_write(tmp_path, "igf.txt", QUESTIONNAIRE_TXT), today=TODAY)
    lines = imp.yaml.splitlines()
    assert imp.guesses
    for guess in imp.guesses:
        assert any("check: " in line and guess.note.split(":")[0][:30] in line for line in lines), guess
    # the inherited limit carries its comment on the `limit` key
    assert any(line.strip().startswith("limit:") and "# check: stated in line" in line for line in lines)
    Consultation.model_validate(imp.data)


def test_unnumbered_questions_and_no_deadline(tmp_path):
    text = "Consultation on open data\n\nWhat is your view on open data?\n\nHow should it be funded?\n"
    imp = import_consultation(_write(tmp_path, "q.txt", text), today=TODAY)
    qs = _questions(imp.data)
    assert [(q["id"], q["number"]) for q in qs] == [("1", ""), ("2", "")]
    assert "no deadline" in imp.missing and "no organiser" in imp.missing
    assert "# check: no deadline found" in imp.yaml
    Consultation.model_validate(imp.data)


def test_dotted_numbers_make_sections_and_ids(tmp_path):
    text = "Call for views\n\n1. Scope\n1.1 What should be in scope?\n1.2 What should not?\n2. Funding\n2.1 How should it be funded?\n"
    imp = import_consultation(_write(tmp_path, "q.txt", text), today=TODAY)
    assert [(s["id"], s["title"]) for s in imp.data["sections"]] == [("1", "Scope"), ("2", "Funding")]
    assert [q["id"] for q in _questions(imp.data)] == ["1.1", "1.2", "2.1"]


def test_restarting_numbers_are_prefixed_with_the_section(tmp_path):
    text = "Call\n\nA. Access\n1. What works?\n2. What fails?\nB. Skills\n1. What works?\n"
    imp = import_consultation(_write(tmp_path, "q.txt", text), today=TODAY)
    assert [q["id"] for q in _questions(imp.data)] == ["A.1", "A.2", "B.1"]
    assert [q["number"] for q in _questions(imp.data)] == ["1.", "2.", "1."]


def test_french_call(tmp_path):
    text = (
        "Appel à contributions sur la coopération numérique\n\n"
        "La date limite est le 15 septembre 2026 à 17h00 (heure de Genève).\n\n"
        "1. Quelles sont les priorités de votre organisation pour le forum ? (500 mots maximum)\n"
        "2. Comment le forum peut-il mieux inclure les pays en développement ? (obligatoire)\n"
    )
    imp = import_consultation(_write(tmp_path, "fr.txt", text), today=TODAY)
    assert imp.data["language"] == "fr"
    assert imp.data["deadline"].isoformat() == "2026-09-15T17:00:00+02:00"
    qs = _questions(imp.data)
    assert qs[0]["limit"] == {"words": 500} and qs[1]["required"] is True


# --------------------------------------------------------------------------- markdown, html


def test_markdown_reader(tmp_path):
    text = (
        "# Call for input\n\nDeadline: 31 January 2027, 23:59 UTC\n\n## Section 1: Access\n\n"
        "1. What works?\n2. What fails?\n   1. in cities\n   2. in villages\n\n"
        "| No. | Question |\n|---|---|\n| 3. | **Anything else?** |\n"
    )
    source = read_source(_write(tmp_path, "c.md", text))
    assert source.format == "md"
    assert source.lines[0].heading == 1 and source.lines[0].text == "Call for input"
    items = [(line.label, line.level, line.numbered) for line in source.lines if line.label and line.label[0].isdigit()]
    assert items[:4] == [("1.", 0, True), ("2.", 0, True), ("1.", 1, True), ("2.", 1, True)]
    cell = next(line for line in source.lines if line.text == "Anything else?")
    assert cell.table and cell.bold and cell.label is None
    imp = import_consultation(tmp_path / "c.md", today=TODAY)
    Consultation.model_validate(imp.data)


HTML = b"""<html><head><title>IGF call</title><style>p{color:red}</style>
<script>var x = "9. Not a question?";</script></head>
<body><nav><a href="/">Home</a></nav>
<h1>Call for Inputs: IGF 2026 Programme</h1>
<p>The <a href="https://www.intgovforum.org/call">Internet Governance Forum</a> invites inputs.
Deadline: <strong>31 January 2027, 23:59 (Geneva time)</strong>.</p>
<h2>Part A: Themes</h2>
<ol start="3"><li>Which themes matter most? <em>(no more than 300 words)</em></li>
<li>How should sessions be chosen?<ol type="a"><li>for newcomers;</li><li>for experts?</li></ol></li></ol>
<h2>Part B: Format</h2>
<table><tr><th>No.</th><th>Question</th><th>Answer</th></tr>
<tr><td>5</td><td>What format works best online?</td><td></td></tr>
<tr><td>6</td><td>Any other comment? (optional)</td><td></td></tr></table>
</body></html>"""


def test_html_reader_and_import(tmp_path):
    path = tmp_path / "call.html"
    path.write_bytes(HTML)
    source = read_source(path)
    texts = [line.text for line in source.lines]
    assert not any("Not a question" in t or t == "Home" or "color" in t for t in texts)
    labelled = [(line.label, line.level) for line in source.lines if line.label]
    assert ("3.", 0) in labelled and ("4.", 0) in labelled and ("a.", 1) in labelled and ("b.", 1) in labelled
    imp = import_consultation(path, today=TODAY)
    data = imp.data
    assert data["url"] == "https://www.intgovforum.org/call"
    assert data["deadline"].isoformat() == "2027-01-31T23:59:00+01:00"
    qs = _questions(data)
    assert [q["id"] for q in qs] == ["3", "4", "5", "6"]
    assert qs[0]["limit"] == {"words": 300}
    assert [p["id"] for p in qs[1]["parts"]] == ["4a", "4b"]
    assert qs[3]["required"] is False and qs[3]["text"] == "Any other comment?"
    assert [s["id"] for s in data["sections"]] == ["A", "B"]


PAGE = """<html><head><title>Site</title></head><body>
<div id="cookies" class="banner">This site uses cookies. <button>Accept</button></div>
<header><a class="visually-hidden" href="#main">Skip to main content</a>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/calls">Calls</a></li><li>The call</li></ol></header>
BODY
<aside class="sidebar"><h2>Related</h2><ol><li>Previous calls</li></ol></aside>
<footer><p>&copy; The organiser. <a href="/terms">Terms</a></p></footer>
</body></html>"""


@pytest.mark.parametrize(
    "body",
    [
        # the page's <main> is its text; the breadcrumb's <ol> must not number paragraphs 1-3
        '<main id="main"><h1>Global Compact</h1><p>Rev. 2</p><ol><li>Digital technologies transform our world.</li>'
        "<li>We can only achieve this together.</li></ol></main>",
        # the only <article> is the text
        '<div class="content"><article><h1>Global Compact</h1><p>Rev. 2</p><ol><li>Digital technologies '
        "transform our world.</li><li>We can only achieve this together.</li></ol></article></div>",
        # neither: the site's header, footer, aside, breadcrumb and pager are still left out; a section's own header is kept
        '<div class="content"><section><header><h1>Global Compact</h1></header><p>Rev. 2</p><ol><li>Digital technologies '
        'transform our world.</li><li>We can only achieve this together.</li></ol></section><div class="pager-nav"><ol><li>Next</li>'
        "</ol></div></div>",
    ],
)
def test_html_page_furniture_is_left_out(tmp_path, body):
    path = tmp_path / "page.html"
    path.write_text(PAGE.replace("BODY", body), encoding="utf-8")
    texts = [line.text for line in read_source(path).lines]
    assert texts[0] == "Global Compact"
    assert not any(t in ("Home", "Calls", "The call", "Related", "Previous calls", "Next") or "cookies" in t or "Skip" in t
                   or "Terms" in t for t in texts), texts
    imp = import_consultation(path, kind="document", today=TODAY)
    assert [(p["id"], p["text"][:7]) for p in imp.data["paragraphs"]] == [("1", "Digital"), ("2", "We can ")]


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        # the question says to pick one
        ("3. Workshop format (tick one).\n   a. Break-out group discussions\n   b. Debate\n   c. Roundtable\n",
         ["Break-out group discussions", "Debate", "Roundtable"]),
        ("Q.3 In the Indian context, which of the following regulatory approaches would be preferable:\n"
         "   (a) Defining what constitutes reasonable TMPs (the broad approach), or\n"
         "   (b) Identifying a negative list of non-reasonable TMPs (the narrow approach).\n",
         ["Defining what constitutes reasonable TMPs (the broad approach)", "Identifying a negative list of non-reasonable TMPs (the narrow approach)"]),
        # short items that ask nothing under a question that does not end with ":"
        ("5. Duration of proposed workshop.\n   a. 30 minutes (Flash Session or BoF formats only)\n   b. 60 minutes\n   c. 90 minutes\n",
         ["30 minutes (Flash Session or BoF formats only)", "60 minutes", "90 minutes"]),
        # parts, not options: they ask, or they are topics to comment on after a ":"
        ("4. How can the IGF strengthen its intersessional work:\n(a) best practice forums;\n(b) policy networks?\n", None),
        ("2. Please comment on the following:\n   a. Privacy\n   b. Security\n", None),
        ("1. Which of the following matter?\n   a. What is missing?\n   b. What should change?\n", None),
    ],
)
def test_options_to_choose_are_choices_not_parts(tmp_path, text, choices):
    imp = import_consultation(_write(tmp_path, "q.txt", "A call\n\n" + text), today=TODAY)
    (q,) = _questions(imp.data)
    if choices is None:
        assert q.get("kind", "text") == "text" and len(q["parts"]) == 2
    else:
        assert q["kind"] == "choice" and q["choices"] == choices and "parts" not in q
        assert "options to choose from" in imp.yaml
    Consultation.model_validate(imp.data)


@pytest.mark.parametrize(
    ("text", "required", "limit"),
    [
        # a "*" left standing after the limit is taken off
        ("Questions marked * are required.\n\nA) 1. What has changed since WSIS? * (max. 2,000 characters)\n", True, {"chars": 2000}),
        ("Questions marked * are required.\n\nA) 1. What has changed since WSIS? (max. 2,000 characters) *\n", True, {"chars": 2000}),
        ("Questions marked * are required.\n\nWhat has changed since WSIS? * (max. 2,000 characters)\n", True, {"chars": 2000}),
        ("All fields are compulsory.\n\n1. What has changed since WSIS?\n", True, None),
        ("Tous les champs sont obligatoires.\n\n1. Qu'est-ce qui a changé?\n", True, None),
        ("1. What has changed since WSIS? (max. 2,000 characters)\n", False, {"chars": 2000}),
    ],
)
def test_required_marks_and_legends(tmp_path, text, required, limit):
    imp = import_consultation(_write(tmp_path, "r.txt", "A call\n\n" + text), today=TODAY)
    (q,) = _questions(imp.data)
    assert q.get("required", False) is required and q.get("limit") == limit
    assert not q["text"].endswith(("*", " "))


@pytest.mark.parametrize(
    ("text", "choices", "guidance"),
    [
        # a web form's radio buttons, pasted: bare "Yes" / "No" / "Don't know" lines are the options
        ("1. Should spectrum be managed at EU level?\nYes\nNo\nDon't know\n", ["Yes", "No", "Don't know"], None),
        ("1. Faut-il harmoniser le spectre ?\n☐ Oui\n☐ Non\n☐ Je ne sais pas\n", ["Oui", "Non", "Je ne sais pas"], None),
        # a lone "Yes" is no yes/no set: it stays guidance
        ("1. Have you read the paper?\nYes\n", None, "Yes"),
    ],
)
def test_yes_no_options_under_a_question_are_choices(tmp_path, text, choices, guidance):
    imp = import_consultation(_write(tmp_path, "q.txt", "A call\n\n" + text), today=TODAY)
    (q,) = _questions(imp.data)
    assert q.get("choices") == choices and q.get("guidance") == guidance
    assert q.get("kind", "text") == ("choice" if choices else "text")
    Consultation.model_validate(imp.data)


def test_eu_survey_star_before_the_number_and_publication_settings(tmp_path):
    text = ("A call\n\nFields marked with * are mandatory.\n\n*Publication privacy settings\n   Anonymous\n   Public\n\n"
            "*1. Which developments matter most?\n\n5000 character(s) maximum\n\n2. What else?\n")
    imp = import_consultation(_write(tmp_path, "eu.txt", text), today=TODAY)
    q1, q2 = _questions(imp.data)
    assert (q1["id"], q1.get("required"), q1.get("limit"), q1["text"]) == ("1", True, {"chars": 5000}, "Which developments matter most?")
    assert q2["id"] == "2" and not q2.get("required")
    assert "consent_to_publish" in imp.data["respondent"]["required"]


def test_html_fieldset_legends_are_section_titles(tmp_path):
    body = ('<form><fieldset><legend>Consumers</legend><div><label>1. Is access affordable?</label><textarea></textarea></div></fieldset>'
            '<fieldset><legend>Single Market</legend><div><label>2. Which barriers remain?</label><textarea></textarea></div>'
            "</fieldset></form>")
    path = _write(tmp_path, "f.html", f"<html><body><main><h1>A call</h1>{body}</main></body></html>")
    imp = import_consultation(path, today=TODAY)
    assert [(s["title"], [q["id"] for q in s["questions"]]) for s in imp.data["sections"]] == [("Consumers", ["1"]), ("Single Market", ["2"])]


def test_text_reader_underlined_titles_and_hard_wrapping(tmp_path):
    text = (
        "Consulta pública sobre el Servicio Universal\n"
        "============================================\n\n"
        "Las respuestas deberán remitirse hasta el 26 de octubre de 2009 a las\n"
        "14:00 (hora peninsular) a la dirección\n"
        "consulta.serviciouniversal@mityc.es, indicando el nombre o razón social\n"
        "y un correo electrónico de contacto.\n\n"
        "Cuestionario\n------------\n\n"
        "Pregunta 1: ¿Considera adecuado que el acceso de banda ancha pueda\n"
        "prestarse mediante cualquier tecnología?\n"
    )
    lines = read_source(_write(tmp_path, "mityc.txt", text)).lines
    assert [(line.text[:25], line.heading) for line in lines] == [
        ("Consulta pública sobre el", 1), ("Las respuestas deberán re", None), ("Cuestionario", 2), ("¿Considera adecuado que e", None),
    ]
    assert lines[1].text.endswith("a la dirección consulta.serviciouniversal@mityc.es, indicando el nombre o razón social y un correo "
                                  "electrónico de contacto.")
    imp = import_consultation(_write(tmp_path, "mityc2.txt", text), today=TODAY)
    assert imp.data["respondent"]["required"] == ["name", "email"]
    assert imp.data["deadline"].isoformat() == "2009-10-26T14:00:00+01:00"


# --------------------------------------------------------------------------- docx


def _numbered(d, text, nid, ilvl=0):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{nid}"/></w:numPr>'))
    return p


def _multilevel(d, levels, start_override=None):
    """Add an abstractNum with `levels` [(numFmt, lvlText)] and a w:num using it; returns the numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = d.part.numbering_part.element
    aid = str(100 + len(numbering.findall(qn("w:abstractNum"))))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>' for i, (f, t) in enumerate(levels)
    )
    numbering.find(qn("w:num")).addprevious(
        parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    )
    nid = str(200 + len(numbering.findall(qn("w:num"))))
    override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>' if start_override else ""
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'))
    return nid


def _questionnaire_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("WSIS+20 Review: Call for Written Inputs", style="Title")
    d.add_paragraph("The co-facilitators of the WSIS+20 review invite inputs by 15 July 2026, 23:59 (New York time).")
    d.add_heading("Section 1: Vision", level=1)
    d.add_paragraph("How has the WSIS vision evolved?", style="List Number")  # style-linked Word numbering
    d.add_paragraph("What should the review achieve? (maximum 400 words)", style="List Number")
    d.add_heading("Section 2: Digital divides", level=1)
    nid = _multilevel(d, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "%3)")], start_override=3)
    _numbered(d, "What are the main divides today?", nid, 0)
    _numbered(d, "in connectivity;", nid, 1)
    _numbered(d, "in skills?", nid, 1)
    _numbered(d, "Which measures work?", nid, 0)
    _numbered(d, "in rural areas?", nid, 1)  # restarts at (a) under a new level-0 item
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text = "5.", "How should the IGF mandate evolve? (max. 1,500 characters)"
    table.cell(1, 0).text, table.cell(1, 1).text = "6.", "Any other comments?"
    d.save(str(path))
    return path


def test_docx_word_numbering_is_computed(tmp_path):
    source = read_source(_questionnaire_docx(tmp_path / "call.docx"))
    assert source.format == "docx"
    assert source.lines[0].heading == 0  # Title style
    numbered = [(line.label, line.level) for line in source.lines if line.numbered]
    assert numbered == [("1.", 0), ("2.", 0), ("3.", 0), ("(a)", 1), ("(b)", 1), ("4.", 0), ("(a)", 1)]
    assert all(not line.text[:2].strip().rstrip(".").isdigit() for line in source.lines if line.numbered)
    cells = [(line.label, line.table) for line in source.lines if line.table]
    assert cells == [("5.", True), ("6.", True)]


def test_docx_list_number_style_and_formats(tmp_path):
    import docx

    d = docx.Document()
    for text in ("First?", "Second?", "Third?"):
        d.add_paragraph(text, style="List Number")
    nid = _multilevel(d, [("upperLetter", "%1)"), ("decimal", "%1.%2"), ("upperRoman", "%3.")])
    _numbered(d, "Access", nid, 0)
    _numbered(d, "What works?", nid, 1)
    _numbered(d, "What fails?", nid, 1)
    _numbered(d, "Skills", nid, 0)
    _numbered(d, "What works?", nid, 1)
    _numbered(d, "Deep", nid, 2)
    path = tmp_path / "lists.docx"
    d.save(str(path))
    labels = [line.label for line in read_source(path).lines]
    assert labels == ["1.", "2.", "3.", "A)", "A.1", "A.2", "B)", "B.1", "I."]


def test_docx_import_end_to_end(tmp_path):
    imp = import_consultation(_questionnaire_docx(tmp_path / "call.docx"), today=TODAY)
    data = imp.data
    assert data["organiser"].startswith("Co-facilitators")
    assert data["deadline"].isoformat() == "2026-07-15T23:59:00-04:00"  # New York, summer time
    assert [(s["id"], s["title"]) for s in data["sections"]] == [("1", "Vision"), ("2", "Digital divides")]
    qs = _questions(data)
    assert [q["id"] for q in qs] == ["1", "2", "3", "4", "5", "6"]
    assert qs[1]["limit"] == {"words": 400} and qs[4]["limit"] == {"chars": 1500}
    assert [p["id"] for p in qs[2]["parts"]] == ["3a", "3b"] and [p["id"] for p in qs[3]["parts"]] == ["4a"]
    Consultation.model_validate(data)


def test_hostile_docx_zip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (80 * 1024 * 1024) + b"</w:document>")
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ImportFailure, match=r"bomb\.docx: refused"):
        read_source(bomb)


def _readers_running() -> list[str]:
    """The PDF reader processes this test process started that are still alive (Linux's /proc)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if b"drafter.importing.read_pdf" in args and parent == os.getpid():
            found.append(proc.name)
    return found


def test_hostile_pdf_past_the_memory_cap_is_refused_and_its_reader_gone(tmp_path, monkeypatch):
    """pdfminer.six has no bound of its own: a half-megabyte PDF that inflates to 80 MB of text
    operators is read in a child process whose memory is capped, and refused in one line."""
    from drafter.importing import read_pdf

    from .hostile import pdf_bomb

    monkeypatch.setattr(read_pdf, "MAX_PDF_MEMORY", 400 << 20)
    bomb = pdf_bomb(tmp_path / "bomb.pdf", 1_000_000)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ImportFailure, match=r"bomb\.pdf: .*400 MB.*refused") as info:
        read_source(bomb)
    assert "\n" not in str(info.value) and "memory" in str(info.value)
    assert _readers_running() == []  # the reader was ended, not left running


def test_hostile_pdf_past_the_time_bound_is_refused(tmp_path, monkeypatch):
    from drafter.importing import read_pdf

    from .hostile import pdf_bomb

    monkeypatch.setattr(read_pdf, "PDF_SECONDS", 0.5)
    with pytest.raises(ImportFailure, match=r"bomb\.pdf: reading the PDF took longer than 0 s: refused"):
        read_source(pdf_bomb(tmp_path / "bomb.pdf", 1_000_000))
    assert _readers_running() == []  # killed when its time was up


def test_cli_refuses_a_pdf_bomb_in_one_line_and_writes_nothing(tmp_path):
    """With the real bounds, through the command as a user runs it: exit 2, one line naming the file,
    no traceback (the reader's own dying words go nowhere), no file written."""
    from .hostile import pdf_bomb

    bomb = pdf_bomb(tmp_path / "bomb.pdf")
    out = subprocess.run([sys.executable, "-m", "drafter", "import", str(bomb), "-o", str(tmp_path / "call.yaml")],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False)
    assert out.returncode == 2, out.stderr
    assert out.stderr.count("\n") == 1 and "bomb.pdf" in out.stderr and "refused" in out.stderr
    assert "Traceback" not in out.stderr and "MemoryError" not in out.stderr
    assert not (tmp_path / "call.yaml").exists()


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("notzip.docx", b"this is not a zip", "not a Word .docx file"),
        ("empty.txt", b"\n\n", "no text found"),
        ("call.rtf", b"{\\rtf1}", "cannot import a '.rtf' file"),
        ("broken.pdf", b"%PDF-1.4 garbage", "cannot read this PDF file"),
    ],
)
def test_unusable_sources_are_one_line(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailure, match=match) as info:
        read_source(path)
    assert "\n" not in str(info.value) and name in str(info.value)


# --------------------------------------------------------------------------- pdf


def _soffice_pdf(docx_path: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = docx_path.parent / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(docx_path.parent), str(docx_path)],
        capture_output=True, timeout=180, check=False,
    )
    pdf = docx_path.with_suffix(".pdf")
    if not pdf.exists():
        pytest.skip("LibreOffice could not convert the test document")
    return pdf


def test_pdf_reader_keeps_labels_order_and_paragraphs(tmp_path):
    pdf = _soffice_pdf(_questionnaire_docx(tmp_path / "call.docx"))
    source = read_source(pdf)
    assert source.format == "pdf"
    labels = [line.label for line in source.lines if line.label and line.label[0].isdigit()]
    assert labels == ["1.", "2.", "3.", "4.", "5.", "6."]
    imp = import_consultation(pdf, today=TODAY)
    qs = _questions(imp.data)
    assert [q["id"] for q in qs] == ["1", "2", "3", "4", "5", "6"]
    assert imp.data["deadline"].isoformat() == "2026-07-15T23:59:00-04:00"
    assert [p["id"] for p in qs[2]["parts"]] == ["3a", "3b"]


# --------------------------------------------------------------------------- document kind

ZERO_DRAFT = """\
Zero draft: WSIS+20 outcome document

Comments are invited by 15 July 2026, 23:59 (New York time).

I. Preamble

PP1 Recalling the Geneva Declaration of Principles,
PP2 Reaffirming the multistakeholder model of Internet governance,

II. Operative part

OP1 Decides to make the Internet Governance Forum permanent;
OP2 Calls upon all stakeholders to:
(a) invest in community-centred connectivity;
(b) support technical capacity building;
OP3 Requests the Secretary-General to report on progress.
"""


def test_document_kind_is_guessed_with_sections_and_revision(tmp_path):
    imp = import_consultation(_write(tmp_path, "zero.txt", ZERO_DRAFT), today=TODAY)
    assert imp.kind == "document"
    data = imp.data
    assert data["kind"] == "document" and data["revision"] == "zero-draft"
    assert [p["id"] for p in data["paragraphs"]] == ["PP1", "PP2", "OP1", "OP2", "OP3"]
    assert data["paragraphs"][0]["section"] == "I. Preamble" and data["paragraphs"][2]["section"] == "II. Operative part"
    assert data["paragraphs"][3]["text"].splitlines() == [
        "Calls upon all stakeholders to:", "(a) invest in community-centred connectivity;", "(b) support technical capacity building;",
    ]
    Consultation.model_validate(data)


def test_document_with_plain_numbers_and_unnumbered_preamble(tmp_path):
    text = (
        "Elements paper for the Global Digital Compact\n\nRecalling resolution 70/125,\n\nNoting the Secretary-General's report,\n\n"
        "1. Decides to establish a dialogue;\n\n2. Invites Member States to contribute;\n"
    )
    imp = import_consultation(_write(tmp_path, "el.txt", text), kind="document", today=TODAY)
    assert [p["id"] for p in imp.data["paragraphs"]] == ["PP1", "PP2", "1", "2"]
    assert imp.data["revision"] == "elements"
    assert "# check: an unnumbered preambular paragraph" in imp.yaml


def test_questionnaire_kind_can_be_forced(tmp_path):
    text = "Survey\n\nOP1 What do you think of OP1?\nOP2 And of OP2?\n"
    imp = import_consultation(_write(tmp_path, "s.txt", text), kind="questionnaire", today=TODAY)
    assert imp.kind == "questionnaire" and len(_questions(imp.data)) == 2


# --------------------------------------------------------------------------- the command


@pytest.fixture
def in_ws(ws, monkeypatch):
    monkeypatch.chdir(ws)
    monkeypatch.setenv("DRAFTER_NOW", NOW)
    return ws


def test_cli_writes_to_the_consultations_folder_and_lint_passes(in_ws):
    _write(in_ws, "igf.txt", QUESTIONNAIRE_TXT)
    runner = CliRunner()
    result = runner.invoke(cli, ["import", "igf.txt", "--id", "igf-2026"])
    assert result.exit_code == 0, result.output
    out = in_ws / "consultations" / "igf-2026.yaml"
    assert out.exists()
    assert "Wrote consultations/igf-2026.yaml" in result.output
    assert "found: 4 questions in 2 sections, 2 parts" in result.output
    assert "not found:" not in result.output or "no required marks" not in result.output
    assert out.read_text().startswith("# yaml-language-server: $schema=")
    lint = runner.invoke(cli, ["lint", str(out)])
    assert lint.exit_code == 0, lint.output
    assert "0 errors, 0 warnings" in lint.output


def test_cli_never_overwrites(in_ws):
    _write(in_ws, "igf.txt", QUESTIONNAIRE_TXT)
    target = in_ws / "consultations" / "wsis20-review.yaml"
    before = target.read_bytes()
    result = CliRunner().invoke(cli, ["import", "igf.txt", "--id", "wsis20-review"])
    assert result.exit_code == 1
    assert "consultations/wsis20-review.yaml already exists" in result.output
    assert target.read_bytes() == before
    other = in_ws / "mine.yaml"
    other.write_text("keep me\n")
    result = CliRunner().invoke(cli, ["import", "igf.txt", "-o", str(other)])
    assert result.exit_code == 1 and other.read_text() == "keep me\n"


def test_cli_refuses_an_id_a_library_consultation_has(in_ws):
    """The sample library carries igf-2018-taking-stock in its consultations/: a second consultation
    with that id would be a duplicate-id, so nothing is written (the UI's review refuses it the same way)."""
    _write(in_ws, "igf.txt", QUESTIONNAIRE_TXT)
    result = CliRunner().invoke(cli, ["import", "igf.txt", "--id", "igf-2018-taking-stock"])
    assert result.exit_code == 1
    assert "'igf-2018-taking-stock' is already a consultation here" in result.output
    assert not (in_ws / "consultations" / "igf-2018-taking-stock.yaml").exists()


def test_cli_json_and_bad_id(in_ws):
    _write(in_ws, "igf.txt", QUESTIONNAIRE_TXT)
    result = CliRunner().invoke(cli, ["import", "igf.txt", "-o", "out.yaml", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["kind"] == "questionnaire" and doc["found"][0].startswith("4 questions")
    assert {"path": ["id"], "note": "made from the title: drafts refer to it, choose it now"} in doc["guesses"]
    result = CliRunner().invoke(cli, ["import", "igf.txt", "--id", "Not An Id"])
    assert result.exit_code == 2


def _script() -> str:
    found = Path(sys.executable).parent / "drafter"
    if not found.exists():
        pytest.skip("drafter console script is not installed")
    return str(found)


def test_cli_stdin_and_unusable_input_exit_codes(in_ws):
    env = {**os.environ, "DRAFTER_NOW": NOW}
    run = subprocess.run([_script(), "import", "-", "-o", "from-stdin.yaml"], input=QUESTIONNAIRE_TXT, cwd=in_ws,
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "4 questions in 2 sections" in run.stdout
    assert "id: igf-2026-call-for-inputs-taking-stock" in (in_ws / "from-stdin.yaml").read_text()
    bomb = in_ws / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b" " * (80 * 1024 * 1024))
    run = subprocess.run([_script(), "import", "bomb.docx"], cwd=in_ws, capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("drafter: error: bomb.docx: refused")
    assert "Traceback" not in run.stderr


def test_cli_update_keeps_the_old_revision(in_ws):
    runner = CliRunner()
    _write(in_ws, "zero.txt", ZERO_DRAFT)
    result = runner.invoke(cli, ["import", "zero.txt", "--id", "wsis-outcome"])
    assert result.exit_code == 0, result.output
    target = in_ws / "consultations" / "wsis-outcome.yaml"
    text = target.read_text().replace("checked:", "# our own note\nchecked:")
    target.write_text(text)
    rev1 = ZERO_DRAFT.replace("Zero draft:", "Rev.1:").replace("15 July 2026", "22 July 2026").replace("OP3 Requests", "OP3 Also requests")
    _write(in_ws, "rev1.txt", rev1)
    # without --update: refused, with the hint
    result = runner.invoke(cli, ["import", "rev1.txt", "--kind", "document", "--id", "wsis-outcome"])
    assert result.exit_code == 1 and "--update" in result.output
    result = runner.invoke(cli, ["import", "rev1.txt", "--update", str(target)])
    assert result.exit_code == 0, result.output
    kept = in_ws / ".drafter" / "revisions" / "wsis-outcome" / "zero-draft.yaml"
    assert kept.read_text() == text
    new = target.read_text()
    assert "# our own note" in new and "id: wsis-outcome" in new and "revision: rev1" in new
    assert "Also requests" in new
    from drafter.yamlio import load_model

    model, findings = load_model(target, Consultation)
    assert model is not None, findings
    assert model.deadline.isoformat() == "2026-07-22T23:59:00-04:00"
    assert [h.deadline.isoformat() for h in model.deadline_history] == ["2026-07-15T23:59:00-04:00"]
    # a questionnaire cannot take a revision
    result = runner.invoke(cli, ["import", "rev1.txt", "--update", "consultations/wsis20-review.yaml"])
    assert result.exit_code == 2 and "not a document consultation" in result.output


def test_numbered_form_fields_are_respondent_fields_not_questions(tmp_path):
    text = (
        "Public consultation on the digital strategy\n\nDeadline: 30 September 2026, 17:00 CEST\n\n"
        "1. Name\n2. Organisation\n3. Country of residence\n"
        "4. Are you responding as an individual or on behalf of an organisation?\n"
        "5. What should the strategy prioritise?\n6. How should progress be measured?\n"
        "I agree that my response may be published.\n"
    )
    imp = import_consultation(_write(tmp_path, "form.txt", text), today=TODAY)
    assert [q["text"] for q in _questions(imp.data)] == ["What should the strategy prioritise?", "How should progress be measured?"]
    assert imp.data["respondent"]["required"] == ["name", "organisation", "country", "capacity", "consent_to_publish"]
    assert imp.data["deadline"].isoformat() == "2026-09-30T17:00:00+02:00"
