"""`render --format eml`: a reproducible MIME message to `submission.address` with the DOCX attached."""

from __future__ import annotations

import email
import email.policy
import io

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.model import Submission
from drafter.render import RenderError, render, render_bytes
from drafter.render.eml import DOCX_TYPE, NO_ADDRESS, NO_SENDER, address, attachment_name, render_eml, slug
from drafter.submission import SubmissionDoc

from .test_render_sample import make_doc
from .wsbuilder import NOW, baseline, write

DOCX_MIME = "/".join(DOCX_TYPE)


def emailed(doc: SubmissionDoc | None = None, *, organisation: str | None = None, name: str | None = None, **submission) -> SubmissionDoc:
    """The sample, sent by e-mail: `submission` updates the consultation's submission settings."""
    doc = doc or make_doc()
    settings = {"format": "email", "address": "wsis-inputs@unctad.org", **submission}
    doc.consultation = doc.consultation.model_copy(update={"submission": Submission(**settings)})
    updates = {k: v for k, v in (("organisation", organisation), ("name", name)) if v is not None}
    if updates:
        doc.respondent = doc.respondent.model_copy(update=updates)
    return doc


def parse(data: bytes) -> email.message.EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def subject_of(msg: email.message.EmailMessage) -> str:
    """The Subject unfolded (Python's parser keeps the space of a fold right after `Subject:`)."""
    return str(msg["Subject"]).strip()


def test_message_headers_body_and_attachment(tmp_path):
    out = tmp_path / "submission.eml"
    findings = render(emailed(), "eml", out)
    data = out.read_bytes()
    assert [f.question for f in findings] == ["1.1"]  # the DOCX's warnings (characters removed)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF throughout
    assert max(len(line) for line in data.split(b"\r\n")) <= 998 and data.isascii()
    msg = parse(data)
    assert msg["To"] == "wsis-inputs@unctad.org"
    assert msg["From"].addresses[0].addr_spec == "ana@example.org"
    assert msg["From"].addresses[0].display_name == "Ana Example"
    assert subject_of(msg) == "Response of Example Registry & Co <ccTLD> to WSIS+20 Review: Call for Inputs"
    assert msg["Date"] == "Tue, 01 Jul 2025 00:00:00 +0000"
    assert msg["Message-ID"].startswith("<") and msg["Message-ID"].endswith("@example.org>")
    assert msg["MIME-Version"] == "1.0" and msg.get_content_type() == "multipart/mixed"
    text = msg.get_body(("plain",)).get_content()
    assert "Example Registry & Co <ccTLD>" in text and "WSIS+20 Review: Call for Inputs" in text
    assert "example-registry-co-cctld-response.docx" in text
    [part] = list(msg.iter_attachments())
    assert part.get_content_type() == DOCX_MIME
    assert part.get_filename() == "example-registry-co-cctld-response.docx"
    document = docx.Document(io.BytesIO(part.get_content()))
    assert document.paragraphs[0].text == "WSIS+20 Review: Call for Inputs"
    assert part.get_content() == render_bytes(emailed(), "docx")[0]  # the very DOCX `--format docx` writes


def test_same_input_same_bytes():
    first, _ = render_bytes(emailed(), "eml")
    again, _ = render_bytes(emailed(), "eml")
    assert first == again
    other, _ = render_bytes(emailed(make_doc({"2.1": "A late thought."})), "eml")
    assert parse(other)["Message-ID"] != parse(first)["Message-ID"]


def test_subject_from_the_consultation():
    msg = parse(render_bytes(emailed(subject="WSIS+20 input: Example Registry"), "eml")[0])
    assert subject_of(msg) == "WSIS+20 input: Example Registry"


def test_header_injection_adds_no_header():
    doc = emailed(organisation="X\r\nBcc: evil@example.org", name="Ana\nCc: other@example.org",
                  subject="Input\r\nBcc: evil@example.org")
    data, _ = render_bytes(doc, "eml")
    msg = parse(data)
    assert msg["Bcc"] is None and msg["Cc"] is None
    assert b"\r\nBcc:" not in data and b"\r\nCc:" not in data
    assert subject_of(msg) == "Input Bcc: evil@example.org"
    assert msg["From"].addresses[0].addr_spec == "ana@example.org"
    assert [a.addr_spec for a in msg["To"].addresses] == ["wsis-inputs@unctad.org"]
    default = parse(render_bytes(emailed(organisation="X\r\nBcc: evil@example.org"), "eml")[0])
    assert default["Bcc"] is None and subject_of(default).startswith("Response of X Bcc: evil@example.org to ")
    assert [p.get_filename() for p in default.iter_attachments()] == ["x-bcc-evil-example-org-response.docx"]


