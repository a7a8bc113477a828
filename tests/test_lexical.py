import numpy as np
import pytest

from skolsok.lexical import Analyzer, LexicalIndex, learn_vocabulary, split_compound

WORDS = {
    "digitalisering",
    "råd",
    "rådet",
    "skola",
    "skol",
    "blogg",
    "förskola",
    "kola",
    "förs",
    "utveckling",
    "lärare",
    "huvudmän",
    "effekt",
    "kedja",
    "modellen",
}


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("digitaliseringsråd", ["digitalisering", "råd"]),  # linking s after -ing
        ("digitaliseringsrådet", ["digitalisering", "rådet"]),
        ("skolblogg", ["skol", "blogg"]),
        ("utvecklingslärare", ["utveckling", "lärare"]),
        ("förskola", []),  # known and short: lexicalized, never "förs" + "kola"
        ("kaffe", []),  # too short
        ("okänttord", []),  # no known parts
    ],
)
def test_split_compound(word: str, parts: list[str]):
    assert split_compound(word, WORDS.__contains__) == parts


def test_known_long_compound_splits_only_into_long_parts():
    known = WORDS | {"skolhuvudmän"}
    assert split_compound("skolhuvudmän", known.__contains__) == ["skol", "huvudmän"]


def test_hyphenated_words_yield_their_parts_and_stopwords_are_dropped():
    analyzer = Analyzer(lexicon=frozenset(WORDS | {"bloggen"}))
    assert analyzer.terms("IT-råd och skolbloggen") == ["it-råd", "it", "råd", "skolblogg", "skol", "blogg"]


def test_lemma_table_maps_inflections_together():
    analyzer = Analyzer(lemmas={"fick": "få", "får": "få", "huvudmännen": "huvudman", "huvudmän": "huvudman"})
    assert analyzer.terms("fick") == analyzer.terms("får")
    assert analyzer.terms("huvudmännen") == analyzer.terms("huvudmän")


TEXTS = [
    "Digitaliseringsråd organiseras för bred förankring.",
    "IT-råd för skola och förskola består av rektorer.",
    "Huvudmännen fick utmärkelsen för sitt arbete.",
    "Alla elever har egna datorer.",
]


@pytest.fixture(scope="module")
def lexical() -> LexicalIndex:
    return LexicalIndex.build(TEXTS)


def test_a_short_query_word_reaches_compounds(lexical: LexicalIndex):
    result = lexical.scores("råd")
    assert set(np.flatnonzero(result.scores)) == {0, 1}
    assert lexical.analyzer.matches(TEXTS[0], result.terms) == [(0, 18)]


def test_inflected_forms_match_through_lemmas(lexical: LexicalIndex):
    result = lexical.scores("Vilka huvudmän får utmärkelser?")
    assert int(np.argmax(result.scores)) == 2
    assert result.coverage == 1.0


def test_coverage_is_low_for_a_question_in_another_language(lexical: LexicalIndex):
    assert lexical.scores("Which organizers use councils?").coverage == 0.0
    assert lexical.scores("Vilka huvudmän har råd?").coverage == 1.0


def test_english_function_words_match_nothing():
    texts = ["Rapporten Future of Learning finns på engelska.", "IT i skolan för alla elever."]
    lexical = LexicalIndex.build(texts)
    result = lexical.scores("What is the future of IT in school?")
    assert "of" not in result.terms and "the" not in result.terms
    assert "it" in result.terms  # in Swedish text "IT" is information technology
    village = LexicalIndex.build(["Skolan i byn har fått nya datorer.", "Alla elever har datorer."])
    assert "by" in village.scores("Skolan i by").terms  # a Swedish word too: kept


def test_save_and_load_round_trip(lexical: LexicalIndex, tmp_path):
    lexical.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert np.allclose(loaded.scores("digitaliseringsrådet").scores, lexical.scores("digitaliseringsrådet").scores)
    assert loaded.analyzer.compounds == lexical.analyzer.compounds


def test_a_form_the_dictionary_gets_wrong_is_put_right():
    # simplemma takes "vann" (won) for a form of "vanna" (a tub).
    analyzer = learn_vocabulary(["Atea har vunnit upphandlingen."])
    assert analyzer.word_terms("vann") == analyzer.word_terms("vunnit") == ("vinn",)
