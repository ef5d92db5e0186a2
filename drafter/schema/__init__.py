"""JSON Schema of each file kind (`drafter schema`), with each field's docstring as its description;
the schema files shipped with the package, and written into a workspace for editor completion.

Invariant: a field's description is the docstring written under it in `drafter/model/`, read from
those modules' source here (once), so the schema, the editor completion it feeds and the format reference
(`reference.formats_markdown`, kept as docs/formats.md) cannot drift from the models.
"""

from __future__ import annotations

import ast
import inspect
import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import model as models
from ..model import KINDS
from ..workspace import bundled_path
from ..yamlio import atomic_write_text


@cache
def field_docs() -> dict[str, dict[str, str]]:
    """Class name → field name → the docstring under the field, for every class of `drafter.model`."""
    out: dict[str, dict[str, str]] = {}
    nodes = [node for module in models.MODULES for node in ast.parse(inspect.getsource(module)).body]
    for node in nodes:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        body = node.body
        for stmt, after in zip(body, body[1:]):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[stmt.target.id] = inspect.cleandoc(after.value.value)
        out[node.name] = docs
    return out


def _describe(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Put each field's docstring into its property's `description` (aliases as the file spells them)."""
    docs = field_docs().get(model.__name__, {})
    properties = schema.get("properties", {})
    for name, info in model.model_fields.items():
        key = info.alias or name
        if name in docs and key in properties:
            properties[key] = {"description": docs[name], **{k: v for k, v in properties[key].items() if k != "description"}}


def schemas() -> dict[str, dict]:
    out = {}
    classes = {name: cls for name, cls in vars(models).items() if isinstance(cls, type) and issubclass(cls, BaseModel)}
    for kind, model in KINDS.items():
        doc = model.model_json_schema()
        _describe(doc, model)
        for name, sub in doc.get("$defs", {}).items():
            if name in classes:
                _describe(sub, classes[name])
        doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        doc.setdefault("title", model.__name__)
        out[kind] = doc
    return out


SHIPPED = bundled_path(".drafter", "schema")
"""The schema files as generated for this version, shipped with the package (the sample's, at the
repository's top level): generating them costs pydantic some 60 ms, which `drafter init` and
`drafter demo` would pay on every run."""


def source_key() -> str:
    """What the schemas are generated from: the models' modules, this module, pydantic's version."""
    import hashlib

    import pydantic

    sources = [Path(m.__file__ or "") for m in (models, *models.MODULES)]
    data = b"".join(p.read_bytes() for p in sources) + Path(__file__).read_bytes() + pydantic.VERSION.encode()
    return hashlib.sha256(data).hexdigest()[:16]


def schema_texts() -> dict[str, str]:
    """Each kind's schema as the text of its file: the shipped files when they were generated from
    these very sources (`source_key`), else generated now."""
    try:
        if (SHIPPED / "key").read_text(encoding="utf-8").strip() == source_key():
            return {kind: (SHIPPED / f"{kind}.json").read_text(encoding="utf-8") for kind in KINDS}
    except OSError:
        pass
    return {kind: json.dumps(doc, indent=2, ensure_ascii=False) + "\n" for kind, doc in schemas().items()}


def ship_schemas() -> None:
    """Regenerate the shipped schema files (`python -m drafter.schema` in the repository, after
    changing the models)."""
    for kind, doc in schemas().items():
        atomic_write_text(SHIPPED / f"{kind}.json", json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    atomic_write_text(SHIPPED / "key", source_key() + "\n")


def write_schemas(folder: Path, kinds: list[str] | None = None) -> list[Path]:
    """Write `<kind>.json` files (for the `# yaml-language-server: $schema=` lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, text in schema_texts().items():
        if kinds and kind not in kinds:
            continue
        path = folder / f"{kind}.json"
        atomic_write_text(path, text)
        written.append(path)
    return written
