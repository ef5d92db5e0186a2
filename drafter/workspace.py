"""Find and open a workspace: `drafter.yaml` (or the default folders) plus the bundled sample.

Invariant: paths are passed in, never taken from the current folder inside the core (a front door
that wants paths printed relative to where the user stands passes that folder as `display_base`);
a workspace without `drafter.yaml` uses `positions/`, `consultations/`, `templates/` and `drafts/`.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from .findings import Finding
from .model import LibraryRef, WorkspaceConfig
from .yamlio import Loaded, read_yaml, validate

SCHEMA_LINE = "# yaml-language-server: $schema={}\n"
"""The first line of a file drafter writes: the JSON Schema an editor completes it with."""


def schema_line(schema: Path | None, folder: Path) -> str:
    """The schema line for a file written in `folder`, naming `schema` relative to it ('' when there
    is no such schema file)."""
    if schema is None or not schema.exists():
        return ""
    return SCHEMA_LINE.format(os.path.relpath(schema, folder.resolve()))

CONFIG_NAME = "drafter.yaml"
STATE_DIR = ".drafter"
SAMPLE_PARTS = ("positions", "consultations", "drafts", ".drafter/pins")


def bundled_path(*parts: str) -> Path:
    """A bundled resource: inside the installed package, or the repo's top level in a dev install."""
    packaged = Path(str(resources.files("drafter"))).joinpath("_bundled", *parts)
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parent.parent.joinpath(*parts)


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding `drafter.yaml`; else the nearest one holding
    a default `consultations/` or `positions/` folder; else `start` itself."""
    start = start.resolve()
    chain = (start, *start.parents)
    for folder in chain:
        if (folder / CONFIG_NAME).is_file():
            return folder
    for folder in chain:
        if (folder / "consultations").is_dir() or (folder / "positions").is_dir():
            return folder
    return start


@dataclass
class Workspace:
    """A folder a user works in, with its configuration."""

    root: Path
    config: WorkspaceConfig = field(default_factory=WorkspaceConfig)
    findings: list[Finding] = field(default_factory=list)
    config_loaded: Loaded | None = None
    display_base: Path | None = None
    """Paths are printed relative to this folder when inside it (the CLI passes the current folder,
    so a terminal can open them), else relative to the workspace."""

    @classmethod
    def open(cls, root: Path, *, display_base: Path | None = None) -> Workspace:
        root = root.resolve()
        base = display_base.resolve() if display_base is not None else None
        path = root / CONFIG_NAME
        if not path.is_file():
            return cls(root=root, display_base=base)
        loaded = read_yaml(path, display=display_path(path, root, base))
        findings = list(loaded.findings)
        config = None
        if not findings:
            config, schema = validate(loaded, WorkspaceConfig)
            findings += schema
        return cls(root=root, config=config or WorkspaceConfig(), findings=findings, config_loaded=loaded, display_base=base)

    @classmethod
    def for_library(cls, root: Path, *, display_base: Path | None = None) -> Workspace:
        """A library repository checked on its own (`drafter lint LIBRARY`): the folder is the one
        library; there are no consultations and no drafts."""
        config = WorkspaceConfig(libraries=[LibraryRef(path=".")], consultations=[], templates=[], drafts=f"{STATE_DIR}/no-drafts")
        return cls(root=root.resolve(), config=config, display_base=display_base.resolve() if display_base else None)

    @property
    def exists(self) -> bool:
        """True when the folder looks like a workspace (config or a library/consultations folder)."""
        return (self.root / CONFIG_NAME).is_file() or any(
            p.is_dir() for p in (self.library_dirs()[0][1], *self.consultation_dirs())
        )

    def resolve(self, rel: str) -> Path:
        p = Path(rel).expanduser()
        return p if p.is_absolute() else self.root / p

    def library_dirs(self) -> list[tuple[LibraryRef, Path]]:
        return [(ref, self.resolve(ref.path)) for ref in self.config.libraries]

    def consultation_dirs(self) -> list[Path]:
        return [self.resolve(p) for p in self.config.consultations]

    def template_dirs(self) -> list[Path]:
        return [self.resolve(p) for p in self.config.templates]

    @property
    def drafts_dir(self) -> Path:
        return self.resolve(self.config.drafts)

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def schema_line(self, kind: str, folder: Path) -> str:
        """The schema line of a `kind` file written in `folder`, naming the workspace's shipped schema
        ('' when the workspace has none)."""
        return schema_line(self.state_dir / "schema" / f"{kind}.json", folder)

    @cached_property
    def cache_dir(self) -> Path:
        return self.state_dir / "cache"

    def display(self, path: Path) -> str:
        return display_path(path, self.root, self.display_base)


def display_path(path: Path, root: Path | None = None, base: Path | None = None) -> str:
    """A path as findings print it: relative to `base` (the command line's current folder) when
    inside it, else absolute, so that it can be opened from where the command ran; without `base`
    (the UI), relative to the workspace `root` when inside it, else absolute."""
    path = Path(path)
    folder = base if base is not None else root
    if folder is not None:
        # the path as given (a link inside is named as the link), then the file it leads to
        for candidate in (Path(os.path.abspath(path)), path.resolve()):
            try:
                return str(candidate.relative_to(folder.resolve()))
            except ValueError:
                continue
    return os.path.abspath(path) if base is not None else str(path)


def copy_sample(dest: Path) -> list[Path]:
    """Copy the bundled sample (library, consultation, drafts) into `dest`; never overwrites a file."""
    written: list[Path] = []
    for part in SAMPLE_PARTS:
        src = bundled_path(part)
        for file in sorted(src.rglob("*")):
            if not file.is_file() or "__pycache__" in file.parts:
                continue
            target = dest / part / file.relative_to(src)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
            written.append(target)
    return written
