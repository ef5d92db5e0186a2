"""YAML in and out: fast safe loading with exact error positions, round-trip editing, atomic writes.

Invariant: reading never raises for bad input — every problem becomes a `Finding` naming file, line
and column (1-based); writing goes through a temporary file in the target folder and `os.replace`,
so a failed write leaves the previous file untouched.

Reading uses ruamel.yaml's C parser (libyaml via ruamel.yaml.clib) with the safe constructor.
Hostile input is bounded before it reaches anything recursive or exponential:

* nesting: the C composer recurses without a guard (50,000 levels crash the interpreter), so the
  text's nesting depth is bounded first — a cheap upper bound from the text, and where that bound
  is too high an exact count over the parser's event stream, which is iterative — and files deeper
  than `MAX_DEPTH` are refused;
* aliases: the composed node graph is measured with a memo before anything is constructed, and a
  file whose aliases expand to more than `MAX_NODES` values (a "billion laughs" bomb, or a merge-key
  bomb) or refer to their own parent is refused;
* size: files over `MAX_BYTES` are refused unread, files of more than `MAX_VALUES` values are
  refused while parsing, and at most `MAX_SCHEMA_FINDINGS` schema findings are made per file.

libyaml follows YAML 1.1 inside flow collections and refuses `tags: [wsis:C1]`, which YAML 1.2 and
the round-trip loader accept; for that error alone (and small files) the pure-Python parser is
asked too.

Positions of schema errors come from the node tree the loader composed anyway (every node carries
its start mark), so finding a key's line and column costs no second parse. `Loaded.position`
composes the text itself only for a `Loaded` made without one.
"""

from .atomic import atomic_write_bytes, atomic_write_text
from .guards import MAX_BYTES, MAX_DEPTH, MAX_NODES, MAX_SCHEMA_FINDINGS, MAX_TAGS, MAX_VALUES
from .read import C_PARSER, Loaded, Loc, read_yaml, read_yaml_text
from .roundtrip import dump_roundtrip, dumps_roundtrip, load_roundtrip, plain_data, timestamp, to_block_scalar
from .validate import load_model, validate

__all__ = [
    "C_PARSER", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "MAX_SCHEMA_FINDINGS", "MAX_TAGS", "MAX_VALUES",
    "Loaded", "Loc", "atomic_write_bytes", "atomic_write_text", "dump_roundtrip", "dumps_roundtrip",
    "load_model", "load_roundtrip", "plain_data", "read_yaml", "read_yaml_text", "timestamp", "to_block_scalar", "validate",
]
