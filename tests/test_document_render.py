"""Rendering a response to a document consultation: the comments table with Word tracked changes,
the `--redline` document, and the Markdown and text forms.

The DOCX is read back with python-docx and lxml: every revision is well-formed, accepting every
change gives the proposed text and rejecting every change gives the original — for each row of the
table and for the whole redline; pandoc, where installed, reads the same insertions and deletions.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree
from ruamel.yaml import YAML

from drafter.amendments import change_phrases
from drafter.cli import cli
from drafter.render.wordparts import W, w
from drafter.worddiff import word_diff

from .document_support import DRAFT, NOW_ENV, ZERO_DRAFT, document_workspace, publish_rev1

AUTHOR = "Example ccTLD Registry"
DATE = "2026-11-27T00:00:00Z"
NS = {"w": W}


def one_line(text: str) -> str:
    return " ".join(text.split())


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


PARAGRAPHS = [(p["id"], one_line(p["text"]), p["section"]) for p in load(ZERO_DRAFT)["paragraphs"]]
COMMENTS = load(DRAFT)["comments"]


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return document_workspace(tmp_path / "ws")


def render(draft: Path, *args: str):
    return CliRunner().invoke(cli, ["render", str(draft), *args], env=NOW_ENV, catch_exceptions=False)


def rendered(draft: Path, name: str, *args: str) -> Path:
    out = draft.parent / name
    result = render(draft, "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


# --------------------------------------------------------------------------- reading revisions


def xp(el, expr: str) -> list:
    return etree.XPath(expr, namespaces=NS)(el)


def text_of(p) -> str:
    """A paragraph's text: w:t and w:delText as they stand, a tab as a tab."""
    parts = []
    for el in p.iter(w("t"), w("delText"), w("tab")):
        parts.append("\t" if el.tag == w("tab") else el.text or "")
    return "".join(parts)


def accepted(p) -> str:
    """The paragraph's text with every change accepted: deletions gone, insertions kept."""
    p = copy.deepcopy(p)
    for d in xp(p, ".//w:del[not(ancestor::w:rPr)]"):
        d.getparent().remove(d)
    for i in xp(p, ".//w:ins[not(ancestor::w:rPr)]"):
        _unwrap(i)
    assert not xp(p, ".//w:delText")
    return text_of(p)


def rejected(p) -> str:
    """The paragraph's text with every change rejected: insertions gone, deleted text back."""
    p = copy.deepcopy(p)
    for i in xp(p, ".//w:ins[not(ancestor::w:rPr)]"):
        i.getparent().remove(i)
    for t in xp(p, ".//w:delText"):
        t.tag = w("t")
    return text_of(p)


def _unwrap(el) -> None:
    parent, index = el.getparent(), el.getparent().index(el)
    for k, child in enumerate(list(el)):
        parent.insert(index + k, child)
    parent.remove(el)


def mark_of(p) -> str | None:
    """`ins` or `del` when the paragraph mark itself is tracked."""
    marks = xp(p, "./w:pPr/w:rPr/w:ins | ./w:pPr/w:rPr/w:del")
    return marks[0].tag.split("}")[1] if marks else None


def assert_well_formed(body) -> int:
    """Every w:ins/w:del has an id, the author and the date; ids are unique; an insertion holds runs
    of w:t, a deletion runs of w:delText. Returns how many revisions there are."""
    changes = xp(body, ".//w:ins | .//w:del")
    ids = [c.get(w("id")) for c in changes]
    assert all(i and i.isdigit() for i in ids)
    assert len(set(ids)) == len(ids), "revision ids repeat"
    assert {c.get(w("author")) for c in changes} == {AUTHOR}
    assert {c.get(w("date")) for c in changes} == {DATE}
    for c in changes:
        if c.getparent().tag == w("rPr"):  # a paragraph mark: empty, and rPr is pPr's last child but sectPr/pPrChange
            assert len(c) == 0 and c.getparent().getparent().tag == w("pPr")
            continue
        assert len(c) and all(r.tag == w("r") for r in c)
        if c.tag == w("ins"):
            assert not xp(c, ".//w:delText") and xp(c, ".//w:t | .//w:tab")
        else:
            assert not xp(c, ".//w:t") and xp(c, ".//w:delText | .//w:tab")
    return len(changes)


# --------------------------------------------------------------------------- the comments table


def comments_table(path: Path):
    d = docx.Document(str(path))
    tables = d.element.body.findall(w("tbl"))
    table = next(t for t in tables if "Proposed change" in text_of(t.find(w("tr"))))
    return d, table


def expected_row(comment: dict) -> tuple[str, str, str]:
    """(label, original, proposed) of a comment, from the files themselves."""
    texts = {pid: text for pid, text, _ in PARAGRAPHS}
    pid, action = comment["paragraph"], comment["action"]
    if action == "insert-after":
        return f"new paragraph after {pid}", "", one_line(comment["text"])
    original = texts[pid]
    proposed = {"amend": one_line(comment.get("text") or ""), "delete": ""}.get(action, original)
    return pid, original, proposed


