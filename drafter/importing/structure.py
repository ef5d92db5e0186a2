"""From a source's lines to a questionnaire: sections, questions and parts with their labels,
limits and required marks.

How roles are decided: a line the source marks as a heading (or a short bold line) that asks
nothing is a section; labels are grouped in families (kind and punctuation: "1.", "(a)", "A)"), and
a family whose lines mostly ask nothing and stand over other labelled lines is a section family;
every other labelled line is a question, unless it stands under a question and belongs to another
family (or a deeper list level), which makes it a part of that question. Unlabelled lines ending
with "?" are questions only where the document numbers none. Everything else is intro (under a
section, before its first question) or guidance (under a question).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .labels import Label, parse_label
from .limits import FoundLimit, find_limit
from .meta import is_question_text, required_mark
from .source import SourceLine

_FILLER = re.compile(
    r"^(answer|response|your (answer|response|reply)|réponse|respuesta|reply|comments?|"
    r"\[?(insert|type|enter) (your )?(text|answer|response)( here)?\]?|click or tap here to enter text|"
    r"no\.?|question|questions|n[°º]|#)\s*[:.]?$",
    re.IGNORECASE,
)
_SECTION_KINDS = {"section"}
_ANSWER_OPTION = re.compile(
    r"^(?:[☐☑☒○◯●◦□■▢]|\(\s?\))?\s*(?P<option>yes|no|don['’]?t know|do not know|no opinion|not applicable|n/a|partially|"
    r"oui|non|je ne sais pas|sans opinion|ne sait pas|s[ií]|no s[eé]|no sabe|sin opini[oó]n)"
    r"(?:\s*/\s*(?:no opinion|not applicable|sans opinion|sin opini[oó]n|no sabe|don['’]?t know))*\s*\.?$",
    re.IGNORECASE,
)
"""A line that is one answer of a yes/no question as a web form prints it (radio buttons pasted
as bare lines, or boxes in a Word version): "Yes", "No", "Don't know / no opinion", "☐ Oui"."""
_YES = re.compile(r"^(?:yes|oui|s[ií])$", re.IGNORECASE)
_NO = re.compile(r"^(?:no|non)$", re.IGNORECASE)


@dataclass
class QNode:
    index: int
    label: Label | None
    text: str
    level: int
    guidance: list[str] = field(default_factory=list)
    parts: list["QNode"] = field(default_factory=list)
    limit: FoundLimit | None = None
    limit_note: str | None = None
    required: bool | None = None
    required_note: str | None = None
    id: str = ""
    options: list[str] = field(default_factory=list)
    """Unlabelled answer options printed under the question ("Yes", "No", "Don't know")."""


@dataclass
class SNode:
    index: int | None
    label: Label | None
    title: str
    intro: list[str] = field(default_factory=list)
    questions: list[QNode] = field(default_factory=list)
    limit: FoundLimit | None = None
    id: str = ""


@dataclass
class Outline:
    sections: list[SNode]
    preamble: list[int]
    """Indexes of the lines before the first section or question."""
    global_limit: FoundLimit | None = None
    global_limit_line: int | None = None


def _limit_only(text: str) -> FoundLimit | None:
    """A limit that is (nearly) the whole line: "(Maximum 300 words)", "Word limit: 250"."""
    found = find_limit(text)
    if found is None:
        return None
    rest = (text[: found.start] + text[found.end:]).strip(" ()[].:;,-–—*")
    rest = re.sub(r"(?i)\b(please|answer|response|responses|reply|in|your|limit|length|maximum|max|recommended|suggested|"
                  r"including spaces|with spaces|excluding spaces|réponse|respuesta|words?|characters?)\b", "", rest).strip(" ()[].:;,-–—*")
    return found if len(rest) <= 3 else None


def _is_sectionish(line: SourceLine) -> bool:
    """A line that could be a section title: asks nothing and is short, a heading or bold."""
    text = line.text.strip()
    if not text or is_question_text(text):
        return False
    if find_limit(text) and _limit_only(text):
        return False
    words = len(text.split())
    return words <= 14 and not text.endswith((".", ":", ";", ",")) or (line.heading is not None and words <= 25)


_CHOOSE = re.compile(
    r"\b(?:tick|check|select|choose|pick|circle|mark)\s+(?:only\s+)?(?:one|all that apply|any|(?:the|an?) (?:one|option|answer|box))\b|"
    r"\b(?:one|each|which|any) of the following\b|\b(?:one|any) of these\b|"
    r"\bcochez\b|\bchoisissez\b|\bsélectionnez\b|\bl'une des (?:options|propositions) suivantes\b|\blaquelle des\b|"
    r"\bmarque\b|\bseleccione\b|\belija\b|\bescoja\b|\buna de las (?:siguientes )?opciones\b|\bcu[aá]l de las siguientes\b",
    re.IGNORECASE,
)
_OPTION_WORDS = 8
"""An option to choose is short: a few words ("Roundtable", "60 minutes"); longer items are parts."""


def choice_options(q: QNode) -> list[str] | None:
    """The options of a question whose lettered items are answers to choose from, not parts to
    answer: the question says so ("tick one", "which of the following … (a) … or (b)"), or its items
    are a few words each that ask nothing, under a question that does not end with ":" (a list of
    topics to comment on). None when the items are parts."""
    items = q.parts
    if len(items) < 2 or any(p.parts for p in items):
        return None
    texts = [p.text.strip() for p in items]
    if any(t.endswith("?") or is_question_text(t) for t in texts):
        return None
    said = _CHOOSE.search(q.text) is not None
    short = all(len(re.sub(r"\([^)]*\)", "", t).split()) <= _OPTION_WORDS and not t.endswith((";", ":", ",")) for t in texts)
    if not said and not (short and not q.text.rstrip().endswith(":")):
        return None
    options = [re.sub(r"(?:[,;]?\s+(?:or|and|ou|et|o|y))?\s*[,;.]?$", "", t, flags=re.IGNORECASE).strip() for t in texts]
    return [o for o in options if o] if all(options) else None


def outline(lines: list[SourceLine], skip: set[int]) -> Outline:
    """Sections, questions and parts from `lines` (the indexes in `skip` are metadata: the title, the
    deadline, respondent fields)."""
    labels: dict[int, Label] = {}
    for i, line in enumerate(lines):
        if i in skip or not line.label:
            continue
        parsed = parse_label(line.label)
        if parsed is not None:
            labels[i] = parsed
    section_families = _section_families(lines, labels, skip)
    any_labelled_question = any(labels[i].family not in section_families for i in labels)

    sections: list[SNode] = []
    preamble: list[int] = []
    current_s: SNode | None = None
    current_q: QNode | None = None
    last_part: QNode | None = None
    out = Outline(sections, preamble)

    def section(index: int | None, label: Label | None, title: str) -> SNode:
        s = SNode(index, label, title)
        sections.append(s)
        return s

    for i, line in enumerate(lines):
        if i in skip:
            continue
        text = line.text.strip()
        if not text and i not in labels:
            continue
        if current_q is not None and last_part is None and i not in labels and (opt := _ANSWER_OPTION.match(text)):
            current_q.options.append(text[opt.start("option"):].strip())
            continue
        if _FILLER.match(text) and i not in labels:
            continue
        label = labels.get(i)
        heading = line.heading is not None or (line.bold and not line.table and not label and len(text.split()) <= 12)
        asks = is_question_text(text)

        # a section: a heading that asks nothing, or a line of a section family
        if (label is not None and label.family in section_families) or (label is None and heading and not asks and _is_sectionish(line)):
            current_s = section(i, label, text or (label.raw if label else ""))
            current_q = last_part = None
            continue
        if label is not None or (asks and not any_labelled_question and not line.table and len(text) > 3):
            if current_s is None:
                current_s = section(None, None, "")
            q = QNode(i, label, text, line.level)
            is_part = False
            if current_q is not None and label is not None:
                parent_label = current_q.label
                if parent_label is not None and label.family != parent_label.family:
                    if label.kind in ("alpha", "roman") or line.level > current_q.level:
                        is_part = True
                    elif parent_label.kind == "dotted" and label.kind == "dotted" and label.depth > parent_label.depth:
                        is_part = True
                elif parent_label is not None and label.kind == "dotted" and parent_label.kind == "dotted" and label.depth > parent_label.depth \
                        and label.values[: parent_label.depth] == parent_label.values:
                    is_part = True
                elif line.level > current_q.level and line.numbered:
                    is_part = True
            if is_part and current_q is not None:
                current_q.parts.append(q)
                last_part = q
            else:
                current_s.questions.append(q)
                current_q, last_part = q, None
            continue
        # plain text: a limit, a required mark, guidance or intro
        target = last_part or current_q
        only = _limit_only(text)
        mark, _ = required_mark(text)
        if target is not None:
            if only and last_part is not None and current_q is not None and current_q.limit is None:
                current_q.limit = only  # a limit under the last part: the parts' limit together
                current_q.limit_note = "stated after the parts: read as the limit of all parts together"
                continue
            if only and target.limit is None:
                target.limit = only
                continue
            if mark is not None and len(text) < 20:
                target.required = mark
                continue
            target.guidance.append(text)
        elif current_s is not None:
            if only and current_s.limit is None:
                current_s.limit = only
            current_s.intro.append(text)
        else:
            preamble.append(i)
            if only or (find_limit(text) and re.search(r"\b(each|every|per|all|chaque|cada|responses?|answers?|réponses?|respuestas?)\b", text, re.I)):
                if out.global_limit is None:
                    out.global_limit = find_limit(text)
                    out.global_limit_line = i
    # answer options make a choice only as a yes/no set; lone "Yes" or "No" lines are guidance
    for s in sections:
        for q in s.questions:
            words = [o.split("/")[0].strip(" .") for o in q.options]
            if q.options and not (any(_YES.match(w) for w in words) and any(_NO.match(w) for w in words)):
                q.guidance += q.options
                q.options = []
    # sections that asked nothing are dropped (their title was a heading of the call's text)
    out.sections = [s for s in sections if s.questions]
    return out


def _section_families(lines: list[SourceLine], labels: dict[int, Label], skip: set[int]) -> set[str]:
    """Label families used for section titles: their lines mostly ask nothing and each stands over
    lines of another family."""
    by_family: dict[str, list[int]] = {}
    for i, label in labels.items():
        by_family.setdefault(label.family, []).append(i)
    order = sorted(labels)
    families: set[str] = set()
    counts = Counter(label.family for label in labels.values())
    for family, indexes in by_family.items():
        kind = labels[indexes[0]].kind
        if kind in _SECTION_KINDS:
            families.add(family)
            continue
        if kind in ("alpha", "roman", "pp", "op", "para", "question", "compound"):
            continue
        titled = 0
        for i in indexes:
            line = lines[i]
            nxt = next((j for j in order if j > i), None)
            over_others = nxt is not None and labels[nxt].family != family
            if over_others and _is_sectionish(line):
                titled += 1
        if titled and titled >= 0.6 * len(indexes) and len(by_family) > 1:
            # a family of section titles stands over a more numerous family of questions
            others = sum(c for f, c in counts.items() if f != family)
            if others >= len(indexes):
                families.add(family)
    return families
