"""Start the terminal UI from the CLI (`drafter`, `drafter demo`, `drafter edit`)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path


def running_clock(start: dt.datetime):
    """A clock that starts at `start` (the CLI's now, or DRAFTER_NOW) and runs on with real time."""
    origin = time.monotonic()
    return lambda: start + dt.timedelta(seconds=time.monotonic() - origin)


def run_ui(*, workspace: Path, now: dt.datetime, draft: Path | None = None) -> None:
    from .app import make_app

    make_app(workspace, running_clock(now), draft).run()
