"""`drafter promote` and the draft screen's alt+p: own text becomes a library block, pinned in its place."""

from __future__ import annotations

import subprocess
import sys

from ruamel.yaml import YAML

from drafter.loaded import LoadedWorkspace
from drafter.pins import pin_hash
from drafter.workspace import Workspace

from .test_tui_support import NOW, app_for, wait_for, wait_screen

DRAFT = "drafts/example-response.yaml"


def load(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def run(ws, *args):
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ws, capture_output=True, text=True,
                          env={"DRAFTER_NOW": NOW.isoformat(), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}, timeout=60)


def test_promote_writes_the_block_and_pins_it_in_the_items_place(ws):
    before = load(ws / DRAFT)["answers"]["1.4a"][0]["text"]
    done = run(ws, "promote", DRAFT, "1.4a", "--id", "access-to-use")
    assert done.returncode == 0, done.stderr
    assert "positions/blocks/access-to-use.yaml" in done.stdout
    block_file = load(ws / "positions/blocks/access-to-use.yaml")
    assert block_file["body"].strip() == before.strip()
    assert block_file["themes"]  # the question's themes
    assert block_file["reviewed"] is not None
    block = LoadedWorkspace.load(Workspace.open(ws)).index.lookup("access-to-use")
    assert load(ws / DRAFT)["answers"]["1.4a"][0] == {"block": "access-to-use", "pinned": pin_hash(block)}
    checked = run(ws, "check", DRAFT)
    assert "unknown-block" not in checked.stdout and "access-to-use" not in checked.stdout


def test_promote_refuses_what_it_cannot_do_and_writes_nothing(ws):
    text = (ws / DRAFT).read_text(encoding="utf-8")
    no_text = run(ws, "promote", DRAFT, "1.4a", "--id", "x", "--item", "9")
    taken = run(ws, "promote", DRAFT, "1.4a", "--id", "respondent-introduction")
    unknown = run(ws, "promote", DRAFT, "9.9", "--id", "y")
    for result, why in [(no_text, "no item 9"), (taken, "already a block"), (unknown, "no question '9.9'")]:
        assert result.returncode == 2, result.stderr
        assert why in result.stderr and "Traceback" not in result.stderr
    assert (ws / DRAFT).read_text(encoding="utf-8") == text
    assert not (ws / "positions/blocks/x.yaml").exists()


async def test_alt_p_promotes_the_current_text_item_in_a_form_and_ctrl_z_undoes(ws):
    draft = ws / DRAFT
    before = load(draft)["answers"]["1.4a"]
    app = app_for(ws, DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.app.workers.wait_for_complete()
        await screen.go_to("1.4a", 0)
        await wait_for(pilot, lambda: screen.qid == "1.4a" and screen.item_index == 0, what="the text item focused")
        await pilot.press("alt+p")
        form = await wait_screen(pilot, "BlockForm")
        assert str(form.query_one("#f-body").text).strip() == before[0]["text"].strip()
        assert form.query_one("#f-title").value.startswith("Twenty years ago")
        form.query_one("#f-id").focus()
        await pilot.press(*"access-to-use")
        form.query_one("#f-summary").focus()
        await pilot.press(*"From access to use.")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: (ws / "positions/blocks/access-to-use.yaml").exists(), what="block written")
        assert load(ws / "positions/blocks/access-to-use.yaml")["summary"] == "From access to use.\n"  # the form's details go with it
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: load(draft)["answers"]["1.4a"][0].get("block") == "access-to-use", what="draft uses it")
        assert "unknown-block" not in str(screen.query_one("#answer-findings").content)
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: load(draft)["answers"]["1.4a"] == before, what="text back")
