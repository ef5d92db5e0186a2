"""The layers hold at run time: importing any core module loads no UI or command-line library.

The module list is built from the package itself, so a new core module is covered the day it is
added. (The import-linter contracts in pyproject.toml check the same rules statically.)
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import drafter

FRONT_DOORS = ("drafter.cli", "drafter.tui")
FORBIDDEN = ("textual", "click", "rich")


def all_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(drafter.__path__, "drafter."))


def core_modules() -> list[str]:
    return [m for m in all_modules() if not m.startswith(FRONT_DOORS) and m != "drafter.__main__"]


def loaded_after(imports: list[str]) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in imports)
        + "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_module_list_covers_the_core():
    core = core_modules()
    assert "drafter.model" in core and "drafter.checks.answers" in core and "drafter.ops.session" in core
    assert not any(m.startswith(FRONT_DOORS) for m in core)


def test_core_imports_no_ui_or_cli_library():
    loaded = loaded_after(core_modules())
    bad = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN or m.startswith(FRONT_DOORS))
    assert bad == []


def test_cli_check_does_not_import_textual():
    loaded = loaded_after(["drafter.cli"])
    assert "textual" not in loaded and not any(m.startswith("drafter.tui") for m in loaded)


def test_no_private_name_is_imported_across_modules():
    """A name starting with `_` is a module's own: another module never imports it (make it public,
    or move the code where it belongs)."""
    import ast
    from pathlib import Path

    root = Path(drafter.__file__).parent
    offences = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("drafter")):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        offences.append(f"{path.relative_to(root.parent)}:{node.lineno}: {alias.name}")
    assert offences == []


LIGHT_COMMANDS = [["--version"], ["--help"], ["rules"], ["schema", "block"], ["consultations"], ["library", "list"], ["stale"]]
HEAVY = ("jinja2", "markdown_it", "docxtpl", "docx", "textual")


def test_light_commands_load_no_template_markdown_or_word_library(tmp_path):
    """Commands that compose nothing start without Jinja, Markdown or the DOCX libraries."""
    from drafter.init import init_workspace

    init_workspace(tmp_path / "ws", sample=True)
    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: sys.__stderr__.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
        "from drafter.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    for args in LIGHT_COMMANDS:
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path / "ws")
        assert out.returncode == 0, (args, out.stderr)
        loaded = set(out.stderr.split("MODULES ")[-1].split())
        assert "drafter.cli" in loaded
        heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
        assert heavy == [], (args, heavy)
