"""Own text wrapped by hand: shown unwrapped, written back wrapped the same way, never changed when
untouched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.reflow import refill, unwrap, width_of

WRAPPED = """\
Example ccTLD Registry has operated the country-code top-level domain since 2004 as a
not-for-profit foundation. It also hosts the national Internet exchange point and runs
a free DNS operations course each year for engineers from the region.

- a list item that is long enough to be
  wrapped onto a second line
- another

A last paragraph, one line.
"""


def test_a_hand_wrapped_paragraph_is_shown_on_one_line_and_written_back_as_it_was():
    width = width_of(WRAPPED)
    assert width == 86
    shown = unwrap(WRAPPED)
    first = shown.split("\n\n")[0]
    assert "\n" not in first and first.startswith("Example ccTLD Registry") and first.endswith("from the region.")
    assert "- a list item that is long enough to be\n  wrapped onto a second line" in shown  # lists stay as written
    assert refill(shown, width) == WRAPPED


def test_an_edit_is_written_back_filled_at_the_same_width():
    width = width_of(WRAPPED)
    assert width is not None
    edited = unwrap(WRAPPED).replace("since 2004", "since 2004 (twenty-two years)")
    written = refill(edited, width)
    assert all(len(line) <= width for line in written.split("\n\n")[0].split("\n"))
    assert unwrap(written) == edited
    assert written.split("\n\n")[1:] == WRAPPED.split("\n\n")[1:]  # the other paragraphs untouched


def test_text_wrapped_some_other_way_is_left_alone():
    ragged = "A short line\nand then a much longer line that does not follow any width at all\nend.\n"
    assert width_of(ragged) is None
    assert width_of("One line only.\n") is None
    assert width_of("Hard break  \nkept\n") is None


words = st.text(alphabet="abcdefghij,.", min_size=1, max_size=12)
paragraphs = st.lists(st.lists(words, min_size=1, max_size=40).map(" ".join), min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(paragraphs, st.integers(min_value=20, max_value=100))
def test_untouched_text_never_changes_and_edits_round_trip(paras, width):
    text = "\n\n".join(textwrap_fill(p, width) for p in paras) + "\n"
    w = width_of(text)
    if w is not None:
        assert refill(unwrap(text), w) == text
        assert unwrap(refill(unwrap(text), w)) == unwrap(text)


def textwrap_fill(paragraph: str, width: int) -> str:
    import textwrap

    return textwrap.fill(paragraph, width=width, break_long_words=False, break_on_hyphens=False)
