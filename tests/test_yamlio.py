"""yamlio and cache: the fast loader, positions, schema messages, round trip, atomic writes, the cache."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import pickle
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from drafter import cache as cache_mod
from drafter import yamlio
from drafter.cache import load_models_cached
from drafter.model import Block, Consultation, Draft, Library
from drafter.yamlio import (
    atomic_write_bytes,
    atomic_write_text,
    dump_roundtrip,
    dumps_roundtrip,
    load_model,
    load_roundtrip,
    read_yaml,
    to_block_scalar,
    validate,
)
from drafter.yamlio import loader as yamlio_loader
from drafter.yamlio import read as yamlio_read

REPO = Path(__file__).resolve().parent.parent

BLOCK = """\
# A block with comments in several places.
id: sample-block  # trailing comment
title: "A quoted title"
summary: 'single quoted'
themes:
  - inclusiveness   # first theme
  - positive-agenda
tags: ["wsis:C1", 'sdg:9']
body: |
  First paragraph with {{ respondent.organisation }}.

  Second paragraph.
reviewed: 2025-03-01
sources:
  - title: First source
    url: https://example.org/one
  - title: Second source
# a comment before the last key
language: en
"""

DRAFT = """\
consultation: wsis20-review
respondent:
  name: Ama
  region: West Africa
answers:
  '1.1':
    - block: inclusiveness
      pinned: 0123456789ab
    - text: |
        Own words.
  "2.1":
    - block: tcg/positive-agenda
      variant: short
  '3.1':
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the fast loader


def test_uses_the_c_parser(monkeypatch, tmp_path):
    from _ruamel_yaml import CParser

    assert yamlio.C_PARSER
    assert issubclass(yamlio_loader.FastLoader, CParser)

    # the pure-Python scanner and parser are never touched
    import ruamel.yaml.parser
    import ruamel.yaml.scanner

    def boom(*a, **k):
        raise AssertionError("pure-Python YAML parser used")

    monkeypatch.setattr(ruamel.yaml.parser.Parser, "__init__", boom)
    monkeypatch.setattr(ruamel.yaml.scanner.Scanner, "__init__", boom)
    loaded = read_yaml(write(tmp_path, "b.yaml", BLOCK))
    assert loaded.findings == []
    assert loaded.data["id"] == "sample-block"


def test_fast_loader_matches_ruamel_safe_loader(tmp_path):
    from ruamel.yaml import YAML

    stock = YAML(typ="safe", pure=False)
    files = sorted(REPO.glob("positions/**/*.yaml")) + sorted(REPO.glob("consultations/*.yaml"))
    files += sorted(REPO.glob("drafts/*.yaml"))
    files.append(write(tmp_path, "b.yaml", BLOCK))
    files.append(write(tmp_path, "d.yaml", DRAFT))
    files.append(
        write(
            tmp_path,
            "scalars.yaml",
            "a: [1, -2, 0o17, 0x1f, 1.5, .inf, -.inf, 1e3, true, false, null, ~, '', 2024-01-02,"
            " yes, no, on, '1.0', 12_3]\nb: &x {c: 1}\nd: *x\ne:\n  <<: *x\n  f: 2\n"
            "t1: 2025-07-15T23:59:00+02:00\nt2: 2025-07-15 10:00:00\nt3: 2025-07-15T10:00:00Z\n",
        )
    )
    for path in files:
        loaded = read_yaml(path)
        assert loaded.findings == [], path
        expected = stock.load(path)
        assert loaded.data == expected, path
        assert repr(loaded.data) == repr(expected), path


def test_flow_values_with_colons_load(tmp_path):
    # libyaml refuses `:` inside plain scalars in flow collections (YAML 1.1); YAML 1.2 and
    # drafter's round-trip loader accept them, so the loader falls back to the pure parser.
    text = "id: a\ntitle: T\nthemes: [x]\ntags: [wsis:C1, sdg:9]\nbody: b\nsources: [{title: S, url: https://x.org/a}]\n"
    block, findings = load_model(write(tmp_path, "b.yaml", text), Block)
    assert findings == []
    assert block.tags == ["wsis:C1", "sdg:9"] and block.sources[0].url == "https://x.org/a"
    # a real error in such a file is still reported, with the C parser's position
    loaded = read_yaml(write(tmp_path, "c.yaml", "tags: [wsis:C1, sdg:9\nbody: b\n"))
    assert [f.code for f in loaded.findings] == ["yaml"] and loaded.findings[0].line is not None


