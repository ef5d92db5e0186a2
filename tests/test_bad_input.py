"""Every broken file in tests/data/bad gives a finding with file, line and column — never an exception.

The table below says, per file, which finding it must give (code, line, column, part of the
message); the file name's first word is the kind it is loaded as. A file added to the corpus
without a row here fails `test_every_corpus_file_has_a_row`. Hostile inputs too large to commit
(50,000 levels of nesting, a 10 MB body) are generated in tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.findings import Finding
from drafter.model import KINDS, Block
from drafter.yamlio import MAX_DEPTH, load_model, read_yaml

BAD = Path(__file__).parent / "data" / "bad"

# file name → (code, line, column, part of the message[, part of the hint])
EXPECTED: dict[str, tuple] = {
    # not YAML at all
    "block-syntax-error.yaml": ("yaml", 5, 5, "did not find expected ',' or ']'", None),
    "block-tab-indent.yaml": ("yaml", 5, 1, "tab character used for indentation; use spaces", None),
    "block-duplicate-key.yaml": ("yaml", 5, 1, "duplicate key 'title'", None),
    "block-invalid-utf8.yaml": ("yaml", 3, 13, "not valid UTF-8", "UTF-8"),
    "block-empty.yaml": ("yaml", 1, 1, "file is empty", None),
    "block-comment-only.yaml": ("yaml", 1, 1, "file is empty", None),
    "block-control-char.yaml": ("yaml", 2, 15, "U+0007", None),
    "block-unquoted-colon.yaml": ("yaml", 2, 14, "must be quoted", None),
    "block-two-documents.yaml": ("yaml", 5, 1, "more than one YAML document", None),
    "block-python-tag.yaml": ("yaml", 2, 8, "unsupported tag", None),
    "block-undefined-alias.yaml": ("yaml", 3, 9, "undefined anchor", None),
    "block-recursive-alias.yaml": ("yaml", 3, 9, "recursive", None),
    "block-alias-bomb.yaml": ("yaml", 8, 4, "aliases expand to more than", None),
    "block-merge-bomb.yaml": ("yaml", 7, 12, "aliases expand to more than", None),
    # YAML, but not a valid block / draft / consultation / library
    "block-list-at-root.yaml": ("schema", 1, 1, "expected a mapping of keys", None),
    "block-wrong-type.yaml": ("schema", 3, 9, "'themes' should be a list, not a string", None),
    "block-unknown-key.yaml": ("schema", 6, 1, "unknown key 'reviwed'", "did you mean 'reviewed'?"),
    "block-missing-key.yaml": ("schema", 1, 1, "missing key 'body'", None),
    "block-bad-id.yaml": ("schema", 1, 5, "'id' 'Bad_ID' is not valid", None),
    "block-bad-date.yaml": ("schema", 6, 11, "'reviewed' is not a valid date (YYYY-MM-DD)", None),
    "block-nested-wrong-type.yaml": ("schema", 9, 5, "'sources' item 2 should be a mapping", None),
    "block-nested-missing-key.yaml": ("schema", 7, 5, "missing key 'title'", None),
    "block-empty-themes.yaml": ("schema", 3, 9, "'themes' needs at least 1 item", None),
    "block-title-number.yaml": ("schema", 2, 8, "'title' should be a string, not a number", "quotes"),
    "draft-unquoted-question-id.yaml": ("schema", 5, 3, "key 2.1 under 'answers' should be text", 'quote it as written: "2.1"'),
    "draft-bad-item.yaml": ("schema", 5, 7, "an answer item is {block: ID}", None),
    "draft-bad-block-ref.yaml": ("schema", 4, 14, "'block' 'Inclusiveness_Block' is not valid", None),
    "draft-item-unknown-key.yaml": ("schema", 5, 7, "unknown key 'pinnned'", "did you mean 'pinned'?"),
    "draft-bad-variant.yaml": ("schema", 5, 16, "'variant' must be 'body' or 'short', not 'long'", None),
    "consultation-naive-deadline.yaml": ("schema", 4, 1, "needs a UTC offset", None),
    "consultation-deadline-date-only.yaml": ("schema", 4, 1, "needs a UTC offset", None),
    "consultation-limit-both.yaml": ("schema", 11, 9, "exactly one of `words` or `chars`", None),
    "library-bad-severity.yaml": ("schema", 5, 15, "'severity' must be 'error', 'warning' or 'info', not 'fatal'", None),
}


def _model_for(name: str):
    return KINDS[name.split("-", 1)[0]]


def test_every_corpus_file_has_a_row():
    on_disk = {p.name for p in BAD.iterdir() if p.is_file()}
    assert on_disk == set(EXPECTED), "add a row to EXPECTED for each file in tests/data/bad (and only those)"


@pytest.mark.timeout(60)  # a hang guard, not a speed test (speed is measured in benchmarks/)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_a_positioned_finding(name):
    code, line, column, message, hint = EXPECTED[name]
    instance, findings = load_model(BAD / name, _model_for(name), display=f"bad/{name}")
    assert instance is None
    assert findings, "a broken file must give at least one finding"
    for f in findings:
        assert isinstance(f, Finding)
        assert f.file == f"bad/{name}"
        assert f.line is not None and f.column is not None
        assert f.severity == "error"
    match = [f for f in findings if f.code == code and message in f.message]
    assert match, f"no {code} finding containing {message!r}: {[f.message for f in findings]}"
    f = match[0]
    assert (f.line, f.column) == (line, column), f.message
    if hint is not None:
        assert f.hint and hint in f.hint


def test_missing_file_is_a_finding(tmp_path):
    _, findings = load_model(tmp_path / "nope.yaml", Block)
    assert [f.code for f in findings] == ["yaml"]
    assert "not found" in findings[0].message
    assert findings[0].file == str(tmp_path / "nope.yaml")


def test_folder_instead_of_file_is_a_finding(tmp_path):
    _, findings = load_model(tmp_path, Block)
    assert [f.code for f in findings] == ["yaml"]


def _deep(kind: str, n: int) -> str:
    if kind == "flow-list":
        return "[" * n + "]" * n + "\n"
    if kind == "flow-mapping":
        return "{a: " * n + "1" + "}" * n + "\n"
    if kind == "block-compact":
        return "- " * n + "x\n"
    if kind == "block-indented":
        return "".join(" " * i + "a:\n" for i in range(n)) + " " * n + "b: 1\n"
    if kind == "block-list-indented":
        return "".join(" " * i + "-\n" for i in range(n)) + " " * n + "x\n"
    raise AssertionError(kind)


@pytest.mark.timeout(60)  # a hang guard, not a speed test (speed is measured in benchmarks/)
@pytest.mark.parametrize(
    "kind,levels",
    [
        ("flow-list", 50_000),
        ("flow-mapping", 50_000),
        ("block-compact", 50_000),
        ("block-indented", 3_000),  # indentation grows by one space a level: 3,000 levels ≈ 4.5 MB
        ("block-list-indented", 3_000),
    ],
)
def test_deep_nesting_is_refused(tmp_path, kind, levels):
    path = tmp_path / f"deep-{kind}.yaml"
    path.write_text(_deep(kind, levels), encoding="utf-8")
    loaded = read_yaml(path)
    assert loaded.data is None
    [f] = loaded.findings
    assert f.code == "yaml"
    assert f.message == f"nesting deeper than {MAX_DEPTH} levels"
    assert f.line is not None and f.column is not None


@pytest.mark.parametrize("kind", ["flow-list", "block-compact", "block-indented"])
def test_nesting_just_under_the_limit_loads(tmp_path, kind):
    path = tmp_path / "deep.yaml"
    path.write_text(_deep(kind, MAX_DEPTH - 2), encoding="utf-8")
    loaded = read_yaml(path)
    assert loaded.findings == []
    assert loaded.data is not None


@pytest.mark.timeout(60)  # a hang guard, not a speed test (speed is measured in benchmarks/)
def test_ten_megabyte_body_loads(tmp_path):
    line = "Community networks and IXPs [keep traffic local](https://example.org) {{ x }}."
    lines = [line] * (10 * 1024 * 1024 // (len(line) + 3) + 1)
    text = "id: huge\ntitle: Huge\nthemes: [inclusiveness]\nbody: |\n" + "".join(f"  {l}\n" for l in lines)
    path = tmp_path / "huge.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 10 * 1024 * 1024
    block, findings = load_model(path, Block)
    assert findings == []
    assert block is not None
    assert len(block.body) == len(lines) * (len(line) + 1)
    assert block.body.startswith(line + "\n")


def test_many_aliases_that_stay_small_are_fine(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "id: aliases\ntitle: Aliases\nthemes: &t [inclusiveness]\nbody: Text *with* stars.\ntags: *t\n",
        encoding="utf-8",
    )
    block, findings = load_model(path, Block)
    assert findings == []
    assert block is not None and block.tags == ["inclusiveness"]


@pytest.mark.timeout(60)  # a hang guard, not a speed test (speed is measured in benchmarks/)
def test_merge_chain_too_deep_for_recursion(tmp_path):
    # 5,000 mappings each merging the previous one: quadratic once expanded, so refused.
    text = "a0: &a0 {x: 1}\n" + "".join(f"a{i}: &a{i}\n  <<: *a{i - 1}\n  y{i}: 1\n" for i in range(1, 5_000))
    path = tmp_path / "chain.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = read_yaml(path)
    assert [f.code for f in loaded.findings] == ["yaml"]


@pytest.mark.parametrize(
    "text",
    [
        "id: x\ntitle: y\nthemes: [a]\nbody: '\x00'\n",
        "id: x\ntitle: y\nthemes: [a]\nbody: \"unterminated\n",
        "id: x\ntitle: y\nthemes: [a]\nbody: |\n  ok\n bad\n",
        "\ufeffid: x\ntitle: y\nthemes: [a]\nbody: \udcff\n",
        "id: !!binary AAAA\n",
        "id: !custom x\n",
        "? [a, b]\n: c\n",
        "review_every_days: 1" + "0" * 10_000 + "\n",
        "reviewed: 2025-02-30\n",
        "%YAML 1.1\n---\nid: x\n",
        "{{{{",
        "- - -\n  - x\n",
        "a: b\r\n\tc: d\r\n",
    ],
)
def test_odd_input_never_raises(tmp_path, text):
    path = tmp_path / "odd.yaml"
    path.write_bytes(text.encode("utf-8", "surrogateescape") if "\udcff" in text else text.encode("utf-8"))
    instance, findings = load_model(path, Block)
    assert instance is None
    assert findings
    assert all(f.line is not None for f in findings)


@pytest.mark.timeout(60)  # a hang guard, not a speed test (speed is measured in benchmarks/)
def test_too_many_values_is_refused(tmp_path):
    path = tmp_path / "wide.yaml"
    path.write_text("themes: [" + "a," * 300_000 + "]\n", encoding="utf-8")
    loaded = read_yaml(path)
    [f] = loaded.findings
    assert f.code == "yaml" and "more than 250,000 values" in f.message


# Text made of YAML's own punctuation, indentation and a few words: whatever it is, reading and
# validating it gives data or positioned findings, never an exception.
_PIECES = st.sampled_from(
    ["id", "title", "themes", "body", "x", ": ", ":", "- ", "-", "\n", "  ", "\t", "[", "]", "{", "}", ",",
     "&a ", "*a", "<<", "? ", "!", "!!str ", "|", ">", "'", '"', "#", "---", "...", "%YAML 1.2", "é", "\x00",
     "2025-13-01", "1.5", "~", "\r\n"]
)


@settings(max_examples=300, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40))
def test_random_yaml_never_raises(pieces):
    from drafter.yamlio import read_yaml_text, validate

    loaded = read_yaml_text("".join(pieces), display="fuzz.yaml")
    instance, findings = validate(loaded, Block)
    for f in findings:
        assert f.file == "fuzz.yaml"
        assert f.line is not None and f.column is not None and f.line >= 1 and f.column >= 1
    assert (instance is None) == bool(findings)


def test_a_number_is_quoted_as_it_was_written():
    """`2.10` unquoted is the number 2.1: the hint quotes what the file says, not the number."""
    from drafter.model import Draft
    from drafter.yamlio import read_yaml_text, validate

    (f,) = validate(read_yaml_text("consultation: c\nanswers:\n  2.10:\n    - text: x\n"), Draft)[1]
    assert f.hint == 'quote it as written: "2.10"'
