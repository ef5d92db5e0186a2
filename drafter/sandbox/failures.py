"""Failures of a block template as findings: a runaway or blocked template is `template`, an undefined
placeholder is `unresolved-variable` naming the field to fill."""

from __future__ import annotations

import re
from typing import Any

from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.runtime import missing

from ..findings import Finding, finding
from .budget import TemplateBudgetExceeded

TOP_LEVEL = ("respondent", "cosigners", "consultation", "question", "today")
"""The names a block's template can use."""


def failure_finding(exc: BaseException, context: dict, name: str) -> Finding:
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
            hint = "a block can use " + ", ".join(TOP_LEVEL)
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


