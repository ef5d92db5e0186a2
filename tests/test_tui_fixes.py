"""Every finding leads to its fix in the UI (80×24, the sample's needs-work draft): F3 and the
findings beside the answer name the key, enter or the fix key does it, and the file on disk shows it;
the respondent form takes typing from the first keystroke after F2."""

from __future__ import annotations

from ruamel.yaml import YAML
from textual import events

from drafter.model import RESPONDENT_FIELDS
from drafter.tui.widgets.answer import AnswerPane, ChoiceField
from drafter.tui.widgets.questions import QuestionList

from .test_tui_support import app_for, wait_for, wait_screen

NEEDS_WORK = "drafts/needs-work.yaml"
SMALL = (80, 24)


def load(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector).content)


async def burst(pilot, *keys: str) -> None:
    """Send keys the way a fast typist's terminal does: all at once, no pause between them (a key
    longer than one character is a key name, e.g. "f2"; text is typed as its characters)."""
    driver = pilot.app._driver
    for key in [k for part in keys for k in ([part] if part in ("f2", "enter", "space", "ctrl+s") else list(part))]:
        char = " " if key in (" ", "space") else key if len(key) == 1 else None
        event = events.Key("space" if key == " " else key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


async def settled(pilot):
    screen = await wait_screen(pilot, "DraftScreen")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_typing_right_after_f2_lands_in_the_first_empty_required_field(ws):
    """F2 and "Sweden" typed in one burst: the form opens at Country (required, empty) and the
    word is in it, whole and in order; ctrl+s writes it to the draft."""
    draft = ws / NEEDS_WORK
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        await settled(pilot)
        await burst(pilot, "f2", "Sweden")
        form = await wait_screen(pilot, "RespondentForm")
        await wait_for(pilot, lambda: form.input_of("country").value == "Sweden", what="Sweden in Country")
        assert form.focused is form.input_of("country")
        assert "region" not in form.names  # neither asked for nor filled: added when a fix asks for it
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+s")
    assert load(draft)["respondent"]["country"] == "Sweden"


async def test_ctrl_s_typed_right_after_the_text_applies_all_of_it(ws):
    """F2, a word and ctrl+s in one burst: ctrl+s waits for the keys before it (none is lost)."""
    draft = ws / NEEDS_WORK
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        await settled(pilot)
        await burst(pilot, "f2", "Sweden", "ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+s")
    assert load(draft)["respondent"]["country"] == "Sweden"


def findings_now(ws) -> list[tuple[str, str | None]]:
    """(code, question) of every finding `drafter check` reports on the draft as saved."""
    from drafter.loaded import LoadedWorkspace
    from drafter.ops.check import run_check
    from drafter.workspace import Workspace

    from .test_tui_support import NOW

    check = run_check(LoadedWorkspace.load(Workspace.open(ws)), ws / NEEDS_WORK, NOW)
    return [(f.code, f.question) for f in check.findings]


async def pick_finding(pilot, code: str, question: str | None = None, says: str = "", enter: bool = True):
    """F3, highlight the finding, enter."""
    await pilot.press("f3")
    screen = await wait_screen(pilot, "FindingsScreen")
    target = next(i for i, f in enumerate(screen.findings)
                  if f.code == code and (question is None or f.question == question) and says in f.message)
    listing = screen.query_one("#findings-list")
    listing.focus()
    listing.highlighted = target
    await pilot.pause()
    if enter:
        await pilot.press("enter")


async def test_unknown_block_is_replaced_by_its_closest_match_from_f3(ws):
    """enter on unknown-block: the library search opens prefilled with the id meant; enter puts that
    block in the item's place, pinned; the comment above it stays; the finding is gone."""
    from drafter.loaded import LoadedWorkspace
    from drafter.pins import pin_hash
    from drafter.workspace import Workspace

    draft = ws / NEEDS_WORK
    assert ("unknown-block", "4.1") in findings_now(ws)
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settled(pilot)
        await pick_finding(pilot, "unknown-block")
        dialog = await wait_screen(pilot, "ReplaceBlockDialog")
        assert dialog.query_one("#replace-search").value == "wsis-gdc-alignment"
        assert dialog.selected()[1].id == "wsis-gdc-alignment"
        await pilot.press("enter")
        await wait_screen(pilot, "DraftScreen")
        assert screen.qid == "4.1" and screen.item_index == 0
        await wait_for(pilot, lambda: "unknown-block" not in shown(screen, "#answer-findings"), what="finding gone")
        await pilot.press("ctrl+s")
    block = LoadedWorkspace.load(Workspace.open(ws)).index.lookup("wsis-gdc-alignment")
    assert load(draft)["answers"]["4.1"] == [{"block": "wsis-gdc-alignment", "pinned": pin_hash(block)}]
    assert "    # PROBLEM unknown-block: a typo" in draft.read_text(encoding="utf-8")
    assert not [f for f in findings_now(ws) if f[0] == "unknown-block"]


async def test_missing_respondent_field_is_filled_in_f2_from_the_finding(ws):
    """enter on "placeholder `respondent.region` has no value": question 2.2 is shown and the form
    opens with Region focused; what is typed is applied; the finding is gone."""
    draft = ws / NEEDS_WORK
    assert ("unresolved-variable", "2.2") in findings_now(ws)
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settled(pilot)
        await pick_finding(pilot, "unresolved-variable", "2.2", enter=False)
        await burst(pilot, "enter", "Northern Europe")  # typed at once after enter
        form = await wait_screen(pilot, "RespondentForm")
        assert screen.qid == "2.2"
        assert form.focused is form.input_of("region")
        await wait_for(pilot, lambda: form.input_of("region").value == "Northern Europe", what="region typed")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await wait_for(pilot, lambda: "respondent.region" not in shown(screen, "#answer-findings"), what="finding gone")
        await pilot.press("ctrl+s")
    assert load(draft)["respondent"]["region"] == "Northern Europe"
    assert ("unresolved-variable", "2.2") not in findings_now(ws)


async def test_a_field_the_form_lacks_is_added_when_a_fix_asks_for_it(ws):
    """The consultation requires `title`, which no respondent has: enter on respondent-missing opens
    the form with a Title row added and focused."""
    path = ws / "consultations" / "wsis20-review.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - consent_to_publish\n", "    - consent_to_publish\n    - title\n", 1), encoding="utf-8")
    draft = ws / NEEDS_WORK
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        await settled(pilot)
        await pick_finding(pilot, "respondent-missing", says="'title'")
        form = await wait_screen(pilot, "RespondentForm")
        assert "title" not in RESPONDENT_FIELDS and form.focused is form.input_of("title")
        await burst(pilot, "Director")
        await wait_for(pilot, lambda: form.input_of("title").value == "Director", what="title typed")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+s")
    assert load(draft)["respondent"]["title"] == "Director"


