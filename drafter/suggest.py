"""Suggest the blocks that fit a question, each with a match strength from 0 to 1 and its reasons.

A block's strength for a question combines:

- **words**: a full-text BM25 score of the question's words (text, guidance, a part's preamble) and
  of its pairs of neighbouring words (a phrase counts more than its words apart) over the block's
  title, summary (twice), body, tags and theme labels, in the block's language (its
  translation in the consultation's language when it has one), with a Snowball stemmer for that
  language — half relative to the best block for this question, half the share of the question's
  (idf-weighted) words the block has, so a weak best match is not shown as a strong one;
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

The full-text library, chosen by measurement (the evaluation set of benchmarks/data/suggest: 37
real consultation questions over the sample library and a second library, 53 blocks; and 5,000
generated blocks; one run on the development machine, 2 cores):

| | bm25s 0.3 + PyStemmer 3.1 | tantivy 0.27 (`en_stem`) |
|---|---|---|
| plain BM25 recall@3 / MRR on the evaluation set | 0.721 / 0.907 | 0.680 / 0.858 |
| build over 5,000 blocks | 389 ms tokenising + 229 ms index | 402 ms |
| one query, every block's score (what ranking needs) | 0.04 ms | 4.2 ms (0.12 ms for the top 50) |
| import | 97 ms (numpy) | 3 ms |
| installed size | 0.6 MB + PyStemmer 2.6 MB + numpy 73 MB | 17 MB |

bm25s won on quality and on the per-question cost of scoring every block; its price is numpy's
size and import time, paid only by the commands that suggest (nothing else imports this module).

The ranking as built (benchmarks/bench_suggest.py, same machine), recall@3 / MRR on the evaluation
set split into a tuning half (every weight below was chosen on it: 19 questions) and a held-out half
(18): tuning 0.868 / 0.974, **held-out 0.833 / 0.956**, all 0.851 / 0.965, beside plain BM25 (bm25s's
defaults over title, summary, body and tags) 0.667 / 0.833, 0.750 / 0.963, 0.707 / 0.896 in the same
run; before this tuning 0.781 / 0.908, 0.833 / 0.958, 0.806 / 0.932. The goal of 0.9 recall@3 is not
reached, and the held-out half did not move. Tried on the tuning half and left out: a separate
title-and-summary field with its own idf, theme descriptions in each block's text, other k1 / b
(1.5 / 0.75 sit on the plateau). Over 5,000 blocks, every question of a 100-question draft in 38 ms
with the index loaded, one question in 0.4 ms, the index loaded warm from the cache in 55 ms and
built cold in 2.0 s (bigrams about double the terms).

The index is kept in the workspace's cache folder beside the parse cache: the tokens of each block
under the hash of its text (so a changed block is tokenised again, the others not), and the built
index under the hash of the whole corpus (so a warm run loads it and builds nothing). Cache files are
JSON and numpy arrays read without pickle: a tampered cache can give wrong rankings, never run code.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
import os
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .library import LibraryIndex, LoadedLibrary, block_text
from .model import Block, Limit
from .questionnaire import Target

CACHE_FORMAT = 2
"""Bump when the tokens or the index change for the same text."""
STEMMERS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "fi": "finnish", "fr": "french", "hu": "hungarian", "id": "indonesian",
    "it": "italian", "nl": "dutch", "no": "norwegian", "nb": "norwegian", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish",
}
"""BCP 47 primary language → Snowball stemmer (PyStemmer); others are matched unstemmed."""
_STOPWORDS = {
    "en": "STOPWORDS_EN_PLUS", "fr": "STOPWORDS_FRENCH", "es": "STOPWORDS_SPANISH", "ru": "STOPWORDS_RUSSIAN",
    "de": "STOPWORDS_GERMAN", "pt": "STOPWORDS_PORTUGUESE", "it": "STOPWORDS_ITALIAN", "nl": "STOPWORDS_DUTCH",
    "zh": "STOPWORDS_CHINESE",
}
_EXTRA_STOP = {
    "en": {
        # the words of a call's instructions, in no block's subject
        "please", "kindly", "briefly", "describe", "explain", "indicate", "provide", "include", "including",
        "would", "could", "also", "may", "etc", "e.g", "ie", "eg", "since", "relevant", "particular",
        "particularly", "specific",
    }
}
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_IDEOGRAPH = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# weights of the parts of a strength (each part is from 0 to 1)
W_WORDS, W_THEMES, W_FIT, W_FRESH = 0.45, 0.40, 0.10, 0.05
W_INFERRED = 0.5
"""For a question without themes: the weight of the themes inferred from its best word matches."""
INFER_FROM = 5
"""How many of the best word matches a question's themes are inferred from."""
USED_FACTOR = 0.5
"""A block already used in this draft keeps this share of its strength."""
CHOSEN_BONUS = 0.2
"""Added (times the questions' similarity) for a block chosen for a similar question elsewhere."""
COVER = 0.3
"""The share of the words part that is the share of the question's words a block has (the rest: BM25
relative to the best block)."""
TITLE_WEIGHT, SUMMARY_WEIGHT, THEME_WEIGHT = 1, 2, 2
"""How many times a block's title, summary and theme labels are counted in its text (its body once)."""
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
K1, B = 1.5, 0.75
"""BM25's term-frequency saturation and length normalisation."""
BIGRAMS = True
"""Index and match each pair of neighbouring terms too (a phrase counts more than its words apart)."""
W_VOCAB = 0.5
"""For a question without themes: the share of its inferred themes read from the theme vocabulary
(each theme's label and description against the question's words; the rest from its best word
matches)."""


