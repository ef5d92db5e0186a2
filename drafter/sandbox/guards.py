"""Guards on template operations: each refuses, before it runs, an operation whose result would be
too big (a repeated string, a huge power, a padding width, a `replace` or `join` blow-up), and wraps
Jinja's filters, loops, `range` and concatenation so that their work is charged to the budget.
"""

from __future__ import annotations

import re
import string
import types
from collections.abc import Callable, Iterable, Sized
from functools import wraps
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import markup_join

from .budget import (
    BUDGET,
    MAX_INT_BITS,
    MAX_RANGE,
    MAX_VALUE_CHARS,
    MAX_WIDTH,
    TemplateBudgetExceeded,
    charge,
    check_value,
    counted,
    size,
    too_big,
)


def check_width(value: Any, what: str) -> None:
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise TemplateBudgetExceeded(f"{what} {value} is above {MAX_WIDTH:,}")


def check_predicted(n: int, what: str) -> None:
    if n > MAX_VALUE_CHARS:
        raise too_big(what)


_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_printf(fmt: str) -> None:
    """Refuse `%`-formats whose width or precision would build a huge string."""
    for match in _PRINTF_SPEC.finditer(fmt):
        for group in match.groups():
            if group == "*":
                raise TemplateBudgetExceeded("a '*' width in a %-format is not allowed")
            if group is not None:
                check_width(int(group), "a %-format width")


def check_format(fmt: str) -> None:
    """Refuse `str.format` specs with huge widths or nested (argument-given) widths."""
    for _literal, _field, spec, _conv in string.Formatter().parse(fmt):
        if not spec:
            continue
        if "{" in spec:
            raise TemplateBudgetExceeded("a nested field in a format spec is not allowed")
        for digits in re.findall(r"\d+", spec):
            check_width(int(digits), "a format width")


