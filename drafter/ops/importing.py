"""`drafter import` as a use case: read the source, make the consultation, and write it where it
belongs — never over an existing file; or, for a new revision of a document consultation
(`update=`), in place of that file, the file it replaces kept first as
`.drafter/revisions/<id>/<its revision>.yaml` (e.g. `zero-draft.yaml`).

Why a new revision takes the old file's place: drafts refer to a consultation by id and find it in
the consultations folder, so two files with one id would be a duplicate-id error; and nothing is
lost: the old revision stays readable beside the workspace's other state, outside the folders
drafter loads consultations from. It happens only when asked for (`--update FILE`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..importing import Imported, ImportFailure, import_consultation, write_imported
from ..model import ID_PATTERN
from ..workspace import Workspace
from ..yamlio import atomic_write_text
from ..yamlio.files import read_regular

REVISIONS_DIR = "revisions"
_REVISION = re.compile(rb"^revision:\s*['\"]?([A-Za-z0-9][A-Za-z0-9._-]{0,40})", re.MULTILINE)


class TargetExists(FileExistsError):
    """The file to write exists: nothing written (`filename` names it as shown)."""


@dataclass
class ImportResult:
    imported: Imported
    path: Path
    kept: Path | None = None
    """With `update`: where the previous revision was kept."""


def default_output(ws: Workspace | None, cid: str) -> Path:
    """`<the workspace's first consultations folder>/<id>.yaml`."""
    folders = ws.consultation_dirs() if ws is not None else []
    if not folders:
        raise ImportFailure("no workspace with a consultations folder here: give -o FILE")
    return folders[0] / f"{cid}.yaml"


def id_taken(ws: Workspace, known: Iterable[str], cid: str) -> str | None:
    """Why a new consultation cannot take the id `cid` here (None: it can): an id not of the form ids
    take, one a consultation of the workspace (or of a library) already has — a `duplicate-id` — or
    one whose file exists."""
    if not re.match(ID_PATTERN, cid):
        return "lower-case letters, digits and '-', starting with a letter or digit"
    if cid in known:
        return f"'{cid}' is already a consultation here"
    path = default_output(ws, cid)
    if path.exists() or path.is_symlink():
        return f"{ws.display(path)} already exists"
    return None


def write_new(ws: Workspace | None, imported: Imported, out: Path) -> Path:
    """Write the imported consultation to `out`, never over a file (TargetExists), with the schema
    line for editor completion when it goes into a workspace (as the files `init` and the UI write)."""
    shown = ws.display(out) if ws is not None else str(out)
    if out.exists() or out.is_symlink():
        raise TargetExists(17, "already exists", shown)
    if ws is not None and out.suffix in (".yaml", ".yml") and not imported.yaml.startswith("# yaml-language-server"):
        imported.yaml = ws.schema_line("consultation", out.parent) + imported.yaml
    try:
        write_imported(imported, out)
    except FileExistsError:
        raise TargetExists(17, "already exists", shown) from None
    return out


def run_import(
    ws: Workspace | None,
    source: str,
    *,
    out: Path | None = None,
    kind: str | None = None,
    cid: str | None = None,
    update: Path | None = None,
    stdin_text: str | None = None,
    known: Iterable[str] = (),
    today: dt.date,
) -> ImportResult:
    """Import `source` and write it: to `out`, else `<consultations folder>/<id>.yaml` under an id no
    consultation in `known` has; with `update`, over that document consultation (its previous text
    kept). ImportFailure when the source cannot be used or there is nowhere to write; TargetExists when
    the file to write exists or the id is taken."""
    imported = import_consultation(source, kind=kind, id=cid, stdin_text=stdin_text, existing=update, today=today)
    if update is not None:
        kept = keep_revision(ws, update, str(imported.data.get("id") or update.stem))
        atomic_write_text(update, imported.yaml)
        return ImportResult(imported, update, kept)
    if out is None:
        new_id = str(imported.data["id"])
        out = default_output(ws, new_id)
        if new_id in known and not (out.exists() or out.is_symlink()):  # (a file there: write_new says so)
            raise TargetExists(17, f"'{new_id}' is already a consultation here", ws.display(out) if ws is not None else str(out))
    return ImportResult(imported, write_new(ws, imported, out))


def keep_revision(ws: Workspace | None, existing: Path, cid: str) -> Path:
    """Copy the file a new revision replaces to `.drafter/revisions/<id>/<its revision>.yaml` (next to
    `existing` when there is no workspace); never over an earlier copy."""
    old = read_regular(existing, 20 * 1024 * 1024)
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", cid):
        cid = "consultation"
    folder = (ws.state_dir if ws is not None else existing.parent / ".drafter") / REVISIONS_DIR / cid
    m = _REVISION.search(old)
    name = m.group(1).decode() if m else "previous"
    path = folder / f"{name}.yaml"
    n = 2
    while path.exists():
        path = folder / f"{name}-{n}.yaml"
        n += 1
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, old.decode("utf-8", errors="replace"))
    return path
