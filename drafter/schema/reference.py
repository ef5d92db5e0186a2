"""The file formats reference (`formats_markdown`: `drafter schema --markdown`, kept as docs/formats.md):
for each file kind where it lives, a table of its keys and an example, then a table per nested object.

Invariant: generated from the models alone — each key's type, whether it is required and its default
from the pydantic field, its meaning from the docstring under it (`field_docs`) — so the reference
cannot drift from what drafter accepts.
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..model import KINDS
from . import field_docs
from .examples import EXAMPLES

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

_SCALARS: dict[Any, str] = {
    str: "text",
    int: "integer",
    float: "number",
    bool: "true or false",
    dt.date: "date (YYYY-MM-DD)",
    dt.datetime: "date and time, ISO 8601 with offset",
}


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
        "<!-- Generated from drafter/model/ by `drafter schema --markdown`: do not edit by hand. -->",
        "",
        "Every file drafter reads is UTF-8 YAML holding one object. This reference is generated from the",
        "models in `drafter/model/` (each key's meaning is the docstring under its field), so it always",
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
