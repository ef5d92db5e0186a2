"""The per-render budget of a template: steps, characters and wall time, and the size of a value.

Invariant: every unit of template work is charged to the budget of the render in progress (a
context variable, so concurrent renders in threads keep their own); a render that spends more than
its `Limits` (for a block: `MAX_STEPS`, `MAX_WORK_CHARS`, `MAX_SECONDS`) stops with
`TemplateBudgetExceeded`, and no value may be larger than its value limit (for a block
`MAX_VALUE_CHARS`). A DOCX template renders a whole document under the larger `DOCUMENT_LIMITS`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2.runtime import Undefined

MAX_DEPTH = 32
"""Deepest container nesting measured when sizing a value."""

# --------------------------------------------------------------------------- limits and budget

MAX_STEPS = 100_000
"""Loop iterations, calls, attribute look-ups and intercepted operators per render."""
CALL_STEPS = 10
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
MAX_SCAN = 10_000_000
"""Character comparisons one search may make where Python's search is not linear (`str.rfind` and the
other reverse searches, `str.strip(chars)`): above it the call is refused before it runs."""


@dataclass(frozen=True)
class Limits:
    """What one render may spend."""

    steps: int = MAX_STEPS
    work_chars: int = MAX_WORK_CHARS
    value_chars: int = MAX_VALUE_CHARS
    seconds: float = MAX_SECONDS


BLOCK_LIMITS = Limits()
"""A block's text: a few placeholders and short loops."""
DOCUMENT_LIMITS = Limits(steps=1_000_000, work_chars=50_000_000, value_chars=5_000_000, seconds=10.0)
"""A whole DOCX document: loops over every section and answer (a real template loops over ~100
answers), values as large as all the answers together."""


class TemplateBudgetExceeded(Exception):
    """A template asked for more work than a render allows; becomes a `template` finding."""


class Budget:
    __slots__ = ("steps", "chars", "deadline", "limits")

    def __init__(self, limits: Limits = BLOCK_LIMITS) -> None:
        self.limits = limits
        self.steps = 0
        self.chars = 0
        self.deadline = time.monotonic() + limits.seconds

    def charge(self, steps: int = 1, chars: int = 0) -> None:
        self.steps += steps
        self.chars += chars
        limits = self.limits
        if self.steps > limits.steps:
            raise TemplateBudgetExceeded(f"more than {limits.steps:,} steps (loop iterations, calls, look-ups)")
        if self.chars > limits.work_chars:
            raise TemplateBudgetExceeded(f"more than {limits.work_chars:,} characters processed")
        if time.monotonic() > self.deadline:
            raise TemplateBudgetExceeded(f"more than {limits.seconds:g} s of work")


BUDGET: ContextVar[Budget | None] = ContextVar("drafter_template_budget", default=None)
"""The budget of the render in progress; None while compiling (constant folding is not charged)."""


@contextmanager
def budgeted(limits: Limits = BLOCK_LIMITS) -> Iterator[Budget]:
    """Every template rendered inside the block spends from one new budget with these limits."""
    budget = Budget(limits)
    token = BUDGET.set(budget)
    try:
        yield budget
    finally:
        BUDGET.reset(token)


def value_limit() -> int:
    """The largest value the render in progress may build (the block limit outside a render)."""
    budget = BUDGET.get()
    return MAX_VALUE_CHARS if budget is None else budget.limits.value_chars


def charge(steps: int = 1, chars: int = 0) -> None:
    budget = BUDGET.get()
    if budget is not None:
        budget.charge(steps, chars)


def size(obj: Any, limit: int | None = None, _depth: int = 0, *, strict: bool = False) -> int:
    """Roughly how many characters `obj` becomes as text; stops counting once past `limit` (by
    default the render's value limit). Bytes count like text, one character a byte.

    With `strict` (a value about to become text), an undefined value inside a container raises its
    error instead of printing as "Undefined".
    """
    if limit is None:
        limit = value_limit()
    if isinstance(obj, (str, bytes, bytearray)):
        return len(obj)
    if isinstance(obj, bool) or obj is None:
        return 1
    if isinstance(obj, int):
        return obj.bit_length() // 3 + 1
    if isinstance(obj, range):
        return len(obj)
    if isinstance(obj, (list, tuple, set, frozenset, dict)):
        if _depth > MAX_DEPTH:
            return limit + 1
        total = len(obj)
        if total > limit:
            return total
        for item in obj.items() if isinstance(obj, dict) else obj:
            total += size(item, limit - total, _depth + 1, strict=strict)
            if total > limit:
                break
        return total
    if strict and _depth and isinstance(obj, Undefined):
        obj._fail_with_undefined_error()
    return 1


def too_big(what: str) -> TemplateBudgetExceeded:
    return TemplateBudgetExceeded(f"{what} would be larger than {value_limit():,} characters")


def check_int(value: Any, what: str = "a value") -> None:
    """Refuse an integer above `MAX_INT_BITS`: arithmetic on huge integers is super-linear, and
    Python cannot print one of more than 4,300 digits."""
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TemplateBudgetExceeded(f"{what} is an integer above {MAX_INT_BITS:,} bits")


def check_value(value: Any, what: str = "a value") -> int:
    check_int(value, what)
    n = size(value)
    if n > value_limit():
        raise too_big(what)
    return n


def counted(iterable: Any, budget: Budget, chars: int) -> Any:
    for item in iterable:
        budget.charge(1, chars)
        yield item
