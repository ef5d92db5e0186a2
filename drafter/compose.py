"""Compose an answer: each item's Markdown (blocks through the sandbox) joined by a blank line.

Invariant: a block's template sees only the plain data `make_context` builds — dicts, lists,
strings, numbers, booleans and dates, never a model object, so no method of ours is reachable —
and renders through `sandbox.render_template`, which turns every failure into a finding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .findings import Finding, finding
from .library import BlockLookupError, block_languages, block_text
from .model import Block, BlockItem, ChoiceItem, Consultation, Draft, Item, Limit, Question, TextItem
from .plaintext import count_chars, count_words, to_plain
from .questionnaire import Target
from .sandbox import TemplateBudgetExceeded, render_template
from .sandbox.budget import MAX_DEPTH

__all__ = [
    "Answer",
    "BlockLookup",
    "BlockLookupError",
    "Composed",
    "ComposedItem",
    "TemplateBudgetExceeded",
    "compose",
    "compose_answer",
    "make_context",
    "render_template",
]


BlockLookup = Callable[[str], Block]  # raises BlockLookupError


@dataclass
class ComposedItem:
    item: Item
    markdown: str | None  # None when the item could not be composed
    block: Block | None = None
    findings: list[Finding] = field(default_factory=list)
    language: str | None = None
    """The language a block item was composed in (its translation's, or its own when it has none)."""

    @property
    def failed_mark(self) -> str | None:
        """What `render --force` prints in place of an item that could not be composed (None when it
        was): the block and the first finding's message."""
        if self.markdown is not None:
            return None
        what = getattr(self.item, "block", "an item")
        why = self.findings[0].message if self.findings else "it could not be composed"
        return f"[not included: block '{what}' — {' '.join(why.split())}]"


@dataclass
class Composed:
    markdown: str
    items: list[ComposedItem]
    findings: list[Finding]

    def blocks(self) -> list[Block]:
        """The blocks composed, in order (an item that failed to resolve has none)."""
        return [ci.block for ci in self.items if ci.block is not None]

    def parts(self) -> list[tuple[ComposedItem, str]]:
        """Each item that gave text, with its part of `markdown` (trimmed): joined by a blank line
        the parts are `markdown`."""
        out = []
        for ci in self.items:
            part = _trim(ci.markdown) if ci.markdown else ""
            if part:
                out.append((ci, part))
        return out


@dataclass
class Answer:
    """A composed answer and the counts of its plain text (what a limit is checked against)."""

    composed: Composed
    plain: str
    words: int
    chars: int

    @property
    def markdown(self) -> str:
        return self.composed.markdown

    def used(self, limit: Limit | None) -> int | None:
        """The count `limit` is measured in (None without a limit)."""
        if limit is None:
            return None
        return self.words if limit.unit == "words" else self.chars


def measure(composed: Composed, *, urls: bool = False) -> Answer:
    """The plain text and counts of a composed answer; with `urls` (a web form) link URLs count too."""
    plain = to_plain(composed.markdown, urls=urls)
    return Answer(composed, plain, count_words(plain), count_chars(plain))


def compose_answer(
    items: list[Item], lookup: "BlockLookup", context: dict, *, question: str | None = None,
    language: str | None = None, urls: bool = False,
) -> Answer:
    """Compose a target's items and measure the result."""
    return measure(compose(items, lookup, context, question=question, language=language), urls=urls)


# --------------------------------------------------------------------------- context

def make_context(draft: Draft, consultation: Consultation, question: Target | Question | None, today: dt.date) -> dict:
    """Plain-data context for block templates: respondent, cosigners, consultation, question, today.

    - `respondent`: every field of the draft's respondent, extra fields included; a field that is
      empty (missing, null or blank) is left out, so `{{ respondent.x }}` on it is an
      `unresolved-variable` finding that says which field to fill, never the text "None".
    - `cosigners`: list of `{organisation, country}` (empty fields left out likewise).
    - `consultation`: `{id, title, organiser, url, deadline, language}`; `deadline` is the ISO 8601
      string with its offset; `url` is absent when the consultation has none.
    - `question`: `{id, number, text, themes}` of the target answered, or None when the composition
      is for no particular question.
    - `today`: a `datetime.date` (immutable), so a template may write `{{ today }}` (ISO form),
      `{{ today.year }}` or `{{ today.strftime('%d %B %Y') }}`. Checks and renders pass the draft's
      `date`, so the same draft always composes the same text.
    """
    respondent = _plain(draft.respondent.model_dump(mode="python"))
    cosigners = [_plain(c.model_dump(mode="python")) for c in draft.cosigners]
    cons = {
        "id": consultation.id,
        "title": consultation.title,
        "organiser": consultation.organiser,
        "url": consultation.url,
        "deadline": consultation.deadline.isoformat(),
        "language": consultation.language,
    }
    if isinstance(today, dt.datetime):
        today = today.date()
    return {
        "respondent": _drop_empty(respondent),
        "cosigners": [_drop_empty(c) for c in cosigners],
        "consultation": _drop_empty(_plain(cons)),
        "question": question_context(question),
        "today": today,
    }


def question_context(question: Target | Question | None) -> dict | None:
    """The `question` part of the context: `{id, number, text, themes}`."""
    if question is None:
        return None
    number = question.number if question.number is not None else question.id
    return {"id": question.id, "number": number, "text": question.text, "themes": list(question.themes)}


def _drop_empty(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not None and not (isinstance(v, str) and not v.strip())}


def _plain(value: Any, _depth: int = 0, _path: frozenset[int] = frozenset()) -> Any:
    """A deep copy of `value` made of builtin types only (YAML subclasses and models flattened)."""
    if value is None or type(value) in (str, int, float, bool, dt.date, dt.datetime, dt.time):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):  # subclasses (e.g. ruamel's TimeStamp): rebuild as the plain type
        return dt.datetime(*value.timetuple()[:6], value.microsecond, value.tzinfo)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, dt.time):
        return dt.time(value.hour, value.minute, value.second, value.microsecond, value.tzinfo)
    if _depth >= MAX_DEPTH or id(value) in _path:  # too deep, or a YAML alias cycle
        return None
    inner = _path | {id(value)}
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python")
    if isinstance(value, dict):
        return {str(k): _plain(v, _depth + 1, inner) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v, _depth + 1, inner) for v in value]
    return str(value)


