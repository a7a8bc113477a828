"""Bad questions never escape as unexpected exceptions; concurrent use returns sequential results."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skolsok import Answer, Filters, InvalidQueryError, Searcher, ask

NASTY = [
    "",
    "   \t\n",
    "\x00\x01\x02\x1b[31m",
    "🙂" * 200,
    "👩‍👩‍👧‍👦 vilka skolor? 🏫",
    "<script>alert(1)</script>",
    "'; DROP TABLE records; --",
    "../../../../etc/passwd",
    "C:\\Windows\\System32\\config",
    "%s%s%n%x {0} ${HOME} $(rm -rf /)",
    "\ud800 lone surrogate",
    "\u202eevil\u202c \ufeff\u200b",
    "IT-råd " * 20_000,  # about 140 000 characters
    "a" * 100_000,
    "?!.,;:",
    "المدارس الرقمية",
    "数字化学校",
]
FILTERS = st.builds(
    Filters,
    organization=st.none() | st.sampled_from(["Karlstad", "<b>", "../etc", ""]),
    year=st.none() | st.integers(min_value=-5, max_value=3000),
    school_form=st.none() | st.sampled_from(["förskola", "gymnasium", "universitet", ""]),
    kind=st.none() | st.sampled_from(["jury_motivation", "artikel", "blog", ""]),
)
QUESTIONS = st.sampled_from(NASTY) | st.text(max_size=300)
PROPERTY = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def searcher(seed_index: Path) -> Searcher:
    return Searcher.open(seed_index)


@PROPERTY
@given(query=QUESTIONS, filters=FILTERS, top_k=st.integers(min_value=1, max_value=30))
def test_search_returns_hits_or_a_clear_error(searcher: Searcher, query: str, filters: Filters, top_k: int):
    try:
        hits = searcher.search(query, top_k=top_k, filters=filters)
    except InvalidQueryError as exc:
        assert str(exc)  # a message for the user, e.g. "the query is empty: …"
        return
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    for hit in hits:
        assert hit.record.text[hit.start : hit.end] == hit.text


@PROPERTY
@given(question=QUESTIONS, filters=FILTERS)
def test_ask_answers_abstains_or_gives_a_clear_error(searcher: Searcher, question: str, filters: Filters):
    try:
        answer = ask(searcher, question, filters=filters)
    except InvalidQueryError as exc:
        assert str(exc)
        return
    assert isinstance(answer, Answer) and answer.answer
    assert answer.answered == bool(answer.organizations)
    for org in answer.organizations:
        for quote in org.quotes:
            assert searcher.index.records[quote.record_id].text[quote.start : quote.end] == quote.text


WORKLOAD = [
    ("search", "Vilka kommuner har IT-råd?", Filters()),
    ("ask", "Vilka kommuner har IT-råd?", Filters()),
    ("search", "Which municipalities use IT councils?", Filters(year=2021)),
    ("ask", "Vilka huvudmän har en tydlig styrkedja?", Filters()),
    ("search", "självskattning", Filters(school_form="förskola")),
    ("ask", "Hur lagar man köttbullar?", Filters()),
    ("search", "digitala prov", Filters(kind="jury_motivation")),
    ("ask", "Who finances digital tools centrally?", Filters()),
    ("search", "fjärrundervisning", Filters(organization="Alingsås")),
    ("ask", "Vilka skolhuvudmän fick Guldtrappan 2020?", Filters()),
]


def _run(searcher: Searcher, job: tuple[str, str, Filters]) -> object:
    kind, text, filters = job
    if kind == "search":
        return [(h.passage_id, h.score) for h in searcher.search(text, top_k=10, filters=filters)]
    return ask(searcher, text, filters=filters).to_dict()


def test_eight_threads_get_exactly_the_sequential_results(searcher: Searcher):
    jobs = [WORKLOAD[i % len(WORKLOAD)] for i in range(200)]
    expected = [_run(searcher, job) for job in jobs]
    start = threading.Barrier(8)

    def worker(slot: int) -> list[tuple[int, object]]:
        start.wait()
        return [(i, _run(searcher, jobs[i])) for i in range(slot, len(jobs), 8)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(pair for chunk in pool.map(worker, range(8)) for pair in chunk)
    assert [results[i] for i in range(len(jobs))] == expected
