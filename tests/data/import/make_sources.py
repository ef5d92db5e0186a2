"""Rebuild the import corpus from each case's one text source.

    python tests/data/import/make_sources.py [CASE ...] [--no-pdf]

Each folder here holds a `source.yaml`: the call's metadata, the formats its organiser would
publish, and its text as a list of blocks (headings, paragraphs, bullets, numbered questions with
their parts, or a document's numbered paragraphs). From it this script writes:

- the source files in each listed format, named `<case>.<ext>` (`<case>.num.docx` for a DOCX whose
  labels come from Word list numbering, numbering.xml, with no number typed in the text):
  `docx` (typed labels), `docx-num`, `pdf` (LibreOffice's conversion of the DOCX named by
  `pdf_from`), `html` (an organiser's page: navigation, script, cookie banner, then the text with
  typed labels, `<ol>` lists or a web form), `md`, `txt` (pasted from an e-mail or web form,
  hard-wrapped at 72 columns);
- `expected.yaml`: what a perfect import gives (see README.md here for the conventions);
- `README.md`: where the text comes from and what was reconstructed.

The generated files are committed; rerun this after editing a `source.yaml`. DOCX and PDF output
is made reproducible where the tools allow (fixed core properties); PDFs differ in their
creation date only.
"""

from __future__ import annotations

import argparse
import copy
import html
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
WRAP = 72

yaml = YAML(typ="safe")


# --- model ----------------------------------------------------------------------------------


def load_case(folder: Path) -> dict[str, Any]:
    data = yaml.load((folder / "source.yaml").read_text(encoding="utf-8"))
    data["case"] = folder.name
    return data


def q_line(q: dict[str, Any]) -> str:
    """The question's text as printed after its label: text, then limit/required marks."""
    text = q["text"]
    if q.get("suffix"):
        text += " " + q["suffix"]
    return text


def q_number(q: dict[str, Any]) -> str:
    if "number" in q:
        return str(q["number"])
    return q["label"].strip().strip(".:)").strip("(").strip()


def shown_label(q: dict[str, Any], label: str | None = None) -> str:
    """The label as printed, with a mark printed before it (EU Survey's "*" for a mandatory question)."""
    return q.get("prefix", "") + (label if label is not None else q["label"])


def choice_line(lab: str, choice: str) -> str:
    """An option as printed: "a. Yes", or "Yes" alone where options carry no label (a web form's radio
    buttons, pasted)."""
    return f"{lab} {choice}" if lab else choice


def field_label(f: Any) -> str:
    """A respondent field: a string, or {field, options} for one answered by choosing."""
    return f["field"] if isinstance(f, dict) else f


def field_options(f: Any) -> list[str]:
    return list(f.get("options") or []) if isinstance(f, dict) else []


def choice_labels(q: dict[str, Any]) -> list[str]:
    if q.get("choice_labels"):
        return list(q["choice_labels"])
    return [f"{chr(ord('a') + i)}." for i in range(len(q.get("choices") or []))]


# --- expected.yaml ----------------------------------------------------------------------------


def expected_question(q: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": q_number(q),
        "text": q["text"],
        "limit": dict(q["limit"]) if q.get("limit") else None,
        "required": bool(q.get("required", False)),
        "parts": [expected_question(p) for p in q.get("parts") or []],
    }
    if q.get("choices"):
        out["choices"] = list(q["choices"])
    return out


def expected(case: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": case["kind"],
        "deadline": case.get("deadline"),
        "respondent_required": list(case.get("respondent_required") or []),
    }
    if case["kind"] == "document":
        out["revision"] = case.get("revision")
        out["paragraphs"] = [{"id": b["para"]["id"], "text": b["para"]["text"][:60]} for b in case["blocks"] if "para" in b]
    else:
        out["questions"] = [expected_question(b["q"]) for b in case["blocks"] if "q" in b]
    return out


# --- plain text and Markdown ------------------------------------------------------------------


def wrap(text: str, indent: str = "", hang: str | None = None) -> list[str]:
    return textwrap.wrap(text, WRAP, initial_indent=indent, subsequent_indent=hang if hang is not None else indent) or [indent]


