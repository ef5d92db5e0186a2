"""Guards on template operations: each refuses, before it runs, an operation whose result would be
too big (a repeated string, a huge power, a padding width, a `replace`, `join`, `%` or `format`
blow-up) or whose single C call would be super-linear (a reverse search, `strip` with many
characters, a codec). The sandbox (`environment`) calls them on operators, calls and attribute
look-ups; `wrappers` on Jinja's filters.

Text methods are checked alike on `str`, `Markup`, `bytes` and `bytearray`, although a template
cannot make bytes: `encode`, `decode`, `maketrans` and `int.to_bytes` are refused outright, and a
call or filter whose result is bytes is refused — no bound relies on one defence only.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping, Sized
from typing import Any

from jinja2.exceptions import SecurityError

from .budget import (
    MAX_INT_BITS,
    MAX_SCAN,
    MAX_WIDTH,
    TemplateBudgetExceeded,
    charge,
    size,
    too_big,
    value_limit,
)

TEXT_TYPES = (str, bytes, bytearray)
"""Receivers whose methods the guards check (`Markup` is a `str`)."""

# --------------------------------------------------------------------------- refused outright

_CLOCK_METHODS = frozenset({"today", "now", "utcnow"})


def refused_method(obj: Any, name: str) -> str | None:
    """Why calling method `name` of `obj` is refused (the message of a SecurityError), or None.

    Codecs (`encode`/`decode`) are super-linear C calls on some inputs (`punycode`, `idna`) and make
    bytes, which no bound is written for; `int.to_bytes(n)` allocates `n` bytes; the clock would
    make rendering depend on the day it runs."""
    if isinstance(obj, TEXT_TYPES):
        if name in ("encode", "decode"):
            return f"encode/decode are not available in a template ({type(obj).__name__}.{name})"
        if name == "maketrans":
            return f"maketrans is not available in a template ({type(obj).__name__}.maketrans)"
    elif isinstance(obj, int) and name in ("to_bytes", "from_bytes"):
        return f"bytes are not available in a template (int.{name})"
    elif isinstance(obj, dt.date) and name in _CLOCK_METHODS:
        return f"the clock is not available in a template ({type(obj).__name__}.{name}): rendering does not depend on the day it runs"
    return None


def refused_attribute(obj: Any, attr: str) -> str | None:
    """Why `obj.attr` is refused, or None. Besides `refused_method`, no attribute of a class: `dict`
    is a global, and `dict.update(respondent, …)` would change the context in place (the immutable
    sandbox only knows the methods of instances), `dict.fromkeys` would build from a class."""
    if isinstance(obj, type):
        return f"attributes of a type are not available in a template ({obj.__name__}.{attr})"
    return refused_method(obj, attr)


def refuse_bytes(value: Any, what: str) -> None:
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise SecurityError(f"bytes are not available in a template ({what})")


def check_width(value: Any, what: str) -> None:
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise TemplateBudgetExceeded(f"{what} {value} is above {MAX_WIDTH:,}")


def check_predicted(n: int, what: str) -> None:
    if n > value_limit():
        raise too_big(what)


def check_scan(comparisons: int, what: str) -> None:
    """Refuse a single search that may compare more than `MAX_SCAN` characters."""
    if comparisons > MAX_SCAN:
        raise TemplateBudgetExceeded(f"{what} may compare more than {MAX_SCAN:,} characters")


_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_printf(fmt: str) -> None:
    """Refuse `%`-formats whose width or precision would build a huge string."""
    for match in _PRINTF_SPEC.finditer(fmt):
        for group in match.groups():
            if group == "*":
                raise TemplateBudgetExceeded("a '*' width in a %-format is not allowed")
            if group is not None:
                check_width(int(group), "a %-format width")


_PRINTF_FIELD = re.compile(r"%(?:%|(\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?)")
FIELD_OVERHEAD = 32
"""Characters a conversion may print beyond its argument's size, width and precision (a float's digits)."""


def check_printf_result(fmt: str, right: Any) -> None:
    """Refuse a `%`-format whose result would be too big: each conversion prints one argument,
    padded to its width and precision — `('%(a)s' * 40000) % {'a': s}` and
    `('%9999s' * 30000) % args` are refused before the format runs. Call after `check_printf`."""
    whole = size(right)
    total = len(fmt)
    index = 0  # the next positional argument
    for match in _PRINTF_FIELD.finditer(fmt):
        key, width, precision = match.groups()
        if match.group(0) == "%%":
            continue
        if key is not None and isinstance(right, Mapping):
            value_size = size(right.get(key[1:-1]))
        elif isinstance(right, tuple):
            value_size = size(right[index]) if index < len(right) else 0
            index += 1
        else:
            value_size = whole
        total += value_size + FIELD_OVERHEAD
        for digits in (width, precision):
            if digits is not None and digits.isdigit():
                total += int(digits)
        check_predicted(total, "a %-formatted text")


def check_format(fmt: str) -> None:
    """Refuse `str.format` specs with huge widths or nested (argument-given) widths."""
    for _literal, _field, spec, _conv in string.Formatter().parse(fmt):
        if not spec:
            continue
        if "{" in spec:
            raise TemplateBudgetExceeded("a nested field in a format spec is not allowed")
        for digits in re.findall(r"\d+", spec):
            check_width(int(digits), "a format width")


_FIELD_HEAD = re.compile(r"[^.\[]*")


def check_format_result(fmt: str, args: tuple, kwargs: Mapping) -> None:
    """Refuse a `str.format` whose result would be too big: each field prints its argument padded to
    the spec's widths — `('{0}' * 50000).format(s)` is refused before the format runs. Call after
    `check_format` (which bounds each width)."""
    largest = max((size(a) for a in (*args, *kwargs.values())), default=0)
    total = len(fmt)
    auto = 0
    for _literal, field, spec, _conv in string.Formatter().parse(fmt):
        if field is None:
            continue
        head = _FIELD_HEAD.match(field)
        key = head.group() if head else ""
        value: Any = None
        found = False
        if key == "":
            found, value = auto < len(args), args[auto] if auto < len(args) else None
            auto += 1
        elif key.isdigit():
            index = int(key)
            found, value = index < len(args), args[index] if index < len(args) else None
        elif key in kwargs:
            found, value = True, kwargs[key]
        total += (size(value) if found else largest) + FIELD_OVERHEAD + len(spec or "")
        total += sum(int(d) for d in re.findall(r"\d+", spec or ""))
        check_predicted(total, "a formatted text")


def check_mul(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateBudgetExceeded(f"a product above {MAX_INT_BITS} bits")
        return
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (*TEXT_TYPES, list, tuple)) and isinstance(times, int):
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
    limit = value_limit()
    for item in iterable:
        charge()
        out.append(item)
        if len(out) > limit:
            raise too_big("a list")
    return out




def call_arg(args: tuple, kwargs: dict, index: int, name: str, default: Any = None) -> Any:
    """Argument `index` of a call, or its keyword `name`, or `default`."""
    return args[index] if len(args) > index else kwargs.get(name, default)


def predict_replace(s: Any, old: Any, new: Any, count: Any) -> None:
    if not isinstance(old, TEXT_TYPES) or not isinstance(new, TEXT_TYPES):
        return
    try:
        occurrences = s.count(old) if old else len(s) + 1
    except TypeError:  # str and bytes mixed: the call itself fails
        return
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    check_predicted(len(s) + occurrences * (len(new) - len(old)), "a replaced text")


def predict_join(items: Any, sep: Any) -> None:
    sep_len = len(sep) if isinstance(sep, TEXT_TYPES) else size(sep)
    n = len(items) if isinstance(items, Sized) else 0
    check_predicted(size(items) + sep_len * n, "a joined text")


def check_strip(s: Any, chars: Any, what: str) -> None:
    """`strip(chars)` looks each stripped character up in `chars`: len(s) × len(chars) comparisons."""
    if isinstance(chars, TEXT_TYPES):
        check_scan(len(s) * len(chars), what)


# --------------------------------------------------------------------------- checks on text methods

_REVERSE_SEARCHES = frozenset({"rfind", "rindex", "rpartition", "rsplit"})


def precheck_str_method(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Refuse a text method call (on str, Markup, bytes or bytearray) that would build a huge value
    or run a super-linear search; returns the (possibly listed) args."""
    s = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", None)
    if not isinstance(s, TEXT_TYPES) or not isinstance(name, str):
        return args
    what = f"{type(s).__name__}.{name}()"
    reason = refused_method(s, name)
    if reason is not None:
        raise SecurityError(reason)
    if name in ("center", "ljust", "rjust", "zfill"):
        width = call_arg(args, kwargs, 0, "width")
        if isinstance(width, int):
            check_predicted(width, what)
    elif name == "expandtabs":
        tabsize = call_arg(args, kwargs, 0, "tabsize", 8)
        if isinstance(tabsize, int):
            tab = "\t" if isinstance(s, str) else b"\t"
            check_predicted(len(s) + s.count(tab) * max(tabsize, 0), what)  # type: ignore[arg-type]
    elif name in _REVERSE_SEARCHES:
        # Python's reverse search is not the linear two-way search of `find`: up to
        # (len(s) - len(sub)) × len(sub) comparisons
        sub = call_arg(args, kwargs, 0, "sep")
        if isinstance(sub, TEXT_TYPES) and len(sub) > 1:
            check_scan(max(len(s) - len(sub) + 1, 0) * len(sub), what)
    elif name in ("strip", "lstrip", "rstrip"):
        check_strip(s, call_arg(args, kwargs, 0, "chars"), what)
    elif name == "replace":
        predict_replace(s, call_arg(args, kwargs, 0, "old"), call_arg(args, kwargs, 1, "new"), call_arg(args, kwargs, 2, "count"))
    elif name == "join" and args:
        items = bounded_list(args[0])
        predict_join(items, s)
        args = (items, *args[1:])
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((size(v) for v in args[0].values()), default=1)
        check_predicted(len(s) * max(longest, 1), what)
    return args
