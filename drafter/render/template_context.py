"""The names a DOCX template receives, with what each holds: the one list the renderer, the template
check, `render --help` and the README read."""

from __future__ import annotations

CONTEXT_NAMES: dict[str, str] = {
    "consultation": "the consultation: id, title, organiser, url, language, deadline (ISO 8601)",
    "respondent": "the respondent: name, role, organisation, stakeholder_group, country, region, email, "
    "capacity, consent_to_publish, and any other field the draft gives",
    "cosigners": "co-signing organisations, a list of {organisation, country}",
    "date": "the submission date, YYYY-MM-DD (the draft's date, else the deadline's)",
    "date_text": "the same date written out in the consultation's language, e.g. 5 July 2023",
    "cover": "the cover's rows, a list of {label, value}: the respondent fields the consultation asks for, "
    "organisation, stakeholder group and country when given, the date, co-signers",
    "style": "the submission's style: questionnaire or letter",
    "letter": "for style letter: {addressee (lines), title (Comments of … on …), closing, signature (lines)}, else None",
    "consent_statement": "one sentence on whether the organiser may publish the response",
    "sections": "the sections the document prints: a list of {id, title, intro, answers}",
    "answers": "every answer the document prints, in order (unanswered optional and web-form-only questions "
    "are left out); each has the question's id, number (the label printed), text, label (number and text), "
    "preamble (for the first part of a question: its {number, text, label, guidance}), part (true for a part), "
    "failed (marks for items that could not be composed), guidance (only with --guidance), required, kind, "
    "choices, limit ('500 words' or ''), and answered, words, chars, plain (the answer as plain text), "
    "answer (the formatted answer: put {{p a.answer }} alone on a paragraph)",
    "sources": "the sources the answers rest on, each once: a list of {title, url}",
    "references": "the sources as a numbered list with links: {{p references }} alone on a paragraph",
    "comments": "for a document consultation (else None): the comments table (paragraph, proposed change as "
    "tracked changes, rationale), or with --redline the whole document with the changes tracked: "
    "{{p comments }} alone on a paragraph (a template without it gets them at its end)",
    "labels": "drafter's own wording in the consultation's language (English for a language drafter has no "
    "wording for): the cover labels (name, role, organisation, stakeholder_group, country, region, email, "
    "capacity, date, cosigners), references, no_answer, comments_title, response_to ('Response to ORGANISER'), "
    "and page_before, page_between, page_after (the text around the PAGE and NUMPAGES fields of 'Page X of Y')",
}


def context_names() -> dict[str, str]:
    """Each name a DOCX template may use, with what it holds (for the README and `--help`)."""
    return dict(CONTEXT_NAMES)
