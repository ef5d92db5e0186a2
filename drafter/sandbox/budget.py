"""The per-render budget of a block template: steps, characters and wall time, and the size of a value.

Invariant: every unit of template work is charged to the budget of the render in progress (a
context variable, so concurrent renders in threads keep their own); a render that spends more than
`MAX_STEPS`, `MAX_WORK_CHARS` or `MAX_SECONDS` stops with `TemplateBudgetExceeded`, and no value may
be larger than `MAX_VALUE_CHARS`.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
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


class TemplateBudgetExceeded(Exception):
    """A template asked for more work than a render allows; becomes a `template` finding."""


class Budget:
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


BUDGET: ContextVar[Budget | None] = ContextVar("drafter_template_budget", default=None)
"""The budget of the render in progress; None while compiling (constant folding is not charged)."""


def charge(steps: int = 1, chars: int = 0) -> None:
    budget = BUDGET.get()
    if budget is not None:
        budget.charge(steps, chars)


def size(obj: Any, limit: int = MAX_VALUE_CHARS, _depth: int = 0, *, strict: bool = False) -> int:
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
    return TemplateBudgetExceeded(f"{what} would be larger than {MAX_VALUE_CHARS:,} characters")


def check_value(value: Any, what: str = "a value") -> int:
    n = size(value)
    if n > MAX_VALUE_CHARS:
        raise too_big(what)
    return n

def counted(iterable: Any, budget: Budget, chars: int) -> Any:
    for item in iterable:
        budget.charge(1, chars)
        yield item
