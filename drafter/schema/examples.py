"""One short example of each file kind, printed in the format reference (`reference.formats_markdown`).

Invariant: each example validates against its model, and together they fit: the example draft
answers the example consultation with the example block of the example library (the tests check both).
"""

EXAMPLES: dict[str, str] = {
    "block": """\
id: permanent-igf-mandate
title: A permanent mandate for a stronger IGF
summary: The IGF has earned a permanent mandate, with stable funding to go with it.
themes:
  - igf-mandate
  - multistakeholder
tags:
  - igf
  - "wsis:C11"
body: |
  {{ respondent.organisation }} supports a **permanent mandate for the IGF**, with:

  - a stable, multi-year funding base;
  - clear channels from IGF messages to decision-making bodies.
short: |
  {{ respondent.organisation }} supports a permanent, well-funded IGF.
owner: Policy WG
reviewed: 2026-11-01
review_every_days: 365
sources:
  - title: Tunis Agenda for the Information Society, paragraph 72
    url: https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html
language: en
translations:
  fr:
    title: Un mandat permanent pour un FGI renforcé
    body: |
      {{ respondent.organisation }} soutient un **mandat permanent pour le FGI**.
""",
    "library": """\
name: Technical Community Coordination Group — shared positions
namespace: tcg
description: Reviewed positions the coordination group reuses in consultations.
maintainers:
  - Policy WG <policy@example.org>
review_every_days: 180
languages: [en, fr]
words: [ccTLD, IXP, RIR]
themes:
  - id: igf-mandate
    label: IGF mandate
    description: The future of the Internet Governance Forum.
  - id: multistakeholder
    label: Multistakeholder model
phrases:
  - id: negative-framing
    severity: warning
    message: Negative framing.
    hint: State what you propose instead.
    patterns: ['\\bred lines?\\b', '\\bwe oppose\\b']
    ignore_case: true
""",
    "consultation": """\
id: wsis20-review
title: "WSIS+20 Review: Call for Written Inputs"
organiser: Co-facilitators of the WSIS+20 Review
url: https://consultations.example.org/wsis20-review
language: en
deadline: 2026-12-15T23:59:00-05:00
deadline_history:
  - deadline: 2026-11-30T23:59:00-05:00
    changed: 2026-11-10
checked: 2026-11-20
respondent:
  required: [name, organisation, country, consent_to_publish]
submission:
  format: docx
  max_pages: 10
  notes: Upload one DOCX file through the online form.
phrases:
  - id: no-acronyms
    severity: info
    message: The organiser asks respondents to spell out acronyms.
    patterns: ['\\b[A-Z]{3,}\\b']
kind: questionnaire
sections:
  - id: "1"
    title: Vision
    intro: Your view of the WSIS framework beyond 2025.
    questions:
      - id: "1.1"
        number: A
        text: What should the priorities be beyond 2025?
        guidance: Be specific.
        required: true
        limit: {words: 500}
        themes: [igf-mandate]
      - id: "1.2"
        text: Should the IGF have a permanent mandate?
        kind: choice
        choices: ["Yes", "No", "No opinion"]
        in: form
      - id: "1.3"
        text: "On implementation:"
        limit: {chars: 3000}
        parts:
          - id: 1.3a
            number: (a)
            text: What has worked?
          - id: 1.3b
            number: (b)
            text: What should change?
""",
    "draft": """\
consultation: wsis20-review
date: 2026-12-01
respondent:
  name: A. Mensah
  role: Policy Director
  organisation: Example ccTLD Registry
  stakeholder_group: Technical community
  country: Ghana
  region: Africa
  email: policy@example.org
  capacity: organisation
  consent_to_publish: true
cosigners:
  - organisation: Example Internet Exchange
    country: Kenya
answers:
  "1.1":
    - block: tcg/permanent-igf-mandate
      pinned: 3f2c1a9e0b7d
      variant: short
    - text: We would add one point of our own.
  "1.2":
    - choice: "Yes"
  1.3a:
  1.3b:
""",
    "workspace": """\
libraries:
  - path: positions
  - path: libraries/tcg
    namespace: tcg
    source: https://git.example.org/tcg/tcg-positions.git
    ref: main
    commit: 9a41c2e7f00312ab45cd67ef89a01bc23de45f67
consultations: [consultations]
templates: [templates]
drafts: drafts
respondent:
  name: A. Mensah
  organisation: Example ccTLD Registry
  stakeholder_group: Technical community
  country: Ghana
words: [Mensah]
""",
}
"""One short example of each file kind (validated against the models by the tests)."""
