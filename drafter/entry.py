"""The console script's entry: Ctrl+C at any moment, even while drafter is still starting, ends
the program quietly with exit status 130 (no traceback, no "Aborted!")."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("drafter: interrupted\n")
        sys.exit(130)
