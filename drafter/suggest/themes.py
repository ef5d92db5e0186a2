"""A question's themes when it has none set: the themes its words name in the libraries' theme
vocabulary (each theme's id, label and description) and the themes of the blocks its words match
best. The ranking weighs them as it weighs a question's own themes, with W_INFERRED (`ranking`).

Invariant: numpy is imported inside the functions that need it (see `ranking`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .index import SuggestIndex

INFER_FROM = 5
"""How many of the best word matches a question's themes are inferred from."""
W_VOCAB = 0.5
"""The share of the inferred themes read from the theme vocabulary (each theme's label and
description against the question's words; the rest from its best word matches)."""


def infer_themes(si: SuggestIndex, words: Any, qterms: Mapping[str, int]) -> dict[str, float]:
    """A question without themes: the themes its words name (theme vocabulary, share W_VOCAB) and
    the themes of the blocks its words match best (each weighted by those blocks' word scores), each
    part with its strongest theme 1."""
    import numpy as np

    out: dict[str, float] = {}
    k = min(INFER_FROM, len(words))
    if k > 0 and float(words.max()) > 0:
        top = np.argpartition(-words, k - 1)[:k]
        weights: dict[str, float] = {}
        for i in top.tolist():
            for t in si.themes[i]:
                weights[t] = weights.get(t, 0.0) + float(words[i])
        best = max(weights.values())
        out = {t: (1 - W_VOCAB) * w / best for t, w in weights.items()}
    named = named_themes(si, qterms)
    for t, w in named.items():
        out[t] = out.get(t, 0.0) + W_VOCAB * w
    return {t: w for t, w in out.items() if t in si.theme_ids}


def named_themes(si: SuggestIndex, qterms: Mapping[str, int]) -> dict[str, float]:
    """The themes whose vocabulary (id, label, description) has the question's words: each the
    idf-weighted share of the question's words it has, the strongest 1."""
    if not si.vocabulary or not qterms:
        return {}
    unseen = si.unseen_idf  # a theme's own word no block has is rare

    def idf(term: str) -> float:
        return float(si.idf[si.vocab[term]]) if term in si.vocab else unseen
    total = sum(idf(t) * w for t, w in qterms.items())
    if total <= 0:
        return {}
    raw = {tid: sum(idf(t) * w for t, w in qterms.items() if t in terms) / total for tid, terms in si.vocabulary.items()}
    best = max(raw.values(), default=0.0)
    return {tid: v / best for tid, v in raw.items() if v > 0} if best > 0 else {}
