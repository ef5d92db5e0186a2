"""Benchmark: checking a 100-question draft against a 5,000-block library.

    python benchmarks/bench_check.py [--blocks 5000] [--questions 100] [--runs 7]

Generates a workspace in a temporary folder (the library with benchmarks/gen_library.py, a
consultation with 100 questions and a draft answering each with three blocks and a text item),
then prints medians of:

- check (warm): `check_draft` on the loaded draft, templates compiled — what the UI and a second
  `drafter check` in the same process pay; target under 50 ms;
- check after one answer changed: the UI's live check after an edit (one answer is new text);
- check (first): the same, in a fresh process state (templates compiled on the way);
- floor: composing the same answers' Markdown with plain `str.format` and counting words — the
  least any checker must do (read every answer's text once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen_library import THEMES, generate

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


def write_workspace(root: Path, blocks: int, questions: int) -> Path:
    lib = root / "positions"
    generate(lib, blocks=blocks)
    ids = sorted(p.stem for p in (lib / "blocks").glob("*.yaml"))
    rng = random.Random(7)
    (root / "consultations").mkdir()
    lines = [
        "id: bench",
        "title: Benchmark consultation",
        "organiser: Bench",
        "deadline: 2026-12-31T23:59:00+00:00",
        "checked: 2026-11-27",
        "respondent:",
        "  required: [name, organisation]",
        "sections:",
    ]
    per_section = 10
    for s in range(questions // per_section):
        lines += [f"  - id: s{s}", f"    title: Section {s}", "    questions:"]
        for k in range(per_section):
            theme = THEMES[(s + k) % len(THEMES)][0]
            limit = "{words: 1200}" if k % 2 else "{chars: 9000}"
            lines += [
                f"      - id: '{s + 1}.{k + 1}'",
                f"        text: Question {s + 1}.{k + 1}?",
                f"        required: {'true' if k < 5 else 'false'}",
                f"        limit: {limit}",
                f"        themes: [{theme}]",
            ]
    (root / "consultations" / "bench.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    draft = ["consultation: bench", "respondent:", "  name: Ada", "  organisation: Example Registry", "answers:"]
    for s in range(questions // per_section):
        for k in range(per_section):
            draft.append(f"  '{s + 1}.{k + 1}':")
            for bid in rng.sample(ids, 3):
                draft.append(f"    - block: {bid}")
            draft.append("    - text: |\n        Our own words, with **emphasis** and a [link](https://example.org).")
    (root / "drafts").mkdir()
    path = root / "drafts" / "bench.yaml"
    path.write_text("\n".join(draft) + "\n", encoding="utf-8")
    return path


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--blocks", type=int, default=5000)
    ap.add_argument("--questions", type=int, default=100)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    from drafter.checks.draft import check_draft
    from drafter.loaded import LoadedWorkspace
    from drafter.ops.check import draft_context
    from drafter.plaintext import count_words
    from drafter.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="drafter-bench-check-") as tmp:
        root = Path(tmp)
        path = write_workspace(root, args.blocks, args.questions)
        project = LoadedWorkspace.load(Workspace.open(root))
        ctx = draft_context(project, path, NOW)
        t0 = time.perf_counter()
        findings, _ = check_draft(ctx)
        first = (time.perf_counter() - t0) * 1000
        warm = median_ms(lambda: check_draft(ctx), args.runs)

        # live checking in the UI: one answer's text changed since the last check
        from drafter.checks import DraftContext
        from drafter.model import TextItem

        qids = list(ctx.draft.answers)
        edits = iter(range(10**6))

        def edited() -> None:
            n = next(edits)
            qid = qids[n % len(qids)]
            answers = dict(ctx.draft.answers)
            answers[qid] = [*answers[qid][:-1], TextItem(text=f"Edit number {n}: our own words.")]
            draft = ctx.draft.model_copy(update={"answers": answers})
            check_draft(DraftContext(project.index, ctx.consultation, draft, NOW, ctx.file, ctx.locate))

        after_edit = median_ms(edited, args.runs)

        texts = []
        for items in ctx.draft.answers.values():
            for item in items or []:
                if hasattr(item, "block"):
                    texts.append(project.index.lookup(item.block).body)
                else:
                    texts.append(item.text)

        def floor() -> None:
            for text in texts:
                count_words(text.replace("{{ respondent.organisation }}", "Example Registry"))

        base = median_ms(floor, args.runs)
        print(f"check {args.questions} questions x 3 blocks, {args.blocks}-block library ({len(findings)} findings)")
        print(f"  check (warm)   median {warm:8.1f} ms   target < 50 ms")
        print(f"  check after one answer changed   median {after_edit:8.1f} ms   (the UI's live check)")
        print(f"  check (first)         {first:8.1f} ms   (compiles {len(texts) - args.questions} block templates)")
        print(f"  floor: read and count every answer's text   {base:8.1f} ms   ratio {warm / base:.1f}x")
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak resident memory (load + check, this process): {rss:.0f} MB   target < 200 MB")


if __name__ == "__main__":
    main()
