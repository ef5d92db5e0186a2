"""The sandbox block templates render in: bounded, deterministic, with findings for every failure.

Invariant: a block's template is untrusted (libraries are shared git repositories). It renders in
one module-level `ImmutableSandboxedEnvironment` with `StrictUndefined`, no loader and bounded work:

- attribute escapes (`__class__`, `__globals__`, …) and mutation of the context are refused by the
  sandbox; `{% include %}`, `{% import %}`, `{% from %}` and `{% extends %}` are refused before rendering;
- the globals are only a bounded `range` (at most `MAX_RANGE` items) and `dict`
  (no `cycler`, `joiner`, `namespace`, `lipsum`), and no attribute of a class (`dict.update`) is
  available; the `random` filter is removed and the clock (`today.today()`) refused so rendering is
  deterministic;
- codecs (`encode`, `decode`), `maketrans` and `int.to_bytes` are refused, and so is any call or
  filter that returns bytes: a template works on text;
- every loop iteration (the compiler routes each `{% for %}` through a counting filter), call,
  attribute look-up, filter and intercepted operator (`+ * ** %`) spends from a per-render budget
  (`MAX_STEPS` steps, `MAX_WORK_CHARS` characters processed, `MAX_SECONDS` of wall time); no single
  value may exceed `MAX_VALUE_CHARS` (checked on operators, calls, filters, `~` and every output),
  and the rendered text `MAX_OUTPUT_CHARS`; operations that would build a huge value
  (`'x' * 10**9`, `9**999999999`, `'%999999999s' % x`, `'{:>999999999}'.format(x)`,
  `('{0}' * 50000).format(s)`, `|center(10**9)`, `|round(10**9)`, `|tojson(10**9)`, `.replace` /
  `|join` / `|indent` / `|sum` / `|urlize` blow-ups, integers above `MAX_INT_BITS`) or run a
  super-linear single call (`rfind` and the other reverse searches, `strip` with many characters)
  are refused *before* they run. The bounds are far above what a position block needs and far below
  what would stall the UI.

Every failure is a finding, never an exception: a syntax error or blocked or runaway template is
`template`, an undefined placeholder is `unresolved-variable` (naming the respondent field to fill).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..findings import Finding, finding
from .budget import (
    BUDGET,
    MAX_INT_BITS,
    MAX_OUTPUT_CHARS,
    MAX_RANGE,
    MAX_SOURCE_CHARS,
    MAX_STEPS,
    MAX_VALUE_CHARS,
    Budget,
    TemplateBudgetExceeded,
)
from .failures import TOP_LEVEL, failure_finding, more_unresolved

__all__ = ["MAX_RANGE", "MAX_STEPS", "TOP_LEVEL", "TemplateBudgetExceeded", "render_template"]


# --------------------------------------------------------------------------- rendering


_OPENERS = re.compile(r"\{[{%#]")
_PLACEHOLDER = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*) *\}\}")
_NEWLINES = re.compile(r"\r\n|\r")


def _value(context: dict, path: str) -> str | None:
    """The text of `{{ path }}` as Jinja prints it, when `path` names plain data in the context
    (dicts all the way down, no dict method in the way); None for anything else."""
    value: Any = context
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value or (value is not context and hasattr(dict, key)):
            return None
        value = value[key]
    if not isinstance(value, (str, int, float, dt.date)):
        return None
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:  # refused by the engine (and str() may fail)
        return None
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else None


def render_simple(source: str, context: dict) -> str | None:
    """What Jinja renders for a text whose only template syntax is `{{ dotted.name }}` naming plain
    values, computed without compiling it; None when the text needs the engine (any other syntax, a
    value that is not plain text, a name with no value — whose finding the engine words).

    Jinja's own rules are kept: newlines normalised to `\\n`, one trailing newline dropped. Most
    blocks are plain text with a few placeholders, so a check or render compiles nothing for them."""
    if len(source) > MAX_SOURCE_CHARS:
        return None
    text = _NEWLINES.sub("\n", source)
    if text.endswith("\n"):
        text = text[:-1]
    openers = [m.start() for m in _OPENERS.finditer(text)]
    if not openers:
        return text
    placeholders = list(_PLACEHOLDER.finditer(text))
    if [m.start() for m in placeholders] != openers:  # some `{{`, `{%` or `{#` that is not a simple placeholder
        return None
    parts: list[str] = []
    last = 0
    for m in placeholders:
        value = _value(context, m.group(1))
        if value is None:
            return None
        parts += [text[last : m.start()], value]
        last = m.end()
    parts.append(text[last:])
    out = "".join(parts)
    return out if len(out) <= MAX_OUTPUT_CHARS else None


def render_template(source: str, context: dict, *, name: str) -> tuple[str | None, list[Finding]]:
    """Render one block text in the sandbox; errors, undefined names and runaway work become findings.

    Returns `(text, [])` on success and `(None, [finding])` on failure; findings carry `block=name`.
    """
    simple = render_simple(source, context)
    if simple is not None:
        return simple, []
    from .environment import ENV, compile_template  # (the engine is set up on first use)

    compiled = compile_template(source)
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

    token = BUDGET.set(Budget())
    parts: list[str] = []
    total = 0
    try:
        for chunk in compiled.template.generate(context):
            total += len(chunk)
            if total > MAX_OUTPUT_CHARS:
                raise TemplateBudgetExceeded(f"output longer than {MAX_OUTPUT_CHARS:,} characters")
            parts.append(chunk)
    except Exception as exc:  # every failure of an untrusted template is a finding
        first = failure_finding(exc, context, name)
        found = [first]
        if first.code == "unresolved-variable":
            reported = first.message.split("`")[1] if "`" in first.message else ""
            try:
                found += more_unresolved(ENV.parse(source), context, name, reported)
            except Exception:  # the first finding stands on its own
                pass
        return None, found
    finally:
        BUDGET.reset(token)
    return "".join(parts), []


