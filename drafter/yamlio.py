"""YAML in and out: fast safe loading with exact error positions, round-trip editing, atomic writes.

Invariant: reading never raises for bad input — every problem becomes a `Finding` naming file, line
and column (1-based); writing goes through a temporary file in the target folder and `os.replace`,
so a failed write leaves the previous file untouched.

INTERFACE STUB — implemented by the yamlio work package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from .findings import Finding

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


@dataclass
class Loaded:
    """A YAML file read with the fast safe loader: plain data, or findings saying why not."""

    path: Path
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None

    def position(self, loc: Loc, *, key: bool = True) -> tuple[int, int] | None:
        """1-based (line, column) of the key (or value) at `loc`; nearest existing parent if absent."""
        raise NotImplementedError


def read_yaml(path: Path, *, display: str | None = None) -> Loaded:
    """Read one YAML file; syntax, encoding, emptiness, duplicate keys, tabs, bombs become findings."""
    raise NotImplementedError


def validate(loaded: Loaded, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate loaded data against a model; each pydantic error is a `schema` finding at its key."""
    raise NotImplementedError


def load_model(path: Path, model: type[M], *, display: str | None = None) -> tuple[M | None, list[Finding]]:
    """read_yaml + validate."""
    raise NotImplementedError


def load_roundtrip(path: Path) -> Any:
    """Load for editing (ruamel round-trip: comments, order, quoting kept)."""
    raise NotImplementedError


def dump_roundtrip(data: Any, path: Path) -> None:
    """Write round-trip data atomically (indent mapping=2, sequence=4, offset=2; long text as block scalars)."""
    raise NotImplementedError


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, fsync, then os.replace."""
    raise NotImplementedError


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
