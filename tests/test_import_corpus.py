"""The import corpus (tests/data/import/) and the quality gate on `drafter import`.

The scorer is benchmarks/bench_import.py; these tests run its functions: every overall figure must
reach the goal (0.95), and the scorer itself is checked so that the gate cannot pass vacuously
(a perfect import scores 1 on everything, each kind of mistake scores below 1).
"""

from __future__ import annotations

import copy
import importlib.util
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "import"


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bench = _load("bench_import", ROOT / "benchmarks" / "bench_import.py")
make_sources = _load("make_sources", CORPUS / "make_sources.py")

SOURCES = bench.corpus()
EXPECTED = {s.case: s.expected for s in SOURCES}


# --- the corpus itself ------------------------------------------------------------------------


def test_corpus_covers_the_formats_organisers_use() -> None:
    assert len(EXPECTED) >= 8
    assert len(SOURCES) >= 25
    formats = Counter(s.fmt for s in SOURCES)
    for fmt in ("docx", "docx-num", "pdf", "html", "md", "txt"):
        assert formats[fmt] >= 3, (fmt, formats)
    kinds = Counter(e["kind"] for e in EXPECTED.values())
    assert kinds["document"] >= 2 and kinds["questionnaire"] >= 6
    for case in EXPECTED:
        readme = (CORPUS / case / "README.md").read_text(encoding="utf-8")
        assert "Source: <http" in readme, case


def test_expected_files_are_what_the_sources_say() -> None:
    """expected.yaml is generated from source.yaml: the committed one has not drifted."""
    for folder in make_sources.case_folders([]):
        case = make_sources.load_case(folder)
        assert make_sources.expected(case) == bench.load_yaml(folder / "expected.yaml"), folder.name


def test_corpus_has_the_numbering_limit_and_deadline_variety() -> None:
    labels: set[str] = set()
    texts: list[str] = []
    for folder in make_sources.case_folders([]):
        case = make_sources.load_case(folder)
        stack = [b["q"] for b in case["blocks"] if "q" in b]
        while stack:
            q = stack.pop()
            labels.add(q["label"])
            texts.append(make_sources.q_line(q))
            stack += q.get("parts") or []
        texts += [b.get("p", "") for b in case["blocks"]]
    for label in ("1.", "1.1.", "A)", "A) 1.", "(a)", "i.", "Question 3:", "Q3.", "1)"):
        assert label in labels, label
    blob = "\n".join(texts)
    for phrase in (
        "(Max 250 words)",
        "(max. 2,000 characters)",
        "(no more than 500 words)",
        "Abstract (500 characters max)",
        "1 500 caractères maximum",
        "máximo 300 palabras",
        "23:59 UTC on 31 January",
        "midnight CEST",
        "Geneva time",
        "AoE",
        "EST",
        "heure de l'Est",
    ):
        assert phrase in blob, phrase


