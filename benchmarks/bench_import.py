"""Benchmark: how well `drafter import` reads real consultations (quality, not speed).

    python benchmarks/bench_import.py [--json] [--check] [--case NAME] [--misses]

Runs `import_consultation` on every source file of the corpus in tests/data/import/ (real calls
from the IGF, ICANN, UN CSTD, the UN General Assembly, TRAI, the CRTC, a Spanish ministry, GigaNet and the European Commission,
each in the formats its organiser uses: DOCX with typed labels and with Word list numbering, PDF,
HTML, Markdown, text pasted from an e-mail or a web form) and scores the result against the case's
`expected.yaml`:

- questions recall and precision: questions and parts (flattened; a part's label is its parent's
  plus its own). A detected question matches an expected one when their labels agree after
  normalising (case, punctuation, "Question"/"Q."/"Pregunta" and the parent's label dropped), or
  when their texts agree: difflib ratio >= 0.8 on the normalised first 60 characters (a label
  match whose text is also not unlike is preferred, so page noise such as a breadcrumb "1. Home"
  does not take question 1's place);
- limits right: over matched questions with an expected limit, the detected limit equal to it
  (unit and number); a limit detected where none is expected counts as one more wrong;
- required right: over matched questions, the required mark equal;
- deadlines right: per file, the same instant (within 60 s: "midnight" is 23:59 or 24:00) AND the
  same UTC offset; no deadline expected and none found is right; a deadline the importer reports
  missing ("no deadline" in `missing`: a stand-in the model requires) counts as none found;
- respondent fields recall: the fields in `respondent.required` the call asks for, found;
- paragraphs recall and precision (documents, imported with kind="document"): by id, compared
  case- and space-insensitively, with a text not unlike the expected one (ratio >= 0.5 on the
  prefix, so that a breadcrumb "1. Home" is not paragraph 1); revision right is shown beside them.

Each figure is pooled over all files (micro average). The goal is 0.95 on each. The year of a date
printed without one is guessed from a fixed today, 2026-11-30, so runs are reproducible. Exit status
is 0 (a benchmark) unless --check is given: then 1 when a figure is below the goal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "import"
TODAY = dt.date(2026, 11, 30)
GOAL = 0.95
SIMILAR = 0.8
PREFIX = 60
SOURCE_SUFFIXES = (".num.docx", ".docx", ".pdf", ".html", ".md", ".txt")
FORMAT_OF = {".num.docx": "docx-num", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".md": "md", ".txt": "txt"}
METRICS = ["q_recall", "q_precision", "limits", "required", "deadline", "respondent", "p_recall", "p_precision"]
TITLES = {
    "q_recall": "question recall",
    "q_precision": "question precision",
    "limits": "limits right",
    "required": "required marks right",
    "deadline": "deadlines right",
    "respondent": "respondent fields recall",
    "p_recall": "paragraph recall",
    "p_precision": "paragraph precision",
}
LABEL_WORDS = re.compile(r"^(?:questions?|preguntas?|paragraph|para|par|q)(?:[\s.:]+|(?=\d))", re.IGNORECASE)


# --- normalising ------------------------------------------------------------------------------


def norm_label(label: Any) -> str:
    text = unicodedata.normalize("NFKC", str(label or "")).strip()
    text = LABEL_WORDS.sub("", text)
    return re.sub(r"[\W_]+", "", text.lower())


def norm_text(text: Any) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    text = re.sub(r"[*_`#>\[\]]", " ", text)
    text = re.sub(r"[“”„«»\"]", '"', text)
    text = re.sub(r"[‘’]", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def similar(expected: str, detected: str) -> float:
    """difflib ratio of the expected text's normalised prefix and as much of the detected text."""
    want = norm_text(expected)[:PREFIX]
    got = norm_text(detected)[: len(want)]
    if not want and not got:
        return 1.0
    return difflib.SequenceMatcher(None, want, got, autojunk=False).ratio()


