"""A library cloned from another organisation is hostile until proven otherwise.

Each test plants one attack in a workspace's library (or consultation, or command line), runs what a
user runs, and asserts the finding or refusal — and that nothing outside the library changed. Hang
guards are pytest-timeout marks, never timed assertions. (Template attacks are in
test_sandbox_hostile.py, link attacks in test_render_links.py.)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.loaded import LoadedWorkspace
from drafter.ops.check import run_check, run_lint
from drafter.workspace import Workspace

from .wsbuilder import NOW, baseline, dump, write

pytestmark = pytest.mark.timeout(60)

SECRET = "TOP SECRET: the text of a file outside the library"


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its content (links as their target)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            out[rel] = "-> " + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif not p.is_dir():
            out[rel] = f"special {p.stat().st_mode:o}"
    return out


@pytest.fixture
def setup(tmp_path):
    """A workspace (`ws`) beside a folder of the user's own (`outside`) that no library may reach."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(
        dump({"id": "stolen", "title": "Stolen", "themes": ["alpha"], "body": SECRET}), encoding="utf-8"
    )
    (outside / "secret.docx").write_bytes(b"PK not really a docx")
    ws = tmp_path / "ws"
    ws.mkdir()
    draft = write(ws, baseline())
    return ws, draft, outside, tree(outside)


def lint(ws: Path):
    return run_lint(LoadedWorkspace.load(Workspace.open(ws), cache=False), [], NOW)


def check(ws: Path, draft: Path):
    return run_check(LoadedWorkspace.load(Workspace.open(ws), cache=False), draft, NOW).findings


def cli_in(ws: Path, *args: str):
    env = {**os.environ, "DRAFTER_NOW": NOW.isoformat(), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ws, env=env, capture_output=True, text=True, timeout=120)


def set_library(ws: Path, **changes) -> None:
    spec = baseline()["library"]
    spec.update(changes)
    (ws / "positions" / "library.yaml").write_text(dump(spec), encoding="utf-8")


# ------------------------------------------------------------------ hangs


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"(x+x+)+y", r"^(a|a?)+$"])
def test_a_catastrophic_pattern_is_a_bad_rule_at_lint_and_never_hangs_check(setup, pattern):
    ws, draft, outside, before = setup
    set_library(ws, phrases=[{"id": "slow", "message": "m", "patterns": [pattern]}])
    bad = [f for f in lint(ws) if f.code == "bad-rule"]
    assert len(bad) == 1 and "too slow" in bad[0].message and bad[0].line and bad[0].file.endswith("library.yaml")
    spec = baseline()
    spec["library"]["phrases"] = [{"id": "slow", "message": "m", "patterns": [pattern]}]
    spec["draft"]["answers"]["1.3"] = [{"text": "a" * 5000 + "x" * 5000 + "!"}]
    draft = write(ws, spec)
    found = [f for f in check(ws, draft) if f.code == "bad-rule"]
    assert found and all("slow" in f.message for f in found)  # the library's rule, and its time-out on this answer
    assert tree(outside) == before


def test_the_issues_nested_quantifier_no_longer_hangs_check(setup):
    ws, _, _, _ = setup
    spec = baseline()
    spec["library"]["phrases"] = [{"id": "nested", "message": "m", "patterns": [r"^(\w+\s?)*$"]}]
    spec["draft"]["answers"]["1.3"] = [{"text": "word " * 20_000 + "!"}]
    draft = write(ws, spec)
    assert isinstance(check(ws, draft), list)


@pytest.mark.parametrize(
    "pattern, why", [("a{4294967295}", "too large|invalid"), ("(" * 600 + "a" + ")" * 600, "too large|invalid")]
)
def test_a_pattern_that_cannot_be_compiled_is_a_positioned_bad_rule(setup, pattern, why):
    import re

    ws, _, _, _ = setup
    set_library(ws, phrases=[{"id": "huge", "message": "m", "patterns": [pattern]}])
    (bad,) = [f for f in lint(ws) if f.code == "bad-rule"]
    assert re.search(why, bad.message) and bad.line and bad.column


# ------------------------------------------------------------------ files that are not what they seem


def test_a_block_linked_to_the_zero_device_is_refused(setup):
    ws, draft, outside, before = setup
    (ws / "positions" / "blocks" / "zero.yaml").symlink_to("/dev/zero")
    found = [f for f in lint(ws) if "zero.yaml" in (f.file or "")]
    assert found and "refused" in found[0].message
    assert [f.code for f in check(ws, draft) if f.severity == "error" and f.code != "yaml"] == []
    assert tree(outside) == before


def test_a_block_that_is_a_fifo_is_refused_without_blocking(setup):
    ws, _, _, _ = setup
    os.mkfifo(ws / "positions" / "blocks" / "pipe.yaml")
    (found,) = [f for f in lint(ws) if "pipe.yaml" in (f.file or "")]
    assert "not a regular file" in found.message


