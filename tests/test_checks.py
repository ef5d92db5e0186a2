"""One test per finding code, both directions: the mutation triggers it, the baseline does not.

The cases are keyed by code and the test parametrizes over the `CODES` table, so a code added to the
table without a case fails here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.findings import CODES
from drafter.loaded import LoadedWorkspace
from drafter.ops.check import run_check, run_lint
from drafter.workspace import Workspace

from .wsbuilder import NOW, TODAY, baseline, write


def q(spec, qid):
    return next(x for s in spec["consultation"]["sections"] for x in s["questions"] if x["id"] == qid)


def _yaml(spec, root: Path):
    (root / "positions" / "blocks" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")


def _schema(spec, root: Path):
    (root / "positions" / "blocks" / "typo.yaml").write_text(
        "id: typo\ntitel: Typo\nthemes: [alpha]\nbody: text\n", encoding="utf-8"
    )


def _many_pages(spec, root: Path):
    """A draft long enough for three pages or more."""
    from drafter.draft_editor import DraftEditor

    editor = DraftEditor.load(root / "drafts" / "d.yaml")
    editor.add_text("1.3", "\n\n".join(["Community networks connect the unconnected. " * 30] * 12))
    editor.save()


def _duplicate_id(spec, root: Path):
    (root / "positions" / "blocks" / "copy-of-one.yaml").write_text(
        "id: one\ntitle: Copy\nthemes: [alpha]\nbody: text\n", encoding="utf-8"
    )


def _paragraph_changed(spec):
    """A document consultation whose paragraph no longer matches the comment's pin."""
    spec["consultation"].pop("sections")
    spec["consultation"].update(kind="document", revision="rev1", paragraphs=[{"id": "OP1", "text": "The text of revision 1."}])
    spec["draft"].pop("answers")
    spec["draft"]["comments"] = [{"paragraph": "OP1", "action": "comment", "pinned": "0123456789ab", "rationale": [{"text": "We agree."}]}]


# Each case: code -> (mutate the spec before writing, mutate files after writing, expected severity,
# where to look: "check" (the draft) or "lint" (the workspace)).
CASES = {
    "yaml": (None, _yaml, "error", "lint"),
    "schema": (None, _schema, "error", "lint"),
    "duplicate-id": (None, _duplicate_id, "error", "lint"),
    "unknown-theme": (lambda s: s["blocks"]["one"]["themes"].append("zeta"), None, "warning", "lint"),
    "unknown-block": (lambda s: s["draft"]["answers"]["1.3"].append({"block": "nope"}), None, "error", "check"),
    "unknown-question": (lambda s: s["draft"]["answers"].update({"9.9": [{"text": "x"}]}), None, "error", "check"),
    "unanswered": (lambda s: s["draft"]["answers"].pop("1.1"), None, "error", "check"),
    "over-limit": (lambda s: q(s, "1.1").update(limit={"words": 5}), None, "error", "check"),
    "near-limit": (lambda s: q(s, "1.1").update(limit={"words": 9}), None, "info", "check"),
    "short-fits": (lambda s: q(s, "1.2").update(limit={"chars": 60}), None, "info", "check"),
    "theme-mismatch": (lambda s: s["draft"]["answers"].update({"1.1": [{"block": "two"}]}), None, "warning", "check"),
    "unresolved-variable": (
        lambda s: s["blocks"]["one"].update(body="In {{ respondent.region }} we build."),
        None,
        "error",
        "check",
    ),
    "template": (lambda s: s["blocks"]["one"].update(body="{% if %}broken"), None, "error", "check"),
    "respondent-missing": (lambda s: s["draft"]["respondent"].pop("organisation"), None, "error", "check"),
    "stale-block": (lambda s: s["blocks"]["one"].update(reviewed="2024-01-01"), None, "warning", "check"),
    "block-changed": (
        lambda s: s["draft"]["answers"]["1.1"][0].update(pinned="0123456789ab"),
        None,
        "warning",
        "check",
    ),
    "duplicate-block": (lambda s: s["draft"]["answers"]["1.3"].append({"block": "two"}), None, "warning", "check"),
    "phrase": (lambda s: s["draft"]["answers"]["1.3"].append({"text": "This is our Red Line."}), None, "warning", "check"),
    "deadline-near": (
        lambda s: s["consultation"].update(deadline=(NOW + dt.timedelta(days=3)).isoformat()),
        None,
        "warning",
        "check",
    ),
    "deadline-passed": (
        lambda s: s["consultation"].update(deadline=(NOW - dt.timedelta(hours=1)).isoformat()),
        None,
        "error",
        "check",
    ),
    "unchecked-consultation": (
        lambda s: s["consultation"].update(checked=(TODAY - dt.timedelta(days=30)).isoformat()),
        None,
        "info",
        "check",
    ),
    "bad-rule": (lambda s: s["library"]["phrases"][0]["patterns"].append("(unclosed"), None, "error", "lint"),
    "review-date": (lambda s: s["blocks"]["one"].update(reviewed="2032-01-01"), None, "warning", "check"),
    "unsafe-link": (lambda s: s["draft"]["answers"]["1.3"].append({"text": "See [the share](smb://host/share)."}), None, "error", "check"),
    "invalid-choice": (lambda s: s["draft"]["answers"]["1.3"].append({"choice": "Banana"}), None, "error", "check"),
    "placeholder-left": (lambda s: s["draft"]["answers"]["1.3"].append({"text": "We at [ORGANISATION] agree. TODO"}), None, "warning", "check"),
    "over-total": (lambda s: s["consultation"].update(submission={"limit": {"words": 20}}), None, "error", "check"),
    "over-pages": (lambda s: s["consultation"].update(submission={"max_pages": 1}), _many_pages, "error", "render"),
    "control-char": (lambda s: s["draft"]["answers"]["1.3"].append({"text": "Pasted\x0cfrom a PDF."}), None, "warning", "check"),
    "paragraph-changed": (_paragraph_changed, None, "warning", "check"),
    "language-mismatch": (lambda s: s["consultation"].update(language="fr"), None, "warning", "check"),
    "spelling": (lambda s: s["draft"]["answers"]["1.3"].append({"text": "Our goverment agrees."}), None, "info", "check"),
}


