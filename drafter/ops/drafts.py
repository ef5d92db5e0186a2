"""Draft files as a whole: start one under a chosen name, duplicate, rename, delete and restore.

Invariant: no draft is ever overwritten, and none is lost: a name already taken is refused, and a
deleted draft is moved to `.drafter/trash/<time>-<name>` (recorded in `.drafter/trash/log.json`, so
the last one deleted can be put back). A new draft starts from the workspace's respondent profile,
else from the respondent and co-signers of the most recent draft, and says which.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..consultation import LoadedConsultation
from ..draft import create_draft, load_draft
from ..draft_editor import DraftEditor
from ..loaded import LoadedWorkspace
from ..model import RESPONDENT_FIELDS, Draft
from ..wording import plural
from ..yamlio import atomic_write_bytes, atomic_write_text
from .fields import InvalidFields
from .saving import move_recovery

TRASH = "trash"
TRASH_LOG = "log.json"
SUFFIXES = (".yaml", ".yml")


def draft_file_name(name: str) -> str:
    """A draft's file name from what was typed: `.yaml` added when it has no suffix. InvalidFields
    (field `name`) for an empty name, a path, or a hidden file."""
    name = name.strip()
    if not name or name in (".yaml", ".yml"):
        raise InvalidFields({"name": "required"})
    if "/" in name or "\\" in name or name in (".", ".."):
        raise InvalidFields({"name": "a file name, not a path: no '/' or '\\'"})
    if name.startswith("."):
        raise InvalidFields({"name": "must not start with '.' (a hidden file)"})
    if any(ord(c) < 32 or c == "\x7f" for c in name):
        raise InvalidFields({"name": "no control characters"})
    return name if name.endswith(SUFFIXES) else name + ".yaml"


def name_problem(folder: Path, name: str) -> str | None:
    """Why `name` cannot be a new draft's name in `folder` (None: it can)."""
    try:
        file = draft_file_name(name)
    except InvalidFields as exc:
        return exc.errors["name"]
    if (folder / file).exists():
        return f"{file} already exists: choose another name"
    return None


def _free(folder: Path, stem: str) -> str:
    name, n = f"{stem}.yaml", 2
    while (folder / name).exists():
        name, n = f"{stem}-{n}.yaml", n + 1
    return name


def free_draft_name(lw: LoadedWorkspace, consultation_id: str) -> str:
    """The name a new draft of `consultation_id` is offered: `<id>.yaml`, else `<id>-2.yaml`, …"""
    return _free(lw.ws.drafts_dir, consultation_id)


def copy_name(path: Path) -> str:
    """The name offered for a copy of `path`: `<stem>-copy.yaml`, `<stem>-copy-2.yaml`, …"""
    return _free(path.parent, f"{path.stem}-copy")


def _target(folder: Path, name: str) -> Path:
    file = draft_file_name(name)
    target = folder / file
    if target.exists():
        raise InvalidFields({"name": f"{file} already exists: choose another name"})
    return target


# --------------------------------------------------------------------------- a new draft


@dataclass
class NewDraft:
    """A draft just written, and where its respondent came from ("" when from nowhere)."""

    path: Path
    carried: str = ""


def latest_draft(lw: LoadedWorkspace) -> tuple[Path, Draft] | None:
    """The most recently changed draft that reads as a draft (its file's modification time)."""
    best: tuple[float, Path, Draft] | None = None
    for path in lw.draft_paths():
        try:
            stamp = path.stat().st_mtime
        except OSError:
            continue
        if best is not None and (stamp, str(path)) <= (best[0], str(best[1])):
            continue
        model = load_draft(path).model
        if model is not None:
            best = (stamp, path, model)
    return (best[1], best[2]) if best else None


def _has_values(profile) -> bool:
    return profile is not None and any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in profile.model_dump().values())


def start_draft(lw: LoadedWorkspace, consultation: LoadedConsultation, today: dt.date, name: str) -> NewDraft:
    """Write a new draft named `name` in the drafts folder (refusing a name taken); its respondent as
    `write_new_draft` fills it."""
    return write_new_draft(lw, consultation, today, _target(lw.ws.drafts_dir, name))