def test_display_names_the_file(tmp_path):
    loaded = read_yaml(write(tmp_path, "b.yaml", "a: [\n"), display="lib/b.yaml")
    assert loaded.findings[0].file == "lib/b.yaml"
    loaded = read_yaml(write(tmp_path, "c.yaml", "a: [\n"))
    assert loaded.findings[0].file == str(tmp_path / "c.yaml")


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BLOCK.encode())
    block, findings = load_model(path, Block)
    assert findings == [] and block is not None and block.id == "sample-block"


def test_bad_date_and_huge_int_stay_text_for_the_schema(tmp_path):
    loaded = read_yaml(write(tmp_path, "x.yaml", "reviewed: 2025-02-30\nn: 1" + "0" * 5000 + "\n"))
    assert loaded.findings == []
    assert loaded.data["reviewed"] == "2025-02-30"
    assert isinstance(loaded.data["n"], str)


def test_aware_deadline_kept(tmp_path):
    loaded = read_yaml(write(tmp_path, "x.yaml", "deadline: 2025-07-15T23:59:00+02:00\n"))
    assert loaded.data["deadline"].utcoffset() == dt.timedelta(hours=2)


# --------------------------------------------------------------------------- positions


def test_position_of_nested_keys_items_and_values(tmp_path):
    loaded = read_yaml(write(tmp_path, "b.yaml", BLOCK))
    assert loaded.position(("id",)) == (2, 1)
    assert loaded.position(("id",), key=False) == (2, 5)
    assert loaded.position(("themes", 1)) == (7, 5)
    assert loaded.position(("sources", 1, "title")) == (17, 5)
    assert loaded.position(("sources", 0, "url"), key=False) == (16, 10)
    assert loaded.position(("language",)) == (19, 1)


def test_position_of_missing_parts_is_the_nearest_parent(tmp_path):
    loaded = read_yaml(write(tmp_path, "b.yaml", BLOCK))
    assert loaded.position(()) == (1, 1)
    assert loaded.position(("owner",)) == (1, 1)
    assert loaded.position(("sources", 1, "url")) == (17, 5)
    assert loaded.position(("sources", 7, "url")) == (14, 1)
    assert loaded.position(("themes", "x", 3)) == (5, 1)


def test_position_with_flow_values_that_need_the_pure_parser(tmp_path):
    loaded = read_yaml(write(tmp_path, "b.yaml", "tags: [wsis:C1, sdg:9]\nthemes: [a]\n"))
    assert loaded.findings == []
    assert loaded.position(("tags", 1)) == (1, 17)
    assert loaded.position(("themes",)) == (2, 1)


def test_position_of_non_string_keys(tmp_path):
    loaded = read_yaml(write(tmp_path, "k.yaml", "m:\n  2.1: a\n  1: b\n  true: c\n  '1': d\n"))
    assert loaded.position(("m", 2.1)) == (2, 3)
    assert loaded.position(("m", "2.1")) == (2, 3)
    assert loaded.position(("m", 1)) == (3, 3)
    assert loaded.position(("m", True)) == (4, 3)
    assert loaded.position(("m", "1")) == (5, 3)


def test_position_in_a_draft_with_quoted_ids(tmp_path):
    loaded = read_yaml(write(tmp_path, "d.yaml", DRAFT))
    assert loaded.position(("answers", "1.1", 0, "block")) == (7, 7)
    assert loaded.position(("answers", "1.1", 0, "pinned"), key=False) == (8, 15)
    assert loaded.position(("answers", "2.1", 0, "variant")) == (13, 7)
    assert loaded.position(("answers", "3.1")) == (14, 3)
    assert loaded.position(("respondent", "region")) == (4, 3)


def test_positions_need_no_second_parse(tmp_path, monkeypatch):
    calls = []
    real = yamlio_read._compose

    def counting(text):
        calls.append(1)
        return real(text)

    monkeypatch.setattr(yamlio_read, "_compose", counting)
    loaded = read_yaml(write(tmp_path, "b.yaml", BLOCK))
    block, findings = validate(loaded, Block)
    assert block is not None
    assert loaded.position(("themes", 1)) == (7, 5)
    assert calls == []  # the loader's own node tree is used

    bare = yamlio.Loaded(path=loaded.path, data=loaded.data, text=loaded.text)
    assert bare.position(("themes", 1)) == (7, 5)
    assert bare.position(("sources", 1, "title")) == (17, 5)
    assert calls == [1]  # composed once, on first use
    assert yamlio.Loaded(path=loaded.path).position(("id",)) is None  # no text: no position


