"""The ranking: the blocks that fit a question, each with a match strength from 0 to 1 and its reasons.

A block's strength for a question combines:

- **words**: a full-text BM25 score of the question's words (text, guidance, a part's preamble) and
  of its pairs of neighbouring words (a phrase counts more than its words apart) over the block's
  title, summary (twice), body, tags and theme labels, in the block's language (its
  translation in the consultation's language when it has one), with a Snowball stemmer for that
  language — mostly (1 − COVER) relative to the best block for this question, partly (COVER) the
  share of the question's (idf-weighted) words the block has, so a weak best match is not shown as
  a strong one; the BM25 part ranks again with the question's words expanded by the words of its
  best matches (pseudo-relevance feedback, see FEEDBACK_WEIGHT), so a block that says what they say
  in other words than the question's can come up;
- **themes**: the share of the question's themes the block has (when the question has themes);
  for a question without themes, the themes its words name in the theme vocabulary (each theme's
  id, label and description) and the themes of its best word matches;
- **fit**: whether the body fits the question's limit, or only the short variant (then the
  suggestion's `variant` is `short`), or neither;
- **freshness**: a block due for review counts a little less;
- **use**: a block already used in this draft counts half; a block chosen for a similar question in
  the workspace's other drafts counts more.

Reasons are sentences a person reads: "themes shared: …", "words matched: …", "fits 500 words with
short", "due for review", "already used in 2.1", "chosen for 2.1 in drafts/other.yaml", "weak: few
of the question's words" (see WEAK).

Measured by benchmarks/bench_suggest.py on its evaluation set (74 real consultation questions over
the sample library and a second one, split by call into a tuning half, on which every weight here
was chosen, and a held-out half; 37 of the questions were added after the weights were chosen and
judged before any ranking was run on them; a second judge judged all 74 blind). recall@3 / MRR:
held-out 0.750 / 0.904, the added questions 0.545 / 0.767, all 0.707 / 0.877, beside plain BM25
0.579 / 0.856, 0.405 / 0.717, 0.556 / 0.807; the second judge's first three reach 0.905 on the first
judgments. The goal of 0.9 is not reached. The README ("Suggestions") gives the table and what was
tried on the tuning half and left out:
maximal marginal relevance, latent semantic analysis, other weights for word pairs and idf, 81
settings of the theme and coverage weights, sources' titles and tag titles in a block's text, a
hubness discount (a block's score over its match to every other block), the question frequency of
a question's words over the workspace's other consultations (better on the tuning half and the
fresh questions, held-out recall@3 0.750 → 0.741), and two sentence-embedding
models (all-MiniLM-L6-v2: 0.49 alone; multilingual-e5-small: 0.54 alone; no gain mixed in).

Speed over 5,000 blocks: 100 questions in 59 ms with the index loaded, one in 0.6 ms, plus 9 ms once
per index for reading it by block (`SuggestIndex.by_block`).

Invariant: numpy is imported inside the functions that need it, never by importing this module
(the UI imports `Suggestion` and `strength_bar` for its first paint).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..library import LoadedLibrary
from ..model import Block, Limit
from ..questionnaire import Target
from .index import SuggestIndex
from .themes import infer_themes
from .tokens import analyzer

# weights of the parts of a strength (each part is from 0 to 1)
W_WORDS, W_THEMES, W_FIT, W_FRESH = 0.45, 0.40, 0.10, 0.05
W_INFERRED = 0.5
"""For a question without themes: the weight of the themes inferred from its best word matches."""
USED_FACTOR = 0.5
"""A block already used in this draft keeps this share of its strength."""
CHOSEN_BONUS = 0.2
"""Added (times the questions' similarity) for a block chosen for a similar question elsewhere."""
COVER = 0.3
"""The share of the words part that is the share of the question's words a block has (the rest: BM25
relative to the best block)."""
SHORT_FIT = 0.8
"""The fit of a block that fits only with its short variant (body fits: 1; neither: 0)."""
WEAK = 0.10
"""A suggestion is weak when it has less than this share of the question's (idf-weighted) words and
neither a theme set on the question nor a choice in another draft vouches for it. Its score can still
be high (the words part is partly relative to the best block, and themes are inferred from the best
matches), so the floor is on what the block itself has: a question off the library's subjects
("Quelle est votre position sur la gouvernance ?" over English blocks: 0.07) falls under it. Chosen
on the evaluation's tuning half, where it is the knee: of the suggestions in a top 3 that nothing
vouches for, 0.10 hides 3 of the 13 wrong ones and 2 of the 24 right ones; 0.15 hides one more wrong
and two more right, 0.05 none (benchmarks/bench_suggest.py prints the figures for both halves)."""
FIRM = 0.5
"""The strength a suggestion needs (and not weak) for f10 and `new --suggest` to take it without a
person choosing it; the library pane and `drafter suggest` still list weaker ones, with their bars.
On the evaluation set none of the 124 right blocks in the questions' top 3s scores under it, and 4 of
the 98 wrong ones do (benchmarks/bench_suggest.py prints both per half): every question there has
blocks that fit, so it seldom bites. What it is for: a block that shares a theme with the question
and hardly a word of it, which leads once the blocks that fit are used (the sample draft's "DNS
abuse — clear, enforceable obligations to act", 0.32, for "Please briefly describe your
organisation")."""
FEEDBACK_DOCS, FEEDBACK_TERMS, FEEDBACK_WEIGHT = 10, 10, 0.1
"""Query expansion by pseudo-relevance feedback (RM3-style, see `_expand`): the FEEDBACK_TERMS words
most weighted in the question's FEEDBACK_DOCS best word matches join the question's with the weight
FEEDBACK_WEIGHT (0: no expansion). Chosen on the first evaluation set's tuning half alone from a
grid of 48 (`bench_suggest.py --grid`: 3, 5, 10 or 20 blocks; 5, 10 or 20 terms; weight 0.05 to 0.3)
by recall@3, then MRR: none raised recall@3 there; this one raised MRR (0.974 → 1.000) and cost
nothing measurable on either half, so it was kept."""


@dataclass(frozen=True)
class Suggestion:
    """One block suggested for one question."""

    lib: LoadedLibrary
    block: Block
    ref: str
    """`namespace/id`."""
    score: float
    variant: Literal["body", "short"]
    reasons: tuple[str, ...]
    matched: float = 1.0
    """The share of the question's (idf-weighted) words the block has, counting the words no block has."""
    vouched: bool = False
    """It shares a theme set on the question, or was chosen for a similar question elsewhere."""

    @property
    def weak(self) -> bool:
        """Too little speaks for it (see WEAK): the UI gives it no strength bar and does not lead with it."""
        return not self.vouched and self.matched < WEAK

    @property
    def firm(self) -> bool:
        """Strong enough to be taken without a person choosing it (see FIRM): f10, `new --suggest`."""
        return not self.weak and self.score >= FIRM

    def as_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "score": round(self.score, 2), "variant": self.variant, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Chosen:
    """A block chosen for a similar question in another draft: `similarity` from 0 to 1, `where`
    says which question in which draft."""

    similarity: float
    where: str


def query_parts(target: Target) -> list[tuple[str, int]]:
    """The texts a question is matched by, each with its weight: the question's own text 2, its
    guidance and (for a part) its preamble 1."""
    parts = [(target.text, 2), (target.guidance or "", 1)]
    if target.parent is not None:
        parts += [(target.parent.text, 1), (target.parent.guidance or "", 1)]
    return [(text, w) for text, w in parts if text]


def query_text(target: Target) -> str:
    """The words a question is matched by: its text, guidance and (for a part) its preamble."""
    return "\n".join(text for text, _ in query_parts(target))


def limit_of(target: Target) -> Limit | None:
    return target.limit or (target.parent.limit if target.parent is not None else None)


def _fit(limit: Limit | None, sizes: tuple[int, int | None]) -> tuple[float, Literal["body", "short"], str | None]:
    """(fit from 0 to 1, the variant to use, the reason) of a block's body and short sizes."""
    body, short = sizes
    if limit is None:
        return 1.0, "body", None
    bound, unit = (limit.words, "words") if limit.words else (limit.chars or 0, "characters")
    what = f"{bound:,} {unit}"
    if body <= bound:
        return 1.0, "body", f"fits {what}"
    if short is None:
        return 0.0, "body", f"over {what} ({body:,}) and no short variant"
    if short <= bound:
        return SHORT_FIT, "short", f"fits {what} with short"
    return 0.0, "short", f"over {what} even with short ({short:,})"


def rank(
    si: SuggestIndex,
    target: Target,
    *,
    today: dt.date,
    n: int = 5,
    used: Mapping[str, Sequence[str]] | None = None,
    chosen: Mapping[str, Chosen] | None = None,
) -> list[Suggestion]:
    """The `n` blocks of `si` that fit `target` best, strongest first.

    `used`: `namespace/id` → the question ids of this draft that already use the block;
    `chosen`: `namespace/id` → a similar question elsewhere that used it."""
    import numpy as np

    count = len(si.docs)
    if count == 0 or n <= 0:
        return []
    weight, surface = analyzer(si.language).query_terms(query_parts(target))
    qterms = list(weight)
    ids = sorted({si.vocab[t] for t in qterms if t in si.vocab})
    if ids:
        # a term of the question itself counts twice, one of its guidance or preamble once
        qweights = {si.vocab[t]: float(weight[t]) for t in qterms if t in si.vocab}
        bm = _bm25(si, qweights)
        top = float(bm.max())
        relative = bm / top if top > 0 else np.zeros(count)
        cover = np.zeros(count)
        indptr, indices = si.retriever.scores["indptr"], si.retriever.scores["indices"]
        for term in qterms:
            if term in si.vocab:
                t = si.vocab[term]
                cover[indices[indptr[t] : indptr[t + 1]]] += si.idf[t] * weight[term]
        total = float(sum(si.idf[si.vocab[t]] * weight[t] for t in qterms if t in si.vocab))
        covered = cover / total if total > 0 else cover
        words = (1 - COVER) * relative + COVER * covered
        if FEEDBACK_WEIGHT > 0 and top > 0:
            # rank again with the question's words and the words of its best matches (see FEEDBACK_WEIGHT)
            expanded = _expand(si, qweights, words)
            if expanded:
                bm = _bm25(si, expanded)
                relative = bm / float(bm.max())
                words = (1 - COVER) * relative + COVER * covered
        matched = _matched(si, qterms, weight)
    else:
        words = np.zeros(count)
        matched = np.zeros(count)
    qthemes = frozenset(target.themes)
    if qthemes:
        cols = [si.theme_ids[t] for t in qthemes if t in si.theme_ids]
        themes = si.theme_matrix[:, cols].sum(axis=1) / len(qthemes) if cols else np.zeros(count)
        score = W_WORDS * words + W_THEMES * themes
    else:
        inferred = infer_themes(si, words, weight)
        weights = np.zeros(si.theme_matrix.shape[1])
        for theme, share in inferred.items():
            weights[si.theme_ids[theme]] = share
        themes = (si.theme_matrix * weights).max(axis=1)
        score = (W_WORDS + W_THEMES - W_INFERRED) * words + W_INFERRED * themes
    limit = limit_of(target)
    if limit is not None:
        body, short = si.sizes["words" if limit.words else "chars"]
        bound = limit.words or limit.chars or 0
        fit = np.where(body <= bound, 1.0, np.where((short >= 0) & (short <= bound), SHORT_FIT, 0.0))
        score = score + W_FIT * fit
    else:
        score = score + W_FIT
    due = si.due(today)
    score = score + W_FRESH * (~due)
    used = used or {}
    chosen = chosen or {}
    for ref in used:
        if ref in si.row:
            score[si.row[ref]] *= USED_FACTOR
    for ref, c in chosen.items():
        if ref in si.row:
            score[si.row[ref]] += CHOSEN_BONUS * c.similarity
    np.clip(score, 0.0, 1.0, out=score)
    # a block with neither a word nor a theme of the question (nor chosen for one like it) is no suggestion
    related = (words > 0) | (themes > 0)
    for ref in chosen:
        if ref in si.row:
            related[si.row[ref]] = True
    score[~related] = -1.0
    k = min(n, int(related.sum()))
    if k == 0:
        return []
    best = np.argpartition(-score, k - 1)[:k] if k < count else np.arange(count)
    order = sorted(best.tolist(), key=lambda i: (-score[i], si.docs[i].ref))
    out = []
    for i in order:
        d = si.docs[i]
        reasons = []
        shared = [t for t in target.themes if t in si.themes[i]]
        if shared:
            reasons.append("themes shared: " + ", ".join(shared))
        if ids:
            doc_terms = [t for t in dict.fromkeys(qterms) if t in si.vocab and _has(si, si.vocab[t], i)]
            doc_terms.sort(key=lambda t: (-weight[t], -si.idf[si.vocab[t]]))
            if doc_terms:
                reasons.append("words matched: " + ", ".join(surface[t] for t in doc_terms[:5]))
        variant: Literal["body", "short"] = "body"
        if limit is not None:
            _, variant, why = _fit(limit, (si.words if limit.words else si.chars)[i])
            if why:
                reasons.append(why)
        if not d.translated:
            reasons.append(f"no {si.language} translation")
        if due[i]:
            reasons.append("due for review")
        if d.ref in used:
            reasons.append("already used in " + ", ".join(used[d.ref]))
        elsewhere = chosen.get(d.ref)
        if elsewhere is not None:
            reasons.append(f"chosen for {elsewhere.where}")
        if not shared and elsewhere is None and matched[i] < WEAK:
            reasons.append("weak: few of the question's words")
        out.append(Suggestion(d.lib, d.block, d.ref, float(score[i]), variant, tuple(reasons), float(matched[i]), bool(shared) or elsewhere is not None))
    return out


def _bm25(si: SuggestIndex, weights: Mapping[int, float]) -> Any:
    """Each block's BM25 score for weighted terms (term id → weight): the sum of each term's BM25
    weight in the block times the term's weight."""
    import numpy as np

    indptr, indices, data = si.retriever.scores["indptr"], si.retriever.scores["indices"], si.retriever.scores["data"]
    out = np.zeros(len(si.docs))
    for t, w in weights.items():
        out[indices[indptr[t] : indptr[t + 1]]] += w * data[indptr[t] : indptr[t + 1]]
    return out


def _expand(si: SuggestIndex, weights: Mapping[int, float], first: Any) -> dict[int, float]:
    """Pseudo-relevance feedback (RM3-style): the question's term weights, each a share of their sum,
    times (1 − FEEDBACK_WEIGHT), plus FEEDBACK_WEIGHT times the FEEDBACK_TERMS single words most
    weighted in the FEEDBACK_DOCS best blocks of the `first` ranking (each word's BM25 weight — its
    idf times its saturated, length-normalised frequency — summed over those blocks, the question's
    own terms left out), each a share of theirs. {} when the best blocks have no other word."""
    import numpy as np

    k = min(FEEDBACK_DOCS, len(first))
    if k <= 0 or FEEDBACK_TERMS <= 0:
        return {}
    best = np.argpartition(-first, k - 1)[:k]
    best = best[first[best] > 0]
    ptr, terms, tw, single = si.by_block()
    at = np.concatenate([np.arange(ptr[i], ptr[i + 1]) for i in best.tolist()]) if len(best) else np.zeros(0, dtype="int64")
    t, w = terms[at], tw[at]
    keep = single[t] & ~np.isin(t, np.fromiter(weights, dtype="int64", count=len(weights)))
    found, where = np.unique(t[keep], return_inverse=True)
    if not len(found):
        return {}
    sums = np.bincount(where, weights=w[keep], minlength=len(found))
    chosen = np.argsort(-sums, kind="stable")[:FEEDBACK_TERMS]  # ties: the lower term id
    fb_total = float(sums[chosen].sum())
    q_total = sum(weights.values())
    out = {t_: (1 - FEEDBACK_WEIGHT) * w_ / q_total for t_, w_ in weights.items()}
    for j in chosen.tolist():
        out[int(found[j])] = FEEDBACK_WEIGHT * float(sums[j]) / fb_total
    return out


def _matched(si: SuggestIndex, qterms: Sequence[str], weight: Mapping[str, int]) -> Any:
    """Each block's share of the question's (idf-weighted, single) words, counting the words no block
    has at the highest idf: how much of the question a block speaks to, whatever the other blocks."""
    import numpy as np

    unseen = si.unseen_idf
    indptr, indices = si.retriever.scores["indptr"], si.retriever.scores["indices"]
    got = np.zeros(len(si.docs))
    total = 0.0
    for term in qterms:
        if " " in term:  # a pair of words: its words count
            continue
        t = si.vocab.get(term)
        idf = float(si.idf[t]) if t is not None else unseen
        total += idf * weight[term]
        if t is not None:
            got[indices[indptr[t] : indptr[t + 1]]] += idf * weight[term]
    return got / total if total > 0 else got


def _has(si: SuggestIndex, term: int, doc: int) -> bool:
    indptr, indices = si.retriever.scores["indptr"], si.retriever.scores["indices"]
    return bool((indices[indptr[term] : indptr[term + 1]] == doc).any())


def strength_bar(score: float, width: int = 5) -> str:
    """The score as a bar of `width` cells: ▰▰▰▱▱."""
    full = max(0, min(width, math.floor(score * width + 0.5)))
    return "▰" * full + "▱" * (width - full)
