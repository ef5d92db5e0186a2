"""Shared libraries against real git repositories made in a temporary folder.

Upstream is a bare repository; one clone plays the other organisation (it commits and pushes),
the workspace adds the library with `drafter library add` and syncs it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli

from .wsbuilder import NOW, baseline, dump, write

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git missing")

BODY_V1 = "Open standards keep the Internet interoperable.\n\nThey let {{ respondent.organisation }} build on shared rules.\n"
BODY_V2 = "Open standards keep the Internet interoperable and secure.\n\nThey let {{ respondent.organisation }} build on shared rules.\n"


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


def block(body: str, reviewed: str = "2026-11-01") -> dict:
    return {"id": "open-standards", "title": "Open standards", "themes": ["alpha"], "body": body, "owner": "Standards WG", "reviewed": reviewed}


@pytest.fixture
def upstream(tmp_path, git_env):
    """A bare remote holding a library, and a working clone ("the other organisation")."""
    src = tmp_path / "src"
    (src / "blocks").mkdir(parents=True)
    (src / "library.yaml").write_text(
        "name: Shared\nnamespace: shared\nthemes:\n  - id: alpha\n    label: Alpha\n", encoding="utf-8"
    )
    (src / "blocks" / "open-standards.yaml").write_text(dump(block(BODY_V1)), encoding="utf-8")
    sh("git", "init", "-q", "-b", "main", cwd=src)
    sh("git", "add", ".", cwd=src)
    sh("git", "commit", "-q", "-m", "v1", cwd=src)
    remote = tmp_path / "remote.git"
    sh("git", "clone", "-q", "--bare", str(src), str(remote), cwd=tmp_path)
    other = tmp_path / "other-org"
    sh("git", "clone", "-q", str(remote), str(other), cwd=tmp_path)
    return remote, other


@pytest.fixture
def ws(tmp_path, upstream, monkeypatch):
    remote, _ = upstream
    root = tmp_path / "ws"
    root.mkdir()
    spec = baseline()
    draft = write(root, spec)
    (root / "drafter.yaml").write_text(
        "# our workspace\nlibraries:\n  - path: positions  # our own blocks\nconsultations:\n  - consultations\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    runner = CliRunner()
    result = runner.invoke(cli, ["library", "add", str(remote), "--namespace", "shared"])
    assert result.exit_code == 0, result.output
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        "# Our response: keep this comment\n" + text + "    - block: shared/open-standards  # the shared block\n",
        encoding="utf-8",
    )
    return root, draft, runner


def push_change(other: Path, body: str) -> None:
    (other / "blocks" / "open-standards.yaml").write_text(dump(block(body)), encoding="utf-8")
    sh("git", "commit", "-qam", "v2", cwd=other)
    sh("git", "push", "-q", "origin", "main", cwd=other)


def codes(runner, draft) -> list[str]:
    result = runner.invoke(cli, ["check", str(draft), "--format", "json"])
    import json

    return [f["code"] for f in json.loads(result.output)["findings"]]


def test_add_records_library_and_keeps_comments(ws):
    root, _, runner = ws
    config = (root / "drafter.yaml").read_text()
    assert "# our workspace" in config and "# our own blocks" in config
    assert "source:" in config and "commit:" in config and "path: libraries/shared" in config
    assert (root / "libraries" / "shared" / "library.yaml").is_file()
    listing = runner.invoke(cli, ["library", "list"])
    (shared,) = [line for line in listing.output.splitlines() if line.startswith("shared ")]
    assert re.search(r"\b1 block\b", shared) and "1 blocks" not in listing.output


def test_sync_update_cycle(ws, upstream):
    root, draft, runner = ws
    _, other = upstream
    pinned = runner.invoke(cli, ["update", str(draft), "--all"])
    assert pinned.exit_code == 0 and "1.3: shared/open-standards pinned" in pinned.output
    assert "block-changed" not in codes(runner, draft)

    push_change(other, BODY_V2)
    synced = runner.invoke(cli, ["library", "sync"])
    assert synced.exit_code == 0, synced.output
    assert "updated" in synced.output and "changed: open-standards" in synced.output
    assert "affects drafts/d.yaml: shared/open-standards" in synced.output

    assert "block-changed" in codes(runner, draft)
    listing = runner.invoke(cli, ["library", "list"])
    assert "changed since pinned in drafts/d.yaml: shared/open-standards" in listing.output
    shown = runner.invoke(cli, ["diff", str(draft)])
    assert "-Open standards keep the Internet interoperable." in shown.output
    assert "+Open standards keep the Internet interoperable and secure." in shown.output

    before = draft.read_text()
    done = runner.invoke(cli, ["update", str(draft), "--block", "shared/open-standards"])
    assert done.exit_code == 0, done.output
    after = draft.read_text()
    assert "block-changed" not in codes(runner, draft)
    assert "changed since pinned" not in runner.invoke(cli, ["library", "list"]).output
    assert "# Our response: keep this comment" in after and "# the shared block" in after
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 1 and "pinned:" in changed[0][1]


def test_diff_falls_back_to_git_history(ws, upstream):
    root, draft, runner = ws
    _, other = upstream
    runner.invoke(cli, ["update", str(draft), "--all"])
    push_change(other, BODY_V2)
    runner.invoke(cli, ["library", "sync"])
    for pin in (root / ".drafter" / "pins").glob("*.json"):
        pin.unlink()
    shown = runner.invoke(cli, ["diff", str(draft), "1.3"])
    assert "(git history)" in shown.output
    assert "+Open standards keep the Internet interoperable and secure." in shown.output


def test_sync_refuses_dirty_clone_and_keeps_changes(ws, upstream):
    root, _, runner = ws
    _, other = upstream
    push_change(other, BODY_V2)
    local = root / "libraries" / "shared" / "blocks" / "open-standards.yaml"
    local.write_text(local.read_text() + "# my local edit\n")
    result = runner.invoke(cli, ["library", "sync"])
    assert result.exit_code == 1
    assert "dirty" in result.output
    assert local.read_text().endswith("# my local edit\n")


def test_sync_refuses_diverged_clone(ws, upstream):
    root, _, runner = ws
    _, other = upstream
    push_change(other, BODY_V2)
    clone = root / "libraries" / "shared"
    (clone / "NOTES.md").write_text("local\n")
    sh("git", "add", ".", cwd=clone)
    sh("git", "commit", "-qm", "local", cwd=clone)
    head = sh("git", "rev-parse", "HEAD", cwd=clone)
    result = runner.invoke(cli, ["library", "sync", "shared"])
    assert result.exit_code == 1 and "diverged" in result.output
    assert sh("git", "rev-parse", "HEAD", cwd=clone) == head


def test_stale_and_review(ws):
    root, _, runner = ws
    path = root / "libraries" / "shared" / "blocks" / "open-standards.yaml"
    path.write_text("# keep me\n" + dump(block(BODY_V1, reviewed="2025-01-01")))
    listing = runner.invoke(cli, ["stale", "--owner", "standards"])
    assert listing.exit_code == 0, listing.output
    # The owner, then its one due block: the shortest unambiguous ref (the only library with that id,
    # so no "shared/" prefix), reviewed + 180 days as due, the one draft using it, and its file.
    owner, row, *rest = listing.output.splitlines()
    assert owner == "Standards WG"
    assert row == f"  {'open-standards':<36} reviewed 2025-01-01, due 2025-06-30; used by 1 draft  (libraries/shared/blocks/open-standards.yaml)"
    assert rest == []
    before = path.read_text()
    result = runner.invoke(cli, ["review", "open-standards"])
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after.startswith("# keep me\n")
    diff = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert diff == [("reviewed: '2025-01-01'", "reviewed: 2026-11-28")] or diff == [("reviewed: 2025-01-01", "reviewed: 2026-11-28")]
    assert "open-standards" not in runner.invoke(cli, ["stale"]).output


def test_library_add_rejects_non_library(tmp_path, git_env, monkeypatch):
    repo = tmp_path / "plain"
    repo.mkdir()
    (repo / "README.md").write_text("hi\n")
    sh("git", "init", "-q", cwd=repo)
    sh("git", "add", ".", cwd=repo)
    sh("git", "commit", "-qm", "x", cwd=repo)
    ws = tmp_path / "ws"
    ws.mkdir()
    monkeypatch.chdir(ws)
    result = CliRunner().invoke(cli, ["library", "add", str(repo)])
    assert result.exit_code == 2 and "not a drafter library" in result.output
    assert not (ws / "libraries" / "plain").exists()


def test_review_unknown_block_is_one_clear_line(ws):
    _, _, runner = ws
    result = runner.invoke(cli, ["review", "nope"])
    assert result.exit_code == 2
    assert "no library has a block 'nope'" in result.output
