"""Follow-up questions: "Vilka av dem fick Guldtrappan 2021?" asked after "Vilka kommuner har IT-råd?".

A question that refers back ("av dem", "dessa", "där", "those", "them") is answered among the
previous answer's organizations, one by one; a year in it becomes a year filter. When
there is nothing to refer back to, the answer says so instead of guessing.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from .answer import Answer, OrganizationAnswer, Quote, ask, detect_language
from .chunking import sentence_spans
from .question import question_years
from .schema import Filters
from .search import Searcher

#: Questions longer than this are cut before they are answered or kept in a conversation.
MAX_QUESTION = 2000
_REFERS = re.compile(
    r"\b(?:av\s+dem|av\s+dessa|bland\s+dem|bland\s+dessa|dessa|de\s+här|dem|där"
    r"|of\s+them|of\s+those|among\s+them|those|them|these|there)\b",
    re.I,
)


@dataclass(frozen=True)
class Context:
    """What a follow-up can refer to: the previous answer's organizations and filters."""

    organizations: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)


def refers_back(question: str) -> bool:
    return _REFERS.search(question) is not None


def year_in(question: str) -> int | None:
    years = question_years(question)
    return years[0] if years else None


def _best_quote(searcher: Searcher, question: str, filters: Filters) -> OrganizationAnswer | None:
    """An organization's best sentence for the question among its passages, when ``ask`` would
    abstain on a narrow question ("… fick Guldtrappan 2021") that its documents still answer."""
    hits = searcher.search(question, top_k=1, filters=filters)
    if not hits:
        return None
    hit = hits[0]
    spans = sentence_spans(hit.text) or [(0, len(hit.text))]
    s, e = max(spans, key=lambda span: sum(1 for h in hit.highlights if span[0] <= h[0] < span[1]))
    record = hit.record
    start, end = hit.start + s, hit.start + e
    inside = tuple((a - s, b - s) for a, b in hit.highlights if s <= a and b <= e)
    quote = Quote(
        record.text[start:end],
        record.source,
        record.id,
        start,
        end,
        inside,
        record.title,
        record.organization,
        record.year,
        record.url,
        record.page_at(start),
    )
    name = record.organization or record.title
    return OrganizationAnswer(name, record.year, record.kind, (quote,), hit.score, record.unit)


def ask_in_context(
    searcher: Searcher, question: str, context: Context | None, filters: Filters | None = None
) -> tuple[Answer, Context]:
    """Answer ``question`` in a conversation; returns the answer and the context for the next one."""
    question = question.strip()[:MAX_QUESTION]
    filters = filters or Filters()
    if not refers_back(question):  # a question on its own is answered as `ask` answers it
        answer = ask(searcher, question, filters=filters)
        return answer, Context(tuple(o.name for o in answer.organizations), filters)
    year = year_in(question)
    if year is not None and filters.year is None:
        filters = dataclasses.replace(filters, year=year)
    language = detect_language(question)
    previous = context.organizations if context else ()
    if not previous:
        answer = ask(searcher, question, filters=filters)
        note = (
            "Jag vet inte vilka frågan syftar på (inget tidigare svar nämner några huvudmän); "
            "svaret gäller alla dokument. "
            if language == "sv"
            else "I cannot tell whom the question refers to (no earlier answer names any); "
            "this answer covers all documents. "
        )
        answer = dataclasses.replace(answer, summary=note + answer.summary)
        return answer, Context(tuple(o.name for o in answer.organizations), filters)
    plain = " ".join(_REFERS.sub(" ", question).split())
    found: list[OrganizationAnswer] = []
    for name in previous:
        narrowed = dataclasses.replace(filters, organization=name)
        answer = ask(searcher, plain, filters=narrowed)
        if answer.answered and answer.organizations:
            found.append(answer.organizations[0])
        else:
            best = _best_quote(searcher, plain, narrowed)
            if best is not None:
                found.append(best)
    names = [o.name for o in found]
    when = f" ({filters.year})" if filters.year else ""
    if language == "sv":
        summary = (
            f"Av huvudmännen i förra svaret passar {len(found)} av {len(previous)}{when}: {', '.join(names)}."
            if found
            else f"Inget i dokumenten om huvudmännen i förra svaret ({', '.join(previous)}) svarar på frågan{when}."
        )
    else:
        summary = (
            f"Of the organizations in the previous answer, {len(found)} of {len(previous)} fit{when}: "
            f"{', '.join(names)}."
            if found
            else f"Nothing in the documents about the previous answer's organizations ({', '.join(previous)}) "
            f"answers it{when}."
        )
    quotes = tuple(q for o in found for q in o.quotes)
    answer = Answer(question, language, bool(found), summary, tuple(found), (), "organizations", quotes)
    return answer, Context(tuple(names) if found else previous, filters)