def write_new_draft(lw: LoadedWorkspace, consultation: LoadedConsultation, today: dt.date, target: Path | None = None) -> NewDraft:
    """Write a new draft at `target` (FileExistsError when it exists; None: a free name in the
    drafts folder), every question listed. Its
    respondent is the workspace's profile (drafter.yaml `respondent:`); without one, the respondent
    and co-signers of the most recent draft. Both front doors (`drafter new`, the home screen's n)
    start drafts this way."""
    assert consultation.model is not None
    ws = lw.ws
    profile = ws.config.respondent if _has_values(ws.config.respondent) else None
    previous = None if profile is not None else latest_draft(lw)
    path = create_draft(ws.drafts_dir, consultation.model, today, out=target, schema=ws.state_dir / "schema" / "draft.json", profile=profile)
    if profile is not None:
        return NewDraft(path, f"the respondent profile in {ws.display(ws.root / 'drafter.yaml')}")
    if previous is None:
        return NewDraft(path)
    source, model = previous
    wanted = [*RESPONDENT_FIELDS, *consultation.model.respondent.required]
    given = model.respondent.model_dump(exclude_none=True)
    fields = {k: v for k in wanted if (v := given.get(k)) not in (None, "") and not (isinstance(v, str) and not v.strip())}
    cosigners = [c.model_dump(exclude_none=True) for c in model.cosigners]
    if not fields and not cosigners:
        return NewDraft(path)
    editor = DraftEditor.load(path)
    for key, value in fields.items():
        editor.set_respondent(key, value)
    if cosigners:
        editor.set_cosigners(cosigners)
    editor.save()
    what = "the respondent" if fields else ""
    if cosigners:
        what += (" and " if what else "") + plural(len(cosigners), "co-signer")
    return NewDraft(path, f"{what} of {ws.display(source)}")


# --------------------------------------------------------------------------- duplicate, rename


def duplicate_draft(path: Path, name: str) -> Path:
    """A copy of the draft `path` named `name`, beside it (byte for byte: comments and pins kept)."""
    target = _target(path.parent, name)
    atomic_write_bytes(target, path.read_bytes())
    return target


def rename_draft(path: Path, name: str, state_dir: Path | None = None) -> Path:
    """Rename the draft `path` to `name` in its folder; refuses a name taken. With the workspace's
    `state_dir`, the draft's recovery files follow it (`saving.move_recovery`)."""
    target = _target(path.parent, name)
    try:
        os.link(path, target)  # fails if `target` appeared meanwhile: never overwrites
    except FileExistsError:
        raise InvalidFields({"name": f"{target.name} already exists: choose another name"}) from None
    except OSError:
        os.rename(path, target)
    else:
        os.unlink(path)
    if state_dir is not None:
        move_recovery(state_dir, path, target)
    return target


# --------------------------------------------------------------------------- delete, restore


def trash_dir(lw: LoadedWorkspace) -> Path:
    return lw.ws.state_dir / TRASH


def _log(lw: LoadedWorkspace) -> list[dict[str, str]]:
    try:
        entries = json.loads((trash_dir(lw) / TRASH_LOG).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("trash"), str) and isinstance(e.get("from"), str)] if isinstance(entries, list) else []


def _write_log(lw: LoadedWorkspace, entries: list[dict[str, str]]) -> None:
    atomic_write_text(trash_dir(lw) / TRASH_LOG, json.dumps(entries, indent=1, ensure_ascii=False) + "\n")


def delete_draft(lw: LoadedWorkspace, path: Path, now: dt.datetime) -> Path:
    """Move the draft to `.drafter/trash/<time>-<name>` (recoverable with `restore_last_deleted`);
    returns where it went."""
    folder = trash_dir(lw)
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        atomic_write_text(ignore, "# deleted drafts, kept to be restored: never commit\n*\n")
    stamp = f"{now:%Y%m%d-%H%M%S}"
    target, n = folder / f"{stamp}-{path.name}", 2
    while target.exists():
        target, n = folder / f"{stamp}-{n}-{path.name}", n + 1
    shutil.move(str(path), str(target))
    _write_log(lw, [*_log(lw), {"trash": target.name, "from": os.path.relpath(path, lw.ws.root)}])
    return target


def last_deleted(lw: LoadedWorkspace) -> dict[str, str] | None:
    """The log entry of the draft deleted last that is still in the trash."""
    return next((e for e in reversed(_log(lw)) if (trash_dir(lw) / e["trash"]).is_file()), None)


def restore_last_deleted(lw: LoadedWorkspace) -> Path | None:
    """Put the draft deleted last back where it was (under `<name>-restored.yaml` when that name has
    been taken since); returns its path, or None when the trash holds none."""
    entry = last_deleted(lw)
    if entry is None:
        return None
    original = lw.ws.root / entry["from"]
    target = original
    if target.exists():
        target = original.parent / _free(original.parent, f"{original.stem}-restored")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(trash_dir(lw) / entry["trash"]), str(target))
    _write_log(lw, [e for e in _log(lw) if e != entry])
    return target
