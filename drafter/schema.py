"""JSON Schema of each file kind (`drafter schema`), from the pydantic models' docstrings."""

from __future__ import annotations

import json
from pathlib import Path

from .model import KINDS
from .yamlio import atomic_write_text


def schemas() -> dict[str, dict]:
    out = {}
    for kind, model in KINDS.items():
        doc = model.model_json_schema()
        doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        doc.setdefault("title", model.__name__)
        out[kind] = doc
    return out


def write_schemas(folder: Path, kinds: list[str] | None = None) -> list[Path]:
    """Write `<kind>.json` files (for the `# yaml-language-server: $schema=` lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, doc in schemas().items():
        if kinds and kind not in kinds:
            continue
        path = folder / f"{kind}.json"
        atomic_write_text(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    return written
