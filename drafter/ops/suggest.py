"""Suggestions for a draft's questions: what `drafter suggest`, `drafter new --suggest` and the UI's
library pane show. The ranking is `drafter.suggest`'s; this gathers what it needs from the
workspace: the suggestion index (kept in the workspace's cache), the blocks this draft already uses,
and the blocks the workspace's other drafts chose for similar questions.

Invariant: both front doors call these functions, so the CLI and the UI never rank differently:
`drafter suggest` prints `suggest_in_context`'s list (weak ones too, marked "weak"); the library pane
leads with its `leading` ones (the same, in the same order, without the weak ones), and f10 takes its
`best_unused` when it is firm (`Suggestion.firm`). `new --suggest` writes only firm suggestions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import DraftContext
from ..consultation import LoadedConsultation
from ..draft import load_draft
from ..draft_editor import DraftEditor
from ..library import BlockLookupError, LibraryIndex
from ..loaded import LoadedWorkspace
from ..model import Consultation, Limit
from ..pins.store import store
from ..questionnaire import Response, Target, block_uses, build
from ..suggest import Chosen, SuggestIndex, Suggestion, analyzer, primary, rank, suggest_index
from .check import draft_context

SIMILAR = 0.35
"""Two questions at least this alike (Jaccard of their index terms) count as similar."""
REVIEW_COMMENT = "suggested: review"
"""The comment `new --suggest` puts on each block it inserts."""
NOTHING_COMMENT = "suggested: nothing fit well enough"
"""The comment `new --suggest` adds to a question it leaves empty (its end-of-line comment)."""


class UnknownQuestion(LookupError):
    """A question id the draft's consultation lacks (the message names the ids it has)."""


@dataclass(frozen=True)
class QuestionSuggestions:
    target: Target
    blocks: list[Suggestion]
    """Best first, weak ones included (`drafter suggest` lists them with the reason "weak")."""
    used: dict[str, list[str]] = field(default_factory=dict)
    """`namespace/id` → the questions of the draft that use the block (what the ranking counted)."""

    @property
    def leading(self) -> list[Suggestion]:
        """The suggestions that are not weak, in the same order: what the library pane leads with."""
        return [s for s in self.blocks if not s.weak]

    def best_unused(self) -> Suggestion | None:
        """The best of `leading` the draft does not use yet (taking a used one is a duplicate-block)."""
        return next((s for s in self.leading if s.ref not in self.used), None)

    def as_json(self) -> dict:
        return {"question": self.target.id, "blocks": [s.as_json() for s in self.blocks]}


@dataclass(frozen=True)
class _Past:
    """A question another draft answered with blocks."""

    consultation: str
    target: str
    terms: frozenset[str]
    where: str
    refs: tuple[str, ...]


def index_for(lw: LoadedWorkspace, language: str) -> SuggestIndex:
    """The workspace's suggestion index in `language` (from its cache when no block changed)."""
    return suggest_index(lw.index, language, lw.ws.cache_dir)


def _ref(index: LibraryIndex, ref: str) -> str | None:
    try:
        lib, block = index.resolve(ref)
    except BlockLookupError:
        return None
    return f"{lib.namespace}/{block.id}"


def used_in(index: LibraryIndex, resp: Response) -> dict[str, list[str]]:
    """`namespace/id` → the ids of the questions of this response that use it."""
    used: dict[str, list[str]] = {}
    for use in resp.block_uses():
        ref = _ref(index, use.ref)
        if ref is not None and use.target_id not in used.setdefault(ref, []):
            used[ref].append(use.target_id)
    return used


def _history(lw: LoadedWorkspace, exclude: Path | None, language: str) -> list[_Past]:
    """The questions the workspace's drafts (but `exclude`) answered with blocks; kept on `lw`
    while no draft file changed."""
    paths = [p for p in lw.draft_paths() if exclude is None or p.resolve() != exclude.resolve()]
    stamp = []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        stamp.append((str(p), st.st_mtime_ns, st.st_size))
    key = (str(exclude), primary(language), tuple(stamp))
    memo = lw.__dict__.setdefault("_suggest_history", {})
    if key in memo:
        return memo[key]
    an = analyzer(language)
    out: list[_Past] = []
    for name, _, _ in stamp:
        model = load_draft(Path(name)).model
        lc = lw.consultations.get(model.consultation) if model is not None else None
        if model is None or lc is None or lc.model is None:
            continue
        q = build(lc.model, model)
        per_target: dict[str, list[str]] = {}
        for use in block_uses(model):
            ref = _ref(lw.index, use.ref)
            if ref is not None:
                per_target.setdefault(use.target_id, []).append(ref)
        for tid, refs in per_target.items():
            target = q.get(tid)
            if target is None:
                continue
            terms = frozenset(an(target.text + "\n" + (target.guidance or "")))
            out.append(_Past(lc.model.id, tid, terms, f"{tid} in {lw.ws.display(Path(name))}", tuple(dict.fromkeys(refs))))
    memo.clear()
    memo[key] = out
    return out


