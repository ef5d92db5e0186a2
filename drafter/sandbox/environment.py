"""The sandboxed Jinja environments templates compile in, and the cache of compiled block templates.

Invariant: block templates compile in one `ImmutableSandboxedEnvironment` (`ENV`) with
`StrictUndefined`, no loader and no globals but a bounded `range` and `dict`; every operator,
attribute look-up, call, filter and loop it runs is charged to the render's budget (`budget`) and
checked by `guards` (filters, loops and outputs through `wrappers`) before it builds anything
large. Every template the environment parses — also one compiled by a library such as docxtpl
through `from_string` — has each `{% for %}` routed through the counting loop filter, and its `~`
concatenation bounded. `{% include %}`, `{% import %}`,
`{% from %}` and `{% extends %}` are refused at compile time.

DOCX templates (which may come from another organisation, like blocks) render in
`document_environment()`: the same sandbox with autoescape, a few more globals, and a check that
the rendered XML cannot stall docxtpl's post-processing; `render_docx` runs it under a
`budget.DOCUMENT_LIMITS` budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from jinja2 import nodes
from jinja2.environment import Template
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.runtime import LoopContext, StrictUndefined, Undefined, missing
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from .budget import BUDGET, CALL_STEPS, MAX_SOURCE_CHARS, TemplateBudgetExceeded, charge, check_value, counted
from .guards import (
    TEXT_TYPES,
    check_format,
    check_format_result,
    check_mul,
    check_pow,
    check_printf,
    check_printf_result,
    precheck_str_method,
    refuse_bytes,
    refused_attribute,
    refused_method,
)
from .wrappers import (
    LOOP_FILTER,
    REMOVED_FILTERS,
    bounded_markup_join,
    bounded_range,
    bounded_str_join,
    finalize,
    guard_filter,
    loop_filter,
)


class MissingValue(UndefinedError):
    """UndefinedError that remembers what was looked up on what, to name the field to fill."""

    def __init__(self, message: str | None = None, *, obj: Any = missing, name: Any = None) -> None:
        super().__init__(message)
        self.obj = obj
        self.name = name


class _StrictUndefined(StrictUndefined):
    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None, exc: Any = UndefinedError) -> None:
        if exc is UndefinedError:
            exc = partial(MissingValue, obj=obj, name=name)
        super().__init__(hint, obj, name, exc)


class BoundedTemplate(Template):
    """A template whose `~` concatenation (the compiled module's `str_join` / `markup_join`) is bounded."""

    @classmethod
    def from_code(cls, environment: Any, code: Any, globals: Any, uptodate: Callable[[], bool] | None = None) -> Any:
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__  # the compiled module's globals
        namespace["str_join"] = bounded_str_join
        namespace["markup_join"] = bounded_markup_join
        return template


class _Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox with drafter's bounds on work (see the module docstring)."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})
    template_class = BoundedTemplate

    def __init__(
        self,
        *,
        autoescape: bool = False,
        finalize_output: Callable[[Any], Any] | None = None,
        extra_globals: dict[str, Any] | None = None,
    ) -> None:
        """`finalize_output` runs on every `{{ … }}` output after the sandbox's own `finalize`."""
        if finalize_output is None:
            output = finalize
        else:
            outer = finalize_output

            def output(value: Any) -> Any:
                return outer(finalize(value))

        super().__init__(
            undefined=_StrictUndefined,
            autoescape=autoescape,
            keep_trailing_newline=False,
            finalize=output,
            cache_size=0,  # no loader, so Jinja's own cache is unused; ours is keyed by source
        )
        self.globals.clear()
        self.globals.update({"range": bounded_range, "dict": dict, **(extra_globals or {})})
        for name in REMOVED_FILTERS:
            self.filters.pop(name, None)
        self.filters = {name: guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[LOOP_FILTER] = loop_filter

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, and route every `{% for %}` through the loop filter: each iteration spends a step
        and its body's text (whoever compiles the template: `compile_template`, docxtpl, …)."""
        tree = super()._parse(source, name, filename)
        for loop in list(tree.find_all(nodes.For)):
            body_chars = sum(len(d.data) for stmt in loop.body for d in stmt.find_all(nodes.TemplateData))
            wrapped = nodes.Filter(loop.iter, LOOP_FILTER, [nodes.Const(body_chars)], [], None, None)
            wrapped.set_lineno(loop.lineno)
            wrapped.set_environment(self)
            loop.iter = wrapped
        return tree

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return refused_attribute(obj, attr) is None and super().is_safe_attribute(obj, attr, value)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        reason = refused_attribute(obj, attribute)
        if reason is None:
            return super().unsafe_undefined(obj, attribute)
        return self.undefined(reason, name=attribute, obj=obj, exc=SecurityError)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        charge()
        refuse_bytes(left, f"'{operator}'")
        refuse_bytes(right, f"'{operator}'")
        if operator == "*":
            check_mul(left, right)
        elif operator == "**":
            check_pow(left, right)
        elif operator == "%" and isinstance(left, str):
            check_printf(left)
            check_value(right, "a %-format argument")
            check_printf_result(left, right)
        result = self.binop_table[operator](left, right)
        charge(0, check_value(result, f"the result of '{operator}'"))
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        charge()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        charge()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt: str = value.__self__
        is_format_map = value.__name__ == "format_map"

        def guarded(*args: Any, **kwargs: Any) -> str:
            check_format(fmt)
            if is_format_map:
                mapping = args[0] if len(args) == 1 and isinstance(args[0], dict) and not kwargs else {}
                check_format_result(fmt, (), mapping)
            else:
                check_format_result(fmt, args, kwargs)
            result = wrapper(*args, **kwargs)
            charge(0, check_value(result, "a formatted text"))
            return result

        return guarded

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        receiver = getattr(__obj, "__self__", None)
        method = getattr(__obj, "__name__", None)
        if receiver is not None and isinstance(method, str):
            reason = refused_method(receiver, method)  # (the look-up refuses it first; a second defence)
            if reason is not None:
                raise SecurityError(reason)
        work = len(receiver) if isinstance(receiver, TEXT_TYPES) else 0  # `s.split()` reads all of `s`
        for arg in (*args, *kwargs.values()):
            work += check_value(arg, "a call argument")
        charge(CALL_STEPS, work)
        args = precheck_str_method(__obj, args, kwargs)
        if isinstance(__obj, LoopContext) and args:  # `loop(children)` in a recursive for-loop
            budget = BUDGET.get()
            if budget is not None:
                args = (counted(args[0], budget, 0), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        refuse_bytes(result, "a call's result")
        charge(0, check_value(result, "a call's result"))
        return result


ENV = _Sandbox()
_FORBIDDEN_TAGS: tuple[tuple[type[nodes.Node], str], ...] = (
    (nodes.Extends, "extends"),
    (nodes.Include, "include"),
    (nodes.Import, "import"),
    (nodes.FromImport, "from … import"),
)


@dataclass(frozen=True)
class Compiled:
    template: Any = None  # jinja2.Template
    syntax: TemplateSyntaxError | None = None
    problem: str | None = None  # the message of a `template` finding


@lru_cache(maxsize=16384)
def compile_template(source: str) -> Compiled:
    """Parse, check and compile one template text; the outcome (template or error) is cached by text."""
    if len(source) > MAX_SOURCE_CHARS:
        return Compiled(problem=f"the template is longer than {MAX_SOURCE_CHARS:,} characters")
    try:
        return _compile_checked(source)
    except TemplateSyntaxError as exc:
        return Compiled(syntax=exc)
    except RecursionError:
        return Compiled(problem="the template cannot be compiled: it is nested too deeply")
    except Exception as exc:  # the parser or Python's compiler refusing hostile input
        return Compiled(problem=f"the template cannot be compiled: {type(exc).__name__}: {exc}")


def _compile_checked(source: str) -> Compiled:
    tree = ENV.parse(source)  # (loops already routed through the loop filter)
    for kind, tag in _FORBIDDEN_TAGS:
        for node in tree.find_all(kind):
            return Compiled(problem=f"blocked by the sandbox: {{% {tag} %}} (line {node.lineno}) is not available in a block")
    return Compiled(template=ENV.from_string(tree))


# --------------------------------------------------------------------------- DOCX templates

# docxtpl post-processes each rendered part with regular expressions such as
# `<w:p(?: [^>]*)?>.*?</w:p>` (`resolve_listing`): every opening tag with no closing tag after it
# costs a scan to the end of the text, so many of them (a loop over a self-closing paragraph, or
# `|safe` text) make that quadratic in one uninterruptible call. The rendered text is measured first.
_DOCXTPL_OPENING = re.compile(r"<w:([prt])([ >])|<w:([pr])Pr>")
_DOCXTPL_SCAN_PER_CHAR = 16
_DOCXTPL_SCAN = 20_000_000


def check_docxtpl_scan(xml: str) -> None:
    """Refuse a rendered part whose post-processing by docxtpl would scan far more than its length:
    the sum, over each opening tag its expressions try, of the distance to the `>` and the closing
    tag they look for (an upper bound of their work)."""
    end = len(xml)
    limit = _DOCXTPL_SCAN + _DOCXTPL_SCAN_PER_CHAR * end
    next_close: dict[str, int] = {}
    next_gt = -1
    cost = 0
    for match in _DOCXTPL_OPENING.finditer(xml):
        pos = match.start()
        tag, after, props = match.groups()
        if tag is None:
            close, start = f"</w:{props}Pr>", match.end()
        else:
            close, start = f"</w:{tag}>", match.end()
            if after == " ":  # attributes: `[^>]*` runs to the next `>` (and back, when there is none)
                if next_gt < pos:
                    found = xml.find(">", pos)
                    next_gt = end if found == -1 else found
                cost += 2 * (next_gt - pos)
                start = next_gt
        at = next_close.get(close, -1)
        if at < start:
            found = xml.find(close, start)
            at = end if found == -1 else found
            next_close[close] = at
        cost += at - pos
        if cost > limit:
            raise TemplateBudgetExceeded(
                "the rendered XML has too many unclosed Word tags (<w:p>, <w:r>, <w:t>) for docxtpl to process"
            )


class DocumentTemplate(BoundedTemplate):
    """A DOCX template part: its rendered XML is measured before docxtpl post-processes it."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        text = super().render(*args, **kwargs)
        check_docxtpl_scan(text)
        return text


class _DocumentSandbox(_Sandbox):
    template_class = DocumentTemplate

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        try:
            return super()._parse(source, name, filename)
        except RecursionError:
            raise TemplateSyntaxError("the template is nested too deeply", 1, name, filename) from None


DOCUMENT_GLOBALS: dict[str, Any] = {"namespace": Namespace, "cycler": Cycler, "joiner": Joiner}
"""Globals a DOCX template has beyond `range` and `dict` (Jinja's defaults but `lipsum`, whose text
has no bound)."""


def document_environment(finalize_output: Callable[[Any], Any] | None = None) -> _Sandbox:
    """The environment a DOCX template renders in: the block sandbox's bounds, with autoescape and
    `finalize_output` applied to every `{{ … }}` after the sandbox's own size bound. Render under
    `budget.budgeted(budget.DOCUMENT_LIMITS)`: outside a budget nothing is counted."""
    return _DocumentSandbox(autoescape=True, finalize_output=finalize_output, extra_globals=DOCUMENT_GLOBALS)