def test_numbered_docx_files_take_their_labels_from_word_numbering() -> None:
    """In `*.num.docx` the numbers live in numbering.xml; the paragraph text holds none."""
    from docx import Document

    files = sorted(CORPUS.glob("*/*.num.docx"))
    assert len(files) >= 3
    for path in files:
        with zipfile.ZipFile(path) as zf:
            numbering = zf.read("word/numbering.xml").decode()
        assert "w:lvlText" in numbering
        numbered = [p for p in Document(str(path)).paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
        assert len(numbered) >= 5, path.name
        for p in numbered:
            assert not re.match(r"\s*(?:\(?\d+[.)]|\(?[a-z]{1,3}[.)]\s|Q\.?\d)", p.text), (path.name, p.text)


# --- the scorer -------------------------------------------------------------------------------


def _all(scores: dict[str, float | None]) -> list[float]:
    return [v for v in scores.values() if v is not None]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_perfect_import_scores_one(case: str) -> None:
    expected = EXPECTED[case]
    sc = bench.score_import(expected, bench.perfect_import(expected))
    figures = {m: sc.ratio(m) for m in bench.METRICS}
    assert _all(figures) and all(v == 1.0 for v in _all(figures)), (figures, sc.misses)
    assert sc.misses == []


def test_each_kind_of_mistake_scores_below_one() -> None:
    expected = EXPECTED["icann-new-gtld-issues"]
    good = bench.perfect_import(expected)

    def figures(data: dict[str, Any]) -> dict[str, float | None]:
        sc = bench.score_import(expected, data)
        return {m: sc.ratio(m) for m in bench.METRICS}

    dropped = copy.deepcopy(good)
    del dropped["sections"][0]["questions"][0]["parts"][1]  # part b and its three sub-parts
    assert figures(dropped)["q_recall"] == pytest.approx(11 / 15)

    extra = copy.deepcopy(good)
    extra["sections"][0]["questions"].append({"id": "4", "number": "4", "text": "COMMENTS:"})
    assert figures(extra)["q_precision"] == pytest.approx(15 / 16)

    # labels lost but the text kept: still matched, by text similarity
    breadcrumb = copy.deepcopy(good)
    breadcrumb["sections"].insert(0, {"id": "nav", "questions": [{"id": "1", "number": "1.", "text": "Home"}]})
    sc = bench.score_import(expected, breadcrumb)
    assert sc.ratio("q_recall") == 1.0 and sc.ratio("q_precision") == pytest.approx(15 / 16)
    assert any("'Home'" in m for m in sc.misses)

    relabelled = copy.deepcopy(good)
    for q in relabelled["sections"][0]["questions"]:
        q["number"] = q["id"] = ""
    assert figures(relabelled)["q_recall"] == 1.0

    limits = copy.deepcopy(good)
    limits["sections"][0]["questions"][0]["limit"] = {"words": 500}  # none expected: a spurious limit
    assert figures(limits)["limits"] == 0.0

    required = copy.deepcopy(good)
    required["sections"][0]["questions"][1]["required"] = True
    assert figures(required)["required"] == pytest.approx(14 / 15)

    same_instant_other_offset = copy.deepcopy(good)
    same_instant_other_offset["deadline"] = "2027-02-01T00:59:00+01:00"
    assert figures(same_instant_other_offset)["deadline"] == 0.0
    wrong_year = copy.deepcopy(good)
    wrong_year["deadline"] = "2026-01-31T23:59:00+00:00"
    assert figures(wrong_year)["deadline"] == 0.0
    midnight = bench.score_import({**expected, "deadline": "2024-08-01T00:00:00+02:00"}, {**good, "deadline": "2024-07-31T23:59:00+02:00"})
    assert midnight.ratio("deadline") == 1.0

    fields = copy.deepcopy(good)
    fields["respondent"]["required"] = ["name"]
    assert figures(fields)["respondent"] == pytest.approx(1 / 3)

    empty = figures({})
    assert empty["q_recall"] == 0.0 and empty["respondent"] == 0.0 and empty["deadline"] == 0.0


def test_a_deadline_reported_missing_is_scored_as_none_found() -> None:
    """The model requires a deadline, so the importer writes a stand-in and says "no deadline": the
    stand-in never scores as found, and it is right where no deadline is expected."""
    expected = EXPECTED["icann-new-gtld-issues"]
    stand_in = {**bench.perfect_import(expected), "deadline": expected["deadline"]}
    assert bench.score_import(expected, stand_in).ratio("deadline") == 1.0  # the right value, if found
    scored = bench.scored_data(stand_in, ["no url", "no deadline"])
    assert scored["deadline"] is None and stand_in["deadline"] == expected["deadline"]
    assert bench.score_import(expected, scored).ratio("deadline") == 0.0
    none_expected = {**expected, "deadline": None}
    guessed = {**stand_in, "deadline": "2026-12-30T23:59:00+00:00"}
    assert bench.score_import(none_expected, guessed).ratio("deadline") == 0.0
    assert bench.score_import(none_expected, bench.scored_data(guessed, ["no deadline"])).ratio("deadline") == 1.0
    assert bench.scored_data(stand_in, ["no url"]) is stand_in


def test_document_mistakes_score_below_one() -> None:
    expected = EXPECTED["unga-wsis-resolution-rev1"]
    data = bench.perfect_import(expected)
    data["paragraphs"] = data["paragraphs"][:3] + [{"id": "OP9", "text": "Decides to remain seized of the matter;"}]
    sc = bench.score_import(expected, data)
    assert sc.ratio("p_recall") == pytest.approx(3 / 6)
    assert sc.ratio("p_precision") == pytest.approx(3 / 4)
    data["revision"] = "rev2"
    assert bench.score_import(expected, data).revision_right is False
    # the right id on the wrong text (a page's breadcrumb "1. Home") is not a hit
    data = bench.perfect_import(expected)
    data["paragraphs"][0] = {"id": "PP1", "text": "Home"}
    assert bench.score_import(expected, data).ratio("p_recall") == pytest.approx(5 / 6)


def test_a_crashing_importer_is_reported_not_raised() -> None:
    def crash(src: Any) -> dict[str, Any]:
        raise ValueError("boom")

    results = bench.run(SOURCES[:2], importer=crash)
    assert all(sc.error == "ValueError: boom" for _, sc in results)
    assert bench.pooled(sc for _, sc in results)["deadline"] is not None
    assert "import failed" in bench.report(results, misses=True)


# --- the gate ---------------------------------------------------------------------------------


def test_import_reaches_the_goal_on_the_real_corpus() -> None:
    pytest.importorskip("drafter.importing")
    results = bench.run(SOURCES)
    overall = bench.pooled(sc for _, sc in results)
    crashes = [f"{src.path.name}: {sc.error}" for src, sc in results if sc.error]
    assert not crashes, crashes
    below = bench.below_goal(overall)
    misses = [f"{src.path.name}: {m}" for src, sc in results for m in sc.misses]
    assert not below, {"below goal": {m: round(overall[m], 3) for m in below}, "misses": misses[:60]}
    assert all(overall[m] is not None for m in bench.METRICS)