async def test_an_answer_outside_the_consultation_is_shown_and_removed(ws):
    """9.9 is listed under "Not in the consultation"; highlighted, its text shows; enter, ctrl+r
    removes the whole answer (the comment lines stay); the finding is gone."""
    draft = ws / NEEDS_WORK
    before = draft.read_text(encoding="utf-8")
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settled(pilot)
        questions = screen.query_one(QuestionList)
        questions.focus()
        await pilot.press("end")
        await pilot.pause()
        assert questions.current_unknown() == "9.9"
        await wait_for(pilot, lambda: "technical briefing session" in " ".join(str(w.content) for w in screen.query_one(AnswerPane).item_widgets()), what="the answer's text")
        assert "unknown-question" in shown(screen, "#answer-findings")
        await pilot.press("enter")
        await wait_screen(pilot, "UnknownAnswerDialog")
        await pilot.press("ctrl+r")
        await wait_screen(pilot, "DraftScreen")
        assert questions.current_unknown() is None and "x:9.9" not in [o.id for o in questions.options]
        await pilot.press("ctrl+s")
    after = draft.read_text(encoding="utf-8")
    assert "9.9" not in load(draft)["answers"]
    assert "technical briefing" not in after
    for line in before.splitlines():
        if line.strip().startswith("#"):
            assert line in after
    assert not [f for f in findings_now(ws) if f[0] == "unknown-question"]


