"""Start the terminal UI from the CLI (`drafter`, `drafter demo`, `drafter edit`)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path


def running_clock(start: dt.datetime):
    """A clock that starts at `start` (the CLI's now, or DRAFTER_NOW) and runs on with real time."""
    origin = time.monotonic()
    return lambda: start + dt.timedelta(seconds=time.monotonic() - origin)


def run_ui(*, workspace: Path | None, now: dt.datetime, draft: Path | None = None) -> None:
    """Run the UI on `workspace`, or (None) on a fresh copy of the sample, made once the UI is up."""
    from .app import make_app

    app = make_app(workspace or Path.cwd(), running_clock(now), draft, demo=workspace is None)
    app.run()
    if app.demo_folder is not None:
        print(f"The sample workspace is in {app.demo_folder}")
