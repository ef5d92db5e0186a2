"""Benchmark the terminal UI: first paint as a whole process beside a minimal Textual app, a
keystroke in a 3,000-word answer beside Textual's own echo, and the library at 5,000 blocks.

    python benchmarks/bench_tui.py [--blocks 5000] [--runs 5] [--skip-library]

1. `drafter demo` → the first painted draft screen, as a whole process in a pseudo-terminal (80×24),
   the time until the screen's text reaches the terminal; beside its floor measured the same way in
   the same run, A B A B …: a minimal Textual app (one Static) until its text reaches the terminal.
   Goal: within 1.5× the floor.
2. A keystroke in a 3,000-word own-text answer (headless, run_test): until the text is repainted,
   beside the floor — the same TextArea with the same text in a minimal app; and until the answer's
   meter shows the new count, repainted. Goals: text within one frame (16 ms) of the floor's echo,
   meter within 100 ms.
3. With a 5,000-block library (warm parse cache): launch → first painted draft screen, and a
   keystroke in the library search → the result list repainted. Targets: < 1 s and < 100 ms.

Every figure is a median over --runs (the keystroke figures over every key of every run).
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


# --------------------------------------------------------------------------- 1. first paint, as processes

FLOOR_APP = """
from textual.app import App
from textual.widgets import Static
class Floor(App):
    def compose(self):
        yield Static("floor-painted")