@dataclass
class Item:
    """One question or part, flattened: its label path, own label and what is scored."""

    path: str
    own: str
    text: str
    limit: dict[str, int] | None
    required: bool
    where: str = ""


def _limit(value: Any) -> dict[str, int] | None:
    if not value:
        return None
    if isinstance(value, dict):
        out = {k: int(v) for k, v in value.items() if k in ("words", "chars") and v is not None}
        return out or None
    return None


def flatten(questions: Iterable[dict[str, Any]], parent: str = "", where: str = "") -> list[Item]:
    out: list[Item] = []
    for q in questions or []:
        if not isinstance(q, dict):
            continue
        raw = q.get("number")
        if raw is None or raw == "":
            raw = q.get("id", "")
        own = norm_label(raw)
        if parent and own.startswith(parent) and len(own) > len(parent):
            own = own[len(parent) :]
        path = f"{parent}/{own}" if parent else own
        label = str(q.get("number") if q.get("number") not in (None, "") else q.get("id", ""))
        out.append(Item(path, own, str(q.get("text") or ""), _limit(q.get("limit")), bool(q.get("required", False)), f"{where}{label}"))
        out += flatten(q.get("parts") or [], own if not parent else f"{parent}{own}", f"{where}{label} > ")
    return out


def detected_questions(data: dict[str, Any]) -> list[Item]:
    items: list[Item] = []
    for section in data.get("sections") or []:
        items += flatten(section.get("questions") or [])
    return items


# --- matching ---------------------------------------------------------------------------------


def match(expected: list[Item], detected: list[Item]) -> list[tuple[Item, Item | None]]:
    """Pair each expected item with a detected one.

    In turn: the same label with a text that is not unlike (ratio >= 0.5, so that a page's
    breadcrumb "1. Home" does not take question 1's place), then text similarity >= 0.8 alone,
    then the same label alone.
    """
    free = list(range(len(detected)))
    pairs: dict[int, int] = {}

    def take(i: int, j: int) -> None:
        pairs[i] = j
        free.remove(j)

    for i, want in enumerate(expected):
        cands = [j for j in free if want.path and detected[j].path == want.path and similar(want.text, detected[j].text) >= 0.5]
        if cands:
            take(i, max(cands, key=lambda j: similar(want.text, detected[j].text)))
    for i, want in enumerate(expected):
        if i in pairs:
            continue
        best, score = None, SIMILAR
        for j in free:
            s = similar(want.text, detected[j].text)
            if s >= score:
                best, score = j, s
        if best is not None:
            take(i, best)
    for i, want in enumerate(expected):
        if i in pairs:
            continue
        for j in free:
            if want.path and detected[j].path == want.path:
                take(i, j)
                break
    return [(want, detected[pairs[i]] if i in pairs else None) for i, want in enumerate(expected)]


# --- scoring one import -----------------------------------------------------------------------