def test_position_in_a_mapping_with_merge_keys(tmp_path):
    loaded = read_yaml(write(tmp_path, "m.yaml", "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n  x: 3\n"))
    assert loaded.data["m"] == {"x": 3, "y": 2}
    assert loaded.position(("m", "y")) == (4, 3)
    assert loaded.position(("m", "x")) == (5, 3)  # the explicit key wins, as in the data


# --------------------------------------------------------------------------- schema messages


def _findings(tmp_path, model, text):
    instance, findings = load_model(write(tmp_path, "f.yaml", text), model, display="f.yaml")
    assert instance is None
    return [(f.code, f.line, f.column, f.message, f.hint) for f in findings]


def test_unknown_key_suggests_the_field(tmp_path):
    out = _findings(tmp_path, Block, "id: a\ntitel: T\nthemes: [x]\nbody: b\n")
    assert ("schema", 2, 1, "unknown key 'titel'", "did you mean 'title'?") in out
    assert any(m == "missing key 'title'" for _, _, _, m, _ in out)


def test_unknown_key_without_a_close_match_lists_the_keys(tmp_path):
    out = _findings(tmp_path, Library, "name: L\nnamespace: l\nzzz: 1\n")
    [(code, line, col, msg, hint)] = out
    assert (code, line, col, msg) == ("schema", 3, 1, "unknown key 'zzz'")
    assert hint.startswith("known keys: name, namespace")


def test_wrong_types_are_named_in_words(tmp_path):
    out = _findings(
        tmp_path,
        Block,
        "id: a\ntitle: [T]\nthemes: x\nbody: b\nreviewed: soon\nreview_every_days: often\nsources: {title: t}\n",
    )
    messages = {m: (line, col) for _, line, col, m, _ in out}
    assert messages["'title' should be a string, not a list"] == (2, 8)
    assert messages["'themes' should be a list, not a string"] == (3, 9)
    assert messages["'reviewed' is not a valid date (YYYY-MM-DD)"] == (5, 11)
    assert messages["'review_every_days' should be a whole number, not a string"] == (6, 20)
    assert messages["'sources' should be a list, not a mapping"] == (7, 10)


def test_draft_union_tags_do_not_reach_positions(tmp_path):
    text = (
        "consultation: c\nanswers:\n  '1.1':\n    - block: BAD\n      pinned: xyz\n"
        "    - text: [not, text]\n    - choice: 3\n    - {}\n"
    )
    out = _findings(tmp_path, Draft, text)
    got = {m: (line, col) for _, line, col, m, _ in out}
    assert got["'block' 'BAD' is not valid: a block reference is `id` or `namespace/id` (lower-case letters, digits, '-')"] == (4, 14)
    assert got["'pinned' 'xyz' is not valid: it is the first 12 hex digits of the block's sha256"] == (5, 15)
    assert got["'text' should be a string, not a list"] == (6, 13)
    assert got["'choice' should be a string, not a number (3)"] == (7, 15)
    assert got["'1.1' item 4: an answer item is {block: ID}, {text: MARKDOWN} or {choice: VALUE}"] == (8, 7)


def test_consultation_nested_messages(tmp_path):
    text = (
        "id: c\ntitle: T\norganiser: O\ndeadline: 2025-07-15T23:59:00+02:00\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n      - id: '1'\n        text: Q\n"
        "        limit: {words: 0}\n        kind: essay\n      - text: no id\n"
    )
    out = _findings(tmp_path, Consultation, text)
    got = {m: (line, col) for _, line, col, m, _ in out}
    assert got["'words' must be greater than 0, not 0"] == (11, 24)
    assert got["'kind' must be 'text' or 'choice', not 'essay'"] == (12, 15)
    assert got["missing key 'id'"] == (13, 9)


def test_root_must_be_a_mapping(tmp_path):
    for text, what in (("- a\n- b\n", "a list"), ("just text\n", "a string"), ("~\n", "empty")):
        [(code, line, col, msg, _)] = _findings(tmp_path, Block, text)
        assert (code, line, col) == ("schema", 1, 1)
        assert msg.startswith("expected a mapping of keys") and msg.endswith(what)


