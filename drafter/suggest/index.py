"""The suggestion index: every block of a library index as a bm25s index in one language, with what
ranking reads beside it (idf, themes, sizes), built once per process and kept in the cache.

A block's text is its title, summary (twice), body, tags and theme labels (twice), in the block's
language (its translation in the asked language when it has one).

The index is kept in the workspace's cache folder beside the parse cache: the tokens of each block
under the hash of its text (so a changed block is tokenised again, the others not), and the built
index under the hash of the whole corpus (so a warm run loads it and builds nothing). Cache files are
JSON and numpy arrays read without pickle: a tampered cache can give wrong rankings, never run code.
Over 5,000 blocks (benchmarks/bench_suggest.py, development machine): loaded warm from the cache in
55 ms, built cold in 2.0 s (bigrams about double the terms).

Invariant: numpy and bm25s are imported inside the functions that need them, never by importing
this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..library import LibraryIndex, LoadedLibrary, block_text
from ..model import Block
from .tokens import analyzer, primary

CACHE_FORMAT = 2
"""Bump when the tokens or the index change for the same text."""
TITLE_WEIGHT, SUMMARY_WEIGHT, THEME_WEIGHT = 1, 2, 2
"""How many times a block's title, summary and theme labels are counted in its text (its body once)."""
K1, B = 1.5, 0.75
"""BM25's term-frequency saturation and length normalisation."""


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

    @property
    def unseen_idf(self) -> float:
        """The idf of a word no block has (as rare as a word can be), for counting a question's words."""
        return math.log(1.0 + (len(self.docs) + 0.5) / 0.5)

    def by_block(self) -> tuple[Any, Any, Any, Any]:
        """The index read the other way (each block's terms), for query expansion: `(indptr, terms,
        weights, single)`, block i's term ids `terms[indptr[i]:indptr[i + 1]]` with their BM25 weights
        in it, and `single[t]` whether term t is a single word (not a pair). Made on first use, kept."""
        import numpy as np

        if getattr(self, "_by_block", None) is None:
            scores = self.retriever.scores
            indptr, indices, data = (np.asarray(scores[k]) for k in ("indptr", "indices", "data"))
            terms = np.repeat(np.arange(len(indptr) - 1, dtype="int64"), np.diff(indptr))
            # a stable radix sort when the block numbers fit 16 bits (they are the sort key)
            order = np.argsort(indices.astype("uint16") if len(self.docs) < 65536 else indices, kind="stable")
            ptr = np.concatenate([[0], np.cumsum(np.bincount(indices, minlength=len(self.docs)))])
            single = np.ones(len(indptr) - 1, dtype="bool")
            single[[i for t, i in self.vocab.items() if " " in t]] = False
            self._by_block = (ptr, terms[order], data[order], single)
        return self._by_block


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
    from ..yamlio import atomic_write_text

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

