"""The word diff that every form of a proposed amendment is drawn from."""

from hypothesis import given
from hypothesis import strategies as st

from drafter.pins import text_pin
from drafter.worddiff import changes, new_text, old_text, word_diff

WORDS = st.lists(st.sampled_from(["the", "Internet", "role", "of", ",", ".", " ", "  ", "\n", "é", "multistakeholder"]), max_size=30)


@given(WORDS, WORDS)
def test_accepting_gives_the_proposal_and_rejecting_the_original(a, b):
    old, new = "".join(a), "".join(b)
    pieces = word_diff(old, new)
    assert old_text(pieces) == old
    assert new_text(pieces) == new
    assert all(p.text for p in pieces)


def test_a_replacement_reads_as_words():
    pieces = word_diff("in Internet governance.", "in the multistakeholder governance.")
    assert [(p.op, p.text) for p in pieces] == [
        ("equal", "in "), ("delete", "Internet"), ("insert", "the multistakeholder"), ("equal", " governance.")]
    assert changes(pieces) == [("Internet", "the multistakeholder")]


def test_paragraph_pin_is_sha256_of_the_text():
    assert text_pin("abc") == "ba7816bf8f01"
