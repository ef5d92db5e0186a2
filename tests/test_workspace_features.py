"""Workspace features from issue #10: consultations carried by a library, the deadlines as an
iCalendar file, the respondent profile copied into new drafts, `drafter init` that passes its own
lint (and `library add` after it), and the generated formats reference."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.calendar import deadlines_calendar, escape_text, fold
from drafter.cli import cli
from drafter.library import block_files
from drafter.loaded import LoadedWorkspace
from drafter.model import KINDS, Consultation
from drafter.workspace import Workspace

from .wsbuilder import NOW, baseline, dump, write

HAS_GIT = subprocess.run(["git", "--version"], capture_output=True).returncode == 0
needs_git = pytest.mark.skipif(not HAS_GIT, reason="git missing")


def call(cid: str = "shared-call", *, deadline: dt.datetime | None = None, title: str = "Shared call", **more) -> dict:
    """A small questionnaire consultation, as a library would carry it."""
    return {
        "id": cid,
        "title": title,
        "organiser": "Coordination group",
        "deadline": (deadline or NOW + dt.timedelta(days=20)).isoformat(),
        "sections": [{"id": "s1", "title": "One", "questions": [{"id": "1.1", "text": "Why?", "themes": ["alpha"]}]}],
        **more,
    }


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """The baseline workspace (library `t` in positions/, consultation c1), as the current folder."""
    ws = tmp_path / "ws"
    ws.mkdir()
    write(ws, baseline())
    monkeypatch.chdir(ws)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    return ws


def load(root: Path) -> LoadedWorkspace:
    return LoadedWorkspace.load(Workspace.open(root), cache=False)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


# --------------------------------------------------------------------------- consultations in a library


def test_a_library_carries_consultations(root):
    folder = root / "positions" / "consultations"
    folder.mkdir()
    (folder / "shared-call.yaml").write_text(dump(call()), encoding="utf-8")
    lw = load(root)
    assert set(lw.consultations) == {"c1", "shared-call"}
    assert lw.consultations["shared-call"].library == "t" and lw.consultations["c1"].library is None
    assert lw.consultations["shared-call"].file == "positions/consultations/shared-call.yaml"
    # not read as a block (it would be a schema finding: no `themes`, no `body`)
    assert set(lw.index.libraries[0].blocks) == {"one", "two"}
    assert not any("consultations" in f for f in block_files(root / "positions"))
    assert lw.load_findings == []
    listing = invoke("consultations", "--format", "json")
    rows = {r["id"]: r for r in json.loads(listing.output)["consultations"]}
    assert rows["shared-call"]["library"] == "t" and rows["c1"]["library"] is None
    # a draft for it is made and checked like any other
    made = invoke("new", "shared-call")
    assert made.exit_code == 0, made.output
    checked = invoke("check", "drafts/shared-call.yaml", "--format", "json")
    assert checked.exit_code in (0, 1), checked.output
    assert json.loads(checked.output)["findings"] is not None


def test_only_the_top_consultations_folder_is_not_blocks(root):
    nested = root / "positions" / "blocks" / "consultations"
    nested.mkdir()
    block = baseline()["blocks"]["one"] | {"id": "three"}
    (nested / "three.yaml").write_text(dump(block), encoding="utf-8")
    assert "three" in load(root).index.libraries[0].blocks


def test_the_workspace_own_consultation_wins_a_shared_id(root):
    folder = root / "positions" / "consultations"
    folder.mkdir()
    (folder / "c1.yaml").write_text(dump(call("c1", title="The library's c1")), encoding="utf-8")
    lw = load(root)
    assert lw.consultations["c1"].library is None and lw.consultations["c1"].model.title == "Test consultation"
    (dup,) = [f for f in lw.consultation_findings if f.code == "duplicate-id"]
    assert dup.file == "positions/consultations/c1.yaml" and dup.line == 1
    assert "library 't'" in dup.message and "workspace's own consultations/c1.yaml" in dup.message
    assert "which is the one used" in dup.message
    linted = invoke("lint")
    assert linted.exit_code == 1 and "error[duplicate-id]" in linted.output


def test_two_libraries_sharing_a_consultation_id_keep_the_first(root):
    other = root / "other"
    (other / "consultations").mkdir(parents=True)
    (other / "library.yaml").write_text("name: Other\nnamespace: other\n", encoding="utf-8")
    (other / "consultations" / "x.yaml").write_text(dump(call("shared-call", title="Second")), encoding="utf-8")
    (root / "positions" / "consultations").mkdir()
    (root / "positions" / "consultations" / "x.yaml").write_text(dump(call("shared-call", title="First")), encoding="utf-8")
    (root / "drafter.yaml").write_text("libraries:\n  - path: positions\n  - path: other\n", encoding="utf-8")
    lw = load(root)
    assert lw.consultations["shared-call"].model.title == "First"
    (dup,) = [f for f in lw.consultation_findings if f.code == "duplicate-id"]
    assert "library 'other'" in dup.message and "(library 't')" in dup.message


def test_a_library_consultations_folder_listed_by_the_workspace_is_loaded_once(root):
    (root / "positions" / "consultations").mkdir()
    (root / "positions" / "consultations" / "x.yaml").write_text(dump(call()), encoding="utf-8")
    (root / "drafter.yaml").write_text(
        "libraries:\n  - path: positions\nconsultations:\n  - consultations\n  - positions/consultations\n", encoding="utf-8"
    )
    lw = load(root)
    assert "shared-call" in lw.consultations and lw.consultation_findings == []


def test_library_consultations_are_confined_to_their_folder(root, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(dump(call("secret")), encoding="utf-8")
    folder = root / "positions" / "consultations"
    folder.mkdir()
    (folder / "stolen.yaml").symlink_to(outside / "secret.yaml")
    lw = load(root)
    assert "secret" not in lw.consultations
    assert any(f.code == "yaml" and "refused" in f.message and f.file.endswith("stolen.yaml") for f in lw.consultation_findings)
    # a consultations/ folder that is itself a link out of the library is refused as a whole
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.symlink_to(outside, target_is_directory=True)
    lw = load(root)
    assert "secret" not in lw.consultations
    assert any("leads outside the library" in f.message for f in lw.consultation_findings)


def test_lint_of_a_library_repository_lints_its_consultations(tmp_path, monkeypatch):
    lib = tmp_path / "lib"
    (lib / "consultations").mkdir(parents=True)
    (lib / "library.yaml").write_text("name: L\nnamespace: l\nthemes:\n  - id: alpha\n    label: Alpha\n", encoding="utf-8")
    (lib / "consultations" / "good.yaml").write_text(dump(call("good")), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    assert invoke("lint", "lib").exit_code == 0
    (lib / "consultations" / "bad.yaml").write_text(dump(call("bad") | {"deadline": "2026-12-01T12:00:00"}), encoding="utf-8")
    (lib / "consultations" / "themes.yaml").write_text(dump(call("themes", sections=[
        {"id": "s", "title": "S", "questions": [{"id": "1", "text": "Q", "themes": ["nope"]}]}
    ])), encoding="utf-8")
    result = invoke("lint", "lib")
    assert result.exit_code == 1
    assert "lib/consultations/bad.yaml" in result.output and "error[schema]" in result.output
    assert "lib/consultations/themes.yaml" in result.output and "warning[unknown-theme]" in result.output


def sh(*args: str, cwd: Path) -> str:
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def git_env(monkeypatch):
    for key, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "DRAFTER_NOW": NOW.isoformat(),
    }.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def remote(tmp_path, git_env) -> tuple[Path, Path]:
    """A bare repository holding a library with one block and one consultation, and a working
    clone playing the coordination group that maintains it."""
    src = tmp_path / "src"
    (src / "blocks").mkdir(parents=True)
    (src / "consultations").mkdir()
    (src / "library.yaml").write_text("name: Shared\nnamespace: shared\nthemes:\n  - id: alpha\n    label: Alpha\n", encoding="utf-8")
    (src / "blocks" / "b.yaml").write_text(
        dump({"id": "b", "title": "B", "themes": ["alpha"], "body": "Text.", "reviewed": NOW.date().isoformat()}), encoding="utf-8"
    )
    (src / "consultations" / "shared-call.yaml").write_text(dump(call()), encoding="utf-8")
    sh("git", "init", "-q", "-b", "main", cwd=src)
    sh("git", "add", ".", cwd=src)
    sh("git", "commit", "-q", "-m", "v1", cwd=src)
    bare = tmp_path / "remote.git"
    sh("git", "clone", "-q", "--bare", str(src), str(bare), cwd=tmp_path)
    group = tmp_path / "group"
    sh("git", "clone", "-q", str(bare), str(group), cwd=tmp_path)
    return bare, group


@needs_git
def test_a_synced_library_brings_a_moved_deadline(root, remote):
    bare, group = remote
    assert invoke("library", "add", str(bare)).exit_code == 0
    rows = {r["id"]: r for r in json.loads(invoke("consultations", "--format", "json").output)["consultations"]}
    assert rows["shared-call"]["library"] == "shared"
    assert rows["shared-call"]["deadline"] == (NOW + dt.timedelta(days=20)).isoformat()
    moved = NOW + dt.timedelta(days=34)
    data = call(deadline=moved, deadline_history=[{"deadline": (NOW + dt.timedelta(days=20)).isoformat(), "changed": NOW.date().isoformat()}])
    (group / "consultations" / "shared-call.yaml").write_text(dump(data), encoding="utf-8")
    sh("git", "commit", "-qam", "extended", cwd=group)
    sh("git", "push", "-q", "origin", "main", cwd=group)
    synced = invoke("library", "sync")
    assert synced.exit_code == 0, synced.output
    rows = {r["id"]: r for r in json.loads(invoke("consultations", "--format", "json").output)["consultations"]}
    assert rows["shared-call"]["deadline"] == moved.isoformat() and rows["shared-call"]["deadline_moved"] is True
    assert "shared-call" in invoke("consultations").output


# --------------------------------------------------------------------------- the deadlines as iCalendar

CONTENT_LINE = re.compile(r"^(?P<name>[A-Za-z0-9-]+)(?P<params>(;[A-Za-z0-9-]+=[^;:,\"]*)*):(?P<value>[^\x00-\x08\x0a-\x1f\x7f]*)$")
"""RFC 5545 3.1 content line (unfolded), parameters without quoted values (drafter writes none)."""


def parse_ics(data: bytes) -> list[tuple[str, str]]:
    """A strict reading of an iCalendar file: CRLF line ends only, physical lines of at most 75
    octets, folding undone, each line a valid content line, BEGIN/END balanced. Returns (name, value)."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    assert all(b"\r" not in line and b"\n" not in line for line in physical), "a bare CR or LF"
    assert all(len(line) <= 75 for line in physical), [line for line in physical if len(line) > 75]
    logical: list[bytes] = []
    for line in physical:
        if line.startswith(b" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    out: list[tuple[str, str]] = []
    stack: list[str] = []
    for raw in logical:
        text = raw.decode("utf-8")  # a fold that split a UTF-8 sequence would fail here
        m = CONTENT_LINE.match(text)
        assert m, text
        name, value = m["name"].upper(), m["value"]
        if name == "BEGIN":
            stack.append(value)
        elif name == "END":
            assert stack and stack.pop() == value
        out.append((name, value))
    assert stack == []
    return out


def unescape(value: str) -> str:
    assert re.fullmatch(r"(?:[^\\;,]|\\[\\;,nN])*", value), f"unescaped special character in {value!r}"
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def events(props: list[tuple[str, str]]) -> list[dict[str, str]]:
    """The properties of each VEVENT (the VALARM's left out)."""
    out: list[dict[str, str]] = []
    depth = None
    for name, value in props:
        if (name, value) == ("BEGIN", "VEVENT"):
            out.append({})
            depth = "event"
        elif (name, value) == ("BEGIN", "VALARM"):
            depth = "alarm"
        elif (name, value) == ("END", "VALARM"):
            depth = "event"
        elif (name, value) == ("END", "VEVENT"):
            depth = None
        elif depth == "event":
            assert name not in out[-1], f"{name} twice"
            out[-1][name] = value
    return out


TRICKY = "Call for input; part 2, \"zero draft\" \\ review\nsecond line — Überprüfung ünd 漢字 " + "long " * 12


def test_ics_file_parses_back_with_every_property(root):
    (root / "consultations" / "tricky.yaml").write_text(
        dump(call("tricky", title=TRICKY, url="https://example.org/a,b;c?x=1&y=2", deadline=NOW + dt.timedelta(days=3))),
        encoding="utf-8",
    )
    result = invoke("consultations", "--ics", "deadlines.ics")
    assert result.exit_code == 0, result.output
    assert "Wrote 2 deadlines to deadlines.ics" in result.output
    props = parse_ics((root / "deadlines.ics").read_bytes())
    head = dict(props[:6])
    assert head["VERSION"] == "2.0" and head["PRODID"].startswith("-//drafter//")
    first, second = events(props)  # soonest first, as listed
    assert first["UID"] == "tricky@drafter" and second["UID"] == "c1@drafter"
    assert unescape(first["SUMMARY"]) == "Deadline: " + TRICKY
    assert first["DTSTART"] == (NOW + dt.timedelta(days=3)).strftime("%Y%m%dT%H%M%SZ")
    assert first["DTSTAMP"] == "20261128T120000Z" and "DTEND" not in first  # a zero-length event at the deadline
    assert first["URL"] == "https://example.org/a,b;c?x=1&y=2"
    description = unescape(first["DESCRIPTION"])
    assert "Organiser: Coordination group" in description
    assert "URL: https://example.org/a,b;c?x=1&y=2" in description
    assert "3 days 0 h left (as of 2026-11-28 12:00 UTC)" in description
    assert second["SEQUENCE"] == "0" and "URL" not in second


def test_ics_escapes_and_folds():
    assert escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape_text("bell\x07 and\x1b[2J escape") == "bell and[2J escape"
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    assert folded.endswith("\r\n")
    parts = folded[:-2].split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts) and all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line
    assert fold("SHORT:x") == "SHORT:x\r\n"
    assert len(fold("X:" + "a" * 73)) == 75 + 2  # exactly 75 octets: not folded


