"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.init import init_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A fresh copy of the bundled sample, as `drafter init --sample` makes it."""
    root = tmp_path / "ws"
    init_workspace(root, sample=True)
    return root