def test_validate_passes_read_findings_through(tmp_path):
    loaded = read_yaml(write(tmp_path, "x.yaml", "a: [\n"))
    instance, findings = validate(loaded, Block)
    assert instance is None and findings == loaded.findings and findings[0].code == "yaml"


def test_valid_files_validate(tmp_path):
    block, findings = load_model(write(tmp_path, "b.yaml", BLOCK), Block)
    assert findings == [] and block.reviewed == dt.date(2025, 3, 1) and block.tags == ["wsis:C1", "sdg:9"]
    draft, findings = load_model(write(tmp_path, "d.yaml", DRAFT), Draft)
    assert findings == [] and draft.respondent.region == "West Africa"
    assert draft.answers["3.1"] is None


# --------------------------------------------------------------------------- round trip


def test_round_trip_is_byte_identical_for_the_sample_files():
    files = sorted(REPO.glob("positions/**/*.yaml")) + sorted(REPO.glob("consultations/*.yaml"))
    files += sorted(REPO.glob("drafts/*.yaml"))
    assert files
    for path in files:
        assert dumps_roundtrip(load_roundtrip(path)) == path.read_text(encoding="utf-8"), path


def test_editing_one_value_changes_one_line(tmp_path):
    path = write(tmp_path, "b.yaml", BLOCK)
    data = load_roundtrip(path)
    data["sources"][1]["title"] = "Second source, renamed"
    dump_roundtrip(data, path)
    after = path.read_text(encoding="utf-8")
    diff = [
        l for l in difflib.unified_diff(BLOCK.splitlines(), after.splitlines(), lineterm="", n=0)
        if l[:1] in "+-" and not l.startswith(("+++", "---"))
    ]
    assert diff == ["-  - title: Second source", "+  - title: Second source, renamed"]
    # comments, key order and quoting all survived
    assert "# trailing comment" in after and "# first theme" in after and "# a comment before" in after
    assert 'title: "A quoted title"' in after and "summary: 'single quoted'" in after
    assert list(load_roundtrip(path)) == list(data)


def test_new_lists_use_the_project_indentation(tmp_path):
    data = CommentedMap()
    data["id"] = "new-block"
    data["themes"] = CommentedSeq(["inclusiveness", "positive-agenda"])
    data["sources"] = [{"title": "T", "url": "https://example.org"}]
    data["body"] = to_block_scalar("Line one.\n\nLine two.\n")
    text = dumps_roundtrip(data)
    assert text == (
        "id: new-block\n"
        "themes:\n"
        "  - inclusiveness\n"
        "  - positive-agenda\n"
        "sources:\n"
        "  - title: T\n"
        "    url: https://example.org\n"
        "body: |\n"
        "  Line one.\n"
        "\n"
        "  Line two.\n"
    )


def test_multi_line_strings_become_block_scalars_and_long_lines_do_not_wrap():
    long = "word " * 300
    text = dumps_roundtrip({"a": "one\ntwo\n", "b": [{"c": "x\ny"}], "d": long.strip()})
    assert "a: |\n  one\n  two\n" in text
    assert "  - c: |-\n      x\n      y\n" in text
    assert f"d: {long.strip()}\n" in text
    assert to_block_scalar("single line") == "single line"


def test_dump_round_trip_into_new_file(tmp_path):
    path = tmp_path / "new.yaml"
    dump_roundtrip({"consultation": "c", "answers": {"1.1": [{"text": "Hi"}]}}, path)
    assert load_model(path, Draft)[1] == []
    assert path.read_text() == "consultation: c\nanswers:\n  '1.1':\n    - text: Hi\n"


def test_load_roundtrip_refuses_deep_nesting(tmp_path):
    path = write(tmp_path, "deep.yaml", "[" * 5000 + "]" * 5000)
    with pytest.raises(YAMLError):
        load_roundtrip(path)


