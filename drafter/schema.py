"""JSON Schema of each file kind (`drafter schema`), with each field's docstring as its description.

Invariant: a field's description is the docstring written under it in `model.py`, read from that
file's source here (once), so the schema, the editor completion it feeds and the format reference
(`formats_markdown`, kept as docs/formats.md) cannot drift from the models.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import types
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from . import model as models
from .model import KINDS
from .workspace import bundled_path
from .yamlio import atomic_write_text


@cache
def field_docs() -> dict[str, dict[str, str]]:
    """Class name → field name → the docstring under the field, for every class in `model.py`."""
    tree = ast.parse(inspect.getsource(models))
    out: dict[str, dict[str, str]] = {}
    for node in tree.body:
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
    """What the schemas are generated from: the models, this module, pydantic's version."""
    import hashlib

    import pydantic

    data = Path(models.__file__).read_bytes() + Path(__file__).read_bytes() + pydantic.VERSION.encode()
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


# --------------------------------------------------------------------------- the formats reference

FORMATS_DOC = "docs/formats.md"
"""Where the project keeps the generated reference (`drafter schema --markdown > docs/formats.md`)."""

KIND_TITLES: dict[str, tuple[str, str]] = {
    "block": ("Position block", "a `*.yaml` file anywhere under a library folder (the file name should be `<id>.yaml`)"),
    "library": ("Library", "`library.yaml` at the root of a library folder"),
    "consultation": (
        "Consultation",
        "a `*.yaml` file under a consultations folder of the workspace, or under the `consultations/` folder of a library",
    ),
    "draft": ("Draft", "a `*.yaml` file in the workspace's drafts folder (`drafter new` writes one)"),
    "workspace": ("Workspace", "`drafter.yaml` at the root of the workspace (optional: without it, the defaults below apply)"),
}
"""Each file kind's heading and where such a file lives."""

EXAMPLES: dict[str, str] = {
    "block": """\
id: permanent-igf-mandate
title: A permanent mandate for a stronger IGF
summary: The IGF has earned a permanent mandate, with stable funding to go with it.
themes:
  - igf-mandate
  - multistakeholder
tags:
  - igf
  - "wsis:C11"
body: |
  {{ respondent.organisation }} supports a **permanent mandate for the IGF**, with:

  - a stable, multi-year funding base;
  - clear channels from IGF messages to decision-making bodies.
short: |
  {{ respondent.organisation }} supports a permanent, well-funded IGF.
owner: Policy WG
reviewed: 2026-11-01
review_every_days: 365
sources:
  - title: Tunis Agenda for the Information Society, paragraph 72
    url: https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html
language: en
translations:
  fr:
    title: Un mandat permanent pour un FGI renforcé
    body: |
      {{ respondent.organisation }} soutient un **mandat permanent pour le FGI**.
""",
    "library": """\
name: Technical Community Coordination Group — shared positions
namespace: tcg
description: Reviewed positions the coordination group reuses in consultations.
maintainers:
  - Policy WG <policy@example.org>
review_every_days: 180
languages: [en, fr]
words: [ccTLD, IXP, RIR]
themes:
  - id: igf-mandate
    label: IGF mandate
    description: The future of the Internet Governance Forum.
  - id: multistakeholder
    label: Multistakeholder model
phrases:
  - id: negative-framing
    severity: warning
    message: Negative framing.
    hint: State what you propose instead.
    patterns: ['\\bred lines?\\b', '\\bwe oppose\\b']
    ignore_case: true
""",
    "consultation": """\
id: wsis20-review
title: "WSIS+20 Review: Call for Written Inputs"
organiser: Co-facilitators of the WSIS+20 Review
url: https://consultations.example.org/wsis20-review
language: en
deadline: 2026-12-15T23:59:00-05:00
deadline_history:
  - deadline: 2026-11-30T23:59:00-05:00
    changed: 2026-11-10
checked: 2026-11-20
respondent:
  required: [name, organisation, country, consent_to_publish]
submission:
  format: docx
  max_pages: 10
  notes: Upload one DOCX file through the online form.
phrases:
  - id: no-acronyms
    severity: info
    message: The organiser asks respondents to spell out acronyms.
    patterns: ['\\b[A-Z]{3,}\\b']
kind: questionnaire
sections:
  - id: "1"
    title: Vision
    intro: Your view of the WSIS framework beyond 2025.
    questions:
      - id: "1.1"
        number: A
        text: What should the priorities be beyond 2025?
        guidance: Be specific.
        required: true
        limit: {words: 500}
        themes: [igf-mandate]
      - id: "1.2"
        text: Should the IGF have a permanent mandate?
        kind: choice
        choices: ["Yes", "No", "No opinion"]
        in: form
      - id: "1.3"
        text: "On implementation:"
        limit: {chars: 3000}
        parts:
          - id: 1.3a
            number: (a)
            text: What has worked?
          - id: 1.3b
            number: (b)
            text: What should change?
""",
    "draft": """\
consultation: wsis20-review
date: 2026-12-01
respondent:
  name: A. Mensah
  role: Policy Director
  organisation: Example ccTLD Registry
  stakeholder_group: Technical community
  country: Ghana
  region: Africa
  email: policy@example.org
  capacity: organisation
  consent_to_publish: true
cosigners:
  - organisation: Example Internet Exchange
    country: Kenya
answers:
  "1.1":
    - block: tcg/permanent-igf-mandate
      pinned: 3f2c1a9e0b7d
      variant: short
    - text: We would add one point of our own.
  "1.2":
    - choice: "Yes"
  1.3a:
  1.3b:
""",
    "workspace": """\
libraries:
  - path: positions
  - path: libraries/tcg
    namespace: tcg
    source: https://git.example.org/tcg/tcg-positions.git
    ref: main
    commit: 9a41c2e7f00312ab45cd67ef89a01bc23de45f67
consultations: [consultations]
templates: [templates]
drafts: drafts
respondent:
  name: A. Mensah
  organisation: Example ccTLD Registry
  stakeholder_group: Technical community
  country: Ghana
words: [Mensah]
""",
}
"""One short example of each file kind (validated against the models by the tests)."""

