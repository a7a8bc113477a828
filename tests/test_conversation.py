"""Follow-up questions resolved against the previous answer, and which search hits a person sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from skolsok import Context, Filters, Searcher, ask_in_context
from skolsok.conversation import MAX_QUESTION, refers_back, year_in
from skolsok.relevance import relevant_hits


@pytest.fixture(scope="module")
def searcher(seed_index: Path) -> Searcher:
    return Searcher.open(seed_index)


def test_reference_words_and_years_are_recognized():
    assert refers_back("Vilka av dem fick Guldtrappan 2021?")
    assert refers_back("Which of those use it?")
    assert not refers_back("Vilka kommuner har IT-råd?")
    assert not refers_back("Vilka demokratiprojekt finns?")  # "dem" only as a word
    assert year_in("Vilka av dem fick Guldtrappan 2021?") == 2021
    assert year_in("Vilka har 300 elever?") is None


def test_a_follow_up_is_answered_among_the_previous_organizations_and_its_year(searcher: Searcher):
    first, context = ask_in_context(searcher, "Vilka huvudmän har en tydlig styrkedja?", None)
    assert [(o.name, o.year) for o in first.organizations] == [
        ("Göteborgs stad", 2021),
        ("Södertälje kommun", 2020),
        ("Karlstads kommun", 2021),
        ("Hallstahammars kommun", 2021),
    ]
    follow, after = ask_in_context(searcher, "Vilka av dem fick Guldtrappan 2021?", context)
    names = [o.name for o in follow.organizations]
    assert names == ["Göteborgs stad", "Karlstads kommun", "Hallstahammars kommun"]
    assert "Södertälje kommun" not in names  # 2020: the year in the question is a filter
    assert follow.summary == (
        "Av huvudmännen i förra svaret passar 3 av 4 (2021): Göteborgs stad, Karlstads kommun, Hallstahammars kommun."
    )
    assert all(o.year == 2021 for o in follow.organizations)
    assert after.filters == Filters(year=2021)
    assert after.organizations == tuple(names)


def test_a_follow_up_without_anything_to_refer_to_says_so(searcher: Searcher):
    answer, _ = ask_in_context(searcher, "Vilka av dem fick Guldtrappan 2021?", Context())
    assert answer.summary.startswith(
        "Jag vet inte vilka frågan syftar på (inget tidigare svar nämner några huvudmän); svaret gäller alla dokument. "
    )


def test_a_long_question_is_cut_before_it_is_kept(searcher: Searcher):
    answer, _ = ask_in_context(searcher, "IT-råd " * 2000, None)
    assert len(answer.question) <= MAX_QUESTION


def test_search_shows_no_hits_for_nonsense_and_no_overlapping_passages(searcher: Searcher):
    query = "pizzarecept med ananas"
    assert len(searcher.search(query, top_k=10)) == 10  # the ranking always fills up...
    assert relevant_hits(searcher.search(query, top_k=10), query) == []  # ...a person sees none
    hits = relevant_hits(searcher.search("IT-råd", top_k=10), "IT-råd")
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert hits[0].record.organization == "Karlstads kommun"
    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            assert a.record.id != b.record.id or a.end <= b.start or b.end <= a.start