async def test_an_answer_outside_the_consultation_is_moved_from_f3(ws):
    """enter on unknown-question, choose question 4.2 (unanswered) and ctrl+s: the answer is 4.2's."""
    draft = ws / NEEDS_WORK
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settled(pilot)
        await pick_finding(pilot, "unknown-question")
        dialog = await wait_screen(pilot, "UnknownAnswerDialog")
        select = dialog.query_one("#move-to")
        assert dialog.focused is select
        await pilot.press("enter")  # open the list of questions
        await pilot.pause()
        ids = [qid for _, qid in dialog.questions]
        await pilot.press(*["down"] * (ids.index("4.2") + 1), "enter")
        await wait_for(pilot, lambda: select.value == "4.2", what="4.2 chosen")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        assert screen.qid == "4.2"
        await pilot.press("ctrl+s")
    answers = load(draft)["answers"]
    assert "9.9" not in answers
    assert answers["4.2"] == [{"text": "Our members would welcome a technical briefing session for delegations in Geneva.\n"}]
    assert not [f for f in findings_now(ws) if f[0] == "unknown-question"]


async def test_over_limit_block_goes_short_with_the_findings_key(ws):
    """On 2.4 the answer's findings say "ctrl+t: use the short variant of 'capacity-building'" and
    mark the fix key; pressing it switches the block; over-limit is gone, the file says short."""
    draft = ws / NEEDS_WORK
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settled(pilot)
        questions = screen.query_one(QuestionList)
        questions.focus()
        while screen.qid != "2.4":
            await pilot.press("down")
            await pilot.pause()
        await wait_for(pilot, lambda: "over-limit" in shown(screen, "#answer-findings"), what="over-limit shown")
        text = shown(screen, "#answer-findings")
        assert "ctrl+t: use the short variant of 'capacity-building'  (ctrl+l)" in text
        assert "variant: short" not in text
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: "over-limit" not in shown(screen, "#answer-findings"), what="over-limit gone")
        await pilot.press("ctrl+s")
    assert load(draft)["answers"]["2.4"][0]["variant"] == "short"
    assert ("over-limit", "2.4") not in findings_now(ws)


async def test_changed_block_opens_the_diff_from_f3_and_is_accepted(ws):
    draft = ws / NEEDS_WORK
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        await settled(pilot)
        await pick_finding(pilot, "block-changed")
        await wait_screen(pilot, "DiffDialog")
        await pilot.press("a")
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+s")
    assert load(draft)["answers"]["2.2"][0]["pinned"] != "4841f95ee8ee"
    assert ("block-changed", "2.2") not in findings_now(ws)


async def test_f3_shows_each_message_whole_with_the_ui_hint(ws):
    """At 80 columns a long message wraps instead of being cut; hints name keys, not commands."""
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        await settled(pilot)
        await pilot.press("f3")
        screen = await wait_screen(pilot, "FindingsScreen")
        listing = screen.query_one("#findings-list")
        target = next(i for i, f in enumerate(screen.findings) if f.code == "block-changed")
        listing.highlighted = target
        await pilot.pause()
        rendered = " ".join(
            "".join(seg.text for seg in listing.render_line(y)).strip() for y in range(listing.size.height)
        )
        rendered = " ".join(rendered.split())
        assert "changed in its library since it was pinned (4841f95ee8ee)" in rendered
        assert "F6: see the change and accept it" in rendered
        assert "drafter diff" not in rendered