# --------------------------------------------------------------------------- composing


def compose(
    items: list[Item], lookup: BlockLookup, context: dict, *, question: str | None = None, language: str | None = None
) -> Composed:
    """Compose a question's items in order, joined by a blank line.

    - a block item is the block's `body`, or its `short` with `variant: short` (a block without a
      `short` falls back to its `body`, without a finding: the answer is still right, only longer,
      and the limit checks will say if that matters), rendered as a sandboxed template;
    - a text item is the respondent's own Markdown, used as written and *not* templated: someone
      typing `{{` or `{%` in their own words must not get a template error, and their text has no
      reason to reach the context;
    - a choice item is the chosen value.

    A block is composed in `language` (its translation, when it has one; see `library.block_text`);
    a block without one is composed in its own language with a `language-mismatch` finding.
    Each part loses leading blank lines and trailing whitespace (indentation of its first line is
    kept, as it is Markdown); empty parts are skipped. Findings carry `question` and, for blocks,
    `block`.
    """
    done: list[ComposedItem] = []
    findings: list[Finding] = []
    for item in items:
        if isinstance(item, BlockItem):
            composed = _compose_block(item, lookup, context, question, language)
        elif isinstance(item, TextItem):
            composed = ComposedItem(item=item, markdown=item.text)
        elif isinstance(item, ChoiceItem):
            composed = ComposedItem(item=item, markdown=item.choice)
        else:  # pragma: no cover - the model admits no other kind
            raise TypeError(f"not an answer item: {item!r}")
        done.append(composed)
        findings.extend(composed.findings)
    result = Composed(markdown="", items=done, findings=findings)
    result.markdown = "\n\n".join(part for _, part in result.parts())
    return result


def _compose_block(item: BlockItem, lookup: BlockLookup, context: dict, question: str | None, language: str | None) -> ComposedItem:
    ref = item.block
    try:
        block = lookup(ref)
    except BlockLookupError as exc:
        message = str(exc) or f"no library has a block '{ref}'"
        f = finding("unknown-block", message, hint="check the id, or add the library that has it", question=question, block=ref)
        return ComposedItem(item=item, markdown=None, findings=[f])
    found = block_text(block, item.variant, language)
    text, fs = render_template(found.source, context, name=ref)
    fs = [f.model_copy(update={"question": question, "block": ref}) for f in fs]
    if language and not found.translated:
        fs.append(language_mismatch(block, ref, language, question))
    return ComposedItem(item=item, markdown=text, block=block, findings=fs, language=found.language)


def language_mismatch(block: Block, ref: str, language: str, question: str | None) -> Finding:
    """`language-mismatch`: the block has no translation into the consultation's language."""
    has = ", ".join(block_languages(block))
    return finding(
        "language-mismatch",
        f"block '{ref}' has no {language} translation; it is composed in {block.language} (it has: {has})",
        hint=f"ask the library to add a `translations: {language}:` entry to the block, or replace it by your own text in {language}",
        question=question,
        block=ref,
    )


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\r?\n)+")


def _trim(markdown: str) -> str:
    return _LEADING_BLANK_LINES.sub("", markdown).rstrip()
