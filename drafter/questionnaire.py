"""What a response answers, from any kind of consultation, and a draft's response seen over it.

A consultation asks in one of three shapes (SPEC): a `questionnaire` (sections of numbered
questions, some with parts under a shared preamble), a `free` call (no fixed questions: the draft
brings its own sections) or a `document` (numbered paragraphs, commented one by one). Each becomes
the same thing here: an ordered list of **targets**, each with its printed number, text, guidance,
limit, themes, where it is answered, the heading it stands under, and where the draft keeps its
items. A `Response` is one draft over those targets: the items of each, the answers to ids the
consultation lacks, and every block the draft uses.

Invariant: this is the one module that knows where a consultation keeps its questions and where a
draft keeps its answers. Checks, the submission, the renderers, the UI's question list, `new`,
sharing, review and pinning all go through it, so a new consultation kind is one new builder here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from .model import BlockItem, Consultation, Draft, Item, Limit, Question, Where

TargetKind = Literal["question", "part", "section", "paragraph"]
Loc = tuple[str | int, ...]
"""A key path into a draft file, e.g. `("answers", "2.1")` or `("sections", 0, "items")`."""


@dataclass(frozen=True)
class Heading:
    """What targets stand under: a questionnaire's section, a free response's section, or a
    document's part."""

    id: str
    title: str
    intro: str | None = None


@dataclass(frozen=True, eq=False)
class Target:
    """One thing a response answers: a question, a part of one, a free section, or a paragraph."""

    id: str
    """The id a draft answers by (unique among the targets)."""
    number: str
    """The label printed before the text ("" for none)."""
    text: str
    """The question as asked, the section's title, or the paragraph's text."""
    guidance: str | None
    required: bool
    limit: Limit | None
    themes: tuple[str, ...]
    kind: TargetKind
    answer: Literal["text", "choice"]
    """`choice` when the answer is one of `choices`."""
    choices: tuple[str, ...]
    where: Where
    """`document`, `form` (answered in the organiser's web form only) or `both`."""
    heading: Heading
    loc: Loc
    """Where the draft keeps this target's items."""
    origin: Loc = ()
    """Where the consultation file defines it (empty for a free response's own sections)."""
    parent: Target | None = None
    """For a part: the question whose text is the preamble and whose limit bounds all its parts."""

    @property
    def label(self) -> str:
        """Number and text on one line, as a list shows it."""
        text = " ".join(self.text.split())
        return f"{self.number} {text}" if self.number else text

    @property
    def in_document(self) -> bool:
        return self.where != "form"


@dataclass
class Questionnaire:
    """The targets of one consultation (and, for a free one, of one draft), in order."""

    consultation: Consultation
    headings: list[Heading]
    targets: list[Target]
    parents: list[Target] = field(default_factory=list)
    """Questions with parts: printed once as a preamble; not answered themselves."""
    by_id: dict[str, Target] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {t.id: t for t in self.targets}

    @property
    def kind(self) -> str:
        return self.consultation.kind

    def defined(self) -> list[Target]:
        """Every target the consultation itself defines, parents before their parts, in file order."""
        out: list[Target] = []
        for t in self.targets:
            if t.parent is not None and t.parent not in out:
                out.append(t.parent)
            out.append(t)
        return [t for t in out if t.origin]

    def get(self, target_id: str) -> Target | None:
        return self.by_id.get(target_id)

    def under(self, heading: Heading) -> list[Target]:
        """The targets standing under `heading`, in order."""
        return [t for t in self.targets if t.heading is heading]

    def parts_of(self, parent: Target) -> list[Target]:
        return [t for t in self.targets if t.parent is parent]


# --------------------------------------------------------------------------- builders


def build(consultation: Consultation, draft: Draft | None = None) -> Questionnaire:
    """The targets of `consultation`; a free consultation's come from `draft`'s own sections."""
    return _BUILDERS[consultation.kind](consultation, draft)


def _question_target(q: Question, heading: Heading, origin: Loc, parent: Target | None = None, kind: TargetKind = "question") -> Target:
    return Target(
        id=q.id,
        number=q.id if q.number is None else q.number,
        text=q.text,
        guidance=q.guidance,
        required=q.required,
        limit=q.limit,
        themes=tuple(q.themes),
        kind=kind,
        answer=q.kind,
        choices=tuple(q.choices),
        where=q.where,
        heading=heading,
        loc=("answers", q.id),
        origin=origin,
        parent=parent,
    )


def _from_questionnaire(c: Consultation, draft: Draft | None) -> Questionnaire:
    headings, targets, parents = [], [], []
    for si, section in enumerate(c.sections):
        heading = Heading(section.id, section.title, section.intro)
        headings.append(heading)
        for qi, q in enumerate(section.questions):
            origin = ("sections", si, "questions", qi)
            if not q.parts:
                targets.append(_question_target(q, heading, origin))
                continue
            parent = _question_target(q, heading, origin)
            parents.append(parent)
            for pi, part in enumerate(q.parts):
                targets.append(_question_target(part, heading, (*origin, "parts", pi), parent, kind="part"))
    return Questionnaire(c, headings, targets, parents)


