from pathlib import Path

import pytest
from conftest import ARTICLE, BOILERPLATE, PRESS_RELEASE, RECIPIENTS_PAGE, write_corpus

from skolsok import CorpusNotFoundError, load_corpus
from skolsok.records import school_forms_in


def test_recipients_page_is_split_into_one_record_per_recipient(tiny_corpus: Path):
    corpus = load_corpus(tiny_corpus)
    page = next(d for d in corpus.documents if d.source == "mottagare-2023.txt")
    assert [r.id for r in page.records] == ["mottagare-2023.txt#1", "mottagare-2023.txt#2"]
    ankeby, bullerby = page.records
    assert (ankeby.organization, ankeby.unit, ankeby.school_forms) == (
        "Ankeby kommun",
        "barn- och utbildningsförvaltningen",
        ("förskola", "grundskola"),
    )
    assert (bullerby.organization, bullerby.unit, bullerby.school_forms) == (
        "Bullerby stad",
        "gymnasieförvaltningen",
        ("gymnasieskola", "vuxenutbildning"),
    )
    for record in page.records:
        assert (record.year, record.award, record.kind) == (2023, "Guldtrappan", "jury_motivation")
    assert "Bullerby" not in ankeby.text and "Ankeby" not in bullerby.text


def test_jury_motivation_span_points_at_the_jury_text(tiny_corpus: Path):
    corpus = load_corpus(tiny_corpus)
    bullerby = next(r for r in corpus.records if r.organization == "Bullerby stad")
    assert bullerby.motivation is not None
    start, end = bullerby.motivation
    assert bullerby.text[start:end] == (
        "Bullerby stads gymnasieskolor använder digitala prov i alla ämnen. "
        "En gemensam lärplattform samlar allt material."
    )


def test_boilerplate_navigation_and_comment_forms_are_removed(tiny_corpus: Path):
    corpus = load_corpus(tiny_corpus)
    text = "\n".join(r.text for r in corpus.records)
    for gone in ("Varje huvudman", "Video\n", "Kommentera", "E-postadressen", "anna.andersson@", "Publicerad"):
        assert gone not in text
    reasons = {item.reason for doc in corpus.documents for item in doc.removed}
    assert reasons == {"repeated boilerplate", "navigation", "publication stamp", "contact details", "comment section"}


def test_press_release_metadata_comes_from_its_text(tiny_corpus: Path):
    record = next(r for r in load_corpus(tiny_corpus).records if r.source == "cederkoping.txt")
    assert record.title == "Cederköping får digitaliseringspris"
    assert record.organization == "Cederköpings kommun"
    assert record.school_forms == ("grundskola", "gymnasieskola")
    assert (record.year, record.award, record.kind) == (2022, "Guldtrappan", "press_release")


def test_article_without_press_signals_is_an_article(tiny_corpus: Path):
    record = next(r for r in load_corpus(tiny_corpus).records if r.source == "dalby.md")
    assert (record.organization, record.kind, record.year) == ("Dalby stad", "article", None)


def test_front_matter_overrides_extracted_metadata(tmp_path: Path):
    text = (
        "---\norganization: Eriksby kommun\nyear: 2019\nschool_forms: [förskola, gymnasium]\nkind: article\n---\n"
        + PRESS_RELEASE
    )
    record = load_corpus(write_corpus(tmp_path / "c", {"a.md": text})).records[0]
    assert (record.organization, record.year, record.school_forms, record.kind) == (
        "Eriksby kommun",
        2019,
        ("förskola", "gymnasieskola"),
        "article",
    )
    assert record.text.startswith("Cederköping får digitaliseringspris")


def test_invalid_front_matter_is_ignored_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    corpus = load_corpus(write_corpus(tmp_path / "c", {"a.md": "---\nyear: [unclosed\n---\n" + ARTICLE}))
    assert corpus.records[0].organization == "Dalby stad"
    assert any("front matter ignored: invalid YAML" in w for w in corpus.documents[0].warnings)


@pytest.mark.parametrize(
    ("phrase", "forms"),
    [
        (
            "förskola, grund- och gymnasieskola samt vuxenutbildning",
            ("förskola", "grundskola", "gymnasieskola", "vuxenutbildning"),
        ),
        ("gymnasium inklusive särskolor", ("gymnasieskola", "särskola")),
        ("grundsärskola och gymnasiesärskola", ("grundsärskola", "gymnasiesärskola")),
        ("barn- och utbildningssektorn", ()),
        ("komvux", ("vuxenutbildning",)),
    ],
)
def test_school_forms_are_normalized(phrase: str, forms: tuple[str, ...]):
    assert school_forms_in(phrase) == forms


