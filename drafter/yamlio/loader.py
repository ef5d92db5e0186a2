"""The fast safe loader (libyaml through ruamel.yaml.clib) and the constructors it builds values with."""


from __future__ import annotations

from typing import Any

from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.nodes import ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.tag import Tag as _YTag

from .guards import (  # noqa: F401
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    MAX_SCHEMA_FINDINGS,
    MAX_TAGS,
    MAX_VALUES,
    CParser,
    alias_problem,
    describe_yaml_error,
    too_deep,
)


class Refused(Exception):
    def __init__(self, message: str, mark: Any = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.mark, self.hint = message, mark, hint


# --------------------------------------------------------------------------- the fast safe loader


class DataConstructor(SafeConstructor):
    """The safe constructor, but a scalar that looks like a date or number and is not one (month 13,
    an integer of 100,000 digits) stays a string, so that the schema names the key instead of the
    loader failing the whole file."""

    def _timestamp_or_str(self, node: Any, values: Any = None) -> Any:
        try:
            return SafeConstructor.construct_yaml_timestamp(self, node, values)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def _int_or_str(self, node: Any) -> Any:
        try:
            return SafeConstructor.construct_yaml_int(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def _float_or_str(self, node: Any) -> Any:
        try:
            return SafeConstructor.construct_yaml_float(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


DataConstructor.add_constructor("tag:yaml.org,2002:timestamp", DataConstructor._timestamp_or_str)
DataConstructor.add_constructor("tag:yaml.org,2002:int", DataConstructor._int_or_str)
DataConstructor.add_constructor("tag:yaml.org,2002:float", DataConstructor._float_or_str)


class RoundTripLoaderConstructor(RoundTripConstructor):
    """The round-trip constructor with the same leniency as `DataConstructor` (bad dates stay text)."""

    def _timestamp_or_str(self, node: Any, values: Any = None) -> Any:
        try:
            return RoundTripConstructor.construct_yaml_timestamp(self, node, values)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def _int_or_str(self, node: Any) -> Any:
        try:
            return RoundTripConstructor.construct_yaml_int(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def _float_or_str(self, node: Any) -> Any:
        try:
            return RoundTripConstructor.construct_yaml_float(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


RoundTripLoaderConstructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripLoaderConstructor._timestamp_or_str)
RoundTripLoaderConstructor.add_constructor("tag:yaml.org,2002:int", RoundTripLoaderConstructor._int_or_str)
RoundTripLoaderConstructor.add_constructor("tag:yaml.org,2002:float", RoundTripLoaderConstructor._float_or_str)


def _resolver_table() -> dict[Any, list[tuple[Any, Any]]]:
    """The YAML 1.2 implicit resolvers, by first character (None: any character), built once."""
    table: dict[Any, list[tuple[Any, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for ch in first if first is not None else [None]:
                table.setdefault(ch, []).append((tag, regexp))
    return table


_RESOLVERS = _resolver_table()
_RESOLVERS_ANY = tuple(_RESOLVERS.get(None, ()))
_TAGS = {tag: _YTag(suffix=tag) for pairs in _RESOLVERS.values() for tag, _ in pairs}
_RESOLVERS_BY_CHAR = {ch: tuple(pairs) + _RESOLVERS_ANY for ch, pairs in _RESOLVERS.items() if ch is not None}


if CParser is not None:

    class FastLoader(CParser, DataConstructor, VersionedResolver):
        """libyaml parser + safe constructor + YAML 1.2 resolver; what `YAML(typ="safe", pure=False)`
        builds on every call, built once here (and with a resolver that does not rebuild its rule
        table or raise two exceptions for every scalar)."""

        processing_version = (1, 2)

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            self._parser = self._composer = self
            DataConstructor.__init__(self, loader=self)
            self.allow_duplicate_keys = False
            VersionedResolver.__init__(self, version=(1, 2), loadumper=self)

        _count = 0

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            self._count += 1  # every node without an explicit tag comes through here
            if self._count > MAX_VALUES:
                raise Refused(
                    f"file has more than {MAX_VALUES:,} values",
                    None,
                    "drafter's files hold one block, library, consultation or draft each",
                )
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in _RESOLVERS_BY_CHAR.get(value[:1], _RESOLVERS_ANY):
                        if regexp.match(value):
                            return _TAGS[tag]
                return self.DEFAULT_SCALAR_TAG
            if kind is SequenceNode:
                return self.DEFAULT_SEQUENCE_TAG
            return self.DEFAULT_MAPPING_TAG

else:  # pragma: no cover
    FastLoader = None  # type: ignore[assignment, misc]


