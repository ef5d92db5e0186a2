"""Shared libraries from git: add (clone + record), sync (fast-forward only + report), list.

Invariant: sync never merges, resets or discards: a dirty or diverged clone is reported and left
exactly as it was. drafter.yaml is changed only through round-trip edits.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import gitcmd
from .init import OWN_LIBRARY, ConfigError, config_for_edit, has_own_library
from .library import LIBRARY_FILE, load_library
from .loaded import LoadedWorkspace
from .model import NAMESPACE_PATTERN, Library, LibraryRef
from .pins import pin_hash
from .pins.changes import pinned_uses
from .pins.store import store
from .questionnaire import block_uses
from .workspace import CONFIG_NAME, Workspace
from .yamlio import dump_roundtrip, load_model

LIBRARIES_DIR = "libraries"


class LibraryError(Exception):
    """A library operation could not be done; the message says why and what to do."""


def _config(ws: Workspace) -> CommentedMap:
    """drafter.yaml for a round-trip edit; written first when missing (listing `positions/` only when
    it is a library, as `drafter init` does)."""
    try:
        return config_for_edit(ws.root / CONFIG_NAME)
    except ConfigError as exc:
        raise LibraryError(str(exc)) from None


_NAMESPACE = re.compile(NAMESPACE_PATTERN)
_REF = re.compile(r"^[A-Za-z0-9_.][A-Za-z0-9_./-]*$")


def check_source(source: str) -> None:
    """Refuse what git would read as an option or as a command-running transport (`ext::`, `fd::`)."""
    if not source.strip() or source.startswith("-"):
        raise LibraryError(f"'{source}' is not a repository address (it must not start with '-')")
    if "::" in source:
        raise LibraryError(f"'{source}': git transports written as `name::address` are not accepted; give a URL or a path")
    if any(ord(c) < 32 for c in source):
        raise LibraryError("the repository address holds control characters")


def add(ws: Workspace, source: str, *, namespace: str | None = None, ref: str | None = None) -> LibraryRef:
    """Clone SOURCE into `libraries/<namespace>` (the library's own namespace unless one is given)
    and record it, with its commit, in drafter.yaml. Nothing is left behind when it fails."""
    check_source(source)
    if namespace is not None and not _NAMESPACE.match(namespace):
        raise LibraryError(f"namespace '{namespace}' is not valid: use lower-case letters, digits and '-'")
    if ref is not None and not _REF.match(ref):
        raise LibraryError(f"'{ref}' is not a branch or tag name")
    if (ws.root / CONFIG_NAME).is_file() and not isinstance(_config(ws).get("libraries"), (CommentedSeq, type(None))):
        raise LibraryError(f"{CONFIG_NAME}: `libraries` is not a list; correct it (e.g. `libraries: []`), then add the library again")
    folder = ws.root / LIBRARIES_DIR
    if namespace is not None and (folder / namespace).exists():
        raise LibraryError(f"{folder / namespace} already exists; choose another --namespace or remove it")
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".adding-", dir=folder))
    try:
        clone = staging / "clone"
        try:
            gitcmd.git("clone", "--quiet", *(["--branch", ref] if ref else []), "--", source, str(clone))
        except gitcmd.GitError as exc:
            raise LibraryError(str(exc)) from exc
        meta_path = clone / LIBRARY_FILE
        meta, findings = load_model(meta_path, Library) if meta_path.is_file() else (None, [])
        if meta is None:
            why = findings[0].message if findings else f"it has no {LIBRARY_FILE} at its root"
            raise LibraryError(f"{source} is not a drafter library: {why}")
        name = namespace or meta.namespace
        dest = folder / name
        if dest.exists():
            raise LibraryError(f"{dest} already exists (namespace '{name}'); add it with another --namespace")
        os.replace(clone, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    existing = {lib.namespace for lib in LoadedWorkspace.load(ws).index.libraries}
    ns = name
    entry = LibraryRef(path=f"{LIBRARIES_DIR}/{name}", namespace=namespace, source=source, ref=ref, commit=gitcmd.head(dest))
    data = _config(ws)
    libs = data.get("libraries")
    if not isinstance(libs, CommentedSeq):
        # no key: the model's default is `positions`, kept only where it is a library; `libraries:`
        # left empty (null) is no library. An explicit list, `[]` included, is kept as written.
        own = "libraries" not in data and has_own_library(ws.root)
        libs = data["libraries"] = CommentedSeq()
        if own:
            libs.append(CommentedMap(path=OWN_LIBRARY))
    libs.fa.set_block_style()  # `libraries: []` becomes a block list as it grows
    item = CommentedMap()
    for key, value in entry.model_dump(exclude_none=True).items():
        item[key] = value
    libs.append(item)
    dump_roundtrip(data, ws.root / CONFIG_NAME)
    if ns in existing:
        raise LibraryError(
            f"added, but namespace '{ns}' is already used by another library: set a distinct `namespace:` for it in {CONFIG_NAME}"
        )
    return entry


@dataclass
class SyncReport:
    """What one library's sync did."""

    path: str
    status: str  # "updated", "up to date", "reconciled", "dirty", "diverged", "error", "not a git clone"
    message: str = ""
    old: str | None = None
    new: str | None = None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    drafts: dict[str, list[str]] = field(default_factory=dict)  # draft file -> affected block refs


def sync(ws: Workspace, name: str | None = None) -> list[SyncReport]:
    """Fetch and fast-forward each git library (or the one named by namespace or path)."""
    lw = LoadedWorkspace.load(ws)
    reports = []
    matched = False
    for i, (ref, root) in enumerate(ws.library_dirs()):
        lib = next((lib for lib in lw.index.libraries if lib.root == root), None)
        names = {ref.path, Path(ref.path).name, ref.namespace, lib.namespace if lib else None}
        if name and name not in names:
            continue
        matched = True
        if not gitcmd.is_repo(root):
            if name:
                reports.append(SyncReport(ref.path, "not a git clone", "nothing to sync"))
            continue
        reports.append(_sync_one(ws, lw, i, ref, root))
    if name and not matched:
        raise LibraryError(f"no library named '{name}' in {CONFIG_NAME}")
    return reports


def _sync_one(ws: Workspace, lw: LoadedWorkspace, i: int, ref: LibraryRef, root: Path) -> SyncReport:
    report = SyncReport(ref.path, "up to date")
    try:
        changes = gitcmd.dirty(root)
        if changes:
            report.status, report.message = "dirty", f"{len(changes)} uncommitted change(s); commit or stash them, then sync again"
            return report
        gitcmd.git("fetch", "--quiet", "origin", cwd=root)
        target = gitcmd.upstream(root, ref.ref)
        report.old = current = gitcmd.head(root)
        if current == target:
            report.new = current
            if ref.commit and ref.commit != current:  # a sync interrupted after its fast-forward
                report.status = "reconciled"
                report.message = f"drafter.yaml recorded {ref.commit[:12]}; the clone is at {current[:12]} (recorded now)"
                _record_commit(ws, i, current)
            return report
        if not gitcmd.is_ancestor(root, current, target):
            report.status = "diverged"
            report.message = "local commits are not in upstream; merge or rebase by hand (drafter only fast-forwards)"
            return report
        before = load_library(root, ref=ref)
        for block in before.blocks.values():
            for language in (None, *block.translations):  # (each language a draft may have pinned it in)
                store(ws.state_dir, block, language)  # so `drafter diff` can show what the drafts pinned
        gitcmd.git("merge", "--ff-only", "--quiet", target, cwd=root)
        report.new = gitcmd.head(root)
        report.status = "updated"
    except gitcmd.GitError as exc:
        report.status, report.message = "error", str(exc)
        return report
    after = load_library(root, ref=ref)
    old_hashes = {bid: _pins(b) for bid, b in before.blocks.items()}
    new_hashes = {bid: _pins(b) for bid, b in after.blocks.items()}
    report.added = sorted(set(new_hashes) - set(old_hashes))
    report.removed = sorted(set(old_hashes) - set(new_hashes))
    report.changed = sorted(b for b in set(old_hashes) & set(new_hashes) if old_hashes[b] != new_hashes[b])
    touched = set(report.changed) | set(report.removed)
    for path in lw.draft_paths():
        ld = lw.draft(path)
        if ld.model is None:
            continue
        refs = sorted(
            {
                use.ref
                for use in block_uses(ld.model)
                if use.ref.split("/")[-1] in touched and ("/" not in use.ref or use.ref.split("/")[0] == after.namespace)
            }
        )
        if refs:
            report.drafts[ld.file] = refs
    _record_commit(ws, i, report.new)
    return report


def _record_commit(ws: Workspace, i: int, commit: str | None) -> None:
    path = ws.root / CONFIG_NAME
    if not path.exists() or commit is None:
        return
    data = _config(ws)
    libs = data.get("libraries")
    if isinstance(libs, CommentedSeq) and i < len(libs) and isinstance(libs[i], CommentedMap):
        if libs[i].get("commit") != commit:
            libs[i]["commit"] = commit
            dump_roundtrip(data, path)


@dataclass
class LibraryRow:
    namespace: str
    name: str
    path: str
    source: str | None
    commit: str | None
    blocks: int
    due: int
    pending: dict[str, list[str]] = field(default_factory=dict)  # draft file -> changed block refs not yet taken


def _pins(block) -> tuple[str, ...]:
    """The block's pin in its own language and in each of its translations: a change to any is a change."""
    return (pin_hash(block), *(pin_hash(block, language) for language in sorted(block.translations)))


def pending_changes(lw: LoadedWorkspace) -> dict[str, dict[str, list[str]]]:
    """Per library namespace: the drafts whose pinned blocks changed in it since they were pinned."""
    out: dict[str, dict[str, list[str]]] = {}
    for path in lw.draft_paths():
        ld = lw.draft(path)  # an unreadable draft is reported by lint and check, not here
        lc = lw.consultations.get(ld.model.consultation) if ld.model is not None else None
        for use in pinned_uses(lw.index, ld.model, lc.model.language if lc is not None and lc.model is not None else None):
            if use.changed:
                lib, _ = lw.index.resolve(use.ref)
                refs = out.setdefault(lib.namespace, {}).setdefault(lw.ws.display(path), [])
                if use.ref not in refs:
                    refs.append(use.ref)
    return out


def library_rows(lw: LoadedWorkspace, today: dt.date) -> list[LibraryRow]:
    """`drafter library list`: each library with source, commit, block count, blocks due for review,
    and the drafts with changed blocks they have not taken yet."""
    pending = pending_changes(lw)
    out = []
    for lib in lw.index.libraries:
        ref = lib.ref or LibraryRef(path=str(lib.root))
        commit = None
        if gitcmd.is_repo(lib.root):
            try:
                commit = gitcmd.head(lib.root)
            except gitcmd.GitError:
                commit = ref.commit
        due = sum(1 for b in lib.blocks.values() if lib.is_due(b, today))
        out.append(LibraryRow(lib.namespace, lib.name, ref.path, ref.source, commit, len(lib.blocks), due, pending.get(lib.namespace, {})))
    return out


__all__ = ["add", "sync", "library_rows", "LibraryError", "SyncReport", "LibraryRow"]