# --------------------------------------------------------------------------- atomic writes


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_replaces_and_keeps_mode(tmp_path):
    path = write(tmp_path, "f.yaml", "old\n")
    os.chmod(path, 0o640)
    atomic_write_text(path, "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_atomic_write_new_file_gets_normal_permissions(tmp_path):
    path = tmp_path / "n.yaml"
    atomic_write_bytes(path, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_failed_replace_leaves_the_old_file(tmp_path, monkeypatch):
    path = write(tmp_path, "f.yaml", "old\n")

    def fail(*a, **k):
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write_text(path, "new\n")
    assert path.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = write(tmp_path, "f.yaml", "old\n")

    def fail(fd):
        raise OSError("no space left")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="no space left"):
        dump_roundtrip({"a": 1}, path)
    assert path.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = write(tmp_path, "f.yaml", "old\n")

    def interrupt(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "new\n")
    assert path.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path):
    target = write(tmp_path, "target.yaml", "old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and target.read_text() == "new\n"


# --------------------------------------------------------------------------- cache


def _library(tmp_path: Path, n: int = 6) -> list[Path]:
    folder = tmp_path / "blocks"
    folder.mkdir()
    paths = []
    for i in range(n):
        text = BLOCK.replace("sample-block", f"block-{i}").replace("First paragraph", f"Paragraph {i}")
        paths.append(write(folder, f"block-{i}.yaml", text))
    paths.append(write(folder, "broken.yaml", "id: broken\ntitle: [\n"))
    paths.append(write(folder, "typo.yaml", "id: typo\ntitel: T\nthemes: [a]\nbody: b\n"))
    old = 1_600_000_000
    for p in paths:
        os.utime(p, (old, old))  # not "just written": trusted by the cache
    return paths


def _fresh(paths, model=Block, display=str):
    return [(p, *load_model(p, model, display=display(p))) for p in paths]


def test_cache_warm_load_equals_fresh_load(tmp_path, monkeypatch):
    paths = _library(tmp_path)
    cache_file = tmp_path / "cache" / "blocks.pickle"
    show = lambda p: p.name
    cold = load_models_cached(paths, Block, cache_file, show)
    assert cold == _fresh(paths, display=show)
    assert cache_file.exists()

    monkeypatch.setattr(cache_mod, "load_model", lambda *a, **k: pytest.fail("a cached file was re-read"))
    written = cache_file.stat().st_mtime_ns
    warm = load_models_cached(paths, Block, cache_file, show)
    assert warm == cold
    for (_, a, fa), (_, b, fb) in zip(warm, cold):
        assert a == b and fa == fb
        if a is not None:
            assert a.model_fields_set == b.model_fields_set
    assert cache_file.stat().st_mtime_ns == written  # nothing changed: not rewritten
    # findings are re-named for the current display
    again = load_models_cached(paths, Block, cache_file, lambda p: "lib/" + p.name)
    assert {f.file for _, _, fs in again for f in fs} == {"lib/broken.yaml", "lib/typo.yaml"}


def test_cache_with_drafts_and_consultations(tmp_path):
    draft = write(tmp_path, "d.yaml", DRAFT)
    consultation = REPO / "consultations" / "wsis20-review.yaml"
    os.utime(draft, (1_600_000_000, 1_600_000_000))
    cache_file = tmp_path / "c.pickle"
    for model, path in ((Draft, draft), (Consultation, consultation)):
        cache_file.unlink(missing_ok=True)
        cold = load_models_cached([path], model, cache_file)
        warm = load_models_cached([path], model, cache_file)
        assert cold == warm == _fresh([path], model)
        assert cold[0][1] is not None


def test_cache_reparses_an_edited_file_and_drops_a_removed_one(tmp_path):
    paths = _library(tmp_path)
    cache_file = tmp_path / "blocks.pickle"
    load_models_cached(paths, Block, cache_file)

    edited = paths[0]
    edited.write_text(edited.read_text().replace("A quoted title", "An edited title!"), encoding="utf-8")
    removed = paths.pop(1)
    removed.unlink()
    result = load_models_cached(paths, Block, cache_file)
    assert result[0][1].title == "An edited title!"
    assert result == _fresh(paths)
    entries = pickle.loads(cache_file.read_bytes())["entries"]
    assert str(removed) not in entries and str(edited) in entries


def test_cache_same_size_edit_right_after_load_is_seen(tmp_path):
    path = write(tmp_path, "b.yaml", BLOCK)  # just written: within the racy window
    cache_file = tmp_path / "blocks.pickle"
    assert load_models_cached([path], Block, cache_file)[0][1].title == "A quoted title"
    path.write_text(BLOCK.replace("A quoted title", "B quoted title"), encoding="utf-8")
    st = path.stat()
    assert st.st_size == len(BLOCK.encode())
    assert load_models_cached([path], Block, cache_file)[0][1].title == "B quoted title"


def test_cache_file_that_appears_later_and_missing_paths(tmp_path):
    paths = _library(tmp_path, 2)
    cache_file = tmp_path / "blocks.pickle"
    missing = tmp_path / "blocks" / "gone.yaml"
    result = load_models_cached([*paths, missing], Block, cache_file)
    assert result[-1][1] is None and "not found" in result[-1][2][0].message
    write(tmp_path / "blocks", "gone.yaml", BLOCK)
    result = load_models_cached([*paths, missing], Block, cache_file)
    assert result[-1][1] is not None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle at all",
        pickle.dumps({"format": 999, "fingerprint": "x", "entries": {}}),
        pickle.dumps(["wrong", "shape"]),
        # a hostile cache must not run code: the restricted unpickler refuses os.system
        b"cos\nsystem\n(S'echo pwned > /dev/null'\ntR.",
    ],
)
def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path, content):
    paths = _library(tmp_path, 3)
    cache_file = tmp_path / "blocks.pickle"
    cache_file.write_bytes(content)
    assert load_models_cached(paths, Block, cache_file) == _fresh(paths)
    assert pickle.loads(cache_file.read_bytes())["format"] == cache_mod.CACHE_FORMAT


