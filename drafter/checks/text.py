"""Checks of an answer's composed Markdown: links that are not http, https or mailto
(`unsafe-link`), characters no document can hold (`control-char`), and the phrase rules of the
libraries and the consultation (`phrase`, `bad-rule` for a rule whose pattern runs out of time).
"""

from __future__ import annotations

from ..findings import Finding, finding
from ..links import is_safe
from ..model import PhraseRule
from ..phrases import matches
from ..plaintext import forbidden_chars, markdown_parser
from ..safetext import visible

_LINKS = markdown_parser()
_LINKS.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link written, even those a renderer would drop


def link_targets(markdown: str) -> list[str]:
    """Every link target written in the Markdown (links, autolinks, images)."""
    if "[" not in markdown and "<" not in markdown:  # every link, autolink and image needs one
        return []
    out: list[str] = []
    for tok in _LINKS.parse(markdown):
        for child in tok.children or ():
            if child.type == "link_open":
                out.append(str(child.attrs.get("href") or ""))
            elif child.type == "image":
                out.append(str(child.attrs.get("src") or ""))
    return out


def link_findings(markdown: str, qid: str, where: dict) -> list[Finding]:
    """`unsafe-link` for each link in the answer that is not http, https or mailto."""
    return [
        finding(
            "unsafe-link",
            f"the answer links to '{visible(url, one_line=True)[:120]}', which is not an http, https or mailto address",
            hint="link only to web pages (https://…) or e-mail addresses (mailto:…)",
            question=qid,
            **where,
        )
        for url in link_targets(markdown)
        if not is_safe(url)
    ]


def control_findings(markdown: str, qid: str, where: dict) -> list[Finding]:
    """`control-char` when the answer holds characters no document can hold (they will be removed)."""
    codes = forbidden_chars(markdown)
    if not codes:
        return []
    return [
        finding(
            "control-char",
            f"the answer holds characters a document cannot hold ({', '.join(codes)}); they will be removed",
            hint="delete them from the text (they are often pasted in from PDFs)",
            question=qid,
            **where,
        )
    ]


def _oneline(text: str) -> str:
    """Rule texts may be folded YAML; a finding is one line."""
    return " ".join(text.split())


def phrase_findings(rules: list[PhraseRule], markdown: str, qid: str | None, where: dict) -> list[Finding]:
    """One finding per match of each rule's patterns in the answer's Markdown; a rule whose pattern
    runs out of time is one `bad-rule` finding instead (the answer is not held up by it)."""
    found, slow = matches(rules, markdown)
    out = [
        finding(
            "phrase",
            f"{m.rule.id}: \u201c{_oneline(m.text)}\u201d \u2014 {_oneline(m.rule.message)}",
            severity=m.rule.severity,
            hint=_oneline(m.rule.hint) if m.rule.hint else None,
            question=qid,
            **where,
        )
        for m in found
    ]
    out += [
        finding(
            "bad-rule",
            f"phrase rule '{s.rule.id}' is too slow: its pattern ran out of time on this answer and was skipped",
            hint="fix or remove the pattern in the library or consultation that defines the rule (`drafter lint` shows where)",
            question=qid,
            **where,
        )
        for s in slow
    ]
    return out