def test_ics_cannot_be_injected_through_a_url_or_title(root):
    (root / "consultations" / "bad.yaml").write_text(
        dump(call("bad", title="x\r\nATTACH:http://evil.example/\r\nX", url="https://a.example/\r\nATTACH:http://evil.example/")),
        encoding="utf-8",
    )
    assert invoke("consultations", "--ics", "d.ics").exit_code == 0
    props = parse_ics((root / "d.ics").read_bytes())
    assert "ATTACH" not in [name for name, _ in props]
    bad = next(e for e in events(props) if e["UID"] == "bad@drafter")
    assert "URL" not in bad  # not a URL a calendar could take as it is


def test_ics_is_stable_for_a_fixed_clock(root, monkeypatch):
    assert invoke("consultations", "--ics", "a.ics").exit_code == 0
    assert invoke("consultations", "--ics", "b.ics").exit_code == 0
    assert (root / "a.ics").read_bytes() == (root / "b.ics").read_bytes()
    monkeypatch.setenv("DRAFTER_NOW", (NOW + dt.timedelta(hours=1)).isoformat())
    assert invoke("consultations", "--ics", "c.ics").exit_code == 0
    later = events(parse_ics((root / "c.ics").read_bytes()))[0]
    assert later["UID"] == "c1@drafter" and later["DTSTAMP"] == "20261128T130000Z"
    model = load(root).consultations["c1"].model
    assert deadlines_calendar([model], NOW) == (root / "a.ics").read_bytes().decode()