def test_a_block_linked_outside_the_library_is_never_read_nor_written_through(setup):
    ws, draft, outside, before = setup
    (ws / "positions" / "blocks" / "stolen.yaml").symlink_to(outside / "secret.yaml")
    found = [f for f in lint(ws) if "stolen.yaml" in (f.file or "")]
    assert found and "outside the library" in found[0].message
    lw = LoadedWorkspace.load(Workspace.open(ws), cache=False)
    assert all(b.id != "stolen" for _, b in lw.index.blocks())
    spec = baseline()
    spec["draft"]["answers"]["1.3"] = [{"block": "stolen"}]
    draft = write(ws, spec)
    out = cli_in(ws, "render", str(draft), "--force", "-o", "out.md")
    assert SECRET not in (ws / "out.md").read_text(encoding="utf-8") if (ws / "out.md").exists() else True
    review = cli_in(ws, "review", "stolen")
    assert review.returncode == 2 and "no library has a block 'stolen'" in review.stderr
    assert tree(outside) == before, out.stderr


def test_a_library_file_linked_outside_is_refused(setup):
    ws, _, outside, before = setup
    meta = ws / "positions" / "library.yaml"
    meta.unlink()
    (outside / "library.yaml").write_text(dump(baseline()["library"]), encoding="utf-8")
    before = tree(outside)
    meta.symlink_to(outside / "library.yaml")
    found = [f for f in lint(ws) if f.file and f.file.endswith("library.yaml")]
    assert found and "outside the library" in found[0].message
    assert tree(outside) == before


def test_a_consultation_template_outside_the_templates_folder_is_refused(setup):
    ws, draft, outside, before = setup
    (ws / "templates").mkdir(exist_ok=True)
    spec = baseline()
    spec["consultation"]["template"] = "../../outside/secret.docx"
    draft = write(ws, spec)
    result = cli_in(ws, "render", str(draft))
    assert result.returncode == 2 and "leads outside the templates folder" in result.stderr
    assert not (ws / "drafts" / "d.docx").exists() and tree(outside) == before


# ------------------------------------------------------------------ values that validate but break things


def test_huge_review_intervals_and_future_review_dates_are_usable(setup):
    ws, draft, _, _ = setup
    spec = baseline()
    spec["blocks"]["one"].update(review_every_days=99_999_999_999_999)
    spec["blocks"]["two"].update(reviewed="9999-12-31")
    draft = write(ws, spec)
    found = lint(ws)
    (future,) = [f for f in found if f.code == "review-date"]
    assert "9999-12-31" in future.message and future.line and future.file.endswith("two.yaml")
    assert not [f for f in found if f.code == "stale-block"]
    assert [f.code for f in check(ws, draft) if f.severity == "error"] == []
    stale = cli_in(ws, "stale")
    assert stale.returncode == 0 and "Traceback" not in stale.stderr


def test_a_forged_or_malformed_pin_copy_is_never_shown_as_pinned(setup):
    ws, _, _, _ = setup
    spec = baseline()
    spec["draft"]["answers"]["1.1"] = [{"block": "one", "pinned": "0123456789ab"}]
    draft = write(ws, spec)
    pins = ws / ".drafter" / "pins"
    pins.mkdir(parents=True)
    (pins / "0123456789ab.json").write_text(json.dumps({"body": "FORGED text", "short": None, "sources": []}), encoding="utf-8")
    forged = cli_in(ws, "diff", str(draft))
    assert forged.returncode == 0 and "FORGED" not in forged.stdout and "not available" in forged.stdout
    (pins / "0123456789ab.json").write_text("[1, 2]", encoding="utf-8")
    broken = cli_in(ws, "diff", str(draft))
    assert broken.returncode == 0 and "Traceback" not in broken.stderr and "not available" in broken.stdout


# ------------------------------------------------------------------ the terminal


