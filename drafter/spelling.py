"""Spelling: the words of a text that no dictionary of its language knows (`spelling` findings).

The engine is Hunspell (the `chunspell` binding, which bundles the library and an en_US dictionary)
with the Hunspell dictionaries of the system: Debian's `hunspell-en-gb`, `hunspell-fr`, `hunspell-es`,
`hunspell-ru`, `hunspell-ar` and the like, found in `$DICPATH` or the usual folders. A language
without a dictionary gets no spelling findings (Chinese has no spelling to check).

English accepts both en_GB and en_US spellings unless the language says which (`en-GB`, `en-US`).
A word is accepted when a dictionary knows it or it is in the accepted `words` (the libraries' and
the workspace's; an entry accepts its own case and, written in lower case, any case). Not checked:
URLs, e-mail and web addresses, placeholders (`{{ … }}`, `{% … %}`, `[NAME]`), code (`…` and fenced
blocks), HTML tags, link targets, numbers, words with digits or `_`, ALL-CAPS acronyms and mixed-case
terms (`ccTLD`, `IPv6`), single letters.

Invariant: nothing here raises for any text; every lookup is cached per language and word, so the
UI can check an answer on each edit (a 3,000-word answer re-checks in a few milliseconds warm).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from .library import primary_language
from .yamlio import atomic_write_text

DICTIONARY_DIRS = (
    "/usr/share/hunspell",
    "/usr/share/myspell/dicts",
    "/usr/share/myspell",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
    "/Library/Spelling",
    "~/Library/Spelling",
    "~/.local/share/hunspell",
)
"""Where Hunspell dictionaries are looked for, after `$DICPATH` (a `:`-separated list of folders)."""

_DEFAULTS: dict[str, tuple[str, ...]] = {
    "en": ("en_US", "en_GB"),
    "fr": ("fr_FR", "fr"),
    "es": ("es_ES", "es"),
    "ru": ("ru_RU", "ru"),
    "ar": ("ar", "ar_SA"),
    "pt": ("pt_PT", "pt_BR", "pt"),
    "de": ("de_DE", "de"),
}
"""The dictionaries a bare language tag uses: all of English's (both accepted), the first found of the others'."""

NO_SPELLING = frozenset({"zh", "ja", "ko", "th"})
"""Languages written without spaces between words (or with no dictionary of words): not checked."""


@dataclass(frozen=True)
class Miss:
    """A misspelt word in a text: its span (character offsets) and the word."""

    start: int
    end: int
    word: str


def dictionary_dirs() -> list[Path]:
    """The folders searched for `<name>.aff` / `<name>.dic`, in order, the bundled one last."""
    dirs = [Path(p).expanduser() for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
    dirs += [Path(p).expanduser() for p in DICTIONARY_DIRS]
    try:
        import hunspell

        dirs.append(Path(hunspell.__file__).parent / "dictionaries")
    except ImportError:  # pragma: no cover - a dependency
        pass
    return dirs


def _find(name: str) -> Path | None:
    for folder in dictionary_dirs():
        if (folder / f"{name}.aff").is_file() and (folder / f"{name}.dic").is_file():
            return folder
    return None


def dictionary_names(language: str) -> tuple[str, ...]:
    """The dictionaries that check `language`: `en` → en_US and en_GB (either accepts a word),
    `en-GB` → en_GB only, `fr` → fr_FR (else fr), `fr-CA` → fr_CA (else as fr)."""
    tag = language.replace("_", "-")
    primary = primary_language(tag)
    parts = tag.split("-")
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    defaults = _DEFAULTS.get(primary, (f"{primary}_{primary.upper()}", primary))
    if region is not None:
        return (f"{primary}_{region}", *(() if primary == "en" and region in ("GB", "US") else defaults))
    return defaults


CORRECTIONS = 6
"""Most corrections offered for a misspelt word."""
MAX_CORRECTED = 40
"""Longest word (in characters) the dictionaries are asked to correct."""


class Speller:
    """One language's dictionaries, with a cache of the words looked up (thread-safe). The Hunspell
    dictionaries are loaded at the first word the cache does not decide (loading en_US and en_GB costs
    about 0.1 s: `drafter check` on a draft whose words are all in the kept verdicts never pays it)."""

    def __init__(self, language: str, dictionaries: list[tuple[str, Path]]):
        self.language = language
        self.names = [name for name, _ in dictionaries]
        self._dictionaries = dictionaries
        self._loaded: list | None = None
        self._known: dict[str, bool] = {}
        self._new = 0
        self._lock = threading.Lock()

    @property
    def _engines(self) -> list:
        if self._loaded is None:
            from hunspell import Hunspell

            self._loaded = [Hunspell(name, hunspell_data_dir=str(folder)) for name, folder in self._dictionaries]
        return self._loaded

    @property
    def identity(self) -> str:
        """What the verdicts depend on: the dictionaries' names, sizes and times (a new dictionary
        version starts a new file of verdicts)."""
        parts = [self.language]
        for name, folder in self._dictionaries:
            for ext in ("aff", "dic"):
                try:
                    st = (folder / f"{name}.{ext}").stat()
                    parts.append(f"{name}.{ext}:{st.st_size}:{st.st_mtime_ns}")
                except OSError:
                    parts.append(f"{name}.{ext}:?")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

    def keep_verdicts(self, folder: Path) -> AbstractContextManager[None]:
        """Within the block, words decided before (in `folder/<language>-<identity>.json`) are not
        looked up again; the new verdicts are added to the file after (atomically; a damaged or huge
        file is ignored)."""
        return _kept(self, folder / f"{self.language}-{self.identity}.json")

    def knows(self, word: str) -> bool:
        """Whether a dictionary accepts `word` (a hyphenated word when each of its parts is accepted)."""
        known = self._known.get(word)
        if known is None:
            with self._lock:
                known = self._check(word)
                if len(self._known) > MAX_VERDICTS:
                    self._known.clear()
                self._known[word] = known
                self._new += 1
        return known

    def _check(self, word: str) -> bool:
        forms = [word, word.replace("\u2019", "'")]
        if any(self._spell(f) for f in forms):
            return True
        if "-" in word:
            return all(self._spell(p) or self._spell(p.replace("\u2019", "'")) for p in word.split("-") if p)
        plain = forms[1]
        if plain.endswith("'s") and len(plain) > 2:  # a possessive the dictionary lacks ("ICANN's" is skipped earlier)
            return self._spell(plain[:-2])
        return False

    def corrections(self, word: str, n: int = CORRECTIONS) -> list[str]:
        """Up to `n` spellings the dictionaries suggest for `word`, best first (each dictionary's in
        its order, merged); none for a word longer than MAX_CORRECTED (a dictionary's search for
        them grows with the word). Slow (50–300 ms a word): asked for one word at a time, when the
        user wants a correction, never by a check."""
        if len(word) > MAX_CORRECTED:
            return []
        out: list[str] = []
        with self._lock:
            for engine in self._engines:
                try:
                    found = engine.suggest(word)
                except (UnicodeError, ValueError):
                    continue
                out += [w for w in found if w != word and w not in out]
        return out[:n]

    def _spell(self, word: str) -> bool:
        for engine in self._engines:
            try:
                if engine.spell(word):
                    return True
            except (UnicodeError, ValueError):  # a word the dictionary's encoding cannot hold
                continue
        return False


MAX_VERDICTS = 200_000
"""Most words a speller remembers (in memory and in its file of verdicts)."""


@contextmanager
def _kept(s: Speller, path: Path) -> Iterator[None]:
    try:
        raw = path.read_bytes() if path.is_file() and path.stat().st_size < 8 * 1024 * 1024 else b"{}"
        data = json.loads(raw)
    except (OSError, ValueError):
        data = {}
    if isinstance(data, dict):
        with s._lock:
            for word, known in data.items():
                if isinstance(word, str) and isinstance(known, bool):
                    s._known.setdefault(word, known)
    s._new = 0
    try:
        yield
    finally:
        if s._new and len(s._known) <= MAX_VERDICTS:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with s._lock:
                    text = json.dumps(s._known, ensure_ascii=False, sort_keys=True)
                atomic_write_text(path, text)
            except OSError:  # a read-only workspace: the verdicts are only not kept
                pass


_SPELLERS: dict[str, Speller | None] = {}
_SPELLERS_LOCK = threading.Lock()


def speller(language: str) -> Speller | None:
    """The speller of `language` (loaded once per process), or None without a dictionary for it."""
    key = language.replace("_", "-")
    if key in _SPELLERS:
        return _SPELLERS[key]
    with _SPELLERS_LOCK:
        if key not in _SPELLERS:
            _SPELLERS[key] = _load(key)
    return _SPELLERS[key]


def _load(language: str) -> Speller | None:
    primary = primary_language(language)
    if primary in NO_SPELLING:
        return None
    try:
        import hunspell  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency
        return None
    found = [(name, folder) for name in dictionary_names(language) if (folder := _find(name)) is not None]
    if not found:
        return None
    if primary != "en":  # one dictionary: the most specific one found
        found = found[:1]
    elif len(found) > 1 and found[0][0] not in ("en_US", "en_GB"):  # en-AU and the like: that one only
        found = found[:1]
    try:
        return Speller(language, found)
    except Exception:  # a damaged dictionary file: no spelling rather than a crash
        return None


def supported(language: str) -> list[str]:
    """The dictionaries found for `language` (empty: its text is not checked)."""
    s = speller(language)
    return list(s.names) if s is not None else []


# --------------------------------------------------------------------------- words of a text

_SKIP = re.compile(
    r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)"  # fenced code
    r"|`[^`\n]*`"  # inline code
    r"|\{\{.*?\}\}|\{%.*?%\}"  # template placeholders
    r"|\[[A-Z][A-Z0-9 _./-]*\]"  # [NAME]-style placeholders
    r"|\]\([^)\s]*\)"  # a link's target
    r"|<[^<>\s]+>"  # autolinks and HTML tags
    r"|\b(?:https?|ftp|mailto|file|smb)://?\S+|\bwww\.\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b[\w-]+(?:\.[\w-]+)+\b",  # domain and file names, and abbreviations such as e.g.
    re.DOTALL,
)
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WORD = re.compile(rf"[\w{_MARKS}]+(?:['\u2019-][\w{_MARKS}]+)*")


def _checkable(word: str) -> bool:
    """Whether a token is a word to look up (not a number, acronym, mixed-case term or single letter)."""
    if len(word) < 2 or any(ch.isdigit() or ch == "_" for ch in word):
        return False
    stem = word[:-2] if word.endswith(("'s", "\u2019s")) else word
    letters = [ch for ch in stem if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return False  # ALL-CAPS: an acronym (ICANN, WSIS, ICANN's)
    return not any(ch.isupper() for part in stem.split("-") for ch in part[1:])  # ccTLD, IPv6, eNOG


class Accepted:
    """Accepted spellings: an entry accepts itself, and an entry in lower case accepts any case; an
    entry of several words (a name: "Internet Society") accepts each of them."""

    def __init__(self, words: Iterable[str] = ()):
        self.exact: set[str] = set()
        self.folded: set[str] = set()
        for entry in words:
            for w in str(entry).replace("\u2019", "'").split():
                self.exact.add(w)
                if w == w.lower():
                    self.folded.add(w)

    def __contains__(self, word: str) -> bool:
        w = word.replace("\u2019", "'")
        if w in self.exact or w.lower() in self.folded:
            return True
        if not w.endswith("'s"):
            return False
        stem = w[:-2]
        return stem in self.exact or stem.lower() in self.folded

    def __bool__(self) -> bool:
        return bool(self.exact)


def misspellings(text: str, language: str, accepted: Accepted | None = None) -> list[Miss]:
    """Each misspelt word of `text` (Markdown or plain) with its span, in order; empty when the
    language has no dictionary."""
    s = speller(language)
    if s is None or not text:
        return []
    out: list[Miss] = []
    wrong: dict[str, bool] = {}  # (a word is decided once per text)
    pos = 0
    for skip in [*_SKIP.finditer(text), None]:
        end = skip.start() if skip is not None else len(text)
        for m in _WORD.finditer(text, pos, end):
            word = m.group(0)
            bad = wrong.get(word)
            if bad is None:
                bad = wrong[word] = _checkable(word) and not (accepted is not None and word in accepted) and not s.knows(word)
            if bad:
                out.append(Miss(m.start(), m.end(), word))
        if skip is not None:
            pos = skip.end()
    return out


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern of every whole-word occurrence of `words` (not inside a longer word, a hyphenated
    word or a possessive), longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'\u2019-])(?:{alternatives})(?![\w'\u2019-])")


def corrections(word: str, language: str, n: int = CORRECTIONS) -> list[str]:
    """What the dictionary of `language` suggests for `word` (see `Speller.corrections`)."""
    s = speller(language)
    return s.corrections(word, n) if s is not None else []


def correct(text: str, language: str, word: str, replacement: str, accepted: Accepted | None = None) -> tuple[str, int]:
    """`text` with every misspelt occurrence of `word` (as `misspellings` finds it: a whole word,
    outside links, addresses and placeholders) replaced by `replacement`, and how many there were."""
    out, pos, count = [], 0, 0
    for miss in misspellings(text, language, accepted):
        if miss.word == word:
            out += [text[pos : miss.start], replacement]
            pos = miss.end
            count += 1
    return "".join(out) + text[pos:], count


def misspelt_words(text: str, language: str, accepted: Accepted | None = None) -> list[str]:
    """The distinct misspelt words of `text`, in the order they first appear."""
    return list(dict.fromkeys(m.word for m in misspellings(text, language, accepted)))