def primary(language: str) -> str:
    return (language or "en").split("-")[0].split("_")[0].lower()


class Analyzer:
    """Words to index terms in one language: lower-cased, stop words out, Snowball-stemmed; in
    Chinese and Japanese each ideograph or kana is a term."""

    def __init__(self, language: str):
        import bm25s.stopwords as sw
        import Stemmer

        self.language = primary(language)
        name = STEMMERS.get(self.language)
        self._stem = Stemmer.Stemmer(name).stemWords if name else None
        stop = getattr(sw, _STOPWORDS.get(self.language, ""), ())
        self.stop = frozenset(stop) | _EXTRA_STOP.get(self.language, set())

    def words(self, text: str) -> list[str]:
        """The text's words (lower-cased, stop words out), before stemming."""
        out = []
        for w in _WORD.findall(text.casefold()):
            if _IDEOGRAPH.search(w):
                out.extend(_IDEOGRAPH.findall(w))
            elif w not in self.stop and not w.isdigit() and len(w) > 1:
                out.append(w)
        return out

    def terms(self, words: Sequence[str]) -> list[str]:
        return list(self._stem(list(words))) if self._stem else list(words)

    def __call__(self, text: str) -> list[str]:
        return self.terms(self.words(text))

    def index_terms(self, text: str) -> list[str]:
        """The terms a text is indexed by: its terms, and (BIGRAMS) each pair of neighbouring terms
        within a line, so that a phrase ("technical community") counts more than its words apart."""
        out = []
        for line in text.splitlines():
            terms = self(line)
            out.extend(terms)
            if BIGRAMS:
                out.extend(pairs(terms))
        return out


def pairs(terms: Sequence[str]) -> list[str]:
    """Neighbouring terms as one term each ("technic communiti")."""
    return [f"{a} {b}" for a, b in zip(terms, terms[1:])]


@functools.cache
def analyzer(language: str) -> Analyzer:
    return Analyzer(primary(language))


# --------------------------------------------------------------------------- the index


@dataclass
class _Doc:
    lib: LoadedLibrary
    block: Block
    ref: str
    text: str
    language: str
    translated: bool
    """False when the language asked for has no translation (the block's own text is used)."""
    key: str


def _doc(lib: LoadedLibrary, block: Block, language: str, themes: str) -> _Doc:
    """A block's text to index in `language`; `themes` is its theme labels, as words."""
    body = block_text(block, "body", language)
    tr = block.translations.get(language) if body.language != block.language else None
    title = (tr.title if tr and tr.title else block.title)
    summary = block.summary if body.language == block.language else None
    # title, summary and theme labels say what the block is about: they count more than the body
    text = "\n".join([*[title] * TITLE_WEIGHT, *[summary or ""] * SUMMARY_WEIGHT, body.source, " ".join(block.tags), *[themes] * THEME_WEIGHT])
    key = hashlib.blake2b(f"{body.language}\0{text}".encode(), digest_size=12).hexdigest()
    return _Doc(lib, block, f"{lib.namespace}/{block.id}", text, body.language, body.translated, key)


