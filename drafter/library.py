"""Load libraries into one index: block lookup by `id` or `namespace/id`, vocabulary, phrase rules.

Invariant: loading never raises for bad files; each problem is a finding. A bare id that two
libraries share resolves to neither: the lookup says which `namespace/id` forms to use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .cache import load_models_cached
from .findings import Finding, finding
from .model import DEFAULT_REVIEW_DAYS, Block, Library, LibraryRef, PhraseRule, Theme
from .phrases import rule_findings
from .yamlio import read_yaml, validate
from .yamlio.files import inside

LIBRARY_FILE = "library.yaml"


class BlockLookupError(LookupError):
    """An unknown or ambiguous block reference; the message says why and becomes the finding."""


@dataclass
class LoadedLibrary:
    """One library folder: its metadata and its blocks."""

    root: Path
    meta: Library | None
    namespace: str
    blocks: dict[str, Block] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Block id → its file (a string: at 5,000 blocks, making Path objects costs more than the cached load)."""
    words: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    """Block id → words of its body and of its short variant (None without one), kept in the parse cache."""
    findings: list[Finding] = field(default_factory=list)
    ref: LibraryRef | None = None

    def path(self, block_id: str) -> Path:
        """The file a block of this library was read from."""
        return Path(self.files[block_id])

    @property
    def name(self) -> str:
        return self.meta.name if self.meta else self.root.name

    def review_days(self, block: Block) -> int:
        if block.review_every_days:
            return block.review_every_days
        return self.meta.review_every_days if self.meta else DEFAULT_REVIEW_DAYS

    def is_due(self, block: Block, today: dt.date) -> bool:
        """Whether the block is due for review on `today`."""
        return is_due(block, self.review_days(block), today)


@dataclass(frozen=True)
class BlockText:
    """A block's template text in one variant and language, and what was actually found."""

    source: str
    variant: str
    """`body` or `short` (a block without `short` gives its body)."""
    language: str
    """The language of `source`."""
    translated: bool
    """False when the language asked for has no translation (`source` is the block's own text)."""


def primary_language(tag: str) -> str:
    """The primary subtag of a BCP 47 tag, lower case: `en` for `en-GB`, `zh` for `zh-Hans`."""
    return tag.replace("_", "-").split("-")[0].lower()


def translation_key(block: Block, language: str) -> str | None:
    """The `translations` key of `block` that serves `language`: the tag itself, else one with the
    same primary language (`fr` for `fr-CA`, `fr-CA` for `fr`); None when it has none."""
    if language in block.translations:
        return language
    primary = primary_language(language)
    same = [k for k in block.translations if primary_language(k) == primary]
    return min(same, key=lambda k: (k.lower() != primary, k)) if same else None


def block_languages(block: Block) -> list[str]:
    """The languages a block can be composed in: its own first, then its translations (sorted)."""
    return [block.language, *sorted(k for k in block.translations if k != block.language)]


def block_title(block: Block, language: str | None = None) -> str:
    """The block's title in `language` (its translation's, when it has one with a title), else its own."""
    if language and primary_language(language) != primary_language(block.language):
        key = translation_key(block, language)
        if key is not None and block.translations[key].title:
            return block.translations[key].title or block.title
    return block.title


def block_text(block: Block, variant: str = "body", language: str | None = None) -> BlockText:
    """The text of `block` to compose: its `short` when asked and present, else its `body`; in
    `language` from its `translations` when it has one, else in its own language. A language with
    the block's own primary subtag (`en-GB` for an `en` block) is the block's own text."""
    lang = language or block.language
    own = primary_language(lang) == primary_language(block.language)
    key = None if own else translation_key(block, lang)
    tr = block.translations[key] if key is not None else None
    body, short = (tr.body, tr.short) if tr else (block.body, block.short)
    found = (key or lang) if tr else block.language
    if variant == "short" and short is not None:
        return BlockText(short, "short", found, own or tr is not None)
    return BlockText(body, "body", found, own or tr is not None)


