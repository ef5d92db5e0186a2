"""Registries drive the docs: every command, render context name and finding code is documented."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.cli import cli
from drafter.findings import CODES
from drafter.render import context_names

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "drafter") -> list[str]:
    out = []
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        out += commands(command, full) if isinstance(command, click.Group) else [full]
    return out


def test_every_command_is_in_the_readme():
    missing = [c for c in commands(cli) if f"`{c}" not in README]
    assert missing == []


def test_every_render_context_name_is_in_the_readme():
    assert [n for n in context_names() if f"| `{n}` |" not in README] == []


def test_every_command_has_help():
    for name in commands(cli):
        parts = name.split()[1:]
        cmd = cli
        for part in parts:
            cmd = cmd.commands[part]
        assert (cmd.help or "").strip(), name


def test_every_code_has_a_sentence():
    for code in CODES.values():
        assert code.sentence.endswith(".") and code.severity


def test_committed_schemas_match_the_models():
    """The sample files' `$schema` lines point at .drafter/schema/*.json: keep them current
    (`python -m drafter.schema`)."""
    import json

    from drafter.schema import schemas

    folder = Path(__file__).parent.parent / ".drafter" / "schema"
    for kind, doc in schemas().items():
        assert json.loads((folder / f"{kind}.json").read_text(encoding="utf-8")) == doc, kind


def test_the_shipped_schema_files_are_those_the_models_give():
    """`drafter init` copies the shipped schema files when they were generated from these models;
    after a change to the models, `python -m drafter.schema` must be run (this test says so)."""
    import json

    from drafter.schema import SHIPPED, schema_texts, schemas, source_key

    assert (SHIPPED / "key").read_text(encoding="utf-8").strip() == source_key(), "run `python -m drafter.schema`"
    generated = {kind: json.dumps(doc, indent=2, ensure_ascii=False) + "\n" for kind, doc in schemas().items()}
    assert schema_texts() == generated


def test_stale_shipped_schemas_are_not_used(tmp_path, monkeypatch):
    import drafter.schema as schema_module

    (tmp_path / "key").write_text("not-these-models\n", encoding="utf-8")
    (tmp_path / "draft.json").write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(schema_module, "SHIPPED", tmp_path)
    assert schema_module.schema_texts()["draft"] != "{}\n"


def test_the_schema_key_follows_every_model_module(monkeypatch):
    """The models are a module per file kind: a change in any of them makes the shipped schemas stale."""
    from pathlib import Path

    import drafter.model as models
    from drafter.schema import source_key

    before = source_key()
    real = Path.read_bytes
    for module in models.MODULES:
        changed = Path(module.__file__)
        monkeypatch.setattr(Path, "read_bytes", lambda self, changed=changed: real(self) + (b"#" if self == changed else b""))
        assert source_key() != before, module.__name__