def test_ics_with_json_keeps_stdout_json_and_a_moved_deadline_is_a_new_sequence(root):
    moved = call("moved", deadline_history=[{"deadline": (NOW + dt.timedelta(days=2)).isoformat()}])
    (root / "consultations" / "moved.yaml").write_text(dump(moved), encoding="utf-8")
    result = CliRunner().invoke(cli, ["consultations", "--format", "json", "--ics", "d.ics"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["consultations"]
    event = next(e for e in events(parse_ics((root / "d.ics").read_bytes())) if e["UID"] == "moved@drafter")
    assert event["SEQUENCE"] == "1" and "Deadline moved" in unescape(event["DESCRIPTION"])


def test_ics_that_cannot_be_written_is_a_one_line_error(root):
    (root / "out").mkdir()
    assert invoke("consultations", "--ics", "out").exit_code == 2  # a folder: click refuses it
    result = invoke("consultations", "--ics", "missing/d.ics")
    assert result.exit_code == 2 and "drafter: error: missing/d.ics: cannot write the calendar" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    os.mkfifo(root / "fifo.ics")
    refused = invoke("consultations", "--ics", "fifo.ics")
    assert refused.exit_code == 2 and "not a regular file" in refused.output


def test_calendar_of_no_consultations_is_still_a_calendar():
    props = parse_ics(deadlines_calendar([], NOW).encode())
    assert props[0] == ("BEGIN", "VCALENDAR") and events(props) == []
    assert Consultation  # the module takes models


# --------------------------------------------------------------------------- respondent profile


PROFILE = """\
libraries:
  - path: positions
respondent:
  name: Ada Lovelace
  organisation: Example Registry
  email: ""
  consent_to_publish: false
  membership: ISOC-123
"""


def test_new_draft_takes_the_respondent_profile(root):
    (root / "drafter.yaml").write_text(PROFILE, encoding="utf-8")
    result = invoke("new", "c1", "-o", "drafts/new.yaml")
    assert result.exit_code == 0, result.output
    text = (root / "drafts" / "new.yaml").read_text(encoding="utf-8")
    from drafter.yamlio import read_yaml_text

    data = read_yaml_text(text).data
    assert data["respondent"] == {
        "name": "Ada Lovelace",
        "role": None,
        "organisation": "Example Registry",
        "stakeholder_group": None,
        "country": None,
        "region": None,
        "email": None,  # an empty profile field stays an empty field
        "capacity": None,
        "consent_to_publish": False,
        "membership": "ISOC-123",
    }
    assert "respondent:  # filled from the respondent profile in drafter.yaml" in text
    checked = invoke("check", "drafts/new.yaml", "--format", "json")
    codes = {(f["code"], f["message"]) for f in json.loads(checked.output)["findings"]}
    assert not any(code == "respondent-missing" for code, _ in codes)


def test_new_draft_without_a_profile_or_an_earlier_draft_lists_empty_fields(root):
    for earlier in (root / "drafts").glob("*.yaml"):
        earlier.unlink()
    assert invoke("new", "c1", "-o", "drafts/new.yaml").exit_code == 0
    text = (root / "drafts" / "new.yaml").read_text(encoding="utf-8")
    assert "name:\n" in text and "organisation:\n" in text and "profile" not in text


def test_the_ui_path_takes_the_profile_too(root):
    from drafter.ops.workspace import find_consultation, new_draft

    (root / "drafter.yaml").write_text(PROFILE, encoding="utf-8")
    lw = load(root)
    path = new_draft(lw, find_consultation(lw, "c1"), NOW.date())
    assert "name: Ada Lovelace" in path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- init, lint, library add


def test_init_makes_a_workspace_that_passes_its_own_lint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "ws").exit_code == 0
    config = (tmp_path / "ws" / "drafter.yaml").read_text(encoding="utf-8")
    assert "libraries: []" in config and "drafter library add" in config
    assert (tmp_path / "ws" / "positions").is_dir()
    monkeypatch.chdir(tmp_path / "ws")
    result = invoke("lint")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_init_sample_lists_its_library_even_after_a_plain_init(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "ws").exit_code == 0
    assert invoke("init", "ws", "--sample").exit_code == 0
    config = (tmp_path / "ws" / "drafter.yaml").read_text(encoding="utf-8")
    assert "  - path: positions" in config and "# drafter workspace" in config
    monkeypatch.chdir(tmp_path / "ws")
    monkeypatch.setenv("DRAFTER_NOW", "2026-11-28T12:00:00+00:00")
    result = invoke("lint")  # (a closed call kept as an example is not a malformed file)
    assert result.exit_code == 0 and "0 errors, " in result.output, result.output


@needs_git
def test_init_then_library_add_lists_only_the_added_library(tmp_path, monkeypatch, remote):
    bare, _ = remote
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "ws").exit_code == 0
    monkeypatch.chdir(tmp_path / "ws")
    added = invoke("library", "add", str(bare))
    assert added.exit_code == 0, added.output
    from drafter.yamlio import load_model

    config, findings = load_model(tmp_path / "ws" / "drafter.yaml", KINDS["workspace"])
    assert findings == [] and config is not None
    assert [lib.path for lib in config.libraries] == ["libraries/shared"]
    text = (tmp_path / "ws" / "drafter.yaml").read_text(encoding="utf-8")
    assert "libraries: [" not in text and "# drafter workspace" in text
    result = invoke("lint")
    assert result.exit_code == 0, result.output


