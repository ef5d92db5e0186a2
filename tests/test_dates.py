"""A consultation's dates as the organiser's page gives them now: the deadline moved (the earlier one
kept in `deadline_history`), the details checked today; in the file, from the home screen's `e` and
from the draft screen's findings (the fix of `deadline-passed`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from drafter.loaded import LoadedWorkspace
from drafter.ops.check import run_check
from drafter.ops.dates import DatesRefused, confirm_dates
from drafter.ops.fields import parse_deadline, typed_deadline
from drafter.workspace import Workspace

from .test_tui_support import NOW, app_for, highlight, home, type_text, wait_for, wait_screen

TODAY = NOW.date()
WSIS = Path("consultations") / "wsis20-review.yaml"
ICANN = Path("consultations") / "icann-dns-abuse-amendments.yaml"


def load(ws: Path) -> LoadedWorkspace:
    return LoadedWorkspace.load(Workspace.open(ws))


def data(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_a_moved_deadline_keeps_the_earlier_one_and_the_file_its_comments(ws: Path) -> None:
    path = ws / WSIS
    before = path.read_text(encoding="utf-8")
    lw = load(ws)
    done = confirm_dates(lw, lw.consultations["wsis20-review"], TODAY, parse_deadline("2027-01-10 23:59 -05:00"))
    assert done.moved_from is not None and typed_deadline(done.moved_from) == "2026-12-15 23:59 -05:00"
    text = path.read_text(encoding="utf-8")
    assert "\ndeadline: 2027-01-10T23:59:00-05:00\n" in text  # as the format's examples write it
    assert "  - deadline: 2026-12-15T23:59:00-05:00\n    changed: 2026-11-27\n" in text
    assert "\nchecked: 2026-11-27\n" in text and "&" not in text  # (no YAML anchor for the same date twice)
    assert "# Extended by two weeks" in text and text.splitlines()[:5] == before.splitlines()[:5]  # comments kept
    c = load(ws).consultations["wsis20-review"].model
    assert c is not None and c.deadline == parse_deadline("2027-01-10 23:59 -05:00")
    assert [h.deadline.date().isoformat() for h in c.deadline_history] == ["2026-11-30", "2026-12-15"]
    # the same deadline again: only `checked` changes
    lw = load(ws)
    again = confirm_dates(lw, lw.consultations["wsis20-review"], TODAY + dt.timedelta(days=1), c.deadline)
    assert again.moved_from is None
    after = data(path)
    assert len(after["deadline_history"]) == 2 and after["checked"] == TODAY + dt.timedelta(days=1)


def test_keys_the_file_lacks_are_added_after_the_deadline(ws: Path) -> None:
    path = ws / ICANN
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith(("checked:", "deadline_history:", "  - deadline:", "    changed:"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "deadline_history" not in data(path) and "checked" not in data(path)
    lw = load(ws)
    confirm_dates(lw, lw.consultations["icann-dns-abuse-amendments"], TODAY, parse_deadline("2027-02-01 12:00 UTC"))
    keys = list(data(path))
    assert keys[keys.index("deadline") + 1 : keys.index("deadline") + 3] == ["deadline_history", "checked"]
    assert "\ndeadline: 2027-02-01T12:00:00+00:00\n" in path.read_text(encoding="utf-8")


def test_the_fix_clears_deadline_passed_in_the_check(ws: Path) -> None:
    draft = ws / "drafts" / "icann-comment.yaml"
    codes = {f.code for f in run_check(load(ws), draft, NOW).findings}
    assert "deadline-passed" in codes
    lw = load(ws)
    confirm_dates(lw, lw.consultations["icann-dns-abuse-amendments"], TODAY, parse_deadline("2026-12-20 23:59 UTC"))
    codes = {f.code for f in run_check(load(ws), draft, NOW).findings}
    assert "deadline-passed" not in codes and "unchecked-consultation" not in codes


def test_a_shared_librarys_consultation_is_refused_the_workspaces_own_are_not(ws: Path) -> None:
    lw = load(ws)
    carried = lw.consultations["igf-2018-taking-stock"]  # carried by the workspace's own library (positions/)
    assert carried.library == "tcg"
    confirm_dates(lw, carried, TODAY)
    assert data(carried.path)["checked"] == TODAY
    config = ws / "drafter.yaml"  # the same library as a clone of a shared one (`drafter library add`)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - path: positions\n", "  - path: positions\n    source: https://git.example.org/tcg/positions.git\n", 1), encoding="utf-8")
    lw = load(ws)
    before = carried.path.read_bytes()
    with pytest.raises(DatesRefused, match="comes from the shared library 'tcg'"):
        confirm_dates(lw, lw.consultations["igf-2018-taking-stock"], TODAY + dt.timedelta(days=1), parse_deadline("2027-01-01 00:00 UTC"))
    assert carried.path.read_bytes() == before


def test_refused_without_a_write(ws: Path) -> None:
    lw = load(ws)
    lc = lw.consultations["wsis20-review"]
    lc.path.write_text("id: wsis20-review\ntitle: [broken\n", encoding="utf-8")  # changed on disk since it was loaded
    with pytest.raises(DatesRefused, match="consultations/wsis20-review.yaml cannot be read"):
        confirm_dates(lw, lc, TODAY)
    assert lc.path.read_text(encoding="utf-8") == "id: wsis20-review\ntitle: [broken\n"
    lc.path.write_text("id: wsis20-review\ntitle: No deadline\n", encoding="utf-8")
    with pytest.raises(DatesRefused, match="not written, it does not load"):
        confirm_dates(lw, lc, TODAY)
    with pytest.raises(DatesRefused, match="time zone"):
        confirm_dates(lw, lc, TODAY, dt.datetime(2027, 1, 1))


def test_drafter_dates_on_the_command_line(ws: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from drafter.cli import cli

    monkeypatch.chdir(ws)
    monkeypatch.setenv("DRAFTER_NOW", NOW.isoformat())
    moved = CliRunner().invoke(cli, ["dates", "wsis20-review", "--deadline", "2027-01-10 23:59 America/New_York"])
    assert moved.exit_code == 0, moved.output
    assert moved.output.strip() == ("Deadline moved to 2027-01-10 23:59 -05:00 (was 2026-12-15 23:59 -05:00); "
                                    "details checked today (consultations/wsis20-review.yaml).")
    assert data(ws / WSIS)["checked"] == TODAY
    same = CliRunner().invoke(cli, ["dates", str(ws / ICANN)])
    assert same.exit_code == 0 and "the deadline stays 2023-07-19 23:59 +00:00" in same.output
    for args, said in ((["dates", "nope"], "no consultation 'nope'"), (["dates", "wsis20-review", "--deadline", "soon"], "--deadline: date and time")):
        bad = CliRunner().invoke(cli, args)
        assert bad.exit_code == 2 and said in bad.output and "Traceback" not in bad.output


async def test_the_home_screens_e_moves_the_highlighted_consultations_deadline(ws: Path) -> None:

    app = app_for(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        highlight(await home(pilot), "consultations", "wsis20-review")
        await pilot.press("e")
        form = await wait_screen(pilot, "FormScreen")
        field = form.query_one("#f-deadline")
        assert field.value == "2026-12-15 23:59 -05:00"
        field.value = ""
        field.focus()
        await type_text(pilot, "2027-01-10 23:59 -05:00")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "HomeScreen")
        assert data(ws / WSIS)["deadline"] == parse_deadline("2027-01-10 23:59 -05:00")

        def shown() -> str:  # (the home screen is made again over the workspace loaded again)
            tables = pilot.app.screen.query("#consultations")
            return str(tables.first().get_row("wsis20-review")) if tables and type(pilot.app.screen).__name__ == "HomeScreen" else ""

        await wait_for(pilot, lambda: "2027-01-10" in shown(), what="the table shows the new deadline")
        # on the drafts' list, e opens the highlighted draft's consultation
        highlight(pilot.app.screen, "drafts", str(ws / "drafts" / "icann-comment.yaml"))
        await pilot.press("e")
        form = await wait_screen(pilot, "FormScreen")
        assert form.query_one("#f-deadline").value == "2023-07-19 23:59 +00:00"
        await pilot.press("escape")


async def test_the_draft_screens_deadline_passed_opens_the_dates_form(ws: Path) -> None:
    from textual.widgets import Static

    app = app_for(ws, Path("drafts") / "icann-comment.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        status = screen.query_one("#status", Static)
        await wait_for(pilot, lambda: "1 error" in str(status.content), what="deadline-passed counted")
        await pilot.press("alt+d")  # the form from anywhere on the draft screen; esc writes nothing
        await wait_screen(pilot, "FormScreen")
        await pilot.press("escape")
        await wait_screen(pilot, "DraftScreen")
        assert "checked: 2026-11-27" not in (ws / ICANN).read_text(encoding="utf-8")
        await pilot.press("f3")
        findings = await wait_screen(pilot, "FindingsScreen")
        assert "deadline-passed" in str(findings.query_one("#findings-list").get_option_at_index(0).prompt)
        await pilot.press("enter")
        form = await wait_screen(pilot, "FormScreen")
        form.query_one("#f-deadline").value = "2026-12-20 23:59 UTC"
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: "0 errors" in str(status.content), what="the error gone")
        assert "2026-12-20 23:59" in str(screen.query_one("#topbar", Static).content)
        assert data(ws / ICANN)["checked"] == TODAY


def test_time_left_gives_hours_only_within_a_week() -> None:
    from drafter.consultation import time_left

    deadline = dt.datetime(2026, 12, 15, 23, 59, tzinfo=dt.UTC)
    at = lambda days, hours=0, minutes=0: deadline - dt.timedelta(days=days, hours=hours, minutes=minutes)
    assert time_left(deadline, at(18, 16)) == "18 days left"
    assert time_left(deadline, at(6, 5)) == "6 days 5 h left"
    assert time_left(deadline, at(1, 0)) == "1 day 0 h left"
    assert time_left(deadline, at(0, 3, 20)) == "3 h 20 min left"
    assert time_left(deadline, at(0, 0, 9)) == "9 min left"
    assert time_left(deadline, at(-2, -3)) == "closed 2 days 3 h ago"
    assert time_left(deadline, at(-1229, -13)) == "closed 1,229 days ago"


def test_the_ui_fix_of_deadline_passed_is_the_form_unless_a_shared_library_keeps_it(ws: Path) -> None:
    from drafter.ops.session import DraftSession
    from drafter.ops.workspace import new_draft
    from drafter.tui.fixes import fix_for

    lw = load(ws)
    path = new_draft(lw, lw.consultations["igf-2018-taking-stock"], TODAY)  # the IGF's 2018 call closed long ago

    def fix():
        s = DraftSession(load(ws), path, lambda: NOW)
        [f] = [f for f in s.check_all()[0] if f.code == "deadline-passed"]
        return fix_for(f, s)

    assert fix().kind == "dates"  # the workspace's own library: the user dates it
    config = ws / "drafter.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - path: positions\n", "  - path: positions\n    source: https://git.example.org/tcg/positions.git\n", 1), encoding="utf-8")
    shared = fix()
    assert shared.kind == "none" and "shared library 'tcg'" in (shared.hint or "") and "drafter " not in (shared.hint or "")
