"""Any text as an answer renders: the DOCX opens and holds every word a reader would see.

The invariant: take the plain text drafter counts (`plaintext.to_plain`) of the answer with the
characters XML forbids removed; every run of letters and digits in it (except a bare number, which
may be a list marker — Word numbers lists itself) appears in the DOCX text at least as often.
Markdown and plain-text output render too, as UTF-8 with one trailing newline.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import plaintext
from drafter.plaintext import FORBIDDEN
from drafter.render import render
from drafter.render.clean import strip_forbidden

from .test_render_docx import body_text
from .test_render_sample import make_doc

FRAGMENTS = [
    "**", "*", "_", "[a](b)", "[link](https://example.org/x)", "- ", "1. ", "> ", "# ", "{{ x }}", "{% if %}",
    "{_{", "}_}", "<criteria>", "</w:t>", "&amp;", "&#12;", "&", "<", ">", '"', "'", "\n", "\n\n", "  \n",
    "\t", "    ", "`", "```", "|", "|---|", "~~", "\\", "![alt](i.png)", "<https://example.org>", "\x00",
    "\x0b", "\x07", "\ufffe", "word", "Wörter", "日本語", "\u200b", "\r\n",
]
answer_text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS)), max_size=25).map("".join)
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter:
    return Counter(w for w in WORD.findall(text) if not w.isdigit())


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=answer_text)
def test_any_answer_renders_and_keeps_its_words(text):
    doc = make_doc({"2.1": text})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.docx"
        findings = render(doc, "docx", out)
        d = docx.Document(str(out))  # opens: the package and its XML are well formed
        shown = words(body_text(d))
        expected = words(strip_forbidden(plaintext.to_plain(strip_forbidden(text))))  # &#12; decodes to U+000C
        missing = expected - shown
        assert not missing, f"words lost: {missing}"
        printed = doc.answers()[2].in_document  # 2.1 is optional: printed only when it has text
        assert (bool(FORBIDDEN.search(text)) and printed) == any(f.question == "2.1" for f in findings)
        for fmt in ("md", "txt"):
            path = Path(tmp) / f"out.{fmt}"
            render(doc, fmt, path)
            rendered = path.read_bytes().decode("utf-8")
            assert rendered.endswith("\n") and not FORBIDDEN.search(rendered)


def test_lone_surrogates_and_every_control_character(tmp_path):
    text = "a\ud800b " + "".join(chr(c) for c in range(32)) + " end\uffff"
    findings = render(make_doc({"2.1": text}), "docx", tmp_path / "out.docx")
    d = docx.Document(str(tmp_path / "out.docx"))
    assert "ab" in body_text(d) and "end" in body_text(d)
    assert any(f.question == "2.1" and "U+D800" in f.message for f in findings)
