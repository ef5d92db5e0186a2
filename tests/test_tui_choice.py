"""A choice question's pick is applied to the question it was made for, never to the next one."""

from __future__ import annotations

from ruamel.yaml import YAML

from drafter.tui.messages import ChoiceMade

from .test_tui_support import SAMPLE_DRAFT, app_for, wait_for, wait_screen


def answers(ws):
    return YAML(typ="safe").load((ws / SAMPLE_DRAFT).read_text(encoding="utf-8"))["answers"]


async def test_a_late_choice_message_lands_on_its_own_question(ws):
    before = answers(ws)
    assert before["3.1"] == [{"choice": "Yes"}]
    app = app_for(ws, SAMPLE_DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_screen(pilot, "DraftScreen")
        await pilot.app.workers.wait_for_complete()
        await screen.go_to("3.2", None)
        await pilot.pause()
        screen.post_message(ChoiceMade("3.1", "Yes"))  # the field of 3.1 reporting its value after the move
        screen.post_message(ChoiceMade("3.1", "No"))  # a real pick made just before the move
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: answers(ws)["3.1"] == [{"choice": "No"}], what="3.1 picked")
    assert answers(ws)["3.2"] == before["3.2"]
