"""The `git` command, run as a subprocess: drafter has no network code of its own.

Invariant: every call is argument-list based (no shell), has a timeout, and raises `GitError` with
git's own message when it fails; a missing `git` is one clear error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


class GitError(Exception):
    """A git command failed (or git is not installed)."""


def git(*args: str, cwd: Path | None = None, timeout: float = 300) -> str:
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed: install it (e.g. `sudo apt install git`) to use shared libraries")
    # no prompts; only the transports a person means (never `ext::` or `fd::`, which run commands)
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_ALLOW_PROTOCOL": "file:git:http:https:ssh"}
    try:
        done = subprocess.run(
            [exe, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {args[0]} timed out after {timeout:.0f} s") from exc
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else 'exit ' + str(done.returncode)}")
    return done.stdout


def is_repo(path: Path) -> bool:
    return (path / ".git").exists()


def head(path: Path) -> str:
    return git("rev-parse", "HEAD", cwd=path).strip()


def dirty(path: Path) -> list[str]:
    """Uncommitted changes (tracked and untracked) as `git status --porcelain` lines."""
    return [line for line in git("status", "--porcelain", cwd=path).splitlines() if line.strip()]


def upstream(path: Path, ref: str | None) -> str:
    """What a sync follows: `origin/REF` when a ref is recorded, else the branch's upstream."""
    if ref:
        for candidate in (f"origin/{ref}", ref):
            try:
                return git("rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}", cwd=path).strip()
            except GitError:
                continue
        raise GitError(f"ref '{ref}' not found in origin")
    try:
        return git("rev-parse", "--verify", "@{upstream}", cwd=path).strip()
    except GitError as exc:
        raise GitError("the clone's branch follows no upstream branch (record one with --ref)") from exc


def is_ancestor(path: Path, older: str, newer: str) -> bool:
    try:
        git("merge-base", "--is-ancestor", older, newer, cwd=path)
        return True
    except GitError:
        return False


def file_versions(path: Path, rel: str, limit: int = 200) -> list[str]:
    """Contents of one file at each commit that touched it, newest first (renames followed)."""
    try:
        commits = git("log", f"-{limit}", "--follow", "--format=%H", "--", rel, cwd=path).split()
    except GitError:
        return []
    out = []
    for commit in commits:
        try:
            out.append(git("show", f"{commit}:{rel}", cwd=path))
        except GitError:
            continue
    return out
