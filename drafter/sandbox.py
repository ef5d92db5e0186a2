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
import string
import time
import types
from collections.abc import Sized
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, partial, wraps
from typing import Any, Callable, Iterable

from jinja2 import nodes, pass_context
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.runtime import LoopContext, StrictUndefined, Undefined, markup_join, missing
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .findings import Finding, finding


_MAX_DEPTH = 32
_TOP_LEVEL = ("respondent", "cosigners", "consultation", "question", "today")

__all__ = ["MAX_RANGE", "MAX_STEPS", "TemplateBudgetExceeded", "render_template"]

# --------------------------------------------------------------------------- limits and budget

MAX_STEPS = 100_000
"""Loop iterations, calls, attribute look-ups and intercepted operators per render."""
_CALL_STEPS = 10
"""Steps a call spends: a macro call costs some fifty times a loop iteration, so the budget runs out
long before the clock does (a function-call bomb stops in about a tenth of a second)."""
MAX_WORK_CHARS = 10_000_000
"""Characters read and produced per render: output, intermediate values (captures, macros), filter inputs."""
MAX_VALUE_CHARS = 200_000
"""Size of any one value (a string's length; a container's summed size)."""
MAX_OUTPUT_CHARS = 1_000_000
"""Length of a block's rendered text."""
MAX_RANGE = 10_000
"""Items in one `range(...)`."""
MAX_WIDTH = 10_000
"""A width, padding or count given to a formatting filter or method."""
MAX_INT_BITS = 4_096
"""Size of an integer built with `*` or `**`."""
MAX_SECONDS = 1.0
"""Wall-clock time per render."""
MAX_SOURCE_CHARS = 200_000
"""Length of a block's template text."""


class TemplateBudgetExceeded(Exception):
    """A template asked for more work than a render allows; becomes a `template` finding."""


class _Budget:
    __slots__ = ("steps", "chars", "deadline")

    def __init__(self) -> None:
        self.steps = 0
        self.chars = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def charge(self, steps: int = 1, chars: int = 0) -> None:
        self.steps += steps
        self.chars += chars
        if self.steps > MAX_STEPS:
            raise TemplateBudgetExceeded(f"more than {MAX_STEPS:,} steps (loop iterations, calls, look-ups)")
        if self.chars > MAX_WORK_CHARS:
            raise TemplateBudgetExceeded(f"more than {MAX_WORK_CHARS:,} characters processed")
        if time.monotonic() > self.deadline:
            raise TemplateBudgetExceeded(f"more than {MAX_SECONDS:g} s of work")


_BUDGET: ContextVar[_Budget | None] = ContextVar("drafter_template_budget", default=None)
"""The budget of the render in progress; None while compiling (constant folding is not charged)."""


def _charge(steps: int = 1, chars: int = 0) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.charge(steps, chars)


def _size(obj: Any, limit: int = MAX_VALUE_CHARS, _depth: int = 0, *, strict: bool = False) -> int:
    """Roughly how many characters `obj` becomes as text; stops counting once past `limit`.

    With `strict` (a value about to become text), an undefined value inside a container raises its
    error instead of printing as "Undefined".
    """
    if isinstance(obj, str):
        return len(obj)
    if isinstance(obj, bool) or obj is None:
        return 1
    if isinstance(obj, int):
        return obj.bit_length() // 3 + 1
    if isinstance(obj, range):
        return len(obj)
    if isinstance(obj, (list, tuple, set, frozenset, dict)):
        if _depth > _MAX_DEPTH:
            return limit + 1
        total = len(obj)
        if total > limit:
            return total
        for item in obj.items() if isinstance(obj, dict) else obj:
            total += _size(item, limit - total, _depth + 1, strict=strict)
            if total > limit:
                break
        return total
    if strict and _depth and isinstance(obj, Undefined):
        obj._fail_with_undefined_error()
    return 1


def _too_big(what: str) -> TemplateBudgetExceeded:
    return TemplateBudgetExceeded(f"{what} would be larger than {MAX_VALUE_CHARS:,} characters")


def _check_value(value: Any, what: str = "a value") -> int:
    n = _size(value)
    if n > MAX_VALUE_CHARS:
        raise _too_big(what)
    return n


def _check_width(value: Any, what: str) -> None:
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise TemplateBudgetExceeded(f"{what} {value} is above {MAX_WIDTH:,}")