@needs_git
@pytest.mark.parametrize(
    ("config", "own", "expected"),
    [
        (None, True, ["positions", "libraries/shared"]),  # no drafter.yaml: the default layout is kept
        (None, False, ["libraries/shared"]),
        ("drafts: drafts\n", True, ["positions", "libraries/shared"]),  # no `libraries` key: the default
        ("drafts: drafts\n", False, ["libraries/shared"]),
        ("libraries: []\n", True, ["libraries/shared"]),  # an explicit empty list is respected
        ("libraries:\n", False, ["libraries/shared"]),
        ("libraries:\n  - path: mine\n", True, ["mine", "libraries/shared"]),
    ],
)
def test_library_add_keeps_positions_only_where_it_belongs(tmp_path, monkeypatch, remote, config, own, expected):
    bare, _ = remote
    ws = tmp_path / "ws"
    ws.mkdir()
    if own:
        (ws / "positions").mkdir()
        (ws / "positions" / "library.yaml").write_text("name: Own\nnamespace: own\n", encoding="utf-8")
    if config is not None:
        (ws / "drafter.yaml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(ws)
    added = invoke("library", "add", str(bare))
    assert added.exit_code == 0, added.output
    from drafter.yamlio import read_yaml

    data = read_yaml(ws / "drafter.yaml").data
    assert [lib["path"] for lib in data["libraries"]] == expected


@needs_git
def test_library_add_refuses_a_libraries_key_that_is_not_a_list_before_cloning(tmp_path, monkeypatch, remote):
    bare, _ = remote
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "drafter.yaml").write_text("libraries: positions\n", encoding="utf-8")
    monkeypatch.chdir(ws)
    result = invoke("library", "add", str(bare))
    assert result.exit_code != 0 and "`libraries` is not a list" in result.output
    assert not (ws / "libraries").exists() or not any((ws / "libraries").iterdir())
    assert (ws / "drafter.yaml").read_text(encoding="utf-8") == "libraries: positions\n"