@dataclass
class Score:
    """Counts for one file: each metric as (right, out of); misses say what went wrong."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {m: [0, 0] for m in METRICS})
    misses: list[str] = field(default_factory=list)
    revision_right: bool | None = None
    kind_right: bool | None = None
    error: str | None = None

    def add(self, metric: str, right: int, total: int) -> None:
        self.counts[metric][0] += right
        self.counts[metric][1] += total

    def ratio(self, metric: str) -> float | None:
        right, total = self.counts[metric]
        return right / total if total else None


def parse_instant(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None


def deadline_right(want: Any, got: Any) -> bool:
    a, b = parse_instant(want), parse_instant(got)
    if a is None or b is None:
        return a is None and b is None and (got in (None, "") or want in (None, ""))
    if a.tzinfo is None or b.tzinfo is None:
        return False
    return abs((a - b).total_seconds()) <= 60 and a.utcoffset() == b.utcoffset()


def fmt_limit(limit: dict[str, int] | None) -> str:
    if not limit:
        return "none"
    return ", ".join(f"{v} {k}" for k, v in limit.items())


def score_import(expected: dict[str, Any], data: dict[str, Any] | None) -> Score:
    """Score one imported consultation (`imp.data`) against one `expected.yaml`."""
    sc = Score()
    data = data or {}
    sc.kind_right = (data.get("kind") or "questionnaire") == expected.get("kind", "questionnaire")
    if not sc.kind_right:
        sc.misses.append(f"kind: expected {expected.get('kind')}, detected {data.get('kind') or 'questionnaire'}")

    want_deadline, got_deadline = expected.get("deadline"), data.get("deadline")
    ok = deadline_right(want_deadline, got_deadline)
    sc.add("deadline", int(ok), 1)
    if not ok:
        sc.misses.append(f"deadline: expected {want_deadline}, detected {got_deadline}")

    want_fields = [str(f) for f in expected.get("respondent_required") or []]
    got_fields = {str(f) for f in ((data.get("respondent") or {}).get("required") or [])}
    found = [f for f in want_fields if f in got_fields]
    sc.add("respondent", len(found), len(want_fields))
    missing = [f for f in want_fields if f not in got_fields]
    if missing:
        sc.misses.append(f"respondent fields missed: {', '.join(missing)} (detected: {', '.join(sorted(got_fields)) or 'none'})")
    extra = sorted(got_fields - set(want_fields))
    if extra:
        sc.misses.append(f"respondent fields not asked for (not scored): {', '.join(extra)}")

    if expected.get("kind") == "document":
        got_paras = [p for p in data.get("paragraphs") or [] if isinstance(p, dict)]
        free = list(range(len(got_paras)))
        want_paras = expected.get("paragraphs") or []
        hits = 0
        for p in want_paras:
            same_id = [j for j in free if norm_label_id(got_paras[j].get("id")) == norm_label_id(p["id"])]
            best = max(same_id, key=lambda j: similar(p["text"], got_paras[j].get("text", "")), default=None)
            if best is not None and similar(p["text"], got_paras[best].get("text", "")) >= 0.5:
                hits += 1
                free.remove(best)
            elif best is not None:
                sc.misses.append(
                    f"paragraph {p['id']}: found with another text {str(got_paras[best].get('text', ''))[:50]!r}, expected {p['text'][:50]!r}"
                )
            else:
                sc.misses.append(f"paragraph {p['id']} not found: {p['text'][:50]!r}")
        sc.add("p_recall", hits, len(want_paras))
        sc.add("p_precision", hits, len(got_paras))
        for j in free:
            sc.misses.append(f"spurious paragraph {got_paras[j].get('id')!r}: {str(got_paras[j].get('text', ''))[:50]!r}")
        sc.revision_right = (data.get("revision") or None) == (expected.get("revision") or None)
        if not sc.revision_right:
            sc.misses.append(f"revision: expected {expected.get('revision')}, detected {data.get('revision')}")
        return sc

    want = flatten(expected.get("questions") or [])
    got = detected_questions(data)
    pairs = match(want, got)
    matched = [(w, g) for w, g in pairs if g is not None]
    sc.add("q_recall", len(matched), len(want))
    matched_ids = {id(g) for _, g in matched}
    sc.add("q_precision", len(matched), len(got))
    for w, g in pairs:
        if g is None:
            sc.misses.append(f"question {w.where} not found: {w.text[:50]!r}")
    for g in got:
        if id(g) not in matched_ids:
            sc.misses.append(f"spurious question {g.where!r}: {g.text[:50]!r}")
    for w, g in matched:
        assert g is not None
        if w.limit:
            right = g.limit == w.limit
            sc.add("limits", int(right), 1)
            if not right:
                sc.misses.append(f"limit of {w.where}: expected {fmt_limit(w.limit)}, detected {fmt_limit(g.limit)}")
        elif g.limit:
            sc.add("limits", 0, 1)
            sc.misses.append(f"limit of {w.where}: expected none, detected {fmt_limit(g.limit)}")
        right = g.required == w.required
        sc.add("required", int(right), 1)
        if not right:
            sc.misses.append(f"required of {w.where}: expected {w.required}, detected {g.required}")
    return sc


def norm_label_id(value: Any) -> str:
    return re.sub(r"[\s.]+", "", str(value or "")).lower()


# --- the corpus -------------------------------------------------------------------------------


@dataclass
class Source:
    case: str
    path: Path
    fmt: str
    expected: dict[str, Any]


def load_yaml(path: Path) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def corpus(root: Path = CORPUS, only: Iterable[str] = ()) -> list[Source]:
    wanted = set(only)
    out = []
    for exp in sorted(root.glob("*/expected.yaml")):
        case = exp.parent.name
        if wanted and case not in wanted:
            continue
        expected = load_yaml(exp)
        for path in sorted(exp.parent.iterdir()):
            name = path.name
            suffix = next((s for s in SOURCE_SUFFIXES if name.endswith(s)), None)
            if suffix is None or name in ("README.md",):
                continue
            out.append(Source(case, path, FORMAT_OF[suffix], expected))
    return out


Importer = Callable[[Source], dict[str, Any]]


def drafter_importer(src: Source) -> dict[str, Any]:
    from drafter.importing import import_consultation

    kind = "document" if src.expected.get("kind") == "document" else None
    imp = import_consultation(src.path, kind=kind, today=TODAY)
    return scored_data(imp.data, imp.missing)


def scored_data(data: dict[str, Any], missing: Iterable[str]) -> dict[str, Any]:
    """What is scored of an import: its data, with a deadline the importer reports missing ("no
    deadline": the stand-in the model requires, marked `# check:`) read as none detected, so that an
    expected null deadline scores right and a stand-in never scores as a found one."""
    if any(m.strip().lower() == "no deadline" for m in missing):
        return {**data, "deadline": None}
    return data


def run(sources: list[Source], importer: Importer = drafter_importer) -> list[tuple[Source, Score]]:
    results = []
    for src in sources:
        try:
            data = importer(src)
            sc = score_import(src.expected, data)
        except Exception as exc:  # a crash is scored as an empty import, and reported
            sc = score_import(src.expected, {})
            sc.error = f"{type(exc).__name__}: {exc}"
            sc.misses = ["import failed: " + "".join(traceback.format_exception_only(type(exc), exc)).strip()]
        results.append((src, sc))
    return results


def perfect_import(expected: dict[str, Any]) -> dict[str, Any]:
    """The consultation data a perfect importer would return for this `expected.yaml`."""

    def question(q: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"id": q["number"], "number": q["number"], "text": q["text"], "required": bool(q.get("required"))}
        if q.get("limit"):
            out["limit"] = dict(q["limit"])
        if q.get("parts"):
            out["parts"] = [question(p) for p in q["parts"]]
        return out

    data: dict[str, Any] = {
        "kind": expected.get("kind", "questionnaire"),
        "deadline": expected.get("deadline"),
        "respondent": {"required": list(expected.get("respondent_required") or [])},
    }
    if data["kind"] == "document":
        data["paragraphs"] = [{"id": p["id"], "text": p["text"]} for p in expected.get("paragraphs") or []]
        data["revision"] = expected.get("revision")
    else:
        data["sections"] = [{"id": "s1", "questions": [question(q) for q in expected.get("questions") or []]}]
    return data


def pooled(scores: Iterable[Score]) -> dict[str, float | None]:
    total = {m: [0, 0] for m in METRICS}
    for sc in scores:
        for m in METRICS:
            total[m][0] += sc.counts[m][0]
            total[m][1] += sc.counts[m][1]
    return {m: (r / t if t else None) for m, (r, t) in total.items()}


def below_goal(figures: dict[str, float | None]) -> list[str]:
    return [m for m, v in figures.items() if v is not None and v < GOAL]


# --- output -----------------------------------------------------------------------------------


def cell(v: float | None) -> str:
    return "   -" if v is None else f"{v:4.2f}"


def table(rows: list[tuple[str, dict[str, float | None]]], head: str) -> list[str]:
    short = ["q-rec", "q-prec", "limit", "req", "dline", "resp", "p-rec", "p-prec"]
    width = max([len(head), *(len(r[0]) for r in rows)])
    out = [f"{head:<{width}}  " + "  ".join(f"{s:>6}" for s in short)]
    for name, figs in rows:
        out.append(f"{name:<{width}}  " + "  ".join(f"{cell(figs[m]):>6}" for m in METRICS))
    return out


def report(results: list[tuple[Source, Score]], misses: bool) -> str:
    lines = [
        f"drafter import on {len(results)} source files, {len({s.case for s, _ in results})} consultations (today fixed at {TODAY})",
        "",
    ]
    rows = []
    for src, sc in results:
        figs = {m: sc.ratio(m) for m in METRICS}
        name = src.path.name + ("  [CRASH]" if sc.error else "")
        rows.append((name, figs))
    lines += table(rows, "file")
    lines.append("")
    by_format: dict[str, list[Score]] = {}
    by_case: dict[str, list[Score]] = {}
    for src, sc in results:
        by_format.setdefault(src.fmt, []).append(sc)
        by_case.setdefault(src.case, []).append(sc)
    lines += table([(f, pooled(s)) for f, s in sorted(by_format.items())], "format")
    lines.append("")
    lines += table([(c, pooled(s)) for c, s in sorted(by_case.items())], "case")
    lines.append("")
    overall = pooled(sc for _, sc in results)
    lines.append(f"overall (goal {GOAL:.2f} on each)")
    for m in METRICS:
        v = overall[m]
        mark = "" if v is None else ("  met" if v >= GOAL else "  BELOW GOAL")
        lines.append(f"  {TITLES[m]:<26} {cell(v)}{mark}")
    docs = [sc for _, sc in results if sc.revision_right is not None]
    if docs:
        lines.append(f"  {'revision right (documents)':<26} {sum(bool(sc.revision_right) for sc in docs)}/{len(docs)}")
    lines.append(f"  {'kind right':<26} {sum(bool(sc.kind_right) for _, sc in results)}/{len(results)}")
    crashes = [src.path.name for src, sc in results if sc.error]
    if crashes:
        lines.append(f"  import failed on: {', '.join(crashes)}")
    if misses:
        lines += ["", "misses"]
        for src, sc in results:
            for miss in sc.misses:
                lines.append(f"  {src.case}/{src.path.name}: {miss}")
    return "\n".join(lines)


def as_json(results: list[tuple[Source, Score]]) -> dict[str, Any]:
    overall = pooled(sc for _, sc in results)
    by_format: dict[str, list[Score]] = {}
    for src, sc in results:
        by_format.setdefault(src.fmt, []).append(sc)
    return {
        "today": TODAY.isoformat(),
        "goal": GOAL,
        "overall": overall,
        "below_goal": below_goal(overall),
        "by_format": {f: pooled(s) for f, s in sorted(by_format.items())},
        "files": [
            {
                "case": src.case,
                "file": src.path.name,
                "format": src.fmt,
                "figures": {m: sc.ratio(m) for m in METRICS},
                "counts": sc.counts,
                "revision_right": sc.revision_right,
                "kind_right": sc.kind_right,
                "error": sc.error,
                "misses": sc.misses,
            }
            for src, sc in results
        ],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="machine output on stdout")
    ap.add_argument("--check", action="store_true", help="exit 1 when a figure is below the goal")
    ap.add_argument("--misses", action="store_true", help="list every miss (file, expected, detected)")
    ap.add_argument("--case", action="append", default=[], help="only this case (repeatable)")
    args = ap.parse_args(argv)
    results = run(corpus(only=args.case))
    if args.json:
        print(json.dumps(as_json(results), indent=2, ensure_ascii=False))
    else:
        print(report(results, args.misses))
    if args.check and below_goal(pooled(sc for _, sc in results)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
