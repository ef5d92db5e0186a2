"""DraftEditor under random edit sequences: the file stays valid YAML, says what the edits say, and
keeps every comment.

A Hypothesis state machine loads a draft whose comments sit in every position a person puts them
(above and below keys, between an answer's key and its first item, between items, inside an item,
after the last item, at the end of the file, at the end of a line, after a null answer, after `[]`,
after a `|` block; the two sample drafts too) and applies random edits through the editor's public
methods (insert_block, add_text, set_text, remove, move, set_variant, set_pinned, set_choice,
set_respondent, set_cosigners, save and reload), keeping a plain model of what the draft should hold.
Texts are random: several lines, blank lines, leading spaces and tabs, `#`, `: `, quotes, YAML
indicators, control characters, odd line breaks, any Unicode. After every step:

* `editor.text()` parses (safe loader) to exactly the model (the answers, their items and key
  order, the respondent, the cosigners, everything else untouched); a second dump gives the same
  text (so the editor never needed its flattened fallback); loading the text and dumping it again
  gives it back unchanged;
* `editor.model()` is not None and equals validating the text afresh (`read_yaml_text` + `validate`);
* the comment rule below holds.

Comment rule. Each comment of the original carries a unique marker `~NN~` (no generated text holds a
`~`). Every marker is still in the text exactly once, after a `#`, followed by the same words; the
markers above the answers, and below them, keep their order; and in the answers the sequence of
answer keys, items (their dash lines) and markers is exactly the one the model predicts:

* the comment lines above an item belong to it: `move` carries them along, and so the comments
  inside it (end-of-line ones, whole lines between its keys);
* an inserted item goes directly below the item before it (or the answer's key): above the comment
  lines of the item it is inserted before, or above the answer's closing comments;
* a removed item's comments are kept: they join the comment lines above the next item (or the
  answer's closing ones), its end-of-line comments as whole lines; an emptied answer is `[]` with
  its comments below it;
* an end-of-line comment stays on its line (on a `|` text, on the `|` line); when `variant` goes
  (back to the body) its end-of-line comment becomes a whole line where it stood — below the item's
  last key, that introduces the next item;
* a new answer goes directly below the last one, a new top-level key (respondent, cosigners) at the
  end of the file: above the comment lines that closed the answers, which close the new one;
* an answer no edit touched keeps its lines byte for byte, and so does everything above the answers
  while the respondent and cosigners are untouched.

So no comment is ever dropped, and comments keep their relative order except that `move` carries an
item's comments with it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from ruamel.yaml import YAML

from drafter.draft_editor import DraftEditor
from drafter.model import Draft
from drafter.yamlio import dumps_roundtrip, read_yaml_text, validate

ROOT = Path(__file__).resolve().parent.parent
MARK = re.compile(r"~\d\d~")

# --------------------------------------------------------------------------- base drafts

RICH = """\
# ~~ header
# ~~ header, second line
consultation: c1  # ~~ eol on a top-level key
date: 2026-11-27
respondent:  # ~~ eol on respondent
  # ~~ before the first respondent key
  name: Ada  # ~~ eol on name
  organisation: Org
  # ~~ between respondent keys
  country: ''
  # ~~ after the last respondent key
cosigners:
  - organisation: Co One  # ~~ eol on a cosigner
    country: Sweden
  # ~~ between cosigners
  - organisation: Co Two
# ~~ before answers
answers:  # ~~ eol on answers
  # ~~ before the first answer key
  '1.1':
    # ~~ between key and first item
    - block: one  # ~~ eol on a dash line
      # ~~ inside an item
      pinned: 0123456789ab
    # ~~ between items
    - text: 'Plain: words.'  # ~~ eol on a text
    # ~~ between items, first of two

    # ~~ after a blank line
    - text: |
        Multi-line
        text.
      # ~~ after a literal, deeper
    # ~~ after the last item
  # ~~ before the next answer key
  '1.2': []  # ~~ eol on an empty list
  # ~~ after an empty list
  '1.3':
  # ~~ after a null answer
  '2.1':   # ~~ eol on an answer key
    - choice: 'Yes'
  '2.2':
    # ~~ PROBLEM first item
    - block: community-centred-connectivity
      pinned: 4841f95ee8ee
    # ~~ PROBLEM second item
    # ~~ continued
    - block: reaching-underserved-regions
      pinned: bae4d32c8fb8
      variant: short
  '3.1':
    - {block: flow-item, pinned: aaaaaaaaaaaa}
    - block: x
      pinned: aaaaaaaaaaaa
      variant: short  # ~~ eol on the last key
