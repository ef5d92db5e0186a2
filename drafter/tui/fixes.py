"""Each finding code → its fix in the UI, and a hint that names the key doing it.

The core's hints speak to `drafter check` on the command line (`variant: short`, `drafter diff`);
in the UI a finding says which key fixes it (`ctrl+t: use the short variant`, `F2: fill
respondent.region`, `F6: see the change and accept it`). `RULES` has one entry per code of
`findings.CODES` (a test keeps it so): given a finding and the draft session, it says where the fix
is (question, item, respondent field) and what the draft screen does on enter in F3 or on the fix
key (`FixActions.apply_fix`). A code whose fix is outside the UI gets `none` and the core's hint.
Keys are read from the draft screen's bindings, so a hint follows a key that moves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

from ..findings import Finding
from ..model import TextItem
from ..ops.fixes import MISSPELT, closest_block, closest_question, item_index, question_of, respondent_field, short_switches
from ..ops.session import DraftSession, EditRefused
from ..safetext import visible

FixKind = Literal["respondent", "short", "diff", "replace", "unknown", "choice", "question", "item", "preview", "word", "dates", "none"]
"""What the draft screen does: open F2 at a field, switch blocks to short, F6, replace a block, open an
answer outside the consultation, open the choice, go to the question (library search) or the item,
preview the submission, correct or accept a misspelt word, set the consultation's dates, or nothing (the fix is outside the UI)."""


@dataclass(frozen=True)
class Fix:
    """Where a finding's fix is and what leads to it."""

    kind: FixKind
    hint: str | None
    """What the UI says under the finding (None: the core's hint)."""
    qid: str | None = None
    index: int | None = None
    field: str | None = None
    indices: tuple[int, ...] = ()
    """`short`: the block items to switch."""
    suggestion: str | None = None
    """`replace`: the block id to search for; `unknown`: the question the answer most likely meant."""

    @property
    def acts(self) -> bool:
        """Whether the fix key does something here (more than showing a hint)."""
        return self.kind != "none"


def key(action: str) -> str:
    """The key of a draft screen action as a hint names it: `F2`, `ctrl+t`."""
    from .screens.draft import DraftScreen

    for b in DraftScreen.BINDINGS:
        if isinstance(b, Binding) and b.action == action:
            first = b.key.split(",")[0].strip()
            return first.upper() if re.fullmatch(r"f\d+", first) else first
    return action.replace("_", " ")


Rule = Callable[[Finding, DraftSession], Fix]


def _q(f: Finding, s: DraftSession) -> str | None:
    target = question_of(s.questionnaire, f.question)
    return target.id if target else None


def _at(f: Finding, s: DraftSession) -> tuple[str | None, int | None]:
    qid = _q(f, s)
    return qid, item_index(f, s.items(qid)) if qid else None


def _name(ref: str) -> str:
    return f"'{visible(ref, one_line=True)}'"


def _none(f: Finding, s: DraftSession) -> Fix:
    return Fix("none", None, _q(f, s))


def _item(hint: str | None = None) -> Rule:
    def rule(f: Finding, s: DraftSession) -> Fix:
        qid, index = _at(f, s)
        return Fix("item" if qid else "none", hint.format(**_keys()) if hint else None, qid, index)

    return rule


def _keys() -> dict[str, str]:
    names = ("respondent", "toggle_variant", "diff", "replace_block", "remove_item", "insert_block", "add_text",
             "preview_submission", "fix", "findings")
    return {n: key(n) for n in names}


def _respondent(f: Finding, s: DraftSession) -> Fix:
    name = respondent_field(f)
    if name is None:  # a placeholder of the consultation, the question or a cosigner: go to the block
        qid, index = _at(f, s)
        hint = f"{key('remove_item')}: remove the block, or {key('replace_block')}: use another" + (f" ({f.hint})" if f.hint else "")
        return Fix("item" if qid else "none", hint, qid, index)
    qid, index = _at(f, s)
    hint = f"{key('respondent')}: fill respondent.{visible(name, one_line=True)}"
    if f.hint and f.hint.startswith("there is no respondent field"):
        hint = f"{key('respondent')}: add respondent.{visible(name, one_line=True)} — {f.hint}"
    return Fix("respondent", hint, qid, index, field=name)


