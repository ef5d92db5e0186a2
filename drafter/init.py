"""`drafter init`: a workspace with drafter.yaml, the default folders and editor schemas.

Invariant: a new workspace passes its own `drafter lint`. drafter.yaml lists `positions/` as a
library only when it is one (it has `library.yaml`: the sample's, or one already there); otherwise
`libraries` is empty until `drafter library add` adds a shared one or the user makes `positions/` a
library and lists it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .library import LIBRARY_FILE
from .schema import write_schemas
from .workspace import CONFIG_NAME, STATE_DIR, copy_sample
from .yamlio import atomic_write_text

OWN_LIBRARY = "positions"
"""The folder of the workspace's own library (the model's default `libraries` entry)."""

_HEAD = """\
# yaml-language-server: $schema=.drafter/schema/workspace.json
# drafter workspace: where this folder keeps its libraries, consultations, templates and drafts.
# Paths are relative to this file.
"""

_OWN = f"""\
# Libraries of position blocks. Add a shared one with `drafter library add URL`.
libraries:
  - path: {OWN_LIBRARY}
"""

_NONE = f"""\
# Libraries of position blocks. Add a shared one with `drafter library add URL`. To keep your own
# blocks, give {OWN_LIBRARY}/ a library.yaml (name, namespace, themes) and list `- path: {OWN_LIBRARY}` here.
libraries: []
"""

_REST = """\
consultations:
  - consultations
templates:
  - templates
drafts: drafts
"""


def config_text(*, own_library: bool) -> str:
    """The drafter.yaml `init` writes: `positions/` listed as a library only when it is one."""
    return _HEAD + (_OWN if own_library else _NONE) + _REST


def has_own_library(folder: Path) -> bool:
    """Whether the workspace's `positions/` folder is a library (holds `library.yaml`)."""
    return (folder / OWN_LIBRARY / LIBRARY_FILE).is_file()


GITIGNORE_TEXT = "# drafter's parse cache and unsaved-edit recovery files: never commit\ncache/\nrecovery/\n"


def init_workspace(folder: Path, *, sample: bool = False) -> list[Path]:
    """Create (or complete) a workspace; existing files are never overwritten, except that the
    sample (`sample=True`) lists its library in an existing drafter.yaml whose `libraries` lacks it."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    config = folder / CONFIG_NAME
    if not config.exists():
        atomic_write_text(config, config_text(own_library=sample or has_own_library(folder)))
        written.append(config)
    elif sample and list_own_library(config):
        written.append(config)
    for name in (OWN_LIBRARY, "consultations", "templates", "drafts"):
        (folder / name).mkdir(exist_ok=True)
    state = folder / STATE_DIR
    written += write_schemas(state / "schema")
    ignore = state / ".gitignore"
    if not ignore.exists():
        atomic_write_text(ignore, GITIGNORE_TEXT)
        written.append(ignore)
    if sample:
        written += copy_sample(folder)
    return written


class ConfigError(ValueError):
    """drafter.yaml cannot be edited: one line naming the file and why."""


def config_for_edit(config: Path, *, shown: str | None = None, create: bool = True) -> Any:
    """The workspace's drafter.yaml at `config` for a round-trip edit (comments, key order and quoting
    kept; a `CommentedMap`), written first when missing (as `drafter init` writes it, `positions/`
    listed only when it is a library) unless `create` is False. ConfigError, naming the file as
    `shown` (default: its path), when it cannot be read or is not a mapping: every editor of
    drafter.yaml (shared libraries, the own library, the respondent profile) reads it this way."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    from .yamlio import load_roundtrip

    shown = shown or str(config)
    if create and not config.exists():
        atomic_write_text(config, config_text(own_library=has_own_library(config.parent)))
    try:
        data = load_roundtrip(config)
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise ConfigError(f"{shown}: cannot be read for editing ({type(exc).__name__}: {str(exc)[:200]}); `drafter lint` says where") from None
    if not isinstance(data, CommentedMap):
        raise ConfigError(f"{shown}: expected a mapping of settings")
    return data


def list_own_library(config: Path) -> bool:
    """Add `- path: positions` to an existing drafter.yaml whose `libraries` list lacks it (the
    sample's draft uses that library); True when the file changed. A file drafter cannot read or
    edit is left as it is (`drafter lint` reports it)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from .yamlio import dump_roundtrip

    try:
        data = config_for_edit(config, create=False)
    except ConfigError:
        return False
    libs = data.get("libraries")
    if not isinstance(libs, CommentedSeq):
        return False  # no key: the default is `positions` already; anything else is lint's to report
    if any(isinstance(item, dict) and Path(str(item.get("path", ""))) == Path(OWN_LIBRARY) for item in libs):
        return False
    libs.fa.set_block_style()
    libs.insert(0, CommentedMap(path=OWN_LIBRARY))
    dump_roundtrip(data, config)
    return True