# ~~ end of file
"""

EDGES = """\
consultation: c1
respondent: {}  # ~~ eol on an empty respondent
# ~~ before answers
answers:
  '1.1': []
  # ~~ after an empty list
  '1.2':
    - text: |
        Literal
      # ~~ after a literal, deeper
    # ~~ after a literal
  '1.3':
    # ~~ before a lone item
    - text: lone  # ~~ eol on a lone item
  '1.4':  # ~~ eol on a null answer
# ~~ end of file after a null answer
"""

NULL_FIRST = """\
consultation: c1
answers:
  '1.1':   # ~~ eol on a null answer
    # ~~ after the eol of a null answer
  '1.2':
    - block: b
    # ~~ after the last item
date: 2026-11-27
# ~~ after a later key
"""


def _number(text: str) -> str:
    """Give each `~~` placeholder a unique marker `~NN~`."""
    count = iter(range(1, 100))
    return re.sub("~~", lambda _: f"~{next(count):02d}~", text)


def _marked(text: str) -> str:
    """A sample draft with a placeholder in each of its (whole-line) comments."""
    return _number(re.sub(r"(?m)^(\s*)#", r"\1# ~~", text))


BASES = [
    _number(RICH),
    _number(EDGES),
    _number(NULL_FIRST),
    _marked((ROOT / "drafts" / "needs-work.yaml").read_text(encoding="utf-8")),
    _marked((ROOT / "drafts" / "example-response.yaml").read_text(encoding="utf-8")),
]

# --------------------------------------------------------------------------- the model


@dataclass
class Entry:
    """An item, the comments above it, and per key (in the file's order) the comments at the end of
    the key's line and the whole lines below it (none below the last key: those are above the next
    item)."""

    item: dict
    leading: list[str] = field(default_factory=list)
    notes: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)

    @property
    def inner(self) -> list[str]:
        return [m for eol, below in self.notes.values() for m in eol + below]

    def note(self, key: str) -> tuple[list[str], list[str]]:
        return self.notes.setdefault(key, ([], []))


@dataclass
class Answer:
    entries: list[Entry] | None  # None: a null answer no edit has touched
    key_eol: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)


@dataclass
class Layout:
    """Where each comment of a base draft belongs."""

    before: list[str]  # markers above the answers section
    head: list[str]  # markers on the `answers:` line and below it, above the first answer's key
    answers: dict[str, Answer]
    after: list[str]  # markers below the answers section


def _markers(line: str) -> list[str]:
    return MARK.findall(line)


def analyse(text: str) -> Layout:
    lines = text.splitlines()
    root = YAML().compose(text)
    top = [(k.value, k.start_mark.line, v) for k, v in root.value]
    at = next(i for i, (k, _, _) in enumerate(top) if k == "answers")
    start = top[at][1]
    end = top[at + 1][1] if at + 1 < len(top) else len(lines)
    answers_node = top[at][2]
    spans = [(k.value, k.start_mark.line, v) for k, v in answers_node.value]
    answers: dict[str, Answer] = {}
    for qid, _, v in spans:
        entries = [Entry({}, notes={k.value: ([], []) for k, _ in node.value}) for node in v.value] if v.tag.endswith(":seq") else None
        answers[qid] = Answer(entries)
    before: list[str] = []
    head: list[str] = []
    after: list[str] = []
    for n, line in enumerate(lines):
        marks = _markers(line)
        if not marks:
            continue
        if n < start or n >= end:
            (before if n < start else after).extend(marks)
            continue
        owner = [(qid, kl, v) for qid, kl, v in spans if kl <= n]
        if not owner:
            head.extend(marks)
            continue
        qid, key_line, value = owner[-1]
        answer = answers[qid]
        if n == key_line:
            answer.key_eol.extend(marks)
            continue
        if answer.entries is None:
            answer.tail.extend(marks)
            continue
        whole = line.lstrip().startswith("#")
        for j, node in enumerate(value.value):
            first = node.start_mark.line
            last = node.value[-1][0].start_mark.line if node.value else first
            if first <= n <= last and not (whole and n == first):
                key = [k.value for k, _ in node.value if k.start_mark.line <= n][-1]
                eol, below = answer.entries[j].note(key)
                (below if whole else eol).extend(marks)
                break
            if first > n:
                answer.entries[j].leading.extend(marks)
                break
        else:
            answer.tail.extend(marks)
    return Layout(before, head, answers, after)


def region_events(text: str) -> tuple[list[str], list[Any], list[str], dict[str, list[str]]]:
    """Markers above the answers section, the section's layout (keys, items, markers), markers below,
    and each answer's lines."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("answers:"))
    end = next((n for n in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[n])), len(lines))
    before = [m for line in lines[:start] for m in _markers(line)]
    after = [m for line in lines[end:] for m in _markers(line)]
    events: list[Any] = []
    own: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[start:end]:
        key = re.match(r"  ([^\s#].*?):(\s|$)", line)
        if key:
            qid = key.group(1).strip("'\"")
            events.append(("KEY", qid))
            current = own.setdefault(qid, [])
        elif line.startswith("    - "):
            events.append("ITEM")
        if current is not None:
            current.append(line)
        events.extend(_markers(line))
    return before, events, after, own


