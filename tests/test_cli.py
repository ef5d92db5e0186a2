"""The command line: exit codes, output formats, colour rules, and the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.findings import CODES

from .wsbuilder import NOW, baseline, write

ENV = {"DRAFTER_NOW": NOW.isoformat()}


def script() -> str:
    """The installed console script next to this interpreter (as a user runs it)."""
    found = Path(sys.executable).parent / "drafter"
    if found.exists():
        return str(found)
    which = shutil.which("drafter")
    if not which:
        pytest.skip("drafter console script is not installed")
    return which


def run_script(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, **ENV, **(env or {})}
    full.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
    return subprocess.run([script(), *args], cwd=cwd, capture_output=True, text=True, env=full, timeout=120)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def clean_ws(tmp_path, monkeypatch):
    draft = write(tmp_path, baseline())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    return draft


def test_check_clean_exits_0(runner, clean_ws):
    result = runner.invoke(cli, ["check", str(clean_ws)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].endswith("0 errors, 0 warnings, 0 info")


def test_check_errors_exit_1_compiler_style(runner, tmp_path, monkeypatch):
    spec = baseline()
    spec["consultation"]["sections"][0]["questions"][0]["limit"] = {"words": 5}
    draft = write(tmp_path, spec)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    result = runner.invoke(cli, ["check", str(draft)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    line = next(x for x in lines if "over-limit" in x)
    assert line.startswith("drafts/d.yaml:")
    assert "error[over-limit] 1.1: answer is 9 words, limit 5 (4 over)" in line
    assert lines[lines.index(line) + 1].startswith("  hint: ")
    assert "1 error" in lines[-1]


def test_check_strict_fails_on_warnings(runner, tmp_path, monkeypatch):
    spec = baseline()
    spec["blocks"]["one"]["reviewed"] = "2020-01-01"
    draft = write(tmp_path, spec)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    assert runner.invoke(cli, ["check", str(draft)]).exit_code == 0
    assert runner.invoke(cli, ["check", str(draft), "--strict"]).exit_code == 1


def test_check_json(runner, clean_ws):
    result = runner.invoke(cli, ["check", str(clean_ws), "--format", "json"])
    doc = json.loads(result.output)
    assert doc["summary"] == {"error": 0, "warning": 0, "info": 0}
    assert doc["findings"] == []


def test_check_unusable_draft_exits_2(runner, tmp_path, monkeypatch):
    write(tmp_path, baseline())
    bad = tmp_path / "drafts" / "bad.yaml"
    bad.write_text("consultation: c1\nanswers: [unclosed\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["check", str(bad)])
    assert result.exit_code == 2
    assert "drafts/bad.yaml:" in result.output and "error[yaml]" in result.output


def test_check_unknown_consultation_exits_2(runner, tmp_path, monkeypatch):
    write(tmp_path, baseline())
    other = tmp_path / "drafts" / "other.yaml"
    other.write_text("consultation: nowhere\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["check", str(other)])
    assert result.exit_code == 2
    assert "drafts/other.yaml:1:15" in result.output and "nowhere" in result.output


def test_missing_file_exits_2(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["check", "nope.yaml"])
    assert result.exit_code == 2
    assert "nope.yaml" in result.output


def test_rules_lists_every_code(runner):
    result = runner.invoke(cli, ["rules"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.splitlines()}
    assert listed == set(CODES)


def test_schema_all_kinds(runner, tmp_path):
    result = runner.invoke(cli, ["schema"])
    docs = json.loads(result.output)
    assert set(docs) == {"block", "library", "consultation", "draft", "workspace"}
    assert docs["block"]["properties"]["summary"]["description"].startswith("One or two sentences")
    assert docs["block"]["additionalProperties"] is False
    result = runner.invoke(cli, ["schema", "draft", "-o", str(tmp_path / "s")])
    assert (tmp_path / "s" / "draft.json").is_file()


def test_new_lists_every_question_and_never_overwrites(runner, clean_ws, tmp_path):
    out = tmp_path / "drafts" / "new.yaml"
    result = runner.invoke(cli, ["new", "c1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    for qid in ("1.1", "1.2", "1.3"):
        assert f"'{qid}': []" in text
    assert "# Response to: Test consultation" in text
    assert "\n# Deadline on 2026-" in text  # (a dated note: the deadline may move after the draft starts)
    again = runner.invoke(cli, ["new", "c1", "-o", str(out)])
    assert again.exit_code == 2 and "already exists" in again.output
    check = runner.invoke(cli, ["check", str(out)])
    assert "error[unanswered] 1.1" in check.output
    # the respondent comes from the workspace's most recent draft, as in the UI, and `new` says so
    assert "(with the respondent of drafts/" in result.output and "error[respondent-missing]" not in check.output


def test_init_and_consultations(runner, tmp_path, monkeypatch):
    from ruamel.yaml import YAML

    ws = tmp_path / "ws"
    result = runner.invoke(cli, ["init", str(ws), "--sample"])
    assert result.exit_code == 0, result.output
    assert (ws / "drafter.yaml").is_file() and (ws / ".drafter" / "schema" / "block.json").is_file()
    monkeypatch.chdir(ws)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    listing = runner.invoke(cli, ["consultations", "--format", "json"])
    rows = json.loads(listing.output)["consultations"]
    # the sample's past calls, kept as examples of their shapes, are listed as closed
    past = {"icann-dns-abuse-amendments", "igf-2018-taking-stock"}
    assert {r["id"] for r in rows if r["seconds_left"] <= 0} == past
    assert rows and all(r["seconds_left"] > 0 for r in rows if r["id"] not in past)
    assert any(r["deadline_moved"] for r in rows)
    blocks = runner.invoke(cli, ["blocks", "--theme", "dns-abuse", "--format", "json"])
    refs = json.loads(blocks.output)["blocks"]
    assert refs and all("dns-abuse" in b["themes"] for b in refs)
    # --query keeps the blocks whose title, summary, body, short, tags, themes, id or translations
    # hold every word (case-insensitive); work the expected set out from the sample block files themselves.
    words = ("internet", "governance", "forum")
    files = sorted((ws / "positions" / "blocks").glob("*.yaml"))
    expected = set()
    for file in files:
        data = YAML(typ="safe").load(file.read_text(encoding="utf-8"))
        fields = [data["title"], data.get("summary") or "", data["body"], data.get("short") or "", *data.get("tags", []), *data["themes"], data["id"]]
        fields += [v or "" for tr in (data.get("translations") or {}).values() for v in (tr.get("title"), tr["body"], tr.get("short"))]
        text = "\n".join(map(str, fields)).lower()
        if all(w in text for w in words):
            expected.add(data["id"])
    assert 1 < len(expected) < len(files)  # the query selects some blocks, not all and not none
    as_json = runner.invoke(cli, ["blocks", "--query", " ".join(words), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert {b["ref"] for b in json.loads(as_json.output)["blocks"]} == expected
    found = runner.invoke(cli, ["blocks", "--query", " ".join(words)])
    assert found.exit_code == 0, found.output
    header, *listed, last = found.output.splitlines()
    assert header.split()[0] == "block"
    assert sorted(row.split()[0] for row in listed) == sorted(expected)
    assert last == f"{len(expected)} blocks"


def test_demo_copies_sample_without_touching_package(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = runner.invoke(cli, ["demo", "--no-ui"])
    assert result.exit_code == 0, result.output
    folder = Path(result.output.split("copied to ")[1].split()[0])
    assert folder.is_relative_to(tmp_path)
    assert (folder / "drafts" / "example-response.yaml").is_file()


# ------------------------------------------------------------------ the installed console script


def test_script_version_and_help(tmp_path):
    out = run_script("--version", cwd=tmp_path)
    assert out.returncode == 0 and "drafter" in out.stdout
    for command in ("check", "lint", "new", "init", "demo", "blocks", "consultations", "rules", "schema", "render"):
        res = run_script(command, "--help", cwd=tmp_path)
        assert res.returncode == 0, (command, res.stderr)
        assert "Usage:" in res.stdout


def test_script_exit_codes_and_no_colour(tmp_path):
    draft = write(tmp_path, baseline())
    ok = run_script("check", str(draft), cwd=tmp_path, env={"NO_COLOR": "1"})
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "\033[" not in ok.stdout
    bad = tmp_path / "drafts" / "bad.yaml"
    bad.write_text("consultation: c1\nanswers:\n\t'1.1': []\n")
    res = run_script("check", str(bad), cwd=tmp_path, env={"NO_COLOR": "1"})
    assert res.returncode == 2
    assert "Traceback" not in res.stderr + res.stdout
    assert "drafts/bad.yaml:3:1" in res.stderr


def test_script_no_colour_when_piped(tmp_path):
    spec = baseline()
    spec["draft"]["answers"].pop("1.1")
    draft = write(tmp_path, spec)
    res = run_script("check", str(draft), cwd=tmp_path)
    assert res.returncode == 1
    assert "\033[" not in res.stdout  # not a terminal: never colour


def test_lint_library_repository_json_is_stable(runner, tmp_path, monkeypatch):
    """A library repository's CI runs `drafter lint --format json .`; its shape is a contract."""
    write(tmp_path, baseline())
    lib = tmp_path / "positions"
    (lib / "blocks" / "bad.yaml").write_text("id: Bad_Id\ntitle: x\nthemes: [alpha]\nbody: y\n", encoding="utf-8")
    monkeypatch.chdir(lib)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    result = runner.invoke(cli, ["lint", "--format", "json", "."])
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert set(doc) == {"findings", "summary"}
    (f,) = doc["findings"]
    assert f == {
        "severity": "error",
        "code": "schema",
        "message": "'id' 'Bad_Id' is not valid: use lower-case letters, digits and '-', starting with a letter or digit",
        "hint": None,
        "file": "blocks/bad.yaml",
        "line": 1,
        "column": 5,
        "question": None,
        "block": None,
    }
    assert doc["summary"] == {"error": 1, "warning": 0, "info": 0}


