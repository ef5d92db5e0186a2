"""Failures of a block template as findings: a runaway or blocked template is `template`, an undefined
placeholder is `unresolved-variable` naming the field to fill."""

from __future__ import annotations

import difflib
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
            hint = respondent_hint(key, context)
        elif path is not None and hint is None and isinstance(context.get(path.split(".")[0]), dict):
            top = path.split(".")[0]
            hint = f"`{top}` has: " + ", ".join(sorted(context[top]))
    if path is None:
        path = str(key) if key is not None else "?"
        message = f"placeholder `{path}` has no value{where}: {exc}"
    else:
        message = f"placeholder `{path}` has no value{where}"
    return finding("unresolved-variable", message, hint=hint, block=name)


def respondent_hint(key: str, context: dict) -> str:
    """What to do about `respondent.KEY` having no value: fill it — or, for a field no respondent
    has, the closest one that exists (`organization` → `organisation`)."""
    from ..model import RESPONDENT_FIELDS

    known = [*RESPONDENT_FIELDS, *(k for k in context.get("respondent") or {} if k not in RESPONDENT_FIELDS)]
    if key in known:
        return f"fill the respondent field '{key}' in the draft"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"there is no respondent field '{key}': did you mean '{close[0]}'? (the block's library should use that name)"
    return f"fill the respondent field '{key}' in the draft (add it under `respondent:`)"


def more_unresolved(template: Any, context: dict, name: str, reported: str) -> list[Finding]:
    """Every other `respondent.X`, `consultation.X` or `question.X` the template uses that has no
    value, besides the one already `reported` — so three typos are three findings in one run."""
    from jinja2 import nodes

    out: list[Finding] = []
    seen = {reported}
    for node in template.find_all(nodes.Getattr):
        if not isinstance(node.node, nodes.Name) or node.node.name not in ("respondent", "consultation", "question"):
            continue
        top = node.node.name
        value = context.get(top)
        if not isinstance(value, dict) or node.attr in value:
            continue
        path = f"{top}.{node.attr}"
        if path in seen:
            continue
        seen.add(path)
        hint = respondent_hint(node.attr, context) if top == "respondent" else f"`{top}` has: " + ", ".join(sorted(value))
        out.append(finding("unresolved-variable", f"placeholder `{path}` has no value (line {node.lineno} of the template)", hint=hint, block=name))
    return out


def _join_path(top: str, key: Any) -> str:
    return f"{top}.{key}" if isinstance(key, str) else f"{top}[{key!r}]"


