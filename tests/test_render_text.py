"""Markdown and plain-text rendering: golden files, heading demotion, escaping, counts.

Regenerate the golden files with `UPDATE_GOLDEN=1 pytest tests/test_render_text.py` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter import plaintext
from drafter.model import Limit
from drafter.plaintext import markdown_parser
from drafter.render import render
from drafter.render.markdown_text import demote_headings, escape
from drafter.render.text import count_line

from .test_render_sample import make_doc

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_golden(tmp_path, fmt):
    out = tmp_path / f"submission.{fmt}"
    findings = render(make_doc(), fmt, out)
    data = out.read_bytes()
    golden = GOLDEN / f"submission.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"differs from {golden}; UPDATE_GOLDEN=1 to accept"
    text = data.decode("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\x00" not in text and "\x0b" not in text
    assert [f.question for f in findings] == ["1.1"]


def test_markdown_structure(tmp_path):
    out = tmp_path / "s.md"
    render(make_doc(), "md", out)
    tokens = markdown_parser().parse(out.read_text("utf-8"))
    heads = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert heads[0] == ("h1", "WSIS+20 Review: Call for Inputs")
    assert ("h2", "The WSIS vision") in heads and ("h2", "References") in heads
    assert ("h3", "1.1 How can the WSIS vision be realised?") in heads
    assert ("h4", "A heading inside the answer") in heads
    assert heads[-1] == ("h2", "References")


def test_markdown_escapes_drafter_text(tmp_path):
    """The organisation `Example Registry & Co <ccTLD>` reads back literally, not as an HTML tag."""
    out = tmp_path / "s.md"
    render(make_doc(), "md", out)
    plain = plaintext.to_plain(out.read_text("utf-8"))
    assert "Organisation: Example Registry & Co <ccTLD>" in plain
    assert plaintext.to_plain(escape("a *b* [c](d) <e> &amp; _f_ `g` \\")) == "a *b* [c](d) <e> &amp; _f_ `g` \\"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("# Top\n\ntext\n\n## Sub", "#### Top\n\ntext\n\n##### Sub"),
        ("## Only\n\ntext", "#### Only\n\ntext"),
        ("Setext\n======\n\nbody", "#### Setext\n\nbody"),
        ("> # In a quote\n\n- ## In a list", "> #### In a quote\n\n- ##### In a list"),
        ("# a\n\n###### deep", "#### a\n\n###### deep"),
        ("no headings # here", "no headings # here"),
        ("```\n# not a heading\n```", "```\n# not a heading\n```"),
    ],
)
def test_demote_headings(source, expected):
    assert demote_headings(source) == expected


def test_count_line():
    assert count_line("one two three", Limit(words=500)) == "[3/500 words]"
    assert count_line("abc de", Limit(chars=10)) == "[6/10 characters]"
    assert count_line("one two", None) == "[2 words]"


def test_text_counts_the_text_it_prints(tmp_path):
    out = tmp_path / "s.txt"
    render(make_doc(), "txt", out)
    text = out.read_text("utf-8")
    answer = plaintext.to_plain(make_doc().answers()[1].markdown, urls=True)
    assert answer in text  # link URLs included, as a web form receives them
    assert f"[{plaintext.count_chars(answer)}/1500 characters]" in text
    assert "**" not in text and "](" not in text
