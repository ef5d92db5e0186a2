"""DOCX → PDF with LibreOffice in headless mode.

Invariant: LibreOffice runs with a private, throw-away profile (so a running office or a broken user
profile cannot interfere) under a timeout, and a missing LibreOffice is a RenderError saying how to
install it — never a traceback. Given the submission's date, the PDF is reproducible: the dates
LibreOffice stamps from the clock and the random document ID are rewritten in place, each to a value
of the same length (so every xref offset stays valid) — dates to midnight UTC of the submission's
date, the ID to hex derived from a hash of the rest of the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
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


def docx_to_pdf(data: bytes, *, date: dt.date | None = None, timeout: float = TIMEOUT) -> bytes:
    """Convert DOCX bytes to PDF bytes; with `date`, reproducible (see `reproducible`)."""
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
                start_new_session=True, cwd=work, env={**os.environ, "TZ": "UTC"},  # the same bytes in any zone
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
        out = pdf.read_bytes()
    return out if date is None else reproducible(out, date)


# --------------------------------------------------------------------------- reproducible output

_INFO_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{4,14})([^)]{0,16})\)")
"""An Info dictionary date as LibreOffice writes it: `/CreationDate(D:20261130065529Z')` (TZ=UTC) or
`/CreationDate(D:20261130075611+01'00')` (elsewhere)."""
_PDF_ZONE = {0: b"", 1: b"Z", 2: b"Z'", 3: b"+00", 4: b"+00'", 6: b"+00'00", 7: b"+00'00'"}
"""UTC written in as many bytes as the zone it replaces (LibreOffice writes `Z'` and `+01'00'`)."""
_XMP_DATE = re.compile(
    rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>|xmp:(?:CreateDate|ModifyDate|MetadataDate)=[\"'])"
    rb"(\d{4}-\d{2}-\d{2})(T[\d:.]+)?([+-]\d{2}:\d{2})?"
)
"""An XMP date (PDF/A output): `<xmp:CreateDate>2026-11-30T07:56:11+01:00</xmp:CreateDate>`."""
_XMP_UUID = re.compile(rb"(xmpMM:(?:DocumentID|InstanceID)(?:>|=[\"'])uuid:)([0-9A-Fa-f-]{36})")
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]*)(>\s*<)([0-9A-Fa-f]*)(>\s*\])")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")
"""LibreOffice's own trailer key: an MD5 over the file as written (so it changes with the date)."""


def reproducible(pdf: bytes, date: dt.date) -> bytes:
    """The PDF with its creation and modification dates set to midnight UTC of `date`, and its
    document ID (and LibreOffice's `/DocChecksum`) set from a hash of the rest of the file; every
    replacement has the length of what it replaces, so the cross-reference offsets stay valid."""
    digits = f"{date.year:04d}{date.month:02d}{date.day:02d}000000".encode()
    iso = f"{date.year:04d}-{date.month:02d}-{date.day:02d}".encode()

    def info_date(m: re.Match[bytes]) -> bytes:
        zone = _PDF_ZONE.get(len(m[3]), m[3])  # a zone of another length is kept (TZ=UTC makes it `Z'`)
        return m[1] + digits[: len(m[2])] + zone + b")"

    def xmp_date(m: re.Match[bytes]) -> bytes:
        time = re.sub(rb"\d", b"0", m[3] or b"")
        return m[1] + iso + time + (b"+00:00" if m[4] else b"")

    pdf = _INFO_DATE.sub(info_date, pdf)
    pdf = _XMP_DATE.sub(xmp_date, pdf)

    def blank(m: re.Match[bytes]) -> bytes:  # every hex digit of the IDs zeroed, for the hash
        return m[1] + re.sub(rb"[0-9A-Fa-f]", b"0", m[0][len(m[1]):])

    seed = hashlib.sha256(_CHECKSUM.sub(blank, _ID.sub(blank, _XMP_UUID.sub(blank, pdf)))).digest()

    def hexed(label: bytes, like: bytes) -> bytes:
        """Hex as long as `like` (and in its case), from the seed and `label`."""
        out, n = b"", 0
        while len(out) < len(like):
            out += hashlib.sha256(seed + label + n.to_bytes(4, "big")).hexdigest().encode()
            n += 1
        out = out[: len(like)]
        return out.lower() if like.islower() else out.upper()

    def doc_id(m: re.Match[bytes]) -> bytes:
        first = hexed(b"id", m[2])
        second = first if m[2] == m[4] else hexed(b"instance", m[4])  # a new file: the two are equal
        return m[1] + first + m[3] + second + m[5]

    def uuid(m: re.Match[bytes]) -> bytes:
        value = iter(hexed(b"uuid" + m[1], m[2].replace(b"-", b"")).decode())
        return m[1] + "".join("-" if ch == "-" else next(value) for ch in m[2].decode()).encode()

    pdf = _ID.sub(doc_id, pdf)
    pdf = _CHECKSUM.sub(lambda m: m[1] + hexed(b"checksum", m[2]), pdf)
    return _XMP_UUID.sub(uuid, pdf)
