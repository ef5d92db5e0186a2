"""Checks of an answer's own items: a choice that is not one of the question's (`invalid-choice`),
own text that still holds a placeholder (`placeholder-left`) or words no dictionary knows
(`spelling`). Blocks are the library's to spell and fill: these look only at what the writer wrote.
"""

from __future__ import annotations

import re

from ..findings import Finding, finding
from ..model import ChoiceItem, TextItem
from ..questionnaire import Target
from ..safetext import visible
from ..spelling import misspelt_words
from .context import DraftContext
from .result import AnswerResult

MAX_SPELLING = 12
"""Most `spelling` findings per own-text item; the rest are named in the last one."""


def spelling_findings(ctx: DraftContext, q: Target, items: list, result: AnswerResult) -> list[Finding]:
    """`spelling` (info) for each distinct word of the user's own text that neither the dictionary of
    the consultation's language nor the accepted `words` know (blocks are the library's to spell:
    `drafter lint` checks them). The words go to `result.misspelt` for the editor to mark."""
    out: list[Finding] = []
    for i, item in enumerate(items):
        if not isinstance(item, TextItem) or not item.text.strip():
            continue
        words = misspelt_words(item.text, ctx.language, ctx.accepted)
        if not words:
            continue
        result.misspelt[i] = words
        where = ctx.at(*q.loc, i)
        shown = words if len(words) <= MAX_SPELLING else words[: MAX_SPELLING - 1]
        for word in shown:
            out.append(finding("spelling", f"'{visible(word, one_line=True)}' is not in the {ctx.language} dictionary",
                               hint="correct it; if it is right (a name, a term of art), add it to the workspace's `words` in drafter.yaml",
                               question=q.id, **where))
        if len(shown) < len(words):
            rest = words[len(shown):]
            out.append(finding("spelling", f"{len(rest)} more words are not in the {ctx.language} dictionary: "
                               + ", ".join(f"'{visible(w, one_line=True)}'" for w in rest[:20]) + ("…" if len(rest) > 20 else ""),
                               hint="check the text is in the consultation's language; correct the words or add them to `words`",
                               question=q.id, **where))
    return out


PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[[A-Z][A-Z0-9 _./-]*\]|\b(?:TODO|TBD|XXX)\b")
"""What a writer leaves to fill later: a template placeholder, a [NAME]-style bracket, TODO, TBD, XXX."""


def item_findings(ctx: DraftContext, q: Target, items: list) -> list[Finding]:
    """Per item: a choice that is not one of the question's (`invalid-choice`), own text that still
    holds a placeholder (`placeholder-left`)."""
    out = []
    for i, item in enumerate(items):
        where = ctx.at(*q.loc, i)
        if isinstance(item, ChoiceItem):
            if q.answer != "choice":
                out.append(finding("invalid-choice", f"question {q.id} is answered in words, not by a choice ('{visible(item.choice, one_line=True)}')",
                                   hint="write the answer as text: `- text: ...`", question=q.id, **where))
            elif item.choice not in q.choices:
                options = ", ".join(f"'{c}'" for c in q.choices)
                out.append(finding("invalid-choice", f"'{visible(item.choice, one_line=True)}' is not one of the choices of question {q.id}",
                                   hint=f"choose one of {options}", question=q.id, **where))
        elif isinstance(item, TextItem):
            left = sorted({m.group(0) for m in PLACEHOLDER.finditer(item.text)})
            if left:
                shown = ", ".join(visible(x, one_line=True)[:40] for x in left[:5])
                out.append(finding("placeholder-left", f"your text still holds {shown}",
                                   hint="fill it in or delete it before you submit (your own text is used as written, never filled in)",
                                   question=q.id, **where))
    return out
