"""The workspace's respondent profile (drafter.yaml `respondent:`), kept from a draft's respondent form
with ctrl+g: written in place (comments and other keys kept), read by every new draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from drafter.ops.profile import ProfileError, save_profile
from drafter.workspace import Workspace

from .test_cli import run_script
from .test_tui_support import app_for, start_draft, wait_for, wait_screen

NEEDS_WORK = Path("drafts") / "needs-work.yaml"


def data(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_the_profile_is_written_in_place_and_read_by_new_drafts(ws):
    config = ws / "drafter.yaml"
    before = config.read_text(encoding="utf-8")
    ours = Workspace.open(ws)
    save_profile(ours, {"country": "Kenya", "organisation": "Example Registry", "email": "", "name": None, "languages": "en, sw"})
    text = config.read_text(encoding="utf-8")
    assert text.startswith(before.rstrip("\n"))  # every line and comment kept, the profile added
    assert data(config)["respondent"] == {"organisation": "Example Registry", "country": "Kenya", "languages": "en, sw"}  # usual fields first
    assert ours.config.respondent is not None and ours.config.respondent.organisation == "Example Registry"
    out = run_script("new", "wsis20-review", "-o", "drafts/new.yaml", cwd=ws)
    assert out.returncode == 0, out.stderr
    assert data(ws / "drafts" / "new.yaml")["respondent"]["organisation"] == "Example Registry"
    save_profile(ours, {"organisation": " "})  # nothing left: the profile goes
    assert "respondent" not in data(config) and config.read_text(encoding="utf-8") == before


def test_a_drafter_yaml_that_does_not_read_is_left_as_it_is(ws):
    config = ws / "drafter.yaml"
    config.write_text("libraries: [\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"drafter\.yaml: cannot be read for editing"):
        save_profile(Workspace.open(ws), {"organisation": "X"})
    assert config.read_text(encoding="utf-8") == "libraries: [\n"


async def test_ctrl_d_in_the_respondent_form_keeps_the_profile_for_new_drafts(ws):
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_screen(pilot, "DraftScreen")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("f2")
        form = await wait_screen(pilot, "RespondentForm")
        box = form.input_of("country")
        box.focus()
        box.value = ""
        await pilot.press(*"Sweden")
        organisation = form.input_of("organisation").value
        await pilot.press("ctrl+g")
        await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: any("every new draft starts with it" in str(n.message) for n in app._notifications), what="the notice")
        await pilot.press("ctrl+s")
        profile = data(ws / "drafter.yaml")["respondent"]
        assert profile["country"] == "Sweden" and profile["organisation"] == organisation != ""
        await pilot.press("ctrl+o")  # home, and a new draft from there, in this same session
        await start_draft(pilot, await wait_screen(pilot, "HomeScreen"), "wsis20-review")
        started = next(str(n.message) for n in app._notifications if str(n.message).startswith("Started"))
        assert "respondent from the respondent profile in drafter.yaml" in started  # not the latest draft's
    assert data(ws / NEEDS_WORK)["respondent"]["country"] == "Sweden"  # applied to the draft too
    new = ws / "drafts" / "wsis20-review.yaml"
    assert data(new)["respondent"]["country"] == "Sweden"
