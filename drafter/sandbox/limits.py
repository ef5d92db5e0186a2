"""The sandbox's bounds: a per-render budget of steps, characters and time, and guards that refuse
operations whose result would be too big before they run."""

from __future__ import annotations

import re
import string
import time
import types
from collections.abc import Sized
from contextvars import ContextVar
from functools import wraps
from typing import Any, Callable, Iterable

from jinja2 import pass_context
from jinja2.runtime import Undefined, markup_join


_MAX_DEPTH = 32
"""Deepest container nesting measured when sizing a value."""

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


