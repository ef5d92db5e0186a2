"""Blocks (a position text, with its variants, translations and sources) and the library that holds them: `library.yaml`, its themes and phrase rules."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .base import DEFAULT_REVIEW_DAYS, ID_PATTERN, NAMESPACE_PATTERN, Strict


class Source(Strict):
    """A reference a block rests on; rendered once in the submission's references list."""

    title: str
    """What the source is called, as a reader would cite it."""
    url: str | None = None
    """Where to read it (https://…)."""


class Translation(Strict):
    """A block's text in another language."""

    title: str | None = None
    """The title in this language (default: the block's own)."""
    body: str
    """The body in this language (Markdown with placeholders)."""
    short: str | None = None
    """The short variant in this language."""


class Block(Strict):
    """A reusable, reviewed position: one file `<id>.yaml` anywhere under a library folder."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Lower-case id (`a-z`, `0-9`, `-`), unique in its library; the file name should be `<id>.yaml`."""
    title: str
    """One-line title shown in lists."""
    summary: str | None = None
    """One or two sentences, shown in lists and previews."""
    themes: Annotated[list[str], Field(min_length=1)]
    """One or more theme ids from the library's vocabulary."""
    tags: list[str] = []
    """Free labels, e.g. `wsis:C1`…`wsis:C11`, `sdg:9`, `gdc`."""
    body: str
    """Markdown with Jinja placeholders such as `{{ respondent.organisation }}`."""
    short: str | None = None
    """A shorter variant of body, for tight limits."""
    owner: str | None = None
    """Who maintains this block."""
    reviewed: dt.date | None = None
    """Date of the last review (YYYY-MM-DD)."""
    review_every_days: Annotated[int, Field(gt=0)] | None = None
    """Review interval in days; default from the library, else 180."""
    sources: list[Source] = []
    """References, each `{title, url}`."""
    language: str = "en"
    """BCP 47 language tag of `title`, `body` and `short`."""
    translations: dict[str, Translation] = {}
    """The same position in other languages: BCP 47 tag → `{title, body, short}`."""


class Theme(Strict):
    """One entry of a library's theme vocabulary."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Theme id used in blocks' and questions' `themes`."""
    label: str
    """Human label shown in the UI."""
    description: str | None = None
    """What the theme covers."""


class PhraseRule(Strict):
    """A regular-expression rule applied to every composed answer (Markdown, so link URLs are seen)."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Rule id, shown in findings."""
    severity: Literal["error", "warning", "info"] = "warning"
    """Severity of each match."""
    message: str
    """What is wrong, shown with each match."""
    hint: str | None = None
    """How to put it right (e.g. state a positive proposal instead)."""
    patterns: Annotated[list[str], Field(min_length=1)]
    """Python regular expressions; each match is one finding."""
    ignore_case: bool = False
    """Match case-insensitively."""


class Library(Strict):
    """A library's `library.yaml`: its name, namespace, vocabulary and phrase rules."""

    name: str
    """Human name of the library."""
    namespace: Annotated[str, Field(pattern=NAMESPACE_PATTERN)]
    """Short prefix for `namespace/id` references."""
    description: str | None = None
    """What the library is for and who keeps it."""
    maintainers: list[str] = []
    """Who maintains it (names or addresses)."""
    review_every_days: Annotated[int, Field(gt=0)] = DEFAULT_REVIEW_DAYS
    """Default review interval for its blocks."""
    themes: list[Theme] = []
    """The theme vocabulary."""
    phrases: list[PhraseRule] = []
    """Phrase rules applied to every answer that uses this library."""
    languages: list[str] = ["en"]
    """The languages its blocks are kept in (BCP 47); `lint` names blocks missing one."""
    words: list[str] = []
    """Accepted spellings: names, acronyms, terms of art."""
