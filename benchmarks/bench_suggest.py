"""Benchmark: the quality and the speed of `drafter suggest`.

    python benchmarks/bench_suggest.py [--runs 9] [--blocks 5000] [--questions 100]

Quality, on the evaluation set of benchmarks/data/suggest/ (real consultation questions with the
blocks a policy person would pick, over the sample library and a second library of 34 blocks;
questions.yaml, then questions-fresh.yaml: further calls judged before any ranking was run on them;
second-judge.yaml: a second judge's blind judgments of all of them, see `agreement`):
recall@3 (the share of a question's relevant blocks among the first three, out of at most three)
and MRR (1 / the rank of the first relevant block), of `suggest` beside plain BM25 over the same
block text (its own index, bm25s's defaults: no themes, limit, freshness, use or phrases), measured in
the same run, on the tuning half (the weights of `drafter.suggest.ranking` are chosen on it), the held-out
half (see `split`) and the whole set, with the ranking's query expansion and without it; and what
the floor of weak suggestions hides. --grid prints the grid its expansion settings were chosen on
(the tuning half only).

Speed, over --blocks generated blocks (benchmarks/gen_library.py) and a draft of --questions
questions: building the index cold (no cache), loading it warm (a new process, the cache full),
suggestions for every question with the index loaded (goal 200 ms), and for one question (goal one
frame, 16 ms). Medians of --runs runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_library import THEMES, generate  # noqa: E402

DATA = HERE / "data" / "suggest"
TODAY = dt.date(2026, 11, 27)


def eval_workspace(folder: Path):
    """A copy of the sample workspace with the evaluation's second library added; loaded."""
    from drafter.init import init_workspace
    from drafter.loaded import LoadedWorkspace
    from drafter.workspace import Workspace

    init_workspace(folder, sample=True)
    config = folder / "drafter.yaml"
    text = config.read_text(encoding="utf-8").replace("  - path: positions\n", f"  - path: positions\n  - path: {DATA / 'library2'}\n")
    config.write_text(text, encoding="utf-8")
    return LoadedWorkspace.load(Workspace.open(folder))


def eval_questions(name: str = "questions.yaml") -> list[dict]:
    """The questions of one file of the evaluation set: questions.yaml (split into the tuning and
    held-out halves) or questions-fresh.yaml (see `split`)."""
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((DATA / name).read_text(encoding="utf-8"))["questions"]


def target(q: dict):
    """A question of the evaluation set as the ranking sees it."""
    from drafter.model import Limit
    from drafter.questionnaire import Heading, Target

    return Target(
        id=q["id"], number=q["id"], text=q["text"], guidance=q.get("guidance"), required=True,
        limit=Limit(**q["limit"]) if q.get("limit") else None, themes=tuple(q.get("themes") or ()),
        kind="question", answer="text", choices=(), where="document", heading=Heading("eval", "Evaluation"),
        loc=("answers", q["id"]),
    )


def call_of(q: dict) -> str:
    """The call a question comes from: its id up to the first "-" (cstd, igf16, gdc, …)."""
    return q["id"].split("-")[0]


def split(questions: list[dict], fresh: list[dict] | None = None) -> dict[str, list[dict]]:
    """The evaluation set in two halves by a fixed rule: the calls in the order they first appear in
    questions.yaml then in `fresh` (questions-fresh.yaml, read when None), alternately to "tuning"
    (1st, 3rd, …) and "held-out" (2nd, 4th, …), so that a call's questions stay together. Weights are
    tuned on "tuning" only; "held-out" says how well they generalise. "fresh" is also reported on its
    own: the questions of further calls, added after the first weights were chosen and judged before
    any ranking was run on them. "all" is every question."""
    if fresh is None:
        fresh = eval_questions("questions-fresh.yaml")
    everything = [*questions, *fresh]
    calls = list(dict.fromkeys(call_of(q) for q in everything))
    half = {c: ("tuning" if i % 2 == 0 else "held-out") for i, c in enumerate(calls)}
    out: dict[str, list[dict]] = {"tuning": [], "held-out": [], "fresh": list(fresh), "all": everything}
    for q in everything:
        out[half[call_of(q)]].append(q)
    return out