def _limit(f: Finding, s: DraftSession) -> Fix:
    """over-limit, near-limit, short-fits: the short variants where the answer has them, else the text."""
    target = question_of(s.questionnaire, f.question)
    if target is None:
        return Fix("none", None)
    parts = [target]
    if target.parent is not None and f.question == target.parent.id:  # all parts together
        parts = s.questionnaire.parts_of(target.parent)
    for part in parts:
        items = s.items(part.id)
        switches = short_switches(items, s.index)
        if switches:
            names = ", ".join(_name(items[i].block) for i in switches)  # type: ignore[union-attr]
            hint = f"{key('toggle_variant')}: use the short variant of {names}"
            if f.code == "near-limit":
                return Fix("item", hint + " to leave room", part.id, switches[0])
            return Fix("short", hint, part.id, switches[0], indices=tuple(switches))
    if f.code == "near-limit":
        return Fix("none", None, target.id)
    items = s.items(target.id)
    first_text = next((i for i, it in enumerate(items) if isinstance(it, TextItem)), None)
    hint = f"cut your text (the count follows as you type), or {key('remove_item')}: remove an item"
    if f.code == "over-limit" and target.parent is not None and f.question == target.parent.id:
        hint = f"the limit is for all parts together: {hint}"
    return Fix("item", hint, target.id, first_text)


def _changed(f: Finding, s: DraftSession) -> Fix:
    qid, index = _at(f, s)
    return Fix("diff" if index is not None else "none", f"{key('diff')}: see the change and accept it", qid, index)


def _unknown_block(f: Finding, s: DraftSession) -> Fix:
    qid, index = _at(f, s)
    said = re.search(r"did you mean '([^']+)'", f.message)  # the lookup that failed already looked
    close = said.group(1) if said else closest_block(s.index, f.block) if f.block else None
    what = f"replace it with {_name(close)}" if close else "replace it with a library block"
    return Fix("replace" if index is not None else "none", f"{key('replace_block')}: {what}", qid, index, suggestion=close)


def _replace(hint: str) -> Rule:
    def rule(f: Finding, s: DraftSession) -> Fix:
        qid, index = _at(f, s)
        return Fix("replace" if index is not None else "none", hint.format(**_keys()), qid, index)

    return rule


def _unknown_question(f: Finding, s: DraftSession) -> Fix:
    tid = f.question
    if tid is None:
        return Fix("none", None)
    answered = {t.id for t in s.questionnaire.targets if s.items(t.id)}
    close = closest_question(s.questionnaire, tid, answered=answered)
    meant = f" (did you mean {_name(close)}?)" if close else ""
    return Fix("unknown", f"{key('fix')}: move it to a question of the consultation{meant}, or remove it", tid, suggestion=close)


def _unanswered(f: Finding, s: DraftSession) -> Fix:
    target = s.questionnaire.get(f.question or "")
    if target is None:
        return Fix("none", None)
    if target.answer == "choice":
        options = ", ".join(_name(c) for c in target.choices)
        return Fix("choice", f"enter: choose one of {options}", target.id, len(s.items(target.id)))
    return Fix("question", f"{key('insert_block')}: insert the library's block, {key('add_text')}: write your own", target.id)


def _choice(f: Finding, s: DraftSession) -> Fix:
    qid, index = _at(f, s)
    target = s.questionnaire.get(qid or "")
    if target is None:
        return Fix("none", None)
    if target.answer == "choice":
        options = ", ".join(_name(c) for c in target.choices)
        return Fix("choice", f"enter: choose one of {options}", qid, index)
    return Fix("item", f"{key('remove_item')}: remove the choice, then {key('add_text')}: write the answer", qid, index)


def _unsafe_link(f: Finding, s: DraftSession) -> Fix:
    qid, index = _at(f, s)
    if f.block:
        hint = f"{key('remove_item')}: remove the block, or {key('replace_block')}: use another (its library should fix the source)"
        return Fix("item", hint, qid, index)
    return Fix("item" if qid else "none", "change the link in your text to https://… or mailto:…", qid, index)


def _stale(f: Finding, s: DraftSession) -> Fix:
    qid, index = _at(f, s)
    m = re.match(r"ask (.+?) to review it", f.hint or "")
    who = visible(m.group(1), one_line=True) if m else "its owner"
    return Fix("item" if qid else "none", f"ask {who} to review it (it is used as it is meanwhile), or {key('replace_block')}: use another block", qid, index)


