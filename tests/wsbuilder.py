"""Build small workspaces on disk for tests: a baseline that yields no failing finding, then mutate."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path

from ruamel.yaml import YAML

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()

_yaml = YAML(typ="rt")
_yaml.indent(mapping=2, sequence=4, offset=2)
_yaml.default_flow_style = False


def _literal(value):
    """Multi-line strings as `|` block scalars, as people write them."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def dump(data) -> str:
    buf = io.StringIO()
    _yaml.dump(_literal(data), buf)
    return buf.getvalue()


def baseline() -> dict:
    """Library, consultation and draft that check clean (no errors, no warnings)."""
    return {
        "library": {
            "name": "Test library",
            "namespace": "t",
            "review_every_days": 180,
            "themes": [{"id": t, "label": t.upper()} for t in ("alpha", "beta", "gamma")],
            "phrases": [
                {
                    "id": "negative",
                    "severity": "warning",
                    "message": "negative framing",
                    "hint": "state a positive proposal",
                    "patterns": [r"\bred lines?\b"],
                    "ignore_case": True,
                }
            ],
        },
        "blocks": {
            "one": {
                "id": "one",
                "title": "Block one",
                "themes": ["alpha"],
                "body": "The technical community at {{ respondent.organisation }} supports open standards.",
                "short": "We support open standards.",
                "reviewed": (TODAY - dt.timedelta(days=10)).isoformat(),
                "sources": [{"title": "Tunis Agenda", "url": "https://www.itu.int/net/wsis/"}],
            },
            "two": {
                "id": "two",
                "title": "Block two",
                "themes": ["beta"],
                "body": " ".join(["word"] * 40),
                "short": "Short words here.",
                "reviewed": (TODAY - dt.timedelta(days=10)).isoformat(),
            },
        },
        "consultation": {
            "id": "c1",
            "title": "Test consultation",
            "organiser": "Org",
            "deadline": (NOW + dt.timedelta(days=30)).isoformat(),
            "checked": (TODAY - dt.timedelta(days=1)).isoformat(),
            "respondent": {"required": ["name", "organisation"]},
            "sections": [
                {
                    "id": "s1",
                    "title": "Section one",
                    "questions": [
                        {"id": "1.1", "text": "Q one?", "required": True, "limit": {"words": 50}, "themes": ["alpha"]},
                        {"id": "1.2", "text": "Q two?", "limit": {"chars": 400}, "themes": ["beta"]},
                        {"id": "1.3", "text": "Q three?"},
                    ],
                }
            ],
        },
        "draft": {
            "consultation": "c1",
            "respondent": {"name": "Ada", "organisation": "Example Registry"},
            "answers": {
                "1.1": [{"block": "one", "pinned": "PIN:one"}],
                "1.2": [{"block": "two", "pinned": "PIN:two"}],
                "1.3": [{"text": "Our own words."}],
            },
        },
    }


def write(root: Path, spec: dict) -> Path:
    """Write a spec (as from `baseline()`) as a workspace; returns the draft's path.

    Pins written as "PIN:<id>" are replaced by the real hash of that block.
    """
    from drafter.model import Block
    from drafter.pins import pin_hash

    spec = copy.deepcopy(spec)
    (root / "positions" / "blocks").mkdir(parents=True, exist_ok=True)
    (root / "consultations").mkdir(exist_ok=True)
    (root / "drafts").mkdir(exist_ok=True)
    (root / "positions" / "library.yaml").write_text(dump(spec["library"]), encoding="utf-8")
    hashes = {}
    for bid, block in spec["blocks"].items():
        (root / "positions" / "blocks" / f"{bid}.yaml").write_text(dump(block), encoding="utf-8")
        hashes[bid] = pin_hash(Block.model_validate(block))
    (root / "consultations" / "c1.yaml").write_text(dump(spec["consultation"]), encoding="utf-8")
    for items in (spec["draft"].get("answers") or {}).values():
        for item in items or []:
            pin = item.get("pinned")
            if isinstance(pin, str) and pin.startswith("PIN:"):
                item["pinned"] = hashes[pin[4:]]
    draft = root / "drafts" / "d.yaml"
    draft.write_text(dump(spec["draft"]), encoding="utf-8")
    return draft
