"""The sandbox block templates render in: bounded, deterministic, with findings for every failure.

Invariant: a block's template is untrusted (libraries are shared git repositories). It renders in
one module-level `ImmutableSandboxedEnvironment` with `StrictUndefined`, no loader and bounded work:

- attribute escapes (`__class__`, `__globals__`, …) and mutation of the context are refused by the
  sandbox; `{% include %}`, `{% import %}`, `{% from %}` and `{% extends %}` are refused before rendering;
- the globals are only a bounded `range` (at most `MAX_RANGE` items) and `dict`
  (no `cycler`, `joiner`, `namespace`, `lipsum`); the `random` filter is removed so rendering is
  deterministic;
- every loop iteration (the compiler routes each `{% for %}` through a counting filter), call,
  attribute look-up, filter and intercepted operator (`+ * ** %`) spends from a per-render budget
  (`MAX_STEPS` steps, `MAX_WORK_CHARS` characters processed, `MAX_SECONDS` of wall time); no single
  value may exceed `MAX_VALUE_CHARS` (checked on operators, calls, filters, `~` and every output),
  and the rendered text `MAX_OUTPUT_CHARS`; operations that would build a huge value
  (`'x' * 10**9`, `9**999999999`, `'%999999999s' % x`, `'{:>999999999}'.format(x)`,
  `|center(10**9)`, `.replace` / `|join` / `|indent` / `|sum` blow-ups) are refused *before* they
  run. The bounds are far above what a position block needs and far below what would stall the UI.

Every failure is a finding, never an exception: a syntax error or blocked or runaway template is
`template`, an undefined placeholder is `unresolved-variable` (naming the respondent field to fill).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, Callable

from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.runtime import LoopContext, StrictUndefined, missing
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..findings import Finding, finding
from .limits import (  # noqa: F401  (re-exported: MAX_*, TemplateBudgetExceeded)
    MAX_OUTPUT_CHARS,
    MAX_RANGE,
    MAX_SOURCE_CHARS,
    MAX_STEPS,
    TemplateBudgetExceeded,
    _BUDGET,
    _Budget,
    _CALL_STEPS,
    _LOOP_FILTER,
    _MAX_DEPTH,
    _REMOVED_FILTERS,
    _bounded_markup_join,
    _bounded_range,
    _bounded_str_join,
    _charge,
    _check_format,
    _check_mul,
    _check_pow,
    _check_printf,
    _check_value,
    _counted,
    _finalize,
    _guard_filter,
    _loop_filter,
    _precheck_str_method,
)




_TOP_LEVEL = ("respondent", "cosigners", "consultation", "question", "today")

__all__ = ["MAX_RANGE", "MAX_STEPS", "TemplateBudgetExceeded", "render_template"]

# --------------------------------------------------------------------------- the sandbox


class _Missing(UndefinedError):
    """UndefinedError that remembers what was looked up on what, to name the field to fill."""

    def __init__(self, message: str | None = None, *, obj: Any = missing, name: Any = None) -> None:
        super().__init__(message)
        self.obj = obj
        self.name = name


class _StrictUndefined(StrictUndefined):
    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None, exc: Any = UndefinedError) -> None:
        if exc is UndefinedError:
            exc = partial(_Missing, obj=obj, name=name)
        super().__init__(hint, obj, name, exc)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox with drafter's bounds on work (see the module docstring)."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self) -> None:
        super().__init__(
            undefined=_StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            finalize=_finalize,
            cache_size=0,  # no loader, so Jinja's own cache is unused; ours is keyed by source
        )
        self.globals.clear()
        self.globals.update({"range": _bounded_range, "dict": dict})
        for name in _REMOVED_FILTERS:
            self.filters.pop(name, None)
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[_LOOP_FILTER] = _loop_filter

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _charge()
        if operator == "*":
            _check_mul(left, right)
        elif operator == "**":
            _check_pow(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_printf(left)
            _check_value(right, "a %-format argument")
        result = self.binop_table[operator](left, right)
        _charge(0, _check_value(result, f"the result of '{operator}'"))
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        _charge()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _charge()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt: str = value.__self__

        def guarded(*args: Any, **kwargs: Any) -> str:
            _check_format(fmt)
            result = wrapper(*args, **kwargs)
            _charge(0, _check_value(result, "a formatted text"))
            return result

        return guarded

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        receiver = getattr(__obj, "__self__", None)
        work = len(receiver) if isinstance(receiver, str) else 0  # `s.split()` reads all of `s`
        for arg in (*args, *kwargs.values()):
            work += _check_value(arg, "a call argument")
        _charge(_CALL_STEPS, work)
        args = _precheck_str_method(__obj, args, kwargs)
        if isinstance(__obj, LoopContext) and args:  # `loop(children)` in a recursive for-loop
            budget = _BUDGET.get()
            if budget is not None:
                args = (_counted(args[0], budget, 0), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        _charge(0, _check_value(result, "a call's result"))
        return result


_ENV = _Sandbox()
_FORBIDDEN_TAGS: tuple[tuple[type[nodes.Node], str], ...] = (
    (nodes.Extends, "extends"),
    (nodes.Include, "include"),
    (nodes.Import, "import"),
    (nodes.FromImport, "from … import"),
)


@dataclass(frozen=True)
class _Compiled:
    template: Any = None  # jinja2.Template
    syntax: TemplateSyntaxError | None = None
    problem: str | None = None  # the message of a `template` finding


@lru_cache(maxsize=16384)
def _compile(source: str) -> _Compiled:
    """Parse, check and compile one template text; the outcome (template or error) is cached by text."""
    if len(source) > MAX_SOURCE_CHARS:
        return _Compiled(problem=f"the template is longer than {MAX_SOURCE_CHARS:,} characters")
    try:
        return _compile_checked(source)
    except TemplateSyntaxError as exc:
        return _Compiled(syntax=exc)
    except RecursionError:
        return _Compiled(problem="the template cannot be compiled: it is nested too deeply")
    except Exception as exc:  # the parser or Python's compiler refusing hostile input
        return _Compiled(problem=f"the template cannot be compiled: {type(exc).__name__}: {exc}")


def _compile_checked(source: str) -> _Compiled:
    tree = _ENV.parse(source)
    for kind, tag in _FORBIDDEN_TAGS:
        for node in tree.find_all(kind):
            return _Compiled(problem=f"blocked by the sandbox: {{% {tag} %}} (line {node.lineno}) is not available in a block")
    for loop in list(tree.find_all(nodes.For)):
        body_chars = sum(len(d.data) for stmt in loop.body for d in stmt.find_all(nodes.TemplateData))
        wrapped = nodes.Filter(loop.iter, _LOOP_FILTER, [nodes.Const(body_chars)], [], None, None)
        wrapped.set_lineno(loop.lineno)
        wrapped.set_environment(_ENV)
        loop.iter = wrapped
    template = _ENV.from_string(tree)
    namespace = template.root_render_func.__globals__  # the compiled module's globals
    namespace["str_join"] = _bounded_str_join
    namespace["markup_join"] = _bounded_markup_join
    return _Compiled(template=template)


# --------------------------------------------------------------------------- rendering


def render_template(source: str, context: dict, *, name: str) -> tuple[str | None, list[Finding]]:
    """Render one block text in the sandbox; errors, undefined names and runaway work become findings.

    Returns `(text, [])` on success and `(None, [finding])` on failure; findings carry `block=name`.
    """
    compiled = _compile(source)
    if compiled.syntax is not None:
        exc = compiled.syntax
        where = f" on line {exc.lineno} of the template" if exc.lineno else ""
        return None, [
            finding(
                "template",
                f"template syntax error{where}: {exc.message}",
                hint="check the block's Jinja markup: {{ placeholder }} and {% tag %} must be closed",
                block=name,
            )
        ]
    if compiled.problem is not None:
        return None, [finding("template", compiled.problem, block=name)]

    token = _BUDGET.set(_Budget())
    parts: list[str] = []
    total = 0
    try:
        for chunk in compiled.template.generate(context):
            total += len(chunk)
            if total > MAX_OUTPUT_CHARS:
                raise TemplateBudgetExceeded(f"output longer than {MAX_OUTPUT_CHARS:,} characters")
            parts.append(chunk)
    except Exception as exc:  # every failure of an untrusted template is a finding
        return None, [_failure(exc, context, name)]
    finally:
        _BUDGET.reset(token)
    return "".join(parts), []


def _failure(exc: BaseException, context: dict, name: str) -> Finding:
    line = _template_line(exc)
    where = f" (line {line} of the template)" if line else ""
    if isinstance(exc, UndefinedError) and not isinstance(exc, SecurityError):
        return _unresolved(exc, context, name, where)
    if isinstance(exc, SecurityError):
        return finding("template", f"blocked by the sandbox{where}: {exc}", block=name)
    if isinstance(exc, TemplateBudgetExceeded):
        return finding(
            "template",
            f"the template does more work than allowed{where}: {exc}",
            hint="a block should be text with a few placeholders; simplify its loops and expressions",
            block=name,
        )
    if isinstance(exc, (RecursionError, MemoryError)):
        what = "recursion too deep" if isinstance(exc, RecursionError) else "out of memory"
        return finding("template", f"the template does more work than allowed{where}: {what}", block=name)
    return finding("template", f"the template cannot be rendered{where}: {type(exc).__name__}: {exc}", block=name)


def _template_line(exc: BaseException) -> int | None:
    """The template line of the innermost template frame in the (Jinja-rewritten) traceback."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_UNDEFINED_NAME = re.compile(r"has no attribute '([^']+)'|has no element (.+)$|^'([^']+)' is undefined")


def _unresolved(exc: UndefinedError, context: dict, name: str, where: str) -> Finding:
    obj = getattr(exc, "obj", missing)
    key = getattr(exc, "name", None)
    if key is None:  # an UndefinedError not raised by our Undefined: read the name from the message
        match = _UNDEFINED_NAME.search(str(exc))
        key = next((g for g in match.groups() if g), None) if match else None
    path = None
    hint = None
    if obj is missing:
        path = str(key) if key is not None else None
        if path is not None and path not in context:
            hint = "a block can use " + ", ".join(_TOP_LEVEL)
    else:
        for top, value in context.items():
            if obj is value and (value is not None or top == "question"):
                path = _join_path(top, key)
                if value is None:
                    hint = "this text is composed for no particular question"
                break
        else:
            for i, cosigner in enumerate(context.get("cosigners") or ()):
                if obj is cosigner:
                    path = _join_path(f"cosigners[{i}]", key)
                    hint = f"fill '{key}' for each cosigner in the draft"
                    break
        if path is not None and path.startswith("respondent.") and isinstance(key, str):
            hint = f"fill the respondent field '{key}' in the draft"
        elif path is not None and hint is None and isinstance(context.get(path.split(".")[0]), dict):
            top = path.split(".")[0]
            hint = f"`{top}` has: " + ", ".join(sorted(context[top]))
    if path is None:
        path = str(key) if key is not None else "?"
        message = f"placeholder `{path}` has no value{where}: {exc}"
    else:
        message = f"placeholder `{path}` has no value{where}"
    return finding("unresolved-variable", message, hint=hint, block=name)


def _join_path(top: str, key: Any) -> str:
    return f"{top}.{key}" if isinstance(key, str) else f"{top}[{key!r}]"


