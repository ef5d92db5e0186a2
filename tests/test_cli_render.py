"""`drafter render` from the command line: refusal, --force, formats, template lookup; `diff` of an unknown question."""

from __future__ import annotations

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import cli

from .wsbuilder import NOW, baseline, write


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    return tmp_path


def text_of(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_render_clean_draft_to_docx_beside_it(ws):
    draft = write(ws, baseline())
    result = CliRunner().invoke(cli, ["render", str(draft)])
    assert result.exit_code == 0, result.output
    out = draft.with_suffix(".docx")
    assert "Example Registry supports open standards" in text_of(out)


def test_render_refuses_draft_with_errors_and_keeps_previous_file(ws):
    spec = baseline()
    spec["draft"]["answers"].pop("1.1")
    draft = write(ws, spec)
    out = ws / "out.docx"
    out.write_bytes(b"previous submission")
    result = CliRunner().invoke(cli, ["render", str(draft), "-o", str(out)])
    assert result.exit_code == 1
    assert "render refused" in result.output and "error[unanswered] 1.1" in result.output
    assert out.read_bytes() == b"previous submission"
    assert sorted(p.name for p in ws.iterdir() if p.name.startswith(".out")) == []
    forced = CliRunner().invoke(cli, ["render", str(draft), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and out.read_bytes().startswith(b"PK")


def test_render_format_from_suffix(ws):
    draft = write(ws, baseline())
    result = CliRunner().invoke(cli, ["render", str(draft), "-o", str(ws / "answers.txt")])
    assert result.exit_code == 0
    text = (ws / "answers.txt").read_text(encoding="utf-8")
    assert "1.1 Q one?" in text and "[9/50 words]" in text


def test_workspace_default_template_is_used(ws):
    draft = write(ws, baseline())
    doc = docx.Document()
    doc.add_paragraph("OUR HOUSE STYLE {{ consultation.title }}")
    doc.add_paragraph("{% for a in answers %}")
    doc.add_paragraph("{{ a.id }} {{ a.text }}")
    doc.add_paragraph("{{p a.answer }}")
    doc.add_paragraph("{% endfor %}")
    (ws / "templates").mkdir()
    doc.save(str(ws / "templates" / "default.docx"))
    result = CliRunner().invoke(cli, ["render", str(draft), "-o", str(ws / "s.docx")])
    assert result.exit_code == 0, result.output
    text = text_of(ws / "s.docx")
    assert "OUR HOUSE STYLE Test consultation" in text and "supports open standards" in text


def test_missing_consultation_template_is_one_line_error(ws):
    spec = baseline()
    spec["consultation"]["template"] = "un-format.docx"
    draft = write(ws, spec)
    result = CliRunner().invoke(cli, ["render", str(draft)])
    assert result.exit_code == 2
    assert "template 'un-format.docx'" in result.output
    assert not draft.with_suffix(".docx").exists()


def test_forced_render_marks_the_item_it_could_not_compose(ws):
    """SPEC: with --force each failed item is marked in the output, never dropped silently."""
    spec = baseline()
    spec["draft"]["answers"]["1.3"] = [{"text": "Our own words."}, {"block": "missing-block"}]
    draft = write(ws, spec)
    out = ws / "out.md"
    assert CliRunner().invoke(cli, ["render", str(draft), "-o", str(out)]).exit_code == 1
    assert not out.exists()
    forced = CliRunner().invoke(cli, ["render", str(draft), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    text = out.read_text(encoding="utf-8")
    assert "Our own words." in text
    assert "[not included: block 'missing-block' —" in text


def test_diff_refuses_a_question_the_draft_and_its_consultation_lack(ws):
    draft = write(ws, baseline())
    known = CliRunner().invoke(cli, ["diff", str(draft), "1.2"])
    assert known.exit_code == 0 and "no changed blocks" in known.output
    unknown = CliRunner().invoke(cli, ["diff", str(draft), "9.9"])
    assert unknown.exit_code == 2
    assert "no question or answer '9.9' (it has: 1.1, 1.2, 1.3)" in unknown.output
    assert "Traceback" not in unknown.output
