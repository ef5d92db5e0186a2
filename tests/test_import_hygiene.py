"""The core never imports the UI: importing it in a fresh interpreter leaves textual unloaded."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "drafter.model", "drafter.findings", "drafter.yamlio", "drafter.workspace", "drafter.library",
    "drafter.consultation", "drafter.draft", "drafter.edit", "drafter.compose", "drafter.plaintext",
    "drafter.checks", "drafter.report", "drafter.project", "drafter.submission", "drafter.pins",
    "drafter.search", "drafter.schema", "drafter.init", "drafter.render",
]


def test_core_does_not_import_textual():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'drafter.tui')))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_check_does_not_import_textual():
    code = "import sys; import drafter.cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