_SCALARS: dict[Any, str] = {
    str: "text",
    int: "integer",
    float: "number",
    bool: "true or false",
    dt.date: "date (YYYY-MM-DD)",
    dt.datetime: "date and time, ISO 8601 with offset",
}


def _model_classes() -> dict[str, type[BaseModel]]:
    return {name: cls for name, cls in vars(models).items() if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == models.__name__}


def _anchor(cls: type[BaseModel]) -> str:
    for kind, model in KINDS.items():
        if model is cls:
            return KIND_TITLES[kind][0].lower().replace(" ", "-")
    return cls.__name__.lower()


def _link(cls: type[BaseModel]) -> str:
    for kind, model in KINDS.items():
        if model is cls:
            return f"[{KIND_TITLES[kind][0]}](#{_anchor(cls)})"
    return f"[{cls.__name__}](#{_anchor(cls)})"


def _constraints(metadata: list[Any]) -> list[str]:
    """Human words for pydantic/annotated-types constraints (pattern, minimum length, bounds)."""
    out: list[str] = []
    for meta in metadata:
        for inner in getattr(meta, "metadata", None) or [meta]:  # a FieldInfo inside Annotated carries its own
            if getattr(inner, "pattern", None):
                out.append(f"matching `{inner.pattern}`")
            if getattr(inner, "min_length", None):
                out.append(f"at least {inner.min_length}")
            for attr, sign in (("gt", ">"), ("ge", "≥"), ("lt", "<"), ("le", "≤")):
                if getattr(inner, attr, None) is not None:
                    out.append(f"{sign} {getattr(inner, attr)}")
    return out


def _type_text(tp: Any, metadata: list[Any] | None = None, *, top: bool = False) -> str:
    """A field's type as a reader of the YAML file thinks of it: `text`, `list of text`, `one of …`,
    a link to a nested object's table. At the top of a field, "may be left empty" is the required
    column's to say; inside a list or map it is said here."""
    constraints = _constraints(metadata or [])
    origin = get_origin(tp)
    if origin is Annotated:
        base, *extra = get_args(tp)
        return _type_text(base, [*(metadata or []), *extra], top=top)
    if origin in (Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not type(None)]
        optional = len(members) < len(get_args(tp))
        if len(members) == 1:
            text = _type_text(members[0], metadata)
        elif all(isinstance(m, type) and issubclass(m, BaseModel) for m in map(_unannotated, members)):
            links = [_link(_unannotated(m)) for m in members]
            text = _with("a " + ", ".join(links[:-1]) + " or " + links[-1], constraints)
        else:
            text = _with(" or ".join(_type_text(m) for m in members), constraints)
        if optional and not top:
            return f"({text}) or nothing" if "," in text or " or " in text else f"{text} or nothing"
        return text
    if origin is Literal:
        return "one of " + ", ".join(f"`{v}`" for v in get_args(tp))
    if origin is list:
        (item,) = get_args(tp)
        text = _type_text(item)
        return _with(f"list of items, each {text}" if text.startswith("a [") else f"list of {text}", constraints)
    if origin is dict:
        key, value = get_args(tp)
        return _with(f"map of {_type_text(key)} to {_type_text(value)}", constraints)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _link(tp)
    return _with(_SCALARS.get(tp, getattr(tp, "__name__", str(tp))), constraints)


def _unannotated(tp: Any) -> Any:
    return get_args(tp)[0] if get_origin(tp) is Annotated else tp


