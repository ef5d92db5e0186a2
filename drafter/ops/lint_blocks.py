"""`drafter lint` on each block's languages: a translation the library's `languages` ask for and the
block lacks (`language-mismatch`), and words no dictionary of the text's language knows (`spelling`,
one finding per block and language: a block is spelt once, in its library, not in every draft).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..findings import Finding, finding
from ..library import LoadedLibrary, primary_language, translation_key
from ..model import Block
from ..safetext import visible
from ..spelling import Accepted, misspelt_words
from ..wording import plural
from ..yamlio import Loaded, read_yaml

Position = Callable[[tuple], "tuple[int, int] | None"]


def missing_languages(lib: LoadedLibrary, block: Block) -> list[str]:
    """The library's `languages` the block has neither in its own text nor in a translation."""
    wanted = lib.meta.languages if lib.meta else []
    own = primary_language(block.language)
    return [lang for lang in wanted if primary_language(lang) != own and translation_key(block, lang) is None]


def texts(block: Block) -> list[tuple[str, str, tuple]]:
    """(language, text, key path) of every text of a block: its body and short, and each translation's."""
    out: list[tuple[str, str, tuple]] = [(block.language, block.body, ("body",))]
    if block.short:
        out.append((block.language, block.short, ("short",)))
    for lang, tr in block.translations.items():
        out.append((lang, tr.body, ("translations", lang, "body")))
        if tr.short:
            out.append((lang, tr.short, ("translations", lang, "short")))
    return out


def block_language_findings(lib: LoadedLibrary, block: Block, ref: str, accepted: Accepted, file: str,
                            position: Position) -> list[Finding]:
    """The block's missing translations and its misspelt words (per language), placed in its file."""
    out: list[Finding] = []
    missing = missing_languages(lib, block)
    if missing:
        pos = position(("translations",)) or position(("id",))
        kept = ", ".join(lib.meta.languages) if lib.meta else ""
        out.append(finding(
            "language-mismatch",
            f"block '{ref}' has no {', '.join(missing)} translation (the library keeps its blocks in {kept})",
            hint="add `translations: {LANG: {title, body, short}}` to the block, or remove the language from library.yaml `languages`",
            block=ref, file=file, line=pos[0] if pos else None, column=pos[1] if pos else None,
        ))
    by_language: dict[str, tuple[list[str], tuple]] = {}
    for lang, text, where in texts(block):
        words = misspelt_words(text, lang, accepted)
        if words:
            found, first = by_language.setdefault(lang, ([], where))
            found.extend(w for w in words if w not in found)
    for lang, (words, where) in by_language.items():
        pos = position(where)
        shown = ", ".join(f"'{visible(w, one_line=True)}'" for w in words[:15]) + ("…" if len(words) > 15 else "")
        out.append(finding(
            "spelling",
            f"block '{ref}': {plural(len(words), 'word')} not in the {lang} dictionary: {shown}",
            hint="correct them in the block, or add the right ones to library.yaml `words`",
            block=ref, file=file, line=pos[0] if pos else None, column=pos[1] if pos else None,
        ))
    return out


def lazy_position(path: Path, file: str) -> Position:
    """Key path → (line, column) in a block file, read only when a finding needs it."""
    loaded: list[Loaded] = []

    def position(loc: tuple) -> tuple[int, int] | None:
        if not loaded:
            loaded.append(read_yaml(path, display=file))
        return None if loaded[0].findings else loaded[0].position(loc)

    return position


def workspace_accepted(libraries: list[LoadedLibrary], words: list[str]) -> Accepted:
    """Accepted spellings for lint: every library's `words` and the workspace's."""
    return Accepted([*(w for lib in libraries if lib.meta for w in lib.meta.words), *words])