@dataclass
class SuggestIndex:
    """Every block of a library index, ready to be ranked for questions in one language."""

    language: str
    docs: list[_Doc]
    retriever: Any
    """A `bm25s.BM25` over the docs, in order (None when there are none)."""
    vocab: dict[str, int]
    built: bool
    """True when this run built the index (False: loaded from the cache or reused)."""
    idf: Any = None
    themes: list[frozenset[str]] = field(default_factory=list)
    theme_ids: dict[str, int] = field(default_factory=dict)
    theme_matrix: Any = None
    row: dict[str, int] = field(default_factory=dict)
    """`namespace/id` → its position in `docs`."""
    sizes: dict[str, Any] = field(default_factory=dict)
    words: list[tuple[int, int | None]] = field(default_factory=list)
    chars: list[tuple[int, int | None]] = field(default_factory=list)
    vocabulary: dict[str, frozenset[str]] = field(default_factory=dict)
    """Each theme's index terms (id, label, description): how a question's words reach its themes."""

    def __post_init__(self) -> None:
        import numpy as np

        if self.retriever is None:  # no blocks
            return
        indptr = np.asarray(self.retriever.scores["indptr"])
        n = max(len(self.docs), 1)
        df = np.diff(indptr).astype("float64")
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        self.themes = [frozenset(d.block.themes) for d in self.docs]
        names = sorted({t for th in self.themes for t in th})
        self.theme_ids = {t: j for j, t in enumerate(names)}
        self.theme_matrix = np.zeros((len(self.docs), max(len(names), 1)), dtype="float64")
        for i, th in enumerate(self.themes):
            for t in th:
                self.theme_matrix[i, self.theme_ids[t]] = 1.0
        self.row = {d.ref: i for i, d in enumerate(self.docs)}
        for d in self.docs:
            if d.language == d.block.language:  # the block's own text (sizes from the parse cache)
                body, short = d.block.body, d.block.short
            else:
                tr = d.block.translations[d.language]
                body, short = tr.body, tr.short
            if d.language == d.block.language and d.block.id in d.lib.words:
                self.words.append(d.lib.words[d.block.id])
            else:
                self.words.append((len(body.split()), len(short.split()) if short is not None else None))
            self.chars.append((len(body), len(short) if short is not None else None))
        # sizes as arrays (no short: -1), for fitting every block to a limit at once
        self.sizes = {
            unit: (np.array([b for b, _ in pairs], dtype="int64"), np.array([-1 if s is None else s for _, s in pairs], dtype="int64"))
            for unit, pairs in (("words", self.words), ("chars", self.chars))
        }
        self._due: dict[dt.date, Any] = {}

    def due(self, today: dt.date) -> Any:
        """Which blocks are due for review on `today` (a boolean array, kept per day)."""
        import numpy as np

        if today not in self._due:
            self._due = {today: np.fromiter((d.lib.is_due(d.block, today) for d in self.docs), dtype="bool", count=len(self.docs))}
        return self._due[today]


BUILDS: list[str] = []
"""Languages of the indexes built (not loaded) in this process, in order: tests and benchmarks read it."""


def suggest_index(index: LibraryIndex, language: str = "en", cache_dir: Path | None = None) -> SuggestIndex:
    """The suggestion index of `index` in `language`: kept on `index` for this process, and in
    `cache_dir` across runs (loaded when no block changed; rebuilt from cached tokens when some did)."""
    lang = primary(language)
    memo = index.__dict__.setdefault("_suggest_indexes", {})
    if lang in memo:
        return memo[lang]
    phrases: dict[tuple[str, ...], str] = {}
    docs = []
    for lib, b in index.blocks():
        key = tuple(b.themes)
        if key not in phrases:
            phrases[key] = " ".join(_theme_phrase(index, t) for t in key)
        docs.append(_doc(lib, b, lang, phrases[key]))
    si = _load_or_build(docs, lang, cache_dir)
    si.vocabulary = _theme_vocabulary(index, lang)
    memo[lang] = si
    return si