def _spelling(f: Finding, s: DraftSession) -> Fix:
    """A misspelt word of the user's text: the fix key offers the dictionary's corrections and accepting
    it (the workspace's `words`)."""
    qid, index = _at(f, s)
    m = MISSPELT.match(f.message)
    if m is None:  # the summary of many words: go to the text
        return Fix("item" if qid else "none", "correct the words in your text, or add the right ones to drafter.yaml `words`", qid, index)
    word = m.group(1)
    return Fix("word", f"{key('fix')}: correct {_name(word)}, or add it to the workspace's words", qid, index, suggestion=word)


def _dates(f: Finding, s: DraftSession) -> Fix:
    """The deadline passed or the details were not checked lately: the consultation's dates form."""
    from ..ops.dates import shared_library

    lc = s.lw.consultations.get(s.consultation.id)
    if lc is None:
        return Fix("none", None)
    shared = shared_library(s.lw, lc)
    if shared is not None:
        return Fix("none", f"the shared library '{visible(shared, one_line=True)}' keeps this consultation: "
                           "its maintainers update the dates, and a sync (s on the home screen) brings them")
    return Fix("dates", f"{key('dates')}: the deadline the organiser's page gives now; saving marks the details checked today")


def _preview(f: Finding, s: DraftSession) -> Fix:
    hint = f"{key('preview_submission')}: preview the submission; shorten the longest answers ({key('toggle_variant')}: a block's short variant)"
    return Fix("preview", hint)


RULES: dict[str, Rule] = {
    "yaml": _none,
    "schema": _none,
    "duplicate-id": _none,
    "unknown-theme": _none,
    "unknown-block": _unknown_block,
    "unknown-question": _unknown_question,
    "unanswered": _unanswered,
    "over-limit": _limit,
    "near-limit": _limit,
    "short-fits": _limit,
    "theme-mismatch": _replace("{replace_block}: replace it with a block that fits the question (★ in the list), or {remove_item}: remove it"),
    "unresolved-variable": _respondent,
    "template": _replace("{replace_block}: use another block, or {remove_item}: remove it (its library must fix the template)"),
    "respondent-missing": _respondent,
    "stale-block": _stale,
    "block-changed": _changed,
    "duplicate-block": _item("{remove_item}: remove it from this answer, or {replace_block}: use another block"),
    "phrase": _item(),
    "deadline-near": _none,
    "deadline-passed": _dates,
    "unchecked-consultation": _dates,
    "control-char": _item(),
    "bad-rule": _none,
    "unsafe-link": _unsafe_link,
    "invalid-choice": _choice,
    "placeholder-left": _item("fill it in or delete it in your text, or {remove_item}: remove the item"),
    "over-total": _preview,
    "over-pages": _preview,
    "review-date": _item("the block's library should correct its `reviewed` date; {replace_block}: use another block"),
    "paragraph-changed": _item("alt+r: re-base the comment on the new text (the diff then shows your wording against it)"),  # (draft_comments.py)
    "language-mismatch": _replace("{replace_block}: use a block translated into the consultation's language, or {remove_item}: remove it and write your own"),
    "spelling": _spelling,
}
"""One rule per finding code: its fix in the UI."""


def fix_for(f: Finding, session: DraftSession) -> Fix:
    """Where `f`'s fix is and what leads to it (`none` for a code without a rule)."""
    rule = RULES.get(f.code, _none)
    try:
        return rule(f, session)
    except (EditRefused, LookupError, ValueError):  # a finding the rule cannot place is shown as it is
        return Fix("none", None)


def hint_for(f: Finding, fix: Fix) -> str | None:
    """The hint the UI shows: the fix's, else the core's."""
    return fix.hint or f.hint


SEVERITY = {"error": 0, "warning": 1, "info": 2}


def first_fix(findings: list[Finding], fixes: list[Fix]) -> int | None:
    """Which of an answer's findings the fix key acts on: the most severe one whose fix does something."""
    acting = [i for i, fx in enumerate(fixes) if fx.acts]
    return min(acting, key=lambda i: (SEVERITY.get(findings[i].severity, 3), i)) if acting else None
