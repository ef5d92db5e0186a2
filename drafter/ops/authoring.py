"""Writing a workspace's own library from fields: its `library.yaml`, and a block in it.

What a form in the UI (or any other front door) collects is checked here, field by field
(`fields`), and then as a whole through the same pydantic models `drafter lint` reads the files
with; a problem is an `InvalidFields` naming the field, and nothing is written until every field is
valid. Files are written atomically and never over an existing one. (A new consultation is written
the same way, by `consultation_spec`.)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..init import OWN_LIBRARY, list_own_library
from ..library import LIBRARY_FILE
from ..loaded import LoadedWorkspace
from ..model import Block, Library
from ..workspace import CONFIG_NAME, Workspace
from ..yamlio import atomic_write_text, dumps_roundtrip, to_block_scalar
from .fields import InvalidFields, id_problem, model_errors, namespace_problem, parse_sources, split_list

BLOCKS_DIR = "blocks"
# --------------------------------------------------------------------------- the workspace's own library


@dataclass
class OwnLibrary:
    """What `make_own_library` did: the file written, and whether drafter.yaml now lists it."""

    path: Path
    listed: bool


def theme_entries(themes: list[str]) -> list[dict[str, str]]:
    """Themes as typed (labels or ids) → `{id, label}` entries: `DNS abuse` → `dns-abuse`."""
    out: list[dict[str, str]] = []
    for text in themes:
        tid = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        label = text.replace("-", " ").capitalize() if id_problem(text) is None else text
        if tid and tid not in {t["id"] for t in out}:
            out.append({"id": tid, "label": label})
    return out


def own_library_exists(ws: Workspace) -> bool:
    return (ws.root / OWN_LIBRARY / LIBRARY_FILE).is_file()


def make_own_library(lw: LoadedWorkspace, name: str, namespace: str, themes: list[str], description: str = "") -> OwnLibrary:
    """Make `positions/` the workspace's own library: write `positions/library.yaml` (name, namespace,
    themes), make `positions/blocks/`, and list `- path: positions` in drafter.yaml (comments kept)."""
    ws = lw.ws
    root = ws.root / OWN_LIBRARY
    if own_library_exists(ws):
        raise InvalidFields({"name": f"this workspace already has its own library ({OWN_LIBRARY}/{LIBRARY_FILE})"})
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "required"
    if problem := namespace_problem(namespace):
        errors["namespace"] = problem
    elif namespace in {lib.namespace for lib in lw.index.libraries}:
        errors["namespace"] = f"'{namespace}' is already the namespace of another library here"
    entries = theme_entries(themes)
    if not entries:
        errors["themes"] = "at least one theme: every block names one or more (e.g. Open standards, DNS abuse)"
    data: dict[str, Any] = {"name": name.strip(), "namespace": namespace}
    if description.strip():
        data["description"] = description.strip()
    data["themes"] = entries
    if not errors:
        try:
            Library.model_validate(data)
        except ValidationError as exc:
            errors.update(model_errors(exc))
    if errors:
        raise InvalidFields(errors)
    doc = CommentedMap()
    for key, value in data.items():
        doc[key] = to_block_scalar(value) if isinstance(value, str) else value
    doc["themes"] = CommentedSeq(CommentedMap(t) for t in entries)
    head = ws.schema_line("library", root) + "# This workspace's own positions: blocks in blocks/, one file each.\n"
    root.mkdir(parents=True, exist_ok=True)
    atomic_write_text(root / LIBRARY_FILE, head + dumps_roundtrip(doc))
    (root / BLOCKS_DIR).mkdir(exist_ok=True)
    config = ws.root / CONFIG_NAME
    listed = list_own_library(config) if config.is_file() else True
    if config.is_file() and not listed:  # already listed (or the default `positions` applies)
        listed = any(Path(ref.path) == Path(OWN_LIBRARY) for ref in ws.config.libraries)
    return OwnLibrary(root / LIBRARY_FILE, listed)


# --------------------------------------------------------------------------- a block


def block_problems(lw: LoadedWorkspace, namespace: str, block_id: str) -> dict[str, str]:
    """Why a new block `block_id` cannot go into library `namespace` (empty: it can)."""
    errors: dict[str, str] = {}
    lib = next((lib for lib in lw.index.libraries if lib.namespace == namespace), None)
    if lib is None or lib.meta is None:
        errors["library"] = "choose a library (it needs its library.yaml)"
    if problem := id_problem(block_id):
        errors["id"] = problem
    elif lib is not None:
        if block_id in lib.blocks:
            errors["id"] = f"'{block_id}' is already a block of this library ({lw.ws.display(lib.path(block_id))})"
        elif (lib.root / BLOCKS_DIR / f"{block_id}.yaml").exists():
            errors["id"] = f"{lw.ws.display(lib.root / BLOCKS_DIR / f'{block_id}.yaml')} already exists"
        else:
            other = next((o for o in lw.index.libraries if o is not lib and block_id in o.blocks), None)
            if other is not None:
                errors["id"] = f"'{block_id}' is a block of library '{other.namespace}' too; choose an id of its own"
    return errors


def block_details(values: dict[str, Any]) -> dict[str, Any]:
    """The block form's optional details as `new_block` takes them: summary, tags (typed on one line,
    comma-separated) and sources (one per line)."""
    return {"summary": values.get("summary") or "", "tags": split_list(values.get("tags") or ""), "sources": values.get("sources") or ""}


def new_block(
    lw: LoadedWorkspace,
    namespace: str,
    *,
    block_id: str,
    title: str,
    themes: list[str],
    body: str,
    today: dt.date,
    short: str = "",
    owner: str = "",
    review_every_days: int | None = None,
    language: str | None = None,
    summary: str = "",
    tags: list[str] | None = None,
    sources: str = "",
) -> Path:
    """Write `<library>/blocks/<id>.yaml`, reviewed today; refuses an id the library (or another) has.
    `language`: the language its text is written in, when not the default `en`; `summary`, `tags` and
    `sources` (typed one per line, see `fields.parse_sources`) as the block form takes them."""
    errors = block_problems(lw, namespace, block_id)
    if not title.strip():
        errors["title"] = "required"
    if not themes:
        errors["themes"] = "choose at least one theme"
    else:
        unknown = [t for t in themes if t not in lw.index.themes]
        if unknown:
            errors["themes"] = f"not in the vocabulary: {', '.join(unknown)}"
    if not body.strip():
        errors["body"] = "required: the position, in Markdown"
    data: dict[str, Any] = {"id": block_id, "title": title.strip()}
    if summary.strip():
        data["summary"] = summary.strip() + "\n"
    data["themes"] = list(themes)
    if tags:
        data["tags"] = list(dict.fromkeys(tags))
    data["body"] = body.strip() + "\n"
    if short.strip():
        data["short"] = short.strip() + "\n"
    try:
        cited = parse_sources(sources)
    except ValueError as exc:
        errors["sources"] = str(exc)
    else:
        if cited:
            data["sources"] = [{"title": t, "url": u} if u else {"title": t} for t, u in cited]
    if owner.strip():
        data["owner"] = owner.strip()
    data["reviewed"] = today
    if language and language != "en":
        data["language"] = language
    if review_every_days is not None:
        data["review_every_days"] = review_every_days
    if not errors:
        try:
            Block.model_validate(data)
        except ValidationError as exc:
            errors.update(model_errors(exc, {"id": "id", "review_every_days": "review_every_days"}))
    if errors:
        raise InvalidFields(errors)
    lib = next(lib for lib in lw.index.libraries if lib.namespace == namespace)
    folder = lib.root / BLOCKS_DIR
    doc = CommentedMap()
    for key, value in data.items():
        doc[key] = to_block_scalar(value) if isinstance(value, str) else value
    doc["themes"] = CommentedSeq(themes)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{block_id}.yaml"
    atomic_write_text(path, lw.ws.schema_line("block", folder) + dumps_roundtrip(doc))
    return path
