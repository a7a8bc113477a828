import pytest

from skolsok import Searcher
from skolsok.glossary import Glossary, default_glossary

TABLE = """| Swedish | English | note |
|---|---|---|
| it-pedagog, it-handledare, utvecklingslärare | IT pedagogue, IT supervisor, development teacher | |
| vuxenutbildning (komvux) | adult education | |
| huvudman (pl. huvudmän) | school organizer / organizer | |
| kommun / stad | municipality / city | |
"""


def test_aligned_cells_pair_up_and_parentheses_add_terms():
    glossary = Glossary.parse(TABLE)
    entries = dict(glossary.entries)
    assert entries["it supervisor"] == ("it-handledare",)
    assert entries["development teacher"] == ("utvecklingslärare",)
    assert entries["adult education"] == ("vuxenutbildning", "komvux")
    assert entries["organizer"] == ("huvudman", "huvudmän")
    assert [phrase for phrase, _ in glossary.entries][:2] == ["development teacher", "school organizer"]


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Who runs a blog written by development teachers?", ["utvecklingslärare"]),
        ("Which municipalities have IT supervisors?", ["it-handledare", "kommun"]),
        ("Which school organizers offer adult education?", ["huvudman", "huvudmän", "vuxenutbildning", "komvux"]),
        ("Vilka kommuner har IT-råd?", []),
    ],
)
def test_translate_finds_phrases_and_their_plurals(text: str, terms: list[str]):
    assert Glossary.parse(TABLE).translate(text) == terms


def test_the_shipped_glossary_knows_the_school_vocabulary():
    assert default_glossary().translate("Which municipalities use IT councils?") == ["kommun", "it-råd"]


def test_the_shipped_lexicon_gives_everyday_school_words_their_swedish_terms():
    # The glossary names the corpus's own concepts; the lexicon the everyday words of the field.
    translate = default_glossary().translate
    assert translate("Which supplier took the procurement to court?") == ["upphandling", "leverantör", "domstol"]
    assert translate("Do pupils use tablets?") == ["elever", "läsplatta", "surfplatta", "lärplatta", "ipad"]
    assert translate("Who chairs the education committee?") == ["utbildningsnämnd", "ordförande"]
    assert translate("Which primary schools have four components?") == ["grundskola", "komponenter"]


def test_an_english_question_gets_lexical_support_from_the_glossary(e5_index):
    with_glossary = Searcher.open(e5_index)
    without = Searcher(with_glossary.index, with_glossary.embedder, glossary=Glossary(()))
    query = "Which municipalities have an IT council?"
    assert with_glossary.retrieve(query).coverage > without.retrieve(query).coverage
    hit = with_glossary.search(query, top_k=1)[0]
    assert (hit.record.organization, hit.lexical_score > 0) == ("Ankeby kommun", True)


def test_a_swedish_word_s_synonyms_are_the_terms_of_its_row_in_any_inflection():
    synonyms = default_glossary().synonyms
    assert synonyms("surfplattor") == ["läsplatta", "surfplatta", "lärplatta", "ipad"]
    # A compound whose modifier is a term is no form of it; a word alone in its row has none.
    assert synonyms("elevdatorer") == []
    assert synonyms("kriterier") == []
    # Kinds of one concept are no synonyms of each other, and a phrase is no word.
    assert synonyms("grundsärskolor") == [] and synonyms("förvaltningar") == []
    assert synonyms("prov") == []


def test_a_row_of_a_concept_and_its_kinds_holds_no_synonyms():
    glossary = Glossary.parse(
        "| gymnasium, gymnasieskola | upper secondary school |\n| särskola, grundsärskola | special school |"
    )
    assert glossary.synonyms("gymnasieskolor") == ["gymnasium", "gymnasieskola"]
    assert glossary.synonyms("grundsärskolan") == []