def test_the_comments_table_shows_each_change_as_tracked_changes(draft):
    d, table = comments_table(rendered(draft, "out.docx"))
    assert assert_well_formed(d.element.body) >= 10
    rows = table.findall(w("tr"))
    assert [text_of(c) for c in rows[0].findall(w("tc"))] == ["Paragraph", "Proposed change", "Rationale"]
    assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None  # repeated on each page
    by_label = {text_of(r.findall(w("tc"))[0]): r for r in rows[1:]}
    assert len(by_label) == len(COMMENTS) == 8
    for comment in COMMENTS:
        label, original, proposed = expected_row(comment)
        number, change, rationale = by_label[label].findall(w("tc"))
        (p,) = change.findall(w("p"))
        assert accepted(p) == proposed, label
        assert rejected(p) == original, label
        if comment["action"] == "comment":
            assert not xp(p, ".//w:ins | .//w:del")
        if comment["action"] == "delete":
            assert xp(p, "./w:del") and not xp(p, "./w:r")
        assert text_of(rationale).strip(), f"{label}: no rationale"
    # the rationale is composed like an answer: a block's text, the own words' list as a Word list
    op3 = by_label["new paragraph after OP3"].findall(w("tc"))[2]
    assert len(xp(op3, ".//w:numPr")) == 2
    assert "permanent mandate for the IGF" in text_of(by_label["OP7"].findall(w("tc"))[2])


def test_the_table_is_placed_after_the_cover_and_the_document_prints_no_questions(draft):
    d, table = comments_table(rendered(draft, "out.docx"))
    body = [el for el in d.element.body if el.tag in (w("p"), w("tbl"))]
    texts = [text_of(el) for el in body]
    at = texts.index("Comments and proposed amendments")
    assert body.index(table) > at and "consents to the publication" in " ".join(texts[:at])
    assert "No answer." not in texts and not any(t.startswith("PP1") for t in texts)


# --------------------------------------------------------------------------- the redline


def expected_document() -> tuple[list[str], list[str]]:
    """The paragraphs after accepting every proposal, and the original paragraphs, from the files
    (number, tab, text)."""
    change = {c["paragraph"]: c for c in COMMENTS if c["action"] in ("amend", "delete")}
    new = {c["paragraph"]: c for c in COMMENTS if c["action"] == "insert-after"}
    accepted_doc, original = [], []
    for pid, text, _ in PARAGRAPHS:
        original.append(f"{pid}\t{text}")
        c = change.get(pid)
        if c is None:
            accepted_doc.append(f"{pid}\t{text}")
        elif c["action"] == "amend":
            accepted_doc.append(f"{pid}\t{one_line(c['text'])}")
        if pid in new:
            accepted_doc.append(f"(new)\t{one_line(new[pid]['text'])}")
    return accepted_doc, original


def redline_paragraphs(path: Path):
    d = docx.Document(str(path))
    body = d.element.body
    numbered = [p for p in body.findall(w("p")) if xp(p, "./w:pPr/w:ind[@w:hanging]")]
    return d, numbered


def test_the_redline_is_the_whole_document_with_every_change_tracked(draft):
    d, paragraphs = redline_paragraphs(rendered(draft, "red.docx", "--redline"))
    assert assert_well_formed(d.element.body) >= 15
    want_accepted, want_original = expected_document()
    # accept all: a paragraph whose mark is deleted merges into the next; its text is all deleted
    got_accepted = [accepted(p) for p in paragraphs if mark_of(p) != "del"]
    assert all(accepted(p) == "" for p in paragraphs if mark_of(p) == "del")
    assert got_accepted == want_accepted
    got_original = [rejected(p) for p in paragraphs if mark_of(p) != "ins"]
    assert all(rejected(p) == "" for p in paragraphs if mark_of(p) == "ins")
    assert got_original == want_original
    kinds = {text_of(p).split("\t")[0]: mark_of(p) for p in paragraphs}
    assert kinds["OP6"] == "del" and kinds["(new)"] == "ins" and kinds["OP7"] is None
    # the paragraph mark's revision comes first in its run properties (the schema's order; Word
    # refuses a document otherwise), before the language the renderer adds to every paragraph mark
    for p in paragraphs:
        if mark_of(p) is not None:
            rpr = p.find(w("pPr")).find(w("rPr"))
            assert rpr[0].tag in (w("ins"), w("del")) and rpr.find(w("lang")) is not None