def plain_bm25(lw):
    """Plain BM25 (bm25s's defaults, k1 1.5, b 0.75) over each block's title, summary, body and tags,
    each once, with the same analyser (stop words, Snowball stemmer) and no bigrams: the baseline,
    kept apart from the ranking's own index so that tuning the ranking never moves it."""
    import bm25s

    from drafter.library import block_text
    from drafter.suggest import analyzer

    an = analyzer("en")
    refs, ids, vocab = [], [], {}
    for lib, b in lw.index.blocks():
        text = "\n".join([b.title, b.summary or "", block_text(b, "body", "en").source, " ".join(b.tags)])
        refs.append(f"{lib.namespace}/{b.id}")
        ids.append([vocab.setdefault(t, len(vocab)) for t in an(text)])
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
    return refs, retriever, vocab


def bm25_ranking(baseline, t) -> list[str]:
    """The plain BM25 ranking of a question's words (no themes, limit, freshness or use)."""
    import numpy as np

    from drafter.suggest import analyzer
    from drafter.suggest.ranking import query_text

    refs, retriever, vocab = baseline
    ids = sorted({vocab[w] for w in analyzer("en")(query_text(t)) if w in vocab})
    scores = np.asarray(retriever.get_scores(ids)) if ids else np.zeros(len(refs))
    return [refs[i] for i in np.argsort(-scores, kind="stable")[:10]]


def scores_of(ranked: list[list[str]], questions: list[dict]) -> tuple[float, float]:
    """recall@3 (of at most three relevant blocks) and MRR of rankings of `questions`."""
    r3, rr = [], []
    for got, q in zip(ranked, questions):
        rel = q["relevant"]
        r3.append(len(set(got[:3]) & set(rel)) / min(3, len(rel)))
        rr.append(next((1 / (i + 1) for i, ref in enumerate(got) if ref in rel), 0.0))
    return sum(r3) / len(r3), sum(rr) / len(rr)


def quality(lw) -> dict[str, dict[str, tuple]]:
    """recall@3 and MRR of `suggest` and of plain BM25, per half of the evaluation set and overall:
    {"tuning" | "held-out" | "all": {"suggest" | "bm25": (recall@3, MRR)}}; and "weak": of the
    suggestions in a top 3 that no theme or choice vouches for, (weak wrong ones, wrong ones, weak
    right ones, right ones): what the floor of `drafter.suggest.ranking.WEAK` hides; "firm": of all
    the suggestions in a top 3, the same under `ranking.FIRM` (what f10 and `new --suggest` leave); and
    "unexpanded": `suggest` without its query expansion (FEEDBACK_WEIGHT 0)."""
    from drafter.ops.suggest import index_for
    from drafter.suggest import rank, ranking

    si = index_for(lw, "en")
    baseline = plain_bm25(lw)
    out: dict[str, dict[str, tuple]] = {}
    for half, questions in split(eval_questions()).items():
        ts = [target(q) for q in questions]
        got = [rank(si, t, today=TODAY, n=10) for t in ts]
        weak, firm = [0, 0, 0, 0], [0, 0, 0, 0]
        for found, q in zip(got, questions):
            for s in found[:3]:
                right = 2 if s.ref in q["relevant"] else 0
                firm[right] += s.score < ranking.FIRM
                firm[right + 1] += 1
                if not s.vouched:
                    weak[right] += s.weak
                    weak[right + 1] += 1
        out[half] = {
            "suggest": scores_of([[s.ref for s in found] for found in got], questions),
            "bm25": scores_of([bm25_ranking(baseline, t) for t in ts], questions),
            "weak": tuple(weak),
            "firm": tuple(firm),
            "unexpanded": feedback_scores(si, questions, (ranking.FEEDBACK_DOCS, ranking.FEEDBACK_TERMS, 0.0)),
        }
    return out


def second_judge() -> dict[str, list[str]]:
    """A second judge's judgments of every question (second-judge.yaml): `id` → the blocks they
    would put into the answer, best first, made blind (without the first judgments or any ranking)."""
    return {q["id"]: list(q["relevant"]) for q in eval_questions("second-judge.yaml")}


