"""DOCX → PDF with LibreOffice in headless mode.

Invariant: LibreOffice runs with a private, throw-away profile (so a running office or a broken user
profile cannot interfere) under a timeout, and a missing LibreOffice is a RenderError saying how to
install it — never a traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .errors import RenderError

NO_OFFICE = (
    "PDF needs LibreOffice: install it with `sudo apt install libreoffice-writer` (Debian/Ubuntu) "
    "or from https://www.libreoffice.org, then run again"
)
TIMEOUT = 180  # seconds; a first run with a fresh profile takes a few


def office() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: float = TIMEOUT) -> bytes:
    """Convert DOCX bytes to PDF bytes."""
    exe = office()
    if exe is None:
        raise RenderError(NO_OFFICE)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        work = Path(tmp)
        src, outdir = work / "submission.docx", work / "out"
        src.write_bytes(data)
        cmd = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard",
            "--convert-to", "pdf", "--outdir", str(outdir), str(src),
        ]
        try:
            proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                start_new_session=True, cwd=work,
            )
        except OSError as exc:
            raise RenderError(f"cannot start LibreOffice ({exe}): {exc.strerror or exc}") from None
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the group: soffice starts soffice.bin
            proc.communicate()
            raise RenderError(f"LibreOffice did not finish converting to PDF within {timeout:.0f} s") from None
        pdf = outdir / "submission.pdf"
        if not pdf.is_file():
            detail = (err or b"").decode("utf-8", "replace").strip().splitlines()
            why = detail[-1] if detail else f"exit status {proc.returncode}"
            raise RenderError(f"LibreOffice could not convert the document to PDF: {why}")
        return pdf.read_bytes()