def test_the_redline_keeps_the_document_headings_in_order(draft):
    d = docx.Document(str(rendered(draft, "red.docx", "--redline")))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Proposed amendments to the zero-draft text", "Preamble", "Closing digital divides", "Internet governance"]
    assert not d.tables[1:] and "References" not in headings  # (no rationale, so no sources)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_insertions_and_deletions(draft):
    for args, name in (([], "out.docx"), (["--redline"], "red.docx")):
        path = rendered(draft, name, *args)

        def pandoc(mode: str, path: Path = path) -> str:
            run = subprocess.run(["pandoc", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(path)],
                                 capture_output=True, text=True, timeout=60, check=True)
            return run.stdout

        tracked = subprocess.run(["pandoc", "--track-changes=all", "-t", "markdown", "--wrap=none", str(path)],
                                 capture_output=True, text=True, timeout=60, check=True).stdout
        assert "[extend]{.deletion" in tracked and "[make]{.insertion" in tracked, name
        assert f'author="{AUTHOR}"' in tracked and DATE in tracked
        accept, reject = pandoc("accept"), pandoc("reject")
        assert "make the mandate of the Internet Governance Forum permanent" in accept, name
        assert "for a further ten years" not in accept and "intergovernmental working group" not in accept
        assert "extend the mandate of the Internet Governance Forum for a further ten years" in reject
        assert "Internet exchange points and for the technical training" not in reject


# --------------------------------------------------------------------------- CLI behaviour


def test_redline_on_a_questionnaire_is_a_clear_error(ws):
    out = ws / "drafts" / "red.docx"
    result = CliRunner().invoke(cli, ["render", str(ws / "drafts" / "example-response.yaml"), "--redline", "-o", str(out)], env=NOW_ENV)
    assert result.exit_code == 2
    assert "--redline" in result.output and "not a document" in result.output
    assert not out.exists()


def test_render_refuses_while_the_draft_has_errors(draft):
    publish_rev1(draft.parent.parent)  # OP6 is gone: an error
    for args in ([], ["--redline"]):
        out = draft.parent / "refused.docx"
        result = render(draft, "-o", str(out), *args)
        assert result.exit_code == 1 and "refused" in result.output
        assert not out.exists()


def test_the_redline_defaults_to_its_own_file(draft):
    result = render(draft, "--redline")
    assert result.exit_code == 0, result.output
    assert (draft.parent / "outcome-comments-redline.docx").is_file()


def test_a_template_without_the_comments_slot_gets_the_table_at_its_end(draft, tmp_path):
    tpl = docx.Document()
    tpl.add_paragraph("{{ consultation.title }}")
    tpl.save(str(tmp_path / "plain.docx"))
    d, table = comments_table(rendered(draft, "plain-out.docx", "--template", str(tmp_path / "plain.docx")))
    assert len(table.findall(w("tr"))) == 9 and assert_well_formed(d.element.body)


# --------------------------------------------------------------------------- e-mail and web forms


def test_the_text_form_says_each_change_in_words(draft):
    text = rendered(draft, "out.txt").read_text(encoding="utf-8")
    assert "OP7: replace 'extend' with 'make'; replace 'for a further ten years' with 'permanent'.\n" in text
    assert "OP6: delete the paragraph.\n" in text
    assert "After OP3, insert a new paragraph: 'We encourage support for national and regional Internet exchange points" in text
    assert "OP2: insert 'community networks and Internet exchange points, and' after 'in infrastructure, including'.\n" in text
    assert "PP4: replace the paragraph with: 'Recognizing that the Internet has become a global resource" in text  # four changes
    assert "Rationale:\nSince 2006 the Internet Governance Forum (https://www.intgovforum.org/)" in text
    assert text.index("PP2:") < text.index("PP4:") < text.index("OP2:") < text.index("After OP3") < text.index("OP5:")


def test_the_markdown_form_marks_deletions_and_insertions(draft):
    md = rendered(draft, "out.md").read_text(encoding="utf-8")
    assert "### OP7\n\nReplace 'extend' with 'make'; replace 'for a further ten years' with 'permanent'.\n" in md
    assert "> We decide to ~~extend~~**make** the mandate of the Internet Governance Forum ~~for a further ten years~~**permanent**, and" in md
    assert "> ~~We decide to establish an intergovernmental working group" in md
    assert "### New paragraph after OP3\n" in md
    red = rendered(draft, "red.md", "--redline").read_text(encoding="utf-8")
    assert "~~OP6~~ ~~We decide to establish" in red and "*(new)* **We encourage support" in red
    assert red.index("### Preamble") < red.index("**PP1**") < red.index("### Internet governance") < red.index("**OP8**")


def test_phrases_fall_back_to_the_whole_paragraph_when_changes_are_many():
    assert change_phrases(word_diff("a b c d e f g h", "a x c y e z g w")) is None  # four changes
    assert change_phrases(word_diff("one two three four", "one two three four five")) == ["insert 'five' after 'two three four'"]
    assert change_phrases(word_diff("two three four", "one two three four")) == ["insert 'one' before 'two three four'"]
    assert change_phrases(word_diff("the cat and the dog", "the cat and a dog")) == ["replace 'the' with 'a' (after 'the cat and')"]
    assert change_phrases(word_diff("We note the report.", "We welcome the report.")) == ["replace 'note' with 'welcome'"]


def test_docx_bytes_are_the_same_on_every_render(draft):
    first = rendered(draft, "a.docx", "--redline").read_bytes()
    second = rendered(draft, "b.docx", "--redline").read_bytes()
    assert first == second
    assert io.BytesIO(first).getbuffer().nbytes > 0