def test_cache_for_another_model_is_not_used(tmp_path):
    paths = _library(tmp_path, 2)
    cache_file = tmp_path / "c.pickle"
    load_models_cached(paths, Block, cache_file)
    result = load_models_cached(paths, Library, cache_file)
    assert result == _fresh(paths, Library)


def test_cache_damaged_entry_falls_back_to_the_file(tmp_path):
    paths = _library(tmp_path, 2)
    cache_file = tmp_path / "c.pickle"
    load_models_cached(paths, Block, cache_file)
    payload = pickle.loads(cache_file.read_bytes())
    key = str(paths[0])
    mtime, size, data, findings, derived = payload["entries"][key]
    payload["entries"][key] = (mtime, size, {"id": 5}, findings, derived)
    payload["entries"][str(paths[1])] = "not an entry"
    cache_file.write_bytes(pickle.dumps(payload))
    assert load_models_cached(paths, Block, cache_file) == _fresh(paths)


def test_derived_values_are_kept_with_the_parse(tmp_path):
    """A value derived from each model is computed when the file is parsed and read back from the cache."""
    paths = _library(tmp_path, 3)
    cache_file = tmp_path / "c.pickle"
    calls: list[str] = []

    def titles(block: Block) -> str:
        calls.append(block.id)
        return block.title.upper()

    first: dict = {}
    load_models_cached(paths, Block, cache_file, derive=titles, derived=first)
    second: dict = {}
    load_models_cached(paths, Block, cache_file, derive=titles, derived=second)
    good = [p for p in paths if load_model(p, Block)[0] is not None]
    assert first == second == {str(p): load_model(p, Block)[0].title.upper() for p in good}
    assert len(good) == 3 and len(calls) == 3  # the second load derived nothing anew (broken files derive nothing)


def test_unwritable_cache_folder_is_not_an_error(tmp_path):
    paths = _library(tmp_path, 2)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert load_models_cached(paths, Block, blocker / "sub" / "c.pickle") == _fresh(paths)


def test_no_cache_file_just_loads(tmp_path):
    paths = _library(tmp_path, 2)
    assert load_models_cached(paths, Block, None) == _fresh(paths)


@pytest.mark.parametrize(
    "text",
    [
        "  indented first line\nsecond\n",
        "trailing space \nx\n",
        "a\n\n\n",
        "\ttab first\nx",
        "x\n\ty",
        "a\r\nb\n",
        "line\u2028separator\nx",
        "x\n\x07bell\n",
        "\n\nleading blank lines\n",
        "- not a list\n# not a comment\n{{ respondent.organisation }}\n",
    ],
)
def test_written_strings_read_back_unchanged(text):
    out = dumps_roundtrip({"k": text, "l": [text]})
    loaded = yamlio.read_yaml_text(out)
    assert loaded.findings == []
    assert loaded.data == {"k": text, "l": [text]}


@settings(max_examples=150, derandomize=True, database=None, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_string_is_written_readably(text):
    out = dumps_roundtrip({"k": text})
    loaded = yamlio.read_yaml_text(out)
    assert loaded.findings == [], out
    assert loaded.data == {"k": text}
