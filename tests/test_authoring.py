"""Writing a workspace's files without an editor (ops.authoring, ops.drafts, ops.libraries): each
file passes `drafter lint`, every refusal names its field, and no draft is ever lost."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from drafter.cli import cli
from drafter.init import init_workspace
from drafter.loaded import LoadedWorkspace
from drafter.model import Block, Consultation, Library
from drafter.ops import drafts
from drafter.ops.authoring import make_own_library, new_block
from drafter.ops.consultation_spec import ConsultationSpec, QuestionSpec, new_consultation
from drafter.ops.fields import InvalidFields, email_problem, parse_deadline, parse_limit
from drafter.ops.libraries import due_blocks, sync_lines
from drafter.sharing import SyncReport
from drafter.workspace import Workspace

TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def load(root: Path) -> LoadedWorkspace:
    return LoadedWorkspace.load(Workspace.open(root))


def data(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def lint(root: Path, monkeypatch) -> str:
    monkeypatch.chdir(root)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    result = CliRunner().invoke(cli, ["lint", "--strict"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def empty(tmp_path) -> Path:
    """`drafter init` without the sample."""
    root = tmp_path / "ws"
    init_workspace(root)
    return root


def own(root: Path) -> LoadedWorkspace:
    make_own_library(load(root), "Our positions", "ours", ["Open standards", "dns-abuse"])
    return load(root)


def question(qid: str, text: str = "What do you propose?", **kw) -> QuestionSpec:
    return QuestionSpec(id=qid, text=text, **kw)


def spec(**kw) -> ConsultationSpec:
    fields = dict(id="ministry-call", title="Call for views: open standards", organiser="Ministry", deadline=parse_deadline("2026-12-31 17:00 Europe/Paris"),
                  url="https://example.gov/call", respondent_required=["name", "organisation", "email"],
                  questions=[question("1", required=True, limit_words=100), question("2", "Anything else?\nSay so.", section="Other")])
    fields.update(kw)
    return ConsultationSpec(**fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the own library


def test_own_library_is_written_listed_and_lints(empty, monkeypatch):
    config_before = (empty / "drafter.yaml").read_text(encoding="utf-8")
    assert "libraries: []" in config_before
    result = make_own_library(load(empty), "Our positions", "ours", ["Open standards", "DNS abuse", "igf-mandate"], "Kept by the policy team")
    assert result.listed and result.path == empty / "positions" / "library.yaml"
    lib = Library.model_validate(data(result.path))
    assert lib.namespace == "ours" and [(t.id, t.label) for t in lib.themes] == [
        ("open-standards", "Open standards"), ("dns-abuse", "DNS abuse"), ("igf-mandate", "Igf mandate")]
    assert (empty / "positions" / "blocks").is_dir()
    config = (empty / "drafter.yaml").read_text(encoding="utf-8")
    assert "  - path: positions\n" in config
    for line in config_before.splitlines():  # every comment of drafter.yaml is kept
        if line.startswith("#"):
            assert line in config
    assert [lib.namespace for lib in load(empty).index.libraries] == ["ours"]
    lint(empty, monkeypatch)
    with pytest.raises(InvalidFields) as again:
        make_own_library(load(empty), "Again", "again", ["x"])
    assert "already has its own library" in again.value.errors["name"]


def test_own_library_joins_a_list_that_has_others(empty):
    (empty / "drafter.yaml").write_text("# ours\nlibraries:\n  - path: libraries/shared  # from the group\n    source: x\ndrafts: drafts\n", encoding="utf-8")
    assert make_own_library(load(empty), "Ours", "ours", ["Alpha"]).listed
    assert (empty / "drafter.yaml").read_text(encoding="utf-8") == (
        "# ours\nlibraries:\n  - path: positions\n  - path: libraries/shared  # from the group\n    source: x\ndrafts: drafts\n")


def test_own_library_refuses_bad_fields_and_writes_nothing(empty):
    with pytest.raises(InvalidFields) as bad:
        make_own_library(load(empty), " ", "Our Org", [])
    assert set(bad.value.errors) == {"name", "namespace", "themes"}
    assert not (empty / "positions" / "library.yaml").exists()
    assert "libraries: []" in (empty / "drafter.yaml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- a block


def test_new_block_is_reviewed_today_and_lints(empty, monkeypatch):
    lw = own(empty)
    path = new_block(lw, "ours", block_id="open-standards", title="Open standards", themes=["open-standards"],
                     body="Open standards keep the Internet whole.\n\n- one\n- two", short="Open standards matter.", owner="Policy team", today=TODAY)
    assert path == empty / "positions" / "blocks" / "open-standards.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.drafter/schema/block.json\n")
    block = Block.model_validate(data(path))
    assert block.reviewed == TODAY and block.owner == "Policy team" and block.short == "Open standards matter.\n"
    assert block.body == "Open standards keep the Internet whole.\n\n- one\n- two\n"
    assert load(empty).index.lookup("open-standards").title == "Open standards"
    lint(empty, monkeypatch)


def test_new_block_takes_its_summary_tags_and_sources_as_the_form_types_them(empty, monkeypatch):
    from drafter.ops.authoring import block_details

    lw = own(empty)
    values = {"summary": " Why open standards matter. ", "tags": "wsis:C6, sdg:9; gdc",
              "sources": "RFC 2026, The Internet Standards Process — https://www.rfc-editor.org/rfc/rfc2026\n\nOpenStand principles\n"}
    path = new_block(lw, "ours", block_id="open-standards", title="Open standards", themes=["open-standards"],
                     body="Open standards keep the Internet whole.", today=TODAY, **block_details(values))
    block = Block.model_validate(data(path))
    assert block.summary == "Why open standards matter.\n" and block.tags == ["wsis:C6", "sdg:9", "gdc"]
    assert [(s.title, s.url) for s in block.sources] == [
        ("RFC 2026, The Internet Standards Process", "https://www.rfc-editor.org/rfc/rfc2026"), ("OpenStand principles", None)]
    lint(empty, monkeypatch)  # the file it wrote lints clean
    with pytest.raises(InvalidFields) as bad:
        new_block(load(empty), "ours", block_id="other", title="T", themes=["open-standards"], body="B", today=TODAY,
                  sources="A page javascript:alert(1)")
    assert bad.value.errors == {"sources": "line 1: only http, https or mailto addresses (javascript:alert(1))"}
    assert not (empty / "positions" / "blocks" / "other.yaml").exists()


def test_new_block_refusals_name_their_fields(empty):
    lw = own(empty)
    new_block(lw, "ours", block_id="taken", title="T", themes=["dns-abuse"], body="B", today=TODAY)
    lw = load(empty)
    with pytest.raises(InvalidFields) as bad:
        new_block(lw, "ours", block_id="taken", title="", themes=["no-such-theme"], body=" ", today=TODAY)
    errors = bad.value.errors
    assert "already a block of this library" in errors["id"] and errors["title"] == "required"
    assert errors["themes"] == "not in the vocabulary: no-such-theme" and errors["body"].startswith("required")
    with pytest.raises(InvalidFields) as bad:
        new_block(lw, "nowhere", block_id="Bad Id", title="T", themes=[], body="B", today=TODAY)
    assert set(bad.value.errors) == {"library", "id", "themes"}
    assert sorted(p.name for p in (empty / "positions" / "blocks").iterdir()) == ["taken.yaml"]


# --------------------------------------------------------------------------- a consultation


@pytest.mark.parametrize(("typed", "expected"), [
    ("2026-12-15 23:59 +01:00", "2026-12-15T23:59:00+01:00"),
    ("2026-12-15T23:59:00-05:00", "2026-12-15T23:59:00-05:00"),
    ("2026-12-15 9:30 UTC", "2026-12-15T09:30:00+00:00"),
    ("2026-12-15 23:59 +0530", "2026-12-15T23:59:00+05:30"),
    ("2026-07-15 23:59 Europe/Paris", "2026-07-15T23:59:00+02:00"),  # summer time in the zone
    ("2026-12-15 23:59 Europe/Paris", "2026-12-15T23:59:00+01:00"),
])
def test_deadline_as_typed(typed, expected):
    assert parse_deadline(typed).isoformat() == expected


@pytest.mark.parametrize(("typed", "says"), [
    ("2026-12-15 23:59", "add the time zone"),
    ("2026-02-30 10:00 UTC", "no such date"),
    ("next friday", "date and time with a time zone"),
    ("2026-12-15 10:00 Mars/Olympus", "unknown time zone"),
])
def test_deadline_refused_says_what_to_type(typed, says):
    with pytest.raises(ValueError, match=says):
        parse_deadline(typed)


def test_limits_and_email_as_typed():
    assert parse_limit("250") == (250, None) and parse_limit("1,500 characters") == (None, 1500) and parse_limit("") == (None, None)
    with pytest.raises(ValueError):
        parse_limit("0 words")
    assert email_problem("policy@example.org") is None and email_problem("") is None
    assert email_problem("policy at example.org") and email_problem("a@b") and email_problem("Name <a@example.org>")


def test_new_consultation_is_written_and_lints(empty, monkeypatch):
    lw = own(empty)
    path = new_consultation(lw, spec(questions=[question("1", required=True, limit_words=100), question("2", "Anything else?\nSay so.", section="Other"),
                                                question("3", "Agree?", kind="choice", choices=["Yes", "No", "Undecided"])]), TODAY)
    assert path == empty / "consultations" / "ministry-call.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\ndeadline: 2026-12-31T17:00:00+01:00\n" in text and "\nchecked: 2026-11-27\n" in text
    assert "- 'Yes'\n" in text and "- 'No'\n" in text  # words an older YAML reader takes for booleans are quoted
    c = Consultation.model_validate(data(path))
    assert [(s.title, [q.id for q in s.questions]) for s in c.sections] == [("Questions", ["1", "3"]), ("Other", ["2"])]
    first = c.sections[0].questions[0]
    assert first.required and first.limit is not None and first.limit.words == 100
    assert c.respondent.required == ["name", "organisation", "email"] and c.checked == TODAY
    assert c.deadline == dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC)
    assert "ministry-call" in load(empty).consultations
    lint(empty, monkeypatch)
    with pytest.raises(InvalidFields) as again:
        new_consultation(load(empty), spec(), TODAY)
    assert "already a consultation here" in again.value.errors["id"]


def test_parts_typed_one_per_line_with_or_without_labels():
    from drafter.ops.consultation_spec import parse_parts, part_id

    assert parse_parts("(a) What worked?\n\n b.  How   so?\nWhat did not?\nii) Roman\n3. Third\na lot of people ask\n(B) Upper") == [
        ("(a)", "What worked?"), ("b.", "How so?"), ("(c)", "What did not?"), ("ii)", "Roman"), ("3.", "Third"),
        ("(f)", "a lot of people ask"), ("(B)", "Upper")]
    assert [part_id("1.4", label) for label in ("(a)", "b.", "ii)", "3.", "(B)")] == ["1.4a", "1.4b", "1.4ii", "1.43", "1.4b"]


def test_a_question_in_parts_answers_by_its_parts(empty, monkeypatch):
    lw = own(empty)
    path = new_consultation(lw, spec(questions=[question("1", "WSIS at 20.", required=True, limit_words=600, guidance="Give examples.",
                                                         themes=["open-standards"], parts=[("(a)", "What worked?"), ("(b)", "What did not?")]),
                                                question("2", "Country?", where="form")]), TODAY)
    c = Consultation.model_validate(data(path))
    first, second = c.sections[0].questions
    assert first.guidance == "Give examples." and first.limit is not None and first.limit.words == 600 and not first.required
    assert [(p.id, p.number, p.required, p.themes) for p in first.parts] == [
        ("1a", "(a)", True, ["open-standards"]), ("1b", "(b)", True, ["open-standards"])]
    assert second.where == "form"
    lint(empty, monkeypatch)


def test_new_consultation_refusals(empty):
    lw = own(empty)
    cases = [
        (spec(id="Bad Id", title=" ", url="example.org"), {"id", "title", "url"}),
        (spec(questions=[]), {"questions"}),
        (spec(questions=[question("1"), question("1")]), {"questions"}),
        (spec(questions=[question("1", kind="choice", choices=["Only one"])]), {"questions"}),
        (spec(questions=[question("1", limit_words=10, limit_chars=50)]), {"questions"}),
        (spec(submission_format="email", address="submissions at example.org"), {"address"}),
        (spec(submission_format="email", address=""), {"address"}),
        (spec(respondent_required=["Full Name"]), {"respondent"}),
        (spec(language="English"), {"language"}),
        (spec(questions=[question("1", parts=[("(a)", "x"), ("a.", "y")])]), {"questions"}),  # both would be 1a
        (spec(questions=[question("1a"), question("1", parts=[("(a)", "x")])]), {"questions"}),  # a part as id 1a too
        (spec(questions=[question("1", parts=[("(a)", "x")]), question("1a")]), {"questions"}),  # and the other way round
        (spec(questions=[question("1", kind="choice", choices=["Yes", "No"], parts=[("(a)", "x")])]), {"questions"}),
    ]
    for bad, fields in cases:
        with pytest.raises(InvalidFields) as refused:
            new_consultation(lw, bad, TODAY)
        assert set(refused.value.errors) == fields, (bad, refused.value.errors)
    assert list((empty / "consultations").iterdir()) == []
    ok = new_consultation(lw, spec(kind="free", questions=[], submission_format="email", address="submissions@example.org"), TODAY)
    assert Consultation.model_validate(data(ok)).submission.address == "submissions@example.org"


# --------------------------------------------------------------------------- drafts


def test_draft_names():
    assert drafts.draft_file_name(" our response ") == "our response.yaml"
    assert drafts.draft_file_name("x.yml") == "x.yml"
    for bad in ("", "a/b", "..", ".hidden", "a\\b", "tab\there"):
        with pytest.raises(InvalidFields):
            drafts.draft_file_name(bad)


def test_start_draft_with_a_name_carries_the_last_drafts_respondent(ws):
    lw = load(ws)
    wsis = lw.consultations["wsis20-review"]
    assert drafts.free_draft_name(lw, "wsis20-review") == "wsis20-review.yaml"
    latest = ws / "drafts" / "example-response.yaml"
    import os

    os.utime(latest, (2_000_000_000, 2_000_000_000))  # the most recent draft
    before = data(latest)
    new = drafts.start_draft(lw, wsis, TODAY, "second response")
    assert new.path == ws / "drafts" / "second response.yaml"
    assert new.carried == "the respondent and 2 co-signers of drafts/example-response.yaml"
    written = data(new.path)
    assert written["respondent"]["organisation"] == before["respondent"]["organisation"] == "Example ccTLD Registry"
    assert written["respondent"]["email"] == before["respondent"]["email"]
    assert written["cosigners"] == before["cosigners"] and len(before["cosigners"]) == 2
    assert "category" not in written["respondent"] or written["respondent"]["category"] == before["respondent"].get("category")
    with pytest.raises(InvalidFields) as taken:
        drafts.start_draft(load(ws), wsis, TODAY, "second response.yaml")
    assert "already exists" in taken.value.errors["name"]
    assert drafts.name_problem(ws / "drafts", "x/y") and drafts.name_problem(ws / "drafts", "second response")
    assert drafts.name_problem(ws / "drafts", "third") is None


def test_start_draft_prefers_the_workspace_profile(ws):
    config = ws / "drafter.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "respondent:\n  organisation: Profile Org\n  email: me@example.org\n", encoding="utf-8")
    lw = load(ws)
    new = drafts.start_draft(lw, lw.consultations["wsis20-review"], TODAY, "mine")
    assert new.carried == "the respondent profile in drafter.yaml"
    written = data(new.path)
    assert written["respondent"]["organisation"] == "Profile Org" and written["cosigners"] == []


def test_start_draft_in_an_empty_workspace_carries_nothing(empty):
    lw = own(empty)
    new_consultation(lw, spec(), TODAY)
    lw = load(empty)
    new = drafts.start_draft(lw, lw.consultations["ministry-call"], TODAY, "first")
    assert new.carried == "" and data(new.path)["respondent"]["name"] is None


def test_duplicate_rename_delete_restore(ws):
    lw = load(ws)
    original = ws / "drafts" / "example-response.yaml"
    text = original.read_text(encoding="utf-8")
    assert drafts.copy_name(original) == "example-response-copy.yaml"
    copy = drafts.duplicate_draft(original, drafts.copy_name(original))
    assert copy.read_text(encoding="utf-8") == text and original.exists()
    with pytest.raises(InvalidFields):
        drafts.rename_draft(copy, "needs-work")  # taken
    renamed = drafts.rename_draft(copy, "for-review")
    assert renamed == ws / "drafts" / "for-review.yaml" and not copy.exists() and renamed.read_text(encoding="utf-8") == text

    assert drafts.restore_last_deleted(lw) is None
    gone = drafts.delete_draft(lw, renamed, NOW)
    assert gone == ws / ".drafter" / "trash" / "20261127-120000-for-review.yaml" and gone.read_text(encoding="utf-8") == text
    assert not renamed.exists() and renamed not in load(ws).draft_paths()
    assert (ws / ".drafter" / "trash" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    second = drafts.delete_draft(lw, original, NOW)  # same second: a name of its own
    assert second.name == "20261127-120000-example-response.yaml"
    assert json.loads((ws / ".drafter" / "trash" / "log.json").read_text(encoding="utf-8"))[-1]["from"] == "drafts/example-response.yaml"

    assert drafts.restore_last_deleted(lw) == original and original.read_text(encoding="utf-8") == text
    (ws / "drafts" / "for-review.yaml").write_text("consultation: wsis20-review\n", encoding="utf-8")  # the name was taken since
    restored = drafts.restore_last_deleted(lw)
    assert restored == ws / "drafts" / "for-review-restored.yaml" and restored.read_text(encoding="utf-8") == text
    assert drafts.restore_last_deleted(lw) is None
    assert sorted(p.name for p in (ws / ".drafter" / "trash").iterdir()) == [".gitignore", "log.json"]


# --------------------------------------------------------------------------- libraries


def test_sync_lines_are_the_clis():
    report = SyncReport("libraries/shared", "updated", old="a" * 40, new="b" * 40, changed=["open-standards"],
                        drafts={"drafts/d.yaml": ["shared/open-standards"]})
    assert sync_lines([report]) == [
        f"libraries/shared: updated {'a' * 12}..{'b' * 12}",
        "  changed: open-standards",
        "  affects drafts/d.yaml: shared/open-standards (see `drafter diff drafts/d.yaml`)",
    ]
    assert sync_lines([]) == ["no git libraries to sync"]


def test_due_blocks_longest_overdue_first(ws):
    lw = load(ws)
    late = dt.date(2028, 1, 1)  # every sample block is due by then
    due = due_blocks(lw, late)
    assert len(due) == 19 and all(b.library == "tcg" for b in due)
    assert [b.due for b in due] == sorted(b.due for b in due if b.due is not None)
    assert due_blocks(lw, late, "nope") == []
    assert [b.ref for b in due_blocks(lw, TODAY, "tcg")] == ["middle-ground-countries", "open-standards-interoperability"]
