"""Suggest the blocks that fit a question, each with a match strength from 0 to 1 and its reasons.

`tokens` turns words into index terms per language, `index` builds the suggestion index of a
library index (and keeps it in the cache), `ranking` ranks its blocks for a question.

The full-text library, chosen by measurement (the evaluation set of benchmarks/data/suggest: 37
real consultation questions over the sample library and a second library, 53 blocks; and 5,000
generated blocks; one run on the development machine, 2 cores):

| | bm25s 0.3 + PyStemmer 3.1 | tantivy 0.27 (`en_stem`) |
|---|---|---|
| plain BM25 recall@3 / MRR on the evaluation set | 0.721 / 0.907 | 0.680 / 0.858 |
| build over 5,000 blocks | 389 ms tokenising + 229 ms index | 402 ms |
| one query, every block's score (what ranking needs) | 0.04 ms | 4.2 ms (0.12 ms for the top 50) |
| import | 97 ms (numpy) | 3 ms |
| installed size | 0.6 MB + PyStemmer 2.6 MB + numpy 73 MB | 17 MB |

bm25s won on quality and on the per-question cost of scoring every block; its price is numpy's
size and import time, paid only by the commands that suggest.

Invariant: importing this package loads neither numpy nor bm25s (nor PyStemmer): they are imported
inside the functions that build, load or rank, so `drafter check` and the UI's first paint never pay
for them.
"""

from __future__ import annotations

from .index import SuggestIndex, suggest_index
from .ranking import Chosen, Suggestion, rank, strength_bar
from .tokens import analyzer, primary

__all__ = ["Chosen", "SuggestIndex", "Suggestion", "analyzer", "primary", "rank", "strength_bar", "suggest_index"]