def word_counts(block: Block) -> tuple[int, int | None]:
    """Words of the block's body and of its short variant (None without one), as written (placeholders
    and Markdown included): what a listing shows of its length."""
    short = block_text(block, "short").source if has_short(block) else None
    return len(block_text(block, "body").source.split()), len(short.split()) if short is not None else None


def has_short(block: Block) -> bool:
    """Whether the block has a short variant to switch to."""
    return block.short is not None


def due_date(block: Block, review_days: int) -> dt.date | None:
    """When the block's next review is due (None: never reviewed, so due now). An interval that
    reaches past the calendar's end means never due."""
    if block.reviewed is None:
        return None
    try:
        return block.reviewed + dt.timedelta(days=review_days)
    except OverflowError:
        return dt.date.max


def is_due(block: Block, review_days: int, today: dt.date) -> bool:
    """A block is due for review when it was never reviewed or its interval has run out."""
    due = due_date(block, review_days)
    return due is None or due < today


LIBRARY_CONSULTATIONS = "consultations"
"""The folder at a library's root that carries consultations (loaded as consultations, never as blocks)."""


def block_files(root: Path, problems: list[tuple[str, str]] | None = None) -> list[str]:
    """Every `*.yaml` under a library folder but `library.yaml` and the `consultations/` folder at its
    root (the library's consultations, see `LIBRARY_CONSULTATIONS`), skipping hidden files and folders
    (os.walk on strings: at 5,000 blocks, Path globbing and sorting cost more than the cached load).

    A file whose real path leaves the library (a link to elsewhere) is not listed, nor is a folder
    that cannot be read: each goes to `problems` as (path, why)."""
    top = str(root)
    real_top = os.path.realpath(top).rstrip(os.sep) + os.sep
    found: list[str] = []

    def unreadable(exc: OSError) -> None:
        if problems is not None:
            problems.append((exc.filename or top, f"cannot read the folder: {exc.strerror or exc}"))

    for folder, subfolders, files in os.walk(top, onerror=unreadable):
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and not (folder == top and d == LIBRARY_CONSULTATIONS)]
        for name in files:
            if name.endswith(".yaml") and not name.startswith(".") and not (folder == top and name == LIBRARY_FILE):
                path = os.path.join(folder, name)
                if os.path.islink(path) and not os.path.realpath(path).startswith(real_top):
                    if problems is not None:
                        problems.append((path, f"refused: a link that leads outside the library (to {os.path.realpath(path)})"))
                    continue
                found.append(path)
    found.sort()
    return found


def load_library(
    root: Path, *, ref: LibraryRef | None = None, display=str, cache_dir: Path | None = None
) -> LoadedLibrary:
    """Load one library folder (metadata + blocks), with a per-library parse cache when given."""
    findings: list[Finding] = []
    meta: Library | None = None
    meta_path = root / LIBRARY_FILE
    if not root.is_dir():
        findings.append(finding("yaml", f"library folder not found: {display(root)}", file=display(root)))
    elif not meta_path.is_file():
        findings.append(
            finding(
                "schema",
                f"{LIBRARY_FILE} is missing in the library folder",
                hint="create it with name, namespace and themes (see `drafter schema library`)",
                file=display(meta_path),
            )
        )
    elif not inside(meta_path, root):
        findings.append(finding("yaml", f"refused: {LIBRARY_FILE} is a link that leads outside the library", file=display(meta_path)))
    else:
        loaded = read_yaml(meta_path, display=display(meta_path))
        findings += loaded.findings
        if not loaded.findings:
            meta, more = validate(loaded, Library)
            findings += more
            if meta:
                findings += rule_findings(meta.phrases, loaded, "phrases", display(meta_path))
    namespace = (ref.namespace if ref and ref.namespace else None) or (meta.namespace if meta else root.name)
    lib = LoadedLibrary(root=root, meta=meta, namespace=namespace, findings=findings, ref=ref)
    if not root.is_dir():
        return lib
    cache_file = None
    if cache_dir is not None:
        key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        cache_file = cache_dir / f"library-{key}.pickle"
    words: dict[str, tuple[int, int | None]] = {}
    problems: list[tuple[str, str]] = []
    files = block_files(root, problems)
    for refused, why in problems:
        lib.findings.append(finding("yaml", why, hint="a library reads only its own regular files", file=display(Path(refused))))
    for path, block, block_findings in load_models_cached(files, Block, cache_file, display, derive=word_counts, derived=words):
        lib.findings += block_findings
        if block is None:
            continue
        if block.id in lib.blocks:
            where = _position(path, ("id",), display)
            lib.findings.append(
                finding(
                    "duplicate-id",
                    f"block id '{block.id}' is also used by {display(lib.path(block.id))}",
                    hint="give one of them another id",
                    block=block.id,
                    **where,
                )
            )
            continue
        lib.blocks[block.id] = block
        lib.files[block.id] = str(path)
        lib.words[block.id] = tuple(words.get(str(path)) or word_counts(block))  # type: ignore[assignment]
    return lib


