"""A loaded workspace: its libraries, consultations and drafts, ready to compose and check.

Invariant: this is where file loading meets the pure checks; everything below it takes data in and
gives findings out, and nothing here reads the clock (callers pass `now`). Consultations are the
workspace's own, then those each library carries in its `consultations/` folder (the workspace's
own win a shared id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .consultation import LoadedConsultation, load_consultations, theme_findings
from .draft import LoadedDraft, load_draft
from .findings import Finding
from .library import LibraryIndex, load_index
from .workspace import Workspace


@dataclass
class LoadedWorkspace:
    """Everything a command or the UI needs from a workspace, loaded once."""

    ws: Workspace
    index: LibraryIndex
    consultations: dict[str, LoadedConsultation]
    consultation_findings: list[Finding] = field(default_factory=list)
    """Consultation files that do not load or are malformed (the workspace's and the libraries')."""

    @classmethod
    def load(cls, ws: Workspace, *, cache: bool = True) -> LoadedWorkspace:
        index = load_index(ws.library_dirs(), display=ws.display, cache_dir=ws.cache_dir if cache else None)
        carried = [(lib.namespace, lib.root) for lib in index.libraries]  # each library's consultations/, after the workspace's own
        consultations, cfindings = load_consultations(ws.consultation_dirs(), display=ws.display, libraries=carried)
        return cls(ws=ws, index=index, consultations=consultations, consultation_findings=cfindings)

    @property
    def load_findings(self) -> list[Finding]:
        """Problems in the workspace's own files: config, libraries, consultations (their question
        themes against the libraries' vocabulary included — `lint` reads this; `check` does not)."""
        vocabulary = set(self.index.themes)
        themes = [f for lc in self.consultations.values() for f in theme_findings(lc, vocabulary)]
        return [*self.ws.findings, *self.index.findings, *self.consultation_findings, *themes]

    def draft(self, path: Path) -> LoadedDraft:
        return load_draft(path, display=self.ws.display)

    def draft_paths(self) -> list[Path]:
        folder = self.ws.drafts_dir
        return sorted(folder.rglob("*.yaml")) if folder.is_dir() else []