# --------------------------------------------------------------------------- strategies

# No `~` in generated text: it marks the original comments. No surrogates (not UTF-8).
CHARS = st.characters(blacklist_characters="~", blacklist_categories=("Cs",))
NASTY = st.sampled_from(
    ["", " ", "# not a comment", "key: value", "- dash", "'quoted'", '"double"', "  leading", "trailing  ",
     "tab\there", "\tleading tab", "ünïcødé ✓ 中文", "a: b # c", "|", ">", "---", "...", "[flow]", "{x: 1}",
     "null", "yes", "1.5", "\\", "@at", "%pct", "&anchor", "*alias", "!tag", "\r", "\x85", "\u2028", "\x00", "\ufeff"]
)
LINE = st.one_of(NASTY, st.text(CHARS, max_size=12), st.builds(lambda a, b: a + b, NASTY, st.text(CHARS, max_size=6)))
TEXT = st.one_of(
    st.text(CHARS, max_size=20),
    st.lists(LINE, min_size=1, max_size=5).map("\n".join),
    st.lists(LINE, min_size=1, max_size=4).map(lambda ls: "\n".join(ls) + "\n"),
    st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n" + "\n".join(ls)),
    st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n".join(ls) + "\n\n"),
)
REF = st.sampled_from(["one", "two", "lib/three", "capacity-building"])
PIN = st.text("0123456789abcdef", min_size=12, max_size=12)
NEW_QIDS = ["5.1", "9.9"]
RESPONDENT_FIELDS = ["name", "organisation", "country", "email", "stakeholder_group", "region", "consent_to_publish"]
safe = YAML(typ="safe")