def test_non_ascii_names_are_encoded():
    msg = parse(render_bytes(emailed(organisation="Société Générale d'Internet", name="Zoë Ŝmith"), "eml")[0])
    assert msg["From"].addresses[0].display_name == "Zoë Ŝmith"
    assert subject_of(msg).startswith("Response of Société Générale d'Internet to")
    assert [p.get_filename() for p in msg.iter_attachments()] == ["societe-generale-d-internet-response.docx"]


@pytest.mark.parametrize("given", [None, "", "https://unctad.org/upload", "not an address", "a@b.org, c@d.org",
                                   "a@b.org\r\nBcc: evil@example.org", "<a@b.org>", "a@b"])
def test_no_usable_address_is_a_render_error(tmp_path, given):
    out = tmp_path / "s.eml"
    with pytest.raises(RenderError) as exc:
        render(emailed(address=given), "eml", out)
    assert str(exc.value) == NO_ADDRESS
    assert not out.exists()


def test_no_sender_address_is_a_render_error():
    doc = emailed()
    doc.respondent = doc.respondent.model_copy(update={"email": None})
    with pytest.raises(RenderError, match=r"respondent\.email"):
        render_eml(doc, b"PK")
    assert NO_SENDER.endswith("(respondent.email)")


def test_helpers():
    assert address("mailto:Inputs@Example.org") == "Inputs@Example.org"
    assert address(" x.y+tag@sub.example.org ") == "x.y+tag@sub.example.org"
    assert address("x..y@example.org") is None and address("x@-example.org") is None
    assert slug("Example Registry & Co <ccTLD>") == "example-registry-co-cctld"
    doc = make_doc()
    doc.respondent = doc.respondent.model_copy(update={"organisation": None, "name": None})
    assert attachment_name(doc) == "response.docx"


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    return tmp_path


def test_cli_render_eml(ws):
    spec = baseline()
    spec["consultation"]["submission"] = {"format": "email", "address": "inputs@org.example", "subject": "Test input"}
    spec["draft"]["respondent"]["email"] = "ada@registry.example"
    draft = write(ws, spec)
    result = CliRunner().invoke(cli, ["render", str(draft), "--format", "eml"])
    assert result.exit_code == 0, result.output
    msg = parse(draft.with_suffix(".eml").read_bytes())
    assert (msg["To"], subject_of(msg)) == ("inputs@org.example", "Test input")
    assert msg["From"].addresses[0].display_name == "Ada"
    by_suffix = CliRunner().invoke(cli, ["render", str(draft), "-o", str(ws / "out.eml")])
    assert by_suffix.exit_code == 0 and (ws / "out.eml").read_bytes() == draft.with_suffix(".eml").read_bytes()


def test_cli_render_eml_without_address_is_one_line_error(ws):
    draft = write(ws, baseline())
    result = CliRunner().invoke(cli, ["render", str(draft), "--format", "eml"])
    assert result.exit_code == 2
    assert NO_ADDRESS in result.output and not draft.with_suffix(".eml").exists()


def test_an_email_consultation_renders_a_message_by_default(tmp_path, monkeypatch):
    """`submission.format: email`: `drafter render` without --format or -o writes the .eml."""
    from click.testing import CliRunner

    from drafter.cli import cli
    from tests.wsbuilder import NOW, baseline, write

    spec = baseline()
    spec["consultation"]["submission"] = {"format": "email", "address": "inputs@example.org", "notes": "One message per organisation."}
    spec["draft"]["respondent"]["email"] = "ada@example.org"
    draft = write(tmp_path, spec)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    result = CliRunner().invoke(cli, ["render", str(draft)])
    assert result.exit_code == 0, result.output
    assert draft.with_suffix(".eml").is_file() and not draft.with_suffix(".docx").exists()
    listing = CliRunner().invoke(cli, ["consultations"])
    assert "submit: send by e-mail (inputs@example.org)" in listing.output and "notes: One message per organisation." in listing.output


def test_the_message_is_in_the_consultations_language():
    """A French call gets a French subject and covering note (the words from `drafter.labels`), the
    attachment unchanged; an English one keeps the English wording."""
    doc = emailed()
    doc.consultation = doc.consultation.model_copy(update={"language": "fr"})
    msg = parse(render_bytes(doc, "eml")[0])
    assert subject_of(msg) == "Réponse à la consultation «\u00a0WSIS+20 Review: Call for Inputs\u00a0» (répondant\u00a0: Example Registry & Co <ccTLD>)"
    text = msg.get_body(("plain",)).get_content()
    assert "Veuillez trouver ci-joint la réponse" in text and "Pièce jointe\u00a0: example-registry-co-cctld-response.docx" in text
    assert "Cordialement," in text and "Dear" not in text and "Kind regards" not in text
    english = parse(render_bytes(emailed(), "eml")[0]).get_body(("plain",)).get_content()
    assert english.startswith("Dear UN Commission on Science and Technology for Development,") and "Kind regards," in english