Floor().run()
"""


def first_paint(argv: list[str], marker: bytes, env: dict[str, str], size: tuple[int, int] = (80, 24), timeout: float = 30.0) -> float:
    """Seconds from starting `argv` in a pseudo-terminal of `size` until `marker` reaches the terminal."""
    import fcntl
    import os
    import pty
    import select
    import signal
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True)
    os.close(slave)
    seen = b""
    try:
        while marker not in seen:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{argv}: no {marker!r} within {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the process ended
                    raise RuntimeError(f"{argv} ended before painting: {seen[-500:]!r}") from None
                seen = seen[-4096:] + chunk
        return time.perf_counter() - start
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def bench_first_paint(runs: int, tmp: Path) -> tuple[list[float], list[float], list[float]]:
    """(drafter's first paint, the draft screen on the terminal, the floor's first paint), per pair."""
    import os

    env = {**os.environ, "DRAFTER_NOW": NOW.isoformat(), "TERM": "xterm-256color", "TMPDIR": str(tmp)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode written and used, as for an installed package
    drafter = [sys.executable, "-m", "drafter", "demo"]
    floor = [sys.executable, "-c", FLOOR_APP]
    painted = b"opening a fresh copy"  # the app's first frame (the top bar), before the sample is copied
    ready = b"Questions"  # the draft screen's first pane title: the draft screen is on the terminal
    first_paint(drafter, ready, env)  # warm-up pair (bytecode, disk cache)
    first_paint(floor, b"floor-painted", env)
    firsts, readies, floors = [], [], []
    for _ in range(runs):
        firsts.append(first_paint(drafter, painted, env))
        floors.append(first_paint(floor, b"floor-painted", env))
        readies.append(first_paint(drafter, ready, env))
    return firsts, readies, floors


# --------------------------------------------------------------------------- 2. a keystroke in a long answer

LONG_QID = "3.4"  # a question with a character limit: the 3,000 words go over it (a realistic worst case)


def long_answer_workspace(folder: Path, words: int = 3000) -> Path:
    from drafter.draft_editor import DraftEditor

    init_workspace(folder, sample=True)
    draft = folder / "drafts" / "example-response.yaml"
    editor = DraftEditor.load(draft)
    sentence = "Local exchange points keep traffic local and cut costs for every network in the region.".split()
    pool = (sentence * (words // len(sentence) + 1))[:words]
    text = "\n\n".join(" ".join(pool[i : i + 80]) for i in range(0, words, 80))  # paragraphs of 80 words
    editor.replace_items(LONG_QID, [{"text": text}])
    editor.save(force=True)
    return draft


async def keystrokes_drafter(root: Path, draft: Path, keys: str) -> tuple[list[float], list[float]]:
    """Per key: until the text area is repainted, and until the meter shows the new count, repainted."""
    from drafter.tui.widgets.answer import TextItemEditor

    app = make_app(root, NOW, draft, blink=False)
    echo, meter = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DraftScreen" and app.screen.qid is not None)
        screen = app.screen
        await screen.show_question(LONG_QID)
        await pilot.pause(0.5)
        editor = screen.query_one(TextItemEditor)
        editor.focus()
        editor.move_cursor(editor.document.end)
        count = screen.query_one("#count")
        await pilot.pause(0.3)
        for key in keys:
            before = str(count.content)
            t0 = time.perf_counter()
            editor.insert(key)  # what a keystroke does to the TextArea
            await pilot.pause(0)  # its Changed message handled (the draft updated)
            screen._on_timer_update()  # the repaint the next frame does
            echo.append(time.perf_counter() - t0)
            await wait_for(pilot, lambda before=before: str(count.content) != before, timeout=5)
            screen._on_timer_update()
            meter.append(time.perf_counter() - t0)
            await pilot.pause(0.15)  # typing at about six keys a second
    return echo, meter


async def keystrokes_floor(text: str, keys: str) -> list[float]:
    from textual.app import App
    from textual.widgets import TextArea

    class Floor(App):
        def compose(self):
            yield TextArea(text, soft_wrap=True)

    app = Floor()
    echo = []
    async with app.run_test(size=(120, 40)) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause(0.3)
        for key in keys:
            t0 = time.perf_counter()
            area.insert(key)
            await pilot.pause(0)
            app.screen._on_timer_update()
            echo.append(time.perf_counter() - t0)
            await pilot.pause(0.15)
    return echo


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blocks", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keys", default="multistakeholder", help="characters typed, one at a time")
    ap.add_argument("--skip-library", action="store_true", help="leave out the 5,000-block part")
    args = ap.parse_args()
    med = lambda xs: statistics.median(xs) * 1000
    ms = lambda xs: f"median {med(xs):.0f} ms, max {max(xs) * 1000:.0f} ms"
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        firsts, readies, floors = bench_first_paint(args.runs, Path(tmp))
        ratio = statistics.median([a / b for a, b in zip(firsts, floors)])
        ready_ratio = statistics.median([a / b for a, b in zip(readies, floors)])
        print(f"first paint, whole processes in an 80×24 pseudo-terminal, {args.runs} runs each, interleaved:")
        print(f"  floor (minimal Textual app):   {ms(floors)}")
        print(f"  drafter demo, first paint:     {ms(firsts)}  {ratio:.2f}× the floor (goal ≤ 1.5×: {'met' if ratio <= 1.5 else 'NOT met'})")
        print(f"  drafter demo, draft screen:    {ms(readies)}  {ready_ratio:.2f}× the floor (sample copied, loaded, checked)")

        root = Path(tmp) / "long"
        draft = long_answer_workspace(root)
        from drafter.draft_editor import DraftEditor

        text = DraftEditor.load(draft).model().answers[LONG_QID][0].text  # type: ignore[union-attr]
        echo, meter, floor_echo = [], [], []
        for _ in range(args.runs):
            e, m = asyncio.run(keystrokes_drafter(root, draft, args.keys))
            echo += e
            meter += m
            floor_echo += asyncio.run(keystrokes_floor(text, args.keys))
        print(f"keystroke in a {len(text.split()):,}-word answer, {len(echo)} keys:")
        print(f"  text repainted:                {ms(echo)}")
        print(f"  floor (Textual's own echo):    {ms(floor_echo)}")
        gap = med(echo) - med(floor_echo)
        print(f"  difference of medians:         {gap:.1f} ms  (goal ≤ 16 ms: {'met' if gap <= 16 else 'NOT met'})")
        print(f"  meter repainted:               {ms(meter)}  (goal ≤ 100 ms: {'met' if med(meter) <= 100 else 'NOT met'})")

        if args.skip_library:
            return
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
    print(f"library: {args.blocks} blocks (+ the sample's), runs: {args.runs}")
    print(f"  launch → first painted draft screen: {ms(launches)}  (target < 1000 ms)")
    print(f"    of which LoadedWorkspace.load (core, warm):  {ms(loads)}")
    print(f"  search keystroke → results ready:    {ms(handlers)}")
    print(f"  search keystroke → list repainted:   {ms(keystrokes)}  (target < 100 ms)")


if __name__ == "__main__":
    main()
