"""A source document → a consultation: the metadata pass (title, organiser, deadline, respondent
fields, legends), then the questionnaire (`structure.outline`) or the document's paragraphs
(`document`), then the YAML with a `# check:` comment on each guess.

Invariant: `Imported.data` always validates as `drafter.model.Consultation`; what could not be found
is filled with a visible stand-in ("(organiser not found)", a deadline 30 days on) carrying a
`# check:` comment and named in `missing`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import meta
from .deadline import FoundDeadline, country_zone, deadline_score, in_zone, parse_deadline, sentences
from .labels import Label, parse_label
from .limits import find_limit, find_pages, strip_limit
from .source import ImportFailure, Source
from .structure import QNode, SNode, choice_options, outline

Path_ = tuple[str | int, ...]


@dataclass
class Guess:
    """Something the importer is unsure of: where it is in the data, and why."""

    path: Path_
    note: str


@dataclass
class Meta:
    skip: set[int] = field(default_factory=set)
    title: str | None = None
    title_line: int | None = None
    organiser: str | None = None
    url: str | None = None
    language: str = "en"
    deadline: FoundDeadline | None = None
    deadline_line: int | None = None
    respondent: list[str] = field(default_factory=list)
    respondent_lines: list[int] = field(default_factory=list)
    respondent_prose: list[int] = field(default_factory=list)
    """Lines whose sentences name respondent fields (they stay in the text)."""
    legend: str | None = None
    max_pages: int | None = None


_ORGANISER_LINES = 8
"""The lines at a call's head where the organiser's name and address stand (its country gives a
deadline's zone when the text names none)."""
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def read_meta(source: Source, today: dt.date) -> Meta:
    lines = source.lines
    m = Meta()
    texts = [ln.text for ln in lines]
    # title: the first line, when it is short, unlabelled and asks nothing (else the first heading)
    for i, line in enumerate(lines[:15]):
        if not line.text or (line.label and parse_label(line.label) and parse_label(line.label).kind not in ("section",)):  # type: ignore[union-attr]
            if line.label:
                break
            continue
        if line.heading is not None or (len(line.text.split()) <= 25 and not meta.is_question_text(line.text) and not line.table):
            m.title, m.title_line = line.text.rstrip(":").strip(), i
            m.skip.add(i)
        break
    head = "\n".join(texts[:40])
    m.organiser = meta.organiser(head) or meta.organiser("\n".join(texts))
    m.language = meta.language(" ".join(texts))
    for line in lines:
        url = line.href if line.href and line.href.startswith(("http://", "https://")) else None
        if url is None and (link := _URL.search(line.text)):
            url = link.group(0).rstrip(".,;")
        if url:
            m.url = url
            break
    # deadline: the dated line that most reads like one
    best: tuple[int, int, FoundDeadline] | None = None
    for i, line in enumerate(lines):
        if not re.search(r"\d", line.text):
            continue
        context = lines[i + 1].text if i + 1 < len(lines) else ""
        # each sentence on its own: "The form opens on 9 March. The call is open until 30 March."
        for sentence in sentences(line.text):
            found = parse_deadline(sentence, today, context=context)
            if found is None:
                continue
            score = deadline_score(sentence) + found.has_time + found.has_zone
            if best is None or score > best[0]:
                best = (score, i, found)
    if best is not None and best[0] >= 1:
        _, i, found = best
        if not found.has_zone and (country := country_zone(" ".join([m.organiser or "", *texts[:_ORGANISER_LINES]]))):
            found = in_zone(found, country[1], f"the organiser's country, {country[0]}")
        m.deadline, m.deadline_line = found, i
        label = parse_label(lines[i].label or "") if lines[i].label else None
        if not (label and meta.is_question_text(lines[i].text)) and len(lines[i].text.split()) < 60 and find_limit(lines[i].text) is None:
            m.skip.add(i)
    # respondent fields, consent, legends, page limits
    for i, line in enumerate(lines):
        text = line.text
        if i in m.skip:
            continue
        # a field with a length limit ("A) Title (100 characters max) *") asks for text: a question
        # …and a sentence listing fields is read below, as prose
        prose = any(meta.respondent_fields_in_prose(sentence) for sentence in sentences(text))
        if find_limit(text) is None and not prose and (name := meta.respondent_field(text)):
            if name not in m.respondent:
                m.respondent.append(name)
            m.respondent_lines.append(i)
            m.skip.add(i)
        elif meta.is_consent(text) and (len(text.split()) < 40 or text.lower().startswith(("i ", "we "))):
            if "consent_to_publish" not in m.respondent:
                m.respondent.append("consent_to_publish")
            m.respondent_lines.append(i)
            if not (line.label and meta.is_question_text(text) and not text.lower().startswith(("i ", "we "))):
                m.skip.add(i)
        elif (kind := meta.legend(text)) is not None:
            m.legend = m.legend or kind
            if len(text.split()) < 30 and find_limit(text) is None:
                m.skip.add(i)
        if m.max_pages is None and (pages := find_pages(text)) and not line.label:
            m.max_pages = pages
    # fields asked for in a sentence (the deadline's too): "Submitters are asked to give their name,
    # affiliation and e-mail address"; a labelled line is a question, whoever it asks about
    for i, line in enumerate(lines):
        if line.label or i in m.respondent_lines:
            continue
        for sentence in sentences(line.text):
            for name in meta.respondent_fields_in_prose(sentence):
                if name not in m.respondent:
                    m.respondent.append(name)
                    m.respondent_prose.append(i)
    return m


def _part_id(parent: str, label: Label | None, n: int) -> str:
    key = label.values[-1] if label else str(n)
    return f"{parent}{key}" if key.isalpha() else f"{parent}.{key}"


@dataclass
class Built:
    data: dict[str, Any]
    guesses: list[Guess]
    found: list[str]
    missing: list[str]
    lines: dict[tuple, int]


def common_keys(source: Source, m: Meta, kind: str, cid: str | None, today: dt.date) -> Built:
    """The keys every kind has: id, title, organiser, url, language, deadline, respondent."""
    guesses: list[Guess] = []
    found: list[str] = []
    missing: list[str] = []
    data: dict[str, Any] = {}
    title = m.title or source.name
    if m.title is None:
        guesses.append(Guess(("title",), "no title found: the file name"))
        missing.append("no title")
    else:
        found.append(f"title '{title}' (from line {m.title_line + 1 if m.title_line is not None else '?'})")
    if cid is None:
        cid = meta.slug(title, 40)
        guesses.append(Guess(("id",), "made from the title: drafts refer to it, choose it now"))
    data["id"] = cid
    data["title"] = title
    if m.organiser:
        data["organiser"] = m.organiser
        guesses.append(Guess(("organiser",), "found by name in the text"))
        found.append(f"organiser {m.organiser}")
    else:
        data["organiser"] = "(organiser not found)"
        guesses.append(Guess(("organiser",), "not found in the text: who runs the consultation?"))
        missing.append("no organiser")
    if m.url:
        data["url"] = m.url
        guesses.append(Guess(("url",), "the first link of the text"))
        found.append(f"url {m.url}")
    else:
        missing.append("no url")
    data["language"] = m.language
    if m.language != "en":
        guesses.append(Guess(("language",), "from the words the text uses"))
    if m.deadline is not None and m.deadline_line is not None:
        data["deadline"] = m.deadline.value
        for note in m.deadline.notes:
            guesses.append(Guess(("deadline",), note))
        value = m.deadline.value
        offset = value.strftime("%z")
        zone = "UTC" if offset == "+0000" else f"UTC{offset[:3]}:{offset[3:]}"
        found.append(f"deadline {value:%Y-%m-%d %H:%M} {zone} (from line {m.deadline_line + 1})")
    else:
        value = dt.datetime.combine(today + dt.timedelta(days=30), dt.time(23, 59), tzinfo=dt.UTC)
        data["deadline"] = value
        guesses.append(Guess(("deadline",), "no deadline found: a stand-in 30 days on; give the organiser's"))
        missing.append("no deadline")
    data["checked"] = today
    if m.respondent:
        data["respondent"] = {"required": list(m.respondent)}
        guesses.append(Guess(("respondent", "required"), "read from the form's fields" + (" and the text's sentences" if m.respondent_prose else "")
                             + ": check which are required"))
        found.append("respondent fields: " + ", ".join(m.respondent))
    else:
        missing.append("no respondent fields")
    if m.max_pages:
        data["submission"] = {"format": "docx", "max_pages": m.max_pages}
        guesses.append(Guess(("submission", "max_pages"), "a page limit stated in the text"))
        found.append(f"page limit {m.max_pages}")
    if kind != "questionnaire":
        data["kind"] = kind
    # where each detail was read, so a review can show it beside the source
    where = {
        ("title",): m.title_line if m.title is not None else None,
        ("organiser",): _first_line(source, m.organiser),
        ("url",): _first_line(source, m.url),
        ("deadline",): m.deadline_line if m.deadline is not None else None,
        ("respondent", "required"): min([*m.respondent_lines, *m.respondent_prose], default=None) if m.respondent else None,
    }
    return Built(data, guesses, found, missing, {path: line for path, line in where.items() if line is not None})


def _first_line(source: Source, text: str | None) -> int | None:
    """The first source line holding `text` (None when none does, or there is no text)."""
    return next((i for i, line in enumerate(source.lines) if text and text in line.text), None)


def build_questionnaire(source: Source, m: Meta, cid: str | None, today: dt.date) -> Built:
    b = common_keys(source, m, "questionnaire", cid, today)
    o = outline(source.lines, m.skip)
    if not any(s.questions for s in o.sections):
        raise ImportFailure(f"{source.name}: no questions found (for a zero draft or other numbered text, use --kind document)")
    _assign_ids(o.sections)
    sections: list[dict[str, Any]] = []
    marks = {"star": 0, "explicit": 0}
    n_questions = n_parts = n_limits = n_choices = 0
    for si, s in enumerate(o.sections):
        sd: dict[str, Any] = {"id": s.id, "title": s.title or "Questions"}
        if not s.title:
            b.guesses.append(Guess(("sections", si, "title"), "the questions stand under no heading"))
        if s.intro:
            sd["intro"] = "\n".join(s.intro)
        if s.index is not None:
            b.lines[("sections", si)] = s.index
        qs: list[dict[str, Any]] = []
        for qi, q in enumerate(s.questions):
            path: Path_ = ("sections", si, "questions", qi)
            qd = _question(q, path, b, marks, m)
            if qd.get("limit") is None and not q.parts:
                inherited = s.limit or o.global_limit
                if inherited is not None:
                    qd["limit"] = inherited.as_data()
                    where = "the section's intro" if s.limit else f"line {(o.global_limit_line or 0) + 1} (for every question)"
                    b.guesses.append(Guess((*path, "limit"), f"stated in {where}"))
            if "limit" in qd:
                n_limits += 1
            if q.options and not q.parts:
                qd["kind"] = "choice"
                qd["choices"] = list(q.options)
                n_choices += 1
            options = choice_options(q)
            if options is not None:
                qd["kind"] = "choice"
                qd["choices"] = options
                b.guesses.append(Guess((*path, "choices"), "the lettered items read as options to choose from, not parts"))
                more = [g for p in q.parts for g in p.guidance]
                if more:
                    qd["guidance"] = "\n".join([*([qd["guidance"]] if qd.get("guidance") else []), *more])
                q.parts = []
                n_choices += 1
            parts = []
            for pi, p in enumerate(q.parts):
                ppath: Path_ = (*path, "parts", pi)
                pd = _question(p, ppath, b, marks, m)
                if "limit" in pd:
                    n_limits += 1
                parts.append(pd)
                n_parts += 1
            if q.parts and qd.get("limit") is None and (s.limit or o.global_limit):
                inherited = s.limit or o.global_limit
                assert inherited is not None
                qd["limit"] = inherited.as_data()
                b.guesses.append(Guess((*path, "limit"), "a limit stated above: here it bounds all the parts together"))
            if parts:
                qd["parts"] = parts
            qs.append(qd)
            n_questions += 1
        sd["questions"] = qs
        sections.append(sd)
    b.data["sections"] = sections
    b.found.insert(0, f"{n_questions} question{'s' * (n_questions != 1)} in {len(sections)} section{'s' * (len(sections) != 1)}"
                   + (f", {n_parts} part{'s' * (n_parts != 1)}" if n_parts else ""))
    if n_choices:
        b.found.append(f"{n_choices} choice question{'s' * (n_choices != 1)}")
    if n_limits:
        b.found.append(f"{n_limits} limit{'s' * (n_limits != 1)}")
    else:
        b.missing.append("no limits")
    if marks["explicit"] or m.legend:
        b.found.append("required marks" + (f" (legend: {m.legend})" if m.legend else ""))
    else:
        b.missing.append("no required marks (every question optional)")
    return b


def _question(q: QNode, path: Path_, b: Built, marks: dict[str, int], m: Meta) -> dict[str, Any]:
    text = q.text
    required, text = meta.required_mark(text)
    if required is None and q.required is not None:
        required = q.required
    limit = q.limit
    limit_note = q.limit_note
    if limit is None:
        inline = find_limit(text)
        if inline is not None:
            limit = inline
            text = strip_limit(text, inline)
            if required is None:  # "… WSIS? * (max. 2,000 characters)": the mark stood before the limit
                required, text = meta.required_mark(text)
        else:
            for g in q.guidance:
                inline = find_limit(g)
                if inline is not None:
                    limit, limit_note = inline, "stated in the question's guidance"
                    break
    guidance = [g for g in q.guidance if not (limit is not None and q.limit is None and g == text)]
    qd: dict[str, Any] = {"id": q.id}
    if q.label is not None and q.label.raw != q.id:
        qd["number"] = q.label.raw
    elif q.label is None:
        qd["number"] = ""
    qd["text"] = text or (q.label.raw if q.label else "")
    if guidance:
        qd["guidance"] = "\n".join(guidance)
    if required is not None:
        marks["explicit"] += 1
        qd["required"] = required
        if required and m.legend is None and q.text.rstrip().endswith("*"):
            b.guesses.append(Guess((*path, "required"), "'*' read as required (the text gives no legend)"))
    elif m.legend == "all-required":
        qd["required"] = True
        b.guesses.append(Guess((*path, "required"), "the text says all questions are required"))
    if limit is not None:
        qd["limit"] = limit.as_data()
        if limit_note:
            b.guesses.append(Guess((*path, "limit"), limit_note))
        if limit.with_spaces is False:
            b.guesses.append(Guess((*path, "limit"), "characters without spaces: drafter counts spaces"))
    b.lines[path] = q.index
    return qd


def _assign_ids(sections: list[SNode]) -> None:
    """Section ids from their labels (else 1, 2, …); question ids from their labels ("2.1", "F.1"),
    prefixed with the section's id where numbering restarts in each section; unlabelled questions
    numbered in order; part ids from the question's ("1.4a")."""
    taken: set[str] = set()
    for n, s in enumerate(sections, 1):
        base = s.label.key if s.label else str(n)
        sid, k = base, 2
        while sid in taken:
            sid, k = f"{base}-{k}", k + 1
        s.id = sid
        taken.add(sid)
    keys = [q.label.key if q.label else None for s in sections for q in s.questions]
    labelled = [k for k in keys if k]
    restart = len(labelled) != len(set(labelled)) and len(sections) > 1
    used: set[str] = set()
    plain = 0
    for s in sections:
        for q in s.questions:
            if q.label is not None:
                key = q.label.key
                if q.label.kind in ("roman", "ROMAN") and not key.isdigit():
                    key = q.label.values[-1]
                qid = f"{s.id}.{key}" if restart and not key.startswith(f"{s.id}.") else key
            else:
                plain += 1
                qid = str(plain) if not restart else f"{s.id}.{plain}"
            base, k = qid, 2
            while qid in used:
                qid, k = f"{base}-{k}", k + 1
            used.add(qid)
            q.id = qid
            for pn, p in enumerate(q.parts, 1):
                pid = _part_id(qid, p.label, pn)
                base, k = pid, 2
                while pid in used:
                    pid, k = f"{base}-{k}", k + 1
                used.add(pid)
                p.id = pid


__all__ = ["Built", "Guess", "Meta", "build_questionnaire", "read_meta"]
