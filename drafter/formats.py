"""The output formats a submission renders to, and the file suffix of each."""

from __future__ import annotations

FORMATS: tuple[str, ...] = ("docx", "md", "txt", "pdf", "eml")
SUFFIX: dict[str, str] = {"docx": ".docx", "md": ".md", "txt": ".txt", "pdf": ".pdf", "eml": ".eml"}
"""The file suffix of each format (default output names, and the format an `-o` name implies)."""