def test_a_new_page_for_another_municipality_parses_without_code_changes(tmp_path: Path):
    page = RECIPIENTS_PAGE.replace("Ankeby", "Östervik").replace("2023", "2024")
    record = load_corpus(write_corpus(tmp_path / "c", {"x.txt": page})).records[0]
    assert (record.organization, record.year) == ("Östervik kommun", 2024)


def test_bad_files_are_skipped_with_a_reason(tmp_path: Path):
    folder = write_corpus(
        tmp_path / "c",
        {
            "good.txt": ARTICLE,
            "copy.txt": ARTICLE,
            "empty.txt": "  \n",
            "binary.txt": b"\x00\x01\x02PNG",
            "only-boilerplate.txt": f"{BOILERPLATE}\n\n{BOILERPLATE}\n\nVideo\n",
            "latin1.txt": "Eksby kommun satsar på it-pedagoger i förskolan.".encode("cp1252"),
            ".hidden.txt": ARTICLE,
            "notes.pdf": "ignored",
        },
    )
    corpus = load_corpus(folder)
    skipped = {s.source: s.reason for s in corpus.skipped}
    assert len(corpus.skipped) == len(skipped) == 5  # each problem file once
    assert skipped["binary.txt"] == "binary file, not text"
    assert skipped["notes.pdf"] == "not a PDF although its name ends in .pdf (damaged or renamed)"
    assert skipped["empty.txt"] == "empty file"
    assert skipped["good.txt"] == "duplicate of copy.txt"  # files are read in name order
    assert skipped["only-boilerplate.txt"] == "only boilerplate, no content left after cleaning"
    assert sorted(d.source for d in corpus.documents) == ["copy.txt", "latin1.txt"]
    latin1 = next(d for d in corpus.documents if d.source == "latin1.txt")
    assert latin1.warnings == ("not UTF-8; read as Windows-1252",)
    assert latin1.records[0].text == "Eksby kommun satsar på it-pedagoger i förskolan."


def test_missing_corpus_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(CorpusNotFoundError, match=r"^corpus folder not found: .*nope \(pass --corpus DIR"):
        load_corpus(tmp_path / "nope")


def test_a_50_mb_file_is_skipped_without_being_read(tmp_path: Path):
    folder = write_corpus(tmp_path / "c", {"ok.txt": ARTICLE})
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: instant to make, 50 MB to anyone who reads it
    corpus = load_corpus(folder)
    assert [(s.source, s.reason) for s in corpus.skipped] == [("huge.txt", "too large (52.4 MB; limit 5 MB)")]
    assert [d.source for d in corpus.documents] == ["ok.txt"]


@pytest.mark.parametrize(
    ("source", "organization"),
    [
        ("https://www.lulea.se/nyheter/ny-ikt-pedagog.html", "Luleå kommun"),
        ("http://pedagog.goteborg.se/artikel/programmering", "Göteborgs Stad"),
        ("https://www.upplandsvasby.se/skola", "Upplands Väsby kommun"),
        ("https://www.jonkoping.se/nyheter", "Jönköpings kommun"),
        ("https://www.tidningen.se/nyheter/skolan", None),  # a newspaper names no organization
    ],
)
def test_a_page_on_a_municipality_s_own_site_is_that_municipality_s(tmp_path: Path, source: str, organization: str):
    page = (
        f"Källa: {source}\n\nNy lärplattform för förskolan\n\n"
        "Utbildningsnämnden beslutade i maj att teckna avtal med en ny leverantör av lärplattform. "
        "Förskollärarna ska använda den när de planerar arbetet.\n"
    )
    record = load_corpus(write_corpus(tmp_path / "c", {"nyhet.txt": page})).records[0]
    assert record.organization == organization


@pytest.mark.parametrize(
    ("site", "organization"),
    [
        ("Ankebyskolorna", "Ankebyskolorna"),  # a school organizer's own site, as the address spells it
        ("Bullerby Skolor", "Bullerby Skolor"),  # a group of independent schools
        ("Skoltidningen", None),  # a magazine's site: its name says nothing of who the page is about
    ],
)
def test_a_page_on_a_school_organizer_s_own_site_is_that_organizer_s(
    tmp_path: Path, site: str, organization: str | None
):
    page = (
        f"Källa: https://www.{site.casefold().replace(' ', '')}.se/om-oss/digitala-verktyg\n\n{site}\n"
        "Om oss | Våra skolor | Kontakt\n\nSå arbetar vi med digitala verktyg\n\n"
        "Varje elev från årskurs 4 lånar en egen dator som får tas hem. "
        "Mobilerna lämnas in i ett skåp när skoldagen börjar.\n"
    )
    record = load_corpus(write_corpus(tmp_path / "c", {"sida.txt": page})).records[0]
    assert record.organization == organization
