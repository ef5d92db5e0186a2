"""Pinned versions kept content-addressed in the workspace (`.drafter/pins/<hash>.json`; a
document paragraph a comment is pinned to, `.drafter/pins/<hash>.txt`).

Invariant: a pin file's name is the pin hash of its content, so it is written once and never
changes; when a copy is missing, the library's git history is searched for the pinned version.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ruamel.yaml import YAML

from ..gitcmd import GitError, file_versions, git
from ..model import Block
from ..yamlio import atomic_write_text
from .hash import PIN_LENGTH, canonical_content, pin_hash, text_pin

PINS_DIR = "pins"


def pins_dir(state_dir: Path) -> Path:
    return state_dir / PINS_DIR


def store(state_dir: Path, block: Block, language: str | None = None) -> str:
    """Keep a copy of this version of the block (in `language`: see `canonical_content`); returns its pin hash."""
    pin = pin_hash(block, language)
    _keep(pins_dir(state_dir) / f"{pin}.json", canonical_content(block, language) + "\n")
    return pin


def _keep(path: Path, content: str) -> None:
    """Write a content-addressed copy once (its name is its hash: an existing one is the same)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, content)


def content_text(content: dict) -> str:
    """The text a person compares: body, then short, then sources."""
    parts = [content.get("body") or ""]
    if content.get("short"):
        parts += ["", "--- short ---", content["short"]]
    if content.get("sources"):
        parts += ["", "--- sources ---"] + [f"{s.get('title')} <{s.get('url') or ''}>" for s in content["sources"]]
    return "\n".join(p.rstrip("\n") for p in parts) + "\n"


def comparable_text(block: Block, language: str | None = None) -> str:
    """The block's content (in `language`) as a person compares two versions of it (see `content_text`)."""
    return content_text(json.loads(canonical_content(block, language)))


def _verified(path: Path, pin: str) -> dict | None:
    """The content of a pin file, when it is a mapping of the expected shape whose hash is its name
    (a forged or damaged copy is ignored, so a diff never shows text that was not pinned)."""
    try:
        raw = path.read_bytes()
        if len(raw) > 4 * 1024 * 1024:
            return None
        content = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict) or not isinstance(content.get("body"), str):
        return None
    if not isinstance(content.get("short"), (str, type(None))) or not isinstance(content.get("sources", []), list):
        return None
    if not all(isinstance(s, dict) for s in content.get("sources") or []):
        return None
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return content if hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:PIN_LENGTH] == pin else None


def find_pinned(
    state_dir: Path, pin: str, *, library_root: Path | None = None, block_path: Path | None = None, language: str | None = None
) -> tuple[str | None, str]:
    """The pinned version's text and where it came from ("pin store", "git history"), or (None, why)."""
    path = pins_dir(state_dir) / f"{pin}.json"
    if path.is_file():
        content = _verified(path, pin)
        if content is not None:
            return content_text(content), "pin store"
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
                if pin_hash(old, language) == pin:
                    store(state_dir, old, language)
                    return comparable_text(old, language), "git history"
        return None, "no copy in .drafter/pins and no version in the library's git history has this hash"
    return None, "no copy in .drafter/pins (and the library is not a git clone)"


def store_text(state_dir: Path, text: str) -> str:
    """Keep a copy of a text (a document paragraph a comment is pinned to); returns its `text_pin`."""
    pin = text_pin(text)
    _keep(pins_dir(state_dir) / f"{pin}.txt", text)
    return pin


def find_text(state_dir: Path, pin: str) -> str | None:
    """The text kept under `pin`, when its hash is its name (a forged or damaged copy is ignored)."""
    path = pins_dir(state_dir) / f"{pin}.txt"
    try:
        if not path.is_file() or path.stat().st_size > 4 * 1024 * 1024:
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, ValueError):
        return None
    return text if text_pin(text) == pin else None
