"""The sandboxed Jinja environment block templates compile in, and the cache of compiled templates.

Invariant: one `ImmutableSandboxedEnvironment` with `StrictUndefined`, no loader and no globals but
a bounded `range` and `dict`; every operator, attribute look-up, call, filter and loop it runs is
charged to the render's budget (`budget`) and checked by `guards` before it builds anything large.
`{% include %}`, `{% import %}`, `{% from %}` and `{% extends %}` are refused at compile time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from jinja2.runtime import LoopContext, StrictUndefined, missing
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .budget import BUDGET, CALL_STEPS, MAX_SOURCE_CHARS, charge, check_value, counted
from .guards import (
    LOOP_FILTER,
    REMOVED_FILTERS,
    bounded_markup_join,
    bounded_range,
    bounded_str_join,
    check_format,
    check_mul,
    check_pow,
    check_printf,
    finalize,
    guard_filter,
    loop_filter,
    precheck_str_method,
)


class MissingValue(UndefinedError):
    """UndefinedError that remembers what was looked up on what, to name the field to fill."""

    def __init__(self, message: str | None = None, *, obj: Any = missing, name: Any = None) -> None:
        super().__init__(message)
        self.obj = obj
        self.name = name


class _StrictUndefined(StrictUndefined):
    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None, exc: Any = UndefinedError) -> None:
        if exc is UndefinedError:
            exc = partial(MissingValue, obj=obj, name=name)
        super().__init__(hint, obj, name, exc)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox with drafter's bounds on work (see the module docstring)."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self) -> None:
        super().__init__(
            undefined=_StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            finalize=finalize,
            cache_size=0,  # no loader, so Jinja's own cache is unused; ours is keyed by source
        )
        self.globals.clear()
        self.globals.update({"range": bounded_range, "dict": dict})
        for name in REMOVED_FILTERS:
            self.filters.pop(name, None)
        self.filters = {name: guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[LOOP_FILTER] = loop_filter

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        charge()
        if operator == "*":
            check_mul(left, right)
        elif operator == "**":
            check_pow(left, right)
        elif operator == "%" and isinstance(left, str):
            check_printf(left)
            check_value(right, "a %-format argument")
        result = self.binop_table[operator](left, right)
        charge(0, check_value(result, f"the result of '{operator}'"))
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        charge()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        charge()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt: str = value.__self__

        def guarded(*args: Any, **kwargs: Any) -> str:
            check_format(fmt)
            result = wrapper(*args, **kwargs)
            charge(0, check_value(result, "a formatted text"))
            return result

        return guarded

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        receiver = getattr(__obj, "__self__", None)
        work = len(receiver) if isinstance(receiver, str) else 0  # `s.split()` reads all of `s`
        for arg in (*args, *kwargs.values()):
            work += check_value(arg, "a call argument")
        charge(CALL_STEPS, work)
        args = precheck_str_method(__obj, args, kwargs)
        if isinstance(__obj, LoopContext) and args:  # `loop(children)` in a recursive for-loop
            budget = BUDGET.get()
            if budget is not None:
                args = (counted(args[0], budget, 0), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        charge(0, check_value(result, "a call's result"))
        return result


ENV = _Sandbox()
_FORBIDDEN_TAGS: tuple[tuple[type[nodes.Node], str], ...] = (
    (nodes.Extends, "extends"),
    (nodes.Include, "include"),
    (nodes.Import, "import"),
    (nodes.FromImport, "from … import"),
)


@dataclass(frozen=True)
class Compiled:
    template: Any = None  # jinja2.Template
    syntax: TemplateSyntaxError | None = None
    problem: str | None = None  # the message of a `template` finding


@lru_cache(maxsize=16384)
def compile_template(source: str) -> Compiled:
    """Parse, check and compile one template text; the outcome (template or error) is cached by text."""
    if len(source) > MAX_SOURCE_CHARS:
        return Compiled(problem=f"the template is longer than {MAX_SOURCE_CHARS:,} characters")
    try:
        return _compile_checked(source)
    except TemplateSyntaxError as exc:
        return Compiled(syntax=exc)
    except RecursionError:
        return Compiled(problem="the template cannot be compiled: it is nested too deeply")
    except Exception as exc:  # the parser or Python's compiler refusing hostile input
        return Compiled(problem=f"the template cannot be compiled: {type(exc).__name__}: {exc}")


def _compile_checked(source: str) -> Compiled:
    tree = ENV.parse(source)
    for kind, tag in _FORBIDDEN_TAGS:
        for node in tree.find_all(kind):
            return Compiled(problem=f"blocked by the sandbox: {{% {tag} %}} (line {node.lineno}) is not available in a block")
    for loop in list(tree.find_all(nodes.For)):
        body_chars = sum(len(d.data) for stmt in loop.body for d in stmt.find_all(nodes.TemplateData))
        wrapped = nodes.Filter(loop.iter, LOOP_FILTER, [nodes.Const(body_chars)], [], None, None)
        wrapped.set_lineno(loop.lineno)
        wrapped.set_environment(ENV)
        loop.iter = wrapped
    template = ENV.from_string(tree)
    namespace = template.root_render_func.__globals__  # the compiled module's globals
    namespace["str_join"] = bounded_str_join
    namespace["markup_join"] = bounded_markup_join
    return Compiled(template=template)