class EditMachine(RuleBasedStateMachine):
    """Random edits through DraftEditor against a plain model; see the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="edit-prop-"))
        self.path = self.dir / "draft.yaml"
        self.editor: DraftEditor | None = None

    def teardown(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    # ------------------------------------------------------------------ setup

    @initialize(base=st.sampled_from(range(len(BASES))))
    def load(self, base: int) -> None:
        text = BASES[base]
        self.original = text
        self.path.write_text(text, encoding="utf-8")
        self.editor = DraftEditor.load(self.path)
        self.doc = safe.load(text)
        layout = analyse(text)
        self.layout = layout
        self.answers = layout.answers
        for qid, answer in self.answers.items():
            if answer.entries is not None:
                for entry, item in zip(answer.entries, self.doc["answers"][qid], strict=True):
                    entry.item = item
        self.touched: set[str] = set()
        self.outside_touched = False
        self.original_own = region_events(text)[3]

    # ------------------------------------------------------------------ helpers

    def entries(self, qid: str) -> list[Entry]:
        """The model's items of `qid`, made a list as the editor makes one on first use (a new answer
        goes directly below the last one, above the comment lines closing the answers)."""
        self.touched.add(qid)
        if qid not in self.answers:
            if self.answers:
                last = list(self.answers)[-1]
                self.touched.add(last)
                closing, self.answers[last].tail = self.answers[last].tail, []
            else:
                closing = []
            self.answers[qid] = Answer([], tail=closing)
        answer = self.answers[qid]
        if answer.entries is None:
            answer.entries = []
        return answer.entries

    def above_next(self, qid: str, index: int, markers: list[str]) -> None:
        """Comments that now stand below item `index` of `qid`: above the next item, or closing."""
        entries = self.entries(qid)
        if index + 1 < len(entries):
            entries[index + 1].leading[:0] = markers
        else:
            self.answers[qid].tail[:0] = markers

    def new_section(self, key: str) -> None:
        """A new top-level key goes at the end, directly below the last one: when that is `answers`,
        the comment lines closing the last answer close the file still, below the new key."""
        if key in self.doc or list(self.doc)[-1] != "answers" or not self.answers:
            return
        last = list(self.answers)[-1]
        self.touched.add(last)
        self.layout.after[:0], self.answers[last].tail = self.answers[last].tail, []

    def where(self, data: st.DataObject, qid: str) -> Any:
        return qid if data.draw(st.booleans(), label="shorthand") else ("answers", qid)

    def qids_with(self, kind: str | None = None) -> list[str]:
        return [
            q for q, a in self.answers.items()
            if a.entries and (kind is None or any(kind in e.item for e in a.entries))
        ]

    def sync(self) -> None:
        self.doc["answers"] = {q: (None if a.entries is None else [e.item for e in a.entries]) for q, a in self.answers.items()}

    def qid(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from(sorted(self.answers) + NEW_QIDS), label="qid")

    def clamp(self, index: int | None, n: int) -> int:
        return n if index is None else max(0, min(index, n))

    # ------------------------------------------------------------------ edits

    @rule(data=st.data(), ref=REF, pin=PIN, variant=st.sampled_from(["body", "short"]), index=st.none() | st.integers(-1, 6))
    def insert_block(self, data: st.DataObject, ref: str, pin: str, variant: str, index: int | None) -> None:
        assert self.editor is not None
        qid = self.qid(data)
        got = self.editor.insert_block(self.where(data, qid), ref, pin, index=index, variant=variant)
        entries = self.entries(qid)
        at = self.clamp(index, len(entries))
        item = {"block": ref, "pinned": pin} | ({"variant": variant} if variant != "body" else {})
        entries.insert(at, Entry(item, notes={k: ([], []) for k in item}))
        assert got == at

    @rule(data=st.data(), text=TEXT, index=st.none() | st.integers(-1, 6))
    def add_text(self, data: st.DataObject, text: str, index: int | None) -> None:
        assert self.editor is not None
        qid = self.qid(data)
        got = self.editor.add_text(self.where(data, qid), text, index=index)
        entries = self.entries(qid)
        at = self.clamp(index, len(entries))
        entries.insert(at, Entry({"text": text}, notes={"text": ([], [])}))
        assert got == at

    @rule(data=st.data(), text=TEXT)
    @precondition(lambda self: self.qids_with("text"))
    def set_text(self, data: st.DataObject, text: str) -> None:
        assert self.editor is not None
        qid = data.draw(st.sampled_from(self.qids_with("text")), label="qid")
        entries = self.entries(qid)
        index = data.draw(st.sampled_from([i for i, e in enumerate(entries) if "text" in e.item]), label="index")
        self.editor.set_text(self.where(data, qid), index, text)
        entries[index].item["text"] = text

    @rule(data=st.data())
    @precondition(lambda self: self.qids_with())
    def remove(self, data: st.DataObject) -> None:
        assert self.editor is not None
        qid = data.draw(st.sampled_from(self.qids_with()), label="qid")
        entries = self.entries(qid)
        index = data.draw(st.integers(0, len(entries) - 1), label="index")
        self.editor.remove(self.where(data, qid), index)
        gone = entries.pop(index)
        carried = gone.leading + gone.inner
        if index < len(entries):
            entries[index].leading[:0] = carried
        else:
            self.answers[qid].tail[:0] = carried

    @rule(data=st.data(), delta=st.sampled_from([-1, 1]))
    @precondition(lambda self: self.qids_with())
    def move(self, data: st.DataObject, delta: int) -> None:
        assert self.editor is not None
        qid = data.draw(st.sampled_from(self.qids_with()), label="qid")
        entries = self.entries(qid)
        index = data.draw(st.integers(0, len(entries) - 1), label="index")
        got = self.editor.move(self.where(data, qid), index, delta)
        target = index + delta
        if 0 <= target < len(entries):
            entries.insert(target, entries.pop(index))
            assert got == target
        else:
            assert got == index

    @rule(data=st.data(), variant=st.sampled_from(["body", "short"]))
    @precondition(lambda self: self.qids_with("block"))
    def set_variant(self, data: st.DataObject, variant: str) -> None:
        assert self.editor is not None
        qid = data.draw(st.sampled_from(self.qids_with("block")), label="qid")
        entries = self.entries(qid)
        index = data.draw(st.sampled_from([i for i, e in enumerate(entries) if "block" in e.item]), label="index")
        self.editor.set_variant(self.where(data, qid), index, variant)
        entry = entries[index]
        if variant == "body":
            if "variant" in entry.item:
                del entry.item["variant"]
                keys = list(entry.notes)
                eol, below = entry.notes.pop("variant")
                before = entry.notes[keys[keys.index("variant") - 1]]
                if keys[-1] == "variant":  # the comments below the new last key are above the next item
                    moved = before[1] + eol + below
                    before[1].clear()
                    self.above_next(qid, index, moved)
                else:
                    before[1].extend(eol + below)
        else:
            if "variant" not in entry.item:
                entry.notes["variant"] = ([], [])
            entry.item["variant"] = variant

    @rule(data=st.data(), pin=PIN)
    @precondition(lambda self: self.qids_with("block"))
    def set_pinned(self, data: st.DataObject, pin: str) -> None:
        assert self.editor is not None
        qid = data.draw(st.sampled_from(self.qids_with("block")), label="qid")
        entries = self.entries(qid)
        index = data.draw(st.sampled_from([i for i, e in enumerate(entries) if "block" in e.item]), label="index")
        self.editor.set_pinned(self.where(data, qid), index, pin)
        entry = entries[index]
        if "pinned" not in entry.item:  # right below `block`, above the comments that followed it
            block = entry.note("block")
            notes = list(entry.notes.items())
            at = [k for k, _ in notes].index("block") + 1
            notes.insert(at, ("pinned", ([], list(block[1]))))
            block[1].clear()
            entry.notes = dict(notes)
        entry.item["pinned"] = pin

    @rule(data=st.data(), value=st.one_of(st.sampled_from(["Yes", "No", "yes", "null", "1.0", ""]), st.text(CHARS, max_size=10)))
    def set_choice(self, data: st.DataObject, value: str) -> None:
        assert self.editor is not None
        qid = self.qid(data)
        self.editor.set_choice(self.where(data, qid), value)
        entries = self.entries(qid)
        for entry in entries:
            if "choice" in entry.item:
                entry.item["choice"] = value
                break
        else:
            entries.append(Entry({"choice": value}, notes={"choice": ([], [])}))

    @rule(data=st.data(), name=st.sampled_from(RESPONDENT_FIELDS))
    def set_respondent(self, data: st.DataObject, name: str) -> None:
        assert self.editor is not None
        value = data.draw(st.booleans() if name == "consent_to_publish" else TEXT, label="value")
        self.editor.set_respondent(name, value)
        self.new_section("respondent")
        respondent = self.doc.get("respondent")
        if not isinstance(respondent, dict):
            respondent = self.doc["respondent"] = {}
        respondent[name] = value
        self.outside_touched = True

    @rule(cosigners=st.lists(st.fixed_dictionaries({"organisation": st.text(CHARS, min_size=1, max_size=10)}, optional={"country": st.sampled_from(["Sweden", "", "Côte d'Ivoire"])}), max_size=3))
    def set_cosigners(self, cosigners: list[dict[str, str]]) -> None:
        assert self.editor is not None
        self.editor.set_cosigners(cosigners)
        self.new_section("cosigners")
        self.doc["cosigners"] = [{k: v for k, v in c.items() if v} for c in cosigners]
        self.outside_touched = True

    @rule()
    def save_and_reload(self) -> None:
        """Save, then carry on with an editor loaded from the saved file."""
        assert self.editor is not None
        self.editor.save()
        self.editor = DraftEditor.load(self.path)

    # ------------------------------------------------------------------ checks

    @invariant()
    def holds(self) -> None:
        if self.editor is None:
            return
        text = self.editor.text()
        # a second dump gives the same text (so the editor did not fall back to a flattened one)
        assert dumps_roundtrip(self.editor.data) == text, "a second dump differs"
        self.file_says_what_the_model_says(text)
        self.comments_kept(text)

    def file_says_what_the_model_says(self, text: str) -> None:
        assert self.editor is not None
        self.sync()
        parsed = safe.load(text)
        assert parsed == self.doc, text
        assert list(parsed["answers"]) == list(self.answers), text
        # the text reads back as itself (nothing in the data is in a state a dump cannot keep)
        again = self.dir / "again.yaml"
        again.write_text(text, encoding="utf-8")
        assert DraftEditor.load(again).text() == text
        # the model is the validated file
        model = self.editor.model()
        assert model is not None, self.editor.findings
        fresh, findings = validate(read_yaml_text(text), Draft)
        assert fresh is not None, findings
        assert model == fresh

    def comments_kept(self, text: str) -> None:
        lines = text.splitlines()
        found = MARK.findall(text)
        wanted = MARK.findall(self.original)
        assert sorted(found) == sorted(wanted), (set(wanted) - set(found), text)
        said = {m: line.split(m, 1)[1] for line in self.original.splitlines() for m in _markers(line)}
        for line in lines:
            for m in _markers(line):
                assert "#" in line.split(m)[0], f"{m} is not in a comment: {line!r}"
                assert line.split(m, 1)[1] == said[m], f"the comment {m} says something else: {line!r}"
        before, events, after, own = region_events(text)
        assert before == self.layout.before, text
        assert after == self.layout.after, text
        expected: list[Any] = list(self.layout.head)
        for qid, answer in self.answers.items():
            expected.append(("KEY", qid))
            expected.extend(answer.key_eol)
            for entry in answer.entries or []:
                expected.extend(entry.leading)
                expected.append("ITEM")
                expected.extend(entry.inner)
            expected.extend(answer.tail)
        assert events == expected, text
        # an answer no edit touched keeps its lines byte for byte
        for qid, original in self.original_own.items():
            if qid not in self.touched:
                assert own[qid] == original, (qid, text)
        if not self.outside_touched:
            start = next(n for n, line in enumerate(lines) if line.startswith("answers:"))
            ostart = next(n for n, line in enumerate(self.original.splitlines()) if line.startswith("answers:"))
            assert lines[:start] == self.original.splitlines()[:ostart]


EditMachine.TestCase.settings = settings(
    max_examples=50,
    stateful_step_count=25,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestEditSequences = EditMachine.TestCase
