"""Which reader reads a source: by the file's suffix (or "-": text from stdin)."""

from __future__ import annotations

from pathlib import Path

from .source import FORMATS, MAX_FILE_BYTES, ImportFailure, Source, decode_text, read_capped, source_format


def read_any(source: str | Path, *, stdin_text: str | None = None) -> Source:
    if str(source) == "-":
        text = stdin_text or ""
        if len(text) > MAX_FILE_BYTES:
            raise ImportFailure(f"<stdin>: more than {MAX_FILE_BYTES // 1048576} MB of text")
        from .read_text import text_lines

        return _nonempty(text_lines(text, "<stdin>"))
    path = Path(source)
    fmt = source_format(path)
    if fmt not in FORMATS:
        raise ImportFailure(f"{path}: cannot import a '{path.suffix or 'suffix-less'}' file (use .docx, .html, .md, .txt or .pdf)")
    raw = read_capped(path)
    name = str(path)
    try:
        if fmt == "txt":
            from .read_text import text_lines

            return _nonempty(text_lines(decode_text(raw, name), name))
        if fmt == "md":
            from .read_md import md_lines

            return _nonempty(md_lines(decode_text(raw, name), name))
        if fmt == "html":
            from .read_html import html_lines

            return _nonempty(html_lines(raw, name))
        if fmt == "docx":
            from .read_docx import docx_lines

            return _nonempty(docx_lines(path, raw, name))
        from .read_pdf import pdf_lines

        return _nonempty(pdf_lines(raw, name))
    except ImportFailure:
        raise
    except RecursionError:
        raise ImportFailure(f"{name}: nested too deeply to read") from None
    except Exception as exc:  # a library's failure on a broken file: one line naming the file
        raise ImportFailure(f"{name}: cannot read this {fmt.upper()} file ({type(exc).__name__}: {str(exc)[:200]})") from None


def _nonempty(source: Source) -> Source:
    if not source.lines:
        raise ImportFailure(f"{source.name}: no text found")
    return source
