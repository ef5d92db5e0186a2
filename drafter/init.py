"""`drafter init`: a workspace with drafter.yaml, the default folders and editor schemas."""

from __future__ import annotations

from pathlib import Path

from .schema import write_schemas
from .workspace import CONFIG_NAME, STATE_DIR, copy_sample
from .yamlio import atomic_write_text

CONFIG_TEXT = """\
# yaml-language-server: $schema=.drafter/schema/workspace.json
# drafter workspace: where this folder keeps its libraries, consultations, templates and drafts.
# Paths are relative to this file. Add shared libraries with `drafter library add URL`.
libraries:
  - path: positions
consultations:
  - consultations
templates:
  - templates
drafts: drafts
"""

GITIGNORE_TEXT = "# drafter's parse cache and unsaved-edit recovery files: never commit\ncache/\nrecovery/\n"


def init_workspace(folder: Path, *, sample: bool = False) -> list[Path]:
    """Create (or complete) a workspace; existing files are never overwritten."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    config = folder / CONFIG_NAME
    if not config.exists():
        atomic_write_text(config, CONFIG_TEXT)
        written.append(config)
    for name in ("positions", "consultations", "templates", "drafts"):
        (folder / name).mkdir(exist_ok=True)
    state = folder / STATE_DIR
    written += write_schemas(state / "schema")
    ignore = state / ".gitignore"
    if not ignore.exists():
        atomic_write_text(ignore, GITIGNORE_TEXT)
        written.append(ignore)
    if sample:
        written += copy_sample(folder)
    return written
