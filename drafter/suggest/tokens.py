"""Words to index terms, per language: the one tokeniser of the suggestion index and of the questions
ranked against it.

Lower-cased, stop words out (bm25s's lists, and the words of a call's instructions in English),
Snowball-stemmed (PyStemmer) where the language has a stemmer, each ideograph or kana a term in
Chinese and Japanese; with BIGRAMS, each pair of neighbouring terms within a line is a term too.

Invariant: a block's text and a question's text go through the same `Analyzer` of the same
language, so their terms meet; PyStemmer and bm25s are imported when an analyser is first made,
never when this module is imported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

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

BIGRAMS = True
"""Index and match each pair of neighbouring terms too (a phrase counts more than its words apart)."""


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

    def query_terms(self, parts: Sequence[tuple[str, int]]) -> tuple[dict[str, int], dict[str, str]]:
        """The terms of weighted texts (a question's parts: see `ranking.query_parts`), each with its
        highest weight, and the words each term was first read from (what a reason shows)."""
        surface: dict[str, str] = {}
        weight: dict[str, int] = {}
        for text, w in parts:
            for line in text.splitlines():
                words_ = self.words(line)
                terms_ = self.terms(words_)
                for word, term in zip(words_, terms_):
                    surface.setdefault(term, word)
                    weight[term] = max(weight.get(term, 0), w)
                if BIGRAMS:
                    for (w1, w2), term in zip(zip(words_, words_[1:]), pairs(terms_)):
                        surface.setdefault(term, f"{w1} {w2}")
                        weight[term] = max(weight.get(term, 0), w)
        return weight, surface


def pairs(terms: Sequence[str]) -> list[str]:
    """Neighbouring terms as one term each ("technic communiti")."""
    return [f"{a} {b}" for a, b in zip(terms, terms[1:])]


def analyzer(language: str) -> Analyzer:
    """The analyser of a language's primary subtag (one for `en`, `en-GB` and `en-US`)."""
    return _analyzer(primary(language))


@functools.cache
def _analyzer(primary_language: str) -> Analyzer:
    return Analyzer(primary_language)