def chosen_for(history: Iterable[_Past], consultation_id: str, target: Target, language: str) -> dict[str, Chosen]:
    """The blocks chosen for questions like `target` in other drafts (the same question of the same
    consultation counts as alike as can be)."""
    terms = frozenset(analyzer(language)(target.text + "\n" + (target.guidance or "")))
    out: dict[str, Chosen] = {}
    for past in history:
        if past.consultation == consultation_id and past.target == target.id:
            sim = 1.0
        elif terms and past.terms:
            sim = len(terms & past.terms) / len(terms | past.terms)
        else:
            sim = 0.0
        if sim < SIMILAR:
            continue
        for ref in past.refs:
            if ref not in out or out[ref].similarity < sim:
                out[ref] = Chosen(sim, past.where)
    return out


class DraftSuggester:
    """Ranks blocks for the questions of one draft (or of a consultation, for a new draft)."""

    def __init__(self, lw: LoadedWorkspace, consultation: Consultation, today: dt.date, *, path: Path | None = None):
        self.lw = lw
        self.consultation = consultation
        self.language = consultation.language or "en"
        self.today = today
        self.index = index_for(lw, self.language)
        self.history = _history(lw, path, self.language)

    def rank(self, target: Target, n: int = 5, used: dict[str, list[str]] | None = None) -> list[Suggestion]:
        chosen = chosen_for(self.history, self.consultation.id, target, self.language)
        return rank(self.index, target, today=self.today, n=n, used=used, chosen=chosen)


def suggest_draft(lw: LoadedWorkspace, path: Path, now: dt.datetime, *, qid: str | None = None, n: int = 5) -> list[QuestionSuggestions]:
    """For each question of the draft at `path` (or only `qid`), the `n` blocks that fit best.
    UnusableInput when the draft or its consultation cannot be used; UnknownQuestion for a `qid`
    the consultation lacks."""
    ctx = draft_context(lw, path, now)
    return suggest_in_context(lw, ctx, path, qid=qid, n=n)


def suggest_in_context(lw: LoadedWorkspace, ctx: DraftContext, path: Path | None, *, qid: str | None = None, n: int = 5,
                       suggester: DraftSuggester | None = None) -> list[QuestionSuggestions]:
    """As `suggest_draft`, over a draft already loaded (the UI's unsaved state)."""
    targets = [t for t in ctx.questionnaire.targets if t.answer == "text"]
    if qid is not None:
        target = ctx.questionnaire.get(qid)
        if target is None:
            known = ", ".join(t.id for t in ctx.questionnaire.targets) or "none"
            raise UnknownQuestion(f"the consultation has no question '{qid}' (it has: {known})")
        targets = [target]
    s = suggester or DraftSuggester(lw, ctx.consultation, ctx.today, path=path)
    used = used_in(lw.index, ctx.response)
    return [QuestionSuggestions(t, s.rank(t, n, used), used) for t in targets]


def write_suggested(lw: LoadedWorkspace, consultation: LoadedConsultation, path: Path, today: dt.date) -> int:
    """Put each question's best block into the new draft at `path` (pinned, marked
    `# suggested: review`); returns how many questions got one. A block goes to one question only,
    to a question with themes only when it shares one, and only when it is firm (not weak, and as
    strong as `ranking.FIRM`): a question with no such block stays empty, its
    comment saying `suggested: nothing fit well enough`. Questions answered by a choice, and the
    paragraphs of a document, get none."""
    assert consultation.model is not None
    editor = DraftEditor.load(path)
    model = editor.model()
    if model is None or consultation.model.kind == "document":
        return 0
    s = DraftSuggester(lw, consultation.model, today, path=path)
    q = build(consultation.model, model)
    used: dict[str, list[str]] = {}
    count = 0
    for target in q.targets:
        if target.answer != "text" or target.kind == "paragraph":
            continue
        parent = target.parent
        if target.limit is None and parent is not None and parent.limit is not None:
            # parts share their question's limit: each gets its share, so that together they fit
            share = len(q.parts_of(parent))
            bound = parent.limit.words or parent.limit.chars or 0
            limit = Limit(words=bound // share) if parent.limit.words else Limit(chars=bound // share)
            target = dataclasses.replace(target, limit=limit)
        # the best block the draft's checks accept: not used already (duplicate-block), and sharing a
        # theme with a question that has themes (theme-mismatch); and firm (not a poor fit the
        # reviewer would have to spot and remove); none: the question stays empty, and says why
        fitting = [c for c in s.rank(target, 10, used)
                   if c.ref not in used and c.firm and (not target.themes or set(target.themes) & set(c.block.themes))]
        if not fitting:
            editor.note_list(target.loc, NOTHING_COMMENT)
            continue
        top = fitting[0]
        pin = store(lw.ws.state_dir, top.block, consultation.model.language)
        ref = lw.index.qualified(top.lib, top.block)
        at = editor.insert_block(target.loc, ref, pin, variant=top.variant)
        editor.items(target.loc)[at].yaml_add_eol_comment(REVIEW_COMMENT, "block")
        used.setdefault(top.ref, []).append(target.id)
        count += 1
    if editor.dirty:
        editor.save()
    return count