def _theme_phrase(index: LibraryIndex, tid: str) -> str:
    """A theme's words in a block's text: its label (its id's words when the vocabulary lacks it)."""
    theme = index.themes.get(tid)
    return theme.label if theme is not None else tid.replace("-", " ")


def _theme_vocabulary(index: LibraryIndex, lang: str) -> dict[str, frozenset[str]]:
    """Each theme's index terms: its id's words, label and description, in `lang`'s analyser."""
    an = analyzer(lang)
    return {tid: frozenset(an(" ".join([tid.replace("-", " "), t.label, t.description or ""]))) for tid, t in index.themes.items()}


def _corpus_key(docs: list[_Doc], lang: str) -> str:
    h = hashlib.blake2b(f"{CACHE_FORMAT}\0{lang}\0{K1}\0{B}".encode(), digest_size=12)
    for d in docs:
        h.update(f"\0{d.ref}\0{d.key}".encode())
    return h.hexdigest()


def _load_or_build(docs: list[_Doc], lang: str, cache_dir: Path | None) -> SuggestIndex:
    import bm25s

    if not docs:
        return SuggestIndex(lang, [], None, {}, built=False)
    folder = cache_dir / "suggest" if cache_dir is not None else None
    key = _corpus_key(docs, lang)
    if folder is not None:
        where = folder / f"index-{lang}-{key}"
        try:
            meta = json.loads((where / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") == CACHE_FORMAT and meta.get("refs") == [d.ref for d in docs]:
                retriever = bm25s.BM25.load(str(where), mmap=False, allow_pickle=False, show_progress=False)
                return SuggestIndex(lang, docs, retriever, dict(retriever.vocab_dict), built=False)
        except Exception:
            pass  # missing or damaged: build
    tokens = _tokens(docs, lang, folder)
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in toks] for toks in tokens]
    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    BUILDS.append(lang)
    if folder is not None:
        _save(retriever, folder, lang, key, docs)
    return SuggestIndex(lang, docs, retriever, dict(retriever.vocab_dict), built=True)


def _tokens(docs: list[_Doc], lang: str, folder: Path | None) -> list[list[str]]:
    """Each doc's index terms: from the token cache for texts seen before, else analysed (and the
    cache rewritten with exactly the current texts' entries)."""
    cache_file = folder / f"tokens-{lang}.json" if folder is not None else None
    cached: dict[str, Any] = {}
    if cache_file is not None:
        try:
            payload = json.loads(cache_file.read_text(encoding="utf-8"))
            if payload.get("format") == CACHE_FORMAT and isinstance(payload.get("tokens"), dict):
                cached = payload["tokens"]
        except Exception:
            cached = {}
    out, fresh, changed = [], {}, False
    for d in docs:
        toks = cached.get(d.key)
        if not (isinstance(toks, list) and all(isinstance(t, str) for t in toks)):
            toks = analyzer(d.language).index_terms(d.text)
            changed = True
        fresh[d.key] = toks
        out.append(toks)
    if cache_file is not None and (changed or fresh.keys() != cached.keys()):
        _write(cache_file, json.dumps({"format": CACHE_FORMAT, "tokens": fresh}, ensure_ascii=False))
    return out


def _write(path: Path, text: str) -> None:
    from .yamlio import atomic_write_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
    except OSError:
        pass  # best effort: a read-only cache only costs speed


