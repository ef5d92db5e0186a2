"""The UI's fix for each finding code (`tui.fixes`), where a finding points (`ops.fixes`), and how the
respondent form reads typed values (`ops.respondent`) — without running the UI."""

from __future__ import annotations

import pytest

from drafter.findings import CODES, finding
from drafter.loaded import LoadedWorkspace
from drafter.ops.fixes import closest_block, respondent_field
from drafter.ops.respondent import field_name_problem, parse_field
from drafter.ops.session import DraftSession
from drafter.tui.fixes import RULES, fix_for, hint_for, key
from drafter.workspace import Workspace

from .test_tui_support import NOW

NEEDS_WORK = "drafts/needs-work.yaml"


def test_every_finding_code_has_a_fix_in_the_ui():
    """A new code in `findings.CODES` without a rule in `tui.fixes.RULES` fails here."""
    assert set(RULES) == set(CODES)


def test_keys_are_read_from_the_draft_screen():
    assert key("respondent") == "F2"
    assert key("toggle_variant") == "ctrl+t"
    assert key("diff") == "F6"
    assert key("replace_block") == "F12"


@pytest.fixture
def session(ws):
    return DraftSession(LoadedWorkspace.load(Workspace.open(ws)), ws / NEEDS_WORK, lambda: NOW)


def one(session, code: str, question: str | None = None):
    findings, _ = session.check_all()
    return next(f for f in findings if f.code == code and (question is None or f.question == question))


def test_each_finding_of_the_sample_leads_to_its_fix(session):
    """needs-work.yaml has one of each typical problem; each finding's fix names its key and says
    where it is (question, item, field)."""
    fx = fix_for(one(session, "unknown-block"), session)
    assert (fx.kind, fx.qid, fx.index, fx.suggestion) == ("replace", "4.1", 0, "wsis-gdc-alignment")
    assert fx.hint == "F12: replace it with 'wsis-gdc-alignment'"

    fx = fix_for(one(session, "unresolved-variable", "2.2"), session)
    assert (fx.kind, fx.qid, fx.index, fx.field) == ("respondent", "2.2", 1, "region")
    assert fx.hint == "F2: fill respondent.region"

    fx = fix_for(one(session, "respondent-missing"), session)
    assert (fx.kind, fx.field, fx.hint) == ("respondent", "country", "F2: fill respondent.country")

    fx = fix_for(one(session, "block-changed"), session)
    assert (fx.kind, fx.qid, fx.index, fx.hint) == ("diff", "2.2", 0, "F6: see the change and accept it")

    fx = fix_for(one(session, "over-limit", "2.4"), session)
    assert (fx.kind, fx.qid, fx.indices) == ("short", "2.4", (0,))
    assert fx.hint == "ctrl+t: use the short variant of 'capacity-building'"
    assert fix_for(one(session, "short-fits", "2.4"), session).kind == "short"

    fx = fix_for(one(session, "unknown-question"), session)
    assert (fx.kind, fx.qid) == ("unknown", "9.9")
    assert fx.hint is not None and fx.hint.startswith("ctrl+l: move it to a question")

    fx = fix_for(one(session, "duplicate-block"), session)
    assert (fx.kind, fx.qid, fx.index) == ("item", "2.1", 0)
    assert fx.hint is not None and "ctrl+r: remove it" in fx.hint

    fx = fix_for(one(session, "unanswered", "1.2"), session)
    assert (fx.kind, fx.qid) == ("question", "1.2")
    assert fx.hint == "ctrl+b: insert the library's block, ctrl+n: write your own"

    fx = fix_for(one(session, "theme-mismatch"), session)
    assert (fx.kind, fx.qid, fx.index) == ("replace", "3.2", 0)

    phrase = one(session, "phrase", "3.3")
    fx = fix_for(phrase, session)
    assert (fx.kind, fx.qid, fx.index) == ("item", "3.3", 0)
    assert hint_for(phrase, fx) == phrase.hint  # the rule's own advice, no key to name


def test_a_fix_outside_the_ui_keeps_the_core_hint(session):
    f = finding("deadline-near", "the deadline is near", hint="submit in time")
    fx = fix_for(f, session)
    assert fx.kind == "none" and not fx.acts
    assert hint_for(f, fx) == f.hint


