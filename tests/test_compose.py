"""Composing answers: sandboxed block templates, findings for every failure, order and joining."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from drafter.compose import BlockLookupError, compose, make_context, render_template
from drafter.model import Block, BlockItem, ChoiceItem, Consultation, Draft, TextItem

TODAY = dt.date(2025, 7, 1)


@pytest.fixture
def consultation() -> Consultation:
    return Consultation.model_validate(
        {
            "id": "wsis-review",
            "title": "WSIS+20 review",
            "organiser": "UN",
            "url": "https://example.org/wsis",
            "deadline": "2025-07-15T23:59:00+02:00",
            "sections": [
                {
                    "id": "s1",
                    "title": "Vision",
                    "questions": [
                        {"id": "1.1", "text": "What works?", "themes": ["igf"]},
                        {"id": "1.2", "text": "Which option?", "kind": "choice", "choices": ["yes", "no"]},
                    ],
                }
            ],
        }
    )


@pytest.fixture
def draft() -> Draft:
    return Draft.model_validate(
        {
            "consultation": "wsis-review",
            "respondent": {
                "name": "Ana Silva",
                "organisation": "Example ccTLD",
                "country": "Portugal",
                "email": "",
                "membership_number": "M-42",
            },
            "cosigners": [{"organisation": "IXP Association", "country": "Kenya"}, {"organisation": "Chapter"}],
        }
    )


@pytest.fixture
def context(draft: Draft, consultation: Consultation) -> dict:
    return make_context(draft, consultation, consultation.sections[0].questions[0], TODAY)


def render(source: str, context: dict) -> tuple[str | None, list]:
    return render_template(source, context, name="test-block")


# --------------------------------------------------------------------------- context


def _walk(value: Any, path: str = "context") -> None:
    assert not isinstance(value, BaseModel), f"{path} is a model object"
    allowed = (str, int, float, bool, type(None), dt.date, dict, list)
    assert type(value) in allowed or type(value) is dt.datetime, f"{path} is {type(value).__name__}"
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str
            _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]")


def test_context_is_plain_data(context: dict) -> None:
    _walk(context)
    assert set(context) == {"respondent", "cosigners", "consultation", "question", "today"}


def test_context_contents(context: dict) -> None:
    assert context["respondent"]["organisation"] == "Example ccTLD"
    assert context["respondent"]["membership_number"] == "M-42"  # extra fields too
    assert "email" not in context["respondent"]  # blank: not a value
    assert "stakeholder_group" not in context["respondent"]  # null: not a value
    assert context["cosigners"] == [{"organisation": "IXP Association", "country": "Kenya"}, {"organisation": "Chapter"}]
    assert context["consultation"] == {
        "id": "wsis-review",
        "title": "WSIS+20 review",
        "organiser": "UN",
        "url": "https://example.org/wsis",
        "deadline": "2025-07-15T23:59:00+02:00",
        "language": "en",
    }
    assert context["question"] == {"id": "1.1", "number": "1.1", "text": "What works?", "themes": ["igf"]}
    assert context["today"] == TODAY and type(context["today"]) is dt.date


def test_context_without_question(draft: Draft, consultation: Consultation) -> None:
    ctx = make_context(draft, consultation, None, dt.datetime(2025, 7, 1, 12, 0))
    assert ctx["question"] is None
    assert type(ctx["today"]) is dt.date
    text, findings = render("{{ question.id }}", ctx)
    assert text is None
    assert [f.code for f in findings] == ["unresolved-variable"]
    assert "question.id" in findings[0].message


def test_context_is_a_copy(draft: Draft, consultation: Consultation) -> None:
    ctx = make_context(draft, consultation, None, TODAY)
    ctx["respondent"]["organisation"] = "changed"
    assert draft.respondent.organisation == "Example ccTLD"


def test_context_survives_cyclic_extra_data(draft: Draft, consultation: Consultation) -> None:
    loop: list = []
    loop.append(loop)
    draft.respondent.__pydantic_extra__["loop"] = loop  # e.g. a YAML alias pointing at itself
    ctx = make_context(draft, consultation, None, TODAY)
    _walk(ctx)


# --------------------------------------------------------------------------- placeholders


def test_placeholders_fill_from_context(context: dict) -> None:
    text, findings = render(
        "{{ respondent.organisation }} ({{ respondent.country }}), member {{ respondent.membership_number }}, "
        "answers {{ question.id }} of {{ consultation.title }} on {{ today }} ({{ today.year }}); "
        "with {% for c in cosigners %}{{ c.organisation }}{% if not loop.last %}, {% endif %}{% endfor %}.",
        context,
    )
    assert findings == []
    assert text == (
        "Example ccTLD (Portugal), member M-42, answers 1.1 of WSIS+20 review on 2025-07-01 (2025); "
        "with IXP Association, Chapter."
    )


def test_common_filters_and_methods_work(context: dict) -> None:
    text, findings = render(
        "{{ respondent.name|upper }}|{{ today.strftime('%d %B %Y') }}|{{ consultation.deadline[:10] }}|"
        "{{ cosigners|map(attribute='organisation')|join(', ') }}|{{ respondent.country|default('') }}|"
        "{{ respondent.email|default('n/a') }}|{{ '{:,}'.format(1234567) }}|{{ '%.1f' % 2.25 }}|"
        "{% if respondent.stakeholder_group is defined %}x{% else %}none{% endif %}|{{ range(3)|join }}",
        context,
    )
    assert findings == []
    assert text == "ANA SILVA|01 July 2025|2025-07-15|IXP Association, Chapter|Portugal|n/a|1,234,567|2.2|none|012"


def test_trailing_newline_dropped(context: dict) -> None:
    assert render("text\n", context) == ("text", [])


def test_blank_respondent_field_is_unresolved_with_hint(context: dict) -> None:
    text, findings = render("Contact: {{ respondent.email }}", context)
    assert text is None
    (f,) = findings
    assert f.code == "unresolved-variable" and f.severity == "error"
    assert "respondent.email" in f.message
    assert f.hint == "fill the respondent field 'email' in the draft"
    assert f.block == "test-block"


def test_unknown_respondent_field_through_alias(context: dict) -> None:
    _, findings = render("{% set r = respondent %}\n{{ r['stakeholder_group'] }}", context)
    (f,) = findings
    assert f.code == "unresolved-variable"
    assert "respondent.stakeholder_group" in f.message
    assert "line 2" in f.message
    assert f.hint == "fill the respondent field 'stakeholder_group' in the draft"


def test_unknown_name(context: dict) -> None:
    _, findings = render("Hello {{ organisation }}", context)
    (f,) = findings
    assert f.code == "unresolved-variable"
    assert "`organisation`" in f.message
    assert "respondent" in (f.hint or "")


def test_cosigner_field(context: dict) -> None:
    _, findings = render("{% for c in cosigners %}{{ c.country }}{% endfor %}", context)
    (f,) = findings
    assert f.code == "unresolved-variable"
    assert "cosigners[1].country" in f.message


def test_consultation_field(context: dict) -> None:
    _, findings = render("{{ consultation.address }}", context)
    (f,) = findings
    assert f.code == "unresolved-variable" and "consultation.address" in f.message


@pytest.mark.parametrize(
    "source, line",
    [
        ("{% if respondent.name %}", 1),
        ("ok\n{{ respondent.name }\n", 2),
        ("{{ }}", 1),
        ("{% endfor %}", 1),
        ("{{ respondent.name|no_such_filter }}", 1),
    ],
)
def test_syntax_error_is_template_finding_with_line(context: dict, source: str, line: int) -> None:
    text, findings = render(source, context)
    assert text is None
    (f,) = findings
    assert f.code == "template" and f.severity == "error"
    assert f"line {line} of the template" in f.message
    # the outcome is cached by source: the second time gives the same finding
    assert render(source, context)[1] == findings


def test_runtime_error_is_template_finding(context: dict) -> None:
    text, findings = render("{{ 1 + 'a' }}", context)
    assert text is None
    assert [f.code for f in findings] == ["template"]


def test_user_braces_in_a_template_raw_block(context: dict) -> None:
    assert render("{% raw %}{{ literally }}{% endraw %}", context) == ("{{ literally }}", [])


# --------------------------------------------------------------------------- hostile templates

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__[-1].__subclasses__()[0] }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ range.__globals__ }}",
    "{{ dict.__base__.__subclasses__() }}",
    "{{ config }}",
    "{{ config.items() }}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__init__.__globals__ }}",
    "{{ respondent.__class__ }}",
    "{{ today.__class__.__mro__ }}",
    "{{ respondent.items.__self__ }}",
    "{{ (respondent|attr('__class__')) }}",
    "{{ cosigners|map(attribute='__class__')|list }}",
    "{{ '{0.__class__}'.format(respondent) }}",
    "{{ respondent.update({'organisation': 'x'}) }}",
    "{{ cosigners.append(1) }}",
    "{% import 'os' as os %}{{ os }}",
    "{% from 'os' import popen %}",
    "{% include '/etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
    "{{ request }}{{ url_for }}{{ get_flashed_messages }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_escape_attempts_are_findings_and_leak_nothing(context: dict, source: str) -> None:
    before = repr(context)
    text, findings = render(source, context)
    assert text is None
    assert findings and all(f.code in ("template", "unresolved-variable") for f in findings)
    assert all(f.severity == "error" for f in findings)
    said = " ".join(f"{f.message} {f.hint}" for f in findings)
    for leak in ("<class", "<module", "<function", "<built-in", "root:", "__builtins__", "popen("):
        assert leak not in said
    assert repr(context) == before  # nothing mutated


def test_no_global_beyond_range_and_dict(context: dict) -> None:
    for name in ("cycler", "joiner", "namespace", "lipsum"):
        _, findings = render("{{ %s }}" % name, context)
        assert [f.code for f in findings] == ["unresolved-variable"], name


def test_random_is_not_available(context: dict) -> None:
    # rendering is deterministic: the same draft composes to the same text every time
    _, findings = render("{{ [1, 2]|random }}", context)
    assert [f.code for f in findings] == ["template"]


BOMBS = [
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}",
    "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    "{% for i in range(10000) %}{{ 'x' * 200000 }}{% endfor %}",
    "{% set b %}{% for i in range(10000) %}{{ 'x' * 100000 }}{% endfor %}{% endset %}{{ b|length }}",
    "{% macro m() %}{% for i in range(10000) %}" + "z" * 1000 + "{% endfor %}{% endmacro %}"
    "{% for i in range(100) %}{{ m()|length }}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ 10**9 * 'x' }}",
    "{{ ['x'] * 10**9 }}",
    "{{ 9**999999999 }}",
    "{{ 9**999**999 }}",  # Jinja's ** is left-associative: (9**999)**999
    "{{ 99999999999999999999 ** 999999 }}",
    "{{ 'x'|center(999999999) }}",
    "{{ 'x'.center(999999999) }}",
    "{{ 'x'.ljust(10**8) }}",
    "{{ '%999999999s' % 'x' }}",
    "{{ '%*s' % (999999999, 'x') }}",
    "{{ '%999999999s'|format('x') }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{{ '{:>{}}'.format('x', 999999999) }}",
    "{% set s = 'x' * 100000 %}{{ s|replace('x', s) }}",
    "{% set s = 'x' * 100000 %}{{ s.replace('', s) }}",
    "{% set s = 'x' * 1000 %}{{ ([s] * 1000)|join }}",
    "{% set s = 'x' * 150000 %}{{ [s, s, s]|join }}",
    "{% set s = 'x' * 150000 %}{{ s ~ s }}",
    "{% set s = 'x' * 150000 %}{{ s + s }}",
    "{% set s = 'x\n' * 1000 %}{{ s|indent(s) }}",
    "{% set s = 'x\n' * 50000 %}{{ s|indent(100) }}",
    "{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('x') }}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "{% for x in ['a'] recursive %}{{ loop(['a', 'b']) }}{% endfor %}",
    "{{ [1]|batch(999999999, 'x')|list }}",
    "{{ range(10)|slice(999999999)|list }}",
    "{{ [[1] * 10000] * 10|sum(start=[]) }}",
    "{% for c in 'x' * 200000 %}{% for d in 'x' * 200000 %}{% endfor %}{% endfor %}",
    "{% filter upper %}{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}{% endfilter %}",
    "{% set s = 'x' * 199999 %}{% for i in range(10000) %}{% if s ~ 'y' %}{% endif %}{% endfor %}",
    "{{ range(10000)|list * 100 }}",
]


@pytest.mark.parametrize("source", BOMBS)
def test_runaway_templates_stop_with_a_finding(context: dict, source: str) -> None:
    # no timing assertion: the point is that this returns (each case takes well under a second)
    text, findings = render(source, context)
    assert text is None
    (f,) = findings
    assert f.code == "template" and f.severity == "error"
    assert "more work than allowed" in f.message or "cannot be rendered" in f.message


@pytest.mark.parametrize(
    "source",
    [
        "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
        "{{ " + "[" * 300 + "]" * 300 + " }}",
        "{% if 1 %}" * 500 + "{% endif %}" * 500,
        "{{ " + "-" * 20000 + "1 }}",
        "{{ 1" + " + 1" * 20000 + " }}",
        "x" * 300_000,
    ],
)
def test_deeply_nested_or_huge_sources_are_findings(context: dict, source: str) -> None:
    text, findings = render(source, context)
    assert text is None
    assert [f.code for f in findings] == ["template"]


def test_bounded_range_still_works(context: dict) -> None:
    text, findings = render("{% for i in range(10000) %}{% endfor %}{{ range(1, 10000, 2)|length }}", context)
    assert (text, findings) == ("5000", [])


def test_moderate_templates_are_not_refused(context: dict) -> None:
    source = "{% for i in range(200) %}{% for c in cosigners %}{{ c.organisation }} {% endfor %}{% endfor %}"
    text, findings = render(source, context)
    assert findings == []
    assert text is not None and text.count("IXP Association") == 200


# --------------------------------------------------------------------------- compose


def _block(bid: str, body: str, short: str | None = None) -> Block:
    return Block(id=bid, title=bid, themes=["igf"], body=body, short=short)


BLOCKS = {
    "igf": _block("igf", "The IGF should have a **permanent** mandate, says {{ respondent.organisation }}.", "Make the IGF permanent."),
    "msm": _block("msm", "\n\nThe multistakeholder model works.\n\n"),
    "broken": _block("broken", "{{ respondent.email }}"),
    "lib/dns": _block("dns", "DNS abuse is addressed by the community."),
    "empty": _block("empty", "{% if false %}nothing{% endif %}"),
}


def lookup(ref: str) -> Block:
    try:
        return BLOCKS[ref]
    except KeyError:
        raise BlockLookupError(f"no library has a block '{ref}'") from None


def test_compose_joins_in_order_with_a_blank_line(context: dict) -> None:
    items = [BlockItem(block="msm"), TextItem(text="My own *words*."), BlockItem(block="igf"), BlockItem(block="lib/dns")]
    result = compose(items, lookup, context, question="1.1")
    assert result.findings == []
    assert result.markdown == (
        "The multistakeholder model works.\n\n"
        "My own *words*.\n\n"
        "The IGF should have a **permanent** mandate, says Example ccTLD.\n\n"
        "DNS abuse is addressed by the community."
    )
    assert [ci.item for ci in result.items] == items
    assert [ci.block.id if ci.block else None for ci in result.items] == ["msm", None, "igf", "dns"]


def test_text_items_are_not_templated(context: dict) -> None:
    text = "We write {{ braces }} and {% tags %} as {{ respondent.name }}."
    result = compose([TextItem(text=text)], lookup, context, question="1.1")
    assert result.findings == []
    assert result.markdown == text


def test_choice_item(context: dict) -> None:
    result = compose([ChoiceItem(choice="yes")], lookup, context, question="1.2")
    assert (result.markdown, result.findings) == ("yes", [])


def test_short_variant(context: dict) -> None:
    result = compose([BlockItem(block="igf", variant="short")], lookup, context)
    assert result.markdown == "Make the IGF permanent."


def test_short_variant_without_short_uses_body(context: dict) -> None:
    result = compose([BlockItem(block="lib/dns", variant="short")], lookup, context)
    assert (result.markdown, result.findings) == ("DNS abuse is addressed by the community.", [])


def test_unknown_block_is_a_finding_and_the_rest_composes(context: dict) -> None:
    items = [BlockItem(block="nope"), TextItem(text="Still here.")]
    result = compose(items, lookup, context, question="1.1")
    (f,) = result.findings
    assert f.code == "unknown-block" and f.block == "nope" and f.question == "1.1"
    assert f.message == "no library has a block 'nope'"
    assert result.items[0].markdown is None and result.items[0].findings == [f]
    assert result.markdown == "Still here."


def test_block_findings_carry_question_and_block(context: dict) -> None:
    items = [BlockItem(block="broken"), BlockItem(block="msm")]
    result = compose(items, lookup, context, question="1.1")
    (f,) = result.findings
    assert (f.code, f.question, f.block) == ("unresolved-variable", "1.1", "broken")
    assert result.items[0].markdown is None and result.items[0].block is BLOCKS["broken"]
    assert result.markdown == "The multistakeholder model works."


def test_empty_parts_are_skipped(context: dict) -> None:
    items = [BlockItem(block="empty"), TextItem(text="  \n"), TextItem(text="Only this.")]
    assert compose(items, lookup, context).markdown == "Only this."


def test_parts_keep_markdown_indentation(context: dict) -> None:
    result = compose([TextItem(text="\n\n    code line\n\n"), TextItem(text="after")], lookup, context)
    assert result.markdown == "    code line\n\nafter"


def test_nothing_composes_to_empty(context: dict) -> None:
    result = compose([], lookup, context, question="1.1")
    assert (result.markdown, result.items, result.findings) == ("", [], [])


@given(st.lists(st.text(max_size=80), max_size=5))
@settings(max_examples=200, deadline=None)
def test_any_text_composes(texts: list[str]) -> None:
    ctx = {"respondent": {}, "cosigners": [], "consultation": {}, "question": None, "today": TODAY}
    result = compose([TextItem(text=t) for t in texts], lookup, ctx)
    assert result.findings == []
    assert result.markdown == result.markdown.rstrip()
    for t in texts:
        if t.strip():
            assert t.strip() in result.markdown


_JINJA_SOUP = st.lists(
    st.sampled_from(
        ["{{", "}}", "{%", "%}", "{#", "#}", " ", "x", "respondent", ".", "name", "(", ")", "[", "]", "|", "upper",
         "for", "in", "endfor", "if", "endif", "range", "9", "*", "**", "~", "'", "macro", "endmacro", "set", "=",
         "loop", "__class__", "\n", ",", "-", "cosigners", "today", "join", "call", "endcall", "caller"]
    ),
    max_size=40,
).map("".join)


@given(_JINJA_SOUP)
@settings(max_examples=500, deadline=None)
def test_jinja_soup_renders_or_gives_a_finding(source: str) -> None:
    ctx = {"respondent": {"name": "A"}, "cosigners": [{"organisation": "O"}], "consultation": {}, "question": None, "today": TODAY}
    text, findings = render_template(source, ctx, name="fuzz")
    assert (text is None) == bool(findings)
    assert all(f.code in ("template", "unresolved-variable") for f in findings)


@given(st.text(max_size=120))
@settings(max_examples=300, deadline=None)
def test_any_block_text_renders_or_gives_a_finding(source: str) -> None:
    ctx = {"respondent": {"name": "A"}, "cosigners": [], "consultation": {}, "question": None, "today": TODAY}
    text, findings = render_template(source, ctx, name="fuzz")
    assert (text is None) == bool(findings)
    assert all(f.code in ("template", "unresolved-variable") for f in findings)


# ---------------------------------------------------------------- the fast path for simple blocks

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from drafter.sandbox import render_simple  # noqa: E402
from drafter.sandbox.environment import compile_template  # noqa: E402

_PIECES = st.sampled_from(
    ["{{ respondent.organisation }}", "{{respondent.country}}", "{{ today }}", "{{ respondent.items }}",
     "{{ cosigners }}", "{{ respondent.region }}", "{{- today }}", "{% if true %}y{% endif %}", "{# note #}",
     "{", "}", "{{", "}}", "%", "#", " ", "\n", "\r\n", "\r", "a", "Zé", ".", "-"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_simple_blocks_render_as_the_engine_does(pieces: list[str]) -> None:
    """Whatever the fast path renders, the engine renders the same; where it declines, the engine runs."""
    ctx = {"respondent": {"organisation": "Example & <Co>", "country": "Kenya"}, "today": dt.date(2025, 7, 1),
           "cosigners": [{"organisation": "A"}], "question": None, "consultation": {}}
    source = "".join(pieces)
    fast = render_simple(source, ctx)
    if fast is None:
        return
    compiled = compile_template(source)
    assert compiled.template is not None, source
    assert fast == "".join(compiled.template.generate(ctx))


def test_plain_and_simple_blocks_take_the_fast_path() -> None:
    ctx = {"respondent": {"organisation": "Org"}, "today": dt.date(2025, 7, 1)}
    assert render_simple("Plain text.\n", ctx) == "Plain text."
    assert render_simple("We at {{ respondent.organisation }}, {{ today }}.", ctx) == "We at Org, 2025-07-01."
    assert render_simple("{{ respondent.region }}", ctx) is None  # undefined: the engine words the finding
    assert render_simple("{% if x %}{% endif %}", ctx) is None