def _save(retriever: Any, folder: Path, lang: str, key: str, docs: list[_Doc]) -> None:
    """Write the index to `index-LANG-KEY/` (through a temporary folder, then a rename) and remove
    the older indexes of that language."""
    target = folder / f"index-{lang}-{key}"
    tmp = folder / f".tmp-{lang}-{key}-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        retriever.save(str(tmp), show_progress=False)
        (tmp / "meta.json").write_text(json.dumps({"format": CACHE_FORMAT, "refs": [d.ref for d in docs]}), encoding="utf-8")
        if target.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            os.rename(tmp, target)
        for old in folder.glob(f"index-{lang}-*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- ranking


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
    labels: Mapping[str, str] | None = None,
) -> list[Suggestion]:
    """The `n` blocks of `si` that fit `target` best, strongest first.

    `used`: `namespace/id` → the question ids of this draft that already use the block;
    `chosen`: `namespace/id` → a similar question elsewhere that used it."""
    import numpy as np

    count = len(si.docs)
    if count == 0 or n <= 0:
        return []
    an = analyzer(si.language)
    surface: dict[str, str] = {}
    weight: dict[str, int] = {}
    for text, w in query_parts(target):
        for line in text.splitlines():
            words_ = an.words(line)
            terms_ = an.terms(words_)
            for word, term in zip(words_, terms_):
                surface.setdefault(term, word)
                weight[term] = max(weight.get(term, 0), w)
            if BIGRAMS:
                for (w1, w2), term in zip(zip(words_, words_[1:]), pairs(terms_)):
                    surface.setdefault(term, f"{w1} {w2}")
                    weight[term] = max(weight.get(term, 0), w)
    qterms = list(weight)
    ids = sorted({si.vocab[t] for t in qterms if t in si.vocab})
    if ids:
        # a term of the question itself counts twice, one of its guidance or preamble once
        bm = np.asarray(si.retriever.get_scores([i for t in qterms if t in si.vocab for i in [si.vocab[t]] * weight[t]]), dtype="float64")
        top = float(bm.max())
        relative = bm / top if top > 0 else np.zeros(count)
        cover = np.zeros(count)
        indptr, indices = si.retriever.scores["indptr"], si.retriever.scores["indices"]
        for term in qterms:
            if term in si.vocab:
                t = si.vocab[term]
                cover[indices[indptr[t] : indptr[t + 1]]] += si.idf[t] * weight[term]
        total = float(sum(si.idf[si.vocab[t]] * weight[t] for t in qterms if t in si.vocab))
        words = (1 - COVER) * relative + COVER * (cover / total if total > 0 else cover)
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
        inferred = _infer_themes(si, words, weight)
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
    labels = labels or {}
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


def _matched(si: SuggestIndex, qterms: Sequence[str], weight: Mapping[str, int]) -> Any:
    """Each block's share of the question's (idf-weighted, single) words, counting the words no block
    has at the highest idf: how much of the question a block speaks to, whatever the other blocks."""
    import numpy as np

    unseen = math.log(1.0 + (len(si.docs) + 0.5) / 0.5)
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


def _infer_themes(si: SuggestIndex, words: Any, qterms: Mapping[str, int]) -> dict[str, float]:
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
    named = _named_themes(si, qterms)
    for t, w in named.items():
        out[t] = out.get(t, 0.0) + W_VOCAB * w
    return {t: w for t, w in out.items() if t in si.theme_ids}


def _named_themes(si: SuggestIndex, qterms: Mapping[str, int]) -> dict[str, float]:
    """The themes whose vocabulary (id, label, description) has the question's words: each the
    idf-weighted share of the question's words it has, the strongest 1."""
    if not si.vocabulary or not qterms:
        return {}
    unseen = math.log(1.0 + (len(si.docs) + 0.5) / 0.5)  # a word no block has (a theme's own word) is rare

    def idf(term: str) -> float:
        return float(si.idf[si.vocab[term]]) if term in si.vocab else unseen
    total = sum(idf(t) * w for t, w in qterms.items())
    if total <= 0:
        return {}
    raw = {tid: sum(idf(t) * w for t, w in qterms.items() if t in terms) / total for tid, terms in si.vocabulary.items()}
    best = max(raw.values(), default=0.0)
    return {tid: v / best for tid, v in raw.items() if v > 0} if best > 0 else {}


def _has(si: SuggestIndex, term: int, doc: int) -> bool:
    indptr, indices = si.retriever.scores["indptr"], si.retriever.scores["indices"]
    return bool((indices[indptr[term] : indptr[term + 1]] == doc).any())


def similarity(a: str, b: str, language: str = "en") -> float:
    """How alike two questions' words are (Jaccard of their index terms), from 0 to 1."""
    an = analyzer(language)
    x, y = set(an(a)), set(an(b))
    return len(x & y) / len(x | y) if x and y else 0.0


def strength_bar(score: float, width: int = 5) -> str:
    """The score as a bar of `width` cells: ▰▰▰▱▱."""
    full = max(0, min(width, math.floor(score * width + 0.5)))
    return "▰" * full + "▱" * (width - full)