# --------------------------------------------------------------------------- the formats reference

DOCS = Path(__file__).parent.parent / "docs" / "formats.md"


def test_docs_formats_is_generated_from_the_models():
    """docs/formats.md is `drafter schema --markdown`: regenerate it after changing drafter/model/."""
    from drafter.schema.reference import formats_markdown

    assert DOCS.read_text(encoding="utf-8") == formats_markdown()
    result = CliRunner().invoke(cli, ["schema", "--markdown"])
    assert result.exit_code == 0 and result.output == formats_markdown()


def test_every_example_validates_against_its_model():
    from drafter.schema.examples import EXAMPLES
    from drafter.yamlio import read_yaml_text, validate

    assert set(EXAMPLES) == set(KINDS)
    for kind, text in EXAMPLES.items():
        model, findings = validate(read_yaml_text(text, display=f"{kind} example"), KINDS[kind])
        assert findings == [] and model is not None, (kind, findings)


def test_the_examples_fit_together():
    """The example draft answers the example consultation with the example block's library."""
    from drafter.questionnaire import build
    from drafter.schema.examples import EXAMPLES
    from drafter.yamlio import read_yaml_text

    data = {kind: read_yaml_text(text).data for kind, text in EXAMPLES.items()}
    consultation = Consultation.model_validate(data["consultation"])
    assert set(data["draft"]["answers"]) <= {t.id for t in build(consultation).targets}
    themes = {t["id"] for t in data["library"]["themes"]}
    assert set(data["block"]["themes"]) <= themes
    assert data["draft"]["answers"]["1.1"][0]["block"] == f"{data['library']['namespace']}/{data['block']['id']}"


def test_every_model_and_key_is_documented():
    from pydantic import BaseModel

    from drafter import model as models
    from drafter.schema import field_docs
    from drafter.schema.reference import formats_markdown

    text = formats_markdown()
    classes = [c for c in vars(models).values() if isinstance(c, type) and issubclass(c, BaseModel) and c.__module__ == models.__name__]
    for cls in classes:
        if cls is models.Strict:
            continue
        documented = cls in KINDS.values() or f"\n### {cls.__name__}\n" in text
        assert documented, cls.__name__
        for name, info in cls.model_fields.items():
            assert f"| `{info.alias or name}` |" in text, (cls.__name__, name)
            assert field_docs()[cls.__name__].get(name), f"{cls.__name__}.{name} has no docstring"


def test_markdown_for_one_kind_and_no_output_folder():
    result = CliRunner().invoke(cli, ["schema", "workspace", "--markdown"])
    assert result.exit_code == 0
    assert "## Workspace" in result.output and "## Position block" not in result.output
    assert "### LibraryRef" in result.output and "### Respondent" in result.output
    assert CliRunner().invoke(cli, ["schema", "--markdown", "-o", os.devnull]).exit_code == 2
