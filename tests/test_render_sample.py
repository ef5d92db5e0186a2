"""A hand-built SubmissionDoc that exercises every renderer feature, shared by the render tests.

The answer Markdown holds paragraphs, bold and italic, a link, a nested bullet list, two separate
numbered lists, a block quote, a heading, XML specials, XML-looking text and forbidden characters.
"""

from __future__ import annotations

import datetime as dt

from drafter.compose import Answer, Composed, ComposedItem, measure
from drafter.model import Block, BlockItem, Consultation, Cosigner, Draft, Limit, Question, Respondent, Section, Source
from drafter.questionnaire import response
from drafter.submission import SubmissionDoc, build_submission

RICH_MD = """\
The **multistakeholder model** works, and *open standards* keep it so.
See [the report](https://example.org/a) for details.

- Inclusive participation
  - Chapters in 50+ countries
  - Regional IXPs
- Technical stability

1. First step
2. Second step

Between the lists: & < > " ' and Policy <criteria> here.

1. Again from one
2. And two

> Quoted words from the Tunis Agenda.

## A heading inside the answer

Control\x00 characters\x0b vanish."""

SECOND_MD = """\
The IGF needs a **permanent mandate**, as [IGF 2024](https://www.intgovforum.org/en) showed.

Community networks connect the last billion."""


def answer(markdown: str, sources: list[Source] | None = None) -> Answer:
    """A composed answer: one block whose text is `markdown` and whose sources are `sources`."""
    block = Block(id="b", title="B", themes=["t"], body=markdown, sources=sources or [])
    item = ComposedItem(item=BlockItem(block="b"), markdown=markdown, block=block)
    return measure(Composed(markdown=markdown, items=[item] if markdown else [], findings=[]))


def make_doc(markdowns: dict[str, str] | None = None) -> SubmissionDoc:
    """The sample submission; `markdowns` replaces answers by question id."""
    q11 = Question(id="1.1", text="How can the WSIS vision be realised?", guidance="Refer to the action lines.",
                   required=True, limit=Limit(words=500))
    q12 = Question(id="1.2", text="What should the IGF look like after 2025?", limit=Limit(chars=1500))
    q21 = Question(id="2.1", text="Anything else?", guidance="Optional.")
    consultation = Consultation(
        id="wsis20",
        title="WSIS+20 Review: Call for Inputs",
        organiser="UN Commission on Science and Technology for Development",
        url="https://unctad.org/cstd",
        language="en",
        deadline=dt.datetime(2025, 7, 15, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        sections=[
            Section(id="vision", title="The WSIS vision", questions=[q11, q12]),
            Section(id="other", title="Other comments", questions=[q21]),
        ],
    )
    respondent = Respondent(
        name="Ana Example",
        organisation="Example Registry & Co <ccTLD>",
        stakeholder_group="Technical community",
        country="Kenya",
        email="ana@example.org",
        consent_to_publish=True,
    )
    cosigners = [Cosigner(organisation="ISOC Chapter Ruritania", country="RU"), Cosigner(organisation="Open IXP")]
    draft = Draft(consultation="wsis20", respondent=respondent, cosigners=cosigners, date=dt.date(2025, 7, 1))
    src_a = Source(title="Tunis Agenda for the Information Society", url="https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html")
    src_b = Source(title="IGF 2024 messages", url="https://www.intgovforum.org/en")
    md = {"1.1": RICH_MD, "1.2": SECOND_MD, "2.1": ""}
    md.update(markdowns or {})
    answers = {
        "1.1": answer(md["1.1"], [src_a]),
        "1.2": answer(md["1.2"], [src_b, src_a]),
        "2.1": answer(md["2.1"]),
    }
    return build_submission(response(consultation, draft), answers)


def test_sample_is_consistent():
    doc = make_doc()
    assert [a.target.id for a in doc.answers()] == ["1.1", "1.2", "2.1"]
    assert doc.answers()[0].words > 0
    assert [s.title for s in doc.sources] == ["Tunis Agenda for the Information Society", "IGF 2024 messages"]
    assert [s.title for s in doc.answers()[1].sources] == ["IGF 2024 messages", "Tunis Agenda for the Information Society"]
