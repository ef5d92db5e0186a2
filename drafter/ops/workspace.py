"""Workspace use cases: the demo workspace, finding a consultation, starting a draft.

Invariant: a new draft never overwrites a file and starts from the workspace's respondent profile;
the demo is a fresh copy of the bundled sample in its own folder, so the package and the user's
workspaces are never touched.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from ..consultation import LoadedConsultation, load_consultation
from ..init import init_workspace
from ..loaded import LoadedWorkspace

DEMO_DRAFT = Path("drafts") / "example-response.yaml"


def make_demo(parent: Path | None = None) -> tuple[Path, Path]:
    """A fresh copy of the bundled sample in a new temporary folder: (folder, the draft to open)."""
    folder = Path(tempfile.mkdtemp(prefix="drafter-demo-", dir=parent))
    init_workspace(folder, sample=True)
    return folder, folder / DEMO_DRAFT


class ConsultationNotFound(LookupError):
    """No usable consultation by that id or file; the message says which exist or what is wrong."""

    def __init__(self, message: str, findings: list | None = None):
        super().__init__(message)
        self.findings = findings or []


def find_consultation(lw: LoadedWorkspace, ref: str) -> LoadedConsultation:
    """The consultation `ref` names: a `.yaml` file, or an id in the workspace."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        loaded = load_consultation(path, display=lw.ws.display)
        if loaded.model is None:
            raise ConsultationNotFound(f"{ref}: not a usable consultation", loaded.findings)
        return loaded
    known = lw.consultations.get(ref)
    if known is None or known.model is None:
        ids = ", ".join(sorted(lw.consultations)) or "none found"
        raise ConsultationNotFound(f"no consultation '{ref}' in this workspace (known: {ids})")
    return known


def new_draft(lw: LoadedWorkspace, consultation: LoadedConsultation, today: dt.date, *, out: Path | None = None) -> Path:
    """Write a new draft for `consultation` (at `out`, or a free name in the drafts folder), its
    respondent filled as `drafts.write_new_draft` fills it; returns its path. FileExistsError when
    `out` exists."""
    from .drafts import write_new_draft

    return write_new_draft(lw, consultation, today, out).path
