"""Benchmark: the worst a hostile library can cost — wall time and peak memory of `lint`, `check` and
`render` over a workspace whose library carries every attack at once (tests/hostile.py: slow and
huge phrase patterns, codec, bytes, loop and power bombs in block templates, a link to /dev/zero, a
FIFO, a link out of the library, huge review intervals, a draft dated 2206, unsafe links, terminal
escapes), and of `import` over a PDF bomb (tests/hostile.py `pdf_bomb`) beside a real call's PDF.

    python benchmarks/bench_hostile.py [--runs 5]

Each command runs as a whole process, --runs times; the figures are the median and the maximum of
the wall time and the peak resident memory of the process (its own accounting, `ru_maxrss`), beside
the same command on the clean sample workspace.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import hostile  # noqa: E402

PDF = ROOT / "tests" / "data" / "import" / "trai-net-neutrality-2017" / "trai-net-neutrality-2017.pdf"

MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "wall = time.perf_counter() - start\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def measure(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, peak resident MB, exit code) of one run of `drafter ARGS` in `cwd` (an import's
    output file removed first: import never overwrites, and each run must read its source)."""
    if args[0] == "import":
        (cwd / args[args.index("-o") + 1]).unlink(missing_ok=True)
    env = hostile.env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "drafter", *args], cwd=cwd, env=env,
                         capture_output=True, text=True, check=True)
    wall, rss, code = out.stdout.split()
    return float(wall), int(rss) / 1024, int(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-hostile-") as tmp:
        ws, draft, _ = hostile.build(Path(tmp) / "hostile")
        clean = Path(tmp) / "clean"
        subprocess.run([sys.executable, "-m", "drafter", "init", str(clean), "--sample"], stdout=subprocess.DEVNULL, check=True)
        commands = {
            "lint": (["lint"], ["lint"]),
            "check": (["check", str(draft)], ["check", "drafts/example-response.yaml"]),
            "render --format md --force": (["render", str(draft), "--force", "-o", "out.md"], ["render", "drafts/example-response.yaml", "-o", "out.md"]),
            "render --format docx --force": (["render", str(draft), "--force", "-o", "out.docx"], ["render", "drafts/example-response.yaml", "-o", "out.docx"]),
            # a PDF that inflates to 160 MB of text operators, beside a real questionnaire's PDF
            "import (a PDF bomb)": (["import", str(hostile.pdf_bomb(Path(tmp) / "bomb.pdf")), "-o", "bomb.yaml"],
                                   ["import", str(PDF), "-o", "call.yaml"]),
        }
        print(f"{'command':<30} {'hostile wall':>22} {'peak MB':>16}   {'clean sample wall':>18} {'peak MB':>8}")
        for name, (bad, good) in commands.items():
            hostile_runs = [measure(bad, ws) for _ in range(args.runs)]
            clean_runs = [measure(good, clean) for _ in range(args.runs)]
            walls = [w for w, _, _ in hostile_runs]
            peaks = [m for _, m, _ in hostile_runs]
            codes = sorted({c for _, _, c in hostile_runs})
            print(
                f"{name:<30} {statistics.median(walls) * 1000:7.0f} ms (max {max(walls) * 1000:5.0f})"
                f" {statistics.median(peaks):6.0f} (max {max(peaks):4.0f})"
                f"   {statistics.median(w for w, _, _ in clean_runs) * 1000:12.0f} ms"
                f" {statistics.median(m for _, m, _ in clean_runs):8.0f}   exit {codes}"
            )


if __name__ == "__main__":
    main()