def agreement(lw) -> dict[str, dict[str, tuple]]:
    """How far two people agree, per group of `split`: "judge": the second judge's first three blocks
    scored as a ranking against the first judge's (recall@3 / MRR: what a second reader reaches on the
    first judgments, the ceiling a goal on them can be read against); "suggest": `suggest` scored
    against the second judge's judgments (questions they gave no block left out)."""
    from drafter.ops.suggest import index_for
    from drafter.suggest import rank

    si = index_for(lw, "en")
    second = second_judge()
    out: dict[str, dict[str, tuple]] = {}
    for group, questions in split(eval_questions()).items():
        theirs = [second[q["id"]] for q in questions]
        again = [dict(q, relevant=second[q["id"]]) for q in questions if second[q["id"]]]
        out[group] = {
            "judge": scores_of(theirs, questions),
            "suggest": scores_of([[s.ref for s in rank(si, target(q), today=TODAY, n=10)] for q in again], again),
        }
    return out


GRID = {"docs": (3, 5, 10, 20), "terms": (5, 10, 20), "weight": (0.05, 0.1, 0.2, 0.3)}
"""The query-expansion settings tried (`drafter.suggest.ranking.FEEDBACK_*`)."""


def feedback_scores(si, questions: list[dict], setting: tuple[int, int, float]) -> tuple[float, float]:
    """recall@3 and MRR of `suggest` with the expansion setting (docs, terms, weight), others as set."""
    from drafter.suggest import rank, ranking

    saved = ranking.FEEDBACK_DOCS, ranking.FEEDBACK_TERMS, ranking.FEEDBACK_WEIGHT
    ranking.FEEDBACK_DOCS, ranking.FEEDBACK_TERMS, ranking.FEEDBACK_WEIGHT = setting
    try:
        return scores_of([[s.ref for s in rank(si, target(q), today=TODAY, n=10)] for q in questions], questions)
    finally:
        ranking.FEEDBACK_DOCS, ranking.FEEDBACK_TERMS, ranking.FEEDBACK_WEIGHT = saved


def feedback_grid(lw) -> tuple[list[tuple[tuple[int, int, float], tuple[float, float]]], tuple[int, int, float]]:
    """Every setting of GRID on the tuning half only, and the one chosen by the rule: the best
    recall@3, then the best MRR, then the lightest (smaller weight, fewer blocks, fewer terms)."""
    import itertools

    from drafter.ops.suggest import index_for

    si = index_for(lw, "en")
    tuning = split(eval_questions())["tuning"]
    rows = [(setting, feedback_scores(si, tuning, setting)) for setting in itertools.product(GRID["docs"], GRID["terms"], GRID["weight"])]
    best = max(rows, key=lambda row: (row[1][0], row[1][1], -row[0][2], -row[0][0], -row[0][1]))
    return rows, best[0]


def consultation_yaml(n: int) -> str:
    """A consultation of `n` questions: the evaluation's texts in turn, with themes and limits."""
    import json

    texts = [q["text"] for q in eval_questions()]
    themes = [t for t, _ in THEMES]
    lines = [
        "id: bench-suggest", "title: Suggestion benchmark", "organiser: Benchmarks", "language: en",
        "deadline: 2026-12-31T23:59:00+00:00", "sections:", "  - id: s", "    title: All", "    questions:",
    ]
    for i in range(n):
        lines += [f"      - id: q{i}", f"        text: {json.dumps(texts[i % len(texts)])}"]
        if i % 2:
            lines += ["        themes:", f"          - {themes[i % len(themes)]}"]
        if i % 3 == 0:
            lines += ["        limit:", f"          words: {[120, 250, 500][i % 3 * 0 + (i // 3) % 3]}"]
    return "\n".join(lines) + "\n"


