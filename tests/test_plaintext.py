"""Plain text as a reader sees it, and the word and character counts limits are checked against."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.plaintext import count_chars, count_words, counts, to_plain

GOLDEN = [
    # paragraphs and breaks
    ("one\n\ntwo", "one\n\ntwo"),
    ("one\n\n\n\ntwo", "one\n\ntwo"),
    ("wrapped\nsource line", "wrapped source line"),  # a soft break is a space
    ("hard  \nbreak", "hard\nbreak"),
    ("hard\\\nbreak", "hard\nbreak"),
    ("  indented lead", "indented lead"),
    # headings
    ("# Title\n\ntext", "Title\n\ntext"),
    ("Title\n=====\n\ntext", "Title\n\ntext"),
    ("## *Emphatic* title ##", "Emphatic title"),
    # emphasis and code
    ("*em* _em_ **strong** __strong__ ***both***", "em em strong strong both"),
    ("~~struck~~ text", "struck text"),
    ("use `code` here", "use code here"),
    ("``a ` b``", "a ` b"),
    ("2 * 3 * 4", "2 * 3 * 4"),  # not emphasis: stays as written
    ("\\*not emphasis\\*", "*not emphasis*"),
    ("AT&amp;T &copy; &#42;", "AT&T © *"),
    # links and images
    ("see [the IGF](https://igf.org/) now", "see the IGF now"),
    ("[**bold** link](https://x.org)", "bold link"),
    ("<https://x.org/a>", "https://x.org/a"),
    ("<info@x.org>", "info@x.org"),
    ("![a *diagram*](d.png)", "a diagram"),
    ("[text][ref]\n\n[ref]: https://x.org", "text"),
    ("bare https://x.org stays", "bare https://x.org stays"),
    # lists
    ("- a\n- b", "- a\n- b"),
    ("* a\n+ b", "- a\n\n- b"),  # a different marker starts a new list
    ("1. a\n2. b", "1. a\n2. b"),
    ("3. a\n7. b", "3. a\n4. b"),  # numbered from the start, as a browser shows it
    ("1) a\n2) b", "1. a\n2. b"),
    ("- a\n  - b\n    - c\n- d", "- a\n  - b\n    - c\n- d"),
    ("1. a\n   - b\n2. c", "1. a\n  - b\n2. c"),
    ("- a\n\n- b", "- a\n\n- b"),  # loose list: a blank line between items
    ("- first\n\n  second para\n- next", "- first\n\n  second para\n\n- next"),
    ("- item  \n  broken", "- item\n  broken"),
    ("-", "-"),
    ("text\n\n- a\n- b\n\nmore", "text\n\n- a\n- b\n\nmore"),
    # quotes
    ("> quoted *text*", "quoted text"),
    ("> one\n>\n> two", "one\n\ntwo"),
    ("> outer\n> > inner", "outer\n\ninner"),
    # code blocks
    ("```python\nx = 1\n  y = 2\n```", "x = 1\n  y = 2"),
    ("    indented code", "indented code"),
    # html: kept as written
    ("a <b>bold</b> word", "a <b>bold</b> word"),
    ("<div>\nblock html\n</div>", "<div>\nblock html\n</div>"),
    # tables: one row per line, cells separated by a tab
    ("| a | b |\n|---|---|\n| 1 | 2 |", "a\tb\n1\t2"),
    # thematic break shows nothing
    ("above\n\n---\n\nbelow", "above\n\nbelow"),
    # nothing
    ("", ""),
    ("   \n\n  ", ""),
]


@pytest.mark.parametrize("markdown, expected", GOLDEN)
def test_golden(markdown: str, expected: str) -> None:
    assert to_plain(markdown) == expected


URLS = [
    ("see [the IGF](https://igf.org/) now", "see the IGF (https://igf.org/) now"),
    ("<https://x.org/a>", "https://x.org/a"),  # an autolink's URL appears once
    ("[https://x.org](https://x.org)", "https://x.org"),  # link text that is the URL: once
    ("<info@x.org>", "info@x.org"),
    ("[](https://x.org)", "https://x.org"),
    ("![alt](d.png)", "alt"),  # images: the alt text only
    ("[ü](https://例え.jp/ü)", "ü (https://例え.jp/ü)"),  # shown as written, not percent-encoded
]


@pytest.mark.parametrize("markdown, expected", URLS)
def test_urls(markdown: str, expected: str) -> None:
    assert to_plain(markdown, urls=True) == expected


def test_crlf_input_reads_as_lf() -> None:
    assert to_plain("one\r\n\r\ntwo  \r\nthree") == "one\n\ntwo\nthree"


def test_no_trailing_whitespace() -> None:
    text = to_plain("| a | |\n|---|---|\n| 1 | |\n\n```\ncode   \n```\n\n- \n")
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert text == text.strip()


# --------------------------------------------------------------------------- counting


@pytest.mark.parametrize(
    "text, words",
    [
        ("", 0),
        ("   ", 0),
        ("one", 1),
        ("one two  three", 3),
        ("one\ttwo\nthree\r\nfour", 4),
        ("multi-stakeholder, well-known.", 2),
        ("a\u00a0b", 2),  # no-break space is Unicode whitespace
        ("a\u3000b", 2),  # ideographic space
        ("a\u200bb", 1),  # zero-width space is not whitespace
        ("Ünïcödé wörds — dash", 4),
        ("- item", 2),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize(
    "text, chars",
    [
        ("", 0),
        ("abc", 3),
        ("a b", 3),
        ("a\nb", 3),
        ("a\r\nb", 3),  # CRLF is one line break
        ("a\rb", 3),
        ("a\n\nb", 4),
        ("é", 1),
        ("e\u0301", 2),  # code points, not grapheme clusters
        ("👍🏽", 2),
        ("中文", 2),
    ],
)
def test_count_chars(text: str, chars: int) -> None:
    assert count_chars(text) == chars


def test_counts_counts_the_plain_text() -> None:
    md = "We **support** [the IGF](https://www.intgovforum.org/)."
    assert to_plain(md) == "We support the IGF."
    assert counts(md) == (4, 19)
    assert counts(md, urls=True) == (5, len("We support the IGF (https://www.intgovforum.org/)."))


def test_counts_list_markers_are_counted() -> None:
    # a reader of a web form sees the markers, so they count
    assert counts("- a\n- b") == (4, 7)


# --------------------------------------------------------------------------- properties

_words = st.lists(st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True), min_size=1, max_size=30)


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_converts_and_counts(text: str) -> None:
    for urls in (False, True):
        plain = to_plain(text, urls=urls)
        assert plain == plain.strip()
        assert all(line == line.rstrip() for line in plain.split("\n"))
        assert counts(text, urls=urls) == (count_words(plain), count_chars(plain))


_MARKDOWNISH = st.text(alphabet=st.sampled_from(list("ab *_`[]()<>!#>-+1.|~\\&;\n  \t:/x")), max_size=200)


@given(_MARKDOWNISH)
@settings(max_examples=500, deadline=None)
def test_markdown_soup_converts(text: str) -> None:
    plain = to_plain(text, urls=True)
    assert plain == plain.strip()


@given(_words)
def test_plain_words_are_themselves(words: list[str]) -> None:
    text = " ".join(words)
    assert to_plain(text) == text
    assert counts(text) == (len(words), len(text))


@given(_words)
def test_strong_words_lose_their_marks(words: list[str]) -> None:
    text = " ".join(f"**{w}**" for w in words)
    plain = to_plain(text)
    assert "**" not in plain
    assert plain == " ".join(words)


@given(_words, st.sampled_from(["- ", "1. ", "> ", "# "]))
def test_block_syntax_never_adds_words(words: list[str], prefix: str) -> None:
    # list markers are one word per item; quote and heading marks vanish
    text = prefix + " ".join(words)
    expected = len(words) + (1 if prefix in ("- ", "1. ") else 0)
    assert count_words(to_plain(text)) == expected
