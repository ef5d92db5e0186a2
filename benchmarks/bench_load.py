"""Benchmark loading a large library's blocks: cached and uncached, each beside its floor.

    python benchmarks/bench_load.py [--dir DIR] [--blocks 5000] [--runs 5]

Without --dir, a library is generated into a temporary folder (benchmarks/gen_library.py). Each
figure is the median of --runs runs in this process, with the files in the page cache:

  floor A   stat + read every block file (what any loader must at least do)
  warm      load_models_cached with an up-to-date cache file      target: within 2x of floor A
  floor B   parse every file with ruamel's C safe loader only     (YAML(typ="safe", pure=False))
  cold      load_model on every file (read, parse, validate)      target: within 3x of floor B
  build     load_models_cached with no cache file yet (cold + writing the cache)

Peak RSS is the process's high-water mark (ru_maxrss) after each phase. Each phase runs in its own
subprocess with --phase, so that one phase's memory does not hide another's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

PHASES = ["floor-a", "warm", "floor-b", "cold", "build"]


def block_paths(root: Path) -> list[Path]:
    return sorted((root / "blocks").glob("*.yaml"))


def run_phase(phase: str, root: Path, runs: int) -> dict:
    from ruamel.yaml import YAML

    from drafter.cache import load_models_cached
    from drafter.model import Block
    from drafter.yamlio import load_model

    paths = block_paths(root)
    cache_file = root / ".bench-cache" / "blocks.pickle"
    times: list[float] = []

    def timed(fn) -> None:
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)

    if phase == "floor-a":

        def go() -> None:
            for p in paths:
                os.stat(p)
                with open(p, "rb") as fh:
                    fh.read()

    elif phase == "floor-b":
        stock = YAML(typ="safe", pure=False)

        def go() -> None:
            for p in paths:
                with open(p, "rb") as fh:
                    stock.load(fh.read())

    elif phase == "cold":

        def go() -> None:
            for p in paths:
                instance, findings = load_model(p, Block)
                assert instance is not None and not findings, (p, findings)

    elif phase == "warm":
        load_models_cached(paths, Block, cache_file)  # make sure the cache is current

        def go() -> None:
            out = load_models_cached(paths, Block, cache_file)
            assert len(out) == len(paths)

    elif phase == "build":

        def go() -> None:
            cache_file.unlink(missing_ok=True)
            load_models_cached(paths, Block, cache_file)

    else:
        raise SystemExit(f"unknown phase {phase}")

    for _ in range(runs):
        timed(go)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if phase == "warm":  # correctness: the cached models equal freshly loaded ones
        cached = load_models_cached(paths, Block, cache_file)
        fresh = [(p, *load_model(p, Block)) for p in paths]
        assert cached == fresh, "cached models differ from fresh ones"
    return {
        "phase": phase,
        "median": statistics.median(times),
        "min": min(times),
        "runs": runs,
        "files": len(paths),
        "bytes": sum(p.stat().st_size for p in paths),
        "cache_bytes": cache_file.stat().st_size if cache_file.exists() else 0,
        "maxrss_mb": maxrss,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, help="an existing library (default: generate one)")
    ap.add_argument("--blocks", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.phase:
        print(json.dumps(run_phase(args.phase, args.dir, args.runs)))
        return

    tmp = None
    root = args.dir
    if root is None:
        from gen_library import generate

        tmp = tempfile.TemporaryDirectory(prefix="drafter-bench-")
        root = Path(tmp.name)
        start = time.perf_counter()
        generate(root, args.blocks)
        print(f"generated {args.blocks} blocks in {time.perf_counter() - start:.1f}s into {root}")

    results = {}
    for phase in PHASES:
        out = subprocess.run(
            [sys.executable, __file__, "--phase", phase, "--dir", str(root), "--runs", str(args.runs)],
            check=True,
            capture_output=True,
            text=True,
        )
        results[phase] = json.loads(out.stdout.strip().splitlines()[-1])

    a, w, b, c, bu = (results[p] for p in PHASES)
    n, size = a["files"], a["bytes"]
    print(f"{n} block files, {size / 1e6:.1f} MB ({size / n / 1024:.1f} KB each); median of {args.runs} runs")
    print(f"python {sys.version.split()[0]}, cache file {w['cache_bytes'] / 1e6:.1f} MB\n")
    print(f"{'':34}{'median':>9}{'per file':>11}{'ratio':>8}{'peak RSS':>11}")

    def row(label: str, r: dict, floor: dict | None = None, target: float | None = None) -> None:
        ratio = ""
        if floor is not None:
            x = r["median"] / floor["median"]
            ratio = f"{x:6.2f}x" + ("" if target is None else (" ok" if x <= target else " OVER"))
        print(
            f"{label:34}{r['median'] * 1000:7.0f}ms{r['median'] / n * 1e6:9.0f}µs{ratio:>8}"
            f"{r['maxrss_mb']:9.0f}MB"
        )

    row("floor A: stat + read", a)
    row("warm: cached load", w, a, 2.0)
    row("floor B: C safe loader only", b)
    row("cold: read + parse + validate", c, b, 3.0)
    row("build: cold + write the cache", bu, b)
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
