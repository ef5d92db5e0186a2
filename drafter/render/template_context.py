"""The names a DOCX template receives, with what each holds: the one list the renderer, the template
check, `render --help` and the README read."""

from __future__ import annotations

CONTEXT_NAMES: dict[str, str] = {
    "consultation": "the consultation: id, title, organiser, url, language, deadline (ISO 8601)",
    "respondent": "the respondent: name, organisation, stakeholder_group, country, email, "
    "consent_to_publish, and any other field the draft gives",
    "cosigners": "co-signing organisations, a list of {organisation, country}",
    "date": "the submission date, YYYY-MM-DD (the draft's date, else the deadline's)",
    "consent_statement": "one sentence on whether the organiser may publish the response",
    "sections": "the questionnaire: a list of {id, title, answers}",
    "answers": "every answer in order; each has the question's id, number (the label printed), text, guidance, required, kind, "
    "choices, limit ('500 words' or ''), and answered, words, chars, plain (the answer as plain text), "
    "answer (the formatted answer: put {{p a.answer }} alone on a paragraph)",
    "sources": "the sources the answers rest on, each once: a list of {title, url}",
    "references": "the sources as a numbered list with links: {{p references }} alone on a paragraph",
}


def context_names() -> dict[str, str]:
    """Each name a DOCX template may use, with what it holds (for the README and `--help`)."""
    return dict(CONTEXT_NAMES)
