"""How long `drafter render` takes for a big draft, next to pandoc on the same Markdown.

    python benchmarks/bench_render.py [--questions 100] [--words 400] [--runs 5]

Builds a SubmissionDoc of N questions with answers of about W words of realistic Markdown
(paragraphs, bold and italic, links, nested bullet lists, numbered lists, quotes), renders it to
DOCX `--runs` times and prints the median; then runs `pandoc -f markdown -t docx` on the
equivalent Markdown (drafter's own `--format md` output) the same number of times. The target:
drafter within pandoc's time. Pandoc missing → its half is skipped with a message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drafter.compose import Composed, ComposedItem, measure
from drafter.model import Block, BlockItem, Consultation, Cosigner, Draft, Limit, Question, Respondent, Section, Source
from drafter.questionnaire import response
from drafter.render import render
from drafter.submission import SubmissionDoc, build_submission

VOCAB = (
    "multistakeholder governance internet technical community stability resilience interoperability "
    "open standards routing registry infrastructure connectivity inclusion capacity development "
    "cooperation participation transparency accountability policy digital divide access affordable "
    "security trust exchange point community network local content language diversity innovation "
    "sustainable rights privacy the of and to a in for on with as by that is are be will should"
).split()


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(VOCAB) for _ in range(n)]
    if rng.random() < 0.5:
        i = rng.randrange(n - 2)
        words[i:i + 2] = [f"**{words[i]} {words[i + 1]}**"]
    if rng.random() < 0.4:
        i = rng.randrange(len(words))
        words[i] = f"*{words[i]}*"
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"[{words[i]}](https://example.org/{rng.randrange(500)})"
    return " ".join(words).capitalize() + "."


def answer_markdown(rng: random.Random, target: int) -> str:
    blocks, words = [], 0
    while words < target:
        kind = rng.random()
        if kind < 0.55:
            n = rng.randint(3, 5)
            blocks.append(" ".join(sentence(rng, rng.randint(10, 18)) for _ in range(n)))
            words += n * 14
        elif kind < 0.7:
            items = [f"- {sentence(rng, rng.randint(5, 10))}" for _ in range(rng.randint(2, 4))]
            items.insert(1, f"  - {sentence(rng, 6)}")
            blocks.append("\n".join(items))
            words += len(items) * 8
        elif kind < 0.85:
            items = [f"{i}. {sentence(rng, rng.randint(5, 10))}" for i in range(1, rng.randint(3, 5))]
            blocks.append("\n".join(items))
            words += len(items) * 8
        else:
            blocks.append("> " + sentence(rng, 20))
            words += 20
    return "\n\n".join(blocks)


def big_doc(questions: int, words: int, seed: int = 20250715) -> SubmissionDoc:
    rng = random.Random(seed)
    sections, qs_by_section = [], []
    per_section = 10
    for s in range(0, questions, per_section):
        qs = [
            Question(id=f"{s // per_section + 1}.{i + 1}", text=sentence(rng, 12).rstrip(".") + "?",
                     guidance=sentence(rng, 15), limit=Limit(words=words + 100))
            for i in range(min(per_section, questions - s))
        ]
        qs_by_section.append(qs)
        sections.append(Section(id=f"s{s // per_section + 1}", title=f"Section {s // per_section + 1}", questions=qs))
    consultation = Consultation(
        id="bench", title="WSIS+20 Review: Call for Inputs", organiser="UN CSTD", language="en",
        deadline=dt.datetime(2025, 7, 15, 23, 59, tzinfo=dt.UTC), sections=sections,
    )
    respondent = Respondent(organisation="Example Registry", stakeholder_group="Technical community",
                            country="Kenya", consent_to_publish=True)
    cosigners = [Cosigner(organisation="ISOC Chapter", country="KE")]
    source = Source(title="Tunis Agenda", url="https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html")
    answers = {}
    for qs in qs_by_section:
        for q in qs:
            md = answer_markdown(rng, words)
            block = Block(id="b", title="B", themes=["t"], body=md, sources=[source])
            answers[q.id] = measure(Composed(md, [ComposedItem(BlockItem(block="b"), md, block)], []))
    draft = Draft(consultation="bench", respondent=respondent, cosigners=cosigners, date=dt.date(2025, 7, 1))
    return build_submission(response(consultation, draft), answers)


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", type=int, default=100)
    ap.add_argument("--words", type=int, default=400)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    doc = big_doc(args.questions, args.words)
    total = sum(a.words for a in doc.answers())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        md = tmp / "submission.md"
        render(doc, "md", md)
        drafter_s = median_time(lambda: render(doc, "docx", tmp / "drafter.docx"), args.runs)
        size = (tmp / "drafter.docx").stat().st_size
        print(f"document: {args.questions} questions, {total} words of answers, {md.stat().st_size} bytes of Markdown")
        print(f"drafter render --format docx: median {drafter_s * 1000:.0f} ms of {args.runs} ({size} bytes)")
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("pandoc: not installed, comparison skipped")
            return
        cmd = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(tmp / "pandoc.docx"), str(md)]
        pandoc_s = median_time(lambda: subprocess.run(cmd, check=True), args.runs)
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        print(f"{version} -f markdown -t docx: median {pandoc_s * 1000:.0f} ms of {args.runs}")
        print(f"ratio drafter/pandoc: {drafter_s / pandoc_s:.2f} ({'within' if drafter_s <= pandoc_s else 'OVER'} pandoc's time)")


if __name__ == "__main__":
    main()