def _text_target(id: str, number: str, text: str, kind: TargetKind, heading: Heading, loc: Loc, *,
                 limit: Limit | None = None, origin: Loc = ()) -> Target:
    """A target answered in free text, optional, with no themes: a free section or a paragraph."""
    return Target(id=id, number=number, text=text, guidance=None, required=False, limit=limit, themes=(), kind=kind,
                  answer="text", choices=(), where="document", heading=heading, loc=loc, origin=origin)


def _from_free(c: Consultation, draft: Draft | None) -> Questionnaire:
    """The draft's own sections; before them, any questions the call does ask (typically a summary
    typed into the organiser's web form, `in: form`)."""
    asked = _from_questionnaire(c, draft) if c.sections else Questionnaire(c, [], [])
    heading = Heading(c.id, c.title)
    own = [
        _text_target(section.id, "", section.title, "section", heading, ("sections", i, "items"), limit=section.limit)
        for i, section in enumerate(draft.sections if draft else [])
    ]
    return Questionnaire(c, [*asked.headings, heading], [*asked.targets, *own], asked.parents)


def _from_document(c: Consultation, draft: Draft | None) -> Questionnaire:
    headings: dict[str, Heading] = {}
    first = Heading(c.id, c.title)
    targets = []
    first_comment: dict[str, int] = {}
    for n, comment in enumerate(draft.comments if draft else []):
        first_comment.setdefault(comment.paragraph, n)
    for pi, p in enumerate(c.paragraphs):
        heading = headings.setdefault(p.section, Heading(p.section, p.section)) if p.section else first
        j = first_comment.get(p.id)
        loc: Loc = ("comments", j, "rationale") if j is not None else ("comments",)
        targets.append(_text_target(p.id, p.id, p.text, "paragraph", heading, loc, origin=("paragraphs", pi)))
    used = [first] if any(t.heading is first for t in targets) else []
    return Questionnaire(c, used + list(headings.values()), targets)


_BUILDERS = {"questionnaire": _from_questionnaire, "free": _from_free, "document": _from_document}


# --------------------------------------------------------------------------- a draft's items


@dataclass(frozen=True)
class ItemList:
    """One list of items in a draft file: the answer to one id."""

    target_id: str
    loc: Loc
    items: list[Item]


def item_lists(draft: Draft) -> Iterator[ItemList]:
    """Every list of items a draft holds, in file order, whatever the consultation's kind."""
    for qid, items in draft.answers.items():
        yield ItemList(qid, ("answers", qid), list(items or []))
    for i, section in enumerate(draft.sections):
        yield ItemList(section.id, ("sections", i, "items"), list(section.items))
    for j, comment in enumerate(draft.comments):
        yield ItemList(comment.paragraph, ("comments", j, "rationale"), list(comment.rationale))


@dataclass(frozen=True)
class BlockUse:
    """A block item of a draft, with where it stands."""

    target_id: str
    index: int
    item: BlockItem
    loc: Loc
    """The item list's key path; the item itself is at `(*loc, index)`."""

    @property
    def ref(self) -> str:
        return self.item.block


def block_uses(draft: Draft) -> Iterator[BlockUse]:
    """Every block item of a draft, in file order."""
    for lst in item_lists(draft):
        for i, item in enumerate(lst.items):
            if isinstance(item, BlockItem):
                yield BlockUse(lst.target_id, i, item, lst.loc)


# --------------------------------------------------------------------------- the response view


@dataclass
class Response:
    """A draft seen over its consultation's targets."""

    questionnaire: Questionnaire
    draft: Draft
    _items: dict[str, list[Item]] = field(default_factory=dict, init=False, repr=False)
    _extra: list[ItemList] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        for lst in item_lists(self.draft):
            if lst.target_id in self.questionnaire.by_id:
                self._items.setdefault(lst.target_id, []).extend(lst.items)
            else:
                self._extra.append(lst)

    @property
    def targets(self) -> list[Target]:
        return self.questionnaire.targets

    def items(self, target_id: str) -> list[Item]:
        """The items answering `target_id` (empty when unanswered or unknown)."""
        return self._items.get(target_id, [])

    def has_items(self, target_id: str) -> bool:
        return bool(self._items.get(target_id))

    def answered_ids(self) -> list[str]:
        """Targets the draft holds an entry for (possibly with no items), in the questionnaire's order."""
        return [t.id for t in self.targets if t.id in self._items]

    def unknown(self) -> list[ItemList]:
        """Entries for ids the consultation lacks (an `unknown-question`)."""
        return list(self._extra)

    def block_uses(self) -> Iterator[BlockUse]:
        return block_uses(self.draft)


def response(consultation: Consultation, draft: Draft) -> Response:
    """The response view of `draft` over `consultation`."""
    return Response(build(consultation, draft), draft)
