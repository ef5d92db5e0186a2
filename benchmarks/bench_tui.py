"""Benchmark the terminal UI with a 5,000-block library.

    python benchmarks/bench_tui.py [--blocks 5000] [--runs 5]

Measures, headless (Textual's run_test) with a warm parse cache:
  * launch → first painted draft screen (the sample draft, with the big library loaded);
  * a keystroke in the library search → the result list repainted (the search runs on the
    keystroke; the repaint is forced right after the results are in, as the next frame would do it).
Prints the median of each over --runs. Targets: < 1 s and < 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.init import init_workspace  # noqa: E402
from drafter.loaded import LoadedWorkspace  # noqa: E402
from drafter.tui.app import make_app  # noqa: E402
from drafter.workspace import Workspace  # noqa: E402

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
CONFIG = """\
libraries:
  - path: positions
  - path: big
consultations:
  - consultations
templates:
  - templates
drafts: drafts
"""


def make_workspace(folder: Path, blocks: int) -> Path:
    init_workspace(folder, sample=True)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_library.py"), str(folder / "big"), "--blocks", str(blocks)], check=True, stdout=subprocess.DEVNULL)
    (folder / "drafter.yaml").write_text(CONFIG, encoding="utf-8")
    index = LoadedWorkspace.load(Workspace.open(folder)).index  # warm the parse cache
    assert len(index.blocks()) >= blocks, "the big library did not load"
    return folder / "drafts" / "example-response.yaml"


async def wait_for(pilot, condition, timeout=30.0):
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError
        await pilot.pause(0.005)


async def one_run(root: Path, draft: Path, keys: str) -> tuple[float, list[float], list[float]]:
    start = time.perf_counter()
    app = make_app(root, NOW, draft, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DraftScreen" and app.screen.qid is not None)
        listing = app.screen.query_one("#lib-list")
        await wait_for(pilot, lambda: listing.option_count > 0)
        await pilot.pause()  # one refresh: the screen is painted
        launch = time.perf_counter() - start

        search = app.screen.query_one("#lib-search")
        search.focus()
        await pilot.pause()
        pane = app.screen.query_one("#library")
        handler, keystroke = [], []
        for key in keys:
            before = pane.results
            t0 = time.perf_counter()
            search.insert_text_at_cursor(key)  # what a keystroke does to the Input; Changed → search
            await wait_for(pilot, lambda before=before: pane.results is not before)
            t1 = time.perf_counter()
            app.screen._on_timer_update()  # the pending layout and repaint, done now (what the next frame does)
            t2 = time.perf_counter()
            await pilot.pause()
            handler.append(t1 - t0)
            keystroke.append(t2 - t0)
        return launch, handler, keystroke


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blocks", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keys", default="multistakeholder", help="characters typed into the search, one at a time")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        root = Path(tmp) / "ws"
        draft = make_workspace(root, args.blocks)
        loads = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            LoadedWorkspace.load(Workspace.open(root))
            loads.append(time.perf_counter() - t0)
        launches, handlers, keystrokes = [], [], []
        for _ in range(args.runs):
            launch, handler, keystroke = asyncio.run(one_run(root, draft, args.keys))
            launches.append(launch)
            handlers += handler
            keystrokes += keystroke
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms, max {max(xs) * 1000:.0f} ms"
    print(f"library: {args.blocks} blocks (+ the sample's), runs: {args.runs}")
    print(f"launch → first painted draft screen: {ms(launches)}  (target < 1000 ms)")
    print(f"  of which LoadedWorkspace.load (core, warm):  {ms(loads)}")
    print(f"search keystroke → results ready:    {ms(handlers)}")
    print(f"search keystroke → list repainted:   {ms(keystrokes)}  (target < 100 ms)")


if __name__ == "__main__":
    main()
