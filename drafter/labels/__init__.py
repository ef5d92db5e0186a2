"""The submission's own wording in the consultation's language: the cover's labels, the consent
sentence, "Page X of Y", headings, the comments table and the sentences that describe a proposed
change — one table per UN language (Arabic, Chinese, English, French, Russian, Spanish).

Invariant: every phrase drafter itself prints in a submission comes from here (`labels_for`), chosen
by the consultation's `language` by its primary subtag (`fr-CA` → French); a language without a
table is English. Every table has every key of the English one, with the same `{placeholders}`
(tests/test_render_labels.py checks both); each table is a module of this package named by that
subtag (`fr.py`). Placeholders stand where a name or title goes; where a language would have to
inflect or agree with a name (Russian cases, Arabic gender, French elision) the phrase is built so
that it need not (a colon, a generic noun, a quoted title).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..library import primary_language
from .ar import TABLE as AR
from .en import TABLE as EN
from .es import TABLE as ES
from .fr import TABLE as FR
from .ru import TABLE as RU
from .zh import TABLE as ZH

TABLES: dict[str, dict[str, str]] = {"en": EN, "fr": FR, "es": ES, "ar": AR, "ru": RU, "zh": ZH}
"""The tables, by primary language subtag."""


@dataclass(frozen=True)
class Labels:
    """The phrases of one language: `labels("page_of", page=1, pages=3)`."""

    language: str
    """The primary subtag of the table used (`en` for a language without one)."""
    table: dict[str, str]

    def __call__(self, key: str, **values: object) -> str:
        text = self.table.get(key, EN[key])
        return text.format(**values) if values else text

    def pieces(self, key: str, *names: str) -> list[str]:
        """The phrase cut at its placeholders, in the order `names` gives them (a template puts a
        field, such as the page number, between the pieces): `pieces("page_of", "page", "pages")`
        → ["Page ", " of ", ""]."""
        text = self(key)
        out = []
        for name in names:
            before, _, text = text.partition("{" + name + "}")
            out.append(before)
        return [*out, text]


def labels_for(language: str | None) -> Labels:
    """The labels of `language` (a BCP 47 tag, by its primary subtag); English when it has none."""
    primary = primary_language(language or "en")
    return Labels(primary if primary in TABLES else "en", TABLES.get(primary, EN))


ENGLISH = labels_for("en")