def _check_predicted(n: int, what: str) -> None:
    if n > MAX_VALUE_CHARS:
        raise _too_big(what)


_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_printf(fmt: str) -> None:
    """Refuse `%`-formats whose width or precision would build a huge string."""
    for match in _PRINTF_SPEC.finditer(fmt):
        for group in match.groups():
            if group == "*":
                raise TemplateBudgetExceeded("a '*' width in a %-format is not allowed")
            if group is not None:
                _check_width(int(group), "a %-format width")


def _check_format(fmt: str) -> None:
    """Refuse `str.format` specs with huge widths or nested (argument-given) widths."""
    for _literal, _field, spec, _conv in string.Formatter().parse(fmt):
        if not spec:
            continue
        if "{" in spec:
            raise TemplateBudgetExceeded("a nested field in a format spec is not allowed")
        for digits in re.findall(r"\d+", spec):
            _check_width(int(digits), "a format width")


def _check_mul(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateBudgetExceeded(f"a product above {MAX_INT_BITS} bits")
        return
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
            _check_predicted(_size(seq) * max(times, 0), "a repeated value")


def _check_pow(base: Any, exp: Any) -> None:
    if isinstance(base, int) and isinstance(exp, int) and exp > 0 and abs(base) > 1:
        if base.bit_length() * exp > MAX_INT_BITS:
            raise TemplateBudgetExceeded(f"a power above {MAX_INT_BITS} bits")


def _bounded_list(iterable: Any) -> list:
    """Materialise a lazy iterable (e.g. a `|map(...)` result), one step per item, bounded in length."""
    if isinstance(iterable, (list, tuple, str, dict, range)):
        return iterable  # type: ignore[return-value]
    out = []
    for item in iterable:
        _charge()
        out.append(item)
        if len(out) > MAX_VALUE_CHARS:
            raise _too_big("a list")
    return out


def _counted(iterable: Any, budget: _Budget, chars: int) -> Any:
    for item in iterable:
        budget.charge(1, chars)
        yield item


def _arg(args: tuple, kwargs: dict, index: int, name: str, default: Any = None) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _predict_replace(s: str, old: Any, new: Any, count: Any) -> None:
    if not isinstance(old, str) or not isinstance(new, str):
        return
    occurrences = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    _check_predicted(len(s) + occurrences * (len(new) - len(old)), "a replaced text")


def _predict_join(items: Any, sep: Any) -> None:
    sep_len = len(sep) if isinstance(sep, str) else _size(sep)
    n = len(items) if isinstance(items, Sized) else 0
    _check_predicted(_size(items) + sep_len * n, "a joined text")


# --------------------------------------------------------------------------- checks on str methods


def _precheck_str_method(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Refuse a str method call that would build a huge string; returns the (possibly listed) args."""
    if not isinstance(obj, types.BuiltinMethodType) or not isinstance(getattr(obj, "__self__", None), str):
        return args
    s: str = obj.__self__
    name = obj.__name__
    if name in ("center", "ljust", "rjust", "zfill"):
        width = _arg(args, kwargs, 0, "width")
        if isinstance(width, int):
            _check_predicted(width, f"str.{name}()")
    elif name == "expandtabs":
        tabsize = _arg(args, kwargs, 0, "tabsize", 8)
        if isinstance(tabsize, int):
            _check_predicted(len(s) + s.count("\t") * max(tabsize, 0), "str.expandtabs()")
    elif name == "replace":
        _predict_replace(s, _arg(args, kwargs, 0, "old"), _arg(args, kwargs, 1, "new"), _arg(args, kwargs, 2, "count"))
    elif name == "join" and args:
        items = _bounded_list(args[0])
        _predict_join(items, s)
        args = (items, *args[1:])
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((_size(v) for v in args[0].values()), default=1)
        _check_predicted(len(s) * max(longest, 1), "str.translate()")
    return args


# --------------------------------------------------------------------------- filters


def _filter_replace(value: Any, args: tuple, kwargs: dict) -> Any:
    _predict_replace(str(value), _arg(args, kwargs, 0, "old"), _arg(args, kwargs, 1, "new"), _arg(args, kwargs, 2, "count"))
    return value


def _filter_join(value: Any, args: tuple, kwargs: dict) -> Any:
    items = _bounded_list(value)
    _predict_join(items, _arg(args, kwargs, 0, "d", ""))
    return items


def _filter_sum(value: Any, args: tuple, kwargs: dict) -> Any:
    start = _arg(args, kwargs, 1, "start", 0)
    if not isinstance(start, (int, float)):
        raise TemplateBudgetExceeded("|sum only adds numbers")  # list/str concatenation is quadratic
    return _bounded_list(value)


def _filter_indent(value: Any, args: tuple, kwargs: dict) -> Any:
    width = _arg(args, kwargs, 0, "width", 4)
    per_line = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    text = str(value)
    _check_predicted(len(text) + (text.count("\n") + 1) * max(per_line, 0), "an indented text")
    return value


def _filter_wordwrap(value: Any, args: tuple, kwargs: dict) -> Any:
    width = _arg(args, kwargs, 0, "width", 79)
    wrap = _arg(args, kwargs, 2, "wrapstring") or "\n"
    text = str(value)
    lines = len(text) // max(width if isinstance(width, int) else 1, 1) + text.count("\n") + 1
    _check_predicted(len(text) + lines * _size(wrap), "a wrapped text")
    return value


def _filter_format(value: Any, args: tuple, kwargs: dict) -> Any:
    if isinstance(value, str):
        _check_printf(value)
    return value


_FILTER_CHECKS: dict[str, Callable[[Any, tuple, dict], Any]] = {
    "replace": _filter_replace,
    "join": _filter_join,
    "sum": _filter_sum,
    "indent": _filter_indent,
    "wordwrap": _filter_wordwrap,
    "format": _filter_format,
}
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice"})
_REMOVED_FILTERS = ("random",)


def _guard_filter(name: str, func: Callable) -> Callable:
    """Wrap a built-in filter: arguments and result bounded in size, widths bounded, one step spent."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context/env passed first
    check = _FILTER_CHECKS.get(name)
    widths = name in _WIDTH_FILTERS

    @wraps(func)  # keeps `jinja_pass_arg`, so Jinja passes the same first argument
    def guarded(*args: Any, **kwargs: Any) -> Any:
        lead, value, rest = args[:skip], args[skip], args[skip + 1 :]
        work = _check_value(value, f"the value given to |{name}")
        for arg in (*rest, *kwargs.values()):
            work += _check_value(arg, f"an argument of |{name}")
            if widths:
                _check_width(arg, f"|{name} width")
        _charge(1, work)  # a filter reads its input: big inputs in a loop run out of budget
        if check is not None:
            value = check(value, rest, kwargs)
        result = func(*lead, value, *rest, **kwargs)
        _charge(0, _check_value(result, f"the result of |{name}"))
        return result

    return guarded


@pass_context  # never constant-folded at compile time
def _loop_filter(_context: Any, iterable: Any, chars: int = 0) -> Any:
    """Applied by the compiler to every `{% for %}`: each iteration spends a step and the loop body's text."""
    budget = _BUDGET.get()
    return iterable if budget is None else _counted(iterable, budget, chars)


_LOOP_FILTER = "drafter_loop"


def _bounded_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise TemplateBudgetExceeded(f"range of {len(r):,} items (at most {MAX_RANGE:,})")
    return r


def _finalize(value: Any) -> Any:
    """Every `{{ … }}` output: bounded in size, charged to the render's budget, nothing undefined inside."""
    n = _size(value, strict=True)
    if n > MAX_VALUE_CHARS:
        raise _too_big("an output value")
    _charge(0, n)
    return value


def _bounded_str_join(seq: Iterable[Any]) -> str:
    """`a ~ b` concatenation, bounded like every other value."""
    parts: list[str] = []
    total = 0
    for piece in seq:
        if not isinstance(piece, str):
            if _size(piece, strict=True) > MAX_VALUE_CHARS:
                raise _too_big("a concatenated value")
            piece = str(piece)
        total += len(piece)
        if total > MAX_VALUE_CHARS:
            raise _too_big("a concatenation")
        parts.append(piece)
    _charge(1, total)
    return "".join(parts)


def _bounded_markup_join(seq: Iterable[Any]) -> str:
    parts = list(seq)
    _check_predicted(sum(_size(p) for p in parts), "a concatenation")
    _charge(1)
    return markup_join(parts)


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


