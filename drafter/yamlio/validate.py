"""Validation against the models: each pydantic error becomes a `schema` finding at its key."""


from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Discriminator, Tag, ValidationError

from ..findings import Finding, finding
from .guards import MAX_SCHEMA_FINDINGS
from .read import Loaded, Loc, M, read_yaml

# --------------------------------------------------------------------------- validating


def validate(loaded: Loaded, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate loaded data against a model; each pydantic error is a `schema` finding at its key.

    A file that could not be read is not validated: its own findings are returned instead, so the
    result always holds every finding about the file.
    """
    if loaded.findings:
        return None, list(loaded.findings)
    file = loaded.file
    data = loaded.data
    if not isinstance(data, dict):
        fields = [n for n, f in model.model_fields.items() if f.is_required()] or list(model.model_fields)
        example = ", ".join(fields[:4]) + ("…" if len(fields) > 4 else "")
        return None, [
            finding(
                "schema",
                f"expected a mapping of keys ({example}), not {_describe_value(data)}",
                hint="the file holds one object: `key: value` lines at the left margin",
                file=file,
                line=1,
                column=1,
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    except Exception as exc:
        return None, [finding("schema", f"cannot validate: {exc}", file=file, line=1, column=1)]
    out: list[Finding] = []
    seen: set[tuple] = set()
    if len(errors) > MAX_SCHEMA_FINDINGS:
        rest = len(errors) - MAX_SCHEMA_FINDINGS
        errors = errors[:MAX_SCHEMA_FINDINGS]
    else:
        rest = 0
    for err in errors:
        try:
            f = _error_finding(loaded, model, err, file)
        except Exception as exc:
            f = finding("schema", f"{err.get('msg', exc)}", file=file, line=1, column=1)
        k = (f.line, f.column, f.message)
        if k not in seen:
            seen.add(k)
            out.append(f)
    if rest:
        out.append(
            finding("schema", f"{rest:,} more schema problems not shown", file=file, line=1, column=1,
                    hint="fix the ones above and check again")
        )
    return None, out


def load_model(path: Path, model: type[M], *, display: str | None = None) -> tuple[M | None, list[Finding]]:
    """read_yaml + validate."""
    return validate(read_yaml(path, display=display), model)


# pydantic loc → YAML path ---------------------------------------------------------------------


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated and Optional; return the inner type and the Annotated metadata seen."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            tp = args[0]
            meta.extend(args[1:])
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp, meta


def _field_type(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields.get(name)
    if info is None:
        return Any
    tp = info.annotation
    extra = list(info.metadata)
    if info.discriminator is not None:
        extra.append(info.discriminator)
    return typing.Annotated[tuple([tp, *extra])] if extra else tp


def _member_tag(member: Any) -> Any:
    if typing.get_origin(member) is typing.Annotated:
        for m in typing.get_args(member)[1:]:
            if isinstance(m, Tag):
                return m.tag
    return None


def _model_class(tp: Any) -> type[BaseModel] | None:
    tp = _unwrap(tp)[0]
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


@dataclass
class _Path:
    """A pydantic error location translated to the file: the YAML path, the model class each key of
    it belongs to, the type expected at its end, and whether the error is about a mapping key."""

    loc: Loc
    owners: list[type[BaseModel] | None]
    type: Any
    is_key: bool = False

    def owner(self, depth: int) -> type[BaseModel] | None:
        """Model class whose field is loc[depth]; depth == len(loc) is the value at the end."""
        if depth == len(self.loc):
            return _model_class(self.type)
        return self.owners[depth] if 0 <= depth < len(self.owners) else None


def _yaml_path(model: type[BaseModel], loc: tuple) -> _Path:
    """Walk the model's types along a pydantic loc, dropping pydantic's own parts: the tag of a
    discriminated union (`block`, `text`, `choice` in a draft's items), the member name of a plain
    union, and `[key]` (which marks an error in a mapping key)."""
    out: list[Any] = []
    owners: list[type[BaseModel] | None] = []
    tp: Any = model
    is_key = False
    i = 0
    while i < len(loc):
        part = loc[i]
        tp, meta = _unwrap(tp)
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            tagged = {_member_tag(m): m for m in members}
            if any(isinstance(m, (Discriminator, str)) for m in meta) or None not in tagged:
                tp = tagged.get(part, Any)
                i += 1
                continue
            names = {getattr(_unwrap(m)[0], "__name__", None) for m in members} | {str(m) for m in members}
            if isinstance(part, str) and (part in names or part.startswith(("function-", "constrained-"))):
                tp = Any
                i += 1
                continue
            tp = Any
        if part == "[key]":
            is_key = True
            i += 1
            continue
        out.append(part)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            owners.append(tp)
            tp = _field_type(tp, part) if isinstance(part, str) else Any
        else:
            owners.append(None)
            if origin in (list, tuple, set, frozenset):
                args = typing.get_args(tp)
                tp = args[0] if args else Any
            elif origin is dict:
                args = typing.get_args(tp)
                tp = args[1] if len(args) == 2 else Any
            else:
                tp = Any
        i += 1
    return _Path(tuple(out), owners, tp, is_key)


# messages --------------------------------------------------------------------------------------


def _describe_value(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _name(yloc: Loc) -> str:
    """How a message names the value at a YAML path: 'title', 'themes' item 2, item 1."""
    if not yloc:
        return "the file"
    if isinstance(yloc[-1], str):
        return f"'{yloc[-1]}'"
    keys = [p for p in yloc if isinstance(p, str)]
    base = f"'{keys[-1]}' " if keys else ""
    return f"{base}item {yloc[-1] + 1}"


_EXPECTED = {
    "string_type": "a string",
    "str_type": "a string",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dataclass_type": "a mapping",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "none_required": "empty",
}

_PATTERNS = {
    r"^[a-z0-9][a-z0-9-]*$": "use lower-case letters, digits and '-', starting with a letter or digit",
    r"^[a-z0-9-]+$": "use lower-case letters, digits and '-'",
    r"^[0-9a-f]{12}$": "it is the first 12 hex digits of the block's sha256",
    r"^([a-z0-9-]+/)?[a-z0-9][a-z0-9-]*$": "a block reference is `id` or `namespace/id` (lower-case letters, digits, '-')",
}


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error_finding(loaded: Loaded, model: type[BaseModel], err: Any, file: str) -> Finding:
    """One pydantic error as a schema finding at the key (or value) it is about."""
    typ = err.get("type", "")
    msg = err.get("msg", "")
    value = err.get("input")
    ctx = err.get("ctx") or {}
    path = _yaml_path(model, tuple(err.get("loc", ())))
    yloc = path.loc
    name = _name(yloc)
    hint: str | None = None
    at: Loc = yloc
    key = True  # point at the key; False: at the value

    if path.is_key:
        where = f" under '{yloc[-2]}'" if len(yloc) >= 2 and isinstance(yloc[-2], str) else ""
        if typ in ("string_type", "str_type"):
            message = f"key {_short(value)}{where} should be text"
            written = loaded.raw(yloc, key=True) or _short(value)
            hint = f'quote it as written: "{written}"'
        else:
            message = f"key {_short(value)}{where}: {msg}"
    elif typ == "missing":
        missing = yloc[-1] if yloc else "?"
        owner = path.owner(len(yloc) - 1)
        message = f"missing key '{missing}'"
        info = owner.model_fields.get(missing) if owner is not None and isinstance(missing, str) else None
        if info is not None and info.description:
            hint = f"{missing}: {info.description}"
        at = yloc[:-1]
    elif typ == "extra_forbidden":
        unknown = yloc[-1] if yloc else "?"
        message = f"unknown key '{unknown}'"
        owner = path.owner(len(yloc) - 1)
        if owner is not None:
            fields = list(owner.model_fields)
            close = difflib.get_close_matches(str(unknown), fields, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(fields)
    elif typ in _EXPECTED:
        key = False
        expected = _EXPECTED[typ]
        target = _model_class(path.type)
        if expected == "a mapping" and target is not None:
            keys = list(target.model_fields)[:3]
            expected = "a mapping (" + ", ".join(f"{k}: …" for k in keys) + ")"
        message = f"{name} should be {expected}, not {_describe_value(value)}"
        if typ in ("string_type", "str_type") and isinstance(value, (int, float, dt.date, bool)):
            written = loaded.raw(yloc) or str(value)
            hint = f'put the value in quotes as written: "{written}"' if not isinstance(value, bool) else "put the value in quotes"
        elif expected == "a list" and isinstance(value, str):
            hint = f"write it as a list: [{_short(value)}], or one `- item` per line"
    elif typ.startswith("date_"):
        key = False
        message = f"{name} is not a valid date (YYYY-MM-DD)"
        if isinstance(value, dt.datetime):
            hint = "give the date only, without a time"
    elif typ.startswith(("datetime_", "timezone_")):
        key = False
        message = f"{name} is not a valid date and time (e.g. 2025-07-15T23:59:00+02:00)"
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            hint = "add a time and a UTC offset, e.g. 2025-07-15T23:59:00+02:00"
    elif typ == "string_pattern_mismatch":
        key = False
        pattern = ctx.get("pattern", "")
        message = f"{name} '{_short(value)}' is not valid: {_PATTERNS.get(pattern, f'it must match {pattern}')}"
    elif typ == "too_short":
        key = False
        n = ctx.get("min_length", 1)
        message = f"{name} needs at least {n} item{'s' if n != 1 else ''}"
    elif typ == "too_long":
        key = False
        message = f"{name} has too many items (at most {ctx.get('max_length')})"
    elif typ in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        key = False
        word = {"greater_than": "greater than", "greater_than_equal": "at least",
                "less_than": "less than", "less_than_equal": "at most"}[typ]
        bound = next(iter(ctx.values()), "?")
        message = f"{name} must be {word} {bound}, not {_short(value)}"
    elif typ == "literal_error":
        key = False
        message = f"{name} must be {ctx.get('expected', '?')}, not '{_short(value)}'"
    elif typ in ("value_error", "assertion_error"):
        text = msg.split(", ", 1)[1] if msg.startswith(("Value error, ", "Assertion failed, ")) else msg
        message = f"{name}: {text}" if yloc else text
    elif typ == "recursion_loop":
        message = f"{name} refers to itself"
    else:  # item_kind (a draft's answer item), union tags, anything newer
        key = typ not in ("item_kind", "union_tag_invalid", "union_tag_not_found")
        message = f"{name}: {msg}" if yloc else msg
    line: int | None
    col: int | None
    if not at:
        line, col = 1, 1
    else:
        pos = loaded.position(at, key=key)
        line, col = pos if pos is not None else (None, None)
    return finding("schema", message, hint=hint, file=file, line=line, column=col)


