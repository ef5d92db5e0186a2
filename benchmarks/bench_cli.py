"""Benchmark: each command's wall time as a whole process, beside the floors measured in the same run.

    python benchmarks/bench_cli.py [--runs 9] [--blocks 5000]

Every figure is the median of --runs runs of a fresh process (`python -m drafter ...`, so the
console-script wrapper's own start-up is not counted against drafter), each run paired with a run of
its floor (A B A B ...), so a machine that drifts moves both; the ratio is the median of the pairs'.
Bytecode is written and used (PYTHONDONTWRITEBYTECODE is unset for the runs), as for an installed
package; a warm-up pair precedes each row.

Floors:

  click        python -c "import click"                                   (what `--version` needs)
  deps         python -c "import pydantic, click, ruamel.yaml, jinja2, markdown_it"
  pydantic     the deps, then one two-field pydantic model defined and validated: the least any
               command that reads a file pays (pydantic builds its validators on first use)
  deps+load    the deps, then drafter's warm load of the 5,000-block workspace (its parse cache built)

Goals (issue #8): `--version` within 1.5x the click floor; `check` within 1.15x the deps floor; the
5,000-block `blocks --format json` within 1.3x deps+load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_library import generate  # noqa: E402

PY = sys.executable
DEPS = "import pydantic, click, ruamel.yaml, jinja2, markdown_it"
PYDANTIC = DEPS + "\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    a: int\n    b: str = ''\nM(a=1)\n"
LOAD = DEPS + (
    "\nimport sys\nfrom pathlib import Path\nfrom drafter.loaded import LoadedWorkspace\n"
    "from drafter.workspace import Workspace\nLoadedWorkspace.load(Workspace.open(Path(sys.argv[1])))\n"
)
ENV = {**os.environ, "DRAFTER_NOW": "2026-11-30T10:00:00+00:00", "PYDANTIC_DISABLE_PLUGINS": "__all__", "NO_COLOR": "1"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed drafter has its bytecode, as its dependencies do


def wall(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def paired(a: list[str], b: list[str], cwd: Path, runs: int) -> tuple[float, float, float]:
    """Median of A, median of B, median of the pairwise ratios A/B (one warm-up pair first)."""
    wall(a, cwd), wall(b, cwd)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(wall(a, cwd))
        tb.append(wall(b, cwd))
    return statistics.median(ta), statistics.median(tb), statistics.median(x / y for x, y in zip(ta, tb))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--blocks", type=int, default=5000)
    args = parser.parse_args()
    drafter = [PY, "-m", "drafter"]
    floors = {
        "click": [PY, "-c", "import click"],
        "deps": [PY, "-c", DEPS],
        "pydantic": [PY, "-c", PYDANTIC],
    }
    with tempfile.TemporaryDirectory(prefix="drafter-bench-cli-") as tmp:
        sample = Path(tmp) / "sample"
        subprocess.run([*drafter, "init", str(sample), "--sample"], env=ENV, stdout=subprocess.DEVNULL, check=True)
        big = Path(tmp) / "big"
        generate(big / "positions", blocks=args.blocks)
        (big / "consultations").mkdir()
        subprocess.run([*drafter, "blocks", "--format", "json"], cwd=big, env=ENV, stdout=subprocess.DEVNULL, check=True)  # warm the cache
        floors["deps+load"] = [PY, "-c", LOAD, str(big)]
        rows = [
            ("--version", [*drafter, "--version"], "click", sample, 1.5),
            ("--help", [*drafter, "--help"], "click", sample, None),
            ("rules", [*drafter, "rules"], "deps", sample, None),
            ("schema", [*drafter, "schema"], "deps", sample, None),
            ("consultations", [*drafter, "consultations"], "deps", sample, None),
            ("library list", [*drafter, "library", "list"], "deps", sample, None),
            ("stale", [*drafter, "stale"], "deps", sample, None),
            ("check (sample draft)", [*drafter, "check", "drafts/example-response.yaml"], "deps", sample, 1.15),
            ("check (sample draft)", [*drafter, "check", "drafts/example-response.yaml"], "pydantic", sample, None),
            (f"blocks --format json ({args.blocks:,} blocks, warm)", [*drafter, "blocks", "--format", "json"], "deps+load", big, 1.3),
        ]
        print(f"{'command':<44} {'median':>9}   {'floor':<10} {'median':>9}   {'ratio':>6}  goal")
        for name, cmd, floor, cwd, goal in rows:
            a, b, ratio = paired(cmd, floors[floor], cwd, args.runs)
            verdict = "" if goal is None else f"{goal}x {'met' if ratio <= goal else 'NOT met'}"
            print(f"{name:<44} {a * 1000:7.0f} ms   {floor:<10} {b * 1000:7.0f} ms   {ratio:5.2f}x  {verdict}")


if __name__ == "__main__":
    main()