def test_library_text_never_puts_control_sequences_on_the_terminal(setup):
    ws, _, _, _ = setup
    osc52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
    spec = baseline()
    spec["library"]["phrases"] = [{"id": "evil", "message": f"clear\x1b[2J{osc52}", "hint": "\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\", "patterns": ["Our"]}]
    spec["blocks"]["one"]["title"] = "Title\x1b]0;pwned\x07\u202eevil"
    draft = write(ws, spec)
    for args in (["check", str(draft)], ["blocks"], ["lint"], ["stale"]):
        result = cli_in(ws, *args)
        for stream in (result.stdout, result.stderr):
            assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream, (args, stream)
    shown = cli_in(ws, "check", str(draft)).stdout
    assert "\\x1b[2J" in shown  # shown, made visible


# ------------------------------------------------------------------ the command line and git


@pytest.mark.parametrize(
    "args, message",
    [
        (["library", "add", "--namespace", "../../escape", "src"], "namespace '../../escape' is not valid"),
        (["library", "add", "--upload-pack=touch pwned", "x"], "No such option"),
        (["library", "add", "--", "--upload-pack=touch pwned"], "must not start with '-'"),
        (["library", "add", "ext::sh -c touch% pwned"], "transports written as `name::address`"),
        (["library", "add", "src", "--ref", "--upload-pack=touch pwned"], "is not a branch or tag name"),
    ],
)
def test_library_add_refuses_paths_and_commands_in_its_arguments(setup, args, message):
    ws, _, _, _ = setup
    parent = set(os.listdir(ws.parent))
    result = cli_in(ws, *args)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert set(os.listdir(ws.parent)) == parent and not (ws / "pwned").exists() and not (ws / "libraries").exists()


def test_output_is_never_written_over_a_fifo_or_a_folder(setup):
    ws, draft, _, _ = setup
    fifo = ws / "out.md"
    os.mkfifo(fifo)
    result = cli_in(ws, "render", str(draft), "-o", "out.md")
    assert result.returncode == 2 and "not a regular file" in result.stderr and "out.md" in result.stderr
    assert not fifo.is_file() and fifo.exists()
    (ws / "folder.md").mkdir()
    result = cli_in(ws, "render", str(draft), "-o", "folder.md")
    assert result.returncode == 2 and "folder" in result.stderr and (ws / "folder.md").is_dir()


def test_a_temporary_file_left_by_a_killed_writer_is_cleaned_by_the_next_write(setup):
    ws, _, _, _ = setup
    spec = baseline()
    spec["draft"]["answers"]["1.1"][0]["pinned"] = "0123456789ab"  # an old pin: `update --all` writes the draft
    draft = write(ws, spec)
    stale = draft.parent / f".{draft.name}.999999.x1y2.tmp"
    stale.write_text("half a draft", encoding="utf-8")
    result = cli_in(ws, "update", str(draft), "--all")
    assert result.returncode == 0 and not stale.exists()


def test_ctrl_c_during_start_up_or_a_command_exits_130_quietly(setup):
    ws, draft, _, _ = setup
    during_import = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'drafter.cli.checking':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['drafter', 'rules']\n"
        "from drafter.entry import main\n"
        "main()\n"
    )
    during_command = (
        "import sys\n"
        "import drafter.ops.check as c\n"
        "def interrupted(*a, **k):\n"
        "    raise KeyboardInterrupt\n"
        "c.run_check = interrupted\n"
        f"sys.argv = ['drafter', 'check', {str(draft)!r}]\n"
        "from drafter.entry import main\n"
        "main()\n"
    )
    for code in (during_import, during_command):
        result = subprocess.run([sys.executable, "-c", code], cwd=ws, capture_output=True, text=True, timeout=60)
        assert result.returncode == 130, result.stderr
        assert "Traceback" not in result.stderr and "Aborted" not in result.stderr
        assert result.stderr.strip() == "drafter: interrupted"


# ------------------------------------------------------------------ every attack at once


@pytest.mark.timeout(240)
def test_the_whole_hostile_library_at_once(tmp_path):
    """check, lint and render over a library carrying every attack: each finishes, reports, writes
    nothing outside, and puts no control sequence on the terminal."""
    from . import hostile

    ws, draft, outside = hostile.build(tmp_path)
    before = tree(outside)
    runs = {
        "lint": ["lint"],
        "check": ["check", str(draft)],
        "md": ["render", str(draft), "--force", "-o", "out.md"],
        "docx": ["render", str(draft), "--force", "-o", "out.docx"],
        "blocks": ["blocks"],
    }
    results = {}
    for name, args in runs.items():
        result = subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ws, env=hostile.env(), capture_output=True, text=True, timeout=200)
        results[name] = result
        assert result.returncode in (0, 1), (name, result.stderr[-2000:])
        assert "Traceback" not in result.stderr and "\x1b" not in result.stdout + result.stderr, name
    lint_out = results["lint"].stdout
    assert lint_out.count("error[bad-rule]") >= 3 and "too slow" in lint_out
    assert "zero.yaml" in lint_out and "pipe.yaml" in lint_out and "stolen.yaml" in lint_out
    assert "warning[review-date]" in lint_out
    check_out = results["check"].stdout
    for name in hostile.TEMPLATES:
        assert f"{name}" in check_out
    assert check_out.count("error[template]") >= len(hostile.TEMPLATES) - 1
    assert "no library has a block 'stolen'" in check_out
    md = (ws / "out.md").read_text(encoding="utf-8")
    from drafter.plaintext import markdown_parser

    tokens = markdown_parser().parse(md)
    assert hostile.SECRET not in md and not [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert not [t for t in tokens if t.type == "inline" and "Injected heading" in t.content and t.map and md.splitlines()[t.map[0]].startswith("#")]
    assert (ws / "out.docx").stat().st_size > 5000
    assert tree(outside) == before


def test_a_docx_template_too_full_of_tags_or_not_a_file_is_refused_at_once(tmp_path):
    import docx

    from drafter.render import RenderError, render

    from .test_render_sample import make_doc

    document = docx.Document()
    document.add_paragraph("x{{ " * 20_000)
    crowded = tmp_path / "crowded.docx"
    document.save(str(crowded))
    with pytest.raises(RenderError, match="template tags in one part"):
        render(make_doc(), "docx", tmp_path / "out.docx", template=crowded)
    fifo = tmp_path / "fifo.docx"
    os.mkfifo(fifo)
    with pytest.raises(RenderError, match="not a regular file"):
        render(make_doc(), "docx", tmp_path / "out.docx", template=fifo)
    assert not (tmp_path / "out.docx").exists()