def test_no_ui_hint_speaks_cli_or_yaml(session):
    findings, _ = session.check_all()
    for f in findings:
        hint = hint_for(f, fix_for(f, session)) or ""
        assert "drafter " not in hint and "variant: short" not in hint and "in the draft" not in hint, (f.code, hint)


def test_a_choice_that_is_not_one_of_the_choices_opens_the_choice(session):
    session.set_choice("3.1", "Perhaps")
    fx = fix_for(one(session, "invalid-choice", "3.1"), session)
    assert (fx.kind, fx.qid, fx.index) == ("choice", "3.1", 0)
    assert fx.hint is not None and fx.hint.startswith("enter: choose one of 'Yes'")


def test_a_placeholder_left_in_your_text_points_at_that_text(session):
    session.add_text("3.3", "Our members, [NAME] and TODO, agree.")
    fx = fix_for(one(session, "placeholder-left", "3.3"), session)
    assert (fx.kind, fx.qid, fx.index) == ("item", "3.3", 1)


def test_where_a_finding_points():
    f = finding("unresolved-variable", "placeholder `respondent.region` has no value (line 2 of the template)")
    assert respondent_field(f) == "region"
    f = finding("unresolved-variable", "placeholder `consultation.foo` has no value")
    assert respondent_field(f) is None
    f = finding("respondent-missing", "respondent field 'country' is required by the consultation and empty")
    assert respondent_field(f) == "country"


def test_closest_block(ws):
    index = LoadedWorkspace.load(Workspace.open(ws)).index
    assert closest_block(index, "wsis-gdc-allignment") == "wsis-gdc-alignment"
    assert closest_block(index, "tcg/wsis-gdc-allignment") == "wsis-gdc-alignment"
    assert closest_block(index, "zzzz") is None


@pytest.mark.parametrize(
    ("name", "text", "value", "refused"),
    [
        ("email", "secretariat@example.org", "secretariat@example.org", False),
        ("email", "secretariat.example.org", None, True),
        ("email", "a b@example.org", None, True),
        ("email", "", None, False),
        ("consent_to_publish", "Yes", True, False),
        ("consent_to_publish", "no", False, False),
        ("consent_to_publish", "maybe", None, True),
        ("capacity", "Organization", "organisation", False),
        ("capacity", "both", None, True),
        ("stakeholder_group", "technical community", "Technical community", False),
        ("stakeholder_group", "Internet users", "Internet users", False),
        ("region", "  Northern Europe ", "Northern Europe", False),
    ],
)
def test_typed_respondent_values(name, text, value, refused):
    got, problem = parse_field(name, text)
    assert got == value
    assert (problem is not None) == refused


def test_added_field_names():
    assert field_name_problem("membership_number") is None
    assert field_name_problem("9lives") is not None
    assert field_name_problem("e-mail") is not None


def test_session_moves_and_removes_only_answers_outside_the_consultation(session):
    from drafter.ops.session import EditRefused

    with pytest.raises(EditRefused):
        session.remove_answer("1.1")  # a question of the consultation: its items are removed one by one
    with pytest.raises(EditRefused):
        session.move_answer("9.9", "nope")
    session.move_answer("9.9", "4.2")
    assert [e.target_id for e in session.unknown_answers()] == []
    assert session.items("4.2")[0].text.startswith("Our members would welcome")  # type: ignore[union-attr]
    assert session.undo() is not None  # one step, taken back whole
    assert [e.target_id for e in session.unknown_answers()] == ["9.9"]
    session.remove_answer("9.9")
    assert session.unknown_answers() == [] and not session.items("4.2")


def test_session_replaces_a_block_in_place_pinned(session):
    from drafter.pins import pin_hash

    lib, block = session.index.resolve("capacity-building")
    ref = session.replace_block("4.1", 0, lib, block)
    item = session.items("4.1")[0]
    assert (ref, item.block, item.pinned, item.variant) == ("capacity-building", "capacity-building", pin_hash(block), "body")  # type: ignore[union-attr]
    assert not [f for f in session.check_all()[0] if f.code == "unknown-block"]
