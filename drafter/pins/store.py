"""Pinned versions kept content-addressed in the workspace (`.drafter/pins/<hash>.json`).

Invariant: a pin file's name is the pin hash of its content, so it is written once and never
changes; when a copy is missing, the library's git history is searched for the pinned version.
"""

from __future__ import annotations

import json
from pathlib import Path

from ruamel.yaml import YAML

from ..gitcmd import file_versions, git, GitError
from ..model import Block
from .hash import canonical_content, pin_hash
from ..yamlio import atomic_write_text

PINS_DIR = "pins"


def pins_dir(state_dir: Path) -> Path:
    return state_dir / PINS_DIR


def store(state_dir: Path, block: Block) -> str:
    """Keep a copy of this version of the block; returns its pin hash."""
    pin = pin_hash(block)
    path = pins_dir(state_dir) / f"{pin}.json"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, canonical_content(block) + "\n")
    return pin


def content_text(content: dict) -> str:
    """The text a person compares: body, then short, then sources."""
    parts = [content.get("body") or ""]
    if content.get("short"):
        parts += ["", "--- short ---", content["short"]]
    if content.get("sources"):
        parts += ["", "--- sources ---"] + [f"{s.get('title')} <{s.get('url') or ''}>" for s in content["sources"]]
    return "\n".join(p.rstrip("\n") for p in parts) + "\n"


def block_text(block: Block) -> str:
    return content_text(json.loads(canonical_content(block)))


def find_pinned(state_dir: Path, pin: str, *, library_root: Path | None = None, block_path: Path | None = None) -> tuple[str | None, str]:
    """The pinned version's text and where it came from ("pin store", "git history"), or (None, why)."""
    path = pins_dir(state_dir) / f"{pin}.json"
    if path.is_file():
        try:
            return content_text(json.loads(path.read_text(encoding="utf-8"))), "pin store"
        except (OSError, ValueError):
            pass
    if library_root is not None and block_path is not None and (library_root / ".git").exists():
        try:
            top = Path(git("rev-parse", "--show-toplevel", cwd=library_root).strip())
        except GitError:
            top = None
        if top is not None:
            rel = str(block_path.resolve().relative_to(top.resolve()))
            yaml = YAML(typ="safe", pure=True)
            for text in file_versions(top, rel):
                try:
                    old = Block.model_validate(yaml.load(text))
                except Exception:  # an old version that no longer validates: skip it
                    continue
                if pin_hash(old) == pin:
                    store(state_dir, old)
                    return block_text(old), "git history"
        return None, "no copy in .drafter/pins and no version in the library's git history has this hash"
    return None, "no copy in .drafter/pins (and the library is not a git clone)"
