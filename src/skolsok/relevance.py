"""Which search hits are worth showing a person: none when nothing is relevant, no near-duplicates.

``Searcher.search`` always returns its ``top_k`` best passages, relevant or not (evaluation needs
the ranking). A person asking "pizzarecept med ananas" should read "no hits" instead, and should
not read the same sentences twice from two overlapping passages of one document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .answer import AnswerSettings, detect_language
from .schema import Hit

#: A hit is shown when its score is within this much of the support ``ask`` needs to answer...
SEARCH_SLACK = 0.02
#: ...and within this much of the best hit's score.
SEARCH_SPREAD = 0.1
#: What a person reads when no hit is relevant (the web app's Sök tab, ``skolsok search``).
NO_HITS = {
    "sv": "Inga träffar. Pröva andra ord eller färre filter.",
    "en": "No hits. Try other words or fewer filters.",
}


def no_hits_message(query: str) -> str:
    """:data:`NO_HITS` in the language of ``query``."""
    return NO_HITS[detect_language(query)]


def relevant_hits(hits: Sequence[Hit], query: str, settings: AnswerSettings | None = None) -> list[Hit]:
    """``hits`` without the irrelevant ones and without passages that overlap an earlier one of
    the same record; ranks renumbered from 1."""
    if not hits:
        return []
    settings = settings or AnswerSettings()
    # Search orders hits by score plus small bonuses (see FusionSettings): scores need not fall.
    floor = max(settings.hit_bar(detect_language(query)) - SEARCH_SLACK, max(h.score for h in hits) - SEARCH_SPREAD)
    shown: list[Hit] = []
    for hit in hits:
        if hit.score < floor:
            continue
        if any(h.record.id == hit.record.id and h.start < hit.end and hit.start < h.end for h in shown):
            continue
        shown.append(dataclasses.replace(hit, rank=len(shown) + 1))
    return shown
