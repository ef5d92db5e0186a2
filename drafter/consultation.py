"""Load consultations and check their own structure (ids, themes, rules, choices).

Invariant: a consultation that fails to load is reported, never raised; the others still load.
Consultations come from the workspace's consultation folders and from the `consultations/` folder
of each library (a coordination group encodes a call once; every member gets it by syncing).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .findings import Finding, finding
from .library import LIBRARY_CONSULTATIONS
from .model import Consultation
from .phrases import rule_findings
from .questionnaire import Target, build
from .yamlio import Loaded, read_yaml, validate
from .yamlio.files import inside


@dataclass
class LoadedConsultation:
    path: Path
    file: str  # as findings print it
    model: Consultation | None
    loaded: Loaded
    findings: list[Finding] = field(default_factory=list)
    library: str | None = None
    """The namespace of the library that carries this consultation (None: the workspace's own)."""

    def pos(self, loc: tuple, key: bool = True) -> dict:
        p = self.loaded.position(loc, key=key)
        return {"file": self.file, "line": p[0] if p else None, "column": p[1] if p else None}


def load_consultation(path: Path, *, display=str) -> LoadedConsultation:
    file = display(path)
    loaded = read_yaml(path, display=file)
    lc = LoadedConsultation(path=path, file=file, model=None, loaded=loaded, findings=list(loaded.findings))
    if loaded.findings:
        return lc
    lc.model, more = validate(loaded, Consultation)
    lc.findings += more
    if lc.model:
        lc.findings += structure_findings(lc)
    return lc


def structure_findings(lc: LoadedConsultation) -> list[Finding]:
    """Duplicate section, question and paragraph ids, bad phrase patterns, choice questions without choices."""
    c = lc.model
    assert c is not None
    out: list[Finding] = rule_findings(c.phrases, lc.loaded, "phrases", lc.file)
    seen_sections: set[str] = set()
    for si, section in enumerate(c.sections):
        if section.id in seen_sections:
            out.append(finding("duplicate-id", f"section id '{section.id}' is used twice", **lc.pos(("sections", si, "id"), key=False)))
        seen_sections.add(section.id)
    seen: dict[str, Target] = {}
    for t in build(c).defined():
        if t.id in seen:
            where = f" (also in section '{seen[t.id].heading.id}')" if t.kind in ("question", "part") else ""
            out.append(
                finding("duplicate-id", f"{t.kind} id '{t.id}' is used twice{where}", question=t.id, **lc.pos((*t.origin, "id"), key=False))
            )
        seen.setdefault(t.id, t)
        if t.answer == "choice" and not t.choices:
            out.append(finding("schema", f"question {t.id} is a choice question without `choices`", question=t.id, **lc.pos((*t.origin, "kind"))))
    return out


def theme_findings(lc: LoadedConsultation, vocabulary: set[str]) -> list[Finding]:
    """Question themes missing from every loaded vocabulary (warning)."""
    out: list[Finding] = []
    if not lc.model or not vocabulary:
        return out
    for t in build(lc.model).defined():
        for ti, theme in enumerate(t.themes):
            if theme not in vocabulary:
                out.append(
                    finding(
                        "unknown-theme",
                        f"question {t.id}: theme '{theme}' is not in any library's vocabulary",
                        hint=_theme_hint(theme, vocabulary),
                        question=t.id,
                        **lc.pos((*t.origin, "themes", ti), key=False),
                    )
                )
    return out


def _theme_hint(theme: str, vocabulary: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(theme, sorted(vocabulary), n=1)
    return f"did you mean '{close[0]}'?" if close else "add it to a library's `themes` or use one of its ids"


def load_consultations(
    dirs: list[Path], *, display=str, libraries: Sequence[tuple[str, Path]] = ()
) -> tuple[dict[str, LoadedConsultation], list[Finding]]:
    """Every `*.yaml` under the consultation folders, by id, then those each library carries in the
    `consultations/` folder at its root (`libraries`: its namespace and root folder), each confined
    to its folder. A duplicate id is a finding and the first one loaded is kept, so the workspace's
    own consultation wins over a library's; a file reached twice (a library's folder also listed
    among the workspace's) is loaded once."""
    by_id: dict[str, LoadedConsultation] = {}
    findings: list[Finding] = []
    seen: set[str] = set()
    for folder in dirs:
        _load_folder(folder, None, by_id, findings, seen, display)
    for namespace, root in libraries:
        folder = root / LIBRARY_CONSULTATIONS
        if not folder.is_dir():
            continue
        if not inside(folder, root):
            findings.append(
                finding(
                    "yaml",
                    f"refused: library '{namespace}': its {LIBRARY_CONSULTATIONS}/ folder is a link that leads outside the library",
                    hint="a library reads only its own regular files",
                    file=display(folder),
                )
            )
            continue
        _load_folder(folder, namespace, by_id, findings, seen, display)
    return by_id, findings


def _load_folder(
    folder: Path,
    library: str | None,
    by_id: dict[str, LoadedConsultation],
    findings: list[Finding],
    seen: set[str],
    display,
) -> None:
    """Load the consultations under one folder (of the workspace, or of the library `library`) into `by_id`."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.yaml")):
        if any(p.startswith(".") for p in path.relative_to(folder).parts):
            continue
        if not inside(path, folder):
            findings.append(finding("yaml", "refused: a link that leads outside the consultations folder", file=display(path)))
            continue
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        lc = load_consultation(path, display=display)
        lc.library = library
        findings += lc.findings
        if lc.model is None:
            continue
        first = by_id.get(lc.model.id)
        if first is not None:
            findings.append(finding("duplicate-id", _duplicate_message(lc.model.id, lc, first), **lc.pos(("id",), key=False)))
            continue
        by_id[lc.model.id] = lc


def _duplicate_message(cid: str, lc: LoadedConsultation, first: LoadedConsultation) -> str:
    if lc.library is None:
        return f"consultation id '{cid}' is also used by {first.file}"
    if first.library is None:
        return f"consultation id '{cid}' of library '{lc.library}' is also used by the workspace's own {first.file}, which is the one used"
    return f"consultation id '{cid}' of library '{lc.library}' is also used by {first.file} (library '{first.library}'), which is the one used"


NEAR_DAYS = 7
"""A deadline this close is near (`deadline-near`, and shown in yellow)."""

DeadlineState = Literal["passed", "near", "open"]


def deadline_state(deadline: dt.datetime, now: dt.datetime) -> DeadlineState:
    """`passed`, `near` (within `NEAR_DAYS`) or `open`."""
    left = deadline - now
    if left.total_seconds() < 0:
        return "passed"
    return "near" if left <= dt.timedelta(days=NEAR_DAYS) else "open"


def time_left(deadline: dt.datetime, now: dt.datetime) -> str:
    """'3 days 4 h left', '5 h 10 min left', '12 days left' (hours only within a week: further off
    they are noise, and a long-closed call would not fit its column), or 'closed 2 days 3 h ago'."""
    delta = deadline - now
    seconds = int(delta.total_seconds())
    past = seconds < 0
    seconds = abs(seconds)
    days, rem = divmod(seconds, 86400)
    hours, rem = divmod(rem, 3600)
    minutes = rem // 60
    if days >= 7:
        text = f"{days:,} days"
    elif days:
        text = f"{days} day{'s' if days != 1 else ''} {hours} h"
    elif hours:
        text = f"{hours} h {minutes} min"
    else:
        text = f"{minutes} min"
    return f"closed {text} ago" if past else f"{text} left"