async def test_respondent_form_refuses_a_wrong_email_and_adds_a_field(ws):
    """A mistyped address is refused beside the field and nothing is applied; corrected, it is. ctrl+f
    adds a field (any name) with the cursor in it."""
    draft = ws / NEEDS_WORK
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        await settled(pilot)
        await pilot.press("f2")
        form = await wait_screen(pilot, "RespondentForm")
        email = form.input_of("email")
        email.value = ""
        email.focus()
        await burst(pilot, "secretariat.example.org")
        await pilot.press("tab")
        await wait_for(pilot, lambda: form.query_one("#ef-email").display, what="the e-mail refused")
        assert "not an e-mail address" in str(form.query_one("#ef-email").content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "RespondentForm" and form.focused is email
        assert load(draft)["respondent"]["email"] == "secretariat@example.org"
        await pilot.press("end", *["left"] * len("example.org"), "backspace", "@")
        await wait_for(pilot, lambda: not form.query_one("#ef-email").display, what="the e-mail accepted")
        await pilot.press("ctrl+f")  # capacity is not shown (not asked, not filled): add it
        await burst(pilot, "cap")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "capacity" in form.names, what="capacity added")
        capacity = form.input_of("capacity")
        assert form.focused is capacity
        await burst(pilot, "both")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "type organisation or individual" in str(form.query_one("#ef-capacity").content)
        capacity.value = ""
        await burst(pilot, "Individual")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert form.focused is form.query_one("#new-field")
        await burst(pilot, "membership_number")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "membership_number" in form.names, what="the field added")
        assert form.focused is form.input_of("membership_number")
        await burst(pilot, "A-17")
        await pilot.press("ctrl+s")
        await wait_screen(pilot, "DraftScreen")
        await pilot.press("ctrl+s")
    respondent = load(draft)["respondent"]
    assert respondent["email"] == "secretariat@example.org"
    assert respondent["capacity"] == "individual"
    assert respondent["membership_number"] == "A-17"


async def test_a_click_on_a_findings_hint_does_its_fix(ws):
    """On 2.2 the hint "F2: fill respondent.region" is a link: a click opens the form at Region."""
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settled(pilot)
        questions = screen.query_one(QuestionList)
        questions.focus()
        while screen.qid != "2.2":
            await pilot.press("down")
            await pilot.pause()
        await wait_for(pilot, lambda: "F2: fill respondent.region" in shown(screen, "#answer-findings"), what="the hint")
        await pilot.pause()
        area = screen.query_one("#answer-findings")
        lines = ["".join(seg.text for seg in area.render_line(y)) for y in range(area.size.height)]
        y = next(i for i, line in enumerate(lines) if "F2: fill respondent.region" in line)
        assert await pilot.click("#answer-findings", offset=(lines[y].index("F2") + 1, y))
        form = await wait_screen(pilot, "RespondentForm")
        assert form.focused is form.input_of("region")


async def test_an_unanswered_question_and_a_wrong_choice_lead_to_where_they_are_fixed(ws):
    """enter on "required question 1.2 has no answer" shows 1.2 with the library search focused;
    enter on a choice that is not one of the question's opens the choice list at that question."""
    draft = ws / NEEDS_WORK
    draft.write_text(draft.read_text(encoding="utf-8").replace("- choice: 'Yes'", "- choice: 'Perhaps'"), encoding="utf-8")
    app = app_for(ws, NEEDS_WORK)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settled(pilot)
        await pick_finding(pilot, "unanswered", "1.2")
        await wait_screen(pilot, "DraftScreen")
        assert screen.qid == "1.2" and screen.focused is screen.query_one("#lib-search")
        await pick_finding(pilot, "invalid-choice", "3.1")
        choice = screen.query_one(ChoiceField)
        await wait_for(pilot, lambda: screen.qid == "3.1" and choice.is_attached and choice.expanded, what="the choices open")
        await pilot.press("down", "down", "enter")  # the first choice, below the blank "Choose…"
        await wait_for(pilot, lambda: "invalid-choice" not in shown(screen, "#answer-findings"), what="a valid choice")
        await pilot.press("ctrl+s")
    assert load(draft)["answers"]["3.1"] == [{"choice": "Yes"}]
