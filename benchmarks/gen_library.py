"""Generate a large synthetic position library for benchmarks.

    python benchmarks/gen_library.py DIR [--blocks 5000] [--seed 1] [--age-days 30]

Writes DIR/library.yaml and DIR/blocks/<id>.yaml (about 3 KB each): realistic Markdown bodies with
a few `{{ respondent.organisation }}` placeholders, a short variant, themes from a vocabulary of 12,
tags, sources and review dates. Output is deterministic for a given seed. File times are set
`--age-days` into the past, as in a git checkout that has not just been edited (so a cache does not
treat them as "just written").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import time
from pathlib import Path

THEMES = [
    ("positive-agenda", "Positive agenda"),
    ("inclusiveness", "Inclusiveness"),
    ("technical-stability", "Technical-layer stability"),
    ("multistakeholder", "Multistakeholder model"),
    ("transparency", "Transparency"),
    ("dns-abuse", "DNS abuse"),
    ("igf-mandate", "IGF mandate"),
    ("community-connectivity", "Community-centred connectivity"),
    ("sdg-alignment", "SDG alignment"),
    ("capacity-building", "Capacity building"),
    ("underserved-regions", "Underserved regions"),
    ("human-rights", "Human rights online"),
]

SUBJECTS = [
    "The technical community", "Regional Internet Registries", "ccTLD operators",
    "Internet exchange points", "Network operator groups", "Internet Society chapters",
    "Community networks", "The Internet Governance Forum", "Open standards bodies",
    "Local registries", "Small network operators", "National research networks",
]
VERBS = [
    "has long supported", "continues to invest in", "works every day on", "has built",
    "relies on", "contributes to", "helps sustain", "has demonstrated the value of",
    "stands ready to expand", "would welcome further work on",
]
OBJECTS = [
    "routing security", "IPv6 deployment", "DNS operations", "incident response",
    "local traffic exchange", "open, bottom-up policy development", "capacity building",
    "meaningful connectivity", "resilient infrastructure", "multistakeholder dialogue",
    "interoperable open standards", "affordable access", "training for engineers",
    "transparent accountability mechanisms", "measurements of Internet health",
]
TAILS = [
    "in every region", "across developing countries", "with governments and civil society",
    "through regional training centres", "at national and regional level",
    "for the next twenty years", "under the WSIS action lines", "with local communities",
    "in line with the Sustainable Development Goals", "by sharing experience openly",
]
SITES = [
    "https://www.itu.int/net/wsis/docs/geneva/official/poa.html",
    "https://www.intgovforum.org/en/about",
    "https://www.un.org/techenvoy/global-digital-compact",
    "https://www.icann.org/resources/pages/dns-abuse",
    "https://www.internetsociety.org/resources/",
    "https://www.nro.net/about/",
]
FIRST = ["A.", "L.", "J.", "S.", "M.", "K.", "R.", "T."]
LAST = ["Mensah", "Okafor", "Lindqvist", "Tuilagi", "Haddad", "Nakamura", "Silva", "Kowalski"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML 1.2)."""
    return json.dumps(text, ensure_ascii=False)


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def paragraph(rng: random.Random, n: int, width: int = 92) -> list[str]:
    words: list[str] = []
    for _ in range(n):
        words.extend(sentence(rng).split())
    lines, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    return lines


def block_text(rng: random.Random, i: int, theme_ids: list[str]) -> str:
    bid = f"position-{i:05d}"
    themes = rng.sample(theme_ids, rng.randint(1, 3))
    tags = sorted({f"wsis:C{rng.randint(1, 11)}", f"sdg:{rng.randint(1, 17)}"} | ({"gdc"} if rng.random() < 0.3 else set()))
    body: list[str] = []
    for _ in range(4):
        body.extend(paragraph(rng, 4))
        body.append("")
    body.extend(["We encourage the review to:", ""])
    for k in range(1, 4):
        body.append(f"{k}. {sentence(rng)[:-1].lower()};")
    body.append("")
    body.extend(
        [
            "{{ respondent.organisation }} and its partners would welcome the chance to contribute,",
            f"and {{{{ respondent.organisation }}}} can share [its experience]({rng.choice(SITES)}) on request.",
        ]
    )
    short = paragraph(rng, 3)
    out = [
        f"# Synthetic block {i} for benchmarks.",
        f"id: {bid}",
        f"title: {q(sentence(rng)[:-1])}",
        "summary: |",
        *("  " + l for l in paragraph(rng, 1)),
        "themes:",
        *(f"  - {t}" for t in themes),
        "tags:",
        *(f"  - {q(t)}" for t in tags),
        "body: |",
        *(("  " + l) if l else "" for l in body),
        "short: |",
        *("  " + l for l in short),
        f"owner: {q(rng.choice(['Policy WG', 'Technical WG', 'Capacity WG']) + ' — ' + rng.choice(FIRST) + ' ' + rng.choice(LAST))}",
        f"reviewed: {dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 700))}",
    ]
    if rng.random() < 0.3:
        out.append(f"review_every_days: {rng.choice([90, 180, 365])}")
    out.append("sources:")
    for _ in range(rng.randint(1, 3)):
        out.append(f"  - title: {q(sentence(rng)[:-1])}")
        out.append(f"    url: {rng.choice(SITES)}")
    out.append("language: en")
    return "\n".join(out) + "\n"


def library_text() -> str:
    out = [
        "name: Synthetic benchmark library",
        "namespace: bench",
        "description: |",
        "  Generated by benchmarks/gen_library.py; not real positions.",
        "maintainers:",
        "  - Benchmark WG <bench@example.org>",
        "review_every_days: 180",
        "themes:",
    ]
    for tid, label in THEMES:
        out += [f"  - id: {tid}", f"    label: {label}", f"    description: {q('Everything about ' + label.lower() + '.')}"]
    out += [
        "phrases:",
        "  - id: negative-framing",
        "    severity: warning",
        "    message: Negative framing",
        "    hint: State the positive proposal instead.",
        "    patterns:",
        "      - '\\bred lines?\\b'",
        "      - '\\bwe oppose\\b'",
        "    ignore_case: true",
    ]
    return "\n".join(out) + "\n"


def generate(root: Path, blocks: int = 5000, seed: int = 1, age_days: float = 30.0) -> list[Path]:
    """Write the library; return the block paths in order."""
    rng = random.Random(seed)
    (root / "blocks").mkdir(parents=True, exist_ok=True)
    (root / "library.yaml").write_text(library_text(), encoding="utf-8")
    theme_ids = [t for t, _ in THEMES]
    paths = []
    stamp = time.time() - age_days * 86400
    for i in range(blocks):
        p = root / "blocks" / f"position-{i:05d}.yaml"
        p.write_text(block_text(rng, i, theme_ids), encoding="utf-8")
        os.utime(p, (stamp, stamp))
        paths.append(p)
    os.utime(root / "library.yaml", (stamp, stamp))
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--blocks", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--age-days", type=float, default=30.0)
    args = ap.parse_args()
    paths = generate(args.dir, args.blocks, args.seed, args.age_days)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} blocks to {args.dir}/blocks ({total / len(paths) / 1024:.1f} KB each on average)")


if __name__ == "__main__":
    main()