def run(root: Path, draft: Path, where: str):
    project = LoadedWorkspace.load(Workspace.open(root), cache=False)
    if where == "check":
        return run_check(project, draft, NOW).findings
    if where == "render":  # findings only the rendered document can show
        from drafter.ops.render import render_draft

        outcome = render_draft(project, draft, NOW, out=root / "out.docx", force=True)
        return [*outcome.check.findings, *outcome.warnings]
    return run_lint(project, [], NOW)


def test_baseline_is_clean(tmp_path):
    draft = write(tmp_path, baseline())
    for where in ("check", "lint"):
        findings = run(tmp_path, draft, where)
        assert [f for f in findings if f.severity != "info"] == [], where
    codes = {f.code for f in run(tmp_path, draft, "check")}
    assert codes == set(), codes


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_triggers(tmp_path, code):
    assert code in CASES, f"finding code {code!r} has no test case"
    before, after, severity, where = CASES[code]
    spec = baseline()
    if before:
        before(spec)
    draft = write(tmp_path, spec)
    if after:
        after(spec, tmp_path)
    findings = [f for f in run(tmp_path, draft, where) if f.code == code]
    assert findings, f"{code} not raised"
    assert {f.severity for f in findings} == {severity}
    for f in findings:
        assert f.message and f.file, f
        if code not in ("deadline-near", "deadline-passed", "unchecked-consultation"):
            assert f.line and f.column, f"{code} finding has no position: {f}"


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_absent_on_baseline(tmp_path, code):
    draft = write(tmp_path, baseline())
    where = CASES[code][3]
    assert not [f for f in run(tmp_path, draft, where) if f.code == code]


def test_optional_unanswered_is_info(tmp_path):
    spec = baseline()
    spec["draft"]["answers"].pop("1.3")
    draft = write(tmp_path, spec)
    found = [f for f in run(tmp_path, draft, "check") if f.code == "unanswered"]
    assert [(f.severity, f.question) for f in found] == [("info", "1.3")]


def test_over_limit_says_by_how_much(tmp_path):
    spec = baseline()
    q(spec, "1.1").update(limit={"words": 5})
    draft = write(tmp_path, spec)
    (f,) = [f for f in run(tmp_path, draft, "check") if f.code == "over-limit"]
    # "The technical community at Example Registry supports open standards." = 9 words
    assert f.message == "answer is 9 words, limit 5 (4 over)"
    assert f.question == "1.1"


def test_unresolved_variable_names_field(tmp_path):
    CASES["unresolved-variable"][0](spec := baseline())
    draft = write(tmp_path, spec)
    (f,) = [f for f in run(tmp_path, draft, "check") if f.code == "unresolved-variable"]
    assert "region" in f.message and "region" in (f.hint or "")


def test_ambiguous_bare_id_names_both_namespaces(tmp_path):
    draft = write(tmp_path, baseline())
    other = tmp_path / "other"
    (other / "blocks").mkdir(parents=True)
    (other / "library.yaml").write_text("name: Other\nnamespace: o\nthemes:\n  - id: alpha\n    label: A\n")
    (other / "blocks" / "one.yaml").write_text("id: one\ntitle: Other one\nthemes: [alpha]\nbody: Other text.\n")
    (tmp_path / "drafter.yaml").write_text("libraries:\n  - path: positions\n  - path: other\n")
    (f,) = [f for f in run(tmp_path, draft, "check") if f.code == "unknown-block"]
    assert "'t/one'" in f.message and "'o/one'" in f.message


def test_phrase_rule_counts_each_match(tmp_path):
    spec = baseline()
    spec["draft"]["answers"]["1.3"] = [{"text": "A red line and more red lines."}]
    draft = write(tmp_path, spec)
    assert len([f for f in run(tmp_path, draft, "check") if f.code == "phrase"]) == 2


def test_consultation_phrase_rules_apply(tmp_path):
    spec = baseline()
    spec["consultation"]["phrases"] = [
        {"id": "no-links", "severity": "error", "message": "no web links", "patterns": [r"https?://"]}
    ]
    spec["draft"]["answers"]["1.3"] = [{"text": "See [this](https://example.org)."}]
    draft = write(tmp_path, spec)
    found = [f for f in run(tmp_path, draft, "check") if f.code == "phrase"]
    assert [f.severity for f in found] == ["error"]


def test_unsafe_links_in_text_and_sources_are_errors(tmp_path):
    spec = baseline()
    spec["blocks"]["two"]["sources"] = [{"title": "Share", "url": "\\\\\\\\host\\\\share"}, {"title": "Fine", "url": "https://ok.example"}]
    spec["draft"]["answers"]["1.3"] = [{"text": "[a](javascript:alert(1)) <mailto:x@example.org> [b](https://example.org) ![c](file:///etc/passwd)"}]
    draft = write(tmp_path, spec)
    found = [f for f in run(tmp_path, draft, "check") if f.code == "unsafe-link"]
    assert sorted((f.question, f.block) for f in found) == [("1.2", "two"), ("1.3", None), ("1.3", None)]
    assert any("javascript:alert(1)" in f.message for f in found) and any("file:///etc/passwd" in f.message for f in found)
