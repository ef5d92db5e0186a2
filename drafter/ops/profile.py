"""The workspace's respondent profile: `respondent:` in drafter.yaml, which every new draft starts from
(`drafts.write_new_draft`). The UI's respondent form keeps a draft's respondent as the profile.

Invariant: drafter.yaml is edited in place (ruamel round-trip: its comments, key order and other keys
kept), under the writers' lock, and only with a value its model accepts; nothing else is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from ..init import ConfigError, config_for_edit
from ..model import RESPONDENT_FIELDS, Respondent, WorkspaceConfig
from ..workspace import CONFIG_NAME, Workspace
from ..yamlio import dump_roundtrip, plain_data
from ..yamlio.lock import locked


class ProfileError(ValueError):
    """drafter.yaml cannot take the profile (one line naming the file and why)."""


def _filled(value: Any) -> bool:
    return value not in (None, "") and not (isinstance(value, str) and not value.strip())


def save_profile(ws: Workspace, fields: dict[str, Any]) -> Path:
    """Keep `fields` (respondent field → value; empty ones left out) as the workspace's profile in
    drafter.yaml, the usual fields first (no field left: the profile is removed), and in `ws.config`.
    Returns the file; ProfileError when drafter.yaml cannot be read or would not load."""
    path = ws.root / CONFIG_NAME
    shown = ws.display(path)
    kept = {k: fields[k] for k in RESPONDENT_FIELDS if k in fields and _filled(fields[k])}
    kept.update({k: v for k, v in fields.items() if k not in kept and k not in RESPONDENT_FIELDS and _filled(v)})
    try:
        Respondent.model_validate(kept)
    except ValidationError as exc:
        raise ProfileError(f"the profile cannot be kept: {exc.errors()[0]['msg']}") from None
    with locked(path):
        try:
            data = config_for_edit(path, shown=shown)
        except ConfigError as exc:
            raise ProfileError(str(exc)) from None
        if kept:
            profile = data.get("respondent")
            if not isinstance(profile, CommentedMap):
                profile = CommentedMap()
                data["respondent"] = profile
            for key in [k for k in profile if k not in kept]:
                del profile[key]
            for key, value in kept.items():
                profile[key] = value
        else:
            data.pop("respondent", None)
        try:
            config = WorkspaceConfig.model_validate(plain_data(data))
        except ValidationError as exc:
            raise ProfileError(f"{shown}: not written, it would not load ({exc.errors()[0]['msg']})") from None
        dump_roundtrip(data, path)
    ws.config = config  # what the file now says: the next draft started in this process takes the profile
    return path