def _with(text: str, constraints: list[str]) -> str:
    return f"{text} ({', '.join(constraints)})" if constraints else text


def _flow(value: Any) -> str:
    """A default value as YAML flow text."""
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True, exclude_defaults=True, by_alias=True)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _nested(cls: type[BaseModel], tp: Any, out: list[type[BaseModel]]) -> None:
    """Models reached from a field type, in reading order (depth first), each once."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp not in out:
            out.append(tp)
            for info in tp.model_fields.values():
                _nested(tp, info.annotation, out)
        return
    for arg in get_args(tp):
        _nested(cls, arg, out)


def _table(cls: type[BaseModel]) -> list[str]:
    docs = field_docs().get(cls.__name__, {})
    lines = ["| key | type | required | default | meaning |", "|---|---|---|---|---|"]
    for name, info in cls.model_fields.items():
        key = info.alias or name
        required = info.is_required()
        default = "" if required or info.default is None else f"`{_cell(_flow(info.default))}`"
        lines.append(
            f"| `{key}` | {_cell(_type_text(info.annotation, list(info.metadata), top=True))} | {'yes' if required else 'no'} "
            f"| {default} | {_cell(docs.get(name, ''))} |"
        )
    if cls.model_config.get("extra") == "allow":
        lines.append("| *any other* | any | no | | Any further field, e.g. one a consultation asks for. |")
    return lines


def _uses(classes: list[type[BaseModel]]) -> dict[type[BaseModel], list[str]]:
    """For each model, the `Owner.key` fields that hold it (to say where an object appears)."""
    out: dict[type[BaseModel], list[str]] = {}
    for owner in classes:
        for name, info in owner.model_fields.items():
            found: list[type[BaseModel]] = []
            _nested(owner, info.annotation, found)
            direct = [c for c in found if _reaches_directly(info.annotation, c)]
            for c in direct:
                out.setdefault(c, []).append(f"{_link(owner)} `{info.alias or name}`")
    return out


def _reaches_directly(tp: Any, target: type[BaseModel]) -> bool:
    if tp is target:
        return True
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return False
    return any(_reaches_directly(arg, target) for arg in get_args(tp))


def formats_markdown(kinds: list[str] | None = None) -> str:
    """The file formats reference (docs/formats.md): for each file kind (or those in `kinds`) where it
    lives, a table of its keys (type, required, default, meaning — the field's docstring) and an
    example, then a table for each object found inside the files. Generated from the models, so it
    cannot drift from them."""
    chosen = [k for k in KINDS if not kinds or k in kinds]
    kind_models = [KINDS[k] for k in chosen]
    nested: list[type[BaseModel]] = []
    for model in kind_models:
        for info in model.model_fields.values():
            _nested(model, info.annotation, nested)
    nested = [c for c in nested if c not in kind_models]
    uses = _uses([*kind_models, *nested])
    out = [
        "# drafter file formats",
        "",
        "<!-- Generated from drafter/model.py by `drafter schema --markdown`: do not edit by hand. -->",
        "",
        "Every file drafter reads is UTF-8 YAML holding one object. This reference is generated from the",
        "models in `drafter/model.py` (each key's meaning is the docstring under its field), so it always",
        "matches what drafter accepts: print it with `drafter schema --markdown`, regenerate this file",
        "with `drafter schema --markdown > docs/formats.md`, and get the JSON Schema of a kind, for an",
        "editor's completion, with `drafter schema KIND`.",
        "",
        "An unknown key is an error (a `schema` finding naming the file, line and column), so a typo is",
        "never silently ignored; the respondent is the one object that takes further keys. A key that is",
        "not required may be left out: it takes its default (none where the default column is empty).",
        "Quote ids that YAML would read as numbers (`id: \"2.1\"`).",
        "",
        "## Contents",
        "",
        *[f"- [{KIND_TITLES[k][0]}](#{_anchor(KINDS[k])}) — {KIND_TITLES[k][1]}" for k in chosen],
        "- Objects inside the files: " + ", ".join(_link(c) for c in nested),
        "",
    ]
    for kind, model in zip(chosen, kind_models):
        title, where = KIND_TITLES[kind]
        out += [f"## {title}", "", _cell(model.__doc__ or ""), "", f"File: {where}. JSON Schema: `drafter schema {kind}`.", ""]
        out += _table(model)
        out += ["", "Example:", "", "```yaml", EXAMPLES[kind].rstrip("\n"), "```", ""]
    if nested:
        out += ["## Objects inside the files", ""]
    for cls in nested:
        out += [f"### {cls.__name__}", "", _cell(cls.__doc__ or "")]
        if cls in uses:
            out += ["", "Used in: " + "; ".join(uses[cls]) + "."]
        out += [""] + _table(cls) + [""]
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    ship_schemas()
