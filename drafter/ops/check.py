"""Checking a draft or a workspace: load what it needs, run the pure checks, gather the findings.

Invariant: `drafter check`, `drafter lint`, the UI's findings and every draft's progress come from
these functions, so the front doors never disagree on what is wrong.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import AnswerResult, DraftContext, check_draft, stale_finding
from ..checks.blocks import review_date_finding
from ..compose import Answer
from ..findings import Finding, finding, has_errors, sort_key
from ..loaded import LoadedWorkspace
from ..spelling import speller
from ..yamlio import read_yaml
from .lint_blocks import block_language_findings, lazy_position, workspace_accepted


class UnusableInput(Exception):
    """The input cannot be checked at all (exit code 2); the message names file and position."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


@dataclass
class DraftCheck:
    """A checked draft: its context, every finding, and each target's composed answer and findings."""

    ctx: DraftContext
    findings: list[Finding]
    results: dict[str, AnswerResult] = field(default_factory=dict)

    def has_errors(self, strict: bool = False) -> bool:
        return has_errors(self.findings, strict)

    def answers(self) -> dict[str, Answer]:
        """Each target's composed answer (what the submission prints)."""
        return {tid: r.answer for tid, r in self.results.items()}


def draft_context(lw: LoadedWorkspace, path: Path, now: dt.datetime) -> DraftContext:
    """Load a draft and its consultation; UnusableInput when either cannot be used."""
    ld = lw.draft(path)
    if ld.model is None:
        raise UnusableInput(ld.findings)
    lc = lw.consultations.get(ld.model.consultation)
    if lc is None or lc.model is None:
        pos = ld.locate(("consultation",), key=False)
        known = ", ".join(sorted(lw.consultations)) or "none"
        broken = [f for f in lw.consultation_findings if f.code in ("yaml", "schema")]
        raise UnusableInput(
            [
                finding(
                    "schema",
                    f"consultation '{ld.model.consultation}' not found (known: {known})",
                    hint="check `consultation:` or add the consultation file to the workspace"
                    + (" (a consultation file that failed to load is reported below)" if broken else ""),
                    file=ld.file,
                    line=pos[0] if pos else None,
                    column=pos[1] if pos else None,
                ),
                *broken,
            ]
        )
    return DraftContext(
        index=lw.index,
        consultation=lc.model,
        draft=ld.model,
        now=now,
        file=ld.file,
        locate=ld.locate,
        consultation_file=lc.file,
        words=tuple(lw.ws.config.words),
    )


def check_in_workspace(lw: LoadedWorkspace, ctx: DraftContext) -> DraftCheck:
    """A draft's findings plus problems in the files it depends on (workspace config, libraries).
    The draft may be unsaved (the UI passes its live state)."""
    findings, results = check_draft(ctx)
    findings = [*lw.ws.findings, *lw.index.findings, *findings]
    return DraftCheck(ctx=ctx, findings=sorted(set(findings), key=sort_key), results=results)


def run_check(lw: LoadedWorkspace, path: Path, now: dt.datetime) -> DraftCheck:
    """`drafter check`: load the draft, then `check_in_workspace` — with the spelling verdicts of
    earlier runs kept in the workspace's cache, so a draft whose words were all seen before does not
    load the dictionaries."""
    ctx = draft_context(lw, path, now)
    s = speller(ctx.language)
    with s.keep_verdicts(lw.ws.cache_dir / "spelling") if s is not None else nullcontext():
        return check_in_workspace(lw, ctx)


def library_findings(lw: LoadedWorkspace, now: dt.datetime) -> list[Finding]:
    """Unknown themes, stale blocks, missing translations and misspelt words across every library."""
    out: list[Finding] = []
    vocabulary = set(lw.index.themes)
    accepted = workspace_accepted(lw.index.libraries, lw.ws.config.words)
    for lib in lw.index.libraries:
        for bid, block in lib.blocks.items():
            path = lib.path(bid)
            file = lw.ws.display(path)
            unknown = [t for t in block.themes if vocabulary and t not in vocabulary]
            ref = lw.index.qualified(lib, block)
            out += block_language_findings(lib, block, ref, accepted, file, lazy_position(path, file))  # (ops/lint_blocks.py)
            stale = stale_finding(block, ref, lib.review_days(block), now.date(), file=file)
            future = review_date_finding(block, ref, now.date(), file=file)
            loaded = read_yaml(path, display=file) if unknown or stale or future else None
            for f in (stale, future):
                if f and loaded is not None:
                    pos = loaded.position(("reviewed",), key=False) if block.reviewed else loaded.position(("id",))
                    out.append(f.model_copy(update={"line": pos[0], "column": pos[1]}) if pos else f)
            if unknown and loaded is not None:
                for t in unknown:
                    pos = loaded.position(("themes", block.themes.index(t)), key=False)
                    out.append(
                        finding(
                            "unknown-theme",
                            f"block '{bid}': theme '{t}' is not in any library's vocabulary",
                            hint="add it to library.yaml `themes` or use one of its ids",
                            block=bid,
                            file=file,
                            line=pos[0] if pos else None,
                            column=pos[1] if pos else None,
                        )
                    )
    return out


def run_lint(lw: LoadedWorkspace, paths: list[Path], now: dt.datetime) -> list[Finding]:
    """`drafter lint`: libraries, consultations and drafts under `paths` (default: the workspace).

    Lint says whether every file is well-formed — YAML, schema, ids, theme vocabulary, phrase
    patterns, review dates, a draft's consultation — and leaves whether a draft is ready to submit
    (limits, required answers, placeholders, the deadline) to `drafter check`.
    """
    out: list[Finding] = [*lw.load_findings, *library_findings(lw, now)]
    # (deadlines are not a file's form: `check` reports them for the draft's call, and
    # `drafter consultations` shows every call's time left; a closed call kept as an example lints clean)
    for draft_path in lw.draft_paths():
        try:  # lint: the file is well-formed and names a known consultation; readiness is `check`'s job
            draft_context(lw, draft_path, now)
        except UnusableInput as exc:
            out += exc.findings
    if paths:  # keep what lies under the paths (findings name files as `display` prints them)
        shown = [lw.ws.display(p.resolve()) for p in paths]

        def inside(f: Finding) -> bool:
            return f.file is None or any(
                d == "." or f.file == d or f.file.startswith(d.rstrip("/") + "/") for d in shown
            )

        out = [f for f in out if inside(f)]
    return sorted(set(out), key=sort_key)
