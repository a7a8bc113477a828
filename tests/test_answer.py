import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ARTICLE, PRESS_RELEASE, RECIPIENTS_PAGE, write_corpus

from skolsok import Filters, Searcher, ask, build_index, detect_language, load_questions
from skolsok.answer import is_list_question, sentence_spans
from skolsok.cli import main

LIST_RELEASE = """Eriksby kommun får utmärkelse för digital skolutveckling

Tillsammans med tre andra skolhuvudmän får Eriksby kommun utmärkelsen Guldtrappan 2024.

Eriksby kommun har byggt upp ett nätverk av it-pedagoger på alla skolor.

De andra huvudmännen som tillsammans med Eriksby kommun får utmärkelsen är Fjällby kommun, grundskola; Granby stad, förskola; Hoppla förskoleverksamhet.

Kontakt: Eva Ek, eva.ek@eriksby.se
"""


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    root = tmp_path_factory.mktemp("answers")
    corpus = write_corpus(
        root / "corpus",
        {
            "mottagare-2023.txt": RECIPIENTS_PAGE,
            "cederkoping.txt": PRESS_RELEASE,
            "dalby.md": ARTICLE,
            "eriksby.txt": LIST_RELEASE,
        },
    )
    build_index(corpus, root / "index")
    return Searcher.open(root / "index")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Vilka kommuner har IT-råd?", "sv"),
        ("Which municipalities use IT councils?", "en"),
        ("Hur lagar man köttbullar?", "sv"),
        ("What is the Guldtrappan award given for?", "en"),
        ("Who finances digital tools centrally?", "en"),
        ("självskattning", "sv"),
    ],
)
def test_language_detection(question: str, language: str):
    assert detect_language(question) == language


@pytest.mark.parametrize(
    ("question", "listing"),
    [
        ("Vilka kommuner har IT-råd?", True),
        ("Which municipalities use IT councils?", True),
        ("Vilken kommun har en servicedesk?", False),
        ("Which municipality has a digital agenda?", False),
        ("Vem ansvarar för digitaliseringen?", False),
        ("Which Swedish cities use tablets?", True),
    ],
)
def test_list_question_detection(question: str, listing: bool):
    assert is_list_question(question) is listing


def test_sentences_exclude_the_quotation_marks_around_a_motivation():
    text = "Juryns motivering:\n\n”Första meningen. Andra meningen.”"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Juryns motivering:", "Första meningen.", "Andra meningen."]


def test_answer_names_the_organization_and_quotes_the_exact_sentence(searcher: Searcher):
    answer = ask(searcher, "Vilken kommun har ett digitaliseringsråd?")
    assert answer.answered and answer.language == "sv"
    assert answer.summary == "En huvudman nämner digitaliseringsråd: Ankeby kommun (2023)."
    org = answer.organizations[0]
    assert (org.name, org.unit, org.year, org.kind) == (
        "Ankeby kommun",
        "barn- och utbildningsförvaltningen",
        2023,
        "jury_motivation",
    )
    quote = org.quotes[0]
    assert quote.text == "I Ankeby kommun leder ett digitaliseringsråd med rektorer arbetet."
    assert searcher.index.records[quote.record_id].text[quote.start : quote.end] == quote.text
    assert [quote.text[s:e] for s, e in quote.highlights] == ["kommun", "digitaliseringsråd"]
    assert quote.source == "mottagare-2023.txt"


def test_an_english_question_gets_an_english_answer(searcher: Searcher):
    answer = ask(searcher, "Which city uses digital exams?")
    assert answer.language == "en"
    assert answer.organizations[0].name == "Bullerby stad"
    assert answer.summary.startswith(("One organizer", "Two organizers"))
    assert "(2023, jury motivation)" in answer.answer


def test_a_list_question_gathers_the_organizations_a_listing_names(searcher: Searcher):
    answer = ask(searcher, "Vilka skolhuvudmän fick Guldtrappan 2024?")
    names = [o.name for o in answer.organizations]
    assert names[0] == "Eriksby kommun"
    assert {"Fjällby kommun", "Granby stad", "Hoppla förskoleverksamhet"} <= set(names)
    fjallby = next(o for o in answer.organizations if o.name == "Fjällby kommun")
    assert (fjallby.named_in, fjallby.year) == ("Eriksby kommun", 2024)
    assert fjallby.quotes[0].text.startswith("De andra huvudmännen som tillsammans med Eriksby kommun")
    assert "Fjällby kommun (2024, nämns i Eriksby kommun)" in answer.answer


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("Hur lagar man köttbullar?", "Jag hittar inget om det i dokumenten."),
        ("How do I bake bread?", "I found nothing about that in the documents."),
    ],
)
def test_off_topic_questions_abstain(searcher: Searcher, question: str, message: str):
    answer = ask(searcher, question)
    assert (answer.answered, answer.organizations, answer.answer) == (False, (), message)


def test_filters_that_exclude_everything_abstain(searcher: Searcher):
    answer = ask(searcher, "Vilka kommuner har ett digitaliseringsråd?", filters=Filters(year=1990))
    assert (answer.answered, answer.summary) == (False, "Jag hittar inget om det i dokumenten.")


def test_json_contract_through_the_cli(searcher: Searcher):
    result = CliRunner().invoke(
        main, ["ask", "Vem har it-pedagoger på varje skola?", "--json", "--index", str(searcher.index.path.parent)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"question", "language", "answered", "answer", "organizations"}
    assert data["answered"] is True
    org = data["organizations"][0]
    assert set(org) >= {"name", "year", "kind", "quotes"}
    assert set(org["quotes"][0]) >= {"text", "source", "start", "end"}


def test_cli_abstention_is_plain_text(searcher: Searcher):
    result = CliRunner().invoke(main, ["ask", "Hur lagar man köttbullar?", "--index", str(searcher.index.path.parent)])
    assert (result.exit_code, result.stdout) == (0, "Jag hittar inget om det i dokumenten.\n")


DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"


@pytest.fixture(scope="module")
def seed_searcher(seed_index: Path) -> Searcher:
    return Searcher.open(seed_index)


@pytest.mark.skipif(not DEV.is_file(), reason="needs ../shared/eval/dev.jsonl beside the checkout")
def test_every_quote_of_every_dev_answer_is_verbatim(seed_searcher: Searcher):
    questions = load_questions(DEV)
    quotes = 0
    for question in questions:
        answer = ask(seed_searcher, question.question)
        assert answer.answered == question.answerable, question.id
        for org in answer.organizations:
            for quote in org.quotes:
                record = seed_searcher.index.records[quote.record_id]
                assert record.text[quote.start : quote.end] == quote.text, question.id
                assert quote.source == record.source
                for start, end in quote.highlights:
                    assert 0 <= start < end <= len(quote.text)
                quotes += 1
    assert quotes > len(questions)
