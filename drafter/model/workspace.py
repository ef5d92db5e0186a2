"""`drafter.yaml`: the libraries a workspace uses and where it keeps its files."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import NAMESPACE_PATTERN, Strict
from .draft import Respondent


class LibraryRef(Strict):
    """A library used by the workspace."""

    path: str
    """Folder of the library (relative to the workspace)."""
    namespace: Annotated[str, Field(pattern=NAMESPACE_PATTERN)] | None = None
    """Namespace override; default from the library's `library.yaml`."""
    source: str | None = None
    """Git URL the library was cloned from (`drafter library add`)."""
    ref: str | None = None
    """Branch or tag followed."""
    commit: str | None = None
    """Commit last synced."""


class WorkspaceConfig(Strict):
    """`drafter.yaml`: where a workspace keeps its files."""

    libraries: list[LibraryRef] = [LibraryRef(path="positions")]
    """Libraries, each a folder with `library.yaml`."""
    consultations: list[str] = ["consultations"]
    """Folders of consultation files."""
    templates: list[str] = ["templates"]
    """Folders of DOCX templates."""
    drafts: str = "drafts"
    """Folder of drafts."""
    respondent: Respondent | None = None
    """The user's own respondent profile, copied into each new draft."""
    words: list[str] = []
    """Accepted spellings for this workspace (names, acronyms, terms of art)."""
