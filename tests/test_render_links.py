"""Links in every output: only http, https and mailto URLs become live links; nothing an answer or a
source says can add raw HTML or structure to the .md, a relationship to the DOCX, or control
characters to the .txt — while safe links keep working in all three formats.

"Another renderer" is modelled by the same dialect with markdown-it's scheme filter switched off
(`validateLink` accepting everything), as CommonMark renderers without that filter read a document.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter import plaintext
from drafter.links import SAFE_SCHEMES, is_safe, markdown_destination, normalize, printable
from drafter.model import Source
from drafter.plaintext import markdown_parser
from drafter.render import render_bytes
from drafter.render.clean import strip_forbidden
from drafter.render.safe_markdown import REMOVED_LABEL, safe_answer

from .test_render_docx import body_text
from .test_render_sample import make_doc

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "\\\\host\\share",
    "//host/share",
    "smb://host/x",
    "search-ms:query=x",
    "data:text/html,<script>alert(1)</script>",
    "ms-msdt:/id PCWDiagnostic",
    "relative/page.html",
]
INJECTING_SOURCE = "https://ok.example/>\n# Injected heading\n<script>x</script>"
SAFE = ["http://example.org/a", "https://example.org/b?x=1&y=2", "mailto:ana@example.org"]
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def accepting_parser():
    md = markdown_parser()
    md.validateLink = lambda url: True  # a renderer without markdown-it's scheme filter
    return md


def walk(tokens):
    for tok in tokens:
        yield tok
        if tok.children:
            yield from walk(tok.children)


def live_links(markdown: str, parser=None) -> list[str]:
    """The href of every link and the src of every image the Markdown has (for `parser`)."""
    tokens = walk((parser or markdown_parser()).parse(markdown))
    return [str(t.attrs.get("href") if t.type == "link_open" else t.attrs.get("src")) for t in tokens if t.type in ("link_open", "image")]


def html_tokens(markdown: str, parser=None) -> list[str]:
    return [t.content for t in walk((parser or markdown_parser()).parse(markdown)) if t.type in ("html_inline", "html_block")]


def headings(markdown: str) -> list[tuple[str, str]]:
    tokens = markdown_parser().parse(markdown)
    return [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


def hyperlink_targets(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    return [r.get("Target") for r in rels.iter(f"{REL_NS}Relationship") if r.get("Type", "").endswith("/hyperlink")]


def answer_for(url: str) -> str:
    """An answer linking to `url` in every way Markdown can: inline, pointy, autolink, reference, image."""
    pointy = url.replace("<", "%3C").replace(">", "%3E").replace("\n", " ")
    parts = [f"See [the hostile link](<{pointy}>) here.", f"Also [bare]({url.replace(' ', '%20')})."]
    if not re.search(r"[\s<>]", url):
        parts += [f"Auto <{url}> link.", f"A [reference][evil] and ![an image](<{pointy}>).", f"[evil]: <{pointy}>"]
    return "\n\n".join(parts)


def hostile_doc(url: str):
    doc = make_doc({"2.1": answer_for(url)})
    doc.sources.append(Source(title="Hostile source", url=url))
    return doc


# --------------------------------------------------------------------------- drafter.links


@pytest.mark.parametrize("url", HOSTILE + [INJECTING_SOURCE.replace("https", "hxxps"), "", "ｊavascript:x", "%6Aavascript:x",
                                           "\u200bjavascript:x", "https\u200b://x", "C:\\Windows\\x.exe", "#top"])
def test_unsafe_urls(url):
    assert not is_safe(url)


@pytest.mark.parametrize("url", SAFE + [" HTTPS://Example.org ", "\u200bhttps://example.org", "ht\ttps://example.org", "MAILTO:a@b.c"])
def test_safe_urls(url):
    assert is_safe(url)
    assert normalize(url).split(":", 1)[0].lower() in SAFE_SCHEMES
    assert normalize(url) == normalize(url).strip() and "\t" not in normalize(url)


def test_obfuscated_javascript_reads_as_javascript():
    for url in ("java\tscript:x", "java\nscript:x", " \x00javascript:x", "\u200b\u202ejavascript:x"):
        assert normalize(url) == "javascript:x" and not is_safe(url)


@settings(max_examples=300, deadline=None)
@given(url=st.text())
def test_a_destination_never_escapes_its_brackets(url):
    dest = markdown_destination(url)
    assert not re.search(r"[<>\\\s\x00-\x1f\x7f-\x9f]", dest.replace("\\&", ""))
    tokens = markdown_parser().parse(f"1. [t](<{dest}>)\n")
    assert [t.type for t in tokens] == [
        "ordered_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close", "ordered_list_close"
    ]
    inline = [t.type for t in tokens[3].children]
    assert inline == ["link_open", "text", "link_close"] or (not is_safe(url) and "link_open" not in inline)


@settings(max_examples=300, deadline=None)
@given(url=st.text())
def test_is_safe_is_an_allow_list(url):
    if is_safe(url):
        assert re.match(r"(?i)(https?|mailto):", normalize(url))


def test_printable():
    assert printable("https://a/\n\nb\u202ec\x9b d") == "https://a/%0A%0Ab%E2%80%AEc%C2%9B d"
    assert printable("https://example.org/a b") == "https://example.org/a b"


# --------------------------------------------------------------------------- DOCX


@pytest.mark.parametrize("url", HOSTILE + [INJECTING_SOURCE])
def test_docx_has_no_relationship_to_an_unsafe_url(url):
    data, _ = render_bytes(hostile_doc(url), "docx")
    targets = hyperlink_targets(data)
    assert all(is_safe(t) for t in targets), targets
    assert "https://example.org/a" in targets  # the sample's own link still works
    d = docx.Document(io.BytesIO(data))
    text = body_text(d)
    assert "the hostile link" in text  # the link's words (markdown-it shows a javascript: link as written)
    for p in d.paragraphs if not is_safe(url) else ():
        if "hostile link" in p.text:
            assert not p._p.xpath(".//w:hyperlink")
            assert all(r.style.name != "Hyperlink" for r in p.runs if "hostile" in r.text)
    refs = text[text.index("\nReferences\n"):]
    assert "Hostile source" in refs


def test_docx_unsafe_source_is_plain_text(tmp_path):
    doc = make_doc()
    doc.sources.append(Source(title="Share", url="\\\\host\\share"))
    data, _ = render_bytes(doc, "docx")
    d = docx.Document(io.BytesIO(data))
    p = next(p for p in d.paragraphs if p.text.startswith("Share"))
    assert p.text == "Share. \\\\host\\share" and not p._p.xpath(".//w:hyperlink")
    assert p.style.name == "List Number"


def test_markdown_it_refuses_some_schemes_but_not_all():
    """What the parser itself does (so the renderers cannot rely on it)."""
    md = markdown_parser()
    assert live_links("[x](javascript:alert(1)) <javascript:alert(1)> [f](file:///x) [d](data:text/html,x)") == []
    assert live_links("[x](smb://h/x) [y](search-ms:query=x) [z](//h/s) <smb://h/x>") == ["smb://h/x", "search-ms:query=x", "//h/s", "smb://h/x"]
    assert md.parse("<javascript:alert(1)>")[1].children[0].type == "text"


def test_docx_empty_unsafe_link_shows_its_url_as_text():
    data, _ = render_bytes(make_doc({"2.1": "Go [](smb://host/x) now"}), "docx")
    assert "Go smb://host/x now" in body_text(docx.Document(io.BytesIO(data)))
    assert not any("smb" in t for t in hyperlink_targets(data))


@pytest.mark.parametrize("url", SAFE)
def test_docx_safe_links_are_hyperlinks(url):
    doc = make_doc({"2.1": f"Read [this]({url}) and <{url}>."})
    doc.sources.append(Source(title="Safe", url=url))
    data, _ = render_bytes(doc, "docx")
    assert url in hyperlink_targets(data)
    d = docx.Document(io.BytesIO(data))
    assert "Read this and " in body_text(d) and d.element.body.xpath(".//w:hyperlink")


def test_docx_autolink_text_shows_no_decoded_line_break():
    data, _ = render_bytes(make_doc({"2.1": "<https://example.org/%0A%0AInjected>"}), "docx")
    assert "https://example.org/%0A%0AInjected" in body_text(docx.Document(io.BytesIO(data)))


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize("url", HOSTILE + [INJECTING_SOURCE])
def test_markdown_has_no_unsafe_link_html_or_new_heading(url):
    data, _ = render_bytes(hostile_doc(url), "md")
    md = data.decode("utf-8")
    baseline = make_doc({"2.1": "plain"})
    baseline.sources.append(Source(title="Hostile source"))
    assert headings(md) == headings(render_bytes(baseline, "md")[0].decode("utf-8"))
    for parser in (markdown_parser(), accepting_parser()):
        assert html_tokens(md, parser) == []
        assert all(is_safe(h) for h in live_links(md, parser)), live_links(md, parser)
    assert "https://example.org/a" in live_links(md)
    assert "Hostile source" in plaintext.to_plain(md)
    assert "the hostile link" in plaintext.to_plain(md)


def test_markdown_reference_list():
    doc = make_doc()
    doc.sources += [Source(title="Injected", url=INJECTING_SOURCE), Source(title="Share", url="\\\\host\\share"),
                    Source(title="# Not a heading"), Source(title="Mail", url="mailto:ana@example.org")]
    md = render_bytes(doc, "md")[0].decode("utf-8")
    refs = md[md.index("## References"):]
    tokens = markdown_parser().parse(refs)
    assert [t.type for t in tokens].count("heading_open") == 1
    items = [t.content for t in tokens if t.type == "inline"][1:]
    # (an https URL, so a link: its line breaks dropped as a browser drops them, the rest encoded)
    assert items[2] == "[Injected](<https://ok.example/%3E#%20Injected%20heading%3Cscript%3Ex%3C/script%3E>)"
    assert plaintext.to_plain(items[3]) == "Share. \\\\host\\share"
    assert plaintext.to_plain(items[4]) == "# Not a heading"
    assert "mailto:ana@example.org" in live_links(refs)
    assert html_tokens(md) == []


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("a <b>bold</b> c", "a \\<b\\>bold\\</b\\> c"),
        ("<div>\nhi *x*\n</div>\n\npara", "```\n<div>\nhi *x*\n</div>\n```\n\npara"),
        ("- <div>\n  x\n- b", "- ```\n  <div>\n  x\n  ```\n- b"),
        ("> <!-- note -->\n> more", "> ```\n> <!-- note -->\n> ```\n> more"),
        ("Use `<b>` here", "Use `<b>` here"),
        ("    <b>indented code</b>", "    <b>indented code</b>"),
        ("```\n<script>x</script>\n```", "```\n<script>x</script>\n```"),
        ("Go to <https://example.org> or <ana@example.org>.", "Go to <https://example.org> or <ana@example.org>."),
        ("[x](https://example.org) [y](mailto:a@b.c)", "[x](https://example.org) [y](mailto:a@b.c)"),
        ("See [the share](smb://host/x) now", "See the share now"),
        ("See [*the* share](\\\\\\\\host\\\\share)", "See the share"),
        ("<smb://host/x>", "smb://host/x"),
        ("![logo](smb://host/logo.png)", "logo"),
        ("[x](javascript:alert(1))", "[x]\\(javascript:alert(1)\\)"),
        ("<javascript:alert(1)>", "\\<javascript:alert(1)>"),
        ("[r]: smb://host/x\n\nUse [r].", f"[{REMOVED_LABEL}]: <>\n\nUse r."),
        ("[r]: javascript:alert(1)\n\n[r]", "[r]\\: javascript:alert(1)\n\n[r]"),
        ("a <span\n  title='*x*'>b", "a \\<span\\\n&#32;&#32;title='\\*x\\*'\\>b"),
        ("| <b>x</b> | [y](file:x) |\n|---|---|", "| \\<b\\>x\\</b\\> | [y]\\(file:x\\) |\n|---|---|"),
        ("```\nnever closed", "```\nnever closed\n```"),
    ],
)
def test_safe_answer(answer, expected):
    out = safe_answer(answer)
    assert out == expected
    assert plaintext.to_plain(out) == plaintext.to_plain(answer)
    for parser in (markdown_parser(), accepting_parser()):
        assert html_tokens(out, parser) == [] and all(is_safe(h) for h in live_links(out, parser))


def test_answers_cannot_swallow_the_rest_of_the_document():
    md = render_bytes(make_doc({"1.2": "```\nopen fence", "1.1": "<!--\nopen comment", "2.1": "After."}), "md")[0].decode("utf-8")
    assert ("h3", "2.1 Anything else?") in headings(md) and ("h2", "References") in headings(md)


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize("url", HOSTILE + [INJECTING_SOURCE])
def test_text_shows_urls_as_text_without_control_characters(url):
    txt = render_bytes(hostile_doc(url), "txt")[0].decode("utf-8")
    assert not CONTROL.search(txt)
    refs = txt[txt.index("\nReferences\n"):]
    assert "Hostile source. " in refs
    assert "# Injected heading" not in txt.splitlines()


def test_text_decoded_urls_cannot_break_lines():
    md = "[x](https://example.org/%0A%0AInjected%E2%80%AE) <https://example.org/%0D%0A%C2%9B> a&#155;b&#13;c"
    txt = render_bytes(make_doc({"2.1": md}), "txt")[0].decode("utf-8")
    assert not CONTROL.search(txt) and "\u202e" not in txt
    assert "x (https://example.org/%0A%0AInjected%E2%80%AE) https://example.org/%0D%0A%C2%9B" in txt
    assert not any(line.startswith("Injected") for line in txt.splitlines())


@pytest.mark.parametrize("url", SAFE)
def test_safe_links_work_in_markdown_and_text(url):
    doc = make_doc({"2.1": f"Read [this]({url})."})
    doc.sources.append(Source(title="Safe", url=url))
    md = render_bytes(doc, "md")[0].decode("utf-8")
    assert live_links(md).count(markdown_parser().normalizeLink(url)) == 2
    txt = render_bytes(doc, "txt")[0].decode("utf-8")
    assert f"Read this ({url})." in txt and f"Safe. {url}" in txt


# --------------------------------------------------------------------------- any answer

FRAGMENTS = [
    "<b>", "</b>", "<div>", "<!--", "-->", "<?", "?>", "<![CDATA[", "]]>", "<!X", "<script>", "</script>", "<a href='x'>",
    "<span\n", "<https://example.org>", "<smb://x>", "<javascript:x>", "[x](javascript:y)", "[a](b)", "[r]: smb://x", "[r]",
    "![i](smb://h)", "[link](https://example.org/x)", "`", "```", "    ", "\t", "\n", "\n\n", "  \n", "- ", "1. ", "> ",
    "# ", "===", "---", "| a | b |\n|---|---|\n| ", "*", "_", "~~", "\\", "&", "&amp;", "[", "]", "(", ")", "!", "\r\n",
]
answers = st.one_of(st.text(), st.lists(st.one_of(st.text(max_size=8), st.sampled_from(FRAGMENTS)), max_size=25).map("".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=answers)
def test_any_answer_becomes_markdown_without_raw_html(text):
    answer = strip_forbidden(text)
    escaped = safe_answer(answer)
    assert plaintext.to_plain(escaped) == plaintext.to_plain(answer)
    for parser in (markdown_parser(), accepting_parser()):
        assert html_tokens(escaped, parser) == []
        assert all(is_safe(h) for h in live_links(escaped, parser))
    md = render_bytes(make_doc({"2.1": text}), "md")[0].decode("utf-8")
    assert html_tokens(md) == [] and all(is_safe(h) for h in live_links(md))
    assert headings(md)[-1] == ("h2", "References")