def median_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def speed(folder: Path, blocks: int, questions: int, runs: int) -> dict[str, float]:
    from drafter.init import init_workspace
    from drafter.loaded import LoadedWorkspace
    from drafter.ops.check import draft_context
    from drafter.ops.suggest import DraftSuggester, index_for, suggest_in_context
    from drafter.suggest.index import BUILDS
    from drafter.workspace import Workspace

    init_workspace(folder)
    generate(folder / "positions", blocks)
    config = folder / "drafter.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("libraries: []", "libraries:\n  - path: positions"), encoding="utf-8")
    (folder / "consultations").mkdir(exist_ok=True)
    (folder / "consultations" / "bench-suggest.yaml").write_text(consultation_yaml(questions), encoding="utf-8")
    draft = folder / "drafts" / "bench.yaml"
    draft.parent.mkdir(exist_ok=True)
    draft.write_text("consultation: bench-suggest\ndate: 2026-11-27\nanswers:\n  q1:\n    - block: position-00001\n", encoding="utf-8")
    now = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)
    out: dict[str, float] = {}

    lw = LoadedWorkspace.load(Workspace.open(folder))
    t = time.perf_counter()
    index_for(lw, "en")
    out["build cold (tokenise + index)"] = (time.perf_counter() - t) * 1000
    assert BUILDS, "the first run builds"

    loads = []
    for _ in range(runs):
        lw.index.__dict__.pop("_suggest_indexes", None)  # as a new process: only the cache on disk
        before = len(BUILDS)
        t = time.perf_counter()
        index_for(lw, "en")
        loads.append(time.perf_counter() - t)
        assert len(BUILDS) == before, "a warm run must not rebuild"
    out["load warm (cache on disk)"] = median_ms(loads)

    ctx = draft_context(lw, draft, now)
    alls, ones = [], []
    for _ in range(runs):
        t = time.perf_counter()
        result = suggest_in_context(lw, ctx, draft, n=5)
        alls.append(time.perf_counter() - t)
        assert len(result) == questions
    out[f"all {questions} questions, index loaded (goal 200)"] = median_ms(alls)
    suggester = DraftSuggester(lw, ctx.consultation, ctx.today, path=draft)
    for target in ctx.questionnaire.targets:
        t = time.perf_counter()
        suggester.rank(target, 5)
        ones.append(time.perf_counter() - t)
    out["one question (goal 16)"] = median_ms(ones)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--blocks", type=int, default=5000)
    ap.add_argument("--questions", type=int, default=100)
    ap.add_argument("--quality-only", action="store_true", help="measure the quality only (no speed runs)")
    ap.add_argument("--grid", action="store_true", help="print the query-expansion grid on the tuning half")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        lw = eval_workspace(Path(tmp) / "eval")
        q = quality(lw)
        halves = split(eval_questions())
        print(f"quality over {len(lw.index.blocks())} blocks (recall@3 / MRR):")
        for half, by in q.items():
            print(f"  {half:<9} {len(halves[half]):>2} questions   suggest {by['suggest'][0]:.3f} / {by['suggest'][1]:.3f}"
                  f"   plain BM25 {by['bm25'][0]:.3f} / {by['bm25'][1]:.3f}")
        for half, by in q.items():
            ww, w, wr, r = by["weak"]
            print(f"  weak floor, {half}: {ww} of {w} unvouched wrong suggestions in a top 3 and {wr} of {r} right ones")
        for half, by in q.items():
            fw, w, fr, r = by["firm"]
            print(f"  under the firm floor, {half}: {fw} of {w} wrong suggestions in a top 3 and {fr} of {r} right ones")
        for half, by in q.items():
            print(f"  without the query expansion, {half}: {by['unexpanded'][0]:.3f} / {by['unexpanded'][1]:.3f}")
        print("a second judge (blind): their first three against the first judgments; suggest against theirs:")
        for half, by in agreement(lw).items():
            print(f"  {half:<9} second judge {by['judge'][0]:.3f} / {by['judge'][1]:.3f}   suggest on theirs {by['suggest'][0]:.3f} / {by['suggest'][1]:.3f}")
        if args.grid:
            from drafter.suggest import ranking

            rows, chosen = feedback_grid(lw)
            print("query expansion on the tuning half (blocks, terms, weight: recall@3 / MRR):")
            for (docs, terms, weight), (r3, mrr) in rows:
                print(f"  {docs:>2} {terms:>2} {weight:.2f}: {r3:.3f} / {mrr:.3f}")
            current = (ranking.FEEDBACK_DOCS, ranking.FEEDBACK_TERMS, ranking.FEEDBACK_WEIGHT)
            print(f"  chosen by the rule: {chosen}; the ranking uses {current}")
        if args.quality_only:
            return
        print(f"speed over {args.blocks} blocks, {args.questions} questions (median of {args.runs}, ms):")
        for what, ms in speed(Path(tmp) / "big", args.blocks, args.questions, args.runs).items():
            print(f"  {what:<44} {ms:8.1f}")


if __name__ == "__main__":
    main()