def txt_question(q: dict[str, Any], level: int, out: list[str]) -> None:
    pad = "   " * level
    label = shown_label(q, q.get("label_txt") or q["label"])
    out += wrap(f"{label} {q_line(q)}", pad, pad + "   ")
    for bullet in q.get("bullets") or []:
        out += wrap(f"- {bullet}", pad + "   ", pad + "     ")
    for lab, choice in zip(choice_labels(q), q.get("choices") or []):
        out += wrap(choice_line(lab, choice), pad + "   ", pad + "      ")
    out.append("")
    for part in q.get("parts") or []:
        txt_question(part, level + 1, out)
    if q.get("after"):
        out += [*wrap(q["after"], pad + "   "), ""]
    if q.get("comments"):
        out += ["COMMENTS:", "", ""]


def render_txt(case: dict[str, Any]) -> str:
    out: list[str] = []
    for b in case["blocks"]:
        if "h1" in b:
            out += [b["h1"], "=" * min(len(b["h1"]), WRAP), ""]
        elif "h2" in b:
            out += [b["h2"], "-" * min(len(b["h2"]), WRAP), ""]
        elif "p" in b:
            out += [*wrap(b["p"]), ""]
        elif "bullets" in b:
            for item in b["bullets"]:
                out += wrap(f"* {item}", "", "  ")
            out.append("")
        elif "fields" in b:
            for f in b["fields"]:
                if field_options(f):
                    out += [field_label(f), *[f"   {o}" for o in field_options(f)]]
                else:
                    out.append(f"{field_label(f)}: ____")
            out.append("")
        elif "q" in b:
            txt_question(b["q"], 0, out)
        elif "para" in b:
            out += [*wrap(f"{b['para']['id']}. {b['para']['text']}", "", "    "), ""]
    return "\n".join(out).rstrip() + "\n"


def md_question(q: dict[str, Any], level: int, out: list[str]) -> None:
    pad = "   " * level
    out += [f"{pad}**{shown_label(q)}** {q_line(q)}", ""]
    for bullet in q.get("bullets") or []:
        out.append(f"{pad}- {bullet}")
    if q.get("bullets"):
        out.append("")
    for lab, choice in zip(choice_labels(q), q.get("choices") or []):
        out += [f"{pad}   {choice_line(lab, choice)}", ""]
    for part in q.get("parts") or []:
        md_question(part, level + 1, out)
    if q.get("after"):
        out += [f"{pad}{q['after']}", ""]


def render_md(case: dict[str, Any]) -> str:
    out: list[str] = []
    for b in case["blocks"]:
        if "h1" in b:
            out += [f"# {b['h1']}", ""]
        elif "h2" in b:
            out += [f"## {b['h2']}", ""]
        elif "p" in b:
            out += [b["p"], ""]
        elif "bullets" in b:
            out += [f"- {item}" for item in b["bullets"]] + [""]
        elif "fields" in b:
            out += [f"- {field_label(f)}" for f in b["fields"]] + [""]
        elif "q" in b:
            md_question(b["q"], 0, out)
        elif "para" in b:
            label = b["para"]["id"]
            out += [f"{label}. {b['para']['text']}" if label.isdigit() else f"**{label}** {b['para']['text']}", ""]
    return "\n".join(out).rstrip() + "\n"


# --- HTML -------------------------------------------------------------------------------------

PAGE_HEAD = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="/themes/site/css/main.css">
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){{dataLayer.push(arguments);}}
  gtag('js', new Date()); gtag('config', 'UA-000000-1');
  document.addEventListener('DOMContentLoaded', function () {{ var b = document.getElementById('cookies'); if (b) b.hidden = localStorage.ok; }});
