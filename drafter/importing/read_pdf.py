"""PDF, with pdfminer.six (MIT): lines with their font size and weight, grouped into paragraphs.

Chosen by measured extraction quality on PDFs that LibreOffice made from DOCX files (a 25-paragraph
PP/OP zero draft of 3 pages with a footer, the same with hyphenation on, and a 17-item questionnaire
with a two-level Word list and a table). Share of the source's paragraphs recovered exactly:
  pypdf 7.1 extract_text, lines joined:           0.72 / 0.72 / 0.94   (footer text inside paragraphs)
  pypdf 7.1 extraction_mode="layout":             0.84 / 0.84 / 1.00
  pdfminer.six 20260107 text boxes as given:      0.00 / 0.00 / 0.00   (a box per justified line; list
                                                                        numbers in boxes of their own)
  both, with this module's line grouping, header/footer removal and page-break joining:
  pdfminer.six 0.96 / 0.96 / 1.00 — pypdf 0.96 / 0.96 / 0.94 (a table's number and question apart)
Reading order (paragraphs in order) 1.00, labels kept ("PP3", "OP14", "1.", "(a)") 1.00 and words
hyphenated at a line's end kept whole 1.00 for both with that post-processing. pdfminer.six wins on
what pypdf's text does not give: each character's font size and weight, which mark headings (the
remaining 0.04 was a heading run into the paragraph above it) and table rows (a number cell and its
question on one baseline). PyMuPDF was not measured: it is AGPL-licensed, which drafter (MIT) avoids.

Invariant: a PDF is hostile input, and pdfminer.six has no bound of its own (a 0.5 MB file whose
content stream inflates to 160 MB ran past 40 s and 4.5 GB of memory), so the pages are read in a
child process (`python -m drafter.importing.read_pdf`, the rows back as JSON) under a memory cap
(MAX_PDF_MEMORY, where the system allows one) and a time bound (PDF_SECONDS), killed when the time
is passed; the reader's failure is one ImportFailure naming the file, as for any other format.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from .labels import split_label
from .source import MAX_PDF_PAGES, ImportFailure, Source, SourceLine, add_line

PDF_SECONDS = 60.0
"""The longest reading a PDF's pages may take (pdfminer.six reads a few pages a second of an
ordinary questionnaire: MAX_PDF_PAGES of them fit)."""
MAX_PDF_MEMORY = 1 << 30
"""The most address space the child reading a PDF may take (1 GiB)."""

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class _Row:
    page: int
    top: float
    bottom: float
    x0: float
    text: str
    size: float
    bold: bool


def _rows(raw: bytes, name: str) -> list[list[_Row]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    pages: list[list[_Row]] = []
    for n, page in enumerate(extract_pages(io.BytesIO(raw), laparams=LAParams(), maxpages=MAX_PDF_PAGES + 1)):
        if n >= MAX_PDF_PAGES:
            raise ImportFailure(f"{name}: more than {MAX_PDF_PAGES} pages: not a questionnaire drafter can import")
        rows: list[_Row] = []
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if not isinstance(line, LTTextLine):
                    continue
                text = line.get_text().strip()
                if not text:
                    continue
                chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                sizes = Counter(round(c.size, 1) for c in chars)
                size = sizes.most_common(1)[0][0] if sizes else 0.0
                bold = bool(chars) and sum(1 for c in chars if _BOLD.search(c.fontname or "")) >= 0.9 * len(chars)
                rows.append(_Row(n, line.y1, line.y0, line.x0, text, size, bold))
        rows.sort(key=lambda r: (-round(r.top), r.x0))
        merged: list[_Row] = []
        for r in rows:  # a list number and its text, or a table row's cells, on one baseline
            if merged and abs(merged[-1].top - r.top) < 3:
                last = merged[-1]
                last.text += " " + r.text
                last.bold = last.bold and r.bold
                last.size = max(last.size, r.size)
            else:
                merged.append(r)
        pages.append(merged)
    return pages


def _child_main() -> None:
    """`python -m drafter.importing.read_pdf MEMORY NAME`, the PDF on stdin: cap this process's memory,
    read the pages, write {"ok": rows} or {"failure" | "error": message} or {"memory": true} as JSON
    on stdout. The answer is written once the failure and its frames are gone, and the one for memory
    is made before any can run out."""
    import json
    import os
    import sys
    from dataclasses import astuple

    out_of_memory = b'{"memory": true}'
    memory, name = int(sys.argv[1]), sys.argv[2]
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # no such limit here: the time bound still holds
        pass
    answer: bytes = out_of_memory
    try:
        pages = _rows(sys.stdin.buffer.read(), name)
        answer = json.dumps({"ok": [[astuple(r) for r in page] for page in pages]}).encode()
    except ImportFailure as exc:
        answer = json.dumps({"failure": str(exc)}).encode()
    except MemoryError:
        answer = out_of_memory
    except RecursionError:
        answer = json.dumps({"failure": f"{name}: nested too deeply to read"}).encode()
    except Exception as exc:  # a broken file: the parent names it, as for other formats
        answer = json.dumps({"error": f"{type(exc).__name__}: {str(exc)[:200]}"}).encode()
    view = memoryview(answer)
    while view:
        view = view[os.write(1, view):]


def bounded_rows(raw: bytes, name: str) -> list[list[_Row]]:
    """`_rows` in a child process under PDF_SECONDS and MAX_PDF_MEMORY (see the module's invariant):
    a plain subprocess of this Python (argument list, no shell, its stderr discarded), as for git and
    LibreOffice, so nothing of the parent (the UI's threads and captured streams) goes with it."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])  # the folder drafter is imported from
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "drafter.importing.read_pdf", str(MAX_PDF_MEMORY), name],
            input=raw, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=PDF_SECONDS, env=env, check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed it
        raise ImportFailure(f"{name}: reading the PDF took longer than {PDF_SECONDS:.0f} s: refused (a file made to hang readers?)") from None
    try:
        answer = json.loads(done.stdout)
        if not isinstance(answer, dict):
            raise ValueError("not an answer")
    except ValueError:  # it died without a word: most often its memory ran out where no handler could run
        raise ImportFailure(f"{name}: the PDF reader ended without an answer (exit code {done.returncode}; its memory is capped at "
                            f"{MAX_PDF_MEMORY >> 20} MB): refused (a file made to exhaust readers?)") from None
    if "ok" in answer:
        return [[_Row(*row) for row in page] for page in answer["ok"]]
    if answer.get("memory"):
        raise ImportFailure(f"{name}: reading the PDF needed more than {MAX_PDF_MEMORY >> 20} MB of memory: refused (a file made to exhaust readers?)")
    if "failure" in answer:
        raise ImportFailure(str(answer["failure"]))
    raise ImportFailure(f"{name}: cannot read this PDF file ({answer.get('error')})")


def _edge_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def pdf_lines(raw: bytes, name: str) -> Source:
    pages = bounded_rows(raw, name)
    # running heads and feet: the first or last line of a page, repeated (numbers aside) on others
    edges = Counter(_edge_key(r.text) for p in pages for r in (p[:1] + p[-1:]))
    rows: list[_Row] = []
    for p in pages:
        for j, r in enumerate(p):
            if len(pages) > 1 and j in (0, len(p) - 1) and edges[_edge_key(r.text)] >= 2:
                continue
            rows.append(r)
    sizes: Counter[float] = Counter()
    for r in rows:
        sizes[r.size] += len(r.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    heading_sizes = sorted({r.size for r in rows if body and r.size >= body * 1.15}, reverse=True)
    vocabulary = {w.lower() for r in rows for w in re.findall(r"[\w-]+", r.text)}
    source = Source(name, "pdf")
    current: list[str] = []
    current_row: _Row | None = None

    def flush() -> None:
        nonlocal current, current_row
        if current and current_row is not None:
            level = heading_sizes.index(current_row.size) + 1 if current_row.size in heading_sizes else None
            add_line(source.lines, SourceLine(" ".join(current), heading=level, bold=current_row.bold), name)
        current, current_row = [], None

    prev: _Row | None = None
    for r in rows:
        new = prev is None or current_row is None
        if prev is not None and not new:
            height = max(prev.top - prev.bottom, 1.0)
            if r.page != prev.page:
                ended = prev.text.rstrip().endswith((".", ";", ":", "?", "!"))
                new = ended or split_label(r.text)[0] is not None or r.size != prev.size
            else:
                new = (prev.bottom - r.top) > 0.6 * height or split_label(r.text)[0] is not None
            new = new or r.size != current_row.size or r.bold != current_row.bold  # type: ignore[union-attr]
        if new:
            flush()
            current_row = r
            current = [r.text]
        elif current and current[-1].endswith("-") and not current[-1].endswith(" -"):
            head = re.search(r"(\w+)-$", current[-1])
            tail = re.match(r"(\w+)", r.text)
            if head and tail and (head.group(1) + tail.group(1)).lower() in vocabulary \
                    and f"{head.group(1)}-{tail.group(1)}".lower() not in vocabulary:
                current[-1] = current[-1][:-1] + r.text  # a word broken by hyphenation
            else:
                current[-1] = current[-1] + r.text  # a hyphenated word ("multi-stakeholder") kept whole
        else:
            current.append(r.text)
        prev = r
    flush()
    return source


if __name__ == "__main__":
    _child_main()
