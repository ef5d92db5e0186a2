"""Hostile templates the sandbox must stop quickly, with bounded memory, as a finding (a block) or a
one-line RenderError (a DOCX template) — never a hang, a crash or a huge allocation.

No timing assertion anywhere: each case must simply return (they take milliseconds); the timeout
mark is a hang guard.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import docx
import pytest

from drafter.render import RenderError, render
from drafter.sandbox import render_simple, render_template
from drafter.sandbox.budget import Limits, TemplateBudgetExceeded, budgeted, size
from drafter.sandbox.environment import check_docxtpl_scan, document_environment
from drafter.sandbox.guards import check_mul, precheck_str_method

from .test_render_docx import body_text
from .test_render_sample import make_doc

TODAY = dt.date(2025, 7, 1)

BLOCKED = "blocked by the sandbox"
TOO_MUCH = "more work than allowed"


def context() -> dict:
    return {
        "respondent": {"name": "Ana Silva", "organisation": "Example ccTLD", "country": "Portugal"},
        "cosigners": [{"organisation": "IXP Association", "country": "Kenya"}],
        "consultation": {"id": "wsis", "title": "WSIS+20 review"},
        "question": {"id": "1.1", "text": "What works?", "themes": ["igf"]},
        "today": TODAY,
    }


def refused(source: str, ctx: dict | None = None) -> str:
    """The message of the one `template` finding rendering `source` gives."""
    ctx = context() if ctx is None else ctx
    before = copy.deepcopy(ctx)
    text, findings = render_template(source, ctx, name="hostile")
    assert text is None, source
    (f,) = findings
    assert f.code == "template" and f.severity == "error" and f.block == "hostile"
    assert ctx == before  # nothing in the context changed
    return f.message


# --------------------------------------------------------------------------- codecs and bytes

CODECS = [
    "{{ ('x' * 100000).encode('punycode') }}",
    "{{ ('\u00e9' * 50000).encode('punycode') }}",
    "{{ respondent.name.encode('idna') }}",
    "{{ respondent.name.encode().decode('utf-7') }}",
    "{{ 'x'.encode() * 2000000000 }}",
    "{{ 'x'.encode().center(1000000000) }}",
    "{{ 'x'.encode().zfill(1000000000) }}",
    "{{ 'x'|attr('encode') }}",
    "{{ ['x']|map(attribute='encode')|list }}",
    "{{ '{0.encode}'.format('x') }}",
    "{{ 'x'['encode']() }}",
    "{{ ('x'|safe).encode() }}",
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("source", CODECS)
def test_codecs_are_refused(source: str) -> None:
    message = refused(source)
    assert message.startswith(BLOCKED) and "encode/decode are not available" in message


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "source, what",
    [
        ("{{ ''.maketrans('a', 'b') }}", "maketrans is not available"),
        ("{{ (1).to_bytes(1000000000, 'big')|length }}", "bytes are not available"),
        ("{{ today.year.to_bytes(1000000000, 'big')|length }}", "bytes are not available"),
        ("{{ today.today() }}", "the clock is not available"),
    ],
)
def test_other_byte_and_clock_methods_are_refused(source: str, what: str) -> None:
    message = refused(source)
    assert message.startswith(BLOCKED) and what in message


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "source, what",
    [
        ("{{ respondent.blob * 2000000000 }}", "bytes are not available"),
        ("{{ respondent.blob + respondent.blob }}", "bytes are not available"),
        ("{{ respondent.blob.upper() }}", "bytes are not available"),
        ("{{ respondent.blob.center(1000000000) }}", "bytes.center() would be larger than"),
        ("{{ respondent.blob.zfill(1000000000) }}", "bytes.zfill() would be larger than"),
        ("{{ respondent.buffer.ljust(1000000000) }}", "bytearray.ljust() would be larger than"),
        ("{{ respondent.blob.decode('punycode') }}", "encode/decode are not available"),
    ],
)
def test_bytes_in_the_context_are_bounded(source: str, what: str) -> None:
    """A template cannot make bytes, but a context value could hold some (a YAML `!!binary`)."""
    ctx = context()
    ctx["respondent"].update(blob=b"x", buffer=bytearray(b"y"))
    assert what in refused(source, ctx)


@pytest.mark.timeout(20)
def test_bytes_are_sized_and_prechecked_like_text() -> None:
    """Every defence holds for bytes on its own, not only the refusal of encode/decode."""
    assert size(b"x" * 1000) == 1000 and size(bytearray(500)) == 500 and size([b"ab", b"c"]) == 5
    with pytest.raises(TemplateBudgetExceeded, match="repeated value"):
        check_mul(b"x", 2_000_000_000)
    with pytest.raises(TemplateBudgetExceeded, match="repeated value"):
        check_mul(3_000_000_000, bytearray(b"x"))
    for method, args in [
        (b"x".center, (10**9,)),
        (b"x".ljust, (10**9,)),
        (b"x".rjust, (10**9,)),
        (bytearray(b"x").zfill, (10**9,)),
        ((b"\t" * 1000).expandtabs, (10_000,)),
        ((b"x" * 100_000).replace, (b"x", b"x" * 100)),
        (b",".join, ([b"x" * 1000] * 1000,)),
        ((b"a" * 200_000).rfind, (b"ab" + b"a" * 99_998,)),
        ((b"a" * 200_000).strip, (b"b" * 199_999 + b"a",)),
    ]:
        with pytest.raises(TemplateBudgetExceeded):
            precheck_str_method(method, args, {})


# --------------------------------------------------------------------------- classes and the context


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "source",
    [
        "{{ dict.update(respondent, {'name': 'x'}) }}{{ respondent.name }}",
        "{{ dict.clear(respondent) }}",
        "{{ dict.setdefault(respondent, 'email', 'x') }}",
        "{{ dict.pop(respondent, 'name') }}",
        "{{ dict.fromkeys(range(10000), 'x')|length }}",
        "{{ dict.mro() }}",
    ],
)
def test_attributes_of_a_class_are_refused(source: str) -> None:
    # `dict` is a global; its unbound methods would change the context in place
    message = refused(source)
    assert message.startswith(BLOCKED) and "attributes of a type are not available" in message


# --------------------------------------------------------------------------- super-linear or unbounded single calls

SINGLE_CALLS = [
    # |round computes 10 ** precision
    ("{{ 5|round(-999999999) }}", "|round precision"),
    ("{{ 5|round(999999999, 'floor') }}", "|round precision"),
    # json indents each item once per level
    ("{{ [[1]]|tojson(999999999)|length }}", "|tojson indent"),
    ("{{ range(10000)|list|tojson('x' * 100000)|length }}", "an indented JSON text"),
    # urlize repeats target and rel in every link, and every matching extra scheme doubles a link
    ("{{ ('http://a.org ' * 15000)|urlize(target='x' * 100000)|length }}", "a text with links"),
    ("{{ ('http://a.org ' * 15000)|urlize(rel='x' * 100000)|length }}", "a text with links"),
    ("{{ '&x'|urlize(extra_schemes=['&'] + ['<'] * 40)|length }}", "a text with links"),
    # a format repeats its arguments once per field
    ("{{ ('{0}' * 50000).format('x' * 100000)|length }}", "a formatted text"),
    ("{{ ('{a}' * 50000).format_map({'a': 'x' * 100000})|length }}", "a formatted text"),
    ("{{ ('{:9999}' * 28000).format(*(('x',) * 28000))|length }}", "a formatted text"),
    ("{{ (('%(a)s' * 40000) % {'a': 'x' * 100000})|length }}", "a %-formatted text"),
    ("{{ (('%9999s' * 33333) % (('x',) * 33333))|length }}", "a %-formatted text"),
    ("{{ ('%(a)s' * 40000)|format(a='x' * 100000)|length }}", "a %-formatted text"),
    # Markup's methods are Python functions, checked like str's
    ("{{ ('x'|safe).center(999999999)|length }}", "Markup.center() would be larger"),
    ("{{ ('x'|safe).zfill(999999999)|length }}", "Markup.zfill() would be larger"),
    ("{% set s = 'x' * 200000 %}{{ (s|safe).replace('x', s)|length }}", "a replaced text"),
    ("{% set s = 'y' * 150000 %}{{ (s|safe).join('abc')|length }}", "a joined text"),
    # Python's reverse search is quadratic where find is linear
    ("{% set s = 'a' * 200000 %}{{ s.rfind('ab' ~ 'a' * 99998) }}", "str.rfind() may compare more than"),
    ("{% set s = 'a' * 200000 %}{{ s.rindex('ab' ~ 'a' * 99998) }}", "str.rindex() may compare more than"),
    ("{% set s = 'a' * 200000 %}{{ s.rsplit('ab' ~ 'a' * 99998)|length }}", "str.rsplit() may compare more than"),
    ("{% set s = 'a' * 200000 %}{{ s.rpartition('ab' ~ 'a' * 99998)|length }}", "str.rpartition() may compare more than"),
    # strip looks every character up in `chars`
    ("{% set s = '\U0001f600' * 200000 %}{{ s.strip('\U0001f601' * 199999 ~ '\U0001f600')|length }}", "str.strip() may compare more than"),
    ("{% set s = 'a' * 200000 %}{{ s.lstrip('b' * 199999 ~ 'a')|length }}", "str.lstrip() may compare more than"),
    ("{% set s = '\U0001f600' * 200000 %}{{ s|trim('\U0001f601' * 199999 ~ '\U0001f600')|length }}", "|trim may compare more than"),
    # huge integers: super-linear arithmetic, and no text form beyond 4,300 digits
    ("{{ ('f' * 150000)|int(base=16) }}", "integer above 4,096 bits"),
    ("{% set x = ('f' * 149000)|int(base=16) %}{% set y = ('f' * 74000)|int(base=16) %}{{ x // y }}", "integer above 4,096 bits"),
    ("{{ ('9' * 4300)|int }}", "integer above 4,096 bits"),
    # pprint measures every nested value again at each level
    ("{% set d = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[['x' * 30]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] %}{{ ([d] * 3000)|pprint|length }}", "the work of |pprint"),
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("source, what", SINGLE_CALLS)
def test_super_linear_or_unbounded_calls_are_refused_before_they_run(source: str, what: str) -> None:
    message = refused(source)
    assert TOO_MUCH in message and what in message


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "source, expected",
    [
        # linear or n log n, on inputs bounded by the value limit: they render
        ("{{ ('abcdefghij' * 9000)|list|sort|length }}", "90000"),
        ("{{ ('abcdefghij' * 9000)|list|unique|list|length }}", "10"),
        ("{{ (' ' * 199999).split(' ')|length }}", "200000"),
        ("{{ ('\\n' * 199999).splitlines()|length }}", "199999"),
        ("{{ respondent.fromkeys(range(10000))|length }}", "10000"),
        ("{{ range(10000)|map('string')|sort|join|length }}", "38890"),
        # or stop: too many steps, or a result above the value limit
        ("{{ ('x' * 99999)|list|groupby('real')|list|length }}", "more than 100,000 steps"),
        ("{{ ('x' * 150000)|list|sort|length }}", "larger than 200,000 characters"),
        ("{{ ('a' * 200000).split('a')|length }}", "larger than 200,000 characters"),
    ],
)
def test_big_list_and_split_operations_are_bounded(source: str, expected: str) -> None:
    text, findings = render_template(source, context(), name="big")
    if text is not None:
        assert (text, findings) == (expected, [])
    else:
        (f,) = findings
        # (on a loaded machine the time bound may stop it before the step bound: both are the budget)
        assert f.code == "template" and TOO_MUCH in f.message and (expected in f.message or "s of work" in f.message)


@pytest.mark.timeout(20)
def test_huge_integer_in_the_context_is_a_finding_not_a_crash() -> None:
    ctx = context()
    ctx["respondent"]["number"] = 10**5000  # more digits than Python will print
    assert render_simple("{{ respondent.number }}", ctx) is None  # the fast path leaves it to the engine
    for source in ("{{ respondent.number }}", "{{ respondent.number ~ '' }}", "{{ respondent.number|string }}",
                   "{{ '%d' % respondent.number }}", "{{ '{}'.format(respondent.number) }}"):
        assert "integer above 4,096 bits" in refused(source, ctx), source
    # inside a container, Python's own limit on printing integers is the finding
    assert "cannot be rendered" in refused("{{ [respondent.number] }}", ctx)


@pytest.mark.timeout(20)
def test_legitimate_uses_of_the_guarded_operations_still_render() -> None:
    cases = {
        "{{ '%s and %s' % ('a', 'b') }}|{{ '%(x)s' % {'x': 1} }}|{{ '%.2f%%' % 12.345 }}|{{ '%5d|%-5s|' % (42, 'ab') }}":
            "a and b|1|12.35%|   42|ab   |",
        "{{ '{} {:>5} {:.2f} {x!r}'.format('a', 'b', 1.5, x='y') }}|{{ '{a}-{b}'.format_map({'a': 1, 'b': 2}) }}":
            "a     b 1.50 'y'|1-2",
        "{{ '%s, %s!'|format('Hello', respondent.name) }}|{{ ('%s' * 3)|format('x' * 1000, 'y', 'z')|length }}":
            "Hello, Ana Silva!|1002",
        "{{ 'xhellox'|trim('x') }}|{{ ' a '.strip() }}|{{ 'a,b,c'.rsplit(',', 1) }}|{{ 'abcabc'.rfind('bc') }}":
            "hello|a|['a,b', 'c']|4",
        "{{ 2.567|round(2) }}|{{ 2.567|round(1, 'floor') }}|{{ 1234|round(-2) }}": "2.57|2.5|1200",
        "{{ {'a': [1, 2]}|tojson }}|{{ {'a': [1]}|tojson(2) }}": '{"a": [1, 2]}|{\n  "a": [\n    1\n  ]\n}',
        "{{ 'see https://example.org now'|urlize(target='_blank') }}":
            'see <a href="https://example.org" rel="noopener" target="_blank">https://example.org</a> now',
        "{{ cosigners|pprint }}": "[{'country': 'Kenya', 'organisation': 'IXP Association'}]",
        "{{ ('<b>%s</b>'|safe) % '<i>' }}|{{ ('<b>{}</b>'|safe).format('<i>') }}": "<b>&lt;i&gt;</b>|<b>&lt;i&gt;</b>",
        "{{ today.fromisoformat('2025-01-02').strftime('%d %B') }}|{{ respondent.fromkeys('ab')|length }}": "02 January|2",
        "{{ ('f' * 1000)|int(base=16) > 0 }}|{{ 2 ** 2000 > 0 }}|{{ ('9' * 1000)|int|string|length }}": "True|True|1000",
    }
    for source, expected in cases.items():
        assert render_template(source, context(), name="ok") == (expected, []), source


# --------------------------------------------------------------------------- DOCX templates


def make_template(path: Path, *lines: str) -> Path:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def render_error(tmp_path: Path, *lines: str) -> str:
    tpl = make_template(tmp_path / "hostile.docx", *lines)
    out = tmp_path / "out.docx"
    with pytest.raises(RenderError) as exc:
        render(make_doc(), "docx", out, template=tpl)
    message = str(exc.value)
    assert message.startswith(f"{tpl}: ") and "\n" not in message
    assert not out.exists()
    return message


DOCX_BOMBS = [
    ("{% for a in range(10000) %}{% for b in range(10000) %}x{% endfor %}{% endfor %}", "more than 1,000,000 steps"),
    ("{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}", "more than 1,000,000 steps"),
    ("{{ ('x' * 3000000000)|length }}", "a repeated value would be larger than 5,000,000 characters"),
    ("{{ 'x'|center(999999999) }}", "|center width"),
    ("{{ 9 ** 999999999 }}", "a power above"),
    ("{{ ('{0}' * 50000).format('x' * 1000000)|length }}", "a formatted text"),
    ("{% set s = 'a' * 2000000 %}{{ s.rfind('ab' ~ 'a' * 999998) }}", "str.rfind() may compare more than"),
    ("{{ ('<w:p>' * 100000)|safe }}", "unclosed Word tags"),
    ("{{ ('<w:p ' * 100000)|safe }}", "unclosed Word tags"),
    ("{% for a in range(100000) %}x{% endfor %}", "range of 100,000 items"),
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("source, what", DOCX_BOMBS)
def test_docx_template_bombs_are_render_errors(tmp_path: Path, source: str, what: str) -> None:
    message = render_error(tmp_path, source)
    assert "the template does more work than allowed: " in message and what in message


@pytest.mark.timeout(20)
def test_docx_loop_leaving_paragraphs_open_is_refused(tmp_path: Path) -> None:
    """Each iteration skips the end of its paragraph: docxtpl's post-processing would scan the rest
    of the document once per unclosed paragraph (quadratic, seconds for ten thousand)."""
    message = render_error(tmp_path, "{%p for a in range(10000) %}", "x{% if false %}", "{%p endif %}", "{%p endfor %}")
    assert "the template does more work than allowed: " in message and "unclosed Word tags" in message


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "source, what",
    [
        ("{{ ('x' * 100000).encode('punycode') }}", "encode/decode are not available"),
        ("{{ consultation.title.encode() }}", "encode/decode are not available"),
        ("{{ dict.update(consultation, {'title': 'x'}) }}", "attributes of a type are not available"),
        ("{{ consultation.__class__ }}", "__class__"),
    ],
)
def test_docx_template_escapes_are_blocked(tmp_path: Path, source: str, what: str) -> None:
    message = render_error(tmp_path, source)
    assert "blocked by the sandbox: " in message and what in message


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "source",
    [
        "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    ],
)
def test_docx_deep_nesting_and_recursion_are_render_errors(tmp_path: Path, source: str) -> None:
    render_error(tmp_path, source)


@pytest.mark.timeout(20)
def test_docx_counts_loops_in_templates_docxtpl_compiles() -> None:
    """docxtpl calls `from_string` itself: the loop rewrite is in the environment's parse step."""
    env = document_environment()
    template = env.from_string("{% for i in range(10) %}{% endfor %}done")
    with budgeted(Limits(steps=5)), pytest.raises(TemplateBudgetExceeded, match="more than 5 steps"):
        template.render()
    with budgeted(Limits(steps=50)):
        assert template.render() == "done"


