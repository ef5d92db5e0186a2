"""Fast repeated loading of many YAML files of one kind (a library's blocks), through a cache file.

Invariant: what comes out equals what `yamlio.load_model` gives for the same files; the cache only
saves work. An entry is trusted only while its file's (mtime_ns, size) are unchanged, an entry
whose file was modified within `RACY_NS` of being read is never trusted (a same-size edit within
the file system's timestamp granularity would otherwise go unnoticed), and a cache file that is
missing, corrupt, from another drafter or pydantic version or for another model is ignored and
rebuilt. Writing the cache is best effort: a read-only folder only costs speed.

The cache file is a pickle, read with an unpickler that builds nothing but plain data and dates,
so even a tampered cache cannot run code. Keep it in a private cache folder all the same (e.g.
`~/.cache/drafter/`), not inside a shared library checkout.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import io
import json
import os
import pickle
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel

from . import __version__
from .findings import Finding
from .yamlio import atomic_write_bytes, load_model

M = TypeVar("M", bound=BaseModel)
StrPath = str | os.PathLike[str]

CACHE_FORMAT = 2
"""Bump when the cache's layout or what yamlio reports for a file changes."""
RACY_NS = 2_000_000_000
"""Files modified this recently (before they were read) are re-read next time."""

Entry = tuple[int, int, "dict[str, Any] | None", "list[dict[str, Any]]", Any]
"""(mtime_ns, size, the model's data, its findings, values derived from the model)."""


@functools.cache
def _fingerprint(model: type[BaseModel]) -> str:
    """Identifies the model's shape (its JSON Schema) and everything else a cached entry depends on."""
    schema = json.dumps(model.model_json_schema(), sort_keys=True, default=str)
    parts = [str(CACHE_FORMAT), __version__, pydantic.VERSION, f"{model.__module__}.{model.__qualname__}", schema]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class _SafeUnpickler(pickle.Unpickler):
    """Plain containers, strings, numbers and dates only."""

    _ALLOWED = {
        ("datetime", "date"): dt.date,
        ("datetime", "datetime"): dt.datetime,
        ("datetime", "time"): dt.time,
        ("datetime", "timedelta"): dt.timedelta,
        ("datetime", "timezone"): dt.timezone,
        ("builtins", "set"): set,
        ("builtins", "frozenset"): frozenset,
    }

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self._ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a drafter cache") from None


def _read_cache(cache_file: Path, fingerprint: str) -> dict[str, Entry]:
    try:
        raw = cache_file.read_bytes()
        payload = _SafeUnpickler(io.BytesIO(raw)).load()
    except Exception:
        return {}
    if (
        not isinstance(payload, dict)
        or payload.get("format") != CACHE_FORMAT
        or payload.get("fingerprint") != fingerprint
        or not isinstance(payload.get("entries"), dict)
    ):
        return {}
    return payload["entries"]


def _write_cache(cache_file: Path, fingerprint: str, entries: dict[str, Entry]) -> None:
    payload = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "entries": entries}
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cache_file, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        pass


def _findings_from(raw: list[dict[str, Any]], file: str) -> list[Finding]:
    return [Finding(**{**f, "file": file}) for f in raw]


def load_models_cached(
    paths: Sequence[StrPath],
    model: type[M],
    cache_file: Path | None,
    display: Callable[[Any], str] | None = None,
    *,
    derive: Callable[[M], Any] | None = None,
    derived: dict[str, Any] | None = None,
) -> list[tuple[Any, M | None, list[Finding]]]:
    """Load every path as `model` (in order), reusing the cache for files unchanged since last time.

    Each result is (path, instance or None, findings), as `yamlio.load_model` gives them; findings
    name the file as `display(path)` (default `str(path)`). Without a cache file, every file is
    simply loaded. Use one cache file per model kind (and one `derive` per cache file).

    With `derive`, `derived[str(path)]` receives `derive(instance)` for each file that loads — a value
    made of plain data (counts, words), kept in the cache beside the model so that it is computed
    once per version of the file, not once per run.
    """
    show = display or str
    if cache_file is None:
        out: list[tuple[Any, M | None, list[Finding]]] = []
        for p in paths:
            instance, findings = load_model(Path(p), model, display=show(p))
            out.append((p, instance, findings))
            if derive is not None and derived is not None and instance is not None:
                derived[os.fspath(p)] = derive(instance)
        return out

    fingerprint = _fingerprint(model)
    gc_was_on = gc.isenabled()
    gc.disable()  # many small objects and no cycles: the collector would only slow this down
    try:
        return _load(paths, model, Path(cache_file), fingerprint, show, gc_was_on, derive, derived)
    finally:
        if gc_was_on:
            gc.enable()


def _load(
    paths: Sequence[StrPath],
    model: type[M],
    cache_file: Path,
    fingerprint: str,
    show: Callable[[Any], str],
    gc_was_on: bool,
    derive: Callable[[M], Any] | None,
    derived: dict[str, Any] | None,
) -> list[tuple[Any, M | None, list[Finding]]]:
    cache = _read_cache(cache_file, fingerprint)
    entries: dict[str, Entry] = {}
    changed = False
    results: list[tuple[Any, M | None, list[Finding]]] = []
    validate = model.__pydantic_validator__.validate_python  # model_validate, minus a wrapper call
    stat = os.stat
    for p in paths:
        key = os.fspath(p)
        try:
            st = stat(key)
        except OSError:
            st = None
        hit = cache.get(key) if st is not None else None
        if (
            type(hit) is tuple
            and len(hit) == 5
            and hit[0] == st.st_mtime_ns  # type: ignore[union-attr]
            and hit[1] == st.st_size  # type: ignore[union-attr]
            and (derive is None or hit[2] is None or hit[4] is not None)
        ):
            data, raw_findings = hit[2], hit[3]
            try:
                instance = None if data is None else validate(data)
                findings = _findings_from(raw_findings, show(p)) if raw_findings else []
            except Exception:
                pass
            else:
                entries[key] = hit
                results.append((p, instance, findings))
                if derived is not None and instance is not None and derive is not None:
                    derived[key] = hit[4]
                continue
        changed = True
        if gc_was_on:
            gc.enable()  # parsing manages the collector itself
        try:
            instance, findings = load_model(Path(p), model, display=show(p))
        finally:
            gc.disable()
        results.append((p, instance, findings))
        if st is None:
            continue
        mtime = st.st_mtime_ns
        if time.time_ns() - mtime < RACY_NS:
            mtime = -1  # modified too recently to trust: never matches, so re-read next time
        data = instance.model_dump(exclude_unset=True) if instance is not None else None
        extra = derive(instance) if derive is not None and instance is not None else None
        if derived is not None and extra is not None:
            derived[key] = extra
        entries[key] = (mtime, st.st_size, data, [f.model_dump(exclude={"file"}) for f in findings], extra)
    if changed or entries.keys() != cache.keys():
        _write_cache(cache_file, fingerprint, entries)
    return results
