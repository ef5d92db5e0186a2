"""Jinja's own machinery, wrapped so that its work is charged to the render's budget and bounded:
every built-in filter (arguments, widths and result bounded, and the filters that could blow up —
`replace`, `join`, `sum`, `indent`, `wordwrap`, `format`, `trim`, `tojson`, `urlize`, `pprint` —
checked before they run), every `{% for %}` loop, `range`, every `{{ … }}` output and `~`
concatenation. The sandbox (`environment`) installs them; the checks they share with operators and
text methods are in `guards`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import markup_join

from .budget import (
    BUDGET,
    MAX_DEPTH,
    MAX_RANGE,
    TemplateBudgetExceeded,
    charge,
    check_int,
    check_value,
    counted,
    size,
    too_big,
    value_limit,
)
from .guards import (
    FIELD_OVERHEAD,
    bounded_list,
    call_arg,
    check_predicted,
    check_printf,
    check_printf_result,
    check_strip,
    check_width,
    predict_join,
    predict_replace,
    refuse_bytes,
)

# --------------------------------------------------------------------------- filters


def _filter_replace(value: Any, args: tuple, kwargs: dict) -> Any:
    predict_replace(str(value), call_arg(args, kwargs, 0, "old"), call_arg(args, kwargs, 1, "new"), call_arg(args, kwargs, 2, "count"))
    return value


def _filter_join(value: Any, args: tuple, kwargs: dict) -> Any:
    items = bounded_list(value)
    predict_join(items, call_arg(args, kwargs, 0, "d", ""))
    return items


def _filter_sum(value: Any, args: tuple, kwargs: dict) -> Any:
    start = call_arg(args, kwargs, 1, "start", 0)
    if not isinstance(start, (int, float)):
        raise TemplateBudgetExceeded("|sum only adds numbers")  # list/str concatenation is quadratic
    return bounded_list(value)


def _filter_indent(value: Any, args: tuple, kwargs: dict) -> Any:
    width = call_arg(args, kwargs, 0, "width", 4)
    per_line = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    text = str(value)
    check_predicted(len(text) + (text.count("\n") + 1) * max(per_line, 0), "an indented text")
    return value


def _filter_wordwrap(value: Any, args: tuple, kwargs: dict) -> Any:
    width = call_arg(args, kwargs, 0, "width", 79)
    wrap = call_arg(args, kwargs, 2, "wrapstring") or "\n"
    text = str(value)
    lines = len(text) // max(width if isinstance(width, int) else 1, 1) + text.count("\n") + 1
    check_predicted(len(text) + lines * size(wrap), "a wrapped text")
    return value


def _filter_format(value: Any, args: tuple, kwargs: dict) -> Any:
    if isinstance(value, str):
        check_printf(value)
        check_printf_result(value, kwargs or args)
    return value


def _filter_trim(value: Any, args: tuple, kwargs: dict) -> Any:
    check_strip(str(value), call_arg(args, kwargs, 0, "chars"), "|trim")
    return value


def _nesting(obj: Any, depth: int = 0) -> int:
    """How deep containers nest in `obj` (at most MAX_DEPTH + 1)."""
    if depth > MAX_DEPTH or not isinstance(obj, (list, tuple, dict)):
        return depth
    items = obj.values() if isinstance(obj, dict) else obj
    return max((_nesting(item, depth + 1) for item in items), default=depth + 1)


def _filter_tojson(value: Any, args: tuple, kwargs: dict) -> Any:
    # with an indent, every item is on a line of its own, indented once per level it is nested in
    indent = call_arg(args, kwargs, 0, "indent")
    per_level = len(indent) if isinstance(indent, str) else indent if isinstance(indent, int) else 0
    if per_level > 0:
        n = size(value)
        check_predicted(n + n * (1 + per_level * _nesting(value)), "an indented JSON text")
    return value


def _filter_pprint(value: Any, args: tuple, kwargs: dict) -> Any:
    # pprint measures each nested value again at every level it is nested in: size × depth
    check_predicted(size(value) * max(_nesting(value), 1), "the work of |pprint")
    return value


def _filter_urlize(value: Any, args: tuple, kwargs: dict) -> Any:
    # each link repeats its URL (href and text) and carries the target and rel attributes; every
    # extra scheme that matches wraps the link again, which doubles it
    target, rel = call_arg(args, kwargs, 2, "target"), call_arg(args, kwargs, 3, "rel")
    schemes = call_arg(args, kwargs, 4, "extra_schemes")
    if schemes is not None and not isinstance(schemes, (list, tuple)):
        raise TemplateBudgetExceeded("|urlize extra_schemes must be a list")
    text = str(value)
    per_link = FIELD_OVERHEAD + size(target) + size(rel)
    predicted = len(text)
    for word in text.split():
        if "." in word or "@" in word or ":" in word:
            predicted += len(word) + 8 + per_link
    check_predicted(predicted * 2 ** min(len(schemes or ()), 64), "a text with links")
    return value


_FILTER_CHECKS: dict[str, Callable[[Any, tuple, dict], Any]] = {
    "replace": _filter_replace,
    "join": _filter_join,
    "sum": _filter_sum,
    "indent": _filter_indent,
    "wordwrap": _filter_wordwrap,
    "format": _filter_format,
    "trim": _filter_trim,
    "tojson": _filter_tojson,
    "urlize": _filter_urlize,
    "pprint": _filter_pprint,
}
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "round", "tojson"})
_WIDTH_NAMES = {"round": "precision", "tojson": "indent"}
REMOVED_FILTERS = ("random",)


def guard_filter(name: str, func: Callable) -> Callable:
    """Wrap a built-in filter: arguments and result bounded in size, widths bounded, one step spent."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context/env passed first
    check = _FILTER_CHECKS.get(name)
    widths = name in _WIDTH_FILTERS
    width_name = f"|{name} {_WIDTH_NAMES.get(name, 'width')}"

    @wraps(func)  # keeps `jinja_pass_arg`, so Jinja passes the same first argument
    def guarded(*args: Any, **kwargs: Any) -> Any:
        lead, value, rest = args[:skip], args[skip], args[skip + 1 :]
        work = check_value(value, f"the value given to |{name}")
        for arg in (*rest, *kwargs.values()):
            work += check_value(arg, f"an argument of |{name}")
            if widths:
                check_width(arg, width_name)
        charge(1, work)  # a filter reads its input: big inputs in a loop run out of budget
        if check is not None:
            value = check(value, rest, kwargs)
        result = func(*lead, value, *rest, **kwargs)
        refuse_bytes(result, f"the result of |{name}")
        charge(0, check_value(result, f"the result of |{name}"))
        return result

    return guarded


# --------------------------------------------------------------------------- loops, range, outputs, `~`


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
    check_int(value, "an output value")
    n = size(value, strict=True)
    if n > value_limit():
        raise too_big("an output value")
    charge(0, n)
    return value


def bounded_str_join(seq: Iterable[Any]) -> str:
    """`a ~ b` concatenation, bounded like every other value."""
    parts: list[str] = []
    total = 0
    limit = value_limit()
    for piece in seq:
        if not isinstance(piece, str):
            check_int(piece, "a concatenated value")
            if size(piece, strict=True) > limit:
                raise too_big("a concatenated value")
            piece = str(piece)
        total += len(piece)
        if total > limit:
            raise too_big("a concatenation")
        parts.append(piece)
    charge(1, total)
    return "".join(parts)


def bounded_markup_join(seq: Iterable[Any]) -> str:
    parts = list(seq)
    check_predicted(sum(size(p) for p in parts), "a concatenation")
    charge(1)
    return markup_join(parts)