@pytest.mark.timeout(20)
def test_docx_templates_keep_their_usual_tools(tmp_path: Path) -> None:
    tpl = make_template(
        tmp_path / "tools.docx",
        "{% set ns = namespace(n=0) %}{% for a in answers %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ ns.n }} answers in {{ sections|length }} sections; {{ consultation.title|upper }}",
        "{% set j = joiner(' / ') %}{% for s in sections %}{{ j() }}{{ s.title }}{% endfor %}",
        "{% for i in range(5000) %}{% endfor %}{{ cycler('a', 'b').next() }}{{ '%s-%s' % (date, 'x') }}",
    )
    out = tmp_path / "out.docx"
    render(make_doc(), "docx", out, template=tpl)
    text = body_text(docx.Document(str(out)))
    assert "2 answers in 1 sections; WSIS+20 REVIEW: CALL FOR INPUTS" in text
    assert "The WSIS vision" in text and "Other comments" not in text  # (2.1, optional and unanswered, is not printed)
    assert "a2025-07-01-x" in text


@pytest.mark.timeout(20)
def test_well_formed_document_xml_passes_the_docxtpl_scan_check() -> None:
    paragraph = (
        '<w:p w:rsidR="1"><w:pPr><w:pStyle w:val="x"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
        '<w:t xml:space="preserve">hello</w:t></w:r></w:p><w:p w:rsidR="2"/>'
    )
    check_docxtpl_scan(paragraph * 20_000)  # some 3 MB: no error
    with pytest.raises(TemplateBudgetExceeded, match="unclosed Word tags"):
        check_docxtpl_scan('<w:p><w:r><w:t xml:space="preserve">x' * 20_000)