</script>
<style>.visually-hidden{{position:absolute;left:-9999px}} nav ul{{list-style:none}}</style>
</head>
<body>
<div id="cookies" class="banner">This site uses cookies to offer you a better browsing experience. <button>Accept</button> <button>Decline</button></div>
<header>
<a class="visually-hidden" href="#main">Skip to main content</a>
<div class="logo"><a href="/"><img src="/logo.svg" alt="{organiser}"></a></div>
<nav aria-label="Main">
<ul>
<li><a href="/">Home</a></li>
<li><a href="/about">About</a></li>
<li><a href="/news">News</a></li>
<li><a href="/calls">Calls and consultations</a></li>
<li><a href="/contact">Contact</a></li>
</ul>
</nav>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/calls">Calls</a></li><li>{title}</li></ol>
</header>
<main id="main">
"""

PAGE_TAIL = """</main>
<aside class="sidebar"><h2>Related</h2><ul><li><a href="/calls/archive">Previous calls</a></li><li><a href="/faq">FAQ</a></li></ul></aside>
<footer>
<p>&copy; {organiser}. <a href="/terms">Terms of use</a> | <a href="/privacy">Privacy</a></p>
<script src="/themes/site/js/bundle.min.js"></script>
</footer>
</body>
</html>
"""


def e(text: str) -> str:
    return html.escape(text, quote=False)


def html_question_typed(q: dict[str, Any], level: int, out: list[str]) -> None:
    style = f' style="margin-left:{2 * level}em"' if level else ""
    out.append(f"<p{style}><strong>{e(shown_label(q))}</strong> {e(q_line(q))}</p>")
    if q.get("bullets"):
        out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in q["bullets"]) + "</ul>")
    for lab, choice in zip(choice_labels(q), q.get("choices") or []):
        out.append(f'<p style="margin-left:{2 * level + 2}em">{e(choice_line(lab, choice))}</p>')
    for part in q.get("parts") or []:
        html_question_typed(part, level + 1, out)
    if q.get("after"):
        out.append(f"<p{style}>{e(q['after'])}</p>")


OL_TYPES = {"decimal": "1", "lowerLetter": "a", "lowerRoman": "i", "upperLetter": "A"}


def html_ol(items: list[dict[str, Any]], level: int, case: dict[str, Any], out: list[str]) -> None:
    fmt = case.get("numbering", [{"fmt": "decimal"}] * 4)[level]["fmt"]
    first = items[0]
    start = q_number(first).split(".")[-1]
    start_attr = f' start="{start}"' if start.isdigit() and start != "1" else ""
    out.append(f'<ol type="{OL_TYPES[fmt]}"{start_attr}>')
    for q in items:
        out.append(f"<li>{e(q_line(q))}")
        if q.get("parts"):
            html_ol(q["parts"], level + 1, case, out)
        if q.get("comments"):
            out.append('<table class="comments" border="1"><tr><td><strong>COMMENTS:</strong></td><td>&nbsp;</td></tr></table>')
        out.append("</li>")
    out.append("</ol>")


def render_html(case: dict[str, Any]) -> str:
    style = case.get("html_lists", "typed")
    out = [PAGE_HEAD.format(lang=case["language"], title=e(case["title"]), organiser=e(case["organiser"]))]
    blocks = case["blocks"]
    i = 0
    form_open = False
    while i < len(blocks):
        b = blocks[i]
        if "h1" in b:
            out.append(f"<h1>{e(b['h1'])}</h1>")
        elif "h2" in b:
            if style == "form":
                if form_open:
                    out.append("</fieldset>")
                out.append(f"<fieldset><legend>{e(b['h2'])}</legend>")
                form_open = True
            else:
                out.append(f"<h2>{e(b['h2'])}</h2>")
        elif "p" in b:
            out.append(f"<p>{e(b['p'])}</p>")
        elif "bullets" in b:
            out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in b["bullets"]) + "</ul>")
        elif "fields" in b:
            out.append('<form method="post" action="/questionnaire/submit"><fieldset><legend>About you</legend>')
            for n, f in enumerate(b["fields"]):
                if field_options(f):
                    radios = "".join(
                        f'<div class="choice"><input type="radio" id="r{n}_{k}" name="r{n}"><label for="r{n}_{k}">{e(o)}</label></div>'
                        for k, o in enumerate(field_options(f))
                    )
                    out.append(f'<div class="field"><fieldset><legend>{e(field_label(f))}</legend>{radios}</fieldset></div>')
                    continue
                kind = "checkbox" if "agree" in f else "text"
                out.append(f'<div class="field"><label for="r{n}">{e(f)}</label> <input type="{kind}" id="r{n}" name="r{n}"></div>')
            out.append("</fieldset>")
        elif "q" in b and style == "ol":
            run = []
            while i < len(blocks) and "q" in blocks[i]:
                run.append(blocks[i]["q"])
                i += 1
            html_ol(run, 0, case, out)
            continue
        elif "q" in b and style == "form":
            q = b["q"]
            name = q_number(q).replace(".", "_")
            limit = q.get("limit") or {}
            maxlen = f' maxlength="{limit["chars"]}"' if "chars" in limit else ""
            out.append(f'<div class="question"><label for="q{name}"><span class="num">{e(shown_label(q))}</span> {e(q_line(q))}</label>')
            if q.get("choices"):
                out.append("".join(
                    f'<div class="choice"><input type="radio" id="q{name}_{k}" name="q{name}"><label for="q{name}_{k}">{e(c)}</label></div>'
                    for k, c in enumerate(q["choices"])
                ) + "</div>")
            else:
                counter = f'\n<p class="counter">{e(q["after"])}</p>' if q.get("after") else ""
                out.append(f'<textarea id="q{name}" name="q{name}" rows="8"{maxlen}></textarea>{counter}</div>')
        elif "q" in b:
            html_question_typed(b["q"], 0, out)
        elif "para" in b and style == "ol":
            run = []
            while i < len(blocks) and "para" in blocks[i]:
                run.append(blocks[i]["para"])
                i += 1
            start = run[0]["id"]
            start_attr = f' start="{start}"' if start != "1" else ""
            out.append(f"<ol{start_attr}>" + "".join(f"<li>{e(p['text'])}</li>" for p in run) + "</ol>")
            continue
        elif "para" in b:
            out.append(f"<p><b>{e(b['para']['id'])}.</b> {e(b['para']['text'])}</p>")
        i += 1
    if form_open:
        out.append('</fieldset><p><button type="submit">Submit</button></p></form>')
    out.append(PAGE_TAIL.format(organiser=e(case["organiser"])))
    return "\n".join(out)


# --- DOCX -------------------------------------------------------------------------------------


def numbering_definition(document: Any, levels: list[dict[str, str]]) -> int:
    """Add an abstractNum with these levels and a num pointing at it; return the numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=0) + 1
    lvls = []
    for ilvl, lvl in enumerate(levels):
        indent = 720 * (ilvl + 1)
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{lvl["fmt"]}"/>'
            f'<w:lvlText w:val="{lvl["text"]}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="{540 if len(lvl["text"]) < 5 else 720}"/></w:pPr></w:lvl>'
        )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    nums = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(nums, default=0) + 1
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def set_numbering(paragraph: Any, num_id: int, ilvl: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


LIST_STYLES = ["List Number", "List Number 2", "List Number 3"]


def render_docx(case: dict[str, Any], path: Path, numbered: bool) -> None:
    import datetime as dt

    from docx import Document
    from docx.shared import Pt

    document = Document()
    props = document.core_properties
    props.author = case["organiser"][:60]
    props.title = case["title"][:200]
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.last_modified_by = ""
    props.revision = 1
    num_id = numbering_definition(document, case.get("numbering") or [{"fmt": "decimal", "text": "%1."}]) if numbered else 0

    def label_run(paragraph: Any, label: str) -> None:
        run = paragraph.add_run(label + "\t" if len(label) < 4 else label + " ")
        run.bold = True

    def question(q: dict[str, Any], level: int) -> None:
        if numbered:
            p = document.add_paragraph(q_line(q), style=LIST_STYLES[min(level, 2)])
            set_numbering(p, num_id, level)
        else:
            p = document.add_paragraph()
            p.paragraph_format.left_indent = Pt(24 * level)
            label_run(p, shown_label(q))
            p.add_run(q_line(q))
        for bullet in q.get("bullets") or []:
            bp = document.add_paragraph(bullet, style="List Bullet")
            bp.paragraph_format.left_indent = Pt(24 * (level + 2))
        for lab, choice in zip(choice_labels(q), q.get("choices") or []):
            cp = document.add_paragraph(f"☐ {choice}" if numbered else choice_line(lab, choice))
            cp.paragraph_format.left_indent = Pt(24 * (level + 2))
        for part in q.get("parts") or []:
            question(part, level + 1)
        if q.get("after"):
            ap = document.add_paragraph(q["after"])
            ap.paragraph_format.left_indent = Pt(24 * (level + 1))
        if q.get("comments"):
            table = document.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            table.cell(0, 0).text = "COMMENTS:"

    for b in case["blocks"]:
        if "h1" in b:
            document.add_heading(b["h1"], level=1)
        elif "h2" in b:
            document.add_heading(b["h2"], level=2)
        elif "p" in b:
            document.add_paragraph(b["p"])
        elif "bullets" in b:
            for item in b["bullets"]:
                document.add_paragraph(item, style="List Bullet")
        elif "fields" in b:
            table = document.add_table(rows=len(b["fields"]), cols=2)
            table.style = "Table Grid"
            for row, f in zip(table.rows, b["fields"]):
                row.cells[0].text = field_label(f)
                if field_options(f):
                    row.cells[1].text = "  ".join(f"☐ {o}" for o in field_options(f))
        elif "q" in b:
            question(b["q"], 0)
        elif "para" in b:
            para = b["para"]
            if numbered:
                p = document.add_paragraph(para["text"], style="List Number")
                set_numbering(p, num_id, 0)
            else:
                p = document.add_paragraph()
                label_run(p, f"{para['id']}.")
                p.add_run(para["text"])
    document.save(str(path))


def to_pdf(docx: Path, pdf: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) is needed to make the PDFs; use --no-pdf to skip them")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), pdf)


# --- README -----------------------------------------------------------------------------------

FILE_NAMES = {"docx": "{c}.docx", "docx-num": "{c}.num.docx", "pdf": "{c}.pdf", "html": "{c}.html", "md": "{c}.md", "txt": "{c}.txt"}
FORMAT_NOTES = {
    "docx": "DOCX, labels typed in the text",
    "docx-num": "DOCX, labels from Word list numbering (numbering.xml); the text holds no number",
    "pdf": "PDF converted by LibreOffice from the {src}",
    "html": "HTML page as the organiser's site would serve it (navigation, scripts, cookie banner)",
    "md": "Markdown",
    "txt": "plain text as pasted from an e-mail or web form, hard-wrapped at 72 columns",
}


def render_readme(case: dict[str, Any]) -> str:
    lines = [f"# {case['case']}: {case['title']}", "", f"Organiser: {case['organiser']}", "", f"Source: <{case['url']}>", ""]
    lines += ["## What it is based on", "", textwrap.fill(case["based_on"].strip(), 100), ""]
    lines += ["## What was reconstructed", "", textwrap.fill(case["adapted"].strip(), 100), ""]
    lines += ["## Files", ""]
    for fmt in case["formats"]:
        src = "DOCX with Word numbering" if case.get("pdf_from") == "docx-num" else "DOCX with typed labels"
        lines.append(f"- `{FILE_NAMES[fmt].format(c=case['case'])}`: {FORMAT_NOTES[fmt].format(src=src)}")
    lines += ["- `expected.yaml`: what a perfect import gives (generated from `source.yaml` by `../make_sources.py`)", ""]
    kind_note = " (import with `--kind document`)" if case["kind"] == "document" else ""
    lines += [f"Kind: `{case['kind']}`{kind_note}; expected deadline: `{case.get('deadline')}`.", ""]
    return "\n".join(lines)


# --- main -------------------------------------------------------------------------------------


def dump_yaml(data: Any, path: Path) -> None:
    out = YAML()
    out.default_flow_style = False
    out.width = 4096
    out.allow_unicode = True
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# Generated by make_sources.py from source.yaml: what a perfect import gives. See ../README.md.\n")
        out.dump(copy.deepcopy(data), fh)


def build(folder: Path, pdf: bool) -> list[Path]:
    case = load_case(folder)
    name = case["case"]
    written = []
    for fmt in case["formats"]:
        path = folder / FILE_NAMES[fmt].format(c=name)
        if fmt == "txt":
            path.write_text(render_txt(case), encoding="utf-8")
        elif fmt == "md":
            path.write_text(render_md(case), encoding="utf-8")
        elif fmt == "html":
            path.write_text(render_html(case), encoding="utf-8")
        elif fmt in ("docx", "docx-num"):
            render_docx(case, path, numbered=fmt == "docx-num")
        elif fmt == "pdf":
            if not pdf:
                continue
            src_fmt = case.get("pdf_from", "docx")
            src = folder / FILE_NAMES[src_fmt].format(c=name)
            if src_fmt not in case["formats"]:
                with tempfile.TemporaryDirectory() as tmp:
                    src = Path(tmp) / FILE_NAMES[src_fmt].format(c=name)
                    render_docx(case, src, numbered=src_fmt == "docx-num")
                    to_pdf(src, path)
            else:
                render_docx(case, src, numbered=src_fmt == "docx-num")
                to_pdf(src, path)
        written.append(path)
    dump_yaml(expected(case), folder / "expected.yaml")
    (folder / "README.md").write_text(render_readme(case), encoding="utf-8")
    return written


def case_folders(names: list[str]) -> list[Path]:
    folders = sorted(p.parent for p in HERE.glob("*/source.yaml"))
    if names:
        folders = [f for f in folders if f.name in names]
    return folders


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="*", help="case folders to rebuild (default: all)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDFs (no LibreOffice needed)")
    args = ap.parse_args()
    for folder in case_folders(args.cases):
        for path in build(folder, pdf=not args.no_pdf):
            print(path.relative_to(HERE), f"{path.stat().st_size:,} bytes")


if __name__ == "__main__":
    sys.exit(main())