def _position(path: Path, loc: tuple, display) -> dict:
    loaded = read_yaml(path, display=display(path))
    pos = loaded.position(loc) if not loaded.findings else None
    return {"file": display(path), "line": pos[0] if pos else None, "column": pos[1] if pos else None}


@dataclass
class LibraryIndex:
    """All libraries of a workspace, and lookups across them."""

    libraries: list[LoadedLibrary]

    def __post_init__(self) -> None:
        self._by_id: dict[str, list[LoadedLibrary]] = {}
        for lib in self.libraries:
            for bid in lib.blocks:
                self._by_id.setdefault(bid, []).append(lib)
        self.themes: dict[str, Theme] = {}
        for lib in self.libraries:
            for theme in lib.meta.themes if lib.meta else []:
                self.themes.setdefault(theme.id, theme)

    @property
    def findings(self) -> list[Finding]:
        return [f for lib in self.libraries for f in lib.findings]

    @property
    def phrases(self) -> list[PhraseRule]:
        return [rule for lib in self.libraries if lib.meta for rule in lib.meta.phrases]

    def resolve(self, ref: str) -> tuple[LoadedLibrary, Block]:
        """The library and block a reference names; BlockLookupError says why not."""
        if "/" in ref:
            namespace, bid = ref.split("/", 1)
            for lib in self.libraries:
                if lib.namespace == namespace:
                    if bid in lib.blocks:
                        return lib, lib.blocks[bid]
                    raise BlockLookupError(f"library '{namespace}' has no block '{bid}'")
            raise BlockLookupError(f"no library has the namespace '{namespace}'")
        owners = self._by_id.get(ref, [])
        if len(owners) == 1:
            return owners[0], owners[0].blocks[ref]
        if not owners:
            import difflib

            close = difflib.get_close_matches(ref, list(self._by_id), n=1)
            raise BlockLookupError(f"no library has a block '{ref}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        forms = " or ".join(f"'{lib.namespace}/{ref}'" for lib in owners)
        names = ", ".join(f"{lib.name} ({lib.namespace})" for lib in owners)
        raise BlockLookupError(f"block id '{ref}' is ambiguous: it is in {names}; write {forms}")

    def lookup(self, ref: str) -> Block:
        return self.resolve(ref)[1]

    def qualified(self, lib: LoadedLibrary, block: Block) -> str:
        """The shortest reference that names this block unambiguously."""
        return block.id if len(self._by_id.get(block.id, [])) == 1 else f"{lib.namespace}/{block.id}"

    def blocks(self) -> list[tuple[LoadedLibrary, Block]]:
        return [(lib, b) for lib in self.libraries for b in lib.blocks.values()]



def load_index(refs: list[tuple[LibraryRef, Path]], *, display=str, cache_dir: Path | None = None) -> LibraryIndex:
    """Load every library a workspace names."""
    return LibraryIndex([load_library(path, ref=ref, display=display, cache_dir=cache_dir) for ref, path in refs])
