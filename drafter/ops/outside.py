"""Edit an answer's own text in the user's editor ($VISUAL, else $EDITOR, else nano or vi).

Invariant: the text goes to a file in the workspace's `.drafter/edit/` folder that only the user can
read (the folder 0700, the file 0600), and the file is removed afterwards whatever happens; the text
read back is bounded in size and keeps no control character but tab and line feed; it is applied
through the session as one undoable step. How the editor runs (suspending a terminal UI) is the
caller's: it passes `run`, which runs the command and returns its exit status.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..model import TextItem
from .session import DraftSession, EditRefused

MAX_CHARS = 1_000_000  # characters of text read back (a text item, not a book)
FALLBACKS = ("nano", "vi")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

Runner = Callable[[list[str]], int]
Which = Callable[[str], str | None]


@dataclass(frozen=True)
class OutsideEdit:
    """What editing in the user's editor did: the item now holding the text (None: nothing changed
    or nothing could be done) and a sentence for the user."""

    index: int | None
    changed: bool
    message: str
    severity: Literal["information", "warning", "error"] = "information"


def editor_command(env: Mapping[str, str], which: Which = shutil.which) -> list[str] | str:
    """The command that edits a file (the file's path is appended), or why there is none."""
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError:
            return f"${name} cannot be read as a command: {value!r}"
        if not argv:
            continue
        if which(argv[0]) is None:
            return f"${name} is {value!r}, but no program {argv[0]!r} is found"
        return argv
    for program in FALLBACKS:
        found = which(program)
        if found:
            return [found]
    return "no editor: set $EDITOR (or $VISUAL) to the command of your editor"


def clean_text(text: str) -> str:
    """Text from an editor as drafter keeps typed text: line feeds only, no control characters but
    tab and line feed, no byte-order mark."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def edit_file_outside(folder: Path, text: str, run: Runner, argv: list[str]) -> str:
    """Write `text` to a private file in `folder`, run the editor on it, return what it holds then.

    OSError when the file cannot be written or read; ValueError when the text read back is not
    UTF-8 or too long, or the editor failed (its exit status not 0)."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    fd, name = tempfile.mkstemp(prefix="answer-", suffix=".md", dir=folder)  # mode 0600
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        status = run([*argv, str(path)])
        if status != 0:
            raise ValueError(f"the editor ended with status {status}; nothing was changed")
        with path.open("rb") as f:
            data = f.read(4 * MAX_CHARS + 1)
        if len(data) > 4 * MAX_CHARS:
            raise ValueError(f"the edited text is longer than {MAX_CHARS:,} characters; nothing was changed")
        try:
            edited = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("the edited file is not UTF-8 text; nothing was changed") from None
        if len(edited) > MAX_CHARS:
            raise ValueError(f"the edited text is longer than {MAX_CHARS:,} characters; nothing was changed")
        return edited
    finally:
        path.unlink(missing_ok=True)


def edit_answer_outside(session: DraftSession, tid: str, index: int | None, run: Runner,
                        env: Mapping[str, str] | None = None, which: Which = shutil.which) -> OutsideEdit:
    """Edit the answer to `tid` in the user's editor: text item `index` when it is one, else the
    answer's first text item, else a new text item at the end (only if some text was written)."""
    if session.target(tid).answer == "choice":
        return OutsideEdit(None, False, f"{tid} is answered by picking one of its choices, not by text.", "warning")
    argv = editor_command(os.environ if env is None else env, which)
    if isinstance(argv, str):
        return OutsideEdit(None, False, argv[:1].upper() + argv[1:] + ".", "warning")
    items = session.items(tid)
    if index is None or not (0 <= index < len(items) and isinstance(items[index], TextItem)):
        index = next((i for i, item in enumerate(items) if isinstance(item, TextItem)), None)
    current = items[index].text if index is not None else ""  # type: ignore[union-attr]
    try:
        edited = edit_file_outside(session.lw.ws.state_dir / "edit", current, run, argv)
    except (OSError, ValueError) as exc:
        return OutsideEdit(index, False, f"Not applied: {exc}.", "error")
    edited = clean_text(edited)
    # editors end a file with a line break; keep the item's own ending
    edited = edited.rstrip("\n") + ("\n" if current.endswith("\n") and edited.strip() else "")
    if index is None:
        if not edited.strip():
            return OutsideEdit(None, False, "Nothing written: the answer is unchanged.")
        at = session.add_text(tid, edited)
        return OutsideEdit(at, True, f"Added your text from the editor to {tid} (ctrl+z takes it back).")
    try:
        changed = session.replace_text(tid, index, edited, f"the text edited in your editor in {tid}")
    except EditRefused as exc:
        return OutsideEdit(index, False, f"Not applied: {exc}.", "error")
    if not changed:
        return OutsideEdit(index, False, "The text is unchanged.")
    return OutsideEdit(index, True, f"Took the text from the editor into {tid} (ctrl+z takes it back).")
