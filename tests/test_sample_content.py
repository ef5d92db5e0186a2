"""The bundled sample shows each shape of consultation, encoded from real calls: the WSIS+20-style
questionnaire (a question answered in parts, a field of the organiser's web form), ICANN's public
comment on the DNS abuse amendments (a free call answered by a letter, with a summary typed into the
form), the IGF's 2018 taking-stock call, which the sample library carries for its members, and a
WSIS+20 outcome document's zero draft (a `document` consultation) answered paragraph by paragraph.

Each check runs the command line (click's CliRunner) in a copy made by `drafter init DIR --sample`,
at the moment that suits the draft: the sample's own (2026-11-28) for the WSIS+20 draft, a day
while ICANN's call was open (2023-07-10) for the ICANN comment.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from ruamel.yaml import YAML

from drafter.cli import cli
from drafter.pins.store import find_text
from drafter.workspace import SAMPLE_PARTS

from .test_document_render import accepted, assert_well_formed, comments_table, mark_of, one_line, redline_paragraphs, rejected, xp

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-28T12:00:00+00:00"  # the moment the sample's tests use
ICANN_OPEN = "2023-07-10T12:00:00+00:00"  # ICANN's call ran from 29 May to 19 July 2023
IGF_OPEN = "2019-01-10T12:00:00+00:00"  # the IGF's call closed on 21 January 2019

WSIS = "drafts/example-response.yaml"
ICANN = "drafts/icann-comment.yaml"
ZERO = "drafts/zero-draft-comments.yaml"
ZERO_DRAFT = "consultations/wsis20-zero-draft.yaml"
ICANN_TITLE = "Amendments to the Base gTLD RA and RAA to Modify DNS Abuse Contract Obligations"
ICANN_HEADINGS = ["Introduction", "Support for the amendments", "Points for clarification", "Next steps"]
ICANN_SUMMARY = "Example ccTLD Registry supports the proposed amendments to the Base gTLD Registry"
PREAMBLE = "WSIS at 20: successes, failures and future expectations."
CATEGORY = "(ii) Organizations accredited to the World Summit on the Information Society held in Geneva (2003) and Tunis (2005)"
PAST_CALLS = {"icann-dns-abuse-amendments", "igf-2018-taking-stock"}


@pytest.fixture
def sample(tmp_path: Path, monkeypatch) -> Path:
    """A workspace made by `drafter init DIR --sample`, as the current folder."""
    made = CliRunner().invoke(cli, ["init", str(tmp_path / "ws"), "--sample"])
    assert made.exit_code == 0, made.output
    monkeypatch.chdir(tmp_path / "ws")
    return tmp_path / "ws"


def run(*args: str, now: str = NOW) -> Result:
    return CliRunner().invoke(cli, list(args), env={"DRAFTER_NOW": now, "NO_COLOR": "1"})


def findings(draft: str, now: str) -> tuple[int, list[dict]]:
    result = run("check", draft, "--format", "json", now=now)
    return result.exit_code, json.loads(result.output)["findings"]


def sample_files(root: Path) -> set[str]:
    return {
        str(f.relative_to(root))
        for part in SAMPLE_PARTS
        for f in (root / part).rglob("*")
        if f.is_file() and "__pycache__" not in f.parts and f.suffix in (".yaml", ".json", ".txt")
    }


# --------------------------------------------------------------------------- the copy


def test_init_sample_copies_every_sample_file(sample):
    expected = sample_files(REPO)
    assert {
        "consultations/icann-dns-abuse-amendments.yaml",
        "drafts/icann-comment.yaml",
        "positions/consultations/igf-2018-taking-stock.yaml",
        "positions/blocks/dns-abuse-contract-obligations.yaml",
        "positions/blocks/emerging-technologies-open-internet.yaml",
        ZERO_DRAFT,
        ZERO,
    } <= expected
    assert any(f.startswith(".drafter/pins/") and f.endswith(".txt") for f in expected)  # the paragraphs' pinned texts
    assert sample_files(sample) == expected


def test_demo_copies_the_new_shapes_too(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = run("demo", "--no-ui")
    assert result.exit_code == 0, result.output
    folder = Path(result.output.split("copied to ")[1].split()[0])
    assert sample_files(folder) == sample_files(REPO)


def test_every_pinned_block_has_its_pin_copy():
    """`drafter diff` shows what a draft pinned from the copy in .drafter/pins/<hash>.json (a block's
    version) or .drafter/pins/<hash>.txt (the paragraph text a document comment is pinned to)."""
    pins = {p.stem for p in (REPO / ".drafter" / "pins").glob("*.json")}
    for path in sorted((REPO / "drafts").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        comments = YAML(typ="safe").load(text).get("comments") or []
        paragraphs = {c["pinned"] for c in comments if c.get("pinned")}
        pinned = {line.split("pinned:")[1].strip() for line in text.splitlines() if "pinned:" in line and not line.lstrip().startswith("#")}
        assert pinned - paragraphs <= pins, (path.name, pinned - paragraphs - pins)
        assert all(find_text(REPO / ".drafter", pin) is not None for pin in paragraphs), path.name
    zero = YAML(typ="safe").load((REPO / ZERO).read_text(encoding="utf-8"))["comments"]
    assert len({c["pinned"] for c in zero}) == len(zero)  # the document draft's comments are among those checked


# --------------------------------------------------------------------------- checks


@pytest.mark.parametrize(("draft", "now"), [(WSIS, NOW), (ICANN, ICANN_OPEN), (ZERO, NOW)])
def test_each_sample_draft_checks_without_errors_at_its_moment(sample, draft, now):
    code, found = findings(draft, now)
    assert code == 0, [f for f in found if f["severity"] == "error"]
    assert not [f for f in found if f["severity"] == "error"]
    assert not [f for f in found if f["code"] == "block-changed"]  # every `pinned:` is the block's current hash


def test_the_icann_comment_today_reports_only_its_passed_deadline(sample):
    code, found = findings(ICANN, NOW)
    errors = [f for f in found if f["severity"] == "error"]
    assert code == 1 and [f["code"] for f in errors] == ["deadline-passed"]
    assert "moved from 2023-07-13T23:59:00+00:00" in errors[0]["message"]


def test_the_needs_work_draft_leaves_the_new_optional_questions_as_info(sample):
    code, found = findings("drafts/needs-work.yaml", NOW)
    new = {"1.4a", "1.4b", "1.4c", "category"}
    assert code == 1
    assert {(f["question"], f["severity"]) for f in found if f["question"] in new} == {(q, "info") for q in new}


def test_the_blocks_lint_clean_and_the_whole_sample_lints_clean_while_icann_was_open(sample):
    blocks = run("lint", "positions")
    assert blocks.exit_code == 0, blocks.output
    then = run("lint", now=ICANN_OPEN)
    assert then.exit_code == 0, then.output
    today = run("lint")  # a closed call is not a malformed file: its deadline is `check`'s business
    assert today.exit_code == 0 and "0 errors, " in today.output and "deadline-passed" not in today.output, today.output
    closed = run("check", ICANN)
    assert closed.exit_code == 1 and "error[deadline-passed]" in closed.output


# --------------------------------------------------------------------------- the ICANN letter


def test_the_icann_comment_renders_a_letter_without_the_form_summary(sample):
    result = run("render", ICANN, "--format", "md", "-o", "letter.md", now=ICANN_OPEN)
    assert result.exit_code == 0, result.output
    md = (sample / "letter.md").read_text(encoding="utf-8")
    assert f"# Comments of Example ccTLD Registry on {ICANN_TITLE}" in md
    assert md.startswith("10 July 2023\n") and "ICANN  \n" in md  # the date written out, the addressee
    positions = [md.index(f"## {h}\n") for h in ICANN_HEADINGS]
    assert positions == sorted(positions)  # the comment's own headings, in its order
    assert "Yours sincerely," in md and "Ama Owusu  \nPolicy Director  \nExample ccTLD Registry" in md
    assert "Summary of Submission" not in md and ICANN_SUMMARY not in md  # typed into ICANN's form
    assert "Summary of Attachment" not in md


def test_the_icann_form_answers_are_in_the_text_output(sample):
    result = run("render", ICANN, "--format", "txt", "-o", "form.txt", now=ICANN_OPEN)
    assert result.exit_code == 0, result.output
    txt = (sample / "form.txt").read_text(encoding="utf-8")
    assert "Summary of Submission" in txt and ICANN_SUMMARY in txt and "Summary of Attachment" in txt


def test_the_icann_comment_renders_a_docx_letter(sample):
    result = run("render", ICANN, now=ICANN_OPEN)
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(sample / "drafts" / "icann-comment.docx")).paragraphs]
    assert f"Comments of Example ccTLD Registry on {ICANN_TITLE}" in paragraphs
    assert all(h in paragraphs for h in ICANN_HEADINGS) and "Ama Owusu" in paragraphs
    assert not any(ICANN_SUMMARY in p for p in paragraphs)


def test_the_icann_comment_is_refused_today(sample):
    result = run("render", ICANN, "--format", "md", "-o", "late.md")
    assert result.exit_code == 1 and not (sample / "late.md").exists()


# --------------------------------------------------------------------------- the WSIS+20 parts and form


def test_the_wsis_document_prints_the_preamble_once_and_leaves_out_the_form_field(sample):
    result = run("render", WSIS, "--format", "md", "-o", "wsis.md")
    assert result.exit_code == 0, result.output
    md = (sample / "wsis.md").read_text(encoding="utf-8")
    assert md.count(PREAMBLE) == 1
    preamble = md.index(f"### 1.4 {PREAMBLE}\n")
    parts = [md.index(f"#### ({p}) ") for p in "abc"]
    assert preamble < parts[0] < parts[1] < parts[2] < md.index("## Bridging digital divides")
    assert "Stakeholder category" not in md and CATEGORY not in md and "Online submission form" not in md


def test_the_wsis_text_output_gives_every_question_as_the_form_takes_it(sample):
    result = run("render", WSIS, "--format", "txt", "-o", "wsis.txt")
    assert result.exit_code == 0, result.output
    txt = (sample / "wsis.txt").read_text(encoding="utf-8")
    assert "Stakeholder category" in txt and CATEGORY in txt
    assert txt.count(PREAMBLE) == 1 and "(all parts together: 600 words)" in txt


# --------------------------------------------------------------------------- the zero draft, paragraph by paragraph


def zero_draft() -> tuple[dict[str, str], list[dict]]:
    """The sample document's paragraphs (id → text on one line, in order) and the draft's comments."""
    yaml = YAML(typ="safe")
    document = yaml.load((REPO / ZERO_DRAFT).read_text(encoding="utf-8"))
    draft = yaml.load((REPO / ZERO).read_text(encoding="utf-8"))
    return {p["id"]: one_line(p["text"]) for p in document["paragraphs"]}, draft["comments"]


def test_the_zero_draft_comments_check_with_no_errors_or_warnings(sample):
    code, found = findings(ZERO, NOW)
    assert code == 0 and not [f for f in found if f["severity"] != "info"], found
    strict = run("check", ZERO, "--strict")
    assert strict.exit_code == 0, strict.output
    _, comments = zero_draft()
    actions = [c["action"] for c in comments]
    assert actions.count("amend") >= 3 and {"delete", "insert-after", "comment"} <= set(actions)
    items = [item for c in comments for item in c["rationale"]]
    assert all(c["rationale"] for c in comments) and sum("block" in i for i in items) >= 5 and any("text" in i for i in items)


def test_the_zero_draft_redline_accepts_to_the_amendments_and_rejects_to_the_zero_draft(sample):
    result = run("render", ZERO, "--redline", "-o", "red.docx")
    assert result.exit_code == 0, result.output
    d, numbered = redline_paragraphs(sample / "red.docx")
    assert assert_well_formed(d.element.body) >= 10  # author = the organisation, date = the draft's
    paragraphs, comments = zero_draft()
    change = {c["paragraph"]: c for c in comments if c["action"] in ("amend", "delete")}
    new = {c["paragraph"]: c for c in comments if c["action"] == "insert-after"}
    want_accepted, want_original = [], []
    for pid, text in paragraphs.items():
        want_original.append(f"{pid}\t{text}")
        c = change.get(pid)
        if c is None or c["action"] == "amend":
            want_accepted.append(f"{pid}\t{one_line(c['text']) if c else text}")
        if pid in new:
            want_accepted.append(f"(new)\t{one_line(new[pid]['text'])}")
    # accept all: a deleted paragraph (its mark deleted) is gone; reject all: the zero draft as published
    assert [accepted(p) for p in numbered if mark_of(p) != "del"] == want_accepted
    assert [rejected(p) for p in numbered if mark_of(p) != "ins"] == want_original
    for c in comments:
        if c["action"] != "amend":
            continue
        pid = c["paragraph"]
        (p,) = [p for p in numbered if rejected(p) == f"{pid}\t{paragraphs[pid]}"]
        assert accepted(p) == f"{pid}\t{one_line(c['text'])}", pid  # accepting its changes gives the comment's text
        kept = " ".join(t.text or "" for t in xp(p, "./w:r/w:t"))
        assert xp(p, "./w:ins") and len(kept.split()) > 5, f"{pid}: words changed, the rest of the paragraph kept"


def test_the_zero_draft_comments_render_as_a_table_markdown_and_text(sample):
    for suffix in ("docx", "md", "txt"):
        result = run("render", ZERO, "-o", f"zero.{suffix}")
        assert result.exit_code == 0, result.output
    _, comments = zero_draft()
    _, table = comments_table(sample / "zero.docx")
    assert len(table.findall(f"{{{table.nsmap['w']}}}tr")) == len(comments) + 1  # a row per comment under the header
    md = (sample / "zero.md").read_text(encoding="utf-8")
    assert "~~extend~~**make**" in md and "### OP7" in md
    txt = (sample / "zero.txt").read_text(encoding="utf-8")
    assert "OP6: replace 'extend' with 'make'" in txt and "OP7: delete the paragraph." in txt
    assert "After OP4, insert a new paragraph: 'We encourage the regional Internet registries" in txt
    assert "PP6: comment on the paragraph." in txt and "In West Africa, as elsewhere" in txt  # a block composed for the respondent


# --------------------------------------------------------------------------- the library's consultation


def test_the_library_carries_the_igf_call(sample):
    rows = {r["id"]: r for r in json.loads(run("consultations", "--format", "json").output)["consultations"]}
    igf = rows["igf-2018-taking-stock"]
    assert igf["library"] == "tcg" and igf["file"] == "positions/consultations/igf-2018-taking-stock.yaml"
    assert igf["state"] == "passed" and igf["submit"] == "email" and igf["address"] == "takingstock@intgovforum.org"
    assert rows["wsis20-review"]["library"] is None and rows["icann-dns-abuse-amendments"]["library"] is None
    assert {cid for cid, r in rows.items() if r["state"] == "passed"} == PAST_CALLS
    then = {r["id"]: r for r in json.loads(run("consultations", "--format", "json", now=IGF_OPEN).output)["consultations"]}
    assert then["igf-2018-taking-stock"]["seconds_left"] > 0


def test_the_igf_call_asks_what_the_real_call_asked(sample):
    data = YAML(typ="safe").load((sample / "positions" / "consultations" / "igf-2018-taking-stock.yaml").read_text(encoding="utf-8"))
    assert data["respondent"]["required"] == ["name", "stakeholder_group", "region", "organisation", "capacity"]
    new = run("new", "igf-2018-taking-stock", "-o", "drafts/igf.yaml", now=IGF_OPEN)
    assert new.exit_code == 0, new.output
    draft = YAML(typ="safe").load((sample / "drafts" / "igf.yaml").read_text(encoding="utf-8"))
    assert list(draft["answers"]) == ["A", "B", "C", "D", "E", "F.1", "F.2"]  # F is answered in its two parts


def test_the_real_calls_name_their_sources():
    """Each call encoded from a real one links the organiser's page and keeps the time zone of its
    deadline; what the source did not say is marked in a `# not in the source:` comment."""
    files = [
        REPO / "consultations" / "icann-dns-abuse-amendments.yaml",
        REPO / "positions" / "consultations" / "igf-2018-taking-stock.yaml",
        REPO / "consultations" / "wsis20-review.yaml",
    ]
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = YAML(typ="safe").load(text)
        assert data["deadline"].tzinfo is not None, path.name
        assert "# not in the source:" in text, path.name
    icann = YAML(typ="safe").load(files[0].read_text(encoding="utf-8"))
    assert icann["url"].startswith("https://www.icann.org/en/public-comment/proceeding/")
    assert icann["deadline"].isoformat() == "2023-07-19T23:59:00+00:00"
    assert icann["submission"]["style"] == "letter" and icann["kind"] == "free"