def test_pre_commit_hooks_file_names_lint():
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    ids = {h["id"]: h for h in hooks}
    assert ids["drafter-lint"]["entry"].startswith("drafter lint")
    assert ids["drafter-lint"]["pass_filenames"] is False


def test_lint_checks_files_and_leaves_readiness_to_check(runner, tmp_path, monkeypatch):
    """A draft with unanswered questions is a well-formed file: lint passes, check fails."""
    spec = baseline()
    spec["draft"]["answers"].pop("1.1")
    draft = write(tmp_path, spec)
    broken = tmp_path / "drafts" / "broken.yaml"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    assert runner.invoke(cli, ["lint"]).exit_code == 0
    assert runner.invoke(cli, ["check", str(draft)]).exit_code == 1
    broken.write_text("consultation: c1\nanswers: {'1.1': [{blok: x}]}\n")
    result = runner.invoke(cli, ["lint"])
    assert result.exit_code == 1 and "drafts/broken.yaml:2:" in result.output


def test_check_names_the_broken_consultation_file(runner, tmp_path, monkeypatch):
    draft = write(tmp_path, baseline())
    (tmp_path / "consultations" / "c1.yaml").write_text("id: c1\ntitle: [unclosed\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["check", str(draft)])
    assert result.exit_code == 2
    assert "consultation 'c1' not found" in result.output
    # the flow list opened on line 2 is still unclosed at the end of the file (line 3, column 1)
    assert [line for line in result.output.splitlines() if line.startswith("consultations/c1.yaml")] == [
        "consultations/c1.yaml:3:1: error[yaml] did not find expected ',' or ']', in the […] list that starts at line 2, column 8"
    ]


def test_lint_paths_select_files_from_any_folder(runner, tmp_path, monkeypatch):
    """`drafter lint ws/consultations` run from outside the workspace reports only that folder."""
    ws = tmp_path / "ws"
    ws.mkdir()
    write(ws, baseline())
    (ws / "consultations" / "c2.yaml").write_text("id: c2\ntitle: [unclosed\n")
    (ws / "positions" / "blocks" / "bad.yaml").write_text("id: bad\ntitel: x\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    result = runner.invoke(cli, ["lint", "ws/consultations"])
    assert result.exit_code == 1
    assert "ws/consultations/c2.yaml:" in result.output
    assert "bad.yaml" not in result.output


def test_a_file_outside_the_current_folder_is_named_by_its_whole_path(runner, clean_ws, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "notes.yaml"
    elsewhere.write_text("just a line\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(elsewhere)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{elsewhere.resolve()}:1:1: error[schema]"), result.output  # (it was "notes.yaml:1:1")
