"""A workspace whose library, consultation and template carry every attack at once (no tests here).

Used by tests/test_hostile.py (what each command reports) and benchmarks/bench_hostile.py (how long
and how much memory each command takes at worst). The library is what another organisation could
push to a shared repository; `outside/` is the user's own folder that nothing may read or change.
"""

from __future__ import annotations

import os
from pathlib import Path

from .wsbuilder import NOW, baseline, dump, write

SECRET = "TOP SECRET: the text of a file outside the library"
ESC = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZWNobw==\x07"

TEMPLATES = {
    "codec": "{{ ('x' * 100000).encode('punycode') }}",
    "bytes": "{{ 'x'.encode() * 2000000000 }}",
    "loops": "{% for a in range(10000) %}{% for b in range(10000) %}x{% endfor %}{% endfor %}",
    "huge": "{{ ('x' * 3000000000)|length }}",
    "power": "{{ 9 ** 999999999 }}",
}
"""Block bodies that try to hang or exhaust the machine."""

RULES = [r"(a|aa)+$", r"^(\w+\s?)*$", "a{4294967295}", "(" * 600 + "a" + ")" * 600]
"""Phrase patterns that are slow, huge or unusable."""


def build(root: Path) -> tuple[Path, Path, Path]:
    """Write the hostile workspace under `root`: returns (workspace, draft, outside folder)."""
    outside = root / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.yaml").write_text(dump({"id": "stolen", "title": "Stolen", "themes": ["alpha"], "body": SECRET}), encoding="utf-8")
    ws = root / "ws"
    ws.mkdir()
    spec = baseline()
    spec["library"]["phrases"] = [
        {"id": f"evil-{i}", "message": f"rule {i} {ESC}", "hint": ESC, "patterns": [pattern]} for i, pattern in enumerate(RULES)
    ]
    for name, body in TEMPLATES.items():
        spec["blocks"][name] = {"id": name, "title": f"{name} {ESC}", "themes": ["alpha"], "body": body}
    spec["blocks"]["one"].update(review_every_days=99_999_999_999_999)
    spec["blocks"]["two"].update(reviewed="9999-12-31")
    spec["blocks"]["links"] = {
        "id": "links", "title": "Links", "themes": ["alpha"],
        "body": "See [this](smb://host/share) and [that](javascript:alert(1)) and \\\\\\\\host\\\\share.\n\n<script>alert(1)</script>",
        "sources": [{"title": "Injected", "url": "https://ok.example/>\n# Injected heading\n<script>x</script>"}],
    }
    spec["draft"]["date"] = "2206-01-01"
    spec["draft"]["answers"]["1.3"] = [
        {"text": "a" * 5000 + "!"},
        *({"block": name} for name in TEMPLATES),
        {"block": "links"},
        {"block": "stolen"},
    ]
    draft = write(ws, spec)
    blocks = ws / "positions" / "blocks"
    (blocks / "zero.yaml").symlink_to("/dev/zero")
    (blocks / "stolen.yaml").symlink_to(outside / "secret.yaml")
    os.mkfifo(blocks / "pipe.yaml")
    return ws, draft, outside


def env() -> dict[str, str]:
    return {**os.environ, "DRAFTER_NOW": NOW.isoformat(), "NO_COLOR": "1"}


def pdf_bomb(path: Path, repeats: int = 2_000_000) -> Path:
    """A one-page PDF of about half a megabyte whose content stream inflates to `repeats` × 80 bytes of
    text-showing operators (160 MB by default): what an organiser's page could link to."""
    import zlib

    content = b"BT /F1 12 Tf 72 712 Td (" + b"Hello world " * 4 + b") Tj ET\n"
    stream = zlib.compress(content * repeats, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(pdf)
    return path