def check_mul(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateBudgetExceeded(f"a product above {MAX_INT_BITS} bits")
        return
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
            check_predicted(size(seq) * max(times, 0), "a repeated value")


def check_pow(base: Any, exp: Any) -> None:
    if isinstance(base, int) and isinstance(exp, int) and exp > 0 and abs(base) > 1:
        if base.bit_length() * exp > MAX_INT_BITS:
            raise TemplateBudgetExceeded(f"a power above {MAX_INT_BITS} bits")


def bounded_list(iterable: Any) -> list:
    """Materialise a lazy iterable (e.g. a `|map(...)` result), one step per item, bounded in length."""
    if isinstance(iterable, (list, tuple, str, dict, range)):
        return iterable  # type: ignore[return-value]
    out = []
    for item in iterable:
        charge()
        out.append(item)
        if len(out) > MAX_VALUE_CHARS:
            raise too_big("a list")
    return out




def _arg(args: tuple, kwargs: dict, index: int, name: str, default: Any = None) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _predict_replace(s: str, old: Any, new: Any, count: Any) -> None:
    if not isinstance(old, str) or not isinstance(new, str):
        return
    occurrences = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    check_predicted(len(s) + occurrences * (len(new) - len(old)), "a replaced text")


def _predict_join(items: Any, sep: Any) -> None:
    sep_len = len(sep) if isinstance(sep, str) else size(sep)
    n = len(items) if isinstance(items, Sized) else 0
    check_predicted(size(items) + sep_len * n, "a joined text")


# --------------------------------------------------------------------------- checks on str methods


def precheck_str_method(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Refuse a str method call that would build a huge string; returns the (possibly listed) args."""
    if not isinstance(obj, types.BuiltinMethodType) or not isinstance(getattr(obj, "__self__", None), str):
        return args
    s: str = obj.__self__  # type: ignore[assignment]  # checked above
    name = obj.__name__
    if name in ("center", "ljust", "rjust", "zfill"):
        width = _arg(args, kwargs, 0, "width")
        if isinstance(width, int):
            check_predicted(width, f"str.{name}()")
    elif name == "expandtabs":
        tabsize = _arg(args, kwargs, 0, "tabsize", 8)
        if isinstance(tabsize, int):
            check_predicted(len(s) + s.count("\t") * max(tabsize, 0), "str.expandtabs()")
    elif name == "replace":
        _predict_replace(s, _arg(args, kwargs, 0, "old"), _arg(args, kwargs, 1, "new"), _arg(args, kwargs, 2, "count"))
    elif name == "join" and args:
        items = bounded_list(args[0])
        _predict_join(items, s)
        args = (items, *args[1:])
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((size(v) for v in args[0].values()), default=1)
        check_predicted(len(s) * max(longest, 1), "str.translate()")
    return args


# --------------------------------------------------------------------------- filters


def _filter_replace(value: Any, args: tuple, kwargs: dict) -> Any:
    _predict_replace(str(value), _arg(args, kwargs, 0, "old"), _arg(args, kwargs, 1, "new"), _arg(args, kwargs, 2, "count"))
    return value


def _filter_join(value: Any, args: tuple, kwargs: dict) -> Any:
    items = bounded_list(value)
    _predict_join(items, _arg(args, kwargs, 0, "d", ""))
    return items


def _filter_sum(value: Any, args: tuple, kwargs: dict) -> Any:
    start = _arg(args, kwargs, 1, "start", 0)
    if not isinstance(start, (int, float)):
        raise TemplateBudgetExceeded("|sum only adds numbers")  # list/str concatenation is quadratic
    return bounded_list(value)


def _filter_indent(value: Any, args: tuple, kwargs: dict) -> Any:
    width = _arg(args, kwargs, 0, "width", 4)
    per_line = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    text = str(value)
    check_predicted(len(text) + (text.count("\n") + 1) * max(per_line, 0), "an indented text")
    return value


def _filter_wordwrap(value: Any, args: tuple, kwargs: dict) -> Any:
    width = _arg(args, kwargs, 0, "width", 79)
    wrap = _arg(args, kwargs, 2, "wrapstring") or "\n"
    text = str(value)
    lines = len(text) // max(width if isinstance(width, int) else 1, 1) + text.count("\n") + 1
    check_predicted(len(text) + lines * size(wrap), "a wrapped text")
    return value


def _filter_format(value: Any, args: tuple, kwargs: dict) -> Any:
    if isinstance(value, str):
        check_printf(value)
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
REMOVED_FILTERS = ("random",)


def guard_filter(name: str, func: Callable) -> Callable:
    """Wrap a built-in filter: arguments and result bounded in size, widths bounded, one step spent."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context/env passed first
    check = _FILTER_CHECKS.get(name)
    widths = name in _WIDTH_FILTERS

    @wraps(func)  # keeps `jinja_pass_arg`, so Jinja passes the same first argument
    def guarded(*args: Any, **kwargs: Any) -> Any:
        lead, value, rest = args[:skip], args[skip], args[skip + 1 :]
        work = check_value(value, f"the value given to |{name}")
        for arg in (*rest, *kwargs.values()):
            work += check_value(arg, f"an argument of |{name}")
            if widths:
                check_width(arg, f"|{name} width")
        charge(1, work)  # a filter reads its input: big inputs in a loop run out of budget
        if check is not None:
            value = check(value, rest, kwargs)
        result = func(*lead, value, *rest, **kwargs)
        charge(0, check_value(result, f"the result of |{name}"))
        return result

    return guarded


@pass_context  # never constant-folded at compile time
def loop_filter(_context: Any, iterable: Any, chars: int = 0) -> Any:
    """Applied by the compiler to every `{% for %}`: each iteration spends a step and the loop body's text."""
    budget = BUDGET.get()
    return iterable if budget is None else counted(iterable, budget, chars)


LOOP_FILTER = "drafter_loop"


def bounded_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise TemplateBudgetExceeded(f"range of {len(r):,} items (at most {MAX_RANGE:,})")
    return r


def finalize(value: Any) -> Any:
    """Every `{{ … }}` output: bounded in size, charged to the render's budget, nothing undefined inside."""
    n = size(value, strict=True)
    if n > MAX_VALUE_CHARS:
        raise too_big("an output value")
    charge(0, n)
    return value


def bounded_str_join(seq: Iterable[Any]) -> str:
    """`a ~ b` concatenation, bounded like every other value."""
    parts: list[str] = []
    total = 0
    for piece in seq:
        if not isinstance(piece, str):
            if size(piece, strict=True) > MAX_VALUE_CHARS:
                raise too_big("a concatenated value")
            piece = str(piece)
        total += len(piece)
        if total > MAX_VALUE_CHARS:
            raise too_big("a concatenation")
        parts.append(piece)
    charge(1, total)
    return "".join(parts)


def bounded_markup_join(seq: Iterable[Any]) -> str:
    parts = list(seq)
    check_predicted(sum(size(p) for p in parts), "a concatenation")
    charge(1)
    return markup_join(parts)


